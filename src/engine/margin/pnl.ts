import { D, Dec, ZERO } from "../spec/decimal";
import { NotAvailableError } from "../spec/errors";
import * as decoders from "../spec/decoders";
import { pnlKernel, roeKernel } from "./pnl.fast";
import { Side } from "../spec/read";
import { boolean, leverage, number, optional, side } from "../spec/params";
import { define } from "../spec/define";

/**
 * Profit, return and price targets for linear positions (stocks, crypto USDⓈ-M, CFDs, spread bets).
 * Sources: Binance Futures calculator notes (PnL, ROE = PnL / initial margin, target price
 * `entry·(1 + side·ROE/L)`), Bybit "Profit & Loss calculations" (fees on each side's notional).
 */

const price = () => number({ gt: 0 });
const feeRate = () => optional(number({ ge: 0, lt: 1 }), ZERO);

/** Net profit: side·(exit − entry)·q·cs − fee_rate·(entry + exit)·q·cs − fixed_fees. */
export function pnl(a: {
  side: Side;
  entry: Dec;
  exit: Dec;
  quantity: Dec;
  contractSize: Dec;
  feeRate: Dec;
  fixedFees: Dec;
}): Dec {
  const units = a.quantity.mul(a.contractSize);
  const gross = a.exit.sub(a.entry).mul(units).mul(a.side);
  const fees = a.entry.add(a.exit).mul(units).mul(a.feeRate);
  return gross.sub(fees).sub(a.fixedFees);
}
export const PNL = define(
  {
    side,
    entry: price(),
    exit: price(),
    quantity: number({ ge: 0 }),
    contract_size: optional(number({ gt: 0 }), new D(1)),
    fee_rate: feeRate(),
    fixed_fees: optional(number(), ZERO),
  },
  (a) =>
    pnl({
      side: a.side,
      entry: a.entry,
      exit: a.exit,
      quantity: a.quantity,
      contractSize: a.contract_size,
      feeRate: a.fee_rate,
      fixedFees: a.fixed_fees,
    }),
  { decode: decoders.PNL, kernel: pnlKernel },
);

/** Return on initial margin: (side·(exit − entry) − fee_rate·(entry + exit)) / (entry / leverage). */
export function roe(a: { side: Side; entry: Dec; exit: Dec; leverage: Dec; feeRate: Dec }): Dec {
  const move = a.exit.sub(a.entry).mul(a.side).sub(a.entry.add(a.exit).mul(a.feeRate));
  return move.mul(a.leverage).div(a.entry);
}
export const ROE = define(
  { side, entry: price(), exit: price(), leverage, fee_rate: feeRate() },
  (a) => roe({ ...a, feeRate: a.fee_rate }),
  { decode: decoders.ROE, kernel: roeKernel },
);

/** Exit price for a target ROE: linear entry·(1 + side·roe/L); inverse side·entry/(side − roe/L). */
export function targetPrice(a: { side: Side; entry: Dec; roe: Dec; leverage: Dec; inverse: boolean }): Dec {
  const move = a.roe.div(a.leverage);
  const p = a.inverse ? a.entry.mul(a.side).div(move.neg().add(a.side)) : a.entry.mul(move.mul(a.side).add(1));
  if (!p.isFinite() || p.lte(0)) {
    throw new NotAvailableError(
      undefined,
      `no such price: a ${a.side === 1 ? "long" : "short"} at ${a.leverage.toString()}x cannot return ${a.roe.mul(100).toString()} %`,
    );
  }
  return p;
}
export const TARGETPRICE = define(
  { side, entry: price(), roe: number(), leverage, inverse: optional(boolean, false) },
  targetPrice,
);

/**
 * The exit at which net PnL is zero: long (entry·(1 + fo) + fixed/q)/(1 − fc),
 * short (entry·(1 − fo) − fixed/q)/(1 + fc).
 */
export function breakEven(a: {
  side: Side;
  entry: Dec;
  openFeeRate: Dec;
  closeFeeRate: Dec;
  fixedFees: Dec;
  quantity: Dec;
}): Dec {
  const perUnit = a.fixedFees.div(a.quantity);
  return breakEvenAt(a.entry, perUnit.mul(a.side), breakEvenFactors(a.side, a.openFeeRate, a.closeFeeRate));
}

/** The parts of BREAKEVEN that do not depend on the entry: 1 + side·fo and 1 − side·fc. */
export function breakEvenFactors(side: Side, openFeeRate: Dec, closeFeeRate: Dec): { open: Dec; close: Dec } {
  return { open: openFeeRate.mul(side).add(1), close: closeFeeRate.mul(side).neg().add(1) };
}

/** BREAKEVEN from its factors: (entry·(1 + side·fo) + side·fixed/q)/(1 − side·fc). */
export function breakEvenAt(entry: Dec, fixedPerUnit: Dec, f: { open: Dec; close: Dec }): Dec {
  const p = entry.mul(f.open).add(fixedPerUnit).div(f.close);
  if (p.lte(0)) throw new NotAvailableError(undefined, "no break-even price: the fees exceed what a short can earn");
  return p;
}
export const BREAKEVEN = define(
  {
    side,
    entry: price(),
    open_fee_rate: feeRate(),
    close_fee_rate: optional(number({ ge: 0, lt: 1 })),
    fixed_fees: optional(number(), ZERO),
    quantity: optional(number({ gt: 0 }), new D(1)),
  },
  (a) =>
    breakEven({
      side: a.side,
      entry: a.entry,
      openFeeRate: a.open_fee_rate,
      closeFeeRate: a.close_fee_rate ?? a.open_fee_rate,
      fixedFees: a.fixed_fees,
      quantity: a.quantity,
    }),
);
