import type { MenuEntry } from "./menus";
import type { PlaygroundPage } from "./page";
import { fitColumn, clearRange } from "./page-cells";
import { activeTab, addSheet } from "./page-tabs";
import { pasteFromMenu } from "./page-clipboard";

/**
 * The page's context menus: on cells, rows and columns, on a sheet tab, and the list of all sheets. Functions
 * of the PlaygroundPage (page.ts), which keeps the state they share.
 */

export function openMenu(page: PlaygroundPage, at: { x: number; y: number } | HTMLElement, entries: MenuEntry[], label: string, back: HTMLElement): void {
  void import(/* webpackChunkName: "menus" */ "./menus").then(({ showMenu }) => {
    document.documentElement.dataset.menu = "open";
    showMenu(at, entries, label, () => {
      delete document.documentElement.dataset.menu;
      if (!document.querySelector("dialog[open]") && !page.editing && !document.querySelector(".tab-rename")) back.focus({ preventScroll: true });
    });
  });
}

export function cellMenu(page: PlaygroundPage, at: { x: number; y: number }, on: "cell" | "column" | "row"): void {
  const r = page.grid.selection.range;
  const rows = r.bottom - r.top + 1;
  const cols = r.right - r.left + 1;
  const ro = page.readOnly;
  const plural = (n: number, word: string) => `${n === 1 ? "" : `${n} `}${word}${n === 1 ? "" : "s"}`;
  const entries: MenuEntry[] = [
    { label: "Cut", shortcut: "Ctrl+X", disabled: ro, run: () => page.copyRange(true) },
    { label: "Copy", shortcut: "Ctrl+C", run: () => page.copyRange(false) },
    { label: "Paste", shortcut: "Ctrl+V", disabled: ro, run: () => void pasteFromMenu(page, false) },
    { label: "Paste values", shortcut: "Ctrl+Shift+V", disabled: ro, run: () => void pasteFromMenu(page, true) },
    "divider",
  ];
  if (on !== "column") {
    entries.push(
      { label: `Insert ${plural(rows, "row")} above`, disabled: ro, run: () => page.insertCells("rows", r.top, rows) },
      { label: `Delete ${plural(rows, "row")}`, disabled: ro, run: () => page.deleteCells("rows", r.top, rows) },
    );
  }
  if (on !== "row") {
    entries.push(
      { label: `Insert ${plural(cols, "column")} left`, disabled: ro, run: () => page.insertCells("cols", r.left, cols) },
      { label: `Delete ${plural(cols, "column")}`, disabled: ro, run: () => page.deleteCells("cols", r.left, cols) },
    );
  }
  entries.push("divider", { label: "Clear contents", shortcut: "Delete", disabled: ro, run: () => clearRange(page, r) });
  if (on === "column") entries.push({ label: "Fit column width", run: () => fitColumn(page, r.left) });
  openMenu(page, at, entries, "Cell actions", page.grid.body);
}

export function tabMenu(page: PlaygroundPage, name: string, at: { x: number; y: number } | HTMLElement): void {
  const names = page.hf.getSheetNames();
  const i = names.indexOf(name);
  const ro = page.readOnly;
  const back = page.tabs.querySelector<HTMLElement>(`.tab[data-sheet="${CSS.escape(name)}"]`) ?? page.grid.body;
  openMenu(page, 
    at,
    [
      { label: "Rename", shortcut: "F2", disabled: ro, run: () => page.renameSheet(name) },
      { label: "Delete", disabled: ro || names.length < 2, run: () => void page.deleteSheet(name) },
      { label: "Move left", disabled: ro || i === 0, run: () => page.moveSheet(name, i - 1) },
      { label: "Move right", disabled: ro || i === names.length - 1, run: () => page.moveSheet(name, i + 1) },
      "divider",
      { label: "Add a sheet", disabled: ro, run: () => addSheet(page) },
    ],
    `Sheet ${name}`,
    back,
  );
}

/** The list of every sheet (the tabs that scrolled out of sight among them). */
export function sheetsMenu(page: PlaygroundPage, button: HTMLElement): void {
  const entries: MenuEntry[] = page.hf.getSheetNames().map((name) => ({
    label: name,
    checked: name === page.sheetName,
    run: () => {
      page.activateSheet(name);
      activeTab(page)?.focus();
    } }));
  openMenu(page, button, entries, "All sheets", button);
}
