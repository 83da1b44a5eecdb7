/*
 * How a chart's series look, the same in the playground (Chart.js) and in the native chart a saved file holds:
 * the main series in the playground's blues and purples, each vertical mark in a colour that says what it is.
 */

export const MAIN_COLOURS = ["#0f6cbd", "#7a3fb0", "#0b7a6b", "#6b6b6b"];

/** A mark's colour says what it is: liquidation red, stop amber, target green. */
export function markerColour(name: string, i: number): string {
  const n = name.toLowerCase();
  if (n.includes("liquid") || n.includes("bankrupt")) return "#c00000";
  if (n.includes("stop") || n.includes("call")) return "#c55a11";
  if (n.includes("target") || n.includes("profit")) return "#2e7d32";
  return ["#7030a0", "#806000", "#005f73"][i % 3]!;
}

/** Each series' colour, in order: main series by their place, marks by their name. */
export function seriesColours(series: readonly { name: string; role?: "marker" }[]): string[] {
  let marks = 0;
  return series.map((s, i) => (s.role === "marker" ? markerColour(s.name, marks++) : MAIN_COLOURS[i % MAIN_COLOURS.length]!));
}
