import * as fc from "fast-check";
import Papa from "papaparse";
import { isoSerial } from "../../../src/engine";
import { analyse, type Analysis, type ReadOptions } from "../../../src/taskpane/model/journal-import";
import {
  convertMs,
  dateParts,
  decideMark,
  decideOrder,
  markEvidence,
  msSerial,
  namedToUtc,
  parseOffset,
  partsMs,
  readNumber,
  statedZone,
  writtenDecimals,
  type DecimalMark,
} from "../../../src/taskpane/model/journal-read";
import { csvGrid, decode, ImportError } from "../../../src/taskpane/model/journal-source";
import { fixtureBytes, FIXTURES } from "./journal-fixtures";

/*
 * Reading by evidence: the decimal mark from the values themselves, the order of day and month from a day
 * above 12, 12-hour clocks, the forms exchanges write their times in, and time zones (fixed offsets as
 * stated, named zones with their daylight-saving rules). Then every export read again under each variant a
 * file meets in the wild (delimiter, byte-order mark, CRLF, quoted numbers, thousands separators, decimal
 * commas), alone and combined: the same fills, or a question or message naming the problem, never other numbers.
 */

const at = (iso: string) => isoSerial(iso)!;
const ms = (iso: string) => Date.parse(`${iso.replace(" ", "T")}Z`);

describe("numbers: the decimal mark is decided by the values", () => {
  it.each([
    ["0.007393", "."],
    ["185,50", ","],
    ["1,234.5", "."],
    ["1.234,5", ","],
    ["1,234,567", "."],
    ["1.234.567", ","],
    ["0,123", ","], // a thousands separator never follows a lone 0
    ["1234,567", ","], // nor four digits
    ["-3.605E-05", "."],
    ["4 101.093", "."], // MetaTrader groups thousands with a space
    ["1,234", "ambiguous"],
    ["1.234", "ambiguous"],
    ["-12.500", "ambiguous"],
    ["1234", "none"],
    ["10 000", "none"],
    ["n/a", "invalid"],
    ["1,23,456", "invalid"],
  ])("%s says %s", (text, evidence) => {
    expect(markEvidence(text)).toBe(evidence);
  });

  it.each([
    ["1,234.5", ".", 1234.5],
    ["1.234,5", ",", 1234.5],
    ["1,234", ".", 1234],
    ["1,234", ",", 1.234],
    ["- 2.50", ".", -2.5],
    ["(2.50)", ".", -2.5],
    ["3 030.85", ".", 3030.85],
    ["0E-8", ".", 0],
    ["-3.605E-05", ".", -0.00003605],
    ["105.88000000000000000000", ".", 105.88],
  ] as const)("%s with a decimal %s is %d", (text, mark, value) => {
    expect(readNumber(text, mark as DecimalMark)).toBe(value);
  });

  it.each([
    ["1,5", "."],
    ["1.2.3", "."],
    ["12 34", "."],
    ["1.5", ","],
  ] as const)("%s is not a number written with a decimal %s", (text, mark) => {
    expect(readNumber(text, mark as DecimalMark)).toBeUndefined();
  });

  it("decides a file's mark from any decisive cell, asks when none decides, and names two cells that disagree", () => {
    const cell = (text: string, line = 2) => ({ line, column: "Price", text });
    expect(decideMark([cell("1,234"), cell("0.5")])).toEqual({ mark: ".", ambiguous: [] });
    expect(decideMark([cell("1,234"), cell("2,500")])).toEqual({ mark: undefined, ambiguous: [cell("1,234"), cell("2,500")] });
    expect(decideMark([cell("12"), cell("7")])).toEqual({ mark: undefined, ambiguous: [] });
    expect(decideMark([cell("0.5", 2), cell("1,5", 3)]).conflict).toEqual({ point: cell("0.5", 2), comma: cell("1,5", 3) });
  });

  it("counts the decimals an export writes (its last digit's place), a fixed width of twenty being padding", () => {
    expect([writtenDecimals("0.49020000"), writtenDecimals("-0.09367512000000000000"), writtenDecimals("50.71"), writtenDecimals("4")]).toEqual([8, 8, 2, 0]);
  });
});

describe("dates: every form exchanges write, the order of day and month by evidence", () => {
  it.each([
    ["2024-03-04 09:00:00", "2024-03-04 09:00:00"],
    ["2024-03-04T09:00:00.000Z", "2024-03-04 09:00:00"],
    ["2022.10.28 12:48:49", "2022-10-28 12:48:49"], // MetaTrader
    ["15:14 2025-06-06", "2025-06-06 15:14:00"], // Bybit's unified account: the clock first
    ["1/26/2020, 6:32:04 PM", "2020-01-26 18:32:04"], // BitMEX: US order (26 is no month) and a 12-hour clock
    ["12/25/2019, 7:00:00 AM", "2019-12-25 07:00:00"],
    ["1/2/2020 12:05:00 AM", "2020-01-02 00:05:00"], // 12 AM is midnight (month first: from the file's other dates)
    ["1/2/2020 12:05:00 PM", "2020-01-02 12:05:00"],
  ])("%s is %s", (text, iso) => {
    const p = dateParts(text)!;
    const order = decideOrder([{ line: 2, text, parts: p }]).order ?? "mdy";
    expect(msSerial(partsMs(p, order)!.ms)).toBe(at(iso));
  });

  it("reads Binance's two-digit years first when its layout says so, and a two-digit day-first date otherwise only with a day above 31", () => {
    expect(msSerial(partsMs(dateParts("26-03-17 09:34:12", true)!, undefined)!.ms)).toBe(at("2026-03-17 09:34:12"));
    expect(dateParts("26-03-17 09:34:12", false)!.yearFirst).toBe(false);
    expect(dateParts("32-03-17 09:34:12", false)!.yearFirst).toBe(true);
  });

  it("reads milliseconds since 1970 and a stated offset as UTC", () => {
    expect(partsMs(dateParts("1709543100000")!, undefined)).toEqual({ ms: 1709543100000, utc: true }); // 2024-03-04 09:05:00 UTC
    expect(partsMs(dateParts("2024-03-04T17:05:00+08:00")!, undefined)).toEqual({ ms: ms("2024-03-04 09:05:00"), utc: true });
  });

  it("refuses what is no date: a 13th month, 31 April, a 13 PM", () => {
    expect(partsMs(dateParts("2024-13-01 10:00")!, undefined)).toBeUndefined();
    expect(partsMs(dateParts("2024-04-31 10:00")!, undefined)).toBeUndefined();
    expect(partsMs(dateParts("1/2/2020 13:05:00 PM")!, "mdy")).toBeUndefined();
    expect(dateParts("yesterday")).toBeUndefined();
  });

  it("decides day-first or US from a day above 12, asks when no date has one, and names two that disagree", () => {
    const cells = (...texts: string[]) => texts.map((text, i) => ({ line: i + 2, text, parts: dateParts(text)! }));
    expect(decideOrder(cells("03/04/2024 09:30", "25/04/2024 10:00")).order).toBe("dmy");
    expect(decideOrder(cells("03/04/2024 09:30", "04/25/2024 10:00")).order).toBe("mdy");
    expect(decideOrder(cells("03/04/2024 09:30", "05/06/2024 10:00"))).toEqual({ order: undefined, ambiguous: [{ line: 2, text: "03/04/2024 09:30" }, { line: 3, text: "05/06/2024 10:00" }] });
    expect(decideOrder(cells("25/04/2024", "04/25/2024")).conflict).toBeDefined();
    expect(decideOrder(cells("04/04/2024")).order).toBe("dmy"); // the same either way: nothing to ask
  });
});

describe("time zones", () => {
  it.each([
    ["UTC+6", 360],
    ["UTC--6", -360], // Binance's file names
    ["UTC-6", -360],
    ["UTC+5:30", 330],
    ["GMT+9", 540],
    ["UTC+0", 0],
    ["UTC", 0],
    ["UTC+15", undefined],
  ])("%s is %s minutes east of UTC", (text, minutes) => {
    expect(parseOffset(text)).toBe(minutes);
  });

  it("finds the zone a file name, a header cell or a first line states", () => {
    expect(statedZone("Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv")).toEqual({ zone: { kind: "offset", minutes: 360 }, said: "UTC+6" });
    expect(statedZone("Binance-Spot-Trade-History-202603230406(UTC--6)_abcd.csv")?.zone).toEqual({ kind: "offset", minutes: -360 });
    expect(statedZone("Trade Time(UTC+0)")?.zone).toEqual({ kind: "offset", minutes: 0 });
    expect(statedZone("Date(UTC)")?.zone).toEqual({ kind: "offset", minutes: 0 });
    expect(statedZone("Time Zone:UTC+8")?.zone).toEqual({ kind: "offset", minutes: 480 });
    expect(statedZone("ReportHistory-10000001.csv")).toBeUndefined();
  });

  it("applies a fixed offset as stated and a named zone with its daylight-saving rules", () => {
    const utc = { kind: "offset", minutes: 0 } as const;
    // UTC+6 → UTC: six hours earlier
    expect(convertMs(ms("2026-06-17 00:02:02"), { kind: "offset", minutes: 360 }, utc).ms).toBe(ms("2026-06-16 18:02:02"));
    // Athens is UTC+2 in winter and UTC+3 in summer (EET/EEST)
    const athens = { kind: "named", name: "Europe/Athens" } as const;
    expect(convertMs(ms("2024-01-15 12:00:00"), athens, utc).ms).toBe(ms("2024-01-15 10:00:00"));
    expect(convertMs(ms("2024-07-01 12:00:00"), athens, utc).ms).toBe(ms("2024-07-01 09:00:00"));
    // and back, into New York's summer time (UTC−4)
    expect(convertMs(ms("2024-07-01 12:00:00"), athens, { kind: "named", name: "America/New_York" }).ms).toBe(ms("2024-07-01 05:00:00"));
    // 31 March 2024: Athens' clocks go from 03:00 to 04:00 (03:30 never happens); 27 October: 03:30 happens twice
    expect(namedToUtc("Europe/Athens", ms("2024-03-31 03:30:00")).skipped).toBe(true);
    const twice = namedToUtc("Europe/Athens", ms("2024-10-27 03:30:00"));
    expect(twice).toEqual({ utcMs: ms("2024-10-27 00:30:00"), repeated: true }); // its first occurrence, at UTC+3
    // as written: nothing moves
    expect(convertMs(ms("2024-07-01 12:00:00"), { kind: "written" }, utc).ms).toBe(ms("2024-07-01 12:00:00"));
  });
});

describe("text decoding", () => {
  it("decodes UTF-16LE (MetaTrader's HTML), UTF-8 with or without a byte-order mark, and Windows-1252", () => {
    const text = "Čas,Pár";
    expect(decode(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")])).text).toBe(text);
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, "utf8")])).text).toBe(text);
    expect(decode(new Uint8Array(Buffer.from(text, "utf8")))).toEqual({ text, encoding: "UTF-8" });
    expect(decode(new Uint8Array([0x50, 0xe9, 0x72, 0x69, 0x6f, 0x64, 0x65]))).toEqual({ text: "Période", encoding: "Windows-1252" });
  });
});

// ─── Variants ────────────────────────────────────────────────────────────────────────────────────────

/** The CSV exports of known layouts, read as they are. */
const CSV_EXPORTS = Object.keys(FIXTURES).filter((n) => n.endsWith(".csv") && FIXTURES[n]!.kind !== "hand-made");

interface Variant {
  delimiter: "," | ";" | "\t";
  bom: boolean;
  crlf: boolean;
  quoteAll: boolean;
  /** How a plain number is written: decimal mark and thousands separator. */
  decimal: DecimalMark;
  thousands: "" | "," | "." | " ";
}

/** A plain number, or one with a fraction and its coin after it ("0.02427264USDT", "0.29528919 USDC"). */
const NUMBER = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)$|^(-?\d+\.\d+)(\s?[A-Za-z][A-Za-z0-9]*)$/;

/** A number written another way: 1733.87 → "1,733.87", "1.733,87", "1733,87", "1 733.87". */
function styled(text: string, v: Variant): string {
  const m = NUMBER.exec(text)!;
  const [int, frac] = (m[1] ?? m[2]!).replace(/,/g, "").split(".");
  const coin = m[3] ?? "";
  const neg = int!.startsWith("-");
  const digits = neg ? int!.slice(1) : int!;
  const grouped = v.thousands ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, v.thousands) : digits;
  return `${neg ? "-" : ""}${grouped}${frac === undefined ? "" : v.decimal + frac}${coin}`;
}

/** The export's text written again under a variant, every plain number in the style the variant gives it. */
function rewrite(name: string, v: Variant): Uint8Array {
  const text = decode(fixtureBytes(name)).text.replace(/^\uFEFF/, "");
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const out = rows.map((r) => r.map((c) => (NUMBER.test(c) ? styled(c, v) : c)));
  const csv = Papa.unparse(out, { delimiter: v.delimiter, newline: v.crlf ? "\r\n" : "\n", quotes: v.quoteAll });
  return new Uint8Array(Buffer.from((v.bom ? "\uFEFF" : "") + csv, "utf8"));
}

const facts = (a: Analysis | undefined) =>
  a === undefined
    ? []
    : [
        ...a.fills.map((f) => [f.time, f.symbol, f.side, f.price, f.quantity, f.fee, f.feeAsset ?? null, f.positionSide ?? null, f.realised ?? null]),
        ...a.funding.map((p) => [p.time, p.symbol, p.amount, p.asset ?? null]),
      ];

/** Reads a variant; a question it asks is answered with the truth (the variant's own mark) and the file read again. */
function readVariant(name: string, v: Variant, original = false): { analysis?: Analysis; asked: boolean; problem?: string } {
  const source = { name, kind: "csv" as const, grid: csvGrid(decode(original ? fixtureBytes(name) : rewrite(name, v)).text), lineWord: "line" as const };
  try {
    let a = analyse(source);
    let asked = false;
    if (a.decimal && a.decimal.answer === undefined) {
      asked = true;
      const options: ReadOptions = { decimal: v.decimal };
      a = analyse(source, options);
    }
    return { analysis: a, asked };
  } catch (e) {
    if (e instanceof ImportError) return { asked: false, problem: e.message };
    throw e;
  }
}

const base = new Map<string, ReturnType<typeof readVariant>>();
/** The export read as it is: its fills, rows rejected, or the refusal (BitMEX's inverse contracts). */
const baseOf = (name: string) => {
  if (!base.has(name)) base.set(name, readVariant(name, PLAIN_VARIANT, true));
  return base.get(name)!;
};
const same = (name: string, r: ReturnType<typeof readVariant>) => {
  const b = baseOf(name);
  expect(r.problem).toBe(b.problem);
  expect(r.analysis?.rejected.map((x) => x.line)).toEqual(b.analysis?.rejected.map((x) => x.line));
  expect(facts(r.analysis)).toEqual(facts(b.analysis));
};

const ALONE: [string, Partial<Variant>][] = [
  ["semicolons", { delimiter: ";" }],
  ["tabs", { delimiter: "\t" }],
  ["a byte-order mark", { bom: true }],
  ["CRLF line ends", { crlf: true }],
  ["every cell quoted", { quoteAll: true }],
  ["thousands separators", { thousands: "," }],
  ["decimal commas", { decimal: ",", delimiter: ";" }],
  ["decimal commas and thousands dots", { decimal: ",", thousands: "." }],
];
/** The file as it is written (a comma CSV with decimal points). */
const PLAIN_VARIANT: Variant = { delimiter: ",", bom: false, crlf: false, quoteAll: false, decimal: ".", thousands: "" };

describe("each export read again under each variant alone: the same fills", () => {
  const cases = CSV_EXPORTS.flatMap((name) => ALONE.map(([what, change]) => [name, what, change] as const));
  it.each(cases)("%s with %s", (name, _what, change) => {
    same(name, readVariant(name, { ...PLAIN_VARIANT, ...change }));
  });

  it("asks, and never reads silently, when every number of a file could be thousands or decimals", () => {
    const text = "Date,Symbol,Side,Price,Quantity\n2024-03-04 09:00,ABC,buy,1,250,2\n2024-03-05 09:00,ABC,sell,1,500,2\n";
    // written with semicolons so that the commas are the numbers' own
    const semi = text.replace(/,/g, ";").replace(/;(\d{3});/g, ",$1;");
    const a = analyse({ name: "pasted text", kind: "csv", grid: csvGrid(semi), lineWord: "line" });
    expect(a.fills).toEqual([]);
    expect(a.decimal).toEqual({ answer: undefined, conflict: false, examples: [{ line: 2, column: "Price", text: "1,250" }, { line: 3, column: "Price", text: "1,500" }] });
    expect(a.waiting).toMatch(/decimal mark/);
    const point = analyse({ name: "pasted text", kind: "csv", grid: csvGrid(semi), lineWord: "line" }, { decimal: "." });
    expect(point.fills.map((f) => f.price)).toEqual([1250, 1500]);
    const comma = analyse({ name: "pasted text", kind: "csv", grid: csvGrid(semi), lineWord: "line" }, { decimal: "," });
    expect(comma.fills.map((f) => f.price)).toEqual([1.25, 1.5]);
  });

  it("names both cells when a file's numbers use both marks, and rejects those written the other way once told", () => {
    const text = "Date;Symbol;Side;Price;Quantity\n2024-03-04 09:00;ABC;buy;0.5;2\n2024-03-05 09:00;ABC;sell;0,75;2\n";
    const a = analyse({ name: "pasted text", kind: "csv", grid: csvGrid(text), lineWord: "line" });
    expect(a.decimal).toMatchObject({ conflict: true, examples: [{ line: 2, text: "0.5" }, { line: 3, text: "0,75" }] });
    expect(a.fills).toEqual([]);
    const told = analyse({ name: "pasted text", kind: "csv", grid: csvGrid(text), lineWord: "line" }, { decimal: "." });
    expect(told.fills.map((f) => f.price)).toEqual([0.5]);
    expect(told.rejected).toEqual([{ line: 3, reason: 'the price "0,75" is not a number written with a decimal comma (the file\'s numbers use a decimal point)' }]);
  });

  it("names an unquoted thousands separator that splits a row's cells", () => {
    const text = "Date,Symbol,Side,Price,Quantity\n2024-03-04 09:00,ABC,buy,1,250.5,2\n";
    const a = analyse({ name: "pasted text", kind: "csv", grid: csvGrid(text), lineWord: "line" });
    expect(a.rejected).toEqual([{ line: 2, reason: "the row has 6 cells but the header 5: a number with an unquoted thousands separator or delimiter splits a cell" }]);
  });

  it("asks whether dates are day-first or month-first, and reads them as answered", () => {
    const text = "Date,Symbol,Side,Price,Quantity\n03/04/2024 09:30,ABC,buy,10.5,2\n05/04/2024 10:00,ABC,sell,11.5,2\n";
    const grid = () => ({ name: "pasted text", kind: "csv" as const, grid: csvGrid(text), lineWord: "line" as const });
    const a = analyse(grid());
    expect(a.dateOrder).toMatchObject({ conflict: false, examples: [{ line: 2, text: "03/04/2024 09:30" }, { line: 3, text: "05/04/2024 10:00" }] });
    expect(a.fills).toEqual([]);
    expect(analyse(grid(), { dateOrder: "dmy" }).fills[0]!.time).toBe(at("2024-04-03 09:30:00"));
    expect(analyse(grid(), { dateOrder: "mdy" }).fills[0]!.time).toBe(at("2024-03-04 09:30:00"));
  });
});

describe("combinations of variants (fast-check): the same fills, or a question answered with the truth, never other numbers", () => {
  const variant: fc.Arbitrary<Variant> = fc
    .record({
      delimiter: fc.constantFrom<Variant["delimiter"]>(",", ";", "\t"),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      quoteAll: fc.boolean(),
      decimal: fc.constantFrom<DecimalMark>(".", ","),
      thousands: fc.constantFrom<Variant["thousands"]>("", ",", ".", " "),
    })
    .filter((v) => v.thousands !== v.decimal);

  it("holds for every export", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CSV_EXPORTS), variant, (name, v) => {
        same(name, readVariant(name, v));
      }),
      { numRuns: 150 },
    );
  });
});
