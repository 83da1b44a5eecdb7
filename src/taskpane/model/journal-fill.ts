/**
 * A fill as the journal import reads it, and what the sheet needs to write it: the symbol's base and quote
 * currencies, and a fee in the quote currency (a fee in another currency is never summed with the others
 * unless the trader gives a rate). Kept apart from the reading, so that the pane writes the sheet without
 * loading the readers (they run in the import's worker).
 */

export interface Fill {
  /** The line (CSV) or row (workbook) it was read from; 0 for an inferred opening. */
  line: number;
  /** Excel date-time serial, in the zone written (the zone the trader picked). */
  time: number;
  symbol: string;
  side: "buy" | "sell";
  price: number;
  quantity: number;
  /** The fee as exported, in `feeAsset` (or the quote currency when no asset is given), paid positive. */
  fee: number;
  feeAsset: string | undefined;
  positionSide: "LONG" | "SHORT" | undefined;
  /** Units per lot or contract (MetaTrader's lots), when the volume is not in units. */
  contractSize?: number;
  /** The exchange's own realised PnL on this fill (see the layout's `realised`), and its decimals as written. */
  realised?: number;
  /** Whether the exchange says the fill opens or closes (Bybit's Direction and Action, MetaTrader's in/out). */
  action?: "open" | "close";
  /** Bybit's position after the fill, when the export says it (orders fills of one second). */
  positionAfter?: number;
  /** An opening inferred from the exchange's realised PnL: the position was opened before the file starts. */
  inferred?: boolean;
  /** A word on the sheet beside the fill (an inferred opening, an opening time the export does not give). */
  note?: string;
  /** The exchange's id of the fill (Binance's Trade ID, Bybit's Transaction ID, MetaTrader's Deal), as written. */
  tradeId?: string;
}

/**
 * A funding payment as an export lists it: the amount as the exchange writes it, received positive and paid
 * negative (a layout whose export writes it the other way round turns it), in `asset`.
 */
export interface Payment {
  /** The line (CSV) or row (workbook) it was read from. */
  line: number;
  /** Excel date-time serial, in the zone written. */
  time: number;
  /** The contract it was paid on; "" when the export does not say (Binance's account statement). */
  symbol: string;
  amount: number;
  asset: string | undefined;
}

const QUOTES = ["USDT", "USDC", "FDUSD", "BUSD", "TUSD", "DAI", "USD", "EUR", "GBP", "TRY", "BRL", "JPY", "AUD", "CAD", "CHF", "PLN", "BTC", "ETH", "BNB"];

/** The base and quote currencies of a symbol (BTCUSDT, BTC-USDT-SWAP, ETH/BTC, ltc_usdt, EURAUD), when they can be told. */
const pairs = new Map<string, { base: string; quote: string } | undefined>();

export function pairOf(symbol: string): { base: string; quote: string } | undefined {
  if (pairs.has(symbol)) return pairs.get(symbol);
  const pair = pairOfText(symbol);
  if (pairs.size > 10_000) pairs.clear();
  pairs.set(symbol, pair);
  return pair;
}

function pairOfText(symbol: string): { base: string; quote: string } | undefined {
  const s = symbol.trim().toUpperCase();
  const parts = s.split(/[-/_:]/);
  if (parts.length >= 2 && parts[0] && parts[1]) return { base: parts[0], quote: parts[1] };
  if (/^[A-Z]{6}$/.test(s) && !QUOTES.slice(0, 6).some((q) => s.endsWith(q))) return { base: s.slice(0, 3), quote: s.slice(3) }; // a forex pair
  for (const q of QUOTES) {
    if (s.length > q.length && s.endsWith(q)) return { base: s.slice(0, -q.length), quote: q };
  }
  return undefined;
}

/** The quote currency of a symbol (BTCUSDT → USDT, BTC-USDT-SWAP → USDT, ETH/BTC → BTC), when it can be told. */
export function quoteOf(symbol: string): string | undefined {
  return pairOf(symbol)?.quote;
}

/** A fee charged in another currency than the symbol's quote currency (a BNB fee on a USDT pair). */
export function isForeignFee(f: Fill): boolean {
  if (f.fee === 0 || f.feeAsset === undefined) return false;
  const quote = quoteOf(f.symbol);
  return quote === undefined || quote !== f.feeAsset;
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

