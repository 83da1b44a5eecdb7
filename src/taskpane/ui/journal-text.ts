import type { FilePreview } from "../model/journal-prepare";

/** How the journal import says its figures: numbers, counts, and the counts of new and known rows. */

export const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : String(Number(n.toPrecision(12))));

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Fees in another currency over every file, per currency. */
export function mergeForeign(files: readonly FilePreview[]): FilePreview["foreignFees"] {
  const m = new Map<string, FilePreview["foreignFees"][number]>();
  for (const f of files)
    for (const x of f.foreignFees) {
      const e = m.get(x.asset) ?? { asset: x.asset, fills: 0, total: 0 };
      m.set(x.asset, { asset: x.asset, fills: e.fills + x.fills, total: e.total + x.total });
    }
  return [...m.values()];
}

/** "4 new, 5 already in the journal" (and those in two of the files). */
export function newText(fresh: number, inJournal: number, inFiles: number, journal: string | undefined): string {
  const parts = [`${fresh.toLocaleString("en-US")} new`];
  if (journal !== undefined) parts.push(`${inJournal.toLocaleString("en-US")} already in the journal`);
  if (inFiles > 0) parts.push(`${inFiles.toLocaleString("en-US")} already in an earlier file`);
  return parts.join(", ");
}

export function fundingText(count: number, symbols: readonly string[], withoutSymbol: number): string {
  return `${plural(count, "funding payment")} read${symbols.length > 0 ? `: ${symbols.slice(0, 6).join(", ")}${symbols.length > 6 ? ", …" : ""}` : ""}${withoutSymbol > 0 ? ` (${withoutSymbol.toLocaleString("en-US")} naming no symbol)` : ""}`;
}
