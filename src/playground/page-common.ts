import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import { type HelpEntry } from "./autocomplete";
import { dateParts } from "./format";
import { type Rect } from "./grid";
import { DEFAULT_COLUMN_WIDTH, type CellStyle, type WorkbookMeta } from "./sheet";

/** What the playground page's modules share: its sizes and colours, the shapes of its undo steps, copies and edits, and small readers. */

export const MIN_ROWS = 100;
export const MIN_COLS = 26;
export const DEFAULT_WIDTH = DEFAULT_COLUMN_WIDTH;
export const HINT = 'Type a formula such as =LEV.LIQPRICE("long", 60000, 10) in any cell: LEV. names complete as you type. Errors show their message here.';
export const READ_ONLY = "This workbook is open in another tab, so this tab is read-only. Close the other tab, then choose Edit here.";

/** The colours of Excel's blue table style (TableStyleMedium2): header and banded rows. */
export const TABLE_HEADER: CellStyle = { fill: "#4472C4", font: "#FFFFFF", bold: true };
export const TABLE_BAND: CellStyle = { fill: "#D9E1F2" };
/** The cell's padding (4 pixels a side), its border and a pixel to spare, which text does not get. */
export const CELL_INSET = 10;

/** One step of the page's undo history: how many steps of HyperFormula's it spans, and the meta around it. */
export interface Step {
  steps: number;
  before: WorkbookMeta;
  after: WorkbookMeta;
  sheet: string;
}

/** What Ctrl+C or Ctrl+X took, to paste with its formulas moved (the clipboard's text pasted elsewhere). */
export interface Copied {
  sheet: number;
  range: Rect;
  text: string;
  cut: boolean;
  values: RawCellContent[][];
  formats: (string | undefined)[][];
}

/** The editor a formula is typed in, and the reference the mouse or the arrows are pointing with. */
export interface Editing {
  input: HTMLInputElement;
  row: number;
  col: number;
  sheet: number;
  /** Enter mode (arrows point or commit) after typing; Edit mode (arrows move the caret) after F2. */
  mode: "enter" | "edit";
  point?: { start: number; end: number; anchor: { row: number; col: number }; range: Rect };
}

export const isFormulaStart = (before: string) => /(^=|[=(,;+\-*/^&<>:]\s*)$/.test(before);

/** The spreadsheet's built-in functions (HyperFormula's catalogue) as autocomplete entries. */
export function builtins(hf: HyperFormula): HelpEntry[] {
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
export function plainError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^[A-Z][A-Za-z]+Error:\s*/, "");
}

/** A computed value as a cell can hold it (an error as its code). */
export function plainValue(v: unknown): RawCellContent {
  if (v instanceof DetailedCellError) return v.value;
  if (v === undefined) return null;
  return v as RawCellContent;
}

export const isGeneral = (format: string | undefined) => !format || /^general$/i.test(format);

/** Excel's serial number as "2024-03-04", with the time when there is one. */
export function isoDate(serial: number): string {
  const p = dateParts(serial);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  if (p.hours === 0 && p.minutes === 0 && p.seconds === 0) return date;
  return `${date} ${pad(p.hours)}:${pad(p.minutes)}${p.seconds ? `:${pad(p.seconds)}` : ""}`;
}
