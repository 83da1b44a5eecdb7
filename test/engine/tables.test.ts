import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, EngineError } from "../../src/engine";
import { errorOf } from "../helpers/engine";

type Row = (F.Dec | string | EngineError | null | boolean)[];
const dec = (c: unknown) => c as F.Dec;
const price = fc.integer({ min: 1, max: 20_000_000 }).map((c) => new D(c).div(100).toString());
const sideArb = fc.constantFrom("long", "short");

function table(fn: F.AnyEngineFunction, ...args: unknown[]): Row[] {
  return fn.apply(args) as Row[];
}

describe("SCENARIOS", () => {
  it("tabulates a 10x long from 60,000 by hand", () => {
    const t = table(F.SCENARIOS, "long", 60000, 1, 10, [[54000], [60000], [66000]]);
    expect(t[0]).toEqual(["Price", "Move", "PnL", "ROE", "Equity", "Margin level", "Status"]);
    // M = 60,000/10 = 6,000; Binance LP = (6,000 − 60,000)/(0.005 − 1) = 54,271.36, so 54,000 is beyond it
    expect(t[1]!.map(String)).toEqual(["54000", "-0.1", "-6000", "-1", "0", "0", "LIQUIDATED"]);
    expect(t[2]!.map(String)).toEqual(["60000", "0", "0", "0", "6000", "1", "OK"]);
    // +10 %: PnL 6,000, ROE 100 %, equity 12,000, margin level 200 %
    expect(t[3]!.map(String)).toEqual(["66000", "0.1", "6000", "1", "12000", "2", "OK"]);
  });

  it("gives each row the PnL, ROE and equity of the scalar functions, long and short, with fees", () => {
    fc.assert(
      fc.property(sideArb, price, fc.array(price, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 125 }), fc.integer({ min: 0, max: 100 }), (s, e, prices, lev, feeBp) => {
        const fee = new D(feeBp).div(100000).toString();
        const q = "0.5";
        const t = table(F.SCENARIOS, s, e, q, lev, prices.map((p) => [p]), undefined, undefined, fee);
        const margin = new D(e).mul(q).div(lev);
        prices.forEach((p, i) => {
          const row = t[i + 1]!;
          const pnl = F.PNL.apply([s, e, p, q, 1, fee]) as F.Dec;
          const roe = F.ROE.apply([s, e, p, lev, fee]) as F.Dec;
          expect(dec(row[2]).eq(pnl)).toBe(true);
          // PnL/M and the ROE formula may round differently in the 34th digit: relative difference ≤ 1e-30
          expect(dec(row[3]).sub(roe).abs().lte(roe.abs().mul("1e-30"))).toBe(true);
          expect(dec(row[4]).eq(margin.add(pnl))).toBe(true);
        });
      }),
    );
  });

  it("marks a row LIQUIDATED exactly when its price is at or beyond LIQPRICE", () => {
    fc.assert(
      fc.property(sideArb, price, fc.integer({ min: 2, max: 100 }), fc.integer({ min: -3, max: 3 }), (s, e, lev, ticks) => {
        const liq = F.LIQPRICE.apply([s, e, lev, 0.005, 0, 2]) as F.Dec;
        // the liquidation price itself and prices a few hundredths either side of it
        const p = liq.toDecimalPlaces(2).add(new D(ticks).div(100));
        if (p.lte(0)) return;
        const t = table(F.SCENARIOS, s, e, 2, lev, [[p.toString()]]);
        const beyond = s === "long" ? p.lte(liq) : p.gte(liq);
        expect(t[1]![6]).toBe(beyond ? "LIQUIDATED" : "OK");
      }),
    );
  });

  it("never liquidates a 1x long, which has no liquidation price", () => {
    const t = table(F.SCENARIOS, "long", 100, 1, 1, [[1], [50], [100]]);
    expect(t.slice(1).map((r) => r[6])).toEqual(["OK", "OK", "OK"]);
  });

  it("with a balance, takes the status from WALLETLIQ and MARGINSTATUS (account view)", () => {
    // 1 BTC long at 60,000, 10x: M = 6,000; balance 10,000.
    // Binance one-way LP = (10,000 − 60,000)/(0.005 − 1) = 50,251.26
    const t = table(F.SCENARIOS, "long", 60000, 1, 10, [[50000], [54000], [56000], [59000]], 10000);
    // 54,000: equity 10,000 − 6,000 = 4,000, level 0.667 → MARGIN CALL (≤ 100 %, > 50 %)
    // 56,000: equity 6,000, level 1 → MARGIN CALL; 59,000: equity 9,000, level 1.5 → OK; 50,000 ≤ LP → LIQUIDATED
    expect(t.slice(1).map((r) => r[6])).toEqual(["LIQUIDATED", "MARGIN CALL", "MARGIN CALL", "OK"]);
    expect(String(t[2]![4])).toBe("4000");
  });

  it("takes a tier table for mmr, liquidating where tiered LIQPRICE says", () => {
    // Binance-style brackets (notional floor, cap, mmr); 2 BTC at 60,000, 20x: notional 120,000
    const tiers = [[0, 50000, 0.004], [50000, 250000, 0.005], [250000, 1000000, 0.01]];
    const liq = F.LIQPRICE.apply(["long", 60000, 20, tiers, 0, 2]) as F.Dec;
    const prices = [[liq.toString()], [liq.add(1).toString()]];
    const t = table(F.SCENARIOS, "long", 60000, 2, 20, prices, undefined, tiers);
    expect(t.slice(1).map((r) => r[6])).toEqual(["LIQUIDATED", "OK"]);
  });

  it("handles 10,000 prices, and refuses more than 100,000 cells with #NUM!", () => {
    const prices = Array.from({ length: 10000 }, (_, i) => [50000 + i]);
    expect(table(F.SCENARIOS, "short", 60000, 1, 10, prices)).toHaveLength(10001);
    const tooMany = Array.from({ length: 15000 }, (_, i) => [50000 + i]);
    // 15,001 rows × 7 columns = 105,007 cells
    expect(errorOf(F.SCENARIOS, "short", 60000, 1, 10, tooMany).code).toBe("NUM");
  });

  it("names the range and the position of a bad cell", () => {
    expect(errorOf(F.SCENARIOS, "long", 100, 1, 10, [[90], ["ninety"]])).toEqual({ code: "VALUE", field: "prices" });
    try {
      F.SCENARIOS.apply(["long", 100, 1, 10, [[90], ["ninety"]]]);
    } catch (e) {
      expect((e as Error).message).toContain("row 2, column 1");
    }
    expect(errorOf(F.SCENARIOS, "long", 100, 1, 10, [[90], [-5]]).code).toBe("NUM");
  });
});

describe("GRID", () => {
  const leverages = [[1, 2, 5, 10, 20, 50, 100, 125, 250]];
  const moves = [[-0.5], [-0.2], [-0.05], [-0.01], [0], [0.01], [0.05], [0.2], [1]];

  it.each(["long", "short"])("matches the scalar functions in every cell (%s)", (s) => {
    const roe = table(F.GRID, "roe", s, 60000, leverages, moves);
    const liq = table(F.GRID, "liq", s, 60000, leverages, moves);
    const dist = table(F.GRID, "distance", s, 60000, leverages, moves);
    const status = table(F.GRID, "status", s, 60000, leverages, moves);
    moves.forEach(([m], i) => {
      const p = new D(60000).mul(new D(m!).add(1)).toString();
      leverages[0]!.forEach((l, j) => {
        expect(dec(roe[i]![j]).eq(F.ROE.apply([s, 60000, p, l]) as F.Dec)).toBe(true);
        let scalarLiq: F.Dec | EngineError;
        try {
          scalarLiq = F.LIQPRICE.apply([s, 60000, l]) as F.Dec;
        } catch (e) {
          scalarLiq = e as EngineError;
        }
        if (scalarLiq instanceof EngineError) {
          // the grid shows the scalar function's own error in that cell
          expect((liq[i]![j] as EngineError).code).toBe(scalarLiq.code);
          expect((dist[i]![j] as EngineError).code).toBe(scalarLiq.code);
          expect(status[i]![j]).toBe(scalarLiq.code === "NUM" ? "LIQUIDATED" : "OK");
        } else {
          expect(dec(liq[i]![j]).eq(scalarLiq)).toBe(true);
          expect(dec(dist[i]![j]).eq(F.LIQDISTANCE.apply([s, p, scalarLiq.toString()]) as F.Dec)).toBe(true);
          const beyond = s === "long" ? new D(p).lte(scalarLiq) : new D(p).gte(scalarLiq);
          expect(status[i]![j]).toBe(beyond ? "LIQUIDATED" : "OK");
        }
      });
    });
  });

  it("shows #N/A for a 1x long's liquidation and #NUM! where leverage × mmr ≥ 1", () => {
    // 250 × 0.005 = 1.25 ≥ 1: liquidated as it opens
    const liq = table(F.GRID, "liq", "long", 100, [[1, 250]], [[0]]);
    expect((liq[0]![0] as EngineError).code).toBe("NA");
    expect((liq[0]![1] as EngineError).code).toBe("NUM");
  });

  it("refuses a move of −100 % or lower, and more than 100,000 cells", () => {
    expect(errorOf(F.GRID, "roe", "long", 100, [[10]], [[-1]])).toEqual({ code: "NUM", field: "moves" });
    const many = Array.from({ length: 400 }, (_, i) => [i / 1000]);
    const levs = [Array.from({ length: 300 }, (_, i) => i + 1)];
    expect(errorOf(F.GRID, "roe", "long", 100, levs, many).code).toBe("NUM");
  });

  it("reads leverages given as text in its range as every leverage argument does (\"43:1\", \"20x\", \"1:50\")", () => {
    const asText = table(F.GRID, "liq", "long", 100, [["43:1", "20x", "1:50", " 10 "]], [[0]]);
    const asNumbers = table(F.GRID, "liq", "long", 100, [[43, 20, 50, 10]], [[0]]);
    expect(asText.map((r) => r.map((c) => dec(c).toString()))).toEqual(asNumbers.map((r) => r.map((c) => dec(c).toString())));
    // and each cell is LIQPRICE's own: long 100 at 20x, mmr 0.5 %: 100·(1 − 1/20)/(1 − 0.005) = 95/0.995
    expect(dec(asText[0]![1]).toString()).toBe(new D(95).div(0.995).toString());
  });

  it("names the cell of a leverage it cannot read: text is #VALUE!, 0 or below is #NUM!", () => {
    expect(errorOf(F.GRID, "roe", "long", 100, [[10, "ten"]], [[0]])).toEqual({ code: "VALUE", field: "leverages" });
    expect(errorOf(F.GRID, "roe", "long", 100, [[10, "0x"]], [[0]])).toEqual({ code: "NUM", field: "leverages" });
    expect(errorOf(F.GRID, "roe", "long", 100, [[-5]], [[0]])).toEqual({ code: "NUM", field: "leverages" });
  });

  it("rejects an unknown measure with #VALUE!", () => {
    expect(errorOf(F.GRID, "pnl", "long", 100, [[10]], [[0]])).toEqual({ code: "VALUE", field: "measure" });
  });
});

describe("LADDER", () => {
  it("scales a long in by hand", () => {
    const t = table(F.LADDER, "long", [[100], [90], [80]], [[1], [1], [2]], 10);
    expect(t[0]).toEqual(["Fill", "Price", "Quantity", "Total quantity", "Average entry", "Margin", "Liquidation", "Break-even"]);
    // fill 2: A = (100 + 90)/2 = 95, Q = 2, margin 95·2/10 = 19
    expect(t[2]!.slice(0, 6).map(String)).toEqual(["2", "90", "1", "2", "95", "19"]);
    // fill 3: A = (100 + 90 + 160)/4 = 87.5, Q = 4, margin 35;
    // LP = (4·87.5/10 − 4·87.5)/(4·0.005 − 4) = (35 − 350)/(−3.98) = 79.14572864321608…
    expect(t[3]!.slice(0, 6).map(String)).toEqual(["3", "80", "2", "4", "87.5", "35"]);
    expect(dec(t[3]![6]).toNumber()).toBeCloseTo(79.14572864321608, 12);
    // no fees: break-even is the average
    expect(String(t[3]![7])).toBe("87.5");
  });

  it("gives each row the scalar functions applied to the running totals", () => {
    fc.assert(
      fc.property(
        sideArb,
        fc.array(fc.tuple(price, fc.integer({ min: 1, max: 5000 })), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 100 }),
        (s, fills, lev, feeBp) => {
          const fee = new D(feeBp).div(100000).toString();
          const prices = fills.map(([p]) => [p]);
          const qs = fills.map(([, q]) => [new D(q).div(100).toString()]);
          const t = table(F.LADDER, s, prices, qs, lev, undefined, fee);
          fills.forEach((_, i) => {
            const row = t[i + 1]!;
            const avg = F.AVGPRICE.apply([prices.slice(0, i + 1), qs.slice(0, i + 1)]) as F.Dec;
            const total = qs.slice(0, i + 1).reduce((sum, [q]) => sum.add(q!), new D(0));
            expect(dec(row[4]).eq(avg)).toBe(true);
            expect(dec(row[3]).eq(total)).toBe(true);
            expect(dec(row[5]).eq(avg.mul(total).div(lev))).toBe(true);
            let liq: F.Dec | EngineError;
            try {
              liq = F.LIQPRICE.apply([s, avg.toString(), lev, 0.005, 0, total.toString()]) as F.Dec;
            } catch (e) {
              liq = e as EngineError;
            }
            if (liq instanceof EngineError) expect((row[6] as EngineError).code).toBe(liq.code);
            else expect(dec(row[6]).eq(liq)).toBe(true);
            const be = F.BREAKEVEN.apply([s, avg.toString(), fee, fee]) as F.Dec;
            expect(dec(row[7]).eq(be)).toBe(true);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("pairs prices and quantities by position and names a lone blank", () => {
    expect(table(F.LADDER, "long", [[100], [null], [90]], [[1], [null], [1]], 10)).toHaveLength(3);
    expect(errorOf(F.LADDER, "long", [[100], [90]], [[1], [null]], 10)).toEqual({ code: "VALUE", field: "quantities" });
    expect(errorOf(F.LADDER, "long", [[100], [90]], [[1]], 10)).toEqual({ code: "VALUE", field: "quantities" });
    expect(errorOf(F.LADDER, "long", [[100]], [[0]], 10)).toEqual({ code: "NUM", field: "quantities" });
  });

  it("handles 10,000 fills in one pass", () => {
    const prices = Array.from({ length: 10000 }, (_, i) => [1000 - i / 20]);
    const qs = Array.from({ length: 10000 }, () => [1]);
    const t = table(F.LADDER, "long", prices, qs, 5);
    expect(t).toHaveLength(10001);
    // the average of an arithmetic run 1000 … 500.05 is its midpoint, 750.025
    expect(String(t[10000]![4])).toBe("750.025");
  });
});

/** Whether a COMPOUNDTABLE row's End is Start + Gain + Contribution within 4 units of the 34th significant digit of its largest term. */
function rowGap(row: unknown[]): boolean {
  const terms = [1, 2, 3, 4].map((i) => new D(row[i] as F.Dec));
  const [start, gain, contribution, end] = terms as [F.Dec, F.Dec, F.Dec, F.Dec];
  const largest = terms.reduce((m, x) => (x.abs().gt(m) ? x.abs() : m), new D(0));
  if (largest.isZero()) return end.isZero();
  const unit = new D(10).pow(largest.e - 33);
  return start.add(gain).add(contribution).sub(end).abs().lte(unit.mul(4));
}

describe("COMPOUNDTABLE", () => {
  it("reproduces the monthly 4 % broker table (comp-02): rounded to cents every month, 1,601.02 after 12", () => {
    const t = table(F.COMPOUNDTABLE, 1000, 0.04, 12, 0, 0.01);
    expect(t[0]).toEqual(["Period", "Start", "Gain", "Contribution", "End"]);
    expect(t).toHaveLength(13);
    // month 1 by hand: 1,000 → 1,040, gain 40
    expect(t[1]!.map(String)).toEqual(["1", "1000", "40", "0", "1040"]);
    expect(dec(t[12]![4]).toNumber()).toBe(1601.02);
  });

  it("ends where COMPOUND ends, with and without round_to, contributions included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 7 }),
        fc.integer({ min: -500, max: 2000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: -100, max: 1000 }),
        fc.constantFrom(undefined, 0.01, 1),
        (start, rateBp, periods, contribution, roundTo) => {
          const rate = new D(rateBp).div(10000).toString();
          let expected: F.Dec | string;
          try {
            expected = F.COMPOUND.apply([start, rate, periods, contribution, roundTo]) as F.Dec;
          } catch (e) {
            expected = (e as EngineError).code;
          }
          if (typeof expected === "string") {
            expect(errorOf(F.COMPOUNDTABLE, start, rate, periods, contribution, roundTo).code).toBe(expected);
            return;
          }
          const t = table(F.COMPOUNDTABLE, start, rate, periods, contribution, roundTo);
          expect(dec(t[periods]![4]).eq(expected)).toBe(true);
          // every row: End = Start + Gain + Contribution, to the engine's 34 significant digits. Gain is
          // End − Start − Contribution rounded to 34 digits (two roundings), and the sum here rounds twice more, so
          // the two sides may differ by a few units of the 34th digit of the largest term, never more
          // (9 at −0.32 % with −1 a period: row 9 differs by 5·10^-35, hand-checked below)
          for (const row of t.slice(1)) expect(rowGap(row)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("keeps End = Start + Gain + Contribution to 34 digits where the gain's subtraction rounds (9 at −0.32 %, −1 a period)", () => {
    const t = table(F.COMPOUNDTABLE, 9, "-0.0032", 10, -1);
    // row 9 by hand: Start 0.86119287871680505282986963369984 (row 8's End) × 0.9968 = 0.858437061504911276660814050872000512,
    // − 1 = −0.141562938495088723339185949127999488, 34 digits: −0.1415629384950887233391859491279995 (End). The gain is
    // End − Start = −1.0027558172118937761690555828278395 (35 digits, rounded to −1.002755817211893776169055582827840)
    // + 1 = −0.00275581721189377616905558282784, so Start + Gain + Contribution = −0.141562938495088723339185949128:
    // 5·10^-35 from End, within the 4 units of the 34th digit (of −1) rowGap allows
    expect(dec(t[9]![4]).eq("-0.1415629384950887233391859491279995")).toBe(true);
    expect(dec(t[9]![2]).eq("-0.00275581721189377616905558282784")).toBe(true);
    for (const row of t.slice(1)) expect(rowGap(row)).toBe(true);
    // and a gap of a unit in the 30th digit is one rowGap refuses
    expect(rowGap([9, "1", "0.5", "0", "1.500000000000000000000000000001"])).toBe(false);
  });

  it("handles 10,000 periods and refuses more than 100,000 cells, naming periods", () => {
    expect(table(F.COMPOUNDTABLE, 1000, 0.0001, 10000, 0, 0.01)).toHaveLength(10001);
    // 19,999 periods + header = 20,000 rows × 5 columns = 100,000 cells: the most the help allows
    expect(table(F.COMPOUNDTABLE, 1000, 0.0001, 19999, 0)).toHaveLength(20000);
    // 20,000 periods + header = 20,001 rows × 5 columns = 100,005 cells
    expect(errorOf(F.COMPOUNDTABLE, 1000, 0.01, 20000)).toEqual({ code: "NUM", field: "periods" });
    expect(() => F.COMPOUNDTABLE.apply([1000, 0.01, 20000])).toThrow(/100,000/);
    expect(errorOf(F.COMPOUNDTABLE, 1000, 0.01, 0)).toEqual({ code: "NUM", field: "periods" });
  });
});

describe("the size limits the help states", () => {
  const prices = (n: number) => Array.from({ length: n }, (_, i) => [50000 + i / 100]);
  it("SCENARIOS takes 14,284 prices (100,000 cells with the header) and refuses one more, naming prices", () => {
    // (14,284 + 1) × 7 = 99,995 cells; (14,285 + 1) × 7 = 100,002
    expect(table(F.SCENARIOS, "long", 60000, 1, 10, prices(14284))).toHaveLength(14285);
    expect(errorOf(F.SCENARIOS, "long", 60000, 1, 10, prices(14285))).toEqual({ code: "NUM", field: "prices" });
  });

  it("LADDER takes 12,499 fills and refuses one more, naming prices", () => {
    // (12,499 + 1) × 8 = 100,000 cells; (12,500 + 1) × 8 = 100,008
    const qty = (n: number) => Array.from({ length: n }, () => [1]);
    expect(errorOf(F.LADDER, "long", prices(12500), qty(12500), 10)).toEqual({ code: "NUM", field: "prices" });
    expect(table(F.LADDER, "long", prices(12499), qty(12499), 10)).toHaveLength(12500);
  });

  it("GRID refuses more than 100,000 cells, naming moves", () => {
    // 50,001 moves × 2 leverages = 100,002 cells
    const moves = Array.from({ length: 50001 }, () => [0.01]);
    expect(errorOf(F.GRID, "roe", "long", 100, [[10, 20]], moves)).toEqual({ code: "NUM", field: "moves" });
  });

  it("GRID takes 1,000 leverages and refuses one more, naming leverages, on either path", () => {
    const levs = (n: number, cell: (i: number) => unknown) => [Array.from({ length: n }, (_, i) => cell(i))];
    for (const cell of [(i: number) => 1 + (i % 125), (i: number) => `${1 + (i % 125)}x`]) {
      expect(table(F.GRID, "roe", "long", 100, levs(1000, cell), [[0.01]])[0]).toHaveLength(1000);
      expect(errorOf(F.GRID, "roe", "long", 100, levs(1001, cell), [[0.01]])).toEqual({ code: "NUM", field: "leverages" });
      expect(F.GRID.fast!(["roe", "long", 100, levs(1001, cell), [[0.01]]])).toBeUndefined();
    }
    expect(() => F.GRID.apply(["liq", "long", 100, levs(1001, () => 10), [[0]]])).toThrow(/1,001 leverages; the limit is 1,000/);
  });

  it("COMPOUND rounds at most 1,000 periods one by one, and says so", () => {
    expect(typeof (F.COMPOUND.apply([1000, 0.001, 1000, 0, 0.01]) as F.Dec).toNumber()).toBe("number");
    expect(errorOf(F.COMPOUND, 1000, 0.001, 1001, 0, 0.01)).toEqual({ code: "NUM", field: "periods" });
    expect(() => F.COMPOUND.apply([1000, 0.001, 1001, 0, 0.01])).toThrow(/1,000 or fewer with round_to/);
    // without round_to the closed form answers any number of periods
    expect(typeof (F.COMPOUND.apply([1000, 0.000001, 1000000]) as F.Dec).toNumber()).toBe("number");
  });
});
