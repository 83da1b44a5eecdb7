import * as React from "react";
import { mappingNames } from "../model/journal-import";
import type { Preview } from "../model/journal-prepare";
import { journalsOf } from "../model/journal-sheet";
import { createImportWorker, type ImportWorker } from "../worker/client";
import type { Reply } from "../worker/journal-worker";
import type { WorkbookAdapter } from "../../shared/workbook";
import { remember } from "./journal-remembered";
import type { Found } from "./JournalWrite";

/**
 * The journal import's conversation with its worker: the question being asked (busy), the preview it answers
 * with, why a file could not be read, and what the last write said. The worker starts at the first question
 * and ends with the pane.
 */
export function useImportWorker() {
  const worker = React.useRef<ImportWorker | undefined>(undefined);
  const [preview, setPreview] = React.useState<Preview | undefined>();
  const [fileIds, setFileIds] = React.useState<number[]>([]);
  const [problem, setProblem] = React.useState<string | undefined>();
  const [notes, setNotes] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState<string | undefined>();
  const [done, setDone] = React.useState<string | undefined>();
  React.useEffect(() => () => worker.current?.terminate(), []);

  const answer = (reply: Reply) => {
    if (!reply.ok) {
      setPreview(undefined);
      setFileIds([]);
      setProblem(reply.plain ? reply.message : `The file could not be read (${reply.message}).`);
      return;
    }
    if (reply.type !== "preview") return;
    setProblem(undefined);
    setNotes(reply.problems);
    setPreview(reply.preview);
    setFileIds(reply.fileIds);
    for (const a of reply.preview.files) if (a.mappingFrom === "trader" && a.missing.length === 0 && !a.layout) remember(a.headerKey, mappingNames(a.header, a.mapping));
  };

  /** Asks the worker; a new file clears what the last write said, a changed answer does not. */
  const ask = async (request: Parameters<ImportWorker["ask"]>[0], what: string) => {
    worker.current ??= createImportWorker();
    setBusy(what);
    if (request.type === "open" || request.type === "paste") setDone(undefined);
    const reply = await worker.current.ask(request);
    answer(reply);
    setBusy(undefined);
  };

  return { worker, preview, setPreview, fileIds, problem, setProblem, notes, busy, setBusy, done, setDone, answer, ask };
}

/** The workbook's journals the import can go into, found when the pane opens and after each write. */
export function useJournals(workbook: WorkbookAdapter) {
  const [journals, setJournals] = React.useState<Found[]>([]);
  const findJournals = React.useCallback(async () => {
    try {
      setJournals(journalsOf(await workbook.tables()));
    } catch {
      setJournals([]);
    }
  }, [workbook]);
  React.useEffect(() => void findJournals(), [findJournals]);
  return { journals, setJournals, findJournals };
}
