import type { HyperFormula } from "hyperformula";
import { appendCells, blockRange, rangesConverter, WorkbookError, type AppendPlan, type CellValue, type WriteOptions, type WriteResult } from "../shared/workbook";
import { cellName, parseCell, parseRange } from "../shared/a1";
import type { PlaygroundHost } from "./host";
import { emptyMeta, growColumnRefs, rangeName, rect, type SheetMeta } from "./sheet";
import { sheetNamed, tables } from "./adapter-read";
import { assertWritable, CHUNK_CELLS, nextTask } from "./adapter-write";

/**
 * Adding a journal's new rows to the playground's workbook (adapter.ts): each table grows by its rows, the formulas
 * that read the tables follow them, and LEV's cells beside them are written; all of it or nothing.
 */

/** The sheet the rows go to: its name and id, and a copy of its meta to change. */
interface Target {
  hf: HyperFormula;
  name: string;
  id: number;
  meta: SheetMeta;
}

/** A table grown by its rows: where it was, its new bottom row, and where its rows are written. */
interface Grown {
  before: ReturnType<typeof rect>;
  bottom: number;
  start: number;
  left: number;
  rows: CellValue[][];
}

export async function appendToSheet(host: PlaygroundHost, plan: AppendPlan, options: WriteOptions): Promise<WriteResult> {
  assertWritable(host);
  const hf = host.hf;
  const name = sheetNamed(hf, plan.sheet);
  if (name === undefined) throw new WorkbookError(`There is no sheet named "${plan.sheet}" in this workbook: nothing was written.`);
  const target: Target = { hf, name, id: hf.getSheetId(name)!, meta: structuredClone(host.workbookMeta?.[name] ?? emptyMeta()) };
  checkCellsToWrite(target, plan);
  const grown = growTables(target, plan);
  const moves = movedFormulas(target, grown);
  const current = tables(host)
    .filter((t) => t.sheet === name)
    .map((t) => ({ ...t, range: target.meta.tables.find((x) => x.name === t.name)?.range ?? t.range }));
  const convert = rangesConverter(current, 0);
  const asRanges = (c: CellValue): CellValue => (typeof c === "string" && c.startsWith("=") ? convert(c) : c);
  const batches = await writeAppend(target, plan, { grown, moves, asRanges, options });
  addMeta(target.meta, plan);
  host.setSheetMeta?.(name, target.meta, batches);
  host.refresh();
  host.activateSheet(name);
  host.select(name, plan.select);
  return { sheet: name };
}

/** Whether a cell holds nothing: no formula, no value. */
function isEmpty({ hf, id }: Target, row: number, col: number): boolean {
  const v = hf.getCellValue({ sheet: id, row, col });
  return hf.getCellFormula({ sheet: id, row, col }) === undefined && (v === null || v === "");
}

/** What must hold before anything is written: the cells LEV writes into are empty, LEV's formulas are still there. */
function checkCellsToWrite(target: Target, plan: AppendPlan): void {
  const { hf, id, name } = target;
  for (const b of plan.blocks) {
    const r = parseRange(blockRange(b));
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        if (!isEmpty(target, row, col)) {
          throw new WorkbookError(
            `${cellName(row, col)} on "${name}" holds something, and LEV's formulas would have to reach into it to follow the new trades. Move what is there (or import into a new sheet); nothing was written.`,
          );
        }
  }
  for (const c of plan.replace) {
    const { row, col } = parseCell(c.at);
    const now = hf.getCellFormula({ sheet: id, row, col }) ?? "";
    if (!now.toUpperCase().startsWith(c.starts.toUpperCase())) {
      throw new WorkbookError(`${c.at} on "${name}" no longer holds LEV's formula (${c.starts}…): the journal was changed there, so LEV does not write into it. Nothing was written.`);
    }
  }
}

/** Each table grows by its rows (as Excel's table does), into empty cells under it; its formats grow with it. */
function growTables(target: Target, plan: AppendPlan): Grown[] {
  const { meta, name } = target;
  const grown: Grown[] = [];
  for (const t of plan.rows) {
    const table = meta.tables.find((x) => x.name.toLowerCase() === t.table.toLowerCase());
    if (!table) throw new WorkbookError(`"${name}" has no table named ${t.table}: nothing was written.`);
    const before = rect(table.range);
    const start = t.intoBlankRow ? before.bottom : before.bottom + 1;
    const bottom = Math.max(before.bottom, start + t.rows.length - 1);
    for (let row = before.bottom + 1; row <= bottom; row++)
      for (let col = before.left; col <= before.right; col++)
        if (!isEmpty(target, row, col)) {
          throw new WorkbookError(`${cellName(row, col)}, under the table ${t.table} on "${name}", holds something: the table cannot grow over it. Move it; nothing was written.`);
        }
    grown.push({ before, bottom, start, left: before.left, rows: t.rows });
    for (const f of meta.formats) {
      const x = f.rect;
      if (x.bottom === before.bottom && x.top > before.top && x.left <= before.right && x.right >= before.left) f.rect = { ...x, bottom };
    }
    table.range = rangeName({ ...before, bottom });
  }
  return grown;
}

/** The formulas that read the tables' columns, rewritten to read the grown tables, as Excel's structured references do. */
function movedFormulas({ hf, id }: Target, grown: Grown[]): { row: number; col: number; formula: string }[] {
  const moves: { row: number; col: number; formula: string }[] = [];
  hf.getSheetFormulas(id).forEach((line, row) =>
    line.forEach((f, col) => {
      if (!f) return;
      let moved = f;
      for (const g of grown) moved = growColumnRefs(moved, g.before, g.bottom);
      if (moved !== f) moves.push({ row, col, formula: moved });
    }),
  );
  return moves;
}

/**
 * The tables' rows in parts (the page free in between), then in one batch the moved formulas, LEV's new cells and
 * its replaced formulas. On any failure every batch is undone. Returns how many batches it took.
 */
async function writeAppend(
  { hf, id, name }: Target,
  plan: AppendPlan,
  what: { grown: Grown[]; moves: { row: number; col: number; formula: string }[]; asRanges: (c: CellValue) => CellValue; options: WriteOptions },
): Promise<number> {
  const { grown, moves, asRanges, options } = what;
  const total = appendCells(plan);
  let done = 0;
  let batches = 0;
  try {
    for (const g of grown) {
      const width = g.rows[0]?.length ?? 1;
      const step = Math.max(1, Math.floor(CHUNK_CELLS / width));
      for (let i = 0; i < g.rows.length; i += step) {
        const part = g.rows.slice(i, i + step);
        hf.batch(() => hf.setCellContents({ sheet: id, row: g.start + i, col: g.left }, part as never));
        batches++;
        done += part.length * width;
        options.onProgress?.(done, total);
        if (g.rows.length > step) await nextTask();
      }
    }
    hf.batch(() => {
      for (const m of moves) hf.setCellContents({ sheet: id, row: m.row, col: m.col }, [[m.formula]]);
      for (const b of plan.blocks) {
        const { row, col } = parseCell(b.at);
        hf.setCellContents({ sheet: id, row, col }, b.rows.map((r) => r.map(asRanges)) as never);
      }
      for (const c of plan.replace) {
        const { row, col } = parseCell(c.at);
        hf.setCellContents({ sheet: id, row, col }, [[asRanges(c.formula)]] as never);
      }
    });
    batches++;
  } catch (e) {
    for (let i = 0; i < batches; i++) hf.undo();
    const detail = e instanceof Error ? e.message : String(e);
    throw new WorkbookError(`The playground could not add to the sheet "${name}" (${detail}). Nothing was changed.`, detail);
  }
  options.onProgress?.(total, total);
  return batches;
}

/** The plan's formats and conditional formats, and its chart's series (the chart itself is already there). */
function addMeta(meta: SheetMeta, plan: AppendPlan): void {
  for (const f of plan.formats) meta.formats.push({ rect: rect(f.range), format: f.format });
  meta.conditional.push(...plan.conditionalFormats.map((c) => ({ ...c })));
  if (plan.chart) {
    const chart = meta.charts.find((c) => c.title === plan.chart!.title);
    if (chart) chart.series = chart.series.map((s, i) => ({ ...s, ...(plan.chart!.series[i] ? { x: plan.chart!.series[i]!.x, y: plan.chart!.series[i]!.y } : {}) }));
  }
}
