import * as fs from "fs";
import * as path from "path";
import * as engine from "../../src/engine";
import { EngineError, type AnyEngineFunction, type Param } from "../../src/engine";
import { number, type Bounds } from "../../src/engine/spec";

/**
 * Arguments are checked from left to right (catalog, Errors): when one call has several faults, the leftmost
 * argument's is the one shown, and within a range the first row's. For every function in functions.json, a
 * call is built with good values for every argument, then with two bad ones, and the error must be the left
 * one's, word for word. The good and bad values are derived from the engine's argument specs (kind, bounds,
 * option words, what each cell of a range holds) and each is checked to be good, or a fault of its own
 * argument, before it is used: a new function or argument is covered without a list to keep up.
 */

interface Parameter {
  name: string;
  dimensionality?: string;
}
const golden = JSON.parse(fs.readFileSync(path.resolve(__dirname, "functions.golden.json"), "utf8")) as {
  functions: { id: string; parameters: Parameter[] }[];
};

function engineFunction(id: string): AnyEngineFunction {
  return (engine as unknown as Record<string, AnyEngineFunction>)[id]!;
}

/** Whether a number reads within these bounds (the engine's own bounds check). */
const within = (bounds: Bounds | undefined, x: unknown) => {
  try {
    number(bounds ?? {}).read(x, "x");
    return true;
  } catch {
    return false;
  }
};
const NUMBERS = [1, 2, 0.5, 10, 100, 0, -1, -2, 1.5];

/** Good and bad values for one cell of a range (or one scalar), by what it holds. */
function cellValues(kind: string, bounds: Bounds | undefined, words?: readonly string[]): { good: unknown[]; bad: unknown[] } {
  switch (kind) {
    case "number":
    case "rateOrTiers": {
      const inside = NUMBERS.filter((x) => within(bounds, x));
      const outside = NUMBERS.filter((x) => !within(bounds, x));
      // the rate 0.005 first where it fits: a maintenance rate of 1 would make a position liquidate at once
      return { good: within(bounds, 0.005) && kind === "rateOrTiers" ? [0.005] : inside, bad: ["abc", ...outside.slice(0, 1)] };
    }
    case "leverage":
    case "leverages":
      return { good: [10, 20], bad: ["abc", 0] };
    case "side":
      return { good: ["buy", "long"], bad: ["lnog"] };
    case "symbol":
      return { good: ["BTCUSDT"], bad: [true] };
    case "time":
      return { good: [45000, 45001], bad: ["yesterday"] };
    case "positionSide":
      return { good: ["BOTH"], bad: ["UP"] };
    case "boolean":
      return { good: [false], bad: ["maybe"] };
    case "text":
      return { good: ["EUR/USD", "USD", "EUR"], bad: [true] };
    case "option":
      return { good: [...(words ?? [])], bad: ["nonsense"] };
    default:
      throw new Error(`no values for an argument of kind ${kind}`);
  }
}

/**
 * What an argument is given: a scalar, or a column of two cells of the good value `good` (one position of
 * one trade, two fills of one trade at one price), with a bad value in row `badRow`.
 */
function argument(p: Param<unknown>, v: unknown, good: unknown, badRow?: number): unknown {
  if (!p.range || p.cell === undefined) return v;
  const rows = [good, good];
  rows[(badRow ?? 1) - 1] = v;
  return rows.map((x) => [x]);
}

interface Plan {
  name: string;
  param: Param<unknown>;
  good: unknown[];
  bad: unknown[];
}

function plan(id: string, parameters: Parameter[]): Plan[] {
  const fn = engineFunction(id);
  return parameters.map(({ name }) => {
    const param = fn.params[name] as Param<unknown>;
    if (param.range && param.cell === undefined && param.kind !== "rateOrTiers") throw new Error(`${id}: ${name} is a range that does not say what its cells hold`);
    const kind = param.cell?.kind ?? param.kind;
    const { good, bad } = cellValues(kind, param.cell?.bounds ?? param.bounds, param.words);
    return { name, param, good, bad };
  });
}

/** The error a call throws, as code, field and message; or "answered". */
function outcome(fn: AnyEngineFunction, args: unknown[]): { code: string; field: string | undefined; message: string } | "answered" {
  try {
    fn.apply(args);
    return "answered";
  } catch (e) {
    if (e instanceof EngineError) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
}

/**
 * Good values for every argument: the first candidates (in order) for which the call answers, found by trying
 * each combination in turn (a few functions need values that fit together: AVGDOWN's target lies between the
 * price and the average); failing that, the first for which the error names no argument.
 */
function goodChoice(fn: AnyEngineFunction, plans: Plan[]): unknown[] {
  const sizes = plans.map((p) => p.good.length);
  const args = (pick: number[]) => plans.map((p, i) => argument(p.param, p.good[pick[i]!], p.good[pick[i]!]));
  let fallback: number[] | undefined;
  const pick = plans.map(() => 0);
  for (let tries = 0; tries < 20000; tries++) {
    const o = outcome(fn, args(pick));
    if (o === "answered") return pick.map((k, i) => plans[i]!.good[k]);
    if (fallback === undefined && o.field === undefined) fallback = pick.slice();
    // the next combination, the last argument's candidates first
    let i = pick.length - 1;
    while (i >= 0 && pick[i] === sizes[i]! - 1) pick[i--] = 0;
    if (i < 0) break;
    pick[i]!++;
  }
  if (fallback === undefined) throw new Error("no good values");
  return fallback.map((k, i) => plans[i]!.good[k]);
}

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
