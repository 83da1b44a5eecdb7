import * as React from "react";
import { mappingNames, type ReadOptions } from "../model/journal-import";
import type { Preview } from "../model/journal-prepare";
import { journalsOf, readJournal, type JournalSheet } from "../model/journal-sheet";
import type { FeeRates, Fill } from "../model/journal-fill";
import { UTC, type Zone } from "../model/journal-read";
import type { OrphanChoice } from "../model/journal-reconcile";
import { fromColumns } from "../model/journal-columns";
import { createImportWorker, type ImportWorker } from "../worker/client";
import type { ImportState, Reply } from "../worker/journal-worker";
import type { WorkbookAdapter } from "../../shared/workbook";
import { loadRemembered, remember } from "./journal-remembered";
import { addToJournal, NEW_SHEET, writeNewJournal, yieldToPage, type Found, type ToWrite } from "./JournalWrite";
import { journalZone } from "./JournalZones";

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
function useJournals(workbook: WorkbookAdapter) {
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

/** What the worker is asked with: the trader's answers, some of them replaced for one question. */
type StateOver = Partial<{ options: Record<number, ReadOptions>; writeZone: Zone }>;

/**
 * The trader's answers to the preview's questions: each file's read options (decimal mark, dates, zone,
 * mapping), the zone to write the times in, what to do with a close opened before the file, and the fee
 * rates and contract sizes as typed (only numbers above 0 count).
 */
export function useImportAnswers() {
  const [options, setOptions] = React.useState<Record<number, ReadOptions>>({});
  const [writeZone, setWriteZone] = React.useState<Zone>(UTC);
  const [orphans, setOrphans] = React.useState<OrphanChoice>("leave");
  const [rateText, setRateText] = React.useState<Record<string, string>>({});
  const [sizeText, setSizeText] = React.useState<Record<string, string>>({});
  const rates: FeeRates = positiveValues(rateText);
  const sizes: Record<string, number> = positiveValues(sizeText);
  return {
    options,
    setOptions,
    writeZone,
    setWriteZone,
    orphans,
    setOrphans,
    rateText,
    sizeText,
    rates,
    sizes,
    setOption: (id: number, change: Partial<ReadOptions>) => setOptions((o) => ({ ...o, [id]: { ...(o[id] ?? {}), ...change } })),
    setRate: (asset: string, text: string) => setRateText((r) => ({ ...r, [asset]: text })),
    setSize: (symbol: string, text: string) => setSizeText((x) => ({ ...x, [symbol]: text })),
    /** Files chosen afresh: the answers about the last ones go. */
    forget: () => {
      setOptions({});
      setRateText({});
      setSizeText({});
      setOrphans("leave");
    },
    /** What the worker reads the files with: these answers, the times written in `fixedZone` (a chosen journal's) where there is one. */
    stateIn: (fixedZone: Zone | undefined, over: StateOver = {}): ImportState => ({
      options: over.options ?? options,
      defaults: { contractSizes: sizes, remembered: loadRemembered() },
      writeZone: over.writeZone ?? fixedZone ?? writeZone,
      choice: { orphans, rates },
    }),
  };
}

export type ImportAnswers = ReturnType<typeof useImportAnswers>;
export type ImportTalk = ReturnType<typeof useImportWorker>;

/**
 * Where the import goes: a new sheet, or one of the workbook's journals (read, and given to the worker to
 * compare; its times are then written in its zone). `state` is what the worker reads the files with.
 */
export function useDestination(workbook: WorkbookAdapter, io: ImportTalk, answers: ImportAnswers) {
  const { worker, preview, setProblem, setBusy, setDone, answer, ask } = io;
  const { journals, setJournals, findJournals } = useJournals(workbook);
  const [target, setTarget] = React.useState<string>(NEW_SHEET);
  const [journal, setJournal] = React.useState<JournalSheet | undefined>();
  const fixedZone = journal ? journalZone(journal.zone) : undefined;
  const state = (over: StateOver = {}) => answers.stateIn(fixedZone, over);

  /** The trader chose where to write: a new sheet, or an existing journal (read, and given to the worker to compare). */
  const choose = async (where: string) => {
    setTarget(where);
    setDone(undefined);
    setProblem(undefined);
    const found = journals.find((j) => j.sheet === where);
    if (!found) {
      setJournal(undefined);
      if (worker.current && preview) await ask({ type: "journal", journal: null, state: state({ writeZone: answers.writeZone }) }, "Reading the fills again…");
      return;
    }
    setBusy(`Reading "${found.sheet}"…`);
    try {
      const j = await readJournal(workbook, found);
      setJournal(j);
      const zone = journalZone(j.zone);
      if (worker.current) await ask({ type: "journal", journal: { fills: j.fills, payments: j.payments }, state: state({ writeZone: zone ?? answers.writeZone }) }, "Comparing with the journal…");
    } catch (e) {
      setJournal(undefined);
      setTarget(NEW_SHEET);
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setBusy(undefined);
  };

  /** After adding to a journal: the files are compared with it again (a second click adds nothing twice). */
  const compareAgain = async (sheet: string) => {
    const found = journalsOf(await workbook.tables());
    setJournals(found);
    const now = found.find((x) => x.sheet === sheet);
    const again = now ? await readJournal(workbook, now).catch(() => undefined) : undefined;
    if (again && worker.current) {
      setJournal(again);
      answer(await worker.current.ask({ type: "journal", journal: { fills: again.fills, payments: again.payments }, state: state() }));
    }
  };

  return { journals, findJournals, target, journal, fixedZone, state, choose, compareAgain };
}

export type Destination = ReturnType<typeof useDestination>;

/**
 * The files of the import: chosen, pasted or removed, each read in the worker. Any answer the trader changes
 * reads the files again; typed values after a pause. (Choosing a journal reads them with its zone itself.)
 */
export function useImportFiles(io: ImportTalk, answers: ImportAnswers, state: Destination["state"]) {
  const { setPreview, setProblem, setBusy, ask } = io;
  const nextFile = React.useRef(1);
  const loaded = React.useRef(false);

  /** Chosen files replace the import's files (`add`: join them). */
  const open = async (chosen: File[], add: boolean) => {
    loaded.current = false;
    if (!add) {
      answers.forget();
      setPreview(undefined);
      setProblem(undefined);
    }
    for (const [i, file] of chosen.entries()) {
      const what = chosen.length > 1 ? `Reading ${file.name}…` : "Reading the file…";
      // busy from the start: a large file takes a while to load before the worker reads it
      setBusy(what);
      const bytes = await file.arrayBuffer();
      const id = nextFile.current++;
      await ask({ type: "open", file: id, name: file.name, bytes, state: state(add || i > 0 ? {} : { options: {} }), replace: !add && i === 0 }, what);
    }
    loaded.current = true;
  };

  const paste = async (text: string) => {
    loaded.current = false;
    answers.setOptions({});
    await ask({ type: "paste", file: nextFile.current++, text, state: state({ options: {} }), replace: true }, "Reading the fills…");
    loaded.current = true;
  };

  const remove = async (id: number) => {
    await ask({ type: "remove", file: id, state: state() }, "Reading the files again…");
  };

  const { options, orphans, rates, sizes, writeZone } = answers;
  const key = JSON.stringify([options, orphans, rates, sizes, writeZone]);
  React.useEffect(() => {
    if (!loaded.current) return;
    const t = setTimeout(() => void ask({ type: "read", state: state() }, "Reading the fills again…"), 250);
    return () => clearTimeout(t);
  }, [key]);

  return { open, paste, remove };
}

/** Writing the journal (a new sheet, or added to the chosen one) from the worker's fills, with its progress and the start balance. */
export function useJournalWrite(workbook: WorkbookAdapter, io: ImportTalk, dest: Destination, rates: FeeRates) {
  const { worker, preview, setProblem, setBusy, setDone } = io;
  const { journal } = dest;
  const [progress, setProgress] = React.useState<number | undefined>();
  const [start, setStart] = React.useState("10000");
  const startBalance = Number(start.replace(/,/g, ""));
  const startOk = Number.isFinite(startBalance) && startBalance > 0;

  const write = async () => {
    if (!preview || !worker.current) return;
    setBusy(journal ? `Adding to "${journal.sheet}"…` : "Writing the journal…");
    setProgress(0);
    setDone(undefined);
    setProblem(undefined);
    try {
      const reply = await worker.current.ask({ type: "fills" });
      if (!reply.ok || reply.type !== "fills") throw new Error(reply.ok ? "no fills" : reply.message);
      await yieldToPage();
      const fills: Fill[] = fromColumns(reply.columns);
      await yieldToPage();
      const toWrite: ToWrite = { fills, payments: reply.payments, tradeCount: reply.tradeCount };
      const onProgress = (d: number, t: number) => setProgress(d / t);
      if (journal) {
        setDone(await addToJournal(workbook, journal, preview, toWrite, rates, onProgress));
        await dest.compareAgain(journal.sheet);
      } else {
        setDone(await writeNewJournal(workbook, preview, toWrite, rates, startBalance, onProgress));
        await dest.findJournals();
      }
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setProgress(undefined);
    setBusy(undefined);
  };

  return { write, progress, start, setStart, startOk };
}

/** The typed values that are numbers above 0 (thousands separators allowed); the others are left out. */
function positiveValues(texts: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, text] of Object.entries(texts)) {
    const n = Number(text.replace(/,/g, ""));
    if (text.trim() !== "" && Number.isFinite(n) && n > 0) out[k] = n;
  }
  return out;
}
