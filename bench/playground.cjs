// The playground as `npm start` serves it (tools/serve.cjs over dist/), loaded in Chromium (playwright-core,
// the browser the tests use): the bytes of one load, every response until the pane is mounted, on the wire
// (compressed as the server sends them to a browser that accepts Brotli) and decoded; and the first-value
// time, from navigation to the sample journal's first LEV value on screen (trade 1's notional,
// =LEV.NOTIONAL(60000, 0.5) = 30,000.00, in I2), and to the mounted pane. Each load is in a fresh browser
// context (nothing cached); the times are the median of the loads.
//
//   node bench/playground.cjs [loads=5]     prints JSON
const path = require("path");
const { startServer } = require("../tools/serve.cjs");

const CHROMIUM = process.env.LEV_CHROMIUM || "/usr/bin/chromium";
const DIST = path.resolve(__dirname, "../dist");
/** The first LEV value the sample shows: trade 1 (BTCUSDT long 0.5 at 60,000), notional 60,000 × 0.5. */
const FIRST = { cell: "I2", text: "30,000.00" };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** In the page before its scripts: notes when the first value and the pane appear (performance.now(), from navigation). */
function watch({ cell, text }) {
  const marks = (window.levBench = {});
  const check = () => {
    if (marks.firstValue === undefined && document.querySelector(`[data-cell="${cell}"]`)?.textContent === text) marks.firstValue = performance.now();
    if (marks.pane === undefined && document.documentElement.dataset.ready === "pane") marks.pane = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 } });
  await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "localhost" ? route.continue() : route.abort()));
  await context.addInitScript(watch, FIRST);
  const page = await context.newPage();
  const responses = [];
  page.on("response", (r) => responses.push(r));
  await page.goto(`${url}index.html`);
  await page.waitForFunction(() => window.levBench && window.levBench.firstValue !== undefined && window.levBench.pane !== undefined, null, { timeout: 60000 });
  const marks = await page.evaluate(() => window.levBench);
  let wire = 0;
  let decoded = 0;
  for (const r of responses) {
    wire += (await r.request().sizes()).responseBodySize;
    decoded += (await r.body()).length;
  }
  const encodings = [...new Set(await Promise.all(responses.map(async (r) => (await r.allHeaders())["content-encoding"] || "none")))];
  await context.close();
  return { wire, decoded, requests: responses.length, encodings, firstValue: marks.firstValue, pane: marks.pane };
}

async function main() {
  const loads = Number(process.argv[2] || 5);
  const { chromium } = require("playwright-core");
  const { server, url } = await startServer(DIST, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const runs = [];
    for (let i = 0; i < loads; i++) runs.push(await load(browser, url));
    const first = runs[0];
    process.stdout.write(
      JSON.stringify({
        wire_bytes: first.wire,
        decoded_bytes: first.decoded,
        requests: first.requests,
        encodings: first.encodings.sort(),
        first_value_ms: Math.round(median(runs.map((r) => r.firstValue))),
        pane_ready_ms: Math.round(median(runs.map((r) => r.pane))),
        loads,
      }),
    );
  } finally {
    await browser.close();
    server.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
