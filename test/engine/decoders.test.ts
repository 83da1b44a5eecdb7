import * as fs from "fs";
import * as engine from "../../src/engine";
import * as decoders from "../../src/engine/spec/decoders";
import type { AnyEngineFunction } from "../../src/engine";

/*
 * The fast kernels' decoders are generated from each function's argument specs (tools/decoders.cjs, run by
 * `npm run docs`). The file must be what the generator writes for the specs as they stand, so that editing a
 * bound, a default or an option word in params reaches the fast path too; and every fast path must be declared
 * through its generated decoder.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require("../../tools/decoders.cjs") as { generate(e: unknown): string; FILE: string };

const functions = Object.entries(engine as unknown as Record<string, AnyEngineFunction>).filter(
  ([id, fn]) => /^[A-Z]+$/.test(id) && typeof fn === "object" && fn !== null && "apply" in fn,
);

describe("the generated decoders", () => {
  it("are what tools/decoders.cjs writes from the argument specs as they stand (npm run docs)", () => {
    expect(fs.readFileSync(generator.FILE, "utf8")).toBe(generator.generate(engine));
  });

  it("are the decoders the declared fast paths use, one per function", () => {
    const declared = functions.filter(([, fn]) => fn.fastPath !== undefined);
    expect(declared.length).toBeGreaterThan(0);
    for (const [id, fn] of declared) expect([id, fn.fastPath!.decode]).toEqual([id, (decoders as Record<string, unknown>)[id]]);
    expect(Object.keys(decoders).sort()).toEqual(declared.map(([id]) => id).sort());
  });
});
