import { applyPreset, GUIDE_EXAMPLE, type FormValues } from "../../../src/taskpane/model/form";
import { validate } from "../../../src/taskpane/model/validate";
import { buildScenario } from "../../../src/taskpane/model/scenario";
import { scenarioPlan } from "../../../src/taskpane/model/plan";
import { isError } from "../../../src/taskpane/model/expr";
import { preset } from "../../../src/taskpane/model/presets";
import { expectVector, input } from "../../helpers/vectors";
import { close, figure, tradeOf } from "./helpers";

/*
 * Inverse (COIN-M) contracts in the simulator: size in contracts, balance, margin and PnL in the coin,
 * every figure from the engine's inverse functions (INVNOTIONAL, INVPNL, INVROE, INVLIQPRICE, BANKRUPTCY
 * and TARGETPRICE with inverse = TRUE), sizing from risk by INVRISKSIZE.
 */
const coinm = applyPreset(GUIDE_EXAMPLE, "crypto-inverse");


describe("the COIN-M preset", () => {
  it("is available, counts size in whole contracts of 100 USD and keeps the account in BTC", () => {
    const p = preset("crypto-inverse");
    expect(p.available).toBe(true);
    expect(p.account).toBe("coin");
    expect(p.quantityLabel).toBe("Contracts");
    // the default symbol's contract value and first bracket, from the symbol table
    expect(coinm.symbol).toBe("BTCUSD_PERP");
    expect(coinm.contractSize).toBe("100");
    expect(coinm.quantityStep).toBe("1");
    expect(p.defaults.mmr.value).toBe("0.4");
    expect(p.defaults.feeRate.value).toBe("0.05");
    for (const d of Object.values(p.defaults)) expect(d.source.length).toBeGreaterThan(10);
  });

  it("matches Binance's maintenance example: 100 BTCUSD contracts at 25,000 are 0.4 BTC, margin 0.0016 BTC at 0.40 % (liq-binance-coinm-mm-01)", () => {
    const contracts = input("liq-binance-coinm-mm-01", "contracts");
    const cv = input("liq-binance-coinm-mm-01", "contract_size_usd");
    const mark = input("liq-binance-coinm-mm-01", "mark_price");
    const s = buildScenario(tradeOf({ ...coinm, entry: String(mark), quantity: String(contracts), contractSize: String(cv) }));
    expectVector("liq-binance-coinm-mm-01", "notional_coin", figure(s, "Notional"));
    // the preset's rate is the example's rate
    expect(Number(coinm.mmr) / 100).toBe(input("liq-binance-coinm-mm-01", "mmr"));
    expectVector("liq-binance-coinm-mm-01", "maint_margin_coin", (figure(s, "Notional") as number) * (Number(coinm.mmr) / 100));
  });

  it("refills the balance in coin when the account currency changes, and keeps it otherwise", () => {
    expect(coinm.balance).toBe("0.1"); // forex 2,000 → a BTC account
    expect(coinm.quantity).toBe("100");
    expect(applyPreset(coinm, "crypto-linear").balance).toBe("10000"); // BTC → USDT
    expect(applyPreset(GUIDE_EXAMPLE, "crypto-linear").balance).toBe("2000"); // both in the account currency
  });

  it("drops a USDT tier table when the account turns to BTC, whose brackets are counted in coin", () => {
    const withTable = { ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"), mmrSource: "table" as const, mmrTable: "Tiers!A1:C10" };
    expect(applyPreset(withTable, "crypto-inverse")).toMatchObject({ mmrSource: "rate", mmrTable: "" });
    expect(applyPreset(withTable, "crypto-linear")).toMatchObject({ mmrSource: "table", mmrTable: "Tiers!A1:C10" });
  });
});

describe("inverse figures from public examples", () => {
  it("matches Bybit's ROI example: 1,000 contracts long at 6,800, 10x, last 7,000 (fut-bybit-inverse-02)", () => {
    const s = buildScenario(
      tradeOf({
        ...coinm,
        entry: String(input("fut-bybit-inverse-02", "entry_price")),
        leverage: String(input("fut-bybit-inverse-02", "leverage")),
        quantity: String(input("fut-bybit-inverse-02", "contracts_usd")), // Bybit inverse: 1 USD a contract
        contractSize: "1",
        feeRate: "0",
        scenarioKind: "list",
        priceList: String(input("fut-bybit-inverse-02", "last_price")),
      }),
    );
    expectVector("fut-bybit-inverse-02", "initial_margin_btc", figure(s, "Margin"));
    const [, , pnl, roe] = s.rows[0]!.cells.map((c) => c.value);
    expectVector("fut-bybit-inverse-02", "unrealised_pnl_btc", pnl);
    expectVector("fut-bybit-inverse-02", "roi_pct", (roe as number) * 100);
  });

  it("finds Binance's isolated COIN-M liquidation price of a 100-contract short at 50,000, 20x (liq-binance-coinm-iso-02)", () => {
    const id = "liq-binance-coinm-iso-02";
    const s = buildScenario(
      tradeOf({
        ...coinm,
        side: "short",
        entry: String(input(id, "entry_price")),
        leverage: String(input(id, "leverage")),
        quantity: String(input(id, "contracts")),
        contractSize: String(input(id, "contract_size_usd")),
        mmr: String(input<number>(id, "mmr") * 100),
      }),
    );
    expect(figure(s, "Margin")).toBeCloseTo(input(id, "wallet_balance_coin"), 12); // 100 × 100 / 50,000 / 20
    expectVector(id, "liq_price", figure(s, "LiqPrice"));
    expect(s.figures.find((f) => f.name === "LiqPrice")!.expr.text).toBe(
      "LEV.INVLIQPRICE(Side, Entry, Leverage, MMR, 0, Quantity, ContractSize)",
    );
  });

  it("finds Bybit's inverse example with the maintenance margin at the liquidation price: 60,000 USD long at 50,000, 10x, 0.5 % (liq-bybit-inverse-iso-01)", () => {
    const id = "liq-bybit-inverse-iso-01";
    const s = buildScenario(
      tradeOf({
        ...coinm,
        balance: "1",
        entry: String(input(id, "entry_price")),
        leverage: String(input(id, "leverage")),
        quantity: String(input(id, "contracts_usd")),
        contractSize: "1",
        mmr: String(input<number>(id, "mmr") * 100),
      }),
    );
    expectVector(id, "position_value_btc", figure(s, "Notional"));
    expectVector(id, "initial_margin_btc", figure(s, "Margin"));
    expectVector(id, "liq_price_2026_formula", figure(s, "LiqPrice"));
  });

  it.each([
    ["long", "target_long"],
    ["short", "target_short"],
  ] as const)("gives the %s price for ROE +100 %% at 10x from 50,000 as Binance's COIN-M target formula does (fut-binance-coinm-target-01)", (side, key) => {
    const s = buildScenario(tradeOf({ ...coinm, side, entry: String(input("fut-binance-coinm-target-01", "entry_price")), leverage: "10" }));
    expectVector("fut-binance-coinm-target-01", key, figure(s, "DoublingPrice"));
  });

  it.each([
    ["long", 50000 * (10 / 11)], // entry × L / (L + 1) = 45,454.55
    ["short", 50000 * (10 / 9)], // entry × L / (L − 1) = 55,555.56
  ] as const)("puts the %s's bankruptcy price at %d, the inverse form", (side, expected) => {
    const s = buildScenario(tradeOf({ ...coinm, side }));
    close(figure(s, "Bankruptcy"), expected, 6);
    expect(s.figures.find((f) => f.name === "Bankruptcy")!.expr.text).toBe("LEV.BANKRUPTCY(Side, Entry, Leverage, TRUE)");
  });
});

describe("fees, ROE and the walkthrough in coin", () => {
  // 100 contracts × 100 USD long at 50,000, 10x, fee 0.05 % each side, closed at 55,000:
  // INVPNL = 10,000 × (1/50,000 − 1/55,000) = 0.2 − 0.181818… = 0.0181818… BTC;
  // fees = 0.0005 × (0.2 + 0.181818…) = 0.000190909… BTC; net 0.0179909… BTC;
  // margin 0.2 / 10 = 0.02 BTC, so ROE = 0.0179909… / 0.02 = 89.9545… %.
  const s = buildScenario(tradeOf({ ...coinm, region: "none", balance: "1", scenarioKind: "list", priceList: "55000" }));

  it("charges the fee on the coin value at open and at close", () => {
    const [, , pnl, roe] = s.rows[0]!.cells.map((c) => c.value);
    close(pnl, 0.0179909090909, 12);
    close(roe, 0.899545454545, 10);
  });

  it("writes the PnL as INVPNL less the fees while open, the lost margin once liquidated, and ROE as PnL ÷ margin", () => {
    const [, , pnl, roe] = s.rows[0]!.cells;
    expect(pnl!.expr!.text).toMatch(/^IF\(.*,EndResult,\(LEV\.INVPNL\(Side, Entry, A(\d+), Quantity, ContractSize\)-FeeRate\*\(Notional\+LEV\.INVNOTIONAL\(Quantity, A\1, ContractSize\)\)\)\)$/);
    expect(roe!.expr!.text).toMatch(/^C\d+\/Margin$/);
    expect(pnl!.unit).toBe("coin");
  });

  it("breaks even where the fees are earned back: 50,000 × 1.0005 / 0.9995 for a long", () => {
    // side·(1/E − 1/X) = f·(1/E + 1/X) ⇒ X = E·(1 + f)/(1 − f) = 50,050.025…
    close(figure(s, "BreakEven"), (50000 * 1.0005) / 0.9995, 6);
  });

  it("walks the trade to liquidation and tells the story in BTC", () => {
    const steps = s.walkthrough;
    // in the order the price meets them on the way down: 2 % (49,000) before the liquidation price (≈ 45,636)
    expect(steps.map((w) => w.step)).toEqual(["1. Open the trade", "2. Price moves 2 % against you", "3. Liquidation"]);
    expect(steps[0]!.story.value).toMatch(/required margin moves into the position and is all it can lose/);
    expect(steps[1]!.cells[5]!.value).toBe("OK");
    expect(steps[2]!.cells[5]!.value).toBe("LIQUIDATED");
    // 2 % against: price 49,000; INVPNL = 10,000 × (1/50,000 − 1/49,000) = −0.00408163… BTC
    // fees 0.0005 × (0.2 + 10,000/49,000) = 0.000202040…; net −0.00428367… BTC
    close(steps[1]!.cells[2]!.value, 10000 * (1 / 50000 - 1 / 49000) - 0.0005 * (0.2 + 10000 / 49000), 12);
  });

  it("puts a move larger than the distance to liquidation after the liquidation", () => {
    // a 20 % fall to 40,000 lies beyond the liquidation price (≈ 45,636), so the story reaches it first
    const far = buildScenario(tradeOf({ ...coinm, walkMove: "20" }));
    expect(far.walkthrough.map((w) => w.step)).toEqual(["1. Open the trade", "2. Liquidation", "3. Price moves 20 % against you"]);
  });

  it("labels amounts with the coin and formats them with 8 decimals in the sheet", () => {
    expect(s.inputs.find((i) => i.name === "Balance")!.label).toBe("Balance (BTC)");
    expect(s.figures.find((f) => f.name === "Margin")!.label).toBe("Required margin (BTC)");
    const plan = scenarioPlan(s);
    const margin = plan.names.find((n) => n.name === "Margin")!.cell;
    expect(plan.formats.find((f) => f.range === margin)!.format).toBe("#,##0.00000000");
    // isolated margin (the default): the position's own margin is its equity, Binance's margin ratio its level
    expect(plan.blocks.find((b) => b.rows[0]?.[0] === "Price")!.rows[0]).toEqual(["Price", "Move", "PnL (BTC)", "ROE", "Position margin (BTC)", "Margin ratio", "Status"]);
    expect(plan.chart!.yTitle).toBe("PnL (BTC)");
  });
});

describe("inverse sizing", () => {
  it("sizes from risk as INVRISKSIZE does: 1 % of 1 BTC over a stop at 49,000 from 50,000 is 245 contracts without fees", () => {
    // 0.01 BTC / (100 × (1/49,000 − 1/50,000)) = 0.01 × 2,450,000 / 100 = 245
    const t = tradeOf({ ...coinm, feeRate: "0", balance: "1", sizeMode: "risk", riskPct: "1", stop: "49000" });
    expect(t.quantity.toString()).toBe("245");
  });

  it("counts the fees of opening and of closing at the stop in the risk: 233 contracts at the preset's 0.05 %", () => {
    // per contract: 100 × (1,000 + 0.0005 × 99,000) / (50,000 × 49,000) coin, so n = 0.01 × 50,000 × 49,000 /
    // (100 × 1,049.5) = 233.44 → 233. At the stop 233 contracts lose 0.0095102 + fees 0.0005 × (0.466 + 0.475510)
    // = 0.0095102041 + 0.0004707551 = 0.0099809592 BTC (≤ 1 % of 1 BTC); 234 would lose 0.0100238
    const t = tradeOf({ ...coinm, balance: "1", sizeMode: "risk", riskPct: "1", stop: "49000" });
    expect(t.quantity.toString()).toBe("233");
    const s = buildScenario(t);
    close(figure(s, "RiskAtStop"), -(0.0095102041 + 0.0004707551), 9);
    expect(figure(s, "RiskPct") as number).toBeLessThanOrEqual(0.01);
  });

  it("caps a risk size at what the balance can margin: 0.01 BTC at 10x margins 50 contracts", () => {
    // INVRISKSIZE gives 245 at 100 % risk of 0.01 BTC; 0.01 × 50,000 × 10 / 100 = 50 contracts at most
    const t = tradeOf({ ...coinm, balance: "0.01", sizeMode: "risk", riskPct: "100", stop: "49000" });
    expect(t.quantity.toString()).toBe("50");
  });

  it("sizes from a coin value, rounded down to whole contracts: 0.20005 BTC at 50,000 is 100 contracts", () => {
    // 0.20005 × 50,000 / 100 = 100.025 → 100
    expect(tradeOf({ ...coinm, sizeMode: "value", value: "0.20005" }).quantity.toString()).toBe("100");
  });

  it.each<[string, Partial<FormValues>, "quantity" | "value" | "riskPct", RegExp]>([
    ["half a contract", { quantity: "0.5" }, "quantity", /whole number of contracts/],
    ["a value below one contract", { sizeMode: "value", value: "0.001" }, "value", /less than one contract/],
    ["a risk below one contract", { sizeMode: "risk", riskPct: "0.001", stop: "49999", balance: "0.001" }, "riskPct", /less than one contract/],
  ])("refuses %s beside its field", (_what, change, id, message) => {
    const v = validate({ ...coinm, ...change });
    expect(v.trade).toBeUndefined();
    expect(v.errors[id]).toMatch(message);
  });
});

describe("inverse figures the engine cannot give", () => {
  it("shows no liquidation price when leverage × mmr ≥ 1 (#NUM!: liquidated as it opens)", () => {
    const v = figure(buildScenario(tradeOf({ ...coinm, leverage: "125", mmr: "1" })), "LiqPrice");
    expect(isError(v) && v.error).toBe("#NUM!");
  });
});
