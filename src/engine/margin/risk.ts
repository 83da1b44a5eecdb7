import { D, Dec, ZERO } from "../spec/decimal";
import { DivisionByZeroError, DomainError, NotAvailableError } from "../spec/errors";
import { Side } from "../spec/read";
import { roundToStep } from "./rounding";
import { leverage, number, optional, side } from "../spec/params";
import { define } from "../spec/define";

/**
 * Risk, position sizing, stops and targets.
 * Sources: BabyPips School "Position sizing" (risk amount = balance × risk %, size = risk / stop
 * distance; Newbie Ned: $5,000, 1 %, 200 pips → 2,500 units); inverse sizing in coin per Binance COIN-M /
 * BitMEX PnL (contracts·cv·|1/entry − 1/exit|); TradingVerdict and Quant-View R:R (R = |target − entry| /
 * |entry − stop|, break-even win rate 1/(1 + R), expectancy W·R − (1 − W)).
 */

const price = () => number({ gt: 0 });

function sideWord(s: Side): string {
  return s === 1 ? "long" : "short";
}

/** |entry − stop|, which a size or ratio divides by: zero is the user's #DIV/0!. */
function stopDistance(entry: Dec, stop: Dec): Dec {
  const d = entry.sub(stop).abs();
  if (d.isZero()) throw new DivisionByZeroError("stop", "equals entry, so the stop distance is 0");
  return d;
}

/** A stop must lie on the losing side of entry: below it for a long, above it for a short. */
function checkStopSide(s: Side, entry: Dec, stop: Dec): void {
  if (stop.sub(entry).mul(s).gt(0)) {
    throw new DomainError(
      "stop",
      `a ${sideWord(s)}'s stop must be ${s === 1 ? "below" : "above"} entry ${entry.toString()}, got ${stop.toString()}`,
    );
  }
}

/**
 * The rule for a stop, for a caller that checks one before computing (the task pane's form): on the losing
 * side of entry (a DomainError otherwise) and not at it (a DivisionByZeroError: the stop distance would be 0).
 */
export function checkStop(a: { side: Side; entry: Dec; stop: Dec }): void {
  checkStopSide(a.side, a.entry, a.stop);
  stopDistance(a.entry, a.stop);
}

/**
 * The rule for a take-profit target, for RR and for a caller that checks one before computing (the task
 * pane's form): not on the losing side of entry (a DomainError otherwise). At entry it is allowed, a reward of 0.
 */
export function checkTarget(a: { side: Side; entry: Dec; target: Dec }): void {
  if (a.target.sub(a.entry).mul(a.side).lt(0)) {
    throw new DomainError(
      "target",
      `a ${sideWord(a.side)}'s target must be ${a.side === 1 ? "above" : "below"} entry ${a.entry.toString()}, got ${a.target.toString()}`,
    );
  }
}

/**
 * Quantity that loses `equity·risk` at the stop, the fees of opening at `entry` and closing at `stop`
 * included: equity·risk / ((|entry − stop| + fee_rate·(entry + stop))·cs), so that LEV.PNL at the stop with the
 * same fee rate is −equity·risk. With `leverage`, the quantity is capped so that its margin,
 * quantity·entry·cs/leverage, is at most the equity; with `step`, it is then rounded down to a multiple of the
 * step (never more risk than asked).
 */
export function riskSize(a: {
  equity: Dec;
  risk: Dec;
  entry: Dec;
  stop: Dec;
  contractSize: Dec;
  leverage?: Dec;
  step?: Dec;
  feeRate?: Dec;
}): Dec {
  const perUnit = stopDistance(a.entry, a.stop).add(feesPerUnit(a.entry, a.stop, a.feeRate));
  const quantity = a.equity.mul(a.risk).div(perUnit.mul(a.contractSize));
  return capped(quantity, a.leverage && a.equity.mul(a.leverage).div(a.entry.mul(a.contractSize)), a.step);
}

/** The fees of opening at `entry` and closing at `stop`, per unit of the position: fee_rate·(entry + stop). */
function feesPerUnit(entry: Dec, stop: Dec, feeRate: Dec | undefined): Dec {
  return feeRate === undefined ? ZERO : entry.add(stop).mul(feeRate);
}

/** A size no larger than `cap` (what the equity can margin), then rounded down to `step`: never more risk than asked. */
function capped(size: Dec, cap: Dec | undefined, step: Dec | undefined): Dec {
  const s = cap === undefined ? size : D.min(size, cap);
  return step === undefined ? s : roundToStep(s, step, "down");
}
export const RISKSIZE = define(
  {
    equity: number({ ge: 0 }),
    risk: number({ ge: 0, le: 1 }),
    entry: price(),
    stop: price(),
    contract_size: optional(number({ gt: 0 }), new D(1)),
    leverage: optional(leverage),
    step: optional(number({ gt: 0 })),
    fee_rate: optional(number({ ge: 0, lt: 1 }), ZERO),
  },
  (a) => riskSize({ ...a, contractSize: a.contract_size, feeRate: a.fee_rate }),
);

/**
 * Inverse contracts that lose `equity·risk` coin at the stop: equity·risk / (cv·|1/stop − 1/entry|),
 * computed as equity·risk·entry·stop / (cv·|entry − stop|) so that no reciprocal is rounded. With
 * `leverage`, capped as RISKSIZE caps a linear size: the margin contracts·cv/(entry·leverage) is at most the
 * equity, so contracts ≤ equity·entry·leverage/cv; with `step` (1 for whole contracts), then rounded down.
 * With `feeRate` (the task pane's sizing; the worksheet function has no fee argument), the fees on the coin
 * value at open and at the stop are counted too, fee_rate·cv·n·(1/entry + 1/stop), so the distance becomes
 * |entry − stop| + fee_rate·(entry + stop) over entry·stop, as RISKSIZE's does.
 */
export function inverseRiskSize(a: {
  equityCoin: Dec;
  risk: Dec;
  entry: Dec;
  stop: Dec;
  contractValue: Dec;
  leverage?: Dec;
  step?: Dec;
  feeRate?: Dec;
}): Dec {
  const perUnit = stopDistance(a.entry, a.stop).add(feesPerUnit(a.entry, a.stop, a.feeRate));
  const contracts = a.equityCoin.mul(a.risk).mul(a.entry).mul(a.stop).div(perUnit.mul(a.contractValue));
  return capped(contracts, a.leverage && a.equityCoin.mul(a.entry).mul(a.leverage).div(a.contractValue), a.step);
}
export const INVRISKSIZE = define(
  {
    equity_coin: number({ ge: 0 }),
    risk: number({ ge: 0, le: 1 }),
    entry: price(),
    stop: price(),
    contract_value: optional(number({ gt: 0 }), new D(1)),
    leverage: optional(leverage),
    step: optional(number({ gt: 0 })),
  },
  (a) => inverseRiskSize({ ...a, equityCoin: a.equity_coin, contractValue: a.contract_value }),
);

/** Reward-to-risk ratio |target − entry| / |entry − stop|, with stop and target each on its own side. */
export function rewardRisk(a: { side: Side; entry: Dec; stop: Dec; target: Dec }): Dec {
  checkStopSide(a.side, a.entry, a.stop);
  checkTarget(a);
  return a.target.sub(a.entry).abs().div(stopDistance(a.entry, a.stop));
}
export const RR = define({ side, entry: price(), stop: price(), target: price() }, rewardRisk);

/** Take-profit price at `ratio` times the stop distance: entry + side·ratio·|entry − stop|. */
export function takeProfit(a: { side: Side; entry: Dec; stop: Dec; ratio: Dec }): Dec {
  checkStopSide(a.side, a.entry, a.stop);
  const p = a.entry.add(a.entry.sub(a.stop).abs().mul(a.ratio).mul(a.side));
  if (p.lte(0)) {
    throw new NotAvailableError(
      undefined,
      `no take-profit price: ${a.ratio.toString()} times the stop distance below ${a.entry.toString()} is at or below zero`,
    );
  }
  return p;
}
export const TAKEPROFIT = define({ side, entry: price(), stop: price(), ratio: number({ ge: 0 }) }, takeProfit);

/** Stop price that loses `max_loss` on the position: entry − side·max_loss/(q·cs). */
export function stopPrice(a: { side: Side; entry: Dec; quantity: Dec; maxLoss: Dec; contractSize: Dec }): Dec {
  if (a.quantity.isZero()) throw new DivisionByZeroError("quantity", "is 0, so no stop can limit the loss");
  const p = a.entry.sub(a.maxLoss.div(a.quantity.mul(a.contractSize)).mul(a.side));
  if (p.lte(0)) {
    throw new NotAvailableError(
      undefined,
      `no stop price: this long loses less than ${a.maxLoss.toString()} even at a price of zero`,
    );
  }
  return p;
}
export const STOPPRICE = define(
  {
    side,
    entry: price(),
    quantity: number({ ge: 0 }),
    max_loss: number({ ge: 0 }),
    contract_size: optional(number({ gt: 0 }), new D(1)),
  },
  (a) => stopPrice({ ...a, maxLoss: a.max_loss, contractSize: a.contract_size }),
);

/** The win rate at which a reward-to-risk ratio breaks even: 1/(1 + ratio). */
export function breakEvenWinRate(a: { ratio: Dec }): Dec {
  return D.div(1, a.ratio.add(1));
}
export const BREAKEVENWR = define({ ratio: number({ ge: 0 }) }, breakEvenWinRate);

/**
 * Expectancy per trade: win_rate·avg_win − (1 − win_rate)·avg_loss. The loss is a size: trading journals
 * often average their losses as negative numbers, so a negative avg_loss is read as its magnitude.
 */
export function expectancy(a: { winRate: Dec; avgWin: Dec; avgLoss: Dec }): Dec {
  return a.winRate.mul(a.avgWin).sub(D.sub(1, a.winRate).mul(a.avgLoss.abs()));
}
export const EXPECTANCY = define(
  { win_rate: number({ ge: 0, le: 1 }), avg_win: number({ ge: 0 }), avg_loss: optional(number(), new D(1)) },
  (a) => expectancy({ winRate: a.win_rate, avgWin: a.avg_win, avgLoss: a.avg_loss }),
);
