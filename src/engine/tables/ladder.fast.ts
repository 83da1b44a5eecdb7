import * as X from "../arith/exact";
import { D, ZERO } from "../spec/decimal";
import { EngineError, isEngineError } from "../spec/errors";
import type { Side } from "../spec/read";
import { liquidationPrice } from "../liquidation/price";
import { notionalTierLiquidation } from "../liquidation/isolated.fast";
import { type FastTiers, surely } from "../liquidation/tiers.fast";
import type { Maintenance, Tier } from "../liquidation/tiers";
import { MAX_CELLS } from "./common";
import { LADDER_BREAKEVEN_ROUNDINGS, LADDER_HEADER, LADDER_LIQUIDATION_ROUNDINGS, LADDER_MARGIN_ROUNDINGS } from "./ladder";

const isFinite = Number.isFinite;

/**
 * LADDER's kernel, for plain numbers, in exact integers: with V = Σ price·quantity and T = Σ quantity after each
 * fill, the average is V/T, the margin V/L, the liquidation price LIQPRICE's rate form at entry V/T and quantity
 * T, (V − side·V·L)/(T·L·(mmr − side)), and the break-even V·(1 + side·fee)/(T·(1 − side·fee)); each one integer
 * over another, certified against the Decimal formula's rounding points (ladder.ts). With a tier table the
 * liquidation price is LIQPRICE's tier walk from the notional V and quantity T. A fill whose liquidation price
 * the exact walk cannot give gets that one cell the Decimal way (`decimalLiquidation`); a table past the size
 * limit, and anything else, are left to the Decimal path.
 */
export function ladderKernel(a: {
  side: Side;
  prices: number[];
  quantities: number[];
  leverage: number;
  mmr: number | FastTiers;
  fee_rate: number;
}): (number | string | EngineError)[][] | undefined {
  const { side: s, prices, quantities, leverage: l, mmr } = a;
  const n = prices.length;
  if (n !== quantities.length || (n + 1) * LADDER_HEADER.length > MAX_CELLS) return undefined;
  const f = ladderFactors(s, l, typeof mmr === "number" ? mmr : 0, a.fee_rate);
  const kp = largestScale(prices);
  const kq = largestScale(quantities);
  if (f === undefined || kp < 0 || kq < 0) return undefined;
  const kv = kp + kq;
  let v = 0;
  let t = 0;
  const out: (number | string | EngineError)[][] = [LADDER_HEADER.slice()];
  for (let i = 0; i < n; i++) {
    const p = prices[i]!;
    const q = quantities[i]!;
    const qi = X.lift(X.integer(q, X.decimals(q)), X.decimals(q), kq);
    v = X.sum(v, kv, X.product(X.lift(X.integer(p, X.decimals(p)), X.decimals(p), kp), qi), kv);
    t = X.sum(t, kq, qi, kq);
    const V = X.magnitude(v, kv);
    const average = X.ratio(v, kv, t, kq);
    const total = X.value(t, kq);
    const margin = X.ratio(v, kv, f.lm, f.kl, LADDER_MARGIN_ROUNDINGS.spread(V, 1, V));
    const be = X.ratio(X.product(v, f.up), kv + f.kf, X.product(t, f.down), kq + f.kf, LADDER_BREAKEVEN_ROUNDINGS.spread(V, 1, V));
    if (average === undefined || total === undefined || margin === undefined || be === undefined || !(be > 0)) return undefined;
    const exact =
      typeof mmr === "number"
        ? rateLiquidation(f, v, kv, t, kq)
        : notionalTierLiquidation(s, mmr, { v, kv, tm: t, kt: kq }, l, LADDER_LIQUIDATION_ROUNDINGS);
    const liq = exact !== undefined && exact > 0 && surely(exact, average) === -s ? exact : decimalLiquidation(s, v, kv, t, kq, l, mmr);
    if (liq === undefined) return undefined;
    out.push([i + 1, p, q, total, average, margin, liq, be]);
  }
  return out;
}

/** The largest scale of a list of plain numbers, or −1 when one has no short exact form. */
function largestScale(list: readonly number[]): number {
  let k = 0;
  for (let i = 0; i < list.length; i++) {
    const kx = X.decimals(list[i]!);
    if (kx < 0) return -1;
    if (kx > k) k = kx;
  }
  return k;
}

/** What every fill's cells share: the leverage, and the factors of the liquidation price and the break-even. */
interface Factors {
  s: Side;
  l: number;
  mmr: number;
  lm: number;
  kl: number;
  km: number;
  kf: number;
  /** 1 − side·L, scale kl; L·(mmr − side), scale kl + km; 1 ± side·fee, scale kf. */
  liqFactor: number;
  liqDen: number;
  up: number;
  down: number;
}

function ladderFactors(s: Side, l: number, mmr: number, fee: number): Factors | undefined {
  const kl = X.decimals(l);
  const km = X.decimals(mmr);
  const kf = X.decimals(fee);
  if ((kl | km | kf) < 0) return undefined;
  const lm = X.integer(l, kl);
  const mm = X.integer(mmr, km);
  const fm = X.integer(fee, kf);
  return {
    s,
    l,
    mmr,
    lm,
    kl,
    km,
    kf,
    liqFactor: X.sum(X.lift(1, 0, kl), kl, -s * lm, kl),
    liqDen: X.product(lm, X.sum(mm, km, -s, 0)),
    up: X.sum(X.lift(1, 0, kf), kf, s * fm, kf),
    down: X.sum(X.lift(1, 0, kf), kf, -s * fm, kf),
  };
}

/** The rate form's liquidation price of the running sums: (V − side·V·L)/(T·L·(mmr − side)). */
function rateLiquidation(f: Factors, v: number, kv: number, t: number, kt: number): number | undefined {
  const num = X.product(v, f.liqFactor);
  const kn = kv + f.kl;
  const V = X.magnitude(v, kv);
  const size = X.magnitude(num, kn);
  const spread = LADDER_LIQUIDATION_ROUNDINGS.spread(size, 1, V, V * f.l, V * f.mmr * f.l, 0, size); // qE = V, qEL, qEmL, LA, numerator
  return X.ratio(num, kn, X.product(t, f.liqDen), kt + f.kl + f.km, spread);
}

/**
 * LADDER's Liquidation cell as its Decimal path computes it, for a fill where the exact one is not certain (or
 * there is none: the cell's error). The Decimal path's running sums are exact here (short decimals, below 2^53
 * units of their last place, so 34 digits hold them), so its average entry V/T is Decimal's own quotient of the
 * same sums (the clamp to the prices so far cannot act on a quotient of exact sums), and the rest is
 * `liquidationPrice` itself. Undefined (the whole table then goes the Decimal way) for a result no double
 * shows, or anything unexpected.
 */
function decimalLiquidation(s: Side, v: number, kv: number, t: number, kt: number, l: number, mmr: number | FastTiers): number | EngineError | undefined {
  try {
    const total = new D(`${t}e-${kt}`);
    const maintenance: Maintenance = typeof mmr === "number" ? { kind: "rate", mmr: new D(mmr) } : { kind: "tiers", tiers: mmr.tiers as Tier[] };
    const liq = liquidationPrice({
      side: s,
      entry: new D(`${v}e-${kv}`).div(total),
      leverage: new D(l),
      maintenance,
      amount: ZERO,
      quantity: total,
      closeFeeRate: ZERO,
      basis: "liquidation",
    });
    const n = liq.toNumber();
    return isFinite(n) ? (n === 0 ? 0 : n) : undefined;
  } catch (e) {
    return isEngineError(e) ? e : undefined;
  }
}
