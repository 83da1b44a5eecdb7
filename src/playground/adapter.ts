import { DetailedCellError } from "hyperformula";
import {
  appendCells,
  blockRange,
  checkReadRange,
  freeSheetName,
  structuredAsRanges,
  rangesConverter,
  WorkbookError,
  type AppendPlan,
  type CellValue,
  type RangeValues,
  type TableInfo,
  type WorkbookAdapter,
  type WriteOptions,
  type WritePlan,
  type WriteResult,
  hasFormula,
  planCells,
} from "../shared/workbook";
import { cellName, parseCell, parseRange } from "../shared/a1";
import type { PlaygroundHost } from "./host";
import { emptyMeta, freeTableName, growColumnRefs, metaFromPlan, rangeName, rect } from "./sheet";

/**
 * The task pane's workbook interface over the playground's HyperFormula workbook. A plan's cells and
 * names are written in one batch (HyperFormula recalculates once); the sheet-scoped names become
 * HyperFormula named expressions scoped to the new sheet. Number formats, styles, column widths, the
 * table, conditional colours and the chart, which HyperFormula does not hold, go to the page's sheet
 * meta: the grid shows them, the chart is drawn, and Save .xlsx keeps them.
 */

/** A cell's value as Excel's Range.values gives it: an error as its code. */
function plain(v: unknown): CellValue {
  return v instanceof DetailedCellError ? v.value : (v as CellValue);
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

    async readRange(sheet: string, range: string, options: { formulas?: boolean; what?: string } = {}): Promise<RangeValues> {
      const hf = host.hf;
      // HyperFormula compares sheet names ignoring case, as Excel does; answer with the sheet's own name.
      const name = hf.getSheetNames().find((n) => n.toLowerCase() === sheet.toLowerCase());
      if (name === undefined) throw new WorkbookError(`There is no sheet named "${sheet}" in this workbook.`);
      checkReadRange(sheet, range, options.what);
      const r = parseRange(range);
      const id = hf.getSheetId(name)!;
      const values = hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } });
      // An error cell reads as its code ("#VALUE!"), as Excel's Range.values gives it.
      const out: CellValue[][] = values.map((row, i) =>
        row.map((v, j) => (options.formulas ? (hf.getCellFormula({ sheet: id, row: r.top + i, col: r.left + j }) ?? plain(v)) : plain(v))),
      );
      return { sheet: name, range, values: out };
    },

    async tables(): Promise<TableInfo[]> {
      const hf = host.hf;
      const out: TableInfo[] = [];
      for (const [sheet, meta] of Object.entries(host.workbookMeta ?? {})) {
        const id = hf.getSheetId(sheet);
        if (id === undefined) continue;
        for (const t of meta.tables) {
          const r = rect(t.range);
          const header = hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.top, col: r.right } })[0] ?? [];
          out.push({ sheet, name: t.name, range: t.range, header: header.map((v) => String(plain(v) ?? "")) });
        }
      }
      return out;
    },

    async readTableRows(table: TableInfo): Promise<CellValue[][]> {
      const hf = host.hf;
      const id = hf.getSheetId(table.sheet);
      if (id === undefined) throw new WorkbookError(`There is no sheet named "${table.sheet}" in this workbook.`);
      const r = parseRange(table.range);
      if (r.bottom === r.top) return [];
      return hf.getRangeValues({ start: { sheet: id, row: r.top + 1, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } }).map((row) => row.map(plain));
    },

    async append(plan: AppendPlan, options: WriteOptions = {}): Promise<WriteResult> {
      if (host.writable === false) {
        throw new WorkbookError("This workbook is open in another tab, so this tab is read-only: nothing was written. Close the other tab, then choose Edit here.");
      }
      const hf = host.hf;
      const name = hf.getSheetNames().find((n) => n.toLowerCase() === plan.sheet.toLowerCase());
      if (name === undefined) throw new WorkbookError(`There is no sheet named "${plan.sheet}" in this workbook: nothing was written.`);
      const id = hf.getSheetId(name)!;
      const meta = structuredClone(host.workbookMeta?.[name] ?? emptyMeta());
      const empty = (row: number, col: number) => {
        const v = hf.getCellValue({ sheet: id, row, col });
        return hf.getCellFormula({ sheet: id, row, col }) === undefined && (v === null || v === "");
      };
      // What must hold before anything is written: the cells LEV writes into are empty, LEV's formulas are still there.
      for (const b of plan.blocks) {
        const r = parseRange(blockRange(b));
        for (let row = r.top; row <= r.bottom; row++)
          for (let col = r.left; col <= r.right; col++)
            if (!empty(row, col)) {
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
      // Each table grows by its rows (as Excel's table does), into empty cells under it.
      const grown: { before: ReturnType<typeof rect>; bottom: number; start: number; left: number; rows: CellValue[][] }[] = [];
      for (const t of plan.rows) {
        const table = meta.tables.find((x) => x.name.toLowerCase() === t.table.toLowerCase());
        if (!table) throw new WorkbookError(`"${name}" has no table named ${t.table}: nothing was written.`);
        const before = rect(table.range);
        const start = t.intoBlankRow ? before.bottom : before.bottom + 1;
        const bottom = Math.max(before.bottom, start + t.rows.length - 1);
        for (let row = before.bottom + 1; row <= bottom; row++)
          for (let col = before.left; col <= before.right; col++)
            if (!empty(row, col)) {
              throw new WorkbookError(`${cellName(row, col)}, under the table ${t.table} on "${name}", holds something: the table cannot grow over it. Move it; nothing was written.`);
            }
        grown.push({ before, bottom, start, left: before.left, rows: t.rows });
        for (const f of meta.formats) {
          const x = f.rect;
          if (x.bottom === before.bottom && x.top > before.top && x.left <= before.right && x.right >= before.left) f.rect = { ...x, bottom };
        }
        table.range = rangeName({ ...before, bottom });
      }
      // The formulas that read the tables' columns read the grown tables, as Excel's structured references do.
      const moves: { row: number; col: number; formula: string }[] = [];
      hf.getSheetFormulas(id).forEach((line, row) =>
        line.forEach((f, col) => {
          if (!f) return;
          let moved = f;
          for (const g of grown) moved = growColumnRefs(moved, g.before, g.bottom);
          if (moved !== f) moves.push({ row, col, formula: moved });
        }),
      );
      const tables = await this.tables();
      const current = tables.filter((t) => t.sheet === name).map((t) => ({ ...t, range: meta.tables.find((x) => x.name === t.name)?.range ?? t.range }));
      const convert = rangesConverter(current, 0);
      const asRanges = (c: CellValue): CellValue => (typeof c === "string" && c.startsWith("=") ? convert(c) : c);
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
      for (const f of plan.formats) meta.formats.push({ rect: rect(f.range), format: f.format });
      meta.conditional.push(...plan.conditionalFormats.map((c) => ({ ...c })));
      if (plan.chart) {
        const chart = meta.charts.find((c) => c.title === plan.chart!.title);
        if (chart) chart.series = chart.series.map((s, i) => ({ ...s, ...(plan.chart!.series[i] ? { x: plan.chart!.series[i]!.x, y: plan.chart!.series[i]!.y } : {}) }));
      }
      host.setSheetMeta?.(name, meta, batches);
      host.refresh();
      host.activateSheet(name);
      host.select(name, plan.select);
      return { sheet: name };
    },

    async write(given: WritePlan, options: WriteOptions = {}): Promise<WriteResult> {
      if (host.writable === false) {
        throw new WorkbookError("This workbook is open in another tab, so this tab is read-only: nothing was written. Close the other tab, then choose Edit here.");
      }
      const hf = host.hf;
      // HyperFormula has no tables: a structured reference becomes its column's range, which grows with the table (see growTableAt).
      const plan = given;
      const asRanges = structuredAsRanges(given, 0);
      const name = freeSheetName(plan.baseName, hf.getSheetNames());
      const total = planCells(plan);
      let sheetId: number | undefined;
      let batches = 1;
      try {
        if (total <= CHUNK_CELLS) {
          hf.batch(() => {
            hf.addSheet(name);
            sheetId = hf.getSheetId(name)!;
            for (const n of plan.names) hf.addNamedExpression(n.name, `=${quoted(name)}!${absolute(n.cell)}`, sheetId);
            for (const block of plan.blocks) {
              const { row, col } = parseCell(block.at);
              hf.setCellContents({ sheet: sheetId, row, col }, asRanges(block.rows));
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
              batches++;
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
            const rows = asRanges(block.rows);
            hf.batch(() => hf.setCellContents({ sheet: sheetId!, row, col }, rows));
            batches++;
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
      const workbookMeta = host.workbookMeta ?? {};
      const extraNames: string[] = [];
      for (const t of plan.extraTables ?? []) {
        // free in the workbook and among this sheet's own tables
        const taken = { ...workbookMeta, [name]: { ...emptyMeta(), tables: extraNames.map((n) => ({ name: n, range: "A1:A1", style: "" })) } };
        extraNames.push(freeTableName((t.name ?? "Table").replace(/[^A-Za-z0-9_]/g, ""), taken));
      }
      host.setSheetMeta?.(name, metaFromPlan(plan, freeTableName(plan.baseName.replace(/[^A-Za-z0-9_]/g, ""), workbookMeta), extraNames), batches);
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
