import { D, Dec, ZERO } from "./decimal";
import { DomainError, InvalidArgumentError, NotAvailableError } from "./errors";

/**
 * Readers turn one raw worksheet value (a number, text, a boolean, a blank, or a 2-D array from a
 * range) into an engine value, or throw a typed error naming the argument. They are the only place
 * where the catalog's input conventions live.
 */

/** A blank cell, an omitted argument, empty text, or a 1×1 range holding one of those. */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === "string") return raw.trim() === "";
  if (Array.isArray(raw)) return raw.length === 0 || (raw.length === 1 && isBlank(raw[0]));
  return false;
}

/** Shows a raw value in a message the way a trader typed it. */
export function describe(raw: unknown): string {
  if (typeof raw === "string") return JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + "…" : raw);
  if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
  if (typeof raw === "number") return Number.isNaN(raw) ? "NaN" : String(raw);
  if (Array.isArray(raw)) return `a range of ${raw.length}×${Array.isArray(raw[0]) ? raw[0].length : 1}`;
  if (raw === null || raw === undefined) return "a blank";
  return "an error value";
}

/** A 1×1 range is its one value; a larger one where a single value belongs is #VALUE!. */
export function scalar(raw: unknown, field: string): unknown {
  if (!Array.isArray(raw)) return raw;
  const flat = (raw as unknown[]).flatMap((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0];
  throw new InvalidArgumentError(field, `expected a single value, got ${describe(raw)}`);
}

// Plain decimal numbers, optionally with thousands separators and a trailing percent sign, as
// Excel reads numeric text ("1,000", " 0.5 ", "2%").
const NUMERIC_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:[eE][+-]?\d+)?$/;

/** Reads numeric text into a Decimal, or returns undefined when the text is not a number. */
export function parseNumericText(text: string): Dec | undefined {
  let t = text.trim();
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  if (t === "" || !NUMERIC_TEXT.test(t) || !/\d/.test(t.replace(/[eE][+-]?\d+$/, ""))) return undefined;
  const d = new D(t.replace(/,/g, ""));
  return percent ? d.div(100) : d;
}

// Decimals are immutable, so the same cell value read again (a leverage, a rate, a price shared by a
// whole journal column) can share one: reading a non-integer costs a decimal parse, a hit costs a lookup.
const READ_CACHE = new Map<number, Dec>();
const READ_CACHE_SIZE = 4096;

/** A JS number through its shortest decimal text, so 0.1 is exactly one tenth. */
export function fromNumber(n: number, field: string): Dec {
  let d = READ_CACHE.get(n);
  if (d !== undefined) return d;
  if (!Number.isFinite(n)) throw new DomainError(field, `expected a finite number, got ${describe(n)}`);
  d = new D(n === 0 ? 0 : n);
  if (READ_CACHE.size >= READ_CACHE_SIZE) READ_CACHE.clear();
  READ_CACHE.set(n, d);
  return d;
}

/** A number, or numeric text; anything else is #VALUE!. The caller has already handled blanks. */
export function readNumber(raw: unknown, field: string): Dec {
  const v = scalar(raw, field);
  if (typeof v === "number") return fromNumber(v, field);
  if (typeof v === "string") {
    const d = parseNumericText(v);
    if (d !== undefined) return d;
  }
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) {
    throw new InvalidArgumentError(field, "is required");
  }
  throw new InvalidArgumentError(field, `expected a number, got ${describe(v)}`);
}

/** +1 for long, −1 for short. */
export type Side = 1 | -1;

/**
 * The catalog's one side vocabulary, for every function (fills tables included): long/short, buy/sell, l/s,
 * b (buy), case-insensitive and trimmed, and the numbers 1/−1, also as text. Every reader of a side, the fast
 * paths' included, asks `sideOf`. (A Map: a word every object has, such as "constructor", is no side.)
 */
const SIDE_WORDS = new Map<string, Side>([
  ["long", 1],
  ["buy", 1],
  ["l", 1],
  ["b", 1],
  ["short", -1],
  ["sell", -1],
  ["s", -1],
]);

/** The side a cell value names, or undefined when it names none. */
export function sideOf(v: unknown): Side | undefined {
  if (v === 1 || v === -1) return v;
  if (typeof v !== "string") return undefined;
  const word = SIDE_WORDS.get(v.trim().toLowerCase());
  if (word !== undefined) return word;
  const n = parseNumericText(v);
  return n !== undefined && n.abs().eq(1) ? (n.isPositive() ? 1 : -1) : undefined;
}

export function readSide(raw: unknown, field: string): Side {
  const v = scalar(raw, field);
  const side = sideOf(v);
  if (side !== undefined) return side;
  if (isBlank(v)) throw new InvalidArgumentError(field, 'is required: "long" or "short"');
  throw new InvalidArgumentError(field, `expected "long" or "short", got ${describe(v)}`);
}

const RATIO = /^([0-9.]+)\s*:\s*([0-9.]+)$/;
const TIMES = /^([0-9.]+)\s*[x×]$|^[x×]\s*([0-9.]+)$/i;

/**
 * The leverage grammar, the one every reader of a leverage uses (the Decimal path's and the fast kernels'):
 * text "20", "20x", "x20", "1:20" or "20:1". A ratio is the larger side over the smaller, since traders write it
 * both ways ("1:50" and "50:1" are both 50x); a ratio with a side of 0 is 0. Undefined for text that is none of
 * these; the caller checks the value is above 0.
 */
export function leverageOfText(text: string): Dec | undefined {
  const t = text.trim();
  const ratio = RATIO.exec(t);
  if (ratio) {
    const a = parseNumericText(ratio[1]!);
    const b = parseNumericText(ratio[2]!);
    if (a === undefined || b === undefined) return undefined;
    if (a.isZero() || b.isZero()) return ZERO;
    return a.gt(b) ? a.div(b) : b.div(a);
  }
  const times = TIMES.exec(t);
  return parseNumericText(times ? (times[1] ?? times[2]!) : t);
}

/** Leverage: a positive number, or text in the leverage grammar (`leverageOfText`). */
export function readLeverage(raw: unknown, field: string): Dec {
  const v = scalar(raw, field);
  const lev = typeof v === "number" ? fromNumber(v, field) : typeof v === "string" ? leverageOfText(v) : undefined;
  if (lev === undefined) {
    if (isBlank(v)) throw new InvalidArgumentError(field, 'is required: a number such as 20, or "20x" or "1:20"');
    throw new InvalidArgumentError(field, `expected a number such as 20, or "20x" or "1:20", got ${describe(v)}`);
  }
  if (lev.lte(0)) throw new DomainError(field, `must be greater than 0, got ${describe(v)}`);
  return lev;
}

/** TRUE/FALSE, 1/0, or the text "true"/"false". */
export function readBoolean(raw: unknown, field: string): boolean {
  const v = scalar(raw, field);
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v !== 0;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (t === "true" || t === "1") return true;
    if (t === "false" || t === "0") return false;
  }
  throw new InvalidArgumentError(field, `expected TRUE or FALSE, got ${describe(v)}`);
}

/** Non-blank text, trimmed. Numbers are accepted as their text (a cell may hold a region code 1). */
export function readText(raw: unknown, field: string): string {
  const v = scalar(raw, field);
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (isBlank(v)) throw new InvalidArgumentError(field, "is required");
  throw new InvalidArgumentError(field, `expected text, got ${describe(v)}`);
}

/**
 * One option word from a fixed list, case-insensitive; aliases map to their canonical word. With `table`,
 * the words are a reference table's keys: other text is #N/A (the table has no figure for it).
 */
export function readOption<T extends string>(
  raw: unknown,
  field: string,
  words: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
  table = false,
): T {
  const v = scalar(raw, field);
  const hit = optionWord(v, words, aliases);
  if (hit !== undefined) return hit;
  const list = words.map((w) => `"${w}"`).join(", ");
  if (isBlank(v)) throw new InvalidArgumentError(field, `is required: one of ${list}`);
  if (table && typeof v === "string") throw new NotAvailableError(field, `no figure for ${describe(v)} in LEV's table`);
  throw new InvalidArgumentError(field, `expected one of ${list}, got ${describe(v)}`);
}

/** The option word a value names (case-insensitive and trimmed; an alias names its word), or undefined. */
export function optionWord<T extends string>(v: unknown, words: readonly T[], aliases: Readonly<Record<string, T>>): T | undefined {
  if (typeof v !== "string") return undefined;
  for (let i = 0; i < words.length; i++) if (words[i] === v) return words[i]; // as written: no copy made
  const t = v.trim().toLowerCase();
  const alias = aliases[t]; // a word every object has ("constructor") is no alias: only text is
  return words.find((w) => w.toLowerCase() === t) ?? (typeof alias === "string" ? alias : undefined);
}

/** The cells of a range (or a single value), row by row, with their 1-based positions. */
export interface Cell {
  value: unknown;
  row: number;
  col: number;
  /** 1-based index in reading order (row by row). */
  index: number;
}

export function cellsOf(raw: unknown): Cell[] {
  if (!Array.isArray(raw)) return isBlank(raw) ? [] : [{ value: raw, row: 1, col: 1, index: 1 }];
  const out: Cell[] = [];
  let index = 0;
  raw.forEach((r: unknown, i) => {
    const row = Array.isArray(r) ? r : [r];
    row.forEach((value: unknown, j) => {
      index++;
      if (!isBlank(value)) out.push({ value, row: i + 1, col: j + 1, index });
    });
  });
  return out;
}

/** Where a cell sits in a range, in words. */
export function at(cell: Cell): string {
  return `cell ${cell.index} (row ${cell.row}, column ${cell.col})`;
}

/**
 * The leverages of a range, blanks skipped, each read as a leverage argument is ("20", "20x", "1:20");
 * a cell that is not one is that reader's error, its message naming the position.
 */
export function readLeverages(raw: unknown, field: string): Dec[] {
  return cellsOf(raw).map((cell) => {
    try {
      return readLeverage(cell.value, field);
    } catch (e) {
      (e as Error).message = `${field}: ${at(cell)} ${(e as Error).message.slice(field.length + 2)}`;
      throw e;
    }
  });
}

/**
 * The numbers of a range, blanks skipped. Numeric text is read as a number; other text, booleans
 * and error values are #VALUE! naming the range and the position; `check` sees each number where it is.
 */
export function readNumbers(raw: unknown, field: string, check?: (d: Dec, where: string) => void): Dec[] {
  return cellsOf(raw).map((cell) => {
    const v = cell.value;
    let d: Dec | undefined;
    if (typeof v === "number") d = fromNumber(v, `${field} ${at(cell)}`);
    else if (typeof v === "string") d = parseNumericText(v);
    if (d === undefined) throw new InvalidArgumentError(field, `${at(cell)} should be a number, got ${describe(v)}`);
    check?.(d, at(cell));
    return d;
  });
}

