import { execFileSync } from "node:child_process";
import path from "node:path";

/*
 * The layer rule, run as `npm run lint` runs it: ESLint's own API, with the project's eslint.config.mjs, on
 * snippets given the path of a file in each layer. The table (tools/eslint-layers.mjs, and issue text it comes
 * from): engine → decimal.js only; shared → engine; functions → engine, shared; taskpane → engine, shared,
 * never functions; playground → all.
 */
interface Case {
  file: string;
  code: string;
}

const root = path.resolve(__dirname, "../..");

/** The rule ids ESLint reports for each case, in one ESLint process (its config is an ES module). */
function lint(cases: Case[]): string[][] {
  const script = `
    import { ESLint } from "eslint";
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const c of cases) {
      const [r] = await eslint.lintText(c.code, { filePath: c.file });
      out.push(r.messages.map((m) => m.ruleId + ": " + m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(cases)], { cwd: root, encoding: "utf8" });
  return JSON.parse(stdout) as string[][];
}

const use = (source: string) => `import * as x from "${source}";\nexport const y = x;\n`;

const forbidden: [string, Case][] = [
  ["the pane importing the Excel boundary", { file: "src/taskpane/model/expr.ts", code: use("../../functions/boundary") }],
  ["the pane importing the playground", { file: "src/taskpane/ui/App.tsx", code: use("../../playground/format") }],
  ["shared importing the pane", { file: "src/shared/a1.ts", code: use("../taskpane/model/form") }],
  ["shared importing the functions", { file: "src/shared/errors.ts", code: use("../functions/boundary") }],
  ["the engine importing shared", { file: "src/engine/margin.ts", code: use("../shared/errors") }],
  ["the engine, from a domain folder, importing the pane", { file: "src/engine/margin/pnl.ts", code: use("../../taskpane/model/expr") }],
  ["the engine importing a package other than decimal.js", { file: "src/engine/margin.ts", code: use("react") }],
  ["the functions importing the pane", { file: "src/functions/boundary.ts", code: use("../taskpane/model/expr") }],
  ["a re-export across a layer", { file: "src/taskpane/model/x.ts", code: `export { run } from "../../functions/boundary";\n` }],
];

const allowed: [string, Case][] = [
  ["the engine importing decimal.js and itself", { file: "src/engine/margin.ts", code: `import Decimal from "decimal.js";\nimport { D } from "./decimal";\nexport const z = [Decimal, D];\n` }],
  ["shared importing the engine", { file: "src/shared/cell.ts", code: use("../engine") }],
  ["the functions importing shared", { file: "src/functions/boundary.ts", code: use("../shared/cell") }],
  ["the pane importing the engine and shared", { file: "src/taskpane/model/expr.ts", code: `import * as s from "../../shared/errors";\nimport * as e from "../../engine";\nexport const y = [s, e];\n` }],
  ["the playground importing the functions and the pane", { file: "src/playground/page.ts", code: `import * as f from "../functions/boundary";\nimport * as t from "../taskpane/mount";\nexport const y = [f, t];\n` }],
];

describe("the layers, enforced by lint", () => {
  const results = lint([...forbidden, ...allowed].map(([, c]) => c));

  it.each(forbidden.map(([name], i) => [name, i] as const))("fails lint: %s", (_name, i) => {
    expect(results[i]!.filter((m) => m.startsWith("layers/imports"))).toHaveLength(1);
  });

  it.each(allowed.map(([name], i) => [name, forbidden.length + i] as const))("passes lint: %s", (_name, i) => {
    expect(results[i]).toEqual([]);
  });

  it("names both layers and what the importer may read", () => {
    expect(results[0]![0]).toBe(
      "layers/imports: taskpane may not import functions (../../functions/boundary): taskpane imports only engine, shared.",
    );
  });
});
