import type { Side } from "../spec/read";
import type { Tier } from "./tiers";
import { surelySign } from "./tiers.fast";

const abs = Math.abs;

/** A bracket list's values as doubles, converted as the walks reach them (NaN until then), per list. */
interface TierDoubles {
  floor: Float64Array;
  cap: Float64Array;
  mmr: Float64Array;
  amount: Float64Array;
}
const tierDoubles = new WeakMap<readonly Tier[], TierDoubles>();

function loadedDoubles(tiers: readonly Tier[]): TierDoubles {
  let d = tierDoubles.get(tiers);
  if (d === undefined) {
    const n = tiers.length;
    d = { floor: new Float64Array(n).fill(NaN), cap: new Float64Array(n), mmr: new Float64Array(n), amount: new Float64Array(n) };
    tierDoubles.set(tiers, d);
  }
  return d;
}

/** Converts bracket i's values to doubles the first time a walk reaches it. */
function load(d: TierDoubles, tiers: readonly Tier[], i: number): void {
  if (d.floor[i] === d.floor[i]) return;
  const t = tiers[i]!;
  d.floor[i] = t.floor.toNumber();
  d.cap[i] = t.cap.toNumber();
  d.mmr[i] = t.mmr.toNumber();
  d.amount[i] = t.amount.toNumber();
}

/** Below this size a sum of doubles may have lost digits to underflow; nothing is decided there. */
const TINY = 1e-280;

/** `surelySign`, and 0 (unsure) for a sum so small that underflow may have taken its digits. */
function sure(sum: number, size: number): number {
  return size > TINY ? surelySign(sum, size) : 0;
}

/**
 * The first bracket a linear position's walk (`walkBrackets`, from bracket `start` in direction `dir`)
 * cannot be certain to pass, deciding in doubles what the Decimal walk decides: at each bracket after the
 * first, whether the surplus at its edge is above zero; then whether its root
 * r = (B + amount − side·q·E)/(q·(mmr + fee) − side·q) is above zero, on the losing side of where the
 * bracket starts and inside it. Each test is the sign of a short sum of products whose terms' magnitudes
 * are added beside it, and counts only when the sum is more than 2^-40 of that (`surelySign`): far beyond
 * the doubles' error and the Decimal path's 34-digit roundings, so it is the decision Decimal makes. The
 * walk then passes every bracket before the one returned, and works that one (or ends) in Decimal, so
 * its answer and error are the Decimal path's. Comparisons with the root are made multiplied through by
 * the denominator, so that no quotient's error enters a decision.
 */
export function linearSkip(s: Side, q: number, e: number, b: number, c: number, tiers: readonly Tier[], start: number, dir: number): number {
  const d = loadedDoubles(tiers);
  const last = tiers.length - 1;
  const qe = q * e;
  const num = b - s * qe; // the root's numerator less the amount
  let i = start;
  for (; i >= 0 && i <= last; i += dir) {
    load(d, tiers, i);
    const floor = d.floor[i]!;
    const cap = d.cap[i]!;
    const mmr = d.mmr[i]!;
    const amount = d.amount[i]!;
    let from = e;
    if (i !== start) {
      // the surplus at the edge price edge/q, whose notional is the edge itself
      const edge = dir > 0 ? floor : cap;
      from = edge / q;
      const size = abs(b) + abs(edge) + qe + abs(edge * mmr) + abs(amount) + abs(edge * c);
      if (sure(b + s * edge - s * qe - edge * mmr + amount - edge * c, size) !== 1) return i;
    }
    const n = num + amount;
    const nSize = abs(b) + qe + abs(amount);
    const den = q * (mmr + c) - q * s;
    const ds = sure(den, q * (mmr + c) + q);
    const ns = sure(n, nSize);
    if (ds === 0 || ns === 0) return i;
    if (ns !== ds) continue; // the root is below zero
    // r − from has the sign of (n − from·den)·den
    const side = sure(n - from * den, nSize + abs(from * den)) * ds;
    if (side === 0) return i;
    if (side !== -s) continue; // not on the losing side of where the bracket starts
    // q·r against the floor and the cap: the signs of (q·n − floor·den)·den and (q·n − cap·den)·den
    const lo = sure(q * n - floor * den, q * nSize + abs(floor * den)) * ds;
    const hi = sure(q * n - cap * den, q * nSize + abs(cap * den)) * ds;
    if (lo === 0 || hi === 0 || (lo > 0 && hi < 0)) return i; // unsure, or the answer
  }
  return i;
}


/**
 * `linearSkip` for an inverse position of value V (contracts·cv) backed by W coin: the surplus at a
 * bracket edge (notional n = V/P) is W + side·V/E − side·n − (n·mmr − amount); the root
 * r = V·(mmr + side)/(W + amount + side·V/E), whose notional V/r = den/(mmr + side). The same decisions,
 * each made only when certain.
 */
export function inverseSkip(s: Side, v: number, e: number, w: number, tiers: readonly Tier[], start: number, dir: number): number {
  const d = loadedDoubles(tiers);
  const last = tiers.length - 1;
  const ve = v / e;
  let i = start;
  for (; i >= 0 && i <= last; i += dir) {
    load(d, tiers, i);
    const floor = d.floor[i]!;
    const cap = d.cap[i]!;
    const mmr = d.mmr[i]!;
    const amount = d.amount[i]!;
    let from = e;
    if (i !== start) {
      const edge = dir > 0 ? floor : cap;
      from = v / edge;
      const size = abs(w) + ve + abs(edge) + abs(edge * mmr) + abs(amount);
      if (sure(w + s * ve - s * edge - edge * mmr + amount, size) !== 1) return i;
    }
    const den = w + amount + s * ve;
    const dSize = abs(w) + abs(amount) + ve;
    const ds = sure(den, dSize);
    const ms = sure(mmr + s, 1 + mmr);
    if (ds === 0 || ms === 0) return i;
    if (ms !== ds) continue; // the root is below zero
    const side = sure(v * (mmr + s) - from * den, v * (1 + mmr) + abs(from) * dSize) * ds;
    if (side === 0) return i;
    if (side !== -s) continue; // not on the losing side of where the bracket starts
    const lo = sure(den - floor * (mmr + s), dSize + abs(floor) * (1 + mmr)) * ms;
    const hi = sure(den - cap * (mmr + s), dSize + abs(cap) * (1 + mmr)) * ms;
    if (lo === 0 || hi === 0 || (lo > 0 && hi < 0)) return i; // unsure, or the answer
  }
  return i;
}

