import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readmeFunctionList, START, END } = require("../../tools/readme-functions.cjs");

const ROOT = path.resolve(__dirname, "../..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const meta = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "functions.json"), "utf8"));

describe("README.md", () => {
  it("lists every function in functions.json, as `npm run docs` writes it", () => {
    const list = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(list).toBe(readmeFunctionList(meta));
    for (const f of meta.functions) expect(list).toContain(`=LEV.${f.name}(`);
  });

  it("gives each function a whole sentence: no line stops inside its brackets (\"Van K.\" is not an end)", () => {
    const lines = readmeFunctionList(meta).split("\n") as string[];
    const open = (t: string) => (t.match(/\(/g) ?? []).length - (t.match(/\)/g) ?? []).length;
    expect(lines.filter((l) => open(l) !== 0)).toEqual([]);
    expect(readmeFunctionList({ functions: [{ name: "X", description: "A (after Van K. Tharp). Then more.", parameters: [] }] })).toMatch(/Van K\. Tharp\)\.$/);
  });

  it("gives the quick start as two commands: one runs the product, one passes the tests", () => {
    const quick = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 5));
    expect(quick).toMatch(/npm start/);
    expect(quick).toMatch(/npm test/);
  });
});
