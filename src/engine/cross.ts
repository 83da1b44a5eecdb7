import { D, Dec, ZERO } from "./decimal";
import { DomainError, EngineError, InvalidArgumentError, NotAvailableError, isEngineError } from "./errors";
import * as X from "./exact";
import { describe, fromNumber, isBlank, parseNumericText, readSide, Side } from "./read";
import { define, number, Param, Table, TableCell } from "./spec";

/**
 * Cross-margin accounts (USDⓈ-M style, several linear positions sharing one wallet).
 * Source: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts": in cross margin,
 * LP = (WB − TMM1 + UPNL1 + cum − side·q·E) / (q·mmr − side·q), with TMM1 and UPNL1 the maintenance margin
 * and unrealised PnL of every other position at its mark, and in hedge mode the LONG and SHORT legs of one
 * symbol summed into one shared price. Margin ratio = maintenance margin / margin balance (Binance's
 * position panel; liquidation at 100 %).
 */

/** One kept row of a positions table, read and checked. */
export interface CrossPosition {
  /** 1-based row in the user's ranges. */
  row: number;
  /** The symbol as typed, trimmed; the empty string where the function takes no symbols. */
  symbol: string;
  side: Side;
  entry: Dec;
  quantity: Dec;
  mark: Dec;
  mmr: Dec;
  /** Maintenance amount (Binance's cum). */
  cum: Dec;
}

const DEFAULT_MMR = new D(0.005);

/** A per-row range: its cells in reading order (a row or a column), or one cell for every row. */
interface Column {
  cells: unknown[];
  /** Omitted or a single blank: the default for every row. */
  omitted: boolean;
}

/** A range that is one row or one column; a block of several rows and columns is #VALUE!. */
function column(tierHint = false): Param<Column> {
  return {
    kind: "numbers",
    optional: tierHint,
    range: true,
    read(raw, field) {
      if (!Array.isArray(raw)) return { cells: [raw], omitted: isBlank(raw) };
      const rows = raw.map((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      if (rows.length > 1 && width > 1) {
        throw new InvalidArgumentError(
          field,
          `expected one cell per position (a row or a column), got a range of ${rows.length}×${width}${tierHint ? ": tier tables are not accepted here; give each row its bracket's rate" : ""}`,
        );
      }
      const cells = rows.length === 1 ? rows[0]! : rows.map((r) => r[0]);
      return { cells, omitted: cells.length === 1 && isBlank(cells[0]) };
    },
  };
}

/** A number cell of row `row`: numeric text read as the number; `check` gives the domain. */
function cellNumber(v: unknown, field: string, row: number, check: (d: Dec) => string | undefined): Dec {
  let d: Dec | undefined;
  if (typeof v === "number") d = fromNumber(v, field);
  else if (typeof v === "string") d = parseNumericText(v);
  if (d === undefined) throw new InvalidArgumentError(field, `row ${row} should be a number, got ${describe(v)}`);
  const problem = check(d);
  if (problem !== undefined) throw new DomainError(field, `row ${row} ${problem}, got ${d.toString()}`);
  return d;
}

const positive = (d: Dec) => (d.gt(0) ? undefined : "must be greater than 0");
const rate = (d: Dec) => (d.gte(0) && d.lt(1) ? undefined : "must be 0 or more and less than 1");
const notNegative = (d: Dec) => (d.gte(0) ? undefined : "must be 0 or more");

interface TableArgs {
  symbols?: Column;
  sides: Column;
  entries: Column;
  quantities: Column;
  marks: Column;
  mmr: Column;
  maint_amounts: Column;
}

/**
 * Reads a positions table (catalog, "Cross-margin accounts"): aligned ranges of one length; a row whose
 * cells are all blank is skipped (undefined); in a kept row a blank optional cell is its default, a blank
 * required cell #VALUE! naming the range and row. With symbols, rows of one symbol must share one mark.
 * Faults are reported range lengths first, then row by row, each row's arguments in catalog order.
 */
export function readPositions(a: TableArgs): (CrossPosition | undefined)[] {
  const required: [string, Column][] = [
    ...(a.symbols ? [["symbols", a.symbols] as [string, Column]] : []),
    ["sides", a.sides],
    ["entries", a.entries],
    ["quantities", a.quantities],
    ["marks", a.marks],
  ];
  const [firstName, first] = required[0]!;
  const n = first.cells.length;
  for (const [name, c] of required) {
    if (c.cells.length !== n) {
      throw new InvalidArgumentError(name, `has ${c.cells.length} cells but ${firstName} has ${n}: the ranges must be the same length`);
    }
  }
  const optionals: [string, Column][] = [
    ["mmr", a.mmr],
    ["maint_amounts", a.maint_amounts],
  ];
  for (const [name, c] of optionals) {
    if (c.cells.length !== 1 && c.cells.length !== n) {
      throw new InvalidArgumentError(name, `has ${c.cells.length} cells but ${firstName} has ${n}: give one value, or one per row`);
    }
  }
  const perRow = (c: Column) => c.cells.length === n && n > 1;
  const optionalAt = (c: Column, i: number): unknown => (c.omitted ? undefined : perRow(c) ? c.cells[i] : c.cells[0]);
  const marks = new Map<string, CrossPosition>();
  const out: (CrossPosition | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const row = i + 1;
    const blank =
      required.every(([, c]) => isBlank(c.cells[i])) && optionals.every(([, c]) => !perRow(c) || isBlank(c.cells[i]));
    if (blank) {
      out.push(undefined);
      continue;
    }
    for (const [name, c] of required) {
      if (isBlank(c.cells[i])) throw new InvalidArgumentError(name, `row ${row} is blank: fill it, or clear the whole row`);
    }
    let symbol = "";
    if (a.symbols) {
      const s = a.symbols.cells[i];
      if (typeof s === "string") symbol = s.trim();
      else if (typeof s === "number" && Number.isFinite(s)) symbol = String(s);
      else throw new InvalidArgumentError("symbols", `row ${row} should be a symbol, got ${describe(s)}`);
    }
    let side: Side;
    try {
      side = readSide(a.sides.cells[i], "sides");
    } catch (e) {
      if (isEngineError(e)) throw new InvalidArgumentError("sides", `row ${row}: ${e.message.replace(/^sides: /, "")}`);
      throw e;
    }
    const mmrCell = optionalAt(a.mmr, i);
    const cumCell = optionalAt(a.maint_amounts, i);
    const p: CrossPosition = {
      row,
      symbol,
      side,
      entry: cellNumber(a.entries.cells[i], "entries", row, positive),
      quantity: cellNumber(a.quantities.cells[i], "quantities", row, positive),
      mark: cellNumber(a.marks.cells[i], "marks", row, positive),
      mmr: isBlank(mmrCell) ? DEFAULT_MMR : cellNumber(mmrCell, "mmr", row, rate),
      cum: isBlank(cumCell) ? ZERO : cellNumber(cumCell, "maint_amounts", row, notNegative),
    };
    if (a.symbols) {
      const key = symbol.toLowerCase();
      const before = marks.get(key);
      if (before === undefined) marks.set(key, p);
      else if (!before.mark.eq(p.mark)) {
        throw new InvalidArgumentError(
          "marks",
          `row ${row} (${symbol}) differs from row ${before.row}: rows of one symbol share one mark`,
        );
      }
    }
    out.push(p);
  }
  return out;
}

/** Maintenance margin q·mark·mmr − cum and unrealised PnL side·q·(mark − E) of one row at its mark. */
function atMark(p: CrossPosition): { mm: Dec; upnl: Dec } {
  return { mm: p.quantity.mul(p.mark).mul(p.mmr).sub(p.cum), upnl: p.mark.sub(p.entry).mul(p.quantity).mul(p.side) };
}

/** Margin balance WB + Σ u less maintenance Σ MM, over every row at its mark. */
function surplusAtMarks(positions: readonly CrossPosition[], wallet: Dec): Dec {
  let s = wallet;
  for (const p of positions) {
    const m = atMark(p);
    s = s.add(m.upnl).sub(m.mm);
  }
  return s;
}

/**
 * The liquidation price of each row's symbol in a cross account: with every row of the symbol at P and
 * every other row at its mark, margin balance = maintenance. Binance's formula
 * P = (WB − Σ_O MM + Σ_O u + Σ_S cum − Σ_S side·q·E) / (Σ_S q·mmr − Σ_S side·q) is computed in the equal
 * form P = mark + surplus/den, where den is that denominator and surplus = WB + Σ u − Σ MM over all rows
 * at their marks (the symbol's own rows at the mark add mark·den − Σ_S cum + Σ_S side·q·E to the
 * numerator's terms, which is the difference). So P lies above the mark where den > 0 and below where
 * den < 0. Skipped rows are null; a symbol without a positive price is a #N/A cell; an account at or
 * below maintenance at the marks is #NUM! as a whole.
 */
export function crossLiquidation(rows: readonly (CrossPosition | undefined)[], wallet: Dec): (Dec | EngineError | null)[] {
  const kept = rows.filter((p): p is CrossPosition => p !== undefined);
  if (kept.length === 0) return rows.map(() => null);
  const surplus = surplusAtMarks(kept, wallet);
  if (surplus.lte(0)) {
    throw new DomainError(
      undefined,
      `the account is at or below maintenance at the marks (margin balance − maintenance = ${surplus.toString()})`,
    );
  }
  const groups = new Map<string, { mark: Dec; den: Dec; symbol: string; price?: Dec | EngineError }>();
  for (const p of kept) {
    const key = p.symbol.toLowerCase();
    const g = groups.get(key) ?? { mark: p.mark, den: ZERO, symbol: p.symbol };
    g.den = g.den.add(p.quantity.mul(p.mmr.sub(p.side)));
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const price = g.den.isZero() ? undefined : g.mark.mul(g.den).add(surplus).div(g.den);
    if (price === undefined) {
      g.price = new NotAvailableError(
        undefined,
        `no liquidation price for ${g.symbol}: its price moves balance and maintenance alike`,
      );
    } else if (price.lte(0)) {
      g.price = new NotAvailableError(undefined, `no liquidation price for ${g.symbol}: the account covers a fall to zero`);
    } else g.price = price;
  }
  return rows.map((p) => (p === undefined ? null : groups.get(p.symbol.toLowerCase())!.price!));
}

// Globals read once (see exact.ts): a call never looks them up.
const isArray = Array.isArray;

/**
 * CROSSLIQ for plain numbers, in exact scaled integers (see exact.ts): the same P = (mark·den + surplus)/den
 * as the Decimal path with one rounding. It answers only a table whose every row is filled, with plain
 * spellings and every symbol a positive price; anything else (blank rows, errors, #N/A cells, a number
 * too large to stay exact) is left to the Decimal path.
 */
function fastCrossLiq(raw: ArrayLike<unknown>): number[][] | undefined {
  const cols: unknown[][] = [];
  for (let j = 0; j < 5; j++) {
    const c = flat(raw[j]);
    if (c === undefined || (j > 0 && c.length !== cols[0]!.length)) return undefined;
    cols.push(c);
  }
  const [syms, sides, entries, quantities, marks] = cols as [unknown[], unknown[], unknown[], unknown[], unknown[]];
  const n = syms.length;
  const w = X.num(raw[5]);
  const kw = X.decimals(w);
  const mmrs = optionalFlat(raw[6], n, 0.005);
  const cums = optionalFlat(raw[7], n, 0);
  if (kw < 0 || !(w >= 0) || mmrs === undefined || cums === undefined) return undefined;
  // groups by symbol: the raw text and its trimmed lower case both lead to the group's index
  const index = new Map<unknown, number>();
  const gMark: number[] = [];
  const gKm: number[] = [];
  const gDen: number[] = [];
  const gKd: number[] = [];
  const group: number[] = [];
  let s = X.integer(w, kw);
  let ks = kw;
  for (let i = 0; i < n; i++) {
    const sym = syms[i];
    const side = X.quickSide(sides[i]);
    const e = X.num(entries[i]);
    const q = X.num(quantities[i]);
    const m = X.num(marks[i]);
    const r = mmrs[i]!;
    const c = cums[i]!;
    const ke = X.decimals(e);
    const kq = X.decimals(q);
    const km = X.decimals(m);
    const kr = X.decimals(r);
    const kc = X.decimals(c);
    if (typeof sym !== "string" || side === 0 || (ke | kq | km | kr | kc) < 0) return undefined;
    if (!(e > 0 && q > 0 && m > 0 && r >= 0 && r < 1 && c >= 0)) return undefined;
    const qi = X.integer(q, kq);
    const mi = X.integer(m, km);
    const ri = X.integer(r, kr);
    let g = index.get(sym);
    if (g === undefined) {
      const key = sym.trim().toLowerCase();
      if (key === "") return undefined;
      g = index.get(key);
      if (g === undefined) {
        g = gMark.length;
        gMark.push(mi);
        gKm.push(km);
        gDen.push(0);
        gKd.push(0);
        index.set(key, g);
      }
      index.set(sym, g);
    }
    if (gMark[g] !== mi || gKm[g] !== km) return undefined;
    group.push(g);
    // surplus += side·q·(mark − E) − q·mark·mmr + cum
    const kme = km > ke ? km : ke;
    const ku = kq + kme;
    const kmm = kq + km + kr;
    const krow = ku > kmm ? ku : kmm;
    const u = side * X.product(qi, X.sum(mi, km, -X.integer(e, ke), ke));
    const row = X.sum(u, ku, -X.product(X.product(qi, mi), ri), kmm);
    s = X.sum(X.sum(s, ks, row, krow), ks > krow ? ks : krow, X.integer(c, kc), kc);
    ks = ks > krow ? ks : krow;
    ks = ks > kc ? ks : kc;
    // den += q·mmr − side·q
    const kd = kq + kr;
    gDen[g] = X.sum(gDen[g]!, gKd[g]!, X.sum(X.product(qi, ri), kd, -side * qi, kq), kd);
    if (kd > gKd[g]!) gKd[g] = kd;
  }
  if (s !== s || !(s > 0) || n === 0) return undefined;
  const prices: number[] = [];
  for (let g = 0; g < gMark.length; g++) {
    const den = gDen[g]!;
    const kd = gKd[g]!;
    const kmd = gKm[g]! + kd;
    const p = X.ratio(X.sum(X.product(gMark[g]!, den), kmd, s, ks), kmd > ks ? kmd : ks, den, kd);
    if (p === undefined || !(p > 0)) return undefined;
    prices.push(p);
  }
  return group.map((g) => [prices[g]!]);
}

/** The cells of a one-column (or one-row) range, or undefined for anything else. */
function flat(x: unknown): unknown[] | undefined {
  if (!isArray(x) || x.length === 0) return undefined;
  if (x.length === 1) return isArray(x[0]) ? (x[0] as unknown[]) : undefined;
  const out: unknown[] = [];
  for (const r of x) {
    if (!isArray(r) || r.length !== 1) return undefined;
    out.push(r[0]);
  }
  return out;
}

/** An optional per-row argument as n plain numbers: blank, one value, or n cells; undefined otherwise. */
function optionalFlat(x: unknown, n: number, fallback: number): number[] | undefined {
  const c = flat(x);
  if (c === undefined || c.length === 1) {
    const v = c === undefined ? x : c[0];
    if (X.blank(v)) return new Array<number>(n).fill(fallback);
    return typeof v === "number" ? new Array<number>(n).fill(v) : undefined;
  }
  return c.length === n ? c.map(X.num) : undefined;
}

const TABLE = {
  sides: column(),
  entries: column(),
  quantities: column(),
  marks: column(),
  wallet_balance: number({ ge: 0 }),
  mmr: column(true),
  maint_amounts: column(true),
};

export const CROSSLIQ = define({ symbols: column(), ...TABLE }, (a): Table =>
  crossLiquidation(readPositions(a), a.wallet_balance).map((c) => [c]),
  fastCrossLiq,
);

export const CROSSACCOUNT_LABELS = [
  "Positions",
  "Notional",
  "Unrealized PnL",
  "Margin balance",
  "Maintenance margin",
  "Margin ratio",
  "Effective leverage",
] as const;

/**
 * The account at the marks: Positions (rows), Notional Σ q·mark, Unrealized PnL Σ u, Margin balance
 * WB + Σ u, Maintenance margin Σ MM, Margin ratio maintenance / margin balance (Binance: liquidation at
 * 100 %), Effective leverage notional / margin balance. A ratio over a margin balance ≤ 0 is a #NUM! cell.
 */
export function crossAccount(rows: readonly (CrossPosition | undefined)[], wallet: Dec): Table {
  let notional = ZERO;
  let upnl = ZERO;
  let mm = ZERO;
  let count = 0;
  for (const p of rows) {
    if (p === undefined) continue;
    count++;
    const m = atMark(p);
    notional = notional.add(p.quantity.mul(p.mark));
    upnl = upnl.add(m.upnl);
    mm = mm.add(m.mm);
  }
  const balance = wallet.add(upnl);
  const ratio = (x: Dec, what: string): TableCell =>
    balance.gt(0) ? x.div(balance) : new DomainError(undefined, `no ${what}: the margin balance is ${balance.toString()}`);
  const values: TableCell[] = [new D(count), notional, upnl, balance, mm, ratio(mm, "margin ratio"), ratio(notional, "effective leverage")];
  return CROSSACCOUNT_LABELS.map((label, i) => [label, values[i]!]);
}

export const CROSSACCOUNT = define(TABLE, (a): Table => crossAccount(readPositions(a), a.wallet_balance));

/**
 * A positions table as one block of cells, its columns in the catalog's order (symbol, side, entry,
 * quantity, mark, and optionally maintenance rate and maintenance amount), read by the same readers as
 * CROSSLIQ's ranges: rows are numbered from the block's first row, a blank row is skipped.
 */
export function readPositionsBlock(cells: readonly (readonly unknown[])[]): (CrossPosition | undefined)[] {
  const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
  if (cells.length === 0 || width < 5 || width > 7) {
    throw new InvalidArgumentError(
      "positions",
      `expected 5 to 7 columns (symbol, side, entry, quantity, mark, maintenance rate, maintenance amount), got ${width}`,
    );
  }
  const columnOf = (j: number): unknown[][] => cells.map((r) => [j < r.length ? r[j] : null]);
  const blank = [[null]];
  return readPositions({
    symbols: column().read(columnOf(0), "symbols"),
    sides: column().read(columnOf(1), "sides"),
    entries: column().read(columnOf(2), "entries"),
    quantities: column().read(columnOf(3), "quantities"),
    marks: column().read(columnOf(4), "marks"),
    mmr: column(true).read(width > 5 ? columnOf(5) : blank, "mmr"),
    maint_amounts: column(true).read(width > 6 ? columnOf(6) : blank, "maint_amounts"),
  });
}
