import * as path from "path";
import type { Page } from "playwright-core";
import { button, byId, cellText, describeInBrowser, tabTo, typeInto, usePlayground, type Session } from "../playground/browser";
import { applyPreset, GUIDE_EXAMPLE, validate, type FormValues } from "../../src/taskpane/model/form";
import { positionsGrid } from "../../src/taskpane/model/positions";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";

/*
 * The simulator's cross mode over the playground sample's Positions sheet, in Chromium, as a trader
 * does it: the range typed into the pane's field (a wrong one first, whose problem shows beside it),
 * read, reviewed, written; then a mark changed on the Positions sheet and the scenario sheet's
 * liquidation price read back. A screenshot of the review is kept (test-results/) for a person.
 *
 * Hand calculation (the sample account, wallet 8,000, see EXAMPLE_POSITIONS): uPnL Σ −131, maintenance Σ
 * 382.26. The trade: BTCUSDT long 0.1 at 62,850 (the table's BTC mark), 0.4 %: maintenance 25.14, so the
 * surplus is 8,000 − 131 − 382.26 − 25.14 = 7,461.60; BTC's rows share one price: den = 0.6·(0.004 − 1)
 * = −0.5976, P = 62,850 − 7,461.60/0.5976 = 50,364.06. Ratio 407.40/7,869 = 5.18 %; distance
 * (62,850 − 50,364.06)/62,850 = 19.87 %. SOLUSDT's mark to 160: surplus 7,461.60 − 352 − 1.76 = 7,107.84,
 * P = 62,850 − 7,107.84/0.5976 = 62,850 − 11,893.98 = 50,956.02.
 */
const SCREENSHOT = path.resolve(__dirname, "../../test-results/simulator-review-cross-others.png");

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

  it("types the range, reads it, reviews the account's liquidation price, writes, and follows a mark changed on Positions", async () => {
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

    await fill(page, "lev-balance", "8000");
    await fill(page, "lev-entry", "62850");
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-marginMode") !== null`, 60);
    await page.keyboard.press("ArrowRight");
    expect(await page.locator('#lev-marginMode input[value="cross"]').isChecked()).toBe(true);
    await fill(page, "lev-quantity", "0.1");
    await fill(page, "lev-mmr", "0.4");
    // A professional account: no retail cap (ESMA's would refuse 10x on crypto).
    await tabTo(page, byId("lev-region"), 60);
    await page.selectOption("#lev-region", "none");

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
    expect(await figure("LiqPrice")).toBe("50,364.06");
    expect(await figure("AccountMarginRatio")).toBe("5.18 %");
    expect(await figure("LiqDistance")).toBe("19.87 %");
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
      ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"),
      balance: "8000",
      entry: "62850",
      marginMode: "cross",
      quantity: "0.1",
      mmr: "0.4",
      others: "Positions!A5:G16",
    };
    const cells = positionsGrid().slice(4, 16).map((r) => r.slice(0, 7));
    const trade = validate(values, undefined, { address: values.others, sheet: "Positions", range: "A5:G16", cells }).trade!;
    const cell = (name: string) => scenarioPlan(buildScenario(trade)).names.find((n) => n.name === name)!.cell;
    expect(await cellText(page, cell("LiqPrice"))).toMatch(/^50,364\.06/);

    // A trader raises SOLUSDT's mark on the Positions sheet (E8), then goes back to the scenario sheet.
    await page.click('.tab[data-sheet="Positions"]');
    expect(await cellText(page, "A8")).toBe("SOLUSDT");
    await typeInto(page, "E8", "160");
    await page.click(`.tab[data-sheet="${written}"]`);
    expect(await cellText(page, cell("LiqPrice"))).toMatch(/^50,956\.02/);
    expect(s.pageErrors).toEqual([]);
  }, 180000);
});
