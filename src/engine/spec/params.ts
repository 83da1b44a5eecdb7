import { D, Dec } from "./decimal";
import { DomainError, InvalidArgumentError } from "./errors";
import { blank, DECLINE, type Decline, exactNumber, plainLeverage, plainList, plainNumber, plainOption, plainSide } from "./plain";
import * as read from "./read";

/**
 * Declarative argument specs. Every function declares its arguments once, as data (kind, bounds, default,
 * words); from that one declaration come the Decimal path's reader (`read`, which words each fault), the fast
 * kernels' plain reader (`plain`, see plain.ts), the task pane's form checks and the tests' generated
 * arguments. Neither the worksheet wrappers nor the task pane validate again.
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

/**
 * One argument: `T` is what the Decimal path computes with, `Q` what a fast kernel is handed (a plain number, a
 * side, a word, a list of numbers...).
 */
export interface Param<T, Q = unknown> {
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
  /** The value a blank or omitted optional argument takes; absent where there is none (or it depends on others). */
  readonly fallback?: T;
  /**
   * Reads and checks the argument. Arguments are read from left to right, so that the leftmost argument's
   * fault is the one shown; `call` gives a reader whose rows depend on other arguments what it needs.
   */
  read(raw: unknown, field: string, call?: Call): T;
  /**
   * The argument as a fast kernel takes it, or DECLINE (plain.ts). Absent for an argument no fast kernel takes:
   * tools/decoders.cjs refuses to write a decoder for a function with such an argument until its spec says how
   * a kernel takes it.
   */
  readonly plain?: (raw: unknown) => Q | Decline;
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

// The argument specs below are written out field by field rather than spread: some hundred and fifty are made
// when the bundle loads, and an object spread costs V8 far more than a literal.

/** A number (or numeric text) within bounds. */
export function number(bounds: Bounds = {}): Param<Dec, number> {
  const check = boundsChecker(bounds);
  return {
    kind: "number",
    optional: false,
    range: false,
    bounds,
    read: (raw, field) => check(read.readNumber(raw, field), field),
    plain: plainNumber(bounds),
  };
}

export const side: Param<read.Side, read.Side> = { kind: "side", optional: false, range: false, read: read.readSide, plain: plainSide };

export const leverage: Param<Dec, number> = { kind: "leverage", optional: false, range: false, read: read.readLeverage, plain: plainLeverage };

export const boolean: Param<boolean, boolean> = {
  kind: "boolean",
  optional: false,
  range: false,
  read: read.readBoolean,
  plain: (x) => (typeof x === "boolean" ? x : DECLINE),
};

export const text: Param<string, string> = {
  kind: "text",
  optional: false,
  range: false,
  read: read.readText,
  plain: (x) => (typeof x === "string" && x !== "" && x.trim() === x ? x : DECLINE),
};

export function option<T extends string>(words: readonly T[], aliases: Readonly<Record<string, NoInfer<T>>> = {}): Param<T, T> {
  return { kind: "option", optional: false, range: false, words, read: (raw, field) => read.readOption(raw, field, words, aliases), plain: plainOption(words, aliases) };
}

/**
 * A key into a reference table (a region, an asset class): the words of `option`, but text the table
 * does not hold is #N/A (no figure exists for it), not #VALUE!; a blank or a non-text value stays #VALUE!.
 */
export function tableKey<T extends string>(words: readonly T[], aliases: Readonly<Record<string, NoInfer<T>>> = {}): Param<T, T> {
  return {
    kind: "option",
    optional: false,
    range: false,
    words,
    read: (raw, field) => read.readOption(raw, field, words, aliases, true),
    plain: plainOption(words, aliases),
  };
}

/**
 * A range (or one value) of numbers; blank cells skipped; at least `min` numbers; each within `bounds`
 * (#NUM! naming the cell, `explain` saying why in the function's words).
 */
export function numbers(min = 1, bounds?: Bounds, explain?: (d: Dec) => string): Param<Dec[], number[]> {
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
    plain: plainList(plainNumber(bounds), min, Infinity),
  };
}

/** A range (or one value) of leverages, each read as a leverage argument is; blanks skipped; at least one, at most `most`. */
export function leverages(most: number): Param<Dec[], number[]> {
  return {
    kind: "leverages",
    optional: false,
    range: true,
    cell: { kind: "leverage" },
    read: (raw, field) => {
      const list = read.readLeverages(raw, field);
      if (list.length === 0) throw new InvalidArgumentError(field, "needs at least one value");
      if (list.length > most) {
        throw new DomainError(field, `has ${list.length.toLocaleString("en-US")} leverages; the limit is ${most.toLocaleString("en-US")}`);
      }
      return list;
    },
    plain: plainList(plainLeverage, 1, most),
  };
}

/** The plain form of a default, as a fast kernel is handed it: a Decimal as the double that is exactly it. */
function plainDefault(v: unknown): unknown {
  if (v instanceof D) {
    const n = exactNumber(v);
    if (n === DECLINE) throw new Error(`a default must be a short decimal a double holds exactly, got ${v.toString()}`);
    return n;
  }
  return v;
}

/**
 * An optional argument: blank or omitted means the default (or undefined when there is none, for a
 * default that depends on other arguments and is settled in the maths).
 */
export function optional<T, Q>(p: Param<T, Q>): Param<T | undefined, Q | undefined>;
export function optional<T, Q>(p: Param<T, Q>, fallback: T): Param<T, Q>;
export function optional<T, Q>(p: Param<T, Q>, fallback?: T): Param<T | undefined, Q | undefined> {
  const plainFallback = plainDefault(fallback) as Q | undefined;
  const inner = p.plain ?? (() => DECLINE);
  return {
    kind: p.kind,
    optional: true,
    range: p.range,
    words: p.words,
    bounds: p.bounds,
    cell: p.cell,
    fallback,
    read: (raw, field, call) => (read.isBlank(raw) ? fallback : p.read(raw, field, call)),
    plain: (raw) => (blank(raw) ? plainFallback : inner(raw)),
  };
}
