/* The playground page's entry: a HyperFormula workbook, a grid, and the task pane beside it. */
import { registerLevFunctions, registeredFunctions } from "./bridge";
import { installCustomFunctions, installHostRequirements } from "./customFunctions";
import type { FunctionsMetadata } from "./metadata";
import { PlaygroundPage } from "./page";
import { sampleMeta, sampleWorkbook } from "./sample";
import { FORM_VERSION, holdLock, WorkbookStore, type Loaded } from "./store";
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

/** The browser's store, or undefined where IndexedDB is not available (a private window of some browsers). */
async function openStore(): Promise<{ store?: WorkbookStore; loaded: Loaded }> {
  try {
    const store = new WorkbookStore();
    return { store, loaded: await store.load() };
  } catch {
    return { loaded: { kind: "none" } };
  }
}

async function start(): Promise<void> {
  applyStyles();
  const root = document.getElementById("playground");
  if (!root) return;
  root.className = "loading";
  const [metadata, , stored, mine] = await Promise.all([
    fetch("functions.json").then((r) => {
      if (!r.ok) throw new Error(`functions.json: HTTP ${r.status}`);
      return r.json() as Promise<FunctionsMetadata>;
    }),
    loadScript("functions.js"),
    openStore(),
    holdLock(),
  ]);
  const bridge = registerLevFunctions(metadata, associated);
  const functions = registeredFunctions(metadata, associated);
  const has = new Set(functions.map((f) => f.id.toUpperCase()));
  const rows = Number(new URLSearchParams(location.search).get("journal")) || undefined;
  const sample = () => {
    const s = sampleWorkbook((id) => has.has(id), rows);
    return { sheets: s.sheets, meta: sampleMeta(s) };
  };
  const { store, loaded } = stored;
  // the workbook kept in this browser comes back in place of the sample (a URL asking for a journal size is a test of the sample)
  const restored = loaded.kind === "ok" && rows === undefined ? loaded.stored : undefined;
  const start = restored
    ? { sheets: Object.fromEntries(restored.workbook.sheets.map((s) => [s.name, s.cells])), meta: restored.workbook.meta, names: restored.workbook.names, active: restored.active, dirty: restored.dirty }
    : { ...sample(), names: [], active: undefined, dirty: false };

  let saving: ReturnType<typeof setTimeout> | undefined;
  const keep = (page: PlaygroundPage) => {
    if (!store || page.readOnly) return;
    clearTimeout(saving);
    const version = page.version;
    saving = setTimeout(() => {
      store
        .save({ version: FORM_VERSION, savedAt: new Date().toISOString(), active: page.sheetName, dirty: page.dirty, workbook: page.snapshot() })
        .then(() => {
          document.documentElement.dataset.stored = String(version);
        })
        .catch((e: unknown) => page.setStatus(`The workbook could not be kept in this browser (${(e as Error).message}): save it as a file.`));
    }, 250);
  };
  const page = new PlaygroundPage(root, { bridge, functions, ...start, sample, changed: (p) => keep(p) });
  (globalThis as { levPlayground?: PlaygroundPage }).levPlayground = page;
  page.setStatus(restored ? `Restored the workbook kept in this browser (${new Date(restored.savedAt).toLocaleString("en-US")})${restored.dirty ? ": it has changes not saved as a file" : ""}` : `${functions.length} LEV functions ready`);
  if (!mine) {
    page.setReadOnly(true);
    page.showBanner("This workbook is open in another tab, so this tab is read-only (changes here would overwrite the other tab's).", {
      label: "Edit here",
      run: () => {
        void holdLock().then((got) => {
          if (got) location.reload();
          else page.setStatus("The workbook is still open in the other tab: close it first.");
        });
      },
    });
  } else if (loaded.kind === "unreadable" && store) {
    page.showBanner(`The workbook kept in this browser could not be read: ${loaded.why}. It is kept, unchanged; the sample is shown instead.`, {
      label: "Download the kept workbook",
      run: () => {
        void store.download(loaded.key).then((blob) => {
          if (!blob) return;
          const a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = "lev-playground-kept.json";
          document.body.append(a);
          a.click();
          a.remove();
        });
      },
    });
  }
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
