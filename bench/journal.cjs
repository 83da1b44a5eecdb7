// Journal recalculation in the playground's engine: the sample journal at 10,000 rows, whose six LEV
// columns (NOTIONAL, MARGIN, PNL, ROE, LIQPRICE, LIQDISTANCE) are computed by dist/functions.js through the
// playground bridge in HyperFormula, beside the same journal written with native arithmetic formulas.
// dist/functions.js runs as the playground runs it: a plain script in the page's realm, after the
// CustomFunctions shim. A recalculation is one batch that moves every trade's entry price, which every
// computed column depends on; both workbooks get the same edits. Rounds alternate LEV and native.
const fs = require("fs");
const path = require("path");
const vm = require("vm");
require("./ts.cjs");
const { DIST } = require("../tools/bundle.cjs");
const { installCustomFunctions } = require("../src/playground/customFunctions.ts");
const { registerLevFunctions, buildWorkbook } = require("../src/playground/bridge.ts");
const { journal } = require("../src/playground/sample.ts");

const ROWS = 10000;
/** Columns of the journal: A trade, B symbol, C side, D entry, E exit, F quantity, G leverage, H fee rate. */
const ENTRY = 3;

/** Leverage as a number, for the native formulas ("20x" and "1:50" are text only LEV reads). */
function leverageNumber(v) {
  if (typeof v === "number") return v;
  const t = String(v).replace(/^'/, "");
  const ratio = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(t);
  if (ratio) return Math.max(Number(ratio[1]), Number(ratio[2])) / Math.min(Number(ratio[1]), Number(ratio[2]));
  return Number(t.replace(/x$/i, ""));
}

/** The same journal with each LEV formula written in native arithmetic (the formulas of each function's help). */
function nativeJournal(rows) {
  return rows.map((row, i) => {
    if (i === 0) return row;
    const r = i + 1;
    const out = row.slice(0, 8);
    out[6] = leverageNumber(row[6]);
    const s = `IF(C${r}="long",1,-1)`;
    out.push(
      `=D${r}*F${r}`, // NOTIONAL
      `=I${r}/G${r}`, // MARGIN
      `=${s}*(E${r}-D${r})*F${r}-H${r}*(D${r}+E${r})*F${r}`, // PNL
      `=(${s}*(E${r}-D${r})-H${r}*(D${r}+E${r}))*G${r}/D${r}`, // ROE
      `=(F${r}*D${r}/G${r}-${s}*F${r}*D${r})/(F${r}*(0.005+H${r})-${s}*F${r})`, // LIQPRICE (Binance form)
      `=${s}*(E${r}-M${r})/E${r}`, // LIQDISTANCE
    );
    return out;
  });
}

function loadFunctions() {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
  const associated = installCustomFunctions(globalThis);
  const file = process.env.LEV_BUNDLE || path.join(DIST, "functions.js");
  vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
  return { metadata, associated };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Moves every entry price by `factor` (one edit of the whole column); returns the milliseconds HyperFormula took. */
function recalc(hf, base, factor) {
  const column = [];
  for (let r = 1; r < base.length; r++) column.push([Number((base[r][ENTRY] * factor).toPrecision(6))]);
  const t0 = process.hrtime.bigint();
  hf.setCellContents({ sheet: 0, row: 1, col: ENTRY }, column);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Checks that both workbooks hold numbers in every computed cell and that they agree. */
function check(lev, native, rows) {
  let worst = 0;
  for (let r = 1; r <= rows; r++) {
    for (let c = 8; c < 14; c++) {
      const a = lev.getCellValue({ sheet: 0, row: r, col: c });
      const b = native.getCellValue({ sheet: 0, row: r, col: c });
      if (typeof a !== "number" || typeof b !== "number") throw new Error(`journal row ${r + 1} column ${c + 1}: ${a} (LEV) vs ${b} (native)`);
      worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(a)));
    }
  }
  if (!(worst < 1e-6)) throw new Error(`the native journal differs from LEV by ${worst}`);
}

function runJournal({ rounds = 5, rows = ROWS } = {}) {
  const { metadata, associated } = loadFunctions();
  const bridge = registerLevFunctions(metadata, associated);
  const levSheet = journal(rows);
  const nativeSheet = nativeJournal(levSheet);
  let t0 = process.hrtime.bigint();
  const lev = buildWorkbook(bridge, { Journal: levSheet });
  const levBuild = Number(process.hrtime.bigint() - t0) / 1e6;
  t0 = process.hrtime.bigint();
  const native = buildWorkbook(bridge, { Journal: nativeSheet });
  const nativeBuild = Number(process.hrtime.bigint() - t0) / 1e6;
  check(lev, native, rows);
  const levMs = [];
  const nativeMs = [];
  const factors = [1.01, 0.99];
  recalc(lev, levSheet, 1.005); // warm-up
  recalc(native, nativeSheet, 1.005);
  for (let i = 0; i < rounds; i++) {
    const f = factors[i % 2];
    levMs.push(recalc(lev, levSheet, f));
    nativeMs.push(recalc(native, nativeSheet, f));
  }
  check(lev, native, rows);
  lev.destroy();
  native.destroy();
  bridge.unregister();
  const levMedian = median(levMs);
  const nativeMedian = median(nativeMs);
  return {
    rows,
    lev_columns: 6,
    lev_ms: Number(levMedian.toFixed(1)),
    native_ms: Number(nativeMedian.toFixed(1)),
    ratio: Number((levMedian / nativeMedian).toFixed(2)),
    build_lev_ms: Number(levBuild.toFixed(1)),
    build_native_ms: Number(nativeBuild.toFixed(1)),
  };
}

module.exports = { runJournal, nativeJournal };

if (require.main === module) {
  console.log(JSON.stringify(runJournal({ rounds: Number(process.argv[2] ?? 5), rows: Number(process.argv[3] ?? ROWS) }), null, 2));
}
