import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input } from "../helpers/vectors";

describe("EXPOSURE, MARGIN, NOTIONAL and LEVERAGE", () => {
  it("reproduce the Binance ROI example (lev-002): 0.5 BTC at 60,000 is 30,000; at 20x the margin is 1,500", () => {
    const value = num(F.NOTIONAL, input("lev-002", "entry_price"), input("lev-002", "qty_base"));
    expectVector("lev-002", "position_value", value);
    expectVector("lev-002", "initial_margin", num(F.MARGIN, value, input("lev-002", "leverage")));
  });

  it("reproduce BitMEX's inverse futures example (lev-004): 10 XBT at 10,000 is 100,000 contracts, 0.1 XBT margin at 100x", () => {
    expectVector("lev-004", "contracts", num(F.NOTIONAL, input("lev-004", "price"), input("lev-004", "exposure_xbt")));
    expectVector("lev-004", "initial_margin_xbt", num(F.MARGIN, input("lev-004", "exposure_xbt"), input("lev-004", "leverage")));
  });

  it.each([
    // CMC Markets CFD example (cfd-02): 1,000 shares at 1,599p, 5 % margin = 20x → £799.50
    ["cfd-02", "margin_gbp", 15.99, 1000, 1, 20],
    // IG CFD example (cfd-04): 2,000 at 23.92, 10 % margin = 10x → 4,784
    ["cfd-04", "margin", 23.92, 2000, 1, 10],
    // Intertrader CFD example (cfd-06): 1,000 at 215p, 5 % margin → £107.50
    ["cfd-06", "margin_gbp", 2.15, 1000, 1, 20],
    // XAUUSD 1 lot of 100 oz at 1,738.54, 1:100 (fxmargin-04) → 1,738.54
    ["fxmargin-04", "margin_usd", 1738.54, 1, 100, 100],
  ])("margin of %s (%s) is notional ÷ leverage", (id, key, price, qty, cs, lev) => {
    expectVector(id, key, num(F.MARGIN, num(F.NOTIONAL, price, qty, cs), lev));
  });

  it.each([
    // hand: 100,000 / 50 = 2,000 (the guide's one standard lot at 1:50)
    [100000, 50, "2000"],
    [100000, "1:50", "2000"],
    [100000, "50:1", "2000"],
    [100000, "50x", "2000"],
    [100000, " 50X ", "2000"],
    [100000, "50", "2000"],
    // hand: 0.3 / 3 = 0.1 exactly (no binary-float 0.09999999999999999)
    [0.3, 3, "0.1"],
    // hand: 1,000 / 0.5 = 2,000 (leverage below 1 is a margin above the notional)
    [1000, 0.5, "2000"],
  ])("MARGIN(%p, %p) is %s", (notional, lev, expected) => {
    expect(exact(F.MARGIN, notional, lev)).toBe(expected);
  });

  it("EXPOSURE is capital × leverage: 1,000 at 1:50 controls 50,000", () => {
    expect(exact(F.EXPOSURE, 1000, "1:50")).toBe("50000");
  });

  it("NOTIONAL multiplies by the contract size: 2 lots of 100,000 at 1.0850 is 217,000", () => {
    expect(exact(F.NOTIONAL, 1.085, 2, 100000)).toBe("217000");
  });

  it("LEVERAGE is notional ÷ equity: 50,000 on 2,000 is 25x", () => {
    expect(exact(F.LEVERAGE, 50000, 2000)).toBe("25");
  });

  it("margin × leverage = notional for any notional and leverage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 2000 }), (cents, lev) => {
        const notional = new D(cents).div(100);
        const m = F.MARGIN.apply([notional.toString(), lev]) as F.Dec;
        expect(m.mul(lev).toSignificantDigits(30).eq(notional)).toBe(true);
      }),
    );
  });

  it.each([
    ["notional", ["abc", 50], "VALUE"],
    ["notional", [null, 50], "VALUE"],
    ["notional", [true, 50], "VALUE"],
    ["notional", [-1, 50], "NUM"],
    ["notional", [Number.NaN, 50], "NUM"],
    ["leverage", [100000, 0], "NUM"],
    ["leverage", [100000, -5], "NUM"],
    ["leverage", [100000, "1:0"], "NUM"],
    ["leverage", [100000, "0:1"], "NUM"],
    ["leverage", [100000, "fifty"], "VALUE"],
    ["leverage", [100000, ""], "VALUE"],
    ["leverage", [100000, undefined], "VALUE"],
  ])("MARGIN rejects a bad %s (%p) with %s", (field, args, code) => {
    expect(errorOf(F.MARGIN, ...(args as unknown[]))).toEqual({ code, field });
  });

  it("LEVERAGE with zero equity is #DIV/0! and with negative equity #NUM!", () => {
    expect(errorOf(F.LEVERAGE, 1000, 0)).toEqual({ code: "DIV0", field: "equity" });
    expect(errorOf(F.LEVERAGE, 1000, -5)).toEqual({ code: "NUM", field: "equity" });
  });
});

describe("EQUITY, FREEMARGIN, MARGINLEVEL and MARGINSTATUS", () => {
  it("reproduce the margin-level example (ml-02)", () => {
    const balance = input("ml-02", "balance");
    expectVector("ml-02", "equity_a", num(F.EQUITY, balance, input("ml-02", "floating_pnl_a")));
    expectVector("ml-02", "equity_b", num(F.EQUITY, balance, input("ml-02", "floating_pnl_b")));
    const eq = input("ml-02", "equity_c");
    const used = input("ml-02", "used_margin_c");
    expectVector("ml-02", "free_margin_c", num(F.FREEMARGIN, eq, used));
    expectVector("ml-02", "margin_level_c_pct", num(F.MARGINLEVEL, eq, used) * 100);
  });

  it("FREEMARGIN's fast path answers plain numbers exactly, and leaves text to the Decimal path", () => {
    // hand: 1,000.5 − 200.25 = 800.25; 0.3 − 0.1 = 0.2 exactly (as doubles, 0.3 − 0.1 is 0.19999999999999998)
    expect(F.FREEMARGIN.fast!([1000.5, 200.25])).toBe(800.25);
    expect(F.FREEMARGIN.fast!([0.3, 0.1])).toBe(0.2);
    expect(F.FREEMARGIN.fast!(["1000", 2])).toBeUndefined(); // numeric text: read (and worded) the Decimal way
    expect(F.FREEMARGIN.fast!([100, -1])).toBeUndefined(); // below used_margin's bound: the Decimal path's #NUM!
  });

  it("EQUITY sums a range of floating PnL, skipping blanks: 1,000 + 150 − 100 + 25.5 = 1,075.5", () => {
    expect(exact(F.EQUITY, 1000, [[150], [null], [-100], [""], [25.5]])).toBe("1075.5");
  });

  it("EQUITY names the position of a bad cell in the range", () => {
    expect(errorOf(F.EQUITY, 1000, [[150], ["oops"]])).toEqual({ code: "VALUE", field: "floating_pnl" });
  });

  it("MARGINLEVEL with no margin in use is #DIV/0!", () => {
    expect(errorOf(F.MARGINLEVEL, 1000, 0)).toEqual({ code: "DIV0", field: "used_margin" });
  });

  it.each([
    // level = equity / used
    [1000, 300, undefined, undefined, "OK"], // 333 %
    [100, 100, undefined, undefined, "MARGIN CALL"], // exactly 100 % is a call (≤)
    [90, 100, undefined, undefined, "MARGIN CALL"], // 90 %
    [50, 100, undefined, undefined, "STOP OUT"], // exactly 50 % is a stop-out (≤)
    [-10, 100, undefined, undefined, "STOP OUT"], // negative equity
    [500, 0, undefined, undefined, "OK"], // no margin used
    [120, 100, 1.5, 1.2, "STOP OUT"], // custom levels 150 % / 120 %
    [130, 100, 1.5, 1.2, "MARGIN CALL"],
  ])("MARGINSTATUS(%p, %p, %p, %p) is %s", (eq, used, call, stop, expected) => {
    expect(F.MARGINSTATUS.apply([eq, used, call, stop])).toBe(expected);
  });
});

describe("CALLPRICE", () => {
  it("reproduces the stop-out example (ml-04): 10,000 EUR/USD at 1.1000, 1:100, 1,000 balance, stop-out 50 % → 1.0055", () => {
    const v = (k: string) => input("ml-04", k);
    expectVector(
      "ml-04",
      "stop_out_price",
      num(F.CALLPRICE, "long", v("entry_price"), v("units"), v("balance"), v("leverage"), v("stop_out_level_pct") / 100),
    );
  });

  it.each([
    // hand: used margin = 1.1·10,000/100 = 110; call at equity 110 → P = 1.1 + (110 − 1,000)/10,000 = 1.011
    ["long", 1.1, 10000, 1000, 100, undefined, undefined, 1.011],
    // hand: short, P = 1.1 − (110 − 1,000)/10,000 = 1.189
    ["short", 1.1, 10000, 1000, 100, undefined, undefined, 1.189],
    // hand: 1 lot (100,000) at 1.1, 1:50, 2,000 balance: M = 2,200, call at equity 2,200 → P = 1.1 + 200/100,000 = 1.102
    ["long", 1.1, 1, 2000, 50, 1, 100000, 1.102],
  ])("CALLPRICE(%s, %p, %p, %p, %p, %p, %p) is %p", (side, e, q, b, l, lvl, cs, expected) => {
    expect(num(F.CALLPRICE, side, e, q, b, l, lvl, cs)).toBe(expected);
  });

  it("is #N/A when the balance covers a fall to zero (1x long, 100 % margin, stop-out 50 %)", () => {
    // hand: M = 100, equity at stop-out 50; P = 100 + (50 − 200)/1 = −50 ≤ 0
    expect(errorOf(F.CALLPRICE, "long", 100, 1, 200, 1, 0.5)).toEqual({ code: "NA", field: undefined });
  });
});

describe("REGTCALL", () => {
  it.each([
    ["mc-02", "long"],
    ["mc-04", "short"],
  ])("reproduces the margin-call example %s", (id, side) => {
    expectVector(
      id,
      "margin_call_price",
      num(F.REGTCALL, side, input(id, "purchase_or_short_price"), input(id, "initial_margin"), input(id, "maintenance_margin")),
    );
  });

  it("reproduces mc-06 (Quesba, with the formula's 6.40 rather than the source's misprinted 6.8)", () => {
    expectVector("mc-06", "margin_call_price", num(F.REGTCALL, "long", input("mc-06", "purchase_price"), 0.4, 0.25));
  });

  it("defaults to Regulation T 50 % and FINRA 25 %: a long bought at 100 is called at 100·0.5/0.75 = 66.67", () => {
    expect(num(F.REGTCALL, "long", 100)).toBeCloseTo(66.666666666667, 10);
  });
});

describe("RETAILCAP", () => {
  it.each([
    ["ESMA", "fx_major", 30],
    ["eu", "FX_MINOR", 20],
    ["UK", "gold", 20],
    ["ASIC", "index_major", 20],
    ["ESMA", "index_minor", 10],
    ["EU", "commodity", 10],
    ["UK", "equity", 5],
    ["ASIC", "crypto", 2],
    ["US", "fx_major", 50],
    ["US", "fx_minor", 20],
    ["US", "equity", 2],
  ])("%s %s is %p:1 (ESMA 2018, FCA, ASIC 2021; NFA and Regulation T for the US)", (region, cls, cap) => {
    expect(num(F.RETAILCAP, region, cls)).toBe(cap);
  });

  it("has no figure for UK crypto (not sold to retail) or US gold", () => {
    expect(errorOf(F.RETAILCAP, "UK", "crypto").code).toBe("NA");
    expect(errorOf(F.RETAILCAP, "US", "gold").code).toBe("NA");
  });

  it("has no figure (#N/A, catalog: an unknown region/asset class) for a region or asset class outside the table", () => {
    expect(errorOf(F.RETAILCAP, "Mars", "fx_major")).toEqual({ code: "NA", field: "region" });
    expect(errorOf(F.RETAILCAP, " atlantis ", "equity")).toEqual({ code: "NA", field: "region" });
    expect(errorOf(F.RETAILCAP, "EU", "bonds")).toEqual({ code: "NA", field: "asset_class" });
  });

  it("still needs both arguments: a blank or a boolean is #VALUE!", () => {
    expect(errorOf(F.RETAILCAP, "", "fx_major")).toEqual({ code: "VALUE", field: "region" });
    expect(errorOf(F.RETAILCAP, true, "fx_major")).toEqual({ code: "VALUE", field: "region" });
    expect(errorOf(F.RETAILCAP, "EU", null)).toEqual({ code: "VALUE", field: "asset_class" });
  });
});

describe("DTBP", () => {
  it("is 4 × the maintenance excess: 4 × (30,000 − 5,000) = 100,000 (FINRA 4210(f)(8)(B))", () => {
    expect(num(F.DTBP, 30000, 5000)).toBe(100000);
  });

  it("is #N/A below the 25,000 pattern-day-trader minimum", () => {
    expect(errorOf(F.DTBP, 24999.99, 0).code).toBe("NA");
  });
});
