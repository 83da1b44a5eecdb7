import { D, ZERO } from "../spec/decimal";
import * as B from "../arith/bigdec";
import { blank, decimals, exact, integer, lift } from "../arith/exact";
import { compareProducts, rFiguresExact } from "../arith/doubleword";
import { EngineError } from "../spec/errors";
import { number, optional } from "../spec/params";
import { define, type Table, type TableCell } from "../spec/define";
import * as decoders from "../spec/decoders";
import { scaled, shown } from "./cells";
import { cellCount, closedColumn, closeOrder, flatCells, liftInts, pnlColumn, readPnlInts, riskColumn, type PnlInts } from "./pnl";
import { finishStats, journalStats, sameR, type JournalTotals, type RFigures } from "./stats";

/**
 * JOURNALSTATS, and its fast path for ranges of plain numbers (blank cells skipped), a plain start balance,
 * risk as one value or one per trade and close times as serials (`readPnlInts`: open trades left out, the rest
 * in close-time order): the Decimal path's twenty cells (tested cell for cell), made by the same `finishStats`
 * from the same exact aggregates, which are kept here in scaled integers at one common scale (every sum,
 * extreme and fall is an integer below 2^53, checked, so it is the Decimal path's exact value).
 */

const isArr = Array.isArray;

/** A number given as a scaled integer, m/10^k. */
interface ScaledNumber {
  m: number;
  k: number;
}

/** A plain number above 0 as a scaled integer, or undefined. */
function plainPositive(v: unknown): ScaledNumber | undefined {
  if (typeof v !== "number" || !(v > 0)) return undefined;
  const k = decimals(v);
  return k < 0 ? undefined : { m: integer(v, k), k };
}

/**
 * The amount risked on each trade read, as scaled integers each at its own scale (one value for every trade, or
 * the cells beside the trades read, in their order); null when the fast path declines.
 */
function readRisk(riskRaw: unknown, read: PnlInts, cells: number): { ints: Float64Array; scales: Int8Array; scale: number } | null {
  const n = read.n;
  const ints = new Float64Array(n);
  const scales = new Int8Array(n);
  const riskCells = isArr(riskRaw) ? cellCount(riskRaw) : 1;
  if (riskCells === 1) {
    const one = plainPositive(isArr(riskRaw) ? (riskRaw[0] as unknown[])[0] : riskRaw);
    if (one === undefined) return null;
    ints.fill(one.m);
    scales.fill(one.k);
    return { ints, scales, scale: one.k };
  }
  const risk = riskCells === cells ? flatCells(riskRaw) : undefined;
  if (risk === undefined) return null;
  let scale = 0;
  for (let j = 0; j < n; j++) {
    const v = risk[read.positions[j]!];
    if (typeof v !== "number" || !(v > 0)) return null;
    const k = decimals(v);
    if (k < 0) return null;
    ints[j] = integer(v, k);
    scales[j] = k;
    if (k > scale) scale = k;
  }
  return { ints, scales, scale };
}

/** The largest (peak − balance)/peak so far, as its fall and peak (exact integers) and their double quotient. */
interface Worst {
  fall: number;
  peak: number;
  q: number;
}

/**
 * The balance's fall from its peak, kept if it is the largest fraction of the peak so far: correctly rounded
 * quotients are monotonic, so the largest double belongs to an exact maximiser, and equal doubles are told apart
 * by comparing the exact cross products.
 */
function keepWorst(w: Worst, drop: number, peak: number): void {
  if (drop <= 0) return;
  const q = drop / peak;
  if (q > w.q || (q === w.q && compareProducts(drop, w.peak, w.fall, peak) > 0)) {
    w.q = q;
    w.fall = drop;
    w.peak = peak;
  }
}

/** JOURNALSTATS' exact aggregates of the PnL ints (over 10^k) in integers; undefined for a step beyond 2^53. */
function fastTotals(ints: Float64Array, n: number, k: number, start: number | undefined): JournalTotals | undefined {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin = 0;
  let largestLoss = 0;
  let winRun = 0;
  let lossRun = 0;
  let maxWinRun = 0;
  let maxLossRun = 0;
  let total = 0;
  let peak = 0;
  let maxDrawdown = 0;
  let balancePeak = start ?? NaN;
  const worst: Worst = { fall: 0, peak: 1, q: 0 };
  for (let i = 0; i < n; i++) {
    const p = ints[i]!;
    if (p > 0) {
      wins++;
      grossProfit = exact(grossProfit + p);
      if (wins === 1 || p > largestWin) largestWin = p;
      winRun++;
      lossRun = 0;
      if (winRun > maxWinRun) maxWinRun = winRun;
    } else if (p < 0) {
      losses++;
      grossLoss = exact(grossLoss + p);
      if (losses === 1 || p < largestLoss) largestLoss = p;
      lossRun++;
      winRun = 0;
      if (lossRun > maxLossRun) maxLossRun = lossRun;
    } else {
      winRun = 0;
      lossRun = 0;
    }
    total = exact(total + p);
    if (total > peak) peak = total;
    const fall = peak - total;
    if (fall > maxDrawdown) maxDrawdown = fall;
    if (start !== undefined) {
      const balance = exact(start + total);
      if (balance > balancePeak) balancePeak = balance;
      const drop = exact(balancePeak - balance);
      if (drop !== drop) return undefined;
      keepWorst(worst, drop, balancePeak);
    }
  }
  // NaN (a step beyond 2^53) has poisoned the sums it reached; peaks, falls and drops follow from the total
  if (grossProfit !== grossProfit || grossLoss !== grossLoss || total !== total || exact(maxDrawdown) !== maxDrawdown) return undefined;
  if (start !== undefined && (balancePeak !== balancePeak || exact(worst.fall) !== worst.fall)) return undefined;
  return {
    n,
    wins,
    losses,
    grossProfit: scaled(grossProfit, k),
    grossLoss: scaled(grossLoss, k),
    largestWin: wins > 0 ? scaled(largestWin, k) : undefined,
    largestLoss: losses > 0 ? scaled(largestLoss, k) : undefined,
    maxWinRun,
    maxLossRun,
    total: scaled(total, k),
    maxDrawdown: scaled(maxDrawdown, k),
    // the scale cancels: (fall/10^k)/(peak/10^k) is fall/peak, which Decimal's division rounds to 34 digits
    maxDrawdownPct: start === undefined ? undefined : worst.fall === 0 ? ZERO : new D(worst.fall).div(worst.peak),
  };
}

/** Whether the first n PnL/risk pairs (same scale) are all the same quotient, exactly: p_i·r_0 = p_0·r_i. */
function sameRatios(pnl: Float64Array, risk: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (compareProducts(pnl[i]!, risk[0]!, pnl[0]!, risk[i]!) !== 0) return false;
  return n >= 2;
}

/** Average R and SQN from PnL and risk at one scale k: certified by `rFiguresExact` (doubleword.ts), or undefined. */
function fastR(pnl: Float64Array, risk: Float64Array, n: number, k: number): RFigures | undefined {
  // every R is pnl[0]/risk[0] exactly: that quotient as the Decimal path rounds it (bigdec.ts)
  if (sameRatios(pnl, risk, n)) return sameR(B.toNumber(B.div(B.big(pnl[0]!, k), B.big(risk[0]!, k))));
  const out = new Float64Array(2);
  rFiguresExact(pnl, risk, n, out);
  const averageR = out[0]!;
  const sqn = out[1]!;
  return averageR !== averageR || sqn !== sqn ? undefined : { averageR, sqn };
}

/** A table's cells as the boundary shows them (Decimals through toNumber); undefined when one is not finite. */
function shownCells(rows: [string, TableCell][]): (number | string | EngineError)[][] | undefined {
  const out: (number | string | EngineError)[][] = [];
  for (const [label, cell] of rows) {
    let v: number | string | EngineError;
    if (cell instanceof EngineError || typeof cell === "string") v = cell;
    else if (typeof cell === "number") v = cell === 0 ? 0 : cell;
    else if (typeof cell === "object" && cell !== null) {
      v = shown(cell);
      if (v !== v) return undefined;
    } else return undefined;
    out.push([label, v]);
  }
  return out;
}

/**
 * JOURNALSTATS without the reading layer; undefined, leaving the call to the Decimal path, for anything else:
 * fewer than 2 trades, text in a cell read, a close time as text, a risk that is not above 0, a step beyond 2^53.
 */
export function journalStatsFast(a: {
  pnl: unknown;
  start_balance: number | undefined;
  risk: unknown;
  closed: unknown;
}): (number | string | EngineError)[][] | undefined {
  const read = readPnlInts(a.pnl, a.closed);
  if (read === undefined || read.n < 2) return undefined;
  const n = read.n;
  // the decoder gave a start balance above 0 or none; one with too many decimals goes the Decimal way
  const start = a.start_balance === undefined ? undefined : plainPositive(a.start_balance);
  if (start === undefined && a.start_balance !== undefined) return undefined;
  const risk = blank(a.risk) ? undefined : readRisk(a.risk, read, cellCount(a.pnl));
  if (risk === null) return undefined;
  const k = Math.max(read.scale, risk?.scale ?? 0, start?.k ?? 0);
  if (!liftInts(read.ints, read.scales, n, k) || (risk !== undefined && !liftInts(risk.ints, risk.scales, n, k))) return undefined;
  const startInt = start === undefined ? undefined : lift(start.m, start.k, k);
  if (startInt !== startInt) return undefined;
  const totals = fastTotals(read.ints, n, k, startInt);
  if (totals === undefined) return undefined;
  let r: RFigures | undefined;
  if (risk !== undefined) {
    r = fastR(read.ints, risk.ints, n, k);
    if (r === undefined) return undefined;
  }
  return shownCells(finishStats(totals, r));
}

export const JOURNALSTATS = define(
  {
    pnl: pnlColumn(),
    start_balance: optional(number({ gt: 0 })),
    risk: riskColumn(),
    closed: closedColumn(),
  },
  (a): Table => {
    const order = closeOrder(a.pnl.values.length, a.closed);
    const risk = a.risk;
    return journalStats({
      pnl: order.map((i) => a.pnl.values[i]!),
      startBalance: a.start_balance,
      risk: risk === undefined ? undefined : order.map((i) => risk[i]!),
    });
  },
  { decode: decoders.JOURNALSTATS, kernel: journalStatsFast, errorCells: true },
);
