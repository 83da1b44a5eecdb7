import { asCell, asRange, cellName, columnName, parseCell, parseRange, parseSheetRange, rangeCells, rangeName, sheetRangeText, sheetReference } from "../../src/shared/a1";

describe("ranges on other sheets, as a trader types them", () => {
  it.each([
    ["Sheet1!A1:D10", { sheet: "Sheet1", range: "A1:D10" }, "'Sheet1'!$A$1:$D$10", "Sheet1!A1:D10"],
    ["'My tiers'!$A$2:$D$12", { sheet: "My tiers", range: "A2:D12" }, "'My tiers'!$A$2:$D$12", "'My tiers'!A2:D12"],
    ["tiers!d12:a2", { sheet: "tiers", range: "A2:D12" }, "'tiers'!$A$2:$D$12", "tiers!A2:D12"], // corners in any order
    ["'It''s'!B2", { sheet: "It's", range: "B2" }, "'It''s'!$B$2", "'It''s'!B2"],
    ["  Sheet1!A1:C3  ", { sheet: "Sheet1", range: "A1:C3" }, "'Sheet1'!$A$1:$C$3", "Sheet1!A1:C3"],
  ])("reads %s", (text, expected, reference, shown) => {
    const r = parseSheetRange(text);
    expect(r).toEqual(expected);
    expect(sheetReference(r!)).toBe(reference);
    expect(sheetRangeText(r!)).toBe(shown);
  });

  it.each(["A1:D10", "Sheet1!A:D", "Sheet1!A0:B2", "Sheet1!", "!A1:B2", "Sheet1!A1:B2:C3", "Tiers", "Sheet1!TierTable"])(
    "refuses %s, which is not a sheet and a range",
    (text) => {
      expect(parseSheetRange(text)).toBeUndefined();
    },
  );

  it("counts a range's cells: A1:D10 is 40", () => {
    expect(rangeCells("A1:D10")).toBe(40); // 10 rows × 4 columns
  });
});

/*
 * One set of A1 helpers for the pane and the playground. Before, the pane's threw on a bad address, took any
 * number of letters and kept reversed corners as typed (so "D10:A1" counted (1-10+1)×(0-3+1) = 16 cells); the
 * playground's answered undefined, took 1 to 3 letters and put the top-left first. The kept behaviour is
 * Excel's: a sheet is A1:XFD1048576 ("Excel specifications and limits", Microsoft Support), a range is
 * rewritten top-left first, and anything else is not an address.
 */
describe("A1 addresses", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"], // 26 = 1×26 + 0
    [701, "ZZ"], // 26 + 26×26 - 1 = 701
    [702, "AAA"],
    [16383, "XFD"], // 24×676 + 6×26 + 4 = 16384 columns, the last 0-based 16383
  ])("names column %i as %s", (col, name) => {
    expect(columnName(col)).toBe(name);
    expect(asCell(`${name}1`)).toEqual({ row: 0, col });
  });

  it.each([
    ["B4", { row: 3, col: 1 }],
    ["$b$4", { row: 3, col: 1 }],
    [" C12 ", { row: 11, col: 2 }],
    ["XFD1048576", { row: 1048575, col: 16383 }],
  ])("reads the cell %s", (text, cell) => {
    expect(asCell(text)).toEqual(cell);
    expect(parseCell(text)).toEqual(cell);
    expect(cellName(cell.row, cell.col)).toBe(text.trim().replace(/\$/g, "").toUpperCase());
  });

  it.each(["A0", "XFE1", "A1048577", "ABCD1", "1A", "A", "", "Sheet1!A1", "LEVFills"])("refuses %j, which is not a cell", (text) => {
    expect(asCell(text)).toBeUndefined();
    expect(() => parseCell(text)).toThrow(/not a cell address/);
  });

  it("puts a range's top-left first, whichever corners are typed", () => {
    const box = { top: 0, left: 0, bottom: 9, right: 3 };
    expect(asRange("A1:D10")).toEqual(box);
    expect(asRange("D10:A1")).toEqual(box);
    expect(asRange("A10:D1")).toEqual(box);
    expect(rangeName(box)).toBe("A1:D10");
    expect(rangeName({ top: 1, left: 1, bottom: 1, right: 1 })).toBe("B2"); // one cell stays a cell
    expect(rangeCells("D10:A1")).toBe(40); // 10 rows × 4 columns, not 16
  });

  it("reads a single cell as a range of one", () => {
    expect(asRange("C3")).toEqual({ top: 2, left: 2, bottom: 2, right: 2 });
    expect(rangeCells("C3")).toBe(1);
  });

  it.each(["A1:B2:C3", "A1:", ":B2", "A1:B0", "Tiers"])("refuses the range %j", (text) => {
    expect(asRange(text)).toBeUndefined();
    expect(rangeCells(text)).toBeUndefined();
    expect(() => parseRange(text)).toThrow(/not a range address/);
  });
});
