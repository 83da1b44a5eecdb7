import { isForeignFee, type Fill, type Payment } from "./journal-fill";
import type { Analysis, ForeignFees, FundingSummary } from "./journal-analysis";

/** The counts the preview shows: symbols, first and last times, foreign fees; funding payments summed per coin. */

export function summarise(fills: Fill[]): Pick<Analysis, "symbols" | "first" | "last" | "foreignFees" | "hedge"> {
  const symbols = [...new Set(fills.map((f) => f.symbol.toUpperCase()))].sort();
  let first: number | undefined;
  let last: number | undefined;
  const foreign = new Map<string, ForeignFees>();
  for (const f of fills) {
    if (first === undefined || f.time < first) first = f.time;
    if (last === undefined || f.time > last) last = f.time;
    if (isForeignFee(f)) {
      const e = foreign.get(f.feeAsset!) ?? { asset: f.feeAsset!, fills: 0, total: 0 };
      e.fills++;
      e.total += f.fee;
      foreign.set(f.feeAsset!, e);
    }
  }
  return { symbols, first, last, foreignFees: [...foreign.values()], hedge: fills.some((f) => f.positionSide !== undefined) };
}

export function summariseFunding(payments: readonly Payment[]): FundingSummary {
  const symbols = new Set<string>();
  const totals = new Map<string, number>();
  let first: number | undefined;
  let last: number | undefined;
  let withoutSymbol = 0;
  for (const p of payments) {
    if (p.symbol === "") withoutSymbol++;
    else symbols.add(p.symbol.toUpperCase());
    if (first === undefined || p.time < first) first = p.time;
    if (last === undefined || p.time > last) last = p.time;
    const a = p.asset ?? "";
    totals.set(a, (totals.get(a) ?? 0) + p.amount);
  }
  return { count: payments.length, symbols: [...symbols].sort(), withoutSymbol, first, last, totals: [...totals].map(([asset, total]) => ({ asset, total: Number(total.toPrecision(12)) })) };
}

