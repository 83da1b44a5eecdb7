// The README's function list, one line per function, rendered from functions.json.
const path = require("path");
const { signature } = require("./help-page.cjs");

const README = path.resolve(__dirname, "../README.md");
const START = "<!-- functions:start -->";
const END = "<!-- functions:end -->";

function readmeFunctionList(meta) {
  // the first sentence; "i.e.", "e.g." and an initial ("Van K. Tharp") do not end one
  const first = (d) => (d || "").split(/(?<!\b(?:i\.e|e\.g|[A-Z])\.)(?<=\.)\s/)[0];
  return meta.functions.map((f) => `- \`${signature(f)}\`: ${first(f.description)}`).join("\n");
}

module.exports = { readmeFunctionList, README, START, END };
