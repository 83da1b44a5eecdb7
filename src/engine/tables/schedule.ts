import { D, Dec } from "../spec/decimal";
import type { Table } from "../spec/define";
import { compoundRows } from "../rates/compound";
import { checkSize } from "./common";

export const COMPOUNDTABLE_HEADER = ["Period", "Start", "Gain", "Contribution", "End"];

/**
 * One row per period: End = Start·(1 + rate) + Contribution (rounded to round_to when given), Gain =
 * End − Start − Contribution. The rows come from the same schedule as COMPOUND, so the last End equals it.
 */
export function compoundTable(a: { start: Dec; rate: Dec; periods: Dec; contribution: Dec; round_to: Dec | undefined }): Table {
  checkSize(a.periods.toNumber() + 1, COMPOUNDTABLE_HEADER.length, "COMPOUNDTABLE", "periods");
  const rows = compoundRows({
    start: a.start,
    rate: a.rate,
    periods: a.periods.toNumber(),
    contribution: a.contribution,
    roundTo: a.round_to,
  });
  return [COMPOUNDTABLE_HEADER, ...rows.map((r) => [new D(r.period), r.start, r.gain, r.contribution, r.end])];
}
