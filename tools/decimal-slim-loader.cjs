// A webpack loader that trims decimal.js for functions.js, which Excel loads on every start: the engine uses
// decimal arithmetic, powers, exp and ln, and none of the trigonometric, hyperbolic, base-conversion,
// fraction or random-number methods, nor non-decimal text parsing. Their prototype and static entries are removed here, and the
// minifier then drops the helpers only they used (and the 1,025-digit PI). A decimal.js release whose
// source no longer matches fails the build rather than ship an untrimmed or broken copy.
const DROPPED_METHODS = [
  "cosine", "cubeRoot", "hyperbolicCosine", "hyperbolicSine", "hyperbolicTangent", "inverseCosine",
  "inverseHyperbolicCosine", "inverseHyperbolicSine", "inverseHyperbolicTangent", "inverseSine",
  "inverseTangent", "sine", "tangent", "toBinary", "toFraction", "toHexadecimal", "toOctal", "toNearest",
  "squareRoot", "logarithm", "modulo", "dividedToIntegerBy", "clampedTo", "toExponential", "toFixed",
  "toPrecision", "ceil", "round", "truncated", "decimalPlaces", "precision", "isNaN",
];
const DROPPED_STATICS = [
  "acos", "acosh", "asin", "asinh", "atan", "atanh", "atan2", "cbrt", "cos", "cosh", "hypot", "log", "log10",
  "log2", "mod", "random", "sin", "sinh", "sqrt", "tan", "tanh", "clamp", "sign", "sum", "ceil", "floor",
  "round", "trunc", "exp", "ln", "pow", "abs", "add", "mul",
];

function slim(source) {
  let out = source.replace(/\r\n/g, "\n");
  for (const name of DROPPED_METHODS) {
    const start = new RegExp(`^P\\.${name}(?: = P\\.\\w+)* = function[^\\n]*\\{\\n`, "m");
    const m = start.exec(out);
    if (!m) throw new Error(`decimal-slim-loader: decimal.js has no P.${name} block any more`);
    const end = out.indexOf("\n};\n", m.index);
    out = out.slice(0, m.index) + out.slice(end + 4);
  }
  for (const name of DROPPED_STATICS) {
    const line = new RegExp(`^  Decimal\\.${name} = ${name};[^\\n]*\\n`, "m");
    if (!line.test(out)) throw new Error(`decimal-slim-loader: decimal.js no longer assigns Decimal.${name}`);
    out = out.replace(line, "");
  }
  // Strings reach the constructor only as plain decimal text (the engine reads cells itself), so the parser
  // for hexadecimal, binary, octal, "Infinity" and "NaN" text goes, and with it the base converter.
  const other = /^function parseOther\(x, str\) \{\n[\s\S]*?\n\}\n/m;
  if (!other.test(out)) throw new Error("decimal-slim-loader: decimal.js has no parseOther function any more");
  out = out.replace(other, "function parseOther(x, str) {\n  throw Error(invalidArgument + str);\n}\n");
  // ln(10) to 1,025 digits serves logarithms at any precision; the engine works at 34 (60 in its tests), so
  // 120 digits are plenty, and decimal.js itself refuses a precision its constant cannot serve.
  const ln10 = /^( {2}LN10 = '2\.\d{118})\d+'/m;
  if (!ln10.test(out)) throw new Error("decimal-slim-loader: decimal.js has no LN10 constant any more");
  out = out.replace(ln10, "$1'");
  const pi = /^PI = new Decimal\(PI\);\n/m;
  if (!pi.test(out)) throw new Error("decimal-slim-loader: decimal.js no longer builds its PI constant");
  return out.replace(pi, "");
}

module.exports = function decimalSlimLoader(source) {
  return slim(source);
};
module.exports.slim = slim;
module.exports.DROPPED_METHODS = DROPPED_METHODS;
module.exports.DROPPED_STATICS = DROPPED_STATICS;
