import { dateParts } from "./format";
import { serialOf } from "./typed";

/*
 * Series for the fill handle, as Excel's AutoFill makes them from the cells a drag starts with (formulas are
 * HyperFormula's: getFillRangeData moves their relative references). One line of the source (a column when
 * filling down or up, a row when filling across) at a time:
 *
 * - two or more numbers: the straight line through them (Excel's linear trend: least squares, so 1, 2 gives
 *   3, 4, 5 and 1, 3, 4 gives 5.67, 7.17, 8.67, as Microsoft's "Project values in a series" lists);
 * - one date: a day further each cell; dates on the same day of different months: a month step;
 * - one text ending in a number ("Trade 1"): the number counts up;
 * - anything else (one plain number, text, a mix): undefined, copied as it is.
 */

export type Content = string | number | boolean | null;

const clean = (x: number) => Number(x.toPrecision(15));

/**
 * The values of `count` cells beyond a source line, `backward` when the fill goes up or left (the first
 * value is then the one next to the source's first cell). `dates[i]` says whether source cell i shows a date.
 */
export function series(line: readonly Content[], dates: readonly boolean[], count: number, backward: boolean): Content[] | undefined {
  const n = line.length;
  const at = (k: number) => (backward ? -1 - k : n + k); // position of the k-th new cell, the source being 0..n-1
  const numbers = line.every((v) => typeof v === "number");
  if (numbers && n >= 2) {
    const ys = line as number[];
    if (dates.every(Boolean)) {
      const months = monthStep(ys);
      if (months !== undefined) {
        const first = dateParts(ys[0]!);
        return Array.from({ length: count }, (_, k) => {
          const m = first.month - 1 + months * at(k);
          const year = first.year + Math.floor(m / 12);
          const month = (((m % 12) + 12) % 12) + 1;
          return serialOf(year, month, Math.min(first.day, daysIn(year, month))) + (ys[0]! % 1);
        });
      }
    }
    const xbar = (n - 1) / 2;
    const ybar = ys.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    ys.forEach((y, x) => {
      sxy += (x - xbar) * (y - ybar);
      sxx += (x - xbar) ** 2;
    });
    const slope = sxy / sxx;
    return Array.from({ length: count }, (_, k) => clean(ybar + slope * (at(k) - xbar)));
  }
  if (numbers && n === 1 && dates[0]) {
    const d = line[0] as number;
    return Array.from({ length: count }, (_, k) => d + (backward ? -(k + 1) : k + 1));
  }
  if (n === 1 && typeof line[0] === "string" && !line[0].startsWith("=")) {
    const m = /^(.*?)(\d+)$/.exec(line[0]);
    if (!m || m[1] === "") return undefined; // a number typed as text stays as it is
    const start = Number(m[2]);
    return Array.from({ length: count }, (_, k) => `${m[1]}${Math.max(0, start + (backward ? -(k + 1) : k + 1))}`);
  }
  return undefined;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The whole number of months between equally spaced dates on the same day of the month, if they are so. */
function monthStep(serials: readonly number[]): number | undefined {
  const parts = serials.map(dateParts);
  const day = parts[0]!.day;
  if (!parts.every((p) => p.day === day)) return undefined;
  const months = parts.map((p) => p.year * 12 + p.month);
  const step = months[1]! - months[0]!;
  if (step === 0 || !months.every((m, i) => i === 0 || m - months[i - 1]! === step)) return undefined;
  return step;
}
