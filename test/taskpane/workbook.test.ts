import { parseSheetRange, rangeCells, sheetRangeText, sheetReference } from "../../src/taskpane/workbook";

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
