import * as fs from "fs";
import * as path from "path";
import { DetailedCellError } from "hyperformula";
import { buildWorkbook, registerLevFunctions } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { CustomFunctionsError, DIST, loadBundle } from "../helpers/bundle";
import { expectVector, vector, vectors } from "../helpers/vectors";
import { evaluate, functionsCalled, parseFormula } from "./formula";
import { VECTOR_FORMULAS } from "./vector-formulas";

/*
 * Every public reference vector, typed as =LEV.…(…) formulas into a HyperFormula workbook through the
 * playground's bridge: each cell must hold exactly what calling the bundle's functions directly returns,
 * and that must be the vector's expected value within the vector's own tolerance.
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
const bundle = loadBundle();
const existing = new Set(metadata.functions.map((f) => f.id));

describe("the fixture covers the public vectors", () => {
  it("has a row for every expected key of every vector, and none for keys that do not exist", () => {
    const rows = new Set(VECTOR_FORMULAS.map((r) => `${r.id}.${r.key}`));
    const keys = vectors().flatMap((v) => Object.keys(v.expected).map((k) => `${v.id}.${k}`));
    expect([...keys].filter((k) => !rows.has(k))).toEqual([]);
    expect([...rows].filter((k) => !keys.includes(k))).toEqual([]);
  });

  it("gives every row either a formula or the reason there is none", () => {
    for (const r of VECTOR_FORMULAS) expect(Boolean(r.formula) !== Boolean(r.none)).toBe(true);
  });
});

describe("public vectors as worksheet formulas in the playground's spreadsheet engine", () => {
  const withFormula = VECTOR_FORMULAS.filter((r) => r.formula);
  const ready = withFormula.filter((r) => !r.waitsFor && functionsCalled(parseFormula(r.formula!)).every((n) => existing.has(n)));
  const waiting = withFormula.filter((r) => !ready.includes(r));

  const bridge = registerLevFunctions(metadata, bundle.functions);
  const hf = buildWorkbook(bridge, { Vectors: ready.map((r) => [r.formula!]) });
  afterAll(() => {
    hf.destroy();
    bridge.unregister();
  });

  const rows = ready.map((r, row) => ({ ...r, row, label: `${r.id}.${r.key}: ${r.formula}` }));
  if (rows.length > 0) {
    it.each(rows)("$label", ({ id, key, formula, percent, within, row }) => {
      const cell = hf.getCellValue({ sheet: 0, row, col: 0 });
      const direct = evaluate(parseFormula(formula!), bundle.functions, metadata);
      const expected = vector(id).expected[key] as unknown;
      if (typeof expected === "string" && expected.startsWith("#")) {
        // An error cell of a spilled table: the bundle's error object and HyperFormula's error cell carry its code.
        expect(direct).toBeInstanceOf(CustomFunctionsError);
        expect((direct as CustomFunctionsError).code).toBe(expected);
        expect(cell).toBeInstanceOf(DetailedCellError);
        expect((cell as DetailedCellError).value).toBe(expected);
        return;
      }
      if (typeof direct === "object" && direct !== null) {
        throw new Error(`${formula} returned an Excel error called directly: ${JSON.stringify(direct)}`);
      }
      // A blank cell of a spilled table (an open trade's Closed) is "" from the bundle, as Excel shows it, and
      // an empty cell in HyperFormula, which INDEX reads as 0 there as in Excel; the vector writes it "".
      if (expected === "" && direct === "") {
        expect(cell === null || cell === 0 || cell === "").toBe(true);
        return;
      }
      expect(cell).toBe(direct);
      const actual = percent ? (cell as number) * 100 : cell;
      if (within) expect(Math.abs((actual as number) - (vector(id).expected[key] as number))).toBeLessThanOrEqual(within.abs);
      else expectVector(id, key, actual);
    });
  }

  for (const r of waiting.filter((x) => x.waitsFor)) {
    it.skip(`${r.id}.${r.key}: waits for ${r.waitsFor} — ${r.formula}`, () => {});
  }

  for (const r of waiting.filter((x) => !x.waitsFor)) {
    const missing = functionsCalled(parseFormula(r.formula!)).filter((n) => !existing.has(n));
    it.skip(`${r.id}.${r.key}: waits for ${[...new Set(missing)].map((n) => `LEV.${n}`).join(", ")} — ${r.formula}`, () => {});
  }

  for (const r of VECTOR_FORMULAS.filter((x) => x.none)) {
    it.skip(`${r.id}.${r.key}: no formula — ${r.none}`, () => {});
  }
});
