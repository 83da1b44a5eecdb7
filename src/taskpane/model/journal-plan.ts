import { TRADES } from "../../engine";
import { cellName } from "../../shared/a1";
import type { Block, CellValue, NumberFormat, WritePlan } from "../../shared/workbook";
import { STAT_NOTES, statNoteFormulas } from "./journal-notes";
import { quoteFee, type FeeRates, type Fill } from "./journal-fill";

/**
 * The journal sheet a fills import writes: the fills as an Excel table, LEV.TRADES over the table's columns
 * (structured references, so fills added to the table later are picked up), LEV.JOURNALSTATS and
 * LEV.EQUITYCURVE over the trades' Net PnL with their Closed column (open trades left out, the rest in the
 * order they closed, as the account realised them) from a start-balance input, the equity curve's chart, and
 * number formats on every block.
 */

export const JOURNAL_IMPORT_SHEET = "LEV Journal";
export const FILLS_TABLE = "LEVFills";
export const START_BALANCE_NAME = "StartBalance";
/** Rows below the trades the formulas and formats reach, for trades that fills added later make. */
export const SPARE_ROWS = 200;

const TIME = "yyyy-mm-dd hh:mm:ss";
const PRICE = "#,##0.00######";
const MONEY = "#,##0.00";
const PERCENT = "0.00%";
const COUNT = "0";
const QUANTITY = "General";


export interface JournalPlanInput {
  fills: readonly Fill[];
  rates: FeeRates;
  startBalance: number;
  /** Where the fills came from, said on the sheet ("binance.csv, Binance spot trade history, UTC"). */
  source: string;
  /** The number of trades the fills make, when the caller has it from the engine already (a large import's worker). */
  tradeCount?: number;
}

/**
 * The header row of the fills table: Contract size where volumes are lots, Position side for a hedge-mode
 * account, Note where a fill is marked (an inferred opening).
 */
export function fillColumns(hedge: boolean, sized = false, noted = false): string[] {
  return ["Time", "Symbol", "Side", "Price", "Quantity", "Fee", ...(sized ? ["Contract size"] : []), ...(hedge ? ["Position side"] : []), ...(noted ? ["Note"] : [])];
}

/**
 * The fills' columns as LEV.TRADES reads them, and the engine's own trades table over them (its exact fast
 * path when it answers, else the Decimal path), cells as numbers and text: the trades the sheet will show.
 */
export function tradesOf(fills: readonly Fill[], rates: FeeRates): (string | number | null)[][] {
  const col = <T>(f: (x: Fill) => T) => fills.map((x) => [f(x)]);
  const hedge = fills.some((f) => f.positionSide !== undefined);
  const sized = fills.some((f) => f.contractSize !== undefined);
  const args = [
    col((f) => f.time),
    col((f) => f.symbol),
    col((f) => f.side),
    col((f) => f.price),
    col((f) => f.quantity),
    col((f) => quoteFee(f, rates) ?? null),
    sized ? col((f) => f.contractSize ?? 1) : null,
    hedge ? col((f) => f.positionSide ?? null) : null,
  ];
  const table = (TRADES.fast?.(args) ?? TRADES.apply(args)) as unknown[][];
  return table.map((row) => row.map((c) => (c === null || typeof c === "string" || typeof c === "number" ? c : Number(String(c)))));
}

export function journalImportPlan(input: JournalPlanInput): WritePlan {
  const { fills, rates } = input;
  const hedge = fills.some((f) => f.positionSide !== undefined);
  const sized = fills.some((f) => f.contractSize !== undefined);
  const noted = fills.some((f) => f.note !== undefined);
  const columns = fillColumns(hedge, sized, noted);
  const n = fills.length;
  const left = columns.length + 1; // one blank column between blocks
  const tradesAt = left;
  const statsAt = tradesAt + 14;
  const curveAt = statsAt + 3;
  const headRow = 5; // 0-based: row 6 holds the table's header and the formulas
  const first = headRow + 1;
  const tradeCount = input.tradeCount ?? tradesOf(fills, rates).length - 1;
  const reach = Math.max(n, tradeCount) + SPARE_ROWS;
  const lastRow = first + reach - 1;
  const left_out = fills.filter((f) => quoteFee(f, rates) === undefined);

  const T = FILLS_TABLE;
  const ref = (c: string) => `${T}[${c}]`;
  const tradesFormula =
    `=LEV.TRADES(${ref("Time")}, ${ref("Symbol")}, ${ref("Side")}, ${ref("Price")}, ${ref("Quantity")}, ${ref("Fee")}` +
    (sized ? `, ${ref("Contract size")}` : hedge ? ", " : "") +
    (hedge ? `, ${ref("Position side")})` : ")");
  const span = (col: number) => `${cellName(first, col)}:${cellName(lastRow, col)}`;
  // The trades' Net PnL with their Closed column: open trades left out, the rest in the order they closed
  const net = span(tradesAt + 10);
  const closed = span(tradesAt + 3);

  const blocks: Block[] = [];
  const note =
    left_out.length > 0
      ? `${left_out.length} fee${left_out.length === 1 ? "" : "s"} charged in ${[...new Set(left_out.map((f) => f.feeAsset))].join(", ")} ${left_out.length === 1 ? "is" : "are"} left out of the Fee column (no rate was given).`
      : "";
  blocks.push({ at: "A1", rows: [["Trading journal", null, null]] });
  blocks.push({ at: "A2", rows: [[`Fills from ${input.source}. Add fills as new rows of the table: trades, statistics and the curve follow.`]] });
  blocks.push({ at: "A3", rows: [["Start balance", input.startBalance, note]] });
  blocks.push({ at: cellName(headRow - 1, 0), rows: [["Fills"]] });
  blocks.push({ at: cellName(headRow - 1, tradesAt), rows: [["Trades (LEV.TRADES over the fills table)"]] });
  blocks.push({ at: cellName(headRow - 1, statsAt), rows: [["Statistics (closed trades, in the order they closed)"]] });
  blocks.push({ at: cellName(headRow - 1, curveAt), rows: [["Equity curve (closed trades, in the order they closed)"]] });
  const body: CellValue[][] = [
    columns,
    ...fills.map((f) => {
      const row: CellValue[] = [f.time, f.symbol, f.side, f.price, f.quantity, quoteFee(f, rates) ?? null];
      if (sized) row.push(f.contractSize ?? 1);
      if (hedge) row.push(f.positionSide ?? "BOTH");
      if (noted) row.push(f.note ?? null);
      return row;
    }),
  ];
  blocks.push({ at: cellName(headRow, 0), rows: body });
  blocks.push({ at: cellName(headRow, tradesAt), rows: [[tradesFormula]] });
  blocks.push({ at: cellName(headRow, statsAt), rows: [[`=LEV.JOURNALSTATS(${net}, ${START_BALANCE_NAME}, , ${closed})`]] });
  blocks.push({ at: cellName(headRow, curveAt), rows: [[`=LEV.EQUITYCURVE(${START_BALANCE_NAME}, ${net}, ${closed})`]] });

  const formats: NumberFormat[] = [{ range: "B3", format: MONEY }];
  const fillSpan = (j: number) => `${cellName(first, j)}:${cellName(first + Math.max(n, 1) - 1, j)}`;
  formats.push({ range: fillSpan(0), format: TIME }, { range: fillSpan(3), format: PRICE }, { range: fillSpan(4), format: QUANTITY }, { range: fillSpan(5), format: PRICE });
  const tradeFormats = [null, null, TIME, TIME, COUNT, QUANTITY, PRICE, PRICE, MONEY, MONEY, MONEY, PERCENT, null];
  tradeFormats.forEach((f, j) => {
    if (f) formats.push({ range: span(tradesAt + j), format: f });
  });
  STAT_NOTES.forEach(([, format], i) => formats.push({ range: cellName(headRow + i, statsAt + 1), format }));
  const curveFormats = [COUNT, MONEY, MONEY, MONEY, MONEY, PERCENT];
  curveFormats.forEach((f, j) => formats.push({ range: `${cellName(first, curveAt + j)}:${cellName(lastRow + 1, curveAt + j)}`, format: f }));

  // A statistic that cannot be computed yet shows an error; the column beside it says why, in plain words.
  statNoteFormulas((i) => cellName(headRow + i, statsAt + 1)).forEach((note, i) => {
    if (note) blocks.push({ at: cellName(headRow + i, statsAt + 2), rows: [[note]] });
  });

  // The chart over the whole reach of the curve (row 0 and one row per closed trade), so that it follows trades
  // that new fills close; the empty rows below the curve are no points. Balance and its peak on one scale: the
  // drawdown is the gap between them (a drawdown line of tens beside a balance of thousands would flatten both).
  const curveCol = (j: number) => `${cellName(first, curveAt + j)}:${cellName(lastRow + 1, curveAt + j)}`;
  const widths: number[] = [];
  columns.forEach((c) => widths.push(c === "Note" ? 300 : c === "Time" ? 130 : c === "Side" ? 50 : c === "Contract size" ? 90 : c === "Position side" ? 100 : c === "Symbol" || c === "Price" ? 90 : 80));
  widths.push(20);
  // Opened and Closed hold a date-time "2024-03-04 09:00:00": 130 points leave it room
  [80, 50, 130, 130, 45, 70, 90, 90, 90, 70, 90, 70, 60].forEach((w) => widths.push(w));
  widths.push(20, 150, 90, 250, 50, 80, 90, 90, 80, 80);

  return {
    baseName: JOURNAL_IMPORT_SHEET,
    blocks,
    formats,
    names: [{ name: START_BALANCE_NAME, cell: "B3" }],
    table: { range: `${cellName(headRow, 0)}:${cellName(headRow + Math.max(n, 1), columns.length - 1)}`, style: "TableStyleMedium2", name: FILLS_TABLE },
    conditionalFormats: [
      { range: span(tradesAt + 10), formula: `=${cellName(first, tradesAt + 10)}<0`, fill: "#F4B6B6", font: "#9C0006", meaning: "a losing trade" },
    ],
    chart: {
            title: "Equity curve (closed trades, in the order they closed)",
            xTitle: "Trade",
            yTitle: "Balance",
            series: [
              { name: "Balance", x: curveCol(0), y: curveCol(2) },
              { name: "Peak", x: curveCol(0), y: curveCol(3) },
            ],
            // right of the curve, which grows down with every closed trade and must not be hidden
            anchor: `${cellName(headRow - 1, curveAt + 7)}:${cellName(headRow + 18, curveAt + 14)}`,
    },
    columnWidths: widths,
    bold: ["A1", cellName(headRow - 1, 0), cellName(headRow - 1, tradesAt), cellName(headRow - 1, statsAt), cellName(headRow - 1, curveAt)],
    inputRange: "B3",
    select: "A1",
  };
}
