import { Dec } from "../spec/decimal";
import { DomainError, NotAvailableError } from "../spec/errors";
import { Side } from "../spec/read";
import { Tier, tierHolds, tierIndex } from "./tiers";
import { inverseSkip, linearSkip } from "./skip";

/**
 * How a position's notional and its surplus over maintenance change with price: everything the bracket
 * search needs, for linear and inverse contracts alike.
 */
export interface Position {
  side: Side;
  entry: Dec;
  /** Notional rises with price (linear, in quote currency) or falls (inverse, in coin). */
  notionalRises: boolean;
  notional(price: Dec): Dec;
  priceAt(notional: Dec): Dec;
  /** Balance + PnL at `price`, less the maintenance requirement (and close fee) with bracket `t`. */
  surplus(price: Dec, t: Tier): Dec;
  /** The price at which the surplus with bracket `t` is zero (undefined when there is none). */
  root(t: Tier): Dec | undefined;
  /** Message when the position is at or past liquidation at entry. */
  opens: string;
  /** Message when the position survives any move (a fall to zero, or any rise). */
  survives: string;
  /**
   * Where the bracket walk below must start working in Decimal: the first bracket, from `start` in
   * direction `dir`, that it cannot be certain to pass (see `linearSkip`); −1 or the bracket count when it
   * certainly passes them all. Absent: every bracket is walked in Decimal.
   */
  skip?(tiers: readonly Tier[], start: number, dir: number): number;
}

/**
 * A linear position backed by `balance` (isolated margin, or cross wallet − other maintenance + other
 * PnL): balance + side·q·(P − E) = q·P·mmr − amount + fee·q·P at liquidation.
 */
export function linearPosition(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  balance: Dec;
  closeFeeRate: Dec;
  opens: string;
  survives?: string;
}): Position {
  const q = a.quantity;
  return {
    side: a.side,
    entry: a.entry,
    notionalRises: true,
    notional: (p) => q.mul(p),
    priceAt: (n) => n.div(q),
    surplus: (p, t) =>
      a.balance
        .add(p.sub(a.entry).mul(q).mul(a.side))
        .sub(q.mul(p).mul(t.mmr).sub(t.amount))
        .sub(q.mul(p).mul(a.closeFeeRate)),
    root: (t) => {
      const den = q.mul(t.mmr.add(a.closeFeeRate)).sub(q.mul(a.side));
      return den.isZero() ? undefined : a.balance.add(t.amount).sub(q.mul(a.entry).mul(a.side)).div(den);
    },
    opens: a.opens,
    survives: a.survives ?? "no liquidation price: the margin covers a fall to zero, so this long cannot be liquidated",
    skip: (tiers, start, dir) =>
      linearSkip(a.side, q.toNumber(), a.entry.toNumber(), a.balance.toNumber(), a.closeFeeRate.toNumber(), tiers, start, dir),
  };
}


/**
 * An inverse position of contracts·cv (quote currency) backed by `wallet` coin:
 * wallet + side·Q·(1/E − 1/P) = Q·mmr/P − amount at liquidation (notional in coin Q/P).
 */
export function inversePosition(a: { side: Side; entry: Dec; contracts: Dec; contractValue: Dec; wallet: Dec }): Position {
  const value = a.contracts.mul(a.contractValue);
  return {
    side: a.side,
    entry: a.entry,
    notionalRises: false,
    notional: (p) => value.div(p),
    priceAt: (n) => value.div(n),
    surplus: (p, t) =>
      a.wallet
        .add(value.div(a.entry).sub(value.div(p)).mul(a.side))
        .sub(value.div(p).mul(t.mmr).sub(t.amount)),
    root: (t) => {
      const den = a.wallet.add(t.amount).add(value.div(a.entry).mul(a.side));
      return den.isZero() ? undefined : value.mul(t.mmr.add(a.side)).div(den);
    },
    opens: "liquidated as it opens: the wallet does not exceed the maintenance margin at entry",
    survives:
      a.side === 1
        ? "no liquidation price: the margin covers any fall"
        : "no liquidation price: the coin margin covers any rise, so this inverse short cannot be liquidated",
    skip: (tiers, start, dir) => inverseSkip(a.side, value.toNumber(), a.entry.toNumber(), a.wallet.toNumber(), tiers, start, dir),
  };
}


/**
 * The liquidation price with maintenance taken at the liquidation price, bracket by bracket: starting in
 * the bracket that holds the entry notional, follow the price in the losing direction and return the
 * first price at which the surplus reaches zero, whether inside a bracket (the root of that bracket's
 * equation, whose notional the bracket holds: the "search until consistent" of Binance's FAQ) or at a
 * bracket edge where a table with its own amounts steps the requirement past the balance. The brackets it is
 * sure to pass are passed in doubles first (skip.ts; test/engine/walk.test.ts compares every walk with and
 * without them, outcome for outcome).
 */
export function walkBrackets(pos: Position, tiers: readonly Tier[], field: string): Dec {
  const start = tierIndex(tiers, pos.notional(pos.entry), field, "the notional at entry");
  if (pos.surplus(pos.entry, tiers[start]!).lte(0)) throw new DomainError(undefined, pos.opens);
  const priceFalls = pos.side === 1;
  const dir = priceFalls === pos.notionalRises ? -1 : 1;
  const first = pos.skip === undefined ? start : pos.skip(tiers, start, dir);
  for (let i = first; i >= 0 && i < tiers.length; i += dir) {
    const t = tiers[i]!;
    let from = pos.entry;
    if (i !== start) {
      from = pos.priceAt(dir > 0 ? t.floor : t.cap);
      if (pos.surplus(from, t).lte(0)) return from;
    }
    const r = pos.root(t);
    if (
      r !== undefined &&
      r.isFinite() &&
      r.gt(0) &&
      (priceFalls ? r.lt(from) : r.gt(from)) &&
      tierHolds(tiers, i, pos.notional(r))
    ) {
      return r;
    }
  }
  const edge = dir < 0 ? tiers[0]! : tiers[tiers.length - 1]!;
  if ((dir < 0 && edge.floor.isZero()) || (dir > 0 && !edge.cap.isFinite())) {
    throw new NotAvailableError(undefined, pos.survives);
  }
  throw new NotAvailableError(
    field,
    `no liquidation price within the tier table: the notional passes ${dir < 0 ? edge.floor : edge.cap} (row ${edge.row}) first`,
  );
}

