import * as path from "path";
import type { Page } from "playwright-core";
import { button, byId, cellText, describeInBrowser, goTo, tabTo, typeInto, usePlayground, type Session } from "../playground/browser";
import { applySymbol, START, type FormValues } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { findSymbol } from "../../src/taskpane/model/symbols";
import { positionsGrid } from "../../src/taskpane/model/positions";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";

/*
 * The simulator's cross mode over the sample's Positions sheet, in Chromium, as a trader does it: ETHUSDT picked
 * from the symbol list, the range typed into the pane's field (a wrong one first, whose problem shows beside
 * it), read, reviewed, written; then a mark changed on the Positions sheet and the scenario sheet's
 * liquidation price read back. Screenshots of the review and the sheet are kept (test-results/).
 *
 * Hand calculation (the sample account, wallet 8,000, see EXAMPLE_POSITIONS: BTC long 0.5 at 64,200 marked
 * 62,850; ETH long 6 at 3,150 and short 2 at 3,320, marked 3,240; SOL short 40 at 142.50 marked 151.20; DOGE
 * long 60,000 at 0.158 marked 0.1612). The trade: ETHUSDT long 2 at 3,200, maintenance 0.65 % (the symbol
 * table's first bracket). At open ETH's rows are all at the entry, 3,200; the others at their marks:
 *   uPnL BTC −675, ETH long 6·(3,200 − 3,150) = 300, ETH short −2·(3,200 − 3,320) = 240, SOL −348, DOGE 192,
 *   the trade 0: Σ −291, margin balance 7,709;
 *   maintenance BTC 125.70, ETH 6·3,200·0.5 % = 96 and 2·3,200·0.5 % = 32, SOL 30.24, DOGE 96.72, the trade
 *   2·3,200·0.65 % = 41.60: Σ 422.26; account margin ratio 422.26/7,709 = 5.48 %.
 * Liquidation (ETH's three rows share one price P; the others at their marks): numerator 8,000 − (125.70 +
 * 30.24 + 96.72) + (−675 − 348 + 192) − (6·3,150 − 2·3,320 + 2·3,200) = −11,743.66; denominator (6·0.005 +
 * 2·0.005 + 2·0.0065) − (6 − 2 + 2) = −5.947; P = 1,974.72; distance from entry (3,200 − 1,974.72)/3,200 = 38.29 %.
 * SOLUSDT's mark to 160: uPnL −700 (was −348) and maintenance 32 (was 30.24), so the numerator falls by 353.76:
 * P = 12,097.42/5.947 = 2,034.21.
 */
const SCREENSHOT = path.resolve(__dirname, "../../test-results/simulator-review-cross-others.png");
const SHEET = path.resolve(__dirname, "../../test-results/sheet-ethusdt-cross.png");

/** Focuses a field with the keyboard and types over its text. */
async function fill(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, byId(id), 60);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** The message Fluent shows beside field `id`. */
async function messageOf(page: Page, id: string): Promise<string> {
  await page.waitForFunction((i) => document.querySelector(`#${i}`)?.getAttribute("aria-invalid") === "true", id);
  const describedBy = (await page.locator(`#${id}`).getAttribute("aria-describedby")) ?? "";
  const msg = describedBy.split(" ").find((x) => x.includes("validationMessage")) ?? describedBy.split(" ")[0];
  return (await page.locator(`[id="${msg}"]`).textContent()) ?? "";
}

describeInBrowser("the simulator's cross mode over the sample's Positions sheet (Chromium)", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("picks ETHUSDT, types the range, reads it, reviews the account at open, writes, and follows a mark changed on Positions", async () => {
    const page = s.page;
    await page.locator("#lev-tab-Market").focus();
    await page.keyboard.press("Enter");
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-market") !== null`, 60);
    for (let i = 0; i < 4 && !(await page.locator('input[type=radio][value="crypto-linear"]').isChecked()); i++) {
      await page.keyboard.press("ArrowUp");
    }
    expect(await page.locator('input[type=radio][value="crypto-linear"]').isChecked()).toBe(true);
    await tabTo(page, button("Next: Trade"), 60);
    await page.keyboard.press("Enter");

    // ETHUSDT picked from the list: its steps and first bracket's rate (0.65 %) are filled in.
    await fill(page, "lev-symbol", "ETH");
    await page.waitForSelector('[role="option"]:has-text("ETHUSDT")');
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (document.querySelector("#lev-symbol") as HTMLInputElement | null)?.value === "ETHUSDT");
    expect([await page.inputValue("#lev-tick"), await page.inputValue("#lev-mmr")]).toEqual(["0.01", "0.65"]);
    await fill(page, "lev-balance", "8000");
    await fill(page, "lev-entry", "3200");
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-marginMode") !== null`, 60);
    await page.keyboard.press("ArrowRight");
    expect(await page.locator('#lev-marginMode input[value="cross"]').isChecked()).toBe(true);
    await fill(page, "lev-quantity", "2");

    // A range of four columns first: the engine's reader refuses it, in words, beside the field.
    await fill(page, "lev-others", "Positions!A5:D16");
    await tabTo(page, button("Read positions"), 60);
    await page.keyboard.press("Enter");
    expect(await messageOf(page, "lev-others")).toMatch(/^Positions!A5:D16 is not a positions table LEV can read .*expected 5 to 7 columns/);

    await fill(page, "lev-others", "Positions!A5:G16");
    await tabTo(page, button("Read positions"), 60);
    await page.keyboard.press("Enter");
    // 5 rows, ETHUSDT hedged: 4 symbols; maintenance 382.26 and uPnL −131 (EXAMPLE_POSITIONS' hand sums).
    await page.waitForSelector("text=5 positions in 4 symbols read from Positions!A5:G16; maintenance 382.26, unrealised PnL −131.00 at the marks.");
    expect(await page.locator("#lev-others").getAttribute("aria-invalid")).not.toBe("true");

    await tabTo(page, button("Next: Review"), 60);
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-view=cross]");
    const figure = async (name: string) => (await page.locator(`[data-figure="${name}"] dd`).first().textContent())?.trim();
    expect(await page.locator("[data-view]").textContent()).toBe("Cross margin with other positions");
    expect(await figure("LiqPrice")).toBe("1,974.72");
    expect(await figure("AccountMarginRatio")).toBe("5.48 %");
    expect(await figure("LiqDistance")).toBe("38.29 %");
    // the walkthrough's first step is the same account at open: margin balance 7,709.00, ratio 5.48 %
    const open = (await page.locator('[aria-label="Walkthrough"] li').first().textContent()) ?? "";
    expect(open).toContain("margin balance 7,709.00");
    expect(open).toContain("margin ratio 5.48 %");
    const explains = await page.locator("[data-figure] dd:nth-of-type(2)").allTextContents();
    const account = await page.locator("[data-figure] dd:nth-of-type(2)").evaluateAll((dds) =>
      dds.map((dd) => [dd.closest("[data-figure]")!.getAttribute("data-figure"), dd.textContent ?? ""] as const),
    );
    for (const [name, text] of account) {
      const whole = ["AccountMarginRatio", "LiqPrice", "EndResult", "LiqDistance"].includes(name ?? "");
      expect([name, text.startsWith(whole ? "Cross view, with 5 other positions: " : "Cross margin, this trade alone: ")]).toEqual([name, true]);
    }
    expect(explains.length).toBe(account.length);
    expect(await page.locator('[data-blocked="true"]').count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 2100 });
    await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("#pane").screenshot({ path: SCREENSHOT });
    await page.setViewportSize({ width: 1440, height: 860 });

    await tabTo(page, button("Next: Scenarios"), 60);
    await page.keyboard.press("Enter");
    await tabTo(page, button("Next: Write"), 60);
    await page.keyboard.press("Enter");
    await tabTo(page, button("Write to the workbook"), 60);
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Written to the new sheet");
    const written = /new sheet "([^"]+)"/.exec((await page.locator('[role="status"]').last().textContent()) ?? "")![1]!;

    // Where the figures sit: the same plan, from the same form and the sample's cells.
    const values: FormValues = {
      ...applySymbol(START, findSymbol("crypto-linear", "ETHUSDT")!),
      balance: "8000",
      entry: "3200",
      marginMode: "cross",
      quantity: "2",
      others: "Positions!A5:G16",
    };
    const cells = positionsGrid().slice(4, 16).map((r) => r.slice(0, 7));
    const trade = validate(values, undefined, { address: values.others, sheet: "Positions", range: "A5:G16", cells }).trade!;
    const cell = (name: string) => scenarioPlan(buildScenario(trade)).names.find((n) => n.name === name)!.cell;
    expect(await cellText(page, cell("LiqPrice"))).toBe("1,974.72");
    expect(await cellText(page, cell("AccountMarginRatio"))).toBe("5.48%"); // 422.26/7,709 = 5.4775 %
    expect(await cellText(page, "A1")).toBe("LEV scenario: ETHUSDT long 2 ETH at 3200.00, leverage 10x, cross margin with 5 other positions");
    await goTo(page, "A1");
    await page.waitForFunction(() => Number(document.documentElement.dataset.charts ?? "0") >= 1);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: SHEET });
    await page.setViewportSize({ width: 1440, height: 860 });

    // A trader raises SOLUSDT's mark on the Positions sheet (E8), then goes back to the scenario sheet.
    await page.click('.tab[data-sheet="Positions"]');
    expect(await cellText(page, "A8")).toBe("SOLUSDT");
    await typeInto(page, "E8", "160");
    await page.click(`.tab[data-sheet="${written}"]`);
    expect(await cellText(page, cell("LiqPrice"))).toBe("2,034.21");
    expect(s.pageErrors).toEqual([]);
  }, 180000);
});
