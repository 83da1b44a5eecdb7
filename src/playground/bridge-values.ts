import { CellError, EmptyValue, ErrorType, SimpleRangeValue } from "hyperformula";
import { ERROR_TEXT } from "../shared/errors";

/**
 * Values between HyperFormula and a worksheet function (bridge.ts): arguments as Excel hands them to a custom
 * function, and results (scalars, spilled tables, numbers with their format, errors) as cells.
 */

/** The spreadsheet error each Excel error text stands for. */
const ERROR_TYPES: Record<string, ErrorType> = {
  [ERROR_TEXT.VALUE]: ErrorType.VALUE,
  [ERROR_TEXT.NA]: ErrorType.NA,
  [ERROR_TEXT.DIV0]: ErrorType.DIV_BY_ZERO,
  [ERROR_TEXT.NUM]: ErrorType.NUM,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
  "#NULL!": ErrorType.ERROR,
};

export type Raw = number | string | boolean | null;
export type Invocation = { ok: true; value: unknown } | { ok: false; error: CellError };

export function errorFrom(e: unknown): CellError {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === "string" && code in ERROR_TYPES) return new CellError(ERROR_TYPES[code]!, message);
  return new CellError(ErrorType.VALUE, message || "the function failed");
}

/** A cell value as Excel hands it to a custom function: numbers, text, booleans; blanks as null. */
export function rawOf(v: unknown): Raw | CellError {
  if (v instanceof CellError) return v;
  if (v === EmptyValue || v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "object" && typeof (v as { val?: unknown }).val === "number") return (v as { val: number }).val;
  return String(v);
}

export function matrixOf(v: unknown): Raw[][] | CellError {
  const rows = v instanceof SimpleRangeValue ? v.rawData() : [[v]];
  const out: Raw[][] = [];
  for (const row of rows) {
    const r: Raw[] = [];
    for (const cell of row) {
      const raw = rawOf(cell);
      if (raw instanceof CellError) return raw;
      r.push(raw);
    }
    out.push(r);
  }
  return out;
}

/** A number returned with its format: Excel's "Double" data type. */
function formattedNumber(value: unknown): { basicValue: number; numberFormat?: string } | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as { type?: unknown; basicValue?: unknown; numberFormat?: unknown };
  return v.type === "Double" && typeof v.basicValue === "number" ? { basicValue: v.basicValue, numberFormat: typeof v.numberFormat === "string" ? v.numberFormat : undefined } : undefined;
}

/** The formats a result's cells carry, row by row, or undefined when none does. */
export function formatsOf(value: unknown): (string | undefined)[][] | undefined {
  if (!Array.isArray(value)) {
    const f = formattedNumber(value)?.numberFormat;
    return f ? [[f]] : undefined;
  }
  let any = false;
  const out = value.map((row: unknown) =>
    (Array.isArray(row) ? row : [row]).map((cell: unknown) => {
      const f = formattedNumber(cell)?.numberFormat;
      any ||= f !== undefined;
      return f;
    }),
  );
  return any ? out : undefined;
}

export function scalarResult(value: unknown): number | string | boolean | CellError {
  const formatted = formattedNumber(value);
  if (formatted) value = formatted.basicValue;
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : new CellError(ErrorType.NUM, "the result is not a finite number");
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return scalarResult((value[0] as unknown[] | undefined)?.[0]);
  if (typeof (value as { then?: unknown }).then === "function") {
    return new CellError(ErrorType.VALUE, "asynchronous functions are not supported in the playground");
  }
  return new CellError(ErrorType.VALUE, "the function returned a value a cell cannot hold");
}

function isExcelError(value: unknown): boolean {
  const code = typeof value === "object" && value !== null ? (value as { code?: unknown }).code : undefined;
  return typeof code === "string" && code in ERROR_TYPES;
}

/** One cell of a spilled result: a value, a blank, or an error of its own (Excel shows those in arrays). */
export function cellOf(value: unknown) {
  if (value === null || value === undefined) return EmptyValue;
  if (isExcelError(value)) return errorFrom(value);
  return scalarResult(value);
}

export function sizeOf(value: unknown): { width: number; height: number } {
  if (!Array.isArray(value) || value.length === 0) return { width: 1, height: 1 };
  const width = Math.max(1, ...value.map((row) => (Array.isArray(row) ? row.length : 1)));
  return { width, height: value.length };
}

/** The result table cut or padded (with blanks) to the size the spill was given. */
export function fitted(value: unknown, size: { width: number; height: number }) {
  const rows = Array.isArray(value) ? (value as unknown[]) : [[value]];
  const out = [];
  for (let i = 0; i < size.height; i++) {
    const row = rows[i];
    const cells = Array.isArray(row) ? row : i === 0 && !Array.isArray(value) ? [row] : [];
    const line = [];
    for (let j = 0; j < size.width; j++) line.push(cellOf(cells[j]));
    out.push(line);
  }
  return out;
}
