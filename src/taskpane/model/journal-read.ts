/**
 * How the journal import reads a cell: numbers (the decimal mark decided from the values themselves, never
 * assumed), dates (year-first, day-first or US order decided from the values or asked; 12-hour times; the
 * forms exchanges write) and time zones (fixed offsets as an export states them, named zones with their
 * daylight-saving rules through Intl). Pure functions, used in the import's worker and in tests.
 */

// ─── Numbers ─────────────────────────────────────────────────────────────────────────────────────────

export type DecimalMark = "." | ",";

/** What one number cell says about the decimal mark. */
export type MarkEvidence = DecimalMark | "ambiguous" | "none" | "invalid";

/** A number's text without its sign, exponent and currency: digits and separators only (or undefined). */
interface Core {
  sign: 1 | -1;
  body: string;
  exponent: string;
}

/** Spaces, no-break spaces and apostrophes group thousands (MetaTrader writes "4 101.093", Swiss "1'234.5"). */
const GROUP_SPACE = /[ \u00a0\u202f']/g;

function core(text: string): Core | undefined {
  let t = text.replace(/\uFEFF/g, "").trim();
  if (t === "") return undefined;
  let sign: 1 | -1 = 1;
  if (/^[+-]/.test(t)) {
    sign = t[0] === "-" ? -1 : 1;
    t = t.slice(1).trim(); // MetaTrader writes "- 2.50"
  } else if (/^\(.*\)$/.test(t)) {
    sign = -1; // an accountant's negative: (2.50)
    t = t.slice(1, -1).trim();
  }
  const e = /[eE]([+-]?\d+)$/.exec(t);
  const exponent = e ? e[1]! : "";
  if (e) t = t.slice(0, e.index);
  if (!/^[\d., \u00a0\u202f']+$/.test(t) || !/\d/.test(t)) return undefined;
  return { sign, body: t, exponent };
}

/** Whether `s` is digit groups of three after a first group of one to three, split by `sep`. */
function grouped(s: string, sep: string): boolean {
  const parts = s.split(sep);
  if (parts.length < 2) return false;
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** What a number cell says about the decimal mark: decisive, ambiguous (1,234 or 1.234), none (integers) or invalid. */
/** A plain number with a decimal point or none ("-12.5", "0.007393", "42"): most cells of most exports. */
const PLAIN = /^-?(\d+)(?:\.(\d+))?$/;

export function markEvidence(text: string): MarkEvidence {
  const plain = PLAIN.exec(text);
  if (plain) {
    if (plain[2] === undefined) return "none";
    return plain[2].length === 3 && /^[1-9]\d{0,2}$/.test(plain[1]!) ? "ambiguous" : ".";
  }
  const c = core(text);
  if (!c) return "invalid";
  const b = c.body.replace(GROUP_SPACE, "");
  const dots = (b.match(/\./g) ?? []).length;
  const commas = (b.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return "none";
  if (dots > 0 && commas > 0) {
    const mark: DecimalMark = b.lastIndexOf(".") > b.lastIndexOf(",") ? "." : ",";
    const other = mark === "." ? "," : ".";
    const [int, frac, ...rest] = b.split(mark);
    if (rest.length > 0 || !/^\d*$/.test(frac ?? "") || !grouped(int!, other)) return "invalid";
    return mark;
  }
  const sep = dots > 0 ? "." : ",";
  const other: DecimalMark = sep === "." ? "," : ".";
  if ((dots || commas) > 1) return grouped(b, sep) ? other : "invalid"; // 1,234,567: the separator groups thousands
  const [int, frac] = b.split(sep) as [string, string];
  if (c.exponent !== "") return sep as DecimalMark; // 3.605E-05
  // One separator with three digits after it and one to three before (not a lone 0): 1,234 is a thousand or one and a bit.
  if (/^\d{3}$/.test(frac) && /^[1-9]\d{0,2}$/.test(int)) return "ambiguous";
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac)) return "invalid";
  return sep as DecimalMark;
}

/**
 * A number cell read with the decimal mark `mark` (thousands grouped by the other mark or by spaces), or
 * undefined when it is not a number written that way.
 */
export function readNumber(text: string, mark: DecimalMark): number | undefined {
  if (PLAIN.test(text) && (mark === "." || !text.includes("."))) {
    const n = Number(text);
    return n === 0 ? 0 : n;
  }
  const c = core(text);
  if (!c) return undefined;
  const other = mark === "." ? "," : ".";
  const b = c.body.replace(GROUP_SPACE, (m, i: number, s: string) => (/\d/.test(s[i - 1] ?? "") && /^\d{3}(\D|$)/.test(s.slice(i + 1)) ? "" : m));
  if (GROUP_SPACE.test(b)) {
    GROUP_SPACE.lastIndex = 0;
    return undefined;
  }
  const [int, frac, ...rest] = b.split(mark);
  if (rest.length > 0) return undefined;
  if (int!.includes(other) && !grouped(int!, other)) return undefined;
  const digits = int!.split(other).join("");
  if (!/^\d*$/.test(digits) || (frac !== undefined && !/^\d*$/.test(frac)) || digits + (frac ?? "") === "") return undefined;
  const n = Number(`${digits || "0"}.${frac ?? ""}e${c.exponent || "0"}`) * c.sign;
  return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined;
}

/**
 * Decimals of a number as written, its last digit's place: "0.49020000" has 8 (Binance writes eight). A
 * fixed width beyond 12 decimals is padding, not precision (Bybit writes twenty): there the trailing zeros
 * are not counted ("0.09367512000000000000" has 8).
 */
export function writtenDecimals(text: string): number {
  const c = core(text);
  if (!c) return 0;
  const b = c.body.replace(GROUP_SPACE, "");
  const i = Math.max(b.lastIndexOf("."), b.lastIndexOf(","));
  let frac = i < 0 ? "" : b.slice(i + 1);
  if (frac.length > 12) frac = frac.replace(/0+$/, "");
  return Math.max(0, frac.length - Number(c.exponent || 0));
}

/**
 * The decimal mark of a file's number cells, decided from all of them: the mark every decisive cell shows;
 * a question when cells could be read two ways and none decides; a problem when cells disagree.
 */
export interface MarkDecision {
  mark: DecimalMark | undefined;
  /** Cells that could be read either way (up to a few, for the question). */
  ambiguous: { line: number; column: string; text: string }[];
  /** Cells written with the other mark than the one decided, when both appear. */
  conflict?: { point: { line: number; column: string; text: string }; comma: { line: number; column: string; text: string } };
}

export function decideMark(cells: Iterable<{ line: number; column: string; text: string }>): MarkDecision {
  const d = markDecider();
  for (const c of cells) d.add(c.line, c.column, c.text);
  return d.decision();
}

/** decideMark one cell at a time, without a record per cell (a file of 100,000 fills has half a million numbers). */
export function markDecider(): { add(line: number, column: string, text: string): void; decision(): MarkDecision } {
  let point: { line: number; column: string; text: string } | undefined;
  let comma: { line: number; column: string; text: string } | undefined;
  const ambiguous: MarkDecision["ambiguous"] = [];
  return {
    add(line, column, text) {
      const e = markEvidence(text);
      if (e === ".") point ??= { line, column, text };
      else if (e === ",") comma ??= { line, column, text };
      else if (e === "ambiguous" && ambiguous.length < 3) ambiguous.push({ line, column, text });
    },
    decision() {
      if (point && comma) return { mark: undefined, ambiguous: [], conflict: { point, comma } };
      if (point) return { mark: ".", ambiguous: [] };
      if (comma) return { mark: ",", ambiguous: [] };
      return { mark: undefined, ambiguous };
    },
  };
}

// ─── Dates ───────────────────────────────────────────────────────────────────────────────────────────

/** The order of a date's day, month and year where the text alone does not say it. */
export type DateOrder = "dmy" | "mdy" | "ymd";

/** A date-time cell taken apart: numbers as written, before the order of day and month is known. */
export interface DateParts {
  /** Year first (2024-03-04, 2024.03.04): unambiguous. */
  yearFirst: boolean;
  /** The three numbers of the date in the order written. */
  a: number;
  b: number;
  c: number;
  /** Whether the year (if last or first) was written with two digits. */
  twoDigitYear: "first" | "last" | undefined;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** A 12-hour clock's AM or PM, when written. */
  meridiem: "am" | "pm" | undefined;
  /** An offset stated in the cell itself (Z, +08:00), in minutes east of UTC. */
  offset: number | undefined;
  /** Milliseconds since 1970 (an epoch number), when that is what the cell holds. */
  epochMs?: number;
}

const MERIDIEM = /\s*([ap])\.?\s?m\.?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
const OFFSET = /(?:\s*(?:Z|UTC|GMT)|\s*([+-])(\d{2}):?(\d{2}))$/i;

/** Takes a date-time cell apart, or undefined when it is not one. `yearFirstTwoDigits` reads 26-03-17 as 2026-03-17 (Binance). */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export function dateParts(text: string, yearFirstTwoDigits = false): DateParts | undefined {
  const iso = ISO_TIME.exec(text);
  if (iso) {
    return { yearFirst: true, a: +iso[1]!, b: +iso[2]!, c: +iso[3]!, twoDigitYear: undefined, hour: +iso[4]!, minute: +iso[5]!, second: +iso[6]!, ms: 0, meridiem: undefined, offset: undefined };
  }
  let t = text.replace(/\uFEFF/g, "").trim();
  if (/^\d{13}$/.test(t) || /^\d{10}$/.test(t)) {
    const ms = t.length === 13 ? Number(t) : Number(t) * 1000;
    const d = new Date(ms);
    return {
      yearFirst: true,
      a: d.getUTCFullYear(),
      b: d.getUTCMonth() + 1,
      c: d.getUTCDate(),
      twoDigitYear: undefined,
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      meridiem: undefined,
      offset: 0,
      epochMs: ms,
    };
  }
  let offset: number | undefined;
  const o = OFFSET.exec(t);
  if (o && /\d/.test(t.slice(0, o.index))) {
    offset = o[1] ? (o[1] === "-" ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) : 0;
    t = t.slice(0, o.index).trim();
  }
  let meridiem: "am" | "pm" | undefined;
  const m = MERIDIEM.exec(t);
  if (m && /\d/.test(t.slice(0, m.index))) {
    meridiem = m[1]!.toLowerCase() === "a" ? "am" : "pm";
    t = t.slice(0, m.index).trim();
  }
  // The date and the clock, in either order (Bybit writes "15:14 2025-06-06"), split by a space, a T or ", ".
  const pieces = t.split(/,?\s+|(?<=\d)T(?=\d)/).filter((p) => p !== "");
  let date: string | undefined;
  let clock: string | undefined;
  for (const p of pieces) {
    if (CLOCK.test(p) && clock === undefined) clock = p;
    else if (date === undefined) date = p;
    else return undefined;
  }
  if (date === undefined || pieces.length > 2) return undefined;
  const d = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})\.?$/.exec(date);
  if (!d) return undefined;
  const [x, y, z] = [d[1]!, d[3]!, d[4]!];
  let yearFirst = x.length === 4 || (yearFirstTwoDigits && x.length === 2 && z.length === 2);
  let twoDigitYear: DateParts["twoDigitYear"];
  if (x.length === 4) {
    if (z.length > 2) return undefined;
  } else if (z.length === 4) {
    if (x.length > 2) return undefined;
  } else if (x.length === 2 && z.length === 2 && y.length <= 2) {
    twoDigitYear = yearFirst ? "first" : "last";
    if (!yearFirst && Number(x) > 31) {
      yearFirst = true; // 26-03-17 cannot start with a day above 31
      twoDigitYear = "first";
    }
  } else return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  if (clock !== undefined) {
    const k = CLOCK.exec(clock)!;
    hour = Number(k[1]);
    minute = Number(k[2]);
    second = Number(k[3] ?? 0);
    ms = k[4] ? Math.round(Number(`0.${k[4]}`) * 1000) : 0;
  } else if (meridiem) return undefined;
  return { yearFirst, a: Number(x), b: Number(y), c: Number(z), twoDigitYear, hour, minute, second, ms, meridiem, offset };
}

/** What a date cell says about its order: decided (a day above 12 in one place), open (either reading works) or impossible. */
export function orderEvidence(p: DateParts): DateOrder | "either" | "neither" {
  if (p.yearFirst) return "ymd";
  const dmy = p.a >= 1 && p.a <= 31 && p.b >= 1 && p.b <= 12;
  const mdy = p.b >= 1 && p.b <= 31 && p.a >= 1 && p.a <= 12;
  if (dmy && mdy) return p.a === p.b ? "either" : "either";
  if (dmy) return "dmy";
  if (mdy) return "mdy";
  return "neither";
}

export interface OrderDecision {
  order: DateOrder | undefined;
  /** Cells that read two ways (for the question), when no cell decides. */
  ambiguous: { line: number; text: string }[];
  conflict?: { dmy: { line: number; text: string }; mdy: { line: number; text: string } };
}

/** The order of day and month in a column of dates, decided by a day above 12, or left to the trader. */
export function decideOrder(cells: Iterable<{ line: number; text: string; parts: DateParts }>): OrderDecision {
  let dmy: { line: number; text: string } | undefined;
  let mdy: { line: number; text: string } | undefined;
  let yearFirst = false;
  const ambiguous: { line: number; text: string }[] = [];
  let differs = false;
  for (const c of cells) {
    const e = orderEvidence(c.parts);
    const said = { line: c.line, text: c.text };
    if (e === "ymd") yearFirst = true;
    else if (e === "dmy") dmy ??= said;
    else if (e === "mdy") mdy ??= said;
    else if (e === "either") {
      if (c.parts.a !== c.parts.b) differs = true;
      if (ambiguous.length < 3 && c.parts.a !== c.parts.b) ambiguous.push(said);
    }
  }
  if (dmy && mdy) return { order: undefined, ambiguous: [], conflict: { dmy, mdy } };
  if (dmy) return { order: "dmy", ambiguous: [] };
  if (mdy) return { order: "mdy", ambiguous: [] };
  if (yearFirst || !differs) return { order: yearFirst ? "ymd" : "dmy", ambiguous: [] };
  return { order: undefined, ambiguous };
}

const MS_PER_DAY = 86_400_000;
/** Excel's serial of 1970-01-01. */
export const UNIX_EPOCH_SERIAL = 25569;

/** Days from 1970-01-01 to a civil date (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/**
 * A date cell's time as written, in milliseconds since 1970 of its wall clock (an offset stated in the cell
 * applied, giving UTC), with the order `order` where the cell leaves it open; undefined when no such date exists.
 */
export function partsMs(p: DateParts, order: DateOrder | undefined): { ms: number; utc: boolean } | undefined {
  if (p.epochMs !== undefined) return { ms: p.epochMs, utc: true };
  let y: number;
  let mo: number;
  let d: number;
  if (p.yearFirst) [y, mo, d] = [p.a, p.b, p.c];
  else if (order === "mdy") [mo, d, y] = [p.a, p.b, p.c];
  else if (order === "dmy" || (order === undefined && p.a === p.b)) [d, mo, y] = [p.a, p.b, p.c];
  else return undefined;
  if (p.twoDigitYear) y += 2000;
  let h = p.hour;
  if (p.meridiem) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (p.meridiem === "pm" ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || p.minute > 59 || p.second > 59) return undefined;
  const days = daysFromCivil(y, mo, d);
  if (new Date(days * MS_PER_DAY).getUTCDate() !== d) return undefined; // 31 April
  let ms = days * MS_PER_DAY + ((h * 60 + p.minute) * 60 + p.second) * 1000 + p.ms;
  if (p.offset !== undefined) ms -= p.offset * 60_000;
  if (ms < FIRST_MS) return undefined; // serials before 1900-03-01 are not Excel's dates
  return { ms, utc: p.offset !== undefined };
}

const FIRST_MS = Date.UTC(1900, 2, 1);

/** Milliseconds since 1970 → Excel serial: whole seconds by one division, as LEV.TRADES reads ISO text. */
export function msSerial(ms: number): number {
  if (ms % 1000 === 0) return (ms / 1000 + UNIX_EPOCH_SERIAL * 86400) / 86400;
  return (ms + UNIX_EPOCH_SERIAL * MS_PER_DAY) / MS_PER_DAY;
}

/** Excel serial → milliseconds since 1970, to the millisecond. */
export function serialMs(serial: number): number {
  return Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
}

/** Excel serial → "2024-01-08 09:30:00" (the serial's own wall clock), for the preview. */
export function serialText(serial: number): string {
  const d = new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
  return d.toISOString().replace("T", " ").slice(0, 19);
}

// ─── Time zones ──────────────────────────────────────────────────────────────────────────────────────

/** A time zone: the file's times as written (zone unknown), a fixed offset, or a named zone with its DST rules. */
export type Zone = { kind: "written" } | { kind: "offset"; minutes: number } | { kind: "named"; name: string };

export const UTC: Zone = { kind: "offset", minutes: 0 };
export const AS_WRITTEN: Zone = { kind: "written" };

/** "UTC", "UTC+6", "UTC−6", "UTC+5:30", "Europe/Athens", "as written". */
export function zoneLabel(z: Zone): string {
  if (z.kind === "written") return "as written";
  if (z.kind === "named") return z.name;
  if (z.minutes === 0) return "UTC";
  const a = Math.abs(z.minutes);
  return `UTC${z.minutes < 0 ? "\u2212" : "+"}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, "0")}` : ""}`;
}

/** A zone as a key for a select ("written", "UTC+6", "Europe/Athens"), and back. */
export function zoneKey(z: Zone): string {
  return z.kind === "written" ? "written" : z.kind === "named" ? z.name : zoneLabel(z).replace("\u2212", "-");
}

export function zoneFromKey(key: string): Zone | undefined {
  if (key === "written") return AS_WRITTEN;
  const fixed = parseOffset(key);
  if (fixed !== undefined) return { kind: "offset", minutes: fixed };
  return isNamedZone(key) ? { kind: "named", name: key } : undefined;
}

/**
 * Minutes east of UTC written as "UTC+6", "UTC--6" (Binance's file names write a negative offset with two
 * dashes), "UTC-6", "UTC+5:30", "UTC+0", "GMT+9", "UTC"; undefined for anything else.
 */
export function parseOffset(text: string): number | undefined {
  const m = /^(?:UTC|GMT)(?:\s*([+\-\u2212]{1,2})\s*(\d{1,2})(?::?(\d{2}))?)?$/i.exec(text.trim());
  if (!m) return undefined;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  const sign = m[1] === "+" ? 1 : m[1] === "++" ? undefined : -1;
  if (sign === undefined) return undefined;
  return minutes === 0 ? 0 : sign * minutes;
}

/** A zone stated in a text (a file name, a header cell, a first line): the offset and the words that state it. */
export function statedZone(text: string): { zone: Zone; said: string } | undefined {
  const m = /\b(?:UTC|GMT)(?:\s*[+\-\u2212]{1,2}\s*\d{1,2}(?::?\d{2})?)?(?![\w:])/i.exec(text);
  if (!m) return undefined;
  const minutes = parseOffset(m[0]);
  if (minutes === undefined) return undefined;
  return { zone: { kind: "offset", minutes }, said: m[0] };
}

export function isNamedZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return /\//.test(name) || name === "UTC";
  } catch {
    return false;
  }
}

/** The named zones the runtime knows (Intl), for the zone pickers. */
export function namedZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf("timeZone").filter((z) => z.includes("/")) : [];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

/** A named zone's offset (minutes east of UTC) at a UTC instant, through Intl; cached per quarter hour. */
export function namedOffset(name: string, utcMs: number): number {
  let cache = offsetCache.get(name);
  if (!cache) offsetCache.set(name, (cache = new Map()));
  const bucket = Math.floor(utcMs / QUARTER_HOUR);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  let f = formatters.get(name);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(name, f);
  }
  const at = bucket * QUARTER_HOUR;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = Math.round((wall - at) / 60_000);
  if (cache.size > 50_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/** How a wall-clock time in a named zone maps to UTC: one instant, two (the repeated hour) or none (the skipped hour). */
export interface ZoneReading {
  utcMs: number;
  /** The wall time occurs twice (clocks went back): read as its first occurrence. */
  repeated?: boolean;
  /** The wall time never occurs (clocks went forward): read with the offset in force before the change. */
  skipped?: boolean;
}

export function namedToUtc(name: string, wallMs: number): ZoneReading {
  const candidates = new Set([namedOffset(name, wallMs - MS_PER_DAY), namedOffset(name, wallMs + MS_PER_DAY), namedOffset(name, wallMs)]);
  const valid = [...candidates].filter((o) => namedOffset(name, wallMs - o * 60_000) === o).map((o) => wallMs - o * 60_000);
  if (valid.length === 0) return { utcMs: wallMs - namedOffset(name, wallMs - MS_PER_DAY) * 60_000, skipped: true };
  valid.sort((a, b) => a - b);
  return valid.length > 1 ? { utcMs: valid[0]!, repeated: true } : { utcMs: valid[0]! };
}

/** Converts a time (ms of its wall clock) written in `from` to the wall clock of `to`. `from` as written leaves it as it is. */
export function convertMs(wallMs: number, from: Zone, to: Zone): { ms: number; repeated?: boolean; skipped?: boolean } {
  if (from.kind === "written" || to.kind === "written") return { ms: wallMs };
  if (from.kind === "offset" && to.kind === "offset") return { ms: wallMs + (to.minutes - from.minutes) * 60_000 };
  const utc: ZoneReading = from.kind === "offset" ? { utcMs: wallMs - from.minutes * 60_000 } : namedToUtc(from.name, wallMs);
  const offset = to.kind === "offset" ? to.minutes : namedOffset(to.name, utc.utcMs);
  return { ms: utc.utcMs + offset * 60_000, repeated: utc.repeated, skipped: utc.skipped };
}
