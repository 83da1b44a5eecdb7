import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, type Dec } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input } from "../helpers/vectors";

const decimal = (min: number, max: number, dp: number) =>
  fc.integer({ min, max }).map((n) => new D(n).div(10 ** dp).toString());

const dec = (fn: F.AnyEngineFunction, ...args: unknown[]) => fn.apply(args) as Dec;

/** |actual − expected| ≤ rel·|expected|, on Decimals. */
function near(actual: Dec, expected: Dec | string, rel: string): boolean {
  const e = new D(expected);
  return actual.sub(e).abs().lte(e.abs().mul(rel));
}

describe("MARKETCAP and CAPPRICE", () => {
  it("reproduce the market-cap and FDV example (mcap-02): $2 × 500M circulating = $1B, × 1B max = $2B", () => {
    const price = input("mcap-02", "price");
    const cap = num(F.MARKETCAP, price, input("mcap-02", "circulating_supply"));
    const fdv = num(F.MARKETCAP, price, input("mcap-02", "max_supply"));
    expectVector("mcap-02", "market_cap", cap);
    expectVector("mcap-02", "fdv", fdv);
    expectVector("mcap-02", "mcap_to_fdv", cap / fdv);
    // and the price the market cap implies is the example's price
    expect(num(F.CAPPRICE, cap, input("mcap-02", "circulating_supply"))).toBe(price);
  });

  it.each([
    // hand: 0.1 × 3 = 0.3 exactly (no 0.30000000000000004)
    [0.1, 3, "0.3"],
    // hand: 65,000 × 19,700,000 = 1,280,500,000,000
    [65000, 19700000, "1280500000000"],
  ])("MARKETCAP(%p, %p) is %s", (price, supply, expected) => {
    expect(exact(F.MARKETCAP, price, supply)).toBe(expected);
  });

  it.each([
    // hand: a $10B cap on 4B coins is $2.50; a $1T cap on 21M coins is $47,619.047…
    [10e9, 4e9, "2.5"],
    [1e12, 21e6, "47619.04761904761904761904761904762"],
  ])("CAPPRICE(%p, %p) is %s", (cap, supply, expected) => {
    expect(exact(F.CAPPRICE, cap, supply)).toBe(expected);
  });

  it("CAPPRICE is #DIV/0! with no supply; negative inputs are #NUM!", () => {
    expect(errorOf(F.CAPPRICE, 1e9, 0)).toEqual({ code: "DIV0", field: "supply" });
    expect(errorOf(F.MARKETCAP, -1, 10)).toEqual({ code: "NUM", field: "price" });
  });

  it("CAPPRICE(0, supply) is #N/A: a market cap of 0 implies no price (catalog: prices that do not exist)", () => {
    expect(errorOf(F.CAPPRICE, 0, 1000)).toEqual({ code: "NA", field: undefined });
    expect(errorOf(F.CAPPRICE, "0", 21e6)).toEqual({ code: "NA", field: undefined });
    // no supply is still the denominator's #DIV/0!, checked first
    expect(errorOf(F.CAPPRICE, 0, 0)).toEqual({ code: "DIV0", field: "supply" });
  });

  it("CAPPRICE of MARKETCAP gives back the price", () => {
    fc.assert(
      fc.property(decimal(0, 10 ** 9, 6), decimal(1, 10 ** 12, 0), (price, supply) => {
        fc.pre(!new D(price).isZero()); // a price of 0 has no market cap to give it back from (#N/A)
        const cap = dec(F.MARKETCAP, price, supply);
        expect(dec(F.CAPPRICE, cap.toString(), supply).eq(price)).toBe(true);
      }),
    );
  });
});

describe("APY and APR", () => {
  it("reproduce LegalClarity's 5 % compounded monthly (apy-02): about 5.116 %", () => {
    const apy = num(F.APY, input("apy-02", "apr"), input("apy-02", "periods_per_year"));
    expectVector("apy-02", "apy", apy);
    // and APR of that yield (as a worksheet cell holds it) gives back the 5 %
    expect(num(F.APR, apy, input("apy-02", "periods_per_year"))).toBeCloseTo(input("apy-02", "apr"), 14);
  });

  it("reproduce the Exorium example's daily compounding of 30 % (apy-04): 34.97 %", () => {
    expectVector("apy-04", "apy_daily_compound", num(F.APY, input("apy-04", "apr"), input("apy-04", "periods_per_year")));
    // the default is daily (365)
    expectVector("apy-04", "apy_daily_compound", num(F.APY, input("apy-04", "apr")));
  });

  it.each([
    // hand: 1.01^12 − 1 = 0.126825030131969720661201 (exact: 24 decimal digits)
    [0.12, 12, "0.126825030131969720661201"],
    // hand: once a year the yield is the rate
    [0.05, 1, "0.05"],
    // hand: twice a year: 1.1^2 − 1 = 0.21
    [0.2, 2, "0.21"],
    // hand: no interest, no yield
    [0, 12, "0"],
  ])("APY(%p, %p) is %s", (apr, n, expected) => {
    expect(exact(F.APY, apr, n)).toBe(expected);
  });

  it("compounds continuously with periods = 0: APY(0.05, 0) = e^0.05 − 1", () => {
    // 50-digit oracle: e^0.05 − 1 = 0.05127109637602403969751763633564522017…; the engine works to 34
    // significant digits and the − 1 costs one of them
    expect(near(dec(F.APY, 0.05, 0), "0.05127109637602403969751763633564522", "1e-31")).toBe(true);
  });

  it.each([
    // hand: the inverse of the APY rows above
    [0.126825030131969720661201, 12, "0.12", "1e-15"],
    [0.21, 2, "0.2", "0"],
    [0.05, 1, "0.05", "0"],
    // continuous: ln(1.1) = 0.09531017980432486004395212328076509 (50-digit oracle)
    [0.1, 0, "0.09531017980432486004395212328076509", "1e-33"],
    // daily: 365 × (1.1^(1/365) − 1) = 0.09532262476475143901563882246548996 (50-digit oracle)
    [0.1, undefined, "0.09532262476475143901563882246548996", "1e-29"],
  ])("APR(%p, %p) is %s", (apy, n, expected, rel) => {
    expect(near(dec(F.APR, apy, n), expected, rel)).toBe(true);
  });

  it.each([
    ["APY of a rate losing more than 100 % a period", F.APY, [-13, 12], "NUM", "apr"],
    ["APY with negative periods", F.APY, [0.1, -1], "NUM", "periods"],
    ["APR of a yield below −100 %", F.APR, [-1.5, 12], "NUM", "apy"],
    ["APR of −100 % compounded continuously", F.APR, [-1, 0], "NUM", "apy"],
    ["APY of text", F.APY, ["ten", 12], "VALUE", "apr"],
  ])("reject %s", (_what, fn, args, code, field) => {
    expect(errorOf(fn, ...args)).toEqual({ code, field });
  });

  it("APR(APY(x)) = x for any rate and compounding (continuous included)", () => {
    fc.assert(
      fc.property(decimal(-5000, 50000, 4), fc.constantFrom("0", "1", "2", "4", "12", "52", "365", "8760"), (x, n) => {
        fc.pre(new D(x).div(n === "0" ? 1 : n).gt(-1));
        const y = dec(F.APY, x, n);
        expect(dec(F.APR, y.toString(), n).sub(x).abs().lte("1e-28")).toBe(true);
      }),
    );
  });

  it("APY grows with the number of compounding periods, up to the continuous limit", () => {
    fc.assert(
      fc.property(decimal(1, 50000, 4), (x) => {
        const yields = ["1", "2", "12", "365"].map((n) => dec(F.APY, x, n));
        for (let i = 1; i < yields.length; i++) expect(yields[i]!.gt(yields[i - 1]!)).toBe(true);
        expect(dec(F.APY, x, 0).gt(yields[yields.length - 1]!)).toBe(true);
      }),
    );
  });
});

describe("STAKEREWARD", () => {
  it("reproduces the Exorium staking example (apy-04): 100,000 at 30 % is 82.19 a day, 30,000 a year, simple", () => {
    const amount = input("apy-04", "principal");
    const apr = input("apy-04", "apr");
    expectVector("apy-04", "daily_reward", num(F.STAKEREWARD, amount, apr, 1));
    expectVector("apy-04", "annual_reward_simple", num(F.STAKEREWARD, amount, apr, 365));
    // and compounded daily for a year the reward is the APY: 100,000 × 0.349692488… = 34,969.2488…
    // (50-digit oracle; the engine's 34 digits lose about three in (1 + 0.3/365)^365 − 1)
    expect(near(dec(F.STAKEREWARD, amount, apr, 365, 365), "34969.24880076812728298889264678829", "1e-29")).toBe(true);
  });

  it.each([
    // hand: 1,000 × 12 % × 30 / 365 = 3,600 / 365 = 9.8630136986…
    [1000, 0.12, 30, undefined, "9.863013698630136986301369863013699", "0"],
    // hand: half a year compounded monthly: 1,000 × (1.01^6 − 1) = 61.520150601
    [1000, 0.12, 182.5, 12, "61.520150601", "1e-29"],
    // a fractional exponent: 1,000 × (1.01^(12 × 45/365) − 1) = 14.82992555736305918284724688266108 (50-digit oracle)
    [1000, 0.12, 45, 12, "14.82992555736305918284724688266108", "1e-29"],
    // hand: no days, no reward
    [1000, 0.12, 0, 12, "0", "0"],
  ])("STAKEREWARD(%p, %p, %p, %p) is %s", (amount, apr, days, n, expected, rel) => {
    const r = dec(F.STAKEREWARD, amount, apr, days, n);
    if (rel === "0") expect(r.toString()).toBe(expected);
    else expect(near(r, expected, rel)).toBe(true);
  });

  it("rejects negative days and a rate losing more than 100 % a period", () => {
    expect(errorOf(F.STAKEREWARD, 1000, 0.1, -1)).toEqual({ code: "NUM", field: "days" });
    expect(errorOf(F.STAKEREWARD, 1000, -24, 10, 12)).toEqual({ code: "NUM", field: "apr" });
  });

  it("over 365 days with compounding equals amount × APY, and the simple reward is linear in days", () => {
    fc.assert(
      fc.property(decimal(0, 10 ** 9, 2), decimal(0, 20000, 4), fc.constantFrom("1", "4", "12", "365"), fc.integer({ min: 0, max: 1000 }), (amount, apr, n, days) => {
        const year = dec(F.STAKEREWARD, amount, apr, 365, n);
        const viaApy = dec(F.APY, apr, n).mul(amount);
        expect(year.sub(viaApy).abs().lte(viaApy.abs().mul("1e-30").add("1e-30"))).toBe(true);
        const simple = dec(F.STAKEREWARD, amount, apr, days);
        const perDay = dec(F.STAKEREWARD, amount, apr, 1);
        expect(simple.sub(perDay.mul(days)).abs().lte(simple.abs().mul("1e-30").add("1e-30"))).toBe(true);
      }),
    );
  });
});
