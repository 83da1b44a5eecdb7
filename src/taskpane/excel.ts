import {
  appendCells,
  blockRange,
  checkReadRange,
  freeSheetName,
  freeTableNames,
  WorkbookError,
  type AppendPlan,
  type CellValue,
  type RangeValues,
  type TableInfo,
  type WorkbookAdapter,
  type WritePlan,
  type WriteOptions,
  planCells,
  type WriteResult,
  withTableNames,
} from "../shared/workbook";
import { cellName, columnName, parseCell, parseRange } from "../shared/a1";

/**
 * The Excel adapter: carries a write plan into a new worksheet with Office.js. The first
 * `context.sync()` reads the sheet names (to pick a free one); everything else (sheet, cells, formats,
 * names, table, conditional formats, chart, activation and selection) is queued and sent with the
 * second. Excel on the web refuses a request larger than about 5 MB, so a plan whose cells weigh more
 * than REQUEST_BUDGET is sent in several requests, each under it: the number of syncs grows with the
 * payload's size and never with the number of rows below that size.
 */

/** Excel on the web caps one request at about 5 MB. */
export const REQUEST_LIMIT_BYTES = 5_000_000;
/**
 * What one sync may carry of cells, formats and the like, leaving room under the limit for the request's
 * own framing (addresses, object paths, property names), which grows with the number of operations.
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;
/** An allowance for each queued operation's framing beyond its values. */
const OPERATION_BYTES = 200;

const encoder = new TextEncoder();
/** The bytes a value adds to a request, as JSON in UTF-8. */
export function payloadBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length + OPERATION_BYTES;
}

/** The Office.js requirement set the writer needs: worksheet names and custom conditional formats (1.6), charts' series (1.7). */
export const REQUIRED_API = { set: "ExcelApi", version: "1.7" } as const;

/** `Excel.run`'s shape. */
type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** Whether the host supports a requirement set. */
type Supports = (set: string, version: string) => boolean;

export interface ExcelAdapterOptions {
  /** `Excel.run`; tests pass a mock's. */
  run?: Run;
  /** Whether the host supports a requirement set; defaults to Office.context.requirements. */
  supports?: Supports;
}

const INPUT_FILL = "#FFF2CC";
const INPUT_FONT = "#1F4E79";

function defaultSupports(set: string, version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported(set, version);
  } catch {
    return true; // outside Office (tests, playground) there is nothing to ask
  }
}

/** A 2-D array of `rows` × `cols` copies of `v`, as Office.js wants for a multi-cell range. */
function filled<T>(range: string, v: T): T[][] {
  const r = parseRange(range);
  return Array.from({ length: r.bottom - r.top + 1 }, () => Array.from({ length: r.right - r.left + 1 }, () => v));
}

function cells(rows: CellValue[][]): (string | number | boolean)[][] {
  return rows.map((row) => row.map((c) => (c === null ? "" : c)));
}

/**
 * Sends queued work whenever the next operation would take the request past the budget. `add` queues one
 * operation of `bytes`; `flush` syncs what is queued (not at all when nothing is).
 */
export class RequestBudget {
  private queued = 0;
  constructor(
    private readonly sync: () => Promise<void>,
    readonly budget = REQUEST_BUDGET_BYTES,
  ) {}
  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > this.budget) await this.flush();
    queue();
    this.queued += bytes;
  }
  /**
   * Queues a block's rows in pieces that fill what is left of the current request, then whole requests:
   * `queue(offset, rows)` queues one piece. A single row larger than the budget goes alone.
   */
  async addRows(rows: CellValue[][], queue: (offset: number, rows: CellValue[][]) => void): Promise<void> {
    let start = 0;
    let bytes = OPERATION_BYTES;
    for (let i = 0; i < rows.length; i++) {
      const size = payloadBytes(rows[i]) - OPERATION_BYTES;
      if (this.queued + bytes + size > this.budget) {
        if (i > start) {
          queue(start, rows.slice(start, i));
          this.queued += bytes;
          start = i;
          bytes = OPERATION_BYTES;
        }
        await this.flush();
      }
      bytes += size;
    }
    queue(start, rows.slice(start));
    this.queued += bytes;
  }
  async flush(): Promise<void> {
    if (this.queued === 0) return;
    this.queued = 0;
    await this.sync();
  }
}

/**
 * Queues the whole plan on `sheet`, syncing through `budget` whenever the cells queued so far would take
 * one request past it; whatever is left stays queued for the caller's last sync.
 */
export async function queuePlan(sheet: Excel.Worksheet, plan: WritePlan, budget: RequestBudget, options: WriteOptions = {}): Promise<void> {
  // Names first, so the formulas that use them resolve as they arrive.
  for (const n of plan.names) sheet.names.add(n.name, sheet.getRange(n.cell));
  const total = planCells(plan);
  let done = 0;
  for (const block of plan.blocks) {
    const { row, col } = parseCell(block.at);
    await budget.addRows(block.rows, (offset, rows) => {
      const part = { at: cellName(row + offset, col), rows };
      sheet.getRange(blockRange(part)).formulas = cells(part.rows);
      done += rows.length * (rows[0]?.length ?? 1);
      options.onProgress?.(done, total);
    });
  }
  for (const f of plan.formats) {
    const formats = filled(f.range, f.format);
    await budget.add(payloadBytes(formats), () => {
      sheet.getRange(f.range).numberFormat = formats;
    });
  }
  for (const b of plan.bold) sheet.getRange(b).format.font.bold = true;
  if (plan.inputRange) {
    const r = sheet.getRange(plan.inputRange);
    r.format.fill.color = INPUT_FILL;
    r.format.font.color = INPUT_FONT;
  }
  for (const t of [plan.table, ...(plan.extraTables ?? [])]) {
    if (!t) continue;
    const table = sheet.tables.add(t.range, true);
    table.style = t.style;
    if (t.name) table.name = t.name;
  }
  for (const c of plan.conditionalFormats) {
    const cf = sheet.getRange(c.range).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = c.formula;
    cf.custom.format.fill.color = c.fill;
    cf.custom.format.font.color = c.font;
  }
  plan.columnWidths.forEach((w, i) => {
    const col = columnName(i);
    sheet.getRange(`${col}:${col}`).format.columnWidth = w;
  });
  if (plan.chart) {
    const [first, ...rest] = plan.chart.series;
    if (first) {
      const type = plan.chart.type === "line" ? "Line" : "XYScatterLinesNoMarkers";
      const chart = sheet.charts.add(type as Excel.ChartType, sheet.getRange(first.y), "Columns" as Excel.ChartSeriesBy);
      chart.title.text = plan.chart.title;
      const main = chart.series.getItemAt(0);
      main.name = first.name;
      main.setXAxisValues(sheet.getRange(first.x));
      for (const s of rest) {
        const series = chart.series.add(s.name);
        series.setXAxisValues(sheet.getRange(s.x));
        series.setValues(sheet.getRange(s.y));
      }
      chart.axes.categoryAxis.title.text = plan.chart.xTitle;
      chart.axes.valueAxis.title.text = plan.chart.yTitle;
      const anchor = plan.chart.anchor.split(":");
      chart.setPosition(anchor[0]!, anchor[1]);
    }
  }
  sheet.activate();
  sheet.getRange(plan.select).select();
}

/** Turns what Office.js threw into words for the trader. */
export function explain(e: unknown): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const detail = e instanceof Error ? e.message : String(e);
  if (code === "AccessDenied" || /protect/i.test(detail)) {
    return new WorkbookError(
      "Excel would not let LEV add a sheet: the workbook or its structure is protected. Unprotect it (Review › Protect Workbook) and write again.",
      detail,
    );
  }
  if (code === "ApiNotFound" || code === "NotImplemented" || code === "Unsupported") {
    return new WorkbookError(
      "This version of Excel lacks a feature LEV needs to write the sheet (tables, named cells or charts). Excel for Microsoft 365 or Excel on the web can do it.",
      detail,
    );
  }
  return new WorkbookError(`Excel could not write the sheet (${detail}). Nothing else in your workbook was changed.`, detail);
}

/** What one cell may weigh in a read's response (a number, a date-time, a symbol, an id), for sizing the parts of a large read. */
const READ_CELL_BYTES = 48;

/** An address as Excel gives it ("'LEV Journal'!A6:F120") without its sheet ("A6:F120"). */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}

/** Turns what Office.js threw while reading into words for the trader. */
function explainRead(e: unknown, sheet: string, range: string): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const detail = e instanceof Error ? e.message : String(e);
  if (code === "ItemNotFound") return new WorkbookError(`There is no sheet named "${sheet}" in this workbook.`, detail);
  if (code === "InvalidArgument") return new WorkbookError(`Excel cannot read "${range}" on the sheet "${sheet}" as a range.`, detail);
  return new WorkbookError(`Excel could not read ${sheet}!${range} (${detail}).`, detail);
}

// Two round trips: the tables with their sheets, then their ranges and header rows.
async function readTables(run: Run): Promise<TableInfo[]> {
  try {
    return await run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name,items/worksheet/name");
      await context.sync();
      const parts = tables.items.map((t) => {
        const range = t.getRange();
        range.load("address");
        const header = t.getHeaderRowRange();
        header.load("values");
        return { t, range, header };
      });
      await context.sync();
      return parts.map(({ t, range, header }) => ({ sheet: t.worksheet.name, name: t.name, range: localAddress(range.address), header: (header.values[0] ?? []).map((c) => String(c)) }));
    });
  } catch (e) {
    throw explainRead(e, "", "the tables");
  }
}

// A table's rows in parts, each part's values one response under the budget: round trips grow with the bytes.
async function readRowsOf(run: Run, table: TableInfo): Promise<CellValue[][]> {
  const r = parseRange(table.range);
  const rows = r.bottom - r.top; // without the header row
  const width = r.right - r.left + 1;
  const step = Math.max(1, Math.floor(REQUEST_BUDGET_BYTES / (width * READ_CELL_BYTES)));
  try {
    return await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      const out: CellValue[][] = [];
      for (let top = r.top + 1; top <= r.bottom; top += step) {
        const part = sheet.getRange(`${cellName(top, r.left)}:${cellName(Math.min(r.bottom, top + step - 1), r.right)}`);
        part.load("values");
        await context.sync();
        for (const row of part.values) out.push(row as CellValue[]);
      }
      return out.slice(0, rows);
    });
  } catch (e) {
    throw explainRead(e, table.sheet, table.range);
  }
}

/**
 * An append's first round trip: what must hold before anything is written. The cells LEV writes into are empty
 * (a used range of values only is then a null object), LEV's own formulas are still there, the tables exist, and
 * the chart is found by its title.
 */
async function checkAppend(context: Excel.RequestContext, sheet: Excel.Worksheet, plan: AppendPlan) {
  const used = plan.blocks.map((b) => {
    const u = sheet.getRange(blockRange(b)).getUsedRangeOrNullObject(true);
    u.load("address");
    return u;
  });
  const replaced = plan.replace.map((c) => {
    const cell = sheet.getRange(c.at);
    cell.load("formulas");
    return cell;
  });
  const tables = plan.rows.map((t) => {
    const table = sheet.tables.getItem(t.table);
    table.load("name");
    return table;
  });
  const charts = plan.chart ? sheet.charts : undefined;
  charts?.load("items/name,items/title/text");
  await context.sync();
  const full = used.find((u) => !u.isNullObject);
  if (full) {
    throw new WorkbookError(
      `${localAddress(full.address)} on "${plan.sheet}" holds something, and LEV's formulas would have to reach into it to follow the new trades. Move what is there (or import into a new sheet); nothing was written.`,
    );
  }
  plan.replace.forEach((c, i) => {
    const now = String(replaced[i]!.formulas[0]?.[0] ?? "");
    if (!now.toUpperCase().startsWith(c.starts.toUpperCase())) {
      throw new WorkbookError(`${c.at} on "${plan.sheet}" no longer holds LEV's formula (${c.starts}…): the journal was changed there, so LEV does not write into it. Nothing was written.`);
    }
  });
  return { tables, charts };
}

/** An append's writing: the tables' new rows, LEV's blocks and formulas, formats and the chart's series, in parts within the request budget. */
async function writeAppend(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  plan: AppendPlan,
  tables: Excel.Table[],
  charts: Excel.ChartCollection | undefined,
  options: WriteOptions,
): Promise<void> {
  const budget = new RequestBudget(() => context.sync());
  const total = appendCells(plan);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  for (const [i, t] of plan.rows.entries()) {
    let rows = t.rows;
    if (t.intoBlankRow && rows.length > 0) {
      const first = rows[0]!;
      await budget.add(payloadBytes(first), () => {
        tables[i]!.getDataBodyRange().getRow(0).values = cells([first]);
      });
      progress(first.length);
      rows = rows.slice(1);
    }
    if (rows.length === 0) continue;
    await budget.addRows(rows, (_offset, part) => {
      tables[i]!.rows.add(undefined, cells(part));
      progress(part.length * (part[0]?.length ?? 1));
    });
  }
  for (const block of plan.blocks) {
    const { row, col } = parseCell(block.at);
    await budget.addRows(block.rows, (offset, rows) => {
      const part = { at: cellName(row + offset, col), rows };
      sheet.getRange(blockRange(part)).formulas = cells(part.rows);
      progress(rows.length * (rows[0]?.length ?? 1));
    });
  }
  for (const c of plan.replace) {
    await budget.add(payloadBytes(c.formula), () => {
      sheet.getRange(c.at).formulas = [[c.formula]];
    });
    progress(1);
  }
  for (const f of plan.formats) {
    const formats = filled(f.range, f.format);
    await budget.add(payloadBytes(formats), () => {
      sheet.getRange(f.range).numberFormat = formats;
    });
  }
  for (const c of plan.conditionalFormats) {
    const cf = sheet.getRange(c.range).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = c.formula;
    cf.custom.format.fill.color = c.fill;
    cf.custom.format.font.color = c.font;
  }
  const chart = plan.chart && charts?.items.find((c) => c.title.text === plan.chart!.title);
  if (chart) {
    plan.chart!.series.forEach((s, i) => {
      const series = chart.series.getItemAt(i);
      series.setXAxisValues(sheet.getRange(s.x));
      series.setValues(sheet.getRange(s.y));
    });
  }
}

/** Adds a plan's rows to existing tables and writes LEV's cells beside them: checked first, then written in parts. */
async function appendWith(run: Run, supports: Supports, plan: AppendPlan, options: WriteOptions): Promise<WriteResult> {
  if (!supports(REQUIRED_API.set, REQUIRED_API.version)) {
    throw new WorkbookError("This version of Excel is too old for LEV to add to a sheet (it needs Excel 2019, Microsoft 365 or Excel on the web). Nothing was written.");
  }
  try {
    return await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(plan.sheet);
      const { tables, charts } = await checkAppend(context, sheet, plan);
      await writeAppend(context, sheet, plan, tables, charts, options);
      sheet.activate();
      sheet.getRange(plan.select).select();
      await context.sync();
      return { sheet: plan.sheet };
    });
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    const x = explain(e);
    throw new WorkbookError(x.message.replace("could not write the sheet", `could not add to the sheet "${plan.sheet}"`), x.detail);
  }
}

export function createExcelAdapter(options: ExcelAdapterOptions = {}): WorkbookAdapter {
  const run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  const supports = options.supports ?? defaultSupports;

  return {
    async sheetNames() {
      return run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
    },

    // One round trip: the sheet's own name and the range's values are loaded together.
    async readRange(sheetName: string, range: string, options: { formulas?: boolean; what?: string } = {}): Promise<RangeValues> {
      checkReadRange(sheetName, range, options.what);
      try {
        return await run(async (context) => {
          const sheet = context.workbook.worksheets.getItem(sheetName);
          sheet.load("name");
          const cells = sheet.getRange(range);
          cells.load(options.formulas ? "formulas" : "values");
          await context.sync();
          return { sheet: sheet.name, range, values: (options.formulas ? cells.formulas : cells.values) as CellValue[][] };
        });
      } catch (e) {
        throw explainRead(e, sheetName, range);
      }
    },

    tables: () => readTables(run),

    readTableRows: (table: TableInfo) => readRowsOf(run, table),

    append: (plan: AppendPlan, options: WriteOptions = {}) => appendWith(run, supports, plan, options),

    async write(plan: WritePlan, options?: WriteOptions): Promise<WriteResult> {
      if (!supports(REQUIRED_API.set, REQUIRED_API.version)) {
        throw new WorkbookError(
          "This version of Excel is too old for LEV to write sheets (it needs Excel 2019, Microsoft 365 or Excel on the web). The figures in the pane are still right.",
        );
      }
      try {
        return await run(async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.load("items/name");
          // Table names are unique in a workbook: read them in the same round trip as the sheet names.
          const tables = plan.table?.name || plan.extraTables?.length ? context.workbook.tables : undefined;
          tables?.load("items/name");
          await context.sync();
          const name = freeSheetName(plan.baseName, sheets.items.map((s) => s.name));
          const named = tables ? withTableNames(plan, freeTableNames(plan, tables.items.map((t) => t.name))) : plan;
          const sheet = sheets.add(name);
          try {
            await queuePlan(sheet, named, new RequestBudget(() => context.sync()), options);
            await context.sync();
          } catch (e) {
            // Leave no half-written sheet behind: the new sheet is ours alone, so removing it is safe.
            try {
              sheet.delete();
              await context.sync();
            } catch {
              // the sheet may never have been created
            }
            throw e;
          }
          return { sheet: name };
        });
      } catch (e) {
        throw explain(e);
      }
    },
  };
}
