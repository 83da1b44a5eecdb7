import { Grid, ROW_HEIGHT, rectOf, clamp } from "./grid";

/**
 * The grid's keyboard: moving and extending the selection as Excel does (Ctrl+arrows stop at the edges of
 * data), and the keys it hands to the page. Functions of the Grid (grid.ts), which keeps the state they share.
 */

/** Ctrl+arrow from (row, col): the edge of the block of data, or the next data, or the sheet's edge. */
export function edge(grid: Grid, row: number, col: number, dr: number, dc: number): { row: number; col: number } {
  const used = grid.source.used();
  const maxR = grid.source.maxRow();
  const maxC = grid.source.maxCol();
  const inside = (r: number, c: number) => r >= 0 && c >= 0 && r <= maxR && c <= maxC;
  const filled = (r: number, c: number) => r < used.rows && c < used.cols && !grid.source.isEmpty(r, c);
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

/** Arrow keys as row and column steps. */
const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** Each family of keys answers whether the key was its own (and then it is handled, or left to the page). */
type KeyFamily = (grid: Grid, e: KeyboardEvent, ctrl: boolean) => boolean;

export function onKey(grid: Grid, e: KeyboardEvent): void {
  if (e.target !== grid.body) return; // keys typed in the cell editor are the editor's
  if (grid.events.key(e)) {
    e.preventDefault();
    return;
  }
  const ctrl = e.ctrlKey || e.metaKey;
  for (const family of KEY_FAMILIES) if (family(grid, e, ctrl)) return;
}

/** Ctrl+Z (Ctrl+Shift+Z redoes) and Ctrl+Y. */
const historyKey: KeyFamily = (grid, e, ctrl) => {
  if (!ctrl || e.altKey) return false;
  if (e.key === "z" || e.key === "Z") {
    e.preventDefault();
    if (e.shiftKey) grid.events.redo();
    else grid.events.undo();
    return true;
  }
  if (e.key === "y" || e.key === "Y") {
    e.preventDefault();
    grid.events.redo();
    return true;
  }
  return false;
};

/**
 * Arrows (with Ctrl to the edge of the data), Page Up and Down, Home, Ctrl+Home and Ctrl+End: with Shift they extend
 * the selection from its far corner. Enter and Tab move as Excel does after them.
 */
const moveKey: KeyFamily = (grid, e, ctrl) => {
  const from = e.shiftKey ? grid.corner_ : { row: grid.selection.row, col: grid.selection.col };
  const go = (r: number, c: number) => (e.shiftKey ? grid.extend(r, c) : grid.select(r, c));
  const arrow = ARROWS[e.key];
  if (arrow) {
    e.preventDefault();
    if (ctrl) {
      const to = grid.edge(from.row, from.col, arrow[0], arrow[1]);
      go(to.row, to.col);
    } else go(from.row + arrow[0], from.col + arrow[1]);
    return true;
  }
  switch (e.key) {
    case "PageUp":
    case "PageDown": {
      if (ctrl) return true; // sheets: the page's
      e.preventDefault();
      const page = Math.max(1, Math.floor((grid.body.clientHeight - ROW_HEIGHT) / ROW_HEIGHT) - 1);
      go(from.row + (e.key === "PageUp" ? -page : page), from.col);
      return true;
    }
    case "Home":
      e.preventDefault();
      if (ctrl) go(0, 0);
      else go(from.row, 0);
      return true;
    case "End": {
      if (!ctrl) return true;
      e.preventDefault();
      const used = grid.source.used();
      go(Math.max(0, used.rows - 1), Math.max(0, used.cols - 1));
      return true;
    }
    case "Enter":
    case "Tab":
      if (ctrl || e.altKey) return true;
      e.preventDefault();
      grid.advance(e.key, e.shiftKey);
      return true;
  }
  return false;
};

/** F2 edits the active cell, Delete clears the selection, Backspace empties the cell and edits it (as Excel). */
const cellKey: KeyFamily = (grid, e) => {
  const { row, col } = grid.selection;
  switch (e.key) {
    case "F2":
      e.preventDefault();
      grid.events.edit(row, col);
      return true;
    case "Delete":
      e.preventDefault();
      grid.events.clear(grid.selection.range);
      return true;
    case "Backspace":
      e.preventDefault();
      grid.events.edit(row, col, "");
      return true;
  }
  return false;
};

/** Ctrl+A selects the used area (at least to the active cell); Ctrl+Space the column, Shift+Space the row. */
const selectKey: KeyFamily = (grid, e, ctrl) => {
  const { row, col } = grid.selection;
  if (ctrl && !e.altKey && (e.key === "a" || e.key === "A")) {
    e.preventDefault();
    const used = grid.source.used();
    grid.select(row, col, rectOf({ row: 0, col: 0 }, { row: Math.max(used.rows - 1, row), col: Math.max(used.cols - 1, col) }));
    return true;
  }
  if (e.key === " " && (ctrl || e.shiftKey) && !(ctrl && e.shiftKey)) {
    e.preventDefault();
    if (ctrl) grid.select(row, col, { top: 0, left: col, bottom: grid.rows() - 1, right: col });
    else grid.select(row, col, { top: row, left: 0, bottom: row, right: grid.cols() - 1 });
    return true;
  }
  return false;
};

/** A character typed on the grid starts editing the active cell with it. */
const typeKey: KeyFamily = (grid, e, ctrl) => {
  if (e.key.length !== 1 || ctrl || e.altKey) return false;
  e.preventDefault();
  grid.events.edit(grid.selection.row, grid.selection.col, e.key);
  return true;
};

/** In the order they are asked: a key is the first family's that takes it. */
const KEY_FAMILIES: KeyFamily[] = [historyKey, moveKey, cellKey, selectKey, typeKey];
