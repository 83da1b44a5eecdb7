import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input, vector } from "../helpers/vectors";

describe("INVNOTIONAL, INVPNL and INVROE against exchange examples", () => {
  it("reproduce Bybit's leverage/ROI example (fut-bybit-inverse-02): 1,000 contracts, 10x, 6,800 → 7,000", () => {
    const id = "fut-bybit-inverse-02";
    const [c, l, e, x] = [input(id, "contracts_usd"), input(id, "leverage"), input(id, "entry_price"), input(id, "last_price")];
    // initial margin = (1,000/6,800)/10 BTC
    expectVector(id, "initial_margin_btc", num(F.MARGIN, num(F.INVNOTIONAL, c, e), l));
    expectVector(id, "unrealised_pnl_btc", num(F.INVPNL, "long", e, x, c));
    // the vector's ROI is in percent
    expectVector(id, "roi_pct", num(F.INVROE, "long", e, x, l) * 100);
  });

  it("reproduce BitMEX's inverse futures example (fut-bitmex-inverse-02): 100,000 contracts, 10,000 → 10,500", () => {
    const id = "fut-bitmex-inverse-02";
    expectVector(id, "pnl_xbt", num(F.INVPNL, "long", input(id, "entry_price"), input(id, "exit_price"), input(id, "contracts"), input(id, "multiplier_usd")));
  });

  it("reproduce BingX's 1x short ratio (fut-bingx-inverse-ratio-01): +100 % price move loses 50 %", () => {
    const id = "fut-bingx-inverse-ratio-01";
    const v = vector(id).inputs as Record<string, number>;
    // at 1x the margin is the position's coin value, so the ratio is INVROE
    expect(v.margin_btc).toBe(v.trade_size_btc);
    expectVector(id, "gross_pnl_ratio_pct", num(F.INVROE, "short", v.entry_price, v.exit_price, 1) * 100);
    // and INVPNL of the USD value (10 BTC × 100 = 1,000 contracts of 1 USD) over the 10 BTC margin
    const contracts = v.trade_size_btc! * v.entry_price!;
    expectVector(id, "gross_pnl_ratio_pct", (num(F.INVPNL, "short", v.entry_price, v.exit_price, contracts) / v.margin_btc!) * 100);
  });

  it("reproduce Bybit's inverse position value and margin (liq-bybit-inverse-iso-01): 60,000 USD at 50,000 is 1.2 BTC, 0.12 at 10x", () => {
    const id = "liq-bybit-inverse-iso-01";
    const coin = num(F.INVNOTIONAL, input(id, "contracts_usd"), input(id, "entry_price"));
    expectVector(id, "position_value_btc", coin);
    expectVector(id, "initial_margin_btc", num(F.MARGIN, coin, input(id, "leverage")));
  });

  it.each([
    // hand: 100 contracts × 100 USD / 25,000 = 0.4 BTC
    [F.INVNOTIONAL, [100, 25000, 100], "0.4"],
    // hand: short 1,000 × (1/8000 − 1/10000) × −1 = −(0.000125 − 0.0001)·1000 = −0.025
    [F.INVPNL, ["short", 8000, 10000, 1000], "-0.025"],
    // hand: long 100 × 10 × (1/50 − 1/40) = 1000 × (−0.005) = −5
    [F.INVPNL, ["long", 50, 40, 100, 10], "-5"],
    // hand: long 20x, 50,000 → 40,000: 20·(1 − 1.25) = −5 (a −500 % return: liquidated long before)
    [F.INVROE, ["long", 50000, 40000, 20], "-5"],
    // hand: short 10x, 50,000 → 40,000: −10·(1 − 1.25) = 2.5
    [F.INVROE, ["short", 50000, 40000, "10x"], "2.5"],
  ])("%#: hand-calculated row returns %s", (fn, args, expected) => {
    expect(exact(fn as F.AnyEngineFunction, ...(args as unknown[]))).toBe(expected);
  });

  it.each([
    [F.INVNOTIONAL, [100, 0], "NUM", "price"],
    [F.INVNOTIONAL, [-1, 100], "NUM", "contracts"],
    [F.INVNOTIONAL, [1, 100, 0], "NUM", "contract_value"],
    [F.INVPNL, ["up", 100, 110, 1], "VALUE", "side"],
    [F.INVPNL, ["long", 0, 110, 1], "NUM", "entry"],
    [F.INVPNL, ["long", 100, -1, 1], "NUM", "exit"],
    [F.INVPNL, ["long", 100, 110], "VALUE", "contracts"],
    [F.INVROE, ["long", 100, 110, 0], "NUM", "leverage"],
    [F.INVROE, ["long", 100, 0, 10], "NUM", "exit"],
  ])("%#: bad input is #%s naming %s", (fn, args, code, field) => {
    expect(errorOf(fn as F.AnyEngineFunction, ...(args as unknown[]))).toEqual({ code, field });
  });
});

const side = fc.constantFrom<1 | -1>(1, -1);
const price = fc.integer({ min: 1, max: 10_000_000 }).map((n) => new D(n).div(100));
const contracts = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new D(n));
const cv = fc.constantFrom(1, 10, 100).map((n) => new D(n));
const lev = fc.integer({ min: 1, max: 1250 }).map((n) => new D(n).div(10));

describe("inverse invariants", () => {
  it("INVPNL × exit equals the linear PNL of the coin bought at entry (c·cv/entry coins)", () => {
    fc.assert(
      fc.property(side, price, price, contracts, cv, (s, e, x, c, v) => {
        const coin = F.inversePnl({ side: s, entry: e, exit: x, contracts: c, contractValue: v });
        const usd = F.pnl({ side: s, entry: e, exit: x, quantity: c.mul(v).div(e), contractSize: new D(1), feeRate: new D(0), fixedFees: new D(0) });
        return coin.mul(x).sub(usd).abs().lte(new D("1e-24").mul(D.max(1, usd.abs())));
      }),
    );
  });

  it("INVROE equals INVPNL over the coin margin INVNOTIONAL(entry)/leverage", () => {
    fc.assert(
      fc.property(side, price, price, contracts, cv, lev, (s, e, x, c, v, l) => {
        fc.pre(!c.isZero());
        const roe = F.inverseRoe({ side: s, entry: e, exit: x, leverage: l });
        const margin = F.inverseNotional({ contracts: c, price: e, contractValue: v }).div(l);
        const viaPnl = F.inversePnl({ side: s, entry: e, exit: x, contracts: c, contractValue: v }).div(margin);
        return roe.sub(viaPnl).abs().lte(new D("1e-24").mul(D.max(1, roe.abs())));
      }),
    );
  });

  it("a long gains what a short loses, and PnL is linear in contracts", () => {
    fc.assert(
      fc.property(price, price, contracts, cv, fc.integer({ min: 2, max: 50 }), (e, x, c, v, k) => {
        const long = F.inversePnl({ side: 1, entry: e, exit: x, contracts: c, contractValue: v });
        const short = F.inversePnl({ side: -1, entry: e, exit: x, contracts: c, contractValue: v });
        const scaled = F.inversePnl({ side: 1, entry: e, exit: x, contracts: c.mul(k), contractValue: v });
        return long.add(short).isZero() && scaled.sub(long.mul(k)).abs().lte(new D("1e-24").mul(D.max(1, scaled.abs())));
      }),
    );
  });

  it("an inverse long's coin return stays below its leverage however far the price rises (BingX's asymmetry)", () => {
    // side·L·(1 − E/X) < L for a long since E/X > 0; a short's coin gain grows without bound as X falls
    fc.assert(
      fc.property(price, price, lev, (e, x, l) => F.inverseRoe({ side: 1, entry: e, exit: x, leverage: l }).lt(l)),
    );
  });
});
