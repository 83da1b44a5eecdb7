import Papa from "papaparse";
import { dateParts, decideMark, decideOrder, msSerial, partsMs, readNumber, type DateOrder as Order, type DateParts, type DecimalMark } from "../taskpane/model/journal-read";
import { checkCsvText, delimiterOf } from "../taskpane/model/journal-source";
import { readTyped } from "./typed";

/*
 * A CSV (or tab-separated) file opened with Open, or several cells of text pasted from another program, read
 * as the journal import reads an export: by evidence, with the import's own readers (journal-read.ts and
 * journal-source.ts). This module is the seam between the playground and those readers.
 *
 * The decimal mark is decided from all the numbers of the block (a semicolon file may well use decimal points):
 * when every number that has a separator could be read two ways (1,250 or 1.250) and none decides, the trader is
 * asked, and those cells stay text until answered. A column's dates are day-first or month-first as a part above
 * 12 shows, and asked about when nothing in the column does. Percentages, currency amounts and parentheses, which
 * cannot be read two ways, are read as Excel reads them; formulas stay formulas; the rest stays text, as it was.
 */

export type Content = string | number | boolean | null;
export type DateOrder = "month-first" | "day-first";

/** What nothing in the text tells, and the trader is asked. */
export type Question =
  /** A column whose dates could be read two ways, with examples of them. */
  | { kind: "dates"; column: number; header: string; examples: string[] }
  /** Numbers such as 1,250 that could be read with either decimal mark, and nothing else in the text decides it. */
  | { kind: "mark"; examples: string[] };

/** The trader's answers to earlier questions. */
export interface Answers {
  orders?: Record<number, DateOrder>;
  mark?: DecimalMark;
}

export interface ReadCells {
  rows: Content[][];
  /** Number formats by column (0-based within the block). */
  formats: Record<number, string>;
  /** Something to ask before the cells are read right; read again with the answer. */
  question?: Question;
  /** Columns left as text because their dates were written both ways. */
  mixed: number[];
  /** Numbers written with both decimal marks in one text (1.5 and 1,5): those with a separator are kept as text. */
  markConflict?: { point: string; comma: string };
}

/** A file's text → its rows of text (papaparse, with the delimiter the import would find). */
export function splitCsv(text: string, fileName = "the file"): { cells: string[][] } {
  checkCsvText(text, fileName);
  const body = text.replace(/^\uFEFF/, "");
  const cells = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: delimiterOf(body) }).data;
  while (cells.length > 0 && cells[cells.length - 1]!.every((c) => c.trim() === "")) cells.pop();
  return { cells };
}

/** A cell's date, when it is written as one (an epoch number is not: in a sheet it may be an id). */
function dateOf(text: string): DateParts | undefined {
  if (!/[-/.]/.test(text)) return undefined;
  const p = dateParts(text);
  return p && p.epochMs === undefined ? p : undefined;
}

const ORDER: Record<DateOrder, Order> = { "day-first": "dmy", "month-first": "mdy" };

/** Rows of text → cells, with the trader's `answers` to questions asked before. */
export function readCells(text: string[][], answers: Answers = {}): ReadCells {
  const width = Math.max(0, ...text.map((r) => r.length));
  const rows: Content[][] = text.map((r) => Array.from({ length: width }, (_, c) => (r[c] ?? "") as Content));
  const formats: Record<number, string> = {};
  const mixed: number[] = [];
  let question: Question | undefined;
  const cell = (r: number, c: number) => (text[r]?.[c] ?? "").trim();

  // the decimal mark, from every number of the block that is not a date
  const marks = decideMark(
    (function* () {
      for (let r = 0; r < text.length; r++) for (let c = 0; c < width; c++) if (!dateOf(cell(r, c))) yield { line: r + 1, column: String(c), text: cell(r, c) };
    })(),
  );
  const mark = answers.mark ?? marks.mark;
  if (!mark && !marks.conflict && marks.ambiguous.length > 0) question = { kind: "mark", examples: marks.ambiguous.map((a) => a.text) };

  for (let c = 0; c < width; c++) {
    const dates = text.map((_, r) => ({ line: r + 1, text: cell(r, c), parts: dateOf(cell(r, c)) }));
    const decision = decideOrder(dates.filter((d): d is typeof d & { parts: DateParts } => d.parts !== undefined));
    const asked = answers.orders?.[c];
    const order = asked ? ORDER[asked] : decision.order;
    if (decision.conflict) mixed.push(c);
    else if (!order && decision.ambiguous.length > 0 && !question) {
      const header = dates.find((d) => d.text !== "" && !d.parts)?.text ?? "";
      question = { kind: "dates", column: c, header, examples: decision.ambiguous.map((a) => a.text) };
    }
    let withTime = false;
    let withSeconds = false;
    let count = 0;
    dates.forEach(({ text: v, parts }, r) => {
      if (v === "") {
        rows[r]![c] = null;
        return;
      }
      if (v.startsWith("=")) {
        rows[r]![c] = v;
        return;
      }
      if (parts) {
        const at = decision.conflict ? undefined : partsMs(parts, order);
        if (at) {
          rows[r]![c] = msSerial(at.ms);
          count++;
          if (parts.hour || parts.minute || parts.second || parts.meridiem) withTime = true;
          if (parts.second) withSeconds = true;
        }
        return;
      }
      const n = readNumber(v, mark ?? ".");
      // a number whose reading depends on the mark waits for it; one with no separator reads either way
      if (n !== undefined && (mark !== undefined || !/[.,]/.test(v))) {
        rows[r]![c] = n;
        return;
      }
      // forms that cannot be read two ways: 5 %, $1,000, (100), TRUE
      const typed = readTyped(v);
      if (typeof typed.value === "boolean" || (typeof typed.value === "number" && typed.format && /[%$(]/.test(typed.format) && !(marks.conflict || (!mark && /,\d{3}\b/.test(v))))) {
        rows[r]![c] = typed.value;
        if (typed.format && !formats[c]) formats[c] = typed.format;
      }
    });
    if (count > 0) formats[c] = withTime ? (withSeconds ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd hh:mm") : "yyyy-mm-dd";
  }
  const conflict = marks.conflict && !answers.mark ? { point: marks.conflict.point.text, comma: marks.conflict.comma.text } : undefined;
  return { rows, formats, question, mixed, ...(conflict ? { markConflict: conflict } : {}) };
}

/** A sheet name from a file's name, within Excel's rules (31 characters, none of \ / ? * [ ] :). */
export function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, "").replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").trim();
  return (base || "Sheet").slice(0, 31);
}
