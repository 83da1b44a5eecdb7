import * as X from "../arith/exact";
import type { Dec } from "../spec/decimal";
import type { Bounds } from "../spec/params";
import { blank, DECLINE, type Decline, exactNumber, plainNumber, plainSide } from "../spec/plain";
import type { Side } from "../spec/read";

/**
 * CROSSLIQ's fast kernel and the plain readers of a positions table's ranges (the `plain` of each range's
 * argument spec in cross.ts, so that its generated decoder hands the kernel each range by name).
 */

// Globals read once (see plain.ts): a call never looks them up.
const isArray = Array.isArray;

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

/** A symbol cell as the fast kernel takes it: text with something in it once trimmed. */
function plainSymbol(x: unknown): string | Decline {
  return typeof x === "string" && x.trim() !== "" ? x : DECLINE;
}

/** Each cell of a one-column (or one-row) range through `cell`, or DECLINE. */
function plainCells<T>(cell: (x: unknown) => T | Decline): (x: unknown) => T[] | Decline {
  return (x) => {
    const c = flat(x);
    if (c === undefined) return DECLINE;
    const out: T[] = [];
    for (let i = 0; i < c.length; i++) {
      const v = cell(c[i]);
      if (v === DECLINE) return DECLINE;
      out.push(v);
    }
    return out;
  };
}

/**
 * A positions table's range as the fast kernel takes it: a required range as its cells, each read as the
 * range's cell spec declares (a symbol, a side, a number within the cell's bounds); an optional per-row range
 * (mmr, maint_amounts) as one number for every row (blank: the spec's default) or its cells. DECLINE for
 * anything else (blank rows, text numbers, a block), which the Decimal path reads and words.
 */
export function plainColumn(
  name: string,
  cell: { readonly kind: string; readonly bounds?: Bounds },
  fallback: Dec | undefined,
): (x: unknown) => string[] | Side[] | number[] | number | Decline {
  if (name === "symbols") return plainCells(plainSymbol);
  if (cell.kind === "side") return plainCells(plainSide);
  const num = plainNumber(cell.bounds);
  if (fallback === undefined) return plainCells(num);
  const deflt = exactNumber(fallback);
  if (deflt === DECLINE) throw new Error(`${name}: a default must be a short decimal a double holds exactly`);
  const cells = plainCells(num);
  return (x) => {
    const c = flat(x);
    if (c === undefined || c.length === 1) {
      const v = c === undefined ? x : c[0];
      return blank(v) ? deflt : num(v);
    }
    return cells(x);
  };
}

/** What the fast kernel is handed for each range of a positions table (plainColumn). */
export interface PlainColumns {
  symbols: string[];
  sides: Side[];
  entries: number[];
  quantities: number[];
  marks: number[];
  mmr: number | number[];
  maint_amounts: number | number[];
}

/** A per-row value for row i: one number for every row, or the row's own. */
const at = (v: number | number[], i: number) => (typeof v === "number" ? v : v[i]!);

/**
 * CROSSLIQ for plain numbers, in exact scaled integers (see exact.ts): the same P = (mark·den + surplus)/den
 * as the Decimal path with one rounding. It answers only a table whose every row is filled, with plain
 * spellings and every symbol a positive price; anything else (blank rows, errors, #N/A cells, a number
 * too large to stay exact) is left to the Decimal path.
 */
export function crossLiqKernel(a: PlainColumns & { wallet_balance: number }): number[][] | undefined {
  const { symbols: syms, sides, entries, quantities, marks, mmr: mmrs, maint_amounts: cums } = a;
  const n = syms.length;
  if (n === 0 || sides.length !== n || entries.length !== n || quantities.length !== n || marks.length !== n) return undefined;
  if ((typeof mmrs !== "number" && mmrs.length !== n) || (typeof cums !== "number" && cums.length !== n)) return undefined;
  const w = a.wallet_balance;
  const kw = X.decimals(w);
  if (kw < 0) return undefined;
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
    const sym = syms[i]!;
    const side = sides[i]!;
    const e = entries[i]!;
    const q = quantities[i]!;
    const m = marks[i]!;
    const r = at(mmrs, i);
    const c = at(cums, i);
    const ke = X.decimals(e);
    const kq = X.decimals(q);
    const km = X.decimals(m);
    const kr = X.decimals(r);
    const kc = X.decimals(c);
    if ((ke | kq | km | kr | kc) < 0) return undefined;
    const qi = X.integer(q, kq);
    const mi = X.integer(m, km);
    const ri = X.integer(r, kr);
    let g = index.get(sym);
    if (g === undefined) {
      const key = sym.trim().toLowerCase();
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
  if (s !== s || !(s > 0)) return undefined;
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
