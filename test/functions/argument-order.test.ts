import * as engine from "../../src/engine";
import type { AnyEngineFunction } from "../../src/engine";
import { argument, engineFunction, golden, goodChoice, outcome, plan } from "../helpers/args";

/**
 * Arguments are checked from left to right (catalog, Errors): when one call has several faults, the leftmost
 * argument's is the one shown, and within a range the first row's. For every function in functions.json, a
 * call is built with good values for every argument, then with two bad ones, and the error must be the left
 * one's, word for word. The good and bad values are derived from the engine's argument specs (test/helpers/
 * args.ts) and each is checked to be good, or a fault of its own argument, before it is used.
 */

describe("arguments are checked from left to right: the leftmost argument's fault is the one shown", () => {
  it.each(golden.functions.map((f) => [f.id, f] as const))("%s", (id, f) => {
    const fn = engineFunction(id);
    const plans = plan(id, f.parameters);
    // good values: a choice among each argument's candidates for which the call answers, or failing that
    // fails on no argument's fault (a limit of the result, a figure that does not exist)
    const good = goodChoice(fn, plans);
    const goodArgs = plans.map((p, i) => argument(p.param, good[i], good[i]));
    const base = outcome(fn, goodArgs);
    if (base !== "answered") expect(plans.map((p) => p.name)).not.toContain(base.field);

    // each bad value alone is a fault of its own argument (the left one in a pair is bad in row 2 of a range,
    // the right one in row 1, so that the rows cannot decide for the arguments)
    const single = (i: number, v: unknown, row: number) => {
      const args = goodArgs.slice();
      args[i] = argument(plans[i]!.param, v, good[i], row);
      return args;
    };
    let pairs = 0;
    plans.forEach((left, i) => {
      for (const lv of left.bad) {
        const leftArgs = single(i, lv, 2);
        const alone = outcome(fn, leftArgs);
        expect([left.name, lv, alone === "answered" ? "answered" : alone.field]).toEqual([left.name, lv, left.name]);
        plans.forEach((right, j) => {
          if (j <= i) return;
          for (const rv of right.bad) {
            const args = leftArgs.slice();
            args[j] = argument(right.param, rv, good[j], 1);
            expect(outcome(fn, single(j, rv, 1))).toMatchObject({ field: right.name });
            // the left one's error, word for word; and no fast path answers a faulty call
            expect([left.name, lv, right.name, rv, outcome(fn, args)]).toEqual([left.name, lv, right.name, rv, alone]);
            expect(fn.fast?.(args)).toBeUndefined();
            pairs++;
          }
        });
      }
    });
    expect(pairs).toBeGreaterThanOrEqual(f.parameters.length - 1);
  });
});

/** The error a call throws, as code and field. */
const errorOf = (fn: AnyEngineFunction, ...args: unknown[]) => {
  const o = outcome(fn, args);
  return o === "answered" ? o : { code: o.code, field: o.field };
};
const col = (xs: unknown[]) => xs.map((x) => [x]);

describe("the left argument's fault first, where a later argument used to be checked first", () => {
  it("JOURNALSTATS: text in pnl before a start balance of 0, a risk of 0 before a bad close time", () => {
    expect(errorOf(engine.JOURNALSTATS, col([100, "lots"]), 0)).toEqual({ code: "VALUE", field: "pnl" });
    expect(errorOf(engine.JOURNALSTATS, col([100, -50]), 0, col([50, 0]))).toEqual({ code: "NUM", field: "start_balance" });
    expect(errorOf(engine.JOURNALSTATS, col([100, -50]), 1000, col([50, 0]), col([45000, "noon"]))).toEqual({ code: "NUM", field: "risk" });
  });

  it("EQUITYCURVE: a start balance of 0 before text in pnl, text in pnl before a bad close time", () => {
    expect(errorOf(engine.EQUITYCURVE, 0, col(["x"]))).toEqual({ code: "NUM", field: "start_balance" });
    expect(errorOf(engine.EQUITYCURVE, 1000, col([5, "x"]), col([45000, "noon"]))).toEqual({ code: "VALUE", field: "pnl" });
  });

  it("TRADES: a bad time in row 2 before a bad price in row 1; the fills' faults before a trade's", () => {
    const fills = [col([45000, "noon"]), col(["A", "A"]), col(["buy", "sell"]), col([0, 11]), col([1, 1])];
    expect(errorOf(engine.TRADES, ...fills)).toEqual({ code: "VALUE", field: "times" });
    // two contract sizes in one trade (found while building the trade) and an unknown position side (a fill's
    // own fault): the fill's, although contract_sizes is left of position_sides
    const trade = [col([45000, 45001]), col(["A", "A"]), col(["buy", "sell"]), col([10, 11]), col([1, 1]), null, col([1, 10])];
    expect(errorOf(engine.TRADES, ...trade)).toEqual({ code: "VALUE", field: "contract_sizes" });
    expect(errorOf(engine.TRADES, ...trade, col(["BOTH", "UP"]))).toEqual({ code: "VALUE", field: "position_sides" });
  });

  it("SCENARIOS: a price of 0 before a bad balance", () => {
    expect(errorOf(engine.SCENARIOS, "long", 100, 1, 10, col([0]), "abc")).toEqual({ code: "NUM", field: "prices" });
  });

  it("AVGPRICE and LADDER: a price or quantity out of bounds before a later argument's fault", () => {
    expect(errorOf(engine.AVGPRICE, col([0, 100]), col([1, 1]), "nonsense")).toEqual({ code: "NUM", field: "prices" });
    expect(errorOf(engine.AVGPRICE, col([100, 100]), col([1, -1]), "nonsense")).toEqual({ code: "NUM", field: "sizes" });
    expect(errorOf(engine.LADDER, "long", col([100, 90]), col([1, 0]), "abc")).toEqual({ code: "NUM", field: "quantities" });
    // a blank beside a number is the blank one's fault, the left range's first
    expect(errorOf(engine.AVGPRICE, col([null, 100]), col([1, "x"]))).toEqual({ code: "VALUE", field: "prices" });
  });

  it("GRID: a move of −100 % before a bad mmr, too many leverages before a bad move", () => {
    expect(errorOf(engine.GRID, "roe", "long", 100, [[10]], col([-1]), 2)).toEqual({ code: "NUM", field: "moves" });
    const many = [Array.from({ length: engine.MAX_GRID_LEVERAGES + 1 }, (_, i) => i + 1)];
    expect(errorOf(engine.GRID, "roe", "long", 100, many, col(["x"]))).toEqual({ code: "NUM", field: "leverages" });
  });

  it("CROSSLIQ and CROSSACCOUNT: a bad positions table before a bad wallet_balance", () => {
    const table = [col(["BTCUSDT"]), col(["lnog"]), col([60000]), col([0.1]), col([59000])];
    expect(errorOf(engine.CROSSLIQ, ...table, -1)).toEqual({ code: "VALUE", field: "sides" });
    expect(errorOf(engine.CROSSACCOUNT, ...table.slice(1), -1)).toEqual({ code: "VALUE", field: "sides" });
  });
});
