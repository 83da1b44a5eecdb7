import { D, type Dec } from "./decimal";
import type { Bounds } from "./params";
import { leverageOfText, optionWord, sideOf, type Side } from "./read";

/**
 * Plain arguments, for the fast kernels. Every argument spec (params.ts) carries two readers of the same
 * declaration (kind, bounds, default, words): `read`, which turns a worksheet value into what the Decimal path
 * computes with and words each fault, and `plain`, which gives the same value as a plain number (a side as ±1, a
 * leverage as its number, an option as its word, a range as its numbers) or DECLINE when it is not one a fast
 * kernel takes: text where a number belongs, a number outside the bounds, anything unusual. A declined argument
 * sends the call the Decimal way, which answers or gives the error. The decoders (decoders.ts, generated from
 * each function's argument list) call these readers in the argument order and hand the kernel its arguments
 * by name.
 *
 * Globals (Array, Number, Symbol) are read once, here, so a call never looks them up: Excel's JavaScript-only
 * runtime looks up every global through the context on each use.
 */

/** What a plain reader gives for an argument the fast kernels do not take. */
export const DECLINE: unique symbol = Symbol("declined");
export type Decline = typeof DECLINE;

const isArray = Array.isArray;
export const isInteger = Number.isInteger;
const INF = Infinity;

/** Whether an optional argument was left blank, in its plain spellings (others are declined, and read the long way). */
export function blank(x: unknown): x is undefined | null | "" {
  return x === undefined || x === null || x === "";
}

/** A check of a plain number against declared bounds (and that it is finite), made once per argument spec. */
export function withinBounds(b: Bounds = {}): (x: number) => boolean {
  const gt = b.gt ?? -INF;
  const ge = b.ge ?? -INF;
  const lt = b.lt ?? INF;
  const le = b.le ?? INF;
  const whole = b.integer === true;
  return (x) => x - x === 0 && x > gt && x >= ge && x < lt && x <= le && (!whole || isInteger(x));
}

/** A number argument within `bounds`: the number, or DECLINE (text, a range, a number outside them). */
export function plainNumber(bounds?: Bounds): (x: unknown) => number | Decline {
  const ok = withinBounds(bounds);
  return (x) => (typeof x === "number" && ok(x) ? x : DECLINE);
}

/** A side in the catalog's one vocabulary (`sideOf`), the two commonest spellings tried first. */
export function plainSide(x: unknown): Side | Decline {
  if (x === "long" || x === 1) return 1;
  if (x === "short" || x === -1) return -1;
  return sideOf(x) ?? DECLINE;
}

/**
 * A range a kernel reads cell by cell itself (a column of fills or trades, whose cells it screens as it reads
 * them): handed as it is, never declined here. A cell the kernel does not take sends the call the Decimal way.
 */
export function plainRange<T = unknown>(x: unknown): T {
  return x as T;
}

/** Text leverages already read ("20x" → 20), or DECLINE where the text has no exact plain number. */
const LEVERAGE_TEXT = new Map<string, number | Decline>();
const LEVERAGE_TEXT_SIZE = 256;

/**
 * A leverage argument: a number above 0 as it is; text in the one leverage grammar (`leverageOfText`: "20x",
 * "x20", "1:50", "50:1", "20") as its value when a double holds that value exactly (so "2:3" is 1.5 and "7:3"
 * declined); DECLINE otherwise. Each text is read once.
 */
export function plainLeverage(x: unknown): number | Decline {
  if (typeof x === "number") return x > 0 && x < INF ? x : DECLINE;
  if (typeof x !== "string") return DECLINE;
  let l = LEVERAGE_TEXT.get(x);
  if (l === undefined) {
    l = exactNumber(leverageOfText(x));
    if (l !== DECLINE && !(l > 0)) l = DECLINE;
    if (LEVERAGE_TEXT.size >= LEVERAGE_TEXT_SIZE) LEVERAGE_TEXT.clear();
    LEVERAGE_TEXT.set(x, l);
  }
  return l;
}

/** A Decimal as the double that is exactly it, or DECLINE when no double is. */
export function exactNumber(d: Dec | undefined): number | Decline {
  if (d === undefined || !d.isFinite()) return DECLINE;
  const n = d.toNumber();
  return new D(n).eq(d) ? (n === 0 ? 0 : n) : DECLINE;
}

/** An option word (case-insensitive and trimmed; an alias as its word), or DECLINE. */
export function plainOption<T extends string>(words: readonly T[], aliases: Readonly<Record<string, T>>): (x: unknown) => T | Decline {
  return (x) => optionWord(x, words, aliases) ?? DECLINE;
}

/**
 * The value of a range argument holding one cell (Excel passes [[x]] for a range parameter given one value);
 * the argument itself when it is not a range; DECLINE for a larger range.
 */
export function single(x: unknown): unknown {
  if (!isArray(x)) return x;
  if (x.length !== 1 || !isArray(x[0]) || x[0].length !== 1) return DECLINE;
  return x[0][0];
}

/** Whether an argument is a range of other than one cell (a tier table, where a rate or a table belongs). */
export function isRange(x: unknown): x is unknown[] {
  return isArray(x) && !(x.length === 1 && isArray(x[0]) && x[0].length === 1);
}

/**
 * The cells of a range argument (rows of cells, or one value) in reading order, blanks skipped, each read by
 * `cell`; DECLINE when a cell is declined or there are fewer than `min` or more than `most`.
 */
export function plainList<T>(cell: (x: unknown) => T | Decline, min: number, most: number): (x: unknown) => T[] | Decline {
  return (raw) => {
    const out: T[] = [];
    if (!isArray(raw)) {
      if (!blank(raw)) {
        const v = cell(raw);
        if (v === DECLINE) return DECLINE;
        out.push(v);
      }
    } else {
      for (let i = 0; i < raw.length; i++) {
        const row = raw[i];
        if (!isArray(row)) return DECLINE;
        for (let j = 0; j < row.length; j++) {
          const x = row[j];
          if (blank(x)) continue;
          const v = cell(x);
          if (v === DECLINE) return DECLINE;
          out.push(v);
        }
      }
    }
    return out.length >= min && out.length <= most ? out : DECLINE;
  };
}

/** Every cell of a range (rows of cells) in reading order, blanks as null; DECLINE for anything else. */
export function plainCells(raw: unknown): unknown[] | Decline {
  if (!isArray(raw)) return DECLINE;
  const out: unknown[] = [];
  for (let i = 0; i < raw.length; i++) {
    const row = raw[i];
    if (!isArray(row)) return DECLINE;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      out.push(v === undefined || v === "" ? null : v);
    }
  }
  return out;
}
