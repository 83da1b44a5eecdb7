/**
 * The statistics of LEV.JOURNALSTATS as the sheet shows them: each one's number format and, for one that can
 * be an error, why, in plain words for the note column beside it (the engine's message, shortened to fit).
 * In the order of the statistics' rows; a statistic that is always a number has no note. Kept apart from the engine so that the playground's sample can use it
 * without loading the engine; a test checks the order against JOURNALSTATS_LABELS.
 */
const COUNT = "0";
const MONEY = "#,##0.00";
const PERCENT = "0.00%";

export const STAT_NOTES: readonly (readonly [label: string, format: string, note: string | undefined])[] = [
  ["Trades", COUNT, undefined],
  ["Wins", COUNT, undefined],
  ["Losses", COUNT, undefined],
  ["Win rate", PERCENT, "No closed trade yet."],
  ["Net profit", MONEY, undefined],
  ["Gross profit", MONEY, undefined],
  ["Gross loss", MONEY, undefined],
  ["Profit factor", "0.00", "No losing trade yet: nothing to divide by."],
  ["Average win", MONEY, "No winning trade yet."],
  ["Average loss", MONEY, "No losing trade yet."],
  ["Payoff ratio", "0.00", "Needs a winning and a losing trade."],
  ["Expectancy", MONEY, "No closed trade yet."],
  ["Largest win", MONEY, "No winning trade yet."],
  ["Largest loss", MONEY, "No losing trade yet."],
  ["Max consecutive wins", COUNT, undefined],
  ["Max consecutive losses", COUNT, undefined],
  ["Max drawdown", MONEY, undefined],
  ["Max drawdown %", PERCENT, "No start balance."],
  ["Average R", "0.00", "No risk per trade given: R = PnL ÷ risk."],
  ["SQN", "0.00", "Needs R, that is the risk per trade."],
];

/**
 * The note formulas for the column beside the statistics' values: `cell(i)` names the value cell of the i-th
 * statistic, `other(i)` the same statistic's cell in a second column of values (net after funding), when the
 * sheet has one. Each note shows only while its statistic is an error (in either column).
 */
export function statNoteFormulas(cell: (i: number) => string, other?: (i: number) => string): (string | null)[] {
  return STAT_NOTES.map(([, , note], i) => (note ? `=IF(${other ? `OR(ISERROR(${cell(i)}), ISERROR(${other(i)}))` : `ISERROR(${cell(i)})`}, "${note}", "")` : null));
}
