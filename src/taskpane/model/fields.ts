import type { FieldId, FormValues } from "./form";
import type { Preset } from "./presets";
import { findSymbol } from "./symbols";

/**
 * The simulator's form fields as data: each field's id, label, hint and when it shows, grouped in the
 * rows the pane lays out. The pane renders these lists; the step a field belongs to (where an error sends
 * the trader back) is read from them too, so a field is declared once.
 */
export interface FieldContext {
  values: FormValues;
  market: Preset;
  /** The coin of an inverse account ("BTC"). */
  coin: string;
  inverse: boolean;
  /** The market liquidates (crypto) rather than stopping out (brokers). */
  liquidates: boolean;
}

type Text = string | ((c: FieldContext) => string);

interface Base {
  id: FieldId;
  label: Text;
  hint?: Text;
  /** Shown only when this holds (default: always). */
  show?: (c: FieldContext) => boolean;
}

export interface TextFieldSpec extends Base {
  kind: "text";
  inputMode?: "decimal" | "text";
}

export interface ChoiceFieldSpec extends Base {
  kind: "choice";
  options: { value: string; label: string }[];
  /** A drop-down rather than radio buttons. */
  select?: boolean;
}

/** The tier-table range, with its Read button and what was read. */
export interface TierFieldSpec extends Base {
  kind: "tierTable";
}

/** The other positions' range (cross mode), with its Read button and what was read. */
export interface PositionsFieldSpec extends Base {
  kind: "positionsTable";
}

/** The symbol: typed freely, or picked from the market's common symbols (which fills their steps). */
export interface SymbolFieldSpec extends Base {
  kind: "symbol";
}

export type FieldSpec = TextFieldSpec | ChoiceFieldSpec | TierFieldSpec | PositionsFieldSpec | SymbolFieldSpec;
/** Fields laid out side by side. */
export type FieldRow = FieldSpec[];

export function textOf(t: Text | undefined, c: FieldContext): string | undefined {
  return typeof t === "function" ? t(c) : t;
}

const inCoin = (c: FieldContext) => c.inverse;

/** What caps the leverage in this market, for the region field's hint. */
function capHint(c: FieldContext): string {
  if (c.market.cap.kind === "retail") {
    return "ESMA, the FCA and ASIC cap the leverage retail clients get on CFDs, spread bets and forex; a professional client has no such cap.";
  }
  const x = findSymbol(c.market.id, c.values.symbol)?.cap;
  const max = x && x.leverage !== "" ? `: ${x.venue} allows up to ${x.leverage}x on ${c.values.symbol.trim()}` : "";
  return `Retail caps are for CFDs, spread bets and forex. A perpetual on an exchange is capped by the exchange's maximum for the symbol${max || " (LEV's table does not carry one for this symbol: check your exchange's)"}.`;
}

export const TRADE_FIELDS: FieldRow[] = [
  [
    {
      kind: "symbol",
      id: "symbol",
      label: "Symbol",
      hint: (c) => symbolHint(c),
    },
  ],
  [
    { kind: "text", id: "tick", label: "Price step (tick)", hint: "The smallest price move the venue quotes" },
    { kind: "text", id: "quantityStep", label: "Quantity step", hint: (c) => `In ${c.market.quantityLabel.toLowerCase()}: sizes are whole steps` },
  ],
  [
    {
      kind: "text",
      id: "balance",
      label: (c) => (c.inverse ? `Balance (${c.coin})` : "Balance"),
      hint: (c) => (c.inverse ? `In ${c.coin}: a coin-margined account is kept in the coin` : "Your deposit, in the account currency"),
    },
    { kind: "choice", id: "side", label: "Side", options: [{ value: "long", label: "Long" }, { value: "short", label: "Short" }] },
  ],
  [
    {
      kind: "text",
      id: "accountCcy",
      label: "Account currency",
      hint: "The currency your balance is kept in",
      inputMode: "text",
      show: (c) => c.market.id === "forex",
    },
  ],
  [
    {
      kind: "text",
      id: "ratePair",
      label: "Conversion pair",
      hint: (c) => `Joins ${conversionWords(c)}`,
      inputMode: "text",
      show: (c) => needsRate(c),
    },
    {
      kind: "text",
      id: "rate",
      label: "Conversion rate",
      hint: (c) => `The pair's price now: ${quoteOf(c.values.symbol) ?? "quote-currency"} amounts are converted into ${c.values.accountCcy.trim().toUpperCase() || "the account currency"} at it`,
      show: (c) => needsRate(c),
    },
  ],
  [
    { kind: "text", id: "entry", label: "Entry price" },
    { kind: "text", id: "leverage", label: "Leverage", hint: "50, 1:50, 50x, or a margin rate such as 2%", inputMode: "text" },
  ],
  [
    {
      kind: "choice",
      id: "marginMode",
      label: "Margin mode",
      hint: "Isolated: only the position's margin is at risk. Cross: the whole balance backs it.",
      options: [{ value: "isolated", label: "Isolated" }, { value: "cross", label: "Cross" }],
      show: (c) => c.liquidates,
    },
  ],
  [
    {
      kind: "positionsTable",
      id: "others",
      label: "Other positions (range, optional)",
      hint: "The account's other positions, for the cross liquidation price: a positions table's rows (symbol, side, entry, quantity, mark, maintenance rate and amount), no header, e.g. Positions!A5:G16",
      show: (c) => c.liquidates && !c.inverse && c.values.marginMode === "cross",
    },
  ],
  [
    {
      kind: "choice",
      id: "sizeMode",
      label: "Size given as",
      options: [{ value: "quantity", label: "Quantity" }, { value: "value", label: "Value" }, { value: "risk", label: "Risk %" }],
    },
  ],
  [
    { kind: "text", id: "quantity", label: (c) => c.market.quantityLabel, show: (c) => c.values.sizeMode === "quantity" },
    {
      kind: "text",
      id: "value",
      label: (c) => (c.inverse ? `Position value (${c.coin})` : "Position value"),
      hint: (c) => (c.inverse ? "Contracts × contract value ÷ price; rounded down to whole contracts" : "Price × quantity × contract size; rounded down to the quantity step"),
      show: (c) => c.values.sizeMode === "value",
    },
    {
      kind: "text",
      id: "riskPct",
      label: "Risk (% of balance)",
      hint: "Lost if the stop is hit, the fees of opening and of closing there included",
      show: (c) => c.values.sizeMode === "risk",
    },
  ],
  [
    {
      kind: "text",
      id: "stop",
      label: "Stop price",
      hint: (c) => (c.values.sizeMode === "risk" ? "Required: the size is worked out from it" : "Optional: where you would close at a loss"),
    },
    { kind: "text", id: "target", label: "Take profit", hint: "Optional" },
  ],
  [
    {
      kind: "text",
      id: "contractSize",
      label: (c) => c.market.contractSizeLabel,
      hint: (c) => (inCoin(c) ? "USD each contract is worth" : "Units per lot or contract"),
    },
    { kind: "text", id: "feeRate", label: "Fee rate (%)", hint: "On each side's value" },
  ],
  [
    {
      kind: "choice",
      id: "mmrSource",
      label: "Maintenance margin given as",
      options: [{ value: "rate", label: "A rate" }, { value: "table", label: "A tier table in the workbook" }],
      show: (c) => c.liquidates,
    },
  ],
  [{ kind: "text", id: "mmr", label: "Maintenance margin rate (%)", show: (c) => c.liquidates && c.values.mmrSource === "rate" }],
  [
    {
      kind: "tierTable",
      id: "mmrTable",
      label: "Tier table range",
      hint: "Rows of floor, cap, rate (0.004 is 0.4 %) and optionally amount, no header, e.g. Sheet1!A2:D11",
      show: (c) => c.liquidates && c.values.mmrSource === "table",
    },
  ],
  [
    { kind: "text", id: "callLevel", label: "Margin-call level (%)", show: (c) => !c.liquidates },
    { kind: "text", id: "stopoutLevel", label: "Stop-out level (%)", show: (c) => !c.liquidates },
  ],
  [
    { kind: "text", id: "fundingRate", label: "Funding rate (% per interval)", hint: "Positive: longs pay" },
    { kind: "text", id: "fundingIntervalHours", label: "Funding interval (hours)" },
  ],
  [
    {
      kind: "choice",
      id: "region",
      label: "Region (for the retail leverage cap)",
      hint: capHint,
      select: true,
      options: [
        { value: "ESMA", label: "EU (ESMA)" },
        { value: "UK", label: "UK (FCA)" },
        { value: "ASIC", label: "Australia (ASIC)" },
        { value: "US", label: "US (NFA, Regulation T)" },
        { value: "none", label: "No retail cap (professional client)" },
      ],
    },
  ],
];

export const SCENARIO_FIELDS: FieldRow[] = [
  [
    {
      kind: "choice",
      id: "scenarioKind",
      label: "Prices to try",
      options: [{ value: "range", label: "A range of moves" }, { value: "list", label: "A list of prices" }],
    },
  ],
  [
    { kind: "text", id: "moveFrom", label: "From move (%)", show: (c) => c.values.scenarioKind === "range" },
    { kind: "text", id: "moveTo", label: "To move (%)", show: (c) => c.values.scenarioKind === "range" },
    { kind: "text", id: "moveStep", label: "Step (%)", show: (c) => c.values.scenarioKind === "range" },
  ],
  [
    {
      kind: "text",
      id: "priceList",
      label: "Prices",
      hint: "Separated by spaces or semicolons",
      inputMode: "text",
      show: (c) => c.values.scenarioKind === "list",
    },
  ],
  [
    { kind: "text", id: "walkMove", label: "Walkthrough: move against you (%)" },
    { kind: "text", id: "holdingDays", label: "Holding period (days)", hint: "For funding or financing" },
  ],
  [
    {
      kind: "choice",
      id: "output",
      label: "Write as",
      options: [{ value: "formulas", label: "Live formulas" }, { value: "values", label: "Values only" }],
    },
  ],
];

/** The ids of every field in `rows`, in order. */
export function fieldIds(rows: FieldRow[]): FieldId[] {
  return rows.flat().map((f) => f.id);
}

/** A forex pair whose quote currency is not the account's: amounts need a conversion rate. */
function needsRate(c: FieldContext): boolean {
  if (c.market.id !== "forex") return false;
  const quote = quoteOf(c.values.symbol);
  const account = c.values.accountCcy.trim().toUpperCase();
  return quote !== undefined && /^[A-Z]{3}$/.test(account) && quote !== account;
}

/** "JPY and USD": the quote currency and the account's. */
function conversionWords(c: FieldContext): string {
  return `${quoteOf(c.values.symbol) ?? "the quote currency"} and ${c.values.accountCcy.trim().toUpperCase() || "the account currency"}`;
}

/** The quote currency of a pair typed as EUR/USD or EURUSD. */
function quoteOf(symbol: string): string | undefined {
  const m = /^([A-Z]{3})\s*[/\-_. ]?\s*([A-Z]{3})$/.exec(symbol.trim().toUpperCase());
  return m ? m[2] : undefined;
}

/** What the symbol field says about the typed symbol: what the table carries for it, or that it has none. */
function symbolHint(c: FieldContext): string {
  const typed = c.values.symbol.trim();
  const known = findSymbol(c.market.id, typed);
  if (!typed) return "Type your symbol, or pick a common one";
  if (!known) return `Not in LEV's table of common symbols: set ${typed}'s price step, quantity step and contract size below`;
  if (known.tick !== c.values.tick.trim() || known.step !== c.values.quantityStep.trim()) {
    return `${known.symbol} is in LEV's table: pick it from the list to fill its steps (tick ${known.tick}, quantity step ${known.step})`;
  }
  return `Steps from LEV's table: ${known.source}`;
}
