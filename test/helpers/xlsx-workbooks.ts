/**
 * The workbooks the .xlsx tests save: the playground's sample, and every sheet the task pane writes (two
 * simulator sheets, the new journal, an imported journal, the positions sheet) written into it through the
 * playground's adapter, as a trader's clicks write them.
 */
import * as fs from "fs";
import * as path from "path";
import type { HyperFormula } from "hyperformula";
import { createPlaygroundAdapter } from "../../src/playground/adapter";
import { buildWorkbook, type LevBridge } from "../../src/playground/bridge";
import type { PlaygroundHost } from "../../src/playground/host";
import { sampleMeta, sampleWorkbook } from "../../src/playground/sample";
import type { SheetMeta, WorkbookMeta } from "../../src/playground/sheet";
import { GUIDE_EXAMPLE } from "../../src/taskpane/model/form";
import { validate } from "../../src/taskpane/model/validate";
import { importText } from "../../src/taskpane/model/journal-import";
import { journalImportPlan } from "../../src/taskpane/model/journal-plan";
import { journalPlan, scenarioPlan } from "../../src/taskpane/model/plan";
import { positionsPlan } from "../../src/taskpane/model/positions";
import { buildScenario } from "../../src/taskpane/model/scenario";
import type { WritePlan } from "../../src/shared/workbook";

/** A host that keeps the sheet meta and settles spills after a write, as the page does. */
export function metaHost(hf: HyperFormula, meta: WorkbookMeta, bridge: LevBridge): PlaygroundHost {
  return {
    hf,
    refresh: () => void bridge.settle(hf),
    activateSheet: () => undefined,
    select: () => undefined,
    workbookMeta: meta,
    setSheetMeta: (sheet: string, m: SheetMeta) => {
      meta[sheet] = m;
    },
  };
}

/** The sample workbook as the playground opens it. */
export function sample(bridge: LevBridge): { hf: HyperFormula; meta: WorkbookMeta } {
  const s = sampleWorkbook(() => true);
  return { hf: buildWorkbook(bridge, s.sheets), meta: sampleMeta(s) };
}

export interface PaneSheets {
  scenario: WritePlan;
  scenario2: WritePlan;
  journal: WritePlan;
  imported: WritePlan;
  positions: WritePlan;
}

/** The sample with every sheet the pane writes added to it, and the name each plan's sheet got. */
export async function sampleWithPaneSheets(bridge: LevBridge): Promise<{ hf: HyperFormula; meta: WorkbookMeta; plans: PaneSheets; sheets: Record<keyof PaneSheets, string> }> {
  const { hf, meta } = sample(bridge);
  const adapter = createPlaygroundAdapter(metaHost(hf, meta, bridge));
  const trade = validate(GUIDE_EXAMPLE).trade!;
  const fills = importText(fs.readFileSync(path.join(__dirname, "../fixtures/journal/binance-futures.csv"), "utf8")).fills;
  const plans: PaneSheets = {
    scenario: scenarioPlan(buildScenario(trade)),
    scenario2: scenarioPlan(buildScenario({ ...trade, balance: trade.balance.mul(2) })),
    journal: journalPlan(),
    imported: journalImportPlan({ fills, rates: {}, startBalance: 10000, source: "binance-futures.csv" }),
    positions: positionsPlan(),
  };
  const sheets = {} as Record<keyof PaneSheets, string>;
  for (const [key, plan] of Object.entries(plans)) sheets[key as keyof PaneSheets] = (await adapter.write(plan)).sheet;
  return { hf, meta, plans, sheets };
}
