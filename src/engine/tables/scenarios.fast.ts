import * as X from "../arith/exact";
import type { Side } from "../spec/read";
import { isolatedLiquidation } from "../liquidation/isolated.fast";
import { type FastTiers, surely } from "../liquidation/tiers.fast";
import { MAX_CELLS } from "./common";
import { EQUITY_ROUNDINGS, LEVEL_ROUNDINGS, ROE_ROUNDINGS, SCENARIO_HEADER } from "./scenarios";

/**
 * SCENARIOS' kernel, for plain numbers without a balance (isolated margin), in exact scaled integers: with
 * M = E·q/L and PnL = side·(P − E)·q − fee·(E + P)·q (an integer over a power of ten), Move = (P − E)/E,
 * ROE = PnL·L/(E·q), Equity = (E·q + L·PnL)/L, Margin level = (E·q + L·PnL)/(E·q), each one integer over
 * another, certified against the Decimal formula's rounding points (scenarios.ts). Status compares each price
 * with LIQPRICE's kernel's answer and is taken only when certain. A balance, a liquidation price the kernel
 * leaves to Decimal, a tie, or a table past the size limit are left to the Decimal path.
 */
export function scenariosKernel(a: {
  side: Side;
  entry: number;
  quantity: number;
  leverage: number;
  prices: number[];
  balance: number | undefined;
  mmr: number | FastTiers;
  fee_rate: number;
}): (number | string)[][] | undefined {
  const { side: s, entry: e, quantity: q, leverage: l, prices } = a;
  if (a.balance !== undefined || (prices.length + 1) * SCENARIO_HEADER.length > MAX_CELLS) return undefined;
  const ke = X.decimals(e);
  const kq = X.decimals(q);
  const kl = X.decimals(l);
  const kf = X.decimals(a.fee_rate);
  if ((ke | kq | kl | kf) < 0) return undefined;
  const liq = isolatedLiquidation({ side: s, entry: e, leverage: l, quantity: q, fee: 0 }, a.mmr, undefined);
  if (liq === undefined) return undefined;
  const p: Scaled = { s, e, q, l, em: X.integer(e, ke), ke, qm: X.integer(q, kq), kq, lm: X.integer(l, kl), kl, fm: X.integer(a.fee_rate, kf), kf };
  const out: (number | string)[][] = [SCENARIO_HEADER.slice()];
  for (let i = 0; i < prices.length; i++) {
    const row = scenarioRow(p, prices[i]!, liq);
    if (row === undefined) return undefined;
    out.push(row);
  }
  return out;
}

/** The position in scaled integers (m over 10^k), with its entry, quantity, leverage and side as plain numbers. */
interface Scaled {
  s: Side;
  e: number;
  q: number;
  l: number;
  em: number;
  ke: number;
  qm: number;
  kq: number;
  lm: number;
  kl: number;
  fm: number;
  kf: number;
}

/** One price's row, or undefined where a cell is not certain. */
function scenarioRow(a: Scaled, p: number, liq: number): (number | string)[] | undefined {
  const kp = X.decimals(p);
  if (kp < 0) return undefined;
  // prices at scale kx = max(ke, kp); PnL at scale kn = kx + kq + kf
  const kx = a.ke > kp ? a.ke : kp;
  const entry = X.lift(a.em, a.ke, kx);
  const price = X.lift(X.integer(p, kp), kp, kx);
  const gross = X.product(X.exact(a.s * (price - entry)), a.qm);
  const fees = X.product(X.product(X.exact(entry + price), a.qm), a.fm);
  const kn = kx + a.kq + a.kf;
  const pnl = X.sum(gross, kx + a.kq, -fees, kn);
  const eq = X.product(a.em, a.qm); // E·q, scale keq
  const keq = a.ke + a.kq;
  const lpnl = X.product(a.lm, pnl); // L·PnL, scale kn + kl
  const equity = X.sum(eq, keq, lpnl, kn + a.kl); // E·q + L·PnL, scale ke
  const ke = keq > kn + a.kl ? keq : kn + a.kl;
  const Eq = a.e * a.q;
  const eqSize = X.magnitude(equity, ke);
  const move = X.ratio(X.exact(price - entry), kx, entry, kx);
  const pnlValue = X.value(pnl, kn);
  // the terms Eq, numerator, denominator of each fraction (scenarios.ts)
  const lpnlSize = X.magnitude(lpnl, kn + a.kl);
  const roe = X.ratio(lpnl, kn + a.kl, eq, keq, ROE_ROUNDINGS.spread(lpnlSize, Eq, Eq, lpnlSize, Eq));
  const equityValue = X.ratio(equity, ke, a.lm, a.kl, EQUITY_ROUNDINGS.spread(eqSize, a.l, Eq, eqSize, a.l));
  const level = X.ratio(equity, ke, eq, keq, LEVEL_ROUNDINGS.spread(eqSize, Eq, Eq, eqSize, Eq));
  const beyond = surely(p, liq);
  if (move === undefined || pnlValue === undefined || roe === undefined || equityValue === undefined || level === undefined || beyond === 0) {
    return undefined;
  }
  return [p, move, pnlValue, roe, equityValue, level, beyond === -a.s ? "LIQUIDATED" : "OK"];
}
