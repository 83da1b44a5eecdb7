import { isoSerial } from "../../engine";
import { cellName, parseRange } from "../../shared/a1";
import type { AppendPlan, CellValue, TableInfo, TableRows, WorkbookAdapter } from "../../shared/workbook";
import type { FeeRates, Fill, Payment } from "./journal-fill";
import {
  curveChart,
  fillFormats,
  fillRow,
  FUNDING_COLUMNS,
  fundingFormats,
  losingTrades,
  paymentRow,
  perTradeBlock,
  reachFor,
  summaryFormulas,
  TRADE_ID,
  tradeFormats,
  ZONE_LABEL,
  type JournalLayout,
} from "./journal-plan";

/**
 * An existing LEV journal, read back from the workbook so that an import can be added to it: where its blocks
 * are (found by their titles and formulas, wherever the trader moved them), its fills and funding payments (to
 * recognise the rows an export holds again) and the zone its times are in. Then the plan that appends the new
 * rows to its tables and lets LEV's own formulas reach the trades they make, touching nothing else.
 */

export interface JournalSheet {
  sheet: string;
  layout: JournalLayout;
  fillsTable: TableInfo;
  fundingTable: TableInfo | undefined;
  /** The zone its times are written in, as the sheet says it ("UTC"); undefined when it does not say. */
  zone: string | undefined;
  fills: Fill[];
  payments: Payment[];
  /** Sheet rows of the tables LEV cannot read as a fill or a payment (compared with nothing). */
  unread: number[];
  /** The funding table's only row is blank (a journal written before any funding file). */
  fundingBlank: boolean;
}

const lower = (c: unknown) => String(c ?? "").trim().toLowerCase();

/** A fills table: its header starts Time, Symbol, Side, Price, Quantity, Fee (as LEV writes it). */
export function isFillsTable(header: readonly string[]): boolean {
  return ["time", "symbol", "side", "price", "quantity", "fee"].every((h, i) => lower(header[i]) === h);
}

/** A funding table: Time, Symbol, Amount. */
export function isFundingTable(header: readonly string[]): boolean {
  return header.length === FUNDING_COLUMNS.length && FUNDING_COLUMNS.every((h, i) => lower(header[i]) === h.toLowerCase());
}

/** The journals of a workbook: each sheet with a fills table, and its funding table when it has one. */
export function journalsOf(tables: readonly TableInfo[]): { sheet: string; fills: TableInfo; funding: TableInfo | undefined }[] {
  return tables
    .filter((t) => isFillsTable(t.header))
    .map((fills) => ({ sheet: fills.sheet, fills, funding: tables.find((t) => t.sheet === fills.sheet && isFundingTable(t.header)) }));
}

/** A number a cell holds (numeric text read as a number), or undefined. */
function numberOf(v: CellValue): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A time a cell holds: a date-time serial, or ISO text as LEV.TRADES reads it. */
function timeOf(v: CellValue): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string") return isoSerial(v.trim());
  return undefined;
}

const SIDES: Record<string, "buy" | "sell"> = { buy: "buy", long: "buy", "1": "buy", sell: "sell", short: "sell", "-1": "sell" };
const blank = (row: readonly CellValue[]) => row.every((c) => c === null || c === "" || c === undefined);

/** The fills a fills table's rows hold (the sheet row of its first data row is `firstRow`, 1-based), and the rows that are none. */
export function fillsFromRows(header: readonly string[], rows: readonly CellValue[][], firstRow: number): { fills: Fill[]; unread: number[] } {
  const col = (name: string) => header.findIndex((h) => lower(h) === name.toLowerCase());
  const c = { time: col("Time"), symbol: col("Symbol"), side: col("Side"), price: col("Price"), quantity: col("Quantity"), fee: col("Fee"), size: col("Contract size"), ps: col("Position side"), note: col("Note"), id: col(TRADE_ID) };
  const fills: Fill[] = [];
  const unread: number[] = [];
  rows.forEach((row, i) => {
    if (blank(row)) return;
    const line = firstRow + i;
    const time = timeOf(row[c.time] ?? null);
    const symbol = String(row[c.symbol] ?? "").trim();
    const side = SIDES[lower(row[c.side])];
    const price = numberOf(row[c.price] ?? null);
    const quantity = numberOf(row[c.quantity] ?? null);
    if (time === undefined || symbol === "" || side === undefined || price === undefined || quantity === undefined) {
      unread.push(line);
      return;
    }
    const fee = c.fee >= 0 ? (numberOf(row[c.fee] ?? null) ?? 0) : 0;
    const ps = c.ps >= 0 ? String(row[c.ps] ?? "").trim().toUpperCase() : "";
    const fill: Fill = { line, time, symbol, side, price, quantity, fee, feeAsset: undefined, positionSide: ps === "LONG" || ps === "SHORT" ? ps : undefined };
    const size = c.size >= 0 ? numberOf(row[c.size] ?? null) : undefined;
    if (size !== undefined) fill.contractSize = size;
    const id = c.id >= 0 ? row[c.id] : null;
    if (id !== null && id !== undefined && String(id).trim() !== "") fill.tradeId = typeof id === "number" ? id.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : String(id).trim();
    if (c.note >= 0 && row[c.note] !== null && row[c.note] !== "") fill.note = String(row[c.note]);
    fills.push(fill);
  });
  return { fills, unread };
}

/** The payments a funding table's rows hold. */
export function paymentsFromRows(rows: readonly CellValue[][], firstRow: number): { payments: Payment[]; unread: number[] } {
  const payments: Payment[] = [];
  const unread: number[] = [];
  rows.forEach((row, i) => {
    if (blank(row)) return;
    const time = timeOf(row[0] ?? null);
    const amount = numberOf(row[2] ?? null);
    if (time === undefined || amount === undefined) {
      unread.push(firstRow + i);
      return;
    }
    payments.push({ line: firstRow + i, time, symbol: String(row[1] ?? "").trim(), amount, asset: undefined });
  });
  return { payments, unread };
}

/**
 * Where a journal's blocks are, from its title row (the row above the tables' headers), its header row and the
 * row under it (formulas): undefined when the sheet lacks the trades or the statistics LEV writes.
 */
export function layoutFrom(fills: TableInfo, funding: TableInfo | undefined, rows: readonly CellValue[][], firstRow: number): JournalLayout | undefined {
  const headRow = parseRange(fills.range).top;
  const row = (r: number) => rows[r - firstRow] ?? [];
  const titles = row(headRow - 1).map((c) => String(c ?? ""));
  const find = (start: string) => titles.findIndex((t) => t.startsWith(start));
  const trades = find("Trades");
  const stats = find("Statistics");
  const curve = find("Equity curve");
  if (trades < 0 || stats < 0 || curve < 0) return undefined;
  const formulaAt = (r: number, c: number) => String(row(r)[c] ?? "");
  const statsRow = /^=LEV\.JOURNALSTATS\(/i.test(formulaAt(headRow, stats)) ? headRow : /^=LEV\.JOURNALSTATS\(/i.test(formulaAt(headRow + 1, stats)) ? headRow + 1 : -1;
  if (statsRow < 0) return undefined;
  const reachMatch = /^=LEV\.JOURNALSTATS\(\s*\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?(\d+)/i.exec(formulaAt(statsRow, stats));
  if (!reachMatch) return undefined;
  const perTrade = lower(row(headRow)[trades + 13]) === "funding" && funding ? trades + 13 : undefined;
  const fundingAt = funding ? parseRange(funding.range).left : undefined;
  return {
    headRow,
    columns: fills.header,
    fillsTable: fills.name,
    funding: funding && fundingAt !== undefined ? { at: fundingAt, table: funding.name } : undefined,
    trades,
    perTrade,
    stats,
    statsRow,
    curve,
    reach: Number(reachMatch[1]) - 1,
    hedge: fills.header.some((h) => lower(h) === "position side"),
  };
}

/** Reads a journal of the workbook: its layout, zone, fills and payments. Refuses (in plain words) a sheet LEV cannot add to. */
export async function readJournal(adapter: WorkbookAdapter, found: { sheet: string; fills: TableInfo; funding: TableInfo | undefined }): Promise<JournalSheet> {
  const { sheet, fills, funding } = found;
  const f = parseRange(fills.range);
  const top = Math.max(0, f.top - 1);
  const width = Math.min(120, Math.floor(4000 / 3));
  const area = await adapter.readRange(sheet, `${cellName(top, 0)}:${cellName(f.top + 1, width - 1)}`, { formulas: true });
  const layout = layoutFrom(fills, funding, area.values, top);
  if (!layout) {
    throw new Error(
      `"${sheet}" has a fills table, but not the trades, statistics and curve LEV writes beside it (their titles or formulas were moved or changed): LEV cannot add to it. Import into a new sheet instead.`,
    );
  }
  const head = await adapter.readRange(sheet, "A1:B4");
  const zone = lower(head.values[3]?.[0]) === ZONE_LABEL.toLowerCase() ? String(head.values[3]?.[1] ?? "").trim() || undefined : undefined;
  const read = fillsFromRows(fills.header, await adapter.readTableRows(fills), f.top + 2);
  let payments: Payment[] = [];
  let unread = read.unread;
  let fundingBlank = false;
  if (funding) {
    const rows = await adapter.readTableRows(funding);
    fundingBlank = rows.length === 1 && blank(rows[0]!);
    const p = paymentsFromRows(rows, parseRange(funding.range).top + 2);
    payments = p.payments;
    unread = [...unread, ...p.unread];
  }
  return { sheet: area.sheet, layout, fillsTable: fills, fundingTable: funding, zone, fills: read.fills, payments, unread, fundingBlank };
}

/** What the new fills need of a journal's fills table: position sides, contract sizes, notes (inferred openings), ids. */
export interface FillNeeds {
  hedge: boolean;
  sized: boolean;
  noted: boolean;
  ids: boolean;
}

/** The needs of a list of fills. */
export function needsOf(fills: readonly Fill[]): FillNeeds {
  return {
    hedge: fills.some((f) => f.positionSide !== undefined),
    sized: fills.some((f) => f.contractSize !== undefined && f.contractSize !== 1),
    noted: fills.some((f) => f.note !== undefined),
    ids: fills.some((f) => f.tradeId !== undefined),
  };
}

/** What keeps the new fills from going into this journal's table, in plain words (nothing: they can). */
export function appendProblems(journal: JournalSheet, needs: FillNeeds): string[] {
  const has = (name: string) => journal.layout.columns.some((c) => lower(c) === name.toLowerCase());
  const out: string[] = [];
  if (needs.hedge && !has("Position side")) out.push(`The new fills are hedge mode (LONG and SHORT), but "${journal.sheet}" has no Position side column: write them to a new sheet.`);
  if (needs.sized && !has("Contract size")) out.push(`The new fills are in lots or contracts, but "${journal.sheet}" has no Contract size column: write them to a new sheet.`);
  if (needs.noted && !has("Note")) out.push(`An inferred opening would be written unmarked: "${journal.sheet}" has no Note column. Leave the positions opened before the file out, or write to a new sheet.`);
  return out;
}

/** What the trader should know before the new rows go in (they can). */
export function appendWarnings(journal: JournalSheet, needs: FillNeeds, payments: number): string[] {
  const out: string[] = [];
  if (payments > 0 && !journal.fundingTable) {
    out.push(`"${journal.sheet}" has no funding table (it was written before LEV read funding): the ${payments} funding payment${payments === 1 ? " is" : "s are"} not written. Write a new sheet to see funding per trade.`);
  }
  if (needs.ids && !journal.layout.columns.some((c) => lower(c) === TRADE_ID.toLowerCase())) {
    out.push(`"${journal.sheet}" has no ${TRADE_ID} column: the exchange's ids are not kept, and a later import recognises these fills by time, symbol, side, price and quantity.`);
  }
  if (journal.unread.length > 0) {
    out.push(`Row${journal.unread.length === 1 ? "" : "s"} ${journal.unread.slice(0, 8).join(", ")}${journal.unread.length > 8 ? ", …" : ""} of "${journal.sheet}" ${journal.unread.length === 1 ? "is" : "are"} not a fill or payment LEV can read: the new rows are compared with the others only.`);
  }
  return out;
}

export interface AppendInput {
  journal: JournalSheet;
  fills: readonly Fill[];
  payments: readonly Payment[];
  rates: FeeRates;
  /** The journal's fills and trades once the new fills are in (the engine's count, from the import's worker). */
  totalFills: number;
  totalTrades: number;
}

/**
 * The rows to add to the journal's tables and, when the trades would outgrow the rows LEV's formulas reach, those
 * formulas reaching further (statistics and curve over a longer range, funding columns and formats on the new
 * rows, the chart's series).
 */
export function journalAppendPlan(input: AppendInput): AppendPlan {
  const { journal, fills, payments, rates } = input;
  const l = journal.layout;
  const fr = parseRange(journal.fillsTable.range);
  const rows: TableRows[] = [];
  const formats: AppendPlan["formats"] = [];
  if (fills.length > 0) {
    rows.push({ table: journal.fillsTable.name, rows: fills.map((f) => fillRow(f, l.columns, rates)) });
    formats.push(...fillFormats(l.columns, fr.bottom + 1, fr.bottom + fills.length, fr.left));
  }
  if (payments.length > 0 && journal.fundingTable) {
    const pr = parseRange(journal.fundingTable.range);
    const start = journal.fundingBlank ? pr.bottom : pr.bottom + 1;
    rows.push({ table: journal.fundingTable.name, rows: payments.map(paymentRow), intoBlankRow: journal.fundingBlank });
    formats.push(...fundingFormats(pr.left, start, start + payments.length - 1));
  }
  const plan: AppendPlan = { sheet: journal.sheet, rows, blocks: [], replace: [], formats, conditionalFormats: [], select: cellName(fr.bottom + 1, fr.left) };
  // The trades' rows: from the first under the header; when the last would pass the reach, the reach grows.
  const lastTrade = l.headRow + input.totalTrades;
  if (lastTrade > l.reach) {
    const reach = reachFor(l, input.totalFills, input.totalTrades);
    const wider: JournalLayout = { ...l, reach };
    plan.replace = summaryFormulas(wider);
    if (l.perTrade !== undefined) plan.blocks.push(perTradeBlock(wider, l.reach + 1, reach));
    plan.formats.push(...tradeFormats(wider, l.reach + 1, reach));
    plan.conditionalFormats = losingTrades(wider, l.reach + 1, reach);
    plan.chart = { title: curveChart(l).title, series: curveChart(wider).series };
  }
  return plan;
}

