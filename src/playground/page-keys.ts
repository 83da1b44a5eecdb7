import { HEADER_WIDTH } from "./grid";
import type { PlaygroundPage } from "./page";
import { fillFromEdge } from "./page-cells";
import { activeTab, stepSheet } from "./page-tabs";
import { closeEditor } from "./page-editor";
import { cellMenu } from "./page-menus";

/**
 * The page's keyboard: shortcuts that work anywhere on the page, moving focus between its regions, and the
 * grid's own keys. Functions of the PlaygroundPage (page.ts), which keeps the state they share.
 */

export function installDocumentKeys(page: PlaygroundPage): void {
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
      if (e.key === "F6") {
        e.preventDefault();
        cycleFocus(page, e.shiftKey ? -1 : 1);
        return;
      }
      const ctrl = e.ctrlKey || e.metaKey;
      if (ctrl && (e.key === "PageDown" || e.key === "PageUp")) {
        const target = document.activeElement;
        if (page.pane.contains(target) || (target instanceof HTMLInputElement && target !== page.bar && !page.tabs.contains(target))) return;
        e.preventDefault();
        closeEditor(page, true);
        stepSheet(page, e.key === "PageDown" ? 1 : -1);
      }
    },
    true,
  );
}

/** F6 / Shift+F6 (and Ctrl+F6): grid → formula bar → sheet tabs → task pane → header, as Excel cycles them. */
export function cycleFocus(page: PlaygroundPage, by: number): void {
  const active = document.activeElement;
  const regions: { has: (e: Element | null) => boolean; focus: () => void }[] = [
    { has: (e) => page.grid.root.contains(e), focus: () => page.grid.focus() },
    { has: (e) => e === page.bar || e === page.nameBox, focus: () => page.bar.focus() },
    { has: (e) => page.sheetbar.contains(e), focus: () => activeTab(page)?.focus() },
    {
      has: (e) => page.pane.contains(e),
      focus: () => {
        const first = page.pane.querySelector<HTMLElement>('button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])');
        (first ?? page.pane).focus();
      } },
    { has: (e) => page.header.contains(e), focus: () => page.header.querySelector<HTMLElement>("button")?.focus() },
  ];
  if (page.editing) closeEditor(page, true);
  const at = regions.findIndex((r) => r.has(active));
  // the next region that can take the focus (a hidden task pane cannot)
  let i = at < 0 ? (by > 0 ? -1 : 0) : at;
  for (let tries = 0; tries < regions.length; tries++) {
    i = (i + by + regions.length) % regions.length;
    regions[i]!.focus();
    if (regions[i]!.has(document.activeElement)) return;
  }
}

export function gridKey(page: PlaygroundPage, e: KeyboardEvent): boolean {
  const ctrl = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (ctrl && !e.altKey && k === "d") {
    fillFromEdge(page, "down");
    return true;
  }
  if (ctrl && !e.altKey && k === "r") {
    fillFromEdge(page, "right");
    return true;
  }
  if (ctrl && e.shiftKey && k === "v") {
    // the paste event that follows pastes values only
    page.valuesOnly = true;
    return false;
  }
  if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
    const box = page.grid.cellBox(page.grid.selection.row, page.grid.selection.col);
    const g = page.grid.body.getBoundingClientRect();
    cellMenu(page, { x: g.left + HEADER_WIDTH + box.left - page.grid.body.scrollLeft + box.width / 2, y: g.top + 24 + box.top - page.grid.body.scrollTop + box.height }, "cell");
    return true;
  }
  if (e.key === "Escape" && page.copied) {
    page.copied = undefined;
    page.grid.mark(undefined);
    return true;
  }
  return false;
}
