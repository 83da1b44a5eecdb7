import * as fs from "fs";
import * as path from "path";
import { HyperFormula } from "hyperformula";
import JSZip from "jszip";
import { callsLev, formulaFromFile, formulaToFile, isAddinCall, isBroken } from "../../src/playground/xlsx-formulas";
import { xmlUnescape } from "../../src/playground/xlsx-package";
import { DIST } from "../helpers/bundle";

/*
 * Formulas as Excel stores them in a file. The expected forms are Excel's own, quoted from real files: the
 * evelyn-chrono/officejs-custom-functions-name-error-repro file stores CONTOSO.ADD(1,2) as
 * _xldudf_CONTOSO_ADD(1,2); the fixtures (test/fixtures/xlsx/README.md) store UNIQUE as _xlfn.UNIQUE and xlwings'
 * functions as _xldudf_XLWINGSJS_…; XlsxWriter's documentation of formulas gives =_xlfn.STDEV.S(B1:B10).
 */
const FIXTURES = path.join(__dirname, "../fixtures/xlsx");

describe("formulas as a file stores them", () => {
  it.each([
    ["LEV.MARGIN(A1, 50)", "_xldudf_LEV_MARGIN(A1, 50)"],
    ["lev.margin(A1, 50)", "_xldudf_LEV_MARGIN(A1, 50)"],
    ["SUM(LEV.PNL(C2:C5, D2:D5, E2:E5, F2:F5))", "SUM(_xldudf_LEV_PNL(C2:C5, D2:D5, E2:E5, F2:F5))"],
    ["STDEV.S(B1:B10)", "_xlfn.STDEV.S(B1:B10)"],
    ["UNIQUE(A1)", "_xlfn.UNIQUE(A1)"],
    ["FILTER(A1:A3, B1:B3>0)", "_xlfn._xlws.FILTER(A1:A3, B1:B3>0)"],
    ["SUM(ABS(A2:A11))", "SUM(ABS(A2:A11))"],
    ['"LEV.MARGIN(" & A1', '"LEV.MARGIN(" & A1'],
    ["'LEV Scenario'!B5*2", "'LEV Scenario'!B5*2"],
    ["XLWINGSJS.READ_FLOAT(2)", "_xldudf_XLWINGSJS_READ_FLOAT(2)"],
    ["ERROR.TYPE(A1)", "ERROR.TYPE(A1)"],
  ])("writes %s as %s", (typed, stored) => {
    expect(formulaToFile(typed)).toBe(stored);
  });

  it.each([
    ["_xldudf_LEV_MARGIN(A1, 50)", "LEV.MARGIN(A1, 50)"],
    // the damaged forms: another add-in's link captured the call (office-js #2568, #2051)
    ["[2]!_xldudf_LEV_MARGIN(A1, 50)", "LEV.MARGIN(A1, 50)"],
    ["BloombergUI.xla!_xldudf_LEV_MARGIN(A1, 50)", "LEV.MARGIN(A1, 50)"],
    // typed before the add-in was loaded: Excel keeps the call as typed (the repro's sheet1)
    ["LEV.MARGIN(A1, 50)", "LEV.MARGIN(A1, 50)"],
    ["_xlfn.STDEV.S(B1:B10)", "STDEV.S(B1:B10)"],
    ["_xlfn._xlws.SORT(A1:A3)", "SORT(A1:A3)"],
    ["_xlfn.LET(x, 1, x)", "LET(x, 1, x)"],
    ["_xldudf_XLWINGSJS_READ_FLOAT(2)", "XLWINGSJS.READ_FLOAT(2)"],
    ['"_xldudf_LEV_MARGIN(" & A1', '"_xldudf_LEV_MARGIN(" & A1'],
  ])("reads %s as %s", (stored, typed) => {
    expect(formulaFromFile(stored)).toBe(typed);
  });

  it("writes back exactly what Excel stored, for every formula of the Excel-written fixtures", async () => {
    let count = 0;
    let udf = 0;
    for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"))) {
      const zip = await JSZip.loadAsync(fs.readFileSync(path.join(FIXTURES, file)));
      for (const part of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
        const xml = await zip.file(part)!.async("string");
        for (const m of xml.matchAll(/<f\b[^>]*>([^<]+)<\/f>/g)) {
          const stored = xmlUnescape(m[1]!);
          expect([file, formulaToFile(formulaFromFile(stored))]).toEqual([file, stored]);
          count++;
          if (stored.includes("_xldudf_")) udf++;
        }
      }
    }
    // xlwings' sheet alone spells out 464 formulas (the others are copies of a shared one), 119 calling its add-in
    expect(count).toBeGreaterThanOrEqual(464);
    expect(udf).toBe(119);
  });

  it("takes a dotted name for an add-in's call only when it is no Excel function: none of HyperFormula's dotted functions", () => {
    const dotted = HyperFormula.getRegisteredFunctionNames("enGB").filter((n) => n.includes(".") && !n.startsWith("HF."));
    expect(dotted.length).toBeGreaterThan(40); // STDEV.S, NORM.DIST, NETWORKDAYS.INTL…
    expect(dotted.filter((n) => isAddinCall(n))).toEqual([]);
    expect(isAddinCall("LEV.MARGIN")).toBe(true);
  });

  it("stores LEV calls under their functions.json ids: each LEV function's id is its name", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: { id: string; name: string }[] };
    expect(metadata.functions.length).toBeGreaterThan(50);
    expect(metadata.functions.filter((f) => f.id !== f.name)).toEqual([]);
  });

  it.each([
    ["=LEV.MARGIN(", true],
    ["=LEV.MARGIN(100000, 50", true],
    ["=LEV.MARGIN(100000; 50)", true],
    ['=LEV.MARGIN("100000, 50)', true],
    ["=LEV.MARGIN(100000, 50))", true],
    ["=LEV.MARGIN(100000, 50)", false],
    ['=CONCAT("a;b", "(")', false],
    ["=SUM(Table1[Col])", false],
  ])("%s is broken beyond any program's reading: %p", (formula, broken) => {
    expect(isBroken(formula.slice(1))).toBe(broken);
  });

  it("finds LEV calls outside text", () => {
    expect([callsLev("LEV.MARGIN(1, 2)"), callsLev('"LEV.MARGIN(1, 2)"'), callsLev("SUM(A1:A3)")]).toEqual([true, false, false]);
  });
});
