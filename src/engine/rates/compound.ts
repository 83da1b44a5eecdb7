import { Dec, ZERO } from "../spec/decimal";
import { DomainError } from "../spec/errors";
import { number, optional } from "../spec/params";
import { define } from "../spec/define";
import * as decoders from "../spec/decoders";
import { roundToStep } from "../margin/rounding";
import { compoundKernel } from "./compound.fast";

/**
 * Compounding: a balance that grows by a rate each period, with a contribution at the end of each, rounded to
 * a step every period when asked (as broker tables round to cents). Sources: tenordahte / FinanceBrokerage
 * compounding tables (balance rounded to cents each period).
 */

export interface CompoundArgs {
  start: Dec;
  /** Return per period as a fraction (0.04 is 4 %). */
  rate: Dec;
  /** Whole number of periods, 0 or more. */
  periods: number;
  /** Added at the end of each period (negative for a withdrawal). */
  contribution: Dec;
  /** When given, the balance is rounded to a multiple of it (half away from zero) after every period. */
  roundTo?: Dec;
}

/** One period of a compounding table; End = Start·(1 + rate) + Contribution, Gain = End − Start − Contribution. */
export interface CompoundRow {
  period: number;
  start: Dec;
  gain: Dec;
  contribution: Dec;
  end: Dec;
}

/**
 * Most periods COMPOUND rounds one by one (with round_to), so that one cell answers within milliseconds
 * and never holds up Excel; COMPOUNDTABLE is bounded by its cells instead (MAX_CELLS).
 */
export const MAX_ROUNDED_PERIODS = 1000;

/** Balance after k periods without rounding: P·g + C·(g − 1)/r with g = (1 + r)^k; P + k·C when r = 0. */
function closedForm(a: CompoundArgs, k: number): Dec {
  if (a.rate.isZero()) return a.start.add(a.contribution.mul(k));
  const growth = a.rate.add(1).pow(k);
  return a.start.mul(growth).add(a.contribution.mul(growth.sub(1)).div(a.rate));
}

function checkCompound(a: CompoundArgs): void {
  if (a.rate.lt(-1)) throw new DomainError("rate", `must be -1 or more (a loss of at most 100 % a period), got ${a.rate.toString()}`);
  if (!Number.isInteger(a.periods) || a.periods < 0) {
    throw new DomainError("periods", `must be a whole number, 0 or more, got ${a.periods}`);
  }
  if (a.roundTo !== undefined && a.roundTo.lte(0)) {
    throw new DomainError("round_to", `must be greater than 0, got ${a.roundTo.toString()}`);
  }
}

/**
 * Each period's row. With `roundTo` the balance is rounded every period, as broker tables do; without it
 * each End is Start·(1 + rate) + Contribution at 34 digits, and the last is the closed form, so it equals
 * `compound` digit for digit (the two differ by far less than a cell shows).
 */
export function compoundRows(a: CompoundArgs): CompoundRow[] {
  checkCompound(a);
  const rows: CompoundRow[] = [];
  const factor = a.rate.add(1);
  let start = a.start;
  for (let k = 1; k <= a.periods; k++) {
    const end =
      a.roundTo === undefined
        ? k === a.periods
          ? closedForm(a, k)
          : start.mul(factor).add(a.contribution)
        : roundToStep(start.mul(factor).add(a.contribution), a.roundTo, "nearest");
    rows.push({ period: k, start, gain: end.sub(start).sub(a.contribution), contribution: a.contribution, end });
    start = end;
  }
  return rows;
}

/** Balance after `periods` periods, each adding `rate` and then `contribution`. */
export function compound(a: CompoundArgs): Dec {
  checkCompound(a);
  if (a.roundTo === undefined) return closedForm(a, a.periods);
  if (a.periods > MAX_ROUNDED_PERIODS) {
    throw new DomainError(
      "periods",
      `must be ${MAX_ROUNDED_PERIODS.toLocaleString("en-US")} or fewer with round_to (the balance is rounded every period); COMPOUNDTABLE shows longer schedules`,
    );
  }
  const factor = a.rate.add(1);
  let balance = a.start;
  for (let k = 1; k <= a.periods; k++) balance = roundToStep(balance.mul(factor).add(a.contribution), a.roundTo, "nearest");
  return balance;
}
export const COMPOUND = define(
  {
    start: number({ ge: 0 }),
    rate: number({ ge: -1 }),
    periods: number({ ge: 0, integer: true }),
    contribution: optional(number(), ZERO),
    round_to: optional(number({ gt: 0 })),
  },
  (a) =>
    compound({
      start: a.start,
      rate: a.rate,
      periods: a.periods.toNumber(),
      contribution: a.contribution,
      roundTo: a.round_to,
    }),
  // the kernel's schedule is COMPOUND's only within its limit (beyond it, the Decimal path's #NUM!)
  { decode: decoders.COMPOUND, kernel: (a) => (a.periods <= MAX_ROUNDED_PERIODS ? compoundKernel(a) : undefined) },
);
