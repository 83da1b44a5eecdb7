import { D, Dec, ZERO } from "../spec/decimal";
import { DomainError, InvalidArgumentError, NotAvailableError } from "../spec/errors";
import { Side } from "../spec/read";
import { boolean, leverage, number, optional, option, side } from "../spec/params";
import { define } from "../spec/define";
import * as decoders from "../spec/decoders";
import { DEFAULT_MMR, maintenance } from "./maintenance";
import { liquidationPrice, MM_BASES, MmBasis, requiredWithTable } from "./price";
import { liqDistanceKernel, liquidationKernel } from "./isolated.fast";

/**
 * Liquidation and bankruptcy prices of isolated positions, and the highest leverage a stop allows: the
 * worksheet functions (the Decimal formulas are in price.ts, the fast kernels in isolated.fast.ts).
 */

export const LIQPRICE = define(
  {
    side,
    entry: number({ gt: 0 }),
    leverage,
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    quantity: optional(number({ gt: 0 })),
    close_fee_rate: optional(number({ ge: 0, lt: 1 }), ZERO),
    mm_basis: optional(option(MM_BASES), "liquidation" as MmBasis),
  },
  (a) =>
    liquidationPrice({
      side: a.side,
      entry: a.entry,
      leverage: a.leverage,
      maintenance: a.mmr,
      amount: a.maint_amount,
      quantity: requiredWithTable(a.quantity, a.mmr, "quantity"),
      closeFeeRate: a.close_fee_rate,
      basis: a.mm_basis,
    }),
  { decode: decoders.LIQPRICE, kernel: liquidationKernel },
);

/** The price at which the initial margin is gone: linear entry·(1 − side/L); inverse entry·L/(L + side). */
export function bankruptcy(a: { side: Side; entry: Dec; leverage: Dec; inverse: boolean }): Dec {
  const price = a.inverse
    ? a.entry.mul(a.leverage).div(a.leverage.add(a.side))
    : a.entry.mul(D.sub(1, new D(a.side).div(a.leverage)));
  if (!price.isFinite() || price.lte(0)) {
    throw new NotAvailableError(
      undefined,
      a.inverse
        ? `no bankruptcy price: a ${a.leverage.toString()}x inverse short is covered in coin at any price`
        : `no bankruptcy price: a ${a.leverage.toString()}x long keeps margin down to a price of zero`,
    );
  }
  return price;
}
export const BANKRUPTCY = define(
  { side, entry: number({ gt: 0 }), leverage, inverse: optional(boolean, false) },
  bankruptcy,
);

/** How far price may move before liquidation, as a fraction of price: side·(price − liq)/price. */
export const LIQDISTANCE = define({ side, price: number({ gt: 0 }), liq_price: number({ gt: 0 }) }, (a) => a.price.sub(a.liq_price).mul(a.side).div(a.price), {
  decode: decoders.LIQDISTANCE,
  kernel: liqDistanceKernel,
});

/**
 * The highest leverage whose isolated liquidation price (Binance form, maintenance at the liquidation
 * price, no amount) is still beyond the stop: solving LP = stop for L gives
 * long 1/(1 − stop·(1 − mmr)/entry), short 1/(stop·(1 + mmr)/entry − 1).
 */
export function maxLeverage(a: { side: Side; entry: Dec; stop: Dec; mmr: Dec }): Dec {
  if (a.stop.sub(a.entry).mul(a.side).gte(0)) {
    throw new DomainError(
      "stop",
      `must be ${a.side === 1 ? "below" : "above"} entry for a ${a.side === 1 ? "long" : "short"}, got ${a.stop} with entry ${a.entry}`,
    );
  }
  const ratio = a.stop.mul(D.sub(1, a.mmr.mul(a.side))).div(a.entry);
  return a.side === 1 ? D.div(1, D.sub(1, ratio)) : D.div(1, ratio.sub(1));
}

export const MAXLEVERAGE = define(
  { side, entry: number({ gt: 0 }), stop: number({ gt: 0 }), mmr: maintenance(DEFAULT_MMR) },
  (a) => {
    if (a.mmr.kind === "tiers") {
      throw new InvalidArgumentError(
        "mmr",
        "needs one rate here: MAXLEVERAGE has no quantity, so there is no notional to choose a bracket by",
      );
    }
    return maxLeverage({ side: a.side, entry: a.entry, stop: a.stop, mmr: a.mmr.mmr });
  },
);
