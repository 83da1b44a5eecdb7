// Writes src/engine/spec/decoders.ts: for every engine function with a fast kernel, the decoder that hands the
// kernel its arguments by name. A decoder is straight-line code made from the function's argument specs: each
// raw argument, in the argument order, read as its spec's plain reader (src/engine/spec/plain.ts) reads it (a
// number's bounds, a default, an option's words written in line from the spec; ranges and tables through the
// spec's reader itself), then the kernel with one object literal. Written out rather than built at run time
// because V8 keeps such code fast: a loop over the readers storing by name, or a call through each spec's
// reader, cost the fast paths a quarter to a half of their speed, and the pages' Content-Security-Policy allows
// no eval. `npm run docs` runs it; a test fails when the file differs from what this writes, and another holds
// each decoder to the plain readers argument by argument.
const fs = require("fs");
const path = require("path");

const FILE = path.resolve(__dirname, "../src/engine/spec/decoders.ts");

/** The functions with a fast kernel, by name, in name order. */
function fastFunctions(engine) {
  return Object.entries(engine)
    .filter(([, fn]) => fn && typeof fn === "object" && fn.fastPath !== undefined && typeof fn.fastPath.kernel === "function")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A number as JavaScript source that reads back as the same double. */
function literal(x) {
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "boolean") return String(x);
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`no literal for ${x}`);
  return Object.is(x, -0) ? "0" : String(x);
}

/** The plain form of a default (a Decimal as the double that is exactly it; a word or a boolean as it is). */
function plainDefault(p) {
  const v = p.kind === "rateOrTiers" ? p.fallback.mmr : p.fallback;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v && typeof v.toNumber === "function") {
    const n = v.toNumber();
    if (!new v.constructor(n).eq(v)) throw new Error(`a default of ${v} has no exact double`);
    return n;
  }
  throw new Error(`no plain default for ${v}`);
}

/** The test a plain number `x` passes within bounds (finite, as the Decimal path requires). */
function boundsTest(x, b = {}) {
  const parts = [`typeof ${x} === "number"`];
  if (b.gt !== undefined) parts.push(`${x} > ${literal(b.gt)}`);
  if (b.ge !== undefined) parts.push(`${x} >= ${literal(b.ge)}`);
  if (b.lt !== undefined) parts.push(`${x} < ${literal(b.lt)}`);
  if (b.le !== undefined) parts.push(`${x} <= ${literal(b.le)}`);
  // an upper and a lower bound exclude NaN and both infinities; otherwise say finite
  if (!((b.gt !== undefined || b.ge !== undefined) && (b.lt !== undefined || b.le !== undefined))) parts.push(`${x} - ${x} === 0`);
  if (b.integer) parts.push(`isInteger(${x})`);
  return parts.join(" && ");
}

/**
 * The lines that read argument `i` into the constant `name`, declining with `return undefined`. The scalar
 * kinds the argument specs declare (a number within bounds, a side, a leverage, an option word, a boolean) are
 * read in line, from the spec's own bounds, default and words; every other argument (ranges, tables, pairs)
 * through its spec's plain reader. A blank optional argument is its default (or undefined where it has none).
 */
function reader(name, i, p) {
  const r = `r${i}`;
  const own = () => `p.${name}!.plain!`;
  const take = (test, value = r) => `${test} ? ${value} : DECLINE`;
  let expr;
  switch (p.kind) {
    case "number":
      expr = take(boundsTest(r, p.bounds));
      break;
    case "side":
      expr = `plainSide(${r})`;
      break;
    case "leverage":
      expr = `plainLeverage(${r})`;
      break;
    case "boolean":
      expr = take(`typeof ${r} === "boolean"`);
      break;
    case "option":
      // the words as written at once, any other spelling (case, spaces, aliases) through the spec's reader
      expr = `${p.words.map((w) => `${r} === ${literal(w)}`).join(" || ")} ? ${r} : ${own()}(${r})`;
      break;
    case "rateOrTiers":
      // a rate as a number at once; a tier table (or any other spelling) through the spec's reader
      expr = `${boundsTest(r, p.bounds)} ? ${r} : ${own()}(${r})`;
      break;
    default:
      if (typeof p.plain !== "function") throw new Error(`${name}: the argument spec has no plain reader, so no kernel can take it`);
      return [`  const ${name} = ${own()}(raw[${i}]);`, `  if (${name} === DECLINE) return undefined;`];
  }
  if (p.optional) expr = `blank(${r}) ? ${p.fallback === undefined ? "undefined" : literal(plainDefault(p))} : ${expr}`;
  return [`  const ${r} = raw[${i}];`, `  const ${name} = ${expr};`, `  if (${name} === DECLINE) return undefined;`];
}

/**
 * One function's decoder: made once, with the function's argument specs and kernel, it gives the fast path itself
 * (so a call goes from the worksheet's arguments to the kernel with no call between). Making it reads nothing, so
 * a decoder left behind by a changed argument list fails only when called, and `npm run docs` can still load the
 * engine to write the new one.
 */
function decoder(id, fn) {
  const names = fn.names;
  for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`${id}: argument name ${name} is not a plain identifier`);
  const body = names.flatMap((name, i) => reader(name, i, fn.params[name]));
  const p = body.some((line) => line.includes("p.")) ? "p" : "_p";
  return [
    `/** ${id}(${names.join(", ")}) */`,
    `export const ${id}: Decoder = (${p}, kernel) => (raw) => {`,
    ...body,
    `  return kernel({ ${names.join(", ")} });`,
    "};",
  ].join("\n");
}

/** The file's text for the engine's exports (the module src/engine/index.ts). */
function generate(engine) {
  const head = [
    "// Generated by tools/decoders.cjs from each function's argument specs (npm run docs): do not edit.",
    "// A decoder reads each raw argument as its spec's plain reader (plain.ts) does, in the argument order, and",
    "// hands the kernel the arguments by name; the first one declined sends the call the Decimal way. Each is made once,",
    "// with its function's argument specs and kernel (define.ts), and is that function's fast path.",
    'import type { Decoder } from "./define";',
    'import { blank, DECLINE, isInteger, plainLeverage, plainSide } from "./plain";',
  ];
  const body = fastFunctions(engine).map(([id, fn]) => decoder(id, fn));
  return `${[head.join("\n"), ...body].join("\n\n")}\n`;
}

module.exports = { generate, fastFunctions, FILE };

if (require.main === module) {
  require("../bench/ts.cjs");
  const engine = require("../src/engine/index.ts");
  const text = generate(engine);
  const before = fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : "";
  if (text !== before) fs.writeFileSync(FILE, text);
  console.log(`${fastFunctions(engine).length} decoders ${text === before ? "unchanged" : "written"}: ${path.relative(process.cwd(), FILE)}`);
}
