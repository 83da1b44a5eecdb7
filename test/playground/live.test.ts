import { DetailedCellError, type HyperFormula } from "hyperformula";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import { isError, type Val } from "../../src/taskpane/model/expr";
import { applyPreset, GUIDE_EXAMPLE, type FieldId, type FormValues } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { scenarioPlan } from "../../src/taskpane/model/plan";
import { buildScenario, type Scenario } from "../../src/taskpane/model/scenario";
import { parseCell } from "../../src/shared/a1";
import { levWorkbook } from "../helpers/workbook";

/*
 * Nothing on a written sheet goes stale. The sheet is written once; then each input cell is changed on
 * the sheet, as a trader does, and every number and sentence the sheet shows (title, the line saying
 * whether the trade can be opened, key figures, walkthrough steps and their stories, scenario rows) is
 * compared with a sheet model built afresh from a form holding the new value. A sentence written as
 * fixed text with a figure in it would keep the old figure and fail here.
 */

/** Each input cell, the value typed into it on the sheet, and the same change made in the form. */
type Change = [input: string, cell: number | string, field: FieldId, typed: string];
const ACCOUNT: Change[] = [
  ["Balance", 4000, "balance", "4000"],
  ["Side", "short", "side", "short"],
  ["Entry", 1.1, "entry", "1.1"],
  ["Leverage", 20, "leverage", "20"],
  ["Quantity", 0.5, "quantity", "0.5"],
  ["ContractSize", 10000, "contractSize", "10000"],
  ["CallLevel", 1.2, "callLevel", "120"],
  ["StopOutLevel", 0.3, "stopoutLevel", "30"],
  ["FeeRate", 0.001, "feeRate", "0.1"],
  ["FundingRate", 0.0001, "fundingRate", "0.01"],
  ["FundingHours", 8, "fundingIntervalHours", "8"],
  ["HoldingDays", 3, "holdingDays", "3"],
  ["WalkMove", 0.05, "walkMove", "5"],
];
const CRYPTO: Change[] = [
  ["Balance", 3000, "balance", "3000"],
  ["Side", "short", "side", "short"],
  ["Entry", 50000, "entry", "50000"],
  ["Leverage", 50, "leverage", "50"],
  ["Quantity", 0.3, "quantity", "0.3"],
  ["MMR", 0.01, "mmr", "1"],
  ["FeeRate", 0, "feeRate", "0"],
  ["WalkMove", 0.2, "walkMove", "20"],
];
/** A forex pair quoted in another currency than the account's: the conversion rate is an input too. */
const FX: Change[] = [
  ["Rate", 140, "rate", "140"],
  ["Entry", 151.5, "entry", "151.5"],
  ["Balance", 20000, "balance", "20000"],
  ["WalkMove", 0.1, "walkMove", "10"],
];
/** With a stop: moving it, or the entry, changes the risk figures and whether liquidation comes first. */
const STOPPED: Change[] = [
  ["Stop", 58000, "stop", "58000"],
  ["Stop", 50000, "stop", "50000"],
  ["Entry", 60500, "entry", "60500"],
  ["Leverage", 20, "leverage", "20"],
];
const COINM: Change[] = [
  ["Balance", 0.01, "balance", "0.01"],
  ["Entry", 40000, "entry", "40000"],
  ["Leverage", 25, "leverage", "25"],
  ["Quantity", 300, "quantity", "300"],
  ["MMR", 0.02, "mmr", "2"],
];

const crypto = { ...applyPreset(GUIDE_EXAMPLE, "crypto-linear"), region: "none" as const, balance: "10000", quantity: "0.1" };
const CASES: [string, FormValues, Change[]][] = [
  ["the guide's example (account view, no retail cap)", GUIDE_EXAMPLE, ACCOUNT],
  ["the guide's example under ESMA (cannot be opened)", { ...GUIDE_EXAMPLE, region: "ESMA" }, ACCOUNT],
  ["USD/JPY in a USD account, converted at a rate", { ...applyPreset(GUIDE_EXAMPLE, "forex"), symbol: "USD/JPY", tick: "0.001", entry: "150", quantity: "1", ratePair: "USD/JPY", rate: "150", balance: "5000" }, FX],
  ["a USDS-M long on isolated margin", crypto, CRYPTO],
  ["a USDS-M long on cross margin", { ...crypto, marginMode: "cross" }, CRYPTO],
  ["a USDS-M long with a stop, isolated", { ...crypto, stop: "57000", target: "66000" }, STOPPED],
  ["a COIN-M long on isolated margin", { ...applyPreset(GUIDE_EXAMPLE, "crypto-inverse"), region: "none" }, COINM],
  ["a COIN-M long on cross margin", { ...applyPreset(GUIDE_EXAMPLE, "crypto-inverse"), region: "none", marginMode: "cross" }, COINM],
];

function scenarioOf(values: FormValues): Scenario {
  const v = validate(values);
  if (!v.trade) throw new Error(JSON.stringify(v.errors));
  return buildScenario(v.trade);
}

/** What a sheet cell shows, with errors as their text, for comparison with a model value. */
function shown(v: unknown): Val {
  if (v instanceof DetailedCellError) return { error: v.value as "#N/A", message: "" };
  return v as Val;
}

function same(where: string, got: Val, expected: Val): void {
  if (isError(expected) || isError(got)) {
    expect([where, isError(got) ? got.error : got]).toEqual([where, isError(expected) ? expected.error : expected]);
  } else if (typeof expected === "number") {
    if (typeof got !== "number") throw new Error(`${where}: expected ${expected}, got ${JSON.stringify(got)}`);
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else {
    expect([where, got]).toEqual([where, expected]);
  }
}

describe("a written scenario sheet follows every input cell", () => {
  let hf: HyperFormula;
  levWorkbook(() => ({ Sheet1: [["keep me"]] }), (made) => (hf = made));

  describe.each(CASES)("%s", (_name, form, changes) => {
    it.each(changes)("changing %s on the sheet to %p changes every figure and sentence as the pane would", async (input, cell, field, typed) => {
      const before = scenarioOf(form);
      const plan = scenarioPlan(before);
      const { sheet } = await createPlaygroundAdapter({ hf, refresh: () => {}, activateSheet: () => {}, select: () => {} }).write(plan);
      const id = hf.getSheetId(sheet)!;
      const at = (a1: string) => hf.simpleCellAddressFromString(a1, id)!;
      const named = (name: string) => plan.names.find((n) => n.name === name)!.cell;
      hf.setCellContents(at(named(input)), [[cell]]);

      const after = scenarioOf({ ...form, [field]: typed });
      const L = plan.blocks[0]!; // title block: title, note, whether it can be opened
      const title = parseCell(L.at);
      same("title", shown(hf.getCellValue({ sheet: id, row: title.row, col: 0 })), after.title.value);
      same("can it be opened", shown(hf.getCellValue({ sheet: id, row: title.row + 2, col: 0 })), after.opening.value);
      expect(after.title.value).not.toEqual(input === "Side" || input === "Entry" || input === "Leverage" || input === "Quantity" ? before.title.value : "");
      for (const f of after.figures) {
        if (!plan.names.some((n) => n.name === f.name)) continue;
        same(`figure ${f.name}`, shown(hf.getCellValue(at(named(f.name)))), f.value);
      }
      // The walkthrough, row by row: a new value may reorder the steps (the order price reaches them), and the
      // sheet's rows follow, titles included.
      const walk = plan.blocks.find((b) => b.rows[0]?.[0] === "Step")!;
      const w0 = parseCell(walk.at);
      after.walkthrough.forEach((w, i) => {
        const row = w0.row + 1 + i;
        same(`step ${i + 1} title`, shown(hf.getCellValue({ sheet: id, row, col: 0 })), w.step);
        w.cells.forEach((c, j) => same(`${w.step} column ${j + 2}`, shown(hf.getCellValue({ sheet: id, row, col: 1 + j })), c.value));
        same(`${w.step} story`, shown(hf.getCellValue({ sheet: id, row, col: 7 })), w.story.value);
      });
      // The scenario table, row by row.
      const table = plan.blocks.find((b) => b.rows[0]?.[0] === "Price")!;
      const t0 = parseCell(table.at);
      after.rows.forEach((r, i) =>
        r.cells.forEach((c, j) => same(`scenario row ${i + 1} column ${j + 1}`, shown(hf.getCellValue({ sheet: id, row: t0.row + 1 + i, col: j })), c.value)),
      );
    });
  });

  it("says on the sheet, live, that the guide's 1:50 cannot be opened under ESMA, and stops saying so at 1:30 with 5,000", async () => {
    const plan = scenarioPlan(scenarioOf({ ...GUIDE_EXAMPLE, region: "ESMA" }));
    const { sheet } = await createPlaygroundAdapter({ hf, refresh: () => {}, activateSheet: () => {}, select: () => {} }).write(plan);
    const id = hf.getSheetId(sheet)!;
    const line = () => hf.getCellValue({ sheet: id, row: 2, col: 0 });
    expect(line()).toMatch(/^THIS TRADE CANNOT BE OPENED AS SET: the leverage is above the ESMA retail cap; /);
    const lev = plan.names.find((n) => n.name === "Leverage")!.cell;
    hf.setCellContents(hf.simpleCellAddressFromString(lev, id)!, [[30]]); // ESMA's cap for majors
    // 1:30 needs 100,000 / 30 = 3,333.33 of margin against 2,000: still not, but now for the margin
    expect(line()).toMatch(/^THIS TRADE CANNOT BE OPENED AS SET: the required margin is larger than the balance; /);
    hf.setCellContents(hf.simpleCellAddressFromString(plan.names.find((n) => n.name === "Balance")!.cell, id)!, [[5000]]);
    expect(line()).toBe("The trade can be opened as set: the broker calls at the margin-call level and closes it at the stop-out level.");
  });
});
