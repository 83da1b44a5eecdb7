import * as fs from "fs";
import * as path from "path";
import { TRADES, TRADES_HEADER, isoSerial } from "../../src/engine";
import { trades as worksheetTrades } from "../../src/functions/functions";
import { importText } from "../../src/taskpane/model/journal-import";
import { tradesOf } from "../../src/taskpane/model/journal-plan";
import { DIST, loadBundle } from "../helpers/bundle";

/*
 * One trade engine: the trades the task pane plans for a journal sheet (journal-plan.ts' tradesOf, which the
 * import's check against the exchange also reads) are the trades LEV.TRADES spills in the worksheet, through
 * the worksheet function's source and through the built bundle Excel and the playground load, on a real
 * export: test/fixtures/journal/Export Trade History-2.csv (LynchzDEV/ai-auto-trader-ahh, MIT; see the
 * fixtures' README), 120 fills of a Binance USDⓈ-M futures account.
 */
const file = "Export Trade History-2.csv";
const fills = importText(fs.readFileSync(path.join(__dirname, "../fixtures/journal", file), "utf8")).fills;
const col = <T>(f: (x: (typeof fills)[number]) => T) => fills.map((x) => [f(x)]);
/** TRADES' arguments as a worksheet passes the fills table's columns (every fee is in USDT, the quote asset). */
const args = [col((f) => f.time), col((f) => f.symbol), col((f) => f.side), col((f) => f.price), col((f) => f.quantity), col((f) => f.fee ?? null)];

/** A spilled cell as a plain value: a Decimal of the Decimal path through its number, as the boundary shows it. */
const plain = (c: unknown) => (c === null ? "" : typeof c === "object" ? Number(String(c)) : c);

describe("the pane's trades and the worksheet's are one machine's, on a real export", () => {
  const pane = tradesOf(fills, {});

  it("the pane's table is the worksheet function's, cell for cell", () => {
    expect(fills).toHaveLength(120);
    expect(pane[0]).toEqual(TRADES_HEADER);
    // 23 closed trades (the exchange's own count, journal-import.test.ts), and RIVERUSDT's only fill, a sell of 0.1
    // whose opening buy is older than the export: read as it stands, it opens a short that is still open
    expect(pane.slice(1).map((r) => r[12]).filter((s) => s === "closed")).toHaveLength(23);
    expect(pane.slice(1).filter((r) => r[12] === "open").map((r) => [r[0], r[1], r[5]])).toEqual([["RIVERUSDT", "short", 0.1]]);
    expect(pane.map((r) => r.map((c) => (c === null ? "" : c)))).toEqual(worksheetTrades(...(args as [unknown[][], unknown[][], unknown[][], unknown[][], unknown[][], unknown[][]])));
  });

  it("the Decimal path, given the same fills as numeric text, makes the same table", () => {
    // text takes the Decimal path all the way (the exact finisher takes only plain numbers)
    const text = args.map((c, j) => (j >= 3 ? c.map(([v]) => [v === null ? null : String(v)]) : c));
    expect(TRADES.fast!(text)).toBeUndefined();
    expect((TRADES.apply(text) as unknown[][]).map((r) => r.map(plain))).toEqual(pane.map((r) => r.map((c) => (c === null ? "" : c))));
  });

  (fs.existsSync(DIST) ? it : it.skip)("the built bundle (Excel's and the playground's) spills the same table", () => {
    const bundle = loadBundle();
    expect(bundle.functions.TRADES!(...args)).toEqual(pane.map((r) => r.map((c) => (c === null ? "" : c))));
  });

  it("two trades checked by hand against the export's rows", () => {
    const row = (symbol: string) => pane.find((r) => r[0] === symbol)!;
    // BARDUSDT: bought 106 + 3 at 0.9028 (14:19:38, fees 0.04784840 + 0.00135420), sold 86 + 23 at 0.9085
    // (15:02:52, fees 0.03906550 + 0.01044775). Gross 109 × (0.9085 − 0.9028) = 0.6213 (the export's Realized
    // Profit 0.4902 + 0.1311); fees 0.09871585; net 0.6213 − 0.09871585 = 0.52258415; return net ÷ 98.4052.
    const bard = row("BARDUSDT");
    expect(bard.slice(0, 5)).toEqual(["BARDUSDT", "long", isoSerial("2026-01-15 14:19:38"), isoSerial("2026-01-15 15:02:52"), 4]);
    expect(bard.slice(5, 8)).toEqual([109, 0.9028, 0.9085]);
    expect(bard[8]).toBeCloseTo(0.6213, 12);
    expect(bard[9]).toBeCloseTo(0.09871585, 12);
    expect(bard[10]).toBeCloseTo(0.52258415, 12);
    expect(bard[11]).toBeCloseTo(0.52258415 / 98.4052, 12);
    expect(bard[12]).toBe("closed");
    // ZENUSDT: a short. Sold 1.5 at 12.311 and 0.8 + 5.7 at 12.312 (14:17:54): 18.4665 + 9.8496 + 70.1784 = 98.4945
    // for 8, avg 12.3118125; bought back 2.3 + 5.7 at 12.423 (14:49:50): 99.384. Gross 98.4945 − 99.384 = −0.8895
    // (the export's −0.25573125 − 0.63376875); fees 0.00923325 + 0.00492480 + 0.03508920 + 0.01428645 + 0.03540555
    // = 0.09893925; net −0.98843925.
    const zen = row("ZENUSDT");
    expect(zen.slice(0, 5)).toEqual(["ZENUSDT", "short", isoSerial("2026-01-15 14:17:54"), isoSerial("2026-01-15 14:49:50"), 5]);
    expect(zen.slice(5, 8)).toEqual([8, 12.3118125, 12.423]);
    expect(zen[8]).toBeCloseTo(-0.8895, 12);
    expect(zen[9]).toBeCloseTo(0.09893925, 12);
    expect(zen[10]).toBeCloseTo(-0.98843925, 12);
    expect(zen[11]).toBeCloseTo(-0.98843925 / 98.4945, 12);
  });
});
