import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import type { HyperFormula } from "hyperformula";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import { applyPreset, GUIDE_EXAMPLE } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { journalPlan, scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";
import { positionsPlan } from "../../src/taskpane/model/positions";
import { DIST, loadBundle } from "../helpers/bundle";

/**
 * Data safety: whatever the workbook holds, writing a scenario or a journal through the playground adapter
 * never changes a cell that existed before, in any sheet: not its content (value or formula) and not what
 * it shows, even where its formula names a cell the new sheet defines (Entry, Balance…).
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
const bundle = loadBundle();

const SHEET_NAMES = ["Sheet1", "Journal", "LEV Scenario", "lev scenario 2", "LEV Scenario 3", "LEV Journal", "LEV Positions", "Trades 2024", "Data"];
const cell = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constantFrom("=1+2", "=A1*2", "=SUM(A1:B3)", "=Entry*2", "=Balance", '=LEV.MARGIN(100000, 50)', '=LEV.LIQPRICE("long", 60000, 10)', "=LEV.PNL(C1, 100, 110, 1)"),
);
const sheet = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
const workbook = fc
  .uniqueArray(fc.constantFrom(...SHEET_NAMES), { minLength: 1, maxLength: 5, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() })
  .chain((names) => fc.tuple(...names.map((n) => sheet.map((rows) => [n, rows] as const))));

function snapshot(hf: HyperFormula): Record<string, { content: unknown[][]; shown: unknown[][] }> {
  const out: Record<string, { content: unknown[][]; shown: unknown[][] }> = {};
  for (const name of hf.getSheetNames()) {
    const id = hf.getSheetId(name)!;
    out[name] = { content: hf.getSheetSerialized(id), shown: JSON.parse(JSON.stringify(hf.getSheetValues(id))) };
  }
  return out;
}

const trade = validate(applyPreset(GUIDE_EXAMPLE, "crypto-linear")).trade!;
const PLANS = {
  scenario: () => scenarioPlan(buildScenario(trade)),
  "scenario (values only)": () => scenarioPlan(buildScenario({ ...trade, output: "values" })),
  journal: () => journalPlan(),
  positions: () => positionsPlan(),
};

describe("writing never changes a cell that existed before", () => {
  let bridge: LevBridge;
  beforeAll(() => {
    bridge = registerLevFunctions(metadata, bundle.functions);
  });
  afterAll(() => bridge.unregister());

  it.each(Object.keys(PLANS))("a %s write, over random workbooks", async (kind) => {
    await fc.assert(
      fc.asyncProperty(workbook, fc.integer({ min: 1, max: 3 }), async (sheets, writes) => {
        const hf = buildWorkbook(bridge, Object.fromEntries(sheets.map(([n, rows]) => [n, rows.map((r) => [...r])])));
        try {
          const before = snapshot(hf);
          const adapter = createPlaygroundAdapter({ hf, refresh: () => undefined, activateSheet: () => undefined, select: () => undefined });
          const added: string[] = [];
          for (let i = 0; i < writes; i++) added.push((await adapter.write(PLANS[kind as keyof typeof PLANS]())).sheet);
          const after = snapshot(hf);
          for (const name of Object.keys(before)) expect(after[name]).toEqual(before[name]);
          // each write made a sheet of its own, none of them an existing one
          expect(new Set(added.map((n) => n.toLowerCase())).size).toBe(writes);
          for (const n of added) expect(Object.keys(before).map((b) => b.toLowerCase())).not.toContain(n.toLowerCase());
        } finally {
          hf.destroy();
        }
      }),
      { numRuns: 25 },
    );
  });

  it("the check can fail: writing into an existing sheet is caught", () => {
    const hf = buildWorkbook(bridge, { Sheet1: [[1, 2]] });
    const before = snapshot(hf);
    hf.setCellContents({ sheet: hf.getSheetId("Sheet1")!, row: 0, col: 0 }, [[99]]);
    expect(snapshot(hf)).not.toEqual(before);
    hf.destroy();
  });
});
