import { D, type Dec } from "../spec/decimal";
import * as B from "../arith/bigdec";
import { decimals, exact, integer, product, ratio, sum, value } from "../arith/exact";
import { decOf, numAt, scaled, type Num } from "./cells";
import type { Fills } from "./fills";
import type { DecimalValues } from "./finish-decimal";
import type { Holdings, Position } from "./positions";
import { tradeRow, type TradeRow } from "./rows";

/**
 * The exact finisher: a trade's figures from scaled integers held in doubles (see exact.ts), when every price,
 * quantity, fee and contract size is a plain number with few decimals: quantities over 10^kq, prices over
 * 10^kp, values over 10^(kp+kq), fees over 10^kf, each sum checked to stay exact. A flip's fee parts, which
 * need not fit the fee scale, are exact in BigInt with the Decimal path's own roundings (bigdec.ts). Each figure
 * is one correctly rounded step from exact integers, as the Decimal finisher's figure is rounded to a number
 * at the boundary: the rows are the same either way (tested).
 */

/** The fills as scaled integers: prices over 10^kp, quantities over 10^kq, fees over 10^kf. */
export interface ScaledFills {
  P: Float64Array;
  Q: Float64Array;
  F: Float64Array;
  kp: number;
  kq: number;
  kf: number;
  /** The part (over 10^kq) of each fill through zero that closed a trade. */
  closing: Float64Array;
}

const LARGEST_FRACTION = 2 ** 50;

/** xs over 10^k (into `out`), or undefined when one is beyond 2^50 (in size). */
function scaledColumn(xs: Float64Array, k: number, out: Float64Array): Float64Array | undefined {
  for (let i = 0; i < xs.length; i++) {
    const m = integer(xs[i]!, k);
    if (!(m < LARGEST_FRACTION && m > -LARGEST_FRACTION)) return undefined;
    out[i] = m;
  }
  return out;
}

/**
 * The fills as scaled integers, or undefined when one value is not a plain number the exact finisher takes.
 * With `inPlace`, written over the fills' own prices, quantities and fees (no copy made): for a caller that
 * drops the fills, whatever the exact finisher answers (the worksheet's fast path, which declines to the
 * Decimal path's own reading).
 */
export function scaledFills(f: Fills, inPlace: boolean): ScaledFills | undefined {
  const { price: kp, quantity: kq, fee: kf } = f.decimals;
  if (kp < 0 || kq < 0 || kf < 0 || !f.plainSizes) return undefined;
  // every value is a plain number here (their decimals say so), in the typed arrays
  const into = (xs: Float64Array): Float64Array => (inPlace ? xs : new Float64Array(xs.length));
  const P = scaledColumn(f.price.values, kp, into(f.price.values));
  const Q = P && scaledColumn(f.quantity.values, kq, into(f.quantity.values));
  const F = Q && scaledColumn(f.fee.values, kf, into(f.fee.values));
  return P && Q && F ? { P, Q, F, kp, kq, kf, closing: new Float64Array(f.n) } : undefined;
}

/**
 * A trade's sums over its fills, as scaled integers (NaN once one is not exact), one entry per trade in the
 * order the walk opens them: kept by the holdings as the walk goes, so no second pass over a trade's fills.
 * A fill through zero adds its fee to neither side's trade: its parts are the finisher's (`feeShares`).
 */
export interface TradeSums {
  entryQuantity: number[];
  entryValue: number[];
  exitQuantity: number[];
  exitValue: number[];
  fees: number[];
}

/**
 * The positions' holdings as scaled integers (a sum beyond 2^53 is NaN, which no comparison tells), and each
 * trade's sums (`TradeSums`) gathered as the walk goes.
 */
export function exactHoldings(s: ScaledFills, slots: number): Holdings & { sums: TradeSums } {
  const { P, Q, F, closing } = s;
  const held = new Float64Array(slots);
  const trade = new Int32Array(slots); // the trade each slot's position is, an index into the sums
  const sums: TradeSums = { entryQuantity: [], entryValue: [], exitQuantity: [], exitValue: [], fees: [] };
  const { entryQuantity, entryValue, exitQuantity, exitValue, fees } = sums;
  const exit = (t: number, i: number, q: number): void => {
    exitQuantity[t] = exact(exitQuantity[t]! + q);
    exitValue[t] = exact(exitValue[t]! + exact(P[i]! * q));
  };
  return {
    sums,
    open(slot, i, rest) {
      const q = rest ? Q[i]! - closing[i]! : Q[i]!;
      held[slot] = q;
      trade[slot] = entryQuantity.length;
      entryQuantity.push(q);
      entryValue.push(exact(P[i]! * q));
      exitQuantity.push(0);
      exitValue.push(0);
      fees.push(rest ? 0 : F[i]!);
    },
    add(slot, i) {
      const q = Q[i]!;
      const t = trade[slot]!;
      held[slot] = exact(held[slot]! + q);
      entryQuantity[t] = exact(entryQuantity[t]! + q);
      entryValue[t] = exact(entryValue[t]! + exact(P[i]! * q));
      fees[t] = exact(fees[t]! + F[i]!);
    },
    sub(slot, i) {
      const t = trade[slot]!;
      held[slot] = exact(held[slot]! - Q[i]!);
      exit(t, i, Q[i]!);
      fees[t] = exact(fees[t]! + F[i]!);
    },
    cmp(slot, i) {
      const q = Q[i]!;
      const h = held[slot]!;
      return q === h ? 0 : q > h ? 1 : q < h ? -1 : 2;
    },
    close(slot, i) {
      const t = trade[slot]!;
      exit(t, i, Q[i]!);
      fees[t] = exact(fees[t]! + F[i]!);
    },
    split(slot, i) {
      closing[i] = held[slot]!;
      exit(trade[slot]!, i, closing[i]!);
    },
    text: (slot) => scaled(held[slot]!, s.kq).toString(),
  };
}

/** The same fills' values as Decimals, for the trades the exact finisher leaves to the Decimal one. */
export function exactAsDecimal(f: Fills, s: ScaledFills): DecimalValues {
  return {
    price: (i) => scaled(s.P[i]!, s.kp),
    quantity: (i) => scaled(s.Q[i]!, s.kq),
    fee: (i) => scaled(s.F[i]!, s.kf),
    contractSize: (i) => decOf(numAt(f.contractSize, i), "contract_sizes"),
    closing: (i) => scaled(s.closing[i]!, s.kq),
    shares: new Map(),
  };
}

/**
 * `share` (finish-decimal.ts) for a fee, part and whole given as scaled integers, in BigInt with the Decimal's
 * own roundings (bigdec.ts): the same value, step for step.
 */
export function shareBig(fee: B.Big, part: number, whole: number, kq: number): B.Big {
  const own = B.ownDecimals(fee);
  const intDigits = B.exponent(fee) + 1; // digits before the point, if any
  const places = 32 - (intDigits > 0 ? intDigits : 0);
  return B.toPlaces(B.div(B.mul(fee, B.big(part, kq)), B.big(whole, kq)), own > places ? own : places);
}

/** A flip's fee parts as a Decimal, exactly (its text is all its digits). */
export function bigDec(x: B.Big): Dec {
  return new D(`${x.n}e-${x.k}`);
}

/** The exact finisher's state for one call: the fills, the trades' sums, and each split fill's closing fee part, made once. */
export interface ExactFinisher {
  f: Fills;
  s: ScaledFills;
  sums: TradeSums;
  shares: Map<number, B.Big>;
}

function closingFeeBig(x: ExactFinisher, i: number): B.Big {
  let part = x.shares.get(i);
  if (part === undefined) x.shares.set(i, (part = shareBig(B.big(x.s.F[i]!, x.s.kf), x.s.closing[i]!, x.s.Q[i]!, x.s.kq)));
  return part;
}

/** A trade's sums over its fills: integers (NaN once one is not exact), and its flip fee parts in BigInt. */
interface Sums {
  entryQuantity: number;
  entryValue: number;
  exitQuantity: number;
  exitValue: number;
  fees: number;
  feeShares: B.Big | undefined;
}

/** Trade k's sums (`TradeSums`, gathered by the walk), and the fee parts of the fills through zero that begin or end it. */
function sums(x: ExactFinisher, t: Position, k: number): Sums {
  const fills = t.fills;
  let feeShares: B.Big | undefined;
  if (t.openedBySplit) {
    const i = fills[0]!;
    feeShares = B.sub(B.big(x.s.F[i]!, x.s.kf), closingFeeBig(x, i));
  }
  if (t.closedBySplit) {
    const part = closingFeeBig(x, fills[fills.length - 1]!);
    feeShares = feeShares === undefined ? part : B.add(feeShares, part);
  }
  const m = x.sums;
  return { entryQuantity: m.entryQuantity[k]!, entryValue: m.entryValue[k]!, exitQuantity: m.exitQuantity[k]!, exitValue: m.exitValue[k]!, fees: m.fees[k]!, feeShares };
}

/**
 * A trade's row straight from its scaled integers, or undefined where a step would not be exact, or for what
 * needs a division on the way (an open trade's realised PnL by average cost): the Decimal finisher then
 * makes that trade's row.
 */
export function exactRow(x: ExactFinisher, t: Position, k: number): TradeRow | undefined {
  const s = sums(x, t, k);
  const all = s.entryQuantity + s.entryValue + s.exitQuantity + s.exitValue + s.fees;
  if (all !== all) return undefined; // a sum stopped being exact
  if (!t.closed && s.exitQuantity !== 0) return undefined;
  const size = x.f.contractSize.values[t.fills[0]!]!;
  const kc = decimals(size);
  if (kc < 0) return undefined;
  const cs = integer(size, kc);
  const { kp, kq, kf } = x.s;
  const kv = kp + kq;
  const grossInt = t.closed ? product(product(t.side, exact(s.exitValue - s.entryValue)), cs) : 0; // over 10^(kv+kc)
  const quantity = value(s.entryQuantity, kq);
  const avgEntry = ratio(s.entryValue, kv, s.entryQuantity, kq);
  const avgExit = s.exitQuantity === 0 ? undefined : ratio(s.exitValue, kv, s.exitQuantity, kq);
  const gross = value(grossInt, kv + kc);
  const denominator = product(s.entryValue, cs); // the entry value in quote currency, over 10^(kv+kc)
  const rest = s.feeShares === undefined ? plainFees(s.fees, kf, grossInt, kv + kc, denominator) : sharedFees(s, kf, grossInt, kv + kc, denominator, gross);
  if (quantity === undefined || avgEntry === undefined || gross === undefined || rest === undefined) return undefined;
  if (s.exitQuantity !== 0 && avgExit === undefined) return undefined;
  return tradeRow(x.f, t, quantity, avgEntry, avgExit, gross, rest[0], rest[1], rest[2]);
}

/** Fees, net PnL and return of a trade whose fees are all on the fee scale. */
function plainFees(fees: number, kf: number, grossInt: number, kg: number, denominator: number): [Num, Num, Num] | undefined {
  const kn = kg > kf ? kg : kf;
  const netInt = sum(grossInt, kg, -fees, kf);
  const fee = value(fees, kf);
  const net = value(netInt, kn);
  const ret = ratio(netInt, kn, denominator, kg);
  return fee === undefined || net === undefined || ret === undefined ? undefined : [fee, net, ret];
}

/**
 * Fees, net PnL and return of a trade a flip touched: its fee part need not fit the fee scale, so the fees and
 * what depends on them take the Decimal finisher's roundings (fees + parts, gross − fees, net ÷ entry value),
 * in BigInt.
 */
function sharedFees(s: Sums, kf: number, grossInt: number, kg: number, denominator: number, gross: number | undefined): [Num, Num, Num] | undefined {
  if (value(s.fees, kf) === undefined || gross === undefined || denominator !== denominator) return undefined;
  const feesBig = B.add(B.big(s.fees, kf), s.feeShares!);
  const netBig = B.sub(B.big(exact(grossInt), kg), feesBig);
  return [B.toNumber(feesBig), B.toNumber(netBig), B.toNumber(B.div(netBig, B.big(denominator, kg)))];
}
