import { HyperFormula } from "hyperformula";
import { FormulaHelp } from "./autocomplete";
import { buildWorkbook, type DefinedName, type LevBridge } from "./bridge";
import type { DrawnChart } from "./chart";
import { asRange, cellName } from "../shared/a1";
import { el, type Grid, type Rect, type Selection } from "./grid";
import type { PlaygroundHost } from "./host";
import type { FunctionMetadata } from "./metadata";
import { emptyMeta, formatAt, writeBlock, type SheetMeta, type WorkbookMeta } from "./sheet";
import { snapshot, type Snapshot } from "./store";
import { readTyped } from "./typed";
import { Step, Copied, Editing, builtins, isGeneral } from "./page-common";
import { openFile, startFromSample, saveFile } from "./page-files";
import { fill, insertCells, deleteCells, setFormat } from "./page-cells";
import { act, changed, record } from "./page-history";
import { activeTab, drawTabs, renameSheet, deleteSheet, moveSheet } from "./page-tabs";
import { chartData, drawCharts } from "./page-charts";
import { installClipboard, copyRange, paste } from "./page-clipboard";
import { closeEditor } from "./page-editor";
import { installDocumentKeys } from "./page-keys";
import { formulaBar, pageGrid, pageHeader, sheetBar } from "./page-layout";
import { widenForDates, onSelect } from "./page-view";

/*
 * The playground page: header (open, save, start again), formula bar, the grid over the HyperFormula workbook,
 * sheet tabs, and the task pane's place beside the grid. It is the PlaygroundHost the task pane writes through.
 *
 * Every change a trader makes goes through act(): one step of HyperFormula's undo history (a batch, a paste,
 * an inserted row) with the page's own meta (formats, tables, widths) saved beside it, so that Ctrl+Z undoes
 * both at once; then the workbook is marked unsaved and kept in the browser.
 */

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

/**
 * The page's state and its public face (the PlaygroundHost the pane writes through, and what tests and menus
 * call). Its jobs live in the page-*.ts modules as functions of the page; the members they share are not private.
 */
export class PlaygroundPage implements PlaygroundHost {
  hf: HyperFormula;
  readonly pane: HTMLElement;
  readonly grid: Grid;
  readonly tabs: HTMLElement;
  readonly sheetbar: HTMLElement;
  readonly nameBox: HTMLInputElement;
  readonly bar: HTMLInputElement;
  readonly info: HTMLElement;
  private readonly status: HTMLElement;
  private readonly banner: HTMLElement;
  readonly header: HTMLElement;
  readonly help: FormulaHelp;
  meta: WorkbookMeta;
  /** Conditional formats' results by rule, as evaluated since the last recalculation. */
  ruleCache = new Map<string, boolean>();
  charts: { host: HTMLElement; drawn?: DrawnChart; sheet: string; index: number }[] = [];
  chartLayer!: HTMLElement;
  chartLoad = 0;
  sheet = 0;
  editing?: Editing;
  /** The cell the formula bar is editing, and what it held when the edit began. */
  barEdit?: { row: number; col: number; original: string };
  readonly bridge: LevBridge;
  /** The LEV functions' ids, which a saved file lists for Excel. */
  readonly functionIds: string[];
  undoSteps: Step[] = [];
  redoSteps: Step[] = [];
  copied?: Copied;
  valuesOnly = false;
  scratch?: HyperFormula;
  readonly options: PageOptions;
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

    this.header = pageHeader(this, root);
    this.banner = el("div", "banner");
    this.banner.hidden = true;
    this.banner.setAttribute("aria-live", "polite");
    const formula = formulaBar(this);
    this.nameBox = formula.nameBox;
    this.bar = formula.input;
    this.info = el("div", "cell-info");
    this.info.id = "cell-info";
    this.info.setAttribute("aria-live", "polite");

    const main = el("main", "main");
    const sheetArea = el("section", "sheet-area");
    sheetArea.setAttribute("aria-label", "Workbook");
    this.grid = pageGrid(this, sheetArea);
    this.chartLayer = el("div", "chart-layer");
    this.grid.canvasElement.append(this.chartLayer);
    const sheets = sheetBar(this);
    this.sheetbar = sheets.bar;
    this.tabs = sheets.tabs;
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
    root.append(this.header, this.banner, formula.box, this.info, main, this.status);

    installDocumentKeys(this);
    installClipboard(this);
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
    widenForDates(this);
    this.ruleCache.clear();
    drawTabs(this);
    this.grid.body.setAttribute("aria-label", `Sheet ${this.sheetName}`);
    this.grid.mark(this.copied && this.copied.sheet === this.sheet ? this.copied.range : undefined);
    this.grid.reset();
    onSelect(this);
    drawCharts(this);
  }

  setSheetMeta(sheet: string, meta: SheetMeta, batches = 1): void {
    // a sheet the pane wrote (or added to): one step to undo, with the batches that wrote its cells
    const before = structuredClone(this.meta);
    this.meta[sheet] = meta;
    record(this, { steps: batches + this.bridge.settle(this.hf), before, after: structuredClone(this.meta), sheet: this.sheetName });
    this.changed();
  }

  get workbookMeta(): WorkbookMeta {
    return this.meta;
  }

  activateSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    const tabHadFocus = this.tabs.contains(document.activeElement);
    closeEditor(this, false);
    this.sheet = id;
    this.refresh();
    this.grid.select(0, 0);
    // switching sheets from the tabs keeps the focus on the tab
    if (tabHadFocus) activeTab(this)?.focus();
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

  get sheetMeta(): SheetMeta | undefined {
    return this.meta[this.sheetName];
  }

  // ─── Sheet tabs ────────────────────────────────────────────────────────────────────────────────────

  /** Renames a sheet in place: its tab becomes a text box; Enter renames, Escape keeps the name. */
  renameSheet(name: string): void {
    renameSheet(this, name);
  }

  /** Deletes a sheet after asking (formulas that read it show #REF!, as in Excel). */
  async deleteSheet(name: string): Promise<void> {
    return deleteSheet(this, name);
  }

  /** Moves a sheet to position `to`. HyperFormula keeps sheets in the order they were added, so the workbook is built again in the new order (as in Excel, this cannot be undone). */
  moveSheet(name: string, to: number): void {
    moveSheet(this, name, to);
  }

  // ─── Keys on the whole page: F6 and sheets ─────────────────────────────────────────────────────────

  // ─── Menus ─────────────────────────────────────────────────────────────────────────────────────────

  // ─── Changes and their history ─────────────────────────────────────────────────────────────────────

  /**
   * Makes one change: `fn` does one HyperFormula operation (or none, when it returns false) and may change the
   * meta; the change is one step of the undo history. Returns false when nothing could be done.
   */
  act(fn: () => void | boolean, label = "change", keepCopy = false): boolean {
    return act(this, fn, label, keepCopy);
  }

  /** Marks the workbook unsaved and lets whoever keeps it know. */
  changed(): void {
    changed(this);
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

  barPoint?: Editing;

  /** Writes what the user typed into a cell, as Excel in en-US reads typed text (see typed.ts). */
  commit(row: number, col: number, text: string): void {
    const typed = readTyped(text);
    const started = performance.now();
    const sheet = this.sheet;
    const ok = this.act(() => {
      // Typed directly below a table, the row joins the table (Excel's AutoExpansion).
      writeBlock(this.hf, this.sheetMeta, sheet, row, col, [[typed.value]]);
      // A number typed in a form Excel formats (1,000 $5 5% 3/6/2024) gets that format in a General cell.
      if (typed.format && typeof typed.value === "number" && isGeneral(formatAt(this.sheetMeta, row, col))) setFormat(this, { top: row, left: col, bottom: row, right: col }, typed.format, typed.value);
    }, `write ${cellName(row, col)}`);
    if (ok) this.setStatus(`Recalculated in ${Math.round(performance.now() - started)} ms`);
  }

  // ─── The grid's own keys ───────────────────────────────────────────────────────────────────────────

  // ─── Clipboard ─────────────────────────────────────────────────────────────────────────────────────

  /** Ctrl+C / Ctrl+X: the selection as tab-separated text and an HTML table, as Excel puts it on the clipboard. */
  copyRange(cut: boolean, data?: DataTransfer): void {
    copyRange(this, cut, data);
  }

  /**
   * Pastes at the selection: what Ctrl+C took in this page with its formulas moved as HyperFormula moves them
   * (Ctrl+X's cells moved), or text from another program (tab-separated, or an HTML table), read by evidence as
   * a CSV is. `values` pastes values only.
   */
  async paste(text: string, html: string, values = false): Promise<void> {
    return paste(this, text, html, values);
  }

  // ─── Fill ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Fills `target` (which contains `source`) from `source`: formulas with their relative references moved
   * (HyperFormula's getFillRangeData), and, from the fill handle, series of numbers, dates and numbered text.
   */
  fill(source: Rect, target: Rect, makeSeries: boolean): void {
    fill(this, source, target, makeSeries);
  }

  // ─── Rows, columns, widths ─────────────────────────────────────────────────────────────────────────

  insertCells(axis: "rows" | "cols", at: number, count: number): void {
    insertCells(this, axis, at, count);
  }

  deleteCells(axis: "rows" | "cols", at: number, count: number): void {
    deleteCells(this, axis, at, count);
  }

  // ─── The name box ──────────────────────────────────────────────────────────────────────────────────

  // ─── Charts ────────────────────────────────────────────────────────────────────────────────────────

  // ─── Files ─────────────────────────────────────────────────────────────────────────────────────────

  /** Opens a file: an .xlsx replaces the workbook (after asking, when there are unsaved changes); a CSV becomes a new sheet. */
  async openFile(file: Blob & { name?: string }): Promise<void> {
    return openFile(this, file);
  }

  /** Start from the sample: the sample workbook in place of this one, after asking. */
  async startFromSample(): Promise<void> {
    return startFromSample(this);
  }

  /** Replaces the workbook (its undo history too). */
  load(sheets: Record<string, unknown[][]>, meta: WorkbookMeta = {}, names: DefinedName[] = [], active?: string): void {
    closeEditor(this, false);
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
  rebuild(snap: Snapshot, active: string): void {
    this.load(Object.fromEntries(snap.sheets.map((s) => [s.name, s.cells])), snap.meta, snap.names, active);
  }

  /** The workbook as data, for the browser's store. */
  snapshot(): Snapshot {
    return snapshot(this.hf, this.meta);
  }

  /** Saves the workbook, or with `values` a copy with every formula replaced by its last value. */
  /** The points a chart of `sheet` draws, as read from its cells (what its picture shows, for tests and readers). */
  chartData(sheet: string, index: number) {
    return chartData(this, sheet, index);
  }

  async saveFile(values = false): Promise<void> {
    return saveFile(this, values);
  }
}

