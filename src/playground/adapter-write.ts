import type { HyperFormula } from "hyperformula";
import { freeSheetName, hasFormula, planCells, structuredAsRanges, WorkbookError, type Block, type WriteOptions, type WritePlan, type WriteResult } from "../shared/workbook";
import { parseCell } from "../shared/a1";
import type { PlaygroundHost } from "./host";
import { emptyMeta, freeTableName, metaFromPlan, type SheetMeta } from "./sheet";

/** Writing a plan as a new sheet of the playground's workbook (adapter.ts), at once or in parts. */

/**
 * A plan of more cells than this is written in parts, one HyperFormula batch each with the page free in
 * between (a journal of 100,000 fills is 700,000 cells: one batch would hold the page for seconds), values
 * first and formulas last, so that nothing is recalculated until every value is in.
 */
export const CHUNK_CELLS = 5_000;

export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Refuses any write while the workbook is open in another tab (this tab is then read-only). */
export function assertWritable(host: PlaygroundHost): void {
  if (host.writable === false) {
    throw new WorkbookError("This workbook is open in another tab, so this tab is read-only: nothing was written. Close the other tab, then choose Edit here.");
  }
}

/** A sheet name as a formula refers to it: quoted, with quotes doubled. */
function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** `B4` → `$B$4`. */
function absolute(cell: string): string {
  const m = /^([A-Z]+)(\d+)$/i.exec(cell);
  return m ? `$${m[1]!.toUpperCase()}$${m[2]}` : cell;
}

type AsRanges = ReturnType<typeof structuredAsRanges>;

/** The new sheet once added, and how many HyperFormula batches the write took so far (one undo step for the page). */
interface Written {
  sheetId?: number;
  batches: number;
}

export async function writeSheet(host: PlaygroundHost, plan: WritePlan, options: WriteOptions): Promise<WriteResult> {
  assertWritable(host);
  const hf = host.hf;
  // HyperFormula has no tables: a structured reference becomes its column's range, which grows with the table (see growTableAt).
  const asRanges = structuredAsRanges(plan, 0);
  const name = freeSheetName(plan.baseName, hf.getSheetNames());
  const total = planCells(plan);
  const written: Written = { batches: 1 };
  try {
    if (total <= CHUNK_CELLS) writeAtOnce(hf, name, plan, asRanges, written);
    else await writeInParts(hf, name, plan, asRanges, written, { total, options });
  } catch (e) {
    if (written.sheetId !== undefined && hf.doesSheetExist(name)) {
      try {
        hf.removeSheet(written.sheetId);
      } catch {
        // nothing more can be undone
      }
    }
    const detail = e instanceof Error ? e.message : String(e);
    throw new WorkbookError(`The playground could not write the sheet (${detail}). Nothing else was changed.`, detail);
  }
  await showWritten(host, name, plan, written.batches, total > CHUNK_CELLS);
  return { sheet: name };
}

/** Adds the sheet (kept in `written` at once, for a failure after it to remove it) and the plan's names, scoped to it. */
function addSheetAndNames(hf: HyperFormula, name: string, plan: WritePlan, written: Written): number {
  hf.addSheet(name);
  const sheetId = (written.sheetId = hf.getSheetId(name)!);
  for (const n of plan.names) hf.addNamedExpression(n.name, `=${quoted(name)}!${absolute(n.cell)}`, sheetId);
  return sheetId;
}

/** A small plan: the sheet, its names and its cells in one batch (HyperFormula recalculates once). */
function writeAtOnce(hf: HyperFormula, name: string, plan: WritePlan, asRanges: AsRanges, written: Written): void {
  hf.batch(() => {
    const sheetId = addSheetAndNames(hf, name, plan, written);
    for (const block of plan.blocks) {
      const { row, col } = parseCell(block.at);
      hf.setCellContents({ sheet: sheetId, row, col }, asRanges(block.rows));
    }
  });
}

/** A large plan: the sheet and its names, then the values in parts, then the formulas, with the page free in between. */
async function writeInParts(hf: HyperFormula, name: string, plan: WritePlan, asRanges: AsRanges, written: Written, progress: { total: number; options: WriteOptions }): Promise<void> {
  let sheetId = 0;
  hf.batch(() => {
    sheetId = addSheetAndNames(hf, name, plan, written);
  });
  const values = plan.blocks.filter((b) => !hasFormula(b.rows));
  const formulas = plan.blocks.filter((b) => hasFormula(b.rows));
  let done = 0;
  const report = (cells: number) => {
    done += cells;
    progress.options.onProgress?.(done, progress.total);
  };
  for (const block of values) await writeValuesInParts(hf, sheetId, block, written, report);
  // The formulas last, each in a task of its own and in the plan's order (the trades before the statistics
  // that read them, so that each spill is sized over computed values and nothing is computed twice).
  mark("lev-recalculation-start");
  for (const block of formulas) {
    const { row, col } = parseCell(block.at);
    const rows = asRanges(block.rows);
    hf.batch(() => hf.setCellContents({ sheet: sheetId, row, col }, rows));
    written.batches++;
    await nextTask();
  }
  mark("lev-recalculation-end");
  progress.options.onProgress?.(progress.total, progress.total);
  await nextTask(); // the page draws the sheet in a task of its own
}

/** A block of values in parts of about CHUNK_CELLS cells, halved when one takes the page more than 50 ms (a slow or busy machine). */
async function writeValuesInParts(hf: HyperFormula, sheetId: number, block: Block, written: Written, report: (cells: number) => void): Promise<void> {
  const { row, col } = parseCell(block.at);
  const width = block.rows[0]?.length ?? 1;
  let step = Math.max(1, Math.floor(CHUNK_CELLS / width));
  for (let i = 0; i < block.rows.length; ) {
    const part = block.rows.slice(i, i + step);
    const t0 = Date.now();
    hf.batch(() => hf.setCellContents({ sheet: sheetId, row: row + i, col }, part));
    written.batches++;
    const took = Date.now() - t0;
    if (took > 50) step = Math.max(50, Math.floor(step / 2));
    else if (took < 15) step = Math.min(step * 2, Math.floor(CHUNK_CELLS / width));
    i += part.length;
    report(part.length * width);
    await nextTask();
  }
}

/** A mark on the page's performance timeline (the browser tests and the bench read them). */
const mark = (m: string) => globalThis.performance?.mark?.(m);

/** The new sheet's meta is set, then the sheet drawn, shown and selected: after a large write, each in a task of its own. */
async function showWritten(host: PlaygroundHost, name: string, plan: WritePlan, batches: number, large: boolean): Promise<void> {
  mark("lev-meta-start");
  host.setSheetMeta?.(name, writtenMeta(host, name, plan), batches);
  mark("lev-meta-end");
  if (large) await nextTask();
  mark("lev-refresh-start");
  host.refresh();
  mark("lev-refresh-end");
  if (large) await nextTask();
  mark("lev-activate-start");
  host.activateSheet(name);
  host.select(name, plan.select);
  mark("lev-activate-end");
}

/** The new sheet's meta, its tables named free in the workbook and among the sheet's own tables. */
function writtenMeta(host: PlaygroundHost, name: string, plan: WritePlan): SheetMeta {
  const workbookMeta = host.workbookMeta ?? {};
  const extraNames: string[] = [];
  for (const t of plan.extraTables ?? []) {
    const taken = { ...workbookMeta, [name]: { ...emptyMeta(), tables: extraNames.map((n) => ({ name: n, range: "A1:A1", style: "" })) } };
    extraNames.push(freeTableName((t.name ?? "Table").replace(/[^A-Za-z0-9_]/g, ""), taken));
  }
  return metaFromPlan(plan, freeTableName(plan.baseName.replace(/[^A-Za-z0-9_]/g, ""), workbookMeta), extraNames);
}
