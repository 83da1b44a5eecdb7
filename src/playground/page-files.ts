import { type RawCellContent } from "hyperformula";
import { ask } from "./dialog";
import { el, textWidth } from "./grid";
import { addinIdentity } from "./addin";
import { emptyMeta } from "./sheet";
import type { PlaygroundPage } from "./page";
import { DEFAULT_WIDTH, READ_ONLY, CELL_INSET, plainError } from "./page-common";
import { answerQuestions } from "./page-clipboard";
import { shownText } from "./page-view";

/**
 * Opening an .xlsx or CSV file, starting from the sample, and saving the workbook as .xlsx. Functions of the
 * PlaygroundPage (page.ts), which keeps the state they share.
 */

/** Asks before unsaved changes are replaced; true when the trader goes on. */
export async function mayReplace(page: PlaygroundPage, what: string): Promise<boolean> {
  if (!page.dirty) return true;
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
    await page.saveFile();
    return true;
  }
  return answer === "replace";
}

/** Opens a file: an .xlsx replaces the workbook (after asking, when there are unsaved changes); a CSV becomes a new sheet. */
export async function openFile(page: PlaygroundPage, file: Blob & { name?: string }): Promise<void> {
  const name = file.name ?? "the file";
  if (page.readOnly) return page.setStatus(READ_ONLY);
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const zip = head[0] === 0x50 && head[1] === 0x4b; // "PK": an .xlsx is a zip
  if (!zip && /\.(csv|tsv|txt)$/i.test(name)) return openCsv(page, file, name);
  if (!zip) {
    page.setStatus(`Could not open ${name}: it is neither an .xlsx workbook nor a CSV file. Choose an .xlsx file saved by Excel, LibreOffice or this playground, or a .csv file.`);
    return;
  }
  if (!(await mayReplace(page, name))) {
    page.setStatus(`Kept the workbook: ${name} was not opened.`);
    return;
  }
  page.setStatus(`Opening ${name}…`);
  try {
    const { readXlsx } = await import("./xlsx-read");
    const data = await readXlsx(await file.arrayBuffer());
    page.load(data.sheets, data.meta, data.names);
    page.dirty = false;
    page.options.changed?.(page);
    page.setStatus(`Opened ${name}: ${Object.keys(data.sheets).join(", ")}`);
  } catch (e) {
    // the reader's own words (a zip library's) mean nothing to a trader
    console.warn(e);
    page.setStatus(`Could not open ${name}: it is not an .xlsx workbook the playground can read. The file may be damaged, or be another kind of file named .xlsx: open it in Excel or LibreOffice and save it as .xlsx again. Nothing was changed.`);
  }
}

/** A CSV (or tab-separated) file becomes a new sheet named after it, its numbers and dates read by evidence. */
export async function openCsv(page: PlaygroundPage, file: Blob, name: string): Promise<void> {
  try {
    const { readCells, sheetNameOf, splitCsv } = await import(/* webpackChunkName: "csv" */ "./csv-open");
    const { cells } = splitCsv(await file.text(), name);
    const read = await answerQuestions(page, (answers) => readCells(cells, answers));
    if (!read) return;
    let sheetName = sheetNameOf(name);
    for (let n = 2; page.hf.doesSheetExist(sheetName); n++) sheetName = `${sheetNameOf(name).slice(0, 27)} (${n})`;
    const widths: Record<number, number> = {};
    const ok = page.act(() => {
      page.hf.batch(() => {
        page.hf.addSheet(sheetName);
        page.hf.setCellContents({ sheet: page.hf.getSheetId(sheetName)!, row: 0, col: 0 }, read.rows as RawCellContent[][]);
      });
      const meta = emptyMeta();
      for (const [c, format] of Object.entries(read.formats)) meta.formats.push({ rect: { top: 0, left: Number(c), bottom: 1_048_575, right: Number(c) }, format });
      page.meta[sheetName] = meta;
    }, `open ${name}`);
    if (!ok) return;
    page.activateSheet(sheetName);
    // columns as wide as their contents, as Excel opens a CSV
    const width = Math.max(0, ...read.rows.map((r) => r.length));
    for (let c = 0; c < width; c++) {
      let widest = 0;
      for (let r = 0; r < Math.min(read.rows.length, 2000); r++) widest = Math.max(widest, textWidth(shownText(page, r, c)));
      if (widest + CELL_INSET > DEFAULT_WIDTH) widths[c] = Math.min(400, widest + CELL_INSET);
    }
    Object.assign(page.meta[sheetName]!.widths, widths);
    page.grid.reset();
    page.setStatus(`Opened ${name} as the sheet ${sheetName}: ${read.rows.length.toLocaleString("en-US")} rows`);
  } catch (e) {
    page.setStatus(`Could not open ${name}: ${plainError(e)}`);
  }
}

/** Start from the sample: the sample workbook in place of this one, after asking. */
export async function startFromSample(page: PlaygroundPage): Promise<void> {
  const sample = page.options.sample;
  if (!sample || page.readOnly) return page.setStatus(page.readOnly ? READ_ONLY : "There is no sample to start from.");
  const answer = await ask(
    "Start again from the sample workbook?",
    [page.dirty ? "The workbook has changes you have not saved as a file: they will be replaced, and Ctrl+Z cannot bring them back." : "The workbook is replaced by the sample.", "Save .xlsx first to keep this workbook."],
    [
      { value: "sample", label: "Start from the sample" },
      { value: "cancel", label: "Cancel", primary: true },
    ],
    "cancel",
  );
  if (answer !== "sample") return;
  const s = sample();
  page.load(s.sheets, s.meta, []);
  page.dirty = false;
  page.options.changed?.(page);
  page.setStatus("Started again from the sample workbook");
}

/** Saves the workbook, or with `values` a copy with every formula replaced by its last value. */
export async function saveFile(page: PlaygroundPage, values = false): Promise<void> {
  const name = values ? "lev-playground-values.xlsx" : "lev-playground.xlsx";
  let buffer: ArrayBuffer;
  try {
    const { writeXlsx } = await import("./xlsx");
    const valueFormat = (sheet: number, row: number, col: number) => page.bridge.valueFormat(page.hf, { sheet, row, col });
    buffer = await writeXlsx(page.hf, page.meta, { values, addin: addinIdentity(page.functionIds), valueFormat });
  } catch (e) {
    page.setStatus(`Could not save the file: ${(e as Error).message}`);
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
    page.setStatus(`Saved ${name}: every formula replaced by its last value`);
    return;
  }
  page.dirty = false;
  page.options.changed?.(page);
  page.setStatus(`Saved ${name}`);
}
