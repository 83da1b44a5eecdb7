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

/** xs over 10^k, or undefined when one is beyond 2^50 (in size). */
function scaledColumn(xs: Float64Array, k: number): Float64Array | undefined {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const m = integer(xs[i]!, k);
    if (!(m < LARGEST_FRACTION && m > -LARGEST_FRACTION)) return undefined;
    out[i] = m;
  }
  return out;
}

/** The fills as scaled integers, or undefined when one value is not a plain number the exact finisher takes. */
export function scaledFills(f: Fills): ScaledFills | undefined {
  const { price: kp, quantity: kq, fee: kf } = f.decimals;
  if (kp < 0 || kq < 0 || kf < 0 || !f.plainSizes) return undefined;
  // every value is a plain number here (their decimals say so), in the typed arrays
  const P = scaledColumn(f.price.values, kp);
  const Q = scaledColumn(f.quantity.values, kq);
  const F = scaledColumn(f.fee.values, kf);
  return P && Q && F ? { P, Q, F, kp, kq, kf, closing: new Float64Array(f.n) } : undefined;
}

/** The positions' holdings as scaled integers: a sum beyond 2^53 is NaN, which no comparison tells. */
export function exactHoldings(s: ScaledFills, slots: number): Holdings {
  const { Q, closing } = s;
  const held = new Float64Array(slots);
  return {
    open(slot, i, rest) {
      held[slot] = rest ? Q[i]! - closing[i]! : Q[i]!;
    },
    add(slot, i) {
      held[slot] = exact(held[slot]! + Q[i]!);
    },
    sub(slot, i) {
      held[slot] = exact(held[slot]! - Q[i]!);
    },
    cmp(slot, i) {
      const q = Q[i]!;
      const h = held[slot]!;
      return q === h ? 0 : q > h ? 1 : q < h ? -1 : 2;
    },
    split(slot, i) {
      closing[i] = held[slot]!;
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

/** The exact finisher's state for one call: the fills, and each split fill's closing fee part, made once. */
export interface ExactFinisher {
  f: Fills;
  s: ScaledFills;
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

function sums(x: ExactFinisher, t: Position): Sums {
  const { P, Q, F, closing, kf } = x.s;
  const side = x.f.side;
  const fills = t.fills;
  const last = fills.length - 1;
  let entryQuantity = 0;
  let entryValue = 0;
  let exitQuantity = 0;
  let exitValue = 0;
  let fees = 0;
  let feeShares: B.Big | undefined;
  for (let k = 0; k <= last; k++) {
    const i = fills[k]!;
    let q = Q[i]!;
    if (k === 0 && t.openedBySplit) {
      q = Q[i]! - closing[i]!;
      feeShares = B.sub(B.big(F[i]!, kf), closingFeeBig(x, i));
    } else if (k === last && t.closedBySplit) {
      q = closing[i]!;
      const part = closingFeeBig(x, i);
      feeShares = feeShares === undefined ? part : B.add(feeShares, part);
    } else fees = exact(fees + F[i]!);
    if (side[i] === t.side) {
      entryQuantity = exact(entryQuantity + q);
      entryValue = exact(entryValue + exact(P[i]! * q));
    } else {
      exitQuantity = exact(exitQuantity + q);
      exitValue = exact(exitValue + exact(P[i]! * q));
    }
  }
  return { entryQuantity, entryValue, exitQuantity, exitValue, fees, feeShares };
}

/**
 * A trade's row straight from its scaled integers, or undefined where a step would not be exact, or for what
 * needs a division on the way (an open trade's realised PnL by average cost): the Decimal finisher then
 * makes that trade's row.
 */
export function exactRow(x: ExactFinisher, t: Position): TradeRow | undefined {
  const s = sums(x, t);
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
