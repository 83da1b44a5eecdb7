// npm run bench: builds nothing itself (the npm script builds first), runs every benchmark, prints a table
// and writes bench/results.json. Timed parts run in child processes pinned to one core (taskset, where the
// system has it), so each figure is one core's work; each pair is measured side by side in the same run.
//
//   node bench/run.cjs [--quick] [--baseline <git ref>]
//     --quick: fewer rounds (a smoke run; the figures are noisier)
//     --baseline <ref>: also builds that commit's functions.js (in a temporary git worktree under the system's
//       temporary folder, removed afterwards) and times its engine cases beside this build's, in the same rounds
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { sizes, startup } = require("./size.cjs");

const quick = process.argv.includes("--quick");
const baselineRef = (() => {
  const i = process.argv.indexOf("--baseline");
  if (i < 0) return undefined;
  const ref = process.argv[i + 1];
  if (!ref || ref.startsWith("--")) {
    console.error("--baseline needs a git ref: node bench/run.cjs --baseline main");
    process.exit(2);
  }
  return ref;
})();
const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(__dirname, "results.json");

/** Pins children to the last core when taskset exists (other work usually lands on core 0 first). */
function pinning() {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return ["taskset", "-c", String(os.cpus().length - 1)];
  } catch {
    return [];
  }
}
const PIN = pinning();

/** Runs `node <script> ...args` (pinned, unless `pinned` is false) and parses the JSON it prints. */
function child(script, args = [], pinned = true) {
  const cmd = [...(pinned ? PIN : []), process.execPath, path.join(__dirname, script), ...args.map(String)];
  const out = execFileSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(out);
}

/**
 * Builds `ref`'s functions.js in a temporary worktree and hands its path to `use`; the worktree is removed
 * afterwards, whatever happens. The commit and its subject are returned with `use`'s result.
 */
function withBaseline(ref, use) {
  const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lev-baseline-"));
  const tree = path.join(dir, "tree");
  git("worktree", "add", "--detach", tree, commit);
  try {
    const build = path.join(dir, "dist");
    execFileSync(process.execPath, [path.join(__dirname, "functions-build.cjs"), tree, build], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    const subject = git("log", "-1", "--format=%s", commit);
    return { ref, commit, subject: subject.length > 80 ? `${subject.slice(0, 79)}…` : subject, result: use(path.join(build, "functions.js")) };
  } finally {
    git("worktree", "remove", "--force", tree);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Targets outside the engine; each engine case carries its own (bench/engine.cjs). */
const TARGETS = {
  journal_ratio: 1.2,
  syncs_max: 2, // at most, for a write within one request; beyond ~5 MB (Excel on the web) one more per 4 MB
  request_budget_bytes: 4_000_000,
  functions_js_bytes: 150_000,
  functions_ms: 15,
  taskpane_initial_gz_bytes: 150_000,
  playground_wire_bytes: 600_000,
  paste_ms: 2000,
};

const n = (x) => Math.round(x).toLocaleString("en-US");

/** An engine case's target as the table shows it. */
function targetText(t) {
  if (!t) return "";
  return Object.entries(t)
    .map(([k, v]) => (k === "float_over_lev" ? `≤ ${v}× floats` : `≥ ${n(v)} ${k === "lev_per_s" ? "calls" : k.replace(/_per_s$/, "")}/s`))
    .join(", ");
}

/** With --baseline: each engine case, this build beside the baseline's, in the same rounds (bare context). */
function baselineTable(r) {
  if (!r.baseline) return [];
  const b = r.baseline;
  return [
    "",
    `Engine beside the baseline \`${b.ref}\` (${b.commit.slice(0, 10)}, "${b.subject.replace(/\|/g, "\\|")}"), its functions.js built and timed in the same ` +
      "interleaved rounds (calls per second, bare context; ratio = the median of each round's new ÷ old):",
    "",
    "| Case | This build | Baseline | New ÷ old |",
    "| --- | ---: | ---: | ---: |",
    ...Object.entries(r.engine)
      .filter(([, e]) => e.baseline_per_s !== undefined)
      .map(([id, e]) => `| ${id} | ${e.lev_per_s.toLocaleString("en-US")} | ${e.baseline_per_s.toLocaleString("en-US")} | ${e.lev_over_baseline} |`),
  ];
}

/** Rewrites the figures block of BENCHMARKS.md from this run. */
function writeFigures(rows, r) {
  const file = path.join(ROOT, "BENCHMARKS.md");
  const doc = fs.readFileSync(file, "utf8");
  const start = "<!-- figures:start -->";
  const end = "<!-- figures:end -->";
  if (!doc.includes(start) || !doc.includes(end)) return;
  const cell = (c) => c.replace(/\|/g, "\\|");
  const table = [
    `| ${rows[0].join(" | ")} |`,
    `|${rows[0].map((_, j) => (j === 0 ? " --- " : " ---: ")).join("|")}|`,
    ...rows.slice(1).map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
  const m = r.machine;
  const engine = Object.entries(r.engine).map(
    ([id, e]) => `| ${id} | ${e.lev_per_s.toLocaleString("en-US")} | ${e.lev_per_s_page.toLocaleString("en-US")} | ${e.float_per_s.toLocaleString("en-US")} | ${e.float_over_lev} | ${e.float_over_lev_page} |`,
  );
  const block = [
    start,
    `Run of ${r.date.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cores} cores (${m.pinned_to_one_core ? "pinned to one" : "not pinned"}), ` +
      `Node ${m.node}, ${m.os}; load average ${m.load_average_at_start.join(", ")} at the start (other work was running: ` +
      "absolute figures are conservative, ratios are the steadier reading).",
    "",
    ...table,
    "",
    "Engine, both ways of loading the bundle (calls per second; ratio = floats ÷ LEV):",
    "",
    "| Case | Bare context | Page realm | Floats | Ratio (bare) | Ratio (page) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...engine,
    ...baselineTable(r),
    "",
    `Journal build (parse and first evaluation): ${r.journal.build_lev_ms} ms with LEV, ${r.journal.build_native_ms} ms native.`,
    end,
  ].join("\n");
  fs.writeFileSync(file, doc.slice(0, doc.indexOf(start)) + block + doc.slice(doc.indexOf(end) + end.length));
}

function main() {
  const started = new Date();
  const load = os.loadavg();
  const log = (s) => process.stderr.write(`${s}\n`);

  const engineArgs = quick ? [3, 100] : [7, 200];
  let engine;
  let baseline;
  if (baselineRef === undefined) {
    log("engine throughput ...");
    engine = child("engine.cjs", engineArgs);
  } else {
    log(`engine throughput, beside ${baselineRef} (building its functions.js) ...`);
    const b = withBaseline(baselineRef, (file) => child("engine.cjs", [...engineArgs, "all", file]));
    engine = b.result;
    baseline = { ref: b.ref, commit: b.commit, subject: b.subject };
  }
  log("journal recalculation ...");
  const journal = child("journal.cjs", quick ? [3] : [7]);
  log("journal import ...");
  const journalImport = child("import.cjs", quick ? [1] : [5]);
  log("round trips ...");
  const syncs = child("syncs.cjs");
  log("size and start-up ...");
  const bytes = sizes();
  const start = startup(quick ? 5 : 15, PIN);
  // A browser is several processes: not pinned, so its figures are the machine's, not one core's.
  log("playground load ...");
  const playground = child("playground.cjs", [quick ? 3 : 7], false);
  log("pasting 10,000 fills in the playground ...");
  const paste = child("paste.cjs", [10000, quick ? 1 : 3], false);

  // Within one request's budget the count is the same at every size; above it, it grows with bytes alone.
  const allowed = (n) => TARGETS.syncs_max + Math.max(0, Math.ceil((syncs[`bytes_${n}`] ?? 0) / TARGETS.request_budget_bytes) - 1);
  const syncsMet = [10, 1000, 10000].every((n) => syncs[`rows_${n}`] <= allowed(n));
  const met = {
    ...Object.fromEntries(Object.entries(engine).filter(([, e]) => e.target).map(([id, e]) => [`engine_${id}`, e.met])),
    journal_ratio: journal.ratio <= TARGETS.journal_ratio,
    functions_ms: start.functions_ms <= TARGETS.functions_ms,
    syncs: syncsMet,
    functions_js: bytes.functions_js <= TARGETS.functions_js_bytes,
    taskpane_initial_gz: bytes.taskpane_initial_gz <= TARGETS.taskpane_initial_gz_bytes,
    playground_wire: playground.wire_bytes <= TARGETS.playground_wire_bytes,
    paste: paste.paste_ms <= TARGETS.paste_ms && paste.rows_added === paste.rows,
  };

  const results = {
    date: started.toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      pinned_to_one_core: PIN.length > 0,
      load_average_at_start: load.map((x) => Number(x.toFixed(2))),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    quick,
    baseline,
    engine,
    journal,
    journal_import: journalImport,
    syncs,
    bytes,
    startup: start,
    playground,
    paste,
    targets: TARGETS,
    met,
  };
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);

  const rows = [["Figure", "LEV", "Side by side", "Ratio", "Target", "Met"]];
  for (const [id, e] of Object.entries(engine)) {
    const units = Object.keys(e).filter((k) => k.endsWith("_per_s") && !["lev_per_s", "float_per_s", "lev_per_s_page"].includes(k));
    const extra = units.map((k) => ` (${n(e[k])} ${k.replace(/_per_s$/, "")}/s)`).join("");
    rows.push([
      `${id} calls/s`,
      `${n(e.lev_per_s)}${extra}`,
      `${n(e.float_per_s)} (floats)`,
      `${e.float_over_lev < 10 ? e.float_over_lev : Math.round(e.float_over_lev)}× slower`,
      targetText(e.target),
      e.target ? (e.met ? "yes" : "NO") : "",
    ]);
  }
  rows.push([`Journal ${n(journal.rows)} rows, ms`, String(journal.lev_ms), `${journal.native_ms} (native)`, String(journal.ratio), `≤ ${TARGETS.journal_ratio}`, met.journal_ratio ? "yes" : "NO"]);
  for (const k of ["fills_10000", "fills_100000"]) {
    const f = journalImport[k];
    rows.push([`Import ${n(f.fills)} fills: parse / preview, ms`, `${f.parse_ms} / ${f.preview_ms}`, `${n(f.trades)} trades, in the worker`, "", "", ""]);
  }
  rows.push(["Syncs at 10 / 1,000 / 10,000 rows", [10, 1000, 10000].map((n) => syncs[`rows_${n}`]).join(" / "), "", "", "≤ 2 within one 4 MB request, +1 per 4 MB beyond", met.syncs ? "yes" : "NO"]);
  rows.push(["dist/functions.js bytes", n(bytes.functions_js), `${n(bytes.functions_js_gz)} gzipped`, "", `≤ ${n(TARGETS.functions_js_bytes)}`, met.functions_js ? "yes" : "NO"]);
  rows.push(["Task pane initial JS, gzipped bytes", n(bytes.taskpane_initial_gz), bytes.taskpane_initial_files.map((f) => f.file).join(" + "), "", `≤ ${n(TARGETS.taskpane_initial_gz_bytes)}`, met.taskpane_initial_gz ? "yes" : "NO"]);
  rows.push([
    "Playground load, bytes on the wire (npm start)",
    n(playground.wire_bytes),
    `${n(playground.decoded_bytes)} decoded, ${playground.requests} requests`,
    "",
    `≤ ${n(TARGETS.playground_wire_bytes)}`,
    met.playground_wire ? "yes" : "NO",
  ]);
  rows.push(["Playground first LEV value on screen, ms", String(playground.first_value_ms), `pane mounted at ${playground.pane_ready_ms}`, "", "", ""]);
  for (const [k, f] of Object.entries(bytes.loaded_later)) {
    rows.push([`${f.file} (loaded later: ${f.files.join(" + ")}), gzipped bytes`, n(f.gz), `${n(f.bytes)} bytes`, "", "", ""]);
    void k;
  }
  rows.push(["Load functions.js + associate, ms", String(start.functions_ms), `${start.functions_associated} functions`, "", `≤ ${TARGETS.functions_ms}`, met.functions_ms ? "yes" : "NO"]);
  rows.push([`Paste ${n(paste.rows)} fills under the journal table, ms`, String(paste.paste_ms), `table ${paste.table_before} → ${paste.table_after}`, "", `≤ ${n(TARGETS.paste_ms)}`, met.paste ? "yes" : "NO"]);
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  if (results.baseline) {
    console.log(`\nbeside ${results.baseline.ref} (${results.baseline.commit.slice(0, 10)}), calls/s in the same rounds:`);
    for (const [id, e] of Object.entries(engine)) {
      if (e.baseline_per_s !== undefined) console.log(`  ${id.padEnd(18)} ${n(e.lev_per_s).padStart(12)} ${n(e.baseline_per_s).padStart(12)}  new/old ${e.lev_over_baseline}`);
    }
  }
  if (!quick) writeFigures(rows, results);
  console.log(`\n${PIN.length ? "pinned to one core; " : ""}load average at start ${load.map((x) => x.toFixed(2)).join(", ")}; written to ${path.relative(ROOT, OUT)}`);
}

main();
