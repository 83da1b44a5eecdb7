import type { Dec } from "./decimal";
import { DomainError, EngineError } from "./errors";
import type { Call, Param } from "./params";

/**
 * A worksheet function's definition: its arguments as data (params.ts), the maths on values already read, and
 * optionally a fast kernel for plain arguments. `define` makes the readers that go with them.
 */

export type Params = Record<string, Param<unknown>>;
export type Args<P extends Params> = { [K in keyof P]: P[K] extends Param<infer T> ? T : never };
/** What a fast kernel is handed: each argument by its name, in its plain form (plain.ts). */
export type PlainArgs<P extends Params> = { [K in keyof P]: P[K] extends Param<unknown, infer Q> ? Q : never };
export type RawArgs<P extends Params> = { [K in keyof P]?: unknown };

/**
 * A spilled table: rows of numbers (Decimal, or a plain number where the function computed it exactly in
 * doubles, see arith/exact.ts), text, booleans, null for an empty cell, or an engine error for a cell that has
 * no value (Excel shows it as that cell's error, as it does inside dynamic arrays).
 */
export type TableCell = Dec | number | string | boolean | null | EngineError;
export type Table = TableCell[][];
export type Result = Dec | string | boolean | Table;

/**
 * What a fast path answers: a number, a spilled table of numbers, text and error cells (engine errors, which
 * the boundary shows as the Decimal path's are shown), or undefined (no answer).
 */
export type Fast = number | (number | string | EngineError)[][] | undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a kernel's arguments are typed where it is defined
export type Kernel = (args: any) => Fast;

/**
 * A function's decoder (decoders.ts, generated from its argument list), made once with the function's argument
 * specs and kernel: the fast path, which reads each raw argument through its spec's plain reader in the argument
 * order, then calls the kernel with them by name; undefined as soon as one is declined.
 */
export type Decoder = (params: Params, kernel: Kernel) => (raw: ArrayLike<unknown>) => Fast;

/**
 * A fast path: the function's generated decoder and a kernel that computes, from plain arguments, exactly the
 * result the Decimal path gives (as a number, or a table's rows), or undefined where it cannot be sure.
 */
export interface FastPath<P extends Params> {
  readonly decode: Decoder;
  readonly kernel: (args: PlainArgs<P>) => Fast;
  /**
   * The kernel's tables may hold error cells (engine errors, shown as the Decimal path's are). Without it the
   * kernel's tables hold only numbers and text, so the boundary hands them on without looking at each cell;
   * test/engine/oracle.test.ts holds every kernel to what it declares.
   */
  readonly errorCells?: true;
}

export interface EngineFunction<P extends Params, R extends Result> {
  readonly params: P;
  /** Argument names in catalog order. */
  readonly names: readonly string[];
  /** The maths alone, on values already read. */
  readonly compute: (args: Args<P>) => R;
  /** Reads and validates raw values given by name, then computes. */
  call(raw: RawArgs<P>): R;
  /** Reads and validates raw values given in catalog order (as a worksheet passes them), then computes. */
  apply(raw: ArrayLike<unknown>): R;
  /**
   * The fast path for plain arguments given in catalog order: the same result as `apply` as a number (or, for a
   * table, rows of numbers), computed exactly, or undefined to leave the call to `apply`. It never answers with
   * an error; a table's cell may be one, as the same cell of `apply`'s table.
   */
  readonly fast?: (raw: ArrayLike<unknown>) => Fast;
  /** The decoder and kernel `fast` is made of (for the tests that hold every kernel to the Decimal path). */
  readonly fastPath?: FastPath<P>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngineFunction = EngineFunction<any, Result>;

const isArray = Array.isArray;

function isDecimal(v: unknown): v is Dec {
  return typeof v === "object" && v !== null && !isArray(v) && !(v instanceof EngineError);
}

function checkFinite<R extends Result>(result: R): R {
  if (isDecimal(result)) {
    if (!result.isFinite()) throw new DomainError(undefined, "the result is not a finite number");
  } else if (isArray(result)) {
    for (const row of result) {
      for (const cell of row) {
        if ((isDecimal(cell) && !cell.isFinite()) || (typeof cell === "number" && !Number.isFinite(cell))) {
          throw new DomainError(undefined, "a result is not a finite number");
        }
      }
    }
  }
  return result;
}

export function define<P extends Params, R extends Result>(
  params: P,
  compute: (args: Args<P>) => R,
  fastPath?: FastPath<P>,
): EngineFunction<P, R> {
  // the argument list is made on first use, not when the bundle loads
  let names: string[] | undefined;
  let entries: (readonly [string, Param<unknown>])[] | undefined;
  const list = () => (entries ??= (names ??= Object.keys(params)).map((name) => [name, params[name]!] as const));
  return {
    params,
    get names() {
      return (names ??= Object.keys(params));
    },
    compute,
    // no decoder yet (a new fast path before `npm run docs` writes it): no fast path, so the generator can load this
    fast: fastPath?.decode === undefined ? undefined : fastPath.decode(params, fastPath.kernel as Kernel),
    fastPath,
    call(raw) {
      const args: Record<string, unknown> = {};
      const all = list();
      const call: Call = { names: names!, read: args, raw: (name) => raw[name], memo: {} };
      for (const [name, p] of all) args[name] = p.read(raw[name], name, call);
      return checkFinite(compute(args as Args<P>));
    },
    apply(raw) {
      const args: Record<string, unknown> = {};
      const all = list();
      const call: Call = { names: names!, read: args, raw: (name) => raw[names!.indexOf(name)], memo: {} };
      all.forEach(([name, p], i) => {
        args[name] = p.read(raw[i], name, call);
      });
      return checkFinite(compute(args as Args<P>));
    },
  };
}
