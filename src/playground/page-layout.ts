import { el, Grid } from "./grid";
import type { PlaygroundPage } from "./page";
import { fitColumn, goToName, setWidth, clearRange } from "./page-cells";
import { history } from "./page-history";
import { onTabKey, addSheet } from "./page-tabs";
import { startEdit, pointMoved, pointAt, onEditorKey, finishBarEdit } from "./page-editor";
import { gridKey } from "./page-keys";
import { cellMenu, sheetsMenu } from "./page-menus";
import { gridSource, contentOf, onSelect } from "./page-view";

/**
 * The page's parts, built once: the header and its buttons, the formula bar, the grid with its sheet tabs, the
 * task pane's place and the status line. Functions of the PlaygroundPage (page.ts), which keeps what they build.
 */

function button(text: string, id?: string, title?: string): HTMLButtonElement {
  const b = el("button", "btn", text);
  b.type = "button";
  if (id) b.id = id;
  if (title) b.title = title;
  return b;
}

/** The header: the title, Open (an .xlsx or CSV file), the two saves, Start from the sample, the reference and the pane's toggle. */
export function pageHeader(page: PlaygroundPage, root: HTMLElement): HTMLElement {
  const header = el("header", "top");
  const title = el("div", "brand");
  title.append(el("strong", "", "LEV"), el("span", "", " playground — leverage and margin maths as spreadsheet functions"));
  const actions = el("div", "actions");
  const save = button("Save .xlsx", "save-xlsx");
  save.addEventListener("click", () => void page.saveFile());
  const saveValues = button(
    "Save a copy with values",
    "save-values",
    "The same workbook with every formula replaced by its last value, to share with anyone: it opens in any spreadsheet program, Excel without LEV included.",
  );
  saveValues.addEventListener("click", () => void page.saveFile(true));
  const restart = button("Start from the sample", "start-sample");
  restart.addEventListener("click", () => void page.startFromSample());
  const helpLink = el("a", "btn link", "Function reference");
  helpLink.href = "help.html";
  helpLink.target = "_blank";
  helpLink.rel = "noopener";
  actions.append(...openButton(page), save, saveValues, restart, helpLink, paneToggle(page, root));
  header.append(title, actions);
  return header;
}

/** Open…, and the hidden file input it clicks. */
function openButton(page: PlaygroundPage): [HTMLButtonElement, HTMLInputElement] {
  const open = button("Open…", "open-xlsx", "Open an .xlsx workbook, or a CSV file as a new sheet");
  const file = el("input");
  file.type = "file";
  file.accept = ".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";
  file.hidden = true;
  file.id = "open-file";
  open.addEventListener("click", () => file.click());
  file.addEventListener("change", () => {
    const f = file.files?.[0];
    if (f) void page.openFile(f);
    file.value = "";
  });
  return [open, file];
}

/** Hide or show the task pane; the grid is laid out again in the room it has. */
function paneToggle(page: PlaygroundPage, root: HTMLElement): HTMLButtonElement {
  const toggle = button("Hide task pane", "pane-toggle");
  toggle.setAttribute("aria-controls", "pane");
  toggle.setAttribute("aria-expanded", "true");
  toggle.addEventListener("click", () => {
    const hidden = root.classList.toggle("pane-hidden");
    toggle.textContent = hidden ? "Show task pane" : "Hide task pane";
    toggle.setAttribute("aria-expanded", String(!hidden));
    page.grid.reset();
  });
  return toggle;
}

/** The formula bar: the name box (Enter goes to the cell or name, Escape back to the grid) and the formula input. */
export function formulaBar(page: PlaygroundPage): { box: HTMLElement; nameBox: HTMLInputElement; input: HTMLInputElement } {
  const box = el("div", "formula-bar");
  const nameBox = el("input", "name-box");
  nameBox.setAttribute("aria-label", "Name box: cell reference or defined name");
  nameBox.spellcheck = false;
  nameBox.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      goToName(page, nameBox.value);
    } else if (e.key === "Escape") {
      onSelect(page);
      page.grid.focus();
    }
  });
  const fx = el("span", "fx", "fx");
  fx.setAttribute("aria-hidden", "true");
  const input = el("input", "formula-input");
  input.id = "formula-input";
  input.setAttribute("aria-label", "Formula bar");
  input.spellcheck = false;
  input.addEventListener("keydown", (e) => onEditorKey(page, e, input));
  // Editing in the bar edits the selected cell: the cell it started on is kept, so a click elsewhere
  // commits there (as Excel does), and Escape puts back what the cell held.
  input.addEventListener("focus", () => {
    if (page.barEdit) return;
    const { row, col } = page.grid.selection;
    page.barEdit = { row, col, original: contentOf(page, row, col) };
  });
  input.addEventListener("input", () => pointMoved(page, input));
  input.addEventListener("blur", () => finishBarEdit(page, true));
  page.help.attach(input);
  box.append(nameBox, fx, input);
  return { box, nameBox, input };
}

/** The grid over the page's workbook, in `parent`: what the trader does on it goes to the page's jobs. */
export function pageGrid(page: PlaygroundPage, parent: HTMLElement): Grid {
  return new Grid(parent, gridSource(page), {
    select: () => onSelect(page),
    edit: (row, col, initial) => startEdit(page, row, col, initial),
    clear: (range) => clearRange(page, range),
    undo: () => history(page, "undo"),
    redo: () => history(page, "redo"),
    fill: (source, target) => page.fill(source, target, true),
    resizeColumn: (col, width) => setWidth(page, col, width),
    fitColumn: (col) => fitColumn(page, col),
    contextMenu: (x, y, on) => cellMenu(page, { x, y }, on),
    key: (e) => gridKey(page, e),
    point: (range, phase) => pointAt(page, range, phase) });
}

/** The sheet bar under the grid: the tabs, Add a sheet (+) and the menu of all sheets (☰). */
export function sheetBar(page: PlaygroundPage): { bar: HTMLElement; tabs: HTMLElement } {
  const bar = el("div", "sheetbar");
  const tabs = el("div", "tabs");
  tabs.setAttribute("role", "tablist");
  tabs.setAttribute("aria-label", "Sheets");
  tabs.addEventListener("keydown", (e) => onTabKey(page, e));
  const add = el("button", "tab sheet-btn add", "+");
  add.type = "button";
  add.title = "Add a sheet";
  add.setAttribute("aria-label", "Add a sheet");
  add.addEventListener("click", () => addSheet(page));
  const all = el("button", "sheet-btn all", "☰");
  all.type = "button";
  all.title = "All sheets";
  all.setAttribute("aria-label", "All sheets");
  all.setAttribute("aria-haspopup", "menu");
  all.addEventListener("click", () => sheetsMenu(page, all));
  bar.append(tabs, add, all);
  return { bar, tabs };
}
