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

