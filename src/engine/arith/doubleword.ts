/**
 * Double-word ("double-double") arithmetic, and a test of whether a value known to within a bound has one
 * nearest double: what a fast path needs to give exactly the double the Decimal path gives for a figure that
 * is not a short decimal (a mean of quotients, a square root), where exact.ts's scaled integers cannot go.
 *
 * A double-word value is an unevaluated sum hi + lo of two doubles. The primitives are the error-free
 * transformations (TwoSum, Fast2Sum, Dekker's TwoProduct with Veltkamp's split, as JavaScript has no fused
 * multiply-add) and the double-word algorithms analysed by Joldes, Muller and Popescu, "Tight and rigorous
 * error bounds for basic building blocks of double-word arithmetic" (ACM TOMS 44, 2017): each result is the
 * exact result of the operation on its double-word operands times (1 + θ) with |θ| ≤ 16u², u = 2^-53, that
 * is below 2^-102 (the bounds proven there are 3u² for a sum and for a quotient by a double, 7u² for a
 * product, 15u² for a quotient, and 25u²/8 for a square root by the same method). Callers use 2^-96 per
 * operation, 64 times that, which also covers a Decimal operation at 34 significant digits (correctly rounded,
 * so within 5·10^-34 < 2^-110 of its exact result; decimal.js's non-integer power within 10^-33).
 *
 * Nothing allocates: a primitive leaves its result in the registers H and L of this module, read by the
 * caller right away. Values stay far from overflow and underflow (callers check), where the bounds hold.
 */

let H = 0;
let L = 0;

/** 2^27 + 1: Veltkamp's splitting constant for doubles. */
const SPLITTER = 134217729;

/** H + L = a + b exactly, H = fl(a + b). */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  L = a - (s - bb) + (b - bb);
  H = s;
}

/** H + L = a + b exactly, for |a| ≥ |b| (or a's exponent at least b's). */
function fastTwoSum(a: number, b: number): void {
  const s = a + b;
  L = b - (s - a);
  H = s;
}

/** H + L = a·b exactly (Dekker), for |a|, |b| < 2^996 and a product far from underflow. */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  L = ah * bh - p + ah * bl + al * bh + al * bl;
  H = p;
}

/** (xh + xl) + (yh + yl): the accurate sum (Joldes et al., Algorithm 6), relative error ≤ 3u² even under cancellation. */
function add(xh: number, xl: number, yh: number, yl: number): void {
  twoSum(xh, yh);
  const sh = H;
  const sl = L;
  twoSum(xl, yl);
  const th = H;
  const tl = L;
  fastTwoSum(sh, sl + th);
  const vh = H;
  fastTwoSum(vh, tl + L);
}

/** (xh + xl)·(yh + yl) (Algorithm 10 without FMA), relative error ≤ 7u². */
function mul(xh: number, xl: number, yh: number, yl: number): void {
  twoProd(xh, yh);
  const ch = H;
  fastTwoSum(ch, L + (xh * yl + xl * yh));
}

/** (xh + xl) / y for a double y (Algorithm 15), relative error ≤ 3u². */
function divFP(xh: number, xl: number, y: number): void {
  const th = xh / y;
  twoProd(th, y);
  const tl = (xh - H - L + xl) / y;
  fastTwoSum(th, tl);
}

/** (yh + yl)·b for a double b (Algorithm 7), relative error ≤ 2u². */
function mulFP(yh: number, yl: number, b: number): void {
  twoProd(yh, b);
  const ch = H;
  const cl1 = L;
  fastTwoSum(ch, yl * b);
  const th = H;
  fastTwoSum(th, L + cl1);
}

/** (xh + xl) / (yh + yl) (Algorithm 17), relative error ≤ 15u². */
function div(xh: number, xl: number, yh: number, yl: number): void {
  const th = xh / yh;
  mulFP(yh, yl, th);
  const tl = (xh - H + (xl - L)) / yh;
  fastTwoSum(th, tl);
}

/** √(xh + xl) for xh > 0: one Newton step from √xh on the exact residual, relative error ≤ 25u²/8 (+u² without FMA). */
function sqrt(xh: number, xl: number): void {
  const sh = Math.sqrt(xh);
  twoProd(sh, sh);
  const tl = (xh - H - L + xl) / (2 * sh);
  fastTwoSum(sh, tl);
}

/** The relative error allowed per operation of either path (see above). */
export const EPS = 2 ** -96;
/** Just under one half: a window must stay this far inside a double's rounding interval, so the doubles' own rounding of the test cannot matter. */
const HALF_SAFE = 0.5 - 2 ** -20;
const TINY = 2 ** -900;
const HUGE = 2 ** 900;

/**
 * hi when every real number within e of hi + lo rounds to the double hi (round to nearest), else NaN: then
 * two values each within e/2 of the same exact figure (the fast path's and the Decimal path's) show as the
 * same double, hi. The rounding interval of hi reaches half a gap to either neighbour; the gap below a power
 * of two is half the gap above it.
 */
export function certain(hi: number, lo: number, e: number): number {
  const a = hi < 0 ? -hi : hi;
  if (!(a >= TINY && a <= HUGE && e >= 0 && e < a)) return NaN;
  let p = 2 ** Math.floor(Math.log2(a)); // the power of two at or below a, corrected if log2 rounded
  if (p > a) p /= 2;
  else if (p * 2 <= a) p *= 2;
  const up = p * 2 ** -52;
  const down = a === p ? up / 2 : up;
  const l = hi < 0 ? -lo : lo; // how far the value lies beyond a, away from zero
  return l + e < up * HALF_SAFE && e - l < down * HALF_SAFE ? hi : NaN;
}

/** The sign (−1, 0, 1) of a·b − c·d, exactly, for doubles whose products stay far from overflow. */
export function compareProducts(a: number, b: number, c: number, d: number): number {
  twoProd(a, b);
  const ph = H;
  const pl = L;
  twoProd(c, d);
  // ph = fl(a·b) and H = fl(c·d): rounding is monotonic, so unequal heads order the exact products
  if (ph !== H) return ph > H ? 1 : -1;
  return pl > L ? 1 : pl < L ? -1 : 0;
}

/**
 * a/b for doubles a ≥ 0 and b > 0 as the Decimal path shows it (the quotient rounded to 34 digits, then to a
 * double), or NaN when the exact quotient is too near a midpoint between doubles to be sure: the double-word
 * quotient and the Decimal one are each within 2^-96 of the exact one in relative terms (above).
 */
export function certainQuotient(a: number, b: number): number {
  if (a === 0) return 0;
  divFP(a, 0, b);
  return certain(H, L, 4 * EPS * H);
}

/**
 * Average R and SQN over n trades with R_i = pnl_i ÷ risk_i, where pnl and risk hold the exact values (scaled
 * integers at one scale, so R_i is their quotient), certified to be the doubles the Decimal path shows
 * (`rFigures` in journal.ts: each R_i, the running sum, the mean, each deviation, its square, their running
 * sum, the variance, min(n, 100)/variance, its square root and the product by the mean, each rounded to 34
 * digits). `out[0]` is Average R and `out[1]` SQN, or NaN for a figure that could not be certified (the caller
 * then leaves the call to the Decimal path); n ≥ 2.
 *
 * Error analysis. Each operation of either path returns its exact result on its own computed operands times
 * (1 + θ), |θ| ≤ ε = 2^-96 (above). Write R_i, S, M, d_i = R_i − M, Q = Σ d_i², V = Q/(n−1) for the exact
 * values, and r_i, s, m, … for either path's computed ones; a bound B below holds for both paths, so their
 * two results differ by at most 2B and `certain(·, ·, 2B)` decides.
 *   R:  |r_i − R_i| ≤ ε|R_i|.                         A = Σ|R_i|.
 *   S:  each partial sum is within ε of its exact sum of computed operands, and every partial sum is at most
 *       A(1 + ε)^n, so |s − S| ≤ εA + nε·A(1 + ε)^n ≤ (n + 2)εA  (n < 2^24).
 *   M:  |m − M| ≤ |s − S|/n + ε|s|/n ≤ (n + 4)εA/n =: E_M. Absolute, in terms of A: when the R's nearly cancel,
 *       the mean's relative error is large and the mean is declined, as it should be.
 *   d:  |d'_i − d_i| ≤ |r_i − R_i| + |m − M| + ε|d'_i| ≤ ε(|R_i| + |d'_i|) + E_M =: e_i.
 *   d²: |q_i − d_i²| ≤ e_i(2|d_i| + e_i) + ε·q_i ≤ e_i(2|d'_i| + 3e_i) + ε(|d'_i| + 2e_i)²(1 + ε) =: f_i.
 *   Q:  partial sums of non-negative terms are at most the last, so |q − Q| ≤ Σf_i + (n + 1)ε·q(1 + ε)^n.
 *   V:  |v − V| ≤ (|q − Q| + ε·q)/(n − 1): relative ρ_V = (|q − Q| + εq)/q.
 *   SQN = √(min(n, 100)/V)·M: with ρ_M = E_M/|m|, and both ρ below 2^-30 (else declined), a relative error
 *       η_V in V moves V^(-1/2) by at most |η_V| (|η_V| ≤ 1/2), so both paths are within
 *       ρ_S = (ρ_V + ρ_M)(1 + 2^-29) + 4ε of SQN in relative terms (division, root, product: 3ε, plus slack).
 * The terms are taken from the fast path's own values (|r_i| for |R_i|, and so on); the other path's values
 * differ from them by a relative 2^-29 at most, and every bound is doubled before use, which covers that and
 * the doubles' rounding in computing the bounds themselves (relative n·2^-53 < 2^-29). For the usual journal the
 * window is about 10^-26 of the value wide, against 10^-16 between doubles: roughly one call in 10^10 is
 * declined, and the Decimal path answers it.
 */
export function rFiguresExact(pnl: Float64Array, risk: Float64Array, n: number, out: Float64Array): void {
  out[0] = NaN;
  out[1] = NaN;
  if (!(n >= 2 && n < 2 ** 24)) return;
  if (rh.length < n) {
    rh = new Float64Array(n);
    rl = new Float64Array(n);
  }
  let sh = 0;
  let sl = 0;
  let A = 0;
  for (let i = 0; i < n; i++) {
    divFP(pnl[i]!, 0, risk[i]!);
    const h = H;
    const l = L;
    rh[i] = h;
    rl[i] = l;
    A += h < 0 ? -h : h;
    add(sh, sl, h, l);
    sh = H;
    sl = L;
  }
  divFP(sh, sl, n);
  const mh = H;
  const ml = L;
  const eM = 2 * (((n + 4) * EPS * A) / n); // doubled, as said above
  out[0] = certain(mh, ml, 2 * eM);

  let qh = 0;
  let ql = 0;
  let f = 0;
  for (let i = 0; i < n; i++) {
    const r = rh[i]!;
    add(r, rl[i]!, -mh, -ml);
    const dh = H;
    const dl = L;
    const d = dh < 0 ? -dh : dh;
    const e = EPS * ((r < 0 ? -r : r) + d) + eM;
    const w = d + 2 * e;
    f += e * (2 * d + 3 * e) + EPS * w * w;
    mul(dh, dl, dh, dl);
    add(qh, ql, H, L);
    qh = H;
    ql = L;
  }
  const eQ = 2 * (f + (n + 2) * EPS * qh);
  const rhoV = 2 * ((eQ + EPS * qh) / qh);
  const am = mh < 0 ? -mh : mh;
  const rhoM = eM / am;
  if (!(rhoV <= 2 ** -30 && rhoM <= 2 ** -30)) return;
  divFP(qh, ql, n - 1);
  div(n < 100 ? n : 100, 0, H, L);
  sqrt(H, L);
  mul(H, L, mh, ml);
  const rhoS = 2 * ((rhoV + rhoM) * (1 + 2 ** -29) + 4 * EPS);
  const z = H < 0 ? -H : H;
  out[1] = certain(H, L, 2 * (rhoS * z));
}

let rh = new Float64Array(0);
let rl = new Float64Array(0);
