import * as fs from "fs";
import * as path from "path";
import { DIST } from "../helpers/bundle";

/*
 * What the benchmarks promise that does not depend on the machine: byte ceilings of what Excel and the
 * task pane load, and the shape of bench/results.json. Timings live in the benchmark (npm run bench),
 * never here. The round trips (2 syncs per write within one request, growing only with the bytes beyond
 * Excel on the web's ~5 MB cap) are asserted by the Excel adapter's own test, test/taskpane/excel.test.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sizes, localScripts } = require("../../bench/size.cjs") as {
  sizes(): { functions_js: number; taskpane_initial_gz: number; taskpane_initial_files: { file: string; bytes: number; gz: number }[] };
  localScripts(html: string): string[];
};

/** functions.js, minified, with decimal.js as published (nothing rewrites a dependency at build time). */
const FUNCTIONS_JS_CEILING = 150_000;
const TASKPANE_INITIAL_GZ_CEILING = 150_000;

describe("what Excel and the task pane load", () => {
  it("keeps dist/functions.js within 150,000 bytes", () => {
    expect(sizes().functions_js).toBeLessThanOrEqual(FUNCTIONS_JS_CEILING);
  });

  it("keeps the task pane's initial JavaScript within 150,000 bytes gzipped", () => {
    const s = sizes();
    expect(s.taskpane_initial_gz).toBeLessThanOrEqual(TASKPANE_INITIAL_GZ_CEILING);
  });

  it("counts every local script the task pane page loads, and nothing it loads later", () => {
    const scripts = localScripts(path.join(DIST, "taskpane.html"));
    expect(scripts).toContain("functions.js");
    expect(scripts).toContain("taskpane.js");
    // the simulator (React and Fluent UI) arrives later, in the lazily loaded pane chunk
    expect(scripts).not.toContain("pane.js");
    expect(sizes().taskpane_initial_files.map((f) => f.file)).toEqual(scripts);
  });
});

describe("bench/results.json", () => {
  const results = JSON.parse(fs.readFileSync(path.join(__dirname, "../../bench/results.json"), "utf8"));
  const get = (key: string): unknown => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], results);

  it.each([
    ...["MARGIN", "PNL", "LIQPRICE", "LIQPRICE_TIERS10", "FXMARGIN", "SCENARIOS_100", "GRID_100x10", "LADDER_20", "COMPOUNDTABLE_120", "CROSSLIQ_100", "TRADES_10000", "JOURNALSTATS_1000", "EQUITYCURVE_1000"].flatMap(
      (id) => [`engine.${id}.lev_per_s`, `engine.${id}.float_per_s`, `engine.${id}.float_over_lev`],
    ),
    "engine.TRADES_10000.fills_per_s",
    "journal.lev_ms",
    "journal.native_ms",
    "journal.ratio",
    "journal_import.fills_10000.parse_ms",
    "journal_import.fills_10000.preview_ms",
    "journal_import.fills_100000.parse_ms",
    "journal_import.fills_100000.preview_ms",
    "bytes.loaded_later.import_worker.gz",
    "bytes.loaded_later.import_xlsx_chunk.gz",
    "bytes.loaded_later.import_html_chunk.gz",
    "syncs.rows_10",
    "syncs.rows_1000",
    "syncs.rows_10000",
    "bytes.functions_js",
    "bytes.taskpane_initial_gz",
    "startup.functions_ms",
    "playground.wire_bytes",
    "playground.decoded_bytes",
    "playground.first_value_ms",
  ])("records %s as a number", (key) => {
    expect(typeof get(key)).toBe("number");
  });

  it("records, for every engine case with a target, the target and whether it was met", () => {
    const engine = results.engine as Record<string, { target?: Record<string, number>; met?: unknown }>;
    const targeted = Object.entries(engine).filter(([, e]) => e.target !== undefined);
    expect(targeted.map(([id]) => id)).toEqual(expect.arrayContaining(["MARGIN", "PNL", "LIQPRICE", "FXMARGIN", "LIQPRICE_TIERS10", "SCENARIOS_100", "CROSSLIQ_100", "TRADES_10000", "JOURNALSTATS_1000", "EQUITYCURVE_1000"]));
    for (const [, e] of targeted) expect(typeof e.met).toBe("boolean");
  });
});
