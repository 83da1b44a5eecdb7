import type { WorkbookAdapter } from "../taskpane/workbook";
import type { PlaygroundHost } from "./host";

/** The task pane's workbook interface over the playground's HyperFormula workbook (placeholder). */
export function createPlaygroundAdapter(host: PlaygroundHost): WorkbookAdapter {
  return { sheetNames: async () => host.hf.getSheetNames() };
}
