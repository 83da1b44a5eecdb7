import type * as React from "react";
import { Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { FeeRates } from "../model/journal-fill";
import type { Preview } from "../model/journal-prepare";
import type { OrphanChoice } from "../model/journal-reconcile";
import { serialText } from "../model/journal-read";
import { useStyles } from "./journal-styles";
import { fmt, mergeForeign, plural } from "./journal-text";

/** The preview's checks and tables: positions open before the file, the reconciliation with the exchange, the first fills and payments as they will be written. */

export function OrphanBox({ preview, choice, onChoice }: { preview: Preview; choice: OrphanChoice; onChoice: (c: OrphanChoice) => void }) {
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

export function ReconciliationBox({ r, lineWord }: { r: NonNullable<Preview["reconciliation"]>; lineWord: string }) {
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

export function FillsTable({ preview, rates, zone }: { preview: Preview; rates: FeeRates; zone: string }) {
  const a = { hedge: preview.files.some((f) => f.hedge), foreignFees: mergeForeign(preview.files) };
  const sized = preview.firstFills.some((f) => f.contractSize !== undefined);
  const noted = preview.firstFills.some((f) => f.note !== undefined);
  return (
    <ScrollTable
      label="Fills preview"
      head={
        <>
          <th>Time ({zone})</th>
          <th>Symbol</th>
          <th>Side</th>
          <th>Price</th>
          <th>Quantity</th>
          <th>Fee</th>
          {sized && <th>Contract size</th>}
          {a.hedge && <th>Position</th>}
          {noted && <th>Note</th>}
        </>
      }
      more={preview.writeCount > preview.firstFills.length ? `…and ${plural(preview.writeCount - preview.firstFills.length, "more fill")}.` : undefined}
    >
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
    </ScrollTable>
  );
}

/** The first funding payments as they will be written (received positive, paid negative). */
export function PaymentsTable({ preview, zone }: { preview: Preview; zone: string }) {
  const first = preview.files.flatMap((f) => f.firstPayments).sort((x, y) => x.time - y.time).slice(0, 8);
  return (
    <ScrollTable
      label="Funding preview"
      head={
        <>
          <th>Time ({zone})</th>
          <th>Symbol</th>
          <th>Amount</th>
        </>
      }
      more={preview.paymentCount > first.length ? `…and ${plural(preview.paymentCount - first.length, "more payment")} to write.` : undefined}
    >
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
    </ScrollTable>
  );
}

/** A rate per currency of fees paid in another currency than the quote's: until given, those fees are left out. */
export function FeeRateFields({ foreign, rates, rateText, onRate }: { foreign: ReturnType<typeof mergeForeign>; rates: FeeRates; rateText: Record<string, string>; onRate: (asset: string, text: string) => void }) {
  return (
    <>
      {foreign.map((ff) => (
        <Field
          key={ff.asset}
          label={`${plural(ff.fills, "fee")} in ${ff.asset} (${ff.total.toPrecision(6)} ${ff.asset}): quote currency per ${ff.asset}`}
          hint={rates[ff.asset] === undefined ? "Left out of the journal's fees until you give a rate." : `Converted at ${rates[ff.asset]}.`}
          validationState={rates[ff.asset] === undefined ? "warning" : "success"}
          validationMessage={rates[ff.asset] === undefined ? `${ff.asset} fees are not added to the others: they are in another currency.` : undefined}
        >
          <Input aria-label={`Rate for ${ff.asset}`} inputMode="decimal" value={rateText[ff.asset] ?? ""} onChange={(_, d) => onRate(ff.asset, d.value)} />
        </Field>
      ))}
    </>
  );
}

/** What the engine and the exchange say of the fills: LEV.TRADES' refusal, positions opened before the file, the reconciliations. */
export function PreviewChecks({ preview, lineWord, orphans, onOrphans }: { preview: Preview; lineWord: string; orphans: OrphanChoice; onOrphans: (c: OrphanChoice) => void }) {
  const s = useStyles();
  return (
    <>
      {preview.tradesError && (
        <MessageBar intent="error">
          <MessageBarBody className={s.wrap}>
            <MessageBarTitle>LEV.TRADES refuses these fills</MessageBarTitle>
            {preview.tradesError}
          </MessageBarBody>
        </MessageBar>
      )}
      {preview.orphans.length > 0 && <OrphanBox preview={preview} choice={orphans} onChoice={onOrphans} />}
      {preview.reconciliations.map((r) => (
        <ReconciliationBox key={r.label} r={r} lineWord={lineWord} />
      ))}
      {preview.continued > 0 && preview.reconciliations.length > 0 && (
        <Text className={s.muted}>
          {plural(preview.continued, "trade")} {preview.continued === 1 ? "continues a position" : "continue positions"} already in the journal: the exchange&apos;s figures cover only part of{" "}
          {preview.continued === 1 ? "it" : "them"}, so {preview.continued === 1 ? "it is" : "they are"} not checked.
        </Text>
      )}
    </>
  );
}

/** A table that scrolls in its own region, with a line under it saying how many rows it does not show. */
export function ScrollTable({ label, head, more, children }: { label: string; head: React.ReactNode; more: string | undefined; children: React.ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label={`${label} (scrolls)`}>
      <table className={s.table} aria-label={label}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {more !== undefined && <Text className={s.muted}>{more}</Text>}
    </div>
  );
}
