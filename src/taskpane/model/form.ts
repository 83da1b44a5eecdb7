import {
  readPair,
  type CrossPosition,
  type Dec,
  type Side,
} from "../../engine";
import type { CellValue } from "../../shared/workbook";
import { preset, PRESETS, type MarketId, type Preset } from "./presets";
import { findSymbol, type ExchangeCap, type SymbolInfo } from "./symbols";
import type { PriceDigits } from "./formats";

/**
 * The simulator's form: what the trader typed (text, as typed), its defaults, and its validation.
 * Every field is checked before anything is computed or written; a problem is reported against the
 * field, in plain words. Percent fields are typed as percentages ("2" is 2 %, "2%" too).
 */
export type SizeMode = "quantity" | "value" | "risk";
export type ScenarioKind = "range" | "list";
export type OutputKind = "formulas" | "values";
/** The region whose retail leverage cap applies, or none (a professional client, an exchange outside these rules). */
export type Region = "ESMA" | "UK" | "ASIC" | "US" | "none";
/** How crypto margin backs a position: its own margin alone (isolated) or the whole balance (cross). */
export type MarginMode = "isolated" | "cross";
/**
 * Which view the figures take: an exchange's isolated or cross margin (liquidation), or a broker's account
 * (margin call and stop-out on the margin level).
 */
export type MarginView = MarginMode | "account";
/** The maintenance margin as one rate, or as a tier table the trader keeps in the workbook. */
export type MmrSource = "rate" | "table";

export interface FormValues {
  market: MarketId;
  /** The instrument, as the trader types or picks it: "BTCUSDT", "EUR/USD". */
  symbol: string;
  /** Its price step (tick) and quantity step, as the venue writes them. */
  tick: string;
  quantityStep: string;
  /** The symbol whose steps and defaults were last filled in (from the preset or the list), whatever is typed since. */
  filledFor: string;
  balance: string;
  /** Forex: the account's currency, and the rate that converts the quote currency into it when they differ. */
  accountCcy: string;
  ratePair: string;
  rate: string;
  side: "long" | "short";
  entry: string;
  leverage: string;
  sizeMode: SizeMode;
  quantity: string;
  value: string;
  riskPct: string;
  stop: string;
  target: string;
  contractSize: string;
  mmr: string;
  mmrSource: MmrSource;
  /** Crypto markets: isolated or cross margin. */
  marginMode: MarginMode;
  /** The tier table's range, as typed: `Sheet1!A1:D10`. */
  mmrTable: string;
  /** Cross mode (linear): the other positions of the account, as the range of a positions table: `Positions!A5:G16`. */
  others: string;
  callLevel: string;
  stopoutLevel: string;
  feeRate: string;
  fundingRate: string;
  fundingIntervalHours: string;
  region: Region;
  scenarioKind: ScenarioKind;
  moveFrom: string;
  moveTo: string;
  moveStep: string;
  priceList: string;
  holdingDays: string;
  walkMove: string;
  output: OutputKind;
}

export type FieldId = keyof FormValues;
export type FieldErrors = Partial<Record<FieldId, string>>;

/** A trade read from the form: every number is a Decimal, every percentage a fraction. */
export interface Trade {
  market: Preset;
  symbol: string;
  /** The table's entry for the symbol, when it has one. */
  info?: SymbolInfo;
  /** The price step as typed ("0.10") and the quantity step. */
  tick: string;
  quantityStep: Dec;
  /** How prices are shown: the tick's decimals, more for 5 significant digits of the entry. */
  prices: PriceDigits;
  /** What caps the leverage: a region's retail cap for the asset class, or the exchange's maximum for the symbol (when known). */
  cap: { kind: "retail"; assetClass: RetailClass } | { kind: "exchange"; exchange?: ExchangeCap };
  /** Forex: the account currency, and the conversion of the quote currency into it when they differ. */
  accountCcy?: string;
  fx?: Conversion;
  balance: Dec;
  side: Side;
  sideWord: "long" | "short";
  /** Isolated or cross margin (crypto), or the broker's account view. */
  view: MarginView;
  entry: Dec;
  leverage: Dec;
  /** Leverage as the trader wrote it ("1:50"), kept for the sheet. */
  leverageText: string;
  quantity: Dec;
  sizeMode: SizeMode;
  /** Risk per trade as a fraction of balance, when sizing from risk. */
  risk?: Dec;
  contractSize: Dec;
  stop?: Dec;
  target?: Dec;
  /** Inverse (coin-margined) contracts: balance, margin, PnL and fees are in the coin, size in contracts. */
  inverse: boolean;
  /** The coin an inverse account is kept in ("BTC" for BTCUSD); the account currency's word otherwise. */
  coin: string;
  /** Maintenance-margin rate (liquidation markets), 0 when a tier table gives it. */
  mmr: Dec;
  /** The tier table picked from the workbook, when the maintenance margin is given as one. */
  tierTable?: TierTable;
  /** Cross mode: the account's other positions, read from a positions table in the workbook. */
  others?: OtherPositions;
  /** Margin-call and stop-out levels (stop-out markets), as fractions of used margin. */
  callLevel: Dec;
  stopoutLevel: Dec;
  feeRate: Dec;
  /** Funding or financing rate per interval, as a fraction (positive: longs pay). */
  fundingRate: Dec;
  fundingIntervalHours: Dec;
  holdingDays: Dec;
  region: Region;
  scenario: { kind: "range"; from: Dec; to: Dec; step: Dec } | { kind: "list"; prices: Dec[] };
  /** The adverse move the walkthrough follows, as a positive fraction (0.02 is a 2 % move against). */
  walkMove: Dec;
  output: OutputKind;
}

/** The RETAILCAP asset classes a preset or symbol names. */
export type RetailClass = Extract<Preset["cap"], { kind: "retail" }>["assetClass"];

/** Forex amounts in the quote currency converted into the account currency at a rate the trader gives. */
export interface Conversion {
  base: string;
  quote: string;
  account: string;
  /** The pair whose price `rate` is ("USD/JPY"), joining the quote and the account currency. */
  ratePair: string;
  rate: Dec;
}

/** A tier table read from the workbook, checked by the engine's tier reader. */
export interface TierTable {
  /** As a formula refers to it: `'Sheet1'!$A$1:$D$10`. */
  ref: string;
  /** As a trader reads it: `Sheet1!A1:D10`. */
  label: string;
  /** The cells as read. */
  cells: CellValue[][];
  /** How many brackets the engine read from it. */
  brackets: number;
}

/** A positions table read from the workbook, checked by the engine's positions reader (CROSSLIQ's). */
export interface OtherPositions {
  /** As a formula refers to the whole range: `'Positions'!$A$5:$G$16`. */
  ref: string;
  /** As a trader reads it: `Positions!A5:G16`. */
  label: string;
  /** The sheet and its A1 range, for formulas that refer to single cells of it. */
  sheet: string;
  range: string;
  cells: CellValue[][];
  /** The rows as the engine read them (undefined: a blank row, skipped). */
  rows: (CrossPosition | undefined)[];
  /** Positions (kept rows) and distinct symbols. */
  count: number;
  symbols: number;
  /** Maintenance margin and unrealised PnL of those positions at their marks (LEV.CROSSACCOUNT's). */
  maintenance: Dec;
  upnl: Dec;
}

/**
 * What reading the tier-table range gave: the address as typed when it was read, and either the cells
 * (with the sheet's own name) or the workbook's plain-words refusal.
 */
export type TierRead =
  | { address: string; sheet: string; range: string; cells: CellValue[][] }
  | { address: string; problem: string };

/** The most scenario rows one write may hold. */
export const MAX_SCENARIO_ROWS = 10000;

/**
 * The guide's own example, a named example rather than a market's defaults: deposit 2,000, leverage 1:50,
 * one standard lot (100,000) of EUR/USD. The guide counts the position as worth 100,000 in the account
 * currency, which for a USD account is an entry of 1.0000 (EUR/USD traded at parity in July 2022). A 2 %
 * move against the long (to 0.9800) loses 2,000: equity 0, margin level 0 %, had it stayed open. It loads
 * with no retail cap, as the guide assumes (under ESMA's 30:1 it could not be opened; the review says so).
 */
export const GUIDE_EXAMPLE: FormValues = {
  market: "forex",
  symbol: "EUR/USD",
  tick: "0.00001",
  quantityStep: "0.01",
  filledFor: "EUR/USD",
  balance: "2000",
  accountCcy: "USD",
  ratePair: "",
  rate: "",
  side: "long",
  entry: "1.0000",
  leverage: "1:50",
  sizeMode: "quantity",
  quantity: "1",
  value: "",
  riskPct: "1",
  stop: "",
  target: "",
  contractSize: "100000",
  mmr: "",
  mmrSource: "rate",
  marginMode: "isolated",
  mmrTable: "",
  others: "",
  callLevel: "100",
  stopoutLevel: "50",
  feeRate: "0",
  fundingRate: "0",
  fundingIntervalHours: "24",
  region: "none",
  scenarioKind: "range",
  moveFrom: "-20",
  moveTo: "20",
  moveStep: "1",
  priceList: "",
  holdingDays: "1",
  walkMove: "2",
  output: "formulas" };

/**
 * The form filled from a market's preset, keeping the trader's side, region and scenario choices, and the
 * balance while the account stays in the same unit (a USDT balance means nothing in BTC).
 */
export function applyPreset(values: FormValues, market: MarketId): FormValues {
  const p = preset(market);
  const d = p.defaults;
  const sameAccount = PRESETS.find((x) => x.id === values.market)?.account === p.account;
  const filled: FormValues = {
    ...values,
    market,
    balance: sameAccount ? values.balance : d.balance.value,
    // A tier table's floors and caps are in the account's unit too (USDT or BTC): a new unit starts from the rate.
    mmrSource: sameAccount ? values.mmrSource : "rate",
    mmrTable: sameAccount ? values.mmrTable : "",
    others: sameAccount ? values.others : "",
    accountCcy: values.accountCcy || "USD",
    leverage: d.leverage.value,
    mmr: d.mmr.value,
    callLevel: d.callLevel.value,
    stopoutLevel: d.stopoutLevel.value,
    feeRate: d.feeRate.value,
    fundingRate: d.fundingRate.value,
    fundingIntervalHours: d.fundingIntervalHours.value,
    sizeMode: "quantity",
    value: "",
    stop: "",
    target: "" };
  const info = findSymbol(market, d.symbol.value);
  if (!info) throw new Error(`the ${market} preset's symbol ${d.symbol.value} is not in the symbol table`);
  return applySymbol(filled, info, !sameAccount);
}

/**
 * The form filled from a symbol picked from the table: its steps, contract size, an illustrative price and
 * size, its first bracket's maintenance rate where the table has it (blank where it does not, so the trader
 * enters the rate rather than keep another symbol's), the conversion rate a forex pair needs, and for an
 * inverse contract a balance in its coin when the coin changes.
 */
export function applySymbol(values: FormValues, info: SymbolInfo, refillBalance = false): FormValues {
  const liquidates = preset(info.market).ending === "liquidation";
  // A balance in BTC means nothing in ETH: the coin the balance was filled for is the last filled symbol's.
  const coinChanged = info.balance !== undefined && coinOf(values.filledFor) !== coinOf(info.symbol);
  return {
    ...values,
    symbol: info.symbol,
    filledFor: info.symbol,
    tick: info.tick,
    quantityStep: info.step,
    contractSize: info.contractSize,
    entry: info.price,
    quantity: info.quantity,
    value: "",
    stop: "",
    target: "",
    balance: info.balance !== undefined && (refillBalance || coinChanged) ? info.balance : values.balance,
    mmr: liquidates ? (info.cap?.mmr ?? "") : values.mmr,
    ...conversionFor(info, values.accountCcy || "USD") };
}

/**
 * The conversion a forex pair needs for an account currency: none when the quote is the account currency;
 * the pair's own price when the account holds the base (USD/JPY in USD); otherwise the price of the quote in
 * the account currency, from the table where it has that pair (GBP/USD for EUR/GBP in USD).
 */
function conversionFor(info: SymbolInfo, account: string): { ratePair: string; rate: string } {
  if (info.market !== "forex") return { ratePair: "", rate: "" };
  const pair = readPair(info.symbol, "symbol");
  if (pair.quote === account) return { ratePair: "", rate: "" };
  if (pair.base === account) return { ratePair: info.symbol, rate: info.price };
  for (const ratePair of [`${pair.quote}/${account}`, `${account}/${pair.quote}`]) {
    const known = findSymbol("forex", ratePair);
    if (known) return { ratePair: known.symbol, rate: known.price };
  }
  return { ratePair: `${pair.quote}/${account}`, rate: "" };
}

/** The simulator's first state: the first market's defaults over the guide's scenario choices. */
export const START: FormValues = {
  ...applyPreset({ ...GUIDE_EXAMPLE, region: "ESMA" }, PRESETS[0]!.id),
  balance: PRESETS[0]!.defaults.balance.value };

/** The coin of an inverse symbol: "BTCUSD" and "BTCUSD_PERP" are counted in BTC. */
export function coinOf(symbol: string): string {
  const m = /^([A-Za-z0-9]+?)[-/_ ]?USD/i.exec(symbol.trim());
  return m ? m[1]!.toUpperCase() : "coin";
}
