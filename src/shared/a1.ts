/**
 * A1 addresses, the one set the task pane, the playground and the workbook adapters read and write them
 * with: column letters, cells, ranges, and ranges on a named sheet as a trader types them.
 *
 * An address is what Excel accepts: 1 to 3 column letters up to XFD (16,384 columns), a row from 1 to
 * 1,048,576, `$` signs anywhere they fix a part. A range is kept with its top-left cell first, whichever
 * corners were typed ("D10:A1" is A1:D10, as Excel rewrites it).
 */

/** Excel's sheet size ("Excel specifications and limits"): 1,048,576 rows by 16,384 columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A cell, 0-based. */
export interface Cell {
  row: number;
  col: number;
}

/** A rectangle of cells, 0-based and inclusive, top-left first. */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B4" for 0-based row 3, column 1. */
export function cellName(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** The cell an A1 address names ("B4", "$b$4" → {row: 3, col: 1}), or undefined when the text is not one. */
export function asCell(a1: string): Cell | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(a1.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return undefined;
  return { row: row - 1, col: col - 1 };
}

/** The rectangle an A1 range or single cell names, top-left first; undefined when the text is not one. */
export function asRange(a1: string): Box | undefined {
  const parts = a1.split(":");
  if (parts.length > 2) return undefined;
  const start = asCell(parts[0]!);
  const end = parts.length === 2 ? asCell(parts[1]!) : start;
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** `asCell` for an address LEV wrote itself (a plan's cells): one that is not an address is a bug, and throws. */
export function parseCell(a1: string): Cell {
  const c = asCell(a1);
  if (!c) throw new Error(`not a cell address: ${a1}`);
  return c;
}

/** `asRange` for a range LEV wrote itself: one that is not a range is a bug, and throws. */
export function parseRange(a1: string): Box {
  const r = asRange(a1);
  if (!r) throw new Error(`not a range address: ${a1}`);
  return r;
}

/** "A1:D10" for a rectangle; a single cell stays a cell ("B2"). */
export function rangeName(box: Box): string {
  const first = cellName(box.top, box.left);
  return box.top === box.bottom && box.left === box.right ? first : `${first}:${cellName(box.bottom, box.right)}`;
}

/** How many cells a range covers ("A1:D10": 40), or undefined when the text is not a range. */
export function rangeCells(range: string): number | undefined {
  const r = asRange(range);
  return r && (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

// ─── Ranges on other sheets ──────────────────────────────────────────────────────────────────────────

/** A range on a named sheet, as a trader types it: `Sheet1!A1:D10`, `'My tiers'!$A$2:$D$12`. */
export interface SheetRange {
  sheet: string;
  /** Normalised: upper case, no `$`, top-left first ("A1:D10"); a single cell stays a cell ("B2"). */
  range: string;
}

/**
 * Reads `Sheet!A1:D10` (sheet quoted with '' when it has spaces; `$` signs allowed). Undefined when the
 * text is not of that form. The range is normalised so its top-left cell comes first.
 */
export function parseSheetRange(text: string): SheetRange | undefined {
  const m = /^\s*(?:'((?:[^']|'')+)'|([^'!:\\/?*[\]]+))!(\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?)\s*$/.exec(text);
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!.trim();
  const box = asRange(m[3]!);
  if (sheet === "" || !box) return undefined;
  return { sheet, range: rangeName(box) };
}

/** A range on another sheet as a formula refers to it, fixed: `'Sheet1'!$A$1:$D$10`. */
export function sheetReference(r: SheetRange): string {
  const fixed = r.range
    .split(":")
    .map((c) => c.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2"))
    .join(":");
  return `'${r.sheet.replace(/'/g, "''")}'!${fixed}`;
}

/** A range on another sheet as a trader reads it: `Sheet1!A1:D10`, quoting the sheet only when needed. */
export function sheetRangeText(r: SheetRange): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(r.sheet) && !/^[A-Za-z]{1,3}\d+$/.test(r.sheet);
  return `${plain ? r.sheet : `'${r.sheet.replace(/'/g, "''")}'`}!${r.range}`;
}
