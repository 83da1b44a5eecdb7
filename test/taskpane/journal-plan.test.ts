import * as fs from "fs";
import * as path from "path";
import { OfficeMockObject } from "office-addin-mock";
import type { HyperFormula } from "hyperformula";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import { writeTyped, type SheetMeta, type WorkbookMeta } from "../../src/playground/sheet";
import { createExcelAdapter } from "../../src/taskpane/excel";
import { importText, type Fill } from "../../src/taskpane/model/journal-import";
import { FILLS_TABLE, FUNDING_TABLE, journalImportPlan } from "../../src/taskpane/model/journal-plan";
import { STAT_NOTES } from "../../src/taskpane/model/journal-notes";
import { JOURNALSTATS_LABELS } from "../../src/engine";
import { parseCell } from "../../src/shared/a1";
import { DIST, loadBundle } from "../helpers/bundle";

/*
 * The journal sheet an import writes: its plan (table, formulas, names, formats, chart request), the same plan
 * evaluated in a real spreadsheet engine (HyperFormula with dist/functions.js through the playground's bridge)
 * against hand calculations, a fill appended under the table, and the Excel adapter's round trips.
 */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/journal", name), "utf8");
const fills = (): Fill[] => importText(fixture("binance-futures.csv")).fills;
const plan = () => journalImportPlan({ fills: fills(), rates: {}, startBalance: 10000, source: "binance-futures.csv" });

describe("the journal sheet's plan", () => {
  it("puts the fills in a named table and LEV.TRADES over its columns by structured reference", () => {
    const p = plan();
    expect(p.baseName).toBe("LEV Journal");
    // header on row 6, nine fills on rows 7–15, columns Time … Fee and the export's Trade ID
    expect(p.table).toEqual({ range: "A6:G15", style: "TableStyleMedium2", name: FILLS_TABLE });
    const at = (a1: string) => p.blocks.find((b) => b.at === a1)!.rows;
    expect(at("A6")[0]).toEqual(["Time", "Symbol", "Side", "Price", "Quantity", "Fee", "Trade ID"]);
    // the id as text (an apostrophe, as typed in Excel), so that no digit is lost
    expect(at("A6")[1]).toEqual([45355 + 9 / 24, "BTCUSDT", "buy", 62000, 0.01, 0.248, "'4120567001"]);
    // the funding table beside it (I:K), empty until a funding file is imported: one blank row, as a table needs
    expect(p.extraTables).toEqual([{ range: "I6:K7", style: "TableStyleLight9", name: FUNDING_TABLE }]);
    expect(at("I6")).toEqual([["Time", "Symbol", "Amount"], [null, null, null]]);
    expect(at("M6")[0]![0]).toBe(
      "=LEV.TRADES(LEVFills[Time], LEVFills[Symbol], LEVFills[Side], LEVFills[Price], LEVFills[Quantity], LEVFills[Fee])",
    );
    // TRADES spills M:Y; Net PnL is its 11th column (W), Closed its 4th (P); beside it Funding (Z) and Net after
    // funding (AA); 9 fills + 200 spare rows reach row 215. The statistics on both, the curve on the net after funding.
    expect(at("Z6")).toEqual([["Funding", "Net after funding"]]);
    expect(at("AC6")).toEqual([["Statistic", "Net PnL", "Net after funding", null]]);
    expect(at("AC7")[0]![0]).toBe("=LEV.JOURNALSTATS(W7:W215, StartBalance, , P7:P215)");
    expect(at("AE7")[0]![0]).toBe("=INDEX(LEV.JOURNALSTATS(AA7:AA215, StartBalance, , P7:P215), SEQUENCE(20), 2)");
    expect(at("AH6")[0]![0]).toBe("=LEV.EQUITYCURVE(StartBalance, AA7:AA215, P7:P215)");
    expect(p.chart!.title).toBe("Equity curve (net after funding; closed trades, in the order they closed)");
    // row 7's funding: BTCUSDT's payments after its opening (O7), up to its close (P7) or the last payment; blank with no payment
    const z7 = at("Z7")[0]![0];
    expect(z7).toBe(
      '=IF(M7="", "", IF(COUNT(LEVFunding[Amount])=0, "", SUMIFS(LEVFunding[Amount], LEVFunding[Symbol], M7, LEVFunding[Time], ">"&(O7+0.5/86400), LEVFunding[Time], "<="&(IF(P7="", MAX(LEVFunding[Time]), P7)+0.5/86400))))',
    );
    expect(at("Z7")[0]![1]).toBe('=IF(M7="", "", W7+N(Z7))');
    expect(at("Z7")).toHaveLength(215 - 7 + 1);
    expect(at("A4")).toEqual([["Times in", "UTC"]]);
    expect(p.names).toEqual([{ name: "StartBalance", cell: "B3" }]);
    expect(p.inputRange).toBe("B3");
  });

  it("formats every block and requests the equity curve's chart over the closed trades", () => {
    const p = plan();
    const format = (range: string) => p.formats.find((f) => f.range === range)?.format;
    expect(format("A7:A15")).toBe("yyyy-mm-dd hh:mm:ss");
    expect(format("G7:G15")).toBe("@"); // Trade ID, text
    expect(format("I7:I7")).toBe("yyyy-mm-dd hh:mm:ss"); // the funding table's Time
    expect(format("O7:O215")).toBe("yyyy-mm-dd hh:mm:ss"); // Opened
    expect(format("X7:X215")).toBe("0.00%"); // Return
    expect(format("Z7:Z215")).toBe("#,##0.00##"); // Funding: cents or less a payment
    expect(format("AA7:AA215")).toBe("#,##0.00"); // Net after funding
    expect(format("AD10")).toBe("0.00%"); // Win rate, the 4th statistic (row 7 + 3), on Net PnL
    expect(format("AE10")).toBe("0.00%"); // and on the net after funding
    expect(format("AM7:AM216")).toBe("0.00%"); // Drawdown %
    // the curve's row 0 on row 7, then a row per closed trade: over its whole reach (row 216, as its formats),
    // so that the chart follows trades that new fills close; Trade in AH, Balance in AJ, Peak in AK
    expect(p.chart!.series).toEqual([
      { name: "Balance", x: "AH7:AH216", y: "AJ7:AJ216" },
      { name: "Peak", x: "AH7:AH216", y: "AK7:AK216" },
    ]);
    // right of the curve (AH:AM), which grows down, never over it
    expect(p.chart!.anchor).toBe("AO5:AV24");
  });

  it("writes beside each statistic that can be an error a note saying why, for the statistics in the engine's order", () => {
    expect(STAT_NOTES.map(([label]) => label)).toEqual([...JOURNALSTATS_LABELS]);
    const p = plan();
    const at = (a1: string) => p.blocks.find((b) => b.at === a1)?.rows[0]?.[0];
    // Average R is the 19th statistic: row 7 + 18 = 25; its values in AD and AE, the note in AF
    expect(at("AF25")).toBe('=IF(OR(ISERROR(AD25), ISERROR(AE25)), "No risk per trade given: R = PnL ÷ risk.", "")');
    expect(at("AF14")).toBe('=IF(OR(ISERROR(AD14), ISERROR(AE14)), "No losing trade yet: nothing to divide by.", "")'); // Profit factor, row 7 + 7
    expect(at("AF7")).toBeUndefined(); // the trade count is always a number
  });

  it("leaves a fee in another currency out of the Fee column and says so on the sheet, or converts it at the rate given", () => {
    const spot = importText(fixture("binance-spot.csv")).fills;
    const without = journalImportPlan({ fills: spot, rates: {}, startBalance: 1000, source: "spot" });
    const rows = without.blocks.find((b) => b.at === "A6")!.rows;
    expect(rows.slice(1).map((r) => r[5])).toEqual([null, null, null, 0.358]);
    expect(without.blocks.find((b) => b.at === "A3")!.rows[0]![2]).toBe("3 fees charged in BNB, ETH are left out of the Fee column (no rate was given).");
    const withRate = journalImportPlan({ fills: spot, rates: { BNB: 600 }, startBalance: 1000, source: "spot" });
    // 0.0002415 BNB × 600 = 0.1449; 0.0002459 × 600 = 0.14754
    expect(withRate.blocks.find((b) => b.at === "A6")!.rows.slice(1).map((r) => r[5])).toEqual([0.1449, 0.14754, null, 0.358]);
  });
});

describe("the journal sheet in the playground's spreadsheet engine", () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
  const bundle = loadBundle();
  let bridge: LevBridge;
  let hf: HyperFormula;
  beforeAll(() => {
    bridge = registerLevFunctions(metadata, bundle.functions);
  });
  afterAll(() => bridge.unregister());
  afterEach(() => hf?.destroy());

  let metas: WorkbookMeta = {};
  const host = () => ({ hf, refresh: () => bridge.settle(hf), activateSheet: () => {}, select: () => {}, setSheetMeta: (n: string, m: SheetMeta) => (metas[n] = m), workbookMeta: metas });
  const cell = (sheet: number, a1: string) => {
    const { row, col } = parseCell(a1);
    return hf.getCellValue({ sheet, row, col });
  };

  it("computes the trades and statistics a trader works out by hand, and follows a fill added under the table", async () => {
    hf = buildWorkbook(bridge, { Sheet1: [["mine"]] });
    metas = {};
    const { sheet } = await createPlaygroundAdapter(host()).write(plan());
    const id = hf.getSheetId(sheet)!;
    // BTCUSDT long: entries 620 + 615 = 1,235, exits 942 + 315.5 = 1,257.5: gross 22.5; fees 0.248 + 0.246 + 0.3768 + 0.1262 = 0.997
    expect(cell(id, "M7")).toBe("BTCUSDT");
    expect(cell(id, "U7")).toBeCloseTo(22.5, 9);
    expect(cell(id, "W7")).toBeCloseTo(21.503, 9);
    // ETHUSDT short 0.5 @ 3,400 closed by 0.5 of the 0.8 bought @ 3,350: gross 25; fee 0.68 + 1.072 × 0.5/0.8 = 1.35: net 23.65
    expect([cell(id, "M8"), cell(id, "N8")]).toEqual(["ETHUSDT", "short"]);
    expect(cell(id, "W8")).toBeCloseTo(23.65, 9);
    // the flip's other 0.3 opens a long @ 3,350 closed @ 3,420: gross 21; fees 0.402 + 0.4104: net 20.1876
    expect(cell(id, "N9")).toBe("long");
    expect(cell(id, "W9")).toBeCloseTo(20.1876, 9);
    // SOLUSDT: 10 @ 140, 4 sold @ 136.5: open, realised (136.5 − 140) × 4 = −14
    expect([cell(id, "M10"), cell(id, "Y10")]).toEqual(["SOLUSDT", "open"]);
    expect(cell(id, "U10")).toBeCloseTo(-14, 9);
    // no funding imported: each trade's Funding is blank and its net after funding is its Net PnL
    expect([cell(id, "Z7"), cell(id, "AA7")]).toEqual(["", cell(id, "W7")]);
    // statistics over the three closed trades (SOLUSDT's is open, left out): 21.503 + 23.65 + 20.1876 = 65.3406
    expect([cell(id, "AC7"), cell(id, "AD7"), cell(id, "AE7")]).toEqual(["Trades", 3, 3]);
    expect(cell(id, "AD11")).toBeCloseTo(65.3406, 9);
    expect(cell(id, "AE11")).toBeCloseTo(65.3406, 9);
    // equity curve in the order the trades closed: ETHUSDT's short first (12:30), though BTCUSDT's long opened
    // first and closed at 13:40: 10,000, then 10,023.65, then 10,045.153
    expect(cell(id, "AI8")).toBeCloseTo(23.65, 9);
    expect(cell(id, "AJ8")).toBeCloseTo(10023.65, 9);
    expect(cell(id, "AJ9")).toBeCloseTo(10045.153, 9);

    // the trader types a fill under the table: SOLUSDT sell 6 @ 141, fee 0.3384, on 2024-03-06 10:00
    // cell by cell, as typed: the first one (A16, directly below the table A6:G15) makes row 16 part of the table
    const meta = metas[sheet]!;
    expect(meta.tables[0]!.range).toBe("A6:G15");
    [45357 + 10 / 24, "SOLUSDT", "sell", 141, 6, 0.3384].forEach((v, col) => writeTyped(hf, meta, id, 15, col, v));
    bridge.settle(hf);
    expect(meta.tables[0]!.range).toBe("A6:G16");
    expect(hf.getCellFormula({ sheet: id, row: 5, col: 12 })).toBe(
      "=LEV.TRADES($A$7:$A$16, $B$7:$B$16, $C$7:$C$16, $D$7:$D$16, $E$7:$E$16, $F$7:$F$16)",
    );
    // SOL closes: exits 546 + 846 − entries 1,400 = −8; fees 0.56 + 0.2184 + 0.3384 = 1.1168: net −9.1168
    expect(cell(id, "Y10")).toBe("closed");
    expect(cell(id, "W10")).toBeCloseTo(-9.1168, 9);
    expect(cell(id, "AD7")).toBe(4);
    expect(cell(id, "AD9")).toBe(1); // Losses
    expect(cell(id, "AD11")).toBeCloseTo(56.2238, 9);
    // nothing else in the workbook changed
    expect(cell(hf.getSheetId("Sheet1")!, "A1")).toBe("mine");
  });
});

describe("the journal sheet through the Excel adapter (office-addin-mock)", () => {
  function mock(tables: string[]) {
    const state = { syncs: 0, tables: [] as { name: string }[], formulas: [] as unknown[] };
    const sheet = (name: string) => ({
      name,
      names: { add: () => {} },
      tables: {
        add: () => {
          const t = { style: "", name: "" };
          state.tables.push(t);
          return t;
        },
      },
      charts: {
        add: () => ({
          title: {},
          axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
          series: { getItemAt: () => ({ setXAxisValues: () => {} }), add: () => ({ setXAxisValues: () => {}, setValues: () => {} }) },
          setPosition: () => {},
        }),
      },
      getRange: () => {
        const r: Record<string, unknown> = { select: () => {}, format: { font: {}, fill: {} }, conditionalFormats: { add: () => ({ custom: { rule: {}, format: { fill: {}, font: {} } } }) } };
        return new Proxy(r, {
          set(target, key, value) {
            if (key === "formulas") state.formulas.push(value);
            target[key as string] = value;
            return true;
          },
        });
      },
      activate: () => {},
      delete: () => {},
    });
    const excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: { items: [sheet("Sheet1")], add: (n: string) => sheet(n) },
          tables: { items: tables.map((name) => ({ name })) },
        },
      },
      run: async function (this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    }) as unknown as { context: { sync: () => Promise<void>; workbook: { worksheets: { load: (w: unknown) => void }; tables: { load: (w: unknown) => void } } }; run: (b: never) => Promise<never> };
    const wb = excel.context.workbook;
    const loadSheets = wb.worksheets.load.bind(wb.worksheets);
    wb.worksheets.load = () => loadSheets("items");
    const loadTables = wb.tables.load.bind(wb.tables);
    wb.tables.load = () => loadTables("items");
    const sync = excel.context.sync.bind(excel.context);
    excel.context.sync = async () => {
      state.syncs++;
      await sync();
    };
    return { adapter: createExcelAdapter({ run: (b) => excel.run(b as never), supports: () => true }), state };
  }

  it("writes 10 and 1,000 fills in the same two round trips", async () => {
    const counts: number[] = [];
    for (const n of [10, 1000]) {
      const many: Fill[] = Array.from({ length: n }, (_, i) => ({ ...fills()[i % 9]!, time: 45355 + i / 1440 }));
      const { adapter, state } = mock([]);
      await adapter.write(journalImportPlan({ fills: many, rates: {}, startBalance: 10000, source: "test" }));
      counts.push(state.syncs);
    }
    expect(counts).toEqual([2, 2]);
  });

  it("names the tables LEVFills2 and LEVFunding2 when LEVFills and LEVFunding are taken, and their formulas follow", async () => {
    const { adapter, state } = mock(["LEVFills", "LEVFunding"]);
    await adapter.write(plan());
    expect(state.tables.map((t) => t.name)).toEqual(["LEVFills2", "LEVFunding2"]);
    const texts = JSON.stringify(state.formulas);
    expect(texts).toContain("LEV.TRADES(LEVFills2[Time], LEVFills2[Symbol]");
    expect(texts).toContain("SUMIFS(LEVFunding2[Amount], LEVFunding2[Symbol], M7");
    expect(texts).not.toMatch(/LEVFills\[|LEVFunding\[/);
  });
});
