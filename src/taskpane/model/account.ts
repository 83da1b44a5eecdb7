import { CROSSACCOUNT_LABELS } from "../../engine";
import { cellName, columnName, parseRange, sheetReference } from "../../shared/a1";
import type { CellValue } from "../../shared/workbook";
import { isError, levIndex, mul, rangeArg, ref, type Env, type Expr, type Val } from "./expr";
import type { OtherPositions, Trade } from "./form";
import type { AccountAt } from "./position";

/**
 * The cross account on the scenario sheet, when the trader gives the account's other positions as a
 * positions table: a block of the same seven columns as the table (symbol, side, entry, quantity, mark,
 * maintenance rate and amount), one row per table row, each cell a formula over the table's own cell
 * (so a mark changed there follows here), and a last row for the simulated trade at its entry. LEV.CROSSLIQ
 * and LEV.CROSSACCOUNT read the block: the engine holds every rule, the block only gathers the rows into one
 * range, which a worksheet function needs. LEV.CROSSACCOUNT reads it with the rows of the trade's symbol at a
 * price (the entry at open, a row's price in the walkthrough and the scenarios), every other row at its mark.
 */

export const ACCOUNT_COLUMNS = ["Symbol", "Side", "Entry", "Quantity", "Mark", "Maintenance rate", "Maintenance amount"] as const;

/** The block's cells, on the sheet: the title, the column headers, then the rows. */
export interface AccountBlock extends AccountAt {
  /** 0-based row and column of the title cell. */
  top: number;
  left: number;
  title: string;
  rows: { expr?: Expr; value: Val }[][];
  /** The simulated trade's liquidation price (its row of LEV.CROSSLIQ). */
  liqPrice: Expr;
}

/** Where the block sits: at the top right, beyond the key figures' explanations (columns J to P, from row 5). */
export const ACCOUNT_AT = { row: 4, col: 9 } as const;

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

  // The trade's own row, at its entry: at open the trade's symbol is at the entry price.
  const column = (j: number, to = tradeRow) => `${cellName(first, left + j)}:${cellName(to, left + j)}`;
  const entry = ref("Entry");
  const cells: Expr[] = [
    { text: `"${t.symbol.replace(/"/g, '""')}"`, value: () => t.symbol },
    ref("Side"),
    entry,
    mul(ref("Quantity"), ref("ContractSize")),
    entry,
    ref("MMR"),
    { text: "0", value: () => 0 },
  ];
  rows.push(cells.map((c) => ({ expr: c, value: c.value(env) })));
  // The symbol is a constant, written as it is: no formula.
  rows[n]![0] = { value: t.symbol };

  const valueOf = (v: Val) => (isError(v) ? null : v);
  const range = (j: number) =>
    rangeArg(
      column(j),
      rows.map((r) => [valueOf(r[j]!.value)]),
    );
  // Every row at its mark, except the rows of this trade's symbol (its own and the table's), which are at
  // `price`: the catalog's rows of one symbol share one price.
  const symbolCell = `$${columnName(left)}$${tradeRow + 1}`;
  const same = (r: { value: Val }[]) => typeof r[0]!.value === "string" && r[0]!.value.trim().toLowerCase() === t.symbol.trim().toLowerCase();
  const marksAt = (price: Expr) =>
    rangeArg(`IF(${column(0)}=${symbolCell},${price.text},${column(4)})`, (e) => {
      const p = price.value(e);
      return rows.map((r) => [same(r) ? valueOf(p) : valueOf(r[4]!.value)]);
    });
  const args = {
    sides: range(1),
    entries: range(2),
    quantities: range(3),
    wallet_balance: ref("Balance"),
    mmr: range(5),
    maint_amounts: range(6),
  };
  // One figure of LEV.CROSSACCOUNT's table, by its label: INDEX at the label's row, the value's column.
  const account = (price: Expr, label: (typeof CROSSACCOUNT_LABELS)[number]) =>
    levIndex("CROSSACCOUNT", { ...args, marks: marksAt(price) }, CROSSACCOUNT_LABELS.indexOf(label) + 1, 2);
  return {
    top,
    left,
    title: `Cross account: the ${othersWords(o.count)} read live from ${o.label}, and this trade (last row)`,
    rows,
    // CROSSLIQ solves for the symbol's price, so its rows' marks do not count; they are given at the entry, as
    // one price for the symbol, which the function requires.
    liqPrice: levIndex("CROSSLIQ", { symbols: range(0), ...args, marks: marksAt(entry) }, n + 1, 1),
    marginBalance: (price) => account(price, "Margin balance"),
    marginRatio: (price) => account(price, "Margin ratio"),
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
