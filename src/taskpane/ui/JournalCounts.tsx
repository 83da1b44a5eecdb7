import type { FilePreview, Preview } from "../model/journal-prepare";
import { serialText } from "../model/journal-read";
import { useStyles } from "./journal-styles";
import { fundingText, newText, plural } from "./journal-text";

/** The import's counts: of one file, or of several together. */

/** One file's counts, as the import of one export shows them. */
export function SingleCounts({ preview, file: a, journal, zone }: { preview: Preview; file: FilePreview; journal: string | undefined; zone: string }) {
  const c = a.counts;
  const fs = a.fundingSummary;
  const funding = fs.count > 0 || a.layout?.fundingOnly;
  return (
    <>
      {!a.layout?.fundingOnly && <li>{plural(a.fillCount, "fill")} read</li>}
      {!a.layout?.fundingOnly && c && (journal !== undefined || c.inFiles > 0) && <li>{newText(c.newFills, c.inJournal, c.inFiles, journal)}</li>}
      {!a.layout?.fundingOnly && (
        <li>
          {plural(a.symbols.length, "symbol")}
          {a.symbols.length > 0 ? `: ${a.symbols.slice(0, 6).join(", ")}${a.symbols.length > 6 ? ", …" : ""}` : ""}
        </li>
      )}
      {!a.layout?.fundingOnly && a.first !== undefined && (
        <li>
          from {serialText(a.first)} to {serialText(a.last!)} ({zone})
        </li>
      )}
      {preview.trades && (!a.layout?.fundingOnly || journal !== undefined) && (
        <li>
          {plural(preview.trades.count, "trade")} ({preview.trades.closed} closed, {preview.trades.open} open){journal !== undefined ? " in the journal with them" : ""}
          {a.hedge ? ", hedge mode (LONG and SHORT kept apart)" : ""}
        </li>
      )}
      {funding && <li>{fundingText(fs.count, fs.symbols, fs.withoutSymbol)}</li>}
      {funding && c && (journal !== undefined || c.paymentsInFiles > 0) && <li>funding: {newText(c.newPayments, c.paymentsInJournal, c.paymentsInFiles, journal)}</li>}
      {a.layout?.fundingOnly && fs.first !== undefined && (
        <li>
          from {serialText(fs.first)} to {serialText(fs.last!)} ({zone})
        </li>
      )}
      <li>{plural(a.rejectedCount, "row")} rejected</li>
      {a.skipped.map((k) => (
        <li key={k.what}>
          {plural(k.count, "row")} not read as {a.layout?.fundingOnly ? "funding" : "fills"}: {k.what} ({a.source.lineWord} {k.lines.slice(0, 5).join(", ")}
          {k.count > 5 ? ", …" : ""})
        </li>
      ))}
      {a.reversed && <li>the file lists its rows newest first: they are written oldest first</li>}
    </>
  );
}

/** Several files: what they hold together. */
export function CombinedCounts({ preview, journal, zone }: { preview: Preview; journal: string | undefined; zone: string }) {
  const files = preview.files;
  const fills = files.reduce((n, f) => n + f.fillCount, 0);
  const payments = files.reduce((n, f) => n + f.fundingSummary.count, 0);
  const d = preview.duplicates;
  const firsts = files.map((f) => f.first).filter((x): x is number => x !== undefined);
  const lasts = files.map((f) => f.last).filter((x): x is number => x !== undefined);
  const symbols = [...new Set(files.flatMap((f) => f.fundingSummary.symbols))].sort();
  return (
    <>
      <li>
        {plural(fills, "fill")} read from {plural(files.length, "file")}
      </li>
      {fills > 0 && <li>{newText(preview.writeCount, d.inJournal, d.inFiles, journal)}</li>}
      {firsts.length > 0 && (
        <li>
          from {serialText(Math.min(...firsts))} to {serialText(Math.max(...lasts))} ({zone})
        </li>
      )}
      {preview.trades && (
        <li>
          {plural(preview.trades.count, "trade")} ({preview.trades.closed} closed, {preview.trades.open} open){journal !== undefined ? " in the journal with them" : ""}
        </li>
      )}
      {payments > 0 && <li>{fundingText(payments, symbols, files.reduce((n, f) => n + f.fundingSummary.withoutSymbol, 0))}</li>}
      {payments > 0 && <li>funding: {newText(preview.paymentCount, d.paymentsInJournal, d.paymentsInFiles, journal)}</li>}
      <li>{plural(files.reduce((n, f) => n + f.rejectedCount, 0), "row")} rejected</li>
    </>
  );
}

/** One file's counts, among several files. */
export function FileCounts({ file: a, journal }: { file: FilePreview; journal: string | undefined }) {
  const s = useStyles();
  const name = a.source.name;
  const c = a.counts;
  return (
    <ul className={s.counts} aria-label={`Counts of ${name}`}>
      {!a.layout?.fundingOnly && <li>{plural(a.fillCount, "fill")} read</li>}
      {!a.layout?.fundingOnly && c && <li>{newText(c.newFills, c.inJournal, c.inFiles, journal)}</li>}
      {a.fundingSummary.count > 0 && <li>{fundingText(a.fundingSummary.count, a.fundingSummary.symbols, a.fundingSummary.withoutSymbol)}</li>}
      {a.fundingSummary.count > 0 && c && <li>funding: {newText(c.newPayments, c.paymentsInJournal, c.paymentsInFiles, journal)}</li>}
      {(a.first ?? a.fundingSummary.first) !== undefined && (
        <li>
          from {serialText((a.first ?? a.fundingSummary.first)!)} to {serialText((a.last ?? a.fundingSummary.last)!)}
        </li>
      )}
      <li>{plural(a.rejectedCount, "row")} rejected</li>
      {a.skipped.map((k) => (
        <li key={k.what}>
          {plural(k.count, "row")} not read: {k.what} ({a.source.lineWord} {k.lines.slice(0, 5).join(", ")}
          {k.count > 5 ? ", …" : ""})
        </li>
      ))}
      {a.reversed && <li>listed newest first: written oldest first</li>}
    </ul>
  );
}
