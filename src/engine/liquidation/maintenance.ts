import { D, Dec, ZERO } from "../spec/decimal";
import { DomainError, InvalidArgumentError } from "../spec/errors";
import { blank, DECLINE, isRange, single, withinBounds } from "../spec/plain";
import { boundsChecker, number, optional, type Param } from "../spec/params";
import { define } from "../spec/define";
import { cellsOf, isBlank, readNumber } from "../spec/read";
import { bracketsOf, findTier, isTierTable, readTierTable, type Maintenance } from "./tiers";
import { fastTiers, type FastTiers } from "./tiers.fast";

/**
 * The maintenance-margin argument: one rate, or an exchange's tier table. Its default, 0.5 % (Binance's and
 * Bybit's first bracket for the majors), is stated here once for every function that takes one.
 */
export const DEFAULT_MMR = new D("0.005");

const RATE_BOUNDS = { ge: 0, lt: 1 } as const;
const checkRate = boundsChecker(RATE_BOUNDS);
const plainRate = withinBounds(RATE_BOUNDS);

/**
 * A maintenance-margin rate (0 ≤ mmr < 1) or a tier table (a range of more than one cell). With a fallback the
 * argument is optional; without one it is required. Plain, it is a rate as a number, or a table as its brackets
 * in doubles and scaled integers (tiers.fast.ts).
 */
export function maintenance(fallback?: Dec): Param<Maintenance, number | FastTiers> {
  const plainFallback = fallback === undefined ? DECLINE : fallback.toNumber();
  return {
    kind: "rateOrTiers",
    optional: fallback !== undefined,
    range: true,
    bounds: RATE_BOUNDS,
    fallback: fallback === undefined ? undefined : { kind: "rate", mmr: fallback },
    read(raw, field) {
      const table = isTierTable(raw);
      const filled = table && cellsOf(raw).length > 0;
      if (filled) return { kind: "tiers", tiers: readTierTable(raw, field) };
      if (table || isBlank(raw)) {
        if (fallback === undefined) {
          throw new InvalidArgumentError(field, "is required: a rate such as 0.005, or a tier table range");
        }
        return { kind: "rate", mmr: fallback };
      }
      return { kind: "rate", mmr: checkRate(readNumber(raw, field), field) };
    },
    plain(raw) {
      if (isRange(raw)) return fastTiers(raw) ?? DECLINE;
      const v = single(raw);
      if (blank(v)) return plainFallback;
      return typeof v === "number" && plainRate(v) ? v : DECLINE;
    },
  };
}

/**
 * Maintenance margin `notional·mmr − amount`, with the bracket holding the notional when `mmr` is a
 * tier table (the table's amount is used; a non-zero `amount` with a table is #VALUE!). A result below 0
 * (an amount larger than notional·mmr) is #NUM!.
 */
export function maintenanceMargin(a: { notional: Dec; maintenance: Maintenance; amount: Dec }): Dec {
  const tiers = bracketsOf(a.maintenance, a.amount);
  const t = findTier(tiers, a.notional);
  const mm = a.notional.mul(t.mmr).sub(t.amount);
  if (mm.lt(0)) {
    throw new DomainError(
      a.maintenance.kind === "tiers" ? "mmr" : "maint_amount",
      `the maintenance amount ${t.amount} is larger than notional × mmr (${a.notional.mul(t.mmr)}), so the maintenance margin would be negative`,
    );
  }
  return mm;
}

export const MAINTMARGIN = define(
  { notional: number({ ge: 0 }), mmr: maintenance(), maint_amount: optional(number({ ge: 0 }), ZERO) },
  (a) => maintenanceMargin({ notional: a.notional, maintenance: a.mmr, amount: a.maint_amount }),
);
