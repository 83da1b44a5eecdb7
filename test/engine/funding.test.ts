import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, type Dec } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input } from "../helpers/vectors";

const decimal = (min: number, max: number, dp: number) =>
  fc.integer({ min, max }).map((n) => new D(n).div(10 ** dp).toString());

const dec = (fn: F.AnyEngineFunction, ...args: unknown[]) => fn.apply(args) as Dec;

describe("FUNDINGFEE", () => {
  // freqtrade's convention (fund-linear-*): the amount is +fee for shorts, −fee for longs, i.e. the cash
  // flow to the trader, which is what FUNDINGFEE returns.
  it.each(["fund-linear-01", "fund-linear-03"])("reproduces freqtrade's funding amount (%s) as the short's cash flow, and the long's is its negative", (id) => {
    const notional = new D(input(id, "mark_price")).mul(input(id, "qty_base")).toString();
    const rate = input(id, "funding_rate");
    expectVector(id, "funding_amount", num(F.FUNDINGFEE, "short", notional, rate));
    expectVector(id, "funding_amount", -num(F.FUNDINGFEE, "long", notional, rate));
  });

  it("reproduces the daily funding example (fund-daily-01): 20,000 at 0.01 % is 2 a funding, 6 a day, 180 over 30 days", () => {
    const value = input("fund-daily-01", "position_value");
    const rate = input("fund-daily-01", "funding_rate");
    const perDay = input("fund-daily-01", "intervals_per_day");
    const days = input("fund-daily-01", "days");
    // a long pays at a positive rate
    expectVector("fund-daily-01", "fee_per_interval", -num(F.FUNDINGFEE, "long", value, rate));
    expectVector("fund-daily-01", "fee_per_day", -num(F.FUNDINGFEE, "long", value, rate, perDay));
    expectVector("fund-daily-01", "fee_30d", -num(F.FUNDINGFEE, "long", value, rate, perDay * days));
    expectVector("fund-daily-01", "annualised_rate_simple", num(F.FUNDINGAPR, rate, 24 / perDay));
  });

  it.each([
    // hand: a long pays 50,000 × 0.03 % = 15
    ["long", 50000, 0.0003, undefined, "-15"],
    // hand: a short receives the same 15
    ["short", 50000, 0.0003, undefined, "15"],
    // hand: at a negative rate the long receives: 10,000 × 0.01 % × 3 = 3
    ["buy", 10000, -0.0001, 3, "3"],
    // hand: decimal-exact: 0.1 × 0.2 × 1 = 0.02, not 0.020000000000000004
    [-1, 0.1, 0.2, 1, "0.02"],
  ])("FUNDINGFEE(%p, %p, %p, %p) is %s", (side, notional, rate, periods, expected) => {
    expect(exact(F.FUNDINGFEE, side, notional, rate, periods)).toBe(expected);
  });

  it("rejects a negative notional and negative periods", () => {
    expect(errorOf(F.FUNDINGFEE, "long", -1, 0.0001)).toEqual({ code: "NUM", field: "notional" });
    expect(errorOf(F.FUNDINGFEE, "long", 1, 0.0001, -1)).toEqual({ code: "NUM", field: "periods" });
    expect(errorOf(F.FUNDINGFEE, "up", 1, 0.0001)).toEqual({ code: "VALUE", field: "side" });
  });

  it("what the long pays the short receives, and the fee is linear in notional and periods", () => {
    fc.assert(
      fc.property(decimal(0, 10 ** 9, 2), decimal(-10000, 10000, 6), decimal(0, 1000, 0), (n, rate, periods) => {
        const long = dec(F.FUNDINGFEE, "long", n, rate, periods);
        const short = dec(F.FUNDINGFEE, "short", n, rate, periods);
        expect(long.add(short).isZero()).toBe(true);
        const once = dec(F.FUNDINGFEE, "long", n, rate);
        expect(long.eq(once.mul(periods))).toBe(true);
        expect(dec(F.FUNDINGFEE, "long", new D(n).mul(2).toString(), rate, periods).eq(long.mul(2))).toBe(true);
      }),
    );
  });
});

describe("FUNDINGRATE", () => {
  it.each(["fund-binance-rate-01", "fund-binance-rate-03"])("reproduces Binance's clamp (%s)", (id) => {
    expectVector(id, "funding_rate", num(F.FUNDINGRATE, input(id, "premium_index"), input(id, "interest_rate")));
  });

  it.each([
    // hand: P = 0.01 % equals I, so F = I = 0.01 %
    [0.0001, undefined, undefined, "0.0001"],
    // hand: P = 0.2 %: I − P = −0.19 % → clamped to −0.05 % → 0.15 %
    [0.002, undefined, undefined, "0.0015"],
    // hand: P = 0.005 %: I − P = 0.005 % within the clamp → F = I = 0.01 %
    [0.00005, undefined, undefined, "0.0001"],
    // hand: a custom clamp of 0.03 %: P = −0.1 %, I − P = 0.11 % → 0.03 % → −0.07 %
    [-0.001, 0.0001, 0.0003, "-0.0007"],
    // hand: clamp 0 gives F = P
    [0.0042, 0.0001, 0, "0.0042"],
  ])("FUNDINGRATE(%p, %p, %p) is %s", (p, i, c, expected) => {
    expect(exact(F.FUNDINGRATE, p, i, c)).toBe(expected);
  });

  it("rejects a negative clamp", () => {
    expect(errorOf(F.FUNDINGRATE, 0.001, 0.0001, -0.0005)).toEqual({ code: "NUM", field: "clamp" });
  });

  it("stays within the clamp of the premium index and equals the interest rate when the gap is inside the clamp", () => {
    fc.assert(
      fc.property(decimal(-100000, 100000, 7), decimal(-1000, 1000, 7), decimal(0, 10000, 7), (p, i, c) => {
        const f = dec(F.FUNDINGRATE, p, i, c);
        expect(f.sub(p).abs().lte(c)).toBe(true);
        if (new D(i).sub(p).abs().lte(c)) expect(f.eq(i)).toBe(true);
      }),
    );
  });
});

describe("FUNDINGAPR", () => {
  it.each([
    // hand: 0.01 % × 3 × 365 = 10.95 %
    [0.0001, undefined, "0.1095"],
    // hand: hourly funding: 0.01 % × 24 × 365 = 87.6 %
    [0.0001, 1, "0.876"],
    // hand: 4-hour funding of −0.005 %: −0.00005 × 6 × 365 = −0.1095
    [-0.00005, 4, "-0.1095"],
  ])("FUNDINGAPR(%p, %p) is %s", (rate, hours, expected) => {
    expect(exact(F.FUNDINGAPR, rate, hours)).toBe(expected);
  });

  it("rejects a zero interval", () => {
    expect(errorOf(F.FUNDINGAPR, 0.0001, 0)).toEqual({ code: "NUM", field: "interval_hours" });
  });
});

describe("FINANCING", () => {
  it("reproduces UltimaMarkets' percentage-mode share swaps (fxswap-02): price × contract × lots × rate / 360", () => {
    const contract = input("fxswap-02", "share_contract");
    const short = new D(input("fxswap-02", "share_quote_short")).mul(contract).toString();
    const long = new D(input("fxswap-02", "share_quote_long")).mul(contract).toString();
    const rateShort = new D(input("fxswap-02", "share_swap_short_pct")).div(100).toString();
    const rateLong = new D(input("fxswap-02", "share_swap_long_pct")).div(100).toString();
    expectVector("fxswap-02", "share_swap_short", num(F.FINANCING, short, rateShort, 1, 360));
    expectVector("fxswap-02", "share_swap_long", num(F.FINANCING, long, rateLong, 1, 360));
  });

  it("reproduces Alpari's crypto percentage swap (fxswap-04): 0.1 BTC at 57,000, −19 % a year, one night on 360 days", () => {
    const value = new D(input("fxswap-04", "btc_lots")).mul(input("fxswap-04", "btc_contract")).mul(input("fxswap-04", "btc_price"));
    const rate = new D(input("fxswap-04", "btc_swap_short_pct")).div(100);
    expectVector("fxswap-04", "btc_swap_short_usd", num(F.FINANCING, value.toString(), rate.toString(), 1, input("fxswap-04", "days_per_year")));
  });

  it.each([
    // hand: 10,000 × 5 % × 30 / 365 = 15,000 / 365 = 41.0958904109589041…
    [10000, 0.05, 30, undefined, "41.09589041095890410958904109589041"],
    // hand: a stock borrow fee on a 360-day basis: 10,000 × 3 % × 10 / 360 = 8.333…
    [10000, 0.03, 10, 360, "8.333333333333333333333333333333333"],
    // hand: 36,500 × 2 % × 1 / 365 = 2
    [36500, 0.02, 1, undefined, "2"],
    // hand: no days, no fee
    [36500, 0.02, 0, undefined, "0"],
  ])("FINANCING(%p, %p, %p, %p) is %s", (notional, rate, days, basis, expected) => {
    expect(exact(F.FINANCING, notional, rate, days, basis)).toBe(expected);
  });

  it("rejects negative days and a zero day basis", () => {
    expect(errorOf(F.FINANCING, 1000, 0.05, -1)).toEqual({ code: "NUM", field: "days" });
    expect(errorOf(F.FINANCING, 1000, 0.05, 1, 0)).toEqual({ code: "NUM", field: "day_basis" });
  });

  it("is additive in days: financing over a + b days is the sum of the two", () => {
    fc.assert(
      fc.property(decimal(0, 10 ** 9, 2), decimal(-2000, 2000, 4), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (n, r, a, b) => {
        const whole = dec(F.FINANCING, n, r, a + b, 360);
        const parts = dec(F.FINANCING, n, r, a, 360).add(dec(F.FINANCING, n, r, b, 360));
        expect(whole.sub(parts).abs().lte(whole.abs().mul("1e-32"))).toBe(true);
      }),
    );
  });
});

describe("SWAP", () => {
  it("reproduces UltimaMarkets' points-mode swaps (fxswap-02): 1 lot, +2.17 and −5.45 points", () => {
    const lots = input("fxswap-02", "lots");
    const point = input("fxswap-02", "point");
    const cs = input("fxswap-02", "contract_size");
    expectVector("fxswap-02", "swap_short", num(F.SWAP, lots, input("fxswap-02", "swap_short_points"), 1, point, cs));
    expectVector("fxswap-02", "swap_long", num(F.SWAP, lots, input("fxswap-02", "swap_long_points"), 1, point, cs));
  });

  it("reproduces Alpari's pips-mode swap over 3 nights (fxswap-04): −1.5 pips at $10 a pip is −45", () => {
    // a rate quoted in pips uses the pip (0.0001) as the point: −1.5 × 0.0001 × 100,000 = −$15 a night
    expectVector("fxswap-04", "fx_swap_usd", num(F.SWAP, input("fxswap-04", "lots"), input("fxswap-04", "swap_rate_pips"), input("fxswap-04", "nights"), 0.0001));
  });

  it("reproduces the triple-swap example (fxswap-06): 0.5 lot, −6.2 points, 3 nights is −9.30 USD, −7.44 GBP", () => {
    const usd = num(
      F.SWAP,
      input("fxswap-06", "lots"),
      input("fxswap-06", "swap_long_points"),
      input("fxswap-06", "nights"),
      input("fxswap-06", "point"),
      input("fxswap-06", "contract_size"),
    );
    expectVector("fxswap-06", "swap_usd", usd);
    expectVector("fxswap-06", "swap_gbp", num(F.FXCONVERT, usd, "USD", "GBP", "GBP/USD", input("fxswap-06", "gbpusd")));
  });

  it.each([
    // hand: defaults: 2 lots × −3.1 points × 0.00001 × 100,000 × 1 night = −6.2
    [2, -3.1, undefined, undefined, undefined, "-6.2"],
    // hand: USD/JPY points of 0.001: 1 lot × 12 × 0.001 × 100,000 × 3 = 3,600 JPY
    [1, 12, 3, 0.001, undefined, "3600"],
    // hand: a mini-lot contract: 1 × 10 × 0.00001 × 10,000 × 1 = 1
    [1, 10, 1, 0.00001, 10000, "1"],
  ])("SWAP(%p, %p, %p, %p, %p) is %s", (lots, pts, nights, point, cs, expected) => {
    expect(exact(F.SWAP, lots, pts, nights, point, cs)).toBe(expected);
  });

  it("rejects a zero point and negative lots", () => {
    expect(errorOf(F.SWAP, 1, 2, 1, 0)).toEqual({ code: "NUM", field: "point" });
    expect(errorOf(F.SWAP, -1, 2)).toEqual({ code: "NUM", field: "lots" });
  });

  it("is linear in lots and nights", () => {
    fc.assert(
      fc.property(decimal(0, 10000, 2), decimal(-10000, 10000, 2), fc.integer({ min: 0, max: 30 }), (lots, pts, nights) => {
        const one = dec(F.SWAP, lots, pts);
        expect(dec(F.SWAP, lots, pts, nights).eq(one.mul(nights))).toBe(true);
        expect(dec(F.SWAP, new D(lots).mul(3).toString(), pts).eq(one.mul(3))).toBe(true);
      }),
    );
  });
});
