import { ask } from "./dialog";
import { el } from "./grid";
import { snapshot } from "./store";
import type { PlaygroundPage } from "./page";
import { READ_ONLY } from "./page-common";
import { tabMenu } from "./page-menus";

/**
 * The sheet tabs: drawing them, moving between them with the keyboard, adding, renaming, deleting and moving
 * sheets. Functions of the PlaygroundPage (page.ts), which keeps the state they share.
 */

export function activeTab(page: PlaygroundPage): HTMLElement | null {
  return page.tabs.querySelector<HTMLElement>('.tab[aria-selected="true"]');
}

export function drawTabs(page: PlaygroundPage): void {
  const hadFocus = page.tabs.contains(document.activeElement);
  const buttons = page.hf.getSheetNames().map((name) => {
    const active = page.hf.getSheetId(name) === page.sheet;
    const b = el("button", `tab${active ? " active" : ""}`);
    b.append(el("span", "tab-label", name));
    b.type = "button";
    b.id = `sheet-tab-${page.hf.getSheetId(name)}`;
    b.dataset.sheet = name;
    b.title = name;
    b.setAttribute("role", "tab");
    b.setAttribute("aria-selected", String(active));
    b.setAttribute("aria-controls", page.grid.body.id);
    b.tabIndex = active ? 0 : -1;
    b.draggable = true;
    b.addEventListener("click", () => page.activateSheet(name));
    b.addEventListener("dblclick", () => page.renameSheet(name));
    b.addEventListener("contextmenu", (e) => {
      e.preventDefault();
      tabMenu(page, name, { x: e.clientX, y: e.clientY });
    });
    b.addEventListener("dragstart", (e) => {
      e.dataTransfer?.setData("application/x-lev-sheet", name);
      if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
    });
    b.addEventListener("dragover", (e) => {
      if (e.dataTransfer?.types.includes("application/x-lev-sheet")) e.preventDefault();
    });
    b.addEventListener("drop", (e) => {
      const moved = e.dataTransfer?.getData("application/x-lev-sheet");
      if (!moved || moved === name) return;
      e.preventDefault();
      const names = page.hf.getSheetNames();
      const box = b.getBoundingClientRect();
      let to = names.indexOf(name);
      if (e.clientX > box.left + box.width / 2) to++;
      if (names.indexOf(moved) < to) to--;
      page.moveSheet(moved, to);
    });
    return b;
  });
  page.tabs.replaceChildren(...buttons);
  const tab = activeTab(page);
  tab?.scrollIntoView({ block: "nearest", inline: "nearest" });
  if (hadFocus) tab?.focus();
}

export function onTabKey(page: PlaygroundPage, e: KeyboardEvent): void {
  const tab = (e.target as HTMLElement).closest<HTMLElement>(".tab");
  if (!tab) return;
  const names = page.hf.getSheetNames();
  const i = names.indexOf(tab.dataset.sheet ?? "");
  let to: number | undefined;
  if (e.key === "ArrowRight") to = (i + 1) % names.length;
  else if (e.key === "ArrowLeft") to = (i - 1 + names.length) % names.length;
  else if (e.key === "Home") to = 0;
  else if (e.key === "End") to = names.length - 1;
  else if (e.key === "F2") {
    e.preventDefault();
    page.renameSheet(names[i]!);
    return;
  } else if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
    e.preventDefault();
    tabMenu(page, names[i]!, tab);
    return;
  } else if (e.key === "Delete") {
    e.preventDefault();
    void page.deleteSheet(names[i]!);
    return;
  }
  if (to === undefined) return;
  e.preventDefault();
  page.activateSheet(names[to]!);
  activeTab(page)?.focus();
}

/** Ctrl+PgDn / Ctrl+PgUp: the next or previous sheet. */
export function stepSheet(page: PlaygroundPage, by: number): void {
  const names = page.hf.getSheetNames();
  const i = names.indexOf(page.sheetName);
  const next = names[(i + by + names.length) % names.length]!;
  const onTab = page.tabs.contains(document.activeElement);
  page.activateSheet(next);
  if (onTab) activeTab(page)?.focus();
  else page.grid.focus();
}

export function addSheet(page: PlaygroundPage): void {
  let n = page.hf.getSheetNames().length + 1;
  while (page.hf.doesSheetExist(`Sheet${n}`)) n++;
  const name = `Sheet${n}`;
  if (!page.act(() => void page.hf.addSheet(name), "add a sheet", true)) return;
  page.activateSheet(name);
  page.setStatus(`Added ${name}`);
}

/** Why a sheet name cannot be used, in Excel's rules, or undefined when it can. */
export function badSheetName(page: PlaygroundPage, name: string, current?: string): string | undefined {
  if (name.trim() === "") return "A sheet name cannot be blank.";
  if (name.length > 31) return "A sheet name has at most 31 characters.";
  if (/[\\/?*[\]:]/.test(name)) return "A sheet name cannot contain \\ / ? * [ ] or :.";
  if (name.startsWith("'") || name.endsWith("'")) return "A sheet name cannot begin or end with an apostrophe.";
  if (name.toLowerCase() !== current?.toLowerCase() && page.hf.doesSheetExist(name)) return `There is already a sheet named "${name}".`;
  return undefined;
}

/** Renames a sheet in place: its tab becomes a text box; Enter renames, Escape keeps the name. */
export function renameSheet(page: PlaygroundPage, name: string): void {
  if (page.readOnly) return page.setStatus(READ_ONLY);
  const tab = page.tabs.querySelector<HTMLElement>(`.tab[data-sheet="${CSS.escape(name)}"]`);
  if (!tab) return;
  const input = el("input", "tab-rename");
  input.value = name;
  input.setAttribute("aria-label", `New name for sheet ${name}`);
  input.spellcheck = false;
  tab.replaceWith(input);
  input.focus();
  input.select();
  let done = false;
  const finish = (save: boolean) => {
    if (done) return;
    const next = input.value.trim();
    if (save && next !== name) {
      const bad = badSheetName(page, next, name);
      if (bad) {
        page.setStatus(bad);
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      done = true;
      const id = page.hf.getSheetId(name)!;
      page.act(() => {
        page.hf.renameSheet(id, next);
        if (page.meta[name]) {
          page.meta[next] = page.meta[name]!;
          delete page.meta[name];
        }
      }, "rename the sheet", true);
      page.setStatus(`Renamed ${name} to ${next}`);
    }
    done = true;
    drawTabs(page);
    activeTab(page)?.focus();
  };
  input.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      finish(true);
    } else if (e.key === "Escape") {
      e.preventDefault();
      finish(false);
    }
  });
  input.addEventListener("blur", () => finish(true));
}

/** Deletes a sheet after asking (formulas that read it show #REF!, as in Excel). */
export async function deleteSheet(page: PlaygroundPage, name: string): Promise<void> {
  if (page.readOnly) return page.setStatus(READ_ONLY);
  if (page.hf.countSheets() <= 1) {
    page.setStatus("A workbook must have at least one sheet: add another before deleting this one.");
    return;
  }
  const answer = await ask(
    `Delete the sheet "${name}"?`,
    [`Its cells are deleted, and formulas on other sheets that read them will show #REF!.`, "Ctrl+Z brings the sheet back."],
    [
      { value: "delete", label: "Delete", primary: true },
      { value: "cancel", label: "Cancel" },
    ],
    "cancel",
  );
  if (answer !== "delete") return;
  const id = page.hf.getSheetId(name);
  if (id === undefined) return;
  page.act(() => {
    if (id === page.sheet) {
      // the sheet shown goes: its neighbour is shown instead, as in Excel
      const names = page.hf.getSheetNames();
      const i = names.indexOf(name);
      page.sheet = page.hf.getSheetId(names[i + 1] ?? names[i - 1]!)!;
    }
    page.hf.removeSheet(id);
    delete page.meta[name];
  }, "delete the sheet");
  page.refresh();
  page.grid.select(0, 0);
  activeTab(page)?.focus();
  page.setStatus(`Deleted the sheet ${name}`);
}

/** Moves a sheet to position `to`. HyperFormula keeps sheets in the order they were added, so the workbook is built again in the new order (as in Excel, this cannot be undone). */
export function moveSheet(page: PlaygroundPage, name: string, to: number): void {
  if (page.readOnly) return page.setStatus(READ_ONLY);
  const names = page.hf.getSheetNames();
  const from = names.indexOf(name);
  if (from < 0 || to < 0 || to >= names.length || from === to) return;
  const snap = snapshot(page.hf, page.meta);
  const [moved] = snap.sheets.splice(from, 1);
  snap.sheets.splice(to, 0, moved!);
  const focusTab = page.tabs.contains(document.activeElement);
  page.rebuild(snap, name);
  page.dirty = true;
  page.changed();
  if (focusTab) activeTab(page)?.focus();
  page.setStatus(`Moved ${name}`);
}
