import { D, Dec, ZERO } from "./decimal";
import { DomainError, NotAvailableError } from "./errors";
import { Side } from "./read";
import { boolean, define, leverage, number, optional, option, side } from "./spec";
import { maintenance, Maintenance } from "./tiers";

/**
 * Liquidation and bankruptcy prices of isolated positions.
 * Sources: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (maintenance
 * margin on the notional at the liquidation price); Bybit "Liquidation Price (USDT Contract)" and BitMEX
 * (maintenance margin on entry value); Gate/OKX/Phemex (the fee to close counted in the requirement).
 */

export type MmBasis = "liquidation" | "entry";
export const MM_BASES: readonly MmBasis[] = ["liquidation", "entry"];

const DEFAULT_MMR = new D(0.005);

/**
 * Solves margin + side·q·(LP − E) = maintenance(LP) + close fee(LP) for LP, with maintenance margin
 * `notional·mmr − amount` taken on the notional at LP (`"liquidation"`) or at entry (`"entry"`), and the
 * close fee charged on the notional at LP.
 */
export function liquidationFromMargin(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  margin: Dec;
  mmr: Dec;
  amount: Dec;
  closeFeeRate: Dec;
  basis: MmBasis;
}): Dec {
  const q = a.quantity;
  const entryValue = q.mul(a.entry);
  const price =
    a.basis === "liquidation"
      ? a.margin.add(a.amount).sub(entryValue.mul(a.side)).div(q.mul(a.mmr.add(a.closeFeeRate)).sub(q.mul(a.side)))
      : entryValue.mul(a.side).sub(a.margin).add(entryValue.mul(a.mmr)).sub(a.amount).div(q.mul(D.sub(a.side, a.closeFeeRate)));
  return checkLiquidation(price, a.side, a.entry);
}

/** A liquidation price must be positive and on the losing side of entry. */
export function checkLiquidation(price: Dec, side: Side, entry: Dec): Dec {
  if (!price.isFinite() || price.lte(0)) {
    throw new NotAvailableError(
      undefined,
      "no liquidation price: the margin covers a fall to zero, so this long cannot be liquidated",
    );
  }
  if ((side === 1 && price.gte(entry)) || (side === -1 && price.lte(entry))) {
    throw new DomainError(
      undefined,
      "liquidated as it opens: the maintenance margin is at least the margin (leverage × mmr ≥ 1)",
    );
  }
  return price;
}

export function liquidationPrice(a: {
  side: Side;
  entry: Dec;
  leverage: Dec;
  maintenance: Maintenance;
  amount: Dec;
  quantity: Dec;
  closeFeeRate: Dec;
  basis: MmBasis;
}): Dec {
  const margin = a.quantity.mul(a.entry).div(a.leverage);
  if (a.maintenance.kind === "rate") {
    return liquidationFromMargin({ ...a, margin, mmr: a.maintenance.mmr });
  }
  throw new NotAvailableError("mmr", "tier tables are not supported yet");
}

export const LIQPRICE = define(
  {
    side,
    entry: number({ gt: 0 }),
    leverage,
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    quantity: optional(number({ gt: 0 }), new D(1)),
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
      quantity: a.quantity,
      closeFeeRate: a.close_fee_rate,
      basis: a.mm_basis,
    }),
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
export const LIQDISTANCE = define(
  { side, price: number({ gt: 0 }), liq_price: number({ gt: 0 }) },
  (a) => a.price.sub(a.liq_price).mul(a.side).div(a.price),
);
