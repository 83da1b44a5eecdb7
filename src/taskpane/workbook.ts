/**
 * The workbook interface the task pane writes through. The scenario model turns a trade into a
 * `WritePlan` (plain data: cells, formulas, formats, names, a table, conditional formats, a chart); an
 * adapter carries the plan into a workbook in one batch. Two adapters implement it: Excel (Office.js,
 * `excel.ts`) and the playground (HyperFormula, `../playground/adapter.ts`).
 *
 * Addresses are A1 references on the new sheet, without a sheet name ("B4", "A20:G61").
 */

/** A cell's content: a number, text, a boolean, a blank (null), or a formula (text starting with "="). */
export type CellValue = string | number | boolean | null;

/** A rectangle of cells written at once, its top-left cell at `at`. Rows must all have the same length. */
export interface Block {
  at: string;
  rows: CellValue[][];
}

/** An Excel number format for a range ("#,##0.00", "0.00%"). */
export interface NumberFormat {
  range: string;
  format: string;
}

/** A sheet-scoped name for one cell, so formulas read `=LEV.MARGIN(Notional, Leverage)`. */
export interface NamedCell {
  name: string;
  cell: string;
}

/** The scenario table: its whole range including the header row. */
export interface TablePlan {
  range: string;
  /** Excel table style, e.g. "TableStyleMedium2". */
  style: string;
}

/**
 * A conditional format on `range`: where `formula` (relative to the range's top-left cell, as Excel
 * reads custom rules) is TRUE, the cells get `fill` and `font` colours.
 */
export interface ConditionalFormat {
  range: string;
  formula: string;
  fill: string;
  font: string;
  /** What the colour means, for the playground and for tests. */
  meaning: string;
}

/** One series of an XY chart: x values and y values as ranges of the same length. */
export interface ChartSeries {
  name: string;
  x: string;
  y: string;
}

/** A line chart (XY with straight lines) of `series`, placed over `anchor` (a range). */
export interface ChartPlan {
  title: string;
  xTitle: string;
  yTitle: string;
  series: ChartSeries[];
  anchor: string;
}

export interface WritePlan {
  /** The new sheet's name; when taken, the adapter adds " 2", " 3", … */
  baseName: string;
  blocks: Block[];
  formats: NumberFormat[];
  names: NamedCell[];
  table?: TablePlan;
  conditionalFormats: ConditionalFormat[];
  chart?: ChartPlan;
  /** Column widths in points, from column A. */
  columnWidths: number[];
  /** Ranges shown bold (headings). */
  bold: string[];
  /** The cells a trader is meant to change, shown as inputs (blue on light yellow in Excel). */
  inputRange?: string;
  /** The range selected after writing (the table, or the journal). */
  select: string;
}

export interface WriteResult {
  /** The name the new sheet got. */
  sheet: string;
}

export interface WorkbookAdapter {
  /** Names of the sheets that exist now. */
  sheetNames(): Promise<string[]>;
  /**
   * Writes `plan` into a NEW sheet with a free name, then activates it and selects `plan.select`.
   * Never writes into an existing sheet. Fails with a `WorkbookError` whose message is plain words.
   */
  write(plan: WritePlan): Promise<WriteResult>;
}

/** A failure the pane shows as it is: the message is written for the trader, not the developer. */
export class WorkbookError extends Error {
  override readonly name = "WorkbookError";
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The first of `base`, `base 2`, `base 3`, … that is not taken (Excel compares sheet names ignoring case). */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} ${i}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

// ─── A1 addresses ────────────────────────────────────────────────────────────────────────────────────

/** Column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B4" for 0-based row 3, column 1. */
export function cellName(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** 0-based row and column of an A1 cell ("B4" → {row: 3, col: 1}); `$` signs are ignored. */
export function parseCell(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a1.trim());
  if (!m) throw new Error(`not a cell address: ${a1}`);
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Start and end (0-based, inclusive) of an A1 range or single cell. */
export function parseRange(a1: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = a1.split(":");
  const start = parseCell(a!);
  const end = b === undefined ? start : parseCell(b);
  return { top: start.row, left: start.col, bottom: end.row, right: end.col };
}

/** The range a block covers, e.g. "A4:C12". */
export function blockRange(block: Block): string {
  const { row, col } = parseCell(block.at);
  const width = block.rows[0]?.length ?? 1;
  return `${cellName(row, col)}:${cellName(row + Math.max(block.rows.length, 1) - 1, col + width - 1)}`;
}
