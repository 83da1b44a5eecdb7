import * as fs from "fs";
import * as path from "path";
import { buildWorkbook, registerLevFunctions } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { sampleWorkbook } from "../../src/playground/sample";
import { parseCell, parseRange } from "../../src/shared/a1";
import { DIST, loadBundle } from "../helpers/bundle";

/*
 * The sample workbook's Trades sheet, as a newcomer sees it on `npm start`: fills across three symbols, their
 * trades (LEV.TRADES), statistics and equity curve, evaluated through the playground's bridge and checked
 * against hand calculations (fees at 0.04 % of price × quantity).
 */
const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
const bundle = loadBundle();

describe("the sample's Trades sheet", () => {
  const bridge = registerLevFunctions(metadata, bundle.functions);
  const sample = sampleWorkbook((id) => metadata.functions.some((f) => f.id === id));
  const hf = buildWorkbook(bridge, sample.sheets);
  const id = hf.getSheetId("Trades")!;
  const cell = (a1: string) => {
    const { row, col } = parseCell(a1);
    return hf.getCellValue({ sheet: id, row, col });
  };
  afterAll(() => {
    hf.destroy();
    bridge.unregister();
  });

  it("shows each trade from its fills, a flip split in two", () => {
    expect(["H4", "H5", "H6", "H7", "H8", "H9", "H10", "H11"].map(cell)).toEqual(["BTCUSDT", "ETHUSDT", "ETHUSDT", "SOLUSDT", "BTCUSDT", "ETHUSDT", "SOLUSDT", "BTCUSDT"]);
    expect(["I5", "I6"].map(cell)).toEqual(["short", "long"]); // the 0.8 ETH buy closes the 0.5 short and opens a 0.3 long
    // BTCUSDT short: sell 0.02 @ 64,500, buy back @ 65,200: gross −14; fees 0.516 + 0.5216: net −15.0376
    expect(cell("R8")).toBeCloseTo(-15.0376, 9);
    // SOLUSDT 15 @ 148.2 out in 8 @ 152.9 and 7 @ 150.4: 1,223.2 + 1,052.8 − 2,223 = 53; fees 0.8892 + 0.48928 + 0.42112 = 1.7996
    expect(cell("R10")).toBeCloseTo(51.2004, 9);
    expect(cell("T11")).toBe("open");
    expect(cell("H12")).toBeNull();
  });

  it("passes the statistics and the curve the trades' Closed column, so the open BTCUSDT long is left out", () => {
    expect(cell("K11")).toBe(""); // the open trade's close time is blank (TRADES spills an empty text)
    expect(hf.getCellFormula({ sheet: id, row: 2, col: parseCell("V3").col })).toBe("=LEV.JOURNALSTATS(R4:R203, B1, , K4:K203)");
    expect(hf.getCellFormula({ sheet: id, row: 2, col: parseCell("Y3").col })).toBe("=LEV.EQUITYCURVE(B1, R4:R203, K4:K203)");
  });

  it("gives statistics and the equity curve over the seven closed trades, in the order they closed", () => {
    // by close time: ETHUSDT's short 23.65 (day 1, 12:30) before BTCUSDT's long 21.503 (13:40), which opened
    // first; then 20.1876 (day 2), −9.1168 (day 3), −15.0376 and −46.7904 (day 4), 51.2004 (day 6).
    // Sum 45.5962, 4 wins, 3 losses; runs W W W L L L W, as in opening order
    expect([cell("V3"), cell("W3")]).toEqual(["Trades", 7]);
    expect([cell("W4"), cell("W5")]).toEqual([4, 3]);
    expect(cell("W7")).toBeCloseTo(45.5962, 9);
    expect([cell("W17"), cell("W18")]).toEqual([3, 3]);
    // cumulative 23.65, 45.153, 65.3406, 56.2238, 41.1862, −5.6042, 45.5962: from the peak 65.3406 down to
    // −5.6042, a fall of 70.9448, of the balance 10,065.3406
    expect(cell("W19")).toBeCloseTo(70.9448, 9);
    expect(cell("W20")).toBeCloseTo(70.9448 / 10065.3406, 12);
    // the curve: the first trade to close is ETHUSDT's (in opening order it was BTCUSDT's 21.503, 10,021.503)
    expect(cell("AA4")).toBe(10000);
    expect(["Y5", "Z5"].map(cell)).toEqual([1, 23.65]);
    expect(cell("AA5")).toBeCloseTo(10023.65, 9);
    expect(cell("Z6")).toBeCloseTo(21.503, 9);
    expect(cell("AA6")).toBeCloseTo(10045.153, 9);
    // the lowest balance, after ETHUSDT's loss on day 4: 10,000 − 5.6042
    expect(cell("AA10")).toBeCloseTo(9994.3958, 9);
    expect(cell("AC10")).toBeCloseTo(70.9448, 9);
    expect(cell("AA11")).toBeCloseTo(10045.5962, 9);
    expect(cell("Y12")).toBeNull(); // no eighth row: the open trade is not on the curve
  });

  it("requests the equity curve's chart over the curve's whole reach, so that it follows new closed trades", () => {
    const chart = sample.charts.Trades![0]!;
    const x = parseRange(chart.series[0]!.x);
    // from the curve's row 0 (Trade 0) on row 4 down past its last trade (Trade 7, row 11) to the rows that
    // fills typed later fill: 200 rows of fills give at most 200 trades, row 0 + 200 trades end on row 204
    expect(cell(`Y${x.top + 1}`)).toBe(0);
    expect(cell("Y11")).toBe(7);
    expect(x.bottom + 1).toBe(204);
    expect(chart.series.map((s) => s.name)).toEqual(["Balance", "Peak"]);
    expect(cell(`${chart.series[0]!.y.split(":")[0]!.replace(/\d+/, "")}3`)).toBe("Balance");
    expect(cell(`${chart.series[1]!.y.split(":")[0]!.replace(/\d+/, "")}3`)).toBe("Peak");
    // the chart is drawn right of the curve (Y:AD), which grows down, never over it
    expect(parseRange(chart.anchor).left).toBeGreaterThan(parseCell("AD1").col);
  });

  it("says beside a statistic that is an error why, in plain words, and nothing beside a number", () => {
    // Average R is the 19th statistic (row 3 + 18 = 21): the sample's TRADES gives no risk, so it is #N/A
    expect([cell("V21"), (cell("W21") as { value?: string }).value]).toEqual(["Average R", "#N/A"]);
    expect(cell("X21")).toBe("No risk per trade given: R = PnL ÷ risk.");
    expect((cell("W22") as { value?: string }).value).toBe("#N/A"); // SQN
    expect(cell("X22")).toBe("Needs R, that is the risk per trade.");
    // Profit factor (row 10) is a number: 4 wins and 3 losses; no note
    expect(cell("V10")).toBe("Profit factor");
    expect(typeof cell("W10")).toBe("number");
    expect(cell("X10")).toBe("");
  });
});
