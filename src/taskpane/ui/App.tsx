import * as React from "react";
import { Button, Divider, Spinner, Tab, TabList, Text } from "@fluentui/react-components";
import { fieldIds, SCENARIO_FIELDS, TRADE_FIELDS, type FieldContext } from "../model/fields";
import { othersSummary } from "../model/account";
import { applyPreset, applySymbol, coinOf, GUIDE_EXAMPLE, START, type FieldErrors, type FieldId, type FormValues, type TierRead } from "../model/form";
import { checkOthers, checkTierTable } from "../model/form-read";
import { validate } from "../model/validate";
import { findSymbol } from "../model/symbols";
import { preset, type MarketId } from "../model/presets";
import { buildScenario, type Scenario } from "../model/scenario";
import { scenarioPlan } from "../model/plan";
import { parseSheetRange } from "../../shared/a1";
import type { WorkbookAdapter } from "../../shared/workbook";
import { JournalAction, type ActionProps, type Status } from "./actions";
import { Fields } from "./fields";
import { usePaneFocus } from "./focus";
import { Message } from "./messages";
import { MarketStep } from "./MarketStep";
import { ReviewStep } from "./ReviewStep";
import { useStyles } from "./styles";
import { WriteStep } from "./WriteStep";
import { ImportAction } from "./JournalImport";
import { PositionsAction } from "./PositionsSheet";

/**
 * The guided simulator: market, account and trade, review, scenarios, write. Each step is a tab (arrow
 * keys move between them) and one component; Back and Next walk the same path. The form is checked before
 * the review and before anything is written; a problem shows under its field and focus moves there.
 * Otherwise a step change moves focus to the new step's heading, and closing a panel returns it to the
 * button that opened it (usePaneFocus). Results and refusals are announced through live regions.
 */

/** The pane's actions in its header, each one component (see actions.tsx): add one here. */
const ACTIONS: React.ComponentType<ActionProps>[] = [ImportAction, JournalAction, PositionsAction];

const STEPS = ["Market", "Trade", "Review", "Scenarios", "Write"] as const;
type Step = (typeof STEPS)[number];

/** Fields each step owns, so an error sends the trader back to the right step: read from the field lists. */
const STEP_FIELDS: Record<Step, FieldId[]> = {
  Market: ["market"],
  Trade: fieldIds(TRADE_FIELDS),
  Review: [],
  Scenarios: fieldIds(SCENARIO_FIELDS),
  Write: [],
};

export interface AppProps {
  workbook: WorkbookAdapter;
}

export function App({ workbook }: AppProps) {
  const s = useStyles();
  // What an action opens under the header (the journal import), until it closes it.
  const [opened, setOpened] = React.useState<React.ReactNode>(undefined);
  const [step, setStep] = React.useState<Step>("Market");
  const [values, setValues] = React.useState<FormValues>(START);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [status, setStatus] = React.useState<Status>({ kind: "idle" });
  // The tier table as last read from the workbook (a separate action from writing).
  const [tierRead, setTierRead] = React.useState<TierRead | undefined>(undefined);
  // The other positions' table (cross mode) as last read, the same way.
  const [othersRead, setOthersRead] = React.useState<TierRead | undefined>(undefined);
  const [reading, setReading] = React.useState(false);
  // Where focus goes after a step change: a field at fault, or the new step's heading.
  const paneRoot = React.useRef<HTMLDivElement>(null);
  const heading = React.useRef<HTMLHeadingElement>(null);
  const focus = usePaneFocus(paneRoot, () => heading.current);
  const moveTo = (to: Step, focusId?: string) => {
    setStep(to);
    focus.focusAfterRender(() => (focusId ? document.getElementById(focusId) : heading.current));
  };
  // A panel (the journal import) opens under the header; closing it returns focus to its button.
  const show = (panel: React.ReactNode) => {
    if (panel === undefined) focus.closed();
    else if (opened === undefined) focus.opened();
    setOpened(panel);
  };
  const market = preset(values.market);
  const context: FieldContext = {
    values,
    market,
    coin: coinOf(values.symbol),
    inverse: market.account === "coin",
    liquidates: market.ending === "liquidation",
  };

  // A result or refusal is about the trade as it was: once the trade changes, it is taken down.
  const settle = () => setStatus((st) => (st.kind === "busy" ? st : { kind: "idle" }));
  const change = (id: FieldId, value: string) => {
    setValues((v) => ({ ...v, [id]: value }));
    if (errors[id]) setErrors((e) => ({ ...e, [id]: undefined }));
    settle();
  };

  /** A symbol picked from the list: its steps, contract size, price and size are filled in (typing only sets the text). */
  const pickSymbol = (symbol: string) => {
    setValues((v) => {
      const info = findSymbol(v.market, symbol);
      return info ? applySymbol(v, info) : { ...v, symbol };
    });
    setErrors({});
    settle();
  };

  const validation = React.useMemo(() => validate(values, tierRead, othersRead), [values, tierRead, othersRead]);
  const scenario: Scenario | undefined = React.useMemo(
    () => (validation.trade && (step === "Review" || step === "Write") ? buildScenario(validation.trade) : undefined),
    [validation, step],
  );

  /** Checks the whole form; on a problem shows every message, goes to the step at fault and focuses its field. */
  const check = (read: TierRead | undefined = tierRead, others: TierRead | undefined = othersRead): boolean => {
    // the render's validation, unless a range was read just now (before the state holds it)
    const v = read === tierRead && others === othersRead ? validation : validate(values, read, others);
    setErrors(v.errors);
    if (v.trade) return true;
    const first = STEPS.flatMap((st) => STEP_FIELDS[st]).find((f) => v.errors[f]);
    const owner = STEPS.find((st) => first !== undefined && STEP_FIELDS[st].includes(first)) ?? "Trade";
    moveTo(owner, `lev-${first}`);
    return false;
  };

  const usesTable = context.liquidates && values.mmrSource === "table";
  const needsRead = () => usesTable && parseSheetRange(values.mmrTable) !== undefined && tierRead?.address !== values.mmrTable.trim();
  const usesOthers = context.liquidates && !context.inverse && values.marginMode === "cross";
  const needsOthers = () => usesOthers && parseSheetRange(values.others) !== undefined && othersRead?.address !== values.others.trim();

  /** The review and what follows need a valid trade; the market and trade steps are always open. */
  const go = async (to: Step, focusPanel = true) => {
    if (STEPS.indexOf(to) >= STEPS.indexOf("Review")) {
      // A tier-table range typed but not read yet is read now, before the review is worked out.
      const read = needsRead() ? await readTable() : tierRead;
      const others = needsOthers() ? await readOthers() : othersRead;
      if (!check(read, others)) return;
    }
    if (focusPanel) moveTo(to);
    else setStep(to);
  };

  /** Reads the tier-table range from the workbook (values only, nothing is changed) and reports beside the field. */
  const readTable = async (): Promise<TierRead | undefined> => {
    const read = await readAddress("mmrTable", tierRead);
    if (read === tierRead) return read;
    setTierRead(read);
    const problem = checkTierTable(values.mmrTable, read);
    setErrors((e) => ({ ...e, mmrTable: "problem" in problem ? problem.problem : undefined }));
    return read;
  };

  /** Reads the other positions' range the same way, checked by the engine's positions reader. */
  const readOthers = async (): Promise<TierRead | undefined> => {
    const read = await readAddress("others", othersRead);
    if (read === othersRead) return read;
    setOthersRead(read);
    const problem = checkOthers(values.others, read);
    setErrors((e) => ({ ...e, others: "problem" in problem ? problem.problem : undefined }));
    return read;
  };

  /** The cells of the range typed in field `id`, or the workbook's refusal; `before` where none is typed. */
  const readAddress = async (id: "mmrTable" | "others", before: TierRead | undefined): Promise<TierRead | undefined> => {
    const address = values[id].trim();
    const where = parseSheetRange(address);
    if (!where) {
      setErrors((e) => ({ ...e, [id]: validation.errors[id] }));
      return before;
    }
    setReading(true);
    let read: TierRead;
    try {
      const r = await workbook.readRange(where.sheet, where.range, { what: id === "mmrTable" ? "tier table" : "positions table" });
      read = { address, sheet: r.sheet, range: r.range, cells: r.values };
    } catch (e) {
      read = { address, problem: e instanceof Error ? e.message : String(e) };
    }
    setReading(false);
    return read;
  };

  const write = async () => {
    if (!check()) return;
    const trade = validation.trade!;
    setStatus({ kind: "busy", what: "Writing the scenario sheet…" });
    try {
      const result = await workbook.write(scenarioPlan(buildScenario(trade)));
      setStatus({ kind: "done", text: `Written to the new sheet "${result.sheet}". Change a yellow input cell there and everything recalculates.` });
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };

  const index = STEPS.indexOf(step);
  const busy = status.kind === "busy";
  const tier = { read: () => void readTable(), reading, summary: tierSummary(values.mmrTable, tierRead, context.inverse ? context.coin : undefined) };
  const others = { read: () => void readOthers(), reading, summary: summaryOfOthers(values.others, othersRead) };

  return (
    <div className={s.root} ref={paneRoot}>
      <div className={s.header}>
        <Text as="h1" size={400} weight="semibold" style={{ margin: 0 }}>
          Trade simulator
        </Text>
        <div className={s.actions}>
          {ACTIONS.map((Action, i) => (
            <Action key={i} workbook={workbook} busy={busy} report={setStatus} show={show} />
          ))}
        </div>
      </div>
      {opened}
      <TabList className={s.tabs} selectedValue={step} onTabSelect={(_, d) => void go(d.value as Step, false)} size="small" aria-label="Simulator steps">
        {STEPS.map((st, i) => (
          <Tab key={st} value={st} id={`lev-tab-${st}`}>
            {`${i + 1} ${st}`}
          </Tab>
        ))}
      </TabList>

      <section className={s.section} role="tabpanel" aria-labelledby={`lev-tab-${step}`}>
        <h2 ref={heading} id="lev-step-heading" className={s.stepHeading} tabIndex={-1}>
          {`Step ${index + 1} of ${STEPS.length}: ${step}`}
        </h2>
        {step === "Market" && (
          <MarketStep
            market={market}
            errors={errors}
            choose={(id: MarketId) => {
              setValues((v) => applyPreset(v, id));
              setErrors({});
              settle();
            }}
            loadGuide={() => {
              setValues(GUIDE_EXAMPLE);
              setErrors({});
              settle();
            }}
          />
        )}
        {step === "Trade" && (
          <Fields rows={TRADE_FIELDS} context={context} errors={errors} onChange={change} tier={tier} others={others} pickSymbol={pickSymbol} />
        )}
        {step === "Review" && scenario && <ReviewStep scenario={scenario} />}
        {step === "Scenarios" && <Fields rows={SCENARIO_FIELDS} context={context} errors={errors} onChange={change} />}
        {step === "Write" && <WriteStep scenario={scenario} write={() => void write()} busy={busy} />}
      </section>

      {/* Live regions, always in the page so that what appears in them is announced: progress and results
          politely, a refusal at once. */}
      <div className={s.messages}>
        <div role="status" aria-live="polite" id="lev-status">
          {status.kind === "busy" && <Spinner size="tiny" label={status.what} />}
          {status.kind === "done" && <Message intent="success">{status.text}</Message>}
        </div>
        <div role="alert" id="lev-alert">
          {status.kind === "error" && (
            <Message intent="error" title="Nothing was written.">
              {status.text}
            </Message>
          )}
        </div>
      </div>

      <Divider />
      <div className={s.nav}>
        <Button disabled={index === 0} onClick={() => moveTo(STEPS[index - 1]!)}>
          Back
        </Button>
        {index < STEPS.length - 1 && (
          <Button appearance={step === "Write" ? "secondary" : "primary"} onClick={() => void go(STEPS[index + 1]!)} disabledFocusable={reading}>
            Next: {STEPS[index + 1]}
          </Button>
        )}
      </div>
    </div>
  );
}

/** What the last read of the tier-table range gave, when it is for the range typed now. */
function tierSummary(text: string, read: TierRead | undefined, coin?: string): string {
  if (!read || read.address !== text.trim()) return "";
  const r = checkTierTable(text, read);
  if ("problem" in r) return "";
  const unit = coin ? ` Notional floors and caps are in ${coin} for inverse contracts.` : "";
  return `Read ${r.table.brackets} brackets from ${r.table.label}.${unit}`;
}

/** What the last read of the other positions' range gave, when it is for the range typed now. */
function summaryOfOthers(text: string, read: TierRead | undefined): string {
  if (!read || read.address !== text.trim()) return "";
  const r = checkOthers(text, read);
  return "others" in r && r.others ? othersSummary(r.others) : "";
}
