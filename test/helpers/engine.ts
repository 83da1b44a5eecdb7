import { EngineError, type AnyEngineFunction, type Dec } from "../../src/engine";

/** Calls an engine function with worksheet-order arguments and returns the number it computes. */
export function num(fn: AnyEngineFunction, ...args: unknown[]): number {
  const r = fn.apply(args);
  if (typeof r !== "object" || Array.isArray(r)) throw new Error(`expected a number, got ${JSON.stringify(r)}`);
  return (r as Dec).toNumber();
}

/** Calls an engine function and returns the exact decimal text of its result. */
export function exact(fn: AnyEngineFunction, ...args: unknown[]): string {
  return (fn.apply(args) as Dec).toString();
}

/** The code and field of the engine error a call throws (or fails the test when it does not throw). */
export function errorOf(fn: AnyEngineFunction, ...args: unknown[]): { code: string; field: string | undefined } {
  try {
    fn.apply(args);
  } catch (e) {
    if (e instanceof EngineError) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error(`expected an error from (${args.map((a) => JSON.stringify(a)).join(", ")})`);
}
