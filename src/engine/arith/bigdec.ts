/**
 * Decimal steps in BigInt that round exactly as the engine's Decimal does (34 significant digits, ties away
 * from zero: see decimal.ts), for the few places where a fast path must reproduce a Decimal rounding rather
 * than avoid it (a flip's fee parts in TRADES). A value is n/10^k with k ≥ 0; nothing here is approximate,
 * and each function names the decimal.js operation it stands for (tested against it in
 * test/engine/bigdec.test.ts). A safe integer's text is all its digits, so a scaled double converts exactly.
 */

export interface Big {
  n: bigint;
  k: number;
}

// read once: a call never looks up a global (see exact.ts)
const toBigInt = BigInt;
const toNumberOf = Number;

const PRECISION = 34;
const POW10: bigint[] = [1n];

function pow10(d: number): bigint {
  while (POW10.length <= d) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[d]!;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** The number of decimal digits of |n| (1 for 0), by comparisons with powers of ten (no text made). */
function digits(n: bigint): number {
  const a = abs(n);
  let lo = 1; // a < 10^hi, a ≥ 10^(lo − 1)
  let hi = 1;
  while (a >= pow10(hi)) hi *= 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a < pow10(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** n/10^d rounded to an integer, ties away from zero. */
function dropDigits(n: bigint, d: number): bigint {
  const p = pow10(d);
  const q = n / p; // towards zero
  const r = abs(n - q * p);
  return r * 2n >= p ? q + (n < 0n ? -1n : 1n) : q;
}

/** m/10^k for a safe integer m (a scaled double of exact.ts). */
export function big(m: number, k: number): Big {
  return { n: toBigInt(m), k };
}

/** Written with k ≥ 0. */
function normal(n: bigint, k: number): Big {
  return k >= 0 ? { n, k } : { n: n * pow10(-k), k: 0 };
}

/** x rounded to 34 significant digits: what decimal.js makes of an exact result at precision 34. */
function rounded(n: bigint, k: number): Big {
  const d = digits(n) - PRECISION;
  return d > 0 ? normal(dropDigits(n, d), k - d) : { n, k };
}

/** a + b, as `a.add(b)`. */
export function add(a: Big, b: Big): Big {
  const k = a.k > b.k ? a.k : b.k;
  return rounded(a.n * pow10(k - a.k) + b.n * pow10(k - b.k), k);
}

/** a − b, as `a.sub(b)`. */
export function sub(a: Big, b: Big): Big {
  return add(a, { n: -b.n, k: b.k });
}

/** a·b, as `a.mul(b)`. */
export function mul(a: Big, b: Big): Big {
  return rounded(a.n * b.n, a.k + b.k);
}

/** a/b (b ≠ 0), as `a.div(b)`: the exact quotient rounded once to 34 significant digits. */
export function div(a: Big, b: Big): Big {
  if (a.n === 0n) return { n: 0n, k: 0 };
  // a/b = (a.n·10^s / b.n)·10^(b.k − a.k − s), with s large enough that the integer quotient has more than
  // 34 digits; the digits dropped from it, and the remainder, decide the last digit exactly
  const grow = PRECISION + 2 + digits(b.n) - digits(a.n);
  const s = grow > 0 ? grow : 0;
  const num = abs(a.n) * pow10(s);
  const den = abs(b.n);
  const q = num / den;
  const r = num - q * den;
  const d = digits(q) - PRECISION;
  const p = pow10(d);
  const kept = q / p;
  const dropped = q - kept * p;
  // round up when (dropped + r/den)/p ≥ 1/2
  const up = (dropped * den + r) * 2n >= p * den;
  const n = (up ? kept + 1n : kept) * (a.n < 0n !== b.n < 0n ? -1n : 1n);
  return normal(n, a.k - b.k + s - d);
}

/** x rounded to `places` decimals, ties away from zero, as `x.toDecimalPlaces(places)`. */
export function toPlaces(x: Big, places: number): Big {
  return x.k > places ? { n: dropDigits(x.n, x.k - places), k: places } : x;
}

/** The nearest double, as `x.toNumber()` (both round the same decimal value correctly), never −0. */
export function toNumber(x: Big): number {
  return x.n === 0n ? 0 : toNumberOf(x.k === 0 ? x.n.toString() : `${x.n}e-${x.k}`);
}

/** The decimal exponent of x ≠ 0 as decimal.js keeps it (`x.e`: 10^e ≤ |x| < 10^(e+1)); 0 for 0. */
export function exponent(x: Big): number {
  return x.n === 0n ? 0 : digits(x.n) - 1 - x.k;
}

/** How many decimals x's shortest text has (trailing zeros dropped), as decimal.js writes it (no exponent form). */
export function ownDecimals(x: Big): number {
  let n = abs(x.n);
  let k = x.k;
  while (k > 0 && n % 10n === 0n) {
    n /= 10n;
    k--;
  }
  return n === 0n ? 0 : k;
}
