import * as fs from "fs";
import * as path from "path";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { formulaFromFile, readXlsx, writeXlsx } from "../../src/playground/xlsx";
import { DIST, loadBundle } from "../helpers/bundle";

/* .xlsx out and back in, in Node: formulas stay formulas, spills become array formulas, text stays text. */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
let bridge: LevBridge;
beforeAll(() => {
  bridge = registerLevFunctions(metadata, loadBundle().functions);
});
afterAll(() => bridge.unregister());

describe("the playground's .xlsx files", () => {
  it("keeps formulas, values, text that looks like a time, number formats and column widths", async () => {
    const hf = buildWorkbook(bridge, {
      Journal: [
        ["Entry", "Quantity", "Leverage", "Notional", "Margin"],
        [60000, 0.5, "'1:50", "=LEV.NOTIONAL(A2, B2)", "=LEV.MARGIN(D2, C2)"],
      ],
      Lifted: [[100000, "=LEV.MARGIN(A1:A3, 50)"], [50000], [20000]],
    });
    const buffer = await writeXlsx(hf, { Journal: { 3: "#,##0.00" } }, { Journal: { 0: 70 } });
    const back = await readXlsx(buffer);
    expect(back.sheets.Journal![1]).toEqual([60000, 0.5, "'1:50", "=LEV.NOTIONAL(A2, B2)", "=LEV.MARGIN(D2, C2)"]);
    expect(back.formats.Journal![3]).toBe("#,##0.00");
    expect(back.widths.Journal![0]).toBe(70);
    // The lifted formula's results are not written back as values over its spill.
    expect(back.sheets.Lifted).toEqual([[100000, "=LEV.MARGIN(A1:A3, 50)"], [50000], [20000]]);

    const again = buildWorkbook(bridge, back.sheets);
    // 60,000 × 0.5 = 30,000; at 1:50, 30,000 / 50 = 600
    expect(again.getCellValue({ sheet: 0, row: 1, col: 4 })).toBe(600);
    // 100,000/50, 50,000/50, 20,000/50
    expect([0, 1, 2].map((row) => again.getCellValue({ sheet: 1, row, col: 1 }))).toEqual([2000, 1000, 400]);
    hf.destroy();
    again.destroy();
  });

  it("writes a spilled result as an array formula over its block, so Excel shows all of it", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const hf = buildWorkbook(bridge, { S: [[100000, "=LEV.MARGIN(A1:A3, 50)"], [50000], [20000]] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await writeXlsx(hf));
    const v = wb.getWorksheet("S")!.getCell("B1").value as { shareType?: string; ref?: string; formula?: string };
    expect([v.formula, v.shareType, v.ref]).toEqual(["LEV.MARGIN(A1:A3, 50)", "array", "B1:B3"]);
    hf.destroy();
  });

  it.each([
    ["_xldudf_LEV_MARGIN(A1, 50)", "LEV.MARGIN(A1, 50)"],
    ["_xlfn.LET(x, 1, x)", "LET(x, 1, x)"],
    ["LEV.PNL(C2, D2, E2, F2)", "LEV.PNL(C2, D2, E2, F2)"],
  ])("reads the formula Excel stored as %s back as %s", (stored, typed) => {
    expect(formulaFromFile(stored)).toBe(typed);
  });
});
