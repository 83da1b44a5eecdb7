import * as fs from "fs";
import * as path from "path";
import * as engine from "../../src/engine";
import { EngineError, type AnyEngineFunction, type Param } from "../../src/engine";
import { number, type Bounds } from "../../src/engine/spec/params";

/**
 * Arguments for any function, derived from the engine's argument specs (kind, bounds, option words, what each
 * cell of a range holds): good values, and bad ones that are a fault of their own argument. Used by the tests
 * that go through every function in functions.json, so a new function or argument is covered without a list
 * to keep up.
 */

export interface Parameter {
  name: string;
  dimensionality?: string;
}
export const golden = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../functions/functions.golden.json"), "utf8")) as {
  functions: { id: string; parameters: Parameter[] }[];
};

export function engineFunction(id: string): AnyEngineFunction {
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
export function cellValues(kind: string, bounds: Bounds | undefined, words?: readonly string[]): { good: unknown[]; bad: unknown[] } {
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
export function argument(p: Param<unknown>, v: unknown, good: unknown, badRow?: number): unknown {
  if (!p.range || p.cell === undefined) return v;
  const rows = [good, good];
  rows[(badRow ?? 1) - 1] = v;
  return rows.map((x) => [x]);
}

export interface Plan {
  name: string;
  param: Param<unknown>;
  good: unknown[];
  bad: unknown[];
}

export function plan(id: string, parameters: Parameter[]): Plan[] {
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
export function outcome(fn: AnyEngineFunction, args: unknown[]): { code: string; field: string | undefined; message: string } | "answered" {
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
export function goodChoice(fn: AnyEngineFunction, plans: Plan[]): unknown[] {
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

