import { createStore, del, get, set, type UseStore } from "idb-keyval";
import type { HyperFormula } from "hyperformula";
import { BOOLEAN_NAMES, type DefinedName } from "./bridge";
import type { WorkbookMeta } from "./sheet";

/*
 * The workbook kept in the browser (IndexedDB, through idb-keyval) as it changes, so that a reload or a crash
 * loses nothing. The stored form has a version: a form this page cannot read (a newer page wrote it, or it is
 * damaged) is moved aside, never dropped, and offered as a download. A Web Lock says whether another tab has
 * the workbook open: the second tab opens it read-only.
 */

/** The version of the stored form this page writes and reads. */
export const FORM_VERSION = 1;
const KEY = "workbook";
const LOCK = "lev-playground-workbook";

/** A workbook as data: sheets in order with what each cell holds (formulas as text), names, and the meta. */
export interface Snapshot {
  sheets: { name: string; cells: unknown[][] }[];
  names: DefinedName[];
  meta: WorkbookMeta;
}

export interface Stored {
  version: number;
  savedAt: string;
  /** The sheet shown when it was stored. */
  active: string;
  /** Changed since the last Save or Open. */
  dirty: boolean;
  workbook: Snapshot;
}

export type Loaded = { kind: "none" } | { kind: "ok"; stored: Stored } | { kind: "unreadable"; key: string; why: string };

/** The workbook as data, from HyperFormula and the page's meta. */
export function snapshot(hf: HyperFormula, meta: WorkbookMeta): Snapshot {
  const builtIn = new Set(BOOLEAN_NAMES.map((n) => n.name.toUpperCase()));
  const names: DefinedName[] = hf
    .getAllNamedExpressionsSerialized()
    .filter((n) => !builtIn.has(n.name.toUpperCase()))
    .map((n) => {
      const sheet = n.scope === undefined ? undefined : hf.getSheetName(n.scope);
      return sheet === undefined ? { name: n.name, expression: String(n.expression) } : { name: n.name, expression: String(n.expression), sheet };
    });
  const sheets = hf.getSheetNames().map((name) => ({ name, cells: hf.getSheetSerialized(hf.getSheetId(name)!) as unknown[][] }));
  const kept: WorkbookMeta = {};
  for (const s of sheets) if (meta[s.name]) kept[s.name] = meta[s.name]!;
  return { sheets, names, meta: kept };
}

/** Why a stored value is not a form this page reads, or undefined when it is one. */
export function unreadable(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "it is not a stored workbook";
  const v = value as Partial<Stored>;
  if (typeof v.version !== "number") return "it has no version";
  if (v.version > FORM_VERSION) return `it was stored by a newer version of the playground (form ${v.version}; this page reads form ${FORM_VERSION})`;
  if (v.version < 1) return `its form ${v.version} is unknown`;
  const wb = v.workbook;
  if (!wb || !Array.isArray(wb.sheets) || wb.sheets.length === 0) return "it has no sheets";
  if (!wb.sheets.every((s) => typeof s?.name === "string" && Array.isArray(s.cells) && s.cells.every(Array.isArray))) return "a sheet in it is damaged";
  if (!Array.isArray(wb.names) || typeof wb.meta !== "object" || wb.meta === null) return "its names or formats are damaged";
  return undefined;
}

export class WorkbookStore {
  private readonly store: UseStore;

  constructor(database = "lev-playground") {
    this.store = createStore(database, "workbooks");
  }

  async load(): Promise<Loaded> {
    const value = await get<unknown>(KEY, this.store);
    if (value === undefined) return { kind: "none" };
    const why = unreadable(value);
    if (!why) return { kind: "ok", stored: value as Stored };
    // kept under a key of its own before anything new is stored
    const key = `unreadable-${new Date().toISOString()}`;
    await set(key, value, this.store);
    await del(KEY, this.store);
    return { kind: "unreadable", key, why };
  }

  save(stored: Stored): Promise<void> {
    return set(KEY, stored, this.store);
  }

  /** What was kept under `key`, as a JSON file to download. */
  async download(key: string): Promise<Blob | undefined> {
    const value = await get<unknown>(key, this.store);
    return value === undefined ? undefined : new Blob([JSON.stringify(value, null, 1)], { type: "application/json" });
  }
}

/**
 * Takes the workbook's lock for as long as the page lives; false when another tab holds it. Browsers without
 * Web Locks get true (one tab is all they can tell).
 */
export function holdLock(): Promise<boolean> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    void locks.request(LOCK, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // held until the page goes away
      return lock ? new Promise<void>(() => {}) : undefined;
    });
  });
}
