import * as fs from "fs";
import * as path from "path";
import type { HyperFormula } from "hyperformula";
import { isoSerial } from "../../src/engine";
import { buildWorkbook, registerLevFunctions, type LevBridge } from "../../src/playground/bridge";
import type { FunctionsMetadata } from "../../src/playground/metadata";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import type { SheetMeta, WorkbookMeta } from "../../src/playground/sheet";
import { analyse, type Analysis, type Fill, type Payment } from "../../src/taskpane/model/journal-import";
import { journalImportPlan } from "../../src/taskpane/model/journal-plan";
import { prepareImport, type JournalContent } from "../../src/taskpane/model/journal-prepare";
import { journalAppendPlan, journalsOf, readJournal, appendProblems, needsOf } from "../../src/taskpane/model/journal-sheet";
import { readSource } from "../../src/taskpane/model/journal-source";
import { parseCell } from "../../src/shared/a1";
import type { WorkbookAdapter } from "../../src/shared/workbook";
import { DIST, loadBundle } from "../helpers/bundle";
import { APRIL_MAY_TRADES } from "./model/journal-fixtures";

/*
 * A journal that grows, in a real spreadsheet engine (HyperFormula with dist/functions.js, through the
 * playground's bridge and adapter): April's export written, May's export (its first week also in April's)
 * added to it with no fill twice, then Binance's transaction history, whose funding goes into each trade's net;
 * every funding figure summed by hand from the file's rows. The trader's own cells beside the tables stay; the
 * statistics and the curve reach further when the trades outgrow their rows.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/journal");
const APRIL = "Binance-Futures-Trade-History-202605010905(UTC+0)-part1-of1.csv";
const MAY = "Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv";
const FUNDING = "binance-futures-transaction-history.csv";
const at = (iso: string) => isoSerial(iso)!;
const load = async (name: string): Promise<Analysis> => analyse(await readSource(name, new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)))));

describe("a journal that keeps growing, in the playground's spreadsheet engine", () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as FunctionsMetadata;
  const bundle = loadBundle();
  let bridge: LevBridge;
  let hf: HyperFormula;
  let metas: WorkbookMeta;
  let adapter: WorkbookAdapter;
  beforeAll(() => {
    bridge = registerLevFunctions(metadata, bundle.functions);
  });
  afterAll(() => bridge.unregister());
  beforeEach(() => {
    hf = buildWorkbook(bridge, { Sheet1: [["mine"]] });
    metas = {};
    adapter = createPlaygroundAdapter({ hf, refresh: () => void bridge.settle(hf), activateSheet: () => {}, select: () => {}, setSheetMeta: (n: string, m: SheetMeta) => (metas[n] = m), workbookMeta: metas });
  });
  afterEach(() => hf.destroy());

  const cell = (sheet: string, a1: string) => {
    const { row, col } = parseCell(a1);
    return hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row, col });
  };
  const put = (sheet: string, a1: string, v: string) => {
    const { row, col } = parseCell(a1);
    hf.setCellContents({ sheet: hf.getSheetId(sheet)!, row, col }, [[v]]);
  };
  /** The trades LEV.TRADES spilled (M7 down): symbol, side, status, Funding and Net after funding of each. */
  const trades = (sheet: string) => {
    const out: { symbol: string; side: string; status: string; net: number; funding: number | string; after: number }[] = [];
    for (let r = 7; typeof cell(sheet, `M${r}`) === "string" && cell(sheet, `M${r}`) !== ""; r++) {
      out.push({ symbol: cell(sheet, `M${r}`) as string, side: cell(sheet, `N${r}`) as string, status: cell(sheet, `Y${r}`) as string, net: cell(sheet, `W${r}`) as number, funding: cell(sheet, `Z${r}`) as number | string, after: cell(sheet, `AA${r}`) as number });
    }
    return out;
  };

  /** Adds `files` to the journal on `sheet`, as the pane does: read it back, compare, append. */
  async function addTo(sheet: string, files: Analysis[]) {
    const found = journalsOf(await adapter.tables()).find((j) => j.sheet === sheet)!;
    const journal = await readJournal(adapter, found);
    const content: JournalContent = { fills: journal.fills, payments: journal.payments };
    const p = prepareImport(files, content, { orphans: "leave", rates: {} });
    expect(appendProblems(journal, needsOf(p.fills))).toEqual([]);
    await adapter.append(journalAppendPlan({ journal, fills: p.fills, payments: p.payments, rates: {}, totalFills: journal.fills.length + p.fills.length, totalTrades: p.trades?.count ?? 0 }));
    return { journal, prepared: p };
  }

  it("adds next month's export to April's journal: each fill once, the trades follow, the trader's cells stay", async () => {
    const april = await load(APRIL);
    const first = prepareImport([april], undefined, { orphans: "leave", rates: {} });
    const { sheet } = await adapter.write(journalImportPlan({ fills: first.fills, rates: {}, startBalance: 10000, source: APRIL, tradeCount: first.trades!.count }));
    // April: 10 fills; BTCUSDT long, ETHUSDT short, SOLUSDT short (closed by the flip of 04-27 08:00), BTCUSDT short, and
    // the flip's SOLUSDT long still open
    expect(trades(sheet).map((t) => [t.symbol, t.side, t.status])).toEqual([
      ["BTCUSDT", "long", "closed"],
      ["ETHUSDT", "short", "closed"],
      ["SOLUSDT", "short", "closed"],
      ["BTCUSDT", "short", "closed"],
      ["SOLUSDT", "long", "open"],
    ]);
    // the trader's own cells: a note beside the fills table (H7, between it and the funding table) and a column right of the sheet's blocks
    put(sheet, "H7", "my note");
    put(sheet, "BA7", "=1+1");

    const may = await load(MAY);
    const { prepared } = await addTo(sheet, [may]);
    // May's file: 9 fills, of which the 5 of 24–27 April are in the journal already (by Trade ID)
    expect(prepared.counts).toEqual([{ fills: 9, newFills: 4, inJournal: 5, inFiles: 0, payments: 0, newPayments: 0, paymentsInJournal: 0, paymentsInFiles: 0 }]);
    // 10 + 4 fills in the table, none twice: 14 distinct Trade IDs
    const ids = hf.getRangeValues({ start: { sheet: hf.getSheetId(sheet)!, row: 6, col: 6 }, end: { sheet: hf.getSheetId(sheet)!, row: 19, col: 6 } }).map((r) => r[0]);
    expect(new Set(ids).size).toBe(14);
    expect(metas[sheet]!.tables[0]!.range).toBe("A6:G20");
    // the SOLUSDT long closes in May; ETHUSDT long; BTCUSDT long still open
    expect(trades(sheet).map((t) => [t.symbol, t.side, t.status])).toEqual(APRIL_MAY_TRADES);
    // SOLUSDT long: the flip's 5 of 10 @ 140 (its fee 0.7 shared: 0.35) sold @ 151.2 (fee 0.378): 56 − 0.728 = 55.272
    expect(trades(sheet)[4]!.net).toBeCloseTo(55.272, 9);
    // six closed trades in the statistics
    expect(cell(sheet, "AD7")).toBe(6);
    expect([cell(sheet, "H7"), cell(sheet, "BA7"), cell("Sheet1", "A1")]).toEqual(["my note", 2, "mine"]);

    // the same export again: nothing new
    const again = await addTo(sheet, [may]);
    expect(again.prepared.counts[0]).toMatchObject({ newFills: 0, inJournal: 9 });
    expect(metas[sheet]!.tables[0]!.range).toBe("A6:G20");
  });

  it("adds the transaction history's funding: each trade's funding summed by hand, an open trade's to the last payment", async () => {
    const both = [await load(APRIL), await load(MAY)];
    // two overlapping months in one import: the week of 24–27 April once
    const p = prepareImport(both, undefined, { orphans: "leave", rates: {} });
    expect(p.counts.map((c) => [c.newFills, c.inFiles])).toEqual([
      [10, 0],
      [4, 5],
    ]);
    const { sheet } = await adapter.write(journalImportPlan({ fills: p.fills, rates: {}, startBalance: 10000, source: "two months", tradeCount: p.trades!.count }));
    // no funding yet: Funding blank, net after funding the Net PnL
    expect(trades(sheet).every((t) => t.funding === "" && t.after === t.net)).toBe(true);
    const funding = await load(FUNDING);
    expect(funding.fundingSummary.count).toBe(54);
    const { prepared } = await addTo(sheet, [funding]);
    expect(prepared.counts[0]).toMatchObject({ payments: 54, newPayments: 54 });
    const t = trades(sheet);
    // BTCUSDT long, 2026-04-02 09:15:07 → 04-03 17:40:21: the payments of 04-02 16:00, 04-03 00:00, 08:00 and 16:00:01:
    // −0.066123 − 0.066405 + 0.013288 − 0.033621 = −0.152861
    expect(t[0]!.funding).toBeCloseTo(-0.152861, 12);
    // its Net PnL: (67210.5 − 66000)·0.01 = 12.105 less fees 0.33 + 0.3360525: 11.4389475; after funding 11.2860865
    expect(t[0]!.after).toBeCloseTo(11.2860865, 12);
    // ETHUSDT short, 04-10 10:00:02 → 04-12 03:30:10: 0.16 + 0.1584 + 0.08 + 0.04725 − 0.0093 = 0.43635
    expect(t[1]!.funding).toBeCloseTo(0.43635, 12);
    // SOLUSDT short, 04-24 20:00:14 → 04-27 08:00:00: its close's second takes the payment of 04-27 08:00:00:
    // 0.0725 + 0.07125 + 0.0698 + 0.0701 + 0.035 − 0.014 + 0.07 + 0.07 = 0.44465
    expect(t[2]!.funding).toBeCloseTo(0.44465, 12);
    // BTCUSDT short, 04-25 14:00:00 → 04-26 09:20:33: 0.1935 + 0.1929 + 0.1287 = 0.5151
    expect(t[3]!.funding).toBeCloseTo(0.5151, 12);
    // SOLUSDT long, opened 04-27 08:00:00 (that payment is the short's: opened < time), closed 05-02 08:00:00 (≤ closed):
    // fifteen payments, ten of −0.07, three of −0.071, two of +0.014: −0.70 − 0.213 + 0.028 = −0.885
    expect(t[4]!.funding).toBeCloseTo(-0.885, 12);
    expect(t[4]!.after).toBeCloseTo(55.272 - 0.885, 12);
    // ETHUSDT long, 05-10 13:05:09 → 05-12 21:45:40: −0.116 − 0.1152 − 0.058 − 0.116 − 0.118 + 0.0232 − 0.1194 = −0.6194
    expect(t[5]!.funding).toBeCloseTo(-0.6194, 12);
    // BTCUSDT long, open since 05-28 10:00:00: every BTCUSDT payment after it, to the table's last (05-31 16:00):
    // −0.105 − 0.1053 − 0.1047 − 0.0525 + 0.021 − 0.105 − 0.105 − 0.1062 − 0.105 − 0.1041 = −0.8718; its Net PnL is its fee, −0.525
    expect(t[6]!.funding).toBeCloseTo(-0.8718, 12);
    expect(t[6]!.after).toBeCloseTo(-1.3968, 12);
    // XRPUSDT's two payments (−0.021 − 0.0205) are in no trade: the trades' funding and them make the file's total, −1.174461
    expect(t.reduce((s, x) => s + (x.funding as number), 0) - 0.0415).toBeCloseTo(-1.174461, 12);
    // the statistics on the net after funding: net profit = Σ net of the six closed trades + their funding
    const closedNet = t.slice(0, 6).reduce((s, x) => s + x.net, 0);
    const closedFunding = -0.152861 + 0.43635 + 0.44465 + 0.5151 - 0.885 - 0.6194;
    expect(cell(sheet, "AD11")).toBeCloseTo(closedNet, 9);
    expect(cell(sheet, "AE11")).toBeCloseTo(closedNet + closedFunding, 9);
    // the equity curve follows the net after funding: its last balance is the start plus that
    expect(cell(sheet, "AJ13")).toBeCloseTo(10000 + closedNet + closedFunding, 9);
    // the same file again adds no payment
    const again = await addTo(sheet, [funding]);
    expect(again.prepared.counts[0]).toMatchObject({ newPayments: 0, paymentsInJournal: 54 });
  });

  it("counts identical rows of an export without ids as separate fills, and a week read twice once", async () => {
    // Binance's real Date(UTC) export (no ids; some rows identical, which are separate fills), cut in two date
    // ranges that share the hours 01:00–06:00 of 2026-01-15; every line of the file at a time in the shared hours is in both
    const name = "Export Trade History-2.csv";
    const text = fs.readFileSync(path.join(FIXTURES, name), "utf8");
    const [header, ...lines] = text.trimEnd().split("\n");
    const time = (l: string) => l.slice(0, 19);
    const early = lines.filter((l) => time(l) < "2026-01-15 06:00:00");
    const late = lines.filter((l) => time(l) >= "2026-01-15 01:00:00");
    const shared = lines.filter((l) => time(l) >= "2026-01-15 01:00:00" && time(l) < "2026-01-15 06:00:00");
    // identical lines among the shared ones (the file's own duplicates): they must count twice, not once
    expect(shared.length).toBeGreaterThan(new Set(shared).size);
    const read = (rows: string[]) => analyse({ name, kind: "csv", grid: { rows: [header!, ...rows].map((l) => l.split(",")), lines: [header!, ...rows].map((_, i) => i + 1) }, lineWord: "line" });
    const p = prepareImport([read(early), read(late)], undefined, { orphans: "leave", rates: {} });
    expect(p.counts.map((c) => [c.fills, c.newFills, c.inFiles])).toEqual([
      [early.length, early.length, 0],
      [late.length, late.length - shared.length, shared.length],
    ]);
    // every line once; RIVERUSDT's (line 121, the oldest) closes a position opened before the file: left out as asked
    expect(p.fills).toHaveLength(lines.length - 1);
    expect(p.orphans.map((o) => o.symbol)).toEqual(["RIVERUSDT"]);
    // and against a journal of the whole file: nothing new
    const whole = prepareImport([read(lines)], undefined, { orphans: "leave", rates: {} });
    const journal: JournalContent = { fills: whole.fills, payments: [] };
    expect(prepareImport([read(late)], journal, { orphans: "leave", rates: {} }).counts[0]).toMatchObject({ newFills: 0, inJournal: late.length });
  });

  it("lets the statistics, the funding column and the curve reach further when the trades outgrow their rows", async () => {
    // three fills of one symbol, then 300 fills that each close a position and open the other side (a flip): 301 trades
    const fill = (i: number, side: "buy" | "sell", quantity: number, price: number): Fill => ({ line: i + 2, time: at("2026-01-01 00:00:00") + i / 1440, symbol: "XUSDT", side, price, quantity, fee: 0, feeAsset: undefined, positionSide: undefined });
    const start = [fill(0, "buy", 1, 100), fill(1, "sell", 1, 101), fill(2, "buy", 1, 100)];
    const { sheet } = await adapter.write(journalImportPlan({ fills: start, rates: {}, startBalance: 1000, source: "three fills" }));
    // reach: 3 fills + 200 spare rows under the header (row 6): row 209
    expect(hf.getCellFormula({ sheet: hf.getSheetId(sheet)!, ...parseCell("AB7") })).toBe("=LEV.JOURNALSTATS(V7:V209, StartBalance, , O7:O209)");
    // sell 2, buy 2, … each at a price 1 from the last entry: every flip closes a trade of 1 (±1 realised)
    const more: Fill[] = [];
    for (let i = 0; i < 300; i++) more.push(fill(3 + i, i % 2 === 0 ? "sell" : "buy", 2, i % 2 === 0 ? 101 : 100));
    const found = journalsOf(await adapter.tables()).find((j) => j.sheet === sheet)!;
    const journal = await readJournal(adapter, found);
    expect(journal.layout.reach).toBe(208);
    // the trades: the first round trip, then the long of fill 3 closed by each of the 300 flips: 1 + 300 closed, 1 open
    await adapter.append(journalAppendPlan({ journal, fills: more, payments: [], rates: {}, totalFills: 303, totalTrades: 302 }));
    // 303 fills and 302 trades: the reach is 302 + 200 rows under the header
    const id = hf.getSheetId(sheet)!;
    expect(hf.getCellFormula({ sheet: id, ...parseCell("AB7") })).toBe("=LEV.JOURNALSTATS(V7:V509, StartBalance, , O7:O509)");
    expect(cell(sheet, "AC7")).toBe(301);
    // each closed trade realised +1 (sold 1 above the entry, or bought 1 below it): 301
    expect(cell(sheet, "AC11")).toBe(301);
    expect(cell(sheet, "AD11")).toBe(301);
    // the curve's last row and the funding column reach the new trades
    expect(cell(sheet, "AI308")).toBe(1301);
    expect(hf.getCellFormula({ sheet: id, ...parseCell("Y300") })).toMatch(/^=IF\(L300="", ""/);
    expect(metas[sheet]!.charts[0]!.series[0]!.y).toBe("AI7:AI510");
  });

  it("shows a payment once in hedge mode: in the trade of its symbol open first, then in the other side's", async () => {
    // BTCUSDT LONG 09:00 → day 2 09:00; SHORT opened day 1 12:00 → day 3 09:00 (both open between): payments every 8 hours
    const f = (iso: string, side: "buy" | "sell", ps: "LONG" | "SHORT"): Fill => ({ line: 0, time: at(iso), symbol: "BTCUSDT", side, price: 100, quantity: 1, fee: 0, feeAsset: undefined, positionSide: ps });
    const fills = [f("2026-03-01 09:00:00", "buy", "LONG"), f("2026-03-01 12:00:00", "sell", "SHORT"), f("2026-03-02 09:00:00", "sell", "LONG"), f("2026-03-03 09:00:00", "buy", "SHORT")];
    const pay = (iso: string, amount: number): Payment => ({ line: 0, time: at(iso), symbol: "BTCUSDT", amount, asset: "USDT" });
    const payments = [pay("2026-03-01 16:00:00", -1), pay("2026-03-02 00:00:00", -2), pay("2026-03-02 08:00:00", -4), pay("2026-03-02 16:00:00", -8), pay("2026-03-03 00:00:00", -16), pay("2026-03-03 08:00:00", -32)];
    const { sheet } = await adapter.write(journalImportPlan({ fills, payments, rates: {}, startBalance: 1000, source: "hedge" }));
    // with Position side the fills table has 7 columns: the trades start at M, as with Trade ID
    expect(trades(sheet).map((t) => [t.side, t.funding])).toEqual([
      // the long, open first: the payments of 03-01 16:00, 03-02 00:00 and 08:00 (−1 − 2 − 4), while both were open
      ["long", -7],
      // the short: from the long's close on (03-02 16:00, 03-03 00:00, 08:00): −8 − 16 − 32
      ["short", -56],
    ]);
    // each payment once: −63 in all
  });
});
