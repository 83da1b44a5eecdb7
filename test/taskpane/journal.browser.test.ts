import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellText, describeInBrowser, goTo, typeInto, usePlayground, type Session } from "../playground/browser";
import { APRIL_MAY_TRADES } from "./model/journal-fixtures";

/*
 * The journal import end to end, in Chromium, in the playground, as a trader works: open the import, choose an
 * exchange's export (real files from openly licensed repositories; see test/fixtures/journal/README.md),
 * check the preview's counts and its check against the exchange's own realised PnL, write, save the workbook
 * and read the trades and statistics back from the saved file. A file that is not a trade history writes
 * nothing and says why. 100,000 fills are read in a worker and written with progress, watched by Chromium's
 * long-task observer. Screenshots of the preview (the time-zone line, a reconciliation difference, an
 * ambiguous-number question) and of the written journal are kept under test-results/.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/journal");
const RESULTS = path.resolve(__dirname, "../../test-results");

type Page = Session["page"];
type Cell = string | number | boolean | null | { value: string } | undefined;

/** Every value of a sheet, as HyperFormula holds it (errors as their code). */
async function sheetValues(page: Page, sheet: string): Promise<Cell[][]> {
  return page.evaluate((name) => {
    const hf = (globalThis as unknown as { levPlayground: { hf: { getSheetId(n: string): number; getSheetValues(id: number): unknown[][] } } }).levPlayground.hf;
    return JSON.parse(JSON.stringify(hf.getSheetValues(hf.getSheetId(name)))) as Cell[][];
  }, sheet);
}

/** Where a journal sheet's blocks are: the row and column of each block's title (row 5). */
function blocks(values: Cell[][]): { trades: number; stats: number } {
  const titles = values[4] ?? [];
  const find = (start: string) => titles.findIndex((c) => typeof c === "string" && c.startsWith(start));
  return { trades: find("Trades"), stats: find("Statistics") };
}

/** A statistic's value on a journal sheet, by its label. */
function stat(values: Cell[][], label: string): Cell {
  const { stats } = blocks(values);
  const row = values.findIndex((r) => r[stats] === label);
  return values[row]?.[stats + 1];
}

/** The trades LEV.TRADES spilled on a journal sheet: symbol, side, status and net PnL of each. */
function trades(values: Cell[][]): [string, string, string, number][] {
  const { trades: t } = blocks(values);
  const out: [string, string, string, number][] = [];
  for (let r = 6; r < values.length && typeof values[r]?.[t] === "string" && values[r]![t] !== ""; r++) {
    const row = values[r]!;
    out.push([row[t] as string, row[t + 1] as string, row[t + 12] as string, row[t + 10] as number]);
  }
  return out;
}

/** Saves the workbook as a trader does (Save .xlsx) and reads a sheet's cells back from the file with ExcelJS. */
async function saved(page: Page, sheet: string): Promise<Cell[][]> {
  // a workbook holding a journal of 100,000 fills (an earlier test's) takes a while to save on a busy machine
  const download = page.waitForEvent("download", { timeout: 240000 });
  await page.click("#save-xlsx");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-import-")), "journal.xlsx");
  await (await download).saveAs(file);
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const out: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      const v = c.value as unknown;
      cells[col - 1] = (v && typeof v === "object" && "result" in v ? (v as { result: Cell }).result : v) as Cell;
    });
    out[r - 1] = cells;
  });
  return out.map((r) => r ?? []);
}

/** The sums of a Binance futures export's own columns, for the fills on lines not in `without`: Realized Profit and Fee. */
function binanceSums(file: string, without: number[]): { realised: number; fees: number } {
  const lines = fs.readFileSync(path.join(FIXTURES, file), "utf8").split(/\r?\n/);
  const header = lines[0]!.replace(/^\uFEFF/, "").split(",");
  const rp = header.indexOf("Realized Profit");
  const fee = header.indexOf("Fee");
  let realised = 0;
  let fees = 0;
  lines.slice(1).forEach((l, i) => {
    if (l === "" || without.includes(i + 2)) return;
    const c = l.split(",");
    realised += Number(c[rp]);
    fees += Number(c[fee]!.replace(/[A-Z ]+$/, ""));
  });
  return { realised, fees };
}

describeInBrowser("the journal import in the playground's pane", () => {
  let s: Session;
  const pane = () => s.page.locator('section[aria-label="Import fills"]');
  const sheets = () => s.page.evaluate(() => (globalThis as unknown as { levPlayground: { hf: { getSheetNames(): string[] } } }).levPlayground.hf.getSheetNames());
  const counts = () => s.page.locator('ul[aria-label="Import counts"] li').allTextContents();

  /** Chooses a file in the import, as a trader does, and waits for its preview (or its refusal). */
  async function choose(file: string): Promise<void> {
    const page = s.page;
    if ((await pane().count()) === 0) await page.getByRole("button", { name: "Import fills…" }).click();
    await page.locator('input[aria-label="Export file of fills"]').setInputFiles(path.isAbsolute(file) ? file : path.join(FIXTURES, file));
    await page.locator('ul[aria-label="Import counts"]').or(page.getByText("Nothing was written")).first().waitFor({ timeout: 120000 });
    await page.waitForFunction(() => !document.querySelector('section[aria-label="Import fills"] [role="progressbar"]'));
  }

  /** Writes the journal and returns the new sheet's name. */
  async function write(): Promise<string> {
    const page = s.page;
    await page.getByRole("button", { name: "Write journal sheet" }).click();
    const done = page.locator("text=/Wrote [\\d,]+ fills?, their trades, statistics and equity curve to the new sheet/");
    await done.waitFor({ timeout: 240000 });
    return /new sheet "([^"]+)"/.exec((await done.textContent()) ?? "")![1]!;
  }

  usePlayground((opened) => (s = opened));

  it("shows the sample's Trades sheet with every figure formatted, nothing cut, and errors explained beside them", async () => {
    const page = s.page;
    await page.locator('.tabs [data-sheet="Trades"]').click();
    // fills and trades: date-times whole in their columns (the first fill 2024-03-04 09:00, the last trade's opening
    // 2024-03-09 09:30), prices and money with their formats
    expect(await cellText(page, "A4")).toBe("2024-03-04 09:00");
    expect(await cellText(page, "B1")).toBe("10,000.00"); // the start balance
    expect(await cellText(page, "D4")).toBe("62,000.00"); // the first fill's price
    expect(await cellText(page, "J11")).toBe("2024-03-09 09:30");
    expect(await cellText(page, "K10")).toBe("2024-03-09 14:00");
    // statistics labelled; Average R is #N/A (no risk given) with its reason beside it
    expect([await cellText(page, "V21"), await cellText(page, "W21"), await cellText(page, "X21")]).toEqual(["Average R", "#N/A", "No risk per trade given: R = PnL ÷ risk."]);
    expect(await cellText(page, "V7")).toBe("Net profit");
    expect(await cellText(page, "W7")).toBe("45.60"); // 45.5962 at "#,##0.00"
    const cut = () =>
      page.$$eval(".grid-canvas .cell.number", (cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${(c as HTMLElement).dataset.cell}: ${c.textContent}`));
    expect(await cut()).toEqual([]);
    await goTo(page, "A1");
    await page.screenshot({ path: path.join(RESULTS, "trades-sample.png") });
    await goTo(page, "AN22"); // the statistics, the curve and its chart
    expect(await cut()).toEqual([]);
    // the equity curve's chart is drawn: Balance and its Peak over the seven closed trades (10,000 to 10,045.5962)
    await page.waitForSelector("html[data-charts='1']");
    const data = await page.evaluate(() => {
      const pg = (globalThis as unknown as { levPlayground: { chartData(sheet: string, i: number): { series: { name: string; points: { x: number; y: number }[] }[] } } }).levPlayground;
      return pg.chartData("Trades", 0);
    });
    expect(data.series[0]!.points.map((p) => p.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(data.series[0]!.points[7]!.y).toBeCloseTo(10045.5962, 4);
    await page.locator(".chart").first().screenshot({ path: path.join(RESULTS, "trades-sample-chart.png") });
    await page.screenshot({ path: path.join(RESULTS, "trades-sample-stats.png") });
  }, 60000);

  it("reads a real Binance futures export, checks it against Binance's Realized Profit, writes it, and the saved file holds its trades and statistics", async () => {
    const page = s.page;
    await choose("Export Trade History-2.csv");
    expect(await pane().textContent()).toContain("Recognised: Binance USDS-M futures trade history (Date(UTC) layout).");
    expect(await page.locator('[aria-label="Time zone"]').textContent()).toContain('Times in the file: UTC, as the header "Date(UTC)" says.');
    expect(await counts()).toEqual([
      "120 fills read",
      "8 symbols: BARDUSDT, DASHUSDT, FRAXUSDT, GUNUSDT, ICPUSDT, IPUSDT, …",
      "from 2026-01-14 17:19:30 to 2026-01-15 15:02:52 (UTC)",
      "23 trades (23 closed, 0 open)",
      "0 rows rejected",
      "the file lists its rows newest first: they are written oldest first",
    ]);
    const rec = page.locator('[aria-label="Reconciliation"]');
    expect(await rec.textContent()).toContain("23 of 23 trades agree within half a unit of its last digit per fill (0.000000005).");
    // RIVERUSDT's only fill closes a long opened before the file: named, and left out unless the trader chooses
    const orphans = page.locator('[aria-label="Opened before the file"]');
    expect(await orphans.textContent()).toContain("RIVERUSDT: long 0.1, closed by line 121 (Binance's Realized Profit: -0.02864736); average entry 29.1734736");
    expect(await page.locator('table[aria-label="Fills preview"] tbody tr').first().locator("td").allTextContents()).toEqual(["2026-01-14 17:23:51", "IPUSDT", "sell", "3.394", "70.8", "0.1201476"]);

    const before = await sheets();
    const sheet = await write();
    expect(await sheets()).toEqual([...before, sheet]);
    // Net profit by the export's own columns: Binance's Realized Profit less the fees, every fill but line 121's
    const { realised, fees } = binanceSums("Export Trade History-2.csv", [121]);
    const live = await sheetValues(page, sheet);
    expect(trades(live)).toHaveLength(23);
    expect(stat(live, "Trades")).toBe(23);
    // Binance writes each fill's Realized Profit to 8 decimals: LEV's exact figure is within half a unit per fill (119 fills: 6e-7)
    expect(Math.abs((stat(live, "Net profit") as number) - (realised - fees))).toBeLessThanOrEqual(119 * 0.5e-8);
    // the saved workbook holds the same
    const file = await saved(page, sheet);
    expect(stat(file, "Trades")).toBe(23);
    expect(stat(file, "Net profit")).toBe(stat(live, "Net profit"));
    expect(trades(file).map((t) => t[0])).toEqual(trades(live).map((t) => t[0]));
    await page.screenshot({ path: path.join(RESULTS, "journal-written.png") });
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 300000);

  it("reads Binance's current export in its file name's zone (UTC+6), shows that line, writes an inferred opening marked as such", async () => {
    const page = s.page;
    await choose("Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv");
    const zone = page.locator('[aria-label="Time zone"]');
    expect(await zone.textContent()).toContain('Times in the file: UTC+6, as the file name "Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv" says.');
    expect(await page.inputValue('select[aria-label="Zone to write the times in"]')).toBe("UTC");
    // 2026-06-17 00:02:02 at UTC+6 is 18:02:02 the day before, in UTC
    expect((await counts())[2]).toBe("from 2026-06-16 18:02:02 to 2026-06-18 14:07:24 (UTC)");
    await zone.screenshot({ path: path.join(RESULTS, "journal-preview-zone.png") });
    // the whole preview, in a window tall enough for the pane to show all of it
    await page.setViewportSize({ width: 1440, height: 2600 });
    await pane().screenshot({ path: path.join(RESULTS, "journal-preview.png") });
    await page.setViewportSize({ width: 1440, height: 860 });
    // written in the file's own zone, the times are as written
    await page.selectOption('select[aria-label="Zone to write the times in"]', "UTC+6");
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("from 2026-06-17 00:02:02"));
    await page.selectOption('select[aria-label="Zone to write the times in"]', "UTC");
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("from 2026-06-16 18:02:02"));
    // the XRPUSDT close: written with an inferred opening at 2.1004 (2.1035 − 0.124/40)
    await page.getByRole("radio", { name: /inferred opening fill/ }).check();
    await page.waitForFunction(() => document.querySelector('[aria-label="Reconciliation"]')?.textContent?.includes("4 of 4 trades agree"));
    const sheet = await write();
    const values = await sheetValues(page, sheet);
    const header = values[5]!;
    expect(header.slice(0, 7)).toEqual(["Time", "Symbol", "Side", "Price", "Quantity", "Fee", "Note"]);
    expect(values[6]!.slice(1, 5)).toEqual(["XRPUSDT", "buy", 2.1004, 40]);
    expect(values[6]![6]).toMatch(/^inferred opening: held when the file starts/);
    // XRPUSDT (2.1035 − 2.1004)·40 = 0.124 less its one known fee 0.04207: net 0.08193
    expect(trades(values)[0]![0]).toBe("XRPUSDT");
    expect(trades(values)[0]![3]).toBeCloseTo(0.08193, 10);
    const file = await saved(page, sheet);
    expect(stat(file, "Trades")).toBe(4);
  }, 300000);

  it("shows where Bybit's closed P&L differs from LEV's figure, and why", async () => {
    const page = s.page;
    await choose("BybitClosedPNLUSDTPerpetual20220223-20220516.csv");
    const rec = page.locator('[aria-label="Reconciliation"]');
    expect(await rec.textContent()).toContain("0 of 2 trades agree within half a unit of its last digit per fill (0.000000005); 2 differ.");
    const rows = await page.locator('ul[aria-label="Reconciliation differences"] li').allTextContents();
    // BTCUSDT short: (43500 − 42800)·0.1 = 70 before fees; Bybit's 68.18717189 after fees 1.4805 and funding 0.33232811
    expect(rows[0]).toBe(
      "BTCUSDT short opened 2022-03-02 09:30:00 (line 4): LEV's Net PnL 70, Bybit's Closed P&L 68.18717189, 1.81282811 apart. The closed P&L is after the opening and closing fees and the funding, which this export does not list apart.",
    );
    expect(await page.locator('table[aria-label="Rejected rows"] tbody tr').allTextContents()).toEqual(["2BTCUSD is an inverse contract (quantity in USD, PnL in the coin), which LEV.TRADES does not read yet"]);
    await rec.screenshot({ path: path.join(RESULTS, "journal-preview-reconciliation.png") });
    await page.setViewportSize({ width: 1440, height: 2600 });
    await pane().screenshot({ path: path.join(RESULTS, "journal-preview-bybit.png") });
    await page.setViewportSize({ width: 1440, height: 860 });
    const sheet = await write();
    const file = await saved(page, sheet);
    expect(trades(file).map((t) => [t[0], t[3]])).toEqual([
      ["BTCUSDT", 70],
      ["LOOKSUSDT", -255],
    ]);
  }, 300000);

  it.each(["MetaTrader5.xlsx", "MetaTrader5-utf16.xlsx", "ReportHistory-10000001.html", "ReportHistory-10000001.csv"])(
    "reads MetaTrader 5's report (%s): the Deals inside it, hedging sides, contract sizes, Profit compared like with like",
    async (file) => {
      const page = s.page;
      await choose(file);
      expect(await pane().textContent()).toContain("Recognised: MetaTrader 5 trade history report (Deals).");
      expect(await page.locator('[aria-label="Time zone"]').textContent()).toContain("The file does not say its time zone (MetaTrader writes the trade server's time and does not say its zone).");
      expect(await page.inputValue('select[aria-label="Zone of the file\'s times"]')).toBe("written");
      expect(await counts()).toEqual([
        "6 fills read",
        "2 symbols: EURAUD, GOLD_",
        "from 2022-10-28 12:48:49 to 2022-10-28 13:26:11 (as written)",
        "2 trades (2 closed, 0 open), hedge mode (LONG and SHORT kept apart)",
        "0 rows rejected",
        `1 row not read as fills: a deposit or withdrawal (${file.endsWith(".csv") ? "line" : "row"} 21)`,
      ]);
      expect(await page.inputValue('input[aria-label="Contract size of GOLD_"]')).toBe("100");
      expect(await page.inputValue('input[aria-label="Contract size of EURAUD"]')).toBe("100000");
      const rec = await page.locator('[aria-label="Reconciliation"]').textContent();
      expect(rec).toContain("1 of 2 trades agree within half a unit of its last digit per fill (0.005); 1 in another currency (the rate each implies is shown).");
      expect(rec).toContain("54.35 ÷ 84.67 implies 0.64190 USD per AUD");
      if (file !== "MetaTrader5.xlsx") return;
      await page.locator('[aria-label="Reconciliation"]').screenshot({ path: path.join(RESULTS, "journal-preview-mt5.png") });
      const sheet = await write();
      const live = await sheetValues(page, sheet);
      expect(live[5]!.slice(0, 8)).toEqual(["Time", "Symbol", "Side", "Price", "Quantity", "Fee", "Contract size", "Position side"]);
      // two EURAUD shorts make one trade until the short side is flat: 84.67 (AUD); GOLD_ short −23.5 (USD)
      const t = trades(live);
      expect(t.map((x) => [x[0], x[1], x[2]])).toEqual([
        ["EURAUD", "short", "closed"],
        ["GOLD_", "short", "closed"],
      ]);
      expect(t[0]![3]).toBeCloseTo(84.67, 9);
      expect(t[1]![3]).toBeCloseTo(-23.5, 9);
      const saved1 = await saved(page, sheet);
      expect(stat(saved1, "Trades")).toBe(2);
      expect(trades(saved1)[1]![3]).toBeCloseTo(-23.5, 9);
    },
    300000,
  );

  it.each([
    // file, counts, written trades (symbol, status)
    ["binance_v001.csv", ["2 fills read", "1 symbol: LTCBTC", "from 2020-02-04 16:18:30 to 2020-02-04 16:19:07 (UTC)", "1 trade (0 closed, 1 open)", "0 rows rejected", "the file lists its rows newest first: they are written oldest first"], [["LTCBTC", "open"]]],
    [
      "bybiteu_uta_v001.csv",
      ["5 fills read", "1 symbol: BTCEUR", "from 2026-06-05 08:19:22 to 2026-06-05 08:22:50 (UTC)", "1 trade (0 closed, 1 open)", "0 rows rejected", "1 row not read as fills: a transfer (line 13)", "the file lists its rows newest first: they are written oldest first"],
      [["BTCEUR", "open"]],
    ],
    ["okex_v001_M.csv", ["2 fills read", "1 symbol: LTC_USDT", "from 2020-09-25 17:00:01 to 2020-09-25 17:27:02 (as written)", "1 trade (0 closed, 1 open)", "0 rows rejected", "the file lists its rows newest first: they are written oldest first"], [["ltc_usdt", "open"]]],
    [
      "AssetChangeDetails_uta_100000000_20250101_20251231_0.csv",
      [
        "8 fills read",
        "3 symbols: AAVEUSDT, LINKUSDT, LTCUSDT",
        "from 2025-02-05 08:00:00 to 2025-03-01 10:00:00 (UTC)",
        "2 trades (1 closed, 1 open)",
        // its SETTLEMENT row (line 6) is a funding payment, for the funding table
        "1 funding payment read: LTCUSDT",
        "0 rows rejected",
        "1 row not read as fills: a transfer (line 5)",
        "the file lists its rows newest first: they are written oldest first",
      ],
      [
        ["LTCUSDT", "closed"],
        ["AAVEUSDT", "open"],
      ],
    ],
    [
      "OKX-Trading-History-2025-10-20.csv",
      ["7 fills read", "2 symbols: ADA-EUR, BTC-EUR", "from 2025-10-20 08:43:59 to 2025-10-20 08:44:26 (UTC)", "1 trade (0 closed, 1 open)", "0 rows rejected", "the file lists its rows newest first: they are written oldest first"],
      [["BTC-EUR", "open"]],
    ],
  ] as const)("reads %s, writes it and the saved file holds its trades", async (file, expected, written) => {
    const page = s.page;
    await choose(file);
    expect(await counts()).toEqual([...expected]);
    const sheet = await write();
    const saved1 = await saved(page, sheet);
    expect(trades(saved1).map((t) => [t[0], t[2]])).toEqual(written.map((w) => [...w]));
  }, 300000);

  it("refuses BitMEX's inverse contracts with a message, and a file that is not a trade history; writes nothing", async () => {
    const page = s.page;
    const before = await sheets();
    await choose("bitmex_v001_M.csv");
    expect(await pane().textContent()).toContain("BitMEX contracts such as XBTUSD are inverse contracts");
    expect(await page.getByRole("button", { name: "Write journal sheet" }).count()).toBe(0);
    await choose("trades.xlsx");
    expect(await pane().textContent()).toContain("This .xlsx file cannot be opened: it is damaged or not a workbook.");
    await choose("only-bad-rows.csv");
    await page.waitForSelector("text=Nothing to write");
    expect(await page.locator('table[aria-label="Rejected rows"] tbody tr').allTextContents()).toEqual([
      '2the date "yesterday" cannot be read',
      '3the side "HOLD" is neither buy nor sell',
      '4the price "n/a" is not a number',
    ]);
    expect(await page.getByRole("button", { name: "Write journal sheet" }).isDisabled()).toBe(true);
    expect(await sheets()).toEqual(before);
  }, 120000);

  it("asks about numbers that read two ways before reading any, and remembers a corrected mapping for its header", async () => {
    const page = s.page;
    if ((await pane().count()) === 0) await page.getByRole("button", { name: "Import fills…" }).click();
    // a broker's CSV of no known layout, semicolons, every price with a comma that could be thousands or decimals
    const text = "Date;Ticker;Action;Price;Units;Cost\n2024-03-04 09:00;ABC;buy;1,250;2;0\n2024-03-05 09:00;ABC;sell;1,500;2;0\n";
    await page.fill('textarea[aria-label="Pasted CSV"]', text);
    await page.getByRole("button", { name: "Read pasted text" }).click();
    // Units is no quantity word LEV knows: the trader maps it (remembered for this header: the names only, never the data)
    await page.waitForSelector("text=Choose a column for quantity.");
    await page.selectOption('select[aria-label="Column for Quantity"]', { label: "Units" });
    await page.waitForFunction(() => localStorage.getItem("lev.journal.mappings")?.includes("Units"));
    const stored = await page.evaluate(() => localStorage.getItem("lev.journal.mappings")!);
    expect(JSON.parse(stored)).toEqual({ "date\u001fticker\u001faction\u001fprice\u001funits\u001fcost": { time: "Date", symbol: "Ticker", side: "Action", price: "Price", quantity: "Units" } });
    // then, before any number is read, the question
    const question = page.locator('[aria-label="Decimal mark question"]');
    await question.waitFor();
    expect(await question.textContent()).toContain('No number in the file shows its decimal mark: "1,250" (line 2, Price), "1,500" (line 3, Price) could be thousands or decimals. Which is it?');
    expect(await counts()).toContain("0 fills read");
    await question.screenshot({ path: path.join(RESULTS, "journal-preview-ambiguous.png") });
    await pane().screenshot({ path: path.join(RESULTS, "journal-preview-ambiguous-pane.png") });
    await page.getByRole("radio", { name: /Decimal comma/ }).check();
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("2 fills read"));
    expect(await page.locator('table[aria-label="Fills preview"] tbody tr').first().locator("td").allTextContents()).toEqual(["2024-03-04 09:00:00", "ABC", "buy", "1.25", "2", "0"]);
    // the same header read again: mapped as the trader corrected it
    await page.getByRole("button", { name: "Read pasted text" }).click();
    await page.waitForSelector("text=the columns are mapped as you corrected them for this header before");
  }, 120000);

  it("adds next month's export to the journal (a week of overlap: no fill twice), then the funding file: three trades' funding as summed by hand", async () => {
    const page = s.page;
    const APRIL = "Binance-Futures-Trade-History-202605010905(UTC+0)-part1-of1.csv";
    const MAY = "Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv";
    await choose(APRIL);
    expect((await counts()).slice(0, 4)).toEqual(["10 fills read", "3 symbols: BTCUSDT, ETHUSDT, SOLUSDT", "from 2026-04-02 09:15:07 to 2026-04-27 08:00:00 (UTC)", "5 trades (4 closed, 1 open)"]);
    const sheet = await write();
    // the trader's own note beside the fills table, in the column between it and the funding table
    await typeInto(page, "H8", "scaled in too early");

    // May's export starts on 24 April: its first five fills are April's last five
    await choose(MAY);
    await page.getByRole("radio", { name: `Add to "${sheet}": its tables grow, nothing else on it changes` }).check();
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("already in the journal"));
    expect(await counts()).toEqual([
      "9 fills read",
      "4 new, 5 already in the journal",
      "3 symbols: BTCUSDT, ETHUSDT, SOLUSDT",
      "from 2026-04-24 20:00:14 to 2026-05-28 10:00:00 (UTC)",
      "7 trades (6 closed, 1 open) in the journal with them",
      "0 rows rejected",
      "the file lists its rows newest first: they are written oldest first",
    ]);
    // the journal's times are UTC (its "Times in" cell): the new ones are written in UTC too, whatever the trader picked
    expect(await page.isDisabled('select[aria-label="Zone to write the times in"]')).toBe(true);
    // the first fill to write is May's first new one (the 24–27 April fills are left out)
    expect(await page.locator('table[aria-label="Fills preview"] tbody tr').first().locator("td").allTextContents()).toEqual(["2026-05-02 08:00:00", "SOLUSDT", "sell", "151.2", "5", "0.378"]);
    await page.setViewportSize({ width: 1440, height: 2200 });
    await pane().screenshot({ path: path.join(RESULTS, "journal-append-preview.png") });
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.getByRole("button", { name: `Add to "${sheet}"` }).click();
    await page.locator(`text=Added 4 fills to "${sheet}"; 5 were already in it.`).waitFor({ timeout: 60000 });
    // after the write the pane compares again: nothing of May's file is new now
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("0 new, 9 already in the journal"));
    let values = await sheetValues(page, sheet);
    // 14 fills in the table, each Trade ID once
    const ids = values.slice(6, 20).map((r) => r[6]);
    expect(ids.every((x) => typeof x === "string" && /^7[123]000000\d\d$/.test(x))).toBe(true);
    expect(new Set(ids).size).toBe(14);
    expect(values[20]?.[0] ?? null).toBeNull();
    expect(values[7]![7]).toBe("scaled in too early");
    expect(trades(values).map((t) => [t[0], t[1], t[2]])).toEqual(APRIL_MAY_TRADES);

    // then the funding: Binance's transaction history of both months
    await choose("binance-futures-transaction-history.csv");
    expect(await pane().textContent()).toContain("Recognised: Binance USDS-M futures transaction history.");
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("54 new"));
    expect(await counts()).toEqual([
      "7 trades (6 closed, 1 open) in the journal with them",
      "54 funding payments read: BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT",
      "funding: 54 new, 0 already in the journal",
      "from 2026-04-01 00:00:00 to 2026-05-31 16:00:00 (UTC)",
      "0 rows rejected",
      // the file's COMMISSION rows (lines 12, 14, 22, 24, 41, …), REALIZED_PNL rows (13, 23, 40, 45, 58, …) and its TRANSFER (76)
      "14 rows not read as funding: a trading fee (the trade history has it, fill by fill) (line 12, 14, 22, 24, 41, …)",
      "7 rows not read as funding: realised PnL (the trade history has it, fill by fill) (line 13, 23, 40, 45, 58, …)",
      "1 row not read as funding: a transfer (line 76)",
      "the file lists its rows newest first: they are written oldest first",
    ]);
    await page.getByRole("button", { name: `Add to "${sheet}"` }).click();
    await page.locator(`text=Added 54 funding payments to "${sheet}".`).waitFor({ timeout: 60000 });
    values = await sheetValues(page, sheet);
    const header = values[5]!;
    const col = (name: string) => header.indexOf(name);
    expect([col("Funding"), col("Net after funding")]).toEqual([25, 26]); // Z and AA, beside the trades (M:Y)
    const row = (n: number) => values[6 + n]!;
    // BTCUSDT long, opened 2026-04-02 09:15:07, closed 04-03 17:40:21: the payments of 04-02 16:00, 04-03 00:00, 08:00, 16:00:01:
    // −0.066123 − 0.066405 + 0.013288 − 0.033621 = −0.152861
    expect(row(0)[25]).toBeCloseTo(-0.152861, 12);
    // its Net PnL (67210.5 − 66000)·0.01 − 0.33 − 0.3360525 = 11.4389475; after funding 11.4389475 − 0.152861 = 11.2860865
    expect(row(0)[26]).toBeCloseTo(11.2860865, 12);
    // SOLUSDT long, opened 04-27 08:00:00 (that second's payment is the short's it closed: opened < time) and closed 05-02 08:00:00
    // (that second's payment is its own: time ≤ closed): ten payments of −0.07, three of −0.071, two of +0.014:
    // −0.70 − 0.213 + 0.028 = −0.885; net 56 − 0.35 − 0.378 = 55.272, after funding 54.387
    expect(row(4)[25]).toBeCloseTo(-0.885, 12);
    expect(row(4)[26]).toBeCloseTo(54.387, 12);
    // BTCUSDT long still open since 05-28 10:00:00: every BTCUSDT payment after it to the table's last (05-31 16:00):
    // −0.105 − 0.1053 − 0.1047 − 0.0525 + 0.021 − 0.105 − 0.105 − 0.1062 − 0.105 − 0.1041 = −0.8718
    expect(row(6)[25]).toBeCloseTo(-0.8718, 12);
    // the statistics on both: Net profit on the Net PnL and on the net after funding, over the six closed trades
    const netProfit = values.findIndex((r) => r[28] === "Net profit");
    const closedFunding = -0.152861 + 0.43635 + 0.44465 + 0.5151 - 0.885 - 0.6194;
    expect((values[netProfit]![30] as number) - (values[netProfit]![29] as number)).toBeCloseTo(closedFunding, 9);
    expect(values[7]![7]).toBe("scaled in too early");
    // the journal with its funding column: the trades and, beside them, Funding and Net after funding (the pane
    // hidden, in a window wide enough for all of them)
    await page.setViewportSize({ width: 1900, height: 760 });
    await page.getByRole("button", { name: "Hide task pane" }).click();
    await goTo(page, "AB5");
    await goTo(page, "M5");
    await page.screenshot({ path: path.join(RESULTS, "journal-funding.png") });
    // the fills and funding tables, and the statistics on both nets beside the curve
    await goTo(page, "A5");
    await page.screenshot({ path: path.join(RESULTS, "journal-funding-tables.png") });
    await goTo(page, "AW5");
    await page.screenshot({ path: path.join(RESULTS, "journal-funding-curve.png") });
    await goTo(page, "AB5");
    await page.screenshot({ path: path.join(RESULTS, "journal-funding-stats.png") });
    await page.getByRole("button", { name: "Show task pane" }).click();
    await page.setViewportSize({ width: 1440, height: 860 });
    // the saved file holds the same funding
    const file = await saved(page, sheet);
    expect(file[6]![25]).toBeCloseTo(-0.152861, 12);
  }, 300000);

  it("reads two overlapping months in one import: their common week once", async () => {
    const page = s.page;
    if ((await pane().count()) === 0) await page.getByRole("button", { name: "Import fills…" }).click();
    await page.locator('input[aria-label="Export file of fills"]').setInputFiles([
      path.join(FIXTURES, "Binance-Futures-Trade-History-202605010905(UTC+0)-part1-of1.csv"),
      path.join(FIXTURES, "Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv"),
    ]);
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("from 2 files"));
    // a new sheet (an earlier test may have left an existing journal chosen)
    await page.getByRole("radio", { name: "A new sheet (LEV Journal)" }).check();
    await page.waitForFunction(() => !document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("in the journal"));
    expect(await counts()).toEqual(["19 fills read from 2 files", "14 new, 5 already in an earlier file", "from 2026-04-02 09:15:07 to 2026-05-28 10:00:00 (UTC)", "7 trades (6 closed, 1 open)", "0 rows rejected"]);
    // each file keeps its own zone and counts
    expect(await page.locator('[aria-label="Counts of Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv"] li').allTextContents()).toContain("4 new, 5 already in an earlier file");
    expect(await page.locator('[aria-label="Time zone of Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv"]').textContent()).toContain("Times in the file: UTC");

    // a third file in another zone, with a bad row (the UTC+6 export and one line typed after its last: line 11,
    // a price that is not a number): its own zone and its own rejected row, the others' untouched; then removed
    const SIX = "Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv";
    const bad = Buffer.concat([fs.readFileSync(path.join(FIXTURES, SIX)), Buffer.from("100000001,2026-06-18 21:00:00,ETHUSDT,SELL,abc,0.04,69.3,0.03USDT,0,false,false,700000010,800000009\r\n")]);
    await page.locator('input[aria-label="Another export file"]').setInputFiles({ name: SIX, mimeType: "text/csv", buffer: bad });
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("from 3 files"));
    expect(await page.locator(`[aria-label="Time zone of ${SIX}"]`).textContent()).toContain("Times in the file: UTC+6");
    expect(await page.locator(`[aria-label="Counts of ${SIX}"] li`).allTextContents()).toContain("1 row rejected");
    expect(await page.locator(`table[aria-label="Rejected rows of ${SIX}"] tbody tr`).allTextContents()).toEqual([expect.stringMatching(/^11.*the price "abc" is not a number/)]);
    expect(await page.locator('[aria-label="Counts of Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv"] li').allTextContents()).toContain("0 rows rejected");
    expect(await page.locator('table[aria-label^="Rejected rows of Binance-Futures-Trade-History-2026060"]').count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 2600 });
    await pane().screenshot({ path: path.join(RESULTS, "journal-three-files.png") });
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.getByRole("button", { name: `Remove ${SIX} from the import` }).click();
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Import counts"]')?.textContent?.includes("from 2 files"));
    expect(await counts()).toEqual(["19 fills read from 2 files", "14 new, 5 already in an earlier file", "from 2026-04-02 09:15:07 to 2026-05-28 10:00:00 (UTC)", "7 trades (6 closed, 1 open)", "0 rows rejected"]);
    const sheet = await write();
    expect(trades(await sheetValues(page, sheet))).toHaveLength(7);
  }, 300000);

  it("keeps the written journal live: a fill typed under the table is read by the trades", async () => {
    const page = s.page;
    await choose("Binance-Futures-Trade-History-202603171200(UTC--6)-part1-of1.csv");
    const sheet = await write(); // the new sheet is the active one
    // the table holds 2 fills (rows 7 and 8): a buy typed on row 9 opens a new BTCUSDC trade
    await typeInto(page, "A9", "2026-03-18 10:00");
    await typeInto(page, "B9", "BTCUSDC");
    await typeInto(page, "C9", "buy");
    await typeInto(page, "D9", "85000");
    await typeInto(page, "E9", "0.001");
    await goTo(page, "A1");
    const values = await sheetValues(page, sheet);
    expect(trades(values).map((t) => [t[0], t[2]])).toEqual([
      ["BTCUSDC", "closed"],
      ["BTCUSDC", "open"],
    ]);
    expect(await cellText(page, "A9")).toBe("2026-03-18 10:00:00");
  }, 120000);

  // last: the workbook it leaves (100,000 fills and their formulas) would slow every test after it
  it("reads 100,000 fills in a worker and writes their cells with progress, no main-thread task over 200 ms until the spreadsheet computes the formulas", async () => {
    const page = s.page;
    // 25,000 trades of four fills each (two buys, two sells) in five symbols, as Binance's Date(UTC) export writes them
    const lines = ["Date(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Fee Coin,Realized Profit,Quote Asset"];
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 100000; i++) {
      const trade = Math.floor(i / 4);
      const k = i % 4;
      const sym = `S${trade % 5}USDT`;
      const price = 100 + (trade % 7) + (k >= 2 ? 1 : 0);
      const t = new Date(start + i * 60000).toISOString().replace("T", " ").slice(0, 19);
      const rp = k >= 2 ? "1.00000000" : "0";
      lines.push(`${t},${sym},${k < 2 ? "BUY" : "SELL"},${price},1,${price},0.04,USDT,${rp},USDT`);
    }
    await page.evaluate(() => {
      const w = globalThis as unknown as { __long: { start: number; duration: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: false });
    });
    // a file on disk, chosen as a trader chooses it (a file handed over as bytes would be decoded in the page by the test tool)
    const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-100k-")), "Export Trade History-100000.csv");
    fs.writeFileSync(big, lines.join("\n"));
    const t0 = Date.now();
    await choose(big);
    const previewMs = Date.now() - t0;
    expect((await counts()).slice(0, 2)).toEqual(["100,000 fills read", "5 symbols: S0USDT, S1USDT, S2USDT, S3USDT, S4USDT"]);
    expect(await page.locator('[aria-label="Reconciliation"]').textContent()).toContain("25,000 of 25,000 trades agree");
    const progress: number[] = [];
    const watch = setInterval(() => {
      void page.evaluate(() => Number(document.querySelector('[aria-label="Writing progress"]')?.getAttribute("aria-valuenow") ?? -1)).then((v) => progress.push(v), () => undefined);
    }, 100);
    const t1 = Date.now();
    const sheet = await write();
    clearInterval(watch);
    const writeMs = Date.now() - t1;
    const { long, recalc, marks } = await page.evaluate(() => {
      const w = globalThis as unknown as { __long: { start: number; duration: number }[] };
      const a = performance.getEntriesByName("lev-recalculation-start").at(-1)?.startTime ?? 0;
      const b = performance.getEntriesByName("lev-recalculation-end").at(-1)?.startTime ?? 0;
      const marks = Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("lev-")).map((m) => [m.name, Math.round(m.startTime)]));
      return { long: w.__long, recalc: [a, b], marks };
    });
    // the parse (in the worker), the preview and the writing of the cells: before the spreadsheet computes the formulas
    const outside = long.filter((t) => t.start + t.duration < recalc[0]!);
    fs.writeFileSync(
      path.join(RESULTS, "journal-100k.json"),
      JSON.stringify(
        {
          previewMs,
          writeMs,
          recalculationMs: recalc[1]! - recalc[0]!,
          marks,
          longTasks: long,
          longestBeforeRecalculation: Math.max(0, ...outside.map((t) => t.duration)),
          longestFromRecalculation: Math.max(0, ...long.filter((t) => t.start + t.duration >= recalc[0]!).map((t) => t.duration)),
        },
        null,
        2,
      ),
    );
    // progress went up in steps while the values were written
    expect(progress.filter((p) => p > 0 && p < 1).length).toBeGreaterThan(0);
    expect(outside.filter((t) => t.duration > 200)).toEqual([]);
    expect(stat(await sheetValues(page, sheet), "Trades")).toBe(25000);
  }, 900000);
});
