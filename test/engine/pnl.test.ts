import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input } from "../helpers/vectors";

/** Prices and quantities as decimal strings, so the properties run on exact decimal inputs. */
const price = fc.integer({ min: 1, max: 10_000_000 }).map((c) => new D(c).div(100).toString());
const qty = fc.integer({ min: 1, max: 1_000_000 }).map((c) => new D(c).div(1000).toString());
const fee = fc.integer({ min: 0, max: 100 }).map((c) => new D(c).div(100000).toString());
const sideArb = fc.constantFrom("long", "short");

describe("PNL", () => {
  it("reproduces the Binance ROI example (lev-002): 0.5 BTC long 60,000 → 61,000 makes 500", () => {
    const v = (k: string) => input("lev-002", k);
    expectVector("lev-002", "pnl", num(F.PNL, "long", v("entry_price"), v("exit_price"), v("qty_base")));
  });

  it("reproduces Bybit's closed PnL (fut-bybit-usdt-02): short 0.4 at 6,000 → 5,000, 0.055 % taker, 2.1 funding paid", () => {
    const v = (k: string) => input("fut-bybit-usdt-02", k);
    expectVector("fut-bybit-usdt-02", "position_pnl", num(F.PNL, "short", v("entry_price"), v("exit_price"), v("qty")));
    expectVector(
      "fut-bybit-usdt-02",
      "closed_pnl",
      num(F.PNL, "short", v("entry_price"), v("exit_price"), v("qty"), 1, v("taker_fee"), v("funding_paid")),
    );
  });

  it("reproduces the stock-profit example (sp-02): 100 shares 150 → 180 with 1 % commission each way makes 2,670", () => {
    const v = (k: string) => input("sp-02", k);
    expectVector("sp-02", "profit", num(F.PNL, "long", v("buy_price"), v("sell_price"), v("shares"), 1, v("commission_rate")));
  });

  it.each([
    // Hargreaves-style share deal in pence (sp-04): 10,000 shares 299p → 303.5p, gross £450
    ["sp-04", "gross_profit_gbp", "long", 2.99, 3.035, 10000, 1, 0],
    // IG CFD (cfd-04): 2,000 at 23.92 → 24.20
    ["cfd-04", "profit", "long", 23.92, 24.2, 2000, 1, 0],
    // Intertrader CFD (cfd-06): 1,000 at 215p → 233.3p, 0.1 % commission each side: 183 − 2.15 − 2.333
    ["cfd-06", "net_profit", "long", 2.15, 2.333, 1000, 1, 0.001],
    // IG spread bets (sb-02): £10 a point, sell 5634 closed 5653; buy 5635 closed 5652
    ["sb-02", "sell_pnl", "short", 5634, 5653, 10, 1, 0],
    ["sb-02", "buy_pnl", "long", 5635, 5652, 10, 1, 0],
    // Spread bet in cents (sb-04): £5 a cent on Ryanair 6.06 → 7.06; contract size 1/point = 100
    ["sb-04", "ryanair_pnl", "long", 6.06, 7.06, 5, 100, 0],
    // FTSE short at £4 a point, 6500 → 6400
    ["sb-04", "ftse_short_pnl", "short", 6500, 6400, 4, 1, 0],
    // crypto profit (cprofit-02): 1,000 invested at 0.5 = 2,000 coins, sold at 0.8
    ["cprofit-02", "profit", "long", 0.5, 0.8, 2000, 1, 0],
  ])("reproduces %s (%s)", (id, key, side, entry, exit, q, cs, f) => {
    expectVector(id, key, num(F.PNL, side, entry, exit, q, cs, f));
  });

  it("is exact in decimal: long 0.1 → 0.3 on 3 units is 0.6, not 0.6000000000000001", () => {
    expect(exact(F.PNL, "long", 0.1, 0.3, 3)).toBe("0.6");
  });

  it("is the mirror image for long and short without fees", () => {
    fc.assert(
      fc.property(price, price, qty, (e, x, q) => {
        const long = F.PNL.apply(["long", e, x, q]) as F.Dec;
        const short = F.PNL.apply(["short", e, x, q]) as F.Dec;
        expect(long.add(short).isZero()).toBe(true);
      }),
    );
  });

  it("costs both sides the same fees: long + short = −2·fee·(entry + exit)·q", () => {
    fc.assert(
      fc.property(price, price, qty, fee, (e, x, q, f) => {
        const long = F.PNL.apply(["long", e, x, q, 1, f]) as F.Dec;
        const short = F.PNL.apply(["short", e, x, q, 1, f]) as F.Dec;
        const fees = new D(f).mul(new D(e).add(x)).mul(q).mul(2);
        expect(long.add(short).eq(fees.neg())).toBe(true);
      }),
    );
  });

  it("is linear in quantity", () => {
    fc.assert(
      fc.property(sideArb, price, price, qty, fee, fc.integer({ min: 2, max: 50 }), (s, e, x, q, f, k) => {
        const one = F.PNL.apply([s, e, x, q, 1, f]) as F.Dec;
        const many = F.PNL.apply([s, e, x, new D(q).mul(k).toString(), 1, f]) as F.Dec;
        expect(many.eq(one.mul(k))).toBe(true);
      }),
    );
  });

  it.each([
    ["side", ["lnog", 1, 2, 1], "VALUE"],
    ["side", [0, 1, 2, 1], "VALUE"],
    ["side", [undefined, 1, 2, 1], "VALUE"],
    ["entry", ["long", 0, 2, 1], "NUM"],
    ["entry", ["long", -3, 2, 1], "NUM"],
    ["entry", ["long", "", 2, 1], "VALUE"],
    ["exit", ["long", 1, "2 dollars", 1], "VALUE"],
    ["quantity", ["long", 1, 2, -1], "NUM"],
    ["fee_rate", ["long", 1, 2, 1, 1, 1], "NUM"],
    ["contract_size", ["long", 1, 2, 1, 0], "NUM"],
  ])("rejects a bad %s (%p) with %s", (field, args, code) => {
    expect(errorOf(F.PNL, ...(args as unknown[]))).toEqual({ code, field });
  });

  it.each([
    ["long", 1],
    ["LONG", 1],
    [" buy ", 1],
    ["l", 1],
    [1, 1],
    ["1", 1],
    ["short", -1],
    ["Sell", -1],
    ["S", -1],
    [-1, -1],
    [" -1 ", -1],
  ])("reads side %p as %p", (side, sign) => {
    // hand: 10 units from 100 to 110 is +100 long, −100 short
    expect(num(F.PNL, side, 100, 110, 10)).toBe(100 * sign);
  });
});

describe("ROE", () => {
  it("reproduces the Binance ROI example (lev-002): 33.33 % at 20x", () => {
    const v = (k: string) => input("lev-002", k);
    expectVector("lev-002", "roi_pct", num(F.ROE, "long", v("entry_price"), v("exit_price"), v("leverage")) * 100);
  });

  it("reproduces the crypto profit return (cprofit-02): 0.5 → 0.8 unleveraged is 60 %", () => {
    expectVector("cprofit-02", "roi_pct", num(F.ROE, "long", 0.5, 0.8, 1) * 100);
  });

  it("equals PnL per unit over margin per unit, fees included", () => {
    fc.assert(
      fc.property(sideArb, price, price, fc.integer({ min: 1, max: 125 }), fee, (s, e, x, lev, f) => {
        const r = F.ROE.apply([s, e, x, lev, f]) as F.Dec;
        const p = F.PNL.apply([s, e, x, 1, 1, f]) as F.Dec;
        expect(r.mul(new D(e).div(lev)).toSignificantDigits(28).eq(p.toSignificantDigits(28))).toBe(true);
      }),
    );
  });
});

describe("TARGETPRICE", () => {
  it.each([
    ["long", "tp_long_roe"],
    ["short", "tp_short_roe"],
  ])("reproduces the take-profit example tp-02 for a %s: 50 %% ROE at 25x from 2,000", (side, key) => {
    expectVector("tp-02", key, num(F.TARGETPRICE, side, input("tp-02", "entry"), input("tp-02", "target_roe"), input("tp-02", "leverage")));
  });

  it.each([
    ["long", "target_long"],
    ["short", "target_short"],
  ])("reproduces Binance COIN-M's target price (fut-binance-coinm-target-01) for a %s", (side, key) => {
    const v = (k: string) => input("fut-binance-coinm-target-01", k);
    expectVector("fut-binance-coinm-target-01", key, num(F.TARGETPRICE, side, v("entry_price"), v("target_roe"), v("leverage"), true));
  });

  it("round-trips with ROE: ROE(TARGETPRICE(r)) = r", () => {
    fc.assert(
      fc.property(sideArb, price, fc.integer({ min: -90, max: 500 }), fc.integer({ min: 1, max: 100 }), (s, e, pct, lev) => {
        const r = new D(pct).div(100);
        let target: F.Dec;
        try {
          target = F.TARGETPRICE.apply([s, e, r.toString(), lev]) as F.Dec;
        } catch (err) {
          expect((err as F.EngineError).code).toBe("NA"); // no positive price gives that return
          return;
        }
        const back = F.ROE.apply([s, e, target.toString(), lev]) as F.Dec;
        expect(back.sub(r).abs().lte("1e-20")).toBe(true);
      }),
    );
  });

  it("is #N/A when no price gives the return: a 10x short cannot make 1,000 %", () => {
    // hand: entry·(1 − 10/10) = 0
    expect(errorOf(F.TARGETPRICE, "short", 100, 10, 10).code).toBe("NA");
  });
});

describe("BREAKEVEN", () => {
  it("reproduces the stock break-even (sp-02): 150 with 1 % commission each way → 153.03", () => {
    expectVector("sp-02", "break_even_price", num(F.BREAKEVEN, "long", 150, 0.01));
  });

  it.each([
    // hand: long (100·1.001 + 0)/(1 − 0.001) = 100.1/0.999 = 100.2002002002002…
    ["long", 100, 0.001, undefined, undefined, undefined, 100.2002002002002],
    // hand: short (100·0.999)/(1.001) = 99.8001998001998…
    ["short", 100, 0.001, undefined, undefined, undefined, 99.8001998001998],
    // hand: long, no rate, 10 fixed over 100 units: 100 + 0.1 = 100.1
    ["long", 100, 0, 0, 10, 100, 100.1],
    // hand: short, open 0.1 %, close 0.2 %, 5 fixed over 10: (99.9 − 0.5)/1.002 = 99.20159680638723
    ["short", 100, 0.001, 0.002, 5, 10, 99.20159680638723],
  ])("BREAKEVEN(%s, %p, %p, %p, %p, %p) is %p", (side, e, fo, fc_, fixed, q, expected) => {
    expect(num(F.BREAKEVEN, side, e, fo, fc_, fixed, q)).toBeCloseTo(expected, 10);
  });

  it("gives zero net PnL at the break-even price", () => {
    fc.assert(
      fc.property(sideArb, price, fee, fc.integer({ min: 0, max: 1000 }), qty, (s, e, f, fixed, q) => {
        let be: F.Dec;
        try {
          be = F.BREAKEVEN.apply([s, e, f, f, fixed, q]) as F.Dec;
        } catch (err) {
          // a short whose fixed costs exceed entry·(1 − fee)·q can never break even
          expect((err as F.EngineError).code).toBe("NA");
          expect(s).toBe("short");
          return;
        }
        const p = F.PNL.apply([s, e, be.toString(), q, 1, f, fixed]) as F.Dec;
        expect(p.abs().lte("1e-20")).toBe(true);
      }),
    );
  });
});
