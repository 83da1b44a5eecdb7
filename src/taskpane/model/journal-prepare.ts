import { engineTrades, findOrphans, openGroups, reconcile, withOrphans, type OrphanChoice, type OrphanGroup, type Reconciliation } from "./journal-reconcile";
import type { Analysis, FeeRates, Fill, Payment } from "./journal-import";

/**
 * The preview's figures after the trader's choices, for one import of one or several files, into a new sheet
 * or added to an existing journal: the fills and funding payments to write (those already in the journal or
 * in an earlier file of the import left out; positions open when the files start left out or opened by an
 * inferred fill), the trades LEV.TRADES makes of the journal with them, and, where an export states its own
 * realised PnL, the reconciliation trade by trade.
 */

/** What an existing journal holds, as the import compares with it. */
export interface JournalContent {
  fills: Fill[];
  payments: Payment[];
}

/** One file's rows against the journal and the files before it in the import. */
export interface FileCounts {
  fills: number;
  newFills: number;
  /** Fills already in the journal (by trade id, else by time, symbol, side, price and quantity). */
  inJournal: number;
  /** Fills already in an earlier file of this import (an overlap of two date ranges). */
  inFiles: number;
  payments: number;
  newPayments: number;
  paymentsInJournal: number;
  paymentsInFiles: number;
}

export interface Prepared {
  orphans: OrphanGroup[];
  /** The fills to write, oldest first. */
  fills: Fill[];
  /** The funding payments to write, oldest first. */
  payments: Payment[];
  counts: FileCounts[];
  /** The trades of the journal with the new fills (of the new fills alone, for a new sheet). */
  trades: { count: number; closed: number; open: number } | undefined;
  /** Why the engine refused the fills (a hedge-mode side going below zero…), when it did. */
  tradesError: string | undefined;
  reconciliations: Reconciliation[];
  /** Trades of the journal that the new fills continue: the exchange's figures cover only part of them. */
  continued: number;
}

/** A number as it is compared: twelve significant digits (a value read back from a sheet may differ in its last bits). */
const n12 = (x: number) => String(Number(x.toPrecision(12)));
const second = (serial: number) => Math.round(serial * 86400);
const sym = (s: string) => s.trim().toUpperCase();
/** A fill's identity where its export gives no id: its time to the second, symbol, side, price and quantity. */
export const fillKey = (f: Fill) => `${second(f.time)}\u0000${sym(f.symbol)}\u0000${f.side}\u0000${n12(f.price)}\u0000${n12(f.quantity)}`;
/** A fill's identity by the exchange's id (ids count per symbol at Binance). */
export const idKey = (f: Fill) => `${sym(f.symbol)}\u0000${f.tradeId!.trim()}`;
/** A funding payment's identity: its time to the second, symbol and amount. */
export const paymentKey = (p: Payment) => `${second(p.time)}\u0000${sym(p.symbol)}\u0000${n12(p.amount)}`;

class Counter {
  private readonly m = new Map<string, number>();
  get(k: string): number {
    return this.m.get(k) ?? 0;
  }
  add(k: string, n = 1): void {
    this.m.set(k, this.get(k) + n);
  }
  /** Each key at the larger of its two counts. */
  max(other: Counter): void {
    for (const [k, v] of other.m) if (v > this.get(k)) this.m.set(k, v);
  }
  copy(): Counter {
    const c = new Counter();
    c.max(this);
    return c;
  }
}

/**
 * The rows of each file that are not already in the journal or in an earlier file. A fill with an id is known by
 * it (or, where the journal's row has no id, by its time, symbol, side, price and quantity); a fill without one by
 * those five. Identical rows are separate fills (exports hold such rows): a file adds a row only where it holds
 * it more times than the journal and the files before it do, so that two overlapping date ranges count their
 * common week once.
 */
export function dedupe(journal: JournalContent | undefined, files: readonly { fills: readonly Fill[]; payments: readonly Payment[] }[]): { fills: Fill[]; payments: Payment[]; counts: FileCounts }[] {
  const jFills = journal?.fills ?? [];
  const jPayments = journal?.payments ?? [];
  const journalAll = new Counter();
  const journalNoId = new Counter();
  const journalIds = new Set<string>();
  for (const f of jFills) {
    journalAll.add(fillKey(f));
    if (f.tradeId === undefined) journalNoId.add(fillKey(f));
    else journalIds.add(idKey(f));
  }
  const journalPay = new Counter();
  for (const p of jPayments) journalPay.add(paymentKey(p));
  const seenAll = journalAll.copy();
  const seenNoId = journalNoId.copy();
  const ids = new Set(journalIds);
  const seenPay = journalPay.copy();
  return files.map((file) => {
    const counts: FileCounts = { fills: file.fills.length, newFills: 0, inJournal: 0, inFiles: 0, payments: file.payments.length, newPayments: 0, paymentsInJournal: 0, paymentsInFiles: 0 };
    const all = new Counter();
    const noId = new Counter();
    const usedAll = new Counter();
    const usedNoId = new Counter();
    const fileIds = new Set<string>();
    const fills: Fill[] = [];
    for (const f of file.fills) {
      const k = fillKey(f);
      all.add(k);
      if (f.tradeId !== undefined && f.tradeId.trim() !== "") {
        const ik = idKey(f);
        if (ids.has(ik) || fileIds.has(ik)) {
          if (journalIds.has(ik)) counts.inJournal++;
          else counts.inFiles++;
          continue;
        }
        if (usedNoId.get(k) < seenNoId.get(k)) {
          if (usedNoId.get(k) < journalNoId.get(k)) counts.inJournal++;
          else counts.inFiles++;
          usedNoId.add(k);
          continue;
        }
        fileIds.add(ik);
      } else {
        noId.add(k);
        if (usedAll.get(k) < seenAll.get(k)) {
          if (usedAll.get(k) < journalAll.get(k)) counts.inJournal++;
          else counts.inFiles++;
          usedAll.add(k);
          continue;
        }
      }
      fills.push(f);
    }
    for (const i of fileIds) ids.add(i);
    seenAll.max(all);
    seenNoId.max(noId);
    counts.newFills = fills.length;
    const pay = new Counter();
    const used = new Counter();
    const payments: Payment[] = [];
    for (const p of file.payments) {
      const k = paymentKey(p);
      pay.add(k);
      if (used.get(k) < seenPay.get(k)) {
        if (used.get(k) < journalPay.get(k)) counts.paymentsInJournal++;
        else counts.paymentsInFiles++;
        used.add(k);
        continue;
      }
      payments.push(p);
    }
    seenPay.max(pay);
    counts.newPayments = payments.length;
    return { fills, payments, counts };
  });
}

/** A stable merge of several lists each in time order, by time (a second's rows keep the files' order). */
function byTime<T extends { time: number }>(lists: readonly T[][]): T[] {
  return lists
    .flatMap((l, file) => l.map((x, i) => ({ x, file, i })))
    .sort((a, b) => a.x.time - b.x.time || a.file - b.file || a.i - b.i)
    .map((e) => e.x);
}

/**
 * One import's figures: `analyses` are its files (each read with its own layout, zone and questions), `journal`
 * the journal it is added to (none: a new sheet).
 */
export function prepareImport(analyses: readonly Analysis[], journal: JournalContent | undefined, choice: { orphans: OrphanChoice; rates: FeeRates }): Prepared {
  const ready = analyses.filter((a) => a.waiting === undefined);
  const kept = dedupe(journal, ready.map((a) => ({ fills: a.fills, payments: a.funding })));
  const counts = kept.map((k) => k.counts);
  const payments = byTime(kept.map((k) => k.payments));
  const none: Prepared = { orphans: [], fills: [], payments, counts, trades: undefined, tradesError: undefined, reconciliations: [], continued: 0 };
  if (ready.length < analyses.length) return none;
  // the new fills, each with its file; positions open when the files start, per export layout
  const file = new Map<Fill, number>();
  kept.forEach((k, i) => k.fills.forEach((f) => file.set(f, i)));
  const held = openGroups(journal?.fills ?? []);
  const orphans: OrphanGroup[] = [];
  let fresh: Fill[] = [];
  const byLayout = new Map<string, number[]>();
  ready.forEach((a, i) => byLayout.set(a.layout?.id ?? "", [...(byLayout.get(a.layout?.id ?? "") ?? []), i]));
  for (const files of byLayout.values()) {
    const a = ready[files[0]!]!;
    const fills = byTime(files.map((i) => kept[i]!.fills));
    if (fills.length === 0) continue;
    const found = findOrphans(fills, a.layout, a.account?.currency, held);
    for (const o of found) orphans.push(o);
    const written = withOrphans(fills, found, choice.orphans, a.layout?.realised?.label ?? "the exchange");
    for (const f of written) if (f.inferred) file.set(f, files[0]!);
    // (a loop, not push(...written): a spread of 100,000 fills overflows the stack)
    for (const f of written) fresh.push(f);
  }
  fresh = byTime([fresh.filter((f) => f.inferred), fresh.filter((f) => !f.inferred)]);
  const base = { ...none, orphans, fills: fresh };
  const old = journal?.fills ?? [];
  if (fresh.length + old.length === 0) return { ...base, trades: ready.some((a) => a.fills.length > 0) ? { count: 0, closed: 0, open: 0 } : undefined };
  // the journal's rows first, then the new ones: fills of one second keep that order, as the table's rows do
  const all = [...old, ...fresh];
  try {
    const trades = engineTrades(all, choice.rates);
    const rows = trades.table.slice(1);
    const closed = rows.filter((t) => t[12] === "closed").length;
    // each export's figures checked against the trades made only of its files' fills
    const reconciliations: Reconciliation[] = [];
    let continued = 0;
    for (let row = 1; row < trades.table.length; row++) {
      const members = trades.members[row]!;
      if (members.some((i) => i < old.length) && members.some((i) => i >= old.length)) continued++;
    }
    const groups = new Map<string, number[]>();
    ready.forEach((a, i) => {
      if (a.layout?.realised && a.fills.some((f) => f.realised !== undefined)) groups.set(a.layout.realised.label, [...(groups.get(a.layout.realised.label) ?? []), i]);
    });
    for (const files of groups.values()) {
      const a = ready[files[0]!]!;
      const mine = (i: number) => i >= old.length && files.includes(file.get(all[i]!) ?? -1);
      const decimals = Math.max(...files.map((i) => ready[i]!.realisedDecimals));
      reconciliations.push(reconcile(all, trades, a.layout!.realised!, decimals, a.account?.currency, (row) => trades.members[row]!.every(mine)));
    }
    return { ...base, trades: { count: rows.length, closed, open: rows.length - closed }, reconciliations, continued };
  } catch (e) {
    return { ...base, tradesError: e instanceof Error ? e.message : String(e) };
  }
}

/** One file into a new sheet: its fills, trades and reconciliation (the import of a single export). */
export function prepare(analysis: Analysis, choice: { orphans: OrphanChoice; rates: FeeRates }): Prepared & { reconciliation: Reconciliation | undefined } {
  const p = prepareImport([analysis], undefined, choice);
  return { ...p, fills: analysis.waiting !== undefined ? analysis.fills : p.fills, reconciliation: p.reconciliations[0] };
}

/** How many fills, rejected rows and differences the preview carries (the counts are whole). */
export const PREVIEW_FILLS = 8;
const PREVIEW_LIST = 200;

/** A file's analysis as the pane shows it: small and plain (it crosses from the worker), whatever the file's size. */
export type FilePreview = Omit<Analysis, "fills" | "rejected" | "funding"> & {
  rejected: Analysis["rejected"];
  rejectedCount: number;
  fillCount: number;
  /** The file's first payments, as they will be written. */
  firstPayments: Payment[];
  counts: FileCounts | undefined;
};

type ReconciliationPreview = Omit<Reconciliation, "checks" | "differ" | "rated"> & { checked: number; differ: Reconciliation["differ"]; differCount: number; rated: Reconciliation["rated"]; ratedCount: number };

/** What the pane shows. */
export interface Preview {
  files: FilePreview[];
  /** The first file's analysis (the import of one export). */
  analysis: FilePreview;
  firstFills: Fill[];
  /** The fills to write, counted (after the orphans choice and without those already in the journal). */
  writeCount: number;
  inferredCount: number;
  /** The funding payments to write. */
  paymentCount: number;
  /** Fills and payments left out as already in the journal, and as in an earlier file of the import. */
  duplicates: { inJournal: number; inFiles: number; paymentsInJournal: number; paymentsInFiles: number };
  orphans: (Omit<OrphanGroup, "fills"> & { fills: Fill[]; fillCount: number })[];
  trades: Prepared["trades"];
  tradesError: string | undefined;
  continued: number;
  reconciliations: ReconciliationPreview[];
  /** The first one (the import of one export). */
  reconciliation: ReconciliationPreview | undefined;
}

function filePreview(analysis: Analysis, counts: FileCounts | undefined): FilePreview {
  const { fills, rejected, funding, ...rest } = analysis;
  return { ...rest, rejected: rejected.slice(0, PREVIEW_LIST), rejectedCount: rejected.length, fillCount: fills.length, firstPayments: funding.slice(0, PREVIEW_FILLS), counts };
}

export function previewOf(analyses: Analysis | readonly Analysis[], prepared: Prepared): Preview {
  const list = Array.isArray(analyses) ? (analyses as readonly Analysis[]) : [analyses as Analysis];
  const ready = list.filter((a) => a.waiting === undefined);
  const files = list.map((a) => filePreview(a, a.waiting === undefined ? prepared.counts[ready.indexOf(a)] : undefined));
  const sum = (k: keyof FileCounts) => prepared.counts.reduce((n, c) => n + c[k], 0);
  const reconciliations = prepared.reconciliations.map((r) => ({
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
  }));
  return {
    files,
    analysis: files[0]!,
    firstFills: prepared.fills.slice(0, PREVIEW_FILLS),
    writeCount: prepared.fills.length,
    inferredCount: prepared.fills.filter((f) => f.inferred).length,
    paymentCount: prepared.payments.length,
    duplicates: { inJournal: sum("inJournal"), inFiles: sum("inFiles"), paymentsInJournal: sum("paymentsInJournal"), paymentsInFiles: sum("paymentsInFiles") },
    orphans: prepared.orphans.map((o) => ({ ...o, fills: o.fills.slice(0, 10), fillCount: o.fills.length })),
    trades: prepared.trades,
    tradesError: prepared.tradesError,
    continued: prepared.continued,
    reconciliations,
    reconciliation: reconciliations[0],
  };
}
