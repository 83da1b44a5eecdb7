/**
 * LibreOffice as another program reads the playground's files: conversions with soffice (headless, a profile of
 * its own), and the cells and charts of the OpenDocument spreadsheet it writes.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";

/** Whether a program is on the PATH. */
export function installed(bin: string): boolean {
  try {
    execFileSync("which", [bin], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** soffice, when installed; in CI it must be (.ci/run installs it). */
export const SOFFICE = ["soffice", "libreoffice"].find(installed);

/** poppler's pdftoppm and pdftotext, which draw a PDF's pages (.ci/run installs them). */
export const POPPLER = installed("pdftoppm") && installed("pdftotext");

/** describe, or describe.skip with one line saying why when LibreOffice is missing outside CI. */
export function describeWithLibreOffice(name: string, fn: () => void): void {
  if (!SOFFICE && !process.env.CI) {
    process.stderr.write(`\nSkipping "${name}": soffice is not installed (apt-get install libreoffice-calc-nogui).\n`);
    describe.skip(name, fn);
    return;
  }
  describe(name, fn);
}

/** Converts `file` in `dir` to `to` ("ods", a "pdf:…" filter) and returns the new file's path. */
export function convert(dir: string, file: string, to: string, ext = to.split(":")[0]!): string {
  if (!SOFFICE) throw new Error("LibreOffice (soffice) is needed in CI: apt-get install libreoffice-calc-nogui");
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", to, "--outdir", dir, file], { stdio: "ignore", timeout: 180000 });
  const out = path.join(dir, `${path.basename(file, path.extname(file))}.${ext}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${path.basename(file)} to ${ext}`);
  return out;
}

export interface OdsCell {
  /** "float", "percentage", "currency", "date", "boolean", "string" (errors are text such as "#NAME?"). */
  type: string;
  /** A number (dates as Excel serials), a boolean, or the text. */
  value: number | boolean | string;
  /** The text shown, as formatted. */
  text: string;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Every sheet's cells, row by row (null for an empty cell), as LibreOffice computed and shows them. */
export async function odsCells(file: string): Promise<Record<string, (OdsCell | null)[][]>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("content.xml")!.async("string");
  const out: Record<string, (OdsCell | null)[][]> = {};
  for (const t of xml.matchAll(/<table:table [^>]*table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)) {
    const rows: (OdsCell | null)[][] = [];
    for (const r of t[2]!.matchAll(/<table:table-row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
      const repeat = Number(attr(r[1]!, "table:number-rows-repeated") ?? 1);
      const cells: (OdsCell | null)[] = [];
      for (const c of (r[2] ?? "").matchAll(/<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g)) {
        const a = c[1]!;
        const n = Number(attr(a, "table:number-columns-repeated") ?? 1);
        const type = attr(a, "office:value-type");
        const text = [...(c[2] ?? "").matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map((p) => unescape(p[1]!.replace(/<[^>]*>/g, ""))).join("\n");
        let cell: OdsCell | null = null;
        if (type === "float" || type === "percentage" || type === "currency") cell = { type, value: Number(attr(a, "office:value")), text };
        else if (type === "date") cell = { type, value: Date.parse(`${attr(a, "office:date-value")}Z`) / 86400000 + 25569, text };
        else if (type === "boolean") cell = { type, value: attr(a, "office:boolean-value") === "true", text };
        else if (type) cell = { type, value: text, text };
        for (let i = 0; i < Math.min(n, 1024); i++) cells.push(cell);
      }
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      // the empty rows that fill the rest of the sheet are left out; a few between blocks are rows like others
      if (cells.length === 0 && repeat > 10000) continue;
      for (let i = 0; i < repeat; i++) rows.push(cells);
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
    out[unescape(t[1]!)] = rows;
  }
  return out;
}

export interface OdsChart {
  /** The sheet the chart sits on. */
  sheet: string;
  /** "chart:scatter", "chart:line"… */
  kind: string;
  title: string;
  series: { name: string; values: string; domain?: string }[];
}

/** The charts of an OpenDocument spreadsheet, with the cell ranges of their series. */
export async function odsCharts(file: string): Promise<OdsChart[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("content.xml")!.async("string");
  const out: OdsChart[] = [];
  for (const t of xml.matchAll(/<table:table [^>]*table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)) {
    for (const o of t[2]!.matchAll(/<draw:object\b[^>]*xlink:href="\.\/([^"]*)"/g)) {
      const chart = await zip.file(`${o[1]}/content.xml`)?.async("string");
      if (!chart) continue;
      const kind = attr(/<chart:chart\b[^>]*>/.exec(chart)![0], "chart:class") ?? "";
      const title = /<chart:title\b[^>]*>([\s\S]*?)<\/chart:title>/.exec(chart)?.[1]?.replace(/<[^>]*>/g, "") ?? "";
      const series = [...chart.matchAll(/<chart:series\b([^>]*)>([\s\S]*?)<\/chart:series>/g)].map((s) => ({
        name: unescape(attr(s[1]!, "loext:label-string") ?? "").replace(/^"|"$/g, ""),
        values: unescape(attr(s[1]!, "chart:values-cell-range-address") ?? ""),
        domain: ((d) => (d === undefined ? undefined : unescape(d)))(s[2]!.match(/<chart:domain table:cell-range-address="([^"]*)"/)?.[1]),
      }));
      // a scatter series without a domain of its own has the first series' x values (ODF 1.2, chart:domain)
      series.forEach((x) => (x.domain ??= series[0]?.domain));
      out.push({ sheet: unescape(t[1]!), kind, title: unescape(title), series });
    }
  }
  return out;
}
