/**
 * dist/functions.js loaded the way Excel's JavaScript-only runtime does (see tools/bundle.cjs), typed for
 * the tests.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shared = require("../../tools/bundle.cjs");

export type WorksheetFunction = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  functions: Record<string, WorksheetFunction>;
  /** The global names the bundle left behind in its context. */
  globals: string[];
}

export const DIST: string = shared.DIST;
export const ErrorCode: Readonly<Record<string, string>> & {
  invalidValue: "#VALUE!";
  notAvailable: "#N/A";
  divisionByZero: "#DIV/0!";
  invalidNumber: "#NUM!";
} = shared.ErrorCode;
export const CustomFunctionsError: new (code: string, message?: string) => Error & { code: string } = shared.CustomFunctionsError;
export type CustomFunctionsError = Error & { code: string };

/** The bundle in a bare context, or with `host`'s globals beside CustomFunctions (an Office object). */
export function loadBundle(file?: string, host?: Record<string, unknown>): LoadedBundle {
  return shared.loadBundle(file, host);
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
