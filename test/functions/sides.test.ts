import type { AnyEngineFunction } from "../../src/engine";
import { argument, engineFunction, golden, goodChoice, outcome, plan } from "../helpers/args";

/**
 * One side vocabulary for every function (catalog, Conventions): long/short, buy/sell, l/s, b (buy),
 * case-insensitive and trimmed, and 1/−1 also as text. For every function in functions.json with a side
 * argument (a scalar side, or a range whose cells are sides), each spelling gives what "long" or "short"
 * gives, through the fast path where it answers (as the worksheet calls it) and through the Decimal path.
 */

const LONG = ["long", "buy", "l", "b", "LONG", " Buy ", "B", "L", 1, "1", "+1", " 1 "];
const SHORT = ["short", "sell", "s", "SHORT", " Sell ", "S", -1, "-1", " -1 "];
const NOT_SIDES = ["lnog", "bs", "x", 0, 2, "0", "constructor", "toString", true];

type Shown = unknown;
const shownCell = (c: unknown): Shown => (c !== null && typeof c === "object" && !Array.isArray(c) && "toNumber" in c ? (c as { toNumber(): number }).toNumber() : c);
/** What a call shows: the fast path's answer where it gives one, the Decimal path's otherwise; an error as its code and message. */
function shows(fn: AnyEngineFunction, args: unknown[], path: "fast" | "decimal"): Shown {
  if (path === "fast") {
    const f = fn.fast?.(args);
    if (f === undefined) return "declined";
    return Array.isArray(f) ? f.map((r) => r.map(shownCell)) : f;
  }
  const o = outcome(fn, args);
  if (o !== "answered") return o;
  const r = fn.apply(args);
  return Array.isArray(r) ? r.map((row) => row.map(shownCell)) : shownCell(r);
}

const withSides = golden.functions
  .map((f) => ({ id: f.id, plans: plan(f.id, f.parameters) }))
  .filter((f) => f.plans.some((p) => (p.param.cell?.kind ?? p.param.kind) === "side"));

describe("every function reads the one side vocabulary", () => {
  it("covers the functions that take a side: PNL, LIQPRICE, CROSSLIQ, TRADES among them", () => {
    expect(withSides.map((f) => f.id)).toEqual(expect.arrayContaining(["PNL", "LIQPRICE", "WALLETLIQ", "SCENARIOS", "GRID", "LADDER", "CROSSLIQ", "CROSSACCOUNT", "TRADES"]));
  });

  it.each(withSides.map((f) => [f.id, f] as const))("%s", (id, f) => {
    const fn = engineFunction(id);
    const good = goodChoice(fn, f.plans);
    const i = f.plans.findIndex((p) => (p.param.cell?.kind ?? p.param.kind) === "side");
    const p = f.plans[i]!;
    const call = (side: unknown) => {
      const args = f.plans.map((q, j) => argument(q.param, good[j], good[j]));
      args[i] = argument(p.param, side, side);
      return args;
    };
    for (const path of ["fast", "decimal"] as const) {
      const long = shows(fn, call("long"), path);
      const short = shows(fn, call("short"), path);
      for (const word of LONG) expect([word, shows(fn, call(word), path)]).toEqual([word, long]);
      for (const word of SHORT) expect([word, shows(fn, call(word), path)]).toEqual([word, short]);
    }
    // anything else is #VALUE! naming the side argument
    for (const word of NOT_SIDES) expect([word, outcome(fn, call(word))]).toMatchObject([word, { code: "VALUE", field: p.name }]);
  });
});

describe("by hand", () => {
  it('=LEV.PNL("b", 100, 110, 2) is the long\'s (110 − 100)·2 = 20, on both paths', () => {
    const fn = engineFunction("PNL");
    expect(fn.fast!(["b", 100, 110, 2])).toBe(20);
    expect((fn.apply(["b", 100, 110, 2]) as { toNumber(): number }).toNumber()).toBe(20);
    // "-1" as text is the short's (100 − 110)·2 = −20
    expect(fn.fast!(["-1", 100, 110, 2])).toBe(-20);
  });
});
