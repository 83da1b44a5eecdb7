import { ERROR_TEXT } from "../shared/errors";
import { EXCEL_ERRORS } from "../functions/boundary";

/**
 * The part of Excel's `CustomFunctions` runtime that dist/functions.js uses: `associate`, `Error` and
 * `ErrorCode`. The page defines it on globalThis before loading functions.js with a plain <script src>,
 * exactly as Excel's JavaScript-only runtime offers it, and collects what the bundle associates.
 */
export type WorksheetFunction = (...args: unknown[]) => unknown;

/** CustomFunctions.ErrorCode: member name → the error Excel shows. */
export const EXCEL_ERROR_CODES = {
  // The engine's four, from the one table; the rest are errors only Excel itself gives.
  [EXCEL_ERRORS.VALUE]: ERROR_TEXT.VALUE,
  [EXCEL_ERRORS.NA]: ERROR_TEXT.NA,
  [EXCEL_ERRORS.DIV0]: ERROR_TEXT.DIV0,
  [EXCEL_ERRORS.NUM]: ERROR_TEXT.NUM,
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.name = "CustomFunctionsError";
    this.code = code;
  }
}

export interface CustomFunctionsShim {
  associate(id: string | Record<string, WorksheetFunction>, fn?: WorksheetFunction): void;
  Error: typeof CustomFunctionsError;
  ErrorCode: typeof EXCEL_ERROR_CODES;
}

/**
 * Defines `CustomFunctions` on `target` (globalThis by default) and returns the registry that fills as
 * the bundle calls `associate`.
 */
export function installCustomFunctions(target: object = globalThis): Record<string, WorksheetFunction> {
  const registry: Record<string, WorksheetFunction> = {};
  const shim: CustomFunctionsShim = {
    associate(id, fn) {
      if (typeof id === "string") {
        if (fn) registry[id.toUpperCase()] = fn;
      } else {
        for (const [k, f] of Object.entries(id)) registry[k.toUpperCase()] = f;
      }
    },
    Error: CustomFunctionsError,
    ErrorCode: EXCEL_ERROR_CODES,
  };
  Object.defineProperty(target, "CustomFunctions", { value: shim, configurable: true, writable: true });
  return registry;
}

/** The requirement sets the playground's grid offers the functions, as Excel's do: data types in results (1.4). */
const PLAYGROUND_SETS: Record<string, number> = { CustomFunctionsRuntime: 1.4 };

/**
 * Defines the part of `Office` the functions ask (`Office.context.requirements.isSetSupported`) on `target`
 * when there is no Office.js there: the playground shows the formats LEV's tables return with their numbers,
 * as Excel with CustomFunctionsRuntime 1.4 does.
 */
export function installHostRequirements(target: object = globalThis): void {
  if ("Office" in target) return;
  const isSetSupported = (set: string, version = "1.1") => (PLAYGROUND_SETS[set] ?? 0) >= Number(version);
  Object.defineProperty(target, "Office", { value: { context: { requirements: { isSetSupported } } }, configurable: true, writable: true, enumerable: true });
}
