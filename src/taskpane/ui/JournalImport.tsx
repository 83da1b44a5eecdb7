import * as React from "react";
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, Textarea, tokens } from "@fluentui/react-components";
import {
  ImportError,
  importText,
  missingFields,
  readFills,
  quoteFee,
  serialText,
  type FeeRates,
  type ImportResult,
  type Mapping,
  type ParsedCsv,
} from "../model/journal-import";
import { FIELD_LABELS, FILL_FIELDS, REQUIRED_FIELDS, type FillField } from "../model/journal-layouts";
import { journalImportPlan, tradesOf } from "../model/journal-plan";
import type { WorkbookAdapter } from "../workbook";
import type { ActionProps } from "./actions";
import { Message } from "./messages";

/**
 * The journal import: a CSV export (a file, or pasted text) → its layout or a mapping the trader corrects →
 * a preview with counts, the first fills as they will be written and every rejected row → one write of a
 * new "LEV Journal" sheet. The figures in the preview come from the engine (LEV.TRADES), as the sheet's do.
 */

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "4px" },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
  mapping: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(120px, 1fr))", gap: "8px" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%", "& td, & th": { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left", whiteSpace: "nowrap" } },
  scroll: { overflowX: "auto", maxHeight: "220px", overflowY: "auto" },
  counts: { margin: 0, paddingLeft: "16px", fontSize: tokens.fontSizeBase300 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

type Loaded = ImportResult & { csv: ParsedCsv; source: string };

const PREVIEW_ROWS = 8;
const yieldToPage = () => new Promise((r) => setTimeout(r, 0));

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
  const [pasted, setPasted] = React.useState("");
  const [loaded, setLoaded] = React.useState<Loaded | undefined>();
  const [problem, setProblem] = React.useState<string | undefined>();
  const [busy, setBusy] = React.useState<string | undefined>();
  const [rates, setRates] = React.useState<Record<string, string>>({});
  const [start, setStart] = React.useState("10000");
  const [done, setDone] = React.useState<string | undefined>();

  const read = async (text: string, source: string, fileName?: string) => {
    setProblem(undefined);
    setDone(undefined);
    setLoaded(undefined);
    setBusy("Reading the fills…");
    await yieldToPage(); // let the spinner show before a large file is read
    try {
      const r = importText(text, { fileName });
      setLoaded({ ...r, source });
      setRates({});
    } catch (e) {
      setProblem(e instanceof ImportError ? e.message : `The file could not be read (${e instanceof Error ? e.message : String(e)}).`);
    }
    setBusy(undefined);
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    await read(await file.text(), file.name, file.name);
    e.target.value = "";
  };

  const remap = (field: FillField, value: string) => {
    if (!loaded) return;
    const mapping: Mapping = { ...loaded.mapping, [field]: value === "" ? undefined : Number(value) };
    if (missingFields(mapping).length > 0) {
      setLoaded({ ...loaded, mapping, fills: [], rejected: [], symbols: [], first: undefined, last: undefined, foreignFees: [] });
      return;
    }
    setLoaded({ ...loaded, ...readFills(loaded.csv, mapping, undefined), layout: undefined });
  };

  const feeRates: FeeRates = {};
  for (const [asset, text] of Object.entries(rates)) {
    const n = Number(text.replace(/,/g, ""));
    if (text.trim() !== "" && Number.isFinite(n) && n > 0) feeRates[asset] = n;
  }
  const startBalance = Number(start.replace(/,/g, ""));
  const startOk = Number.isFinite(startBalance) && startBalance > 0;

  const write = async () => {
    if (!loaded || loaded.fills.length === 0 || !startOk) return;
    setBusy("Writing the journal…");
    setDone(undefined);
    setProblem(undefined);
    await yieldToPage();
    try {
      const source = `${loaded.source}${loaded.layout ? `, ${loaded.layout.name}, times in ${loaded.layout.zone}` : ""}`;
      const result = await workbook.write(journalImportPlan({ fills: loaded.fills, rates: feeRates, startBalance, source }));
      setDone(`Wrote ${loaded.fills.length.toLocaleString("en-US")} fills, their trades, statistics and equity curve to the new sheet "${result.sheet}".`);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setBusy(undefined);
  };

  // The engine's own count of trades, computed again only when the fills or the rates change (not on every keystroke elsewhere).
  const ratesKey = JSON.stringify(feeRates);
  const trades = React.useMemo(
    () => (loaded && loaded.fills.length > 0 ? tradesOf(loaded.fills, JSON.parse(ratesKey) as FeeRates).slice(1) : []),
    [loaded, ratesKey],
  );
  const closed = trades.filter((t) => t[12] === "closed").length;
  const leftOut = loaded ? loaded.fills.filter((f) => quoteFee(f, feeRates) === undefined).length : 0;

  return (
    <section className={s.root} aria-label="Import fills">
      <div className={s.head}>
        <Text weight="semibold">Journal from your fills</Text>
        <Button size="small" appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </div>
      <Text className={s.muted}>
        Choose your exchange&apos;s trade history export (CSV): Binance futures or spot, Bybit, OKX, MetaTrader 5 deals, or any CSV with time, symbol, side,
        price and quantity columns. The file stays on this computer.
      </Text>
      <div className={s.row}>
        <input type="file" accept=".csv,.txt,.tsv,text/csv" aria-label="CSV file of fills" onChange={(e) => void onFile(e)} />
      </div>
      <Field label="Or paste the CSV text">
        <Textarea aria-label="Pasted CSV" value={pasted} onChange={(_, d) => setPasted(d.value)} rows={3} resize="vertical" />
      </Field>
      <div className={s.row}>
        <Button size="small" disabled={pasted.trim() === ""} onClick={() => void read(pasted, "pasted text")}>
          Read pasted text
        </Button>
      </div>
      <div role="status">{busy && <Spinner size="tiny" label={busy} />}</div>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Nothing was written</MessageBarTitle>
            {problem}
          </MessageBarBody>
        </MessageBar>
      )}
      {loaded && (
        <>
          <Text>
            {loaded.layout ? (
              <>
                Recognised: <b>{loaded.layout.name}</b> (times in {loaded.layout.zone}).
              </>
            ) : (
              <>No known layout: check which column holds each field.</>
            )}
          </Text>
          {loaded.layout?.note && <Text className={s.muted}>{loaded.layout.note}</Text>}
          {!loaded.layout && (
            <div className={s.mapping}>
              {FILL_FIELDS.map((f) => (
                <Field key={f} label={`${FIELD_LABELS[f]}${REQUIRED_FIELDS.includes(f) ? "" : " (optional)"}`}>
                  <Select aria-label={`Column for ${FIELD_LABELS[f]}`} value={loaded.mapping[f] === undefined ? "" : String(loaded.mapping[f])} onChange={(_, d) => remap(f, d.value)}>
                    <option value="">(none)</option>
                    {loaded.csv.header.map((h, i) => (
                      <option key={i} value={String(i)}>
                        {h || `column ${i + 1}`}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            </div>
          )}
          {missingFields(loaded.mapping).length > 0 && (
            <Message intent="warning">Choose a column for {missingFields(loaded.mapping).map((f) => FIELD_LABELS[f]).join(", ")}.</Message>
          )}
          <ul className={s.counts} aria-label="Import counts">
            <li>{loaded.fills.length.toLocaleString("en-US")} fills read</li>
            <li>
              {loaded.symbols.length} symbol{loaded.symbols.length === 1 ? "" : "s"}
              {loaded.symbols.length > 0 ? `: ${loaded.symbols.slice(0, 6).join(", ")}${loaded.symbols.length > 6 ? ", …" : ""}` : ""}
            </li>
            {loaded.first !== undefined && (
              <li>
                from {serialText(loaded.first)} to {serialText(loaded.last!)}
              </li>
            )}
            {trades.length > 0 && (
              <li>
                {trades.length} trades ({closed} closed, {trades.length - closed} open){loaded.hedge ? ", hedge mode (LONG and SHORT kept apart)" : ""}
              </li>
            )}
            <li>{loaded.rejected.length} rows rejected</li>
          </ul>
          {loaded.foreignFees.map((ff) => (
            <Field
              key={ff.asset}
              label={`${ff.fills} fee${ff.fills === 1 ? "" : "s"} in ${ff.asset} (${ff.total.toPrecision(6)} ${ff.asset}): quote currency per ${ff.asset}`}
              hint={feeRates[ff.asset] === undefined ? "Left out of the journal's fees until you give a rate." : `Converted at ${feeRates[ff.asset]}.`}
              validationState={feeRates[ff.asset] === undefined ? "warning" : "success"}
              validationMessage={feeRates[ff.asset] === undefined ? `${ff.asset} fees are not added to the others: they are in another currency.` : undefined}
            >
              <Input aria-label={`Rate for ${ff.asset}`} inputMode="decimal" value={rates[ff.asset] ?? ""} onChange={(_, d) => setRates((r) => ({ ...r, [ff.asset]: d.value }))} />
            </Field>
          ))}
          {loaded.fills.length > 0 && (
            <div className={s.scroll} tabIndex={0} role="region" aria-label="Fills preview (scrolls)">
              <table className={s.table} aria-label="Fills preview">
                <thead>
                  <tr>
                    <th>Time (UTC)</th>
                    <th>Symbol</th>
                    <th>Side</th>
                    <th>Price</th>
                    <th>Quantity</th>
                    <th>Fee</th>
                    {loaded.hedge && <th>Position</th>}
                  </tr>
                </thead>
                <tbody>
                  {loaded.fills.slice(0, PREVIEW_ROWS).map((f) => {
                    const fee = quoteFee(f, feeRates);
                    return (
                      <tr key={f.line}>
                        <td>{serialText(f.time)}</td>
                        <td>{f.symbol}</td>
                        <td>{f.side}</td>
                        <td>{f.price}</td>
                        <td>{f.quantity}</td>
                        <td>{fee === undefined ? `left out (${f.fee} ${f.feeAsset})` : fee}</td>
                        {loaded.hedge && <td>{f.positionSide ?? "BOTH"}</td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {loaded.fills.length > PREVIEW_ROWS && <Text className={s.muted}>…and {(loaded.fills.length - PREVIEW_ROWS).toLocaleString("en-US")} more.</Text>}
            </div>
          )}
          {loaded.rejected.length > 0 && (
            <div className={s.scroll} tabIndex={0} role="region" aria-label="Rejected rows (scrolls)">
              <table className={s.table} aria-label="Rejected rows">
                <thead>
                  <tr>
                    <th>Line</th>
                    <th>Why it was rejected</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.rejected.map((r) => (
                    <tr key={r.line}>
                      <td>{r.line}</td>
                      <td style={{ whiteSpace: "normal" }}>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {leftOut > 0 && (
            <Message intent="warning">
              {leftOut} fee{leftOut === 1 ? " is" : "s are"} in another currency and will be left out of the journal&apos;s Fee column unless you give a rate above.
            </Message>
          )}
          {loaded.fills.length === 0 && missingFields(loaded.mapping).length === 0 && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Nothing to write</MessageBarTitle>
                No row of this file is a fill LEV can read{loaded.rejected.length > 0 ? ": every row was rejected (see why above)" : ""}.
              </MessageBarBody>
            </MessageBar>
          )}
          <Field label="Start balance" validationState={startOk ? "none" : "error"} validationMessage={startOk ? undefined : "A balance greater than 0, for the equity curve and drawdown %."}>
            <Input aria-label="Start balance" inputMode="decimal" value={start} onChange={(_, d) => setStart(d.value)} />
          </Field>
          <div className={s.row}>
            <Button appearance="primary" disabled={loaded.fills.length === 0 || !startOk || busy !== undefined} disabledFocusable={busy !== undefined} onClick={() => void write()}>
              Write journal sheet
            </Button>
          </div>
        </>
      )}
      <div role="status">{done && <Message intent="success">{done}</Message>}</div>
    </section>
  );
}
