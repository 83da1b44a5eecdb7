import { Dec, ZERO } from "../spec/decimal";
import { decOf, numAt, type Numbers } from "./cells";
import type { Fills } from "./fills";
import type { Holdings, Position } from "./positions";
import { tradeRow, type TradeRow } from "./rows";

/**
 * The Decimal finisher: a trade's figures in decimal arithmetic, from its fills' values as Decimals. It finishes
 * every trade of fills the exact finisher cannot take (numeric text, numbers too long for exact doubles), and
 * the trades it declines (an open trade's realised PnL by average cost, which divides on the way).
 */

/** The fills' values as Decimals, and the part of each fill through zero that closed a trade. */
export interface DecimalValues {
  price(i: number): Dec;
  quantity(i: number): Dec;
  fee(i: number): Dec;
  contractSize(i: number): Dec;
  closing(i: number): Dec;
  /** Fill i's fee parts, by the part that closed a trade (filled as the trades are finished). */
  readonly shares: Map<number, Dec>;
}

/**
 * fee·part/whole, rounded to as many decimals as leave fee − share exact in 34 digits (at least the fee's own),
 * so that the two parts of a split fee add up to the fee.
 */
export function share(fee: Dec, part: Dec, whole: Dec): Dec {
  const text = fee.toString();
  const own = text.includes("e") ? 0 : text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  const places = Math.max(own, 32 - Math.max(0, fee.e + 1));
  return fee.mul(part).div(whole).toDecimalPlaces(places);
}

function decimalColumn(xs: Numbers, field: string): Dec[] {
  const out: Dec[] = [];
  for (let i = 0; i < xs.values.length; i++) out.push(decOf(numAt(xs, i), field));
  return out;
}

/** The fills in Decimal throughout, and the positions' holdings for the walk, in Decimal. */
export function decimalFills(f: Fills, slots: number): { values: DecimalValues; holdings: Holdings } {
  const price = decimalColumn(f.price, "prices");
  const quantity = decimalColumn(f.quantity, "quantities");
  const fee = decimalColumn(f.fee, "fees");
  const size = decimalColumn(f.contractSize, "contract_sizes");
  const closing: Dec[] = [];
  const held: Dec[] = new Array<Dec>(slots);
  return {
    values: { price: (i) => price[i]!, quantity: (i) => quantity[i]!, fee: (i) => fee[i]!, contractSize: (i) => size[i]!, closing: (i) => closing[i]!, shares: new Map() },
    holdings: {
      open: (slot, i, rest) => void (held[slot] = rest ? quantity[i]!.sub(closing[i]!) : quantity[i]!),
      add: (slot, i) => void (held[slot] = held[slot]!.add(quantity[i]!)),
      sub: (slot, i) => void (held[slot] = held[slot]!.sub(quantity[i]!)),
      cmp: (slot, i) => quantity[i]!.cmp(held[slot]!),
      close: () => undefined,
      split: (slot, i) => void (closing[i] = held[slot]!),
      text: (slot) => held[slot]!.toString(),
    },
  };
}

/** The part of fill i's fee that goes with the part of its quantity that closed a trade: shared by quantity (`share`). */
function closingFee(v: DecimalValues, i: number): Dec {
  let s = v.shares.get(i);
  if (s === undefined) v.shares.set(i, (s = share(v.fee(i), v.closing(i), v.quantity(i))));
  return s;
}

/** Realised PnL by average cost: each exit realises side·(exit − A)·q with A the average cost of what is held. */
function realisedByAverageCost(side: number, steps: readonly { entry: boolean; price: Dec; quantity: Dec }[]): Dec {
  let held = ZERO;
  let cost = ZERO;
  let realised = ZERO;
  for (const s of steps) {
    if (s.entry) {
      held = held.add(s.quantity);
      cost = cost.add(s.price.mul(s.quantity));
    } else {
      const removed = cost.mul(s.quantity).div(held);
      realised = realised.add(s.price.mul(s.quantity).sub(removed));
      held = held.sub(s.quantity);
      cost = cost.sub(removed);
    }
  }
  return realised.mul(side);
}

/**
 * A trade's row in Decimal: sums of values in time order, not averages, so that a closed trade's PnL is
 * exact; an open one's realised PnL by average cost, as exchanges report it.
 */
export function decimalRow(f: Fills, t: Position, v: DecimalValues): TradeRow {
  const last = t.fills.length - 1;
  let entryQuantity = ZERO;
  let entryValue = ZERO;
  let exitQuantity = ZERO;
  let exitValue = ZERO;
  let fees = ZERO;
  const steps: { entry: boolean; price: Dec; quantity: Dec }[] = [];
  for (let k = 0; k <= last; k++) {
    const i = t.fills[k]!;
    const price = v.price(i);
    let quantity: Dec;
    let fee: Dec;
    if (k === 0 && t.openedBySplit) {
      quantity = v.quantity(i).sub(v.closing(i));
      fee = v.fee(i).sub(closingFee(v, i));
    } else if (k === last && t.closedBySplit) {
      quantity = v.closing(i);
      fee = closingFee(v, i);
    } else {
      quantity = v.quantity(i);
      fee = v.fee(i);
    }
    const entry = f.side[i] === t.side;
    if (k === 0) {
      entryQuantity = quantity;
      entryValue = price.mul(quantity);
      fees = fee;
    } else {
      fees = fees.add(fee);
      if (entry) {
        entryQuantity = entryQuantity.add(quantity);
        entryValue = entryValue.add(price.mul(quantity));
      } else {
        exitQuantity = exitQuantity.add(quantity);
        exitValue = exitValue.add(price.mul(quantity));
      }
    }
    if (!t.closed) steps.push({ entry, price, quantity });
  }
  const size = v.contractSize(t.fills[0]!);
  // Closed: side·(Σ exit value − Σ entry value), exact whatever the order; open: what was realised so far.
  const gross = (t.closed ? exitValue.sub(entryValue).mul(t.side) : exitQuantity.isZero() ? ZERO : realisedByAverageCost(t.side, steps)).mul(size);
  const net = gross.sub(fees);
  const avgExit = exitQuantity.isZero() ? undefined : exitValue.div(exitQuantity);
  return tradeRow(f, t, entryQuantity, entryValue.div(entryQuantity), avgExit, gross, fees, net, net.div(entryValue.mul(size)));
}
