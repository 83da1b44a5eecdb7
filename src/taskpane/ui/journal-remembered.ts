import type { ReadOptions } from "../model/journal-import";
import type { FillField } from "../model/journal-layouts";

/** Corrected mappings, remembered per header in the browser's storage. */

export const MAPPINGS_KEY = "lev.journal.mappings";
/** Header names and the mapping only: never a cell of the file. */

export type Remembered = NonNullable<ReadOptions["remembered"]>;

export function loadRemembered(): Remembered {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(MAPPINGS_KEY) ?? "{}") as unknown;
    return v && typeof v === "object" ? (v as Remembered) : {};
  } catch {
    return {};
  }
}

export function remember(key: string, names: Partial<Record<FillField, string>>): void {
  try {
    const all = loadRemembered();
    delete all[key];
    const kept = Object.entries(all).slice(-49); // the 50 headers used last
    globalThis.localStorage?.setItem(MAPPINGS_KEY, JSON.stringify(Object.fromEntries([...kept, [key, names]])));
  } catch {
    // storage refused (private mode): the mapping is simply not remembered
  }
}
