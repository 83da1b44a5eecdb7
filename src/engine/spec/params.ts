import { D, Dec } from "./decimal";
import { DomainError, EngineError, InvalidArgumentError } from "./errors";
import * as read from "./read";

/**
 * Declarative argument specs. Every function declares its arguments once, as data (kind, bounds,
 * default); one runner reads and validates them all, so the maths below never sees a raw value and
 * neither the worksheet wrappers nor the task pane validate again.
 */
export type ParamKind =
  | "number"
  | "side"
  | "leverage"
  | "boolean"
  | "text"
  | "option"
  | "numbers"
  | "leverages"
  | "rateOrTiers";

/** What a cell of a table's range holds: a number, a side, a symbol, a date-time, a hedge-mode position side. */
export type CellKind = "number" | "leverage" | "side" | "symbol" | "time" | "positionSide";

export interface Param<T> {
  readonly kind: ParamKind;
  readonly optional: boolean;
  /** Takes a whole range (declared `any[][]` to Excel) rather than one value. */
  readonly range: boolean;
  /** For options: the words accepted. */
  readonly words?: readonly string[];
  /** For numbers: the bounds checked, so a form can state them before anything is computed. */
  readonly bounds?: Bounds;
  /** For a range whose cells are read one by one (a column of a table): what each cell holds, and its bounds. */
  readonly cell?: { readonly kind: CellKind; readonly bounds?: Bounds };
  /**
   * Reads and checks the argument. Arguments are read from left to right, so that the leftmost argument's
   * fault is the one shown; `call` gives a reader whose rows depend on other arguments what it needs.
   */
  read(raw: unknown, field: string, call?: Call): T;
}

/**
 * The call an argument is read in: the arguments already read (those to its left), the raw value of any
 * argument, and a scratch object the call's readers share. A positions table's ranges, read one by one,
 * share which rows are kept; JOURNALSTATS' pnl reads only the rows whose close time (a later argument) is
 * filled.
 */
export interface Call {
  readonly names: readonly string[];
  readonly read: Readonly<Record<string, unknown>>;
  raw(name: string): unknown;
  readonly memo: Record<string, unknown>;
}

export interface Bounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  integer?: boolean;
}

/**
 * The words a bound is explained with ("must be greater than 0"); `show` writes each limit (a form that
 * takes percentages shows 1 as "100 %").
 */
export function boundsMessage(b: Bounds, show: (n: number) => string = String): string {
  const parts: string[] = [];
  if (b.gt !== undefined) parts.push(`greater than ${show(b.gt)}`);
  if (b.ge !== undefined) parts.push(`${show(b.ge)} or more`);
  if (b.lt !== undefined) parts.push(`less than ${show(b.lt)}`);
  if (b.le !== undefined) parts.push(`${show(b.le)} or less`);
  const range = parts.length ? `must be ${parts.join(" and ")}` : "";
  if (b.integer) return range ? `${range}, a whole number` : "must be a whole number";
  return range;
}

/**
 * Compiles bounds into a check, so reading an argument compares against ready Decimals instead of building
 * them from numbers on every call. The Decimals and the message are made on the first check, not when the
 * bundle loads (a hundred arguments declare bounds; most are never read in a session).
 */
export function boundsChecker(b: Bounds): (d: Dec, field: string) => Dec {
  let check: ((d: Dec, field: string) => Dec) | undefined;
  return (d, field) => (check ??= compileBounds(b))(d, field);
}

function compileBounds(b: Bounds): (d: Dec, field: string) => Dec {
  const gt = b.gt === undefined ? undefined : new D(b.gt);
  const ge = b.ge === undefined ? undefined : new D(b.ge);
  const lt = b.lt === undefined ? undefined : new D(b.lt);
  const le = b.le === undefined ? undefined : new D(b.le);
  const integer = b.integer === true;
  let message: string | undefined;
  return (d, field) => {
    const ok =
      (gt === undefined || d.gt(gt)) &&
      (ge === undefined || d.gte(ge)) &&
      (lt === undefined || d.lt(lt)) &&
      (le === undefined || d.lte(le)) &&
      (!integer || d.isInteger());
    if (!ok) throw new DomainError(field, `${(message ??= boundsMessage(b))}, got ${d.toString()}`);
    return d;
  };
}

function required<T>(kind: ParamKind, reader: (raw: unknown, field: string) => T, range = false): Param<T> {
  return { kind, optional: false, range, read: reader };
}

// The argument specs below are written out field by field rather than spread from `required`: some
// hundred and fifty are made when the bundle loads, and an object spread costs V8 far more than a literal.

/** A number (or numeric text) within bounds. */
export function number(bounds: Bounds = {}): Param<Dec> {
  const check = boundsChecker(bounds);
  return { kind: "number", optional: false, range: false, read: (raw, field) => check(read.readNumber(raw, field), field), bounds };
}

export const side: Param<read.Side> = required("side", read.readSide);

export const leverage: Param<Dec> = required("leverage", read.readLeverage);

export const boolean: Param<boolean> = required("boolean", read.readBoolean);

export const text: Param<string> = required("text", read.readText);

export function option<T extends string>(words: readonly T[], aliases: Readonly<Record<string, NoInfer<T>>> = {}): Param<T> {
  return { kind: "option", optional: false, range: false, read: (raw, field) => read.readOption(raw, field, words, aliases), words };
}

/**
 * A key into a reference table (a region, an asset class): the words of `option`, but text the table
 * does not hold is #N/A (no figure exists for it), not #VALUE!; a blank or a non-text value stays #VALUE!.
 */
export function tableKey<T extends string>(words: readonly T[], aliases: Readonly<Record<string, NoInfer<T>>> = {}): Param<T> {
  return { kind: "option", optional: false, range: false, read: (raw, field) => read.readOption(raw, field, words, aliases, true), words };
}

/**
 * A range (or one value) of numbers; blank cells skipped; at least `min` numbers; each within `bounds`
 * (#NUM! naming the cell, `explain` saying why in the function's words).
 */
export function numbers(min = 1, bounds?: Bounds, explain?: (d: Dec) => string): Param<Dec[]> {
  const check = bounds === undefined ? undefined : boundsChecker(bounds);
  return {
    kind: "numbers",
    optional: false,
    range: true,
    cell: { kind: "number", bounds },
    read: (raw, field) => {
      const list = read.readNumbers(raw, field, (d, where) => {
        if (check === undefined) return;
        try {
          check(d, field);
        } catch (e) {
          throw explain === undefined ? new DomainError(field, `${where} ${(e as Error).message.slice(field.length + 2)}`) : new DomainError(field, `${where} ${explain(d)}`);
        }
      });
      if (list.length < min) {
        throw new InvalidArgumentError(field, min === 1 ? "needs at least one number" : `needs at least ${min} numbers`);
      }
      return list;
    },
  };
}

function atLeastOne(list: Dec[], field: string): Dec[] {
  if (list.length === 0) throw new InvalidArgumentError(field, "needs at least one value");
  return list;
}

/** A range (or one value) of leverages, each read as a leverage argument is; blanks skipped; at least one, at most `most`. */
export function leverages(most: number): Param<Dec[]> {
  return {
    kind: "leverages",
    optional: false,
    range: true,
    cell: { kind: "leverage" },
    read: (raw, field) => {
      const list = atLeastOne(read.readLeverages(raw, field), field);
      if (list.length > most) {
        throw new DomainError(field, `has ${list.length.toLocaleString("en-US")} leverages; the limit is ${most.toLocaleString("en-US")}`);
      }
      return list;
    },
  };
}

/**
 * An optional argument: blank or omitted means the default (or undefined when there is none, for a
 * default that depends on other arguments and is settled in the maths).
 */
export function optional<T>(p: Param<T>): Param<T | undefined>;
export function optional<T>(p: Param<T>, fallback: T): Param<T>;
export function optional<T>(p: Param<T>, fallback?: T): Param<T | undefined> {
  return {
    kind: p.kind,
    optional: true,
    range: p.range,
    words: p.words,
    bounds: p.bounds,
    cell: p.cell,
    read: (raw, field, call) => (read.isBlank(raw) ? fallback : p.read(raw, field, call)),
  };
}

export type Params = Record<string, Param<unknown>>;
export type Args<P extends Params> = { [K in keyof P]: P[K] extends Param<infer T> ? T : never };
export type RawArgs<P extends Params> = { [K in keyof P]?: unknown };

/**
 * A spilled table: rows of numbers (Decimal, or a plain number where the function computed it exactly in
 * doubles, see exact.ts), text, booleans, null for an empty cell, or an engine error for a cell that has no
 * value (Excel shows it as that cell's error, as it does inside dynamic arrays).
 */
export type TableCell = Dec | number | string | boolean | null | EngineError;
export type Table = TableCell[][];
export type Result = Dec | string | boolean | Table;

export interface EngineFunction<P extends Params, R extends Result> {
  readonly params: P;
  /** Argument names in catalog order. */
  readonly names: readonly string[];
  /** The maths alone, on values already read. */
  readonly compute: (args: Args<P>) => R;
  /** Reads and validates raw values given by name, then computes. */
  call(raw: RawArgs<P>): R;
  /** Reads and validates raw values given in catalog order (as a worksheet passes them), then computes. */
  apply(raw: ArrayLike<unknown>): R;
  /**
   * An optional fast path for plain-number arguments: the same result as `apply` as a number (or, for a
   * table, rows of numbers), computed exactly (see exact.ts), or undefined to leave the call to `apply`.
   * It never answers with an error; a table's cell may be one, as the same cell of `apply`'s table.
   */
  readonly fast?: (raw: ArrayLike<unknown>) => Fast;
}

/**
 * What a fast path answers: a number, a spilled table of numbers, text and error cells (engine errors, which
 * the boundary shows as the Decimal path's are shown), or undefined (no answer).
 */
export type Fast = number | (number | string | EngineError)[][] | undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngineFunction = EngineFunction<any, Result>;

function isDecimal(v: unknown): v is Dec {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof EngineError);
}

function checkFinite<R extends Result>(result: R): R {
  if (isDecimal(result)) {
    if (!result.isFinite()) throw new DomainError(undefined, "the result is not a finite number");
  } else if (Array.isArray(result)) {
    for (const row of result) {
      for (const cell of row) {
        if ((isDecimal(cell) && !cell.isFinite()) || (typeof cell === "number" && !Number.isFinite(cell))) {
          throw new DomainError(undefined, "a result is not a finite number");
        }
      }
    }
  }
  return result;
}

export function define<P extends Params, R extends Result>(
  params: P,
  compute: (args: Args<P>) => R,
  fast?: (raw: ArrayLike<unknown>) => Fast,
): EngineFunction<P, R> {
  // the argument list is made on first use, not when the bundle loads
  let names: string[] | undefined;
  let entries: (readonly [string, Param<unknown>])[] | undefined;
  const list = () => (entries ??= (names ??= Object.keys(params)).map((name) => [name, params[name]!] as const));
  return {
    params,
    get names() {
      return (names ??= Object.keys(params));
    },
    compute,
    fast,
    call(raw) {
      const args: Record<string, unknown> = {};
      const all = list();
      const call: Call = { names: names!, read: args, raw: (name) => raw[name], memo: {} };
      for (const [name, p] of all) args[name] = p.read(raw[name], name, call);
      return checkFinite(compute(args as Args<P>));
    },
    apply(raw) {
      const args: Record<string, unknown> = {};
      const all = list();
      const call: Call = { names: names!, read: args, raw: (name) => raw[names!.indexOf(name)], memo: {} };
      all.forEach(([name, p], i) => {
        args[name] = p.read(raw[i], name, call);
      });
      return checkFinite(compute(args as Args<P>));
    },
  };
}
