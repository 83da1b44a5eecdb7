import * as X from "./exact";
import { fastIsolatedLiquidation } from "./liquidation";
import { surely } from "./tierfast";

const isArray = Array.isArray;

/**
 * SCENARIOS for plain numbers without a balance (isolated margin), in exact scaled integers (exact.ts):
 * with M = E·q/L and PnL = side·(P − E)·q − fee·(E + P)·q (an integer over a power of ten),
 * Move = (P − E)/E, ROE = PnL·L/(E·q), Equity = (E·q + L·PnL)/L, Margin level = (E·q + L·PnL)/(E·q),
 * each one integer over another, correctly rounded. Status compares each price with LIQPRICE's fast
 * answer and is taken only when certain. Any other case (a balance, text, a price without a short exact
 * form, a liquidation price the fast path leaves to Decimal, a tie) is left to the Decimal path.
 */
export function fastScenarios(raw: ArrayLike<unknown>, header: readonly string[], maxCells: number): (number | string)[][] | undefined {
  const s = X.quickSide(raw[0]);
  const e = X.num(raw[1]);
  const q = X.num(raw[2]);
  const l = X.leverage(raw[3]);
  const prices = raw[4];
  const fee = X.numOr(raw[7], 0);
  if (s === 0 || !X.blank(raw[5]) || !isArray(prices)) return undefined;
  if (!(e > 0 && q > 0 && l > 0 && fee >= 0 && fee < 1)) return undefined;
  const ke = X.decimals(e);
  const kq = X.decimals(q);
  const kl = X.decimals(l);
  const kf = X.decimals(fee);
  if ((ke | kq | kl | kf) < 0) return undefined;
  const liq = fastIsolatedLiquidation(s, e, l, raw[6], q);
  if (liq === undefined) return undefined;
  const em = X.integer(e, ke);
  const qm = X.integer(q, kq);
  const lm = X.integer(l, kl);
  const fm = X.integer(fee, kf);
  const eq = X.product(em, qm); // E·q, scale ke + kq
  const out: (number | string)[][] = [header.slice()];
  for (let i = 0; i < prices.length; i++) {
    const row = prices[i];
    if (!isArray(row)) return undefined;
    for (let j = 0; j < row.length; j++) {
      const p = row[j];
      if (typeof p !== "number") {
        if (X.blank(p)) continue;
        return undefined;
      }
      const kp = X.decimals(p);
      if (kp < 0 || !(p > 0)) return undefined;
      // prices at scale kx = max(ke, kp); PnL at scale kn = kx + kq + kf
      const kx = ke > kp ? ke : kp;
      const entry = X.lift(em, ke, kx);
      const price = X.lift(X.integer(p, kp), kp, kx);
      const gross = X.product(X.exact(s * (price - entry)), qm);
      const fees = X.product(X.product(X.exact(entry + price), qm), fm);
      const kn = kx + kq + kf;
      const pnl = X.sum(gross, kx + kq, -fees, kn);
      const equity = X.sum(eq, ke + kq, X.product(lm, pnl), kn + kl); // (E·q + L·PnL), scale ke + kq ∨ kn + kl
      const keq = ke + kq > kn + kl ? ke + kq : kn + kl;
      const move = X.ratio(X.exact(price - entry), kx, entry, kx);
      const pnlValue = X.value(pnl, kn);
      const roe = X.ratio(X.product(pnl, lm), kn + kl, eq, ke + kq);
      const equityValue = X.ratio(equity, keq, lm, kl);
      const level = X.ratio(equity, keq, eq, ke + kq);
      const beyond = surely(p, liq);
      if (move === undefined || pnlValue === undefined || roe === undefined || equityValue === undefined || level === undefined || beyond === 0) {
        return undefined;
      }
      out.push([p, move, pnlValue, roe, equityValue, level, beyond === -s ? "LIQUIDATED" : "OK"]);
    }
    if (out.length * header.length > maxCells) return undefined;
  }
  return out.length > 1 ? out : undefined;
}
