import { EngineError } from "../spec/errors";
import { define, type Args, type PlainArgs } from "../spec/define";
import * as decoders from "../spec/decoders";
import { column, optionalColumn, shown } from "./cells";
import { readFills, timeOrder, type FillColumns, type Fills } from "./fills";
import { decimalFills, decimalRow } from "./finish-decimal";
import { exactAsDecimal, exactHoldings, exactRow, scaledFills, type ExactFinisher } from "./finish-exact";
import { positionSlots, walkPositions } from "./positions";
import { TRADES_HEADER, tradesTable, type TradeRow } from "./rows";

/**
 * TRADES: the trades a fills table makes. One reader (fills.ts), one position state machine (positions.ts) and
 * two finishers (finish-exact.ts, finish-decimal.ts), for the worksheet's fast path and its Decimal path, and
 * so for Excel, the playground and the task pane alike.
 */

/**
 * The trades of fills read in exact double arithmetic, each trade finished exactly where it can be and in
 * Decimal where not; undefined when the fills are not all plain numbers with few decimals, or a position's
 * quantity stops being exact. `inPlace`: the fills' prices, quantities and fees may be scaled where they are
 * (`scaledFills`), for a caller that drops the fills afterwards.
 */
function exactTrades(f: Fills, order: readonly number[] | undefined, inPlace: boolean): TradeRow[] | undefined {
  const s = scaledFills(f, inPlace);
  if (s === undefined) return undefined;
  const held = exactHoldings(s, positionSlots(f));
  const positions = walkPositions(f, order, held);
  if (positions === undefined) return undefined;
  const x: ExactFinisher = { f, s, sums: held.sums, shares: new Map() };
  let asDecimal: ReturnType<typeof exactAsDecimal> | undefined;
  return positions.map((t, k) => exactRow(x, t, k) ?? decimalRow(f, t, (asDecimal ??= exactAsDecimal(f, s))));
}

/** The trades the fills make, ordered by opening time, then by the row of their first fill. */
export function trades(f: Fills): TradeRow[] {
  const order = timeOrder(f);
  const quick = exactTrades(f, order, false);
  if (quick !== undefined) return quick;
  const { values, holdings } = decimalFills(f, positionSlots(f));
  return walkPositions(f, order, holdings)!.map((t) => decimalRow(f, t, values));
}

/**
 * TRADES for fills of plain numbers with few decimals: the same table as the Decimal path, cells as the
 * worksheet shows them. Undefined, leaving the call to `apply`, for numeric text, long numbers, a step beyond
 * 2^53 and any error (which `apply` gives as it reads the same fills).
 */
export function tradesFast(a: PlainArgs<typeof TRADE_PARAMS>): (number | string)[][] | undefined {
  let rows: TradeRow[] | undefined;
  try {
    const f = readFills(fillColumns(a));
    rows = exactTrades(f, timeOrder(f), true); // f is dropped after: scaled where it is
  } catch (e) {
    if (e instanceof EngineError) return undefined;
    throw e;
  }
  if (rows === undefined) return undefined;
  const out: (number | string)[][] = [TRADES_HEADER.slice()];
  for (const r of rows) {
    const quantity = shown(r.quantity);
    const avgEntry = shown(r.avgEntry);
    const avgExit = r.avgExit === undefined ? "" : shown(r.avgExit);
    const gross = shown(r.gross);
    const fee = shown(r.fees);
    const net = shown(r.net);
    const ret = shown(r.return);
    if (quantity !== quantity || avgEntry !== avgEntry || avgExit !== avgExit || gross !== gross || fee !== fee || net !== net || ret !== ret) return undefined;
    const opened = r.opened === 0 ? 0 : r.opened;
    const closed = r.closed === undefined ? "" : r.closed === 0 ? 0 : r.closed;
    out.push([r.symbol, r.side, opened, closed, r.fills, quantity, avgEntry, avgExit, gross, fee, net, ret, r.status]);
  }
  return out;
}

/** TRADES' columns by the names the fills reader takes. */
function fillColumns(a: Args<typeof TRADE_PARAMS> | PlainArgs<typeof TRADE_PARAMS>): FillColumns {
  return {
    times: a.times,
    symbols: a.symbols,
    sides: a.sides,
    prices: a.prices,
    quantities: a.quantities,
    fees: a.fees,
    contractSizes: a.contract_sizes,
    positionSides: a.position_sides,
  };
}

const TRADE_PARAMS = {
  times: column("time"),
  symbols: column("symbol"),
  sides: column("side"),
  prices: column("number", { gt: 0 }),
  quantities: column("number", { gt: 0 }),
  fees: optionalColumn("number"),
  contract_sizes: optionalColumn("number", { gt: 0 }),
  position_sides: optionalColumn("positionSide"),
};

export const TRADES = define(TRADE_PARAMS, (a) => tradesTable(trades(readFills(fillColumns(a)))), { decode: decoders.TRADES, kernel: tradesFast });
