import { OfficeMockObject } from "office-addin-mock";
import { createExcelAdapter, REQUEST_BUDGET_BYTES, REQUEST_LIMIT_BYTES } from "../../src/taskpane/excel";
import { applyPreset, GUIDE_EXAMPLE, type FormValues } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { journalPlan, scenarioPlan } from "../../src/taskpane/model/plan";
import { positionsPlan } from "../../src/taskpane/model/positions";
import { buildScenario } from "../../src/taskpane/model/scenario";
import { WorkbookError, type WritePlan } from "../../src/shared/workbook";

/* eslint-disable @typescript-eslint/no-explicit-any -- the mock's recorders are loosely typed by design */

/** Bytes of cell values and formats queued since the last sync (what a request carries beyond its framing). */
const meter = { queued: 0 };
const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

/** A worksheet that records what is queued on it. */
function recordingSheet(name: string, log: string[]) {
  const ranges: Record<string, any> = {};
  const sheet: any = {
    name,
    ranges,
    tables: [] as any[],
    charts: [] as any[],
    names: [] as [string, string][],
    activated: false,
    deleted: false,
    getRange(address: string) {
      if (ranges[address]) return ranges[address];
      ranges[address] = {
        address,
        format: { font: {}, fill: {} },
        conditional: [] as any[],
        conditionalFormats: {
          add(type: string) {
            const cf = { type, custom: { rule: {} as any, format: { fill: {} as any, font: {} as any } } };
            ranges[address].conditional.push(cf);
            log.push(`conditional ${address}`);
            return cf;
          },
        },
        select() {
          log.push(`select ${address}`);
          sheet.selected = address;
        },
      };
      let formulas: unknown;
      Object.defineProperty(ranges[address], "formulas", {
        enumerable: true,
        get: () => formulas,
        set: (v: unknown) => {
          formulas = v;
          meter.queued += utf8(v);
          log.push(`formulas ${address}`);
        },
      });
      let numberFormat: unknown;
      Object.defineProperty(ranges[address], "numberFormat", {
        enumerable: true,
        get: () => numberFormat,
        set: (v: unknown) => {
          numberFormat = v;
          meter.queued += utf8(v);
        },
      });
      return ranges[address];
    },
    activate() {
      sheet.activated = true;
      log.push(`activate ${name}`);
    },
    delete() {
      sheet.deleted = true;
      log.push(`delete ${name}`);
    },
  };
  sheet.names = Object.assign([], {
    add(n: string, range: any) {
      sheet.names.push([n, range.address]);
      log.push(`name ${n}`);
    },
  });
  sheet.tables = Object.assign([], {
    add(range: string, headers: boolean) {
      const t = { range, headers, style: "" };
      sheet.tables.push(t);
      log.push(`table ${range}`);
      return t;
    },
  });
  sheet.charts = Object.assign([], {
    add(type: string, source: any, by: string) {
      const series: any[] = [{ y: source.address }];
      const chart: any = {
        type,
        by,
        title: {},
        axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
        seriesList: series,
        series: {
          getItemAt: (i: number) => Object.assign(series[i], { setXAxisValues: (r: any) => (series[i].x = r.address) }),
          add: (n: string) => {
            const s: any = { name: n };
            s.setXAxisValues = (r: any) => (s.x = r.address);
            s.setValues = (r: any) => (s.y = r.address);
            series.push(s);
            return s;
          },
        },
        setPosition: (a: string, b: string) => (chart.position = `${a}:${b}`),
      };
      sheet.charts.push(chart);
      log.push("chart");
      return chart;
    },
  });
  return sheet;
}

interface MockOptions {
  existing?: string[];
  /** The sync (1-based) that fails, as Office.js reports a refused batch. */
  failSync?: number;
  failure?: { code: string; message: string };
}

/** An Excel built with office-addin-mock: worksheets load and sync through the mock. */
function mockExcel(options: MockOptions = {}) {
  const log: string[] = [];
  const sheets = (options.existing ?? ["Sheet1"]).map((n) => recordingSheet(n, log));
  const state = { syncs: 0, sheets, log, loadRequests: [] as unknown[], requests: [] as number[] };
  meter.queued = 0;
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          items: sheets,
          add(name: string) {
            const s = recordingSheet(name, log);
            state.sheets.push(s);
            log.push(`add ${name}`);
            return s;
          },
        },
      },
    },
    run: async function (this: any, batch: (context: any) => Promise<unknown>) {
      return batch(this.context);
    },
  }) as any;
  const worksheets = excel.context.workbook.worksheets;
  // Office.js loads a collection's item names with "items/name"; the mock knows the collection's items.
  const load = worksheets.load.bind(worksheets);
  worksheets.load = (what: unknown) => {
    state.loadRequests.push(what);
    return load("items");
  };
  const sync = excel.context.sync.bind(excel.context);
  excel.context.sync = async () => {
    state.syncs++;
    state.requests.push(meter.queued);
    meter.queued = 0;
    await sync();
    if (options.failSync === state.syncs) {
      throw Object.assign(new Error(options.failure?.message ?? "refused"), { code: options.failure?.code ?? "GeneralException" });
    }
  };
  const adapter = createExcelAdapter({ run: (batch) => excel.run(batch), supports: () => true });
  return { adapter, state };
}

function planWithRows(n: number): WritePlan {
  // n prices 0.90000, 0.90001, … around the guide's entry of 1.0000
  const prices = Array.from({ length: n }, (_, i) => (0.9 + i / 100000).toFixed(5)).join(" ");
  const values: FormValues = { ...GUIDE_EXAMPLE, scenarioKind: "list", priceList: prices };
  const v = validate(values);
  if (!v.trade) throw new Error(JSON.stringify(v.errors));
  return scenarioPlan(buildScenario(v.trade));
}

describe("the Excel adapter, against office-addin-mock", () => {
  it("writes 10, 100 and 1,000 scenario rows with the same 2 syncs, the table as one range", async () => {
    const counts: number[] = [];
    for (const n of [10, 100, 1000]) {
      const { adapter, state } = mockExcel();
      const plan = planWithRows(n);
      await adapter.write(plan);
      counts.push(state.syncs);
      // the whole table went in as one range: header + n rows
      const sheet = state.sheets[state.sheets.length - 1];
      expect(sheet.ranges[plan.table!.range].formulas).toHaveLength(n + 1);
    }
    expect(counts).toEqual([2, 2, 2]);
  }, 120000);

  it("splits a write larger than Excel on the web's 5 MB request cap: no request above it, syncs growing with the bytes alone", async () => {
    // 10,000 rows of live formulas weigh about 5.2 MB: over the cap, so they go in more than one request.
    const { adapter, state } = mockExcel();
    const plan = planWithRows(10000);
    const total = plan.blocks.reduce((sum, b) => sum + utf8(b.rows), 0);
    expect(total).toBeGreaterThan(REQUEST_LIMIT_BYTES);
    await adapter.write(plan);
    expect(Math.max(...state.requests)).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    // one sync for the sheet names, then as many as the budget needs: ⌈bytes ÷ 4 MB⌉ plus at most one for rounding
    const needed = Math.ceil(total / REQUEST_BUDGET_BYTES);
    expect(state.syncs - 1).toBeGreaterThanOrEqual(needed);
    expect(state.syncs - 1).toBeLessThanOrEqual(needed + 1);
    // every row arrived once, in order, across the pieces of the table
    const sheet = state.sheets[state.sheets.length - 1];
    const table = plan.blocks.find((b) => b.rows[0]?.[0] === "Price")!;
    const written = Object.values(sheet.ranges)
      .filter((r: any) => r.formulas !== undefined && /^A\d+:G\d+$/.test(r.address) && Number(/^A(\d+)/.exec(r.address)![1]) >= Number(table.at.slice(1)))
      .sort((a: any, b: any) => Number(/^A(\d+)/.exec(a.address)![1]) - Number(/^A(\d+)/.exec(b.address)![1]))
      .flatMap((r: any) => r.formulas);
    expect(written).toEqual(table.rows.map((row) => row.map((c) => (c === null ? "" : c))));
    expect(sheet.activated).toBe(true);
  }, 120000);

  it("counts syncs by bytes, not rows: twice the payload, about twice the requests; a big plan's small twin still takes 2", async () => {
    const blockOf = (rows: number, width: number) => Array.from({ length: rows }, (_, i) => [`=${"1+".repeat(width)}${i}`]);
    const planOf = (rows: number, width: number): WritePlan => ({
      baseName: "Load", blocks: [{ at: "A1", rows: blockOf(rows, width) }], formats: [], names: [], conditionalFormats: [], columnWidths: [], bold: [], select: "A1",
    });
    const syncs = async (plan: WritePlan) => {
      const { adapter, state } = mockExcel();
      await adapter.write(plan);
      expect(Math.max(...state.requests)).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      return state.syncs;
    };
    // 20,000 rows of about 510 bytes (10.2 MB) and of about 1,010 bytes (20.2 MB): ⌈10.2 ÷ 4⌉ = 3 and
    // ⌈20.2 ÷ 4⌉ = 6 requests after the one that reads the sheet names; 20,000 rows of ~14 bytes stay one request
    const bytes = (p: WritePlan) => utf8(p.blocks[0]!.rows);
    const small = planOf(20000, 250);
    const big = planOf(20000, 500);
    expect(bytes(small)).toBeGreaterThan(10_000_000);
    expect(bytes(big)).toBeGreaterThan(20_000_000);
    expect(await syncs(small)).toBe(1 + 3);
    expect(await syncs(big)).toBe(1 + 6);
    expect(await syncs(planOf(20000, 2))).toBe(2);
  }, 120000);

  it("names the new sheet LEV Scenario 2 when LEV Scenario exists, and leaves the old one untouched", async () => {
    const { adapter, state } = mockExcel({ existing: ["Sheet1", "LEV Scenario"] });
    const result = await adapter.write(planWithRows(10));
    expect(result.sheet).toBe("LEV Scenario 2");
    expect(state.loadRequests).toEqual(["items/name"]);
    const old = state.sheets.find((s) => s.name === "LEV Scenario");
    expect(Object.keys(old.ranges)).toEqual([]);
    expect(old.names).toHaveLength(0);
    expect(old.tables).toHaveLength(0);
    expect(old.charts).toHaveLength(0);
    expect(old.activated).toBe(false);
    expect(state.log).toContain("add LEV Scenario 2");
  });

  it("counts LEV Scenario as taken whatever its case, as Excel does", async () => {
    const { adapter } = mockExcel({ existing: ["lev scenario", "LEV Scenario 2"] });
    expect((await adapter.write(planWithRows(10))).sheet).toBe("LEV Scenario 3");
  });

  it("queues names before formulas, writes each block once, adds the table, colours and chart, then activates and selects the first input", async () => {
    const { adapter, state } = mockExcel();
    const plan = planWithRows(10);
    await adapter.write(plan);
    const sheet = state.sheets.find((s) => s.name === "LEV Scenario");
    const firstFormulaWrite = state.log.findIndex((op) => op.startsWith("formulas "));
    const lastName = state.log.lastIndexOf(`name ${plan.names[plan.names.length - 1]!.name}`);
    expect(lastName).toBeGreaterThan(-1);
    expect(firstFormulaWrite).toBeGreaterThan(lastName);
    expect(sheet.names.map((n: [string, string]) => n[0])).toEqual(plan.names.map((n) => n.name));
    // every block became one range write holding its rows
    const writes = Object.values(sheet.ranges).filter((r: any) => r.formulas !== undefined);
    expect(writes).toHaveLength(plan.blocks.length);
    const margin = plan.names.find((n) => n.name === "Margin")!;
    const figures = Object.values(sheet.ranges).find((r: any) => r.formulas?.some((row: unknown[]) => row[0] === "Required margin")) as any;
    expect(figures.formulas.find((row: unknown[]) => row[0] === "Required margin")[1]).toBe("=LEV.MARGIN(Notional, Leverage)");
    expect(margin.cell).toMatch(/^B\d+$/);
    expect([...sheet.tables]).toEqual([{ range: plan.table!.range, headers: true, style: "TableStyleMedium2" }]);
    const conditional = Object.values(sheet.ranges).flatMap((r: any) => r.conditional);
    expect(conditional.map((c: any) => c.custom.rule.formula)).toEqual(plan.conditionalFormats.map((c) => c.formula));
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].seriesList.map((s: any) => [s.x, s.y])).toEqual(plan.chart!.series.map((s) => [s.x, s.y]));
    expect(sheet.activated).toBe(true);
    expect(sheet.selected).toBe(plan.select);
    expect(state.log.slice(-2)).toEqual(["activate LEV Scenario", `select ${plan.select}`]);
  });

  it("writes the trading journal as a table of two example trades", async () => {
    const { adapter, state } = mockExcel();
    const plan = journalPlan();
    expect((await adapter.write(plan)).sheet).toBe("LEV Journal");
    const sheet = state.sheets.find((s) => s.name === "LEV Journal");
    expect(sheet.tables[0].range).toBe("A1:M3");
    expect(state.syncs).toBe(2);
  });

  it("writes the positions sheet: the table beside the spilled liquidation prices, the wallet as the input, in 2 syncs", async () => {
    const { adapter, state } = mockExcel({ existing: ["LEV Positions"] });
    expect((await adapter.write(positionsPlan())).sheet).toBe("LEV Positions 2");
    const sheet = state.sheets.find((s) => s.name === "LEV Positions 2");
    expect(sheet.tables[0].range).toBe("A4:G16");
    expect(sheet.ranges["A1:I27"].formulas[4][7]).toMatch(/^=LEV\.CROSSLIQ\(A5:A16, B5:B16, C5:C16, D5:D16, E5:E16, B2, F5:F16, G5:G16\)$/);
    expect(sheet.ranges.B2.format.fill.color).toBeDefined();
    expect(state.syncs).toBe(2);
  });

  it("turns a refused write into plain words and removes the half-written sheet", async () => {
    const { adapter, state } = mockExcel({ failSync: 2, failure: { code: "AccessDenied", message: "The workbook is protected." } });
    let caught: unknown;
    try {
      await adapter.write(planWithRows(10));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WorkbookError);
    expect((caught as Error).message).toMatch(/protected.*Unprotect it/);
    expect(state.sheets.find((s) => s.name === "LEV Scenario").deleted).toBe(true);
    expect(state.sheets.find((s) => s.name === "Sheet1").deleted).toBe(false);
  });

  it("says what went wrong for any other refusal, in a sentence", async () => {
    const { adapter } = mockExcel({ failSync: 1, failure: { code: "GeneralException", message: "The request failed." } });
    await expect(adapter.write(planWithRows(10))).rejects.toThrow(/Excel could not write the sheet \(The request failed\.\)/);
  });

  it("refuses plainly on a host without the API it needs, before touching the workbook", async () => {
    const { state } = mockExcel();
    const adapter = createExcelAdapter({ run: () => Promise.reject(new Error("should not run")), supports: () => false });
    await expect(adapter.write(planWithRows(10))).rejects.toThrow(/too old for LEV to write sheets/);
    expect(state.syncs).toBe(0);
  });
});

// ─── Reading a tier table ────────────────────────────────────────────────────────────────────────────

/** An Excel built with office-addin-mock whose sheets hold values to read. */
function mockReader(sheets: Record<string, (string | number | null)[][]>) {
  const state = { syncs: 0, requested: [] as string[], missing: undefined as string | undefined };
  const byName: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(sheets)) byName[name] = { name, cells: { values } };
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          byName,
          getItem(this: any, name: string) {
            const key = Object.keys(sheets).find((k) => k.toLowerCase() === name.toLowerCase());
            if (!key) {
              // Office.js reports a missing sheet when the batch is sent, not when it is queued.
              state.missing = name;
              return { load() {}, getRange: () => ({ load() {} }) };
            }
            const sheet = this.byName[key];
            sheet.getRange = (address: string) => {
              state.requested.push(address);
              return sheet.cells;
            };
            return sheet;
          },
        },
      },
    },
    run: async function (this: any, batch: (context: any) => Promise<unknown>) {
      return batch(this.context);
    },
  }) as any;
  const sync = excel.context.sync.bind(excel.context);
  excel.context.sync = async () => {
    state.syncs++;
    await sync();
    if (state.missing) throw Object.assign(new Error(`The requested resource doesn't exist.`), { code: "ItemNotFound" });
  };
  const adapter = createExcelAdapter({ run: (batch) => excel.run(batch), supports: () => true });
  return { adapter, state };
}

describe("reading a range with the Excel adapter, against office-addin-mock", () => {
  const table = [
    [0, 50000, 0.004, 0],
    [50000, 250000, 0.005, 50],
  ];

  it("reads the values and the sheet's own name in one sync", async () => {
    const { adapter, state } = mockReader({ Tiers: table });
    const got = await adapter.readRange("tiers", "A1:D2");
    expect(got).toEqual({ sheet: "Tiers", range: "A1:D2", values: table });
    expect(state.requested).toEqual(["A1:D2"]);
    expect(state.syncs).toBe(1);
  });

  it("says in plain words that a sheet does not exist", async () => {
    const { adapter } = mockReader({ Tiers: table });
    await expect(adapter.readRange("Brackets", "A1:D2")).rejects.toThrow('There is no sheet named "Brackets" in this workbook.');
  });

  it("refuses a range far larger than a tier table before asking Excel", async () => {
    const { adapter, state } = mockReader({ Tiers: table });
    await expect(adapter.readRange("Tiers", "A1:D100000")).rejects.toThrow(/400,000 cells/);
    expect(state.syncs).toBe(0);
  });

  it("writes a plan whose liquidation price reads a tier table with the same syncs at 10, 100 and 1,000 rows, at most 2", async () => {
    const counts: number[] = [];
    for (const n of [10, 100, 1000]) {
      const prices = Array.from({ length: n }, (_, i) => String(40000 + i)).join(" ");
      const values: FormValues = {
        ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"),
        balance: "10000",
        quantity: "0.1",
        mmrSource: "table",
        mmrTable: "Tiers!A1:D2",
        scenarioKind: "list",
        priceList: prices,
      };
      const v = validate(values, { address: "Tiers!A1:D2", sheet: "Tiers", range: "A1:D2", cells: table });
      if (!v.trade) throw new Error(JSON.stringify(v.errors));
      const plan = scenarioPlan(buildScenario(v.trade));
      const { adapter, state } = mockExcel();
      await adapter.write(plan);
      counts.push(state.syncs);
      const sheet = state.sheets[state.sheets.length - 1];
      const figures = Object.values(sheet.ranges).find((r: any) => r.formulas?.some((row: unknown[]) => row[0] === "Liquidation price")) as any;
      expect(figures.formulas.find((row: unknown[]) => row[0] === "Liquidation price")[1]).toBe(
        "=LEV.LIQPRICE(Side, Entry, Leverage, 'Tiers'!$A$1:$D$2, 0, Quantity*ContractSize)",
      );
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(2);
  }, 120000);
});
