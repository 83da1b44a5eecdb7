import { DetailedCellError, type HyperFormula } from "hyperformula";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import type { PlaygroundHost } from "../../src/playground/host";
import { applyPreset, GUIDE_EXAMPLE, type FormValues, type TierRead } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { journalPlan, journalRows, scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";
import { parseCell } from "../../src/shared/a1";
import type { CellValue, WritePlan } from "../../src/shared/workbook";
import { levWorkbook } from "../helpers/workbook";

/*
 * The playground adapter, and the promise the scenario model makes: every formula it writes, evaluated by
 * a real spreadsheet engine (HyperFormula with the LEV functions of dist/functions.js, through the
 * playground's bridge), gives what the LEV engine computes directly for the same cells (the plan's
 * "values only" twin).
 */

function fakeHost(hf: HyperFormula) {
  const calls: string[] = [];
  const host: PlaygroundHost = {
    hf,
    refresh: () => calls.push("refresh"),
    activateSheet: (name) => calls.push(`activate ${name}`),
    select: (sheet, range) => calls.push(`select ${sheet}!${range}`),
  };
  return { host, calls };
}

function plansFor(values: FormValues, read?: TierRead): { live: WritePlan; values: WritePlan } {
  const v = validate(values, read);
  if (!v.trade) throw new Error(JSON.stringify(v.errors));
  const live = scenarioPlan(buildScenario(v.trade));
  const fixed = scenarioPlan(buildScenario({ ...v.trade, output: "values" }));
  return { live, values: fixed };
}

/** Every formula cell of `plan`, with the value its values-only twin holds at the same address. */
function formulaCells(live: WritePlan, fixed: WritePlan): { row: number; col: number; formula: string; expected: CellValue }[] {
  const out: { row: number; col: number; formula: string; expected: CellValue }[] = [];
  live.blocks.forEach((block, b) => {
    const at = parseCell(block.at);
    block.rows.forEach((r, i) =>
      r.forEach((c, j) => {
        if (typeof c === "string" && c.startsWith("=")) {
          out.push({ row: at.row + i, col: at.col + j, formula: c, expected: fixed.blocks[b]!.rows[i]![j]! });
        }
      }),
    );
  });
  return out;
}

const crypto = applyPreset(GUIDE_EXAMPLE, "crypto-linear");
const coinm = applyPreset(GUIDE_EXAMPLE, "crypto-inverse");
/** Binance's 2021-03-18 BTCUSDT brackets (liq-binance-usdm-tier-02), and COIN-M-style brackets in BTC. */
const USDM_TIERS = [[0, 50000, 0.004], [50000, 250000, 0.005], [250000, 1000000, 0.01], [1000000, 10000000, 0.025]];
const COINM_TIERS = [[0, 5, 0.004, 0], [5, 10, 0.005, 0.005], [10, 20, 0.01, 0.055]];
/** A case may keep a tier table on a sheet of its own, read through the adapter before the write. */
type Case = [string, FormValues, { sheet: string; range: string; rows: number[][] }?];
const CASES: Case[] = [
  ["the guide's example (forex, 2,000 at 1:50, one lot at 1.0000)", GUIDE_EXAMPLE],
  ["a crypto long with stop, target, fees and funding", { ...crypto, balance: "10000", quantity: "0.1", stop: "58000", target: "66000", holdingDays: "3" }],
  ["a crypto short at 25x over a price list", { ...crypto, side: "short", leverage: "25x", balance: "5000", quantity: "0.2", scenarioKind: "list", priceList: "55000 60000 62000 62400 70000" }],
  ["a 1x crypto long, whose liquidation price does not exist", { ...crypto, leverage: "1", balance: "100000", quantity: "1" }],
  ["a share CFD on a 20 % margin rate with commission", { ...applyPreset(GUIDE_EXAMPLE, "cfd"), balance: "20000", leverage: "20%", quantity: "2000", stop: "22" }],
  ["a spread-bet short sized from risk", { ...applyPreset(GUIDE_EXAMPLE, "spread-bet"), side: "short", balance: "10000", sizeMode: "risk", riskPct: "1", stop: "7600", target: "7300" }],
  ["a COIN-M long with stop, target, fees and funding", { ...coinm, balance: "0.5", stop: "47000", target: "56000", holdingDays: "3" }],
  ["a COIN-M short at 20x sized from risk over a price list", { ...coinm, side: "short", leverage: "20", balance: "1", sizeMode: "risk", riskPct: "2", stop: "52000", scenarioKind: "list", priceList: "40000 50000 52421.05 52500 60000" }],
  ["a USD/JPY long in a USD account, converted at the rate given", { ...applyPreset(GUIDE_EXAMPLE, "forex"), symbol: "USD/JPY", tick: "0.001", entry: "150", quantity: "1", ratePair: "USD/JPY", rate: "150", balance: "5000", stop: "148.5" }],
  ["a EUR/GBP short in a USD account, converted through GBP/USD", { ...applyPreset(GUIDE_EXAMPLE, "forex"), symbol: "EUR/GBP", side: "short", entry: "0.85", quantity: "2", ratePair: "GBP/USD", rate: "1.27", balance: "8000" }],
  ["a sub-cent coin (NEIROUSDT) on cross margin", { ...crypto, symbol: "NEIROUSDT", tick: "0.0000001", quantityStep: "1", entry: "0.0012345", quantity: "1000000", leverage: "20", mmr: "1", marginMode: "cross", balance: "500", stop: "0.0011" }],
  ["a crypto long whose liquidation price reads a tier table", { ...crypto, balance: "1000000", entry: "40000", quantity: "100", mmrSource: "table", mmrTable: "'Binance tiers'!A2:C5" },
    { sheet: "Binance tiers", range: "A2:C5", rows: USDM_TIERS }],
  ["a COIN-M long whose liquidation price reads a tier table", { ...coinm, balance: "1", quantity: "2400", mmrSource: "table", mmrTable: "Brackets!B2:E4" },
    { sheet: "Brackets", range: "B2:E4", rows: COINM_TIERS }],
];

describe("the playground adapter over HyperFormula with the LEV functions", () => {
  let hf: HyperFormula;
  levWorkbook(() => ({ Sheet1: [["keep me"]] }), (made) => (hf = made));

  // Every row gets its third cell, so Jest does not take the test's third parameter for a done callback.
  it.each(CASES.map(([name, values, tiers]): Case => [name, values, tiers]))("every formula written for %s evaluates to what the engine computes directly", async (_name, values, tiers) => {
    const { host } = fakeHost(hf);
    const adapter = createPlaygroundAdapter(host);
    let read: TierRead | undefined;
    if (tiers) {
      // The table sits on the trader's own sheet; the pane reads it through the adapter, as it does in Excel.
      hf.addSheet(tiers.sheet);
      const at = parseCell(tiers.range.split(":")[0]!);
      hf.setCellContents({ sheet: hf.getSheetId(tiers.sheet)!, row: at.row, col: at.col }, tiers.rows);
      const r = await adapter.readRange(tiers.sheet, tiers.range);
      read = { address: values.mmrTable.trim(), sheet: r.sheet, range: r.range, cells: r.values };
    }
    const { live, values: fixed } = plansFor(values, read);
    if (tiers) expect(JSON.stringify(live.blocks)).toContain(`'${tiers.sheet}'!$`);
    const { sheet } = await adapter.write(live);
    const id = hf.getSheetId(sheet)!;
    const cells = formulaCells(live, fixed);
    expect(cells.length).toBeGreaterThan(50);
    for (const c of cells) {
      const got = hf.getCellValue({ sheet: id, row: c.row, col: c.col });
      const where = `${c.formula} at row ${c.row + 1}, column ${c.col + 1}`;
      if (typeof c.expected === "string" && c.expected.startsWith("#")) {
        expect([where, got instanceof DetailedCellError ? got.value : got]).toEqual([where, c.expected]);
      } else if (typeof c.expected === "number") {
        if (typeof got !== "number") throw new Error(`${where}: expected ${c.expected}, got ${JSON.stringify(got)}`);
        expect(Math.abs(got - c.expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.expected)));
      } else {
        expect([where, got]).toEqual([where, c.expected]);
      }
    }
  });

  it("writes the guide's walkthrough: margin 2,000; at 2 % against, already stopped out at 0.99 with a loss of 1,000, and the guide's 2,000 told as the loss had it stayed open", async () => {
    const { live } = plansFor(GUIDE_EXAMPLE);
    const { sheet } = await createPlaygroundAdapter(fakeHost(hf).host).write(live);
    const id = hf.getSheetId(sheet)!;
    const value = (name: string) => hf.getCellValue(hf.simpleCellAddressFromString(`'${sheet}'!${live.names.find((n) => n.name === name)!.cell}`, id)!);
    expect(value("Margin")).toBe(2000); // 100,000 / 50
    const walk = live.blocks.find((b) => b.rows[0]?.[0] === "Step")!;
    const at = parseCell(walk.at);
    const last = at.row + walk.rows.length - 1;
    const row = [1, 3, 4, 5, 6].map((col) => hf.getCellValue({ sheet: id, row: last, col }));
    // price 1.0000 × (1 − 2 %) = 0.98, beyond the stop-out at 0.99 (equity 1,000 = 50 % of 2,000): closed there,
    // PnL (0.99 − 1) × 100,000 = −1,000, equity 1,000
    expect(row).toEqual([0.98, -1000, 1000, "closed", "STOP OUT"]);
    // the guide's own figure: (0.98 − 1) × 100,000 = −2,000 had the broker not closed it
    expect(hf.getCellValue({ sheet: id, row: last, col: 7 })).toMatch(/closed at the stop-out price, and negative balance protection .*would have lost 2000\.00: equity 0\.00, margin level 0\.00 %\.$/);
  });

  it("recalculates the sheet from its named inputs: a larger balance lifts equity and margin level", async () => {
    const { live } = plansFor(GUIDE_EXAMPLE);
    const { sheet } = await createPlaygroundAdapter(fakeHost(hf).host).write(live);
    const id = hf.getSheetId(sheet)!;
    const cellOf = (name: string) => hf.simpleCellAddressFromString(`'${sheet}'!${live.names.find((n) => n.name === name)!.cell}`, id)!;
    hf.setCellContents(cellOf("Balance"), [[4000]]);
    // free margin 4,000 − 2,000 = 2,000; level at open 4,000 / 2,000 = 200 %
    expect(hf.getCellValue(cellOf("FreeMargin"))).toBe(2000);
    expect(hf.getCellValue(cellOf("LevelAtOpen"))).toBe(2);
  });

  it("adds LEV Scenario 2 beside an existing LEV Scenario and leaves that one as it was", async () => {
    const { host, calls } = fakeHost(hf);
    const adapter = createPlaygroundAdapter(host);
    const { live } = plansFor(GUIDE_EXAMPLE);
    expect((await adapter.write(live)).sheet).toBe("LEV Scenario");
    const first = hf.getSheetSerialized(hf.getSheetId("LEV Scenario")!);
    expect((await adapter.write(live)).sheet).toBe("LEV Scenario 2");
    expect(hf.getSheetSerialized(hf.getSheetId("LEV Scenario")!)).toEqual(first);
    expect(hf.getSheetSerialized(hf.getSheetId("Sheet1")!)).toEqual([["keep me"]]);
    expect(calls.slice(-2)).toEqual(["activate LEV Scenario 2", `select LEV Scenario 2!${live.select}`]);
  });

  it("writes a journal whose LEV columns give Binance's ROI example and the EUR/USD short", async () => {
    const plan = journalPlan();
    const { sheet } = await createPlaygroundAdapter(fakeHost(hf).host).write(plan);
    const id = hf.getSheetId(sheet)!;
    const v = (a1: string) => hf.getCellValue(hf.simpleCellAddressFromString(a1, id)!);
    expect(v("J2")).toBe(500); // 0.5 × (61,000 − 60,000)
    expect(v("K2") as number).toBeCloseTo(1 / 3, 12); // 500 / (0.5 × 60,000 / 20) = 500 / 1,500
    expect(v("M2")).toBe(1); // 500 / (0.5 × 1,000 at the stop 59,000)
    expect(v("J3") as number).toBeCloseTo(493, 9); // (1.1000 − 1.0950) × 100,000 − 7
    expect(v("M3") as number).toBeCloseTo(0.986, 12); // 493 / 500
  });

  it("evaluates every journal formula to the engine's own value for the same cells", async () => {
    const { sheet } = await createPlaygroundAdapter(fakeHost(hf).host).write(journalPlan());
    const id = hf.getSheetId(sheet)!;
    journalRows().forEach((row, i) =>
      row.forEach((cell, j) => {
        if (!cell.expr) return;
        const got = hf.getCellValue({ sheet: id, row: 1 + i, col: j });
        expect(typeof got).toBe("number");
        expect(Math.abs((got as number) - (cell.value as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(cell.value as number)));
      }),
    );
  });

  it("reports a failed write in plain words and leaves no sheet behind", async () => {
    const { host } = fakeHost(hf);
    const plan: WritePlan = { ...plansFor(GUIDE_EXAMPLE).live, names: [{ name: "A1", cell: "B5" }] }; // not a valid name
    await expect(createPlaygroundAdapter(host).write(plan)).rejects.toThrow(/could not write the sheet/);
    expect(hf.getSheetNames()).toEqual(["Sheet1"]);
  });

  it("recalculates the liquidation price when the trader edits the tier table the sheet refers to", async () => {
    const adapter = createPlaygroundAdapter(fakeHost(hf).host);
    hf.addSheet("Tiers");
    const tiers = hf.getSheetId("Tiers")!;
    hf.setCellContents({ sheet: tiers, row: 0, col: 0 }, [[0, 1000000, 0.004]]);
    const r = await adapter.readRange("Tiers", "A1:C1");
    const values: FormValues = { ...crypto, balance: "10000", quantity: "0.1", mmrSource: "table", mmrTable: "Tiers!A1:C1" };
    const { live } = plansFor(values, { address: "Tiers!A1:C1", sheet: r.sheet, range: r.range, cells: r.values });
    const { sheet } = await adapter.write(live);
    const liq = hf.simpleCellAddressFromString(live.names.find((n) => n.name === "LiqPrice")!.cell, hf.getSheetId(sheet)!)!;
    // 60,000 long at 10x: (6,000 − 60,000) / (0.004 − 1) = 54,216.87 (liq-binance-usdm-iso-03's figure)
    expect(hf.getCellValue(liq) as number).toBeCloseTo(54000 / 0.996, 6);
    hf.setCellContents({ sheet: tiers, row: 0, col: 2 }, [[0.01]]);
    // at 1 %: 54,000 / 0.99 = 54,545.45
    expect(hf.getCellValue(liq) as number).toBeCloseTo(54000 / 0.99, 6);
  });

  it("reads a range's values with the sheet's own name, blanks as null and errors as their code", async () => {
    hf.setCellContents({ sheet: hf.getSheetId("Sheet1")!, row: 1, col: 0 }, [[0, 50000, 0.004], [50000, null, "=1/0"]]);
    const got = await createPlaygroundAdapter(fakeHost(hf).host).readRange("sheet1", "A2:C3");
    expect(got).toEqual({ sheet: "Sheet1", range: "A2:C3", values: [[0, 50000, 0.004], [50000, null, "#DIV/0!"]] });
  });

  it("says in plain words that a sheet does not exist, or a range is too large", async () => {
    const adapter = createPlaygroundAdapter(fakeHost(hf).host);
    await expect(adapter.readRange("Tiers", "A1:D2")).rejects.toThrow('There is no sheet named "Tiers" in this workbook.');
    await expect(adapter.readRange("Sheet1", "A1:D100000")).rejects.toThrow(/400,000 cells/);
  });
});
