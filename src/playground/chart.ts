import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from "chart.js";
import { seriesColours } from "./chart-style";

/*
 * Charts in the playground, drawn with Chart.js. This module (and Chart.js with it) is loaded only when a
 * sheet has a chart, as a chunk of its own. The page reads the chart's ranges from the workbook and hands
 * the values here; when the cells recalculate it hands them again and the chart follows.
 */

Chart.register(ScatterController, LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Title, Tooltip);

export interface SeriesData {
  name: string;
  role?: "marker";
  points: { x: number | string; y: number }[];
}

export interface ChartData {
  type: "scatter" | "line";
  title: string;
  xTitle: string;
  yTitle: string;
  series: SeriesData[];
  /** How the axes show numbers (the cells' own formats). */
  formatX(v: number): string;
  formatY(v: number): string;
}

export interface DrawnChart {
  update(data: ChartData): void;
  destroy(): void;
}

/** Writes each mark's name beside the top of its vertical line. */
const markerLabels: Plugin<"scatter" | "line"> = {
  id: "levMarkerLabels",
  afterDatasetsDraw(chart) {
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = "600 11px 'Segoe UI', system-ui, sans-serif";
    ctx.textBaseline = "top";
    let n = 0;
    chart.data.datasets.forEach((ds, i) => {
      if ((ds as { role?: string }).role !== "marker" || !chart.isDatasetVisible(i)) return;
      const first = chart.getDatasetMeta(i).data[0];
      if (!first) return;
      const x = first.x;
      if (x < chartArea.left || x > chartArea.right) return;
      const label = String(ds.label ?? "");
      const width = ctx.measureText(label).width;
      const left = x + 4 + width > chartArea.right ? x - 4 - width : x + 4;
      ctx.fillStyle = String(ds.borderColor);
      ctx.fillText(label, left, chartArea.top + 4 + (n % 3) * 14);
      n++;
    });
    ctx.restore();
  },
};

/** A canvas a few hundred pixels wide shows no more than this many points of a series. */
const MAX_POINTS = 2000;

/**
 * A long series thinned for drawing (an equity curve of 25,000 trades): in each of MAX_POINTS / 2 buckets the
 * first point and the lowest and highest, so that every peak and trough (a drawdown) is still drawn. Chart.js
 * thins only line charts itself; scatter series with lines are thinned here. Short series are drawn whole.
 */
export function thinned<P extends { x: number | string; y: number }>(points: P[]): P[] {
  if (points.length <= MAX_POINTS) return points;
  const size = Math.ceil(points.length / (MAX_POINTS / 2));
  const out: P[] = [];
  for (let i = 0; i < points.length; i += size) {
    const bucket = points.slice(i, i + size);
    let lo = bucket[0]!;
    let hi = bucket[0]!;
    for (const p of bucket) {
      if (p.y < lo.y) lo = p;
      if (p.y > hi.y) hi = p;
    }
    const keep = new Set([bucket[0]!, lo, hi, bucket[bucket.length - 1]!]);
    out.push(...bucket.filter((p) => keep.has(p)));
  }
  return out;
}

function config(data: ChartData): ChartConfiguration<"scatter" | "line"> {
  const colours = seriesColours(data.series);
  const datasets = data.series.map((s, i) => {
    const marker = s.role === "marker";
    const colour = colours[i]!;
    return {
      label: s.name,
      role: s.role,
      data: data.type === "line" ? s.points.map((p) => p.y) : thinned(s.points),
      showLine: true,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: marker ? 1.5 : 2.5,
      borderDash: marker ? [6, 4] : [],
      pointRadius: marker ? 0 : data.type === "line" ? 2 : 0,
      tension: 0,
    };
  });
  const wholeX = data.series.every((s) => s.points.every((p) => typeof p.x === "number" && Number.isInteger(p.x)));
  const labels = data.type === "line" ? (data.series[0]?.points.map((p) => (typeof p.x === "number" ? data.formatX(p.x) : p.x)) ?? []) : undefined;
  return {
    type: data.type,
    data: { labels, datasets: datasets as never },
    plugins: [markerLabels as Plugin<"scatter" | "line">],
    options: {
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      plugins: {
        title: { display: true, text: data.title, font: { size: 14, weight: "bold" } },
        legend: { position: "bottom", labels: { boxWidth: 18, boxHeight: 2 } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = item.raw as { x?: number; y?: number } | number;
              const y = typeof raw === "number" ? raw : (raw.y ?? 0);
              const x = typeof raw === "number" ? item.label : data.formatX(raw.x ?? 0);
              return `${item.dataset.label}: ${data.xTitle} ${x}, ${data.yTitle} ${data.formatY(y)}`;
            },
          },
        },
      },
      scales: {
        x: {
          type: data.type === "line" ? "category" : "linear",
          title: { display: true, text: data.xTitle },
          // whole-number x (trade numbers) gets whole-number ticks, not 0.5 shown as "1" by a "0" format
          ticks: data.type === "line" ? { autoSkip: true, maxRotation: 0 } : { callback: (v) => data.formatX(Number(v)), ...(wholeX ? { precision: 0 } : {}) },
        },
        y: {
          type: "linear",
          title: { display: true, text: data.yTitle },
          ticks: { callback: (v) => data.formatY(Number(v)) },
        },
      },
    },
  };
}

export function drawChart(canvas: HTMLCanvasElement, data: ChartData): DrawnChart {
  const chart = new Chart(canvas, config(data));
  return {
    update(next) {
      const c = config(next);
      chart.data = c.data as never;
      chart.options = c.options as never;
      chart.update("none");
    },
    destroy() {
      chart.destroy();
    },
  };
}
