import { DetailedCellError } from "hyperformula";
import {
  freeSheetName,
  MAX_READ_CELLS,
  parseCell,
  parseRange,
  rangeCells,
  structuredAsRanges,
  WorkbookError,
  type CellValue,
  type RangeValues,
  type WorkbookAdapter,
  type WritePlan,
  type WriteResult,
} from "../taskpane/workbook";
import type { PlaygroundHost } from "./host";
import { freeTableName, metaFromPlan } from "./sheet";

/**
 * The task pane's workbook interface over the playground's HyperFormula workbook. A plan's cells and
 * names are written in one batch (HyperFormula recalculates once); the sheet-scoped names become
 * HyperFormula named expressions scoped to the new sheet. Number formats, styles, column widths, the
 * table, conditional colours and the chart, which HyperFormula does not hold, go to the page's sheet
 * meta: the grid shows them, the chart is drawn, and Save .xlsx keeps them.
 */

/** A sheet name as a formula refers to it: quoted, with quotes doubled. */
function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** `B4` → `$B$4`. */
function absolute(cell: string): string {
  const m = /^([A-Z]+)(\d+)$/i.exec(cell);
  return m ? `$${m[1]!.toUpperCase()}$${m[2]}` : cell;
}

export function createPlaygroundAdapter(host: PlaygroundHost): WorkbookAdapter {
  return {
    sheetNames: async () => host.hf.getSheetNames(),

    async readRange(sheet: string, range: string): Promise<RangeValues> {
      const hf = host.hf;
      // HyperFormula compares sheet names ignoring case, as Excel does; answer with the sheet's own name.
      const name = hf.getSheetNames().find((n) => n.toLowerCase() === sheet.toLowerCase());
      if (name === undefined) throw new WorkbookError(`There is no sheet named "${sheet}" in this workbook.`);
      let cells: number;
      try {
        cells = rangeCells(range);
      } catch {
        throw new WorkbookError(`"${range}" is not a range address such as A1:D10.`);
      }
      if (cells > MAX_READ_CELLS) {
        throw new WorkbookError(`${sheet}!${range} has ${cells.toLocaleString("en-US")} cells; a tier table is far smaller (at most ${MAX_READ_CELLS.toLocaleString("en-US")} cells are read).`);
      }
      const r = parseRange(range);
      const id = hf.getSheetId(name)!;
      const values = hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } });
      // An error cell reads as its code ("#VALUE!"), as Excel's Range.values gives it.
      const out: CellValue[][] = values.map((row) => row.map((v) => (v instanceof DetailedCellError ? v.value : (v as CellValue))));
      return { sheet: name, range, values: out };
    },

    async write(given: WritePlan): Promise<WriteResult> {
      if (host.writable === false) {
        throw new WorkbookError("This workbook is open in another tab, so this tab is read-only: nothing was written. Close the other tab, then choose Edit here.");
      }
      const hf = host.hf;
      // HyperFormula has no tables: a structured reference becomes its column's range, which grows with the table (see growTableAt).
      const plan = structuredAsRanges(given, 0);
      const name = freeSheetName(plan.baseName, hf.getSheetNames());
      let sheetId: number | undefined;
      try {
        hf.batch(() => {
          hf.addSheet(name);
          sheetId = hf.getSheetId(name)!;
          for (const n of plan.names) {
            hf.addNamedExpression(n.name, `=${quoted(name)}!${absolute(n.cell)}`, sheetId);
          }
          for (const block of plan.blocks) {
            const { row, col } = parseCell(block.at);
            hf.setCellContents({ sheet: sheetId, row, col }, block.rows);
          }
        });
      } catch (e) {
        if (sheetId !== undefined && hf.doesSheetExist(name)) {
          try {
            hf.removeSheet(sheetId);
          } catch {
            // nothing more can be undone
          }
        }
        const detail = e instanceof Error ? e.message : String(e);
        throw new WorkbookError(`The playground could not write the sheet (${detail}). Nothing else was changed.`, detail);
      }
      host.setSheetMeta?.(name, metaFromPlan(plan, freeTableName(plan.baseName.replace(/[^A-Za-z0-9_]/g, ""), host.workbookMeta ?? {})));
      host.refresh();
      host.activateSheet(name);
      host.select(name, plan.select);
      return { sheet: name };
    },
  };
}
