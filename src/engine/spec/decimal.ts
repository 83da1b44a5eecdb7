import DecimalBase from "decimal.js";

/**
 * The engine's one Decimal constructor. A private clone, so nothing else on the page that uses
 * decimal.js can change our precision or rounding (and we change nobody else's).
 *
 * 34 significant digits (IEEE 754 decimal128) is far beyond the 15–17 digits a worksheet cell can hold,
 * so intermediate rounding never reaches a displayed digit. Ties round half away from zero, as Excel's
 * ROUND does.
 */
export const D = DecimalBase.clone({
  precision: 34,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
  minE: -9e15,
  maxE: 9e15,
});

export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);
export const ONE = new D(1);
export const TWO = new D(2);
export const HUNDRED = new D(100);

/** Excel's own precision: values are rounded to this many significant digits before a step is applied. */
export const EXCEL_DIGITS = 15;
