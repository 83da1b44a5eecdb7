import { type Dec } from "../../engine";
import { add, cmp, concat, div, iff, isError, isNA, isNumber, lev, lit, mul, neg, not, or, rangeArg, ref, round, sub, type Env, type Expr, type Val } from "./expr";
import type { Trade } from "./form";
import type { Unit } from "./formats";
import { positionKind, viewOf, type View } from "./position";
import { cellName } from "../workbook";
import { accountBlock, othersWords, type AccountBlock } from "./account";

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
    | "no-retail-sale"
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
  step: string;
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
  inputsRow: number;
  figuresRow: number;
  walkRow: number;
  tableHeadingRow: number;
  /** The scenario table's header row; its data starts on the row below. */
  tableRow: number;
}

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
  /** Chart marks: label and price expression (the liquidation or stop-out, the stop, the target). */
  marks: { label: string; price: Expr; value: Val }[];
}

const num = (d: Dec) => d.toNumber();

/** The figures worked out over the whole cross account when other positions are given. */
const ACCOUNT_FIGURES = new Set(["AccountMarginRatio", "LiqPrice", "EndResult", "LiqDistance"]);

function scenarioMoves(t: Trade): Dec[] {
  if (t.scenario.kind === "list") return [];
  const out: Dec[] = [];
  for (let m = t.scenario.from; m.lte(t.scenario.to); m = m.add(t.scenario.step)) out.push(m);
  return out;
}

/** Sheet rows (0-based) of each block, from how many rows each holds. */
function layoutFor(inputs: number, figures: number, steps: number): Layout {
  const inputsRow = 3; // row 4: the "Inputs" heading; its cells start on the row below
  const figuresRow = inputsRow + 1 + inputs + 1;
  const walkRow = figuresRow + 1 + figures + 1; // heading, then the column headers, then the steps
  const tableHeadingRow = walkRow + 2 + steps + 1;
  return { titleRow: 0, inputsRow, figuresRow, walkRow, tableHeadingRow, tableRow: tableHeadingRow + 1 };
}

export function buildScenario(t: Trade): Scenario {
  const kind = positionKind(t);
  const liquidates = t.view !== "account";
  const inverse = kind.id === "inverse";
  // Amounts are in the account currency, or in the coin for inverse contracts.
  const M: Unit = kind.unit;
  const inCoin = (label: string) => (inverse ? `${label} (${t.coin})` : label);
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
  input("Entry", "Entry price", num(t.entry), "price", t.symbol);
  // The note states no figure of this trade, so it stays true when the cell is changed.
  input("Leverage", "Leverage", num(t.leverage), "multiple", "a multiple: 20 is 1:20 or 20x");
  input("Quantity", t.market.quantityLabel, num(t.quantity), "quantity", sizeNote(t));
  if (inverse) input("ContractSize", "Contract value", num(t.contractSize), "quantity", "USD per contract");
  else input("ContractSize", "Contract size", num(t.contractSize), "quantity", "units per lot or contract");
  if (liquidates && t.tierTable) {
    // The formulas refer to the table itself, so editing it there recalculates this sheet.
    input("TierTable", "Maintenance margin", `tier table at ${t.tierTable.label}`, "text",
      `${t.tierTable.brackets} brackets; the liquidation price reads the table directly: edit the table there`);
  } else if (liquidates) input("MMR", "Maintenance margin rate", num(t.mmr), "percent", "share of position value the exchange keeps");
  else {
    input("CallLevel", "Margin-call level", num(t.callLevel), "percent", "margin level at which the broker calls");
    input("StopOutLevel", "Stop-out level", num(t.stopoutLevel), "percent", "margin level at which the broker closes");
  }
  input("FeeRate", "Fee rate (each side)", num(t.feeRate), "percent", "charged on the value at open and at close");
  if (t.stop) input("Stop", "Stop price", num(t.stop), "price", "your stop loss");
  if (t.target) input("Target", "Take-profit price", num(t.target), "price", "your take profit");
  input("FundingRate", "Funding rate per interval", num(t.fundingRate), "percent", "positive: longs pay shorts");
  input("FundingHours", "Funding interval", num(t.fundingIntervalHours), "hours", "hours between funding or financing charges");
  input("HoldingDays", "Holding period", num(t.holdingDays), "days", "how long you expect to hold");
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
  const view = viewOf(t, kind, mmr);

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
    figure("MarginRatio", "Margin ratio at open", "percent", div(lev("MAINTMARGIN", { notional: ref("Notional"), mmr }), ref("Margin")),
      "maintenance margin ÷ the position's margin balance (Binance's margin ratio); the exchange liquidates at 100 %.");
    const lp = figure("LiqPrice", "Liquidation price", "price", kind.liquidationPrice(Leverage, mmr),
      `where the position's own margin (initial margin plus profit or loss) falls to the maintenance margin and the exchange liquidates it; only that margin is at risk.${tableNote}`);
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else if (view.id === "cross" && account) {
    figure("AccountMarginRatio", "Account margin ratio at open", "percent", account.marginRatio,
      "maintenance margin ÷ margin balance of the whole account (every position at its mark, this one at open), as LEV.CROSSACCOUNT works it out; the exchange liquidates at 100 %.");
    const lp = figure("LiqPrice", "Liquidation price", "price", account.liqPrice,
      `where the whole account's margin balance falls to its maintenance margin with this symbol at that price and every other symbol at its mark (LEV.CROSSLIQ over the table and this trade); the whole balance is at risk.`);
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else if (view.id === "cross") {
    figure("LevelAtOpen", "Margin level at open", "percent", lev("MARGINLEVEL", { equity: Balance, used_margin: ref("Margin") }),
      "equity ÷ used margin: the whole balance backs the position.");
    // One position on a cross account: the wallet's liquidation price, which is the isolated one at the effective leverage.
    const lp = figure("LiqPrice", "Liquidation price", "price",
      inverse
        ? kind.liquidationPrice(ref("EffectiveLeverage"), mmr)
        : lev("WALLETLIQ", { side: Side, entry: Entry, quantity: mul(Quantity, ContractSize), wallet_balance: Balance, mmr }),
      `where the whole balance plus the loss falls to the maintenance margin and the exchange liquidates; the whole balance is at risk.${tableNote}`);
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else {
    figure("LevelAtOpen", "Margin level at open", "percent", lev("MARGINLEVEL", { equity: Balance, used_margin: ref("Margin") }),
      "equity ÷ used margin. Brokers call and close out at set levels of it.");
    const call = (level: string) =>
      lev("CALLPRICE", { side: Side, entry: Entry, quantity: Quantity, balance: Balance, leverage: Leverage, level: ref(level), contract_size: ContractSize });
    figure("CallPrice", "Margin-call price", "price", call("CallLevel"),
      "where your margin level falls to the margin-call level and the broker asks for more money.");
    const so = figure("StopOutPrice", "Stop-out price", "price", call("StopOutLevel"),
      "where your margin level falls to the stop-out level and the broker closes the position.");
    marks.push({ label: "Stop-out", price: ref("StopOutPrice"), value: so });
  }
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
      "what you lose if the stop is hit, fees included.");
    figure("RiskPct", "Risk as % of balance", "percent", div(neg(ref("RiskAtStop")), Balance),
      "the loss at the stop as a share of your balance; many traders keep it at 1–2 %.");
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
  const reasons: { id: Warning["id"]; when: Expr; words: string; text: () => string }[] = [];
  reasons.push({
    id: "margin-above-balance",
    when: cmp(">", ref("Margin"), Balance),
    words: "the required margin is larger than the balance",
    text: () => `The margin (${money(env.get("Margin")!, t)}) is larger than your balance (${money(num(t.balance), t)}): the trade cannot be opened. Lower the size or the leverage, or add funds.`,
  });
  if (t.region !== "none") {
    const cap = lev("RETAILCAP", { region: lit(t.region), asset_class: lit(t.market.assetClass) });
    // #N/A outside the US: the product is not sold to retail clients there; in the US, no cap is set by this table.
    const ukBan = t.region !== "US";
    reasons.push({
      id: "above-retail-cap",
      when: iff(isNumber(cap), cmp(">", Leverage, cap), lit(ukBan)),
      words: `the leverage is above the ${t.region} retail cap`,
      text: () => {
        const c = cap.value(env);
        return isError(c)
          ? `${t.region}: ${c.message}: a retail client cannot open this trade. Choose "No retail cap" only if you are a professional client.`
          : `Leverage ${t.leverage.toString()}x is above the ${t.region} retail cap of ${c}:1 for this market: a retail account cannot open it. Lower the leverage to ${c} or less.`;
      },
    });
  }
  if (liquidates) {
    reasons.push({
      id: "liquidated-at-open",
      when: and2(not(isNumber(End)), not(isNA(End))),
      words: "the position would be liquidated as it opens",
      text: () => {
        const e = env.get(view.ending.price);
        return `The position would be liquidated as it opens${isError(e) ? ` (${e.message})` : ""}. Lower the leverage.`;
      },
    });
  } else {
    reasons.push({
      id: "stopped-out-at-open",
      when: cmp("<=", ref("LevelAtOpen"), ref("StopOutLevel")),
      words: "the margin level at open is already at the stop-out level",
      text: () => "The margin level at open is already at or below the stop-out level: the broker would close the position at once. Lower the size or the leverage, or add funds.",
    });
  }
  if (t.stop) {
    reasons.push({
      id: "liquidation-before-stop",
      when: iff(isNumber(End), cmp(">=", mul(sub(End, ref("Stop")), ref("Direction")), lit(0)), lit(false)),
      words: `the ${view.ending.word} comes before the stop`,
      text: () => `The ${view.ending.word} at ${String(env.get(view.ending.price))} comes before your stop at ${t.stop!.toString()}: the stop would never fill. Lower the leverage or move the stop closer.`,
    });
  }
  const blocked = reasons.map((r) => ({ r, on: r.when.value(env) === true }));
  const blockers: Warning[] = blocked.filter((b) => b.on).map((b) => ({ id: b.r.id, text: b.r.text() }));
  const CannotOpen: Expr = or(...reasons.map((r) => r.when));
  const openingExpr = iff(
    CannotOpen,
    concat("THIS TRADE CANNOT BE OPENED AS SET: ", ...reasons.map((r) => iff(r.when, lit(`${r.words}; `), lit(""))), "the figures below show what it would do if it were."),
    lit(`The trade can be opened as set. ${view.label}.`),
  );
  const opening: Sentence = { expr: openingExpr, value: openingExpr.value(env) };

  // ── Rows (walkthrough and scenario table) share one shape ───────────────────────────────────────
  const layout = layoutFor(inputs.length, figures.length, liquidates ? 3 : 4);

  /**
   * The cells of a row whose price sits in `priceCell`: PnL (the closed result beyond the end), ROE,
   * equity, level and status. Columns are at `pnlCol`, and the next four after ROE (when `roe`).
   */
  const outcome = (priceCell: string, row: number, pnlCol: number, withRoe: boolean) => {
    const price = ref(priceCell);
    const closed = view.closedAt(price);
    const pnlCell = ref(cellName(row, pnlCol));
    const equityCol = pnlCol + (withRoe ? 2 : 1);
    const equityCell = ref(cellName(row, equityCol));
    const cells: { expr: Expr; unit: Unit }[] = [{ expr: iff(closed, ref("EndResult"), kind.pnlAt(price)), unit: M }];
    if (withRoe) cells.push({ expr: div(pnlCell, ref("Margin")), unit: "percent" });
    cells.push({ expr: view.equity(pnlCell), unit: M });
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
  const endWord = view.ending.word;
  type Step = { title: string; price: Expr; story: (closed: Expr, status: Expr, price: Expr) => Expr };
  const eventStory = (figureName: string, what: string) => (): Expr =>
    iff(isNumber(ref(figureName)), lit(`At this price ${what}.`),
      iff(isNA(ref(figureName)), lit("This account never gets there: the price can fall to zero first."),
        lit("There is no such price: the position would be closed as it opens.")));
  const events: Step[] = liquidates
    ? [{ title: "Liquidation", price: End, story: eventStory(view.ending.price, view.id === "isolated"
        ? "the position's margin falls to the maintenance margin: the exchange liquidates it and the margin is lost"
        : "the balance plus the loss falls to the maintenance margin: the exchange liquidates the position and the balance is lost") }]
    : [
        { title: "Margin call", price: ref("CallPrice"), story: eventStory("CallPrice", "the margin level reaches the margin-call level: the broker asks for more money or for positions to be closed") },
        { title: "Stop-out", price: ref("StopOutPrice"), story: eventStory("StopOutPrice", "the margin level reaches the stop-out level: the broker closes the position at a loss") },
      ];
  events.push({
    title: `Price moves ${pctText(t.walkMove)} against you`,
    price: mul(Entry, sub(lit(1), mul(ref("Direction"), ref("WalkMove")))),
    story: (closed, status, price) =>
      iff(closed,
        concat(`The position no longer exists here: it was closed at the ${endWord} price and ${view.closedWords}. Had it stayed open, this move would have lost `, round(neg(kind.pnlAt(price)), 2), "."),
        iff(cmp("=", status, lit("OK")), lit("The position stays open."), concat("The position is still open; status: ", status, "."))),
  });
  // The story follows the price as it moves against the trade: the nearer an event to entry, the sooner.
  const adverse = (e: Step): number => {
    const v = e.price.value(env);
    const entry = Entry.value(env);
    return typeof v === "number" && typeof entry === "number" ? (entry - v) * t.side : Number.POSITIVE_INFINITY;
  };
  const ordered = events.map((e, i) => ({ e, i, d: adverse(e) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.e);
  const openStory = (): Expr =>
    iff(CannotOpen, lit("The trade cannot be opened as set: see the line under the title. The rows below show what would happen if it were."),
      lit(view.id === "isolated"
        ? "You open the trade: the required margin moves into the position and is all it can lose; the rest of the balance is untouched."
        : view.id === "cross"
          ? "You open the trade: the required margin is locked up and the whole balance backs the position."
          : `You open the trade: the required margin is locked up and the rest of the balance is free margin${t.feeRate.gt(0) ? "; the opening fee is paid at once" : ""}.`));
  const steps = [{ title: "Open the trade", price: Entry, story: openStory }, ...ordered].map((e, i) => ({ ...e, step: `${i + 1}. ${e.title}` }));
  steps.forEach((s, i) => {
    const row = firstStep + i;
    const priceCell = cellName(row, 1);
    const o = outcome(priceCell, row, 3, false);
    const computed = evalRow(row, 1, [
      { expr: s.price, unit: "price" },
      { expr: sub(div(ref(priceCell), Entry), lit(1)), unit: "percent" },
      ...o.cells,
    ]);
    const story = s.story(o.closed, ref(cellName(row, 6)), ref(priceCell));
    walkthrough.push({ ...computed, step: s.step, story: { expr: story, value: story.value(env) } });
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
    rows.push(evalRow(row, 0, [...first, ...outcome(priceCell, row, 2, true).cells]));
  }

  const titleExpr = concat("LEV scenario: ", Side, " ", Quantity, ` ${t.market.quantityLabel.toLowerCase()} of ${t.symbol} at `, Entry, ", leverage ", Leverage, `x (${view.label.toLowerCase()})`);
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
  };
}

/** AND of two conditions. */
function and2(a: Expr, b: Expr): Expr {
  return not(or(not(a), not(b)));
}

function pctText(f: Dec): string {
  return `${f.mul(100).toString()} %`;
}

function sizeNote(t: Trade): string {
  // Said as of the writing, so the note stays true when the balance or the stop is changed on the sheet.
  if (t.sizeMode === "value") return "worked out from the position value given in the pane";
  if (t.sizeMode === "risk" && t.risk) return `sized in the pane to risk ${pctText(t.risk)} of the balance then`;
  return "";
}

/** An amount for the pane's messages: 2 decimals in the account currency, 8 and the coin's name in coin. */
function money(v: Val, t?: Trade): string {
  if (typeof v !== "number") return "none";
  if (t?.inverse) return `${v.toLocaleString("en-US", { minimumFractionDigits: 8, maximumFractionDigits: 8 })} ${t.coin}`;
  return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Cautions that do not stop the trade from opening. */
function warningsFor(t: Trade, env: Env): Warning[] {
  const out: Warning[] = [];
  const riskPct = env.get("RiskPct");
  if (typeof riskPct === "number" && riskPct > 0.02) {
    out.push({ id: "risk-above-2", text: `This trade risks ${(riskPct * 100).toFixed(2)} % of your balance at the stop, more than the 2 % many traders allow per trade.` });
  }
  const level = env.get("LevelAtOpen");
  if (t.view === "account" && typeof level === "number" && level > num(t.stopoutLevel) && level <= num(t.callLevel)) {
    out.push({ id: "call-at-open", text: `The margin level at open is ${(level * 100).toFixed(0)} %, already at the margin-call level: any move against you brings the stop-out closer.` });
  }
  return out;
}
