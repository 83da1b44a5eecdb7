import type JSZip from "jszip";
import type { ChartPlan, ConditionalFormat } from "../shared/workbook";
import type { DefinedName } from "./bridge";
import { asCell, asRange, cellName } from "../shared/a1";
import { DEFAULT_COLUMN_WIDTH, emptyMeta, rect, shiftFormula, type CellStyle, type Rect, type SheetMeta, type WorkbookMeta } from "./sheet";
import { readCharts } from "./xlsx-charts";
import { formulaFromFile, isBroken } from "./xlsx-formulas";
import { sheetParts, text, xmlUnescape } from "./xlsx-package";
import { CHARTS_PART, charsToPx, EXCEL_DEFAULT_WIDTH, excelJs, hexOf, jsZip, needsApostrophe, type WorkbookData } from "./xlsx";

/**
 * Reading an .xlsx file into sheets, formats, styles, tables, conditional formats, names and charts: the
 * other half of xlsx.ts, whose description covers both.
 */

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

type Worksheet = import("exceljs").Worksheet;
type Cell = import("exceljs").Cell;

export async function readXlsx(data: ArrayBuffer): Promise<WorkbookData> {
  const ExcelJS = await excelJs();
  const JSZip = await jsZip();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  const zip = await JSZip.loadAsync(data);
  const sheets: Record<string, unknown[][]> = {};
  const meta: WorkbookMeta = {};
  const numbers = await storedNumbersBySheet(zip);
  wb.eachSheet((ws) => {
    const { rows, formats, styles } = readCells(ws, numbers.get(ws.name));
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets[ws.name] = rows.map((row) => Array.from(row, (x) => (x === undefined ? null : x)));
    const m = emptyMeta();
    readWidths(ws, m);
    m.formats = runs(formats, (a, b) => a === b).map((x) => ({ rect: x.rect, format: x.value }));
    m.styles = runs(styles, (a, b) => JSON.stringify(a) === JSON.stringify(b)).map((x) => ({ rect: x.rect, style: x.value }));
    m.tables.push(...readTables(ws));
    m.conditional.push(...readConditionalFormats(ws));
    meta[ws.name] = m;
  });
  // Names and charts, from the file's own parts.
  const workbookXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const names = readNames(workbookXml, wb.worksheets.map((w) => w.name));
  await readChartsInto(meta, zip);
  return { sheets, meta, names };
}

/** ExcelJS turns a number with a date format into a Date, to the millisecond; the file's own number is kept, by sheet. */
async function storedNumbersBySheet(zip: JSZip): Promise<Map<string, Map<string, number>>> {
  const numbers = new Map<string, Map<string, number>>();
  for (const { name, part } of await sheetParts(zip)) numbers.set(name, storedNumbers((await text(zip, part)) ?? ""));
  return numbers;
}

/** The column widths, and the sheet's default width: Excel's is 8.43 characters (64 pixels) unless the sheet says otherwise. */
function readWidths(ws: Worksheet, m: SheetMeta): void {
  const defaultWidth = charsToPx((ws.properties as { defaultColWidth?: number }).defaultColWidth ?? EXCEL_DEFAULT_WIDTH);
  if (defaultWidth !== DEFAULT_COLUMN_WIDTH) m.defaultWidth = defaultWidth;
  for (let c = 1; c <= ws.columnCount; c++) {
    const w = ws.getColumn(c).width;
    if (w) m.widths[c - 1] = charsToPx(w);
  }
}

/** A sheet's cells: their contents by row and column, and their number formats and styles by "row,col". */
function readCells(ws: Worksheet, stored: Map<string, number> | undefined) {
  const rows: unknown[][] = [];
  const formats = new Map<string, string>();
  const styles = new Map<string, CellStyle>();
  const arrayBlocks: Rect[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const r = rowNumber - 1;
      const c = colNumber - 1;
      const key = `${r},${c}`;
      if (cell.numFmt && cell.numFmt !== "General") formats.set(key, cell.numFmt);
      const style = cellStyle(cell);
      if (style) styles.set(key, style);
      // The cells an array formula fills hold its results in the file; the formula fills them again.
      if (arrayBlocks.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right && !(r === b.top && c === b.left))) return;
      const content = cellContent(cell, stored, arrayBlocks);
      if (content === undefined || content === null) return;
      (rows[r] ??= [])[c] = content;
    });
  });
  return { rows, formats, styles };
}

/** A cell's solid fill, font colour and bold, or undefined when it has none of them. */
function cellStyle(cell: Cell): CellStyle | undefined {
  const fill = cell.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
  const style: CellStyle = {};
  if (fill?.type === "pattern" && fill.pattern === "solid" && hexOf(fill.fgColor)) style.fill = hexOf(fill.fgColor);
  if (hexOf(cell.font?.color)) style.font = hexOf(cell.font?.color);
  if (cell.font?.bold) style.bold = true;
  return Object.keys(style).length > 0 ? style : undefined;
}

/**
 * What a cell holds as the playground keeps it: a number (a date as the file's own serial number), text, a
 * formula (an array formula's block added to `arrayBlocks`), an error code; null or undefined when nothing.
 */
function cellContent(cell: Cell, stored: Map<string, number> | undefined, arrayBlocks: Rect[]): unknown {
  const v = cell.value as unknown;
  let content: unknown = v;
  // text, not a formula, even when it reads as one
  let text = typeof v === "string";
  if (v instanceof Date) content = stored?.get(cell.address) ?? serialOf(v);
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
  return content;
}

/** The sheet's tables, with their style (Excel's default where the file names none). */
function readTables(ws: Worksheet): SheetMeta["tables"] {
  const out: SheetMeta["tables"] = [];
  for (const t of ws.getTables() as unknown as { table?: { name: string; tableRef?: string; ref?: string; style?: { theme?: string } } }[]) {
    const model = t.table ?? (t as never);
    const ref = model.tableRef ?? model.ref;
    if (ref) out.push({ name: model.name, range: ref, style: model.style?.theme ?? "TableStyleMedium2" });
  }
  return out;
}

/** The sheet's conditional formats the playground can apply, in the order it applies them. */
function readConditionalFormats(ws: Worksheet): ConditionalFormat[] {
  const out: ConditionalFormat[] = [];
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
      out.push({
        range: area,
        formula: shiftFormula(formula, r.top - first.top, r.left - first.left),
        fill: hexOf(rule.style?.fill?.bgColor) ?? hexOf(rule.style?.fill?.fgColor) ?? "#FFFFFF",
        font: hexOf(rule.style?.font?.color) ?? "#000000",
        meaning: "" } satisfies ConditionalFormat);
    }
  }
  return out;
}

/** The workbook's defined names a formula can use: workbook-wide, or scoped to a sheet (by its place in `order`). */
function readNames(workbookXml: string, order: string[]): DefinedName[] {
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
  return names;
}

/**
 * The charts of each sheet: the playground's own chart requests (its chart part), then charts from another program
 * (Excel), their series as the playground can draw them. The playground's own native charts are skipped where
 * their requests are in the file: the requests are drawn instead.
 */
async function readChartsInto(meta: WorkbookMeta, zip: JSZip): Promise<void> {
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
  for (const { name, part } of await sheetParts(zip)) {
    if (meta[name]) meta[name]!.charts.push(...(await readCharts(zip, part, name, requested.has(name))));
  }
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
