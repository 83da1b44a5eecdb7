import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Server } from "http";
import type { BrowserContext, Page } from "playwright-core";

/**
 * The browser the playground's end-to-end tests run in: Debian's Chromium driven by playwright-core,
 * with the flags of shared/spec/playground.md and an empty profile, over dist/ served on a random
 * localhost port. Every request is watched: anything not addressed to localhost is refused and recorded.
 */
export const CHROMIUM = process.env.LEV_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const DIST = path.resolve(__dirname, "../../dist");

/** Why the browser suites cannot run here, or undefined when they can. */
export function unavailable(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (install it: apt-get install chromium)`;
  if (!fs.existsSync(path.join(DIST, "index.html"))) return "dist/index.html is missing (run npm run build)";
  return undefined;
}

/**
 * Jest's `describe`, or `describe.skip` with one clear line when Chromium is missing. With CI set a
 * missing browser is a failure, not a skip.
 */
let warned = false;

export function describeInBrowser(name: string, body: () => void): void {
  const reason = unavailable();
  if (!reason) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it("needs Chromium in CI", () => {
        throw new Error(`browser tests cannot run: ${reason}`);
      });
    });
    return;
  }
  if (!warned) process.stderr.write(`\nSkipping the playground's browser tests: ${reason}.\n`);
  warned = true;
  describe.skip(`${name} (skipped: ${reason})`, body);
}

export interface Session {
  context: BrowserContext;
  page: Page;
  url: string;
  /** Every URL the page asked for that was not on localhost (refused). */
  offsite: string[];
  /** Errors the page threw or logged. */
  pageErrors: string[];
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * In a describe block: the playground opened once before its tests, handed to `opened` as soon as it is
 * open (to keep the session, or watch the page load), its pane then awaited; closed after the tests.
 */
export function usePlayground(opened: (s: Session) => void): void {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await openPlayground();
    opened(session);
    await session.page.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
  }, 90000);
  afterAll(async () => {
    await session?.close();
  });
}

export async function openPlayground(query = ""): Promise<Session> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require("../../tools/serve.cjs") as {
    startServer(dir: string, port: number): Promise<{ server: Server; url: string }>;
  };
  const { chromium } = await import("playwright-core");
  const { server, url } = await startServer(DIST, 0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lev-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 860 },
    acceptDownloads: true,
  });
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === "http:" || u.protocol === "https:") && !LOCAL_HOSTS.has(u.hostname)) {
      offsite.push(u.href);
      return route.abort();
    }
    return route.continue();
  });
  context.on("request", (req) => {
    const u = new URL(req.url());
    if ((u.protocol === "http:" || u.protocol === "https:" || u.protocol === "ws:" || u.protocol === "wss:") && !LOCAL_HOSTS.has(u.hostname)) {
      if (!offsite.includes(u.href)) offsite.push(u.href);
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`${url}index.html${query}`);
  await page.waitForSelector("html[data-ready]", { timeout: 60000 });
  return {
    context,
    page,
    url,
    offsite,
    pageErrors,
    async close() {
      await context.close();
      await new Promise((r) => server.close(r));
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The text the grid shows in a cell of the active sheet (scrolled into view first). */
export async function cellText(page: Page, ref: string): Promise<string> {
  await goTo(page, ref);
  return (await page.locator(`.grid-canvas [data-cell="${ref}"]`).textContent()) ?? "";
}

/** Selects a cell through the name box, as a user would. */
export async function goTo(page: Page, ref: string): Promise<void> {
  await page.fill(".name-box", ref);
  await page.press(".name-box", "Enter");
  await page.waitForSelector(`.grid-canvas [data-cell="${ref}"].selected`);
}

/** Types into a cell the way a user does: select it, type, press Enter. */
export async function typeInto(page: Page, ref: string, text: string): Promise<void> {
  await goTo(page, ref);
  await page.keyboard.type(text, { delay: 0 });
  await page.keyboard.press("Enter");
}

/**
 * Opens a file with Open as a trader does; when the page asks before replacing unsaved work, answers Replace.
 * Resolves once the page has said it opened the file (or why it could not).
 */
export async function openFile(page: Page, file: string): Promise<void> {
  const before = await page.textContent(".status");
  await page.setInputFiles("#open-file", file);
  await page.waitForFunction((b) => document.querySelector("dialog[open]") || document.querySelector(".status")?.textContent !== b, before);
  if (await page.locator("dialog[open]").count()) await page.click('dialog[open] [data-choice="replace"]');
}

/** Whether the built functions.json has the function `id` (a sheet or test that needs it is left out otherwise). */
export function hasFunction(id: string): boolean {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: { id: string }[] };
  return metadata.functions.some((f) => f.id === id);
}

/**
 * Moves focus with Tab, or with Shift+Tab when the wanted control lies above the focused one in the pane,
 * until the focused element satisfies `test` (a JavaScript expression over `el`). Fails after `limit` presses.
 */
export async function tabTo(page: Page, test: string, limit = 40): Promise<void> {
  const where = () =>
    page.evaluate((t) => {
      const match = (el: Element) => new Function("el", `return (${t});`)(el) as boolean;
      const active = document.activeElement;
      if (active && match(active)) return "here";
      const target = [...document.querySelectorAll("#pane *")].find(match);
      if (!target) return "missing";
      if (!active || active === document.body) return "Tab";
      return active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? "Shift+Tab" : "Tab";
    }, test);
  for (let i = 0; i < limit; i++) {
    const w = await where();
    if (w === "here") return;
    if (w === "missing") break;
    await page.keyboard.press(w);
  }
  throw new Error(`focus never reached an element where ${test}`);
}

/** tabTo tests: the element with this id; the button with this text. */
export const byId = (id: string) => `el.id === ${JSON.stringify(id)}`;
export const button = (text: string) => `el.tagName === "BUTTON" && el.textContent.trim() === ${JSON.stringify(text)}`;
