import { define } from "../spec/define";
import * as decoders from "../spec/decoders";
import { leverage, leverages, number, numbers, optional, option, side } from "../spec/params";
import { ZERO } from "../spec/decimal";
import { DEFAULT_MMR, maintenance } from "../liquidation/maintenance";
import { pairByPosition, positional } from "../margin/averages";
import { COMPOUND } from "../rates/compound";
import { scenarios } from "./scenarios";
import { scenariosKernel } from "./scenarios.fast";
import { grid, GRID_MEASURES, MAX_GRID_LEVERAGES } from "./grid";
import { gridKernel } from "./grid.fast";
import { ladder } from "./ladder";
import { ladderKernel } from "./ladder.fast";
import { compoundTable } from "./schedule";
import { compoundTableKernel } from "./schedule.fast";

/**
 * Tables that spill: one formula fills a block. Every cell is computed by the same maths as the scalar
 * function named in its column, so a row of SCENARIOS equals PNL/ROE/LIQPRICE for the same inputs. The
 * Decimal formulas (with their rounding points) are in scenarios.ts, grid.ts, ladder.ts and schedule.ts, the
 * fast kernels beside them.
 */

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
  { decode: decoders.SCENARIOS, kernel: scenariosKernel },
);

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
  { decode: decoders.GRID, kernel: gridKernel },
);

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
  { decode: decoders.LADDER, kernel: ladderKernel, errorCells: true },
);

export const COMPOUNDTABLE = define({ ...COMPOUND.params, periods: number({ ge: 1, integer: true }) }, compoundTable, {
  decode: decoders.COMPOUNDTABLE,
  kernel: compoundTableKernel,
});
