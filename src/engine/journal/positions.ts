import { EngineError, InvalidArgumentError } from "../spec/errors";
import { numAt, sameNum } from "./cells";
import { positionSideOf, type Fills } from "./fills";

/**
 * The one position state machine of TRADES. It walks the fills in time order and says which fills (and which
 * part of a fill that goes through zero) make which trade: a trade is one position in one symbol (and position
 * side, in hedge mode) from flat to flat, flat only when its quantity is exactly zero. It does no more
 * arithmetic than a position's quantity needs, in its caller's arithmetic: scaled integers in doubles
 * (the exact finisher's) or Decimals (`Holdings`). The figures are the finishers' (finish-exact.ts, finish-decimal.ts).
 */

/**
 * What each open position holds, in the caller's arithmetic: a slot per position, and the parts of each fill
 * that goes through zero. The walk asks only for signs (−1, 0, 1; 2 when a sum stopped being exact), so no
 * quantity passes through it.
 */
export interface Holdings {
  /** The position `slot` now holds fill i's quantity (`rest`: what was left of it after a split). */
  open(slot: number, i: number, rest: boolean): void;
  add(slot: number, i: number): void;
  sub(slot: number, i: number): void;
  /** The sign of fill i's quantity − what `slot` holds, or 2 when it cannot be told exactly. */
  cmp(slot: number, i: number): number;
  /** Fill i closes what `slot` holds exactly (its quantity equals it): the trade ends flat. */
  close(slot: number, i: number): void;
  /** Fill i goes through zero: what `slot` holds is the part that closes it, the rest opens the next trade. */
  split(slot: number, i: number): void;
  /** What `slot` holds, as a message shows it. */
  text(slot: number): string;
}

/** A trade as the walk leaves it: its fills, and whether a fill through zero opened or closed it. */
export interface Position {
  side: 1 | -1;
  /** Its fills, as indices into the fills, in time order. */
  fills: number[];
  closed: boolean;
  /** Its first fill went through zero: only the rest of it (its quantity less the part that closed the trade before) is this trade's. */
  openedBySplit: boolean;
  /** Its last fill went through zero: only the part that closed it is this trade's. */
  closedBySplit: boolean;
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
    `row ${f.row[i]!} has contract size ${numAt(f.contractSize, i).toString()} but the ${symbolOf(f, i)} trade it belongs to has ${numAt(f.contractSize, first).toString()}: the fills of one trade share one contract size`,
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
    `row ${f.row[i]!} ${onSide(f, i)} ${numAt(f.quantity, i).toString()} on the ${hedgeSide(f, i)} side of ${symbolOf(f, i)}, which holds ${held}: a hedge-mode position cannot go through zero`,
  );
}

function opened(i: number, side: 1 | -1, bySplit: boolean): Position {
  return { side, fills: [i], closed: false, openedBySplit: bySplit, closedBySplit: false };
}

/** Slots for the positions of the fills (a position's index is its slot). */
export function positionSlots(f: Fills): number {
  let most = -1;
  for (let i = 0; i < f.n; i++) if (f.position[i]! > most) most = f.position[i]!;
  return most + 1;
}

/**
 * The trades the fills make, ordered by opening time, then by the row of their first fill; `order` is the
 * fills' time order (undefined: the rows are in time order). #VALUE! for a trade whose fills differ in
 * contract size, and in hedge mode for a fill that would take a position below or through zero. Undefined
 * when a quantity could not be compared exactly in the holdings' arithmetic.
 */
export function walkPositions(f: Fills, order: readonly number[] | undefined, held: Holdings): Position[] | undefined {
  const current: (Position | undefined)[] = [];
  const all: Position[] = [];
  for (let at = 0; at < f.n; at++) {
    const i = order === undefined ? at : order[at]!;
    const pos = f.position[i]!;
    const ps = positionSideOf(pos);
    const side = f.side[i] as 1 | -1;
    const t = current[pos];
    if (t === undefined) {
      if (ps !== 0 && side !== ps) throw reduceNothingError(f, i);
      held.open(pos, i, false);
      all.push((current[pos] = opened(i, ps === 0 ? side : ps, false)));
      continue;
    }
    const size = f.contractSize.values;
    if (size[t.fills[0]!] !== size[i] && !sameNum(numAt(f.contractSize, t.fills[0]!), numAt(f.contractSize, i), "contract_sizes")) {
      throw contractSizeError(f, i, t.fills[0]!);
    }
    t.fills.push(i);
    if (side === t.side) {
      held.add(pos, i);
      continue;
    }
    const c = held.cmp(pos, i);
    if (c === 2) return undefined;
    if (c > 0 && ps !== 0) throw throughZeroError(f, i, held.text(pos));
    if (c < 0) {
      held.sub(pos, i);
      continue;
    }
    t.closed = true;
    current[pos] = undefined;
    if (c === 0) held.close(pos, i);
    else {
      // through zero: the closing part ends the trade, the rest opens the opposite one at the same time and price
      held.split(pos, i);
      t.closedBySplit = true;
      held.open(pos, i, true);
      all.push((current[pos] = opened(i, side, true)));
    }
  }
  return all;
}
