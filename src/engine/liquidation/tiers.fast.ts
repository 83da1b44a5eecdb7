import { D, Dec } from "../spec/decimal";
import * as X from "../arith/exact";
import { cellsOf } from "../spec/read";
import { isTierTable, readTierTable, type Tier } from "./tiers";

/**
 * Tier tables for the fast paths: read once, by the engine's own reader, and kept by their contents.
 *
 * A worksheet passes the same table (a range of plain cells) to thousands of calls. The first call with
 * given contents reads it with `readTierTable`, the very reader the Decimal path uses, so every
 * rule (column count, order, gaps, overlaps, bounds, cumulative amounts) lives once; the brackets are then
 * kept as doubles and scaled integers, each checked to be exactly the Decimal value it stands for. A later
 * call whose range holds the same cells (compared one by one, so an edited range is read again) reuses
 * them. A table the reader refuses, or one whose values have no exact short form, is remembered as such
 * and left to the Decimal path, which then gives the error or the answer.
 */
export interface FastTiers {
  /** The brackets as the reader gave them (Decimals), for a cell a kernel leaves to the Decimal path. */
  readonly tiers: readonly Tier[];
  readonly n: number;
  /** Bracket bounds, rates and maintenance amounts as doubles (each the Decimal's exact value). */
  readonly floor: Float64Array;
  readonly cap: Float64Array;
  readonly mmr: Float64Array;
  readonly amount: Float64Array;
  /** The same as integers over 10^k (exact.ts): integer and scale of each. */
  readonly floorM: Float64Array;
  readonly floorK: Int32Array;
  readonly capM: Float64Array;
  readonly capK: Int32Array;
  readonly mmrM: Float64Array;
  readonly mmrK: Int32Array;
  readonly amountM: Float64Array;
  readonly amountK: Int32Array;
}

interface Entry {
  cells: unknown[][];
  tiers: FastTiers | null;
}

/** Tables remembered at once (a workbook may alternate a few symbols' tables). */
const SLOTS = 8;
const cache: Entry[] = [];
let next = 0;
const isArray = Array.isArray;

function sameCells(raw: readonly unknown[], cells: unknown[][]): boolean {
  const n = raw.length;
  if (n !== cells.length) return false;
  for (let i = 0; i < n; i++) {
    const row = raw[i];
    const kept = cells[i]!;
    if (!isArray(row) || row.length !== kept.length) return false;
    for (let j = 0; j < kept.length; j++) if (row[j] !== kept[j]) return false;
  }
  return true;
}

/** A copy of the cells when every row is an array of plain values (numbers, text, booleans, blanks). */
function copyCells(raw: readonly unknown[]): unknown[][] | undefined {
  const out: unknown[][] = [];
  for (const row of raw) {
    if (!isArray(row)) return undefined;
    for (const v of row) {
      const t = typeof v;
      if (!(t === "number" || t === "string" || t === "boolean" || v === undefined || v === null)) return undefined;
    }
    out.push(row.slice());
  }
  return out;
}

/** x as a double equal to the Decimal, with its scaled integer; false when there is no such short form. */
function exactParts(d: Dec, i: number, value: Float64Array, m: Float64Array, k: Int32Array): boolean {
  const x = d.toNumber();
  const kx = X.decimals(x);
  if (kx < 0 || !new D(x).eq(d)) return false;
  value[i] = x;
  m[i] = X.integer(x, kx);
  k[i] = kx;
  return true;
}

function compile(raw: unknown[][]): FastTiers | null {
  // a range of blank cells is no table (the Decimal path takes the default rate)
  if (!isTierTable(raw) || cellsOf(raw).length === 0) return null;
  let tiers: Tier[];
  try {
    tiers = readTierTable(raw, "mmr");
  } catch {
    return null; // the Decimal path gives the error
  }
  const n = tiers.length;
  const f: FastTiers = {
    tiers,
    n,
    floor: new Float64Array(n),
    cap: new Float64Array(n),
    mmr: new Float64Array(n),
    amount: new Float64Array(n),
    floorM: new Float64Array(n),
    floorK: new Int32Array(n),
    capM: new Float64Array(n),
    capK: new Int32Array(n),
    mmrM: new Float64Array(n),
    mmrK: new Int32Array(n),
    amountM: new Float64Array(n),
    amountK: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = tiers[i]!;
    if (
      !exactParts(t.floor, i, f.floor, f.floorM, f.floorK) ||
      !exactParts(t.cap, i, f.cap, f.capM, f.capK) ||
      !exactParts(t.mmr, i, f.mmr, f.mmrM, f.mmrK) ||
      !exactParts(t.amount, i, f.amount, f.amountM, f.amountK)
    ) {
      return null;
    }
  }
  return f;
}

/**
 * The brackets of a tier-table argument as `maintenance().read` gives them, or undefined when the
 * argument is not a table of plain cells the fast paths can use (the Decimal path then decides).
 */
export function fastTiers(raw: unknown): FastTiers | undefined {
  if (!isArray(raw)) return undefined;
  for (let i = 0; i < cache.length; i++) {
    const e = cache[i]!;
    if (sameCells(raw, e.cells)) return e.tiers ?? undefined;
  }
  const cells = copyCells(raw);
  if (cells === undefined) return undefined;
  const entry: Entry = { cells, tiers: compile(cells) };
  cache[next] = entry;
  next = (next + 1) % SLOTS;
  return entry.tiers ?? undefined;
}

/**
 * Compares a/10^ka with b/10^kb exactly: −1, 0 or 1, or NaN when an integer would pass 2^53.
 */
export function compareScaled(a: number, ka: number, b: number, kb: number): number {
  const k = ka > kb ? ka : kb;
  const d = X.lift(a, ka, k) - X.lift(b, kb, k);
  return d !== d ? NaN : d > 0 ? 1 : d < 0 ? -1 : 0;
}

/**
 * The index of the bracket holding the notional n/10^kn (floor ≤ n < cap, the last cap inclusive, as
 * `tierHolds` decides), −1 beyond the table, or NaN when a comparison could not be made exactly.
 */
export function bracketOf(t: FastTiers, n: number, kn: number): number {
  const last = t.n - 1;
  for (let i = 0; i <= last; i++) {
    const lo = compareScaled(n, kn, t.floorM[i]!, t.floorK[i]!);
    const hi = compareScaled(n, kn, t.capM[i]!, t.capK[i]!);
    if (lo !== lo || hi !== hi) return NaN;
    if (lo >= 0 && (i === last ? hi <= 0 : hi < 0)) return i;
  }
  return -1;
}

/**
 * Relative gap below which a comparison made in doubles is not trusted. Every double compared below is
 * within a few units in the last place (2^-52 each) of the exact value it stands for; 2^-40 leaves a wide
 * margin, and the Decimal path's own 34-digit roundings are smaller still, so a comparison outside the
 * margin is the one Decimal makes. Inside it the fast path declines.
 */
const MARGIN = 2 ** -40;

/** 1 when a > b, −1 when a < b, 0 when too close to tell (see MARGIN). */
export function surely(a: number, b: number): number {
  const d = a - b;
  const m = (a < 0 ? -a : a) > (b < 0 ? -b : b) ? (a < 0 ? -a : a) : b < 0 ? -b : b;
  return d > m * MARGIN ? 1 : -d > m * MARGIN ? -1 : 0;
}

/** 1 when s > 0, −1 when s < 0, 0 when too close to tell, for a sum whose terms' magnitudes add to `size`. */
export function surelySign(s: number, size: number): number {
  return s > size * MARGIN ? 1 : -s > size * MARGIN ? -1 : 0;
}
