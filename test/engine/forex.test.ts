import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, type Dec } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input } from "../helpers/vectors";

const decimal = (min: number, max: number, dp: number) =>
  fc.integer({ min, max }).map((n) => new D(n).div(10 ** dp).toString());

const dec = (fn: F.AnyEngineFunction, ...args: unknown[]) => fn.apply(args) as Dec;

const CURRENCIES = ["EUR", "USD", "GBP", "JPY", "CHF", "CAD", "AUD", "XAU"] as const;

describe("currency pairs and PIPSIZE", () => {
  it.each([
    ["EUR/USD", "0.0001"],
    ["EURUSD", "0.0001"],
    ["eur-usd", "0.0001"],
    [" gbp_usd ", "0.0001"],
    ["EUR USD", "0.0001"],
    // a JPY quote has a two-decimal pip (BabyPips; fx-trading-world USD/JPY)
    ["USD/JPY", "0.01"],
    ["eurjpy", "0.01"],
    // JPY as the base does not change the pip
    ["JPY/USD", "0.0001"],
  ])("PIPSIZE(%p) is %s", (pair, expected) => {
    expect(exact(F.PIPSIZE, pair)).toBe(expected);
  });

  it.each<[unknown, string]>([
    ["EURO", "a word that is not a pair"],
    ["EUR/EUR", "the same currency twice"],
    ["EUR/US", "a two-letter code"],
    ["", "a blank"],
    [1.1, "a number"],
  ])("rejects %p (%s) with #VALUE! naming pair", (pair) => {
    expect(errorOf(F.PIPSIZE, pair)).toEqual({ code: "VALUE", field: "pair" });
  });
});

describe("PIPS", () => {
  it.each([
    // hand: (1.1050 − 1.1000) / 0.0001 = 50
    ["EUR/USD", 1.1, 1.105, "50"],
    // hand: (149.50 − 150.00) / 0.01 = −50
    ["USD/JPY", 150, 149.5, "-50"],
    // hand: half a pip, decimal-exact: (1.26505 − 1.265) / 0.0001 = 0.5
    ["GBPUSD", 1.265, 1.26505, "0.5"],
  ])("PIPS(%p, %p, %p) is %s", (pair, a, b, expected) => {
    expect(exact(F.PIPS, pair, a, b)).toBe(expected);
  });

  it("counts k pips between p and p + k × pip size, and swapping the prices negates it", () => {
    fc.assert(
      fc.property(fc.constantFrom("EUR/USD", "USD/JPY", "GBP/CHF"), decimal(1, 10 ** 7, 3), fc.integer({ min: -9999, max: 9999 }), (pair, p, k) => {
        const b = new D(p).add(dec(F.PIPSIZE, pair).mul(k));
        fc.pre(b.gt(0));
        expect(dec(F.PIPS, pair, p, b.toString()).eq(k)).toBe(true);
        expect(dec(F.PIPS, pair, b.toString(), p).eq(-k)).toBe(true);
      }),
    );
  });
});

describe("PIPVALUE", () => {
  it("reproduces fx-trading-world's per-unit and per-lot pip values in a USD account (fxpip-02)", () => {
    const jpy = input("fxpip-02", "usdjpy");
    const chf = input("fxpip-02", "usdchf");
    // account = base: pip / rate
    expectVector("fxpip-02", "usdjpy_per_unit_usd", num(F.PIPVALUE, "USD/JPY", 1, "USD", jpy, undefined, 1));
    expectVector("fxpip-02", "usdchf_per_unit_usd", num(F.PIPVALUE, "USD/CHF", 1, "USD", chf, undefined, 1));
    expectVector("fxpip-02", "usdjpy_per_lot_usd", num(F.PIPVALUE, "USD/JPY", 1, "USD", jpy));
    expectVector("fxpip-02", "usdchf_per_lot_usd", num(F.PIPVALUE, "USD/CHF", 1, "USD", chf));
  });

  it("reproduces XM's EUR-account pip value for EUR/USD at 1.08962 (fxpip-04): EUR 9.18", () => {
    expectVector(
      "fxpip-04",
      "pip_value_eur",
      num(F.PIPVALUE, input("fxpip-04", "pair"), input("fxpip-04", "lots"), input("fxpip-04", "account_ccy"), input("fxpip-04", "rate")),
    );
  });

  it("reproduces the cross-currency pip value (fxpip-06): 2 lots of EUR/GBP is 20 GBP, $25.40 at GBP/USD 1.27", () => {
    const pair = input<string>("fxpip-06", "pair");
    const lots = input("fxpip-06", "lots");
    expectVector("fxpip-06", "pip_value_gbp", num(F.PIPVALUE, pair, lots));
    expectVector("fxpip-06", "pip_value_usd", num(F.PIPVALUE, pair, lots, input("fxpip-06", "account_ccy"), input("fxpip-06", "gbpusd"), "GBP/USD"));
  });

  it("reproduces the cross-pair risk example's pip value (fxrisk-04): EUR/GBP in a USD account at GBP/USD 1.25 is $12.50", () => {
    expectVector("fxrisk-04", "pip_value_per_lot_usd", num(F.PIPVALUE, input("fxrisk-04", "pair"), 1, input("fxrisk-04", "account_ccy"), input("fxrisk-04", "gbpusd"), "GBPUSD"));
  });

  it.each([
    // formulas.md §6 (BabyPips): USD/CAD at 1.0200 → $0.0001/1.02 = $0.0000980392… per unit
    ["USD/CAD", 1, "USD", 1.02, undefined, 1, "0.00009803921568627450980392156862745098"],
    // hand: the account is the quote currency: 0.0001 × 0.5 × 100,000 = 5, no rate needed
    ["EUR/USD", 0.5, "usd", undefined, undefined, undefined, "5"],
    // hand: the rate pair written the other way round (USD/GBP at 0.8): 20 GBP / 0.8 = $25
    ["EUR/GBP", 2, "USD", 0.8, "usd-gbp", undefined, "25"],
    // hand: a JPY quote in a EUR account via EUR/JPY 160: 0.01 × 1 × 100,000 = 1,000 JPY / 160 = €6.25
    ["GBP/JPY", 1, "EUR", 160, "EURJPY", undefined, "6.25"],
  ])("PIPVALUE(%p, %p, %p, %p, %p, %p) is %s", (pair, lots, ccy, rate, ratePair, cs, expected) => {
    expect(exact(F.PIPVALUE, pair, lots, ccy, rate, ratePair, cs)).toBe(expected);
  });

  it.each([
    ["a conversion with no rate", ["EUR/GBP", 1, "USD"], "VALUE", "rate"],
    ["a rate pair (defaulting to the pair) that does not join GBP and USD", ["EUR/GBP", 1, "USD", 1.27], "NA", "rate_pair"],
    ["a rate pair that does not join GBP and USD", ["EUR/GBP", 1, "USD", 1.27, "EUR/USD"], "NA", "rate_pair"],
    ["an account currency that is not a code", ["EUR/GBP", 1, "dollars", 1.27, "GBP/USD"], "VALUE", "account_ccy"],
    ["a zero rate", ["EUR/GBP", 1, "USD", 0, "GBP/USD"], "NUM", "rate"],
    ["negative lots", ["EUR/USD", -1], "NUM", "lots"],
  ])("rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.PIPVALUE, ...args)).toEqual({ code, field });
  });

  it("is linear in lots in the quote currency (and after conversion)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("EUR/USD", "USD/JPY", "EUR/GBP"),
        decimal(0, 10 ** 6, 2),
        decimal(0, 10 ** 6, 2),
        decimal(1, 10 ** 6, 4),
        (pair, a, b, rate) => {
          const sum = new D(a).add(b).toString();
          const pa = dec(F.PIPVALUE, pair, a);
          expect(dec(F.PIPVALUE, pair, sum).eq(pa.add(dec(F.PIPVALUE, pair, b)))).toBe(true);
          expect(dec(F.PIPVALUE, pair, new D(a).mul(7).toString()).eq(pa.mul(7))).toBe(true);
          const base = F.readPair(pair, "pair").base;
          const ca = dec(F.PIPVALUE, pair, a, base, rate);
          const cs = dec(F.PIPVALUE, pair, sum, base, rate);
          const cb = dec(F.PIPVALUE, pair, b, base, rate);
          expect(cs.sub(ca.add(cb)).abs().lte(cs.abs().mul("1e-32"))).toBe(true);
        },
      ),
    );
  });
});

describe("FXMARGIN", () => {
  it("reproduces the BabyPips forum margins (fxmargin-06): 10K GBP/USD at 1.98 is $198 at 100:1, $49.50 at 400:1", () => {
    const rate = input("fxmargin-06", "gbpusd");
    const lots = new D(input("fxmargin-06", "units")).div(100000).toString();
    expectVector("fxmargin-06", "gbpusd_margin_100x", num(F.FXMARGIN, "GBP/USD", lots, 100, "USD", rate));
    expectVector("fxmargin-06", "gbpusd_margin_400x", num(F.FXMARGIN, "GBP/USD", lots, "1:400", "USD", rate));
    expectVector("fxmargin-06", "three_mini_lots_400x", num(F.FXMARGIN, "GBP/USD", 0.3, 400, "USD", rate));
    // USD is the base: no conversion, 10,000 / 400 = $25
    expectVector("fxmargin-06", "usdchf_margin_400x", num(F.FXMARGIN, "USD/CHF", lots, 400, "USD"));
  });

  it("reproduces Vital Markets' USDCHF example (fxmargin-08): $200 in a USD account, 180.53 being CHF", () => {
    const pair = input<string>("fxmargin-08", "pair");
    const lots = input("fxmargin-08", "lots");
    const lev = input("fxmargin-08", "leverage");
    expectVector("fxmargin-08", "margin_usd_correct", num(F.FXMARGIN, pair, lots, lev, input("fxmargin-08", "account_ccy")));
    expectVector("fxmargin-08", "margin_by_source_formula", num(F.FXMARGIN, pair, lots, lev, "CHF", input("fxmargin-08", "price")));
  });

  it("reproduces Amalga's XAUUSD example (fxmargin-04): 1 lot of 100 oz at 1,738.54, 1:100 → $1,738.54", () => {
    expectVector(
      "fxmargin-04",
      "margin_usd",
      num(F.FXMARGIN, "XAU/USD", input("fxmargin-04", "lots"), input("fxmargin-04", "leverage"), "USD", input("fxmargin-04", "price"), undefined, input("fxmargin-04", "contract_size")),
    );
  });

  it("reproduces Anzo Capital's CAD/CHF example (fxmargin-02): 3,784.75 CHF, then $3,714.80 through USD/CHF", () => {
    const chf = num(F.FXMARGIN, "CAD/CHF", input("fxmargin-02", "lots"), input("fxmargin-02", "leverage"), "CHF", input("fxmargin-02", "price"), undefined, input("fxmargin-02", "contract_size"));
    expectVector("fxmargin-02", "margin_chf", chf);
    expectVector("fxmargin-02", "margin_usd", num(F.FXCONVERT, chf, "CHF", "USD", "USD/CHF", input("fxmargin-02", "usdchf")));
  });

  it.each([
    // hand: 1 lot EUR/USD at 30:1 in EUR: 100,000 / 30 = 3,333.33…
    ["EUR/USD", 1, 30, undefined, undefined, undefined, undefined, "3333.333333333333333333333333333333"],
    // hand: the same in USD at 1.10: 3,333.33… × 1.1 = 3,666.66…
    ["EUR/USD", 1, 30, "USD", 1.1, undefined, undefined, "3666.666666666666666666666666666667"],
    // hand: EUR/GBP in a USD account through EUR/USD 1.08: 100,000/50 = 2,000 EUR × 1.08 = $2,160
    ["EUR/GBP", 1, 50, "USD", 1.08, "EUR/USD", undefined, "2160"],
    // hand: a 10,000-unit contract: 2 × 10,000 / 20 = 1,000 EUR
    ["EUR/USD", 2, 20, "EUR", undefined, undefined, 10000, "1000"],
  ])("FXMARGIN(%p, %p, %p, %p, %p, %p, %p) is %s", (pair, lots, lev, ccy, rate, ratePair, cs, expected) => {
    expect(exact(F.FXMARGIN, pair, lots, lev, ccy, rate, ratePair, cs)).toBe(expected);
  });

  it.each([
    ["a conversion with no rate", ["EUR/USD", 1, 30, "USD"], "VALUE", "rate"],
    ["a rate pair that does not join EUR and JPY", ["EUR/USD", 1, 30, "JPY", 150, "USD/CHF"], "NA", "rate_pair"],
    ["a zero leverage", ["EUR/USD", 1, 0], "NUM", "leverage"],
  ])("rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.FXMARGIN, ...args)).toEqual({ code, field });
  });

  it("margin × leverage = lots × contract size in the base currency", () => {
    fc.assert(
      fc.property(decimal(0, 10 ** 6, 2), decimal(1, 10000, 1), (lots, lev) => {
        const m = dec(F.FXMARGIN, "GBP/JPY", lots, lev);
        expect(m.mul(lev).sub(new D(lots).mul(100000)).abs().lte(new D(lots).mul("1e-27"))).toBe(true);
      }),
    );
  });
});

describe("FXCONVERT", () => {
  it("reproduces Anzo Capital's FTSE 100 CFD margin in USD (cfd-08): 3,507.775 GBP × GBP/USD 1.35469", () => {
    // the GBP margin is lots × contract size × price × margin rate = 5 × 10 × 7,015.55 × 1 % = 3,507.775
    const gbp = new D(input("cfd-08", "lots")).mul(input("cfd-08", "contract_size")).mul(input("cfd-08", "price")).mul(input("cfd-08", "margin_rate"));
    expect(gbp.toString()).toBe("3507.775");
    expectVector("cfd-08", "margin_usd", num(F.FXCONVERT, gbp.toString(), "GBP", "USD", "GBP/USD", input("cfd-08", "gbpusd")));
  });

  it.each([
    // hand: 100 EUR at EUR/USD 1.1 → 110 USD (from the base: multiply)
    [100, "EUR", "USD", "EUR/USD", 1.1, "110"],
    // hand: 110 USD at EUR/USD 1.1 → 100 EUR (from the quote: divide)
    [110, "usd", "eur", "EURUSD", 1.1, "100"],
    // hand: 1,000 JPY at USD/JPY 160 → 6.25 USD
    [1000, "JPY", "USD", "usd-jpy", 160, "6.25"],
    // hand: the same currency needs no conversion
    [42, "CHF", "chf", "EUR/CHF", 0.95, "42"],
    // hand: decimal-exact: 0.1 × 0.3 = 0.03, not 0.030000000000000002
    [0.1, "GBP", "USD", "GBP/USD", 0.3, "0.03"],
  ])("FXCONVERT(%p, %p, %p, %p, %p) is %s", (amount, from, to, pair, rate, expected) => {
    expect(exact(F.FXCONVERT, amount, from, to, pair, rate)).toBe(expected);
  });

  it.each([
    ["a pair that does not join the currencies", [100, "EUR", "JPY", "EUR/USD", 1.1], "NA", "rate_pair"],
    ["a missing rate", [100, "EUR", "USD", "EUR/USD"], "VALUE", "rate"],
    ["a missing rate pair", [100, "EUR", "USD", undefined, 1.1], "VALUE", "rate_pair"],
    ["a currency that is not a code", [100, "EURO", "USD", "EUR/USD", 1.1], "VALUE", "from_ccy"],
    ["a negative rate", [100, "EUR", "USD", "EUR/USD", -1.1], "NUM", "rate"],
  ])("rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.FXCONVERT, ...args)).toEqual({ code, field });
  });

  it("there and back through the same pair is the identity (to 1e-12 relative, in fact to 1e-30)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...CURRENCIES),
        fc.boolean(),
        decimal(-(10 ** 12), 10 ** 12, 2),
        decimal(1, 10 ** 9, 5),
        (a, b, flip, amount, rate) => {
          fc.pre(a !== b);
          const pair = flip ? `${b}/${a}` : `${a}${b}`;
          const there = dec(F.FXCONVERT, amount, a, b, pair, rate);
          const back = dec(F.FXCONVERT, there.toString(), b, a, pair, rate);
          expect(back.sub(amount).abs().lte(new D(amount).abs().mul("1e-30"))).toBe(true);
        },
      ),
    );
  });
});

describe("FXLOTS", () => {
  it("sizes the anthonyjohnson.dev example (fxrisk-02): $100 over 50 pips at $10 a pip is 0.20 lots", () => {
    const risk = new D(input("fxrisk-02", "balance")).mul(input("fxrisk-02", "risk_pct")).toString();
    expectVector("fxrisk-02", "lots", num(F.FXLOTS, risk, input("fxrisk-02", "stop_pips"), input("fxrisk-02", "pip_value_per_lot")));
  });

  it("sizes the cross-pair example (fxrisk-04): $100 over 40 pips of EUR/GBP at $12.50 a pip is 0.20 lots", () => {
    const risk = new D(input("fxrisk-04", "balance")).mul(input("fxrisk-04", "risk_pct")).toString();
    const pv = num(F.PIPVALUE, "EUR/GBP", 1, "USD", input("fxrisk-04", "gbpusd"), "GBP/USD");
    expectVector("fxrisk-04", "lots", num(F.FXLOTS, risk, input("fxrisk-04", "stop_pips"), pv));
  });

  it.each([
    // hand: 100 / (30 × 10) = 0.333… → 0.33
    [100, 30, 10, undefined, "0.33"],
    // hand: a signed stop from PIPS is read as its size: 100 / (|−30| × 10) → 0.33
    [100, -30, 10, undefined, "0.33"],
    // hand: 50 / (200 × 10) = 0.025 → 0.02 at the default step, 0.025 at 0.001
    [50, 200, 10, undefined, "0.02"],
    [50, 200, 10, 0.001, "0.025"],
    // hand: 0.3 / (1 × 1) = 0.3 exactly: a 0.1 step keeps 0.3 (no 0.29999999999999998)
    [0.3, 1, 1, 0.1, "0.3"],
    // hand: too little risk for one step
    [1, 50, 10, undefined, "0"],
  ])("FXLOTS(%p, %p, %p, %p) is %s", (risk, stop, pv, step, expected) => {
    expect(exact(F.FXLOTS, risk, stop, pv, step)).toBe(expected);
  });

  it.each([
    ["a zero stop", [100, 0, 10], "DIV0", "stop_pips"],
    ["a zero pip value", [100, 20, 0], "DIV0", "pip_value_per_lot"],
    ["a zero lot step", [100, 20, 10, 0], "NUM", "lot_step"],
    ["a negative risk", [-100, 20, 10], "NUM", "risk_amount"],
  ])("rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.FXLOTS, ...args)).toEqual({ code, field });
  });

  it("never risks more than the amount, and within one lot step of it", () => {
    fc.assert(
      fc.property(
        decimal(0, 10 ** 8, 2),
        decimal(1, 100000, 1),
        decimal(1, 100000, 2),
        fc.constantFrom("0.01", "0.001", "0.1", "1"),
        (risk, stop, pv, step) => {
          const lots = dec(F.FXLOTS, risk, stop, pv, step);
          expect(lots.mod(step).isZero()).toBe(true);
          const perLot = new D(stop).mul(pv);
          const risked = lots.mul(perLot);
          // ≤ the amount up to the catalog's 15-digit pre-rounding of the exact size
          expect(risked.lte(new D(risk).div(perLot).toSignificantDigits(15).mul(perLot))).toBe(true);
          expect(new D(risk).sub(risked).lt(perLot.mul(step))).toBe(true);
        },
      ),
    );
  });
});

describe("SPREADCOST", () => {
  it("reproduces PipGauge's example (fxspread-02): 1.5 pips on 1 lot at $10 a pip is $15, $22 with $7 commission", () => {
    const pips = input("fxspread-02", "spread_pips");
    const pv = input("fxspread-02", "pip_value_per_lot");
    const lots = input("fxspread-02", "lots");
    expectVector("fxspread-02", "spread_cost", num(F.SPREADCOST, pips, lots, pv));
    expectVector("fxspread-02", "total_cost", num(F.SPREADCOST, pips, lots, pv, input("fxspread-02", "commission_round_turn_per_lot")));
  });

  it.each([
    // hand: 0.8 × 10 × 2.5 + 3.5 × 2.5 = 20 + 8.75 = 28.75
    [0.8, 2.5, 10, 3.5, "28.75"],
    // hand: 0.1 × 0.2 × 1 = 0.02 exactly
    [0.1, 1, 0.2, undefined, "0.02"],
  ])("SPREADCOST(%p, %p, %p, %p) is %s", (spread, lots, pv, comm, expected) => {
    expect(exact(F.SPREADCOST, spread, lots, pv, comm)).toBe(expected);
  });

  it("rejects a negative spread", () => {
    expect(errorOf(F.SPREADCOST, -1, 1, 10)).toEqual({ code: "NUM", field: "spread_pips" });
  });
});

describe("COMPOUND", () => {
  const start = input("comp-02", "start_balance");
  const rate = input("comp-02", "rate_per_month");

  it.each([
    [12, "end_12m_exact"],
    [24, "end_24m_exact"],
  ])("reproduces the closed form of the tenordahte table (comp-02): $1,000 at 4 %% a month for %i months", (months, key) => {
    expectVector("comp-02", key, num(F.COMPOUND, start, rate, months));
  });

  it.each([
    [12, "end_12m_rounded_each_period"],
    [24, "end_24m_rounded_each_period"],
    [36, "end_36m_rounded_each_period"],
  ])("reproduces the tenordahte table's cents rounding each month (comp-02) after %i months", (months, key) => {
    expectVector("comp-02", key, num(F.COMPOUND, start, rate, months, 0, 0.01));
  });

  it("gives the table's 1,601.02 where the closed form gives 1,601.03 (comp-02), to the cent", () => {
    expect(exact(F.COMPOUND, start, rate, 12, 0, 0.01)).toBe("1601.02");
    expect(dec(F.COMPOUND, start, rate, 12).toDecimalPlaces(2).toString()).toBe("1601.03");
  });

  it("reproduces the alternative example (comp-02): 1,000 × 1.05^6", () => {
    expectVector("comp-02", "alt_end", num(F.COMPOUND, start, input("comp-02", "alt_rate_per_period"), input("comp-02", "alt_periods")));
  });

  it("reproduces the day-trading projection (dt-02): $1,000 at 1 % a day for 20 days is $1,220.19, +22.02 %", () => {
    const s = input("dt-02", "start_balance");
    const end = num(F.COMPOUND, s, input("dt-02", "daily_return"), input("dt-02", "trading_days"));
    expectVector("dt-02", "end_balance", end);
    expectVector("dt-02", "total_return_pct", (end / s - 1) * 100);
  });

  it.each([
    // hand: 1,000 → 1,100 + 100 = 1,200 → 1,320 + 100 = 1,420; closed form 1,000 × 1.21 + 100 × 0.21/0.1 = 1,420
    [1000, 0.1, 2, 100, undefined, "1420"],
    // hand: no growth: 1,000 + 5 × 100 = 1,500
    [1000, 0, 5, 100, undefined, "1500"],
    // hand: no periods: the start
    [1000, 0.1, 0, 100, undefined, "1000"],
    // hand: withdrawals: 1,000 × 1.1 − 50 = 1,050 → 1,155 − 50 = 1,105
    [1000, 0.1, 2, -50, undefined, "1105"],
    // hand: a total loss each period: 1,000 × 0 + 10 = 10, twice → 10
    [1000, -1, 2, 10, undefined, "10"],
    // hand, rounded to whole units: 1 → 1.5→2 → 3 → 4.5→5 → 7.5→8 → 12 → 18 → 27 → 40.5→41 → 61.5→62 → 93 →
    // 139.5→140 → 210 (the closed form is 1.5^12 = 129.746…)
    [1, 0.5, 12, 0, 1, "210"],
    // hand: rounding to 0.05: 100 × 1.0333 = 103.33 → 103.35; × 1.0333 = 106.791555 → 106.8
    [100, 0.0333, 2, 0, 0.05, "106.8"],
  ])("COMPOUND(%p, %p, %p, %p, %p) is %s", (s, r, n, c, step, expected) => {
    expect(exact(F.COMPOUND, s, r, n, c, step)).toBe(expected);
  });

  it.each([
    ["fractional periods", [1000, 0.01, 1.5], "NUM", "periods"],
    ["negative periods", [1000, 0.01, -1], "NUM", "periods"],
    ["a loss of more than 100 % a period", [1000, -1.5, 3], "NUM", "rate"],
    ["a zero rounding step", [1000, 0.01, 3, 0, 0], "NUM", "round_to"],
    ["too many rounded periods", [1000, 0.01, F.MAX_ROUNDED_PERIODS + 1, 0, 0.01], "NUM", "periods"],
    ["a negative start", [-1000, 0.01, 3], "NUM", "start"],
  ])("rejects %s", (_what, args, code, field) => {
    expect(errorOf(F.COMPOUND, ...args)).toEqual({ code, field });
  });

  it("returns each period's row; rounded rows reproduce the tenordahte table (comp-02)", () => {
    const rows = F.compoundRows({ start: new D(1000), rate: new D("0.04"), periods: 12, contribution: new D(0), roundTo: new D("0.01") });
    expect(rows).toHaveLength(12);
    // hand: 1,000 × 1.04 = 1,040.00; 1,040 × 1.04 = 1,081.60; 1,081.60 × 1.04 = 1,124.864 → 1,124.86
    expect(rows.slice(0, 3).map((r) => [r.period, r.start.toString(), r.gain.toString(), r.end.toString()])).toEqual([
      [1, "1000", "40", "1040"],
      [2, "1040", "41.6", "1081.6"],
      [3, "1081.6", "43.26", "1124.86"],
    ]);
    expectVector("comp-02", "end_12m_rounded_each_period", rows[11]!.end.toNumber());
  });

  it("rows chain (each Start is the previous End, End = Start + Gain + Contribution) and the last End equals COMPOUND", () => {
    fc.assert(
      fc.property(
        decimal(0, 10 ** 7, 2),
        decimal(-1000, 2000, 4),
        fc.integer({ min: 1, max: 60 }),
        decimal(-10000, 10000, 2),
        fc.option(fc.constantFrom("0.01", "1", "0.05"), { nil: undefined }),
        (s, r, n, c, roundTo) => {
          const args = { start: new D(s), rate: new D(r), periods: n, contribution: new D(c), roundTo: roundTo === undefined ? undefined : new D(roundTo) };
          const rows = F.compoundRows(args);
          expect(rows).toHaveLength(n);
          rows.forEach((row, i) => {
            expect(row.period).toBe(i + 1);
            expect(row.start.eq(i === 0 ? args.start : rows[i - 1]!.end)).toBe(true);
            // exact up to the 34th significant digit (Start + Gain can need a 35th when the balance
            // crosses a power of ten)
            const scale = D.max(row.start.abs(), row.end.abs(), row.contribution.abs());
            expect(row.start.add(row.gain).add(row.contribution).sub(row.end).abs().lte(scale.mul("1e-32"))).toBe(true);
          });
          expect(rows[n - 1]!.end.eq(F.compound(args))).toBe(true);
          expect(rows[n - 1]!.end.eq(dec(F.COMPOUND, s, r, n, c, roundTo))).toBe(true);
        },
      ),
    );
  });

  // The brief's bound "periods × round_to / 2" holds only when the balance does not grow (rate ≤ 0): each
  // period's rounding error is carried forward and compounded, so for rate > 0 the bound is the geometric
  // sum round_to/2 · ((1 + r)^n − 1)/r (the 1.5^12 row above is off by 80 where n·h/2 = 6).
  it("with round_to stays within round_to/2 · Σ(1 + rate)^k of the unrounded balance (≤ periods × round_to/2 when rate ≤ 0)", () => {
    fc.assert(
      fc.property(
        decimal(0, 10 ** 8, 2),
        decimal(-500, 1000, 4),
        fc.integer({ min: 0, max: 120 }),
        decimal(-10000, 10000, 2),
        fc.constantFrom("0.01", "0.05", "1", "100"),
        (s, r, n, c, h) => {
          const exactEnd = dec(F.COMPOUND, s, r, n, c);
          const rounded = dec(F.COMPOUND, s, r, n, c, h);
          const g = new D(r).add(1);
          let sum = new D(0);
          for (let k = 0; k < n; k++) sum = sum.add(g.pow(k));
          const bound = new D(h).div(2).mul(sum);
          expect(rounded.sub(exactEnd).abs().lte(bound.mul("1.000000000001"))).toBe(true);
          if (new D(r).lte(0)) expect(rounded.sub(exactEnd).abs().lte(new D(h).div(2).mul(n).mul("1.000000000001"))).toBe(true);
        },
      ),
    );
  });
});
