import Papa from "papaparse";

/**
 * An export file as a grid of text cells, whatever it was: CSV (papaparse: quotes, a byte-order mark, `,` `;`
 * tab or `|`, CRLF), an .xlsx workbook (read-excel-file, loaded only when one is chosen) or an HTML report
 * (htmlparser2, loaded only then; MetaTrader writes its HTML reports in UTF-16). Bytes are decoded by their
 * byte-order mark: UTF-8, UTF-16LE or UTF-16BE; UTF-8 otherwise, or Windows-1252 when the bytes are not UTF-8.
 */

export interface Grid {
  /** Rows of trimmed cells, every byte-order mark removed (OKX writes one in front of every cell). */
  rows: string[][];
  /** The 1-based line (CSV) or row (workbook, HTML table) of each row, for messages. */
  lines: number[];
}

export interface Source {
  /** The file's name ("Binance-Futures-Trade-History-…(UTC+6)-part1-of1.csv"), or "pasted text". */
  name: string;
  kind: "csv" | "xlsx" | "html";
  grid: Grid;
  /** What a row number means in messages: a CSV's line, a workbook's row. */
  lineWord: "line" | "row";
}

export class ImportError extends Error {
  override readonly name = "ImportError";
}

/** Text from bytes, by byte-order mark; UTF-8 without one, or Windows-1252 when the bytes are not valid UTF-8. */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16LE" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16BE" };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // UTF-16 without a mark: every other byte of ASCII text is zero
  if (!bom && body.length >= 4 && body[1] === 0 && body[3] === 0 && body[0] !== 0) return { text: new TextDecoder("utf-16le").decode(body), encoding: "UTF-16LE" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "UTF-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(body), encoding: "Windows-1252" };
  }
}

const clean = (c: unknown) => String(c ?? "").replace(/\uFEFF/g, "").trim();

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter of a CSV: the one under which a known export's header appears in the first lines (a
 * semicolon file with decimal commas has more commas than semicolons), else the one whose lines split most
 * evenly into the header's number of cells (papaparse's own guess breaks ties).
 */
export function delimiterOf(text: string, knownHeader?: (row: string[]) => boolean): string {
  const head = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 40).join("\n");
  const guess = Papa.parse<string[]>(head, { delimitersToGuess: [...DELIMITERS], preview: 40 }).meta.delimiter;
  let best = { delimiter: guess, score: -1 };
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(head, { delimiter: d, preview: 40 }).data.map((r) => r.map(clean));
    const header = rows.findIndex((r) => r.filter((c) => c !== "").length >= 4);
    if (header < 0) continue;
    const width = rows[header]!.length;
    const even = rows.slice(header).filter((r) => r.length === width).length;
    const known = knownHeader !== undefined && rows.some((r) => knownHeader(r));
    const score = (known ? 10_000 : 0) + even * 10 + (d === guess ? 1 : 0);
    if (score > best.score) best = { delimiter: d, score };
  }
  return best.delimiter;
}

/** Whether a row is a known export's header: set by the import model, which knows the layouts. */
let knownHeader: ((row: string[]) => boolean) | undefined;
export function recogniseHeadersWith(test: (row: string[]) => boolean): void {
  knownHeader = test;
}

/** A CSV's rows, with papaparse; rows of blank cells are kept out, each row with its line. */
export function csvGrid(text: string): Grid {
  const body = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: delimiterOf(body, knownHeader) });
  const rows: string[][] = [];
  const lines: number[] = [];
  parsed.data.forEach((r, i) => {
    const cells = r.map(clean);
    if (cells.every((c) => c === "")) return;
    rows.push(cells);
    lines.push(i + 1);
  });
  return { rows, lines };
}

/** Files LEV cannot read, told apart by their first bytes, with what to do instead. */
function refuseBinary(bytes: Uint8Array, name: string): void {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith("\xd0\xcf\x11\xe0")) {
    throw new ImportError(`"${name}" is an Excel 97–2003 workbook (.xls). Open it in Excel or LibreOffice and save it as .xlsx or CSV, then choose that file.`);
  }
  if (head.startsWith("%PDF")) throw new ImportError(`"${name}" is a PDF. Export the trade history as CSV (or .xlsx) and choose that file.`);
  if (head.startsWith("PK")) throw new ImportError(`"${name}" is a zip archive, not a trade history. Unzip it and choose the CSV or .xlsx inside.`);
}

/** Reads an export file's bytes into a grid. */
export async function readSource(name: string, bytes: Uint8Array): Promise<Source> {
  if (bytes.length === 0) throw new ImportError("The file is empty: there is nothing to import.");
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (zip && /\.(xlsx|xlsm)$/i.test(name)) {
    const { xlsxGrid } = await import(/* webpackChunkName: "import-xlsx" */ "./journal-xlsx");
    return { name, kind: "xlsx", grid: await xlsxGrid(bytes), lineWord: "row" };
  }
  if (zip && !/\.(csv|txt|tsv)$/i.test(name)) {
    // A workbook saved under another name is still a workbook
    const { xlsxGrid, isWorkbook } = await import(/* webpackChunkName: "import-xlsx" */ "./journal-xlsx");
    if (isWorkbook(bytes)) return { name, kind: "xlsx", grid: await xlsxGrid(bytes), lineWord: "row" };
  }
  refuseBinary(bytes, name);
  const { text } = decode(bytes);
  return textSource(text, name, /\.html?$/i.test(name));
}

async function htmlSource(text: string, name: string): Promise<Source> {
  const { htmlGrid } = await import(/* webpackChunkName: "import-html" */ "./journal-html");
  return { name, kind: "html", grid: htmlGrid(text), lineWord: "row" };
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html|<table|<body|<head)/i.test(text.replace(/^\uFEFF/, "").slice(0, 2000));
}

/** Refuses text that is empty, or that is not text at all (a spreadsheet, zip or PDF read as text). */
export function checkCsvText(text: string, name: string): void {
  if (text.replace(/\uFEFF/g, "").trim() === "") throw new ImportError("The file is empty: there is nothing to import.");
  // A spreadsheet, a zip or a PDF read as text is full of control characters that no CSV has.
  const control = (text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  if (control > 4) {
    throw new ImportError(`"${name}" is not a CSV file (it looks like a spreadsheet, zip or other binary file). Save or export it as CSV or .xlsx and choose that file.`);
  }
}

export function textSource(text: string, name: string, html: boolean): Promise<Source> {
  if (html || (text.replace(/\uFEFF/g, "").trim() !== "" && looksLikeHtml(text))) return htmlSource(text, name);
  try {
    checkCsvText(text, name);
  } catch (e) {
    return Promise.reject(e);
  }
  return Promise.resolve({ name, kind: "csv", grid: csvGrid(text), lineWord: "line" });
}
