import * as fs from "fs";
import * as path from "path";
import { DIST } from "../helpers/bundle";

/*
 * HyperFormula is GPL-3.0: the playground may use it, what Excel loads may not. Excel loads functions.js
 * and taskpane.html's scripts, and whatever chunks those load on demand.
 */
const HF_MARKER = /hyperformula/i;

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]!).filter((src) => !/^https?:/.test(src));
}

/** A script and the on-demand chunks it asks webpack for (__webpack_require__.e(id)). */
function withChunks(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !fs.existsSync(path.join(DIST, file))) return seen;
  seen.add(file);
  const source = fs.readFileSync(path.join(DIST, file), "utf8");
  for (const m of source.matchAll(/\.e\((\d+)\)/g)) withChunks(`${m[1]}.js`, seen);
  return seen;
}

describe("HyperFormula stays in the playground", () => {
  it("is not in functions.js, nor in the task pane's scripts or their chunks", () => {
    const excel = new Set<string>(["functions.js"]);
    for (const src of scriptsOf(fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8"))) excel.add(src);
    const loaded = new Set<string>();
    for (const f of excel) withChunks(f, loaded);
    const offending = [...loaded].filter((f) => HF_MARKER.test(fs.readFileSync(path.join(DIST, f), "utf8")));
    expect(offending).toEqual([]);
  });

  it("is in the playground's own bundle (so the check above looks for the right thing)", () => {
    const playground = [...withChunks("playground.js")];
    expect(playground.some((f) => HF_MARKER.test(fs.readFileSync(path.join(DIST, f), "utf8")))).toBe(true);
  });
});
