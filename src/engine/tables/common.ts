import { Dec } from "../spec/decimal";
import { DomainError, EngineError, isEngineError } from "../spec/errors";
import { Side } from "../spec/read";

/**
 * What the tables that spill share: the size limit, a cell that holds a value or the error its computation
 * threw, and the status a price gives against a liquidation price.
 */

/** More cells than this would freeze the sheet; the catalog answers #NUM! instead. */
export const MAX_CELLS = 100_000;

export function checkSize(rows: number, cols: number, what: string, field?: string): void {
  if (rows * cols > MAX_CELLS) {
    throw new DomainError(
      field,
      `${what} would fill ${rows.toLocaleString("en-US")} × ${cols} = ${(rows * cols).toLocaleString("en-US")} cells; the limit is ${MAX_CELLS.toLocaleString("en-US")}`,
    );
  }
}

/** A value, or the engine error its computation threw, as one table cell. */
export function cellOf(compute: () => Dec): Dec | EngineError {
  try {
    return compute();
  } catch (e) {
    if (isEngineError(e)) return e;
    throw e;
  }
}

/**
 * The status a price gives against a liquidation price that may not exist: a position that cannot be
 * liquidated (#N/A) is never LIQUIDATED, one liquidated as it opens (#NUM!) always is.
 */
export function liquidated(side: Side, price: Dec, liq: Dec | EngineError): boolean {
  if (isEngineError(liq)) return liq.code === "NUM";
  return side === 1 ? price.lte(liq) : price.gte(liq);
}
