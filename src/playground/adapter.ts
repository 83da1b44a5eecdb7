import { DetailedCellError } from "hyperformula";
import { freeSheetName, checkReadRange, structuredAsRanges, WorkbookError, type CellValue, type RangeValues, type WorkbookAdapter, type WriteOptions, type WritePlan, type WriteResult, hasFormula, planCells } from "../shared/workbook";
import { parseCell, parseRange } from "../shared/a1";
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

/**
 * A plan of more cells than this is written in parts, one HyperFormula batch each with the page free in
 * between (a journal of 100,000 fills is 700,000 cells: one batch would hold the page for seconds), values
 * first and formulas last, so that nothing is recalculated until every value is in.
 */
export const CHUNK_CELLS = 5_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createPlaygroundAdapter(host: PlaygroundHost): WorkbookAdapter {
  return {
    sheetNames: async () => host.hf.getSheetNames(),

    async readRange(sheet: string, range: string, what?: string): Promise<RangeValues> {
      const hf = host.hf;
      // HyperFormula compares sheet names ignoring case, as Excel does; answer with the sheet's own name.
      const name = hf.getSheetNames().find((n) => n.toLowerCase() === sheet.toLowerCase());
      if (name === undefined) throw new WorkbookError(`There is no sheet named "${sheet}" in this workbook.`);
      checkReadRange(sheet, range, what);
      const r = parseRange(range);
      const id = hf.getSheetId(name)!;
      const values = hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } });
      // An error cell reads as its code ("#VALUE!"), as Excel's Range.values gives it.
      const out: CellValue[][] = values.map((row) => row.map((v) => (v instanceof DetailedCellError ? v.value : (v as CellValue))));
      return { sheet: name, range, values: out };
    },

    async write(given: WritePlan, options: WriteOptions = {}): Promise<WriteResult> {
      if (host.writable === false) {
        throw new WorkbookError("This workbook is open in another tab, so this tab is read-only: nothing was written. Close the other tab, then choose Edit here.");
      }
      const hf = host.hf;
      // HyperFormula has no tables: a structured reference becomes its column's range, which grows with the table (see growTableAt).
      const plan = structuredAsRanges(given, 0);
      const name = freeSheetName(plan.baseName, hf.getSheetNames());
      const total = planCells(plan);
      let sheetId: number | undefined;
      try {
        if (total <= CHUNK_CELLS) {
          hf.batch(() => {
            hf.addSheet(name);
            sheetId = hf.getSheetId(name)!;
            for (const n of plan.names) hf.addNamedExpression(n.name, `=${quoted(name)}!${absolute(n.cell)}`, sheetId);
            for (const block of plan.blocks) {
              const { row, col } = parseCell(block.at);
              hf.setCellContents({ sheet: sheetId, row, col }, block.rows);
            }
          });
        } else {
          hf.batch(() => {
            hf.addSheet(name);
            sheetId = hf.getSheetId(name)!;
            for (const n of plan.names) hf.addNamedExpression(n.name, `=${quoted(name)}!${absolute(n.cell)}`, sheetId);
          });
          let done = 0;
          const values = plan.blocks.filter((b) => !hasFormula(b.rows));
          const formulas = plan.blocks.filter((b) => hasFormula(b.rows));
          for (const block of values) {
            const { row, col } = parseCell(block.at);
            const width = block.rows[0]?.length ?? 1;
            // parts of about CHUNK_CELLS cells, halved when one takes the page more than 50 ms (a slow or busy machine)
            let step = Math.max(1, Math.floor(CHUNK_CELLS / width));
            for (let i = 0; i < block.rows.length; ) {
              const part = block.rows.slice(i, i + step);
              const t0 = Date.now();
              hf.batch(() => hf.setCellContents({ sheet: sheetId!, row: row + i, col }, part));
              const took = Date.now() - t0;
              if (took > 50) step = Math.max(50, Math.floor(step / 2));
              else if (took < 15) step = Math.min(step * 2, Math.floor(CHUNK_CELLS / width));
              i += part.length;
              done += part.length * width;
              options.onProgress?.(done, total);
              await nextTask();
            }
          }
          // The formulas last, each in a task of its own and in the plan's order (the trades before the statistics
          // that read them, so that each spill is sized over computed values and nothing is computed twice).
          globalThis.performance?.mark?.("lev-recalculation-start");
          for (const block of formulas) {
            const { row, col } = parseCell(block.at);
            hf.batch(() => hf.setCellContents({ sheet: sheetId!, row, col }, block.rows));
            await nextTask();
          }
          globalThis.performance?.mark?.("lev-recalculation-end");
          options.onProgress?.(total, total);
          await nextTask(); // the page draws the sheet in a task of its own
        }
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
      const mark = (m: string) => globalThis.performance?.mark?.(m);
      mark("lev-meta-start");
      host.setSheetMeta?.(name, metaFromPlan(plan, freeTableName(plan.baseName.replace(/[^A-Za-z0-9_]/g, ""), host.workbookMeta ?? {})));
      mark("lev-meta-end");
      if (total > CHUNK_CELLS) await nextTask();
      mark("lev-refresh-start");
      host.refresh();
      mark("lev-refresh-end");
      if (total > CHUNK_CELLS) await nextTask();
      mark("lev-activate-start");
      host.activateSheet(name);
      host.select(name, plan.select);
      mark("lev-activate-end");
      return { sheet: name };
    },
  };
}
