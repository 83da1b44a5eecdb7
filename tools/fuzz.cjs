// Fuzzing every LEV function in functions.json with random and hostile arguments. Every call must return a
// finite number, text, a boolean or a well-formed 2-D array, or throw CustomFunctions.Error with one of the
// catalog's codes. `npm run fuzz` runs a million calls and prints the counts; the tests run a modest number.
const fc = require("fast-check");
const { loadBundle, loadMetadata, CustomFunctionsError } = require("./bundle.cjs");

const CODES = new Set(["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"]);

const WORDS = [
  "", " ", "long", "SHORT", "buy", "sell", "l", "s", "b", " B ", "+1", "1", "-1", "0", "constructor", "2024-03-04 10:00",
  "1:0", "0:1", "1:50", "50:1", "50x", "x", "abc",
  "1e309", "-1e309", "NaN", "Infinity", "1,000", "5%", "-0", "EUR/USD", "eurusd", "USD/JPY", "gbp-usd", "EUR", "USD",
  "JPY", "XYZ/ABC", "units", "value", "entry", "liquidation", "roe", "liq", "distance", "status", "nearest", "up",
  "down", "safe-long", "safe-short", "ESMA", "UK", "US", "fx_major", "crypto", "TRUE", "FALSE", "#N/A",
];

const NUMBERS = [
  NaN, Infinity, -Infinity, 1e308, -1e308, 1.7976931348623157e308, -0, 0, 5e-324, -5e-324, Number.MAX_SAFE_INTEGER,
  1, -1, 2, 0.5, 0.005, 0.999999, 1e-15, 100, 60000, 1e15, 1e21, -60000,
];

const scalar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
);

/** Small 2-D arrays (possibly ragged or empty) of hostile cells. */
const matrix = fc.array(fc.array(scalar, { maxLength: 4 }), { maxLength: 4 });

/** Tier tables: out of order, overlapping, with gaps, negative or ≥ 1 rates, 3 or 4 columns. */
const tierRow = fc.tuple(
  fc.constantFrom(0, 50000, 250000, 1e6, -1, 1e308),
  fc.constantFrom(50000, 250000, 1e6, 1e7, 0, Infinity),
  fc.constantFrom(0.004, 0.005, 0.01, 0.025, 0, 1, -0.1, 2, NaN),
  fc.option(fc.constantFrom(0, 50, 1300, -5, "x"), { nil: undefined }),
).map(([a, b, m, amt]) => (amt === undefined ? [a, b, m] : [a, b, m, amt]));
const tierTable = fc.array(tierRow, { minLength: 1, maxLength: 6 });

/** Ranges large enough to press on the 100,000-cell limit. */
const hugeRange = fc.constantFrom(
  Array.from({ length: 20000 }, (_, i) => [i + 1]),
  [Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? null : i / 100))],
  [],
  [[]],
);

const rangeArg = fc.oneof({ weight: 4, arbitrary: matrix }, { weight: 2, arbitrary: tierTable }, { weight: 1, arbitrary: hugeRange }, { weight: 2, arbitrary: scalar.map((v) => [[v]]) });
const scalarArg = fc.oneof({ weight: 9, arbitrary: scalar }, { weight: 1, arbitrary: matrix });

function argsFor(fn) {
  const list = fn.parameters.map((p) => (p.dimensionality === "matrix" ? rangeArg : scalarArg));
  // sometimes fewer arguments than declared (omitted optionals), sometimes more
  return fc.tuple(fc.tuple(...list), fc.integer({ min: 0, max: list.length + 1 })).map(([args, n]) => args.slice(0, Math.max(n, 0)));
}

/** Describes what is wrong with a call's outcome, or returns undefined when it is well-formed. */
function problem(outcome) {
  if (outcome.threw !== undefined) {
    const e = outcome.threw;
    if (e instanceof CustomFunctionsError && CODES.has(e.code) && typeof e.message === "string") return undefined;
    return `threw ${e && e.constructor ? e.constructor.name : typeof e}: ${e && e.message}`;
  }
  const v = outcome.value;
  if (typeof v === "number") return Number.isFinite(v) ? undefined : `returned ${v}`;
  if (typeof v === "string" || typeof v === "boolean") return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0 || !v.every(Array.isArray)) return "returned an array that is not 2-D";
    const width = v[0].length;
    if (width === 0 || !v.every((r) => r.length === width)) return "returned a ragged or empty 2-D array";
    for (const row of v) {
      for (const c of row) {
        if (typeof c === "number" && !Number.isFinite(c)) return `returned a cell ${c}`;
        if (c instanceof CustomFunctionsError && CODES.has(c.code)) continue;
        if (!["number", "string", "boolean"].includes(typeof c)) return `returned a cell ${String(c)}`;
      }
    }
    return undefined;
  }
  return `returned ${v === null ? "null" : typeof v}`;
}

function call(f, args) {
  try {
    return { value: f(...args) };
  } catch (e) {
    return { threw: e };
  }
}

function outcomeKey(outcome) {
  if (outcome.threw !== undefined) return outcome.threw.code || "exception";
  return Array.isArray(outcome.value) ? "table" : typeof outcome.value;
}

/**
 * Runs `runs` random calls of one function; returns counts by outcome and the first problem found
 * (with its arguments), or throws through fast-check when `assert` is set.
 */
function fuzzFunction(fn, f, { runs, seed, assert }) {
  const counts = {};
  let slowest = 0;
  const property = fc.property(argsFor(fn), (args) => {
    const t0 = process.hrtime.bigint();
    const outcome = call(f, args);
    slowest = Math.max(slowest, Number(process.hrtime.bigint() - t0) / 1e6);
    const key = outcomeKey(outcome);
    counts[key] = (counts[key] || 0) + 1;
    const p = problem(outcome);
    if (p) throw new Error(`LEV.${fn.id}: ${p}`);
  });
  const params = { numRuns: runs, seed };
  if (assert) fc.assert(property, params);
  else {
    const r = fc.check(property, params);
    if (r.failed) return { counts, slowest, failure: `${r.errorInstance && r.errorInstance.message} with ${fc.stringify(r.counterexample)}` };
  }
  return { counts, slowest };
}

module.exports = { fuzzFunction, problem, argsFor, CODES };

if (require.main === module) {
  const total = Number(process.argv[2] || 1_000_000);
  const { functions } = loadBundle();
  const meta = loadMetadata();
  const per = Math.ceil(total / meta.functions.length);
  const seed = Number(process.env.FUZZ_SEED || Date.now() % 2 ** 31);
  console.log(`fuzzing ${meta.functions.length} functions, ${per.toLocaleString("en-US")} calls each (seed ${seed})`);
  const all = {};
  let failures = 0;
  let calls = 0;
  const t0 = Date.now();
  for (const fn of meta.functions) {
    const r = fuzzFunction(fn, functions[fn.id], { runs: per, seed, assert: false });
    const n = Object.values(r.counts).reduce((a, b) => a + b, 0);
    calls += n;
    for (const [k, v] of Object.entries(r.counts)) all[k] = (all[k] || 0) + v;
    const summary = Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(`${fn.id.padEnd(14)} ${summary}; slowest ${r.slowest.toFixed(1)} ms${r.failure ? `\n  FAILED: ${r.failure}` : ""}`);
    if (r.failure) failures++;
  }
  console.log(`\n${calls.toLocaleString("en-US")} calls in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` + Object.entries(all).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", "));
  console.log(`${meta.functions.length - failures} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}
