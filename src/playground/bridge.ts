import {
  ArraySize,
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
  type SimpleCellAddress,
} from "hyperformula";
import { cellOf, errorFrom, fitted, formatsOf, matrixOf, rawOf, scalarResult, sizeOf, type Invocation } from "./bridge-values";
import type { WorksheetFunction } from "./customFunctions";
import { formulaName, spills, type FunctionMetadata, type FunctionsMetadata } from "./metadata";

/*
 * The bridge: every function in functions.json becomes a HyperFormula function of the same name
 * (LEV.MARGIN), implemented by the very function dist/functions.js associated with that id. Nothing here
 * knows any single function; all of it is read from the metadata:
 * - a scalar parameter is lifted over a range the way Excel lifts built-ins (HyperFormula's vectorization,
 *   with array arithmetic on);
 * - a `dimensionality: "matrix"` parameter receives the range as a 2-D array (a single value as [[v]]),
 *   blank cells as null, as Excel passes them;
 * - a `dimensionality: "matrix"` result spills; its size is found by calling the function on the
 *   arguments' current values, and re-found (`settle`) when the values change its shape;
 * - a thrown CustomFunctions.Error becomes the spreadsheet error of the same code, with its message;
 * - a number returned with its format (the "Double" data type) is the number in the cell, and its format is
 *   kept beside the cell for the grid to show, as Excel shows it (`valueFormat`).
 */

const key = (a: SimpleCellAddress) => `${a.sheet}:${a.row}:${a.col}`;

/**
 * #VALUE! when a formula gives a LEV function more arguments than it has, or fewer than it needs, naming
 * the function and what it takes (Excel refuses such a formula; HyperFormula would answer #N/A).
 */
export function argumentCountError(meta: FunctionMetadata, given: number): CellError | undefined {
  const max = meta.parameters.length;
  const min = meta.parameters.filter((p) => !p.optional).length;
  if (given >= min && given <= max) return undefined;
  const takes = min === max ? `${max}` : `${min} to ${max}`;
  const names = meta.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  const plural = (n: number) => (n === 1 ? "argument" : "arguments");
  const what = given > max ? "too many" : "too few";
  return new CellError(ErrorType.VALUE, `${formulaName(meta)} takes ${takes} ${plural(max)} (${names}); ${given} ${given === 1 ? "was" : "were"} given, ${what}.`);
}

export interface LevBridge {
  /** The formula names registered, e.g. ["LEV.EXPOSURE", ...]. */
  readonly names: string[];
  /**
   * Re-enters the spilling formulas whose result changed shape since their size was set, so that each
   * spill covers its whole result. Returns how many batches it ran (each is one step of HyperFormula's undo
   * history, which the page undoes together with the edit that caused it). Call after loading a
   * workbook and after edits.
   */
  settle(hf: HyperFormula): number;
  /** Removes the LEV functions from HyperFormula's registry. */
  unregister(): void;
  /** The format the value of a cell carries (a LEV table's dates, prices, money), if it carries one. */
  valueFormat(hf: HyperFormula, address: SimpleCellAddress): string | undefined;
  /** Every cell of a sheet whose value carries a format, with it. */
  valueFormats(hf: HyperFormula, sheet: number): { row: number; col: number; format: string }[];
}

/** HyperFormula's configuration for an Excel-like workbook with LEV functions. */
export const HF_CONFIG = {
  licenseKey: "gpl-v3",
  // Excel 365 lifts scalar functions over ranges and spills array results.
  useArrayArithmetic: true,
  // Cells keep the full double a function returned, as Excel does; the grid shows 15 significant digits.
  smartRounding: false,
  // Excel's sheet size (1,048,576 rows, XFD = 16,384 columns), and room to undo as far as Excel does (100 steps).
  maxRows: 1_048_576,
  maxColumns: 16_384,
  undoLimit: 100,
} as const;

/** What the bridge keeps between calls, shared by every function's methods. */
interface Kept {
  /** Spilling formulas whose size is to be found again (settle). */
  pending: Map<string, SimpleCellAddress>;
  /** The size each spilling call was given, by the call's cell. */
  predicted: Map<string, { width: number; height: number }>;
  /** The formats of each spilling call's result, by the call's cell. */
  carried: Map<string, { at: SimpleCellAddress; call: RegExp; formats: (string | undefined)[][] }>;
}

/** One LEV function as its HyperFormula methods call it. */
interface Lev {
  meta: FunctionMetadata;
  /** Its formula name, LEV.MARGIN. */
  name: string;
  /** Calls the worksheet function on HyperFormula's coerced arguments. */
  invoke: (args: unknown[]) => Invocation;
}

type Ast = { args: unknown[] };
type FormulaState = { formulaAddress: SimpleCellAddress };

/**
 * Registers every function of `metadata` with HyperFormula, implemented by `functions` (id → function,
 * as associated by dist/functions.js). Functions listed in the metadata but not associated are skipped.
 */
export function registerLevFunctions(metadata: FunctionsMetadata, functions: Record<string, WorksheetFunction>): LevBridge {
  const kept: Kept = { pending: new Map(), predicted: new Map(), carried: new Map() };
  const implementedFunctions: Record<string, Record<string, unknown>> = {};
  const translations: Record<string, string> = {};

  class LevPlugin extends FunctionPlugin {
    static override implementedFunctions = implementedFunctions as unknown as ImplementedFunctions;
  }
  const proto = LevPlugin.prototype as unknown as Record<string, unknown>;
  registeredFunctions(metadata, functions).forEach((meta, index) => {
    const name = formulaName(meta);
    implementedFunctions[name] = defineFunction(proto, meta, functions[meta.id.toUpperCase()]!, `lev${index}_${meta.id.replace(/\W/g, "_")}`, kept);
    translations[name] = name;
  });

  const names = Object.keys(implementedFunctions);
  unregisterNames(names);
  HyperFormula.registerFunctionPlugin(LevPlugin as never, { enGB: translations, enUS: translations } as never);
  return bridgeOver(names, kept);
}

function unregisterNames(names: string[]): void {
  for (const n of names) {
    if (HyperFormula.getRegisteredFunctionNames("enGB").includes(n)) HyperFormula.unregisterFunction(n);
  }
}

/** Puts the function's methods on the plugin's prototype as `method`; returns its entry in implementedFunctions. */
function defineFunction(proto: Record<string, unknown>, meta: FunctionMetadata, fn: WorksheetFunction, method: string, kept: Kept): Record<string, unknown> {
  const matrixParams = meta.parameters.map((p) => p.dimensionality === "matrix");
  // Every argument is optional to HyperFormula so that a missing one reaches the function, which
  // answers #VALUE! naming it, as the catalog says.
  const parameters = meta.parameters.map((_p, i) => ({
    argumentType: matrixParams[i] ? FunctionArgumentType.RANGE : FunctionArgumentType.NOERROR,
    optionalArg: true,
  }));
  const lev: Lev = { meta, name: formulaName(meta), invoke: invoker(meta, fn, matrixParams) };
  const entry: Record<string, unknown> = { method, parameters };
  if (spills(meta)) {
    const sizeMethod = `${method}_size`;
    entry.sizeOfResultArrayMethod = sizeMethod;
    entry.vectorizationForbidden = true;
    proto[sizeMethod] = spillSizeMethod(lev, kept);
    proto[method] = spillingMethod(lev, kept);
  } else {
    proto[method] = matrixParams.some(Boolean) ? generalMethod(lev) : singleValuesMethod(lev, fn);
  }
  return entry;
}

/** The worksheet function called on HyperFormula's coerced arguments: ranges as 2-D arrays, single values raw. */
function invoker(meta: FunctionMetadata, fn: WorksheetFunction, matrixParams: boolean[]): (args: unknown[]) => Invocation {
  return (args) => {
    const excelArgs: unknown[] = [];
    for (let i = 0; i < meta.parameters.length; i++) {
      const a = args[i];
      if (matrixParams[i]) {
        if (a === undefined) {
          excelArgs.push(null);
          continue;
        }
        const m = matrixOf(a);
        if (m instanceof CellError) return { ok: false, error: m };
        excelArgs.push(m);
      } else {
        const r = rawOf(a);
        if (r instanceof CellError) return { ok: false, error: r };
        excelArgs.push(r);
      }
    }
    try {
      return { ok: true, value: fn(...excelArgs) };
    } catch (e) {
      return { ok: false, error: errorFrom(e) };
    }
  };
}

/** The size of a spilling call's result, found by calling the function on the arguments' current values. */
function spillSizeMethod({ meta, name, invoke }: Lev, kept: Kept) {
  return function (this: FunctionPlugin, ast: Ast, state: FormulaState) {
    if (argumentCountError(meta, ast.args.length)) return new ArraySize(1, 1);
    let size = { width: 1, height: 1 };
    try {
      const measured = this.runFunction(ast.args as never, state as never, this.metadata(name), (...args: unknown[]) => {
        const r = invoke(args);
        return (r.ok ? sizeOf(r.value) : r.error) as never;
      }) as unknown;
      if (measured && typeof measured === "object" && "width" in measured) size = measured as typeof size;
      kept.pending.delete(key(state.formulaAddress));
    } catch {
      // The arguments are not computed yet (a workbook being loaded): settle() sizes it afterwards.
      kept.pending.set(key(state.formulaAddress), state.formulaAddress);
    }
    kept.predicted.set(key(state.formulaAddress), size);
    return new ArraySize(size.width, size.height);
  };
}

/** A spilling call: its result fitted to the size it was given (settle() sizes it again when that changed). */
function spillingMethod(lev: Lev, kept: Kept) {
  const spilled = spilledResult(lev, kept);
  return function (this: FunctionPlugin, ast: Ast, state: FormulaState) {
    const wrong = argumentCountError(lev.meta, ast.args.length);
    if (wrong) return wrong;
    try {
      return spilled.call(this, ast, state);
    } catch (e) {
      // Inside another function's array (INDEX(LEV.JOURNALSTATS(…), SEQUENCE(20), 2)) while a workbook is loaded, an
      // argument may not be computed yet: settle() computes the formula again once it is.
      if (!(e instanceof Error) || !/not computed/i.test(e.message)) throw e;
      kept.pending.set(key(state.formulaAddress), state.formulaAddress);
      return new CellError(ErrorType.VALUE, "not computed yet");
    }
  };
}

function spilledResult({ name, invoke }: Lev, kept: Kept) {
  /** A formula that calls this function. */
  const calls = new RegExp(`(^|[^\\w.])${name.replace(/\./g, "\\.")}\\s*\\(`, "i");
  return function (this: FunctionPlugin, ast: Ast, state: FormulaState) {
    return this.runFunction(ast.args as never, state as never, this.metadata(name), (...args: unknown[]) => {
      const r = invoke(args);
      const at = key(state.formulaAddress);
      const formats = r.ok ? formatsOf(r.value) : undefined;
      if (formats) kept.carried.set(at, { at: state.formulaAddress, call: calls, formats });
      else kept.carried.delete(at);
      if (!r.ok) return r.error;
      if (typeof r.value === "object" && r.value !== null && !Array.isArray(r.value)) return scalarResult(r.value);
      const actual = sizeOf(r.value);
      // No size was predicted for this cell when the call sits inside a function that reads its argument
      // whole without sizing it first (ROWS, COLUMNS): the whole table is the answer there.
      const size = kept.predicted.get(at) ?? actual;
      if (actual.width !== size.width || actual.height !== size.height) kept.pending.set(at, state.formulaAddress);
      if (size.width === 1 && size.height === 1) return cellOf(fitted(r.value, size)[0]![0]);
      return SimpleRangeValue.onlyValues(fitted(r.value, size) as never);
    });
  };
}

/** A function of one value per cell, through HyperFormula's runFunction (which lifts it over ranges). */
function generalMethod({ meta, name, invoke }: Lev) {
  return function (this: FunctionPlugin, ast: Ast, state: unknown) {
    const wrong = argumentCountError(meta, ast.args.length);
    if (wrong) return wrong;
    return this.runFunction(ast.args as never, state as never, this.metadata(name), (...args: unknown[]) => {
      const r = invoke(args);
      return r.ok ? scalarResult(r.value) : r.error;
    });
  };
}

/**
 * A function of single values evaluates its arguments itself and calls the worksheet function
 * directly: what runFunction does for such arguments (an error argument is the answer, blanks and
 * missing arguments are null), without its per-call bookkeeping. A range given where one value belongs
 * (vectorised, as Excel 365 lifts the call over it) or too many arguments go the general way.
 */
function singleValuesMethod(lev: Lev, fn: WorksheetFunction) {
  const general = generalMethod(lev);
  const count = lev.meta.parameters.length;
  return function (this: FunctionPlugin, ast: Ast, state: unknown) {
    const asts = ast.args;
    const wrong = argumentCountError(lev.meta, asts.length);
    if (wrong) return wrong;
    const excelArgs: unknown[] = new Array(count);
    for (let i = 0; i < count; i++) {
      if (i >= asts.length) {
        excelArgs[i] = null;
        continue;
      }
      const v = this.evaluateAst(asts[i] as never, state as never);
      if (v instanceof SimpleRangeValue) return general.call(this, ast, state);
      const r = rawOf(v);
      if (r instanceof CellError) return r;
      excelArgs[i] = r;
    }
    try {
      return scalarResult(fn(...excelArgs));
    } catch (e) {
      return errorFrom(e);
    }
  };
}

/** The bridge's public face over what it keeps. */
function bridgeOver(names: string[], { pending, carried }: Kept): LevBridge {
  return {
    names,
    settle(hf) {
      let batches = 0;
      for (let round = 0; round < 5 && pending.size > 0; round++) {
        const anchors = [...pending.values()];
        pending.clear();
        batches++;
        hf.batch(() => {
          for (const a of anchors) {
            try {
              const formula = hf.getCellFormula(a);
              if (formula) hf.setCellContents(a, [[formula]]);
            } catch {
              // the sheet or cell is gone
            }
          }
        });
      }
      return batches;
    },
    unregister() {
      unregisterNames(names);
    },
    valueFormats(hf, sheet) {
      const out: { row: number; col: number; format: string }[] = [];
      for (const { at, formats } of carried.values()) {
        if (at.sheet !== sheet) continue;
        formats.forEach((line, r) =>
          line.forEach((format, c) => {
            const address = { sheet, row: at.row + r, col: at.col + c };
            if (format !== undefined && this.valueFormat(hf, address) === format) out.push({ row: address.row, col: address.col, format });
          }),
        );
      }
      return out;
    },
    valueFormat(hf, address) {
      for (const { at, call, formats } of carried.values()) {
        if (at.sheet !== address.sheet) continue;
        const format = formats[address.row - at.row]?.[address.col - at.col];
        if (format === undefined) continue;
        // the call is still there, and the cell is its own or one it spills into
        const formula = hf.getCellFormula(at);
        const own = address.row === at.row && address.col === at.col;
        if (formula !== undefined && call.test(formula) && (own || (hf.isCellPartOfArray(address) && hf.getCellFormula(address) === undefined))) return format;
      }
      return undefined;
    },
  };
}

/** Metadata entries whose function the bundle associated. */
export function registeredFunctions(metadata: FunctionsMetadata, functions: Record<string, WorksheetFunction>): FunctionMetadata[] {
  return metadata.functions.filter((f) => typeof functions[f.id.toUpperCase()] === "function");
}

/** TRUE and FALSE as Excel writes them in formulas (HyperFormula has only the functions TRUE() and FALSE()). */
export const BOOLEAN_NAMES = [
  { name: "TRUE", expression: "=TRUE()" },
  { name: "FALSE", expression: "=FALSE()" },
];

/** A defined name: workbook-wide, or scoped to the sheet named `sheet`. */
export interface DefinedName {
  name: string;
  /** What it stands for, as a formula: "='LEV Scenario'!$B$5". */
  expression: string;
  sheet?: string;
}

/** A workbook with LEV functions: HyperFormula with the playground's configuration, spills settled. */
export function buildWorkbook(bridge: LevBridge, sheets: Record<string, unknown[][]>, names: DefinedName[] = []): HyperFormula {
  const order = Object.keys(sheets);
  const named = names
    .filter((n) => n.sheet === undefined || order.includes(n.sheet))
    .map((n) => ({ name: n.name, expression: n.expression, scope: n.sheet === undefined ? undefined : order.indexOf(n.sheet) }));
  const hf = HyperFormula.buildFromSheets(sheets as never, HF_CONFIG, [...BOOLEAN_NAMES, ...named]);
  bridge.settle(hf);
  return hf;
}
