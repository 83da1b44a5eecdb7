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
import { importText, type Payment } from "../../src/taskpane/model/journal-import";
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

/** An Excel serial of a UTC time. */
const serial = (y: number, m: number, d: number, h: number) => Date.UTC(y, m - 1, d, h) / 86400000 + 25569;

/**
 * Funding payments written by hand for binance-futures.csv's trades (received positive, as Binance writes them):
 * the ETHUSDT long (2024-03-04 12:30 to 03-05 08:15) pays twice, the SOLUSDT long (open since 03-05 09:00) once,
 * and a BTCUSDT payment falls after its trade closed (13:40), in no trade.
 */
export const FUNDING: Payment[] = [
  { line: 2, time: serial(2024, 3, 4, 16), symbol: "ETHUSDT", amount: -0.85, asset: "USDT" },
  { line: 3, time: serial(2024, 3, 4, 16), symbol: "BTCUSDT", amount: -0.5, asset: "USDT" },
  { line: 4, time: serial(2024, 3, 5, 0), symbol: "ETHUSDT", amount: -0.4, asset: "USDT" },
  { line: 5, time: serial(2024, 3, 5, 16), symbol: "SOLUSDT", amount: -0.14, asset: "USDT" },
];

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
    imported: journalImportPlan({ fills, payments: FUNDING, rates: {}, startBalance: 10000, source: "binance-futures.csv" }),
    positions: positionsPlan(),
  };
  const sheets = {} as Record<keyof PaneSheets, string>;
  for (const [key, plan] of Object.entries(plans)) sheets[key as keyof PaneSheets] = (await adapter.write(plan)).sheet;
  return { hf, meta, plans, sheets };
}
