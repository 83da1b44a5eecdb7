import * as path from "path";
import type { Page } from "playwright-core";
import { cellText, describeInBrowser, goTo, usePlayground, type Session } from "../playground/browser";
import { applyPreset, applySymbol, START, type FormValues } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import type { MarketId } from "../../src/taskpane/model/presets";
import { PRESETS } from "../../src/taskpane/model/presets";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario } from "../../src/taskpane/model/scenario";
import { findSymbol } from "../../src/taskpane/model/symbols";

/*
 * A trade per market with a symbol of its own, in Chromium, as a trader makes it: the market chosen, the
 * symbol picked from the list (which fills its steps), the rest typed, the review's figures checked against
 * the hand calculations beside them, the sheet written and its words and figures read back from the grid.
 * Screenshots of every review and written sheet are kept in test-results/ for a person to look at.
 */
const SHOTS = path.resolve(__dirname, "../../test-results");

async function chooseMarket(page: Page, id: MarketId): Promise<void> {
  await page.click("#lev-tab-Market");
  await page.click(`input[type=radio][value="${id}"]`);
  expect(await page.locator(`input[type=radio][value="${id}"]`).isChecked()).toBe(true);
}

async function toTrade(page: Page): Promise<void> {
  await page.click("#lev-tab-Trade");
  await page.waitForSelector("#lev-symbol");
}

/** Clicks a field and types over its text. */
async function fill(page: Page, id: string, text: string): Promise<void> {
  await page.click(`#${id}`);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** Types the symbol's first letters into the symbol field and picks the suggestion with Enter. */
async function pick(page: Page, typed: string, symbol: string): Promise<void> {
  await fill(page, "lev-symbol", typed);
  await page.waitForSelector(`[role="option"]:has-text("${symbol}")`);
  await page.keyboard.press("Enter");
  await page.waitForFunction((s) => (document.querySelector("#lev-symbol") as HTMLInputElement | null)?.value === s, symbol);
}

async function review(page: Page): Promise<void> {
  await page.click("#lev-tab-Review");
  await page.waitForSelector('[aria-label="Key figures"]');
}

/** The review's figures as shown, for the names asked: one object to compare with the hand calculations. */
async function figures(page: Page, names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = ((await page.locator(`[data-figure="${n}"] dd`).first().textContent()) ?? "").trim();
  return out;
}

/** What the written sheet shows in the cells asked (A1 references on the active sheet). */
async function shownIn(page: Page, refs: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of refs) out[r] = await cellText(page, r);
  return out;
}

/** The pane whole, in a tall window, scrolled to the top. */
async function shotPane(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 2100 });
  await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
  await page.locator("#pane").screenshot({ path: path.join(SHOTS, name) });
  await page.setViewportSize({ width: 1400, height: 900 });
}

/** Writes the sheet and returns its name; the sheet is then the active one. */
async function write(page: Page): Promise<string> {
  await page.click("#lev-tab-Write");
  await page.getByRole("button", { name: "Write to the workbook" }).click();
  // each trade here changes the form first, which takes down the last write's message
  const done = page.locator("text=/Written to the new sheet/").last();
  await done.waitFor();
  return /new sheet "([^"]+)"/.exec((await done.textContent()) ?? "")![1]!;
}

/** The written sheet as it opens in a 1400 × 900 window: its top, the key figures and the chart. */
async function shotSheet(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await goTo(page, "A1");
  await page.waitForFunction(() => Number(document.documentElement.dataset.charts ?? "0") >= 1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, name) });
}

/**
 * The review's picture, then the write: the cells `expected` names (from where the model puts them for the
 * values the pane holds) read back from the grid, and the written sheet's picture.
 */
async function writeAndRead(page: Page, name: string, values: FormValues, expected: (at: ReturnType<typeof cellsOf>) => Record<string, string>): Promise<void> {
  await shotPane(page, `review-${name}.png`);
  await write(page);
  const want = expected(cellsOf(values));
  expect(await shownIn(page, Object.keys(want))).toEqual(want);
  await shotSheet(page, `sheet-${name}.png`);
}

/** Where the model puts a named cell, for the values the pane holds. */
function cellsOf(values: FormValues) {
  const v = validate(values);
  if (!v.trade) throw new Error(JSON.stringify(v.errors));
  const plan = scenarioPlan(buildScenario(v.trade));
  const walk = plan.blocks.find((b) => b.rows[0]?.[0] === "Step")!;
  const table = plan.blocks.find((b) => b.rows[0]?.[0] === "Price")!;
  return {
    named: (name: string) => plan.names.find((n) => n.name === name)!.cell,
    walkRow: (i: number) => Number(walk.at.slice(1)) + 1 + i,
    tableRow: (i: number) => Number(table.at.slice(1)) + 1 + i,
  };
}

describeInBrowser("a trade per market, with a symbol of its own (Chromium)", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));
  beforeAll(async () => {
    await s.page.setViewportSize({ width: 1400, height: 900 });
  });

  it("USDS-M: a sub-cent coin, NEIROUSDT, keeps its digits in the review and on the sheet", async () => {
    const page = s.page;
    await toTrade(page);
    await pick(page, "NEIRO", "NEIROUSDT");
    // the table's steps and a blank maintenance rate (it carries none for NEIROUSDT): asked for, never BTC's kept
    expect([await page.inputValue("#lev-tick"), await page.inputValue("#lev-quantityStep"), await page.inputValue("#lev-mmr")]).toEqual(["0.0000001", "1", ""]);
    await fill(page, "lev-entry", "0.0012345");
    await fill(page, "lev-quantity", "1000000");
    await fill(page, "lev-mmr", "1");
    await review(page);
    // Position value 0.0012345 × 1,000,000 = 1,234.50; margin at 10x 123.45; LIQPRICE = 0.0012345 × (1 − 1/10)/(1 − 1 %)
    // = 0.00112227…, shown to the tick's 7 decimals; distance 1 − 0.9/0.99 = 9.09 %; break-even with 0.055 % each
    // side 0.0012345 × 1.00055/0.99945 = 0.00123586; margin ratio at open 1 % × 1,234.50/123.45 = 10.00 %
    expect(await figures(page, ["Notional", "Margin", "LiqPrice", "LiqDistance", "BreakEven", "MarginRatio"])).toEqual({
      Notional: "1,234.50",
      Margin: "123.45",
      LiqPrice: "0.0011223",
      LiqDistance: "9.09 %",
      BreakEven: "0.0012359",
      MarginRatio: "10.00 %",
    });
    expect(await page.locator("[data-instrument]").textContent()).toBe("NEIROUSDT: tick 0.0000001, quantity step 1. Binance allows up to 75x.");
    await writeAndRead(page, "neirousdt", { ...applySymbol(START, findSymbol("crypto-linear", "NEIROUSDT")!), entry: "0.0012345", quantity: "1000000", mmr: "1" }, (at) => ({
      A1: "LEV scenario: NEIROUSDT long 1000000 NEIRO at 0.0012345, leverage 10x, isolated margin",
      A3: "The trade can be opened as set: on isolated margin only its own margin is at risk.",
      [at.named("LiqPrice")]: "0.0011223",
      [at.named("Entry")]: "0.0012345",
      // the walkthrough: 2 % against is 0.0012345 × 0.98 = 0.00120981, still open; then the liquidation
      [`B${at.walkRow(1)}`]: "0.0012098",
      [`H${at.walkRow(1)}`]: "The position stays open.",
      [`A${at.walkRow(2)}`]: "3. Liquidation",
      // the scenario table's first row, −20 %: 0.0012345 × 0.8 = 0.0009876
      [`A${at.tableRow(0)}`]: "0.0009876",
    }));
    expect(s.pageErrors).toEqual([]);
  }, 240000);

  it("COIN-M: ETHUSD_PERP in ETH, contracts of 10 USD, the balance refilled in the new coin", async () => {
    const page = s.page;
    await chooseMarket(page, "crypto-inverse");
    await toTrade(page);
    expect(await page.inputValue("#lev-balance")).toBe("0.1"); // BTC, for BTCUSD_PERP
    await pick(page, "ETHUSD", "ETHUSD_PERP");
    expect([await page.inputValue("#lev-balance"), await page.inputValue("#lev-contractSize"), await page.inputValue("#lev-quantity")]).toEqual(["1", "10", "100"]);
    await fill(page, "lev-mmr", "0.5");
    await review(page);
    // 100 contracts × 10 USD / 3,000 = 0.33333333 ETH; margin at 10x 0.03333333 ETH; isolated liquidation
    // LP = 100 × (1 + 0.5 %) / (0.03333333/10 + 100/3,000) = 100.5 / 0.03666667 = 2,740.91 (2,740.909…);
    // bankruptcy 3,000 × 10/11 = 2,727.27; distance (3,000 − 2,740.91)/3,000 = 8.64 %
    expect(await page.locator('[data-figure="Notional"] dt').textContent()).toBe("Position value (ETH)");
    expect(await figures(page, ["Notional", "Margin", "LiqPrice", "Bankruptcy", "LiqDistance"])).toEqual({
      Notional: "0.33333333",
      Margin: "0.03333333",
      LiqPrice: "2,740.91",
      Bankruptcy: "2,727.27",
      LiqDistance: "8.64 %",
    });
    await writeAndRead(page, "ethusd-perp", { ...applySymbol(applyPreset(START, "crypto-inverse"), findSymbol("crypto-inverse", "ETHUSD_PERP")!), mmr: "0.5" }, (at) => ({
      A1: "LEV scenario: ETHUSD_PERP long 100 contracts at 3000.00, leverage 10x, isolated margin",
      [at.named("LiqPrice")]: "2,740.91",
      [at.named("Margin")]: "0.03333333",
    }));
    expect(s.pageErrors).toEqual([]);
  }, 240000);

  it("forex: USD/JPY in a dollar account, every amount converted at the rate the pane asks for", async () => {
    const page = s.page;
    await chooseMarket(page, "forex");
    await toTrade(page);
    expect(await page.inputValue("#lev-balance")).toBe("10000"); // the account is no longer in coin: refilled
    expect(await page.locator("#lev-ratePair").count()).toBe(0); // EUR/USD in USD: nothing to convert
    await pick(page, "USD/J", "USD/JPY");
    // the conversion is asked for, filled from the pair itself: USD/JPY at 150
    expect([await page.inputValue("#lev-ratePair"), await page.inputValue("#lev-rate")]).toEqual(["USD/JPY", "150"]);
    await fill(page, "lev-quantity", "1");
    await review(page);
    // 1 lot = 100,000 USD = 15,000,000 JPY at 150.000; margin at 1:30: 500,000 JPY = 3,333.33 USD (100,000/30 in
    // USD, as LEV.FXMARGIN gives it). The 10,000 USD balance is 1,500,000 JPY: the margin call (level 100 %) comes
    // after a loss of 1,000,000 JPY, 10 yen: 140.000; the stop-out (50 %, equity 250,000 JPY) after 1,250,000 JPY:
    // 137.500. Margin level at open 10,000/3,333.33 = 300.00 %.
    expect(await page.locator('[data-figure="Margin"] dt').textContent()).toBe("Required margin (USD)");
    expect(await figures(page, ["Notional", "Margin", "LevelAtOpen", "CallPrice", "StopOutPrice"])).toEqual({
      Notional: "100,000.00",
      Margin: "3,333.33",
      LevelAtOpen: "300.00 %",
      CallPrice: "140.000",
      StopOutPrice: "137.500",
    });
    expect(await page.locator("[data-instrument]").textContent()).toBe("USD/JPY: tick 0.001, quantity step 0.01. Amounts in JPY are converted into USD at 150 (USD/JPY).");
    await writeAndRead(page, "usdjpy", { ...applySymbol(applyPreset(START, "forex"), findSymbol("forex", "USD/JPY")!), quantity: "1" }, (at) => ({
      A1: "LEV scenario: USD/JPY long 1 lot at 150.000, leverage 30x, broker account",
      [at.named("StopOutPrice")]: "137.500",
      [at.named("RatePair")]: "USD/JPY",
      [`C${at.tableRow(-1)}`]: "PnL (USD)",
    }));
    expect(s.pageErrors).toEqual([]);
  }, 240000);

  it("CFD: DBS sized from 1 % risk, the fees of opening and of closing at the stop counted", async () => {
    const page = s.page;
    await chooseMarket(page, "cfd");
    await toTrade(page);
    await page.click('#lev-sizeMode input[value="risk"]');
    await fill(page, "lev-riskPct", "1");
    await fill(page, "lev-stop", "22.72");
    await review(page);
    // 10,000 × 1 % = 100 over (23.92 − 22.72) + 0.1 % × (23.92 + 22.72) = 1.2 + 0.04664 = 1.24664 per share: 80.2 →
    // 80 shares (whole shares, rounded down); at the stop they lose 80 × 1.24664 = 99.73, 0.997 % of the balance
    expect(await figures(page, ["RiskAtStop", "Notional"])).toEqual({
      RiskAtStop: "-99.73",
      Notional: "1,913.60", // 80 × 23.92
    });
    await writeAndRead(page, "dbs", { ...applyPreset(START, "cfd"), sizeMode: "risk", riskPct: "1", stop: "22.72" }, (at) => ({
      A1: "LEV scenario: DBS long 80 shares at 23.92, leverage 5x, broker account",
      [at.named("Quantity")]: "80",
      [at.named("Stop")]: "22.72",
    }));
    expect(s.pageErrors).toEqual([]);
  }, 240000);

  it("spread bet: FTSE 100 short at 2 per point", async () => {
    const page = s.page;
    await chooseMarket(page, "spread-bet");
    await toTrade(page);
    await page.click('#lev-side input[value="short"]');
    await fill(page, "lev-quantity", "2");
    await review(page);
    // 2 per point at 7,500 is worth 15,000; margin at 20:1 750.00; the balance 10,000 meets the margin call (equity
    // 750) after a loss of 9,250 = 4,625 points: 12,125.0; the stop-out (equity 375) after 9,625 = 4,812.5 points: 12,312.5
    expect(await figures(page, ["Margin", "CallPrice", "StopOutPrice"])).toEqual({
      Margin: "750.00",
      CallPrice: "12,125.0",
      StopOutPrice: "12,312.5",
    });
    await writeAndRead(page, "ftse", { ...applyPreset(START, "spread-bet"), side: "short", quantity: "2" }, (at) => ({
      A1: "LEV scenario: FTSE 100 short 2 per point at 7500.0, leverage 20x, broker account",
      [at.named("StopOutPrice")]: "12,312.5",
    }));
    expect(s.pageErrors).toEqual([]);
  }, 240000);

  it("walks every market's defaults to the write step, one after another from the start, each one open", async () => {
    const page = s.page;
    // back to a long, as the start state; then each market in turn, the balance carried between them
    await toTrade(page);
    await page.click('#lev-side input[value="long"]');
    for (const id of [...PRESETS.map((p) => p.id), PRESETS[0]!.id]) {
      await chooseMarket(page, id);
      await page.click("#lev-tab-Write");
      await page.getByRole("button", { name: "Write to the workbook" }).waitFor();
      expect([id, await page.locator('[data-blocked="true"]').count()]).toEqual([id, 0]);
      await page.click("#lev-tab-Review");
      await page.waitForSelector('[aria-label="Walkthrough"]');
      expect([id, await page.locator('[data-blocked="true"]').count()]).toEqual([id, 0]);
    }
    expect(s.pageErrors).toEqual([]);
  }, 240000);
});
