import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { cellText, describeInBrowser, goTo, hasFunction, openPlayground, typeInto, type Session } from "./browser";

/*
 * A cross-margin account in Chromium, as a trader builds one: a positions table typed cell by cell into a
 * new sheet, LEV.CROSSLIQ beside it and LEV.CROSSACCOUNT under it, then a mark changed through the
 * formula bar, and every liquidation price and the margin ratio read back. Then the task pane's
 * "New positions sheet", with a screenshot of it (test-results/) for a person to look at. Expected
 * figures are worked by hand beside each check.
 */
const SCREENSHOT = path.resolve(__dirname, "../../test-results/positions-pane.png");
const SAMPLE_SCREENSHOT = path.resolve(__dirname, "../../test-results/positions-sample.png");

/** Types a row of cells from `first` rightwards, pressing Tab between cells and Enter after the last. */
async function typeRow(page: Page, first: string, cells: (string | number)[]): Promise<void> {
  await goTo(page, first);
  for (let i = 0; i < cells.length; i++) {
    await page.keyboard.type(String(cells[i]), { delay: 0 });
    await page.keyboard.press(i === cells.length - 1 ? "Enter" : "Tab");
  }
}

/** A number the grid shows ("47,816.39", "4.86%"), as a number. */
const shown = (text: string) => Number(text.replace(/,/g, "").replace(/%$/, "")) / (text.endsWith("%") ? 100 : 1);

(hasFunction("CROSSLIQ") && hasFunction("CROSSACCOUNT") ? describeInBrowser : describe.skip)("a cross-margin account in the playground (Chromium)", () => {
  let s: Session;
  beforeAll(async () => {
    s = await openPlayground();
  }, 90000);
  afterAll(async () => {
    await s?.close();
  });

  it("types a positions table, then follows a mark changed in the formula bar", async () => {
    const page = s.page;
    await page.click(".tab.add");
    // Wallet 5,000 (cross-liq-02 with a hedged third symbol):
    //   BTCUSDT long 0.2 @60,000, mark 58,000, mmr 0.4 %: uPnL −400, MM 46.4
    //   ETHUSDT short 3 @3,000, mark 3,100, mmr 0.5 %: uPnL −300, MM 46.5
    //   SOLUSDT long 10 @150 and short 10 @160, mark 155, mmr 1 %: uPnL 50 + 50 = 100, MM 15.5 + 15.5 = 31
    await typeRow(page, "A1", ["Symbol", "Side", "Entry", "Quantity", "Mark", "MMR"]);
    await typeRow(page, "A2", ["BTCUSDT", "long", 60000, 0.2, 58000, 0.004]);
    await typeRow(page, "A3", ["ETHUSDT", "short", 3000, 3, 3100, 0.005]);
    await typeRow(page, "A4", ["SOLUSDT", "long", 150, 10, 155, 0.01]);
    await typeRow(page, "A5", ["solusdt", "short", 160, 10, 155, 0.01]);
    await typeInto(page, "I1", "5000");
    await typeInto(page, "G2", "=LEV.CROSSLIQ(A2:A6, B2:B6, C2:C6, D2:D6, E2:E6, I1, F2:F6)");
    await typeInto(page, "A9", "=LEV.CROSSACCOUNT(B2:B6, C2:C6, D2:D6, E2:E6, I1, F2:F6)");

    // Surplus = 5,000 − 400 − 300 + 100 − (46.4 + 46.5 + 31) = 4,276.1
    // BTC: den 0.2·0.004 − 0.2 = −0.1992 → 58,000 − 4,276.1/0.1992 = 36,533.6847
    // ETH: den 3·0.005 + 3 = 3.015 → 3,100 + 4,276.1/3.015 = 4,518.2753
    // SOL (hedged, equal legs): den 10·0.01 + 10·0.01 − 0 = 0.2 → 155 + 4,276.1/0.2 = 21,535.5, above the mark
    expect(shown(await cellText(page, "G2"))).toBeCloseTo(58000 - 4276.1 / 0.1992, 4);
    expect(shown(await cellText(page, "G3"))).toBeCloseTo(3100 + 4276.1 / 3.015, 4);
    expect(shown(await cellText(page, "G4"))).toBe(21535.5);
    expect(await cellText(page, "G5")).toBe(await cellText(page, "G4"));
    expect(await cellText(page, "G6")).toBe(""); // the blank row gives a blank cell
    // Account: notional 11,600 + 9,300 + 1,550 + 1,550 = 24,000; margin balance 5,000 − 600 = 4,400;
    // maintenance 123.9; margin ratio 123.9/4,400 = 0.028159…
    expect(await cellText(page, "A14")).toBe("Margin ratio");
    expect(shown(await cellText(page, "B10"))).toBe(24000);
    expect(shown(await cellText(page, "B12"))).toBe(4400);
    expect(shown(await cellText(page, "B14"))).toBeCloseTo(123.9 / 4400, 9);

    // ETHUSDT's mark rises to 3,300 (against the short), typed in the formula bar:
    // ETH uPnL −3·300 = −900 (was −300), MM 3·3,300·0.5 % = 49.5 (was 46.5): surplus 4,276.1 − 600 − 3 = 3,673.1
    await goTo(page, "E3");
    await page.click("#formula-input");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("3300");
    await page.keyboard.press("Enter");
    expect(await cellText(page, "E3")).toBe("3300");
    // BTC 58,000 − 3,673.1/0.1992 = 39,560.7430 (up, toward its mark); ETH 3,300 + 3,673.1/3.015 = 4,518.2753 (its own
    // mark does not move it); SOL 155 + 3,673.1/0.2 = 18,520.5 (down, toward its mark)
    expect(shown(await cellText(page, "G2"))).toBeCloseTo(58000 - 3673.1 / 0.1992, 4);
    expect(shown(await cellText(page, "G3"))).toBeCloseTo(3300 + 3673.1 / 3.015, 4);
    expect(shown(await cellText(page, "G4"))).toBe(18520.5);
    expect(shown(await cellText(page, "G5"))).toBe(18520.5);
    // margin balance 5,000 − 1,200 = 3,800; maintenance 126.9; ratio 126.9/3,800 = 0.033394…
    expect(shown(await cellText(page, "B12"))).toBe(3800);
    expect(shown(await cellText(page, "B14"))).toBeCloseTo(126.9 / 3800, 9);

    // A mark typed with a typo is the catalog's #VALUE!, naming the range and the row.
    await typeInto(page, "E4", "15O");
    expect(await cellText(page, "G2")).toBe("#VALUE!");
    await goTo(page, "G2");
    expect((await page.textContent("#cell-info")) ?? "").toMatch(/marks.*row 3/);
    await typeInto(page, "E4", "155");
    expect(shown(await cellText(page, "G4"))).toBe(18520.5);
    expect(s.pageErrors).toEqual([]);
  }, 120000);

  it("opens the sample's Positions sheet: a cross account of four symbols, ETHUSDT hedged", async () => {
    const page = s.page;
    await page.click('.tab[data-sheet="Positions"]');
    // The example account (src/taskpane/model/positions.ts): surplus over maintenance 7,486.74;
    // BTC 62,850 − 7,486.74/0.498 = 47,816.3855; ETH (both legs) 3,240 − 7,486.74/3.96 = 1,349.4091;
    // SOL 151.20 + 7,486.74/40.2 = 337.4373; DOGE 0.1612 − 7,486.74/59,400 = 0.0352
    expect(await cellText(page, "H5")).toBe("47,816.3855");
    expect(await cellText(page, "H6")).toBe("1,349.4091");
    expect(await cellText(page, "H7")).toBe("1,349.4091");
    expect(await cellText(page, "H8")).toBe("337.4373");
    expect(await cellText(page, "H9")).toBe("0.0352");
    // distance: BTC (62,850 − 47,816.39)/62,850 = 23.92 %; SOL (337.44 − 151.2)/151.2 = 123.17 %
    expect(await cellText(page, "I5")).toBe("23.92%");
    expect(await cellText(page, "I8")).toBe("123.17%");
    // margin ratio 382.26/7,869 = 0.048578 (General, in as many digits as the column has room for: 0.04858)
    expect(shown(await cellText(page, "B26"))).toBeCloseTo(382.26 / 7869, 5);
    await page.locator(".grid-body").evaluate((b) => b.scrollTo(0, 0));
    await goTo(page, "E8");
    fs.mkdirSync(path.dirname(SAMPLE_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SAMPLE_SCREENSHOT });
    expect(fs.statSync(SAMPLE_SCREENSHOT).size).toBeGreaterThan(10000);
  }, 60000);

  it("writes a new positions sheet from the task pane and follows a mark there", async () => {
    const page = s.page;
    await page.waitForSelector("html[data-ready=pane]");
    await page.getByRole("button", { name: "New positions sheet" }).click();
    await page.waitForSelector('text=Created the positions sheet "LEV Positions"');
    expect(await page.locator(".tab.active").textContent()).toBe("LEV Positions");
    // the same account as the sample's, in the written sheet's formats (each row's prices as its symbol shows
    // them: BTCUSDT and ETHUSDT to their ticks' 2 decimals; a symbol LEV has no tick for, to 5 significant digits
    // of its entry; the ratio 0.00%): 62,850 − 7,486.74/0.498 = 47,816.38554; 3,240 − 7,486.74/3.96 = 1,349.40909;
    // 382.26/7,869 = 4.8578 %
    expect(await cellText(page, "H5")).toBe("47,816.39");
    expect(await cellText(page, "H7")).toBe("1,349.41");
    expect(await cellText(page, "C9")).toBe("0.158"); // DOGE's entry and mark keep their digits (not 0.16)
    expect(await cellText(page, "E9")).toBe("0.1612");
    expect(await cellText(page, "B26")).toBe("4.86%");

    // SOLUSDT's mark up to 160: SOL uPnL −700 (was −348), maintenance 32 (was 30.24): surplus 7,132.98;
    // BTC 62,850 − 7,132.98/0.498 = 48,526.7470; ETH 3,240 − 7,132.98/3.96 = 1,438.7424; SOL 160 + 7,132.98/40.2 = 337.4373;
    // DOGE 0.1612 − 7,132.98/59,400 = 0.0411162; margin ratio 384.02/7,517 = 0.051087
    await typeInto(page, "E8", "160");
    expect(await cellText(page, "H5")).toBe("48,526.75");
    expect(await cellText(page, "H6")).toBe("1,438.74");
    expect(await cellText(page, "H7")).toBe("1,438.74");
    expect(await cellText(page, "H8")).toBe("337.44"); // SOL: 5 significant digits of 142.50
    expect(await cellText(page, "H9")).toBe("0.04112"); // DOGE: 5 significant digits of 0.158
    expect(await cellText(page, "B26")).toBe("5.11%");

    await page.locator(".grid-body").evaluate((b) => b.scrollTo(0, 0));
    await goTo(page, "E8");
    await page.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10000);
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 120000);
});
