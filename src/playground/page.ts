import { DetailedCellError, type HyperFormula, type SimpleCellAddress } from "hyperformula";
import { FormulaHelp } from "./autocomplete";
import { buildWorkbook, type DefinedName, type LevBridge } from "./bridge";
import type { DrawnChart } from "./chart";
import { cellName, dateParts, formatNumber, isDateFormat, parseCell, parseRange } from "./format";
import { el, Grid, textWidth, type CellView } from "./grid";
import { addinIdentity } from "./addin";
import type { PlaygroundHost } from "./host";
import type { FunctionMetadata } from "./metadata";
import { DEFAULT_COLUMN_WIDTH, emptyMeta, formatAt, inside, rect, shiftFormula, styleAt, writeTyped, type CellStyle, type SheetMeta, type WorkbookMeta } from "./sheet";

/*
 * The playground page: header (open/save), formula bar, the grid over the HyperFormula workbook, sheet
 * tabs, and the task pane's place beside the grid. It is the PlaygroundHost the task pane writes through.
 */

const MIN_ROWS = 100;
const MIN_COLS = 26;
const DEFAULT_WIDTH = DEFAULT_COLUMN_WIDTH;
const HINT = 'Type a formula such as =LEV.LIQPRICE("long", 60000, 10) in any cell: LEV. names complete as you type. Errors show their message here.';

export interface PageOptions {
  bridge: LevBridge;
  functions: FunctionMetadata[];
  sheets: Record<string, unknown[][]>;
  /** Formats, styles, widths, tables, conditional formats and charts by sheet. */
  meta?: WorkbookMeta;
  names?: DefinedName[];
}

/** The colours of Excel's blue table style (TableStyleMedium2): header and banded rows. */
const TABLE_HEADER: CellStyle = { fill: "#4472C4", font: "#FFFFFF", bold: true };
const TABLE_BAND: CellStyle = { fill: "#D9E1F2" };
/** The cell's padding (4 pixels a side), its border and a pixel to spare, which text does not get. */
const CELL_INSET = 10;

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
  private meta: WorkbookMeta;
  /** Conditional formats' results by rule, as evaluated since the last recalculation. */
  private ruleCache = new Map<string, boolean>();
  private charts: { host: HTMLElement; drawn?: DrawnChart; sheet: string; index: number }[] = [];
  private chartLayer!: HTMLElement;
  private chartLoad = 0;
  private sheet = 0;
  private editor?: HTMLInputElement;
  /** The cell the formula bar is editing, and what it held when the edit began. */
  private barEdit?: { row: number; col: number; original: string };
  private readonly bridge: LevBridge;
  /** The LEV functions' ids, which a saved file lists for Excel. */
  private readonly functionIds: string[];

  constructor(root: HTMLElement, options: PageOptions) {
    this.bridge = options.bridge;
    this.functionIds = options.functions.map((f) => f.id.toUpperCase());
    this.meta = options.meta ?? {};
    this.hf = buildWorkbook(this.bridge, options.sheets, options.names);
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
    const saveValues = el("button", "btn", "Save a copy with values");
    saveValues.type = "button";
    saveValues.id = "save-values";
    saveValues.title = "The same workbook with every formula replaced by its last value, to share with anyone: it opens in any spreadsheet program, Excel without LEV included.";
    saveValues.addEventListener("click", () => void this.saveFile(true));
    const helpLink = el("a", "btn link", "Function reference");
    helpLink.href = "help.html";
    helpLink.target = "_blank";
    helpLink.rel = "noopener";
    actions.append(open, file, save, saveValues, helpLink);
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
    // Editing in the bar edits the selected cell: the cell it started on is kept, so a click elsewhere
    // commits there (as Excel does), and Escape puts back what the cell held.
    this.bar.addEventListener("focus", () => {
      if (this.barEdit) return;
      const { row, col } = this.grid.selection;
      this.barEdit = { row, col, original: this.contentOf(row, col) };
    });
    this.bar.addEventListener("blur", () => this.finishBarEdit(true));
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
    this.chartLayer = el("div", "chart-layer");
    this.grid.canvasElement.append(this.chartLayer);
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
    this.widenForDates();
    this.ruleCache.clear();
    this.drawTabs();
    this.grid.reset();
    this.onSelect();
    this.drawCharts();
  }

  setSheetMeta(sheet: string, meta: SheetMeta): void {
    this.meta[sheet] = meta;
  }

  get workbookMeta(): WorkbookMeta {
    return this.meta;
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
      // the sheet reaches as far as its cells and its charts, with room to spare
      rowCount: () => Math.max(MIN_ROWS, this.hf.getSheetDimensions(this.sheet).height + 20, this.chartReach("bottom") + 20),
      colCount: () => Math.max(MIN_COLS, this.hf.getSheetDimensions(this.sheet).width + 4, this.chartReach("right") + 4),
      colWidth: (col: number) => this.colWidth(col),
      view: (row: number, col: number): CellView => this.view(row, col),
    };
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
    // Text runs on over an empty cell to its right, as in Excel.
    const next = this.hf.getCellValue(this.address(row, col + 1));
    const overflow = next === null || next === undefined || next === "";
    return { text: String(v), kind: "text", spilled, overflow, style };
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
    input.addEventListener("blur", (e) => {
      if (this.editor !== input) return;
      if (e.relatedTarget === this.bar) {
        // The edit moves on into the formula bar, unfinished, as in Excel.
        this.editor = undefined;
        input.remove();
        this.help.hide();
        this.barEdit = { row, col, original: this.contentOf(row, col) };
        this.bar.value = input.value;
        return;
      }
      this.closeEditor(true, 0);
    });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    this.bar.value = input.value;
    this.help.update(input);
  }

  /** Enter, Tab and Escape, the same in the in-cell editor and in the formula bar. */
  private onEditorKey(e: KeyboardEvent, input: HTMLInputElement): void {
    if (this.help.keydown(e)) {
      e.preventDefault();
      return;
    }
    if (e.key !== "Enter" && e.key !== "Tab" && e.key !== "Escape") return;
    e.preventDefault();
    this.help.hide();
    const fromBar = input === this.bar;
    const target = fromBar ? this.barEdit : this.editor ? { row: Number(input.dataset.row), col: Number(input.dataset.col) } : undefined;
    const { row, col } = target ?? this.grid.selection;
    if (fromBar) this.barEdit = undefined;
    else if (input === this.editor) {
      this.editor = undefined;
      input.remove();
    }
    if (e.key === "Escape") {
      this.bar.value = this.contentOf(row, col);
    } else {
      this.commit(row, col, input.value);
      if (e.key === "Enter") this.grid.select(row + (e.shiftKey ? -1 : 1), col);
      else this.grid.select(row, col + (e.shiftKey ? -1 : 1));
    }
    this.grid.focus();
    this.onSelect(); // the bar shows the cell now selected
  }

  /** Ends an edit made in the formula bar: commits it to the cell it began on when it changed. */
  private finishBarEdit(save: boolean): void {
    const edit = this.barEdit;
    if (!edit) return;
    this.barEdit = undefined;
    this.help.hide();
    if (save && this.bar.value !== edit.original) this.commit(edit.row, edit.col, this.bar.value);
    else this.onSelect();
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
    else if (ISO_DATE.test(t)) content = serialOf(t);
    const started = performance.now();
    // Typed directly below a table, the row joins the table (Excel's AutoExpansion).
    try {
      writeTyped(this.hf, this.sheetMeta, this.sheet, row, col, content as never);
    } catch (e) {
      this.setStatus(`Could not write ${cellName(row, col)}: ${(e as Error).message}`);
      return;
    }
    // A date typed in a cell without a number format shows as a date, as in Excel.
    if (typeof content === "number" && ISO_DATE.test(t) && isGeneral(formatAt(this.sheetMeta, row, col))) {
      this.meta[this.sheetName] ??= emptyMeta();
      const meta = this.meta[this.sheetName]!;
      const format = ISO_DATE.exec(t)![4] ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd";
      meta.formats.push({ rect: { top: row, left: col, bottom: row, right: col }, format });
      // and a column of the default width widens to show it, as Excel's does (a set width stays: ### there)
      const need = textWidth(formatNumber(content, format, 40), this.styleOf(row, col)?.bold) + CELL_INSET;
      if (meta.widths[col] === undefined && need > DEFAULT_WIDTH) meta.widths[col] = need;
    }
    this.bridge.settle(this.hf);
    this.widenForDates();
    this.ruleCache.clear();
    this.grid.reset();
    this.onSelect();
    this.updateCharts();
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
      const host = el("div", "chart");
      host.dataset.chart = String(index);
      host.setAttribute("role", "img");
      host.setAttribute("aria-label", plan.title);
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
        c.host.append(canvas);
        c.drawn = drawChart(canvas, this.chartData(c.sheet, c.index));
      }
      document.documentElement.dataset.charts = String(this.charts.length);
    });
  }

  /** Charts follow their cells when they recalculate. */
  private updateCharts(): void {
    for (const c of this.charts) c.drawn?.update(this.chartData(c.sheet, c.index));
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

  /** Replaces the workbook with the sheets of an .xlsx file. */
  async openFile(file: Blob & { name?: string }): Promise<void> {
    this.setStatus(`Opening ${file.name ?? "the file"}…`);
    try {
      const { readXlsx } = await import("./xlsx");
      const data = await readXlsx(await file.arrayBuffer());
      this.load(data.sheets, data.meta, data.names);
      this.setStatus(`Opened ${file.name ?? "the file"}: ${Object.keys(data.sheets).join(", ")}`);
    } catch (e) {
      this.setStatus(`Could not open the file: ${(e as Error).message}`);
    }
  }

  /** Replaces the workbook. */
  load(sheets: Record<string, unknown[][]>, meta: WorkbookMeta = {}, names: DefinedName[] = []): void {
    this.closeEditor(false);
    const old = this.hf;
    this.hf = buildWorkbook(this.bridge, sheets, names);
    old.destroy();
    this.meta = meta;
    for (const name of Object.keys(sheets)) this.meta[name] ??= emptyMeta();
    this.sheet = this.hf.getSheetId(this.hf.getSheetNames()[0]!) ?? 0;
    this.refresh();
    this.grid.select(0, 0);
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
    this.setStatus(values ? `Saved ${name}: every formula replaced by its last value` : `Saved ${name}`);
  }
}

const isGeneral = (format: string | undefined) => !format || /^general$/i.test(format);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** "2024-03-04 12:00" → Excel's serial number 45355.5. */
function serialOf(text: string): number {
  const m = ISO_DATE.exec(text)!;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  return ms / 86400000 + 25569;
}

/** Excel's serial number as "2024-03-04", with the time when there is one. */
function isoDate(serial: number): string {
  const p = dateParts(serial);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  if (p.hours === 0 && p.minutes === 0 && p.seconds === 0) return date;
  return `${date} ${pad(p.hours)}:${pad(p.minutes)}${p.seconds ? `:${pad(p.seconds)}` : ""}`;
}
