import { applyPreset, GUIDE_EXAMPLE, type FieldId, type FormValues } from "../../../src/taskpane/model/form";
import { validate } from "../../../src/taskpane/model/validate";
import { buildScenario } from "../../../src/taskpane/model/scenario";
import { expectVector, input } from "../../helpers/vectors";

const crypto = applyPreset(GUIDE_EXAMPLE, "crypto-linear");

describe("form validation", () => {
  it("accepts the guide's example as it stands", () => {
    const v = validate(GUIDE_EXAMPLE);
    expect(v.errors).toEqual({});
    expect(v.trade?.quantity.toString()).toBe("1");
    expect(v.trade?.leverage.toString()).toBe("50"); // "1:50" read as 50x
  });

  it.each<[string, Partial<FormValues>, FieldId, RegExp]>([
    ["a blank balance", { balance: "" }, "balance", /enter the account balance/i],
    ["a balance that is not a number", { balance: "lots" }, "balance", /should be a number/i],
    // the engine's bounds, in its words (SCENARIOS' balance and LIQPRICE's entry are > 0)
    ["a negative balance", { balance: "-5" }, "balance", /^The account balance must be greater than 0\.$/],
    ["an entry of zero", { entry: "0" }, "entry", /^The entry price must be greater than 0\.$/],
    ["a contract size of zero", { contractSize: "0" }, "contractSize", /^The contract size must be greater than 0\.$/],
    ["a negative margin-call level", { callLevel: "-10" }, "callLevel", /^The margin-call level must be 0 % or more\.$/],
    ["leverage in words", { leverage: "fifty" }, "leverage", /50, 1:50 or 50x/],
    ["a margin rate of 0 %", { leverage: "0%" }, "leverage", /margin rate/i],
    ["a blank quantity", { quantity: "" }, "quantity", /enter the quantity/i],
    ["a long's stop above entry", { stop: "1.01" }, "stop", /below the entry/],
    ["a short's stop below entry", { side: "short", stop: "0.99" }, "stop", /above the entry/],
    // the engine's stop rule (checkStop): a stop at the entry leaves no distance to risk
    ["a long's stop at the entry", { stop: "1.0000" }, "stop", /^For a long, the stop must be below the entry price\.$/],
    ["a short's stop at the entry", { side: "short", stop: "1" }, "stop", /^For a short, the stop must be above the entry price\.$/],
    // LEV.PNL's exit bounds: a price > 0
    ["a price list with a zero", { scenarioKind: "list", priceList: "1.1 0" }, "priceList", /^Every price must be more than 0; "0" is not\.$/],
    ["a price list with a negative price", { scenarioKind: "list", priceList: "-1; 1.1" }, "priceList", /"-1" is not/],
    // the engine's target rule (checkTarget, as LEV.RR reads it): never on the losing side of entry
    ["a long's take profit below entry", { target: "0.99" }, "target", /^For a long, the take profit must be at or above the entry price\.$/],
    ["a short's take profit above entry", { side: "short", stop: "1.01", target: "1.01" }, "target", /^For a short, the take profit must be at or below the entry price\.$/],
    ["risk sizing without a stop", { sizeMode: "risk", riskPct: "1" }, "stop", /needs one/],
    ["a risk of 150 %", { sizeMode: "risk", riskPct: "150", stop: "0.99" }, "riskPct", /at most 100 %/],
    ["a stop-out level above the margin call", { stopoutLevel: "120" }, "stopoutLevel", /not be above the margin-call/],
    ["a first move of −100 %", { moveFrom: "-100" }, "moveFrom", /−100 %/],
    ["a last move below the first", { moveFrom: "5", moveTo: "-5" }, "moveTo", /not be below the first/],
    ["more than 10,000 scenario rows", { moveStep: "0.001" }, "moveStep", /larger step/],
    ["a price list with a word in it", { scenarioKind: "list", priceList: "1.1 abc" }, "priceList", /should be a number/],
    ["an empty price list", { scenarioKind: "list", priceList: "  " }, "priceList", /at least one price/],
    ["a walkthrough move of 0 %", { walkMove: "0" }, "walkMove", /more than 0 %/],
    ["a fee rate of 100 %", { feeRate: "100" }, "feeRate", /^The fee rate must be 0 % or more and less than 100 %\.$/],
    ["a blank position value when sizing by value", { sizeMode: "value", value: "" }, "value", /enter the position value/i],
  ])("reports %s next to its field, in plain words", (_what, change, fieldId, message) => {
    const v = validate({ ...GUIDE_EXAMPLE, ...change });
    expect(v.trade).toBeUndefined();
    expect(Object.keys(v.errors)).toContain(fieldId);
    expect(v.errors[fieldId]).toMatch(message);
  });

  it("takes a take profit at the entry, as LEV.RR does (a reward of 0)", () => {
    // LEV.RR(long, 1, 0.99, 1) = |1 − 1| / |1 − 0.99| = 0: the engine's rule allows it, so the pane does too.
    const v = validate({ ...GUIDE_EXAMPLE, stop: "0.99", target: "1.0000" });
    expect(v.errors).toEqual({});
    expect(v.trade?.target?.toString()).toBe("1");
    const s = buildScenario(v.trade!);
    expect(s.figures.find((f) => f.name === "RewardRisk")?.value).toBe(0);
  });

  it("checks the maintenance-margin rate where the market liquidates by it", () => {
    // the engine's rate bounds (0 ≤ mmr < 1), stated in percent as the field takes them
    expect(validate({ ...crypto, mmr: "100" }).errors.mmr).toBe("The maintenance-margin rate must be 0 % or more and less than 100 %.");
    expect(validate({ ...crypto, mmr: "" }).errors.mmr).toMatch(/enter the maintenance-margin rate/i);
  });

  it("reports every field at fault at once, not only the first", () => {
    const v = validate({ ...GUIDE_EXAMPLE, balance: "", entry: "x", leverage: "" });
    expect(Object.keys(v.errors).sort()).toEqual(["balance", "entry", "leverage"]);
  });
});

describe("position size", () => {
  it("sizes from risk: 1 % of 10,000 over a 50-pip stop is 0.20 lots (fxrisk-02)", () => {
    const v = validate({
      ...GUIDE_EXAMPLE,
      balance: String(input("fxrisk-02", "balance")),
      leverage: "30",
      entry: "1.1000",
      stop: "1.0950", // 50 pips below entry
      sizeMode: "risk",
      riskPct: String(input<number>("fxrisk-02", "risk_pct") * 100),
    });
    expectVector("fxrisk-02", "lots", v.trade?.quantity.toNumber());
  });

  it("rounds a risk size down to the market's step: 2,000 × 1 % over 80 pips is 0.025 lots, so 0.02", () => {
    // 20 / (0.0080 × 100,000) = 0.025 lots; forex trades in 0.01-lot steps; rounding down never risks more.
    const v = validate({ ...GUIDE_EXAMPLE, leverage: "30", stop: "0.9920", sizeMode: "risk", riskPct: "1" });
    expect(v.trade?.quantity.toString()).toBe("0.02");
  });

  it("sizes from value: a position worth 100,000 at 1.25 is 0.8 lots of 100,000", () => {
    // 100,000 / (1.25 × 100,000) = 0.8
    const v = validate({ ...GUIDE_EXAMPLE, entry: "1.25", sizeMode: "value", value: "100000" });
    expect(v.trade?.quantity.toString()).toBe("0.8");
  });
});
