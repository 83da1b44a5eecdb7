import type JSZip from "jszip";
import type { ChartPlan, ChartSeries } from "../shared/workbook";
import { seriesColours } from "./chart-style";
import { cellName, columnName, parseRange } from "../shared/a1";
import { addOverride, addRelationship, CONTENT_TYPE, NS, REL, relationships, text, XML_HEAD, xmlEscape, xmlUnescape } from "./xlsx-package";
import type { Rect } from "./sheet";

/*
 * Native charts: the playground's chart requests written into the file as DrawingML chart parts, so that Excel
 * and LibreOffice show them, and charts found in a file (from Excel) read back as requests the playground can
 * draw. The parts follow what Excel writes, as in rust_xlsxwriter's Excel-made reference files
 * (tests/input/chart_scatter01.xlsx, chart_line01.xlsx): a drawing per sheet (xl/drawings/drawingN.xml, one
 * two-cell anchor per chart, its graphic frame pointing at the chart part), the chart part (c:chartSpace with a
 * c:scatterChart or c:lineChart, each series' cell references with a cache of their values), and the sheet's
 * <drawing r:id> after its page margins and before its table parts.
 */

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** The name the drawing gives each chart the playground wrote: a chart so named has its request in the file. */
export const chartObjectName = (i: number) => `LEV chart ${i + 1}`;
const OWN_CHART = /^LEV chart \d+$/;

/** One series as written: its ranges (on the chart's sheet) and the values they hold now. */
export interface NativeSeries {
  name: string;
  role?: "marker";
  x: string;
  y: string;
  xs: unknown[];
  ys: unknown[];
}

export interface NativeChart {
  plan: ChartPlan;
  series: NativeSeries[];
  /** Number formats of the axes (the cells' own). */
  xFormat?: string;
  yFormat?: string;
}

/** A range on `sheet` as a chart refers to it: 'LEV Scenario'!$A$20:$A$40. */
export function absoluteRef(sheet: string, range: string): string {
  const r = parseRange(range);
  const quoted = /^[A-Za-z_][\w.]*$/.test(sheet) && !/^[A-Z]{1,3}\d+$/i.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!$${columnName(r.left)}$${r.top + 1}:$${columnName(r.right)}$${r.bottom + 1}`;
}

/**
 * The rows a native chart shows: a chart request may reach far below its data (the equity curve's reach covers
 * trades not made yet); a native chart cannot follow a spill as the playground's does, so it covers the rows that
 * hold a number now, from the first row to the last one any series has a number in.
 */
export function trimmed(series: NativeSeries[]): NativeSeries[] {
  let last = -1;
  for (const s of series) s.ys.forEach((y, i) => typeof y === "number" && (last = Math.max(last, i)));
  if (last < 0) return series;
  return series.map((s) => {
    if (s.ys.length <= last + 1) return s;
    const cut = (range: string) => {
      if (!range) return range;
      const r = parseRange(range);
      return `${cellName(r.top, r.left)}:${cellName(r.top + last, r.right)}`;
    };
    return { ...s, x: cut(s.x), y: cut(s.y), xs: s.xs.slice(0, last + 1), ys: s.ys.slice(0, last + 1) };
  });
}

function richText(t: string, size?: number): string {
  const rPr = size ? `<a:defRPr sz="${size * 100}" b="1"/>` : "<a:defRPr/>";
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${rPr}</a:pPr><a:r><a:t>${xmlEscape(t)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

const title = (t: string, size?: number) => (t ? `<c:title>${richText(t, size)}<c:overlay val="0"/></c:title>` : "");

function numCache(values: unknown[], format: string): string {
  const pts = values.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numCache><c:formatCode>${xmlEscape(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function strCache(values: unknown[]): string {
  const pts = values.map((v, i) => (v === null || v === undefined || v === "" ? "" : `<c:pt idx="${i}"><c:v>${xmlEscape(String(v))}</c:v></c:pt>`)).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

/** A series' x values or categories: numbers as a number reference, labels as a text reference. */
function reference(tag: string, ref: string, values: unknown[], format: string): string {
  const text = values.some((v) => typeof v === "string" && v !== "");
  return text ? `<c:${tag}><c:strRef><c:f>${xmlEscape(ref)}</c:f>${strCache(values)}</c:strRef></c:${tag}>` : `<c:${tag}><c:numRef><c:f>${xmlEscape(ref)}</c:f>${numCache(values, format)}</c:numRef></c:${tag}>`;
}

function line(colour: string, marker: boolean): string {
  const dash = marker ? '<a:prstDash val="dash"/>' : "";
  return `<c:spPr><a:ln w="${marker ? 19050 : 28575}" cap="rnd"><a:solidFill><a:srgbClr val="${colour.replace("#", "").toUpperCase()}"/></a:solidFill>${dash}<a:round/></a:ln></c:spPr>`;
}

function axisTitle(t: string): string {
  return t ? `<c:title>${richText(t)}<c:overlay val="0"/></c:title>` : "";
}

/** The chart part for one chart of `sheet`. */
export function chartXml(sheet: string, chart: NativeChart): string {
  const plan = chart.plan;
  const type = plan.type ?? "scatter";
  const colours = seriesColours(chart.series);
  const xFormat = chart.xFormat ?? "General";
  const yFormat = chart.yFormat ?? "General";
  const series = chart.series
    .map((s, i) => {
      const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>${line(colours[i]!, s.role === "marker")}`;
      const y = `<c:numRef><c:f>${xmlEscape(absoluteRef(sheet, s.y))}</c:f>${numCache(s.ys, yFormat)}</c:numRef>`;
      if (type === "line") {
        const marker = '<c:marker><c:symbol val="circle"/><c:size val="3"/></c:marker>';
        return `<c:ser>${head}${marker}${s.x ? reference("cat", absoluteRef(sheet, s.x), s.xs, xFormat) : ""}<c:val>${y}</c:val><c:smooth val="0"/></c:ser>`;
      }
      // without x values a series is drawn over 1, 2, 3…, as Excel does
      return `<c:ser>${head}<c:marker><c:symbol val="none"/></c:marker>${s.x ? reference("xVal", absoluteRef(sheet, s.x), s.xs, xFormat) : ""}<c:yVal>${y}</c:yVal><c:smooth val="0"/></c:ser>`;
    })
    .join("");
  // x below the plot whatever the y values (PnL crosses zero), y at the left whatever the x values
  const xAxisBody = `<c:axPos val="b"/>${axisTitle(plan.xTitle)}<c:numFmt formatCode="${xmlEscape(xFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="2"/><c:crosses val="autoZero"/>`;
  const yAxis = `<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>${axisTitle(plan.yTitle)}<c:numFmt formatCode="${xmlEscape(yFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="${type === "line" ? "between" : "midCat"}"/></c:valAx>`;
  const plot =
    type === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>` +
        `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>${xAxisBody}<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>${yAxis}`
      : `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}<c:axId val="1"/><c:axId val="2"/></c:scatterChart>` +
        `<c:valAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>${xAxisBody}<c:crossBetween val="midCat"/></c:valAx>${yAxis}`;
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${NS.rel}"><c:lang val="en-US"/><c:roundedCorners val="0"/><c:chart>` +
    `${title(plan.title, 14)}<c:autoTitleDeleted val="${plan.title ? 0 : 1}"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** The drawing of one sheet: a two-cell anchor per chart over its anchor range, named so the playground knows it. */
export function drawingXml(charts: { anchor: Rect; title: string; rId: string }[]): string {
  const anchors = charts
    .map(
      (c, i) =>
        `<xdr:twoCellAnchor><xdr:from><xdr:col>${c.anchor.left}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor.top}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${c.anchor.right + 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor.bottom + 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${chartObjectName(i)}" descr="${xmlEscape(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${NS.rel}" r:id="${c.rId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    )
    .join("");
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">${anchors}</xdr:wsDr>`;
}

/** Where <drawing> goes in a worksheet: before these, which follow it in the schema's order. */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/** Puts `<drawing r:id>` in its place in a worksheet's XML. */
export function withDrawing(sheetXml: string, rId: string): string {
  const element = `<drawing r:id="${rId}"/>`;
  for (const tag of AFTER_DRAWING) {
    const at = sheetXml.search(new RegExp(`<${tag}[\\s>/]`));
    if (at >= 0) return sheetXml.slice(0, at) + element + sheetXml.slice(at);
  }
  return sheetXml.replace("</worksheet>", `${element}</worksheet>`);
}

/** Adds a sheet's native charts: its drawing, the chart parts, their relationships and content types. */
export async function addCharts(zip: JSZip, sheetPart: string, sheet: string, charts: NativeChart[], firstChart: number, drawingNumber: number): Promise<number> {
  const drawingPart = `xl/drawings/drawing${drawingNumber}.xml`;
  const frames: { anchor: Rect; title: string; rId: string }[] = [];
  for (const [i, chart] of charts.entries()) {
    const n = firstChart + i;
    const part = `xl/charts/chart${n}.xml`;
    zip.file(part, chartXml(sheet, chart));
    await addOverride(zip, part, CONTENT_TYPE.chart);
    const rId = await addRelationship(zip, drawingPart, REL.chart, `../charts/chart${n}.xml`);
    frames.push({ anchor: parseRange(chart.plan.anchor), title: chart.plan.title, rId });
  }
  zip.file(drawingPart, drawingXml(frames));
  await addOverride(zip, drawingPart, CONTENT_TYPE.drawing);
  const target = `../drawings/drawing${drawingNumber}.xml`;
  const rId = await addRelationship(zip, sheetPart, REL.drawing, target);
  zip.file(sheetPart, withDrawing((await text(zip, sheetPart))!, rId));
  return firstChart + charts.length;
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────────────

/** The text of a DrawingML title or series name: its runs, or the cached text of the cell it refers to. */
function textOf(xml: string | undefined): string {
  if (!xml) return "";
  const runs = [...xml.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => xmlUnescape(m[1]!));
  if (runs.length) return runs.join("");
  const v = /<c:v>([\s\S]*?)<\/c:v>/.exec(xml);
  return v ? xmlUnescape(v[1]!) : "";
}

/** A chart's reference ('Sheet 1'!$A$1:$A$5, or (Sheet1!$A$1:$A$5)) split into sheet and range. */
export function splitRef(ref: string): { sheet?: string; range: string } | undefined {
  const f = ref.trim().replace(/^\((.*)\)$/, "$1");
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/i.exec(f) ?? /^()()(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/i.exec(f);
  if (!m) return undefined;
  const sheet = m[1] ? m[1].replace(/''/g, "'") : m[2] || undefined;
  return { sheet, range: m[3]!.replace(/\$/g, "") };
}

const inner = (xml: string, tag: string) => new RegExp(`<c:${tag}>([\\s\\S]*?)</c:${tag}>`).exec(xml)?.[1];
const refIn = (xml: string | undefined) => (xml ? /<c:f>([\s\S]*?)<\/c:f>/.exec(xml)?.[1] : undefined);

/** A chart part as a chart request over `anchor`, keeping the series whose ranges are on `sheet`. */
export function chartFromXml(xml: string, sheet: string, anchor: string): ChartPlan | undefined {
  const plot = /<c:plotArea>([\s\S]*)<\/c:plotArea>/.exec(xml)?.[1] ?? "";
  const scatter = /<c:scatterChart>/.test(plot);
  const series: ChartSeries[] = [];
  for (const m of plot.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)) {
    const ser = m[1]!;
    const yRef = refIn(inner(ser, scatter ? "yVal" : "val"));
    const xRef = refIn(inner(ser, scatter ? "xVal" : "cat"));
    const y = yRef ? splitRef(xmlUnescape(yRef)) : undefined;
    const x = xRef ? splitRef(xmlUnescape(xRef)) : undefined;
    const here = (r: { sheet?: string } | undefined) => r !== undefined && (r.sheet === undefined || r.sheet === sheet);
    if (!y || !here(y) || (x && !here(x))) continue; // a series over another sheet's cells is not drawn
    series.push({ name: textOf(inner(ser, "tx")) || `Series ${series.length + 1}`, x: x?.range ?? "", y: y.range });
  }
  if (series.length === 0) return undefined;
  const axes = [...plot.matchAll(/<c:(valAx|catAx|dateAx)>([\s\S]*?)<\/c:\1>/g)];
  const axisTitle = (pos: string) => textOf(axes.map((a) => a[2]!).find((a) => new RegExp(`<c:axPos val="${pos}"/>`).test(a) && /<c:title>/.test(a))?.match(/<c:title>([\s\S]*?)<\/c:title>/)?.[1]);
  const chartTitle = /<c:chart>\s*<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1];
  return { type: scatter ? "scatter" : "line", title: textOf(chartTitle), xTitle: axisTitle("b"), yTitle: axisTitle("l"), series, anchor };
}

const EMU_PER_PIXEL = 9525;

/** The charts a sheet's drawing holds (not the playground's own, when the file keeps their requests). */
export async function readCharts(zip: JSZip, sheetPart: string, sheet: string, skipOwn: boolean): Promise<ChartPlan[]> {
  const out: ChartPlan[] = [];
  for (const [, rel] of await relationships(zip, sheetPart)) {
    if (rel.type !== REL.drawing) continue;
    const drawing = await text(zip, rel.target);
    if (!drawing) continue;
    const drawingRels = await relationships(zip, rel.target);
    for (const m of drawing.matchAll(/<xdr:(twoCellAnchor|oneCellAnchor)\b[^>]*>([\s\S]*?)<\/xdr:\1>/g)) {
      const body = m[2]!;
      const chartId = /<c:chart\b[^>]*\br:id="([^"]*)"/.exec(body)?.[1];
      const name = xmlUnescape(/<xdr:cNvPr\b[^>]*\bname="([^"]*)"/.exec(body)?.[1] ?? "");
      if (!chartId || (skipOwn && OWN_CHART.test(name))) continue;
      const part = drawingRels.get(chartId)?.target;
      const xml = part ? await text(zip, part) : undefined;
      if (!xml) continue;
      const cell = (tag: string) => {
        const block = new RegExp(`<xdr:${tag}>([\\s\\S]*?)</xdr:${tag}>`).exec(body)?.[1] ?? "";
        const num = (t: string) => Number(new RegExp(`<xdr:${t}>(-?\\d+)</xdr:${t}>`).exec(block)?.[1] ?? NaN);
        return { col: num("col"), colOff: num("colOff"), row: num("row"), rowOff: num("rowOff") };
      };
      const from = cell("from");
      if (!Number.isFinite(from.col) || !Number.isFinite(from.row)) continue;
      let right: number;
      let bottom: number;
      if (m[1] === "twoCellAnchor") {
        const to = cell("to");
        right = to.colOff > 0 ? to.col : to.col - 1;
        bottom = to.rowOff > 0 ? to.row : to.row - 1;
      } else {
        // a one-cell anchor has a size: in the playground's default cells, 104 by 24 pixels
        const ext = /<xdr:ext\b[^>]*\bcx="(\d+)"[^>]*\bcy="(\d+)"/.exec(body);
        right = from.col + Math.max(0, Math.ceil(Number(ext?.[1] ?? 0) / EMU_PER_PIXEL / 104) - 1);
        bottom = from.row + Math.max(0, Math.ceil(Number(ext?.[2] ?? 0) / EMU_PER_PIXEL / 24) - 1);
      }
      const anchor = `${cellName(from.row, from.col)}:${cellName(Math.max(bottom, from.row), Math.max(right, from.col))}`;
      const chart = chartFromXml(xml, sheet, anchor);
      if (chart) out.push(chart);
    }
  }
  return out;
}
