import { DetailedCellError, type HyperFormula } from "hyperformula";
import { checkReadRange, WorkbookError, type CellValue, type RangeValues, type TableInfo } from "../shared/workbook";
import { parseRange } from "../shared/a1";
import type { PlaygroundHost } from "./host";
import { rect } from "./sheet";

/** Reading the playground's workbook through the task pane's workbook interface (adapter.ts): ranges and tables. */

/** A cell's value as Excel's Range.values gives it: an error as its code. */
export function plain(v: unknown): CellValue {
  return v instanceof DetailedCellError ? v.value : (v as CellValue);
}

/** The sheet's own name, found ignoring case (HyperFormula compares sheet names so, as Excel does), or undefined. */
export function sheetNamed(hf: HyperFormula, sheet: string): string | undefined {
  return hf.getSheetNames().find((n) => n.toLowerCase() === sheet.toLowerCase());
}

export function readRange(host: PlaygroundHost, sheet: string, range: string, options: { formulas?: boolean; what?: string }): RangeValues {
  const hf = host.hf;
  // answer with the sheet's own name
  const name = sheetNamed(hf, sheet);
  if (name === undefined) throw new WorkbookError(`There is no sheet named "${sheet}" in this workbook.`);
  checkReadRange(sheet, range, options.what);
  const r = parseRange(range);
  const id = hf.getSheetId(name)!;
  const values = hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } });
  // An error cell reads as its code ("#VALUE!"), as Excel's Range.values gives it.
  const out: CellValue[][] = values.map((row, i) =>
    row.map((v, j) => (options.formulas ? (hf.getCellFormula({ sheet: id, row: r.top + i, col: r.left + j }) ?? plain(v)) : plain(v))),
  );
  return { sheet: name, range, values: out };
}

/** Every table of the workbook (the page's sheet meta holds them), with its header row as it reads now. */
export function tables(host: PlaygroundHost): TableInfo[] {
  const hf = host.hf;
  const out: TableInfo[] = [];
  for (const [sheet, meta] of Object.entries(host.workbookMeta ?? {})) {
    const id = hf.getSheetId(sheet);
    if (id === undefined) continue;
    for (const t of meta.tables) {
      const r = rect(t.range);
      const header = hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.top, col: r.right } })[0] ?? [];
      out.push({ sheet, name: t.name, range: t.range, header: header.map((v) => String(plain(v) ?? "")) });
    }
  }
  return out;
}

export function readTableRows(host: PlaygroundHost, table: TableInfo): CellValue[][] {
  const hf = host.hf;
  const id = hf.getSheetId(table.sheet);
  if (id === undefined) throw new WorkbookError(`There is no sheet named "${table.sheet}" in this workbook.`);
  const r = parseRange(table.range);
  if (r.bottom === r.top) return [];
  return hf.getRangeValues({ start: { sheet: id, row: r.top + 1, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } }).map((row) => row.map(plain));
}
