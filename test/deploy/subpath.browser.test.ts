import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import type { Server } from "http";
import type { BrowserContext, Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS, cellText, describeInBrowser, typeInto } from "../playground/browser";

/* eslint-disable @typescript-eslint/no-require-imports */
const { manifestUrls } = require("../../tools/deploy.cjs");
const { validateManifest } = require("../../tools/validate-manifest.cjs");
const { filesUnder } = require("../../tools/package.cjs");
const { startServer } = require("../../tools/serve.cjs") as {
  startServer(dir: string, port: number, o?: { base?: string }): Promise<{ server: Server; url: string }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * What a team gets from `LEV_URL=… npm run package`, served as a static host serves it, under a sub-path
 * (like https://owner.github.io/lev/): the package is built for a loopback address with a sub-path, unzipped
 * into the served folder, and then every URL its manifest names is requested, and the task pane, the help
 * page and the playground are loaded from there in Chromium. Nothing is served at the host's root, so a page
 * or script asked for by an absolute path would fail.
 */
const ROOT = path.resolve(__dirname, "../..");
const SUB = "/desk/lev-addin/";
const RESULTS = path.join(ROOT, "test-results");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

let tmp: string;
let site: string;
let server: Server;
let base: string;
let zipEntries: string[];
let builtFiles: string[];
let context: BrowserContext;

function get(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** Runs `npm run package` (tools/package.cjs) for `address`, into `dist` and `zip`. */
function runPackage(address: string, dist: string, zip: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["tools/package.cjs", "--dist", dist, "--out", zip], { cwd: ROOT, env: { ...process.env, LEV_URL: address } });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`npm run package failed (${code}):\n${log.slice(-3000)}`))));
  });
}

interface Visit {
  page: Page;
  /** Requests outside the sub-path, other than Office's CDN. */
  outside: string[];
  /** Responses under the sub-path that were not 200. */
  failed: string[];
  errors: string[];
}

async function visit(file: string): Promise<Visit> {
  const page = await context.newPage();
  const v: Visit = { page, outside: [], failed: [], errors: [] };
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      // Office's CDN, answered from the local @microsoft/office-js package: nothing leaves the machine
      const local = path.join(OFFICE_DIST, url.slice(OFFICE_CDN.length).split("?")[0]!);
      if (local.startsWith(OFFICE_DIST) && fs.existsSync(local) && fs.statSync(local).isFile()) {
        return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(local) });
      }
      return route.fulfill({ status: 404, body: "" });
    }
    v.outside.push(url);
    return route.abort();
  });
  page.on("response", (r) => {
    if (r.url().startsWith(base) && r.status() !== 200) v.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => v.errors.push(e.message));
  await page.goto(`${base}${file}`);
  return v;
}

describeInBrowser("the package for an address, served under a sub-path", () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lev-subpath-"));
    site = path.join(tmp, "site");
    fs.mkdirSync(site);
    ({ server, url: base } = await startServer(site, 0, { base: SUB }));
    const zipFile = path.join(tmp, "lev.zip");
    await runPackage(base, path.join(tmp, "build"), zipFile);
    builtFiles = filesUnder(path.join(tmp, "build"));
    // unzip into the served folder, as a person uploads the package's files to the host
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
    zipEntries = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name).sort();
    for (const name of zipEntries) {
      const target = path.join(site, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, await zip.file(name)!.async("nodebuffer"));
    }
    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  }, 600000);

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("the .zip holds the whole site at its root: the add-in, the playground as index.html, and the manifest", () => {
    expect(zipEntries).toEqual(builtFiles);
    for (const f of ["manifest.xml", "index.html", "taskpane.html", "help.html", "functions.js", "functions.json", "assets/icon-80.png"]) {
      expect(zipEntries).toContain(f);
    }
  });

  it("the .zip carries no source maps, and no script names one", async () => {
    expect(zipEntries.filter((f) => f.endsWith(".map"))).toEqual([]);
    for (const f of zipEntries.filter((f) => f.endsWith(".js"))) {
      expect({ f, mapped: /sourceMappingURL/.test(fs.readFileSync(path.join(site, f), "utf8")) }).toEqual({ f, mapped: false });
    }
  });

  it("the manifest names only URLs under the sub-path, carries package.json's version, and is valid", async () => {
    expect(base).toMatch(/^http:\/\/localhost:\d+\/desk\/lev-addin\/$/);
    const xml = fs.readFileSync(path.join(site, "manifest.xml"), "utf8");
    const urls: string[] = manifestUrls(xml);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const u of urls) expect(u.startsWith(base)).toBe(true);
    expect(/<Version>([^<]+)<\/Version>/.exec(xml)?.[1]).toBe(`${version}.0`);
    const { valid, errors } = await validateManifest(path.join(site, "manifest.xml"));
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it("every URL the manifest names answers 200, and so does every function's help link", async () => {
    const xml = fs.readFileSync(path.join(site, "manifest.xml"), "utf8");
    const urls = new Set<string>([...manifestUrls(xml), `${base}manifest.xml`]);
    const meta = JSON.parse((await get(`${base}functions.json`)).body.toString()) as { functions: { id: string; helpUrl: string }[] };
    expect(meta.functions.length).toBeGreaterThan(30);
    const help = (await get(`${base}help.html`)).body.toString();
    for (const f of meta.functions) {
      expect(f.helpUrl).toBe(`${base}help.html#${f.id}`);
      expect(help).toMatch(new RegExp(`<section id="?${f.id}"?>`));
      urls.add(f.helpUrl.split("#")[0]!);
    }
    for (const url of urls) {
      const r = await get(url);
      if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
      expect(r.body.length).toBeGreaterThan(0);
    }
    expect((await get(`${base}assets/icon-32.png`)).type).toBe("image/png");
    // nothing is served at the host's root: an absolute path would have failed above
    expect((await get(new URL("/taskpane.html", base).href)).status).toBe(404);
  });

  it("loads the task pane from the sub-path: the simulator renders, every script answers 200", async () => {
    const v = await visit("taskpane.html");
    await v.page.waitForSelector("text=Trade simulator", { timeout: 60000 });
    await v.page.screenshot({ path: path.join(RESULTS, "subpath-taskpane.png") });
    expect(v.failed).toEqual([]);
    expect(v.outside).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it("loads the help page from the sub-path, at a function's section", async () => {
    const v = await visit("help.html#LIQPRICE");
    await v.page.waitForSelector("#LIQPRICE h2");
    expect(await v.page.textContent("#LIQPRICE h2")).toBe("LIQPRICE");
    await v.page.screenshot({ path: path.join(RESULTS, "subpath-help.png") });
    expect(v.failed).toEqual([]);
    expect(v.outside).toEqual([]);
    await v.page.close();
  });

  it("loads the playground from the sub-path: a formula typed in a cell computes, the reference link stays under it", async () => {
    const v = await visit("index.html");
    await v.page.waitForSelector("html[data-ready]", { timeout: 60000 });
    // 100,000 of position value at 1:50 needs 100000 / 50 = 2,000 of margin
    await typeInto(v.page, "P2", "=LEV.MARGIN(100000, 50)");
    expect((await cellText(v.page, "P2")).replace(/,/g, "")).toMatch(/^2000(\.0+)?$/);
    const href = await v.page.evaluate(() => (Array.from(document.querySelectorAll("a")).find((a) => /Function reference/.test(a.textContent ?? "")) as HTMLAnchorElement | undefined)?.href);
    expect(href).toBe(`${base}help.html`);
    await v.page.screenshot({ path: path.join(RESULTS, "subpath-playground.png") });
    expect(v.failed).toEqual([]);
    expect(v.outside).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});
