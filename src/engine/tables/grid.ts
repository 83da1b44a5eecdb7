import { Dec, ONE, ZERO } from "../spec/decimal";
import { isEngineError } from "../spec/errors";
import { Side } from "../spec/read";
import type { Table, TableCell } from "../spec/define";
import { roundings } from "../arith/certify";
import { liquidationPrice } from "../liquidation/price";
import { type Maintenance } from "../liquidation/tiers";
import { roe } from "../margin/pnl";
import { cellOf, checkSize, liquidated } from "./common";

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

/**
 * Where GRID's "distance" rounds: it subtracts the Decimal path's liquidation price, which has drifted by up to
 * its own spread from the exact one (the `liquidation` term: that spread times the liquidation price, in the
 * units of the fast kernel's numerator side·(P·d − n)), from the price, and divides by the price.
 */
export const DISTANCE_ROUNDINGS = roundings(
  ["liquidation", "numerator"] as const,
  [
    { step: "the liquidation price, as LIQPRICE computes it", into: "numerator", size: ["liquidation"] },
    { step: "price − liquidation price", into: "numerator", size: ["numerator"] },
    { step: "÷ price", into: "result" },
  ],
);
