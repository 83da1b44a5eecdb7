import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

/**
 * The function catalog is a public contract: workbooks store the ids and argument positions. The
 * metadata generated from the JSDoc must equal the committed golden file, so that a renamed id, a
 * reordered argument or a changed help text shows up in review (`npm run docs` rewrites it).
 */
const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");
const GOLDEN = path.resolve(__dirname, "functions.golden.json");

describe("functions.json", () => {
  it("generated from functions.ts equals the committed golden file", async () => {
    const result = await generateCustomFunctionsMetadata(SOURCE, true);
    expect(result.errors).toEqual([]);
    expect(JSON.parse(result.metadataJson)).toEqual(JSON.parse(fs.readFileSync(GOLDEN, "utf8")));
  });

  it("built into dist/ equals the golden file (with the help links moved to the address the build was for)", () => {
    const built = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../dist/functions.json"), "utf8"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { builtAddress, functionsJsonFor } = require("../../tools/deploy.cjs");
    const golden = functionsJsonFor(fs.readFileSync(GOLDEN, "utf8"), builtAddress(path.resolve(__dirname, "../../dist")));
    expect(built).toEqual(JSON.parse(golden));
  });
});
