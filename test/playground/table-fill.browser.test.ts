import { PNG } from "pngjs";
import { cellName, parseCell } from "../../src/shared/a1";
import { describeInBrowser, typeInto, usePlayground, type Session } from "./browser";

/*
 * A table's header fill stays in its cells, as in Excel: a header whose text runs on over the empty cell to its
 * right does not paint that cell blue (the journal's fills table showed its blue header one column too far).
 */
const HEADER_BLUE = { r: 0x44, g: 0x72, b: 0xc4 }; // Excel's TableStyleMedium2 header, the playground's too

/** How many pixels of a cell's box on screen (its column's width, its row's height) are the header's blue. */
async function bluePixels(s: Session, ref: string): Promise<{ blue: number; all: number }> {
  const at = parseCell(ref);
  const head = await s.page.locator(`[data-colhead="${at.col}"]`).boundingBox();
  const row = await s.page.locator(`.grid-canvas [data-cell="${cellName(at.row, 0)}"]`).boundingBox();
  // a pixel in from each side, off the gridlines
  const clip = { x: head!.x + 2, y: row!.y + 2, width: head!.width - 4, height: row!.height - 4 };
  const png = PNG.sync.read(await s.page.screenshot({ clip }));
  let blue = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    if (Math.abs(r - HEADER_BLUE.r) < 8 && Math.abs(g - HEADER_BLUE.g) < 8 && Math.abs(b - HEADER_BLUE.b) < 8) blue++;
  }
  return { blue, all: png.width * png.height };
}

describeInBrowser("a table's fill in the playground", () => {
  let s: Session;
  usePlayground((opened) => (s = opened));

  it("keeps the header's blue inside the table when the last header's text runs on over an empty cell", async () => {
    const page = s.page;
    await page.click(".tab.add");
    await typeInto(page, "A1", "Time");
    await typeInto(page, "B1", "Amount received in the account currency");
    await typeInto(page, "A2", "1");
    await typeInto(page, "B2", "2");
    await page.evaluate(() => {
      const p = (globalThis as unknown as { levPlayground: { sheetName: string; workbookMeta: Record<string, { tables: object[] } | undefined>; setSheetMeta(n: string, m: object): void } }).levPlayground;
      const meta = structuredClone(p.workbookMeta[p.sheetName] ?? { formats: [], styles: [], widths: {}, tables: [], conditional: [], charts: [] });
      meta.tables = [{ name: "Payments", range: "A1:B2", style: "TableStyleMedium2" }];
      p.setSheetMeta(p.sheetName, meta);
    });
    await page.click('.grid-canvas [data-cell="E5"]');
    // the header cells are the table's blue (most of each cell: the text is white on it)...
    const a1 = await bluePixels(s, "A1");
    expect(a1.blue / a1.all).toBeGreaterThan(0.5);
    const b1 = await bluePixels(s, "B1");
    expect(b1.blue / b1.all).toBeGreaterThan(0.3);
    // ...and C1, outside the table, under B1's running text, has none of it
    expect((await bluePixels(s, "C1")).blue).toBe(0);
  });
});
