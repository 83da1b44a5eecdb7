import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { button, byId, describeInBrowser, tabTo, usePlayground, type Session } from "../playground/browser";
import { danglingReferences, focusRing, seriousViolations, type Violation } from "./a11y";

/*
 * The task pane for a trader on the keyboard or with a screen reader, in Chromium, in the playground:
 * axe-core (WCAG 2.2 AA rules and best practices) over the pane at every step, with the journal import
 * open and after a write, failing on any serious or critical violation; a keyboard-only walk from the
 * pane's first control to a written scenario, in which every step change puts focus on the new step's
 * heading, in view, and focus never falls to the page's <body>; closing the import returns focus to its
 * button; results are announced through live regions that are in the page before they fill; and every
 * control the walk reaches shows a focus ring of at least 2 px at 3:1 against what was there before,
 * measured on screenshots taken focused and unfocused (kept under test-results/a11y/).
 * The playground's own page (grid, sheet tabs, formula bar) is checked elsewhere: axe runs over #pane.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/journal");
const SHOTS = path.resolve(__dirname, "../../test-results/a11y");

const expectNoViolations = (found: Violation[], where: string) => expect({ where, found }).toEqual({ where, found: [] });

/** What has focus: its tag, id and text, whether it is in the pane, the <body>, or a tabster dummy. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      body: !el || el === document.body,
      dummy: el?.hasAttribute("data-tabster-dummy") ?? false,
      inPane: el?.closest("#pane") !== null,
      id: el?.id ?? "",
      text: (el?.textContent ?? "").trim(),
      tag: el?.tagName.toLowerCase() ?? "",
    };
  });
}

/** Presses a key and checks that focus did not fall to the <body> or rest on a tabster dummy. */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  const f = await focused(page);
  expect({ key, body: f.body, dummy: f.dummy }).toEqual({ key, body: false, dummy: false });
}

/** Whether the element `selector` lies wholly inside the window and inside every scrolling box around it. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (!/(auto|scroll|hidden)/.test(style.overflowY + style.overflowX)) continue;
      const b = p.getBoundingClientRect();
      if (r.top < b.top - 1 || r.bottom > b.bottom + 1) return false;
    }
    return true;
  });
}

/** After a step change: focus is on the step's heading, which names the step and is in view. */
async function expectStepHeading(page: Page, n: number, step: string): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.id === "lev-step-heading");
  expect((await page.locator("#lev-step-heading").textContent())?.trim()).toBe(`Step ${n} of 5: ${step}`);
  expect(await inView(page, "#lev-step-heading")).toBe(true);
}

describeInBrowser("the task pane with the keyboard and a screen reader (Chromium, playground)", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("passes axe at each simulator step, after a write, and with the journal import open on a file with warnings", async () => {
    const page = s.page;
    // The guide's example, for a retail client under ESMA: a refusal and warnings to name.
    await page.locator("#lev-tab-Market").click();
    await page.locator("#pane button", { hasText: "Load the guide's example" }).click();
    await page.locator("#lev-tab-Trade").click();
    await page.selectOption("#lev-region", "ESMA");
    await page.locator("#lev-tab-Market").click();
    for (const [n, step] of ["Market", "Trade", "Review", "Scenarios", "Write"].entries()) {
      if (n > 0) await page.locator("#pane button", { hasText: `Next: ${step}` }).click();
      await page.waitForFunction((t) => document.getElementById("lev-step-heading")?.textContent?.includes(t), step);
      expectNoViolations(await seriousViolations(page, ["#pane"]), `step ${step}`);
      expect(await danglingReferences(page, "#pane")).toEqual([]);
    }
    // The guide's trade at 1:50 is above ESMA's cap: the review shows a refusal and a warning, both named.
    await page.locator("#lev-tab-Review").click();
    await page.waitForSelector('[data-warning="call-at-open"]');
    expect(await page.locator('[data-warning="call-at-open"]').evaluate((el) => document.getElementById(el.getAttribute("aria-labelledby") ?? "")?.textContent)).toMatch(/margin level at open/i);
    expectNoViolations(await seriousViolations(page, ["#pane"]), "review with a refusal and a warning");

    await page.locator("#lev-tab-Write").click();
    await page.locator("#pane button", { hasText: "Write to the workbook" }).click();
    await page.waitForSelector("#lev-status >> text=Written to the new sheet");
    expectNoViolations(await seriousViolations(page, ["#pane"]), "after a write");
    expect(await danglingReferences(page, "#pane")).toEqual([]);

    // The import, on a Binance spot export with fees in BNB (a warning and a rate to type) and its preview.
    await page.locator("#pane button", { hasText: "Import fills…" }).click();
    expectNoViolations(await seriousViolations(page, ["#pane"]), "import, empty");
    await page.setInputFiles('#pane input[type="file"]', path.join(FIXTURES, "binance-spot.csv"));
    await page.waitForSelector('[aria-label="Fills preview"]');
    expectNoViolations(await seriousViolations(page, ["#pane"]), "import, Binance spot preview");
    expect(await danglingReferences(page, "#pane")).toEqual([]);
    // The preview scrolls in its own box: it takes focus (so the keyboard can scroll it) and has a name.
    const box = page.locator('[role="region"][aria-label="Fills preview (scrolls)"]');
    expect(await box.getAttribute("tabindex")).toBe("0");
    // A CSV of no known layout: the column mapping; then one whose rows are all bad: the rejected rows.
    await page.setInputFiles('#pane input[type="file"]', path.join(FIXTURES, "generic.csv"));
    await page.waitForSelector("text=No known layout");
    expectNoViolations(await seriousViolations(page, ["#pane"]), "import, column mapping");
    await page.setInputFiles('#pane input[type="file"]', path.join(FIXTURES, "only-bad-rows.csv"));
    await page.waitForSelector('[aria-label="Rejected rows (scrolls)"]');
    expectNoViolations(await seriousViolations(page, ["#pane"]), "import, rejected rows");
    expect(await danglingReferences(page, "#pane")).toEqual([]);
    await page.locator('section[aria-label="Import fills"] button', { hasText: "Close" }).click();
  }, 120000);

  it("passes axe on the function reference (help.html), which has a main landmark", async () => {
    const page = await s.context.newPage();
    await page.goto(`${s.url}help.html#LIQPRICE`);
    await page.waitForSelector("#LIQPRICE");
    expectNoViolations(await seriousViolations(page), "help.html");
    expect(await page.locator("main").count()).toBe(1);
    expect(await page.locator("main #LIQPRICE").count()).toBe(1);
    await page.close();
  }, 60000);

  it("walks from the pane's first control to a written scenario with the keyboard alone", async () => {
    const page = s.page;
    await page.locator("#lev-tab-Market").click();
    await page.waitForFunction(() => document.getElementById("lev-step-heading")?.textContent?.includes("Market"));
    // The way into the pane from the page (F6) belongs to the page; from here on only keys are pressed.
    await page.locator("#pane button").first().focus();
    expect((await focused(page)).text).toBe("Import fills…");
    const sheetsBefore = await page.locator(".tab").count();
    /** Tabs to a step button, presses Enter, and checks that focus is on the new step's heading, in view. */
    const go = async (label: string, n: number, step: string) => {
      await tabTo(page, button(label));
      await press(page, "Enter");
      await expectStepHeading(page, n, step);
    };

    // Market: the guide's example is loaded (by the test above, under ESMA); on to the trade.
    await go("Next: Trade", 2, "Trade");
    // Trade: 1:30 is within ESMA's cap for a major pair, and half a lot needs 100,000 × 0.5 ÷ 30 = 1,666.67 of
    // the 2,000 balance, so the trade can be opened.
    await tabTo(page, byId("lev-leverage"));
    await press(page, "Control+A");
    await page.keyboard.type("1:30");
    await tabTo(page, byId("lev-quantity"));
    await press(page, "Control+A");
    await page.keyboard.type("0.5");
    // In a short window the review pushes "Next: Review" far below the pane's bottom: focus must not stay there.
    await page.setViewportSize({ width: 1440, height: 600 });
    await go("Next: Review", 3, "Review");
    expect(await page.locator('[data-blocked="true"]').count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 860 });
    await go("Next: Scenarios", 4, "Scenarios");
    await go("Next: Write", 5, "Write");
    // Back and forth keeps focus on the headings too.
    await go("Back", 4, "Scenarios");
    await go("Next: Write", 5, "Write");

    // The result is announced: the live region was in the page, empty, before the write.
    const region = await page.$("#lev-status");
    expect(await region!.getAttribute("role")).toBe("status");
    expect(await region!.textContent()).toBe("");
    await tabTo(page, button("Write to the workbook"));
    await press(page, "Enter");
    await page.waitForSelector("#lev-status >> text=Written to the new sheet");
    expect(await region!.evaluate((el) => el.isConnected && el.textContent)).toMatch(/^Written to the new sheet "LEV Scenario( \d+)?"/);
    expect((await focused(page)).text).toBe("Write to the workbook");
    expect(await page.locator(".tab").count()).toBe(sheetsBefore + 1);
    expect(s.pageErrors).toEqual([]);
  }, 120000);

  it("returns focus to the button that opened the import when it closes, and never to the <body>", async () => {
    const page = s.page;
    const opener = page.locator("#pane button", { hasText: "Import fills…" });
    await opener.focus();
    await press(page, "Enter");
    await page.waitForSelector('section[aria-label="Import fills"]');
    expect((await focused(page)).text).toBe("Import fills…");
    // Into the panel, to its Close button, and close it with the keyboard.
    await tabTo(page, `el.tagName === "BUTTON" && el.textContent.trim() === "Close" && el.closest('section[aria-label="Import fills"]') !== null`);
    await press(page, "Enter");
    await page.waitForSelector('section[aria-label="Import fills"]', { state: "detached" });
    expect((await focused(page)).text).toBe("Import fills…");

    // A header action keeps focus while it works (it is only marked unavailable), and after.
    await tabTo(page, button("New trading journal"));
    await press(page, "Enter");
    await page.waitForSelector("#lev-status >> text=Created the trading journal");
    expect((await focused(page)).text).toBe("New trading journal");

    // A focused control that is disabled under the trader goes to the step's heading, not to the <body>.
    await page.locator("#lev-tab-Market").click();
    await tabTo(page, button("Load the guide's example (2,000 at 1:50, one lot of EUR/USD, no retail cap)"));
    await page.evaluate(() => (document.activeElement as HTMLButtonElement).setAttribute("disabled", ""));
    await page.waitForFunction(() => document.activeElement?.id === "lev-step-heading");
    await page.locator("#pane button", { hasText: "Load the guide's example" }).evaluate((el) => el.removeAttribute("disabled"));
    // A click outside any control is the trader's choice: focus stays where the click put it.
    await page.mouse.click(5, 855);
    await page.waitForTimeout(50);
    expect((await focused(page)).inPane).toBe(false);
  }, 60000);

  it("shows a focus ring of at least 2 px at 3:1 on every control the keyboard reaches in the pane", async () => {
    const page = s.page;
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.mouse.move(0, 0);
    const weak: string[] = [];
    const measured: string[] = [];
    /** Tabs through the pane from its first control, measuring each control once, until focus leaves it. */
    const walk = async (state: string) => {
      // Into the pane's first control by the keyboard (a Tab and back), as the rings are keyboard focus's.
      await page.locator("#pane button").first().focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Shift+Tab");
      for (let i = 0; i < 60; i++) {
        const f = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          // Fluent draws the ring on a control's root (an input's frame, a radio with its label).
          const shown = (el.closest(".fui-Radio, .fui-Input, .fui-Select, .fui-Textarea") as HTMLElement | null) ?? el;
          shown.scrollIntoView({ block: "center" });
          const r = shown.getBoundingClientRect();
          (globalThis as unknown as { levLast?: HTMLElement }).levLast = el;
          const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
          return { name, inPane: el.closest("#pane") !== null, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
        });
        if (!f.inPane) return;
        const key = `${state}: ${f.name}`;
        if (!measured.includes(key)) {
          measured.push(key);
          const m = 10;
          const clip = { x: Math.max(0, f.box.x - m), y: Math.max(0, f.box.y - m), width: f.box.width + 2 * m, height: f.box.height + 2 * m };
          const on = await page.screenshot({ clip, animations: "disabled", caret: "hide" });
          await page.evaluate(() => (document.activeElement as HTMLElement).blur());
          const off = await page.screenshot({ clip, animations: "disabled", caret: "hide" });
          await page.evaluate(() => (globalThis as unknown as { levLast: HTMLElement }).levLast.focus());
          const ring = focusRing(off, on, { x: f.box.x - clip.x, y: f.box.y - clip.y, width: f.box.width, height: f.box.height });
          const sides = Object.entries(ring.sides).filter(([, share]) => share < 0.95);
          if (sides.length > 0) {
            weak.push(`${key}: ${sides.map(([side, share]) => `${side} ${Math.round(share * 100)} %`).join(", ")}`);
            fs.writeFileSync(path.join(SHOTS, `weak-${weak.length}-focused.png`), on);
            fs.writeFileSync(path.join(SHOTS, `weak-${weak.length}-unfocused.png`), off);
          }
        }
        await page.keyboard.press("Tab");
      }
    };
    for (const step of ["Market", "Trade", "Scenarios", "Write"]) {
      await page.locator(`#lev-tab-${step}`).click();
      await page.waitForFunction((t) => document.getElementById("lev-step-heading")?.textContent?.includes(t), step);
      await page.mouse.move(0, 0);
      await walk(step);
    }
    await page.locator("#pane button", { hasText: "Import fills…" }).click();
    await page.setInputFiles('#pane input[type="file"]', path.join(FIXTURES, "binance-spot.csv"));
    await page.waitForSelector('[aria-label="Fills preview"]');
    await page.mouse.move(0, 0);
    await walk("import");
    // The walk reached the controls a trader needs: inputs, drop-downs, radios, buttons, tabs.
    const all = measured.join("\n");
    for (const expected of ['input#lev-balance', 'select#lev-region', 'input#radio', 'button#lev-tab-', '"Next: Review"', '"Write to the workbook"', '"Start balance"', '"Fills preview (scrolls)"']) {
      if (expected === "input#radio") expect(all).toMatch(/input#radio-/);
      else expect(all).toContain(expected);
    }
    expect(weak).toEqual([]);
    await page.locator('section[aria-label="Import fills"] button', { hasText: "Close" }).click();
  }, 240000);
});
