import { FIELD_HINTS, FILL_FIELDS, LAYOUTS, NOT_FIELD, REQUIRED_FIELDS, SHAPES, type FillField, type Layout } from "./journal-layouts";
import { recogniseHeadersWith, type Grid } from "./journal-source";
import type { Mapping } from "./journal-analysis";

/** An export's header: which known layout it is, where it is, and which column holds each field (proposed, remembered or the layout's). */

export const norm = (s: string) =>
  s
    .replace(/\uFEFF/g, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

/** The key a mapping is remembered under: the header's names, normalised. */
export function headerKey(header: readonly string[]): string {
  return header.map(norm).join("\u001f");
}

/** Index of the first header cell that is one of `names` ("A|B"), or -1. */
export function columnOf(header: readonly string[], names: string | undefined): number {
  if (names === undefined) return -1;
  const wanted = names.split("|").map(norm);
  for (const w of wanted) {
    const i = header.findIndex((h) => norm(h) === w);
    if (i >= 0) return i;
  }
  return -1;
}

function fits(layout: Layout, header: readonly string[]): boolean {
  return layout.requires.every((r) => columnOf(header, r) >= 0);
}

/** The known layout whose required columns the header has (the one requiring most, when several fit). */
export function recogniseLayout(header: readonly string[]): Layout | undefined {
  const found = LAYOUTS.filter((l) => fits(l, header));
  return found.sort((a, b) => b.requires.length - a.requires.length)[0];
}

recogniseHeadersWith((row) => recogniseLayout(row) !== undefined);

/** Where the header is: the first row a known layout fits, else the first row of four or more cells. */
export function findHeader(grid: Grid): { index: number; layout: Layout | undefined } {
  // A MetaTrader report has its Deals table under hundreds of positions and orders: look through all of it.
  const limit = /trade history report|^positions$/i.test(grid.rows[0]?.[0] ?? "") ? grid.rows.length : Math.min(grid.rows.length, 500);
  for (let i = 0; i < limit; i++) {
    const row = grid.rows[i]!;
    if (row.filter((c) => c !== "").length < 4) continue;
    const layout = recogniseLayout(row);
    if (layout) return { index: i, layout };
  }
  const first = grid.rows.findIndex((r, i) => i < 100 && r.filter((c) => c !== "").length >= 4);
  return { index: first, layout: first >= 0 ? byShape(grid, first) : undefined };
}

/**
 * A known export whose header is in another language: recognised when its header has that export's number of
 * columns and its first rows' cells are, column by column, what that export writes. Its columns are then the
 * header's cells at the export's positions.
 */
function byShape(grid: Grid, header: number): Layout | undefined {
  const head = grid.rows[header]!;
  const rows = grid.rows.slice(header + 1, header + 21);
  if (rows.length === 0) return undefined;
  for (const shape of SHAPES) {
    if (head.length !== shape.cells.length) continue;
    if (!rows.every((r) => r.length === shape.cells.length && shape.cells.every((re, j) => re.test(r[j]!)))) continue;
    const known = LAYOUTS.find((l) => l.id === shape.layout)!;
    const columns: Layout["columns"] = {};
    shape.fields.forEach((f, j) => {
      if (f) columns[f] = head[j]!;
    });
    return { ...known, id: `${known.id}-by-shape`, name: `${known.name} (header in another language, recognised by its columns' contents)`, requires: [], columns };
  }
  return undefined;
}

export function layoutMapping(layout: Layout, header: readonly string[]): Mapping {
  const m: Mapping = {};
  for (const f of FILL_FIELDS) {
    const i = columnOf(header, layout.columns[f]);
    if (i >= 0) m[f] = i;
  }
  return m;
}

/**
 * A mapping proposed from column names, for a CSV of no known layout: each field takes a column whose name
 * is one of its hints, the first hint that fits winning (so Side before Type, Fee before Fee Rate, Filled
 * Quantity before Filled Value); a name that says it is something else (a rate, a value, an order type) is
 * never taken.
 */
export function proposeMapping(header: readonly string[]): Mapping {
  const m: Mapping = {};
  const used = new Set<number>();
  const names = header.map((h) => norm(h).replace(/\(.*?\)/g, "").trim());
  const order: FillField[] = ["feeAsset", "positionSide", "time", "symbol", "side", "price", "quantity", "fee"];
  for (const f of order) {
    const excluded = (n: string) => NOT_FIELD[f].some((w) => n.includes(w)) && !FIELD_HINTS[f].includes(n);
    let best = -1;
    // exact names first, hint by hint; then names that start or end with a hint; then names containing one
    for (const test of [(n: string, h: string) => n === h, (n: string, h: string) => n.startsWith(`${h} `) || n.endsWith(` ${h}`), (n: string, h: string) => n.includes(h)]) {
      for (const hint of FIELD_HINTS[f]) {
        best = names.findIndex((n, i) => !used.has(i) && !excluded(n) && test(n, hint));
        if (best >= 0) break;
      }
      if (best >= 0) break;
    }
    if (best >= 0) {
      m[f] = best;
      used.add(best);
    }
  }
  return m;
}

/** A remembered mapping (field → header name) applied to this header, when every name is in it. */
export function rememberedMapping(header: readonly string[], saved: Partial<Record<FillField, string>> | undefined): Mapping | undefined {
  if (!saved) return undefined;
  const m: Mapping = {};
  for (const [f, name] of Object.entries(saved) as [FillField, string][]) {
    const i = header.findIndex((h) => norm(h) === norm(name));
    if (i < 0) return undefined;
    m[f] = i;
  }
  return m;
}

/** A mapping as header names, to remember it (never any of the file's data). */
export function mappingNames(header: readonly string[], m: Mapping): Partial<Record<FillField, string>> {
  const out: Partial<Record<FillField, string>> = {};
  for (const f of FILL_FIELDS) if (m[f] !== undefined && header[m[f]!] !== undefined) out[f] = header[m[f]!]!;
  return out;
}

/** The required fields a mapping leaves without a column. */
export function missingFields(m: Mapping): FillField[] {
  return REQUIRED_FIELDS.filter((f) => m[f] === undefined);
}
