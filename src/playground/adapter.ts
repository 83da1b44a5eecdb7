import type { WorkbookAdapter } from "../shared/workbook";
import type { PlaygroundHost } from "./host";
import { readRange, readTableRows, tables } from "./adapter-read";
import { appendToSheet } from "./adapter-append";
import { writeSheet } from "./adapter-write";

/**
 * The task pane's workbook interface over the playground's HyperFormula workbook. A plan's cells and
 * names are written in one batch (HyperFormula recalculates once); the sheet-scoped names become
 * HyperFormula named expressions scoped to the new sheet. Number formats, styles, column widths, the
 * table, conditional colours and the chart, which HyperFormula does not hold, go to the page's sheet
 * meta: the grid shows them, the chart is drawn, and Save .xlsx keeps them.
 */

export { CHUNK_CELLS } from "./adapter-write";

export function createPlaygroundAdapter(host: PlaygroundHost): WorkbookAdapter {
  return {
    sheetNames: async () => host.hf.getSheetNames(),
    readRange: async (sheet, range, options = {}) => readRange(host, sheet, range, options),
    tables: async () => tables(host),
    readTableRows: async (table) => readTableRows(host, table),
    append: (plan, options = {}) => appendToSheet(host, plan, options),
    write: (plan, options = {}) => writeSheet(host, plan, options),
  };
}
