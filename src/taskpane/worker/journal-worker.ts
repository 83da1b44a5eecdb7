import { analyse, type Analysis, type FeeRates, type ReadOptions } from "../model/journal-import";
import { toColumns } from "../model/journal-columns";
import { prepareImport, previewOf, type JournalContent, type Prepared } from "../model/journal-prepare";
import type { OrphanChoice } from "../model/journal-reconcile";
import type { Zone } from "../model/journal-read";
import { ImportError, readSource, textSource, type Source } from "../model/journal-source";
import type { Payment } from "../model/journal-fill";

/**
 * The journal import's worker: each file is read, its layout found, its rows read; the files are compared with
 * each other and with the journal they go into; their trades are made by the engine and checked against the
 * exchange's figures here, off the page's main thread, so that files of a hundred thousand fills never hold the
 * page. The page asks, the worker answers with the preview (small whatever the files' size) or, to write, the
 * fills as columns in typed arrays and the funding payments.
 */

export interface Choice {
  orphans: OrphanChoice;
  rates: FeeRates;
}

/** The import's state the page sets: each file's own answers, the zone the times are written in, the trader's choices. */
export interface ImportState {
  /** File id → the answers for that file (mapping, decimal mark, order of day and month, its zone). */
  options: Record<number, ReadOptions>;
  /** What every file is read with: contract sizes by symbol, the mappings remembered per header. */
  defaults: ReadOptions;
  /** The zone every file's times are written in (the journal's, when adding to one). */
  writeZone: Zone | undefined;
  choice: Choice;
}

export type Request =
  | { id: number; type: "open"; file: number; name: string; bytes: ArrayBuffer; state: ImportState; replace: boolean }
  | { id: number; type: "paste"; file: number; text: string; state: ImportState; replace: boolean }
  | { id: number; type: "remove"; file: number; state: ImportState }
  | { id: number; type: "read"; state: ImportState }
  /** The journal the import goes into (null: a new sheet). */
  | { id: number; type: "journal"; journal: JournalContent | null; state: ImportState }
  | { id: number; type: "fills" };

export type Reply =
  | { id: number; ok: true; type: "preview"; preview: ReturnType<typeof previewOf>; fileIds: number[]; problems: string[]; ms: { read: number; analyse: number } }
  | { id: number; ok: true; type: "fills"; columns: ReturnType<typeof toColumns>; payments: Payment[]; tradeCount: number; journalFills: number }
  | { id: number; ok: false; message: string; plain: boolean; file?: number };

/** The files of the import, in the order they were chosen. */
const files = new Map<number, Source>();
let journal: JournalContent | undefined;
let current: { analyses: Analysis[]; prepared: Prepared } | undefined;

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: Reply, transfer?: Transferable[]): void };

async function handle(m: Request): Promise<Reply> {
  const t0 = performance.now();
  if (m.type === "open" || m.type === "paste") {
    if (m.replace) files.clear();
    let source: Source;
    try {
      source = m.type === "open" ? await readSource(m.name, new Uint8Array(m.bytes)) : await textSource(m.text, "pasted text", false);
    } catch (e) {
      if (e instanceof ImportError) return { id: m.id, ok: false, plain: true, message: e.message, file: m.file };
      throw e;
    }
    files.set(m.file, source);
  } else if (m.type === "remove") files.delete(m.file);
  else if (m.type === "journal") journal = m.journal ?? undefined;
  if (m.type === "fills") {
    if (!current) throw new ImportError("Nothing has been read yet.");
    const columns = toColumns(current.prepared.fills);
    return { id: m.id, ok: true, type: "fills", columns, payments: current.prepared.payments, tradeCount: current.prepared.trades?.count ?? 0, journalFills: journal?.fills.length ?? 0 };
  }
  if (files.size === 0) throw new ImportError("Choose a file first.");
  const t1 = performance.now();
  current = undefined;
  const analyses: Analysis[] = [];
  const problems: string[] = [];
  for (const [id, source] of [...files]) {
    const options: ReadOptions = { ...m.state.defaults, ...(m.state.options[id] ?? {}), ...(m.state.writeZone ? { writeZone: m.state.writeZone } : {}) };
    try {
      analyses.push(analyse(source, options));
    } catch (e) {
      // a file that cannot be read leaves the import, and its message names it
      if (!(e instanceof ImportError)) throw e;
      files.delete(id);
      problems.push(`${source.name}: ${e.message}`);
      if (files.size === 0) return { id: m.id, ok: false, plain: true, message: problems.length > 1 ? problems.join(" ") : e.message, file: id };
    }
  }
  const prepared = prepareImport(analyses, journal, m.state.choice);
  current = { analyses, prepared };
  return { id: m.id, ok: true, type: "preview", preview: previewOf(analyses, prepared), fileIds: [...files.keys()], problems, ms: { read: t1 - t0, analyse: performance.now() - t1 } };
}

scope.onmessage = (e) => {
  const m = e.data;
  handle(m).then(
    (reply) => {
      if (reply.ok && reply.type === "fills") {
        const c = reply.columns;
        scope.postMessage(reply, [c.time.buffer, c.price.buffer, c.quantity.buffer, c.fee.buffer, c.contractSize.buffer, c.side.buffer, c.positionSide.buffer, c.symbol.buffer, c.feeAsset.buffer, c.line.buffer, c.tradeId.buffer]);
      } else scope.postMessage(reply);
    },
    (err: unknown) => {
      const plain = err instanceof ImportError;
      scope.postMessage({ id: m.id, ok: false, plain, message: err instanceof Error ? err.message : String(err) });
    },
  );
};
