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

export function onKey(grid: Grid, e: KeyboardEvent): void {
  if (e.target !== grid.body) return; // keys typed in the cell editor are the editor's
  if (grid.events.key(e)) {
    e.preventDefault();
    return;
  }
  const { row, col } = grid.selection;
  const ctrl = e.ctrlKey || e.metaKey;
  const page = Math.max(1, Math.floor((grid.body.clientHeight - ROW_HEIGHT) / ROW_HEIGHT) - 1);
  const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const from = e.shiftKey ? grid.corner_ : { row, col };
  const go = (r: number, c: number) => (e.shiftKey ? grid.extend(r, c) : grid.select(r, c));
  if (ctrl && !e.altKey && (e.key === "z" || e.key === "Z")) {
    e.preventDefault();
    if (e.shiftKey) grid.events.redo();
    else grid.events.undo();
    return;
  }
  if (ctrl && !e.altKey && (e.key === "y" || e.key === "Y")) {
    e.preventDefault();
    grid.events.redo();
    return;
  }
  const arrow = arrows[e.key];
  if (arrow) {
    e.preventDefault();
    if (ctrl) {
      const to = grid.edge(from.row, from.col, arrow[0], arrow[1]);
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
        const used = grid.source.used();
        go(Math.max(0, used.rows - 1), Math.max(0, used.cols - 1));
      }
      return;
    case "Enter":
    case "Tab":
      if (ctrl || e.altKey) return;
      e.preventDefault();
      grid.advance(e.key, e.shiftKey);
      return;
    case "F2":
      e.preventDefault();
      grid.events.edit(row, col);
      return;
    case "Delete":
      e.preventDefault();
      grid.events.clear(grid.selection.range);
      return;
    case "Backspace":
      // as Excel: the cell is emptied and edited
      e.preventDefault();
      grid.events.edit(row, col, "");
      return;
  }
  if (ctrl && !e.altKey && (e.key === "a" || e.key === "A")) {
    e.preventDefault();
    const used = grid.source.used();
    grid.select(row, col, rectOf({ row: 0, col: 0 }, { row: Math.max(used.rows - 1, row), col: Math.max(used.cols - 1, col) }));
    return;
  }
  if (e.key === " " && (ctrl || e.shiftKey) && !(ctrl && e.shiftKey)) {
    e.preventDefault();
    if (ctrl) grid.select(row, col, { top: 0, left: col, bottom: grid.rows() - 1, right: col });
    else grid.select(row, col, { top: row, left: 0, bottom: row, right: grid.cols() - 1 });
    return;
  }
  if (e.key.length === 1 && !ctrl && !e.altKey) {
    e.preventDefault();
    grid.events.edit(row, col, e.key);
  }
}
