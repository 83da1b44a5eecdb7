import { DetailedCellError, type HyperFormula } from "hyperformula";
import type { ChartPlan, ConditionalFormat } from "../taskpane/workbook";
import type { DefinedName } from "./bridge";
import { cellName, parseCell, parseRange } from "./format";
import { emptyMeta, formatAt, rect, styleAt, type CellStyle, type Rect, type WorkbookMeta } from "./sheet";

/*
 * .xlsx in and out (ExcelJS and JSZip, loaded on demand), so that Open → Save → Open loses nothing:
 * - formulas stay formulas, each saved with its last value (an error as an error value), so another
 *   program shows the last results; a spilled LEV table is an array formula over the block it fills;
 * - number formats, cell styles (input cells, bold headings), column widths, Excel tables and
 *   conditional formats;
 * - defined names, workbook-wide and sheet-scoped (two simulator sheets each have their own Entry):
 *   ExcelJS keeps names by name alone, so they are written to and read from xl/workbook.xml directly;
 * - charts: ExcelJS cannot write a chart, so the chart requests are kept in a custom XML part of the file
 *   (which Excel keeps and other programs ignore) and drawn again when the playground opens the file.
 * Formulas Excel saved with its own prefixes (_xlfn., _xldudf_LEV_…) are read back as typed.
 */

/** Column number formats per sheet: sheet name → column index → Excel format ("0.00%", "#,##0.00"). */
export type SheetFormats = Record<string, Record<number, string>>;

export interface WorkbookData {
  sheets: Record<string, unknown[][]>;
  meta: WorkbookMeta;
  names: DefinedName[];
}

/** Excel measures a column in characters of the default font (7 pixels) plus 5 pixels of padding. */
const pxToChars = (px: number) => Math.round(((px - 5) / 7) * 100) / 100;
const charsToPx = (chars: number) => Math.round(chars * 7 + 5);

const CHARTS_PART = "customXml/levCharts.xml";
const CHARTS_NS = "urn:lev:playground:charts";
const CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";

async function excelJs() {
  const mod = (await import("exceljs")) as unknown as { default?: unknown };
  return (mod.default ?? mod) as typeof import("exceljs");
}

async function jsZip() {
  const mod = (await import("jszip")) as unknown as { default?: unknown };
  return (mod.default ?? mod) as typeof import("jszip");
}

/** A formula as the playground writes it, from what Excel stored in the file. */
export function formulaFromFile(stored: string): string {
  return stored
    .replace(/_xldudf_([A-Z0-9]+)_([A-Z0-9_]+)\(/gi, "$1.$2(")
    .replace(/_xlfn\._xlws\.|_xlfn\.|_xlws\./gi, "");
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

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const xmlUnescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d))).replace(/&amp;/g, "&");

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

/** The last value of a cell as a file stores it: a number, text, boolean, or an error value. */
function lastValue(hf: HyperFormula, address: { sheet: number; row: number; col: number }): unknown {
  const v = hf.getCellValue(address);
  if (v instanceof DetailedCellError) return { error: v.value };
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return undefined;
}

export async function writeXlsx(hf: HyperFormula, meta: WorkbookMeta = {}): Promise<ArrayBuffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = "LEV playground";
  const charts: { sheet: string; chart: ChartPlan }[] = [];
  for (const name of hf.getSheetNames()) {
    const sheet = hf.getSheetId(name)!;
    const ws = wb.addWorksheet(name);
    const m = meta[name] ?? emptyMeta();
    const serialized = hf.getSheetSerialized(sheet);
    const fit: number[] = [];
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
        if (typeof content === "string" && content.startsWith("=")) {
          const range = arrayRange(hf, address);
          const result = lastValue(hf, address);
          put(cell, range ? { formula: content.slice(1), result, shareType: "array", ref: range } : { formula: content.slice(1), result });
        } else if (spilled) {
          // the cells a spill fills hold its results, as Excel saves them
          const value = lastValue(hf, address);
          if (value !== undefined) put(cell, value);
        } else if (content !== null && content !== undefined && content !== "") {
          // the value, not the typed text: '1:50 (text by its apostrophe) is written as the text 1:50
          const value = lastValue(hf, address);
          put(cell, value === undefined ? String(content) : value);
        }
        const format = formatAt(m, r, c);
        if (format && format !== "General") cell.numFmt = format;
        const style = styleAt(m, r, c);
        if (style?.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
        if (style?.font || style?.bold) cell.font = { ...(style.font ? { color: { argb: argb(style.font) } } : {}), ...(style.bold ? { bold: true } : {}) };
        if (content !== null && content !== undefined && content !== "") fit[c] = Math.max(fit[c] ?? 12, Math.min(40, String(content).length + 2));
      }
    }
    const cols = Math.max(fit.length, ...Object.keys(m.widths).map((c) => Number(c) + 1));
    for (let c = 0; c < cols; c++) {
      const px = m.widths[c];
      if (px) ws.getColumn(c + 1).width = pxToChars(px);
      else if (fit[c]) ws.getColumn(c + 1).width = fit[c]!;
    }
    for (const t of m.tables) addTable(ws, written, t.name, t.range, t.style);
    m.conditional.forEach((c, i) => {
      ws.addConditionalFormatting({
        ref: c.range,
        rules: [
          {
            type: "expression",
            priority: i + 1,
            formulae: [c.formula.replace(/^=/, "")],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(c.fill) } }, font: { color: { argb: argb(c.font) } } },
          },
        ],
      } as never);
    });
    for (const chart of m.charts) charts.push({ sheet: name, chart });
  }
  const buffer = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  return addNamesAndCharts(buffer, hf.getSheetNames(), definedNames(hf), charts);
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

/** Adds the defined names (with their scopes) and the charts' part to the file ExcelJS wrote. */
async function addNamesAndCharts(buffer: ArrayBuffer, sheets: string[], names: DefinedName[], charts: { sheet: string; chart: ChartPlan }[]): Promise<ArrayBuffer> {
  if (names.length === 0 && charts.length === 0) return buffer;
  const JSZip = await jsZip();
  const zip = await JSZip.loadAsync(buffer);
  if (names.length > 0) {
    const path = "xl/workbook.xml";
    let xml = await zip.file(path)!.async("string");
    const items = names.map((n) => {
      const scope = n.sheet === undefined ? "" : ` localSheetId="${sheets.indexOf(n.sheet)}"`;
      return `<definedName name="${xmlEscape(n.name)}"${scope}>${xmlEscape(n.expression.replace(/^=/, ""))}</definedName>`;
    });
    xml = xml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
    xml = xml.replace("</sheets>", `</sheets><definedNames>${items.join("")}</definedNames>`);
    zip.file(path, xml);
  }
  if (charts.length > 0) {
    const body = charts.map((c) => `<chart sheet="${xmlEscape(c.sheet)}">${xmlEscape(JSON.stringify(c.chart))}</chart>`).join("");
    zip.file(CHARTS_PART, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<charts xmlns="${CHARTS_NS}">${body}</charts>`);
    const relsPath = "xl/_rels/workbook.xml.rels";
    const rels = await zip.file(relsPath)!.async("string");
    zip.file(relsPath, rels.replace("</Relationships>", `<Relationship Id="rIdLevCharts" Type="${CUSTOM_XML_REL}" Target="../${CHARTS_PART}"/></Relationships>`));
  }
  return zip.generateAsync({ type: "arraybuffer", compression: "DEFLATE" });
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
  wb.eachSheet((ws) => {
    const m = emptyMeta();
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
        if (v instanceof Date) content = serialOf(v);
        else if (v && typeof v === "object") {
          const o = v as { formula?: string; sharedFormula?: string; shareType?: string; ref?: string; richText?: { text: string }[]; error?: string; text?: string };
          const formula = (cell as unknown as { formula?: string }).formula ?? o.formula;
          if (formula) {
            content = `=${formulaFromFile(formula)}`;
            if (o.shareType === "array" && o.ref) {
              const block = parseRange(o.ref);
              if (block) arrayBlocks.push(block);
            }
          } else if (o.richText) content = o.richText.map((t) => t.text).join("");
          else if (o.error) content = o.error;
          else if (typeof o.text === "string") content = o.text;
          else content = null;
        }
        // Text that would read as something else keeps Excel's apostrophe: "1:50" must not become a time.
        if (typeof content === "string" && !content.startsWith("=") && needsApostrophe(content)) content = `'${content}`;
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
    const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string }; fgColor?: { argb?: string } }; font?: { color?: { argb?: string } } } }[] }[] }).conditionalFormattings ?? [];
    for (const cf of cfs) {
      for (const rule of cf.rules) {
        if (rule.type !== "expression" || !rule.formulae?.[0]) continue;
        m.conditional.push({
          range: cf.ref,
          formula: `=${rule.formulae[0]}`,
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
    if (!/^[A-Za-z_\\][\w.]*$/.test(name) || name.startsWith("_xlnm") || /#REF!/.test(text) || parseCell(name)) continue;
    const sheet = local === undefined ? undefined : (sheetOrder[Number(local)] ?? order[Number(local)]);
    if (local !== undefined && sheet === undefined) continue;
    names.push({ name, expression: `=${formulaFromFile(text)}`, sheet });
  }
  const chartsXml = await zip.file(CHARTS_PART)?.async("string");
  if (chartsXml) {
    for (const x of chartsXml.matchAll(/<chart\b[^>]*\bsheet="([^"]*)"[^>]*>([\s\S]*?)<\/chart>/g)) {
      const sheet = xmlUnescape(x[1]!);
      try {
        const chart = JSON.parse(xmlUnescape(x[2]!)) as ChartPlan;
        if (meta[sheet] && Array.isArray(chart.series)) meta[sheet]!.charts.push(chart);
      } catch {
        // a damaged chart part: the cells are still there
      }
    }
  }
  return { sheets, meta, names };
}
