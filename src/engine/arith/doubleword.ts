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
 * A primitive leaves its result in an out-object its caller owns (`DW`, made once per call of an exported
 * function, which V8 keeps in registers once the primitives are inlined), never in module state. Values stay
 * far from overflow and underflow (callers check), where the bounds hold.
 */

/** A double-word value hi + lo, as a primitive's result. */
interface DW {
  h: number;
  l: number;
}

/** 2^27 + 1: Veltkamp's splitting constant for doubles. */
const SPLITTER = 134217729;

/** r.h + r.l = a + b exactly, r.h = fl(a + b). */
function twoSum(a: number, b: number, r: DW): void {
  const s = a + b;
  const bb = s - a;
  r.l = a - (s - bb) + (b - bb);
  r.h = s;
}

/** r.h + r.l = a + b exactly, for |a| ≥ |b| (or a's exponent at least b's). */
function fastTwoSum(a: number, b: number, r: DW): void {
  const s = a + b;
  r.l = b - (s - a);
  r.h = s;
}

/** r.h + r.l = a·b exactly (Dekker), for |a|, |b| < 2^996 and a product far from underflow. */
function twoProd(a: number, b: number, r: DW): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  r.l = ah * bh - p + ah * bl + al * bh + al * bl;
  r.h = p;
}

/** (xh + xl) + (yh + yl): the accurate sum (Joldes et al., Algorithm 6), relative error ≤ 3u² even under cancellation. */
function add(xh: number, xl: number, yh: number, yl: number, r: DW): void {
  twoSum(xh, yh, r);
  const sh = r.h;
  const sl = r.l;
  twoSum(xl, yl, r);
  const th = r.h;
  const tl = r.l;
  fastTwoSum(sh, sl + th, r);
  const vh = r.h;
  fastTwoSum(vh, tl + r.l, r);
}

/** (xh + xl)·(yh + yl) (Algorithm 10 without FMA), relative error ≤ 7u². */
function mul(xh: number, xl: number, yh: number, yl: number, r: DW): void {
  twoProd(xh, yh, r);
  const ch = r.h;
  fastTwoSum(ch, r.l + (xh * yl + xl * yh), r);
}

/** (xh + xl) / y for a double y (Algorithm 15), relative error ≤ 3u². */
function divFP(xh: number, xl: number, y: number, r: DW): void {
  const th = xh / y;
  twoProd(th, y, r);
  const tl = (xh - r.h - r.l + xl) / y;
  fastTwoSum(th, tl, r);
}

/** (yh + yl)·b for a double b (Algorithm 7), relative error ≤ 2u². */
function mulFP(yh: number, yl: number, b: number, r: DW): void {
  twoProd(yh, b, r);
  const ch = r.h;
  const cl1 = r.l;
  fastTwoSum(ch, yl * b, r);
  const th = r.h;
  fastTwoSum(th, r.l + cl1, r);
}

/** (xh + xl) / (yh + yl) (Algorithm 17), relative error ≤ 15u². */
function div(xh: number, xl: number, yh: number, yl: number, r: DW): void {
  const th = xh / yh;
  mulFP(yh, yl, th, r);
  const tl = (xh - r.h + (xl - r.l)) / yh;
  fastTwoSum(th, tl, r);
}

/** √(xh + xl) for xh > 0: one Newton step from √xh on the exact residual, relative error ≤ 25u²/8 (+u² without FMA). */
function sqrt(xh: number, xl: number, r: DW): void {
  const sh = Math.sqrt(xh);
  twoProd(sh, sh, r);
  const tl = (xh - r.h - r.l + xl) / (2 * sh);
  fastTwoSum(sh, tl, r);
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
  const r: DW = { h: 0, l: 0 };
  twoProd(a, b, r);
  const ph = r.h;
  const pl = r.l;
  twoProd(c, d, r);
  // ph = fl(a·b) and r.h = fl(c·d): rounding is monotonic, so unequal heads order the exact products
  if (ph !== r.h) return ph > r.h ? 1 : -1;
  return pl > r.l ? 1 : pl < r.l ? -1 : 0;
}

/**
 * a/b for doubles a ≥ 0 and b > 0 as the Decimal path shows it (the quotient rounded to 34 digits, then to a
 * double), or NaN when the exact quotient is too near a midpoint between doubles to be sure: the double-word
 * quotient and the Decimal one are each within 2^-96 of the exact one in relative terms (above).
 */
export function certainQuotient(a: number, b: number): number {
  if (a === 0) return 0;
  const r: DW = { h: 0, l: 0 };
  divFP(a, 0, b, r);
  return certain(r.h, r.l, 4 * EPS * r.h);
}

/**
 * Average R and SQN over n trades with R_i = pnl_i ÷ risk_i, where pnl and risk hold the exact values (scaled
 * integers at one scale, so R_i is their quotient), certified to be the doubles the Decimal path shows
 * (`rFigures` in journal/stats.ts: each R_i, the running sum, the mean, each deviation, its square, their running
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
  const r: DW = { h: 0, l: 0 };
  // the R_i as double-words, kept for the second pass
  const rh = new Float64Array(n);
  const rl = new Float64Array(n);
  let sh = 0;
  let sl = 0;
  let A = 0;
  for (let i = 0; i < n; i++) {
    divFP(pnl[i]!, 0, risk[i]!, r);
    const h = r.h;
    const l = r.l;
    rh[i] = h;
    rl[i] = l;
    A += h < 0 ? -h : h;
    add(sh, sl, h, l, r);
    sh = r.h;
    sl = r.l;
  }
  divFP(sh, sl, n, r);
  const mh = r.h;
  const ml = r.l;
  const eM = 2 * (((n + 4) * EPS * A) / n); // doubled, as said above
  out[0] = certain(mh, ml, 2 * eM);

  let qh = 0;
  let ql = 0;
  let f = 0;
  for (let i = 0; i < n; i++) {
    const ri = rh[i]!;
    add(ri, rl[i]!, -mh, -ml, r);
    const dh = r.h;
    const dl = r.l;
    const d = dh < 0 ? -dh : dh;
    const e = EPS * ((ri < 0 ? -ri : ri) + d) + eM;
    const w = d + 2 * e;
    f += e * (2 * d + 3 * e) + EPS * w * w;
    mul(dh, dl, dh, dl, r);
    add(qh, ql, r.h, r.l, r);
    qh = r.h;
    ql = r.l;
  }
  const eQ = 2 * (f + (n + 2) * EPS * qh);
  const rhoV = 2 * ((eQ + EPS * qh) / qh);
  const am = mh < 0 ? -mh : mh;
  const rhoM = eM / am;
  if (!(rhoV <= 2 ** -30 && rhoM <= 2 ** -30)) return;
  divFP(qh, ql, n - 1, r);
  div(n < 100 ? n : 100, 0, r.h, r.l, r);
  sqrt(r.h, r.l, r);
  mul(r.h, r.l, mh, ml, r);
  const rhoS = 2 * ((rhoV + rhoM) * (1 + 2 ** -29) + 4 * EPS);
  const z = r.h < 0 ? -r.h : r.h;
  out[1] = certain(r.h, r.l, 2 * (rhoS * z));
}
