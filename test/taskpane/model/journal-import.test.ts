import * as fs from "fs";
import * as path from "path";
import { isoSerial } from "../../../src/engine";
import { analyse, ImportError, importText, pairOf, proposeMapping, quoteFee, splitAmount, type Analysis, type ReadOptions } from "../../../src/taskpane/model/journal-import";
import { prepare } from "../../../src/taskpane/model/journal-prepare";
import { readSource } from "../../../src/taskpane/model/journal-source";
import { FIXTURE_DIR, FIXTURES, fixtureBytes, sha256 } from "./journal-fixtures";

/*
 * Every known layout read from a real export (or rows rebuilt under a header quoted verbatim where no openly
 * licensed export exists): journal-fixtures.ts records each file's repository, path, commit, licence and
 * hash. Expected figures are worked out by hand from the rows, beside each test.
 */

const load = async (name: string, options: ReadOptions = {}): Promise<Analysis> => analyse(await readSource(name, fixtureBytes(name)), options);
/** The serial of an ISO date-time, by the engine's own reading of ISO text (as LEV.TRADES reads a typed time). */
const at = (iso: string) => isoSerial(iso)!;
const fillsOf = (a: Analysis) => a.fills.map((f) => [f.line, f.symbol, f.side, f.price, f.quantity, f.fee]);

describe("the fixtures are the files their sources say", () => {
  it("lists every file in the folder, and each file's hash is the one recorded", () => {
    const files = fs.readdirSync(FIXTURE_DIR).filter((f) => f !== "README.md");
    expect(files.sort()).toEqual(Object.keys(FIXTURES).sort());
    for (const name of files) expect([name, sha256(fixtureBytes(name))]).toEqual([name, FIXTURES[name]!.sha256]);
  });

  it("keeps a real file's bytes where it had no id to replace", () => {
    for (const [name, f] of Object.entries(FIXTURES)) {
      if (f.kind === "real") expect(f.repository && f.path && f.commit && f.licence && f.original).toBeTruthy();
      if (f.kind === "real" && /nothing replaced|no ids/.test(f.note)) expect(f.sha256).toBe(f.original);
      if (f.kind === "real" && !/nothing replaced|no ids/.test(f.note)) expect(f.sha256).not.toBe(f.original);
      void name;
    }
  });

  it("says in the folder's README where each file comes from, with its licence", () => {
    const readme = fs.readFileSync(path.join(FIXTURE_DIR, "README.md"), "utf8");
    for (const [name, f] of Object.entries(FIXTURES)) {
      expect(readme).toContain(name);
      if (f.repository && !f.repository.startsWith("(")) expect(readme).toContain(f.repository.split(" ")[0]!);
    }
    expect(readme).toMatch(/GPL-3\.0/);
    expect(readme).toMatch(/GPL-2\.0/);
  });

  it("carries no account, user, order or trade id of the sources", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(fixtureBytes("MetaTrader5.xlsx"));
    const all = (await Promise.all(Object.values(zip.files).map((f) => f.async("string")))).join("\n");
    // the report's real tickets, account and names (see the provenance note), none left
    for (const gone of ["275917189", "268991080", "65660581", "XM Global", "Holubek"]) expect(all).not.toContain(gone);
    expect(all).toContain("<dc:subject>YYYYY:xxxxx</dc:subject>");
    expect(Buffer.from(fixtureBytes("bybiteu_uta_v001.csv")).toString("latin1")).not.toContain("567248024");
    expect(Buffer.from(fixtureBytes("okex_v001_M.csv")).toString("latin1")).not.toMatch(/2517870569|2517869763/);
  });
});

describe("Binance USDⓈ-M futures", () => {
  it("reads the current export in the zone its file name states, (UTC+6), and writes it in UTC", async () => {
    const name = "Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv";
    const bytes = fixtureBytes(name);
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark and CRLF as Binance writes them
    expect(Buffer.from(bytes).toString("utf8")).toContain("\r\n");
    const a = await load(name);
    expect(a.layout?.id).toBe("binance-futures");
    expect(a.zone.stated).toEqual({ kind: "offset", minutes: 360 });
    expect(a.zone.said).toContain("(UTC+6)");
    expect(a.reversed).toBe(true); // newest first in the file, oldest first in the journal
    // the oldest row, 2026-06-17 00:02:02 at UTC+6, is 2026-06-16 18:02:02 UTC: six hours earlier
    expect(a.fills[0]).toMatchObject({ line: 10, symbol: "XRPUSDT", side: "sell", price: 2.1035, quantity: 40, fee: 0.04207, feeAsset: "USDT", realised: 0.124 });
    expect(a.fills[0]!.time).toBe(at("2026-06-16 18:02:02"));
    expect(a.last).toBe(at("2026-06-18 14:07:24"));
    // read in the zone written: the same wall clock as the file
    const asIs = await load(name, { writeZone: { kind: "offset", minutes: 360 } });
    expect(asIs.fills[0]!.time).toBe(at("2026-06-17 00:02:02"));
    // fees with their coin and no space: 0.0005 × 40 × 2.1035 = 0.04207
    expect(a.fills.every((f) => f.feeAsset === "USDT")).toBe(true);
  });

  it("agrees trade for trade with Binance's Realized Profit, and names the close whose opening is before the file", async () => {
    const a = await load("Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv");
    const left = prepare(a, { orphans: "leave", rates: {} });
    // XRPUSDT's first fill sells 40 with Realized Profit 0.124: a long held before the file; entry = 2.1035 − 0.124/40 = 2.1004
    expect(left.orphans.map((o) => [o.symbol, o.side, o.quantity, o.price, o.fills.map((f) => f.line)])).toEqual([["XRPUSDT", "long", 40, 2.1004, [10]]]);
    // ETHUSDT long: avg (1733.87·0.028 + 1740.10·0.012)/0.04 = 1735.739, exit 1733.76: (1733.76 − 1735.739)·0.04 = −0.07916
    // DOGEUSDT long: (0.1673 − 0.1651)·300 = 0.66; POLUSDT short: (0.07712 − 0.07690)·520 = 0.1144 — each Binance's own figure
    expect(left.trades).toEqual({ count: 3, closed: 3, open: 0 });
    const r = left.reconciliation!;
    expect([r.compared, r.checks.length, r.agree, r.differ.length]).toEqual(["Gross PnL", 3, 3, 0]);
    expect(r.checks.map((c) => [c.symbol, c.exchange])).toEqual([
      ["ETHUSDT", -0.07916],
      ["DOGEUSDT", 0.66],
      ["POLUSDT", 0.1144],
    ]);
    // with an inferred opening: four trades, XRPUSDT's gross (2.1035 − 2.1004)·40 = 0.124, as Binance says
    const inferred = prepare(a, { orphans: "infer", rates: {} });
    expect(inferred.fills[0]).toMatchObject({ line: 0, symbol: "XRPUSDT", side: "buy", price: 2.1004, quantity: 40, inferred: true, time: a.first });
    expect(inferred.fills[0]!.note).toMatch(/inferred opening/);
    expect(inferred.reconciliation!.agree).toBe(4);
    expect(inferred.reconciliation!.checks[0]).toMatchObject({ symbol: "XRPUSDT", exchange: 0.124, agrees: true });
  });

  it("reads a negative offset written (UTC--6), two-digit years and fees written with a space before the coin", async () => {
    const a = await load("Binance-Futures-Trade-History-202603171200(UTC--6)-part1-of1.csv");
    expect(a.zone.stated).toEqual({ kind: "offset", minutes: -360 });
    // 26-03-17 09:34:12 at UTC−6 is 2026-03-17 15:34:12 UTC
    expect(a.fills.map((f) => [f.time, f.side, f.fee, f.feeAsset])).toEqual([
      [at("2026-03-17 15:34:12"), "buy", 0.21052625, "USDC"],
      [at("2026-03-17 17:02:48"), "sell", 0.21125575, "USDC"],
    ]);
    // (84502.3 − 84210.5)·0.005 = 1.459, Binance's Realized Profit
    expect(prepare(a, { orphans: "leave", rates: {} }).reconciliation!.checks.map((c) => [c.lev, c.exchange, c.agrees])).toEqual([[1.459, 1.459, true]]);
  });

  it("reads the ten-column Date(UTC) export of a real account: 120 fills, 23 trades, each as Binance realised it", async () => {
    const a = await load("Export Trade History-2.csv");
    expect([a.layout?.id, a.fills.length, a.rejected.length, a.symbols.length]).toEqual(["binance-futures-utc", 120, 0, 8]);
    expect(a.zone.said).toBe('the header "Date(UTC)"');
    const p = prepare(a, { orphans: "leave", rates: {} });
    // RIVERUSDT's only fill sells 0.1 with Realized Profit −0.02864736: entry = 28.887 + 0.02864736/0.1 = 29.1734736
    expect(p.orphans.map((o) => [o.symbol, o.side, o.quantity, o.price])).toEqual([["RIVERUSDT", "long", 0.1, 29.1734736]]);
    expect(p.trades).toEqual({ count: 23, closed: 23, open: 0 });
    expect([p.reconciliation!.checks.length, p.reconciliation!.agree, p.reconciliation!.decimals]).toEqual([23, 23, 8]);
    // BARDUSDT, by hand: bought 106 + 3 at 0.9028 (98.4052), sold 86 + 23 at 0.9085 (99.0265): gross 0.6213 = 0.4902 + 0.1311
    const bard = p.reconciliation!.checks.find((c) => c.symbol === "BARDUSDT")!;
    expect(bard.lev).toBeCloseTo(0.6213, 10);
    expect(bard.exchange).toBe(0.6213);
    // GUNUSDT short: sold 5078 + 337 at 0.03068 (166.1322), bought 5415 at 0.03065 (165.96975): 0.16245
    expect(p.reconciliation!.checks.find((c) => c.symbol === "GUNUSDT")!.exchange).toBe(0.16245);
  });

  it("reads the eight-column export with Pair, and a sell through zero: its profit belongs to the trade it closes", async () => {
    const a = await load("binance-futures-2022.csv");
    const p = prepare(a, { orphans: "leave", rates: {} });
    // long 2 at 150 closed by the sell of 5 at 152 (gross 4), which opens a short of 3, bought back at 149 (gross 9)
    expect(p.reconciliation!.checks.map((c) => [c.side, c.lev, c.exchange, c.agrees])).toEqual([
      ["long", 4, 4, true],
      ["short", 9, 9, true],
    ]);
  });
});

describe("a position side column (hedge mode)", () => {
  it("keeps each fill's LONG or SHORT side, and the engine keeps the two positions apart", async () => {
    // hand-made: no export seen carries the column (Binance's API names it positionSide). LONG: bought 2 at 3000, sold 1
    // at 3100: open, realised (3100 − 3000)·1 = 100. SHORT: sold 1 at 3010, bought 1 at 2950: closed, (3010 − 2950)·1 = 60
    const a = await load("binance-futures-hedge.csv");
    expect(a.hedge).toBe(true);
    expect(a.fills.map((f) => f.positionSide)).toEqual(["LONG", "SHORT", "LONG", "SHORT"]);
    const p = prepare(a, { orphans: "leave", rates: {} });
    expect(p.trades).toEqual({ count: 2, closed: 1, open: 1 });
    expect(p.reconciliation!.checks.map((c) => [c.side, c.lev, c.exchange, c.agrees])).toEqual([
      ["long", 100, 100, true],
      ["short", 60, 60, true],
    ]);
  });
});

describe("Binance spot", () => {
  it("reads the old semicolon export's decimal points as decimal points", async () => {
    const a = await load("binance_v001.csv");
    expect(a.layout?.id).toBe("binance-spot-market");
    expect(a.decimal).toBeUndefined(); // 0.007393 shows its mark: nothing to ask
    expect(fillsOf(a)).toEqual([
      [3, "LTCBTC", "sell", 0.007384, 0.96, 0.00000709],
      [2, "LTCBTC", "buy", 0.007393, 1.61, 0.00161],
    ]);
    expect(a.fills.map((f) => f.feeAsset)).toEqual(["BTC", "LTC"]);
    // a spot account cannot sell what it does not hold: the first sell closes coins bought before the file
    const p = prepare(a, { orphans: "leave", rates: {} });
    expect(p.orphans.map((o) => [o.symbol, o.side, o.quantity, o.cannotInfer !== undefined])).toEqual([["LTCBTC", "long", 0.96, true]]);
  });

  it("reads amounts through the pair's base asset (5.11INCH is 5.1 of 1INCH), in the zone of the file name", async () => {
    const a = await load("Binance-Spot-Trade-History-202405061230(UTC+7)-part1-of1.csv");
    expect(a.layout?.id).toBe("binance-spot");
    expect(a.zone.stated).toEqual({ kind: "offset", minutes: 420 });
    expect(a.fills.map((f) => [f.time, f.symbol, f.quantity, f.fee, f.feeAsset])).toEqual([
      [at("2024-05-01 03:00:00"), "1INCHUSDT", 5.1, 0.005, "1INCH"], // 24-05-01 10:00:00 at UTC+7
      [at("2024-05-02 07:30:00"), "1INCHUSDT", 5, 0.002125, "USDT"], // 51INCH is 5 of 1INCH
      [at("2024-05-03 02:15:00"), "BNBUSDT", 0.1, 0.000075, "BNB"],
    ]);
    // the 1INCH and BNB fees are in the coin, not in USDT: listed apart, never summed
    expect(a.foreignFees.map((f) => [f.asset, f.fills])).toEqual([
      ["1INCH", 1],
      ["BNB", 1],
    ]);
  });

  it("reads prices quoted with thousands separators", async () => {
    const a = await load("binance-spot-2021.csv");
    expect(a.fills.map((f) => [f.symbol, f.price, f.quantity, f.fee, f.feeAsset])).toEqual([
      ["ETHUSDT", 3912.45, 0.05, 0.0001466, "BNB"],
      ["ETHUSDT", 4101.2, 0.05, 0.000154, "BNB"],
      ["BTCUSDT", 56120, 0.002, 0.000002, "BTC"],
    ]);
    const bnb = a.fills[0]!;
    expect(quoteFee(bnb, {})).toBeUndefined();
    expect(quoteFee(bnb, { BNB: 600 })).toBe(0.08796); // 0.0001466 × 600
  });

  it("recognises the export with its header in the site's language (Czech), and asks for the zone its name does not give", async () => {
    const a = await load("binance-spot-cs.csv");
    expect(a.layout?.id).toBe("binance-spot-cs");
    expect(a.zone.stated).toBeUndefined();
    expect(a.zone.file).toEqual({ kind: "written" });
    expect(a.fills.map((f) => [f.time, f.side, f.price, f.quantity])).toEqual([
      [at("2024-03-08 10:15:42"), "buy", 61250.5, 0.002],
      [at("2024-03-09 16:40:03"), "sell", 62010, 0.002],
    ]);
    // told the zone, it converts: UTC+1 to UTC is an hour earlier
    const told = await load("binance-spot-cs.csv", { zone: { kind: "offset", minutes: 60 } });
    expect(told.fills[0]!.time).toBe(at("2024-03-08 09:15:42"));
  });
});

describe("a known export with its header in a language LEV does not list", () => {
  it("is recognised by what its columns hold, and read by position", async () => {
    // Binance's spot export as its site writes it in another language: the header's words are unknown, the cells are Binance's
    const name = "Binance-Spot-Trade-History-202405061230(UTC+7)-part1-of1.csv";
    const text = Buffer.from(fixtureBytes(name)).toString("utf8").replace("Time,Pair,Side,Price,Executed,Amount,Fee", "Hora,Par,Lado,Precio,Ejecutado,Importe,Comisión");
    const a = importText(text, { fileName: name });
    expect(a.layout?.id).toBe("binance-spot-by-shape");
    expect(a.layout?.name).toMatch(/header in another language/);
    expect(a.fills.map((f) => [f.symbol, f.quantity, f.fee, f.feeAsset])).toEqual((await load(name)).fills.map((f) => [f.symbol, f.quantity, f.fee, f.feeAsset]));
  });
});

describe("Bybit", () => {
  it("reads the derivatives trade history: Direction is the side, a Funding row is a funding payment, not a fill", async () => {
    const a = await load("BybitTradeHistoryUSDTPerpetual20220223-20220516.csv");
    expect(a.layout?.id).toBe("bybit-trades");
    expect(a.skipped).toEqual([]);
    expect(a.rejected).toEqual([]);
    // line 5: Fees Paid 0.33232811 on a Funding row is paid by the short (Bybit's Closed P&L subtracts it): −0.33232811
    expect(a.funding).toEqual([{ line: 5, time: at("2022-03-01 16:00:00"), symbol: "BTCUSDT", amount: -0.33232811, asset: "USDT" }]);
    // the fills keep their Transaction ID: a later import recognises them by it
    expect(a.fills.map((f) => f.tradeId)).toEqual(["a7b8c9d0", "e5f6a7b8", "f6a7b8c9", "b8c9d0e1", "e5f6a7b8"]);
    // "Close Long" sells, "Open Short" sells, "Close Short" buys; a maker rebate is a negative fee
    expect(a.fills.map((f) => [f.symbol, f.side, f.action, f.fee])).toEqual([
      ["ETHUSDT", "sell", "close", 1.59],
      ["BTCUSDT", "sell", "open", -1.0875],
      ["BTCUSDT", "buy", "close", 2.568],
      ["LOOKSUSDT", "buy", "open", -0.625],
      ["LOOKSUSDT", "sell", "close", 1.347],
    ]);
    const p = prepare(a, { orphans: "leave", rates: {} });
    // ETHUSDT's Close Long at the start closes a long held before the file; the export has no PnL to price it
    expect(p.orphans.map((o) => [o.symbol, o.side, o.quantity, o.price])).toEqual([["ETHUSDT", "long", 1, undefined]]);
    expect(p.trades).toEqual({ count: 2, closed: 2, open: 0 });
  });

  it("reads the closed P&L export as positions, and says why Bybit's figure is not LEV's gross", async () => {
    const a = await load("BybitClosedPNLUSDTPerpetual20220223-20220516.csv");
    expect(a.rejected).toEqual([{ line: 2, reason: "BTCUSD is an inverse contract (quantity in USD, PnL in the coin), which LEV.TRADES does not read yet" }]);
    const p = prepare(a, { orphans: "leave", rates: {} });
    const r = p.reconciliation!;
    // BTCUSDT short 0.1: (43500 − 42800)·0.1 = 70 before fees; Bybit's 68.18717189 is after the fees (−1.0875 + 2.568 = 1.4805)
    // and the funding (0.33232811) of the trade history above: 70 − 1.4805 − 0.33232811 = 68.18717189
    expect(r.differ.map((c) => [c.symbol, c.lev, c.exchange])).toEqual([
      ["BTCUSDT", 70, 68.18717189],
      ["LOOKSUSDT", -255, -255.722],
    ]);
    expect(r.differ[0]!.difference).toBeCloseTo(1.81282811, 8);
    expect(r.differ[0]!.why).toMatch(/after the opening and closing fees and the funding/);
  });

  it("reads the unified-account closed P&L, its times written clock first", async () => {
    const a = await load("Bybit-UM-Perp-ClosedPNL-1748548800-1749239999.csv");
    // FARTCOINUSDT closed by a BUY: a short of 1500 from 1.06666887 to 1.0565: (1.06666887 − 1.0565)·1500 = 15.253305
    expect(a.fills.map((f) => [f.time, f.symbol, f.side, f.price])).toEqual([
      [at("2025-06-06 11:36:00"), "FARTCOINUSDT", "sell", 1.06666887],
      [at("2025-06-06 11:36:00"), "FARTCOINUSDT", "buy", 1.0565],
      [at("2025-06-06 15:14:00"), "SOLUSDT", "buy", 146.1],
      [at("2025-06-06 15:14:00"), "SOLUSDT", "sell", 151.6],
    ]);
    const r = prepare(a, { orphans: "leave", rates: {} }).reconciliation!;
    expect(r.differ.map((c) => [c.symbol, c.lev, c.exchange])).toEqual([
      ["FARTCOINUSDT", 15.253305, 14.982075],
      ["SOLUSDT", 68.75, 67.7917], // (151.6 − 146.1)·12.5
    ]);
  });

  it("reads the unified-account log: Direction is the side, Type says what is a fill, Position orders a second's fills", async () => {
    const a = await load("AssetChangeDetails_uta_100000000_20250101_20251231_0.csv");
    expect(a.layout?.id).toBe("bybit-uta-log");
    expect(a.headerLine).toBe(2); // under the UID line
    expect(a.skipped.map((s) => [s.what, s.count])).toEqual([["a transfer", 1]]);
    // line 6: a SETTLEMENT is a funding payment, its Funding as the wallet's change (received positive)
    expect(a.funding).toEqual([{ line: 6, time: at("2025-02-06 16:00:00"), symbol: "LTCUSDT", amount: -0.0123, asset: "USDT" }]);
    // the three sells of 12:54:14 are listed −15, −10, −17 in the file; their positions chain 0 → −10 → −15 → −17
    const ltc = a.fills.filter((f) => f.symbol === "LTCUSDT");
    expect(ltc.map((f) => [f.side, f.quantity, f.positionAfter])).toEqual([
      ["sell", 10, -10],
      ["sell", 5, -15],
      ["sell", 2, -17],
      ["buy", 7, -10],
      ["buy", 10, 0],
    ]);
    // a spot fill is two rows: the AAVE row is the fill (its fee 0.000226 AAVE), the USDT row carries the sell's fee
    expect(a.fills.filter((f) => f.symbol === "AAVEUSDT").map((f) => [f.side, f.quantity, f.price, f.fee, f.feeAsset])).toEqual([
      ["buy", 0.226, 204.1, 0.000226, "AAVE"],
      ["sell", 0.2, 225.77, 0.045154, "USDT"],
    ]);
    const p = prepare(a, { orphans: "infer", rates: {} });
    // LINKUSDT's CLOSE at the start realised Cash Flow 1.8 (Change 1.754625 + fee 0.045375): entry 27.5 − 1.8/3 = 26.9
    expect(p.orphans.map((o) => [o.symbol, o.side, o.quantity, o.price])).toEqual([["LINKUSDT", "long", 3, 26.9]]);
    // LTCUSDT short, by hand: sold 17 at 105.88, bought 7 at 106.80 and 10 at 106.78: gross −6.44 − 9 = −15.44;
    // fees 0.58234 + 0.29117 + 0.116468 + 0.41118 + 0.58729 = 1.988448; net −17.428448 = Bybit's Changes summed
    const ltcCheck = p.reconciliation!.checks.find((c) => c.symbol === "LTCUSDT")!;
    expect([p.reconciliation!.compared, ltcCheck.exchange, ltcCheck.agrees]).toEqual(["Net PnL", -17.428448, true]);
    expect(ltcCheck.lev).toBeCloseTo(-17.428448, 9);
    expect(p.reconciliation!.checks.find((c) => c.symbol === "LINKUSDT")).toMatchObject({ exchange: 1.754625, agrees: true });
  });

  it("reads a real Bybit (EU) spot log: the base-currency row of each pair of rows", async () => {
    const a = await load("bybiteu_uta_v001.csv");
    expect(a.fills.map((f) => [f.side, f.quantity, f.price, f.fee, f.feeAsset])).toEqual([
      ["buy", 0.00009, 53775.3, 0.000000225, "BTC"],
      ["sell", 0.00002, 53786.5, 0.002689325, "EUR"],
      ["buy", 0.00007, 53873.6, 0.000000175, "BTC"],
      ["sell", 0.00002, 53873.1, 0.002693655, "EUR"],
      ["sell", 0.00003, 53842.9, 0.0040382175, "EUR"],
    ]);
    expect(a.skipped.map((s) => s.what)).toEqual(["a transfer"]);
    // bought 0.00016, sold 0.00007: one open trade of 0.00009 left
    expect(prepare(a, { orphans: "leave", rates: {} }).trades).toEqual({ count: 1, closed: 0, open: 1 });
  });
});

describe("OKX", () => {
  it("reads the trading history's one row per currency leg as one fill per base-currency row, in the zone of its first line", async () => {
    const a = await load("OKX-Trading-History-2025-10-20.csv");
    expect(a.layout?.id).toBe("okx-trading");
    expect(a.zone.stated).toEqual({ kind: "offset", minutes: 120 });
    const btc = a.fills.find((f) => f.symbol === "BTC-EUR")!;
    // the BTC row: a buy of 0.06436375 at 95264.8 (not a "long of 6131.6" read from the EUR row), fee 0.00016091 BTC
    expect(btc).toMatchObject({ side: "buy", quantity: 0.06436375, price: 95264.8, fee: 0.00016091, feeAsset: "BTC", time: at("2025-10-20 08:44:26") });
    const ada = a.fills.filter((f) => f.symbol === "ADA-EUR");
    // six sells; the fees sit on their EUR rows: the cited test's totals are 6608.9101 ADA and 9.49950318 EUR
    expect(ada.every((f) => f.side === "sell" && f.feeAsset === "EUR")).toBe(true);
    expect(ada.reduce((s, f) => s + f.quantity, 0)).toBeCloseTo(6608.9101, 8);
    expect(ada.reduce((s, f) => s + f.fee, 0)).toBeCloseTo(9.49950318, 8);
  });

  it("reads the 2020 export's byte-order mark before every cell and its signed amounts", async () => {
    const a = await load("okex_v001_M.csv");
    expect(a.layout?.id).toBe("okx-fills-2020");
    expect(a.fills.map((f) => [f.time, f.symbol, f.side, f.price, f.quantity, f.fee, f.feeAsset])).toEqual([
      [at("2020-09-25 17:00:01"), "ltc_usdt", "sell", 45.89, 2.291153, 0.10514101117, "USDT"],
      [at("2020-09-25 17:27:02"), "ltc_usdt", "buy", 46.17, 2.273693, 0.0034105395, "LTC"],
    ]);
    expect(a.zone.file).toEqual({ kind: "written" });
  });
});

describe("MetaTrader 5's trade history report", () => {
  const forms = ["MetaTrader5.xlsx", "MetaTrader5-utf16.xlsx", "ReportHistory-10000001.csv", "ReportHistory-10000001.html"];

  it.each(forms)("finds the Deals inside the whole report (%s), never its positions or orders", async (name) => {
    const a = await load(name);
    expect(a.layout?.id).toBe("mt5-report");
    expect(a.account).toEqual({ currency: "USD", hedging: true });
    expect(a.skipped.map((s) => [s.what, s.count])).toEqual([["a deposit or withdrawal", 1]]);
    expect(a.zone).toMatchObject({ file: { kind: "written" }, stated: undefined });
    // a hedging account: an in deal opens its direction's side, an out deal closes the other side
    expect(a.fills.map((f) => [f.symbol, f.side, f.quantity, f.price, f.positionSide, f.action, f.realised])).toEqual([
      ["EURAUD", "sell", 0.03, 1.55244, "SHORT", "open", 0],
      ["EURAUD", "sell", 0.5, 1.55242, "SHORT", "open", 0],
      ["GOLD_", "sell", 0.5, 1649.16, "SHORT", "open", 0],
      ["GOLD_", "buy", 0.5, 1649.63, "SHORT", "close", -23.5],
      ["EURAUD", "buy", 0.5, 1.55084, "SHORT", "close", 50.71],
      ["EURAUD", "buy", 0.03, 1.55055, "SHORT", "close", 3.64],
    ]);
    expect(a.fills[0]!.time).toBe(at("2022-10-28 12:48:49"));
  });

  it("gives each symbol its contract size, so that the money is MetaTrader's, and compares Profit like with like", async () => {
    const a = await load("MetaTrader5.xlsx");
    // GOLD_: 0.5 lot × (1649.16 − 1649.63) = −0.235 per unit; MetaTrader's −23.50 means 100 units per lot
    expect(a.contracts).toEqual([
      expect.objectContaining({ symbol: "EURAUD", size: 100000, from: "standard" }),
      expect.objectContaining({ symbol: "GOLD_", size: 100, from: "inferred" }),
    ]);
    const p = prepare(a, { orphans: "leave", rates: {} });
    // two EURAUD shorts open at once make one trade until the short side is flat:
    // 100,000 × [(0.03·1.55244 + 0.5·1.55242) − (0.5·1.55084 + 0.03·1.55055)] = 84.67 AUD; Profit 50.71 + 3.64 = 54.35 USD
    expect(p.trades).toEqual({ count: 2, closed: 2, open: 0 });
    const r = p.reconciliation!;
    expect(r.rated.map((c) => [c.symbol, c.exchange])).toEqual([["EURAUD", 54.35]]);
    expect(r.rated[0]!.lev).toBeCloseTo(84.67, 9);
    expect(r.rated[0]!.rate).toBeCloseTo(54.35 / 84.67, 12); // 0.6419… USD per AUD
    expect(r.rated[0]!.why).toMatch(/quoted in AUD, MetaTrader's Profit in USD: .* implies 0\.64190 USD per AUD/);
    expect(r.checks.find((c) => c.symbol === "GOLD_")).toMatchObject({ exchange: -23.5, agrees: true });
    // the trader's size wins
    const given = await load("MetaTrader5.xlsx", { contractSizes: { GOLD_: 10 } });
    expect(given.contracts[1]).toMatchObject({ size: 10, from: "given" });
  });
});

describe("exports LEV does not read yet", () => {
  it("refuses BitMEX's inverse contracts and says so", async () => {
    await expect(load("bitmex_v001_M.csv")).rejects.toThrow(/inverse contracts.*LEV\.TRADES is for linear contracts.*not supported yet/);
  });
});

describe("any other CSV: a proposed mapping the trader can correct", () => {
  it("maps columns by their names and reads decimal commas in a semicolon file", () => {
    const a = importText(fs.readFileSync(path.join(FIXTURE_DIR, "generic.csv"), "utf8"));
    expect(a.layout).toBeUndefined();
    expect(a.mapping).toEqual({ time: 0, symbol: 1, side: 2, price: 3, quantity: 4, fee: 5 });
    expect(a.fills.map((f) => f.price)).toEqual([185.5, 187.25]);
  });

  it("takes the first hint that fits in order of preference: Side before Type, Fee before Fee Rate, Filled Quantity before Filled Value", () => {
    expect(proposeMapping(["Time", "Symbol", "Type", "Side", "Price", "Filled Value", "Filled Quantity", "Fee Rate", "Fee"])).toEqual({
      time: 0,
      symbol: 1,
      side: 3,
      price: 4,
      quantity: 6,
      fee: 8,
    });
    expect(proposeMapping(["Date", "Market", "Type", "Order Price", "Filled Price", "Amount", "Trading Fee Rate", "Fees Paid"])).toMatchObject({ side: 2, price: 4, quantity: 5, fee: 7 });
  });

  it("uses a mapping remembered for the same header (names only), and the trader's over its own", () => {
    const text = "When,What,Way,At,Size,Cost\n2024-02-01 10:00,AAPL,buy,185.5,100,1\n";
    const header = ["When", "What", "Way", "At", "Size", "Cost"];
    const key = header.map((h) => h.toLowerCase()).join("\u001f");
    const remembered = { [key]: { time: "When", symbol: "What", side: "Way", price: "At", quantity: "Size", fee: "Cost" } };
    const a = importText(text, { remembered });
    expect([a.mappingFrom, a.fills[0]!.fee]).toEqual(["remembered", 1]);
    const b = importText(text, { mapping: { time: 0, symbol: 1, side: 2, price: 3, quantity: 4 } });
    expect([b.mappingFrom, b.fills[0]!.fee]).toEqual(["trader", 0]);
  });
});

describe("files that give nothing say why", () => {
  it("refuses a damaged workbook and a file that is not a CSV", async () => {
    await expect(readSource("trades.xlsx", fixtureBytes("trades.xlsx"))).rejects.toThrow(/cannot be opened: it is damaged or not a workbook/);
    await expect(readSource("old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(/Excel 97–2003 workbook/);
    expect(() => importText("PK\u0003\u0004\u0000\u0000\u0001\u0002\u0003\u0004\u0005")).toThrow(ImportError);
  });

  it("refuses an empty file and a header with nothing recognisable", () => {
    expect(() => importText("  \n")).toThrow(/empty/);
    expect(() => importText("a,b,c,d\n1,2,3,4\n")).toThrow(/looks like a trade history/);
  });

  it("lists every bad row with its line and reason, and reads no fill", () => {
    const a = importText(fs.readFileSync(path.join(FIXTURE_DIR, "only-bad-rows.csv"), "utf8"));
    expect(a.fills).toEqual([]);
    expect(a.rejected).toEqual([
      { line: 2, reason: 'the date "yesterday" cannot be read' },
      { line: 3, reason: 'the side "HOLD" is neither buy nor sell' },
      { line: 4, reason: 'the price "n/a" is not a number' },
    ]);
  });
});

describe("symbols and amounts", () => {
  it.each([
    ["BTCUSDT", "BTC", "USDT"],
    ["1INCHUSDT", "1INCH", "USDT"],
    ["BTC-USDT-SWAP", "BTC", "USDT"],
    ["ltc_usdt", "LTC", "USDT"],
    ["EURAUD", "EUR", "AUD"],
    ["ETHBTC", "ETH", "BTC"],
  ])("%s is %s against %s", (symbol, base, quote) => {
    expect(pairOf(symbol)).toEqual({ base, quote });
  });

  it.each([
    ["5.11INCH", ["1INCH", "USDT"], "5.1", "1INCH"],
    ["51INCH", ["1INCH", "USDT"], "5", "1INCH"],
    ["0.02427264USDT", ["XRP", "USDT"], "0.02427264", "USDT"],
    ["0.29528919 USDC", [], "0.29528919", "USDC"],
    ["-0.0034105395 LTC", [], "-0.0034105395", "LTC"],
    ["-3.605E-05", [], "-3.605E-05", undefined],
  ])("%s is %s %s", (text, assets, number, asset) => {
    expect(splitAmount(text, assets)).toEqual({ number, asset });
  });
});
