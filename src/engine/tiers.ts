import { Dec } from "./decimal";
import { InvalidArgumentError } from "./errors";
import { checkBounds, Param } from "./spec";
import { isBlank, readNumber } from "./read";

/**
 * Maintenance margin given either as one rate or as an exchange's tier table
 * (`notional_floor, notional_cap, mmr, [maint_amount]`, one row per bracket).
 */
export interface Tier {
  floor: Dec;
  cap: Dec;
  mmr: Dec;
  /** Binance's "maintenance amount", Bybit's "MM deduction". */
  amount: Dec;
  /** 1-based row in the user's range, for messages. */
  row: number;
}

export type Maintenance = { kind: "rate"; mmr: Dec } | { kind: "tiers"; tiers: Tier[] };

function isTable(raw: unknown): raw is unknown[][] {
  return Array.isArray(raw) && raw.some((r) => Array.isArray(r) && r.length >= 3);
}

/** Reads a tier table; see the catalog's Liquidation section for the rules. */
export function readTierTable(raw: unknown[][], field: string): Tier[] {
  throw new InvalidArgumentError(field, `tier tables are not read yet (${raw.length} rows given)`);
}

/** A maintenance-margin rate (0 ≤ mmr < 1) or a tier table. */
export function maintenance(fallback: Dec): Param<Maintenance> {
  return {
    kind: "rateOrTiers",
    optional: true,
    range: true,
    read(raw, field) {
      if (isTable(raw)) return { kind: "tiers", tiers: readTierTable(raw, field) };
      const mmr = isBlank(raw) ? fallback : checkBounds(readNumber(raw, field), { ge: 0, lt: 1 }, field);
      return { kind: "rate", mmr };
    },
  };
}
