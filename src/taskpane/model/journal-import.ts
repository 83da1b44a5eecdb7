import { REQUIRED_FIELDS, type Layout } from "./journal-layouts";
import { AS_WRITTEN, convertMs, dateParts, decideOrder, markDecider, msSerial, statedZone, UTC, zoneLabel, type DateOrder, type DateParts, type DecimalMark, type MarkDecision, type OrderDecision } from "./journal-read";
import { csvGrid, ImportError, type Grid, type Source } from "./journal-source";
import type { Fill, Payment } from "./journal-fill";
import type { Analysis, ContractSize, Mapping, Question, ReadOptions, ZoneInfo } from "./journal-analysis";
import { findHeader, headerKey, layoutMapping, missingFields, proposeMapping, rememberedMapping } from "./journal-mapping";
import { columnsOf, dataRows, readRows, splitAmount, type Columns, type RawFill, type ReadRows } from "./journal-rows";
import { timeOrder } from "./journal-order";
import { summarise, summariseFunding } from "./journal-summary";
import { contractSizes } from "./journal-contracts";

export { ImportError } from "./journal-source";
export { isForeignFee, pairOf, quoteFee, quoteOf, type FeeRates, type Fill, type Payment } from "./journal-fill";
export type { Analysis, ContractSize, ForeignFees, FundingSummary, Mapping, Question, ReadOptions, Rejected, Skipped, ZoneInfo } from "./journal-analysis";
export { findHeader, headerKey, layoutMapping, mappingNames, missingFields, proposeMapping, recogniseLayout } from "./journal-mapping";
export { splitAmount } from "./journal-rows";
export { summariseFunding } from "./journal-summary";

/**
 * The journal import's model: an export (its grid of cells, journal-source.ts) → its layout (known by its
 * header, or a mapping the trader corrects, remembered per header) → the questions the values leave open
 * (the decimal mark, the order of day and month, the time zone, contract sizes) → fills, every row that is
 * not one with its line and why, and the counts for the preview. Nothing is read by guess: a number or a
 * date that could be read two ways is asked about, and until it is answered no fill is read.
 */

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

/** Where an export's table is and how its columns are read. */
interface Frame {
  grid: Grid;
  headerIndex: number;
  layout: Layout | undefined;
  header: string[];
  key: string;
  mapping: Mapping;
  mappingFrom: Analysis["mappingFrom"];
  /** The data rows' indices in the grid. */
  rows: number[];
  pre: ReturnType<typeof preamble>;
  cols: Columns;
}

const cellAt = (grid: Grid, r: number, c: number) => (c < 0 ? "" : (grid.rows[r]![c] ?? ""));

/**
 * Reads an export's grid: finds the header and the layout (or a mapping), asks what the values leave open,
 * and reads the fills when nothing is left open.
 */
export function analyse(source: Source, options: ReadOptions = {}): Analysis {
  const frame = frameOf(source, options);
  const base = emptyAnalysis(source, frame, options);
  if (base.missing.length > 0) return { ...base, waiting: `Choose a column for ${base.missing.join(", ")}.` };

  const mark = decideMark(frame, options);
  const dates = decideDates(frame, options);
  const cellsCarryZone = dates.parsed.some((p) => p?.offset !== undefined);
  const zone = zoneInfo(source, frame.header, frame.cols.time, frame.pre.text, frame.layout, options, cellsCarryZone);
  const analysis: Analysis = { ...base, decimal: mark.question, dateOrder: dates.question, zone };
  const open: string[] = [];
  if (mark.mark === undefined) open.push("which decimal mark the numbers use");
  if (dates.order === undefined) open.push("whether the dates are day-first or month-first");
  if (open.length > 0) return { ...analysis, waiting: `Answer ${open.join(" and ")} above: until then no number or date is read.` };

  const read = readRows(source, frame.layout, frame.header, frame.cols, frame.rows, dates.parsed, mark.mark!, dates.order!, frame.pre.account);
  const { raw, reversed } = oldestFirst(read);
  const placed = placeInZone(raw, read.payments, zone, reversed);
  const sized = sizeContracts(placed.fills, read.lotSymbols, options, analysis.account, frame.layout);
  return {
    ...analysis,
    zone: placed.zone,
    contracts: sized.contracts,
    fills: placed.fills,
    funding: placed.funding,
    fundingSummary: summariseFunding(placed.funding),
    rejected: read.rejected,
    skipped: read.skipped,
    reversed,
    realisedDecimals: read.realisedDecimals,
    waiting: sized.waiting,
    ...summarise(placed.fills),
  };
}

/** The export's header, layout, mapping and data rows; an ImportError when it holds no table of fills to read. */
function frameOf(source: Source, options: ReadOptions): Frame {
  const grid = source.grid;
  if (grid.rows.length === 0) throw new ImportError("The file is empty: there is nothing to import.");
  const { index: headerIndex, layout } = findHeader(grid);
  if (headerIndex < 0) {
    throw new ImportError("The file has no table of trades: a trade history export has a header row (time, symbol, side, price, quantity…) and a row per fill.");
  }
  const header = grid.rows[headerIndex]!;
  if (layout?.inverse) throw new ImportError(layout.inverse);
  const key = headerKey(header);
  const { mapping, mappingFrom } = chooseMapping(header, layout, key, options);
  const rows = dataRows(grid, headerIndex, layout);
  if (rows.length === 0) {
    throw new ImportError("The file has a header but no rows under it: there are no fills to import.");
  }
  if (!layout && !options.mapping && missingFields(mapping).length === REQUIRED_FIELDS.length) {
    throw new ImportError("Nothing in the header row looks like a trade history (no time, symbol, side, price or quantity column).");
  }
  return { grid, headerIndex, layout, header, key, mapping, mappingFrom, rows, pre: preamble(grid, headerIndex), cols: columnsOf(layout, header, mapping) };
}

/** The mapping the header is read with: the trader's, the layout's, one remembered for this header, else one proposed from its names. */
function chooseMapping(header: readonly string[], layout: Layout | undefined, key: string, options: ReadOptions): Pick<Analysis, "mapping" | "mappingFrom"> {
  if (options.mapping) return { mapping: options.mapping, mappingFrom: "trader" };
  if (layout) return { mapping: layoutMapping(layout, header), mappingFrom: "layout" };
  const saved = rememberedMapping(header, options.remembered?.[key]);
  return saved ? { mapping: saved, mappingFrom: "remembered" } : { mapping: proposeMapping(header), mappingFrom: "proposed" };
}

/** The analysis before any value is read: the header, layout, mapping and zone, and every count empty. */
function emptyAnalysis(source: Source, f: Frame, options: ReadOptions): Analysis {
  const { layout, mapping } = f;
  const missing = layout?.closedPositions || layout?.fundingOnly ? [] : missingFields(mapping).filter((m) => !(m === "side" && layout?.signedQuantity));
  return {
    source: { name: source.name, kind: source.kind, lineWord: source.lineWord },
    layout,
    header: f.header,
    headerLine: f.grid.lines[f.headerIndex]!,
    headerKey: f.key,
    mapping,
    mappingFrom: f.mappingFrom,
    missing,
    decimal: undefined,
    dateOrder: undefined,
    zone: zoneInfo(source, f.header, f.cols.time, f.pre.text, layout, options, false),
    contracts: [],
    account: layout?.metatrader ? (f.pre.account ?? { currency: undefined, hedging: false }) : undefined,
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
}

/** The decimal mark, from every number cell the reading will use; a question when the cells leave it open. */
function decideMark(f: Frame, options: ReadOptions): { mark: DecimalMark | undefined; question: Question<DecimalMark> | undefined } {
  const { grid, rows, cols, header, layout } = f;
  const numberColumns = (["price", "quantity", "fee", "realised", "entryPrice", "exitPrice", "positionAfter", "amount"] as const).filter((c) => cols[c] >= 0);
  const decider = markDecider();
  for (const r of rows) {
    for (const c of numberColumns) {
      const text = cellAt(grid, r, cols[c]);
      if (text === "" || text === "--") continue;
      decider.add(grid.lines[r]!, header[cols[c]]!, layout?.amountsWithAsset || c === "fee" ? splitAmount(text).number : text);
    }
  }
  const decision: MarkDecision = decider.decision();
  const question: Question<DecimalMark> | undefined =
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
  return { mark: decision.mark ?? options.decimal ?? (question ? undefined : "."), question };
}

/** The order of day and month, from every time cell; a question when the cells leave it open. */
function decideDates(f: Frame, options: ReadOptions): { parsed: (DateParts | undefined)[]; order: DateOrder | undefined; question: Question<DateOrder> | undefined } {
  const { grid, rows, cols, layout } = f;
  const parsed: (DateParts | undefined)[] = rows.map((r) => dateParts(cellAt(grid, r, cols.time), layout?.yearFirstTwoDigits));
  const decision: OrderDecision = decideOrder(
    (function* () {
      for (let i = 0; i < rows.length; i++) if (parsed[i]) yield { line: grid.lines[rows[i]!]!, text: cellAt(grid, rows[i]!, cols.time), parts: parsed[i]! };
    })(),
  );
  const question: Question<DateOrder> | undefined =
    decision.order === undefined
      ? {
          answer: options.dateOrder,
          conflict: decision.conflict !== undefined,
          examples: decision.conflict ? [decision.conflict.dmy, decision.conflict.mdy] : decision.ambiguous,
        }
      : undefined;
  return { parsed, order: decision.order ?? options.dateOrder, question };
}

/**
 * Oldest first: a file listed newest first (as Binance lists it) is turned around, so that fills of one
 * second keep the exchange's own order.
 */
function oldestFirst(read: ReadRows): { raw: RawFill[]; reversed: boolean } {
  let descents = 0;
  let ascents = 0;
  const listed = read.fills.length > 0 ? read.fills : read.payments;
  for (let i = 1; i < listed.length; i++) {
    if (listed[i]!.ms < listed[i - 1]!.ms) descents++;
    else if (listed[i]!.ms > listed[i - 1]!.ms) ascents++;
  }
  const reversed = descents > ascents;
  const raw = reversed ? read.fills.slice().sort((x, y) => y.row - x.row || x.sub - y.sub) : read.fills;
  return { raw: timeOrder(raw), reversed };
}

/** Fills and funding payments with their times read in the file's zone and written in the zone chosen, noting times a daylight-saving change repeats or skips. */
function placeInZone(raw: RawFill[], payments: ReadRows["payments"], zone: ZoneInfo, reversed: boolean): { fills: Fill[]; funding: Payment[]; zone: ZoneInfo } {
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
  const funding: Payment[] = payments
    .slice()
    .sort((x, y) => x.ms - y.ms || (reversed ? y.row - x.row : x.row - y.row))
    .map((p) => {
      const c = convertMs(p.ms, zone.file, zone.write);
      if (c.repeated) zoneOut.repeated.push(p.line);
      if (c.skipped) zoneOut.skipped.push(p.line);
      return { line: p.line, time: msSerial(c.ms), symbol: p.symbol, amount: p.amount, asset: p.asset };
    });
  return { fills, funding, zone: zoneOut };
}

/** The contract sizes of symbols traded in lots or contracts, set on their fills; what to give when a size is unknown. */
function sizeContracts(fills: Fill[], lotSymbols: Set<string>, options: ReadOptions, account: Analysis["account"], layout: Layout | undefined): { contracts: ContractSize[]; waiting: string | undefined } {
  const lots = fills.filter((f) => lotSymbols.has(f.symbol.toUpperCase()));
  const contracts = lots.length > 0 ? contractSizes(lots, options, account) : [];
  const size = new Map(contracts.map((c) => [c.symbol, c.size]));
  for (const f of lots) f.contractSize = size.get(f.symbol.toUpperCase());
  const unit = layout?.lots === "lots" ? "lot" : "contract";
  const waiting = contracts.some((c) => c.size === undefined) ? `Give the contract size of ${contracts.filter((c) => c.size === undefined).map((c) => c.symbol).join(", ")} (units per ${unit}).` : undefined;
  return { contracts, waiting };
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
