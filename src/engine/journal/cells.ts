import { D, Dec } from "../spec/decimal";
import { DomainError, InvalidArgumentError } from "../spec/errors";
import { describe, fromNumber, isBlank, parseNumericText, sideOf } from "../spec/read";
import type { Bounds, CellKind, Param } from "../spec/params";

/**
 * Reading the journal's cells: the one blank rule, ranges as columns of cells, numbers, symbols and sides (the
 * catalog's side words, `sideOf`), and the hedge-mode position side. Every journal reader, Decimal or fast,
 * reads its cells through these.
 */

// Globals read once at load: a runtime without a page routes every global lookup through its context.
const isArr = Array.isArray;
const isFiniteNumber = Number.isFinite;

/** A cell's number: a plain JS number as the cell held it, or the Decimal its numeric text was read as. */
export type Num = number | Dec;

/**
 * A column of cell numbers: each cell's plain number where it held one (kept in a typed array), NaN where it
 * held numeric text, whose Decimal is then in `text` (no cell number is NaN: a cell must be finite).
 */
export interface Numbers {
  readonly values: Float64Array;
  text: Dec[] | undefined;
}

export function numbers(n: number): Numbers {
  return { values: new Float64Array(n), text: undefined };
}

/** Cell i of a column of numbers, as the cell held it. */
export function numAt(c: Numbers, i: number): Num {
  const v = c.values[i]!;
  return v === v ? v : c.text![i]!;
}

/** Sets cell i of a column of numbers. */
export function setNum(c: Numbers, i: number, x: Num): void {
  if (typeof x === "number") c.values[i] = x;
  else {
    c.values[i] = NaN;
    (c.text ??= [])[i] = x;
  }
}

/**
 * A range argument as its cells in reading order (row by row), blanks as null (`cellAt`); a single value is one
 * cell. A one-column range is read where it is (`rows`), any other is flattened once (`cells`).
 */
export interface Column {
  /** The number of cells. */
  readonly length: number;
  readonly rows: readonly (readonly unknown[])[] | undefined;
  readonly cells: readonly unknown[] | undefined;
  /** The argument was omitted or is a single blank cell. */
  readonly omitted: boolean;
  /** The argument was not given at all (no range, no value). */
  readonly missing: boolean;
}

/** The journal's one blank rule for a cell: empty, or text of spaces only (the catalog's `isBlank`). */
export function blankCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // most text cells start with a visible character: no trimmed copy is made for them
  return v.length === 0 || (v.charCodeAt(0) <= 32 && isBlank(v));
}

/** A range's cells in reading order (row by row), blanks as null; a single value is one cell, as it is. */
export function flatten(raw: unknown): unknown[] {
  if (!isArr(raw)) return [raw];
  const out: unknown[] = [];
  for (const r of raw as unknown[]) {
    if (isArr(r)) for (const v of r as unknown[]) out.push(blankCell(v) ? null : v);
    else out.push(blankCell(r) ? null : r);
  }
  return out;
}

/** Whether a range is one column: rows of one cell each (no copy of its cells is then made). */
function oneColumn(raw: unknown[]): raw is [unknown][] {
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (!isArr(r) || r.length !== 1) return false;
  }
  return true;
}

/** A worksheet argument as a column of cells, read where they are when the range is one column. */
export function columnOf(raw: unknown): Column {
  const omitted = isBlank(raw);
  const missing = raw === null || raw === undefined;
  if (isArr(raw) && oneColumn(raw)) return { length: raw.length, rows: raw, cells: undefined, omitted, missing };
  const cells = flatten(raw);
  return { length: cells.length, rows: undefined, cells, omitted, missing };
}

/** Cell i of a column (0-based, reading order), null for a blank. */
export function cellAt(c: Column, i: number): unknown {
  const rows = c.rows;
  if (rows === undefined) return c.cells![i];
  const v = rows[i]![0];
  return blankCell(v) ? null : v;
}

/** A number cell above 0 (a price, a quantity, a contract size). */
export function readPositive(v: unknown, field: string, row: number, what: string): Num {
  return positive(readCellNum(v, field, row), field, row, what);
}

/** A range taken as it is: its cells (of the kind `cell` says) are read by the function, which knows the table. */
export function column(cell: CellKind, bounds?: Bounds): Param<Column, Column> {
  // the fast kernel takes the same column (its cells are screened as the fills are read)
  return { kind: "numbers", optional: false, range: true, cell: { kind: cell, bounds }, read: columnOf, plain: columnOf };
}

/** An optional range: omitted, one value for every row, or one per row. */
export function optionalColumn(cell: CellKind, bounds?: Bounds): Param<Column, Column> {
  return { ...column(cell, bounds), optional: true };
}

export function decOf(x: Num, field: string): Dec {
  return typeof x === "number" ? fromNumber(x, field) : x;
}

/** m/10^k as a Decimal: a shift of the decimal point, exact (m is a safe integer, so its text is all its digits). */
export function scaled(m: number, k: number): Dec {
  return k === 0 ? new D(m) : new D(`${m}e-${k}`);
}

/** Whether two cell numbers are the same value (plain numbers compared as they are, else as Decimals). */
export function sameNum(a: Num, b: Num, field: string): boolean {
  return typeof a === "number" && typeof b === "number" ? a === b : decOf(a, field).eq(decOf(b, field));
}

/** A result cell as the boundary shows it (a Decimal through toNumber, never −0), or NaN when not finite. */
export function shown(x: Num): number {
  const n = typeof x === "number" ? x : x.toNumber();
  return n - n === 0 ? (n === 0 ? 0 : n) : NaN;
}

/** A number cell as it is (no Decimal made for a plain number), or numeric text as a Decimal. */
export function readCellNum(v: unknown, field: string, row: number): Num {
  if (typeof v === "number") {
    if (!isFiniteNumber(v)) throw new DomainError(field, `row ${row} should be a finite number, got ${describe(v)}`);
    return v;
  }
  if (typeof v === "string") {
    const d = parseNumericText(v);
    if (d !== undefined) return d;
  }
  throw new InvalidArgumentError(field, `row ${row} should be a number, got ${describe(v)}`);
}

export function readCellNumber(v: unknown, field: string, row: number): Dec {
  return decOf(readCellNum(v, field, row), field);
}

export function positive(d: Num, field: string, row: number, what: string): Num {
  const ok = typeof d === "number" ? d > 0 : d.s === 1 && !d.isZero();
  if (!ok) throw new DomainError(field, `row ${row}: ${what} must be greater than 0, got ${d.toString()}`);
  return d;
}

export function readSymbol(v: unknown, row: number): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && isFiniteNumber(v)) return String(v);
  throw new InvalidArgumentError("symbols", `row ${row} should be a symbol such as BTCUSDT, got ${describe(v)}`);
}

/** A fill's side in the catalog's words (`sideOf`). */
export function readFillSide(v: unknown, row: number): 1 | -1 {
  const side = sideOf(v);
  if (side !== undefined) return side;
  throw new InvalidArgumentError("sides", `row ${row} should be "buy" or "sell" (or "long"/"short", "b", "l"/"s", 1/-1), got ${describe(v)}`);
}

/** A hedge-mode position side: LONG, SHORT, or BOTH for one-way (any case). */
const POSITION_SIDES = new Map<string, 0 | 1 | -1>([
  ["", 0],
  ["both", 0],
  ["long", 1],
  ["short", -1],
]);

/** 0 for a one-way fill (blank or BOTH), 1 for the LONG position, −1 for the SHORT one (hedge mode). */
export function readPositionSide(v: unknown, row: number): 0 | 1 | -1 {
  if (v === null) return 0;
  const p = typeof v === "string" ? POSITION_SIDES.get(v.trim().toLowerCase()) : undefined;
  if (p !== undefined) return p;
  throw new InvalidArgumentError("position_sides", `row ${row} should be LONG, SHORT or BOTH (blank for one-way), got ${describe(v)}`);
}
