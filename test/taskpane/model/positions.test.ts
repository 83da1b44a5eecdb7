import * as fs from "fs";
import * as path from "path";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { buildWorkbook, registerLevFunctions } from "../../../src/playground/bridge";
import type { FunctionsMetadata } from "../../../src/playground/metadata";
import { createPlaygroundAdapter } from "../../../src/playground/adapter";
import { sampleWorkbook } from "../../../src/playground/sample";
import { LAYOUT, POSITIONS_SHEET, positionsGrid, positionsPlan } from "../../../src/taskpane/model/positions";
import { parseRange } from "../../../src/shared/a1";
import { DIST, loadBundle } from "../../helpers/bundle";

/*
 * The positions sheet: written through the playground adapter into a real spreadsheet engine
 * (HyperFormula with dist/functions.js), its liquidation prices, distances and account figures read
 * back against hand calculations, and read again after a mark changes.
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
const bundle = loadBundle();

/** The example account, worked by hand (see EXAMPLE_POSITIONS): surplus over maintenance 7,486.74. */
const HAND = {
  // P = mark + surplus/den, den = Σ q·mmr − Σ side·q over the symbol's rows
  btc: 62850 - 7486.74 / 0.498, // den 0.5·0.004 − 0.5 = −0.498 → 47,816.3855
  eth: 3240 - 7486.74 / 3.96, // den 8·0.005 − (6 − 2) = −3.96 → 1,349.4091, both legs
  sol: 151.2 + 7486.74 / 40.2, // den 40·0.005 + 40 = 40.2 → 337.4373
  doge: 0.1612 - 7486.74 / 59400, // den 60,000·0.01 − 60,000 = −59,400 → 0.0351606
};

describe("the positions sheet, evaluated", () => {
  let hf: HyperFormula;
  let sheet: number;
  const value = (a1: string) => hf.getCellValue(hf.simpleCellAddressFromString(a1, sheet)!);

  beforeAll(async () => {
    hf = buildWorkbook(registerLevFunctions(metadata, bundle.functions), { Sheet1: [["keep me"]] });
    const adapter = createPlaygroundAdapter({ hf, refresh: () => {}, activateSheet: () => {}, select: () => {} });
    expect((await adapter.write(positionsPlan())).sheet).toBe(POSITIONS_SHEET);
    sheet = hf.getSheetId(POSITIONS_SHEET)!;
  });
  afterAll(() => hf.destroy());

  it("spills one liquidation price per row beside the table, the hedged legs sharing one", () => {
    const prices = ["H5", "H6", "H7", "H8", "H9"].map(value) as number[];
    [HAND.btc, HAND.eth, HAND.eth, HAND.sol, HAND.doge].forEach((p, i) => expect(prices[i]).toBeCloseTo(p, 6));
    // the blank rows below give blank cells, not zeros or errors
    expect(value("H10")).toBe("");
    expect(value(`H${LAYOUT.lastRow + 1}`)).toBe("");
  });

  it("gives each row its distance to liquidation, in the direction that liquidates", () => {
    // BTC (62,850 − 47,816.39)/62,850 = 23.92 %; ETH legs (3,240 − 1,349.41)/3,240 = 58.35 %; SOL (337.44 − 151.2)/151.2 = 123.17 %
    expect(value("I5") as number).toBeCloseTo((62850 - HAND.btc) / 62850, 9);
    expect(value("I6") as number).toBeCloseTo((3240 - HAND.eth) / 3240, 9);
    expect(value("I7")).toBe(value("I6"));
    expect(value("I8") as number).toBeCloseTo((HAND.sol - 151.2) / 151.2, 9);
    expect(value("I10")).toBe("");
  });

  it("spills the account under the table", () => {
    const a = LAYOUT.accountRow + 2; // the worksheet row of CROSSACCOUNT's first line
    const labels = Array.from({ length: 7 }, (_, i) => value(`A${a + i}`));
    expect(labels).toEqual(["Positions", "Notional", "Unrealized PnL", "Margin balance", "Maintenance margin", "Margin ratio", "Effective leverage"]);
    const v = Array.from({ length: 7 }, (_, i) => value(`B${a + i}`) as number);
    // 5 rows; notional 31,425 + 19,440 + 6,480 + 6,048 + 9,672 = 73,065; uPnL −131; margin balance 7,869;
    // maintenance 382.26; ratio 382.26/7,869; leverage 73,065/7,869
    expect(v.slice(0, 5)).toEqual([5, 73065, -131, 7869, 382.26]);
    expect(v[5]).toBeCloseTo(382.26 / 7869, 12);
    expect(v[6]).toBeCloseTo(73065 / 7869, 12);
  });

  it("follows a mark: SOLUSDT up to 160 moves every other price toward its mark and raises the margin ratio", () => {
    hf.setCellContents(hf.simpleCellAddressFromString("E8", sheet)!, [[160]]);
    // SOL uPnL −40·(160 − 142.5) = −700 (was −348), maintenance 40·160·0.5 % = 32 (was 30.24): surplus 7,486.74 − 352 − 1.76 = 7,132.98
    expect(value("H5") as number).toBeCloseTo(62850 - 7132.98 / 0.498, 6); // 48,526.7470
    expect(value("H6") as number).toBeCloseTo(3240 - 7132.98 / 3.96, 6); // 1,438.7424
    expect(value("H8") as number).toBeCloseTo(160 + 7132.98 / 40.2, 6); // 337.4373: a symbol's own mark does not move its price
    expect(value("H9") as number).toBeCloseTo(0.1612 - 7132.98 / 59400, 9); // 0.0411162
    const a = LAYOUT.accountRow + 2;
    // margin balance 8,000 − 483 = 7,517; maintenance 384.02; ratio 384.02/7,517 = 5.109 %
    expect(value(`B${a + 5}`) as number).toBeCloseTo(384.02 / 7517, 12);
  });

  it("shows #N/A for a symbol the account covers to zero, and #NUM! when the account is under maintenance", () => {
    hf.setCellContents(hf.simpleCellAddressFromString("B2", sheet)!, [[100000]]);
    // wallet 100,000: DOGE 0.1612 − (100,000 − 483 − 384.02)/59,400 < 0 → #N/A; SOL still has a price above its mark
    expect(value("H9")).toBeInstanceOf(DetailedCellError);
    expect((value("H9") as DetailedCellError).value).toBe("#N/A");
    expect(value("H8") as number).toBeGreaterThan(160);
    expect((value("I9") as DetailedCellError).value).toBe("#N/A"); // no price, no distance
    hf.setCellContents(hf.simpleCellAddressFromString("B2", sheet)!, [[500]]);
    // wallet 500: margin balance 17 < maintenance 384.02 → the whole column is #NUM!, and so is every row's distance
    expect((value("H5") as DetailedCellError).value).toBe("#NUM!");
    // (Excel shows one #NUM! cell and leaves H6 blank; HyperFormula fills the spill area with it: either way the distances say #NUM!)
    for (const a1 of ["I5", "I6", "I9"]) expect((value(a1) as DetailedCellError).value).toBe("#NUM!");
    expect(value("I10")).toBe("");
  });
});

describe("the plan", () => {
  it("keeps the Excel table clear of the spilled columns and formats what it writes", () => {
    const plan = positionsPlan();
    const t = parseRange(plan.table!.range);
    expect([t.left, t.right]).toEqual([0, 6]);
    expect(t.top).toBe(LAYOUT.headerRow);
    expect(t.bottom).toBe(LAYOUT.lastRow);
    expect(LAYOUT.liqCol).toBeGreaterThan(t.right);
    expect(plan.inputRange).toBe("B2");
    const grid = positionsGrid();
    expect(new Set(grid.map((r) => r.length)).size).toBe(1);
    // the liquidation formula spills from one cell; the cells it spills into are left empty
    for (let r = LAYOUT.firstRow + 1; r <= LAYOUT.lastRow; r++) expect(grid[r]![LAYOUT.liqCol]).toBeNull();
    expect(plan.formats.map((f) => f.format)).toEqual(expect.arrayContaining(["0.00%", '0.00"x"']));
  });

  it("is the sample workbook's Positions sheet", () => {
    const sample = sampleWorkbook(() => true);
    expect(sample.sheets.Positions).toEqual(positionsGrid());
    expect(sampleWorkbook((id) => id !== "CROSSLIQ").sheets.Positions).toBeUndefined();
  });
});
