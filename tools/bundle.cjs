// Loads dist/functions.js the way Excel's JavaScript-only runtime does: in a bare context that offers only
// `CustomFunctions` (associate, Error, ErrorCode) and the standard globals. Used by the tests, the fuzzer
// and the benchmarks.
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const DIST = path.resolve(__dirname, "../dist");

const ErrorCode = Object.freeze({
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
});

class CustomFunctionsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** A CustomFunctions object as Excel offers it, and the functions the bundle associates through it. */
function shim() {
  const functions = {};
  const CustomFunctions = {
    associate(id, fn) {
      if (typeof id === "string") functions[id] = fn;
      else Object.assign(functions, id);
    },
    Error: CustomFunctionsError,
    ErrorCode,
  };
  return { CustomFunctions, functions };
}

/** `host`: more globals for the context, such as the Office object of a runtime shared with a task pane. */
function loadBundle(file = path.join(DIST, "functions.js"), host = {}) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  const { CustomFunctions, functions } = shim();
  const context = { ...host, CustomFunctions };
  context.globalThis = context;
  context.self = context;
  const before = new Set(Object.keys(context));
  vm.runInNewContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return { functions, globals: Object.keys(context).filter((k) => !before.has(k)) };
}

function loadMetadata(file = path.join(DIST, "functions.json")) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

module.exports = { DIST, ErrorCode, CustomFunctionsError, shim, loadBundle, loadMetadata };
