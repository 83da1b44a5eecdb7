import * as fs from "fs";
import * as path from "path";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import { CustomFunctionsError } from "../../src/playground/customFunctions";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { DIST, loadBundle } from "../helpers/bundle";
import { evaluate, parseFormula } from "./formula";

/*
 * The bridge, in Node: LEV functions from dist/functions.json and dist/functions.js inside HyperFormula,
 * behaving as Excel does (lifting over ranges, spills, errors with their messages).
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
const bundle = loadBundle();

const at = (row: number, col: number, sheet = 0) => ({ sheet, row, col });

describe("the bridge over the real bundle", () => {
  let bridge: LevBridge;
  let hf: HyperFormula;
  beforeAll(() => {
    bridge = registerLevFunctions(metadata, bundle.functions);
  });
  afterAll(() => bridge.unregister());
  afterEach(() => hf?.destroy());

  it("registers every function of functions.json under its LEV. name", () => {
    expect(bridge.names.sort()).toEqual(metadata.functions.map((f) => `LEV.${f.name}`).sort());
  });

  it("computes the quick start's formulas in cells", () => {
    hf = buildWorkbook(bridge, { S: [["=LEV.MARGIN(100000, 50)", '=LEV.LIQPRICE("long", 60000, 10)']] });
    // 100,000 / 50 = 2,000
    expect(hf.getCellValue(at(0, 0))).toBe(2000);
    // (60000/10 − 60000)/(0.005 − 1) = 54271.3567839196…
    expect(hf.getCellValue(at(0, 1))).toBeCloseTo(54271.356783919598, 9);
  });

  it("reads cell references, numeric text and blank optional cells as Excel passes them", () => {
    hf = buildWorkbook(bridge, {
      S: [
        ["long", 60000, "10x", null, '=LEV.LIQPRICE(A1, B1, C1, D1)', '=LEV.LIQPRICE("long", "60000", 10)'],
      ],
    });
    const expected = bundle.functions.LIQPRICE!("long", 60000, 10);
    expect(hf.getCellValue(at(0, 4))).toBe(expected);
    expect(hf.getCellValue(at(0, 5))).toBe(expected);
  });

  it("lifts a scalar function over a column of values and spills the results, one per cell", () => {
    // 100000/50 = 2000, 50000/50 = 1000, 20000/50 = 400
    hf = buildWorkbook(bridge, { S: [[100000, "=LEV.MARGIN(A1:A3, 50)"], [50000], [20000]] });
    expect([0, 1, 2].map((r) => hf.getCellValue(at(r, 1)))).toEqual([2000, 1000, 400]);
  });

  it("broadcasts a row against a column as Excel does", () => {
    // notional 1000 over leverages 10, 20 across; 2000 below: 1000/10, 1000/20; 2000/10, 2000/20
    hf = buildWorkbook(bridge, { S: [[null, 10, 20], [1000, "=LEV.MARGIN(A2:A3, B1:C1)"], [2000]] });
    expect([hf.getCellValue(at(1, 1)), hf.getCellValue(at(1, 2)), hf.getCellValue(at(2, 1)), hf.getCellValue(at(2, 2))]).toEqual([100, 50, 200, 100]);
  });

  it("passes a range to a range parameter whole, blanks skipped (EQUITY of floating profits)", () => {
    // 1000 + (−100) + 150 + (blank) = 1050
    hf = buildWorkbook(bridge, { S: [[-100, "=LEV.EQUITY(1000, A1:A3)"], [150], [null]] });
    expect(hf.getCellValue(at(0, 1))).toBe(1050);
  });

  it.each([
    ['=LEV.MARGIN("abc", 50)', "#VALUE!", "notional"],
    ['=LEV.LIQPRICE("lnog", 60000, 10)', "#VALUE!", "side"],
    ["=LEV.MARGIN(1000, 0)", "#NUM!", "leverage"],
    ["=LEV.MARGINLEVEL(1000, 0)", "#DIV/0!", undefined],
  ])("shows %s as %s with the function's message", (formula, code, field) => {
    hf = buildWorkbook(bridge, { S: [[formula]] });
    const v = hf.getCellValue(at(0, 0));
    expect(v).toBeInstanceOf(DetailedCellError);
    expect((v as DetailedCellError).value).toBe(code);
    // the same error and message as calling the bundle's function directly
    expect(evaluate(parseFormula(formula), bundle.functions, metadata)).toEqual({ error: code, message: (v as DetailedCellError).message });
    if (field) expect((v as DetailedCellError).message).toContain(field);
  });

  // Excel refuses a formula with a wrong number of arguments; the playground answers #VALUE! saying what the
  // function takes (its signature in functions.json: MARGIN has 2, LIQPRICE 3 required and 5 optional,
  // SCENARIOS 5 required and 3 optional), not HyperFormula's #N/A "Wrong number of arguments".
  it.each([
    ["=LEV.MARGIN(100000, 50, 3)", "LEV.MARGIN takes 2 arguments (notional, leverage); 3 were given, too many."],
    ["=LEV.MARGIN(1000)", "LEV.MARGIN takes 2 arguments (notional, leverage); 1 was given, too few."],
    ["=LEV.MARGIN()", "LEV.MARGIN takes 2 arguments (notional, leverage); 0 were given, too few."],
    ['=LEV.LIQPRICE("long", 60000)', "LEV.LIQPRICE takes 3 to 8 arguments (side, entry, leverage, [mmr], [maint_amount], [quantity], [close_fee_rate], [mm_basis]); 2 were given, too few."],
    ['=LEV.SCENARIOS("long", 60000, 1, 10, {54000;60000}, 1000, 0.005, 0, 9)', "LEV.SCENARIOS takes 5 to 8 arguments (side, entry, quantity, leverage, prices, [balance], [mmr], [fee_rate]); 9 were given, too many."],
  ])("shows %s as #VALUE! saying how many arguments the function takes", (formula, message) => {
    hf = buildWorkbook(bridge, { S: [[formula]] });
    const v = hf.getCellValue(at(0, 0)) as DetailedCellError;
    expect(v).toBeInstanceOf(DetailedCellError);
    expect([v.value, v.message]).toEqual(["#VALUE!", message]);
  });

  it("passes an error in an argument through, as Excel does, without calling the function", () => {
    hf = buildWorkbook(bridge, { S: [["=1/0", "=LEV.MARGIN(A1, 50)"]] });
    expect((hf.getCellValue(at(0, 1)) as DetailedCellError).value).toBe("#DIV/0!");
  });

  it("recalculates dependants when an input changes", () => {
    hf = buildWorkbook(bridge, { S: [[100000, "=LEV.MARGIN(A1, 50)"]] });
    hf.setCellContents(at(0, 0), 50000);
    // 50,000 / 50 = 1,000
    expect(hf.getCellValue(at(0, 1))).toBe(1000);
  });
});

describe("the bridge is generic: a spilling function read from metadata alone", () => {
  // A made-up matrix function, so the bridge is tested whether or not the catalog's tables exist yet:
  // ROWS(n, [labels]) returns n rows of [i, i²] under a header, or an error for n < 0.
  const meta: FunctionsMetadata = {
    functions: [
      {
        id: "SQUARES",
        name: "SQUARES",
        parameters: [{ name: "n" }, { name: "labels", dimensionality: "matrix", optional: true }],
        result: { dimensionality: "matrix" },
      },
    ],
  };
  const squares = (n: unknown, labels: unknown) => {
    if (typeof n !== "number" || n < 0) throw new CustomFunctionsError("#NUM!", "n: must be 0 or more");
    const head = Array.isArray(labels) ? (labels as unknown[][])[0]! : ["i", "i²"];
    return [head, ...Array.from({ length: n }, (_, i) => [i + 1, (i + 1) ** 2])];
  };
  let bridge: LevBridge;
  let hf: HyperFormula;
  beforeAll(() => {
    bridge = registerLevFunctions(meta, { SQUARES: squares });
  });
  afterAll(() => bridge.unregister());
  afterEach(() => hf?.destroy());

  const block = (rows: number, cols: number) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => hf.getCellValue(at(r, c + 2))));

  it("spills the whole table from one formula", () => {
    hf = buildWorkbook(bridge, { S: [[null, null, "=LEV.SQUARES(3)"]] });
    expect(block(4, 2)).toEqual([["i", "i²"], [1, 1], [2, 4], [3, 9]]);
  });

  it("sizes a spill whose size depends on a cell, and resizes it when the cell changes", () => {
    hf = buildWorkbook(bridge, { S: [[2, null, "=LEV.SQUARES(A1)"]] });
    expect(block(3, 2)).toEqual([["i", "i²"], [1, 1], [2, 4]]);
    hf.setCellContents(at(0, 0), 4);
    bridge.settle(hf);
    expect(block(5, 2)).toEqual([["i", "i²"], [1, 1], [2, 4], [3, 9], [4, 16]]);
    hf.setCellContents(at(0, 0), 1);
    bridge.settle(hf);
    expect(block(3, 2)).toEqual([["i", "i²"], [1, 1], [null, null]]);
  });

  it("depends on a formula cell computed later in the load", () => {
    hf = buildWorkbook(bridge, { S: [["=1+1", null, "=LEV.SQUARES(A1)"]] });
    expect(block(3, 2)).toEqual([["i", "i²"], [1, 1], [2, 4]]);
  });

  it("shows #SPILL! when the block is not empty, like Excel", () => {
    hf = buildWorkbook(bridge, { S: [[null, null, "=LEV.SQUARES(2)"], [null, null, null, "in the way"]] });
    expect((hf.getCellValue(at(0, 2)) as DetailedCellError).value).toBe("#SPILL!");
  });

  it("shows a thrown error with its code and message in the anchor cell", () => {
    hf = buildWorkbook(bridge, { S: [[null, null, "=LEV.SQUARES(-1)"]] });
    const v = hf.getCellValue(at(0, 2)) as DetailedCellError;
    expect([v.value, v.message]).toEqual(["#NUM!", "n: must be 0 or more"]);
  });

  it("passes a range argument to the function as a 2-D array", () => {
    hf = buildWorkbook(bridge, { S: [["n", "n²", "=LEV.SQUARES(1, A1:B1)"]] });
    expect(block(2, 2)).toEqual([["n", "n²"], [1, 1]]);
  });
});
