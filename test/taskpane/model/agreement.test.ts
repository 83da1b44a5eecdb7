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
  // Every row's status; and where the position is still open, its PnL.
  const table = SCENARIOS.apply([c.side, c.entry, q, lev, [c.prices], c.view === "cross" ? c.balance : null, mmr, fee]) as Table;
  const expected = table.slice(1);
  expect(s.rows).toHaveLength(expected.length);
  s.rows.forEach((row, i) => {
    const status = row.cells[6]!.value;
    expect(status).toBe(expected[i]![6]);
    if (status !== "LIQUIDATED") {
      expect(row.cells[2]!.value as number).toBeCloseTo((expected[i]![2] as InstanceType<typeof D>).toNumber(), 6);
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
