import { cellName, columnName } from "./format";

/*
 * A small virtualized spreadsheet grid: only the cells in view exist in the DOM (so a 10,000-row journal
 * scrolls as fast as a 10-row one), with sticky column letters and row numbers, a selection, and an
 * in-cell editor. It knows nothing of formulas: a GridSource says what each cell shows.
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

export interface GridSource {
  rowCount(): number;
  colCount(): number;
  view(row: number, col: number): CellView;
  colWidth(col: number): number;
}

export interface GridEvents {
  select(row: number, col: number): void;
  /** The user asked to edit the cell, optionally starting with a typed character. */
  edit(row: number, col: number, initial?: string): void;
  clear(row: number, col: number): void;
  undo(): void;
  redo(): void;
}

export const ROW_HEIGHT = 24;
const OVERSCAN = 4;

export interface Selection {
  row: number;
  col: number;
  /** A highlighted block (from select("A1:G20")), if any. */
  range?: { top: number; left: number; bottom: number; right: number };
}

export class Grid {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  private readonly canvas: HTMLElement;
  /** The visible cells; the in-cell editor sits beside it in the canvas, untouched by redraws. */
  private readonly cells: HTMLElement;
  private readonly colHeader: HTMLElement;
  private readonly colHeaderInner: HTMLElement;
  private readonly rowHeader: HTMLElement;
  private readonly rowHeaderInner: HTMLElement;
  private offsets: number[] = [0];
  selection: Selection = { row: 0, col: 0 };
  private frame = 0;

  constructor(
    parent: HTMLElement,
    private readonly source: GridSource,
    private readonly events: GridEvents,
  ) {
    this.root = el("div", "grid");
    const corner = el("div", "grid-corner");
    this.colHeader = el("div", "grid-colheader");
    this.colHeaderInner = el("div", "grid-colheader-inner");
    this.colHeader.append(this.colHeaderInner);
    this.rowHeader = el("div", "grid-rowheader");
    this.rowHeaderInner = el("div", "grid-rowheader-inner");
    this.rowHeader.append(this.rowHeaderInner);
    this.body = el("div", "grid-body");
    this.body.tabIndex = 0;
    this.body.setAttribute("role", "grid");
    this.body.setAttribute("aria-label", "Worksheet");
    this.canvas = el("div", "grid-canvas");
    this.cells = el("div", "grid-cells");
    this.canvas.append(this.cells);
    this.body.append(this.canvas);
    this.root.append(corner, this.colHeader, this.rowHeader, this.body);
    parent.append(this.root);

    this.body.addEventListener("scroll", () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.body);
    this.body.addEventListener("mousedown", (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>("[data-row]");
      if (!cell) return;
      this.select(Number(cell.dataset.row), Number(cell.dataset.col));
    });
    this.body.addEventListener("dblclick", (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>("[data-row]");
      if (cell) this.events.edit(Number(cell.dataset.row), Number(cell.dataset.col));
    });
    this.body.addEventListener("keydown", (e) => this.onKey(e));
  }

  /** Lays out columns again (after the sheet or its size changed) and redraws. */
  reset(): void {
    const cols = this.source.colCount();
    this.offsets = [0];
    for (let c = 0; c < cols; c++) this.offsets.push(this.offsets[c]! + this.source.colWidth(c));
    const width = this.offsets[cols]!;
    const height = this.source.rowCount() * ROW_HEIGHT;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.colHeaderInner.style.width = `${width + 40}px`;
    this.rowHeaderInner.style.height = `${height + 40}px`;
    this.render();
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  select(row: number, col: number, range?: Selection["range"]): void {
    row = clamp(row, 0, this.source.rowCount() - 1);
    col = clamp(col, 0, this.source.colCount() - 1);
    this.selection = { row, col, range };
    this.scrollIntoView(row, col);
    this.render();
    this.events.select(row, col);
  }

  /** The cell's box inside the scrolled canvas. */
  cellBox(row: number, col: number) {
    return { left: this.offsets[col] ?? 0, top: row * ROW_HEIGHT, width: this.source.colWidth(col), height: ROW_HEIGHT };
  }

  get canvasElement(): HTMLElement {
    return this.canvas;
  }

  focus(): void {
    this.body.focus({ preventScroll: true });
  }

  private scrollIntoView(row: number, col: number): void {
    const box = this.cellBox(row, col);
    const b = this.body;
    if (box.top < b.scrollTop) b.scrollTop = box.top;
    else if (box.top + box.height > b.scrollTop + b.clientHeight) b.scrollTop = box.top + box.height - b.clientHeight;
    if (box.left < b.scrollLeft) b.scrollLeft = box.left;
    else if (box.left + box.width > b.scrollLeft + b.clientWidth) b.scrollLeft = box.left + box.width - b.clientWidth;
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
    const rows = this.source.rowCount();
    const cols = this.source.colCount();
    const top = Math.max(0, Math.floor(b.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const bottom = Math.min(rows - 1, Math.ceil((b.scrollTop + b.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const left = Math.max(0, this.firstCol(b.scrollLeft) - 1);
    let right = left;
    while (right < cols - 1 && this.offsets[right + 1]! < b.scrollLeft + b.clientWidth) right++;
    right = Math.min(cols - 1, right + 1);

    const sel = this.selection;
    const frag = document.createDocumentFragment();
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const v = this.source.view(r, c);
        const d = document.createElement("div");
        d.className = `cell ${v.kind}${v.spilled ? " spilled" : ""}${v.overflow ? " overflow" : ""}`;
        const inRange = sel.range && r >= sel.range.top && r <= sel.range.bottom && c >= sel.range.left && c <= sel.range.right;
        if (inRange) d.className += " in-range";
        if (r === sel.row && c === sel.col) d.className += " selected";
        d.dataset.row = String(r);
        d.dataset.col = String(c);
        d.dataset.cell = cellName(r, c);
        d.setAttribute("role", "gridcell");
        d.style.transform = `translate(${this.offsets[c]}px, ${r * ROW_HEIGHT}px)`;
        d.style.width = `${this.source.colWidth(c)}px`;
        d.textContent = v.text;
        if (v.title) d.title = v.title;
        if (v.style) {
          if (v.style.fill) d.style.background = v.style.fill;
          if (v.style.font) d.style.color = v.style.font;
          if (v.style.bold) d.style.fontWeight = "600";
        }
        frag.append(d);
      }
    }
    this.cells.replaceChildren(frag);

    const headers = document.createDocumentFragment();
    for (let c = left; c <= right; c++) {
      const h = el("div", `colhead${c === sel.col ? " active" : ""}`);
      h.textContent = columnName(c);
      h.style.transform = `translateX(${this.offsets[c]}px)`;
      h.style.width = `${this.source.colWidth(c)}px`;
      headers.append(h);
    }
    this.colHeaderInner.replaceChildren(headers);
    this.colHeaderInner.style.transform = `translateX(${-b.scrollLeft}px)`;

    const rowHeads = document.createDocumentFragment();
    for (let r = top; r <= bottom; r++) {
      const h = el("div", `rowhead${r === sel.row ? " active" : ""}`);
      h.textContent = String(r + 1);
      h.style.transform = `translateY(${r * ROW_HEIGHT}px)`;
      rowHeads.append(h);
    }
    this.rowHeaderInner.replaceChildren(rowHeads);
    this.rowHeaderInner.style.transform = `translateY(${-b.scrollTop}px)`;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.body) return; // keys typed in the cell editor are the editor's
    const { row, col } = this.selection;
    const ctrl = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor(this.body.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-page, 0],
      PageDown: [page, 0],
      Enter: [e.shiftKey ? -1 : 1, 0],
      Tab: [0, e.shiftKey ? -1 : 1],
    };
    if (ctrl && (e.key === "z" || e.key === "Z")) {
      e.preventDefault();
      if (e.shiftKey) this.events.redo();
      else this.events.undo();
      return;
    }
    if (ctrl && (e.key === "y" || e.key === "Y")) {
      e.preventDefault();
      this.events.redo();
      return;
    }
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      if (ctrl && e.key.startsWith("Arrow")) {
        this.select(move[0] < 0 ? 0 : move[0] > 0 ? this.source.rowCount() - 1 : row, move[1] < 0 ? 0 : move[1] > 0 ? this.source.colCount() - 1 : col);
      } else this.select(row + move[0], col + move[1]);
      return;
    }
    if (e.key === "F2") {
      e.preventDefault();
      this.events.edit(row, col);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      this.events.clear(row, col);
    } else if (e.key.length === 1 && !ctrl && !e.altKey) {
      e.preventDefault();
      this.events.edit(row, col, e.key);
    }
  }
}

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
