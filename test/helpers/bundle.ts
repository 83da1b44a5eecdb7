import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

/**
 * Loads dist/functions.js the way Excel's JavaScript-only runtime does: in a bare context that offers
 * only `CustomFunctions` (associate, Error, ErrorCode) and the standard globals. Tests call the
 * associated functions exactly as Excel would.
 */
export const DIST = path.resolve(__dirname, "../../dist");

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export type WorksheetFunction = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  functions: Record<string, WorksheetFunction>;
  /** The global names the bundle left behind in its context. */
  globals: string[];
}

export function loadBundle(file = path.join(DIST, "functions.js")): LoadedBundle {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  const functions: Record<string, WorksheetFunction> = {};
  const CustomFunctions = {
    associate(id: string | Record<string, WorksheetFunction>, fn?: WorksheetFunction) {
      if (typeof id === "string") functions[id] = fn!;
      else Object.assign(functions, id);
    },
    Error: CustomFunctionsError,
    ErrorCode,
  };
  const context: Record<string, unknown> = { CustomFunctions };
  context.globalThis = context;
  context.self = context;
  const before = new Set(Object.keys(context));
  vm.runInNewContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return { functions, globals: Object.keys(context).filter((k) => !before.has(k)) };
}

/** Calls a worksheet function and returns its value, or the Excel error it threw as { error, message }. */
export function excel(fn: WorksheetFunction, ...args: unknown[]): unknown {
  try {
    return fn(...args);
  } catch (e) {
    if (e instanceof CustomFunctionsError) return { error: e.code, message: e.message };
    throw e;
  }
}
