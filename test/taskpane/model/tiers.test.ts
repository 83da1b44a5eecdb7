import { applyPreset, GUIDE_EXAMPLE, type FormValues, type TierRead, type Trade } from "../../../src/taskpane/model/form";
import { validate } from "../../../src/taskpane/model/validate";
import { buildScenario, type Scenario } from "../../../src/taskpane/model/scenario";
import { scenarioPlan } from "../../../src/taskpane/model/plan";
import { expectVector, input } from "../../helpers/vectors";

/*
 * The maintenance margin given as a tier table kept in the workbook: the range is typed, read from the
 * workbook (a separate action), checked by the engine's tier reader, and the liquidation price is the
 * engine's with that table; the written formulas refer to the table's range.
 */
const linear = applyPreset(GUIDE_EXAMPLE, "crypto-linear");
const coinm = applyPreset(GUIDE_EXAMPLE, "crypto-inverse");
const BRACKETS = input<number[][]>("liq-binance-usdm-tier-02", "brackets");

function read(address: string, cells: (number | string | null)[][], sheet = "Tiers", range = "A1:C10"): TierRead {
  return { address, sheet, range, cells };
}

function tradeOf(values: FormValues, r?: TierRead): Trade {
  const v = validate(values, r);
  if (!v.trade) throw new Error(`the form should be valid: ${JSON.stringify(v.errors)}`);
  return v.trade;
}

function figure(s: Scenario, name: string) {
  const f = s.figures.find((x) => x.name === name);
  if (!f) throw new Error(`no figure ${name}`);
  return f;
}

describe("the tier-table field", () => {
  const table = { ...linear, mmrSource: "table" as const, mmrTable: "Tiers!A1:C10" };

  it.each<[string, Partial<FormValues>, TierRead | undefined, RegExp]>([
    ["a blank range", { mmrTable: " " }, undefined, /enter the range of a tier table/i],
    ["a range without its sheet", { mmrTable: "A1:C10" }, undefined, /with the sheet's name/],
    ["a range not read yet", {}, undefined, /read the table from the workbook first/i],
    ["a range read before it was changed", { mmrTable: "Tiers!A1:C9" }, read("Tiers!A1:C10", BRACKETS), /read the table/i],
    ["a sheet the workbook does not have", {}, { address: "Tiers!A1:C10", problem: 'There is no sheet named "Tiers" in this workbook.' }, /no sheet named "Tiers"/],
  ])("reports %s beside the field", (_what, change, r, message) => {
    const v = validate({ ...table, ...change }, r);
    expect(v.trade).toBeUndefined();
    expect(v.errors.mmrTable).toMatch(message);
  });

  it.each<[string, (number | string | null)[][], RegExp]>([
    ["two columns", [[0, 50000], [50000, 250000]], /3 or 4 columns/],
    ["a header row", [["Floor", "Cap", "Rate"], [0, 50000, 0.004]], /row 1, column 1 \(notional_floor\) should be a number/],
    ["a gap between brackets", [[0, 50000, 0.004], [60000, 250000, 0.005]], /gap/],
    ["a rate of 150 %", [[0, 50000, 1.5]], /mmr must be 0 or more and less than 1/],
  ])("passes on the engine's own message for a table with %s", (_what, cells, message) => {
    const v = validate(table, read("Tiers!A1:C10", cells));
    expect(v.errors.mmrTable).toMatch(/^Tiers!A1:C10 is not a tier table LEV can read: /);
    expect(v.errors.mmrTable).toMatch(message);
  });

  it("ignores the rate field while a table gives the maintenance margin", () => {
    const t = tradeOf({ ...table, mmr: "" }, read("Tiers!A1:C10", BRACKETS));
    expect(t.tierTable).toMatchObject({ ref: "'Tiers'!$A$1:$C$10", label: "Tiers!A1:C10", brackets: 10 });
  });

  it("takes the sheet's own spelling of its name from the read", () => {
    const t = tradeOf({ ...table, mmrTable: "tiers!a1:c10" }, read("tiers!a1:c10", BRACKETS, "Tiers"));
    expect(t.tierTable!.ref).toBe("'Tiers'!$A$1:$C$10");
  });
});

describe("the liquidation price with a tier table", () => {
  it("matches Binance's bracket search: 100 BTC long at 40,000, 10x, liquidated in the 2.5 % bracket (liq-binance-usdm-tier-02)", () => {
    const id = "liq-binance-usdm-tier-02";
    const values: FormValues = {
      ...linear,
      balance: "1000000",
      entry: String(input(id, "entry_price")),
      leverage: String(input(id, "leverage")),
      quantity: String(input(id, "qty_base")),
      mmrSource: "table",
      mmrTable: "Tiers!A1:C10",
    };
    const s = buildScenario(tradeOf(values, read("Tiers!A1:C10", BRACKETS)));
    expectVector(id, "liq_price", figure(s, "LiqPrice").value);
    expect(figure(s, "LiqPrice").expr.text).toBe("LEV.LIQPRICE(Side, Entry, Leverage, 'Tiers'!$A$1:$C$10, 0, Quantity*ContractSize)");
    expect(figure(s, "LiqPrice").explain).toContain("tier table at Tiers!A1:C10");
  });

  it("moves an inverse long into the second bracket at its liquidation price", () => {
    // Brackets in BTC: [0, 5) at 0.4 %, [5, 10) at 0.5 % (amount 5 × (0.5 % − 0.4 %) = 0.005), [10, 20] at 1 %.
    // 2,400 contracts × 100 USD long at 50,000, 10x: notional 4.8 BTC (bracket 1), wallet 0.48 BTC.
    // Bracket 1: LP = (2,400 × 1.004) / (0.48/100 + 2,400/50,000) = 2,409.6 / 0.0528 = 45,636.36, where the
    // notional is 240,000 / 45,636.36 = 5.259 BTC: beyond bracket 1. Bracket 2: LP = (2,400 × 1.005) /
    // ((0.48 + 0.005)/100 + 0.048) = 2,412 / 0.05285 = 45,638.59981, notional 5.2587 BTC: in bracket 2.
    const cells = [[0, 5, 0.004], [5, 10, 0.005], [10, 20, 0.01]];
    const s = buildScenario(
      tradeOf({ ...coinm, balance: "1", quantity: "2400", mmrSource: "table", mmrTable: "Tiers!A1:C3" }, read("Tiers!A1:C3", cells, "Tiers", "A1:C3")),
    );
    expect(figure(s, "LiqPrice").value as number).toBeCloseTo(2412 / 0.05285, 6);
    expect(figure(s, "LiqPrice").expr.text).toBe("LEV.INVLIQPRICE(Side, Entry, Leverage, 'Tiers'!$A$1:$C$3, 0, Quantity, ContractSize)");
  });

  it("writes the table's place in the inputs block instead of a rate, and no MMR name", () => {
    const s = buildScenario(
      tradeOf({ ...linear, balance: "10000", quantity: "0.1", mmrSource: "table", mmrTable: "Tiers!A1:C10" }, read("Tiers!A1:C10", BRACKETS)),
    );
    const plan = scenarioPlan(s);
    expect(plan.names.map((n) => n.name)).not.toContain("MMR");
    const inputs = plan.blocks.find((b) => b.rows.some((r) => r[0] === "Maintenance margin"))!;
    expect(inputs.rows.find((r) => r[0] === "Maintenance margin")![1]).toBe("tier table at Tiers!A1:C10");
  });
});
