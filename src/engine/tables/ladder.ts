import { D, Dec, ONE, ZERO } from "../spec/decimal";
import { Side } from "../spec/read";
import type { Table } from "../spec/define";
import { roundings } from "../arith/certify";
import { LIQUIDATION_ROUNDING_POINTS, LIQUIDATION_TERMS, liquidationPrice } from "../liquidation/price";
import { type Maintenance } from "../liquidation/tiers";
import { runningAverages } from "../margin/averages";
import { breakEvenAt, breakEvenFactors } from "../margin/pnl";
import { cellOf, checkSize } from "./common";

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

/**
 * Where `ladder` rounds, for the fast kernel's fractions of the running sums V = Σ price·quantity and T = Σ
 * quantity. Every cell starts from the average A = V/T rounded to 34 digits: the margin A·T/L (fraction V/L)
 * and the break-even A·(1 + side·fee)/(1 − side·fee) (fraction V·(1 + side·fee)/(T·(1 − side·fee))) round
 * twice more each; the liquidation price is `liquidationPrice` at entry A and quantity T, whose margin T·A/L
 * and entry value T·A both carry A's rounding and round the product T·A again (terms as LIQUIDATION_TERMS'
 * with q·E = V), before the formula's own rounding points.
 */
const AVERAGE = { step: "average A = V/T", into: "numerator", size: ["numerator"] } as const;
export const LADDER_MARGIN_ROUNDINGS = roundings(
  ["numerator"] as const,
  [AVERAGE, { step: "A·T", into: "numerator", size: ["numerator"] }, { step: "÷ leverage", into: "result" }],
);
export const LADDER_BREAKEVEN_ROUNDINGS = roundings(
  ["numerator"] as const,
  [AVERAGE, { step: "A·(1 + side·fee)", into: "numerator", size: ["numerator"] }, { step: "÷ (1 − side·fee)", into: "result" }],
);
export const LADDER_LIQUIDATION_ROUNDINGS = roundings(LIQUIDATION_TERMS, [
  { step: "average A = V/T, in the margin and in the entry value", into: "numerator", size: ["qE", "qEL"] },
  { step: "T·A for the margin", into: "numerator", size: ["qE"] },
  { step: "T·A for the entry value", into: "numerator", size: ["qEL"] },
  ...LIQUIDATION_ROUNDING_POINTS,
]);
