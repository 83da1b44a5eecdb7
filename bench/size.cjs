// Size and start-up: bytes of dist/functions.js; gzipped bytes of the task pane's initial JavaScript (every
// local script taskpane.html loads, which is what runs before the lazily loaded simulator chunk); the bytes of
// what the pane loads later (its chunk, the journal import's worker and its .xlsx and HTML readers); and the
// time to load functions.js and associate every function in a bare context (tools/bundle.cjs), measured in
// fresh processes so that nothing is compiled or cached beforehand.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { execFileSync } = require("child_process");
const { DIST, loadBundle, loadMetadata } = require("../tools/bundle.cjs");

/** The local scripts an HTML page loads, in order (external ones, such as office.js from Microsoft's CDN, are not ours). */
function localScripts(htmlFile) {
  const html = fs.readFileSync(htmlFile, "utf8");
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)) {
    if (!/^(https?:)?\/\//i.test(m[1])) out.push(m[1]);
  }
  return out;
}

function sizes() {
  const functionsJs = fs.statSync(path.join(DIST, "functions.js")).size;
  const scripts = localScripts(path.join(DIST, "taskpane.html"));
  const parts = scripts.map((s) => {
    const bytes = fs.readFileSync(path.join(DIST, s));
    return { file: s, bytes: bytes.length, gz: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  // Loaded later, only when used: the pane (the simulator and the import's page side), the import's worker
  // (reading, the engine's trades, the check), and its readers of .xlsx and HTML (only when such a file is chosen).
  const later = {};
  const groups = fs.existsSync(path.join(DIST, "chunks.json")) ? JSON.parse(fs.readFileSync(path.join(DIST, "chunks.json"), "utf8")) : {};
  for (const [key, group] of [["pane_chunk", "pane"], ["import_worker", "import-worker"], ["import_xlsx_chunk", "import-xlsx"], ["import_html_chunk", "import-html"]]) {
    const files = groups[group];
    if (!files) continue;
    const all = files.map((f) => fs.readFileSync(path.join(DIST, f)));
    later[key] = { file: group, files, bytes: all.reduce((n, b) => n + b.length, 0), gz: all.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0) };
  }
  return {
    loaded_later: later,
    functions_js: functionsJs,
    functions_js_gz: zlib.gzipSync(fs.readFileSync(path.join(DIST, "functions.js")), { level: 9 }).length,
    taskpane_initial_gz: parts.reduce((n, p) => n + p.gz, 0),
    taskpane_initial_files: parts,
  };
}

/** In a child: load the bundle once and print how long it took and how many functions it associated. */
function child() {
  const t0 = process.hrtime.bigint();
  const { functions } = loadBundle();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, count: Object.keys(functions).length }));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function startup(runs = 9, pin = []) {
  const expected = loadMetadata().functions.length;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const args = [...pin, process.execPath, __filename, "--child"];
    const out = JSON.parse(execFileSync(args[0], args.slice(1), { encoding: "utf8" }));
    if (out.count !== expected) throw new Error(`the bundle associated ${out.count} functions; functions.json lists ${expected}`);
    times.push(out.ms);
  }
  return { functions_ms: Number(median(times).toFixed(2)), functions_associated: expected, runs };
}

module.exports = { sizes, startup, localScripts };

if (require.main === module) {
  if (process.argv[2] === "--child") child();
  else console.log(JSON.stringify({ bytes: sizes(), startup: startup() }, null, 2));
}
