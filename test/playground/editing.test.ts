import { fromTsv, toTsv } from "../../src/playground/clipboard";
import { readCells, sheetNameOf, splitCsv } from "../../src/playground/csv-open";
import { series } from "../../src/playground/fill";
import { formatNumber } from "../../src/playground/format";
import { fillTarget } from "../../src/playground/grid";
import { emptyMeta, rect, shiftMeta } from "../../src/playground/sheet";
import { FORM_VERSION, unreadable } from "../../src/playground/store";
import { readTyped, serialOf } from "../../src/playground/typed";

/*
 * The parts of the playground's editing that need no browser: what typing reads (en-US, as Excel does), the
 * clipboard's tab-separated text, fill series, pasted and opened text read by evidence, rows and columns
 * inserted beside formats and tables, and the stored form's version check. Expected values are worked by hand
 * beside each check, from the rules cited.
 */

// Excel's serial dates: 1 January 2024 is 45292 (Excel shows =DATE(2024,1,1) as 45292 in General).
const JAN_1_2024 = 45292;

describe("typed values, as Excel reads them in en-US", () => {
  it.each([
    // thousands separators, currency signs and parentheses are numbers with a matching format
    ["1,000", 1000, "#,##0", "1,000"],
    ["1,234.5", 1234.5, "#,##0.00", "1,234.50"],
    ["$1,000", 1000, "$#,##0_);($#,##0)", "$1,000 "],
    ["$1,000.5", 1000.5, "$#,##0.00_);($#,##0.00)", "$1,000.50 "],
    ["-$250", -250, "$#,##0_);($#,##0)", "($250)"],
    ["(100)", -100, "#,##0_);(#,##0)", "(100)"],
    ["($1,000)", -1000, "$#,##0_);($#,##0)", "($1,000)"],
    // a percent is the fraction, with a percent format: 5% = 0.05, 0.5% = 0.005 shown with two decimals
    ["5%", 0.05, "0%", "5%"],
    ["0.5%", 0.005, "0.00%", "0.50%"],
    ["-12.5 %", -0.125, "0.00%", "-12.50%"],
  ])("reads %s as %s with the format %s (shown %s)", (typed, value, format, shown) => {
    const t = readTyped(typed);
    expect(t.value).toBeCloseTo(value, 12);
    expect(t.format).toBe(format);
    expect(formatNumber(t.value as number, t.format, 40)).toBe(shown);
  });

  it("reads 3/6/2024 month first, as Excel in en-US: March 6, with a date format", () => {
    // March 6, 2024 = 1 January (45292) + 31 (January) + 29 (February, a leap year) + 5 = 45357
    expect(readTyped("3/6/2024")).toEqual({ value: JAN_1_2024 + 31 + 29 + 5, format: "m/d/yyyy" });
    expect(formatNumber(45357, "m/d/yyyy")).toBe("3/6/2024");
    // a two-digit year: 24 is 2024 (00–29 → 2000–2029 in Excel's two-digit year rule)
    expect(readTyped("3/6/24").value).toBe(45357);
    // 3/6 without a year: March 6 of the year given
    expect(readTyped("3/6", 2024)).toEqual({ value: 45357, format: "d-mmm" });
    expect(readTyped("6-Mar-2024")).toEqual({ value: 45357, format: "d-mmm-yy" });
    expect(readTyped("Mar 6, 2024").value).toBe(45357);
    // with a time: 10:30 is 10.5 / 24 of a day
    const t = readTyped("3/6/2024 10:30");
    expect(t.value).toBeCloseTo(45357 + 10.5 / 24, 10);
    expect(t.format).toBe("m/d/yyyy h:mm");
    // a date that does not exist stays text
    expect(readTyped("2/30/2024")).toEqual({ value: "2/30/2024" });
  });

  it("reads times, ISO dates, logical values and formulas, and leaves the rest as text", () => {
    expect(readTyped("10:30 PM")).toEqual({ value: 22.5 / 24, format: "h:mm AM/PM" });
    expect(readTyped("2024-03-06 10:00")).toEqual({ value: serialOf(2024, 3, 6, 10), format: "yyyy-mm-dd hh:mm" });
    expect(readTyped("true")).toEqual({ value: true });
    expect(readTyped("=E2*2")).toEqual({ value: "=E2*2" });
    expect(readTyped("62000")).toEqual({ value: 62000 });
    expect(readTyped("")).toEqual({ value: null });
    // not numbers in en-US: a comma that does not group thousands, a currency word
    expect(readTyped("1,00")).toEqual({ value: "1,00" });
    expect(readTyped("BTCUSDT")).toEqual({ value: "BTCUSDT" });
    expect(readTyped("'1:50")).toEqual({ value: "'1:50" });
  });
});

describe("the clipboard's tab-separated text", () => {
  it("writes rows as Excel does: tabs between cells, CRLF after each row, quotes only where needed", () => {
    expect(toTsv([["Time", "Price"], ["2024-03-04 09:00", "62,000.00"]])).toBe("Time\tPrice\r\n2024-03-04 09:00\t62,000.00\r\n");
    // a cell with a tab, a line break or a quote is quoted, its quotes doubled
    expect(toTsv([['say "hi"', "a\tb", "two\nlines"]])).toBe('"say ""hi"""\t"a\tb"\t"two\nlines"\r\n');
  });

  it("reads it back, quotes and all", () => {
    const rows = [["Time", 'say "hi"', "two\nlines"], ["1", "", "x"]];
    expect(fromTsv(toTsv(rows))).toEqual(rows);
    expect(fromTsv("a\tb\nc\td\n")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fromTsv("one line")).toEqual([["one line"]]);
  });
});

describe("fill series", () => {
  it("continues numbers along their straight line (Excel's linear trend)", () => {
    expect(series([1, 2], [false, false], 3, false)).toEqual([3, 4, 5]);
    // Microsoft's "Project values in a series": 1, 3, 4 → 5.66667, 7.16667, 8.66667
    // (least squares: slope 1.5, mean 8/3 at x = 1, so x = 3 gives 8/3 + 3 = 5.6667)
    const made = series([1, 3, 4], [false, false, false], 3, false)!;
    expect(made.map((v) => Number((v as number).toFixed(5)))).toEqual([5.66667, 7.16667, 8.66667]);
    // filled upwards, the line goes the other way: 10, 20 → 0, -10
    expect(series([10, 20], [false, false], 2, true)).toEqual([0, -10]);
  });

  it("counts dates by days, or by months when they are on the same day of the month", () => {
    expect(series([JAN_1_2024], [true], 2, false)).toEqual([JAN_1_2024 + 1, JAN_1_2024 + 2]);
    // 15 January, 15 February 2024 → 15 March (45292 + 14 = 45306, + 31 = 45337, + 29 = 45366)
    expect(series([45306, 45337], [true, true], 1, false)).toEqual([45366]);
  });

  it("counts up text ending in a number, and copies what it cannot continue", () => {
    expect(series(["Trade 1"], [false], 2, false)).toEqual(["Trade 2", "Trade 3"]);
    expect(series([62000], [false], 2, false)).toBeUndefined(); // one number: copied, as Excel's handle does
    expect(series(["BTCUSDT"], [false], 2, false)).toBeUndefined();
    expect(series(["=A1*2"], [false], 2, false)).toBeUndefined();
  });

  it("grows a fill along the farther direction of the drag", () => {
    const source = { top: 1, left: 1, bottom: 2, right: 1 };
    expect(fillTarget(source, { row: 9, col: 2 })).toEqual({ top: 1, left: 1, bottom: 9, right: 1 });
    expect(fillTarget(source, { row: 2, col: 6 })).toEqual({ top: 1, left: 1, bottom: 2, right: 6 });
    expect(fillTarget(source, { row: 1, col: 1 })).toEqual(source);
  });
});

describe("text from another program, read by evidence", () => {
  it("reads day-first dates when a day above 12 shows it, and asks when nothing does", () => {
    // 13/03/2024 can only be 13 March: the column is day-first, so 04/03/2024 is 4 March (45292 + 31 + 29 + 3 = 45355)
    const read = readCells([["Date", "Price"], ["13/03/2024", "62,000.50"], ["04/03/2024", "61,000"]]);
    expect(read.question).toBeUndefined();
    expect(read.rows[2]).toEqual([45355, 61000]);
    expect(read.rows[1]).toEqual([45364, 62000.5]);
    expect(read.formats[0]).toBe("yyyy-mm-dd");
    // 04/03/2024 alone: 4 March or April 3 — asked about, and kept as text until answered
    const ask = readCells([["Date"], ["04/03/2024"]]);
    expect(ask.question).toEqual({ kind: "dates", column: 0, header: "Date", examples: ["04/03/2024"] });
    expect(ask.rows[1]).toEqual(["04/03/2024"]);
    expect(readCells([["Date"], ["04/03/2024"]], { orders: { 0: "month-first" } }).rows[1]).toEqual([JAN_1_2024 + 31 + 29 + 31 + 2]); // April 3 = 45385
  });

  it("keeps a column written both ways as text", () => {
    const mixed = readCells([["13/03/2024"], ["03/13/2024"]]);
    expect(mixed.mixed).toEqual([0]);
    expect(mixed.rows).toEqual([["13/03/2024"], ["03/13/2024"]]);
    expect(readCells([["5%", "=A1*2", "BTCUSDT", ""]]).rows).toEqual([[0.05, "=A1*2", "BTCUSDT", null]]);
  });

  it("decides the decimal mark from the numbers themselves, never from the delimiter", () => {
    // a semicolon file with decimal points, as Binance's older spot export writes it: 0.007393 stays 0.007393
    const { cells } = splitCsv("Date(UTC);Market;Price;Amount\n2021-05-17 10:00:00;DOGEBTC;0.007393;1250.5\n", "old.csv");
    expect(readCells(cells).rows[1]!.slice(2)).toEqual([0.007393, 1250.5]);
    // a decimal comma shows itself where a number has fewer or more than 3 digits after it: 1,5 is one and a half
    expect(readCells([["1,5"], ["1.250,75"]]).rows).toEqual([[1.5], [1250.75]]);
    // 1,250 alone could be 1250 or 1.25: asked, kept as text until answered
    const ask = readCells([["Amount"], ["1,250"]]);
    expect(ask.question).toEqual({ kind: "mark", examples: ["1,250"] });
    expect(ask.rows[1]).toEqual(["1,250"]);
    expect(readCells([["Amount"], ["1,250"]], { mark: "," }).rows[1]).toEqual([1.25]);
    expect(readCells([["Amount"], ["1,250"]], { mark: "." }).rows[1]).toEqual([1250]);
    // both marks in one text (1.5 and 2,5): neither is read as a number
    const both = readCells([["1.5"], ["2,5"], ["7"]]);
    expect(both.markConflict).toEqual({ point: "1.5", comma: "2,5" });
    expect(both.rows).toEqual([["1.5"], ["2,5"], [7]]);
  });

  it("names the sheet after the file, within Excel's rules", () => {
    expect(sheetNameOf("binance [march].csv")).toBe("binance _march_");
    expect(sheetNameOf("a".repeat(40) + ".csv")).toHaveLength(31);
  });
});

describe("rows and columns inserted and deleted beside formats and tables", () => {
  it("moves, grows, shrinks and drops what sits on the rows, as Excel does", () => {
    const meta = emptyMeta();
    meta.formats.push({ rect: rect("A5:A5"), format: "0.00" }, { rect: rect("B2:B9"), format: "#,##0" });
    meta.tables.push({ name: "T1", range: "A3:C8", style: "TableStyleMedium2" });
    shiftMeta(meta, "rows", 3, 2); // two rows inserted above row 4 (index 3)
    expect(meta.formats.map((f) => f.rect)).toEqual([rect("A7:A7"), rect("B2:B11")]);
    expect(meta.tables[0]!.range).toBe("A3:C10");
    shiftMeta(meta, "rows", 6, -1); // row 7 deleted
    expect(meta.formats.map((f) => f.rect)).toEqual([rect("B2:B10")]);
    expect(meta.tables[0]!.range).toBe("A3:C9");
  });

  it("moves column widths with their columns", () => {
    const meta = emptyMeta();
    meta.widths = { 0: 50, 2: 120 };
    shiftMeta(meta, "cols", 1, 1);
    expect(meta.widths).toEqual({ 0: 50, 3: 120 });
    shiftMeta(meta, "cols", 0, -1);
    expect(meta.widths).toEqual({ 2: 120 });
  });
});

describe("the workbook's stored form", () => {
  const good = { version: FORM_VERSION, savedAt: "", active: "A", dirty: false, workbook: { sheets: [{ name: "A", cells: [[1]] }], names: [], meta: {} } };

  it("reads its own version and refuses what it cannot read, saying why", () => {
    expect(unreadable(good)).toBeUndefined();
    expect(unreadable({ ...good, version: FORM_VERSION + 1 })).toMatch(/newer version/);
    expect(unreadable({ ...good, workbook: { ...good.workbook, sheets: [{ name: 1 }] } })).toMatch(/damaged/);
    expect(unreadable("text")).toMatch(/not a stored workbook/);
  });
});
