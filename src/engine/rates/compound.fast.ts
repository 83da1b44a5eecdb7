import * as X from "../arith/exact";
import { EXCEL_DIGITS } from "../spec/decimal";

/**
 * COMPOUND's (and COMPOUNDTABLE's) rounded schedule for plain numbers, in exact integers. With the balance B an
 * integer over 10^k, each period's B·(1 + rate) + contribution is again one; while it stays below 10^15 it
 * already has at most Excel's 15 significant digits (the rounding to Excel's precision changes nothing), and
 * dividing it by the step and rounding half away from zero is integer division with a remainder test: exactly
 * what the Decimal path's `roundToStep` computes (its quotient, rounded to 34 digits, cannot cross a half).
 * Start, Gain and End are then short decimals, shown as the nearest doubles as Decimal shows them. A balance
 * past 10^15 units of its last decimal, an unrounded schedule, or any other argument is left to the Decimal
 * path.
 */

const { trunc } = Math;
/** A value below this many units of its last decimal has at most Excel's 15 significant digits. */
const EXCEL_UNITS = 10 ** EXCEL_DIGITS;

/** A rounded schedule's plain arguments: COMPOUND's, and COMPOUNDTABLE's. */
export interface ScheduleArgs {
  start: number;
  rate: number;
  periods: number;
  contribution: number;
  round_to: number | undefined;
}

/** COMPOUND with round_to: the last End of the schedule (the periods' limit is checked where COMPOUND is defined). */
export function compoundKernel(a: ScheduleArgs): number | undefined {
  return roundedSchedule(a, undefined);
}

/**
 * The rounded schedule; pushes each row (Period, Start, Gain, Contribution, End) to `rows` when given and returns
 * the last balance, or undefined.
 */
export function roundedSchedule(a: ScheduleArgs, rows: (number | string)[][] | undefined): number | undefined {
  const { start, rate, periods: n, contribution: c, round_to: step } = a;
  if (step === undefined) return undefined;
  const ks = X.decimals(start);
  const kr = X.decimals(rate);
  const kc = X.decimals(c);
  const kst = X.decimals(step);
  if ((ks | kr | kc | kst) < 0) return undefined;
  const g = X.sum(X.integer(rate, kr), kr, 1, 0); // 1 + rate, scale kr
  const cm = X.integer(c, kc);
  const sm = X.integer(step, kst);
  let b = X.integer(start, ks);
  let kb = ks;
  for (let k = 1; k <= n; k++) {
    const kv = kb + kr > kc ? kb + kr : kc;
    const v = X.sum(X.product(b, g), kb + kr, cm, kc); // B·(1 + rate) + C, scale kv
    if (!(v < EXCEL_UNITS && v > -EXCEL_UNITS)) return undefined; // also NaN
    const kq = kv > kst ? kv : kst;
    const end = X.product(nearestMultiple(X.lift(v, kv, kq), X.lift(sm, kst, kq)), sm); // scale kst
    if (end !== end) return undefined;
    if (rows !== undefined && !scheduleRow(rows, k, b, kb, end, kst, cm, kc, c)) return undefined;
    b = end;
    kb = kst;
  }
  return X.value(b, kb);
}

/** num/den (integers, den > 0) rounded half away from zero, exactly; NaN when either is NaN. */
function nearestMultiple(num: number, den: number): number {
  if (num !== num || den !== den) return NaN;
  let q = trunc(num / den);
  let rem = num - q * den;
  if (rem !== 0 && rem < 0 !== num < 0) {
    q += num < 0 ? 1 : -1; // the float quotient rounded across an integer
    rem = num - q * den;
  } else if (rem >= den || -rem >= den) {
    q += num < 0 ? -1 : 1;
    rem = num - q * den;
  }
  if (2 * (rem < 0 ? -rem : rem) >= den) q += num < 0 ? -1 : 1; // half away from zero
  return q;
}

/** One row of the schedule from its exact start b/10^kb and end e/10^ke: false when a value is not exact. */
function scheduleRow(rows: (number | string)[][], k: number, b: number, kb: number, end: number, ke: number, cm: number, kc: number, c: number): boolean {
  const kg = kb > ke ? kb : ke;
  const gain = X.sum(X.sum(end, ke, -b, kb), kg, -cm, kc);
  const startValue = X.value(b, kb);
  const gainValue = X.value(gain, kg > kc ? kg : kc);
  const endValue = X.value(end, ke);
  if (startValue === undefined || gainValue === undefined || endValue === undefined) return false;
  rows.push([k, startValue, gainValue, c === 0 ? 0 : c, endValue]);
  return true;
}
