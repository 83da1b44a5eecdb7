import { Grid, Rect, ROW_HEIGHT, HEADER_WIDTH, MIN_WIDTH, RESIZE_ZONE, rectOf, fillTarget, sameRect, clamp, inRect } from "./grid";

/**
 * The grid's mouse: selecting cells, rows and columns, dragging the fill handle, resizing columns, and
 * pointing at cells while a formula is typed. Functions of the Grid (grid.ts), which keeps the state they
 * share.
 */

/** The grid's mouse listeners: press, the fill handle, hover, double click and the context menu. */
export function listenToPointer(grid: Grid): void {
  grid.body.addEventListener("mousedown", (e) => onMouseDown(grid, e));
  grid.handle.addEventListener("mousedown", (e) => {
    if (e.button !== 0 || grid.readOnly) return;
    e.preventDefault();
    e.stopPropagation();
    grid.drag = { kind: "fill", start: { row: grid.selection.range.bottom, col: grid.selection.range.right } };
    follow(grid);
  });
  grid.body.addEventListener("mousemove", (e) => onHover(grid, e));
  grid.body.addEventListener("dblclick", (e) => onDoubleClick(grid, e));
  grid.body.addEventListener("contextmenu", (e) => onContextMenu(grid, e));
}

/** A double click on a column's border fits the column; on a cell it edits the cell. */
function onDoubleClick(grid: Grid, e: MouseEvent): void {
  const head = (e.target as HTMLElement).closest<HTMLElement>(".colhead");
  if (head) {
    const col = borderAt(grid, e.clientX);
    if (col !== undefined) grid.events.fitColumn(col);
    return;
  }
  const cell = (e.target as HTMLElement).closest<HTMLElement>(".cell");
  if (cell) grid.events.edit(Number(cell.dataset.row), Number(cell.dataset.col));
}

/** The context menu of a cell (selected first when outside the selection), a column or a row. */
function onContextMenu(grid: Grid, e: MouseEvent): void {
  const target = e.target as HTMLElement;
  const cell = target.closest<HTMLElement>("[data-row]");
  const on = target.closest(".colhead") ? "column" : target.closest(".rowhead") ? "row" : "cell";
  e.preventDefault();
  if (cell && on === "cell") {
    const row = Number(cell.dataset.row);
    const col = Number(cell.dataset.col);
    if (!inRect(grid.selection.range, row, col)) grid.select(row, col);
  }
  grid.events.contextMenu(e.clientX, e.clientY, on);
}

/** The cell under a point of the screen (clamped to the sheet). */
export function cellAt(grid: Grid, x: number, y: number): { row: number; col: number } {
  const box = grid.body.getBoundingClientRect();
  const cx = x - box.left - HEADER_WIDTH + grid.body.scrollLeft;
  const cy = y - box.top - ROW_HEIGHT + grid.body.scrollTop;
  return { row: clamp(Math.floor(cy / ROW_HEIGHT), 0, grid.rows() - 1), col: clamp(grid.firstCol(Math.max(0, cx)), 0, grid.cols() - 1) };
}

/** The column whose right border is under x (within a few pixels), if any. */
export function borderAt(grid: Grid, x: number): number | undefined {
  const box = grid.body.getBoundingClientRect();
  const cx = x - box.left - HEADER_WIDTH + grid.body.scrollLeft;
  const c = grid.firstCol(Math.max(0, cx));
  if (Math.abs(grid.offsets[c + 1]! - cx) <= RESIZE_ZONE) return c;
  if (c > 0 && Math.abs(grid.offsets[c]! - cx) <= RESIZE_ZONE) return c - 1;
  return undefined;
}

export function onHover(grid: Grid, e: MouseEvent): void {
  if (grid.drag) return;
  const head = (e.target as HTMLElement).closest(".colhead");
  grid.body.classList.toggle("resizing", Boolean(head) && borderAt(grid, e.clientX) !== undefined);
}

export function onMouseDown(grid: Grid, e: MouseEvent): void {
  if (e.button !== 0) return;
  const target = e.target as HTMLElement;
  const colHead = target.closest<HTMLElement>(".colhead");
  const rowHead = target.closest<HTMLElement>(".rowhead");
  const cellEl = target.closest<HTMLElement>(".cell");
  if (!colHead && !rowHead && !cellEl) return;
  const at = cellAt(grid, e.clientX, e.clientY);
  if (colHead) {
    const border = borderAt(grid, e.clientX);
    if (border !== undefined) {
      e.preventDefault();
      grid.drag = { kind: "resize", start: at, col: border, x0: e.clientX, w0: grid.source.colWidth(border) };
      follow(grid);
      return;
    }
  }
  if (cellEl && grid.events.point) {
    const range = { top: at.row, left: at.col, bottom: at.row, right: at.col };
    if (grid.events.point(range, "start")) {
      e.preventDefault(); // the formula keeps the focus
      grid.drag = { kind: "point", start: at };
      follow(grid);
      return;
    }
  }
  e.preventDefault();
  grid.focus();
  const last = grid.rows() - 1;
  const lastCol = grid.cols() - 1;
  if (colHead) {
    const col = Number(colHead.dataset.colhead);
    if (e.shiftKey) selectBlock(grid, { top: 0, left: Math.min(col, grid.selection.col), bottom: last, right: Math.max(col, grid.selection.col) });
    else grid.select(0, col, { top: 0, left: col, bottom: last, right: col });
    grid.drag = { kind: "columns", start: { row: 0, col } };
  } else if (rowHead) {
    const row = Number(rowHead.dataset.rowhead);
    if (e.shiftKey) selectBlock(grid, { top: Math.min(row, grid.selection.row), left: 0, bottom: Math.max(row, grid.selection.row), right: lastCol });
    else grid.select(row, 0, { top: row, left: 0, bottom: row, right: lastCol });
    grid.drag = { kind: "rows", start: { row, col: 0 } };
  } else {
    if (e.shiftKey) grid.extend(at.row, at.col);
    else grid.select(at.row, at.col);
    grid.drag = { kind: "cells", start: { row: grid.selection.row, col: grid.selection.col } };
  }
  follow(grid);
}

/** A block selected with the active cell kept (Shift+click on a header). */
export function selectBlock(grid: Grid, r: Rect): void {
  const { row, col } = grid.selection;
  grid.select(clamp(row, r.top, r.bottom), clamp(col, r.left, r.right), r);
}

/** Follows a drag until the button is let go, scrolling when the pointer leaves the cells. */
export function follow(grid: Grid): void {
  let lastX = 0;
  let lastY = 0;
  let timer = 0;
  const move = (e: MouseEvent) => {
    lastX = e.clientX;
    lastY = e.clientY;
    dragTo(grid, lastX, lastY);
  };
  const tick = () => {
    const box = grid.body.getBoundingClientRect();
    const dy = lastY > box.bottom - 8 ? ROW_HEIGHT : lastY < box.top + ROW_HEIGHT ? -ROW_HEIGHT : 0;
    const dx = lastX > box.right - 8 ? 40 : lastX < box.left + HEADER_WIDTH ? -40 : 0;
    if ((dx || dy) && grid.drag && grid.drag.kind !== "resize") {
      grid.body.scrollBy(dx, dy);
      dragTo(grid, lastX, lastY);
    }
  };
  timer = window.setInterval(tick, 60);
  const up = () => {
    window.clearInterval(timer);
    document.removeEventListener("mousemove", move);
    document.removeEventListener("mouseup", up);
    const drag = grid.drag;
    grid.drag = undefined;
    if (!drag) return;
    if (drag.kind === "fill") {
      grid.fillBox.hidden = true;
      grid.root.classList.remove("filling");
      const source = grid.selection.range;
      if (drag.target && !sameRect(drag.target, source)) grid.events.fill(source, drag.target);
    } else if (drag.kind === "point") {
      grid.events.point?.(drag.target ?? rectOf(drag.start, drag.start), "end");
    } else if (drag.kind === "resize") {
      grid.body.classList.remove("resizing");
    }
  };
  document.addEventListener("mousemove", move);
  document.addEventListener("mouseup", up);
}

export function dragTo(grid: Grid, x: number, y: number): void {
  const drag = grid.drag;
  if (!drag) return;
  const at = cellAt(grid, x, y);
  if (drag.kind === "resize") {
    const width = Math.max(MIN_WIDTH, Math.round(drag.w0! + x - drag.x0!));
    grid.events.resizeColumn(drag.col!, width);
  } else if (drag.kind === "cells") {
    if (at.row !== grid.corner_.row || at.col !== grid.corner_.col) grid.extend(at.row, at.col);
  } else if (drag.kind === "columns") {
    const r = { top: 0, left: Math.min(drag.start.col, at.col), bottom: grid.rows() - 1, right: Math.max(drag.start.col, at.col) };
    grid.selection = { row: 0, col: drag.start.col, range: r };
    grid.render();
    grid.events.select(grid.selection);
  } else if (drag.kind === "rows") {
    const r = { top: Math.min(drag.start.row, at.row), left: 0, bottom: Math.max(drag.start.row, at.row), right: grid.cols() - 1 };
    grid.selection = { row: drag.start.row, col: 0, range: r };
    grid.render();
    grid.events.select(grid.selection);
  } else if (drag.kind === "point") {
    drag.target = rectOf(drag.start, at);
    grid.events.point?.(drag.target, "move");
  } else if (drag.kind === "fill") {
    drag.target = fillTarget(grid.selection.range, at);
    grid.root.classList.add("filling");
    grid.fillBox.hidden = false;
    grid.place(grid.fillBox, drag.target);
  }
}
