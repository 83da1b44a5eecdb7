import { D, Dec, ONE, ZERO } from "../spec/decimal";
import { DomainError, EngineError, isEngineError } from "../spec/errors";
import { liquidationPrice, walletLiquidation } from "../liquidation/isolated";
import { breakEvenAt, breakEvenFactors } from "../margin/pnl";
import { pairByPosition, positional, runningAverages } from "../margin/averages";
import { COMPOUND, compoundRows } from "../forex/forex";
import { marginStatus } from "../margin/margin";
import { pnl, roe } from "../margin/pnl";
import { Side } from "../spec/read";
import { define, leverage, leverages, number, numbers, optional, option, side, Table, TableCell } from "../spec/params";
import { fastCompoundTable, fastGrid, fastLadder, fastScenarios } from "./tables.fast";
import { maintenance, Maintenance } from "../liquidation/tiers";

/**
 * Tables that spill: one formula fills a block. Every cell is computed by the same maths as the scalar
 * function named in its column, so a row of SCENARIOS equals PNL/ROE/LIQPRICE for the same inputs.
 */

/** More cells than this would freeze the sheet; the catalog answers #NUM! instead. */
export const MAX_CELLS = 100_000;

export function checkSize(rows: number, cols: number, what: string, field?: string): void {
  if (rows * cols > MAX_CELLS) {
    throw new DomainError(
      field,
      `${what} would fill ${rows.toLocaleString("en-US")} × ${cols} = ${(rows * cols).toLocaleString("en-US")} cells; the limit is ${MAX_CELLS.toLocaleString("en-US")}`,
    );
  }
}

/** A value, or the engine error its computation threw, as one table cell. */
function cellOf(compute: () => Dec): Dec | EngineError {
  try {
    return compute();
  } catch (e) {
    if (isEngineError(e)) return e;
    throw e;
  }
}

/** True when `price` is at or beyond `liq` on the losing side. */
function beyond(side: Side, price: Dec, liq: Dec): boolean {
  return side === 1 ? price.lte(liq) : price.gte(liq);
}

/**
 * The status a price gives against a liquidation price that may not exist: a position that cannot be
 * liquidated (#N/A) is never LIQUIDATED, one liquidated as it opens (#NUM!) always is.
 */
export function liquidated(side: Side, price: Dec, liq: Dec | EngineError): boolean {
  if (isEngineError(liq)) return liq.code === "NUM";
  return beyond(side, price, liq);
}

export const SCENARIO_HEADER = ["Price", "Move", "PnL", "ROE", "Equity", "Margin level", "Status"];

export function scenarios(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  leverage: Dec;
  prices: Dec[];
  balance: Dec | undefined;
  mmr: Maintenance;
  feeRate: Dec;
}): Table {
  checkSize(a.prices.length + 1, SCENARIO_HEADER.length, "SCENARIOS", "prices");
  const margin = a.entry.mul(a.quantity).div(a.leverage);
  const balance = a.balance ?? margin;
  const liq = cellOf(() =>
    a.balance === undefined
      ? liquidationPrice({
          side: a.side,
          entry: a.entry,
          leverage: a.leverage,
          maintenance: a.mmr,
          amount: ZERO,
          quantity: a.quantity,
          closeFeeRate: ZERO,
          basis: "liquidation",
        })
      : walletLiquidation({ side: a.side, entry: a.entry, quantity: a.quantity, walletBalance: balance, mmr: a.mmr }),
  );
  const rows: Table = [SCENARIO_HEADER];
  for (const price of a.prices) {
    const p = pnl({ side: a.side, entry: a.entry, exit: price, quantity: a.quantity, contractSize: ONE, feeRate: a.feeRate, fixedFees: ZERO });
    const equity = balance.add(p);
    const level = equity.div(margin);
    let status: string;
    if (liquidated(a.side, price, liq)) status = "LIQUIDATED";
    else if (a.balance === undefined) status = "OK";
    else status = marginStatus({ equity, usedMargin: margin, callLevel: new D(1), stopoutLevel: new D(0.5) });
    rows.push([price, price.sub(a.entry).div(a.entry), p, p.div(margin), equity, level, status]);
  }
  return rows;
}

const DEFAULT_MMR = new D(0.005);

export const SCENARIOS = define(
  {
    side,
    entry: number({ gt: 0 }),
    quantity: number({ gt: 0 }),
    leverage,
    prices: numbers(1, { gt: 0 }),
    balance: optional(number({ gt: 0 })),
    mmr: maintenance(DEFAULT_MMR),
    fee_rate: optional(number({ ge: 0, lt: 1 }), ZERO),
  },
  (a) => scenarios({ ...a, feeRate: a.fee_rate }),
  (raw) => fastScenarios(raw, SCENARIO_HEADER, MAX_CELLS),
);

/**
 * Most leverages GRID takes. Each leverage's liquidation price is worked out once for its column (with a
 * tier table, a walk through up to 100 brackets), so a grid of one move and 100,000 leverages would cost
 * that walk 100,000 times for 100,000 cells; no grid needs more than a few hundred leverages.
 */
export const MAX_GRID_LEVERAGES = 1_000;

export const GRID_MEASURES = ["roe", "liq", "distance", "status"] as const;
export type GridMeasure = (typeof GRID_MEASURES)[number];

export function grid(a: {
  measure: GridMeasure;
  side: Side;
  entry: Dec;
  leverages: Dec[];
  moves: Dec[];
  mmr: Maintenance;
}): Table {
  checkSize(a.moves.length, a.leverages.length, "GRID", "moves");
  const liqs = a.leverages.map((l) =>
    cellOf(() =>
      liquidationPrice({
        side: a.side,
        entry: a.entry,
        leverage: l,
        maintenance: a.mmr,
        amount: ZERO,
        quantity: ONE,
        closeFeeRate: ZERO,
        basis: "liquidation",
      }),
    ),
  );
  return a.moves.map((m) => {
    const price = a.entry.mul(m.add(1));
    return a.leverages.map((l, j): TableCell => {
      const liq = liqs[j]!;
      switch (a.measure) {
        case "roe":
          return roe({ side: a.side, entry: a.entry, exit: price, leverage: l, feeRate: ZERO });
        case "liq":
          return liq;
        case "distance":
          // side·(price − liq)/price; for a short liq − price, the same Decimal (ties round away from zero)
          return isEngineError(liq) ? liq : (a.side === 1 ? price.sub(liq) : liq.sub(price)).div(price);
        case "status":
          return liquidated(a.side, price, liq) ? "LIQUIDATED" : "OK";
      }
    });
  });
}

export const GRID = define(
  {
    measure: option(GRID_MEASURES, { liquidation: "liq", "liq_price": "liq", return: "roe" }),
    side,
    entry: number({ gt: 0 }),
    leverages: leverages(MAX_GRID_LEVERAGES),
    moves: numbers(1, { gt: -1 }, (m) => `is ${m.mul(100).toString()} %: a price cannot fall 100 % or more`),
    mmr: maintenance(DEFAULT_MMR),
  },
  grid,
  (raw) => fastGrid(raw, MAX_CELLS, MAX_GRID_LEVERAGES),
);

export const LADDER_HEADER = ["Fill", "Price", "Quantity", "Total quantity", "Average entry", "Margin", "Liquidation", "Break-even"];

/**
 * Scaling in: after each fill, with A the running average (AVGPRICE of the fills so far) and Q the running
 * quantity: Margin A·Q/leverage, Liquidation LIQPRICE(side, A, leverage, mmr, 0, Q), Break-even
 * BREAKEVEN(side, A, fee_rate, fee_rate).
 */
export function ladder(a: {
  side: Side;
  prices: Dec[];
  quantities: Dec[];
  leverage: Dec;
  mmr: Maintenance;
  feeRate: Dec;
}): Table {
  checkSize(a.prices.length + 1, LADDER_HEADER.length, "LADDER", "prices");
  const averages = runningAverages(a.prices, a.quantities);
  // BREAKEVEN(side, A, fee_rate, fee_rate) with no fixed fees: its fee factors are the same for every fill
  const feeFactors = breakEvenFactors(a.side, a.feeRate, a.feeRate);
  const noFixed = ZERO.div(ONE).mul(a.side);
  let total = ZERO;
  const rows: Table = [LADDER_HEADER];
  a.prices.forEach((price, i) => {
    const q = a.quantities[i]!;
    total = total.add(q);
    const average = averages[i]!;
    const liq = cellOf(() =>
      liquidationPrice({
        side: a.side,
        entry: average,
        leverage: a.leverage,
        maintenance: a.mmr,
        amount: ZERO,
        quantity: total,
        closeFeeRate: ZERO,
        basis: "liquidation",
      }),
    );
    const be = cellOf(() => breakEvenAt(average, noFixed, feeFactors));
    rows.push([new D(i + 1), price, q, total, average, average.mul(total).div(a.leverage), liq, be]);
  });
  return rows;
}

export const LADDER = define(
  {
    side,
    prices: positional({ gt: 0 }, "quantities", true),
    quantities: positional({ gt: 0 }, "prices", false),
    leverage,
    mmr: maintenance(DEFAULT_MMR),
    fee_rate: optional(number({ ge: 0, lt: 1 }), ZERO),
  },
  (a) => {
    const fills = pairByPosition(a.prices, a.quantities);
    return ladder({ side: a.side, prices: fills.prices, quantities: fills.sizes, leverage: a.leverage, mmr: a.mmr, feeRate: a.fee_rate });
  },
  (raw) => fastLadder(raw, LADDER_HEADER, MAX_CELLS),
);

export const COMPOUNDTABLE_HEADER = ["Period", "Start", "Gain", "Contribution", "End"];

/**
 * One row per period: End = Start·(1 + rate) + Contribution (rounded to round_to when given), Gain =
 * End − Start − Contribution. The rows come from the same schedule as COMPOUND, so the last End equals it.
 */
export const COMPOUNDTABLE = define(
  { ...COMPOUND.params, periods: number({ ge: 1, integer: true }) },
  (a): Table => {
    checkSize(a.periods.toNumber() + 1, COMPOUNDTABLE_HEADER.length, "COMPOUNDTABLE", "periods");
    const rows = compoundRows({
      start: a.start,
      rate: a.rate,
      periods: a.periods.toNumber(),
      contribution: a.contribution,
      roundTo: a.round_to,
    });
    return [COMPOUNDTABLE_HEADER, ...rows.map((r) => [new D(r.period), r.start, r.gain, r.contribution, r.end])];
  },
  (raw) => fastCompoundTable(raw, COMPOUNDTABLE_HEADER, MAX_CELLS),
);
