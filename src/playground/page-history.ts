import { HF_CONFIG } from "./bridge";
import { READ_ONLY, Step, plainError } from "./page-common";
import { updateCharts } from "./page-charts";
import { widenForDates, onSelect } from "./page-view";
import type { PlaygroundPage } from "./page";

/**
 * The undo history: every change one step of HyperFormula's history with the page's meta beside it, then kept.
 * Functions of the PlaygroundPage (page.ts), which keeps the state they share.
 */

/**
 * Makes one change: `fn` does one HyperFormula operation (or none, when it returns false) and may change the
 * meta; the change is one step of the undo history. Returns false when nothing could be done.
 */
export function act(page: PlaygroundPage, fn: () => void | boolean, label = "change", keepCopy = false): boolean {
  if (page.readOnly) {
    page.setStatus(READ_ONLY);
    return false;
  }
  const before = structuredClone(page.meta);
  const sheet = page.sheetName;
  let steps = 1;
  try {
    if (fn() === false) steps = 0;
  } catch (e) {
    page.meta = before;
    page.setStatus(`Could not ${label}: ${plainError(e)}`);
    page.grid.reset();
    return false;
  }
  steps += page.bridge.settle(page.hf);
  // a LEV table that now spills dates into a column of the default width widens it (part of the same step)
  widenForDates(page);
  record(page, { steps, before, after: structuredClone(page.meta), sheet });
  // a change to the cells ends what Ctrl+C marked, as in Excel (a cut is kept for its paste)
  if (!keepCopy && !page.copied?.cut) {
    page.copied = undefined;
    page.grid.mark(undefined);
  }
  afterChange(page);
  return true;
}

export function record(page: PlaygroundPage, step: Step): void {
  page.undoSteps.push(step);
  if (page.undoSteps.length > HF_CONFIG.undoLimit) page.undoSteps.shift();
  page.redoSteps = [];
}

export function afterChange(page: PlaygroundPage): void {
  page.ruleCache.clear();
  page.grid.reset();
  onSelect(page);
  updateCharts(page);
  page.changed();
}

/** Marks the workbook unsaved and lets whoever keeps it know. */
export function changed(page: PlaygroundPage): void {
  page.dirty = true;
  page.version++;
  page.options.changed?.(page);
}

export function history(page: PlaygroundPage, kind: "undo" | "redo"): void {
  if (page.readOnly) return page.setStatus(READ_ONLY);
  const from = kind === "undo" ? page.undoSteps : page.redoSteps;
  const step = from.pop();
  if (!step) {
    page.setStatus(kind === "undo" ? "Nothing to undo" : "Nothing to redo");
    return;
  }
  try {
    for (let i = 0; i < step.steps; i++) {
      if (kind === "undo") page.hf.undo();
      else page.hf.redo();
    }
  } catch (e) {
    page.setStatus(plainError(e));
  }
  page.meta = structuredClone(kind === "undo" ? step.before : step.after);
  (kind === "undo" ? page.redoSteps : page.undoSteps).push(step);
  if (page.hf.doesSheetExist(step.sheet) && step.sheet !== page.sheetName) page.sheet = page.hf.getSheetId(step.sheet)!;
  page.copied = undefined;
  page.grid.mark(undefined);
  page.refresh();
  page.changed();
  page.setStatus(kind === "undo" ? "Undone" : "Redone");
}
