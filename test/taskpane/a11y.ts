import * as fs from "fs";
import { PNG } from "pngjs";
import type { Page } from "playwright-core";

/*
 * Accessibility checks for the browser tests: axe-core (from npm, injected into the page under test) with
 * the WCAG 2.2 AA rules, and a focus indicator measured from two screenshots, one focused and one not.
 */

/** axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Elements axe leaves out. Fluent UI's focus manager (tabster) puts 1 × 1 px focusable `<i aria-hidden>`
 * "dummy inputs" around arrow-key groups such as the step tabs; they hand focus on at once and are
 * deliberately hidden from screen readers, so axe's aria-hidden-focus rule reports them by design
 * (microsoft/tabster issue 288, microsoft/fluentui issues 25133 and 27517). The keyboard walks check that
 * focus never rests on one.
 */
export const AXE_EXCLUDE = ["[data-tabster-dummy]"];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core in `page` over `include` (CSS selectors; the whole page when empty) and returns the
 * violations that are serious or critical, each with the first nodes it names.
 */
export async function seriousViolations(page: Page, include: string[] = []): Promise<Violation[]> {
  // page.evaluate runs through the DevTools protocol, which the pages' Content-Security-Policy does not limit.
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, exclude, tags }) => {
      const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
      const context = include.length > 0 ? { include: include.map((s) => [s]), exclude: exclude.map((s) => [s]) } : { exclude: exclude.map((s) => [s]) };
      const result = await axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`) }));
    },
    { include, exclude: AXE_EXCLUDE, tags: AXE_TAGS },
  );
}

/** Ids named by aria-labelledby or aria-describedby under `root` that no element of the page has. */
export async function danglingReferences(page: Page, root: string): Promise<string[]> {
  return page.evaluate((root) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll(`${root} [aria-labelledby], ${root} [aria-describedby]`)) {
      for (const attr of ["aria-labelledby", "aria-describedby"]) {
        for (const id of (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean)) {
          if (!document.getElementById(id)) out.push(`${el.tagName.toLowerCase()} ${attr}="${id}"`);
        }
      }
    }
    return out;
  }, root);
}

// ─── Focus indicators ────────────────────────────────────────────────────────────────────────────────

/** WCAG 2.2's relative luminance of an sRGB colour (Understanding SC 1.4.3, "relative luminance"). */
export function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG's contrast ratio of two colours, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter. */
export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const la = luminance(...a);
  const lb = luminance(...b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of each side of a control the focus indicator covers, and how thick it is there. */
export interface Ring {
  /** Per side (top, right, bottom, left): the share of the side's middle positions where, across the
   * side's edge, at least `thickness` pixels in a row changed at 3:1 or more between the two shots. */
  sides: { top: number; right: number; bottom: number; left: number };
  /** Pixels that changed at 3:1 or more, anywhere in the clip. */
  changed: number;
}

/**
 * Compares two screenshots of the same clip, unfocused and focused, around a control at `box` (in the
 * clip's pixels, the control's own rectangle), and measures the ring of pixels whose colour changed with a
 * contrast of at least 3:1 (WCAG 2.2 SC 2.4.13's "change of contrast"). Along each side, at every position
 * of its middle 80 % (rounded corners aside), the band of `reach` pixels either side of the edge is scanned
 * across for a run of at least `thickness` changed pixels.
 */
export function focusRing(unfocused: Buffer, focused: Buffer, box: Box, { thickness = 2, reach = 6 } = {}): Ring {
  const a = PNG.sync.read(unfocused);
  const b = PNG.sync.read(focused);
  if (a.width !== b.width || a.height !== b.height) throw new Error("the two screenshots differ in size");
  const w = a.width;
  const h = a.height;
  const changedAt = (x: number, y: number): boolean => {
    if (x < 0 || y < 0 || x >= w || y >= h) return false;
    const i = (y * w + x) * 4;
    return contrast([a.data[i]!, a.data[i + 1]!, a.data[i + 2]!], [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!]) >= 3;
  };
  let changed = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (changedAt(x, y)) changed++;

  const left = Math.round(box.x);
  const top = Math.round(box.y);
  const right = Math.round(box.x + box.width) - 1;
  const bottom = Math.round(box.y + box.height) - 1;
  /** The longest run of changed pixels along a line of points. */
  const run = (points: [number, number][]) => {
    let best = 0;
    let cur = 0;
    for (const [x, y] of points) {
      cur = changedAt(x, y) ? cur + 1 : 0;
      best = Math.max(best, cur);
    }
    return best;
  };
  const across = (from: number, to: number, at: (i: number) => [number, number]) => {
    const pts: [number, number][] = [];
    for (let i = from; i <= to; i++) pts.push(at(i));
    return pts;
  };
  const share = (lo: number, hi: number, line: (p: number) => [number, number][]) => {
    const a0 = Math.round(lo + (hi - lo) * 0.1);
    const a1 = Math.round(hi - (hi - lo) * 0.1);
    let ok = 0;
    for (let p = a0; p <= a1; p++) if (run(line(p)) >= thickness) ok++;
    return a1 >= a0 ? ok / (a1 - a0 + 1) : 0;
  };
  return {
    sides: {
      top: share(left, right, (x) => across(top - reach, top + reach, (y) => [x, y])),
      bottom: share(left, right, (x) => across(bottom - reach, bottom + reach, (y) => [x, y])),
      left: share(top, bottom, (y) => across(left - reach, left + reach, (x) => [x, y])),
      right: share(top, bottom, (y) => across(right - reach, right + reach, (x) => [x, y])),
    },
    changed,
  };
}
