import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { SOFFICE } from "../helpers/soffice";
import { cellText, describeInBrowser, goTo, typeInto, usePlayground, type Session } from "./browser";

/*
 * Editing as a trader does it, in Chromium: copy a journal range to another sheet and through a text area as
 * tab-separated text (which LibreOffice opens as the same cells), fill down a LEV formula with Ctrl+D and the
 * fill handle, point at cells while typing a formula, rename, delete and add sheets, and never lose work: the
 * workbook comes back after a reload and after a crash, and Open and reload ask first. Screenshots of the
 * context menu, a fill in progress and 20 sheets' tabs go to test-results/ (look at them).
 */
const RESULTS = path.resolve(__dirname, "../../test-results");

const selected = (page: Page) => page.inputValue(".name-box");
const formulaOf = async (page: Page, ref: string) => {
  await goTo(page, ref);
  return page.inputValue("#formula-input");
};
/** A click in the middle of a cell on screen. */
const clickCell = (page: Page, ref: string, options: { shift?: boolean } = {}) =>
  page.click(`.grid-canvas [data-cell="${ref}"]`, { modifiers: options.shift ? ["Shift"] : [] });
/** Waits until the workbook as it is now is kept in the browser. */
const stored = (page: Page) =>
  page.waitForFunction(() => {
    const p = (globalThis as unknown as { levPlayground: { version: number } }).levPlayground;
    return document.documentElement.dataset.stored === String(p.version);
  });


describeInBrowser("editing in the playground as a trader does", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));
  beforeAll(() => s.context.grantPermissions(["clipboard-read", "clipboard-write"]));

  it("copies a journal range as Excel does (tab-separated text and an HTML table) and pastes it on another sheet with its formulas", async () => {
    const page = s.page;
    await goTo(page, "A1");
    for (let i = 0; i < 9; i++) await page.keyboard.press("Shift+ArrowRight"); // A1:J1
    for (let i = 0; i < 2; i++) await page.keyboard.press("Shift+ArrowDown"); // A1:J3
    expect(await selected(page)).toBe("A1:J3");
    await page.keyboard.press("Control+c");
    const clip = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const read = async (type: string) => (item!.types.includes(type) ? (await item!.getType(type)).text() : undefined);
      return { text: await read("text/plain"), html: await read("text/html") };
    });
    // the first trade: BTCUSDT long 0.5 at 60,000, exit 61,850, 10x, 0.04 %: notional 30,000, margin 3,000
    const lines = clip.text!.split("\r\n");
    expect(lines[0]).toBe("Trade\tSymbol\tSide\tEntry\tExit\tQuantity\tLeverage\tFee rate\tNotional\tMargin");
    expect(lines[1]).toBe("1\tBTCUSDT\tlong\t60000\t61850\t0.5\t10\t0.04%\t30,000.00\t3,000.00");
    expect(clip.html).toContain("<table>");
    expect(clip.html).toContain("<td>BTCUSDT</td>");

    // a new sheet, and the range pasted at its B2: the formulas read the new sheet's cells, moved one row and column
    await page.click(".tab.add");
    await page.waitForFunction(() => document.querySelector(".tab.active")?.textContent?.startsWith("Sheet"));
    await goTo(page, "B2");
    await page.keyboard.press("Control+v");
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Pasted B2:K4"));
    expect(await formulaOf(page, "J3")).toBe("=LEV.NOTIONAL(E3, G3)"); // I2's =LEV.NOTIONAL(D2, F2), one right and down
    expect(await cellText(page, "J3")).toBe("30,000.00");
    expect(await cellText(page, "K3")).toBe("3,000.00");
    // Ctrl+Z takes the whole paste back in one step
    await page.click(".grid-body");
    await page.keyboard.press("Control+z");
    expect(await cellText(page, "J3")).toBe("");
    expect(await cellText(page, "B2")).toBe("");
    await page.keyboard.press("Control+y");
    expect(await cellText(page, "J3")).toBe("30,000.00");

    // LibreOffice opens the copied text as the same cells: numbers as numbers, text as text
    if (!SOFFICE) {
      if (process.env.CI) throw new Error("LibreOffice (soffice) is needed in CI");
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lev-tsv-"));
    const tsv = path.join(dir, "copied.csv");
    fs.writeFileSync(tsv, clip.text!);
    // import filter: tab-separated (9), quoted with " (34), UTF-8 (76), from line 1; export as .xlsx
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--infilter=CSV:9,34,76,1", "--convert-to", "xlsx", "--outdir", dir, tsv], { stdio: "ignore", timeout: 120000 });
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "copied.xlsx"));
    const ws = wb.worksheets[0]!;
    const row = (r: number) => Array.from({ length: 10 }, (_, c) => ws.getCell(r, c + 1).value);
    expect(row(1)).toEqual(["Trade", "Symbol", "Side", "Entry", "Exit", "Quantity", "Leverage", "Fee rate", "Notional", "Margin"]);
    // 0.04 % is 0.0004, 30,000.00 is 30000: the same values the grid holds
    expect(row(2)).toEqual([1, "BTCUSDT", "long", 60000, 61850, 0.5, 10, 0.0004, 30000, 3000]);
    expect(row(3)).toEqual([2, "ETHUSDT", "short", 3200, 3050, 4, 20, 0.0004, 12800, 640]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180000);

  it("pastes into a text area as tab-separated text, and back from it as another program's text", async () => {
    const page = s.page;
    await page.evaluate(() => {
      const t = document.createElement("textarea");
      t.id = "scratch";
      document.body.append(t);
    });
    await page.click("#scratch");
    await page.keyboard.press("Control+v");
    const text = await page.inputValue("#scratch");
    expect(text.split("\n")[1]).toBe("1\tBTCUSDT\tlong\t60000\t61850\t0.5\t10\t0.04%\t30,000.00\t3,000.00");
    // the trader changes an entry price in the other program and copies the rows back
    await page.fill("#scratch", text.replace("60000", "60500"));
    await page.focus("#scratch");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+c");
    await page.evaluate(() => document.getElementById("scratch")?.remove());
    await goTo(page, "B10");
    await page.keyboard.press("Control+v");
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Pasted B10:K12"));
    // text from elsewhere: values, read as numbers (60500) and percentages (0.04 % is 0.0004)
    expect(await formulaOf(page, "E11")).toBe("60500");
    expect(await formulaOf(page, "J11")).toBe("30000");
    await typeInto(page, "M11", "=E11*2");
    expect(await cellText(page, "M11")).toBe("121000");
    await goTo(page, "I11");
    const fee = await page.evaluate(() => {
      const p = (globalThis as unknown as { levPlayground: { sheetName: string; hf: { getSheetId(n: string): number; getCellValue(a: object): unknown } } }).levPlayground;
      return p.hf.getCellValue({ sheet: p.hf.getSheetId(p.sheetName), row: 10, col: 8 });
    });
    expect(fee).toBe(0.0004);
    expect(await cellText(page, "I11")).toBe("0.04%");
  });

  it("fills a LEV formula down with Ctrl+D and with the fill handle, references moved", async () => {
    const page = s.page;
    await page.click('.tab[data-sheet="Journal"]');
    // a new trade in row 14: SOLUSDT long 2 at 150
    await typeInto(page, "D14", "150");
    await typeInto(page, "F14", "2");
    await typeInto(page, "G14", "5");
    await goTo(page, "I13");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Control+d");
    expect(await formulaOf(page, "I14")).toBe("=LEV.NOTIONAL(D14, F14)");
    expect(await cellText(page, "I14")).toBe("300.00"); // 150 × 2
    // the fill handle: J13 dragged down to J14: =LEV.MARGIN(I14, G14) = 300 / 5 = 60
    await goTo(page, "J13");
    const handle = await page.locator(".fill-handle").boundingBox();
    const target = await page.locator('.grid-canvas [data-cell="J15"]').boundingBox();
    await page.mouse.move(handle!.x + 3, handle!.y + 3);
    await page.mouse.down();
    await page.mouse.move(target!.x + 20, target!.y + 12, { steps: 5 });
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, "fill-in-progress.png") });
    expect(await page.locator(".fill-box").isVisible()).toBe(true);
    await page.mouse.up();
    expect(await formulaOf(page, "J14")).toBe("=LEV.MARGIN(I14, G14)");
    expect(await cellText(page, "J14")).toBe("60.00");
    expect(await formulaOf(page, "J15")).toBe("=LEV.MARGIN(I15, G15)");
    // a series from the handle: 13, 14 in A → 15, 16
    await typeInto(page, "A14", "13");
    await goTo(page, "A13");
    await page.keyboard.press("Shift+ArrowDown");
    const h2 = await page.locator(".fill-handle").boundingBox();
    const t2 = await page.locator('.grid-canvas [data-cell="A16"]').boundingBox();
    await page.mouse.move(h2!.x + 3, h2!.y + 3);
    await page.mouse.down();
    await page.mouse.move(t2!.x + 10, t2!.y + 12, { steps: 5 });
    await page.mouse.up();
    expect([await cellText(page, "A15"), await cellText(page, "A16")]).toEqual(["14", "15"]); // 12, 13 → 14, 15
  });

  it("puts references into a formula by pointing, and keeps a formula that cannot be read in its editor", async () => {
    const page = s.page;
    await goTo(page, "P2");
    await page.keyboard.type("=LEV.MARGIN(");
    await clickCell(page, "I2");
    await page.keyboard.type(",");
    await clickCell(page, "G2");
    await page.keyboard.type(")");
    await page.keyboard.press("Enter");
    expect(await formulaOf(page, "P2")).toBe("=LEV.MARGIN(I2,G2)");
    expect(await cellText(page, "P2")).toBe("3000"); // 30,000 / 10
    // arrows point in Enter mode, F4 anchors: =I2 → =$I$2
    await goTo(page, "P3");
    await page.keyboard.type("=");
    await page.keyboard.press("ArrowUp"); // P2
    await page.keyboard.press("ArrowLeft"); // O2
    await page.keyboard.press("F4");
    await page.keyboard.press("Enter");
    expect(await formulaOf(page, "P3")).toBe("=$O$2");
    // a syntax error is not committed: the editor stays, with the parser's message
    await goTo(page, "P4");
    await page.keyboard.type("=LEV.MARGIN(I2,");
    await page.keyboard.press("Enter");
    expect(await page.locator(".cell-editor").count()).toBe(1);
    expect(await page.textContent("#cell-info")).toMatch(/P4: the formula cannot be read — Parsing error/);
    await page.keyboard.press("Escape");
    expect(await cellText(page, "P4")).toBe("");
  });

  it("renames, deletes and adds sheets; the tabs stay on one line and scroll beside the pane", async () => {
    const page = s.page;
    await page.dblclick('.tab[data-sheet="Scenario"]');
    await page.keyboard.press("Control+a");
    await page.keyboard.type("What if");
    await page.keyboard.press("Enter");
    expect(await page.locator('.tab[data-sheet="What if"]').count()).toBe(1);
    // a name Excel refuses is refused, saying why
    await page.dblclick('.tab[data-sheet="What if"]');
    await page.keyboard.press("Control+a");
    await page.keyboard.type("a/b");
    await page.keyboard.press("Enter");
    expect(await page.textContent(".status")).toContain("cannot contain");
    await page.keyboard.press("Escape");
    // delete, after a confirmation
    await page.click('.tab[data-sheet="What if"]', { button: "right" });
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.waitForSelector("dialog[open]");
    await page.click('dialog[open] [data-choice="delete"]');
    await page.waitForSelector('.tab[data-sheet="What if"]', { state: "detached" });
    expect(await page.textContent(".status")).toBe("Deleted the sheet What if");
    // twenty sheets: the tabs stay one line, the last one and + reachable left of the pane
    for (let i = 0; i < 16; i++) await page.click(".tab.add");
    const names = await page.locator('.tabs [role=tab]').count();
    expect(names).toBeGreaterThanOrEqual(20);
    const pane = await page.locator("#pane").boundingBox();
    const add = await page.locator(".tab.add").boundingBox();
    const strip = await page.locator(".tabs").boundingBox();
    expect(add!.x + add!.width).toBeLessThanOrEqual(pane!.x);
    expect(strip!.height).toBeLessThan(40); // one line
    const last = page.locator('.tabs [role=tab][aria-selected="true"]');
    const lastBox = await last.boundingBox();
    expect(lastBox!.x + lastBox!.width).toBeLessThanOrEqual(pane!.x);
    await page.locator(".sheetbar").screenshot({ path: path.join(RESULTS, "tabs-20-sheets.png") });
  });

  it("opens a right-click menu that inserts and deletes rows with formulas adjusted", async () => {
    const page = s.page;
    await page.click('.tab[data-sheet="Journal"]');
    await goTo(page, "A3");
    await page.click('.grid-canvas [data-cell="B3"]', { button: "right" });
    await page.waitForSelector("[role=menu]");
    await page.waitForTimeout(400); // the menu fades in
    await page.screenshot({ path: path.join(RESULTS, "context-menu.png") });
    await page.getByRole("menuitem", { name: "Insert row above" }).click();
    // row 3 is empty now, and the second trade's formulas moved to row 4, reading row 4
    expect(await cellText(page, "B3")).toBe("");
    expect(await formulaOf(page, "I4")).toBe("=LEV.NOTIONAL(D4, F4)");
    expect(await cellText(page, "I4")).toBe("12,800.00"); // 3,200 × 4
    await page.click('.grid-canvas [data-cell="B3"]', { button: "right" });
    await page.getByRole("menuitem", { name: "Delete row" }).click();
    expect(await formulaOf(page, "I3")).toBe("=LEV.NOTIONAL(D3, F3)");
  });

  it("moves as Excel does: Ctrl+arrows to the edge of the data, Home, Ctrl+End, Enter back where the Tabs began, any address in the name box", async () => {
    const page = s.page;
    await goTo(page, "A2");
    await page.keyboard.press("Control+ArrowDown");
    expect(await selected(page)).toBe("A16"); // the trades run down to row 16 (13 sample rows and the filled 14–16)
    await page.keyboard.press("Control+ArrowUp");
    expect(await selected(page)).toBe("A1");
    await goTo(page, "A2");
    await page.keyboard.press("Control+ArrowRight");
    expect(await selected(page)).toBe("N2"); // the trade's columns end at N; O2 is empty
    await page.keyboard.press("Control+ArrowRight");
    expect(await selected(page)).toBe("P2"); // the next data: the formula typed by pointing
    await page.keyboard.press("Home");
    expect(await selected(page)).toBe("A2");
    await page.keyboard.press("Control+Home");
    expect(await selected(page)).toBe("A1");
    await page.keyboard.press("Control+End");
    expect(await selected(page)).toMatch(/^[N-Z]\d+$/);
    // Tab, Tab, Enter: back to the column where the Tabs began, a row down
    await goTo(page, "B20");
    await page.keyboard.type("x");
    await page.keyboard.press("Tab");
    await page.keyboard.type("y");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await selected(page)).toBe("B21");
    for (const ref of ["A500", "ZZ1"]) {
      await page.fill(".name-box", ref);
      await page.press(".name-box", "Enter");
      expect(await selected(page)).toBe(ref);
    }
  });

  it("resizes a column by dragging its border, and fits it to its contents with a double-click", async () => {
    const page = s.page;
    await goTo(page, "A1");
    const width = () => page.locator('.colhead[data-colhead="1"]').evaluate((h) => h.getBoundingClientRect().width);
    const before = await width();
    const head = (await page.locator('.colhead[data-colhead="1"]').boundingBox())!;
    const border = { x: head.x + head.width - 1, y: head.y + head.height / 2 };
    await page.mouse.move(border.x, border.y);
    await page.mouse.down();
    await page.mouse.move(border.x + 60, border.y, { steps: 4 });
    await page.mouse.up();
    expect(Math.round(await width())).toBe(Math.round(before + 60));
    await page.mouse.dblclick(border.x + 60, border.y);
    // fitted: as wide as the widest symbol (BTCUSDT…) and its padding, narrower than the dragged width
    const fitted = await width();
    expect(fitted).toBeLessThan(before + 60);
    const widest = await page.$$eval('.grid-canvas .cell[data-col="1"]', (cells) => Math.max(...cells.map((c) => c.scrollWidth)));
    expect(fitted).toBeGreaterThanOrEqual(widest);
  });

  it("scrolls to a column's edge, never leaving a cut number under the row numbers", async () => {
    const page = s.page;
    await goTo(page, "D2");
    await page.locator(".grid-body").evaluate((b) => b.scrollBy({ left: 37 }));
    await page.waitForTimeout(400);
    const where = await page.locator(".grid-body").evaluate((b) => {
      const left = b.getBoundingClientRect().left + 56; // the row numbers' right edge
      const cut = [...b.querySelectorAll<HTMLElement>(".cell.number")].filter((c) => c.getBoundingClientRect().left < left - 0.5 && c.textContent !== "").map((c) => c.dataset.cell);
      return { scrollLeft: b.scrollLeft, cut };
    });
    expect(where.cut).toEqual([]);
    // A is 54 pixels wide (the sample's Trade column): 37 pixels is past half of it, so the view rests at B's edge
    expect(where.scrollLeft).toBe(54);
    await page.locator(".grid-body").evaluate((b) => b.scrollTo({ left: 0 }));
  });

  it("reads typed numbers and dates as Excel in en-US does", async () => {
    const page = s.page;
    await typeInto(page, "R2", "1,000");
    await typeInto(page, "R3", "$1,000");
    await typeInto(page, "R4", "(100)");
    await typeInto(page, "R5", "0.5%");
    await typeInto(page, "R6", "3/6/2024");
    await typeInto(page, "S2", "=R2*2+R4");
    expect(await cellText(page, "S2")).toBe("1900"); // 1,000 × 2 − 100
    expect(await cellText(page, "R3")).toBe("$1,000 "); // $#,##0_) leaves a space where a ) would be
    expect(await cellText(page, "R4")).toBe("(100)");
    expect(await cellText(page, "R5")).toBe("0.50%");
    expect(await cellText(page, "R6")).toBe("3/6/2024");
    await typeInto(page, "S6", "=MONTH(R6)");
    expect(await cellText(page, "S6")).toBe("3"); // March
  });

  it("offers built-in functions in the autocomplete too, as a combobox", async () => {
    const page = s.page;
    await goTo(page, "T2");
    await page.keyboard.type("=SU");
    await page.waitForSelector(".ac-list:not([hidden])");
    expect(await page.locator(".ac-list [role=option]").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^SUMSums up/)]));
    expect(await page.locator(".cell-editor").getAttribute("role")).toBe("combobox");
    expect(await page.locator(".cell-editor").getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  });
});

describeInBrowser("the workbook is never lost", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("asks before a reload throws away unsaved work, and keeps it when the trader cancels", async () => {
    const page = s.page;
    await typeInto(page, "B2", "ADAUSDT");
    await stored(page);
    const asked: string[] = [];
    page.once("dialog", (d) => {
      asked.push(d.type());
      void d.dismiss();
    });
    await page.evaluate(() => setTimeout(() => location.reload(), 0));
    await page.waitForTimeout(1000);
    expect(asked).toEqual(["beforeunload"]);
    expect(await cellText(page, "B2")).toBe("ADAUSDT");
  });

  it("finds the work after a reload, in place of the sample", async () => {
    const page = s.page;
    page.once("dialog", (d) => void d.accept());
    await page.reload();
    await page.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
    expect(await cellText(page, "B2")).toBe("ADAUSDT");
    expect(await page.textContent(".status")).toMatch(/^Restored the workbook kept in this browser/);
  });

  it("asks before Open replaces unsaved work, and keeps the work when the trader cancels", async () => {
    const page = s.page;
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Other").getCell("A1").value = "another workbook";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lev-open-")), "other.xlsx");
    await wb.xlsx.writeFile(file);
    await page.setInputFiles("#open-file", file);
    await page.waitForSelector("dialog[open]");
    expect(await page.textContent("dialog[open]")).toContain("not saved");
    await page.click('dialog[open] [data-choice="cancel"]');
    expect(await page.textContent(".status")).toContain("was not opened");
    expect(await cellText(page, "B2")).toBe("ADAUSDT");
    expect(await page.locator('.tab[data-sheet="Other"]').count()).toBe(0);
  });

  it("opens a CSV as a new sheet, and a file it cannot read with a plain message", async () => {
    const page = s.page;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lev-csv-"));
    const csv = path.join(dir, "fills.csv");
    // 13/03 can only be day-first: the column is read day-first, so 04/03/2024 is 4 March
    fs.writeFileSync(csv, "Date,Symbol,Price\n13/03/2024,BTCUSDT,\"62,000.50\"\n04/03/2024,ETHUSDT,3400\n");
    await page.setInputFiles("#open-file", csv);
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Opened fills.csv"));
    expect(await page.locator(".tab.active").textContent()).toBe("fills");
    expect(await cellText(page, "A3")).toBe("2024-03-04");
    expect(await cellText(page, "C2")).toBe("62000.5");
    expect(await cellText(page, "B2")).toBe("BTCUSDT");
    const bad = path.join(dir, "notes.xlsx");
    fs.writeFileSync(bad, "PK\u0003\u0004 not really a zip");
    await page.setInputFiles("#open-file", bad);
    await page.waitForSelector("dialog[open]");
    await page.click('dialog[open] [data-choice="replace"]');
    await page.waitForFunction(() => document.querySelector(".status")?.textContent?.startsWith("Could not open notes.xlsx"));
    const said = (await page.textContent(".status")) ?? "";
    expect(said).not.toMatch(/central directory|stuk\.github|zip file/i);
    expect(await cellText(page, "B2")).toBe("BTCUSDT"); // nothing replaced
  });

  it("restores the work after a crash (the page closed without asking)", async () => {
    const page = s.page;
    await page.click('.tab[data-sheet="Journal"]');
    await typeInto(page, "C3", "long");
    await stored(page);
    await page.close({ runBeforeUnload: false });
    const again = await s.context.newPage();
    s.page = again;
    await again.goto(`${s.url}index.html`);
    await again.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
    await again.click('.tab[data-sheet="Journal"]');
    expect(await cellText(again, "C3")).toBe("long");
    expect(await cellText(again, "B2")).toBe("ADAUSDT");
  });

  it("opens read-only in a second tab, saying the workbook is open elsewhere", async () => {
    const second = await s.context.newPage();
    await second.goto(`${s.url}index.html`);
    await second.waitForSelector("html[data-ready=pane]", { timeout: 60000 });
    expect(await second.textContent(".banner")).toContain("open in another tab");
    await second.click('.tab[data-sheet="Journal"]');
    await goTo(second, "C3");
    await second.keyboard.type("short");
    await second.keyboard.press("Enter");
    expect(await cellText(second, "C3")).toBe("long");
    expect(await second.textContent(".status")).toContain("read-only");
    await second.close({ runBeforeUnload: false });
  });
});
