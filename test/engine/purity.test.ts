import * as fs from "fs";
import * as path from "path";

const ENGINE = path.resolve(__dirname, "../../src/engine");

function code(file: string): string {
  // comments may mention Excel; only code counts
  return fs
    .readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
}

describe("the engine", () => {
  // every source file, in every domain folder
  const files = (fs.readdirSync(ENGINE, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => f.split(path.sep).join("/"));

  it("is read in its folders (so the checks below see every file)", () => {
    expect(files).toContain("spec/decimal.ts");
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)("%s knows nothing of Excel, Office, the page or the clock", (f) => {
    const src = code(path.join(ENGINE, f));
    expect(src).not.toMatch(/\b(Office|Excel|CustomFunctions|document|window)\s*\./);
    expect(src).not.toMatch(/\bnew Date\b|\bDate\.now\b|\bMath\.random\b/);
  });

  it.each(files)("%s uses the engine's one Decimal constructor, never decimal.js directly", (f) => {
    if (f === "spec/decimal.ts") return;
    expect(code(path.join(ENGINE, f))).not.toMatch(/from "decimal\.js"/);
  });
});
