import { Dec, ONE, ZERO } from "../spec/decimal";
import { Side } from "../spec/read";
import type { Table } from "../spec/define";
import { roundings } from "../arith/certify";
import { liquidationPrice } from "../liquidation/price";
import { walletLiquidation } from "../liquidation/wallet";
import { type Maintenance } from "../liquidation/tiers";
import { DEFAULT_CALL_LEVEL, DEFAULT_STOPOUT_LEVEL, marginStatus } from "../margin/margin";
import { pnl } from "../margin/pnl";
import { cellOf, checkSize, liquidated } from "./common";

export const SCENARIO_HEADER = ["Price", "Move", "PnL", "ROE", "Equity", "Margin level", "Status"];

/**
 * One row per price: Move (P − E)/E, PnL as PNL computes it, ROE = PnL/margin with the margin E·q/L, Equity =
 * balance + PnL (the margin when no balance is given: isolated), Margin level = equity/margin, and the status
 * against LIQPRICE (isolated) or WALLETLIQ and MARGINSTATUS's default levels (with a balance).
 */
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
    else status = marginStatus({ equity, usedMargin: margin, callLevel: DEFAULT_CALL_LEVEL, stopoutLevel: DEFAULT_STOPOUT_LEVEL });
    rows.push([price, price.sub(a.entry).div(a.entry), p, p.div(margin), equity, level, status]);
  }
  return rows;
}

/**
 * Where `scenarios` rounds (isolated, no balance), for the fast kernel's fractions: ROE = PnL·L/(E·q), Equity =
 * (E·q + L·PnL)/L, Margin level = (E·q + L·PnL)/(E·q). The margin M = E·q/L is rounded; E·q and the PnL are
 * exact for short decimals. Terms: Eq = E·q and the fraction's numerator and denominator, in its units.
 */
const TERMS = ["Eq", "numerator", "denominator"] as const;
const MARGIN = { step: "margin M = E·q/L", into: "numerator", size: ["Eq"] } as const;
export const ROE_ROUNDINGS = roundings(TERMS, [
  { step: "margin M = E·q/L (the divisor)", into: "denominator", size: ["denominator"] },
  { step: "PnL ÷ M", into: "result" },
]);
export const EQUITY_ROUNDINGS = roundings(TERMS, [MARGIN, { step: "M + PnL", into: "numerator", size: ["numerator"] }]);
export const LEVEL_ROUNDINGS = roundings(TERMS, [
  MARGIN,
  { step: "M + PnL", into: "numerator", size: ["numerator"] },
  { step: "margin M = E·q/L (the divisor)", into: "denominator", size: ["denominator"] },
  { step: "(M + PnL) ÷ M", into: "result" },
]);
