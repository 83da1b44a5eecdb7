import { D, type Dec } from "../../engine";
import type { Layout, Realised } from "./journal-layouts";
import { quoteOf, type FeeRates, type Fill } from "./journal-fill";
import { tradesOf } from "./journal-plan";

/**
 * The import's check against the exchange: the trades LEV.TRADES makes of the fills (the engine's own table,
 * nothing re-derived here), each compared with the realised PnL the export states for the same fills, like
 * with like (see the layout's `realised`); and the closes whose opening is before the file starts (the
 * exchange says they close a position the file never opens), which the trader leaves out or writes with an
 * opening inferred from the exchange's realised PnL.
 */

/** TRADES' columns, as the engine's header lists them. */
const SYMBOL = 0;
const SIDE = 1;
const OPENED = 2;
const CLOSED = 3;
const FILLS = 4;
const QUANTITY = 5;
const GROSS = 8;
const NET = 10;
const STATUS = 12;

export type TradesTable = (string | number | null)[][];

/** A position's key: its symbol, and its side in hedge mode. */
const groupOf = (symbol: string, positionSide: string | undefined) => `${symbol.trim().toUpperCase()}\u0000${positionSide ?? ""}`;

const dec = (n: number) => new D(n);

// ─── Closes whose opening is before the file ─────────────────────────────────────────────────────────

/** The positions (symbol, and side in hedge mode) that `fills` leave open: a journal's, before an import is added to it. */
export function openGroups(fills: readonly Fill[]): Set<string> {
  const held = new Map<string, Dec>();
  for (const f of fills) {
    const k = groupOf(f.symbol, f.positionSide);
    const q = dec(f.quantity).mul(f.side === "buy" ? 1 : -1);
    held.set(k, (held.get(k) ?? dec(0)).add(q));
  }
  return new Set([...held].filter(([, q]) => !q.isZero()).map(([k]) => k));
}

export interface OrphanGroup {
  symbol: string;
  positionSide: "LONG" | "SHORT" | undefined;
  /** The position held when the file starts, as the exchange's closes show it. */
  side: "long" | "short";
  quantity: number;
  /** The average entry the exchange's realised PnL implies, when it can be told. */
  price: number | undefined;
  contractSize: number | undefined;
  /** The fills of that position in the file, to its close (or to the file's end). */
  fills: Fill[];
  /** The exchange's realised PnL on them, summed. */
  realised: number | undefined;
  /** Why no opening can be inferred, when it cannot. */
  cannotInfer: string | undefined;
}

export type OrphanChoice = "leave" | "infer";

/**
 * Positions open when the file starts: a symbol's first fills that the exchange says close (Binance realised
 * PnL on them, Bybit's CLOSE, MetaTrader's out, a spot sell) while the file holds nothing to close. The
 * position is what those closes need, followed until it is flat again.
 */
export function findOrphans(fills: readonly Fill[], layout: Layout | undefined, accountCurrency: string | undefined, held: ReadonlySet<string> = new Set()): OrphanGroup[] {
  const groups = new Map<string, Fill[]>();
  for (const f of fills) {
    const k = groupOf(f.symbol, f.positionSide);
    // a position the journal already holds open: these fills continue it
    if (held.has(k)) continue;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const out: OrphanGroup[] = [];
  for (const g of groups.values()) {
    if (g[0]!.action !== "close") continue;
    let held: Dec = dec(0); // signed: the file's fills plus the inferred position
    let inferred: Dec = dec(0);
    const members: Fill[] = [];
    for (let n = 0; n < g.length; n++) {
      const f = g[n]!;
      const s = f.side === "buy" ? 1 : -1;
      const q = dec(f.quantity);
      if (f.action === "close") {
        const reducible = !held.isZero() && held.s === -s ? held.abs() : dec(0);
        const short = q.sub(reducible);
        if (short.gt(0)) {
          inferred = inferred.sub(short.mul(s));
          held = held.sub(short.mul(s));
        }
      }
      members.push(f);
      const before = held;
      held = held.add(q.mul(s));
      // flat again: the position held before the file is closed, unless the next fill closes more of it (spot sells)
      if ((held.isZero() && g[n + 1]?.action !== "close") || (!before.isZero() && !held.isZero() && held.s !== before.s)) break;
    }
    const side: "long" | "short" = inferred.s > 0 ? "long" : "short";
    const dir = side === "long" ? 1 : -1;
    const first = g[0]!;
    // The average entry from the closes made before anything was added to the position: their realised PnL is
    // dir·(price − entry)·quantity·contract size, so entry = (Σ price·qty − dir·Σ realised / cs) / Σ qty.
    const closes: Fill[] = [];
    for (const f of members) {
      if ((f.side === "buy" ? 1 : -1) === dir) break;
      closes.push(f);
    }
    const realisedSum = members.every((f) => f.action !== "close" || f.realised !== undefined) ? members.reduce((a, f) => a + (f.realised ?? 0), 0) : undefined;
    let cannotInfer: string | undefined;
    const kind = layout?.realised?.kind;
    if (!layout?.realised || closes.some((f) => f.realised === undefined)) cannotInfer = "the export gives no realised PnL on these closes, so their entry price cannot be told";
    else if (kind === "account" && quoteOf(first.symbol) !== accountCurrency) cannotInfer = `MetaTrader's Profit is in ${accountCurrency ?? "the account currency"}, not in ${first.symbol}'s quote currency, so the entry price cannot be told from it`;
    else if (kind === "position") cannotInfer = "a closed-P&L export has no such closes";
    let price: number | undefined;
    if (cannotInfer === undefined) {
      const cs = dec(first.contractSize ?? 1);
      let value = dec(0);
      let qty = dec(0);
      let realised = dec(0);
      for (const f of closes) {
        value = value.add(dec(f.price).mul(f.quantity));
        qty = qty.add(f.quantity);
        realised = realised.add(grossOf(f, layout!.realised!));
      }
      const entry = value.sub(realised.div(cs).mul(dir)).div(qty);
      price = entry.gt(0) ? Number(entry.toSignificantDigits(12).toString()) : undefined;
      if (price === undefined) cannotInfer = "the entry price the exchange's realised PnL implies is not above 0";
    }
    out.push({
      symbol: first.symbol,
      positionSide: first.positionSide,
      side,
      quantity: Number(inferred.abs().toString()),
      price,
      contractSize: first.contractSize,
      fills: members,
      realised: realisedSum,
      cannotInfer,
    });
  }
  return out;
}

/** A fill's realised PnL before fees, from what the export states (Bybit's Change is after the fill's fee). */
function grossOf(f: Fill, r: Realised): Dec {
  const v = dec(f.realised ?? 0);
  return r.kind === "net-fill" ? v.add(f.fee) : v;
}

/**
 * The fills to write, with the trader's choice for positions open when the file starts: their fills left
 * out, or an opening fill inferred for each (marked, at the file's first time, at the entry the exchange's
 * realised PnL implies; a position whose entry cannot be told is left out either way).
 */
export function withOrphans(fills: readonly Fill[], orphans: readonly OrphanGroup[], choice: OrphanChoice, label: string): Fill[] {
  if (orphans.length === 0) return fills.slice();
  const first = fills.reduce((m, f) => Math.min(m, f.time), Number.POSITIVE_INFINITY);
  const leave = new Set<Fill>();
  const openings: Fill[] = [];
  for (const o of orphans) {
    if (choice === "infer" && o.price !== undefined) {
      openings.push({
        line: 0,
        time: first,
        symbol: o.symbol,
        side: o.side === "long" ? "buy" : "sell",
        price: o.price,
        quantity: o.quantity,
        fee: 0,
        feeAsset: undefined,
        positionSide: o.positionSide,
        contractSize: o.contractSize,
        action: "open",
        inferred: true,
        note: `inferred opening: held when the file starts, at the average entry ${label} implies (fee unknown)`,
      });
    } else for (const f of o.fills) leave.add(f);
  }
  return [...openings, ...fills.filter((f) => !leave.has(f))];
}

// ─── Reconciliation ──────────────────────────────────────────────────────────────────────────────────

export interface TradeCheck {
  /** The trade's row in TRADES (1 = the first trade). */
  row: number;
  symbol: string;
  side: string;
  opened: number;
  closed: number | null;
  /** Lines of its fills (0 for an inferred opening). */
  lines: number[];
  /** LEV's figure compared (Gross or Net PnL, as `compared` says). */
  lev: number;
  exchange: number;
  difference: number;
  /** Half a unit of the export's last digit per fill. */
  tolerance: number;
  agrees: boolean;
  /** MetaTrader where the quote currency is not the account currency: the exchange rate the two figures imply. */
  rate?: number;
  why?: string;
}

export interface Reconciliation {
  label: string;
  means: string;
  compared: "Gross PnL" | "Net PnL";
  /** Decimals the export writes its realised PnL with, and half a unit of the last. */
  decimals: number;
  perFill: number;
  checks: TradeCheck[];
  agree: number;
  differ: TradeCheck[];
  /** Trades whose figures are in different currencies (MetaTrader): the rate each implies. */
  rated: TradeCheck[];
}

export interface TradesResult {
  table: TradesTable;
  /** The trades' fills: for each trade row (1-based), the indexes of its fills in `fills`. */
  members: number[][];
}

/**
 * Which fills make which trade: each position's fills in order, taken trade by trade as many as TRADES counts
 * (a fill that goes through zero counts in both trades it touches: it is shared when the exits it holds are
 * more than the trade's quantity).
 */
export function tradeMembers(fills: readonly Fill[], table: TradesTable): number[][] {
  const byGroup = new Map<string, number[]>();
  fills.forEach((f, i) => {
    const k = groupOf(f.symbol, f.positionSide);
    const g = byGroup.get(k);
    if (g) g.push(i);
    else byGroup.set(k, [i]);
  });
  // a symbol in hedge mode has its LONG and SHORT positions apart; a trade's side names its position
  const hedged = new Set(fills.filter((f) => f.positionSide !== undefined).map((f) => f.symbol.trim().toUpperCase()));
  const at = new Map<string, number>();
  const members: number[][] = [[]];
  for (let r = 1; r < table.length; r++) {
    const t = table[r]!;
    const symbol = String(t[SYMBOL]).trim().toUpperCase();
    const hedge = hedged.has(symbol);
    const k = groupOf(symbol, hedge ? (t[SIDE] === "long" ? "LONG" : "SHORT") : undefined);
    const g = byGroup.get(k) ?? [];
    const start = at.get(k) ?? 0;
    const n = Number(t[FILLS]);
    const mine = g.slice(start, start + n);
    members.push(mine);
    // shared with the next trade when its exits exceed what the trade entered (a flip)
    // (a flip exits more than the trade held by at least a quantity step; doubles' last bits are far below that)
    const side = t[SIDE] === "long" ? "buy" : "sell";
    let exits = 0;
    if (!hedge && t[STATUS] === "closed") for (const i of mine) if (fills[i]!.side !== side) exits += fills[i]!.quantity;
    const q = Number(t[QUANTITY]);
    const flip = !hedge && t[STATUS] === "closed" && exits > q * (1 + 1e-9);
    at.set(k, start + n - (flip ? 1 : 0));
  }
  return members;
}

/** The engine's trades over the fills and which fills each holds. */
export function engineTrades(fills: readonly Fill[], rates: FeeRates): TradesResult {
  const table = tradesOf(fills, rates);
  return { table, members: tradeMembers(fills, table) };
}

/**
 * Each trade's figure from LEV.TRADES beside the exchange's own for the same fills, like with like; a flip's
 * exchange figure counts for the trade it closes. Agreement is within half a unit of the export's last digit
 * per fill (and the last bits of a double).
 */
export function reconcile(fills: readonly Fill[], trades: TradesResult, r: Realised, decimals: number, accountCurrency: string | undefined, compared?: (row: number) => boolean): Reconciliation {
  const figure = r.kind === "gross-fill" || r.kind === "account" ? "Gross PnL" : "Net PnL";
  const perFill = 0.5 * 10 ** -decimals;
  const checks: TradeCheck[] = [];
  // a fill shared by two trades (a flip) realises its PnL in the first, the one it closes
  const owner = new Map<number, number>();
  for (let row = trades.table.length - 1; row >= 1; row--) for (const i of trades.members[row]!) owner.set(i, row);
  for (let row = 1; row < trades.table.length; row++) {
    if (compared && !compared(row)) continue;
    const t = trades.table[row]!;
    const stated = trades.members[row]!.filter((i) => owner.get(i) === row && fills[i]!.realised !== undefined);
    if (stated.length === 0) continue;
    // the exchange's figures summed exactly (they are short decimals; a double sum could drift in their last digit)
    let exchange = dec(0);
    for (const i of stated) exchange = exchange.add(fills[i]!.realised!);
    const lev = Number(t[figure === "Gross PnL" ? GROSS : NET]);
    const ex = Number(exchange.toString());
    const difference = lev - ex;
    const tolerance = stated.length * perFill + 1e-12 * Math.max(1, Math.abs(lev), Math.abs(ex));
    const check: TradeCheck = {
      row,
      symbol: String(t[SYMBOL]),
      side: String(t[SIDE]),
      opened: Number(t[OPENED]),
      closed: t[CLOSED] === null ? null : Number(t[CLOSED]),
      lines: trades.members[row]!.map((i) => fills[i]!.line),
      lev,
      exchange: ex,
      difference,
      tolerance,
      agrees: Math.abs(difference) <= tolerance,
    };
    if (r.kind === "account" && quoteOf(check.symbol) !== accountCurrency) {
      check.agrees = Math.abs(difference) <= tolerance; // at a rate of 1 (a symbol quoted in the account currency without saying so)
      if (!check.agrees && lev !== 0) {
        check.rate = ex / lev;
        check.why = `${check.symbol} is quoted in ${quoteOf(check.symbol) ?? "another currency"}, MetaTrader's Profit in ${accountCurrency ?? "the account currency"}: ${ex} ÷ ${round(lev)} implies ${rateText(check.rate)} ${accountCurrency ?? ""} per ${quoteOf(check.symbol) ?? "unit of the quote currency"}`;
      }
    } else if (!check.agrees) {
      check.why = explain(t, r, fills, trades.members[row]!);
    }
    checks.push(check);
  }
  const differ = checks.filter((c) => !c.agrees && c.rate === undefined);
  const rated = checks.filter((c) => c.rate !== undefined);
  return { label: r.label, means: r.means, compared: figure, decimals, perFill, checks, agree: checks.filter((c) => c.agrees).length, differ, rated };
}

const round = (x: number) => Number(x.toPrecision(10));
const rateText = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(2) : x.toPrecision(5));

/** Why a trade's figures differ, as far as the fills tell. */
function explain(t: (string | number | null)[], r: Realised, fills: readonly Fill[], members: number[]): string {
  const inferred = members.some((i) => fills[i]!.inferred);
  if (r.kind === "position") return "the closed P&L is after the opening and closing fees and the funding, which this export does not list apart";
  if (inferred) return "its opening is inferred; the exchange's average entry was rounded";
  const opens = members.filter((i) => fills[i]!.action === "close").length;
  if (t[STATUS] === "open") return "the trade is still open: LEV counts what it has realised so far by average cost";
  if (opens === members.length) return "every fill of it closes a position, but the file holds no opening for it";
  return "the exchange computed its realised PnL from a different average entry than these fills give (a fill may be missing from the file)";
}
