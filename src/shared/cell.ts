import { DomainError, isEngineError, type EngineError, type TableCell } from "../engine";

/**
 * How a value of an engine result is shown in a cell, written once for Excel's boundary and the task pane's
 * sheet model: a Decimal becomes its nearest double, a zero is never -0 (Excel has no negative zero), and a
 * Decimal beyond the largest double is #NUM! with a message.
 */

/** The message of a result too large for a cell. */
export const TOO_LARGE = "the result is too large to show as a number";

/** A number as a cell holds it: never -0. */
export function cellNumber(n: number): number {
  return n === 0 ? 0 : n;
}

/** A Decimal as the number a cell is given: the nearest double, never -0 (one past the largest double is ±Infinity). */
export function numberOf(d: { toNumber(): number }): number {
  return cellNumber(d.toNumber());
}

/** A Decimal (or anything with `toNumber`) as a cell holds it: the nearest double, never -0; undefined when it is too large. */
export function decimalCell(d: { toNumber(): number }): number | undefined {
  const n = numberOf(d);
  return Number.isFinite(n) ? n : undefined;
}

/** One value of a result as a cell shows it: a number, text, a boolean, a blank (null), or an engine error. */
export function shownCell(v: TableCell): number | string | boolean | null | EngineError {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return cellNumber(v);
  if (isEngineError(v)) return v;
  return decimalCell(v) ?? new DomainError(undefined, TOO_LARGE);
}
