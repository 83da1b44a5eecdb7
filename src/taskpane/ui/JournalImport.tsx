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
import type { Preview } from "../model/journal-prepare";
import type { OrphanChoice } from "../model/journal-reconcile";
import { FIELD_LABELS, FILL_FIELDS, REQUIRED_FIELDS, type FillField } from "../model/journal-layouts";
import { journalImportPlan } from "../model/journal-plan";
import { fromColumns } from "../model/journal-columns";
import { createImportWorker, type ImportWorker } from "../worker/client";
import type { Reply } from "../worker/journal-worker";
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

export function JournalImport({ workbook, onClose }: JournalImportProps) {
  const s = useStyles();
  const worker = React.useRef<ImportWorker | undefined>(undefined);
  const [pasted, setPasted] = React.useState("");
  const [preview, setPreview] = React.useState<Preview | undefined>();
  const [problem, setProblem] = React.useState<string | undefined>();
  const [busy, setBusy] = React.useState<string | undefined>();
  const [progress, setProgress] = React.useState<number | undefined>();
  const [done, setDone] = React.useState<string | undefined>();
  const [options, setOptions] = React.useState<ReadOptions>({});
  const [orphans, setOrphans] = React.useState<OrphanChoice>("leave");
  const [rateText, setRateText] = React.useState<Record<string, string>>({});
  const [sizeText, setSizeText] = React.useState<Record<string, string>>({});
  const [start, setStart] = React.useState("10000");
  const [source, setSource] = React.useState<string | undefined>();
  const loaded = React.useRef(false);

  React.useEffect(() => () => worker.current?.terminate(), []);

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
  const readOptions: ReadOptions = { ...options, contractSizes: sizes, remembered: loadRemembered() };
  const choice = { orphans, rates };

  const answer = (reply: Reply) => {
    if (!reply.ok) {
      setPreview(undefined);
      setProblem(reply.plain ? reply.message : `The file could not be read (${reply.message}).`);
      return;
    }
    if (reply.type !== "preview") return;
    setProblem(undefined);
    setPreview(reply.preview);
    const a = reply.preview.analysis;
    if (a.mappingFrom === "trader" && a.missing.length === 0 && !a.layout) remember(a.headerKey, mappingNamesOf(a.header, a.mapping));
  };

  const ask = async (request: Parameters<ImportWorker["ask"]>[0], what: string) => {
    worker.current ??= createImportWorker();
    setBusy(what);
    setDone(undefined);
    const reply = await worker.current.ask(request);
    answer(reply);
    setBusy(undefined);
  };

  const open = async (file: File) => {
    loaded.current = false;
    setOptions({});
    setRateText({});
    setSizeText({});
    setOrphans("leave");
    setSource(file.name);
    setPreview(undefined);
    setProblem(undefined);
    const bytes = await file.arrayBuffer();
    await ask({ type: "open", name: file.name, bytes, options: { remembered: loadRemembered() }, choice: { orphans: "leave", rates: {} } }, "Reading the file…");
    loaded.current = true;
  };

  const paste = async () => {
    loaded.current = false;
    setOptions({});
    setSource("pasted text");
    await ask({ type: "paste", text: pasted, options: { remembered: loadRemembered() }, choice: { orphans: "leave", rates: {} } }, "Reading the fills…");
    loaded.current = true;
  };

  // Any answer the trader changes reads the file again (in the worker); typed values after a pause.
  const key = JSON.stringify([options, orphans, rates, sizes]);
  React.useEffect(() => {
    if (!loaded.current) return;
    const t = setTimeout(() => void ask({ type: "read", options: readOptions, choice }, "Reading the fills again…"), 250);
    return () => clearTimeout(t);
  }, [key]);

  const set = (change: Partial<ReadOptions>) => setOptions((o) => ({ ...o, ...change }));

  const startBalance = Number(start.replace(/,/g, ""));
  const startOk = Number.isFinite(startBalance) && startBalance > 0;

  const write = async () => {
    if (!preview || !worker.current) return;
    setBusy("Writing the journal…");
    setProgress(0);
    setDone(undefined);
    setProblem(undefined);
    try {
      const reply = await worker.current.ask({ type: "fills" });
      if (!reply.ok || reply.type !== "fills") throw new Error(reply.ok ? "no fills" : reply.message);
      await yieldToPage();
      const fills: Fill[] = fromColumns(reply.columns);
      await yieldToPage();
      const a = preview.analysis;
      const zone = a.zone.write.kind === "written" ? "times as written in the file (zone unknown)" : `times in ${zoneLabel(a.zone.write)}`;
      const plan = journalImportPlan({ fills, rates, startBalance, source: `${source ?? a.source.name}${a.layout ? `, ${a.layout.name}` : ""}, ${zone}`, tradeCount: reply.tradeCount });
      await yieldToPage();
      const result = await workbook.write(plan, { onProgress: (d, t) => setProgress(d / t) });
      setDone(`Wrote ${plural(fills.length, "fill")}, their trades, statistics and equity curve to the new sheet "${result.sheet}".`);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setProgress(undefined);
    setBusy(undefined);
  };

  const a = preview?.analysis;
  const waiting = a?.waiting;
  const writeZone = a ? (a.zone.write.kind === "written" ? "as written" : zoneLabel(a.zone.write)) : "UTC";
  const leftOut = a ? a.foreignFees.filter((f) => rates[f.asset] === undefined).reduce((n, f) => n + f.fills, 0) : 0;

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
        report (.xlsx, HTML or CSV), or any CSV with time, symbol, side, price and quantity columns. The file stays on this computer.
      </Text>
      <div className={s.row}>
        <input
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.html,.htm,text/csv"
          aria-label="Export file of fills"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void open(file);
            e.target.value = "";
          }}
        />
      </div>
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
      {preview && a && (
        <>
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
          {!a.layout && <MappingEditor header={a.header} mapping={a.mapping} onChange={(m) => set({ mapping: m })} />}
          <ZoneBox preview={preview} onFile={(z) => set({ zone: z })} onWrite={(z) => set({ writeZone: z })} />
          {a.decimal && <DecimalQuestion q={{ ...a.decimal, answer: options.decimal ?? a.decimal.answer }} lineWord={a.source.lineWord} onAnswer={(m) => set({ decimal: m })} />}
          {a.dateOrder && <DateQuestion q={{ ...a.dateOrder, answer: options.dateOrder ?? a.dateOrder.answer }} lineWord={a.source.lineWord} onAnswer={(o) => set({ dateOrder: o })} />}
          {a.contracts.length > 0 && (
            <div className={s.box} aria-label="Contract sizes">
              <Text weight="semibold">Contract sizes</Text>
              <Text className={s.muted}>
                {a.layout?.lots === "lots" ? "Volumes are lots" : "Amounts are contracts"}: each symbol&apos;s units per {a.layout?.lots === "lots" ? "lot" : "contract"} make the money right.
              </Text>
              <div className={s.stack}>
                {a.contracts.map((c) => (
                  <Field key={c.symbol} label={`${c.symbol}: units per ${a.layout?.lots === "lots" ? "lot" : "contract"}`} hint={c.from === "given" ? undefined : c.why} validationState={c.size === undefined ? "error" : "none"}>
                    <Input aria-label={`Contract size of ${c.symbol}`} inputMode="decimal" value={sizeText[c.symbol] ?? (c.size === undefined ? "" : String(c.size))} onChange={(_, d) => setSizeText((x) => ({ ...x, [c.symbol]: d.value }))} />
                  </Field>
                ))}
              </div>
            </div>
          )}
          {waiting && (
            <Message intent="warning" bodyClassName={s.wrap}>
              {waiting}
            </Message>
          )}
          <ul className={s.counts} aria-label="Import counts">
            <li>{plural(a.fillCount, "fill")} read</li>
            <li>
              {plural(a.symbols.length, "symbol")}
              {a.symbols.length > 0 ? `: ${a.symbols.slice(0, 6).join(", ")}${a.symbols.length > 6 ? ", …" : ""}` : ""}
            </li>
            {a.first !== undefined && (
              <li>
                from {serialText(a.first)} to {serialText(a.last!)} ({writeZone})
              </li>
            )}
            {preview.trades && (
              <li>
                {plural(preview.trades.count, "trade")} ({preview.trades.closed} closed, {preview.trades.open} open){a.hedge ? ", hedge mode (LONG and SHORT kept apart)" : ""}
              </li>
            )}
            <li>{plural(a.rejectedCount, "row")} rejected</li>
            {a.skipped.map((k) => (
              <li key={k.what}>
                {plural(k.count, "row")} not read as fills: {k.what} ({a.source.lineWord} {k.lines.slice(0, 5).join(", ")}
                {k.count > 5 ? ", …" : ""})
              </li>
            ))}
            {a.reversed && <li>the file lists its rows newest first: they are written oldest first</li>}
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
          {preview.reconciliation && <ReconciliationBox preview={preview} />}
          {a.foreignFees.map((ff) => (
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
          {preview.firstFills.length > 0 && <FillsTable preview={preview} rates={rates} zone={writeZone} />}
          {a.rejectedCount > 0 && (
            <div className={s.scroll} tabIndex={0} role="region" aria-label="Rejected rows (scrolls)">
              <table className={s.table} aria-label="Rejected rows">
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
          {leftOut > 0 && (
            <Message intent="warning" bodyClassName={s.wrap}>
              {plural(leftOut, "fee")} {leftOut === 1 ? "is" : "are"} in another currency and will be left out of the journal&apos;s Fee column unless you give a rate above.
            </Message>
          )}
          {!waiting && preview.writeCount === 0 && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Nothing to write</MessageBarTitle>
                No row of this file is a fill LEV can read{a.rejectedCount > 0 ? ": every row was rejected (see why above)" : ""}.
              </MessageBarBody>
            </MessageBar>
          )}
          <Field label="Start balance" validationState={startOk ? "none" : "error"} validationMessage={startOk ? undefined : "A balance greater than 0, for the equity curve and drawdown %."}>
            <Input aria-label="Start balance" inputMode="decimal" value={start} onChange={(_, d) => setStart(d.value)} />
          </Field>
          <div className={s.row}>
            <Button appearance="primary" disabled={preview.writeCount === 0 || !!waiting || !!preview.tradesError || !startOk || busy !== undefined} disabledFocusable={busy !== undefined} onClick={() => void write()}>
              Write journal sheet
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

function ZoneBox({ preview, onFile, onWrite }: { preview: Preview; onFile: (z: Zone) => void; onWrite: (z: Zone) => void }) {
  const s = useStyles();
  const z = preview.analysis.zone;
  const fileKey = zoneKey(z.file);
  return (
    <div className={s.box} aria-label="Time zone">
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
          <Select aria-label="Zone of the file's times" value={fileKey} onChange={(_, d) => onFile(zoneFromKey(d.value) ?? AS_WRITTEN)}>
            <ZoneOptions written={!z.stated || fileKey === "written"} />
          </Select>
        </Field>
        <Field label="Write the times in">
          <Select aria-label="Zone to write the times in" disabled={z.file.kind === "written"} value={z.file.kind === "written" ? "written" : zoneKey(z.write)} onChange={(_, d) => onWrite(zoneFromKey(d.value) ?? UTC)}>
            <ZoneOptions written={z.file.kind === "written"} />
          </Select>
        </Field>
      </div>
      {(z.repeated.length > 0 || z.skipped.length > 0) && (
        <Text className={s.muted}>
          {z.repeated.length > 0 && `${plural(z.repeated.length, "time")} fall in the hour that repeats when daylight saving ends (read as its first occurrence: ${preview.analysis.source.lineWord} ${z.repeated.slice(0, 5).join(", ")}). `}
          {z.skipped.length > 0 && `${plural(z.skipped.length, "time")} fall in the hour skipped when daylight saving starts (${preview.analysis.source.lineWord} ${z.skipped.slice(0, 5).join(", ")}).`}
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
  const a = preview.analysis;
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

function ReconciliationBox({ preview }: { preview: Preview }) {
  const s = useStyles();
  const r = preview.reconciliation!;
  const lineWord = preview.analysis.source.lineWord;
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
  const a = preview.analysis;
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
