import * as React from "react";
import { Button, Spinner, Text } from "@fluentui/react-components";
import type { ReadOptions } from "../model/journal-import";
import type { FeeRates, Fill } from "../model/journal-fill";
import type { Zone } from "../model/journal-read";
import { AS_WRITTEN, UTC, zoneLabel } from "../model/journal-read";
import type { FilePreview, Preview } from "../model/journal-prepare";
import { appendProblems, appendWarnings, journalsOf, readJournal, type JournalSheet } from "../model/journal-sheet";
import type { OrphanChoice } from "../model/journal-reconcile";
import { fromColumns } from "../model/journal-columns";
import type { ImportState } from "../worker/journal-worker";
import type { WorkbookAdapter } from "../../shared/workbook";
import type { ActionProps } from "./actions";
import { Message } from "./messages";
import { useStyles } from "./journal-styles";
import { loadRemembered } from "./journal-remembered";
import { mergeForeign, plural } from "./journal-text";
import { journalZone, WriteZone } from "./JournalZones";
import { CombinedCounts, SingleCounts } from "./JournalCounts";
import { FileSection } from "./JournalFileSection";
import { FeeRateFields, FillsTable, PaymentsTable, PreviewChecks } from "./JournalChecks";
import { ChooseFiles, ReadProblems } from "./JournalSources";
import { addToJournal, AppendMessages, DestinationChoice, NEW_SHEET, NothingToWrite, writeNewJournal, WriteControls, yieldToPage, type ToWrite } from "./JournalWrite";
import { useImportWorker, useJournals } from "./journal-hooks";

/**
 * The journal import: an export (CSV, .xlsx or MetaTrader's HTML report; or pasted text) is read in a worker →
 * its layout or a mapping the trader corrects (remembered for that header) → the questions the values leave
 * open (decimal mark, day or month first, time zones, contract sizes) → a preview with counts, the first
 * fills as they will be written, every row left out and why, and the check against the exchange's own
 * realised PnL → one write of a new "LEV Journal" sheet, with its progress. The figures in the preview come
 * from the engine (LEV.TRADES), as the sheet's do.
 */

/** "Import fills…" in the pane's header: opens the import under it. */
export function ImportAction({ workbook, busy, show }: ActionProps) {
  return (
    <Button size="small" onClick={() => show(<JournalImport workbook={workbook} onClose={() => show(undefined)} />)} disabledFocusable={busy}>
      Import fills…
    </Button>
  );
}

export interface JournalImportProps {
  workbook: WorkbookAdapter;
  onClose: () => void;
}

export function JournalImport({ workbook, onClose }: JournalImportProps) {
  const s = useStyles();
  const { worker, preview, setPreview, fileIds, problem, setProblem, notes, busy, setBusy, done, setDone, answer, ask } = useImportWorker();
  const { journals, setJournals, findJournals } = useJournals(workbook);
  const nextFile = React.useRef(1);
  const [pasted, setPasted] = React.useState("");
  const [progress, setProgress] = React.useState<number | undefined>();
  const [options, setOptions] = React.useState<Record<number, ReadOptions>>({});
  const [writeZone, setWriteZone] = React.useState<Zone>(UTC);
  const [orphans, setOrphans] = React.useState<OrphanChoice>("leave");
  const [rateText, setRateText] = React.useState<Record<string, string>>({});
  const [sizeText, setSizeText] = React.useState<Record<string, string>>({});
  const [start, setStart] = React.useState("10000");
  const [target, setTarget] = React.useState<string>(NEW_SHEET);
  const [journal, setJournal] = React.useState<JournalSheet | undefined>();
  const loaded = React.useRef(false);


  const rates: FeeRates = positiveValues(rateText);
  const sizes: Record<string, number> = positiveValues(sizeText);
  const fixedZone = journal ? journalZone(journal.zone) : undefined;
  const state = (over: Partial<{ options: Record<number, ReadOptions>; writeZone: Zone }> = {}): ImportState => ({
    options: over.options ?? options,
    defaults: { contractSizes: sizes, remembered: loadRemembered() },
    writeZone: over.writeZone ?? fixedZone ?? writeZone,
    choice: { orphans, rates },
  });

  /** Chosen files replace the import's files (`add`: join them). */
  const open = async (chosen: File[], add: boolean) => {
    loaded.current = false;
    if (!add) {
      setOptions({});
      setRateText({});
      setSizeText({});
      setOrphans("leave");
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

  const paste = async () => {
    loaded.current = false;
    setOptions({});
    await ask({ type: "paste", file: nextFile.current++, text: pasted, state: state({ options: {} }), replace: true }, "Reading the fills…");
    loaded.current = true;
  };

  const remove = async (id: number) => {
    await ask({ type: "remove", file: id, state: state() }, "Reading the files again…");
  };

  // Any answer the trader changes reads the files again (in the worker); typed values after a pause.
  // (choosing a journal reads them with its zone itself)
  const key = JSON.stringify([options, orphans, rates, sizes, writeZone]);
  React.useEffect(() => {
    if (!loaded.current) return;
    const t = setTimeout(() => void ask({ type: "read", state: state() }, "Reading the fills again…"), 250);
    return () => clearTimeout(t);
  }, [key]);

  const set = (id: number, change: Partial<ReadOptions>) => setOptions((o) => ({ ...o, [id]: { ...(o[id] ?? {}), ...change } }));

  /** The trader chose where to write: a new sheet, or an existing journal (read, and given to the worker to compare). */
  const choose = async (where: string) => {
    setTarget(where);
    setDone(undefined);
    setProblem(undefined);
    const found = journals.find((j) => j.sheet === where);
    if (!found) {
      setJournal(undefined);
      if (worker.current && preview) await ask({ type: "journal", journal: null, state: state({ writeZone }) }, "Reading the fills again…");
      return;
    }
    setBusy(`Reading "${found.sheet}"…`);
    try {
      const j = await readJournal(workbook, found);
      setJournal(j);
      const zone = journalZone(j.zone);
      if (worker.current) await ask({ type: "journal", journal: { fills: j.fills, payments: j.payments }, state: state({ writeZone: zone ?? writeZone }) }, "Comparing with the journal…");
    } catch (e) {
      setJournal(undefined);
      setTarget(NEW_SHEET);
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setBusy(undefined);
  };

  const startBalance = Number(start.replace(/,/g, ""));
  const startOk = Number.isFinite(startBalance) && startBalance > 0;

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
        await compareAgain(journal.sheet);
      } else {
        setDone(await writeNewJournal(workbook, preview, toWrite, rates, startBalance, onProgress));
        await findJournals();
      }
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setProgress(undefined);
    setBusy(undefined);
  };

  const { files, a, waiting, writeZoneText, foreign, leftOut, blocked, warnings, fundingOnly, nothing, single } = importView(preview, journal, rates);

  return (
    <section className={s.root} aria-label="Import fills">
      <div className={s.head}>
        <Text weight="semibold">Journal from your fills</Text>
        <Button size="small" appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </div>
      <ChooseFiles canAdd={preview !== undefined} pasted={pasted} onPasted={setPasted} onOpen={(chosen, add) => void open(chosen, add)} onPaste={() => void paste()} />
      <div role="status">{busy && progress === undefined && <Spinner size="tiny" label={busy} />}</div>
      <ReadProblems problem={problem} notes={notes} />
      {preview && a && (
        <>
          {files.map((f, i) => (
            <FileSection
              key={fileIds[i] ?? i}
              file={f}
              single={single}
              journal={journal?.sheet}
              options={options[fileIds[i] ?? -1] ?? {}}
              sizeText={sizeText}
              onSize={(symbol, text) => setSizeText((x) => ({ ...x, [symbol]: text }))}
              onChange={(change) => set(fileIds[i]!, change)}
              onRemove={files.length > 1 ? () => void remove(fileIds[i]!) : undefined}
              writeZone={
                single ? (
                  <WriteZone disabled={a.zone.file.kind === "written" || fixedZone !== undefined} value={a.zone.file.kind === "written" ? AS_WRITTEN : (fixedZone ?? writeZone)} onChange={setWriteZone} journal={fixedZone ? journal?.sheet : undefined} />
                ) : undefined
              }
            />
          ))}
          {!single && (
            <div className={s.box} aria-label="Times written in">
              <WriteZone disabled={files.some((f) => f.zone.file.kind === "written") || fixedZone !== undefined} value={fixedZone ?? writeZone} onChange={setWriteZone} journal={fixedZone ? journal?.sheet : undefined} />
            </div>
          )}
          {waiting && (
            <Message intent="warning" bodyClassName={s.wrap}>
              {waiting}
            </Message>
          )}
          <ul className={s.counts} aria-label="Import counts">
            {single ? <SingleCounts preview={preview} file={a} journal={journal?.sheet} zone={writeZoneText} /> : <CombinedCounts preview={preview} journal={journal?.sheet} zone={writeZoneText} />}
          </ul>
          <PreviewChecks preview={preview} lineWord={a.source.lineWord} orphans={orphans} onOrphans={setOrphans} />
          <FeeRateFields foreign={foreign} rates={rates} rateText={rateText} onRate={(asset, text) => setRateText((r) => ({ ...r, [asset]: text }))} />
          {preview.firstFills.length > 0 && <FillsTable preview={preview} rates={rates} zone={writeZoneText} />}
          {preview.paymentCount > 0 && <PaymentsTable preview={preview} zone={writeZoneText} />}
          {leftOut > 0 && (
            <Message intent="warning" bodyClassName={s.wrap}>
              {plural(leftOut, "fee")} {leftOut === 1 ? "is" : "are"} in another currency and will be left out of the journal&apos;s Fee column unless you give a rate above.
            </Message>
          )}
          <DestinationChoice target={target} journals={journals} journal={journal} writeZone={writeZone} onChoose={(where) => void choose(where)} />
          <AppendMessages blocked={blocked} warnings={warnings} />
          {!waiting && nothing && <NothingToWrite preview={preview} journal={journal} single={single} fundingOnly={fundingOnly} rejectedCount={a.rejectedCount} />}
          <WriteControls
            journal={journal}
            start={start}
            onStart={setStart}
            startOk={startOk}
            disabled={nothing || !!waiting || !!preview.tradesError || (!journal && !startOk) || blocked.length > 0 || busy !== undefined}
            busy={busy !== undefined}
            onWrite={() => void write()}
            progress={progress}
          />
        </>
      )}
      <div role="status">{done && <Message intent="success">{done}</Message>}</div>
    </section>
  );
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

/** What the preview shows and allows: the files, what they wait for, the fees left out, what stops or warns an append, whether anything is left to write. */
function importView(preview: Preview | undefined, journal: JournalSheet | undefined, rates: FeeRates) {
  const files = preview?.files ?? [];
  const a = files[0];
  const waiting = files.map((f) => f.waiting).find((w) => w !== undefined);
  const zoneOf = (f: FilePreview) => (f.zone.write.kind === "written" ? "as written" : zoneLabel(f.zone.write));
  const writeZoneText = a ? zoneOf(a) : "UTC";
  const foreign = mergeForeign(files);
  const leftOut = foreign.filter((f) => rates[f.asset] === undefined).reduce((n, f) => n + f.fills, 0);
  const needs = preview
    ? { hedge: files.some((f) => f.hedge), sized: files.some((f) => f.contracts.some((c) => c.size !== 1)), noted: preview.inferredCount > 0, ids: preview.firstFills.some((f) => f.tradeId !== undefined) }
    : undefined;
  const blocked = journal && needs ? appendProblems(journal, needs) : [];
  const warnings = journal && needs ? appendWarnings(journal, needs, preview?.paymentCount ?? 0) : [];
  const fundingOnly = files.length > 0 && files.every((f) => f.layout?.fundingOnly);
  const nothing = preview ? preview.writeCount === 0 && (journal ? !journal.fundingTable || preview.paymentCount === 0 : true) : false;
  const single = files.length === 1;
  return { files, a, waiting, writeZoneText, foreign, leftOut, blocked, warnings, fundingOnly, nothing, single };
}
