import type { FieldId, FormValues } from "./form";
import type { Preset } from "./presets";

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

export type FieldSpec = TextFieldSpec | ChoiceFieldSpec | TierFieldSpec | PositionsFieldSpec;
/** Fields laid out side by side. */
export type FieldRow = FieldSpec[];

export function textOf(t: Text | undefined, c: FieldContext): string | undefined {
  return typeof t === "function" ? t(c) : t;
}

const inCoin = (c: FieldContext) => c.inverse;

export const TRADE_FIELDS: FieldRow[] = [
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
      hint: (c) => (c.inverse ? "Contracts × contract value ÷ price; rounded down to whole contracts" : "Price × quantity × contract size"),
      show: (c) => c.values.sizeMode === "value",
    },
    {
      kind: "text",
      id: "riskPct",
      label: "Risk (% of balance)",
      hint: "Lost if the stop is hit; the stop below is required",
      show: (c) => c.values.sizeMode === "risk",
    },
  ],
  [
    { kind: "text", id: "stop", label: "Stop price (optional)" },
    { kind: "text", id: "target", label: "Take profit (optional)" },
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
