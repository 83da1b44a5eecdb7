import { isEngineError, type EngineError, type EngineFunction, type ErrorCode, type Result, type Table } from "../engine";

/**
 * The edge between Excel and the engine: raw cell values go in as they are (the engine's declared
 * arguments read them), and results come out as plain numbers, text, booleans or 2-D arrays. Engine
 * errors become `CustomFunctions.Error`s through the one table below; nothing else escapes.
 */

/** Engine error code → the member of `CustomFunctions.ErrorCode` it is shown as. */
export const EXCEL_ERRORS = {
  VALUE: "invalidValue",
  NUM: "invalidNumber",
  DIV0: "divisionByZero",
  NA: "notAvailable",
} as const satisfies Record<ErrorCode, keyof typeof CustomFunctions.ErrorCode>;

/**
 * Engine error code → the text a cell shows. The one table every consumer reads: the functions (through
 * EXCEL_ERRORS, whose members Excel shows as these texts), the playground's CustomFunctions shim and
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

export type ExcelScalar = number | string | boolean;
/** A cell of a spilled result may also be an error (Excel shows errors inside dynamic arrays). */
export type ExcelCell = ExcelScalar | CustomFunctions.Error;
export type ExcelResult = ExcelScalar | ExcelCell[][];

function excelError(code: ErrorCode, message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[EXCEL_ERRORS[code]], message);
}

function toNumber(d: { toNumber(): number }): number {
  const n = d.toNumber();
  if (!Number.isFinite(n)) throw excelError("NUM", "the result is too large to show as a number");
  return n === 0 ? 0 : n; // never -0
}

/**
 * A table often repeats one error down a column (GRID: a leverage without a liquidation price): one
 * CustomFunctions.Error per engine error, not per cell.
 */
function errorShower(): (e: EngineError) => CustomFunctions.Error {
  const shown = new Map<EngineError, CustomFunctions.Error>();
  return (cell) => {
    let e = shown.get(cell);
    if (e === undefined) shown.set(cell, (e = excelError(cell.code, cell.message)));
    return e;
  };
}

function toExcel(result: Result): ExcelResult {
  if (typeof result === "string" || typeof result === "boolean") return result;
  if (Array.isArray(result)) {
    let show: ((e: EngineError) => CustomFunctions.Error) | undefined;
    return result.map((row) =>
      row.map((cell) => {
        if (cell === null) return "";
        if (isEngineError(cell)) return (show ??= errorShower())(cell);
        if (typeof cell === "number") return cell === 0 ? 0 : cell; // never -0
        return typeof cell === "object" ? toNumber(cell) : cell;
      }),
    );
  }
  return toNumber(result);
}

/** What a result of each engine type becomes in a cell. */
export type ExcelOf<R extends Result> = R extends Table ? ExcelCell[][] : R extends string ? R : R extends boolean ? boolean : number;

/** A fast path's table with its error cells (few, if any) shown as Excel errors, in place: no copy of the rows. */
function fastTable(rows: (number | string | EngineError)[][]): ExcelCell[][] {
  let show: ((e: EngineError) => CustomFunctions.Error) | undefined;
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      const cell = row[j]!;
      if (typeof cell === "object") (row as ExcelCell[])[j] = (show ??= errorShower())(cell);
    }
  }
  return rows as ExcelCell[][];
}

/** Runs one engine function on the worksheet's arguments (in catalog order). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function run<R extends Result>(fn: EngineFunction<any, R>, args: ArrayLike<unknown>): ExcelOf<R> {
  if (fn.fast !== undefined) {
    const quick = fn.fast(args);
    if (quick !== undefined) return (typeof quick === "number" ? quick : fastTable(quick)) as ExcelOf<R>;
  }
  let result: Result;
  try {
    result = fn.apply(args);
  } catch (e) {
    if (isEngineError(e)) throw excelError(e.code, e.message);
    throw excelError("VALUE", "LEV could not compute this from the arguments given");
  }
  return toExcel(result) as ExcelOf<R>;
}
