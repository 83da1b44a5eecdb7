import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, EngineError } from "../../src/engine";
import { errorOf } from "../helpers/engine";
import { expectVector, vector } from "../helpers/vectors";

type Cell = F.Dec | number | string | boolean | null | EngineError;
type Row = Cell[];

const col = (xs: unknown[]) => xs.map((x) => [x]);
const isNumberCell = (c: Cell | undefined) => typeof c === "number" || (typeof c === "object" && c !== null && !(c instanceof EngineError));
/** A number cell as a Decimal: the Decimal path's own, or the exact double path's number read through its shortest text. */
const dec = (c: Cell) => (typeof c === "number" ? new D(c) : c) as F.Dec;
const EXCEL_ERROR: Record<string, string> = { VALUE: "#VALUE!", NUM: "#NUM!", DIV0: "#DIV/0!", NA: "#N/A" };

/** A table cell as the worksheet shows it: a number, text, "" for a blank, an error as its Excel text. */
function shown(c: Cell): unknown {
  if (c === null) return "";
  if (c instanceof EngineError) return EXCEL_ERROR[c.code];
  if (typeof c === "object") return c.toNumber();
  if (typeof c === "number") return c;
  return c;
}

interface Fill {
  time: string | number;
  symbol: string;
  side: string;
  price: number | string;
  quantity: number | string;
  fee?: number | string;
  position_side?: string;
  contract_size?: number | string;
}

function tradesOf(fills: Fill[], opts: { fees?: boolean; cs?: boolean; hedge?: boolean } = {}): Row[] {
  const useFees = opts.fees ?? fills.some((f) => f.fee !== undefined);
  const useHedge = opts.hedge ?? fills.some((f) => f.position_side !== undefined);
  const useCs = opts.cs ?? fills.some((f) => f.contract_size !== undefined);
  return F.TRADES.apply([
    col(fills.map((f) => f.time)),
    col(fills.map((f) => f.symbol)),
    col(fills.map((f) => f.side)),
    col(fills.map((f) => f.price)),
    col(fills.map((f) => f.quantity)),
    useFees ? col(fills.map((f) => f.fee ?? null)) : null,
    useCs ? col(fills.map((f) => f.contract_size ?? null)) : null,
    useHedge ? col(fills.map((f) => f.position_side ?? null)) : null,
  ]) as Row[];
}

// TRADES columns (0-based): Symbol 0, Side 1, Opened 2, Closed 3, Fills 4, Quantity 5, Avg entry 6, Avg exit 7,
// Gross PnL 8, Fees 9, Net PnL 10, Return 11, Status 12.
const TRADE_COLUMN: Record<string, number> = {
  side: 1,
  opened_serial: 2,
  closed: 3,
  closed_serial: 3,
  fills: 4,
  quantity: 5,
  avg_entry: 6,
  avg_exit: 7,
  gross_pnl: 8,
  fees: 9,
  net_pnl: 10,
  return: 11,
  status: 12,
};

describe("TRADES on the public vectors", () => {
  it.each(["journal-trades-01", "journal-trades-02", "journal-trades-03", "journal-trades-04"])("%s", (id) => {
    const v = vector(id);
    const t = tradesOf(v.inputs.fills as Fill[]);
    expect(t[0]).toEqual(F.TRADES_HEADER);
    for (const key of Object.keys(v.expected)) {
      if (key === "trades") {
        expectVector(id, key, t.length - 1);
        continue;
      }
      const m = /^(first_|second_)?(.*)$/.exec(key)!;
      const row = m[1] === "second_" ? 2 : 1;
      const c = TRADE_COLUMN[m[2]!];
      if (c === undefined) throw new Error(`no column for ${key}`);
      const actual = shown(t[row]![c]!);
      if (key.endsWith("_serial")) {
        // the vector prints serials to 5 decimals
        expect(Math.abs((actual as number) - (v.expected[key] as number))).toBeLessThanOrEqual(5e-6);
      } else expectVector(id, key, actual);
    }
  });
});

describe("TRADES by hand", () => {
  it("shows the exact serial of a text time: 2024-01-08 09:30 is 45299 + 570/1440", () => {
    const t = tradesOf(vector("journal-trades-01").inputs.fills as Fill[]);
    // 2024-01-08 is serial 45299 (2024-01-01 = 45292, formulas.md); 09:30 = 570 minutes of 1440
    expect(dec(t[1]![2]!).toNumber()).toBe(45299 + 570 / 1440);
    // 14:45 = 885/1440
    expect(dec(t[1]![3]!).toNumber()).toBe(45299 + 885 / 1440);
  });

  it("is flat at exactly zero: 0.1 + 0.2 − 0.3 closes the trade", () => {
    const t = tradesOf([
      { time: 45300, symbol: "ETH", side: "buy", price: 10, quantity: 0.1 },
      { time: 45300.1, symbol: "ETH", side: "buy", price: 20, quantity: 0.2 },
      { time: 45300.2, symbol: "ETH", side: "sell", price: 30, quantity: 0.3 },
    ]);
    expect(t).toHaveLength(2);
    // gross = 30·0.3 − (10·0.1 + 20·0.2) = 9 − 5 = 4
    expect(t[1]![12]).toBe("closed");
    expect(dec(t[1]![8]!).toString()).toBe("4");
  });

  it("realises by average cost after a partial exit and a re-entry", () => {
    // buy 2@100 (A = 100), sell 1@110 realises 10, buy 1@130: A = (1·100 + 130)/2 = 115, sell 1@120 realises 5.
    // Open (1 held): gross 15. Avg entry (200 + 130)/3 = 110, Avg exit (110 + 120)/2 = 115.
    const t = tradesOf([
      { time: 1000, symbol: "X", side: "buy", price: 100, quantity: 2 },
      { time: 1001, symbol: "X", side: "sell", price: 110, quantity: 1 },
      { time: 1002, symbol: "X", side: "buy", price: 130, quantity: 1 },
      { time: 1003, symbol: "X", side: "sell", price: 120, quantity: 1 },
    ]);
    expect(t[1]![12]).toBe("open");
    expect(dec(t[1]![8]!).toString()).toBe("15");
    expect(dec(t[1]![6]!).toString()).toBe("110");
    expect(dec(t[1]![7]!).toString()).toBe("115");
    expect(t[1]![3]).toBeNull();
    // closing the last unit at 115: realises 0 more (A = 115): a closed trade's gross is
    // exits (110 + 120 + 115 = 345) − entries (200 + 130 = 330) = 15
    const closed = tradesOf([
      { time: 1000, symbol: "X", side: "buy", price: 100, quantity: 2 },
      { time: 1001, symbol: "X", side: "sell", price: 110, quantity: 1 },
      { time: 1002, symbol: "X", side: "buy", price: 130, quantity: 1 },
      { time: 1003, symbol: "X", side: "sell", price: 120, quantity: 1 },
      { time: 1004, symbol: "X", side: "sell", price: 115, quantity: 1 },
    ]);
    expect(dec(closed[1]![8]!).toString()).toBe("15");
  });

  it("multiplies by the contract size: 3 contracts of 100 units, 2.5 → 2.7, gross 60, return on 750", () => {
    const t = tradesOf([
      { time: 45000, symbol: "NG", side: "long", price: 2.5, quantity: 3, contract_size: 100, fee: 1 },
      { time: 45001, symbol: "NG", side: "short", price: 2.7, quantity: 3, contract_size: 100, fee: 1 },
    ]);
    // (2.7 − 2.5)·3·100 = 60; net 58; return 58/(2.5·3·100) = 58/750
    expect(dec(t[1]![8]!).toString()).toBe("60");
    expect(dec(t[1]![10]!).toString()).toBe("58");
    expect(dec(t[1]![11]!).toNumber()).toBe(new D(58).div(750).toNumber());
  });

  it("orders trades by opening time, then by the row of the first fill, and keeps the symbol as first written", () => {
    const t = tradesOf([
      { time: "2024-01-02", symbol: " btcusdt ", side: "buy", price: 1, quantity: 1 },
      { time: "2024-01-01", symbol: "ETHUSDT", side: "sell", price: 1, quantity: 1 },
      { time: "2024-01-02", symbol: "SOLUSDT", side: "buy", price: 1, quantity: 1 },
      { time: "2024-01-03", symbol: "BTCUSDT", side: "sell", price: 2, quantity: 1 },
    ]);
    expect(t.slice(1).map((r) => r[0])).toEqual(["ETHUSDT", "btcusdt", "SOLUSDT"]);
    expect(t[2]![12]).toBe("closed");
  });

  it("keeps the row order of fills at the same time", () => {
    // same time: the sell (row 2) comes after the buy (row 1), so the trade is a long closed at once
    const t = tradesOf([
      { time: 45000, symbol: "A", side: "buy", price: 10, quantity: 1 },
      { time: 45000, symbol: "A", side: "sell", price: 12, quantity: 1 },
    ]);
    expect(t[1]![1]).toBe("long");
    expect(dec(t[1]![8]!).toString()).toBe("2");
  });

  it("skips all-blank rows and gives the header alone for no fills", () => {
    expect(F.TRADES.apply([[[null]], [[null]], [[null]], [[null]], [[null]]])).toEqual([F.TRADES_HEADER]);
    const t = F.TRADES.apply([
      [[45000], [null], [45001]],
      [["A"], [null], ["A"]],
      [["buy"], [null], ["sell"]],
      [[10], [null], [11]],
      [[1], [null], [1]],
      [[0.1], [null], [0.1]],
    ]) as Row[];
    expect(t).toHaveLength(2);
    expect(dec(t[1]![10]!).toString()).toBe("0.8"); // (11 − 10)·1 − 0.2
  });

  it("reads numeric text in number cells and a single fee for every fill", () => {
    const t = F.TRADES.apply([col([45000, 45001]), col(["A", "A"]), col(["1", "-1"]), col(["10", " 1,000 "]), col([2, 2]), [[0.5]]]) as Row[];
    // (1000 − 10)·2 − 2·0.5 = 1979
    expect(dec(t[1]![10]!).toString()).toBe("1979");
  });
});

describe("TRADES: bad input names the range and the row", () => {
  const ok = () => ({
    times: col([45000, 45001]),
    symbols: col(["A", "A"]),
    sides: col(["buy", "sell"]),
    prices: col([10, 11]),
    quantities: col([1, 1]),
  });
  const call = (o: Record<string, unknown>) => [o.times, o.symbols, o.sides, o.prices, o.quantities, o.fees, o.cs, o.ps];
  function fails(o: Record<string, unknown>, code: string, field: string, row?: number) {
    expect(errorOf(F.TRADES, ...call(o))).toEqual({ code, field });
    if (row !== undefined) {
      try {
        F.TRADES.apply(call(o));
      } catch (e) {
        expect((e as Error).message).toContain(`row ${row}`);
      }
    }
  }
  it.each([
    ["a price of 0", { prices: col([10, 0]) }, "NUM", "prices", 2],
    ["a negative quantity", { quantities: col([-1, 1]) }, "NUM", "quantities", 1],
    ["a price that is text", { prices: col([10, "ten"]) }, "VALUE", "prices", 2],
    ["an unknown side", { sides: col(["buy", "hold"]) }, "VALUE", "sides", 2],
    ["a time that is numeric text", { times: col([45000, "45001"]) }, "VALUE", "times", 2],
    ["a time before 1900-03-01", { times: col(["1900-02-28", 45001]) }, "VALUE", "times", 1],
    ["a date that does not exist", { times: col(["2023-02-29 10:00", 45001]) }, "VALUE", "times", 1],
    ["a time with fractions of a second", { times: col(["2024-01-01 10:00:00.5", 45001]) }, "VALUE", "times", 1],
    ["a boolean symbol", { symbols: col([true, "A"]) }, "VALUE", "symbols", 1],
    ["a blank price in a kept row", { prices: col([10, null]) }, "VALUE", "prices", 2],
    ["ranges of different lengths", { quantities: col([1, 1, 1]) }, "VALUE", "quantities", undefined],
    ["fees of a third length", { fees: col([1, 1, 1]) }, "VALUE", "fees", undefined],
    ["a fee that is text", { fees: col([1, "x"]) }, "VALUE", "fees", 2],
    ["a contract size of 0", { cs: col([1, 0]) }, "NUM", "contract_sizes", 2],
    ["two contract sizes in one trade", { cs: col([1, 10]) }, "VALUE", "contract_sizes", 2],
    ["an unknown position side", { ps: col(["LONG", "UP"]) }, "VALUE", "position_sides", 2],
    ["a symbol both one-way and hedge", { ps: col(["LONG", null]) }, "VALUE", "position_sides", 2],
    ["a hedge-mode sell through zero", { ps: col(["LONG", "LONG"]), quantities: col([1, 2]) }, "VALUE", "position_sides", 2],
    ["a hedge-mode reduce of nothing", { ps: col(["SHORT", "SHORT"]) }, "VALUE", "position_sides", 1],
  ])("%s", (_what, change, code, field, row) => {
    fails({ ...ok(), ...change }, code, field, row);
  });

  it("a missing required range is #VALUE! naming it", () => {
    expect(errorOf(F.TRADES, col([45000]), col(["A"]), col(["buy"]), col([1]))).toEqual({ code: "VALUE", field: "quantities" });
  });

  it("the first bad row comes first", () => {
    const o = { ...ok(), prices: col([0, "x"]) };
    fails(o, "NUM", "prices", 1);
  });
});

describe("JOURNALSTATS on the public vectors", () => {
  const ROW: Record<string, number> = Object.fromEntries(
    F.JOURNALSTATS_LABELS.map((label, i) => [label.toLowerCase().replace(" %", "_pct").replace(/ /g, "_"), i]),
  );
  it.each(["journal-stats-01", "journal-stats-02"])("%s", (id) => {
    const v = vector(id);
    const t = F.JOURNALSTATS.apply([col(v.inputs.pnl as number[]), v.inputs.start_balance ?? null, v.inputs.risk ? col(v.inputs.risk as number[]) : null]) as Row[];
    expect(t.map((r) => r[0])).toEqual([...F.JOURNALSTATS_LABELS]);
    for (const key of Object.keys(v.expected)) {
      const i = ROW[key === "expectancy" ? "expectancy" : key];
      if (i === undefined) throw new Error(`no row for ${key}`);
      expectVector(id, key, shown(t[i]![1]!));
    }
  });
});

describe("JOURNALSTATS by hand", () => {
  const stats = (pnl: unknown[], start?: unknown, risk?: unknown) =>
    Object.fromEntries((F.JOURNALSTATS.apply([col(pnl), start ?? null, risk ?? null]) as Row[]).map((r) => [r[0] as string, shown(r[1]!)]));

  it("with no trades: zero counts and sums, ratios #DIV/0!, figures that need trades #N/A", () => {
    const s = stats([null, null], 1000, [[100]]);
    expect([s.Trades, s.Wins, s["Net profit"], s["Max drawdown"], s["Max consecutive wins"]]).toEqual([0, 0, 0, 0, 0]);
    expect([s["Win rate"], s.Expectancy, s["Profit factor"], s["Average R"]]).toEqual(["#DIV/0!", "#DIV/0!", "#DIV/0!", "#DIV/0!"]);
    expect([s["Average win"], s["Largest loss"], s.SQN]).toEqual(["#N/A", "#N/A", "#N/A"]);
    expect(s["Max drawdown %"]).toBe(0);
  });

  it("without start_balance Max drawdown % is #N/A, even with no trades", () => {
    expect(stats([])["Max drawdown %"]).toBe("#N/A");
  });

  it("measures the largest relative fall, which need not be the largest absolute one (formulas.md)", () => {
    // balances 1,000 → 600 → 5,000 → 4,000: falls 400 (40 %) and 1,000 (20 %)
    const s = stats([-400, 4400, -1000], 1000);
    expect(s["Max drawdown"]).toBe(1000);
    expect(s["Max drawdown %"]).toBe(0.4);
  });

  it("counts the start as a peak: opening losses are a drawdown", () => {
    // cumulative −100, −250: the fall from the start (0) is 250
    expect(stats([-100, -150])["Max drawdown"]).toBe(250);
  });

  it("gives #DIV/0! for SQN when every R is equal, and #N/A with fewer than 2 trades", () => {
    expect(stats([100, 100], undefined, [[50]]).SQN).toBe("#DIV/0!");
    // R = −7.25/7,250.01 twice, not a short decimal: its 34-digit mean differs from it in the last digit,
    // which must not read as a spread (it gave an SQN near −1e34)
    expect(stats([-7.25, -7.25], undefined, [[7250.01]]).SQN).toBe("#DIV/0!");
    expect(stats([-7.25, -7.25, -7.25], undefined, [[7250.01], [7250.01], [7250.01]]).SQN).toBe("#DIV/0!");
    expect(stats([100], undefined, [[50]]).SQN).toBe("#N/A");
    // R = 2 and 1: mean 1.5, sample sd √0.5, SQN = √2·1.5/√0.5 = 3
    expect(stats([100, 50], undefined, [[50]]).SQN).toBeCloseTo(3, 12);
  });

  it("caps N at 100 in SQN", () => {
    // 200 trades alternating R = 2 and 0: mean 1, sample sd √(200/199); SQN = √100·1/√(200/199) = 10·√(199/200)
    const pnl = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 2 : 0));
    expect(stats(pnl, undefined, [[1]]).SQN).toBeCloseTo(10 * Math.sqrt(199 / 200), 12);
  });

  it("reads risk beside pnl, skipping blank pnl cells, and rejects bad risk", () => {
    // trades 100 and −50 with risks 50 and 25: R = 2 and −2, mean 0
    expect(stats([100, null, -50], undefined, col([50, "ignored", 25]))["Average R"]).toBe(0);
    expect(errorOf(F.JOURNALSTATS, col([100, -50]), null, col([50, null]))).toEqual({ code: "VALUE", field: "risk" });
    expect(errorOf(F.JOURNALSTATS, col([100, -50]), null, col([50, 0]))).toEqual({ code: "NUM", field: "risk" });
    expect(errorOf(F.JOURNALSTATS, col([100, -50]), null, col([50, 25, 10]))).toEqual({ code: "VALUE", field: "risk" });
    expect(errorOf(F.JOURNALSTATS, col([100, "lots"]))).toEqual({ code: "VALUE", field: "pnl" });
    expect(errorOf(F.JOURNALSTATS, col([100]), 0)).toEqual({ code: "NUM", field: "start_balance" });
  });
});

describe("EQUITYCURVE", () => {
  it("equity-curve-01", () => {
    const v = vector("equity-curve-01");
    const t = F.EQUITYCURVE.apply([v.inputs.start_balance, col(v.inputs.pnl as number[])]) as Row[];
    expect(t[0]).toEqual(F.EQUITYCURVE_HEADER);
    expectVector("equity-curve-01", "rows", t.length);
    // keys _k are the row of trade k: table row k + 1
    for (const [key, c] of [["balance", 2], ["peak", 3], ["drawdown", 4], ["drawdown_pct", 5]] as const) {
      for (const k of [2, 5]) {
        if (`${key}_${k}` in v.expected) expectVector("equity-curve-01", `${key}_${k}`, shown(t[k + 1]![c]!));
      }
    }
  });

  it("starts with row 0 and skips blanks; bad input is an error naming the argument", () => {
    const t = F.EQUITYCURVE.apply([500, col([null, 50])]) as Row[];
    expect(t.map((r) => r.map(shown))).toEqual([F.EQUITYCURVE_HEADER, [0, 0, 500, 500, 0, 0], [1, 50, 550, 550, 0, 0]]);
    expect(errorOf(F.EQUITYCURVE, 0, col([1]))).toEqual({ code: "NUM", field: "start_balance" });
    expect(errorOf(F.EQUITYCURVE, 100, col(["x"]))).toEqual({ code: "VALUE", field: "pnl" });
  });
});

// ─── Invariants ──────────────────────────────────────────────────────────────────────────────────────

const SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
const price = fc.integer({ min: 1, max: 500_000 }).map((c) => new D(c).div(100).toString());
const qty = fc.integer({ min: 1, max: 5000 }).map((c) => new D(c).div(1000).toString());
const fee = fc.integer({ min: -50, max: 500 }).map((c) => new D(c).div(100).toString());

/** One-way fills with distinct times, in random row order. */
const oneWay = fc
  .array(fc.record({ symbol: fc.constantFrom(...SYMBOLS), side: fc.constantFrom("buy", "sell"), price, quantity: qty, fee }), { minLength: 1, maxLength: 40 })
  .map((xs) => xs.map((x, i): Fill => ({ ...x, time: 45000 + i / 1000 })));

/** Hedge-mode fills: each reduce is at most what its side holds (so no position goes through zero). */
const hedge = fc
  .array(
    fc.record({ symbol: fc.constantFrom(...SYMBOLS), ps: fc.constantFrom("LONG", "SHORT"), reduce: fc.boolean(), price, quantity: qty, fee, all: fc.boolean() }),
    { minLength: 1, maxLength: 40 },
  )
  .map((xs) => {
    const held = new Map<string, F.Dec>();
    return xs.map((x, i): Fill => {
      const key = `${x.symbol}/${x.ps}`;
      const h = held.get(key) ?? new D(0);
      let q = new D(x.quantity);
      const reduce = x.reduce && h.gt(0);
      if (reduce) q = x.all || q.gt(h) ? h : q;
      held.set(key, reduce ? h.sub(q) : h.add(q));
      const adds = x.ps === "LONG" ? "buy" : "sell";
      const takes = x.ps === "LONG" ? "sell" : "buy";
      return { time: 45000 + i / 1000, symbol: x.symbol, side: reduce ? takes : adds, price: x.price, quantity: q.toString(), fee: x.fee, position_side: x.ps };
    });
  });

/** An independent realised-PnL ledger, as an exchange keeps it: signed position, average price, realised per fill. */
function realisedLedger(fills: Fill[]): F.Dec {
  const pos = new Map<string, { q: F.Dec; avg: F.Dec }>();
  let realised = new D(0);
  const sorted = [...fills].sort((a, b) => Number(a.time) - Number(b.time));
  for (const f of sorted) {
    const key = `${f.symbol.toLowerCase()}/${f.position_side ?? ""}`;
    const p = pos.get(key) ?? { q: new D(0), avg: new D(0) };
    const signed = new D(f.quantity).mul(f.side === "buy" ? 1 : -1);
    const px = new D(f.price);
    if (p.q.isZero() || p.q.s === signed.s) {
      const q = p.q.add(signed);
      p.avg = p.avg.mul(p.q.abs()).add(px.mul(signed.abs())).div(q.abs());
      p.q = q;
    } else {
      const closing = D.min(p.q.abs(), signed.abs());
      realised = realised.add(px.sub(p.avg).mul(closing).mul(p.q.s));
      const q = p.q.add(signed);
      if (!q.isZero() && q.s !== p.q.s) p.avg = px;
      p.q = q;
    }
    pos.set(key, p);
  }
  return realised;
}

/** Closes every open position at the end with one fill at `price`, so every trade is closed. */
function flatten(fills: Fill[], exitPrice: string): Fill[] {
  const pos = new Map<string, { q: F.Dec; f: Fill }>();
  for (const f of fills) {
    const key = `${f.symbol}/${f.position_side ?? ""}`;
    const p = pos.get(key) ?? { q: new D(0), f };
    p.q = p.q.add(new D(f.quantity).mul(f.side === "buy" ? 1 : -1));
    pos.set(key, p);
  }
  const out = [...fills];
  let t = 46000;
  for (const { q, f } of pos.values()) {
    if (q.isZero()) continue;
    out.push({ time: t++, symbol: f.symbol, side: q.gt(0) ? "sell" : "buy", price: exitPrice, quantity: q.abs().toString(), fee: "1", position_side: f.position_side });
  }
  return out;
}

/** Equal to 15 significant digits: a figure the exact double path rounded once to a number, beside the Decimal path's. */
const within = (a: F.Dec, b: F.Dec) => a.sub(b).abs().lte(D.max(a.abs(), b.abs(), "1e-6").mul("1e-15"));

describe("TRADES invariants (fast-check)", () => {
  it.each([
    ["one-way", oneWay],
    ["hedge mode", hedge],
  ] as const)("%s: the sum of closed trades' net PnL is the sum of realised PnL minus fees", (_mode, arb) => {
    fc.assert(
      fc.property(arb, price, (fills, exit) => {
        const all = flatten(fills, exit);
        const t = tradesOf(all, { fees: true, hedge: _mode === "hedge mode" });
        expect(t.slice(1).every((r) => r[12] === "closed")).toBe(true);
        const net = t.slice(1).reduce((s, r) => s.add(dec(r[10]!)), new D(0));
        const scale = t.slice(1).reduce((s, r) => s.add(dec(r[10]!).abs()), new D(1));
        const fees = all.reduce((s, f) => s.add(f.fee ?? 0), new D(0));
        // each trade's net is exact or one rounding to a double away: the sums agree to 1e-15 of the magnitudes summed
        expect(net.sub(realisedLedger(all).sub(fees)).abs().lte(scale.mul("1e-15"))).toBe(true);
      }),
    );
  });

  it.each([
    ["one-way", oneWay],
    ["hedge mode", hedge],
  ] as const)("%s: shuffling rows with distinct times changes nothing", (_mode, arb) => {
    fc.assert(
      fc.property(arb.chain((fills) => fc.tuple(fc.constant(fills), fc.shuffledSubarray(fills, { minLength: fills.length, maxLength: fills.length }))), ([fills, shuffled]) => {
        const opts = { fees: true, hedge: _mode === "hedge mode" };
        expect(tradesOf(shuffled, opts)).toEqual(tradesOf(fills, opts));
      }),
    );
  });

  it("a closed trade's gross is side·(Σ exit value − Σ entry value), whatever the order of its fills", () => {
    const lots = fc.array(fc.tuple(price, fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom("buy", "sell"), lots, lots, fc.integer({ min: 0, max: 1000 }), (open, entries, exits, seed) => {
        // exits sized to total the entries exactly
        const total = entries.reduce((s, [, q]) => s + q, 0);
        const ex = exits.slice(0, total);
        const weights = ex.map(([, q]) => q);
        let left = total;
        const exitQ = weights.map((w, i) => {
          const q = i === weights.length - 1 ? left : Math.max(1, Math.min(left - (weights.length - 1 - i), w));
          left -= q;
          return q;
        });
        const close = open === "buy" ? "sell" : "buy";
        // an order: all entries in a random rotation, then the exits in a random rotation; and a valid interleaving
        const rot = <T>(xs: T[]) => xs.map((_, i) => xs[(i + seed) % xs.length]!);
        const entryFills = rot(entries).map(([p, q]) => ({ side: open, price: p, quantity: q }));
        const exitFills = rot(ex.map(([p], i) => [p, exitQ[i]!] as const)).map(([p, q]) => ({ side: close, price: p, quantity: q }));
        const orders = [[...entryFills, ...exitFills]];
        // interleave: after the first entry, an exit whenever the held quantity stays above 0 until the end
        const mixed: { side: string; price: string; quantity: number }[] = [entryFills[0]!];
        let held = entryFills[0]!.quantity;
        let ei = 1;
        let xi = 0;
        while (ei < entryFills.length || xi < exitFills.length) {
          const x = exitFills[xi];
          const last = ei >= entryFills.length;
          if (x && (held - x.quantity > 0 || (last && xi === exitFills.length - 1))) {
            mixed.push(x);
            held -= x.quantity;
            xi++;
          } else {
            const e = entryFills[ei++]!;
            mixed.push(e);
            held += e.quantity;
          }
        }
        orders.push(mixed);
        const s = open === "buy" ? 1 : -1;
        const value = (xs: { price: string; quantity: number }[]) => xs.reduce((a, f) => a.add(new D(f.price).mul(f.quantity)), new D(0));
        const expected = value(exitFills).sub(value(entryFills)).mul(s);
        for (const order of orders) {
          const t = tradesOf(order.map((f, i) => ({ ...f, time: 45000 + i / 100, symbol: "X" })));
          expect(t).toHaveLength(2);
          expect(t[1]![12]).toBe("closed");
          expect(dec(t[1]![8]!).eq(expected)).toBe(true);
        }
      }),
    );
  });

  it("splitting a fill into two at the same price changes nothing but the fill count", () => {
    const rate = new D("0.0004");
    fc.assert(
      fc.property(oneWay, fc.nat(), fc.integer({ min: 1, max: 999 }), (base, at, per) => {
        // fees proportional to quantity, so a split fill's fees are the parts of the whole fee
        const fills = base.map((f) => ({ ...f, fee: rate.mul(f.price).mul(f.quantity).toString() }));
        const i = at % fills.length;
        const f = fills[i]!;
        const q = new D(f.quantity);
        const q1 = q.mul(per).div(1000).toDecimalPlaces(6);
        if (q1.lte(0) || q1.gte(q)) return;
        const q2 = q.sub(q1);
        const part = (x: F.Dec): Fill => ({ ...f, quantity: x.toString(), fee: rate.mul(f.price).mul(x).toString() });
        const split = [...fills.slice(0, i), part(q1), part(q2), ...fills.slice(i + 1)];
        const a = tradesOf(fills, { fees: true });
        const b = tradesOf(split, { fees: true });
        expect(b).toHaveLength(a.length);
        a.slice(1).forEach((r, k) => {
          const s = b[k + 1]!;
          r.forEach((c, j) => {
            if (j === 4) expect([0, 1]).toContain(dec(s[j]!).sub(dec(c!)).toNumber());
            else if (isNumberCell(c)) expect(within(dec(c), dec(s[j]!))).toBe(true);
            else expect(s[j]).toEqual(c);
          });
        });
      }),
    );
  });

  it.each([
    ["one-way", oneWay],
    ["hedge mode", hedge],
  ] as const)("%s: numbers (exact double path) and the same numbers as text (Decimal path) give the same trades", (_mode, arb) => {
    fc.assert(
      fc.property(arb, (fills) => {
        const opts = { fees: true, hedge: _mode === "hedge mode" };
        const asNumbers = fills.map((f) => ({ ...f, price: Number(f.price), quantity: Number(f.quantity), fee: Number(f.fee) }));
        const asText = fills.map((f) => ({ ...f, price: String(f.price), quantity: String(f.quantity), fee: String(f.fee) }));
        const a = tradesOf(asNumbers, opts);
        const b = tradesOf(asText, opts);
        expect(a.length).toBe(b.length);
        a.forEach((r, k) =>
          r.forEach((c, j) => {
            // one path rounds each figure once to a double, the other to 34 digits: equal to 15
            if (isNumberCell(c)) expect(within(dec(c), dec(b[k]![j]!))).toBe(true);
            else expect(b[k]![j]).toEqual(c);
          }),
        );
      }),
    );
  });

  it("a flip's fee halves add up to the fee, shared by quantity", () => {
    fc.assert(
      fc.property(price, price, qty, qty, fee, fee, (p1, p2, q1, extra, f1, f2) => {
        const q2 = new D(q1).add(extra).toString();
        const t = tradesOf([
          { time: 45000, symbol: "X", side: "sell", price: p1, quantity: q1, fee: f1 },
          { time: 45001, symbol: "X", side: "buy", price: p2, quantity: q2, fee: f2 },
        ]);
        expect(t).toHaveLength(3);
        expect([t[1]![1], t[2]![1]]).toEqual(["short", "long"]);
        const closing = dec(t[1]![9]!).sub(f1);
        const opening = dec(t[2]![9]!);
        expect(closing.add(opening).eq(new D(f2))).toBe(true);
        expect(within(closing, new D(f2).mul(q1).div(q2))).toBe(true);
        expect(dec(t[2]![5]!).eq(new D(extra))).toBe(true);
      }),
    );
  });
});

describe("TRADES at scale", () => {
  it("turns 100,000 fills over five symbols into trades", () => {
    const n = 100_000;
    const times: number[][] = [];
    const symbols: string[][] = [];
    const sides: string[][] = [];
    const prices: number[][] = [];
    const quantities: number[][] = [];
    // each symbol: buy 2, buy 1, sell 3 (flat) repeated; so every third fill of a symbol closes a trade
    for (let i = 0; i < n; i++) {
      const s = i % 5;
      const k = Math.floor(i / 5) % 3;
      times.push([45000 + i / 10000]);
      symbols.push([`SYM${s}`]);
      sides.push([k === 2 ? "sell" : "buy"]);
      prices.push([100 + (i % 97) / 100]);
      quantities.push([k === 0 ? 2 : k === 1 ? 1 : 3]);
    }
    const t = F.TRADES.apply([times, symbols, sides, prices, quantities, [[0.01]]]) as Row[];
    // 100,000 fills / 5 symbols = 20,000 each = 6,666 full cycles and 2 fills of an open one per symbol
    expect(t.length - 1).toBe(5 * 6667);
    expect(t.filter((r) => r[12] === "open")).toHaveLength(5);
  });
});

// ─── The fast path (tradesFast) against the Decimal path ─────────────────────────────────────────────

/** TRADES's arguments for fills, with prices, quantities and fees as numbers or as text (text takes the Decimal path). */
function tradesArgs(fills: Fill[], text: boolean, opts: { cs?: boolean; hedge?: boolean } = {}): unknown[] {
  const v = (x: number | string | undefined) => (x === undefined ? null : text ? String(x) : Number(x));
  return [
    col(fills.map((f) => f.time)),
    col(fills.map((f) => f.symbol)),
    col(fills.map((f) => f.side)),
    col(fills.map((f) => v(f.price))),
    col(fills.map((f) => v(f.quantity))),
    col(fills.map((f) => v(f.fee))),
    opts.cs ? col(fills.map((f) => v(f.contract_size))) : null,
    opts.hedge ? col(fills.map((f) => f.position_side ?? null)) : null,
  ];
}

/** The Decimal path's table as the worksheet shows it (every Decimal through toNumber, never −0). */
function decimalShown(fills: Fill[], opts: { cs?: boolean; hedge?: boolean } = {}): unknown[][] {
  const rows = F.TRADES.apply(tradesArgs(fills, true, opts)) as Row[];
  return rows.map((r) => r.map((c) => {
    const s = shown(c);
    return s === 0 ? 0 : s;
  }));
}

/** Fees with 8 decimals up to 50 (a rate times a notional, as exchanges print them): a flip's parts then carry 30–32 decimals. */
const longFee = fc.integer({ min: -5_000_000, max: 5_000_000_000 }).map((c) => new D(c).div(1e8).toString());

/** One-way fills that often go through zero: each sell or buy may be larger than what is held. */
const flips = fc
  .array(
    fc.record({ symbol: fc.constantFrom("BTCUSDT", "btcusdt ", "ETHUSDT"), side: fc.constantFrom("buy", "sell", "BUY", "Sell"), price, quantity: qty, fee: fc.oneof(fee, longFee), cs: fc.constantFrom(1, 1, 0.5, 100) }),
    { minLength: 1, maxLength: 60 },
  )
  .map((xs) => xs.map((x, i): Fill => ({ time: 45000 + Math.floor(i / 3) / 1000, symbol: x.symbol, side: x.side, price: x.price, quantity: x.quantity, fee: x.fee, contract_size: x.cs })));

describe("TRADES fast path (fast-check): the Decimal path's table, cell for cell", () => {
  it.each([
    ["one-way", oneWay, {}],
    ["hedge mode", hedge, { hedge: true }],
  ] as const)("%s, rows in time order and shuffled", (_mode, arb, opts) => {
    fc.assert(
      fc.property(arb, fc.boolean(), fc.nat(), (fills, shuffle, seed) => {
        let rows = fills;
        if (shuffle) {
          // the same fills in another row order: the fast path sorts them by time, as the Decimal path does
          rows = [...fills];
          let s = seed;
          for (let i = rows.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [rows[i], rows[j]] = [rows[j]!, rows[i]!];
          }
        }
        const fast = F.TRADES.fast!(tradesArgs(rows, false, opts));
        expect(fast).toBeDefined();
        expect(fast).toEqual(decimalShown(rows, opts));
      }),
      { numRuns: 300 },
    );
  });

  it("flips, partial exits, fills at the same time, contract sizes per trade", () => {
    let flipsSeen = 0;
    fc.assert(
      fc.property(flips, (fills) => {
        // one contract size per symbol, as an exchange has it (a trade's fills share one)
        const size = new Map<string, number | string>();
        const rows = fills.map((f) => {
          const k = f.symbol.trim().toLowerCase();
          if (!size.has(k)) size.set(k, f.contract_size!);
          return { ...f, contract_size: size.get(k)! };
        });
        const expected = decimalShown(rows, { cs: true });
        const fast = F.TRADES.fast!(tradesArgs(rows, false, { cs: true }));
        expect(fast).toEqual(expected);
        // a flip closes one trade and opens the next at the same time
        flipsSeen += expected.filter((r, i) => i > 1 && r[2] === expected[i - 1]![3] && r[0] === expected[i - 1]![0]).length;
      }),
      { numRuns: 300 },
    );
    expect(flipsSeen).toBeGreaterThan(50);
  });

  it("declines what it does not read (numeric text, blank rows, hedge-mode errors), leaving it to the full reader", () => {
    const base: Fill[] = [
      { time: 45000, symbol: "X", side: "buy", price: 10, quantity: 1, fee: 0.01 },
      { time: 45001, symbol: "X", side: "sell", price: 11, quantity: 1, fee: 0.01 },
    ];
    expect(F.TRADES.fast!(tradesArgs(base, false))).toEqual(decimalShown(base));
    expect(F.TRADES.fast!(tradesArgs(base, true))).toBeUndefined();
    const blank = tradesArgs(base, false);
    (blank[3] as unknown[][])[1] = [null];
    expect(F.TRADES.fast!(blank)).toBeUndefined();
    // selling on the LONG side of a position that holds nothing: an error, which only the full reader gives
    const hedged: Fill[] = [{ time: 45000, symbol: "X", side: "sell", price: 10, quantity: 1, position_side: "LONG" }];
    expect(F.TRADES.fast!(tradesArgs(hedged, false, { hedge: true }))).toBeUndefined();
    expect(errorOf(F.TRADES, ...tradesArgs(hedged, false, { hedge: true }))).toEqual({ code: "VALUE", field: "position_sides" });
    // words every object has are not sides: both paths refuse them
    for (const word of ["constructor", "toString"]) {
      const odd = tradesArgs([{ ...base[0]!, side: word }], false);
      expect(F.TRADES.fast!(odd)).toBeUndefined();
      expect(errorOf(F.TRADES, ...odd)).toEqual({ code: "VALUE", field: "sides" });
      const oddSide = tradesArgs([{ ...base[0]!, position_side: word }], false, { hedge: true });
      expect(F.TRADES.fast!(oddSide)).toBeUndefined();
      expect(errorOf(F.TRADES, ...oddSide)).toEqual({ code: "VALUE", field: "position_sides" });
    }
  });
});
