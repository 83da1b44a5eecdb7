import type { Dec } from "../../engine";
import { isError, type Val } from "./expr";

/** What a figure measures, which settles its number format in the sheet and its display in the pane. */
export type Unit = "money" | "coin" | "price" | "percent" | "multiple" | "ratio" | "quantity" | "hours" | "days" | "text";

/** Excel number formats by unit; prices get more decimals for small quotes (forex). */
export function excelFormat(unit: Unit, entry: Dec): string {
  switch (unit) {
    case "money":
      return "#,##0.00";
    case "coin":
      return "#,##0.00000000"; // amounts in the coin (inverse contracts): satoshi precision
    case "price":
      return entry.lt(10) ? "0.00000" : "#,##0.00";
    case "percent":
      return "0.00##%"; // up to 4 decimals, so a funding rate of 0.006 % does not show as 0.01 %
    case "multiple":
      return '0.00"x"';
    case "ratio":
      return "0.00";
    case "hours":
      return '0" h"';
    case "days":
      return '0.##" days"';
    default:
      return "General";
  }
}

/** A value as the pane shows it, in the trader's locale conventions (en-US grouping). */
export function display(v: Val, unit: Unit, entry: Dec): string {
  if (isError(v)) return "none";
  if (typeof v !== "number") return String(v);
  const fixed = (digits: number) =>
    v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (unit) {
    case "money":
      return fixed(2);
    case "coin":
      return fixed(8);
    case "price":
      return entry.lt(10) ? fixed(5) : fixed(2);
    case "percent":
      return `${(v * 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
    case "multiple":
      return `${fixed(2)}x`;
    case "ratio":
      return fixed(2);
    case "hours":
      return `${v} h`;
    case "days":
      return `${v} days`;
    default:
      return v.toLocaleString("en-US", { maximumFractionDigits: 8 });
  }
}
