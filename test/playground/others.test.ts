import type { HyperFormula } from "hyperformula";
import type { LevBridge } from "../../src/playground/bridge";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import { applyPreset, GUIDE_EXAMPLE, type FormValues } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { positionsGrid } from "../../src/taskpane/model/positions";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";
import { levWorkbook } from "../helpers/workbook";

/*
 * The simulator's cross mode over the sample's Positions sheet (the playground's own sample): the range
 * is read through the playground adapter, the scenario sheet is written, and a mark changed on the
 * Positions sheet moves the scenario sheet's liquidation price and account margin ratio.
 *
 * The sample account (wallet 8,000; see EXAMPLE_POSITIONS): uPnL Σ −131, maintenance Σ 382.26, surplus
 * over maintenance 7,486.74. The new trade: BTCUSDT long 0.1 at 62,850 (the table's BTC mark), 0.4 %:
 * uPnL 0, maintenance 0.1·62,850·0.004 = 25.14, so the surplus is 7,461.60. BTC's rows share one price:
 * den = 0.5·(0.004 − 1) + 0.1·(0.004 − 1) = −0.5976, P = 62,850 − 7,461.60/0.5976.
 * Account margin ratio: (382.26 + 25.14)/(8,000 − 131) = 407.40/7,869.
 *
 * SOLUSDT's mark raised from 151.20 to 160 (the short loses): its uPnL −40·(160 − 142.50) = −700 (was −348)
 * and maintenance 40·160·0.005 = 32 (was 30.24), so the surplus is 7,461.60 − 352 − 1.76 = 7,107.84:
 * P = 62,850 − 7,107.84/0.5976, and the ratio (407.40 + 1.76)/(7,869 − 352) = 409.16/7,517.
 */

const form: FormValues = {
  ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"),
  region: "none",
  marginMode: "cross",
  balance: "8000",
  side: "long",
  entry: "62850",
  leverage: "20",
  quantity: "0.1",
  contractSize: "1",
  mmr: "0.4",
  feeRate: "0",
  others: "Positions!A5:G16",
};

describe("a scenario sheet over the Positions sheet follows its marks", () => {
  let bridge: LevBridge;
  let hf: HyperFormula;
  levWorkbook(
    () => ({ Positions: positionsGrid() }),
    (made, lev) => {
      hf = made;
      bridge = lev;
    },
  );

  it("reads the range through the adapter, writes live formulas over it, and moves with a mark changed there", async () => {
    // As the page does: spills are settled after a write and after each edit.
    const adapter = createPlaygroundAdapter({ hf, refresh: () => bridge.settle(hf), activateSheet: () => {}, select: () => {} });
    const r = await adapter.readRange("Positions", "A5:G16");
    const v = validate(form, undefined, { address: form.others, sheet: r.sheet, range: r.range, cells: r.values });
    if (!v.trade) throw new Error(JSON.stringify(v.errors));
    const plan = scenarioPlan(buildScenario(v.trade));
    const { sheet } = await adapter.write(plan);
    const id = hf.getSheetId(sheet)!;
    const value = (name: string) => hf.getCellValue(hf.simpleCellAddressFromString(plan.names.find((n) => n.name === name)!.cell, id)!);

    const before = 62850 - 7461.6 / 0.5976;
    expect(value("LiqPrice") as number).toBeCloseTo(before, 8);
    expect(value("LiqDistance") as number).toBeCloseTo((62850 - before) / 62850, 12);
    expect(value("AccountMarginRatio") as number).toBeCloseTo(407.4 / 7869, 12);

    // A trader raises SOLUSDT's mark on the Positions sheet (E8: the fourth row of the table).
    const positions = hf.getSheetId("Positions")!;
    expect(hf.getCellValue({ sheet: positions, row: 7, col: 0 })).toBe("SOLUSDT");
    hf.setCellContents({ sheet: positions, row: 7, col: 4 }, [[160]]);

    const after = 62850 - 7107.84 / 0.5976;
    expect(value("LiqPrice") as number).toBeCloseTo(after, 8);
    expect(value("LiqDistance") as number).toBeCloseTo((62850 - after) / 62850, 12);
    expect(value("AccountMarginRatio") as number).toBeCloseTo(409.16 / 7517, 12);

    // A position typed into a blank row of the table (row 10) joins the account: ADAUSDT long 1,000 at
    // 0.50, mark 0.45, 1 %: uPnL 1,000·(0.45 − 0.50) = −50, maintenance 1,000·0.45·0.01 = 4.50: surplus 7,107.84 − 54.50.
    hf.setCellContents({ sheet: positions, row: 9, col: 0 }, [["ADAUSDT", "long", 0.5, 1000, 0.45, 0.01, 0]]);
    expect(value("LiqPrice") as number).toBeCloseTo(62850 - (7107.84 - 54.5) / 0.5976, 8);
  });
});
