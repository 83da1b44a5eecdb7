import * as fc from "fast-check";
import { D, EngineError, LIQPRICE, SCENARIOS, WALLETLIQ, type Table } from "../../../src/engine";
import { ERROR_TEXT } from "../../../src/shared/errors";
import { isError, type Val } from "../../../src/taskpane/model/expr";
import { applyPreset, GUIDE_EXAMPLE, type FormValues } from "../../../src/taskpane/model/form";
import { buildScenario } from "../../../src/taskpane/model/scenario";
import { figure, tradeOf } from "./helpers";

/**
 * One truth: the simulator's table and LEV.SCENARIOS, its liquidation price and LEV.LIQPRICE (isolated)
 * or LEV.WALLETLIQ (cross), never disagree, whatever the trade, 250x included.
 */

const crypto = applyPreset(GUIDE_EXAMPLE, "crypto-linear");

/** A value as a cell shows it: a number, text, or the error text. */
function shown(compute: () => unknown): Val {
  try {
    const v = compute();
    return typeof v === "string" ? v : (v as InstanceType<typeof D>).toNumber();
  } catch (e) {
    if (e instanceof EngineError) return { error: ERROR_TEXT[e.code], message: e.message };
    throw e;
  }
}

function sameValue(a: Val, b: Val): void {
  if (isError(a) || isError(b)) {
    expect(isError(a) && a.error).toBe(isError(b) && b.error);
    return;
  }
  expect(typeof a).toBe("number");
  expect(a as number).toBeCloseTo(b as number, 6);
}

interface Case {
  side: "long" | "short";
  entry: number;
  quantity: string;
  leverage: string;
  /** Maintenance rate in basis points (50 is 0.5 %). */
  mmrBp: number;
  /** Fee rate in hundredths of a basis point. */
  feeBp: number;
  view: "isolated" | "cross";
  balance: number;
  prices: number[];
}

function formOf(c: Case): FormValues {
  return {
    ...crypto,
    region: "none",
    side: c.side,
    entry: String(c.entry),
    quantity: c.quantity,
    leverage: c.leverage,
    mmr: new D(c.mmrBp).div(100).toString(), // percent, as the field takes it
    feeRate: new D(c.feeBp).div(10000).toString(),
    marginMode: c.view,
    balance: String(c.balance),
    scenarioKind: "list",
    priceList: c.prices.join(" "),
  };
}

function check(c: Case): void {
  const s = buildScenario(tradeOf(formOf(c)));
  const mmr = new D(c.mmrBp).div(10000).toString();
  const fee = new D(c.feeBp).div(1000000).toString();
  const q = Number(c.quantity);
  const lev = c.leverage; // SCENARIOS reads "250x" and "1:50" as every leverage argument does
  // The liquidation price: LIQPRICE for isolated margin, WALLETLIQ for cross (the balance backs it).
  const expectedLiq =
    c.view === "isolated"
      ? shown(() => LIQPRICE.apply([c.side, c.entry, c.leverage, mmr, 0, q]))
      : shown(() => WALLETLIQ.apply([c.side, c.entry, q, c.balance, mmr]));
  sameValue(figure(s, "LiqPrice") as Val, expectedLiq);
  // Every row's PnL is the result of a close at the price, both fees paid: LEV.SCENARIOS at the fee rate.
  // Its equity, level and status are counted before fees while the position is open (the pane says so:
  // "Counted before fees, as the venue counts it"), so they are LEV.SCENARIOS's at fee rate 0.
  const scenarios = (feeRate: string) =>
    (SCENARIOS.apply([c.side, c.entry, q, lev, [c.prices], c.view === "cross" ? c.balance : null, mmr, feeRate]) as Table).slice(1);
  const withFees = scenarios(fee);
  const beforeFees = scenarios("0");
  expect(s.rows).toHaveLength(withFees.length);
  s.rows.forEach((row, i) => {
    const status = row.cells[6]!.value;
    expect(status).toBe(beforeFees[i]![6]);
    if (status !== "LIQUIDATED") {
      const num = (v: unknown) => (v as InstanceType<typeof D>).toNumber();
      expect(row.cells[2]!.value as number).toBeCloseTo(num(withFees[i]![2]), 6);
      if (c.view === "cross") {
        // Equity and level to 12 significant digits (a level can run to thousands of percent).
        for (const k of [4, 5]) {
          const want = num(beforeFees[i]![k]);
          expect(Math.abs((row.cells[k]!.value as number) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        }
      }
    }
  });
}

describe("the simulator and LEV.SCENARIOS / LIQPRICE / WALLETLIQ agree", () => {
  it("marks long 1 at 100, 250x, mmr 0.5 % LIQUIDATED on every row, as LEV.SCENARIOS does (liquidated as it opens)", () => {
    const c: Case = { side: "long", entry: 100, quantity: "1", leverage: "250", mmrBp: 50, feeBp: 0, view: "isolated", balance: 10000, prices: [80, 99, 100, 101, 120] };
    check(c);
    const s = buildScenario(tradeOf(formOf(c)));
    expect(s.rows.map((r) => r.cells[6]!.value)).toEqual(["LIQUIDATED", "LIQUIDATED", "LIQUIDATED", "LIQUIDATED", "LIQUIDATED"]);
    // and the pane says so first: the position cannot be opened
    expect(s.blockers.map((b) => b.id)).toContain("liquidated-at-open");
  });

  it("counts a cross row's status before fees, as its equity column: the band where the fees alone cross the call level", () => {
    // Found by the property below. Short 1.514 at 9,081, 10x, fee 0.0001 %, balance 251,715, price 174,431.
    // M = 9,081 × 1.514 / 10 = 1,374.8634. Gross PnL = (9,081 − 174,431) × 1.514 = −250,339.9, so the equity
    // before fees is 1,375.1 and the level 1,375.1 / 1,374.8634 = 100.017 % > 100 %: OK.
    // Both fees: 0.000001 × (9,081 + 174,431) × 1.514 = 0.277837168, so LEV.SCENARIOS (after fees) has the
    // equity 1,374.822162832 and the level 99.997 % ≤ 100 %: MARGIN CALL.
    const c: Case = { side: "short", entry: 9081, quantity: "1.514", leverage: "10", mmrBp: 0, feeBp: 1, view: "cross", balance: 251715, prices: [174431] };
    const s = buildScenario(tradeOf(formOf(c)));
    expect(s.rows[0]!.cells[4]!.value as number).toBeCloseTo(1375.1, 9);
    expect(s.rows[0]!.cells[5]!.value as number).toBeCloseTo(1375.1 / 1374.8634, 12);
    expect(s.rows[0]!.cells[6]!.value).toBe("OK");
    expect(s.rows[0]!.cells[2]!.value as number).toBeCloseTo(-250339.9 - 0.277837168, 9);
    const after = (SCENARIOS.apply(["short", 9081, 1.514, "10", [[174431]], 251715, "0", "0.000001"]) as Table)[1]!;
    expect(after[6]).toBe("MARGIN CALL");
    expect((after[4] as InstanceType<typeof D>).toString()).toBe("1374.822162832");
    check(c);
  });

  it("agrees on random trades, isolated and cross, up to 250x", () => {
    const arb: fc.Arbitrary<Case> = fc.record({
      side: fc.constantFrom<"long" | "short">("long", "short"),
      entry: fc.integer({ min: 1, max: 100000 }),
      quantity: fc.integer({ min: 1, max: 5000 }).map((n) => new D(n).div(1000).toString()),
      leverage: fc.oneof(fc.constantFrom("1", "2", "10", "20x", "1:50", "125", "200", "250", "250x"), fc.integer({ min: 1, max: 250 }).map(String)),
      mmrBp: fc.oneof(fc.constantFrom(0, 40, 50, 100), fc.integer({ min: 0, max: 500 })),
      feeBp: fc.integer({ min: 0, max: 1000 }),
      view: fc.constantFrom<"isolated" | "cross">("isolated", "cross"),
      balance: fc.integer({ min: 1, max: 1_000_000 }),
      prices: fc.array(fc.integer({ min: 1, max: 200000 }), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(fc.property(arb, (c) => check(c)), { numRuns: 300 });
  });
});
