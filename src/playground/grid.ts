import { cellName, columnName } from "../shared/a1";

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
const OVERSCAN = 4;
const MIN_WIDTH = 12;
const RESIZE_ZONE = 5;

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
  right: Math.max(a.col, b.col),
});

export const rangeName = (r: Rect) => (r.top === r.bottom && r.left === r.right ? cellName(r.top, r.left) : `${cellName(r.top, r.left)}:${cellName(r.bottom, r.right)}`);

let gridIds = 0;

export class Grid {
  readonly root: HTMLElement;
  /** The scroll box; role=grid, focusable. */
  readonly body: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly headRow: HTMLElement;
  private readonly corner: HTMLElement;
  private readonly heads: HTMLElement;
  private readonly rowsBox: HTMLElement;
  /** Beside the grid element, over its cells: the editor, the fill handle, marks and charts. */
  private readonly overlay: HTMLElement;
  private readonly overlayInner: HTMLElement;
  private readonly selectionBox: HTMLElement;
  private readonly handle: HTMLElement;
  private readonly fillBox: HTMLElement;
  private readonly markBox: HTMLElement;
  private readonly pointBox: HTMLElement;
  private readonly description: HTMLElement;
  private readonly id = `g${++gridIds}`;
  private offsets: number[] = [0];
  selection: Selection = { row: 0, col: 0, range: { top: 0, left: 0, bottom: 0, right: 0 } };
  /** The far corner of a range being extended (the active cell stays where it was). */
  private corner_ = { row: 0, col: 0 };
  /** The column a run of Tabs began in: Enter returns there, as in Excel. */
  private tabStart: number | undefined;
  /** How far the grid reaches beyond the source's own extent (an address typed in the name box). */
  private reach = { rows: 0, cols: 0 };
  private frame = 0;
  private drag?: { kind: "cells" | "columns" | "rows" | "fill" | "resize" | "point"; start: { row: number; col: number }; col?: number; x0?: number; w0?: number; target?: Rect };
  readOnly = false;

  constructor(
    parent: HTMLElement,
    private readonly source: GridSource,
    private readonly events: GridEvents,
  ) {
    this.root = el("div", "grid");
    this.body = el("div", "grid-body");
    this.body.tabIndex = 0;
    this.body.id = `${this.id}-grid`;
    this.body.setAttribute("role", "grid");
    this.body.setAttribute("aria-multiselectable", "true");
    this.description = el("div", "sr-only");
    this.description.id = `${this.id}-desc`;
    this.description.hidden = true;
    const help = el("div", "sr-only", "Arrow keys move, Shift with arrows selects, Enter or F2 edits, Ctrl+C copies, Ctrl+V pastes. F6 moves to the formula bar, the sheet tabs and the task pane.");
    help.id = `${this.id}-help`;
    help.hidden = true;
    this.body.setAttribute("aria-describedby", help.id);
    this.canvas = el("div", "grid-canvas");
    this.headRow = el("div", "grid-headrow");
    this.headRow.setAttribute("role", "row");
    this.headRow.setAttribute("aria-rowindex", "1");
    this.corner = el("div", "grid-corner");
    this.corner.setAttribute("role", "columnheader");
    this.corner.setAttribute("aria-colindex", "1");
    this.corner.append(el("span", "sr-only", "Row"));
    this.heads = el("div", "grid-heads");
    this.headRow.append(this.corner, this.heads);
    this.rowsBox = el("div", "grid-rows");
    this.canvas.append(this.headRow, this.rowsBox);
    this.body.append(this.canvas);

    this.overlay = el("div", "grid-overlay");
    this.overlayInner = el("div", "grid-overlay-inner");
    this.selectionBox = el("div", "selection-box");
    this.markBox = el("div", "mark-box");
    this.markBox.hidden = true;
    this.pointBox = el("div", "point-box");
    this.pointBox.hidden = true;
    this.fillBox = el("div", "fill-box");
    this.fillBox.hidden = true;
    this.handle = el("div", "fill-handle");
    this.handle.setAttribute("aria-hidden", "true");
    this.handle.title = "Drag to fill";
    this.overlayInner.append(this.selectionBox, this.markBox, this.pointBox, this.fillBox, this.handle);
    this.overlay.append(this.overlayInner);
    this.root.append(this.body, this.overlay, this.description, help);
    parent.append(this.root);

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
    this.body.addEventListener("mousedown", (e) => this.onMouseDown(e));
    this.handle.addEventListener("mousedown", (e) => {
      if (e.button !== 0 || this.readOnly) return;
      e.preventDefault();
      e.stopPropagation();
      this.drag = { kind: "fill", start: { row: this.selection.range.bottom, col: this.selection.range.right } };
      this.follow();
    });
    this.body.addEventListener("mousemove", (e) => this.onHover(e));
    this.body.addEventListener("dblclick", (e) => {
      const head = (e.target as HTMLElement).closest<HTMLElement>(".colhead");
      if (head) {
        const col = this.borderAt(e.clientX);
        if (col !== undefined) this.events.fitColumn(col);
        return;
      }
      const cell = (e.target as HTMLElement).closest<HTMLElement>(".cell");
      if (cell) this.events.edit(Number(cell.dataset.row), Number(cell.dataset.col));
    });
    this.body.addEventListener("contextmenu", (e) => {
      const target = e.target as HTMLElement;
      const cell = target.closest<HTMLElement>("[data-row]");
      const on = target.closest(".colhead") ? "column" : target.closest(".rowhead") ? "row" : "cell";
      e.preventDefault();
      if (cell && on === "cell") {
        const row = Number(cell.dataset.row);
        const col = Number(cell.dataset.col);
        if (!inRect(this.selection.range, row, col)) this.select(row, col);
      }
      this.events.contextMenu(e.clientX, e.clientY, on);
    });
    this.overlay.addEventListener("wheel", (e) => this.body.scrollBy(e.deltaX, e.deltaY), { passive: true });
    this.body.addEventListener("keydown", (e) => this.onKey(e));
    this.body.addEventListener("focus", () => this.root.classList.add("focused"));
    this.body.addEventListener("blur", () => this.root.classList.remove("focused"));
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

  private place(box: HTMLElement, r: Rect): void {
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

  private firstCol(x: number): number {
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
    const b = this.body;
    const rows = this.rows();
    const cols = this.cols();
    const viewH = b.clientHeight - ROW_HEIGHT;
    const viewW = b.clientWidth - HEADER_WIDTH;
    // A row or column the headers half cover is left out: a cell is shown whole or not at all, so no cut
    // number or date is ever on screen (the scroll position snaps to cell edges, see styles).
    const top = Math.max(0, Math.ceil(b.scrollTop / ROW_HEIGHT));
    const bottom = Math.min(rows - 1, Math.ceil((b.scrollTop + viewH) / ROW_HEIGHT) + OVERSCAN);
    const firstVisible = this.firstCol(b.scrollLeft);
    const left = this.offsets[firstVisible]! < b.scrollLeft ? firstVisible + 1 : firstVisible;
    let right = left;
    while (right < cols - 1 && this.offsets[right + 1]! < b.scrollLeft + viewW) right++;
    right = Math.min(cols - 1, right + 1);

    const sel = this.selection;
    const r0 = sel.range;
    const frag = document.createDocumentFragment();
    const rowList: number[] = [];
    if (sel.row < top) rowList.push(sel.row); // the active cell always exists, for aria-activedescendant
    for (let r = top; r <= bottom; r++) rowList.push(r);
    if (sel.row > bottom) rowList.push(sel.row);
    for (const r of rowList) {
      const rowEl = el("div", "grid-row");
      rowEl.setAttribute("role", "row");
      rowEl.setAttribute("aria-rowindex", String(r + 2));
      rowEl.style.top = `${ROW_HEIGHT + r * ROW_HEIGHT}px`;
      const head = el("div", `rowhead${r >= r0.top && r <= r0.bottom ? " active" : ""}`, String(r + 1));
      head.setAttribute("role", "rowheader");
      head.setAttribute("aria-colindex", "1");
      head.dataset.rowhead = String(r);
      rowEl.append(head);
      const colList: number[] = [];
      if (r === sel.row && sel.col < left) colList.push(sel.col);
      if (r >= top && r <= bottom) for (let c = left; c <= right; c++) colList.push(c);
      else if (r === sel.row) colList.push(sel.col);
      if (r === sel.row && sel.col > right && !colList.includes(sel.col)) colList.push(sel.col);
      for (let i = 0; i < colList.length; i++) {
        const c = colList[i]!;
        const v = this.source.view(r, c);
        const d = document.createElement("div");
        d.className = `cell ${v.kind}${v.spilled ? " spilled" : ""}`;
        const selected = inRect(r0, r, c);
        if (selected && (r0.top !== r0.bottom || r0.left !== r0.right)) d.className += " in-range";
        d.dataset.row = String(r);
        d.dataset.col = String(c);
        d.dataset.cell = cellName(r, c);
        d.setAttribute("role", "gridcell");
        d.setAttribute("aria-colindex", String(c + 2));
        d.setAttribute("aria-selected", selected ? "true" : "false");
        d.style.left = `${HEADER_WIDTH + this.offsets[c]!}px`;
        let width = this.source.colWidth(c);
        if (v.overflow && v.text) {
          // Text runs on over empty cells to its right, and stops at the first that holds something.
          let next = c + 1;
          while (next < cols && next <= right + 1 && this.source.isEmpty(r, next)) next++;
          width = this.offsets[next]! - this.offsets[c]!;
          d.className += " overflow";
        }
        d.style.width = `${width}px`;
        d.textContent = v.text;
        if (v.title) d.title = v.title;
        if (v.style) {
          if (v.style.fill) d.style.background = v.style.fill;
          if (v.style.font) d.style.color = v.style.font;
          if (v.style.bold) d.style.fontWeight = "600";
        }
        if (r === sel.row && c === sel.col) {
          d.id = `${this.id}-active`;
          d.className += " active selected";
          const said = this.source.describe(r, c);
          d.setAttribute("aria-label", said.name);
          this.description.textContent = said.description;
          if (said.description) d.setAttribute("aria-describedby", this.description.id);
        }
        rowEl.append(d);
      }
      frag.append(rowEl);
    }
    this.rowsBox.replaceChildren(frag);
    this.body.setAttribute("aria-activedescendant", `${this.id}-active`);

    const heads = document.createDocumentFragment();
    for (let c = left; c <= right; c++) {
      const h = el("div", `colhead${c >= r0.left && c <= r0.right ? " active" : ""}`, columnName(c));
      h.setAttribute("role", "columnheader");
      h.setAttribute("aria-colindex", String(c + 2));
      h.dataset.colhead = String(c);
      h.style.left = `${HEADER_WIDTH + this.offsets[c]!}px`;
      h.style.width = `${this.source.colWidth(c)}px`;
      heads.append(h);
    }
    this.heads.replaceChildren(heads);

    // the overlay follows the scroll
    this.overlay.style.width = `${Math.max(0, viewW)}px`;
    this.overlay.style.height = `${Math.max(0, viewH)}px`;
    this.overlayInner.style.transform = `translate(${-b.scrollLeft}px, ${-b.scrollTop}px)`;
    this.place(this.selectionBox, r0);
    const end = this.cellBox(r0.bottom, r0.right);
    this.handle.style.transform = `translate(${end.left + end.width - 4}px, ${end.top + end.height - 4}px)`;
    this.handle.hidden = this.readOnly;
  }

  // ─── Mouse ─────────────────────────────────────────────────────────────────────────────────────────

  /** The cell under a point of the screen (clamped to the sheet). */
  private cellAt(x: number, y: number): { row: number; col: number } {
    const box = this.body.getBoundingClientRect();
    const cx = x - box.left - HEADER_WIDTH + this.body.scrollLeft;
    const cy = y - box.top - ROW_HEIGHT + this.body.scrollTop;
    return { row: clamp(Math.floor(cy / ROW_HEIGHT), 0, this.rows() - 1), col: clamp(this.firstCol(Math.max(0, cx)), 0, this.cols() - 1) };
  }

  /** The column whose right border is under x (within a few pixels), if any. */
  private borderAt(x: number): number | undefined {
    const box = this.body.getBoundingClientRect();
    const cx = x - box.left - HEADER_WIDTH + this.body.scrollLeft;
    const c = this.firstCol(Math.max(0, cx));
    if (Math.abs(this.offsets[c + 1]! - cx) <= RESIZE_ZONE) return c;
    if (c > 0 && Math.abs(this.offsets[c]! - cx) <= RESIZE_ZONE) return c - 1;
    return undefined;
  }

  private onHover(e: MouseEvent): void {
    if (this.drag) return;
    const head = (e.target as HTMLElement).closest(".colhead");
    this.body.classList.toggle("resizing", Boolean(head) && this.borderAt(e.clientX) !== undefined);
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0) return;
    const target = e.target as HTMLElement;
    const colHead = target.closest<HTMLElement>(".colhead");
    const rowHead = target.closest<HTMLElement>(".rowhead");
    const cellEl = target.closest<HTMLElement>(".cell");
    if (!colHead && !rowHead && !cellEl) return;
    const at = this.cellAt(e.clientX, e.clientY);
    if (colHead) {
      const border = this.borderAt(e.clientX);
      if (border !== undefined) {
        e.preventDefault();
        this.drag = { kind: "resize", start: at, col: border, x0: e.clientX, w0: this.source.colWidth(border) };
        this.follow();
        return;
      }
    }
    if (cellEl && this.events.point) {
      const range = { top: at.row, left: at.col, bottom: at.row, right: at.col };
      if (this.events.point(range, "start")) {
        e.preventDefault(); // the formula keeps the focus
        this.drag = { kind: "point", start: at };
        this.follow();
        return;
      }
    }
    e.preventDefault();
    this.focus();
    const last = this.rows() - 1;
    const lastCol = this.cols() - 1;
    if (colHead) {
      const col = Number(colHead.dataset.colhead);
      if (e.shiftKey) this.selectBlock({ top: 0, left: Math.min(col, this.selection.col), bottom: last, right: Math.max(col, this.selection.col) });
      else this.select(0, col, { top: 0, left: col, bottom: last, right: col });
      this.drag = { kind: "columns", start: { row: 0, col } };
    } else if (rowHead) {
      const row = Number(rowHead.dataset.rowhead);
      if (e.shiftKey) this.selectBlock({ top: Math.min(row, this.selection.row), left: 0, bottom: Math.max(row, this.selection.row), right: lastCol });
      else this.select(row, 0, { top: row, left: 0, bottom: row, right: lastCol });
      this.drag = { kind: "rows", start: { row, col: 0 } };
    } else {
      if (e.shiftKey) this.extend(at.row, at.col);
      else this.select(at.row, at.col);
      this.drag = { kind: "cells", start: { row: this.selection.row, col: this.selection.col } };
    }
    this.follow();
  }

  /** A block selected with the active cell kept (Shift+click on a header). */
  private selectBlock(r: Rect): void {
    const { row, col } = this.selection;
    this.select(clamp(row, r.top, r.bottom), clamp(col, r.left, r.right), r);
  }

  /** Follows a drag until the button is let go, scrolling when the pointer leaves the cells. */
  private follow(): void {
    let lastX = 0;
    let lastY = 0;
    let timer = 0;
    const move = (e: MouseEvent) => {
      lastX = e.clientX;
      lastY = e.clientY;
      this.dragTo(lastX, lastY);
    };
    const tick = () => {
      const box = this.body.getBoundingClientRect();
      const dy = lastY > box.bottom - 8 ? ROW_HEIGHT : lastY < box.top + ROW_HEIGHT ? -ROW_HEIGHT : 0;
      const dx = lastX > box.right - 8 ? 40 : lastX < box.left + HEADER_WIDTH ? -40 : 0;
      if ((dx || dy) && this.drag && this.drag.kind !== "resize") {
        this.body.scrollBy(dx, dy);
        this.dragTo(lastX, lastY);
      }
    };
    timer = window.setInterval(tick, 60);
    const up = () => {
      window.clearInterval(timer);
      document.removeEventListener("mousemove", move);
      document.removeEventListener("mouseup", up);
      const drag = this.drag;
      this.drag = undefined;
      if (!drag) return;
      if (drag.kind === "fill") {
        this.fillBox.hidden = true;
        this.root.classList.remove("filling");
        const source = this.selection.range;
        if (drag.target && !sameRect(drag.target, source)) this.events.fill(source, drag.target);
      } else if (drag.kind === "point") {
        this.events.point?.(drag.target ?? rectOf(drag.start, drag.start), "end");
      } else if (drag.kind === "resize") {
        this.body.classList.remove("resizing");
      }
    };
    document.addEventListener("mousemove", move);
    document.addEventListener("mouseup", up);
  }

  private dragTo(x: number, y: number): void {
    const drag = this.drag;
    if (!drag) return;
    const at = this.cellAt(x, y);
    if (drag.kind === "resize") {
      const width = Math.max(MIN_WIDTH, Math.round(drag.w0! + x - drag.x0!));
      this.events.resizeColumn(drag.col!, width);
    } else if (drag.kind === "cells") {
      if (at.row !== this.corner_.row || at.col !== this.corner_.col) this.extend(at.row, at.col);
    } else if (drag.kind === "columns") {
      const r = { top: 0, left: Math.min(drag.start.col, at.col), bottom: this.rows() - 1, right: Math.max(drag.start.col, at.col) };
      this.selection = { row: 0, col: drag.start.col, range: r };
      this.render();
      this.events.select(this.selection);
    } else if (drag.kind === "rows") {
      const r = { top: Math.min(drag.start.row, at.row), left: 0, bottom: Math.max(drag.start.row, at.row), right: this.cols() - 1 };
      this.selection = { row: drag.start.row, col: 0, range: r };
      this.render();
      this.events.select(this.selection);
    } else if (drag.kind === "point") {
      drag.target = rectOf(drag.start, at);
      this.events.point?.(drag.target, "move");
    } else if (drag.kind === "fill") {
      drag.target = fillTarget(this.selection.range, at);
      this.root.classList.add("filling");
      this.fillBox.hidden = false;
      this.place(this.fillBox, drag.target);
    }
  }

  // ─── Keyboard ──────────────────────────────────────────────────────────────────────────────────────

  /** Ctrl+arrow from (row, col): the edge of the block of data, or the next data, or the sheet's edge. */
  edge(row: number, col: number, dr: number, dc: number): { row: number; col: number } {
    const used = this.source.used();
    const maxR = this.source.maxRow();
    const maxC = this.source.maxCol();
    const inside = (r: number, c: number) => r >= 0 && c >= 0 && r <= maxR && c <= maxC;
    const filled = (r: number, c: number) => r < used.rows && c < used.cols && !this.source.isEmpty(r, c);
    let r = row + dr;
    let c = col + dc;
    if (!inside(r, c)) return { row, col };
    if (filled(row, col) && filled(r, c)) {
      while (inside(r + dr, c + dc) && filled(r + dr, c + dc)) {
        r += dr;
        c += dc;
      }
      return { row: r, col: c };
    }
    while (inside(r, c) && !filled(r, c)) {
      // beyond the used area nothing is filled: straight to the sheet's edge
      if ((dr > 0 && r >= used.rows) || (dc > 0 && c >= used.cols)) return { row: dr > 0 ? maxR : r, col: dc > 0 ? maxC : c };
      r += dr;
      c += dc;
    }
    return inside(r, c) ? { row: r, col: c } : { row: clamp(r, 0, maxR), col: clamp(c, 0, maxC) };
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.body) return; // keys typed in the cell editor are the editor's
    if (this.events.key(e)) {
      e.preventDefault();
      return;
    }
    const { row, col } = this.selection;
    const ctrl = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor((this.body.clientHeight - ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const from = e.shiftKey ? this.corner_ : { row, col };
    const go = (r: number, c: number) => (e.shiftKey ? this.extend(r, c) : this.select(r, c));
    if (ctrl && !e.altKey && (e.key === "z" || e.key === "Z")) {
      e.preventDefault();
      if (e.shiftKey) this.events.redo();
      else this.events.undo();
      return;
    }
    if (ctrl && !e.altKey && (e.key === "y" || e.key === "Y")) {
      e.preventDefault();
      this.events.redo();
      return;
    }
    const arrow = arrows[e.key];
    if (arrow) {
      e.preventDefault();
      if (ctrl) {
        const to = this.edge(from.row, from.col, arrow[0], arrow[1]);
        go(to.row, to.col);
      } else go(from.row + arrow[0], from.col + arrow[1]);
      return;
    }
    switch (e.key) {
      case "PageUp":
      case "PageDown":
        if (ctrl) return; // sheets: the page's
        e.preventDefault();
        go(from.row + (e.key === "PageUp" ? -page : page), from.col);
        return;
      case "Home":
        e.preventDefault();
        if (ctrl) go(0, 0);
        else go(from.row, 0);
        return;
      case "End":
        if (!ctrl) return;
        e.preventDefault();
        {
          const used = this.source.used();
          go(Math.max(0, used.rows - 1), Math.max(0, used.cols - 1));
        }
        return;
      case "Enter":
      case "Tab":
        if (ctrl || e.altKey) return;
        e.preventDefault();
        this.advance(e.key, e.shiftKey);
        return;
      case "F2":
        e.preventDefault();
        this.events.edit(row, col);
        return;
      case "Delete":
        e.preventDefault();
        this.events.clear(this.selection.range);
        return;
      case "Backspace":
        // as Excel: the cell is emptied and edited
        e.preventDefault();
        this.events.edit(row, col, "");
        return;
    }
    if (ctrl && !e.altKey && (e.key === "a" || e.key === "A")) {
      e.preventDefault();
      const used = this.source.used();
      this.select(row, col, rectOf({ row: 0, col: 0 }, { row: Math.max(used.rows - 1, row), col: Math.max(used.cols - 1, col) }));
      return;
    }
    if (e.key === " " && (ctrl || e.shiftKey) && !(ctrl && e.shiftKey)) {
      e.preventDefault();
      if (ctrl) this.select(row, col, { top: 0, left: col, bottom: this.rows() - 1, right: col });
      else this.select(row, col, { top: row, left: 0, bottom: row, right: this.cols() - 1 });
      return;
    }
    if (e.key.length === 1 && !ctrl && !e.altKey) {
      e.preventDefault();
      this.events.edit(row, col, e.key);
    }
  }
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
const sameRect = (a: Rect, b: Rect) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

let measurer: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

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

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
