import { DetailedCellError, type HyperFormula, type SimpleCellAddress } from "hyperformula";
import { FormulaHelp } from "./autocomplete";
import { buildWorkbook, type LevBridge } from "./bridge";
import { cellName, formatNumber, parseCell, parseRange } from "./format";
import { el, Grid, type CellView } from "./grid";
import type { PlaygroundHost } from "./host";
import type { FunctionMetadata } from "./metadata";
import type { SheetFormats } from "./xlsx";

/*
 * The playground page: header (open/save), formula bar, the grid over the HyperFormula workbook, sheet
 * tabs, and the task pane's place beside the grid. It is the PlaygroundHost the task pane writes through.
 */

const MIN_ROWS = 100;
const MIN_COLS = 26;
const DEFAULT_WIDTH = 104;
const HINT = 'Type a formula such as =LEV.LIQPRICE("long", 60000, 10) in any cell: LEV. names complete as you type. Errors show their message here.';

export interface PageOptions {
  bridge: LevBridge;
  functions: FunctionMetadata[];
  sheets: Record<string, unknown[][]>;
  formats: SheetFormats;
  widths?: Record<string, Record<number, number>>;
}

export class PlaygroundPage implements PlaygroundHost {
  hf: HyperFormula;
  readonly pane: HTMLElement;
  private readonly grid: Grid;
  private readonly tabs: HTMLElement;
  private readonly nameBox: HTMLInputElement;
  private readonly bar: HTMLInputElement;
  private readonly info: HTMLElement;
  private readonly status: HTMLElement;
  private readonly help: FormulaHelp;
  private formats: SheetFormats;
  private widths: Record<string, Record<number, number>>;
  private sheet = 0;
  private editor?: HTMLInputElement;
  private readonly bridge: LevBridge;

  constructor(root: HTMLElement, options: PageOptions) {
    this.bridge = options.bridge;
    this.formats = options.formats;
    this.widths = options.widths ?? {};
    this.hf = buildWorkbook(this.bridge, options.sheets);
    this.help = new FormulaHelp(options.functions);

    root.replaceChildren();
    root.className = "playground";

    const header = el("header", "top");
    const title = el("div", "brand");
    title.append(el("strong", "", "LEV"), el("span", "", " playground — leverage and margin maths as spreadsheet functions"));
    const actions = el("div", "actions");
    const open = el("button", "btn", "Open .xlsx");
    open.type = "button";
    open.id = "open-xlsx";
    const file = el("input");
    file.type = "file";
    file.accept = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    file.hidden = true;
    file.id = "open-file";
    open.addEventListener("click", () => file.click());
    file.addEventListener("change", () => {
      const f = file.files?.[0];
      if (f) void this.openFile(f);
      file.value = "";
    });
    const save = el("button", "btn", "Save .xlsx");
    save.type = "button";
    save.id = "save-xlsx";
    save.addEventListener("click", () => void this.saveFile());
    const helpLink = el("a", "btn link", "Function reference");
    helpLink.href = "help.html";
    helpLink.target = "_blank";
    helpLink.rel = "noopener";
    actions.append(open, file, save, helpLink);
    header.append(title, actions);

    const formulaBar = el("div", "formula-bar");
    this.nameBox = el("input", "name-box");
    this.nameBox.setAttribute("aria-label", "Cell reference");
    this.nameBox.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      const target = parseCell(this.nameBox.value);
      if (target) this.grid.select(target.row, target.col);
      this.grid.focus();
    });
    const fx = el("span", "fx", "fx");
    this.bar = el("input", "formula-input");
    this.bar.id = "formula-input";
    this.bar.setAttribute("aria-label", "Formula");
    this.bar.spellcheck = false;
    this.bar.addEventListener("keydown", (e) => this.onEditorKey(e, this.bar));
    this.help.attach(this.bar);
    formulaBar.append(this.nameBox, fx, this.bar);
    this.info = el("div", "cell-info");
    this.info.id = "cell-info";
    this.info.setAttribute("aria-live", "polite");

    const main = el("div", "main");
    const sheetArea = el("section", "sheet-area");
    this.grid = new Grid(sheetArea, this.gridSource(), {
      select: () => this.onSelect(),
      edit: (row, col, initial) => this.startEdit(row, col, initial),
      clear: (row, col) => this.commit(row, col, ""),
      undo: () => this.history("undo"),
      redo: () => this.history("redo"),
    });
    this.tabs = el("nav", "tabs");
    this.tabs.setAttribute("aria-label", "Sheets");
    sheetArea.append(this.tabs);
    this.pane = el("aside", "pane");
    this.pane.id = "pane";
    this.pane.setAttribute("aria-label", "LEV task pane");
    main.append(sheetArea, this.pane);

    this.status = el("footer", "status");
    root.append(header, formulaBar, this.info, main, this.status);

    this.refresh();
    this.grid.select(0, 0);
    this.grid.focus();
  }

  // ─── PlaygroundHost ───────────────────────────────────────────────────────────────────────────────

  refresh(): void {
    this.bridge.settle(this.hf);
    const names = this.hf.getSheetNames();
    if (this.hf.getSheetName(this.sheet) === undefined) this.sheet = this.hf.getSheetId(names[0]!) ?? 0;
    this.drawTabs();
    this.grid.reset();
    this.onSelect();
  }

  activateSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    this.closeEditor(false);
    this.sheet = id;
    this.refresh();
    this.grid.select(0, 0);
  }

  select(sheet: string, range: string): void {
    if (this.hf.getSheetId(sheet) !== this.sheet) this.activateSheet(sheet);
    const r = parseRange(range);
    if (!r) return;
    this.grid.select(r.top, r.left, r.top === r.bottom && r.left === r.right ? undefined : r);
  }

  // ─── The workbook as the grid sees it ──────────────────────────────────────────────────────────────

  get sheetName(): string {
    return this.hf.getSheetName(this.sheet) ?? "";
  }

  private address(row: number, col: number): SimpleCellAddress {
    return { sheet: this.sheet, row, col };
  }

  private gridSource() {
    return {
      rowCount: () => Math.max(MIN_ROWS, this.hf.getSheetDimensions(this.sheet).height + 20),
      colCount: () => Math.max(MIN_COLS, this.hf.getSheetDimensions(this.sheet).width + 4),
      colWidth: (col: number) => this.colWidth(col),
      view: (row: number, col: number): CellView => this.view(row, col),
    };
  }

  private colWidth(col: number): number {
    return this.widths[this.sheetName]?.[col] ?? DEFAULT_WIDTH;
  }

  private view(row: number, col: number): CellView {
    const a = this.address(row, col);
    const v = this.hf.getCellValue(a);
    const spilled = this.hf.isCellPartOfArray(a) && this.hf.getCellFormula(a) === undefined;
    if (v === null || v === undefined || v === "") return { text: "", kind: "empty", spilled };
    if (v instanceof DetailedCellError) return { text: v.value, kind: "error", title: `${v.value} ${v.message ?? ""}`.trim(), spilled };
    if (typeof v === "number") {
      // General format shows as many digits as the column has room for, as Excel does.
      const room = Math.max(6, Math.floor((this.colWidth(col) - 12) / 8));
      return { text: formatNumber(v, this.formats[this.sheetName]?.[col], room), kind: "number", spilled };
    }
    if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", kind: "boolean", spilled };
    // Text runs on over an empty cell to its right, as in Excel.
    const next = this.hf.getCellValue(this.address(row, col + 1));
    const overflow = next === null || next === undefined || next === "";
    return { text: String(v), kind: "text", spilled, overflow };
  }

  /** What the formula bar shows for a cell: its formula, or its value as typed. */
  private contentOf(row: number, col: number): string {
    const a = this.address(row, col);
    const formula = this.hf.getCellFormula(a);
    if (formula) return formula;
    const raw = this.hf.getCellSerialized(a);
    if (raw === null || raw === undefined) return "";
    if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
    return String(raw);
  }

  private onSelect(): void {
    const { row, col } = this.grid.selection;
    this.nameBox.value = cellName(row, col);
    if (document.activeElement !== this.bar) this.bar.value = this.contentOf(row, col);
    const a = this.address(row, col);
    const v = this.hf.getCellValue(a);
    if (v instanceof DetailedCellError) {
      this.info.className = "cell-info error";
      this.info.textContent = `${cellName(row, col)}: ${v.value}${v.message ? ` — ${v.message}` : ""}`;
    } else if (this.hf.isCellPartOfArray(a) && this.hf.getCellFormula(a) === undefined) {
      this.info.className = "cell-info";
      this.info.textContent = `${cellName(row, col)} is part of a spilled result.`;
    } else {
      this.info.className = "cell-info";
      this.info.textContent = HINT;
    }
  }

  private drawTabs(): void {
    const buttons = this.hf.getSheetNames().map((name) => {
      const b = el("button", `tab${this.hf.getSheetId(name) === this.sheet ? " active" : ""}`, name);
      b.type = "button";
      b.dataset.sheet = name;
      b.setAttribute("role", "tab");
      b.addEventListener("click", () => this.activateSheet(name));
      return b;
    });
    const add = el("button", "tab add", "+");
    add.type = "button";
    add.title = "Add a sheet";
    add.addEventListener("click", () => {
      let n = this.hf.getSheetNames().length + 1;
      while (this.hf.doesSheetExist(`Sheet${n}`)) n++;
      const name = this.hf.addSheet(`Sheet${n}`);
      this.activateSheet(name);
    });
    this.tabs.replaceChildren(...buttons, add);
  }

  // ─── Editing ───────────────────────────────────────────────────────────────────────────────────────

  private startEdit(row: number, col: number, initial?: string): void {
    this.closeEditor(false);
    const input = el("input", "cell-editor");
    input.spellcheck = false;
    input.setAttribute("aria-label", `Edit ${cellName(row, col)}`);
    const box = this.grid.cellBox(row, col);
    input.style.transform = `translate(${box.left}px, ${box.top}px)`;
    input.style.width = `${Math.max(box.width, 220)}px`;
    input.style.height = `${box.height}px`;
    input.value = initial ?? this.contentOf(row, col);
    input.dataset.row = String(row);
    input.dataset.col = String(col);
    this.grid.canvasElement.append(input);
    this.editor = input;
    this.help.attach(input);
    input.addEventListener("keydown", (e) => this.onEditorKey(e, input));
    input.addEventListener("input", () => {
      this.bar.value = input.value;
    });
    input.addEventListener("blur", () => {
      if (this.editor === input) this.closeEditor(true, 0);
    });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    this.bar.value = input.value;
    this.help.update(input);
  }

  private onEditorKey(e: KeyboardEvent, input: HTMLInputElement): void {
    if (this.help.keydown(e)) {
      e.preventDefault();
      return;
    }
    const { row, col } = this.grid.selection;
    if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      const text = input.value;
      if (input === this.editor) this.editor = undefined;
      input.remove();
      this.help.hide();
      this.commit(row, col, text);
      if (e.key === "Enter") this.grid.select(row + (e.shiftKey ? -1 : 1), col);
      else this.grid.select(row, col + (e.shiftKey ? -1 : 1));
      this.grid.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.help.hide();
      if (input === this.editor) this.closeEditor(false);
      this.bar.value = this.contentOf(row, col);
      this.grid.focus();
    }
  }

  private closeEditor(save: boolean, move = 0): void {
    const input = this.editor;
    if (!input) return;
    this.editor = undefined;
    input.remove();
    this.help.hide();
    if (save) {
      const row = Number(input.dataset.row);
      const col = Number(input.dataset.col);
      if (input.value !== this.contentOf(row, col)) this.commit(row, col, input.value);
      if (move) this.grid.select(row + move, col);
    }
  }

  /** Writes what the user typed into a cell (as Excel reads typed text: numbers, TRUE/FALSE, formulas). */
  commit(row: number, col: number, text: string): void {
    const t = text.trim();
    let content: unknown = text;
    if (t === "") content = null;
    else if (/^=/.test(t)) content = t;
    else if (/^(true|false)$/i.test(t)) content = /^true$/i.test(t);
    else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) content = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
    const started = performance.now();
    try {
      this.hf.setCellContents(this.address(row, col), [[content as never]]);
    } catch (e) {
      this.setStatus(`Could not write ${cellName(row, col)}: ${(e as Error).message}`);
      return;
    }
    this.bridge.settle(this.hf);
    this.grid.reset();
    this.onSelect();
    this.setStatus(`Recalculated in ${Math.round(performance.now() - started)} ms`);
  }

  private history(kind: "undo" | "redo"): void {
    try {
      if (kind === "undo" ? this.hf.isThereSomethingToUndo() : this.hf.isThereSomethingToRedo()) {
        if (kind === "undo") this.hf.undo();
        else this.hf.redo();
        this.refresh();
      }
    } catch (e) {
      this.setStatus((e as Error).message);
    }
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  // ─── Files ─────────────────────────────────────────────────────────────────────────────────────────

  /** Replaces the workbook with the sheets of an .xlsx file. */
  async openFile(file: Blob & { name?: string }): Promise<void> {
    this.setStatus(`Opening ${file.name ?? "the file"}…`);
    try {
      const { readXlsx } = await import("./xlsx");
      const data = await readXlsx(await file.arrayBuffer());
      this.load(data.sheets, data.formats, data.widths);
      this.setStatus(`Opened ${file.name ?? "the file"}: ${Object.keys(data.sheets).join(", ")}`);
    } catch (e) {
      this.setStatus(`Could not open the file: ${(e as Error).message}`);
    }
  }

  /** Replaces the workbook. */
  load(sheets: Record<string, unknown[][]>, formats: SheetFormats = {}, widths: Record<string, Record<number, number>> = {}): void {
    this.closeEditor(false);
    const old = this.hf;
    this.hf = buildWorkbook(this.bridge, sheets);
    old.destroy();
    this.formats = formats;
    this.widths = widths;
    this.sheet = this.hf.getSheetId(this.hf.getSheetNames()[0]!) ?? 0;
    this.refresh();
    this.grid.select(0, 0);
  }

  async saveFile(): Promise<void> {
    const { writeXlsx } = await import("./xlsx");
    const buffer = await writeXlsx(this.hf, this.formats, this.widths);
    const blob = new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "lev-playground.xlsx";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    this.setStatus("Saved lev-playground.xlsx");
  }
}
