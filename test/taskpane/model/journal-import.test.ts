import * as fs from "fs";
import * as path from "path";
import { ImportError, importText, parseCsv, proposeMapping, quoteFee, quoteOf, readAmount, readTime, recogniseLayout } from "../../../src/taskpane/model/journal-import";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../fixtures/journal", name), "utf8");
/** 2024-03-04 is serial 45355 (2024-01-01 = 45292, formulas.md; + 31 + 29 + 3). */
const MAR_4 = 45355;

describe("known layouts, recognised by their header row", () => {
  it.each([
    // Binance USDⓈ-M futures "Trade History" export, current header: as importers of real exports test it
    // (e.g. open-source journal parsers keyed on "Uid,Time,Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit,
    // Buyer,Maker,Trade ID,Order ID", fee cells written "0.29528919 USDC").
    ["binance-futures.csv", "binance-futures"],
    // Binance futures, earlier header "Date(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit" (same
    // importers); hedge-mode accounts carry the position side, which Binance's API names positionSide (LONG/SHORT/BOTH).
    ["binance-futures-hedge.csv", "binance-futures-legacy"],
    // Binance spot "Trade History": "Date(UTC),Pair,Side,Price,Executed,Amount,Fee", amounts suffixed with their
    // coin ("0.5BTC", "0.001BNB"), as tax and journal importers of Binance exports parse it.
    ["binance-spot.csv", "binance-spot"],
    // Bybit executions with the field names of Bybit's v5 API "Get Trade History" (/v5/execution/list:
    // symbol, side, execPrice, execQty, execFee, feeCurrency, execTime in ms), bybit-exchange.github.io/docs/v5/order/execution.
    ["bybit.csv", "bybit"],
    // OKX fills: "Trade ID,Order ID,Instrument ID,Side,Fill Price,Fill Size,Fee,Fee Currency,Trade Time", as
    // importers of OKX exports list it; OKX's API documents a charged fee as negative.
    ["okx.csv", "okx"],
    // MetaTrader 5 history report saved as CSV, Deals table: "Time,Deal,Symbol,Type,Direction,Volume,Price,Order,
    // Commission,Fee,Swap,Profit,Balance,Comment" (MT5 report parsers), under a few title lines; times 2024.03.01 09:00:00.
    ["mt5-deals.csv", "mt5-deals"],
  ])("%s is %s", (file, id) => {
    const r = importText(fixture(file), { fileName: file });
    expect(r.layout?.id).toBe(id);
    expect(r.fills.length).toBeGreaterThan(0);
  });

  it("reads Binance futures: times in UTC, fees with their coin, one-way", () => {
    const r = importText(fixture("binance-futures.csv"));
    expect(r.fills).toHaveLength(9);
    expect(r.rejected).toEqual([]);
    expect(r.symbols).toEqual(["BTCUSDT", "ETHUSDT", "SOLUSDT"]);
    // 2024-03-04 09:00:00 = 45355 + 9/24
    expect(r.fills[0]).toMatchObject({ line: 2, time: MAR_4 + 9 / 24, symbol: "BTCUSDT", side: "buy", price: 62000, quantity: 0.01, fee: 0.248, feeAsset: "USDT" });
    expect(r.first).toBe(MAR_4 + 9 / 24);
    expect(r.last).toBe(MAR_4 + 1 + 15 / 24);
    expect(r.foreignFees).toEqual([]);
    expect(r.hedge).toBe(false);
  });

  it("keeps hedge mode's position sides", () => {
    const r = importText(fixture("binance-futures-hedge.csv"));
    expect(r.hedge).toBe(true);
    expect(r.fills.map((f) => f.positionSide)).toEqual(["LONG", "SHORT", "LONG", "SHORT"]);
  });

  it("never sums Binance spot's BNB and coin fees with USDT fees: they are listed by currency", () => {
    const r = importText(fixture("binance-spot.csv"));
    expect(r.fills.map((f) => f.quantity)).toEqual([0.005, 0.005, 0.1, 0.1]);
    // BNB: 0.0002415 + 0.0002459 = 0.0004874 on two fills; ETH: 0.0001 on one; the USDT fee is the quote's own
    expect(r.foreignFees.map((f) => [f.asset, f.fills])).toEqual([
      ["BNB", 2],
      ["ETH", 1],
    ]);
    expect(r.foreignFees[0]!.total).toBeCloseTo(0.0004874, 12);
    const [bnb, , eth, usdt] = r.fills;
    expect(quoteFee(bnb!, {})).toBeUndefined(); // left out without a rate
    expect(quoteFee(bnb!, { BNB: 600 })).toBe(0.1449); // 0.0002415 × 600
    expect(quoteFee(eth!, { BNB: 600 })).toBeUndefined();
    expect(quoteFee(usdt!, {})).toBe(0.358);
  });

  it("reads Bybit's millisecond times and OKX's negative fees as fees paid", () => {
    const bybit = importText(fixture("bybit.csv"));
    // 1709543100000 ms = 19,786 days + 33,900 s after 1970-01-01: 2024-03-04 09:05:00 = 45355 + 545/1440
    expect(bybit.fills[0]!.time).toBeCloseTo(MAR_4 + 545 / 1440, 9);
    const okx = importText(fixture("okx.csv"));
    expect(okx.fills.map((f) => f.fee)).toEqual([0.66501, 0.658]);
    expect(okx.fills[0]!.symbol).toBe("BTC-USDT-SWAP");
    expect(quoteOf("BTC-USDT-SWAP")).toBe("USDT");
  });

  it("reads MetaTrader deals, skipping the balance row with its line and reason", () => {
    const r = importText(fixture("mt5-deals.csv"));
    expect(r.fills.map((f) => [f.line, f.side, f.quantity, f.price, f.fee])).toEqual([
      [7, "buy", 0.5, 1.08, 1.75],
      [8, "sell", 0.5, 1.083, 1.75],
    ]);
    expect(r.rejected).toEqual([{ line: 6, reason: 'not a fill: a "balance" row' }]);
    expect(r.layout?.note).toMatch(/lots/);
  });
});

describe("any other CSV: a proposed mapping the trader can correct", () => {
  it("maps columns by their names and reads decimal commas in a semicolon file", () => {
    const csv = parseCsv(fixture("generic.csv"));
    expect(recogniseLayout(csv.header)).toBeUndefined();
    expect(proposeMapping(csv.header)).toEqual({ time: 0, symbol: 1, side: 2, price: 3, quantity: 4, fee: 5 });
    const r = importText(fixture("generic.csv"));
    expect(r.fills.map((f) => f.price)).toEqual([185.5, 187.25]);
  });

  it("takes the trader's mapping over its own", () => {
    const text = "When,What,Way,At,Size,Cost\n2024-02-01 10:00,AAPL,buy,185.5,100,1\n";
    const r = importText(text, { mapping: { time: 0, symbol: 1, side: 2, price: 3, quantity: 4, fee: 5 } });
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]!.fee).toBe(1);
  });
});

describe("files that give nothing say why", () => {
  it("refuses a file that is not a CSV", () => {
    const bytes = fs.readFileSync(path.join(__dirname, "../../fixtures/journal/trades.xlsx"), "latin1");
    expect(() => importText(bytes, { fileName: "trades.xlsx" })).toThrow(ImportError);
    expect(() => importText(bytes)).toThrow(/not a CSV/);
  });

  it("refuses an empty file and a header with nothing recognisable", () => {
    expect(() => importText("  \n")).toThrow(/empty/);
    expect(() => importText("a,b,c,d\n1,2,3,4\n")).toThrow(/looks like a trade history/);
  });

  it("lists every bad row with its line and reason, and reads no fill", () => {
    const r = importText(fixture("only-bad-rows.csv"));
    expect(r.fills).toEqual([]);
    expect(r.rejected).toEqual([
      { line: 2, reason: 'the date "yesterday" cannot be read' },
      { line: 3, reason: 'the side "HOLD" is neither buy nor sell' },
      { line: 4, reason: 'the price "n/a" is not a number' },
    ]);
  });
});

describe("cells", () => {
  it.each([
    ["0.24800000 USDT", 0.248, "USDT"],
    ["0.00024150BNB", 0.0002415, "BNB"],
    ["1,234.5", 1234.5, undefined],
    ["- 2.50", -2.5, undefined],
    ["10 000.00", 10000, undefined],
  ])("reads %p", (text, value, asset) => {
    expect(readAmount(text)).toEqual({ value, asset });
  });

  it.each([
    ["2024-03-04 09:00:00", "iso", MAR_4 + 9 / 24],
    ["2024-03-04T09:00:00.000Z", "iso", MAR_4 + 9 / 24],
    ["24-03-04 09:00:00", "yy-iso", MAR_4 + 9 / 24],
    ["2024.03.04 09:00:00", "dotted", MAR_4 + 9 / 24],
  ] as const)("reads the time %p", (text, format, serial) => {
    expect(readTime(text, format)).toBe(serial);
  });
});
