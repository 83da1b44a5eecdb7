import * as fs from "fs";
import * as path from "path";
import * as engine from "../../src/engine";
import type { AnyEngineFunction } from "../../src/engine";
import { lev, lit } from "../../src/taskpane/model/expr";

/**
 * The worksheet catalog (functions.json, generated from functions.ts) and the engine's argument specs
 * describe the same functions: every id is an engine function, and its arguments match the spec name for
 * name, in order, optional where the spec has a default, a range where the spec reads one.
 */
interface Parameter {
  name: string;
  optional?: boolean;
  dimensionality?: string;
}
const golden = JSON.parse(fs.readFileSync(path.resolve(__dirname, "functions.golden.json"), "utf8")) as {
  functions: { id: string; parameters: Parameter[] }[];
};

function engineFunction(id: string): AnyEngineFunction | undefined {
  const fn = (engine as unknown as Record<string, unknown>)[id];
  return typeof fn === "object" && fn !== null && "params" in fn ? (fn as AnyEngineFunction) : undefined;
}

describe("functions.json and the engine's argument specs", () => {
  it("holds the catalog's functions", () => {
    expect(golden.functions.length).toBeGreaterThan(50);
  });

  it.each(golden.functions.map((f) => [f.id, f] as const))("%s: every argument matches the engine's spec, name for name and in order", (id, f) => {
    const fn = engineFunction(id);
    expect(fn).toBeDefined();
    expect(f.parameters.map((p) => p.name)).toEqual([...fn!.names]);
    for (const p of f.parameters) {
      const spec = fn!.params[p.name]!;
      expect([p.name, p.optional === true]).toEqual([p.name, spec.optional]);
      expect([p.name, p.dimensionality === "matrix"]).toEqual([p.name, spec.range]);
    }
  });

  it("is what the pane writes from: a function or argument the catalog lacks does not compile", () => {
    expect(lev("MARGIN", { notional: lit(100000), leverage: lit(50) }).text).toBe("LEV.MARGIN(100000, 50)");
    // @ts-expect-error: the catalog has no LIQPRCE
    expect(() => lev("LIQPRCE", {})).toThrow(/no function LIQPRCE/);
    // @ts-expect-error: LIQPRICE has no argument sides
    expect(() => lev("LIQPRICE", { sides: lit("long") })).toThrow(/no argument sides/);
  });
});
