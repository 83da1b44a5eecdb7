import type { RawFill } from "./journal-rows";


/**
 * Fills in time order (a stable sort: fills of one time keep the file's order). Where the export says the
 * position after each fill (Bybit's log), fills of one symbol and second are put in the order that position
 * follows, since such a log does not list them in order.
 */
export function timeOrder(fills: RawFill[]): RawFill[] {
  const sorted = fills.slice().sort((a, b) => a.ms - b.ms);
  if (!sorted.some((f) => f.positionAfter !== undefined)) return sorted;
  const out: RawFill[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j]!.ms === sorted[i]!.ms) j++;
    const second = sorted.slice(i, j);
    const bySymbol = new Map<string, RawFill[]>();
    for (const f of second) {
      const k = `${f.symbol.toUpperCase()}\u0000${f.positionSide ?? ""}`;
      bySymbol.set(k, [...(bySymbol.get(k) ?? []), f]);
    }
    // within the second, each symbol's fills take the places its fills had, in the chained order
    const places = new Map<string, RawFill[]>();
    for (const g of bySymbol.entries()) places.set(g[0], chain(g[1]));
    const taken = new Map<string, number>();
    for (const f of second) {
      const k = `${f.symbol.toUpperCase()}\u0000${f.positionSide ?? ""}`;
      const n = taken.get(k) ?? 0;
      out.push(places.get(k)![n]!);
      taken.set(k, n + 1);
    }
    i = j;
  }
  return out;
}

const signedQty = (f: RawFill) => (f.side === "buy" ? f.quantity : -f.quantity);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Fills of one symbol and second ordered so that each one's position before is the one before it's position after; as given when no such order exists. */
function chain(group: RawFill[]): RawFill[] {
  if (group.length < 2 || group.some((f) => f.positionAfter === undefined)) return group;
  const starts = group.filter((f) => !group.some((g) => g !== f && close(g.positionAfter!, f.positionAfter! - signedQty(f))));
  if (starts.length !== 1) return group;
  const out = [starts[0]!];
  const left = new Set(group.filter((f) => f !== starts[0]));
  while (left.size > 0) {
    const last = out[out.length - 1]!;
    const next = [...left].find((f) => close(f.positionAfter! - signedQty(f), last.positionAfter!));
    if (!next) return group;
    out.push(next);
    left.delete(next);
  }
  return out;
}
