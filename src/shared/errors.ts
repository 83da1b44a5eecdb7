import type { EngineError, ErrorCode } from "../engine";

/**
 * Engine error code → the text a cell shows. The one table every consumer reads: the functions (through
 * their EXCEL_ERRORS, whose members Excel shows as these texts), the playground's CustomFunctions shim and
 * bridge, and the task pane's sheet model.
 */
export const ERROR_TEXT = {
  VALUE: "#VALUE!",
  NUM: "#NUM!",
  DIV0: "#DIV/0!",
  NA: "#N/A",
} as const satisfies Record<ErrorCode, string>;
export type ErrorText = (typeof ERROR_TEXT)[ErrorCode];

/** An engine error as a cell holds it: the error text and the engine's message. */
export interface ErrorCell {
  error: ErrorText;
  message: string;
}

export function errorCell(e: EngineError): ErrorCell {
  return { error: ERROR_TEXT[e.code], message: e.message };
}

/** The engine code of an error text, or undefined for a text the engine never gives (#REF!, #NAME?). */
export function errorCodeOf(text: string): ErrorCode | undefined {
  return (Object.keys(ERROR_TEXT) as ErrorCode[]).find((c) => ERROR_TEXT[c] === text);
}
