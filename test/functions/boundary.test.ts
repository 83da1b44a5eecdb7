import { CustomFunctionsError, ErrorCode } from "../helpers/bundle";

// The boundary throws through the CustomFunctions global that Excel provides.
Object.assign(globalThis, { CustomFunctions: { Error: CustomFunctionsError, ErrorCode } });

import { DivisionByZeroError, DomainError, InvalidArgumentError, NotAvailableError, define } from "../../src/engine";
import type { ErrorCode as EngineCode } from "../../src/engine";
import { D } from "../../src/engine";
import { number } from "../../src/engine/spec/params";
import { EXCEL_ERRORS, run } from "../../src/functions/boundary";

function thrown(f: () => unknown): CustomFunctionsError {
  try {
    f();
  } catch (e) {
    if (e instanceof CustomFunctionsError) return e;
    throw new Error(`a ${String(e)} escaped instead of a CustomFunctions.Error`);
  }
  throw new Error("nothing was thrown");
}

describe("the boundary's error table", () => {
  const cases: [EngineCode, () => never, string][] = [
    ["VALUE", () => { throw new InvalidArgumentError("side", 'expected "long" or "short", got "lnog"'); }, "#VALUE!"],
    ["NUM", () => { throw new DomainError("entry", "must be greater than 0, got -1"); }, "#NUM!"],
    ["DIV0", () => { throw new DivisionByZeroError("used_margin", "is 0"); }, "#DIV/0!"],
    ["NA", () => { throw new NotAvailableError(undefined, "no liquidation price"); }, "#N/A"],
  ];

  it("covers every engine error code exactly once", () => {
    expect(Object.keys(EXCEL_ERRORS).sort()).toEqual(cases.map((c) => c[0]).sort());
  });

  it.each(cases)("maps %s to %s with the engine's message", (_code, fail, excel) => {
    const fn = define({}, fail);
    const err = thrown(() => run(fn, []));
    expect(err.code).toBe(ErrorCode[EXCEL_ERRORS[_code]]);
    expect(err.code).toBe(excel);
    expect(err.message.length).toBeGreaterThan(0);
  });

  it("turns an unexpected exception into #VALUE! without a stack trace", () => {
    const fn = define({}, () => {
      throw new TypeError("x is undefined at foo (engine.ts:12)");
    });
    const err = thrown(() => run(fn, []));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).not.toMatch(/engine\.ts|at foo/);
  });

  it("never returns -0, NaN or Infinity", () => {
    const neg0 = define({ x: number() }, ({ x }) => x.mul(-1));
    expect(Object.is(run(neg0, [0]), 0)).toBe(true);
    const huge = define({ x: number() }, ({ x }) => x.pow(400));
    expect(thrown(() => run(huge, [1e300])).code).toBe("#NUM!");
    const inf = define({ x: number() }, ({ x }) => new D(1).div(x));
    expect(thrown(() => run(inf, [0])).code).toBe("#NUM!");
  });

  it("turns tables into rows of numbers and text, with blanks as empty text", () => {
    const table = define({}, () => [["Price", "PnL"], [new D(1.5), null]]);
    expect(run(table, [])).toEqual([["Price", "PnL"], [1.5, ""]]);
  });

  it("hands a fast path's table of numbers and text to Excel as it is, without looking at each cell, unless it declares error cells", () => {
    const rows = [["Price", "Status"], [1.5, "OK"]];
    const plain = define({}, () => [["Price", "Status"], [new D(1.5), "OK"]], { decode: (_p, kernel) => () => kernel({}), kernel: () => rows });
    expect(run(plain, [])).toBe(rows);
  });

  it("shows a fast path's error cells as the Decimal path's are shown", () => {
    const why = "no start_balance was given";
    const slow = () => [["Max drawdown %", new NotAvailableError(undefined, why)]];
    const fast = () => [["Max drawdown %", new NotAvailableError(undefined, why)]];
    // a fast path as every function declares one: a decoder (here, no arguments to read) and its kernel
    const viaFast = run(define({}, slow, { decode: (_p, kernel) => () => kernel({}), kernel: fast, errorCells: true }), []) as unknown[][];
    const viaSlow = run(define({}, slow), []) as unknown[][];
    expect(viaFast[0]![1]).toBeInstanceOf(CustomFunctionsError);
    expect(viaFast).toEqual(viaSlow);
    expect((viaFast[0]![1] as CustomFunctionsError).code).toBe("#N/A");
    expect((viaFast[0]![1] as CustomFunctionsError).message).toBe(why);
  });
});
