import { TRADES } from "../../engine";
import { cellName } from "../../shared/a1";
import type { Block, CellValue, ChartPlan, ConditionalFormat, NumberFormat, WritePlan } from "../../shared/workbook";
import { STAT_NOTES, statNoteFormulas } from "./journal-notes";
import { quoteFee, type FeeRates, type Fill, type Payment } from "./journal-fill";

/**
 * The journal sheet a fills import writes: the fills as an Excel table, the funding payments as a second table,
 * LEV.TRADES over the fills table's columns (structured references, so fills added to the table later are
 * picked up), beside each trade its funding and its net after funding (built-in formulas over the funding
 * table), LEV.JOURNALSTATS on the Net PnL and on the net after funding, LEV.EQUITYCURVE on the net after
 * funding (open trades left out, the rest in the order they closed, as the account realised them) from a
 * start-balance input, the equity curve's chart, and number formats on every block.
 *
 * Where each block sits is a `JournalLayout`: a new sheet's is made here, an existing sheet's is read from its
 * titles and formulas (journal-sheet.ts), so that an import appended to it extends LEV's own formulas where
 * they are.
 */

export const JOURNAL_IMPORT_SHEET = "LEV Journal";
export const FILLS_TABLE = "LEVFills";
export const FUNDING_TABLE = "LEVFunding";
export const START_BALANCE_NAME = "StartBalance";
/** Rows below the trades the formulas and formats reach, for trades that fills added later make. */
export const SPARE_ROWS = 200;
/** The funding table's columns: the amount as the exchange writes it, received positive. */
export const FUNDING_COLUMNS = ["Time", "Symbol", "Amount"] as const;
/** The columns written beside the trades' table. */
export const PER_TRADE_COLUMNS = ["Funding", "Net after funding"] as const;
/** The fills table's column that holds the exchange's id of each fill. */
export const TRADE_ID = "Trade ID";
/** The cell that says which zone the journal's times are in (its label is in A4). */
export const ZONE_CELL = "B4";
export const ZONE_LABEL = "Times in";

/** Block titles on the row above the tables' headers: how a journal's blocks are found again. */
export const TITLES = {
  fills: "Fills",
  funding: "Funding payments (received +, paid −)",
  trades: "Trades (LEV.TRADES over the fills table)",
  stats: "Statistics (closed trades, in the order they closed)",
  curve: "Equity curve (net after funding; closed trades, in the order they closed)",
} as const;

const TIME = "yyyy-mm-dd hh:mm:ss";
const PRICE = "#,##0.00######";
const MONEY = "#,##0.00";
const FUNDING = "#,##0.00##";
const PERCENT = "0.00%";
const COUNT = "0";
const QUANTITY = "General";
/** Half a second, in days: times are compared to the second (exports write whole seconds). */
const HALF_SECOND = "0.5/86400";

/** TRADES' columns, as the engine's header lists them. */
const T = { symbol: 0, side: 1, opened: 2, closed: 3, net: 10 } as const;

/** Where a journal sheet's blocks are (0-based rows and columns). */
export interface JournalLayout {
  /** The row of the tables' headers (the block titles are on the row above). */
  headRow: number;
  /** The fills table's columns. */
  columns: string[];
  fillsTable: string;
  /** The funding table's first column and name: absent on a journal written before LEV read funding. */
  funding?: { at: number; table: string };
  /** The first column of the trades LEV.TRADES spills. */
  trades: number;
  /** The Funding and Net after funding columns beside the trades (with the funding table). */
  perTrade?: number;
  /** The statistics' labels column; values beside it (Net PnL, then Net after funding where `perTrade` is). */
  stats: number;
  /** The row of the statistics' formula (the first statistic's row). */
  statsRow: number;
  curve: number;
  /** The last row (0-based) the formulas over the trades reach. */
  reach: number;
  /** The fills have position sides: a symbol's payments are shown once between its LONG and SHORT trades. */
  hedge: boolean;
}

export interface JournalPlanInput {
  fills: readonly Fill[];
  /** Funding payments for the funding table (none: the table is there, empty, for a funding file later). */
  payments?: readonly Payment[];
  rates: FeeRates;
  startBalance: number;
  /** Where the fills came from, said on the sheet ("binance.csv, Binance spot trade history"). */
  source: string;
  /** The zone the times are written in ("UTC", "UTC+6", "Europe/Athens", "as written"). */
  zone?: string;
  /** The number of trades the fills make, when the caller has it from the engine already (a large import's worker). */
  tradeCount?: number;
}

/**
 * The header row of the fills table: Contract size where volumes are lots, Position side for a hedge-mode
 * account, Note where a fill is marked (an inferred opening), Trade ID where the export gives each fill's id (so
 * that the next import recognises the fills already here by it).
 */
export function fillColumns(hedge: boolean, sized = false, noted = false, ids = false): string[] {
  return ["Time", "Symbol", "Side", "Price", "Quantity", "Fee", ...(sized ? ["Contract size"] : []), ...(hedge ? ["Position side"] : []), ...(noted ? ["Note"] : []), ...(ids ? [TRADE_ID] : [])];
}

/**
 * The fills' columns as LEV.TRADES reads them, and the engine's own trades table over them (its exact fast
 * path when it answers, else the Decimal path), cells as numbers and text: the trades the sheet will show.
 */
export function tradesOf(fills: readonly Fill[], rates: FeeRates): (string | number | null)[][] {
  const col = <T>(f: (x: Fill) => T) => fills.map((x) => [f(x)]);
  const hedge = fills.some((f) => f.positionSide !== undefined);
  const sized = fills.some((f) => f.contractSize !== undefined);
  const args = [
    col((f) => f.time),
    col((f) => f.symbol),
    col((f) => f.side),
    col((f) => f.price),
    col((f) => f.quantity),
    col((f) => quoteFee(f, rates) ?? null),
    sized ? col((f) => f.contractSize ?? 1) : null,
    hedge ? col((f) => f.positionSide ?? null) : null,
  ];
  const table = (TRADES.fast?.(args) ?? TRADES.apply(args)) as unknown[][];
  return table.map((row) => row.map((c) => (c === null || typeof c === "string" || typeof c === "number" ? c : Number(String(c)))));
}

/** A new journal's layout: fills, funding, trades with their funding, statistics, curve, left to right. */
export function newLayout(columns: string[], reach: number): JournalLayout {
  const headRow = 5; // 0-based: row 6 holds the tables' headers
  const funding = columns.length + 1; // one blank column between blocks
  const trades = funding + FUNDING_COLUMNS.length + 1;
  const perTrade = trades + 13;
  const stats = perTrade + PER_TRADE_COLUMNS.length + 1;
  return {
    headRow,
    columns,
    fillsTable: FILLS_TABLE,
    funding: { at: funding, table: FUNDING_TABLE },
    trades,
    perTrade,
    stats,
    statsRow: headRow + 1,
    curve: stats + 5,
    reach,
    hedge: columns.includes("Position side"),
  };
}

/** A column's cells from the first data row to the reach: "R7:R215". */
function span(l: JournalLayout, col: number, bottom = l.reach): string {
  return `${cellName(l.headRow + 1, col)}:${cellName(bottom, col)}`;
}

/** A fill as a row of the fills table, in its columns' order. */
export function fillRow(f: Fill, columns: readonly string[], rates: FeeRates): CellValue[] {
  return columns.map((c): CellValue => {
    switch (c) {
      case "Time":
        return f.time;
      case "Symbol":
        return f.symbol;
      case "Side":
        return f.side;
      case "Price":
        return f.price;
      case "Quantity":
        return f.quantity;
      case "Fee":
        return quoteFee(f, rates) ?? null;
      case "Contract size":
        return f.contractSize ?? 1;
      case "Position side":
        return f.positionSide ?? "BOTH";
      case "Note":
        return f.note ?? null;
      case TRADE_ID:
        // kept as text (an apostrophe, as typed in Excel): a long id would lose digits as a number, and 12e45678 is no number
        return f.tradeId === undefined ? null : /^[\d.eE+-]+$/.test(f.tradeId) ? `'${f.tradeId}` : f.tradeId;
      default:
        return null;
    }
  });
}

/** A payment as a row of the funding table. */
export function paymentRow(p: Payment): CellValue[] {
  return [p.time, p.symbol === "" ? null : p.symbol, p.amount];
}

/** Number formats of the fills table's rows `from`..`to` (0-based), the table's first column at `left`. */
export function fillFormats(columns: readonly string[], from: number, to: number, left = 0): NumberFormat[] {
  const out: NumberFormat[] = [];
  const at = (j: number, format: string) => out.push({ range: `${cellName(from, left + j)}:${cellName(to, left + j)}`, format });
  columns.forEach((c, j) => {
    if (c === "Time") at(j, TIME);
    else if (c === "Price" || c === "Fee") at(j, PRICE);
    else if (c === "Quantity") at(j, QUANTITY);
    else if (c === TRADE_ID) at(j, "@");
  });
  return out;
}

/** Number formats of the funding table's rows `from`..`to`. */
export function fundingFormats(at: number, from: number, to: number): NumberFormat[] {
  return [
    { range: `${cellName(from, at)}:${cellName(to, at)}`, format: TIME },
    { range: `${cellName(from, at + 2)}:${cellName(to, at + 2)}`, format: PRICE },
  ];
}

/**
 * A trade's funding, as a formula on its row `r`: the payments of its symbol with opened < time ≤ closed (an open
 * trade's: to the last payment in the table), blank while the funding table holds no payment. Times are
 * compared to the second. In hedge mode a payment carries no position side: it is shown once, in the trade of
 * its symbol that was open first (a trade whose symbol's other side was already open takes the payments from
 * that side's close on).
 */
export function fundingFormula(l: JournalLayout, r: number): string {
  const f = l.funding!.table;
  const amount = `${f}[Amount]`;
  const symbol = `${f}[Symbol]`;
  const time = `${f}[Time]`;
  const c = (k: number) => cellName(r, l.trades + k);
  const sym = c(T.symbol);
  const opened = c(T.opened);
  const closed = c(T.closed);
  const upper = `"<="&(IF(${closed}="", MAX(${time}), ${closed})+${HALF_SECOND})`;
  // blank on a row with no trade, and while the funding table holds no payment
  const guarded = (sum: string) => `=IF(${sym}="", "", IF(COUNT(${amount})=0, "", ${sum}))`;
  if (!l.hedge) return guarded(`SUMIFS(${amount}, ${symbol}, ${sym}, ${time}, ">"&(${opened}+${HALF_SECOND}), ${time}, ${upper})`);
  // the trades opened before this one are on the rows above it (LEV.TRADES lists them by opening time)
  const col = (k: number) => {
    const top = cellName(l.headRow + 1, l.trades + k).replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
    return `${top}:${cellName(r, l.trades + k)}`;
  };
  const other = `IF(${c(T.side)}="long", "short", "long")`;
  const before = `"<"&(${opened}-${HALF_SECOND})`;
  // the other side's trade open when this one opened: while it is still open, the payments are its own
  const otherOpen = `COUNTIFS(${col(T.symbol)}, ${sym}, ${col(T.side)}, ${other}, ${col(T.opened)}, ${before}, ${col(T.closed)}, "")>0`;
  const from = `MAX(${opened}, MAXIFS(${col(T.closed)}, ${col(T.symbol)}, ${sym}, ${col(T.side)}, ${other}, ${col(T.opened)}, ${before}))`;
  return guarded(`IF(${otherOpen}, 0, SUMIFS(${amount}, ${symbol}, ${sym}, ${time}, ">"&(${from}+${HALF_SECOND}), ${time}, ${upper}))`);
}

/** The per-trade cells of rows `from`..`to`: Funding and Net after funding (Net PnL plus the funding, the Net PnL while no funding is imported). */
export function perTradeBlock(l: JournalLayout, from: number, to: number): Block {
  return run(perTradeSteps(l, from, to));
}

/** Rows built between two pauses of a plan built in steps. */
const STEP = 10000;

/** Runs a plan built in steps to its end, without pausing. */
function run<T>(steps: Generator<void, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

function* perTradeSteps(l: JournalLayout, from: number, to: number): Generator<void, Block> {
  // the formulas of every row differ only in their row number: written once, with a row no sheet reaches
  // (Excel's rows end at 1,048,576), and that number replaced
  const MARK = 9999998;
  const row = (r: number) => [fundingFormula(l, r), `=IF(${cellName(r, l.trades + T.symbol)}="", "", ${cellName(r, l.trades + T.net)}+N(${cellName(r, l.perTrade!)}))`];
  const parts = row(MARK).map((f) => f.split(String(MARK + 1)));
  const rows: CellValue[][] = [];
  for (let r = from; r <= to; r++) {
    const n = String(r + 1);
    rows.push(parts.map((p) => p.join(n)));
    if ((r - from) % STEP === STEP - 1) yield;
  }
  return { at: cellName(from, l.perTrade!), rows };
}

/** The figures the statistics and the curve read: the trades' Net PnL (or net after funding) with their Closed column. */
function series(l: JournalLayout): { net: string; after: string; closed: string } {
  const net = span(l, l.trades + T.net);
  return { net, after: l.perTrade === undefined ? net : span(l, l.perTrade + 1), closed: span(l, l.trades + T.closed) };
}

/** The cells holding LEV's formulas over the trades' reach: the statistics and the curve, with what each formula starts with. */
export function summaryFormulas(l: JournalLayout): { at: string; formula: string; starts: string }[] {
  const { net, after, closed } = series(l);
  const out = [{ at: cellName(l.statsRow, l.stats), formula: `=LEV.JOURNALSTATS(${net}, ${START_BALANCE_NAME}, , ${closed})`, starts: "=LEV.JOURNALSTATS(" }];
  if (l.perTrade !== undefined) {
    out.push({
      at: cellName(l.statsRow, l.stats + 2),
      formula: `=INDEX(LEV.JOURNALSTATS(${after}, ${START_BALANCE_NAME}, , ${closed}), SEQUENCE(${STAT_NOTES.length}), 2)`,
      starts: "=INDEX(LEV.JOURNALSTATS(",
    });
  }
  out.push({ at: cellName(l.headRow, l.curve), formula: `=LEV.EQUITYCURVE(${START_BALANCE_NAME}, ${after}, ${closed})`, starts: "=LEV.EQUITYCURVE(" });
  return out;
}

/** Number formats of the trades' rows `from`..`to`, their per-trade columns, and the curve's rows. */
export function tradeFormats(l: JournalLayout, from: number, to: number): NumberFormat[] {
  const out: NumberFormat[] = [];
  const rows = (col: number, format: string, last = to) => out.push({ range: `${cellName(from, col)}:${cellName(last, col)}`, format });
  [null, null, TIME, TIME, COUNT, QUANTITY, PRICE, PRICE, MONEY, MONEY, MONEY, PERCENT, null].forEach((f, j) => {
    if (f) rows(l.trades + j, f);
  });
  // funding is cents or less a payment: up to four decimals
  if (l.perTrade !== undefined) [FUNDING, MONEY].forEach((f, j) => rows(l.perTrade! + j, f));
  // the curve has its row 0 on the first row: it reaches one row further
  [COUNT, MONEY, MONEY, MONEY, MONEY, PERCENT].forEach((f, j) => rows(l.curve + j, f, to + 1));
  return out;
}

/** A losing trade in red, on rows `from`..`to` (Net PnL, and Net after funding where the sheet has it). */
export function losingTrades(l: JournalLayout, from: number, to: number): ConditionalFormat[] {
  const cols = [l.trades + T.net, ...(l.perTrade === undefined ? [] : [l.perTrade + 1])];
  return cols.map((col) => ({ range: `${cellName(from, col)}:${cellName(to, col)}`, formula: `=${cellName(from, col)}<0`, fill: "#F4B6B6", font: "#9C0006", meaning: "a losing trade" }));
}

/**
 * The chart of the equity curve over its whole reach (row 0 and one row per closed trade), so that it follows
 * trades that new fills close; the empty rows below the curve are no points. Balance and its peak on one
 * scale: the drawdown is the gap between them.
 */
export function curveChart(l: JournalLayout): ChartPlan {
  const col = (j: number) => `${cellName(l.headRow + 1, l.curve + j)}:${cellName(l.reach + 1, l.curve + j)}`;
  return {
    title: l.perTrade === undefined ? "Equity curve (closed trades, in the order they closed)" : TITLES.curve,
    xTitle: "Trade",
    yTitle: "Balance",
    series: [
      { name: "Balance", x: col(0), y: col(2) },
      { name: "Peak", x: col(0), y: col(3) },
    ],
    // right of the curve, which grows down with every closed trade and must not be hidden
    anchor: `${cellName(l.headRow - 1, l.curve + 7)}:${cellName(l.headRow + 18, l.curve + 14)}`,
  };
}

/** How many rows of trades a journal's formulas reach for `fills` fills making `trades` trades. */
export function reachFor(l: Pick<JournalLayout, "headRow">, fills: number, trades: number): number {
  return l.headRow + Math.max(fills, trades) + SPARE_ROWS;
}

export function journalImportPlan(input: JournalPlanInput): WritePlan {
  return run(importPlanSteps(input));
}

/**
 * The same plan, built in steps with `pause` between them (the page's turn to draw and answer), so that a journal of
 * 100,000 fills is planned without holding the page.
 */
export async function journalImportPlanPaced(input: JournalPlanInput, pause: () => Promise<unknown>): Promise<WritePlan> {
  const steps = importPlanSteps(input);
  let r = steps.next();
  while (!r.done) {
    await pause();
    r = steps.next();
  }
  return r.value;
}

function* importPlanSteps(input: JournalPlanInput): Generator<void, WritePlan> {
  const { fills, rates } = input;
  const payments = input.payments ?? [];
  const hedge = fills.some((f) => f.positionSide !== undefined);
  const sized = fills.some((f) => f.contractSize !== undefined);
  const noted = fills.some((f) => f.note !== undefined);
  const ids = fills.some((f) => f.tradeId !== undefined);
  const columns = fillColumns(hedge, sized, noted, ids);
  const n = fills.length;
  const tradeCount = input.tradeCount ?? tradesOf(fills, rates).length - 1;
  const l = newLayout(columns, reachFor({ headRow: 5 }, n, tradeCount));
  const { headRow } = l;
  const first = headRow + 1;
  const left_out: Fill[] = [];
  for (let i = 0; i < fills.length; i++) {
    if (quoteFee(fills[i]!, rates) === undefined) left_out.push(fills[i]!);
    if (i % STEP === STEP - 1) yield;
  }
  const F = l.funding!;

  const ref = (c: string) => `${FILLS_TABLE}[${c}]`;
  const tradesFormula =
    `=LEV.TRADES(${ref("Time")}, ${ref("Symbol")}, ${ref("Side")}, ${ref("Price")}, ${ref("Quantity")}, ${ref("Fee")}` +
    (sized ? `, ${ref("Contract size")}` : hedge ? ", " : "") +
    (hedge ? `, ${ref("Position side")})` : ")");

  const blocks: Block[] = headingBlocks(input, l, hedge, left_out);
  const fillBlock: CellValue[][] = [columns];
  for (let i = 0; i < n; i++) {
    fillBlock.push(fillRow(fills[i]!, columns, rates));
    if (i % STEP === STEP - 1) yield;
  }
  blocks.push({ at: cellName(headRow, 0), rows: fillBlock });
  // the funding table: its payments, or one blank row (a table has at least one) for a funding file later
  const fundingRows = payments.length > 0 ? payments.map(paymentRow) : [[null, null, null]];
  blocks.push({ at: cellName(headRow, F.at), rows: [[...FUNDING_COLUMNS], ...fundingRows] });
  blocks.push({ at: cellName(headRow, l.trades), rows: [[tradesFormula]] });
  blocks.push({ at: cellName(headRow, l.perTrade!), rows: [[...PER_TRADE_COLUMNS]] });
  yield;
  blocks.push(yield* perTradeSteps(l, first, l.reach));
  yield;
  blocks.push({ at: cellName(headRow, l.stats), rows: [["Statistic", "Net PnL", "Net after funding", null]] });
  for (const s of summaryFormulas(l)) blocks.push({ at: s.at, rows: [[s.formula]] });

  const formats = planFormats(columns, l, n, payments.length);

  // A statistic that cannot be computed yet shows an error; the column beside it says why, in plain words.
  const value = (k: number) => (i: number) => cellName(l.statsRow + i, l.stats + k);
  statNoteFormulas(value(1), value(2)).forEach((f, i) => {
    if (f) blocks.push({ at: cellName(l.statsRow + i, l.stats + 3), rows: [[f]] });
  });

  const widths = columnWidths(columns);

  return {
    baseName: JOURNAL_IMPORT_SHEET,
    blocks,
    formats,
    names: [{ name: START_BALANCE_NAME, cell: "B3" }],
    table: { range: `${cellName(headRow, 0)}:${cellName(headRow + Math.max(n, 1), columns.length - 1)}`, style: "TableStyleMedium2", name: FILLS_TABLE },
    extraTables: [{ range: `${cellName(headRow, F.at)}:${cellName(headRow + fundingRows.length, F.at + 2)}`, style: "TableStyleLight9", name: FUNDING_TABLE }],
    conditionalFormats: losingTrades(l, first, l.reach),
    chart: curveChart(l),
    columnWidths: widths,
    bold: ["A1", cellName(headRow - 1, 0), cellName(headRow - 1, F.at), cellName(headRow - 1, l.trades), cellName(headRow - 1, l.stats), cellName(headRow - 1, l.curve)],
    inputRange: "B3",
    select: "A1",
  };
}

/** The sheet's title, source, start balance, zone, the funding note and the tables' titles. */
function headingBlocks(input: JournalPlanInput, l: ReturnType<typeof newLayout>, hedge: boolean, left_out: Fill[]): Block[] {
  const blocks: Block[] = [];
  const { headRow } = l;
  const F = l.funding!;
  const note =
    left_out.length > 0
      ? `${left_out.length} fee${left_out.length === 1 ? "" : "s"} charged in ${[...new Set(left_out.map((f) => f.feeAsset))].join(", ")} ${left_out.length === 1 ? "is" : "are"} left out of the Fee column (no rate was given).`
      : "";
  blocks.push({ at: "A1", rows: [["Trading journal", null, null]] });
  blocks.push({
    at: "A2",
    rows: [[`Imported from ${input.source}. Add fills and funding payments as new rows of their tables (or import the next export into this sheet): trades, funding, statistics and the curve follow.`]],
  });
  blocks.push({ at: "A3", rows: [["Start balance", input.startBalance, note]] });
  blocks.push({ at: "A4", rows: [[ZONE_LABEL, input.zone ?? "UTC"]] });
  blocks.push({
    at: cellName(headRow - 2, F.at),
    rows: [
      [
        `A trade's funding: its symbol's payments after it opened, up to and including its close (an open trade's, to the last payment here).${hedge ? " Payments carry no position side: each is shown once, in the trade of its symbol open first." : ""} Net after funding = Net PnL + Funding.`,
      ],
    ],
  });
  blocks.push({ at: cellName(headRow - 1, 0), rows: [[TITLES.fills]] });
  blocks.push({ at: cellName(headRow - 1, F.at), rows: [[TITLES.funding]] });
  blocks.push({ at: cellName(headRow - 1, l.trades), rows: [[TITLES.trades]] });
  blocks.push({ at: cellName(headRow - 1, l.stats), rows: [[TITLES.stats]] });
  blocks.push({ at: cellName(headRow - 1, l.curve), rows: [[TITLES.curve]] });
  return blocks;
}

/** The number formats of the start balance, the fills, the funding, the trades and the statistics. */
function planFormats(columns: string[], l: ReturnType<typeof newLayout>, n: number, paymentCount: number): NumberFormat[] {
  const first = l.headRow + 1;
  const formats: NumberFormat[] = [{ range: "B3", format: MONEY }];
  formats.push(...fillFormats(columns, first, first + Math.max(n, 1) - 1));
  formats.push(...fundingFormats(l.funding!.at, first, first + Math.max(paymentCount, 1) - 1));
  formats.push(...tradeFormats(l, first, l.reach));
  STAT_NOTES.forEach(([, format], i) => {
    formats.push({ range: cellName(l.statsRow + i, l.stats + 1), format }, { range: cellName(l.statsRow + i, l.stats + 2), format });
  });
  return formats;
}

/** Column widths, in points: the fills' columns, then the funding's, the trades', the statistics' and the curve's. */
function columnWidths(columns: readonly string[]): number[] {
  const widths: number[] = [];
  columns.forEach((c) => widths.push(c === "Note" ? 300 : c === "Time" ? 130 : c === "Side" ? 50 : c === "Contract size" ? 90 : c === "Position side" ? 100 : c === TRADE_ID ? 90 : c === "Symbol" || c === "Price" ? 90 : 80));
  widths.push(20, 130, 80, 90, 20);
  // Opened and Closed hold a date-time "2024-03-04 09:00:00": 130 points leave it room
  [80, 50, 130, 130, 45, 70, 90, 90, 90, 70, 90, 70, 60].forEach((w) => widths.push(w));
  widths.push(70, 90, 20, 150, 80, 100, 250, 20, 50, 80, 90, 90, 80, 80);
  return widths;
}
