// Lets the benchmarks require the project's TypeScript (the playground bridge, the task pane's Excel adapter)
// with the TypeScript compiler already installed: each .ts/.tsx file is transpiled to CommonJS on load.
// office-addin-manifest (reached through office-addin-mock) is ESM-only; like the Jest setup, the benchmarks
// use the small stub that provides the one enum office-addin-mock needs.
const fs = require("fs");
const path = require("path");
const Module = require("module");
const ts = require("typescript");

const ROOT = path.resolve(__dirname, "..");
const STUBS = { "office-addin-manifest": path.join(ROOT, "test/stubs/office-addin-manifest.js") };

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, STUBS[request] ?? request, ...rest);
};

function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
}

require.extensions[".ts"] = compile;
require.extensions[".tsx"] = compile;

module.exports = { ROOT };
