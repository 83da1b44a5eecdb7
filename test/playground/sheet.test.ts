import { columnMeta, emptyMeta, formatAt, freeTableName, growColumnRefs, growTableAt, metaFromPlan, rect, shiftFormula, styleAt } from "../../src/playground/sheet";
import { GUIDE_EXAMPLE } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";

/* What a sheet holds beside its cells: formats, styles, widths, tables, rules and charts from a write plan. */
describe("sheet meta", () => {
  const plan = scenarioPlan(buildScenario(validate(GUIDE_EXAMPLE).trade!));

  it("takes every format, the bold headings, the yellow inputs, widths in pixels, the table, rules and chart from a plan", () => {
    const meta = metaFromPlan(plan, "LEVScenario1");
    const margin = plan.names.find((n) => n.name === "Margin")!.cell; // B22 or so
    const row = Number(margin.slice(1)) - 1;
    expect(formatAt(meta, row, 1)).toBe("#,##0.00");
    expect(styleAt(meta, 0, 0)).toEqual({ bold: true });
    const firstInput = Number(plan.inputRange!.split(":")[0]!.slice(1)) - 1;
    expect(styleAt(meta, firstInput, 1)).toEqual({ fill: "#FFF2CC", font: "#1F4E79" });
    // Excel's points are 4/3 of a pixel: 215 pt = 286.7 px, 85 pt = 113.3 px
    expect([meta.widths[0], meta.widths[1]]).toEqual([287, 113]);
    expect(meta.tables).toEqual([{ name: "LEVScenario1", range: plan.table!.range, style: "TableStyleMedium2" }]);
    expect(meta.conditional).toEqual(plan.conditionalFormats);
    expect(meta.charts).toEqual([plan.chart]);
  });

  it("reads a column's format over every row (the sample workbook's form)", () => {
    const meta = columnMeta({ 3: "0.00%" }, { 3: 80 });
    expect([formatAt(meta, 0, 3), formatAt(meta, 9999, 3), formatAt(meta, 5, 2)]).toEqual(["0.00%", "0.00%", undefined]);
  });

  it("names a new table after those already in the workbook, as Excel's names are workbook-wide", () => {
    const meta = { A: metaFromPlan(plan, "LEVScenario1") };
    expect(freeTableName("LEVScenario", meta)).toBe("LEVScenario2");
  });

  it.each([
    // a rule written for the range's top-left cell, moved down 3 rows and right 2 columns
    ['=OR($G42="LIQUIDATED",$G42="STOP OUT")', 3, 2, '=OR($G45="LIQUIDATED",$G45="STOP OUT")'],
    ["=$J2<0", 1, 0, "=$J3<0"],
    ["=A1+$B$1+C$1+$D1", 2, 1, "=B3+$B$1+D$1+$D3"],
    ['=G42="A1 text"', 1, 0, '=G43="A1 text"'],
    ["=LEV.MARGIN(A1, 50)", 1, 0, "=LEV.MARGIN(A2, 50)"],
  ])("moves the rule %s by %i rows and %i columns to %s", (formula, rows, cols, moved) => {
    expect(shiftFormula(formula, rows, cols)).toBe(moved);
  });
});

describe("a table growing by a row typed directly below it (Excel's AutoExpansion)", () => {
  it("moves only the references that are exactly a column of the table's data to the new last row", () => {
    const before = { top: 5, left: 0, bottom: 14, right: 5 }; // A6:F15, header on row 6, data rows 7–15
    expect(growColumnRefs("=LEV.TRADES($A$7:$A$15, $F$7:$F$15)", before, 15)).toBe("=LEV.TRADES($A$7:$A$16, $F$7:$F$16)");
    expect(growColumnRefs("=SUM(D7:D15)", before, 15)).toBe("=SUM(D7:D16)");
    // not the table's columns, not its whole data, a multi-column block, text in quotes: left as they are
    expect(growColumnRefs("=SUM(H7:H15)+SUM(A7:A14)+SUM(A8:A15)+COUNT(A7:B15)", before, 15)).toBe("=SUM(H7:H15)+SUM(A7:A14)+SUM(A8:A15)+COUNT(A7:B15)");
    expect(growColumnRefs('=IF(X1="A7:A15", 1, 0)', before, 15)).toBe('=IF(X1="A7:A15", 1, 0)');
  });

  it("grows the table and the formats that reach its last row, only for a cell directly below it within its columns", () => {
    const meta = emptyMeta();
    meta.tables.push({ name: "Fills", range: "A6:F15", style: "TableStyleMedium2" });
    meta.formats.push({ rect: rect("A7:A15"), format: "yyyy-mm-dd hh:mm:ss" }, { rect: rect("H7:H200"), format: "0.00" });
    expect(growTableAt(meta, 15, 6)).toBeUndefined(); // G16: right of the table's columns
    expect(growTableAt(meta, 16, 0)).toBeUndefined(); // A17: a row left between
    expect(meta.tables[0]!.range).toBe("A6:F15");
    expect(growTableAt(meta, 15, 0)?.before).toEqual({ top: 5, left: 0, bottom: 14, right: 5 });
    expect(meta.tables[0]!.range).toBe("A6:F16");
    expect(formatAt(meta, 15, 0)).toBe("yyyy-mm-dd hh:mm:ss");
    expect(meta.formats[1]!.rect).toEqual(rect("H7:H200")); // another block's format is not the table's
  });
});
