/**
 * Exact scaled-integer arithmetic in IEEE doubles, for the fast paths of the busiest functions.
 *
 * A cell value x whose shortest decimal text has at most 11 decimals is an integer m over 10^k. Sums and
 * products of such values are again integers over powers of ten, and as long as every integer stays
 * within ±(2^53 − 1) a double holds it exactly. The one rounding is the last: m/10^k, or one integer over
 * another, which IEEE division rounds correctly, exactly as the Decimal path's result is rounded to a
 * number at the boundary. A step that would not be exact yields NaN, NaN carries through every later
 * step, and the fast path then answers undefined so that the caller computes through Decimal instead;
 * the results are the same number either way (tested).
 *
 * Nothing here allocates: a value is two numbers, its integer `m` and its scale `k` (decimals), kept by
 * the caller, which knows the scale of every step (a product's scale is the sum, a sum's the larger).
 * Globals (Math, Number, Array) are read once, here, so a call never looks them up.
 */

import { blank as isBlank } from "../spec/plain";

/** Powers of ten above 10^22 are not exact doubles. */
const MAX_SCALE = 22;
/** 10^0 … 10^22, each an exact double (10^k = 2^k·5^k with 5^22 < 2^53), so each product below is exact. */
const POW10 = [1];
for (let k = 1; k <= MAX_SCALE; k++) POW10.push(POW10[k - 1]! * 10);
const MAX_DECIMALS = 11;
const MAX_SAFE = 2 ** 53 - 1;
/**
 * A fraction's integer stays below 2^50, so that x·10^k is within 1/4 of it and rounds to it, and no
 * other decimal with k places rounds to the same double: the integer found is the shortest decimal text's.
 */
const MAX_FRACTION = 2 ** 50;

const { round, max } = Math;
const isSafeInteger = Number.isSafeInteger;

/**
 * JOURNALSTATS' fast path takes a blank scalar argument as the plain readers do (spec/plain.ts, where every other
 * fast kernel's arguments are read, through its generated decoder). The journal's sides are read by the
 * catalog's `sideOf` (journal/cells.ts).
 */
export function blank(x: unknown): x is undefined | null | "" {
  return isBlank(x);
}

/** The least k ≤ 11 with x = m/10^k exactly (m an integer), or −1 when x is not such a plain number. */
export function decimals(x: number): number {
  if (isSafeInteger(x)) return 0;
  if (!(x > -MAX_FRACTION && x < MAX_FRACTION)) return -1; // also NaN and ±Infinity
  for (let k = 1; k <= MAX_DECIMALS; k++) {
    const p = POW10[k]!;
    const m = round(x * p);
    if (m / p === x) return m < MAX_FRACTION && m > -MAX_FRACTION ? k : -1;
  }
  return -1;
}

/** The integer m of x = m/10^k, for the k that `decimals(x)` gave. */
export function integer(x: number, k: number): number {
  const m = round(x * POW10[k]!);
  return m === 0 ? 0 : m; // never −0
}

/** n itself when a double holds it exactly as an integer step (|n| < 2^53), else NaN. */
export function exact(n: number): number {
  return n <= MAX_SAFE && n >= -MAX_SAFE ? n : NaN;
}

/** m/10^from written over 10^to (to ≥ from); NaN when that integer is too large. */
export function lift(m: number, from: number, to: number): number {
  const p = POW10[to - from];
  return p === undefined ? NaN : exact(m * p);
}

/** a/10^ka + b/10^kb, over 10^max(ka, kb). */
export function sum(a: number, ka: number, b: number, kb: number): number {
  const k = max(ka, kb);
  return exact(lift(a, ka, k) + lift(b, kb, k));
}

/** a·b: the integer of a product (its scale is the sum of the scales). */
export function product(a: number, b: number): number {
  return exact(a * b);
}

/** m/10^k as the nearest double, or undefined when a step was not exact. */
export function value(m: number, k: number): number | undefined {
  if (m !== m || k > MAX_SCALE) return undefined;
  const n = m / POW10[k]!;
  return n === 0 ? 0 : n;
}

/** |m/10^k| as a double, for bounds (not exact; NaN stays NaN). */
export function magnitude(m: number, k: number): number {
  const n = m / (POW10[k] ?? NaN);
  return n < 0 ? -n : n;
}

/**
 * (a/10^ka) / (b/10^kb) as the nearest double, or undefined when a step was not exact, b is 0, or the
 * Decimal path might round to another double.
 *
 * `spread` bounds how far the Decimal path's quotient may lie from the exact one, relative to it, in units
 * of u = 2^-110 (more than the 5·10^-34 a 34-digit rounding moves a value). A quotient the Decimal path
 * computes as one division of exact values has spread 1, the default; where it rounds intermediate values
 * first (the margin E·q/L inside a liquidation price, a running average), the caller passes the bound of
 * its formula, amplified where rounded terms cancel. The Decimal path's double is its 34-digit value
 * rounded to nearest, ours the exact value rounded to nearest: they are the same double unless a midpoint
 * between two doubles lies between them, so the answer is given only when the exact value is further than
 * spread·u·|value| from every midpoint.
 *
 * Usually that is certain without looking: with x and y integers below 2^53 and q = fl(x/y) in
 * [2^e, 2^(e+1)), every midpoint near q is M·2^(e−54) with M odd and M ≥ 2^54, and x·2^(54−e) − M·y is a
 * non-zero integer (M's odd factor exceeds x's), so |x/y − midpoint| ≥ 2^(e−54)/|y| ≥ 2^-55·|x/y|/|y|.
 * Hence spread·|y| < 2^55 settles it (always so for spread 1). Otherwise the residual r = x − q·y is
 * computed exactly (Dekker's product, no FMA needed) and the distance to the midpoint measured.
 */
export function ratio(a: number, ka: number, b: number, kb: number, spread = 1): number | undefined {
  const k = max(ka, kb);
  const x = lift(a, ka, k);
  const y = lift(b, kb, k);
  if (x !== x || y !== y || y === 0) return undefined;
  const q = x / y;
  // An exact zero is the Decimal path's zero too: where its rounded terms cancel exactly, the rounded one
  // equals exact terms, so it had nothing to round (the callers' formulas round one quantity, or
  // products of one rounded quantity that vanish together).
  if (q === 0) return 0;
  if (spread * (y < 0 ? -y : y) < 2 ** 55) return q;
  return clearOfMidpoints(x, y, q, spread) ? q : undefined;
}

/**
 * An exact fraction (n/10^kn)/(d/10^kd) and the Decimal path's drift around it (`ratio`'s spread): what a
 * kernel leaves in an out-object its caller owns, for a caller that divides once more from the exact value.
 */
export interface Fraction {
  n: number;
  kn: number;
  d: number;
  kd: number;
  spread: number;
}

/**
 * A fresh out-object for a Fraction: 0/0 until settled, so a fraction never settled divides by zero and is
 * declined. Written with 0 rather than NaN: where Excel's JavaScript-only runtime looks up every global name
 * through its context, `NaN` is such a name, and this is made once per column of a table.
 */
export function fraction(): Fraction {
  return { n: 0, kn: 0, d: 0, kd: 0, spread: 0 };
}

/** `ratio`, leaving the fraction and its spread in `out` when one is given. */
export function settle(n: number, kn: number, d: number, kd: number, spread: number, out: Fraction | undefined): number | undefined {
  if (out !== undefined) {
    out.n = n;
    out.kn = kn;
    out.d = d;
    out.kd = kd;
    out.spread = spread;
  }
  return ratio(n, kn, d, kd, spread);
}

/** Veltkamp's splitter: a double into two halves of 26 bits whose products are exact. */
const SPLIT = 134217729; // 2^27 + 1
const U = 2 ** -110;
const F64 = new Float64Array(1);
const W32 = new Uint32Array(F64.buffer);
/** The index of a double's high word (sign, exponent, top of the mantissa) in W32. */
const HIGH = (F64[0] = 1, W32[1] === 0x3ff00000 ? 1 : 0);

/**
 * Whether x/y (integers below 2^53, q = fl(x/y) ≠ 0) lies further than spread·u·|x/y| from the midpoints
 * on either side of q, with room to spare for the roundings of this test itself.
 */
function clearOfMidpoints(x: number, y: number, q: number, spread: number): boolean {
  if (!(spread < 2 ** 40)) return false; // NaN, or an amplification too large to trust anything
  // q·y = p + e exactly (Dekker), so r = x − q·y = (x − p) − e; x − p is exact (Sterbenz: p is within a
  // factor of 2 of x) and the last subtraction rounds r by at most 2^-53 of itself
  const cq = SPLIT * q;
  const qh = cq - (cq - q);
  const ql = q - qh;
  const cy = SPLIT * y;
  const yh = cy - (cy - y);
  const yl = y - yh;
  const p = q * y;
  const e = qh * yh - p + qh * yl + ql * yh + ql * yl;
  const r = x - p - e;
  // the gap between q and its neighbour on the side of x/y: 2^(exponent − 52), halved below a power of two
  F64[0] = q;
  const high = W32[HIGH]!;
  const exponent = (high >>> 20) & 0x7ff;
  if (exponent <= 53) return false; // subnormal range: not met by integers below 2^53, declined all the same
  const power = (high & 0xfffff) === 0 && W32[1 - HIGH] === 0;
  W32[HIGH] = (exponent - 52) << 20;
  W32[1 - HIGH] = 0;
  let halfGap = F64[0] / 2;
  if (power && (r < 0) !== (x < 0)) halfGap /= 2; // x/y is nearer zero than q, where doubles are twice as dense
  const room = halfGap * (y < 0 ? -y : y) - (r < 0 ? -r : r); // (distance to the midpoint)·|y|
  return room > 2 * spread * U * (x < 0 ? -x : x) + (r < 0 ? -r : r) * 2 ** -50;
}
