import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, type Dec } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input, vector } from "../helpers/vectors";

/** Binance BTCUSDT brackets of 2021-03-18 (vector liq-binance-usdm-tier-02): floor, cap, mmr. */
const BTCUSDT = vector("liq-binance-usdm-tier-02").inputs.brackets as number[][];

function read(raw: unknown[][]) {
  return F.readTierTable(raw, "mmr");
}

/** The error a table read throws: its code, field and message. */
function tableError(raw: unknown[][]): { code: string; field: string | undefined; message: string } {
  try {
    read(raw);
  } catch (e) {
    if (e instanceof F.EngineError) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected the table to be refused");
}

describe("reading a tier table", () => {
  it("builds Binance's maintenance amounts cumulatively when the fourth column is absent", () => {
    const tiers = read(BTCUSDT);
    // hand: cum₁ = 0; cum₂ = 50,000·(0.5 % − 0.4 %) = 50; cum₃ = 250,000·(1 % − 0.5 %) + 50 = 1,300 (formulas.md §2.1);
    // cum₄ = 1,000,000·(2.5 % − 1 %) + 1,300 = 16,300; cum₅ = 10M·(5 % − 2.5 %) + 16,300 = 266,300
    expect(tiers.slice(0, 5).map((t) => t.amount.toString())).toEqual(["0", "50", "1300", "16300", "266300"]);
    // the vector's bracket 4 amount
    expectVector("liq-binance-usdm-tier-02", "cum_used", tiers[3]!.amount.toNumber());
  });

  it("reproduces the COIN-M FAQ's level-5 amount (liq-binance-coinm-mm-01): 50·(5 % − 2.5 %) + 0.56 = 1.81", () => {
    const amount = F.nextMaintenanceAmount({
      floor: new D(input("liq-binance-coinm-mm-01", "old_table_level5_floor_btc")),
      mmr: new D(input("liq-binance-coinm-mm-01", "old_mmr_l5")),
      previousMmr: new D(input("liq-binance-coinm-mm-01", "old_mmr_l4")),
      previousAmount: new D(input("liq-binance-coinm-mm-01", "old_cum_l4")),
    });
    expectVector("liq-binance-coinm-mm-01", "old_cum_level5", amount.toNumber());
  });

  it("takes a fourth column's amounts as given", () => {
    const tiers = read([
      [0, 50000, 0.004, 0],
      [50000, 250000, 0.005, 75],
    ]);
    expect(tiers.map((t) => t.amount.toString())).toEqual(["0", "75"]);
  });

  it("accepts rows in any order and skips blank rows, keeping the user's row numbers", () => {
    const shuffled = [[250000, 1000000, 0.01], [null, "", null], [0, 50000, 0.004], ["50,000", "250000", "0.5%"]];
    const tiers = read(shuffled);
    expect(tiers.map((t) => [t.floor.toString(), t.amount.toString(), t.row])).toEqual([
      ["0", "0", 3],
      ["50000", "50", 4],
      ["250000", "1300", 1],
    ]);
  });

  it.each([
    // row 3 starts at 300,000 but row 2 ends at 250,000
    [[[0, 50000, 0.004], [50000, 250000, 0.005], [300000, 1000000, 0.01]], "VALUE", "row 3"],
    // row 2 starts at 40,000, inside row 1
    [[[0, 50000, 0.004], [40000, 250000, 0.005]], "VALUE", "row 2"],
    // row 2's cap is not above its floor
    [[[0, 50000, 0.004], [50000, 50000, 0.005]], "NUM", "row 2"],
    // a rate of 100 %
    [[[0, 50000, 0.004], [50000, 250000, 1]], "NUM", "row 2"],
    // a negative rate
    [[[0, 50000, -0.004], [50000, 250000, 0.005]], "NUM", "row 1"],
    // a negative floor
    [[[-1, 50000, 0.004], [50000, 250000, 0.005]], "NUM", "row 1"],
    // a negative amount
    [[[0, 50000, 0.004, -5], [50000, 250000, 0.005, 50]], "NUM", "row 1"],
    // text that is not a number
    [[[0, 50000, 0.004], [50000, "lots", 0.005]], "VALUE", "row 2"],
    // a row with its rate missing
    [[[0, 50000, 0.004], [50000, 250000, null]], "VALUE", "row 2"],
    // a fourth column given for one row only
    [[[0, 50000, 0.004, 0], [50000, 250000, 0.005, null]], "VALUE", "row 2"],
    // five columns
    [[[0, 50000, 0.004, 0, 1]], "VALUE", "5"],
    // two columns
    [[[0, 0.004], [50000, 0.005]], "VALUE", "2"],
  ])("refuses %j with #%s naming %s", (table, code, where) => {
    const e = tableError(table as unknown[][]);
    expect([e.code, e.field]).toEqual([code, "mmr"]);
    expect(e.message).toContain(where);
  });
});

describe("bracket lookup", () => {
  const tiers = read(BTCUSDT);

  it.each([
    // floor inclusive, cap exclusive
    ["0", "0.004"],
    ["49999.99", "0.004"],
    ["50000", "0.005"],
    ["3675589.74", "0.025"],
    // the last cap is inclusive
    ["500000000", "0.5"],
  ])("a notional of %s is in the %s bracket", (notional, rate) => {
    expect(F.findTier(tiers, new D(notional)).mmr.toString()).toBe(rate);
  });

  it("is #N/A beyond the table, on either side", () => {
    expect(() => F.findTier(tiers, new D("500000000.01"))).toThrow(F.NotAvailableError);
    const fromFifty = read([[50000, 250000, 0.005]]);
    expect(() => F.findTier(fromFifty, new D(49999))).toThrow(F.NotAvailableError);
  });
});

describe("MAINTMARGIN", () => {
  it("reproduces the COIN-M FAQ's maintenance margin (liq-binance-coinm-mm-01): 0.4 BTC × 0.4 % = 0.0016 BTC", () => {
    const coin = num(F.INVNOTIONAL, input("liq-binance-coinm-mm-01", "contracts"), input("liq-binance-coinm-mm-01", "mark_price"), input("liq-binance-coinm-mm-01", "contract_size_usd"));
    expectVector("liq-binance-coinm-mm-01", "notional_coin", coin);
    expectVector("liq-binance-coinm-mm-01", "maint_margin_coin", num(F.MAINTMARGIN, coin, input("liq-binance-coinm-mm-01", "mmr"), input("liq-binance-coinm-mm-01", "cum_coin")));
  });

  it("reproduces Bybit's USDT example (liq-bybit-usdt-iso-01): 20,000 × 0.5 % = 100", () => {
    expectVector("liq-bybit-usdt-iso-01", "maint_margin", num(F.MAINTMARGIN, 20000, input("liq-bybit-usdt-iso-01", "mmr")));
  });

  it("reproduces Bybit's inverse example (liq-bybit-inverse-iso-01): 1.2 BTC × 0.5 % = 0.006 BTC", () => {
    expectVector("liq-bybit-inverse-iso-01", "maint_margin_btc", num(F.MAINTMARGIN, 1.2, input("liq-bybit-inverse-iso-01", "mmr")));
  });

  it("reproduces the other position's maintenance margin in Binance's cross example (liq-binance-usdm-cross-02)", () => {
    const eth = (vector("liq-binance-usdm-cross-02").inputs.other_positions as Record<string, number>[])[0]!;
    // 3,683.979 × 1,335.18 × 10 % − 135,365 = 356,512.51
    expectVector("liq-binance-usdm-cross-02", "tmm1", num(F.MAINTMARGIN, eth.qty_base! * eth.mark_price!, eth.mmr, eth.maint_amount_cum));
  });

  it.each([
    // hand: 3,675,589.74 × 2.5 % − 16,300 = 91,889.7435 − 16,300 = 75,589.7435 (bracket 4 of BTCUSDT)
    ["3675589.74", "75589.7435"],
    // hand: 40,000 × 0.4 % − 0 = 160 (bracket 1)
    ["40000", "160"],
    // hand: at the floor of bracket 3, 250,000 × 1 % − 1,300 = 1,200 = 250,000 × 0.5 % − 50 (continuous)
    ["250000", "1200"],
  ])("with the BTCUSDT table, a notional of %s needs %s", (notional, expected) => {
    expect(exact(F.MAINTMARGIN, notional, BTCUSDT)).toBe(expected);
  });

  it.each([
    [[1000], "VALUE", "mmr"],
    [[1000, ""], "VALUE", "mmr"],
    [[-1, 0.005], "NUM", "notional"],
    [[1000, 1], "NUM", "mmr"],
    [[1000, 0.005, 50], "NUM", "maint_amount"],
    [[1000, BTCUSDT, 10], "VALUE", "maint_amount"],
    [[600000000, BTCUSDT], "NA", "mmr"],
  ])("MAINTMARGIN(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.MAINTMARGIN, ...args)).toEqual({ code, field });
  });
});

describe("tier table invariants", () => {
  /** Random increasing tables: floors 0 < f₂ < … and non-decreasing rates below 1. */
  const table = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 8 })
    .map((steps) => {
      let floor = 0;
      let rate = 0;
      return steps.map(([width, bump]) => {
        const row = [floor, floor + width, rate + bump / 10000];
        floor += width;
        rate += bump / 10000;
        return row;
      });
    })
    .filter((rows) => rows.every((r) => r[2]! < 1));

  it("built amounts keep the maintenance margin continuous at every floor", () => {
    fc.assert(
      fc.property(table, (rows) => {
        const tiers = read(rows);
        return tiers.slice(1).every((t, i) => {
          const below = tiers[i]!;
          return t.floor.mul(t.mmr).sub(t.amount).eq(t.floor.mul(below.mmr).sub(below.amount));
        });
      }),
    );
  });

  it("the maintenance margin never falls as the notional grows", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 8_000_000 }), fc.integer({ min: 0, max: 8_000_000 }), (rows, a, b) => {
        const cap = rows[rows.length - 1]![1]!;
        fc.pre(a <= cap && b <= cap);
        const mm = (n: number): Dec => F.maintenanceMargin({ notional: new D(n), maintenance: { kind: "tiers", tiers: read(rows) }, amount: new D(0) });
        return a <= b ? mm(a).lte(mm(b)) : mm(a).gte(mm(b));
      }),
    );
  });

  it("reads the same table whatever the row order", () => {
    fc.assert(
      fc.property(table.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))), ([rows, shuffled]) => {
        const a = read(rows).map((t) => [t.floor.toString(), t.cap.toString(), t.mmr.toString(), t.amount.toString()]);
        const b = read(shuffled).map((t) => [t.floor.toString(), t.cap.toString(), t.mmr.toString(), t.amount.toString()]);
        return JSON.stringify(a) === JSON.stringify(b);
      }),
    );
  });
});

describe("the size of a tier table", () => {
  /** n contiguous brackets of 1,000 each with rising rates, 4 columns (amounts given). */
  const table = (n: number) => Array.from({ length: n }, (_, i) => [i * 1000, (i + 1) * 1000, 0.001 + i / 10000, 0]);

  it("reads 100 brackets and refuses 101, naming mmr and the limit", () => {
    expect(F.MAX_TIERS).toBe(100);
    // hand: notional 500 is in the first bracket, 0.001 × 500 − 0 = 0.5
    expect(F.MAINTMARGIN.apply([500, table(100)]).toString()).toBe("0.5");
    expect(errorOf(F.MAINTMARGIN, 500, table(101))).toEqual({ code: "NUM", field: "mmr" });
    expect(() => F.MAINTMARGIN.apply([500, table(101)])).toThrow(/at most 100 brackets/);
  });

  it("counts filled rows only, so a range with blank rows below the table is fine", () => {
    const padded = [...table(3), ...Array.from({ length: 5000 }, () => [null, null, null, null])];
    expect(F.MAINTMARGIN.apply([500, padded]).toString()).toBe("0.5");
  });
});
