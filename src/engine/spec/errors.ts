/**
 * Typed engine errors. Each carries the worksheet-facing code it maps to and the argument (field) it is
 * about, so the boundary can choose the Excel error and the task pane can show the message beside the
 * field. Tests assert `code` and `field`, never the wording.
 */
export type ErrorCode = "VALUE" | "NUM" | "DIV0" | "NA";

export abstract class EngineError extends Error {
  abstract readonly code: ErrorCode;
  /** The argument the error is about (its catalog name), or undefined for the result as a whole. */
  readonly field: string | undefined;

  constructor(field: string | undefined, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.field = field;
  }
}

/** Text that cannot be read as the expected kind, or a required argument that is missing: `#VALUE!`. */
export class InvalidArgumentError extends EngineError {
  override readonly name = "InvalidArgumentError";
  readonly code = "VALUE";
}

/** A number outside the function's domain, or a result that is not a finite number: `#NUM!`. */
export class DomainError extends EngineError {
  override readonly name = "DomainError";
  readonly code = "NUM";
}

/** A denominator the user controls is zero: `#DIV/0!`. */
export class DivisionByZeroError extends EngineError {
  override readonly name = "DivisionByZeroError";
  readonly code = "DIV0";
}

/** No value exists (a position that cannot be liquidated, an unknown table entry): `#N/A`. */
export class NotAvailableError extends EngineError {
  override readonly name = "NotAvailableError";
  readonly code = "NA";
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
