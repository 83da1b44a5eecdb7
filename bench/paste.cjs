// The playground in Chromium: pasting 10,000 rows of fills (tab-separated text, as copied from another program)
// under the journal table the import writes. The table grows by the rows, LEV.TRADES and the statistics follow,
// and the time is from the paste to the grid drawn again with the recalculated workbook. Prints JSON.
//
//   node bench/paste.cjs [rows=10000] [rounds=3]
const fs = require("fs");
const os = require("os");
const path = require("path");
const { startServer } = require("../tools/serve.cjs");

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = process.env.LEV_CHROMIUM || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const rows = Number(process.argv[2] ?? 10000);
const rounds = Number(process.argv[3] ?? 3);

/** Fills in the journal's columns (Time, Symbol, Side, Price, Quantity, Fee): three symbols, buys and sells in turn. */
function fillsTsv(n) {
  const lines = [];
  const start = Date.UTC(2024, 3, 1, 0, 0);
  const symbols = [["BTCUSDT", 64000], ["ETHUSDT", 3300], ["SOLUSDT", 150]];
  for (let i = 0; i < n; i++) {
    const [sym, base] = symbols[i % 3];
    const t = new Date(start + i * 60000).toISOString().replace("T", " ").slice(0, 19);
    const price = (base * (1 + ((i * 7919) % 200 - 100) / 10000)).toFixed(2);
    const side = Math.floor(i / 3) % 2 === 0 ? "buy" : "sell";
    const qty = sym === "BTCUSDT" ? "0.01" : sym === "ETHUSDT" ? "0.2" : "3";
    lines.push([t, sym, side, price, qty, (Number(price) * Number(qty) * 0.0004).toFixed(6)].join("\t"));
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function once(chromium, url, tsv) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lev-bench-paste-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 860 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}index.html`);
    await page.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
    await page.getByRole("button", { name: "Import fills…" }).click();
    await page.locator('input[aria-label="Export file of fills"]').setInputFiles(path.join(ROOT, "test/fixtures/journal/binance-futures.csv"));
    await page.getByRole("button", { name: "Write journal sheet" }).click();
    await page.waitForSelector('text=to the new sheet "LEV Journal"');
    const table = await page.evaluate(() => globalThis.levPlayground.workbookMeta["LEV Journal"].tables[0].range);
    const below = `A${Number(/\d+$/.exec(table)[0]) + 1}`;
    await page.fill(".name-box", below);
    await page.press(".name-box", "Enter");
    // the paste as the browser delivers Ctrl+V from another program: a paste event with the clipboard's text
    const ms = await page.evaluate(async (text) => {
      const done = Number(document.documentElement.dataset.pasted ?? 0) + 1;
      const data = new DataTransfer();
      data.setData("text/plain", text);
      const t0 = performance.now();
      document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      while (Number(document.documentElement.dataset.pasted ?? 0) < done) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }, tsv);
    const after = await page.evaluate(() => ({
      table: globalThis.levPlayground.workbookMeta["LEV Journal"].tables[0].range,
      status: document.querySelector(".status").textContent,
    }));
    return { ms, table: after.table, before: table };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

(async () => {
  const { chromium } = require("playwright-core");
  const { server, url } = await startServer(path.join(ROOT, "dist"), 0);
  const tsv = fillsTsv(rows);
  const times = [];
  let last;
  for (let i = 0; i < rounds; i++) {
    last = await once(chromium, url, tsv);
    times.push(last.ms);
  }
  server.close();
  times.sort((a, b) => a - b);
  const bottom = (r) => Number(/\d+$/.exec(r)[0]);
  process.stdout.write(
    JSON.stringify({
      rows,
      rounds,
      paste_ms: Math.round(times[Math.floor(times.length / 2)]),
      all_ms: times.map(Math.round),
      table_before: last.before,
      table_after: last.table,
      rows_added: bottom(last.table) - bottom(last.before),
    }),
  );
})().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
