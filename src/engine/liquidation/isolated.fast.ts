import * as X from "../arith/exact";
import type { Roundings } from "../arith/certify";
import type { Side } from "../spec/read";
import { DEFAULT_SIZE, ENTRY_BASIS_ROUNDINGS, LIQUIDATION_ROUNDINGS, type LiquidationTerms, type MmBasis } from "./price";
import { bracketOf, compareScaled, type FastTiers, surely, surelySign } from "./tiers.fast";

/**
 * LIQPRICE's and LIQDISTANCE's fast kernels, and the isolated liquidation price the tables' kernels share, in
 * exact scaled integers (arith/exact.ts) on plain arguments (spec/plain.ts).
 *
 * The rate form, multiplied through by L, is one integer over another:
 * "liquidation": LP = (q·E + L·amount − side·q·E·L) / (L·q·(mmr + fee) − side·q·L);
 * "entry":       LP = (side·q·E·L − q·E + q·E·mmr·L − amount·L) / (q·L·(side − fee)).
 * Its certification bound comes from the Decimal formula's rounding points (price.ts). A price is given only
 * strictly on the losing side of entry and above zero; every other case, and every error, is left to the
 * Decimal path.
 */

/** An isolated position in plain numbers: side, entry, leverage, quantity and close fee rate. */
export interface IsolatedPosition {
  readonly side: Side;
  readonly entry: number;
  readonly leverage: number;
  readonly quantity: number;
  readonly fee: number;
}

/** LIQPRICE's kernel. A tier table needs a quantity and no separate amount (else the Decimal path's error). */
export function liquidationKernel(a: {
  side: Side;
  entry: number;
  leverage: number;
  mmr: number | FastTiers;
  maint_amount: number;
  quantity: number | undefined;
  close_fee_rate: number;
  mm_basis: MmBasis;
}): number | undefined {
  const entryBasis = a.mm_basis === "entry";
  if (typeof a.mmr === "number") {
    const p: IsolatedPosition = { side: a.side, entry: a.entry, leverage: a.leverage, quantity: a.quantity ?? DEFAULT_SIZE, fee: a.close_fee_rate };
    return rateLiquidation(p, a.mmr, a.maint_amount, entryBasis, undefined);
  }
  if (a.maint_amount !== 0 || a.quantity === undefined) return undefined;
  const p: IsolatedPosition = { side: a.side, entry: a.entry, leverage: a.leverage, quantity: a.quantity, fee: a.close_fee_rate };
  return tierLiquidation(p, a.mmr, entryBasis, undefined);
}

/** LIQDISTANCE's kernel: side·(price − liq)/price, one division of exact values. */
export function liqDistanceKernel(a: { side: Side; price: number; liq_price: number }): number | undefined {
  const kp = X.decimals(a.price);
  const kl = X.decimals(a.liq_price);
  if ((kp | kl) < 0) return undefined;
  const pm = X.integer(a.price, kp);
  return X.ratio(X.exact(a.side * X.sum(pm, kp, -X.integer(a.liq_price, kl), kl)), kp > kl ? kp : kl, pm, kp);
}

/**
 * The isolated liquidation price (maintenance at the liquidation price, no amount, no close fee) for a rate or
 * a tier table, as the tables' kernels need it; with `out`, its exact fraction and drift are left there.
 */
export function isolatedLiquidation(p: IsolatedPosition, mmr: number | FastTiers, out: X.Fraction | undefined): number | undefined {
  return typeof mmr === "number" ? rateLiquidation(p, mmr, 0, false, out) : tierLiquidation(p, mmr, false, out);
}

/** The rate form on either basis (above). */
function rateLiquidation(p: IsolatedPosition, mmr: number, amount: number, entryBasis: boolean, out: X.Fraction | undefined): number | undefined {
  const { side: s, entry: e, leverage: l, quantity: q, fee } = p;
  const ke = X.decimals(e);
  const kl = X.decimals(l);
  const km = X.decimals(mmr);
  const ka = X.decimals(amount);
  const kq = X.decimals(q);
  const kf = X.decimals(fee);
  if ((ke | kl | km | ka | kq | kf) < 0) return undefined;
  const qm = X.integer(q, kq);
  const lm = X.integer(l, kl);
  const qe = X.product(qm, X.integer(e, ke)); // scale kqe
  const kqe = kq + ke;
  const qel = X.product(qe, lm); // scale kqel
  const kqel = kqe + kl;
  const la = X.product(lm, X.integer(amount, ka)); // scale kla
  const kla = kl + ka;
  const ql = X.product(qm, lm); // scale kql
  const kql = kq + kl;
  const mi = X.integer(mmr, km);
  const fi = X.integer(fee, kf);
  let lp: number | undefined;
  if (!entryBasis) {
    const k1 = kqe > kla ? kqe : kla;
    const num = X.sum(X.sum(qe, kqe, la, kla), k1, -s * qel, kqel);
    const kmf = km > kf ? km : kf;
    const den = X.sum(X.product(ql, X.sum(mi, km, fi, kf)), kql + kmf, -s * ql, kql);
    const kn = k1 > kqel ? k1 : kqel;
    lp = X.settle(num, kn, den, kql + kmf, spread(LIQUIDATION_ROUNDINGS, q * e, l, mmr, amount, num, kn), out);
  } else {
    const kqelm = kqel + km;
    const num = X.sum(X.sum(X.sum(s * qel, kqel, -qe, kqe), kqel, X.product(qel, mi), kqelm), kqelm, -la, kla);
    const den = X.product(ql, X.sum(s, 0, -fi, kf));
    const kn = kqelm > kla ? kqelm : kla;
    lp = X.settle(num, kn, den, kql + kf, spread(ENTRY_BASIS_ROUNDINGS, q * e, l, mmr, amount, num, kn), out);
  }
  if (lp === undefined || !(lp > 0)) return undefined;
  return (s === 1 ? lp < e : lp > e) ? lp : undefined;
}

/** The Decimal formula's drift for one call: its rounding points' terms, q·E, L, mmr and amount as doubles. */
function spread(r: Roundings<LiquidationTerms>, qE: number, l: number, mmr: number, amount: number, num: number, kn: number): number {
  const n = X.magnitude(num, kn);
  return r.spread(n, 1, qE, qE * l, qE * mmr * l, l * amount, n); // the terms qE, qEL, qEmL, LA, numerator
}

/**
 * LIQPRICE with a tier table, following `walkBrackets` (walk.ts) step by step. The table is read once per
 * contents (tiers.fast.ts). Every value returned is one exact integer over another, correctly rounded (the
 * root of a bracket's equation, as in the rate form, or a bracket edge floor/q); every decision on the way
 * (which bracket holds the entry notional, exactly; the sign of the surplus; whether a root is on the losing
 * side and inside its bracket, in doubles) is taken only when it is certain, and anything else is left to the
 * Decimal path.
 */
function tierLiquidation(p: IsolatedPosition, t: FastTiers, entryBasis: boolean, out: X.Fraction | undefined): number | undefined {
  const { entry: e, leverage: l, quantity: q, fee } = p;
  const ke = X.decimals(e);
  const kl = X.decimals(l);
  const kq = X.decimals(q);
  const kf = X.decimals(fee);
  if ((ke | kl | kq | kf) < 0) return undefined;
  const qm = X.integer(q, kq);
  const qe = X.product(qm, X.integer(e, ke)); // the notional at entry, scale kqe
  const kqe = kq + ke;
  const start = bracketOf(t, qe, kqe);
  if (!(start >= 0)) return undefined; // beyond the table (#N/A), or not exactly comparable
  if (entryBasis) return rateLiquidation(p, t.mmr[start]!, t.amount[start]!, true, undefined);
  const w: Walk = { side: p.side, qe, kqe, qm, kq, lm: X.integer(l, kl), kl, fm: X.integer(fee, kf), kf, q, e, l, fee, roundings: LIQUIDATION_ROUNDINGS };
  return tierWalk(w, t, start, out);
}

/**
 * The isolated liquidation price with a tier table (no amount, no close fee) of a position given by its
 * notional at entry V = v/10^kv and quantity T = tm/10^kt (a ladder's running sums), the entry being V/T: the
 * walk on the exact V, where the Decimal path takes T·(V/T rounded to 34 digits), so with `roundings` that
 * count the rounded entry. The two can only pick different brackets when V is exactly a bracket edge, which is
 * declined.
 */
export function notionalTierLiquidation(
  side: Side,
  t: FastTiers,
  notional: { v: number; kv: number; tm: number; kt: number },
  l: number,
  roundings: Roundings<LiquidationTerms>,
): number | undefined {
  const { v, kv, tm, kt } = notional;
  const kl = X.decimals(l);
  if (kl < 0) return undefined;
  const start = bracketOf(t, v, kv);
  if (!(start >= 0)) return undefined;
  if (compareScaled(v, kv, t.floorM[start]!, t.floorK[start]!) === 0 || compareScaled(v, kv, t.capM[start]!, t.capK[start]!) === 0) return undefined;
  const q = X.value(tm, kt);
  const value = X.value(v, kv);
  if (q === undefined || value === undefined || !(q > 0)) return undefined;
  const w: Walk = { side, qe: v, kqe: kv, qm: tm, kq: kt, lm: X.integer(l, kl), kl, fm: 0, kf: 0, q, e: value / q, l, fee: 0, roundings };
  return tierWalk(w, t, start, undefined);
}

/**
 * A position as the bracket walk takes it: qe/10^kqe is the notional at entry (exact), qm/10^kq the quantity,
 * lm/10^kl the leverage, fm/10^kf the close fee; q, e, l and fee the same as doubles (e within a rounding of
 * the exact entry), used only for decisions made with a margin; `roundings` the Decimal formula's rounding
 * points behind each root.
 */
interface Walk {
  readonly side: Side;
  readonly qe: number;
  readonly kqe: number;
  readonly qm: number;
  readonly kq: number;
  readonly lm: number;
  readonly kl: number;
  readonly fm: number;
  readonly kf: number;
  readonly q: number;
  readonly e: number;
  readonly l: number;
  readonly fee: number;
  readonly roundings: Roundings<LiquidationTerms>;
}

/** The bracket walk from the entry's bracket `start` (see tierLiquidation). */
function tierWalk(w: Walk, t: FastTiers, start: number, out: X.Fraction | undefined): number | undefined {
  const { side: s, q, e, l, fee } = w;
  // In doubles, for the decisions: the surplus times L at price p with bracket i is
  // A_i + B_i·p, A_i = q·E·(1 − side·L) + L·amount_i, B_i = L·q·(side − mmr_i − fee).
  const qE = q * e;
  const atEntry = qE + l * t.amount[start]! - l * qE * (t.mmr[start]! + fee);
  if (surelySign(atEntry, qE + l * t.amount[start]! + l * qE * (t.mmr[start]! + fee)) !== 1) return undefined;
  const dir = s === 1 ? -1 : 1;
  const last = t.n - 1;
  for (let i = start; i >= 0 && i <= last; i += dir) {
    let from = e;
    if (i !== start) {
      const edge = dir > 0 ? t.floor[i]! : t.cap[i]!;
      from = edge / q;
      const sign = surelySign(qE - s * l * qE + l * t.amount[i]! + l * edge * (s - t.mmr[i]! - fee), qE + l * qE + l * t.amount[i]! + l * edge * (1 + t.mmr[i]! + fee));
      if (sign === 0) return undefined;
      // the surplus is gone at the edge: the price there, floor/q or cap/q (one division, as Decimal's)
      if (sign < 0) return dir > 0 ? X.settle(t.floorM[i]!, t.floorK[i]!, w.qm, w.kq, 1, out) : X.settle(t.capM[i]!, t.capK[i]!, w.qm, w.kq, 1, out);
    }
    const r = bracketRoot(w, t, i, out);
    if (r === undefined) return undefined;
    if (!(r > 0)) continue; // no root in this bracket, or one at or below zero
    const side = surely(r, from);
    if (side === 0) return undefined;
    if (side !== -s) continue; // not on the losing side of where this bracket starts
    const n = q * r;
    const lo = surely(n, t.floor[i]!);
    const hi = surely(n, t.cap[i]!);
    if (lo === 0 || hi === 0) return undefined;
    if (lo > 0 && (hi < 0 || (i === last && hi <= 0))) return r;
  }
  return undefined; // no liquidation price in the table: the Decimal path says why
}

/**
 * Bracket i's root, exactly as the rate form: (q·E + L·amount − side·q·E·L) / (L·q·(mmr + fee) − side·q·L);
 * 0 when the bracket has none (a zero denominator), undefined when it is not exact or not certain.
 */
function bracketRoot(w: Walk, t: FastTiers, i: number, out: X.Fraction | undefined): number | undefined {
  const qel = X.product(w.qe, w.lm); // scale kqel
  const kqel = w.kqe + w.kl;
  const ql = X.product(w.qm, w.lm); // scale kql
  const kql = w.kq + w.kl;
  const km = t.mmrK[i]!;
  const kmf = km > w.kf ? km : w.kf;
  const den = X.sum(X.product(ql, X.sum(t.mmrM[i]!, km, w.fm, w.kf)), kql + kmf, -w.side * ql, kql);
  if (den !== den) return undefined;
  if (den === 0) return 0;
  const ka = t.amountK[i]!;
  const la = X.product(w.lm, t.amountM[i]!);
  const kla = w.kl + ka;
  const k1 = w.kqe > kla ? w.kqe : kla;
  const num = X.sum(X.sum(w.qe, w.kqe, la, kla), k1, -w.side * qel, kqel);
  const kn = k1 > kqel ? k1 : kqel;
  return X.settle(num, kn, den, kql + kmf, spread(w.roundings, w.q * w.e, w.l, t.mmr[i]!, t.amount[i]!, num, kn), out);
}
