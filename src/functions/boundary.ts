import { cellFormat, isEngineError, type EngineError, type EngineFunction, type ErrorCode, type Result, type Table, type TableFormats } from "../engine";
import { shownCell, decimalCell, TOO_LARGE } from "../shared/cell";

/**
 * The edge between Excel and the engine: raw cell values go in as they are (the engine's declared
 * arguments read them; a value that carries a format, a data type, is read as its basic value), and results
 * come out as plain numbers, text, booleans or 2-D arrays, a table's numbers with their format where the host
 * shows formatted numbers. Engine errors become `CustomFunctions.Error`s through the one table below; nothing
 * else escapes.
 */

/** Engine error code → the member of `CustomFunctions.ErrorCode` it is shown as. */
export const EXCEL_ERRORS = {
  VALUE: "invalidValue",
  NUM: "invalidNumber",
  DIV0: "divisionByZero",
  NA: "notAvailable",
} as const satisfies Record<ErrorCode, keyof typeof CustomFunctions.ErrorCode>;

/**
 * A number with the format Excel shows it in: the "Double" data type custom functions return from
 * CustomFunctionsRuntime 1.4 on ("Use data types with custom functions in Excel"; the older FormattedNumber type
 * is deprecated).
 */
export interface FormattedNumber {
  type: "Double";
  basicValue: number;
  numberFormat: string;
}

export type ExcelScalar = number | string | boolean;
/** A cell of a spilled result may also be an error (Excel shows errors inside dynamic arrays), or a formatted number. */
export type ExcelCell = ExcelScalar | CustomFunctions.Error | FormattedNumber;
export type ExcelResult = ExcelScalar | ExcelCell[][];

function excelError(code: ErrorCode, message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[EXCEL_ERRORS[code]], message);
}

/** A scalar Decimal result as its cell shows it (`shownCell`); one too large for a cell is #NUM!. */
function toNumber(d: { toNumber(): number }): number {
  const n = decimalCell(d);
  if (n === undefined) throw excelError("NUM", TOO_LARGE);
  return n;
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
      row.map((given) => {
        const cell = shownCell(given);
        if (cell === null) return "";
        return isEngineError(cell) ? (show ??= errorShower())(cell) : cell;
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

/** Read once: in Excel's bare runtime every global (Array) is looked up through the context on each use. */
const isArray = Array.isArray;

/** The value of a data type (a formatted number, text or boolean Excel hands over as an object): its basic value. */
function basic(v: unknown): unknown {
  return v !== null && typeof v === "object" && !isArray(v) && "basicValue" in v ? (v as { basicValue: unknown }).basicValue : v;
}

/** A range with its data types read as their basic values; the same rows when it holds none. */
function basicRange(range: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < range.length; i++) {
    const row = range[i];
    if (!isArray(row)) continue;
    let copy: unknown[] | undefined;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (v !== null && typeof v === "object") (copy ??= row.slice())[j] = basic(v);
    }
    if (copy) (out ??= range.slice())[i] = copy;
  }
  return out ?? range;
}

/**
 * The arguments as the engine reads them: a value that carries a format (the functions accept data types,
 * `allowCustomDataForDataTypeAny`) is its basic value, in a cell or in a range. Arguments without one are handed
 * on as they came.
 */
function basicArgs(args: ArrayLike<unknown>): ArrayLike<unknown> {
  let out: unknown[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null || typeof a !== "object") continue;
    const b = isArray(a) ? basicRange(a) : basic(a);
    if (b !== a) (out ??= Array.from(args))[i] = b;
  }
  return out ?? args;
}

let formatsShown: boolean | undefined;

/**
 * Whether the host shows the numbers a function returns with their format: Excel with CustomFunctionsRuntime
 * 1.4, asked through Office.js where the functions share the task pane's runtime. In a bare runtime (or before
 * Office is ready) the answer is no, and tables are plain numbers.
 */
export function hostShowsFormats(): boolean {
  if (formatsShown !== undefined) return formatsShown;
  const host = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(set: string, version: string): boolean } } } })["Office"];
  const requirements = host?.context?.requirements;
  if (!requirements) return false;
  try {
    formatsShown = requirements.isSetSupported("CustomFunctionsRuntime", "1.4") === true;
  } catch {
    formatsShown = false;
  }
  return formatsShown;
}

/** A table's numbers with their formats, in place (the table is the call's own). */
function withFormats(rows: ExcelCell[][], formats: TableFormats): ExcelCell[][] {
  rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (typeof cell !== "number") return;
      const numberFormat = cellFormat(formats, i, j, cell);
      if (numberFormat) row[j] = { type: "Double", basicValue: cell, numberFormat };
    }),
  );
  return rows;
}

/**
 * Runs one engine function on the worksheet's arguments (in catalog order). A table's numbers carry `formats`
 * where the host shows formatted numbers.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function run<R extends Result>(fn: EngineFunction<any, R>, given: ArrayLike<unknown>, formats?: TableFormats): ExcelOf<R> {
  const args = basicArgs(given);
  const shown = <T>(out: T): T => (formats !== undefined && Array.isArray(out) && hostShowsFormats() ? (withFormats(out as ExcelCell[][], formats) as T) : out);
  if (fn.fast !== undefined) {
    const quick = fn.fast(args);
    // a kernel that declares no error cells returns only numbers and text: its rows are Excel's as they are
    if (quick !== undefined) return shown(typeof quick === "number" || fn.fastPath?.errorCells !== true ? quick : fastTable(quick)) as ExcelOf<R>;
  }
  let result: Result;
  try {
    result = fn.apply(args);
  } catch (e) {
    if (isEngineError(e)) throw excelError(e.code, e.message);
    throw excelError("VALUE", "LEV could not compute this from the arguments given");
  }
  return shown(toExcel(result)) as ExcelOf<R>;
}
