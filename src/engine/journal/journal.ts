import { D, Dec, ZERO } from "../spec/decimal";
import * as B from "../arith/bigdec";
import { blank, decimals, exact, integer, lift, product, quickSide, ratio, sum, value } from "../arith/exact";
import { certainQuotient, compareProducts, rFiguresExact } from "../arith/doubleword";
import { DivisionByZeroError, DomainError, EngineError, InvalidArgumentError, NotAvailableError } from "../spec/errors";
import { describe, fromNumber, isBlank, parseNumericText, sideOf } from "../spec/read";
import { number, optional, type Bounds, type CellKind, type Param } from "../spec/params";
import { define, type Table, type TableCell } from "../spec/define";

/**
 * The trading journal: trades from fills (TRADES), statistics over closed trades (JOURNALSTATS) and the
 * equity curve (EQUITYCURVE). A trade is one position in one symbol (and position side, in hedge mode)
 * from flat to flat, in decimal arithmetic, so a position is flat only when its quantity is exactly zero.
 * Realised PnL is by average cost, as exchanges report it.
 */

// ─── Reading a fills table ───────────────────────────────────────────────────────────────────────────

/** A range argument as its cells in reading order (row by row), blanks as null; a single value is one cell. */
export interface Column {
  values: unknown[];
  /** The argument was omitted or is a single blank cell. */
  omitted: boolean;
  /** The argument was not given at all (no range, no value). */
  missing: boolean;
}

function flatten(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) return [raw];
  const out: unknown[] = [];
  for (const r of raw as unknown[]) {
    if (Array.isArray(r)) for (const v of r as unknown[]) out.push(isBlankCell(v) ? null : v);
    else out.push(isBlankCell(r) ? null : r);
  }
  return out;
}

function isBlankCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // most text cells start with a visible character: no trimmed copy is made for them
  return v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim() === "");
}

/** A range taken as it is: its cells (of the kind `cell` says) are read by the function, which knows the table. */
export function column(cell: CellKind, bounds?: Bounds): Param<Column> {
  return {
    kind: "numbers",
    optional: false,
    range: true,
    cell: { kind: cell, bounds },
    read: (raw) => ({ values: flatten(raw), omitted: isBlank(raw), missing: raw === null || raw === undefined }),
  };
}

/** An optional range: omitted, one value for every row, or one per row. */
export function optionalColumn(cell: CellKind, bounds?: Bounds): Param<Column> {
  return { ...column(cell, bounds), optional: true };
}

/** A fill, read and checked. `row` is its 1-based position in the ranges. */
/** A cell's number: a plain JS number as the cell held it, or the Decimal its numeric text was read as. */
type Num = number | Dec;

function decOf(x: Num, field: string): Dec {
  return typeof x === "number" ? fromNumber(x, field) : x;
}

interface FillOf<N> {
  row: number;
  time: number;
  key: string;
  symbol: string;
  side: 1 | -1;
  price: N;
  quantity: N;
  fee: N;
  contractSize: N;
  /** 0 for one-way, 1 for the LONG position, −1 for the SHORT position (hedge mode). */
  positionSide: 0 | 1 | -1;
}

type Fill = FillOf<Num>;
type DecFill = FillOf<Dec>;

const POSITION_SIDES: Record<string, 0 | 1 | -1> = { "": 0, both: 0, long: 1, short: -1 };

/** 1970-01-01 as an Excel serial. */
const UNIX_EPOCH_SERIAL = 25569;
/** 1900-03-01: the first date whose Excel serial counts real days (Excel counts a 1900-02-29 that never was). */
const FIRST_SERIAL = 61;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the civil-calendar count, without a clock or Date). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * ISO date-time text (`YYYY-MM-DD`, `YYYY-MM-DD hh:mm`, `YYYY-MM-DD hh:mm:ss`, `T` for the space) as the Excel
 * serial of that date-time; undefined when it is not such text or no such date exists.
 */
export function isoSerial(text: string): number | undefined {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((x) => x);
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const days = daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
  if (days < FIRST_SERIAL) return undefined;
  // One division of exact integers: the double nearest the true serial, as Excel stores it.
  return (days * 86400 + hour * 3600 + minute * 60 + second) / 86400;
}

/** A date-time cell: a serial as it is, or ISO text as the serial Excel would store; else #VALUE! naming `where`. */
function readTime(v: unknown, row: number, field = "times", where = `row ${row}`): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const serial = isoSerial(v);
    if (serial !== undefined) return serial;
  }
  throw new InvalidArgumentError(
    field,
    `${where} should be a date-time (a date-time cell, or text such as "2024-01-08 09:30:00" from 1900-03-01 on), got ${describe(v)}`,
  );
}

function readSymbol(v: unknown, row: number): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw new InvalidArgumentError("symbols", `row ${row} should be a symbol such as BTCUSDT, got ${describe(v)}`);
}

function readFillSide(v: unknown, row: number): 1 | -1 {
  const side = sideOf(v);
  if (side !== undefined) return side;
  throw new InvalidArgumentError("sides", `row ${row} should be "buy" or "sell" (or "long"/"short", "b", "l"/"s", 1/-1), got ${describe(v)}`);
}

function readCellNumber(v: unknown, field: string, row: number): Dec {
  return decOf(readCellNum(v, field, row), field);
}

/** A number cell as it is (no Decimal made for a plain number), or numeric text as a Decimal. */
function readCellNum(v: unknown, field: string, row: number): Num {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new DomainError(field, `row ${row} should be a finite number, got ${describe(v)}`);
    return v;
  }
  if (typeof v === "string") {
    const d = parseNumericText(v);
    if (d !== undefined) return d;
  }
  throw new InvalidArgumentError(field, `row ${row} should be a number, got ${describe(v)}`);
}

function positive(d: Num, field: string, row: number, what: string): Num {
  const ok = typeof d === "number" ? d > 0 : d.s === 1 && !d.isZero();
  if (!ok) throw new DomainError(field, `row ${row}: ${what} must be greater than 0, got ${d.toString()}`);
  return d;
}

function readPositionSide(v: unknown, row: number): 0 | 1 | -1 {
  if (v === null) return 0;
  if (typeof v === "string") {
    const p = POSITION_SIDES[v.trim().toLowerCase()];
    if (p === 0 || p === 1 || p === -1) return p;
  }
  throw new InvalidArgumentError("position_sides", `row ${row} should be LONG, SHORT or BOTH (blank for one-way), got ${describe(v)}`);
}

/** An optional per-row argument: one value for every row, or one per row. */
function perRow(c: Column, field: string, rows: number): (i: number) => unknown {
  if (c.omitted) return () => null;
  if (c.values.length === 1) {
    const only = c.values[0];
    return () => only;
  }
  if (c.values.length !== rows) {
    throw new InvalidArgumentError(field, `must be one value or one per fill (${rows} rows), got ${c.values.length} cells`);
  }
  return (i) => c.values[i];
}

const REQUIRED = ["times", "symbols", "sides", "prices", "quantities"] as const;

/**
 * The fills of a fills table, in row order, checked; all-blank rows skipped. The ranges are checked one after
 * the other, left to right, each from its first row (catalog, Errors: the leftmost argument's fault first):
 * a required range's presence, length and cells, then each optional range's length and cells.
 */
export function readFills(a: {
  times: Column;
  symbols: Column;
  sides: Column;
  prices: Column;
  quantities: Column;
  fees: Column;
  contractSizes: Column;
  positionSides: Column;
}): Fill[] {
  const cols = [a.times, a.symbols, a.sides, a.prices, a.quantities];
  const rows = a.times.values.length;
  // A row whose cells are all blank, per-row optional cells included, is skipped; a range of the wrong
  // length counts where it has cells (its length is its own fault, reported in its turn).
  const perRowOptional = [a.fees, a.contractSizes, a.positionSides].filter((c) => !c.omitted && c.values.length === rows && rows > 1);
  const kept: boolean[] = [];
  for (let i = 0; i < rows; i++) kept.push(cols.some((c) => !c.missing && i < c.values.length && c.values[i] !== null) || perRowOptional.some((c) => c.values[i] !== null));
  /** A required range's cells of the kept rows, each read by `read` (cells of the same value once). */
  const required = <T>(j: number, read: (v: unknown, row: number) => T): T[] => {
    const c = cols[j]!;
    const field = REQUIRED[j];
    if (c.missing) throw new InvalidArgumentError(field, "is required: a range of the fills table");
    if (c.values.length !== rows) throw new InvalidArgumentError(field, `must be the same size as times (${rows} cells), got ${c.values.length} cells`);
    const out: T[] = [];
    for (let i = 0; i < rows; i++) {
      if (!kept[i]) continue;
      const v = c.values[i];
      if (v === null) throw new InvalidArgumentError(field, `row ${i + 1} is blank, but the row has other values`);
      out.push(read(v, i + 1));
    }
    return out;
  };
  const times = required(0, (v, row) => readTime(v, row));
  // A journal repeats a few symbols and side words: each distinct cell value is read once.
  const symbolsRead = new Map<unknown, { symbol: string; key: string }>();
  const symbols = required(1, (v, row) => {
    let read = symbolsRead.get(v);
    if (read === undefined) {
      const text = readSymbol(v, row);
      read = { symbol: text, key: text.toLowerCase() };
      symbolsRead.set(v, read);
    }
    return read;
  });
  const sidesRead = new Map<unknown, 1 | -1>();
  const sides = required(2, (v, row) => {
    let side = sidesRead.get(v);
    if (side === undefined) {
      side = readFillSide(v, row);
      sidesRead.set(v, side);
    }
    return side;
  });
  const prices = required(3, (v, row) => positive(readCellNum(v, "prices", row), "prices", row, "a price"));
  const quantities = required(4, (v, row) => positive(readCellNum(v, "quantities", row), "quantities", row, "a quantity"));
  /** An optional range's cells of the kept rows (null for a blank), each read by `read`. */
  const optional = <T>(c: Column, field: string, read: (v: unknown, row: number) => T): T[] => {
    const at = perRow(c, field, rows);
    const out: T[] = [];
    for (let i = 0; i < rows; i++) if (kept[i]) out.push(read(at(i), i + 1));
    return out;
  };
  const fees = optional(a.fees, "fees", (v, row) => (v === null ? 0 : readCellNum(v, "fees", row)));
  const sizes = optional(a.contractSizes, "contract_sizes", (v, row) =>
    v === null ? 1 : positive(readCellNum(v, "contract_sizes", row), "contract_sizes", row, "a contract size"),
  );
  const positionSides = optional(a.positionSides, "position_sides", readPositionSide);
  const rowsKept: number[] = [];
  for (let i = 0; i < rows; i++) if (kept[i]) rowsKept.push(i + 1);
  // A symbol's fills are all one-way or all hedge mode: a fault of position_sides, at the first row that differs.
  const modes = new Map<string, { hedge: boolean; row: number }>();
  const fills: Fill[] = [];
  rowsKept.forEach((row, k) => {
    const { symbol, key } = symbols[k]!;
    const positionSide = positionSides[k]!;
    const mode = modes.get(key);
    if (mode === undefined) modes.set(key, { hedge: positionSide !== 0, row });
    else if (mode.hedge !== (positionSide !== 0)) {
      throw new InvalidArgumentError(
        "position_sides",
        `row ${row} is ${positionSide === 0 ? "one-way (BOTH or blank)" : "hedge mode (LONG or SHORT)"} but ${symbol}'s first fill (row ${mode.row}) is ${mode.hedge ? "hedge mode" : "one-way"}: a symbol's fills are all one or the other`,
      );
    }
    fills.push({ row, time: times[k]!, key, symbol, side: sides[k]!, price: prices[k]!, quantity: quantities[k]!, fee: fees[k]!, contractSize: sizes[k]!, positionSide });
  });
  return fills;
}

// ─── Trades ──────────────────────────────────────────────────────────────────────────────────────────

export const TRADES_HEADER = ["Symbol", "Side", "Opened", "Closed", "Fills", "Quantity", "Avg entry", "Avg exit", "Gross PnL", "Fees", "Net PnL", "Return", "Status"];

/** A trade as it is built: sums of values, not averages, so that a closed trade's PnL is exact. */
interface Trade {
  symbol: string;
  side: 1 | -1;
  opened: number;
  closed: number | undefined;
  fills: number;
  contractSize: Dec;
  /** The quantity held now. */
  held: Dec;
  entryQuantity: Dec;
  entryValue: Dec;
  exitQuantity: Dec;
  exitValue: Dec;
  fees: Dec;
  /** Entries and exits in order (price, quantity), kept while the trade is open to realise by average cost. */
  steps: { entry: boolean; price: Dec; quantity: Dec }[];
}

/** A trade's row: its figures as Decimals, or as numbers where they were computed exactly in doubles. */
export interface TradeRow {
  symbol: string;
  side: "long" | "short";
  opened: number;
  closed: number | undefined;
  fills: number;
  quantity: Num;
  avgEntry: Num;
  avgExit: Num | undefined;
  gross: Num;
  fees: Num;
  net: Num;
  return: Num;
  status: "open" | "closed";
}

function open(f: DecFill, side: 1 | -1, quantity: Dec, fee: Dec): Trade {
  return {
    symbol: f.symbol,
    side,
    opened: f.time,
    closed: undefined,
    fills: 1,
    contractSize: f.contractSize,
    held: quantity,
    entryQuantity: quantity,
    entryValue: f.price.mul(quantity),
    exitQuantity: ZERO,
    exitValue: ZERO,
    fees: fee,
    steps: [{ entry: true, price: f.price, quantity }],
  };
}

/** Realised PnL by average cost: each exit realises side·(exit − A)·q with A the average cost of what is held. */
function realisedByAverageCost(t: Trade): Dec {
  let held = ZERO;
  let cost = ZERO;
  let realised = ZERO;
  for (const s of t.steps) {
    if (s.entry) {
      held = held.add(s.quantity);
      cost = cost.add(s.price.mul(s.quantity));
    } else {
      const removed = cost.mul(s.quantity).div(held);
      realised = realised.add(s.price.mul(s.quantity).sub(removed));
      held = held.sub(s.quantity);
      cost = cost.sub(removed);
    }
  }
  return realised.mul(t.side);
}

/**
 * A trade's row, whichever path computed its figures: one place words its symbol, side, times, fills and
 * status. (Figures as arguments rather than an object spread, which costs more than the rest of a row.)
 */
function tradeRow(
  t: { symbol: string; side: number; opened: number; closed?: number; fills: number },
  quantity: Num,
  avgEntry: Num,
  avgExit: Num | undefined,
  gross: Num,
  fees: Num,
  net: Num,
  ret: Num,
): TradeRow {
  return {
    symbol: t.symbol,
    side: t.side === 1 ? "long" : "short",
    opened: t.opened,
    closed: t.closed,
    fills: t.fills,
    quantity,
    avgEntry,
    avgExit,
    gross,
    fees,
    net,
    return: ret,
    status: t.closed !== undefined ? "closed" : "open",
  };
}

function rowOf(t: Trade): TradeRow {
  const closed = t.closed !== undefined;
  // Closed: side·(Σ exit value − Σ entry value), exact whatever the order; open: what was realised so far.
  const gross = (closed ? t.exitValue.sub(t.entryValue).mul(t.side) : t.exitQuantity.isZero() ? ZERO : realisedByAverageCost(t)).mul(
    t.contractSize,
  );
  const net = gross.sub(t.fees);
  return tradeRow(
    t,
    t.entryQuantity,
    t.entryValue.div(t.entryQuantity),
    t.exitQuantity.isZero() ? undefined : t.exitValue.div(t.exitQuantity),
    gross,
    t.fees,
    net,
    net.div(t.entryValue.mul(t.contractSize)),
  );
}

/**
 * fee·part/whole, rounded to as many decimals as leave fee − share exact in 34 digits (at least the fee's own),
 * so that the two parts of a split fee add up to the fee.
 */
export function share(fee: Dec, part: Dec, whole: Dec): Dec {
  const text = fee.toString();
  const own = text.includes("e") ? 0 : text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  const places = Math.max(own, 32 - Math.max(0, fee.e + 1));
  return fee.mul(part).div(whole).toDecimalPlaces(places);
}

/**
 * `share` for a fee, part and whole given as scaled integers, in BigInt with the Decimal's own roundings
 * (bigdec.ts), so the exact paths finish a flip without Decimal: the same value, step for step.
 */
export function shareBig(fee: B.Big, part: number, whole: number, kq: number): B.Big {
  const own = B.ownDecimals(fee);
  const intDigits = B.exponent(fee) + 1; // digits before the point, if any
  const places = 32 - (intDigits > 0 ? intDigits : 0);
  return B.toPlaces(B.div(B.mul(fee, B.big(part, kq)), B.big(whole, kq)), own > places ? own : places);
}

/** A flip's fee parts as a Decimal, exactly (its text is all its digits). */
function bigDec(x: B.Big): Dec {
  return new D(`${x.n}e-${x.k}`);
}

function contractSizeError(f: Fill, tradeSize: Num): EngineError {
  return new InvalidArgumentError(
    "contract_sizes",
    `row ${f.row} has contract size ${f.contractSize.toString()} but the ${f.symbol} trade it belongs to has ${tradeSize.toString()}: the fills of one trade share one contract size`,
  );
}

function reduceNothingError(f: Fill): EngineError {
  return new InvalidArgumentError(
    "position_sides",
    `row ${f.row} ${f.side === 1 ? "buys" : "sells"} on the ${f.positionSide === 1 ? "LONG" : "SHORT"} side of ${f.symbol}, which holds nothing: a hedge-mode position cannot go below zero`,
  );
}

function throughZeroError(f: Fill, held: Dec): EngineError {
  return new InvalidArgumentError(
    "position_sides",
    `row ${f.row} ${f.side === 1 ? "buys" : "sells"} ${f.quantity.toString()} on the ${f.positionSide === 1 ? "LONG" : "SHORT"} side of ${f.symbol}, which holds ${held.toString()}: a hedge-mode position cannot go through zero`,
  );
}

/** The position a fill belongs to: its symbol, and in hedge mode its side. */
function positionKey(f: Fill): string {
  return f.positionSide === 0 ? f.key : `${f.key}\u0000${f.positionSide}`;
}

/** Fill indices in time order; fills at the same time keep their row order (the sort is stable). */
function timeOrder(fills: readonly Fill[]): number[] {
  const order = fills.map((_, i) => i);
  order.sort((x, y) => fills[x]!.time - fills[y]!.time);
  return order;
}

/** The trades the fills make, ordered by opening time, then by the row of their first fill. */
export function trades(fills: readonly Fill[]): TradeRow[] {
  const order = timeOrder(fills);
  return tradesExact(fills, order) ?? tradesDecimal(fills, order);
}

/** The same trades in Decimal throughout: the path for numeric text, and for numbers too long for exact doubles. */
function tradesDecimal(plain: readonly Fill[], order: readonly number[]): TradeRow[] {
  const fills: DecFill[] = plain.map((f) => ({
    ...f,
    price: decOf(f.price, "prices"),
    quantity: decOf(f.quantity, "quantities"),
    fee: decOf(f.fee, "fees"),
    contractSize: decOf(f.contractSize, "contract_sizes"),
  }));
  const current = new Map<string, Trade>();
  const all: Trade[] = [];
  for (const i of order) {
    const f = fills[i]!;
    const key = positionKey(f);
    const t = current.get(key);
    if (t === undefined) {
      if (f.positionSide !== 0 && f.side !== f.positionSide) throw reduceNothingError(f);
      const trade = open(f, f.positionSide === 0 ? f.side : f.positionSide, f.quantity, f.fee);
      current.set(key, trade);
      all.push(trade);
      continue;
    }
    if (!t.contractSize.eq(f.contractSize)) throw contractSizeError(f, t.contractSize);
    t.fills++;
    if (f.side === t.side) {
      t.fees = t.fees.add(f.fee);
      t.held = t.held.add(f.quantity);
      t.entryQuantity = t.entryQuantity.add(f.quantity);
      t.entryValue = t.entryValue.add(f.price.mul(f.quantity));
      t.steps.push({ entry: true, price: f.price, quantity: f.quantity });
      continue;
    }
    const cmp = f.quantity.cmp(t.held);
    if (cmp > 0 && f.positionSide !== 0) throw throughZeroError(f, t.held);
    const closing = cmp > 0 ? t.held : f.quantity;
    // A flip's fee is shared by quantity, the closing part rounded so that the two parts add up to the fee exactly.
    const closingFee = cmp > 0 ? share(f.fee, closing, f.quantity) : f.fee;
    t.fees = t.fees.add(closingFee);
    t.exitQuantity = t.exitQuantity.add(closing);
    t.exitValue = t.exitValue.add(f.price.mul(closing));
    t.held = t.held.sub(closing);
    t.steps.push({ entry: false, price: f.price, quantity: closing });
    if (cmp < 0) continue;
    t.closed = f.time;
    t.steps = [];
    current.delete(key);
    if (cmp > 0) {
      // A flip: the rest opens the opposite trade at the same time and price; the fee is shared by quantity.
      const rest = f.quantity.sub(closing);
      const next = open(f, f.side, rest, f.fee.sub(closingFee));
      current.set(key, next);
      all.push(next);
    }
  }
  return all.map(rowOf);
}

/**
 * A trade in scaled integers held in doubles (see exact.ts): quantities over 10^kq, prices over 10^kp, values
 * over 10^(kp+kq), fees over 10^kf, each sum checked to stay exact. Nothing is allocated per fill.
 */
interface ExactTrade {
  symbol: string;
  side: 1 | -1;
  opened: number;
  closed: number | undefined;
  fills: number;
  contractSize: number;
  held: number;
  entryQuantity: number;
  entryValue: number;
  exitQuantity: number;
  exitValue: number;
  fees: number;
  /** The parts of flip fees, which need not fit the fee scale (exact, in BigInt). */
  feeShares: B.Big | undefined;
  /** Fill index, quantity (scaled) and +1 for an entry or −1 for an exit, three numbers a step, while open. */
  steps: number[];
}

const LARGEST_FRACTION = 2 ** 50;

/** m/10^k as a Decimal: a shift of the decimal point, exact (m is a safe integer, so its text is all its digits). */
function scaled(m: number, k: number): Dec {
  return k === 0 ? new D(m) : new D(`${m}e-${k}`);
}

/**
 * The trades in exact double arithmetic when every price, quantity, fee and contract size is a plain number
 * with few decimals and every sum stays within 2^53; undefined otherwise, and the Decimal path answers. The
 * rows are the same either way (tested): the Decimals made at the end hold the same values the Decimal path
 * sums to.
 */
function tradesExact(fills: readonly Fill[], order: readonly number[]): TradeRow[] | undefined {
  const n = fills.length;
  let kp = 0;
  let kq = 0;
  let kf = 0;
  for (let i = 0; i < n; i++) {
    const f = fills[i]!;
    if (typeof f.price !== "number" || typeof f.quantity !== "number" || typeof f.fee !== "number" || typeof f.contractSize !== "number") {
      return undefined;
    }
    const a = decimals(f.price);
    const b = decimals(f.quantity);
    const c = decimals(f.fee);
    if (a < 0 || b < 0 || c < 0) return undefined;
    if (a > kp) kp = a;
    if (b > kq) kq = b;
    if (c > kf) kf = c;
  }
  const P = new Float64Array(n);
  const Q = new Float64Array(n);
  const Fe = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = fills[i]!;
    const p = integer(f.price as number, kp);
    const q = integer(f.quantity as number, kq);
    const fee = integer(f.fee as number, kf);
    if (!(p < LARGEST_FRACTION && q < LARGEST_FRACTION && fee < LARGEST_FRACTION && fee > -LARGEST_FRACTION)) return undefined;
    P[i] = p;
    Q[i] = q;
    Fe[i] = fee;
  }
  const current = new Map<string, ExactTrade>();
  const all: ExactTrade[] = [];
  const start = (i: number, f: Fill, side: 1 | -1, q: number, fee: number, feeShares: B.Big | undefined): ExactTrade => {
    const t: ExactTrade = {
      symbol: f.symbol,
      side,
      opened: f.time,
      closed: undefined,
      fills: 1,
      contractSize: f.contractSize as number,
      held: q,
      entryQuantity: q,
      entryValue: exact(P[i]! * q),
      exitQuantity: 0,
      exitValue: 0,
      fees: fee,
      feeShares,
      steps: [i, q, 1],
    };
    all.push(t);
    return t;
  };
  for (const i of order) {
    const f = fills[i]!;
    const key = positionKey(f);
    const t = current.get(key);
    const q = Q[i]!;
    if (t === undefined) {
      if (f.positionSide !== 0 && f.side !== f.positionSide) throw reduceNothingError(f);
      current.set(key, start(i, f, f.positionSide === 0 ? f.side : f.positionSide, q, Fe[i]!, undefined));
      continue;
    }
    if (t.contractSize !== f.contractSize) throw contractSizeError(f, t.contractSize);
    t.fills++;
    if (f.side === t.side) {
      t.fees = exact(t.fees + Fe[i]!);
      t.held = exact(t.held + q);
      t.entryQuantity = exact(t.entryQuantity + q);
      t.entryValue = exact(t.entryValue + exact(P[i]! * q));
      t.steps.push(i, q, 1);
      continue;
    }
    if (t.held !== t.held) return undefined; // a sum stopped being exact: compare no further
    if (q > t.held && f.positionSide !== 0) throw throughZeroError(f, scaled(t.held, kq));
    const closing = q > t.held ? t.held : q;
    t.exitQuantity = exact(t.exitQuantity + closing);
    t.exitValue = exact(t.exitValue + exact(P[i]! * closing));
    t.held = exact(t.held - closing);
    t.steps.push(i, closing, -1);
    if (q === closing) t.fees = exact(t.fees + Fe[i]!); // not a flip: the whole fee is this trade's
    if (t.held !== 0) continue;
    t.closed = f.time;
    t.steps = [];
    current.delete(key);
    if (q > closing) {
      // A flip: the fee is shared by quantity, as `share` does (its parts need not fit the fee scale).
      const fee = B.big(Fe[i]!, kf);
      const closingFee = shareBig(fee, closing, q, kq);
      t.feeShares = t.feeShares === undefined ? closingFee : B.add(t.feeShares, closingFee);
      current.set(key, start(i, f, f.side, q - closing, 0, B.sub(fee, closingFee)));
    }
  }
  const rows: TradeRow[] = [];
  for (const t of all) {
    const sums = t.held + t.entryQuantity + t.entryValue + t.exitQuantity + t.exitValue + t.fees;
    if (sums !== sums) return undefined;
    const quick = rowExact(t, kp, kq, kf);
    if (quick !== undefined) {
      rows.push(quick);
      continue;
    }
    const steps: Trade["steps"] = [];
    for (let k = 0; k < t.steps.length; k += 3) {
      steps.push({ entry: t.steps[k + 2] === 1, price: fromNumber(fills[t.steps[k]!]!.price as number, "prices"), quantity: scaled(t.steps[k + 1]!, kq) });
    }
    rows.push(rowOf(decimalOf(t, steps, kp, kq, kf)));
  }
  return rows;
}

/** An exact trade as the Decimal path's Trade, with its steps (kept only while it is open), for rowOf. */
function decimalOf(t: ExactTrade, steps: Trade["steps"], kp: number, kq: number, kf: number): Trade {
  const fees = scaled(t.fees, kf);
  return {
    symbol: t.symbol,
    side: t.side,
    opened: t.opened,
    closed: t.closed,
    fills: t.fills,
    contractSize: fromNumber(t.contractSize, "contract_sizes"),
    held: ZERO, // flat or not, as closed says; rowOf does not read it
    entryQuantity: scaled(t.entryQuantity, kq),
    entryValue: scaled(t.entryValue, kp + kq),
    exitQuantity: scaled(t.exitQuantity, kq),
    exitValue: scaled(t.exitValue, kp + kq),
    fees: t.feeShares === undefined ? fees : fees.add(bigDec(t.feeShares)),
    steps,
  };
}

/**
 * A trade's row straight from its scaled integers: each figure one correctly rounded step from exact integers
 * (value, ratio), as the Decimal path's figure is rounded to a number at the boundary. Undefined where a step
 * would not be exact, or for what needs a division on the way (an open trade's realised PnL by average cost,
 * a flip's fee parts): that trade's row is then made in Decimal.
 */
function rowExact(t: ExactTrade, kp: number, kq: number, kf: number): TradeRow | undefined {
  const closed = t.closed !== undefined;
  if (!closed && t.exitQuantity !== 0) return undefined;
  const kc = decimals(t.contractSize);
  if (kc < 0) return undefined;
  const cs = integer(t.contractSize, kc);
  const kv = kp + kq;
  const grossInt = closed ? product(product(t.side, exact(t.exitValue - t.entryValue)), cs) : 0; // over 10^(kv+kc)
  const quantity = value(t.entryQuantity, kq);
  const avgEntry = ratio(t.entryValue, kv, t.entryQuantity, kq);
  const avgExit = t.exitQuantity === 0 ? undefined : ratio(t.exitValue, kv, t.exitQuantity, kq);
  const gross = value(grossInt, kv + kc);
  const denominator = product(t.entryValue, cs); // the entry value in quote currency, over 10^(kv+kc)
  let fees: Num | undefined;
  let net: Num | undefined;
  let ret: Num | undefined;
  if (t.feeShares === undefined) {
    const kn = kv + kc > kf ? kv + kc : kf;
    const netInt = sum(grossInt, kv + kc, -t.fees, kf);
    fees = value(t.fees, kf);
    net = value(netInt, kn);
    ret = ratio(netInt, kn, denominator, kv + kc);
  } else {
    // A flip's fee part need not fit the fee scale: the fees, and what depends on them, with the Decimal
    // path's roundings (rowOf: fees + shares, gross − fees, net ÷ entry value), in BigInt.
    if (value(t.fees, kf) === undefined || gross === undefined || denominator !== denominator) return undefined;
    const feesBig = B.add(B.big(t.fees, kf), t.feeShares);
    const netBig = B.sub(B.big(exact(grossInt), kv + kc), feesBig);
    fees = B.toNumber(feesBig);
    net = B.toNumber(netBig);
    ret = B.toNumber(B.div(netBig, B.big(denominator, kv + kc)));
  }
  if (quantity === undefined || avgEntry === undefined || gross === undefined || fees === undefined || net === undefined || ret === undefined) return undefined;
  if (t.exitQuantity !== 0 && avgExit === undefined) return undefined;
  return tradeRow(t, quantity, avgEntry, avgExit, gross, fees, net, ret);
}

export function tradesTable(rows: readonly TradeRow[]): Table {
  const out: Table = [TRADES_HEADER];
  for (const r of rows) {
    out.push([
      r.symbol,
      r.side,
      r.opened,
      r.closed ?? null,
      r.fills,
      r.quantity,
      r.avgEntry,
      r.avgExit ?? null,
      r.gross,
      r.fees,
      r.net,
      r.return,
      r.status,
    ]);
  }
  return out;
}

// ─── TRADES without the reading layer ────────────────────────────────────────────────────────────────

const isArr = Array.isArray;
/** A cell that is not one value of a one-column range: the fast path declines. */
const NOT_A_CELL = {};

/** Buffers reused from call to call (a call never re-enters), so a fill costs no allocation. */
let cap = 0;
let TIME = new Float64Array(0);
let PRICE = new Float64Array(0);
let QUANTITY = new Float64Array(0);
let FEE = new Float64Array(0);
let SIZE = new Float64Array(0);
let POSITION = new Int32Array(0);
let SIDE = new Int8Array(0);
let SYMBOL = new Int32Array(0);

function grow(n: number): void {
  if (n <= cap) return;
  cap = n;
  TIME = new Float64Array(n);
  PRICE = new Float64Array(n);
  QUANTITY = new Float64Array(n);
  FEE = new Float64Array(n);
  SIZE = new Float64Array(n);
  POSITION = new Int32Array(n);
  SIDE = new Int8Array(n);
  SYMBOL = new Int32Array(n);
}

/** An ExactTrade as the fast path keeps it: where in time order it opened, its position, its first quantity. */
interface FastTrade extends ExactTrade {
  at: number;
  position: number;
  initial: number;
}

const NO_STEPS: number[] = [];

/** A trade of the fast path in Decimal, as tradesExact hands a trade to rowOf (steps only while open). */
function decimalTrade(t: FastTrade, order: number[] | undefined, kp: number, kq: number, kf: number, n: number): Trade {
  const steps: Trade["steps"] = [];
  if (t.closed === undefined) {
    for (let at = t.at; at < n; at++) {
      const i = order === undefined ? at : order[at]!;
      if (POSITION[i] !== t.position) continue;
      const first = at === t.at;
      steps.push({ entry: first || SIDE[i] === t.side, price: scaled(PRICE[i]!, kp), quantity: scaled(first ? t.initial : QUANTITY[i]!, kq) });
    }
  }
  return decimalOf(t, steps, kp, kq, kf);
}

function cellAt(col: unknown[], i: number): unknown {
  const r = col[i];
  return isArr(r) && r.length === 1 ? r[0] : NOT_A_CELL;
}

function blankCell(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** A result cell as the boundary shows it (a Decimal through toNumber, never −0), or NaN when not finite. */
function shown(x: Num): number {
  const n = typeof x === "number" ? x : x.toNumber();
  return n - n === 0 ? (n === 0 ? 0 : n) : NaN;
}

/**
 * TRADES for one-column ranges of plain numbers and the usual side words: the same table as the Decimal path
 * (tested cell for cell), read straight from the cells into reused typed arrays and kept in scaled integers
 * (see tradesExact); a trade whose figures need a division on the way (a flip's fee parts, an open trade's
 * realised PnL) is finished in Decimal exactly as tradesExact finishes it. Undefined, leaving the call to the
 * full reader, for anything else: text numbers, blank or odd rows, errors of any kind.
 */
export function tradesFast(raw: ArrayLike<unknown>): (number | string)[][] | undefined {
  const times = raw[0];
  const symbols = raw[1];
  const sides = raw[2];
  const prices = raw[3];
  const quantities = raw[4];
  const fees = raw[5];
  const sizes = raw[6];
  const positionSides = raw[7];
  if (!isArr(times) || !isArr(symbols) || !isArr(sides) || !isArr(prices) || !isArr(quantities)) return undefined;
  const n = times.length;
  if (n === 0 || symbols.length !== n || sides.length !== n || prices.length !== n || quantities.length !== n) return undefined;
  const optionalColumn = (c: unknown): unknown[] | null | undefined => (c === undefined || c === null ? null : isArr(c) && c.length === n ? c : undefined);
  const feeCol = optionalColumn(fees);
  const sizeCol = optionalColumn(sizes);
  const psCol = optionalColumn(positionSides);
  if (feeCol === undefined || sizeCol === undefined || psCol === undefined) return undefined;
  grow(n);
  const symbolOf = new Map<unknown, number>();
  const texts: string[] = [];
  const keyOfSymbol: number[] = [];
  const keys = new Map<string, number>();
  /** Per symbol key: 1 one-way, 2 hedge mode. */
  const modes: number[] = [];
  let kp = 0;
  let kq = 0;
  let kf = 0;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const t = cellAt(times, i);
    if (typeof t !== "number" || t - t !== 0) return undefined;
    if (i > 0 && t < TIME[i - 1]!) sorted = false;
    TIME[i] = t === 0 ? 0 : t;
    const sy = cellAt(symbols, i);
    let s = symbolOf.get(sy);
    if (s === undefined) {
      if (typeof sy !== "string") return undefined;
      const text = sy.trim();
      if (text === "") return undefined;
      const key = text.toLowerCase();
      let k = keys.get(key);
      if (k === undefined) {
        k = keys.size;
        keys.set(key, k);
        modes.push(0);
      }
      s = texts.length;
      texts.push(text);
      keyOfSymbol.push(k);
      symbolOf.set(sy, s);
    }
    SYMBOL[i] = s;
    const sd = cellAt(sides, i);
    const side = quickSide(sd);
    if (side === 0) return undefined;
    SIDE[i] = side;
    const p = cellAt(prices, i);
    const q = cellAt(quantities, i);
    if (typeof p !== "number" || typeof q !== "number" || !(p > 0 && q > 0)) return undefined;
    const a = decimals(p);
    const b = decimals(q);
    if (a < 0 || b < 0) return undefined;
    if (a > kp) kp = a;
    if (b > kq) kq = b;
    PRICE[i] = p;
    QUANTITY[i] = q;
    let fee = 0;
    if (feeCol !== null) {
      const f = cellAt(feeCol, i);
      if (!blankCell(f)) {
        if (typeof f !== "number") return undefined;
        const c = decimals(f);
        if (c < 0) return undefined;
        if (c > kf) kf = c;
        fee = f;
      }
    }
    FEE[i] = fee;
    let size = 1;
    if (sizeCol !== null) {
      const c = cellAt(sizeCol, i);
      if (!blankCell(c)) {
        if (typeof c !== "number" || !(c > 0 && c < Infinity)) return undefined;
        size = c;
      }
    }
    SIZE[i] = size;
    let ps: 0 | 1 | -1 | undefined = 0;
    if (psCol !== null) {
      const v = cellAt(psCol, i);
      if (!blankCell(v)) ps = typeof v === "string" ? POSITION_SIDES[v.trim().toLowerCase()] : undefined;
      if (ps !== 0 && ps !== 1 && ps !== -1) return undefined;
    }
    const k = keyOfSymbol[s]!;
    const mode = ps === 0 ? 1 : 2;
    if (modes[k] === 0) modes[k] = mode;
    else if (modes[k] !== mode) return undefined;
    // the position: the symbol's key, and in hedge mode its side
    POSITION[i] = k * 3 + ps + 1;
  }
  for (let i = 0; i < n; i++) {
    const p = integer(PRICE[i]!, kp);
    const q = integer(QUANTITY[i]!, kq);
    const fee = integer(FEE[i]!, kf);
    if (!(p < LARGEST_FRACTION && q < LARGEST_FRACTION && fee < LARGEST_FRACTION && fee > -LARGEST_FRACTION)) return undefined;
    PRICE[i] = p;
    QUANTITY[i] = q;
    FEE[i] = fee;
  }
  let order: number[] | undefined;
  if (!sorted) {
    order = [];
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((x, y) => TIME[x]! - TIME[y]!); // stable: fills at the same time keep their row order
  }
  const current: (FastTrade | undefined)[] = [];
  const all: FastTrade[] = [];
  const start = (i: number, at: number, side: 1 | -1, q: number, fee: number, feeShares: B.Big | undefined): FastTrade => {
    const t: FastTrade = {
      symbol: texts[SYMBOL[i]!]!,
      side,
      opened: TIME[i]!,
      closed: undefined,
      fills: 1,
      contractSize: SIZE[i]!,
      held: q,
      entryQuantity: q,
      entryValue: exact(PRICE[i]! * q),
      exitQuantity: 0,
      exitValue: 0,
      fees: fee,
      feeShares,
      steps: NO_STEPS,
      at,
      position: POSITION[i]!,
      initial: q,
    };
    all.push(t);
    return t;
  };
  for (let at = 0; at < n; at++) {
    const i = order === undefined ? at : order[at]!;
    const pos = POSITION[i]!;
    const ps = (pos % 3) - 1;
    const fside = SIDE[i] as 1 | -1;
    const t = current[pos];
    const q = QUANTITY[i]!;
    if (t === undefined) {
      if (ps !== 0 && fside !== ps) return undefined;
      current[pos] = start(i, at, ps === 0 ? fside : (ps as 1 | -1), q, FEE[i]!, undefined);
      continue;
    }
    if (t.contractSize !== SIZE[i]) return undefined;
    t.fills++;
    if (fside === t.side) {
      t.fees = exact(t.fees + FEE[i]!);
      t.held = exact(t.held + q);
      t.entryQuantity = exact(t.entryQuantity + q);
      t.entryValue = exact(t.entryValue + exact(PRICE[i]! * q));
      continue;
    }
    if (t.held !== t.held) return undefined;
    if (q > t.held && ps !== 0) return undefined;
    const closing = q > t.held ? t.held : q;
    t.exitQuantity = exact(t.exitQuantity + closing);
    t.exitValue = exact(t.exitValue + exact(PRICE[i]! * closing));
    t.held = exact(t.held - closing);
    if (q === closing) t.fees = exact(t.fees + FEE[i]!);
    if (t.held !== 0) continue;
    t.closed = TIME[i]!;
    current[pos] = undefined;
    if (q > closing) {
      const fee = B.big(FEE[i]!, kf);
      const closingFee = shareBig(fee, closing, q, kq);
      t.feeShares = t.feeShares === undefined ? closingFee : B.add(t.feeShares, closingFee);
      current[pos] = start(i, at, fside, q - closing, 0, B.sub(fee, closingFee));
    }
  }
  const out: (number | string)[][] = [TRADES_HEADER.slice()];
  for (const t of all) {
    const sums = t.held + t.entryQuantity + t.entryValue + t.exitQuantity + t.exitValue + t.fees;
    if (sums !== sums) return undefined;
    const r = rowExact(t, kp, kq, kf) ?? rowOf(decimalTrade(t, order, kp, kq, kf, n));
    const quantity = shown(r.quantity);
    const avgEntry = shown(r.avgEntry);
    const avgExit = r.avgExit === undefined ? "" : shown(r.avgExit);
    const gross = shown(r.gross);
    const fee = shown(r.fees);
    const net = shown(r.net);
    const ret = shown(r.return);
    if (quantity !== quantity || avgEntry !== avgEntry || avgExit !== avgExit || gross !== gross || fee !== fee || net !== net || ret !== ret) return undefined;
    out.push([r.symbol, r.side, r.opened, r.closed ?? "", r.fills, quantity, avgEntry, avgExit, gross, fee, net, ret, r.status]);
  }
  return out;
}

export const TRADES = define(
  {
    times: column("time"),
    symbols: column("symbol"),
    sides: column("side"),
    prices: column("number", { gt: 0 }),
    quantities: column("number", { gt: 0 }),
    fees: optionalColumn("number"),
    contract_sizes: optionalColumn("number", { gt: 0 }),
    position_sides: optionalColumn("positionSide"),
  },
  (a) =>
    tradesTable(
      trades(
        readFills({
          times: a.times,
          symbols: a.symbols,
          sides: a.sides,
          prices: a.prices,
          quantities: a.quantities,
          fees: a.fees,
          contractSizes: a.contract_sizes,
          positionSides: a.position_sides,
        }),
      ),
    ),
  tradesFast,
);

// ─── Statistics ──────────────────────────────────────────────────────────────────────────────────────

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

/**
 * The trades a pnl range holds, as read: each number with its cell's position (0-based, reading order) and the
 * range's size. Blank cells are skipped, and with `closed` so are open trades (a blank close time beside them):
 * their cells are not read.
 */
interface PnlRead {
  values: Dec[];
  positions: number[];
  cells: number;
}

/**
 * The close times beside the pnl cells (catalog, JOURNALSTATS' `closed`): the cells of `closed` when it has
 * one per pnl cell; undefined when it is not given (omitted, or a single blank cell beside a pnl range of
 * other than one cell); null when it is neither, its own fault, reported in its turn.
 */
function closedBeside(raw: unknown, pnlCells: number): unknown[] | undefined | null {
  if (raw === null || raw === undefined) return undefined;
  const cells = flatten(raw);
  if (cells.length === pnlCells) return cells;
  if (cells.length === 1 && cells[0] === null) return undefined;
  return null;
}

/** JOURNALSTATS' and EQUITYCURVE's pnl: one number per trade; which rows are read, `closed` (a later argument) decides. */
function pnlColumn(): Param<PnlRead> {
  return {
    kind: "numbers",
    optional: false,
    range: true,
    cell: { kind: "number" },
    read(raw, field, call) {
      const cells = flatten(raw);
      const n = Array.isArray(raw) ? cells.length : isBlank(raw) ? 0 : 1;
      const closed = call !== undefined && call.names.includes("closed") ? closedBeside(call.raw("closed"), n) : undefined;
      const values: Dec[] = [];
      const positions: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = cells[i];
        if (v === null || (closed && closed[i] === null)) continue;
        if (typeof v === "number" && Number.isFinite(v)) values.push(fromNumber(v, field));
        else {
          const d = typeof v === "string" ? parseNumericText(v) : undefined;
          if (d === undefined) throw new InvalidArgumentError(field, `cell ${i + 1} should be a number (a trade's PnL), got ${describe(v)}`);
          values.push(d);
        }
        positions.push(i);
      }
      return { values, positions, cells: n };
    },
  };
}

/** The amount risked on each trade read, or undefined when risk is not given. */
function riskColumn(): Param<Dec[] | undefined> {
  return {
    kind: "numbers",
    optional: true,
    range: true,
    cell: { kind: "number", bounds: { gt: 0 } },
    read(raw, field, call) {
      if (isBlank(raw)) return undefined;
      const pnl = call!.read.pnl as PnlRead;
      const cells = flatten(raw);
      const one = cells.length === 1;
      if (!one && cells.length !== pnl.cells) {
        throw new InvalidArgumentError(field, `must be one value or one per pnl cell (${pnl.cells} cells), got ${cells.length} cells`);
      }
      return pnl.positions.map((p) => {
        const v = one ? cells[0] : cells[p];
        if (v === null) throw new InvalidArgumentError(field, `cell ${p + 1} is blank beside a trade: give the amount risked on it`);
        const d = readCellNumber(v, field, p + 1);
        if (d.lte(0)) throw new DomainError(field, `cell ${p + 1}: the amount risked must be greater than 0, got ${d.toString()}`);
        return d;
      });
    },
  };
}

/** The close time of each trade read (serials, or ISO text as a fills table's times), or undefined when not given. */
function closedColumn(): Param<number[] | undefined> {
  return {
    kind: "numbers",
    optional: true,
    range: true,
    cell: { kind: "time" },
    read(raw, field, call) {
      const pnl = call!.read.pnl as PnlRead;
      const cells = closedBeside(raw, pnl.cells);
      if (cells === undefined) return undefined;
      if (cells === null) {
        throw new InvalidArgumentError(field, `must be one close time per pnl cell (${pnl.cells} cells), got ${flatten(raw).length} cells`);
      }
      return pnl.positions.map((p) => readTime(cells[p], p + 1, field, `cell ${p + 1}`));
    },
  };
}

/**
 * The positions 0…n−1 in the order the account realised the trades: by close time, equal times keeping their
 * row order (the sort is stable); as given without close times.
 */
function closeOrder(n: number, closed: readonly number[] | undefined): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (closed !== undefined) order.sort((x, y) => closed[x]! - closed[y]!);
  return order;
}

const HUNDRED_TRADES = 100;
const HALF = new D(0.5);

function ratioCell(n: Dec, d: Dec, why: string): Dec | EngineError {
  return d.isZero() ? new DivisionByZeroError(undefined, why) : n.div(d);
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

function journalTotals(pnl: readonly Dec[], startBalance: Dec | undefined): JournalTotals {
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
  let peak = ZERO;
  let maxDrawdown = ZERO;
  let balancePeak = startBalance;
  let maxDrawdownPct = ZERO;
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
  return {
    n: pnl.length,
    wins,
    losses,
    grossProfit,
    grossLoss,
    largestWin,
    largestLoss,
    maxWinRun,
    maxLossRun,
    total,
    maxDrawdown,
    maxDrawdownPct: startBalance === undefined ? undefined : maxDrawdownPct,
  };
}

const NO_TRADES = "there are no trades";

function notAvailable(why: string): NotAvailableError {
  return new NotAvailableError(undefined, why);
}

/** Average R and SQN in Decimal, each R = pnl ÷ risk at 34 digits. */
function rFigures(pnl: readonly Dec[], risk: readonly Dec[]): RFigures {
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
function sameR(r: Num): RFigures {
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

// ─── JOURNALSTATS and EQUITYCURVE in scaled integers ─────────────────────────────────────────────────

/** Whether the first n PnL/risk pairs (same scale) are all the same quotient, exactly: p_i·r_0 = p_0·r_i. */
function sameRatios(n: number): boolean {
  for (let i = 1; i < n; i++) if (compareProducts(INTS[i]!, RISKS[0]!, INTS[0]!, RISKS[i]!) !== 0) return false;
  return n >= 2;
}

/** A range's cells as scaled integers (reused from call to call, grown as needed), with each one's scale. */
let INTS = new Float64Array(1024);
let SCALES = new Int8Array(1024);
let RISKS = new Float64Array(1024);
let RISK_SCALES = new Int8Array(1024);
const R_OUT = new Float64Array(2);

function growInts(n: number): void {
  if (INTS.length >= n) return;
  const size = Math.max(n, INTS.length * 2);
  INTS = new Float64Array(size);
  SCALES = new Int8Array(size);
  RISKS = new Float64Array(size);
  RISK_SCALES = new Int8Array(size);
  CLOSE = new Float64Array(size);
  POS = new Int32Array(size);
  ORDER_A = new Int32Array(size);
  ORDER_B = new Int32Array(size);
  TMP_INTS = new Float64Array(size);
  TMP_SCALES = new Int8Array(size);
  TMP_POS = new Int32Array(size);
}

/** The number of cells of a range given as rows of cells, or −1 for anything else. */
function cellCount(raw: unknown): number {
  if (!isArr(raw)) return -1;
  let n = 0;
  for (const row of raw) {
    if (!isArr(row)) return -1;
    n += row.length;
  }
  return n;
}

/** A range given as rows of cells, as one list in reading order (as `flatten` reads it); undefined for anything else. */
function flatCells(raw: unknown): unknown[] | undefined {
  if (!isArr(raw)) return undefined;
  const out: unknown[] = [];
  for (const row of raw) {
    if (!isArr(row)) return undefined;
    for (const v of row) out.push(v);
  }
  return out;
}

/** The close times of the trades read (CLOSE) and their cells' positions in the pnl range (POS). */
let CLOSE = new Float64Array(1024);
let POS = new Int32Array(1024);
/** Scratch for ordering the trades by close time. */
let ORDER_A = new Int32Array(1024);
let ORDER_B = new Int32Array(1024);
let TMP_INTS = new Float64Array(1024);
let TMP_SCALES = new Int8Array(1024);
let TMP_POS = new Int32Array(1024);
/** The largest scale of the pnl cells `readTradesFast` read. */
let tradesScale = 0;

/**
 * Reads the trades of a pnl range (rows of cells) as JOURNALSTATS' and EQUITYCURVE's Decimal paths read them,
 * into INTS and SCALES (each at its own least scale, the largest in `tradesScale`) and their cells' positions
 * into POS: blank cells skipped, and with close times (one per pnl cell) open trades too (a blank close time),
 * the rest in close-time order, equal times keeping their row order. The number of trades, or −1 when the
 * Decimal path must answer: a cell read that is not a plain number (text, a boolean, an error), a close time
 * as text, `closed` not one cell per pnl cell.
 */
function readTradesFast(pnlRaw: unknown, closedRaw: unknown): number {
  const cells = cellCount(pnlRaw);
  if (cells < 1 || cells >= MAX_TRADES_FAST) return -1;
  let closed: unknown[] | undefined;
  if (closedRaw !== null && closedRaw !== undefined) {
    closed = flatCells(closedRaw);
    if (closed !== undefined && closed.length === 1 && cells !== 1 && blankCell(closed[0])) closed = undefined; // not given
    else if (closed === undefined || closed.length !== cells) return -1;
  }
  growInts(cells);
  let n = 0;
  let most = 0;
  let at = 0;
  let sorted = true;
  for (const row of pnlRaw as unknown[][]) {
    for (const v of row) {
      const i = at++;
      if (blankCell(v)) continue;
      if (closed !== undefined) {
        const t = closed[i];
        if (blankCell(t)) continue; // an open trade: not read
        if (typeof t !== "number" || t - t !== 0) return -1;
        if (n > 0 && t < CLOSE[n - 1]!) sorted = false;
        CLOSE[n] = t;
      }
      if (typeof v !== "number") return -1;
      const k = decimals(v);
      if (k < 0) return -1;
      INTS[n] = integer(v, k);
      SCALES[n] = k;
      POS[n] = i;
      if (k > most) most = k;
      n++;
    }
  }
  if (!sorted) {
    const order = closeOrderFast(n);
    TMP_INTS.set(INTS.subarray(0, n));
    TMP_SCALES.set(SCALES.subarray(0, n));
    TMP_POS.set(POS.subarray(0, n));
    for (let j = 0; j < n; j++) {
      const from = order[j]!;
      INTS[j] = TMP_INTS[from]!;
      SCALES[j] = TMP_SCALES[from]!;
      POS[j] = TMP_POS[from]!;
    }
  }
  tradesScale = most;
  return n;
}

/**
 * The trades 0…n−1 in close-time order (CLOSE), equal times keeping their row order: a bottom-up merge sort
 * of indices in reused typed arrays, stable by construction (a later element passes an earlier one only when
 * its time is smaller), the same order as the Decimal path's stable sort; no allocation, and a run already in
 * order is copied at once. Three times faster than Array.prototype.sort with a comparator at 1,000 trades.
 */
function closeOrderFast(n: number): Int32Array {
  let a = ORDER_A;
  let b = ORDER_B;
  for (let i = 0; i < n; i++) a[i] = i;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + 2 * width < n ? lo + 2 * width : n;
      let i = lo;
      let j = mid;
      let k = lo;
      if (mid >= hi || CLOSE[a[mid - 1]!]! <= CLOSE[a[mid]!]!) {
        for (; k < hi; k++) b[k] = a[k]!;
        continue;
      }
      while (i < mid && j < hi) b[k++] = CLOSE[a[j]!]! < CLOSE[a[i]!]! ? a[j++]! : a[i++]!;
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
    }
    const t = a;
    a = b;
    b = t;
  }
  return a;
}

/** ints[0..n) all written over 10^k; false when one would not stay exact. */
function liftInts(ints: Float64Array, scales: Int8Array, n: number, k: number): boolean {
  for (let i = 0; i < n; i++) {
    const s = scales[i]!;
    if (s !== k) {
      const m = lift(ints[i]!, s, k);
      if (m !== m) return false;
      ints[i] = m;
    }
  }
  return true;
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

const MAX_TRADES_FAST = 2 ** 24;

/**
 * JOURNALSTATS for ranges of plain numbers (blank cells skipped), a plain start balance, risk as one value or
 * one per trade and close times as serials (`readTradesFast`: open trades left out, the rest in close-time
 * order): the Decimal path's twenty cells (tested cell for cell), made by the same `finishStats` from the same
 * exact aggregates, which are kept here in scaled integers at one common scale (every sum, extreme and fall is
 * an integer below 2^53, checked, so it is the Decimal path's exact value). Max drawdown % is the largest of
 * (peak − balance)/peak: correctly rounded quotients are monotonic, so the largest double belongs to an exact
 * maximiser, equal doubles are told apart by comparing the exact cross products, and that one ratio is then
 * divided in Decimal exactly as the Decimal path divides it. Average R and SQN come from `rFiguresExact`
 * (doubleword.ts), which certifies them or declines. Undefined, leaving the call to the Decimal path, for
 * anything else: fewer than 2 trades, text in a cell read, a close time as text, a risk that is not above 0,
 * a step beyond 2^53.
 */
export function journalStatsFast(raw: ArrayLike<unknown>): (number | string | EngineError)[][] | undefined {
  const pnlRaw = raw[0];
  const startRaw = raw[1];
  const riskRaw = raw[2];
  const n = readTradesFast(pnlRaw, raw[3]);
  if (n < 2) return undefined;
  const kp = tradesScale;
  const cells = cellCount(pnlRaw);
  let kb = 0;
  let start = NaN;
  const hasStart = !blank(startRaw);
  if (hasStart) {
    if (typeof startRaw !== "number" || !(startRaw > 0)) return undefined;
    kb = decimals(startRaw);
    if (kb < 0) return undefined;
    start = integer(startRaw, kb);
  }
  const hasRisk = !blank(riskRaw);
  let kq = 0;
  let oneRisk = NaN;
  let oneRiskScale = 0;
  if (hasRisk) {
    const riskCells = isArr(riskRaw) ? cellCount(riskRaw) : 1;
    if (riskCells === 1) {
      const v = isArr(riskRaw) ? (riskRaw[0] as unknown[])[0] : riskRaw;
      if (typeof v !== "number" || !(v > 0)) return undefined;
      oneRiskScale = kq = decimals(v);
      if (kq < 0) return undefined;
      oneRisk = integer(v, kq);
    } else {
      // one per pnl cell: the cells beside the trades read, in their order
      const risk = riskCells === cells ? flatCells(riskRaw) : undefined;
      if (risk === undefined) return undefined;
      for (let j = 0; j < n; j++) {
        const v = risk[POS[j]!];
        if (typeof v !== "number" || !(v > 0)) return undefined;
        const k = decimals(v);
        if (k < 0) return undefined;
        RISKS[j] = integer(v, k);
        RISK_SCALES[j] = k;
        if (k > kq) kq = k;
      }
    }
  }
  const k = Math.max(kp, kq, kb);
  if (hasRisk && oneRisk === oneRisk) {
    const q = lift(oneRisk, oneRiskScale, k);
    if (q !== q) return undefined;
    RISKS.fill(q, 0, n);
  } else if (hasRisk && !liftInts(RISKS, RISK_SCALES, n, k)) return undefined;
  if (!liftInts(INTS, SCALES, n, k)) return undefined;
  if (hasStart) {
    start = lift(start, kb, k);
    if (start !== start) return undefined;
  }

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
  let balancePeak = start;
  // the largest (peak − balance)/peak so far, as its fall and peak and their double quotient
  let worstFall = 0;
  let worstPeak = 1;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const p = INTS[i]!;
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
    if (hasStart) {
      const balance = exact(start + total);
      if (balance > balancePeak) balancePeak = balance;
      const drop = exact(balancePeak - balance);
      if (drop !== drop) return undefined;
      if (drop > 0) {
        const q = drop / balancePeak;
        if (q > worst || (q === worst && compareProducts(drop, worstPeak, worstFall, balancePeak) > 0)) {
          worst = q;
          worstFall = drop;
          worstPeak = balancePeak;
        }
      }
    }
  }
  // NaN (a step beyond 2^53) has poisoned the sums it reached; peaks, falls and drops follow from the total
  if (grossProfit !== grossProfit || grossLoss !== grossLoss || total !== total || exact(maxDrawdown) !== maxDrawdown) return undefined;
  if (hasStart && (balancePeak !== balancePeak || exact(worstFall) !== worstFall)) return undefined;
  let r: RFigures | undefined;
  if (hasRisk && sameRatios(n)) {
    // every R is INTS[0]/RISKS[0] exactly: that quotient as the Decimal path rounds it (bigdec.ts)
    r = sameR(B.toNumber(B.div(B.big(INTS[0]!, k), B.big(RISKS[0]!, k))));
  } else if (hasRisk) {
    rFiguresExact(INTS, RISKS, n, R_OUT);
    const averageR = R_OUT[0]!;
    const sqn = R_OUT[1]!;
    if (averageR !== averageR || sqn !== sqn) return undefined;
    r = { averageR, sqn };
  }
  const totals: JournalTotals = {
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
    maxDrawdownPct: hasStart ? (worstFall === 0 ? ZERO : new D(worstFall).div(worstPeak)) : undefined,
  };
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
  journalStatsFast,
);

// ─── Equity curve ────────────────────────────────────────────────────────────────────────────────────

export const EQUITYCURVE_HEADER = ["Trade", "PnL", "Balance", "Peak", "Drawdown", "Drawdown %"];

export function equityCurve(a: { startBalance: Dec; pnl: readonly Dec[] }): Table {
  const rows: Table = [EQUITYCURVE_HEADER, [ZERO, ZERO, a.startBalance, a.startBalance, ZERO, ZERO]];
  let balance = a.startBalance;
  let peak = a.startBalance;
  a.pnl.forEach((p, i) => {
    balance = balance.add(p);
    if (balance.gt(peak)) peak = balance;
    const drawdown = peak.sub(balance);
    rows.push([new D(i + 1), p, balance, peak, drawdown, drawdown.div(peak)]);
  });
  return rows;
}

/**
 * EQUITYCURVE for a plain start balance and a range of plain numbers: the Decimal path's rows (tested cell for
 * cell). Balance, Peak and Drawdown are exact integers over one common power of ten (checked below 2^53), so
 * each shows as the Decimal path's exact value does; Drawdown % is one quotient per row, which the Decimal path
 * rounds to 34 digits before the boundary rounds it to a double: `certainQuotient` gives that double or
 * declines. Blank cells are skipped and, with close times, open trades left out and the rest ordered as
 * `readTradesFast` reads them. Undefined, leaving the call to the Decimal path, for no trades, text in a cell
 * read, a close time as text or a step beyond 2^53.
 */
export function equityCurveFast(raw: ArrayLike<unknown>): (number | string)[][] | undefined {
  const startRaw = raw[0];
  if (typeof startRaw !== "number" || !(startRaw > 0)) return undefined;
  const kb = decimals(startRaw);
  if (kb < 0) return undefined;
  const n = readTradesFast(raw[1], raw[2]);
  if (n < 1) return undefined;
  const k = Math.max(tradesScale, kb);
  if (!liftInts(INTS, SCALES, n, k)) return undefined;
  const start = lift(integer(startRaw, kb), kb, k);
  if (start !== start) return undefined;
  const out: (number | string)[][] = [EQUITYCURVE_HEADER.slice(), [0, 0, startRaw, startRaw, 0, 0]];
  let balance = start;
  let peak = start;
  for (let i = 0; i < n; i++) {
    const p = INTS[i]!;
    balance = exact(balance + p);
    if (balance > peak) peak = balance;
    const drawdown = exact(peak - balance);
    const pct = certainQuotient(drawdown, peak); // NaN for a NaN drawdown (a step beyond 2^53) too
    if (pct !== pct) return undefined;
    out.push([i + 1, value(p, k)!, value(balance, k)!, value(peak, k)!, value(drawdown, k)!, pct]);
  }
  return out;
}

export const EQUITYCURVE = define(
  {
    start_balance: number({ gt: 0 }),
    pnl: pnlColumn(),
    closed: closedColumn(),
  },
  (a) => equityCurve({ startBalance: a.start_balance, pnl: closeOrder(a.pnl.values.length, a.closed).map((i) => a.pnl.values[i]!) }),
  equityCurveFast,
);
