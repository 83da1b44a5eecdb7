import { D, type Dec } from "../../engine";
import { add, cmp, concat, div, iff, lev, lit, mul, or, rangeArg, ref, sub, textOf, type Env, type Expr, type Val } from "./expr";
import type { Trade } from "./form";
import { plural, type Unit } from "./formats";
import { positionKind, viewOf, type PositionKind, type View } from "./position";
import { cellName } from "../../shared/a1";
import { numberOf as num } from "../../shared/cell";
import { accountBlock, othersWords, type AccountBlock } from "./account";
import { keyFigures } from "./scenario-figures";
import { evalRow, outcome, walkEvents, walkthroughRows } from "./scenario-walk";
import { openingReasons, sizeNote, sizeUnit, warningsFor } from "./scenario-warnings";

/**
 * The scenario model: from a trade to the contents of the scenario sheet. Every computed cell is an
 * `Expr` (a LEV.* formula over the named inputs, or plain worksheet arithmetic on them) with the value
 * the engine gives for it; the pane's review is the key figures' values. Pure: no Office, no DOM.
 */

export interface InputCell {
  name: string;
  label: string;
  /** A constant, or an expression over earlier inputs (Direction). */
  value: Val;
  expr?: Expr;
  unit: Unit;
  note: string;
}

export interface Figure {
  name: string;
  label: string;
  explain: string;
  unit: Unit;
  expr: Expr;
  value: Val;
}

export interface Warning {
  id:
    | "liquidation-before-stop"
    | "risk-above-2"
    | "above-retail-cap"
    | "margin-above-balance"
    | "call-at-open"
    | "no-retail-cap"
    | "above-exchange-max"
    | "beyond-first-bracket"
    | "liquidated-at-open"
    | "stopped-out-at-open";
  text: string;
}

/** A sentence on the sheet: a formula over the live cells, and the text it shows now. */
export interface Sentence {
  expr: Expr;
  value: Val;
}

export interface ComputedRow {
  cells: { expr?: Expr; value: Val; unit: Unit }[];
}

export interface StepRow extends ComputedRow {
  /** The step's title as it reads now ("3. Stop-out"), and as a formula: the order follows the prices. */
  step: string;
  stepExpr: Expr;
  /** What happens, as a formula over the row's cells and the key figures. */
  story: Sentence;
}

/** The scenario table's columns: the equity and level columns are named by the view (position margin, margin ratio). */
export function scenarioColumns(view: View): string[] {
  return ["Price", "Move", "PnL", "ROE", view.equityLabel, view.levelLabel, "Status"];
}
export function walkColumns(view: View): string[] {
  return ["Step", "Price", "Move", "PnL", view.equityLabel, view.levelLabel, "Status", "What happens"];
}

export interface Layout {
  titleRow: number;
  /** The key figures' heading; the figures below it in A:B, their explanations in column H. */
  figuresRow: number;
  /** The chart beside the key figures (columns C to G): its first and last rows. */
  chartTop: number;
  chartBottom: number;
  /** The helper cells under the chart (chart data, the walkthrough's order), labelled as such. */
  helpersRow: number;
  inputsRow: number;
  walkRow: number;
  tableHeadingRow: number;
  /** The scenario table's header row; its data starts on the row below. */
  tableRow: number;
}

/** Rows the chart spans beside the key figures: with the title above, it fits a 1400×900 window. */
export const CHART_ROWS = 19;

export interface Scenario {
  trade: Trade;
  view: View;
  /** The sheet's title, live: side, size, entry and leverage come from the input cells. */
  title: Sentence;
  /** Whether the trade can be opened as set, and why not, live. */
  opening: Sentence;
  /** Why the trade cannot be opened as set (empty when it can): shown first, before any figure. */
  blockers: Warning[];
  columns: string[];
  walkColumns: string[];
  inputs: InputCell[];
  figures: Figure[];
  walkthrough: StepRow[];
  rows: ComputedRow[];
  warnings: Warning[];
  layout: Layout;
  /** Cross mode with other positions: the account block the liquidation price and margin ratio read. */
  account?: AccountBlock;
  /** Chart marks: label and price expression (margin call, stop-out or liquidation, the stop, the target). */
  marks: { label: string; price: Expr; value: Val }[];
  /** The walkthrough's order, live: the adverse move's place among the events (1 = first after opening). */
  walkOrder: { expr: Expr; value: Val };
}



function scenarioMoves(t: Trade): Dec[] {
  if (t.scenario.kind === "list") return [];
  const out: Dec[] = [];
  for (let m = t.scenario.from; m.lte(t.scenario.to); m = m.add(t.scenario.step)) out.push(m);
  return out;
}

/** Sheet rows (0-based) of each block, from how many rows each holds. */
function layoutFor(inputs: number, figures: number, helpers: number, steps: number): Layout {
  const figuresRow = 4; // row 5: the "Key figures" heading; the figures start on the row below
  const chartTop = figuresRow + 1;
  const chartBottom = chartTop + CHART_ROWS - 1;
  const helpersRow = chartBottom + 2;
  const inputsRow = Math.max(figuresRow + 1 + figures, helpersRow + helpers) + 1;
  const walkRow = inputsRow + 1 + inputs + 1; // heading, then the column headers, then the steps
  const tableHeadingRow = walkRow + 2 + steps + 1;
  return { titleRow: 0, figuresRow, chartTop, chartBottom, helpersRow, inputsRow, walkRow, tableHeadingRow, tableRow: tableHeadingRow + 1 };
}

/** Rows of the helper block: its title, the chart data's header, two rows per mark, the walkthrough's order. */
export function helperRows(marks: number): number {
  return 2 + 2 * marks + 1;
}

/** What the steps of `buildScenario` share: the trade, its kind, the unit of amounts, and the values worked out so far. */
export interface Build {
  t: Trade;
  kind: PositionKind;
  liquidates: boolean;
  inverse: boolean;
  /** Amounts are in the account currency, or in the coin for inverse contracts. */
  M: Unit;
  /** A label with the amounts' currency or coin. */
  inCoin: (label: string) => string;
  /** Values by name and by address, in the order the sheet computes them. */
  env: Env;
}

/** The named inputs, the cells a trader changes; each value is put in `env` as it is defined. */
function scenarioInputs(b: Build): InputCell[] {
  const { t, liquidates, inverse, M, inCoin, env } = b;
  const inputs: InputCell[] = [];
  const input = (name: string, label: string, value: Val, unit: Unit, note: string, expr?: Expr) => {
    inputs.push({ name, label, value, unit, note, expr });
    env.set(name, expr ? expr.value(env) : value);
    if (expr) inputs[inputs.length - 1]!.value = env.get(name)!;
  };
  input("Side", "Side", t.sideWord, "text", "long or short");
  input("Balance", inCoin("Balance"), num(t.balance), M, inverse ? `account balance in ${t.coin} (coin-margined)` : "account balance (deposit)");
  input("Entry", "Entry price", num(t.entry), "price", `${t.symbol}; price step ${t.tick}`);
  // The note states no figure of this trade, so it stays true when the cell is changed.
  input("Leverage", "Leverage", num(t.leverage), "multiple", "a multiple: 20 is 1:20 or 20x");
  input("Quantity", t.market.quantityLabel, num(t.quantity), "quantity", sizeNote(t));
  if (inverse) input("ContractSize", "Contract value", num(t.contractSize), "quantity", "USD per contract");
  else input("ContractSize", "Contract size", num(t.contractSize), "quantity", "units per lot or contract");
  if (t.fx) {
    input("RatePair", "Conversion pair", t.fx.ratePair, "text", `joins ${t.fx.quote} and ${t.fx.account}`);
    input("Rate", "Conversion rate", num(t.fx.rate), "ratio", `price of ${t.fx.ratePair}: ${t.fx.quote} amounts are converted into ${t.fx.account} at this fixed rate`);
  }
  if (liquidates && t.tierTable) {
    // The formulas refer to the table itself, so editing it there recalculates this sheet.
    input("TierTable", "Maintenance margin", `tier table at ${t.tierTable.label}`, "text",
      `${plural(t.tierTable.brackets, "bracket", "brackets")}; the liquidation price reads the table directly: edit the table there`);
  } else if (liquidates) input("MMR", "Maintenance margin rate", num(t.mmr), "rate", "share of position value the exchange keeps");
  else {
    input("CallLevel", "Margin-call level", num(t.callLevel), "percent", "margin level at which the broker calls");
    input("StopOutLevel", "Stop-out level", num(t.stopoutLevel), "percent", "margin level at which the broker closes");
  }
  if (t.cap.kind === "exchange" && t.cap.exchange) {
    input("MaxLeverage", "Exchange's maximum leverage", num(new D(t.cap.exchange.leverage)), "multiple", t.cap.exchange.source);
  }
  input("FeeRate", "Fee rate (each side)", num(t.feeRate), "rate", "charged on the value at open and at close");
  if (t.stop) input("Stop", "Stop price", num(t.stop), "price", "your stop loss");
  if (t.target) input("Target", "Take-profit price", num(t.target), "price", "your take profit");
  input("FundingRate", "Funding rate per interval", num(t.fundingRate), "rate", "positive: longs pay shorts");
  input("FundingHours", "Funding interval (hours)", num(t.fundingIntervalHours), "hours", "hours between funding or financing charges");
  input("HoldingDays", "Holding period (days)", num(t.holdingDays), "days", "how long you expect to hold");
  input("WalkMove", "Adverse move (walkthrough)", num(t.walkMove), "percent", "the move against you the walkthrough follows");
  // +1 for a long, −1 for a short, read by the engine as every LEV function reads a side: the PnL of one unit
  // from 1 to 2 is the side itself, and a Side LEV cannot read is #VALUE! here as in every figure.
  const direction = lev("PNL", { side: ref("Side"), entry: lit(1), exit: lit(2), quantity: lit(1) });
  input("Direction", "Direction", 0, "ratio", "+1 long, −1 short: Side as LEV reads it (the PnL of one unit from 1 to 2)", direction);
  if (t.view === "cross" && t.others) {
    input("OtherPositions", "Other positions", `${othersWords(t.others.count)} at ${t.others.label}`, "text",
      "read live from that table (block at the right): change a mark there and the liquidation price follows");
  }
  return inputs;
}

/** Whether the trade can be opened as set: each reason a live condition over the inputs and key figures. */
function openingOf(b: Build, view: View, End: Expr) {
  const reasons = openingReasons(b.t, b.env, view, End);
  const blockers: Warning[] = reasons.filter((r) => r.when.value(b.env) === true).map((r) => ({ id: r.id, text: r.text() }));
  const CannotOpen: Expr = or(...reasons.map((r) => r.when));
  const openingExpr = iff(
    CannotOpen,
    concat("THIS TRADE CANNOT BE OPENED AS SET: ", ...reasons.map((r) => iff(r.when, lit(`${r.words}; `), lit(""))), "the figures below show what it would do if it were."),
    lit(`The trade can be opened as set: ${view.openWords}.`),
  );
  const opening: Sentence = { expr: openingExpr, value: openingExpr.value(b.env) };
  return { opening, blockers, CannotOpen };
}

/** The scenario table: columns A..G, header on the layout's tableRow, a row per price or move below. */
function scenarioTable(b: Build, view: View, layout: Layout): ComputedRow[] {
  const { t, env } = b;
  const Entry = ref("Entry");
  const rows: ComputedRow[] = [];
  const moves = scenarioMoves(t);
  const prices = t.scenario.kind === "list" ? t.scenario.prices : [];
  const count = t.scenario.kind === "list" ? prices.length : moves.length;
  for (let i = 0; i < count; i++) {
    const row = layout.tableRow + 1 + i;
    const priceCell = cellName(row, 0);
    const moveCell = cellName(row, 1);
    const first =
      t.scenario.kind === "list"
        ? [
            { value: num(prices[i]!), unit: "price" as Unit },
            { expr: sub(div(ref(priceCell), Entry), lit(1)), unit: "percent" as Unit },
          ]
        : [
            { expr: mul(Entry, add(lit(1), ref(moveCell))), unit: "price" as Unit },
            { value: num(moves[i]!), unit: "percent" as Unit },
          ];
    if (t.scenario.kind === "range") env.set(moveCell, num(moves[i]!)); // the price formula reads the move
    rows.push(evalRow(env, row, 0, [...first, ...outcome(b, view, priceCell, row, 4, true).cells]));
  }
  return rows;
}

/** The sheet's title, live: side, size, entry and leverage come from the input cells. */
function titleOf(b: Build, view: View): Sentence {
  const { t } = b;
  const [Side, Quantity, Entry, Leverage] = ["Side", "Quantity", "Entry", "Leverage"].map(ref) as [Expr, Expr, Expr, Expr];
  const unit = sizeUnit(t);
  const titleExpr = concat(
    `LEV scenario: ${t.symbol} `, Side, " ", Quantity, " ", iff(cmp("=", Quantity, lit(1)), lit(unit.one), lit(unit.many)),
    " at ", textOf(Entry, t.prices), ", leverage ", Leverage, `x, ${view.titleWords}`,
  );
  return { expr: titleExpr, value: titleExpr.value(b.env) };
}

/**
 * The scenario sheet of a trade, in the order a worksheet computes it: the inputs, the key figures, whether it
 * can be opened, the walkthrough, the scenario table and the title.
 */
export function buildScenario(t: Trade): Scenario {
  const kind = positionKind(t);
  const inverse = kind.id === "inverse";
  const b: Build = {
    t,
    kind,
    liquidates: t.view !== "account",
    inverse,
    M: kind.unit,
    inCoin: (label) => (inverse ? `${label} (${t.coin})` : t.fx ? `${label} (${t.fx.account})` : label),
    env: new Map() };
  const inputs = scenarioInputs(b);
  const account = t.view === "cross" && t.others ? accountBlock(t, t.others, b.env) : undefined;
  // A tier table is passed as the range it sits in; the engine picks the bracket holding the position's value.
  const mmr = t.tierTable ? rangeArg(t.tierTable.ref, t.tierTable.cells) : ref("MMR");
  const view = viewOf(t, kind, mmr, account);
  const { figures, marks, End } = keyFigures(b, view, mmr, account);
  const { opening, blockers, CannotOpen } = openingOf(b, view, End);
  const events = walkEvents(b, view, End);
  const layout = layoutFor(inputs.length, figures.length, helperRows(marks.length), events.fixed.length + 2);
  const walkthrough = walkthroughRows(b, view, layout, events, { CannotOpen, account: account !== undefined });
  const rows = scenarioTable(b, view, layout);
  return {
    trade: t,
    view,
    title: titleOf(b, view),
    opening,
    blockers,
    columns: scenarioColumns(view),
    walkColumns: walkColumns(view),
    inputs,
    figures,
    walkthrough,
    rows,
    warnings: warningsFor(t, b.env),
    layout,
    account,
    marks,
    walkOrder: events.walkOrder };
}
