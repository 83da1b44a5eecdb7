import { type FormValues, type Trade } from "../../../src/taskpane/model/form";
import { validate } from "../../../src/taskpane/model/validate";
import type { Scenario } from "../../../src/taskpane/model/scenario";

/** The validated trade of a form that must be valid. */
export function tradeOf(values: FormValues): Trade {
  const v = validate(values);
  if (!v.trade) throw new Error(`the form should be valid: ${JSON.stringify(v.errors)}`);
  return v.trade;
}

/** The engine value of the key figure `name`. */
export function figure(s: Scenario, name: string): unknown {
  const f = s.figures.find((x) => x.name === name);
  if (!f) throw new Error(`no figure ${name}`);
  return f.value;
}

/** A number within `digits` decimals of `expected`. */
export function close(actual: unknown, expected: number, digits = 9): void {
  expect(typeof actual).toBe("number");
  expect(actual as number).toBeCloseTo(expected, digits);
}
