import * as React from "react";
import { Button, Spinner, Text } from "@fluentui/react-components";
import type { FeeRates } from "../model/journal-fill";
import { AS_WRITTEN, zoneLabel } from "../model/journal-read";
import type { FilePreview, Preview } from "../model/journal-prepare";
import { appendProblems, appendWarnings, type JournalSheet } from "../model/journal-sheet";
import type { WorkbookAdapter } from "../../shared/workbook";
import type { ActionProps } from "./actions";
import { Message } from "./messages";
import { useStyles } from "./journal-styles";
import { mergeForeign, plural } from "./journal-text";
import { WriteZone } from "./JournalZones";
import { CombinedCounts, SingleCounts } from "./JournalCounts";
import { FileSection } from "./JournalFileSection";
import { FeeRateFields, FillsTable, PaymentsTable, PreviewChecks } from "./JournalChecks";
import { ChooseFiles, ReadProblems } from "./JournalSources";
import { AppendMessages, DestinationChoice, NothingToWrite, WriteControls } from "./JournalWrite";
import { useDestination, useImportAnswers, useImportFiles, useImportWorker, useJournalWrite, type Destination, type ImportAnswers, type ImportTalk } from "./journal-hooks";

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
  const io = useImportWorker();
  const { preview, problem, notes, busy, done } = io;
  const answers = useImportAnswers();
  const dest = useDestination(workbook, io, answers);
  const files = useImportFiles(io, answers, dest.state);
  const writing = useJournalWrite(workbook, io, dest, answers.rates);
  const [pasted, setPasted] = React.useState("");
  const view = importView(preview, dest.journal, answers.rates);

  return (
    <section className={s.root} aria-label="Import fills">
      <div className={s.head}>
        <Text weight="semibold">Journal from your fills</Text>
        <Button size="small" appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </div>
      <ChooseFiles canAdd={preview !== undefined} pasted={pasted} onPasted={setPasted} onOpen={(chosen, add) => void files.open(chosen, add)} onPaste={() => void files.paste(pasted)} />
      <div role="status">{busy && writing.progress === undefined && <Spinner size="tiny" label={busy} />}</div>
      <ReadProblems problem={problem} notes={notes} />
      {preview && view.a && <ImportPreview preview={preview} file={view.a} view={view} io={io} answers={answers} dest={dest} remove={(id) => void files.remove(id)} writing={writing} />}
      <div role="status">{done && <Message intent="success">{done}</Message>}</div>
    </section>
  );
}

interface ImportPreviewProps {
  preview: Preview;
  /** The first file. */
  file: FilePreview;
  view: ImportView;
  io: ImportTalk;
  answers: ImportAnswers;
  dest: Destination;
  remove: (id: number) => void;
  writing: ReturnType<typeof useJournalWrite>;
}

/** The preview: each file, the counts, the checks, the fees left out, where to write, and the write. */
function ImportPreview({ preview, file: a, view, io, answers, dest, remove, writing }: ImportPreviewProps) {
  const s = useStyles();
  const { journal } = dest;
  const { waiting, writeZoneText, foreign, leftOut, blocked, warnings, fundingOnly, nothing, single } = view;
  return (
    <>
      <FileSections view={view} fileIds={io.fileIds} answers={answers} dest={dest} remove={remove} />
      {waiting && (
        <Message intent="warning" bodyClassName={s.wrap}>
          {waiting}
        </Message>
      )}
      <ul className={s.counts} aria-label="Import counts">
        {single ? <SingleCounts preview={preview} file={a} journal={journal?.sheet} zone={writeZoneText} /> : <CombinedCounts preview={preview} journal={journal?.sheet} zone={writeZoneText} />}
      </ul>
      <PreviewChecks preview={preview} lineWord={a.source.lineWord} orphans={answers.orphans} onOrphans={answers.setOrphans} />
      <FeeRateFields foreign={foreign} rates={answers.rates} rateText={answers.rateText} onRate={answers.setRate} />
      {preview.firstFills.length > 0 && <FillsTable preview={preview} rates={answers.rates} zone={writeZoneText} />}
      {preview.paymentCount > 0 && <PaymentsTable preview={preview} zone={writeZoneText} />}
      {leftOut > 0 && (
        <Message intent="warning" bodyClassName={s.wrap}>
          {plural(leftOut, "fee")} {leftOut === 1 ? "is" : "are"} in another currency and will be left out of the journal&apos;s Fee column unless you give a rate above.
        </Message>
      )}
      <DestinationChoice target={dest.target} journals={dest.journals} journal={journal} writeZone={answers.writeZone} onChoose={(where) => void dest.choose(where)} />
      <AppendMessages blocked={blocked} warnings={warnings} />
      {!waiting && nothing && <NothingToWrite preview={preview} journal={journal} single={single} fundingOnly={fundingOnly} rejectedCount={a.rejectedCount} />}
      <WriteControls
        journal={journal}
        start={writing.start}
        onStart={writing.setStart}
        startOk={writing.startOk}
        disabled={nothing || !!waiting || !!preview.tradesError || (!journal && !writing.startOk) || blocked.length > 0 || io.busy !== undefined}
        busy={io.busy !== undefined}
        onWrite={() => void writing.write()}
        progress={writing.progress}
      />
    </>
  );
}

/** Each file's section; with one file the zone to write in sits in it, with several it follows them in a box of its own. */
function FileSections({ view, fileIds, answers, dest, remove }: { view: ImportView; fileIds: number[]; answers: ImportAnswers; dest: Destination; remove: (id: number) => void }) {
  const s = useStyles();
  const { files, single } = view;
  const { fixedZone, journal } = dest;
  const { writeZone, setWriteZone } = answers;
  return (
    <>
      {files.map((f, i) => (
        <FileSection
          key={fileIds[i] ?? i}
          file={f}
          single={single}
          journal={journal?.sheet}
          options={answers.options[fileIds[i] ?? -1] ?? {}}
          sizeText={answers.sizeText}
          onSize={answers.setSize}
          onChange={(change) => answers.setOption(fileIds[i]!, change)}
          onRemove={files.length > 1 ? () => remove(fileIds[i]!) : undefined}
          writeZone={
            single ? (
              <WriteZone disabled={f.zone.file.kind === "written" || fixedZone !== undefined} value={f.zone.file.kind === "written" ? AS_WRITTEN : (fixedZone ?? writeZone)} onChange={setWriteZone} journal={fixedZone ? journal?.sheet : undefined} />
            ) : undefined
          }
        />
      ))}
      {!single && (
        <div className={s.box} aria-label="Times written in">
          <WriteZone disabled={files.some((f) => f.zone.file.kind === "written") || fixedZone !== undefined} value={fixedZone ?? writeZone} onChange={setWriteZone} journal={fixedZone ? journal?.sheet : undefined} />
        </div>
      )}
    </>
  );
}

type ImportView = ReturnType<typeof importView>;

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
