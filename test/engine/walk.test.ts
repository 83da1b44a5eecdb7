import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D } from "../../src/engine";
import * as skip from "../../src/engine/liquidation/skip";
import { linearSkip } from "../../src/engine/liquidation/skip";
import { vector } from "../helpers/vectors";
import { tierTable } from "../helpers/arbitraries";

/**
 * The bracket walk passes, in doubles, the brackets it is certain to pass (linearSkip) and works the rest
 * in Decimal. These tests compare every function that walks a tier table with skipping on and off,
 * outcome for outcome (the value's exact text, or the error's code and message).
 */

/** Binance BTCUSDT brackets of 2021-03-18 (vector liq-binance-usdm-tier-02), three columns. */
const BTCUSDT = vector("liq-binance-usdm-tier-02").inputs.brackets as number[][];

type Outcome = string | string[][] | { code: string; message: string };

function describeCell(c: unknown): string {
  if (c instanceof F.EngineError) return `${c.code} ${c.message}`;
  return c === null ? "" : String(c);
}

function outcome(fn: F.AnyEngineFunction, args: unknown[]): Outcome {
  try {
    const r = fn.apply(args);
    return Array.isArray(r) ? r.map((row) => row.map(describeCell)) : String(r);
  } catch (e) {
    if (e instanceof F.EngineError) return { code: e.code, message: e.message };
    throw e;
  }
}

/**
 * The outcome with the walk working every bracket in Decimal, and with the certain ones skipped. "Every
 * bracket" is the walk with both skips answering the bracket it starts from (what a skip that is certain of
 * nothing answers); the switch lives here, in the test, as a spy on skip.ts's exports.
 */
function both(fn: F.AnyEngineFunction, args: unknown[]): [Outcome, Outcome] {
  const spies = [
    jest.spyOn(skip, "linearSkip").mockImplementation((...a: Parameters<typeof skip.linearSkip>) => a[6]),
    jest.spyOn(skip, "inverseSkip").mockImplementation((...a: Parameters<typeof skip.inverseSkip>) => a[5]),
  ];
  let every: Outcome;
  try {
    every = outcome(fn, args);
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return [every, outcome(fn, args)];
}

const table = tierTable;

const sideArb = fc.constantFrom("long", "short");
const priceArb = fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 10000000 }).map((c) => c / 100));
const qtyArb = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100000 }).map((c) => c / 1000));
const levArb = fc.oneof(fc.integer({ min: 1, max: 125 }), fc.constantFrom("1:3", "2.5", 0.5));

describe("the bracket walk skips only what it is sure of", () => {
  it("LIQPRICE with a tier table: the same value or error either way", () => {
    fc.assert(
      fc.property(sideArb, priceArb, levArb, table, qtyArb, fc.constantFrom(0, 0.0004, 0.001), (s, e, l, t, q, fee) => {
        const [every, skipped] = both(F.LIQPRICE, [s, e, l, t, 0, q, fee]);
        expect(skipped).toEqual(every);
      }),
      { numRuns: 3000 },
    );
  });

  it("WALLETLIQ with a tier table: the same value or error either way", () => {
    fc.assert(
      fc.property(sideArb, priceArb, qtyArb, fc.integer({ min: 0, max: 200000 }), table, (s, e, q, wallet, t) => {
        const [every, skipped] = both(F.WALLETLIQ, [s, e, q, wallet, t]);
        expect(skipped).toEqual(every);
      }),
      { numRuns: 3000 },
    );
  });

  it("INVLIQPRICE with a tier table (brackets in coin): the same value or error either way", () => {
    const coinTable = table.map((rows) => rows.map((r) => r.map((x, j) => (j === 2 ? x : x / 1000))));
    fc.assert(
      fc.property(sideArb, priceArb, levArb, coinTable, fc.integer({ min: 1, max: 200000 }), fc.constantFrom(1, 10, 100), (s, e, l, t, contracts, cv) => {
        const [every, skipped] = both(F.INVLIQPRICE, [s, e, l, t, 0, contracts, cv]);
        expect(skipped).toEqual(every);
      }),
      { numRuns: 3000 },
    );
  });

  it("LADDER, GRID and SCENARIOS with a tier table: the same cells either way", () => {
    fc.assert(
      fc.property(sideArb, fc.array(fc.tuple(priceArb, qtyArb), { minLength: 1, maxLength: 6 }), levArb, table, (s, fills, l, t) => {
        const prices = fills.map(([p]) => [p]);
        const quantities = fills.map(([, q]) => [q]);
        const ladder = both(F.LADDER, [s, prices, quantities, l, t, 0.0004]);
        expect(ladder[1]).toEqual(ladder[0]);
        const moves = [[-0.5], [-0.1], [0], [0.1]];
        for (const measure of ["liq", "distance", "status"]) {
          const grid = both(F.GRID, [measure, s, fills[0]![0], [[l, 2, 20]], moves, t]);
          expect(grid[1]).toEqual(grid[0]);
        }
        const scenarios = both(F.SCENARIOS, [s, fills[0]![0], fills[0]![1], l, prices, 1000, t]);
        expect(scenarios[1]).toEqual(scenarios[0]);
      }),
      { numRuns: 800 },
    );
  });

  it("passes the brackets of a real table without Decimal: a 1x long walks BTCUSDT's brackets in doubles", () => {
    const tiers = F.readTierTable(BTCUSDT, "mmr");
    const start = tiers.length - 1;
    // 1x long, 50 BTC at 10,000,000 (notional 500 M, the top bracket): the margin covers a fall to zero,
    // so every edge has a surplus and no bracket's root is above zero. In the first bracket (cum 0) the
    // root is (q·E + 0 − q·E)/… = 0 exactly, too close to zero to call in doubles, so the walk passes the
    // nine brackets above it in doubles and works that one in Decimal
    const q = 50;
    const e = 10_000_000;
    expect(start).toBe(9);
    expect(linearSkip(1, q, e, q * e, 0, tiers, start, -1)).toBe(0);
    // with 1 % more margin (added margin, as WALLETLIQ takes it) that root is below zero: all ten are passed
    expect(linearSkip(1, q, e, q * e * 1.01, 0, tiers, start, -1)).toBe(-1);
    // and the Decimal answer is the #N/A it gives without skipping
    const [every, skipped] = both(F.LIQPRICE, ["long", e, 1, BTCUSDT, 0, q]);
    expect(every).toEqual({ code: "NA", message: "no liquidation price: the margin covers a fall to zero, so this long cannot be liquidated" });
    expect(skipped).toEqual(every);
  });

  it("stops at the bracket that holds the answer: 20x long, 100 BTC at 40,000 (liq-binance-usdm-tier-02's table)", () => {
    const tiers = F.readTierTable(BTCUSDT, "mmr");
    // notional 4,000,000 is in the bracket [1,000,000, 10,000,000) at 2.5 %, cum 16,300 (50 + 1,250 + 15,000); margin 200,000. Its root
    // (200,000 + 16,300 − 4,000,000)/(100·(0.025 − 1)) = 38,807.18 (notional 3,880,718) lies inside it, so the
    // walk stops at once, in the entry bracket
    const start = tiers.findIndex((t) => t.floor.eq(1_000_000));
    expect(tiers[start]!.mmr.toString()).toBe("0.025");
    expect(linearSkip(1, 100, 40000, 200000, 0, tiers, start, -1)).toBe(start);
    expect(F.LIQPRICE.apply(["long", 40000, 20, BTCUSDT, 0, 100]).toString()).toBe(
      new D(200000).add(16300).sub(4000000).div(new D(100).mul(new D(0.025).sub(1))).toString(),
    );
  });
});
