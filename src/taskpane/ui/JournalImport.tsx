import * as React from "react";
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { Mapping, ReadOptions } from "../model/journal-import";
import type { FeeRates, Fill } from "../model/journal-fill";
import type { DateOrder, DecimalMark, Zone } from "../model/journal-read";
import { AS_WRITTEN, namedZones, serialText, UTC, zoneFromKey, zoneKey, zoneLabel } from "../model/journal-read";
import type { FilePreview, Preview } from "../model/journal-prepare";
import { appendProblems, appendWarnings, journalAppendPlan, journalsOf, readJournal, type JournalSheet } from "../model/journal-sheet";
import type { OrphanChoice } from "../model/journal-reconcile";
import { FIELD_LABELS, FILL_FIELDS, REQUIRED_FIELDS, type FillField } from "../model/journal-layouts";
import { journalImportPlanPaced } from "../model/journal-plan";
import { fromColumns } from "../model/journal-columns";
import { createImportWorker, type ImportWorker } from "../worker/client";
import type { ImportState, Reply } from "../worker/journal-worker";
import type { WorkbookAdapter } from "../../shared/workbook";
import type { ActionProps } from "./actions";
import { Message } from "./messages";

/**
 * The journal import: an export (CSV, .xlsx or MetaTrader's HTML report; or pasted text) is read in a worker →
 * its layout or a mapping the trader corrects (remembered for that header) → the questions the values leave
 * open (decimal mark, day or month first, time zones, contract sizes) → a preview with counts, the first
 * fills as they will be written, every row left out and why, and the check against the exchange's own
 * realised PnL → one write of a new "LEV Journal" sheet, with its progress. The figures in the preview come
 * from the engine (LEV.TRADES), as the sheet's do.
 */

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "4px" },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))", gap: "8px" },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    width: "100%",
    "& td, & th": { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left", whiteSpace: "nowrap", verticalAlign: "top" },
    // a reason, a note and a date-time wrap, so that a narrow pane shows the figures beside them
    "& td.wrap, & td.time": { whiteSpace: "normal" },
    "& td.time": { minWidth: "74px" },
  },
  scroll: { overflowX: "auto", maxHeight: "220px", overflowY: "auto" },
  counts: { margin: 0, paddingLeft: "16px", fontSize: tokens.fontSizeBase300 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  box: { display: "flex", flexDirection: "column", gap: "6px", padding: "6px 8px", borderLeft: `3px solid ${tokens.colorBrandStroke1}`, background: tokens.colorNeutralBackground2 },
  wrap: { whiteSpace: "normal" },
  stack: { display: "flex", flexDirection: "column", gap: "8px" },
  file: { display: "flex", flexDirection: "column", gap: "8px", padding: "6px", border: `1px dashed ${tokens.colorNeutralStroke2}`, borderRadius: "4px" },
});

const MAPPINGS_KEY = "lev.journal.mappings";
/** Header names and the mapping only: never a cell of the file. */
type Remembered = NonNullable<ReadOptions["remembered"]>;

function loadRemembered(): Remembered {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(MAPPINGS_KEY) ?? "{}") as unknown;
    return v && typeof v === "object" ? (v as Remembered) : {};
  } catch {
    return {};
  }
}

function remember(key: string, names: Partial<Record<FillField, string>>): void {
  try {
    const all = loadRemembered();
    delete all[key];
    const kept = Object.entries(all).slice(-49); // the 50 headers used last
    globalThis.localStorage?.setItem(MAPPINGS_KEY, JSON.stringify(Object.fromEntries([...kept, [key, names]])));
  } catch {
    // storage refused (private mode): the mapping is simply not remembered
  }
}

/** Whole-hour offsets and the half hours in use, then the named zones (with their daylight-saving rules). */
const OFFSETS = [
  ...Array.from({ length: 27 }, (_, i) => (i - 12) * 60),
  -570, -210, 210, 270, 330, 345, 390, 570, 630, 765, 825,
].sort((a, b) => a - b);

function ZoneOptions({ written }: { written: boolean }) {
  const named = React.useMemo(() => namedZones(), []);
  return (
    <>
      {written && <option value="written">as written (zone unknown)</option>}
      {OFFSETS.map((m) => {
        const z: Zone = { kind: "offset", minutes: m };
        return (
          <option key={m} value={zoneKey(z)}>
            {zoneLabel(z)}
          </option>
        );
      })}
      {named.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </>
  );
}

const yieldToPage = () => new Promise((r) => setTimeout(r, 0));
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : String(Number(n.toPrecision(12))));
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

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

/** A journal of the workbook the import can go into. */
type Found = ReturnType<typeof journalsOf>[number];

/** The zone a journal's "Times in" cell names, when it names one LEV knows. */
function journalZone(text: string | undefined): Zone | undefined {
  if (text === undefined) return undefined;
  if (text.trim().toLowerCase() === "as written") return AS_WRITTEN;
  return zoneFromKey(text.trim().replace("\u2212", "-"));
}

export function JournalImport({ workbook, onClose }: JournalImportProps) {
  const s = useStyles();
  const worker = React.useRef<ImportWorker | undefined>(undefined);
  const nextFile = React.useRef(1);
  const [pasted, setPasted] = React.useState("");
  const [preview, setPreview] = React.useState<Preview | undefined>();
  const [fileIds, setFileIds] = React.useState<number[]>([]);
  const [problem, setProblem] = React.useState<string | undefined>();
  const [notes, setNotes] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState<string | undefined>();
  const [progress, setProgress] = React.useState<number | undefined>();
  const [done, setDone] = React.useState<string | undefined>();
  const [options, setOptions] = React.useState<Record<number, ReadOptions>>({});
  const [writeZone, setWriteZone] = React.useState<Zone>(UTC);
  const [orphans, setOrphans] = React.useState<OrphanChoice>("leave");
  const [rateText, setRateText] = React.useState<Record<string, string>>({});
  const [sizeText, setSizeText] = React.useState<Record<string, string>>({});
  const [start, setStart] = React.useState("10000");
  const [journals, setJournals] = React.useState<Found[]>([]);
  const [target, setTarget] = React.useState<string>(NEW_SHEET);
  const [journal, setJournal] = React.useState<JournalSheet | undefined>();
  const loaded = React.useRef(false);

  React.useEffect(() => () => worker.current?.terminate(), []);
  const findJournals = React.useCallback(async () => {
    try {
      setJournals(journalsOf(await workbook.tables()));
    } catch {
      setJournals([]);
    }
  }, [workbook]);
  React.useEffect(() => void findJournals(), [findJournals]);

  const rates: FeeRates = {};
  for (const [asset, text] of Object.entries(rateText)) {
    const n = Number(text.replace(/,/g, ""));
    if (text.trim() !== "" && Number.isFinite(n) && n > 0) rates[asset] = n;
  }
  const sizes: Record<string, number> = {};
  for (const [symbol, text] of Object.entries(sizeText)) {
    const n = Number(text.replace(/,/g, ""));
    if (text.trim() !== "" && Number.isFinite(n) && n > 0) sizes[symbol] = n;
  }
  const fixedZone = journal ? journalZone(journal.zone) : undefined;
  const state = (over: Partial<{ options: Record<number, ReadOptions>; writeZone: Zone }> = {}): ImportState => ({
    options: over.options ?? options,
    defaults: { contractSizes: sizes, remembered: loadRemembered() },
    writeZone: over.writeZone ?? fixedZone ?? writeZone,
    choice: { orphans, rates },
  });

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
    for (const a of reply.preview.files) if (a.mappingFrom === "trader" && a.missing.length === 0 && !a.layout) remember(a.headerKey, mappingNamesOf(a.header, a.mapping));
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
      const files = preview.files;
      const zone = files[0]!.zone.write.kind === "written" ? "as written" : zoneLabel(files[0]!.zone.write);
      if (journal) {
        const plan = journalAppendPlan({
          journal,
          fills,
          payments: journal.fundingTable ? reply.payments : [],
          rates,
          totalFills: journal.fills.length + journal.unread.length + fills.length,
          totalTrades: reply.tradeCount,
        });
        await yieldToPage();
        const result = await workbook.append(plan, { onProgress: (d, t) => setProgress(d / t) });
        const paid = journal.fundingTable ? reply.payments.length : 0;
        const already = preview.duplicates.inJournal + preview.duplicates.paymentsInJournal;
        setDone(
          `Added ${[fills.length > 0 || paid === 0 ? plural(fills.length, "fill") : "", paid > 0 ? plural(paid, "funding payment") : ""].filter(Boolean).join(" and ")} to "${result.sheet}"${already > 0 ? `; ${already.toLocaleString("en-US")} ${already === 1 ? "was" : "were"} already in it` : ""}. Its trades, funding, statistics and curve follow.`,
        );
        // the journal now holds them: compare the files with it again (a second click adds nothing twice)
        const found = journalsOf(await workbook.tables());
        setJournals(found);
        const now = found.find((x) => x.sheet === journal.sheet);
        const again = now ? await readJournal(workbook, now).catch(() => undefined) : undefined;
        if (again) {
          setJournal(again);
          answer(await worker.current.ask({ type: "journal", journal: { fills: again.fills, payments: again.payments }, state: state() }));
        }
      } else {
        const source = files.length === 1 ? `${files[0]!.source.name}${files[0]!.layout ? `, ${files[0]!.layout.name}` : ""}` : files.map((f) => f.source.name).join(", ");
        // built in steps: the formulas of 100,000 rows are planned without holding the page
        const plan = await journalImportPlanPaced({ fills, payments: reply.payments, rates, startBalance, source, zone, tradeCount: reply.tradeCount }, yieldToPage);
        const result = await workbook.write(plan, { onProgress: (d, t) => setProgress(d / t) });
        setDone(
          `Wrote ${plural(fills.length, "fill")}, their trades, statistics and equity curve to the new sheet "${result.sheet}".${reply.payments.length > 0 ? ` Its funding table holds ${plural(reply.payments.length, "payment")}.` : ""}`,
        );
        await findJournals();
      }
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setProgress(undefined);
    setBusy(undefined);
  };

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

  return (
    <section className={s.root} aria-label="Import fills">
      <div className={s.head}>
        <Text weight="semibold">Journal from your fills</Text>
        <Button size="small" appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </div>
      <Text className={s.muted}>
        Choose your exchange&apos;s trade history export: Binance futures or spot, Bybit (trade history, closed P&amp;L, unified-account log), OKX, MetaTrader 5&apos;s
        report (.xlsx, HTML or CSV), or any CSV with time, symbol, side, price and quantity columns; with it, or later, the funding: Binance&apos;s transaction history, Bybit&apos;s
        log. Several files (next month&apos;s export, the funding) are read together. The files stay on this computer.
      </Text>
      <div className={s.row}>
        <FilesInput label="Export file of fills" onFiles={(chosen) => void open(chosen, false)} />
      </div>
      {preview && (
        <div className={s.row}>
          <Field label="Add another file (a second date range, the funding)">
            <FilesInput label="Another export file" onFiles={(chosen) => void open(chosen, true)} />
          </Field>
        </div>
      )}
      <Field label="Or paste the CSV text">
        <Textarea aria-label="Pasted CSV" value={pasted} onChange={(_, d) => setPasted(d.value)} rows={3} resize="vertical" />
      </Field>
      <div className={s.row}>
        <Button size="small" disabled={pasted.trim() === ""} onClick={() => void paste()}>
          Read pasted text
        </Button>
      </div>
      <div role="status">{busy && progress === undefined && <Spinner size="tiny" label={busy} />}</div>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody className={s.wrap}>
            <MessageBarTitle>Nothing was written</MessageBarTitle>
            {problem}
          </MessageBarBody>
        </MessageBar>
      )}
      {notes.map((n) => (
        <Message key={n} intent="warning" bodyClassName={s.wrap}>
          {n} The file is left out of the import.
        </Message>
      ))}
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
          {preview.tradesError && (
            <MessageBar intent="error">
              <MessageBarBody className={s.wrap}>
                <MessageBarTitle>LEV.TRADES refuses these fills</MessageBarTitle>
                {preview.tradesError}
              </MessageBarBody>
            </MessageBar>
          )}
          {preview.orphans.length > 0 && <OrphanBox preview={preview} choice={orphans} onChoice={setOrphans} />}
          {preview.reconciliations.map((r) => (
            <ReconciliationBox key={r.label} r={r} lineWord={a.source.lineWord} />
          ))}
          {preview.continued > 0 && preview.reconciliations.length > 0 && (
            <Text className={s.muted}>
              {plural(preview.continued, "trade")} {preview.continued === 1 ? "continues a position" : "continue positions"} already in the journal: the exchange&apos;s figures cover only part of{" "}
              {preview.continued === 1 ? "it" : "them"}, so {preview.continued === 1 ? "it is" : "they are"} not checked.
            </Text>
          )}
          {foreign.map((ff) => (
            <Field
              key={ff.asset}
              label={`${plural(ff.fills, "fee")} in ${ff.asset} (${ff.total.toPrecision(6)} ${ff.asset}): quote currency per ${ff.asset}`}
              hint={rates[ff.asset] === undefined ? "Left out of the journal's fees until you give a rate." : `Converted at ${rates[ff.asset]}.`}
              validationState={rates[ff.asset] === undefined ? "warning" : "success"}
              validationMessage={rates[ff.asset] === undefined ? `${ff.asset} fees are not added to the others: they are in another currency.` : undefined}
            >
              <Input aria-label={`Rate for ${ff.asset}`} inputMode="decimal" value={rateText[ff.asset] ?? ""} onChange={(_, d) => setRateText((r) => ({ ...r, [ff.asset]: d.value }))} />
            </Field>
          ))}
          {preview.firstFills.length > 0 && <FillsTable preview={preview} rates={rates} zone={writeZoneText} />}
          {preview.paymentCount > 0 && <PaymentsTable preview={preview} zone={writeZoneText} />}
          {leftOut > 0 && (
            <Message intent="warning" bodyClassName={s.wrap}>
              {plural(leftOut, "fee")} {leftOut === 1 ? "is" : "are"} in another currency and will be left out of the journal&apos;s Fee column unless you give a rate above.
            </Message>
          )}
          <div className={s.box} aria-label="Write to">
            <RadioGroup value={target} onChange={(_, d) => void choose(d.value)} aria-label="Where to write">
              <Radio value={NEW_SHEET} label="A new sheet (LEV Journal)" />
              {journals.map((j) => (
                <Radio key={j.sheet} value={j.sheet} label={`Add to "${j.sheet}": its tables grow, nothing else on it changes`} />
              ))}
            </RadioGroup>
            {journal && journal.zone === undefined && (
              <Text className={s.muted}>
                &quot;{journal.sheet}&quot; does not say which zone its times are in: the new times are written in {zoneLabel(writeZone)}; make sure it is the journal&apos;s.
              </Text>
            )}
          </div>
          {blocked.map((b) => (
            <Message key={b} intent="error" bodyClassName={s.wrap}>
              {b}
            </Message>
          ))}
          {warnings.map((w) => (
            <Message key={w} intent="warning" bodyClassName={s.wrap}>
              {w}
            </Message>
          ))}
          {!waiting && nothing && (
            <MessageBar intent={journal && preview.writeCount + preview.paymentCount === 0 && (preview.duplicates.inJournal > 0 || preview.duplicates.paymentsInJournal > 0) ? "info" : "error"}>
              <MessageBarBody className={s.wrap}>
                <MessageBarTitle>Nothing to write</MessageBarTitle>
                {journal && (preview.duplicates.inJournal > 0 || preview.duplicates.paymentsInJournal > 0)
                  ? `Every row of ${single ? "this file" : "these files"} is already in "${journal.sheet}".`
                  : fundingOnly && !journal
                    ? "A funding file goes into a journal: choose one below to add it to, or import it together with the trade history."
                    : `No row of ${single ? "this file" : "these files"} is a fill LEV can read${a.rejectedCount > 0 ? ": every row was rejected (see why above)" : ""}.`}
              </MessageBarBody>
            </MessageBar>
          )}
          {!journal && (
            <Field label="Start balance" validationState={startOk ? "none" : "error"} validationMessage={startOk ? undefined : "A balance greater than 0, for the equity curve and drawdown %."}>
              <Input aria-label="Start balance" inputMode="decimal" value={start} onChange={(_, d) => setStart(d.value)} />
            </Field>
          )}
          <div className={s.row}>
            <Button
              appearance="primary"
              disabled={nothing || !!waiting || !!preview.tradesError || (!journal && !startOk) || blocked.length > 0 || busy !== undefined}
              disabledFocusable={busy !== undefined}
              onClick={() => void write()}
            >
              {journal ? `Add to "${journal.sheet}"` : "Write journal sheet"}
            </Button>
          </div>
          {progress !== undefined && <ProgressBar aria-label="Writing progress" value={progress} thickness="large" />}
          {progress !== undefined && <Text className={s.muted}>Writing the journal: {Math.round(progress * 100)} %</Text>}
        </>
      )}
      <div role="status">{done && <Message intent="success">{done}</Message>}</div>
    </section>
  );
}

const NEW_SHEET = "\u0000new";

/** Fees in another currency over every file, per currency. */
function mergeForeign(files: readonly FilePreview[]): FilePreview["foreignFees"] {
  const m = new Map<string, FilePreview["foreignFees"][number]>();
  for (const f of files)
    for (const x of f.foreignFees) {
      const e = m.get(x.asset) ?? { asset: x.asset, fills: 0, total: 0 };
      m.set(x.asset, { asset: x.asset, fills: e.fills + x.fills, total: e.total + x.total });
    }
  return [...m.values()];
}

/** "4 new, 5 already in the journal" (and those in two of the files). */
function newText(fresh: number, inJournal: number, inFiles: number, journal: string | undefined): string {
  const parts = [`${fresh.toLocaleString("en-US")} new`];
  if (journal !== undefined) parts.push(`${inJournal.toLocaleString("en-US")} already in the journal`);
  if (inFiles > 0) parts.push(`${inFiles.toLocaleString("en-US")} already in an earlier file`);
  return parts.join(", ");
}

function fundingText(count: number, symbols: readonly string[], withoutSymbol: number): string {
  return `${plural(count, "funding payment")} read${symbols.length > 0 ? `: ${symbols.slice(0, 6).join(", ")}${symbols.length > 6 ? ", …" : ""}` : ""}${withoutSymbol > 0 ? ` (${withoutSymbol.toLocaleString("en-US")} naming no symbol)` : ""}`;
}

/** One file's counts, as the import of one export shows them. */
function SingleCounts({ preview, file: a, journal, zone }: { preview: Preview; file: FilePreview; journal: string | undefined; zone: string }) {
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
function CombinedCounts({ preview, journal, zone }: { preview: Preview; journal: string | undefined; zone: string }) {
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

interface FileSectionProps {
  file: FilePreview;
  single: boolean;
  journal: string | undefined;
  options: ReadOptions;
  sizeText: Record<string, string>;
  onSize: (symbol: string, text: string) => void;
  onChange: (change: Partial<ReadOptions>) => void;
  onRemove: (() => void) | undefined;
  /** The "write the times in" choice, shown in the file's zone box when the import has one file. */
  writeZone: React.ReactNode;
}

/** One file of the import: its layout, mapping, zone, questions, contract sizes, counts and rejected rows. */
function FileSection({ file: a, single, journal, options, sizeText, onSize, onChange, onRemove, writeZone }: FileSectionProps) {
  const s = useStyles();
  const name = a.source.name;
  const c = a.counts;
  return (
    <div className={single ? s.stack : s.file} role={single ? undefined : "group"} aria-label={single ? undefined : `File ${name}`}>
      {!single && (
        <div className={s.head}>
          <Text weight="semibold" className={s.wrap}>
            {name}
          </Text>
          {onRemove && (
            <Button size="small" appearance="subtle" onClick={onRemove} aria-label={`Remove ${name} from the import`}>
              Remove
            </Button>
          )}
        </div>
      )}
      <Text>
        {a.layout ? (
          <>
            Recognised: <b>{a.layout.name}</b>.
          </>
        ) : a.mappingFrom === "remembered" ? (
          <>No known layout: the columns are mapped as you corrected them for this header before.</>
        ) : (
          <>No known layout: check which column holds each field (a corrected mapping is remembered for this header).</>
        )}
      </Text>
      {a.layout?.note && <Text className={s.muted}>{a.layout.note}</Text>}
      {a.layout?.funding && a.fundingSummary.count > 0 && <Text className={s.muted}>{a.layout.funding.means}.</Text>}
      {!a.layout && <MappingEditor header={a.header} mapping={a.mapping} onChange={(m) => onChange({ mapping: m })} />}
      <ZoneBox file={a} label={single ? "Time zone" : `Time zone of ${name}`} onFile={(z) => onChange({ zone: z })}>
        {writeZone}
      </ZoneBox>
      {a.decimal && <DecimalQuestion q={{ ...a.decimal, answer: options.decimal ?? a.decimal.answer }} lineWord={a.source.lineWord} onAnswer={(m) => onChange({ decimal: m })} />}
      {a.dateOrder && <DateQuestion q={{ ...a.dateOrder, answer: options.dateOrder ?? a.dateOrder.answer }} lineWord={a.source.lineWord} onAnswer={(o) => onChange({ dateOrder: o })} />}
      {a.contracts.length > 0 && (
        <div className={s.box} aria-label="Contract sizes">
          <Text weight="semibold">Contract sizes</Text>
          <Text className={s.muted}>
            {a.layout?.lots === "lots" ? "Volumes are lots" : "Amounts are contracts"}: each symbol&apos;s units per {a.layout?.lots === "lots" ? "lot" : "contract"} make the money right.
          </Text>
          <div className={s.stack}>
            {a.contracts.map((x) => (
              <Field key={x.symbol} label={`${x.symbol}: units per ${a.layout?.lots === "lots" ? "lot" : "contract"}`} hint={x.from === "given" ? undefined : x.why} validationState={x.size === undefined ? "error" : "none"}>
                <Input aria-label={`Contract size of ${x.symbol}`} inputMode="decimal" value={sizeText[x.symbol] ?? (x.size === undefined ? "" : String(x.size))} onChange={(_, d) => onSize(x.symbol, d.value)} />
              </Field>
            ))}
          </div>
        </div>
      )}
      {!single && (
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
      )}
      {a.rejectedCount > 0 && (
        <div className={s.scroll} tabIndex={0} role="region" aria-label={single ? "Rejected rows (scrolls)" : `Rejected rows of ${name} (scrolls)`}>
          <table className={s.table} aria-label={single ? "Rejected rows" : `Rejected rows of ${name}`}>
            <thead>
              <tr>
                <th>{a.source.lineWord === "line" ? "Line" : "Row"}</th>
                <th>Why it was rejected</th>
              </tr>
            </thead>
            <tbody>
              {a.rejected.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td className="wrap">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {a.rejectedCount > a.rejected.length && <Text className={s.muted}>…and {plural(a.rejectedCount - a.rejected.length, "more row")}.</Text>}
        </div>
      )}
    </div>
  );
}

/** The zone every file's times are written in: the trader's, or the journal's when adding to one that says it. */
function WriteZone({ disabled, value, onChange, journal }: { disabled: boolean; value: Zone; onChange: (z: Zone) => void; journal: string | undefined }) {
  const s = useStyles();
  return (
    <div className={s.stack}>
      <Field label="Write the times in">
        <Select aria-label="Zone to write the times in" disabled={disabled} value={zoneKey(value)} onChange={(_, d) => onChange(zoneFromKey(d.value) ?? UTC)}>
          <ZoneOptions written={value.kind === "written"} />
        </Select>
      </Field>
      {journal && <Text className={s.muted}>In {zoneLabel(value)}, as &quot;{journal}&quot; writes its times.</Text>}
    </div>
  );
}

/** A file input for exports (several at once); cleared after each choice, so that the same file can be chosen again. */
function FilesInput({ label, onFiles }: { label: string; onFiles: (files: File[]) => void }) {
  return (
    <input
      type="file"
      multiple
      accept=".csv,.txt,.tsv,.xlsx,.html,.htm,text/csv"
      aria-label={label}
      onChange={(e) => {
        const chosen = [...(e.target.files ?? [])];
        if (chosen.length > 0) onFiles(chosen);
        e.target.value = "";
      }}
    />
  );
}

function mappingNamesOf(header: readonly string[], m: Mapping): Partial<Record<FillField, string>> {
  const out: Partial<Record<FillField, string>> = {};
  for (const f of FILL_FIELDS) if (m[f] !== undefined && header[m[f]!] !== undefined) out[f] = header[m[f]!]!;
  return out;
}

function MappingEditor({ header, mapping, onChange }: { header: string[]; mapping: Mapping; onChange: (m: Mapping) => void }) {
  const s = useStyles();
  return (
    <div className={s.grid} aria-label="Column mapping">
      {FILL_FIELDS.map((f) => (
        <Field key={f} label={`${FIELD_LABELS[f]}${REQUIRED_FIELDS.includes(f) ? "" : " (optional)"}`}>
          <Select
            aria-label={`Column for ${FIELD_LABELS[f]}`}
            value={mapping[f] === undefined ? "" : String(mapping[f])}
            onChange={(_, d) => onChange({ ...mapping, [f]: d.value === "" ? undefined : Number(d.value) })}
          >
            <option value="">(none)</option>
            {header.map((h, i) => (
              <option key={i} value={String(i)}>
                {h || `column ${i + 1}`}
              </option>
            ))}
          </Select>
        </Field>
      ))}
    </div>
  );
}

function ZoneBox({ file: a, label, onFile, children }: { file: FilePreview; label: string; onFile: (z: Zone) => void; children?: React.ReactNode }) {
  const s = useStyles();
  const z = a.zone;
  const fileKey = zoneKey(z.file);
  return (
    <div className={s.box} aria-label={label}>
      <Text>
        {z.stated ? (
          <>
            Times in the file: <b>{zoneLabel(z.stated)}</b>, as {z.said} says{z.file.kind !== "written" && zoneKey(z.file) !== zoneKey(z.stated) ? `; you read them in ${zoneLabel(z.file)}` : ""}.
          </>
        ) : (
          <>
            The file does not say its time zone ({z.unstated}). {z.file.kind === "written" ? <>Its times are written <b>as written</b> unless you say which zone they are in.</> : <>You read them in <b>{zoneLabel(z.file)}</b>.</>}
          </>
        )}
      </Text>
      <div className={s.row}>
        <Field label="The file's times are in">
          <Select aria-label={label === "Time zone" ? "Zone of the file's times" : `Zone of ${a.source.name}'s times`} value={fileKey} onChange={(_, d) => onFile(zoneFromKey(d.value) ?? AS_WRITTEN)}>
            <ZoneOptions written={!z.stated || fileKey === "written"} />
          </Select>
        </Field>
        {children}
      </div>
      {(z.repeated.length > 0 || z.skipped.length > 0) && (
        <Text className={s.muted}>
          {z.repeated.length > 0 && `${plural(z.repeated.length, "time")} fall in the hour that repeats when daylight saving ends (read as its first occurrence: ${a.source.lineWord} ${z.repeated.slice(0, 5).join(", ")}). `}
          {z.skipped.length > 0 && `${plural(z.skipped.length, "time")} fall in the hour skipped when daylight saving starts (${a.source.lineWord} ${z.skipped.slice(0, 5).join(", ")}).`}
        </Text>
      )}
    </div>
  );
}

function DecimalQuestion({ q, lineWord, onAnswer }: { q: NonNullable<Preview["analysis"]["decimal"]>; lineWord: string; onAnswer: (m: DecimalMark) => void }) {
  const s = useStyles();
  const ex = q.examples[0];
  return (
    <MessageBar intent="warning" layout="multiline" aria-label="Decimal mark question">
      <MessageBarBody className={s.wrap}>
        <MessageBarTitle>{q.conflict ? "The numbers use two decimal marks" : "Numbers that read two ways"}</MessageBarTitle>
        {q.conflict ? (
          <>
            {lineWord} {q.examples[0]!.line}&apos;s {q.examples[0]!.column} &quot;{q.examples[0]!.text}&quot; has a decimal point, and {lineWord} {q.examples[1]!.line}&apos;s {q.examples[1]!.column} &quot;{q.examples[1]!.text}&quot; a
            decimal comma. Which one does the file use? Numbers written the other way are then rejected, each with its line.
          </>
        ) : (
          <>
            No number in the file shows its decimal mark: {q.examples.map((e) => `"${e.text}" (${lineWord} ${e.line}, ${e.column})`).join(", ")} could be thousands or decimals. Which is it?
          </>
        )}
        <RadioGroup value={q.answer ?? ""} onChange={(_, d) => onAnswer(d.value as DecimalMark)} aria-label="Decimal mark">
          <Radio value="." label={`Decimal point${ex && !q.conflict ? `: "${ex.text}" is ${readAs(ex.text, ".")}` : " (1,234.5)"}`} />
          <Radio value="," label={`Decimal comma${ex && !q.conflict ? `: "${ex.text}" is ${readAs(ex.text, ",")}` : " (1.234,5)"}`} />
        </RadioGroup>
      </MessageBarBody>
    </MessageBar>
  );
}

/** What a number reads as with a decimal mark, said plainly ("1234", "1.234"). */
function readAs(text: string, mark: DecimalMark): string {
  const other = mark === "." ? "," : ".";
  const t = text.replace(/[^\d.,-]/g, "").split(other).join("").replace(mark, ".");
  const n = Number(t);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 12 }) : text;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function DateQuestion({ q, lineWord, onAnswer }: { q: NonNullable<Preview["analysis"]["dateOrder"]>; lineWord: string; onAnswer: (o: DateOrder) => void }) {
  const s = useStyles();
  const ex = q.examples[0];
  const nums = ex ? (ex.text.match(/\d+/g) ?? []).map(Number) : [];
  const [x, y] = nums;
  return (
    <MessageBar intent="warning" layout="multiline" aria-label="Date order question">
      <MessageBarBody className={s.wrap}>
        <MessageBarTitle>{q.conflict ? "The dates are written two ways" : "Dates that read two ways"}</MessageBarTitle>
        {q.conflict ? (
          <>
            {lineWord} {q.examples[0]!.line}&apos;s &quot;{q.examples[0]!.text}&quot; can only be day first, and {lineWord} {q.examples[1]!.line}&apos;s &quot;{q.examples[1]!.text}&quot; only month first. Which does
            the file use? Dates written the other way are then rejected.
          </>
        ) : (
          <>
            No date in the file has a day above 12: {q.examples.map((e) => `"${e.text}" (${lineWord} ${e.line})`).join(", ")} could be day first or month first. Which is it?
          </>
        )}
        <RadioGroup value={q.answer ?? ""} onChange={(_, d) => onAnswer(d.value as DateOrder)} aria-label="Date order">
          <Radio value="dmy" label={`Day first${x && y && !q.conflict ? `: ${x} ${MONTHS[y - 1] ?? ""}` : " (31/12)"}`} />
          <Radio value="mdy" label={`Month first (US)${x && y && !q.conflict ? `: ${MONTHS[x - 1] ?? ""} ${y}` : " (12/31)"}`} />
        </RadioGroup>
      </MessageBarBody>
    </MessageBar>
  );
}

function OrphanBox({ preview, choice, onChoice }: { preview: Preview; choice: OrphanChoice; onChoice: (c: OrphanChoice) => void }) {
  const s = useStyles();
  const a = preview.files.find((f) => f.layout?.realised) ?? preview.analysis;
  const label = a.layout?.realised?.label ?? "the exchange";
  const canInfer = preview.orphans.some((o) => o.price !== undefined);
  return (
    <div className={s.box} aria-label="Opened before the file">
      <Text weight="semibold">
        {plural(preview.orphans.length, "position")} {preview.orphans.length === 1 ? "was" : "were"} open when the file starts
      </Text>
      <Text className={s.muted}>The exchange says these fills close a position, but the file holds no opening for it: it was opened before the file starts.</Text>
      <ul className={s.counts}>
        {preview.orphans.map((o) => (
          <li key={`${o.symbol}${o.positionSide ?? ""}`}>
            {o.symbol}
            {o.positionSide ? ` (${o.positionSide})` : ""}: {o.side} {fmt(o.quantity)}, closed by {a.source.lineWord}
            {o.fillCount === 1 ? "" : "s"} {o.fills.map((f) => f.line).join(", ")}
            {o.fillCount > o.fills.length ? ", …" : ""}
            {o.realised !== undefined ? ` (${label}: ${fmt(o.realised)})` : ""}
            {o.price !== undefined ? `; average entry ${fmt(o.price)} as ${label} implies` : `; ${o.cannotInfer}`}
          </li>
        ))}
      </ul>
      <RadioGroup value={choice} onChange={(_, d) => onChoice(d.value as OrphanChoice)} aria-label="Positions open when the file starts">
        <Radio value="leave" label="Leave their fills out of the journal" />
        <Radio value="infer" disabled={!canInfer} label={`Write each with an inferred opening fill at the file's first time, marked as such, at the average entry ${label} implies`} />
      </RadioGroup>
    </div>
  );
}

function ReconciliationBox({ r, lineWord }: { r: NonNullable<Preview["reconciliation"]>; lineWord: string }) {
  const s = useStyles();
  const half = r.perFill.toFixed(Math.max(0, r.decimals + 1));
  return (
    <div className={s.box} aria-label="Reconciliation">
      <Text weight="semibold">Checked against {r.label}</Text>
      <Text>
        {r.agree.toLocaleString("en-US")} of {plural(r.checked, "trade")} agree
        {r.checked > 0 ? ` within half a unit of its last digit per fill (${half})` : ""}
        {r.differCount > 0 ? `; ${r.differCount} differ${r.differCount === 1 ? "s" : ""}` : ""}
        {r.ratedCount > 0 ? `; ${r.ratedCount} in another currency (the rate each implies is shown)` : ""}.
      </Text>
      <Text className={s.muted}>{r.means}.</Text>
      {(r.differ.length > 0 || r.rated.length > 0) && (
        <ul className={s.counts} aria-label="Reconciliation differences">
          {[...r.differ, ...r.rated].map((c) => {
            const lines = [...new Set(c.lines.filter((l) => l > 0))];
            return (
              <li key={c.row} className={s.wrap}>
                <b>
                  {c.symbol} {c.side}
                </b>{" "}
                opened {serialText(c.opened)} ({lineWord}
                {lines.length === 1 ? "" : "s"} {lines.slice(0, 4).join(", ")}
                {lines.length > 4 ? ", …" : ""}): LEV&apos;s {r.compared} {fmt(c.lev)}, {r.label} {fmt(c.exchange)}
                {c.rate === undefined ? `, ${fmt(Number(Math.abs(c.difference).toPrecision(10)))} apart` : ""}. {c.why ? `${c.why[0]!.toUpperCase()}${c.why.slice(1)}.` : ""}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function FillsTable({ preview, rates, zone }: { preview: Preview; rates: FeeRates; zone: string }) {
  const s = useStyles();
  const a = { hedge: preview.files.some((f) => f.hedge), foreignFees: mergeForeign(preview.files) };
  const sized = preview.firstFills.some((f) => f.contractSize !== undefined);
  const noted = preview.firstFills.some((f) => f.note !== undefined);
  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label="Fills preview (scrolls)">
      <table className={s.table} aria-label="Fills preview">
        <thead>
          <tr>
            <th>Time ({zone})</th>
            <th>Symbol</th>
            <th>Side</th>
            <th>Price</th>
            <th>Quantity</th>
            <th>Fee</th>
            {sized && <th>Contract size</th>}
            {a.hedge && <th>Position</th>}
            {noted && <th>Note</th>}
          </tr>
        </thead>
        <tbody>
          {preview.firstFills.map((f, i) => {
            const foreign = f.feeAsset !== undefined && a.foreignFees.some((x) => x.asset === f.feeAsset) && f.fee !== 0;
            const rate = foreign ? rates[f.feeAsset!] : 1;
            return (
              <tr key={`${f.line}-${i}`}>
                <td className="time">{serialText(f.time)}</td>
                <td>{f.symbol}</td>
                <td>{f.side}</td>
                <td>{fmt(f.price)}</td>
                <td>{fmt(f.quantity)}</td>
                <td>{rate === undefined ? `left out (${fmt(f.fee)} ${f.feeAsset})` : fmt(Number((f.fee * rate).toPrecision(12)))}</td>
                {sized && <td>{f.contractSize === undefined ? "" : fmt(f.contractSize)}</td>}
                {a.hedge && <td>{f.positionSide ?? "BOTH"}</td>}
                {noted && <td className="wrap">{f.note ?? ""}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {preview.writeCount > preview.firstFills.length && <Text className={s.muted}>…and {plural(preview.writeCount - preview.firstFills.length, "more fill")}.</Text>}
    </div>
  );
}

/** The first funding payments as they will be written (received positive, paid negative). */
function PaymentsTable({ preview, zone }: { preview: Preview; zone: string }) {
  const s = useStyles();
  const first = preview.files.flatMap((f) => f.firstPayments).sort((x, y) => x.time - y.time).slice(0, 8);
  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label="Funding preview (scrolls)">
      <table className={s.table} aria-label="Funding preview">
        <thead>
          <tr>
            <th>Time ({zone})</th>
            <th>Symbol</th>
            <th>Amount</th>
          </tr>
        </thead>
        <tbody>
          {first.map((p, i) => (
            <tr key={`${p.line}-${i}`}>
              <td className="time">{serialText(p.time)}</td>
              <td>{p.symbol === "" ? "(not stated)" : p.symbol}</td>
              <td>
                {fmt(p.amount)}
                {p.asset ? ` ${p.asset}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.paymentCount > first.length && <Text className={s.muted}>…and {plural(preview.paymentCount - first.length, "more payment")} to write.</Text>}
    </div>
  );
}
