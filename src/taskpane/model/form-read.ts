import {
  boundsMessage,
  CROSSACCOUNT_LABELS,
  crossAccount,
  PNL,
  D,
  DomainError,
  isEngineError,
  roundToStep,
  LIQPRICE,
  readNumber,
  readPositionsBlock,
  readTierTable,
  type CrossPosition,
  type Dec,
  type Param,
} from "../../engine";
import { parseSheetRange, sheetRangeText, sheetReference } from "../../shared/a1";
import { stepDecimals } from "./formats";
import { MAX_SCENARIO_ROWS, type OtherPositions, type TierRead, type TierTable } from "./form";

/**
 * Reading the form's fields: each typed text read by the engine argument it feeds, a problem put in plain
 * words beside its field (`FieldProblem`), and the workbook ranges (tier table, other positions) read through
 * the engine's readers.
 */

// ─── Reading fields ──────────────────────────────────────────────────────────────────────────────────

export class FieldProblem extends Error {}

export function blank(text: string): boolean {
  return text.trim() === "";
}

/** A number typed in a field, read the way a cell reads numeric text ("1,000", " 2.5 "). */
export function num(text: string, what: string): Dec {
  if (blank(text)) throw new FieldProblem(`Enter ${what}.`);
  try {
    return readNumber(text, "field");
  } catch {
    throw new FieldProblem(`${capital(what)} should be a number, such as 1000 or 2.5.`);
  }
}

/** A percentage typed as "2" or "2%", returned as a fraction (0.02). */
export function pct(text: string, what: string): Dec {
  const t = text.trim().replace(/%$/, "");
  return num(t, what).div(100);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether the engine takes what `check` asks of it (an argument's reader and bounds, or one of its rules). */
export function engineTakes(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (isEngineError(e)) return false;
    throw e;
  }
}

export function positive(d: Dec, what: string): Dec {
  if (d.lte(0)) throw new FieldProblem(`${capital(what)} must be more than 0.`);
  return d;
}

/**
 * A field read through the engine argument it feeds: the engine's own reader and bounds, so the pane never
 * re-checks a rule the engine owns. Its refusal is put in plain words beside the field; a percentage field
 * ("2" or "2%" is 0.02) states the engine's bounds in percent.
 */
export function viaSpec(param: Param<unknown>, text: string, what: string, percent = false): Dec {
  if (blank(text)) throw new FieldProblem(`Enter ${what}.`);
  const raw = percent ? pct(text, what).toString() : text;
  let read: unknown;
  try {
    read = param.read(raw, "field");
  } catch (e) {
    if (!isEngineError(e)) throw e;
    if (e instanceof DomainError && param.bounds) {
      const show = percent ? (n: number) => `${new D(n).mul(100).toString()} %` : String;
      throw new FieldProblem(`${capital(what)} ${boundsMessage(param.bounds, show)}.`);
    }
    if (e instanceof DomainError) throw new FieldProblem(`${capital(what)} ${e.message.replace(/^field: /, "")}.`);
    throw new FieldProblem(`${capital(what)} should be a number, such as 1000 or 2.5.`);
  }
  // A maintenance argument reads a rate as { kind: "rate", mmr }.
  return (typeof read === "object" && read !== null && "mmr" in read ? (read as { mmr: Dec }).mmr : read) as Dec;
}

/**
 * Leverage as a multiple ("50"), "50x", a ratio ("1:50"), or a margin rate in percent ("2%" is 50x),
 * for markets that quote a margin rate instead.
 */
export function readLev(text: string): Dec {
  const t = text.trim();
  if (t === "") throw new FieldProblem("Enter the leverage, such as 50, 1:50 or 50x, or a margin rate such as 2%.");
  if (t.endsWith("%")) {
    const rate = pct(t, "the margin rate");
    if (rate.lte(0) || rate.gt(1)) throw new FieldProblem("A margin rate must be more than 0 % and at most 100 %.");
    return new D(1).div(rate);
  }
  try {
    return LIQPRICE.params.leverage.read(t, "leverage");
  } catch (e) {
    if (e instanceof DomainError) throw new FieldProblem("Leverage must be greater than 0.");
    throw new FieldProblem("Leverage should look like 50, 1:50 or 50x, or be a margin rate such as 2%.");
  }
}

/**
 * The tier-table field: the range must be typed as Sheet!A1:D10, read from the workbook (the read
 * answers for the same text), and read by the engine's tier reader as a table; its own message is
 * reported otherwise.
 */
export function tierTable(text: string, read: TierRead | undefined): TierTable {
  const typed = text.trim();
  if (typed === "") throw new FieldProblem("Enter the range of a tier table, such as Sheet1!A1:D10.");
  const parsed = parseSheetRange(typed);
  if (!parsed) {
    throw new FieldProblem(
      "The range should look like Sheet1!A1:D10, with the sheet's name: the scenario goes on a new sheet, so the table's own sheet must be named.",
    );
  }
  if (!read || read.address !== typed) throw new FieldProblem("Read the table from the workbook first (Read table).");
  if ("problem" in read) throw new FieldProblem(read.problem);
  const where = { sheet: read.sheet, range: read.range };
  try {
    const tiers = readTierTable(read.cells, "mmr");
    return { ref: sheetReference(where), label: sheetRangeText(where), cells: read.cells, brackets: tiers.length };
  } catch (e) {
    if (isEngineError(e)) throw new FieldProblem(`${sheetRangeText(where)} is not a tier table LEV can read: ${e.message}.`);
    throw e;
  }
}

/** The tier-table field on its own, for the pane to show what was read: the table, or the problem in words. */
export function checkTierTable(text: string, read: TierRead | undefined): { table: TierTable } | { problem: string } {
  try {
    return { table: tierTable(text, read) };
  } catch (e) {
    if (e instanceof FieldProblem) return { problem: e.message };
    throw e;
  }
}

/**
 * The other-positions field: blank for none; otherwise a range typed as Sheet!A5:G16, read from the
 * workbook, and read by the engine's positions reader (CROSSLIQ's), whose message is reported in words.
 */
export function otherPositions(text: string, read: TierRead | undefined): OtherPositions | undefined {
  const typed = text.trim();
  if (typed === "") return undefined;
  const parsed = parseSheetRange(typed);
  if (!parsed) {
    throw new FieldProblem(
      "The range should look like Positions!A5:G16, with the sheet's name: the scenario goes on a new sheet, so the table's own sheet must be named.",
    );
  }
  if (!read || read.address !== typed) throw new FieldProblem("Read the positions from the workbook first (Read positions).");
  if ("problem" in read) throw new FieldProblem(read.problem);
  const where = { sheet: read.sheet, range: read.range };
  const label = sheetRangeText(where);
  let rows: (CrossPosition | undefined)[];
  try {
    rows = readPositionsBlock(read.cells);
  } catch (e) {
    if (isEngineError(e)) {
      throw new FieldProblem(
        `${label} is not a positions table LEV can read (columns symbol, side, entry, quantity, mark, maintenance rate, maintenance amount; rows counted from the range's first): ${e.message}.`,
      );
    }
    throw e;
  }
  const kept = rows.filter((p): p is CrossPosition => p !== undefined);
  if (kept.length === 0) throw new FieldProblem(`${label} holds no positions: every row is blank. Clear the field for none.`);
  // LEV.CROSSACCOUNT's own sums, read by their labels
  const account = crossAccount(rows, new D(0));
  const figure = (label: (typeof CROSSACCOUNT_LABELS)[number]) => account.find((row) => row[0] === label)![1] as Dec;
  return {
    ref: sheetReference(where),
    label,
    sheet: read.sheet,
    range: read.range,
    cells: read.cells,
    rows,
    count: kept.length,
    symbols: new Set(kept.map((p) => p.symbol.toLowerCase())).size,
    upnl: figure("Unrealized PnL"),
    maintenance: figure("Maintenance margin") };
}

/** The other-positions field on its own, for the pane to show what was read. */
export function checkOthers(text: string, read: TierRead | undefined): { others?: OtherPositions } | { problem: string } {
  try {
    return { others: otherPositions(text, read) };
  } catch (e) {
    if (e instanceof FieldProblem) return { problem: e.message };
    throw e;
  }
}

/** Prices typed as a list, separated by spaces, commas between numbers with spaces, or semicolons. */
export function priceList(text: string): Dec[] {
  const parts = text
    .split(/[\s;]+|,\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) throw new FieldProblem("Enter at least one price, separated by spaces or semicolons.");
  if (parts.length > MAX_SCENARIO_ROWS) throw new FieldProblem(`Enter at most ${MAX_SCENARIO_ROWS} prices.`);
  return parts.map((p) => {
    const d = num(p, "each price");
    // the bounds of the price a scenario row is worked at (LEV.PNL's exit)
    if (!engineTakes(() => PNL.params.exit.read(d.toString(), "exit"))) throw new FieldProblem(`Every price must be more than 0; "${p}" is not.`);
    return d;
  });
}

export function readRisk(text: string): Dec {
  const r = pct(text, "the risk per trade");
  if (r.lte(0) || r.gt(1)) throw new FieldProblem("Risk per trade must be more than 0 % and at most 100 % of the balance.");
  return r;
}

/** "60,000.05": a typed number as the trader reads it back, grouped, every digit kept (at least `places`). */
function shown(d: Dec, places = 0): string {
  const [int, frac] = (d.decimalPlaces() < places ? d.toFixed(places) : d.toFixed()).split(".");
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
}

/**
 * A price on the symbol's tick, or the two prices the venue would take instead: a price between ticks is
 * asked about, never rounded silently.
 */
export function onTick(price: Dec, tick: Dec | undefined, tickText: string, symbol: string, what: string): Dec {
  if (!tick || roundToStep(price, tick, "nearest").eq(price)) return price;
  const below = roundToStep(price, tick, "down");
  const places = stepDecimals(tickText);
  throw new FieldProblem(
    `${capital(what)} ${shown(price)} is not on ${symbol}'s price step of ${tickText.trim()}: the venue takes ${shown(below, places)} or ${shown(below.add(tick), places)}.`,
  );
}

/** A quantity that is a whole number of quantity steps, or the two sizes around it. */
export function onStep(q: Dec, step: Dec | undefined, what: string): Dec {
  if (!step || roundToStep(q, step, "nearest").eq(q)) return q;
  const below = roundToStep(q, step, "down");
  throw new FieldProblem(`${capital(what)} ${shown(q)} is not a whole number of quantity steps (${step.toString()}): enter ${shown(below)} or ${shown(below.add(step))}.`);
}
