import { blockRange, freeSheetName, freeTableName, checkReadRange, WorkbookError, type CellValue, type RangeValues, type WorkbookAdapter, type WritePlan, type WriteOptions, planCells, type WriteResult, withTableName } from "../shared/workbook";
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

export interface ExcelAdapterOptions {
  /** `Excel.run`; tests pass a mock's. */
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** Whether the host supports a requirement set; defaults to Office.context.requirements. */
  supports?: (set: string, version: string) => boolean;
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
  if (plan.table) {
    const table = sheet.tables.add(plan.table.range, true);
    table.style = plan.table.style;
    if (plan.table.name) table.name = plan.table.name;
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

/** Turns what Office.js threw while reading into words for the trader. */
function explainRead(e: unknown, sheet: string, range: string): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const detail = e instanceof Error ? e.message : String(e);
  if (code === "ItemNotFound") return new WorkbookError(`There is no sheet named "${sheet}" in this workbook.`, detail);
  if (code === "InvalidArgument") return new WorkbookError(`Excel cannot read "${range}" on the sheet "${sheet}" as a range.`, detail);
  return new WorkbookError(`Excel could not read ${sheet}!${range} (${detail}).`, detail);
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
    async readRange(sheetName: string, range: string, what?: string): Promise<RangeValues> {
      checkReadRange(sheetName, range, what);
      try {
        return await run(async (context) => {
          const sheet = context.workbook.worksheets.getItem(sheetName);
          sheet.load("name");
          const cells = sheet.getRange(range);
          cells.load("values");
          await context.sync();
          return { sheet: sheet.name, range, values: cells.values as CellValue[][] };
        });
      } catch (e) {
        throw explainRead(e, sheetName, range);
      }
    },

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
          const tables = plan.table?.name ? context.workbook.tables : undefined;
          tables?.load("items/name");
          await context.sync();
          const name = freeSheetName(plan.baseName, sheets.items.map((s) => s.name));
          const named = tables ? withTableName(plan, freeTableName(plan.table!.name!, tables.items.map((t) => t.name))) : plan;
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
