import { D, Dec, ONE } from "../spec/decimal";
import { Side } from "../spec/read";
import { number, optional, side } from "../spec/params";
import { define } from "../spec/define";
import { LOT } from "../forex/forex";

/**
 * Funding, financing and swaps.
 * Sources: Binance FAQ "Introduction to Binance Futures Funding Rates" (fee = position value × funding
 * rate, positive rate: longs pay shorts; F = P + clamp(I − P, −0.05 %, +0.05 %), I = 0.01 % per 8 h);
 * Bybit "Funding Fee Calculation"; freqtrade `calculate_funding_fees`; MT5 swap help via FXCE and
 * UltimaMarkets (points mode swap_points × point × contract × lots × nights; percent mode
 * lots × contract × price × rate / day basis); Alpari; OrientFinance and IG (financing
 * notional × annual rate × days / 365).
 */

/** The signed funding cash flow to the trader: −side·notional·rate·periods. */
export function fundingFee(a: { side: Side; notional: Dec; rate: Dec; periods: Dec }): Dec {
  return a.notional.mul(a.rate).mul(a.periods).mul(-a.side);
}
export const FUNDINGFEE = define(
  { side, notional: number({ ge: 0 }), rate: number(), periods: optional(number({ ge: 0 }), ONE) },
  fundingFee,
);

/** Binance funding rate: P + clamp(I − P, −clamp, +clamp). */
export function fundingRate(a: { premiumIndex: Dec; interestRate: Dec; clamp: Dec }): Dec {
  const gap = a.interestRate.sub(a.premiumIndex);
  return a.premiumIndex.add(D.min(a.clamp, D.max(a.clamp.neg(), gap)));
}
export const FUNDINGRATE = define(
  {
    premium_index: number(),
    interest_rate: optional(number(), new D("0.0001")),
    clamp: optional(number({ ge: 0 }), new D("0.0005")),
  },
  (a) => fundingRate({ premiumIndex: a.premium_index, interestRate: a.interest_rate, clamp: a.clamp }),
);

/** Simple annualised funding: rate·(24/interval_hours)·365. */
export function fundingApr(a: { rate: Dec; intervalHours: Dec }): Dec {
  return a.rate.mul(24).div(a.intervalHours).mul(365);
}
export const FUNDINGAPR = define(
  { rate: number(), interval_hours: optional(number({ gt: 0 }), new D(8)) },
  (a) => fundingApr({ rate: a.rate, intervalHours: a.interval_hours }),
);

/** Overnight financing or stock-borrow fee: notional·annual_rate·days/day_basis. */
export function financing(a: { notional: Dec; annualRate: Dec; days: Dec; dayBasis: Dec }): Dec {
  return a.notional.mul(a.annualRate).mul(a.days).div(a.dayBasis);
}
export const FINANCING = define(
  {
    notional: number({ ge: 0 }),
    annual_rate: number(),
    days: number({ ge: 0 }),
    day_basis: optional(number({ gt: 0 }), new D(365)),
  },
  (a) => financing({ notional: a.notional, annualRate: a.annual_rate, days: a.days, dayBasis: a.day_basis }),
);

/** Forex swap in the quote currency (MT5 points mode): swap_points·point·contract_size·lots·nights. */
export function swap(a: { lots: Dec; swapPoints: Dec; nights: Dec; point: Dec; contractSize: Dec }): Dec {
  return a.swapPoints.mul(a.point).mul(a.contractSize).mul(a.lots).mul(a.nights);
}
export const SWAP = define(
  {
    lots: number({ ge: 0 }),
    swap_points: number(),
    nights: optional(number({ ge: 0 }), ONE),
    point: optional(number({ gt: 0 }), new D("0.00001")),
    contract_size: optional(number({ gt: 0 }), LOT),
  },
  (a) =>
    swap({ lots: a.lots, swapPoints: a.swap_points, nights: a.nights, point: a.point, contractSize: a.contract_size }),
);
