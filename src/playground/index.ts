/* The playground page's entry: a HyperFormula workbook, a grid, and the task pane beside it. */
import { registerLevFunctions, registeredFunctions } from "./bridge";
import { installCustomFunctions, installHostRequirements } from "./customFunctions";
import type { FunctionsMetadata } from "./metadata";
import { PlaygroundPage } from "./page";
import { sampleMeta, sampleWorkbook } from "./sample";
import { applyStyles } from "./styles";

// Before functions.js runs: the same CustomFunctions global Excel's runtime gives it.
const associated = installCustomFunctions();
// and what Excel tells them it can show: numbers with their formats
installHostRequirements();

/** Loads a script the plain way Excel's runtime does, with <script src> (no eval). */
function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`${src} could not be loaded`));
    document.head.append(s);
  });
}

async function start(): Promise<void> {
  applyStyles();
  const root = document.getElementById("playground");
  if (!root) return;
  root.className = "loading";
  const [metadata] = await Promise.all([
    fetch("functions.json").then((r) => {
      if (!r.ok) throw new Error(`functions.json: HTTP ${r.status}`);
      return r.json() as Promise<FunctionsMetadata>;
    }),
    loadScript("functions.js"),
  ]);
  const bridge = registerLevFunctions(metadata, associated);
  const functions = registeredFunctions(metadata, associated);
  const has = new Set(functions.map((f) => f.id.toUpperCase()));
  const rows = Number(new URLSearchParams(location.search).get("journal")) || undefined;
  const sample = sampleWorkbook((id) => has.has(id), rows);
  const page = new PlaygroundPage(root, { bridge, functions, sheets: sample.sheets, meta: sampleMeta(sample) });
  (globalThis as { levPlayground?: PlaygroundPage }).levPlayground = page;
  page.setStatus(`${functions.length} LEV functions ready`);
  document.documentElement.dataset.ready = "grid";

  // The pane comes second, so the grid is usable while it loads.
  const [{ mountPane }, { createPlaygroundAdapter }] = await Promise.all([import("../taskpane/mount"), import("./adapter")]);
  mountPane(page.pane, createPlaygroundAdapter(page));
  document.documentElement.dataset.ready = "pane";
}

start().catch((e: unknown) => {
  const root = document.getElementById("playground");
  if (root) {
    root.className = "failed";
    root.textContent = `The playground could not start: ${(e as Error).message}`;
  }
});
