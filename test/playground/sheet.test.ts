import { columnMeta, formatAt, freeTableName, metaFromPlan, shiftFormula, styleAt } from "../../src/playground/sheet";
import { GUIDE_EXAMPLE, validate } from "../../src/taskpane/model/form";
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
    // Excel's points are 4/3 of a pixel: 190 pt = 253.3 px, 90 pt = 120 px
    expect([meta.widths[0], meta.widths[1]]).toEqual([253, 120]);
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
