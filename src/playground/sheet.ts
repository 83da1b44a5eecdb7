import type { HyperFormula, RawCellContent } from "hyperformula";
import type { ChartPlan, ConditionalFormat, WritePlan } from "../shared/workbook";
import { asRange } from "../shared/a1";

/*
 * What a sheet holds beside its cells, which HyperFormula does not keep: number formats, cell styles
 * (bold headings, input cells), column widths, Excel tables, conditional formats and charts. The grid
 * shows them, the .xlsx files save and read them, and a write plan from the task pane fills them.
 */

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface CellStyle {
  /** Fill colour, "#RRGGBB". */
  fill?: string;
  /** Font colour, "#RRGGBB". */
  font?: string;
  bold?: boolean;
}

export interface TableMeta {
  name: string;
  /** The whole table with its header row, "A41:I60". */
  range: string;
  style: string;
}

export interface SheetMeta {
  /** Number formats over rectangles; the last one over a cell wins. */
  formats: { rect: Rect; format: string }[];
  styles: { rect: Rect; style: CellStyle }[];
  /** Column widths in pixels. */
  widths: Record<number, number>;
  /** The width of the other columns, when it is not DEFAULT_COLUMN_WIDTH (a sheet from Excel: 64 pixels). */
  defaultWidth?: number;
  tables: TableMeta[];
  conditional: ConditionalFormat[];
  charts: ChartPlan[];
}

/** Sheet name → what it holds beside its cells. */
export type WorkbookMeta = Record<string, SheetMeta>;

export function emptyMeta(): SheetMeta {
  return { formats: [], styles: [], widths: {}, tables: [], conditional: [], charts: [] };
}

/** A column's width in pixels until it is given one, in the grid and in a saved file's sheets. */
export const DEFAULT_COLUMN_WIDTH = 104;

export const INPUT_STYLE: CellStyle = { fill: "#FFF2CC", font: "#1F4E79" };

/** Excel's points to screen pixels (96 dpi). */
export const pointsToPixels = (pt: number) => Math.round((pt * 4) / 3);

export function rect(range: string): Rect {
  const r = asRange(range);
  if (!r) throw new Error(`not a range: ${range}`);
  return r;
}

export const inside = (r: Rect, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

export function formatAt(meta: SheetMeta | undefined, row: number, col: number): string | undefined {
  if (!meta) return undefined;
  for (let i = meta.formats.length - 1; i >= 0; i--) {
    const f = meta.formats[i]!;
    if (inside(f.rect, row, col)) return f.format;
  }
  return undefined;
}

/** The style of a cell: the styles over it, later ones over earlier ones. */
export function styleAt(meta: SheetMeta | undefined, row: number, col: number): CellStyle | undefined {
  if (!meta) return undefined;
  let out: CellStyle | undefined;
  for (const s of meta.styles) if (inside(s.rect, row, col)) out = { ...out, ...s.style };
  return out;
}

/** A sheet's meta from column formats and widths (the sample workbook's form). */
export function columnMeta(formats: Record<number, string> = {}, widths: Record<number, number> = {}): SheetMeta {
  const meta = emptyMeta();
  for (const [c, format] of Object.entries(formats)) {
    meta.formats.push({ rect: { top: 0, left: Number(c), bottom: 1048575, right: Number(c) }, format });
  }
  meta.widths = { ...widths };
  return meta;
}

/** What a write plan asks of the new sheet beside its cells (its table named `tableName`, its further tables `extraNames`). */
export function metaFromPlan(plan: WritePlan, tableName: string, extraNames: readonly string[] = []): SheetMeta {
  const meta = emptyMeta();
  for (const f of plan.formats) meta.formats.push({ rect: rect(f.range), format: f.format });
  for (const b of plan.bold) meta.styles.push({ rect: rect(b), style: { bold: true } });
  if (plan.inputRange) meta.styles.push({ rect: rect(plan.inputRange), style: INPUT_STYLE });
  plan.columnWidths.forEach((w, i) => {
    meta.widths[i] = pointsToPixels(w);
  });
  if (plan.table) meta.tables.push({ name: tableName, range: plan.table.range, style: plan.table.style });
  (plan.extraTables ?? []).forEach((t, i) => meta.tables.push({ name: extraNames[i] ?? t.name ?? `Table${i + 2}`, range: t.range, style: t.style }));
  meta.conditional = plan.conditionalFormats.map((c) => ({ ...c }));
  if (plan.chart) meta.charts.push(structuredClone(plan.chart));
  return meta;
}

/** A table name not yet used in the workbook: Excel's table names are workbook-wide. */
export function freeTableName(base: string, meta: WorkbookMeta): string {
  const used = new Set(Object.values(meta).flatMap((m) => m.tables.map((t) => t.name.toLowerCase())));
  for (let i = 1; ; i++) {
    const name = `${base}${i}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/**
 * A formula written for the top-left cell of a range, moved to the cell `rows` down and `cols` across:
 * relative references move, $-fixed parts stay (as Excel reads a conditional format's rule). Text in
 * quotes is left alone.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return formula.replace(/("(?:[^"]|"")*")|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])/g, (m, str, colAbs, letters, rowAbs, digits, offset, whole) => {
    if (str) return m;
    const prev = (whole as string)[(offset as number) - 1];
    if (prev && /[\w.]/.test(prev)) return m; // part of a name
    let col = 0;
    for (const ch of letters as string) col = col * 26 + (ch.charCodeAt(0) - 64);
    col -= 1;
    const newCol = colAbs ? col : col + cols;
    const newRow = rowAbs ? Number(digits) : Number(digits) + rows;
    let name = "";
    for (let c = newCol + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
    return `${colAbs}${name}${rowAbs}${newRow}`;
  });
}

/**
 * Excel's AutoExpansion: a value typed in the row directly below a table, within its columns, makes that row
 * part of the table. The table's range grows by the row; number formats that reach the table's last row reach
 * the new one too (banding follows from the range). Returns the table that grew, with its range before, or
 * undefined when the cell is not directly below a table.
 */
export function growTableAt(meta: SheetMeta | undefined, row: number, col: number, lastRow = row, lastCol = col): { table: TableMeta; before: Rect } | undefined {
  if (!meta) return undefined;
  for (const t of meta.tables) {
    const r = rect(t.range);
    if (row !== r.bottom + 1 || lastCol < r.left || col > r.right) continue;
    for (const f of meta.formats) {
      const x = f.rect;
      if (x.bottom === r.bottom && x.top > r.top && x.left <= r.right && x.right >= r.left) f.rect = { ...x, bottom: lastRow };
    }
    t.range = `${rangeName({ ...r, bottom: lastRow })}`;
    return { table: t, before: r };
  }
  return undefined;
}

export function rangeName(r: Rect): string {
  const name = (row: number, col: number) => {
    let s = "";
    for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    return `${s}${row + 1}`;
  };
  return `${name(r.top, r.left)}:${name(r.bottom, r.right)}`;
}

/**
 * A formula's references to a table's column data (`$A$7:$A$15`, as a structured reference `Table[Time]` is
 * written in the playground) moved to the table's new last row, so that the formula reads the grown table.
 * Other references are left alone. `before` is the table's range with its header row.
 */
export function growColumnRefs(formula: string, before: Rect, newBottom: number): string {
  const colOf = (letters: string) => {
    let c = 0;
    for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return c - 1;
  };
  return formula.replace(/("(?:[^"]|"")*")|(\$?)([A-Z]{1,3})(\$?)(\d+):(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])/gi, (m, str, ca, c1, ra, r1, cb, c2, rb, r2, offset, whole) => {
    if (str) return m;
    const prev = (whole as string)[(offset as number) - 1];
    if (prev && /[\w.]/.test(prev)) return m;
    const col = colOf(c1 as string);
    if (col !== colOf(c2 as string) || col < before.left || col > before.right) return m;
    if (Number(r1) !== before.top + 2 || Number(r2) !== before.bottom + 1) return m;
    return `${ca}${c1}${ra}${r1}:${cb}${c2}${rb}${newBottom + 1}`;
  });
}

/**
 * Writes what a trader typed into one cell, as Excel does beside a table: typed directly below a table, the row
 * joins the table (its formats, its banding) and every formula of the sheet that reads the table's columns is
 * moved to read the new row too, in one recalculation. When HyperFormula refuses the write, the table is put
 * back as it was and the error is thrown on.
 */
export function writeTyped(hf: HyperFormula, meta: SheetMeta | undefined, sheet: number, row: number, col: number, content: RawCellContent): void {
  writeBlock(hf, meta, sheet, row, col, [[content]]);
}

/**
 * Writes a block of cells (a paste, a fill) in one batch, so that it is one step to undo and one recalculation.
 * A block that starts in the row under a table, within its columns, grows the table to the block's last row
 * (Excel's AutoExpansion, as pasting fills under a journal does), and the formulas over the table's columns
 * follow it.
 */
export function writeBlock(hf: HyperFormula, meta: SheetMeta | undefined, sheet: number, top: number, left: number, rows: RawCellContent[][]): void {
  const tables = meta?.tables.map((t) => t.range);
  const formats = meta?.formats.map((f) => f.rect);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const filled = rows.some((r) => r.some((c) => c !== null && c !== "" && c !== undefined));
  const grown = filled ? growTableAt(meta, top, left, top + rows.length - 1, left + width - 1) : undefined;
  try {
    // The formulas over the table's columns, read before the block is written (the sheet is smaller then, and
    // the block's own cells are not among them); the block's cells are not moved.
    const bottom = top + rows.length - 1;
    const moves: { row: number; col: number; formula: string }[] = [];
    if (grown) {
      hf.getSheetFormulas(sheet).forEach((line, r) =>
        line.forEach((f, c) => {
          if (!f || (r >= top && r <= bottom && c >= left && c < left + width)) return;
          const moved = growColumnRefs(f, grown.before, bottom);
          if (moved !== f) moves.push({ row: r, col: c, formula: moved });
        }),
      );
    }
    hf.batch(() => {
      hf.setCellContents({ sheet, row: top, col: left }, rows);
      for (const m of moves) hf.setCellContents({ sheet, row: m.row, col: m.col }, [[m.formula]]);
    });
  } catch (e) {
    if (grown && meta && tables && formats) {
      meta.tables.forEach((t, i) => (t.range = tables[i]!));
      meta.formats.forEach((f, i) => (f.rect = formats[i]!));
    }
    throw e;
  }
}

const MAX_ROW = 1_048_575;

/** A span [a, b] after `n` rows or columns are inserted at `at` (n > 0) or deleted from `at` (n < 0); undefined when deleted whole. */
function shiftSpan(a: number, b: number, at: number, n: number, max: number): [number, number] | undefined {
  if (n > 0) {
    if (a >= at) return [Math.min(max, a + n), Math.min(max, b + n)];
    if (b >= at) return [a, Math.min(max, b + n)];
    return [a, b];
  }
  const del = -n;
  const end = at + del - 1;
  if (b < at) return [a, b];
  if (a > end) return [a - del, b - del];
  const na = a < at ? a : at;
  const nb = b > end ? b - del : at - 1;
  return nb < na ? undefined : [na, nb];
}

/**
 * What a sheet holds beside its cells, moved as Excel moves it when rows or columns are inserted (n > 0) at
 * `at` or deleted (n < 0) from it: formats, styles, tables, conditional formats and charts shift, grow or shrink
 * with their cells, and go when all their cells go; column widths move with their columns.
 */
export function shiftMeta(meta: SheetMeta, axis: "rows" | "cols", at: number, n: number): void {
  const max = axis === "rows" ? MAX_ROW : 16_383;
  const moveRect = (r: Rect): Rect | undefined => {
    const s = axis === "rows" ? shiftSpan(r.top, r.bottom, at, n, max) : shiftSpan(r.left, r.right, at, n, max);
    if (!s) return undefined;
    return axis === "rows" ? { ...r, top: s[0], bottom: s[1] } : { ...r, left: s[0], right: s[1] };
  };
  const moveRange = (range: string): string | undefined => {
    const r = moveRect(rect(range));
    return r && rangeName(r);
  };
  meta.formats = meta.formats.flatMap((f) => {
    const r = moveRect(f.rect);
    return r ? [{ ...f, rect: r }] : [];
  });
  meta.styles = meta.styles.flatMap((f) => {
    const r = moveRect(f.rect);
    return r ? [{ ...f, rect: r }] : [];
  });
  meta.tables = meta.tables.flatMap((t) => {
    const range = moveRange(t.range);
    return range ? [{ ...t, range }] : [];
  });
  meta.conditional = meta.conditional.flatMap((c) => {
    const range = moveRange(c.range);
    return range ? [{ ...c, range }] : [];
  });
  meta.charts = meta.charts.flatMap((c) => {
    const anchor = moveRange(c.anchor);
    if (!anchor) return [];
    const series = c.series.map((x) => ({ ...x, x: moveRange(x.x) ?? x.x, y: moveRange(x.y) ?? x.y }));
    return [{ ...c, anchor, series }];
  });
  if (axis === "cols") {
    const widths: Record<number, number> = {};
    for (const [k, w] of Object.entries(meta.widths)) {
      const s = shiftSpan(Number(k), Number(k), at, n, max);
      if (s) widths[s[0]] = w;
    }
    meta.widths = widths;
  }
}
