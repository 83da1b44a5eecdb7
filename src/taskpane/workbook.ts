/**
 * The workbook interface the task pane writes through. Two adapters implement it: Excel (Office.js) and
 * the playground (HyperFormula). The guided simulator (issue: simulator) defines its full shape.
 */
export interface WorkbookAdapter {
  /** Names of the sheets that exist now. */
  sheetNames(): Promise<string[]>;
}
