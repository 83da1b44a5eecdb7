import * as React from "react";
import { Button, Field, Input, Text } from "@fluentui/react-components";
import type { ReadOptions } from "../model/journal-import";
import type { FilePreview } from "../model/journal-prepare";
import { useStyles } from "./journal-styles";
import { plural } from "./journal-text";
import { FileCounts } from "./JournalCounts";
import { ScrollTable } from "./JournalChecks";
import { ZoneBox } from "./JournalZones";
import { DateQuestion, DecimalQuestion, MappingEditor } from "./JournalQuestions";

export interface FileSectionProps {
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
export function FileSection({ file: a, single, journal, options, sizeText, onSize, onChange, onRemove, writeZone }: FileSectionProps) {
  const s = useStyles();
  const name = a.source.name;
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
      {a.contracts.length > 0 && <ContractSizes file={a} sizeText={sizeText} onSize={onSize} />}
      {!single && <FileCounts file={a} journal={journal} />}
      {a.rejectedCount > 0 && <RejectedRows file={a} single={single} />}
    </div>
  );
}

/** The contract size of each symbol traded in lots or contracts: inferred, standard, or for the trader to give. */
function ContractSizes({ file: a, sizeText, onSize }: { file: FilePreview; sizeText: Record<string, string>; onSize: (symbol: string, text: string) => void }) {
  const s = useStyles();
  return (
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
  );
}

/** The rows the import rejected, each with its line and why. */
function RejectedRows({ file: a, single }: { file: FilePreview; single: boolean }) {
  return (
    <ScrollTable
      label={single ? "Rejected rows" : `Rejected rows of ${a.source.name}`}
      head={
        <>
          <th>{a.source.lineWord === "line" ? "Line" : "Row"}</th>
          <th>Why it was rejected</th>
        </>
      }
      more={a.rejectedCount > a.rejected.length ? `…and ${plural(a.rejectedCount - a.rejected.length, "more row")}.` : undefined}
    >
      {a.rejected.map((r) => (
        <tr key={r.line}>
          <td>{r.line}</td>
          <td className="wrap">{r.reason}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
