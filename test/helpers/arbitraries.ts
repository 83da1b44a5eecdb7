import * as fc from "fast-check";
import * as F from "../../src/engine";
import type { AnyEngineFunction, Param } from "../../src/engine";
import type { Bounds } from "../../src/engine/spec/params";
import { DECLINE } from "../../src/engine/spec/plain";

/**
 * The arbitraries the engine's tests share: numbers as traders type them, the catalog's side words, leverage
 * text, tier tables, quotients near a midpoint between doubles, and arguments for any function generated from
 * its argument specs (kind, bounds, default, words), so that a new function or fast path is covered without a
 * list to keep up. Also how a result is compared: as the boundary shows it (numbers, never −0; an error cell
 * as its code and message).
 */

/** A number with at most `maxDecimals` decimals and an integer part up to `max` in size, as typed. */
export const decimalNumber = (maxDecimals: number, max: number) =>
  fc.tuple(fc.integer({ min: -max, max }), fc.integer({ min: 0, max: maxDecimals })).map(([m, k]) => Number((m / 10 ** k).toFixed(k)));

/** The two commonest side spellings, as the fast paths see them most. */
export const plainSide = fc.constantFrom("long", "short", 1, -1);

/** Every side in the catalog's vocabulary (long/short, buy/sell, l/s, b, 1/−1), in a few casings, and a typo. */
export const anySide = fc.constantFrom("long", "short", "buy", "sell", "l", "s", "b", "Long", " SHORT ", "Buy", 1, -1, "lnog");

/** Leverage text in the one grammar ("20x", "x20", "1:50", "50:1", "2:3", "7:3"), with text that is none of it. */
export const leverageText = fc.oneof(
  fc.integer({ min: 1, max: 200 }).map((l) => `${l}x`),
  fc.integer({ min: 1, max: 200 }).map((l) => `1:${l}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 60 })).map(([a, b]) => `${a * b}:${a}`),
  fc.constantFrom("X25", "×10", "2:3", "7:3", "12.5x", "0x", " 20 x ", "0:5", "abc", "12,5x"),
);

/**
 * Tier tables with small round numbers, so that roots and edges often coincide exactly: contiguous brackets
 * of 1,000 to 50,000, rates that may fall as well as rise (the maintenance then jumps at an edge), with or
 * without the table's own amounts, rows in any order.
 */
export const tierTable = fc
  .tuple(
    fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 12 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([rows, amounts, reversed]) => {
    let floor = 0;
    const out = rows.map(([width, mmr, amount]) => {
      const row = [floor, floor + width * 1000, mmr / 1000, ...(amounts ? [amount] : [])];
      floor += width * 1000;
      return row;
    });
    return reversed ? out.reverse() : out;
  });

/**
 * How far x/y (integers) lies from the nearer of the two midpoints beside q = fl(x/y), relative to x/y, by
 * exact integer arithmetic. With 2^E ≤ |q| < 2^(E+1) and S = 54 − E, Q = |q|·2^S is an integer, the
 * midpoints are Q + 2 and Q − 2 (Q − 1 when |q| is a power of two) over 2^S, and the distance of |x/y| from
 * a midpoint m/2^S is |x·2^S − m·y| / (y·2^S).
 */
export function midpointDistance(x: number, y: number): number {
  const q = Math.abs(x / y);
  let E = Math.floor(Math.log2(q));
  while (2 ** E > q) E--;
  while (2 ** (E + 1) <= q) E++;
  const S = 54 - E;
  const Q = BigInt(q * 2 ** S);
  const X = BigInt(Math.abs(x)) << BigInt(S);
  const Y = BigInt(Math.abs(y));
  const abs = (n: bigint) => (n < 0n ? -n : n);
  const up = abs(X - (Q + 2n) * Y);
  const down = abs(X - (q === 2 ** E ? Q - 1n : Q - 2n) * Y);
  return Number(up < down ? up : down) / Number(X);
}

/** Odd y near 2^52 and x < 2^53 with x/y in [1, 2) within 2^-53/y of a midpoint: x·2^53 − M·y = ±1, M odd. */
export function nearMidpoint(seed: number): [number, number] | undefined {
  const y = BigInt(2 ** 52 + 2 * seed + 1);
  const t = (1n << 53n) % y;
  // x ≡ t^-1 (mod y), by the extended Euclidean algorithm
  let [r0, r1, s0, s1] = [y, t, 0n, 1n];
  while (r1 !== 0n) {
    const k = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - k * r1, s1, s0 - k * s1];
  }
  if (r0 !== 1n) return undefined;
  for (let x = ((s0 % y) + y) % y; x < 1n << 53n; x += y) {
    const M = ((x << 53n) - 1n) / y;
    if (x >= y && x < 2n * y && M % 2n === 1n) return [Number(x), Number(y)];
  }
  return undefined;
}

/** Quotients x/y of integers below 2^53 within 2^-104 of a midpoint between doubles, found once. */
const MIDPOINT_PAIRS: [number, number][] = [];
for (let seed = 0; MIDPOINT_PAIRS.length < 8 && seed < 200; seed++) {
  const pair = nearMidpoint(seed);
  if (pair !== undefined) MIDPOINT_PAIRS.push(pair);
}
/** The same quotients scaled to a trader's sizes: x and y over a power of ten, still near a midpoint. */
export const midpointPair = fc
  .tuple(fc.constantFrom(...MIDPOINT_PAIRS), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }))
  .map(([[x, y], kx, ky]) => [x / 10 ** kx, y / 10 ** ky] as const);

// ─── Comparing with the Decimal path ─────────────────────────────────────────────────────────────────

/**
 * A table's cells as compared: Decimals as the numbers shown, an error cell as its code and message, an empty
 * cell (null or "") as "", which is how the boundary shows null (src/functions/boundary.ts).
 */
export function shownCells(table: unknown[][]): unknown[][] {
  return table.map((row) =>
    row.map((c) =>
      c instanceof F.EngineError ? { error: c.code, message: c.message } : c === null ? "" : typeof c === "object" ? (c as F.Dec).toNumber() || 0 : c,
    ),
  );
}

/** What the Decimal path gives for a call, as the boundary shows it (a number, never −0, or a table's cells), or "error". */
export function slowShown(fn: AnyEngineFunction, args: unknown[]): unknown {
  try {
    const r = fn.apply(args);
    if (Array.isArray(r)) return shownCells(r);
    return typeof r === "object" ? (r as F.Dec).toNumber() || 0 : r;
  } catch (e) {
    if (e instanceof F.EngineError) return "error";
    throw e;
  }
}

/** The number the Decimal path gives for a call (what the boundary shows, so never −0), or "error". */
export function slow(fn: AnyEngineFunction, args: unknown[]): number | "error" {
  return slowShown(fn, args) as number | "error";
}

/** The table the Decimal path gives, as the boundary shows it (numbers, never −0), or "error". */
export function slowTable(fn: AnyEngineFunction, args: unknown[]): unknown {
  return slowShown(fn, args);
}

/** A fast path's answer as compared with slowShown. */
export function fastShown(answer: NonNullable<ReturnType<NonNullable<AnyEngineFunction["fast"]>>>): unknown {
  return Array.isArray(answer) ? shownCells(answer) : answer;
}

// ─── Arguments from the argument specs ───────────────────────────────────────────────────────────────

/**
 * `plain`: the calls a fast path is for (plain numbers with a few decimals, the two commonest side words,
 * numeric leverages, optional arguments left blank or given); `any`: everything else a cell can hold as well
 * (the bounds themselves and just outside them, numbers with no short decimal form, numeric text, every side
 * word, leverage text, blank cells in ranges, tier tables, quotients near a midpoint).
 */
export type Mode = "plain" | "any";

/** Whether x is within the bounds. */
function within(b: Bounds | undefined, x: number): boolean {
  if (b === undefined) return true;
  return !(
    (b.gt !== undefined && !(x > b.gt)) ||
    (b.ge !== undefined && !(x >= b.ge)) ||
    (b.lt !== undefined && !(x < b.lt)) ||
    (b.le !== undefined && !(x <= b.le)) ||
    (b.integer === true && !Number.isInteger(x))
  );
}

/** Plain numbers within the bounds: rates below 1 where the bounds keep a number below 1, counts where whole. */
function plainNumberIn(b: Bounds | undefined): fc.Arbitrary<number> {
  const hi = b?.lt ?? b?.le;
  const base =
    b?.integer === true
      ? fc.integer({ min: 0, max: 40 })
      : hi !== undefined && hi <= 1
        ? fc.oneof(fc.integer({ min: 0, max: 99 }).map((m) => m / 1000), fc.constantFrom(0, 0.0004, 0.005, 0.01, 0.025))
        : fc.oneof(
            { weight: 2, arbitrary: fc.integer({ min: 1, max: 100000 }).map((c) => c / 1000) }, // rates, fractions, quantities
            { weight: 2, arbitrary: fc.integer({ min: 1, max: 100 }) }, // counts, leverages, round sizes
            { weight: 2, arbitrary: fc.integer({ min: 1, max: 10000000 }).map((c) => c / 100) }, // prices to the cent
            { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }).map((c) => c * 1000) }, // bracket edges of tierTable
          );
  const signed = b?.gt === undefined && b?.ge === undefined ? fc.tuple(base, fc.boolean()).map(([x, neg]) => (neg ? -x : x)) : base;
  return signed.filter((x) => within(b, x));
}

/** Any number a cell may hold near the bounds: the bounds, just outside, no short decimal form, numeric text. */
function anyNumberIn(b: Bounds | undefined): fc.Arbitrary<unknown> {
  const edges = [b?.gt, b?.ge, b?.lt, b?.le].filter((x): x is number => x !== undefined && Number.isFinite(x));
  return fc.oneof(
    { weight: 6, arbitrary: plainNumberIn(b) },
    { weight: 1, arbitrary: fc.constantFrom(...edges, ...edges.map((e) => e - 0.001), ...edges.map((e) => e + 0.001), 0) },
    { weight: 1, arbitrary: fc.constantFrom(0.1 + 0.2, 1 / 3, Math.PI * 1000, 2 ** 52 + 1, 1e-9, 123456.789012345) },
    { weight: 1, arbitrary: fc.constantFrom("100", " 2.5 ", "abc", true, Infinity, NaN) },
  );
}

const TEXT_POOL = ["EUR/USD", "USDJPY", "GBP/USD", "eur-usd", "USD", "EUR", "JPY", "GBP", "usd", "EURO"];

/** One cell of a range, or one scalar, by what it holds. */
function cellArb(kind: string, b: Bounds | undefined, p: Param<unknown>, mode: Mode, row: number): fc.Arbitrary<unknown> {
  switch (kind) {
    case "number":
      return mode === "plain" ? plainNumberIn(b) : anyNumberIn(b);
    case "side":
      return mode === "plain" ? plainSide : anySide;
    case "leverage":
      return mode === "plain" ? fc.oneof(fc.integer({ min: 1, max: 125 }), fc.constantFrom(0.5, 2.5, 12.5)) : fc.oneof(fc.integer({ min: 1, max: 125 }), leverageText, fc.constantFrom(0, -2));
    case "option": {
      const words = [...(p.words ?? [])];
      return mode === "plain" ? fc.constantFrom(...words) : fc.constantFrom(...words, ...words.map((w) => ` ${w.toUpperCase()} `), "nonsense");
    }
    case "boolean":
      return mode === "plain" ? fc.boolean() : fc.constantFrom(true, false, "maybe");
    case "text": {
      // what the spec's own plain reader takes from a pool of currencies and pairs (and, for `any`, what it declines)
      const taken = TEXT_POOL.filter((t) => p.plain?.(t) !== DECLINE && p.plain?.(t) !== undefined);
      return mode === "plain" && taken.length > 0 ? fc.constantFrom(...taken) : fc.constantFrom(...TEXT_POOL, 42);
    }
    case "symbol":
      return mode === "plain" ? fc.constant(`SYM${row}`) : fc.constantFrom("BTCUSDT", "ETHUSDT", " btcusdt ", `SYM${row}`);
    case "time":
      return fc.constant(45000 + row / 24);
    case "positionSide":
      return mode === "plain" ? fc.constant("BOTH") : fc.constantFrom("BOTH", "LONG", "SHORT");
    default:
      throw new Error(`no arbitrary for a cell of kind ${kind}`);
  }
}

/** A range of `n` cells as Excel passes it (a column), with blank cells mixed in for `any`. */
function rangeArb(cell: (row: number) => fc.Arbitrary<unknown>, n: number, mode: Mode): fc.Arbitrary<unknown[][]> {
  const cells = Array.from({ length: n }, (_, i) => (mode === "plain" ? cell(i) : fc.oneof({ weight: 8, arbitrary: cell(i) }, { weight: 1, arbitrary: fc.constantFrom(null, "") })));
  return fc.tuple(...cells).map((c) => c.map((x) => [x]));
}

/** An argument's value: a scalar, a range of n cells, a rate or a tier table; a blank optional argument as Excel passes it. */
function argArb(p: Param<unknown>, mode: Mode, n: number): fc.Arbitrary<unknown> {
  let arb: fc.Arbitrary<unknown>;
  if (p.kind === "rateOrTiers") {
    arb = fc.oneof({ weight: 3, arbitrary: cellArb("number", p.bounds, p, mode, 0) }, { weight: 2, arbitrary: tierTable });
  } else if (p.range) {
    const kind = p.cell?.kind ?? (p.kind === "leverages" ? "leverage" : "number");
    arb = rangeArb((row) => cellArb(kind, p.cell?.bounds ?? p.bounds, p, mode, row), n, mode);
  } else {
    arb = cellArb(p.kind, p.bounds, p, mode, 0);
  }
  if (!p.optional) return arb;
  return fc.oneof({ weight: 2, arbitrary: arb }, { weight: 1, arbitrary: fc.constantFrom(undefined, ...(mode === "any" ? [null, ""] : [])) });
}

/**
 * Arguments for a call of `fn` in catalog order, from its argument specs: every range of one call has the same
 * number of rows (a positions table's or a ladder's columns fit together). In `any` mode, one call in eight puts
 * a quotient near a midpoint between doubles into its first two number (or leverage) arguments.
 */
export function callArb(fn: AnyEngineFunction, mode: Mode): fc.Arbitrary<unknown[]> {
  return fc.integer({ min: 1, max: 5 }).chain((n) => {
    const args = fc.tuple(...fn.names.map((name) => argArb(fn.params[name] as Param<unknown>, mode, n)));
    if (mode === "plain") return args;
    const scalars = fn.names.flatMap((name, i) => {
      const p = fn.params[name] as Param<unknown>;
      return !p.range && (p.kind === "number" || p.kind === "leverage") ? [i] : [];
    });
    if (scalars.length < 2) return args;
    const near = fc.tuple(args, midpointPair).map(([a, [x, y]]) => {
      const out = a.slice();
      out[scalars[0]!] = x;
      out[scalars[1]!] = y;
      return out;
    });
    return fc.oneof({ weight: 7, arbitrary: args }, { weight: 1, arbitrary: near });
  });
}

/** Every engine export with a fast path, by name. */
export function fastFunctions(): [string, AnyEngineFunction][] {
  return Object.entries(F as unknown as Record<string, AnyEngineFunction>).filter(
    ([id, fn]) => /^[A-Z]+$/.test(id) && typeof fn === "object" && fn !== null && typeof fn.fast === "function",
  );
}
