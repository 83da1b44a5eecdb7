import { D, type Dec } from "../../engine";
import { add, cmp, concat, div, iff, isNA, isNumber, lev, lit, mul, neg, or, rangeArg, ref, round, sub, textOf, type Env, type Expr, type Val } from "./expr";
import type { Trade } from "./form";
import { plural, type Unit } from "./formats";
import { positionKind, viewOf, type View } from "./position";
import { cellName } from "../../shared/a1";
import { numberOf as num } from "../../shared/cell";
import { accountBlock, othersWords, type AccountBlock } from "./account";
import { COIN_DIGITS, MONEY_DIGITS, openingReasons, sizeNote, sizeUnit, warningsFor } from "./scenario-warnings";

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


/** The figures worked out over the whole cross account when other positions are given. */
const ACCOUNT_FIGURES = new Set(["AccountMarginRatio", "LiqPrice", "EndResult", "LiqDistance"]);

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

export function buildScenario(t: Trade): Scenario {
  const kind = positionKind(t);
  const liquidates = t.view !== "account";
  const inverse = kind.id === "inverse";
  // Amounts are in the account currency, or in the coin for inverse contracts.
  const M: Unit = kind.unit;
  const inCoin = (label: string) => (inverse ? `${label} (${t.coin})` : t.fx ? `${label} (${t.fx.account})` : label);
  const env: Env = new Map();

  // ── Inputs ──────────────────────────────────────────────────────────────────────────────────────
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
  const account = t.view === "cross" && t.others ? accountBlock(t, t.others, env) : undefined;

  // A tier table is passed as the range it sits in; the engine picks the bracket holding the position's value.
  const mmr = t.tierTable ? rangeArg(t.tierTable.ref, t.tierTable.cells) : ref("MMR");
  const view = viewOf(t, kind, mmr, account);

  // ── Key figures: a list over the position kind and the view ─────────────────────────────────────
  const figures: Figure[] = [];
  const figure = (name: string, label: string, unit: Unit, expr: Expr, explain: string) => {
    const value = expr.value(env);
    env.set(name, value);
    // With other positions, the figures over the whole account say so; the rest are about this trade alone.
    const prefix = account && !ACCOUNT_FIGURES.has(name) ? "Cross margin, this trade alone: " : view.prefix;
    figures.push({ name, label, unit, expr, value, explain: prefix + explain });
    return value;
  };
  const [Side, Balance, Entry, Leverage, Quantity, ContractSize, FeeRate] = [
    "Side",
    "Balance",
    "Entry",
    "Leverage",
    "Quantity",
    "ContractSize",
    "FeeRate",
  ].map(ref) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr];
  const priceText = (e: Expr) => textOf(e, t.prices);
  const moneyText = (e: Expr) => textOf(e, inverse ? COIN_DIGITS : MONEY_DIGITS);
  const beforeFees = "Counted before fees, as the venue counts it while the position is open (the fee to close is paid when it closes).";

  figure("Notional", inCoin("Position value"), M, kind.notional(Entry), `what the position is worth at entry: ${kind.valueRule}.`);
  figure("Margin", inCoin("Required margin"), M, lev("MARGIN", { notional: ref("Notional"), leverage: Leverage }),
    "the part of your balance the position locks up: position value ÷ leverage.");
  figure("FreeMargin", inCoin("Free margin"), M, lev("FREEMARGIN", { equity: Balance, used_margin: ref("Margin") }),
    "what is left to absorb losses or open more: balance − margin.");
  figure("EffectiveLeverage", "Effective leverage", "multiple", lev("LEVERAGE", { notional: ref("Notional"), equity: Balance }),
    "position value ÷ balance: how much exposure each unit of your own money carries.");

  const marks: Scenario["marks"] = [];
  const tableNote = t.tierTable
    ? ` The rate comes from your tier table at ${t.tierTable.label}: the bracket that holds the position's value at that price.`
    : "";
  if (view.id === "isolated") {
    figure("MarginRatio", "Margin ratio at open (before fees)", "percent", div(lev("MAINTMARGIN", { notional: ref("Notional"), mmr }), ref("Margin")),
      `maintenance margin ÷ the position's margin balance (Binance's margin ratio); the exchange liquidates at 100 %. ${beforeFees}`);
    const lp = figure("LiqPrice", "Liquidation price", "price", kind.liquidationPrice(Leverage, mmr),
      `where the position's own margin (initial margin plus profit or loss) falls to the maintenance margin and the exchange liquidates it; only that margin is at risk.${tableNote}`);
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else if (view.id === "cross" && account) {
    figure("AccountMarginRatio", "Account margin ratio at open (before fees)", "percent", account.marginRatio(Entry),
      `maintenance margin ÷ margin balance of the whole account, as LEV.CROSSACCOUNT works it out, with ${t.symbol} (this trade and its rows in your table) at the entry and every other symbol at its mark; the exchange liquidates at 100 %. ${beforeFees}`);
    const lp = figure("LiqPrice", "Liquidation price", "price", account.liqPrice,
      `where the whole account's margin balance falls to its maintenance margin with ${t.symbol} at that price and every other symbol at its mark (LEV.CROSSLIQ over the table and this trade); the whole balance is at risk.`);
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else if (view.id === "cross") {
    figure("LevelAtOpen", "Margin level at open (before fees)", "percent", lev("MARGINLEVEL", { equity: Balance, used_margin: ref("Margin") }),
      `equity ÷ used margin: the whole balance backs the position. ${beforeFees}`);
    // One position on a cross account: the wallet's liquidation price, which is the isolated one at the effective leverage.
    const lp = figure("LiqPrice", "Liquidation price", "price",
      inverse
        ? kind.liquidationPrice(ref("EffectiveLeverage"), mmr)
        : lev("WALLETLIQ", { side: Side, entry: Entry, quantity: mul(Quantity, ContractSize), wallet_balance: Balance, mmr }),
      `where the whole balance plus the loss falls to the maintenance margin and the exchange liquidates; the whole balance is at risk.${tableNote}`);
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else {
    figure("LevelAtOpen", "Margin level at open (before fees)", "percent", lev("MARGINLEVEL", { equity: Balance, used_margin: ref("Margin") }),
      `equity ÷ used margin. Brokers call and close out at set levels of it. ${beforeFees}`);
    const call = (level: string) =>
      lev("CALLPRICE", { side: Side, entry: Entry, quantity: Quantity, balance: kind.inQuote(Balance), leverage: Leverage, level: ref(level), contract_size: ContractSize });
    const cp = figure("CallPrice", "Margin-call price", "price", call("CallLevel"),
      "where your margin level falls to the margin-call level and the broker asks for more money.");
    const so = figure("StopOutPrice", "Stop-out price", "price", call("StopOutLevel"),
      "where your margin level falls to the stop-out level and the broker closes the position.");
    marks.push({ label: "Margin call", price: ref("CallPrice"), value: cp }, { label: "Stop-out", price: ref("StopOutPrice"), value: so });
  }
  // The chart draws the marks that exist (a broker account may never reach its margin call): not one in the legend that is not drawn.
  const drawn = marks.filter((m) => typeof m.value === "number");
  marks.splice(0, marks.length, ...drawn);
  const End = ref(view.ending.price);
  figure("EndResult", inCoin(`Result if closed at the ${view.ending.word}`), M, view.closedResult,
    `what the position closes with once price reaches the ${view.ending.word}: ${view.closedWords}. Scenario rows beyond it show this, not a running loss.`);
  figure(liquidates ? "LiqDistance" : "StopOutDistance", liquidates ? "Distance to liquidation" : "Distance to stop-out", "percent",
    lev("LIQDISTANCE", { side: Side, price: Entry, liq_price: End }),
    `how far price can move against you, from entry, before the ${view.ending.word}.`);
  if (inverse) {
    figure("Bankruptcy", "Bankruptcy price", "price", lev("BANKRUPTCY", { side: Side, entry: Entry, leverage: Leverage, inverse: lit(true) }),
      "where the initial margin is all gone: entry × leverage ÷ (leverage + 1) for a long, ÷ (leverage − 1) for a short. Liquidation comes first.");
  }
  if (t.stop) {
    figure("RiskAtStop", inCoin("Profit or loss at the stop"), M, kind.pnlAt(ref("Stop")),
      "what you lose if the stop is hit, the fees of opening and of closing at the stop included.");
    figure("RiskPct", "Risk as % of balance", "percent", div(neg(ref("RiskAtStop")), Balance),
      "the loss at the stop, fees included, as a share of your balance; many traders keep it at 1–2 %.");
    marks.push({ label: "Stop", price: ref("Stop"), value: env.get("Stop")! });
  }
  if (t.target) {
    figure("PnlAtTarget", inCoin("Profit at the take profit"), M, kind.pnlAt(ref("Target")),
      "what you make if the take profit is hit, fees included.");
    marks.push({ label: "Take profit", price: ref("Target"), value: env.get("Target")! });
  }
  if (t.stop && t.target) {
    figure("RewardRisk", "Reward-to-risk", "ratio", lev("RR", { side: Side, entry: Entry, stop: ref("Stop"), target: ref("Target") }),
      "distance to the target ÷ distance to the stop: 2 means you aim to win twice what you risk.");
  }
  // Inverse too: side·(1/E − 1/X) = f·(1/E + 1/X) gives X = E·(side + f)/(side − f), which is BREAKEVEN's
  // linear answer with equal fees, (E·(1 + side·f))/(1 − side·f).
  figure("BreakEven", "Break-even price", "price", lev("BREAKEVEN", { side: Side, entry: Entry, open_fee_rate: FeeRate, close_fee_rate: FeeRate }),
    "where you would close with no profit and no loss once both fees are paid.");
  if (inverse) {
    figure("DoublingPrice", "Price for +100 % on margin", "price",
      lev("TARGETPRICE", { side: Side, entry: Entry, roe: lit(1), leverage: Leverage, inverse: lit(true) }),
      "where the position has earned its margin once over (ROE +100 %, before fees): entry ÷ (1 − 1/leverage) for a long, ÷ (1 + 1/leverage) for a short. In coin, gains up need a longer move than gains down.");
  }
  figure("FundingPerDay", inCoin("Funding per day"), M,
    lev("FUNDINGFEE", { side: Side, notional: ref("Notional"), rate: ref("FundingRate"), periods: div(lit(24), ref("FundingHours")) }),
    "funding or financing paid (negative) or received (positive) per day at the current rate.");
  figure("FundingHolding", inCoin("Funding over the holding period"), M,
    lev("FUNDINGFEE", { side: Side, notional: ref("Notional"), rate: ref("FundingRate"), periods: div(mul(ref("HoldingDays"), lit(24)), ref("FundingHours")) }),
    "the same, over the days you expect to hold.");

  // ── Can it be opened? Each reason is a live condition over the inputs and key figures ──────────
  const reasons = openingReasons(t, env, view, End);
  const blocked = reasons.map((r) => ({ r, on: r.when.value(env) === true }));
  const blockers: Warning[] = blocked.filter((b) => b.on).map((b) => ({ id: b.r.id, text: b.r.text() }));
  const CannotOpen: Expr = or(...reasons.map((r) => r.when));
  const openingExpr = iff(
    CannotOpen,
    concat("THIS TRADE CANNOT BE OPENED AS SET: ", ...reasons.map((r) => iff(r.when, lit(`${r.words}; `), lit(""))), "the figures below show what it would do if it were."),
    lit(`The trade can be opened as set: ${view.openWords}.`),
  );
  const opening: Sentence = { expr: openingExpr, value: openingExpr.value(env) };

  // ── The walkthrough's events, in the order price reaches them (live) ────────────────────────────
  const endWord = view.ending.word;
  type Event = { title: Expr; price: Expr; story: (closed: Expr, status: Expr, price: Expr) => Expr };
  const eventStory = (figureName: string, what: string) => (): Expr =>
    iff(isNumber(ref(figureName)), lit(`At this price ${what}.`),
      iff(isNA(ref(figureName)), lit("This account never gets there: the price can fall to zero first."),
        lit("There is no such price: the position would be closed as it opens.")));
  const fixed: Event[] = liquidates
    ? [{ title: lit("Liquidation"), price: End, story: eventStory(view.ending.price, view.id === "isolated"
        ? "the position's margin falls to the maintenance margin: the exchange liquidates it and the margin is lost"
        : "the account's margin balance falls to the maintenance margin: the exchange liquidates the position and the balance is lost") }]
    : [
        { title: lit("Margin call"), price: ref("CallPrice"), story: eventStory("CallPrice", "the margin level reaches the margin-call level: the broker asks for more money or for positions to be closed") },
        { title: lit("Stop-out"), price: ref("StopOutPrice"), story: eventStory("StopOutPrice", "the margin level reaches the stop-out level: the broker closes the position at a loss") },
      ];
  const walkPrice = mul(Entry, sub(lit(1), mul(ref("Direction"), ref("WalkMove"))));
  const hadItStayed = (price: Expr): Expr => {
    const loss = neg(kind.pnlAt(price));
    if (view.id !== "account") return concat("Had it stayed open, this move would have lost ", moneyText(loss), ".");
    const equity = lev("EQUITY", { balance: Balance, floating_pnl: kind.pnlAt(price) });
    return concat("Had it stayed open, this move would have lost ", moneyText(loss), ": equity ", moneyText(equity), ", margin level ",
      textOf(lev("MARGINLEVEL", { equity, used_margin: ref("Margin") }), MONEY_DIGITS, true), ".");
  };
  const walk: Event = {
    title: concat("Price moves ", round(mul(ref("WalkMove"), lit(100)), 4), " % against you"),
    price: walkPrice,
    story: (closed, status, price) =>
      iff(closed,
        concat(`The position no longer exists here: it was closed at the ${endWord} price, and ${view.closedWords}. `, hadItStayed(price)),
        iff(cmp("=", status, lit("OK")), lit("The position stays open."), concat("The position is still open; status: ", status, "."))) };
  // The adverse move's place among the events: after every event price reaches first (or at the same price).
  const WalkOrder = add(lit(1), fixed.reduce<Expr>((sum, e) =>
    add(sum, iff(isNumber(e.price), iff(cmp("<=", mul(sub(Entry, e.price), ref("Direction")), mul(Entry, ref("WalkMove"))), lit(1), lit(0)), lit(0))), lit(0)));
  env.set("WalkOrder", WalkOrder.value(env));
  const walkOrder = { expr: WalkOrder, value: env.get("WalkOrder")! };
  /** Row r of the events (1-based): the adverse move where it falls, the fixed events around it in order. */
  const pick = <T>(r: number, of: (e: Event) => T, choose: (c: Expr, a: T, b: T) => T): T => {
    const W = ref("WalkOrder");
    const before = r <= fixed.length ? of(fixed[r - 1]!) : undefined;
    const after = r >= 2 ? of(fixed[r - 2]!) : undefined;
    const other = before && after ? choose(cmp(">", W, lit(r)), before, after) : (before ?? after)!;
    return choose(cmp("=", W, lit(r)), of(walk), other);
  };
  const chooseExpr = (c: Expr, a: Expr, b: Expr) => iff(c, a, b);

  // ── Rows (walkthrough and scenario table) share one shape ───────────────────────────────────────
  const layout = layoutFor(inputs.length, figures.length, helperRows(marks.length), fixed.length + 2);

  /** The cells of a row whose price sits in `priceCell`: PnL (the closed result beyond the end), ROE, equity, level and status. */
  const outcome = (priceCell: string, row: number, equityCol: number, withRoe: boolean) => {
    const price = ref(priceCell);
    const closed = view.closedAt(price);
    const pnlCell = ref(cellName(row, equityCol - (withRoe ? 2 : 1)));
    const equityCell = ref(cellName(row, equityCol));
    const cells: { expr: Expr; unit: Unit }[] = [{ expr: iff(closed, ref("EndResult"), kind.pnlAt(price)), unit: M }];
    if (withRoe) cells.push({ expr: div(pnlCell, ref("Margin")), unit: "percent" });
    cells.push({ expr: view.equity(price, closed), unit: M });
    cells.push({ expr: iff(closed, lit("closed"), view.level(price, equityCell)), unit: "percent" });
    cells.push({ expr: view.status(price, equityCell), unit: "text" });
    return { cells, closed };
  };

  const evalRow = (row: number, col0: number, exprs: { expr?: Expr; value?: Val; unit: Unit }[]): ComputedRow => {
    const cells = exprs.map((c, i) => {
      const value = c.expr ? c.expr.value(env) : c.value!;
      env.set(cellName(row, col0 + i), value);
      return { expr: c.expr, value, unit: c.unit };
    });
    return { cells };
  };

  // Walkthrough: columns A (step) … H (story); computed cells are B..G.
  const walkthrough: StepRow[] = [];
  const firstStep = layout.walkRow + 2;
  const openStory = (): Expr =>
    iff(CannotOpen, lit("The trade cannot be opened as set: see the line under the title. The rows below show what would happen if it were."),
      lit(view.id === "isolated"
        ? "You open the trade: the required margin moves into the position and is all it can lose; the rest of the balance is untouched."
        : view.id === "cross"
          ? `You open the trade: the required margin is locked up and the whole ${account ? "account" : "balance"} backs the position.`
          : "You open the trade: the required margin is locked up and the rest of the balance is free margin."));
  const open: Event = { title: lit("Open the trade"), price: Entry, story: openStory };
  const rowsOfSteps: { title: Expr; price: Expr; story: Event["story"] }[] = [open];
  for (let r = 1; r <= fixed.length + 1; r++) {
    rowsOfSteps.push({
      title: pick(r, (e) => e.title, chooseExpr),
      price: pick(r, (e) => e.price, chooseExpr),
      story: (closed, status, price) => pick(r, (e) => e.story(closed, status, price), chooseExpr) });
  }
  rowsOfSteps.forEach((s, i) => {
    const row = firstStep + i;
    const priceCell = cellName(row, 1);
    const o = outcome(priceCell, row, 4, false);
    const computed = evalRow(row, 1, [
      { expr: s.price, unit: "price" },
      { expr: sub(div(ref(priceCell), Entry), lit(1)), unit: "percent" },
      ...o.cells,
    ]);
    const story = s.story(o.closed, ref(cellName(row, 6)), ref(priceCell));
    const step = concat(`${i + 1}. `, s.title);
    walkthrough.push({ ...computed, step: String(step.value(env)), stepExpr: step, story: { expr: story, value: story.value(env) } });
  });

  // Scenario table: columns A..G, header on tableRow, data below.
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
    rows.push(evalRow(row, 0, [...first, ...outcome(priceCell, row, 4, true).cells]));
  }

  const unit = sizeUnit(t);
  const titleExpr = concat(
    `LEV scenario: ${t.symbol} `, Side, " ", Quantity, " ", iff(cmp("=", Quantity, lit(1)), lit(unit.one), lit(unit.many)),
    " at ", priceText(Entry), ", leverage ", Leverage, `x, ${view.titleWords}`,
  );
  return {
    trade: t,
    view,
    title: { expr: titleExpr, value: titleExpr.value(env) },
    opening,
    blockers,
    columns: scenarioColumns(view),
    walkColumns: walkColumns(view),
    inputs,
    figures,
    walkthrough,
    rows,
    warnings: warningsFor(t, env),
    layout,
    account,
    marks,
    walkOrder };
}
