import { applyPreset, applySymbol, GUIDE_EXAMPLE, START, type FormValues } from "../../../src/taskpane/model/form";
import { validate } from "../../../src/taskpane/model/validate";
import { decimalsFormat, formatDecimals, priceDigits } from "../../../src/taskpane/model/formats";
import { PRESETS } from "../../../src/taskpane/model/presets";
import { buildScenario } from "../../../src/taskpane/model/scenario";
import { scenarioPlan } from "../../../src/taskpane/model/plan";
import { findSymbol, SYMBOLS, symbolsOf } from "../../../src/taskpane/model/symbols";
import { close, figure, tradeOf } from "./helpers";

/*
 * The trader's own instrument: the symbol and its steps from the bundled table, prices shown with the
 * tick's decimals and 5 significant digits, forex converted into the account currency, the exchange's cap
 * for a perpetual, and every market's defaults opening whatever balance the market before left behind.
 */

describe("the table of common symbols", () => {
  it("gives every symbol its steps, contract size and sources, and every market its default symbol", () => {
    for (const s of SYMBOLS) {
      expect([s.symbol, Number(s.tick) > 0, Number(s.step) > 0, Number(s.contractSize) > 0]).toEqual([s.symbol, true, true, true]);
      expect(s.source.length).toBeGreaterThan(30);
      if (s.cap) expect(s.cap.source.length).toBeGreaterThan(30);
    }
    for (const p of PRESETS) expect(findSymbol(p.id, p.defaults.symbol.value)?.symbol).toBe(p.defaults.symbol.value);
    // a sub-cent coin is among them
    expect(symbolsOf("crypto-linear").some((s) => Number(s.price) < 0.01)).toBe(true);
  });

  it("finds a symbol however it is typed", () => {
    expect(findSymbol("forex", "usdjpy")?.symbol).toBe("USD/JPY");
    expect(findSymbol("crypto-linear", " ethusdt ")?.symbol).toBe("ETHUSDT");
    expect(findSymbol("crypto-linear", "EUR/USD")).toBeUndefined();
  });

  it("fills a picked symbol's steps, contract size, price, size and first bracket's rate", () => {
    const eth = applySymbol(START, findSymbol("crypto-linear", "ETHUSDT")!);
    expect([eth.symbol, eth.tick, eth.quantityStep, eth.contractSize, eth.entry, eth.quantity, eth.mmr]).toEqual(["ETHUSDT", "0.01", "0.001", "1", "3000", "1", "0.65"]);
    // the table carries no bracket rate for NEIROUSDT: the field is left blank and asked for, never BTC's kept
    const neiro = applySymbol(START, findSymbol("crypto-linear", "NEIROUSDT")!);
    expect(neiro.mmr).toBe("");
    expect(validate(neiro).errors.mmr).toMatch(/^Enter the maintenance-margin rate of your bracket for NEIROUSDT/);
  });
});

describe("a coin-margined balance follows its coin", () => {
  it("refills the balance when the picked symbol's coin is not the coin it was filled for, even after typing", () => {
    const coinm = applyPreset(START, "crypto-inverse"); // 0.1 BTC for BTCUSD_PERP
    // the trader types "ETHUSD" (the field's text changes as typed), then picks ETHUSD_PERP: 0.1 was BTC, so 1 ETH
    expect(applySymbol({ ...coinm, symbol: "ETHUSD" }, findSymbol("crypto-inverse", "ETHUSD_PERP")!).balance).toBe("1");
    // the same coin again: the balance the trader typed is kept
    expect(applySymbol({ ...coinm, balance: "0.5" }, findSymbol("crypto-inverse", "BTCUSD_PERP")!).balance).toBe("0.5");
  });
});

describe("prices shown with the tick's decimals and 5 significant digits", () => {
  it.each([
    // [price, tick, format, shown]: the tick's decimals at least; more while 5 significant digits need them
    [60000, "0.10", "#,##0.00", "60,000.00"], // BTCUSDT: the tick's 2 decimals (5 significant digits need none)
    [54216.86746987952, "0.10", "#,##0.00", "54,216.87"],
    [1.1, "0.00001", "#,##0.00000", "1.10000"], // EUR/USD: 5 decimals of the tick
    [150, "0.001", "#,##0.000", "150.000"], // USD/JPY
    [23.92, "0.01", "#,##0.00#", "23.92"], // DBS: 2 fixed, a third for 5 significant digits (23.920 → 23.92)
    [0.0012345, "0.0000001", "#,##0.0000000", "0.0012345"], // NEIROUSDT: 7 decimals either way
    [0.000012, "0.0000001", "#,##0.0000000##", "0.0000120"], // 0.000012 keeps its digits, never 0.00001
    [0.158, undefined, "#,##0.00###", "0.158"], // no tick known (DOGE in a positions table): 5 significant digits
    [0.1612, undefined, "#,##0.00###", "0.1612"],
    [7500, "1", "#,##0.0", "7,500.0"], // a tick of 1: one decimal, never "7,500." (Excel shows 0.### that way)
  ])("%p with a tick of %p is %s, shown %s", (price, tick, format, text) => {
    const d = priceDigits(price, tick);
    expect(decimalsFormat(d)).toBe(format);
    expect(formatDecimals(price, d)).toBe(text);
  });

  it("rounds as Excel does, half away from zero on 15 significant digits", () => {
    expect(formatDecimals(1.005, { min: 2, max: 2 })).toBe("1.01"); // 1.00499999999999989… in binary
    expect(formatDecimals(999.999, { min: 2, max: 2 })).toBe("1,000.00");
    expect(formatDecimals(-0.001, { min: 2, max: 2 })).toBe("0.00"); // no "-0.00"
    expect(formatDecimals(-1234.5, { min: 2, max: 2 }, false)).toBe("-1234.50");
  });

  it("shows the sub-cent coin's liquidation price with its digits in the review and the sheet", () => {
    // NEIROUSDT long 1,000,000 at 0.0012345, 10x, maintenance 1 %: LIQPRICE = 0.0012345 × (1 − 1/10)/(1 − 0.01)
    // = 0.00111105/0.99 = 0.00112227…, shown to the tick's 7 decimals: 0.0011223
    const v = { ...applySymbol(START, findSymbol("crypto-linear", "NEIROUSDT")!), entry: "0.0012345", quantity: "1000000", mmr: "1" };
    const s = buildScenario(tradeOf(v));
    close(figure(s, "LiqPrice"), (0.0012345 * 0.9) / 0.99, 12);
    expect(formatDecimals(figure(s, "LiqPrice") as number, s.trade.prices)).toBe("0.0011223");
    const plan = scenarioPlan(s);
    const liq = plan.names.find((n) => n.name === "LiqPrice")!.cell;
    expect(plan.formats.find((f) => f.range === liq)!.format).toBe("#,##0.0000000");
    expect(s.title.value).toBe("LEV scenario: NEIROUSDT long 1000000 NEIRO at 0.0012345, leverage 10x, isolated margin");
  });
});

describe("prices and sizes on the instrument's steps", () => {
  it.each<[Partial<FormValues>, "entry" | "stop" | "quantity", RegExp]>([
    [{ entry: "60000.05" }, "entry", /^The entry price 60,000\.05 is not on BTCUSDT's price step of 0\.10: the venue takes 60,000\.00 or 60,000\.10\.$/],
    [{ stop: "58999.99" }, "stop", /not on BTCUSDT's price step/],
    [{ quantity: "0.0015" }, "quantity", /^The quantity 0\.0015 is not a whole number of quantity steps \(0\.001\): enter 0\.001 or 0\.002\.$/],
  ])("asks about %j rather than round it", (change, id, message) => {
    const v = validate({ ...START, ...change });
    expect(v.trade).toBeUndefined();
    expect(v.errors[id]).toMatch(message);
  });

  it("rounds a position value down to whole quantity steps: 1,000 USDT of BTC at 60,000 is 0.016 BTC", () => {
    // 1,000 / 60,000 = 0.016666… → 0.016 (never worth more than asked)
    expect(tradeOf({ ...START, sizeMode: "value", value: "1000" }).quantity.toString()).toBe("0.016");
  });

  it("sizes from risk with the fees of opening and of closing at the stop: 1 % asked is at most 1 % at the stop", () => {
    // 10,000 × 1 % = 100 over 1,200 + 0.055 % × (60,000 + 58,800) = 1,265.34 per BTC: 0.07903 → 0.079 BTC
    // (LEV.RISKSIZE's hand row); the loss at the stop is 0.079 × 1,265.34 = 99.96, 0.9996 % of the balance
    const t = tradeOf({ ...START, sizeMode: "risk", riskPct: "1", stop: "58800" });
    expect(t.quantity.toString()).toBe("0.079");
    const s = buildScenario(t);
    close(figure(s, "RiskAtStop"), -0.079 * 1265.34, 9);
    close(figure(s, "RiskPct"), 0.009996186, 9);
    expect(s.warnings.map((w) => w.id)).not.toContain("risk-above-2");
  });
});

describe("forex in another currency than the account's", () => {
  const fx = applyPreset(START, "forex");

  it("fills the conversion when a pair is picked: the pair itself for USD/JPY, GBP/USD from the table for EUR/GBP", () => {
    const jpy = applySymbol(fx, findSymbol("forex", "USD/JPY")!);
    expect([jpy.ratePair, jpy.rate]).toEqual(["USD/JPY", "150"]);
    const gbp = applySymbol(fx, findSymbol("forex", "EUR/GBP")!);
    expect([gbp.ratePair, gbp.rate]).toEqual(["GBP/USD", "1.27"]);
    const usd = applySymbol(fx, findSymbol("forex", "EUR/USD")!);
    expect([usd.ratePair, usd.rate]).toEqual(["", ""]);
  });

  it("asks for the rate, beside its field, when the quote currency is not the account's", () => {
    const v = validate({ ...fx, symbol: "USD/JPY", tick: "0.001", entry: "150", ratePair: "USD/JPY", rate: "" });
    expect(v.errors.rate).toMatch(/^Enter the price of USD\/JPY, which converts JPY amounts into USD\.$/);
    expect(validate({ ...fx, symbol: "USD/JPY", tick: "0.001", entry: "150", ratePair: "EUR/CHF", rate: "1" }).errors.ratePair).toMatch(/EUR\/CHF does not join JPY and USD/);
    expect(validate({ ...fx, accountCcy: "dollars" }).errors.accountCcy).toMatch(/three-letter code/);
    // LEV.FXCONVERT's rate bounds: more than 0
    expect(validate({ ...fx, symbol: "USD/JPY", tick: "0.001", entry: "150", ratePair: "USD/JPY", rate: "0" }).errors.rate).toBe("The conversion rate must be more than 0.");
  });

  it("works USD/JPY in US dollars: margin 3,333.33, the stop-out at 145.000 and every amount converted at 150", () => {
    // 1 lot = 100,000 USD at 150.000 = 15,000,000 JPY; at 1:30 the margin is 500,000 JPY = 3,333.33 USD (LEV.FXMARGIN's
    // 100,000/30 in the base currency, USD). The balance 5,000 USD is 750,000 JPY; equity falls to 50 % of the margin,
    // 250,000 JPY, after a loss of 500,000 JPY = 5.000 yen per dollar: stop-out at 145.000; margin call (100 %) at 147.500.
    // A stop at 148.500 loses 1.5 × 100,000 = 150,000 JPY = 1,000.00 USD.
    const t = tradeOf({ ...applySymbol(fx, findSymbol("forex", "USD/JPY")!), quantity: "1", balance: "5000", stop: "148.5" });
    const s = buildScenario(t);
    close(figure(s, "Notional"), 100000, 9);
    close(figure(s, "Margin"), 100000 / 30, 9);
    close(figure(s, "StopOutPrice"), 145, 9);
    close(figure(s, "CallPrice"), 147.5, 9);
    close(figure(s, "RiskAtStop"), -1000, 9);
    expect(s.figures.find((f) => f.name === "Margin")!.label).toBe("Required margin (USD)");
    expect(formatDecimals(figure(s, "StopOutPrice") as number, t.prices)).toBe("145.000");
    // the conversion is two inputs of the sheet, and each amount a LEV.FXCONVERT of it
    expect(s.inputs.filter((i) => i.name === "RatePair" || i.name === "Rate").map((i) => i.value)).toEqual(["USD/JPY", 150]);
    expect(s.figures.find((f) => f.name === "Notional")!.expr.text).toMatch(/^LEV\.FXCONVERT\(LEV\.NOTIONAL\(Entry, Quantity, ContractSize\), "JPY", "USD", RatePair, Rate\)$/);
  });

  it("works EUR/GBP in US dollars through the GBP/USD rate", () => {
    // 2 lots short at 0.85000: 170,000 GBP × 1.27 = 215,900 USD; at 1:30 the margin is 7,196.67 USD; balance 8,000:
    // margin level 8,000/7,196.67 = 111.16 %
    const t = tradeOf({ ...applySymbol(fx, findSymbol("forex", "EUR/GBP")!), side: "short", quantity: "2", balance: "8000" });
    const s = buildScenario(t);
    close(figure(s, "Notional"), 215900, 9);
    close(figure(s, "Margin"), 215900 / 30, 9);
    close(figure(s, "LevelAtOpen"), 8000 / (215900 / 30), 12);
  });
});

describe("every market's defaults open", () => {
  /** Opens a preset from `from` as the pane does (the balance carries over while the unit stays) and checks the trade. */
  const opens = (from: FormValues, market: (typeof PRESETS)[number]["id"]) => {
    const values = applyPreset(from, market);
    const v = validate(values);
    expect([market, v.errors]).toEqual([market, {}]);
    const s = buildScenario(v.trade!);
    expect([market, s.blockers.map((b) => b.text)]).toEqual([market, []]);
    expect(String(s.opening.value)).toMatch(/^The trade can be opened as set: /);
    expect(scenarioPlan(s).blocks.length).toBeGreaterThan(5);
    return values;
  };

  it("from the start state, which is the first market's defaults", () => {
    expect(START.market).toBe(PRESETS[0]!.id);
    for (const p of PRESETS) opens(START, p.id);
  });

  it.each(PRESETS.map((p) => [p.id]))("after %s, for every other market (the balance carries over between markets)", (first) => {
    const after = applyPreset(START, first);
    for (const p of PRESETS) opens(after, p.id);
  });

  it("after the guide's example too, whose 2,000 carries over", () => {
    for (const p of PRESETS) opens(GUIDE_EXAMPLE, p.id);
  });
});

describe("the walkthrough follows the order price reaches its steps", () => {
  it("puts the 2 % move before the stop-out once the guide's trade is at 30x with 5,000", () => {
    // margin 100,000/30 = 3,333.33; margin call at equity 3,333.33 (a loss of 1,666.67): 0.98333; stop-out at 1,666.67
    // (a loss of 3,333.33): 0.96667. The 2 % move (0.98000) comes between them, still open, in a margin call.
    const s = buildScenario(tradeOf({ ...GUIDE_EXAMPLE, leverage: "30", balance: "5000" }));
    expect(s.walkthrough.map((w) => w.step)).toEqual(["1. Open the trade", "2. Margin call", "3. Price moves 2 % against you", "4. Stop-out"]);
    const [, call, move, out] = s.walkthrough;
    close(call!.cells[0]!.value, 1 - 1666.6666666666667 / 100000, 9);
    close(out!.cells[0]!.value, 1 - 3333.3333333333335 / 100000, 9);
    expect(move!.cells[5]!.value).toBe("MARGIN CALL");
    expect(move!.story.value).toBe("The position is still open; status: MARGIN CALL.");
    expect(s.walkOrder.value).toBe(2);
  });
});
