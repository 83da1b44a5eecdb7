import { D, Dec, ZERO } from "../spec/decimal";
import { decimals, exact, integer, lift, value } from "../arith/exact";
import { certainQuotient } from "../arith/doubleword";
import { number } from "../spec/params";
import { define, type Table } from "../spec/define";
import * as decoders from "../spec/decoders";
import { closedColumn, closeOrder, liftInts, pnlColumn, readPnlInts } from "./pnl";

/** EQUITYCURVE: the account's balance, peak and drawdown after each closed trade. */

export const EQUITYCURVE_HEADER = ["Trade", "PnL", "Balance", "Peak", "Drawdown", "Drawdown %"];

export function equityCurve(a: { startBalance: Dec; pnl: readonly Dec[] }): Table {
  const rows: Table = [EQUITYCURVE_HEADER, [ZERO, ZERO, a.startBalance, a.startBalance, ZERO, ZERO]];
  let balance = a.startBalance;
  let peak = a.startBalance;
  a.pnl.forEach((p, i) => {
    balance = balance.add(p);
    if (balance.gt(peak)) peak = balance;
    const drawdown = peak.sub(balance);
    rows.push([new D(i + 1), p, balance, peak, drawdown, drawdown.div(peak)]);
  });
  return rows;
}

/**
 * EQUITYCURVE for a plain start balance and a range of plain numbers: the Decimal path's rows (tested cell for
 * cell). Balance, Peak and Drawdown are exact integers over one common power of ten (checked below 2^53), so
 * each shows as the Decimal path's exact value does; Drawdown % is one quotient per row, which the Decimal path
 * rounds to 34 digits before the boundary rounds it to a double: `certainQuotient` gives that double or
 * declines. Blank cells are skipped and, with close times, open trades left out and the rest ordered as
 * `readPnlInts` reads them. Undefined, leaving the call to the Decimal path, for no trades, text in a cell
 * read, a close time as text or a step beyond 2^53.
 */
export function equityCurveFast(a: { start_balance: number; pnl: unknown; closed: unknown }): (number | string)[][] | undefined {
  const startRaw = a.start_balance; // above 0, as the decoder read it
  const kb = decimals(startRaw);
  if (kb < 0) return undefined;
  const read = readPnlInts(a.pnl, a.closed);
  if (read === undefined || read.n < 1) return undefined;
  const { n, ints } = read;
  const k = Math.max(read.scale, kb);
  if (!liftInts(ints, read.scales, n, k)) return undefined;
  const start = lift(integer(startRaw, kb), kb, k);
  if (start !== start) return undefined;
  const out: (number | string)[][] = [EQUITYCURVE_HEADER.slice(), [0, 0, startRaw, startRaw, 0, 0]];
  let balance = start;
  let peak = start;
  for (let i = 0; i < n; i++) {
    const p = ints[i]!;
    balance = exact(balance + p);
    if (balance > peak) peak = balance;
    const drawdown = exact(peak - balance);
    const pct = certainQuotient(drawdown, peak); // NaN for a NaN drawdown (a step beyond 2^53) too
    if (pct !== pct) return undefined;
    out.push([i + 1, value(p, k)!, value(balance, k)!, value(peak, k)!, value(drawdown, k)!, pct]);
  }
  return out;
}

export const EQUITYCURVE = define(
  {
    start_balance: number({ gt: 0 }),
    pnl: pnlColumn(),
    closed: closedColumn(),
  },
  (a) => equityCurve({ startBalance: a.start_balance, pnl: closeOrder(a.pnl.values.length, a.closed).map((i) => a.pnl.values[i]!) }),
  { decode: decoders.EQUITYCURVE, kernel: equityCurveFast },
);
