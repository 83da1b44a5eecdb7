import { D, type Dec } from "../../engine";
import { add, div, ifAtMost, ifError, isError, lev, lit, mul, neg, rangeArg, ref, sub, type Env, type Expr, type Val } from "./expr";
import type { Trade } from "./form";
import type { Unit } from "./formats";
import { cellName } from "../workbook";

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
  id: "liquidation-before-stop" | "risk-above-2" | "above-retail-cap" | "margin-above-balance" | "call-at-open" | "no-retail-sale";
  text: string;
}

export interface ComputedRow {
  cells: { expr?: Expr; value: Val; unit: Unit }[];
}

export interface StepRow extends ComputedRow {
  step: string;
  story: string;
}

export const SCENARIO_COLUMNS = ["Price", "Move", "PnL", "ROE", "Equity", "Margin level", "Status"] as const;
export const SCENARIO_UNITS: Unit[] = ["price", "percent", "money", "percent", "money", "percent", "text"];
export const WALK_COLUMNS = ["Step", "Price", "Move", "PnL", "Equity", "Margin level", "Status", "What happens"] as const;

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
  title: string;
  inputs: InputCell[];
  figures: Figure[];
  walkthrough: StepRow[];
  rows: ComputedRow[];
  warnings: Warning[];
  layout: Layout;
  /** Chart marks: label and price expression (the liquidation or stop-out, the stop, the target). */
  marks: { label: string; price: Expr; value: Val }[];
}

const num = (d: Dec) => d.toNumber();

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
  const liquidates = t.market.ending === "liquidation";
  const inverse = t.inverse;
  // Amounts are in the account currency, or in the coin for inverse contracts.
  const M: Unit = inverse ? "coin" : "money";
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
  input("Leverage", "Leverage", num(t.leverage), "multiple", t.leverageText ? `as entered: ${t.leverageText}` : "");
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
  // +1 for a long, −1 for a short, from any side word LEV reads (long/buy/l, short/sell/s, 1/−1).
  const direction: Expr = {
    text: 'IF(OR(Side=-1,ISNUMBER(SEARCH("s",Side))),-1,1)',
    value: (e) => {
      const s = e.get("Side");
      return s === -1 || (typeof s === "string" && s.toLowerCase().includes("s")) ? -1 : 1;
    },
  };
  input("Direction", "Direction", 0, "ratio", "+1 long, −1 short (worked out from Side)", direction);

  // ── Key figures ─────────────────────────────────────────────────────────────────────────────────
  const figures: Figure[] = [];
  const figure = (name: string, label: string, unit: Unit, expr: Expr, explain: string) => {
    const value = expr.value(env);
    env.set(name, value);
    figures.push({ name, label, unit, expr, value, explain });
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

  if (inverse) {
    figure("Notional", inCoin("Position value"), M, lev("INVNOTIONAL", { contracts: Quantity, price: Entry, contract_value: ContractSize }),
      `What the position is worth at entry, in ${t.coin}: contracts × contract value ÷ price.`);
  } else {
    figure("Notional", "Position value", M, lev("NOTIONAL", { price: Entry, quantity: Quantity, contract_size: ContractSize }),
      "What the position is worth at entry: price × quantity × contract size.");
  }
  figure("Margin", inCoin("Required margin"), M, lev("MARGIN", { notional: ref("Notional"), leverage: Leverage }),
    "The part of your balance the position locks up: position value ÷ leverage.");
  figure("FreeMargin", inCoin("Free margin"), M, lev("FREEMARGIN", { equity: Balance, used_margin: ref("Margin") }),
    "What is left to absorb losses or open more: balance − margin.");
  figure("EffectiveLeverage", "Effective leverage", "multiple", lev("LEVERAGE", { notional: ref("Notional"), equity: Balance }),
    "Position value ÷ balance: how much exposure each unit of your own money carries.");
  figure("LevelAtOpen", "Margin level at open", "percent", lev("MARGINLEVEL", { equity: Balance, used_margin: ref("Margin") }),
    "Equity ÷ used margin. Brokers call and close out at set levels of it.");

  const marks: Scenario["marks"] = [];
  if (liquidates) {
    // A tier table is passed as the range it sits in; the engine picks the bracket holding the position's value.
    const mmr = t.tierTable ? rangeArg(t.tierTable.ref, t.tierTable.cells) : ref("MMR");
    const tableNote = t.tierTable
      ? ` The rate comes from your tier table at ${t.tierTable.label}: the bracket that holds the position's value at that price.`
      : "";
    const lp = figure("LiqPrice", "Liquidation price", "price",
      inverse
        ? lev("INVLIQPRICE", { side: Side, entry: Entry, leverage: Leverage, mmr, maint_amount: lit(0), contracts: Quantity, contract_value: ContractSize })
        : lev("LIQPRICE", { side: Side, entry: Entry, leverage: Leverage, mmr, maint_amount: lit(0), quantity: mul(Quantity, ContractSize) }),
      `Where the exchange closes the position: the margin left equals the maintenance margin.${tableNote}`);
    figure("LiqDistance", "Distance to liquidation", "percent", lev("LIQDISTANCE", { side: Side, price: Entry, liq_price: ref("LiqPrice") }),
      "How far price can move against you, from entry, before liquidation.");
    if (inverse) {
      figure("Bankruptcy", "Bankruptcy price", "price", lev("BANKRUPTCY", { side: Side, entry: Entry, leverage: Leverage, inverse: lit(true) }),
        "Where the margin is all gone: entry × leverage ÷ (leverage + 1) for a long, ÷ (leverage − 1) for a short. Liquidation comes first.");
    }
    marks.push({ label: "Liquidation", price: ref("LiqPrice"), value: lp });
  } else {
    const call = (level: string) =>
      lev("CALLPRICE", { side: Side, entry: Entry, quantity: Quantity, balance: Balance, leverage: Leverage, level: ref(level), contract_size: ContractSize });
    figure("CallPrice", "Margin-call price", "price", call("CallLevel"),
      "Where your margin level falls to the margin-call level and the broker asks for more money.");
    const so = figure("StopOutPrice", "Stop-out price", "price", call("StopOutLevel"),
      "Where your margin level falls to the stop-out level and the broker closes the position.");
    figure("StopOutDistance", "Distance to stop-out", "percent", lev("LIQDISTANCE", { side: Side, price: Entry, liq_price: ref("StopOutPrice") }),
      "How far price can move against you, from entry, before the broker closes the position.");
    marks.push({ label: "Stop-out", price: ref("StopOutPrice"), value: so });
  }
  /**
   * Net profit of a close at `exit`. Linear: PNL with its fee rate. Inverse: INVPNL in coin, less the fee
   * on the coin value at open and at close (Binance charges fee rate × contracts × value ÷ price each side).
   */
  const pnlAt = (exit: Expr): Expr =>
    inverse
      ? sub(
          lev("INVPNL", { side: Side, entry: Entry, exit, contracts: Quantity, contract_value: ContractSize }),
          mul(FeeRate, add(ref("Notional"), lev("INVNOTIONAL", { contracts: Quantity, price: exit, contract_value: ContractSize }))),
        )
      : lev("PNL", { side: Side, entry: Entry, exit, quantity: Quantity, contract_size: ContractSize, fee_rate: FeeRate });
  if (t.stop) {
    figure("RiskAtStop", inCoin("Profit or loss at the stop"), M, pnlAt(ref("Stop")),
      "What you lose if the stop is hit, fees included.");
    figure("RiskPct", "Risk as % of balance", "percent", div(neg(ref("RiskAtStop")), Balance),
      "The loss at the stop as a share of your balance; many traders keep it at 1–2 %.");
    marks.push({ label: "Stop", price: ref("Stop"), value: env.get("Stop")! });
  }
  if (t.target) {
    figure("PnlAtTarget", inCoin("Profit at the take profit"), M, pnlAt(ref("Target")),
      "What you make if the take profit is hit, fees included.");
    marks.push({ label: "Take profit", price: ref("Target"), value: env.get("Target")! });
  }
  if (t.stop && t.target) {
    figure("RewardRisk", "Reward-to-risk", "ratio", lev("RR", { side: Side, entry: Entry, stop: ref("Stop"), target: ref("Target") }),
      "Distance to the target ÷ distance to the stop: 2 means you aim to win twice what you risk.");
  }
  // Inverse too: side·(1/E − 1/X) = f·(1/E + 1/X) gives X = E·(side + f)/(side − f), which is BREAKEVEN's
  // linear answer with equal fees, (E·(1 + side·f))/(1 − side·f).
  figure("BreakEven", "Break-even price", "price", lev("BREAKEVEN", { side: Side, entry: Entry, open_fee_rate: FeeRate, close_fee_rate: FeeRate }),
    "Where you would close with no profit and no loss once both fees are paid.");
  if (inverse) {
    figure("DoublingPrice", "Price for +100 % on margin", "price",
      lev("TARGETPRICE", { side: Side, entry: Entry, roe: lit(1), leverage: Leverage, inverse: lit(true) }),
      "Where the position has earned its margin once over (ROE +100 %, before fees): entry ÷ (1 − 1/leverage) for a long, ÷ (1 + 1/leverage) for a short. In coin, gains up need a longer move than gains down.");
  }
  figure("FundingPerDay", inCoin("Funding per day"), M,
    lev("FUNDINGFEE", { side: Side, notional: ref("Notional"), rate: ref("FundingRate"), periods: div(lit(24), ref("FundingHours")) }),
    "Funding or financing paid (negative) or received (positive) per day at the current rate.");
  figure("FundingHolding", inCoin("Funding over the holding period"), M,
    lev("FUNDINGFEE", { side: Side, notional: ref("Notional"), rate: ref("FundingRate"), periods: div(mul(ref("HoldingDays"), lit(24)), ref("FundingHours")) }),
    "The same, over the days you expect to hold.");

  // ── Rows (walkthrough and scenario table) share one shape ───────────────────────────────────────
  const walkStepsCount = liquidates ? 3 : 4;
  const layout = layoutFor(inputs.length, figures.length, walkStepsCount);

  /** PnL, equity, margin level and status of a row whose price sits in `priceCell`. */
  const outcome = (priceCell: string, row: number, pnlCol: number) => {
    const pnl = pnlAt(ref(priceCell));
    const pnlCell = cellName(row, pnlCol);
    const equity = lev("EQUITY", { balance: Balance, floating_pnl: ref(pnlCell) });
    return { pnl, pnlCell, equity };
  };
  // Exchanges liquidate at the liquidation price (isolated margin); brokers call and stop out by margin level.
  const status = (priceCell: string, equityCell: string): Expr =>
    liquidates
      ? ifAtMost(ifError(lev("LIQDISTANCE", { side: Side, price: ref(priceCell), liq_price: ref("LiqPrice") }), lit(1)), lit(0),
          lit("LIQUIDATED"), lit("OK"))
      : lev("MARGINSTATUS", { equity: ref(equityCell), used_margin: ref("Margin"), call_level: ref("CallLevel"), stopout_level: ref("StopOutLevel") });

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
  type Step = { title: string; price: Expr; story: (v: Map<string, Val>) => string };
  const events: Step[] = liquidates
    ? [{ title: "Liquidation", price: ref("LiqPrice"), story: () => eventStory("LiqPrice", "the margin left equals the maintenance margin: the exchange liquidates the position", env) }]
    : [
        { title: "Margin call", price: ref("CallPrice"), story: () => eventStory("CallPrice", "the margin level reaches the margin-call level: the broker asks for more money or for positions to be closed", env) },
        { title: "Stop-out", price: ref("StopOutPrice"), story: () => eventStory("StopOutPrice", "the margin level reaches the stop-out level: the broker closes the position at a loss", env) },
      ];
  events.push({
    title: `Price moves ${pctText(t.walkMove)} against you`,
    price: mul(Entry, sub(lit(1), mul(ref("Direction"), ref("WalkMove")))),
    story: () => "",
  });
  // The story follows the price as it moves against the trade: the nearer an event to entry, the sooner.
  const adverse = (e: Step): number => {
    const v = e.price.value(env);
    const entry = Entry.value(env);
    return typeof v === "number" && typeof entry === "number" ? (entry - v) * t.side : Number.POSITIVE_INFINITY;
  };
  const ordered = events.map((e, i) => ({ e, i, d: adverse(e) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.e);
  const steps = [{ title: "Open the trade", price: Entry, story: () => openStory(t, env) }, ...ordered].map((e, i) => ({
    ...e,
    step: `${i + 1}. ${e.title}`,
  }));
  steps.forEach((s, i) => {
    const row = firstStep + i;
    const priceCell = cellName(row, 1);
    const o = outcome(priceCell, row, 3);
    const equityCell = cellName(row, 4);
    const computed = evalRow(row, 1, [
      { expr: s.price, unit: "price" },
      { expr: sub(div(ref(priceCell), Entry), lit(1)), unit: "percent" },
      { expr: o.pnl, unit: M },
      { expr: o.equity, unit: M },
      { expr: lev("MARGINLEVEL", { equity: ref(equityCell), used_margin: ref("Margin") }), unit: "percent" },
      { expr: status(priceCell, equityCell), unit: "text" },
    ]);
    const story = s.story(env) || moveStory(computed, t);
    walkthrough.push({ ...computed, step: s.step, story });
  });

  /**
   * Return on the initial margin at `exit`, fees included. Inverse: INVROE (before fees) less the two fees
   * over the margin, since INVPNL ÷ margin is INVROE when the margin is contracts × value ÷ (entry × leverage).
   */
  const roeAt = (exit: Expr): Expr =>
    inverse
      ? sub(
          lev("INVROE", { side: Side, entry: Entry, exit, leverage: Leverage }),
          div(mul(FeeRate, add(ref("Notional"), lev("INVNOTIONAL", { contracts: Quantity, price: exit, contract_value: ContractSize }))), ref("Margin")),
        )
      : lev("ROE", { side: Side, entry: Entry, exit, leverage: Leverage, fee_rate: FeeRate });

  // Scenario table: columns A..G, header on tableRow, data below.
  const rows: ComputedRow[] = [];
  const moves = scenarioMoves(t);
  const prices = t.scenario.kind === "list" ? t.scenario.prices : [];
  const count = t.scenario.kind === "list" ? prices.length : moves.length;
  for (let i = 0; i < count; i++) {
    const row = layout.tableRow + 1 + i;
    const priceCell = cellName(row, 0);
    const moveCell = cellName(row, 1);
    const o = outcome(priceCell, row, 2);
    const equityCell = cellName(row, 4);
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
    rows.push(
      evalRow(row, 0, [
        ...first,
        { expr: o.pnl, unit: M },
        { expr: roeAt(ref(priceCell)), unit: "percent" },
        { expr: o.equity, unit: M },
        { expr: lev("MARGINLEVEL", { equity: ref(equityCell), used_margin: ref("Margin") }), unit: "percent" },
        { expr: status(priceCell, equityCell), unit: "text" },
      ]),
    );
  }

  return {
    trade: t,
    title: `LEV scenario: ${t.sideWord} ${num(t.quantity)} ${t.market.quantityLabel.toLowerCase()} of ${t.symbol} at ${num(t.entry)}, leverage ${num(t.leverage)}x`,
    inputs,
    figures,
    walkthrough,
    rows,
    warnings: warningsFor(t, env),
    layout,
    marks,
  };
}

function pctText(f: Dec): string {
  return `${f.mul(100).toString()} %`;
}

function sizeNote(t: Trade): string {
  if (t.sizeMode === "value") return "from the position value you gave";
  if (t.sizeMode === "risk" && t.risk) return `sized to risk ${pctText(t.risk)} of the balance at the stop`;
  return "";
}

/** An amount for the stories: 2 decimals in the account currency, 8 and the coin's name in coin. */
function money(v: Val, t?: Trade): string {
  if (typeof v !== "number") return "none";
  if (t?.inverse) return `${v.toLocaleString("en-US", { minimumFractionDigits: 8, maximumFractionDigits: 8 })} ${t.coin}`;
  return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function openStory(t: Trade, env: Env): string {
  const margin = env.get("Margin")!;
  const free = env.get("FreeMargin")!;
  return `You open with a balance of ${money(env.get("Balance")!, t)}. The position locks up ${money(margin, t)} of margin, leaving ${money(free, t)} free${t.feeRate.gt(0) ? "; the opening fee is paid at once" : ""}.`;
}

function eventStory(name: string, what: string, env: Env): string {
  const v = env.get(name);
  if (isError(v)) return `This account never gets there: ${v.message}.`;
  return `At ${typeof v === "number" ? v.toPrecision(8).replace(/\.?0+$/, "") : String(v)} ${what}.`;
}

function moveStory(row: ComputedRow, t: Trade): string {
  const [, , pnl, equity, level, status] = row.cells.map((c) => c.value);
  const lvl = typeof level === "number" ? `${(level * 100).toFixed(0)} %` : "none";
  const after = status === "OK" ? "The position stays open." : `Status: ${String(status)}.`;
  return `The loss is ${money(typeof pnl === "number" ? -pnl : pnl!, t)}, equity falls to ${money(equity!, t)} and the margin level to ${lvl}. ${after}`;
}

function warningsFor(t: Trade, env: Env): Warning[] {
  const out: Warning[] = [];
  const end = env.get(t.market.ending === "liquidation" ? "LiqPrice" : "StopOutPrice");
  if (t.stop && typeof end === "number" && new D(end).sub(t.stop).mul(t.side).gte(0)) {
    out.push({
      id: "liquidation-before-stop",
      text: `${t.market.ending === "liquidation" ? "Liquidation" : "The stop-out"} at ${end} comes before your stop at ${t.stop.toString()}: the stop would never fill. Lower the leverage or move the stop closer.`,
    });
  }
  const riskPct = env.get("RiskPct");
  if (typeof riskPct === "number" && riskPct > 0.02) {
    out.push({ id: "risk-above-2", text: `This trade risks ${(riskPct * 100).toFixed(2)} % of your balance at the stop, more than the 2 % many traders allow per trade.` });
  }
  const cap = lev("RETAILCAP", { region: lit(t.region), asset_class: lit(t.market.assetClass) }).value(env);
  if (typeof cap === "number" && t.leverage.gt(cap)) {
    out.push({ id: "above-retail-cap", text: `Leverage ${t.leverage.toString()}x is above the ${t.region} retail cap of ${cap}:1 for this market; a retail account would not be allowed it.` });
  } else if (isError(cap) && t.region !== "US") {
    out.push({ id: "no-retail-sale", text: `${t.region}: ${cap.message}.` });
  }
  const margin = env.get("Margin");
  if (typeof margin === "number" && new D(margin).gt(t.balance)) {
    out.push({ id: "margin-above-balance", text: `The margin (${money(margin, t)}) is larger than your balance (${money(num(t.balance), t)}): the trade cannot be opened.` });
  }
  const level = env.get("LevelAtOpen");
  if (t.market.ending === "stop-out" && typeof level === "number" && new D(level).lte(t.callLevel)) {
    out.push({ id: "call-at-open", text: `The margin level at open is ${(level * 100).toFixed(0)} %, already at the margin-call level: any move against you brings the stop-out closer.` });
  }
  return out;
}
