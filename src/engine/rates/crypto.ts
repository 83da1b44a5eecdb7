import { D, Dec, ZERO } from "../spec/decimal";
import { DivisionByZeroError, DomainError, NotAvailableError } from "../spec/errors";
import { number, optional } from "../spec/params";
import { define } from "../spec/define";

/**
 * Crypto: market capitalisation, APR/APY and staking rewards.
 * Sources: CoinMarketCap FAQ (market cap = price × circulating supply; FDV = price × max supply);
 * LegalClarity and KindFinancial (APY = (1 + APR/n)^n − 1, continuous e^APR − 1; APR = n((1 + APY)^(1/n) − 1));
 * Exorium staking guide (simple reward amount × APR × days/365).
 */

export const MARKETCAP = define({ price: number({ ge: 0 }), supply: number({ ge: 0 }) }, (a) => a.price.mul(a.supply));

export const CAPPRICE = define({ market_cap: number({ ge: 0 }), supply: number({ ge: 0 }) }, (a) => {
  if (a.supply.isZero()) throw new DivisionByZeroError("supply", "is 0, so no price is implied");
  // A price of 0 does not exist (the catalog's rule for prices ≤ 0): a market cap of 0 implies no price.
  if (a.market_cap.isZero()) throw new NotAvailableError(undefined, "a market cap of 0 implies no price");
  return a.market_cap.div(a.supply);
});

const DAILY = new D(365);

/** APY from APR compounded `periods` times a year; periods = 0 means continuous: e^apr − 1. */
export function apy(a: { apr: Dec; periods: Dec }): Dec {
  if (a.periods.isZero()) return a.apr.exp().sub(1);
  const perPeriod = a.apr.div(a.periods);
  if (perPeriod.lt(-1)) {
    throw new DomainError("apr", `must be at least -periods (a loss of at most 100 % a period), got ${a.apr.toString()}`);
  }
  return perPeriod.add(1).pow(a.periods).sub(1);
}
export const APY = define({ apr: number(), periods: optional(number({ ge: 0 }), DAILY) }, apy);

/** The inverse of APY: n·((1 + apy)^(1/n) − 1); continuous (periods = 0): ln(1 + apy). */
export function apr(a: { apy: Dec; periods: Dec }): Dec {
  if (a.periods.isZero()) {
    if (a.apy.lte(-1)) throw new DomainError("apy", `must be greater than -1 for continuous compounding, got ${a.apy.toString()}`);
    return a.apy.add(1).ln();
  }
  return a.apy.add(1).pow(D.div(1, a.periods)).sub(1).mul(a.periods);
}
export const APR = define({ apy: number({ ge: -1 }), periods: optional(number({ ge: 0 }), DAILY) }, apr);

/**
 * Reward over `days`: simple amount·apr·days/365 when periods = 0, else
 * amount·((1 + apr/periods)^(periods·days/365) − 1), a fractional exponent for part of a period.
 */
export function stakeReward(a: { amount: Dec; apr: Dec; days: Dec; periods: Dec }): Dec {
  if (a.periods.isZero()) return a.amount.mul(a.apr).mul(a.days).div(DAILY);
  const perPeriod = a.apr.div(a.periods);
  if (perPeriod.lt(-1)) {
    throw new DomainError("apr", `must be at least -periods (a loss of at most 100 % a period), got ${a.apr.toString()}`);
  }
  return a.amount.mul(perPeriod.add(1).pow(a.periods.mul(a.days).div(DAILY)).sub(1));
}
export const STAKEREWARD = define(
  { amount: number({ ge: 0 }), apr: number(), days: number({ ge: 0 }), periods: optional(number({ ge: 0 }), ZERO) },
  stakeReward,
);
