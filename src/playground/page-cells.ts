import { type RawCellContent } from "hyperformula";
import { series, type Content } from "./fill";
import { formatNumber, isDateFormat } from "./format";
import { textWidth, type Rect } from "./grid";
import { rangeName } from "../shared/a1";
import { emptyMeta, formatAt, shiftMeta, writeBlock } from "./sheet";
import type { PlaygroundPage } from "./page";
import { DEFAULT_WIDTH, CELL_INSET } from "./page-common";
import { drawCharts } from "./page-charts";
import { address, shownText, styleOf } from "./page-view";

/**
 * Changing cells and columns: fill, insert and delete rows or columns, widths, formats, clearing, and going to
 * a typed address. Functions of the PlaygroundPage (page.ts), which keeps the state they share.
 */

/** Ctrl+D / Ctrl+R: the top row (left column) of the selection copied over the rest; one row: the row above. */
export function fillFromEdge(page: PlaygroundPage, dir: "down" | "right"): void {
  const r = page.grid.selection.range;
  if (dir === "down") {
    if (r.top === r.bottom) {
      if (r.top === 0) return;
      page.fill({ ...r, top: r.top - 1, bottom: r.top - 1 }, { ...r, top: r.top - 1 }, false);
    } else page.fill({ ...r, bottom: r.top }, r, false);
  } else if (r.left === r.right) {
    if (r.left === 0) return;
    page.fill({ ...r, left: r.left - 1, right: r.left - 1 }, { ...r, left: r.left - 1 }, false);
  } else page.fill({ ...r, right: r.left }, r, false);
}

/**
 * Fills `target` (which contains `source`) from `source`: formulas with their relative references moved
 * (HyperFormula's getFillRangeData), and, from the fill handle, series of numbers, dates and numbered text.
 */
export function fill(page: PlaygroundPage, source: Rect, target: Rect, makeSeries: boolean): void {
  const range = (r: Rect) => ({ start: address(page, r.top, r.left), end: address(page, r.bottom, r.right) });
  const data = page.hf.getFillRangeData(range(source), range(target));
  const vertical = target.top < source.top || target.bottom > source.bottom;
  const backward = target.top < source.top || target.left < source.left;
  if (makeSeries) {
    const lines = vertical ? source.right - source.left + 1 : source.bottom - source.top + 1;
    const count = vertical ? target.bottom - target.top + 1 - (source.bottom - source.top + 1) : target.right - target.left + 1 - (source.right - source.left + 1);
    for (let i = 0; i < lines; i++) {
      const cells = vertical
        ? Array.from({ length: source.bottom - source.top + 1 }, (_, k) => ({ row: source.top + k, col: source.left + i }))
        : Array.from({ length: source.right - source.left + 1 }, (_, k) => ({ row: source.top + i, col: source.left + k }));
      const line = cells.map((c) => page.hf.getCellSerialized(address(page, c.row, c.col)) as Content);
      const dates = cells.map((c) => isDateFormat(formatAt(page.sheetMeta, c.row, c.col)));
      const made = series(line, dates, count, backward);
      if (!made) continue;
      made.forEach((v, k) => {
        const pos = backward ? (vertical ? source.top - 1 - k : source.left - 1 - k) : vertical ? source.bottom + 1 + k : source.right + 1 + k;
        const r = vertical ? pos - target.top : source.top + i - target.top;
        const c = vertical ? source.left + i - target.left : pos - target.left;
        data[r]![c] = v as RawCellContent;
      });
    }
  }
  // only the cells beyond the source are written
  const part: Rect = vertical
    ? backward
      ? { ...target, bottom: source.top - 1 }
      : { ...target, top: source.bottom + 1 }
    : backward
      ? { ...target, right: source.left - 1 }
      : { ...target, left: source.right + 1 };
  const rows = data.slice(part.top - target.top, part.bottom - target.top + 1).map((l) => l.slice(part.left - target.left, part.right - target.left + 1));
  const sheet = page.sheet;
  const ok = page.act(() => {
    writeBlock(page.hf, page.sheetMeta, sheet, part.top, part.left, rows);
    // each line's format goes with it
    const meta = page.sheetMeta;
    for (let i = vertical ? source.left : source.top; i <= (vertical ? source.right : source.bottom); i++) {
      const format = vertical ? formatAt(meta, source.top, i) : formatAt(meta, i, source.left);
      if (format && (vertical ? formatAt(meta, part.top, i) : formatAt(meta, i, part.left)) !== format) {
        setFormat(page, vertical ? { top: part.top, bottom: part.bottom, left: i, right: i } : { top: i, bottom: i, left: part.left, right: part.right }, format);
      }
    }
  }, "fill");
  if (ok) {
    page.grid.select(page.grid.selection.row, page.grid.selection.col, target);
    page.setStatus(`Filled ${rangeName(part)}`);
  }
}

export function insertCells(page: PlaygroundPage, axis: "rows" | "cols", at: number, count: number): void {
  const sheet = page.sheet;
  const ok = page.act(() => {
    if (axis === "rows") page.hf.addRows(sheet, [at, count]);
    else page.hf.addColumns(sheet, [at, count]);
    if (page.sheetMeta) shiftMeta(page.sheetMeta, axis, at, count);
  }, `insert ${axis === "rows" ? "rows" : "columns"}`);
  if (ok) page.setStatus(`Inserted ${count} ${axis === "rows" ? "row" : "column"}${count === 1 ? "" : "s"}`);
}

export function deleteCells(page: PlaygroundPage, axis: "rows" | "cols", at: number, count: number): void {
  const sheet = page.sheet;
  const ok = page.act(() => {
    if (axis === "rows") page.hf.removeRows(sheet, [at, count]);
    else page.hf.removeColumns(sheet, [at, count]);
    if (page.sheetMeta) shiftMeta(page.sheetMeta, axis, at, -count);
  }, `delete ${axis === "rows" ? "rows" : "columns"}`);
  if (ok) page.setStatus(`Deleted ${count} ${axis === "rows" ? "row" : "column"}${count === 1 ? "" : "s"}`);
}

export function setWidth(page: PlaygroundPage, col: number, width: number): void {
  if (page.readOnly) return;
  page.meta[page.sheetName] ??= emptyMeta();
  page.meta[page.sheetName]!.widths[col] = width;
  page.grid.reset();
  drawCharts(page);
  page.changed();
}

/** Double-click on a column's border: the column as wide as its widest text (Excel's AutoFit). */
export function fitColumn(page: PlaygroundPage, col: number): void {
  const { height } = page.hf.getSheetDimensions(page.sheet);
  let widest = 0;
  for (let row = 0; row < height; row++) {
    const text = shownText(page, row, col);
    if (text) widest = Math.max(widest, textWidth(text, styleOf(page, row, col)?.bold));
  }
  setWidth(page, col, Math.max(24, widest + CELL_INSET));
  page.setStatus(`Column ${rangeName({ top: 0, left: col, bottom: 0, right: col }).replace(/\d+/, "")} fitted to its contents`);
}

/** Goes to what the name box holds: any address (B7, A500, ZZ1, A1:C9, Sheet!B4) or a defined name. */
export function goToName(page: PlaygroundPage, text: string): void {
  const t = text.trim();
  if (t === "") return;
  let target = parseAddress(page, t);
  if (!target) {
    const name = page.hf.listNamedExpressions(page.sheet).find((n) => n.toLowerCase() === t.toLowerCase()) ?? page.hf.listNamedExpressions().find((n) => n.toLowerCase() === t.toLowerCase());
    const scope = name && page.hf.listNamedExpressions(page.sheet).includes(name) ? page.sheet : undefined;
    const formula = name ? page.hf.getNamedExpressionFormula(name, scope) : undefined;
    if (formula) target = parseAddress(page, formula.replace(/^=/, ""));
  }
  if (!target) {
    page.setStatus(`"${t}" is not a cell address (such as B7 or A1:C9) or a defined name of this workbook.`);
    page.nameBox.select();
    return;
  }
  if (target.sheet !== page.sheet) page.activateSheet(page.hf.getSheetName(target.sheet)!);
  const r = target.range;
  page.grid.select(r.top, r.left, r.top === r.bottom && r.left === r.right ? undefined : r);
  page.grid.focus();
}

export function parseAddress(page: PlaygroundPage, text: string): { sheet: number; range: Rect } | undefined {
  const t = text.replace(/\$/g, "");
  try {
    const cell = page.hf.simpleCellAddressFromString(t, page.sheet);
    if (cell) return { sheet: cell.sheet, range: { top: cell.row, left: cell.col, bottom: cell.row, right: cell.col } };
    const range = page.hf.simpleCellRangeFromString(t, page.sheet);
    if (range) return { sheet: range.start.sheet, range: { top: range.start.row, left: range.start.col, bottom: range.end.row, right: range.end.col } };
  } catch {
    // not an address
  }
  return undefined;
}

/** Gives a block a number format; a column of the default width widens to show a date, as Excel's does. */
export function setFormat(page: PlaygroundPage, r: Rect, format: string, sample?: number): void {
  page.meta[page.sheetName] ??= emptyMeta();
  const meta = page.meta[page.sheetName]!;
  meta.formats.push({ rect: r, format });
  if (sample !== undefined && isDateFormat(format)) {
    const need = textWidth(formatNumber(sample, format, 40), styleOf(page, r.top, r.left)?.bold) + CELL_INSET;
    for (let c = r.left; c <= r.right; c++) if (meta.widths[c] === undefined && need > DEFAULT_WIDTH) meta.widths[c] = need;
  }
}

export function clearRange(page: PlaygroundPage, r: Rect): void {
  const rows = Array.from({ length: r.bottom - r.top + 1 }, () => Array.from({ length: r.right - r.left + 1 }, () => null));
  const sheet = page.sheet;
  page.act(() => {
    page.hf.batch(() => page.hf.setCellContents({ sheet, row: r.top, col: r.left }, rows));
  }, `clear ${rangeName(r)}`);
}
