import { cellName, columnName } from "../shared/a1";
import { Grid, ROW_HEIGHT, HEADER_WIDTH, OVERSCAN, inRect, el } from "./grid";

/**
 * Drawing the grid: only the rows and columns in view (and a few around them), each cell shown whole.
 * Functions of the Grid (grid.ts), which keeps the state they share.
 */

/** The rows and columns drawn: those in view, rows with a few more around them. */
interface Span {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The grid's column count: text runs on no further. */
  cols: number;
}

export function render(grid: Grid): void {
  const b = grid.body;
  const viewH = b.clientHeight - ROW_HEIGHT;
  const viewW = b.clientWidth - HEADER_WIDTH;
  const span = spanInView(grid, viewW, viewH);
  drawRows(grid, span);
  drawColumnHeads(grid, span);
  placeOverlay(grid, viewW, viewH);
}

/**
 * A row or column the headers half cover is left out: a cell is shown whole or not at all, so no cut
 * number or date is ever on screen (the scroll position snaps to cell edges, see styles).
 */
function spanInView(grid: Grid, viewW: number, viewH: number): Span {
  const b = grid.body;
  const cols = grid.cols();
  const top = Math.max(0, Math.ceil(b.scrollTop / ROW_HEIGHT));
  const bottom = Math.min(grid.rows() - 1, Math.ceil((b.scrollTop + viewH) / ROW_HEIGHT) + OVERSCAN);
  const firstVisible = grid.firstCol(b.scrollLeft);
  const left = grid.offsets[firstVisible]! < b.scrollLeft ? firstVisible + 1 : firstVisible;
  let right = left;
  while (right < cols - 1 && grid.offsets[right + 1]! < b.scrollLeft + viewW) right++;
  right = Math.min(cols - 1, right + 1);
  return { top, bottom, left, right, cols };
}

/** The rows in view, and the active cell's row and cell wherever they are (for aria-activedescendant). */
function drawRows(grid: Grid, span: Span): void {
  const { top, bottom, left, right } = span;
  const sel = grid.selection;
  const frag = document.createDocumentFragment();
  const rowList: number[] = [];
  if (sel.row < top) rowList.push(sel.row);
  for (let r = top; r <= bottom; r++) rowList.push(r);
  if (sel.row > bottom) rowList.push(sel.row);
  for (const r of rowList) {
    const rowEl = rowElement(grid, r);
    const colList: number[] = [];
    if (r === sel.row && sel.col < left) colList.push(sel.col);
    if (r >= top && r <= bottom) for (let c = left; c <= right; c++) colList.push(c);
    else if (r === sel.row) colList.push(sel.col);
    if (r === sel.row && sel.col > right && !colList.includes(sel.col)) colList.push(sel.col);
    for (let i = 0; i < colList.length; i++) rowEl.append(cellElement(grid, r, colList[i]!, span));
    frag.append(rowEl);
  }
  grid.rowsBox.replaceChildren(frag);
  grid.body.setAttribute("aria-activedescendant", `${grid.id}-active`);
}

/** A row with its row header (marked when the selection covers the row). */
function rowElement(grid: Grid, r: number): HTMLElement {
  const r0 = grid.selection.range;
  const rowEl = el("div", "grid-row");
  rowEl.setAttribute("role", "row");
  rowEl.setAttribute("aria-rowindex", String(r + 2));
  rowEl.style.top = `${ROW_HEIGHT + r * ROW_HEIGHT}px`;
  const head = el("div", `rowhead${r >= r0.top && r <= r0.bottom ? " active" : ""}`, String(r + 1));
  head.setAttribute("role", "rowheader");
  head.setAttribute("aria-colindex", "1");
  head.dataset.rowhead = String(r);
  rowEl.append(head);
  return rowEl;
}

/** One cell as its source shows it: text, kind, style, selection, and text running on over the empty cells in view. */
function cellElement(grid: Grid, r: number, c: number, span: Span): HTMLElement {
  const sel = grid.selection;
  const r0 = sel.range;
  const v = grid.source.view(r, c);
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
  d.style.left = `${HEADER_WIDTH + grid.offsets[c]!}px`;
  const own = grid.source.colWidth(c);
  let width = own;
  if (v.overflow && v.text) {
    // Text runs on over empty cells to its right, and stops at the first that holds something.
    let next = c + 1;
    while (next < span.cols && next <= span.right + 1 && grid.source.isEmpty(r, next)) next++;
    width = grid.offsets[next]! - grid.offsets[c]!;
    d.className += " overflow";
  }
  d.style.width = `${width}px`;
  d.textContent = v.text;
  if (v.title) d.title = v.title;
  if (v.style) {
    // the fill is the cell's own, as in Excel: text that runs on over empty cells does not take it with it
    if (v.style.fill) d.style.background = width === own ? v.style.fill : `linear-gradient(${v.style.fill}, ${v.style.fill}) 0 0 / ${own}px 100% no-repeat`;
    if (v.style.font) d.style.color = v.style.font;
    if (v.style.bold) d.style.fontWeight = "600";
  }
  if (r === sel.row && c === sel.col) markActive(grid, d, r, c);
  return d;
}

/** The active cell: its id (aria-activedescendant), and what a screen reader says for it. */
function markActive(grid: Grid, d: HTMLElement, r: number, c: number): void {
  d.id = `${grid.id}-active`;
  d.className += " active selected";
  const said = grid.source.describe(r, c);
  d.setAttribute("aria-label", said.name);
  grid.description.textContent = said.description;
  if (said.description) d.setAttribute("aria-describedby", grid.description.id);
}

/** The column letters in view (marked when the selection covers the column). */
function drawColumnHeads(grid: Grid, span: Span): void {
  const r0 = grid.selection.range;
  const heads = document.createDocumentFragment();
  for (let c = span.left; c <= span.right; c++) {
    const h = el("div", `colhead${c >= r0.left && c <= r0.right ? " active" : ""}`, columnName(c));
    h.setAttribute("role", "columnheader");
    h.setAttribute("aria-colindex", String(c + 2));
    h.dataset.colhead = String(c);
    h.style.left = `${HEADER_WIDTH + grid.offsets[c]!}px`;
    h.style.width = `${grid.source.colWidth(c)}px`;
    heads.append(h);
  }
  grid.heads.replaceChildren(heads);
}

/** The overlay follows the scroll: its size, the selection's box and the fill handle at its bottom right corner. */
function placeOverlay(grid: Grid, viewW: number, viewH: number): void {
  const b = grid.body;
  const r0 = grid.selection.range;
  grid.overlay.style.width = `${Math.max(0, viewW)}px`;
  grid.overlay.style.height = `${Math.max(0, viewH)}px`;
  grid.overlayInner.style.transform = `translate(${-b.scrollLeft}px, ${-b.scrollTop}px)`;
  grid.place(grid.selectionBox, r0);
  const end = grid.cellBox(r0.bottom, r0.right);
  grid.handle.style.transform = `translate(${end.left + end.width - 4}px, ${end.top + end.height - 4}px)`;
  grid.handle.hidden = grid.readOnly;
}
