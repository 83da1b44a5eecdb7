#!/usr/bin/env node
/*
 * npm run docs:shots: makes the README's screenshots (docs/*.png) by driving the playground in Chromium as a
 * trader would: the sample with a formula being typed, the simulator's review of the guide's example, its
 * written sheet's chart, and a journal written from a Binance futures export. Run it by hand whenever a
 * picture's subject changes (it is not part of the tests), then look at every picture.
 * Needs a build (npm run docs:shots builds first) and Debian's Chromium (LEV_CHROMIUM to use another).
 * Usage: node tools/docs-shots.cjs [name ...] (playground, review, chart, journal; all by default).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { startServer } = require("./serve.cjs");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const DOCS = path.join(ROOT, "docs");
const CHROMIUM = process.env.LEV_CHROMIUM || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Two months of one account's Binance futures trade history (a week of overlap) and its funding, imported together. */
const JOURNAL_FILES = ["Binance-Futures-Trade-History-202605010905(UTC+0)-part1-of1.csv", "Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv", "binance-futures-transaction-history.csv"].map((f) =>
  path.join(ROOT, "test/fixtures/journal", f),
);

/** Opens a fresh playground (new profile, so the sample loads) and waits for its pane. */
async function open(chromium, url, viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lev-shots-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  await context.route("**/*", (route) => (/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(route.request().url()) ? route.continue() : route.abort()));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}index.html`);
  await page.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
  return {
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function goTo(page, ref) {
  await page.fill(".name-box", ref);
  await page.press(".name-box", "Enter");
  await page.waitForSelector(`.grid-canvas [data-cell="${ref}"].selected`);
}

/** The simulator at its review step for the guide's example, which loads with no retail cap, as the guide assumes. */
async function guideReview(page) {
  await page.click("#lev-tab-Market");
  await page.getByRole("button", { name: /Load the guide/ }).click();
  await page.click("#lev-tab-Review");
  await page.waitForSelector('[aria-label="Key figures"]');
}

const SHOTS = {
  /** The sample journal with a LEV formula being typed, its suggestions open, and the pane beside it. */
  async playground(chromium, url) {
    const { page, close } = await open(chromium, url, { width: 1400, height: 860 });
    try {
      await goTo(page, "C15"); // under the sample's trades, so the grid stays at its first column
      await page.keyboard.type("=LEV.LIQ");
      await page.waitForSelector(".autocomplete li, [role=listbox] [role=option]");
      await page.screenshot({ path: path.join(DOCS, "playground.png") });
    } finally {
      await close();
    }
  },

  /** The pane's review step for the guide's example (no retail cap; the review notes ESMA's 30:1 would refuse it). */
  async review(chromium, url) {
    const { page, close } = await open(chromium, url, { width: 1440, height: 1900 });
    try {
      await guideReview(page);
      await page.locator("#pane").evaluate((el) => el.scrollTo(0, 0));
      await page.locator("#pane").screenshot({ path: path.join(DOCS, "simulator-review.png") });
    } finally {
      await close();
    }
  },

  /** The chart of the written sheet for the guide's example, with its margin-call and stop-out marks. */
  async chart(chromium, url) {
    const { page, close } = await open(chromium, url, { width: 1440, height: 900 });
    try {
      await guideReview(page);
      await page.click("#lev-tab-Write");
      await page.getByRole("button", { name: "Write to the workbook" }).click();
      await page.waitForSelector(".chart canvas");
      await page.waitForFunction(() => document.documentElement.dataset.charts === "1");
      await page.locator(".chart").first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.locator(".chart").first().screenshot({ path: path.join(DOCS, "chart.png") });
    } finally {
      await close();
    }
  },

  /** A journal written from two months of Binance USDⓈ-M futures exports and their funding: fills, funding, trades. */
  async journal(chromium, url) {
    const { page, close } = await open(chromium, url, { width: 1900, height: 900 });
    try {
      await page.getByRole("button", { name: "Import fills…" }).click();
      await page.locator('input[aria-label="Export file of fills"]').setInputFiles(JOURNAL_FILES);
      await page.waitForSelector("text=/from 3 files/");
      await page.getByRole("button", { name: "Write journal sheet" }).click();
      await page.waitForSelector("text=/Wrote \\d+ fills/");
      await page.waitForSelector("html[data-charts='1']");
      await goTo(page, "A1");
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(DOCS, "journal.png") });
    } finally {
      await close();
    }
  },
};

async function main() {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(SHOTS);
  const unknown = names.filter((n) => !SHOTS[n]);
  if (unknown.length) throw new Error(`no screenshot named ${unknown.join(", ")} (there are: ${Object.keys(SHOTS).join(", ")})`);
  if (!fs.existsSync(path.join(DIST, "index.html"))) throw new Error("dist/index.html is missing: run npm run build first");
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set LEV_CHROMIUM)`);
  const { chromium } = require("playwright-core");
  const { server, url } = await startServer(DIST, 0);
  try {
    for (const name of names) {
      await SHOTS[name](chromium, url);
      console.log(`docs/${name === "review" ? "simulator-review" : name}.png`);
    }
  } finally {
    server.close();
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
