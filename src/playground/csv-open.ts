import Papa from "papaparse";
import { checkText, readAmount, readTime } from "../taskpane/model/journal-import";
import { readTyped, serialOf } from "./typed";

/*
 * A CSV (or tab-separated) file opened with Open, or several cells of text pasted from another program, read
 * as the journal import reads an export: by evidence. This module is the seam between the playground and the
 * journal import's readers (checkText, readAmount, readTime): every call into them is here, so that when
 * their module changes only this file follows.
 *
 * Per column: numbers as the import reads amounts (thousands separators; a semicolon-separated file writes
 * decimals with a comma); ISO-like dates and times as the import reads its time column; a date written
 * 03/06/2024 is read day-first or month-first only when the column shows which (a part above 12), and asked
 * about when nothing in the column does. Percentages, currency amounts and parentheses, which cannot be read
 * two ways, as Excel reads them; formulas stay formulas; the rest stays text, as it was.
 */

export type Content = string | number | boolean | null;
export type DateOrder = "month-first" | "day-first";

/** A column whose dates could be read two ways, and examples of them to show the trader. */
export interface DateQuestion {
  column: number;
  header: string;
  examples: string[];
}

export interface ReadCells {
  rows: Content[][];
  /** Number formats by column (0-based within the block). */
  formats: Record<number, string>;
  /** A column whose dates nothing tells the order of: ask, then read again with `orders`. */
  question?: DateQuestion;
  /** Columns left as text because their dates were written both ways. */
  mixed: number[];
}

const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_LIKE = /^(\d{4}[-.]\d{2}[-.]\d{2}|\d{2}-\d{2}-\d{2}[ T])/;

/** A file's text → its rows of text (papaparse, with the delimiter it finds), and whether decimals use a comma. */
export function splitCsv(text: string, fileName?: string): { cells: string[][]; decimalComma: boolean } {
  checkText(text, fileName);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
  const cells = parsed.data;
  while (cells.length > 0 && cells[cells.length - 1]!.every((c) => c.trim() === "")) cells.pop();
  // as the journal import reads it: semicolon-separated files write decimals with a comma
  return { cells, decimalComma: parsed.meta.delimiter === ";" };
}

function orderEvidence(values: string[]): { order?: DateOrder; mixed: boolean; ambiguous: string[] } {
  let monthFirst = false;
  let dayFirst = false;
  const ambiguous: string[] = [];
  for (const v of values) {
    const m = SLASHED.exec(v);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) monthFirst = true;
    else if (a <= 12 && b <= 12 && a !== b) ambiguous.push(v);
  }
  if (monthFirst && dayFirst) return { mixed: true, ambiguous };
  return { order: monthFirst ? "month-first" : dayFirst ? "day-first" : undefined, mixed: false, ambiguous };
}

function slashedDate(text: string, order: DateOrder): number | undefined {
  const m = SLASHED.exec(text);
  if (!m) return undefined;
  const [month, day] = order === "month-first" ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
  const year = m[3]!.length === 2 ? (Number(m[3]) < 30 ? 2000 : 1900) + Number(m[3]) : Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return serialOf(year, month, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/**
 * Rows of text → cells. `orders` gives the trader's answer for columns asked about; `headerRows` rows at the
 * top are not evidence (and stay text unless they are numbers).
 */
export function readCells(text: string[][], decimalComma: boolean, orders: Record<number, DateOrder> = {}): ReadCells {
  const width = Math.max(0, ...text.map((r) => r.length));
  const rows: Content[][] = text.map((r) => Array.from({ length: width }, (_, c) => (r[c] ?? "") as Content));
  const formats: Record<number, string> = {};
  const mixed: number[] = [];
  let question: DateQuestion | undefined;
  for (let c = 0; c < width; c++) {
    const column = text.map((r) => (r[c] ?? "").trim());
    const evidence = orderEvidence(column);
    const order = orders[c] ?? evidence.order;
    if (evidence.mixed) mixed.push(c);
    else if (!order && evidence.ambiguous.length > 0 && !question) {
      const header = column.find((v) => v !== "" && !SLASHED.test(v)) ?? "";
      question = { column: c, header, examples: evidence.ambiguous.slice(0, 3) };
    }
    let withTime = false;
    let dates = 0;
    column.forEach((v, r) => {
      if (v === "") {
        rows[r]![c] = null;
        return;
      }
      if (v.startsWith("=")) {
        rows[r]![c] = v;
        return;
      }
      if (SLASHED.test(v)) {
        const serial = order && !evidence.mixed ? slashedDate(v, order) : undefined;
        if (serial !== undefined) {
          rows[r]![c] = serial;
          dates++;
          if (serial % 1) withTime = true;
        }
        return;
      }
      if (ISO_LIKE.test(v)) {
        const serial = readTime(v, undefined);
        if (serial !== undefined) {
          rows[r]![c] = serial;
          dates++;
          if (serial % 1) withTime = true;
        }
        return;
      }
      const amount = readAmount(v, decimalComma);
      if (amount && amount.asset === undefined) {
        rows[r]![c] = amount.value;
        return;
      }
      // forms that cannot be read two ways: 5 %, $1,000, (100), TRUE
      const typed = readTyped(v);
      if (typeof typed.value === "boolean" || (typeof typed.value === "number" && typed.format && /[%$(]/.test(typed.format))) {
        rows[r]![c] = typed.value;
        if (typed.format && !formats[c]) formats[c] = typed.format;
      }
    });
    if (dates > 0) formats[c] = withTime ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd";
  }
  return { rows, formats, question, mixed };
}

/** A sheet name from a file's name, within Excel's rules (31 characters, none of \ / ? * [ ] :). */
export function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, "").replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").trim();
  return (base || "Sheet").slice(0, 31);
}
