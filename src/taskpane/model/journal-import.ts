import { REQUIRED_FIELDS, type Layout } from "./journal-layouts";
import { AS_WRITTEN, convertMs, dateParts, decideOrder, markDecider, msSerial, statedZone, UTC, zoneLabel, type DateOrder, type DateParts, type DecimalMark, type MarkDecision, type OrderDecision } from "./journal-read";
import { csvGrid, ImportError, type Grid, type Source } from "./journal-source";
import type { Fill, Payment } from "./journal-fill";
import type { Analysis, Mapping, Question, ReadOptions, ZoneInfo } from "./journal-analysis";
import { findHeader, headerKey, layoutMapping, missingFields, proposeMapping, rememberedMapping } from "./journal-mapping";
import { columnsOf, dataRows, readRows, splitAmount } from "./journal-rows";
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
