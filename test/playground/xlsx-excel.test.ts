import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { HyperFormula } from "hyperformula";
import JSZip from "jszip";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { columnName, parseRange } from "../../src/shared/a1";
import { writeXlsx, writeValuesXlsx, type AddinIdentity } from "../../src/playground/xlsx";
import { readXlsx } from "../../src/playground/xlsx-read";
import { xmlUnescape } from "../../src/playground/xlsx-package";
import { DIST, loadBundle } from "../helpers/bundle";
import { sample, sampleWithPaneSheets } from "../helpers/xlsx-workbooks";

/*
 * The playground's saved files in Excel's own form, checked against the structure of real Excel-written files
 * (test/fixtures/xlsx/README.md): xlwings' udf_tests_officejs.xlsx and openxlsx-data's formula.xlsx (Excel for
 * Mac 16), rust_xlsxwriter's Excel-made chart files. The same structure is quoted from the evelyn-chrono
 * officejs-custom-functions-name-error-repro file (not in the repository: it has no licence), whose sheet3 holds
 * <c r="A1" cm="1"><f t="array" ref="A1">_xldudf_CONTOSO_ADD(1,2)</f><v>3</v></c>.
 */
const FIXTURES = path.join(__dirname, "../fixtures/xlsx");
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
const manifest = fs.readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8");
const ADDIN: AddinIdentity = {
  id: /<Id>([^<]+)<\/Id>/.exec(manifest)![1]!,
  version: /<Version>([^<]+)<\/Version>/.exec(manifest)![1]!,
  namespace: "LEV",
  functions: metadata.functions.map((f) => f.id),
};

let bridge: LevBridge;
beforeAll(() => {
  bridge = registerLevFunctions(metadata, loadBundle().functions);
});
afterAll(() => bridge.unregister());

const fixture = async (file: string) => JSZip.loadAsync(fs.readFileSync(path.join(FIXTURES, file)));
const part = async (zip: JSZip, name: string) => (await zip.file(name)?.async("string")) ?? "";

/** An attribute of an element's text, `<sheet name="S" r:id="rId4"/>`. */
const attr = (element: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];

/** A part's relationships: id → target, resolved from the part's folder. */
async function rels(zip: JSZip, partName: string): Promise<Map<string, string>> {
  const dir = partName.slice(0, partName.lastIndexOf("/") + 1);
  const xml = await part(zip, `${dir}_rels/${partName.slice(dir.length)}.rels`);
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], "Target")!;
    out.set(attr(m[0], "Id")!, path.posix.normalize(target.startsWith("/") ? target.slice(1) : dir + target));
  }
  return out;
}

/** The worksheet part's name of each sheet. */
async function sheetParts(zip: JSZip): Promise<Record<string, string>> {
  const workbook = await part(zip, "xl/workbook.xml");
  const targets = await rels(zip, "xl/workbook.xml");
  const out: Record<string, string> = {};
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) out[xmlUnescape(attr(m[0], "name")!)] = targets.get(attr(m[0], "r:id")!)!;
  return out;
}

/** The worksheet XML of each sheet, by name. */
async function sheetXml(zip: JSZip): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(await sheetParts(zip))) out[name] = await part(zip, p);
  return out;
}

/** One cell's XML, "<c r="G6" …>…</c>". */
const cellXml = (xml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(xml)?.[0];

/**
 * The elements of an XML part in document order, each with its attribute names (values left out), a run of
 * siblings of the same shape counted once: the structure two files share whatever their contents.
 */
function shape(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<([\w:]+)((?:\s+[\w:]+="[^"]*")*)\s*\/?>/g)) {
    if (m[1]!.startsWith("?")) continue;
    const attrs = [...m[2]!.matchAll(/([\w:]+)=/g)].map((a) => a[1]).filter((a) => !a!.startsWith("xmlns")).sort();
    const item = `${m[1]}[${attrs.join(",")}]`;
    if (out[out.length - 1] !== item) out.push(item);
  }
  return out;
}

/** Each element's children, in order, by the element's path from the root (its first element of that path). */
function children(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const first = new Map<string, number>();
  const stack: { path: string; id: number }[] = [];
  let next = 0;
  for (const m of xml.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    const [, close, name, empty] = m;
    if (close) {
      stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1];
    const parentPath = parent?.path ?? "";
    if (parent && first.get(parentPath) === parent.id) {
      const list = out.get(parentPath) ?? out.set(parentPath, []).get(parentPath)!;
      if (list[list.length - 1] !== name) list.push(name!);
    }
    const path = parentPath ? `${parentPath}/${name}` : name!;
    const id = next++;
    if (!first.has(path)) first.set(path, id);
    if (!empty) stack.push({ path, id });
  }
  return out;
}

describe("the playground's files in Excel's own form", () => {
  let hf: HyperFormula;
  let zip: JSZip;
  let sheets: Record<string, string>;
  beforeAll(async () => {
    const s = sample(bridge);
    hf = s.hf;
    zip = await JSZip.loadAsync(await writeXlsx(hf, s.meta, { addin: ADDIN }));
    sheets = await sheetXml(zip);
  });
  afterAll(() => hf.destroy());

  it("stores every LEV call as Excel stores an add-in's: _xldudf_LEV_<ID> in a one-cell or spilled dynamic array", () => {
    let calls = 0;
    for (const name of hf.getSheetNames()) {
      const id = hf.getSheetId(name)!;
      hf.getSheetFormulas(id).forEach((row, r) =>
        row.forEach((formula, c) => {
          if (!formula?.includes("LEV.")) return;
          calls++;
          const ref = `${columnName(c)}${r + 1}`;
          const stored = formula.slice(1).replace(/LEV\.(\w+)\(/g, "_xldudf_LEV_$1(");
          // <c r="A1" cm="1"><f t="array" ref="A1">_xldudf_CONTOSO_ADD(1,2)</f><v>3</v></c>
          expect(cellXml(sheets[name]!, ref)).toMatch(new RegExp(`^<c r="${ref}"[^>]* cm="1"><f t="array" ref="${ref}(:[A-Z]+\\d+)?">`));
          expect(xmlUnescape(/<f[^>]*>([^<]*)<\/f>/.exec(cellXml(sheets[name]!, ref)!)![1]!)).toBe(stored);
        }),
      );
    }
    // the journal's 12 rows × 6 LEV columns, the scenario's 6 and the trades sheet's 3, the positions' 3 or more
    expect(calls).toBeGreaterThan(80);
    // LEV.SCENARIOS over the nine prices D2:D10 spills its header and nine rows of seven columns: G2:M11
    expect(cellXml(sheets.Scenario!, "G2")).toMatch(/<f t="array" ref="G2:M11">_xldudf_LEV_SCENARIOS\(/);
    // a single value too: <f t="array" ref="B9">
    expect(cellXml(sheets.Scenario!, "B9")).toMatch(/cm="1"><f t="array" ref="B9">_xldudf_LEV_NOTIONAL\(B3, B4\)<\/f><v>30000<\/v>/);
  });

  it("writes xl/metadata.xml as Excel does for dynamic arrays, with its relationship and content type", async () => {
    const excel = await fixture("formula.xlsx");
    const text = async (z: JSZip) => (await part(z, "xl/metadata.xml")).replace(/\r\n/g, "\n").trim();
    expect(await text(zip)).toBe(await text(excel));
    const rel = (rels: string) => /<Relationship [^>]*Target="metadata.xml"[^>]*>/.exec(rels)![0].replace(/Id="\w+" ?/, "");
    expect(rel(await part(zip, "xl/_rels/workbook.xml.rels"))).toBe(rel(await part(excel, "xl/_rels/workbook.xml.rels")));
    const type = (types: string) => /<Override PartName="\/xl\/metadata.xml"[^>]*>/.exec(types)![0];
    expect(type(await part(zip, "[Content_Types].xml"))).toBe(type(await part(excel, "[Content_Types].xml")));
  });

  it("lists LEV's functions in the add-in part, shaped as Excel writes it for xlwings' add-in", async () => {
    const excel = await fixture("udf_tests_officejs.xlsx");
    const ours = await part(zip, "xl/webextensions/webextension1.xml");
    expect(shape(ours)).toEqual(shape(await part(excel, "xl/webextensions/webextension1.xml")));
    expect(shape(await part(zip, "xl/webextensions/taskpanes.xml"))).toEqual(shape(await part(excel, "xl/webextensions/taskpanes.xml")));
    expect(await part(zip, "xl/webextensions/_rels/taskpanes.xml.rels")).toContain('Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"');
    // the add-in is manifest.xml's, sideloaded as the real files' were
    expect(ours).toContain(`<we:reference id="${ADDIN.id}" version="${ADDIN.version}" store="developer" storeType="Registry"/>`);
    const ids = [...ours.matchAll(/<we:customFunctionIds>([^<]*)<\/we:customFunctionIds>/g)].map((m) => m[1]);
    expect(ids).toEqual(metadata.functions.map((f) => `_xldudf_LEV_${f.id}`));
    expect(ids).toContain("_xldudf_LEV_MARGIN");
    // the package reaches it as Excel's does: _rels/.rels → taskpanes.xml, with the real files' content types
    const rootRels = await part(zip, "_rels/.rels");
    expect(rootRels).toMatch(/Type="http:\/\/schemas.microsoft.com\/office\/2011\/relationships\/webextensiontaskpanes" Target="xl\/webextensions\/taskpanes.xml"/);
    const types = await part(zip, "[Content_Types].xml");
    const excelTypes = await part(excel, "[Content_Types].xml");
    for (const p of ["taskpanes.xml", "webextension1.xml"]) {
      const override = (t: string) => new RegExp(`<Override PartName="/xl/webextensions/${p}"[^>]*>`).exec(t)![0];
      expect(override(types)).toBe(override(excelTypes));
    }
  });

  it("writes no add-in part for a workbook without LEV calls, and no formula at all in a copy with values", async () => {
    const plain = buildWorkbook(bridge, { S: [[1, 2, "=A1+B1"]] });
    const file = await JSZip.loadAsync(await writeXlsx(plain, {}, { addin: ADDIN }));
    expect(file.file("xl/webextensions/webextension1.xml")).toBeNull();
    plain.destroy();
    const values = await JSZip.loadAsync(await writeValuesXlsx(hf, sample(bridge).meta));
    const all = Object.values(await sheetXml(values)).join("");
    expect(all).not.toMatch(/<f[ >]/);
    expect(values.file("xl/metadata.xml")).toBeNull();
    expect(values.file("xl/webextensions/webextension1.xml")).toBeNull();
    // LEV.NOTIONAL(60000, 0.5) = 30,000 stays as its value
    expect(cellXml((await sheetXml(values)).Scenario!, "B9")).toMatch(/<v>30000<\/v>/);
    // the chart comes along (the Trades sheet's equity curve)
    expect(Object.keys(values.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(1);
  });
});

describe("LEV calls in every form Excel stores them", () => {
  it("opens Excel's form, the plain form and the damaged [2]! form as LEV calls that compute", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    // as Excel stores a call (the repro's sheet3), one typed before the add-in loaded (its sheet1, cached
    // #NAME?), and one another add-in's link captured (office-js #2568)
    ws.getCell("A1").value = { formula: "_xldudf_LEV_MARGIN(100000,50)", result: 2000, shareType: "array", ref: "A1" } as never;
    ws.getCell("B1").value = { formula: "LEV.MARGIN(100000,50)", result: { error: "#NAME?" }, shareType: "array", ref: "B1" } as never;
    ws.getCell("C1").value = { formula: "[2]!_xldudf_LEV_MARGIN(100000,50)", result: { error: "#NAME?" } } as never;
    const back = await readXlsx((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(back.sheets.S![0]).toEqual(["=LEV.MARGIN(100000,50)", "=LEV.MARGIN(100000,50)", "=LEV.MARGIN(100000,50)"]);
    const hf = buildWorkbook(bridge, back.sheets);
    // 100,000 / 50 = 2,000 in each
    expect([0, 1, 2].map((col) => hf.getCellValue({ sheet: 0, row: 0, col }))).toEqual([2000, 2000, 2000]);
    hf.destroy();
  });
});

describe("no invalid formula and no #ERROR! in a file", () => {
  it("writes a formula no program can read as its text, and a cycle without a value", async () => {
    const hf = buildWorkbook(bridge, { S: [["=LEV.MARGIN(", "=LEV.MARGIN(100000; 50)", "=C1", "=LEV.MARGIN(100000, 50)"]] });
    const file = await JSZip.loadAsync(await writeXlsx(hf));
    const xml = (await sheetXml(file)).S!;
    expect(xml).not.toMatch(/#ERROR!|#CYCLE!/);
    expect(cellXml(xml, "A1")).not.toContain("<f");
    expect(cellXml(xml, "B1")).not.toContain("<f");
    expect(cellXml(xml, "C1")).toMatch(/^<c r="C1"[^>]*><f>C1<\/f><\/c>$/);
    const back = await readXlsx(await writeXlsx(hf));
    // typed back, they are the text they were, kept as text by an apostrophe
    expect(back.sheets.S![0]!.slice(0, 2)).toEqual(["'=LEV.MARGIN(", "'=LEV.MARGIN(100000; 50)"]);
    hf.destroy();
  });

  it("opens a formula an earlier playground saved with #ERROR! as the text it is", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { formula: "LEV.MARGIN(", result: { error: "#ERROR!" } } as never;
    ws.getCell("B1").value = { formula: "LEV.MARGIN(100000, 50", result: { error: "#ERROR!" } } as never;
    const back = await readXlsx((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(back.sheets.S![0]).toEqual(["'=LEV.MARGIN(", "'=LEV.MARGIN(100000, 50"]);
  });
});

describe("column widths", () => {
  it("gives a sheet never resized no widths: it comes back at the playground's default, 104 pixels", async () => {
    const hf = buildWorkbook(bridge, { S: [["Entry price", "a long text that once widened its column", "=LEV.MARGIN(100000, 50)"]] });
    const file = await JSZip.loadAsync(await writeXlsx(hf, {}));
    const xml = (await sheetXml(file)).S!;
    expect(xml).not.toContain("<col ");
    // Excel's width in characters of 7 pixels plus 5 of padding: (104 − 5) / 7 = 14.14
    expect(xml).toMatch(/<sheetFormatPr[^>]* defaultColWidth="14.14"/);
    const back = await readXlsx(await writeXlsx(hf, {}));
    expect(back.meta.S!.widths).toEqual({});
    expect(back.meta.S!.defaultWidth).toBeUndefined();
    hf.destroy();
  });
});

describe("native charts", () => {
  let zip: JSZip;
  let hf: HyperFormula;
  let made: Awaited<ReturnType<typeof sampleWithPaneSheets>>;
  beforeAll(async () => {
    made = await sampleWithPaneSheets(bridge);
    hf = made.hf;
    zip = await JSZip.loadAsync(await writeXlsx(hf, made.meta, { addin: ADDIN }));
  });
  afterAll(() => hf.destroy());

  /** The chart parts of a sheet: its drawing's anchors and charts. */
  async function chartsOf(sheet: string) {
    const sheetPart = (await sheetParts(zip))[sheet]!;
    const xml = await part(zip, sheetPart);
    const drawingPart = (await rels(zip, sheetPart)).get(/<drawing r:id="([^"]*)"\/>/.exec(xml)![1]!)!;
    const drawing = await part(zip, drawingPart);
    const chartParts = await rels(zip, drawingPart);
    const charts = [];
    for (const a of drawing.matchAll(/<xdr:twoCellAnchor>([\s\S]*?)<\/xdr:twoCellAnchor>/g)) {
      const num = (tag: string, n: number) => Number([...a[1]!.matchAll(new RegExp(`<xdr:${tag}>(\\d+)</xdr:${tag}>`, "g"))][n]![1]);
      const chartRid = /r:id="([^"]*)"/.exec(a[1]!)![1]!;
      charts.push({ from: [num("col", 0), num("row", 0)], to: [num("col", 1), num("row", 1)], xml: await part(zip, chartParts.get(chartRid)!) });
    }
    return { xml, charts };
  }

  const refs = (chart: string, tag: string) =>
    [...chart.matchAll(new RegExp(`<c:${tag}><c:(?:num|str)Ref><c:f>([^<]*)</c:f>`, "g"))].map((m) => xmlUnescape(m[1]!));

  it("writes the simulator's PnL chart as a scatter chart over the plan's ranges, its marks beside it", async () => {
    const plan = made.plans.scenario.chart!;
    const sheet = made.sheets.scenario;
    const { charts } = await chartsOf(sheet);
    expect(charts).toHaveLength(1);
    const chart = charts[0]!.xml;
    expect(chart).toContain("<c:scatterChart>");
    const abs = (range: string) => {
      const r = parseRange(range);
      return `'${sheet}'!$${columnName(r.left)}$${r.top + 1}:$${columnName(r.right)}$${r.bottom + 1}`;
    };
    // every row of the scenario table and of each mark holds a number: the ranges are the plan's own
    expect(refs(chart, "xVal")).toEqual(plan.series.map((s) => abs(s.x)));
    expect(refs(chart, "yVal")).toEqual(plan.series.map((s) => abs(s.y)));
    expect([...chart.matchAll(/<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/g)].map((m) => m[1])).toEqual(plan.series.map((s) => s.name));
    // over the plan's anchor: from its first cell to the corner after its last
    const a = parseRange(plan.anchor);
    expect([charts[0]!.from, charts[0]!.to]).toEqual([
      [a.left, a.top],
      [a.right + 1, a.bottom + 1],
    ]);
  });

  it("writes the imported journal's equity curve over the rows that hold trades, not its whole reach", async () => {
    const sheet = made.sheets.imported;
    const { charts } = await chartsOf(sheet);
    const chart = charts[0]!.xml;
    // balance and peak against the trade number
    expect(chart).toContain("<c:scatterChart>");
    // binance-futures.csv closes three trades (BTCUSDT long, ETHUSDT short, ETHUSDT long; SOLUSDT stays open):
    // the curve's header on row 6, its start on row 7 and a row per closed trade down to row 10
    expect(refs(chart, "xVal")).toEqual([`'${sheet}'!$AH$7:$AH$10`, `'${sheet}'!$AH$7:$AH$10`]);
    expect(refs(chart, "yVal")).toEqual([`'${sheet}'!$AJ$7:$AJ$10`, `'${sheet}'!$AK$7:$AK$10`]);
  });

  it("puts the drawing where Excel does and orders each chart's elements as Excel's own chart files", async () => {
    const { xml, charts } = await chartsOf(made.sheets.scenario);
    // <pageMargins …/><drawing r:id="rId1"/><tableParts …> in rust_xlsxwriter's table37.xlsx
    expect(xml).toMatch(/<\/pageSetup>|<pageSetup[^>]*\/><drawing r:id="rId\d+"\/><tableParts/);
    const excel = children(await part(await fixture("chart_scatter01.xlsx"), "xl/charts/chart1.xml"));
    const ours = children(charts[0]!.xml);
    let compared = 0;
    for (const [at, list] of ours) {
      const theirs = excel.get(at);
      if (!theirs) continue;
      const common = list.filter((n) => theirs.includes(n));
      expect([at, common]).toEqual([at, theirs.filter((n) => common.includes(n))]);
      compared++;
    }
    expect(compared).toBeGreaterThan(8);
    const line = children((await chartsOf(made.sheets.imported)).charts[0]!.xml);
    const excelLine = children(await part(await fixture("chart_line01.xlsx"), "xl/charts/chart1.xml"));
    for (const [at, list] of line) {
      const theirs = excelLine.get(at);
      if (!theirs) continue;
      const common = list.filter((n) => theirs.includes(n));
      expect([at, common]).toEqual([at, theirs.filter((n) => common.includes(n))]);
    }
  });

  it("keeps the tables, rules and charts of every sheet the pane writes in a copy with values", async () => {
    const values = await JSZip.loadAsync(await writeValuesXlsx(hf, made.meta));
    const count = (z: JSZip, re: RegExp) => Object.keys(z.files).filter((p) => re.test(p)).length;
    // the two simulator sheets' scenario tables, the two journals' (the imported one with its funding table) and the
    // positions sheet's: six tables, as in the saved workbook
    expect(count(values, /^xl\/tables\/table\d+\.xml$/)).toBe(count(zip, /^xl\/tables\/table\d+\.xml$/));
    expect(count(zip, /^xl\/tables\/table\d+\.xml$/)).toBe(6);
    expect(count(values, /^xl\/charts\/chart\d+\.xml$/)).toBe(count(zip, /^xl\/charts\/chart\d+\.xml$/));
    const rules = async (z: JSZip) => (Object.values(await sheetXml(z)).join("").match(/<cfRule /g) ?? []).length;
    expect(await rules(values)).toBe(await rules(zip));
    expect(Object.values(await sheetXml(values)).join("")).not.toMatch(/<f[ >]/);
  });

  it("reads its own charts back from their requests, not twice", async () => {
    const back = await readXlsx(await writeXlsx(hf, made.meta));
    expect(back.meta[made.sheets.scenario]!.charts).toEqual([made.plans.scenario.chart]);
    expect(back.meta[made.sheets.imported]!.charts).toEqual([made.plans.imported.chart]);
  });
});

