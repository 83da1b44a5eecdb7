import { D, Dec, EXCEL_DIGITS } from "../spec/decimal";
import { number, optional, option } from "../spec/params";
import { define } from "../spec/define";

/**
 * Rounding to a tick or lot step, decimal-exact. The value is first rounded to Excel's 15 significant
 * digits so that binary noise from a chained formula (100/(50·1000/150) = 0.29999999999999999) never
 * costs a whole step; then it is rounded to a multiple of the step. Ties round half away from zero, as
 * Excel's ROUND does; "up" is toward +∞ and "down" toward −∞.
 */
export type StepMode = "nearest" | "up" | "down";

const MODES: Record<StepMode, DecimalRounding> = {
  nearest: D.ROUND_HALF_UP,
  up: D.ROUND_CEIL,
  down: D.ROUND_FLOOR,
};
type DecimalRounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** The value at Excel's precision: 15 significant digits. */
export function toExcelPrecision(value: Dec): Dec {
  return value.toSignificantDigits(EXCEL_DIGITS, D.ROUND_HALF_UP);
}

/** Rounds `value` to a multiple of `step` (step > 0). */
export function roundToStep(value: Dec, step: Dec, mode: StepMode): Dec {
  const steps = toExcelPrecision(value).div(step).toDecimalPlaces(0, MODES[mode]);
  return steps.mul(step);
}

export type RoundMode = StepMode | "safe-long" | "safe-short";
export const ROUND_MODES: readonly RoundMode[] = ["nearest", "up", "down", "safe-long", "safe-short"];

/**
 * Rounds to a tick or lot step (decimal-exact, after Excel's 15-digit pre-rounding). "safe-long" and
 * "safe-short" round a liquidation price toward entry, as Bybit and BTCMEX do: a long's liquidation
 * price up, a short's down.
 */
export function roundStep(a: { value: Dec; step: Dec; mode: RoundMode }): Dec {
  const mode: StepMode = a.mode === "safe-long" ? "up" : a.mode === "safe-short" ? "down" : a.mode;
  return roundToStep(a.value, a.step, mode);
}

export const ROUNDSTEP = define(
  {
    value: number(),
    step: number({ gt: 0 }),
    mode: optional(
      option(ROUND_MODES, { safe_long: "safe-long", safe_short: "safe-short", safelong: "safe-long", safeshort: "safe-short" }),
      "nearest" as RoundMode,
    ),
  },
  roundStep,
);
