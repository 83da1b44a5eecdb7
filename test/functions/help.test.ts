import * as fs from "fs";
import * as path from "path";
import { DIST, excel, loadBundle } from "../helpers/bundle";

/**
 * Every function's help (its JSDoc, in functions.json and on help.html) ends with a worked example,
 * `Example: =LEV.NAME(args) returns VALUE.` These tests run each example through the built bundle, so
 * the help can never drift from what the function computes.
 */
interface Param {
  name: string;
  description?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  helpUrl: string;
  parameters: Param[];
  result?: { dimensionality?: string };
}
const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: Fn[] };
const help = fs.readFileSync(path.join(DIST, "help.html"), "utf8");
const bundle = loadBundle();
// the build moves the help links to the address it was built for (LEV_URL, tools/deploy.cjs); npm test builds without one
// eslint-disable-next-line @typescript-eslint/no-require-imports
const HELP_BASE: string = require("../../tools/deploy.cjs").builtAddress(DIST);

/** Splits an argument list at top-level commas (outside quotes and braces). */
function splitArgs(s: string, sep = ","): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = "";
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "{") depth++;
    else if (!quoted && ch === "}") depth--;
    if (!quoted && depth === 0 && ch === sep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** An Excel literal: number, "text", TRUE/FALSE, an array constant {1,2;3,4}, or nothing. */
function literal(text: string): unknown {
  const t = text.trim();
  if (t === "") return undefined;
  if (t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
  if (t.startsWith("{") && t.endsWith("}")) {
    return t
      .slice(1, -1)
      .split(";")
      .map((row) => splitArgs(row).map(literal));
  }
  const n = Number(t);
  if (t === "" || Number.isNaN(n)) throw new Error(`not an Excel literal: ${t}`);
  return n;
}

const EXAMPLE = /Example: =LEV\.([A-Z0-9.]+)\((.*?)\) returns (.+?)\.?\s*$/s;

describe("the help's worked examples", () => {
  it.each(meta.functions.map((f) => [f.id, f] as const))("%s has an example that runs and returns what it says", (_id, f) => {
    expect(f.description).toContain(`Example: =LEV.${f.name}(`);
    const m = EXAMPLE.exec(f.description);
    if (!m) {
      // spilled tables describe their result in words; they must still run and spill
      expect(f.result?.dimensionality).toBe("matrix");
      const call = /Example: =LEV\.[A-Z0-9.]+\((.*?)\)/s.exec(f.description)!;
      const out = bundle.functions[f.id]!(...args(f, call[1]!));
      expect(Array.isArray(out)).toBe(true);
      return;
    }
    expect(m[1]).toBe(f.name);
    const actual = excel(bundle.functions[f.id]!, ...args(f, m[2]!));
    const shown = m[3]!.trim();
    if (shown.startsWith('"')) {
      expect(actual).toBe(literal(shown));
    } else if (/^#[A-Z/0!?]+$/.test(shown)) {
      expect(actual).toMatchObject({ error: shown });
    } else {
      const expected = Number(shown.replace(/,/g, ""));
      expect(Number.isNaN(expected)).toBe(false);
      const decimals = (shown.split(".")[1] ?? "").length;
      expect(typeof actual).toBe("number");
      const diff = Math.abs((actual as number) - expected);
      if (diff > 0.5 * 10 ** -decimals + 1e-12 * Math.abs(expected)) {
        throw new Error(`=LEV.${f.name}(${m[2]}) returns ${String(actual)}, but the help says ${shown}`);
      }
    }
  });

  function args(f: Fn, list: string): unknown[] {
    const values = list.trim() === "" ? [] : splitArgs(list).map(literal);
    // Excel hands a range parameter a 2-D array even when the argument is one value.
    return values.map((v, i) => (f.parameters[i]?.dimensionality === "matrix" && v !== undefined && !Array.isArray(v) ? [[v]] : v));
  }
});

describe("help.html, the reference page", () => {
  it.each(meta.functions.map((f) => [f.id, f] as const))("has a section for %s with its formula, source and arguments", (id, f) => {
    expect(f.helpUrl).toBe(`${HELP_BASE}help.html#${id}`);
    // the page may be minified: attribute quotes are optional
    const start = help.search(new RegExp(`<section id="?${id}"?>`));
    expect(start).toBeGreaterThanOrEqual(0);
    const section = help.slice(start, help.indexOf("</section>", start));
    for (const p of f.parameters) expect(section).toContain(`<code>${p.name}</code>`);
    expect(section).toContain("Example:");
  });
});
