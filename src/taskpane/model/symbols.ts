import type { MarketId } from "./presets";

/**
 * The bundled table of common symbols: for each, the market it trades in, its tick size (price step) and
 * quantity step, its contract size, an illustrative price and size to start from, and for an exchange's
 * perpetual the maximum leverage of its first bracket with that bracket's maintenance rate. Each figure says
 * where it comes from; LEV reads nothing from the network, so these are the figures as published on the date
 * their source gives, and a trader whose venue differs types its own.
 *
 * Values are the form's text. The tick is kept as the venue writes it ("0.10"): its decimals are the price
 * scale the venue shows (Binance and Bybit show BTCUSDT to two decimals with a tick of 0.10).
 */

/** An exchange's cap on leverage for a symbol: the first bracket's maximum, up to a position value. */
export interface ExchangeCap {
  /** The highest leverage the exchange allows ("125"). */
  leverage: string;
  /** The position value (notional) the bracket reaches, in the account's unit (USDT, or coin for COIN-M). */
  upTo: string;
  /** The bracket's maintenance-margin rate, in percent ("0.4"). */
  mmr: string;
  venue: string;
  source: string;
}

export interface SymbolInfo {
  symbol: string;
  market: MarketId;
  /** Price step, as the venue writes it. */
  tick: string;
  /** Quantity step, in the market's unit (coins, contracts, lots, shares, stake). */
  step: string;
  contractSize: string;
  /** An illustrative price to start from, and a size that a 1,000 balance can margin. */
  price: string;
  quantity: string;
  /** Where the tick and the step come from. */
  source: string;
  /** Exchange perpetuals: the exchange's maximum leverage and its source; none when LEV does not carry it. */
  cap?: ExchangeCap;
  /** Inverse contracts: the balance to start from, in the coin. */
  balance?: string;
  /** Forex: the RETAILCAP class (majors are pairs of USD, EUR, JPY, GBP, CAD and CHF under ESMA's rules). */
  assetClass?: "fx_major" | "fx_minor" | "equity" | "index_major";
}

const BRACKETS_2021 = "Binance's BTCUSDT leverage and margin tiers of 2021-03-18, first bracket";
const FX_TICK =
  "MetaTrader brokers quote to a tenth of a pip (5-digit pricing): the pip is 0.0001, or 0.01 for a JPY quote (BabyPips 'What is a pip'), so the tick is 0.00001, or 0.001 for JPY; lots step by 0.01";

export const SYMBOLS: readonly SymbolInfo[] = [
  {
    symbol: "BTCUSDT",
    market: "crypto-linear",
    tick: "0.10",
    step: "0.001",
    contractSize: "1",
    price: "60000",
    quantity: "0.1",
    source: "tick 0.10 USDT and quantity step 0.001 BTC, as Bybit's API documentation lists BTCUSDT (Get Instruments Info: tickSize 0.10, qtyStep 0.001); Binance's FAQ 'USDⓈ-Margined Futures Contract Specifications' takes 0.001 BTC as its example order",
    cap: { leverage: "125", upTo: "50000", mmr: "0.4", venue: "Binance", source: `${BRACKETS_2021}: up to 125x for a position up to 50,000 USDT, maintenance 0.40 %` },
  },
  {
    symbol: "ETHUSDT",
    market: "crypto-linear",
    tick: "0.01",
    step: "0.001",
    contractSize: "1",
    price: "3000",
    quantity: "1",
    source: "tick 0.01 USDT and quantity step 0.001 ETH, Binance's USDⓈ-M trading rules for ETHUSDT",
    cap: {
      leverage: "75",
      upTo: "10000",
      mmr: "0.65",
      venue: "Binance",
      source: "Binance API documentation, 'Notional and Leverage Brackets' (GET /fapi/v1/leverageBracket), ETHUSDT's first bracket: up to 75x for a position up to 10,000 USDT, maintenance 0.65 %",
    },
  },
  {
    symbol: "NEIROUSDT",
    market: "crypto-linear",
    tick: "0.0000001",
    step: "1",
    contractSize: "1",
    price: "0.0012",
    quantity: "500000",
    source: "tick 0.0000001 USDT, Binance's announcement 'Binance Futures Will Launch USDⓈ-M NEIRO and 1MBABYDOGE Perpetual Contracts' (2024-09-16); whole NEIRO (quantity step 1), Binance's USDⓈ-M trading rules",
    cap: {
      leverage: "75",
      upTo: "",
      mmr: "",
      venue: "Binance",
      source: "Binance's launch announcement of NEIROUSDT (2024-09-16): up to 75x; it gives no bracket table, so enter your bracket's maintenance rate",
    },
  },
  {
    symbol: "BTCUSD_PERP",
    market: "crypto-inverse",
    tick: "0.1",
    step: "1",
    contractSize: "100",
    price: "50000",
    quantity: "100",
    balance: "0.1",
    source: "contract value 100 USD (Binance FAQ 'Binance Futures Fee Structure & Fee Calculations'); tick 0.1 USD and whole contracts, Binance's COIN-M trading rules",
    cap: {
      leverage: "125",
      upTo: "50",
      mmr: "0.4",
      venue: "Binance",
      source: "Binance API documentation, 'Notional Bracket for Symbol' (GET /dapi/v2/leverageBracket), BTCUSD_PERP's first bracket: up to 125x for up to 50 BTC, maintenance 0.40 %",
    },
  },
  {
    symbol: "ETHUSD_PERP",
    market: "crypto-inverse",
    tick: "0.01",
    step: "1",
    contractSize: "10",
    price: "3000",
    quantity: "100",
    balance: "1",
    source: "contract value 10 USD, as Binance's COIN-M contracts other than BTCUSD (FAQ 'How to Calculate Liquidation Price of COIN-M Futures Contracts'); tick 0.01 USD and whole contracts, Binance's COIN-M trading rules",
  },
  { symbol: "EUR/USD", market: "forex", tick: "0.00001", step: "0.01", contractSize: "100000", price: "1.1", quantity: "0.1", assetClass: "fx_major", source: FX_TICK },
  { symbol: "GBP/USD", market: "forex", tick: "0.00001", step: "0.01", contractSize: "100000", price: "1.27", quantity: "0.1", assetClass: "fx_major", source: FX_TICK },
  { symbol: "USD/JPY", market: "forex", tick: "0.001", step: "0.01", contractSize: "100000", price: "150", quantity: "0.1", assetClass: "fx_major", source: FX_TICK },
  { symbol: "EUR/GBP", market: "forex", tick: "0.00001", step: "0.01", contractSize: "100000", price: "0.85", quantity: "0.1", assetClass: "fx_major", source: FX_TICK },
  { symbol: "AUD/USD", market: "forex", tick: "0.00001", step: "0.01", contractSize: "100000", price: "0.66", quantity: "0.1", assetClass: "fx_minor", source: FX_TICK },
  {
    symbol: "DBS",
    market: "cfd",
    tick: "0.01",
    step: "1",
    contractSize: "1",
    price: "23.92",
    quantity: "100",
    assetClass: "equity",
    source: "IG Singapore 'CFD trading examples' (DBS at 23.92, quoted to the cent; share CFDs trade in whole shares)",
  },
  {
    symbol: "FTSE 100",
    market: "spread-bet",
    tick: "0.1",
    step: "0.01",
    contractSize: "1",
    price: "7500",
    quantity: "1",
    assetClass: "index_major",
    source: "a major index quoted to a tenth of a point; stakes are set in pence per point (0.01)",
  },
];

/** The table's symbols of a market, in the table's order. */
export function symbolsOf(market: MarketId): SymbolInfo[] {
  return SYMBOLS.filter((s) => s.market === market);
}

/** The table's entry for `symbol` in `market` (case and spacing ignored), if it has one. */
export function findSymbol(market: MarketId, symbol: string): SymbolInfo | undefined {
  const key = normal(symbol);
  return SYMBOLS.find((s) => s.market === market && normal(s.symbol) === key);
}

/** Any market's entry for `symbol`, for a sheet whose rows mix markets (the journal, the positions table). */
export function anySymbol(symbol: string): SymbolInfo | undefined {
  const key = normal(symbol);
  return SYMBOLS.find((s) => normal(s.symbol) === key);
}

function normal(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/[\s/_.-]/g, "");
}
