import * as path from "path";
import { cellText, describeInBrowser, goTo, typeInto, usePlayground, type Session, openFile } from "../playground/browser";

/*
 * The journal import end to end, in Chromium, in the playground, as a trader works: open the import, choose an
 * exchange's export file, check the preview, write, read the trades and statistics back from the grid, type a
 * new fill under the table and see them follow. A file that is not a CSV and one whose rows are all bad write
 * nothing and say why. Screenshots of the preview and of the written journal are kept under test-results/.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/journal");
const RESULTS = path.resolve(__dirname, "../../test-results");
/** The written journal (the README's picture is made by npm run docs:shots). */
const WRITTEN = path.join(RESULTS, "journal-written.png");

/**
 * The number a grid cell shows, whether the playground applies the plan's number formats ("21.50", "100.00%",
 * "10,021.50") or shows the value as it is ("21.503", "1").
 */
async function shownNumber(page: Session["page"], ref: string): Promise<number> {
  const text = (await cellText(page, ref)).replace(/,/g, "").trim();
  const n = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!Number.isFinite(n)) throw new Error(`${ref} shows "${text}", not a number`);
  return n;
}

describeInBrowser("the journal import in the playground's pane", () => {
  let s: Session;
  const sheets = () => s.page.evaluate(() => (globalThis as unknown as { levPlayground: { hf: { getSheetNames(): string[] } } }).levPlayground.hf.getSheetNames());
  const pane = () => s.page.locator('section[aria-label="Import fills"]');
  const tableRange = () =>
    s.page.evaluate(() => (globalThis as unknown as { levPlayground: { workbookMeta: Record<string, { tables: { range: string }[] }> } }).levPlayground.workbookMeta["LEV Journal"]!.tables[0]!.range);
  /** A cell's background as the grid paints it (a table's band, a header, or none). */
  const fill = async (ref: string) => {
    await goTo(s.page, ref);
    return s.page.locator(`.grid-canvas [data-cell="${ref}"]`).evaluate((c) => {
      c.classList.remove("selected");
      return getComputedStyle(c).backgroundColor;
    });
  };

  usePlayground((opened) => (s = opened));

  it("shows the sample's Trades sheet with every figure formatted, nothing cut, and errors explained beside them", async () => {
    const page = s.page;
    await page.locator('.tabs [data-sheet="Trades"]').click();
    // fills and trades: date-times whole in their columns (the first fill 2024-03-04 09:00, the last trade's opening
    // 2024-03-09 09:30), prices and money with their formats
    expect(await cellText(page, "A4")).toBe("2024-03-04 09:00");
    expect(await cellText(page, "B1")).toBe("10,000.00"); // the start balance
    expect(await cellText(page, "D4")).toBe("62,000.00"); // the first fill's price
    expect(await cellText(page, "J11")).toBe("2024-03-09 09:30");
    expect(await cellText(page, "K10")).toBe("2024-03-09 14:00");
    // statistics labelled; Average R is #N/A (no risk given) with its reason beside it
    expect([await cellText(page, "V21"), await cellText(page, "W21"), await cellText(page, "X21")]).toEqual(["Average R", "#N/A", "No risk per trade given: R = PnL ÷ risk."]);
    expect(await cellText(page, "V7")).toBe("Net profit");
    expect(await cellText(page, "W7")).toBe("45.60"); // 45.5962 at "#,##0.00"
    const cut = () =>
      page.$$eval(".grid-canvas .cell.number", (cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${(c as HTMLElement).dataset.cell}: ${c.textContent}`));
    expect(await cut()).toEqual([]);
    await goTo(page, "A1");
    await page.screenshot({ path: path.join(RESULTS, "trades-sample.png") });
    await goTo(page, "AN22"); // the statistics, the curve and its chart
    expect(await cut()).toEqual([]);
    // the equity curve's chart is drawn: Balance and its Peak over the seven closed trades (10,000 to 10,045.5962)
    await page.waitForSelector("html[data-charts='1']");
    const data = await page.evaluate(() => {
      const pg = (globalThis as unknown as { levPlayground: { chartData(sheet: string, i: number): { series: { name: string; points: { x: number; y: number }[] }[] } } }).levPlayground;
      return pg.chartData("Trades", 0);
    });
    expect(data.series[0]!.points.map((p) => p.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(data.series[0]!.points[7]!.y).toBeCloseTo(10045.5962, 4);
    await page.locator(".chart").first().screenshot({ path: path.join(RESULTS, "trades-sample-chart.png") });
    await page.screenshot({ path: path.join(RESULTS, "trades-sample-stats.png") });
  }, 60000);

  it("imports a Binance futures export, previews it, writes the journal and follows a fill typed under the table", async () => {
    const page = s.page;
    await page.getByRole("button", { name: "Import fills…" }).click();
    await page.locator('input[aria-label="CSV file of fills"]').setInputFiles(path.join(FIXTURES, "binance-futures.csv"));
    await page.waitForSelector("text=Recognised:");
    const preview = pane();
    expect(await preview.textContent()).toContain("Recognised: Binance USDS-M futures trade history (times in UTC).");
    const counts = await page.locator('ul[aria-label="Import counts"] li').allTextContents();
    expect(counts).toEqual([
      "9 fills read",
      "3 symbols: BTCUSDT, ETHUSDT, SOLUSDT",
      "from 2024-03-04 09:00:00 to 2024-03-05 15:00:00",
      // BTCUSDT long, the ETHUSDT short and the long its flip opens, SOLUSDT still open
      "4 trades (3 closed, 1 open)",
      "0 rows rejected",
    ]);
    const first = await page.locator('table[aria-label="Fills preview"] tbody tr').first().locator("td").allTextContents();
    expect(first).toEqual(["2024-03-04 09:00:00", "BTCUSDT", "buy", "62000", "0.01", "0.248"]);
    await preview.screenshot({ path: path.join(RESULTS, "journal-preview.png") });

    const before = await sheets();
    await page.getByRole("button", { name: "Write journal sheet" }).click();
    await page.waitForSelector('text=Wrote 9 fills, their trades, statistics and equity curve to the new sheet "LEV Journal".');
    expect(await sheets()).toEqual([...before, "LEV Journal"]);
    // trades by hand: BTCUSDT long net 21.503; ETHUSDT short 23.65; the flip's long 20.1876; SOLUSDT open, realised −14
    expect(await cellText(page, "H7")).toBe("BTCUSDT");
    expect(await shownNumber(page, "R7")).toBeCloseTo(21.503, 2);
    expect(await cellText(page, "I8")).toBe("short");
    expect(await shownNumber(page, "R8")).toBeCloseTo(23.65, 2);
    expect(await shownNumber(page, "R9")).toBeCloseTo(20.1876, 2);
    expect(await cellText(page, "T10")).toBe("open");
    expect(await shownNumber(page, "P10")).toBeCloseTo(-14, 2);
    expect(await cellText(page, "J7")).toBe("2024-03-04 09:00:00"); // the opening fill's time, shown as a date-time
    // statistics over the three closed trades: all wins, net 65.3406
    expect(await shownNumber(page, "W6")).toBe(3);
    expect(await shownNumber(page, "W9")).toBe(1); // win rate 100 %
    expect(await shownNumber(page, "W10")).toBeCloseTo(65.3406, 2);
    // the curve in the order the trades closed: ETHUSDT's short (12:30) before BTCUSDT's long (13:40), which
    // opened first: 10,000 + 23.65
    expect(await shownNumber(page, "AA8")).toBeCloseTo(10023.65, 2);

    // a new fill typed under the table: SOLUSDT sell 6 @ 141 closes the position
    await typeInto(page, "A16", "2024-03-06 10:00");
    await typeInto(page, "B16", "SOLUSDT");
    await typeInto(page, "C16", "sell");
    await typeInto(page, "D16", "141");
    await typeInto(page, "E16", "6");
    await typeInto(page, "F16", "0.3384");
    // SOL: 546 + 846 − 1,400 = −8; fees 0.56 + 0.2184 + 0.3384 = 1.1168: net −9.1168; four trades, one loss, net 56.2238
    expect(await cellText(page, "T10")).toBe("closed");
    expect(await shownNumber(page, "R10")).toBeCloseTo(-9.1168, 2);
    expect(await shownNumber(page, "W6")).toBe(4);
    expect(await shownNumber(page, "W8")).toBe(1);
    expect(await shownNumber(page, "W10")).toBeCloseTo(56.2238, 2);
    // row 16 joined the table (Excel's AutoExpansion): the table's column formats, LEV.TRADES reads A7:A16
    expect(await cellText(page, "A16")).toBe("2024-03-06 10:00:00");
    expect(await cellText(page, "D16")).toBe("141.00");
    expect(await tableRange()).toBe("A6:F16");
    // a second fill typed under it: the table's banding goes on (row 17 is a band, as rows 7, 9, …, 15)
    await typeInto(page, "A17", "2024-03-06 11:00");
    await typeInto(page, "B17", "BTCUSDT");
    await typeInto(page, "C17", "buy");
    await typeInto(page, "D17", "66000");
    await typeInto(page, "E17", "0.01");
    await typeInto(page, "F17", "0.264");
    expect(await tableRange()).toBe("A6:F17");
    expect(await cellText(page, "D17")).toBe("66,000.00");
    expect(await fill("A17")).toBe(await fill("A15")); // banded like row 15
    expect(await fill("A16")).not.toBe(await fill("A17"));
    expect([await cellText(page, "H11"), await cellText(page, "T11")]).toEqual(["BTCUSDT", "open"]);
    expect(await shownNumber(page, "W6")).toBe(4); // an open trade is no closed trade
    // nothing is cut: the trades' date-times fit their columns
    expect(await cellText(page, "J10")).toBe("2024-03-05 09:00:00");
    expect(await cellText(page, "K10")).toBe("2024-03-06 10:00:00");
    // beside each statistic that is an error, why: no risk per trade for Average R (row 6 + 18 = 24)
    expect([await cellText(page, "V24"), await cellText(page, "W24")]).toEqual(["Average R", "#N/A"]);
    expect(await cellText(page, "X24")).toBe("No risk per trade given: R = PnL ÷ risk.");
    expect(await cellText(page, "X13")).toBe(""); // Profit factor is a number now that SOLUSDT lost

    // the equity-curve chart, drawn right of the curve, follows the fill that closed SOLUSDT: 4 closed trades
    await page.waitForSelector("html[data-charts='1']");
    const data = await page.evaluate(() => {
      const pg = (globalThis as unknown as { levPlayground: { chartData(sheet: string, i: number): { xTitle: string; yTitle: string; series: { name: string; points: { x: number; y: number }[] }[] } } }).levPlayground;
      return pg.chartData("LEV Journal", 0);
    });
    expect([data.xTitle, data.yTitle]).toEqual(["Trade", "Balance"]);
    expect(data.series.map((x) => x.name)).toEqual(["Balance", "Peak"]);
    // balances by hand: 10,000, +21.503, +23.65, +20.1876, −9.1168 → 10,056.2238
    expect(data.series[0]!.points.map((p) => p.x)).toEqual([0, 1, 2, 3, 4]);
    expect(data.series[0]!.points[4]!.y).toBeCloseTo(10056.2238, 4);
    // the peak: 10,065.3406 after the third trade, kept after the fourth's loss (the gap is the drawdown, 9.1168)
    expect(data.series[1]!.points[4]!.y).toBeCloseTo(10065.3406, 4);
    await goTo(page, "AN25"); // just past the chart (AF5:AM24), so that it is scrolled into view
    await page.locator(".chart").first().screenshot({ path: path.join(RESULTS, "journal-chart.png") });

    // Save .xlsx → Open: the grown table, its formats and the formulas over A7:A17 come back
    const download = page.waitForEvent("download");
    await page.click("#save-xlsx");
    const file = path.join(RESULTS, "journal-grown.xlsx");
    await (await download).saveAs(file);
    await openFile(page, file);
    await page.waitForSelector("text=Opened journal-grown.xlsx");
    await page.locator('.tabs [data-sheet="LEV Journal"]').click();
    expect(await tableRange()).toBe("A6:F17");
    expect(await cellText(page, "A17")).toBe("2024-03-06 11:00:00");
    expect(await fill("A17")).toBe(await fill("A15"));
    await goTo(page, "H6");
    expect(await page.inputValue("#formula-input")).toContain("$A$7:$A$17");
    expect(await cellText(page, "T10")).toBe("closed");
    // and a fill typed under the reopened table joins it too: BTCUSDT sell 0.01 @ 66,500 closes the new long
    await typeInto(page, "A18", "2024-03-06 12:00");
    await typeInto(page, "B18", "BTCUSDT");
    await typeInto(page, "C18", "sell");
    await typeInto(page, "D18", "66500");
    await typeInto(page, "E18", "0.01");
    await typeInto(page, "F18", "0.266");
    expect(await tableRange()).toBe("A6:F18");
    // (66,500 − 66,000) × 0.01 = 5; fees 0.264 + 0.266 = 0.53: net 4.47; five closed trades
    expect(await shownNumber(page, "R11")).toBeCloseTo(4.47, 2);
    expect(await shownNumber(page, "W6")).toBe(5);

    await cellText(page, "A1"); // back to the top left, where the fills table starts
    await page.screenshot({ path: WRITTEN });
    await goTo(page, "AC30");
    await page.screenshot({ path: path.join(RESULTS, "journal-stats.png") });
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 240000);

  it("writes nothing from a file that is not a CSV, and says why", async () => {
    const page = s.page;
    const before = await sheets();
    await page.locator('input[aria-label="CSV file of fills"]').setInputFiles(path.join(FIXTURES, "trades.xlsx"));
    await page.waitForSelector("text=Nothing was written");
    expect(await pane().textContent()).toContain('"trades.xlsx" is not a CSV file.');
    expect(await page.getByRole("button", { name: "Write journal sheet" }).count()).toBe(0);
    expect(await sheets()).toEqual(before);
  }, 60000);

  it("lists every bad row of a file with only bad rows, and offers nothing to write", async () => {
    const page = s.page;
    const before = await sheets();
    await page.locator('input[aria-label="CSV file of fills"]').setInputFiles(path.join(FIXTURES, "only-bad-rows.csv"));
    await page.waitForSelector("text=Nothing to write");
    const rejected = await page.locator('table[aria-label="Rejected rows"] tbody tr').allTextContents();
    expect(rejected).toEqual([
      '2the date "yesterday" cannot be read',
      '3the side "HOLD" is neither buy nor sell',
      '4the price "n/a" is not a number',
    ]);
    expect(await page.getByRole("button", { name: "Write journal sheet" }).isDisabled()).toBe(true);
    await pane().screenshot({ path: path.join(RESULTS, "journal-bad-rows.png") });
    expect(await sheets()).toEqual(before);
  }, 60000);
});
