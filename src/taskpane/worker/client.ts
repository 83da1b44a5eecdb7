import type { Reply, Request } from "./journal-worker";

/**
 * The page's side of the import's worker: one request at a time per kind of answer, each answered by a
 * promise. The worker is started on the first import and kept for the next (it holds the file's rows, so
 * that a changed answer re-reads them without sending the file again).
 */
type Pending = { resolve: (r: Reply) => void };
type Without<T> = T extends unknown ? Omit<T, "id"> : never;

export interface ImportWorker {
  ask(request: Without<Request>): Promise<Reply>;
  terminate(): void;
}

export function createImportWorker(): ImportWorker {
  const worker = new Worker(new URL("./journal-worker.ts", import.meta.url), { name: "import-worker" });
  const pending = new Map<number, Pending>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    p?.resolve(e.data);
  };
  worker.onerror = (e) => {
    for (const [id, p] of pending) p.resolve({ id, ok: false, plain: false, message: e.message || "the import's worker stopped" });
    pending.clear();
  };
  return {
    ask(request) {
      const id = next++;
      return new Promise<Reply>((resolve) => {
        pending.set(id, { resolve });
        const transfer = request.type === "open" ? [request.bytes] : [];
        worker.postMessage({ ...request, id }, transfer);
      });
    },
    terminate: () => worker.terminate(),
  };
}
