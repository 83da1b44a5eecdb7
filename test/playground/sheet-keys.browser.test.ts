import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Server } from "http";
import type { BrowserContext, Page } from "playwright-core";
import { CHROMIUM, DIST, describeInBrowser } from "./browser";

/*
 * Ctrl+PgDn / Ctrl+PgUp and Ctrl+Alt+PgDn / Ctrl+Alt+PgUp in a visible Chromium (under Xvfb, a virtual X
 * display), where the browser's own shortcuts apply as they do for a trader: Chromium keeps Ctrl+PgDn and
 * Ctrl+PgUp for its own tabs when it has several, which is why Excel on the web, and the playground, take
 * Ctrl+Alt+PgDn and Ctrl+Alt+PgUp as well.
 */
const XVFB = ["/usr/bin/Xvfb"].find((p) => fs.existsSync(p));
const describeWithX = XVFB || process.env.CI ? describeInBrowser : describe.skip;
if (!XVFB && !process.env.CI) process.stderr.write("\nSkipping the visible-browser test: Xvfb is not installed (apt-get install xvfb).\n");

describeWithX("sheets switched from the keyboard in a visible Chromium", () => {
  let xvfb: ChildProcess | undefined;
  let context: BrowserContext;
  let server: Server;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!XVFB) throw new Error("Xvfb is needed in CI: apt-get install xvfb");
    // a display number nobody uses: Xvfb exits at once when it is taken
    const display = `:${90 + Math.floor(Math.random() * 400)}`;
    xvfb = spawn(XVFB, [display, "-screen", "0", "1440x900x24", "-nolisten", "tcp"], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 800));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startServer } = require("../../tools/serve.cjs") as { startServer(dir: string, port: number): Promise<{ server: Server; url: string }> };
    const started = await startServer(DIST, 0);
    server = started.server;
    const { chromium } = await import("playwright-core");
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "lev-visible-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      env: { ...process.env, DISPLAY: display },
      viewport: { width: 1400, height: 820 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${started.url}index.html`);
    await page.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
  }, 120000);

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    xvfb?.kill();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  const activeSheet = () => page.locator('.tabs [role=tab][aria-selected="true"]').textContent();

  it("switches sheets with Ctrl+Alt+PgDn and Ctrl+Alt+PgUp, from the grid and from a tab", async () => {
    await page.locator(".grid-body").focus();
    expect(await activeSheet()).toBe("Journal");
    await page.keyboard.press("Control+Alt+PageDown");
    expect(await activeSheet()).toBe("Scenario");
    await page.keyboard.press("Control+Alt+PageDown");
    expect(await activeSheet()).toBe("Trades");
    await page.keyboard.press("Control+Alt+PageUp");
    expect(await activeSheet()).toBe("Scenario");
    // the focus stays where it was: the grid
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("grid");
    await page.locator('.tabs [role=tab][aria-selected="true"]').focus();
    await page.keyboard.press("Control+Alt+PageUp");
    expect(await activeSheet()).toBe("Journal");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Journal"); // on the tab
  });

  it("switches sheets with Ctrl+PgDn and Ctrl+PgUp while the browser has one tab", async () => {
    await page.locator(".grid-body").focus();
    await page.keyboard.press("Control+PageDown");
    expect(await activeSheet()).toBe("Scenario");
    await page.keyboard.press("Control+PageUp");
    expect(await activeSheet()).toBe("Journal");
  });
});
