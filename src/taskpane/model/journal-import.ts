import { FIELD_HINTS, FILL_FIELDS, LAYOUTS, NOT_FIELD, REQUIRED_FIELDS, SHAPES, type ExtraField, type FillField, type FundingRows, type Layout, type SideWord } from "./journal-layouts";
import {
  AS_WRITTEN,
  convertMs,
  dateParts,
  markDecider,
  decideOrder,
  markEvidence,
  msSerial,
  partsMs,
  readNumber,
  statedZone,
  UTC,
  writtenDecimals,
  zoneLabel,
  type DateOrder,
  type DateParts,
  type DecimalMark,
  type MarkDecision,
  type OrderDecision,
  type Zone,
} from "./journal-read";
import { csvGrid, ImportError, recogniseHeadersWith, type Grid, type Source } from "./journal-source";

export { ImportError } from "./journal-source";
export { isForeignFee, pairOf, quoteFee, quoteOf, type FeeRates, type Fill, type Payment } from "./journal-fill";
import { isForeignFee, pairOf, quoteOf, type Fill, type Payment } from "./journal-fill";

/**
 * The journal import's model: an export (its grid of cells, journal-source.ts) → its layout (known by its
 * header, or a mapping the trader corrects, remembered per header) → the questions the values leave open
 * (the decimal mark, the order of day and month, the time zone, contract sizes) → fills, every row that is
 * not one with its line and why, and the counts for the preview. Nothing is read by guess: a number or a
 * date that could be read two ways is asked about, and until it is answered no fill is read.
 */

/** Which column (0-based) holds each field; undefined when the export has no such column. */
export type Mapping = Partial<Record<FillField, number>>;

export interface Rejected {
  line: number;
  reason: string;
}

/** Rows that are not fills, by what they are (funding payments, transfers, the report's totals…). */
export interface Skipped {
  what: string;
  count: number;
  lines: number[];
}

/** The funding payments a file lists: how many, on which contracts, when, and their sum per coin. */
export interface FundingSummary {
  count: number;
  symbols: string[];
  /** Payments whose contract the export does not name (Binance's account statement). */
  withoutSymbol: number;
  first: number | undefined;
  last: number | undefined;
  totals: { asset: string; total: number }[];
}

/** Fees in another currency than the price's quote currency, per currency. */
export interface ForeignFees {
  asset: string;
  fills: number;
  total: number;
}

/** A symbol whose volumes are lots or contracts: its contract size, and where it comes from. */
export interface ContractSize {
  symbol: string;
  size: number | undefined;
  /** given: typed by the trader; inferred: the only size at which the exchange's PnL agrees; standard: a standard forex lot. */
  from: "given" | "inferred" | "standard" | "needed";
  why: string;
}

export interface Question<T extends string> {
  /** The answer chosen, when the trader chose one. */
  answer: T | undefined;
  /** Cells that read two ways, or that disagree, quoted with their lines. */
  examples: { line: number; text: string; column?: string }[];
  /** Cells disagree (some decisive one way, some the other). */
  conflict: boolean;
}

export interface ZoneInfo {
  /** The zone the file's times are read in. */
  file: Zone;
  /** Where the file states it ("the file name: …(UTC+6)…", "the header Date(UTC)"), when it does. */
  said: string | undefined;
  /** The zone stated by the file, when it states one (the trader may read the file in another). */
  stated: Zone | undefined;
  /** Why the file has no zone, when it states none. */
  unstated: string | undefined;
  /** The zone the times are written in. */
  write: Zone;
  /** Times in the hour repeated or skipped by a daylight-saving change (named zones). */
  repeated: number[];
  skipped: number[];
}

export interface ReadOptions {
  /** The trader's mapping (a CSV of no known layout). */
  mapping?: Mapping;
  decimal?: DecimalMark;
  dateOrder?: DateOrder;
  /** The zone to read the file's times in, when the trader changed it. */
  zone?: Zone;
  /** The zone to write the times in (UTC by default). */
  writeZone?: Zone;
  /** Contract sizes by symbol (upper case), for lots and contracts. */
  contractSizes?: Record<string, number>;
  /** Remembered mappings: header key → field → header cell. */
  remembered?: Record<string, Partial<Record<FillField, string>>>;
}

export interface Analysis {
  source: { name: string; kind: Source["kind"]; lineWord: "line" | "row" };
  layout: Layout | undefined;
  /** The header row's cells and its line. */
  header: string[];
  headerLine: number;
  /** The key a corrected mapping is remembered under (the header's names). */
  headerKey: string;
  mapping: Mapping;
  /** Where the mapping came from. */
  mappingFrom: "layout" | "remembered" | "proposed" | "trader";
  missing: FillField[];
  decimal: Question<DecimalMark> | undefined;
  dateOrder: Question<DateOrder> | undefined;
  zone: ZoneInfo;
  contracts: ContractSize[];
  /** MetaTrader: the account's currency and whether it hedges, from the report's Account line. */
  account: { currency: string | undefined; hedging: boolean } | undefined;
  /** Fills in the order they are written: oldest first, rows of one second in the exchange's order. */
  fills: Fill[];
  /** Funding payments, oldest first (rows of one second in the file's order). */
  funding: Payment[];
  fundingSummary: FundingSummary;
  rejected: Rejected[];
  skipped: Skipped[];
  symbols: string[];
  first: number | undefined;
  last: number | undefined;
  foreignFees: ForeignFees[];
  hedge: boolean;
  /** The file listed its rows newest first: they are written oldest first. */
  reversed: boolean;
  /** Decimals the export writes its realised PnL with (trailing zeros not counted), for the reconciliation. */
  realisedDecimals: number;
  /** Why nothing can be read yet (a question to answer, a column to choose), when so. */
  waiting: string | undefined;
}

const norm = (s: string) =>
  s
    .replace(/\uFEFF/g, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

/** The key a mapping is remembered under: the header's names, normalised. */
export function headerKey(header: readonly string[]): string {
  return header.map(norm).join("\u001f");
}

/** Index of the first header cell that is one of `names` ("A|B"), or -1. */
function columnOf(header: readonly string[], names: string | undefined): number {
  if (names === undefined) return -1;
  const wanted = names.split("|").map(norm);
  for (const w of wanted) {
    const i = header.findIndex((h) => norm(h) === w);
    if (i >= 0) return i;
  }
  return -1;
}

function fits(layout: Layout, header: readonly string[]): boolean {
  return layout.requires.every((r) => columnOf(header, r) >= 0);
}

/** The known layout whose required columns the header has (the one requiring most, when several fit). */
export function recogniseLayout(header: readonly string[]): Layout | undefined {
  const found = LAYOUTS.filter((l) => fits(l, header));
  return found.sort((a, b) => b.requires.length - a.requires.length)[0];
}

recogniseHeadersWith((row) => recogniseLayout(row) !== undefined);

/** Where the header is: the first row a known layout fits, else the first row of four or more cells. */
export function findHeader(grid: Grid): { index: number; layout: Layout | undefined } {
  // A MetaTrader report has its Deals table under hundreds of positions and orders: look through all of it.
  const limit = /trade history report|^positions$/i.test(grid.rows[0]?.[0] ?? "") ? grid.rows.length : Math.min(grid.rows.length, 500);
  for (let i = 0; i < limit; i++) {
    const row = grid.rows[i]!;
    if (row.filter((c) => c !== "").length < 4) continue;
    const layout = recogniseLayout(row);
    if (layout) return { index: i, layout };
  }
  const first = grid.rows.findIndex((r, i) => i < 100 && r.filter((c) => c !== "").length >= 4);
  return { index: first, layout: first >= 0 ? byShape(grid, first) : undefined };
}

/**
 * A known export whose header is in another language: recognised when its header has that export's number of
 * columns and its first rows' cells are, column by column, what that export writes. Its columns are then the
 * header's cells at the export's positions.
 */
function byShape(grid: Grid, header: number): Layout | undefined {
  const head = grid.rows[header]!;
  const rows = grid.rows.slice(header + 1, header + 21);
  if (rows.length === 0) return undefined;
  for (const shape of SHAPES) {
    if (head.length !== shape.cells.length) continue;
    if (!rows.every((r) => r.length === shape.cells.length && shape.cells.every((re, j) => re.test(r[j]!)))) continue;
    const known = LAYOUTS.find((l) => l.id === shape.layout)!;
    const columns: Layout["columns"] = {};
    shape.fields.forEach((f, j) => {
      if (f) columns[f] = head[j]!;
    });
    return { ...known, id: `${known.id}-by-shape`, name: `${known.name} (header in another language, recognised by its columns' contents)`, requires: [], columns };
  }
  return undefined;
}

export function layoutMapping(layout: Layout, header: readonly string[]): Mapping {
  const m: Mapping = {};
  for (const f of FILL_FIELDS) {
    const i = columnOf(header, layout.columns[f]);
    if (i >= 0) m[f] = i;
  }
  return m;
}

/**
 * A mapping proposed from column names, for a CSV of no known layout: each field takes a column whose name
 * is one of its hints, the first hint that fits winning (so Side before Type, Fee before Fee Rate, Filled
 * Quantity before Filled Value); a name that says it is something else (a rate, a value, an order type) is
 * never taken.
 */
export function proposeMapping(header: readonly string[]): Mapping {
  const m: Mapping = {};
  const used = new Set<number>();
  const names = header.map((h) => norm(h).replace(/\(.*?\)/g, "").trim());
  const order: FillField[] = ["feeAsset", "positionSide", "time", "symbol", "side", "price", "quantity", "fee"];
  for (const f of order) {
    const excluded = (n: string) => NOT_FIELD[f].some((w) => n.includes(w)) && !FIELD_HINTS[f].includes(n);
    let best = -1;
    // exact names first, hint by hint; then names that start or end with a hint; then names containing one
    for (const test of [(n: string, h: string) => n === h, (n: string, h: string) => n.startsWith(`${h} `) || n.endsWith(` ${h}`), (n: string, h: string) => n.includes(h)]) {
      for (const hint of FIELD_HINTS[f]) {
        best = names.findIndex((n, i) => !used.has(i) && !excluded(n) && test(n, hint));
        if (best >= 0) break;
      }
      if (best >= 0) break;
    }
    if (best >= 0) {
      m[f] = best;
      used.add(best);
    }
  }
  return m;
}

/** A remembered mapping (field → header name) applied to this header, when every name is in it. */
function rememberedMapping(header: readonly string[], saved: Partial<Record<FillField, string>> | undefined): Mapping | undefined {
  if (!saved) return undefined;
  const m: Mapping = {};
  for (const [f, name] of Object.entries(saved) as [FillField, string][]) {
    const i = header.findIndex((h) => norm(h) === norm(name));
    if (i < 0) return undefined;
    m[f] = i;
  }
  return m;
}

/** A mapping as header names, to remember it (never any of the file's data). */
export function mappingNames(header: readonly string[], m: Mapping): Partial<Record<FillField, string>> {
  const out: Partial<Record<FillField, string>> = {};
  for (const f of FILL_FIELDS) if (m[f] !== undefined && header[m[f]!] !== undefined) out[f] = header[m[f]!]!;
  return out;
}

/** The required fields a mapping leaves without a column. */
export function missingFields(m: Mapping): FillField[] {
  return REQUIRED_FIELDS.filter((f) => m[f] === undefined);
}

// ─── Symbols, assets, amounts ────────────────────────────────────────────────────────────────────────

/**
 * An amount cell taken apart: its number text and the coin written after it ("5.11INCH" on 1INCHUSDT is
 * 5.1 of 1INCH: the pair's own assets are tried first, so that a coin whose name starts with a digit is
 * not cut).
 */
export function splitAmount(text: string, assets: readonly string[] = []): { number: string; asset: string | undefined } {
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return { number: text, asset: undefined };
  const t = text.trim();
  for (const a of assets) {
    if (a && t.length > a.length && t.toUpperCase().endsWith(a.toUpperCase())) {
      const number = t.slice(0, -a.length).trim();
      if (/\d$/.test(number)) return { number, asset: a.toUpperCase() };
    }
  }
  const m = /^(.*?\d)\s*([A-Za-z][A-Za-z0-9]{1,15})$/.exec(t);
  if (m && !/^[eE][+-]?\d*$/.test(m[2]!)) return { number: m[1]!, asset: m[2]!.toUpperCase() };
  return { number: t, asset: undefined };
}

const GENERIC_SIDES: Record<string, SideWord> = {
  buy: { side: "buy" },
  b: { side: "buy" },
  long: { side: "buy" },
  bid: { side: "buy" },
  bought: { side: "buy" },
  sell: { side: "sell" },
  s: { side: "sell" },
  short: { side: "sell" },
  ask: { side: "sell" },
  sold: { side: "sell" },
};

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────────────

/** The columns a layout reads, as indices (−1 when absent). */
type Columns = Record<FillField | ExtraField, number>;

const EXTRA: ExtraField[] = ["realised", "action", "kind", "positionAfter", "currency", "unit", "orderId", "entryPrice", "exitPrice", "openedAt", "tradeId", "amount", "asset", "account"];

function columnsOf(layout: Layout | undefined, header: readonly string[], mapping: Mapping): Columns {
  const c = {} as Columns;
  for (const f of FILL_FIELDS) c[f] = mapping[f] ?? -1;
  for (const f of EXTRA) c[f] = layout ? columnOf(header, layout.columns[f]) : -1;
  return c;
}

/** The data rows under the header: to the end, or (MetaTrader's report) to the end of the Deals table. */
function dataRows(grid: Grid, headerIndex: number, layout: Layout | undefined): number[] {
  const out: number[] = [];
  for (let i = headerIndex + 1; i < grid.rows.length; i++) {
    const r = grid.rows[i]!;
    if (layout?.metatrader) {
      // the totals row (no time, sums under the money columns) or the next section's title ends the deals
      if (r[0] === "" || r.filter((c) => c !== "").length <= 2) break;
    }
    if (r.length === 0) continue;
    out.push(i);
  }
  return out;
}

/** What the lines above the header say: the zone (OKX's "Time Zone:UTC+3"), MetaTrader's account currency and mode. */
function preamble(grid: Grid, headerIndex: number): { text: string; account: Analysis["account"] } {
  const lines = grid.rows.slice(0, Math.max(0, headerIndex)).map((r) => r.filter((c) => c !== "").join(" "));
  const text = lines.join("\n");
  const acc = lines.find((l) => /^account:/i.test(l));
  let account: Analysis["account"];
  if (acc) {
    const m = /\(([A-Z]{3})\b[^)]*\)/.exec(acc);
    account = { currency: m?.[1], hedging: /\bhedg/i.test(acc) };
  }
  return { text, account };
}

function zoneInfo(source: Source, header: readonly string[], timeColumn: number, pre: string, layout: Layout | undefined, options: ReadOptions, cellsCarryZone: boolean): ZoneInfo {
  let stated: ZoneInfo["stated"];
  let said: string | undefined;
  if (cellsCarryZone) {
    stated = UTC;
    said = "each time's own offset (the times are converted to UTC)";
  } else {
    const fromHeader = timeColumn >= 0 ? statedZone(header[timeColumn]!.replace(/_/g, " ")) : undefined;
    const fromName = source.name !== "pasted text" ? statedZone(source.name) : undefined;
    const fromPre = /time ?zone|utc|gmt/i.test(pre) ? statedZone(pre.match(/time ?zone[^,\n]*/i)?.[0] ?? pre) : undefined;
    const found = fromHeader ? { ...fromHeader, where: `the header "${header[timeColumn]}"` } : fromName ? { ...fromName, where: `the file name "${source.name}"` } : fromPre ? { ...fromPre, where: `the line above the header ("${pre.match(/[^\n]*(?:time ?zone|utc|gmt)[^\n]*/i)?.[0]?.trim() ?? pre}")` } : undefined;
    if (found) {
      stated = found.zone;
      said = found.where;
    }
  }
  const file = options.zone ?? stated ?? AS_WRITTEN;
  return {
    file,
    said,
    stated,
    unstated: stated ? undefined : (layout?.zoneUnstated ?? "the file does not say its time zone"),
    write: file.kind === "written" ? AS_WRITTEN : (options.writeZone ?? UTC),
    repeated: [],
    skipped: [],
  };
}

function summarise(fills: Fill[]): Pick<Analysis, "symbols" | "first" | "last" | "foreignFees" | "hedge"> {
  const symbols = [...new Set(fills.map((f) => f.symbol.toUpperCase()))].sort();
  let first: number | undefined;
  let last: number | undefined;
  const foreign = new Map<string, ForeignFees>();
  for (const f of fills) {
    if (first === undefined || f.time < first) first = f.time;
    if (last === undefined || f.time > last) last = f.time;
    if (isForeignFee(f)) {
      const e = foreign.get(f.feeAsset!) ?? { asset: f.feeAsset!, fills: 0, total: 0 };
      e.fills++;
      e.total += f.fee;
      foreign.set(f.feeAsset!, e);
    }
  }
  return { symbols, first, last, foreignFees: [...foreign.values()], hedge: fills.some((f) => f.positionSide !== undefined) };
}

export function summariseFunding(payments: readonly Payment[]): FundingSummary {
  const symbols = new Set<string>();
  const totals = new Map<string, number>();
  let first: number | undefined;
  let last: number | undefined;
  let withoutSymbol = 0;
  for (const p of payments) {
    if (p.symbol === "") withoutSymbol++;
    else symbols.add(p.symbol.toUpperCase());
    if (first === undefined || p.time < first) first = p.time;
    if (last === undefined || p.time > last) last = p.time;
    const a = p.asset ?? "";
    totals.set(a, (totals.get(a) ?? 0) + p.amount);
  }
  return { count: payments.length, symbols: [...symbols].sort(), withoutSymbol, first, last, totals: [...totals].map(([asset, total]) => ({ asset, total: Number(total.toPrecision(12)) })) };
}

/** A raw fill before its time is placed in a zone: the wall-clock time in milliseconds, and where it was read. */
interface RawFill extends Omit<Fill, "time"> {
  ms: number;
  /** Its row in the grid, and its place among the fills one row makes (a closed position's entry, then its exit). */
  row: number;
  sub: number;
}

/**
 * Reads an export's grid: finds the header and the layout (or a mapping), asks what the values leave open,
 * and reads the fills when nothing is left open.
 */
export function analyse(source: Source, options: ReadOptions = {}): Analysis {
  const grid = source.grid;
  if (grid.rows.length === 0) throw new ImportError("The file is empty: there is nothing to import.");
  const { index: headerIndex, layout } = findHeader(grid);
  if (headerIndex < 0) {
    throw new ImportError("The file has no table of trades: a trade history export has a header row (time, symbol, side, price, quantity…) and a row per fill.");
  }
  const header = grid.rows[headerIndex]!;
  if (layout?.inverse) throw new ImportError(layout.inverse);
  const key = headerKey(header);
  let mapping: Mapping;
  let mappingFrom: Analysis["mappingFrom"];
  if (options.mapping) {
    mapping = options.mapping;
    mappingFrom = "trader";
  } else if (layout) {
    mapping = layoutMapping(layout, header);
    mappingFrom = "layout";
  } else {
    const saved = rememberedMapping(header, options.remembered?.[key]);
    mapping = saved ?? proposeMapping(header);
    mappingFrom = saved ? "remembered" : "proposed";
  }
  const rows = dataRows(grid, headerIndex, layout);
  if (rows.length === 0) {
    throw new ImportError("The file has a header but no rows under it: there are no fills to import.");
  }
  if (!layout && !options.mapping && missingFields(mapping).length === REQUIRED_FIELDS.length) {
    throw new ImportError("Nothing in the header row looks like a trade history (no time, symbol, side, price or quantity column).");
  }
  const pre = preamble(grid, headerIndex);
  const cols = columnsOf(layout, header, mapping);
  const missing = layout?.closedPositions || layout?.fundingOnly ? [] : missingFields(mapping).filter((f) => !(f === "side" && layout?.signedQuantity));
  const base: Analysis = {
    source: { name: source.name, kind: source.kind, lineWord: source.lineWord },
    layout,
    header,
    headerLine: grid.lines[headerIndex]!,
    headerKey: key,
    mapping,
    mappingFrom,
    missing,
    decimal: undefined,
    dateOrder: undefined,
    zone: zoneInfo(source, header, cols.time, pre.text, layout, options, false),
    contracts: [],
    account: layout?.metatrader ? (pre.account ?? { currency: undefined, hedging: false }) : undefined,
    fills: [],
    funding: [],
    fundingSummary: summariseFunding([]),
    rejected: [],
    skipped: [],
    symbols: [],
    first: undefined,
    last: undefined,
    foreignFees: [],
    hedge: false,
    reversed: false,
    realisedDecimals: 0,
    waiting: undefined,
  };
  if (missing.length > 0) return { ...base, waiting: `Choose a column for ${missing.join(", ")}.` };

  const cell = (r: number, c: number) => (c < 0 ? "" : (grid.rows[r]![c] ?? ""));
  const lineOf = (r: number) => grid.lines[r]!;

  // The decimal mark, from every number cell the reading will use.
  const numberColumns = (["price", "quantity", "fee", "realised", "entryPrice", "exitPrice", "positionAfter", "amount"] as const).filter((f) => cols[f] >= 0);
  const decider = markDecider();
  for (const r of rows) {
    for (const f of numberColumns) {
      const text = cell(r, cols[f]);
      if (text === "" || text === "--") continue;
      decider.add(lineOf(r), header[cols[f]]!, layout?.amountsWithAsset || f === "fee" ? splitAmount(text).number : text);
    }
  }
  const decision: MarkDecision = decider.decision();
  const markQuestion: Question<DecimalMark> | undefined =
    decision.mark === undefined && (decision.ambiguous.length > 0 || decision.conflict)
      ? {
          answer: options.decimal,
          conflict: decision.conflict !== undefined,
          examples: decision.conflict
            ? [
                { ...decision.conflict.point, column: decision.conflict.point.column },
                { ...decision.conflict.comma, column: decision.conflict.comma.column },
              ]
            : decision.ambiguous,
        }
      : undefined;
  const mark: DecimalMark | undefined = decision.mark ?? options.decimal ?? (markQuestion ? undefined : ".");

  // The order of day and month, from every time cell.
  const parsed: (DateParts | undefined)[] = rows.map((r) => dateParts(cell(r, cols.time), layout?.yearFirstTwoDigits));
  const orderDecision: OrderDecision = decideOrder(
    (function* () {
      for (let i = 0; i < rows.length; i++) if (parsed[i]) yield { line: lineOf(rows[i]!), text: cell(rows[i]!, cols.time), parts: parsed[i]! };
    })(),
  );
  const orderQuestion: Question<DateOrder> | undefined =
    orderDecision.order === undefined
      ? {
          answer: options.dateOrder,
          conflict: orderDecision.conflict !== undefined,
          examples: orderDecision.conflict ? [orderDecision.conflict.dmy, orderDecision.conflict.mdy] : orderDecision.ambiguous,
        }
      : undefined;
  const order = orderDecision.order ?? options.dateOrder;
  const cellsCarryZone = parsed.some((p) => p?.offset !== undefined);
  const zone = zoneInfo(source, header, cols.time, pre.text, layout, options, cellsCarryZone);
  const analysis: Analysis = { ...base, decimal: markQuestion, dateOrder: orderQuestion, zone };
  const open: string[] = [];
  if (mark === undefined) open.push("which decimal mark the numbers use");
  if (order === undefined) open.push("whether the dates are day-first or month-first");
  if (open.length > 0) return { ...analysis, waiting: `Answer ${open.join(" and ")} above: until then no number or date is read.` };

  const read = readRows(source, layout, header, cols, rows, parsed, mark!, order!, pre.account);
  let raw = read.fills;
  // Oldest first: a file listed newest first (as Binance lists it) is turned around, so that fills of one
  // second keep the exchange's own order.
  let descents = 0;
  let ascents = 0;
  const order1 = raw.length > 0 ? raw : read.payments;
  for (let i = 1; i < order1.length; i++) {
    if (order1[i]!.ms < order1[i - 1]!.ms) descents++;
    else if (order1[i]!.ms > order1[i - 1]!.ms) ascents++;
  }
  const reversed = descents > ascents;
  if (reversed) raw = raw.slice().sort((x, y) => y.row - x.row || x.sub - y.sub);
  raw = timeOrder(raw);
  const zoneOut: ZoneInfo = { ...zone, repeated: [], skipped: [] };
  const fills: Fill[] = raw.map((r) => {
    const c = convertMs(r.ms, zone.file, zone.write);
    if (c.repeated) zoneOut.repeated.push(r.line);
    if (c.skipped) zoneOut.skipped.push(r.line);
    const { ms: _ms, row: _row, sub: _sub, ...rest } = r;
    void [_ms, _row, _sub];
    return { ...rest, time: msSerial(c.ms) };
  });
  // Funding payments in time order (a second's payments in the file's order, oldest row first when it lists newest first)
  const funding: Payment[] = read.payments
    .slice()
    .sort((x, y) => x.ms - y.ms || (reversed ? y.row - x.row : x.row - y.row))
    .map((p) => {
      const c = convertMs(p.ms, zone.file, zone.write);
      if (c.repeated) zoneOut.repeated.push(p.line);
      if (c.skipped) zoneOut.skipped.push(p.line);
      return { line: p.line, time: msSerial(c.ms), symbol: p.symbol, amount: p.amount, asset: p.asset };
    });
  const lots = fills.filter((f) => read.lotSymbols.has(f.symbol.toUpperCase()));
  const contracts = lots.length > 0 ? contractSizes(lots, options, analysis.account) : [];
  const size = new Map(contracts.map((c) => [c.symbol, c.size]));
  for (const f of lots) f.contractSize = size.get(f.symbol.toUpperCase());
  const unit = layout?.lots === "lots" ? "lot" : "contract";
  const waiting = contracts.some((c) => c.size === undefined) ? `Give the contract size of ${contracts.filter((c) => c.size === undefined).map((c) => c.symbol).join(", ")} (units per ${unit}).` : undefined;
  return {
    ...analysis,
    zone: zoneOut,
    contracts,
    fills,
    funding,
    fundingSummary: summariseFunding(funding),
    rejected: read.rejected,
    skipped: read.skipped,
    reversed,
    realisedDecimals: read.realisedDecimals,
    waiting,
    ...summarise(fills),
  };
}

/**
 * Fills in time order (a stable sort: fills of one time keep the file's order). Where the export says the
 * position after each fill (Bybit's log), fills of one symbol and second are put in the order that position
 * follows, since such a log does not list them in order.
 */
function timeOrder(fills: RawFill[]): RawFill[] {
  const sorted = fills.slice().sort((a, b) => a.ms - b.ms);
  if (!sorted.some((f) => f.positionAfter !== undefined)) return sorted;
  const out: RawFill[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j]!.ms === sorted[i]!.ms) j++;
    const second = sorted.slice(i, j);
    const bySymbol = new Map<string, RawFill[]>();
    for (const f of second) {
      const k = `${f.symbol.toUpperCase()}\u0000${f.positionSide ?? ""}`;
      bySymbol.set(k, [...(bySymbol.get(k) ?? []), f]);
    }
    // within the second, each symbol's fills take the places its fills had, in the chained order
    const places = new Map<string, RawFill[]>();
    for (const g of bySymbol.entries()) places.set(g[0], chain(g[1]));
    const taken = new Map<string, number>();
    for (const f of second) {
      const k = `${f.symbol.toUpperCase()}\u0000${f.positionSide ?? ""}`;
      const n = taken.get(k) ?? 0;
      out.push(places.get(k)![n]!);
      taken.set(k, n + 1);
    }
    i = j;
  }
  return out;
}

const signedQty = (f: RawFill) => (f.side === "buy" ? f.quantity : -f.quantity);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Fills of one symbol and second ordered so that each one's position before is the one before it's position after; as given when no such order exists. */
function chain(group: RawFill[]): RawFill[] {
  if (group.length < 2 || group.some((f) => f.positionAfter === undefined)) return group;
  const starts = group.filter((f) => !group.some((g) => g !== f && close(g.positionAfter!, f.positionAfter! - signedQty(f))));
  if (starts.length !== 1) return group;
  const out = [starts[0]!];
  const left = new Set(group.filter((f) => f !== starts[0]));
  while (left.size > 0) {
    const last = out[out.length - 1]!;
    const next = [...left].find((f) => close(f.positionAfter! - signedQty(f), last.positionAfter!));
    if (!next) return group;
    out.push(next);
    left.delete(next);
  }
  return out;
}

interface ReadRows {
  fills: RawFill[];
  payments: (Omit<Payment, "time"> & { ms: number; row: number })[];
  /** Symbols whose quantities are lots or contracts (upper case). */
  lotSymbols: Set<string>;
  realisedDecimals: number;
  rejected: Rejected[];
  skipped: Skipped[];
}

function readRows(
  source: Source,
  layout: Layout | undefined,
  header: readonly string[],
  cols: Columns,
  rows: number[],
  parsed: (DateParts | undefined)[],
  mark: DecimalMark,
  order: DateOrder,
  account: Analysis["account"],
): ReadRows {
  const grid = source.grid;
  const fills: RawFill[] = [];
  const payments: ReadRows["payments"] = [];
  const rejected: Rejected[] = [];
  const skipped = new Map<string, Skipped>();
  const skip = (what: string, line: number) => {
    const s = skipped.get(what) ?? { what, count: 0, lines: [] };
    s.count++;
    if (s.lines.length < 20) s.lines.push(line);
    skipped.set(what, s);
  };
  const cell = (r: number, c: number) => (c < 0 ? "" : (grid.rows[r]![c] ?? ""));
  const sides = { ...GENERIC_SIDES, ...(layout?.sides ?? {}) };
  const feeSign = layout?.feeSign ?? 1;
  const fieldName = (f: FillField | ExtraField) => header[cols[f]] ?? f;
  const hedging = layout?.metatrader && account?.hedging;
  /** Quote legs of spot fills (Bybit's log, OKX), waiting for their base leg: key → legs. */
  const quoteLegs = new Map<string, { fee: number; asset: string; amount: number }[]>();
  const baseLegs: { fill: RawFill; key: string; amount: number }[] = [];
  const width = header.length;
  const lotSymbols = new Set<string>();
  let realisedDecimals = 0;

  const num = (text: string) => readNumber(text, mark);
  /** A funding payment's row: its time, contract and amount (received positive), or why it is not read. */
  const payment = (r: number, k: number, line: number, funding: FundingRows) => {
    if (funding.accounts && cols.account >= 0) {
      const account = norm(cell(r, cols.account));
      if (!funding.accounts.linear.includes(account)) {
        skip(funding.accounts.others[account] ?? `funding of another account than USDS-M futures (${fieldName("account")} "${cell(r, cols.account)}")`, line);
        return;
      }
    }
    const why: string[] = [];
    const p = parsed[k];
    const t = p ? partsMs(p, order)?.ms : undefined;
    if (t === undefined) why.push(`the date "${cell(r, cols.time)}" cannot be read`);
    const amountText = cell(r, cols.amount);
    const amount = num(amountText);
    if (amount === undefined) why.push(`the funding amount "${amountText}" is not a number${markWord(amountText, mark)}`);
    if (why.length > 0) {
      rejected.push({ line, reason: why.join("; ") });
      return;
    }
    const symbol = cols.symbol >= 0 ? cell(r, cols.symbol) : "";
    const quote = symbol === "" ? undefined : quoteOf(symbol);
    const asset = (cols.asset >= 0 ? cell(r, cols.asset).toUpperCase() : "") || quote;
    if (asset !== undefined && quote !== undefined && asset !== quote) {
      // never summed with the trades' money in another currency (an inverse contract's coin, a credit)
      skip(`funding paid in ${asset}, not in the contract's quote currency: left out (it would be summed with money in another currency)`, line);
      return;
    }
    const signed = funding.sign * amount!;
    payments.push({ line, ms: t!, row: r, symbol, amount: signed === 0 ? 0 : signed, asset });
  };
  rows.forEach((r, k) => {
    const line = grid.lines[r]!;
    const why: string[] = [];
    const row = grid.rows[r]!;
    if (!layout && row.length > width && row.slice(width).some((c) => c !== "")) {
      rejected.push({ line, reason: `the row has ${row.length} cells but the header ${width}: a number with an unquoted thousands separator or delimiter splits a cell` });
      return;
    }
    let kind = "";
    if (layout?.kinds && cols.kind >= 0) {
      kind = norm(cell(r, cols.kind));
      if (layout.funding?.kinds.includes(kind)) {
        payment(r, k, line, layout.funding);
        return;
      }
      if (layout.fundingOnly) {
        skip(layout.kinds.others[kind] ?? "not funding (the export's other rows are not read)", line);
        return;
      }
      if (!layout.kinds.fills.includes(kind)) {
        skip(layout.kinds.others[kind] ?? `not a fill (${fieldName("kind")} "${cell(r, cols.kind)}")`, line);
        return;
      }
    }
    const symbol = cell(r, cols.symbol);
    const pair = pairOf(symbol);
    // One row per currency leg: the quote leg of a spot fill carries only its fee.
    const actionText = norm(cell(r, cols.action));
    if (layout?.legs && cols.currency >= 0) {
      const currency = cell(r, cols.currency).toUpperCase();
      const derivative = layout.id === "bybit-uta-log" ? actionText === "open" || actionText === "close" : !/^(spot|margin)$/.test(kind);
      if (!derivative && pair && currency === pair.quote) {
        const feeText = cell(r, cols.fee);
        const fee = feeText === "" ? 0 : (num(splitAmount(feeText).number) ?? 0) * feeSign;
        const asset = (cols.feeAsset >= 0 ? cell(r, cols.feeAsset).toUpperCase() : "") || currency;
        const amount = Math.abs(num(cell(r, cols.quantity)) ?? Number.NaN);
        const key = `${cell(r, cols.orderId)}\u0000${cell(r, cols.time)}\u0000${symbol.toUpperCase()}\u0000${cell(r, cols.price)}`;
        quoteLegs.set(key, [...(quoteLegs.get(key) ?? []), { fee, asset, amount }]);
        return;
      }
      if (derivative && layout.id === "bybit-uta-log" && pair && currency === pair.base) {
        rejected.push({ line, reason: `${symbol} settles in ${currency}: an inverse contract, which LEV.TRADES does not read yet (it is for linear contracts)` });
        return;
      }
    }
    const p = parsed[k];
    const t = p ? partsMs(p, order)?.ms : undefined;
    if (t === undefined) why.push(`the date "${cell(r, cols.time)}" cannot be read`);
    if (symbol === "") why.push("the symbol is blank");
    // The side: a side column, or the sign of the amount (OKX 2020)
    let sideWord: SideWord | undefined;
    const qtyText = cell(r, cols.quantity);
    const assets = pair ? [pair.base, pair.quote, "BNB"] : ["BNB"];
    const qtySplit = layout?.amountsWithAsset ? splitAmount(qtyText, assets) : { number: qtyText, asset: undefined };
    let quantity = num(qtySplit.number);
    if (layout?.signedQuantity) {
      if (quantity !== undefined && quantity !== 0) sideWord = { side: quantity > 0 ? "buy" : "sell" };
      if (quantity !== undefined) quantity = Math.abs(quantity);
    } else {
      const sideText = cell(r, cols.side);
      sideWord = sides[norm(sideText)];
      if (sideWord === undefined) why.push(`the side "${sideText}" is neither buy nor sell`);
    }
    if (layout?.amountsWithAsset && qtySplit.asset && pair && qtySplit.asset !== pair.base && !layout.signedQuantity) {
      why.push(`the quantity "${qtyText}" is in ${qtySplit.asset}, not in ${symbol}'s base asset ${pair.base}`);
    }
    if (quantity === undefined) why.push(`the quantity "${qtyText}" is not a number${markWord(qtyText, mark)}`);
    else if (Math.abs(quantity) <= 0 && !layout?.closedPositions) why.push(`the quantity ${qtyText} is not above 0`);
    if (layout?.id === "bybit-uta-log" && quantity !== undefined) quantity = Math.abs(quantity);
    let price: number | undefined;
    if (!layout?.closedPositions) {
      const priceText = cell(r, cols.price);
      price = num(priceText);
      if (price === undefined) why.push(`the price "${priceText}" is not a number${markWord(priceText, mark)}`);
      else if (price <= 0) why.push(`the price ${priceText} is not above 0`);
    }
    const feeText = cell(r, cols.fee);
    const feeSplit = feeText === "" || feeText === "--" ? { number: "0", asset: undefined } : splitAmount(feeText, assets);
    const feeRead = num(feeSplit.number);
    if (feeRead === undefined) why.push(`the fee "${feeText}" is not a number${markWord(feeText, mark)}`);
    const ps = cell(r, cols.positionSide).toUpperCase();
    if (ps !== "" && ps !== "LONG" && ps !== "SHORT" && ps !== "BOTH") why.push(`the position side "${ps}" is not LONG, SHORT or BOTH`);
    // The exchange's realised PnL, for the reconciliation
    let realised: number | undefined;
    if (cols.realised >= 0 && layout?.realised) {
      const text = cell(r, cols.realised);
      const spot = layout.id === "bybit-uta-log" && actionText !== "open" && actionText !== "close";
      if (text !== "" && text !== "--" && !spot) {
        realised = num(text);
        realisedDecimals = Math.max(realisedDecimals, writtenDecimals(text));
        if (realised === undefined) why.push(`the ${fieldName("realised")} "${text}" is not a number${markWord(text, mark)}`);
      }
    }
    // MetaTrader: commission and fee, both charged negative
    let fee = (feeRead ?? 0) * feeSign;
    if (layout?.metatrader) {
      const c = cell(r, columnOf(header, "Commission"));
      const f2 = cell(r, columnOf(header, "Fee"));
      const commission = c === "" ? 0 : num(c);
      const other = f2 === "" ? 0 : num(f2);
      if (commission === undefined) why.push(`the commission "${c}" is not a number${markWord(c, mark)}`);
      if (other === undefined) why.push(`the fee "${f2}" is not a number${markWord(f2, mark)}`);
      fee = -((commission ?? 0) + (other ?? 0));
    }
    let action: Fill["action"] = sideWord?.action;
    if (layout?.metatrader) {
      const d = actionText;
      if (d === "in") action = "open";
      else if (d === "out" || d === "out by") action = "close";
      else if (d === "in/out" || d === "inout") action = undefined;
      else why.push(`the direction "${cell(r, cols.action)}" is not in, out or in/out`);
      if (hedging && (d === "in/out" || d === "inout")) why.push("an in/out deal (a reversal) cannot happen in a hedging account");
    } else if (layout?.id === "bybit-uta-log") {
      action = actionText === "open" ? "open" : actionText === "close" ? "close" : undefined;
    }
    let entryPrice: number | undefined;
    let exitPrice: number | undefined;
    if (layout?.closedPositions) {
      entryPrice = num(cell(r, cols.entryPrice));
      exitPrice = num(cell(r, cols.exitPrice));
      if (entryPrice === undefined || entryPrice <= 0) why.push(`the entry price "${cell(r, cols.entryPrice)}" is not a price`);
      if (exitPrice === undefined || exitPrice <= 0) why.push(`the exit price "${cell(r, cols.exitPrice)}" is not a price`);
      if (/usd$/i.test(symbol) && !/usdt$|usdc$/i.test(symbol) && kind === "") why.push(`${symbol} is an inverse contract (quantity in USD, PnL in the coin), which LEV.TRADES does not read yet`);
    }
    if (why.length > 0) {
      rejected.push({ line, reason: why.join("; ") });
      return;
    }
    const side = sideWord!.side;
    // A spot account cannot sell what it does not hold: a spot sell closes.
    const spotTrade = layout?.spot === true || (layout?.legs === true && (layout.id === "bybit-uta-log" ? actionText !== "open" && actionText !== "close" : /^spot$/.test(kind)));
    let positionSide: Fill["positionSide"] = ps === "LONG" || ps === "SHORT" ? ps : undefined;
    if (hedging) {
      // An in deal opens its direction's side; an out deal closes the other side.
      const long = (side === "buy") === (action === "open");
      positionSide = long ? "LONG" : "SHORT";
    }
    // the fee's coin: its own column, else written after it, else (a log of currency rows) the row's currency
    const feeAsset = ((cols.feeAsset >= 0 ? cell(r, cols.feeAsset).toUpperCase() : "") || feeSplit.asset || (layout?.legs && cols.currency >= 0 ? cell(r, cols.currency).toUpperCase() : undefined)) ?? undefined;
    // Bybit's position after the fill (derivatives only: a spot row's Position is 0)
    const positionAfter = cols.positionAfter >= 0 && (actionText === "open" || actionText === "close") ? num(cell(r, cols.positionAfter)) : undefined;
    if (layout?.closedPositions) {
      // One row per closed position: its entry fill and its exit fill, both at the closing time.
      const opening: RawFill = {
        line,
        row: r,
        sub: 0,
        ms: t!,
        symbol,
        side: side === "buy" ? "sell" : "buy",
        price: entryPrice!,
        quantity: quantity!,
        fee: 0,
        feeAsset: undefined,
        positionSide: undefined,
        action: "open",
        note: "entry of a closed position: the export gives its average entry price, not its opening time",
      };
      fills.push(opening, { line, row: r, sub: 1, ms: t!, symbol, side, price: exitPrice!, quantity: quantity!, fee: 0, feeAsset: undefined, positionSide: undefined, action: "close", realised });
      return;
    }
    const fill: RawFill = {
      line,
      row: r,
      sub: 0,
      ms: t!,
      symbol,
      side,
      price: price!,
      quantity: quantity!,
      fee: fee === 0 ? 0 : fee,
      feeAsset,
      positionSide,
      realised,
      action: action ?? (layout?.realised?.kind === "gross-fill" && realised !== undefined ? (realised !== 0 ? "close" : undefined) : spotTrade ? (side === "sell" ? "close" : "open") : undefined),
      positionAfter: positionAfter === undefined ? undefined : positionAfter,
    };
    const tradeId = cols.tradeId >= 0 ? cell(r, cols.tradeId) : "";
    if (tradeId !== "") fill.tradeId = tradeId;
    if (layout?.legs && cols.currency >= 0 && !(layout.id === "bybit-uta-log" && (actionText === "open" || actionText === "close")) && !(layout.id === "okx-trading" && !/^(spot|margin)$/.test(kind))) {
      const key = `${cell(r, cols.orderId)}\u0000${cell(r, cols.time)}\u0000${symbol.toUpperCase()}\u0000${cell(r, cols.price)}`;
      baseLegs.push({ fill, key, amount: quantity! * price! });
    }
    if (layout?.lots === "lots" || (layout?.id === "okx-trading" && /^cont/i.test(cell(r, cols.unit)) && !/^(spot|margin)$/.test(kind))) lotSymbols.add(symbol.toUpperCase());
    fills.push(fill);
  });
  // The fee of a spot fill paid in the quote currency sits on its quote leg.
  for (const b of baseLegs) {
    const legs = quoteLegs.get(b.key);
    if (!legs || legs.length === 0) continue;
    const j = Math.max(0, legs.findIndex((l) => Math.abs(l.amount - b.amount) <= 1e-6 * Math.max(1, b.amount)));
    const leg = legs.splice(j, 1)[0]!;
    if (b.fill.fee === 0 && leg.fee !== 0) {
      b.fill.fee = leg.fee;
      b.fill.feeAsset = leg.asset;
    }
  }
  return { fills, payments, lotSymbols, realisedDecimals, rejected, skipped: [...skipped.values()] };
}

/** Why a number cell did not read with the decimal mark chosen, when that is the reason. */
function markWord(text: string, mark: DecimalMark): string {
  const e = markEvidence(splitAmount(text).number);
  if (e === "." || e === ",") return e !== mark ? ` written with a decimal ${e === "." ? "point" : "comma"} (the file's numbers use a decimal ${mark === "." ? "point" : "comma"})` : "";
  return "";
}

/**
 * Contract sizes of symbols traded in lots: the trader's, else the only round size at which the exchange's
 * realised PnL agrees (where the quote currency is the account's), else a standard forex lot for a currency
 * pair; otherwise the trader must give it.
 */
function contractSizes(fills: Fill[], options: ReadOptions, account: Analysis["account"]): ContractSize[] {
  const symbols = [...new Set(fills.map((f) => f.symbol.toUpperCase()))].sort();
  return symbols.map((symbol) => {
    const given = options.contractSizes?.[symbol];
    if (given !== undefined && given > 0) return { symbol, size: given, from: "given", why: "as you gave it" };
    const inferred = inferContractSize(fills.filter((f) => f.symbol.toUpperCase() === symbol), account?.currency);
    if (inferred) return { symbol, size: inferred.size, from: "inferred", why: inferred.why };
    const pair = pairOf(symbol);
    if (pair && /^[A-Z]{6}$/.test(symbol) && FOREX.has(pair.base) && FOREX.has(pair.quote)) {
      return { symbol, size: 100_000, from: "standard", why: "a standard forex lot (100,000 units of the base currency); check your broker's contract specification" };
    }
    return { symbol, size: undefined, from: "needed", why: "not in the report: see the symbol's contract specification in MetaTrader (units per lot)" };
  });
}

const FOREX = new Set(["EUR", "USD", "GBP", "JPY", "CHF", "AUD", "NZD", "CAD", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "TRY", "ZAR", "MXN", "SGD", "HKD", "CNH"]);
const ROUND_SIZES = [1, 10, 100, 1000, 5000, 10_000, 100_000];

/**
 * The contract size at which a symbol's closed positions (in-then-out deals on one side) realise exactly what
 * the exchange says, within half a cent per deal, when the quote currency is the account currency (or the
 * symbol's quote currency cannot be told and only one size fits). Undefined when no round size, or more
 * than one, fits.
 */
function inferContractSize(fills: Fill[], accountCurrency: string | undefined): { size: number; why: string } | undefined {
  const quote = quoteOf(fills[0]?.symbol ?? "");
  if (quote !== undefined && quote !== accountCurrency) return undefined;
  // realised per lot of each closing deal, by average cost on its side (what LEV.TRADES computes, at one unit per lot)
  const held = new Map<string, { q: number; cost: number }>();
  const checks: { perLot: number; profit: number }[] = [];
  for (const f of fills) {
    const k = f.positionSide ?? "";
    const h = held.get(k) ?? { q: 0, cost: 0 };
    const s = f.side === "buy" ? 1 : -1;
    let q = f.quantity;
    if (h.q !== 0 && Math.sign(h.q) !== s) {
      const closing = Math.min(q, Math.abs(h.q));
      const avg = h.cost / Math.abs(h.q);
      const perLot = Math.sign(h.q) * (f.price - avg) * closing;
      if (f.realised !== undefined) checks.push({ perLot, profit: f.realised });
      h.cost -= avg * closing;
      h.q += s * closing;
      q -= closing;
      if (Math.abs(h.q) < 1e-12) h.q = h.cost = 0;
    }
    if (q > 0) {
      h.q += s * q;
      h.cost += f.price * q;
    }
    held.set(k, h);
  }
  if (checks.length === 0) return undefined;
  const fitting = ROUND_SIZES.filter((size) => checks.every((c) => Math.abs(c.perLot * size - c.profit) <= 0.005 + 1e-9 * Math.abs(c.profit)));
  if (fitting.length !== 1) return undefined;
  const size = fitting[0]!;
  return {
    size,
    why:
      quote === undefined
        ? `MetaTrader's Profit on all ${checks.length} closing deal${checks.length === 1 ? "" : "s"} agrees at ${size.toLocaleString("en-US")} units per lot, and at no other round size (if its prices are in the account currency, ${accountCurrency ?? "?"})`
        : `MetaTrader's Profit on all ${checks.length} closing deal${checks.length === 1 ? "" : "s"} agrees at ${size.toLocaleString("en-US")} units per lot, and at no other round size`,
  };
}

/** Reads CSV text (a test's fixture, text pasted into the pane) with `analyse`. */
export function importText(text: string, options: ReadOptions & { fileName?: string } = {}): Analysis {
  if (text.replace(/\uFEFF/g, "").trim() === "") throw new ImportError("The file is empty: there is nothing to import.");
  const control = (text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  if (control > 4 || text.startsWith("PK")) {
    throw new ImportError("This is not a CSV file (it looks like a spreadsheet, zip or other binary file). Save or export the trade history as CSV and choose that file.");
  }
  return analyse({ name: options.fileName ?? "pasted text", kind: "csv", grid: csvGrid(text), lineWord: "line" }, options);
}

export { zoneLabel };
