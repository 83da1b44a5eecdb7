/**
 * A HyperFormula workbook with the LEV functions of dist/ registered, as the playground builds it, for the
 * tests that write a sheet and read it back.
 */
import * as fs from "fs";
import * as path from "path";
import type { HyperFormula } from "hyperformula";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { DIST, loadBundle } from "./bundle";

/**
 * In a describe block: the LEV functions registered before its tests and unregistered after them, and for
 * each test a fresh workbook of `sheets`, handed to `use` with the bridge before the test and destroyed after.
 */
export function levWorkbook(sheets: () => Record<string, unknown[][]>, use: (hf: HyperFormula, bridge: LevBridge) => void): void {
  let bridge: LevBridge;
  let hf: HyperFormula | undefined;
  beforeAll(() => {
    const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
    bridge = registerLevFunctions(metadata, loadBundle().functions);
  });
  afterAll(() => bridge.unregister());
  beforeEach(() => {
    hf = buildWorkbook(bridge, sheets());
    use(hf, bridge);
  });
  afterEach(() => hf?.destroy());
}
