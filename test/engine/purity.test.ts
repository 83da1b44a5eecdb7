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
  const files = fs.readdirSync(ENGINE).filter((f) => f.endsWith(".ts"));

  it.each(files)("%s knows nothing of Excel, Office, the page or the clock", (f) => {
    const src = code(path.join(ENGINE, f));
    expect(src).not.toMatch(/\b(Office|Excel|CustomFunctions|document|window)\s*\./);
    expect(src).not.toMatch(/\bnew Date\b|\bDate\.now\b|\bMath\.random\b/);
  });

  it.each(files)("%s uses the engine's one Decimal constructor, never decimal.js directly", (f) => {
    if (f === "decimal.ts") return;
    expect(code(path.join(ENGINE, f))).not.toMatch(/from "decimal\.js"/);
  });
});
