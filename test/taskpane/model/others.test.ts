import { applyPreset, GUIDE_EXAMPLE, type FormValues, type TierRead, type Trade } from "../../../src/taskpane/model/form";
import { checkOthers } from "../../../src/taskpane/model/form-read";
import { validate } from "../../../src/taskpane/model/validate";
import { buildScenario } from "../../../src/taskpane/model/scenario";
import { scenarioPlan } from "../../../src/taskpane/model/plan";
import { othersSummary } from "../../../src/taskpane/model/account";
import { close, figure } from "./helpers";

/*
 * The simulator's cross mode with the account's other positions given as a positions table in the
 * workbook. The others are the cross-liq-02 account of vectors-public.json (wallet 5,000):
 *   BTCUSDT long 0.2 at 60,000, mark 58,000, rate 0.4 %: uPnL 0.2·(58,000 − 60,000) = −400, MM 0.2·58,000·0.004 = 46.4
 *   ETHUSDT short 3 at 3,000, mark 3,100, rate 0.5 %:   uPnL −3·(3,100 − 3,000) = −300,    MM 3·3,100·0.005 = 46.5
 */
const OTHERS: (string | number | null)[][] = [
  ["BTCUSDT", "long", 60000, 0.2, 58000, 0.004, 0],
  ["ETHUSDT", "short", 3000, 3, 3100, 0.005, 0],
  [null, null, null, null, null, null, null],
];
const read = (cells = OTHERS, address = "Positions!A5:G7"): TierRead => ({ address, sheet: "Positions", range: "A5:G7", cells });

const cross: FormValues = {
  ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"),
  marginMode: "cross",
  balance: "5000",
  side: "long",
  entry: "58000",
  leverage: "10",
  quantity: "0.1",
  contractSize: "1",
  mmr: "0.4",
  feeRate: "0",
  others: "Positions!A5:G7",
};

function tradeOf(values: FormValues, r: TierRead | undefined = read()): Trade {
  const v = validate(values, undefined, r);
  if (!v.trade) throw new Error(`the form should be valid: ${JSON.stringify(v.errors)}`);
  return v.trade;
}

describe("cross mode with other positions from a positions table", () => {
  it("liquidates the new BTC trade where the whole account meets maintenance, the table's BTC row sharing the price", () => {
    const s = buildScenario(tradeOf(cross));
    // The new row: BTCUSDT long 0.1 at 58,000, at the table's BTC mark 58,000: uPnL 0, MM 0.1·58,000·0.004 = 23.2.
    // Surplus at the marks: 5,000 − 400 − 300 − 46.4 − 46.5 − 23.2 = 4,183.9.
    // BTC's two rows share one price: den = 0.2·(0.004 − 1) + 0.1·(0.004 − 1) = −0.2988.
    // P = 58,000 + 4,183.9/(−0.2988) = 43,997.657295850...; Binance's form gives the same:
    // (5,000 − 46.5 − 300 − (0.2·60,000 + 0.1·58,000))/(0.3·0.004 − 0.3) = −13,146.5/−0.2988.
    close(figure(s, "LiqPrice"), 13146.5 / 0.2988, 6);
    // Distance from entry: (58,000 − 43,997.6573)/58,000 = 0.2414197...
    close(figure(s, "LiqDistance"), (58000 - 13146.5 / 0.2988) / 58000, 9);
    // Account margin ratio: MM 46.4 + 46.5 + 23.2 = 116.1 over margin balance 5,000 − 700 = 4,300: 0.027.
    close(figure(s, "AccountMarginRatio"), 0.027, 12);
    // Every figure says which view it is.
    for (const name of ["LiqPrice", "LiqDistance", "AccountMarginRatio"]) {
      expect(s.figures.find((f) => f.name === name)!.explain).toMatch(/^Cross view, with 2 other positions: /);
    }
    expect(s.figures.find((f) => f.name === "FreeMargin")!.explain).toMatch(/^Cross margin, this trade alone: /);
    // Without the table it would be one position on the wallet alone (WALLETLIQ): a different, farther price.
    const alone = buildScenario(tradeOf({ ...cross, others: "" }, undefined));
    expect(figure(alone, "LiqPrice")).not.toBeCloseTo(figure(s, "LiqPrice") as number, 0);
  });

  it("takes the entry as the mark of a symbol the table does not hold", () => {
    const s = buildScenario(tradeOf({ ...cross, symbol: "SOLUSDT", side: "short", entry: "150", quantity: "10", mmr: "0.5" }));
    // New row: SOLUSDT short 10 at 150, mark 150: uPnL 0, MM 10·150·0.005 = 7.5.
    // Surplus 5,000 − 700 − 46.4 − 46.5 − 7.5 = 4,199.6; den = 10·(0.005 + 1) = 10.05; P = 150 + 4,199.6/10.05 = 567.8706...
    close(figure(s, "LiqPrice"), 150 + 4199.6 / 10.05, 9);
    // MM 46.4 + 46.5 + 7.5 = 100.4 over 4,300.
    close(figure(s, "AccountMarginRatio"), 100.4 / 4300, 12);
  });

  it("writes formulas that read the table's cells, blank rows kept blank, and the two engine functions over the block", () => {
    const plan = scenarioPlan(buildScenario(tradeOf(cross)));
    const cells = plan.blocks.flatMap((b) => b.rows.flat()).filter((c): c is string => typeof c === "string");
    expect(cells).toContain(`=IF('Positions'!$E$5="","",'Positions'!$E$5)`);
    expect(cells).toContain(`=IF('Positions'!$A$7="","",'Positions'!$A$7)`);
    // The block sits at J5 (top right): the title, headers, the 3 table rows (J7:J9), the trade (J10).
    const liq = cells.find((c) => c.includes("LEV.CROSSLIQ("))!;
    expect(liq).toBe("=INDEX(LEV.CROSSLIQ(J7:J10, K7:K10, L7:L10, M7:M10, IF(J7:J10=$J$10,Entry,N7:N10), Balance, O7:O10, P7:P10), 4, 1)");
    // The account at open: the rows of the trade's symbol at the entry, every other row at its mark.
    expect(cells.find((c) => c.includes("LEV.CROSSACCOUNT(") && c.includes("Entry,"))).toBe(
      "=INDEX(LEV.CROSSACCOUNT(K7:K10, L7:L10, M7:M10, IF(J7:J10=$J$10,Entry,N7:N10), Balance, O7:O10, P7:P10), 6, 2)",
    );
    // The trade's own row is at its entry.
    const block = plan.blocks.find((b) => b.at === "J5")!;
    expect(block.rows[block.rows.length - 1]!.slice(0, 5)).toEqual(["BTCUSDT", "=Side", "=Entry", "=Quantity*ContractSize", "=Entry"]);
  });

  it("works the account at open with the trade's symbol at the entry, its table rows too, and the walkthrough agrees", () => {
    // The trade: BTCUSDT long 0.1 at 60,000 while the table's BTC row (long 0.2 at 60,000) is marked at 58,000.
    // At open BTC is at 60,000 for both BTC rows: uPnL 0 and 0; MM 0.2·60,000·0.4 % = 48 and 0.1·60,000·0.4 % = 24;
    // ETH at its mark: uPnL −300, MM 46.5. Margin balance 5,000 − 300 = 4,700; MM 118.5; ratio 118.5/4,700.
    // (At the table's mark it would read (46.4 + 23.2 + 46.5)/(5,000 − 400 − 200 − 300) = 2.83 %: another number.)
    const s = buildScenario(tradeOf({ ...cross, entry: "60000" }));
    close(figure(s, "AccountMarginRatio"), 118.5 / 4700, 12);
    const open = s.walkthrough[0]!.cells.map((c) => c.value);
    close(open[3], 4700); // the account's margin balance
    close(open[4], 118.5 / 4700); // the same ratio as the review's
    // BTC's rows share one price: (5,000 − 46.5 − 300 − 0.2·60,000 − 0.1·60,000)/(0.3·0.004 − 0.3) = −13,346.5/−0.2988
    close(figure(s, "LiqPrice"), 13346.5 / 0.2988, 6);
    expect(s.figures.find((f) => f.name === "AccountMarginRatio")!.explain).toMatch(/BTCUSDT \(this trade and its rows in your table\) at the entry and every other symbol at its mark/);
  });

  it("sums the table as LEV.CROSSACCOUNT does for the one-line summary", () => {
    const r = checkOthers("Positions!A5:G7", read());
    if (!("others" in r) || !r.others) throw new Error("should read");
    // 2 positions in 2 symbols; maintenance 46.4 + 46.5 = 92.9; uPnL −400 − 300 = −700.
    expect(othersSummary(r.others)).toBe("2 positions in 2 symbols read from Positions!A5:G7; maintenance 92.90, unrealised PnL −700.00 at the marks.");
  });

  it.each<[string, Partial<FormValues>, TierRead | undefined, RegExp]>([
    ["a range without its sheet", { others: "A5:G7" }, undefined, /with the sheet's name/],
    ["a range not read yet", {}, undefined, /read the positions from the workbook first/i],
    ["a sheet the workbook does not have", {}, { address: "Positions!A5:G7", problem: 'There is no sheet named "Positions" in this workbook.' }, /no sheet named/],
    ["a mark typed as a word", {}, read([["BTCUSDT", "long", 60000, 0.2, "soon", 0.004, 0]]), /marks: row 1 should be a number, got "soon"/],
    ["a partly blank row", {}, read([OTHERS[0]!, ["ETHUSDT", "short", null, 3, 3100, 0.005, 0]]), /entries: row 2 is blank/],
    ["two marks for one symbol", {}, read([OTHERS[0]!, ["BTCUSDT", "short", 60000, 0.1, 59000, 0.004, 0]]), /row 2 \(BTCUSDT\) differs from row 1/],
    ["four columns", {}, read([["BTCUSDT", "long", 60000, 0.2]]), /5 to 7 columns/],
    ["a tier table for this trade", { mmrSource: "table", mmrTable: "Tiers!A1:C3" }, read(), /as a rate/],
  ])("reports %s beside the field in words", (_what, change, r, message) => {
    const v = validate({ ...cross, ...change }, undefined, r);
    expect(v.trade).toBeUndefined();
    expect(v.errors.others).toMatch(message);
  });

  it("is the engine's refusal, named, for a table of positions: the range and its reading rule", () => {
    const v = validate(cross, undefined, read([["BTCUSDT", "long", -5, 0.2, 58000, 0.004, 0]]));
    expect(v.errors.others).toBe(
      "Positions!A5:G7 is not a positions table LEV can read (columns symbol, side, entry, quantity, mark, maintenance rate, maintenance amount; rows counted from the range's first): entries: row 1 must be greater than 0, got -5.",
    );
  });

  it("ignores the field in isolated mode and for inverse contracts", () => {
    expect(tradeOf({ ...cross, marginMode: "isolated" }, undefined).others).toBeUndefined();
    const inverse = { ...applyPreset(cross, "crypto-inverse"), marginMode: "cross" as const, others: "Positions!A5:G7" };
    expect(validate(inverse, undefined, undefined).errors.others).toBeUndefined();
  });
});
