import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, type Dec } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input } from "../helpers/vectors";

/** A positive decimal string with up to `dp` places, from a scaled integer (no binary-float noise). */
const decimal = (min: number, max: number, dp: number) =>
  fc.integer({ min, max }).map((n) => new D(n).div(10 ** dp).toString());

const dec = (fn: F.AnyEngineFunction, ...args: unknown[]) => fn.apply(args) as Dec;

describe("RISKSIZE", () => {
  it("sizes the anthonyjohnson.dev example (fxrisk-02): $10,000, 1 %, a 50-pip EUR/USD stop is 0.2 lots", () => {
    // 50 pips on EUR/USD = 0.0050 in price; 100 / (0.005 × 100,000) = 0.2 lots
    const lots = num(F.RISKSIZE, input("fxrisk-02", "balance"), input("fxrisk-02", "risk_pct"), 1.1, 1.095, 100000);
    expectVector("fxrisk-02", "lots", lots);
  });

  it.each([
    // BabyPips School "Position sizing", Newbie Ned: $5,000, 1 % = $50 over 200 pips (0.0200) of EUR/USD
    // in a USD account: 50 / 0.02 = 2,500 units
    [5000, 0.01, 1.3, 1.28, undefined, undefined, undefined, "2500"],
    // hand: 10,000 × 1 % = 100 over 60,000 − 58,800 = 1,200 → 0.08333… BTC
    [10000, 0.01, 60000, 58800, undefined, undefined, undefined, "0.08333333333333333333333333333333333"],
    // hand: same, rounded down to 0.001 → 0.083 (the leverage cap 10,000 × 10 / 60,000 = 1.67 does not bind)
    [10000, 0.01, 60000, 58800, 1, 10, 0.001, "0.083"],
    // hand: a short's stop is above entry: 100 / (1,250 − 1,200) = 2
    [10000, 0.01, 1200, 1250, undefined, undefined, undefined, "2"],
    // hand: contract size 50: 20,000 × 0.5 % = 100 / (20 points × 50) = 0.1 contracts
    [20000, 0.005, 4500, 4480, 50, undefined, undefined, "0.1"],
    // hand: 1,000 × 2 % = 20 over 0.1 → 200 units, margin 200 × 100 / 10 = 2,000 > 1,000, so the cap
    // 1,000 × 10 / 100 = 100 units binds
    [1000, 0.02, 100, 99.9, undefined, 10, undefined, "100"],
    // hand: cap 100 units, then step 7 rounds down to 98
    [1000, 0.02, 100, 99.9, 1, "1:10", 7, "98"],
    // hand: the catalog's noise case: 100 / (50 × 6.666666666666667) = 0.299999999999999985…, which is
    // 0.3 at 15 significant digits, so a 0.1 step keeps 0.3 (a plain floor would give 0.2)
    [1000, 0.1, 100, 50, 1000 / 150, undefined, 0.1, "0.3"],
    // hand: a step larger than the size rounds down to 0
    [1000, 0.01, 100, 90, 1, undefined, 5, "0"],
  ])("RISKSIZE(%p, %p, %p, %p, %p, %p, %p) is %s", (equity, risk, entry, stop, cs, lev, step, expected) => {
    expect(exact(F.RISKSIZE, equity, risk, entry, stop, cs, lev, step)).toBe(expected);
  });

  it.each([
    // hand: the fee of opening at 60,000 and closing at 58,800 at 0.055 % (Bybit's taker rate) is
    // 0.00055 × 118,800 = 65.34 per BTC, so 100 / (1,200 + 65.34) = 0.07903…, rounded down to 0.001: 0.079
    // (0.079 × 1,265.34 = 99.96 ≤ 100; 0.080 would lose 101.23)
    [10000, 0.01, 60000, 58800, 1, 10, 0.001, 0.00055, "0.079"],
    // hand: a long at 150 stopped at 100 with 1 % fees: 50 + 0.01 × 250 = 52.5 per unit; 105 / 52.5 = 2
    // (PnL at the stop: −50 × 2 − 0.01 × 250 × 2 = −105, exactly 1 % of 10,500)
    [10500, 0.01, 150, 100, undefined, undefined, undefined, 0.01, "2"],
    // hand: a short at 1,000 stopped at 1,100 with 1 % fees: 100 + 0.01 × 2,100 = 121; 242 / 121 = 2
    [24200, 0.01, 1000, 1100, undefined, undefined, undefined, 0.01, "2"],
    // hand: a fee rate of 0 is the size without fees (the row above's 0.083)
    [10000, 0.01, 60000, 58800, 1, 10, 0.001, 0, "0.083"],
  ])("RISKSIZE(%p, %p, %p, %p, %p, %p, %p, %p) counts the fees of opening and of closing at the stop: %s", (equity, risk, entry, stop, cs, lev, step, fee, expected) => {
    expect(exact(F.RISKSIZE, equity, risk, entry, stop, cs, lev, step, fee)).toBe(expected);
  });

  it.each([
    ["a stop equal to entry", [1000, 0.01, 100, 100], "DIV0", "stop"],
    ["a risk above 100 %", [1000, 2, 100, 90], "NUM", "risk"],
    ["a negative equity", [-1000, 0.01, 100, 90], "NUM", "equity"],
    ["a zero entry", [1000, 0.01, 0, 90], "NUM", "entry"],
    ["a zero contract size", [1000, 0.01, 100, 90, 0], "NUM", "contract_size"],
    ["a zero leverage", [1000, 0.01, 100, 90, 1, 0], "NUM", "leverage"],
    ["a zero step", [1000, 0.01, 100, 90, 1, 10, 0], "NUM", "step"],
    ["text for a price", [1000, 0.01, "abc", 90], "VALUE", "entry"],
    ["a missing stop", [1000, 0.01, 100], "VALUE", "stop"],
    ["a fee rate of 100 %", [1000, 0.01, 100, 90, 1, 10, 0.01, 1], "NUM", "fee_rate"],
    ["a negative fee rate", [1000, 0.01, 100, 90, 1, 10, 0.01, -0.001], "NUM", "fee_rate"],
  ])("rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.RISKSIZE, ...args)).toEqual({ code, field });
  });

  it("loses exactly equity × risk at the stop, fees included: LEV.PNL at the stop with the same fee rate (0 or more) is −equity × risk", () => {
    fc.assert(
      fc.property(
        decimal(1, 10 ** 9, 2),
        decimal(1, 10000, 4),
        decimal(1, 10 ** 8, 4),
        decimal(1, 10 ** 8, 4),
        decimal(1, 10 ** 6, 2),
        fc.oneof(fc.constant("0"), decimal(0, 2000, 6)),
        (equity, risk, entry, stop, cs, fee) => {
          fc.pre(entry !== stop);
          const q = dec(F.RISKSIZE, equity, risk, entry, stop, cs, undefined, undefined, fee);
          const side = new D(stop).lt(entry) ? "long" : "short";
          const pnl = dec(F.PNL, side, entry, stop, q.toString(), cs, fee);
          const target = new D(equity).mul(risk);
          expect(pnl.add(target).abs().lte(target.mul("1e-30"))).toBe(true);
        },
      ),
    );
  });

  it("with leverage, never needs more margin than the equity and never exceeds the uncapped size", () => {
    fc.assert(
      fc.property(
        decimal(1, 10 ** 9, 2),
        decimal(1, 10000, 4),
        decimal(1, 10 ** 8, 4),
        decimal(1, 10 ** 8, 4),
        decimal(1, 12500, 1),
        (equity, risk, entry, stop, lev) => {
          fc.pre(entry !== stop);
          const capped = dec(F.RISKSIZE, equity, risk, entry, stop, 1, lev);
          const free = dec(F.RISKSIZE, equity, risk, entry, stop);
          expect(capped.lte(free)).toBe(true);
          const margin = capped.mul(entry).div(lev);
          expect(margin.lte(new D(equity).mul("1.000000000000000000000000000001"))).toBe(true);
        },
      ),
    );
  });

  it("with a step, returns a multiple of the step within one step below the exact size", () => {
    fc.assert(
      fc.property(
        decimal(1, 10 ** 7, 2),
        decimal(1, 10000, 4),
        decimal(1, 10 ** 6, 2),
        decimal(1, 10 ** 6, 2),
        fc.constantFrom("0.001", "0.01", "0.1", "1", "5"),
        (equity, risk, entry, stop, step) => {
          fc.pre(entry !== stop);
          const exactSize = dec(F.RISKSIZE, equity, risk, entry, stop);
          const stepped = dec(F.RISKSIZE, equity, risk, entry, stop, 1, undefined, step);
          expect(stepped.mod(step).isZero()).toBe(true);
          // at 15 significant digits (the catalog's pre-rounding) the stepped size never exceeds the exact one
          expect(stepped.lte(exactSize.toSignificantDigits(15))).toBe(true);
          expect(exactSize.sub(stepped).lt(step)).toBe(true);
        },
      ),
    );
  });
});

describe("INVRISKSIZE", () => {
  it("sizes the inverse short example (cps-02): 1 BTC, 1 %, entry 50,000, stop 55,000 is 5,500 USD contracts", () => {
    const contracts = num(
      F.INVRISKSIZE,
      input("cps-02", "balance_btc"),
      input("cps-02", "risk_pct"),
      input("cps-02", "entry_price"),
      input("cps-02", "stop_price"),
      input("cps-02", "contract_size_usd"),
    );
    expectVector("cps-02", "contracts_usd", contracts);
  });

  it.each([
    // hand: 0.5 BTC × 2 % = 0.01 BTC; |1/38,000 − 1/40,000| = 2,000/1,520,000,000 → 0.01 × 760,000 = 7,600
    [0.5, 0.02, 40000, 38000, undefined, "7600"],
    // hand: the same in $100 contracts (Binance COIN-M BTCUSD): 76
    [0.5, 0.02, 40000, 38000, 100, "76"],
    // hand: cps-02 in $10 contracts: 550
    [1, 0.01, 50000, 55000, 10, "550"],
  ])("INVRISKSIZE(%p, %p, %p, %p, %p) is %s", (eq, risk, entry, stop, cv, expected) => {
    expect(exact(F.INVRISKSIZE, eq, risk, entry, stop, cv)).toBe(expected);
  });

  it.each([
    // hand: 0.01 BTC, 1 % risk, entry 50,000, stop 49,000, cv 100: 0.0001·50,000·49,000/(100·1,000) = 2.45 contracts;
    // the margin cap 0.01·50,000·10/100 = 50 does not bind; whole contracts: 2
    [[0.01, 0.01, 50000, 49000, 100, 10, 1], "2"],
    // hand: the same at 100 % risk: 245 contracts wanted, the cap 0.01·50,000·10/100 = 50 binds (margin 50·100/(50,000·10) = 0.01 BTC)
    [[0.01, 1, 50000, 49000, 100, 10, 1], "50"],
    // hand: cap 0.01·50,000·3/100 = 15 contracts at 3x; "3x" is read as every leverage argument
    [[0.01, 1, 50000, 49000, 100, "3x"], "15"],
    // hand: uncapped, unrounded: 2.45
    [[0.01, 0.01, 50000, 49000, 100], "2.45"],
    // hand: 2.45 rounded down to a step of 0.5 is 2
    [[0.01, 0.01, 50000, 49000, 100, undefined, 0.5], "2"],
  ])("INVRISKSIZE(%j) caps the size at the equity's margin and rounds down to the step: %s", (args, expected) => {
    expect(exact(F.INVRISKSIZE, ...args)).toBe(expected);
  });

  it("counts the fees on the coin value at open and at the stop when the task pane gives a fee rate", () => {
    // hand: long at 100 stopped at 80, contract value 1, fees 1 %: INVPNL of n contracts is n·(1/100 − 1/80) =
    // −0.0025·n coin, fees 0.01·(n/100 + n/80) = 0.000225·n coin; a loss of 0.0218 coin (1 % of 2.18) is n = 8
    const n = F.inverseRiskSize({ equityCoin: new D("2.18"), risk: new D("0.01"), entry: new D(100), stop: new D(80), contractValue: new D(1), feeRate: new D("0.01") });
    expect(n.toString()).toBe("8");
    // without the fee rate, the distance alone: 0.0218 / 0.0025 = 8.72
    const bare = F.inverseRiskSize({ equityCoin: new D("2.18"), risk: new D("0.01"), entry: new D(100), stop: new D(80), contractValue: new D(1) });
    expect(bare.toString()).toBe("8.72");
  });

  it("rejects a leverage of 0 and a step of 0 (#NUM!) naming them", () => {
    expect(errorOf(F.INVRISKSIZE, 1, 0.01, 50000, 49000, 100, 0)).toEqual({ code: "NUM", field: "leverage" });
    expect(errorOf(F.INVRISKSIZE, 1, 0.01, 50000, 49000, 100, 10, 0)).toEqual({ code: "NUM", field: "step" });
  });

  it("rejects a stop at entry (#DIV/0!) and a zero contract value (#NUM!)", () => {
    expect(errorOf(F.INVRISKSIZE, 1, 0.01, 50000, 50000)).toEqual({ code: "DIV0", field: "stop" });
    expect(errorOf(F.INVRISKSIZE, 1, 0.01, 50000, 55000, 0)).toEqual({ code: "NUM", field: "contract_value" });
  });

  it("loses exactly equity × risk coin at the stop: contracts × cv × |1/entry − 1/stop| = equity × risk", () => {
    fc.assert(
      fc.property(decimal(1, 10 ** 6, 4), decimal(1, 10000, 4), decimal(1, 10 ** 7, 1), decimal(1, 10 ** 7, 1), (eq, risk, entry, stop) => {
        fc.pre(entry !== stop);
        const c = dec(F.INVRISKSIZE, eq, risk, entry, stop, 100);
        const lost = c.mul(100).mul(D.div(1, entry).sub(D.div(1, stop)).abs());
        const target = new D(eq).mul(risk);
        // the check's own 1/entry − 1/stop cancels up to 7 digits of its 34 (entry and stop ≤ 10^6, 0.1 apart)
        expect(lost.sub(target).abs().lte(target.mul("1e-25"))).toBe(true);
      }),
    );
  });
});

describe("RR, TAKEPROFIT and BREAKEVENWR", () => {
  it("reproduce the Quant-View example (rr-02): entry 2,650, stop 2,625, target 2,700 is 2:1 and breaks even at 33.3 %", () => {
    const rr = num(F.RR, input("rr-02", "side"), input("rr-02", "entry"), input("rr-02", "stop"), input("rr-02", "target"));
    expectVector("rr-02", "rr", rr);
    expectVector("rr-02", "breakeven_win_rate", num(F.BREAKEVENWR, rr));
    // and the take-profit at 2R from that stop is the example's target
    expect(num(F.TAKEPROFIT, "long", input("rr-02", "entry"), input("rr-02", "stop"), 2)).toBe(input("rr-02", "target"));
  });

  it.each([
    // tp-02: a 5 % take-profit is 1R when the stop is 5 % away: 2,000 ± 100
    ["long", 1900, "tp_long_pct"],
    ["short", 2100, "tp_short_pct"],
  ])("places a %s 5 %% take-profit from entry 2,000 at 1R of a 5 %% stop (tp-02)", (side, stop, key) => {
    expectVector("tp-02", key, num(F.TAKEPROFIT, side, input("tp-02", "entry"), stop, 1));
  });

  it.each([
    // hand: short, risk 105 − 100 = 5, reward 100 − 85 = 15 → 3
    ["short", 100, 105, 85, "3"],
    // hand: long, risk 0.0020, reward 0.0050 → 2.5 (decimal-exact, no 2.4999999999999996)
    ["long", 1.1, 1.098, 1.105, "2.5"],
    // hand: a target at entry has no reward
    ["long", 100, 95, 100, "0"],
  ])("RR(%p, %p, %p, %p) is %s", (side, entry, stop, target, expected) => {
    expect(exact(F.RR, side, entry, stop, target)).toBe(expected);
  });

  it.each([
    ["a long's stop above entry", ["long", 100, 105, 110], "NUM", "stop"],
    ["a short's stop below entry", ["short", 100, 95, 90], "NUM", "stop"],
    ["a long's target below entry", ["long", 100, 95, 90], "NUM", "target"],
    ["a short's target above entry", ["short", 100, 105, 110], "NUM", "target"],
    ["a stop at entry", ["long", 100, 100, 110], "DIV0", "stop"],
    ["a misspelt side", ["lnog", 100, 95, 110], "VALUE", "side"],
  ])("RR rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.RR, ...args)).toEqual({ code, field });
  });

  it.each([
    // hand: 1.1000 + 3 × 0.0020 = 1.1060
    ["long", 1.1, 1.098, 3, "1.106"],
    // hand: 50 − 1.5 × (52 − 50) = 47
    ["short", 50, 52, 1.5, "47"],
    // hand: ratio 0 is entry itself
    ["long", 100, 90, 0, "100"],
  ])("TAKEPROFIT(%p, %p, %p, %p) is %s", (side, entry, stop, ratio, expected) => {
    expect(exact(F.TAKEPROFIT, side, entry, stop, ratio)).toBe(expected);
  });

  it("TAKEPROFIT is #N/A when a short's target would be at or below zero, #NUM! for a stop on the wrong side", () => {
    // hand: 100 − 3 × 50 = −50
    expect(errorOf(F.TAKEPROFIT, "short", 100, 150, 3)).toEqual({ code: "NA", field: undefined });
    expect(errorOf(F.TAKEPROFIT, "long", 100, 110, 2)).toEqual({ code: "NUM", field: "stop" });
    expect(errorOf(F.TAKEPROFIT, "long", 100, 90, -1)).toEqual({ code: "NUM", field: "ratio" });
  });

  it.each([
    // hand: 1/(1 + 1) = 0.5; 1/(1 + 3) = 0.25; 1/(1 + 0) = 1; 1/(1 + 0.25) = 0.8
    [1, "0.5"],
    [3, "0.25"],
    [0, "1"],
    [0.25, "0.8"],
  ])("BREAKEVENWR(%p) is %s", (ratio, expected) => {
    expect(exact(F.BREAKEVENWR, ratio)).toBe(expected);
  });

  it("BREAKEVENWR rejects a negative ratio", () => {
    expect(errorOf(F.BREAKEVENWR, -1)).toEqual({ code: "NUM", field: "ratio" });
  });

  it("the take-profit at ratio R has reward-to-risk R, for either side", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("long", "short"),
        decimal(1000, 10 ** 7, 2),
        decimal(1, 999, 2),
        decimal(0, 10000, 2),
        (side, entry, gap, ratio) => {
          const stop = side === "long" ? new D(entry).sub(gap) : new D(entry).add(gap);
          // a short's target must stay above zero (below it TAKEPROFIT is #N/A)
          fc.pre(side === "long" || new D(entry).gt(new D(ratio).mul(gap)));
          const tp = dec(F.TAKEPROFIT, side, entry, stop.toString(), ratio);
          expect(dec(F.RR, side, entry, stop.toString(), tp.toString()).toString()).toBe(new D(ratio).toString());
        },
      ),
    );
  });

  it("RR of a long equals RR of the mirrored short (prices reflected about entry)", () => {
    fc.assert(
      fc.property(decimal(1000, 10 ** 6, 2), decimal(1, 999, 2), decimal(0, 999, 2), (entry, risk, reward) => {
        const e = new D(entry);
        const long = dec(F.RR, "long", entry, e.sub(risk).toString(), e.add(reward).toString());
        const short = dec(F.RR, "short", entry, e.add(risk).toString(), e.sub(reward).toString());
        expect(long.eq(short)).toBe(true);
      }),
    );
  });
});

describe("STOPPRICE", () => {
  it("places the short stop of the fixed-risk example (sl-02): 200 shares at 50, $300 risk → 51.50", () => {
    const stop = num(F.STOPPRICE, input("sl-02", "side"), input("sl-02", "entry"), input("sl-02", "shares"), input("sl-02", "max_loss"));
    expectVector("sl-02", "stop_price", stop);
  });

  it.each([
    // hand: the long mirror of sl-02: 50 − 300/200 = 48.5
    ["long", 50, 200, 300, undefined, "48.5"],
    // hand: 0.5 lot of EUR/USD, $100 at risk: 1.1 − 100/(0.5 × 100,000) = 1.098
    ["long", 1.1, 0.5, 100, 100000, "1.098"],
    // hand: no loss allowed is a stop at entry
    ["short", 50, 10, 0, undefined, "50"],
  ])("STOPPRICE(%p, %p, %p, %p, %p) is %s", (side, entry, q, loss, cs, expected) => {
    expect(exact(F.STOPPRICE, side, entry, q, loss, cs)).toBe(expected);
  });

  it("is #N/A when a long cannot lose that much, #DIV/0! with no quantity, #NUM! for a negative loss", () => {
    // hand: 10 − 20/1 = −10
    expect(errorOf(F.STOPPRICE, "long", 10, 1, 20)).toEqual({ code: "NA", field: undefined });
    expect(errorOf(F.STOPPRICE, "long", 10, 0, 20)).toEqual({ code: "DIV0", field: "quantity" });
    expect(errorOf(F.STOPPRICE, "long", 10, 1, -5)).toEqual({ code: "NUM", field: "max_loss" });
  });

  it("the loss at the stop is max_loss: quantity × contract size × |entry − stop| = max_loss", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("long", "short"),
        decimal(1, 10 ** 8, 2),
        decimal(1, 10 ** 6, 2),
        decimal(0, 10 ** 6, 2),
        decimal(1, 1000, 0),
        (side, entry, q, loss, cs) => {
          // a long's stop must stay above zero (below it STOPPRICE is #N/A)
          fc.pre(side === "short" || new D(loss).lt(new D(q).mul(cs).mul(entry)));
          const stop = dec(F.STOPPRICE, side, entry, q, loss, cs).toString();
          const lost = new D(q).mul(cs).mul(new D(entry).sub(stop).abs());
          // the stop price itself is rounded to 34 significant digits: an error of one unit there is
          // q·cs·stop·1e-33 of loss (stop ≥ entry for a short, < entry for a long)
          const unit = D.max(entry, stop).mul("1e-33");
          expect(lost.sub(loss).abs().lte(new D(q).mul(cs).mul(unit))).toBe(true);
        },
      ),
    );
  });
});

describe("EXPECTANCY", () => {
  it.each([
    // formulas.md §10, expectancy in R = W·R − (1 − W): 0.4 × 2 − 0.6 × 1 = 0.2
    [0.4, 2, undefined, "0.2"],
    // hand, in money: 0.55 × 150 − 0.45 × 100 = 82.5 − 45 = 37.5
    [0.55, 150, 100, "37.5"],
    // hand: a journal's negative average loss is read as its size: the same 37.5
    [0.55, 150, -100, "37.5"],
    // hand: 0.25 × 3 − 0.75 × 1 = 0 (the break-even win rate of a 3:1 setup)
    [0.25, 3, undefined, "0"],
    // hand: always losing: 0 × 5 − 1 × 1 = −1
    [0, 5, undefined, "-1"],
  ])("EXPECTANCY(%p, %p, %p) is %s", (w, win, loss, expected) => {
    expect(exact(F.EXPECTANCY, w, win, loss)).toBe(expected);
  });

  it("rejects a win rate outside 0 to 1 and a negative average win", () => {
    expect(errorOf(F.EXPECTANCY, 1.2, 2)).toEqual({ code: "NUM", field: "win_rate" });
    expect(errorOf(F.EXPECTANCY, 0.5, -2)).toEqual({ code: "NUM", field: "avg_win" });
  });

  it("is zero at the break-even win rate of any ratio", () => {
    fc.assert(
      fc.property(decimal(0, 10 ** 6, 3), (ratio) => {
        const w = F.breakEvenWinRate({ ratio: new D(ratio) });
        expect(F.expectancy({ winRate: w, avgWin: new D(ratio), avgLoss: new D(1) }).abs().lt("1e-30")).toBe(true);
      }),
    );
  });
});
