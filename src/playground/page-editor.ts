import { DetailedCellError, HyperFormula } from "hyperformula";
import { HF_CONFIG } from "./bridge";
import { cellName, rangeName } from "../shared/a1";
import { el, type Rect } from "./grid";
import type { PlaygroundPage } from "./page";
import { READ_ONLY, Editing, isFormulaStart } from "./page-common";
import { contentOf, onSelect } from "./page-view";

/**
 * Typing in a cell or the formula bar: the in-cell editor, pointing at cells to put a reference in a formula,
 * and committing or cancelling the edit. Functions of the PlaygroundPage (page.ts), which keeps the state they
 * share.
 */

export function startEdit(page: PlaygroundPage, row: number, col: number, initial?: string): void {
  if (page.readOnly) return page.setStatus(READ_ONLY);
  closeEditor(page, false);
  const input = el("input", "cell-editor");
  input.spellcheck = false;
  input.setAttribute("aria-label", `Edit ${cellName(row, col)}`);
  const box = page.grid.cellBox(row, col);
  input.style.transform = `translate(${box.left}px, ${box.top}px)`;
  input.style.width = `${Math.max(box.width, 220)}px`;
  input.style.height = `${box.height}px`;
  input.value = initial ?? contentOf(page, row, col);
  input.dataset.row = String(row);
  input.dataset.col = String(col);
  page.grid.canvasElement.append(input);
  page.editing = { input, row, col, sheet: page.sheet, mode: initial === undefined ? "edit" : "enter" };
  page.help.attach(input);
  input.addEventListener("keydown", (e) => onEditorKey(page, e, input));
  input.addEventListener("input", () => {
    page.bar.value = input.value;
    pointMoved(page, input);
  });
  input.addEventListener("mousedown", () => {
    if (page.editing?.input === input) page.editing.mode = "edit";
  });
  input.addEventListener("blur", (e) => {
    if (page.editing?.input !== input) return;
    if (e.relatedTarget === page.bar) {
      // The edit moves on into the formula bar, unfinished, as in Excel.
      page.editing = undefined;
      input.remove();
      page.help.hide();
      page.grid.showPoint(undefined);
      page.barEdit = { row, col, original: contentOf(page, row, col) };
      page.bar.value = input.value;
      return;
    }
    closeEditor(page, true);
  });
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  page.bar.value = input.value;
  page.help.update(input);
}

/** The text typed changed: a reference being pointed at is no longer one (unless the page just put it there). */
export function pointMoved(page: PlaygroundPage, input: HTMLInputElement): void {
  const ed = editingFor(page, input);
  if (ed?.point && input.value.slice(ed.point.start, ed.point.end) !== rangeName(ed.point.range)) {
    ed.point = undefined;
    page.grid.showPoint(undefined);
  }
}

/** The edit `input` belongs to: the in-cell editor's, or the formula bar's. */
export function editingFor(page: PlaygroundPage, input: HTMLInputElement): Editing | undefined {
  if (page.editing?.input === input) return page.editing;
  if (input === page.bar && page.barEdit) {
    page.barPoint ??= { input: page.bar, row: page.barEdit.row, col: page.barEdit.col, sheet: page.sheet, mode: "edit" };
    return page.barPoint;
  }
  return undefined;
}

/** Whether a reference can be put at the caret: a formula, the caret after an operator or where the last one was put. */
export function canPoint(page: PlaygroundPage, ed: Editing): boolean {
  const input = ed.input;
  if (!input.value.startsWith("=") || ed.sheet !== page.sheet) return false;
  const caret = input.selectionStart ?? input.value.length;
  if (ed.point && caret === ed.point.end) return true;
  return isFormulaStart(input.value.slice(0, caret));
}

/** Puts a reference to `range` at the caret (or in place of the one being pointed with). */
export function putReference(page: PlaygroundPage, ed: Editing, range: Rect, anchor: { row: number; col: number }): void {
  const input = ed.input;
  const text = rangeName(range);
  const caret = input.selectionStart ?? input.value.length;
  const start = ed.point && caret === ed.point.end ? ed.point.start : caret;
  const end = ed.point && caret === ed.point.end ? ed.point.end : caret;
  input.value = input.value.slice(0, start) + text + input.value.slice(end);
  input.setSelectionRange(start + text.length, start + text.length);
  ed.point = { start, end: start + text.length, anchor, range };
  page.grid.showPoint(range);
  if (input !== page.bar) page.bar.value = input.value;
  page.help.update(input);
}

/** The grid's mouse while a formula is typed: a click puts the cell's reference in, a drag a range's. */
export function pointAt(page: PlaygroundPage, range: Rect, phase: "start" | "move" | "end"): boolean {
  const input = page.editing?.input ?? (document.activeElement === page.bar ? page.bar : undefined);
  if (!input) return false;
  const ed = editingFor(page, input);
  if (!ed) return false;
  if (phase === "start" && !canPoint(page, ed)) return false;
  if (!ed.point && phase !== "start") return false;
  const anchor = phase === "start" ? { row: range.top, col: range.left } : ed.point!.anchor;
  putReference(page, ed, range, anchor);
  if (phase === "start") ed.mode = "enter";
  input.focus();
  return true;
}

/** An arrow key while a formula is typed in Enter mode: moves (or with Shift, stretches) the reference. */
export function pointKey(page: PlaygroundPage, ed: Editing, e: KeyboardEvent): boolean {
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const m = moves[e.key];
  if (!m || ed.mode !== "enter" || !canPoint(page, ed)) return false;
  const base = ed.point ?? { anchor: { row: ed.row, col: ed.col }, range: { top: ed.row, left: ed.col, bottom: ed.row, right: ed.col } };
  const clampR = (r: number) => Math.max(0, Math.min(HF_CONFIG.maxRows - 1, r));
  const clampC = (c: number) => Math.max(0, Math.min(HF_CONFIG.maxColumns - 1, c));
  if (e.shiftKey && ed.point) {
    const r = base.range;
    const far = { row: r.top === base.anchor.row ? r.bottom : r.top, col: r.left === base.anchor.col ? r.right : r.left };
    const to = { row: clampR(far.row + m[0]), col: clampC(far.col + m[1]) };
    putReference(page, ed, { top: Math.min(base.anchor.row, to.row), left: Math.min(base.anchor.col, to.col), bottom: Math.max(base.anchor.row, to.row), right: Math.max(base.anchor.col, to.col) }, base.anchor);
  } else {
    const from = ed.point ? base.anchor : { row: ed.row, col: ed.col };
    const to = { row: clampR(from.row + m[0]), col: clampC(from.col + m[1]) };
    putReference(page, ed, { top: to.row, left: to.col, bottom: to.row, right: to.col }, to);
  }
  return true;
}

/** F4: the reference at the caret cycles A1 → $A$1 → A$1 → $A1 → A1, as in Excel. */
export function cycleAnchors(page: PlaygroundPage, input: HTMLInputElement): boolean {
  const caret = input.selectionStart ?? input.value.length;
  const re = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?/g;
  for (let m = re.exec(input.value); m; m = re.exec(input.value)) {
    const start = m.index;
    const end = start + m[0].length;
    if (caret < start || caret > end) continue;
    const prev = input.value[start - 1];
    if (prev && /[\w.]/.test(prev)) continue;
    const next = (colAbs: string, rowAbs: string): [string, string] => {
      if (!colAbs && !rowAbs) return ["$", "$"];
      if (colAbs && rowAbs) return ["", "$"];
      if (!colAbs && rowAbs) return ["$", ""];
      return ["", ""];
    };
    const [ca, ra] = next(m[1]!, m[3]!);
    let text = `${ca}${m[2]}${ra}${m[4]}`;
    if (m[6]) {
      const [cb, rb] = next(m[5]!, m[7]!);
      text += `:${cb}${m[6]}${rb}${m[8]}`;
    }
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.setSelectionRange(start + text.length, start + text.length);
    const ed = editingFor(page, input);
    if (ed) ed.point = undefined;
    page.grid.showPoint(undefined);
    if (input !== page.bar) page.bar.value = input.value;
    return true;
  }
  return false;
}

/** Enter, Tab and Escape, the same in the in-cell editor and in the formula bar; F2, F4 and pointing. */
export function onEditorKey(page: PlaygroundPage, e: KeyboardEvent, input: HTMLInputElement): void {
  if (e.key === "F6") return; // the page's
  if (page.help.keydown(e)) {
    e.preventDefault();
    return;
  }
  const ed = editingFor(page, input);
  if (e.key === "F4") {
    e.preventDefault();
    cycleAnchors(page, input);
    return;
  }
  if (e.key === "F2" && ed) {
    e.preventDefault();
    ed.mode = ed.mode === "enter" ? "edit" : "enter";
    page.setStatus(ed.mode === "edit" ? "Edit mode: arrows move in the text" : "Enter mode: arrows point at cells");
    return;
  }
  if (ed && e.key.startsWith("Arrow") && !e.ctrlKey && !e.altKey) {
    if (pointKey(page, ed, e)) {
      e.preventDefault();
      return;
    }
    // In Enter mode, an arrow commits what was typed and moves, as in Excel.
    if (ed.mode === "enter" && input !== page.bar && !e.shiftKey) {
      e.preventDefault();
      const { row, col } = ed;
      const d = ({ ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] } as Record<string, [number, number]>)[e.key]!;
      if (!finishEdit(page, input, row, col)) return;
      page.grid.select(row + d[0], col + d[1]);
      page.grid.focus();
      return;
    }
    return;
  }
  if (e.key !== "Enter" && e.key !== "Tab" && e.key !== "Escape") return;
  e.preventDefault();
  page.help.hide();
  const fromBar = input === page.bar;
  const target = fromBar ? page.barEdit : ed;
  const { row, col } = target ?? page.grid.selection;
  if (e.key === "Escape") {
    endEditor(page, input);
    page.bar.value = contentOf(page, row, col);
  } else {
    if (!finishEdit(page, input, row, col)) return;
    if (e.key === "Enter" && e.altKey) return;
    // moves as the grid does after Enter and Tab (Enter goes back to where a run of Tabs began)
    page.grid.select(row, col, undefined, true);
    page.grid.advance(e.key, e.shiftKey);
  }
  page.grid.focus();
  onSelect(page); // the bar shows the cell now selected
}

/** Removes an editor (the in-cell one, or ends the bar's edit) without writing. */
export function endEditor(page: PlaygroundPage, input: HTMLInputElement): void {
  if (input === page.bar) {
    page.barEdit = undefined;
    page.barPoint = undefined;
  } else if (page.editing?.input === input) {
    page.editing = undefined;
    input.remove();
  }
  page.grid.showPoint(undefined);
}

/**
 * Writes an editor's text to its cell and closes it; a formula with a syntax error is not written: the editor
 * stays open with the parser's message. Returns whether it was written.
 */
export function finishEdit(page: PlaygroundPage, input: HTMLInputElement, row: number, col: number): boolean {
  const problem = syntaxError(page, input.value);
  if (problem) {
    page.info.className = "cell-info error";
    page.info.textContent = `${cellName(row, col)}: the formula cannot be read — ${problem}. Correct it, or press Escape to cancel.`;
    page.setStatus(`The formula in ${cellName(row, col)} has a syntax error`);
    input.setAttribute("aria-invalid", "true");
    input.focus();
    return false;
  }
  endEditor(page, input);
  if (input === page.bar || input.value !== contentOf(page, row, col)) page.commit(row, col, input.value);
  return true;
}

/** The parser's message for a formula that cannot be read, or undefined. */
export function syntaxError(page: PlaygroundPage, text: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith("=") || page.hf.validateFormula(t)) return undefined;
  page.scratch ??= HyperFormula.buildFromArray([[]], HF_CONFIG);
  page.scratch.setCellContents({ sheet: 0, row: 0, col: 0 }, [[t]]);
  const v = page.scratch.getCellValue({ sheet: 0, row: 0, col: 0 });
  const message = v instanceof DetailedCellError ? v.message : "";
  return message.replace(/\.$/, "") || "it is not a formula the spreadsheet can read";
}

/** Ends an edit made in the formula bar: commits it to the cell it began on when it changed. */
export function finishBarEdit(page: PlaygroundPage, save: boolean): void {
  const edit = page.barEdit;
  if (!edit) return;
  if (save && page.bar.value !== edit.original) {
    if (syntaxError(page, page.bar.value)) {
      // not written: the bar keeps the text, and says why
      finishEdit(page, page.bar, edit.row, edit.col);
      return;
    }
    page.barEdit = undefined;
    page.barPoint = undefined;
    page.help.hide();
    page.grid.showPoint(undefined);
    page.commit(edit.row, edit.col, page.bar.value);
  } else {
    page.barEdit = undefined;
    page.barPoint = undefined;
    page.help.hide();
    page.grid.showPoint(undefined);
    onSelect(page);
  }
}

export function closeEditor(page: PlaygroundPage, save: boolean): void {
  const ed = page.editing;
  if (!ed) return;
  if (save && ed.input.value !== contentOf(page, ed.row, ed.col)) {
    if (finishEdit(page, ed.input, ed.row, ed.col)) return;
    // a formula that cannot be read is kept as text in its cell rather than lost
    endEditor(page, ed.input);
    page.help.hide();
    page.commit(ed.row, ed.col, `'${ed.input.value}`);
    return;
  }
  endEditor(page, ed.input);
  page.help.hide();
}
