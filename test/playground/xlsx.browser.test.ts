import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { cellText, describeInBrowser, goTo, hasFunction, openFile, typeInto, usePlayground, type Session } from "./browser";

/*
 * Files as a trader saves and opens them in the playground (Chromium): Save .xlsx writes Excel's own form with
 * the add-in's part naming LEV (manifest.xml's id); Save a copy with values writes no formula; a chart made in
 * Excel opens with its series; and LEV.TRADES typed by hand over fills shows its dates as dates.
 */
const RESULTS = path.resolve(__dirname, "../../test-results");
const manifestId = /<Id>([^<]+)<\/Id>/.exec(fs.readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8"))![1]!;

async function save(s: Session, button: string): Promise<JSZip> {
  const download = s.page.waitForEvent("download");
  await s.page.click(button);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-save-")), (await download).suggestedFilename());
  await (await download).saveAs(file);
  return JSZip.loadAsync(fs.readFileSync(file));
}

describeInBrowser("saving and opening files in the playground (Chromium)", () => {
  let s: Session;
  usePlayground((session) => (s = session));

  it("saves the sample in Excel's own form, naming the add-in its functions come from", async () => {
    const zip = await save(s, "#save-xlsx");
    const journal = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    // Journal!I2 is =LEV.NOTIONAL(D2, F2): 60,000 × 0.5 = 30,000
    expect(/<c r="I2"[^>]*>.*?<\/c>/.exec(journal)![0]).toMatch(/cm="1"><f t="array" ref="I2">_xldudf_LEV_NOTIONAL\(D2, F2\)<\/f><v>30000<\/v>/);
    const extension = await zip.file("xl/webextensions/webextension1.xml")!.async("string");
    expect(extension).toContain(`<we:reference id="${manifestId}"`);
    expect(extension).toContain("<we:customFunctionIds>_xldudf_LEV_MARGIN</we:customFunctionIds>");
  });

  it("saves a copy with values: no formula, every value, the formats", async () => {
    const zip = await save(s, "#save-values");
    const journal = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(journal).not.toMatch(/<f[ >]/);
    expect(/<c r="I2"[^>]*>.*?<\/c>/.exec(journal)![0]).toMatch(/<v>30000<\/v>/);
    expect(await s.page.textContent(".status")).toContain("every formula replaced by its last value");
  });

  (hasFunction("TRADES") ? it : it.skip)("shows LEV.TRADES' dates as dates when it is typed by hand over fills", async () => {
    const page = s.page;
    await page.click(".tab.add");
    // two fills typed as a trader types them: times, symbol, side, price, quantity
    await typeInto(page, "A1", "2024-03-04 09:00");
    await typeInto(page, "A2", "2024-03-04 11:00");
    for (const [ref, text] of [["B1", "BTCUSDT"], ["B2", "BTCUSDT"], ["C1", "buy"], ["C2", "sell"], ["D1", "62000"], ["D2", "62800"], ["E1", "0.01"], ["E2", "0.01"]]) {
      await typeInto(page, ref!, text!);
    }
    await typeInto(page, "H1", "=LEV.TRADES(A1:A2, B1:B2, C1:C2, D1:D2, E1:E2)");
    // the trade's row: Opened (J2) and Closed (K2) are the fills' times, Gross PnL (P2) (62,800 − 62,000) × 0.01 = 8
    expect(await cellText(page, "J2")).toBe("2024-03-04 09:00:00");
    expect(await cellText(page, "K2")).toBe("2024-03-04 11:00:00");
    expect(await cellText(page, "P2")).toBe("8.00");
    // Avg entry 62,000 as a price
    expect(await cellText(page, "N2")).toBe("62,000.00");
    await goTo(page, "J2");
    expect(await page.textContent("#cell-info")).toContain("part of a spilled result");
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, "trades-by-hand.png") });
    expect(s.pageErrors).toEqual([]);
  });

  it("opens a chart made in Excel and draws its series (rust_xlsxwriter's chart_scatter01.xlsx)", async () => {
    const page = s.page;
    await openFile(page, path.join(__dirname, "../fixtures/xlsx/chart_scatter01.xlsx"));
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Opened chart_scatter01.xlsx"));
    await page.waitForFunction(() => document.documentElement.dataset.charts === "1");
    // the file's chart: two series over A1:A5, against B1:B5 (2, 4 … 10) and C1:C5 (3, 6 … 15)
    expect(await cellText(page, "C5")).toBe("15");
    const chart = page.locator(".chart");
    expect(await chart.count()).toBe(1);
    await chart.screenshot({ path: path.join(RESULTS, "excel-chart.png") });
    expect(s.pageErrors).toEqual([]);
  });
});
