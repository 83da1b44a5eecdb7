import * as path from "path";
import type { Page } from "playwright-core";
import { button, byId, cellText, describeInBrowser, tabTo, usePlayground, type Session } from "../playground/browser";
import { applyPreset, GUIDE_EXAMPLE } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";

/*
 * The simulator end to end, in Chromium, in the playground: the form is filled with the keyboard alone
 * (once focus is in the pane), a bad value is caught next to its field, the review shows the guide's
 * figures, the write adds a new sheet, and the new sheet's key figures and statuses are read back from
 * the grid. A screenshot of the pane at the review step is kept (test-results/) for a person to look at.
 */
const SCREENSHOT = process.env.LEV_PANE_SCREENSHOT || path.resolve(__dirname, "../../test-results/simulator-review.png");
const COINM_SCREENSHOT = path.resolve(__dirname, "../../test-results/simulator-review-coinm.png");
const USDM_ISOLATED_SCREENSHOT = path.resolve(__dirname, "../../test-results/simulator-review-usdm-isolated.png");
const USDM_CROSS_SCREENSHOT = path.resolve(__dirname, "../../test-results/simulator-review-usdm-cross.png");
/** A tier table in BTC, as a COIN-M trader keeps one: floor, cap, rate (amounts built by the engine). */
const COINM_TIERS = [[0, 5, 0.004], [5, 10, 0.005], [10, 20, 0.01]];

/** Replaces the focused input's text, as a user does: select all, type. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** The text of the label a control is announced by (its <label>, or what aria-labelledby names). */
async function labelOf(page: Page, id: string): Promise<string> {
  return page.locator(`#${id}`).evaluate((el) => {
    const labelled = el.getAttribute("aria-labelledby");
    const byAria = labelled ? labelled.split(" ").map((x) => document.getElementById(x)?.textContent ?? "").join(" ") : "";
    return [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join(" ") + byAria;
  });
}

describeInBrowser("the simulator pane in the playground", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("fills the guide's trade with the keyboard, catches a bad value beside its field, reviews, writes and reads back", async () => {
    const page = s.page;
    // The one pointer-free entry: focus lands on the pane's first step, as a click into the pane would.
    await page.locator("#lev-tab-Market").focus();

    // Market: the pane starts on the first market's defaults (USDS-M); the arrow keys move to forex through
    // COIN-M, so each preset refills the form.
    expect(await page.locator('input[type=radio][value="crypto-linear"]').isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    await tabTo(page, `el.type === "radio" && el.checked`);
    await page.keyboard.press("ArrowDown"); // USDS-M → COIN-M
    expect(await page.locator('input[type=radio][value="crypto-inverse"]').isChecked()).toBe(true);
    await page.keyboard.press("ArrowDown");
    expect(await page.locator('input[type=radio][value="forex"]').isChecked()).toBe(true);
    // The forex preset's sources are shown
    expect(await page.locator('[aria-label="Preset defaults and their sources"]').textContent()).toContain("standard lot is 100,000 units");

    // Trade step: the guide's account, with a typo in the balance first. The symbol is the preset's EUR/USD.
    await tabTo(page, button("Next: Trade"));
    await page.keyboard.press("Enter");
    expect(await page.inputValue("#lev-symbol")).toBe("EUR/USD");
    expect(await page.inputValue("#lev-tick")).toBe("0.00001");
    await tabTo(page, byId("lev-balance"));
    await retype(page, "2,000x");
    await page.keyboard.press("Tab");
    await tabTo(page, byId("lev-entry"));
    await retype(page, "1.0000");
    await page.keyboard.press("Tab");
    await retype(page, "1:50");
    await tabTo(page, byId("lev-quantity"));
    await retype(page, "1");
    if (process.env.LEV_PANE_SHOTS) await page.locator("#pane").screenshot({ path: `${process.env.LEV_PANE_SHOTS}/trade.png` });
    await tabTo(page, button("Next: Review"));
    await page.keyboard.press("Enter");

    // The bad balance is caught in the form, beside the field, and focus goes there.
    await page.waitForFunction(() => document.activeElement?.id === "lev-balance");
    expect(await page.locator("#lev-balance").getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await page.locator("#lev-balance").getAttribute("aria-describedby")) ?? "";
    const message = await page.locator(`[id="${describedBy.split(" ").find((id) => id.includes("validationMessage")) ?? describedBy.split(" ")[0]}"]`).textContent();
    expect(message).toMatch(/balance should be a number/i);
    if (process.env.LEV_PANE_SHOTS) await page.locator("#pane").screenshot({ path: `${process.env.LEV_PANE_SHOTS}/error.png` });
    await retype(page, "2000");
    await tabTo(page, button("Next: Review"));
    await page.keyboard.press("Enter");

    // Review: the guide's figures, each with its explanation, and the warnings that apply.
    await page.waitForSelector('[aria-label="Key figures"]');
    const figure = async (name: string) => (await page.locator(`[data-figure="${name}"] dd`).first().textContent())?.trim();
    expect(await figure("Notional")).toBe("100,000.00"); // 1.0000 × 1 lot × 100,000
    expect(await figure("Margin")).toBe("2,000.00"); // 100,000 / 50
    expect(await figure("FreeMargin")).toBe("0.00"); // 2,000 − 2,000
    expect(await figure("StopOutPrice")).toBe("0.99000"); // equity 1,000 = 50 % of 2,000: a 0.0100 fall
    // 50x is above ESMA's 30:1 for majors (the start state's region is ESMA): the review says first that a
    // retail account cannot open it, and does not walk it through as opened.
    expect(await page.locator('[data-blocker="above-retail-cap"]').count()).toBe(1);
    expect(await page.locator('[data-blocked="true"]').first().textContent()).toMatch(/^This trade cannot be opened as set\..*above the ESMA retail cap of 30:1/);
    expect(await page.locator('[data-warning="call-at-open"]').count()).toBe(1); // level 100 % at open
    expect(await page.locator('[aria-label="Walkthrough"]').count()).toBe(0);
    expect(await page.locator('[data-walkthrough="not-opened"]').count()).toBe(1);
    // The pane at the review step, whole: a tall window, scrolled to the top.
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("#pane").screenshot({ path: SCREENSHOT });
    await page.setViewportSize({ width: 1440, height: 860 });

    // As a professional client (no retail cap) the trade opens, and the walkthrough follows it.
    await page.locator("#lev-tab-Trade").focus();
    await page.keyboard.press("Enter");
    await tabTo(page, byId("lev-region"));
    await page.selectOption("#lev-region", "none");
    await tabTo(page, button("Next: Review"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('[aria-label="Walkthrough"]');
    expect(await page.locator('[data-blocked="true"]').count()).toBe(0);
    const walk = (await page.locator('[aria-label="Walkthrough"] li').last().textContent()) ?? "";
    // the 2 % adverse move (0.98000) lies beyond the stop-out at 0.99: the position closed there with
    // equity 1,000.00, and the guide's 2,000 is the loss had it stayed open (equity 0, margin level 0 %)
    expect(walk).toContain("0.98000");
    expect(walk).toContain("equity 1,000.00");
    expect(walk).toContain("margin level closed");
    expect(walk).toContain("STOP OUT");
    expect(walk).toMatch(/would have lost 2000\.00: equity 0\.00, margin level 0\.00 %\./);

    // Scenarios, then write.
    await tabTo(page, button("Next: Scenarios"));
    await page.keyboard.press("Enter");
    await tabTo(page, byId("lev-walkMove"));
    if (process.env.LEV_PANE_SHOTS) await page.locator("#pane").screenshot({ path: `${process.env.LEV_PANE_SHOTS}/scenarios.png` });
    expect(await page.inputValue("#lev-walkMove")).toBe("2");
    await tabTo(page, button("Next: Write"));
    await page.keyboard.press("Enter");
    await tabTo(page, button("Write to the workbook"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Written to the new sheet");
    expect(await page.locator('[role="status"]').textContent()).toContain('"LEV Scenario"');

    // Read the new sheet back from the grid, where the model says each figure lives.
    const plan = scenarioPlan(buildScenario(validate(GUIDE_EXAMPLE).trade!));
    const cell = (name: string) => plan.names.find((n) => n.name === name)!.cell;
    expect(await page.locator(".tab.active").textContent()).toContain("LEV Scenario");
    expect(await cellText(page, cell("Margin"))).toMatch(/^2,?000(\.00)?$/);
    expect(await cellText(page, cell("FreeMargin"))).toMatch(/^0(\.00)?$/);
    expect(await cellText(page, cell("StopOutPrice"))).toMatch(/^0\.99(000)?$/);
    const walkBlock = plan.blocks.find((b) => b.rows[0]?.[0] === "Step")!;
    const lastStep = Number(walkBlock.at.slice(1)) + walkBlock.rows.length - 1;
    expect(await cellText(page, `G${lastStep}`)).toBe("STOP OUT");
    expect(await cellText(page, `E${lastStep}`)).toMatch(/^1,?000(\.00)?$/); // closed at the stop-out: equity 1,000
    expect(await cellText(page, `F${lastStep}`)).toBe("closed");
    // The sheet's words, read back from the grid: the title, the opening line, the walkthrough's steps and stories.
    expect(await cellText(page, "A1")).toBe("LEV scenario: EUR/USD long 1 lot at 1.00000, leverage 50x, broker account");
    expect(await cellText(page, "A3")).toBe("The trade can be opened as set: the broker calls at the margin-call level and closes it at the stop-out level.");
    const first = Number(walkBlock.at.slice(1)) + 1;
    const steps: string[] = [];
    for (let r = first; r <= lastStep; r++) steps.push(`${await cellText(page, `A${r}`)} | ${await cellText(page, `H${r}`)}`);
    expect(steps).toEqual([
      "1. Open the trade | You open the trade: the required margin is locked up and the rest of the balance is free margin.",
      "2. Margin call | At this price the margin level reaches the margin-call level: the broker asks for more money or for positions to be closed.",
      "3. Stop-out | At this price the margin level reaches the stop-out level: the broker closes the position at a loss.",
      "4. Price moves 2 % against you | The position no longer exists here: it was closed at the stop-out price, and negative balance protection keeps the loss within the balance. Had it stayed open, this move would have lost 2000.00: equity 0.00, margin level 0.00 %.",
    ]);
    // The scenario table: at −2 % stopped out, at −0.5 % … no such row; at +1 % OK.
    const table = plan.blocks.find((b) => b.rows[0]?.[0] === "Price")!;
    const top = Number(table.at.slice(1));
    const rowOf = (move: number) => top + 1 + Math.round((move + 0.2) / 0.01);
    expect(await cellText(page, `G${rowOf(-0.02)}`)).toBe("STOP OUT");
    expect(await cellText(page, `G${rowOf(0.01)}`)).toBe("OK");
    expect(await cellText(page, `G${rowOf(-0.2)}`)).toBe("STOP OUT");
    expect(s.pageErrors).toEqual([]);
  }, 120000);

  it("writes again into LEV Scenario 2 and creates a trading journal, leaving the first sheet as it was", async () => {
    const page = s.page;
    await page.locator("#lev-tab-Write").focus();
    await tabTo(page, button("Write to the workbook"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('text=Written to the new sheet "LEV Scenario 2"');
    await tabTo(page, button("New trading journal"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('text=Created the trading journal on the new sheet "LEV Journal"');
    // Journal: Binance's example, 0.5 × (61,000 − 60,000) = 500
    expect(await cellText(page, "J2")).toMatch(/^500(\.00)?$/);
    expect(await cellText(page, "M2")).toMatch(/^1(\.00)?$/);
    // Prices by row as the row's symbol shows them: BTCUSDT to its tick's 2 decimals, EUR/USD to 5. The EUR/USD
    // short's liquidation price, LEV.LIQPRICE("short", 1.1, 30) at the default 0.5 %, is 1.1 × (31/30) / 1.005 =
    // 1.1310116…, shown 1.13101 (not 1.13).
    expect(await cellText(page, "D2")).toBe("60,000.00");
    expect(await cellText(page, "D3")).toBe("1.10000");
    expect(await cellText(page, "L3")).toBe("1.13101");
    const names = await page.evaluate(() => (globalThis as unknown as { levPlayground: { hf: { getSheetNames(): string[] } } }).levPlayground.hf.getSheetNames());
    expect(names).toEqual(expect.arrayContaining(["LEV Scenario", "LEV Scenario 2", "LEV Journal"]));
    expect(s.offsite).toEqual([]);
  }, 60000);

  it("chooses COIN-M with the keyboard, reads a tier table from the workbook, reviews in BTC and writes", async () => {
    const page = s.page;
    // The trader's own tier table, on a sheet of its own.
    await page.evaluate((rows) => {
      const hf = (globalThis as unknown as { levPlayground: { hf: { addSheet(n: string): string; getSheetId(n: string): number; setCellContents(a: object, v: unknown): void } } }).levPlayground.hf;
      hf.addSheet("Tiers");
      hf.setCellContents({ sheet: hf.getSheetId("Tiers"), row: 0, col: 0 }, rows);
    }, COINM_TIERS);
    await page.locator("#lev-tab-Market").focus();
    await page.keyboard.press("Enter");
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-market") !== null`);
    for (let i = 0; i < 4 && !(await page.locator('input[type=radio][value="crypto-inverse"]').isChecked()); i++) {
      await page.keyboard.press("ArrowUp");
    }
    expect(await page.locator('input[type=radio][value="crypto-inverse"]').isChecked()).toBe(true);
    const sources = (await page.locator('[aria-label="Preset defaults and their sources"]').textContent()) ?? "";
    expect(sources).toContain("Symbol: BTCUSD_PERP");
    expect(sources).toContain("COIN-M regular taker fee 0.05 %");
    const symbols = (await page.locator('[aria-label="Common symbols and their sources"]').textContent()) ?? "";
    expect(symbols).toContain("BTCUSD_PERP: tick 0.1, quantity step 1, up to 125x on Binance");
    expect(symbols).toContain("contract value 100 USD");

    await tabTo(page, button("Next: Trade"));
    await page.keyboard.press("Enter");
    expect(await page.inputValue("#lev-balance")).toBe("0.1"); // the account is now in BTC
    expect(await page.inputValue("#lev-region")).toBe("none"); // kept from the trade above: no retail cap
    expect(await page.locator('#lev-marginMode input[value="isolated"]').isChecked()).toBe(true);
    expect(await labelOf(page, "lev-balance")).toContain("Balance (BTC)");
    await tabTo(page, byId("lev-quantity"));
    expect(await labelOf(page, "lev-quantity")).toContain("Contracts");
    await retype(page, "100");
    // Maintenance margin from a tier table in the workbook.
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-mmrSource") !== null`);
    await page.keyboard.press("ArrowRight");
    expect(await page.locator('#lev-mmrSource input[value="table"]').isChecked()).toBe(true);
    await tabTo(page, byId("lev-mmrTable"));
    await retype(page, "Tiers!A1:B3"); // two columns: not a tier table
    await tabTo(page, button("Read table"));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#lev-mmrTable")?.getAttribute("aria-invalid") === "true");
    const describedBy = (await page.locator("#lev-mmrTable").getAttribute("aria-describedby")) ?? "";
    const problem = await page.locator(`[id="${describedBy.split(" ").find((id) => id.includes("validationMessage")) ?? describedBy.split(" ")[0]}"]`).textContent();
    expect(problem).toMatch(/Tiers!A1:B3 is not a tier table LEV can read: .*3 or 4 columns/);
    await tabTo(page, byId("lev-mmrTable"));
    await retype(page, "Tiers!A1:C3");
    await tabTo(page, button("Read table"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Read 3 brackets from Tiers!A1:C3");
    if (process.env.LEV_PANE_SHOTS) await page.locator("#pane").screenshot({ path: `${process.env.LEV_PANE_SHOTS}/trade-coinm.png` });
    await tabTo(page, button("Next: Review"));
    await page.keyboard.press("Enter");

    // Review, in BTC: 100 × 100 / 50,000 = 0.2 BTC; margin 0.02 BTC; the first bracket (0.2 BTC < 5):
    // LP = (100 × 1.004) / (0.02/100 + 100/50,000) = 100.4 / 0.0022 = 45,636.36; bankruptcy 50,000 × 10/11.
    // BTCUSD_PERP's tick is 0.1: prices show one decimal (5 significant digits of 50,000 need none).
    await page.waitForSelector('[aria-label="Key figures"]');
    const figure = async (name: string) => (await page.locator(`[data-figure="${name}"] dd`).first().textContent())?.trim();
    expect(await page.locator('[data-figure="Notional"] dt').textContent()).toBe("Position value (BTC)");
    expect(await figure("Notional")).toBe("0.20000000");
    expect(await figure("Margin")).toBe("0.02000000");
    expect(await figure("LiqPrice")).toBe("45,636.4");
    expect(await figure("Bankruptcy")).toBe("45,454.5");
    expect(await figure("DoublingPrice")).toBe("55,555.6"); // 50,000 / (1 − 1/10)
    expect(await page.locator('[data-figure="LiqPrice"]').textContent()).toContain("tier table at Tiers!A1:C3");
    expect(await page.locator("[data-view]").textContent()).toBe("Isolated margin");
    expect(await page.locator('[data-figure="LiqPrice"]').textContent()).toMatch(/Isolated margin: where the position's own margin/);
    // the walkthrough in the order the price meets it: 2 % against (49,000) is still open, then liquidation
    const steps = await page.locator('[aria-label="Walkthrough"] li').evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(steps).toEqual(["OK", "OK", "LIQUIDATED"]);
    await page.setViewportSize({ width: 1440, height: 2100 });
    await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("#pane").screenshot({ path: COINM_SCREENSHOT });
    await page.setViewportSize({ width: 1440, height: 860 });

    await tabTo(page, button("Next: Scenarios"));
    await page.keyboard.press("Enter");
    await tabTo(page, button("Next: Write"));
    await page.keyboard.press("Enter");
    await tabTo(page, button("Write to the workbook"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Written to the new sheet");
    // "LEV Scenario 3" after the tests above; whatever free name it got, the written sheet is the active one
    const written = /new sheet "([^"]+)"/.exec((await page.locator('[role="status"]').last().textContent()) ?? "")![1]!;
    expect(written).toMatch(/^LEV Scenario( \d+)?$/);

    // The sheet's liquidation price reads the table on Tiers, and gives the review's figure.
    const values = { ...applyPreset(GUIDE_EXAMPLE, "crypto-inverse"), quantity: "100", mmrSource: "table" as const, mmrTable: "Tiers!A1:C3" };
    const trade = validate(values, { address: "Tiers!A1:C3", sheet: "Tiers", range: "A1:C3", cells: COINM_TIERS }).trade!;
    const plan = scenarioPlan(buildScenario(trade));
    const cell = (name: string) => plan.names.find((n) => n.name === name)!.cell;
    expect(await cellText(page, cell("LiqPrice"))).toBe("45,636.4"); // the tick's one decimal
    expect(await cellText(page, cell("Margin"))).toMatch(/^0\.02(0*)?$/);
    const formula = await page.evaluate((a1: readonly [string, string]) => {
      const hf = (globalThis as unknown as { levPlayground: { hf: { getSheetId(n: string): number; simpleCellAddressFromString(a: string, s: number): object; getCellFormula(a: object): string } } }).levPlayground.hf;
      const id = hf.getSheetId(a1[1]);
      return hf.getCellFormula(hf.simpleCellAddressFromString(a1[0], id));
    }, [cell("LiqPrice"), written] as const);
    expect(formula).toMatch(/^=LEV\.INVLIQPRICE\(Side, ?Entry, ?Leverage, ?'?Tiers'?!\$A\$1:\$C\$3, ?0, ?Quantity, ?ContractSize\)$/i);
    expect(s.pageErrors).toEqual([]);
  }, 120000);

  it("reviews the USDS-M preset on isolated and on cross margin, each saying which view its figures take", async () => {
    const page = s.page;
    await page.locator("#lev-tab-Market").focus();
    await page.keyboard.press("Enter");
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-market") !== null`);
    for (let i = 0; i < 4 && !(await page.locator('input[type=radio][value="crypto-linear"]').isChecked()); i++) {
      await page.keyboard.press("ArrowUp");
    }
    expect(await page.locator('input[type=radio][value="crypto-linear"]').isChecked()).toBe(true);
    await tabTo(page, button("Next: Trade"));
    await page.keyboard.press("Enter");
    // the account turned from BTC to USDT, so the preset's balance is filled: 0.1 BTC at 60,000, 10x
    expect(await page.inputValue("#lev-balance")).toBe("10000");
    expect(await page.inputValue("#lev-quantity")).toBe("0.1");
    expect(await page.inputValue("#lev-symbol")).toBe("BTCUSDT");
    await tabTo(page, button("Next: Review"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('[aria-label="Key figures"]');
    const figure = async (name: string) => (await page.locator(`[data-figure="${name}"] dd`).first().textContent())?.trim();
    const explains = () => page.locator("[data-figure] dd:nth-of-type(2)").allTextContents();
    expect(await page.locator("[data-view]").textContent()).toBe("Isolated margin");
    // margin 6,000 / 10 = 600; LIQPRICE = 60,000 × (1 − 1/10) / (1 − 0.4 %) = 54,000 / 0.996 = 54,216.87
    expect(await figure("Margin")).toBe("600.00");
    expect(await figure("LiqPrice")).toBe("54,216.87");
    expect(await figure("EndResult")).toBe("-600.00"); // the isolated margin is what is lost
    // the ratio at open, before fees: maintenance 6,000 × 0.4 % = 24 over the margin 600 = 4.00 %, in the review
    // and in the walkthrough's first step alike
    expect(await figure("MarginRatio")).toBe("4.00 %");
    expect(await page.locator('[aria-label="Walkthrough"] li').first().textContent()).toContain("margin ratio 4.00 %");
    expect(await page.locator("[data-instrument]").textContent()).toBe("BTCUSDT: tick 0.10, quantity step 0.001. Binance allows up to 125x.");
    expect((await explains()).every((t) => t.startsWith("Isolated margin: "))).toBe(true);
    expect(await page.locator('[data-blocked="true"]').count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 2100 });
    await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("#pane").screenshot({ path: USDM_ISOLATED_SCREENSHOT });
    await page.setViewportSize({ width: 1440, height: 860 });

    // Cross, with 1 BTC: the whole balance backs the position.
    await page.locator("#lev-tab-Trade").focus();
    await page.keyboard.press("Enter");
    await tabTo(page, byId("lev-quantity"));
    await retype(page, "1");
    await tabTo(page, `el.type === "radio" && el.checked && el.closest("#lev-marginMode") !== null`);
    await page.keyboard.press("ArrowRight");
    expect(await page.locator('#lev-marginMode input[value="cross"]').isChecked()).toBe(true);
    await tabTo(page, button("Next: Review"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-view=cross]");
    expect(await page.locator("[data-view]").textContent()).toBe("Cross margin");
    // WALLETLIQ: (q·E − WB) / (q·(1 − mmr)) = (60,000 − 10,000) / 0.996 = 50,200.80; the balance is lost there
    expect(await figure("LiqPrice")).toBe("50,200.80");
    expect(await figure("EndResult")).toBe("-10,000.00");
    expect(await figure("LevelAtOpen")).toBe("166.67 %"); // 10,000 / 6,000
    // 60,000 USDT is beyond the first bracket (50,000) that Binance's 125x and 0.40 % are for
    expect(await page.locator('[data-warning="beyond-first-bracket"]').count()).toBe(1);
    // the earlier write's message was about another trade, and went when the trade changed
    expect(await page.locator('[role="status"]').filter({ hasText: "Written to the new sheet" }).count()).toBe(0);
    expect((await explains()).every((t) => t.startsWith("Cross margin: "))).toBe(true);
    await page.setViewportSize({ width: 1440, height: 2100 });
    await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("#pane").screenshot({ path: USDM_CROSS_SCREENSHOT });
    await page.setViewportSize({ width: 1440, height: 860 });
    expect(s.pageErrors).toEqual([]);
  }, 120000);

  it("shows a refused write as a message in the pane, and adds no sheet", async () => {
    const page = s.page;
    // The workbook refuses new sheets, as a protected workbook does.
    const before = await page.evaluate(() => {
      const hf = (globalThis as unknown as { levPlayground: { hf: { addSheet(n?: string): string; getSheetNames(): string[] } } }).levPlayground.hf;
      hf.addSheet = () => {
        throw new Error("the workbook is protected");
      };
      return hf.getSheetNames();
    });
    await page.locator("#lev-tab-Write").focus();
    await page.keyboard.press("Enter");
    await tabTo(page, button("Write to the workbook"));
    await page.keyboard.press("Enter");
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Nothing was written\..*could not write the sheet \(the workbook is protected\)/);
    const after = await page.evaluate(() => (globalThis as unknown as { levPlayground: { hf: { getSheetNames(): string[] } } }).levPlayground.hf.getSheetNames());
    expect(after).toEqual(before);
  }, 60000);
});
