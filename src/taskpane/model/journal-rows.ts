import { FILL_FIELDS, type ExtraField, type FillField, type FundingRows, type Layout, type SideWord } from "./journal-layouts";
import { markEvidence, partsMs, readNumber, writtenDecimals, type DateOrder, type DateParts, type DecimalMark } from "./journal-read";
import type { Grid, Source } from "./journal-source";
import { pairOf, quoteOf, type Fill, type Payment } from "./journal-fill";
import type { Analysis, Mapping, Rejected, Skipped } from "./journal-analysis";
import { columnOf, norm } from "./journal-mapping";

/** Reading an export's rows, once its questions are answered: fills, funding payments, and every other row with its line and why. */

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
export type Columns = Record<FillField | ExtraField, number>;

const EXTRA: ExtraField[] = ["realised", "action", "kind", "positionAfter", "currency", "unit", "orderId", "entryPrice", "exitPrice", "openedAt", "tradeId", "amount", "asset", "account"];

export function columnsOf(layout: Layout | undefined, header: readonly string[], mapping: Mapping): Columns {
  const c = {} as Columns;
  for (const f of FILL_FIELDS) c[f] = mapping[f] ?? -1;
  for (const f of EXTRA) c[f] = layout ? columnOf(header, layout.columns[f]) : -1;
  return c;
}

/** The data rows under the header: to the end, or (MetaTrader's report) to the end of the Deals table. */
export function dataRows(grid: Grid, headerIndex: number, layout: Layout | undefined): number[] {
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


/** A raw fill before its time is placed in a zone: the wall-clock time in milliseconds, and where it was read. */
export interface RawFill extends Omit<Fill, "time"> {
  ms: number;
  /** Its row in the grid, and its place among the fills one row makes (a closed position's entry, then its exit). */
  row: number;
  sub: number;
}


export interface ReadRows {
  fills: RawFill[];
  payments: (Omit<Payment, "time"> & { ms: number; row: number })[];
  /** Symbols whose quantities are lots or contracts (upper case). */
  lotSymbols: Set<string>;
  realisedDecimals: number;
  rejected: Rejected[];
  skipped: Skipped[];
}

/** The reading's settings and what it gathers, shared by the steps that read one row. */
interface Reader {
  grid: Grid;
  layout: Layout | undefined;
  header: readonly string[];
  cols: Columns;
  parsed: (DateParts | undefined)[];
  mark: DecimalMark;
  order: DateOrder;
  sides: Record<string, SideWord>;
  feeSign: number;
  hedging: boolean | undefined;
  fills: RawFill[];
  payments: ReadRows["payments"];
  rejected: Rejected[];
  skipped: Map<string, Skipped>;
  /** Quote legs of spot fills (Bybit's log, OKX), waiting for their base leg: key → legs. */
  quoteLegs: Map<string, { fee: number; asset: string; amount: number }[]>;
  baseLegs: { fill: RawFill; key: string; amount: number }[];
  lotSymbols: Set<string>;
  realisedDecimals: number;
  cell: (r: number, c: number) => string;
  num: (text: string) => number | undefined;
  fieldName: (f: FillField | ExtraField) => string;
  skip: (what: string, line: number) => void;
}

/** A row being read as a fill: where it is, what it is, and why it is rejected (so far). */
interface Row {
  r: number;
  line: number;
  kind: string;
  symbol: string;
  pair: ReturnType<typeof pairOf>;
  actionText: string;
  why: string[];
}

export function readRows(
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
  const rd = newReader(source.grid, layout, header, cols, parsed, mark, order, account);
  rows.forEach((r, k) => readRow(rd, r, k));
  joinQuoteLegs(rd);
  const { fills, payments, lotSymbols, realisedDecimals, rejected, skipped } = rd;
  return { fills, payments, lotSymbols, realisedDecimals, rejected, skipped: [...skipped.values()] };
}

function newReader(grid: Grid, layout: Layout | undefined, header: readonly string[], cols: Columns, parsed: (DateParts | undefined)[], mark: DecimalMark, order: DateOrder, account: Analysis["account"]): Reader {
  const skipped = new Map<string, Skipped>();
  return {
    grid,
    layout,
    header,
    cols,
    parsed,
    mark,
    order,
    sides: { ...GENERIC_SIDES, ...(layout?.sides ?? {}) },
    feeSign: layout?.feeSign ?? 1,
    hedging: layout?.metatrader && account?.hedging,
    fills: [],
    payments: [],
    rejected: [],
    skipped,
    quoteLegs: new Map(),
    baseLegs: [],
    lotSymbols: new Set<string>(),
    realisedDecimals: 0,
    cell: (r, c) => (c < 0 ? "" : (grid.rows[r]![c] ?? "")),
    num: (text) => readNumber(text, mark),
    fieldName: (f) => header[cols[f]] ?? f,
    skip: (what, line) => {
      const s = skipped.get(what) ?? { what, count: 0, lines: [] };
      s.count++;
      if (s.lines.length < 20) s.lines.push(line);
      skipped.set(what, s);
    },
  };
}

/** A funding payment's row: its time, contract and amount (received positive), or why it is not read. */
function readPayment(rd: Reader, r: number, k: number, line: number, funding: FundingRows): void {
  const { cols, cell } = rd;
  if (funding.accounts && cols.account >= 0) {
    const account = norm(cell(r, cols.account));
    if (!funding.accounts.linear.includes(account)) {
      rd.skip(funding.accounts.others[account] ?? `funding of another account than USDS-M futures (${rd.fieldName("account")} "${cell(r, cols.account)}")`, line);
      return;
    }
  }
  const why: string[] = [];
  const p = rd.parsed[k];
  const t = p ? partsMs(p, rd.order)?.ms : undefined;
  if (t === undefined) why.push(`the date "${cell(r, cols.time)}" cannot be read`);
  const amountText = cell(r, cols.amount);
  const amount = rd.num(amountText);
  if (amount === undefined) why.push(`the funding amount "${amountText}" is not a number${markWord(amountText, rd.mark)}`);
  if (why.length > 0) {
    rd.rejected.push({ line, reason: why.join("; ") });
    return;
  }
  const symbol = cols.symbol >= 0 ? cell(r, cols.symbol) : "";
  const quote = symbol === "" ? undefined : quoteOf(symbol);
  const asset = (cols.asset >= 0 ? cell(r, cols.asset).toUpperCase() : "") || quote;
  if (asset !== undefined && quote !== undefined && asset !== quote) {
    // never summed with the trades' money in another currency (an inverse contract's coin, a credit)
    rd.skip(`funding paid in ${asset}, not in the contract's quote currency: left out (it would be summed with money in another currency)`, line);
    return;
  }
  const signed = funding.sign * amount!;
  rd.payments.push({ line, ms: t!, row: r, symbol, amount: signed === 0 ? 0 : signed, asset });
}

/** One data row: a fill (or two, for a closed position), a funding payment, a quote leg, or a row left out with why. */
function readRow(rd: Reader, r: number, k: number): void {
  const { cols, cell, layout } = rd;
  const line = rd.grid.lines[r]!;
  const kind = rowKind(rd, r, k, line);
  if (kind === undefined) return;
  const symbol = cell(r, cols.symbol);
  const row: Row = { r, line, kind, symbol, pair: pairOf(symbol), actionText: norm(cell(r, cols.action)), why: [] };
  if (currencyLeg(rd, row)) return;
  const { why } = row;
  const p = rd.parsed[k];
  const t = p ? partsMs(p, rd.order)?.ms : undefined;
  if (t === undefined) why.push(`the date "${cell(r, cols.time)}" cannot be read`);
  if (symbol === "") why.push("the symbol is blank");
  const { sideWord, quantity, assets } = sideAndQuantity(rd, row);
  const price = layout?.closedPositions ? undefined : priceOf(rd, row);
  const feeText = cell(r, cols.fee);
  const feeSplit = feeText === "" || feeText === "--" ? { number: "0", asset: undefined } : splitAmount(feeText, assets);
  const feeRead = rd.num(feeSplit.number);
  if (feeRead === undefined) why.push(`the fee "${feeText}" is not a number${markWord(feeText, rd.mark)}`);
  const ps = cell(r, cols.positionSide).toUpperCase();
  if (ps !== "" && ps !== "LONG" && ps !== "SHORT" && ps !== "BOTH") why.push(`the position side "${ps}" is not LONG, SHORT or BOTH`);
  const realised = realisedOf(rd, row);
  const fee = chargedFee(rd, row, feeRead);
  const action = actionOf(rd, row, sideWord);
  const closed = layout?.closedPositions ? closedPrices(rd, row) : undefined;
  if (why.length > 0) {
    rd.rejected.push({ line, reason: why.join("; ") });
    return;
  }
  addFills(rd, row, { ms: t!, side: sideWord!.side, quantity: quantity!, price, fee, feeSplitAsset: feeSplit.asset, ps, realised, action, closed });
}

/** The row's kind ("" when the export has none); undefined when the row is not a fill (a payment, skipped, or split by an unquoted separator). */
function rowKind(rd: Reader, r: number, k: number, line: number): string | undefined {
  const { layout, cols, cell } = rd;
  const row = rd.grid.rows[r]!;
  const width = rd.header.length;
  if (!layout && row.length > width && row.slice(width).some((c) => c !== "")) {
    rd.rejected.push({ line, reason: `the row has ${row.length} cells but the header ${width}: a number with an unquoted thousands separator or delimiter splits a cell` });
    return undefined;
  }
  let kind = "";
  if (layout?.kinds && cols.kind >= 0) {
    kind = norm(cell(r, cols.kind));
    if (layout.funding?.kinds.includes(kind)) {
      readPayment(rd, r, k, line, layout.funding);
      return undefined;
    }
    if (layout.fundingOnly) {
      rd.skip(layout.kinds.others[kind] ?? "not funding (the export's other rows are not read)", line);
      return undefined;
    }
    if (!layout.kinds.fills.includes(kind)) {
      rd.skip(layout.kinds.others[kind] ?? `not a fill (${rd.fieldName("kind")} "${cell(r, cols.kind)}")`, line);
      return undefined;
    }
  }
  return kind;
}

/** One row per currency leg: the quote leg of a spot fill carries only its fee (kept for its base leg); true when the row is such a leg, or an inverse contract's. */
function currencyLeg(rd: Reader, row: Row): boolean {
  const { layout, cols, cell } = rd;
  const { r, line, kind, symbol, pair, actionText } = row;
  if (!(layout?.legs && cols.currency >= 0)) return false;
  const currency = cell(r, cols.currency).toUpperCase();
  const derivative = layout.id === "bybit-uta-log" ? actionText === "open" || actionText === "close" : !/^(spot|margin)$/.test(kind);
  if (!derivative && pair && currency === pair.quote) {
    const feeText = cell(r, cols.fee);
    const fee = feeText === "" ? 0 : (rd.num(splitAmount(feeText).number) ?? 0) * rd.feeSign;
    const asset = (cols.feeAsset >= 0 ? cell(r, cols.feeAsset).toUpperCase() : "") || currency;
    const amount = Math.abs(rd.num(cell(r, cols.quantity)) ?? Number.NaN);
    const key = `${cell(r, cols.orderId)}\u0000${cell(r, cols.time)}\u0000${symbol.toUpperCase()}\u0000${cell(r, cols.price)}`;
    rd.quoteLegs.set(key, [...(rd.quoteLegs.get(key) ?? []), { fee, asset, amount }]);
    return true;
  }
  if (derivative && layout.id === "bybit-uta-log" && pair && currency === pair.base) {
    rd.rejected.push({ line, reason: `${symbol} settles in ${currency}: an inverse contract, which LEV.TRADES does not read yet (it is for linear contracts)` });
    return true;
  }
  return false;
}

/** The side (a side column, or the sign of the amount: OKX 2020) and the quantity; the assets an amount may be written in. */
function sideAndQuantity(rd: Reader, row: Row): { sideWord: SideWord | undefined; quantity: number | undefined; assets: string[] } {
  const { layout, cols, cell } = rd;
  const { r, why, symbol, pair } = row;
  let sideWord: SideWord | undefined;
  const qtyText = cell(r, cols.quantity);
  const assets = pair ? [pair.base, pair.quote, "BNB"] : ["BNB"];
  const qtySplit = layout?.amountsWithAsset ? splitAmount(qtyText, assets) : { number: qtyText, asset: undefined };
  let quantity = rd.num(qtySplit.number);
  if (layout?.signedQuantity) {
    if (quantity !== undefined && quantity !== 0) sideWord = { side: quantity > 0 ? "buy" : "sell" };
    if (quantity !== undefined) quantity = Math.abs(quantity);
  } else {
    const sideText = cell(r, cols.side);
    sideWord = rd.sides[norm(sideText)];
    if (sideWord === undefined) why.push(`the side "${sideText}" is neither buy nor sell`);
  }
  if (layout?.amountsWithAsset && qtySplit.asset && pair && qtySplit.asset !== pair.base && !layout.signedQuantity) {
    why.push(`the quantity "${qtyText}" is in ${qtySplit.asset}, not in ${symbol}'s base asset ${pair.base}`);
  }
  if (quantity === undefined) why.push(`the quantity "${qtyText}" is not a number${markWord(qtyText, rd.mark)}`);
  else if (Math.abs(quantity) <= 0 && !layout?.closedPositions) why.push(`the quantity ${qtyText} is not above 0`);
  if (layout?.id === "bybit-uta-log" && quantity !== undefined) quantity = Math.abs(quantity);
  return { sideWord, quantity, assets };
}

function priceOf(rd: Reader, row: Row): number | undefined {
  const priceText = rd.cell(row.r, rd.cols.price);
  const price = rd.num(priceText);
  if (price === undefined) row.why.push(`the price "${priceText}" is not a number${markWord(priceText, rd.mark)}`);
  else if (price <= 0) row.why.push(`the price ${priceText} is not above 0`);
  return price;
}

/** The exchange's realised PnL, for the reconciliation (and the decimals it is written with). */
function realisedOf(rd: Reader, row: Row): number | undefined {
  const { layout, cols } = rd;
  let realised: number | undefined;
  if (cols.realised >= 0 && layout?.realised) {
    const text = rd.cell(row.r, cols.realised);
    const spot = layout.id === "bybit-uta-log" && row.actionText !== "open" && row.actionText !== "close";
    if (text !== "" && text !== "--" && !spot) {
      realised = rd.num(text);
      rd.realisedDecimals = Math.max(rd.realisedDecimals, writtenDecimals(text));
      if (realised === undefined) row.why.push(`the ${rd.fieldName("realised")} "${text}" is not a number${markWord(text, rd.mark)}`);
    }
  }
  return realised;
}

/** The fee charged, with the export's sign; MetaTrader's commission and fee, both charged negative. */
function chargedFee(rd: Reader, row: Row, feeRead: number | undefined): number {
  let fee = (feeRead ?? 0) * rd.feeSign;
  if (rd.layout?.metatrader) {
    const c = rd.cell(row.r, columnOf(rd.header, "Commission"));
    const f2 = rd.cell(row.r, columnOf(rd.header, "Fee"));
    const commission = c === "" ? 0 : rd.num(c);
    const other = f2 === "" ? 0 : rd.num(f2);
    if (commission === undefined) row.why.push(`the commission "${c}" is not a number${markWord(c, rd.mark)}`);
    if (other === undefined) row.why.push(`the fee "${f2}" is not a number${markWord(f2, rd.mark)}`);
    fee = -((commission ?? 0) + (other ?? 0));
  }
  return fee;
}

/** Whether the fill opens or closes, where the export says: its side word, MetaTrader's direction, Bybit's log. */
function actionOf(rd: Reader, row: Row, sideWord: SideWord | undefined): Fill["action"] {
  const { layout } = rd;
  let action: Fill["action"] = sideWord?.action;
  if (layout?.metatrader) {
    const d = row.actionText;
    if (d === "in") action = "open";
    else if (d === "out" || d === "out by") action = "close";
    else if (d === "in/out" || d === "inout") action = undefined;
    else row.why.push(`the direction "${rd.cell(row.r, rd.cols.action)}" is not in, out or in/out`);
    if (rd.hedging && (d === "in/out" || d === "inout")) row.why.push("an in/out deal (a reversal) cannot happen in a hedging account");
  } else if (layout?.id === "bybit-uta-log") {
    action = row.actionText === "open" ? "open" : row.actionText === "close" ? "close" : undefined;
  }
  return action;
}

/** A closed position's entry and exit prices. */
function closedPrices(rd: Reader, row: Row): { entryPrice: number | undefined; exitPrice: number | undefined } {
  const { cols, cell } = rd;
  const { r, why, symbol, kind } = row;
  const entryPrice = rd.num(cell(r, cols.entryPrice));
  const exitPrice = rd.num(cell(r, cols.exitPrice));
  if (entryPrice === undefined || entryPrice <= 0) why.push(`the entry price "${cell(r, cols.entryPrice)}" is not a price`);
  if (exitPrice === undefined || exitPrice <= 0) why.push(`the exit price "${cell(r, cols.exitPrice)}" is not a price`);
  if (/usd$/i.test(symbol) && !/usdt$|usdc$/i.test(symbol) && kind === "") why.push(`${symbol} is an inverse contract (quantity in USD, PnL in the coin), which LEV.TRADES does not read yet`);
  return { entryPrice, exitPrice };
}

/** A row's values, read and checked. */
interface RowValues {
  ms: number;
  side: Fill["side"];
  quantity: number;
  price: number | undefined;
  fee: number;
  /** The coin written after the fee, when it is. */
  feeSplitAsset: string | undefined;
  /** The position side column, upper case. */
  ps: string;
  realised: number | undefined;
  action: Fill["action"];
  closed: { entryPrice: number | undefined; exitPrice: number | undefined } | undefined;
}

/** The fill a row makes (a closed position's row: its entry fill and its exit fill). */
function addFills(rd: Reader, row: Row, v: RowValues): void {
  const { layout, cols, cell } = rd;
  const { r, line, kind, symbol, actionText } = row;
  const { side, realised, action } = v;
  // A spot account cannot sell what it does not hold: a spot sell closes.
  const spotTrade = layout?.spot === true || (layout?.legs === true && (layout.id === "bybit-uta-log" ? actionText !== "open" && actionText !== "close" : /^spot$/.test(kind)));
  let positionSide: Fill["positionSide"] = v.ps === "LONG" || v.ps === "SHORT" ? v.ps : undefined;
  if (rd.hedging) {
    // An in deal opens its direction's side; an out deal closes the other side.
    const long = (side === "buy") === (action === "open");
    positionSide = long ? "LONG" : "SHORT";
  }
  // the fee's coin: its own column, else written after it, else (a log of currency rows) the row's currency
  const feeAsset = ((cols.feeAsset >= 0 ? cell(r, cols.feeAsset).toUpperCase() : "") || v.feeSplitAsset || (layout?.legs && cols.currency >= 0 ? cell(r, cols.currency).toUpperCase() : undefined)) ?? undefined;
  // Bybit's position after the fill (derivatives only: a spot row's Position is 0)
  const positionAfter = cols.positionAfter >= 0 && (actionText === "open" || actionText === "close") ? rd.num(cell(r, cols.positionAfter)) : undefined;
  if (v.closed) {
    // One row per closed position: its entry fill and its exit fill, both at the closing time.
    const opening: RawFill = {
      line,
      row: r,
      sub: 0,
      ms: v.ms,
      symbol,
      side: side === "buy" ? "sell" : "buy",
      price: v.closed.entryPrice!,
      quantity: v.quantity,
      fee: 0,
      feeAsset: undefined,
      positionSide: undefined,
      action: "open",
      note: "entry of a closed position: the export gives its average entry price, not its opening time",
    };
    rd.fills.push(opening, { line, row: r, sub: 1, ms: v.ms, symbol, side, price: v.closed.exitPrice!, quantity: v.quantity, fee: 0, feeAsset: undefined, positionSide: undefined, action: "close", realised });
    return;
  }
  const { fee } = v;
  const price = v.price!;
  const fill: RawFill = {
    line,
    row: r,
    sub: 0,
    ms: v.ms,
    symbol,
    side,
    price,
    quantity: v.quantity,
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
    rd.baseLegs.push({ fill, key, amount: v.quantity * price });
  }
  if (layout?.lots === "lots" || (layout?.id === "okx-trading" && /^cont/i.test(cell(r, cols.unit)) && !/^(spot|margin)$/.test(kind))) rd.lotSymbols.add(symbol.toUpperCase());
  rd.fills.push(fill);
}

/** The fee of a spot fill paid in the quote currency sits on its quote leg. */
function joinQuoteLegs(rd: Reader): void {
  for (const b of rd.baseLegs) {
    const legs = rd.quoteLegs.get(b.key);
    if (!legs || legs.length === 0) continue;
    const j = Math.max(0, legs.findIndex((l) => Math.abs(l.amount - b.amount) <= 1e-6 * Math.max(1, b.amount)));
    const leg = legs.splice(j, 1)[0]!;
    if (b.fill.fee === 0 && leg.fee !== 0) {
      b.fill.fee = leg.fee;
      b.fill.feeAsset = leg.asset;
    }
  }
}

/** Why a number cell did not read with the decimal mark chosen, when that is the reason. */
function markWord(text: string, mark: DecimalMark): string {
  const e = markEvidence(splitAmount(text).number);
  if (e === "." || e === ",") return e !== mark ? ` written with a decimal ${e === "." ? "point" : "comma"} (the file's numbers use a decimal ${mark === "." ? "point" : "comma"})` : "";
  return "";
}

