import { D, Dec, ZERO } from "../spec/decimal";
import { DomainError, InvalidArgumentError, NotAvailableError } from "../spec/errors";
import * as X from "../arith/exact";
import { Side } from "../spec/read";
import { boolean, define, leverage, number, optional, option, side } from "../spec/params";
import { bracketOf, compareScaled, FastTiers, fastTiers, surely, surelySign } from "./tiers.fast";

const abs = Math.abs;
import { bracketsOf, findTier, maintenance, Maintenance, Tier, tierHolds, tierIndex } from "./tiers";

/**
 * Liquidation and bankruptcy prices of isolated positions.
 * Sources: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (maintenance
 * margin on the notional at the liquidation price); Bybit "Liquidation Price (USDT Contract)" and BitMEX
 * (maintenance margin on entry value); Gate/OKX/Phemex (the fee to close counted in the requirement).
 */

export type MmBasis = "liquidation" | "entry";
export const MM_BASES: readonly MmBasis[] = ["liquidation", "entry"];

const DEFAULT_MMR = new D(0.005);

/**
 * Solves margin + side·q·(LP − E) = maintenance(LP) + close fee(LP) for LP, with maintenance margin
 * `notional·mmr − amount` taken on the notional at LP (`"liquidation"`) or at entry (`"entry"`), and the
 * close fee charged on the notional at LP.
 */
export function liquidationFromMargin(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  margin: Dec;
  mmr: Dec;
  amount: Dec;
  closeFeeRate: Dec;
  basis: MmBasis;
}): Dec {
  const q = a.quantity;
  const entryValue = q.mul(a.entry);
  const price =
    a.basis === "liquidation"
      ? a.margin.add(a.amount).sub(entryValue.mul(a.side)).div(q.mul(a.mmr.add(a.closeFeeRate)).sub(q.mul(a.side)))
      : entryValue.mul(a.side).sub(a.margin).add(entryValue.mul(a.mmr)).sub(a.amount).div(q.mul(D.sub(a.side, a.closeFeeRate)));
  return checkLiquidation(price, a.side, a.entry);
}

/** A liquidation price must be positive and on the losing side of entry. */
export function checkLiquidation(price: Dec, side: Side, entry: Dec): Dec {
  if (!price.isFinite() || price.lte(0)) {
    throw new NotAvailableError(
      undefined,
      "no liquidation price: the margin covers a fall to zero, so this long cannot be liquidated",
    );
  }
  if ((side === 1 && price.gte(entry)) || (side === -1 && price.lte(entry))) {
    throw new DomainError(
      undefined,
      "liquidated as it opens: the maintenance margin is at least the margin (leverage × mmr ≥ 1)",
    );
  }
  return price;
}

export function liquidationPrice(a: {
  side: Side;
  entry: Dec;
  leverage: Dec;
  maintenance: Maintenance;
  amount: Dec;
  quantity: Dec;
  closeFeeRate: Dec;
  basis: MmBasis;
}): Dec {
  const margin = a.quantity.mul(a.entry).div(a.leverage);
  if (a.maintenance.kind === "rate") {
    return liquidationFromMargin({ ...a, margin, mmr: a.maintenance.mmr });
  }
  const tiers = bracketsOf(a.maintenance, a.amount);
  if (a.basis === "entry") {
    const t = findTier(tiers, a.quantity.mul(a.entry), "mmr");
    return liquidationFromMargin({ ...a, margin, mmr: t.mmr, amount: t.amount });
  }
  return walkBrackets(
    linearPosition({ ...a, balance: margin, opens: OPENS_ISOLATED }),
    tiers,
    "mmr",
  );
}

export const LIQPRICE = define(
  {
    side,
    entry: number({ gt: 0 }),
    leverage,
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    quantity: optional(number({ gt: 0 })),
    close_fee_rate: optional(number({ ge: 0, lt: 1 }), ZERO),
    mm_basis: optional(option(MM_BASES), "liquidation" as MmBasis),
  },
  (a) =>
    liquidationPrice({
      side: a.side,
      entry: a.entry,
      leverage: a.leverage,
      maintenance: a.mmr,
      amount: a.maint_amount,
      quantity: requiredWithTable(a.quantity, a.mmr, "quantity"),
      closeFeeRate: a.close_fee_rate,
      basis: a.mm_basis,
    }),
  fastLiquidationPrice,
);

/**
 * LIQPRICE's rate form for plain numbers, in exact scaled integers (see exact.ts). Both sides of the
 * equations below are multiplied by L, so the price is one integer over another:
 * "liquidation": LP = (q·E + L·amount − side·q·E·L) / (L·q·(mmr + fee) − side·q·L);
 * "entry":       LP = (side·q·E·L − q·E + q·E·mmr·L − amount·L) / (q·L·(side − fee)).
 * It answers only a price strictly on the losing side of entry and above zero; every other case, and
 * every error, is left to the Decimal path.
 */
function fastLiquidationPrice(raw: ArrayLike<unknown>): number | undefined {
  const s = X.quickSide(raw[0]);
  const e = X.num(raw[1]);
  const l = X.leverage(raw[2]);
  const entryBasis = raw[7] === "entry";
  if (!entryBasis && !(raw[7] === "liquidation" || X.blank(raw[7]))) return undefined;
  const fee = X.numOr(raw[6], 0);
  if (X.isRange(raw[3])) {
    // a tier table: the amount must be blank or 0 and the quantity given, else the Decimal path's error
    if (!(X.blank(raw[4]) || raw[4] === 0)) return undefined;
    return fastTierLiquidation(s, e, l, fastTiers(raw[3]), X.num(raw[5]), fee, entryBasis);
  }
  return rateLiquidation(s, e, l, X.numOr(X.single(raw[3]), 0.005), X.numOr(raw[4], 0), X.numOr(raw[5], 1), fee, entryBasis);
}

/**
 * The exact fraction behind the last price the isolated fast paths below computed ("liquidation" basis):
 * numerator, its scale, denominator, its scale (the price is (n/10^kn)/(d/10^kd)), and the spread of the
 * Decimal path's price around it (see X.ratio). GRID's "distance" reads it right after
 * `fastIsolatedLiquidation` to divide exactly once more.
 */
export const lastFraction = new Float64Array(5);

/** X.ratio (with its spread), keeping the fraction and the spread in `lastFraction`. */
function answer(n: number, kn: number, d: number, kd: number, spread = 1): number | undefined {
  lastFraction[0] = n;
  lastFraction[1] = kn;
  lastFraction[2] = d;
  lastFraction[3] = kd;
  lastFraction[4] = spread;
  return X.ratio(n, kn, d, kd, spread);
}

/**
 * The isolated liquidation price (maintenance at the liquidation price, no amount, no close fee) for a
 * rate or a tier table, by the fast paths below; undefined when they leave it to the Decimal path.
 */
export function fastIsolatedLiquidation(s: number, e: number, l: number, mmr: unknown, q: number): number | undefined {
  if (X.isRange(mmr)) return fastTierLiquidation(s, e, l, fastTiers(mmr), q, 0, false);
  return rateLiquidation(s, e, l, X.numOr(X.single(mmr), 0.005), 0, q, 0, false);
}

/** LIQPRICE's rate form in exact scaled integers (above), on arguments already taken as numbers. */
function rateLiquidation(s: number, e: number, l: number, mmr: number, a: number, q: number, fee: number, entryBasis: boolean): number | undefined {
  const ke = X.decimals(e);
  const kl = X.decimals(l);
  const km = X.decimals(mmr);
  const ka = X.decimals(a);
  const kq = X.decimals(q);
  const kf = X.decimals(fee);
  if (s === 0 || (ke | kl | km | ka | kq | kf) < 0) return undefined;
  if (!(e > 0 && l > 0 && mmr >= 0 && mmr < 1 && a >= 0 && q > 0 && fee >= 0 && fee < 1)) return undefined;
  const qm = X.integer(q, kq);
  const lm = X.integer(l, kl);
  const qe = X.product(qm, X.integer(e, ke)); // scale kqe
  const kqe = kq + ke;
  const qel = X.product(qe, lm); // scale kqel
  const kqel = kqe + kl;
  const la = X.product(lm, X.integer(a, ka)); // scale kla
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
    lp = answer(num, kn, den, kql + kmf, marginSpread(q * e, l * a, num, kn, 0));
  } else {
    const kqelm = kqel + km;
    const num = X.sum(X.sum(X.sum(s * qel, kqel, -qe, kqe), kqel, X.product(qel, mi), kqelm), kqelm, -la, kla);
    const den = X.product(ql, X.sum(s, 0, -fi, kf));
    const kn = kqelm > kla ? kqelm : kla;
    // the Decimal path: side·E·q − M + E·q·mmr − amount, M = E·q/L rounded and each partial sum rounded;
    // times L, the rounded terms are at most 4·(E·q·L + E·q + E·q·L·mmr + L·amount)
    lp = X.ratio(num, kn, den, kql + kf, 2 + (4 * (q * e * (l + 1 + l * mmr) + l * a)) / X.magnitude(num, kn));
  }
  if (lp === undefined || !(lp > 0)) return undefined;
  return (s === 1 ? lp < e : lp > e) ? lp : undefined;
}

/**
 * How far the Decimal path's liquidation price (M + amount − side·E·q)/den, with the margin M = E·q/L
 * rounded to 34 digits and each sum rounded, may lie from the exact one, in units of 2^-110 of it (see
 * `X.ratio`): the roundings, about |M|, |M + amount| and the numerator each, divided by the numerator,
 * which may be much smaller than M where the terms cancel (a leverage near 1). `qe` is E·q and `la`
 * L·amount; `num` at scale `kn` is the exact numerator times L. `drift` adds the roundings of an entry that
 * is itself a rounded average (a ladder's), times L: one on M and two on E·q, so E·q·(1 + 2L); 0 otherwise.
 */
function marginSpread(qe: number, la: number, num: number, kn: number, drift: number): number {
  return 3 + (2 * (2 * qe + la + drift)) / X.magnitude(num, kn);
}

/**
 * LIQPRICE with a tier table for plain numbers, following `walkBrackets` step by step. The table is read
 * once per contents (tierfast.ts). Every value returned is one exact integer over another, correctly
 * rounded (the root of a bracket's equation, as in the rate form, or a bracket edge floor/q); every
 * decision on the way (which bracket holds the entry notional, exactly; the sign of the surplus; whether a
 * root is on the losing side and inside its bracket, in doubles) is taken only when it is certain, and
 * anything else is left to the Decimal path.
 */
function fastTierLiquidation(s: number, e: number, l: number, t: FastTiers | undefined, q: number, fee: number, entryBasis: boolean): number | undefined {
  if (t === undefined || s === 0 || !(e > 0 && l > 0 && q > 0 && fee >= 0 && fee < 1)) return undefined;
  const ke = X.decimals(e);
  const kl = X.decimals(l);
  const kq = X.decimals(q);
  const kf = X.decimals(fee);
  if ((ke | kl | kq | kf) < 0) return undefined;
  const qm = X.integer(q, kq);
  const lm = X.integer(l, kl);
  const fm = X.integer(fee, kf);
  const qe = X.product(qm, X.integer(e, ke)); // the notional at entry, scale kqe
  const kqe = kq + ke;
  const start = bracketOf(t, qe, kqe);
  if (!(start >= 0)) return undefined; // beyond the table (#N/A), or not exactly comparable
  if (entryBasis) return rateLiquidation(s, e, l, t.mmr[start]!, t.amount[start]!, q, fee, true);
  return tierWalk(s, t, start, qe, kqe, qm, kq, lm, kl, fm, kf, q, e, l, fee, 0);
}

/**
 * The isolated liquidation price with a tier table (no amount, no close fee) of a position given by its
 * notional at entry V = v/10^kv and quantity T = tm/10^kt (a ladder's running sums), the entry being V/T:
 * the walk above on the exact V, where the Decimal path takes T·(V/T rounded to 34 digits). The two can
 * only pick different brackets when V is exactly a bracket edge, which is declined.
 */
export function fastNotionalTierLiquidation(s: number, t: FastTiers, v: number, kv: number, tm: number, kt: number, l: number): number | undefined {
  const kl = X.decimals(l);
  if (kl < 0 || !(l > 0) || (s !== 1 && s !== -1)) return undefined;
  const start = bracketOf(t, v, kv);
  if (!(start >= 0)) return undefined;
  if (compareScaled(v, kv, t.floorM[start]!, t.floorK[start]!) === 0 || compareScaled(v, kv, t.capM[start]!, t.capK[start]!) === 0) return undefined;
  const q = X.value(tm, kt);
  const value = X.value(v, kv);
  if (q === undefined || value === undefined || !(q > 0)) return undefined;
  return tierWalk(s, t, start, v, kv, tm, kt, X.integer(l, kl), kl, 0, 0, q, value / q, l, 0, 1);
}

/**
 * The bracket walk of the two functions above, from the entry's bracket `start`: qe/10^kqe is the notional
 * at entry (exact), qm/10^kq the quantity, lm/10^kl the leverage, fm/10^kf the close fee; q, e, l and fee
 * the same as doubles (e within a rounding of the exact entry), used only for decisions made with a margin;
 * `entryDrift` is 1 where the Decimal path's entry is a rounded average (see marginSpread), else 0.
 */
function tierWalk(
  s: number,
  t: FastTiers,
  start: number,
  qe: number,
  kqe: number,
  qm: number,
  kq: number,
  lm: number,
  kl: number,
  fm: number,
  kf: number,
  q: number,
  e: number,
  l: number,
  fee: number,
  entryDrift: number,
): number | undefined {
  // In doubles, for the decisions: the surplus times L at price p with bracket i is
  // A_i + B_i·p, A_i = q·E·(1 − side·L) + L·amount_i, B_i = L·q·(side − mmr_i − fee).
  const qE = q * e;
  const atEntry = qE + l * t.amount[start]! - l * qE * (t.mmr[start]! + fee);
  if (surelySign(atEntry, qE + l * t.amount[start]! + l * qE * (t.mmr[start]! + fee)) !== 1) return undefined;
  const qel = X.product(qe, lm); // scale kqel
  const kqel = kqe + kl;
  const ql = X.product(qm, lm); // scale kql
  const kql = kq + kl;
  const dir = s === 1 ? -1 : 1;
  const last = t.n - 1;
  for (let i = start; i >= 0 && i <= last; i += dir) {
    const mmr = t.mmr[i]!;
    const amount = t.amount[i]!;
    let from = e;
    if (i !== start) {
      const edge = dir > 0 ? t.floor[i]! : t.cap[i]!;
      from = edge / q;
      const a1 = qE - s * l * qE;
      const a2 = l * amount;
      const b = l * edge * (s - mmr - fee);
      const sign = surelySign(a1 + a2 + b, qE + l * qE + a2 + l * edge * (1 + mmr + fee));
      if (sign === 0) return undefined;
      if (sign < 0) {
        return dir > 0 ? answer(t.floorM[i]!, t.floorK[i]!, qm, kq) : answer(t.capM[i]!, t.capK[i]!, qm, kq);
      }
    }
    // the root, exactly as the rate form: (q·E + L·amount − side·q·E·L) / (L·q·(mmr + fee) − side·q·L)
    const km = t.mmrK[i]!;
    const kmf = km > kf ? km : kf;
    const den = X.sum(X.product(ql, X.sum(t.mmrM[i]!, km, fm, kf)), kql + kmf, -s * ql, kql);
    if (den !== den) return undefined;
    if (den === 0) continue; // no root in this bracket
    const ka = t.amountK[i]!;
    const la = X.product(lm, t.amountM[i]!);
    const kla = kl + ka;
    const k1 = kqe > kla ? kqe : kla;
    const num = X.sum(X.sum(qe, kqe, la, kla), k1, -s * qel, kqel);
    const kn = k1 > kqel ? k1 : kqel;
    const r = answer(num, kn, den, kql + kmf, marginSpread(qE, l * amount, num, kn, entryDrift * qE * (1 + 2 * l)));
    if (r === undefined) return undefined;
    if (!(r > 0)) continue;
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

/** The price at which the initial margin is gone: linear entry·(1 − side/L); inverse entry·L/(L + side). */
export function bankruptcy(a: { side: Side; entry: Dec; leverage: Dec; inverse: boolean }): Dec {
  const price = a.inverse
    ? a.entry.mul(a.leverage).div(a.leverage.add(a.side))
    : a.entry.mul(D.sub(1, new D(a.side).div(a.leverage)));
  if (!price.isFinite() || price.lte(0)) {
    throw new NotAvailableError(
      undefined,
      a.inverse
        ? `no bankruptcy price: a ${a.leverage.toString()}x inverse short is covered in coin at any price`
        : `no bankruptcy price: a ${a.leverage.toString()}x long keeps margin down to a price of zero`,
    );
  }
  return price;
}
export const BANKRUPTCY = define(
  { side, entry: number({ gt: 0 }), leverage, inverse: optional(boolean, false) },
  bankruptcy,
);

/** How far price may move before liquidation, as a fraction of price: side·(price − liq)/price. */
export const LIQDISTANCE = define(
  { side, price: number({ gt: 0 }), liq_price: number({ gt: 0 }) },
  (a) => a.price.sub(a.liq_price).mul(a.side).div(a.price),
  (raw) => {
    // side·(price − liq)/price in exact scaled integers (see exact.ts); a liquidation price from LIQPRICE
    // usually has 10 or 11 decimals, which still fit
    const s = X.quickSide(raw[0]);
    const p = X.num(raw[1]);
    const liq = X.num(raw[2]);
    const kp = X.decimals(p);
    const kl = X.decimals(liq);
    if (s === 0 || (kp | kl) < 0 || !(p > 0 && liq > 0)) return undefined;
    const pm = X.integer(p, kp);
    return X.ratio(X.exact(s * X.sum(pm, kp, -X.integer(liq, kl), kl)), kp > kl ? kp : kl, pm, kp);
  },
);

// ─── Tier tables, wallet balances and inverse contracts ─────────────────────────────────────────────

const OPENS_ISOLATED =
  "liquidated as it opens: the maintenance margin at entry is at least the margin (leverage × mmr ≥ 1)";
const OPENS_WALLET = "liquidated as it opens: the balance does not exceed the maintenance margin at entry";

/** A size argument that is optional with a rate (default 1) but required with a tier table. */
function requiredWithTable(value: Dec | undefined, m: Maintenance, field: string): Dec {
  if (value !== undefined) return value;
  if (m.kind === "tiers") {
    throw new InvalidArgumentError(field, "is required with a tier table: the bracket depends on the position's notional");
  }
  return new D(1);
}

/**
 * How a position's notional and its surplus over maintenance change with price: everything the bracket
 * search needs, for linear and inverse contracts alike.
 */
interface Position {
  side: Side;
  entry: Dec;
  /** Notional rises with price (linear, in quote currency) or falls (inverse, in coin). */
  notionalRises: boolean;
  notional(price: Dec): Dec;
  priceAt(notional: Dec): Dec;
  /** Balance + PnL at `price`, less the maintenance requirement (and close fee) with bracket `t`. */
  surplus(price: Dec, t: Tier): Dec;
  /** The price at which the surplus with bracket `t` is zero (undefined when there is none). */
  root(t: Tier): Dec | undefined;
  /** Message when the position is at or past liquidation at entry. */
  opens: string;
  /** Message when the position survives any move (a fall to zero, or any rise). */
  survives: string;
  /**
   * Where the bracket walk below must start working in Decimal: the first bracket, from `start` in
   * direction `dir`, that it cannot be certain to pass (see `linearSkip`); −1 or the bracket count when it
   * certainly passes them all. Absent: every bracket is walked in Decimal.
   */
  skip?(tiers: readonly Tier[], start: number, dir: number): number;
}

/**
 * A linear position backed by `balance` (isolated margin, or cross wallet − other maintenance + other
 * PnL): balance + side·q·(P − E) = q·P·mmr − amount + fee·q·P at liquidation.
 */
function linearPosition(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  balance: Dec;
  closeFeeRate: Dec;
  opens: string;
  survives?: string;
}): Position {
  const q = a.quantity;
  return {
    side: a.side,
    entry: a.entry,
    notionalRises: true,
    notional: (p) => q.mul(p),
    priceAt: (n) => n.div(q),
    surplus: (p, t) =>
      a.balance
        .add(p.sub(a.entry).mul(q).mul(a.side))
        .sub(q.mul(p).mul(t.mmr).sub(t.amount))
        .sub(q.mul(p).mul(a.closeFeeRate)),
    root: (t) => {
      const den = q.mul(t.mmr.add(a.closeFeeRate)).sub(q.mul(a.side));
      return den.isZero() ? undefined : a.balance.add(t.amount).sub(q.mul(a.entry).mul(a.side)).div(den);
    },
    opens: a.opens,
    survives: a.survives ?? "no liquidation price: the margin covers a fall to zero, so this long cannot be liquidated",
    skip: (tiers, start, dir) =>
      linearSkip(a.side, q.toNumber(), a.entry.toNumber(), a.balance.toNumber(), a.closeFeeRate.toNumber(), tiers, start, dir),
  };
}

/** A bracket list's values as doubles, converted as the walks reach them (NaN until then), per list. */
interface TierDoubles {
  floor: Float64Array;
  cap: Float64Array;
  mmr: Float64Array;
  amount: Float64Array;
}
const tierDoubles = new WeakMap<readonly Tier[], TierDoubles>();

function loadedDoubles(tiers: readonly Tier[]): TierDoubles {
  let d = tierDoubles.get(tiers);
  if (d === undefined) {
    const n = tiers.length;
    d = { floor: new Float64Array(n).fill(NaN), cap: new Float64Array(n), mmr: new Float64Array(n), amount: new Float64Array(n) };
    tierDoubles.set(tiers, d);
  }
  return d;
}

/** Converts bracket i's values to doubles the first time a walk reaches it. */
function load(d: TierDoubles, tiers: readonly Tier[], i: number): void {
  if (d.floor[i] === d.floor[i]) return;
  const t = tiers[i]!;
  d.floor[i] = t.floor.toNumber();
  d.cap[i] = t.cap.toNumber();
  d.mmr[i] = t.mmr.toNumber();
  d.amount[i] = t.amount.toNumber();
}

/** Below this size a sum of doubles may have lost digits to underflow; nothing is decided there. */
const TINY = 1e-280;

/** `surelySign`, and 0 (unsure) for a sum so small that underflow may have taken its digits. */
function sure(sum: number, size: number): number {
  return size > TINY ? surelySign(sum, size) : 0;
}

/**
 * The first bracket a linear position's walk (`walkBrackets`, from bracket `start` in direction `dir`)
 * cannot be certain to pass, deciding in doubles what the Decimal walk decides: at each bracket after the
 * first, whether the surplus at its edge is above zero; then whether its root
 * r = (B + amount − side·q·E)/(q·(mmr + fee) − side·q) is above zero, on the losing side of where the
 * bracket starts and inside it. Each test is the sign of a short sum of products whose terms' magnitudes
 * are added beside it, and counts only when the sum is more than 2^-40 of that (`surelySign`): far beyond
 * the doubles' error and the Decimal path's 34-digit roundings, so it is the decision Decimal makes. The
 * walk then passes every bracket before the one returned, and works that one (or ends) in Decimal, so
 * its answer and error are the Decimal path's. Comparisons with the root are made multiplied through by
 * the denominator, so that no quotient's error enters a decision.
 */
export function linearSkip(s: Side, q: number, e: number, b: number, c: number, tiers: readonly Tier[], start: number, dir: number): number {
  const d = loadedDoubles(tiers);
  const last = tiers.length - 1;
  const qe = q * e;
  const num = b - s * qe; // the root's numerator less the amount
  let i = start;
  for (; i >= 0 && i <= last; i += dir) {
    load(d, tiers, i);
    const floor = d.floor[i]!;
    const cap = d.cap[i]!;
    const mmr = d.mmr[i]!;
    const amount = d.amount[i]!;
    let from = e;
    if (i !== start) {
      // the surplus at the edge price edge/q, whose notional is the edge itself
      const edge = dir > 0 ? floor : cap;
      from = edge / q;
      const size = abs(b) + abs(edge) + qe + abs(edge * mmr) + abs(amount) + abs(edge * c);
      if (sure(b + s * edge - s * qe - edge * mmr + amount - edge * c, size) !== 1) return i;
    }
    const n = num + amount;
    const nSize = abs(b) + qe + abs(amount);
    const den = q * (mmr + c) - q * s;
    const ds = sure(den, q * (mmr + c) + q);
    const ns = sure(n, nSize);
    if (ds === 0 || ns === 0) return i;
    if (ns !== ds) continue; // the root is below zero
    // r − from has the sign of (n − from·den)·den
    const side = sure(n - from * den, nSize + abs(from * den)) * ds;
    if (side === 0) return i;
    if (side !== -s) continue; // not on the losing side of where the bracket starts
    // q·r against the floor and the cap: the signs of (q·n − floor·den)·den and (q·n − cap·den)·den
    const lo = sure(q * n - floor * den, q * nSize + abs(floor * den)) * ds;
    const hi = sure(q * n - cap * den, q * nSize + abs(cap * den)) * ds;
    if (lo === 0 || hi === 0 || (lo > 0 && hi < 0)) return i; // unsure, or the answer
  }
  return i;
}

/**
 * An inverse position of contracts·cv (quote currency) backed by `wallet` coin:
 * wallet + side·Q·(1/E − 1/P) = Q·mmr/P − amount at liquidation (notional in coin Q/P).
 */
function inversePosition(a: { side: Side; entry: Dec; contracts: Dec; contractValue: Dec; wallet: Dec }): Position {
  const value = a.contracts.mul(a.contractValue);
  return {
    side: a.side,
    entry: a.entry,
    notionalRises: false,
    notional: (p) => value.div(p),
    priceAt: (n) => value.div(n),
    surplus: (p, t) =>
      a.wallet
        .add(value.div(a.entry).sub(value.div(p)).mul(a.side))
        .sub(value.div(p).mul(t.mmr).sub(t.amount)),
    root: (t) => {
      const den = a.wallet.add(t.amount).add(value.div(a.entry).mul(a.side));
      return den.isZero() ? undefined : value.mul(t.mmr.add(a.side)).div(den);
    },
    opens: "liquidated as it opens: the wallet does not exceed the maintenance margin at entry",
    survives:
      a.side === 1
        ? "no liquidation price: the margin covers any fall"
        : "no liquidation price: the coin margin covers any rise, so this inverse short cannot be liquidated",
    skip: (tiers, start, dir) => inverseSkip(a.side, value.toNumber(), a.entry.toNumber(), a.wallet.toNumber(), tiers, start, dir),
  };
}

/**
 * `linearSkip` for an inverse position of value V (contracts·cv) backed by W coin: the surplus at a
 * bracket edge (notional n = V/P) is W + side·V/E − side·n − (n·mmr − amount); the root
 * r = V·(mmr + side)/(W + amount + side·V/E), whose notional V/r = den/(mmr + side). The same decisions,
 * each made only when certain.
 */
export function inverseSkip(s: Side, v: number, e: number, w: number, tiers: readonly Tier[], start: number, dir: number): number {
  const d = loadedDoubles(tiers);
  const last = tiers.length - 1;
  const ve = v / e;
  let i = start;
  for (; i >= 0 && i <= last; i += dir) {
    load(d, tiers, i);
    const floor = d.floor[i]!;
    const cap = d.cap[i]!;
    const mmr = d.mmr[i]!;
    const amount = d.amount[i]!;
    let from = e;
    if (i !== start) {
      const edge = dir > 0 ? floor : cap;
      from = v / edge;
      const size = abs(w) + ve + abs(edge) + abs(edge * mmr) + abs(amount);
      if (sure(w + s * ve - s * edge - edge * mmr + amount, size) !== 1) return i;
    }
    const den = w + amount + s * ve;
    const dSize = abs(w) + abs(amount) + ve;
    const ds = sure(den, dSize);
    const ms = sure(mmr + s, 1 + mmr);
    if (ds === 0 || ms === 0) return i;
    if (ms !== ds) continue; // the root is below zero
    const side = sure(v * (mmr + s) - from * den, v * (1 + mmr) + abs(from) * dSize) * ds;
    if (side === 0) return i;
    if (side !== -s) continue; // not on the losing side of where the bracket starts
    const lo = sure(den - floor * (mmr + s), dSize + abs(floor) * (1 + mmr)) * ms;
    const hi = sure(den - cap * (mmr + s), dSize + abs(cap) * (1 + mmr)) * ms;
    if (lo === 0 || hi === 0 || (lo > 0 && hi < 0)) return i; // unsure, or the answer
  }
  return i;
}

/**
 * The liquidation price with maintenance taken at the liquidation price, bracket by bracket: starting in
 * the bracket that holds the entry notional, follow the price in the losing direction and return the
 * first price at which the surplus reaches zero, whether inside a bracket (the root of that bracket's
 * equation, whose notional the bracket holds: the "search until consistent" of Binance's FAQ) or at a
 * bracket edge where a table with its own amounts steps the requirement past the balance.
 */
let skipping = true;

/** Turns the certain skipping of brackets off (true) or on again: for the tests that compare the two. */
export function walkEveryBracket(every: boolean): void {
  skipping = !every;
}

function walkBrackets(pos: Position, tiers: readonly Tier[], field: string): Dec {
  const start = tierIndex(tiers, pos.notional(pos.entry), field, "the notional at entry");
  if (pos.surplus(pos.entry, tiers[start]!).lte(0)) throw new DomainError(undefined, pos.opens);
  const priceFalls = pos.side === 1;
  const dir = priceFalls === pos.notionalRises ? -1 : 1;
  const first = pos.skip === undefined || !skipping ? start : pos.skip(tiers, start, dir);
  for (let i = first; i >= 0 && i < tiers.length; i += dir) {
    const t = tiers[i]!;
    let from = pos.entry;
    if (i !== start) {
      from = pos.priceAt(dir > 0 ? t.floor : t.cap);
      if (pos.surplus(from, t).lte(0)) return from;
    }
    const r = pos.root(t);
    if (
      r !== undefined &&
      r.isFinite() &&
      r.gt(0) &&
      (priceFalls ? r.lt(from) : r.gt(from)) &&
      tierHolds(tiers, i, pos.notional(r))
    ) {
      return r;
    }
  }
  const edge = dir < 0 ? tiers[0]! : tiers[tiers.length - 1]!;
  if ((dir < 0 && edge.floor.isZero()) || (dir > 0 && !edge.cap.isFinite())) {
    throw new NotAvailableError(undefined, pos.survives);
  }
  throw new NotAvailableError(
    field,
    `no liquidation price within the tier table: the notional passes ${dir < 0 ? edge.floor : edge.cap} (row ${edge.row}) first`,
  );
}

/**
 * Binance's one-way liquidation price from the balance that backs the position (USDⓈ-M FAQ):
 * LP = (WB − TMM + UPNL + cum − side·q·E) / (q·mmr − side·q). WB is the isolated wallet (margin plus any
 * added margin) or the cross wallet; TMM and UPNL are the maintenance margin and unrealised PnL of the
 * other cross positions (0 when isolated). `mmr` may be a rate (default 0.005) or a Maintenance (a tier
 * table: the bracket holding the notional at the liquidation price; `maintAmount` must then be 0).
 */
export function walletLiquidation(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  walletBalance: Dec;
  mmr?: Dec | Maintenance;
  maintAmount?: Dec;
  otherMaintMargin?: Dec;
  otherUpnl?: Dec;
}): Dec {
  const m: Maintenance =
    a.mmr === undefined ? { kind: "rate", mmr: DEFAULT_MMR } : "kind" in a.mmr ? a.mmr : { kind: "rate", mmr: a.mmr };
  const balance = a.walletBalance.sub(a.otherMaintMargin ?? ZERO).add(a.otherUpnl ?? ZERO);
  const position = linearPosition({
    ...a,
    balance,
    closeFeeRate: ZERO,
    opens: OPENS_WALLET,
    survives: "no liquidation price: the wallet covers a fall to zero, so this long cannot be liquidated",
  });
  return walkBrackets(position, bracketsOf(m, a.maintAmount ?? ZERO), "mmr");
}

export const WALLETLIQ = define(
  {
    side,
    entry: number({ gt: 0 }),
    quantity: number({ gt: 0 }),
    wallet_balance: number({ ge: 0 }),
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    other_maint_margin: optional(number({ ge: 0 }), ZERO),
    other_upnl: optional(number(), ZERO),
  },
  (a) =>
    walletLiquidation({
      side: a.side,
      entry: a.entry,
      quantity: a.quantity,
      walletBalance: a.wallet_balance,
      mmr: a.mmr,
      maintAmount: a.maint_amount,
      otherMaintMargin: a.other_maint_margin,
      otherUpnl: a.other_upnl,
    }),
);

/**
 * Liquidation price of an inverse (coin-margined) position backed by `wallet` coin.
 * `"liquidation"` (Binance COIN-M FAQ; Bybit's 2026 inverse page): maintenance on the coin notional at
 * the liquidation price, LP = Q·(mmr + side)/(WB + cum + side·Q/E) with Q = contracts·cv, the bracket
 * searched until consistent. `"entry"` (Bybit classic, BTCMEX): maintenance on the entry value,
 * LP = Q/(Q/E + side·(WB − (Q·mmr/E − cum))).
 */
export function inverseLiquidation(a: {
  side: Side;
  entry: Dec;
  contracts: Dec;
  contractValue: Dec;
  wallet: Dec;
  maintenance: Maintenance;
  amount: Dec;
  basis: MmBasis;
}): Dec {
  const tiers = bracketsOf(a.maintenance, a.amount);
  const position = inversePosition(a);
  if (a.basis === "liquidation") return walkBrackets(position, tiers, "mmr");
  const value = a.contracts.mul(a.contractValue);
  const t = findTier(tiers, value.div(a.entry), "mmr");
  const mm = value.div(a.entry).mul(t.mmr).sub(t.amount);
  const den = value.div(a.entry).add(a.wallet.sub(mm).mul(a.side));
  if (den.lte(0)) throw new NotAvailableError(undefined, position.survives);
  const price = value.div(den);
  if (price.sub(a.entry).mul(a.side).gte(0)) throw new DomainError(undefined, position.opens);
  return price;
}

export const INVLIQPRICE = define(
  {
    side,
    entry: number({ gt: 0 }),
    leverage,
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    contracts: optional(number({ gt: 0 })),
    contract_value: optional(number({ gt: 0 }), new D(1)),
    mm_basis: optional(option(MM_BASES), "liquidation" as MmBasis),
  },
  (a) => {
    const contracts = requiredWithTable(a.contracts, a.mmr, "contracts");
    return inverseLiquidation({
      side: a.side,
      entry: a.entry,
      contracts,
      contractValue: a.contract_value,
      wallet: contracts.mul(a.contract_value).div(a.entry.mul(a.leverage)),
      maintenance: a.mmr,
      amount: a.maint_amount,
      basis: a.mm_basis,
    });
  },
);

/**
 * The highest leverage whose isolated liquidation price (Binance form, maintenance at the liquidation
 * price, no amount) is still beyond the stop: solving LP = stop for L gives
 * long 1/(1 − stop·(1 − mmr)/entry), short 1/(stop·(1 + mmr)/entry − 1).
 */
export function maxLeverage(a: { side: Side; entry: Dec; stop: Dec; mmr: Dec }): Dec {
  if (a.stop.sub(a.entry).mul(a.side).gte(0)) {
    throw new DomainError(
      "stop",
      `must be ${a.side === 1 ? "below" : "above"} entry for a ${a.side === 1 ? "long" : "short"}, got ${a.stop} with entry ${a.entry}`,
    );
  }
  const ratio = a.stop.mul(D.sub(1, a.mmr.mul(a.side))).div(a.entry);
  return a.side === 1 ? D.div(1, D.sub(1, ratio)) : D.div(1, ratio.sub(1));
}

export const MAXLEVERAGE = define(
  { side, entry: number({ gt: 0 }), stop: number({ gt: 0 }), mmr: maintenance(DEFAULT_MMR) },
  (a) => {
    if (a.mmr.kind === "tiers") {
      throw new InvalidArgumentError(
        "mmr",
        "needs one rate here: MAXLEVERAGE has no quantity, so there is no notional to choose a bracket by",
      );
    }
    return maxLeverage({ side: a.side, entry: a.entry, stop: a.stop, mmr: a.mmr.mmr });
  },
);
