import { InvalidArgumentError } from "../spec/errors";
import { cellAt, numbers, readCellNum, readFillSide, readPositionSide, readPositive, readSymbol, setNum, type Column, type Num, type Numbers } from "./cells";
import { readTime } from "./dates";
import { decimals } from "../arith/exact";

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
  price: Numbers;
  quantity: Numbers;
  fee: Numbers;
  contractSize: Numbers;
  /**
   * The most decimals of a price, a quantity and a fee (exact.ts' `decimals`), −1 where one is numeric text or
   * longer than exact doubles take; whether every contract size is a plain number. The exact finisher reads them.
   */
  decimals: { price: number; quantity: number; fee: number };
  plainSizes: boolean;
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
function keptRows(a: FillColumns, rows: number): Int32Array {
  const cols = [a.times, a.symbols, a.sides, a.prices, a.quantities].filter((c) => !c.missing);
  const perRow = [a.fees, a.contractSizes, a.positionSides].filter((c) => !c.omitted && c.length === rows && rows > 1);
  const all = [...cols, ...perRow];
  const kept = new Int32Array(rows);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < all.length; j++) {
      const c = all[j]!;
      if (i < c.length && cellAt(c, i) !== null) {
        kept[n++] = i + 1;
        break;
      }
    }
  }
  return n === rows ? kept : kept.slice(0, n);
}

/** A required range: given, and as long as times. */
function checkRequired(c: Column, field: string, rows: number): void {
  if (c.missing) throw new InvalidArgumentError(field, "is required: a range of the fills table");
  if (c.length !== rows) throw new InvalidArgumentError(field, `must be the same size as times (${rows} cells), got ${c.length} cells`);
}

/** A required range's cell on a kept row: #VALUE! when it is blank. */
function requiredCell(c: Column, field: string, row: number): unknown {
  const v = cellAt(c, row - 1);
  if (v === null) throw new InvalidArgumentError(field, `row ${row} is blank, but the row has other values`);
  return v;
}

/** An optional range: omitted, one value for every row, or one per row. */
function checkOptional(c: Column, field: string, rows: number): void {
  if (!c.omitted && c.length !== 1 && c.length !== rows) {
    throw new InvalidArgumentError(field, `must be one value or one per fill (${rows} rows), got ${c.length} cells`);
  }
}

/** An optional range's cell on a row (null for a blank, or for the whole range omitted). */
function optionalCell(c: Column, row: number): unknown {
  return c.omitted ? null : cellAt(c, c.length === 1 ? 0 : row - 1);
}

/**
 * The symbols column: each distinct cell read once, into its text and its key (the text, case aside); each
 * fill's key is left in `f.position`, for `placePositions`.
 */
function readSymbols(c: Column, rows: number, kept: Int32Array, f: Fills): void {
  checkRequired(c, "symbols", rows);
  const read = new Map<unknown, number>();
  const keys = new Map<string, number>();
  const keyOf: number[] = [];
  for (let k = 0; k < kept.length; k++) {
    const row = kept[k]!;
    const v = requiredCell(c, "symbols", row);
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
    f.position[k] = keyOf[s]!;
  }
}

/** The sides column (the catalog's side words): a journal repeats a few, each distinct cell read once. */
function readSides(c: Column, rows: number, kept: Int32Array, out: Int8Array): void {
  checkRequired(c, "sides", rows);
  const sides = new Map<unknown, 1 | -1>();
  for (let k = 0; k < kept.length; k++) {
    const row = kept[k]!;
    const v = requiredCell(c, "sides", row);
    let side = sides.get(v);
    if (side === undefined) sides.set(v, (side = readFillSide(v, row)));
    out[k] = side;
  }
}

/** The most decimals of a plain number read so far (`most`) and x's, or −1 once one is not such a number. */
function mostDecimals(most: number, x: Num): number {
  if (most < 0) return most;
  const k = typeof x === "number" ? decimals(x) : -1;
  return k > most || k < 0 ? k : most;
}

/** The prices or quantities column: numbers above 0. Their most decimals (`mostDecimals`). */
function readPositives(c: Column, field: string, what: string, rows: number, kept: Int32Array, out: Numbers): number {
  checkRequired(c, field, rows);
  let most = 0;
  for (let k = 0; k < kept.length; k++) {
    const row = kept[k]!;
    const v = requiredCell(c, field, row);
    if (typeof v === "number" && v > 0 && v < Infinity) {
      // a plain number, the common cell: read here, so that it never leaves a double register
      out.values[k] = v;
      if (most >= 0) {
        const d = decimals(v);
        most = d > most || d < 0 ? d : most;
      }
    } else {
      const x = readPositive(v, field, row, what);
      setNum(out, k, x);
      most = mostDecimals(most, x);
    }
  }
  return most;
}

/** The fees column (blank: no fee). Their most decimals (`mostDecimals`). */
function readFees(c: Column, rows: number, kept: Int32Array, out: Numbers): number {
  checkOptional(c, "fees", rows);
  let most = 0;
  for (let k = 0; k < kept.length; k++) {
    const v = optionalCell(c, kept[k]!);
    if (typeof v === "number" && v - v === 0) {
      out.values[k] = v; // a plain number, the common cell, read here
      if (most >= 0) {
        const d = decimals(v);
        most = d > most || d < 0 ? d : most;
      }
    } else {
      const fee = v === null ? 0 : readCellNum(v, "fees", kept[k]!);
      setNum(out, k, fee);
      most = mostDecimals(most, fee);
    }
  }
  return most;
}

/** The contract sizes column (blank: 1). Whether every size is a plain number. */
function readSizes(c: Column, rows: number, kept: Int32Array, out: Numbers): boolean {
  checkOptional(c, "contract_sizes", rows);
  if (c.omitted) {
    out.values.fill(1);
    return true;
  }
  let plain = true;
  for (let k = 0; k < kept.length; k++) {
    const v = optionalCell(c, kept[k]!);
    const size = v === null ? 1 : readPositive(v, "contract_sizes", kept[k]!, "a contract size");
    setNum(out, k, size);
    if (typeof size !== "number") plain = false;
  }
  return plain;
}

/**
 * Each fill's position (its symbol's key and, in hedge mode, its side). A symbol's fills are all one-way or all
 * hedge mode: a fault of position_sides, at the first row that differs.
 */
function placePositions(f: Fills, sides: Int8Array | undefined): void {
  const firstRow: number[] = []; // by key: the row of the symbol's first fill
  const hedged: boolean[] = [];
  for (let k = 0; k < f.n; k++) {
    const key = f.position[k]!; // the symbol's key (readSymbols)
    const side = (sides === undefined ? 0 : sides[k]) as 0 | 1 | -1;
    const first = firstRow[key];
    if (first === undefined) {
      firstRow[key] = f.row[k]!;
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
  const rows = a.times.length;
  const kept = keptRows(a, rows);
  const n = kept.length;
  const f: Fills = {
    n,
    row: kept,
    time: new Float64Array(n),
    side: new Int8Array(n),
    position: new Int32Array(n),
    symbol: new Int32Array(n),
    symbols: [],
    price: numbers(n),
    quantity: numbers(n),
    fee: numbers(n),
    contractSize: numbers(n),
    decimals: { price: 0, quantity: 0, fee: 0 },
    plainSizes: true,
  };
  checkRequired(a.times, "times", rows);
  for (let k = 0; k < n; k++) {
    const v = requiredCell(a.times, "times", kept[k]!);
    f.time[k] = typeof v === "number" && v - v === 0 ? v : readTime(v, kept[k]!); // a serial, the common cell, read here
  }
  readSymbols(a.symbols, rows, kept, f);
  readSides(a.sides, rows, kept, f.side);
  f.decimals.price = readPositives(a.prices, "prices", "a price", rows, kept, f.price);
  f.decimals.quantity = readPositives(a.quantities, "quantities", "a quantity", rows, kept, f.quantity);
  f.decimals.fee = readFees(a.fees, rows, kept, f.fee);
  f.plainSizes = readSizes(a.contractSizes, rows, kept, f.contractSize);
  checkOptional(a.positionSides, "position_sides", rows);
  let sides: Int8Array | undefined; // all one-way when the range is omitted
  if (!a.positionSides.omitted) {
    sides = new Int8Array(n);
    for (let k = 0; k < n; k++) sides[k] = readPositionSide(optionalCell(a.positionSides, kept[k]!), kept[k]!);
  }
  placePositions(f, sides);
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
