import { Parser } from "htmlparser2";
import type { Grid } from "./journal-source";

/**
 * An HTML report's table rows as a grid of text cells, with htmlparser2 (entities decoded; no DOM, so it
 * runs in the import's worker). MetaTrader 5's HTML report is one table: each row a <tr>, each cell a <td> or
 * <th>; a cell spanning columns (colspan) is followed by blanks so that the columns line up with the
 * header's; cells MetaTrader hides (class "hidden") are left out, in headers and rows alike. Loaded only when
 * an HTML file is chosen.
 */
export function htmlGrid(html: string): Grid {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] | undefined;
  let cell: string | undefined;
  let span = 1;
  let hidden = false;
  let depth = 0; // nested cells (a table inside a cell) add to the outer cell's text
  const endCell = () => {
    if (row && cell !== undefined && !hidden) {
      row.push(cell.replace(/\s+/g, " ").trim());
      for (let i = 1; i < span; i++) row.push("");
    }
    cell = undefined;
  };
  const endRow = () => {
    endCell();
    if (row && row.some((c) => c !== "")) {
      rows.push(row);
      lines.push(rows.length);
    }
    row = undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "tr") {
          if (depth === 0) endRow();
          if (depth === 0) row = [];
        } else if (name === "td" || name === "th") {
          if (cell !== undefined) {
            depth++;
            return;
          }
          cell = "";
          span = Math.max(1, Math.min(64, Number(attrs.colspan) || 1));
          hidden = /\bhidden\b/i.test(attrs.class ?? "") || /display\s*:\s*none/i.test(attrs.style ?? "");
        } else if (name === "br" && cell !== undefined) cell += " ";
      },
      ontext(text) {
        if (cell !== undefined) cell += text;
      },
      onclosetag(name) {
        if (name === "td" || name === "th") {
          if (depth > 0) depth--;
          else endCell();
        } else if (name === "tr" && depth === 0) endRow();
        else if (name === "table" && depth === 0) endRow();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html.replace(/^\uFEFF/, ""));
  parser.end();
  endRow();
  return { rows, lines };
}
