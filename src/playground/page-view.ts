import { DetailedCellError, type SimpleCellAddress } from "hyperformula";
import { HF_CONFIG } from "./bridge";
import { cellName, rangeName } from "../shared/a1";
import { formatNumber, isDateFormat } from "./format";
import { textWidth, type CellView } from "./grid";
import { emptyMeta, formatAt, inside, rect, shiftFormula, styleAt, type CellStyle } from "./sheet";
import type { PlaygroundPage } from "./page";
import { MIN_ROWS, MIN_COLS, DEFAULT_WIDTH, HINT, TABLE_HEADER, TABLE_BAND, CELL_INSET, isoDate } from "./page-common";

/**
 * What the grid shows: each cell's text, format and style (conditional formats included), its accessible name,
 * and the selection's reflection in the name box and formula bar. Functions of the PlaygroundPage (page.ts),
 * which keeps the state they share.
 */

export function address(page: PlaygroundPage, row: number, col: number): SimpleCellAddress {
  return { sheet: page.sheet, row, col };
}

export function gridSource(page: PlaygroundPage) {
  return {
    // the sheet reaches as far as its cells and its charts, with room to spare
    rowCount: () => Math.max(MIN_ROWS, page.hf.getSheetDimensions(page.sheet).height + 20, chartReach(page, "bottom") + 20),
    colCount: () => Math.max(MIN_COLS, page.hf.getSheetDimensions(page.sheet).width + 4, chartReach(page, "right") + 4),
    maxRow: () => HF_CONFIG.maxRows - 1,
    maxCol: () => HF_CONFIG.maxColumns - 1,
    colWidth: (col: number) => colWidth(page, col),
    view: (row: number, col: number): CellView => view(page, row, col),
    isEmpty: (row: number, col: number) => {
      const v = page.hf.getCellValue(address(page, row, col));
      return v === null || v === undefined || v === "";
    },
    used: () => {
      const d = page.hf.getSheetDimensions(page.sheet);
      return { rows: d.height, cols: d.width };
    },
    describe: (row: number, col: number) => describe(page, row, col) };
}

/** The active cell as a screen reader says it: "B4, 62,000" and "Formula: =D4*F4". */
export function describe(page: PlaygroundPage, row: number, col: number): { name: string; description: string } {
  const shown = shownText(page, row, col);
  const name = `${cellName(row, col)}, ${shown === "" ? "blank" : shown}`;
  const a = address(page, row, col);
  const formula = page.hf.getCellFormula(a);
  const v = page.hf.getCellValue(a);
  const parts: string[] = [];
  if (formula) parts.push(`Formula: ${formula}`);
  if (v instanceof DetailedCellError && v.message) parts.push(v.message);
  return { name, description: parts.join(". ") };
}

/** The last row or column a chart of the active sheet covers (-1 without charts). */
export function chartReach(page: PlaygroundPage, side: "bottom" | "right"): number {
  return Math.max(-1, ...(page.sheetMeta?.charts ?? []).map((c) => rect(c.anchor)[side]));
}

export function colWidth(page: PlaygroundPage, col: number): number {
  return page.sheetMeta?.widths[col] ?? page.sheetMeta?.defaultWidth ?? DEFAULT_WIDTH;
}

export function view(page: PlaygroundPage, row: number, col: number): CellView {
  const a = address(page, row, col);
  const v = page.hf.getCellValue(a);
  const spilled = page.hf.isCellPartOfArray(a) && page.hf.getCellFormula(a) === undefined;
  const style = styleOf(page, row, col);
  if (v === null || v === undefined || v === "") return { text: "", kind: "empty", spilled, style };
  if (v instanceof DetailedCellError) return { text: v.value, kind: "error", title: `${v.value} ${v.message ?? ""}`.trim(), spilled, style };
  if (typeof v === "number") {
    // As Excel: as many digits as the column has room for in General, ### when a number does not fit.
    const room = colWidth(page, col) - CELL_INSET;
    const fits = (text: string) => textWidth(text, style?.bold) <= room;
    return { text: formatNumber(v, formatOf(page, row, col), fits), kind: "number", spilled, style };
  }
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", kind: "boolean", spilled, style };
  return { text: String(v), kind: "text", spilled, overflow: true, style };
}

/** A cell's text as its format shows it whatever the column's width (what Ctrl+C copies). */
export function shownText(page: PlaygroundPage, row: number, col: number, sheet = page.sheet): string {
  const v = page.hf.getCellValue({ sheet, row, col });
  if (v === null || v === undefined) return "";
  if (v instanceof DetailedCellError) return v.value;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return formatNumber(v, formatAt(page.meta[page.hf.getSheetName(sheet) ?? ""], row, col), 1000);
  return String(v);
}

/** A cell's number format: its own, or the one its value carries (a LEV table's dates, prices, money). */
export function formatOf(page: PlaygroundPage, row: number, col: number, sheet = page.sheet): string | undefined {
  return formatAt(page.meta[page.hf.getSheetName(sheet) ?? ""], row, col) ?? page.bridge.valueFormat(page.hf, { sheet, row, col });
}

/**
 * A column of the default width that a LEV table spills dates into widens to show them, as one a date is typed
 * into does (a column given a width keeps it: ### there, as in Excel).
 */
export function widenForDates(page: PlaygroundPage): void {
  const meta = page.sheetMeta;
  for (const { row, col, format } of page.bridge.valueFormats(page.hf, page.sheet)) {
    if (meta?.widths[col] !== undefined || meta?.defaultWidth !== undefined || !isDateFormat(format) || formatAt(meta, row, col)) continue;
    const v = page.hf.getCellValue(address(page, row, col));
    if (typeof v !== "number") continue;
    const need = textWidth(formatNumber(v, format, 40), styleOf(page, row, col)?.bold) + CELL_INSET;
    if (need > DEFAULT_WIDTH) (page.meta[page.sheetName] ??= emptyMeta()).widths[col] = need;
  }
}

/** A cell's look: its table's style, then its own style, then any conditional format that holds. */
export function styleOf(page: PlaygroundPage, row: number, col: number): CellStyle | undefined {
  const meta = page.sheetMeta;
  if (!meta) return undefined;
  let style: CellStyle | undefined;
  for (const t of meta.tables) {
    const r = rect(t.range);
    if (!inside(r, row, col)) continue;
    if (row === r.top) style = { ...TABLE_HEADER };
    else if ((row - r.top) % 2 === 1) style = { ...TABLE_BAND };
  }
  const own = styleAt(meta, row, col);
  if (own) style = { ...style, ...own };
  for (const c of meta.conditional) {
    const r = rect(c.range);
    if (!inside(r, row, col)) continue;
    if (ruleHolds(page, shiftFormula(c.formula, row - r.top, col - r.left))) style = { ...style, fill: c.fill, font: c.font };
  }
  return style;
}

/** Whether a conditional format's rule, moved to one cell, is TRUE now. */
export function ruleHolds(page: PlaygroundPage, formula: string): boolean {
  const key = `${page.sheet}|${formula}`;
  let holds = page.ruleCache.get(key);
  if (holds === undefined) {
    try {
      const v = page.hf.calculateFormula(formula, page.sheet);
      holds = v === true || (typeof v === "number" && v !== 0);
    } catch {
      holds = false;
    }
    page.ruleCache.set(key, holds);
  }
  return holds;
}

/** What the formula bar shows for a cell: its formula, or its value as typed. */
export function contentOf(page: PlaygroundPage, row: number, col: number): string {
  const a = address(page, row, col);
  const formula = page.hf.getCellFormula(a);
  if (formula) return formula;
  const raw = page.hf.getCellSerialized(a);
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
  // A date shows as a date in the bar too, in a form commit() reads back.
  if (typeof raw === "number" && isDateFormat(formatAt(page.sheetMeta, row, col))) return isoDate(raw);
  return String(raw);
}

export function onSelect(page: PlaygroundPage): void {
  const { row, col, range } = page.grid.selection;
  if (document.activeElement !== page.nameBox) page.nameBox.value = range.top === range.bottom && range.left === range.right ? cellName(row, col) : rangeName(range);
  if (document.activeElement !== page.bar) page.bar.value = contentOf(page, row, col);
  const a = address(page, row, col);
  const v = page.hf.getCellValue(a);
  if (v instanceof DetailedCellError) {
    page.info.className = "cell-info error";
    page.info.textContent = `${cellName(row, col)}: ${v.value}${v.message ? ` — ${v.message}` : ""}`;
  } else if (page.hf.isCellPartOfArray(a) && page.hf.getCellFormula(a) === undefined) {
    page.info.className = "cell-info";
    page.info.textContent = `${cellName(row, col)} is part of a spilled result.`;
  } else {
    page.info.className = "cell-info";
    page.info.textContent = HINT;
  }
}
