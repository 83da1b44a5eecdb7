import { D, Dec, ZERO } from "../spec/decimal";
import { DivisionByZeroError, EngineError, NotAvailableError } from "../spec/errors";
import type { TableCell } from "../spec/define";
import type { Num } from "./cells";

/**
 * JOURNALSTATS' figures over closed trades' PnL: the exact aggregates (`journalTotals` in Decimal; the fast
 * path keeps them in scaled integers) and the one `finishStats` that turns either into the twenty cells.
 */

export const JOURNALSTATS_LABELS = [
  "Trades",
  "Wins",
  "Losses",
  "Win rate",
  "Net profit",
  "Gross profit",
  "Gross loss",
  "Profit factor",
  "Average win",
  "Average loss",
  "Payoff ratio",
  "Expectancy",
  "Largest win",
  "Largest loss",
  "Max consecutive wins",
  "Max consecutive losses",
  "Max drawdown",
  "Max drawdown %",
  "Average R",
  "SQN",
] as const;

export type JournalStatLabel = (typeof JOURNALSTATS_LABELS)[number];

const HUNDRED_TRADES = 100;
const HALF = new D(0.5);
const NO_TRADES = "there are no trades";

function ratioCell(n: Dec, d: Dec, why: string): Dec | EngineError {
  return d.isZero() ? new DivisionByZeroError(undefined, why) : n.div(d);
}

function notAvailable(why: string): NotAvailableError {
  return new NotAvailableError(undefined, why);
}

/**
 * The exact aggregates of a journal's PnL: counts, runs, sums and extremes (no rounding in any of them, as
 * every value is a short decimal), and the largest fall from a balance peak as a fraction of that peak
 * (undefined without a start balance). The Decimal path accumulates them in `journalTotals`, the fast path
 * in scaled integers (`journalStatsFast`); `finishStats` turns either into the same cells.
 */
export interface JournalTotals {
  n: number;
  wins: number;
  losses: number;
  grossProfit: Dec;
  grossLoss: Dec;
  largestWin: Dec | undefined;
  largestLoss: Dec | undefined;
  maxWinRun: number;
  maxLossRun: number;
  total: Dec;
  maxDrawdown: Dec;
  maxDrawdownPct: Dec | undefined;
}

/** Average R and SQN as cells: a number, or the error that says why the figure does not exist. */
export interface RFigures {
  averageR: TableCell;
  sqn: TableCell;
}

/** Counts, runs, sums and extremes of the PnL in Decimal (the drawdowns are `drawdowns`'). */
function countsAndSums(pnl: readonly Dec[]): Omit<JournalTotals, "maxDrawdown" | "maxDrawdownPct"> {
  let wins = 0;
  let losses = 0;
  let grossProfit = ZERO;
  let grossLoss = ZERO;
  let largestWin: Dec | undefined;
  let largestLoss: Dec | undefined;
  let winRun = 0;
  let lossRun = 0;
  let maxWinRun = 0;
  let maxLossRun = 0;
  let total = ZERO;
  for (const p of pnl) {
    if (p.gt(0)) {
      wins++;
      grossProfit = grossProfit.add(p);
      if (largestWin === undefined || p.gt(largestWin)) largestWin = p;
      winRun++;
      lossRun = 0;
    } else if (p.lt(0)) {
      losses++;
      grossLoss = grossLoss.add(p);
      if (largestLoss === undefined || p.lt(largestLoss)) largestLoss = p;
      lossRun++;
      winRun = 0;
    } else {
      winRun = 0;
      lossRun = 0;
    }
    maxWinRun = Math.max(maxWinRun, winRun);
    maxLossRun = Math.max(maxLossRun, lossRun);
    total = total.add(p);
  }
  return { n: pnl.length, wins, losses, grossProfit, grossLoss, largestWin, largestLoss, maxWinRun, maxLossRun, total };
}

/** The largest fall of the running total from its peak, and of the balance as a fraction of its peak. */
function drawdowns(pnl: readonly Dec[], startBalance: Dec | undefined): { maxDrawdown: Dec; maxDrawdownPct: Dec | undefined } {
  let total = ZERO;
  let peak = ZERO;
  let maxDrawdown = ZERO;
  let balancePeak = startBalance;
  let maxDrawdownPct = ZERO;
  for (const p of pnl) {
    total = total.add(p);
    if (total.gt(peak)) peak = total;
    const fall = peak.sub(total);
    if (fall.gt(maxDrawdown)) maxDrawdown = fall;
    if (balancePeak !== undefined) {
      const balance = startBalance!.add(total);
      if (balance.gt(balancePeak)) balancePeak = balance;
      const pct = balancePeak.sub(balance).div(balancePeak);
      if (pct.gt(maxDrawdownPct)) maxDrawdownPct = pct;
    }
  }
  return { maxDrawdown, maxDrawdownPct: startBalance === undefined ? undefined : maxDrawdownPct };
}

export function journalTotals(pnl: readonly Dec[], startBalance: Dec | undefined): JournalTotals {
  return { ...countsAndSums(pnl), ...drawdowns(pnl, startBalance) };
}

/** Average R and SQN in Decimal, each R = pnl ÷ risk at 34 digits. */
export function rFigures(pnl: readonly Dec[], risk: readonly Dec[]): RFigures {
  const n = pnl.length;
  const r = pnl.map((p, i) => p.div(risk[i]!));
  // R values all equal are their own mean and have no spread (their 34-digit sum, divided by n, may differ
  // from them in the last digit, which must not read as a spread)
  if (n >= 2 && r.every((x) => x.eq(r[0]!))) return sameR(r[0]!);
  const mean = n === 0 ? undefined : r.reduce((s, x) => s.add(x), ZERO).div(n);
  const averageR = mean ?? new DivisionByZeroError(undefined, NO_TRADES);
  if (n < 2 || mean === undefined) return { averageR, sqn: notAvailable("SQN needs at least 2 trades") };
  const variance = r.reduce((s, x) => s.add(x.sub(mean).pow(2)), ZERO).div(n - 1);
  const sqn = variance.isZero()
    ? new DivisionByZeroError(undefined, "every R is the same: the standard deviation is 0")
    : new D(Math.min(n, HUNDRED_TRADES)).div(variance).pow(HALF).mul(mean);
  return { averageR, sqn };
}

/** Average R and SQN of two or more trades whose R values are all `r`: both paths answer with this. */
export function sameR(r: Num): RFigures {
  return { averageR: r, sqn: new DivisionByZeroError(undefined, "every R is the same: the standard deviation is 0") };
}

/**
 * The twenty cells from the exact aggregates and Average R and SQN (undefined when no risk was given): the
 * one place each figure's formula and each missing figure's error is written, for both paths.
 */
export function finishStats(t: JournalTotals, r: RFigures | undefined): [JournalStatLabel, TableCell][] {
  const N = new D(t.n);
  const averageWin = t.wins > 0 ? t.grossProfit.div(t.wins) : undefined;
  const averageLoss = t.losses > 0 ? t.grossLoss.div(t.losses) : undefined;
  return [
    ["Trades", N],
    ["Wins", new D(t.wins)],
    ["Losses", new D(t.losses)],
    ["Win rate", ratioCell(new D(t.wins), N, NO_TRADES)],
    ["Net profit", t.total],
    ["Gross profit", t.grossProfit],
    ["Gross loss", t.grossLoss],
    ["Profit factor", ratioCell(t.grossProfit, t.grossLoss.neg(), "there are no losses: the profit factor divides by the gross loss")],
    ["Average win", averageWin ?? notAvailable("there are no winning trades")],
    ["Average loss", averageLoss ?? notAvailable("there are no losing trades")],
    [
      "Payoff ratio",
      averageWin !== undefined && averageLoss !== undefined ? averageWin.div(averageLoss.neg()) : notAvailable("the payoff ratio needs both wins and losses"),
    ],
    ["Expectancy", ratioCell(t.total, N, NO_TRADES)],
    ["Largest win", t.largestWin ?? notAvailable("there are no winning trades")],
    ["Largest loss", t.largestLoss ?? notAvailable("there are no losing trades")],
    ["Max consecutive wins", new D(t.maxWinRun)],
    ["Max consecutive losses", new D(t.maxLossRun)],
    ["Max drawdown", t.maxDrawdown],
    ["Max drawdown %", t.maxDrawdownPct ?? notAvailable("no start_balance was given")],
    ["Average R", r?.averageR ?? notAvailable("no risk was given: R is pnl ÷ the amount risked")],
    ["SQN", r?.sqn ?? notAvailable("no risk was given: SQN is computed on R multiples")],
  ];
}

export function journalStats(a: { pnl: readonly Dec[]; startBalance: Dec | undefined; risk: readonly Dec[] | undefined }): [JournalStatLabel, TableCell][] {
  return finishStats(journalTotals(a.pnl, a.startBalance), a.risk === undefined ? undefined : rFigures(a.pnl, a.risk));
}
