import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { focusRing, seriousViolations } from "../taskpane/a11y";
import { describeInBrowser, goTo, typeInto, usePlayground, type Session } from "./browser";

/** axe-core's serious and critical violations over the whole playground page, as "rule: help (nodes)". */
const axeViolations = async (page: Page) => (await seriousViolations(page)).map((v) => `${v.id}: ${v.help} (${v.nodes.join(", ")})`);

/*
 * The playground for every trader: axe-core (WCAG 2.2 A and AA rules) over the page at load and on a written
 * sheet, failing on a serious or critical violation; the grid as a screen reader reads it (WAI-ARIA's grid
 * pattern, read through Playwright's accessibility snapshot as the active cell moves); the keyboard (Tab between
 * cells, F6 around the page, arrow keys on the sheet tabs); a visible focus; and the page at 200 % and 400 %
 * zoom (screenshots in test-results/: look at them).
 */
const RESULTS = path.resolve(__dirname, "../../test-results");
/** What has the focus: the region of the page, as F6 moves between them. */
const focusedRegion = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return "none";
    if (a.closest(".grid")) return "grid";
    if (a.id === "formula-input") return "formula bar";
    if (a.closest(".sheetbar")) return "sheet tabs";
    if (a.closest("#pane")) return "pane";
    if (a.closest("header")) return "header";
    return a.tagName;
  });

describeInBrowser("the playground for keyboard, screen reader and zoom", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("has no serious or critical axe violation at load", async () => {
    expect(await axeViolations(s.page)).toEqual([]);
  }, 60000);

  it("is a grid of rows with column and row headers, indexes and counts, and names the active cell with its value and formula", async () => {
    const page = s.page;
    const grid = page.locator(".grid-body");
    expect(await grid.getAttribute("role")).toBe("grid");
    const rowCount = Number(await grid.getAttribute("aria-rowcount"));
    const colCount = Number(await grid.getAttribute("aria-colcount"));
    expect(rowCount).toBeGreaterThan(100); // a header row and at least 100 sheet rows
    expect(colCount).toBeGreaterThan(26);
    await goTo(page, "I2");
    // the snapshot: rows of a row header and grid cells, the column headers in the first row
    const tree = await grid.ariaSnapshot();
    expect(tree).toMatch(/- row ".*"/);
    expect(tree).toMatch(/- columnheader "I"/);
    expect(tree).toMatch(/- rowheader "2"/);
    // the active cell: its address and value as its name, selected; its formula as its description
    expect(tree).toContain('- gridcell "I2, 30,000.00" [selected]');
    const active = page.locator(`#${await grid.getAttribute("aria-activedescendant")}`);
    expect(await active.getAttribute("aria-rowindex")).toBeNull(); // indexes sit on the row and the cell
    expect(await active.getAttribute("aria-colindex")).toBe("10"); // I is the 9th column; the row headers are the 1st
    expect(await active.locator("xpath=..").getAttribute("aria-rowindex")).toBe("3"); // row 2; the header row is the 1st
    const description = await active.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent);
    expect(description).toBe("Formula: =LEV.NOTIONAL(D2, F2)");
    // moving on: the name follows (K2: PnL 900.63, see page.browser.test.ts)
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await grid.ariaSnapshot()).toContain('- gridcell "K2, 900.63" [selected]');
  });

  it("moves between cells with Tab and Shift+Tab, and around the page with F6, Shift+F6 and Ctrl+F6", async () => {
    const page = s.page;
    await goTo(page, "B5");
    await page.keyboard.press("Tab");
    expect(await page.inputValue(".name-box")).toBe("C5");
    await page.keyboard.press("Shift+Tab");
    expect(await page.inputValue(".name-box")).toBe("B5");
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("F6");
      order.push(await focusedRegion(page));
    }
    expect(order).toEqual(["formula bar", "sheet tabs", "pane", "header", "grid"]);
    await page.keyboard.press("Shift+F6");
    expect(await focusedRegion(page)).toBe("header");
    await page.keyboard.press("Control+F6");
    expect(await focusedRegion(page)).toBe("grid");
  });

  it("makes the sheet tabs a tablist: arrow keys switch sheets and the focus stays on the tab", async () => {
    const page = s.page;
    expect(await page.getByRole("tablist", { name: "Sheets" }).count()).toBe(1);
    await page.keyboard.press("F6");
    await page.keyboard.press("F6"); // grid → formula bar → sheet tabs
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-selected"))).toBe("true");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Scenario");
    expect(await page.locator('.tabs [role=tab][aria-selected="true"]').textContent()).toBe("Scenario");
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Journal");
    expect(await page.getByRole("button", { name: "Add a sheet" }).count()).toBe(1);
  });

  it("shows where the focus is: the active cell gets a border of at least 2 pixels that changes at 3:1", async () => {
    const page = s.page;
    await goTo(page, "C4");
    const box = (await page.locator('.grid-canvas [data-cell="C4"]').boundingBox())!;
    const clip = { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 };
    const focused = await page.screenshot({ clip });
    await page.focus("#formula-input");
    const unfocused = await page.screenshot({ clip });
    await page.keyboard.press("Escape");
    // WCAG 2.2's change of contrast, measured pixel by pixel between the two shots around the cell's edges
    const ring = focusRing(unfocused, focused, { x: 8, y: 8, width: box.width, height: box.height }, { thickness: 2, reach: 4 });
    expect(ring.sides.top).toBeGreaterThanOrEqual(0.9);
    expect(ring.sides.bottom).toBeGreaterThanOrEqual(0.9);
    expect(ring.sides.left).toBeGreaterThanOrEqual(0.9);
    expect(ring.sides.right).toBeGreaterThanOrEqual(0.9);
  });

  it("has no serious or critical axe violation on a written sheet", async () => {
    const page = s.page;
    await page.click("#lev-tab-Write");
    await page.getByRole("button", { name: "Write to the workbook" }).click();
    await page.waitForSelector('text=Written to the new sheet "LEV Scenario"');
    await page.waitForFunction(() => document.documentElement.dataset.charts === "1");
    // the chart is outside the grid, an image with a text alternative
    expect(await page.locator(".grid-body .chart").count()).toBe(0);
    const chart = page.getByRole("img", { name: /./ }).first();
    expect(await chart.getAttribute("aria-describedby")).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    // the name box takes the sheet's defined names: Margin is the key figure's cell
    await page.fill(".name-box", "Margin");
    await page.press(".name-box", "Enter");
    expect(await page.locator("#formula-input").inputValue()).toBe("=LEV.MARGIN(Notional, Leverage)");
  }, 60000);

  it("announces the status bar (a live region)", async () => {
    const page = s.page;
    expect(await page.locator(".status").getAttribute("aria-live")).toBe("polite");
    await typeInto(page, "P20", "1");
    expect(await page.textContent(".status")).toMatch(/Recalculated/);
  });

  it("lets the pane be hidden and narrows it at 200 % zoom; the tab strip scrolls", async () => {
    const page = s.page;
    // 200 %: a 1440 × 860 window shows 720 × 430 CSS pixels
    await page.setViewportSize({ width: 720, height: 430 });
    await page.waitForTimeout(200);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, "zoom-200.png") });
    const pane = (await page.locator("#pane").boundingBox())!;
    expect(pane.width).toBeLessThanOrEqual(240);
    const add = (await page.locator(".tab.add").boundingBox())!;
    expect(add.x + add.width).toBeLessThanOrEqual(pane.x);
    expect(await page.locator(".tabs").evaluate((t) => getComputedStyle(t).overflowX)).toBe("auto");
    await page.click("#pane-toggle");
    expect(await page.locator("#pane").isVisible()).toBe(false);
    expect(await page.locator("#pane-toggle").getAttribute("aria-expanded")).toBe("false");
    await page.click("#pane-toggle");
    expect(await page.locator("#pane").isVisible()).toBe(true);
  });

  it("reflows to one column at 400 % (320 CSS pixels), the grid scrolling in its own box at least 280 pixels wide", async () => {
    const page = s.page;
    await page.setViewportSize({ width: 320, height: 256 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(RESULTS, "zoom-400.png"), fullPage: true });
    const grid = (await page.locator(".grid-body").boundingBox())!;
    expect(grid.width).toBeGreaterThanOrEqual(280);
    // nothing but the grid scrolls sideways: the page itself is one column wide
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const pane = (await page.locator("#pane").boundingBox())!;
    expect(pane.y).toBeGreaterThanOrEqual(grid.y + grid.height); // under the grid, not beside it
    await page.setViewportSize({ width: 1440, height: 860 });
  });
});
