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
const isArray = Array.isArray;

/** A plain number argument, or NaN (which every fast path declines) for anything else. */
export function num(x: unknown): number {
  return typeof x === "number" ? x : NaN;
}

/** Whether an optional argument was left blank (in its plain spellings; others go the long way). */
export function blank(x: unknown): x is undefined | null | "" {
  return x === undefined || x === null || x === "";
}

/** An optional plain number argument: `fallback` when left blank. */
export function numOr(x: unknown, fallback: number): number {
  return blank(x) ? fallback : num(x);
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

/** (a/10^ka) / (b/10^kb) as the nearest double, or undefined when a step was not exact or b is 0. */
export function ratio(a: number, ka: number, b: number, kb: number): number | undefined {
  const k = max(ka, kb);
  const x = lift(a, ka, k);
  const y = lift(b, kb, k);
  if (x !== x || y !== y || y === 0) return undefined;
  const q = x / y;
  return q === 0 ? 0 : q;
}

/** +1 or −1 for the plain spellings of a side; 0 for anything else (left to the full reader). */
export function quickSide(x: unknown): 1 | -1 | 0 {
  if (x === "long" || x === 1) return 1;
  if (x === "short" || x === -1) return -1;
  return 0;
}

/**
 * The value of a range argument holding one cell (Excel passes [[x]] for a range parameter given one
 * value); NaN (declined) for a larger range.
 */
export function single(x: unknown): unknown {
  if (!isArray(x)) return x;
  if (x.length !== 1 || !isArray(x[0]) || x[0].length !== 1) return NaN;
  return x[0][0];
}

/** Whether an argument is a range of other than one cell (a tier table, where a rate or a table belongs). */
export function isRange(x: unknown): x is unknown[] {
  return isArray(x) && !(x.length === 1 && isArray(x[0]) && x[0].length === 1);
}

/** "20x", "x20" (or ×) and "1:50" as readLeverage spells them, in whole numbers. */
const TIMES = /^\s*(?:(\d{1,15})\s*[x×]|[x×]\s*(\d{1,15}))\s*$/i;
const RATIO = /^\s*(\d{1,15})\s*:\s*(\d{1,15})\s*$/;

/**
 * A leverage argument as a plain number: a number as it is, "20x"/"x20" as 20, "1:50"/"50:1" as 50 when
 * the larger side is a whole multiple of the smaller (so the quotient is exact); NaN (declined) otherwise.
 */
export function leverage(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x !== "string") return NaN;
  const t = TIMES.exec(x);
  if (t !== null) return +(t[1] ?? t[2]!);
  const r = RATIO.exec(x);
  if (r === null) return NaN;
  const a = +r[1]!;
  const b = +r[2]!;
  const big = a > b ? a : b;
  const small = a > b ? b : a;
  return small > 0 && big % small === 0 ? big / small : NaN;
}
