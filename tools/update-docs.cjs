// npm run docs: rewrites the golden functions.json (test/functions/functions.golden.json) and the
// README's function list from the JSDoc in src/functions/functions.ts, and the fast kernels' generated decoders
// (src/engine/spec/decoders.ts, tools/decoders.cjs). Tests fail when any of them drifts.
const fs = require("fs");
const path = require("path");
const { metadata } = require("./metadata.cjs");
const { readmeFunctionList, README, START, END } = require("./readme-functions.cjs");

(async () => {
  const meta = await metadata();
  const golden = path.resolve(__dirname, "../test/functions/functions.golden.json");
  fs.writeFileSync(golden, JSON.stringify(meta, null, 2) + "\n");
  const readme = fs.readFileSync(README, "utf8");
  const a = readme.indexOf(START), b = readme.indexOf(END);
  if (a < 0 || b < 0) throw new Error(`README.md needs the markers ${START} and ${END}`);
  fs.writeFileSync(README, readme.slice(0, a + START.length) + "\n" + readmeFunctionList(meta) + "\n" + readme.slice(b));
  console.log(`${meta.functions.length} functions: golden file and README list updated`);
  require("child_process").execFileSync(process.execPath, [path.join(__dirname, "decoders.cjs")], { stdio: "inherit" });
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
