import { withOrphans, engineTrades, findOrphans, reconcile, type OrphanChoice, type OrphanGroup, type Reconciliation } from "./journal-reconcile";
import type { Analysis, FeeRates, Fill } from "./journal-import";

/**
 * The preview's figures after the trader's choices: the fills to write (positions open when the file
 * starts left out or opened by an inferred fill), the trades LEV.TRADES makes of them and, where the export
 * states its own realised PnL, the reconciliation trade by trade.
 */
export interface Prepared {
  orphans: OrphanGroup[];
  fills: Fill[];
  trades: { count: number; closed: number; open: number } | undefined;
  /** Why the engine refused the fills (a hedge-mode side going below zero…), when it did. */
  tradesError: string | undefined;
  reconciliation: Reconciliation | undefined;
}

export function prepare(analysis: Analysis, choice: { orphans: OrphanChoice; rates: FeeRates }): Prepared {
  const layout = analysis.layout;
  if (analysis.waiting !== undefined || analysis.fills.length === 0) {
    return { orphans: [], fills: analysis.fills, trades: undefined, tradesError: undefined, reconciliation: undefined };
  }
  const orphans = findOrphans(analysis.fills, layout, analysis.account?.currency);
  const fills = withOrphans(analysis.fills, orphans, choice.orphans, layout?.realised?.label ?? "the exchange");
  if (fills.length === 0) return { orphans, fills, trades: { count: 0, closed: 0, open: 0 }, tradesError: undefined, reconciliation: undefined };
  try {
    const trades = engineTrades(fills, choice.rates);
    const rows = trades.table.slice(1);
    const closed = rows.filter((t) => t[12] === "closed").length;
    const reconciliation = layout?.realised && fills.some((f) => f.realised !== undefined) ? reconcile(fills, trades, layout.realised, analysis.realisedDecimals, analysis.account?.currency) : undefined;
    return { orphans, fills, trades: { count: rows.length, closed, open: rows.length - closed }, tradesError: undefined, reconciliation };
  } catch (e) {
    return { orphans, fills, trades: undefined, tradesError: e instanceof Error ? e.message : String(e), reconciliation: undefined };
  }
}

/** How many fills, rejected rows and differences the preview carries (the counts are whole). */
export const PREVIEW_FILLS = 8;
const PREVIEW_LIST = 200;

/** What the pane shows: small and plain (it crosses from the worker), whatever the file's size. */
export interface Preview {
  analysis: Omit<Analysis, "fills" | "rejected"> & { rejected: Analysis["rejected"]; rejectedCount: number; fillCount: number };
  firstFills: Fill[];
  /** The fills to write, counted (after the orphans choice). */
  writeCount: number;
  inferredCount: number;
  orphans: (Omit<OrphanGroup, "fills"> & { fills: Fill[]; fillCount: number })[];
  trades: Prepared["trades"];
  tradesError: string | undefined;
  reconciliation: (Omit<Reconciliation, "checks" | "differ" | "rated"> & { checked: number; differ: Reconciliation["differ"]; differCount: number; rated: Reconciliation["rated"]; ratedCount: number }) | undefined;
}

export function previewOf(analysis: Analysis, prepared: Prepared): Preview {
  const { fills, rejected, ...rest } = analysis;
  const r = prepared.reconciliation;
  return {
    analysis: { ...rest, rejected: rejected.slice(0, PREVIEW_LIST), rejectedCount: rejected.length, fillCount: fills.length },
    firstFills: prepared.fills.slice(0, PREVIEW_FILLS),
    writeCount: prepared.fills.length,
    inferredCount: prepared.fills.filter((f) => f.inferred).length,
    orphans: prepared.orphans.map((o) => ({ ...o, fills: o.fills.slice(0, 10), fillCount: o.fills.length })),
    trades: prepared.trades,
    tradesError: prepared.tradesError,
    reconciliation: r && {
      label: r.label,
      means: r.means,
      compared: r.compared,
      decimals: r.decimals,
      perFill: r.perFill,
      agree: r.agree,
      checked: r.checks.length,
      differ: r.differ.slice(0, PREVIEW_LIST),
      differCount: r.differ.length,
      rated: r.rated.slice(0, PREVIEW_LIST),
      ratedCount: r.rated.length,
    },
  };
}
