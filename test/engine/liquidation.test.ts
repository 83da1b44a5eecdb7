import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D, type Dec } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input, vector } from "../helpers/vectors";

/** Binance BTCUSDT brackets of 2021-03-18 (vector liq-binance-usdm-tier-02), three columns. */
const BTCUSDT = vector("liq-binance-usdm-tier-02").inputs.brackets as number[][];

/** |a − b| ≤ tol, in Decimal. */
function near(a: Dec, b: Dec, tol = "1e-20"): boolean {
  return a.sub(b).abs().lte(new D(tol).mul(D.max(1, b.abs())));
}

describe("LIQPRICE with a rate", () => {
  it("matches the popular entry-value approximation (liq-approx-01): 60,000 at 10x, mmr 0.4 % → 54,240 / 65,760", () => {
    const [e, l, m] = [input("liq-approx-01", "entry_price"), input("liq-approx-01", "leverage"), input("liq-approx-01", "mmr")];
    expectVector("liq-approx-01", "liq_price_long", num(F.LIQPRICE, "long", e, l, m, 0, 1, 0, "entry"));
    expectVector("liq-approx-01", "liq_price_short", num(F.LIQPRICE, "short", e, l, m, 0, 1, 0, "entry"));
  });

  it.each([
    // Bybit "Liquidation Price (USDT Contract)" example 1: 1 BTC long at 20,000, 50x, MMR 0.5 % → 19,700
    ["liq-bybit-usdt-iso-01", "long", 20000, 50, 0.005, 1],
    // freqtrade bybit rows: EP 10, 10x, MMR 1 % → 10·(1 − 0.1 + 0.01) = 9.1
    ["liq-bybit-usdt-iso-ft-01", "long", 10, 10, 0.01, 1],
    // freqtrade bybit rows: at 1x the entry-value form gives EP·MMR = 0.1 (Binance's form has no price)
    ["liq-bybit-usdt-iso-ft-03", "long", 10, 1, 0.01, 1],
  ])("matches Bybit's entry-value form (%s)", (id, side, entry, lev, mmr, qty) => {
    expectVector(id, "liq_price", num(F.LIQPRICE, side, entry, lev, mmr, 0, qty, 0, "entry"));
  });

  it("matches Bybit's USDT example with an MM deduction and extra margin (liq-bybit-usdt-iso-03)", () => {
    // LP = E − (IM − MM)/size − extra/size. A maintenance amount and extra isolated margin enter the
    // requirement the same way (both are subtracted from MM − IM), so maint_amount = deduction + extra:
    // 30000 − (3000 − (600 − 150) + 500)/2 = 30000 − 1525 = 28,475.
    const v = vector("liq-bybit-usdt-iso-03").inputs as Record<string, number>;
    const amount = v.mm_deduction! + v.extra_margin!;
    expectVector("liq-bybit-usdt-iso-03", "liq_price", num(F.LIQPRICE, "long", v.entry_price, v.leverage, v.mmr, amount, v.size_base, 0, "entry"));
  });

  it.each([
    // freqtrade gate/okx rows: EP 10, margin 2 (5x), MMR 1 %, taker 0.06 % → (10 − 2)/(1 − 0.0106) = 8.0857…
    ["liq-gate-okx-iso-01"],
    // same with margin 10/3 (3x) → (10 − 3.3333…)/0.9894 = 6.7381…
    ["liq-gate-okx-iso-03"],
  ])("matches Gate/OKX's form with the close fee in the denominator (%s)", (id) => {
    const v = vector(id).inputs as Record<string, number>;
    // the vector's margin is q·E/L, which is what LIQPRICE assumes
    expect(Math.abs(v.margin! - (v.qty_base! * v.entry_price!) / v.leverage!)).toBeLessThan(1e-12);
    expectVector(id, "liq_price", num(F.LIQPRICE, "long", v.entry_price, v.leverage, v.mmr, 0, v.qty_base, v.taker_fee));
  });

  it.each([
    // freqtrade binance rows (WB = q·E/L): short EP 10, 3x, MMR 1 %, cum 0.01 → 13.2112…
    ["liq-binance-usdm-iso-ft-02"],
    // long → 6.7239…
    ["liq-binance-usdm-iso-ft-04"],
  ])("matches Binance's formula with a maintenance amount (%s)", (id) => {
    const v = vector(id).inputs as Record<string, number | string>;
    expectVector(id, "liq_price", num(F.LIQPRICE, v.side, v.entry_price, v.leverage, v.mmr, v.maint_amount_cum, v.qty_base));
  });

  it("reproduces Phemex's USDT-M example when its reserved close fee is passed as maint_amount (liq-phemex-usdtm-iso-01)", () => {
    // Phemex: LP = (OV − aPB − mmAmount)/(1 − taker − MMR)/size with aPB = OV/L + (OV − OV/L)·taker, the close
    // fee at bankruptcy value reserved in the position's balance. LIQPRICE's close_fee_rate puts the taker in
    // the denominator; the reserved fee (200 − 40)·0.0006 = 0.096 is extra balance, which enters exactly as a
    // maintenance amount does: (40 + 0.096 − 200)/(500·(0.01 + 0.0006) − 500) = 0.323234…
    const v = vector("liq-phemex-usdtm-iso-01").inputs as Record<string, number>;
    const open = v.size! * v.entry_price!;
    const reserved = (open - open / v.leverage!) * v.taker_fee!;
    expectVector("liq-phemex-usdtm-iso-01", "assigned_pos_balance", open / v.leverage! + reserved);
    expectVector(
      "liq-phemex-usdtm-iso-01",
      "liq_price",
      num(F.LIQPRICE, "long", v.entry_price, v.leverage, v.mmr, reserved, v.size, v.taker_fee),
    );
    // without the reserved fee, the catalog's close-fee form alone is 160/494.7 = 0.323428…, 0.0002 off
    expect(num(F.LIQPRICE, "long", v.entry_price, v.leverage, v.mmr, 0, v.size, v.taker_fee)).toBeCloseTo(0.32342834, 8);
  });

  it.each([
    // hand: Binance, q = 1: (60000/10 − 60000)/(0.005 − 1) = −54000/−0.995 = 54271.356783919597989949748743718593
    ["long", 60000, 10, undefined, "54271.35678391959798994974874371859"],
    // hand: short (6000 + 60000)/(0.005 + 1) = 66000/1.005 = 65671.641791044776119402985074626866
    ["short", 60000, 10, undefined, "65671.64179104477611940298507462687"],
    // hand: entry basis, E·(1 − 1/L + mmr) = 20000·(1 − 0.02 + 0.005) = 19700
    ["long", 20000, 50, "entry", "19700"],
    // hand: entry basis short, 20000·(1 + 0.02 − 0.005) = 20300
    ["short", 20000, 50, "entry", "20300"],
  ])("%s at %s, %sx (%s basis) is %s", (side, entry, lev, basis, expected) => {
    expect(exact(F.LIQPRICE, side, entry, lev, undefined, undefined, undefined, undefined, basis)).toBe(expected);
  });

  it.each([
    // Binance 1x long: cum/(q·(mmr − 1)) ≤ 0, no liquidation
    [["long", 60000, 1], "NA", undefined],
    // 250x at 0.5 %: leverage × mmr = 1.25 ≥ 1, liquidated as it opens
    [["long", 60000, 250], "NUM", undefined],
    [["short", 60000, 250], "NUM", undefined],
    [["long", 0, 10], "NUM", "entry"],
    [["long", 60000, 0], "NUM", "leverage"],
    [["lnog", 60000, 10], "VALUE", "side"],
    [["long", 60000, 10, 1], "NUM", "mmr"],
    [["long", 60000, 10, 0.005, -1], "NUM", "maint_amount"],
    [["long", 60000, 10, 0.005, 0, 0], "NUM", "quantity"],
    [["long", 60000, 10, 0.005, 0, 1, 1], "NUM", "close_fee_rate"],
    [["long", 60000, 10, 0.005, 0, 1, 0, "mark"], "VALUE", "mm_basis"],
  ])("LIQPRICE(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.LIQPRICE, ...args)).toEqual({ code, field });
  });
});

describe("LIQPRICE with a tier table", () => {
  it("chooses the bracket that holds the notional at the liquidation price (liq-binance-usdm-tier-02)", () => {
    const v = vector("liq-binance-usdm-tier-02").inputs as Record<string, number>;
    // wallet 400,000 = q·E/L, as LIQPRICE assumes
    expect(v.wallet_balance).toBe((v.qty_base! * v.entry_price!) / v.leverage!);
    const lp = num(F.LIQPRICE, "long", v.entry_price, v.leverage, BTCUSDT, undefined, v.qty_base);
    expectVector("liq-binance-usdm-tier-02", "liq_price", lp);
    const tier = F.findTier(F.readTierTable(BTCUSDT, "mmr"), new D(lp).mul(v.qty_base!));
    expectVector("liq-binance-usdm-tier-02", "mmr_used", tier.mmr.toNumber());
    expectVector("liq-binance-usdm-tier-02", "cum_used", tier.amount.toNumber());
  });

  it.each([
    // hand: long 30 @ 40,000 (notional 1.2M, bracket 4), 5x → margin 240,000. Bracket 4 (2.5 %, cum 16,300)
    // gives (240000 + 16300 − 1200000)/(30·(0.025 − 1)) = 32263.2479, notional 967,897 < 1M: not bracket 4.
    // Bracket 3 (1 %, cum 1,300): (240000 + 1300 − 1200000)/(30·(0.01 − 1)) = 958700/29.7 = 32279.461279…,
    // notional 968,383.8 is in [250k, 1M): consistent.
    ["long", 40000, 5, 30, "32279.46127946127946127946127946128"],
    // hand: short 30 @ 30,000 (notional 900k, bracket 3), 5x → margin 180,000. Bracket 3: (180000 + 1300 +
    // 900000)/(30·1.01) = 35686.47, notional 1,070,594 ≥ 1M: not bracket 3. Bracket 4: (180000 + 16300 +
    // 900000)/(30·1.025) = 1096300/30.75 = 35652.032520…, notional 1,069,561: consistent.
    ["short", 30000, 5, 30, "35652.03252032520325203252032520325"],
  ])("searches across brackets until consistent: %s %s×%s at %sx", (side, entry, lev, qty, expected) => {
    const lp = F.LIQPRICE.apply([side, entry, lev, BTCUSDT, undefined, qty]) as Dec;
    expect(near(lp, new D(expected), "1e-30")).toBe(true);
  });

  it("with mm_basis \"entry\" uses the bracket at the entry notional", () => {
    // hand: long 30 @ 40,000, 5x, entry notional 1.2M → bracket 4 (2.5 %, cum 16,300):
    // LP = E − (q·E/L − q·E·mmr + cum)/q = 40000 − (240000 − 30000 + 16300)/30 = 40000 − 7543.333… = 32456.666…
    const lp = F.LIQPRICE.apply(["long", 40000, 5, BTCUSDT, undefined, 30, 0, "entry"]) as Dec;
    expect(near(lp, new D("32456.66666666666666666666666666667"), "1e-30")).toBe(true);
  });

  it("requires quantity and refuses a maintenance amount beside a table", () => {
    expect(errorOf(F.LIQPRICE, "long", 40000, 10, BTCUSDT)).toEqual({ code: "VALUE", field: "quantity" });
    expect(errorOf(F.LIQPRICE, "long", 40000, 10, BTCUSDT, 50, 1)).toEqual({ code: "VALUE", field: "maint_amount" });
    // 0 is the same as blank
    expect(num(F.LIQPRICE, "long", 40000, 10, BTCUSDT, 0, 100)).toBeCloseTo(36755.8974359, 6);
  });

  it("is #N/A when the notional at entry is beyond the table", () => {
    // 2,000 × 300,000 = 600M > the last cap 500M
    expect(errorOf(F.LIQPRICE, "long", 300000, 10, BTCUSDT, undefined, 2000)).toEqual({ code: "NA", field: "mmr" });
  });

  it("is #N/A when the liquidation price would take the notional past the table's last cap", () => {
    // hand: short 1 @ 40,000 with one bracket capped at 41,000: LP = (4000 + 40000)/1.005 = 43781 > 41,000
    expect(errorOf(F.LIQPRICE, "short", 40000, 10, [[0, 41000, 0.005]], undefined, 1)).toEqual({ code: "NA", field: "mmr" });
  });
});

describe("WALLETLIQ (Binance one-way, from the wallet balance)", () => {
  it("reproduces Binance's isolated example (liq-binance-usdm-iso-02): 18,778.73", () => {
    const v = vector("liq-binance-usdm-iso-02").inputs as Record<string, number>;
    expectVector(
      "liq-binance-usdm-iso-02",
      "liq_price",
      num(F.WALLETLIQ, "long", v.entry_price, v.qty_base, v.wallet_balance, v.mmr, v.maint_amount_cum),
    );
  });

  it("reproduces Binance's cross example (liq-binance-usdm-cross-02) from the other position's MM and PnL", () => {
    const v = vector("liq-binance-usdm-cross-02").inputs as {
      cross_wallet_balance: number;
      qty_base: number;
      entry_price: number;
      mmr: number;
      maint_amount_cum: number;
      other_positions: { qty_base: number; entry_price: number; mark_price: number; mmr: number; maint_amount_cum: number }[];
    };
    const eth = v.other_positions[0]!;
    const tmm = num(F.MAINTMARGIN, num(F.NOTIONAL, eth.mark_price, eth.qty_base), eth.mmr, eth.maint_amount_cum);
    const upnl = num(F.PNL, "long", eth.entry_price, eth.mark_price, eth.qty_base);
    expectVector("liq-binance-usdm-cross-02", "tmm1", tmm);
    expectVector("liq-binance-usdm-cross-02", "upnl1", upnl);
    expectVector(
      "liq-binance-usdm-cross-02",
      "liq_price",
      num(F.WALLETLIQ, "long", v.entry_price, v.qty_base, v.cross_wallet_balance, v.mmr, v.maint_amount_cum, tmm, upnl),
    );
  });

  it.each([["liq-binance-usdm-iso-ft-02"], ["liq-binance-usdm-iso-ft-04"]])("reproduces freqtrade's Binance row %s", (id) => {
    const v = vector(id).inputs as Record<string, number | string>;
    expectVector(id, "liq_price", num(F.WALLETLIQ, v.side, v.entry_price, v.qty_base, v.wallet_balance, v.mmr, v.maint_amount_cum));
  });

  it("returns the bracket edge when a table with its own amounts steps the requirement past the balance", () => {
    // hand: brackets [0, 1M) 10 % amount 0 and [1M, 2M] 50 % amount 450,000. Long 30 @ 40,000 (notional 1.2M,
    // MM 600,000 − 450,000 = 150,000), wallet 280,000. Bracket 2 root: (280000 + 450000 − 1200000)/(30·(0.5 − 1))
    // = 31333.33, notional 940,000: not bracket 2. At the edge P = 1,000,000/30 the balance is
    // 280000 + 30·(33333.33 − 40000) = 80,000, but bracket 1 asks 1,000,000·10 % = 100,000: liquidated there.
    const table = [
      [0, 1000000, 0.1, 0],
      [1000000, 2000000, 0.5, 450000],
    ];
    const lp = F.WALLETLIQ.apply(["long", 40000, 30, 280000, table]) as Dec;
    expect(lp.eq(new D(1000000).div(30))).toBe(true);
  });

  it("exports walletLiquidation with named arguments and the catalog's defaults", () => {
    // hand: (1000 + 0 − 60000)/(0.005 − 1) = 59000/0.995 = 59296.48241206030150753768844221106
    const lp = F.walletLiquidation({ side: 1, entry: new D(60000), quantity: new D(1), walletBalance: new D(1000) });
    expect(lp.toString()).toBe("59296.48241206030150753768844221106");
  });

  it.each([
    // wallet covers a fall to zero
    [["long", 60000, 1, 60000], "NA", undefined],
    // wallet 200 < MM at entry 300
    [["long", 60000, 1, 200], "NUM", undefined],
    [["short", 60000, 1, 200], "NUM", undefined],
    [["long", 60000, 0, 1000], "NUM", "quantity"],
    [["long", 60000, 1, -1], "NUM", "wallet_balance"],
    [["long", 60000, 1, 1000, 0.005, 0, -5], "NUM", "other_maint_margin"],
    [["long", 60000, 1, 1000, 0.005, 0, 0, "x"], "VALUE", "other_upnl"],
  ])("WALLETLIQ(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.WALLETLIQ, ...args)).toEqual({ code, field });
  });
});

describe("INVLIQPRICE (inverse, COIN-M)", () => {
  it("matches Binance COIN-M's isolated short (liq-binance-coinm-iso-02): 52,421.05", () => {
    const v = vector("liq-binance-coinm-iso-02").inputs as Record<string, number>;
    // wallet = contracts·cv/(E·L) = 100·100/(50000·20) = 0.01 BTC, as the vector states
    expect(v.wallet_balance_coin).toBeCloseTo((v.contracts! * v.contract_size_usd!) / (v.entry_price! * v.leverage!), 15);
    expectVector(
      "liq-binance-coinm-iso-02",
      "liq_price",
      num(F.INVLIQPRICE, "short", v.entry_price, v.leverage, v.mmr, v.maint_amount_cum_coin, v.contracts, v.contract_size_usd),
    );
  });

  it("gives Bybit's classic and 2026 inverse liquidation prices through mm_basis (liq-bybit-inverse-iso-01)", () => {
    const v = vector("liq-bybit-inverse-iso-01").inputs as Record<string, number>;
    const args = ["long", v.entry_price, v.leverage, v.mmr, 0, v.contracts_usd, 1];
    // classic (MM on entry value): 60000/(1.2 + 0.12 − 0.006) = 45,662.10
    expectVector("liq-bybit-inverse-iso-01", "liq_price", num(F.INVLIQPRICE, ...args, "entry"));
    // 2026 (MM at the liquidation price): 60000·1.005/1.32 = 45,681.82
    expectVector("liq-bybit-inverse-iso-01", "liq_price_2026_formula", num(F.INVLIQPRICE, ...args, "liquidation"));
  });

  it("reproduces Binance's COIN-M cross example from the wallet (liq-binance-coinm-cross-01): 33,599.42", () => {
    const v = vector("liq-binance-coinm-cross-01").inputs as Record<string, number>;
    const common = {
      side: 1 as const,
      entry: new D(v.entry_price!),
      contracts: new D(v.contracts!),
      contractValue: new D(v.contract_size_usd!),
      wallet: new D(v.wallet_balance_coin!),
      basis: "liquidation" as const,
    };
    const byRate = F.inverseLiquidation({
      ...common,
      maintenance: { kind: "rate", mmr: new D(v.mmr!) },
      amount: new D(v.maint_amount_cum_coin!),
    });
    expectVector("liq-binance-coinm-cross-01", "liq_price", byRate.toNumber());
    expectVector(
      "liq-binance-coinm-cross-01",
      "notional_at_liq_coin",
      num(F.INVNOTIONAL, v.contracts, byRate.toNumber(), v.contract_size_usd),
    );
    // the same bracket as a table row (200–400 BTC, 12.5 %, 11.605 BTC): the notional at LP, 297.6 BTC, is in it
    const byTable = F.inverseLiquidation({
      ...common,
      maintenance: { kind: "tiers", tiers: F.readTierTable([[200, 400, v.mmr, v.maint_amount_cum_coin]], "mmr") },
      amount: new D(0),
    });
    expect(byTable.eq(byRate)).toBe(true);
  });

  it("searches COIN-M brackets in coin: a long's coin notional grows as the price falls", () => {
    // hand: brackets (BTC) 0–5 0.5 %, 5–10 1 %, 10–20 2.5 %, 20–50 5 %; cum 0, 0.025, 0.175, 0.675.
    // Long 4,500 × 100 USD at 50,000 (9 BTC, bracket 2), 5x → wallet 1.8 BTC. Bracket 2:
    // 450000·1.01/(1.8 + 0.025 + 9) = 41986.14, notional 10.718 BTC: not bracket 2. Bracket 3:
    // 450000·1.025/(1.8 + 0.175 + 9) = 461250/10.975 = 42027.334851…, notional 10.707: consistent.
    const table = [
      [0, 5, 0.005],
      [5, 10, 0.01],
      [10, 20, 0.025],
      [20, 50, 0.05],
    ];
    const lp = F.INVLIQPRICE.apply(["long", 50000, 5, table, undefined, 4500, 100]) as Dec;
    expect(near(lp, new D("42027.33485193621867881548974943052"), "1e-30")).toBe(true);
    // hand: short, bracket 2: 450000·(0.01 − 1)/(1.8 + 0.025 − 9) = 62090.592334…, notional 7.247: consistent
    const short = F.INVLIQPRICE.apply(["short", 50000, 5, table, undefined, 4500, 100]) as Dec;
    expect(near(short, new D("62090.59233449477351916376306620209"), "1e-30")).toBe(true);
  });

  it.each([
    // 1x short inverse: the coin margin covers any rise
    [["short", 50000, 1], "NA", undefined],
    // entry basis with mmr 0: LP = E·L/(L − 1) has no value at 1x (with mmr > 0 it is E/mmr, far above)
    [["short", 50000, 1, 0, 0, 1, 1, "entry"], "NA", undefined],
    // 250x at 0.5 %: liquidated as it opens
    [["long", 50000, 250], "NUM", undefined],
    [["long", 50000, 250, 0.005, 0, 1, 1, "entry"], "NUM", undefined],
    [["long", 50000, 10, [[0, 5, 0.005], [5, 10, 0.01]]], "VALUE", "contracts"],
    [["long", 50000, 10, 0.005, 0, 1, 0], "NUM", "contract_value"],
    [["long", 50000, "ten"], "VALUE", "leverage"],
  ])("INVLIQPRICE(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.INVLIQPRICE, ...args)).toEqual({ code, field });
  });
});

describe("BANKRUPTCY and LIQDISTANCE", () => {
  it.each([
    // Bybit "Bankruptcy Price (USDT Contract)": EP·(1 − IMR) = 20000·(1 − 1/50) = 19,600
    [["long", 20000, 50], "19600"],
    // short EP·(1 + IMR) = 20400
    [["short", 20000, 50], "20400"],
    // Bybit inverse bankruptcy: EP·L/(L + 1) = 8000·2/3 = 5333.333…
    [["long", 8000, 2, true], "5333.333333333333333333333333333333"],
    // short EP·L/(L − 1) = 8000·2/1 = 16000
    [["short", 8000, 2, true], "16000"],
  ])("BANKRUPTCY(%j) is %s", (args, expected) => {
    expect(exact(F.BANKRUPTCY, ...args)).toBe(expected);
  });

  it.each([
    [["long", 20000, 1], "NA"],
    [["short", 8000, 1, true], "NA"],
    [["long", 20000, 0], "NUM"],
  ])("BANKRUPTCY(%j) is #%s", (args, code) => {
    expect(errorOf(F.BANKRUPTCY, ...args).code).toBe(code);
  });

  it.each([
    // hand: (60000 − 54000)/60000 = 0.1
    [["long", 60000, 54000], "0.1"],
    // hand: −(60000 − 66000)/60000 = 0.1
    [["short", 60000, 66000], "0.1"],
    // hand: a long already below its liquidation price: (50000 − 54000)/50000 = −0.08
    [["long", 50000, 54000], "-0.08"],
  ])("LIQDISTANCE(%j) is %s", (args, expected) => {
    expect(exact(F.LIQDISTANCE, ...args)).toBe(expected);
  });

  it("LIQDISTANCE of a price ≤ 0 is #NUM! naming it", () => {
    expect(errorOf(F.LIQDISTANCE, "long", 0, 54000)).toEqual({ code: "NUM", field: "price" });
    expect(errorOf(F.LIQDISTANCE, "long", 60000, -1)).toEqual({ code: "NUM", field: "liq_price" });
  });
});

describe("MAXLEVERAGE", () => {
  it.each([
    // hand: long 60,000, stop 54,000, 0.5 %: 1/(1 − 54000·0.995/60000) = 1/(1 − 0.8955) = 1/0.1045 = 9.569377990430622…
    [["long", 60000, 54000], "9.569377990430622009569377990430622"],
    // hand: short 60,000, stop 66,000: 1/(66000·1.005/60000 − 1) = 1/0.1055 = 9.478672985781990…
    [["short", 60000, 66000], "9.478672985781990521327014218009479"],
    // hand: mmr 0: long 100, stop 90 → 1/(1 − 0.9) = 10
    [["long", 100, 90, 0], "10"],
  ])("MAXLEVERAGE(%j) is %s", (args, expected) => {
    expect(exact(F.MAXLEVERAGE, ...args)).toBe(expected);
  });

  it.each([
    [["long", 60000, 60000], "NUM", "stop"],
    [["long", 60000, 61000], "NUM", "stop"],
    [["short", 60000, 59000], "NUM", "stop"],
    [["long", 60000, 0], "NUM", "stop"],
    [["long", 60000, 54000, [[0, 1, 0.01], [1, 2, 0.02]]], "VALUE", "mmr"],
  ])("MAXLEVERAGE(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.MAXLEVERAGE, ...args)).toEqual({ code, field });
  });
});

// ─── Invariants ─────────────────────────────────────────────────────────────────────────────────────

const side = fc.constantFrom<1 | -1>(1, -1);
const sideWord = (s: 1 | -1) => (s === 1 ? "long" : "short");
const price = fc.integer({ min: 1, max: 10_000_000 }).map((n) => new D(n).div(100)); // 0.01 … 100,000
const qty = fc.integer({ min: 1, max: 1_000_000 }).map((n) => new D(n).div(1000)); // 0.001 … 1,000
const mmr = fc.integer({ min: 0, max: 500 }).map((n) => new D(n).div(10000)); // 0 … 5 %
const lev = fc.integer({ min: 11, max: 1000 }).map((n) => new D(n).div(10)); // 1.1x … 100x (L·mmr ≤ 5)
const fee = fc.integer({ min: 0, max: 10 }).map((n) => new D(n).div(10000)); // 0 … 0.1 %

/** The value of a call, or the error code it throws. */
function attempt(f: () => Dec): Dec | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof F.EngineError) return e.code;
    throw e;
  }
}

describe("liquidation invariants", () => {
  it("a long liquidates below entry and a short above, in either basis", () => {
    fc.assert(
      fc.property(side, price, lev, mmr, fc.constantFrom("liquidation", "entry"), (s, e, l, m, basis) => {
        const lp = attempt(() => F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, 1, 0, basis]) as Dec);
        if (typeof lp === "string") return lp === "NUM" || (lp === "NA" && s === 1);
        return lp.sub(e).mul(s).lt(0) && lp.gt(0);
      }),
    );
  });

  it("the liquidation price moves toward entry as leverage rises", () => {
    fc.assert(
      fc.property(side, price, lev, lev, mmr, (s, e, a, b, m) => {
        fc.pre(!a.eq(b) && a.mul(m).lt(1) && b.mul(m).lt(1));
        const [lo, hi] = a.lt(b) ? [a, b] : [b, a];
        const at = (l: Dec) => attempt(() => F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString()]) as Dec);
        const p1 = at(lo);
        const p2 = at(hi);
        if (typeof p2 === "string") return false;
        if (typeof p1 === "string") return p1 === "NA" && s === 1; // the lower leverage may not liquidate at all
        return p2.sub(p1).mul(s).gt(0);
      }),
    );
  });

  it("at the liquidation price, balance plus PnL equals maintenance plus the close fee (Binance basis)", () => {
    fc.assert(
      fc.property(side, price, lev, mmr, qty, fee, (s, e, l, m, q, f) => {
        const lp = attempt(() => F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, q.toString(), f.toString()]) as Dec);
        if (typeof lp === "string") return true;
        const equity = q.mul(e).div(l).add(lp.sub(e).mul(q).mul(s));
        const requirement = q.mul(lp).mul(m.add(f));
        return near(equity, requirement, "1e-25");
      }),
    );
  });

  it("a one-row tier table gives the same price as the rate form", () => {
    fc.assert(
      fc.property(side, price, lev, mmr, qty, fee, fc.constantFrom("liquidation", "entry"), (s, e, l, m, q, f, basis) => {
        const byRate = attempt(() => F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, q.toString(), f.toString(), basis]) as Dec);
        const table = [[0, "1e15", m.toString()]];
        const byTable = attempt(() => F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), table, 0, q.toString(), f.toString(), basis]) as Dec);
        if (typeof byRate === "string" || typeof byTable === "string") return byRate === byTable;
        return near(byRate, byTable, "1e-28");
      }),
    );
  });

  it("with a Binance-style table the price equals the rate form with the bracket it lands in", () => {
    fc.assert(
      fc.property(side, fc.integer({ min: 1000, max: 100000 }), fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 300 }), (s, e, l, q) => {
        const lp = attempt(() => F.LIQPRICE.apply([sideWord(s), e, l, BTCUSDT, undefined, q]) as Dec);
        if (typeof lp === "string") return lp === "NUM" || lp === "NA";
        const t = F.findTier(F.readTierTable(BTCUSDT, "mmr"), lp.mul(q));
        const byRate = F.LIQPRICE.apply([sideWord(s), e, l, t.mmr.toString(), t.amount.toString(), q]) as Dec;
        return near(lp, byRate, "1e-25");
      }),
    );
  });

  it("WALLETLIQ with wallet = q·E/L equals LIQPRICE", () => {
    fc.assert(
      fc.property(side, price, lev, mmr, qty, (s, e, l, m, q) => {
        const byLeverage = attempt(() => F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, q.toString()]) as Dec);
        const byWallet = attempt(() =>
          F.walletLiquidation({ side: s, entry: e, quantity: q, walletBalance: q.mul(e).div(l), mmr: m }),
        );
        if (typeof byLeverage === "string" || typeof byWallet === "string") return byLeverage === byWallet;
        return near(byLeverage, byWallet, "1e-28");
      }),
    );
  });

  it("MAXLEVERAGE's leverage puts LIQPRICE exactly on the stop", () => {
    fc.assert(
      fc.property(side, price, fc.integer({ min: 1, max: 900 }), mmr, (s, e, pct, m) => {
        // a stop 0.1 % … 90 % away from entry on the losing side
        const stop = e.mul(D.sub(1, new D(pct).div(1000).mul(s)));
        const l = F.maxLeverage({ side: s, entry: e, stop, mmr: m });
        fc.pre(l.mul(m).lt(1));
        const lp = F.LIQPRICE.compute({
          side: s,
          entry: e,
          leverage: l,
          mmr: { kind: "rate", mmr: m },
          maint_amount: new D(0),
          quantity: new D(1),
          close_fee_rate: new D(0),
          mm_basis: "liquidation",
        });
        return near(lp, stop, "1e-25");
      }),
    );
  });

  it("the entry basis is E·(1 − side/L + side·mmr) (catalog) and the inverse entry basis is BTCMEX's EP·L/(L + side·(1 − mmr·L))", () => {
    fc.assert(
      fc.property(side, price, lev, mmr, fc.integer({ min: 1, max: 100000 }), (s, e, l, m, c) => {
        fc.pre(l.mul(m).lt(1));
        const linear = F.LIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, 1, 0, "entry"]) as Dec;
        const ok1 = near(linear, e.mul(new D(1).sub(new D(s).div(l)).add(m.mul(s))), "1e-28");
        const inverse = attempt(() => F.INVLIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, c, 100, "entry"]) as Dec);
        const btcmex = e.mul(l).div(l.add(D.sub(1, m.mul(l)).mul(s)));
        if (typeof inverse === "string") return ok1 && inverse === "NA" && (btcmex.lte(0) || !btcmex.isFinite());
        return ok1 && near(inverse, btcmex, "1e-25");
      }),
    );
  });

  it("an inverse position's coin equity equals its coin maintenance margin at the liquidation price", () => {
    fc.assert(
      fc.property(side, price, lev, mmr, fc.integer({ min: 1, max: 100000 }), (s, e, l, m, c) => {
        const lp = attempt(() => F.INVLIQPRICE.apply([sideWord(s), e.toString(), l.toString(), m.toString(), 0, c, 10]) as Dec);
        if (typeof lp === "string") return lp === "NUM" || (lp === "NA" && s === -1);
        const value = new D(c).mul(10);
        const wallet = value.div(e.mul(l));
        const equity = wallet.add(F.inversePnl({ side: s, entry: e, exit: lp, contracts: new D(c), contractValue: new D(10) }));
        return lp.sub(e).mul(s).lt(0) && near(equity, value.div(lp).mul(m), "1e-25");
      }),
    );
  });

  it("ROUNDSTEP gives a multiple of the step within one step, on the side its mode says", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 10000 }),
        fc.constantFrom("nearest", "up", "down", "safe-long", "safe-short"),
        (v, st, mode) => {
          const value = new D(v).div(1000);
          const step = new D(st).div(10000);
          const r = F.ROUNDSTEP.apply([value.toString(), step.toString(), mode]) as Dec;
          const multiple = r.div(step).isInteger();
          const gap = r.sub(value);
          const within = gap.abs().lt(step) || (mode === "nearest" && gap.abs().lte(step.div(2)));
          const direction =
            mode === "up" || mode === "safe-long" ? gap.gte(0) : mode === "down" || mode === "safe-short" ? gap.lte(0) : gap.abs().lte(step.div(2));
          return multiple && within && direction;
        },
      ),
    );
  });
});
