import { Dec, ZERO } from "../spec/decimal";
import { DivisionByZeroError, DomainError, InvalidArgumentError } from "../spec/errors";
import { describe, fromNumber, isBlank, parseNumericText } from "../spec/read";
import { boundsChecker, number, optional, option, type Bounds, type Param } from "../spec/params";
import { define } from "../spec/define";
import { DECLINE, withinBounds } from "../spec/plain";

/**
 * Average entry prices and averaging down.
 * Sources: Bybit "How to Calculate Average Entry Price" (linear: Σ qty·price / Σ qty) and "Profit & Loss
 * calculations (Inverse Contracts)" (inverse: total contracts / total contract value in coin, the harmonic
 * mean); SymbolSurfing "Average down calculator" (shares to reach a target average).
 */

export type SizeKind = "units" | "value";
export const SIZE_KINDS: readonly SizeKind[] = ["units", "value"];

/**
 * Average entry. `"units"` (quantities): Σ p·s / Σ s. `"value"` (cash amounts, or inverse contracts in
 * USD): Σ s / Σ (s/p). `prices` (each > 0) and `sizes` (each ≥ 0, as the readers check them) are paired by
 * position; a total size of 0 is #DIV/0!.
 */
export function averagePrice(a: { prices: readonly Dec[]; sizes: readonly Dec[]; sizeKind: SizeKind }): Dec {
  if (a.prices.length !== a.sizes.length) {
    throw new InvalidArgumentError("sizes", `needs one size per price: ${a.prices.length} prices, ${a.sizes.length} sizes`);
  }
  if (a.prices.length === 0) throw new InvalidArgumentError("prices", "needs at least one price");
  if (a.sizeKind === "units") {
    const average = runningAverages(a.prices, a.sizes, true).at(-1);
    if (average === undefined) throw new DivisionByZeroError("sizes", "add up to 0, so there is no average");
    return average;
  }
  const total = a.sizes.reduce((sum, s) => sum.add(s), ZERO);
  if (total.isZero()) throw new DivisionByZeroError("sizes", "add up to 0, so there is no average");
  const average = total.div(a.prices.reduce((sum, p, i) => sum.add(a.sizes[i]!.div(p)), ZERO));
  let lo = a.prices[0]!;
  let hi = lo;
  for (const p of a.prices) {
    if (p.lt(lo)) lo = p;
    if (p.gt(hi)) hi = p;
  }
  return clampToPrices(average, lo, hi);
}

// A weighted mean lies between the lowest and highest price; the 34-digit rounding of s/p can leave the
// harmonic form a last digit outside (one fill at 6824.87 gave 6824.87…01), so keep it inside.
// (compared rather than D.min/D.max, which build a new Decimal from each argument on every call)
function clampToPrices(average: Dec, lo: Dec, hi: Dec): Dec {
  return average.gt(hi) ? hi : average.lt(lo) ? lo : average;
}

/**
 * The units average Σ p·q / Σ q after each fill in turn: element i is AVGPRICE of fills 1..i (undefined
 * while the sizes so far add up to 0). One pass with running sums, so a ladder of 10,000 fills costs
 * 10,000 steps rather than 50 million. With `lastOnly` only the last element is computed (the others are
 * undefined): the running sums are the same, so it is the same value.
 */
export function runningAverages(prices: readonly Dec[], sizes: readonly Dec[], lastOnly = false): (Dec | undefined)[] {
  let value = ZERO;
  let total = ZERO;
  let lo = prices[0]!;
  let hi = prices[0]!;
  const last = prices.length - 1;
  return prices.map((p, i) => {
    value = value.add(p.mul(sizes[i]!));
    total = total.add(sizes[i]!);
    if (p.lt(lo)) lo = p;
    if (p.gt(hi)) hi = p;
    if (lastOnly && i < last) return undefined;
    return total.isZero() ? undefined : clampToPrices(value.div(total), lo, hi);
  });
}

// Read once (see spec/plain.ts): a call never looks the global up.
const isArray = Array.isArray;

type Positional = { values: (Dec | undefined)[]; count: number };

/** A range's cells in reading order (a single value is one cell), blanks as they are. */
function cellsInOrder(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) return [raw];
  return raw.flatMap((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
}

/**
 * One of two ranges paired cell by cell (prices and sizes): blanks are kept as undefined so that the two pair
 * by position. A pair with both cells blank is skipped; a blank beside a number is #VALUE! naming the blank
 * one's range; each number is within `bounds`. The first range (`first`) is read in its turn with its own
 * faults: a cell that is not a number or out of bounds, a blank beside a number of `partner`, no pair at all;
 * the second then checks its size against the first's and reads its cells. So the left range's fault comes
 * first, and within a range the first cell's.
 */
export function positional(bounds: Bounds, partner: string, first: boolean): Param<Positional, number[]> {
  const check = boundsChecker(bounds);
  const ok = withinBounds(bounds);
  return {
    kind: "numbers",
    optional: false,
    range: true,
    cell: { kind: "number", bounds },
    plain: (raw) => {
      // plain: every cell a number within the bounds (a blank pair, or a blank beside a number, is read the long way)
      if (!isArray(raw) || raw.length === 0) return DECLINE;
      const out: number[] = [];
      for (let i = 0; i < raw.length; i++) {
        const row: unknown = raw[i];
        if (!isArray(row)) return DECLINE;
        for (let j = 0; j < row.length; j++) {
          const v: unknown = row[j];
          if (typeof v !== "number" || !ok(v)) return DECLINE;
          out.push(v);
        }
      }
      return out.length > 0 ? out : DECLINE;
    },
    read(raw, field, call) {
      const rows = Array.isArray(raw) ? raw.map((r) => (Array.isArray(r) ? (r as unknown[]) : [r])) : [[raw]];
      const count = rows.reduce((n, r) => n + r.length, 0);
      const other = first ? cellsInOrder(call?.raw(partner)) : undefined;
      const before = first ? undefined : (call?.read[partner] as Positional | undefined);
      if (before !== undefined && before.count !== count) {
        throw new InvalidArgumentError(field, `must be the same size as ${partner} (${before.count} cells), got ${count} cells`);
      }
      const values: (Dec | undefined)[] = [];
      let index = 0;
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          index++;
          const where = `cell ${index} (row ${i + 1}, column ${j + 1})`;
          if (isBlank(v)) {
            const beside = other !== undefined ? !isBlank(other[index - 1]) : before?.values[index - 1] !== undefined;
            if (beside) throw new InvalidArgumentError(field, `${where} is blank but its ${partner} cell is not`);
            values.push(undefined);
            return;
          }
          let d: Dec | undefined;
          if (typeof v === "number") d = fromNumber(v, field);
          else if (typeof v === "string") d = parseNumericText(v);
          if (d === undefined) throw new InvalidArgumentError(field, `${where} should be a number, got ${describe(v)}`);
          try {
            check(d, field);
          } catch (e) {
            throw new DomainError(field, `${where} ${(e as Error).message.slice(field.length + 2)}`);
          }
          values.push(d);
        }),
      );
      if (first && values.every((x) => x === undefined) && (other ?? []).every(isBlank)) throw new InvalidArgumentError(field, "needs at least one number");
      return { values, count };
    },
  };
}

/** Two ranges paired cell by cell, as `positional` read them: the pairs, both-blank ones skipped. */
export function pairByPosition(first: Positional, second: Positional): { prices: Dec[]; sizes: Dec[] } {
  const prices: Dec[] = [];
  const sizes: Dec[] = [];
  first.values.forEach((p, i) => {
    const s = second.values[i];
    if (p === undefined || s === undefined) return;
    prices.push(p);
    sizes.push(s);
  });
  return { prices, sizes };
}

export const AVGPRICE = define(
  {
    prices: positional({ gt: 0 }, "sizes", true),
    sizes: positional({ ge: 0 }, "prices", false),
    size_kind: optional(
      option(SIZE_KINDS, { quantity: "units", quantities: "units", qty: "units", cash: "value", amount: "value" }),
      "units" as SizeKind,
    ),
  },
  (a) => {
    const { prices, sizes } = pairByPosition(a.prices, a.sizes);
    return averagePrice({ prices, sizes, sizeKind: a.size_kind });
  },
);

/**
 * Shares to buy at `price` to bring the average cost to `target`: shares·(avg_cost − target)/(target − price).
 * The target must lie between price (exclusive) and the average cost (inclusive: already there is 0
 * shares); otherwise no purchase at that price reaches it (#NUM!). Works for averaging up as well.
 */
export function averageDown(a: { shares: Dec; avgCost: Dec; price: Dec; target: Dec }): Dec {
  const towardPrice = a.target.sub(a.avgCost).mul(a.price.sub(a.avgCost));
  const beforePrice = a.price.sub(a.target).mul(a.price.sub(a.avgCost));
  if (towardPrice.lt(0) || beforePrice.lte(0)) {
    throw new DomainError(
      "target_avg",
      `must lie between price (${a.price}) and avg_cost (${a.avgCost}), got ${a.target}: buying at ${a.price} cannot reach it`,
    );
  }
  return a.shares.mul(a.avgCost.sub(a.target)).div(a.target.sub(a.price));
}
export const AVGDOWN = define(
  { shares: number({ ge: 0 }), avg_cost: number({ gt: 0 }), price: number({ gt: 0 }), target_avg: number({ gt: 0 }) },
  (a) => averageDown({ shares: a.shares, avgCost: a.avg_cost, price: a.price, target: a.target_avg }),
);
