import * as fs from "fs";
import * as path from "path";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import JSZip from "jszip";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { xmlUnescape } from "../../src/playground/xlsx-package";
import { formatAt } from "../../src/playground/sheet";
import { writeXlsx, type WorkbookData } from "../../src/playground/xlsx";
import { readXlsx } from "../../src/playground/xlsx-read";
import { DIST, loadBundle } from "../helpers/bundle";

/*
 * Excel-written workbooks from public repositories (test/fixtures/xlsx/README.md says where each comes from)
 * through Open → Save → Open: everything the playground keeps comes back the same, Excel's add-in calls and
 * dynamic arrays included. What the files hold is read from their own XML, quoted beside each expectation.
 */
const FIXTURES = path.join(__dirname, "../fixtures/xlsx");
const FILES = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"));
const load = (file: string) => {
  const b = fs.readFileSync(path.join(FIXTURES, file));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
let bridge: LevBridge;
beforeAll(() => {
  bridge = registerLevFunctions(metadata, loadBundle().functions);
});
afterAll(() => bridge.unregister());

/** Volatile functions give a new value each time a workbook is built. */
const VOLATILE = /\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY)\(/i;

/** Every cell: its content as typed and its value (errors by their text), volatile results left out. */
function cells(hf: HyperFormula): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const name of hf.getSheetNames()) {
    const id = hf.getSheetId(name)!;
    const { height, width } = hf.getSheetDimensions(id);
    out[name] = Array.from({ length: height }, (_r, row) =>
      Array.from({ length: width }, (_c, col) => {
        const a = { sheet: id, row, col };
        const content = hf.getCellFormula(a) ?? hf.getCellSerialized(a);
        const v = hf.getCellValue(a);
        if (typeof content === "string" && VOLATILE.test(content)) return [content];
        return [content, v instanceof DetailedCellError ? v.value : v];
      }),
    );
  }
  return out;
}

/** One cell's XML in a worksheet part, "<c r="G6" …>…</c>". */
const cellXml = (xml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(xml)?.[0];

const byName = (data: WorkbookData) => [...data.names].sort((a, b) => `${a.name}|${a.sheet}`.localeCompare(`${b.name}|${b.sheet}`));

async function roundTrip(file: string) {
  const first = await readXlsx(load(file));
  const opened = buildWorkbook(bridge, first.sheets, first.names);
  const saved = await writeXlsx(opened, first.meta);
  const second = await readXlsx(saved);
  const reopened = buildWorkbook(bridge, second.sheets, second.names);
  return { first, second, opened, reopened, saved };
}

describe("Excel-written workbooks through Open → Save → Open", () => {
  it.each(FILES)("%s comes back with the same cells, names, formats, widths, tables, rules and charts", async (file) => {
    const { first, second, opened, reopened } = await roundTrip(file);
    expect(reopened.getSheetNames()).toEqual(opened.getSheetNames());
    expect(cells(reopened)).toEqual(cells(opened));
    expect(byName(second)).toEqual(byName(first));
    expect(second.meta).toEqual(first.meta);
    opened.destroy();
    reopened.destroy();
  });

  it("reads xlwings' add-in calls as calls and stores them again as Excel did, each a dynamic array", async () => {
    const original = await JSZip.loadAsync(load("udf_tests_officejs.xlsx"));
    const xml = await original.file("xl/worksheets/sheet1.xml")!.async("string");
    // <c r="G6" s="2" t="b" cm="1"><f t="array" ref="G6">_xldudf_XLWINGSJS_READ_FLOAT(2)</f>
    expect(xml).toContain('<f t="array" ref="G6">_xldudf_XLWINGSJS_READ_FLOAT(2)</f>');
    const { first, saved, opened, reopened } = await roundTrip("udf_tests_officejs.xlsx");
    expect(first.sheets.Sheet1![5]![6]).toBe("=XLWINGSJS.READ_FLOAT(2)");
    const ours = await (await JSZip.loadAsync(saved)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(cellXml(ours, "G6")).toMatch(/^<c r="G6"[^>]*\bcm="1"[^>]*><f t="array" ref="G6">_xldudf_XLWINGSJS_READ_FLOAT\(2\)<\/f>/);
    // a spilled call keeps its block: <f t="array" ref="G28:H28">_xldudf_XLWINGSJS_WRITE_HORIZONTAL_LIST()</f>
    expect(xml).toContain('ref="G28:H28">_xldudf_XLWINGSJS_WRITE_HORIZONTAL_LIST()');
    expect(first.sheets.Sheet1![27]![6]).toBe("=XLWINGSJS.WRITE_HORIZONTAL_LIST()");
    // every call to the add-in in the original is one in ours, as Excel spelled it
    const calls = (s: string) => [...s.matchAll(/<f\b[^>]*>(_xldudf_[^<]*)<\/f>/g)].map((m) => xmlUnescape(m[1]!)).sort();
    expect(calls(ours)).toEqual(calls(xml));
    expect(calls(xml)).toHaveLength(119);
    // column B is 39 characters wide (<col min="2" max="2" width="39" …>): 39 × 7 + 5 = 278 pixels
    expect(first.meta.Sheet1!.widths[1]).toBe(278);
    // the sheet's default is 11 characters (<sheetFormatPr … defaultColWidth="11">): 11 × 7 + 5 = 82 pixels
    expect(first.meta.Sheet1!.defaultWidth).toBe(82);
    // <cfRule type="cellIs" … operator="greaterThan"><formula>0</formula> on B3
    expect(first.meta.Sheet1!.conditional.find((c) => c.range === "B3")?.formula).toBe("=B3>0");
    opened.destroy();
    reopened.destroy();
  });

  it("keeps a single-cell dynamic array (openxlsx-data's formula.xlsx) as one", async () => {
    const { first, saved, opened, reopened } = await roundTrip("formula.xlsx");
    // <c r="A1" cm="1"><f t="array" ref="A1">SUM(ABS(A2:A11))</f>
    expect(first.sheets["1"]![0]![0]).toBe("=SUM(ABS(A2:A11))");
    const ours = await (await JSZip.loadAsync(saved)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(cellXml(ours, "A1")).toMatch(/^<c r="A1"[^>]*\bcm="1"[^>]*><f t="array" ref="A1">SUM\(ABS\(A2:A11\)\)<\/f>/);
    opened.destroy();
    reopened.destroy();
  });

  it("keeps _xlfn.UNIQUE as Excel spells it (rust_xlsxwriter's dynamic_array02.xlsx)", async () => {
    const { first, saved, opened, reopened } = await roundTrip("dynamic_array02.xlsx");
    // <c r="B1" cm="1"><f t="array" ref="B1">_xlfn.UNIQUE(A1)</f>
    expect(first.sheets.Sheet1![0]![1]).toBe("=UNIQUE(A1)");
    const ours = await (await JSZip.loadAsync(saved)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(cellXml(ours, "B1")).toMatch(/^<c r="B1"[^>]*\bcm="1"[^>]*><f t="array" ref="B1">_xlfn.UNIQUE\(A1\)<\/f>/);
    opened.destroy();
    reopened.destroy();
  });

  it("reads defined names with their scopes (rust_xlsxwriter's defined_name01.xlsx)", async () => {
    const first = await readXlsx(load("defined_name01.xlsx"));
    // ten <definedName>s: _xlnm._FilterDatabase and _xlnm.Print_Area are Excel's own and not kept;
    // Bar is scoped to each of the three sheets (localSheetId 0, 1, 2), 'Sheet 3' quoted
    expect(byName(first)).toEqual([
      { name: "_Egg", expression: "=Sheet1!$A$1", sheet: undefined },
      { name: "_Fog", expression: "=Sheet1!$A$1", sheet: undefined },
      { name: "aaa", expression: "=Sheet2!$A$1", sheet: "Sheet2" },
      { name: "Abc", expression: "=Sheet1!$A$1", sheet: undefined },
      { name: "Bar", expression: "='Sheet 3'!$A$1", sheet: "Sheet 3" },
      { name: "Bar", expression: "=Sheet1!$A$1", sheet: "Sheet1" },
      { name: "Bar", expression: "=Sheet2!$A$1", sheet: "Sheet2" },
      { name: "Baz", expression: "=0.98", sheet: undefined },
    ]);
  });

  it("reads tables, widths and a 'cell value is' rule (rust_xlsxwriter's table01, cond_format01)", async () => {
    const table = await readXlsx(load("table01.xlsx"));
    // <table … name="Table1" ref="C3:F13" …><tableStyleInfo name="TableStyleMedium9" …>; <col min="3" max="6" width="11" …>
    expect(table.meta.Sheet1!.tables).toEqual([{ name: "Table1", range: "C3:F13", style: "TableStyleMedium9" }]);
    expect([2, 3, 4, 5].map((c) => table.meta.Sheet1!.widths[c])).toEqual([82, 82, 82, 82]); // 11 × 7 + 5
    const rule = await readXlsx(load("cond_format01.xlsx"));
    // <conditionalFormatting sqref="A1"><cfRule type="cellIs" … operator="greaterThan"><formula>5</formula>
    expect(rule.meta.Sheet1!.conditional.map((c) => [c.range, c.formula])).toEqual([["A1", "=A1>5"]]);
  });

  it("shows a native chart from Excel with its series (rust_xlsxwriter's chart_scatter01, chart_line01, table37)", async () => {
    const scatter = await readXlsx(load("chart_scatter01.xlsx"));
    // <c:scatterChart>: x Sheet1!$A$1:$A$5, y Sheet1!$B$1:$B$5 and Sheet1!$C$1:$C$5; anchored from col 4 row 8
    // (E9) to col 11 + 304800 EMU, row 22 + 76200 EMU (into L23)
    expect(scatter.meta.Sheet1!.charts).toEqual([
      {
        type: "scatter",
        title: "",
        xTitle: "",
        yTitle: "",
        series: [
          { name: "Series 1", x: "A1:A5", y: "B1:B5" },
          { name: "Series 2", x: "A1:A5", y: "C1:C5" },
        ],
        anchor: "E9:L23",
      },
    ]);
    const line = await readXlsx(load("chart_line01.xlsx"));
    // <c:lineChart> of three series over Sheet1!$A$1:$A$5, $B, $C, without categories
    expect(line.meta.Sheet1!.charts[0]!.series.map((s) => [s.x, s.y])).toEqual([
      ["", "A1:A5"],
      ["", "B1:B5"],
      ["", "C1:C5"],
    ]);
    const bars = await readXlsx(load("table37.xlsx"));
    // a bar chart over the table: name from Sheet1!$B$1 ("Column2"), categories $A$2:$A$6, values $B$2:$B$6
    expect(bars.meta.Sheet1!.charts[0]!.series).toEqual([{ name: "Column2", x: "A2:A6", y: "B2:B6" }]);
  });

  it("keeps SalesTemplate's tables and header styles, and leaves its colour scales and pictures out", async () => {
    const first = await readXlsx(load("SalesTemplate.xlsx"));
    // xl/tables/table1.xml: <table … name="SalesTable" displayName="SalesTable" ref="B4:F5" …>
    expect(first.meta.Template!.tables[0]).toMatchObject({ name: "SalesTable", range: "B4:F5" });
    // only colour-scale rules (<cfRule type="colorScale">): none is kept
    expect(first.meta.Template!.conditional).toEqual([]);
    expect(formatAt(first.meta.Template, 4, 2)).toBeUndefined();
  });
});
