import { InvalidArgumentError } from "../spec/errors";
import { positive, readCellNum, readFillSide, readPositionSide, readSymbol, type Column, type Num } from "./cells";
import { readTime } from "./dates";

/**
 * The one reader of a fills table (TRADES' ranges), for the worksheet's fast path, its Decimal path and the
 * task pane alike: the fills, checked, as columns (one entry per fill kept, in row order), each number as
 * the cell held it (a plain number, or the Decimal its numeric text was read as).
 */
export interface Fills {
  n: number;
  /** Each fill's row in the ranges, 1-based. */
  row: Int32Array;
  time: Float64Array;
  side: Int8Array;
  /** The position each fill belongs to: its symbol's key (case aside) ·3 + its position side + 1. */
  position: Int32Array;
  /** Each fill's symbol as its own cell writes it, an index into `symbols`. */
  symbol: Int32Array;
  symbols: string[];
  price: Num[];
  quantity: Num[];
  fee: Num[];
  contractSize: Num[];
}

/** The ranges of a fills table, as TRADES takes them. */
export interface FillColumns {
  times: Column;
  symbols: Column;
  sides: Column;
  prices: Column;
  quantities: Column;
  fees: Column;
  contractSizes: Column;
  positionSides: Column;
}

/** 0 for a one-way fill, 1 for the LONG position, −1 for the SHORT position (hedge mode). */
export function positionSideOf(position: number): 0 | 1 | -1 {
  return ((position % 3) - 1) as 0 | 1 | -1;
}

/**
 * The rows (1-based) that are not all blank, per-row optional cells included; a range of the wrong length
 * counts where it has cells (its length is its own fault, reported in its turn).
 */
function keptRows(a: FillColumns, rows: number): number[] {
  const cols = [a.times, a.symbols, a.sides, a.prices, a.quantities].filter((c) => !c.missing);
  const perRow = [a.fees, a.contractSizes, a.positionSides].filter((c) => !c.omitted && c.values.length === rows && rows > 1);
  const kept: number[] = [];
  for (let i = 0; i < rows; i++) {
    let filled = false;
    for (const c of cols) if (i < c.values.length && c.values[i] !== null) filled = true;
    for (const c of perRow) if (c.values[i] !== null) filled = true;
    if (filled) kept.push(i + 1);
  }
  return kept;
}

/** A required range's cells of the kept rows, in order, each handed to `read` with its row and its place. */
function eachRequired(c: Column, field: string, rows: number, kept: readonly number[], read: (v: unknown, row: number, k: number) => void): void {
  if (c.missing) throw new InvalidArgumentError(field, "is required: a range of the fills table");
  if (c.values.length !== rows) throw new InvalidArgumentError(field, `must be the same size as times (${rows} cells), got ${c.values.length} cells`);
  for (let k = 0; k < kept.length; k++) {
    const row = kept[k]!;
    const v = c.values[row - 1];
    if (v === null) throw new InvalidArgumentError(field, `row ${row} is blank, but the row has other values`);
    read(v, row, k);
  }
}

/** An optional range's cells of the kept rows (null for a blank): one value for every row, or one per row. */
function eachOptional(c: Column, field: string, rows: number, kept: readonly number[], read: (v: unknown, row: number) => Num | 0 | 1 | -1): Num[] {
  let at: (row: number) => unknown;
  if (c.omitted) at = () => null;
  else if (c.values.length === 1) {
    const only = c.values[0];
    at = () => only;
  } else if (c.values.length !== rows) {
    throw new InvalidArgumentError(field, `must be one value or one per fill (${rows} rows), got ${c.values.length} cells`);
  } else at = (row) => c.values[row - 1];
  const out: Num[] = new Array<Num>(kept.length);
  for (let k = 0; k < kept.length; k++) out[k] = read(at(kept[k]!), kept[k]!);
  return out;
}

/** The symbols column: each distinct cell read once, into its text and its key (the text, case aside). */
function readSymbols(a: FillColumns, rows: number, kept: readonly number[], f: Fills): Int32Array {
  const read = new Map<unknown, number>();
  const keys = new Map<string, number>();
  const keyOf: number[] = [];
  const keyOfFill = new Int32Array(kept.length);
  eachRequired(a.symbols, "symbols", rows, kept, (v, row, k) => {
    let s = read.get(v);
    if (s === undefined) {
      const text = readSymbol(v, row);
      const key = text.toLowerCase();
      let index = keys.get(key);
      if (index === undefined) keys.set(key, (index = keys.size));
      s = f.symbols.length;
      f.symbols.push(text);
      keyOf.push(index);
      read.set(v, s);
    }
    f.symbol[k] = s;
    keyOfFill[k] = keyOf[s]!;
  });
  return keyOfFill;
}

/**
 * Each fill's position (its symbol's key and, in hedge mode, its side). A symbol's fills are all one-way or all
 * hedge mode: a fault of position_sides, at the first row that differs.
 */
function placePositions(f: Fills, keys: Int32Array, sides: readonly Num[]): void {
  const firstRow = new Map<number, number>();
  const hedged: boolean[] = [];
  for (let k = 0; k < f.n; k++) {
    const key = keys[k]!;
    const side = sides[k] as 0 | 1 | -1;
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, f.row[k]!);
      hedged[key] = side !== 0;
    } else if (hedged[key] !== (side !== 0)) {
      const symbol = f.symbols[f.symbol[k]!]!;
      throw new InvalidArgumentError(
        "position_sides",
        `row ${f.row[k]!} is ${side === 0 ? "one-way (BOTH or blank)" : "hedge mode (LONG or SHORT)"} but ${symbol}'s first fill (row ${first}) is ${hedged[key] ? "hedge mode" : "one-way"}: a symbol's fills are all one or the other`,
      );
    }
    f.position[k] = key * 3 + side + 1;
  }
}

/**
 * The fills of a fills table, in row order, checked; all-blank rows skipped. The ranges are checked one after
 * the other, left to right, each from its first row (catalog, Errors: the leftmost argument's fault first):
 * a required range's presence, length and cells, then each optional range's length and cells.
 */
export function readFills(a: FillColumns): Fills {
  const rows = a.times.values.length;
  const kept = keptRows(a, rows);
  const n = kept.length;
  const f: Fills = {
    n,
    row: Int32Array.from(kept),
    time: new Float64Array(n),
    side: new Int8Array(n),
    position: new Int32Array(n),
    symbol: new Int32Array(n),
    symbols: [],
    price: new Array<Num>(n),
    quantity: new Array<Num>(n),
    fee: [],
    contractSize: [],
  };
  eachRequired(a.times, "times", rows, kept, (v, row, k) => (f.time[k] = readTime(v, row)));
  const keys = readSymbols(a, rows, kept, f);
  // a journal repeats a few side words: each distinct cell value is read once
  const sides = new Map<unknown, 1 | -1>();
  eachRequired(a.sides, "sides", rows, kept, (v, row, k) => {
    let side = sides.get(v);
    if (side === undefined) sides.set(v, (side = readFillSide(v, row)));
    f.side[k] = side;
  });
  eachRequired(a.prices, "prices", rows, kept, (v, row, k) => (f.price[k] = positive(readCellNum(v, "prices", row), "prices", row, "a price")));
  eachRequired(a.quantities, "quantities", rows, kept, (v, row, k) => {
    f.quantity[k] = positive(readCellNum(v, "quantities", row), "quantities", row, "a quantity");
  });
  f.fee = eachOptional(a.fees, "fees", rows, kept, (v, row) => (v === null ? 0 : readCellNum(v, "fees", row)));
  f.contractSize = eachOptional(a.contractSizes, "contract_sizes", rows, kept, (v, row) =>
    v === null ? 1 : positive(readCellNum(v, "contract_sizes", row), "contract_sizes", row, "a contract size"),
  );
  placePositions(f, keys, eachOptional(a.positionSides, "position_sides", rows, kept, readPositionSide));
  return f;
}

/**
 * The fills' indices in time order, fills at the same time in row order (the sort is stable); undefined when
 * the rows are in time order already.
 */
export function timeOrder(f: Fills): number[] | undefined {
  const t = f.time;
  let sorted = true;
  for (let i = 1; i < f.n && sorted; i++) if (t[i]! < t[i - 1]!) sorted = false;
  if (sorted) return undefined;
  const order: number[] = [];
  for (let i = 0; i < f.n; i++) order.push(i);
  return order.sort((x, y) => t[x]! - t[y]!);
}
