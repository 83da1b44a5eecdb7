import { formatNumber } from "./format";
import { el } from "./grid";
import { rect } from "./sheet";
import type { PlaygroundPage } from "./page";
import { formatOf } from "./page-view";

/**
 * The charts of the active sheet, drawn over their anchor ranges from the cells they read. Functions of the
 * PlaygroundPage (page.ts), which keeps the state they share.
 */

/** Draws the active sheet's charts over their anchor ranges; Chart.js is loaded only when there is one. */
export function drawCharts(page: PlaygroundPage): void {
  for (const c of page.charts) c.drawn?.destroy();
  page.charts = [];
  page.chartLayer.replaceChildren();
  const sheet = page.sheetName;
  const plans = page.meta[sheet]?.charts ?? [];
  if (plans.length === 0) return;
  const load = ++page.chartLoad;
  plans.forEach((plan, index) => {
    const host = el("figure", "chart");
    host.dataset.chart = String(index);
    host.setAttribute("role", "img");
    host.setAttribute("aria-label", plan.title);
    const summary = el("figcaption", "sr-only", chartSummary(page, sheet, index));
    summary.id = `chart-summary-${index}`;
    host.setAttribute("aria-describedby", summary.id);
    host.append(summary);
    const r = rect(plan.anchor);
    const a = page.grid.cellBox(r.top, r.left);
    const b = page.grid.cellBox(r.bottom, r.right);
    host.style.transform = `translate(${a.left}px, ${a.top}px)`;
    host.style.width = `${b.left + b.width - a.left}px`;
    host.style.height = `${b.top + b.height - a.top}px`;
    page.chartLayer.append(host);
    page.charts.push({ host, sheet, index });
  });
  void import(/* webpackChunkName: "chart" */ "./chart").then(({ drawChart }) => {
    if (load !== page.chartLoad) return; // the sheet changed meanwhile
    for (const c of page.charts) {
      const canvas = el("canvas");
      canvas.width = c.host.clientWidth;
      canvas.height = c.host.clientHeight;
      canvas.setAttribute("aria-hidden", "true");
      c.host.append(canvas);
      c.drawn = drawChart(canvas, chartData(page, c.sheet, c.index));
    }
    document.documentElement.dataset.charts = String(page.charts.length);
  });
}

/** A chart in words: its series, how many points, and where each starts and ends (its text alternative). */
export function chartSummary(page: PlaygroundPage, sheet: string, index: number): string {
  const data = chartData(page, sheet, index);
  const parts = data.series
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const first = s.points[0]!;
      const last = s.points[s.points.length - 1]!;
      return `${s.name}: ${s.points.length} point${s.points.length === 1 ? "" : "s"}, from ${data.formatY(first.y)} to ${data.formatY(last.y)}`;
    });
  return `${data.type === "line" ? "Line" : "Scatter"} chart. ${parts.join("; ") || "No points yet"}.`;
}

/** Charts follow their cells when they recalculate. */
export function updateCharts(page: PlaygroundPage): void {
  for (const c of page.charts) {
    c.drawn?.update(chartData(page, c.sheet, c.index));
    const caption = c.host.querySelector("figcaption");
    if (caption) caption.textContent = chartSummary(page, c.sheet, c.index);
  }
}

export function chartData(page: PlaygroundPage, sheet: string, index: number) {
  const plan = page.meta[sheet]!.charts[index]!;
  const id = page.hf.getSheetId(sheet)!;
  const values = (range: string) => {
    if (!range) return []; // a series without x values (a chart from Excel) is drawn over 1, 2, 3…
    const r = rect(range);
    return page.hf.getRangeValues({ start: { sheet: id, row: r.top, col: r.left }, end: { sheet: id, row: r.bottom, col: r.right } }).flat();
  };
  const formatter = (range: string | undefined) => {
    const r = range ? rect(range) : undefined;
    const format = r ? formatOf(page, r.top, r.left, id) : undefined;
    return (v: number) => formatNumber(v, format, 24);
  };
  const type = plan.type ?? "scatter";
  const series = plan.series.map((s) => {
    const xs = values(s.x);
    const ys = values(s.y);
    const points: { x: number | string; y: number }[] = [];
    ys.forEach((y, i) => {
      const x = xs[i];
      if (typeof y !== "number") return;
      if (type === "scatter" && typeof x !== "number") return;
      points.push({ x: typeof x === "number" || typeof x === "string" ? x : String(i + 1), y });
    });
    return { name: s.name, role: s.role, points };
  });
  const main = plan.series.find((s) => s.role !== "marker");
  return { type, title: plan.title, xTitle: plan.xTitle, yTitle: plan.yTitle, series, formatX: formatter(main?.x), formatY: formatter(main?.y) };
}
