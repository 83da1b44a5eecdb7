import { readSheet } from "read-excel-file/universal";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { ImportError, type Grid } from "./journal-source";

/**
 * An .xlsx export as a grid of text cells, with read-excel-file. Numbers keep the text the workbook stores
 * (no double in between: 1.55244 stays "1.55244"), dates become "YYYY-MM-DD hh:mm:ss". MetaTrader 5 writes
 * every XML part of its .xlsx reports in UTF-16 (with a byte-order mark), which read-excel-file does not
 * read: such parts are re-encoded as UTF-8 before the workbook is handed to it. Loaded only when an .xlsx is
 * chosen (its own chunk).
 */

/** Whether a zip holds a workbook (xl/workbook.xml). */
export function isWorkbook(bytes: Uint8Array): boolean {
  try {
    return "xl/workbook.xml" in unzipSync(bytes, { filter: (f) => f.name === "xl/workbook.xml" });
  } catch {
    return false;
  }
}

/** The workbook with any UTF-16 XML part re-encoded as UTF-8 (its declaration saying so), or the bytes as they are. */
export function utf8Parts(bytes: Uint8Array): Uint8Array {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new ImportError("This .xlsx file cannot be opened: it is damaged or not a workbook. Open it in Excel and save it again, or export CSV.");
  }
  const utf16 = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (!Object.values(entries).some(utf16)) return bytes;
  const out: Zippable = {};
  for (const [name, b] of Object.entries(entries)) {
    if (utf16(b)) {
      const text = new TextDecoder(b[0] === 0xff ? "utf-16le" : "utf-16be").decode(b.subarray(2));
      out[name] = new TextEncoder().encode(text.replace(/^<\?xml([^>]*?)\s+encoding=["'][^"']*["']([^>]*)\?>/, "<?xml$1$2?>"));
    } else out[name] = b;
  }
  return zipSync(out, { level: 0 });
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    const ms = v.getUTCMilliseconds();
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`;
  }
  return String(v).replace(/\uFEFF/g, "").trim();
}

/** The first sheet of an .xlsx as text cells; each row with its row number. */
export async function xlsxGrid(bytes: Uint8Array): Promise<Grid> {
  const fixed = utf8Parts(bytes);
  let data: unknown[][];
  try {
    data = (await readSheet(fixed.buffer.slice(fixed.byteOffset, fixed.byteOffset + fixed.byteLength) as ArrayBuffer, 1, { parseNumber: (s: string) => s, trim: true })) as unknown[][];
  } catch (e) {
    throw new ImportError(`This .xlsx file cannot be read (${e instanceof Error ? e.message : String(e)}). Open it in Excel and save it again, or export CSV.`);
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  data.forEach((r, i) => {
    const cells = r.map(cellText);
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length === 0) return;
    rows.push(cells);
    lines.push(i + 1);
  });
  return { rows, lines };
}
