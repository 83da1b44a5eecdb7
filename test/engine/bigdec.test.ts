import * as fc from "fast-check";
import * as B from "../../src/engine/arith/bigdec";
import { D } from "../../src/engine/spec/decimal";
import { share } from "../../src/engine/journal/finish-decimal";
import { shareBig } from "../../src/engine/journal/finish-exact";

// Each BigInt step must give the value decimal.js gives at the engine's settings (34 digits, ties away from
// zero): the values are compared as decimal text, and the doubles as numbers.

const dec = (x: B.Big) => new D(`${x.n}e-${x.k}`);

/** A scaled integer up to 2^50 with up to 11 decimals, as the exact paths hold prices, quantities and fees. */
const scaled = fc.tuple(fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }), fc.integer({ min: 0, max: 11 })).map(([n, k]) => ({ n, k }));
/** Values of up to 40 digits, so that sums and products pass 34 digits and must round. */
const long = fc.tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 45 })).map(([n, k]) => ({ n, k }));
const nonZero = (a: fc.Arbitrary<B.Big>) => a.filter((x) => x.n !== 0n);

describe("BigInt decimals round as the engine's Decimal does", () => {
  it("a hand example: 1/3 to 34 digits, and 2/3 rounding its last digit up", () => {
    // 1/3 = 0.333…3 (34 threes); 2/3 = 0.666…67 (33 sixes and a 7)
    expect(dec(B.div(B.big(1, 0), B.big(3, 0))).toString()).toBe(`0.${"3".repeat(34)}`);
    expect(dec(B.div(B.big(2, 0), B.big(3, 0))).toString()).toBe(`0.${"6".repeat(33)}7`);
    // a tie rounds away from zero: 1.5 to 0 places is 2, −2.5 is −3
    expect(dec(B.toPlaces(B.big(15, 1), 0)).toString()).toBe("2");
    expect(dec(B.toPlaces(B.big(-25, 1), 0)).toString()).toBe("-3");
  });

  it("add, sub and mul", () => {
    fc.assert(
      fc.property(fc.oneof(scaled, long), fc.oneof(scaled, long), (a, b) => {
        expect(dec(B.add(a, b)).eq(dec(a).add(dec(b)))).toBe(true);
        expect(dec(B.sub(a, b)).eq(dec(a).sub(dec(b)))).toBe(true);
        expect(dec(B.mul(a, b)).eq(dec(a).mul(dec(b)))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("div, toPlaces and toNumber", () => {
    fc.assert(
      fc.property(fc.oneof(scaled, long), nonZero(fc.oneof(scaled, long)), fc.integer({ min: 0, max: 40 }), (a, b, places) => {
        const q = B.div(a, b);
        expect(dec(q).eq(dec(a).div(dec(b)))).toBe(true);
        expect(dec(B.toPlaces(q, places)).eq(dec(a).div(dec(b)).toDecimalPlaces(places))).toBe(true);
        // the boundary shows no −0, and neither does toNumber
        expect(B.toNumber(q)).toBe(dec(a).div(dec(b)).toNumber() || 0);
      }),
      { numRuns: 3000 },
    );
  });

  it("exponent and ownDecimals read a value as decimal.js writes it", () => {
    fc.assert(
      fc.property(scaled, (x) => {
        const d = dec(x);
        expect(B.exponent(x)).toBe(d.isZero() ? 0 : d.e);
        const text = d.toString();
        expect(B.ownDecimals(x)).toBe(text.includes(".") ? text.length - text.indexOf(".") - 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a flip's fee part in BigInt is the Decimal path's share", () => {
  it("for fees, parts and wholes as the exact paths hold them", () => {
    fc.assert(
      fc.property(
        scaled,
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 11 }),
        (fee, a, b, kq) => {
          const [part, whole] = a < b ? [a, b] : [b, a];
          const mine = shareBig(fee, part, whole, kq);
          const theirs = share(dec(fee), dec(B.big(part, kq)), dec(B.big(whole, kq)));
          expect(dec(mine).toString()).toBe(theirs.toString());
        },
      ),
      { numRuns: 3000 },
    );
  });
});
