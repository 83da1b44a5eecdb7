/**
 * Exact scaled-integer arithmetic in IEEE doubles, for the fast paths of the busiest functions.
 *
 * A cell value x whose shortest decimal text has at most 8 decimals is the integer m over 10^k. Sums and
 * products of such values are again integers over powers of ten, and as long as every integer stays
 * within ±2^53 a double holds it exactly. The one rounding is the last: m/10^k, or one integer over
 * another, which IEEE division rounds correctly, exactly as the Decimal path's result is rounded to a
 * number at the boundary. Any step that would not be exact returns undefined, and the caller answers
 * through Decimal instead; the results are the same number either way (tested).
 */

/** An exact value m/10^k. */
export interface Scaled {
  m: number;
  k: number;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_K = 8;

const safe = Number.isSafeInteger;

/** A cell value as m/10^k, or undefined when it is not a plain number with a short decimal text. */
export function scaled(x: unknown): Scaled | undefined {
  if (typeof x !== "number") return undefined;
  if (safe(x)) return { m: x === 0 ? 0 : x, k: 0 };
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 53) return undefined;
  for (let k = 1; k <= MAX_K; k++) {
    const p = POW10[k]!;
    const m = Math.round(x * p);
    if (m / p === x && safe(m)) return { m, k };
  }
  return undefined;
}

/** A blank optional argument takes `fallback`. */
export function scaledOr(x: unknown, fallback: Scaled): Scaled | undefined {
  return x === undefined || x === null || x === "" ? fallback : scaled(x);
}

function rescale(a: Scaled, k: number): number | undefined {
  const m = a.m * POW10[k - a.k]!;
  return safe(m) ? m : undefined;
}

export function add(a: Scaled | undefined, b: Scaled | undefined): Scaled | undefined {
  if (!a || !b) return undefined;
  const k = Math.max(a.k, b.k);
  const x = rescale(a, k);
  const y = rescale(b, k);
  if (x === undefined || y === undefined) return undefined;
  const m = x + y;
  return safe(m) && k <= 22 ? { m, k } : undefined;
}

export function neg(a: Scaled | undefined): Scaled | undefined {
  return a && { m: -a.m, k: a.k };
}

export function sub(a: Scaled | undefined, b: Scaled | undefined): Scaled | undefined {
  return add(a, neg(b));
}

export function mul(a: Scaled | undefined, b: Scaled | undefined): Scaled | undefined {
  if (!a || !b) return undefined;
  const m = a.m * b.m;
  const k = a.k + b.k;
  return safe(m) && k <= 22 ? { m: m === 0 ? 0 : m, k } : undefined;
}

/** The value as the nearest double. */
export function toNumber(a: Scaled | undefined): number | undefined {
  if (!a) return undefined;
  const n = a.m / POW10[a.k]!;
  return n === 0 ? 0 : n;
}

/** a/b as the nearest double (b ≠ 0), or undefined. */
export function quotient(a: Scaled | undefined, b: Scaled | undefined): number | undefined {
  if (!a || !b || b.m === 0) return undefined;
  // a/b = (a.m/b.m)·10^(b.k − a.k): bring both to integers over the same power of ten
  const k = Math.max(a.k, b.k);
  const x = rescale(a, k);
  const y = rescale(b, k);
  if (x === undefined || y === undefined) return undefined;
  const q = x / y;
  return q === 0 ? 0 : q;
}

export const ONE_SCALED: Scaled = { m: 1, k: 0 };
export const ZERO_SCALED: Scaled = { m: 0, k: 0 };

/** +1 or −1 for the plain spellings of a side; anything else is left to the full reader. */
export function quickSide(x: unknown): 1 | -1 | undefined {
  if (x === "long" || x === 1) return 1;
  if (x === "short" || x === -1) return -1;
  return undefined;
}

/** A range argument holding one number (Excel passes [[x]] for a range parameter given one value). */
export function scaledCellOr(x: unknown, fallback: Scaled): Scaled | undefined {
  if (Array.isArray(x)) {
    if (x.length !== 1 || !Array.isArray(x[0]) || x[0].length !== 1) return undefined;
    return scaledOr(x[0][0], fallback);
  }
  return scaledOr(x, fallback);
}
