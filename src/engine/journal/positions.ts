import { EngineError, InvalidArgumentError } from "../spec/errors";
import { sameNum } from "./cells";
import { positionSideOf, type Fills } from "./fills";

/**
 * The one position state machine of TRADES. It walks the fills in time order and says which fills (and which
 * part of a fill that goes through zero) make which trade: a trade is one position in one symbol (and position
 * side, in hedge mode) from flat to flat, flat only when its quantity is exactly zero. It does no more
 * arithmetic than a position's quantity needs, in the quantities `Q` of its caller: scaled integers in doubles
 * (the exact finisher's) or Decimals. The figures are the finishers' (finish-exact.ts, finish-decimal.ts).
 */

/** The arithmetic of quantities the walk needs. */
export interface Quantities<Q> {
  /** Fill i's quantity. */
  of(i: number): Q;
  add(a: Q, b: Q): Q;
  sub(a: Q, b: Q): Q;
  /** The sign of a − b, or NaN when it cannot be told exactly (the walk then stops and answers undefined). */
  cmp(a: Q, b: Q): number;
  /** A quantity as a message shows it. */
  text(q: Q): string;
}

/** A trade as the walk leaves it: its fills, and where a fill through zero was split, the parts. */
export interface Position<Q> {
  side: 1 | -1;
  /** Its fills, as indices into the fills, in time order. */
  fills: number[];
  closed: boolean;
  /** When a fill through zero opened it: that fill's quantity that is this trade's, and the part that closed the one before. */
  firstPart: Q | undefined;
  firstClosing: Q | undefined;
  /** When a fill through zero closed it: the part of that fill that closed it. */
  lastPart: Q | undefined;
  /** The quantity held now. */
  held: Q;
}

function symbolOf(f: Fills, i: number): string {
  return f.symbols[f.symbol[i]!]!;
}

function onSide(f: Fills, i: number): string {
  return `${f.side[i] === 1 ? "buys" : "sells"}`;
}

function hedgeSide(f: Fills, i: number): string {
  return positionSideOf(f.position[i]!) === 1 ? "LONG" : "SHORT";
}

function contractSizeError(f: Fills, i: number, first: number): EngineError {
  return new InvalidArgumentError(
    "contract_sizes",
    `row ${f.row[i]!} has contract size ${f.contractSize[i]!.toString()} but the ${symbolOf(f, i)} trade it belongs to has ${f.contractSize[first]!.toString()}: the fills of one trade share one contract size`,
  );
}

function reduceNothingError(f: Fills, i: number): EngineError {
  return new InvalidArgumentError(
    "position_sides",
    `row ${f.row[i]!} ${onSide(f, i)} on the ${hedgeSide(f, i)} side of ${symbolOf(f, i)}, which holds nothing: a hedge-mode position cannot go below zero`,
  );
}

function throughZeroError(f: Fills, i: number, held: string): EngineError {
  return new InvalidArgumentError(
    "position_sides",
    `row ${f.row[i]!} ${onSide(f, i)} ${f.quantity[i]!.toString()} on the ${hedgeSide(f, i)} side of ${symbolOf(f, i)}, which holds ${held}: a hedge-mode position cannot go through zero`,
  );
}

function opened<Q>(i: number, side: 1 | -1, held: Q, firstPart?: Q, firstClosing?: Q): Position<Q> {
  return { side, fills: [i], closed: false, firstPart, firstClosing, lastPart: undefined, held };
}

/**
 * The trades the fills make, ordered by opening time, then by the row of their first fill; `order` is the
 * fills' time order (undefined: the rows are in time order). #VALUE! for a trade whose fills differ in
 * contract size, and in hedge mode for a fill that would take a position below or through zero. Undefined
 * when a quantity could not be compared exactly in `Q`.
 */
export function walkPositions<Q>(f: Fills, order: readonly number[] | undefined, q: Quantities<Q>): Position<Q>[] | undefined {
  const current: (Position<Q> | undefined)[] = [];
  const all: Position<Q>[] = [];
  for (let at = 0; at < f.n; at++) {
    const i = order === undefined ? at : order[at]!;
    const pos = f.position[i]!;
    const ps = positionSideOf(pos);
    const side = f.side[i] as 1 | -1;
    const t = current[pos];
    const quantity = q.of(i);
    if (t === undefined) {
      if (ps !== 0 && side !== ps) throw reduceNothingError(f, i);
      all.push((current[pos] = opened(i, ps === 0 ? side : ps, quantity)));
      continue;
    }
    if (!sameNum(f.contractSize[t.fills[0]!]!, f.contractSize[i]!, "contract_sizes")) throw contractSizeError(f, i, t.fills[0]!);
    t.fills.push(i);
    if (side === t.side) {
      t.held = q.add(t.held, quantity);
      continue;
    }
    const c = q.cmp(quantity, t.held);
    if (c !== c) return undefined;
    if (c > 0 && ps !== 0) throw throughZeroError(f, i, q.text(t.held));
    if (c < 0) {
      t.held = q.sub(t.held, quantity);
      continue;
    }
    t.closed = true;
    current[pos] = undefined;
    if (c > 0) {
      // through zero: the closing part ends the trade, the rest opens the opposite one at the same time and price
      const closing = t.held;
      const rest = q.sub(quantity, closing);
      t.lastPart = closing;
      all.push((current[pos] = opened(i, side, rest, rest, closing)));
    }
    t.held = q.sub(t.held, t.held);
  }
  return all;
}
