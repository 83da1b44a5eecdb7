import * as fc from "fast-check";
import * as F from "../../src/engine";
import { scaled, quotient, add, mul, toNumber } from "../../src/engine/exact";

/** The number the Decimal path gives for a call (what the boundary shows, so never −0), or "error". */
function slow(fn: F.AnyEngineFunction, args: unknown[]): number | "error" {
  try {
    return (fn.apply(args) as F.Dec).toNumber() || 0;
  } catch {
    return "error";
  }
}

const decimalNumber = (maxDecimals: number, max: number) =>
  fc.tuple(fc.integer({ min: -max, max }), fc.integer({ min: 0, max: maxDecimals })).map(([m, k]) => Number((m / 10 ** k).toFixed(k)));
const plainSide = fc.constantFrom("long", "short", 1, -1);

describe("exact scaled-integer arithmetic", () => {
  it.each([
    [60000, { m: 60000, k: 0 }],
    [0.5, { m: 5, k: 1 }],
    [0.005, { m: 5, k: 3 }],
    [1.0055, { m: 10055, k: 4 }],
    [-0, { m: 0, k: 0 }],
  ])("reads %p as an integer over a power of ten", (x, expected) => {
    expect(scaled(x)).toEqual(expected);
  });

  it.each([[0.1 + 0.2], [Math.PI], [1e-12], [Number.NaN], [Infinity], ["5"], [2 ** 60]])("declines %p, which has no short exact form", (x) => {
    expect(scaled(x)).toBeUndefined();
  });

  it("adds, multiplies and divides exactly: 0.1 + 0.2 = 0.3, 0.3 / 3 = 0.1, 1.1 × 1.1 = 1.21", () => {
    expect(toNumber(add(scaled(0.1), scaled(0.2)))).toBe(0.3);
    expect(quotient(scaled(0.3), scaled(3))).toBe(0.1);
    expect(toNumber(mul(scaled(1.1), scaled(1.1)))).toBe(1.21);
  });

  it("declines rather than lose a digit when an integer would pass 2^53", () => {
    expect(mul(scaled(2 ** 40), scaled(2 ** 20))).toBeUndefined();
  });
});

describe("fast paths agree with the Decimal path", () => {
  it("MARGIN answers plain numbers, and gives what Decimal gives", () => {
    expect(F.MARGIN.fast!([100000, 50])).toBe(2000);
    fc.assert(
      fc.property(decimalNumber(4, 10 ** 9), decimalNumber(3, 2000), (n, l) => {
        const quick = F.MARGIN.fast!([n, l]);
        const exact = slow(F.MARGIN, [n, l]);
        if (quick !== undefined) expect(quick).toBe(exact);
        else if (n >= 0 && l > 0) throw new Error(`MARGIN(${n}, ${l}) declined plain input`);
      }),
      { numRuns: 3000 },
    );
  });

  it("PNL answers plain numbers, and gives what Decimal gives", () => {
    // the everyday cases take the fast path: hand, 0.5·1,000 = 500; short 2·(1.0850 − 1.0800)·100,000 = 1,000;
    // with 0.04 % fees: 500 − 0.0004·121,000·0.5 = 475.8
    expect(F.PNL.fast!(["long", 60000, 61000, 0.5])).toBe(500);
    expect(F.PNL.fast!(["short", 1.085, 1.08, 2, 100000])).toBe(1000);
    expect(F.PNL.fast!(["long", 60000, 61000, 0.5, 1, 0.0004])).toBe(475.8);
    fc.assert(
      fc.property(
        plainSide,
        decimalNumber(2, 10 ** 7),
        decimalNumber(2, 10 ** 7),
        decimalNumber(3, 10 ** 5),
        fc.constantFrom(undefined, 1, 100, 100000),
        fc.constantFrom(undefined, 0, 0.0004, 0.001, 0.00055),
        fc.constantFrom(undefined, 0, 2.1, -5),
        (s, e, x, q, cs, f, fixed) => {
          const args = [s, e, x, q, cs, f, fixed];
          const quick = F.PNL.fast!(args);
          const exact = slow(F.PNL, args);
          if (quick !== undefined) expect(quick).toBe(exact);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("the LIQPRICE fast path", () => {
  it("answers plain numbers in both bases", () => {
    // hand, Binance basis: (60,000/10 − 60,000)/(0.005 − 1) = 54,271.35678391959798994974874371859…
    expect(F.LIQPRICE.fast!(["long", 60000, 10])).toBe(54271.3567839196);
    // hand, entry basis: 60,000·(1 − 1/10 + 0.004) = 54,240 (liq-approx-01)
    expect(F.LIQPRICE.fast!(["long", 60000, 10, [[0.004]], 0, 1, 0, "entry"])).toBe(54240);
  });

  it("leaves errors and tier tables to the Decimal path", () => {
    expect(F.LIQPRICE.fast!(["long", 100, 1])).toBeUndefined(); // a 1x long: #N/A
    expect(F.LIQPRICE.fast!(["long", 100, 250])).toBeUndefined(); // 250 × 0.005 ≥ 1: #NUM!
    expect(F.LIQPRICE.fast!(["long", 100, 10, [[0, 1e6, 0.004], [1e6, 1e7, 0.01]], 0, 2])).toBeUndefined();
  });

  it("gives what the Decimal path gives", () => {
    fc.assert(
      fc.property(
        plainSide,
        decimalNumber(2, 10 ** 7),
        fc.oneof(fc.integer({ min: 1, max: 125 }), fc.constantFrom(0.5, 2.5, 33.3)),
        fc.constantFrom(undefined, 0.004, 0.005, 0.01, 0.025, [[0.004]], 0.5),
        fc.constantFrom(undefined, 0, 50, 1300, 16300, 0.01),
        fc.constantFrom(undefined, 1, 0.5, 109.488, 3),
        fc.constantFrom(undefined, 0, 0.0006, 0.00075),
        fc.constantFrom(undefined, "liquidation", "entry"),
        (s, e, l, mmr, amount, q, fee, basis) => {
          const args = [s, e, l, mmr, amount, q, fee, basis];
          const quick = F.LIQPRICE.fast!(args);
          if (quick !== undefined) expect(quick).toBe(slow(F.LIQPRICE, args));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
