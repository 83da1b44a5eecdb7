// The worst-case call of every function that takes or spills a range, at its size limit, and the heaviest
// scalar calls: each timed best of 3 in dist/functions.js as Excel's JavaScript-only runtime loads it
// (tools/bundle.cjs, as the fuzzer does). Prints ms, cells (input ranges + output) and ms per 10,000 cells
// against the budget of issue 16 (a scalar 10 ms; a table 100 ms per 10,000 cells of input or output).
// Run `npm run build` first; `node tools/slowest.cjs [filter]` times only the cases whose name contains it.
const { loadBundle, CustomFunctionsError } = require("./bundle.cjs");

const { functions } = loadBundle();
const filter = process.argv[2];

/**
 * A 100-bracket tier table (the most a table may have): floors 0, 10,000, 20,000, … rising, mmr 0.4 % up,
 * its last cap varied by `variant` so that each repetition reads a new table. With `computed`, the rates
 * are the doubles a formula such as =0.004+ROW()*0.004 leaves (0.028000000000000004), which have no short
 * exact form, so only the Decimal path takes them.
 */
function tiers(variant = 0, computed = false) {
  const out = [];
  for (let i = 0; i < 100; i++) {
    const mmr = computed ? 0.004 + i * 0.004 : Math.round(4 + i * 4) / 1000;
    out.push([i * 10000, (i + 1) * 10000 + (i === 99 ? variant : 0), mmr]);
  }
  return out;
}
const col = (n, f) => Array.from({ length: n }, (_, i) => [f(i)]);
const row = (n, f) => [Array.from({ length: n }, (_, i) => f(i))];
const price = (i) => Math.round((60000 + 500 * Math.sin(i)) * 100) / 100;
const lcg = (seed) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** Scalar arguments count 1 cell each, ranges their cells, a spilled table its cells. */
function cellsOf(args, result) {
  let n = 0;
  for (const a of args) n += Array.isArray(a) ? a.reduce((s, r) => s + (Array.isArray(r) ? r.length : 1), 0) : 1;
  if (Array.isArray(result)) n += result.reduce((s, r) => s + r.length, 0);
  else n += 1;
  return n;
}

// Each case: the function, a builder of its arguments (called once per repetition, outside the timing,
// so a tier table may differ each time and be read cold), and whether it is a table function.
const cases = [
  // ── tables at their limits ──
  ["SCENARIOS 14,284 prices (fast path)", "SCENARIOS", () => ["long", 60000, 1, 10, col(14284, price)], true],
  ["SCENARIOS 14,284 prices, balance", "SCENARIOS", () => ["long", 60000, 1, 10, col(14284, price), 10000], true],
  ["SCENARIOS 14,284 prices, balance, 100 tiers", "SCENARIOS", (r) => ["long", 60000, 1, 10, col(14284, price), 10000, tiers(r)], true],
  ["SCENARIOS 14,284 text prices, fee", "SCENARIOS", () => ["short", 60000, 1, "10x", col(14284, (i) => String(price(i))), undefined, undefined, 0.0004], true],
  ["GRID roe 1,000×100 (fast path)", "GRID", () => ["roe", "long", 60000, row(100, (j) => j + 1), col(1000, (i) => (i - 500) / 1000)], true],
  ["GRID roe 1,000×100, text leverages", "GRID", () => ["roe", "long", 60000, row(100, (j) => `${j + 1}x`), col(1000, (i) => (i - 500) / 1000)], true],
  ["GRID status 1,000×100, text leverages", "GRID", () => ["status", "long", 60000, row(100, (j) => `${j + 1}x`), col(1000, (i) => (i - 500) / 1000)], true],
  ["GRID distance 1,000×100", "GRID", () => ["distance", "long", 60000, row(100, (j) => j + 1), col(1000, (i) => (i - 500) / 1000)], true],
  ["GRID distance 100,000×1", "GRID", () => ["distance", "short", 60000.37, [[7]], col(100000, (i) => (i - 50000) / 100001)], true],
  ["GRID distance 1,000×100, 100 tiers", "GRID", (r) => ["distance", "long", 995000, row(100, (j) => j + 1), col(1000, (i) => (i - 500) / 1000), tiers(r)], true],
  ["GRID liq 1×100,000, 100 tiers", "GRID", (r) => ["liq", "long", 995000, row(100000, (j) => 1 + j / 1000), [[0]], tiers(r)], true],
  ["GRID liq 1×100,000 text, 100 tiers", "GRID", (r) => ["liq", "long", 995000, row(100000, (j) => `${1 + (j % 125)}x`), [[0]], tiers(r)], true],
  ["LADDER 12,499 fills (fast path)", "LADDER", () => ["long", col(12499, price), col(12499, (i) => 0.001 * (1 + (i % 7))), 10], true],
  ["LADDER 12,499 fills, text prices", "LADDER", () => ["long", col(12499, (i) => String(price(i))), col(12499, (i) => 0.001 * (1 + (i % 7))), 10, 0.005, 0.0004], true],
  ["LADDER 12,499 fills, 100 tiers", "LADDER", (r) => ["long", col(12499, price), col(12499, (i) => 0.001 * (1 + (i % 7))), 10, tiers(r), 0.0004], true],
  ["LADDER 12,499 fills within 100 tiers", "LADDER", (r) => ["long", col(12499, price), col(12499, () => 0.001), 10, tiers(r), 0.0004], true],
  ["LADDER 12,499 fills, 100 computed tiers", "LADDER", (r) => ["long", col(12499, price), col(12499, (i) => 0.001 * (1 + (i % 7))), 10, tiers(r, true), 0.0004], true],
  ["LADDER 12,499 fills, 100 computed tiers, short 2x", "LADDER", (r) => ["short", col(12499, price), col(12499, () => 1.5), 2, tiers(r, true)], true],
  ["LADDER 12,499 fills, 100 tiers, 1x", "LADDER", (r) => ["long", col(12499, price), col(12499, () => 1.5), 1, tiers(r)], true],
  ["LADDER 12,499 fills, 100 tiers, short 2x", "LADDER", (r) => ["short", col(12499, price), col(12499, () => 1.5), 2, tiers(r)], true],
  ["COMPOUNDTABLE 19,999 periods, round_to (fast path)", "COMPOUNDTABLE", () => [1000, 0.0004, 19999, 10, 0.01], true],
  ["COMPOUNDTABLE 19,999 periods", "COMPOUNDTABLE", () => [1000, 0.0004, 19999, 10], true],
  ["COMPOUNDTABLE 19,999 periods, odd rate", "COMPOUNDTABLE", () => [1234.56, 0.0123456789, 19999, -0.37], true],
  ["COMPOUNDTABLE 19,999 periods, round_to past 1e15", "COMPOUNDTABLE", () => [123456789.123, 0.0123456789, 19999, 0.01, 0.001], true],
  ["AVGPRICE 100,000 fills, value", "AVGPRICE", () => [col(100000, price), col(100000, (i) => 1 + (i % 13)), "value"], true],
  ["AVGPRICE 100,000 fills, units", "AVGPRICE", () => [col(100000, price), col(100000, (i) => 0.001 * (1 + (i % 13)))], true],
  ["CROSSLIQ 10,000 rows, 10,000 symbols", "CROSSLIQ", () => {
    const n = 10000;
    return [col(n, (i) => `S${i}`), col(n, (i) => (i % 2 ? "long" : "short")), col(n, price), col(n, () => 0.01), col(n, (i) => price(i) + 1), 1e6, col(n, () => 0.005), col(n, () => 0)];
  }, true],
  ["CROSSLIQ 100,000 rows, 25 symbols", "CROSSLIQ", () => {
    const n = 100000;
    return [col(n, (i) => `S${i % 25}`), col(n, (i) => (i % 3 ? "long" : "short")), col(n, price), col(n, () => 0.001), col(n, (i) => 60000 + (i % 25)), 1e6];
  }, true],
  ["CROSSACCOUNT 100,000 rows", "CROSSACCOUNT", () => {
    const n = 100000;
    return [col(n, (i) => (i % 3 ? "long" : "short")), col(n, price), col(n, () => 0.001), col(n, (i) => 60000 + (i % 25)), 1e6];
  }, true],
  ["TRADES 100,000 fills", "TRADES", () => {
    const n = 100000;
    const r = lcg(7);
    const t0 = 45000;
    const qty = col(n, () => Math.round(1 + r() * 9) / 1000);
    return [col(n, (i) => t0 + i / 1440), col(n, (i) => ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BNBUSDT"][i % 5]), col(n, () => (r() < 0.5 ? "buy" : "sell")), col(n, price), qty, col(n, () => 0.01)];
  }, true],
  ["JOURNALSTATS 100,000 trades, risk", "JOURNALSTATS", () => [col(100000, (i) => Math.round(Math.sin(i) * 10000) / 100), 10000, col(100000, () => 50)], true],
  ["EQUITYCURVE 100,000 trades", "EQUITYCURVE", () => [10000, col(100000, (i) => Math.round(Math.sin(i) * 10000) / 100)], true],
  // ── the heaviest scalars ──
  ["COMPOUND 1,000 periods, round_to (fast path)", "COMPOUND", () => [1000, 0.004, 1000, 10, 0.01], false],
  ["COMPOUND 1,000 periods, round_to past 1e15", "COMPOUND", () => [123456789.123, 0.0123456789, 1000, 0.01, 0.001], false],
  ["COMPOUND 1,000 periods, round_to, text", "COMPOUND", () => ["1000", "0.0123456789", 1000, "0.37", "0.01"], false],
  ["LIQPRICE 100 tiers, 1x (walks them all)", "LIQPRICE", (r) => ["long", 9950, 1, tiers(r), 0, 100], false],
  ["LIQPRICE 100 tiers, text leverage", "LIQPRICE", (r) => ["long", 9950, "1:1", tiers(r), 0, 100], false],
  ["WALLETLIQ 100 tiers", "WALLETLIQ", (r) => ["long", 9950, 100, 995000, tiers(r)], false],
  ["INVLIQPRICE 100 tiers", "INVLIQPRICE", (r) => ["short", 99.5, 1, tiers(r), 0, 99000000], false],
  ["MAINTMARGIN 100 tiers", "MAINTMARGIN", (r) => [995000, tiers(r)], false],
  ["APY daily, 1e15 periods", "APY", () => [0.05, 1e15], false],
  ["STAKEREWARD 1e6 days, 1e9 periods", "STAKEREWARD", () => [1000, 0.3, 1e6, 1e9], false],
];

function timeOnce(f, args) {
  const t0 = process.hrtime.bigint();
  let result;
  try {
    result = f(...args);
  } catch (e) {
    result = e;
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

function outcome(result) {
  if (result instanceof CustomFunctionsError) return `${result.code} ${result.message}`.slice(0, 90);
  if (result instanceof Error) return `threw ${result.message}`;
  if (Array.isArray(result)) {
    const errs = result.flat().filter((c) => c instanceof CustomFunctionsError).length;
    return `${result.length}×${result[0].length}${errs ? `, ${errs} error cells` : ""}`;
  }
  return String(result);
}

const fmt = (x, d = 1) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const lines = [];
console.log(`| Call | ms (best of 3) | Cells | ms per 10k cells | Budget | Outcome |`);
console.log(`| --- | ---: | ---: | ---: | ---: | --- |`);
for (const [name, id, build, table] of cases) {
  if (filter && !name.includes(filter)) continue;
  let best = Infinity;
  let last;
  for (let rep = 0; rep < 3; rep++) {
    const args = build(rep + 1);
    const { ms, result } = timeOnce(functions[id], args);
    best = Math.min(best, ms);
    last = { args, result };
  }
  const cells = cellsOf(last.args, last.result);
  const per10k = (best / cells) * 10000;
  const over = table ? per10k > 100 : best > 10;
  const line = `| ${id}: ${name.replace(/^\S+ /, "")} | ${fmt(best)} | ${cells.toLocaleString("en-US")} | ${table ? fmt(per10k) : ""} | ${table ? "100 per 10k" : "10"}${over ? " **over**" : ""} | ${outcome(last.result)} |`;
  console.log(line);
  lines.push(line);
}
