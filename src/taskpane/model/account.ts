import { cellName, parseRange, sheetReference, type CellValue } from "../workbook";
import { isError, levIndex, mul, rangeArg, ref, type Env, type Expr, type Val } from "./expr";
import type { OtherPositions, Trade } from "./form";

/**
 * The cross account on the scenario sheet, when the trader gives the account's other positions as a
 * positions table: a block of the same seven columns as the table (symbol, side, entry, quantity, mark,
 * maintenance rate and amount), one row per table row, each cell a formula over the table's own cell
 * (so a mark changed there follows here), and a last row for the simulated trade. LEV.CROSSLIQ and
 * LEV.CROSSACCOUNT read the block: the engine holds every rule, the block only gathers the rows into one
 * range, which a worksheet function needs.
 */

export const ACCOUNT_COLUMNS = ["Symbol", "Side", "Entry", "Quantity", "Mark", "Maintenance rate", "Maintenance amount"] as const;

/** The block's cells, on the sheet: the title, the column headers, then the rows. */
export interface AccountBlock {
  /** 0-based row and column of the title cell. */
  top: number;
  left: number;
  title: string;
  rows: { expr?: Expr; value: Val }[][];
  /** The simulated trade's liquidation price (its row of LEV.CROSSLIQ) and the account's margin ratio. */
  liqPrice: Expr;
  marginRatio: Expr;
  /** How many positions the table holds (kept rows). */
  others: number;
}

/** Where the block sits: right of the inputs, under the chart and its marks (columns J to P). */
export const ACCOUNT_AT = { row: 34, col: 9 } as const;

/** "1 other position", "3 other positions". */
export function othersWords(n: number): string {
  return `${n} other position${n === 1 ? "" : "s"}`;
}

/** A cell of the table as the block reads it: blank stays blank (not 0, as a plain reference would give). */
function tableCell(o: OtherPositions, i: number, j: number): { expr?: Expr; value: Val } {
  const box = parseRange(o.range);
  const width = box.right - box.left + 1;
  const raw = o.cells[i]?.[j];
  const value: Val = raw === null || raw === undefined ? "" : (raw as Val);
  if (j >= width) return { value: "" };
  const source = sheetReference({ sheet: o.sheet, range: cellName(box.top + i, box.left + j) });
  return { expr: { text: `IF(${source}="","",${source})`, value: () => value }, value };
}

export function accountBlock(t: Trade, o: OtherPositions, env: Env): AccountBlock {
  const { row: top, col: left } = ACCOUNT_AT;
  const first = top + 2;
  const n = o.cells.length;
  const tradeRow = first + n;
  const rows: { expr?: Expr; value: Val }[][] = [];
  for (let i = 0; i < n; i++) rows.push(ACCOUNT_COLUMNS.map((_, j) => tableCell(o, i, j)));

  // The trade's own row. Its mark is its symbol's mark in the table (rows of one symbol share one mark,
  // as the catalog requires), or the entry where the table does not hold the symbol.
  const column = (j: number, to = tradeRow) => `${cellName(first, left + j)}:${cellName(to, left + j)}`;
  const same = o.rows.find((p) => p !== undefined && p.symbol.toLowerCase() === t.symbol.trim().toLowerCase());
  const entry = ref("Entry");
  const symbolCell = cellName(tradeRow, left);
  const mark: Expr = {
    text: `IFERROR(INDEX(${column(4, tradeRow - 1)},MATCH(${symbolCell},${column(0, tradeRow - 1)},0)),Entry)`,
    value: (e) => (same ? same.mark.toNumber() : entry.value(e)),
  };
  const cells: Expr[] = [
    { text: `"${t.symbol.replace(/"/g, '""')}"`, value: () => t.symbol },
    ref("Side"),
    entry,
    mul(ref("Quantity"), ref("ContractSize")),
    mark,
    ref("MMR"),
    { text: "0", value: () => 0 },
  ];
  rows.push(cells.map((c) => ({ expr: c, value: c.value(env) })));
  // The symbol is a constant, written as it is: no formula.
  rows[n]![0] = { value: t.symbol };

  const range = (j: number) =>
    rangeArg(
      column(j),
      rows.map((r) => {
        const v = r[j]!.value;
        return [isError(v) ? null : v];
      }),
    );
  const args = {
    sides: range(1),
    entries: range(2),
    quantities: range(3),
    marks: range(4),
    wallet_balance: ref("Balance"),
    mmr: range(5),
    maint_amounts: range(6),
  };
  return {
    top,
    left,
    title: `Cross account: the ${othersWords(o.count)} read live from ${o.label}, and this trade (last row)`,
    rows,
    liqPrice: levIndex("CROSSLIQ", { symbols: range(0), ...args }, n + 1, 1),
    // LEV.CROSSACCOUNT's sixth row: maintenance ÷ margin balance.
    marginRatio: levIndex("CROSSACCOUNT", args, 6, 2),
    others: o.count,
  };
}

/** The block as sheet cells: formulas (live) or values. */
export function accountCells(b: AccountBlock, live: boolean, content: (expr: Expr | undefined, value: Val, live: boolean) => CellValue): CellValue[][] {
  return [
    [b.title, ...ACCOUNT_COLUMNS.slice(1).map(() => null)],
    [...ACCOUNT_COLUMNS],
    ...b.rows.map((r) => r.map((c) => content(c.expr, c.value, live))),
  ];
}


/** An amount as the summary says it: 2 decimals, a true minus sign. */
function amount(n: number): string {
  const s = Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return n < 0 ? `−${s}` : s;
}

/** One line on what the positions table holds: "5 positions in 4 symbols; maintenance 382.26, unrealised PnL −131.00 at the marks". */
export function othersSummary(o: OtherPositions): string {
  const positions = `${o.count} position${o.count === 1 ? "" : "s"} in ${o.symbols} symbol${o.symbols === 1 ? "" : "s"}`;
  return `${positions} read from ${o.label}; maintenance ${amount(o.maintenance.toNumber())}, unrealised PnL ${amount(o.upnl.toNumber())} at the marks.`;
}
