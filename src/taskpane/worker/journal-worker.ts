import { analyse, type Analysis, type FeeRates, type ReadOptions } from "../model/journal-import";
import { toColumns } from "../model/journal-columns";
import { prepare, previewOf, type Prepared } from "../model/journal-prepare";
import type { OrphanChoice } from "../model/journal-reconcile";
import { ImportError, readSource, textSource, type Source } from "../model/journal-source";

/**
 * The journal import's worker: the file is read, its layout found, its rows read, its trades made by the
 * engine and checked against the exchange's figures here, off the page's main thread, so that a file of a
 * hundred thousand fills never holds the page. The page asks, the worker answers with the preview (small
 * whatever the file's size) or, to write, the fills as columns in typed arrays.
 */

export interface Choice {
  orphans: OrphanChoice;
  rates: FeeRates;
}

export type Request =
  | { id: number; type: "open"; name: string; bytes: ArrayBuffer; options: ReadOptions; choice: Choice }
  | { id: number; type: "paste"; text: string; options: ReadOptions; choice: Choice }
  | { id: number; type: "read"; options: ReadOptions; choice: Choice }
  | { id: number; type: "fills" };

export type Reply =
  | { id: number; ok: true; type: "preview"; preview: ReturnType<typeof previewOf>; ms: { read: number; analyse: number } }
  | { id: number; ok: true; type: "fills"; columns: ReturnType<typeof toColumns>; tradeCount: number }
  | { id: number; ok: false; message: string; plain: boolean };

let source: Source | undefined;
let current: { analysis: Analysis; prepared: Prepared } | undefined;

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: Reply, transfer?: Transferable[]): void };

async function handle(m: Request): Promise<Reply> {
  const t0 = performance.now();
  if (m.type === "open") source = await readSource(m.name, new Uint8Array(m.bytes));
  else if (m.type === "paste") source = await textSource(m.text, "pasted text", false);
  if (m.type === "fills") {
    if (!current) throw new ImportError("Nothing has been read yet.");
    const columns = toColumns(current.prepared.fills);
    return { id: m.id, ok: true, type: "fills", columns, tradeCount: current.prepared.trades?.count ?? 0 };
  }
  if (!source) throw new ImportError("Choose a file first.");
  const t1 = performance.now();
  current = undefined;
  const analysis = analyse(source, m.options);
  const prepared = prepare(analysis, m.choice);
  current = { analysis, prepared };
  return { id: m.id, ok: true, type: "preview", preview: previewOf(analysis, prepared), ms: { read: t1 - t0, analyse: performance.now() - t1 } };
}

scope.onmessage = (e) => {
  const m = e.data;
  handle(m).then(
    (reply) => {
      if (reply.ok && reply.type === "fills") {
        const c = reply.columns;
        scope.postMessage(reply, [c.time.buffer, c.price.buffer, c.quantity.buffer, c.fee.buffer, c.contractSize.buffer, c.side.buffer, c.positionSide.buffer, c.symbol.buffer, c.feeAsset.buffer, c.line.buffer]);
      } else scope.postMessage(reply);
    },
    (err: unknown) => {
      const plain = err instanceof ImportError;
      scope.postMessage({ id: m.id, ok: false, plain, message: err instanceof Error ? err.message : String(err) });
    },
  );
};
