import * as fc from "fast-check";
import * as F from "../../src/engine";
import { decimalNumber, midpointDistance, nearMidpoint, plainSide, shownCells, slow, slowTable } from "../helpers/arbitraries";
import { decimals, integer, product, ratio, sum, value } from "../../src/engine/arith/exact";
import { notionalTierLiquidation } from "../../src/engine/liquidation/isolated.fast";
import { LADDER_LIQUIDATION_ROUNDINGS } from "../../src/engine/tables/ladder";
import { fastTiers } from "../../src/engine/liquidation/tiers.fast";

/** x as its integer and scale, [m, k], or undefined when it has no short exact form. */
function scaled(x: number): [number, number] | undefined {
  const k = decimals(x);
  return k < 0 ? undefined : [integer(x, k), k];
}

describe("exact scaled-integer arithmetic", () => {
  it.each([
    [60000, [60000, 0]],
    [0.5, [5, 1]],
    [0.005, [5, 3]],
    [1.0055, [10055, 4]],
    [-0, [0, 0]],
    [-2.25, [-225, 2]],
  ])("reads %p as an integer over a power of ten", (x, expected) => {
    expect(scaled(x)).toEqual(expected);
  });

  it.each([[0.1 + 0.2], [Math.PI], [1e-12], [Number.NaN], [Infinity], [-Infinity], [2 ** 60], [2 ** 50 + 0.5]])(
    "declines %p, which has no short exact form",
    (x) => {
      expect(decimals(x)).toBe(-1);
    },
  );

  it("adds, multiplies and divides exactly: 0.1 + 0.2 = 0.3, 0.3 / 3 = 0.1, 1.1 × 1.1 = 1.21", () => {
    // 1/10 + 2/10 = 3/10; 3/10 ÷ 3/1 = 1/10; 11/10 × 11/10 = 121/100
    expect(value(sum(1, 1, 2, 1), 1)).toBe(0.3);
    expect(ratio(3, 1, 3, 0)).toBe(0.1);
    expect(value(product(11, 11), 2)).toBe(1.21);
  });

  it("declines rather than lose a digit when an integer would pass 2^53", () => {
    // 2^40 · 2^20 = 2^60, past 2^53: the product is poisoned, and so is anything built on it
    expect(product(2 ** 40, 2 ** 20)).toBeNaN();
    expect(value(sum(product(2 ** 40, 2 ** 20), 0, 1, 0), 0)).toBeUndefined();
    expect(ratio(product(2 ** 40, 2 ** 20), 0, 3, 0)).toBeUndefined();
    // 2^53 − 1 is still exact; one more is not
    expect(sum(2 ** 53 - 2, 0, 1, 0)).toBe(2 ** 53 - 1);
    expect(sum(2 ** 53 - 1, 0, 1, 0)).toBeNaN();
  });

  it("declines a scale past 10^22, where powers of ten stop being exact doubles", () => {
    expect(value(1, 23)).toBeUndefined();
    expect(sum(1, 0, 1, 23)).toBeNaN();
  });

  it("declines a division by zero", () => {
    expect(ratio(1, 0, 0, 3)).toBeUndefined();
  });
});

// ─── The midpoint guard of ratio ─────────────────────────────────────────────────────────────────────
// The Decimal path's 34-digit quotient is rounded to a double again at the boundary; the fast path rounds
// the exact quotient once. They differ only when a midpoint between two doubles lies between the two.



describe("ratio answers only when the Decimal path's double is the same", () => {
  it("settles a one-rounding quotient without looking: no quotient of integers below 2^53 is within 2^-107 of a midpoint", () => {
    // the nearest such quotients are within 2^-53/y ≈ 2^-105 of one (x·2^53 − M·y = 1 with y ≈ 2^52)
    let found = 0;
    for (let seed = 0; found < 20 && seed < 400; seed++) {
      const pair = nearMidpoint(seed);
      if (pair === undefined) continue;
      found++;
      const [x, y] = pair;
      const d = midpointDistance(x, y);
      expect(d).toBeGreaterThan(2 ** -107);
      expect(d).toBeLessThan(2 ** -104);
      // one 34-digit rounding moves the quotient by at most 5e-34 < 2^-110: the same double as the Decimal path
      expect(ratio(x, 0, y, 0)).toBe(new F.D(x).div(y).toNumber());
      // a quotient whose Decimal value may be off by 2^12 roundings is too near to tell: declined
      expect(ratio(x, 0, y, 0, 2 ** 12)).toBeUndefined();
    }
    expect(found).toBe(20);
  });

  it("answers with a large spread only where the exact quotient is clear of every midpoint by that much", () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 1, max: 2 ** 53 - 1 }),
        fc.constantFrom(-1, 1),
        fc.double({ min: 1, max: 2 ** 39, noNaN: true }),
        (x, y, sign, spread) => {
          const q = ratio(sign * x, 0, y, 0, spread);
          if (q === undefined) return;
          answered++;
          expect(q).toBe((sign * x) / y);
          // the claim: a Decimal value within spread·2^-110 (relative) of x/y rounds to q as well
          expect(midpointDistance(x, y)).toBeGreaterThan(spread * 2 ** -110);
        },
      ),
      { numRuns: 5000 },
    );
    // random quotients lie about 2^-55 from a midpoint, far beyond 2^39·2^-110 (a larger bound is declined outright): nearly all are answered,
    // most of them by the residual test (spread·|y| ≥ 2^55)
    expect(answered).toBeGreaterThan(4900);
  });

  it("declines a quotient that is nearer a midpoint than its spread allows, whatever the signs", () => {
    const [x, y] = nearMidpoint(7)!;
    for (const [a, b] of [[x, y], [-x, y], [x, -y], [-x, -y]] as const) {
      expect(ratio(a, 0, b, 0, 2 ** 12)).toBeUndefined();
      expect(ratio(a, 0, b, 0)).toBe(new F.D(a).div(b).toNumber());
    }
    // far from any midpoint (1/3 is a third of the way between doubles' midpoints at most): answered
    expect(ratio(1, 0, 3, 0, 2 ** 30)).toBe(1 / 3);
  });

});

describe("fast paths agree with the Decimal path", () => {
  it("EQUITY adds a PnL range exactly, blanks skipped, and gives what Decimal gives", () => {
    // 10,000 − 250.50 + 100.25 = 9,849.75
    expect(F.EQUITY.fast!([10000, [[-250.5], [null], [100.25]]])).toBe(9849.75);
    // 0.1 + 0.2 in exact decimals is 0.3, not the float sum 0.30000000000000004
    expect(F.EQUITY.fast!([0.1, [[0.2]]])).toBe(0.3);
    expect(F.EQUITY.fast!([100, [["5"]]])).toBeUndefined(); // numeric text: the reader's way
    const cell = fc.oneof({ weight: 6, arbitrary: decimalNumber(6, 10 ** 9) }, { weight: 1, arbitrary: fc.constant(null) });
    fc.assert(
      fc.property(decimalNumber(4, 10 ** 9), fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { maxLength: 40 }), (b, rows) => {
        const quick = F.EQUITY.fast!([b, rows]);
        if (quick === undefined) throw new Error(`EQUITY(${b}, ${JSON.stringify(rows)}) declined plain input`);
        expect(quick).toBe(slow(F.EQUITY, [b, rows]));
      }),
      { numRuns: 2000 },
    );
  });

  it("MARGIN answers plain numbers, and gives what Decimal gives", () => {
    expect(F.MARGIN.fast!([100000, 50])).toBe(2000);
    fc.assert(
      fc.property(decimalNumber(4, 10 ** 9), decimalNumber(3, 2000), (n, l) => {
        const quick = F.MARGIN.fast!([n, l]);
        const exact = slow(F.MARGIN, [n, l]);
        if (quick !== undefined) expect(quick).toBe(exact);
        else if (n >= 0 && l > 0) throw new Error(`MARGIN(${n}, ${l}) declined plain input`);
      }),
      { numRuns: 3000 },
    );
  });

  it("PNL answers plain numbers, and gives what Decimal gives", () => {
    // the everyday cases take the fast path: hand, 0.5·1,000 = 500; short 2·(1.0850 − 1.0800)·100,000 = 1,000;
    // with 0.04 % fees: 500 − 0.0004·121,000·0.5 = 475.8
    expect(F.PNL.fast!(["long", 60000, 61000, 0.5])).toBe(500);
    expect(F.PNL.fast!(["short", 1.085, 1.08, 2, 100000])).toBe(1000);
    expect(F.PNL.fast!(["long", 60000, 61000, 0.5, 1, 0.0004])).toBe(475.8);
    fc.assert(
      fc.property(
        plainSide,
        decimalNumber(2, 10 ** 7),
        decimalNumber(2, 10 ** 7),
        decimalNumber(3, 10 ** 5),
        fc.constantFrom(undefined, 1, 100, 100000),
        fc.constantFrom(undefined, 0, 0.0004, 0.001, 0.00055),
        fc.constantFrom(undefined, 0, 2.1, -5),
        (s, e, x, q, cs, f, fixed) => {
          const args = [s, e, x, q, cs, f, fixed];
          const quick = F.PNL.fast!(args);
          const exact = slow(F.PNL, args);
          if (quick !== undefined) expect(quick).toBe(exact);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("the LIQPRICE fast path", () => {
  it("answers plain numbers in both bases", () => {
    // hand, Binance basis: (60,000/10 − 60,000)/(0.005 − 1) = 54,271.35678391959798994974874371859…
    expect(F.LIQPRICE.fast!(["long", 60000, 10])).toBe(54271.3567839196);
    // hand, entry basis: 60,000·(1 − 1/10 + 0.004) = 54,240 (liq-approx-01)
    expect(F.LIQPRICE.fast!(["long", 60000, 10, [[0.004]], 0, 1, 0, "entry"])).toBe(54240);
  });

  it("leaves errors and tier tables to the Decimal path", () => {
    expect(F.LIQPRICE.fast!(["long", 100, 1])).toBeUndefined(); // a 1x long: #N/A
    expect(F.LIQPRICE.fast!(["long", 100, 250])).toBeUndefined(); // 250 × 0.005 ≥ 1: #NUM!
    // a tier table with a maintenance amount beside it is #VALUE!, and one without a quantity too
    expect(F.LIQPRICE.fast!(["long", 100, 10, [[0, 1e6, 0.004], [1e6, 1e7, 0.01]], 5, 2])).toBeUndefined();
    expect(F.LIQPRICE.fast!(["long", 100, 10, [[0, 1e6, 0.004], [1e6, 1e7, 0.01]]])).toBeUndefined();
  });

  it("gives what the Decimal path gives", () => {
    fc.assert(
      fc.property(
        plainSide,
        decimalNumber(2, 10 ** 7),
        fc.oneof(fc.integer({ min: 1, max: 125 }), fc.constantFrom(0.5, 2.5, 33.3)),
        fc.constantFrom(undefined, 0.004, 0.005, 0.01, 0.025, [[0.004]], 0.5),
        fc.constantFrom(undefined, 0, 50, 1300, 16300, 0.01),
        fc.constantFrom(undefined, 1, 0.5, 109.488, 3),
        fc.constantFrom(undefined, 0, 0.0006, 0.00075),
        fc.constantFrom(undefined, "liquidation", "entry"),
        (s, e, l, mmr, amount, q, fee, basis) => {
          const args = [s, e, l, mmr, amount, q, fee, basis];
          const quick = F.LIQPRICE.fast!(args);
          if (quick !== undefined) expect(quick).toBe(slow(F.LIQPRICE, args));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

/** Runs `property` and checks that the fast path answered at least `share` of the runs, so agreement means something. */
function agreesOften<T extends unknown[]>(
  fn: F.AnyEngineFunction,
  args: fc.Arbitrary<T>,
  share = 0.5,
  numRuns = 3000,
  decimalPath: (a: T) => unknown = (a) => slow(fn, a),
): void {
  let answered = 0;
  fc.assert(
    fc.property(args, (a) => {
      const quick = fn.fast!(a);
      if (quick === undefined) return;
      answered++;
      expect(Array.isArray(quick) ? shownCells(quick) : quick).toEqual(decimalPath(a));
    }),
    { numRuns },
  );
  expect(answered).toBeGreaterThan(numRuns * share);
}

describe("the NOTIONAL, ROE, LIQDISTANCE and FXMARGIN fast paths", () => {
  it("LIQDISTANCE answers plain numbers, including a liquidation price as LIQPRICE gives it", () => {
    // hand: long at 60,000 with liquidation at 54,000: 6,000/60,000 = 0.1; short 100 vs 110: −(100 − 110)/100 = 0.1
    expect(F.LIQDISTANCE.fast!(["long", 60000, 54000])).toBe(0.1);
    expect(F.LIQDISTANCE.fast!(["short", 100, 110])).toBe(0.1);
    const liq = F.LIQPRICE.fast!(["long", 60000, 10])!; // 54271.3567839196 (10 decimals)
    expect(F.LIQDISTANCE.fast!(["long", 61850, liq])).toBe(slow(F.LIQDISTANCE, ["long", 61850, liq]));
  });

  it("LIQDISTANCE gives what the Decimal path gives", () => {
    agreesOften(
      F.LIQDISTANCE,
      fc.tuple(plainSide, decimalNumber(2, 10 ** 7), fc.oneof(decimalNumber(2, 10 ** 7), decimalNumber(10, 10 ** 14))),
      0.1,
    );
  });

  it("NOTIONAL answers plain numbers", () => {
    // hand: 60,000 × 0.5 = 30,000; 1.0925 × 1 × 100,000 = 109,250; 0.1 × 3 = 0.3 exactly
    expect(F.NOTIONAL.fast!([60000, 0.5])).toBe(30000);
    expect(F.NOTIONAL.fast!([1.0925, 1, 100000])).toBe(109250);
    expect(F.NOTIONAL.fast!([0.1, 3])).toBe(0.3);
    expect(F.NOTIONAL.fast!([0, 3])).toBeUndefined(); // price 0 is #NUM!: left to the Decimal path
  });

  it("NOTIONAL gives what the Decimal path gives", () => {
    agreesOften(
      F.NOTIONAL,
      fc.tuple(decimalNumber(4, 10 ** 8), decimalNumber(3, 10 ** 6), fc.constantFrom(undefined, 1, 100, 100000, 0.01)),
      0.1,
    );
  });

  it("ROE answers plain numbers", () => {
    // hand: long 60,000 → 61,000 at 10x: 1,000·10/60,000 = 0.1666…; with 0.04 % fees:
    // (1,000 − 0.0004·121,000)·10/60,000 = 951.6·10/60,000 = 0.1586
    expect(F.ROE.fast!(["long", 60000, 61000, 10])).toBe(1 / 6);
    expect(F.ROE.fast!(["long", 60000, 61000, 10, 0.0004])).toBe(0.1586);
    expect(F.ROE.fast!(["long", 60000, 61000, "10x"])).toBe(1 / 6); // text leverage in whole numbers too
    // any text in the one leverage grammar (read.ts leverageOfText): 1,000·12.5/60,000 = 5/24
    expect(F.ROE.fast!(["long", 60000, 61000, "12.5x"])).toBe(5 / 24);
    expect(F.ROE.fast!(["long", 60000, 61000, "12,5x"])).toBeUndefined(); // not the grammar: the full reader words it
  });

  it("ROE gives what the Decimal path gives", () => {
    agreesOften(
      F.ROE,
      fc.tuple(
        plainSide,
        decimalNumber(2, 10 ** 7),
        decimalNumber(2, 10 ** 7),
        fc.oneof(fc.integer({ min: -5, max: 125 }), fc.constantFrom(0.5, 2.5, 33.3)),
        fc.constantFrom(undefined, 0, 0.0004, 0.00055, 1),
      ),
      0.1,
    );
  });

  it("FXMARGIN answers plain numbers in the base currency and through either orientation of a rate", () => {
    // hand: 1 lot EUR/USD at 30:1 = 100,000/30 EUR = 3,333.33… EUR
    expect(F.FXMARGIN.fast!(["EUR/USD", 1, 30])).toBe(100000 / 30);
    // in USD at 1.085: 100,000·1.085/30 = 3,616.66… USD
    expect(F.FXMARGIN.fast!(["EUR/USD", 1, 30, "USD", 1.085])).toBe(108500 / 30);
    // USD/JPY in an account of JPY... base USD to JPY at 150.25: 0.5·100,000·150.25/50 = 150,250 JPY
    expect(F.FXMARGIN.fast!(["USDJPY", 0.5, 50, "jpy", 150.25])).toBe(150250);
    // GBP/USD in EUR through EUR/GBP at 0.85 (divide): 100,000/(0.85·20) = 5,882.35… EUR
    expect(F.FXMARGIN.fast!(["GBP/USD", 1, 20, "EUR", 0.85, "EUR/GBP"])).toBe(100000 / 17);
    expect(F.FXMARGIN.fast!(["EUR/USD", 1, 30, "USD"])).toBeUndefined(); // no rate: #VALUE! from the Decimal path
    expect(F.FXMARGIN.fast!(["EUR/USD", 1, 30, "JPY", 150, "EUR/USD"])).toBeUndefined(); // the rate pair does not join them
  });

  it("FXMARGIN gives what the Decimal path gives", () => {
    agreesOften(
      F.FXMARGIN,
      fc.tuple(
        fc.constantFrom("EUR/USD", "eurusd", "GBP/USD", "USD/JPY", "EUR/EUR", "XX"),
        decimalNumber(2, 10 ** 5),
        fc.constantFrom(1, 20, 30, 50, 400, 0, "30x"),
        fc.constantFrom(undefined, "USD", "EUR", "JPY", "usd ", "US"),
        fc.constantFrom(undefined, 1.085, 0.8123, 150.25, 0, -1),
        fc.constantFrom(undefined, "EUR/USD", "USD/EUR", "USD/JPY", "bad"),
        fc.constantFrom(undefined, 100000, 1000, 0.5),
      ),
      0.03,
    );
  });
});

/** Binance-style brackets (floor, cap, mmr, amount): cumₙ = floorₙ·(mmrₙ − mmrₙ₋₁) + cumₙ₋₁. */
const BRACKETS = [
  [0, 50000, 0.004, 0],
  [50000, 500000, 0.005, 50],
  [500000, 8000000, 0.01, 2550],
  [8000000, 50000000, 0.025, 122550],
  [50000000, 80000000, 0.05, 1372550],
  [80000000, 100000000, 0.1, 5372550],
];
const copy = (t: number[][]) => t.map((r) => r.slice());

describe("the LIQPRICE fast path with a tier table", () => {
  it("answers inside the entry's bracket", () => {
    // hand: notional 60,000 is in bracket 2 (0.5 %, amount 50); LP = (60,000 + 10·50 − 600,000)/(10·0.005 − 10)
    // = 539,500/9.95 = 54,221.1055276381909…, and 54,221 is still in bracket 2
    const args = ["long", 60000, 10, copy(BRACKETS), undefined, 1];
    expect(F.LIQPRICE.fast!(args)).toBeCloseTo(54221.1055276382, 9);
    expect(F.LIQPRICE.fast!(args)).toBe(slow(F.LIQPRICE, args));
  });

  it("follows the price into the next bracket", () => {
    // hand: at 52,000 bracket 2's root, 467,500/9.95 = 46,984.92…, is below its floor 50,000; at the edge 50,000
    // bracket 1 still leaves 52,000 − 520,000 + 10·50,000·(1 − 0.004) = 30,000 (times L) over maintenance, and its
    // root (52,000 − 520,000)/(10·0.004 − 10) = 468,000/9.96 = 46,987.9518072289… is inside it
    const args = ["long", 52000, 10, copy(BRACKETS), 0, 1];
    expect(F.LIQPRICE.fast!(args)).toBeCloseTo(46987.9518072289, 9);
    expect(F.LIQPRICE.fast!(args)).toBe(slow(F.LIQPRICE, args));
  });

  it("reads an edited table again rather than remember the old one", () => {
    const table = copy(BRACKETS);
    const args = ["long", 60000, 10, table, undefined, 1];
    const before = F.LIQPRICE.fast!(args);
    table[1]![2] = 0.01; // bracket 2's rate edited in place (amounts given, so the table stays valid)
    const after = F.LIQPRICE.fast!(args);
    expect(after).not.toBe(before);
    expect(after).toBe(slow(F.LIQPRICE, args));
  });

  it("leaves tables the reader refuses, and notionals beyond the table, to the Decimal path", () => {
    const gap = [
      [0, 50000, 0.004],
      [60000, 500000, 0.005],
    ];
    expect(F.LIQPRICE.fast!(["long", 60000, 10, gap, undefined, 1])).toBeUndefined();
    expect(slow(F.LIQPRICE, ["long", 60000, 10, gap, undefined, 1])).toBe("error");
    expect(F.LIQPRICE.fast!(["long", 60000, 10, copy(BRACKETS), undefined, 10000])).toBeUndefined(); // 600 M: beyond
  });

  it("gives what the Decimal path gives, on either side, in both bases, with 3- and 4-column tables", () => {
    const three = BRACKETS.map((r) => r.slice(0, 3));
    const shuffled = [BRACKETS[3], BRACKETS[0], BRACKETS[5], BRACKETS[1], BRACKETS[4], BRACKETS[2]].map((r) => r!.slice());
    agreesOften(
      F.LIQPRICE,
      fc.tuple(
        plainSide,
        decimalNumber(2, 10 ** 7).filter((e) => e > 0),
        fc.oneof(fc.integer({ min: 1, max: 125 }), fc.constantFrom(2.5, 33.3)),
        fc.constantFrom(BRACKETS, three, shuffled).map(copy),
        fc.constantFrom(undefined, 0, ""),
        fc.oneof(fc.constantFrom(1, 0.5, 109.488, 3, 10, 50), decimalNumber(3, 10 ** 6).filter((q) => q > 0)),
        fc.constantFrom(undefined, 0, 0.0004, 0.0006, 0.00075),
        fc.constantFrom(undefined, "liquidation", "entry"),
      ),
      0.5,
      5000,
    );
  });

  it("gives what the Decimal path gives at bracket edges, where notionals and prices tie", () => {
    // notionals exactly on a floor or cap, and liquidation prices near an edge
    agreesOften(
      F.LIQPRICE,
      fc.tuple(
        plainSide,
        fc.constantFrom(50000, 500000, 25000, 100, 12500, 62500.5),
        fc.constantFrom(2, 4, 5, 10, 20, 100),
        fc.constant(copy(BRACKETS)),
        fc.constant(undefined),
        fc.constantFrom(1, 2, 4, 10, 16, 20, 40, 0.8),
        fc.constantFrom(undefined, 0, 0.0004),
        fc.constantFrom(undefined, "entry"),
      ),
      0.3,
      1500,
    );
  });
});



describe("the SCENARIOS fast path", () => {
  it("answers the help's example", () => {
    // hand: M = 60,000·1/10 = 6,000; at 54,000 Move −0.1, PnL −6,000, ROE −1, Equity 0, level 0, at or below the
    // liquidation price 54,271.36 (LIQPRICE): LIQUIDATED; at 66,000 PnL 6,000, ROE 1, Equity 12,000, level 2
    const quick = F.SCENARIOS.fast!(["long", 60000, 1, 10, [[54000], [60000], [66000]]]);
    expect(quick).toEqual([
      F.SCENARIO_HEADER,
      [54000, -0.1, -6000, -1, 0, 0, "LIQUIDATED"],
      [60000, 0, 0, 0, 6000, 1, "OK"],
      [66000, 0.1, 6000, 1, 12000, 2, "OK"],
    ]);
  });

  it("leaves a balance, text prices and bad prices to the Decimal path", () => {
    expect(F.SCENARIOS.fast!(["long", 60000, 1, 10, [[54000]], 5000])).toBeUndefined();
    expect(F.SCENARIOS.fast!(["long", 60000, 1, 10, [["54000"]]])).toBeUndefined();
    expect(F.SCENARIOS.fast!(["long", 60000, 1, 10, [[54000], [-1]]])).toBeUndefined();
    expect(F.SCENARIOS.fast!(["long", 60000, 1, 10, [[null], [""]]])).toBeUndefined(); // no price: #VALUE!
  });

  it("gives what the Decimal path gives, cell for cell, with rates and tier tables", () => {
    const price = decimalNumber(2, 10 ** 7).filter((p) => p > 0);
    agreesOften(
      F.SCENARIOS,
      fc.tuple(
        plainSide,
        price,
        fc.constantFrom(1, 0.5, 0.001, 3, 109.488),
        fc.constantFrom(1, 2, 3, 5, 10, 20, 33.3, 125),
        fc.array(fc.array(fc.oneof(price, fc.constant(null)), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }),
        fc.constant(undefined),
        fc.constantFrom(undefined, 0.004, 0.01, [[0.005]], copy(BRACKETS)),
        fc.constantFrom(undefined, 0, 0.0004, 0.00075),
      ),
      0.4,
      2000,
      (a) => slowTable(F.SCENARIOS, a),
    );
  });
});

describe("leverage written as text in the fast paths", () => {
  it("reads 20x, x20, 1:50, 50:1 and 2:3 as readLeverage does, and declines what no double holds exactly", () => {
    // hand: 100,000 / 50 = 2,000; 100,000 / 20 = 5,000
    expect(F.MARGIN.fast!([100000, "1:50"])).toBe(2000);
    expect(F.MARGIN.fast!([100000, "50:1"])).toBe(2000);
    expect(F.MARGIN.fast!([100000, "20x"])).toBe(5000);
    expect(F.MARGIN.fast!([100000, " X20 "])).toBe(5000);
    // "2:3" is 3/2 = 1.5, which a double holds exactly: 100,000 / 1.5 = 66,666.66…, the double nearest it (the
    // quotient of two doubles is correctly rounded, so 100000 / 1.5 is that double); "7:3" is 2.33…, which no
    // double holds: left to Decimal
    expect(F.MARGIN.fast!([100000, "2:3"])).toBe(100000 / 1.5);
    expect(F.MARGIN.fast!([100000, "7:3"])).toBeUndefined();
    expect(F.MARGIN.fast!([100000, "0:5"])).toBeUndefined(); // #NUM!
    expect(F.MARGIN.fast!([100000, "0x"])).toBeUndefined(); // #NUM!
    expect(F.MARGIN.fast!([100000, "abc"])).toBeUndefined(); // #VALUE!
  });

  it("gives what the Decimal path gives for MARGIN, ROE, LIQPRICE and SCENARIOS", () => {
    const text = fc.oneof(
      fc.integer({ min: 1, max: 200 }).map((l) => `${l}x`),
      fc.integer({ min: 1, max: 200 }).map((l) => `1:${l}`),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 60 })).map(([a, b]) => `${a * b}:${a}`),
      fc.constantFrom("X25", "×10", "2:3", "0x", " 20 x "),
    );
    const price = decimalNumber(2, 10 ** 7).filter((p) => p > 0);
    agreesOften(F.MARGIN, fc.tuple(decimalNumber(2, 10 ** 9).filter((n) => n >= 0), text), 0.5, 1000);
    agreesOften(F.ROE, fc.tuple(plainSide, price, price, text), 0.5, 1000);
    agreesOften(F.LIQPRICE, fc.tuple(plainSide, price, text), 0.3, 1000);
    agreesOften(
      F.SCENARIOS,
      fc.tuple(plainSide, price, fc.constant(1), text, fc.array(fc.tuple(price), { minLength: 1, maxLength: 5 })),
      0.3,
      500,
      (a) => slowTable(F.SCENARIOS, a),
    );
  });
});

describe("the GRID fast path", () => {
  it("answers the help's example", () => {
    // hand: ROE = side·m·L: −0.05·10 = −0.5, −0.05·20 = −1, 0.05·10 = 0.5, 0.05·20 = 1
    expect(F.GRID.fast!(["roe", "long", 100, [[10, 20]], [[-0.05], [0.05]]])).toEqual([
      [-0.5, -1],
      [0.5, 1],
    ]);
  });

  it("answers distance: long 100 at 10x, a move of −5 %", () => {
    // hand: liq = (100 − 1,000)/(10·0.005 − 10) = 900/9.95; price 95; distance = (95 − 900/9.95)/95
    // = (95·9.95 − 900)/(95·9.95) = 45.25/945.25 = 181/3781
    expect(F.GRID.fast!(["distance", "long", 100, [[10]], [[-0.05]]])).toEqual([[181 / 3781]]);
    expect(F.GRID.fast!(["distance", "long", 100, [[10]], [[-0.05]]])).toEqual(slowTable(F.GRID, ["distance", "long", 100, [[10]], [[-0.05]]]));
  });

  it("answers distance for ordinary grids (prices with 2 decimals, moves in basis points), as Decimal does", () => {
    agreesOften(
      F.GRID,
      fc.tuple(
        fc.constant("distance"),
        plainSide,
        decimalNumber(2, 10 ** 7).filter((p) => p > 0),
        fc.array(fc.constantFrom(2, 3, 5, 10, 20, 25, 50, 75, 100, 125, "20x"), { minLength: 1, maxLength: 6 }).map((l) => [l]),
        fc.array(fc.tuple(fc.integer({ min: -5000, max: 5000 }).map((m) => m / 10000)), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(undefined, 0.004, 0.01, copy(BRACKETS)),
      ),
      0.6,
      1000,
      (a) => slowTable(F.GRID, a),
    );
  });

  it("leaves bad moves and liquidation prices that do not exist to the Decimal path", () => {
    expect(F.GRID.fast!(["roe", "long", 100, [[10]], [[-1]]])).toBeUndefined(); // a fall of 100 %: #NUM!
    expect(F.GRID.fast!(["liq", "long", 100, [[1]], [[0.1]]])).toBeUndefined(); // a 1x long: #N/A
  });

  it("gives what the Decimal path gives, cell for cell", () => {
    const move = fc.integer({ min: -9999, max: 20000 }).map((m) => m / 10000);
    agreesOften(
      F.GRID,
      fc.tuple(
        fc.constantFrom("roe", "liq", "status", "distance"),
        plainSide,
        decimalNumber(2, 10 ** 7).filter((p) => p > 0),
        fc.array(fc.constantFrom(2, 3, 5, 10, 20, 25, 50, 75, 100, 125, 2.5, "20x", "x3", "1:50", "2:3"), { minLength: 1, maxLength: 6 }).map((l) => [l]),
        fc.array(fc.tuple(move), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(undefined, 0.004, 0.01, copy(BRACKETS)),
      ),
      0.5,
      1500,
      (a) => slowTable(F.GRID, a),
    );
  });
});

describe("the COMPOUNDTABLE fast path", () => {
  it("reproduces the monthly 4 % broker table (comp-02)", () => {
    // hand: 1,000 × 1.04 = 1,040.00; 1,040 × 1.04 = 1,081.60; 1,081.60 × 1.04 = 1,124.864 → 1,124.86
    const t = F.COMPOUNDTABLE.fast!([1000, 0.04, 12, 0, 0.01]) as (number | string)[][];
    expect(t.slice(0, 4)).toEqual([F.COMPOUNDTABLE_HEADER, [1, 1000, 40, 0, 1040], [2, 1040, 41.6, 0, 1081.6], [3, 1081.6, 43.26, 0, 1124.86]]);
    expect(t[12]![4]).toBe(1601.02); // comp-02
  });

  it("leaves unrounded tables and balances past 15 digits to the Decimal path", () => {
    expect(F.COMPOUNDTABLE.fast!([1000, 0.04, 12])).toBeUndefined();
    expect(F.COMPOUNDTABLE.fast!([1e13, 0.04, 12, 0, 0.01])).toBeUndefined();
  });

  it("gives what the Decimal path gives, cell for cell, halves included", () => {
    agreesOften(
      F.COMPOUNDTABLE,
      fc.tuple(
        decimalNumber(2, 10 ** 8).filter((s) => s >= 0),
        fc.oneof(decimalNumber(4, 2000).filter((r) => r >= -1), fc.constantFrom(0.005, 0.125, -0.5, -1, 0)),
        fc.integer({ min: 1, max: 120 }),
        fc.oneof(fc.constant(undefined), decimalNumber(2, 10 ** 5)),
        fc.constantFrom(0.01, 1, 0.05, 0.03, 5, 0.001),
      ),
      0.5,
      1000,
      (a) => slowTable(F.COMPOUNDTABLE, a),
    );
  });
});

describe("the LADDER fast path", () => {
  it("answers the help's example", () => {
    // hand: fill 2: V = 190, T = 2, average 95, margin 190/10 = 19; liquidation (190 − 1,900)/(2·10·(0.005 − 1))
    // = 1,710/19.9 = 85.9296482412…; break-even with no fee 95
    const t = F.LADDER.fast!(["long", [[100], [90]], [[1], [1]], 10]) as (number | string)[][];
    expect(t[0]).toEqual(F.LADDER_HEADER);
    expect(t[2]!.slice(0, 6)).toEqual([2, 90, 1, 2, 95, 19]);
    expect(t[2]![6]).toBeCloseTo(85.9296482412, 9);
    expect(t[2]![7]).toBe(95);
  });

  it("leaves blanks to the Decimal path, and a notional on a bracket edge to Decimal for that cell", () => {
    expect(F.LADDER.fast!(["long", [[100], [null]], [[1], [1]], 10])).toBeUndefined();
    // V = 30,000 + 20,000 = 50,000 is the edge between brackets 1 and 2, where the Decimal path takes
    // T·(V/T rounded): the exact walk declines it and that fill's cell is computed the Decimal way
    expect(notionalTierLiquidation(1, fastTiers(copy(BRACKETS))!, { v: 50000, kv: 0, tm: 2, kt: 0 }, 10, LADDER_LIQUIDATION_ROUNDINGS)).toBeUndefined();
    expect(notionalTierLiquidation(1, fastTiers(copy(BRACKETS))!, { v: 500005, kv: 1, tm: 2, kt: 0 }, 10, LADDER_LIQUIDATION_ROUNDINGS)).toBeDefined();
    const edge = ["long", [[30000], [20000]], [[1], [1]], 10, copy(BRACKETS)];
    expect(shownCells(F.LADDER.fast!(edge) as unknown[][])).toEqual(slowTable(F.LADDER, edge));
  });

  it("gives a fill without a liquidation price its Decimal cell, error included, and the rest exactly", () => {
    // a 1x long has no liquidation price (#N/A in its cell, the message LIQPRICE gives); with a rate and a table
    for (const mmr of [undefined, copy(BRACKETS)]) {
      const args = ["long", [[100], [90]], [[1], [1]], 1, mmr];
      const quick = F.LADDER.fast!(args) as unknown[][];
      expect(quick[2]!.slice(0, 6)).toEqual([2, 90, 1, 2, 95, 190]); // hand: V 190, T 2, margin 190/1
      expect(quick[2]![6]).toBeInstanceOf(F.NotAvailableError);
      expect(shownCells(quick)).toEqual(slowTable(F.LADDER, args));
    }
  });

  it("answers with a tier table: one fill long 1 at 100, 10x, in bracket 1 (0.4 %, amount 0)", () => {
    // hand: LP = (100 + 10·0 − 1,000)/(10·0.004 − 10) = 900/9.96 = 90.36144578313253…, notional 90.36 still in bracket 1
    const t = F.LADDER.fast!(["long", [[100]], [[1]], 10, copy(BRACKETS)]) as (number | string)[][];
    expect(t[1]).toEqual([1, 100, 1, 1, 100, 10, 90000 / 996, 100]);
    expect(t).toEqual(slowTable(F.LADDER, ["long", [[100]], [[1]], 10, copy(BRACKETS)]));
  });

  it("with a tier table gives what the Decimal path gives, cell for cell, as fills cross brackets", () => {
    const fill = fc.tuple(decimalNumber(2, 10 ** 6).filter((p) => p > 0), fc.constantFrom(1, 0.5, 0.001, 3, 0.25, 12.5, 40));
    agreesOften(
      F.LADDER,
      fc
        .tuple(plainSide, fc.array(fill, { minLength: 1, maxLength: 12 }), fc.constantFrom(1, 2, 3, 5, 10, 20, 50, 125, 2.5, "20x"), fc.constantFrom(undefined, 0, 0.0004))
        .map(([s, fills, l, fee]) => [s, fills.map((f) => [f[0]]), fills.map((f) => [f[1]]), l, copy(BRACKETS), fee]),
      0.5,
      1500,
      (a) => slowTable(F.LADDER, a),
    );
  });

  it("gives what the Decimal path gives, cell for cell", () => {
    const fill = fc.tuple(decimalNumber(2, 10 ** 7).filter((p) => p > 0), fc.constantFrom(1, 0.5, 0.001, 3, 0.25, 12.5));
    agreesOften(
      F.LADDER,
      fc
        .tuple(
          plainSide,
          fc.array(fill, { minLength: 1, maxLength: 12 }),
          fc.oneof(fc.constantFrom(1, 2, 3, 5, 10, 20, 125, 2.5), fc.constantFrom("20x", "1:50")),
          fc.constantFrom(undefined, 0.004, 0.01, [[0.005]]),
          fc.constantFrom(undefined, 0, 0.0004, 0.00075),
        )
        .map(([s, fills, l, mmr, fee]) => [s, fills.map((f) => [f[0]]), fills.map((f) => [f[1]]), l, mmr, fee]),
      0.5,
      1000,
      (a) => slowTable(F.LADDER, a),
    );
  });
});

describe("the COMPOUND fast path (round_to)", () => {
  it("gives the broker table's 1,601.02 (comp-02) and what the Decimal path gives", () => {
    expect(F.COMPOUND.fast!([1000, 0.04, 12, 0, 0.01])).toBe(1601.02);
    expect(F.COMPOUND.fast!([1000, 0.04, 0, 0, 0.01])).toBe(1000); // no periods: the start
    expect(F.COMPOUND.fast!([1000, 0.001, 1001, 0, 0.01])).toBeUndefined(); // past the limit: #NUM!
    agreesOften(
      F.COMPOUND,
      fc.tuple(
        decimalNumber(2, 10 ** 8).filter((s) => s >= 0),
        fc.oneof(decimalNumber(4, 2000).filter((r) => r >= -1), fc.constantFrom(0.005, 0.125, -1, 0)),
        fc.integer({ min: 0, max: 400 }),
        fc.oneof(fc.constant(undefined), decimalNumber(2, 10 ** 5)),
        fc.constantFrom(0.01, 1, 0.05, 0.03, 5),
      ),
      0.5,
      1000,
    );
  });
});
