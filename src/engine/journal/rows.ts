import type { Table } from "../spec/define";
import type { Num } from "./cells";
import type { Fills } from "./fills";
import type { Position } from "./positions";

/** TRADES' table: its header, and a trade's row as both finishers make it. */

export const TRADES_HEADER = ["Symbol", "Side", "Opened", "Closed", "Fills", "Quantity", "Avg entry", "Avg exit", "Gross PnL", "Fees", "Net PnL", "Return", "Status"];

/** A trade's row: its figures as Decimals, or as numbers where they were computed exactly in doubles. */
export interface TradeRow {
  symbol: string;
  side: "long" | "short";
  opened: number;
  closed: number | undefined;
  fills: number;
  quantity: Num;
  avgEntry: Num;
  avgExit: Num | undefined;
  gross: Num;
  fees: Num;
  net: Num;
  return: Num;
  status: "open" | "closed";
}

/**
 * A trade's row, whichever finisher computed its figures: one place words its symbol, side, times, fills and
 * status. (Figures as arguments rather than an object spread, which costs more than the rest of a row.)
 */
export function tradeRow(
  f: Fills,
  t: Position,
  quantity: Num,
  avgEntry: Num,
  avgExit: Num | undefined,
  gross: Num,
  fees: Num,
  net: Num,
  ret: Num,
): TradeRow {
  const first = t.fills[0]!;
  return {
    symbol: f.symbols[f.symbol[first]!]!,
    side: t.side === 1 ? "long" : "short",
    opened: f.time[first]!,
    closed: t.closed ? f.time[t.fills[t.fills.length - 1]!]! : undefined,
    fills: t.fills.length,
    quantity,
    avgEntry,
    avgExit,
    gross,
    fees,
    net,
    return: ret,
    status: t.closed ? "closed" : "open",
  };
}

export function tradesTable(rows: readonly TradeRow[]): Table {
  const out: Table = [TRADES_HEADER];
  for (const r of rows) {
    out.push([r.symbol, r.side, r.opened, r.closed ?? null, r.fills, r.quantity, r.avgEntry, r.avgExit ?? null, r.gross, r.fees, r.net, r.return, r.status]);
  }
  return out;
}
