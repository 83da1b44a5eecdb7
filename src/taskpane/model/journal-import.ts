import Papa from "papaparse";
import { isoSerial } from "../../engine";
import { FIELD_HINTS, FILL_FIELDS, LAYOUTS, REQUIRED_FIELDS, type FillField, type Layout, type TimeFormat } from "./journal-layouts";

/**
 * The journal import's model: a CSV export (a file's text or text pasted into the pane) → its layout (known
 * by its header, or a mapping the trader can correct) → fills, every rejected row with its line and why,
 * counts for the preview, and the fees charged in another currency than the price, which are never summed
 * with the others unless the trader gives a rate.
 */

/** Which column (0-based) holds each field; undefined when the export has no such column. */
export type Mapping = Partial<Record<FillField, number>>;

export interface ParsedCsv {
  header: string[];
  /** Semicolon-separated exports write decimals with a comma (185,50), as European spreadsheets save them. */
  decimalComma: boolean;
  /** Data rows, each with its 1-based line number in the file. */
  rows: { line: number; cells: string[] }[];
}

export interface Fill {
  line: number;
  /** Excel date-time serial. */
  time: number;
  symbol: string;
  side: "buy" | "sell";
  price: number;
  quantity: number;
  /** The fee as exported, in `feeAsset` (or the quote currency when no asset is given), paid positive. */
  fee: number;
  feeAsset: string | undefined;
  positionSide: "LONG" | "SHORT" | undefined;
}

export interface Rejected {
  line: number;
  reason: string;
}

/** Fees in another currency than the price's quote currency, per currency. */
export interface ForeignFees {
  asset: string;
  fills: number;
  total: number;
}

export interface ImportResult {
  layout: Layout | undefined;
  mapping: Mapping;
  fills: Fill[];
  rejected: Rejected[];
  symbols: string[];
  first: number | undefined;
  last: number | undefined;
  foreignFees: ForeignFees[];
  hedge: boolean;
}

export class ImportError extends Error {
  override readonly name = "ImportError";
}

/** What a CSV must look like before it is read at all. */
export function checkText(text: string, fileName?: string): void {
  if (fileName && !/\.(csv|txt|tsv)$/i.test(fileName)) {
    throw new ImportError(`"${fileName}" is not a CSV file. Export your trade history as CSV (comma- or semicolon-separated text) and choose that file.`);
  }
  if (text.trim() === "") throw new ImportError("The file is empty: there is nothing to import.");
  // A spreadsheet, a zip or a PDF read as text is full of control characters that no CSV has.
  const control = (text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  if (control > 4 || text.startsWith("PK")) {
    throw new ImportError("This is not a CSV file (it looks like a spreadsheet, zip or other binary file). Save or export the trade history as CSV and choose that file.");
  }
}

/** Splits CSV text into a header and rows, with papaparse (quotes, a byte-order mark, , ; or tab, CRLF). */
export function parseCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
  const all = parsed.data;
  const decimalComma = parsed.meta.delimiter === ";";
  // MetaTrader's report puts a few title lines above the deals; the header is the first line with 4+ non-blank cells.
  let start = all.findIndex((r) => r.filter((c) => c.trim() !== "").length >= 4);
  if (start < 0) start = 0;
  const header = (all[start] ?? []).map((c) => c.trim());
  const rows: ParsedCsv["rows"] = [];
  for (let i = start + 1; i < all.length; i++) {
    const cells = all[i]!;
    if (cells.every((c) => c.trim() === "")) continue;
    rows.push({ line: i + 1, cells });
  }
  return { header, rows, decimalComma };
}

const norm = (s: string) => s.trim().toLowerCase();

/** The known layout whose required columns the header has (the one requiring most, when several fit). */
export function recogniseLayout(header: readonly string[]): Layout | undefined {
  const have = new Set(header.map(norm));
  const fits = LAYOUTS.filter((l) => l.requires.every((c) => have.has(norm(c))));
  return fits.sort((a, b) => b.requires.length - a.requires.length)[0];
}

export function layoutMapping(layout: Layout, header: readonly string[]): Mapping {
  const m: Mapping = {};
  for (const f of FILL_FIELDS) {
    const name = layout.columns[f];
    if (name === undefined) continue;
    const i = header.findIndex((h) => norm(h) === norm(name));
    if (i >= 0) m[f] = i;
  }
  return m;
}

/** A mapping proposed from column names, for a CSV of no known layout: each field takes the best unused column. */
export function proposeMapping(header: readonly string[]): Mapping {
  const m: Mapping = {};
  const used = new Set<number>();
  const order: FillField[] = ["feeAsset", "positionSide", "time", "symbol", "side", "price", "fee", "quantity"];
  for (const f of order) {
    let best = -1;
    let score = 0;
    header.forEach((h, i) => {
      if (used.has(i)) return;
      const n = norm(h).replace(/\(.*?\)/g, "").trim();
      for (const hint of FIELD_HINTS[f]) {
        const s = n === hint ? 3 : n.startsWith(hint) || n.endsWith(hint) ? 2 : n.includes(hint) ? 1 : 0;
        if (s > score) {
          score = s;
          best = i;
        }
      }
    });
    if (best >= 0) {
      m[f] = best;
      used.add(best);
    }
  }
  return m;
}

/** The required fields a mapping leaves without a column. */
export function missingFields(m: Mapping): FillField[] {
  return REQUIRED_FIELDS.filter((f) => m[f] === undefined);
}

const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([A-Za-z]{2,12})?$/;

/** A number, optionally followed by a currency ("0.001BTC", "0.295 USDC"); thousands separators allowed. */
export function readAmount(text: string, decimalComma = false): { value: number; asset: string | undefined } | undefined {
  let t = text.trim().replace(/\s+/g, " ");
  if (decimalComma) t = t.replace(/\./g, "").replace(",", ".");
  // MetaTrader writes thousands with spaces ("4 101.093", "- 2.50")
  const compact = /^[-+]?\s?\d{1,3}(?: \d{3})+(?:\.\d+)?$|^[-+] \d/.test(t) ? t.replace(/ /g, "") : t;
  const m = NUMBER.exec(compact);
  if (!m || !/\d/.test(m[1]!)) return undefined;
  const value = Number(m[1]!.replace(/,/g, ""));
  if (!Number.isFinite(value)) return undefined;
  return { value: value === 0 ? 0 : value, asset: m[2]?.toUpperCase() };
}

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

/** A time cell as an Excel serial, or undefined when it cannot be read. */
export function readTime(text: string, format: TimeFormat | undefined): number | undefined {
  const t = text.trim();
  if (format === "epoch-ms" || (format === undefined && /^\d{13}$/.test(t))) {
    if (!/^\d{10,14}$/.test(t)) return undefined;
    return Number(t) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  }
  let iso = t.replace(/(\d)T(\d)/, "$1 $2").replace(/(?:\.\d+)?(?:Z|[+-]00:?00)?$/, "");
  if (format === "dotted" || /^\d{4}\.\d{2}\.\d{2}/.test(iso)) iso = iso.replace(/^(\d{4})\.(\d{2})\.(\d{2})/, "$1-$2-$3");
  if (/^\d{2}-\d{2}-\d{2}(?: |$)/.test(iso)) iso = `20${iso}`;
  return isoSerial(iso);
}

const SIDE_WORDS: Record<string, "buy" | "sell"> = { buy: "buy", b: "buy", long: "buy", bid: "buy", sell: "sell", s: "sell", short: "sell", ask: "sell" };

/** The quote currency of a symbol (BTCUSDT → USDT, BTC-USDT-SWAP → USDT, ETH/BTC → BTC), when it can be told. */
export function quoteOf(symbol: string): string | undefined {
  const s = symbol.trim().toUpperCase();
  const parts = s.split(/[-/_:]/);
  if (parts.length >= 2 && parts[1]) return parts[1];
  for (const q of ["USDT", "USDC", "FDUSD", "BUSD", "TUSD", "USD", "EUR", "GBP", "TRY", "BRL", "JPY", "BTC", "ETH", "BNB"]) {
    if (s.length > q.length && s.endsWith(q)) return q;
  }
  return undefined;
}

/** Reads every row with a mapping: fills, and each rejected row with its line and why. */
export function readFills(csv: ParsedCsv, mapping: Mapping, layout: Layout | undefined): ImportResult {
  const missing = missingFields(mapping);
  if (missing.length > 0) {
    throw new ImportError(`No column is chosen for ${missing.join(", ")}: choose one for each in the column mapping.`);
  }
  const fills: Fill[] = [];
  const rejected: Rejected[] = [];
  const typeColumn = layout?.onlyTypes ? csv.header.findIndex((h) => norm(h) === norm(layout.onlyTypes!.column)) : -1;
  const amount = (text: string) => readAmount(text, csv.decimalComma);
  const cell = (cells: string[], f: FillField) => (mapping[f] === undefined ? "" : (cells[mapping[f]!] ?? "").trim());
  for (const { line, cells } of csv.rows) {
    if (typeColumn >= 0) {
      const type = (cells[typeColumn] ?? "").trim().toLowerCase();
      if (!layout!.onlyTypes!.words.includes(type)) {
        rejected.push({ line, reason: `not a fill: a ${type === "" ? "row without a deal type" : `"${type}" row`}` });
        continue;
      }
    }
    const why: string[] = [];
    const time = readTime(cell(cells, "time"), layout?.time);
    if (time === undefined) why.push(`the date "${cell(cells, "time")}" cannot be read`);
    const symbol = cell(cells, "symbol");
    if (symbol === "") why.push("the symbol is blank");
    const side = SIDE_WORDS[cell(cells, "side").toLowerCase()];
    if (side === undefined) why.push(`the side "${cell(cells, "side")}" is neither buy nor sell`);
    const price = amount(cell(cells, "price"));
    if (price === undefined) why.push(`the price "${cell(cells, "price")}" is not a number`);
    else if (price.value <= 0) why.push(`the price ${price.value} is not above 0`);
    const quantity = amount(cell(cells, "quantity"));
    if (quantity === undefined) why.push(`the quantity "${cell(cells, "quantity")}" is not a number`);
    else if (quantity.value <= 0) why.push(`the quantity ${quantity.value} is not above 0`);
    const feeText = cell(cells, "fee");
    const fee = feeText === "" ? { value: 0, asset: undefined } : amount(feeText);
    if (fee === undefined) why.push(`the fee "${feeText}" is not a number`);
    const ps = cell(cells, "positionSide").toUpperCase();
    if (ps !== "" && ps !== "LONG" && ps !== "SHORT" && ps !== "BOTH") why.push(`the position side "${ps}" is not LONG, SHORT or BOTH`);
    if (why.length > 0) {
      rejected.push({ line, reason: why.join("; ") });
      continue;
    }
    const feeAsset = (cell(cells, "feeAsset").toUpperCase() || fee!.asset) ?? undefined;
    fills.push({
      line,
      time: time!,
      symbol,
      side: side!,
      price: price!.value,
      quantity: quantity!.value,
      fee: fee!.value * (layout?.feeSign ?? 1) || 0,
      feeAsset,
      positionSide: ps === "LONG" || ps === "SHORT" ? ps : undefined,
    });
  }
  return summarise(fills, rejected, layout, mapping);
}

function summarise(fills: Fill[], rejected: Rejected[], layout: Layout | undefined, mapping: Mapping): ImportResult {
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
  return {
    layout,
    mapping,
    fills,
    rejected,
    symbols,
    first,
    last,
    foreignFees: [...foreign.values()],
    hedge: fills.some((f) => f.positionSide !== undefined),
  };
}

/** A fee charged in another currency than the symbol's quote currency (a BNB fee on a USDT pair). */
export function isForeignFee(f: Fill): boolean {
  if (f.fee === 0 || f.feeAsset === undefined) return false;
  const quote = quoteOf(f.symbol);
  return quote === undefined || quote !== f.feeAsset;
}

/** Reads a whole export: checks, parses, recognises the layout (or proposes a mapping) and reads the fills. */
export function importText(text: string, options: { fileName?: string; mapping?: Mapping } = {}): ImportResult & { csv: ParsedCsv } {
  checkText(text, options.fileName);
  const csv = parseCsv(text);
  if (csv.header.length < 4 || csv.rows.length === 0) {
    throw new ImportError("The file has no table of trades: a trade history export has a header row (time, symbol, side, price, quantity…) and a row per fill.");
  }
  const layout = options.mapping ? undefined : recogniseLayout(csv.header);
  const mapping = options.mapping ?? (layout ? layoutMapping(layout, csv.header) : proposeMapping(csv.header));
  if (!options.mapping && !layout && missingFields(mapping).length === REQUIRED_FIELDS.length) {
    throw new ImportError("Nothing in the header row looks like a trade history (no time, symbol, side, price or quantity column).");
  }
  if (missingFields(mapping).length > 0) return { ...summarise([], [], layout, mapping), csv };
  return { ...readFills(csv, mapping, layout), csv };
}

/** How fees in another currency are treated: converted at a rate typed by the trader, or left out. */
export type FeeRates = Record<string, number | undefined>;

/** A fill's fee in the quote currency: as it is, converted at the trader's rate, or undefined (left out). */
export function quoteFee(f: Fill, rates: FeeRates): number | undefined {
  if (!isForeignFee(f)) return f.fee;
  const rate = rates[f.feeAsset!];
  // 12 significant digits: a typed rate times an exported fee, without binary noise (0.0012 × 600 = 0.72)
  return rate === undefined ? undefined : Number((f.fee * rate).toPrecision(12));
}

/** Excel serial → "2024-01-08 09:30:00" (UTC), for the preview. */
export function serialText(serial: number): string {
  const d = new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
  return d.toISOString().replace("T", " ").slice(0, 19);
}
