import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, EngineError, type Dec, type Table } from "../../src/engine";
import { errorOf, num } from "../helpers/engine";
import { expectVector, vector } from "../helpers/vectors";

/** A positions table as a worksheet passes it: each range a column (rows of one cell). */
interface Row {
  symbol: string;
  side: "long" | "short";
  entry: number;
  quantity: number;
  mark: number;
  mmr: number;
  cum: number;
}
const col = (xs: unknown[]): unknown[][] => xs.map((x) => [x]);
function liqArgs(rows: Row[], wallet: number): unknown[] {
  return [
    col(rows.map((r) => r.symbol)),
    col(rows.map((r) => r.side)),
    col(rows.map((r) => r.entry)),
    col(rows.map((r) => r.quantity)),
    col(rows.map((r) => r.mark)),
    wallet,
    col(rows.map((r) => r.mmr)),
    col(rows.map((r) => r.cum)),
  ];
}
const accountArgs = (rows: Row[], wallet: number): unknown[] => liqArgs(rows, wallet).slice(1);

/** CROSSLIQ's cells: numbers, null for a skipped row, or the error code. */
function crossLiq(...args: unknown[]): (number | null | string)[] {
  const t = F.CROSSLIQ.apply(args) as Table;
  return t.map(([c]) => (c === null ? null : c instanceof EngineError ? c.code : (c as Dec).toNumber()));
}
const liq = (rows: Row[], wallet: number) => crossLiq(...liqArgs(rows, wallet));

/** CROSSACCOUNT as label → number (or error code). */
function account(rows: Row[], wallet: number): Record<string, number | string> {
  const t = F.CROSSACCOUNT.apply(accountArgs(rows, wallet)) as Table;
  return Object.fromEntries(t.map(([label, v]) => [label as string, v instanceof EngineError ? v.code : (v as Dec).toNumber()]));
}

/** The vectors' positions as rows. */
function vectorRows(id: string): { rows: Row[]; wallet: number } {
  const v = vector(id).inputs as { wallet_balance: number; positions: Record<string, string | number>[] };
  return {
    wallet: v.wallet_balance,
    rows: v.positions.map((p) => ({
      symbol: p.symbol as string,
      side: p.side as "long" | "short",
      entry: p.entry as number,
      quantity: p.quantity as number,
      mark: p.mark as number,
      mmr: p.mmr as number,
      cum: p.maint_amount as number,
    })),
  };
}

/** Margin balance less maintenance, in Decimal, with the rows of `symbol` at `price` and the rest at their marks. */
function surplusWith(rows: Row[], wallet: number, symbol: string, price: Dec): { surplus: Dec; maintenance: Dec } {
  let balance = new D(wallet);
  let maintenance = new D(0);
  for (const r of rows) {
    const p = r.symbol.trim().toLowerCase() === symbol.trim().toLowerCase() ? price : new D(r.mark);
    const s = r.side === "long" ? 1 : -1;
    balance = balance.add(p.sub(r.entry).mul(r.quantity).mul(s));
    maintenance = maintenance.add(p.mul(r.quantity).mul(r.mmr).sub(r.cum));
  }
  return { surplus: balance.sub(maintenance), maintenance };
}

describe("CROSSLIQ against the public vectors", () => {
  it("Binance's cross example: BTCUSDT with ETHUSDT as the other position → 26,316.89 (cross-liq-binance-01)", () => {
    // TMM1 = 3,683.979 × 1,335.18 × 10 % − 135,365 = 356,512.51; UPNL1 = 3,683.979 × (1,335.18 − 1,456.84) = −448,192.89;
    // LP = (1,535,443.01 − 356,512.51 − 448,192.89 + 16,300 − 109.488 × 32,481.98)/(109.488 × 2.5 % − 109.488) = 26,316.89
    const { rows, wallet } = vectorRows("cross-liq-binance-01");
    expectVector("cross-liq-binance-01", "btc_liq_price", liq(rows, wallet)[0]);
  });

  it("one-way, a long and a short in two symbols (cross-liq-02)", () => {
    // BTC: (5,000 − 46.5 − 300 − 0.2 × 60,000)/(0.2 × 0.004 − 0.2) = −7,346.5/−0.1992 = 36,880.020
    // ETH: (5,000 − 46.4 − 400 + 3 × 3,000)/(3 × 0.005 + 3) = 13,553.6/3.015 = 4,495.3897
    const { rows, wallet } = vectorRows("cross-liq-02");
    const [btc, eth] = liq(rows, wallet);
    expectVector("cross-liq-02", "btc_liq_price", btc);
    expectVector("cross-liq-02", "eth_liq_price", eth);
  });

  it("hedge mode: both legs of ETHUSDT share one price (cross-liq-03)", () => {
    // (1,500 − 4 × 2,500 + 1 × 2,600)/(4 × 0.005 + 1 × 0.005 − 4 + 1) = −5,900/−2.975 = 1,983.1933
    const { rows, wallet } = vectorRows("cross-liq-03");
    const [long, short] = liq(rows, wallet);
    expectVector("cross-liq-03", "long_row_liq_price", long);
    expectVector("cross-liq-03", "short_row_liq_price", short);
  });

  it("equals WALLETLIQ given TMM and UPNL of the other position by hand (liq-binance-usdm-cross-02)", () => {
    const { rows, wallet } = vectorRows("cross-liq-binance-01");
    const byHand = num(F.WALLETLIQ, "long", 32481.98, 109.488, wallet, 0.025, 16300, 356512.5081, -448192.8851);
    expect(liq(rows, wallet)[0]).toBeCloseTo(byHand, 3);
    expectVector("liq-binance-usdm-cross-02", "liq_price", liq(rows, wallet)[0]);
  });
});

describe("CROSSLIQ by hand", () => {
  it("a fully hedged symbol is liquidated above its mark, where maintenance outgrows the balance", () => {
    // long 2 @2,500 and short 2 @2,600, mark 2,550, mmr 0.5 %, wallet 100: uPnL 100 + 100 = 200;
    // LP = (100 − (2 × 2,500 − 2 × 2,600))/(2 × 0.005 + 2 × 0.005 − 0) = 300/0.02 = 15,000
    const rows: Row[] = [
      { symbol: "ETHUSDT", side: "long", entry: 2500, quantity: 2, mark: 2550, mmr: 0.005, cum: 0 },
      { symbol: "ETHUSDT", side: "short", entry: 2600, quantity: 2, mark: 2550, mmr: 0.005, cum: 0 },
    ];
    expect(liq(rows, 100)).toEqual([15000, 15000]);
  });

  it("a fully hedged symbol with mmr 0 has no price: #N/A", () => {
    const rows: Row[] = [
      { symbol: "ETHUSDT", side: "long", entry: 2500, quantity: 2, mark: 2550, mmr: 0, cum: 0 },
      { symbol: "ETHUSDT", side: "short", entry: 2600, quantity: 2, mark: 2550, mmr: 0, cum: 0 },
    ];
    expect(liq(rows, 100)).toEqual(["NA", "NA"]);
  });

  it("a long the wallet covers to zero is #N/A, the other symbol still has its price", () => {
    // BTC long 0.1 @60,000, mark 60,000, ETH short 1 @3,000, mark 3,000, mmr 0.5 %, wallet 10,000.
    // BTC: (10,000 − 15 + 0 − 6,000)/(0.0005 − 0.1) = 3,985/−0.0995 < 0 → #N/A;
    // ETH: (10,000 − 30 + 0 + 3,000)/(0.005 + 1) = 12,970/1.005 = 12,905.4726…
    const rows: Row[] = [
      { symbol: "BTCUSDT", side: "long", entry: 60000, quantity: 0.1, mark: 60000, mmr: 0.005, cum: 0 },
      { symbol: "ETHUSDT", side: "short", entry: 3000, quantity: 1, mark: 3000, mmr: 0.005, cum: 0 },
    ];
    const [btc, eth] = liq(rows, 10000);
    expect(btc).toBe("NA");
    expect(eth).toBeCloseTo(12970 / 1.005, 9);
  });

  it("matches symbols trimmed and case-insensitively, and reads numeric text and one rate for every row", () => {
    const args = [[["ethusdt "], [" ETHUSDT"]], [["long"], ["SHORT"]], [["2500"], [2600]], [[4], ["1"]], [[2550], [" 2,550 "]], "1500", 0.005, undefined];
    expect(crossLiq(...args)).toEqual(liq(vectorRows("cross-liq-03").rows, 1500));
  });

  it("skips an all-blank row with a blank cell, and takes a row of ranges as well as a column", () => {
    const { rows, wallet } = vectorRows("cross-liq-02");
    const a = liqArgs(rows, wallet) as unknown[][][];
    const withBlank = a.map((r, i) => (i === 5 ? r : [r[0]!, [null], r[1]!]));
    const out = crossLiq(...withBlank);
    expect(out[1]).toBeNull();
    expect([out[0], out[2]]).toEqual(liq(rows, wallet));
    const asRows = a.map((r, i) => (i === 5 ? r : [r.map((c) => c[0])]));
    expect(crossLiq(...asRows)).toEqual(liq(rows, wallet));
  });

  it("an empty table gives blank cells", () => {
    expect(crossLiq([[null], [""]], [[null], [null]], [[null], [null]], [[null], [null]], [[null], [null]], 100)).toEqual([null, null]);
  });
});

describe("CROSSACCOUNT", () => {
  it("the account of cross-liq-02 (cross-account-01)", () => {
    // notional 0.2 × 58,000 + 3 × 3,100 = 20,900; uPnL −400 − 300 = −700; margin balance 4,300; maintenance 46.4 + 46.5 = 92.9;
    // ratio 92.9/4,300 = 0.0216047; leverage 20,900/4,300 = 4.8604651
    const { rows, wallet } = vectorRows("cross-account-01");
    const a = account(rows, wallet);
    expect(Object.keys(a)).toEqual(["Positions", "Notional", "Unrealized PnL", "Margin balance", "Maintenance margin", "Margin ratio", "Effective leverage"]);
    expectVector("cross-account-01", "positions", a.Positions);
    expectVector("cross-account-01", "notional", a.Notional);
    expectVector("cross-account-01", "unrealized_pnl", a["Unrealized PnL"]);
    expectVector("cross-account-01", "margin_balance", a["Margin balance"]);
    expectVector("cross-account-01", "maintenance_margin", a["Maintenance margin"]);
    expectVector("cross-account-01", "margin_ratio", a["Margin ratio"]);
    expectVector("cross-account-01", "effective_leverage", a["Effective leverage"]);
  });

  it("a margin balance at or below 0 makes both ratios #NUM! and keeps the sums", () => {
    // long 1 @100, mark 50, wallet 50: uPnL −50, margin balance 0; maintenance 50 × 0.005 = 0.25
    const rows: Row[] = [{ symbol: "X", side: "long", entry: 100, quantity: 1, mark: 50, mmr: 0.005, cum: 0 }];
    expect(account(rows, 50)).toEqual({
      Positions: 1,
      Notional: 50,
      "Unrealized PnL": -50,
      "Margin balance": 0,
      "Maintenance margin": 0.25,
      "Margin ratio": "NUM",
      "Effective leverage": "NUM",
    });
  });

  it("counts kept rows only, and a cum lowers maintenance", () => {
    // rows 1 and 3: 1 @100 (mark 110) long, 2 @50 (mark 40) short, mmr 1 %, cum 0.1 each:
    // notional 110 + 80 = 190; uPnL 10 + 20 = 30; maintenance 1.1 − 0.1 + 0.8 − 0.1 = 1.7; balance 1,030
    const out = F.CROSSACCOUNT.apply([[["long"], [null], ["short"]], [[100], [null], [50]], [[1], [null], [2]], [[110], [null], [40]], 1000, 0.01, 0.1]) as Table;
    const v = out.map((r) => (r[1] as Dec).toNumber());
    expect(v.slice(0, 5)).toEqual([2, 190, 30, 1030, 1.7]);
    expect(v[5]).toBeCloseTo(1.7 / 1030, 15);
  });
});

describe("bad input names the range and the row", () => {
  const good = liqArgs(vectorRows("cross-liq-02").rows, 5000);
  const withArg = (i: number, v: unknown) => good.map((a, j) => (j === i ? v : a));

  it.each([
    ["ragged ranges", withArg(4, [[58000]]), "VALUE", "marks", /1 cells but symbols has 2/],
    ["a partly blank row", withArg(2, [[60000], [null]]), "VALUE", "entries", /row 2/],
    ["an entry of 0", withArg(2, [[60000], [0]]), "NUM", "entries", /row 2/],
    ["a negative mark", withArg(4, [[-1], [3100]]), "NUM", "marks", /row 1/],
    ["a quantity of 0", withArg(3, [[0.2], [0]]), "NUM", "quantities", /row 2/],
    ["a tier table where rates are expected", withArg(6, [[0, 50000, 0.004, 0], [50000, 250000, 0.005, 50]]), "VALUE", "mmr", /tier tables are not accepted/],
    ["an mmr of 1", withArg(6, [[0.004], [1]]), "NUM", "mmr", /row 2/],
    ["a negative maintenance amount", withArg(7, [[0], [-5]]), "NUM", "maint_amounts", /row 2/],
    ["rates for 3 rows beside 2 positions", withArg(6, [[0.004], [0.005], [0.005]]), "VALUE", "mmr", /3 cells/],
    ["a side misspelt", withArg(1, [["long"], ["shrot"]]), "VALUE", "sides", /row 2.*shrot/],
    ["a boolean symbol", withArg(0, [[true], ["ETHUSDT"]]), "VALUE", "symbols", /row 1/],
    ["text as a price", withArg(2, [["sixty"], [3000]]), "VALUE", "entries", /row 1/],
    ["a block where a column belongs", withArg(0, [["BTCUSDT", "x"], ["ETHUSDT", "y"]]), "VALUE", "symbols", /2×2/],
    ["a negative wallet", withArg(5, -1), "NUM", "wallet_balance", /0 or more/],
  ])("%s", (_what, args, code, field, words) => {
    expect(errorOf(F.CROSSLIQ, ...args)).toEqual({ code, field });
    expect(() => F.CROSSLIQ.apply(args)).toThrow(words);
  });

  it("two marks for one symbol are #VALUE! naming the later row", () => {
    const args = [[["ETHUSDT"], ["BTCUSDT"], ["ethusdt"]], [["long"], ["long"], ["short"]], [[2500], [60000], [2600]], [[1], [0.1], [1]], [[2550], [60000], [2551]], 1000];
    expect(errorOf(F.CROSSLIQ, ...args)).toEqual({ code: "VALUE", field: "marks" });
    expect(() => F.CROSSLIQ.apply(args)).toThrow(/row 3 .*row 1/);
  });

  it("the leftmost range's fault comes first, then within it the first row's (catalog, Errors)", () => {
    // entries (argument 3) is bad in row 2, marks (argument 5) in row 1: the argument to the left wins
    const args = withArg(4, [[0], [3100]]).map((a, j) => (j === 2 ? [[60000], [-3]] : a));
    expect(errorOf(F.CROSSLIQ, ...args)).toEqual({ code: "NUM", field: "entries" });
    expect(() => F.CROSSLIQ.apply(args)).toThrow(/row 2/);
    // two bad rows in one range: the first
    expect(() => F.CROSSLIQ.apply(withArg(2, [["x"], [-3]]))).toThrow(/entries: row 1/);
  });

  it("a bad positions table comes before a bad wallet_balance, and wallet_balance before a bad mmr", () => {
    // a misspelt side with a negative wallet: the table's #VALUE!, not the wallet's #NUM!
    const badSide = withArg(1, [["long"], ["shrot"]]);
    expect(errorOf(F.CROSSLIQ, ...badSide.map((a, j) => (j === 5 ? -1 : a)))).toEqual({ code: "VALUE", field: "sides" });
    expect(errorOf(F.CROSSACCOUNT, ...badSide.slice(1).map((a, j) => (j === 4 ? -1 : a)))).toEqual({ code: "VALUE", field: "sides" });
    // a mark of text in the last required range, with a negative wallet
    expect(errorOf(F.CROSSLIQ, ...withArg(4, [["x"], [3100]]).map((a, j) => (j === 5 ? -1 : a)))).toEqual({ code: "VALUE", field: "marks" });
    // mmr sits right of wallet_balance: the wallet's fault first
    expect(errorOf(F.CROSSLIQ, ...withArg(6, [[0.004], [1]]).map((a, j) => (j === 5 ? -1 : a)))).toEqual({ code: "NUM", field: "wallet_balance" });
  });

  it("an account already at or below maintenance at the marks is #NUM! as a whole", () => {
    // cross-liq-02 with wallet 792.9: margin balance 792.9 − 700 = 92.9 = maintenance 92.9 → #NUM!; 793 passes
    const { rows } = vectorRows("cross-liq-02");
    expect(errorOf(F.CROSSLIQ, ...liqArgs(rows, 792.9))).toEqual({ code: "NUM", field: undefined });
    expect(liq(rows, 793).every((c) => typeof c === "number")).toBe(true);
  });

  it("wallet_balance is 0 or more in both functions, as in WALLETLIQ: −0.01 is #NUM!, 0 is read", () => {
    const rows = vectorRows("cross-liq-02").rows;
    expect(errorOf(F.CROSSLIQ, ...liqArgs(rows, -0.01))).toEqual({ code: "NUM", field: "wallet_balance" });
    expect(errorOf(F.CROSSACCOUNT, ...accountArgs(rows, -0.01))).toEqual({ code: "NUM", field: "wallet_balance" });
    expect(errorOf(F.WALLETLIQ, "long", 60000, 0.2, -0.01)).toEqual({ code: "NUM", field: "wallet_balance" });
    // a wallet of 0: the margin balance is the unrealised PnL alone (cross-liq-02: −700 at the marks), so the
    // ratios over it are #NUM! cells, not a refused argument
    expect(account(rows, 0)["Margin balance"]).toBe(-700);
    expect(account(rows, 0)["Margin ratio"]).toBe("NUM");
  });

  it("CROSSACCOUNT reads the same table: a partly blank row is #VALUE! naming it", () => {
    expect(errorOf(F.CROSSACCOUNT, [["long"], ["short"]], [[1], [2]], [[1], [null]], [[1], [2]], 10)).toEqual({ code: "VALUE", field: "quantities" });
  });
});

// ─── Invariants ────────────────────────────────────────────────────────────────────────────────────

const SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT"];
/** A price with 2 decimals, a quantity with 3, a rate of 0.1 %–5 % with 4, an amount with 2. */
const price = fc.integer({ min: 100, max: 10_000_000 }).map((n) => n / 100);
const quantity = fc.integer({ min: 1, max: 50_000 }).map((n) => n / 1000);
const mmrArb = fc.integer({ min: 10, max: 500 }).map((n) => n / 10_000);
const cumArb = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
const sideArb = fc.constantFrom<"long" | "short">("long", "short");

/** One row per symbol (distinct symbols), each with its own mark. */
const oneWay = fc
  .array(fc.record({ side: sideArb, entry: price, quantity, move: fc.integer({ min: -30, max: 30 }), mmr: mmrArb, cum: cumArb }), { minLength: 1, maxLength: 5 })
  .map((xs) =>
    xs.map((x, i): Row => ({ symbol: SYMBOLS[i]!, side: x.side, entry: x.entry, quantity: x.quantity, mark: Math.round(x.entry * (100 + x.move)) / 100, mmr: x.mmr, cum: x.cum })),
  );
/** Any table: one-way rows plus, sometimes, an opposite leg in a symbol already there (hedge mode, same mark). */
const anyTable = fc.tuple(oneWay, fc.array(fc.record({ at: fc.nat(), entry: price, quantity, mmr: mmrArb }), { maxLength: 3 })).map(([rows, legs]) => [
  ...rows,
  ...legs.map((l): Row => {
    const base = rows[l.at % rows.length]!;
    return { ...base, side: base.side === "long" ? "short" : "long", entry: l.entry, quantity: l.quantity, mmr: l.mmr, cum: 0 };
  }),
]);
const wallet = fc.integer({ min: 0, max: 100_000_000 }).map((n) => n / 100);

/** WB + Σu − ΣMM at the marks, in Decimal. */
const surplusAtMarks = (rows: Row[], wb: number) => surplusWith(rows, wb, "\u0000", new D(0)).surplus;

describe("CROSSLIQ invariants", () => {
  it("with one position and nothing else equals WALLETLIQ", () => {
    fc.assert(
      fc.property(oneWay, wallet, (rows, wb) => {
        const r = rows[0]!;
        const alone = [r];
        // both need the account above maintenance: CROSSLIQ at the mark, WALLETLIQ at entry
        fc.pre(surplusAtMarks(alone, wb).gt(0) && surplusAtMarks([{ ...r, mark: r.entry }], wb).gt(0));
        const cross = liq(alone, wb)[0];
        let wallet: number | string;
        try {
          wallet = num(F.WALLETLIQ, r.side, r.entry, r.quantity, wb, r.mmr, r.cum);
        } catch (e) {
          wallet = (e as EngineError).code;
        }
        expect(cross).toBe(wallet);
      }),
      { numRuns: 300 },
    );
  });

  it("at the returned price the margin balance equals the maintenance margin (1e-9 relative)", () => {
    fc.assert(
      fc.property(anyTable, wallet, (rows, wb) => {
        fc.pre(surplusAtMarks(rows, wb).gt(0));
        const out = F.CROSSLIQ.apply(liqArgs(rows, wb)) as Table;
        out.forEach(([c], i) => {
          if (c instanceof EngineError) {
            expect(c.code).toBe("NA");
            return;
          }
          const { surplus, maintenance } = surplusWith(rows, wb, rows[i]!.symbol, c as Dec);
          expect(surplus.abs().lte(maintenance.abs().mul("1e-9").add("1e-12"))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("moving another symbol's mark against the account moves every other symbol's price toward its mark", () => {
    fc.assert(
      fc.property(oneWay, wallet, fc.nat(), fc.integer({ min: 1, max: 20 }), (rows, wb, which, pct) => {
        fc.pre(rows.length >= 2);
        const k = which % rows.length;
        const moved = rows.map((r, i) =>
          i !== k ? r : { ...r, mark: Math.round(r.mark * (r.side === "long" ? 100 - pct : 100 + pct)) / 100 },
        );
        fc.pre(moved[k]!.mark > 0 && surplusAtMarks(moved, wb).gt(0));
        const before = liq(rows, wb);
        const after = liq(moved, wb);
        rows.forEach((r, i) => {
          if (i === k) return;
          const a = after[i]!;
          const b = before[i]!;
          if (typeof b !== "number") return; // no price before: any price after is nearer
          expect(typeof a).toBe("number");
          expect(Math.abs((a as number) - r.mark)).toBeLessThan(Math.abs(b - r.mark));
          expect(Math.sign((a as number) - r.mark)).toBe(Math.sign(b - r.mark));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("swapping the row order changes only the order of the output", () => {
    fc.assert(
      fc.property(anyTable, wallet, fc.func(fc.integer()), (rows, wb, key) => {
        fc.pre(surplusAtMarks(rows, wb).gt(0));
        const order = rows.map((_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
        const before = liq(rows, wb);
        const after = liq(order.map((i) => rows[i]!), wb);
        expect(after).toEqual(order.map((i) => before[i]));
      }),
      { numRuns: 200 },
    );
  });

  it("a fully hedged symbol's price lies above its mark", () => {
    fc.assert(
      fc.property(oneWay, wallet, price, mmrArb, (rows, wb, otherEntry, otherMmr) => {
        const r = rows[0]!;
        const hedged = [...rows, { ...r, side: r.side === "long" ? "short" : "long", entry: otherEntry, mmr: otherMmr, cum: 0 } as Row];
        fc.pre(surplusAtMarks(hedged, wb).gt(0));
        const p = liq(hedged, wb)[0];
        expect(typeof p).toBe("number");
        expect(p as number).toBeGreaterThan(r.mark);
        expect(liq(hedged, wb).at(-1)).toBe(p);
      }),
      { numRuns: 300 },
    );
  });

  it("an account at or below maintenance at the marks is #NUM!", () => {
    fc.assert(
      fc.property(anyTable, fc.double({ min: 0, max: 1, noNaN: true }), (rows, f) => {
        const deficit = surplusAtMarks(rows, 0).neg(); // the wallet that would just cover maintenance
        fc.pre(deficit.gt(0));
        const wb = Math.floor(deficit.toNumber() * f * 100) / 100; // 0 ≤ wb ≤ deficit
        expect(errorOf(F.CROSSLIQ, ...liqArgs(rows, wb))).toEqual({ code: "NUM", field: undefined });
      }),
      { numRuns: 200 },
    );
  });

  it("the exact fast path answers what the Decimal path does where every cell is a price, and declines otherwise", () => {
    let answered = 0;
    fc.assert(
      fc.property(anyTable, wallet, (rows, wb) => {
        const args = liqArgs(rows, wb);
        const quick = F.CROSSLIQ.fast!(args);
        let slow: (number | string | null)[] | string;
        try {
          slow = liq(rows, wb);
        } catch (e) {
          slow = (e as EngineError).code;
        }
        if (typeof slow === "string" || slow.some((c) => typeof c !== "number")) {
          expect(quick).toBeUndefined();
          return;
        }
        if (quick === undefined) return; // a number too large to stay exact
        answered++;
        expect(quick).toEqual(slow.map((c) => [c]));
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it("the fast path answers tables where every symbol has a price", () => {
    let answered = 0;
    fc.assert(
      fc.property(anyTable, fc.integer({ min: 1, max: 1000 }), (rows, extra) => {
        const s0 = surplusAtMarks(rows, 0);
        const wb = Math.ceil(Math.max(0, -s0.toNumber())) + extra / 100; // just above maintenance
        const slow = liq(rows, wb);
        fc.pre(slow.every((c) => typeof c === "number"));
        const quick = F.CROSSLIQ.fast!(liqArgs(rows, wb));
        if (quick !== undefined) answered++;
        if (quick !== undefined) expect(quick).toEqual(slow.map((c) => [c]));
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(100);
  });
});

describe("size", () => {
  it("1,000 positions in 40 symbols, some hedged: one price per symbol, each where balance meets maintenance", () => {
    const rows: Row[] = Array.from({ length: 1000 }, (_, i) => {
      const s = i % 40;
      const mark = 100 + s * 37.25;
      return {
        symbol: `SYM${s}USDT`,
        side: i % 7 === 0 ? "short" : "long",
        // every row at a loss (longs entered above the mark, shorts below), so the wallet below is what keeps the account open
        entry: Math.round(mark * (i % 7 === 0 ? 1 - (i % 13) / 50 : 1 + (i % 13) / 50) * 100) / 100,
        quantity: 0.5 + (i % 11) / 10,
        mark,
        mmr: 0.005 + (i % 3) / 1000,
        cum: 0,
      };
    });
    const wb = Math.ceil(-surplusAtMarks(rows, 0).toNumber()) + 500; // 500 above maintenance at the marks
    const out = F.CROSSLIQ.apply(liqArgs(rows, wb)) as Table;
    expect(out).toHaveLength(1000);
    const bySymbol = new Map<string, Dec>();
    out.forEach(([c], i) => {
      expect(c).not.toBeInstanceOf(EngineError);
      const sym = rows[i]!.symbol;
      const seen = bySymbol.get(sym);
      if (seen) expect((c as Dec).eq(seen)).toBe(true);
      else bySymbol.set(sym, c as Dec);
    });
    for (const [sym, p] of bySymbol) {
      const { surplus, maintenance } = surplusWith(rows, wb, sym, p);
      expect(surplus.abs().lte(maintenance.mul("1e-9"))).toBe(true);
    }
    // the same table through the exact path gives the same numbers
    expect(F.CROSSLIQ.fast!(liqArgs(rows, wb))).toEqual(out.map(([c]) => [(c as Dec).toNumber()]));
  });
});
