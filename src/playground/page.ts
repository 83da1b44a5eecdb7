import { DetailedCellError, HyperFormula, type RawCellContent, type SimpleCellAddress } from "hyperformula";
import { FormulaHelp, type HelpEntry } from "./autocomplete";
import { buildWorkbook, HF_CONFIG, type DefinedName, type LevBridge } from "./bridge";
import type { DrawnChart } from "./chart";
import { fromHtml, fromTsv, toHtml, toTsv } from "./clipboard";
import type { Answers, DateOrder, ReadCells } from "./csv-open";
import { ask } from "./dialog";
import { series, type Content } from "./fill";
import { asRange, cellName } from "../shared/a1";
import { dateParts, formatNumber, isDateFormat } from "./format";
import { el, Grid, HEADER_WIDTH, rangeName, textWidth, type CellView, type Rect, type Selection } from "./grid";
import { addinIdentity } from "./addin";
import type { PlaygroundHost } from "./host";
import type { MenuEntry } from "./menus";
import type { FunctionMetadata } from "./metadata";
import { DEFAULT_COLUMN_WIDTH, emptyMeta, formatAt, inside, rect, shiftFormula, shiftMeta, styleAt, writeBlock, type CellStyle, type SheetMeta, type WorkbookMeta } from "./sheet";
import { snapshot, type Snapshot } from "./store";
import { readTyped } from "./typed";

/*
 * The playground page: header (open, save, start again), formula bar, the grid over the HyperFormula workbook,
 * sheet tabs, and the task pane's place beside the grid. It is the PlaygroundHost the task pane writes through.
 *
 * Every change a trader makes goes through act(): one step of HyperFormula's undo history (a batch, a paste,
 * an inserted row) with the page's own meta (formats, tables, widths) saved beside it, so that Ctrl+Z undoes
 * both at once; then the workbook is marked unsaved and kept in the browser.
 */

const MIN_ROWS = 100;
const MIN_COLS = 26;
const DEFAULT_WIDTH = DEFAULT_COLUMN_WIDTH;
const HINT = 'Type a formula such as =LEV.LIQPRICE("long", 60000, 10) in any cell: LEV. names complete as you type. Errors show their message here.';
const READ_ONLY = "This workbook is open in another tab, so this tab is read-only. Close the other tab, then choose Edit here.";

export interface PageOptions {
  bridge: LevBridge;
  functions: FunctionMetadata[];
  sheets: Record<string, unknown[][]>;
  /** Formats, styles, widths, tables, conditional formats and charts by sheet. */
  meta?: WorkbookMeta;
  names?: DefinedName[];
  /** The sheet to show first. */
  active?: string;
  /** The workbook was changed since the last Save or Open (restored from the browser's store). */
  dirty?: boolean;
  /** The sample workbook, for Start from the sample. */
  sample?: () => { sheets: Record<string, unknown[][]>; meta: WorkbookMeta };
  /** Called after every change, to keep the workbook (the browser's store). */
  changed?: (page: PlaygroundPage) => void;
}

/** The colours of Excel's blue table style (TableStyleMedium2): header and banded rows. */
const TABLE_HEADER: CellStyle = { fill: "#4472C4", font: "#FFFFFF", bold: true };
const TABLE_BAND: CellStyle = { fill: "#D9E1F2" };
/** The cell's padding (4 pixels a side), its border and a pixel to spare, which text does not get. */
const CELL_INSET = 10;

/** One step of the page's undo history: how many steps of HyperFormula's it spans, and the meta around it. */
interface Step {
  steps: number;
  before: WorkbookMeta;
  after: WorkbookMeta;
  sheet: string;
}

/** What Ctrl+C or Ctrl+X took, to paste with its formulas moved (the clipboard's text pasted elsewhere). */
interface Copied {
  sheet: number;
  range: Rect;
  text: string;
  cut: boolean;
  values: RawCellContent[][];
  formats: (string | undefined)[][];
}

/** The editor a formula is typed in, and the reference the mouse or the arrows are pointing with. */
interface Editing {
  input: HTMLInputElement;
  row: number;
  col: number;
  sheet: number;
  /** Enter mode (arrows point or commit) after typing; Edit mode (arrows move the caret) after F2. */
  mode: "enter" | "edit";
  point?: { start: number; end: number; anchor: { row: number; col: number }; range: Rect };
}

const isFormulaStart = (before: string) => /(^=|[=(,;+\-*/^&<>:]\s*)$/.test(before);

export class PlaygroundPage implements PlaygroundHost {
  hf: HyperFormula;
  readonly pane: HTMLElement;
  private readonly grid: Grid;
  private readonly tabs: HTMLElement;
  private readonly sheetbar: HTMLElement;
  private readonly nameBox: HTMLInputElement;
  private readonly bar: HTMLInputElement;
  private readonly info: HTMLElement;
  private readonly status: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly header: HTMLElement;
  private readonly help: FormulaHelp;
  private meta: WorkbookMeta;
  /** Conditional formats' results by rule, as evaluated since the last recalculation. */
  private ruleCache = new Map<string, boolean>();
  private charts: { host: HTMLElement; drawn?: DrawnChart; sheet: string; index: number }[] = [];
  private chartLayer!: HTMLElement;
  private chartLoad = 0;
  private sheet = 0;
  private editing?: Editing;
  /** The cell the formula bar is editing, and what it held when the edit began. */
  private barEdit?: { row: number; col: number; original: string };
  private readonly bridge: LevBridge;
  /** The LEV functions' ids, which a saved file lists for Excel. */
  private readonly functionIds: string[];
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  private copied?: Copied;
  private valuesOnly = false;
  private scratch?: HyperFormula;
  private readonly options: PageOptions;
  /** Changed since the last Save or Open. */
  dirty: boolean;
  /** Another tab holds the workbook: nothing here changes it. */
  readOnly = false;
  /** Counts changes, for whoever keeps the workbook. */
  version = 0;

  constructor(root: HTMLElement, options: PageOptions) {
    this.options = options;
    this.bridge = options.bridge;
    this.functionIds = options.functions.map((f) => f.id.toUpperCase());
    this.meta = options.meta ?? {};
    this.dirty = options.dirty ?? false;
    this.hf = buildWorkbook(this.bridge, options.sheets, options.names);
    this.help = new FormulaHelp(options.functions);
    this.help.addBuiltins(builtins(this.hf));

    root.replaceChildren();
    root.className = "playground";

    this.header = el("header", "top");
    const title = el("div", "brand");
    title.append(el("strong", "", "LEV"), el("span", "", " playground — leverage and margin maths as spreadsheet functions"));
    const actions = el("div", "actions");
    const open = el("button", "btn", "Open…");
    open.type = "button";
    open.id = "open-xlsx";
    open.title = "Open an .xlsx workbook, or a CSV file as a new sheet";
    const file = el("input");
    file.type = "file";
    file.accept = ".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";
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
    const saveValues = el("button", "btn", "Save a copy with values");
    saveValues.type = "button";
    saveValues.id = "save-values";
    saveValues.title = "The same workbook with every formula replaced by its last value, to share with anyone: it opens in any spreadsheet program, Excel without LEV included.";
    saveValues.addEventListener("click", () => void this.saveFile(true));
    const restart = el("button", "btn", "Start from the sample");
    restart.type = "button";
    restart.id = "start-sample";
    restart.addEventListener("click", () => void this.startFromSample());
    const helpLink = el("a", "btn link", "Function reference");
    helpLink.href = "help.html";
    helpLink.target = "_blank";
    helpLink.rel = "noopener";
    const paneToggle = el("button", "btn", "Hide task pane");
    paneToggle.type = "button";
    paneToggle.id = "pane-toggle";
    paneToggle.setAttribute("aria-controls", "pane");
    paneToggle.setAttribute("aria-expanded", "true");
    paneToggle.addEventListener("click", () => {
      const hidden = root.classList.toggle("pane-hidden");
      paneToggle.textContent = hidden ? "Show task pane" : "Hide task pane";
      paneToggle.setAttribute("aria-expanded", String(!hidden));
      this.grid.reset();
    });
    actions.append(open, file, save, saveValues, restart, helpLink, paneToggle);
    this.header.append(title, actions);

    this.banner = el("div", "banner");
    this.banner.hidden = true;
    this.banner.setAttribute("aria-live", "polite");

    const formulaBar = el("div", "formula-bar");
    this.nameBox = el("input", "name-box");
    this.nameBox.setAttribute("aria-label", "Name box: cell reference or defined name");
    this.nameBox.spellcheck = false;
    this.nameBox.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.goToName(this.nameBox.value);
      } else if (e.key === "Escape") {
        this.onSelect();
        this.grid.focus();
      }
    });
    const fx = el("span", "fx", "fx");
    fx.setAttribute("aria-hidden", "true");
    this.bar = el("input", "formula-input");
    this.bar.id = "formula-input";
    this.bar.setAttribute("aria-label", "Formula bar");
    this.bar.spellcheck = false;
    this.bar.addEventListener("keydown", (e) => this.onEditorKey(e, this.bar));
    // Editing in the bar edits the selected cell: the cell it started on is kept, so a click elsewhere
    // commits there (as Excel does), and Escape puts back what the cell held.
    this.bar.addEventListener("focus", () => {
      if (this.barEdit) return;
      const { row, col } = this.grid.selection;
      this.barEdit = { row, col, original: this.contentOf(row, col) };
    });
    this.bar.addEventListener("input", () => this.pointMoved(this.bar));
    this.bar.addEventListener("blur", () => this.finishBarEdit(true));
    this.help.attach(this.bar);
    formulaBar.append(this.nameBox, fx, this.bar);
    this.info = el("div", "cell-info");
    this.info.id = "cell-info";
    this.info.setAttribute("aria-live", "polite");

    const main = el("main", "main");
    const sheetArea = el("section", "sheet-area");
    sheetArea.setAttribute("aria-label", "Workbook");
    this.grid = new Grid(sheetArea, this.gridSource(), {
      select: () => this.onSelect(),
      edit: (row, col, initial) => this.startEdit(row, col, initial),
      clear: (range) => this.clearRange(range),
      undo: () => this.history("undo"),
      redo: () => this.history("redo"),
      fill: (source, target) => this.fill(source, target, true),
      resizeColumn: (col, width) => this.setWidth(col, width),
      fitColumn: (col) => this.fitColumn(col),
      contextMenu: (x, y, on) => this.cellMenu({ x, y }, on),
      key: (e) => this.gridKey(e),
      point: (range, phase) => this.pointAt(range, phase),
    });
    this.chartLayer = el("div", "chart-layer");
    this.grid.canvasElement.append(this.chartLayer);
    this.sheetbar = el("div", "sheetbar");
    this.tabs = el("div", "tabs");
    this.tabs.setAttribute("role", "tablist");
    this.tabs.setAttribute("aria-label", "Sheets");
    this.tabs.addEventListener("keydown", (e) => this.onTabKey(e));
    const add = el("button", "tab sheet-btn add", "+");
    add.type = "button";
    add.title = "Add a sheet";
    add.setAttribute("aria-label", "Add a sheet");
    add.addEventListener("click", () => this.addSheet());
    const all = el("button", "sheet-btn all", "☰");
    all.type = "button";
    all.title = "All sheets";
    all.setAttribute("aria-label", "All sheets");
    all.setAttribute("aria-haspopup", "menu");
    all.addEventListener("click", () => this.sheetsMenu(all));
    this.sheetbar.append(this.tabs, add, all);
    sheetArea.append(this.sheetbar);
    this.pane = el("aside", "pane");
    this.pane.id = "pane";
    this.pane.tabIndex = -1;
    this.pane.setAttribute("aria-label", "LEV task pane");
    main.append(sheetArea, this.pane);

    this.status = el("footer", "status");
    // a live region: screen readers say each message as it comes ("Saved…", "Could not open the file…")
    this.status.setAttribute("aria-live", "polite");
    this.status.setAttribute("aria-atomic", "true");
    root.append(this.header, this.banner, formulaBar, this.info, main, this.status);

    this.installDocumentKeys();
    this.installClipboard();
    window.addEventListener("beforeunload", (e) => {
      if (!this.dirty || this.readOnly) return;
      e.preventDefault();
      e.returnValue = "";
    });

    if (options.active && this.hf.doesSheetExist(options.active)) this.sheet = this.hf.getSheetId(options.active)!;
    this.refresh();
    this.grid.select(0, 0);
    this.grid.focus();
  }

  // ─── PlaygroundHost ───────────────────────────────────────────────────────────────────────────────

  refresh(): void {
    this.bridge.settle(this.hf);
    const names = this.hf.getSheetNames();
    if (this.hf.getSheetName(this.sheet) === undefined) this.sheet = this.hf.getSheetId(names[0]!) ?? 0;
    this.widenForDates();
    this.ruleCache.clear();
    this.drawTabs();
    this.grid.body.setAttribute("aria-label", `Sheet ${this.sheetName}`);
    this.grid.mark(this.copied && this.copied.sheet === this.sheet ? this.copied.range : undefined);
    this.grid.reset();
    this.onSelect();
    this.drawCharts();
  }

  setSheetMeta(sheet: string, meta: SheetMeta): void {
    // a sheet the pane wrote: one step to undo, with the batch that wrote its cells
    const before = structuredClone(this.meta);
    this.meta[sheet] = meta;
    this.record({ steps: 1 + this.bridge.settle(this.hf), before, after: structuredClone(this.meta), sheet: this.sheetName });
    this.changed();
  }

  get workbookMeta(): WorkbookMeta {
    return this.meta;
  }

  activateSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    const tabHadFocus = this.tabs.contains(document.activeElement);
    this.closeEditor(false);
    this.sheet = id;
    this.refresh();
    this.grid.select(0, 0);
    // switching sheets from the tabs keeps the focus on the tab
    if (tabHadFocus) this.activeTab()?.focus();
  }

  select(sheet: string, range: string): void {
    if (this.hf.getSheetId(sheet) !== this.sheet) this.activateSheet(sheet);
    const r = asRange(range);
    if (!r) return;
    this.grid.select(r.top, r.left, r.top === r.bottom && r.left === r.right ? undefined : r);
  }

  /** The workbook can be written (the pane asks before it writes a sheet). */
  get writable(): boolean {
    return !this.readOnly;
  }

  // ─── The workbook as the grid sees it ──────────────────────────────────────────────────────────────

  get sheetName(): string {
    return this.hf.getSheetName(this.sheet) ?? "";
  }

  get selection(): Selection {
    return this.grid.selection;
  }

  private address(row: number, col: number): SimpleCellAddress {
    return { sheet: this.sheet, row, col };
  }

  private gridSource() {
    return {
      // the sheet reaches as far as its cells and its charts, with room to spare
      rowCount: () => Math.max(MIN_ROWS, this.hf.getSheetDimensions(this.sheet).height + 20, this.chartReach("bottom") + 20),
      colCount: () => Math.max(MIN_COLS, this.hf.getSheetDimensions(this.sheet).width + 4, this.chartReach("right") + 4),
      maxRow: () => HF_CONFIG.maxRows - 1,
      maxCol: () => HF_CONFIG.maxColumns - 1,
      colWidth: (col: number) => this.colWidth(col),
      view: (row: number, col: number): CellView => this.view(row, col),
      isEmpty: (row: number, col: number) => {
        const v = this.hf.getCellValue(this.address(row, col));
        return v === null || v === undefined || v === "";
      },
      used: () => {
        const d = this.hf.getSheetDimensions(this.sheet);
        return { rows: d.height, cols: d.width };
      },
      describe: (row: number, col: number) => this.describe(row, col),
    };
  }

  /** The active cell as a screen reader says it: "B4, 62,000" and "Formula: =D4*F4". */
  private describe(row: number, col: number): { name: string; description: string } {
    const shown = this.shownText(row, col);
    const name = `${cellName(row, col)}, ${shown === "" ? "blank" : shown}`;
    const a = this.address(row, col);
    const formula = this.hf.getCellFormula(a);
    const v = this.hf.getCellValue(a);
    const parts: string[] = [];
    if (formula) parts.push(`Formula: ${formula}`);
    if (v instanceof DetailedCellError && v.message) parts.push(v.message);
    return { name, description: parts.join(". ") };
  }

  /** The last row or column a chart of the active sheet covers (-1 without charts). */
  private chartReach(side: "bottom" | "right"): number {
    return Math.max(-1, ...(this.sheetMeta?.charts ?? []).map((c) => rect(c.anchor)[side]));
  }

  private get sheetMeta(): SheetMeta | undefined {
    return this.meta[this.sheetName];
  }

  private colWidth(col: number): number {
    return this.sheetMeta?.widths[col] ?? this.sheetMeta?.defaultWidth ?? DEFAULT_WIDTH;
  }

  private view(row: number, col: number): CellView {
    const a = this.address(row, col);
    const v = this.hf.getCellValue(a);
    const spilled = this.hf.isCellPartOfArray(a) && this.hf.getCellFormula(a) === undefined;
    const style = this.styleOf(row, col);
    if (v === null || v === undefined || v === "") return { text: "", kind: "empty", spilled, style };
    if (v instanceof DetailedCellError) return { text: v.value, kind: "error", title: `${v.value} ${v.message ?? ""}`.trim(), spilled, style };
    if (typeof v === "number") {
      // As Excel: as many digits as the column has room for in General, ### when a number does not fit.
      const room = this.colWidth(col) - CELL_INSET;
      const fits = (text: string) => textWidth(text, style?.bold) <= room;
      return { text: formatNumber(v, this.formatOf(row, col), fits), kind: "number", spilled, style };
    }
    if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", kind: "boolean", spilled, style };
    return { text: String(v), kind: "text", spilled, overflow: true, style };
  }

  /** A cell's text as its format shows it whatever the column's width (what Ctrl+C copies). */
  private shownText(row: number, col: number, sheet = this.sheet): string {
    const v = this.hf.getCellValue({ sheet, row, col });
    if (v === null || v === undefined) return "";
    if (v instanceof DetailedCellError) return v.value;
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (typeof v === "number") return formatNumber(v, formatAt(this.meta[this.hf.getSheetName(sheet) ?? ""], row, col), 1000);
    return String(v);
  }

  /** A cell's number format: its own, or the one its value carries (a LEV table's dates, prices, money). */
  private formatOf(row: number, col: number, sheet = this.sheet): string | undefined {
    return formatAt(this.meta[this.hf.getSheetName(sheet) ?? ""], row, col) ?? this.bridge.valueFormat(this.hf, { sheet, row, col });
  }

  /**
   * A column of the default width that a LEV table spills dates into widens to show them, as one a date is typed
   * into does (a column given a width keeps it: ### there, as in Excel).
   */
  private widenForDates(): void {
    const meta = this.sheetMeta;
    for (const { row, col, format } of this.bridge.valueFormats(this.hf, this.sheet)) {
      if (meta?.widths[col] !== undefined || meta?.defaultWidth !== undefined || !isDateFormat(format) || formatAt(meta, row, col)) continue;
      const v = this.hf.getCellValue(this.address(row, col));
      if (typeof v !== "number") continue;
      const need = textWidth(formatNumber(v, format, 40), this.styleOf(row, col)?.bold) + CELL_INSET;
      if (need > DEFAULT_WIDTH) (this.meta[this.sheetName] ??= emptyMeta()).widths[col] = need;
    }
  }

  /** A cell's look: its table's style, then its own style, then any conditional format that holds. */
  private styleOf(row: number, col: number): CellStyle | undefined {
    const meta = this.sheetMeta;
    if (!meta) return undefined;
    let style: CellStyle | undefined;
    for (const t of meta.tables) {
      const r = rect(t.range);
      if (!inside(r, row, col)) continue;
      if (row === r.top) style = { ...TABLE_HEADER };
      else if ((row - r.top) % 2 === 1) style = { ...TABLE_BAND };
    }
    const own = styleAt(meta, row, col);
    if (own) style = { ...style, ...own };
    for (const c of meta.conditional) {
      const r = rect(c.range);
      if (!inside(r, row, col)) continue;
      if (this.ruleHolds(shiftFormula(c.formula, row - r.top, col - r.left))) style = { ...style, fill: c.fill, font: c.font };
    }
    return style;
  }

  /** Whether a conditional format's rule, moved to one cell, is TRUE now. */
  private ruleHolds(formula: string): boolean {
    const key = `${this.sheet}|${formula}`;
    let holds = this.ruleCache.get(key);
    if (holds === undefined) {
      try {
        const v = this.hf.calculateFormula(formula, this.sheet);
        holds = v === true || (typeof v === "number" && v !== 0);
      } catch {
        holds = false;
      }
      this.ruleCache.set(key, holds);
    }
    return holds;
  }

  /** What the formula bar shows for a cell: its formula, or its value as typed. */
  private contentOf(row: number, col: number): string {
    const a = this.address(row, col);
    const formula = this.hf.getCellFormula(a);
    if (formula) return formula;
    const raw = this.hf.getCellSerialized(a);
    if (raw === null || raw === undefined) return "";
    if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
    // A date shows as a date in the bar too, in a form commit() reads back.
    if (typeof raw === "number" && isDateFormat(formatAt(this.sheetMeta, row, col))) return isoDate(raw);
    return String(raw);
  }

  private onSelect(): void {
    const { row, col, range } = this.grid.selection;
    if (document.activeElement !== this.nameBox) this.nameBox.value = range.top === range.bottom && range.left === range.right ? cellName(row, col) : rangeName(range);
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

  // ─── Sheet tabs ────────────────────────────────────────────────────────────────────────────────────

  private activeTab(): HTMLElement | null {
    return this.tabs.querySelector<HTMLElement>('.tab[aria-selected="true"]');
  }

  private drawTabs(): void {
    const hadFocus = this.tabs.contains(document.activeElement);
    const buttons = this.hf.getSheetNames().map((name) => {
      const active = this.hf.getSheetId(name) === this.sheet;
      const b = el("button", `tab${active ? " active" : ""}`);
      b.append(el("span", "tab-label", name));
      b.type = "button";
      b.id = `sheet-tab-${this.hf.getSheetId(name)}`;
      b.dataset.sheet = name;
      b.title = name;
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(active));
      b.setAttribute("aria-controls", this.grid.body.id);
      b.tabIndex = active ? 0 : -1;
      b.draggable = true;
      b.addEventListener("click", () => this.activateSheet(name));
      b.addEventListener("dblclick", () => this.renameSheet(name));
      b.addEventListener("contextmenu", (e) => {
        e.preventDefault();
        this.tabMenu(name, { x: e.clientX, y: e.clientY });
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
        const names = this.hf.getSheetNames();
        const box = b.getBoundingClientRect();
        let to = names.indexOf(name);
        if (e.clientX > box.left + box.width / 2) to++;
        if (names.indexOf(moved) < to) to--;
        this.moveSheet(moved, to);
      });
      return b;
    });
    this.tabs.replaceChildren(...buttons);
    const activeTab = this.activeTab();
    activeTab?.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (hadFocus) activeTab?.focus();
  }

  private onTabKey(e: KeyboardEvent): void {
    const tab = (e.target as HTMLElement).closest<HTMLElement>(".tab");
    if (!tab) return;
    const names = this.hf.getSheetNames();
    const i = names.indexOf(tab.dataset.sheet ?? "");
    let to: number | undefined;
    if (e.key === "ArrowRight") to = (i + 1) % names.length;
    else if (e.key === "ArrowLeft") to = (i - 1 + names.length) % names.length;
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = names.length - 1;
    else if (e.key === "F2") {
      e.preventDefault();
      this.renameSheet(names[i]!);
      return;
    } else if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
      e.preventDefault();
      this.tabMenu(names[i]!, tab);
      return;
    } else if (e.key === "Delete") {
      e.preventDefault();
      void this.deleteSheet(names[i]!);
      return;
    }
    if (to === undefined) return;
    e.preventDefault();
    this.activateSheet(names[to]!);
    this.activeTab()?.focus();
  }

  /** Ctrl+PgDn / Ctrl+PgUp: the next or previous sheet. */
  private stepSheet(by: number): void {
    const names = this.hf.getSheetNames();
    const i = names.indexOf(this.sheetName);
    const next = names[(i + by + names.length) % names.length]!;
    const onTab = this.tabs.contains(document.activeElement);
    this.activateSheet(next);
    if (onTab) this.activeTab()?.focus();
    else this.grid.focus();
  }

  private addSheet(): void {
    let n = this.hf.getSheetNames().length + 1;
    while (this.hf.doesSheetExist(`Sheet${n}`)) n++;
    const name = `Sheet${n}`;
    if (!this.act(() => void this.hf.addSheet(name), "add a sheet", true)) return;
    this.activateSheet(name);
    this.setStatus(`Added ${name}`);
  }

  /** Why a sheet name cannot be used, in Excel's rules, or undefined when it can. */
  private badSheetName(name: string, current?: string): string | undefined {
    if (name.trim() === "") return "A sheet name cannot be blank.";
    if (name.length > 31) return "A sheet name has at most 31 characters.";
    if (/[\\/?*[\]:]/.test(name)) return "A sheet name cannot contain \\ / ? * [ ] or :.";
    if (name.startsWith("'") || name.endsWith("'")) return "A sheet name cannot begin or end with an apostrophe.";
    if (name.toLowerCase() !== current?.toLowerCase() && this.hf.doesSheetExist(name)) return `There is already a sheet named "${name}".`;
    return undefined;
  }

  /** Renames a sheet in place: its tab becomes a text box; Enter renames, Escape keeps the name. */
  renameSheet(name: string): void {
    if (this.readOnly) return this.setStatus(READ_ONLY);
    const tab = this.tabs.querySelector<HTMLElement>(`.tab[data-sheet="${CSS.escape(name)}"]`);
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
        const bad = this.badSheetName(next, name);
        if (bad) {
          this.setStatus(bad);
          input.setAttribute("aria-invalid", "true");
          input.focus();
          return;
        }
        done = true;
        const id = this.hf.getSheetId(name)!;
        this.act(() => {
          this.hf.renameSheet(id, next);
          if (this.meta[name]) {
            this.meta[next] = this.meta[name]!;
            delete this.meta[name];
          }
        }, "rename the sheet", true);
        this.setStatus(`Renamed ${name} to ${next}`);
      }
      done = true;
      this.drawTabs();
      this.activeTab()?.focus();
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
  async deleteSheet(name: string): Promise<void> {
    if (this.readOnly) return this.setStatus(READ_ONLY);
    if (this.hf.countSheets() <= 1) {
      this.setStatus("A workbook must have at least one sheet: add another before deleting this one.");
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
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    this.act(() => {
      if (id === this.sheet) {
        // the sheet shown goes: its neighbour is shown instead, as in Excel
        const names = this.hf.getSheetNames();
        const i = names.indexOf(name);
        this.sheet = this.hf.getSheetId(names[i + 1] ?? names[i - 1]!)!;
      }
      this.hf.removeSheet(id);
      delete this.meta[name];
    }, "delete the sheet");
    this.refresh();
    this.grid.select(0, 0);
    this.activeTab()?.focus();
    this.setStatus(`Deleted the sheet ${name}`);
  }

  /** Moves a sheet to position `to`. HyperFormula keeps sheets in the order they were added, so the workbook is built again in the new order (as in Excel, this cannot be undone). */
  moveSheet(name: string, to: number): void {
    if (this.readOnly) return this.setStatus(READ_ONLY);
    const names = this.hf.getSheetNames();
    const from = names.indexOf(name);
    if (from < 0 || to < 0 || to >= names.length || from === to) return;
    const snap = snapshot(this.hf, this.meta);
    const [moved] = snap.sheets.splice(from, 1);
    snap.sheets.splice(to, 0, moved!);
    const focusTab = this.tabs.contains(document.activeElement);
    this.rebuild(snap, name);
    this.dirty = true;
    this.changed();
    if (focusTab) this.activeTab()?.focus();
    this.setStatus(`Moved ${name}`);
  }

  // ─── Keys on the whole page: F6 and sheets ─────────────────────────────────────────────────────────

  private installDocumentKeys(): void {
    document.addEventListener(
      "keydown",
      (e) => {
        if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
        if (e.key === "F6") {
          e.preventDefault();
          this.cycleFocus(e.shiftKey ? -1 : 1);
          return;
        }
        const ctrl = e.ctrlKey || e.metaKey;
        if (ctrl && (e.key === "PageDown" || e.key === "PageUp")) {
          const target = document.activeElement;
          if (this.pane.contains(target) || (target instanceof HTMLInputElement && target !== this.bar && !this.tabs.contains(target))) return;
          e.preventDefault();
          this.closeEditor(true);
          this.stepSheet(e.key === "PageDown" ? 1 : -1);
        }
      },
      true,
    );
  }

  /** F6 / Shift+F6 (and Ctrl+F6): grid → formula bar → sheet tabs → task pane → header, as Excel cycles them. */
  private cycleFocus(by: number): void {
    const active = document.activeElement;
    const regions: { has: (e: Element | null) => boolean; focus: () => void }[] = [
      { has: (e) => this.grid.root.contains(e), focus: () => this.grid.focus() },
      { has: (e) => e === this.bar || e === this.nameBox, focus: () => this.bar.focus() },
      { has: (e) => this.sheetbar.contains(e), focus: () => this.activeTab()?.focus() },
      {
        has: (e) => this.pane.contains(e),
        focus: () => {
          const first = this.pane.querySelector<HTMLElement>('button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])');
          (first ?? this.pane).focus();
        },
      },
      { has: (e) => this.header.contains(e), focus: () => this.header.querySelector<HTMLElement>("button")?.focus() },
    ];
    if (this.editing) this.closeEditor(true);
    const at = regions.findIndex((r) => r.has(active));
    // the next region that can take the focus (a hidden task pane cannot)
    let i = at < 0 ? (by > 0 ? -1 : 0) : at;
    for (let tries = 0; tries < regions.length; tries++) {
      i = (i + by + regions.length) % regions.length;
      regions[i]!.focus();
      if (regions[i]!.has(document.activeElement)) return;
    }
  }

  // ─── Menus ─────────────────────────────────────────────────────────────────────────────────────────

  private openMenu(at: { x: number; y: number } | HTMLElement, entries: MenuEntry[], label: string, back: HTMLElement): void {
    void import(/* webpackChunkName: "menus" */ "./menus").then(({ showMenu }) => {
      document.documentElement.dataset.menu = "open";
      showMenu(at, entries, label, () => {
        delete document.documentElement.dataset.menu;
        if (!document.querySelector("dialog[open]") && !this.editing && !document.querySelector(".tab-rename")) back.focus({ preventScroll: true });
      });
    });
  }

  private cellMenu(at: { x: number; y: number }, on: "cell" | "column" | "row"): void {
    const r = this.grid.selection.range;
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    const ro = this.readOnly;
    const plural = (n: number, word: string) => `${n === 1 ? "" : `${n} `}${word}${n === 1 ? "" : "s"}`;
    const entries: MenuEntry[] = [
      { label: "Cut", shortcut: "Ctrl+X", disabled: ro, run: () => this.copyRange(true) },
      { label: "Copy", shortcut: "Ctrl+C", run: () => this.copyRange(false) },
      { label: "Paste", shortcut: "Ctrl+V", disabled: ro, run: () => void this.pasteFromMenu(false) },
      { label: "Paste values", shortcut: "Ctrl+Shift+V", disabled: ro, run: () => void this.pasteFromMenu(true) },
      "divider",
    ];
    if (on !== "column") {
      entries.push(
        { label: `Insert ${plural(rows, "row")} above`, disabled: ro, run: () => this.insertCells("rows", r.top, rows) },
        { label: `Delete ${plural(rows, "row")}`, disabled: ro, run: () => this.deleteCells("rows", r.top, rows) },
      );
    }
    if (on !== "row") {
      entries.push(
        { label: `Insert ${plural(cols, "column")} left`, disabled: ro, run: () => this.insertCells("cols", r.left, cols) },
        { label: `Delete ${plural(cols, "column")}`, disabled: ro, run: () => this.deleteCells("cols", r.left, cols) },
      );
    }
    entries.push("divider", { label: "Clear contents", shortcut: "Delete", disabled: ro, run: () => this.clearRange(r) });
    if (on === "column") entries.push({ label: "Fit column width", run: () => this.fitColumn(r.left) });
    this.openMenu(at, entries, "Cell actions", this.grid.body);
  }

  private tabMenu(name: string, at: { x: number; y: number } | HTMLElement): void {
    const names = this.hf.getSheetNames();
    const i = names.indexOf(name);
    const ro = this.readOnly;
    const back = this.tabs.querySelector<HTMLElement>(`.tab[data-sheet="${CSS.escape(name)}"]`) ?? this.grid.body;
    this.openMenu(
      at,
      [
        { label: "Rename", shortcut: "F2", disabled: ro, run: () => this.renameSheet(name) },
        { label: "Delete", disabled: ro || names.length < 2, run: () => void this.deleteSheet(name) },
        { label: "Move left", disabled: ro || i === 0, run: () => this.moveSheet(name, i - 1) },
        { label: "Move right", disabled: ro || i === names.length - 1, run: () => this.moveSheet(name, i + 1) },
        "divider",
        { label: "Add a sheet", disabled: ro, run: () => this.addSheet() },
      ],
      `Sheet ${name}`,
      back,
    );
  }

  /** The list of every sheet (the tabs that scrolled out of sight among them). */
  private sheetsMenu(button: HTMLElement): void {
    const entries: MenuEntry[] = this.hf.getSheetNames().map((name) => ({
      label: name,
      checked: name === this.sheetName,
      run: () => {
        this.activateSheet(name);
        this.activeTab()?.focus();
      },
    }));
    this.openMenu(button, entries, "All sheets", button);
  }

  // ─── Changes and their history ─────────────────────────────────────────────────────────────────────

  /**
   * Makes one change: `fn` does one HyperFormula operation (or none, when it returns false) and may change the
   * meta; the change is one step of the undo history. Returns false when nothing could be done.
   */
  private act(fn: () => void | boolean, label = "change", keepCopy = false): boolean {
    if (this.readOnly) {
      this.setStatus(READ_ONLY);
      return false;
    }
    const before = structuredClone(this.meta);
    const sheet = this.sheetName;
    let steps = 1;
    try {
      if (fn() === false) steps = 0;
    } catch (e) {
      this.meta = before;
      this.setStatus(`Could not ${label}: ${plainError(e)}`);
      this.grid.reset();
      return false;
    }
    steps += this.bridge.settle(this.hf);
    // a LEV table that now spills dates into a column of the default width widens it (part of the same step)
    this.widenForDates();
    this.record({ steps, before, after: structuredClone(this.meta), sheet });
    // a change to the cells ends what Ctrl+C marked, as in Excel (a cut is kept for its paste)
    if (!keepCopy && !this.copied?.cut) {
      this.copied = undefined;
      this.grid.mark(undefined);
    }
    this.afterChange();
    return true;
  }

  private record(step: Step): void {
    this.undoSteps.push(step);
    if (this.undoSteps.length > HF_CONFIG.undoLimit) this.undoSteps.shift();
    this.redoSteps = [];
  }

  private afterChange(): void {
    this.ruleCache.clear();
    this.grid.reset();
    this.onSelect();
    this.updateCharts();
    this.changed();
  }

  /** Marks the workbook unsaved and lets whoever keeps it know. */
  private changed(): void {
    this.dirty = true;
    this.version++;
    this.options.changed?.(this);
  }

  private history(kind: "undo" | "redo"): void {
    if (this.readOnly) return this.setStatus(READ_ONLY);
    const from = kind === "undo" ? this.undoSteps : this.redoSteps;
    const step = from.pop();
    if (!step) {
      this.setStatus(kind === "undo" ? "Nothing to undo" : "Nothing to redo");
      return;
    }
    try {
      for (let i = 0; i < step.steps; i++) {
        if (kind === "undo") this.hf.undo();
        else this.hf.redo();
      }
    } catch (e) {
      this.setStatus(plainError(e));
    }
    this.meta = structuredClone(kind === "undo" ? step.before : step.after);
    (kind === "undo" ? this.redoSteps : this.undoSteps).push(step);
    if (this.hf.doesSheetExist(step.sheet) && step.sheet !== this.sheetName) this.sheet = this.hf.getSheetId(step.sheet)!;
    this.copied = undefined;
    this.grid.mark(undefined);
    this.refresh();
    this.changed();
    this.setStatus(kind === "undo" ? "Undone" : "Redone");
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** Shows a lasting message under the header (read-only, a stored workbook that could not be read). */
  showBanner(text: string, action?: { label: string; run: () => void }): void {
    this.banner.replaceChildren(el("span", "", text));
    if (action) {
      const b = el("button", "btn-dialog", action.label);
      b.type = "button";
      b.addEventListener("click", action.run);
      this.banner.append(b);
    }
    this.banner.hidden = false;
  }

  hideBanner(): void {
    this.banner.hidden = true;
  }

  setReadOnly(on: boolean): void {
    this.readOnly = on;
    this.grid.readOnly = on;
    this.bar.readOnly = on;
    document.documentElement.dataset.readOnly = String(on);
    this.grid.render();
  }

  // ─── Editing ───────────────────────────────────────────────────────────────────────────────────────

  private startEdit(row: number, col: number, initial?: string): void {
    if (this.readOnly) return this.setStatus(READ_ONLY);
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
    this.editing = { input, row, col, sheet: this.sheet, mode: initial === undefined ? "edit" : "enter" };
    this.help.attach(input);
    input.addEventListener("keydown", (e) => this.onEditorKey(e, input));
    input.addEventListener("input", () => {
      this.bar.value = input.value;
      this.pointMoved(input);
    });
    input.addEventListener("mousedown", () => {
      if (this.editing?.input === input) this.editing.mode = "edit";
    });
    input.addEventListener("blur", (e) => {
      if (this.editing?.input !== input) return;
      if (e.relatedTarget === this.bar) {
        // The edit moves on into the formula bar, unfinished, as in Excel.
        this.editing = undefined;
        input.remove();
        this.help.hide();
        this.grid.showPoint(undefined);
        this.barEdit = { row, col, original: this.contentOf(row, col) };
        this.bar.value = input.value;
        return;
      }
      this.closeEditor(true);
    });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    this.bar.value = input.value;
    this.help.update(input);
  }

  /** The text typed changed: a reference being pointed at is no longer one (unless the page just put it there). */
  private pointMoved(input: HTMLInputElement): void {
    const ed = this.editingFor(input);
    if (ed?.point && input.value.slice(ed.point.start, ed.point.end) !== rangeName(ed.point.range)) {
      ed.point = undefined;
      this.grid.showPoint(undefined);
    }
  }

  /** The edit `input` belongs to: the in-cell editor's, or the formula bar's. */
  private editingFor(input: HTMLInputElement): Editing | undefined {
    if (this.editing?.input === input) return this.editing;
    if (input === this.bar && this.barEdit) {
      this.barPoint ??= { input: this.bar, row: this.barEdit.row, col: this.barEdit.col, sheet: this.sheet, mode: "edit" };
      return this.barPoint;
    }
    return undefined;
  }

  private barPoint?: Editing;

  /** Whether a reference can be put at the caret: a formula, the caret after an operator or where the last one was put. */
  private canPoint(ed: Editing): boolean {
    const input = ed.input;
    if (!input.value.startsWith("=") || ed.sheet !== this.sheet) return false;
    const caret = input.selectionStart ?? input.value.length;
    if (ed.point && caret === ed.point.end) return true;
    return isFormulaStart(input.value.slice(0, caret));
  }

  /** Puts a reference to `range` at the caret (or in place of the one being pointed with). */
  private putReference(ed: Editing, range: Rect, anchor: { row: number; col: number }): void {
    const input = ed.input;
    const text = rangeName(range);
    const caret = input.selectionStart ?? input.value.length;
    const start = ed.point && caret === ed.point.end ? ed.point.start : caret;
    const end = ed.point && caret === ed.point.end ? ed.point.end : caret;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.setSelectionRange(start + text.length, start + text.length);
    ed.point = { start, end: start + text.length, anchor, range };
    this.grid.showPoint(range);
    if (input !== this.bar) this.bar.value = input.value;
    this.help.update(input);
  }

  /** The grid's mouse while a formula is typed: a click puts the cell's reference in, a drag a range's. */
  private pointAt(range: Rect, phase: "start" | "move" | "end"): boolean {
    const input = this.editing?.input ?? (document.activeElement === this.bar ? this.bar : undefined);
    if (!input) return false;
    const ed = this.editingFor(input);
    if (!ed) return false;
    if (phase === "start" && !this.canPoint(ed)) return false;
    if (!ed.point && phase !== "start") return false;
    const anchor = phase === "start" ? { row: range.top, col: range.left } : ed.point!.anchor;
    this.putReference(ed, range, anchor);
    if (phase === "start") ed.mode = "enter";
    input.focus();
    return true;
  }

  /** An arrow key while a formula is typed in Enter mode: moves (or with Shift, stretches) the reference. */
  private pointKey(ed: Editing, e: KeyboardEvent): boolean {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (!m || ed.mode !== "enter" || !this.canPoint(ed)) return false;
    const base = ed.point ?? { anchor: { row: ed.row, col: ed.col }, range: { top: ed.row, left: ed.col, bottom: ed.row, right: ed.col } };
    const clampR = (r: number) => Math.max(0, Math.min(HF_CONFIG.maxRows - 1, r));
    const clampC = (c: number) => Math.max(0, Math.min(HF_CONFIG.maxColumns - 1, c));
    if (e.shiftKey && ed.point) {
      const r = base.range;
      const far = { row: r.top === base.anchor.row ? r.bottom : r.top, col: r.left === base.anchor.col ? r.right : r.left };
      const to = { row: clampR(far.row + m[0]), col: clampC(far.col + m[1]) };
      this.putReference(ed, { top: Math.min(base.anchor.row, to.row), left: Math.min(base.anchor.col, to.col), bottom: Math.max(base.anchor.row, to.row), right: Math.max(base.anchor.col, to.col) }, base.anchor);
    } else {
      const from = ed.point ? base.anchor : { row: ed.row, col: ed.col };
      const to = { row: clampR(from.row + m[0]), col: clampC(from.col + m[1]) };
      this.putReference(ed, { top: to.row, left: to.col, bottom: to.row, right: to.col }, to);
    }
    return true;
  }

  /** F4: the reference at the caret cycles A1 → $A$1 → A$1 → $A1 → A1, as in Excel. */
  private cycleAnchors(input: HTMLInputElement): boolean {
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
      const ed = this.editingFor(input);
      if (ed) ed.point = undefined;
      this.grid.showPoint(undefined);
      if (input !== this.bar) this.bar.value = input.value;
      return true;
    }
    return false;
  }

  /** Enter, Tab and Escape, the same in the in-cell editor and in the formula bar; F2, F4 and pointing. */
  private onEditorKey(e: KeyboardEvent, input: HTMLInputElement): void {
    if (e.key === "F6") return; // the page's
    if (this.help.keydown(e)) {
      e.preventDefault();
      return;
    }
    const ed = this.editingFor(input);
    if (e.key === "F4") {
      e.preventDefault();
      this.cycleAnchors(input);
      return;
    }
    if (e.key === "F2" && ed) {
      e.preventDefault();
      ed.mode = ed.mode === "enter" ? "edit" : "enter";
      this.setStatus(ed.mode === "edit" ? "Edit mode: arrows move in the text" : "Enter mode: arrows point at cells");
      return;
    }
    if (ed && e.key.startsWith("Arrow") && !e.ctrlKey && !e.altKey) {
      if (this.pointKey(ed, e)) {
        e.preventDefault();
        return;
      }
      // In Enter mode, an arrow commits what was typed and moves, as in Excel.
      if (ed.mode === "enter" && input !== this.bar && !e.shiftKey) {
        e.preventDefault();
        const { row, col } = ed;
        const d = ({ ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] } as Record<string, [number, number]>)[e.key]!;
        if (!this.finishEdit(input, row, col)) return;
        this.grid.select(row + d[0], col + d[1]);
        this.grid.focus();
        return;
      }
      return;
    }
    if (e.key !== "Enter" && e.key !== "Tab" && e.key !== "Escape") return;
    e.preventDefault();
    this.help.hide();
    const fromBar = input === this.bar;
    const target = fromBar ? this.barEdit : ed;
    const { row, col } = target ?? this.grid.selection;
    if (e.key === "Escape") {
      this.endEditor(input);
      this.bar.value = this.contentOf(row, col);
    } else {
      if (!this.finishEdit(input, row, col)) return;
      if (e.key === "Enter" && e.altKey) return;
      // moves as the grid does after Enter and Tab (Enter goes back to where a run of Tabs began)
      this.grid.select(row, col, undefined, true);
      this.grid.advance(e.key, e.shiftKey);
    }
    this.grid.focus();
    this.onSelect(); // the bar shows the cell now selected
  }

  /** Removes an editor (the in-cell one, or ends the bar's edit) without writing. */
  private endEditor(input: HTMLInputElement): void {
    if (input === this.bar) {
      this.barEdit = undefined;
      this.barPoint = undefined;
    } else if (this.editing?.input === input) {
      this.editing = undefined;
      input.remove();
    }
    this.grid.showPoint(undefined);
  }

  /**
   * Writes an editor's text to its cell and closes it; a formula with a syntax error is not written: the editor
   * stays open with the parser's message. Returns whether it was written.
   */
  private finishEdit(input: HTMLInputElement, row: number, col: number): boolean {
    const problem = this.syntaxError(input.value);
    if (problem) {
      this.info.className = "cell-info error";
      this.info.textContent = `${cellName(row, col)}: the formula cannot be read — ${problem}. Correct it, or press Escape to cancel.`;
      this.setStatus(`The formula in ${cellName(row, col)} has a syntax error`);
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return false;
    }
    this.endEditor(input);
    if (input === this.bar || input.value !== this.contentOf(row, col)) this.commit(row, col, input.value);
    return true;
  }

  /** The parser's message for a formula that cannot be read, or undefined. */
  private syntaxError(text: string): string | undefined {
    const t = text.trim();
    if (!t.startsWith("=") || this.hf.validateFormula(t)) return undefined;
    this.scratch ??= HyperFormula.buildFromArray([[]], HF_CONFIG);
    this.scratch.setCellContents({ sheet: 0, row: 0, col: 0 }, [[t]]);
    const v = this.scratch.getCellValue({ sheet: 0, row: 0, col: 0 });
    const message = v instanceof DetailedCellError ? v.message : "";
    return message.replace(/\.$/, "") || "it is not a formula the spreadsheet can read";
  }

  /** Ends an edit made in the formula bar: commits it to the cell it began on when it changed. */
  private finishBarEdit(save: boolean): void {
    const edit = this.barEdit;
    if (!edit) return;
    if (save && this.bar.value !== edit.original) {
      if (this.syntaxError(this.bar.value)) {
        // not written: the bar keeps the text, and says why
        this.finishEdit(this.bar, edit.row, edit.col);
        return;
      }
      this.barEdit = undefined;
      this.barPoint = undefined;
      this.help.hide();
      this.grid.showPoint(undefined);
      this.commit(edit.row, edit.col, this.bar.value);
    } else {
      this.barEdit = undefined;
      this.barPoint = undefined;
      this.help.hide();
      this.grid.showPoint(undefined);
      this.onSelect();
    }
  }

  private closeEditor(save: boolean): void {
    const ed = this.editing;
    if (!ed) return;
    if (save && ed.input.value !== this.contentOf(ed.row, ed.col)) {
      if (this.finishEdit(ed.input, ed.row, ed.col)) return;
      // a formula that cannot be read is kept as text in its cell rather than lost
      this.endEditor(ed.input);
      this.help.hide();
      this.commit(ed.row, ed.col, `'${ed.input.value}`);
      return;
    }
    this.endEditor(ed.input);
    this.help.hide();
  }

  /** Writes what the user typed into a cell, as Excel in en-US reads typed text (see typed.ts). */
  commit(row: number, col: number, text: string): void {
    const typed = readTyped(text);
    const started = performance.now();
    const sheet = this.sheet;
    const ok = this.act(() => {
      // Typed directly below a table, the row joins the table (Excel's AutoExpansion).
      writeBlock(this.hf, this.sheetMeta, sheet, row, col, [[typed.value]]);
      // A number typed in a form Excel formats (1,000 $5 5% 3/6/2024) gets that format in a General cell.
      if (typed.format && typeof typed.value === "number" && isGeneral(formatAt(this.sheetMeta, row, col))) this.setFormat({ top: row, left: col, bottom: row, right: col }, typed.format, typed.value);
    }, `write ${cellName(row, col)}`);
    if (ok) this.setStatus(`Recalculated in ${Math.round(performance.now() - started)} ms`);
  }

  /** Gives a block a number format; a column of the default width widens to show a date, as Excel's does. */
  private setFormat(r: Rect, format: string, sample?: number): void {
    this.meta[this.sheetName] ??= emptyMeta();
    const meta = this.meta[this.sheetName]!;
    meta.formats.push({ rect: r, format });
    if (sample !== undefined && isDateFormat(format)) {
      const need = textWidth(formatNumber(sample, format, 40), this.styleOf(r.top, r.left)?.bold) + CELL_INSET;
      for (let c = r.left; c <= r.right; c++) if (meta.widths[c] === undefined && need > DEFAULT_WIDTH) meta.widths[c] = need;
    }
  }

  private clearRange(r: Rect): void {
    const rows = Array.from({ length: r.bottom - r.top + 1 }, () => Array.from({ length: r.right - r.left + 1 }, () => null));
    const sheet = this.sheet;
    this.act(() => {
      this.hf.batch(() => this.hf.setCellContents({ sheet, row: r.top, col: r.left }, rows));
    }, `clear ${rangeName(r)}`);
  }

  // ─── The grid's own keys ───────────────────────────────────────────────────────────────────────────

  private gridKey(e: KeyboardEvent): boolean {
    const ctrl = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (ctrl && !e.altKey && k === "d") {
      this.fillFromEdge("down");
      return true;
    }
    if (ctrl && !e.altKey && k === "r") {
      this.fillFromEdge("right");
      return true;
    }
    if (ctrl && e.shiftKey && k === "v") {
      // the paste event that follows pastes values only
      this.valuesOnly = true;
      return false;
    }
    if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
      const box = this.grid.cellBox(this.grid.selection.row, this.grid.selection.col);
      const g = this.grid.body.getBoundingClientRect();
      this.cellMenu({ x: g.left + HEADER_WIDTH + box.left - this.grid.body.scrollLeft + box.width / 2, y: g.top + 24 + box.top - this.grid.body.scrollTop + box.height }, "cell");
      return true;
    }
    if (e.key === "Escape" && this.copied) {
      this.copied = undefined;
      this.grid.mark(undefined);
      return true;
    }
    return false;
  }

  // ─── Clipboard ─────────────────────────────────────────────────────────────────────────────────────

  private installClipboard(): void {
    const mine = () => document.activeElement === this.grid.body;
    document.addEventListener("copy", (e) => {
      if (!mine() || !e.clipboardData) return;
      e.preventDefault();
      this.copyRange(false, e.clipboardData);
    });
    document.addEventListener("cut", (e) => {
      if (!mine() || !e.clipboardData) return;
      e.preventDefault();
      this.copyRange(true, e.clipboardData);
    });
    document.addEventListener("paste", (e) => {
      if (!mine() || !e.clipboardData) return;
      e.preventDefault();
      const values = this.valuesOnly;
      this.valuesOnly = false;
      void this.paste(e.clipboardData.getData("text/plain"), e.clipboardData.getData("text/html"), values);
    });
  }

  /** Ctrl+C / Ctrl+X: the selection as tab-separated text and an HTML table, as Excel puts it on the clipboard. */
  copyRange(cut: boolean, data?: DataTransfer): void {
    if (cut && this.readOnly) return this.setStatus(READ_ONLY);
    const r = this.grid.selection.range;
    const used = this.hf.getSheetDimensions(this.sheet);
    // a whole column or row copies as far as the data reaches
    const range = { ...r, bottom: Math.min(r.bottom, Math.max(r.top, used.height - 1)), right: Math.min(r.right, Math.max(r.left, used.width - 1)) };
    const texts: string[][] = [];
    const cells: { text: string; number?: boolean }[][] = [];
    const formats: (string | undefined)[][] = [];
    for (let row = range.top; row <= range.bottom; row++) {
      const line: string[] = [];
      const html: { text: string; number?: boolean }[] = [];
      const fmts: (string | undefined)[] = [];
      for (let col = range.left; col <= range.right; col++) {
        const text = this.shownText(row, col);
        line.push(text);
        html.push({ text, number: typeof this.hf.getCellValue(this.address(row, col)) === "number" });
        fmts.push(formatAt(this.sheetMeta, row, col));
      }
      texts.push(line);
      cells.push(html);
      formats.push(fmts);
    }
    const text = toTsv(texts);
    const html = toHtml(cells);
    const source = { start: this.address(range.top, range.left), end: this.address(range.bottom, range.right) };
    this.copied = { sheet: this.sheet, range, text, cut, values: this.hf.getRangeValues(source).map((l) => l.map(plainValue)), formats };
    this.grid.mark(range);
    if (data) {
      data.setData("text/plain", text);
      data.setData("text/html", html);
    } else {
      void navigator.clipboard?.writeText(text).catch(() => undefined);
    }
    const n = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    this.setStatus(`${cut ? "Cut" : "Copied"} ${rangeName(range)} (${n.toLocaleString("en-US")} cell${n === 1 ? "" : "s"}): paste with Ctrl+V`);
  }

  private async pasteFromMenu(values: boolean): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      await this.paste(text, "", values);
    } catch {
      this.setStatus(`The browser did not let the menu read the clipboard: press ${values ? "Ctrl+Shift+V" : "Ctrl+V"} to paste.`);
    }
  }

  /**
   * Pastes at the selection: what Ctrl+C took in this page with its formulas moved as HyperFormula moves them
   * (Ctrl+X's cells moved), or text from another program (tab-separated, or an HTML table), read by evidence as
   * a CSV is. `values` pastes values only.
   */
  async paste(text: string, html: string, values = false): Promise<void> {
    if (this.readOnly) return this.setStatus(READ_ONLY);
    const started = performance.now();
    const sel = this.grid.selection;
    const copied = this.copied;
    const same = (a: string, b: string) => a.replace(/\r\n/g, "\n").replace(/\n$/, "") === b.replace(/\r\n/g, "\n").replace(/\n$/, "");
    if (copied && same(text, copied.text) && this.hf.getSheetName(copied.sheet) !== undefined) {
      this.pasteCopied(copied, sel, values);
    } else {
      const rows = text !== "" ? fromTsv(text) : (html && fromHtml(html)) || [[""]];
      if (rows.length === 1 && rows[0]!.length === 1) {
        // one cell's text is read as typing it is
        if (values && rows[0]![0]!.startsWith("=")) this.commit(sel.row, sel.col, `'${rows[0]![0]!}`);
        else this.commit(sel.row, sel.col, rows[0]![0]!);
      } else {
        const read = await this.readPasted(rows);
        if (!read) return;
        if (values) read.rows = read.rows.map((r) => r.map((c) => (typeof c === "string" && c.startsWith("=") ? `'${c}` : c)));
        this.writeRead(read, sel.row, sel.col, "paste");
      }
    }
    const r = this.grid.selection.range;
    this.setStatus(`Pasted ${rangeName(r)} in ${Math.round(performance.now() - started)} ms`);
    document.documentElement.dataset.pasted = String(Number(document.documentElement.dataset.pasted ?? 0) + 1);
  }

  /** Text from another program, read as a CSV is (asking when its numbers or a column's dates can be read two ways). */
  private async readPasted(rows: string[][]): Promise<ReadCells | undefined> {
    const { readCells } = await import(/* webpackChunkName: "csv" */ "./csv-open");
    return this.answerQuestions((answers) => readCells(rows, answers));
  }

  /**
   * Reads cells, and asks the trader what the text does not tell: the decimal mark of numbers such as 1,250, or the
   * order of a column's dates such as 04/03/2024; undefined when cancelled.
   */
  private async answerQuestions(read: (answers: Answers) => ReadCells): Promise<ReadCells | undefined> {
    const answers: Answers & { orders: Record<number, DateOrder> } = { orders: {} };
    for (;;) {
      const result = read(answers);
      const q = result.question;
      if (!q) {
        const notes: string[] = [];
        if (result.mixed.length) notes.push(`Dates in column ${result.mixed.map((c) => c + 1).join(", ")} are written both day-first and month-first: they are kept as text.`);
        if (result.markConflict) notes.push(`Numbers are written with both decimal marks (${result.markConflict.point} and ${result.markConflict.comma}): those with a separator are kept as text.`);
        if (notes.length) this.setStatus(notes.join(" "));
        return result;
      }
      let answer: string;
      if (q.kind === "mark") {
        answer = await ask(
          "Which is the decimal mark?",
          [`Numbers such as ${q.examples.join(", ")} can be read two ways, and nothing else in the text tells which.`, `Is ${q.examples[0]} ${q.examples[0]!.replace(/[.,]/g, "")} (a thousands separator), or ${q.examples[0]!.replace(/[.,]/, ".")}?`],
          [
            { value: q.examples[0]!.includes(",") ? "." : ",", label: `${q.examples[0]} is ${q.examples[0]!.replace(/[.,]/g, "")}` },
            { value: q.examples[0]!.includes(",") ? "," : ".", label: `${q.examples[0]} is ${q.examples[0]!.replace(/[.,]/, ".")}` },
            { value: "cancel", label: "Cancel" },
          ],
          "cancel",
        );
        if (answer !== "cancel") answers.mark = answer as "." | ",";
      } else {
        const [a, b] = q.examples[0]!.split(/[/.-]/);
        answer = await ask(
          `How are the dates in ${q.header ? `"${q.header}"` : `column ${q.column + 1}`} written?`,
          [`Dates such as ${q.examples.join(", ")} can be read two ways, and nothing in the column tells which.`, `Is ${q.examples[0]} day ${a} of month ${b}, or month ${a}, day ${b}?`],
          [
            { value: "day-first", label: `Day first (${a} = day)` },
            { value: "month-first", label: `Month first (${a} = month)` },
            { value: "cancel", label: "Cancel" },
          ],
          "cancel",
        );
        if (answer !== "cancel") answers.orders[q.column] = answer as DateOrder;
      }
      if (answer === "cancel") {
        this.setStatus("Nothing was pasted or opened.");
        return undefined;
      }
    }
  }

  /** Writes cells read from text at (row, col) of the active sheet, with their formats; selects them. */
  private writeRead(read: ReadCells, row: number, col: number, label: string): boolean {
    const height = read.rows.length;
    const width = Math.max(1, ...read.rows.map((r) => r.length));
    const sheet = this.sheet;
    const ok = this.act(() => {
      writeBlock(this.hf, this.sheetMeta, sheet, row, col, read.rows as RawCellContent[][]);
      for (const [c, format] of Object.entries(read.formats)) {
        const column = Number(c);
        if (isGeneral(formatAt(this.sheetMeta, row, col + column))) {
          const sample = read.rows.find((r) => typeof r[column] === "number")?.[column];
          this.setFormat({ top: row, left: col + column, bottom: row + height - 1, right: col + column }, format, typeof sample === "number" ? sample : undefined);
        }
      }
    }, label);
    if (ok) this.grid.select(row, col, { top: row, left: col, bottom: row + height - 1, right: col + width - 1 });
    return ok;
  }

  private pasteCopied(copied: Copied, sel: Selection, values: boolean): void {
    const src = copied.range;
    const h = src.bottom - src.top + 1;
    const w = src.right - src.left + 1;
    const t = sel.range;
    // a selection that is a whole number of copies gets them all, as Excel tiles a paste; else one copy
    const th = t.bottom - t.top + 1;
    const tw = t.right - t.left + 1;
    const tiled = th % h === 0 && tw % w === 0 && (th > h || tw > w);
    const target: Rect = tiled ? t : { top: sel.row, left: sel.col, bottom: sel.row + h - 1, right: sel.col + w - 1 };
    if (copied.cut) {
      const moved = this.act(() => {
        this.hf.moveCells({ start: { sheet: copied.sheet, row: src.top, col: src.left }, end: { sheet: copied.sheet, row: src.bottom, col: src.right } }, this.address(target.top, target.left));
        this.copyFormats(copied, { ...target, bottom: target.top + h - 1, right: target.left + w - 1 });
      }, "move the cells");
      this.copied = undefined;
      this.grid.mark(undefined);
      if (moved) this.grid.select(target.top, target.left, { ...target, bottom: target.top + h - 1, right: target.left + w - 1 });
      return;
    }
    const source = { start: { sheet: copied.sheet, row: src.top, col: src.left }, end: { sheet: copied.sheet, row: src.bottom, col: src.right } };
    let rows: RawCellContent[][];
    if (values) {
      rows = Array.from({ length: target.bottom - target.top + 1 }, (_, r) => Array.from({ length: target.right - target.left + 1 }, (_, c) => copied.values[r % h]![c % w]!));
    } else {
      const end = { sheet: this.sheet, row: target.bottom, col: target.right };
      rows = this.hf.getFillRangeData(source, { start: this.address(target.top, target.left), end }, true);
    }
    const sheet = this.sheet;
    const keep = this.copied;
    const ok = this.act(() => {
      writeBlock(this.hf, this.sheetMeta, sheet, target.top, target.left, rows);
      this.copyFormats(copied, target);
    }, "paste");
    this.copied = keep; // a copy can be pasted again, as in Excel
    this.grid.mark(keep?.range && keep.sheet === this.sheet ? keep.range : undefined);
    if (ok) this.grid.select(target.top, target.left, target);
  }

  /** The number formats of what was copied, over the block pasted (tiled). */
  private copyFormats(copied: Copied, target: Rect): void {
    const h = copied.formats.length;
    const w = copied.formats[0]?.length ?? 1;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const format = copied.formats[r]![c];
        if (!format) continue;
        for (let top = target.top + r; top <= target.bottom; top += h) {
          for (let left = target.left + c; left <= target.right; left += w) {
            this.meta[this.sheetName] ??= emptyMeta();
            this.meta[this.sheetName]!.formats.push({ rect: { top, left, bottom: top, right: left }, format });
          }
        }
      }
    }
  }

  // ─── Fill ──────────────────────────────────────────────────────────────────────────────────────────

  /** Ctrl+D / Ctrl+R: the top row (left column) of the selection copied over the rest; one row: the row above. */
  private fillFromEdge(dir: "down" | "right"): void {
    const r = this.grid.selection.range;
    if (dir === "down") {
      if (r.top === r.bottom) {
        if (r.top === 0) return;
        this.fill({ ...r, top: r.top - 1, bottom: r.top - 1 }, { ...r, top: r.top - 1 }, false);
      } else this.fill({ ...r, bottom: r.top }, r, false);
    } else if (r.left === r.right) {
      if (r.left === 0) return;
      this.fill({ ...r, left: r.left - 1, right: r.left - 1 }, { ...r, left: r.left - 1 }, false);
    } else this.fill({ ...r, right: r.left }, r, false);
  }

  /**
   * Fills `target` (which contains `source`) from `source`: formulas with their relative references moved
   * (HyperFormula's getFillRangeData), and, from the fill handle, series of numbers, dates and numbered text.
   */
  fill(source: Rect, target: Rect, makeSeries: boolean): void {
    const range = (r: Rect) => ({ start: this.address(r.top, r.left), end: this.address(r.bottom, r.right) });
    const data = this.hf.getFillRangeData(range(source), range(target));
    const vertical = target.top < source.top || target.bottom > source.bottom;
    const backward = target.top < source.top || target.left < source.left;
    if (makeSeries) {
      const lines = vertical ? source.right - source.left + 1 : source.bottom - source.top + 1;
      const count = vertical ? target.bottom - target.top + 1 - (source.bottom - source.top + 1) : target.right - target.left + 1 - (source.right - source.left + 1);
      for (let i = 0; i < lines; i++) {
        const cells = vertical
          ? Array.from({ length: source.bottom - source.top + 1 }, (_, k) => ({ row: source.top + k, col: source.left + i }))
          : Array.from({ length: source.right - source.left + 1 }, (_, k) => ({ row: source.top + i, col: source.left + k }));
        const line = cells.map((c) => this.hf.getCellSerialized(this.address(c.row, c.col)) as Content);
        const dates = cells.map((c) => isDateFormat(formatAt(this.sheetMeta, c.row, c.col)));
        const made = series(line, dates, count, backward);
        if (!made) continue;
        made.forEach((v, k) => {
          const pos = backward ? (vertical ? source.top - 1 - k : source.left - 1 - k) : vertical ? source.bottom + 1 + k : source.right + 1 + k;
          const r = vertical ? pos - target.top : source.top + i - target.top;
          const c = vertical ? source.left + i - target.left : pos - target.left;
          data[r]![c] = v as RawCellContent;
        });
      }
    }
    // only the cells beyond the source are written
    const part: Rect = vertical
      ? backward
        ? { ...target, bottom: source.top - 1 }
        : { ...target, top: source.bottom + 1 }
      : backward
        ? { ...target, right: source.left - 1 }
        : { ...target, left: source.right + 1 };
    const rows = data.slice(part.top - target.top, part.bottom - target.top + 1).map((l) => l.slice(part.left - target.left, part.right - target.left + 1));
    const sheet = this.sheet;
    const ok = this.act(() => {
      writeBlock(this.hf, this.sheetMeta, sheet, part.top, part.left, rows);
      // each line's format goes with it
      const meta = this.sheetMeta;
      for (let i = vertical ? source.left : source.top; i <= (vertical ? source.right : source.bottom); i++) {
        const format = vertical ? formatAt(meta, source.top, i) : formatAt(meta, i, source.left);
        if (format && (vertical ? formatAt(meta, part.top, i) : formatAt(meta, i, part.left)) !== format) {
          this.setFormat(vertical ? { top: part.top, bottom: part.bottom, left: i, right: i } : { top: i, bottom: i, left: part.left, right: part.right }, format);
        }
      }
    }, "fill");
    if (ok) {
      this.grid.select(this.grid.selection.row, this.grid.selection.col, target);
      this.setStatus(`Filled ${rangeName(part)}`);
    }
  }

  // ─── Rows, columns, widths ─────────────────────────────────────────────────────────────────────────

  insertCells(axis: "rows" | "cols", at: number, count: number): void {
    const sheet = this.sheet;
    const ok = this.act(() => {
      if (axis === "rows") this.hf.addRows(sheet, [at, count]);
      else this.hf.addColumns(sheet, [at, count]);
      if (this.sheetMeta) shiftMeta(this.sheetMeta, axis, at, count);
    }, `insert ${axis === "rows" ? "rows" : "columns"}`);
    if (ok) this.setStatus(`Inserted ${count} ${axis === "rows" ? "row" : "column"}${count === 1 ? "" : "s"}`);
  }

  deleteCells(axis: "rows" | "cols", at: number, count: number): void {
    const sheet = this.sheet;
    const ok = this.act(() => {
      if (axis === "rows") this.hf.removeRows(sheet, [at, count]);
      else this.hf.removeColumns(sheet, [at, count]);
      if (this.sheetMeta) shiftMeta(this.sheetMeta, axis, at, -count);
    }, `delete ${axis === "rows" ? "rows" : "columns"}`);
    if (ok) this.setStatus(`Deleted ${count} ${axis === "rows" ? "row" : "column"}${count === 1 ? "" : "s"}`);
  }

  private setWidth(col: number, width: number): void {
    if (this.readOnly) return;
    this.meta[this.sheetName] ??= emptyMeta();
    this.meta[this.sheetName]!.widths[col] = width;
    this.grid.reset();
    this.drawCharts();
    this.changed();
  }

  /** Double-click on a column's border: the column as wide as its widest text (Excel's AutoFit). */
  private fitColumn(col: number): void {
    const { height } = this.hf.getSheetDimensions(this.sheet);
    let widest = 0;
    for (let row = 0; row < height; row++) {
      const text = this.shownText(row, col);
      if (text) widest = Math.max(widest, textWidth(text, this.styleOf(row, col)?.bold));
    }
    this.setWidth(col, Math.max(24, widest + CELL_INSET));
    this.setStatus(`Column ${rangeName({ top: 0, left: col, bottom: 0, right: col }).replace(/\d+/, "")} fitted to its contents`);
  }

  // ─── The name box ──────────────────────────────────────────────────────────────────────────────────

  /** Goes to what the name box holds: any address (B7, A500, ZZ1, A1:C9, Sheet!B4) or a defined name. */
  private goToName(text: string): void {
    const t = text.trim();
    if (t === "") return;
    let target = this.parseAddress(t);
    if (!target) {
      const name = this.hf.listNamedExpressions(this.sheet).find((n) => n.toLowerCase() === t.toLowerCase()) ?? this.hf.listNamedExpressions().find((n) => n.toLowerCase() === t.toLowerCase());
      const scope = name && this.hf.listNamedExpressions(this.sheet).includes(name) ? this.sheet : undefined;
      const formula = name ? this.hf.getNamedExpressionFormula(name, scope) : undefined;
      if (formula) target = this.parseAddress(formula.replace(/^=/, ""));
    }
    if (!target) {
      this.setStatus(`"${t}" is not a cell address (such as B7 or A1:C9) or a defined name of this workbook.`);
      this.nameBox.select();
      return;
    }
    if (target.sheet !== this.sheet) this.activateSheet(this.hf.getSheetName(target.sheet)!);
    const r = target.range;
    this.grid.select(r.top, r.left, r.top === r.bottom && r.left === r.right ? undefined : r);
    this.grid.focus();
  }

  private parseAddress(text: string): { sheet: number; range: Rect } | undefined {
    const t = text.replace(/\$/g, "");
    try {
      const cell = this.hf.simpleCellAddressFromString(t, this.sheet);
      if (cell) return { sheet: cell.sheet, range: { top: cell.row, left: cell.col, bottom: cell.row, right: cell.col } };
      const range = this.hf.simpleCellRangeFromString(t, this.sheet);
      if (range) return { sheet: range.start.sheet, range: { top: range.start.row, left: range.start.col, bottom: range.end.row, right: range.end.col } };
    } catch {
      // not an address
    }
    return undefined;
  }

  // ─── Charts ────────────────────────────────────────────────────────────────────────────────────────

  /** Draws the active sheet's charts over their anchor ranges; Chart.js is loaded only when there is one. */
  private drawCharts(): void {
    for (const c of this.charts) c.drawn?.destroy();
    this.charts = [];
    this.chartLayer.replaceChildren();
    const sheet = this.sheetName;
    const plans = this.meta[sheet]?.charts ?? [];
    if (plans.length === 0) return;
    const load = ++this.chartLoad;
    plans.forEach((plan, index) => {
      const host = el("figure", "chart");
      host.dataset.chart = String(index);
      host.setAttribute("role", "img");
      host.setAttribute("aria-label", plan.title);
      const summary = el("figcaption", "sr-only", this.chartSummary(sheet, index));
      summary.id = `chart-summary-${index}`;
      host.setAttribute("aria-describedby", summary.id);
      host.append(summary);
      const r = rect(plan.anchor);
      const a = this.grid.cellBox(r.top, r.left);
      const b = this.grid.cellBox(r.bottom, r.right);
      host.style.transform = `translate(${a.left}px, ${a.top}px)`;
      host.style.width = `${b.left + b.width - a.left}px`;
      host.style.height = `${b.top + b.height - a.top}px`;
      this.chartLayer.append(host);
      this.charts.push({ host, sheet, index });
    });
    void import(/* webpackChunkName: "chart" */ "./chart").then(({ drawChart }) => {
      if (load !== this.chartLoad) return; // the sheet changed meanwhile
      for (const c of this.charts) {
        const canvas = el("canvas");
        canvas.width = c.host.clientWidth;
        canvas.height = c.host.clientHeight;
        canvas.setAttribute("aria-hidden", "true");
        c.host.append(canvas);
        c.drawn = drawChart(canvas, this.chartData(c.sheet, c.index));
      }
      document.documentElement.dataset.charts = String(this.charts.length);
    });
  }

  /** A chart in words: its series, how many points, and where each starts and ends (its text alternative). */
  private chartSummary(sheet: string, index: number): string {
    const data = this.chartData(sheet, index);
    const parts = data.series
      .filter((s) => s.points.length > 0)
      .map((s) => {
        const first = s.points[0]!;
        const last = s.points[s.points.length - 1]!;
        return `${s.name}: ${s.points.length} point${s.points.length === 1 ? "" : "s"}, from ${data.formatY(first.y)} to ${data.formatY(last.y)}`;
      });
    return `${data.type === "line" ? "Line" : "Scatter"} chart. ${parts.join("; ") || "No points yet"}.`;
  }

  /** Charts follow their cells when they recalculate. */
  private updateCharts(): void {
    for (const c of this.charts) {
      c.drawn?.update(this.chartData(c.sheet, c.index));
      const caption = c.host.querySelector("figcaption");
      if (caption) caption.textContent = this.chartSummary(c.sheet, c.index);
    }
  }

  private chartData(sheet: string, index: number) {
    const plan = this.meta[sheet]!.charts[index]!;
    const id = this.hf.getSheetId(sheet)!;
    const values = (range: string) => {
      if (!range) return []; // a series without x values (a chart from Excel) is drawn over 1, 2, 3…
      const r = rect(range);
      return this.hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } }).flat();
    };
    const formatter = (range: string | undefined) => {
      const r = range ? rect(range) : undefined;
      const format = r ? this.formatOf(r.top, r.left, id) : undefined;
      return (v: number) => formatNumber(v, format, 24);
    };
    const type = plan.type ?? "scatter";
    const series = plan.series.map((s) => {
      const xs = values(s.x);
      const ys = values(s.y);
      const points: { x: number | string; y: number }[] = [];
      ys.forEach((y, i) => {
        const x = xs[i];
        if (typeof y !== "number") return;
        if (type === "scatter" && typeof x !== "number") return;
        points.push({ x: typeof x === "number" || typeof x === "string" ? x : String(i + 1), y });
      });
      return { name: s.name, role: s.role, points };
    });
    const main = plan.series.find((s) => s.role !== "marker");
    return { type, title: plan.title, xTitle: plan.xTitle, yTitle: plan.yTitle, series, formatX: formatter(main?.x), formatY: formatter(main?.y) };
  }

  // ─── Files ─────────────────────────────────────────────────────────────────────────────────────────

  /** Asks before unsaved changes are replaced; true when the trader goes on. */
  private async mayReplace(what: string): Promise<boolean> {
    if (!this.dirty) return true;
    const answer = await ask(
      `Replace the workbook with ${what}?`,
      ["The workbook has changes you have not saved as a file. They will be replaced, and Ctrl+Z cannot bring them back.", "Save .xlsx first to keep them."],
      [
        { value: "save", label: "Save .xlsx first" },
        { value: "replace", label: "Replace" },
        { value: "cancel", label: "Cancel", primary: true },
      ],
      "cancel",
    );
    if (answer === "save") {
      await this.saveFile();
      return true;
    }
    return answer === "replace";
  }

  /** Opens a file: an .xlsx replaces the workbook (after asking, when there are unsaved changes); a CSV becomes a new sheet. */
  async openFile(file: Blob & { name?: string }): Promise<void> {
    const name = file.name ?? "the file";
    if (this.readOnly) return this.setStatus(READ_ONLY);
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    const zip = head[0] === 0x50 && head[1] === 0x4b; // "PK": an .xlsx is a zip
    if (!zip && /\.(csv|tsv|txt)$/i.test(name)) return this.openCsv(file, name);
    if (!zip) {
      this.setStatus(`Could not open ${name}: it is neither an .xlsx workbook nor a CSV file. Choose an .xlsx file saved by Excel, LibreOffice or this playground, or a .csv file.`);
      return;
    }
    if (!(await this.mayReplace(name))) {
      this.setStatus(`Kept the workbook: ${name} was not opened.`);
      return;
    }
    this.setStatus(`Opening ${name}…`);
    try {
      const { readXlsx } = await import("./xlsx-read");
      const data = await readXlsx(await file.arrayBuffer());
      this.load(data.sheets, data.meta, data.names);
      this.dirty = false;
      this.options.changed?.(this);
      this.setStatus(`Opened ${name}: ${Object.keys(data.sheets).join(", ")}`);
    } catch (e) {
      // the reader's own words (a zip library's) mean nothing to a trader
      console.warn(e);
      this.setStatus(`Could not open ${name}: it is not an .xlsx workbook the playground can read. The file may be damaged, or be another kind of file named .xlsx: open it in Excel or LibreOffice and save it as .xlsx again. Nothing was changed.`);
    }
  }

  /** A CSV (or tab-separated) file becomes a new sheet named after it, its numbers and dates read by evidence. */
  private async openCsv(file: Blob, name: string): Promise<void> {
    try {
      const { readCells, sheetNameOf, splitCsv } = await import(/* webpackChunkName: "csv" */ "./csv-open");
      const { cells } = splitCsv(await file.text(), name);
      const read = await this.answerQuestions((answers) => readCells(cells, answers));
      if (!read) return;
      let sheetName = sheetNameOf(name);
      for (let n = 2; this.hf.doesSheetExist(sheetName); n++) sheetName = `${sheetNameOf(name).slice(0, 27)} (${n})`;
      const widths: Record<number, number> = {};
      const ok = this.act(() => {
        this.hf.batch(() => {
          this.hf.addSheet(sheetName);
          this.hf.setCellContents({ sheet: this.hf.getSheetId(sheetName)!, row: 0, col: 0 }, read.rows as RawCellContent[][]);
        });
        const meta = emptyMeta();
        for (const [c, format] of Object.entries(read.formats)) meta.formats.push({ rect: { top: 0, left: Number(c), bottom: 1_048_575, right: Number(c) }, format });
        this.meta[sheetName] = meta;
      }, `open ${name}`);
      if (!ok) return;
      this.activateSheet(sheetName);
      // columns as wide as their contents, as Excel opens a CSV
      const width = Math.max(0, ...read.rows.map((r) => r.length));
      for (let c = 0; c < width; c++) {
        let widest = 0;
        for (let r = 0; r < Math.min(read.rows.length, 2000); r++) widest = Math.max(widest, textWidth(this.shownText(r, c)));
        if (widest + CELL_INSET > DEFAULT_WIDTH) widths[c] = Math.min(400, widest + CELL_INSET);
      }
      Object.assign(this.meta[sheetName]!.widths, widths);
      this.grid.reset();
      this.setStatus(`Opened ${name} as the sheet ${sheetName}: ${read.rows.length.toLocaleString("en-US")} rows`);
    } catch (e) {
      this.setStatus(`Could not open ${name}: ${plainError(e)}`);
    }
  }

  /** Start from the sample: the sample workbook in place of this one, after asking. */
  async startFromSample(): Promise<void> {
    const sample = this.options.sample;
    if (!sample || this.readOnly) return this.setStatus(this.readOnly ? READ_ONLY : "There is no sample to start from.");
    const answer = await ask(
      "Start again from the sample workbook?",
      [this.dirty ? "The workbook has changes you have not saved as a file: they will be replaced, and Ctrl+Z cannot bring them back." : "The workbook is replaced by the sample.", "Save .xlsx first to keep this workbook."],
      [
        { value: "sample", label: "Start from the sample" },
        { value: "cancel", label: "Cancel", primary: true },
      ],
      "cancel",
    );
    if (answer !== "sample") return;
    const s = sample();
    this.load(s.sheets, s.meta, []);
    this.dirty = false;
    this.options.changed?.(this);
    this.setStatus("Started again from the sample workbook");
  }

  /** Replaces the workbook (its undo history too). */
  load(sheets: Record<string, unknown[][]>, meta: WorkbookMeta = {}, names: DefinedName[] = [], active?: string): void {
    this.closeEditor(false);
    const old = this.hf;
    this.hf = buildWorkbook(this.bridge, sheets, names);
    old.destroy();
    this.meta = meta;
    for (const name of Object.keys(sheets)) this.meta[name] ??= emptyMeta();
    this.sheet = this.hf.getSheetId(active && this.hf.doesSheetExist(active) ? active : this.hf.getSheetNames()[0]!) ?? 0;
    this.undoSteps = [];
    this.redoSteps = [];
    this.copied = undefined;
    this.grid.mark(undefined);
    this.refresh();
    this.grid.select(0, 0);
  }

  /** Builds the workbook again from a snapshot (sheets in a new order). */
  private rebuild(snap: Snapshot, active: string): void {
    this.load(Object.fromEntries(snap.sheets.map((s) => [s.name, s.cells])), snap.meta, snap.names, active);
  }

  /** The workbook as data, for the browser's store. */
  snapshot(): Snapshot {
    return snapshot(this.hf, this.meta);
  }

  /** Saves the workbook, or with `values` a copy with every formula replaced by its last value. */
  async saveFile(values = false): Promise<void> {
    const name = values ? "lev-playground-values.xlsx" : "lev-playground.xlsx";
    let buffer: ArrayBuffer;
    try {
      const { writeXlsx } = await import("./xlsx");
      const valueFormat = (sheet: number, row: number, col: number) => this.bridge.valueFormat(this.hf, { sheet, row, col });
      buffer = await writeXlsx(this.hf, this.meta, { values, addin: addinIdentity(this.functionIds), valueFormat });
    } catch (e) {
      this.setStatus(`Could not save the file: ${(e as Error).message}`);
      return;
    }
    const blob = new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    if (values) {
      // a copy: the workbook itself is not saved by it
      this.setStatus(`Saved ${name}: every formula replaced by its last value`);
      return;
    }
    this.dirty = false;
    this.options.changed?.(this);
    this.setStatus(`Saved ${name}`);
  }
}

/** The spreadsheet's built-in functions (HyperFormula's catalogue) as autocomplete entries. */
function builtins(hf: HyperFormula): HelpEntry[] {
  const out: HelpEntry[] = [];
  for (const f of hf.getAvailableFunctions()) {
    if (f.canonicalName.includes(".") && f.canonicalName.startsWith("LEV.")) continue;
    if (f.category === "Custom") continue;
    const details = hf.getFunctionDetails(f.canonicalName);
    out.push({ name: f.localizedName, description: f.shortDescription ?? "", parameters: details?.parameters?.map((p) => ({ name: p.name, description: p.description, optional: p.optional })) ?? [] });
  }
  return out;
}

/** An error as a trader reads it: HyperFormula's message without its class name. */
function plainError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^[A-Z][A-Za-z]+Error:\s*/, "");
}

/** A computed value as a cell can hold it (an error as its code). */
function plainValue(v: unknown): RawCellContent {
  if (v instanceof DetailedCellError) return v.value;
  if (v === undefined) return null;
  return v as RawCellContent;
}

const isGeneral = (format: string | undefined) => !format || /^general$/i.test(format);

/** Excel's serial number as "2024-03-04", with the time when there is one. */
function isoDate(serial: number): string {
  const p = dateParts(serial);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  if (p.hours === 0 && p.minutes === 0 && p.seconds === 0) return date;
  return `${date} ${pad(p.hours)}:${pad(p.minutes)}${p.seconds ? `:${pad(p.seconds)}` : ""}`;
}

