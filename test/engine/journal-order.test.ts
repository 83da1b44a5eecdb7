import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, EngineError } from "../../src/engine";
import { errorOf } from "../helpers/engine";

/**
 * JOURNALSTATS and EQUITYCURVE in the account's order (catalog, Journal): with `closed`, LEV.TRADES' Closed
 * column, open trades (a blank close time) are left out, their pnl and risk not read, and the rest are taken
 * in close-time order, equal times keeping their row order. Every figure is checked on both paths: the
 * Decimal path (`apply`) and the fast path, which must answer these journals with the same cells.
 */

const col = (xs: unknown[]) => xs.map((x) => [x]);

/** A table cell as the worksheet shows it: a number, text, an error as its code. */
function shown(c: unknown): unknown {
  if (c === null || c === "") return "";
  if (c instanceof EngineError) return c.code;
  if (typeof c === "object") return (c as F.Dec).toNumber();
  return c;
}

/** The table a call shows, from the Decimal path, checked to be the fast path's too where it answers. */
function table(fn: F.AnyEngineFunction, args: unknown[], fastMustAnswer = true): unknown[][] {
  const decimal = (fn.apply(args) as unknown[][]).map((r) => r.map(shown));
  const fast = fn.fast?.(args) as unknown[][] | undefined;
  if (fastMustAnswer) expect(fast).toBeDefined();
  if (fast !== undefined) expect(fast.map((r) => r.map(shown))).toEqual(decimal);
  return decimal;
}

const stats = (args: unknown[]) => Object.fromEntries(table(F.JOURNALSTATS, args).map((r) => [r[0] as string, r[1]]));

/** 2024-03-04 as an Excel serial (2024-01-01 is 45292), and a time `day` days and hh:mm after it. */
const MAR_4 = 45355;
const at = (day: number, hh: number, mm = 0) => MAR_4 + day + (hh * 60 + mm) / 1440;

/**
 * Seven trades in four symbols that overlap: BTCUSDT's long is opened first and closed last, ETHUSDT trades
 * three times around it, SOLUSDT twice, XRPUSDT's long is still open (its fee of 2 so far). One unit each, no
 * fees but XRP's, so each net PnL is the price difference. The rows are not in time order (TRADES sorts).
 */
const FILLS: [number, string, string, number, number, number][] = [
  [at(3, 16), "BTCUSDT", "sell", 60120, 1, 0], // T1 closes: 60120 − 60000 = +120
  [at(0, 9), "BTCUSDT", "buy", 60000, 1, 0], // T1 opens (long)
  [at(0, 10), "ETHUSDT", "sell", 3000, 1, 0], // T2 opens (short)
  [at(0, 14), "ETHUSDT", "buy", 3025, 1, 0], // T2 closes: 3000 − 3025 = −25
  [at(1, 9), "SOLUSDT", "buy", 150, 1, 0], // T3 opens (long)
  [at(1, 12), "ETHUSDT", "buy", 3000, 1, 0], // T4 opens (long)
  [at(2, 11), "SOLUSDT", "sell", 110, 1, 0], // T3 closes: 110 − 150 = −40
  [at(2, 12), "SOLUSDT", "sell", 110, 1, 0], // T5 opens (short)
  [at(2, 20), "SOLUSDT", "buy", 145, 1, 0], // T5 closes: 110 − 145 = −35
  [at(2, 22), "ETHUSDT", "sell", 3045, 1, 0], // T4 closes: 3045 − 3000 = +45
  [at(3, 10), "XRPUSDT", "buy", 0.5, 100, 2], // T6 opens (long), still open: net −2 (its fee)
  [at(3, 11), "ETHUSDT", "sell", 3100, 1, 0], // T7 opens (short)
  [at(3, 16), "ETHUSDT", "buy", 3090, 1, 0], // T7 closes at T1's time: 3100 − 3090 = +10
];

/** LEV.TRADES over the fills: one row per trade by opening time (Net PnL column 10, Closed column 3). */
function tradesTable(): unknown[][] {
  const c = (j: number) => col(FILLS.map((f) => f[j]));
  return (F.TRADES.apply([c(0), c(1), c(2), c(3), c(4), c(5)]) as unknown[][]).slice(1).map((r) => r.map(shown));
}

describe("overlapping trades in four symbols, closed in another order than they opened", () => {
  const trades = tradesTable();
  // the sheet's ranges reach below the trades: three blank rows, as a spilled column's empty cells
  const net = col([...trades.map((t) => t[10]), null, null, null]);
  const closed = col([...trades.map((t) => t[3]), null, null, null]);
  // amount risked, one per trade; beside the open trade it is blank and not read
  const risk = col([50, 25, 40, 30, 35, null, 20, null, null, null]);

  it("TRADES lists them by opening time: T1 … T7 with net 120, −25, −40, 45, −35, −2 (open), 10", () => {
    expect(trades.map((t) => [t[0], t[10], t[12]])).toEqual([
      ["BTCUSDT", 120, "closed"],
      ["ETHUSDT", -25, "closed"],
      ["SOLUSDT", -40, "closed"],
      ["ETHUSDT", 45, "closed"],
      ["SOLUSDT", -35, "closed"],
      ["XRPUSDT", -2, "open"],
      ["ETHUSDT", 10, "closed"],
    ]);
    expect(trades.map((t) => t[3])).toEqual([at(3, 16), at(0, 14), at(2, 11), at(2, 22), at(2, 20), "", at(3, 16)]);
  });

  it("JOURNALSTATS with Closed: the account's figures, by hand", () => {
    // close order: T2 −25 (day 0 14:00), T3 −40 (day 2 11:00), T5 −35 (day 2 20:00), T4 +45 (day 2 22:00),
    // T1 +120 and T7 +10 (both day 3 16:00: row order, T1 first). T6 is open: left out.
    const s = stats([net, 1000, risk, closed]);
    expect([s.Trades, s.Wins, s.Losses, s["Win rate"]]).toEqual([6, 3, 3, 0.5]);
    // net −25 − 40 − 35 + 45 + 120 + 10 = 75; gross profit 45 + 120 + 10 = 175; gross loss −100
    expect([s["Net profit"], s["Gross profit"], s["Gross loss"], s["Profit factor"]]).toEqual([75, 175, -100, 1.75]);
    expect(s["Average win"]).toBeCloseTo(175 / 3, 12);
    expect(s["Average loss"]).toBeCloseTo(-100 / 3, 12);
    expect([s["Payoff ratio"], s.Expectancy, s["Largest win"], s["Largest loss"]]).toEqual([1.75, 12.5, 120, -40]);
    // runs L L L W W W: three losses in a row, then three wins
    expect([s["Max consecutive wins"], s["Max consecutive losses"]]).toEqual([3, 3]);
    // cumulative −25, −65, −100, −55, 65, 75: the start (0) is the peak until 65, so the fall is 100, and of the
    // balance 1,000 → 900 it is 100/1,000 = 10 %
    expect([s["Max drawdown"], s["Max drawdown %"]]).toEqual([100, 0.1]);
    // R = −25/25, −40/40, −35/35, 45/30, 120/50, 10/20 = −1, −1, −1, 1.5, 2.4, 0.5: mean 1.4/6 = 7/30;
    // Σ(R − mean)² = ΣR² − 6·mean² = 11.26 − 49/150 = 1640/150, sample variance 1640/750 = 164/75;
    // SQN = √6·(7/30)/√(164/75) = (7/30)·√(450/164)
    expect(s["Average R"]).toBeCloseTo(7 / 30, 14);
    expect(s.SQN).toBeCloseTo((7 / 30) * Math.sqrt(450 / 164), 13);
  });

  it("in opening order the same trades hid the losing run, the drawdown and the dip below the start", () => {
    // the closed trades' net in opening order, as the journal used to pass them: 120, −25, −40, 45, −35, 10.
    // Runs W L L W L W; cumulative 120, 95, 55, 100, 65, 75: the fall 120 → 55 = 65, of the balance 1,120
    const opening = col([120, -25, -40, 45, -35, 10]);
    const s = stats([opening, 1000]);
    expect([s["Max consecutive wins"], s["Max consecutive losses"], s["Max drawdown"]]).toEqual([1, 2, 65]);
    expect(s["Max drawdown %"]).toBeCloseTo(65 / 1120, 15);
    const curve = table(F.EQUITYCURVE, [1000, opening]);
    // balances 1,120, 1,095, 1,055, 1,100, 1,065, 1,075: never below the start
    expect(Math.min(...curve.slice(2).map((r) => r[2] as number))).toBe(1055);
  });

  it("EQUITYCURVE with Closed: row by row, the dip to 900, T1 before T7 at their equal close time", () => {
    expect(table(F.EQUITYCURVE, [1000, net, closed])).toEqual([
      ["Trade", "PnL", "Balance", "Peak", "Drawdown", "Drawdown %"],
      [0, 0, 1000, 1000, 0, 0],
      [1, -25, 975, 1000, 25, 0.025], // T2
      [2, -40, 935, 1000, 65, 0.065], // T3
      [3, -35, 900, 1000, 100, 0.1], // T5: the balance the opening-order curve never shows
      [4, 45, 945, 1000, 55, 0.055], // T4
      [5, 120, 1065, 1065, 0, 0], // T1 (row 1) …
      [6, 10, 1075, 1075, 0, 0], // … before T7 (row 7), both closed on day 3 at 16:00
    ]);
  });

  it("without closed, pnl is taken as given: the open trade's −2 counts as a loss", () => {
    // 120, −25, −40, 45, −35, −2, 10: 3 wins of 7, 4 losses
    const s = stats([net, 1000]);
    expect([s.Trades, s.Wins, s.Losses, s["Net profit"]]).toEqual([7, 3, 4, 73]);
  });

  it("close times as ISO text are read as the serials Excel would store", () => {
    // −5 on 03-05 09:30, then 7 on 03-06 00:00, then 10 on 03-06 10:00: balances 95, 102, 112
    const text = col(["2024-03-06 10:00", "2024-03-05T09:30:00", "2024-03-06"]);
    const curve = table(F.EQUITYCURVE, [100, col([10, -5, 7]), text], false);
    expect(curve.slice(2).map((r) => [r[1], r[2]])).toEqual([
      [-5, 95],
      [7, 102],
      [10, 112],
    ]);
    const serials = col([MAR_4 + 2 + 10 / 24, MAR_4 + 1 + 9.5 / 24, MAR_4 + 2]);
    expect(table(F.EQUITYCURVE, [100, col([10, -5, 7]), serials])).toEqual(curve);
  });
});

describe("which cells are read", () => {
  it("an open trade's pnl and risk are not read: text there is no error", () => {
    // the trade with a blank close time has text for pnl and for risk; the two closed trades are read
    const s = stats([col([100, "pending", -50]), 1000, col([50, "n/a", 50]), col([45001, null, 45000])]);
    // close order: −50 then 100 (cumulative −50, 50: a fall of 50 from the start); R = −1 then 2, mean 0.5
    expect([s.Trades, s["Net profit"], s["Max drawdown"], s["Average R"]]).toEqual([2, 50, 50, 0.5]);
  });

  it("a close time beside a blank pnl cell is not read", () => {
    const s = stats([col([100, null, -50]), 1000, null, col([45001, "not a time", 45002])]);
    expect([s.Trades, s["Net profit"]]).toEqual([2, 50]);
  });

  it("closed omitted, or a single blank cell beside a longer pnl range, is not given: pnl as given", () => {
    const given = stats([col([100, -50]), 1000]);
    expect(stats([col([100, -50]), 1000, null, [[null]]])).toEqual(given);
    expect(stats([col([100, -50]), 1000, null, null])).toEqual(given);
  });

  it("every trade open: no trades, as with an empty pnl range", () => {
    const s = Object.fromEntries((F.JOURNALSTATS.apply([col([5, -3]), 1000, null, col([null, null])]) as unknown[][]).map((r) => [r[0], shown(r[1])]));
    expect([s.Trades, s["Net profit"], s["Win rate"], s["Max drawdown %"]]).toEqual([0, 0, "DIV0", 0]);
    expect((F.EQUITYCURVE.apply([1000, col([5, -3]), col([null, null])]) as unknown[][]).map((r) => r.map(shown))).toEqual([
      ["Trade", "PnL", "Balance", "Peak", "Drawdown", "Drawdown %"],
      [0, 0, 1000, 1000, 0, 0],
    ]);
  });
});

describe("errors, in the catalog's order: arguments left to right, each from its first cell", () => {
  const pnl = col([100, -50]);
  const closed = col([45001, 45000]);
  it.each([
    // each argument's own faults
    ["pnl: text in a read row", [col([100, "lots"]), null, null, closed], "VALUE", "pnl"],
    ["pnl: a boolean", [col([true, -50]), null, null, closed], "VALUE", "pnl"],
    ["start_balance: 0", [pnl, 0, null, closed], "NUM", "start_balance"],
    ["start_balance: negative", [pnl, -1, null, closed], "NUM", "start_balance"],
    ["start_balance: text", [pnl, "lots", null, closed], "VALUE", "start_balance"],
    ["risk: a third length", [pnl, null, col([50, 25, 10]), closed], "VALUE", "risk"],
    ["risk: blank beside a read trade", [pnl, null, col([50, null]), closed], "VALUE", "risk"],
    ["risk: 0", [pnl, null, col([50, 0]), closed], "NUM", "risk"],
    ["risk: text", [pnl, null, col([50, "half"]), closed], "VALUE", "risk"],
    ["closed: a third length", [pnl, null, null, col([45000, 45001, 45002])], "VALUE", "closed"],
    ["closed: one cell beside two pnl cells", [pnl, null, null, [[45000]]], "VALUE", "closed"],
    ["closed: text that is no date-time", [pnl, null, null, col([45000, "noon"])], "VALUE", "closed"],
    ["closed: numeric text (a serial must be a number)", [pnl, null, null, col([45000, "45001"])], "VALUE", "closed"],
    ["closed: a date before 1900-03-01", [pnl, null, null, col([45000, "1900-02-28"])], "VALUE", "closed"],
    ["closed: a boolean", [pnl, null, null, col([45000, true])], "VALUE", "closed"],
    // two faults: the left argument's
    ["pnl before start_balance", [col([100, "lots"]), 0, null, closed], "VALUE", "pnl"],
    ["pnl before risk", [col([100, "lots"]), null, col([50, 0]), closed], "VALUE", "pnl"],
    ["pnl before closed", [col([100, "lots"]), null, null, col([45000, "noon"])], "VALUE", "pnl"],
    ["start_balance before risk", [pnl, 0, col([50, 0]), closed], "NUM", "start_balance"],
    ["start_balance before closed", [pnl, 0, null, col([45000])], "NUM", "start_balance"],
    ["risk before closed", [pnl, null, col([50, null]), col([45000, "noon"])], "VALUE", "risk"],
    // closed of the wrong length decides no rows: every pnl cell is read, and its fault comes first
    ["pnl (every cell read) before closed's length", [col(["lots", -50]), null, null, col([45000, null, null])], "VALUE", "pnl"],
  ])("JOURNALSTATS, %s", (_what, args, code, field) => {
    expect(errorOf(F.JOURNALSTATS, ...args)).toEqual({ code, field });
    expect(F.JOURNALSTATS.fast!(args)).toBeUndefined();
  });

  it.each([
    ["start_balance: 0", [0, col([1]), null], "NUM", "start_balance"],
    ["start_balance: text", ["lots", col([1]), null], "VALUE", "start_balance"],
    ["pnl: text", [100, col(["x"]), null], "VALUE", "pnl"],
    ["closed: a third length", [100, col([1, 2]), col([45000, 45001, 45002])], "VALUE", "closed"],
    ["closed: text that is no date-time", [100, col([1, 2]), col([45000, "noon"])], "VALUE", "closed"],
    ["start_balance before pnl", [0, col(["x"]), null], "NUM", "start_balance"],
    ["start_balance before closed", [0, col([1]), col(["noon"])], "NUM", "start_balance"],
    ["pnl before closed", [100, col(["x", 1]), col([45000, "noon"])], "VALUE", "pnl"],
  ])("EQUITYCURVE, %s", (_what, args, code, field) => {
    expect(errorOf(F.EQUITYCURVE, ...args)).toEqual({ code, field });
    expect(F.EQUITYCURVE.fast!(args)).toBeUndefined();
  });

  it("messages name the argument and the cell", () => {
    expect(() => F.JOURNALSTATS.apply([col([100, -50]), null, null, col([45000, "noon"])])).toThrow(/^closed: cell 2 should be a date-time/);
    expect(() => F.JOURNALSTATS.apply([col([100, -50]), null, null, col([45000, 1, 2])])).toThrow(/^closed: must be one close time per pnl cell \(2 cells\), got 3 cells/);
  });
});

// ─── Invariants ──────────────────────────────────────────────────────────────────────────────────────

/** A trade row: its net PnL in cents, its close time (distinct, as serials in one day's minutes) and risk. */
const pnlArb = fc.integer({ min: -500_00, max: 800_00 }).map((c) => c / 100);
const riskArb = fc.integer({ min: 1, max: 300_00 }).map((c) => c / 100);
const tradesArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 })
  .chain((minutes) => fc.tuple(fc.constant(minutes), fc.array(fc.tuple(pnlArb, riskArb), { minLength: minutes.length, maxLength: minutes.length })))
  .map(([minutes, rows]) => rows.map(([pnl, risk], i) => ({ pnl, risk, closed: MAR_4 + minutes[i]! / 1440 })));
const startArb = fc.integer({ min: 1, max: 5_000_000 }).map((c) => c / 100);

interface Row {
  pnl: unknown;
  risk: unknown;
  closed: unknown;
}
const statsArgs = (rows: Row[], start: number) => [col(rows.map((r) => r.pnl)), start, col(rows.map((r) => r.risk)), col(rows.map((r) => r.closed))];
const curveArgs = (rows: Row[], start: number) => [start, col(rows.map((r) => r.pnl)), col(rows.map((r) => r.closed))];
/** What a call shows, through the fast path where it answers (as the worksheet does), else the Decimal path. */
const shows = (fn: F.AnyEngineFunction, args: unknown[]) => ((fn.fast?.(args) as unknown[][] | undefined) ?? (fn.apply(args) as unknown[][])).map((r) => r.map(shown));

describe("invariants (fast-check)", () => {
  it("shuffling the rows changes nothing when closed is given and the close times are distinct", () => {
    fc.assert(
      fc.property(
        tradesArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        startArb,
        ([rows, shuffled], start) => {
          expect(shows(F.JOURNALSTATS, statsArgs(shuffled, start))).toEqual(shows(F.JOURNALSTATS, statsArgs(rows, start)));
          expect(shows(F.EQUITYCURVE, curveArgs(shuffled, start))).toEqual(shows(F.EQUITYCURVE, curveArgs(rows, start)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the last balance is the start plus the sum of the closed trades' net PnL, whatever the order", () => {
    // close times drawn from a few values, so that many are equal; some trades open
    const rowArb = fc.record({ pnl: pnlArb, risk: riskArb, closed: fc.option(fc.integer({ min: 0, max: 5 }).map((m) => MAR_4 + m), { nil: null }) });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), startArb, (rows, start) => {
        const closedRows = rows.filter((r) => r.closed !== null);
        const sum = closedRows.reduce((s, r) => s.add(r.pnl), new D(0));
        const curve = shows(F.EQUITYCURVE, curveArgs(rows, start));
        expect(curve.length).toBe(closedRows.length + 2);
        expect(curve.at(-1)![2]).toBe(new D(start).add(sum).toNumber());
        const s = Object.fromEntries(shows(F.JOURNALSTATS, statsArgs(rows, start)).map((r) => [r[0], r[1]]));
        expect([s.Trades, s["Net profit"]]).toEqual([closedRows.length, sum.toNumber()]);
      }),
      { numRuns: 300 },
    );
  });

  it("adding an open trade changes nothing, wherever it sits and whatever its pnl and risk", () => {
    const openArb = fc.record({ pnl: fc.oneof(pnlArb, fc.constant("pending")), risk: fc.oneof(riskArb, fc.constant(null), fc.constant("n/a")), closed: fc.constantFrom(null, "") });
    fc.assert(
      fc.property(tradesArb, openArb, fc.nat(), startArb, (rows, open, where, start) => {
        const withOpen: Row[] = [...rows];
        withOpen.splice(where % (rows.length + 1), 0, open);
        expect(shows(F.JOURNALSTATS, statsArgs(withOpen, start))).toEqual(shows(F.JOURNALSTATS, statsArgs(rows, start)));
        expect(shows(F.EQUITYCURVE, curveArgs(withOpen, start))).toEqual(shows(F.EQUITYCURVE, curveArgs(rows, start)));
      }),
      { numRuns: 300 },
    );
  });

  it("from fills: shuffling the fills' rows leaves the journal's statistics and curve as they were", () => {
    // one-way fills at distinct times in three symbols: trades close at distinct times (a flip closes one trade
    // and opens the next at one time, which is no second close)
    const fillArb = fc.record({
      symbol: fc.constantFrom("BTCUSDT", "ETHUSDT", "SOLUSDT"),
      side: fc.constantFrom("buy", "sell", "b", "s"),
      price: fc.integer({ min: 100, max: 100_000 }).map((c) => c / 100),
      quantity: fc.integer({ min: 1, max: 50 }).map((c) => c / 10),
    });
    const fillsArb = fc.array(fillArb, { minLength: 2, maxLength: 40 }).map((xs) => xs.map((x, i) => ({ ...x, time: MAR_4 + i / 1440 })));
    const journal = (fills: { time: number; symbol: string; side: string; price: number; quantity: number }[]) => {
      const t = (F.TRADES.apply([col(fills.map((f) => f.time)), col(fills.map((f) => f.symbol)), col(fills.map((f) => f.side)), col(fills.map((f) => f.price)), col(fills.map((f) => f.quantity))]) as unknown[][]).slice(1);
      const net = col(t.map((r) => shown(r[10])));
      const closed = col(t.map((r) => shown(r[3])));
      return [shows(F.JOURNALSTATS, [net, 10000, null, closed]), shows(F.EQUITYCURVE, [10000, net, closed])];
    };
    fc.assert(
      fc.property(fillsArb.chain((fills) => fc.tuple(fc.constant(fills), fc.shuffledSubarray(fills, { minLength: fills.length, maxLength: fills.length }))), ([fills, shuffled]) => {
        expect(journal(shuffled)).toEqual(journal(fills));
      }),
      { numRuns: 200 },
    );
  });
});
