import { cellName, columnName } from "../../shared/a1";
import type { CellValue, WritePlan } from "../../shared/workbook";
import { ANY_PRICE, decimalsFormat, priceDigits } from "./formats";
import { anySymbol } from "./symbols";

/**
 * The positions sheet: a cross-margin account typed as an Excel table (one row per position), its
 * liquidation prices spilled beside it by LEV.CROSSLIQ, each row's distance to liquidation
 * (LEV.LIQDISTANCE) and the account's figures spilled under it by LEV.CROSSACCOUNT. Every figure is a
 * formula over the table and the wallet-balance cell, so a trader changes a mark and reads the rest.
 */

export const POSITIONS_SHEET = "LEV Positions";

export const POSITIONS_COLUMNS = [
  "Symbol",
  "Side",
  "Entry",
  "Quantity",
  "Mark",
  "Maintenance rate",
  "Maintenance amount",
] as const;

export type PositionRow = [symbol: string, side: "long" | "short", entry: number, quantity: number, mark: number, mmr: number, cum: number];

/**
 * An example USDⓈ-M cross account of four symbols, ETHUSDT hedged (a long and a short), each row at its
 * bracket's first-tier rate. Worked by hand (every row at its mark):
 * uPnL: BTC 0.5·(62,850 − 64,200) = −675; ETH long 6·(3,240 − 3,150) = 540; ETH short −2·(3,240 − 3,320) = 160;
 * SOL −40·(151.20 − 142.50) = −348; DOGE 60,000·(0.1612 − 0.1580) = 192; Σ = −131.
 * Maintenance: BTC 31,425·0.4 % = 125.70; ETH 25,920·0.5 % = 129.60; SOL 6,048·0.5 % = 30.24;
 * DOGE 9,672·1 % = 96.72; Σ = 382.26. Wallet 8,000: margin balance 7,869, margin ratio 382.26/7,869 = 4.858 %,
 * surplus over maintenance 7,486.74, so BTCUSDT liquidates at 62,850 − 7,486.74/0.498 = 47,816.39.
 */
export const EXAMPLE_POSITIONS: PositionRow[] = [
  ["BTCUSDT", "long", 64200, 0.5, 62850, 0.004, 0],
  ["ETHUSDT", "long", 3150, 6, 3240, 0.005, 0],
  ["ETHUSDT", "short", 3320, 2, 3240, 0.005, 0],
  ["SOLUSDT", "short", 142.5, 40, 151.2, 0.005, 0],
  ["DOGEUSDT", "long", 0.158, 60000, 0.1612, 0.01, 0],
];
export const EXAMPLE_WALLET = 8000;

/** Rows of the table, examples included: the rest are blank rows to type new positions into. */
export const POSITION_ROWS = 12;

/** Where things sit (0-based rows; columns A = 0). */
export const LAYOUT = {
  walletRow: 1,
  headerRow: 3,
  firstRow: 4,
  lastRow: 4 + POSITION_ROWS - 1,
  /** Column of the spilled liquidation prices (H), and of the distances (I). */
  liqCol: 7,
  distanceCol: 8,
  noteRow: 4 + POSITION_ROWS,
  accountRow: 4 + POSITION_ROWS + 3,
} as const;

const col = (j: number) => `${cellName(LAYOUT.firstRow, j)}:${cellName(LAYOUT.lastRow, j)}`;
const WALLET = cellName(LAYOUT.walletRow, 1);

/** The table's ranges in catalog order, and the two formulas over them. */
export function crossLiqFormula(): string {
  return `=LEV.CROSSLIQ(${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${WALLET}, ${col(5)}, ${col(6)})`;
}
export function crossAccountFormula(): string {
  return `=LEV.CROSSACCOUNT(${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${WALLET}, ${col(5)}, ${col(6)})`;
}

/**
 * Row r's distance to liquidation: LEV.LIQDISTANCE in the direction that liquidates (a fall where the
 * price is below the mark, a rise where it is above), so a hedged symbol's legs show the same distance.
 * A blank row stays blank; where the liquidation column did not spill (the whole result is one error,
 * e.g. #NUM! for an account already under maintenance) the row shows that error.
 */
export function distanceFormula(r: number): string {
  const mark = cellName(r, 4);
  const liq = cellName(r, LAYOUT.liqCol);
  const first = `$${columnName(LAYOUT.liqCol)}$${LAYOUT.firstRow + 1}`; // $H$5
  return `=IF(${cellName(r, 0)}="","",IF(${liq}="",${first},LEV.LIQDISTANCE(IF(${liq}<${mark},"long","short"),${mark},${liq})))`;
}

const ACCOUNT_NOTES = [
  "rows in the table",
  "Σ quantity × mark",
  "Σ side × quantity × (mark − entry)",
  "wallet + unrealized PnL",
  "Σ (quantity × mark × rate − amount)",
  "maintenance ÷ margin balance: liquidation at 100 % (Binance)",
  "notional ÷ margin balance",
];

/** The whole sheet as one grid of cells (rows of equal length), from `positions` and `wallet`. */
export function positionsGrid(positions: readonly PositionRow[] = EXAMPLE_POSITIONS, wallet = EXAMPLE_WALLET): CellValue[][] {
  const width = LAYOUT.distanceCol + 1;
  const grid: CellValue[][] = Array.from({ length: LAYOUT.accountRow + 1 + ACCOUNT_NOTES.length }, () => new Array<CellValue>(width).fill(null));
  grid[0]![0] = "Cross-margin account";
  grid[LAYOUT.walletRow]!.splice(0, 3, "Wallet balance", wallet, "Cross wallet balance (USDT). Type one position per row below; a long and a short of one symbol is hedge mode.");
  grid[LAYOUT.headerRow]!.splice(0, width, ...POSITIONS_COLUMNS, "Liquidation price", "Distance to liquidation");
  for (let i = 0; i < POSITION_ROWS; i++) {
    const r = LAYOUT.firstRow + i;
    const p = positions[i];
    if (p) grid[r]!.splice(0, p.length, ...p);
    grid[r]![LAYOUT.distanceCol] = distanceFormula(r);
  }
  grid[LAYOUT.firstRow]![LAYOUT.liqCol] = crossLiqFormula();
  grid[LAYOUT.noteRow]![0] = "Liquidation price: where the whole account meets maintenance, every other symbol at its mark.";
  grid[LAYOUT.noteRow + 1]![0] = "#N/A: no such price (the account covers a fall to zero). Blank rows are skipped: type new positions into them.";
  grid[LAYOUT.accountRow]![0] = "Account at the marks";
  grid[LAYOUT.accountRow + 1]![0] = crossAccountFormula();
  ACCOUNT_NOTES.forEach((note, i) => {
    grid[LAYOUT.accountRow + 1 + i]![2] = note;
  });
  return grid;
}

const MONEY = "#,##0.00";

/**
 * The price format of each row (entry, mark and liquidation price): the row's symbol's tick and 5 significant
 * digits of its entry, so DOGE at 0.158 and 0.1612 read as such; rows still empty take any price to 8 decimals.
 */
function priceFormats(positions: readonly PositionRow[]): { range: string; format: string }[] {
  const out: { range: string; format: string }[] = [];
  for (let i = 0; i < POSITION_ROWS; i++) {
    const r = LAYOUT.firstRow + i;
    const p = positions[i];
    const format = decimalsFormat(p ? priceDigits(p[2], anySymbol(p[0])?.tick) : ANY_PRICE);
    for (const j of [2, 4, LAYOUT.liqCol]) out.push({ range: cellName(r, j), format });
  }
  return out;
}

/** Number formats by column over the table and by cell over the account block. */
export function positionsFormats(positions: readonly PositionRow[] = EXAMPLE_POSITIONS): { range: string; format: string }[] {
  const a = LAYOUT.accountRow + 1;
  return [
    { range: WALLET, format: MONEY },
    ...priceFormats(positions),
    { range: col(3), format: "#,##0.####" },
    { range: col(5), format: "0.00%" },
    { range: col(6), format: MONEY },
    { range: col(LAYOUT.distanceCol), format: "0.00%" },
    { range: cellName(a, 1), format: "0" },
    { range: `${cellName(a + 1, 1)}:${cellName(a + 4, 1)}`, format: MONEY },
    { range: cellName(a + 5, 1), format: "0.00%" },
    { range: cellName(a + 6, 1), format: '0.00"x"' },
  ];
}

export function positionsPlan(): WritePlan {
  const table = `${cellName(LAYOUT.headerRow, 0)}:${cellName(LAYOUT.lastRow, POSITIONS_COLUMNS.length - 1)}`;
  const distances = col(LAYOUT.distanceCol);
  const d = cellName(LAYOUT.firstRow, LAYOUT.distanceCol);
  return {
    baseName: POSITIONS_SHEET,
    blocks: [{ at: "A1", rows: positionsGrid() }],
    formats: positionsFormats(),
    names: [],
    table: { range: table, style: "TableStyleMedium2" },
    conditionalFormats: [
      { range: distances, formula: `=AND(ISNUMBER($${d}),$${d}<0.05)`, fill: "#F4B6B6", font: "#9C0006", meaning: "within 5 % of liquidation" },
      { range: distances, formula: `=AND(ISNUMBER($${d}),$${d}<0.15)`, fill: "#FFE699", font: "#7F6000", meaning: "within 15 % of liquidation" },
    ],
    columnWidths: [110, 60, 80, 80, 80, 100, 120, 110, 140],
    bold: ["A1", `${cellName(LAYOUT.headerRow, LAYOUT.liqCol)}:${cellName(LAYOUT.headerRow, LAYOUT.distanceCol)}`, cellName(LAYOUT.accountRow, 0)],
    inputRange: WALLET,
    select: table,
  };
}
