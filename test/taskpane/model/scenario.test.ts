import { applyPreset, GUIDE_EXAMPLE, type FormValues } from "../../../src/taskpane/model/form";
import { buildScenario } from "../../../src/taskpane/model/scenario";
import { isError } from "../../../src/taskpane/model/expr";
import { expectVector, input } from "../../helpers/vectors";
import { close, figure, tradeOf } from "./helpers";


describe("the guide's example: deposit 2,000, leverage 1:50, one standard lot of EUR/USD at 1.0000", () => {
  // Hand calculation (the guide's figures): position value 1.0000 × 1 lot × 100,000 = 100,000;
  // margin 100,000 / 50 = 2,000; a 2 % move against the long takes price to 0.9800 and loses
  // 0.0200 × 100,000 = 2,000, so equity 2,000 − 2,000 = 0 and margin level 0 / 2,000 = 0 %.
  const s = buildScenario(tradeOf(GUIDE_EXAMPLE));

  it.each([
    ["Notional", 100000],
    ["Margin", 2000],
    ["FreeMargin", 0], // 2,000 − 2,000
    ["EffectiveLeverage", 50], // 100,000 / 2,000
    ["LevelAtOpen", 1], // 2,000 / 2,000 = 100 %
    ["CallPrice", 1], // margin level 100 % is reached at once: 1 + (2,000 × 1 − 2,000) / 100,000
    ["StopOutPrice", 0.99], // 50 %: equity 1,000, a loss of 1,000 = 0.0100 × 100,000
    ["StopOutDistance", 0.01], // (1.0000 − 0.9900) / 1.0000
  ])("the key figure %s is %d", (name, expected) => {
    close(figure(s, name), expected);
  });

  it("walks the 2 % adverse move: the broker stopped the trade out at 0.9900 first, so it closed with a loss of 1,000", () => {
    const last = s.walkthrough[s.walkthrough.length - 1]!;
    expect(last.step).toMatch(/2 % against/);
    expect(s.walkthrough.map((w) => w.step)).toEqual(["1. Open the trade", "2. Margin call", "3. Stop-out", "4. Price moves 2 % against you"]);
    const [price, move, pnl, equity, level, status] = last.cells.map((c) => c.value);
    close(price, 0.98);
    close(move, -0.02);
    // closed at the stop-out price 0.9900: loss 0.0100 × 100,000 = 1,000, equity 2,000 − 1,000 = 1,000
    close(pnl, -1000);
    close(equity, 1000);
    expect(level).toBe("closed");
    expect(status).toBe("STOP OUT");
    close(figure(s, "Margin"), 2000);
    // the guide's own figure: had it stayed open, 0.0200 × 100,000 = 2,000 lost (equity 0, margin level 0 %)
    expect(last.story.value).toMatch(/closed at the stop-out price.*would have lost 2000\./);
  });

  it("opens at the margin-call level, since the whole deposit is margin", () => {
    const [price, , pnl, equity, level, status] = s.walkthrough[0]!.cells.map((c) => c.value);
    close(price, 1);
    close(pnl, 0);
    close(equity, 2000);
    close(level, 1);
    expect(status).toBe("MARGIN CALL");
    expect(s.warnings.map((w) => w.id)).toContain("call-at-open");
  });

  it("loads with no retail cap, as the guide assumes, and notes that under ESMA's 30:1 it could not be opened", () => {
    expect(GUIDE_EXAMPLE.region).toBe("none");
    expect(s.blockers).toEqual([]);
    expect(s.opening.value).toMatch(/^The trade can be opened as set/);
    expect(s.warnings.find((w) => w.id === "no-retail-cap")!.text).toMatch(/ESMA's retail cap of 30:1 .* could not open this trade at 1:50/);
    // a retail client under ESMA: 1:50 is above 30:1 for major pairs, said first
    const esma = buildScenario(tradeOf({ ...GUIDE_EXAMPLE, region: "ESMA" }));
    expect(esma.blockers.map((w) => w.id)).toEqual(["above-retail-cap"]);
    expect(esma.opening.value).toMatch(/^THIS TRADE CANNOT BE OPENED AS SET: the leverage is above the ESMA retail cap; /);
  });

  it("tabulates 41 prices from −20 % to +20 % in 1 % steps, the −2 % row matching the walkthrough", () => {
    expect(s.rows).toHaveLength(41);
    const row = s.rows.find((r) => r.cells[1]!.value === -0.02)!;
    const [price, , pnl, roe, equity, level, status] = row.cells.map((c) => c.value);
    close(price, 0.98);
    close(pnl, -1000); // closed at the stop-out price 0.9900
    close(roe, -0.5); // −1,000 / 2,000 margin
    close(equity, 1000);
    expect(level).toBe("closed");
    expect(status).toBe("STOP OUT");
  });

  it("never shows a running loss on a closed position: every row at or beyond the stop-out carries the result it closed with", () => {
    const beyond = s.rows.filter((r) => (r.cells[0]!.value as number) <= 0.99);
    expect(beyond).toHaveLength(20); // −1 % … −20 %
    for (const r of beyond) {
      close(r.cells[2]!.value, -1000);
      close(r.cells[4]!.value, 1000);
      expect(r.cells[6]!.value).toBe("STOP OUT");
    }
    // at −20 % the old running loss was −18,000 on a 2,000 deposit; nothing on the table goes below 0 equity
    expect(s.rows.every((r) => (r.cells[4]!.value as number) >= 0)).toBe(true);
  });

  it.each([
    [0.01, 1.01, 1000, "OK"], // +1 %: 0.0100 × 100,000 = 1,000; equity 3,000; level 150 %
    [-0.005, 0.995, -500, "MARGIN CALL"], // equity 1,500 → 75 %: between 50 % and 100 %
    [-0.01, 0.99, -1000, "STOP OUT"], // equity 1,000 → exactly 50 %, the stop-out level
  ])("at a move of %d the price is %d, PnL %d and the status %s", (m, price, pnl, status) => {
    const t = tradeOf({ ...GUIDE_EXAMPLE, scenarioKind: "list", priceList: String(price) });
    const row = buildScenario(t).rows[0]!;
    close(row.cells[0]!.value, price);
    close(row.cells[1]!.value, m);
    close(row.cells[2]!.value, pnl);
    expect(row.cells[6]!.value).toBe(status);
  });
});

describe("worked examples from the sources", () => {
  it("matches Binance's ROI example: 0.5 BTC long at 60,000, 20x, closed at 61,000 (lev-002)", () => {
    const values: FormValues = {
      ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"),
      balance: "10000",
      entry: String(input("lev-002", "entry_price")),
      leverage: String(input("lev-002", "leverage")),
      quantity: String(input("lev-002", "qty_base")),
      feeRate: "0",
      scenarioKind: "list",
      priceList: String(input("lev-002", "exit_price")),
    };
    const s = buildScenario(tradeOf(values));
    expectVector("lev-002", "position_value", figure(s, "Notional"));
    expectVector("lev-002", "initial_margin", figure(s, "Margin"));
    expectVector("lev-002", "pnl", s.rows[0]!.cells[2]!.value);
    expectVector("lev-002", "roi_pct", (s.rows[0]!.cells[3]!.value as number) * 100);
  });

  it("finds the stop-out price of a 10,000-unit EUR/USD long at 1.1000, 1:100, balance 1,000 (ml-04)", () => {
    const values: FormValues = {
      ...GUIDE_EXAMPLE,
      balance: String(input("ml-04", "balance")),
      entry: String(input("ml-04", "entry_price")),
      leverage: String(input("ml-04", "leverage")),
      quantity: "0.1", // 10,000 units = 0.1 standard lot
      stopoutLevel: String(input("ml-04", "stop_out_level_pct")),
    };
    const s = buildScenario(tradeOf(values));
    expectVector("ml-04", "used_margin", figure(s, "Margin"));
    expectVector("ml-04", "stop_out_price", figure(s, "StopOutPrice"));
  });

  it("matches IG's CFD example: 2,000 DBS at 23.92 on a 10 % margin, closed at 24.20 (cfd-04)", () => {
    const values: FormValues = {
      ...applyPreset(GUIDE_EXAMPLE, "cfd"),
      balance: "10000",
      entry: String(input("cfd-04", "entry_price")),
      leverage: `${input<number>("cfd-04", "margin_rate") * 100}%`, // a margin rate, typed as one
      quantity: String(input("cfd-04", "units")),
      feeRate: "0",
      scenarioKind: "list",
      priceList: String(input("cfd-04", "exit_price")),
    };
    const s = buildScenario(tradeOf(values));
    expectVector("cfd-04", "margin", figure(s, "Margin"));
    expectVector("cfd-04", "profit", s.rows[0]!.cells[2]!.value);
  });

  it("marks a crypto row LIQUIDATED at and beyond the liquidation price, OK before it", () => {
    // Binance: 60,000 long, 10x, MMR 0.4 %: LP = (6,000 − 60,000) / (0.004 − 1) = 54,216.87 (liq-binance-usdm-iso-03)
    const values: FormValues = {
      ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"),
      balance: "10000",
      quantity: "0.1",
      scenarioKind: "list",
      priceList: "54300 54216.8674698795 54000",
    };
    const s = buildScenario(tradeOf(values));
    close(figure(s, "LiqPrice"), 54000 / 0.996, 6);
    expect(s.rows.map((r) => r.cells[6]!.value)).toEqual(["OK", "LIQUIDATED", "LIQUIDATED"]);
  });
});

describe("warnings", () => {
  const crypto = applyPreset(GUIDE_EXAMPLE, "crypto-linear");

  it("says first that the trade cannot be opened as set when liquidation comes before the stop", () => {
    // 10x long at 60,000 liquidates near 54,217, so a stop at 50,000 never fills.
    const s = buildScenario(tradeOf({ ...crypto, region: "none", balance: "10000", quantity: "0.1", stop: "50000" }));
    expect(s.blockers.map((w) => w.id)).toEqual(["liquidation-before-stop"]);
    expect(s.opening.value).toMatch(/CANNOT BE OPENED AS SET: the liquidation comes before the stop;/);
    expect(s.walkthrough[0]!.story.value).toMatch(/cannot be opened as set/);
  });

  it("does not object when the stop comes first", () => {
    const s = buildScenario(tradeOf({ ...crypto, region: "none", balance: "10000", quantity: "0.1", stop: "59000" }));
    expect(s.blockers).toEqual([]);
  });

  it.each([
    ["0.02", false], // 0.02 BTC × 1,000 = 20 + fees ≈ 0.2 % of 10,000
    ["0.3", true], // 0.3 × 1,000 = 300 + fees > 2 % of 10,000
  ])("warns about risk above 2 %% of the balance (quantity %s: %s)", (q, warned) => {
    const s = buildScenario(tradeOf({ ...crypto, balance: "10000", quantity: q, stop: "59000" }));
    expect(s.warnings.map((w) => w.id).includes("risk-above-2")).toBe(warned);
  });

  it("says first that a margin larger than the balance cannot be opened, and does not walk it through as opened", () => {
    // 1 BTC at 60,000 and 10x needs 6,000 of margin against a balance of 2,000 (the preset after the guide's example).
    const s = buildScenario(tradeOf({ ...crypto, region: "none", balance: "2000", quantity: "1" }));
    expect(s.blockers.map((w) => w.id)).toEqual(["margin-above-balance"]);
    expect(s.blockers[0]!.text).toMatch(/6,000\.00\) is larger than your balance \(2,000\.00\)/);
    expect(s.walkthrough[0]!.story.value).toMatch(/cannot be opened as set/);
  });

  it("holds an exchange's perpetual to the exchange's maximum for the symbol, not to a region's retail cap", () => {
    // ESMA caps crypto CFDs at 2:1; a perpetual on Binance is capped by Binance: 125x on BTCUSDT's first bracket
    for (const region of ["ESMA", "UK", "ASIC", "US", "none"] as const) {
      expect(buildScenario(tradeOf({ ...crypto, region, leverage: "125" })).blockers).toEqual([]);
    }
    const over = buildScenario(tradeOf({ ...crypto, leverage: "150" }));
    expect(over.blockers.map((w) => w.id)).toEqual(["above-exchange-max"]);
    expect(over.blockers[0]!.text).toMatch(/^Leverage 150x is above Binance's maximum of 125x for BTCUSDT/);
    expect(over.opening.value).toMatch(/CANNOT BE OPENED AS SET: the leverage is above Binance's maximum for BTCUSDT;/);
    // the input cell carries the figure and its source, so the sheet's check is live
    expect(over.inputs.find((i) => i.name === "MaxLeverage")!.note).toMatch(/2021-03-18/);
  });

  it("warns when the position is beyond the first bracket the exchange's maximum and rate are for", () => {
    // 1 BTC at 60,000 is 60,000 USDT, beyond the first bracket's 50,000
    const s = buildScenario(tradeOf({ ...crypto, quantity: "1" }));
    expect(s.warnings.map((w) => w.id)).toContain("beyond-first-bracket");
    expect(buildScenario(tradeOf({ ...crypto, quantity: "0.5" })).warnings.map((w) => w.id)).not.toContain("beyond-first-bracket");
  });
});

describe("figures the engine cannot give", () => {
  it("shows no liquidation price for a 1x long, as the catalog's #N/A", () => {
    const values = { ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"), leverage: "1", balance: "100000", quantity: "1" };
    const v = figure(buildScenario(tradeOf(values)), "LiqPrice");
    expect(isError(v) && v.error).toBe("#N/A");
  });
});

describe("margin views: isolated, cross and the account", () => {
  const crypto = { ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"), region: "none" as const, balance: "10000", quantity: "0.1", feeRate: "0" };

  it.each([
    ["isolated", crypto, "Isolated margin: "],
    ["cross", { ...crypto, marginMode: "cross" as const }, "Cross margin: "],
    ["account", GUIDE_EXAMPLE, "Account view: "],
  ])("says in every figure's explanation which view it is (%s)", (_view, values, prefix) => {
    const s = buildScenario(tradeOf(values));
    expect(s.figures.length).toBeGreaterThan(5);
    for (const f of s.figures) expect(f.explain.startsWith(prefix)).toBe(true);
  });

  it("isolated: the position's own margin is its equity; beyond liquidation it is lost and the row says closed", () => {
    // 0.1 BTC long at 60,000, 10x: margin 600; LP = 54,216.87 (liq-binance-usdm-iso-03); at 54,000 the position is gone
    const s = buildScenario(tradeOf({ ...crypto, scenarioKind: "list", priceList: "59000 54000" }));
    expect(s.columns).toEqual(["Price", "Move", "PnL", "ROE", "Position margin", "Margin ratio", "Status"]);
    const [open, gone] = s.rows.map((r) => r.cells.map((c) => c.value));
    close(open![2], -100); // (59,000 − 60,000) × 0.1
    close(open![4], 500); // 600 − 100
    // Binance's margin ratio: maintenance 59,000 × 0.1 × 0.4 % = 23.6 over the margin balance 500 = 4.72 %
    close(open![5], 23.6 / 500);
    expect(open![6]).toBe("OK");
    close(gone![2], -600); // the whole isolated margin
    close(gone![3], -1);
    close(gone![4], 0);
    expect(gone![5]).toBe("closed");
    expect(gone![6]).toBe("LIQUIDATED");
  });

  it("cross: the balance backs the position, liquidation at WALLETLIQ; beyond it the balance is lost, never more", () => {
    // 0.1 BTC long at 60,000 with 10,000 behind it, mmr 0.4 %: WB + q·(P − E) = q·P·mmr ⇒
    // P = (q·E − WB)/(q·(1 − mmr)) = (6,000 − 10,000)/(0.0996) < 0: this account is never liquidated (#N/A)
    const safe = buildScenario(tradeOf({ ...crypto, marginMode: "cross", scenarioKind: "list", priceList: "30000" }));
    expect(isError(figure(safe, "LiqPrice")) && (figure(safe, "LiqPrice") as { error: string }).error).toBe("#N/A");
    expect(safe.rows[0]!.cells[6]!.value).not.toBe("LIQUIDATED");
    // 1 BTC with 10,000: P = (60,000 − 10,000)/(1 × 0.996) = 50,200.80…; at 50,000 the balance is gone
    const s = buildScenario(tradeOf({ ...crypto, quantity: "1", marginMode: "cross", scenarioKind: "list", priceList: "55000 50000" }));
    close(figure(s, "LiqPrice"), 50000 / 0.996, 6);
    const [open, gone] = s.rows.map((r) => r.cells.map((c) => c.value));
    close(open![4], 5000); // 10,000 − 5,000
    close(gone![2], -10000);
    close(gone![4], 0);
    expect(gone![6]).toBe("LIQUIDATED");
  });
});
