import { DetailedCellError, ErrorType, type HyperFormula } from "hyperformula";
import type { ChartPlan, ConditionalFormat } from "../shared/workbook";
import type { DefinedName } from "./bridge";
import { asCell, asRange, cellName } from "../shared/a1";
import { DEFAULT_COLUMN_WIDTH, emptyMeta, formatAt, rect, shiftFormula, styleAt, type CellStyle, type Rect, type WorkbookMeta } from "./sheet";
import { addCharts, chartObjectName, readCharts, trimmed, type NativeChart } from "./xlsx-charts";
import { callsLev, formulaFromFile, formulaToFile, isBroken } from "./xlsx-formulas";
import {
  addDynamicArrayMetadata,
  addRelationship,
  addWebExtension,
  markDynamicArrays,
  REL,
  sheetParts,
  text,
  xmlEscape,
  xmlUnescape,
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
const EXCEL_DEFAULT_WIDTH = 8.43;
const pxToChars = (px: number) => Math.round(((px - 5) / 7) * 100) / 100;
const charsToPx = (chars: number) => Math.round(chars * 7 + 5);

const CHARTS_PART = "customXml/levCharts.xml";
const CHARTS_NS = "urn:lev:playground:charts";

async function excelJs() {
  const mod = (await import("exceljs")) as unknown as { default?: unknown };
  return (mod.default ?? mod) as typeof import("exceljs");
}

async function jsZip() {
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

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const hexOf = (c: { argb?: string } | undefined) => (c?.argb && /^[0-9A-F]{8}$/i.test(c.argb) ? `#${c.argb.slice(2).toUpperCase()}` : undefined);

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
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(c.fill) } }, font: { color: { argb: argb(c.font) } } },
          },
        ],
      } as never);
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
        yFormat: main ? formatOf(main.y) : undefined,
      };
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

/** Cells with the same value in a column, run together into rectangles (a format over a whole column is one). */
function runs<T>(cells: Map<string, T>, same: (a: T, b: T) => boolean): { rect: Rect; value: T }[] {
  const byCol = new Map<number, { row: number; value: T }[]>();
  for (const [key, value] of cells) {
    const [row, col] = key.split(",").map(Number) as [number, number];
    (byCol.get(col) ?? byCol.set(col, []).get(col)!).push({ row, value });
  }
  const out: { rect: Rect; value: T }[] = [];
  for (const [col, list] of byCol) {
    list.sort((a, b) => a.row - b.row);
    let start = list[0]!;
    let prev = start;
    for (const item of list.slice(1).concat([undefined as never])) {
      if (item && item.row === prev.row + 1 && same(item.value, start.value)) {
        prev = item;
        continue;
      }
      out.push({ rect: { top: start.row, left: col, bottom: prev.row, right: col }, value: start.value });
      if (item) start = prev = item;
    }
  }
  return out;
}

/** The numbers a worksheet's cells store, by address ("A2" → 45355.416666666664): cells without a type are numbers. */
function storedNumbers(sheetXml: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(?:<f\b[^>]*(?:\/>|>[^<]*<\/f>))?<v>([^<]*)<\/v>/g)) {
    if (/\bt="(?!n")/.test(m[2]!)) continue;
    const n = Number(m[3]);
    if (Number.isFinite(n)) out.set(m[1]!, n);
  }
  return out;
}

/** Excel's serial number for a date ExcelJS read (it gives dates as UTC Date objects). */
const serialOf = (d: Date) => d.getTime() / 86400000 + 25569;

export async function readXlsx(data: ArrayBuffer): Promise<WorkbookData> {
  const ExcelJS = await excelJs();
  const JSZip = await jsZip();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  const zip = await JSZip.loadAsync(data);
  const sheets: Record<string, unknown[][]> = {};
  const meta: WorkbookMeta = {};
  // ExcelJS turns a number with a date format into a Date, to the millisecond; the file's own number is kept
  const numbers = new Map<string, Map<string, number>>();
  for (const { name, part } of await sheetParts(zip)) numbers.set(name, storedNumbers((await text(zip, part)) ?? ""));
  wb.eachSheet((ws) => {
    const m = emptyMeta();
    // Excel's default is 8.43 characters (64 pixels) unless the sheet says otherwise
    const defaultWidth = charsToPx((ws.properties as { defaultColWidth?: number }).defaultColWidth ?? EXCEL_DEFAULT_WIDTH);
    if (defaultWidth !== DEFAULT_COLUMN_WIDTH) m.defaultWidth = defaultWidth;
    for (let c = 1; c <= ws.columnCount; c++) {
      const w = ws.getColumn(c).width;
      if (w) m.widths[c - 1] = charsToPx(w);
    }
    const rows: unknown[][] = [];
    const formats = new Map<string, string>();
    const styles = new Map<string, CellStyle>();
    const arrayBlocks: { top: number; left: number; bottom: number; right: number }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const r = rowNumber - 1;
        const c = colNumber - 1;
        const key = `${r},${c}`;
        if (cell.numFmt && cell.numFmt !== "General") formats.set(key, cell.numFmt);
        const fill = cell.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
        const style: CellStyle = {};
        if (fill?.type === "pattern" && fill.pattern === "solid" && hexOf(fill.fgColor)) style.fill = hexOf(fill.fgColor);
        if (hexOf(cell.font?.color)) style.font = hexOf(cell.font?.color);
        if (cell.font?.bold) style.bold = true;
        if (Object.keys(style).length > 0) styles.set(key, style);
        // The cells an array formula fills hold its results in the file; the formula fills them again.
        if (arrayBlocks.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right && !(r === b.top && c === b.left))) return;
        const v = cell.value as unknown;
        let content: unknown = v;
        // text, not a formula, even when it reads as one
        let text = typeof v === "string";
        if (v instanceof Date) content = numbers.get(ws.name)?.get(cell.address) ?? serialOf(v);
        else if (v && typeof v === "object") {
          const o = v as { formula?: string; sharedFormula?: string; shareType?: string; ref?: string; result?: { error?: string }; richText?: { text: string }[]; error?: string; text?: string };
          const formula = (cell as unknown as { formula?: string }).formula ?? o.formula;
          if (formula && (isBroken(formula) || o.result?.error === "#ERROR!")) {
            // a formula no program can read (saved with the non-Excel #ERROR!) is kept as the text it is
            content = `=${formula}`;
            text = true;
          } else if (formula) {
            content = `=${formulaFromFile(formula)}`;
            if (o.shareType === "array" && o.ref) {
              const block = asRange(o.ref);
              if (block) arrayBlocks.push(block);
            }
          } else if (o.richText) {
            content = o.richText.map((t) => t.text).join("");
            text = true;
          }
          else if (o.error) content = o.error;
          else if (typeof o.text === "string") {
            content = o.text;
            text = true;
          }
          else content = null;
        }
        // Text that would read as something else keeps Excel's apostrophe: "1:50" must not become a time.
        if (text && typeof content === "string" && needsApostrophe(content)) content = `'${content}`;
        if (content === undefined || content === null) return;
        (rows[r] ??= [])[c] = content;
      });
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets[ws.name] = rows.map((row) => Array.from(row, (x) => (x === undefined ? null : x)));
    m.formats = runs(formats, (a, b) => a === b).map((x) => ({ rect: x.rect, format: x.value }));
    m.styles = runs(styles, (a, b) => JSON.stringify(a) === JSON.stringify(b)).map((x) => ({ rect: x.rect, style: x.value }));
    for (const t of ws.getTables() as unknown as { table?: { name: string; tableRef?: string; ref?: string; style?: { theme?: string } } }[]) {
      const model = t.table ?? (t as never);
      const ref = model.tableRef ?? model.ref;
      if (ref) m.tables.push({ name: model.name, range: ref, style: model.style?.theme ?? "TableStyleMedium2" });
    }
    const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: (FileRule & { priority?: number })[] }[] }).conditionalFormattings ?? [];
    // Excel applies the rule of lowest priority number over the others; the playground applies the last one
    const rules = cfs.flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule }))).sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0));
    for (const { ref, rule } of rules) {
      const areas = ref.trim().split(/\s+/);
      const first = rect(areas[0]!);
      const formula = ruleFormula(areas[0]!, rule);
      if (!formula) continue;
      // a rule over several areas is one rule per area, its formula moved to each area's first cell
      for (const area of areas) {
        const r = rect(area);
        m.conditional.push({
          range: area,
          formula: shiftFormula(formula, r.top - first.top, r.left - first.left),
          fill: hexOf(rule.style?.fill?.bgColor) ?? hexOf(rule.style?.fill?.fgColor) ?? "#FFFFFF",
          font: hexOf(rule.style?.font?.color) ?? "#000000",
          meaning: "",
        } satisfies ConditionalFormat);
      }
    }
    meta[ws.name] = m;
  });

  // Names and charts, from the file's own parts.
  const order = wb.worksheets.map((w) => w.name);
  const workbookXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const sheetOrder = [...workbookXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((x) => xmlUnescape(x[1]!));
  const names: DefinedName[] = [];
  for (const x of workbookXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const attrs = x[1]!;
    const name = xmlUnescape(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? "");
    const local = /\blocalSheetId="(\d+)"/.exec(attrs)?.[1];
    const text = xmlUnescape(x[2]!);
    if (!/^[A-Za-z_\\][\w.]*$/.test(name) || name.startsWith("_xlnm") || /#REF!/.test(text) || asCell(name)) continue;
    const sheet = local === undefined ? undefined : (sheetOrder[Number(local)] ?? order[Number(local)]);
    if (local !== undefined && sheet === undefined) continue;
    names.push({ name, expression: `=${formulaFromFile(text)}`, sheet });
  }
  const chartsXml = await text(zip, CHARTS_PART);
  const requested = new Set<string>();
  if (chartsXml) {
    for (const x of chartsXml.matchAll(/<chart\b[^>]*\bsheet="([^"]*)"[^>]*>([\s\S]*?)<\/chart>/g)) {
      const sheet = xmlUnescape(x[1]!);
      try {
        const chart = JSON.parse(xmlUnescape(x[2]!)) as ChartPlan;
        if (meta[sheet] && Array.isArray(chart.series)) {
          meta[sheet]!.charts.push(chart);
          requested.add(sheet);
        }
      } catch {
        // a damaged chart part: the cells are still there
      }
    }
  }
  // Charts from another program (Excel): their series, as the playground can draw them. The playground's own
  // native charts are skipped where their requests are in the file: the requests are drawn instead.
  for (const { name, part } of await sheetParts(zip)) {
    if (meta[name]) meta[name]!.charts.push(...(await readCharts(zip, part, name, requested.has(name))));
  }
  return { sheets, meta, names };
}

/** A conditional format's rule as the file has it (ExcelJS's model). */
interface FileRule {
  type: string;
  operator?: string;
  formulae?: (string | number)[];
  style?: { fill?: { bgColor?: { argb?: string }; fgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
}

const CELL_IS: Record<string, string> = { lessThan: "<", lessThanOrEqual: "<=", equal: "=", notEqual: "<>", greaterThanOrEqual: ">=", greaterThan: ">" };

/**
 * A rule as the playground keeps it, a formula for the range's first cell: an expression rule's own formula, a
 * text or error rule's formula (Excel stores the test it makes, NOT(ISERROR(SEARCH("FALSE",A3)))), a "cell value
 * is" rule as the comparison it makes (greater than 5 on A1:A9 is =A1>5). Other rules (colour scales, data bars,
 * icon sets) are not kept.
 */
function ruleFormula(range: string, rule: FileRule): string | undefined {
  const [first, second] = (rule.formulae ?? []).map((f) => formulaFromFile(String(f)));
  if (rule.type === "expression" || rule.type === "containsText" || rule.type === "timePeriod") return first ? `=${first}` : undefined;
  if (rule.type !== "cellIs" || first === undefined) return undefined;
  const r = rect(range);
  const top = cellName(r.top, r.left);
  if (rule.operator === "between" && second !== undefined) return `=AND(${top}>=${first},${top}<=${second})`;
  if (rule.operator === "notBetween" && second !== undefined) return `=OR(${top}<${first},${top}>${second})`;
  const op = CELL_IS[rule.operator ?? ""];
  return op ? `=${top}${op}${first}` : undefined;
}
