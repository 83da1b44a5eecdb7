import * as fs from "fs";
import * as path from "path";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { columnMeta, formatAt, styleAt, type WorkbookMeta } from "../../src/playground/sheet";
import { needsApostrophe, writeXlsx } from "../../src/playground/xlsx";
import { readXlsx } from "../../src/playground/xlsx-read";
import { GUIDE_EXAMPLE } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { journalPlan, scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";
import { DIST, loadBundle } from "../helpers/bundle";
import { metaHost, sampleWithPaneSheets } from "../helpers/xlsx-workbooks";

/*
 * .xlsx out and back in, in Node: formulas stay formulas with their last values, spills become array
 * formulas, text stays text; names (each simulator sheet its own), formats, styles, tables, conditional
 * formats, widths and charts come back. Excel's own form is checked in xlsx-excel.test.ts, real Excel files
 * in xlsx-files.test.ts, and LibreOffice's reading in xlsx-libreoffice.test.ts.
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
let bridge: LevBridge;
beforeAll(() => {
  bridge = registerLevFunctions(metadata, loadBundle().functions);
});
afterAll(() => bridge.unregister());

/** Every non-empty cell of every sheet: its formula (or typed content) and its value, errors by code. */
function snapshot(hf: HyperFormula): Record<string, [string, unknown][][]> {
  const out: Record<string, [string, unknown][][]> = {};
  for (const name of hf.getSheetNames()) {
    const id = hf.getSheetId(name)!;
    const { height, width } = hf.getSheetDimensions(id);
    out[name] = Array.from({ length: height }, (_r, row) =>
      Array.from({ length: width }, (_c, col): [string, unknown] => {
        const a = { sheet: id, row, col };
        const v = hf.getCellValue(a);
        // a cell holding "" is an empty cell, as Excel stores it
        return [String(hf.getCellFormula(a) ?? hf.getCellSerialized(a) ?? ""), v instanceof DetailedCellError ? v.value : v === "" ? null : v];
      }),
    );
  }
  return out;
}

const guideTrade = () => validate(GUIDE_EXAMPLE).trade!;

/** The guide's example written twice by the simulator (LEV Scenario and LEV Scenario 2), and a journal. */
async function simulatorWorkbook() {
  const hf = buildWorkbook(bridge, { Sheet1: [["keep me", 1.5, "'1:50"]] });
  const meta: WorkbookMeta = { Sheet1: columnMeta({ 1: "0.00%" }) };
  const adapter = createPlaygroundAdapter(metaHost(hf, meta, bridge));
  const plan = scenarioPlan(buildScenario(guideTrade()));
  await adapter.write(plan);
  await adapter.write(scenarioPlan(buildScenario({ ...guideTrade(), balance: guideTrade().balance.mul(2) })));
  await adapter.write(journalPlan());
  return { hf, meta, plan };
}

describe("the playground's .xlsx files", () => {
  it("keeps formulas, values, text that looks like a time, number formats and column widths", async () => {
    const hf = buildWorkbook(bridge, {
      Journal: [
        ["Entry", "Quantity", "Leverage", "Notional", "Margin"],
        [60000, 0.5, "'1:50", "=LEV.NOTIONAL(A2, B2)", "=LEV.MARGIN(D2, C2)"],
      ],
      Lifted: [[100000, "=LEV.MARGIN(A1:A3, 50)"], [50000], [20000]],
    });
    const buffer = await writeXlsx(hf, { Journal: columnMeta({ 3: "#,##0.00" }, { 0: 70 }) });
    const back = await readXlsx(buffer);
    // Text that reads as itself has no apostrophe; "1:50" keeps it, or it would become a time.
    expect(back.sheets.Journal![0]).toEqual(["Entry", "Quantity", "Leverage", "Notional", "Margin"]);
    expect(back.sheets.Journal![1]).toEqual([60000, 0.5, "'1:50", "=LEV.NOTIONAL(A2, B2)", "=LEV.MARGIN(D2, C2)"]);
    expect(formatAt(back.meta.Journal, 1, 3)).toBe("#,##0.00");
    expect(back.meta.Journal!.widths[0]).toBe(70);
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

  it("writes a spilled result as a dynamic array formula over its block, with every cell's last value", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const hf = buildWorkbook(bridge, { S: [[100000, "=LEV.MARGIN(A1:A3, 50)"], [50000], [20000]] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await writeXlsx(hf));
    const ws = wb.getWorksheet("S")!;
    const v = ws.getCell("B1").value as { shareType?: string; ref?: string; formula?: string; result?: unknown };
    // as Excel stores an add-in's call (_xldudf_<NAMESPACE>_<ID>), 100,000/50 = 2,000 its first value
    expect([v.formula, v.shareType, v.ref, v.result]).toEqual(["_xldudf_LEV_MARGIN(A1:A3, 50)", "array", "B1:B3", 2000]);
    // 50,000/50 and 20,000/50 stand in the block's other cells, as Excel saves a spill
    expect([ws.getCell("B2").value, ws.getCell("B3").value]).toEqual([1000, 400]);
    hf.destroy();
  });

  it("saves every formula with its last value, an error as an error value", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const hf = buildWorkbook(bridge, { S: [["=LEV.MARGIN(100000, 50)", '=LEV.MARGIN("abc", 50)', "=LEV.MARGIN(100000, 50, 3)", "=1/0"]] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await writeXlsx(hf));
    const ws = wb.getWorksheet("S")!;
    const result = (a: string) => (ws.getCell(a).value as { result?: unknown }).result;
    expect(result("A1")).toBe(2000); // 100,000 / 50
    expect(result("B1")).toEqual({ error: "#VALUE!" });
    expect(result("C1")).toEqual({ error: "#VALUE!" }); // too many arguments
    expect(result("D1")).toEqual({ error: "#DIV/0!" });
    hf.destroy();
  });

  it("gives back the same formulas and values in every cell after Open → Save → Open of simulator sheets", async () => {
    const { hf, meta } = await simulatorWorkbook();
    const before = snapshot(hf);
    expect(JSON.stringify(before)).not.toContain("#NAME?");

    const first = await readXlsx(await writeXlsx(hf, meta));
    const opened = buildWorkbook(bridge, first.sheets, first.names);
    expect(snapshot(opened)).toEqual(before);

    const second = await readXlsx(await writeXlsx(opened, first.meta));
    const reopened = buildWorkbook(bridge, second.sheets, second.names);
    expect(snapshot(reopened)).toEqual(before);
    expect(second.names).toEqual(first.names);
    expect(second.meta).toEqual(first.meta);
    [hf, opened, reopened].forEach((h) => h.destroy());
  });

  it("gives back the sample and every sheet the pane writes: cells, names, formats, widths (default ones too), tables, rules, charts", async () => {
    const { hf, meta } = await sampleWithPaneSheets(bridge);
    const before = snapshot(hf);
    const first = await readXlsx(await writeXlsx(hf, meta));
    const opened = buildWorkbook(bridge, first.sheets, first.names);
    expect(snapshot(opened)).toEqual(before);
    const byName = (names: { name: string; sheet?: string }[]) => [...names].sort((a, b) => `${a.name}|${a.sheet}`.localeCompare(`${b.name}|${b.sheet}`));
    const names = hf.getSheetNames();
    for (const name of names) {
      const was = meta[name]!;
      const now = first.meta[name]!;
      // every width as it was, and none where there was none: a sheet never resized stays at the default width
      expect([name, now.widths, now.defaultWidth]).toEqual([name, was.widths, was.defaultWidth]);
      expect([name, now.tables]).toEqual([name, was.tables]);
      expect([name, now.charts]).toEqual([name, was.charts]);
      const rule = (c: { range: string; formula: string; fill: string; font: string }) => [c.range, c.formula, c.fill.toUpperCase(), c.font.toUpperCase()];
      expect([name, now.conditional.map(rule)]).toEqual([name, was.conditional.map(rule)]);
      // each cell that holds something has the format it had
      const id = hf.getSheetId(name)!;
      const { height, width } = hf.getSheetDimensions(id);
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          if (hf.getCellValue({ sheet: id, row: r, col: c }) === null) continue;
          const format = (m: WorkbookMeta[string]) => formatAt(m, r, c) ?? "General";
          if (format(now) !== format(was)) expect([name, r, c, format(now)]).toEqual([name, r, c, format(was)]);
          if (JSON.stringify(styleAt(now, r, c) ?? {}) !== JSON.stringify(styleAt(was, r, c) ?? {})) expect([name, r, c, styleAt(now, r, c)]).toEqual([name, r, c, styleAt(was, r, c)]);
        }
      }
    }
    // the sample's Trades sheet was never given widths beyond its own: 21 of its columns keep the default
    expect(Object.keys(first.meta.Trades!.widths).length).toBe(Object.keys(meta.Trades!.widths).length);
    // and a second trip changes nothing at all
    const second = await readXlsx(await writeXlsx(opened, first.meta));
    expect(second.meta).toEqual(first.meta);
    expect(byName(second.names)).toEqual(byName(first.names));
    hf.destroy();
    opened.destroy();
  });

  it("keeps each simulator sheet's names scoped to it: Entry on LEV Scenario 2 is its own cell", async () => {
    const { hf, meta, plan } = await simulatorWorkbook();
    const back = await readXlsx(await writeXlsx(hf, meta));
    const balance = plan.names.find((n) => n.name === "Balance")!.cell.replace(/(\D+)(\d+)/, "$$$1$$$2");
    expect(back.names).toContainEqual({ name: "Balance", expression: `='LEV Scenario'!${balance}`, sheet: "LEV Scenario" });
    expect(back.names).toContainEqual({ name: "Balance", expression: `='LEV Scenario 2'!${balance}`, sheet: "LEV Scenario 2" });
    const opened = buildWorkbook(bridge, back.sheets, back.names);
    const value = (sheet: string, name: string) =>
      opened.getCellValue(opened.simpleCellAddressFromString(plan.names.find((n) => n.name === name)!.cell, opened.getSheetId(sheet)!)!);
    // The guide's 2,000 balance, and 4,000 on the second sheet: free margin 2,000 − 2,000 = 0 and 4,000 − 2,000 = 2,000
    expect([value("LEV Scenario", "Balance"), value("LEV Scenario 2", "Balance")]).toEqual([2000, 4000]);
    expect([value("LEV Scenario", "FreeMargin"), value("LEV Scenario 2", "FreeMargin")]).toEqual([0, 2000]);
    opened.destroy();
    hf.destroy();
  });

  it("keeps number formats, input-cell styles, bold headings, widths, the table, conditional formats and the chart", async () => {
    const { hf, meta, plan } = await simulatorWorkbook();
    const back = await readXlsx(await writeXlsx(hf, meta));
    const m = back.meta["LEV Scenario"]!;
    for (const f of plan.formats) {
      const [a] = f.range.split(":");
      const cell = /([A-Z]+)(\d+)/.exec(a!)!;
      const col = cell[1]!.charCodeAt(0) - 65;
      const row = Number(cell[2]) - 1;
      expect([f.range, formatAt(m, row, col) ?? "General"]).toEqual([f.range, f.format]);
    }
    const input = /([A-Z]+)(\d+)/.exec(plan.inputRange!.split(":")[0]!)!;
    expect(styleAt(m, Number(input[2]) - 1, 1)).toEqual({ fill: "#FFF2CC", font: "#1F4E79" });
    expect(styleAt(m, 0, 0)).toEqual({ bold: true }); // the title
    // 215 points is 287 pixels
    expect(m.widths[0]).toBe(287);
    expect(m.tables).toEqual([{ name: "LEVScenario1", range: plan.table!.range, style: "TableStyleMedium2" }]);
    expect(back.meta["LEV Scenario 2"]!.tables[0]!.name).toBe("LEVScenario2");
    expect(m.conditional.map((c) => [c.range, c.formula, c.fill, c.font])).toEqual(plan.conditionalFormats.map((c) => [c.range, c.formula, c.fill.toUpperCase(), c.font.toUpperCase()]));
    expect(m.charts).toEqual([plan.chart]);
    // the journal's dates keep their date format
    expect(formatAt(back.meta["LEV Journal"], 1, 0)).toBe("yyyy-mm-dd");
    hf.destroy();
  });

  it.each([
    ["1:50", true],
    ["62000", true],
    ["-0.2", true],
    ["TRUE", true],
    ["=A1", true],
    ["2024-03-04", true],
    ["long", false],
    ["BTCUSDT", false],
    ["LIQUIDATED", false],
    ["Entry price", false],
    ["as entered: 1:50", false],
    ["1. Open the trade", false],
  ])("needs an apostrophe to stay text when %p is typed back: %p", (text, needed) => {
    expect(needsApostrophe(text)).toBe(needed);
  });
});
