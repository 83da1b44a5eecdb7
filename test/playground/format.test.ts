import { formatNumber, general, hashes, isDateFormat } from "../../src/playground/format";

/*
 * Numbers as Excel shows them. Each expected text is what Excel displays for the value and format
 * (worked by hand from Excel's format rules); `fits` stands for the column's width in characters.
 */
const width = (chars: number) => (text: string) => text.length <= chars;

describe("Excel number formats in the grid", () => {
  it.each([
    [62000, "#,##0.00", "62,000.00"],
    [1234567.891, "#,##0", "1,234,568"],
    [1, "0.00%", "100.00%"], // a margin level of 1 is 100 %
    [-0.2, "0.00%", "-20.00%"], // a 20 % adverse move
    [-6e-5, "0.0000%", "-0.0060%"], // a funding rate
    [-6e-5, "#,##0.00", "-0.00"], // Excel keeps the sign of a negative that rounds to zero
    [1.08, "0.00000", "1.08000"],
    [2.5, '0.00"x"', "2.50x"],
    [12, '0" h"', "12 h"],
    [1.5, '0.##" days"', "1.5 days"],
    [0.00012345, "#,##0.00000000", "0.00012345"],
    [-1500, "#,##0.00;[Red]-#,##0.00", "-1,500.00"],
    [-1500, "#,##0.00;(#,##0.00)", "(1,500.00)"],
    [0, '#,##0.00;-#,##0.00;"–"', "–"],
    [1234.5, "0.00E+00", "1.23E+03"],
    [1500000, "#,##0.0,,", "1.5"],
  ])("%p in %p shows %p", (value, format, text) => {
    expect(formatNumber(value, format, width(30))).toBe(text);
  });

  it.each([
    // 45292 is 2024-01-01; 45355 is 63 days on: 31 in January, 29 in February (a leap year), 3 → 4 March
    [45355, "yyyy-mm-dd", "2024-03-04"],
    [45355.5, "yyyy-mm-dd hh:mm", "2024-03-04 12:00"],
    [45355.75, "d mmm yyyy h:mm AM/PM", "4 Mar 2024 6:00 PM"],
    [45355 + 1 / 24 + 2 / 1440 + 3 / 86400, "hh:mm:ss", "01:02:03"],
    [45355, "dddd, mmmm d", "Monday, March 4"],
  ])("the serial date %p in %p shows %p", (value, format, text) => {
    expect(isDateFormat(format)).toBe(true);
    expect(formatNumber(value, format, width(30))).toBe(text);
  });

  it("tells number formats from date formats", () => {
    expect(isDateFormat('0.##" days"')).toBe(false);
    expect(isDateFormat('0" h"')).toBe(false);
    expect(isDateFormat("#,##0.00")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
  });

  it("shows ### for a formatted number too wide for its column, never a cut number", () => {
    expect(formatNumber(62000, "#,##0.00", width(8))).toBe("########"); // "62,000.00" is 9 characters
    expect(formatNumber(1.08, "0.00%", width(4))).toBe("####"); // "108.00%"
    expect(hashes(width(3))).toBe("###");
  });

  it("rounds General to the digits that fit, then turns to E notation, then to ###", () => {
    expect(general(1.08, width(3))).toBe("1.1");
    expect(general(1.08, width(1))).toBe("1");
    expect(general(62000, width(5))).toBe("62000");
    // 62000 in 4 characters: its five digits never drop, 6E+04 is five characters: ###
    expect(general(62000, width(4))).toBe("####");
    expect(general(100000, width(5))).toBe("1E+05");
    expect(general(123456789012, width(11))).toBe("1.23457E+11"); // 12 digits: Excel turns to E notation
    expect(general(1 / 3, width(11))).toBe("0.333333333");
  });
});
