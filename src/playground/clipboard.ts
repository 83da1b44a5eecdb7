import Papa from "papaparse";

/*
 * The clipboard's formats as Excel writes and reads them: `text/plain` is tab-separated text (a cell with a
 * tab, a line break or a quote is quoted, quotes doubled, as Excel and LibreOffice quote it), `text/html` a
 * <table> whose cells hold the text shown. Reading takes either, and Excel's HTML where the browser gives it
 * (cells, colspan and rowspan; the rest of Excel's markup is ignored). Papaparse writes and reads the text;
 * the browser's DOMParser reads the HTML.
 */

/** Rows of shown text → tab-separated text, one line per row, as Excel puts it on the clipboard. */
export function toTsv(rows: string[][]): string {
  return Papa.unparse(rows, { delimiter: "\t", newline: "\r\n", quoteChar: '"', escapeChar: '"' }) + "\r\n";
}

/** Tab-separated text → rows of text (a trailing line break is not another row). */
export function fromTsv(text: string): string[][] {
  const t = text.replace(/\r?\n$/, "");
  if (t === "") return [[""]];
  if (!t.includes("\t") && !t.includes('"')) return t.split(/\r?\n/).map((line) => [line]);
  const parsed = Papa.parse<string[]>(t, { delimiter: "\t", newline: t.includes("\r\n") ? "\r\n" : "\n", quoteChar: '"', skipEmptyLines: false });
  return parsed.data;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Rows → an HTML table as a spreadsheet puts it on the clipboard (numbers right-aligned, as shown). */
export function toHtml(rows: { text: string; number?: boolean }[][]): string {
  const body = rows
    .map((row) => `<tr>${row.map((c) => (c.number ? `<td style="text-align:right">${escapeHtml(c.text)}</td>` : `<td>${escapeHtml(c.text)}</td>`)).join("")}</tr>`)
    .join("");
  return `<html><body><table>${body}</table></body></html>`;
}

/** The first table of an HTML clipboard as rows of text, with spanned cells repeated empty; undefined without a table. */
export function fromHtml(html: string): string[][] | undefined {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const table = doc.querySelector("table");
  if (!table) return undefined;
  const out: string[][] = [];
  const taken: boolean[][] = [];
  [...table.querySelectorAll("tr")].forEach((tr, r) => {
    out[r] ??= [];
    taken[r] ??= [];
    let c = 0;
    for (const td of tr.querySelectorAll("td, th")) {
      while (taken[r]![c]) c++;
      const cell = td as HTMLTableCellElement;
      // Excel writes a line break inside a cell as <br>; its other whitespace is layout
      const text = [...cell.childNodes]
        .map((n) => (n.nodeName === "BR" ? "\n" : (n.textContent ?? "").replace(/\s+/g, " ")))
        .join("")
        .replace(/ *\n */g, "\n")
        .trim();
      const rows = Math.max(1, cell.rowSpan || 1);
      const cols = Math.max(1, cell.colSpan || 1);
      for (let dr = 0; dr < rows; dr++) {
        out[r + dr] ??= [];
        taken[r + dr] ??= [];
        for (let dc = 0; dc < cols; dc++) {
          out[r + dr]![c + dc] = dr === 0 && dc === 0 ? text : "";
          taken[r + dr]![c + dc] = true;
        }
      }
      c += cols;
    }
  });
  const width = Math.max(0, ...out.map((r) => r.length));
  return out.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
}
