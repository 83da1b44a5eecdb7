import type { AddinIdentity } from "./xlsx-package";

/*
 * The add-in a saved file's LEV functions come from, for the part of the file that tells Excel so: the build
 * reads manifest.xml's <Id>, <Version> and the functions' namespace into __LEV_ADDIN__ (webpack.config.js).
 */
declare const __LEV_ADDIN__: { id: string; version: string; namespace: string } | undefined;

/** The add-in with these function ids ("MARGIN"), or undefined outside a build (nothing to name). */
export function addinIdentity(functions: string[]): AddinIdentity | undefined {
  const built = typeof __LEV_ADDIN__ === "undefined" ? undefined : __LEV_ADDIN__;
  return built ? { ...built, functions } : undefined;
}
