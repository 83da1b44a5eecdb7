import * as fs from "fs";
import * as path from "path";
import type { Server } from "http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS, DIST, describeInBrowser } from "../playground/browser";
import { seriousViolations } from "./a11y";

/*
 * taskpane.html when Office cannot be reached, in Chromium: Office's CDN blocked (offline, a firewall), or
 * office.js loaded but Office never answering. The page must say in plain words that the pane needs Excel
 * and the network to reach Office, and what to do, with a link to the playground, within 5 s of opening;
 * nothing is left at "Loading…" and no script stops on a missing global. The page's clock is Playwright's
 * (page.clock), so "within 5 s" is checked by moving time, not by waiting on a busy machine.
 */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const LOCAL = new Set(["localhost", "127.0.0.1", "[::1]"]);

let server: Server;
let base: string;
let browser: Browser;

interface Visit {
  page: Page;
  context: BrowserContext;
  /** Requests to Office's CDN, each refused or answered as the test says. */
  office: string[];
  /** Uncaught errors the page threw. */
  thrown: string[];
}

/**
 * Opens taskpane.html with Office's CDN answered by `office` (undefined: blocked, as offline or by a firewall;
 * otherwise the text of office.js), every other host refused, and the page's clock under the test's control.
 */
async function open(office?: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 360, height: 700 } });
  const page = await context.newPage();
  const v: Visit = { page, context, office: [], thrown: [] };
  await page.clock.install();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL.has(new URL(url).hostname)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      v.office.push(url);
      if (office !== undefined) return route.fulfill({ status: 200, contentType: "text/javascript", body: office });
    }
    return route.abort("internetdisconnected");
  });
  page.on("pageerror", (e) => v.thrown.push(e.message));
  await page.goto(`${base}taskpane.html`, { waitUntil: "domcontentloaded" });
  return v;
}

const shown = (page: Page) => page.evaluate(() => document.getElementById("without-office")?.dataset.reason ?? "");

/** An office.js that defines Office but whose onReady answers only when the test calls levOfficeReady(). */
const SILENT_OFFICE = `
  window.Office = {
    onReady(callback) {
      return new Promise((resolve) => {
        window.levOfficeReady = () => { const info = { host: "Excel", platform: "OfficeOnline" }; callback(info); resolve(info); };
      });
    },
  };
  window.CustomFunctions = { associate() {} };
`;

describeInBrowser("taskpane.html when Office cannot be reached (Chromium)", () => {
  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startServer } = require("../../tools/serve.cjs") as { startServer(dir: string, port: number): Promise<{ server: Server; url: string }> };
    ({ server, url: base } = await startServer(DIST, 0));
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it("with Office's CDN blocked, says at once that the pane needs Excel and the network, what to do, and links to the playground", async () => {
    const { page, context, office, thrown } = await open();
    expect(office).toEqual([`${OFFICE_CDN}office.js`]);
    // No time has passed on the page's clock: the message is there as soon as the page's scripts ran.
    await page.waitForSelector("#without-office", { timeout: 5000 });
    expect(await shown(page)).toBe("missing");
    const text = (await page.locator("#app").innerText()).replace(/\s+/g, " ");
    expect(text).toContain("LEV needs Excel, and the network to reach Office");
    expect(text).toMatch(/could not reach Office/);
    expect(text).toMatch(/Check that this computer is online/);
    expect(text).toContain("appsforoffice.microsoft.com");
    expect(text).toContain("Home → LEV → Trade simulator");
    expect(text).not.toMatch(/Loading|Starting/);
    // The link goes to the playground beside the page, which answers.
    const link = page.locator("#without-office a");
    expect(await link.textContent()).toBe("Open the LEV playground");
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${base}index.html`);
    expect((await context.request.get(href)).status()).toBe(200);
    // A screen reader starts at the message's title.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    // Neither the functions' script nor the pane's stopped on a missing Office or CustomFunctions.
    expect(thrown).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    fs.mkdirSync(path.resolve(__dirname, "../../test-results"), { recursive: true });
    await page.screenshot({ path: path.resolve(__dirname, "../../test-results/taskpane-without-office.png") });
    await context.close();
  }, 60000);

  it("with office.js loaded but Office silent, says so within 5 s, and starts the simulator when Office answers", async () => {
    const { page, context, thrown } = await open(SILENT_OFFICE);
    expect(await shown(page)).toBe("");
    expect(await page.locator("#status").textContent()).toBe("Starting the simulator…");
    // Office usually answers within a second: nothing is said before 3 s, and all of it by 5 s.
    await page.clock.runFor(3000);
    expect(await shown(page)).toBe("");
    await page.clock.runFor(2000);
    await page.waitForSelector("#without-office");
    expect(await shown(page)).toBe("silent");
    const text = (await page.locator("#app").innerText()).replace(/\s+/g, " ");
    expect(text).toContain("LEV is waiting for Excel");
    expect(text).toContain("Open the LEV playground");
    expect(await seriousViolations(page)).toEqual([]);
    // Office answers late: the simulator replaces the message.
    await page.evaluate(() => (globalThis as unknown as { levOfficeReady(): void }).levOfficeReady());
    await page.waitForSelector("#lev-step-heading", { timeout: 30000 });
    expect(await shown(page)).toBe("");
    expect(thrown).toEqual([]);
    await context.close();
  }, 60000);

  it("with Office ready at once, starts the simulator and never shows the message", async () => {
    const { page, context, thrown } = await open(`${SILENT_OFFICE}\nconst ready = window.Office.onReady; window.Office.onReady = (cb) => { const p = ready(cb); window.levOfficeReady(); return p; };`);
    await page.waitForSelector("#lev-step-heading", { timeout: 30000 });
    await page.clock.runFor(10000);
    expect(await shown(page)).toBe("");
    expect(thrown).toEqual([]);
    await context.close();
  }, 60000);
});
