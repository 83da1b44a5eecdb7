import * as fs from "fs";
import * as path from "path";
import { DIST, excel, loadBundle } from "../helpers/bundle";

const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
  functions: { id: string; parameters: unknown[] }[];
};

describe("dist/functions.js in a bare context (Excel's JavaScript-only runtime)", () => {
  const bundle = loadBundle();

  it("associates every function in functions.json, and nothing else", () => {
    expect(Object.keys(bundle.functions).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it("needs nothing but CustomFunctions and the standard globals", () => {
    const source = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
    // A bundle that touched window, document or Office would have thrown while loading above; these are
    // the names a browser-only build would reach for.
    expect(source).not.toMatch(/\bdocument\.|\bwindow\.|\bOffice\./);
  });

  it("computes the quick start's two formulas", () => {
    // 100,000 / 50 = 2,000
    expect(bundle.functions.MARGIN!(100000, 50)).toBe(2000);
    // Binance rate form, q = 1, mmr 0.5 %: (60000/10 − 60000)/(0.005 − 1) = −54000/−0.995 = 54271.3567839196
    expect(bundle.functions.LIQPRICE!("long", 60000, 10)).toBeCloseTo(54271.35678391960, 9);
  });

  it("throws CustomFunctions.Error, not a JS exception, on bad input", () => {
    expect(excel(bundle.functions.MARGIN!, "abc", 50)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("notional"),
    });
  });
});
