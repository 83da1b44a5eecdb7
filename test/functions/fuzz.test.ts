// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fuzzFunction, problem } = require("../../tools/fuzz.cjs");
import { CustomFunctionsError, loadBundle } from "../helpers/bundle";
import * as fs from "fs";
import * as path from "path";
import { DIST } from "../helpers/bundle";

const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
  functions: { id: string; parameters: { dimensionality?: string }[] }[];
};
const bundle = loadBundle();

describe("hostile input, over every function in functions.json", () => {
  it.each(meta.functions.map((f) => [f.id, f] as const))(
    "%s returns a well-formed value or a catalog error for random and hostile arguments",
    (id, fn) => {
      fuzzFunction(fn, bundle.functions[id], { runs: 150, assert: true });
    },
  );
});

describe("the fuzzer's judge", () => {
  // The judge must be able to fail, or the fuzzing above proves nothing.
  it.each([
    [{ value: Number.NaN }, "returned NaN"],
    [{ value: Number.POSITIVE_INFINITY }, "returned Infinity"],
    [{ value: undefined }, "returned undefined"],
    [{ value: [[1, 2], [3]] }, "returned a ragged or empty 2-D array"],
    [{ value: [[Number.NaN]] }, "returned a cell NaN"],
    [{ threw: new TypeError("boom") }, "threw TypeError: boom"],
    [{ threw: new CustomFunctionsError("#NULL!", "x") }, "threw"],
  ])("rejects %p", (outcome, words) => {
    expect(problem(outcome)).toContain(words);
  });

  it.each([[{ value: 1.5 }], [{ value: "OK" }], [{ value: [["a", 1]] }], [{ threw: new CustomFunctionsError("#N/A", "none") }]])(
    "accepts %p",
    (outcome) => {
      expect(problem(outcome)).toBeUndefined();
    },
  );
});
