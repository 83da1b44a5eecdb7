import { D, Dec } from "../spec/decimal";
import { DomainError, InvalidArgumentError, NotAvailableError } from "../spec/errors";
import { Side } from "../spec/read";
import { roundings } from "../arith/certify";
import { bracketsOf, findTier, Maintenance } from "./tiers";
import { linearPosition, walkBrackets } from "./walk";

/**
 * The isolated liquidation price in Decimal, and where its formula rounds.
 * Sources: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (maintenance
 * margin on the notional at the liquidation price); Bybit "Liquidation Price (USDT Contract)" and BitMEX
 * (maintenance margin on entry value); Gate/OKX/Phemex (the fee to close counted in the requirement).
 */

export type MmBasis = "liquidation" | "entry";
export const MM_BASES: readonly MmBasis[] = ["liquidation", "entry"];

/**
 * Solves margin + side·q·(LP − E) = maintenance(LP) + close fee(LP) for LP, with maintenance margin
 * `notional·mmr − amount` taken on the notional at LP (`"liquidation"`) or at entry (`"entry"`), and the
 * close fee charged on the notional at LP. Where it rounds: LIQUIDATION_ROUNDINGS and ENTRY_BASIS_ROUNDINGS.
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

/**
 * Terms of the rounding lists below, as magnitudes in the units of the numerator multiplied through by L (the
 * fast kernel's exact fraction): qE = q·E, qEL = q·E·L, qEmL = q·E·mmr·L, LA = L·maint_amount, and the exact
 * numerator itself.
 */
export const LIQUIDATION_TERMS = ["qE", "qEL", "qEmL", "LA", "numerator"] as const;
export type LiquidationTerms = typeof LIQUIDATION_TERMS;

/**
 * Where `liquidationFromMargin` rounds on the "liquidation" basis, with the margin M = q·E/L its caller
 * computes (`liquidationPrice`): q·E, q·(mmr + fee) and side·q are exact for short decimals; the denominator
 * is exact, so only the numerator's steps and the quotient round.
 */
export const LIQUIDATION_ROUNDING_POINTS = [
  { step: "margin M = q·E/L", into: "numerator", size: ["qE"] },
  { step: "M + maint_amount", into: "numerator", size: ["qE", "LA"] },
  { step: "(M + maint_amount) − side·q·E", into: "numerator", size: ["numerator"] },
  { step: "÷ (q·(mmr + fee) − side·q)", into: "result" },
] as const;
export const LIQUIDATION_ROUNDINGS = roundings(LIQUIDATION_TERMS, LIQUIDATION_ROUNDING_POINTS);

/** Where it rounds on the "entry" basis: side·q·E − M + q·E·mmr − amount, over q·(side − fee) (exact). */
export const ENTRY_BASIS_ROUNDINGS = roundings(LIQUIDATION_TERMS, [
  { step: "margin M = q·E/L", into: "numerator", size: ["qE"] },
  { step: "side·q·E − M", into: "numerator", size: ["qEL", "qE"] },
  { step: "q·E·mmr", into: "numerator", size: ["qEmL"] },
  { step: "(side·q·E − M) + q·E·mmr", into: "numerator", size: ["qEL", "qE", "qEmL"] },
  { step: "− maint_amount", into: "numerator", size: ["numerator"] },
  { step: "÷ q·(side − fee)", into: "result" },
]);

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

const OPENS_ISOLATED =
  "liquidated as it opens: the maintenance margin at entry is at least the margin (leverage × mmr ≥ 1)";

/** A position's size where none is given with a rate: one unit (the price is the same for any size then). */
export const DEFAULT_SIZE = 1;

/** A size argument that is optional with a rate (default DEFAULT_SIZE) but required with a tier table. */
export function requiredWithTable(value: Dec | undefined, m: Maintenance, field: string): Dec {
  if (value !== undefined) return value;
  if (m.kind === "tiers") {
    throw new InvalidArgumentError(field, "is required with a tier table: the bracket depends on the position's notional");
  }
  return new D(DEFAULT_SIZE);
}

/**
 * The isolated liquidation price with margin q·E/L: with a rate, the formula above; with a tier table, on the
 * "entry" basis the bracket of the notional at entry, else the bracket walk (walk.ts).
 */
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
  const tiers = bracketsOf(a.maintenance, a.amount);
  if (a.basis === "entry") {
    const t = findTier(tiers, a.quantity.mul(a.entry), "mmr");
    return liquidationFromMargin({ ...a, margin, mmr: t.mmr, amount: t.amount });
  }
  return walkBrackets(
    linearPosition({ ...a, balance: margin, opens: OPENS_ISOLATED }),
    tiers,
    "mmr",
  );
}

