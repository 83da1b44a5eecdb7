/**
 * What a trader types into a cell, read as Excel reads it in the en-US locale (the playground's one documented
 * typing locale; imported files are read by evidence instead, see csv-open.ts):
 *
 * - `1,000` and `1,234.5` are numbers with a thousands format; `$1,000` a currency; `(100)` and `($1,000)`
 *   negative numbers shown in parentheses;
 * - `5%` is 0.05 with a percent format (`0.5%` with two decimals);
 * - `3/6/2024` is March 6 (month first), `3/6` March 6 of this year, `6-Mar-2024` and `Mar 6, 2024` too, each
 *   with a date format; `10:30` and `10:30 PM` are times; `2024-03-06 10:00` is an ISO date and time;
 * - TRUE and FALSE are logical values; text starting with `=` is a formula; anything else is text.
 *
 * Excel's own rules: "Change the date system, format, or two-digit year interpretation" (support.microsoft.com)
 * for years 00–29 → 2000–2029 and 30–99 → 1930–1999; "Number format codes" for the formats.
 */

export type TypedContent = string | number | boolean | null;

export interface Typed {
  value: TypedContent;
  /** The number format Excel gives a General cell for what was typed, when it gives one. */
  format?: string;
}

const DAY_MS = 86_400_000;
/** Excel's serial of 1970-01-01 (the 1900 date system). */
const UNIX_SERIAL = 25569;

/** Excel's serial number of a date and time (given in calendar parts, no time zone). */
export function serialOf(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  return Date.UTC(year, month - 1, day, h, m, s) / DAY_MS + UNIX_SERIAL;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => w.startsWith(m));
  if (i < 0) return undefined;
  const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][i]!;
  return full.startsWith(w) || (w === "sept" && i === 8) ? i + 1 : undefined;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** A two-digit year as Excel reads it: 00–29 are 2000–2029, 30–99 are 1930–1999. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm]?)?$/;

/** "10:30", "10:30:15", "10:30 PM" → [hours, minutes, seconds, 12-hour clock], or undefined. */
function readTime(text: string): [number, number, number, boolean] | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const ampm = m[4]?.toLowerCase();
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ampm === "p" ? 12 : 0);
  }
  if (h > 23 || min > 59 || s > 59) return undefined;
  return [h, min, s, ampm !== undefined];
}

const timeFormat = (t: [number, number, number, boolean]) => `h:mm${t[2] ? ":ss" : ""}${t[3] ? " AM/PM" : ""}`;

/** A date as en-US types it, with an optional time after it; undefined when it is not one. */
function readDate(text: string, thisYear: number): Typed | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](.+))?$/.exec(text);
  const us = /^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?:\s+(.+))?$/.exec(text);
  const dmy = /^(\d{1,2})[- ]([A-Za-z]{3,9})\.?(?:[- ](\d{4}|\d{2}))?(?:\s+(\d.+))?$/.exec(text);
  const mdy = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:,? (\d{4}))?(?:\s+(\d.+))?$/.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  let rest: string | undefined;
  let format: string;
  if (iso) {
    [y, mo, d, rest] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4]];
    format = "yyyy-mm-dd";
  } else if (us) {
    // en-US: the month comes first (3/6/2024 is March 6)
    [mo, d, rest] = [Number(us[1]), Number(us[3]), us[5]];
    y = us[4] ? fullYear(us[4]) : thisYear;
    format = us[4] ? "m/d/yyyy" : "d-mmm";
  } else if (dmy) {
    const month = monthOf(dmy[2]!);
    if (month === undefined) return undefined;
    [d, mo, rest] = [Number(dmy[1]), month, dmy[4]];
    y = dmy[3] ? fullYear(dmy[3]) : thisYear;
    format = dmy[3] ? "d-mmm-yy" : "d-mmm";
  } else if (mdy) {
    const month = monthOf(mdy[1]!);
    if (month === undefined) return undefined;
    [mo, d, rest] = [month, Number(mdy[2]), mdy[4]];
    y = mdy[3] ? Number(mdy[3]) : thisYear;
    format = mdy[3] ? "d-mmm-yy" : "d-mmm";
  } else return undefined;
  if (!validDate(y, mo, d)) return undefined;
  if (rest === undefined) return { value: serialOf(y, mo, d), format };
  const t = readTime(rest);
  if (!t) return undefined;
  const withTime = iso ? `yyyy-mm-dd hh:mm${t[2] ? ":ss" : ""}` : `${format === "d-mmm" ? "m/d/yyyy" : format} ${timeFormat(t)}`;
  return { value: serialOf(y, mo, d, t[0], t[1], t[2]), format: withTime };
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Digits with or without thousands separators (in threes), and decimals. */
const AMOUNT = "(\\d{1,3}(?:,\\d{3})+|\\d+)?(\\.\\d+)?";
const PERCENT = new RegExp(`^([+-]?)${AMOUNT}\\s?%$`);
const MONEY = new RegExp(`^(\\()?\\s*([+-]?)\\s*(\\$)?\\s*([+-]?)${AMOUNT}\\s*(\\))?$`);

/** Reads a number in one of Excel's typed forms: thousands, currency, parentheses, percent. */
function readNumber(t: string): Typed | undefined {
  if (PLAIN.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? { value: n } : undefined;
  }
  const p = PERCENT.exec(t);
  if (p && (p[2] || p[3])) {
    const n = Number(`${p[2] ?? "0"}${p[3] ?? ""}`.replace(/,/g, "")) / 100;
    // 5% → 0%, 0.5% → 0.00%, as Excel formats a typed percent
    return { value: p[1] === "-" ? -n : n, format: p[3] ? "0.00%" : "0%" };
  }
  const m = MONEY.exec(t);
  if (!m) return undefined;
  const [, open, sign1, dollar, sign2, int, frac, close] = m;
  if (!int && !frac) return undefined;
  if (Boolean(open) !== Boolean(close)) return undefined;
  if (sign1 && sign2) return undefined;
  const grouped = Boolean(int?.includes(","));
  if (!dollar && !grouped && !open) return undefined; // plain numbers were read above
  let n = Number(`${int ?? "0"}${frac ?? ""}`.replace(/,/g, ""));
  if (open || sign1 === "-" || sign2 === "-") n = -n;
  if (open && (sign1 || sign2)) return undefined;
  const decimals = frac ? ".00" : "";
  let format: string;
  if (dollar) format = `$#,##0${decimals}_);($#,##0${decimals})`;
  else if (open) format = `#,##0${decimals}_);(#,##0${decimals})`;
  else format = `#,##0${decimals}`;
  return { value: n === 0 ? 0 : n, format };
}

/** What a typed text is, as Excel in en-US reads it. `thisYear` is for dates typed without a year. */
export function readTyped(text: string, thisYear = new Date().getFullYear()): Typed {
  const t = text.trim();
  if (t === "") return { value: null };
  if (t.startsWith("=")) return { value: t };
  if (t.startsWith("'")) return { value: text }; // kept as text, as typed (the apostrophe is not shown)
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  const number = readNumber(t);
  if (number) return number;
  const date = readDate(t, thisYear);
  if (date) return date;
  const time = readTime(t);
  if (time) return { value: (time[0] * 3600 + time[1] * 60 + time[2]) / 86400, format: timeFormat(time) };
  return { value: text };
}
