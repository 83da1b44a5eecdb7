import { InvalidArgumentError } from "../spec/errors";
import { describe } from "../spec/read";

/** Dates in the journal: ISO date-time text as the Excel serial Excel would store, and a date-time cell. */

/** 1970-01-01 as an Excel serial. */
const UNIX_EPOCH_SERIAL = 25569;
/** 1900-03-01: the first date whose Excel serial counts real days (Excel counts a 1900-02-29 that never was). */
const FIRST_SERIAL = 61;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the civil-calendar count, without a clock or Date). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * ISO date-time text (`YYYY-MM-DD`, `YYYY-MM-DD hh:mm`, `YYYY-MM-DD hh:mm:ss`, `T` for the space) as the Excel
 * serial of that date-time; undefined when it is not such text or no such date exists.
 */
export function isoSerial(text: string): number | undefined {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((x) => x);
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const days = daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
  if (days < FIRST_SERIAL) return undefined;
  // One division of exact integers: the double nearest the true serial, as Excel stores it.
  return (days * 86400 + hour * 3600 + minute * 60 + second) / 86400;
}

/** A date-time cell: a serial as it is, or ISO text as the serial Excel would store; else #VALUE! naming `where`. */
export function readTime(v: unknown, row: number, field = "times", where = `row ${row}`): number {
  if (typeof v === "number" && v - v === 0) return v; // finite
  if (typeof v === "string") {
    const serial = isoSerial(v);
    if (serial !== undefined) return serial;
  }
  throw new InvalidArgumentError(
    field,
    `${where} should be a date-time (a date-time cell, or text such as "2024-01-08 09:30:00" from 1900-03-01 on), got ${describe(v)}`,
  );
}
