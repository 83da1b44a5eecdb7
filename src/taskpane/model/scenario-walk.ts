import { cellName } from "../../shared/a1";
import { add, cmp, concat, div, iff, isNA, isNumber, lev, lit, mul, neg, ref, round, sub, textOf, type Env, type Expr, type Val } from "./expr";
import type { Unit } from "./formats";
import type { View } from "./position";
import type { Build, ComputedRow, Layout, StepRow } from "./scenario";
import { COIN_DIGITS, MONEY_DIGITS } from "./scenario-warnings";

/**
 * The walkthrough: opening the trade, then the events in the order price reaches them (liquidation, or margin
 * call and stop-out) with the trader's adverse move placed among them, live; and the row shape it shares with
 * the scenario table (price, PnL, equity, level, status).
 */

/** One event of the walkthrough: its title, its price, and its story from whether the position is closed, its status and the price. */
export interface WalkEvent {
  title: Expr;
  price: Expr;
  story: (closed: Expr, status: Expr, price: Expr) => Expr;
}

export interface WalkEvents {
  /** The events the position's rules fix (liquidation, or margin call and stop-out), in price order. */
  fixed: WalkEvent[];
  /** The trader's adverse move. */
  walk: WalkEvent;
  /** The adverse move's place among the fixed events (1 = first after opening), live. */
  walkOrder: { expr: Expr; value: Val };
}

const Entry = ref("Entry");

/** The cells of a row whose price sits in `priceCell`: PnL (the closed result beyond the end), ROE, equity, level and status. */
export function outcome(b: Build, view: View, priceCell: string, row: number, equityCol: number, withRoe: boolean) {
  const price = ref(priceCell);
  const closed = view.closedAt(price);
  const pnlCell = ref(cellName(row, equityCol - (withRoe ? 2 : 1)));
  const equityCell = ref(cellName(row, equityCol));
  const cells: { expr: Expr; unit: Unit }[] = [{ expr: iff(closed, ref("EndResult"), b.kind.pnlAt(price)), unit: b.M }];
  if (withRoe) cells.push({ expr: div(pnlCell, ref("Margin")), unit: "percent" });
  cells.push({ expr: view.equity(price, closed), unit: b.M });
  cells.push({ expr: iff(closed, lit("closed"), view.level(price, equityCell)), unit: "percent" });
  cells.push({ expr: view.status(price, equityCell), unit: "text" });
  return { cells, closed };
}

/** A row's cells from column `col0`, each value worked out and put in `env` under its address. */
export function evalRow(env: Env, row: number, col0: number, exprs: { expr?: Expr; value?: Val; unit: Unit }[]): ComputedRow {
  const cells = exprs.map((c, i) => {
    const value = c.expr ? c.expr.value(env) : c.value!;
    env.set(cellName(row, col0 + i), value);
    return { expr: c.expr, value, unit: c.unit };
  });
  return { cells };
}

/** The events the rules fix, the adverse move, and the move's place among them (put in `env` as WalkOrder). */
export function walkEvents(b: Build, view: View, End: Expr): WalkEvents {
  const { kind, liquidates, inverse, env } = b;
  const endWord = view.ending.word;
  const moneyText = (e: Expr) => textOf(e, inverse ? COIN_DIGITS : MONEY_DIGITS);
  const eventStory = (figureName: string, what: string) => (): Expr =>
    iff(isNumber(ref(figureName)), lit(`At this price ${what}.`),
      iff(isNA(ref(figureName)), lit("This account never gets there: the price can fall to zero first."),
        lit("There is no such price: the position would be closed as it opens.")));
  const fixed: WalkEvent[] = liquidates
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
    const equity = lev("EQUITY", { balance: ref("Balance"), floating_pnl: kind.pnlAt(price) });
    return concat("Had it stayed open, this move would have lost ", moneyText(loss), ": equity ", moneyText(equity), ", margin level ",
      textOf(lev("MARGINLEVEL", { equity, used_margin: ref("Margin") }), MONEY_DIGITS, true), ".");
  };
  const walk: WalkEvent = {
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
  return { fixed, walk, walkOrder: { expr: WalkOrder, value: env.get("WalkOrder")! } };
}

/** Row r of the events (1-based): the adverse move where it falls, the fixed events around it in order. */
function pick(events: WalkEvents, r: number, of: (e: WalkEvent) => Expr): Expr {
  const { fixed, walk } = events;
  const W = ref("WalkOrder");
  const before = r <= fixed.length ? of(fixed[r - 1]!) : undefined;
  const after = r >= 2 ? of(fixed[r - 2]!) : undefined;
  const other = before && after ? iff(cmp(">", W, lit(r)), before, after) : (before ?? after)!;
  return iff(cmp("=", W, lit(r)), of(walk), other);
}

/** The walkthrough's rows: columns A (step) … H (story); computed cells are B..G. */
export function walkthroughRows(b: Build, view: View, layout: Layout, events: WalkEvents, o: { CannotOpen: Expr; account: boolean }): StepRow[] {
  const { env } = b;
  const walkthrough: StepRow[] = [];
  const firstStep = layout.walkRow + 2;
  const openStory = (): Expr =>
    iff(o.CannotOpen, lit("The trade cannot be opened as set: see the line under the title. The rows below show what would happen if it were."),
      lit(view.id === "isolated"
        ? "You open the trade: the required margin moves into the position and is all it can lose; the rest of the balance is untouched."
        : view.id === "cross"
          ? `You open the trade: the required margin is locked up and the whole ${o.account ? "account" : "balance"} backs the position.`
          : "You open the trade: the required margin is locked up and the rest of the balance is free margin."));
  const rowsOfSteps: WalkEvent[] = [{ title: lit("Open the trade"), price: Entry, story: openStory }];
  for (let r = 1; r <= events.fixed.length + 1; r++) {
    rowsOfSteps.push({
      title: pick(events, r, (e) => e.title),
      price: pick(events, r, (e) => e.price),
      story: (closed, status, price) => pick(events, r, (e) => e.story(closed, status, price)) });
  }
  rowsOfSteps.forEach((s, i) => {
    const row = firstStep + i;
    const priceCell = cellName(row, 1);
    const out = outcome(b, view, priceCell, row, 4, false);
    const computed = evalRow(env, row, 1, [
      { expr: s.price, unit: "price" },
      { expr: sub(div(ref(priceCell), Entry), lit(1)), unit: "percent" },
      ...out.cells,
    ]);
    const story = s.story(out.closed, ref(cellName(row, 6)), ref(priceCell));
    const step = concat(`${i + 1}. `, s.title);
    walkthrough.push({ ...computed, step: String(step.value(env)), stepExpr: step, story: { expr: story, value: story.value(env) } });
  });
  return walkthrough;
}
