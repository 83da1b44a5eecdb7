import * as path from "path";
import { cellText, describeInBrowser, openPlayground, typeInto, type Session } from "../playground/browser";

/*
 * The journal import end to end, in Chromium, in the playground, as a trader works: open the import, choose an
 * exchange's export file, check the preview, write, read the trades and statistics back from the grid, type a
 * new fill under the table and see them follow. A file that is not a CSV and one whose rows are all bad write
 * nothing and say why. Screenshots of the preview and of the written journal are kept under test-results/.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/journal");
const RESULTS = path.resolve(__dirname, "../../test-results");
/** The written journal, also the README's picture when LEV_SCREENSHOTS=docs. */
const WRITTEN = path.resolve(__dirname, process.env.LEV_SCREENSHOTS === "docs" ? "../../docs/journal.png" : "../../test-results/journal-written.png");

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

  beforeAll(async () => {
    s = await openPlayground();
    await s.page.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
  }, 90000);
  afterAll(async () => {
    await s?.close();
  });

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
    expect(await shownNumber(page, "AA8")).toBeCloseTo(10021.503, 2);

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
    await cellText(page, "A1"); // back to the top left, where the fills table starts
    await page.screenshot({ path: WRITTEN });
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 180000);

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
