import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Server } from "http";
import type { BrowserContext, Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS, DIST, describeInBrowser } from "../playground/browser";

/**
 * The add-in's pages in a real browser: each carries a Content-Security-Policy that forbids inline script
 * and connections anywhere but its own origin (the task pane may also reach Office's CDN for office.js),
 * and none of them requests anything beyond that. Office's CDN is answered here from the local
 * @microsoft/office-js package, so nothing leaves the machine.
 */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = path.resolve(__dirname, "../../node_modules/@microsoft/office-js/dist");
const LOCAL = new Set(["localhost", "127.0.0.1", "[::1]"]);

interface Visit {
  page: Page;
  origin: string;
  /** Requests to anywhere but the page's origin, other than Office's CDN. */
  offsite: string[];
  /** Requests to Office's CDN (answered locally). */
  officeCdn: string[];
  /** What the browser refused under the page's Content-Security-Policy. */
  violations: string[];
}

let server: Server;
let base: string;
let context: BrowserContext;
let profile: string;

async function visit(file: string, ready: (page: Page) => Promise<unknown>): Promise<Visit> {
  const page = await context.newPage();
  const v: Visit = { page, origin: new URL(base).origin, offsite: [], officeCdn: [], violations: [] };
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    const u = new URL(url);
    if (LOCAL.has(u.hostname) || u.protocol === "data:" || u.protocol === "blob:") return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      v.officeCdn.push(url);
      const local = path.join(OFFICE_DIST, url.slice(OFFICE_CDN.length).split("?")[0]!);
      if (local.startsWith(OFFICE_DIST) && fs.existsSync(local) && fs.statSync(local).isFile()) {
        return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(local) });
      }
      return route.fulfill({ status: 404, body: "" });
    }
    v.offsite.push(url);
    return route.abort();
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) v.violations.push(m.text());
  });
  await page.goto(`${base}${file}`);
  await ready(page);
  return v;
}

async function policyOf(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "");
}

function directive(policy: string, name: string): string {
  return policy.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? "";
}

describeInBrowser("the add-in's pages under their Content-Security-Policy", () => {
  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startServer } = require("../../tools/serve.cjs") as {
      startServer(dir: string, port: number): Promise<{ server: Server; url: string }>;
    };
    ({ server, url: base } = await startServer(DIST, 0));
    const { chromium } = await import("playwright-core");
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "lev-csp-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  }, 60000);

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => server?.close(r));
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it("the task pane loads office.js from Office's CDN only, renders the simulator and requests nothing else", async () => {
    const v = await visit("taskpane.html", (p) => p.waitForSelector("text=Trade simulator", { timeout: 60000 }));
    const policy = await policyOf(v.page);
    expect(directive(policy, "script-src")).toBe("script-src 'self' https://appsforoffice.microsoft.com");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' https://appsforoffice.microsoft.com");
    expect(v.officeCdn[0]).toBe(`${OFFICE_CDN}office.js`);
    expect(v.offsite).toEqual([]);
    // office.js tries to frame its own telemetry service; the policy refuses it before any request is made
    expect(v.violations.filter((m) => !/Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/'/.test(m))).toEqual([]);
    await v.page.close();
  });

  it("the playground requests nothing beyond its own origin, with the pane mounted", async () => {
    const v = await visit("index.html", (p) => p.waitForSelector("html[data-ready]", { timeout: 60000 }));
    await v.page.waitForSelector("text=Trade simulator", { timeout: 60000 });
    const policy = await policyOf(v.page);
    expect(directive(policy, "script-src")).toBe("script-src 'self'");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
    expect(v.officeCdn).toEqual([]);
    expect(v.offsite).toEqual([]);
    expect(v.violations).toEqual([]);
    await v.page.close();
  });

  it("the function reference requests nothing beyond its own origin", async () => {
    const v = await visit("help.html", (p) => p.waitForSelector("#LIQPRICE"));
    expect(directive(await policyOf(v.page), "script-src")).toBe("script-src 'self'");
    expect(v.offsite).toEqual([]);
    expect(v.violations).toEqual([]);
    await v.page.close();
  });

  it("refuses inline script and connections elsewhere (the policy can fail a page)", async () => {
    const v = await visit("index.html", (p) => p.waitForSelector("html[data-ready]", { timeout: 60000 }));
    const ran = await v.page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.head.appendChild(s);
      let fetched = true;
      try {
        await fetch("https://example.com/");
      } catch {
        fetched = false;
      }
      return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, fetched };
    });
    expect(ran).toEqual({ inline: false, fetched: false });
    expect(v.violations.length).toBeGreaterThanOrEqual(2);
    // the refusal happens in the browser, before any request is made
    expect(v.offsite).toEqual([]);
    await v.page.close();
  });
});
