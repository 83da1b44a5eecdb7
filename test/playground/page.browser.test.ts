import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellText, describeInBrowser, goTo, hasFunction, openPlayground, typeInto, type Session, openFile } from "./browser";

/*
 * The playground in a real browser (Chromium): formulas typed into the grid, spills, error messages,
 * autocomplete, .xlsx out and back in, a 10,000-row journal, and not one request beyond localhost.
 * Expected values are worked by hand beside each check.
 */
// The shot goes to test-results/, so a test run leaves the work tree as it was (npm run docs:shots makes the
// README's pictures).
const SCREENSHOT = path.resolve(__dirname, "../../test-results/playground.png");

describeInBrowser("the playground page in Chromium", () => {
  let s: Session;
  beforeAll(async () => {
    s = await openPlayground();
  }, 90000);
  afterAll(async () => {
    await s?.close();
  });

  it("opens on the sample journal with its LEV columns computed", async () => {
    // Trade 1: BTCUSDT long 0.5 at 60,000 → notional 60,000 × 0.5 = 30,000; margin at 10x = 3,000
    expect(await cellText(s.page, "A1")).toBe("Trade");
    expect(await cellText(s.page, "I2")).toBe("30,000.00");
    expect(await cellText(s.page, "J2")).toBe("3,000.00");
    // PnL: (61,850 − 60,000) × 0.5 − 0.0004 × (60,000 + 61,850) × 0.5 = 925 − 24.37 = 900.63
    expect(await cellText(s.page, "K2")).toBe("900.63");
    expect(await s.page.locator(".tab").count()).toBe(hasFunction("CROSSLIQ") ? 5 : 4); // Journal, Scenario, Trades, Positions (cross-margin), +
  });

  it("shows the task pane beside the grid", async () => {
    await s.page.waitForSelector("html[data-ready=pane]");
    expect(((await s.page.locator("#pane").textContent()) ?? "").trim().length).toBeGreaterThan(0);
  });

  it("computes a formula typed into a cell", async () => {
    await typeInto(s.page, "P2", "=LEV.MARGIN(100000, 50)");
    // 100,000 / 50 = 2,000
    expect(await cellText(s.page, "P2")).toBe("2000");
    await goTo(s.page, "P2");
    expect(await s.page.inputValue("#formula-input")).toBe("=LEV.MARGIN(100000, 50)");
  });

  it("recalculates the dependants when an input changes", async () => {
    await typeInto(s.page, "D2", "62000");
    // notional 62,000 × 0.5 = 31,000; margin 31,000 / 10 = 3,100
    expect(await cellText(s.page, "I2")).toBe("31,000.00");
    expect(await cellText(s.page, "J2")).toBe("3,100.00");
    await typeInto(s.page, "D2", "60000");
    expect(await cellText(s.page, "I2")).toBe("30,000.00");
  });

  it("shows an error with its message on hover and under the formula bar", async () => {
    await typeInto(s.page, "P3", '=LEV.MARGIN("abc", 50)');
    expect(await cellText(s.page, "P3")).toBe("#VALUE!");
    expect(await s.page.locator('.grid-canvas [data-cell="P3"]').getAttribute("title")).toContain("notional");
    await goTo(s.page, "P3");
    const info = (await s.page.textContent("#cell-info")) ?? "";
    expect(info).toContain("#VALUE!");
    expect(info).toContain("notional");
  });

  it("lifts a scalar function over a range and spills the results", async () => {
    await typeInto(s.page, "R2", "=LEV.MARGIN({100000;50000;20000}, 50)");
    // 100,000/50, 50,000/50, 20,000/50
    expect([await cellText(s.page, "R2"), await cellText(s.page, "R3"), await cellText(s.page, "R4")]).toEqual(["2000", "1000", "400"]);
  });

  (hasFunction("SCENARIOS") ? it : it.skip)("spills a LEV table from one formula", async () => {
    await typeInto(s.page, "T2", '=LEV.SCENARIOS("long", 60000, 1, 10, {54000;60000;66000})');
    // header, then one row per price; Price column is the prices given, shown in the format the table carries
    // (a price from 10 up with two decimals, src/engine/formats.ts)
    expect(await cellText(s.page, "T2")).toBe("Price");
    expect([await cellText(s.page, "T3"), await cellText(s.page, "T4"), await cellText(s.page, "T5")]).toEqual(["54,000.00", "60,000.00", "66,000.00"]);
    // 54,000 is below the 10x long's liquidation price (about 54,271): the catalog's example says LIQUIDATED
    expect(await cellText(s.page, "Z3")).toBe("LIQUIDATED");
    expect(await cellText(s.page, "Z5")).toBe("OK");
  });

  it("suggests LEV functions with their descriptions, and shows the argument being typed", async () => {
    await goTo(s.page, "P5");
    await s.page.keyboard.type("=LEV.MARGINL");
    const list = s.page.locator(".ac-list");
    await list.waitFor({ state: "visible" });
    expect(await list.textContent()).toContain("LEV.MARGINLEVEL");
    expect(await list.textContent()).toContain("Margin level");
    await s.page.keyboard.press("Tab");
    expect(await s.page.inputValue(".cell-editor")).toBe("=LEV.MARGINLEVEL(");
    await s.page.keyboard.type("1000, ");
    const help = s.page.locator(".arg-help");
    await help.waitFor({ state: "visible" });
    expect(await help.locator("b").textContent()).toBe("used_margin");
    await s.page.keyboard.type("300)");
    await s.page.keyboard.press("Enter");
    // 1,000 / 300 = 3.3333…, in General format as many digits as the column has room for (11 characters)
    expect(await cellText(s.page, "P5")).toBe("3.333333333");
  });

  it("takes the README's screenshot: the journal, a formula being typed, its suggestions", async () => {
    const page = s.page;
    await page.click('.tab[data-sheet="Journal"]');
    await page.locator(".grid-body").evaluate((b) => b.scrollTo(0, 0));
    await goTo(page, "C15");
    await page.keyboard.type("=LEV.LIQ");
    await page.locator(".ac-list").waitFor({ state: "visible" });
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10000);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  });

  it("saves the workbook as .xlsx with its formulas, and opens it again", async () => {
    const download = s.page.waitForEvent("download");
    await s.page.click("#save-xlsx");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-xlsx-")), "journal.xlsx");
    await (await download).saveAs(file);

    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const journal = wb.getWorksheet("Journal")!;
    // as Excel stores an add-in's function (_xldudf_<NAMESPACE>_<ID>; see xlsx-excel.test.ts)
    expect(journal.getCell("I2").formula).toBe("_xldudf_LEV_NOTIONAL(D2, F2)");
    expect(journal.getCell("P2").formula).toBe("_xldudf_LEV_MARGIN(100000, 50)");
    expect((journal.getCell("I2").value as { result?: unknown }).result).toBe(30000);

    // Change the grid, then open the file: the saved workbook comes back, formulas and all.
    await typeInto(s.page, "P2", "1");
    await openFile(s.page, file);
    await s.page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Opened"));
    expect(await cellText(s.page, "P2")).toBe("2000");
    await goTo(s.page, "I2");
    expect(await s.page.inputValue("#formula-input")).toBe("=LEV.NOTIONAL(D2, F2)");
    expect(await cellText(s.page, "R3")).toBe("1000");
  });

  it("has no inline script (every <script> has a src), so a strict Content-Security-Policy can be set", async () => {
    expect(await s.page.locator("script:not([src])").count()).toBe(0);
  });

  it("asks nothing of the network beyond localhost and throws no errors", () => {
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});

describeInBrowser("the playground with a 10,000-row journal", () => {
  let s: Session;
  beforeAll(async () => {
    s = await openPlayground("?journal=10000");
  }, 120000);
  afterAll(async () => {
    await s?.close();
  });

  it("scrolls to the last trade and recalculates an edited row", async () => {
    const page = s.page;
    // the 10,000th trade sits on row 10,001
    expect(await cellText(page, "A10001")).toBe("10000");
    expect(await cellText(page, "I10001")).not.toBe("");
    await typeInto(page, "F10001", "2");
    const entry = Number((await cellText(page, "D10001")).replace(/,/g, ""));
    // notional = entry × 2 (how long a recalculation takes is measured by npm run bench, never asserted here)
    expect(Number((await cellText(page, "I10001")).replace(/,/g, ""))).toBeCloseTo(entry * 2, 2);
    expect(s.offsite).toEqual([]);
  }, 60000);
});
