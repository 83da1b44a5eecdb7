import { freeSheetName, parseCell, WorkbookError, type WorkbookAdapter, type WritePlan, type WriteResult } from "../taskpane/workbook";
import type { PlaygroundHost } from "./host";

/**
 * The task pane's workbook interface over the playground's HyperFormula workbook. A plan's cells and
 * names are written in one batch (HyperFormula recalculates once); the sheet-scoped names become
 * HyperFormula named expressions scoped to the new sheet. Number formats, the table style, conditional
 * colours and the chart have no counterpart in HyperFormula and are left to Excel.
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

    async write(plan: WritePlan): Promise<WriteResult> {
      const hf = host.hf;
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
      host.refresh();
      host.activateSheet(name);
      host.select(name, plan.select);
      return { sheet: name };
    },
  };
}
