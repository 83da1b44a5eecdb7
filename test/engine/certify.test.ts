import * as fc from "fast-check";
import Decimal from "decimal.js";
import { D, type Dec, liquidationPrice } from "../../src/engine";
import { roundings, type Rounding } from "../../src/engine/arith/certify";
import { ENTRY_BASIS_ROUNDINGS, LIQUIDATION_ROUNDING_POINTS, LIQUIDATION_ROUNDINGS, LIQUIDATION_TERMS } from "../../src/engine/liquidation/price";
import { FXMARGIN_DIVIDED_ROUNDINGS, fxMargin } from "../../src/engine/forex/forex";
import { decimalNumber } from "../helpers/arbitraries";

/*
 * A fast kernel's certification bound is computed from the rounding points its Decimal formula lists beside
 * itself (arith/certify.ts). These tests compile small lists by hand, perturb the real lists and see the bound
 * move, and measure the Decimal formulas' real drift from the exact value (at 120 digits) against the bound
 * their lists give.
 */

/** The unit the spread counts in: u = 2^-110 of the result. */
const U = 2 ** -110;
/** An exact reference: decimal.js at 120 significant digits. */
const Exact = Decimal.clone({ precision: 120 });

describe("roundings compiles a formula's rounding points into its bound", () => {
  it("adds each point's size over the part it lands in, doubled, and one per rounding of the result", () => {
    const r = roundings(["a", "b"], [
      { step: "a rounded", into: "numerator", size: ["a"] },
      { step: "a + b rounded", into: "denominator", size: ["a", "b"] },
      { step: "the quotient", into: "result" },
    ]);
    // hand: numerator 4, denominator 10, a = 2, b = 3: 2·(2/4 + (2 + 3)/10) + 1 = 2·(0.5 + 0.5) + 1 = 3
    expect(r.spread(4, 10, 2, 3)).toBe(3);
    // a size is a magnitude: signs do not matter; a NaN (a size that was not exact) stays NaN, and is declined
    expect(r.spread(-4, -10, -2, 3)).toBe(3);
    expect(r.spread(4, 10, NaN, 3)).toBeNaN();
  });

  it("refuses a point in a term the formula does not have, and a result rounding with a size", () => {
    expect(() => roundings(["a"], [{ step: "x", into: "numerator", size: ["b" as "a"] }])).toThrow(/no term b/);
    expect(() => roundings(["a"], [{ step: "x", into: "result", size: ["a"] }])).toThrow(/a size goes with/);
  });
});

describe("the bound follows the formula: perturb its rounding points and the bound moves", () => {
  // a 10x long, 1 BTC at 60,000, mmr 0.5 %, amount 0: q·E = 60,000, L = 10, numerator (×L) = 60,000 − 600,000
  const qE = 60000;
  const sizes = [qE, qE * 10, qE * 0.005 * 10, 0, 540000] as const;
  const bound = (list: readonly Rounding<(typeof LIQUIDATION_TERMS)[number]>[]) => roundings(LIQUIDATION_TERMS, list).spread(540000, 1, ...sizes);

  it("LIQPRICE's bound on the liquidation basis is what its list gives", () => {
    // hand: numerator sizes qE + (qE + LA) + numerator = 60,000 + 60,000 + 540,000 = 660,000 over 540,000,
    // doubled: 2·660,000/540,000 = 2.444…, plus the quotient's rounding: 3.444…
    expect(LIQUIDATION_ROUNDINGS.spread(540000, 1, ...sizes)).toBeCloseTo(2 * (660000 / 540000) + 1, 12);
    expect(bound(LIQUIDATION_ROUNDING_POINTS)).toBe(LIQUIDATION_ROUNDINGS.spread(540000, 1, ...sizes));
  });

  it("a point removed lowers it, a point doubled raises it, the formula reordered (the entry basis) changes it", () => {
    const whole = bound(LIQUIDATION_ROUNDING_POINTS);
    for (let i = 0; i < LIQUIDATION_ROUNDING_POINTS.length; i++) {
      const without = LIQUIDATION_ROUNDING_POINTS.filter((_, j) => j !== i);
      expect(bound(without)).toBeLessThan(whole);
      expect(bound([...LIQUIDATION_ROUNDING_POINTS, LIQUIDATION_ROUNDING_POINTS[i]!])).toBeGreaterThan(whole);
    }
    expect(ENTRY_BASIS_ROUNDINGS.spread(540000, 1, ...sizes)).not.toBe(whole);
  });

  it("FXMARGIN's bound: converting by dividing rounds twice (3), by multiplying once (1)", () => {
    // hand: 2·(converted/converted) + 1 = 3 whatever the amount
    expect(FXMARGIN_DIVIDED_ROUNDINGS.spread(123.45, 30, 123.45)).toBe(3);
    expect(roundings(["converted"], FXMARGIN_DIVIDED_ROUNDINGS.list.filter((r) => r.into === "result")).spread(123.45, 30, 123.45)).toBe(1);
  });
});

/** |a − b| / |b| in units of u. */
function drift(a: Dec, b: Decimal): number {
  return new Exact(a.toString()).sub(b).abs().div(b.abs()).div(U).toNumber();
}

describe("each Decimal formula drifts from the exact value by no more than its rounding points allow", () => {
  const price = decimalNumber(2, 10 ** 6).filter((x) => x > 0);
  const qty = decimalNumber(4, 10 ** 4).filter((x) => x > 0);
  const lev = fc.oneof(fc.integer({ min: 1, max: 125 }), decimalNumber(1, 125).filter((x) => x > 0));
  const rate = fc.integer({ min: 0, max: 500 }).map((m) => m / 10000);

  it("LIQPRICE on both bases (rate form)", () => {
    let measured = 0;
    fc.assert(
      fc.property(fc.constantFrom(1, -1), price, qty, lev, rate, fc.integer({ min: 0, max: 5000 }), rate, fc.boolean(), (s, e, q, l, mmr, amount, fee, entryBasis) => {
        const E = new Exact(e);
        const Q = new Exact(q);
        const L = new Exact(l);
        const M = Q.mul(E).div(L);
        const exact = entryBasis
          ? Q.mul(E).mul(s).sub(M).add(Q.mul(E).mul(mmr)).sub(amount).div(Q.mul(new Exact(s).sub(fee)))
          : M.add(amount).sub(Q.mul(E).mul(s)).div(Q.mul(new Exact(mmr).add(fee)).sub(Q.mul(s)));
        let decimal: Dec;
        try {
          decimal = liquidationPrice({
            side: s as 1 | -1,
            entry: new D(e),
            leverage: new D(l),
            maintenance: { kind: "rate", mmr: new D(mmr) },
            amount: new D(amount),
            quantity: new D(q),
            closeFeeRate: new D(fee),
            basis: entryBasis ? "entry" : "liquidation",
          });
        } catch {
          return; // no liquidation price: nothing to certify
        }
        // the numerator multiplied through by L, exactly, and the terms (liquidation/price.ts)
        const qE = q * e;
        const num = exact.mul(entryBasis ? Q.mul(new Exact(s).sub(fee)) : Q.mul(new Exact(mmr).add(fee)).sub(Q.mul(s))).mul(L).abs().toNumber();
        const list = entryBasis ? ENTRY_BASIS_ROUNDINGS : LIQUIDATION_ROUNDINGS;
        const bound = list.spread(num, 1, qE, qE * l, qE * mmr * l, l * amount, num);
        measured++;
        expect(drift(decimal, exact)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 2000 },
    );
    expect(measured).toBeGreaterThan(500);
  });

  it("FXMARGIN converting by dividing by the rate", () => {
    fc.assert(
      fc.property(decimalNumber(2, 1000).filter((x) => x > 0), lev, decimalNumber(5, 200).filter((x) => x > 0), (lots, l, rate) => {
        const decimal = fxMargin({
          pair: { base: "EUR", quote: "USD" },
          lots: new D(lots),
          leverage: new D(l),
          accountCcy: "JPY",
          rate: new D(rate),
          ratePair: { base: "JPY", quote: "EUR" },
          contractSize: new D(100000),
        });
        const converted = new Exact(lots).mul(100000).div(rate);
        const exact = converted.div(l);
        expect(drift(decimal, exact)).toBeLessThanOrEqual(FXMARGIN_DIVIDED_ROUNDINGS.spread(converted.toNumber(), l, converted.toNumber()));
      }),
      { numRuns: 2000 },
    );
  });
});
