/**
 * How the grid shows values, as Excel does: the General format (up to 15 significant digits, as many as
 * the column has room for) and Excel number formats ("#,##0.00", "0.00%", '0.00"x"', "yyyy-mm-dd hh:mm").
 * The cell keeps the full value; only the text shown changes. A number that does not fit its column shows
 * as ### (Excel never cuts a number: a cut 62000 would read 62); `fits` says whether a text fits.
 */
export type NumberFormat = string;

/** Whether a text fits the cell it is shown in; by default, at most 11 characters. */
export type Fits = (text: string) => boolean;

const byLength =
  (maxChars: number): Fits =>
  (text) =>
    text.length <= maxChars;

/** As many #'s as fit: what Excel shows for a number too wide for its column. */
export function hashes(fits: Fits): string {
  let text = "#";
  while (text.length < 40 && fits(`${text}#`)) text += "#";
  return text;
}

/** Excel's General format with as many significant digits as fit, or ### when not even 1 does. */
export function general(n: number, fits: Fits | number = 11): string {
  const ok = typeof fits === "number" ? byLength(fits) : fits;
  if (n === 0) return "0";
  if (!Number.isFinite(n)) return "#NUM!";
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e11) {
    // digits before the point are never dropped: when they do not fit, Excel turns to 1.2E+10 or ###
    const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
    for (let p = 15; p >= 1; p--) {
      const text = String(Number(n.toPrecision(p)));
      if (/e/i.test(text)) break;
      if (p < intDigits && abs >= 1) break;
      if (ok(text)) return text;
    }
  }
  for (let p = 6; p >= 1; p--) {
    const text = n.toExponential(p - 1).replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "e$10$2").replace("e", "E");
    if (ok(text)) return text;
  }
  return hashes(ok);
}

/** The sections of a format ("pos;neg;zero;text"), split outside quotes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted) {
      cur += ch + (format[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The format without its quoted text, escapes, [colour] and _x / *x spacers: what carries meaning. */
function bare(section: string): string {
  return section.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").replace(/[_*]./g, "");
}

export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhs]/i.test(bare(sections(format)[0]!).replace(/General/i, ""));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** An Excel serial date (1900 system: 25569 is 1970-01-01) as the parts of the date and time it stands for. */
export function dateParts(serial: number) {
  // Excel counts a 29 Feb 1900 that never was; serials from 61 on are one day ahead of the calendar.
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hours: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
  };
}

function formatDate(serial: number, section: string): string {
  if (serial < 0) return hashes(() => true).slice(0, 11);
  const p = dateParts(serial);
  const ampm = /AM\/PM|A\/P/i.test(section);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  let out = "";
  let lastWasHour = false;
  const tokens = section.match(/"[^"]*"|\\.|\[[^\]]*\]|AM\/PM|A\/P|y+|m+|d+|h+|s+|./gi) ?? [];
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase();
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith("\\")) out += t.slice(1);
    else if (t.startsWith("[")) out += "";
    else if (/^(am\/pm|a\/p)$/.test(lower)) out += p.hours < 12 ? (lower === "a/p" ? "A" : "AM") : lower === "a/p" ? "P" : "PM";
    else if (lower[0] === "y") out += lower.length <= 2 ? pad(p.year % 100) : String(p.year);
    else if (lower[0] === "d") out += lower.length === 1 ? String(p.day) : lower.length === 2 ? pad(p.day) : lower.length === 3 ? DAYS[p.weekday]!.slice(0, 3) : DAYS[p.weekday]!;
    else if (lower[0] === "h") {
      const h = ampm ? ((p.hours + 11) % 12) + 1 : p.hours;
      out += lower.length === 1 ? String(h) : pad(h);
    } else if (lower[0] === "s") out += lower.length === 1 ? String(p.seconds) : pad(p.seconds);
    else if (lower[0] === "m") {
      // m is minutes after an hour or before seconds, else the month
      const next = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x) && !/^(am\/pm|a\/p)$/i.test(x));
      const minutes = lower.length <= 2 && (lastWasHour || (next !== undefined && next[0]!.toLowerCase() === "s"));
      if (minutes) out += lower.length === 1 ? String(p.minutes) : pad(p.minutes);
      else out += lower.length === 1 ? String(p.month) : lower.length === 2 ? pad(p.month) : lower.length === 3 ? MONTHS[p.month - 1]!.slice(0, 3) : MONTHS[p.month - 1]!;
    } else out += t;
    if (/^[a-z]/i.test(t)) lastWasHour = lower[0] === "h";
  });
  return out;
}

/** A number by one numeric section: digits from the 0 # ? , . placeholders, literals around them. */
function formatNumeric(n: number, section: string): string {
  const meaning = bare(section);
  const percent = (meaning.match(/%/g) ?? []).length;
  const value = n * 100 ** percent;
  const sci = /E[+-]/i.exec(meaning);
  // the placeholders: first digit placeholder to the last
  const m = /[0#?][0#?,.]*(?:E[+-][0#]+)?/i.exec(section.replace(/"[^"]*"/g, (q) => "\u0000".repeat(q.length)));
  if (!m) return section.replace(/"([^"]*)"/g, "$1");
  const placeholder = section.slice(m.index, m.index + m[0].length);
  let before = section.slice(0, m.index);
  let after = section.slice(m.index + m[0].length);
  const literal = (t: string) => t.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1").replace(/\[[^\]]*\]/g, "").replace(/_./g, " ").replace(/\*./g, "");
  before = literal(before);
  after = literal(after);
  const mantissa = placeholder.split(/E[+-]/i)[0]!;
  // trailing commas scale by thousands
  const scaleCommas = /(,+)$/.exec(mantissa)?.[1]?.length ?? 0;
  const body = mantissa.slice(0, mantissa.length - scaleCommas);
  const [intPart = "", fracPart = ""] = body.split(".");
  const minFrac = (fracPart.match(/[0?]/g) ?? []).length;
  const maxFrac = (fracPart.match(/[0#?]/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouping = intPart.includes(",");
  let text: string;
  if (sci) {
    const digits = Math.max(0, maxFrac);
    const [coef, exp] = Math.abs(value).toExponential(digits).split("e");
    const expDigits = (placeholder.split(/E[+-]/i)[1] ?? "00").length;
    const e = Number(exp);
    text = `${coef}E${e < 0 ? "-" : sci[0]![1] === "+" ? "+" : ""}${String(Math.abs(e)).padStart(expDigits, "0")}`;
  } else {
    text = (Math.abs(value) / 1000 ** scaleCommas).toLocaleString("en-US", {
      minimumFractionDigits: minFrac,
      maximumFractionDigits: maxFrac,
      minimumIntegerDigits: Math.max(1, minInt),
      useGrouping: grouping,
    });
    if (minInt === 0 && text.startsWith("0") && text.length > 1) text = text.slice(1);
    if (maxFrac === 0 && body.includes(".")) text += ".";
  }
  return `${before}${text}${after}`;
}

/**
 * A value as `format` shows it, or ### when it does not fit. General (or no format) shows as many digits
 * as fit. Dates and times from an Excel serial number.
 */
export function formatNumber(n: number, format: NumberFormat | undefined, fits: Fits | number = 11): string {
  const ok = typeof fits === "number" ? byLength(fits) : fits;
  if (!Number.isFinite(n)) return "#NUM!";
  if (!format || /^general$/i.test(format)) return general(n, ok);
  const parts = sections(format);
  let section = parts[0]!;
  let value = n;
  let sign = "";
  if (n < 0 && parts.length > 1 && parts[1] !== "") {
    section = parts[1]!;
    value = -n;
  } else if (n === 0 && parts.length > 2 && parts[2] !== "") section = parts[2]!;
  else if (n < 0) sign = "-";
  if (/^general$/i.test(bare(section).trim())) return general(n, ok);
  let text: string;
  if (isDateFormat(section)) text = formatDate(value, section);
  else {
    // a negative that rounds to nothing keeps its sign (-0.00), as in Excel
    text = sign + formatNumeric(Math.abs(value), section);
  }
  return ok(text) ? text : hashes(ok);
}
