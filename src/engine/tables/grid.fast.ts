import * as X from "../arith/exact";
import type { Side } from "../spec/read";
import { isolatedLiquidation } from "../liquidation/isolated.fast";
import { type FastTiers, surely } from "../liquidation/tiers.fast";
import { MAX_CELLS } from "./common";
import { DISTANCE_ROUNDINGS, type GridMeasure } from "./grid";

/**
 * GRID's kernel for plain numbers (leverages also as "20x" or "1:50"). The price of move m is E·(1 + m), so
 * ROE = side·(E·m)·L/E = side·m·L exactly (a product of short decimals); "liq" is LIQPRICE's kernel's answer
 * for each leverage; "status" compares each price with it and is taken only when certain; "distance" divides
 * once more from that answer's exact fraction. A liquidation price the kernel leaves to Decimal (including
 * none: #N/A or #NUM!), a grid past the size limit and any other argument are left to the Decimal path.
 */
export function gridKernel(a: {
  measure: GridMeasure;
  side: Side;
  entry: number;
  leverages: number[];
  moves: number[];
  mmr: number | FastTiers;
}): (number | string)[][] | undefined {
  const { measure, side: s, entry: e, leverages, moves } = a;
  const ke = X.decimals(e);
  if (ke < 0 || leverages.length * moves.length > MAX_CELLS) return undefined;
  const em = X.integer(e, ke);
  const columns: Column[] = [];
  const liqs: number[] = []; // each leverage's liquidation price, the "liq" measure's row
  for (let j = 0; j < leverages.length; j++) {
    const l = leverages[j]!;
    const kl = X.decimals(l);
    if (kl < 0) return undefined;
    const c: Column = { lm: X.integer(l, kl), kl, liq: 0, fraction: X.fraction() }; // liq is set below unless the measure is roe
    if (measure !== "roe") {
      const liq = isolatedLiquidation({ side: s, entry: e, leverage: l, quantity: 1, fee: 0 }, a.mmr, c.fraction);
      if (liq === undefined) return undefined;
      c.liq = liq;
      liqs.push(liq);
    }
    columns.push(c);
  }
  const out: (number | string)[][] = [];
  for (let i = 0; i < moves.length; i++) {
    const m = moves[i]!;
    const km = X.decimals(m);
    if (km < 0) return undefined;
    const mm = X.integer(m, km);
    const row =
      measure === "roe"
        ? roeRow(s, mm, km, columns)
        : measure === "liq"
          ? liqRow(X.product(em, X.sum(mm, km, 1, 0)), ke + km, liqs)
          : priceRow(measure, s, X.product(em, X.sum(mm, km, 1, 0)), ke + km, columns);
    if (row === undefined) return undefined;
    out.push(row);
  }
  return out;
}

/** A leverage's column: the leverage as a scaled integer, its liquidation price and that price's exact fraction. */
interface Column {
  lm: number;
  kl: number;
  liq: number;
  fraction: X.Fraction;
}

/** ROE = side·m·L for each leverage. */
function roeRow(s: Side, mm: number, km: number, columns: readonly Column[]): number[] | undefined {
  const row: number[] = [];
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j]!;
    const roe = X.value(X.product(s * mm, c.lm), km + c.kl);
    if (roe === undefined) return undefined;
    row.push(roe);
  }
  return row;
}

/**
 * The "liq" row of the price pm/10^kp: each leverage's liquidation price, the same on every row, copied from one
 * array of doubles (so the numbers are not boxed one by one).
 */
function liqRow(pm: number, kp: number, liqs: number[]): number[] | undefined {
  return X.value(pm, kp) === undefined ? undefined : liqs.slice();
}

/** The row of the price pm/10^kp: each leverage's status or distance. */
function priceRow(measure: GridMeasure, s: Side, pm: number, kp: number, columns: readonly Column[]): (number | string)[] | undefined {
  const price = X.value(pm, kp);
  if (price === undefined) return undefined;
  const row: (number | string)[] = [];
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j]!;
    const beyond = surely(price, c.liq);
    if (beyond === 0) return undefined;
    if (measure === "status") {
      row.push(beyond === -s ? "LIQUIDATED" : "OK");
      continue;
    }
    const d = distance(s, pm, kp, c.fraction);
    if (d === undefined) return undefined;
    row.push(d);
  }
  return row;
}

/**
 * side·(P − n/d)/P with P = pm/10^kp and the liquidation price's fraction n/d: side·(P·d − n)/(P·d), one
 * integer over another, certified against DISTANCE_ROUNDINGS (the price is certainly apart from it).
 */
function distance(s: Side, pm: number, kp: number, f: X.Fraction): number | undefined {
  const pd = X.product(pm, f.d);
  const kpd = kp + f.kd;
  const kn = kpd > f.kn ? kpd : f.kn;
  const num = X.exact(s * X.sum(pd, kpd, -f.n, f.kn));
  const size = X.magnitude(num, kn);
  const spread = DISTANCE_ROUNDINGS.spread(size, 1, f.spread * X.magnitude(f.n, f.kn), size); // the terms liquidation, numerator
  return X.ratio(num, kn, pd, kpd, spread);
}
