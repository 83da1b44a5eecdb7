import { Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select } from "@fluentui/react-components";
import type { Mapping } from "../model/journal-import";
import type { DateOrder, DecimalMark } from "../model/journal-read";
import type { Preview } from "../model/journal-prepare";
import { FIELD_LABELS, FILL_FIELDS, REQUIRED_FIELDS } from "../model/journal-layouts";
import { useStyles } from "./journal-styles";

/** What the journal import asks about a file: which column holds each field, the decimal mark, the order of day and month. */

export function MappingEditor({ header, mapping, onChange }: { header: string[]; mapping: Mapping; onChange: (m: Mapping) => void }) {
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

export function DecimalQuestion({ q, lineWord, onAnswer }: { q: NonNullable<Preview["analysis"]["decimal"]>; lineWord: string; onAnswer: (m: DecimalMark) => void }) {
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
export function readAs(text: string, mark: DecimalMark): string {
  const other = mark === "." ? "," : ".";
  const t = text.replace(/[^\d.,-]/g, "").split(other).join("").replace(mark, ".");
  const n = Number(t);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 12 }) : text;
}

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function DateQuestion({ q, lineWord, onAnswer }: { q: NonNullable<Preview["analysis"]["dateOrder"]>; lineWord: string; onAnswer: (o: DateOrder) => void }) {
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
