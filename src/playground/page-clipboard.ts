import { type RawCellContent } from "hyperformula";
import { fromHtml, fromTsv, toHtml, toTsv } from "./clipboard";
import type { Answers, DateOrder, ReadCells } from "./csv-open";
import { ask } from "./dialog";
import { type Rect, type Selection } from "./grid";
import { rangeName } from "../shared/a1";
import { emptyMeta, formatAt, writeBlock } from "./sheet";
import type { PlaygroundPage } from "./page";
import { READ_ONLY, Copied, plainValue, isGeneral } from "./page-common";
import { setFormat } from "./page-cells";
import { address, shownText } from "./page-view";

/**
 * Copy, cut and paste: the system clipboard as text and HTML, formulas moved as HyperFormula moves them, and
 * pasted text read as Excel reads it (asking when a date could be read two ways). Functions of the
 * PlaygroundPage (page.ts), which keeps the state they share.
 */

export function installClipboard(page: PlaygroundPage): void {
  const mine = () => document.activeElement === page.grid.body;
  document.addEventListener("copy", (e) => {
    if (!mine() || !e.clipboardData) return;
    e.preventDefault();
    page.copyRange(false, e.clipboardData);
  });
  document.addEventListener("cut", (e) => {
    if (!mine() || !e.clipboardData) return;
    e.preventDefault();
    page.copyRange(true, e.clipboardData);
  });
  document.addEventListener("paste", (e) => {
    if (!mine() || !e.clipboardData) return;
    e.preventDefault();
    const values = page.valuesOnly;
    page.valuesOnly = false;
    void page.paste(e.clipboardData.getData("text/plain"), e.clipboardData.getData("text/html"), values);
  });
}

/** Ctrl+C / Ctrl+X: the selection as tab-separated text and an HTML table, as Excel puts it on the clipboard. */
export function copyRange(page: PlaygroundPage, cut: boolean, data?: DataTransfer): void {
  if (cut && page.readOnly) return page.setStatus(READ_ONLY);
  const r = page.grid.selection.range;
  const used = page.hf.getSheetDimensions(page.sheet);
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
      const text = shownText(page, row, col);
      line.push(text);
      html.push({ text, number: typeof page.hf.getCellValue(address(page, row, col)) === "number" });
      fmts.push(formatAt(page.sheetMeta, row, col));
    }
    texts.push(line);
    cells.push(html);
    formats.push(fmts);
  }
  const text = toTsv(texts);
  const html = toHtml(cells);
  const source = { start: address(page, range.top, range.left), end: address(page, range.bottom, range.right) };
  page.copied = { sheet: page.sheet, range, text, cut, values: page.hf.getRangeValues(source).map((l) => l.map(plainValue)), formats };
  page.grid.mark(range);
  if (data) {
    data.setData("text/plain", text);
    data.setData("text/html", html);
  } else {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  }
  const n = (range.bottom - range.top + 1) * (range.right - range.left + 1);
  page.setStatus(`${cut ? "Cut" : "Copied"} ${rangeName(range)} (${n.toLocaleString("en-US")} cell${n === 1 ? "" : "s"}): paste with Ctrl+V`);
}

export async function pasteFromMenu(page: PlaygroundPage, values: boolean): Promise<void> {
  try {
    const text = await navigator.clipboard.readText();
    await page.paste(text, "", values);
  } catch {
    page.setStatus(`The browser did not let the menu read the clipboard: press ${values ? "Ctrl+Shift+V" : "Ctrl+V"} to paste.`);
  }
}

/**
 * Pastes at the selection: what Ctrl+C took in this this with its formulas moved as HyperFormula moves them
 * (Ctrl+X's cells moved), or text from another program (tab-separated, or an HTML table), read by evidence as
 * a CSV is. `values` pastes values only.
 */
export async function paste(page: PlaygroundPage, text: string, html: string, values = false): Promise<void> {
  if (page.readOnly) return page.setStatus(READ_ONLY);
  const started = performance.now();
  const sel = page.grid.selection;
  const copied = page.copied;
  const same = (a: string, b: string) => a.replace(/\r\n/g, "\n").replace(/\n$/, "") === b.replace(/\r\n/g, "\n").replace(/\n$/, "");
  if (copied && same(text, copied.text) && page.hf.getSheetName(copied.sheet) !== undefined) {
    pasteCopied(page, copied, sel, values);
  } else {
    const rows = text !== "" ? fromTsv(text) : (html && fromHtml(html)) || [[""]];
    if (rows.length === 1 && rows[0]!.length === 1) {
      // one cell's text is read as typing it is
      if (values && rows[0]![0]!.startsWith("=")) page.commit(sel.row, sel.col, `'${rows[0]![0]!}`);
      else page.commit(sel.row, sel.col, rows[0]![0]!);
    } else {
      const read = await readPasted(page, rows);
      if (!read) return;
      if (values) read.rows = read.rows.map((r) => r.map((c) => (typeof c === "string" && c.startsWith("=") ? `'${c}` : c)));
      writeRead(page, read, sel.row, sel.col, "paste");
    }
  }
  const r = page.grid.selection.range;
  page.setStatus(`Pasted ${rangeName(r)} in ${Math.round(performance.now() - started)} ms`);
  document.documentElement.dataset.pasted = String(Number(document.documentElement.dataset.pasted ?? 0) + 1);
}

/** Text from another program, read as a CSV is (asking when its numbers or a column's dates can be read two ways). */
export async function readPasted(page: PlaygroundPage, rows: string[][]): Promise<ReadCells | undefined> {
  const { readCells } = await import(/* webpackChunkName: "csv" */ "./csv-open");
  return answerQuestions(page, (answers) => readCells(rows, answers));
}

/**
 * Reads cells, and asks the trader what the text does not tell: the decimal mark of numbers such as 1,250, or the
 * order of a column's dates such as 04/03/2024; undefined when cancelled.
 */
export async function answerQuestions(page: PlaygroundPage, read: (answers: Answers) => ReadCells): Promise<ReadCells | undefined> {
  const answers: Answers & { orders: Record<number, DateOrder> } = { orders: {} };
  for (;;) {
    const result = read(answers);
    const q = result.question;
    if (!q) {
      const notes: string[] = [];
      if (result.mixed.length) notes.push(`Dates in column ${result.mixed.map((c) => c + 1).join(", ")} are written both day-first and month-first: they are kept as text.`);
      if (result.markConflict) notes.push(`Numbers are written with both decimal marks (${result.markConflict.point} and ${result.markConflict.comma}): those with a separator are kept as text.`);
      if (notes.length) page.setStatus(notes.join(" "));
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
      page.setStatus("Nothing was pasted or opened.");
      return undefined;
    }
  }
}

/** Writes cells read from text at (row, col) of the active sheet, with their formats; selects them. */
export function writeRead(page: PlaygroundPage, read: ReadCells, row: number, col: number, label: string): boolean {
  const height = read.rows.length;
  const width = Math.max(1, ...read.rows.map((r) => r.length));
  const sheet = page.sheet;
  const ok = page.act(() => {
    writeBlock(page.hf, page.sheetMeta, sheet, row, col, read.rows as RawCellContent[][]);
    for (const [c, format] of Object.entries(read.formats)) {
      const column = Number(c);
      if (isGeneral(formatAt(page.sheetMeta, row, col + column))) {
        const sample = read.rows.find((r) => typeof r[column] === "number")?.[column];
        setFormat(page, { top: row, left: col + column, bottom: row + height - 1, right: col + column }, format, typeof sample === "number" ? sample : undefined);
      }
    }
  }, label);
  if (ok) page.grid.select(row, col, { top: row, left: col, bottom: row + height - 1, right: col + width - 1 });
  return ok;
}

export function pasteCopied(page: PlaygroundPage, copied: Copied, sel: Selection, values: boolean): void {
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
    const moved = page.act(() => {
      page.hf.moveCells({ start: { sheet: copied.sheet, row: src.top, col: src.left }, end: { sheet: copied.sheet, row: src.bottom, col: src.right } }, address(page, target.top, target.left));
      copyFormats(page, copied, { ...target, bottom: target.top + h - 1, right: target.left + w - 1 });
    }, "move the cells");
    page.copied = undefined;
    page.grid.mark(undefined);
    if (moved) page.grid.select(target.top, target.left, { ...target, bottom: target.top + h - 1, right: target.left + w - 1 });
    return;
  }
  const source = { start: { sheet: copied.sheet, row: src.top, col: src.left }, end: { sheet: copied.sheet, row: src.bottom, col: src.right } };
  let rows: RawCellContent[][];
  if (values) {
    rows = Array.from({ length: target.bottom - target.top + 1 }, (_, r) => Array.from({ length: target.right - target.left + 1 }, (_, c) => copied.values[r % h]![c % w]!));
  } else {
    const end = { sheet: page.sheet, row: target.bottom, col: target.right };
    rows = page.hf.getFillRangeData(source, { start: address(page, target.top, target.left), end }, true);
  }
  const sheet = page.sheet;
  const keep = page.copied;
  const ok = page.act(() => {
    writeBlock(page.hf, page.sheetMeta, sheet, target.top, target.left, rows);
    copyFormats(page, copied, target);
  }, "paste");
  page.copied = keep; // a copy can be pasted again, as in Excel
  page.grid.mark(keep?.range && keep.sheet === page.sheet ? keep.range : undefined);
  if (ok) page.grid.select(target.top, target.left, target);
}

/** The number formats of what was copied, over the block pasted (tiled). */
export function copyFormats(page: PlaygroundPage, copied: Copied, target: Rect): void {
  const h = copied.formats.length;
  const w = copied.formats[0]?.length ?? 1;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const format = copied.formats[r]![c];
      if (!format) continue;
      for (let top = target.top + r; top <= target.bottom; top += h) {
        for (let left = target.left + c; left <= target.right; left += w) {
          page.meta[page.sheetName] ??= emptyMeta();
          page.meta[page.sheetName]!.formats.push({ rect: { top, left, bottom: top, right: left }, format });
        }
      }
    }
  }
}
