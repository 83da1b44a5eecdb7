import { Dec, ZERO } from "./decimal";
import { DivisionByZeroError, DomainError, InvalidArgumentError } from "./errors";
import { at, cellsOf, describe, fromNumber, parseNumericText } from "./read";
import { define, number, optional, option, Param } from "./spec";

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
 * USD): Σ s / Σ (s/p). `prices` and `sizes` are paired by position; a total size of 0 is #DIV/0!.
 */
export function averagePrice(a: { prices: readonly Dec[]; sizes: readonly Dec[]; sizeKind: SizeKind }): Dec {
  if (a.prices.length !== a.sizes.length) {
    throw new InvalidArgumentError("sizes", `needs one size per price: ${a.prices.length} prices, ${a.sizes.length} sizes`);
  }
  if (a.prices.length === 0) throw new InvalidArgumentError("prices", "needs at least one price");
  a.prices.forEach((p, i) => {
    if (p.lte(0)) throw new DomainError("prices", `price ${i + 1} must be greater than 0, got ${p}`);
  });
  a.sizes.forEach((s, i) => {
    if (s.lt(0)) throw new DomainError("sizes", `size ${i + 1} must be 0 or more, got ${s}`);
  });
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

/** A range read cell by cell in reading order, blanks kept as undefined so two ranges pair by position. */
export function positional(): Param<{ values: (Dec | undefined)[]; count: number }> {
  return {
    kind: "numbers",
    optional: false,
    range: true,
    read(raw, field) {
      const rows = Array.isArray(raw) ? raw.map((r) => (Array.isArray(r) ? (r as unknown[]) : [r])) : [[raw]];
      const count = rows.reduce((n, r) => n + r.length, 0);
      const values: (Dec | undefined)[] = new Array<Dec | undefined>(count).fill(undefined);
      for (const cell of cellsOf(rows)) {
        const v = cell.value;
        let d: Dec | undefined;
        if (typeof v === "number") d = fromNumber(v, field);
        else if (typeof v === "string") d = parseNumericText(v);
        if (d === undefined) throw new InvalidArgumentError(field, `${at(cell)} should be a number, got ${describe(v)}`);
        values[cell.index - 1] = d;
      }
      return { values, count };
    },
  };
}

type Positional = { values: (Dec | undefined)[]; count: number };

/**
 * Two ranges paired cell by cell: a pair with both cells blank is skipped, one blank beside a number is
 * #VALUE!, and the ranges must be the same size.
 */
export function pairByPosition(
  first: Positional,
  second: Positional,
  firstName: string,
  secondName: string,
): { prices: Dec[]; sizes: Dec[] } {
  if (first.count !== second.count) {
    throw new InvalidArgumentError(secondName, `must be the same size as ${firstName} (${first.count} cells), got ${second.count} cells`);
  }
  const prices: Dec[] = [];
  const sizes: Dec[] = [];
  first.values.forEach((p, i) => {
    const s = second.values[i];
    if (p === undefined && s === undefined) return;
    if (p === undefined) throw new InvalidArgumentError(firstName, `cell ${i + 1} is blank but its ${secondName} cell is not`);
    if (s === undefined) throw new InvalidArgumentError(secondName, `cell ${i + 1} is blank but its ${firstName} cell is not`);
    prices.push(p);
    sizes.push(s);
  });
  if (prices.length === 0) throw new InvalidArgumentError(firstName, "needs at least one number");
  return { prices, sizes };
}

export const AVGPRICE = define(
  {
    prices: positional(),
    sizes: positional(),
    size_kind: optional(
      option(SIZE_KINDS, { quantity: "units", quantities: "units", qty: "units", cash: "value", amount: "value" }),
      "units" as SizeKind,
    ),
  },
  (a) => {
    const { prices, sizes } = pairByPosition(a.prices, a.sizes, "prices", "sizes");
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
