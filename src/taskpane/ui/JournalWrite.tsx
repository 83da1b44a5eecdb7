import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { FeeRates, Fill, Payment } from "../model/journal-fill";
import { zoneLabel, type Zone } from "../model/journal-read";
import type { Preview } from "../model/journal-prepare";
import { journalAppendPlan, type journalsOf, type JournalSheet } from "../model/journal-sheet";
import { journalImportPlanPaced } from "../model/journal-plan";
import type { WorkbookAdapter } from "../../shared/workbook";
import { Message } from "./messages";
import { useStyles } from "./journal-styles";
import { plural } from "./journal-text";

/** The journal import's last step: where it goes (a new sheet or a journal), what stops or warns, the write and its progress. */

export const NEW_SHEET = "\u0000new";

/** A journal of the workbook the import can go into. */
export type Found = ReturnType<typeof journalsOf>[number];

export const yieldToPage = () => new Promise((r) => setTimeout(r, 0));

/** What the worker hands over to write: every fill, the funding payments, and LEV.TRADES' count of trades. */
export interface ToWrite {
  fills: Fill[];
  payments: Payment[];
  tradeCount: number;
}

/** Adds the fills (and the funding, when the journal has a funding table) to a journal; says what was added. */
export async function addToJournal(workbook: WorkbookAdapter, journal: JournalSheet, preview: Preview, w: ToWrite, rates: FeeRates, onProgress: (done: number, total: number) => void): Promise<string> {
  const { fills } = w;
  const plan = journalAppendPlan({
    journal,
    fills,
    payments: journal.fundingTable ? w.payments : [],
    rates,
    totalFills: journal.fills.length + journal.unread.length + fills.length,
    totalTrades: w.tradeCount,
  });
  await yieldToPage();
  const result = await workbook.append(plan, { onProgress });
  const paid = journal.fundingTable ? w.payments.length : 0;
  const already = preview.duplicates.inJournal + preview.duplicates.paymentsInJournal;
  return `Added ${[fills.length > 0 || paid === 0 ? plural(fills.length, "fill") : "", paid > 0 ? plural(paid, "funding payment") : ""].filter(Boolean).join(" and ")} to "${result.sheet}"${already > 0 ? `; ${already.toLocaleString("en-US")} ${already === 1 ? "was" : "were"} already in it` : ""}. Its trades, funding, statistics and curve follow.`;
}

/** Writes the fills to a new journal sheet; says what was written. */
export async function writeNewJournal(workbook: WorkbookAdapter, preview: Preview, w: ToWrite, rates: FeeRates, startBalance: number, onProgress: (done: number, total: number) => void): Promise<string> {
  const { fills } = w;
  const files = preview.files;
  const zone = files[0]!.zone.write.kind === "written" ? "as written" : zoneLabel(files[0]!.zone.write);
  const source = files.length === 1 ? `${files[0]!.source.name}${files[0]!.layout ? `, ${files[0]!.layout.name}` : ""}` : files.map((f) => f.source.name).join(", ");
  // built in steps: the formulas of 100,000 rows are planned without holding the page
  const plan = await journalImportPlanPaced({ fills, payments: w.payments, rates, startBalance, source, zone, tradeCount: w.tradeCount }, yieldToPage);
  const result = await workbook.write(plan, { onProgress });
  return `Wrote ${plural(fills.length, "fill")}, their trades, statistics and equity curve to the new sheet "${result.sheet}".${w.payments.length > 0 ? ` Its funding table holds ${plural(w.payments.length, "payment")}.` : ""}`;
}

/** Where to write: a new sheet, or one of the workbook's journals. */
export function DestinationChoice({ target, journals, journal, writeZone, onChoose }: { target: string; journals: Found[]; journal: JournalSheet | undefined; writeZone: Zone; onChoose: (where: string) => void }) {
  const s = useStyles();
  return (
    <div className={s.box} aria-label="Write to">
      <RadioGroup value={target} onChange={(_, d) => onChoose(d.value)} aria-label="Where to write">
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
  );
}

/** What stops the import going into the journal chosen, and what to know before it does. */
export function AppendMessages({ blocked, warnings }: { blocked: readonly string[]; warnings: readonly string[] }) {
  const s = useStyles();
  return (
    <>
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
    </>
  );
}

/** Why there is nothing to write: every row already in the journal, funding without a journal, or no fill read. */
export function NothingToWrite({ preview, journal, single, fundingOnly, rejectedCount }: { preview: Preview; journal: JournalSheet | undefined; single: boolean; fundingOnly: boolean; rejectedCount: number }) {
  const s = useStyles();
  return (
    <MessageBar intent={journal && preview.writeCount + preview.paymentCount === 0 && (preview.duplicates.inJournal > 0 || preview.duplicates.paymentsInJournal > 0) ? "info" : "error"}>
      <MessageBarBody className={s.wrap}>
        <MessageBarTitle>Nothing to write</MessageBarTitle>
        {journal && (preview.duplicates.inJournal > 0 || preview.duplicates.paymentsInJournal > 0)
          ? `Every row of ${single ? "this file" : "these files"} is already in "${journal.sheet}".`
          : fundingOnly && !journal
            ? "A funding file goes into a journal: choose one below to add it to, or import it together with the trade history."
            : `No row of ${single ? "this file" : "these files"} is a fill LEV can read${rejectedCount > 0 ? ": every row was rejected (see why above)" : ""}.`}
      </MessageBarBody>
    </MessageBar>
  );
}

interface WriteControlsProps {
  journal: JournalSheet | undefined;
  start: string;
  onStart: (text: string) => void;
  startOk: boolean;
  disabled: boolean;
  busy: boolean;
  onWrite: () => void;
  progress: number | undefined;
}

/** The start balance (a new sheet), the write button and the write's progress. */
export function WriteControls({ journal, start, onStart, startOk, disabled, busy, onWrite, progress }: WriteControlsProps) {
  const s = useStyles();
  return (
    <>
      {!journal && (
        <Field label="Start balance" validationState={startOk ? "none" : "error"} validationMessage={startOk ? undefined : "A balance greater than 0, for the equity curve and drawdown %."}>
          <Input aria-label="Start balance" inputMode="decimal" value={start} onChange={(_, d) => onStart(d.value)} />
        </Field>
      )}
      <div className={s.row}>
        <Button appearance="primary" disabled={disabled} disabledFocusable={busy} onClick={onWrite}>
          {journal ? `Add to "${journal.sheet}"` : "Write journal sheet"}
        </Button>
      </div>
      {progress !== undefined && <ProgressBar aria-label="Writing progress" value={progress} thickness="large" />}
      {progress !== undefined && <Text className={s.muted}>Writing the journal: {Math.round(progress * 100)} %</Text>}
    </>
  );
}
