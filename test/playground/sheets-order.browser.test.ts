import { cellText, describeInBrowser, typeInto, usePlayground, type Session } from "./browser";

/*
 * Two things a trader does with a whole workbook, in Chromium: moving a sheet along the tab strip from the
 * tab's own menu, and Start from the sample, which asks first and keeps the work when the trader cancels.
 */
const tabNames = (s: Session) => s.page.locator(".tabs [role=tab]").evaluateAll((tabs) => tabs.map((t) => t.getAttribute("data-sheet")));

describeInBrowser("the workbook's sheets and the sample", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("moves a sheet right and left from its tab's menu, and its formulas still read the same cells", async () => {
    const page = s.page;
    // the sample opens with these four sheets, in this order
    expect(await tabNames(s)).toEqual(["Journal", "Scenario", "Trades", "Positions"]);
    await page.click('.tab[data-sheet="Journal"]');
    // Journal!C2 is "long" in the sample (trade 1: BTCUSDT long); a formula on Trades points at it by name
    await page.click('.tab[data-sheet="Trades"]');
    await typeInto(s.page, "Z1", "=Journal!C2");
    expect(await cellText(page, "Z1")).toBe("long");
    await page.click('.tab[data-sheet="Journal"]', { button: "right" });
    await page.getByRole("menuitem", { name: "Move right" }).click();
    expect(await tabNames(s)).toEqual(["Scenario", "Journal", "Trades", "Positions"]);
    // the first sheet cannot move further left: its menu says so by a disabled item
    await page.click('.tab[data-sheet="Scenario"]', { button: "right" });
    expect(await page.getByRole("menuitem", { name: "Move left" }).isDisabled()).toBe(true);
    await page.keyboard.press("Escape");
    await page.click('.tab[data-sheet="Journal"]', { button: "right" });
    await page.getByRole("menuitem", { name: "Move left" }).click();
    expect(await tabNames(s)).toEqual(["Journal", "Scenario", "Trades", "Positions"]);
    await page.click('.tab[data-sheet="Trades"]');
    expect(await cellText(page, "Z1")).toBe("long");
  });

  it("asks before Start from the sample replaces the work, keeps it on Cancel, and gives the sample back on Start", async () => {
    const page = s.page;
    await page.click('.tab[data-sheet="Journal"]');
    await typeInto(page, "B2", "ADAUSDT");
    await page.click("#start-sample");
    await page.waitForSelector("dialog[open]");
    expect(await page.textContent("dialog[open]")).toContain("not saved");
    await page.click('dialog[open] [data-choice="cancel"]');
    expect(await cellText(page, "B2")).toBe("ADAUSDT");
    expect(await page.locator('.tab[data-sheet="Trades"]').count()).toBe(1);
    await page.click("#start-sample");
    await page.waitForSelector("dialog[open]");
    await page.click('dialog[open] [data-choice="sample"]');
    // the answer reaches the page's handler after the click returns (the dialog's promise), so wait for its status
    await page.waitForFunction(() => document.querySelector(".status")?.textContent === "Started again from the sample workbook", undefined, { timeout: 10000 });
    expect(await page.textContent(".status")).toBe("Started again from the sample workbook");
    // the sample's own trade 1 symbol, and its four sheets without the cell typed on Trades
    expect(await cellText(page, "B2")).toBe("BTCUSDT");
    expect(await tabNames(s)).toEqual(["Journal", "Scenario", "Trades", "Positions"]);
    await page.click('.tab[data-sheet="Trades"]');
    expect(await cellText(page, "Z1")).toBe("");
  });
});
