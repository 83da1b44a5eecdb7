import * as F from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input, vector } from "../helpers/vectors";

describe("ROUNDSTEP", () => {
  it.each([
    // the catalog's own case: 0.29 is already a multiple of 0.01
    [[0.29, 0.01, "down"], "0.29"],
    // 100/(50·1000/150) = 0.29999999999999999 in binary; 15 significant digits make it 0.3 first
    [[100 / ((50 * 1000) / 150), 0.01, "down"], "0.3"],
    // Bybit rounds a long's liquidation price up to the 0.5 tick (liq-bybit-inverse-cross-01): 5739.08 → 5739.5
    [[5739.083529, 0.5, "safe-long"], "5739.5"],
    // a short's liquidation price rounds down, toward entry
    [[65671.64, 0.5, "safe-short"], "65671.5"],
    // ties half away from zero, as Excel's ROUND
    [[2.5, 1], "3"],
    [[-2.5, 1], "-3"],
    [[-2.5, 1, "up"], "-2"],
    [[-2.5, 1, "down"], "-3"],
    [[1234.5678, 0.25, "nearest"], "1234.5"],
    [[7, 0.001, " SAFE-LONG "], "7"],
  ])("ROUNDSTEP(%j) is %s", (args, expected) => {
    expect(exact(F.ROUNDSTEP, ...args)).toBe(expected);
  });

  it("reproduces the Bybit tick rounding of liq-bybit-inverse-cross-01", () => {
    expectVector(
      "liq-bybit-inverse-cross-01",
      "liq_price",
      num(F.ROUNDSTEP, vector("liq-bybit-inverse-cross-01").expected.liq_price_unrounded, input("liq-bybit-inverse-cross-01", "tick_size"), "safe-long"),
    );
  });

  it.each([
    [[1, 0], "NUM", "step"],
    [[1, -0.5], "NUM", "step"],
    [[1, 0.5, "sideways"], "VALUE", "mode"],
    [["x", 0.5], "VALUE", "value"],
  ])("ROUNDSTEP(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.ROUNDSTEP, ...args)).toEqual({ code, field });
  });
});
