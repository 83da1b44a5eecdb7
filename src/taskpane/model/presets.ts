/**
 * Market presets: sensible defaults for each kind of leveraged account, and where each default comes
 * from. The values are the form's text (what a trader would type), so a preset simply fills the form.
 * Percentages are written as percentages ("0.4" means 0.4 %).
 */
export type MarketId = "crypto-linear" | "crypto-inverse" | "forex" | "cfd" | "spread-bet";

/**
 * How a position ends when losses grow: an exchange liquidates at the maintenance margin (crypto), a
 * broker closes out when the margin level falls to its stop-out level (forex, CFDs, spread bets).
 */
export type Ending = "liquidation" | "stop-out";

export interface PresetDefault {
  value: string;
  source: string;
}

export interface Preset {
  id: MarketId;
  label: string;
  ending: Ending;
  /** How quantity is counted in this market. */
  quantityLabel: string;
  /**
   * The currency the account is kept in: the quote currency (USDT, the account currency), or the coin for
   * inverse (coin-margined) contracts, whose balance, margin, PnL and fees are all counted in the coin.
   */
  account: "quote" | "coin";
  /** What the contract-size field means in this market. */
  contractSizeLabel: string;
  /**
   * What caps the leverage: a regulator's retail cap by RETAILCAP asset class (CFDs, spread bets and forex),
   * or the exchange's maximum for the symbol (a perpetual on an exchange, from the symbol table).
   */
  cap: { kind: "retail"; assetClass: "fx_major" | "fx_minor" | "gold" | "index_major" | "index_minor" | "commodity" | "equity" } | { kind: "exchange" };
  /** Whether the simulator can simulate this market. */
  available: boolean;
  defaults: {
    /** The balance filled in when the account currency changes (quote ↔ coin). */
    balance: PresetDefault;
    /** The symbol filled in when the market is chosen: its entry, size, steps and contract size come from the symbol table. */
    symbol: PresetDefault;
    leverage: PresetDefault;
    mmr: PresetDefault;
    callLevel: PresetDefault;
    stopoutLevel: PresetDefault;
    feeRate: PresetDefault;
    fundingRate: PresetDefault;
    fundingIntervalHours: PresetDefault;
  };
}

const NONE = (why: string): PresetDefault => ({ value: "", source: why });

export const PRESETS: readonly Preset[] = [
  {
    id: "crypto-linear",
    account: "quote",
    contractSizeLabel: "Contract size",
    label: "Crypto perpetual, USDS-M (linear)",
    ending: "liquidation",
    quantityLabel: "Quantity (coins)",
    cap: { kind: "exchange" },
    available: true,
    defaults: {
      balance: { value: "10000", source: "an illustrative USDT balance" },
      symbol: { value: "BTCUSDT", source: "Binance USDS-M perpetual: 0.1 BTC at an illustrative 60,000 (a position of 6,000 USDT, inside the first bracket); one contract is one coin" },
      leverage: { value: "10", source: "an illustrative choice; Binance allows up to 125x on BTCUSDT's first bracket" },
      mmr: {
        value: "0.4",
        source: "Binance BTCUSDT first bracket (notional up to 50,000): 0.40 %, from the 2021-03-18 leverage and margin tier update",
      },
      callLevel: NONE("exchanges liquidate at the maintenance margin, not at a margin level"),
      stopoutLevel: NONE("exchanges liquidate at the maintenance margin, not at a margin level"),
      feeRate: { value: "0.055", source: "Bybit taker fee 0.055 %, as in Bybit's 'Profit and Loss calculations (USDT Contract)' example" },
      fundingRate: {
        value: "0.01",
        source: "Binance's interest-rate component, 0.01 % per 8 hours: the funding rate when the premium is small (Binance FAQ 'Introduction to Binance Futures Funding Rates')",
      },
      fundingIntervalHours: { value: "8", source: "Binance funds every 8 hours (00:00, 08:00, 16:00 UTC) by default" },
    },
  },
  {
    id: "crypto-inverse",
    account: "coin",
    contractSizeLabel: "Contract value (USD)",
    label: "Crypto inverse, COIN-M",
    ending: "liquidation",
    quantityLabel: "Contracts",
    cap: { kind: "exchange" },
    available: true,
    defaults: {
      balance: { value: "0.1", source: "an illustrative balance of 0.1 BTC: a COIN-M account is kept in the coin" },
      symbol: {
        value: "BTCUSD_PERP",
        source: "Binance COIN-M BTCUSD perpetual: 100 contracts of 100 USD (FAQ 'Binance Futures Fee Structure & Fee Calculations': 10 BTCUSD contracts × 100 USD), a position of 10,000 USD, 0.2 BTC at an illustrative 50,000",
      },
      leverage: { value: "10", source: "an illustrative choice" },
      mmr: {
        value: "0.4",
        source: "Binance's COIN-M maintenance-margin example for BTCUSD (FAQ 'How to Calculate Liquidation Price of COIN-M Futures Contracts'): 100 contracts at 25,000 are 0.4 BTC, first bracket, rate 0.40 %",
      },
      callLevel: NONE("exchanges liquidate at the maintenance margin, not at a margin level"),
      stopoutLevel: NONE("exchanges liquidate at the maintenance margin, not at a margin level"),
      feeRate: {
        value: "0.05",
        source: "Binance's COIN-M regular taker fee 0.05 %, charged on the coin value contracts × 100 USD ÷ price (FAQ 'Binance Futures Fee Structure & Fee Calculations')",
      },
      fundingRate: {
        value: "0.01",
        source: "Binance's interest-rate component, 0.01 % per 8 hours: the funding rate when the premium is small; the fee is the coin value × the rate",
      },
      fundingIntervalHours: { value: "8", source: "Binance funds every 8 hours (00:00, 08:00, 16:00 UTC) by default" },
    },
  },
  {
    id: "forex",
    account: "quote",
    contractSizeLabel: "Contract size",
    label: "Forex",
    ending: "stop-out",
    quantityLabel: "Lots",
    cap: { kind: "retail", assetClass: "fx_major" },
    available: true,
    defaults: {
      balance: { value: "10000", source: "an illustrative balance in US dollars" },
      symbol: {
        value: "EUR/USD",
        source: "a major pair: 0.1 lot at an illustrative 1.1; a standard lot is 100,000 units of the base currency (MetaTrader's default), traded in steps of 0.01 lot",
      },
      leverage: { value: "1:30", source: "the retail cap for major pairs under ESMA's 2018 product intervention (also FCA and ASIC)" },
      mmr: NONE("brokers close out by margin level, not by a maintenance rate"),
      callLevel: { value: "100", source: "a common broker margin call at 100 % margin level (MetaTrader accounts)" },
      stopoutLevel: { value: "50", source: "a common stop-out at 50 % margin level; ESMA requires retail close-out at 50 % at the latest" },
      feeRate: { value: "0", source: "forex brokers charge the spread rather than a fee on value" },
      fundingRate: { value: "0", source: "swaps are quoted per pair and per night; enter one as a rate per interval if you hold overnight" },
      fundingIntervalHours: { value: "24", source: "swap is charged once per night" },
    },
  },
  {
    id: "cfd",
    account: "quote",
    contractSizeLabel: "Contract size",
    label: "Stock / CFD margin account",
    ending: "stop-out",
    quantityLabel: "Shares or units",
    cap: { kind: "retail", assetClass: "equity" },
    available: true,
    defaults: {
      balance: { value: "10000", source: "an illustrative balance" },
      symbol: { value: "DBS", source: "IG Singapore 'CFD trading examples' (buy 2,000 DBS at 23.92): here 100 shares; one CFD unit follows one share" },
      leverage: { value: "5", source: "the retail cap for shares, 5:1 (a 20 % margin) under ESMA's 2018 product intervention" },
      mmr: NONE("brokers close out by margin level, not by a maintenance rate"),
      callLevel: { value: "100", source: "a common broker margin call at 100 % margin level" },
      stopoutLevel: { value: "50", source: "ESMA's retail margin close-out rule: 50 % of the required margin" },
      feeRate: { value: "0.1", source: "an illustrative commission of 0.1 % of value on each side" },
      fundingRate: { value: "0", source: "overnight financing is a yearly rate charged per day; enter it per interval if you hold overnight" },
      fundingIntervalHours: { value: "24", source: "financing is charged once per night" },
    },
  },
  {
    id: "spread-bet",
    account: "quote",
    contractSizeLabel: "Contract size",
    label: "Spread bet",
    ending: "stop-out",
    quantityLabel: "Stake per point",
    cap: { kind: "retail", assetClass: "index_major" },
    available: true,
    defaults: {
      balance: { value: "10000", source: "an illustrative balance" },
      symbol: {
        value: "FTSE 100",
        source: "a major index at an illustrative 7,500, staked at one pound per point (contract size 1: one point is one index point)",
      },
      leverage: { value: "20", source: "the retail cap for major indices, 20:1 (a 5 % margin) under the FCA's rules" },
      mmr: NONE("brokers close out by margin level, not by a maintenance rate"),
      callLevel: { value: "100", source: "a common broker margin call at 100 % margin level" },
      stopoutLevel: { value: "50", source: "the FCA's retail margin close-out rule: 50 % of the required margin" },
      feeRate: { value: "0", source: "spread bets are charged through the spread, with no commission" },
      fundingRate: { value: "0", source: "overnight financing is charged per night on rolling bets; enter it per interval if you hold overnight" },
      fundingIntervalHours: { value: "24", source: "financing is charged once per night" },
    },
  },
];

export function preset(id: MarketId): Preset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}
