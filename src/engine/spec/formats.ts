/**
 * How the cells of LEV's spilled tables are shown: each number's spreadsheet number format by what it measures
 * (a date-time, a price, money, a percentage, a count). The worksheet functions hand a table's numbers out with
 * their format where the host can show it; the task pane and the playground's sample format the same tables'
 * columns. A format is the number format code of Office Open XML (ECMA-376 Part 1, §18.8.30).
 */

export const FORMATS = {
  /** A date and time to the second: fills and trades are timestamped to the second by exchanges. */
  dateTime: "yyyy-mm-dd hh:mm:ss",
  money: "#,##0.00",
  /** A fraction shown as a percentage: 0.005 is 0.50 %. */
  percent: "0.00%",
  count: "0",
  ratio: "0.00",
  multiple: '0.00"x"',
} as const;

/**
 * A price with the decimals its size needs: two from 10 up (62,000.00), five below (a forex quote, 1.08712),
 * eight below 0.01 (a small coin's price, 0.00001234).
 */
export function priceFormat(price: number): string {
  const size = Math.abs(price);
  return size >= 10 ? "#,##0.00" : size >= 0.01 || size === 0 ? "0.00000" : "0.00000000";
}

const F = { ...FORMATS, price: priceFormat };

/** A cell's format: a format code, one chosen by the cell's number (a price), or none. */
type Format = string | ((value: number) => string) | null;

/**
 * Where a table's formats are: by column (a table with a header row; a header is text and takes no format),
 * or by row in one column (a table of label and value).
 */
export type TableFormats = { readonly byColumn: readonly Format[] } | { readonly byRow: readonly Format[]; readonly column: number };

/** The format of a table's number, or null when it has none (a quantity in its own units). */
export function cellFormat(f: TableFormats, row: number, col: number, value: number): string | null {
  const format = "byColumn" in f ? f.byColumn[col] : col === f.column ? f.byRow[row] : null;
  return typeof format === "function" ? format(value) : (format ?? null);
}

/** TRADES: Symbol, Side, Opened, Closed, Fills, Quantity, Avg entry, Avg exit, Gross PnL, Fees, Net PnL, Return, Status. */
export const TRADES_FORMATS: TableFormats = {
  byColumn: [null, null, F.dateTime, F.dateTime, F.count, null, F.price, F.price, F.money, F.money, F.money, F.percent, null],
};

/** EQUITYCURVE: Trade, PnL, Balance, Peak, Drawdown, Drawdown %. */
export const EQUITYCURVE_FORMATS: TableFormats = { byColumn: [F.count, F.money, F.money, F.money, F.money, F.percent] };

/** JOURNALSTATS: one format per statistic, in JOURNALSTATS_LABELS' order, on the value column. */
export const JOURNALSTATS_FORMATS: TableFormats = {
  column: 1,
  byRow: [
    F.count, // Trades
    F.count, // Wins
    F.count, // Losses
    F.percent, // Win rate
    F.money, // Net profit
    F.money, // Gross profit
    F.money, // Gross loss
    F.ratio, // Profit factor
    F.money, // Average win
    F.money, // Average loss
    F.ratio, // Payoff ratio
    F.money, // Expectancy
    F.money, // Largest win
    F.money, // Largest loss
    F.count, // Max consecutive wins
    F.count, // Max consecutive losses
    F.money, // Max drawdown
    F.percent, // Max drawdown %
    F.ratio, // Average R
    F.ratio, // SQN
  ],
};

/** SCENARIOS: Price, Move, PnL, ROE, Equity, Margin level, Status. */
export const SCENARIOS_FORMATS: TableFormats = { byColumn: [F.price, F.percent, F.money, F.percent, F.money, F.percent, null] };

/** LADDER: Fill, Price, Quantity, Total quantity, Average entry, Margin, Liquidation, Break-even. */
export const LADDER_FORMATS: TableFormats = { byColumn: [F.count, F.price, null, null, F.price, F.money, F.price, F.price] };

/** COMPOUNDTABLE: Period, Start, Gain, Contribution, End. */
export const COMPOUNDTABLE_FORMATS: TableFormats = { byColumn: [F.count, F.money, F.money, F.money, F.money] };
