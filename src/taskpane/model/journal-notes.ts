/**
 * Why a statistic of LEV.JOURNALSTATS shows an error, in plain words for the note column beside it (the
 * engine's message, shortened to fit the sheet). In the order of the statistics' rows; a statistic that is
 * always a number has no note. Kept apart from the engine so that the playground's sample can use it
 * without loading the engine; a test checks the order against JOURNALSTATS_LABELS.
 */
export const STAT_NOTES: readonly (readonly [label: string, note: string | undefined])[] = [
  ["Trades", undefined],
  ["Wins", undefined],
  ["Losses", undefined],
  ["Win rate", "No closed trade yet."],
  ["Net profit", undefined],
  ["Gross profit", undefined],
  ["Gross loss", undefined],
  ["Profit factor", "No losing trade yet: nothing to divide by."],
  ["Average win", "No winning trade yet."],
  ["Average loss", "No losing trade yet."],
  ["Payoff ratio", "Needs a winning and a losing trade."],
  ["Expectancy", "No closed trade yet."],
  ["Largest win", "No winning trade yet."],
  ["Largest loss", "No losing trade yet."],
  ["Max consecutive wins", undefined],
  ["Max consecutive losses", undefined],
  ["Max drawdown", undefined],
  ["Max drawdown %", "No start balance."],
  ["Average R", "No risk per trade given: R = PnL ÷ risk."],
  ["SQN", "Needs R, that is the risk per trade."],
];

/**
 * The note formulas for the column beside the statistics' values: `values` is the cell of the first
 * statistic's value ("W6"), `cell(i)` names the value cell of the i-th statistic. Each note shows only while
 * its statistic is an error.
 */
export function statNoteFormulas(cell: (i: number) => string): (string | null)[] {
  return STAT_NOTES.map(([, note], i) => (note ? `=IF(ISERROR(${cell(i)}), "${note}", "")` : null));
}
