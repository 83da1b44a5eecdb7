/*
 * Kept free of the engine (plain numbers and strings), so that the playground's sample sheets can use the
 * price formats without loading it.
 */

/** A cell's value: a number, text, a boolean, or an error ({ error, message }). */
type Shown = number | string | boolean | { error: string };

/** What a figure measures, which settles its number format in the sheet and its display in the pane. */
export type Unit = "money" | "coin" | "price" | "percent" | "rate" | "multiple" | "ratio" | "quantity" | "hours" | "days" | "text";

/**
 * How prices are shown: at least the tick's decimals, and as many more as 5 significant digits of the
 * trade's price need (so 0.000012 keeps its digits, and BTCUSDT at 60,000 shows the tick's two). The same
 * digits in the pane, in the sheet's number formats and in the sentences, and on the chart's axes, which
 * follow the cells' formats.
 */
export interface PriceDigits {
  min: number;
  max: number;
}

/** Decimals of a step as the venue writes it: "0.10" has 2, "0.0000001" has 7, "1" has none. */
export function stepDecimals(step: string): number {
  const t = step.trim();
  const e = /e-(\d+)$/i.exec(t);
  if (e) return Number(e[1]) + (t.split(/e/i)[0]!.split(".")[1]?.length ?? 0);
  return t.includes(".") ? t.split(".")[1]!.length : 0;
}

/** Decimals that show 5 significant digits of `reference` (0 at and above 10,000). */
export function significantDecimals(reference: number, digits = 5): number {
  if (!Number.isFinite(reference) || reference === 0) return 2;
  const magnitude = Math.floor(Math.log10(Math.abs(reference))) + 1;
  return Math.max(0, digits - magnitude);
}

/**
 * The price digits for a trade: the tick's decimals at least, more up to 5 significant digits of the price.
 * Without a tick (a symbol LEV does not know, a row typed by hand), 2 decimals at least, as few as the price
 * needs beyond that.
 */
export function priceDigits(reference: number, tick?: string): PriceDigits {
  const sig = significantDecimals(reference);
  const min = tick !== undefined && tick.trim() !== "" ? stepDecimals(tick) : Math.min(2, sig);
  const max = Math.max(min, sig);
  // Optional decimals need one fixed one before them: Excel shows 23 in "0.###" as "23."
  return { min: min === 0 ? max : min, max };
}

/** A number format with `min` fixed decimals and optional ones up to `max`: "#,##0.00###". */
export function decimalsFormat(d: PriceDigits, grouping = true): string {
  const int = grouping ? "#,##0" : "0";
  if (d.max === 0) return int;
  return `${int}.${"0".repeat(d.min)}${"#".repeat(d.max - d.min)}`;
}

/** A format for prices typed by hand in any symbol (a positions table's empty rows): 2 decimals, up to 8. */
export const ANY_PRICE: PriceDigits = { min: 2, max: 8 };

/** Excel number formats by unit. */
export function excelFormat(unit: Unit, prices: PriceDigits): string {
  switch (unit) {
    case "money":
      return "#,##0.00";
    case "coin":
      return "#,##0.00000000"; // amounts in the coin (inverse contracts): satoshi precision
    case "price":
      return decimalsFormat(prices);
    case "percent":
      return "#,##0.00%"; // levels, ratios, moves
    case "rate":
      return "0.00##%"; // fee, funding and maintenance rates: up to 4 decimals, so 0.006 % does not show as 0.01 %
    case "multiple":
      return '0.00"x"';
    case "ratio":
      return "0.00";
    case "hours":
    case "days":
      return "0.##"; // the unit is in the label: "Holding period (days)"
    default:
      return "General";
  }
}

/**
 * A number as `decimalsFormat` shows it, rounded half away from zero as Excel rounds (on its 15 significant
 * digits), with or without grouping.
 */
export function formatDecimals(n: number, d: PriceDigits, grouping = true): string {
  const [digits, negative] = roundHalfUp(n, d.max);
  let text = digits;
  if (d.max > d.min) text = text.replace(new RegExp(`0{1,${d.max - d.min}}$`), "");
  text = text.replace(/\.$/, "");
  if (grouping) {
    const [int, frac] = text.split(".");
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
  }
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/**
 * |n| with `places` decimals, rounded half away from zero on its 15 significant digits (as Excel rounds, so
 * 1.005 is 1.01), and whether n is negative.
 */
function roundHalfUp(n: number, places: number): [string, boolean] {
  const [mantissa, exp] = Math.abs(n).toExponential(14).split("e");
  const digits = mantissa!.replace(".", "");
  const point = Number(exp) + 1; // digits before the decimal point
  // the digits as an integer scaled by 10^places, then rounded on the next digit
  const keep = point + places;
  let kept = keep <= 0 ? "0" : digits.slice(0, keep).padEnd(keep, "0");
  const next = keep < 0 ? 0 : Number(digits[keep] ?? "0");
  if (next >= 5) kept = (BigInt(kept) + 1n).toString();
  const padded = kept.padStart(places + 1, "0");
  const text = places > 0 ? `${padded.slice(0, padded.length - places)}.${padded.slice(padded.length - places)}` : padded;
  return [text, n < 0];
}

/** "1 day", "2 days", "0.5 days". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US", { maximumFractionDigits: 8 })} ${n === 1 ? one : many}`;
}

/** A value as the pane shows it, in the trader's locale conventions (en-US grouping). */
export function display(v: Shown, unit: Unit, prices: PriceDigits): string {
  if (typeof v === "object") return "none";
  if (typeof v !== "number") return String(v);
  const fixed = (digits: number) =>
    v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (unit) {
    case "money":
      return fixed(2);
    case "coin":
      return fixed(8);
    case "price":
      return formatDecimals(v, prices);
    case "percent":
      return `${(v * 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
    case "rate":
      return `${(v * 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })} %`;
    case "multiple":
      return `${fixed(2)}x`;
    case "ratio":
      return fixed(2);
    case "hours":
      return plural(v, "hour", "hours");
    case "days":
      return plural(v, "day", "days");
    default:
      return v.toLocaleString("en-US", { maximumFractionDigits: 8 });
  }
}
