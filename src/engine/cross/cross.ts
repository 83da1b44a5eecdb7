import { D, Dec, ZERO } from "../spec/decimal";
import { DomainError, EngineError, InvalidArgumentError, NotAvailableError, isEngineError } from "../spec/errors";
import * as decoders from "../spec/decoders";
import { DEFAULT_MMR } from "../liquidation/maintenance";
import { crossLiqKernel, plainColumn, type PlainColumns } from "./cross.fast";
import type { Decline } from "../spec/plain";
import { describe, fromNumber, isBlank, parseNumericText, readSide, Side } from "../spec/read";
import { number, Param } from "../spec/params";
import { define, Table, TableCell } from "../spec/define";

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

/** A per-row range: its cells in reading order (a row or a column), or one cell for every row. */
interface Shape {
  cells: unknown[];
  /** Omitted or a single blank: the default for every row. */
  omitted: boolean;
}

/** A positions table's range as read: its shape, and each kept row's value (undefined for a skipped row). */
interface Column<T = unknown> extends Shape {
  values: (T | undefined)[];
}

/** A range that is one row or one column, or undefined for a block of several rows and columns. */
function shapeOf(raw: unknown): Shape | undefined {
  if (!Array.isArray(raw)) return { cells: [raw], omitted: isBlank(raw) };
  const rows = raw.map((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (rows.length > 1 && width > 1) return undefined;
  const cells = rows.length === 1 ? rows[0]! : rows.map((r) => r[0]);
  return { cells, omitted: cells.length === 1 && isBlank(cells[0]) };
}

/** The ranges of a positions table in the catalog's order; `symbols` only where the function takes them. */
const REQUIRED = ["symbols", "sides", "entries", "quantities", "marks"] as const;
const OPTIONAL = ["mmr", "maint_amounts"] as const;
type TableName = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** The rows of a positions table: how many (the first range's cells), which are kept, which range is first. */
interface Frame {
  first: string;
  n: number;
  kept: boolean[];
}

/** Whether an optional range gives one value per row (rather than one value for every row). */
const perRow = (c: Shape, n: number) => c.cells.length === n && n > 1;

/**
 * Which rows of the table are kept: a row whose cells are all blank, optional per-row cells included, is
 * skipped. Worked out once per call from every range as given (a range of the wrong shape or length is that
 * range's own fault, reported when it is read; here it only counts where it has cells).
 */
function frameOf(raws: (name: TableName) => unknown, names: readonly string[]): Frame {
  const has = (name: string) => names.includes(name);
  const required = REQUIRED.filter(has).map((name) => [name, shapeOf(raws(name))] as const);
  const first = required[0]![0];
  const n = required[0]![1]?.cells.length ?? 0;
  const optional = OPTIONAL.filter(has)
    .map((name) => shapeOf(raws(name)))
    .filter((c): c is Shape => c !== undefined && perRow(c, n));
  const kept: boolean[] = [];
  for (let i = 0; i < n; i++) {
    kept.push(required.some(([, c]) => c !== undefined && i < c.cells.length && !isBlank(c.cells[i])) || optional.some((c) => !isBlank(c.cells[i])));
  }
  return { first, n, kept };
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

function readSymbol(v: unknown, field: string, row: number): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw new InvalidArgumentError(field, `row ${row} should be a symbol, got ${describe(v)}`);
}

function readRowSide(v: unknown, field: string, row: number): Side {
  try {
    return readSide(v, field);
  } catch (e) {
    if (isEngineError(e)) throw new InvalidArgumentError(field, `row ${row}: ${e.message.replace(`${field}: `, "")}`);
    throw e;
  }
}

/** How each range's cells are read, and an optional range's default. */
const CELLS: Record<TableName, { read: (v: unknown, field: string, row: number) => unknown; fallback?: unknown; cell: Param<unknown>["cell"] }> = {
  symbols: { read: readSymbol, cell: { kind: "symbol" } },
  sides: { read: readRowSide, cell: { kind: "side" } },
  entries: { read: (v, f, r) => cellNumber(v, f, r, positive), cell: { kind: "number", bounds: { gt: 0 } } },
  quantities: { read: (v, f, r) => cellNumber(v, f, r, positive), cell: { kind: "number", bounds: { gt: 0 } } },
  marks: { read: (v, f, r) => cellNumber(v, f, r, positive), cell: { kind: "number", bounds: { gt: 0 } } },
  mmr: { read: (v, f, r) => cellNumber(v, f, r, rate), fallback: DEFAULT_MMR, cell: { kind: "number", bounds: { ge: 0, lt: 1 } } },
  maint_amounts: { read: (v, f, r) => cellNumber(v, f, r, notNegative), fallback: ZERO, cell: { kind: "number", bounds: { ge: 0 } } },
};

/**
 * Reads one range of a positions table (catalog, "Cross-margin accounts") and checks it: its shape, its
 * length against the first range's, and each kept row's cell (a blank required cell is #VALUE! naming the
 * range and the row; a blank optional cell is the default). Each range is read in its turn, left to right,
 * so the leftmost range's fault comes first (and within it, the first row's): a bad positions table before a
 * bad wallet_balance, which sits between the table's required and optional ranges.
 */
function readColumn(name: TableName, raw: unknown, frame: Frame, read: Readonly<Record<string, unknown>>): Column {
  const optional = name === "mmr" || name === "maint_amounts";
  const c = shapeOf(raw);
  if (c === undefined) {
    const rows = (raw as unknown[]).length;
    const width = (raw as unknown[]).reduce<number>((w, r) => Math.max(w, Array.isArray(r) ? r.length : 1), 0);
    throw new InvalidArgumentError(
      name,
      `expected one cell per position (a row or a column), got a range of ${rows}×${width}${optional ? ": tier tables are not accepted here; give each row its bracket's rate" : ""}`,
    );
  }
  const { n, first } = frame;
  if (!optional && c.cells.length !== n) {
    throw new InvalidArgumentError(name, `has ${c.cells.length} cells but ${first} has ${n}: the ranges must be the same length`);
  }
  if (optional && c.cells.length !== 1 && c.cells.length !== n) {
    throw new InvalidArgumentError(name, `has ${c.cells.length} cells but ${first} has ${n}: give one value, or one per row`);
  }
  const rule = CELLS[name];
  const each = optional && !perRow(c, n);
  const values: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const row = i + 1;
    if (!frame.kept[i]) {
      values.push(undefined);
      continue;
    }
    const v = c.omitted ? null : c.cells[each ? 0 : i];
    if (isBlank(v)) {
      if (!optional) throw new InvalidArgumentError(name, `row ${row} is blank: fill it, or clear the whole row`);
      values.push(rule.fallback);
      continue;
    }
    values.push(rule.read(v, name, row));
  }
  if (name === "marks" && read.symbols !== undefined) sameMarks((read.symbols as Column<string>).values, values as (Dec | undefined)[]);
  return { ...c, values };
}

/** Rows of one symbol share one price, so their marks must be equal: #VALUE! naming the later row. */
function sameMarks(symbols: readonly (string | undefined)[], marks: readonly (Dec | undefined)[]): void {
  const seen = new Map<string, number>();
  marks.forEach((mark, i) => {
    if (mark === undefined) return;
    const symbol = symbols[i]!;
    const key = symbol.toLowerCase();
    const before = seen.get(key);
    if (before === undefined) seen.set(key, i);
    else if (!marks[before]!.eq(mark)) {
      throw new InvalidArgumentError("marks", `row ${i + 1} (${symbol}) differs from row ${before + 1}: rows of one symbol share one mark`);
    }
  });
}

/** A range of a positions table as an argument: read in its turn, with the rows the whole table keeps. */
function column<N extends TableName>(name: N): Param<Column, PlainColumns[N]> {
  return {
    kind: "numbers",
    optional: name === "mmr" || name === "maint_amounts",
    range: true,
    cell: CELLS[name].cell,
    plain: plainColumn(name, CELLS[name].cell!, CELLS[name].fallback as Dec | undefined) as (x: unknown) => PlainColumns[N] | Decline,
    read(raw, field, call) {
      if (call === undefined) throw new Error(`${field}: a positions table's range is read within a call`);
      const frame = (call.memo.positions ??= frameOf((n) => call.raw(n), call.names)) as Frame;
      return readColumn(name, raw, frame, call.read);
    },
  };
}

/** The read ranges of a positions table. */
type TableArgs = { symbols?: Column } & Record<Exclude<TableName, "symbols">, Column>;

/** The kept rows of a read positions table as positions; a skipped row is undefined. */
export function positionsOf(a: TableArgs): (CrossPosition | undefined)[] {
  return a.sides.values.map((side, i) =>
    side === undefined
      ? undefined
      : {
          row: i + 1,
          symbol: (a.symbols?.values[i] as string | undefined) ?? "",
          side: side as Side,
          entry: a.entries.values[i] as Dec,
          quantity: a.quantities.values[i] as Dec,
          mark: a.marks.values[i] as Dec,
          mmr: a.mmr.values[i] as Dec,
          cum: a.maint_amounts.values[i] as Dec,
        },
  );
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

const TABLE = {
  sides: column("sides"),
  entries: column("entries"),
  quantities: column("quantities"),
  marks: column("marks"),
  wallet_balance: number({ ge: 0 }),
  mmr: column("mmr"),
  maint_amounts: column("maint_amounts"),
};

export const CROSSLIQ = define({ symbols: column("symbols"), ...TABLE }, (a): Table =>
  crossLiquidation(positionsOf(a), a.wallet_balance).map((c) => [c]),
  { decode: decoders.CROSSLIQ, kernel: crossLiqKernel },
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

export const CROSSACCOUNT = define(TABLE, (a): Table => crossAccount(positionsOf(a), a.wallet_balance));

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
  const raws: Record<TableName, unknown> = {
    symbols: columnOf(0),
    sides: columnOf(1),
    entries: columnOf(2),
    quantities: columnOf(3),
    marks: columnOf(4),
    mmr: width > 5 ? columnOf(5) : null,
    maint_amounts: width > 6 ? columnOf(6) : null,
  };
  const names = [...REQUIRED, ...OPTIONAL];
  const frame = frameOf((name) => raws[name], names);
  const read: Record<string, Column> = {};
  for (const name of names) read[name] = readColumn(name, raws[name], frame, read);
  return positionsOf(read as TableArgs);
}
