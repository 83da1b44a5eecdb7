import { cellName, columnName, parseCell, parseRange, rangeCells } from "./a1";

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
  /**
   * The table's name, when formulas refer to its columns (`LEVFills[Price]`). Table names are unique in a
   * workbook: when it is taken the adapter picks the first free `name2`, `name3`, … and renames the
   * references (`withTableName`).
   */
  name?: string;
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

/** One series of a chart: x values and y values as ranges of the same length. */
export interface ChartSeries {
  name: string;
  x: string;
  y: string;
  /** A vertical mark at one x (liquidation, stop, target): a two-point series, drawn dashed and labelled with its name. */
  role?: "marker";
}

/**
 * A chart of `series`, placed over `anchor` (a range). "scatter" (the default) draws y against numeric x
 * with straight lines (PnL against price); "line" draws y over categories, x read as labels (an equity
 * curve over trade numbers or dates).
 */
export interface ChartPlan {
  type?: "scatter" | "line";
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
  /** Further tables on the sheet, each named (a journal's funding table). */
  extraTables?: TablePlan[];
  conditionalFormats: ConditionalFormat[];
  chart?: ChartPlan;
  /** Column widths in points, from column A. */
  columnWidths: number[];
  /** Ranges shown bold (headings). */
  bold: string[];
  /** The cells a trader is meant to change, shown as inputs (blue on light yellow in Excel). */
  inputRange?: string;
  /** The range selected after writing (the first input cell, or the journal), near the sheet's top. */
  select: string;
}

/** How a write reports its progress: cells written so far of the plan's total (a large journal takes a few seconds). */
export interface WriteOptions {
  onProgress?: (done: number, total: number) => void;
}

/** The cells a plan's blocks hold (what a write's progress counts). */
export function planCells(plan: Pick<WritePlan, "blocks">): number {
  return plan.blocks.reduce((n, b) => n + b.rows.length * (b.rows[0]?.length ?? 1), 0);
}

/** A table of the workbook: its sheet, its name, its whole range with the header row ("A6:F120") and its header's cells. */
export interface TableInfo {
  sheet: string;
  name: string;
  range: string;
  header: string[];
}

/** Rows added at the end of an existing table, in its columns' order. */
export interface TableRows {
  table: string;
  rows: CellValue[][];
  /**
   * The table's only data row is blank (a table made empty holds one): the first new row goes into it, the rest
   * are added under it.
   */
  intoBlankRow?: boolean;
}

/**
 * What an import adds to an existing sheet: rows appended to its tables (the tables grow, and the formulas that
 * read them by structured reference follow), and the sheet's own LEV cells reaching further down. Nothing else
 * on the sheet is touched: `blocks` go only into cells that are empty (the adapter checks, and writes nothing
 * when one is not), `replace` only into cells whose formula starts as LEV wrote it.
 */
export interface AppendPlan {
  sheet: string;
  rows: TableRows[];
  /** Cells written beside the tables; each must be empty. */
  blocks: Block[];
  /** LEV's own formula cells given a longer reach; each must hold a formula starting with `starts`. */
  replace: { at: string; formula: string; starts: string }[];
  formats: NumberFormat[];
  conditionalFormats: ConditionalFormat[];
  /** The sheet's chart of this title, its series given these ranges (the curve reaching further down). */
  chart?: { title: string; series: ChartSeries[] };
  /** The range selected afterwards (the first row added). */
  select: string;
}

/** The cells an append writes (what its progress counts). */
export function appendCells(plan: AppendPlan): number {
  return plan.rows.reduce((n, t) => n + t.rows.length * (t.rows[0]?.length ?? 1), 0) + planCells(plan) + plan.replace.length;
}

export interface WriteResult {
  /** The name the new sheet got. */
  sheet: string;
}

/** What `readRange` gives back: the sheet's own name (as the workbook spells it), the range and its values. */
export interface RangeValues {
  sheet: string;
  /** The range read, in A1 form without `$` and without the sheet ("A1:D10"). */
  range: string;
  /** The cells' values, row by row; a blank cell is "" (as Excel reports it) or null. */
  values: CellValue[][];
}

/** The most cells `readRange` reads at once: tier tables are a few dozen rows of 3 or 4 columns. */
export const MAX_READ_CELLS = 4000;

export interface WorkbookAdapter {
  /** Names of the sheets that exist now. */
  sheetNames(): Promise<string[]>;
  /**
   * Reads the values of `range` ("A1:D10") on the existing sheet `sheet`, changing nothing. A separate
   * action from `write` (one round trip in Excel). Fails with a `WorkbookError` in plain words when the
   * sheet does not exist, the range is not an address, or it holds more than MAX_READ_CELLS cells
   * (`checkReadRange`; `what` names the table the trader meant, "tier table", for its message).
   */
  readRange(sheet: string, range: string, options?: { formulas?: boolean; what?: string }): Promise<RangeValues>;
  /** Every table of the workbook, with its sheet, range and header cells. */
  tables(): Promise<TableInfo[]>;
  /**
   * The values of a table's data rows, whatever their number: read in parts that each stay under the host's
   * payload limit (the number of round trips grows with the bytes, not with anything else).
   */
  readTableRows(table: TableInfo): Promise<CellValue[][]>;
  /**
   * Adds rows to existing tables of an existing sheet and writes LEV's own cells beside them, as `plan` says,
   * touching nothing else. Fails with a `WorkbookError` in plain words (and writes nothing) when a cell it would
   * write into holds something.
   */
  append(plan: AppendPlan, options?: WriteOptions): Promise<WriteResult>;
  /**
   * Writes `plan` into a NEW sheet with a free name, then activates it and selects `plan.select`.
   * Never writes into an existing sheet. Fails with a `WorkbookError` whose message is plain words.
   */
  write(plan: WritePlan, options?: WriteOptions): Promise<WriteResult>;
}

/**
 * Checks a range address before asking the workbook: an A1 range of at most MAX_READ_CELLS cells. The message
 * names the range, and the table it was meant to be (`what`: "tier table", "positions table") when given.
 */
export function checkReadRange(sheet: string, range: string, what?: string): void {
  const cells = rangeCells(range);
  if (cells === undefined) throw new WorkbookError(`"${range}" is not a range address such as A1:D10.`);
  if (cells > MAX_READ_CELLS) {
    const most = `at most ${MAX_READ_CELLS.toLocaleString("en-US")} cells are read`;
    throw new WorkbookError(`${sheet}!${range} has ${cells.toLocaleString("en-US")} cells; ${what ? `a ${what} is far smaller (${most})` : `${most} at once`}.`);
  }
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

/** The range a block covers, e.g. "A4:C12". */
export function blockRange(block: Block): string {
  const { row, col } = parseCell(block.at);
  const width = block.rows[0]?.length ?? 1;
  return `${cellName(row, col)}:${cellName(row + Math.max(block.rows.length, 1) - 1, col + width - 1)}`;
}

// ─── Tables referred to by name ──────────────────────────────────────────────────────────────────────

/** The first of `base`, `base2`, `base3`, … that no table uses (Excel compares table names ignoring case). */
export function freeTableName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`.toLowerCase())) return `${base}${i}`;
}

/** `Name[` at the start of a structured reference, not inside a longer name. */
function structured(name: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_.])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\[`, "g");
}

/** The plan with its table named `name`, and every formula's structured references to it renamed. */
export function withTableName(plan: WritePlan, name: string): WritePlan {
  const old = plan.table?.name;
  if (!plan.table || old === undefined || old === name) return plan;
  return withTableNames(plan, { [old]: name });
}

/** The names a plan's tables take in a workbook whose tables are `taken`: each the first free of `name`, `name2`, … */
export function freeTableNames(plan: WritePlan, taken: readonly string[]): Record<string, string> {
  const used = [...taken];
  const out: Record<string, string> = {};
  for (const t of [plan.table, ...(plan.extraTables ?? [])]) {
    if (!t?.name) continue;
    const name = freeTableName(t.name, used);
    used.push(name);
    out[t.name] = name;
  }
  return out;
}

/** The plan with its tables renamed (old name → new name), and every formula's structured references to them. */
export function withTableNames(plan: WritePlan, names: Record<string, string>): WritePlan {
  const changes = Object.entries(names).filter(([a, b]) => a !== b);
  if (changes.length === 0) return plan;
  const rename = (c: CellValue): CellValue => {
    if (typeof c !== "string" || !c.startsWith("=")) return c;
    let out = c;
    for (const [old, name] of changes) out = out.replace(structured(old), `$1${name}[`);
    return out;
  };
  const renamed = (t: TablePlan | undefined) => (t?.name !== undefined && names[t.name] !== undefined ? { ...t, name: names[t.name]! } : t);
  return {
    ...plan,
    table: renamed(plan.table),
    extraTables: plan.extraTables?.map((t) => renamed(t)!),
    blocks: plan.blocks.map((b) => (hasFormula(b.rows) ? { ...b, rows: b.rows.map((r) => r.map(rename)) } : b)),
  };
}

/**
 * Structured references to the plan's tables (`LEVFills[Price]`) written as ranges, for a host without tables:
 * each column from the first data row down to `spare` rows below the table, so that rows typed under the
 * table are read too (blank rows are skipped by the functions that read them). Returns the rewrite of a block's
 * rows, so that a host rewrites each block when it writes it (a journal's 100,000 funding formulas are rewritten
 * as they are handed to the spreadsheet, not all at once before).
 */
export function structuredAsRanges(plan: WritePlan, spare: number): (rows: CellValue[][]) => CellValue[][] {
  const tables: { name: string; range: string; header: string[] }[] = [];
  for (const t of [plan.table, ...(plan.extraTables ?? [])]) {
    if (!t?.name) continue;
    const r = parseRange(t.range);
    const block = plan.blocks.find((b) => {
      const at = parseCell(b.at);
      return at.row === r.top && at.col <= r.left && at.col + (b.rows[0]?.length ?? 0) > r.left;
    });
    if (!block) continue;
    const at = parseCell(block.at);
    tables.push({ name: t.name, range: t.range, header: block.rows[0]!.slice(r.left - at.col, r.right - at.col + 1).map((c) => String(c)) });
  }
  const convert = rangesConverter(tables, spare);
  // only rows with a formula change (a block of 100,000 fills is passed on as it is)
  return (rows) => (tables.length === 0 || !hasFormula(rows) ? rows : rows.map((row) => row.map((c) => (typeof c === "string" && c.startsWith("=") ? convert(c) : c))));
}

/**
 * A formula's structured references to `tables` (`LEVFills[Price]`) as the ranges of those columns' data rows,
 * fixed (`$D$7:$D$120`), reaching `spare` rows below each table; other references are left alone.
 */
export function structuredToRanges(formula: string, tables: readonly Pick<TableInfo, "name" | "range" | "header">[], spare = 0): string {
  return rangesConverter(tables, spare)(formula);
}

/**
 * structuredToRanges for many formulas: one pattern for every table, made once, and each reference's range worked
 * out once (a journal of 100,000 fills has 100,000 funding formulas that use the same few references).
 */
export function rangesConverter(tables: readonly Pick<TableInfo, "name" | "range" | "header">[], spare: number): (formula: string) => string {
  if (tables.length === 0) return (formula) => formula;
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), { r: parseRange(t.range), names: t.header.map((h) => h.toLowerCase()) }]));
  const names = tables.map((t) => t.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const re = new RegExp(`(^|[^A-Za-z0-9_.])(${names})\\[([^\\]]+)\\]`, "gi");
  const ranges = new Map<string, string | undefined>();
  const range = (table: string, column: string): string | undefined => {
    const key = `${table.toLowerCase()}[${column.trim().toLowerCase()}`;
    if (!ranges.has(key)) {
      const t = byName.get(table.toLowerCase())!;
      const j = t.names.indexOf(column.trim().toLowerCase());
      const col = j < 0 ? undefined : columnName(t.r.left + j);
      ranges.set(key, col === undefined ? undefined : `$${col}$${t.r.top + 2}:$${col}$${t.r.bottom + 1 + spare}`);
    }
    return ranges.get(key);
  };
  return (formula) => (formula.includes("[") ? formula.replace(re, (whole, before: string, table: string, column: string) => { const x = range(table, column); return x === undefined ? whole : before + x; }) : formula);
}

/** Whether a block's rows hold a formula. */
export function hasFormula(rows: CellValue[][]): boolean {
  return rows.some((r) => r.some((c) => typeof c === "string" && c.startsWith("=")));
}
