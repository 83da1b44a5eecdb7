import type { HyperFormula } from "hyperformula";
import { cellName, parseRange } from "./format";

/*
 * .xlsx in and out (ExcelJS, loaded on demand): formulas are kept as formulas, so a journal moves between
 * the playground and Excel. A spilled LEV table is written as an array formula over the block it fills, so
 * Excel shows the whole table; formulas Excel saved with its own prefixes (_xlfn., _xldudf_LEV_…) are read
 * back as typed.
 */

/** Column number formats per sheet: sheet name → column index → Excel format ("0.00%", "#,##0.00"). */
export type SheetFormats = Record<string, Record<number, string>>;

/** Column widths in pixels per sheet. */
export type SheetWidths = Record<string, Record<number, number>>;

export interface WorkbookData {
  sheets: Record<string, unknown[][]>;
  formats: SheetFormats;
  widths: SheetWidths;
}

/** Excel measures column width in characters of about 7 pixels. */
const PX_PER_CHAR = 7;

async function excelJs() {
  const mod = (await import("exceljs")) as unknown as { default?: unknown };
  return (mod.default ?? mod) as typeof import("exceljs");
}

/** A formula as the playground writes it, from what Excel stored in the file. */
export function formulaFromFile(stored: string): string {
  return stored
    .replace(/_xldudf_([A-Z0-9]+)_([A-Z0-9_]+)\(/gi, "$1.$2(")
    .replace(/_xlfn\._xlws\.|_xlfn\.|_xlws\./gi, "");
}

export async function writeXlsx(hf: HyperFormula, formats: SheetFormats = {}, widths: SheetWidths = {}): Promise<ArrayBuffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = "LEV playground";
  for (const name of hf.getSheetNames()) {
    const sheet = hf.getSheetId(name)!;
    const ws = wb.addWorksheet(name);
    const serialized = hf.getSheetSerialized(sheet);
    const colFormats = formats[name] ?? {};
    const fit: number[] = [];
    serialized.forEach((row, r) => {
      row.forEach((content, c) => {
        if (content === null || content === undefined || content === "") return;
        const address = { sheet, row: r, col: c };
        const cell = ws.getCell(cellName(r, c));
        if (typeof content === "string" && content.startsWith("=")) {
          const value = hf.getCellValue(address);
          const result = typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? value : undefined;
          const range = arrayRange(hf, address);
          cell.value = range
            ? ({ formula: content.slice(1), result, shareType: "array", ref: range } as never)
            : ({ formula: content.slice(1), result } as never);
        } else {
          // the value, not the typed text: '1:50 (text by its apostrophe) is written as the text 1:50
          const value = hf.getCellValue(address);
          cell.value = (typeof value === "object" && value !== null ? String(content) : value) as never;
        }
        if (colFormats[c]) cell.numFmt = colFormats[c]!;
        fit[c] = Math.max(fit[c] ?? 12, Math.min(40, String(content).length + 2));
      });
    });
    fit.forEach((w, c) => {
      const px = widths[name]?.[c];
      ws.getColumn(c + 1).width = px ? Math.round((px / PX_PER_CHAR) * 10) / 10 : w;
    });
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
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

export async function readXlsx(data: ArrayBuffer): Promise<WorkbookData> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  const sheets: Record<string, unknown[][]> = {};
  const formats: SheetFormats = {};
  const widths: SheetWidths = {};
  wb.eachSheet((ws) => {
    const colWidths: Record<number, number> = {};
    for (let c = 1; c <= ws.columnCount; c++) {
      const w = ws.getColumn(c).width;
      if (w) colWidths[c - 1] = Math.round(w * PX_PER_CHAR);
    }
    widths[ws.name] = colWidths;
    const rows: unknown[][] = [];
    const colFormats: Record<number, string> = {};
    const arrayBlocks: { top: number; left: number; bottom: number; right: number }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const r = rowNumber - 1;
        const c = colNumber - 1;
        // The cells an array formula fills hold its results in the file; the formula fills them again.
        if (arrayBlocks.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right && !(r === b.top && c === b.left))) return;
        const v = cell.value as unknown;
        let content: unknown = v;
        if (v && typeof v === "object") {
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
          else if (v instanceof Date) content = v.toISOString().slice(0, 10);
          else if (typeof o.text === "string") content = o.text;
          else content = null;
        }
        // Text stays text (an apostrophe in front, as Excel has it): "1:50" must not become a time.
        if (typeof content === "string" && !content.startsWith("=")) content = `'${content}`;
        (rows[r] ??= [])[c] = content;
        if (cell.numFmt && cell.numFmt !== "General" && colFormats[c] === undefined) colFormats[c] = cell.numFmt;
      });
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets[ws.name] = rows.map((row) => Array.from(row, (x) => (x === undefined ? null : x)));
    formats[ws.name] = colFormats;
  });
  return { sheets, formats, widths };
}
