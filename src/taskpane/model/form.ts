import {
  boundsMessage,
  CALLPRICE,
  checkStop,
  CROSSACCOUNT_LABELS,
  crossAccount,
  FXCONVERT,
  PNL,
  D,
  DomainError,
  convert,
  inverseRiskSize,
  isEngineError,
  pairText,
  readCurrency,
  readPair,
  roundToStep,
  ROUNDSTEP,
  LIQPRICE,
  MAINTMARGIN,
  NOTIONAL,
  readNumber,
  readPositionsBlock,
  readTierTable,
  RISKSIZE,
  roundStep,
  SCENARIOS,
  type CrossPosition,
  type Dec,
  type Pair,
  type Param,
  type Side,
} from "../../engine";
import { parseSheetRange, sheetRangeText, sheetReference } from "../../shared/a1";
import type { CellValue } from "../../shared/workbook";
import { preset, PRESETS, type MarketId, type Preset } from "./presets";
import { findSymbol, type ExchangeCap, type SymbolInfo } from "./symbols";
import { priceDigits, stepDecimals, type PriceDigits } from "./formats";

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
  output: "formulas",
};

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
    target: "",
  };
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
    ...conversionFor(info, values.accountCcy || "USD"),
  };
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
  balance: PRESETS[0]!.defaults.balance.value,
};

// ─── Reading fields ──────────────────────────────────────────────────────────────────────────────────

class FieldProblem extends Error {}

function blank(text: string): boolean {
  return text.trim() === "";
}

/** A number typed in a field, read the way a cell reads numeric text ("1,000", " 2.5 "). */
function num(text: string, what: string): Dec {
  if (blank(text)) throw new FieldProblem(`Enter ${what}.`);
  try {
    return readNumber(text, "field");
  } catch {
    throw new FieldProblem(`${capital(what)} should be a number, such as 1000 or 2.5.`);
  }
}

/** A percentage typed as "2" or "2%", returned as a fraction (0.02). */
function pct(text: string, what: string): Dec {
  const t = text.trim().replace(/%$/, "");
  return num(t, what).div(100);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether the engine takes what `check` asks of it (an argument's reader and bounds, or one of its rules). */
function engineTakes(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (isEngineError(e)) return false;
    throw e;
  }
}

function positive(d: Dec, what: string): Dec {
  if (d.lte(0)) throw new FieldProblem(`${capital(what)} must be more than 0.`);
  return d;
}

/**
 * A field read through the engine argument it feeds: the engine's own reader and bounds, so the pane never
 * re-checks a rule the engine owns. Its refusal is put in plain words beside the field; a percentage field
 * ("2" or "2%" is 0.02) states the engine's bounds in percent.
 */
function viaSpec(param: Param<unknown>, text: string, what: string, percent = false): Dec {
  if (blank(text)) throw new FieldProblem(`Enter ${what}.`);
  const raw = percent ? pct(text, what).toString() : text;
  let read: unknown;
  try {
    read = param.read(raw, "field");
  } catch (e) {
    if (!isEngineError(e)) throw e;
    if (e instanceof DomainError && param.bounds) {
      const show = percent ? (n: number) => `${new D(n).mul(100).toString()} %` : String;
      throw new FieldProblem(`${capital(what)} ${boundsMessage(param.bounds, show)}.`);
    }
    if (e instanceof DomainError) throw new FieldProblem(`${capital(what)} ${e.message.replace(/^field: /, "")}.`);
    throw new FieldProblem(`${capital(what)} should be a number, such as 1000 or 2.5.`);
  }
  // A maintenance argument reads a rate as { kind: "rate", mmr }.
  return (typeof read === "object" && read !== null && "mmr" in read ? (read as { mmr: Dec }).mmr : read) as Dec;
}

/**
 * Leverage as a multiple ("50"), "50x", a ratio ("1:50"), or a margin rate in percent ("2%" is 50x),
 * for markets that quote a margin rate instead.
 */
function readLev(text: string): Dec {
  const t = text.trim();
  if (t === "") throw new FieldProblem("Enter the leverage, such as 50, 1:50 or 50x, or a margin rate such as 2%.");
  if (t.endsWith("%")) {
    const rate = pct(t, "the margin rate");
    if (rate.lte(0) || rate.gt(1)) throw new FieldProblem("A margin rate must be more than 0 % and at most 100 %.");
    return new D(1).div(rate);
  }
  try {
    return LIQPRICE.params.leverage.read(t, "leverage");
  } catch (e) {
    if (e instanceof DomainError) throw new FieldProblem("Leverage must be greater than 0.");
    throw new FieldProblem("Leverage should look like 50, 1:50 or 50x, or be a margin rate such as 2%.");
  }
}

/** The coin of an inverse symbol: "BTCUSD" and "BTCUSD_PERP" are counted in BTC. */
export function coinOf(symbol: string): string {
  const m = /^([A-Za-z0-9]+?)[-/_ ]?USD/i.exec(symbol.trim());
  return m ? m[1]!.toUpperCase() : "coin";
}

/**
 * The tier-table field: the range must be typed as Sheet!A1:D10, read from the workbook (the read
 * answers for the same text), and read by the engine's tier reader as a table; its own message is
 * reported otherwise.
 */
function tierTable(text: string, read: TierRead | undefined): TierTable {
  const typed = text.trim();
  if (typed === "") throw new FieldProblem("Enter the range of a tier table, such as Sheet1!A1:D10.");
  const parsed = parseSheetRange(typed);
  if (!parsed) {
    throw new FieldProblem(
      "The range should look like Sheet1!A1:D10, with the sheet's name: the scenario goes on a new sheet, so the table's own sheet must be named.",
    );
  }
  if (!read || read.address !== typed) throw new FieldProblem("Read the table from the workbook first (Read table).");
  if ("problem" in read) throw new FieldProblem(read.problem);
  const where = { sheet: read.sheet, range: read.range };
  try {
    const tiers = readTierTable(read.cells, "mmr");
    return { ref: sheetReference(where), label: sheetRangeText(where), cells: read.cells, brackets: tiers.length };
  } catch (e) {
    if (isEngineError(e)) throw new FieldProblem(`${sheetRangeText(where)} is not a tier table LEV can read: ${e.message}.`);
    throw e;
  }
}

/** The tier-table field on its own, for the pane to show what was read: the table, or the problem in words. */
export function checkTierTable(text: string, read: TierRead | undefined): { table: TierTable } | { problem: string } {
  try {
    return { table: tierTable(text, read) };
  } catch (e) {
    if (e instanceof FieldProblem) return { problem: e.message };
    throw e;
  }
}

/**
 * The other-positions field: blank for none; otherwise a range typed as Sheet!A5:G16, read from the
 * workbook, and read by the engine's positions reader (CROSSLIQ's), whose message is reported in words.
 */
function otherPositions(text: string, read: TierRead | undefined): OtherPositions | undefined {
  const typed = text.trim();
  if (typed === "") return undefined;
  const parsed = parseSheetRange(typed);
  if (!parsed) {
    throw new FieldProblem(
      "The range should look like Positions!A5:G16, with the sheet's name: the scenario goes on a new sheet, so the table's own sheet must be named.",
    );
  }
  if (!read || read.address !== typed) throw new FieldProblem("Read the positions from the workbook first (Read positions).");
  if ("problem" in read) throw new FieldProblem(read.problem);
  const where = { sheet: read.sheet, range: read.range };
  const label = sheetRangeText(where);
  let rows: (CrossPosition | undefined)[];
  try {
    rows = readPositionsBlock(read.cells);
  } catch (e) {
    if (isEngineError(e)) {
      throw new FieldProblem(
        `${label} is not a positions table LEV can read (columns symbol, side, entry, quantity, mark, maintenance rate, maintenance amount; rows counted from the range's first): ${e.message}.`,
      );
    }
    throw e;
  }
  const kept = rows.filter((p): p is CrossPosition => p !== undefined);
  if (kept.length === 0) throw new FieldProblem(`${label} holds no positions: every row is blank. Clear the field for none.`);
  // LEV.CROSSACCOUNT's own sums, read by their labels
  const account = crossAccount(rows, new D(0));
  const figure = (label: (typeof CROSSACCOUNT_LABELS)[number]) => account.find((row) => row[0] === label)![1] as Dec;
  return {
    ref: sheetReference(where),
    label,
    sheet: read.sheet,
    range: read.range,
    cells: read.cells,
    rows,
    count: kept.length,
    symbols: new Set(kept.map((p) => p.symbol.toLowerCase())).size,
    upnl: figure("Unrealized PnL"),
    maintenance: figure("Maintenance margin"),
  };
}

/** The other-positions field on its own, for the pane to show what was read. */
export function checkOthers(text: string, read: TierRead | undefined): { others?: OtherPositions } | { problem: string } {
  try {
    return { others: otherPositions(text, read) };
  } catch (e) {
    if (e instanceof FieldProblem) return { problem: e.message };
    throw e;
  }
}

/** Prices typed as a list, separated by spaces, commas between numbers with spaces, or semicolons. */
function priceList(text: string): Dec[] {
  const parts = text
    .split(/[\s;]+|,\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) throw new FieldProblem("Enter at least one price, separated by spaces or semicolons.");
  if (parts.length > MAX_SCENARIO_ROWS) throw new FieldProblem(`Enter at most ${MAX_SCENARIO_ROWS} prices.`);
  return parts.map((p) => {
    const d = num(p, "each price");
    // the bounds of the price a scenario row is worked at (LEV.PNL's exit)
    if (!engineTakes(() => PNL.params.exit.read(d.toString(), "exit"))) throw new FieldProblem(`Every price must be more than 0; "${p}" is not.`);
    return d;
  });
}

function readRisk(text: string): Dec {
  const r = pct(text, "the risk per trade");
  if (r.lte(0) || r.gt(1)) throw new FieldProblem("Risk per trade must be more than 0 % and at most 100 % of the balance.");
  return r;
}

/** "60,000.05": a typed number as the trader reads it back, grouped, every digit kept (at least `places`). */
function shown(d: Dec, places = 0): string {
  const [int, frac] = (d.decimalPlaces() < places ? d.toFixed(places) : d.toFixed()).split(".");
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
}

/**
 * A price on the symbol's tick, or the two prices the venue would take instead: a price between ticks is
 * asked about, never rounded silently.
 */
function onTick(price: Dec, tick: Dec | undefined, tickText: string, symbol: string, what: string): Dec {
  if (!tick || roundToStep(price, tick, "nearest").eq(price)) return price;
  const below = roundToStep(price, tick, "down");
  const places = stepDecimals(tickText);
  throw new FieldProblem(
    `${capital(what)} ${shown(price)} is not on ${symbol}'s price step of ${tickText.trim()}: the venue takes ${shown(below, places)} or ${shown(below.add(tick), places)}.`,
  );
}

/** A quantity that is a whole number of quantity steps, or the two sizes around it. */
function onStep(q: Dec, step: Dec | undefined, what: string): Dec {
  if (!step || roundToStep(q, step, "nearest").eq(q)) return q;
  const below = roundToStep(q, step, "down");
  throw new FieldProblem(`${capital(what)} ${shown(q)} is not a whole number of quantity steps (${step.toString()}): enter ${shown(below)} or ${shown(below.add(step))}.`);
}

// ─── Validation ──────────────────────────────────────────────────────────────────────────────────────

export interface Validation {
  trade?: Trade;
  errors: FieldErrors;
}

/** Reads one field: its value, or its problem recorded in `errors` and undefined. */
type FieldReader = <T>(id: FieldId, read: () => T) => T | undefined;

/** The forex conversion: the account currency, and where it is not the quote currency, the rate pair and rate. */
function readConversion(v: FormValues, field: FieldReader, pair: Pair | undefined): { accountCcy?: string; fx?: Conversion } {
  const account = field("accountCcy", () => {
    try {
      return readCurrency(v.accountCcy, "accountCcy");
    } catch {
      throw new FieldProblem('The account currency is a three-letter code, such as "USD".');
    }
  });
  if (!account || !pair || pair.quote === account) return { accountCcy: account };
  const ratePair = field("ratePair", () => {
    let rp: Pair;
    try {
      rp = readPair(v.ratePair, "ratePair");
    } catch {
      throw new FieldProblem(`Give the pair whose price converts ${pair.quote} into ${account}, such as ${pair.quote}/${account} or ${account}/${pair.quote}.`);
    }
    try {
      convert({ amount: new D(1), from: pair.quote, to: account, ratePair: rp, rate: new D(1) });
    } catch {
      throw new FieldProblem(`${pairText(rp)} does not join ${pair.quote} and ${account}: give the price of ${pair.quote}/${account} or ${account}/${pair.quote}.`);
    }
    return rp;
  });
  const rate = field("rate", () => {
    const r = num(v.rate, `the price of ${ratePair ? pairText(ratePair) : "the rate pair"}, which converts ${pair.quote} amounts into ${account}`);
    // the bounds of the rate LEV.FXCONVERT converts at
    if (!engineTakes(() => FXCONVERT.params.rate.read(r.toString(), "rate"))) throw new FieldProblem("The conversion rate must be more than 0.");
    return r;
  });
  if (!ratePair || !rate) return { accountCcy: account };
  return { accountCcy: account, fx: { base: pair.base, quote: pair.quote, account, ratePair: pairText(ratePair), rate } };
}

/**
 * Reads and checks every field. Returns the trade when all is well, otherwise one message per field
 * at fault. Sizing from risk is the engine's RISKSIZE with the fee rate (capped so the margin fits the
 * balance, rounded down to the quantity step), or its inverse form for coin-margined contracts.
 */
export function validate(v: FormValues, read?: TierRead, othersRead?: TierRead): Validation {
  const errors: FieldErrors = {};
  const market = PRESETS.find((p) => p.id === v.market);
  const field: FieldReader = (id, read) => {
    try {
      return read();
    } catch (e) {
      if (e instanceof FieldProblem) errors[id] = e.message;
      else throw e;
      return undefined;
    }
  };
  if (!market) errors.market = "Choose a market.";
  else if (!market.available) errors.market = `${market.label} cannot be simulated yet. Choose another market.`;
  const liquidates = market?.ending === "liquidation";
  const inverse = market?.account === "coin";

  const symbol = field("symbol", () => {
    const t = v.symbol.trim();
    if (t === "") throw new FieldProblem(`Enter the symbol you trade, such as ${market?.defaults.symbol.value ?? "BTCUSDT"}.`);
    return t;
  });
  const pair = market?.id === "forex" && symbol
    ? field("symbol", () => {
        try {
          return readPair(symbol, "symbol");
        } catch {
          throw new FieldProblem(`A forex symbol is a currency pair, such as EUR/USD or USDJPY; "${symbol}" is not one.`);
        }
      })
    : undefined;
  const info = market && symbol ? findSymbol(market.id, symbol) : undefined;
  const tick = field("tick", () => viaSpec(ROUNDSTEP.params.step, v.tick, "the price step (tick)"));
  const quantityStep = field("quantityStep", () => viaSpec(ROUNDSTEP.params.step, v.quantityStep, "the quantity step"));
  const named = symbol ?? "the symbol";

  // Each field is read by the engine argument it feeds (its reader and bounds).
  const balance = field("balance", () => viaSpec(SCENARIOS.params.balance, v.balance, "the account balance"));
  const entry = field("entry", () => onTick(viaSpec(LIQPRICE.params.entry, v.entry, "the entry price"), tick, v.tick, named, "the entry price"));
  const leverage = field("leverage", () => readLev(v.leverage));
  const contractSize = field("contractSize", () => viaSpec(NOTIONAL.params.contract_size, v.contractSize, "the contract size"));
  const side = v.side === "short" ? -1 : 1;
  const conversion = market?.id === "forex" ? readConversion(v, field, pair) : {};

  const stop = field("stop", () => {
    if (blank(v.stop)) {
      if (v.sizeMode === "risk") throw new FieldProblem("Enter a stop price: sizing from risk needs one.");
      return undefined;
    }
    const s = onTick(viaSpec(RISKSIZE.params.stop, v.stop, "the stop price"), tick, v.tick, named, "the stop price");
    if (entry && !engineTakes(() => checkStop({ side, entry, stop: s }))) {
      throw new FieldProblem(
        side === 1 ? "For a long, the stop must be below the entry price." : "For a short, the stop must be above the entry price.",
      );
    }
    return s;
  });
  const target = field("target", () => {
    if (blank(v.target)) return undefined;
    const t = onTick(viaSpec(RISKSIZE.params.stop, v.target, "the take-profit price"), tick, v.tick, named, "the take-profit price");
    if (entry && (side === 1 ? t.lte(entry) : t.gte(entry))) {
      throw new FieldProblem(
        side === 1 ? "For a long, the take profit must be above the entry price." : "For a short, the take profit must be below the entry price.",
      );
    }
    return t;
  });

  const table = liquidates && v.mmrSource === "table" ? field("mmrTable", () => tierTable(v.mmrTable, read)) : undefined;
  const usesOthers = liquidates && !inverse && v.marginMode === "cross" && !blank(v.others);
  const others = usesOthers
    ? field("others", () => {
        if (v.mmrSource === "table") {
          throw new FieldProblem("With other positions, give this trade's maintenance margin as a rate, as each row of the positions table gives its own.");
        }
        return otherPositions(v.others, othersRead);
      })
    : undefined;
  const mmr = field("mmr", () => {
    if (!liquidates || v.mmrSource === "table") return new D(0);
    if (blank(v.mmr)) {
      throw new FieldProblem(`Enter the maintenance-margin rate of your bracket for ${named}${info ? ": LEV's table of symbols does not carry it" : ""}.`);
    }
    return viaSpec(MAINTMARGIN.params.mmr, v.mmr, "the maintenance-margin rate", true);
  });
  const levelField = (id: "callLevel" | "stopoutLevel", what: string) =>
    field(id, () => {
      if (liquidates) return new D(0);
      return viaSpec(CALLPRICE.params.level, v[id], `the ${what}`, true);
    });
  const callLevel = levelField("callLevel", "margin-call level");
  const stopoutLevel = levelField("stopoutLevel", "stop-out level");
  if (callLevel && stopoutLevel && !liquidates && stopoutLevel.gt(callLevel)) {
    errors.stopoutLevel = "The stop-out level should not be above the margin-call level.";
  }
  const feeRate = field("feeRate", () => {
    return blank(v.feeRate) ? new D(0) : viaSpec(SCENARIOS.params.fee_rate, v.feeRate, "the fee rate", true);
  });
  const fundingRate = field("fundingRate", () => (blank(v.fundingRate) ? new D(0) : pct(v.fundingRate, "the funding rate")));
  const fundingIntervalHours = field("fundingIntervalHours", () =>
    positive(num(v.fundingIntervalHours, "the funding interval in hours"), "the funding interval"),
  );
  const holdingDays = field("holdingDays", () => {
    const d = blank(v.holdingDays) ? new D(0) : num(v.holdingDays, "the holding period in days");
    if (d.lt(0)) throw new FieldProblem("The holding period cannot be negative.");
    return d;
  });
  const walkMove = field("walkMove", () => {
    const m = pct(v.walkMove, "the adverse move for the walkthrough");
    if (m.lte(0) || m.gte(1)) throw new FieldProblem("The adverse move must be more than 0 % and below 100 %.");
    return m;
  });
  const scenario = readScenario(v, field, errors);

  const exchangeCap = info?.cap && info.cap.leverage !== "" ? info.cap : undefined;
  const base =
    market && symbol && tick && quantityStep && balance && entry && leverage && contractSize && mmr && (table || !liquidates || v.mmrSource !== "table") && callLevel && stopoutLevel && feeRate && fundingRate && fundingIntervalHours && holdingDays && walkMove && scenario && (others || !usesOthers)
      ? {
          market,
          symbol,
          info,
          tick: v.tick.trim(),
          quantityStep,
          prices: priceDigits(entry.toNumber(), v.tick.trim()),
          cap:
            market.cap.kind === "exchange"
              ? { kind: "exchange" as const, exchange: exchangeCap }
              : { kind: "retail" as const, assetClass: info?.assetClass ?? market.cap.assetClass },
          ...conversion,
          balance,
          side: side as Side,
          sideWord: v.side,
          view: (liquidates ? (v.marginMode === "cross" ? "cross" : "isolated") : "account") as MarginView,
          entry,
          leverage,
          leverageText: v.leverage.trim(),
          sizeMode: v.sizeMode,
          contractSize,
          stop,
          target,
          inverse,
          coin: inverse ? coinOf(symbol) : "",
          mmr,
          tierTable: table,
          others,
          callLevel,
          stopoutLevel,
          feeRate,
          fundingRate,
          fundingIntervalHours,
          holdingDays,
          region: v.region,
          scenario,
          walkMove,
          output: v.output,
        }
      : undefined;
  if (market?.id === "forex" && conversion.accountCcy && pair && pair.quote !== conversion.accountCcy && !conversion.fx) return { errors };

  const sized = readSize(v, field, { base, inverse, entry, contractSize, stop, quantityStep });
  if (Object.keys(errors).length > 0 || !base || !sized.quantity) return { errors };
  return { errors, trade: { ...base, quantity: sized.quantity, risk: sized.risk } };
}

/** The scenario prices: a range of moves or a list of prices. */
function readScenario(v: FormValues, field: FieldReader, errors: FieldErrors): Trade["scenario"] | undefined {
  if (v.scenarioKind === "list") {
    const prices = field("priceList", () => priceList(v.priceList));
    return prices ? { kind: "list", prices } : undefined;
  }
  const from = field("moveFrom", () => pct(v.moveFrom, "the first move"));
  const to = field("moveTo", () => pct(v.moveTo, "the last move"));
  const step = field("moveStep", () => positive(pct(v.moveStep, "the step between moves"), "the step"));
  if (from && from.lte(-1)) errors.moveFrom = "A move of −100 % or more would take the price to zero. Start above −100 %.";
  if (from && to && to.lt(from)) errors.moveTo = "The last move must not be below the first.";
  if (!from || !to || !step || errors.moveFrom || errors.moveTo) return undefined;
  const rows = to.sub(from).div(step).floor().add(1);
  if (rows.gt(MAX_SCENARIO_ROWS)) {
    errors.moveStep = `That makes ${rows.toString()} rows; use a larger step (at most ${MAX_SCENARIO_ROWS} rows).`;
    return undefined;
  }
  return { kind: "range", from, to, step };
}

/**
 * The size: a quantity typed on the quantity step; a position value turned into whole steps (rounded down, so
 * the position is never worth more than asked); or the size that loses the risk at the stop, fees included
 * (RISKSIZE, or the engine's inverse sizing in whole contracts).
 */
function readSize(
  v: FormValues,
  field: FieldReader,
  t: {
    base?: Omit<Trade, "quantity" | "risk">;
    inverse: boolean;
    entry?: Dec;
    contractSize?: Dec;
    stop?: Dec;
    quantityStep?: Dec;
  },
): { quantity?: Dec; risk?: Dec } {
  const { inverse, entry, contractSize, quantityStep: step } = t;
  if (v.sizeMode === "quantity") {
    const quantity = field("quantity", () => {
      const q = viaSpec(SCENARIOS.params.quantity, v.quantity, inverse ? "the number of contracts" : "the quantity");
      if (inverse && !q.isInteger()) throw new FieldProblem("Inverse contracts come whole: enter a whole number of contracts, such as 100.");
      return onStep(q, step, inverse ? "the number of contracts" : "the quantity");
    });
    return { quantity };
  }
  if (v.sizeMode === "value") {
    const value = field("value", () => positive(num(v.value, "the position value"), "the position value"));
    if (!value || !entry || !contractSize || !step) return {};
    const quantity = field("value", () => {
      // Quantity is value ÷ (price × contract size), the NOTIONAL relation read backwards; contracts are the coin
      // value × price ÷ contract value (INVNOTIONAL read backwards). Whole steps, rounded down.
      const exact = inverse ? value.mul(entry).div(contractSize) : value.div(entry.mul(contractSize));
      const q = roundStep({ value: exact, step: inverse ? D.max(step, 1) : step, mode: "down" });
      if (q.lte(0)) {
        throw new FieldProblem(
          inverse
            ? `That value buys less than one contract of ${contractSize.toString()} USD at this price.`
            : `That value buys less than one quantity step (${step.toString()}) at this price.`,
        );
      }
      return q;
    });
    return { quantity };
  }
  const risk = field("riskPct", () => readRisk(v.riskPct));
  const base = t.base;
  if (!base || !risk || !t.stop) return { risk };
  const stop = t.stop;
  const quantity = field("riskPct", () => {
    let q: Dec;
    try {
      q = inverse
        ? // contracts that lose balance × risk (in coin) at the stop with both fees, no more than the balance can
          // margin at this leverage, in whole steps rounded down
          inverseRiskSize({ equityCoin: base.balance, risk, entry: base.entry, stop, contractValue: base.contractSize, leverage: base.leverage, step: D.max(base.quantityStep, 1), feeRate: base.feeRate })
        : (RISKSIZE.call({
            equity: base.balance.toString(),
            risk: risk.toString(),
            entry: base.entry.toString(),
            stop: stop.toString(),
            contract_size: base.contractSize.toString(),
            leverage: base.leverage.toString(),
            step: base.quantityStep.toString(),
            fee_rate: base.feeRate.toString(),
          }) as Dec);
    } catch (e) {
      if (isEngineError(e)) throw new FieldProblem(`The size cannot be worked out from this risk: ${e.message}.`);
      throw e;
    }
    if (q.lte(0)) {
      throw new FieldProblem(
        inverse
          ? "That risk buys less than one contract. Raise the risk or move the stop closer."
          : "That risk buys less than the smallest quantity step. Raise the risk or move the stop closer.",
      );
    }
    return q;
  });
  return { quantity, risk };
}
