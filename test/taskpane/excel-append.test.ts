import * as fs from "fs";
import * as path from "path";
import { createExcelAdapter, REQUEST_LIMIT_BYTES } from "../../src/taskpane/excel";
import { importText, type Fill } from "../../src/taskpane/model/journal-import";
import { fillColumns, newLayout, type JournalLayout } from "../../src/taskpane/model/journal-plan";
import { journalAppendPlan, layoutFrom, type JournalSheet } from "../../src/taskpane/model/journal-sheet";
import { parseRange } from "../../src/shared/a1";
import { WorkbookError, type TableInfo } from "../../src/shared/workbook";

/*
 * Adding an import to an existing journal through the Excel adapter, on a hand-rolled Office.js double that
 * counts round trips and weighs what each carries: the rows go in with the table's own rows.add (the table grows,
 * its structured references follow), in a number of round trips that grows with the bytes only; nothing is
 * written when a cell LEV would write into holds something or LEV's formula is no longer there. The journal's
 * rows are read in parts under the payload limit. The layout is found from the sheet's titles and formulas.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- the double's recorders are loosely typed by design */

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/journal", name), "utf8");
const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

interface Double {
  syncs: number;
  /** The most bytes of values any one round trip carried. */
  heaviest: number;
  added: unknown[][][];
  written: Record<string, unknown>;
  used: Set<string>;
  formulas: Record<string, string>;
  chartSeries: { x?: string; y?: string }[];
  reads: string[];
}

function excelDouble(options: { used?: string[]; formulas?: Record<string, string>; tables?: TableInfo[]; values?: (address: string) => unknown[][] } = {}) {
  const d: Double = { syncs: 0, heaviest: 0, added: [], written: {}, used: new Set(options.used ?? []), formulas: options.formulas ?? {}, chartSeries: [{}, {}], reads: [] };
  let queued = 0;
  const weigh = (v: unknown) => (queued += utf8(v));
  const range = (address: string): any => {
    const r: any = {
      address: `'LEV Journal'!${address}`,
      load: () => undefined,
      getUsedRangeOrNullObject: () => ({ load: () => undefined, isNullObject: !d.used.has(address), address: `'LEV Journal'!${address}` }),
      conditionalFormats: { add: () => ({ custom: { rule: {}, format: { fill: {}, font: {} } } }) },
      select: () => undefined,
    };
    Object.defineProperty(r, "formulas", {
      get: () => [[d.formulas[address] ?? ""]],
      set: (v: unknown) => {
        weigh(v);
        d.written[address] = v;
      },
    });
    Object.defineProperty(r, "numberFormat", { set: (v: unknown) => weigh(v) });
    Object.defineProperty(r, "values", {
      get: () => {
        d.reads.push(address);
        return options.values?.(address) ?? [];
      },
      set: (v: unknown) => {
        weigh(v);
        d.written[address] = v;
      },
    });
    return r;
  };
  const table = (name: string) => ({
    name,
    load: () => undefined,
    rows: {
      add: (_i: unknown, values: unknown[][]) => {
        weigh(values);
        d.added.push(values);
      },
    },
    getDataBodyRange: () => ({ getRow: () => range(`${name}!first`) }),
  });
  const sheet = {
    name: "LEV Journal",
    getRange: range,
    tables: { getItem: table },
    charts: {
      load: () => undefined,
      items: [
        {
          title: { text: "Equity curve (net after funding; closed trades, in the order they closed)" },
          series: { getItemAt: (i: number) => ({ setXAxisValues: (r: any) => (d.chartSeries[i]!.x = r.address), setValues: (r: any) => (d.chartSeries[i]!.y = r.address) }) },
        },
      ],
    },
    activate: () => undefined,
  };
  const context: any = {
    workbook: {
      worksheets: { getItem: () => sheet },
      tables: {
        load: () => undefined,
        items: (options.tables ?? []).map((t) => ({
          name: t.name,
          worksheet: { name: t.sheet },
          getRange: () => ({ load: () => undefined, address: `'${t.sheet}'!$${t.range.replace(/([A-Z]+)(\d+)/g, "$1$$$2")}` }),
          getHeaderRowRange: () => ({ load: () => undefined, values: [t.header] }),
        })),
      },
    },
    sync: async () => {
      d.syncs++;
      d.heaviest = Math.max(d.heaviest, queued);
      queued = 0;
    },
  };
  const adapter = createExcelAdapter({ run: (batch) => batch(context) as never, supports: () => true });
  return { adapter, d };
}

const nine = importText(fixture("binance-futures.csv")).fills;
const fills = (): Fill[] => nine;
const journalOf = (layout: JournalLayout, tableRows: number): JournalSheet => ({
  sheet: "LEV Journal",
  layout,
  fillsTable: { sheet: "LEV Journal", name: "LEVFills", range: `A6:G${6 + tableRows}`, header: layout.columns },
  fundingTable: { sheet: "LEV Journal", name: "LEVFunding", range: "I6:K7", header: ["Time", "Symbol", "Amount"] },
  zone: "UTC",
  fills: [],
  payments: [],
  unread: [],
  fundingBlank: true,
});

describe("adding to a journal through the Excel adapter", () => {
  const columns = fillColumns(false, false, false, true);

  it("adds 10 and 10,000 fills with the table's rows.add in round trips that grow with the bytes only, each under Excel's limit", async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const many: Fill[] = Array.from({ length: n }, (_, i) => ({ ...fills()[i % 9]!, time: 45400 + i / 1440, tradeId: String(9_000_000_000 + i) }));
      const { adapter, d } = excelDouble();
      // a journal of 9 fills whose formulas reach row 215: 10 more fills make at most 10 more trades, 10,000 outgrow the reach
      const plan = journalAppendPlan({ journal: journalOf(newLayout(columns, 214), 9), fills: many, payments: [], rates: {}, totalFills: 9 + n, totalTrades: Math.min(n, 20) });
      await adapter.append(plan);
      counts.push(d.syncs);
      expect(d.added.flat().length).toBe(n);
      expect(d.heaviest).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      // each row in the table's order: Time … Fee, Trade ID as text
      expect(d.added[0]![0]).toEqual([45400, "BTCUSDT", "buy", 62000, 0.01, 0.248, "'9000000000"]);
    }
    // 10 fills: one round trip to check, one to write; 10,000 fills (about 1.2 MB) still fit one request
    expect(counts).toEqual([2, 2]);
  });

  it("splits a write heavier than one request into requests under the budget", async () => {
    const n = 60_000;
    const many: Fill[] = Array.from({ length: n }, (_, i) => ({ ...fills()[i % 9]!, time: 45400 + i / 1440, tradeId: String(9_000_000_000 + i) }));
    const { adapter, d } = excelDouble();
    const plan = journalAppendPlan({ journal: journalOf(newLayout(columns, 214), 9), fills: many, payments: [], rates: {}, totalFills: 9 + n, totalTrades: 9 });
    await adapter.append(plan);
    // the rows' bytes and their formats' (one format string per cell)
    const cells = (range: string) => {
      const r = parseRange(range);
      return (r.bottom - r.top + 1) * (r.right - r.left + 1);
    };
    const bytes = utf8(plan.rows[0]!.rows) + plan.formats.reduce((b, f) => b + cells(f.range) * (utf8(f.format) + 1), 0);
    expect(d.added.flat().length).toBe(n);
    expect(d.heaviest).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    // the check, then as many requests as the bytes need (under 4 MB each), and the last
    expect(d.syncs).toBeGreaterThanOrEqual(1 + Math.ceil(bytes / 4_000_000));
    expect(d.syncs).toBeLessThanOrEqual(2 + Math.ceil(bytes / 4_000_000));
  });

  it("puts the first payment into a funding table's blank row and adds the rest", async () => {
    const { adapter, d } = excelDouble();
    const payments = [
      { line: 2, time: 45400, symbol: "BTCUSDT", amount: -0.5, asset: "USDT" },
      { line: 3, time: 45400.5, symbol: "BTCUSDT", amount: 0.25, asset: "USDT" },
    ];
    await adapter.append(journalAppendPlan({ journal: journalOf(newLayout(columns, 214), 9), fills: [], payments, rates: {}, totalFills: 9, totalTrades: 4 }));
    expect(d.written["LEVFunding!first"]).toEqual([[45400, "BTCUSDT", -0.5]]);
    expect(d.added).toEqual([[[45400.5, "BTCUSDT", 0.25]]]);
  });

  it("lets LEV's formulas reach further, and the chart with them, when the trades outgrow their rows", async () => {
    const l = newLayout(columns, 214);
    const { adapter, d } = excelDouble({
      formulas: { AC7: "=LEV.JOURNALSTATS(W7:W215, StartBalance, , P7:P215)", AE7: "=INDEX(LEV.JOURNALSTATS(AA7:AA215, StartBalance, , P7:P215), SEQUENCE(20), 2)", AH6: "=LEV.EQUITYCURVE(StartBalance, AA7:AA215, P7:P215)" },
    });
    const many = Array.from({ length: 300 }, (_, i) => ({ ...fills()[i % 9]!, time: 45400 + i }));
    await adapter.append(journalAppendPlan({ journal: journalOf(l, 9), fills: many, payments: [], rates: {}, totalFills: 309, totalTrades: 250 }));
    // 309 fills: 200 rows spare under them, from row 7: row 515
    expect(d.written.AC7).toEqual([["=LEV.JOURNALSTATS(W7:W515, StartBalance, , P7:P515)"]]);
    expect(d.written.AH6).toEqual([["=LEV.EQUITYCURVE(StartBalance, AA7:AA515, P7:P515)"]]);
    // the funding columns beside the new trade rows (216 to 515), into empty cells
    expect((d.written["Z216:AA515"] as unknown[][]).length).toBe(300);
    expect(d.chartSeries).toEqual([
      { x: "'LEV Journal'!AH7:AH516", y: "'LEV Journal'!AJ7:AJ516" },
      { x: "'LEV Journal'!AH7:AH516", y: "'LEV Journal'!AK7:AK516" },
    ]);
  });

  it("writes nothing when a cell its formulas would reach holds something, or LEV's formula was changed", async () => {
    const l = newLayout(columns, 214);
    const many = Array.from({ length: 300 }, (_, i) => ({ ...fills()[i % 9]!, time: 45400 + i }));
    const plan = journalAppendPlan({ journal: journalOf(l, 9), fills: many, payments: [], rates: {}, totalFills: 309, totalTrades: 250 });
    const full = excelDouble({ used: ["Z216:AA515"], formulas: { AC7: "=LEV.JOURNALSTATS(W7:W215)", AE7: "=INDEX(LEV.JOURNALSTATS(", AH6: "=LEV.EQUITYCURVE(" } });
    await expect(full.adapter.append(plan)).rejects.toThrow(new WorkbookError('Z216:AA515 on "LEV Journal" holds something, and LEV\'s formulas would have to reach into it to follow the new trades. Move what is there (or import into a new sheet); nothing was written.'));
    expect(full.d.added).toEqual([]);
    expect(full.d.syncs).toBe(1);
    const changed = excelDouble({ formulas: { AC7: "my own sum", AE7: "=INDEX(LEV.JOURNALSTATS(", AH6: "=LEV.EQUITYCURVE(" } });
    await expect(changed.adapter.append(plan)).rejects.toThrow(/AC7 on "LEV Journal" no longer holds LEV's formula/);
    expect(changed.d.added).toEqual([]);
  });

  it("lists the workbook's tables with their headers, and reads a table's rows in parts under the limit", async () => {
    const table: TableInfo = { sheet: "LEV Journal", name: "LEVFills", range: "A6:G40006", header: columns };
    const { adapter, d } = excelDouble({
      tables: [table],
      values: (address) => {
        const r = parseRange(address);
        return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => [45400 + r.top + i, "BTCUSDT", "buy", 62000.5, 0.001, 0.01, String(9_000_000_000 + r.top + i)]);
      },
    });
    expect(await adapter.tables()).toEqual([table]);
    expect(d.syncs).toBe(2);
    const rows = await adapter.readTableRows(table);
    expect(rows).toHaveLength(40000);
    expect(rows[0]![0]).toBe(45406);
    // 7 columns of up to 48 bytes each: 11,904 rows a part, 40,000 rows in 4 parts
    expect(d.reads).toEqual(["A7:G11910", "A11911:G23814", "A23815:G35718", "A35719:G40006"]);
  });

  it("finds a journal's blocks from its titles and formulas, wherever the trader moved them", () => {
    const fillsTable: TableInfo = { sheet: "LEV Journal", name: "LEVFills3", range: "B8:H20", header: columns };
    const funding: TableInfo = { sheet: "LEV Journal", name: "LEVFunding3", range: "J8:L9", header: ["Time", "Symbol", "Amount"] };
    // a column inserted before A and two rows above: titles on row 7, headers on row 8
    const row7 = Array.from({ length: 60 }, () => "");
    row7[1] = "Fills";
    row7[9] = "Funding payments (received +, paid −)";
    row7[13] = "Trades (LEV.TRADES over the fills table)";
    row7[29] = "Statistics (closed trades, in the order they closed)";
    row7[34] = "Equity curve (net after funding; closed trades, in the order they closed)";
    const row8 = Array.from({ length: 60 }, () => "");
    row8[13] = "=LEV.TRADES(LEVFills3[Time], …)";
    row8[26] = "Funding";
    const row9 = Array.from({ length: 60 }, () => "");
    row9[29] = "=LEV.JOURNALSTATS(X9:X217, StartBalance, , Q9:Q217)";
    const l = layoutFrom(fillsTable, funding, [row7, row8, row9], 6)!;
    expect(l).toEqual({
      headRow: 7,
      columns,
      fillsTable: "LEVFills3",
      funding: { at: 9, table: "LEVFunding3" },
      trades: 13,
      perTrade: 26,
      stats: 29,
      statsRow: 8,
      curve: 34,
      reach: 216,
      hedge: false,
    });
    // a sheet without LEV's statistics is no journal LEV can add to
    expect(layoutFrom(fillsTable, funding, [row7, row8, Array(60).fill("")], 6)).toBeUndefined();
  });
});
