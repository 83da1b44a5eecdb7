import * as React from "react";
import { Button, Divider, Spinner, Tab, TabList, Text } from "@fluentui/react-components";
import { fieldIds, SCENARIO_FIELDS, TRADE_FIELDS, type FieldContext } from "../model/fields";
import { coinOf, type FieldId, type FormValues, type TierRead } from "../model/form";
import { validate } from "../model/validate";
import { preset } from "../model/presets";
import { buildScenario, type Scenario } from "../model/scenario";
import { scenarioPlan } from "../model/plan";
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
import { useSimulatorForm, useTradeCheck } from "./simulator-state";

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
  const form = useSimulatorForm();
  const { values, errors, setErrors, status, setStatus } = form;
  const [step, setStep] = React.useState<Step>("Market");
  // Where focus goes after a step change: a field at fault, or the new step's heading.
  const paneRoot = React.useRef<HTMLDivElement>(null);
  const heading = React.useRef<HTMLHeadingElement>(null);
  const focus = usePaneFocus(paneRoot, () => heading.current);
  const moveTo = (to: Step, focusId?: string) => {
    setStep(to);
    focus.focusAfterRender(() => (focusId ? document.getElementById(focusId) : heading.current));
  };
  const { opened, show } = usePanel(focus);
  const context = fieldContext(values);
  const tradeCheck = useTradeCheck(workbook, context, setErrors);
  const { validation } = tradeCheck;
  const scenario: Scenario | undefined = React.useMemo(
    () => (validation.trade && (step === "Review" || step === "Write") ? buildScenario(validation.trade) : undefined),
    [validation, step],
  );

  /** Checks the whole form; on a problem shows every message, goes to the step at fault and focuses its field. */
  const check = (read: TierRead | undefined = tradeCheck.tierRead, others: TierRead | undefined = tradeCheck.othersRead): boolean => {
    // the render's validation, unless a range was read just now (before the state holds it)
    const v = read === tradeCheck.tierRead && others === tradeCheck.othersRead ? validation : validate(values, read, others);
    setErrors(v.errors);
    if (v.trade) return true;
    const first = STEPS.flatMap((st) => STEP_FIELDS[st]).find((f) => v.errors[f]);
    const owner = STEPS.find((st) => first !== undefined && STEP_FIELDS[st].includes(first)) ?? "Trade";
    moveTo(owner, `lev-${first}`);
    return false;
  };

  /** The review and what follows need a valid trade; the market and trade steps are always open. */
  const go = async (to: Step, focusPanel = true) => {
    if (STEPS.indexOf(to) >= STEPS.indexOf("Review")) {
      // A range typed but not read yet is read now, before the review is worked out.
      const { tiers, others } = await tradeCheck.readPending();
      if (!check(tiers, others)) return;
    }
    if (focusPanel) moveTo(to);
    else setStep(to);
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

  return (
    <div className={s.root} ref={paneRoot}>
      <PaneHeader workbook={workbook} busy={busy} report={setStatus} show={show} />
      {opened}
      <StepTabs step={step} onSelect={(to) => void go(to, false)} />

      <section className={s.section} role="tabpanel" aria-labelledby={`lev-tab-${step}`}>
        <h2 ref={heading} id="lev-step-heading" className={s.stepHeading} tabIndex={-1}>
          {`Step ${index + 1} of ${STEPS.length}: ${step}`}
        </h2>
        {step === "Market" && <MarketStep market={context.market} errors={errors} choose={form.choosePreset} loadGuide={form.loadGuide} />}
        {step === "Trade" && (
          <Fields rows={TRADE_FIELDS} context={context} errors={errors} onChange={form.change} tier={tradeCheck.tier} others={tradeCheck.others} pickSymbol={form.pickSymbol} />
        )}
        {step === "Review" && scenario && <ReviewStep scenario={scenario} />}
        {step === "Scenarios" && <Fields rows={SCENARIO_FIELDS} context={context} errors={errors} onChange={form.change} />}
        {step === "Write" && <WriteStep scenario={scenario} write={() => void write()} busy={busy} />}
      </section>

      <StatusRegions status={status} />
      <Divider />
      <StepNav index={index} reading={tradeCheck.reading} back={() => moveTo(STEPS[index - 1]!)} next={() => void go(STEPS[index + 1]!)} />
    </div>
  );
}

/** What the fields' labels, hints and visibility read: the values, the market's preset and what follows from it. */
function fieldContext(values: FormValues): FieldContext {
  const market = preset(values.market);
  return {
    values,
    market,
    coin: coinOf(values.symbol),
    inverse: market.account === "coin",
    liquidates: market.ending === "liquidation",
  };
}

/** What an action opens under the header (the journal import), until it closes it; closing returns focus to its button. */
function usePanel(focus: ReturnType<typeof usePaneFocus>) {
  const [opened, setOpened] = React.useState<React.ReactNode>(undefined);
  const show = (panel: React.ReactNode) => {
    if (panel === undefined) focus.closed();
    else if (opened === undefined) focus.opened();
    setOpened(panel);
  };
  return { opened, show };
}

/** The pane's title and its actions. */
function PaneHeader(props: ActionProps) {
  const s = useStyles();
  return (
    <div className={s.header}>
      <Text as="h1" size={400} weight="semibold" style={{ margin: 0 }}>
        Trade simulator
      </Text>
      <div className={s.actions}>
        {ACTIONS.map((Action, i) => (
          <Action key={i} {...props} />
        ))}
      </div>
    </div>
  );
}

/** The steps as tabs (arrow keys move between them). */
function StepTabs({ step, onSelect }: { step: Step; onSelect: (to: Step) => void }) {
  const s = useStyles();
  return (
    <TabList className={s.tabs} selectedValue={step} onTabSelect={(_, d) => onSelect(d.value as Step)} size="small" aria-label="Simulator steps">
      {STEPS.map((st, i) => (
        <Tab key={st} value={st} id={`lev-tab-${st}`}>
          {`${i + 1} ${st}`}
        </Tab>
      ))}
    </TabList>
  );
}

/**
 * Live regions, always in the page so that what appears in them is announced: progress and results
 * politely, a refusal at once.
 */
function StatusRegions({ status }: { status: Status }) {
  const s = useStyles();
  return (
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
  );
}

/** Back and Next, along the same path as the tabs; Next waits while a range is being read. */
function StepNav({ index, reading, back, next }: { index: number; reading: boolean; back: () => void; next: () => void }) {
  const s = useStyles();
  return (
    <div className={s.nav}>
      <Button disabled={index === 0} onClick={back}>
        Back
      </Button>
      {index < STEPS.length - 1 && (
        <Button appearance={STEPS[index] === "Write" ? "secondary" : "primary"} onClick={next} disabledFocusable={reading}>
          Next: {STEPS[index + 1]}
        </Button>
      )}
    </div>
  );
}
