import type { HyperFormula } from "hyperformula";
import type { SheetMeta, WorkbookMeta } from "./sheet";

/**
 * What the playground page offers the code that writes into its workbook (the task pane's playground
 * adapter): the HyperFormula instance that holds the workbook, and the page's view of it.
 */
export interface PlaygroundHost {
  readonly hf: HyperFormula;
  /** Redraws the grid and sheet tabs after the workbook changed. */
  refresh(): void;
  /** Shows the named sheet. */
  activateSheet(name: string): void;
  /** Selects a range, e.g. "A1:G20", on the named sheet. */
  select(sheet: string, range: string): void;
  /** What the workbook's sheets hold beside their cells (formats, styles, widths, tables, charts). */
  readonly workbookMeta?: WorkbookMeta;
  /**
   * Sets what a sheet holds beside its cells; shown at the next refresh. `batches` is how many HyperFormula
   * batches the write that goes with it took (one step of the page's undo history undoes them all).
   */
  setSheetMeta?(sheet: string, meta: SheetMeta, batches?: number): void;
  /** False when the workbook is read-only here (open in another tab). */
  readonly writable?: boolean;
}
