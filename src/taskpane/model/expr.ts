import * as engine from "../../engine";
import type { AnyEngineFunction, Result } from "../../engine";
import { cellNumber, decimalCell, shownCell, TOO_LARGE } from "../../shared/cell";
import { ERROR_TEXT, errorCell, type ErrorCell } from "../../shared/errors";
import { decimalsFormat, formatDecimals, type PriceDigits } from "./formats";

/**
 * A worksheet expression together with its value. Each cell the simulator writes is built once as an
 * `Expr`: its text becomes the cell's formula (live mode), its value is what the sheet will show,
 * computed by the same engine functions the formula calls, on the same cell values (JS numbers, as a
 * worksheet passes them). So "values only" and "live formulas" give the same sheet, and the review the
 * pane shows is the sheet's key figures.
 */
export type { ErrorText } from "../../shared/errors";
/** An error in a cell: its text and the engine's message (the boundary's one table makes it). */
export type CellError = ErrorCell;

export type Val = number | string | boolean | CellError;

export function isError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

/** Values by name (named cells) and by address ("B21"). */
export type Env = Map<string, Val>;

export interface Expr {
  text: string;
  value(env: Env): Val;
}


/** A reference to a named cell or an address. */
export function ref(name: string): Expr {
  return {
    text: name,
    value: (env) => {
      const v = env.get(name);
      if (v === undefined) throw new Error(`the sheet model refers to ${name} before it is defined`);
      return v;
    },
  };
}

export function lit(v: number | string | boolean): Expr {
  const text = typeof v === "string" ? JSON.stringify(v) : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  return { text, value: () => v };
}

function numeric(v: Val): number | CellError {
  if (isError(v)) return v;
  if (typeof v === "number") return v;
  return { error: ERROR_TEXT.VALUE, message: "expected a number" };
}

/** Worksheet arithmetic, in floating point as a spreadsheet does it. */
function arith(op: "+" | "-" | "*" | "/", a: Expr, b: Expr, wrap = false): Expr {
  const text = `${a.text}${op}${b.text}`;
  return {
    text: wrap ? `(${text})` : text,
    value: (env) => {
      const x = numeric(a.value(env));
      const y = numeric(b.value(env));
      if (isError(x)) return x;
      if (isError(y)) return y;
      if (op === "/" && y === 0) return { error: ERROR_TEXT.DIV0, message: "division by zero" };
      return op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : x / y;
    },
  };
}
export const add = (a: Expr, b: Expr) => arith("+", a, b, true);
export const sub = (a: Expr, b: Expr) => arith("-", a, b, true);
export const mul = (a: Expr, b: Expr) => arith("*", a, b);
export const div = (a: Expr, b: Expr) => arith("/", a, b);
export function neg(a: Expr): Expr {
  return { text: `-${a.text}`, value: (env) => {
    const x = numeric(a.value(env));
    return isError(x) ? x : cellNumber(-x);
  } };
}

/** IFERROR(a, fallback). */
export function ifError(a: Expr, fallback: Expr): Expr {
  return { text: `IFERROR(${a.text},${fallback.text})`, value: (env) => {
    const v = a.value(env);
    return isError(v) ? fallback.value(env) : v;
  } };
}

/** IF(a <= b, then, else). */
export function ifAtMost(a: Expr, b: Expr, then: Expr, otherwise: Expr): Expr {
  return {
    text: `IF(${a.text}<=${b.text},${then.text},${otherwise.text})`,
    value: (env) => {
      const x = numeric(a.value(env));
      const y = numeric(b.value(env));
      if (isError(x)) return x;
      if (isError(y)) return y;
      return x <= y ? then.value(env) : otherwise.value(env);
    },
  };
}

/**
 * A range argument: a reference to cells on another sheet (a tier table) and the values they held when
 * read. It is only ever an argument of a LEV function, which receives the cells as a worksheet passes a
 * range (rows of values).
 */
export interface RangeArg {
  kind: "range";
  text: string;
  /** The cells as read, or as an array expression gives them for the current values (`IF(range=x, p, range)`). */
  cells: readonly (readonly unknown[])[] | ((env: Env) => readonly (readonly unknown[])[]);
}

export function rangeArg(text: string, cells: RangeArg["cells"]): RangeArg {
  return { kind: "range", text, cells };
}

function isRangeArg(a: Expr | RangeArg): a is RangeArg {
  return (a as RangeArg).kind === "range";
}

/**
 * The catalog's functions by name, as the engine exports them: every export that is an engine function
 * (LIQPRICE, MARGIN, …). A name or an argument the catalog does not have is a compile error in `lev`.
 */
type Engine = typeof engine;
export type FunctionName = {
  [K in keyof Engine]: Engine[K] extends { params: object; names: readonly string[]; call: (raw: never) => unknown } ? K : never;
}[keyof Engine];
export type ArgName<N extends FunctionName> = Extract<keyof Engine[N]["params"], string>;

/** The engine function named `name` (as in the catalog, e.g. "LIQPRICE"). */
export function engineFunction(name: FunctionName): AnyEngineFunction {
  const fn = (engine as unknown as Record<string, AnyEngineFunction | undefined>)[name];
  if (!fn || typeof fn.call !== "function") throw new Error(`the engine has no function ${name}`);
  return fn;
}

/** Turns an engine result into what a cell shows (a number, text or boolean). */
export function cellOf(result: Result): Val {
  if (typeof result === "string" || typeof result === "boolean") return result;
  if (Array.isArray(result)) return { error: ERROR_TEXT.VALUE, message: "a table where one value belongs" };
  return decimalCell(result) ?? { error: ERROR_TEXT.NUM, message: TOO_LARGE };
}

/**
 * `=LEV.NAME(args…)` with arguments given by their catalog names; they are written in catalog order,
 * and the value is the engine's own result for the same cell values.
 */
export function lev<N extends FunctionName>(name: N, args: Partial<Record<ArgName<N>, Expr | RangeArg>>): Expr {
  return levWith(name, args, (text) => text, cellOf);
}

/**
 * `=INDEX(LEV.NAME(args…), row, column)`: one cell of a function that answers a table (LEV.CROSSLIQ's
 * row, a figure of LEV.CROSSACCOUNT), with the engine's value of that cell (1-based, as INDEX counts).
 */
export function levIndex<N extends FunctionName>(name: N, args: Partial<Record<ArgName<N>, Expr | RangeArg>>, row: number, column: number): Expr {
  return levWith(
    name,
    args,
    (text) => `INDEX(${text}, ${row}, ${column})`,
    (result) => {
      if (!Array.isArray(result)) return cellOf(result);
      const given = result[row - 1]?.[column - 1];
      const cell = given === undefined ? null : shownCell(given);
      if (cell === null) return { error: ERROR_TEXT.NA, message: `the table has no row ${row}, column ${column}` };
      return engine.isEngineError(cell) ? errorCell(cell) : cell;
    },
  );
}

function levWith(
  name: FunctionName,
  args: Partial<Record<string, Expr | RangeArg>>,
  wrap: (text: string) => string,
  pick: (result: Result) => Val,
): Expr {
  const fn = engineFunction(name);
  const byName = args as Record<string, Expr | RangeArg | undefined>;
  const given = fn.names.filter((n) => byName[n] !== undefined);
  const last = fn.names.indexOf(given[given.length - 1] ?? fn.names[0]!);
  for (const key of Object.keys(byName)) {
    if (!fn.names.includes(key)) throw new Error(`LEV.${name} has no argument ${key}`);
  }
  const order = fn.names.slice(0, last + 1);
  for (const n of order) {
    if (byName[n] === undefined) throw new Error(`LEV.${name}: give ${n} too, since a later argument is given`);
  }
  return {
    text: wrap(`LEV.${name}(${order.map((n) => byName[n]!.text).join(", ")})`),
    value: (env) => {
      const raw: Record<string, unknown> = {};
      for (const n of order) {
        const a = byName[n]!;
        if (isRangeArg(a)) {
          const cells = typeof a.cells === "function" ? a.cells(env) : a.cells;
          raw[n] = cells.map((row) => [...row]);
          continue;
        }
        const v = a.value(env);
        if (isError(v)) return v;
        raw[n] = v;
      }
      try {
        return pick(fn.call(raw));
      } catch (e) {
        if (engine.isEngineError(e)) return errorCell(e);
        throw e;
      }
    },
  };
}

/** A plain-language rendering of a value for messages. */
export function showError(v: CellError): string {
  return `${v.error} ${v.message}`;
}

// ─── Worksheet logic and text, each with its value as the sheet computes it ──────────────────────────

function truthy(v: Val): boolean | CellError {
  if (isError(v)) return v;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return { error: ERROR_TEXT.VALUE, message: "expected TRUE or FALSE" };
}

/** A comparison `a op b`, parenthesised so it can sit inside `&` and arithmetic. */
export function cmp(op: "<=" | ">=" | "<" | ">" | "=", a: Expr, b: Expr): Expr {
  return {
    text: `(${a.text}${op}${b.text})`,
    value: (env) => {
      const x = a.value(env);
      const y = b.value(env);
      if (isError(x)) return x;
      if (isError(y)) return y;
      switch (op) {
        case "<=":
          return x <= y;
        case ">=":
          return x >= y;
        case "<":
          return x < y;
        case ">":
          return x > y;
        default:
          return x === y;
      }
    },
  };
}

/** IF(c, a, b); only the branch taken is evaluated, as in a spreadsheet. */
export function iff(c: Expr, a: Expr, b: Expr): Expr {
  return {
    text: `IF(${c.text},${a.text},${b.text})`,
    value: (env) => {
      const t = truthy(c.value(env));
      if (isError(t)) return t;
      return t ? a.value(env) : b.value(env);
    },
  };
}

function logic(name: "OR" | "AND", parts: Expr[]): Expr {
  return {
    text: `${name}(${parts.map((p) => p.text).join(",")})`,
    value: (env) => {
      const vs = parts.map((p) => truthy(p.value(env)));
      const err = vs.find(isError);
      if (err) return err;
      return name === "OR" ? vs.some((v) => v === true) : vs.every((v) => v === true);
    },
  };
}
export const or = (...parts: Expr[]) => logic("OR", parts);
export const and = (...parts: Expr[]) => logic("AND", parts);
export function not(a: Expr): Expr {
  return { text: `NOT(${a.text})`, value: (env) => {
    const t = truthy(a.value(env));
    return isError(t) ? t : !t;
  } };
}

export function isNumber(a: Expr): Expr {
  return { text: `ISNUMBER(${a.text})`, value: (env) => typeof a.value(env) === "number" };
}

export function isNA(a: Expr): Expr {
  return { text: `ISNA(${a.text})`, value: (env) => {
    const v = a.value(env);
    return isError(v) && v.error === ERROR_TEXT.NA;
  } };
}

export function max(a: Expr, b: Expr): Expr {
  return { text: `MAX(${a.text},${b.text})`, value: (env) => {
    const x = numeric(a.value(env));
    const y = numeric(b.value(env));
    if (isError(x)) return x;
    if (isError(y)) return y;
    return Math.max(x, y);
  } };
}

/** ROUND(a, digits), half away from zero as the spreadsheet rounds. */
export function round(a: Expr, digits: number): Expr {
  return { text: `ROUND(${a.text},${digits})`, value: (env) => {
    const x = numeric(a.value(env));
    if (isError(x)) return x;
    return cellNumber(new engine.D(x).toDecimalPlaces(digits, engine.D.ROUND_HALF_UP).toNumber());
  } };
}

/** A number as `&` turns it into text (the general format): 60000, 0.98, 1.5. */
function generalText(v: number | string | boolean): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  return String(Number(v.toPrecision(15)));
}

/** Text joined with `&`: fixed words and live cells, so a sentence follows its figures. */
export function concat(...parts: (Expr | string)[]): Expr {
  const exprs = parts.map((p) => (typeof p === "string" ? lit(p) : p));
  return {
    text: exprs.map((e) => e.text).join("&"),
    value: (env) => {
      let out = "";
      for (const e of exprs) {
        const v = e.value(env);
        if (isError(v)) return v;
        out += generalText(v);
      }
      return out;
    },
  };
}

/**
 * TEXT(a, format) for a number shown with fixed and optional decimals and no grouping ("0.00", "0.00000##"),
 * the formats the sheet's sentences use (the playground's spreadsheet engine reads TEXT formats without a
 * thousands separator, and does not scale "%" formats); `percent` shows a fraction as "12.50 %".
 */
export function textOf(a: Expr, digits: PriceDigits, percent = false): Expr {
  const format = decimalsFormat(digits, false);
  return {
    text: percent ? `TEXT((${a.text})*100,"${format}")&" %"` : `TEXT(${a.text},"${format}")`,
    value: (env) => {
      const x = numeric(a.value(env));
      if (isError(x)) return x;
      return percent ? `${formatDecimals(x * 100, digits, false)} %` : formatDecimals(x, digits, false);
    },
  };
}
