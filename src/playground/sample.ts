import type { ChartPlan } from "../shared/workbook";
import { columnMeta, rect, type WorkbookMeta } from "./sheet";
import type { SheetFormats } from "./xlsx";
import { STAT_NOTES, statNoteFormulas } from "../taskpane/model/journal-notes";
import { positionsGrid } from "../taskpane/model/positions";

/*
 * The workbook a newcomer sees first: a trading journal whose columns are LEV functions of the trade's
 * inputs, and a scenario sheet (one position, what-if prices, a leverage × move grid). Parts that use a
 * function this build does not have are left out, so the sample never shows #NAME?.
 */

const TRADES: [string, string, number, number, number, number | string, number][] = [
  // symbol, side, entry, exit, quantity, leverage, fee rate
  ["BTCUSDT", "long", 60000, 61850, 0.5, 10, 0.0004],
  ["ETHUSDT", "short", 3200, 3050, 4, 20, 0.0004],
  ["SOLUSDT", "long", 145, 138.5, 60, 5, 0.0005],
  ["BTCUSDT", "short", 64200, 64900, 0.25, 25, 0.0004],
  ["XAUUSD", "long", 2350, 2384, 2, "'1:50", 0], // the apostrophe keeps 1:50 text, as in Excel (1:50 alone is a time)
  ["ETHUSDT", "long", 2980, 3115, 3, "20x", 0.0004],
  ["EURUSD", "short", 1.0925, 1.0871, 100000, 30, 0],
  ["BNBUSDT", "long", 590, 602, 12, 8, 0.0004],
  ["BTCUSDT", "long", 66100, 65250, 0.4, 15, 0.0004],
  ["SOLUSDT", "short", 172, 161.4, 40, 10, 0.0005],
  ["ETHUSDT", "long", 3350, 3528, 2.5, 12, 0.0004],
  ["XAUUSD", "short", 2410, 2398, 3, 20, 0],
];

const JOURNAL_HEADER = ["Trade", "Symbol", "Side", "Entry", "Exit", "Quantity", "Leverage", "Fee rate", "Notional", "Margin", "PnL", "ROE", "Liquidation", "Distance"];

function journalRow(n: number, t: (typeof TRADES)[number]): unknown[] {
  const r = n + 1; // worksheet row of this trade (row 1 is the header)
  const [symbol, side, entry, exit, qty, lev, fee] = t;
  return [
    n,
    symbol,
    side,
    entry,
    exit,
    qty,
    lev,
    fee,
    `=LEV.NOTIONAL(D${r}, F${r})`,
    `=LEV.MARGIN(I${r}, G${r})`,
    `=LEV.PNL(C${r}, D${r}, E${r}, F${r}, 1, H${r})`,
    `=LEV.ROE(C${r}, D${r}, E${r}, G${r}, H${r})`,
    `=LEV.LIQPRICE(C${r}, D${r}, G${r}, 0.005, 0, F${r}, H${r})`,
    `=LEV.LIQDISTANCE(C${r}, E${r}, M${r})`,
  ];
}

/** The journal: `rows` trades (the sample's dozen, repeated with varied prices when more are asked for). */
export function journal(rows = TRADES.length): unknown[][] {
  const out: unknown[][] = [JOURNAL_HEADER];
  for (let i = 0; i < rows; i++) {
    const base = TRADES[i % TRADES.length]!;
    const drift = i < TRADES.length ? 1 : 1 + (((i * 7919) % 200) - 100) / 2000; // ±5 %, deterministic
    const t: (typeof TRADES)[number] = [base[0], base[1], round(base[2] * drift), round(base[3] * drift), base[4], base[5], base[6]];
    out.push(journalRow(i + 1, t));
  }
  return out;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function scenario(has: (name: string) => boolean): unknown[][] {
  const s: unknown[][] = [
    ["Position", "", "", "Price", "PnL"],
    ["Side", "long", "", 48000],
    ["Entry", 60000, "", 51000],
    ["Quantity", 0.5, "", 54000],
    ["Leverage", 10, "", 57000],
    ["Maintenance rate", 0.005, "", 60000],
    ["Fee rate", 0.0004, "", 63000],
    ["", "", "", 66000],
    ["Notional", "=LEV.NOTIONAL(B3, B4)", "", 69000],
    ["Margin", "=LEV.MARGIN(B9, B5)", "", 72000],
    ["Liquidation", "=LEV.LIQPRICE(B2, B3, B5, B6, 0, B4, B7)"],
    ["Bankruptcy", "=LEV.BANKRUPTCY(B2, B3, B5)"],
    ["Break-even", "=LEV.BREAKEVEN(B2, B3, B7, B7)"],
    ["Distance to liq.", "=LEV.LIQDISTANCE(B2, B3, B11)"],
  ];
  // A scalar function lifted over the price column: one PnL per price, as Excel spills it.
  s[1]![4] = "=LEV.PNL(B2, B3, D2:D10, B4, 1, B7)";
  if (has("SCENARIOS")) {
    s[0]![6] = "Scenarios: one formula, spilled";
    s[1]![6] = "=LEV.SCENARIOS(B2, B3, B4, B5, D2:D10, , B6, B7)";
  }
  if (has("GRID")) {
    while (s.length < 17) s.push([]);
    s.push(["ROE by move (down) and leverage (across)", "", "", "", 5, 10, 20, 50]);
    const moves = [-0.1, -0.05, -0.02, 0, 0.02, 0.05, 0.1];
    moves.forEach((m, i) => {
      const row: unknown[] = ["", "", "", m];
      if (i === 0) row[4] = `=LEV.GRID("roe", B2, B3, E18:H18, D19:D${18 + moves.length}, B6)`;
      s.push(row);
    });
  }
  return s;
}

// ─── Trades: a journal fed by fills ──────────────────────────────────────────────────────────────────

/** Serial of 2024-03-04 (2024-01-01 = 45292). */
const MAR_4 = 45355;
const at = (day: number, hh: number, mm: number) => MAR_4 + day + (hh * 60 + mm) / 1440;

/**
 * Fills across three symbols, as an exchange export lists them: scale-ins, partial exits, a flip (the ETHUSDT
 * buy of 0.8 closes a 0.5 short and opens a 0.3 long), a loss, an open position; fees at a 0.04 % taker rate.
 */
const FILLS: [number, string, "buy" | "sell", number, number][] = [
  [at(0, 9, 0), "BTCUSDT", "buy", 62000, 0.01],
  [at(0, 9, 20), "BTCUSDT", "buy", 61500, 0.01],
  [at(0, 10, 0), "ETHUSDT", "sell", 3400, 0.5],
  [at(0, 11, 5), "BTCUSDT", "sell", 62800, 0.015],
  [at(0, 12, 30), "ETHUSDT", "buy", 3350, 0.8],
  [at(0, 13, 40), "BTCUSDT", "sell", 63100, 0.005],
  [at(1, 8, 15), "ETHUSDT", "sell", 3420, 0.3],
  [at(1, 9, 0), "SOLUSDT", "buy", 140, 10],
  [at(1, 15, 0), "SOLUSDT", "sell", 136.5, 4],
  [at(2, 10, 0), "SOLUSDT", "sell", 141, 6],
  [at(2, 14, 10), "BTCUSDT", "sell", 64500, 0.02],
  [at(3, 9, 45), "BTCUSDT", "buy", 65200, 0.02],
  [at(3, 11, 0), "ETHUSDT", "buy", 3510, 1],
  [at(3, 16, 30), "ETHUSDT", "sell", 3466, 1],
  [at(4, 10, 20), "SOLUSDT", "buy", 148.2, 15],
  [at(4, 13, 0), "SOLUSDT", "sell", 152.9, 8],
  [at(5, 9, 30), "BTCUSDT", "buy", 66800, 0.015],
  [at(5, 14, 0), "SOLUSDT", "sell", 150.4, 7],
];
const FEE_RATE = 0.0004;
/** Rows the Trades sheet's formulas read, so fills typed under the sample are picked up. */
const TRADES_REACH = 200;

function trades(has: (name: string) => boolean): { rows: unknown[][]; chart?: ChartPlan } {
  const rows: unknown[][] = [
    ["Start balance", 10000, "", "Fills: type new ones under the last row; trades, statistics and the curve follow."],
    [],
    ["Time", "Symbol", "Side", "Price", "Quantity", "Fee"],
    ...FILLS.map(([t, sym, side, price, q]) => [t, sym, side, price, q, Number((price * q * FEE_RATE).toPrecision(10))]),
  ];
  if (!has("TRADES")) return { rows };
  const last = TRADES_REACH + 3;
  const col = (c: string) => `${c}4:${c}${last}`;
  rows[2]![7] = `=LEV.TRADES(${col("A")}, ${col("B")}, ${col("C")}, ${col("D")}, ${col("E")}, ${col("F")})`;
  // the trades' Net PnL (R) with their Closed column (K): open trades left out, the rest in the order they closed
  if (has("JOURNALSTATS")) {
    rows[2]![21] = `=LEV.JOURNALSTATS(${col("R")}, B1, , ${col("K")})`;
    // beside each statistic that is an error (Average R: no risk is given), why, in plain words
    statNoteFormulas((i) => `W${3 + i}`).forEach((note, i) => {
      if (note) (rows[2 + i] ??= [])[23] = note;
    });
  }
  if (!has("EQUITYCURVE")) return { rows };
  rows[2]![24] = `=LEV.EQUITYCURVE(B1, ${col("R")}, ${col("K")})`;
  // The curve (row 0 and one row per closed trade, from row 4) over its whole reach, so that the chart follows
  // trades that new fills close; the chart sits right of the curve, which grows down.
  const reach = (c: string) => `${c}4:${c}${last + 1}`;
  return {
    rows,
    chart: {
      title: "Equity curve (closed trades, in the order they closed)",
      xTitle: "Trade",
      yTitle: "Balance",
      series: [
        { name: "Balance", x: reach("Y"), y: reach("AA") },
        { name: "Peak", x: reach("Y"), y: reach("AB") },
      ],
      anchor: "AF2:AM21",
    },
  };
}

export interface SampleWorkbook {
  sheets: Record<string, unknown[][]>;
  formats: SheetFormats;
  /** Column widths in pixels: sheet → column → width. */
  widths: Record<string, Record<number, number>>;
  /** Number formats of single ranges (a block's rows, such as the statistics), beside the column formats. */
  cellFormats?: Record<string, { range: string; format: string }[]>;
  /** Charts requested per sheet, as the task pane requests them (the page draws what it can). */
  charts: Record<string, ChartPlan[]>;
}

/** The sample workbook; `has(id)` says whether a function exists in this build. */
export function sampleWorkbook(has: (id: string) => boolean, journalRows?: number): SampleWorkbook {
  const t = trades(has);
  const when = "yyyy-mm-dd hh:mm";
  const sample: SampleWorkbook = {
    sheets: { Journal: journal(journalRows), Scenario: scenario(has), Trades: t.rows },
    formats: {
      Journal: { 7: "0.00%", 8: "#,##0.00", 9: "#,##0.00", 10: "#,##0.00", 11: "0.00%", 12: "#,##0.0000", 13: "0.00%" },
      Scenario: {},
      Trades: { 0: when, 3: "#,##0.00", 5: "#,##0.0000", 9: when, 10: when, 13: "#,##0.00", 14: "#,##0.00", 15: "#,##0.00", 16: "#,##0.0000", 17: "#,##0.00", 18: "0.00%", 25: "#,##0.00", 26: "#,##0.00", 27: "#,##0.00", 28: "#,##0.00", 29: "0.00%" },
    },
    widths: {
      Journal: { 0: 54, 1: 78, 2: 52, 3: 70, 4: 70, 5: 70, 6: 74, 7: 70, 8: 88, 9: 80, 10: 76, 11: 70, 12: 100, 13: 70 },
      Scenario: { 0: 130, 3: 80, 4: 90 },
      Trades: { 0: 130, 1: 78, 6: 20, 7: 78, 9: 130, 10: 130, 20: 20, 21: 150, 23: 300 },
    },
    charts: t.chart ? { Trades: [t.chart] } : {},
    // each statistic (W3:W22) in its own format: counts, money, percentages, ratios
    // and the start balance as money
    cellFormats: { Trades: [{ range: "B1", format: "#,##0.00" }, ...STAT_NOTES.map(([, format], i) => ({ range: `W${3 + i}`, format }))] },
  };
  // A cross-margin account of four symbols, ETHUSDT hedged: the sheet the pane's "New positions sheet" writes.
  if (has("CROSSLIQ") && has("CROSSACCOUNT") && has("LIQDISTANCE")) {
    sample.sheets.Positions = positionsGrid();
    sample.formats.Positions = { 5: "0.00%", 6: "#,##0.00", 7: "#,##0.0000", 8: "0.00%" };
    sample.widths.Positions = { 0: 150, 1: 70, 2: 80, 3: 80, 4: 80, 5: 140, 6: 160, 7: 125, 8: 150 };
  }
  return sample;
}

/** What the sample's sheets hold beside their cells: column formats and widths, the statistics' formats, the chart. */
export function sampleMeta(sample: SampleWorkbook): WorkbookMeta {
  const meta = Object.fromEntries(Object.keys(sample.sheets).map((name) => [name, columnMeta(sample.formats[name], sample.widths[name])]));
  // the charts the sample requests (the Trades sheet's equity curve) are drawn as a written sheet's are
  for (const [name, charts] of Object.entries(sample.charts)) meta[name]?.charts.push(...charts);
  for (const [name, formats] of Object.entries(sample.cellFormats ?? {})) meta[name]?.formats.push(...formats.map((f) => ({ rect: rect(f.range), format: f.format })));
  return meta;
}
