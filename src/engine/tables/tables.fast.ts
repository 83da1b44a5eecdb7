import { D } from "../spec/decimal";
import { EngineError, isEngineError } from "../spec/errors";
import * as X from "../arith/exact";
import { fastIsolatedLiquidation, fastNotionalTierLiquidation, lastFraction, liquidationPrice } from "../liquidation/isolated";
import { fastTiers, surely } from "../liquidation/tiers.fast";
import { maintenance, Maintenance } from "../liquidation/tiers";

// read once: a call never looks up a global (see exact.ts)
const isArray = Array.isArray;
const { floor, trunc } = Math;
const isFinite = Number.isFinite;

/**
 * SCENARIOS for plain numbers without a balance (isolated margin), in exact scaled integers (exact.ts):
 * with M = E·q/L and PnL = side·(P − E)·q − fee·(E + P)·q (an integer over a power of ten),
 * Move = (P − E)/E, ROE = PnL·L/(E·q), Equity = (E·q + L·PnL)/L, Margin level = (E·q + L·PnL)/(E·q),
 * each one integer over another, correctly rounded. Status compares each price with LIQPRICE's fast
 * answer and is taken only when certain. Any other case (a balance, text, a price without a short exact
 * form, a liquidation price the fast path leaves to Decimal, a tie) is left to the Decimal path.
 */
export function fastScenarios(raw: ArrayLike<unknown>, header: readonly string[], maxCells: number): (number | string)[][] | undefined {
  const s = X.quickSide(raw[0]);
  const e = X.num(raw[1]);
  const q = X.num(raw[2]);
  const l = X.leverage(raw[3]);
  const prices = raw[4];
  const fee = X.numOr(raw[7], 0);
  if (s === 0 || !X.blank(raw[5]) || !isArray(prices)) return undefined;
  if (!(e > 0 && q > 0 && l > 0 && fee >= 0 && fee < 1)) return undefined;
  const ke = X.decimals(e);
  const kq = X.decimals(q);
  const kl = X.decimals(l);
  const kf = X.decimals(fee);
  if ((ke | kq | kl | kf) < 0) return undefined;
  const liq = fastIsolatedLiquidation(s, e, l, raw[6], q);
  if (liq === undefined) return undefined;
  const em = X.integer(e, ke);
  const qm = X.integer(q, kq);
  const lm = X.integer(l, kl);
  const fm = X.integer(fee, kf);
  const eq = X.product(em, qm); // E·q, scale ke + kq
  const out: (number | string)[][] = [header.slice()];
  for (let i = 0; i < prices.length; i++) {
    const row = prices[i];
    if (!isArray(row)) return undefined;
    for (let j = 0; j < row.length; j++) {
      const p = row[j];
      if (typeof p !== "number") {
        if (X.blank(p)) continue;
        return undefined;
      }
      const kp = X.decimals(p);
      if (kp < 0 || !(p > 0)) return undefined;
      // prices at scale kx = max(ke, kp); PnL at scale kn = kx + kq + kf
      const kx = ke > kp ? ke : kp;
      const entry = X.lift(em, ke, kx);
      const price = X.lift(X.integer(p, kp), kp, kx);
      const gross = X.product(X.exact(s * (price - entry)), qm);
      const fees = X.product(X.product(X.exact(entry + price), qm), fm);
      const kn = kx + kq + kf;
      const pnl = X.sum(gross, kx + kq, -fees, kn);
      const equity = X.sum(eq, ke + kq, X.product(lm, pnl), kn + kl); // (E·q + L·PnL), scale ke + kq ∨ kn + kl
      const keq = ke + kq > kn + kl ? ke + kq : kn + kl;
      const move = X.ratio(X.exact(price - entry), kx, entry, kx);
      const pnlValue = X.value(pnl, kn);
      // the Decimal path rounds the margin E·q/L first: ROE = PnL/margin has two roundings; Equity =
      // margin + PnL and Margin level = Equity/margin carry the margin's rounding, amplified where PnL
      // nearly cancels it (see X.ratio)
      const cancel = (2 * e * q) / X.magnitude(equity, keq);
      const roe = X.ratio(X.product(pnl, lm), kn + kl, eq, ke + kq, 3);
      const equityValue = X.ratio(equity, keq, lm, kl, 2 + cancel);
      const level = X.ratio(equity, keq, eq, ke + kq, 3 + cancel);
      const beyond = surely(p, liq);
      if (move === undefined || pnlValue === undefined || roe === undefined || equityValue === undefined || level === undefined || beyond === 0) {
        return undefined;
      }
      out.push([p, move, pnlValue, roe, equityValue, level, beyond === -s ? "LIQUIDATED" : "OK"]);
    }
    if (out.length * header.length > maxCells) return undefined;
  }
  return out.length > 1 ? out : undefined;
}

/**
 * GRID for plain numbers (leverages also as "20x" or "1:50"). The price of move m is E·(1 + m), so
 * ROE = side·(E·m)·L/E = side·m·L exactly (a product of short decimals); "liq" is LIQPRICE's fast answer
 * for each leverage; "status" compares each price with it and is taken only when certain; "distance"
 * divides once more from that answer's exact fraction (`lastFraction`). A liquidation price LIQPRICE's
 * fast path leaves to Decimal (including none: #N/A or #NUM!) and any other argument are left to the
 * Decimal path.
 */
export function fastGrid(raw: ArrayLike<unknown>, maxCells: number, maxLeverages: number): (number | string)[][] | undefined {
  const measure = raw[0];
  if (measure !== "roe" && measure !== "liq" && measure !== "status" && measure !== "distance") return undefined;
  const s = X.quickSide(raw[1]);
  const e = X.num(raw[2]);
  const levs = X.plainNumbers(raw[3], true);
  const moves = X.plainNumbers(raw[4]);
  const ke = X.decimals(e);
  if (s === 0 || ke < 0 || !(e > 0) || levs === undefined || moves === undefined) return undefined;
  const nl = levs.length;
  const nm = moves.length;
  if (nl === 0 || nm === 0 || nl * nm > maxCells || nl > maxLeverages) return undefined;
  const lm: number[] = [];
  const kl: number[] = [];
  const liqs: number[] = [];
  const fractions: number[] = []; // each liquidation price's exact fraction (lastFraction), for "distance"
  for (let j = 0; j < nl; j++) {
    const l = levs[j]!;
    const k = X.decimals(l);
    if (k < 0 || !(l > 0)) return undefined;
    lm.push(X.integer(l, k));
    kl.push(k);
    if (measure !== "roe") {
      const liq = fastIsolatedLiquidation(s, e, l, raw[5], 1);
      if (liq === undefined) return undefined;
      liqs.push(liq);
      fractions.push(lastFraction[0]!, lastFraction[1]!, lastFraction[2]!, lastFraction[3]!, lastFraction[4]!);
    }
  }
  const em = X.integer(e, ke);
  const out: (number | string)[][] = [];
  for (let i = 0; i < nm; i++) {
    const m = moves[i]!;
    const km = X.decimals(m);
    if (km < 0 || !(m > -1)) return undefined;
    const mm = X.integer(m, km);
    const row: (number | string)[] = [];
    if (measure === "roe") {
      for (let j = 0; j < nl; j++) {
        const roe = X.value(X.product(s * mm, lm[j]!), km + kl[j]!);
        if (roe === undefined) return undefined;
        row.push(roe);
      }
    } else if (measure === "liq") {
      for (let j = 0; j < nl; j++) row.push(liqs[j]!);
    } else if (measure === "distance") {
      // side·(P − n/d)/P with P = pm/10^kp: side·(P·d − n)/(P·d), one integer over another; taken only
      // where P is certainly apart from the liquidation price. The Decimal path subtracts its 34-digit
      // liquidation price (within spread·2^-110 of n/d) from P, which magnifies that drift by
      // |liq|/|P − liq|, and rounds twice more (see X.ratio)
      const pm = X.product(em, X.sum(mm, km, 1, 0));
      const kp = ke + km;
      const price = X.value(pm, kp);
      if (price === undefined) return undefined;
      for (let j = 0; j < nl; j++) {
        const f = 5 * j;
        const pd = X.product(pm, fractions[f + 2]!);
        const kpd = kp + fractions[f + 3]!;
        const kn = fractions[f + 1]!;
        if (surely(price, liqs[j]!) === 0) return undefined;
        const gap = price - liqs[j]!;
        const spread = 3 + (2 * fractions[f + 4]! * liqs[j]!) / (gap < 0 ? -gap : gap);
        const d = X.ratio(X.exact(s * X.sum(pd, kpd, -fractions[f]!, kn)), kpd > kn ? kpd : kn, pd, kpd, spread);
        if (d === undefined) return undefined;
        row.push(d);
      }
    } else {
      const price = X.value(X.product(em, X.sum(mm, km, 1, 0)), ke + km);
      if (price === undefined) return undefined;
      for (let j = 0; j < nl; j++) {
        const beyond = surely(price, liqs[j]!);
        if (beyond === 0) return undefined;
        row.push(beyond === -s ? "LIQUIDATED" : "OK");
      }
    }
    out.push(row);
  }
  return out;
}

/**
 * COMPOUNDTABLE with round_to, for plain numbers, in exact integers. With the balance B an integer over
 * 10^k, each period's B·(1 + rate) + contribution is again one; while it stays below 10^15 it already has
 * at most 15 significant digits (the rounding to Excel's precision changes nothing), and dividing it by
 * the step and rounding half away from zero is integer division with a remainder test: exactly what the
 * Decimal path computes (its quotient, rounded to 34 digits, cannot cross a half). Start, Gain and End are
 * then short decimals, shown as the nearest doubles as Decimal shows them. A balance past 10^15 units of
 * its last decimal, an unrounded table, or any other argument is left to the Decimal path.
 */
export function fastCompoundTable(raw: ArrayLike<unknown>, header: readonly string[], maxCells: number): (number | string)[][] | undefined {
  const n = X.num(raw[2]);
  if (!(n >= 1) || (n + 1) * header.length > maxCells) return undefined;
  const out: (number | string)[][] = [header.slice()];
  return roundedSchedule(raw, n, out) === undefined ? undefined : out;
}

/** COMPOUND with round_to for plain numbers: the last End of the same schedule (up to `maxPeriods`). */
export function fastCompound(raw: ArrayLike<unknown>, maxPeriods: number): number | undefined {
  const n = X.num(raw[2]);
  if (!(n >= 0 && n <= maxPeriods)) return undefined;
  return roundedSchedule(raw, n, undefined);
}

/**
 * The rounded schedule of COMPOUND and COMPOUNDTABLE (start, rate, periods, contribution, round_to), as
 * described above; pushes each row to `rows` when given and returns the last balance, or undefined.
 */
function roundedSchedule(raw: ArrayLike<unknown>, n: number, rows: (number | string)[][] | undefined): number | undefined {
  const start = X.num(raw[0]);
  const rate = X.num(raw[1]);
  const c = X.numOr(raw[3], 0);
  const step = X.num(raw[4]);
  const ks = X.decimals(start);
  const kr = X.decimals(rate);
  const kc = X.decimals(c);
  const kst = X.decimals(step);
  if ((ks | kr | kc | kst) < 0 || !(start >= 0 && rate >= -1 && step > 0) || n !== floor(n)) return undefined;
  const g = X.sum(X.integer(rate, kr), kr, 1, 0); // 1 + rate, scale kr
  const cm = X.integer(c, kc);
  const sm = X.integer(step, kst);
  const contribution = c === 0 ? 0 : c;
  let b = X.integer(start, ks);
  let kb = ks;
  for (let k = 1; k <= n; k++) {
    const kv = kb + kr > kc ? kb + kr : kc;
    const v = X.sum(X.product(b, g), kb + kr, cm, kc); // B·(1 + rate) + C, scale kv
    if (!(v < 1e15 && v > -1e15)) return undefined; // also NaN
    const kq = kv > kst ? kv : kst;
    const num = X.lift(v, kv, kq);
    const den = X.lift(sm, kst, kq);
    if (num !== num || den !== den) return undefined;
    let q = trunc(num / den);
    let rem = num - q * den;
    if (rem !== 0 && rem < 0 !== num < 0) {
      q += num < 0 ? 1 : -1; // the float quotient rounded across an integer
      rem = num - q * den;
    } else if (rem >= den || -rem >= den) {
      q += num < 0 ? -1 : 1;
      rem = num - q * den;
    }
    if (2 * (rem < 0 ? -rem : rem) >= den) q += num < 0 ? -1 : 1; // half away from zero
    const end = X.product(q, sm); // scale kst
    if (rows !== undefined) {
      const kg = kb > kst ? kb : kst;
      const gain = X.sum(X.sum(end, kst, -b, kb), kg, -cm, kc);
      const startValue = X.value(b, kb);
      const gainValue = X.value(gain, kg > kc ? kg : kc);
      const endValue = X.value(end, kst);
      if (startValue === undefined || gainValue === undefined || endValue === undefined) return undefined;
      rows.push([k, startValue, gainValue, contribution, endValue]);
    }
    b = end;
    kb = kst;
  }
  return X.value(b, kb);
}

/** Every cell of a range as a plain number in reading order (no blanks), or undefined. */
function allNumbers(raw: unknown): number[] | undefined {
  const list = X.plainNumbers(raw);
  if (list === undefined || !isArray(raw)) return list;
  let cells = 0;
  for (let i = 0; i < raw.length; i++) cells += (raw[i] as unknown[]).length;
  return cells === list.length ? list : undefined;
}

/**
 * LADDER with a maintenance rate, for plain numbers, in exact integers: with V = Σ price·quantity and
 * T = Σ quantity after each fill, the average is V/T, the margin V/L, the liquidation price LIQPRICE's
 * rate form at entry V/T and quantity T, (V − side·V·L)/(T·L·(mmr − side)), and the break-even
 * V·(1 + side·fee)/(T·(1 − side·fee)); each one integer over another, correctly rounded. With a tier
 * table (read once per contents, tierfast.ts) the liquidation price is LIQPRICE's tier walk from the
 * notional V and quantity T (`fastNotionalTierLiquidation`). Blanks, a liquidation price that does not
 * exist or is not certainly on the losing side, and anything else are left to the Decimal path.
 */
export function fastLadder(raw: ArrayLike<unknown>, header: readonly string[], maxCells: number): (number | string | EngineError)[][] | undefined {
  const s = X.quickSide(raw[0]);
  const prices = allNumbers(raw[1]);
  const sizes = allNumbers(raw[2]);
  const l = X.leverage(raw[3]);
  const tiers = X.isRange(raw[4]) ? fastTiers(raw[4]) : undefined;
  if (X.isRange(raw[4]) && tiers === undefined) return undefined;
  const mmr = tiers === undefined ? X.numOr(X.single(raw[4]), 0.005) : 0;
  const fee = X.numOr(raw[5], 0);
  if (s === 0 || prices === undefined || sizes === undefined || prices.length !== sizes.length || prices.length === 0) return undefined;
  if ((prices.length + 1) * header.length > maxCells) return undefined;
  const kl = X.decimals(l);
  const km = X.decimals(mmr);
  const kf = X.decimals(fee);
  if ((kl | km | kf) < 0 || !(l > 0 && mmr >= 0 && mmr < 1 && fee >= 0 && fee < 1)) return undefined;
  let kp = 0;
  let kq = 0;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i]!;
    const q = sizes[i]!;
    const a = X.decimals(p);
    const b = X.decimals(q);
    if (a < 0 || b < 0 || !(p > 0 && q > 0)) return undefined;
    if (a > kp) kp = a;
    if (b > kq) kq = b;
  }
  const lm = X.integer(l, kl);
  const mm = X.integer(mmr, km);
  const fm = X.integer(fee, kf);
  const kv = kp + kq;
  const liqFactor = X.sum(X.lift(1, 0, kl), kl, -s * lm, kl); // 1 − side·L, scale kl
  const liqDen = X.product(lm, X.sum(mm, km, -s, 0)); // L·(mmr − side), scale kl + km
  const up = X.sum(X.lift(1, 0, kf), kf, s * fm, kf); // 1 + side·fee
  const down = X.sum(X.lift(1, 0, kf), kf, -s * fm, kf); // 1 − side·fee
  const liqSpread = 4 + (2 * (2 + l)) / (s * l > 1 ? s * l - 1 : 1 - s * l);
  let v = 0;
  let t = 0;
  let maint: Maintenance | undefined;
  const out: (number | string | EngineError)[][] = [header.slice()];
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i]!;
    const q = sizes[i]!;
    const qi = X.lift(X.integer(q, X.decimals(q)), X.decimals(q), kq);
    v = X.sum(v, kv, X.product(X.lift(X.integer(p, X.decimals(p)), X.decimals(p), kp), qi), kv);
    t = X.sum(t, kq, qi, kq);
    const average = X.ratio(v, kv, t, kq);
    const total = X.value(t, kq);
    // the Decimal path works from the rounded average A: margin A·Q/L and break-even A·(1 + side·fee)/
    // (1 − side·fee) round three times; the liquidation price rounds A·Q/L and A·Q, which cancel in
    // A·Q·(1/L − side) by the factor (2 + L)/|1 − side·L| (see X.ratio)
    const margin = X.ratio(v, kv, lm, kl, 4);
    const liq =
      tiers === undefined
        ? X.ratio(X.product(v, liqFactor), kv + kl, X.product(t, liqDen), kq + kl + km, liqSpread)
        : fastNotionalTierLiquidation(s, tiers, v, kv, t, kq, l);
    const be = X.ratio(X.product(v, up), kv + kf, X.product(t, down), kq + kf, 4);
    if (average === undefined || total === undefined || margin === undefined || be === undefined || !(be > 0)) return undefined;
    let cell: number | EngineError;
    if (liq !== undefined && liq > 0 && surely(liq, average) === -s) cell = liq;
    else {
      // this fill's liquidation price (or its error) the Decimal way, from the same running sums
      const slow = decimalLiquidation(s, v, kv, t, kq, l, () => (maint ??= tiers === undefined ? { kind: "rate", mmr: new D(mmr) } : ladderTiers.read(raw[4], "mmr")));
      if (slow === undefined) return undefined;
      cell = slow;
    }
    out.push([i + 1, p, q, total, average, margin, cell, be]);
  }
  return out;
}

const ladderTiers = maintenance(new D(0.005));

/**
 * LADDER's Liquidation cell as its Decimal path computes it, for a fill where the exact one above is not
 * certain (or there is none: the cell's error). The Decimal path's running sums are exact here (short
 * decimals, below 2^53 units of their last place, so 34 digits hold them), so its average entry V/T is
 * Decimal's own quotient of the same sums (the clamp to the prices so far cannot act on a quotient of
 * exact sums), and the rest is `liquidationPrice` itself. Undefined (the whole table then goes the
 * Decimal way) for a result no double shows, or anything unexpected.
 */
function decimalLiquidation(s: 1 | -1, v: number, kv: number, t: number, kt: number, l: number, m: () => Maintenance): number | EngineError | undefined {
  try {
    const total = new D(`${t}e-${kt}`);
    const average = new D(`${v}e-${kv}`).div(total);
    const liq = liquidationPrice({
      side: s,
      entry: average,
      leverage: new D(l),
      maintenance: m(),
      amount: new D(0),
      quantity: total,
      closeFeeRate: new D(0),
      basis: "liquidation",
    });
    const n = liq.toNumber();
    return isFinite(n) ? (n === 0 ? 0 : n) : undefined;
  } catch (e) {
    return isEngineError(e) ? e : undefined;
  }
}
