import { D, Dec, ZERO } from "../spec/decimal";
import { DomainError, InvalidArgumentError, NotAvailableError } from "../spec/errors";
import { describe, isBlank, parseNumericText } from "../spec/read";

/**
 * Maintenance margin given either as one rate or as an exchange's tier table
 * (`notional_floor, notional_cap, mmr, [maint_amount]`, one row per bracket).
 * Sources: Binance "Leverage and Margin Tiers" tables (maintenance amount, built cumulatively:
 * `cum₁ = 0`, `cumₙ = floorₙ·(mmrₙ − mmrₙ₋₁) + cumₙ₋₁`); Bybit risk limits ("MM deduction").
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

const COLUMNS = ["notional_floor", "notional_cap", "mmr", "maint_amount"] as const;

/** Most brackets a tier table may have, so that reading one never holds up Excel. */
export const MAX_TIERS = 100;

/** Any range of more than one cell where a rate or a table belongs is read as a tier table. */
export function isTierTable(raw: unknown): raw is unknown[][] {
  if (!Array.isArray(raw)) return false;
  const cells = raw.reduce<number>((n, r) => n + (Array.isArray(r) ? r.length : 1), 0);
  return cells > 1;
}

/**
 * The maintenance amount of a bracket built from the one below it, as Binance's tables are:
 * `cumₙ = floorₙ·(mmrₙ − mmrₙ₋₁) + cumₙ₋₁`. It keeps the maintenance margin continuous at each floor.
 */
export function nextMaintenanceAmount(a: { floor: Dec; mmr: Dec; previousMmr: Dec; previousAmount: Dec }): Dec {
  return a.floor.mul(a.mmr.sub(a.previousMmr)).add(a.previousAmount);
}

function cellNumber(value: unknown, field: string, row: number, col: number): Dec | undefined {
  if (isBlank(value)) return undefined;
  const where = `row ${row}, column ${col} (${COLUMNS[col - 1]})`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DomainError(field, `${where} is not a finite number`);
    return new D(value === 0 ? 0 : value);
  }
  if (typeof value === "string") {
    const d = parseNumericText(value);
    if (d !== undefined) return d;
  }
  throw new InvalidArgumentError(field, `tier table ${where} should be a number, got ${describe(value)}`);
}

/**
 * Reads a tier table: 3 or 4 columns, rows in any order (sorted by floor), blank rows skipped. Each
 * bracket holds `floor ≤ notional < cap` (the last cap is inclusive). Without the fourth column the
 * maintenance amounts are built cumulatively. A gap or an overlap between brackets is #VALUE!; a cap at
 * or below its floor, a negative floor or amount, or a rate outside 0 ≤ mmr < 1 is #NUM!. Messages name
 * the row (1-based, in the user's range).
 */
export function readTierTable(raw: unknown[][], field: string): Tier[] {
  const rows = raw.map((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
  const used = rows.filter((r) => r.some((v) => !isBlank(v)));
  if (used.length > MAX_TIERS) {
    throw new DomainError(
      field,
      `a tier table has at most ${MAX_TIERS} brackets (exchanges publish a few dozen at most); this range has ${used.length.toLocaleString("en-US")} filled rows`,
    );
  }
  const width = Math.max(0, ...used.map((r) => r.reduce<number>((w, v, j) => (isBlank(v) ? w : j + 1), 0)));
  if (width < 3 || width > 4) {
    throw new InvalidArgumentError(
      field,
      `a tier table has 3 or 4 columns (notional_floor, notional_cap, mmr, [maint_amount]), got ${width}`,
    );
  }
  const withAmounts = width === 4;
  const read: Tier[] = [];
  rows.forEach((r, i) => {
    const row = i + 1;
    if (!r.some((v) => !isBlank(v))) return;
    const values = [0, 1, 2, 3].slice(0, width).map((j) => cellNumber(r[j], field, row, j + 1));
    values.forEach((v, j) => {
      if (v === undefined) {
        throw new InvalidArgumentError(field, `tier table row ${row} has no ${COLUMNS[j]} (column ${j + 1})`);
      }
    });
    const [floor, cap, mmr, amount] = values as Dec[];
    if (floor!.lt(0)) throw new DomainError(field, `tier table row ${row}: notional_floor must be 0 or more, got ${floor}`);
    if (cap!.lte(floor!)) {
      throw new DomainError(field, `tier table row ${row}: notional_cap (${cap}) must be greater than notional_floor (${floor})`);
    }
    if (mmr!.lt(0) || mmr!.gte(1)) {
      throw new DomainError(field, `tier table row ${row}: mmr must be 0 or more and less than 1, got ${mmr}`);
    }
    if (amount !== undefined && amount.lt(0)) {
      throw new DomainError(field, `tier table row ${row}: maint_amount must be 0 or more, got ${amount}`);
    }
    read.push({ floor: floor!, cap: cap!, mmr: mmr!, amount: amount ?? ZERO, row });
  });
  const tiers = read.sort((a, b) => a.floor.comparedTo(b.floor));
  tiers.forEach((t, i) => {
    const before = tiers[i - 1];
    if (!before) return;
    if (t.floor.lt(before.cap)) {
      throw new InvalidArgumentError(
        field,
        `tier table rows ${before.row} and ${t.row} overlap: row ${t.row} starts at ${t.floor}, below row ${before.row}'s cap ${before.cap}`,
      );
    }
    if (t.floor.gt(before.cap)) {
      throw new InvalidArgumentError(
        field,
        `tier table leaves a gap: row ${before.row} ends at ${before.cap} but row ${t.row} starts at ${t.floor}`,
      );
    }
    if (!withAmounts) {
      t.amount = nextMaintenanceAmount({ floor: t.floor, mmr: t.mmr, previousMmr: before.mmr, previousAmount: before.amount });
    }
  });
  return tiers;
}

/** Whether bracket `i` holds the notional: floor ≤ notional < cap, the last cap inclusive. */
export function tierHolds(tiers: readonly Tier[], i: number, notional: Dec): boolean {
  const t = tiers[i];
  if (!t) return false;
  return notional.gte(t.floor) && (i === tiers.length - 1 ? notional.lte(t.cap) : notional.lt(t.cap));
}

/** Whether each bracket list seen starts every bracket at the cap of the one before it. */
const contiguous = new WeakMap<readonly Tier[], boolean>();

/**
 * The first bracket that holds the notional (what `findIndex` with `tierHolds` gives), or −1, in a binary
 * search: brackets from `readTierTable` are sorted by floor and each starts where the one before ends (above its floor), so
 * the only bracket that can hold a notional is the last whose floor is at or below it (at a shared edge
 * floor = cap, the upper one, as `tierHolds` decides with its exclusive cap). A bracket list that is not
 * so is searched one by one. Whether a list is so is checked once per list (`contiguous`).
 */
function bracketSearch(tiers: readonly Tier[], notional: Dec): number {
  const n = tiers.length;
  let ordered = contiguous.get(tiers);
  if (ordered === undefined) {
    ordered = tiers.every((t, j) => t.cap.gt(t.floor) && (j === 0 || t.floor.eq(tiers[j - 1]!.cap)));
    contiguous.set(tiers, ordered);
  }
  if (!ordered) return tiers.findIndex((_, k) => tierHolds(tiers, k, notional));
  let lo = 0;
  let hi = n - 1;
  if (n === 0 || notional.lt(tiers[0]!.floor)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tiers[mid]!.floor.lte(notional)) lo = mid;
    else hi = mid - 1;
  }
  return tierHolds(tiers, lo, notional) ? lo : -1;
}

/** The index of the bracket holding the notional; #N/A (naming `field`) beyond the table. */
export function tierIndex(tiers: readonly Tier[], notional: Dec, field = "mmr", what = "the notional"): number {
  const i = bracketSearch(tiers, notional);
  if (i < 0) {
    const first = tiers[0]!;
    const last = tiers[tiers.length - 1]!;
    throw new NotAvailableError(
      field,
      `${what}, ${notional.toSignificantDigits(15).toString()}, is beyond the tier table (it covers ${first.floor} to ${last.cap})`,
    );
  }
  return i;
}

/** The bracket holding the notional; #N/A beyond the table. */
export function findTier(tiers: readonly Tier[], notional: Dec, field = "mmr"): Tier {
  return tiers[tierIndex(tiers, notional, field)]!;
}

/** A rate as a one-bracket table covering every notional. */
export function rateTier(mmr: Dec, amount: Dec): Tier {
  return { floor: ZERO, cap: new D(Infinity), mmr, amount, row: 1 };
}

/**
 * The brackets of a maintenance argument: a table as it is, a rate as one unbounded bracket with the
 * given amount. With a table the table's own amounts apply; a non-zero `amount` alongside a table is
 * #VALUE! naming `amountField`, since the table already says what to deduct.
 */
export function bracketsOf(m: Maintenance, amount: Dec, amountField = "maint_amount"): Tier[] {
  if (m.kind === "rate") return [rateTier(m.mmr, amount)];
  if (!amount.isZero()) {
    throw new InvalidArgumentError(
      amountField,
      "must be blank or 0 with a tier table: the table's own maintenance amounts apply",
    );
  }
  return m.tiers;
}
