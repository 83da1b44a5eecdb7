import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import { installHostRequirements } from "../../src/playground/customFunctions";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { writeValuesXlsx, writeXlsx } from "../../src/playground/xlsx";
import { DIST, loadBundle } from "../helpers/bundle";

/*
 * The formats LEV's tables hand out with their numbers, in the playground: the page offers the functions what
 * Excel with CustomFunctionsRuntime 1.4 offers, so LEV.TRADES typed by hand over fills shows its dates as dates.
 * A cell's own format comes first; a saved file keeps the cells' own formats, and a copy with values writes the
 * formats the values carried too, so that any program shows them.
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
let bridge: LevBridge;
beforeAll(() => {
  const host = {};
  installHostRequirements(host);
  bridge = registerLevFunctions(metadata, loadBundle(undefined, host).functions);
});
afterAll(() => bridge.unregister());

// Fills typed by hand (A: times, 2024-03-04 09:00 and 11:00), LEV.TRADES in H1
const sheet = () => ({
  S: [
    [45355.375, "BTCUSDT", "buy", 62000, 0.01, null, null, "=LEV.TRADES(A1:A2, B1:B2, C1:C2, D1:D2, E1:E2)"],
    [45355 + 11 / 24, "BTCUSDT", "sell", 62800, 0.01],
  ],
});

describe("the formats LEV's tables carry, in the playground", () => {
  it("are kept beside the cells the table spills into: Opened and Closed as dates, PnL as money", () => {
    const hf = buildWorkbook(bridge, sheet());
    const at = (row: number, col: number) => bridge.valueFormat(hf, { sheet: 0, row, col });
    // the header row (H1:T1) is text; the trade's row: Opened in J2, Closed in K2, Gross PnL in P2, Return in S2
    expect(hf.getCellValue({ sheet: 0, row: 1, col: 9 })).toBe(45355.375);
    expect([at(1, 9), at(1, 10), at(1, 15), at(1, 18)]).toEqual(["yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd hh:mm:ss", "#,##0.00", "0.00%"]);
    expect([at(0, 9), at(1, 7), at(1, 0), at(5, 9)]).toEqual([undefined, undefined, undefined, undefined]);
    // the trade's value is the number: the cell holds 45355.375, not an object
    expect(typeof hf.getCellValue({ sheet: 0, row: 1, col: 9 })).toBe("number");
    // the call replaced by a number: its formats go with it
    hf.setCellContents({ sheet: 0, row: 0, col: 7 }, [[1]]);
    expect(at(1, 9)).toBeUndefined();
    hf.destroy();
  });

  it("are written as the cells' formats in a copy with values, and left to the functions in the saved workbook", async () => {
    const hf = buildWorkbook(bridge, sheet());
    const valueFormat = (s: number, row: number, col: number) => bridge.valueFormat(hf, { sheet: s, row, col });
    const read = async (data: ArrayBuffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data);
      return wb.getWorksheet("S")!;
    };
    const values = await read(await writeValuesXlsx(hf, {}, { valueFormat }));
    // a date-formatted number reads back as the date it stands for: serial 45355.375 is 2024-03-04 09:00 UTC
    expect([values.getCell("J2").value, values.getCell("J2").numFmt]).toEqual([new Date(Date.UTC(2024, 2, 4, 9)), "yyyy-mm-dd hh:mm:ss"]);
    const saved = await read(await writeXlsx(hf, {}, { valueFormat }));
    // the saved workbook's call gives its formats again when it is computed: the cell itself has none
    expect(saved.getCell("J2").numFmt ?? "General").toBe("General");
    hf.destroy();
  });
});
