import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { cellText, describeInBrowser, goTo, typeInto, usePlayground, type Session, openFile } from "./browser";
import { GUIDE_EXAMPLE } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";

/*
 * The playground as a trader uses it, in Chromium: typing through the formula bar and the cell with Enter,
 * Tab and Escape (the bar stays), numbers that do not fit shown as ###, a wrong argument count, dates, a
 * saved simulator sheet opened again with its names, formats and chart, and no request that fails.
 * Screenshots of the written sheet and its chart go to test-results/.
 */
const RESULTS = path.resolve(__dirname, "../../test-results");
const SHEET_SHOT = path.join(RESULTS, "written-sheet.png");
const CHART_SHOT = path.join(RESULTS, "chart.png");

const plan = scenarioPlan(buildScenario(validate(GUIDE_EXAMPLE).trade!));
const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.cell;

/** The formula bar is on the page, visible and editable. */
async function barIsThere(page: Page): Promise<void> {
  expect(await page.locator("#formula-input").count()).toBe(1);
  expect(await page.locator("#formula-input").isVisible()).toBe(true);
  expect(await page.locator("#formula-input").isEditable()).toBe(true);
}

/** The cell selected now (its name in the name box). */
const selected = (page: Page) => page.inputValue(".name-box");

/** Every number cell on screen shows its whole text: nothing is cut by the column's edge. */
async function noCutNumbers(page: Page): Promise<string[]> {
  return page.$$eval(".grid-canvas .cell.number", (cells) =>
    cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${(c as HTMLElement).dataset.cell}: ${c.textContent}`),
  );
}

describeInBrowser("the playground grid as a trader uses it", () => {
  let s: Session;
  const failed: string[] = [];
  const requested: string[] = [];
  usePlayground((opened) => {
    s = opened;
    s.page.on("request", (r) => {
      requested.push(new URL(r.url()).pathname);
    });
    s.page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
  });

  it("commits a formula typed in the formula bar with Enter, moves down, and keeps the bar", async () => {
    const page = s.page;
    await goTo(page, "P2");
    await page.click("#formula-input");
    await page.fill("#formula-input", "=LEV.MARGIN(100000,50)");
    await page.keyboard.press("Enter");
    await barIsThere(page);
    expect(await selected(page)).toBe("P3");
    // 100,000 / 50 = 2,000
    expect(await cellText(page, "P2")).toBe("2000");
    expect(await page.inputValue("#formula-input")).toBe("=LEV.MARGIN(100000,50)");
    // typing on goes to the grid, as after Enter in Excel
    await goTo(page, "P3");
    await page.keyboard.type("7");
    await page.keyboard.press("Enter");
    expect(await cellText(page, "P3")).toBe("7");
  });

  it("commits with Tab from the bar and moves right; Escape puts back what the cell held", async () => {
    const page = s.page;
    await goTo(page, "P4");
    await page.click("#formula-input");
    await page.fill("#formula-input", "=LEV.MARGIN(50000,50)");
    await page.keyboard.press("Tab");
    await barIsThere(page);
    expect(await selected(page)).toBe("Q4");
    expect(await cellText(page, "P4")).toBe("1000"); // 50,000 / 50

    await goTo(page, "P4");
    await page.click("#formula-input");
    await page.fill("#formula-input", "=1+1");
    await page.keyboard.press("Escape");
    await barIsThere(page);
    expect(await selected(page)).toBe("P4");
    expect(await page.inputValue("#formula-input")).toBe("=LEV.MARGIN(50000,50)");
    expect(await cellText(page, "P4")).toBe("1000");
    // the keyboard is back on the grid: arrows move the selection
    await page.keyboard.press("ArrowDown");
    expect(await selected(page)).toBe("P5");
  });

  it("commits an edit in the bar to its own cell when another cell is clicked", async () => {
    const page = s.page;
    await goTo(page, "P6");
    await page.click("#formula-input");
    await page.fill("#formula-input", "=LEV.MARGIN(20000,50)");
    await page.click('.grid-canvas [data-cell="P8"]');
    await barIsThere(page);
    expect(await selected(page)).toBe("P8");
    expect(await page.inputValue("#formula-input")).toBe(""); // P8 is empty
    expect(await cellText(page, "P6")).toBe("400"); // 20,000 / 50
  });

  it("behaves the same in the cell's own editor: Enter down, Tab right, Escape cancels", async () => {
    const page = s.page;
    await goTo(page, "R2");
    await page.keyboard.type("=LEV.MARGIN(100000,20)");
    await page.keyboard.press("Tab");
    expect(await selected(page)).toBe("S2");
    expect(await cellText(page, "R2")).toBe("5000"); // 100,000 / 20
    await goTo(page, "R2");
    await page.keyboard.press("F2");
    await page.keyboard.type("0");
    await page.keyboard.press("Escape");
    expect(await page.locator(".cell-editor").count()).toBe(0);
    expect(await cellText(page, "R2")).toBe("5000");
    // an edit begun in the cell goes on in the bar when the bar is clicked, and Enter commits it there
    await goTo(page, "R3");
    await page.keyboard.type("=LEV.MARGIN(100");
    await page.click("#formula-input");
    await page.keyboard.type("0,10)");
    await page.keyboard.press("Enter");
    await barIsThere(page);
    expect(await cellText(page, "R3")).toBe("100"); // 1,000 / 10
  });

  it("answers too many arguments with #VALUE! naming the function and what it takes", async () => {
    const page = s.page;
    await goTo(page, "P10");
    await page.click("#formula-input");
    await page.fill("#formula-input", "=LEV.MARGIN(100000,50,3)");
    await page.keyboard.press("Enter");
    expect(await cellText(page, "P10")).toBe("#VALUE!");
    await goTo(page, "P10");
    expect(await page.textContent("#cell-info")).toContain("LEV.MARGIN takes 2 arguments (notional, leverage); 3 were given");
  });

  it("shows ### for a number too wide for its column, never a cut number", async () => {
    const page = s.page;
    // I (Notional, "#,##0.00") is 88 pixels: 62,000,000.00 does not fit; 62,000.00 does
    await typeInto(page, "F2", "1000"); // quantity 1,000 at 60,000: notional 60,000,000
    expect(await cellText(page, "I2")).toMatch(/^#{3,}$/);
    expect(await noCutNumbers(page)).toEqual([]);
    await typeInto(page, "F2", "0.5");
    expect(await cellText(page, "I2")).toBe("30,000.00"); // 60,000 × 0.5
    // General in the narrow Trade column (54 pixels): Excel's shorter forms, then ###
    await typeInto(page, "A20", "62000");
    expect(await cellText(page, "A20")).toBe("62000");
    await typeInto(page, "A20", "1.0833333333333");
    expect(await cellText(page, "A20")).toMatch(/^1\.08\d*$/);
    await typeInto(page, "A20", "123456789012345");
    expect(await cellText(page, "A20")).toMatch(/^(1\.?\d*E\+14|#+)$/);
    expect(await noCutNumbers(page)).toEqual([]);
  });

  it("gives a typed date or date-time a date format, as Excel does, and ### when it does not fit its column", async () => {
    const page = s.page;
    // an unformatted cell in a column of the default width: the date-time shows as typed, the column widening
    // to show it as Excel's does
    await typeInto(page, "P30", "2024-03-06 10:00");
    expect(await cellText(page, "P30")).toBe("2024-03-06 10:00");
    await goTo(page, "P30");
    expect(await page.inputValue("#formula-input")).toBe("2024-03-06 10:00");
    await typeInto(page, "P31", "2024-03-06");
    expect(await cellText(page, "P31")).toBe("2024-03-06");
    // the value is the serial: 2024-03-06 is 45357 (2024-01-01 is 45292, + 31 + 29 + 5), 10:00 is 10/24
    await typeInto(page, "P32", "=P30-P31");
    expect(Number(await cellText(page, "P32"))).toBeCloseTo(10 / 24, 6);
    // the Trade column (54 pixels) has no room for a date-time: ###, never a cut date
    await typeInto(page, "A21", "2024-03-06 10:00");
    expect(await cellText(page, "A21")).toMatch(/^#{3,}$/);
    expect(await noCutNumbers(page)).toEqual([]);
    for (const ref of ["P30", "P31", "P32", "A21"]) {
      await goTo(page, ref);
      await page.keyboard.press("Delete");
    }
  });

  it("writes the guide's example with its formats, yellow inputs, table colours and a live chart, at the top of the sheet", async () => {
    const page = s.page;
    // Chart.js is a chunk of its own, asked for only once a sheet has a chart
    expect(requested.filter((p) => p.endsWith("/chart.js"))).toEqual([]);
    // the guide's example is a named example, loaded from the market step
    await page.click("#lev-tab-Market");
    await page.getByRole("button", { name: /Load the guide's example/ }).click();
    await page.click("#lev-tab-Write");
    await page.getByRole("button", { name: "Write to the workbook" }).click();
    await page.waitForSelector('text=Written to the new sheet "LEV Scenario"');
    expect(await page.locator(".tab.active").textContent()).toBe("LEV Scenario");
    // the view stays at the top: the title is on screen and selected
    expect(await page.locator(".grid-body").evaluate((b) => b.scrollTop)).toBe(0);
    expect(await selected(page)).toBe(plan.select);
    // formats: money, percent, price (entry under 10: five decimals)
    expect(await cellText(page, cellOf("Margin"))).toBe("2,000.00");
    expect(await cellText(page, cellOf("LevelAtOpen"))).toBe("100.00%");
    expect(await cellText(page, cellOf("StopOutPrice"))).toBe("0.99000");
    expect(await cellText(page, cellOf("Leverage"))).toBe("50.00x");
    // the inputs are yellow, as the pane says
    const fill = await page.locator(`.grid-canvas [data-cell="${cellOf("Balance")}"]`).evaluate((c) => getComputedStyle(c).backgroundColor);
    expect(fill).toBe("rgb(255, 242, 204)"); // #FFF2CC
    // the scenario table: header in the table's blue, a stopped-out row in red
    const tableTop = plan.table!.range.split(":")[0]!;
    await goTo(page, tableTop);
    const header = await page.locator(`.grid-canvas [data-cell="${tableTop}"]`).evaluate((c) => getComputedStyle(c).backgroundColor);
    expect(header).toBe("rgb(68, 114, 196)"); // #4472C4
    const firstRow = `A${Number(tableTop.slice(1)) + 1}`; // −20 %: stopped out
    await goTo(page, firstRow);
    const red = await page.locator(`.grid-canvas [data-cell="${firstRow}"]`).evaluate((c) => getComputedStyle(c).backgroundColor);
    expect(red).toBe("rgb(244, 182, 182)"); // #F4B6B6
    expect(await noCutNumbers(page)).toEqual([]);
    // the chart is drawn, from its own chunk
    await page.waitForSelector(".chart canvas");
    await page.waitForFunction(() => document.documentElement.dataset.charts === "1");
    expect(await page.locator(".chart").getAttribute("aria-label")).toBe(plan.chart!.title);
    expect(requested.filter((p) => p.endsWith("/chart.js"))).toEqual(["/chart.js"]);
  }, 60000);

  it("takes a screenshot of the written sheet with its chart, and of the chart alone", async () => {
    const page = s.page;
    await page.setViewportSize({ width: 2900, height: 1100 });
    await page.locator(".grid-body").evaluate((b) => b.scrollTo(0, 0));
    await page.waitForTimeout(100);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: SHEET_SHOT });
    fs.mkdirSync(path.dirname(CHART_SHOT), { recursive: true });
    await page.locator(".chart").screenshot({ path: CHART_SHOT });
    await page.setViewportSize({ width: 1440, height: 860 });
    expect(fs.statSync(SHEET_SHOT).size).toBeGreaterThan(20000);
    expect(fs.statSync(CHART_SHOT).size).toBeGreaterThan(10000);
  });

  it("moves the chart's line when an input changes", async () => {
    const page = s.page;
    const pixels = () => page.locator(".chart canvas").evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const before = await pixels();
    await typeInto(page, cellOf("Quantity"), "2"); // two lots: PnL twice as steep
    expect(await cellText(page, cellOf("Margin"))).toBe("4,000.00"); // 200,000 / 50
    expect(await pixels()).not.toBe(before);
    await typeInto(page, cellOf("Quantity"), "1");
    expect(await cellText(page, cellOf("Margin"))).toBe("2,000.00");
  });

  it("starts a trading journal whose dates show as dates and whose amounts have their formats", async () => {
    const page = s.page;
    await page.getByRole("button", { name: "New trading journal" }).click();
    await page.waitForSelector('text=Created the trading journal on the new sheet "LEV Journal"');
    // the first example trade's date is the serial 45355: 4 March 2024 (45292 is 1 January 2024, + 31 + 29 + 3)
    expect(await cellText(page, "A2")).toBe("2024-03-04");
    await goTo(page, "A2");
    expect(await page.inputValue("#formula-input")).toBe("2024-03-04");
    // Binance's ROI example: PnL 0.5 × (61,000 − 60,000) = 500, ROE 500 / 1,500 = 33.33 %
    expect(await cellText(page, "J2")).toBe("500.00");
    expect(await cellText(page, "K2")).toBe("33.33%");
    expect(await noCutNumbers(page)).toEqual([]);
    await page.click('.tab[data-sheet="LEV Scenario"]');
  });

  it("saves the sheet and opens it again: names, figures, scenario rows, formats and the chart come back", async () => {
    const page = s.page;
    const download = page.waitForEvent("download");
    await page.click("#save-xlsx");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-grid-")), "scenario.xlsx");
    await (await download).saveAs(file);
    await openFile(page, file);
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Opened"));
    await page.click('.tab[data-sheet="LEV Scenario"]');
    expect(await cellText(page, cellOf("Margin"))).toBe("2,000.00");
    expect(await cellText(page, cellOf("FreeMargin"))).toBe("0.00");
    expect(await cellText(page, cellOf("StopOutPrice"))).toBe("0.99000");
    await goTo(page, cellOf("Margin"));
    expect(await page.inputValue("#formula-input")).toBe("=LEV.MARGIN(Notional, Leverage)");
    const tableTop = Number(plan.table!.range.split(":")[0]!.slice(1));
    const tableBottom = Number(plan.table!.range.split(":")[1]!.replace(/^[A-Z]+/, ""));
    for (let r = tableTop + 1; r <= tableBottom; r += 5) {
      expect(await cellText(page, `G${r}`)).toMatch(/^(OK|MARGIN CALL|STOP OUT|LIQUIDATED)$/);
      expect(await cellText(page, `C${r}`)).toMatch(/^-?[\d,]+\.\d\d$/);
    }
    expect(await page.locator(".grid-canvas .cell.error").count()).toBe(0); // no #NAME? anywhere in view
    // text reads as typed in the bar, without an apostrophe
    await goTo(page, "A1");
    expect(await page.inputValue("#formula-input")).toBe(plan.blocks[0]!.rows[0]![0]);
    await page.waitForFunction(() => document.documentElement.dataset.charts === "1");
    expect(await page.locator(".chart").count()).toBe(1);
    // and the journal's text cells too
    await page.click('.tab[data-sheet="Journal"]');
    await goTo(page, "B2");
    expect(await page.inputValue("#formula-input")).toBe("BTCUSDT");
    // the written journal's dates are still dates
    await page.click('.tab[data-sheet="LEV Journal"]');
    expect(await cellText(page, "A2")).toBe("2024-03-04");
  }, 60000);

  it("shows a date cell of an opened file as a date", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Trades");
    ws.getCell("A1").value = "Opened";
    ws.getCell("A2").value = new Date(Date.UTC(2024, 2, 4, 9, 30));
    ws.getCell("A2").numFmt = "yyyy-mm-dd hh:mm";
    ws.getColumn(1).width = 20;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-date-")), "dates.xlsx");
    await wb.xlsx.writeFile(file);
    await openFile(s.page, file);
    await s.page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Opened dates.xlsx"));
    expect(await cellText(s.page, "A2")).toBe("2024-03-04 09:30");
    expect(await s.page.inputValue("#formula-input")).toBe("2024-03-04 09:30");
  });

  it("draws a line chart over a table (an equity curve) from an opened file", async () => {
    // A small journal written in Node, as the journal's equity-curve chart request will ask: balance after each trade.
    const { buildWorkbook, registerLevFunctions } = await import("../../src/playground/bridge");
    const { writeXlsx } = await import("../../src/playground/xlsx");
    const { columnMeta } = await import("../../src/playground/sheet");
    const { loadBundle, DIST } = await import("../helpers/bundle");
    const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
    const bridge = registerLevFunctions(metadata, loadBundle().functions);
    // 10,000 start; +500, −200, +300: 10,500, 10,300, 10,600
    const hf = buildWorkbook(bridge, {
      Equity: [["Trade", "Net PnL", "Balance"], [1, 500, "=10000+B2"], [2, -200, "=C2+B3"], [3, 300, "=C3+B4"]],
    });
    const meta = { Equity: columnMeta({ 1: "#,##0.00", 2: "#,##0.00" }, { 0: 60, 1: 90, 2: 90 }) };
    meta.Equity.tables.push({ name: "Trades1", range: "A1:C4", style: "TableStyleMedium2" });
    meta.Equity.charts.push({ type: "line", title: "Equity curve", xTitle: "Trade", yTitle: "Balance", series: [{ name: "Balance", x: "A2:A4", y: "C2:C4" }], anchor: "E1:L14" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-equity-")), "equity.xlsx");
    fs.writeFileSync(file, Buffer.from(await writeXlsx(hf, meta)));
    hf.destroy();
    bridge.unregister();

    const page = s.page;
    await openFile(page, file);
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Opened equity.xlsx"));
    await page.waitForFunction(() => document.documentElement.dataset.charts === "1");
    expect(await page.locator(".chart").getAttribute("aria-label")).toBe("Equity curve");
    expect(await cellText(page, "C4")).toBe("10,600.00");
    const pixels = () => page.locator(".chart canvas").evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const before = await pixels();
    await page.locator(".chart").screenshot({ path: path.join(RESULTS, "equity-chart.png") });
    await typeInto(page, "B3", "-900"); // the second trade loses 900: 10,500 → 9,600 → 9,900
    expect(await cellText(page, "C4")).toBe("9,900.00");
    expect(await pixels()).not.toBe(before);
  });

  it("asks for nothing that fails (no missing favicon), nothing beyond localhost, and throws no errors", () => {
    expect(failed).toEqual([]);
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
