import type { WorkbookAdapter } from "./workbook";

/** Mounts the task pane into `root`, writing through `workbook`. The simulator replaces this placeholder. */
export function mountPane(root: HTMLElement, workbook: WorkbookAdapter): void {
  void workbook;
  root.textContent = "LEV is ready. The trade simulator will appear here.";
}
