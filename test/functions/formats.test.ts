import { EQUITYCURVE_HEADER, JOURNALSTATS_FORMATS, JOURNALSTATS_LABELS, TRADES_FORMATS, TRADES_HEADER, EQUITYCURVE_FORMATS, SCENARIOS_FORMATS, cellFormat } from "../../src/engine";
import { SCENARIO_HEADER } from "../../src/engine/tables/scenarios";
import { LADDER_HEADER } from "../../src/engine/tables/ladder";
import { COMPOUNDTABLE_HEADER } from "../../src/engine/tables/schedule";
import { LADDER_FORMATS, COMPOUNDTABLE_FORMATS, priceFormat } from "../../src/engine/spec/formats";
import { STAT_NOTES } from "../../src/taskpane/model/journal-notes";
import { loadBundle, type WorksheetFunction } from "../helpers/bundle";

/*
 * Values that carry their format (Excel's "Double" data type, CustomFunctionsRuntime 1.4, "Use data types with
 * custom functions in Excel"): where the host says it shows them, LEV's tables hand out their numbers with their
 * formats; in a bare runtime they are plain numbers, as before. A value that carries a format is read as its
 * basic value wherever LEV reads a number. Whether Excel shows them is not tried here: only the fallback, the
 * reading, and what the functions hand a host that says it shows them.
 */

/** An Office object that answers requirement sets as a host with `sets` (name → highest version). */
const office = (sets: Record<string, number>) => ({
  context: { requirements: { isSetSupported: (set: string, version = "1.1") => (sets[set] ?? 0) >= Number(version) } },
});

// Fills typed by hand: 2024-03-04 09:00 and 11:00 (serials 45355.375, 45355.4583…), a long closed with a profit
const FILLS = [[[45355.375], [45355 + 11 / 24]], [["BTCUSDT"], ["BTCUSDT"]], [["buy"], ["sell"]], [[62000], [62800]], [[0.01], [0.01]]] as const;

describe("a table's numbers and their formats", () => {
  it("are plain numbers in a bare runtime, as Excel's JavaScript-only runtime is", () => {
    const { functions } = loadBundle();
    const table = functions.TRADES!(...FILLS) as unknown[][];
    // one closed trade: the header, then its row; Opened is the first fill's time
    expect(table[1]![2]).toBe(45355.375);
    expect(table.flat().every((c) => typeof c !== "object" || c === null)).toBe(true);
  });

  it("are plain numbers where the host has no CustomFunctionsRuntime 1.4", () => {
    const { functions } = loadBundle(undefined, { Office: office({ CustomFunctionsRuntime: 1.3 }) });
    expect((functions.TRADES!(...FILLS) as unknown[][])[1]![2]).toBe(45355.375);
  });

  it("carry their formats where the host says it shows them: dates as dates, money as money", () => {
    const { functions } = loadBundle(undefined, { Office: office({ CustomFunctionsRuntime: 1.4 }) });
    const table = functions.TRADES!(...FILLS) as unknown[][];
    const row = table[1]!;
    expect(table[0]).toEqual(TRADES_HEADER); // headers are text and carry nothing
    expect(row[2]).toEqual({ type: "Double", basicValue: 45355.375, numberFormat: "yyyy-mm-dd hh:mm:ss" });
    // gross (62,800 − 62,000) × 0.01 = 8.00 as money
    expect(row[8]).toEqual({ type: "Double", basicValue: 8, numberFormat: "#,##0.00" });
    expect(row[0]).toBe("BTCUSDT");
    // the equity curve: 10,000 then 10,008 after the trade, balance as money
    const curve = functions.EQUITYCURVE!(10000, [[8]]) as unknown[][];
    expect(curve[2]![2]).toEqual({ type: "Double", basicValue: 10008, numberFormat: "#,##0.00" });
    // a single value stays a plain number
    expect(functions.MARGIN!(100000, 50)).toBe(2000);
  });
});

describe("a value that carries its format, given as an argument", () => {
  const { functions } = loadBundle();
  const double = (basicValue: number, numberFormat = "#,##0.00") => ({ type: "Double", basicValue, numberFormat });

  it("is read as its basic value in a cell: 100,000 / 50 = 2,000", () => {
    expect(functions.MARGIN!(double(100000), double(50, "0"))).toBe(2000);
    expect(functions.LIQPRICE!({ type: "String", basicValue: "long" }, double(60000), 10)).toBe(functions.LIQPRICE!("long", 60000, 10));
  });

  it("is read as its basic value in a range: TRADES over formatted times and prices gives the same trades", () => {
    const formatted = [FILLS[0].map(([t]) => [double(t, "yyyy-mm-dd hh:mm")]), FILLS[1], FILLS[2], FILLS[3].map(([p]) => [double(p)]), FILLS[4]];
    expect((functions.TRADES as WorksheetFunction)(...formatted)).toEqual(functions.TRADES!(...FILLS));
  });
});

describe("the formats' tables", () => {
  it("give each column of a table with a header a format or none, one per header", () => {
    const byColumn = (f: unknown) => (f as { byColumn: unknown[] }).byColumn.length;
    expect(byColumn(TRADES_FORMATS)).toBe(TRADES_HEADER.length);
    expect(byColumn(EQUITYCURVE_FORMATS)).toBe(EQUITYCURVE_HEADER.length);
    expect(byColumn(SCENARIOS_FORMATS)).toBe(SCENARIO_HEADER.length);
    expect(byColumn(LADDER_FORMATS)).toBe(LADDER_HEADER.length);
    expect(byColumn(COMPOUNDTABLE_FORMATS)).toBe(COMPOUNDTABLE_HEADER.length);
  });

  it.each([
    [62000, "#,##0.00"], // BTC: 62,000.00
    [10, "#,##0.00"],
    [1.08712, "0.00000"], // EUR/USD to the pip's tenth
    [0.01, "0.00000"],
    [0.00001234, "0.00000000"], // a small coin, to the satoshi
  ])("show a price of %p with %p", (price, format) => {
    expect(priceFormat(price)).toBe(format);
  });

  it("give each statistic the format the journal sheet shows it in", () => {
    expect(JOURNALSTATS_LABELS.map((_l, i) => cellFormat(JOURNALSTATS_FORMATS, i, 1, 0))).toEqual(STAT_NOTES.map(([, format]) => format));
    expect(STAT_NOTES.map(([label]) => label)).toEqual([...JOURNALSTATS_LABELS]);
  });
});
