import { isError, lev, lit, ref, type Env, type Expr, type Val } from "./expr";
import { anySymbol } from "./symbols";
import { decimalsFormat, excelFormat, priceDigits, type Unit } from "./formats";
import type { ComputedRow, Scenario } from "./scenario";
import { accountCells } from "./account";
import { cellName, columnName } from "../../shared/a1";
import type { Block, CellValue, ConditionalFormat, NumberFormat, WritePlan } from "../../shared/workbook";

/**
 * Turns a scenario into a write plan: blocks of cells (formulas in live mode, the same values computed
 * by the engine in values mode), number formats, sheet-scoped names for the inputs and key figures, the
 * scenario table, its conditional formats and a chart of PnL against price with the marks.
 */

export const SCENARIO_SHEET = "LEV Scenario";
export const JOURNAL_SHEET = "LEV Journal";

const AMBER = { fill: "#FFE699", font: "#7F6000" };
const RED = { fill: "#F4B6B6", font: "#9C0006" };

/** What a cell holds in the sheet: the formula (live) or its value (values only); errors as their text. */
export function content(expr: Expr | undefined, value: Val, live: boolean): CellValue {
  if (expr && live) return `=${expr.text}`;
  if (isError(value)) return value.error;
  return value;
}

/** Column widths (points) of the scenario sheet: the chart spans C to G beside the key figures. */
const SCENARIO_WIDTHS = [215, 85, 80, 80, 80, 80, 80, 420, 20, 80, 80, 80, 80, 80, 80, 80];

/** What the scenario sheet's blocks add to the plan, each in the order the blocks are laid out. */
interface PlanParts {
  blocks: Block[];
  formats: NumberFormat[];
  names: WritePlan["names"];
  bold: string[];
  conditionalFormats: ConditionalFormat[];
}

/** What every block of the scenario sheet reads, and the parts it adds to. */
interface PlanContext {
  s: Scenario;
  /** Formulas (live) or the values the engine computed. */
  live: boolean;
  /** The Excel number format of a unit, for this trade's prices. */
  fmt: (u: Unit) => string;
  out: PlanParts;
}

/** First and last sheet rows of a block's data. */
interface RowSpan {
  first: number;
  last: number;
}

export function scenarioPlan(s: Scenario): WritePlan {
  const p: PlanContext = {
    s,
    live: s.trade.output === "formulas",
    fmt: (u: Unit) => excelFormat(u, s.trade.prices),
    out: { blocks: [], formats: [], names: [], bold: [], conditionalFormats: [] },
  };
  const L = s.layout;
  titleBlock(p);
  keyFiguresBlock(p);
  inputsBlock(p);
  const walk = walkthroughBlock(p);
  const table = scenarioTableBlock(p);
  statusColours(p, table, walk);
  const series = chartHelperBlock(p, table);
  accountBlock(p);
  const { blocks, formats, names, bold, conditionalFormats } = p.out;
  return {
    baseName: SCENARIO_SHEET,
    blocks,
    formats,
    names,
    table: { range: `${cellName(L.tableRow, 0)}:${cellName(table.last, s.columns.length - 1)}`, style: "TableStyleMedium2" },
    conditionalFormats,
    chart: {
      title: `PnL against price: ${s.trade.symbol}`,
      xTitle: "Price",
      yTitle: pnlTitle(s),
      series,
      anchor: `${cellName(L.chartTop, 2)}:${cellName(L.chartBottom, 6)}`,
    },
    // the columns the sheet uses: up to H, and J to P where the cross account's block sits
    columnWidths: SCENARIO_WIDTHS.slice(0, s.account ? SCENARIO_WIDTHS.length : 8),
    bold,
    inputRange: `${cellName(L.inputsRow + 1, 1)}:${cellName(L.inputsRow + s.inputs.length - 1, 1)}`,
    // the title: the sheet opens at its top, the key figures and the chart in view
    select: cellName(L.titleRow, 0),
  };
}

/** The PnL's title on the chart and its helper cells: with the coin, or the converted currency, it is in. */
function pnlTitle(s: Scenario): string {
  return s.trade.inverse ? `PnL (${s.trade.coin})` : s.trade.fx ? `PnL (${s.trade.fx.account})` : "PnL";
}

/** Column headers say the coin (or the converted currency) where amounts are in it. */
function columnHeading(s: Scenario, c: string): string {
  const unitWord = s.trade.inverse ? s.trade.coin : s.trade.fx?.account;
  return unitWord && (c === "PnL" || c === s.view.equityLabel) ? `${c} (${unitWord})` : c;
}

/** The title, what the sheet does when an input changes, and whether the trade can be opened as set. */
function titleBlock({ s, live, out }: PlanContext): void {
  const L = s.layout;
  out.blocks.push({
    at: cellName(L.titleRow, 0),
    rows: [
      [content(s.title.expr, s.title.value, live)],
      [
        live
          ? "Change an input (column B of the Inputs block, under the chart) and every figure, step and scenario recalculates."
          : "Values only: computed once by LEV when written; nothing here recalculates.",
      ],
      // Whether the trade can be opened as set, and why not: first, above every figure.
      [content(s.opening.expr, s.opening.value, live)],
    ],
  });
  out.bold.push(cellName(L.titleRow, 0), cellName(L.titleRow + 2, 0));
}

/** Key figures: label and value in A:B, the chart beside them (C:G), what each means in H. */
function keyFiguresBlock({ s, live, fmt, out }: PlanContext): void {
  const L = s.layout;
  out.blocks.push({ at: cellName(L.figuresRow, 0), rows: [["Key figures", ""]] });
  out.blocks.push({ at: cellName(L.figuresRow, 7), rows: [["What it means"]] });
  out.bold.push(`${cellName(L.figuresRow, 0)}:${cellName(L.figuresRow, 1)}`, cellName(L.figuresRow, 7));
  s.figures.forEach((f, i) => {
    const row = L.figuresRow + 1 + i;
    out.names.push({ name: f.name, cell: cellName(row, 1) });
    out.formats.push({ range: cellName(row, 1), format: fmt(f.unit) });
  });
  out.blocks.push({ at: cellName(L.figuresRow + 1, 0), rows: s.figures.map((f) => [f.label, content(f.expr, f.value, live)]) });
  out.blocks.push({ at: cellName(L.figuresRow + 1, 7), rows: s.figures.map((f) => [f.explain]) });
}

/** Inputs: label, value (named, yellow), note. */
function inputsBlock({ s, live, fmt, out }: PlanContext): void {
  const L = s.layout;
  out.blocks.push({ at: cellName(L.inputsRow, 0), rows: [["Inputs", "", ""]] });
  out.bold.push(`${cellName(L.inputsRow, 0)}:${cellName(L.inputsRow, 2)}`);
  s.inputs.forEach((item, i) => {
    const row = L.inputsRow + 1 + i;
    out.names.push({ name: item.name, cell: cellName(row, 1) });
    out.formats.push({ range: cellName(row, 1), format: fmt(item.unit) });
  });
  out.blocks.push({ at: cellName(L.inputsRow + 1, 0), rows: s.inputs.map((item) => [item.label, content(item.expr, item.value, live), item.note]) });
}

/** Walkthrough: the guide's story, step by step, in the order price reaches each step. Returns its steps' rows. */
function walkthroughBlock({ s, live, fmt, out }: PlanContext): RowSpan {
  const L = s.layout;
  out.blocks.push({ at: cellName(L.walkRow, 0), rows: [["Walkthrough"]] });
  out.bold.push(cellName(L.walkRow, 0));
  const walkHeader = L.walkRow + 1;
  const first = walkHeader + 1;
  out.blocks.push({
    at: cellName(walkHeader, 0),
    rows: [
      s.walkColumns.map((c) => columnHeading(s, c)),
      ...s.walkthrough.map((w) => [content(w.stepExpr, w.step, live), ...w.cells.map((c) => content(c.expr, c.value, live)), content(w.story.expr, w.story.value, live)]),
    ],
  });
  out.bold.push(`${cellName(walkHeader, 0)}:${cellName(walkHeader, s.walkColumns.length - 1)}`);
  columnFormats(s.walkthrough, first, 1, fmt, out.formats);
  return { first, last: first + s.walkthrough.length - 1 };
}

/** The scenario table (one empty row when there are no prices to try). Returns its data rows. */
function scenarioTableBlock({ s, live, fmt, out }: PlanContext): RowSpan {
  const L = s.layout;
  out.blocks.push({ at: cellName(L.tableHeadingRow, 0), rows: [["Scenarios"]] });
  out.bold.push(cellName(L.tableHeadingRow, 0));
  const first = L.tableRow + 1;
  const last = L.tableRow + Math.max(s.rows.length, 1);
  out.blocks.push({
    at: cellName(L.tableRow, 0),
    rows: [
      s.columns.map((c) => columnHeading(s, c)),
      ...(s.rows.length > 0
        ? s.rows.map((r) => r.cells.map((c) => content(c.expr, c.value, live)))
        : [s.columns.map(() => null)]),
    ],
  });
  columnFormats(s.rows, first, 0, fmt, out.formats);
  return { first, last };
}

/** The scenario table's and the walkthrough's rows coloured by their status (column G). */
function statusColours({ s, out }: PlanContext, table: RowSpan, walk: RowSpan): void {
  const colour = (range: string, topRow: number, col: number) => {
    const s1 = `$${columnName(col)}${topRow + 1}`; // the status cell of the range's first row
    out.conditionalFormats.push(
      { range, formula: `=OR(${s1}="LIQUIDATED",${s1}="STOP OUT")`, ...RED, meaning: "liquidated or stopped out" },
      { range, formula: `=${s1}="MARGIN CALL"`, ...AMBER, meaning: "margin call" },
    );
  };
  if (s.rows.length > 0) colour(`${cellName(table.first, 0)}:${cellName(table.last, s.columns.length - 1)}`, table.first, 6);
  colour(`${cellName(walk.first, 0)}:${cellName(walk.last, s.walkColumns.length - 1)}`, walk.first, 6);
}

/**
 * Helper cells under the chart, labelled as such: each mark is a vertical line from the lowest to the
 * highest PnL in the table; then the walkthrough's order. Returns the chart's series: the PnL, then the marks.
 */
function chartHelperBlock({ s, live, fmt, out }: PlanContext, table: RowSpan): NonNullable<WritePlan["chart"]>["series"] {
  const H = s.layout.helpersRow;
  const money: Unit = s.trade.inverse ? "coin" : "money";
  const pnlRange = `${cellName(table.first, 2)}:${cellName(table.last, 2)}`;
  const pnls = s.rows.map((r) => r.cells[2]!.value).filter((v): v is number => typeof v === "number");
  const low = pnls.length ? Math.min(...pnls) : 0;
  const high = pnls.length ? Math.max(...pnls) : 0;
  const helperRows: CellValue[][] = [
    ["Helper cells: the chart's data and the walkthrough's order, not figures", null, null],
    ["Chart mark", "Price", pnlTitle(s)],
  ];
  const series: NonNullable<WritePlan["chart"]>["series"] = [
    { name: "PnL", x: `${cellName(table.first, 0)}:${cellName(table.last, 0)}`, y: pnlRange },
  ];
  s.marks.forEach((m, i) => {
    const r = H + 2 + 2 * i;
    helperRows.push([m.label, content(m.price, m.value, live), live ? `=MIN(${pnlRange})` : low]);
    helperRows.push([m.label, content(m.price, m.value, live), live ? `=MAX(${pnlRange})` : high]);
    series.push({ name: m.label, x: `${cellName(r, 3)}:${cellName(r + 1, 3)}`, y: `${cellName(r, 4)}:${cellName(r + 1, 4)}`, role: "marker" });
    out.formats.push({ range: `${cellName(r, 3)}:${cellName(r + 1, 3)}`, format: fmt("price") });
    out.formats.push({ range: `${cellName(r, 4)}:${cellName(r + 1, 4)}`, format: fmt(money) });
  });
  const orderRow = H + 2 + 2 * s.marks.length;
  helperRows.push(["Adverse move's place", null, content(s.walkOrder.expr, s.walkOrder.value, live)]);
  out.names.push({ name: "WalkOrder", cell: cellName(orderRow, 4) });
  out.formats.push({ range: cellName(orderRow, 4), format: "0" });
  out.blocks.push({ at: cellName(H, 2), rows: helperRows });
  out.bold.push(cellName(H, 2), `${cellName(H + 1, 2)}:${cellName(H + 1, 4)}`);
  return series;
}

/** Cross mode with other positions: the account block LEV.CROSSLIQ and LEV.CROSSACCOUNT read. */
function accountBlock({ s, live, fmt, out }: PlanContext): void {
  const b = s.account;
  if (!b) return;
  out.blocks.push({ at: cellName(b.top, b.left), rows: accountCells(b, live, content) });
  out.bold.push(cellName(b.top, b.left), `${cellName(b.top + 1, b.left)}:${cellName(b.top + 1, b.left + 6)}`);
  const rows = (j: number) => `${cellName(b.top + 2, b.left + j)}:${cellName(b.top + 1 + b.rows.length, b.left + j)}`;
  out.formats.push({ range: rows(2), format: fmt("price") }, { range: rows(4), format: fmt("price") }, { range: rows(5), format: "0.00%" });
}

/** One number format per column over the rows, from each cell's unit (the first row's). */
function columnFormats(rows: ComputedRow[], firstRow: number, firstCol: number, fmt: (u: Unit) => string, out: NumberFormat[]): void {
  const first = rows[0];
  if (!first) return;
  first.cells.forEach((c, j) => {
    if (c.unit === "text") return;
    out.push({ range: `${cellName(firstRow, firstCol + j)}:${cellName(firstRow + rows.length - 1, firstCol + j)}`, format: fmt(c.unit) });
  });
}

// ─── The trading journal ─────────────────────────────────────────────────────────────────────────────

export const JOURNAL_COLUMNS = [
  "Date",
  "Symbol",
  "Side",
  "Entry",
  "Exit",
  "Quantity",
  "Leverage",
  "Fees",
  "Stop",
  "PnL",
  "ROE",
  "Liquidation price",
  "R multiple",
] as const;

/**
 * Two example trades. The first is Binance's ROI example (0.5 BTC long at 60,000, 20x, closed at 61,000:
 * PnL 500, ROE 33.33 %); the second a EUR/USD short of 100,000 units at 1.1000 closed at 1.0950 with 7
 * of commission: PnL 0.0050 × 100,000 − 7 = 493, and with the stop at 1.1050 (a 500 risk) R = 0.986.
 */
export const JOURNAL_EXAMPLES: (string | number)[][] = [
  [45355, "BTCUSDT", "long", 60000, 61000, 0.5, 20, 0, 59000],
  [45356, "EUR/USD", "short", 1.1, 1.095, 100000, 30, 7, 1.105],
];

export interface JournalCell {
  expr?: Expr;
  value: Val;
}

/** The journal's data rows: the typed columns, then the LEV.* columns as expressions with their values. */
export function journalRows(): JournalCell[][] {
  const env: Env = new Map();
  return JOURNAL_EXAMPLES.map((example, i) => {
    const row = 1 + i; // row 2 onward: the header sits on row 1
    const cells: JournalCell[] = example.map((v, j) => {
      env.set(cellName(row, j), v);
      return { value: v };
    });
    const c = (j: number) => ref(cellName(row, j));
    const pnl = lev("PNL", { side: c(2), entry: c(3), exit: c(4), quantity: c(5), contract_size: lit(1), fee_rate: lit(0), fixed_fees: c(7) });
    const margin = lev("MARGIN", { notional: lev("NOTIONAL", { price: c(3), quantity: c(5) }), leverage: c(6) });
    const roe: Expr = {
      text: `${cellName(row, 9)}/${margin.text}`,
      value: (e) => {
        const p = e.get(cellName(row, 9));
        const m = margin.value(e);
        if (isError(p)) return p;
        if (isError(m)) return m;
        return (p as number) / (m as number);
      },
    };
    const liq = lev("LIQPRICE", { side: c(2), entry: c(3), leverage: c(6) });
    const risk = lev("PNL", { side: c(2), entry: c(3), exit: c(8), quantity: c(5) });
    const r: Expr = {
      text: `${cellName(row, 9)}/-${risk.text}`,
      value: (e) => {
        const p = e.get(cellName(row, 9));
        const k = risk.value(e);
        if (isError(p)) return p;
        if (isError(k)) return k;
        return (p as number) / -(k as number);
      },
    };
    for (const [j, expr] of [[9, pnl], [10, roe], [11, liq], [12, r]] as const) {
      const value = expr.value(env);
      env.set(cellName(row, j), value);
      cells.push({ expr, value });
    }
    return cells;
  });
}

export function journalPlan(): WritePlan {
  const rows = journalRows();
  const last = rows.length;
  const range = `A1:${cellName(last, JOURNAL_COLUMNS.length - 1)}`;
  const col = (j: number) => `${cellName(1, j)}:${cellName(last, j)}`;
  // Prices by row, as the row's symbol shows them (its tick, 5 significant digits): a column holds
  // BTCUSDT at 60,000.00 and EUR/USD at 1.10000.
  const priceFormats = JOURNAL_EXAMPLES.flatMap((example, i) => {
    const format = decimalsFormat(priceDigits(Number(example[3]), anySymbol(String(example[1]))?.tick));
    return [3, 4, 8, 11].map((j) => ({ range: cellName(1 + i, j), format }));
  });
  return {
    baseName: JOURNAL_SHEET,
    blocks: [{ at: "A1", rows: [[...JOURNAL_COLUMNS], ...rows.map((r) => r.map((c) => content(c.expr, c.value, true)))] }],
    formats: [
      { range: col(0), format: "yyyy-mm-dd" },
      ...priceFormats,
      { range: col(7), format: "#,##0.00" },
      { range: col(9), format: "#,##0.00" },
      { range: col(10), format: "0.00%" },
      { range: col(12), format: "0.00" },
    ],
    names: [],
    table: { range, style: "TableStyleMedium2" },
    conditionalFormats: [
      { range: `${cellName(1, 9)}:${cellName(last, 9)}`, formula: `=$J2<0`, ...RED, meaning: "a loss" },
    ],
    columnWidths: [80, 80, 60, 80, 80, 80, 70, 70, 80, 90, 70, 110, 80],
    bold: [],
    select: range,
  };
}
