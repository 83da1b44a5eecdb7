import { checkReadRange, MAX_READ_CELLS } from "../../src/shared/workbook";

describe("the one range-size check both workbooks read through", () => {
  it("reads a range of at most MAX_READ_CELLS cells", () => {
    expect(MAX_READ_CELLS).toBe(4000);
    expect(() => checkReadRange("Tiers", "A1:D1000", "tier table")).not.toThrow(); // 1,000 rows × 4 columns = 4,000
  });

  it("names the range, and the table the trader meant, when it is too large", () => {
    // A1:G1000: 1,000 rows × 7 columns = 7,000 cells
    expect(() => checkReadRange("Positions", "A1:G1000", "positions table")).toThrow(
      "Positions!A1:G1000 has 7,000 cells; a positions table is far smaller (at most 4,000 cells are read).",
    );
    expect(() => checkReadRange("Tiers", "A1:D1001", "tier table")).toThrow("Tiers!A1:D1001 has 4,004 cells; a tier table is far smaller");
    expect(() => checkReadRange("Sheet1", "A1:E1000")).toThrow("Sheet1!A1:E1000 has 5,000 cells; at most 4,000 cells are read at once.");
  });

  it("says a text that is not a range is not one", () => {
    expect(() => checkReadRange("Sheet1", "A1:B2:C3")).toThrow('"A1:B2:C3" is not a range address such as A1:D10.');
  });
});
