import { DetailedCellError, ErrorType, type HyperFormula } from "hyperformula";
import type { ChartPlan } from "../shared/workbook";
import type { DefinedName } from "./bridge";
import { cellName } from "../shared/a1";
import { DEFAULT_COLUMN_WIDTH, emptyMeta, formatAt, rect, styleAt, type WorkbookMeta } from "./sheet";
import { addCharts, chartObjectName, trimmed, type NativeChart } from "./xlsx-charts";
import { callsLev, formulaToFile, isBroken } from "./xlsx-formulas";
import {
  addDynamicArrayMetadata,
  addRelationship,
  addWebExtension,
  markDynamicArrays,
  REL,
  sheetParts,
  text,
  xmlEscape,
  type AddinIdentity,
} from "./xlsx-package";

export type { AddinIdentity } from "./xlsx-package";

/*
 * .xlsx in and out (ExcelJS and JSZip, loaded on demand), so that Open → Save → Open loses nothing and the
 * file reads the same in Excel and in LibreOffice:
 * - formulas stay formulas, each saved with its last value (an error as an error value), in Excel's own form:
 *   LEV calls as `_xldudf_LEV_…`, newer functions with `_xlfn.` (xlsx-formulas.ts), and every formula that
 *   calls LEV, spills or reads a range as a dynamic array (`cm="1"`, xl/metadata.xml), with the add-in part
 *   that tells Excel which add-in the functions come from (xlsx-package.ts);
 * - number formats, cell styles (input cells, bold headings), column widths (a column never resized has none:
 *   the sheet's default width is the playground's), Excel tables and conditional formats;
 * - defined names, workbook-wide and sheet-scoped (two simulator sheets each have their own Entry):
 *   ExcelJS keeps names by name alone, so they are written to and read from xl/workbook.xml directly;
 * - charts: each chart request as a native chart (DrawingML, xlsx-charts.ts) that Excel and LibreOffice
 *   show, and the request itself in a custom XML part (which Excel keeps and other programs ignore), which
 *   the playground draws again; a chart from another program is read from its DrawingML.
 * "Save a copy with values" writes the same workbook with every formula replaced by its last value.
 */

/** Column number formats per sheet: sheet name → column index → Excel format ("0.00%", "#,##0.00"). */
export type SheetFormats = Record<string, Record<number, string>>;

export interface WorkbookData {
  sheets: Record<string, unknown[][]>;
  meta: WorkbookMeta;
  names: DefinedName[];
}

/** Excel measures a column in characters of the default font (7 pixels) plus 5 pixels of padding. */
/** Excel's default column width in characters, for a sheet that does not set one. */
export const EXCEL_DEFAULT_WIDTH = 8.43;
export const pxToChars = (px: number) => Math.round(((px - 5) / 7) * 100) / 100;
export const charsToPx = (chars: number) => Math.round(chars * 7 + 5);

export const CHARTS_PART = "customXml/levCharts.xml";
export const CHARTS_NS = "urn:lev:playground:charts";

export async function excelJs() {
  const mod = (await import("exceljs")) as unknown as { default?: unknown };
  return (mod.default ?? mod) as typeof import("exceljs");
}

export async function jsZip() {
  const mod = (await import("jszip")) as unknown as { default?: unknown };
  return (mod.default ?? mod) as typeof import("jszip");
}

/**
 * Whether a text read from a file needs Excel's leading apostrophe to stay text when typed back: one
 * that would read as a number, a date or time, TRUE/FALSE or a formula. Other text is shown as it is.
 */
export function needsApostrophe(text: string): boolean {
  const t = text.trim();
  return (
    /^[='@]/.test(t) ||
    /^[+-]?[$€£]?\s*(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?\s*%?$/i.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^\d{1,4}\s*[:/-]\s*\d{1,2}([:/-]\d{1,4})*(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*(am|pm)?$/i.test(t)
  );
}

export const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
export const hexOf = (c: { argb?: string } | undefined) => (c?.argb && /^[0-9A-F]{8}$/i.test(c.argb) ? `#${c.argb.slice(2).toUpperCase()}` : undefined);

/** HyperFormula's names other than the TRUE and FALSE it is given for Excel's booleans. */
function definedNames(hf: HyperFormula): DefinedName[] {
  const out: DefinedName[] = [];
  const add = (name: string, sheet?: string, scope?: number) => {
    if (scope === undefined && (name === "TRUE" || name === "FALSE")) return;
    const expression = hf.getNamedExpressionFormula(name, scope);
    if (expression !== undefined) out.push({ name, expression, sheet });
  };
  for (const name of hf.listNamedExpressions()) add(name);
  for (const sheet of hf.getSheetNames()) {
    const id = hf.getSheetId(sheet)!;
    for (const name of hf.listNamedExpressions(id)) add(name, sheet, id);
  }
  return out;
}

/** The error values Excel stores (and shows); HyperFormula's own (#ERROR!, #CYCLE!, #LIC!) are not among them. */
const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

/**
 * The last value of a cell as a file stores it: a number, text, a boolean, or an error value. An error only
 * HyperFormula has is no value Excel could store: none is written (Excel computes the formula again).
 */
function lastValue(hf: HyperFormula, address: { sheet: number; row: number; col: number }): unknown {
  const v = hf.getCellValue(address);
  if (v instanceof DetailedCellError) return EXCEL_ERRORS.has(v.value) ? { error: v.value } : undefined;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return undefined;
}

/** What a cell shows, for a copy without formulas: its value, or an error only HyperFormula has as its text. */
function shownValue(hf: HyperFormula, address: { sheet: number; row: number; col: number }): unknown {
  const v = hf.getCellValue(address);
  if (v instanceof DetailedCellError) return EXCEL_ERRORS.has(v.value) ? { error: v.value } : v.value;
  return lastValue(hf, address);
}

/** A formula HyperFormula could not read (it shows #ERROR! "Parsing error"). */
function unreadable(hf: HyperFormula, address: { sheet: number; row: number; col: number }): boolean {
  const v = hf.getCellValue(address);
  return v instanceof DetailedCellError && v.type === ErrorType.ERROR && /pars/i.test(v.message ?? "");
}

/** A range is read (A1:B2, A:A, 1:3): outside text in quotes, a colon. */
const readsRange = (formula: string) => /:/.test(formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, ""));

export interface WriteOptions {
  /**
   * "Save a copy with values": every formula replaced by its last value (an error only the playground has, as
   * its text), each cell with the format it shows, so that any program shows what the playground showed.
   */
  values?: boolean;
  /** The add-in LEV's functions come from (manifest.xml's id and version): the file lists its functions for Excel. */
  addin?: AddinIdentity;
  /** The number format a cell's value carries (a LEV table's dates and money), shown where the cell has none of its own. */
  valueFormat?: (sheet: number, row: number, col: number) => string | undefined;
}

export async function writeXlsx(hf: HyperFormula, meta: WorkbookMeta = {}, options: WriteOptions = {}): Promise<ArrayBuffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = "LEV playground";
  const charts: { sheet: string; sheetId: number; chart: ChartPlan }[] = [];
  let levCalls = false;
  for (const name of hf.getSheetNames()) {
    const sheet = hf.getSheetId(name)!;
    // the sheet's default width is the playground's, so that a column never resized reads the same everywhere
    const m = meta[name] ?? emptyMeta();
    const ws = wb.addWorksheet(name, { properties: { defaultColWidth: pxToChars(m.defaultWidth ?? DEFAULT_COLUMN_WIDTH) } as never });
    const serialized = hf.getSheetSerialized(sheet);
    // what each cell was given (ExcelJS's getter drops a formula's last value when it is 0)
    const written = new Map<string, unknown>();
    const put = (cell: import("exceljs").Cell, value: unknown) => {
      cell.value = value as never;
      written.set(cell.address, value);
    };
    const { height, width } = hf.getSheetDimensions(sheet);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const content = serialized[r]?.[c];
        const address = { sheet, row: r, col: c };
        const spilled = (content === null || content === undefined) && hf.isCellPartOfArray(address);
        const cell = ws.getCell(cellName(r, c));
        const formula = typeof content === "string" && content.startsWith("=") ? content.slice(1) : undefined;
        if (formula !== undefined && options.values) {
          const value = shownValue(hf, address);
          if (value !== undefined && value !== "") put(cell, value);
        } else if (formula !== undefined && unreadable(hf, address) && isBroken(formula)) {
          // text no program can read as a formula stays the text it is, never a formula with #ERROR!
          put(cell, content);
        } else if (formula !== undefined) {
          const range = arrayRange(hf, address);
          const result = unreadable(hf, address) ? undefined : lastValue(hf, address);
          levCalls ||= callsLev(formula);
          const stored = formulaToFile(formula);
          // Excel 365 stores a formula that spills, calls an add-in (LEV or another) or a function newer than the
          // file format (UNIQUE, XLOOKUP), or reads a range, as a dynamic array
          const dynamic = range !== undefined || /_xldudf_|_xlfn\./.test(stored) || readsRange(formula);
          put(cell, dynamic ? { formula: stored, result, shareType: "array", ref: range ?? cellName(r, c) } : { formula: stored, result });
        } else if (spilled) {
          // the cells a spill fills hold its results, as Excel saves them
          const value = options.values ? shownValue(hf, address) : lastValue(hf, address);
          if (value !== undefined && value !== "") put(cell, value);
        } else if (content !== null && content !== undefined && content !== "") {
          // the value, not the typed text: '1:50 (text by its apostrophe) is written as the text 1:50
          const value = lastValue(hf, address);
          put(cell, value === undefined ? String(content) : value);
        }
        const format = formatAt(m, r, c) ?? (options.values ? options.valueFormat?.(sheet, r, c) : undefined);
        if (format && format !== "General") cell.numFmt = format;
        const style = styleAt(m, r, c);
        if (style?.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
        if (style?.font || style?.bold) cell.font = { ...(style.font ? { color: { argb: argb(style.font) } } : {}), ...(style.bold ? { bold: true } : {}) };
      }
    }
    // only the columns given a width: the others keep the sheet's default
    for (const [c, px] of Object.entries(m.widths)) if (px) ws.getColumn(Number(c) + 1).width = pxToChars(px);
    for (const t of m.tables) addTable(ws, written, t.name, t.range, t.style);
    m.conditional.forEach((c, i) => {
      ws.addConditionalFormatting({
        ref: c.range,
        rules: [
          {
            type: "expression",
            // the last rule the playground applies is the one Excel puts first
            priority: m.conditional.length - i,
            formulae: [formulaToFile(c.formula.replace(/^=/, ""))],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(c.fill) } }, font: { color: { argb: argb(c.font) } } } },
        ] } as never);
    });
    for (const chart of m.charts) charts.push({ sheet: name, sheetId: sheet, chart });
  }
  const buffer = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  const JSZip = await jsZip();
  const zip = await JSZip.loadAsync(buffer);
  await addNames(zip, hf.getSheetNames(), definedNames(hf));
  await addDynamicArrays(zip);
  if (levCalls && options.addin) await addWebExtension(zip, options.addin);
  await addChartParts(zip, hf, meta, charts, options.valueFormat);
  return zip.generateAsync({ type: "arraybuffer", compression: "DEFLATE" });
}

/** "Save a copy with values": the same workbook, every formula replaced by its last value. */
export function writeValuesXlsx(hf: HyperFormula, meta: WorkbookMeta = {}, options: Omit<WriteOptions, "values"> = {}): Promise<ArrayBuffer> {
  return writeXlsx(hf, meta, { ...options, values: true });
}

/** An Excel table over cells already written: ExcelJS writes the rows again, so they are the cells' own. */
function addTable(ws: import("exceljs").Worksheet, written: Map<string, unknown>, name: string, range: string, style: string): void {
  const r = rect(range);
  const columns: { name: string }[] = [];
  const seen = new Set<string>();
  for (let c = r.left; c <= r.right; c++) {
    // a table's headers are text and unique: Excel numbers a repeated one (PnL, PnL2)
    const base = String(written.get(cellName(r.top, c)) ?? `Column${c - r.left + 1}`);
    let header = base;
    for (let n = 2; seen.has(header.toLowerCase()); n++) header = `${base}${n}`;
    seen.add(header.toLowerCase());
    columns.push({ name: header });
  }
  const rows: unknown[][] = [];
  const kept: { address: string; value: unknown; numFmt: string; fill: unknown; font: unknown }[] = [];
  for (let row = r.top + 1; row <= r.bottom; row++) {
    const line: unknown[] = [];
    for (let c = r.left; c <= r.right; c++) {
      const cell = ws.getCell(cellName(row, c));
      line.push(written.get(cell.address) ?? null);
      kept.push({ address: cell.address, value: written.get(cell.address) ?? null, numFmt: cell.numFmt, fill: cell.fill, font: cell.font });
    }
    rows.push(line);
  }
  ws.addTable({ name, ref: cellName(r.top, r.left), headerRow: true, style: { theme: style as never, showRowStripes: true }, columns, rows: rows as never });
  // the table writes its rows again, dropping a formula's last value when it is 0: the cells are put back
  for (const k of kept) {
    const cell = ws.getCell(k.address);
    cell.value = k.value as never;
    if (k.numFmt) cell.numFmt = k.numFmt;
    if (k.fill) cell.fill = k.fill as never;
    if (k.font) cell.font = k.font as never;
  }
}

/** Adds the defined names (with their scopes) to the workbook ExcelJS wrote. */
async function addNames(zip: import("jszip"), sheets: string[], names: DefinedName[]): Promise<void> {
  if (names.length === 0) return;
  const path = "xl/workbook.xml";
  let xml = (await text(zip, path))!;
  const items = names.map((n) => {
    const scope = n.sheet === undefined ? "" : ` localSheetId="${sheets.indexOf(n.sheet)}"`;
    return `<definedName name="${xmlEscape(n.name)}"${scope}>${xmlEscape(formulaToFile(n.expression.replace(/^=/, "")))}</definedName>`;
  });
  xml = xml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  xml = xml.replace("</sheets>", `</sheets><definedNames>${items.join("")}</definedNames>`);
  zip.file(path, xml);
}

/** Marks the array formulas as Excel's dynamic arrays, with the metadata part they point at. */
async function addDynamicArrays(zip: import("jszip")): Promise<void> {
  let marked = 0;
  for (const { part } of await sheetParts(zip)) {
    const { xml, count } = markDynamicArrays((await text(zip, part))!);
    if (count > 0) zip.file(part, xml);
    marked += count;
  }
  if (marked > 0) await addDynamicArrayMetadata(zip);
}

/** Each chart request as a native chart, and the requests themselves in their custom XML part. */
async function addChartParts(
  zip: import("jszip"),
  hf: HyperFormula,
  meta: WorkbookMeta,
  charts: { sheet: string; sheetId: number; chart: ChartPlan }[],
  valueFormat: WriteOptions["valueFormat"],
): Promise<void> {
  if (charts.length === 0) return;
  const parts = new Map((await sheetParts(zip)).map((p) => [p.name, p.part]));
  const bySheet = new Map<string, typeof charts>();
  for (const c of charts) (bySheet.get(c.sheet) ?? bySheet.set(c.sheet, []).get(c.sheet)!).push(c);
  let chartNumber = 1;
  let drawingNumber = 1;
  const requests: string[] = [];
  for (const [sheet, list] of bySheet) {
    const id = list[0]!.sheetId;
    const values = (range: string) => {
      if (!range) return [];
      const r = rect(range);
      return hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } }).flat();
    };
    // the axes show numbers as their cells do: the cell's own format, or the one its value carries
    const formatOf = (range: string) => {
      const r = range ? rect(range) : undefined;
      return r ? (formatAt(meta[sheet], r.top, r.left) ?? valueFormat?.(id, r.top, r.left)) : undefined;
    };
    const native: NativeChart[] = list.map(({ chart }) => {
      const main = chart.series.find((s) => s.role !== "marker");
      return {
        plan: chart,
        series: trimmed(chart.series.map((s) => ({ name: s.name, role: s.role, x: s.x, y: s.y, xs: values(s.x), ys: values(s.y) }))),
        xFormat: main ? formatOf(main.x) : undefined,
        yFormat: main ? formatOf(main.y) : undefined };
    });
    chartNumber = await addCharts(zip, parts.get(sheet)!, sheet, native, chartNumber, drawingNumber++);
    list.forEach(({ chart }, i) => requests.push(`<chart sheet="${xmlEscape(sheet)}" name="${chartObjectName(i)}">${xmlEscape(JSON.stringify(chart))}</chart>`));
  }
  zip.file(CHARTS_PART, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<charts xmlns="${CHARTS_NS}">${requests.join("")}</charts>`);
  await addRelationship(zip, "xl/workbook.xml", REL.customXml, `../${CHARTS_PART}`);
}

/** The block an array (spilling) formula at `address` fills, e.g. "G2:M11", or undefined for one cell. */
function arrayRange(hf: HyperFormula, address: { sheet: number; row: number; col: number }): string | undefined {
  if (!hf.isCellPartOfArray(address)) return undefined;
  let bottom = address.row;
  let right = address.col;
  const owned = (row: number, col: number) =>
    hf.isCellPartOfArray({ sheet: address.sheet, row, col }) && hf.getCellFormula({ sheet: address.sheet, row, col }) === undefined;
  while (owned(bottom + 1, address.col)) bottom++;
  while (owned(address.row, right + 1)) right++;
  if (bottom === address.row && right === address.col) return undefined;
  return `${cellName(address.row, address.col)}:${cellName(bottom, right)}`;
}

