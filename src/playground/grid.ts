import { listenToPointer } from "./grid-mouse";
import { edge, onKey } from "./grid-keys";
import { render } from "./grid-render";

/*
 * A small virtualized spreadsheet grid: only the rows and cells in view exist in the DOM (so a 10,000-row
 * journal scrolls as fast as a 10-row one), with sticky column letters and row numbers. It follows the
 * WAI-ARIA grid pattern: the scroll box is the `grid` (focusable, with aria-activedescendant on the active
 * cell), a header `row` of `columnheader`s, and a `row` per sheet row with its `rowheader` and `gridcell`s,
 * each with aria-rowindex / aria-colindex against the grid's aria-rowcount / aria-colcount.
 *
 * It knows nothing of formulas: a GridSource says what each cell shows, and GridEvents hears what the user
 * does (select, edit, clear, fill, resize, the context menu). It keeps a range selection (Shift+arrows,
 * Shift+click, drag), moves as Excel does (Ctrl+arrows to the edge of the data, Home, Ctrl+Home, Ctrl+End,
 * Enter back to the column where a run of Tabs began), and has a fill handle and column borders to drag.
 * The in-cell editor, the fill handle and charts sit in an overlay beside the grid element (so the grid
 * holds rows only), kept over the cells as they scroll.
 */

export interface CellView {
  text: string;
  kind: "number" | "text" | "boolean" | "error" | "empty";
  /** Shown on hover: an error's message. */
  title?: string;
  /** The cell is filled by a formula elsewhere (a spill). */
  spilled?: boolean;
  /** Text may run on over the (empty) cells to the right. */
  overflow?: boolean;
  /** Fill and font colours, bold (input cells, headings, tables, conditional formats). */
  style?: { fill?: string; font?: string; bold?: boolean };
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface GridSource {
  rowCount(): number;
  colCount(): number;
  /** The last row and column a sheet can have (Excel's limits). */
  maxRow(): number;
  maxCol(): number;
  view(row: number, col: number): CellView;
  colWidth(col: number): number;
  /** Whether a cell holds nothing (for Ctrl+arrows and Ctrl+End). */
  isEmpty(row: number, col: number): boolean;
  /** The used area: rows and columns from A1 that hold anything. */
  used(): { rows: number; cols: number };
  /** What a screen reader says for the active cell: its name (address and value) and description (formula). */
  describe(row: number, col: number): { name: string; description: string };
}

export interface GridEvents {
  select(sel: Selection): void;
  /** The user asked to edit the cell, optionally starting with a typed character; `mode` as Excel's status bar says. */
  edit(row: number, col: number, initial?: string): void;
  clear(range: Rect): void;
  undo(): void;
  redo(): void;
  /** The fill handle was dragged from `source` over `target` (which contains it). */
  fill(source: Rect, target: Rect): void;
  resizeColumn(col: number, width: number): void;
  fitColumn(col: number): void;
  contextMenu(x: number, y: number, on: "cell" | "column" | "row"): void;
  /** A key the grid does not handle itself (Ctrl+D, Ctrl+R, Shift+F10…); returns true when it was used. */
  key(e: KeyboardEvent): boolean;
  /** While a formula is being typed: the cells pointed at with the mouse; returns false when not pointing. */
  point?(range: Rect, phase: "start" | "move" | "end"): boolean;
}

export const ROW_HEIGHT = 24;
export const HEADER_WIDTH = 56;
export const OVERSCAN = 4;
export const MIN_WIDTH = 12;
export const RESIZE_ZONE = 5;

export interface Selection {
  /** The active cell. */
  row: number;
  col: number;
  /** The selected block, which contains the active cell (one cell when nothing more is selected). */
  range: Rect;
}

export const rectOf = (a: { row: number; col: number }, b: { row: number; col: number }): Rect => ({
  top: Math.min(a.row, b.row),
  left: Math.min(a.col, b.col),
  bottom: Math.max(a.row, b.row),
  right: Math.max(a.col, b.col) });


let gridIds = 0;

/**
 * The grid's state and its public face; its mouse, keyboard and drawing live in grid-mouse.ts, grid-keys.ts and
 * grid-render.ts as functions of the grid, and the members they share are not private.
 */
export class Grid {
  readonly root: HTMLElement;
  /** The scroll box; role=grid, focusable. */
  readonly body: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly headRow: HTMLElement;
  readonly heads: HTMLElement;
  readonly rowsBox: HTMLElement;
  /** Beside the grid element, over its cells: the editor, the fill handle, marks and charts. */
  readonly overlay: HTMLElement;
  readonly overlayInner: HTMLElement;
  readonly selectionBox: HTMLElement;
  readonly handle: HTMLElement;
  readonly fillBox: HTMLElement;
  private readonly markBox: HTMLElement;
  private readonly pointBox: HTMLElement;
  readonly description: HTMLElement;
  readonly id = `g${++gridIds}`;
  offsets: number[] = [0];
  selection: Selection = { row: 0, col: 0, range: { top: 0, left: 0, bottom: 0, right: 0 } };
  /** The far corner of a range being extended (the active cell stays where it was). */
  corner_ = { row: 0, col: 0 };
  /** The column a run of Tabs began in: Enter returns there, as in Excel. */
  private tabStart: number | undefined;
  /** How far the grid reaches beyond the source's own extent (an address typed in the name box). */
  private reach = { rows: 0, cols: 0 };
  private frame = 0;
  drag?: { kind: "cells" | "columns" | "rows" | "fill" | "resize" | "point"; start: { row: number; col: number }; col?: number; x0?: number; w0?: number; target?: Rect };
  readOnly = false;

  constructor(
    parent: HTMLElement,
    readonly source: GridSource,
    readonly events: GridEvents,
  ) {
    const parts = gridElements(this.id);
    this.root = parts.root;
    this.body = parts.body;
    this.canvas = parts.canvas;
    this.headRow = parts.headRow;
    this.heads = parts.heads;
    this.rowsBox = parts.rowsBox;
    this.description = parts.description;
    this.overlay = parts.overlay;
    this.overlayInner = parts.overlayInner;
    this.selectionBox = parts.selectionBox;
    this.markBox = parts.markBox;
    this.pointBox = parts.pointBox;
    this.fillBox = parts.fillBox;
    this.handle = parts.handle;
    parent.append(this.root);
    this.listenToScroll();
    listenToPointer(this);
    this.body.addEventListener("keydown", (e) => onKey(this, e));
    this.body.addEventListener("focus", () => this.root.classList.add("focused"));
    this.body.addEventListener("blur", () => this.root.classList.remove("focused"));
  }

  /** Scrolling redraws (once a frame), as does a resize; a scroll ends at cell edges; the wheel over the overlay scrolls the grid. */
  private listenToScroll(): void {
    this.body.addEventListener("scroll", () => this.schedule());
    // a scroll ends at a row's and a column's edge, as Excel scrolls by whole cells (no half-cut number at the edge)
    this.body.addEventListener("scrollend", () => {
      const b = this.body;
      const top = Math.round(b.scrollTop / ROW_HEIGHT) * ROW_HEIGHT;
      const c = this.firstCol(b.scrollLeft);
      const left = b.scrollLeft - this.offsets[c]! > this.source.colWidth(c) / 2 ? this.offsets[c + 1]! : this.offsets[c]!;
      if (Math.abs(top - b.scrollTop) >= 1 || Math.abs(left - b.scrollLeft) >= 1) b.scrollTo({ top, left, behavior: "instant" });
    });
    new ResizeObserver(() => this.schedule()).observe(this.body);
    this.overlay.addEventListener("wheel", (e) => this.body.scrollBy(e.deltaX, e.deltaY), { passive: true });
  }

  /** Lays out columns again (after the sheet or its size changed) and redraws. */
  reset(): void {
    const cols = this.cols();
    this.offsets = [0];
    for (let c = 0; c < cols; c++) this.offsets.push(this.offsets[c]! + this.source.colWidth(c));
    const width = this.offsets[cols]!;
    const height = this.rows() * ROW_HEIGHT;
    this.canvas.style.width = `${HEADER_WIDTH + width}px`;
    this.canvas.style.height = `${ROW_HEIGHT + height}px`;
    this.headRow.style.width = `${HEADER_WIDTH + width}px`;
    this.body.setAttribute("aria-rowcount", String(this.rows() + 1));
    this.body.setAttribute("aria-colcount", String(cols + 1));
    this.render();
  }

  /** Rows and columns the grid shows: the source's, or further when a cell beyond them was selected. */
  rows(): number {
    return Math.min(this.source.maxRow() + 1, Math.max(this.source.rowCount(), this.reach.rows));
  }

  cols(): number {
    return Math.min(this.source.maxCol() + 1, Math.max(this.source.colCount(), this.reach.cols));
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Makes (row, col) the active cell; with `range`, selects that block (which must contain it). */
  select(row: number, col: number, range?: Rect, keepTabs = false): void {
    row = clamp(row, 0, this.source.maxRow());
    col = clamp(col, 0, this.source.maxCol());
    if (!keepTabs) this.tabStart = undefined;
    this.grow(range ? Math.max(range.bottom, row) : row, range ? Math.max(range.right, col) : col);
    this.selection = { row, col, range: range ?? { top: row, left: col, bottom: row, right: col } };
    this.corner_ = range ? { row: range.top === row ? range.bottom : range.top, col: range.left === col ? range.right : range.left } : { row, col };
    this.scrollIntoView(row, col);
    this.render();
    this.events.select(this.selection);
  }

  /** Extends the selection from the active cell to (row, col), as Shift+arrows and Shift+click do. */
  extend(row: number, col: number): void {
    row = clamp(row, 0, this.source.maxRow());
    col = clamp(col, 0, this.source.maxCol());
    this.tabStart = undefined;
    this.grow(row, col);
    this.corner_ = { row, col };
    this.selection = { ...this.selection, range: rectOf(this.selection, this.corner_) };
    this.scrollIntoView(row, col);
    this.render();
    this.events.select(this.selection);
  }

  private grow(row: number, col: number): void {
    if (row + 20 > this.rows() || col + 4 > this.cols()) {
      this.reach = { rows: Math.max(this.reach.rows, row + 21), cols: Math.max(this.reach.cols, col + 5) };
      this.reset();
    }
  }

  /** Enter and Tab as Excel moves after them: Tab across, Enter down and back to where the Tabs began. */
  advance(key: "Enter" | "Tab", back: boolean): void {
    const { row, col } = this.selection;
    if (key === "Tab") {
      if (this.tabStart === undefined) this.tabStart = col;
      const start = this.tabStart;
      this.select(row, col + (back ? -1 : 1), undefined, true);
      this.tabStart = start;
      return;
    }
    const to = this.tabStart !== undefined && !back ? this.tabStart : col;
    this.select(row + (back ? -1 : 1), to);
  }

  /** The cell's box inside the scrolled cells (0, 0 is A1's top left corner, under the headers). */
  cellBox(row: number, col: number) {
    return { left: this.offsets[col] ?? this.offsets[this.offsets.length - 1]!, top: row * ROW_HEIGHT, width: this.source.colWidth(col), height: ROW_HEIGHT };
  }

  /** Where editors and charts go: over the cells, scrolled with them, outside the grid element. */
  get canvasElement(): HTMLElement {
    return this.overlayInner;
  }

  focus(): void {
    this.body.focus({ preventScroll: true });
  }

  /** Marks a block with a moving border (what Ctrl+C or Ctrl+X took), or clears the mark. */
  mark(range: Rect | undefined): void {
    this.markBox.hidden = !range;
    if (range) this.place(this.markBox, range);
  }

  /** Shows the block a formula being typed points at, or hides it. */
  showPoint(range: Rect | undefined): void {
    this.pointBox.hidden = !range;
    if (range) this.place(this.pointBox, range);
  }

  place(box: HTMLElement, r: Rect): void {
    const a = this.cellBox(r.top, r.left);
    const b = this.cellBox(r.bottom, r.right);
    box.style.transform = `translate(${a.left}px, ${a.top}px)`;
    box.style.width = `${b.left + b.width - a.left}px`;
    box.style.height = `${b.top + b.height - a.top}px`;
  }

  /** Scrolls so that the cell is wholly in view, to a column's and a row's edge (never half a cell). */
  private scrollIntoView(row: number, col: number): void {
    const b = this.body;
    const viewW = Math.max(1, b.clientWidth - HEADER_WIDTH);
    const viewH = Math.max(1, b.clientHeight - ROW_HEIGHT);
    const box = this.cellBox(row, col);
    if (box.top < b.scrollTop) b.scrollTop = box.top;
    else if (box.top + box.height > b.scrollTop + viewH) b.scrollTop = Math.ceil((box.top + box.height - viewH) / ROW_HEIGHT) * ROW_HEIGHT;
    if (box.left < b.scrollLeft) b.scrollLeft = box.left;
    else if (box.left + box.width > b.scrollLeft + viewW) {
      let first = this.firstCol(b.scrollLeft);
      while (first < col && this.offsets[col + 1]! - this.offsets[first]! > viewW) first++;
      b.scrollLeft = this.offsets[first]!;
    }
  }

  firstCol(x: number): number {
    let lo = 0;
    let hi = this.offsets.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= x) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  render(): void {
    render(this);
  }

  // ─── Mouse ─────────────────────────────────────────────────────────────────────────────────────────

  // ─── Keyboard ──────────────────────────────────────────────────────────────────────────────────────

  /** Ctrl+arrow from (row, col): the edge of the block of data, or the next data, or the sheet's edge. */
  edge(row: number, col: number, dr: number, dc: number): { row: number; col: number } {
    return edge(this, row, col, dr, dc);
  }

}

/**
 * The grid's elements, empty: the scroll box (the ARIA grid) with its header row and rows, the overlay beside it
 * with the selection, the marks and the fill handle, and the screen reader's description and help.
 */
function gridElements(id: string) {
  const body = el("div", "grid-body");
  body.tabIndex = 0;
  body.id = `${id}-grid`;
  body.setAttribute("role", "grid");
  body.setAttribute("aria-multiselectable", "true");
  const description = el("div", "sr-only");
  description.id = `${id}-desc`;
  description.hidden = true;
  const help = el("div", "sr-only", "Arrow keys move, Shift with arrows selects, Enter or F2 edits, Ctrl+C copies, Ctrl+V pastes. F6 moves to the formula bar, the sheet tabs and the task pane.");
  help.id = `${id}-help`;
  help.hidden = true;
  body.setAttribute("aria-describedby", help.id);
  const canvas = el("div", "grid-canvas");
  const headRow = el("div", "grid-headrow");
  headRow.setAttribute("role", "row");
  headRow.setAttribute("aria-rowindex", "1");
  const corner = el("div", "grid-corner");
  corner.setAttribute("role", "columnheader");
  corner.setAttribute("aria-colindex", "1");
  corner.append(el("span", "sr-only", "Row"));
  const heads = el("div", "grid-heads");
  headRow.append(corner, heads);
  const rowsBox = el("div", "grid-rows");
  canvas.append(headRow, rowsBox);
  body.append(canvas);
  const overlay = overlayElements();
  const root = el("div", "grid");
  root.append(body, overlay.overlay, description, help);
  return { root, body, canvas, headRow, heads, rowsBox, description, ...overlay };
}

/** The overlay over the cells: the selection's box, the copied block's mark, the pointed block, the fill's box and the fill handle. */
function overlayElements() {
  const overlay = el("div", "grid-overlay");
  const overlayInner = el("div", "grid-overlay-inner");
  const selectionBox = el("div", "selection-box");
  const markBox = el("div", "mark-box");
  markBox.hidden = true;
  const pointBox = el("div", "point-box");
  pointBox.hidden = true;
  const fillBox = el("div", "fill-box");
  fillBox.hidden = true;
  const handle = el("div", "fill-handle");
  handle.setAttribute("aria-hidden", "true");
  handle.title = "Drag to fill";
  overlayInner.append(selectionBox, markBox, pointBox, fillBox, handle);
  overlay.append(overlayInner);
  return { overlay, overlayInner, selectionBox, markBox, pointBox, fillBox, handle };
}

/** The block a fill handle dragged to `at` covers: the source grown along the farther direction. */
export function fillTarget(source: Rect, at: { row: number; col: number }): Rect {
  const down = at.row - source.bottom;
  const up = source.top - at.row;
  const right = at.col - source.right;
  const left = source.left - at.col;
  const vertical = Math.max(down, up);
  const horizontal = Math.max(right, left);
  if (vertical <= 0 && horizontal <= 0) return source;
  if (vertical >= horizontal) return down > 0 ? { ...source, bottom: at.row } : { ...source, top: at.row };
  return right > 0 ? { ...source, right: at.col } : { ...source, left: at.col };
}

export const inRect = (r: Rect, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
export const sameRect = (a: Rect, b: Rect) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

let measurer: CanvasRenderingContext2D | null | undefined;
export const widths = new Map<string, number>();

/** The width in pixels of a text in the grid's cell font (measured once, then remembered). */
export function textWidth(text: string, bold = false): number {
  const key = `${bold ? "b" : ""}${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  if (measurer === undefined) measurer = document.createElement("canvas").getContext("2d");
  const family = getComputedStyle(document.documentElement).fontFamily || "sans-serif";
  let width = text.length * 8;
  if (measurer) {
    measurer.font = `${bold ? "600 " : ""}13px ${family}`;
    width = Math.ceil(measurer.measureText(text).width);
  }
  if (widths.size > 20000) widths.clear();
  widths.set(key, width);
  return width;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
