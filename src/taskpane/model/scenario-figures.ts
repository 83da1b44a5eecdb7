import type { RangeArg } from "./expr";
import { div, lev, lit, mul, neg, ref, type Expr, type Val } from "./expr";
import type { Unit } from "./formats";
import type { View } from "./position";
import type { AccountBlock } from "./account";
import type { Build, Figure, Scenario } from "./scenario";

/**
 * The scenario's key figures, a list over the position kind and the view: size and margin, where it ends
 * (liquidation, or margin call and stop-out), the stop and target, the break-even and funding. Each figure's
 * value is put in `env` as it is defined, so later figures and the walkthrough read it.
 */

/** The figures worked out over the whole cross account when other positions are given. */
const ACCOUNT_FIGURES = new Set(["AccountMarginRatio", "LiqPrice", "EndResult", "LiqDistance"]);

const beforeFees = "Counted before fees, as the venue counts it while the position is open (the fee to close is paid when it closes).";

type AddFigure = (name: string, label: string, unit: Unit, expr: Expr, explain: string) => Val;
type Marks = Scenario["marks"];

const [Side, Balance, Entry, Leverage, Quantity, ContractSize, FeeRate] = ["Side", "Balance", "Entry", "Leverage", "Quantity", "ContractSize", "FeeRate"].map(
  ref,
) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr];

/** Position value, margin, free margin and effective leverage. */
function sizeFigures(b: Build, figure: AddFigure): void {
  const { kind, M, inCoin } = b;
  figure("Notional", inCoin("Position value"), M, kind.notional(Entry), `what the position is worth at entry: ${kind.valueRule}.`);
  figure("Margin", inCoin("Required margin"), M, lev("MARGIN", { notional: ref("Notional"), leverage: Leverage }),
    "the part of your balance the position locks up: position value ÷ leverage.");
  figure("FreeMargin", inCoin("Free margin"), M, lev("FREEMARGIN", { equity: Balance, used_margin: ref("Margin") }),
    "what is left to absorb losses or open more: balance − margin.");
  figure("EffectiveLeverage", "Effective leverage", "multiple", lev("LEVERAGE", { notional: ref("Notional"), equity: Balance }),
    "position value ÷ balance: how much exposure each unit of your own money carries.");
}

/** Where the position ends: the margin ratio and liquidation price (isolated, cross), or the margin-call and stop-out prices (a broker's account). */
function endingFigures(b: Build, figure: AddFigure, view: View, mmr: Expr | RangeArg, account: AccountBlock | undefined): Marks {
  const { t, kind, inverse } = b;
  const marks: Marks = [];
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
  return marks.filter((m) => typeof m.value === "number");
}

/** The result at the ending and the distance to it, and the bankruptcy price of an inverse contract. */
function endResultFigures(b: Build, figure: AddFigure, view: View, End: Expr): void {
  const { liquidates, inverse, M, inCoin } = b;
  figure("EndResult", inCoin(`Result if closed at the ${view.ending.word}`), M, view.closedResult,
    `what the position closes with once price reaches the ${view.ending.word}: ${view.closedWords}. Scenario rows beyond it show this, not a running loss.`);
  figure(liquidates ? "LiqDistance" : "StopOutDistance", liquidates ? "Distance to liquidation" : "Distance to stop-out", "percent",
    lev("LIQDISTANCE", { side: Side, price: Entry, liq_price: End }),
    `how far price can move against you, from entry, before the ${view.ending.word}.`);
  if (inverse) {
    figure("Bankruptcy", "Bankruptcy price", "price", lev("BANKRUPTCY", { side: Side, entry: Entry, leverage: Leverage, inverse: lit(true) }),
      "where the initial margin is all gone: entry × leverage ÷ (leverage + 1) for a long, ÷ (leverage − 1) for a short. Liquidation comes first.");
  }
}

/** The profit or loss at the stop and at the take profit, and the reward-to-risk; each adds its chart mark. */
function stopAndTargetFigures(b: Build, figure: AddFigure, marks: Marks): void {
  const { t, kind, M, inCoin, env } = b;
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
}

/** The break-even price, an inverse contract's price for +100 % on margin, and funding per day and over the holding period. */
function costFigures(b: Build, figure: AddFigure): void {
  const { inverse, M, inCoin } = b;
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
}

/** The key figures in the sheet's order, the chart's marks, and the price the position ends at. */
export function keyFigures(b: Build, view: View, mmr: Expr | RangeArg, account: AccountBlock | undefined): { figures: Figure[]; marks: Marks; End: Expr } {
  const figures: Figure[] = [];
  const figure: AddFigure = (name, label, unit, expr, explain) => {
    const value = expr.value(b.env);
    b.env.set(name, value);
    // With other positions, the figures over the whole account say so; the rest are about this trade alone.
    const prefix = account && !ACCOUNT_FIGURES.has(name) ? "Cross margin, this trade alone: " : view.prefix;
    figures.push({ name, label, unit, expr, value, explain: prefix + explain });
    return value;
  };
  sizeFigures(b, figure);
  const marks = endingFigures(b, figure, view, mmr, account);
  const End = ref(view.ending.price);
  endResultFigures(b, figure, view, End);
  stopAndTargetFigures(b, figure, marks);
  costFigures(b, figure);
  return { figures, marks, End };
}
