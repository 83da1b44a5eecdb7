import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DetailedCellError, type HyperFormula, type SimpleCellAddress, type SimpleCellRange } from "hyperformula";
import { registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import { columnName, parseRange } from "../../src/shared/a1";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import type { WorkbookMeta } from "../../src/playground/sheet";
import { writeXlsx, writeValuesXlsx } from "../../src/playground/xlsx";
import type { ChartPlan } from "../../src/shared/workbook";
import { DIST, loadBundle } from "../helpers/bundle";
import { convert, describeWithLibreOffice, odsCells, odsCharts, POPPLER, type OdsCell } from "../helpers/libreoffice";
import { sampleWithPaneSheets } from "../helpers/xlsx-workbooks";

/*
 * The playground's saved files read by a program no one here wrote: LibreOffice, headless. It computes every
 * formula again and does not know LEV's functions, so a cell computed from a LEV call shows #NAME? there
 * whatever the file says; every other cell (inputs, fills, labels, other formulas) must show the value the
 * playground showed, cell by cell. A copy saved with values shows every cell, and the charts with their data:
 * its PDF pages are written to test-results/ to be looked at.
 */
const RESULTS = path.resolve(__dirname, "../../test-results");

const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
let bridge: LevBridge;
beforeAll(() => {
  bridge = registerLevFunctions(metadata, loadBundle().functions);
});
afterAll(() => bridge.unregister());

const key = (sheet: number, row: number, col: number) => `${sheet}:${row}:${col}`;

/** The cells computed from a LEV call: the calls, the cells they spill into, and everything that reads them. */
function fromLev(hf: HyperFormula): Set<string> {
  const seen = new Set<string>();
  const queue: (SimpleCellAddress | SimpleCellRange)[] = [];
  const visit = (a: SimpleCellAddress) => {
    const k = key(a.sheet, a.row, a.col);
    if (seen.has(k)) return;
    seen.add(k);
    queue.push(a);
  };
  for (const name of hf.getSheetNames()) {
    const sheet = hf.getSheetId(name)!;
    const { height, width } = hf.getSheetDimensions(sheet);
    hf.getSheetFormulas(sheet).forEach((row, r) =>
      row.forEach((f, c) => {
        if (!f?.includes("LEV.")) return;
        visit({ sheet, row: r, col: c });
        // the block it spills into
        for (let rr = r; rr < height; rr++) {
          let any = false;
          for (let cc = c; cc < width; cc++) {
            const a = { sheet, row: rr, col: cc };
            if ((rr === r && cc === c) || (hf.isCellPartOfArray(a) && hf.getCellFormula(a) === undefined)) {
              visit(a);
              any = true;
            } else if (cc > c) break;
          }
          if (!any) break;
        }
      }),
    );
  }
  while (queue.length) {
    const at = queue.shift()!;
    for (const d of hf.getCellDependents(at)) {
      if ("start" in d) {
        queue.push(d);
        for (let r = d.start.row; r <= d.end.row; r++) for (let c = d.start.col; c <= d.end.col; c++) visit({ sheet: d.start.sheet, row: r, col: c });
      } else visit(d);
    }
  }
  return seen;
}

/** The cells where LibreOffice shows another value than the playground did, but for those in `skip`. */
function differences(hf: HyperFormula, ods: Record<string, (OdsCell | null)[][]>, skip: Set<string>): string[] {
  const out: string[] = [];
  for (const name of hf.getSheetNames()) {
    const sheet = hf.getSheetId(name)!;
    const rows = ods[name];
    if (!rows) {
      out.push(`${name}: not in LibreOffice's file`);
      continue;
    }
    const { height, width } = hf.getSheetDimensions(sheet);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        if (skip.has(key(sheet, r, c))) continue;
        const v = hf.getCellValue({ sheet, row: r, col: c });
        const cell = rows[r]?.[c] ?? null;
        const at = `${name}!${columnName(c)}${r + 1}`;
        const shown = cell === null ? "empty" : `${JSON.stringify(cell.value)} (${cell.type})`;
        if (v === null || v === "") {
          if (cell !== null && cell.text !== "") out.push(`${at}: empty in the playground, ${shown} in LibreOffice`);
        } else if (v instanceof DetailedCellError) {
          if (cell?.text !== v.value) out.push(`${at}: ${v.value} in the playground, ${shown} in LibreOffice`);
        } else if (typeof v === "number") {
          const ok = cell !== null && typeof cell.value === "number" && Math.abs(cell.value - v) <= 1e-9 * Math.max(1, Math.abs(v));
          if (!ok) out.push(`${at}: ${v} in the playground, ${shown} in LibreOffice`);
        } else if (typeof v === "boolean") {
          if (cell?.value !== v && cell?.value !== (v ? 1 : 0)) out.push(`${at}: ${v} in the playground, ${shown} in LibreOffice`);
        } else if (cell?.value !== v) out.push(`${at}: ${JSON.stringify(v)} in the playground, ${shown} in LibreOffice`);
      }
    }
  }
  return out;
}

/** A chart request's range as LibreOffice names it: 'LEV Scenario'.C23:'LEV Scenario'.C41. */
function odsRange(sheet: string, range: string): string {
  const r = parseRange(range);
  const s = /^[A-Za-z_]\w*$/.test(sheet) ? sheet : `'${sheet}'`;
  return `${s}.${columnName(r.left)}${r.top + 1}:${s}.${columnName(r.right)}${r.bottom + 1}`;
}

/** The rows of a chart request's ranges that hold a number now, as the native chart covers them. */
function filledRows(hf: HyperFormula, sheet: string, chart: ChartPlan): number {
  const id = hf.getSheetId(sheet)!;
  let last = -1;
  for (const s of chart.series) {
    const r = parseRange(s.y);
    for (let row = r.top; row <= r.bottom; row++) if (typeof hf.getCellValue({ sheet: id, row, col: r.left }) === "number") last = Math.max(last, row - r.top);
  }
  return last + 1;
}

describeWithLibreOffice("saved workbooks in LibreOffice", () => {
  let dir: string;
  let hf: HyperFormula;
  let meta: WorkbookMeta;
  let made: Awaited<ReturnType<typeof sampleWithPaneSheets>>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lev-soffice-"));
    made = await sampleWithPaneSheets(bridge);
    hf = made.hf;
    meta = made.meta;
  });
  afterAll(() => {
    hf.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens the saved workbook and shows every cell not computed from a LEV call as the playground did", async () => {
    const file = path.join(dir, "workbook.xlsx");
    fs.writeFileSync(file, Buffer.from(await writeXlsx(hf, meta)));
    const ods = await odsCells(convert(dir, file, "ods"));
    expect(Object.keys(ods)).toEqual(hf.getSheetNames());
    const skip = fromLev(hf);
    // the LEV cells are many (the journal's columns, every spilled table); the others are compared one by one
    expect(skip.size).toBeGreaterThan(500);
    let compared = 0;
    for (const name of hf.getSheetNames()) {
      const id = hf.getSheetId(name)!;
      const { height, width } = hf.getSheetDimensions(id);
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) if (!skip.has(key(id, r, c)) && hf.getCellValue({ sheet: id, row: r, col: c }) !== null) compared++;
    }
    expect(compared).toBeGreaterThan(800);
    expect(differences(hf, ods, skip)).toEqual([]);
  }, 240000);

  it("shows every cell of a copy saved with values, LEV's included, as the playground did", async () => {
    const file = path.join(dir, "values.xlsx");
    fs.writeFileSync(file, Buffer.from(await writeValuesXlsx(hf, meta)));
    const ods = await odsCells(convert(dir, file, "ods"));
    expect(differences(hf, ods, new Set())).toEqual([]);
    // the formats came along: the guide's margin 100,000 / 50 = 2,000 as money, its level 100 % as a percentage
    const scenario = made.plans.scenario;
    const at = (name: string) => {
      const cell = parseRange(scenario.names.find((n) => n.name === name)!.cell);
      return ods[made.sheets.scenario]![cell.top]![cell.left]!;
    };
    expect(at("Margin").text).toBe("2,000.00");
    expect(at("LevelAtOpen").text).toBe("100.00%");
    // the imported journal's funding: the table as written, and each trade's funding summed from it, no #NAME? or Err
    const journal = ods[made.sheets.imported]!;
    const header = journal[5]!.map((c) => c?.value);
    const funding = header.indexOf("Funding");
    const amount = header.indexOf("Amount");
    expect(journal.slice(6, 10).map((r) => r[amount]?.value)).toEqual([-0.85, -0.5, -0.4, -0.14]);
    // trades in the order they opened: BTCUSDT long (09:00–13:40, the 16:00 payment after it), ETHUSDT short
    // (10:00–12:30, none), ETHUSDT long (12:30–08:15 next day: −0.85 − 0.4 = −1.25), SOLUSDT long, open (−0.14)
    const symbol = header.indexOf("Symbol", amount + 1);
    expect(journal.slice(6, 10).map((r) => r[symbol]?.value)).toEqual(["BTCUSDT", "ETHUSDT", "ETHUSDT", "SOLUSDT"]);
    [0, 0, -1.25, -0.14].forEach((v, i) => expect(journal[6 + i]![funding]?.value).toBeCloseTo(v, 12));
  }, 240000);

  it("holds the simulator's and the journal's charts over their series' ranges, and draws them", async () => {
    const file = path.join(dir, "charts.xlsx");
    fs.writeFileSync(file, Buffer.from(await writeValuesXlsx(hf, meta)));
    const charts = await odsCharts(convert(dir, file, "ods"));
    for (const key of ["scenario", "imported"] as const) {
      const sheet = made.sheets[key];
      const plan = made.plans[key].chart!;
      const chart = charts.find((c) => c.sheet === sheet);
      expect(chart?.kind).toBe("chart:scatter");
      // the series over the rows that hold numbers: all of the scenario's; the journal's three closed trades and its start
      const rows = filledRows(hf, sheet, plan);
      const cut = (range: string) => {
        const r = parseRange(range);
        return `${columnName(r.left)}${r.top + 1}:${columnName(r.right)}${r.top + Math.min(rows, r.bottom - r.top + 1)}`;
      };
      expect(chart!.series.map((s) => [s.name, s.domain, s.values])).toEqual(plan.series.map((s) => [s.name, odsRange(sheet, cut(s.x)), odsRange(sheet, cut(s.y))]));
    }
    // binance-futures.csv closes three trades: the start and three rows
    expect(filledRows(hf, made.sheets.imported, made.plans.imported.chart!)).toBe(4);

    // one page per sheet: the charts' pages, drawn, for a person to look at (test-results/)
    if (!POPPLER && !process.env.CI) {
      process.stderr.write("\nNot drawing the saved charts' pages: pdftoppm is not installed (apt-get install poppler-utils).\n");
      return;
    }
    const pdf = convert(dir, file, 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}', "pdf");
    fs.mkdirSync(RESULTS, { recursive: true });
    for (const key of ["scenario", "imported"] as const) {
      const page = hf.getSheetNames().indexOf(made.sheets[key]) + 1;
      const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
      const plan = made.plans[key].chart!;
      // the chart's title, its axes' titles and its series' names are drawn on the sheet's page
      for (const word of [plan.title, plan.xTitle, plan.yTitle, ...plan.series.map((s) => s.name)]) expect([key, text.includes(word)]).toEqual([key, true]);
      execFileSync("pdftoppm", ["-f", String(page), "-l", String(page), "-r", "60", "-png", "-singlefile", pdf, path.join(RESULTS, `libreoffice-${key}`)]);
      expect(fs.statSync(path.join(RESULTS, `libreoffice-${key}.png`)).size).toBeGreaterThan(10000);
    }
  }, 240000);

  it("holds the charts of the saved workbook (with its formulas) over the same ranges", async () => {
    const file = path.join(dir, "formulas-charts.xlsx");
    fs.writeFileSync(file, Buffer.from(await writeXlsx(hf, meta)));
    const charts = await odsCharts(convert(dir, file, "ods"));
    const sheet = made.sheets.scenario;
    const plan = made.plans.scenario.chart!;
    expect(charts.find((c) => c.sheet === sheet)!.series.map((s) => s.values)).toEqual(plan.series.map((s) => odsRange(sheet, s.y)));
  }, 240000);
});
