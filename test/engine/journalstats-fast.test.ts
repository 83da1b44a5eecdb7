import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, EngineError } from "../../src/engine";
import { certain, compareProducts, rFiguresExact } from "../../src/engine/arith/doubleword";

/**
 * The exact fast paths of JOURNALSTATS (journalStatsFast) and EQUITYCURVE (equityCurveFast) against their
 * Decimal paths, cell for cell: a number as the boundary shows the Decimal (toNumber, never −0), an error
 * cell as its code and message.
 */

const col = (xs: unknown[]) => xs.map((x) => [x]);

type Shown = number | string;

function shownCell(c: unknown): Shown {
  if (c instanceof EngineError) return `${c.code}: ${c.message}`;
  if (typeof c === "object" && c !== null) {
    const n = (c as F.Dec).toNumber();
    return n === 0 ? 0 : n;
  }
  if (typeof c === "number") return c === 0 ? 0 : c;
  return c as string;
}

const shownTable = (rows: unknown[][]) => rows.map((r) => r.map(shownCell));

/** The Decimal path's table for these worksheet arguments. */
const decimalPath = (fn: F.AnyEngineFunction, args: unknown[]) => shownTable(fn.apply(args) as unknown[][]);

/** The fast path's table, or undefined when it declined. */
function fastPath(fn: F.AnyEngineFunction, args: unknown[]): Shown[][] | undefined {
  const t = fn.fast!(args);
  return t === undefined ? undefined : shownTable(t as unknown[][]);
}

/** A decimal with up to `k` places and at most `digits` digits, as a cell holds it (the double of its shortest text). */
const decimalCell = (k: number, digits: number) =>
  fc.tuple(fc.integer({ min: -(10 ** digits - 1), max: 10 ** digits - 1 }), fc.integer({ min: 0, max: k })).map(([m, s]) => Number((m / 10 ** s).toFixed(s)) || 0);
const cents = fc.integer({ min: -2_000_00, max: 3_000_00 }).map((m) => m / 100);
const pnlCell = fc.oneof({ weight: 6, arbitrary: cents }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: decimalCell(4, 7) });
const riskCell = fc.oneof(fc.constantFrom(50, 100, 125.5, 1, 0.01, 33.3, 7, 3), fc.integer({ min: 1, max: 10_000_00 }).map((m) => m / 100));
const startCell = fc.oneof(fc.constantFrom(10000, 25000.5, 1), fc.integer({ min: 1, max: 1_000_000_00 }).map((m) => m / 100));

type Journal = { pnl: number[]; start: number | null; risk: number[] | number | null };

const journalArgs = (j: Journal) => [col(j.pnl), j.start, j.risk === null ? null : typeof j.risk === "number" ? [[j.risk]] : col(j.risk)];

/** Whether a journal with risk has every R = pnl ÷ risk the same (unequal quotients of these sizes differ within 34 digits). */
function allREqual(j: Journal): boolean {
  if (j.risk === null) return false;
  const risk = j.risk;
  const r = j.pnl.map((p, i) => new D(p).div(typeof risk === "number" ? risk : risk[i]!).toString());
  return r.every((x) => x === r[0]);
}

/** Ordinary journals: numbers, an optional start balance, risk absent, one value, or one per trade. */
const journal = (pnl: fc.Arbitrary<number[]>) =>
  pnl.chain((p) =>
    fc.record({
      pnl: fc.constant(p),
      start: fc.option(startCell, { nil: null }),
      risk: fc.oneof(fc.constant(null), riskCell, fc.array(riskCell, { minLength: p.length, maxLength: p.length })),
    }),
  );

describe("JOURNALSTATS fast path (fast-check): the Decimal path's twenty cells", () => {
  it.each([
    ["mixed", fc.array(pnlCell, { minLength: 2, maxLength: 80 })],
    ["all wins", fc.array(fc.integer({ min: 1, max: 3_000_00 }).map((m) => m / 100), { minLength: 2, maxLength: 40 })],
    ["all losses", fc.array(fc.integer({ min: 1, max: 3_000_00 }).map((m) => -m / 100), { minLength: 2, maxLength: 40 })],
    ["zeros among a few trades", fc.array(fc.constantFrom(0, 0, 12.5, -7.25), { minLength: 2, maxLength: 12 })],
    ["up to 8 decimals", fc.array(decimalCell(8, 6), { minLength: 2, maxLength: 30 })],
  ])("%s: the fast path answers, and with the same cells", (_name, pnl) => {
    fc.assert(
      fc.property(journal(pnl), (j) => {
        const args = journalArgs(j);
        const expected = decimalPath(F.JOURNALSTATS, args);
        const fast = fastPath(F.JOURNALSTATS, args);
        // an ordinary journal never fails to be certified unless R's mean is 0 (every R equal is answered exactly)
        if (fast === undefined) {
          expect(!allREqual(j) && expected[18]![1] === 0).toBe(true);
          return;
        }
        expect(fast).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("answers ordinary journals (not only agrees when it answers)", () => {
    let answered = 0;
    fc.assert(
      fc.property(journal(fc.array(cents, { minLength: 20, maxLength: 60 })), (j) => {
        if (fastPath(F.JOURNALSTATS, journalArgs(j)) !== undefined) answered++;
      }),
      { numRuns: 200 },
    );
    expect(answered).toBe(200);
  });

  it("the benchmark's journal: 1,000 trades in cents, a start balance, risk 50, 100 or 125.5 per trade, close times", () => {
    const rnd = mulberry(20261130);
    const pnl = Array.from({ length: 1000 }, () => Math.round((rnd() < 0.45 ? 150 : -100) * rnd() * 100 * (rnd() < 0.05 ? 0 : 1)) / 100);
    const risk = pnl.map(() => [50, 100, 125.5][Math.floor(rnd() * 3)]!);
    // and as the written journal passes it: close times a minute to two days after openings a minute apart,
    // on whole minutes (so some are equal), about 2 % open; and 3,000 trades, for more passes of the merge
    for (const n of [1000, 3000]) {
      const p = Array.from({ length: n }, (_, i) => pnl[i % 1000]!);
      const closed = p.map((_, i) => (rnd() < 0.02 ? null : 45355 + Math.round(i + 1 + rnd() * 2880) / 1440));
      for (const start of [10000, 25000.5]) {
        for (const c of [null, col(closed)]) {
          const args = [...journalArgs({ pnl: p, start, risk: p.map((_, i) => risk[i % 1000]!) }), c];
          const fast = fastPath(F.JOURNALSTATS, args);
          expect(fast).toBeDefined();
          expect(fast).toEqual(decimalPath(F.JOURNALSTATS, args));
          const curve = [start, col(p), c];
          expect(fastPath(F.EQUITYCURVE, curve)).toEqual(decimalPath(F.EQUITYCURVE, curve));
        }
      }
    }
  });

  it("identical R's (standard deviation 0) and R's that cancel: declined or the same cells", () => {
    let answered = 0;
    const cases = fc.tuple(
      fc.integer({ min: 1, max: 5000 }).map((m) => m / 100), // |R| base
      fc.constantFrom(50, 125.5, 3, 7),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: -3, max: 3 }), // a tiny offset in cents that keeps the mean near 0
      fc.boolean(),
    );
    fc.assert(
      fc.property(cases, ([r, risk, pairs, offset, same]) => {
        // same: every trade R = r exactly (pnl = r·risk); else ± pairs with R's mean within a cent of 0
        const pnl: number[] = [];
        for (let i = 0; i < pairs + 1; i++) {
          const x = Number((r * risk).toFixed(4));
          pnl.push(same ? x : i % 2 === 0 ? x : -x);
        }
        if (!same) pnl.push(offset / 100);
        const args = journalArgs({ pnl, start: 10000, risk });
        const expected = decimalPath(F.JOURNALSTATS, args);
        const fast = fastPath(F.JOURNALSTATS, args);
        if (fast !== undefined) {
          answered++;
          expect(fast).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it("declines a mean at a midpoint between doubles, where the exact value and the Decimal path round apart", () => {
    // pnl 1 and 2^52 + 3 on risks 1 and 2^52: R = 1 and 1 + 3·2^-52, exact mean 1 + 3·2^-53, the midpoint
    // between 1 + 2^-52 and 1 + 2^-51, which rounds (ties to even) to 1 + 2^-51. The Decimal path rounds
    // R2 to 34 digits, 1.000000000000000666133814775093924 (3·2^-52 = 6.661338147750939242541…e-16), so its
    // mean is 1.000000000000000333066907387546962, just below the midpoint: it shows 1 + 2^-52.
    const args = [col([1, 2 ** 52 + 3]), null, col([1, 2 ** 52])];
    const averageR = decimalPath(F.JOURNALSTATS, args).find((r) => r[0] === "Average R")![1];
    expect(averageR).toBe(1 + 2 ** -52);
    expect(F.JOURNALSTATS.fast!(args)).toBeUndefined();
  });

  it("declines what is not an ordinary journal (the Decimal path answers, with its errors)", () => {
    const ok = [col([100, -50, 25]), 1000, [[50]]];
    expect(F.JOURNALSTATS.fast!(ok)).toBeDefined();
    expect(F.JOURNALSTATS.fast!([col([100]), 1000, [[50]]])).toBeUndefined(); // one trade
    expect(F.JOURNALSTATS.fast!([col([100, null]), 1000, null])).toBeUndefined(); // one trade beside a blank
    expect(F.JOURNALSTATS.fast!([col([100, -50, 7]), 1000, null, col([45000, "2024-01-01", null])])).toBeUndefined(); // a close time as text
    expect(F.JOURNALSTATS.fast!([col([100, -50, 7]), 1000, null, col([45000, 45001])])).toBeUndefined(); // closed of another length
    expect(F.JOURNALSTATS.fast!([col([100, "-50"]), 1000, null])).toBeUndefined(); // numeric text
    expect(F.JOURNALSTATS.fast!([col([100, -50]), 0, null])).toBeUndefined(); // start balance not above 0
    expect(F.JOURNALSTATS.fast!([col([100, -50]), 1000, col([50, 0])])).toBeUndefined(); // a risk of 0
    expect(F.JOURNALSTATS.fast!([col([100, -50]), 1000, col([50, 50, 50])])).toBeUndefined(); // risk of another length
    expect(F.JOURNALSTATS.fast!([col([100, Math.PI]), 1000, null])).toBeUndefined(); // no short decimal
    expect(F.JOURNALSTATS.fast!([col([2 ** 52, 2 ** 52]), null, null])).toBeUndefined(); // a total beyond 2^53
  });

  it("answers every R equal exactly: Average R is that R, SQN #DIV/0!, as the Decimal path says", () => {
    // R = −7.25 ÷ 7,250.01, not a short decimal (−0.000999998620691…): the mean of equal R's is that R, not the
    // 34-digit sum divided by n, and there is no spread
    const args = [col([-7.25, -7.25, -7.25]), null, [[7250.01]]];
    const fast = fastPath(F.JOURNALSTATS, args)!;
    expect(fast).toEqual(decimalPath(F.JOURNALSTATS, args));
    expect(fast[18]).toEqual(["Average R", new D(-7.25).div(7250.01).toNumber()]);
    expect(fast[19]).toEqual(["SQN", "DIV0: every R is the same: the standard deviation is 0"]); // #DIV/0! in the cell
    // per-trade risks with the same quotient: 10/50 = 20/100 = 25.1/125.5 = 0.2
    const same = [col([10, 20, 25.1]), 1000, col([50, 100, 125.5])];
    expect(fastPath(F.JOURNALSTATS, same)![18]).toEqual(["Average R", 0.2]);
    expect(fastPath(F.JOURNALSTATS, same)).toEqual(decimalPath(F.JOURNALSTATS, same));
    fc.assert(
      fc.property(fc.array(fc.tuple(cents.filter((c) => c !== 0), fc.constantFrom(1, 2, 3, 0.5)), { minLength: 2, maxLength: 30 }), riskCell, (rows, unit) => {
        // pnl_i = c·m_i and risk_i = unit·m_i: every R is c/unit
        const c = rows[0]![0];
        const j: Journal = { pnl: rows.map(([, m]) => Number((c * m).toFixed(4))), start: null, risk: rows.map(([, m]) => Number((unit * m).toFixed(4))) };
        fc.pre(allREqual(j));
        const a = journalArgs(j);
        const quick = fastPath(F.JOURNALSTATS, a);
        expect(quick).toBeDefined();
        expect(quick).toEqual(decimalPath(F.JOURNALSTATS, a));
      }),
      { numRuns: 300 },
    );
  });
});

describe("JOURNALSTATS fast path by hand", () => {
  // pnl 100, −50, 150, −50, start 1,000, risk 50 on each trade:
  //   R = 2, −1, 3, −1; mean 3/4; deviations 1.25, −1.75, 2.25, −1.75; squares sum 12.75; variance 12.75/3 = 17/4
  //   SQN = √4 · (3/4) / √(17/4) = 3/√17 = 0.727606875108998...
  //   balances 1,100, 1,050, 1,200, 1,150 under peaks 1,100, 1,100, 1,200, 1,200: falls 50/1,100 and 50/1,200, max 1/22
  const fast = F.JOURNALSTATS.fast!([col([100, -50, 150, -50]), 1000, [[50]]]) as unknown[][];
  const cell = (label: string) => fast.find((r) => r[0] === label)![1];

  it("counts, sums and ratios", () => {
    expect(fast.map((r) => r[0])).toEqual([...F.JOURNALSTATS_LABELS]);
    expect([cell("Trades"), cell("Wins"), cell("Losses"), cell("Win rate"), cell("Net profit")]).toEqual([4, 2, 2, 0.5, 150]);
    // gross 250 and −100: profit factor 2.5; average win 125, loss −50, payoff 2.5; expectancy 150/4
    expect([cell("Profit factor"), cell("Average win"), cell("Average loss"), cell("Payoff ratio"), cell("Expectancy")]).toEqual([2.5, 125, -50, 2.5, 37.5]);
    expect([cell("Max consecutive wins"), cell("Max consecutive losses"), cell("Max drawdown")]).toEqual([1, 1, 50]);
  });

  it("Max drawdown % 1/22, Average R 0.75, SQN 3/√17", () => {
    expect(cell("Max drawdown %")).toBe(1 / 22);
    expect(cell("Average R")).toBe(0.75);
    expect(cell("SQN")).toBeCloseTo(0.727606875108998, 14);
  });

  it("without risk or start balance the same #N/A cells as the Decimal path", () => {
    const t = F.JOURNALSTATS.fast!([col([100, -50, 150, -50]), null, null]) as unknown[][];
    const errors = t.filter((r) => r[1] instanceof EngineError).map((r) => [r[0], (r[1] as EngineError).code]);
    expect(errors).toEqual([
      ["Max drawdown %", "NA"],
      ["Average R", "NA"],
      ["SQN", "NA"],
    ]);
  });
});

describe("double-word certification", () => {
  it("certain() refuses a window that reaches a midpoint between doubles", () => {
    // above 1 the gap is 2^-52, below it 2^-53: the midpoints are 1 + 2^-53 and 1 − 2^-54
    expect(certain(1, 2 ** -54, 2 ** -80)).toBe(1);
    expect(certain(1, 2 ** -53, 0)).toBeNaN();
    expect(certain(1, 2 ** -53 - 2 ** -75, 2 ** -74)).toBeNaN();
    expect(certain(1, -(2 ** -55), 2 ** -80)).toBe(1);
    expect(certain(1, -(2 ** -54), 0)).toBeNaN();
    expect(certain(-1, 2 ** -54, 0)).toBeNaN(); // mirrored: −1 + 2^-54 is the midpoint toward 0
    expect(certain(1.5, 2 ** -54, 2 ** -80)).toBe(1.5); // not a power of two: 2^-53 away on both sides
    expect(certain(1.5, -(2 ** -53), 0)).toBeNaN();
    expect(certain(0, 0, 0)).toBeNaN(); // zero is left to the Decimal path
  });

  it("compareProducts orders products beyond 2^53 exactly", () => {
    const a = 2 ** 52 + 1;
    // a·a = 2^104 + 2^53 + 1 and (a + 1)(a − 1) = 2^104 + 2^53: the same double, one apart
    expect(a * a).toBe((a + 1) * (a - 1));
    expect(compareProducts(a, a, a + 1, a - 1)).toBe(1);
    expect(compareProducts(a + 1, a - 1, a, a)).toBe(-1);
    expect(compareProducts(3, 4, 2, 6)).toBe(0);
  });

  it("rFiguresExact's figures are the rational ones where those are short decimals", () => {
    // R = 1, 2, 3, 4 (pnl 10, 20, 30, 40 over 10): mean 2.5, variance 5/3, SQN = 2·2.5/√(5/3) = √15
    const out = new Float64Array(2);
    rFiguresExact(Float64Array.from([10, 20, 30, 40]), Float64Array.from([10, 10, 10, 10]), 4, out);
    expect(out[0]).toBe(2.5);
    expect(out[1]).toBeCloseTo(Math.sqrt(15), 14);
  });
});

describe("EQUITYCURVE fast path (fast-check): the Decimal path's rows", () => {
  it("answers plain journals, with the same cells", () => {
    fc.assert(
      fc.property(fc.array(pnlCell, { minLength: 1, maxLength: 80 }), startCell, (pnl, start) => {
        const args = [start, col(pnl)];
        const fast = fastPath(F.EQUITYCURVE, args);
        expect(fast).toBeDefined();
        expect(fast).toEqual(decimalPath(F.EQUITYCURVE, args));
      }),
      { numRuns: 400 },
    );
  });

  it("by hand: 1,000, +100, −50: balances 1,100 and 1,050 under a peak of 1,100, drawdown 50/1,100 = 1/22", () => {
    expect(F.EQUITYCURVE.fast!([1000, col([100, -50])])).toEqual([
      ["Trade", "PnL", "Balance", "Peak", "Drawdown", "Drawdown %"],
      [0, 0, 1000, 1000, 0, 0],
      [1, 100, 1100, 1100, 0, 0],
      [2, -50, 1050, 1100, 50, 1 / 22],
    ]);
  });

  it("declines text and a start balance not above 0", () => {
    expect(F.EQUITYCURVE.fast!([1000, col([100, "5"])])).toBeUndefined();
    expect(F.EQUITYCURVE.fast!([0, col([100])])).toBeUndefined();
  });
});

/**
 * A trades table as the written journal passes it: Net PnL and Closed columns of TRADES, with blank rows below
 * the trades and open trades (a blank close time), close times out of row order and some equal, and risk
 * beside each trade (anything beside a row that is not read).
 */
const journalRow = fc.oneof(
  { weight: 8, arbitrary: fc.record({ pnl: pnlCell, closed: fc.integer({ min: 0, max: 40 }).map((m) => 45000 + m / 8), risk: riskCell }) },
  { weight: 1, arbitrary: fc.record({ pnl: pnlCell, closed: fc.constantFrom(null, ""), risk: fc.constantFrom<number | string | null>(null, "n/a", 0, 50) }) },
  { weight: 1, arbitrary: fc.record({ pnl: fc.constantFrom(null, ""), closed: fc.constantFrom<number | string | null>(null, 45001, "not read"), risk: fc.constantFrom<number | string | null>(null, "n/a") }) },
);

describe("with close times, blank rows and open trades: the Decimal path's cells", () => {
  const rowsArb = fc.array(journalRow, { minLength: 1, maxLength: 60 });
  const trades = (rows: { pnl: unknown; closed: unknown }[]) => rows.filter((r) => r.pnl !== null && r.pnl !== "" && r.closed !== null && r.closed !== "").length;

  it("JOURNALSTATS answers, and with the same twenty cells", () => {
    let answered = 0;
    fc.assert(
      fc.property(rowsArb, fc.option(startCell, { nil: null }), fc.boolean(), (rows, start, withRisk) => {
        const args = [col(rows.map((r) => r.pnl)), start, withRisk ? col(rows.map((r) => r.risk)) : null, col(rows.map((r) => r.closed))];
        const expected = decimalPath(F.JOURNALSTATS, args);
        const fast = fastPath(F.JOURNALSTATS, args);
        if (fast === undefined) {
          // declined: fewer than 2 trades read, or R's averaging 0
          expect(trades(rows) < 2 || (withRisk && expected[18]![1] === 0)).toBe(true);
          return;
        }
        answered++;
        expect(fast).toEqual(expected);
      }),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(300);
  });

  it("EQUITYCURVE answers, and with the same rows", () => {
    fc.assert(
      fc.property(rowsArb, startCell, (rows, start) => {
        const args = [start, col(rows.map((r) => r.pnl)), col(rows.map((r) => r.closed))];
        const fast = fastPath(F.EQUITYCURVE, args);
        if (trades(rows) > 0) expect(fast).toBeDefined();
        if (fast !== undefined) expect(fast).toEqual(decimalPath(F.EQUITYCURVE, args));
      }),
      { numRuns: 400 },
    );
  });
});

/** A small seeded generator (mulberry32), so the benchmark-like journal is the same every run. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
