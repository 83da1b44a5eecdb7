import * as React from "react";
import { Field, Select, Text } from "@fluentui/react-components";
import type { FilePreview } from "../model/journal-prepare";
import { AS_WRITTEN, namedZones, UTC, zoneFromKey, zoneKey, zoneLabel, type Zone } from "../model/journal-read";
import { useStyles } from "./journal-styles";
import { plural } from "./journal-text";

/** The journal import's time zones: the zone a file's times are in, and the zone they are written in. */

/** Whole-hour offsets and the half hours in use, then the named zones (with their daylight-saving rules). */
export const OFFSETS = [
  ...Array.from({ length: 27 }, (_, i) => (i - 12) * 60),
  -570, -210, 210, 270, 330, 345, 390, 570, 630, 765, 825,
].sort((a, b) => a - b);

export function ZoneOptions({ written }: { written: boolean }) {
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

/** The zone a journal's "Times in" cell names, when it names one LEV knows. */
export function journalZone(text: string | undefined): Zone | undefined {
  if (text === undefined) return undefined;
  if (text.trim().toLowerCase() === "as written") return AS_WRITTEN;
  return zoneFromKey(text.trim().replace("\u2212", "-"));
}

export function ZoneBox({ file: a, label, onFile, children }: { file: FilePreview; label: string; onFile: (z: Zone) => void; children?: React.ReactNode }) {
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

/** The zone every file's times are written in: the trader's, or the journal's when adding to one that says it. */
export function WriteZone({ disabled, value, onChange, journal }: { disabled: boolean; value: Zone; onChange: (z: Zone) => void; journal: string | undefined }) {
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
