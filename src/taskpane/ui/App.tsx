import * as React from "react";
import {
  Badge,
  Button,
  Divider,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  applyPreset,
  checkTierTable,
  coinOf,
  GUIDE_EXAMPLE,
  validate,
  type FieldErrors,
  type FieldId,
  type FormValues,
  type TierRead,
} from "../model/form";
import { PRESETS, preset, type MarketId, type Preset, type PresetDefault } from "../model/presets";
import { buildScenario, type Scenario } from "../model/scenario";
import { display } from "../model/formats";
import { journalPlan, scenarioPlan } from "../model/plan";
import { parseSheetRange, type WorkbookAdapter } from "../workbook";

/**
 * The guided simulator: market, account and trade, review, scenarios, write. Each step is a tab (arrow
 * keys move between them); Back and Next walk the same path. The form is checked before the review and
 * before anything is written; a problem shows under its field and focus moves there.
 */

const STEPS = ["Market", "Trade", "Review", "Scenarios", "Write"] as const;
type Step = (typeof STEPS)[number];

/** Fields each step owns, so an error sends the trader back to the right step. */
const STEP_FIELDS: Record<Step, FieldId[]> = {
  Market: ["market"],
  Trade: [
    "balance", "side", "entry", "leverage", "sizeMode", "quantity", "value", "riskPct", "stop", "target",
    "contractSize", "mmrSource", "mmr", "mmrTable", "callLevel", "stopoutLevel", "feeRate", "fundingRate", "fundingIntervalHours", "region",
  ],
  Review: [],
  Scenarios: ["scenarioKind", "moveFrom", "moveTo", "moveStep", "priceList", "holdingDays", "walkMove", "output"],
  Write: [],
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", padding: "4px", width: "100%", minWidth: 0, boxSizing: "border-box" },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "8px" },
  section: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(120px, 1fr))", gap: "10px", alignItems: "start", "& > *": { minWidth: 0 } },
  input: { width: "100%", minWidth: 0 },
  nav: { display: "flex", justifyContent: "space-between", gap: "8px", marginTop: "4px" },
  figures: { display: "flex", flexDirection: "column", gap: "8px", margin: 0, padding: 0 },
  figure: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    columnGap: "8px",
    paddingBottom: "6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  figureValue: { fontWeight: tokens.fontWeightSemibold, textAlign: "right", fontVariantNumeric: "tabular-nums" },
  explain: { gridColumn: "1 / span 2", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  sources: { margin: 0, paddingLeft: "16px", display: "flex", flexDirection: "column", gap: "4px", fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  walk: { margin: 0, paddingLeft: "20px", display: "flex", flexDirection: "column", gap: "6px" },
  walkStep: { paddingLeft: "2px" },
  walkHead: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "6px" },
  tabs: { flexWrap: "wrap" },
  withButton: { display: "grid", gridTemplateColumns: "1fr auto", gap: "8px", alignItems: "start", "& > *": { minWidth: 0 } },
  // Lines the button up with the input under the field's label.
  buttonSlot: { paddingTop: "26px" },
  nowrap: { whiteSpace: "nowrap" },
});

interface TextFieldProps {
  id: FieldId;
  label: string;
  hint?: string;
  values: FormValues;
  errors: FieldErrors;
  onChange: (id: FieldId, value: string) => void;
  inputMode?: "decimal" | "text";
}

function TextField({ id, label, hint, values, errors, onChange, inputMode = "decimal" }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} validationMessage={errors[id]} validationState={errors[id] ? "error" : "none"}>
      <Input
        className={useStyles().input}
        id={`lev-${id}`}
        name={id}
        inputMode={inputMode}
        value={String(values[id])}
        onChange={(_, d) => onChange(id, d.value)}
      />
    </Field>
  );
}

export interface AppProps {
  workbook: WorkbookAdapter;
}

type Status = { kind: "idle" } | { kind: "busy"; what: string } | { kind: "done"; text: string } | { kind: "error"; text: string };

export function App({ workbook }: AppProps) {
  const s = useStyles();
  const [step, setStep] = React.useState<Step>("Market");
  const [values, setValues] = React.useState<FormValues>(GUIDE_EXAMPLE);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [status, setStatus] = React.useState<Status>({ kind: "idle" });
  // The tier table as last read from the workbook (a separate action from writing).
  const [tierRead, setTierRead] = React.useState<TierRead | undefined>(undefined);
  const [reading, setReading] = React.useState(false);
  // Where focus goes after a step change: a field at fault, or the step's first control.
  const [focusRequest, setFocusRequest] = React.useState<{ id?: string; n: number }>({ n: 0 });
  const panel = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    if (focusRequest.n === 0) return;
    const target = focusRequest.id
      ? document.getElementById(focusRequest.id)
      : [...(panel.current?.querySelectorAll<HTMLElement>("input:not([disabled]), select, textarea, button:not([disabled])") ?? [])].find(
          (el) => !(el instanceof HTMLInputElement && el.type === "radio" && !el.checked),
        );
    target?.focus();
  }, [focusRequest]);
  const moveTo = (to: Step, focusId?: string) => {
    setStep(to);
    setFocusRequest((r) => ({ id: focusId, n: r.n + 1 }));
  };
  const market = preset(values.market);
  const liquidates = market.ending === "liquidation";
  const inverse = market.account === "coin";
  const coin = coinOf(values.symbol);

  const change = (id: FieldId, value: string) => {
    setValues((v) => ({ ...v, [id]: value }));
    if (errors[id]) setErrors((e) => ({ ...e, [id]: undefined }));
  };
  const chooseMarket = (id: MarketId) => {
    setValues((v) => applyPreset(v, id));
    setErrors({});
  };

  const validation = React.useMemo(() => validate(values, tierRead), [values, tierRead]);
  const scenario: Scenario | undefined = React.useMemo(
    () => (validation.trade && (step === "Review" || step === "Write") ? buildScenario(validation.trade) : undefined),
    [validation, step],
  );

  /** Checks the whole form; on a problem shows every message, goes to the step at fault and focuses its field. */
  const check = (read: TierRead | undefined = tierRead): boolean => {
    const v = validate(values, read);
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
      // A tier-table range typed but not read yet is read now, before the review is worked out.
      const read = needsRead() ? await readTable() : tierRead;
      if (!check(read)) return;
    }
    if (focusPanel) moveTo(to);
    else setStep(to);
  };

  const usesTable = liquidates && values.mmrSource === "table";
  const needsRead = () =>
    usesTable && parseSheetRange(values.mmrTable) !== undefined && tierRead?.address !== values.mmrTable.trim();

  /** Reads the tier-table range from the workbook (values only, nothing is changed) and reports beside the field. */
  const readTable = async (): Promise<TierRead | undefined> => {
    const address = values.mmrTable.trim();
    const where = parseSheetRange(address);
    if (!where) {
      setErrors((e) => ({ ...e, mmrTable: validate(values, tierRead).errors.mmrTable }));
      return tierRead;
    }
    setReading(true);
    let read: TierRead;
    try {
      const r = await workbook.readRange(where.sheet, where.range);
      read = { address, sheet: r.sheet, range: r.range, cells: r.values };
    } catch (e) {
      read = { address, problem: e instanceof Error ? e.message : String(e) };
    }
    setReading(false);
    setTierRead(read);
    const problem = checkTierTable(address, read);
    setErrors((e) => ({ ...e, mmrTable: "problem" in problem ? problem.problem : undefined }));
    return read;
  };

  const write = async () => {
    if (!check()) return;
    const trade = validate(values, tierRead).trade!;
    setStatus({ kind: "busy", what: "Writing the scenario sheet…" });
    try {
      const result = await workbook.write(scenarioPlan(buildScenario(trade)));
      setStatus({ kind: "done", text: `Written to the new sheet "${result.sheet}". Change a yellow input cell there and everything recalculates.` });
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };

  const journal = async () => {
    setStatus({ kind: "busy", what: "Creating the trading journal…" });
    try {
      const result = await workbook.write(journalPlan());
      setStatus({ kind: "done", text: `Created the trading journal on the new sheet "${result.sheet}", with two example trades.` });
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };

  const index = STEPS.indexOf(step);
  const field = (id: FieldId, label: string, hint?: string, inputMode?: "decimal" | "text") => (
    <TextField id={id} label={label} hint={hint} values={values} errors={errors} onChange={change} inputMode={inputMode} />
  );

  return (
    <div className={s.root}>
      <div className={s.header}>
        <Text as="h1" size={400} weight="semibold" style={{ margin: 0 }}>
          Trade simulator
        </Text>
        <Button size="small" onClick={journal} disabled={status.kind === "busy"}>
          New trading journal
        </Button>
      </div>
      <TabList className={s.tabs} selectedValue={step} onTabSelect={(_, d) => void go(d.value as Step, false)} size="small" aria-label="Simulator steps">
        {STEPS.map((st, i) => (
          <Tab key={st} value={st} id={`lev-tab-${st}`}>
            {`${i + 1} ${st}`}
          </Tab>
        ))}
      </TabList>

      <section ref={panel} className={s.section} role="tabpanel" aria-labelledby={`lev-tab-${step}`}>
        {step === "Market" && (
          <>
            <Field label="Market" validationMessage={errors.market} validationState={errors.market ? "error" : "none"}>
              <RadioGroup id="lev-market" value={values.market} onChange={(_, d) => chooseMarket(d.value as MarketId)}>
                {PRESETS.map((p) => (
                  <Radio key={p.id} value={p.id} label={p.available ? p.label : `${p.label} (not available)`} disabled={!p.available} />
                ))}
              </RadioGroup>
            </Field>
            <Text weight="semibold">Defaults for {market.label}, and where they come from</Text>
            <ul className={s.sources} aria-label="Preset defaults and their sources">
              {presetRows(market, liquidates).map(({ label, d, unit }) => (
                <li key={label}>
                  <strong>
                    {label}: {d.value}
                    {unit ? ` ${unit}` : ""}
                  </strong>{" "}
                  — {d.source}
                </li>
              ))}
            </ul>
            <Button appearance="subtle" onClick={() => { setValues(GUIDE_EXAMPLE); setErrors({}); }}>
              Load the guide&apos;s example (2,000 at 1:50, one lot of EUR/USD)
            </Button>
          </>
        )}

        {step === "Trade" && (
          <>
            <div className={s.row}>
              {inverse
                ? field("balance", `Balance (${coin})`, `In ${coin}: a coin-margined account is kept in the coin`)
                : field("balance", "Balance", "Your deposit, in the account currency")}
              <Field label="Side">
                <RadioGroup id="lev-side" layout="horizontal" value={values.side} onChange={(_, d) => change("side", d.value)}>
                  <Radio value="long" label="Long" />
                  <Radio value="short" label="Short" />
                </RadioGroup>
              </Field>
            </div>
            <div className={s.row}>
              {field("entry", "Entry price")}
              {field("leverage", "Leverage", "50, 1:50, 50x, or a margin rate such as 2%", "text")}
            </div>
            <Field label="Size given as">
              <RadioGroup id="lev-sizeMode" layout="horizontal" value={values.sizeMode} onChange={(_, d) => change("sizeMode", d.value)}>
                <Radio value="quantity" label="Quantity" />
                <Radio value="value" label="Value" />
                <Radio value="risk" label="Risk %" />
              </RadioGroup>
            </Field>
            {values.sizeMode === "quantity" && field("quantity", market.quantityLabel)}
            {values.sizeMode === "value" &&
              (inverse
                ? field("value", `Position value (${coin})`, "Contracts × contract value ÷ price; rounded down to whole contracts")
                : field("value", "Position value", "Price × quantity × contract size"))}
            {values.sizeMode === "risk" && field("riskPct", "Risk (% of balance)", "Lost if the stop is hit; the stop below is required")}
            <div className={s.row}>
              {field("stop", "Stop price (optional)")}
              {field("target", "Take profit (optional)")}
            </div>
            <div className={s.row}>
              {field("contractSize", market.contractSizeLabel, inverse ? "USD each contract is worth" : "Units per lot or contract")}
              {field("feeRate", "Fee rate (%)", "On each side's value")}
            </div>
            {liquidates ? (
              <>
                <Field label="Maintenance margin given as">
                  <RadioGroup id="lev-mmrSource" layout="horizontal" value={values.mmrSource} onChange={(_, d) => change("mmrSource", d.value)}>
                    <Radio value="rate" label="A rate" />
                    <Radio value="table" label="A tier table in the workbook" />
                  </RadioGroup>
                </Field>
                {values.mmrSource === "rate" ? (
                  field("mmr", "Maintenance margin rate (%)")
                ) : (
                  <>
                    <div className={s.withButton}>
                      {field("mmrTable", "Tier table range", "Rows of floor, cap, rate (0.004 is 0.4 %) and optionally amount, no header, e.g. Sheet1!A2:D11", "text")}
                      <div className={s.buttonSlot}>
                        <Button id="lev-readTable" onClick={() => void readTable()} disabled={reading} aria-describedby="lev-tierStatus">
                          Read table
                        </Button>
                      </div>
                    </div>
                    <Text id="lev-tierStatus" className={s.muted} role="status" aria-live="polite">
                      {reading ? "Reading the table…" : tierSummary(values.mmrTable, tierRead, inverse ? coin : undefined)}
                    </Text>
                  </>
                )}
              </>
            ) : (
              <div className={s.row}>
                {field("callLevel", "Margin-call level (%)")}
                {field("stopoutLevel", "Stop-out level (%)")}
              </div>
            )}
            <div className={s.row}>
              {field("fundingRate", "Funding rate (% per interval)", "Positive: longs pay")}
              {field("fundingIntervalHours", "Funding interval (hours)")}
            </div>
            <Field label="Region (for the retail leverage cap)">
              <Select id="lev-region" value={values.region} onChange={(_, d) => change("region", d.value)}>
                <option value="ESMA">EU (ESMA)</option>
                <option value="UK">UK (FCA)</option>
                <option value="ASIC">Australia (ASIC)</option>
                <option value="US">US (NFA, Regulation T)</option>
              </Select>
            </Field>
          </>
        )}

        {step === "Review" && scenario && <Review scenario={scenario} />}

        {step === "Scenarios" && (
          <>
            <Field label="Prices to try">
              <RadioGroup id="lev-scenarioKind" layout="horizontal" value={values.scenarioKind} onChange={(_, d) => change("scenarioKind", d.value)}>
                <Radio value="range" label="A range of moves" />
                <Radio value="list" label="A list of prices" />
              </RadioGroup>
            </Field>
            {values.scenarioKind === "range" ? (
              <div className={s.row}>
                {field("moveFrom", "From move (%)")}
                {field("moveTo", "To move (%)")}
                {field("moveStep", "Step (%)")}
              </div>
            ) : (
              field("priceList", "Prices", "Separated by spaces or semicolons", "text")
            )}
            <div className={s.row}>
              {field("walkMove", "Walkthrough: move against you (%)")}
              {field("holdingDays", "Holding period (days)", "For funding or financing")}
            </div>
            <Field label="Write as">
              <RadioGroup id="lev-output" layout="horizontal" value={values.output} onChange={(_, d) => change("output", d.value)}>
                <Radio value="formulas" label="Live formulas" />
                <Radio value="values" label="Values only" />
              </RadioGroup>
            </Field>
          </>
        )}

        {step === "Write" && (
          <>
            <Text>
              LEV adds a new sheet (it never writes into one you have) with the inputs as named cells, the key figures as
              LEV formulas, the walkthrough, the scenario table ({scenario?.rows.length ?? 0} rows) and a chart of PnL against
              price.
            </Text>
            <Button appearance="primary" onClick={write} disabled={status.kind === "busy"}>
              Write to the workbook
            </Button>
          </>
        )}
      </section>

      {status.kind === "busy" && <Spinner size="tiny" label={status.what} />}
      {status.kind === "done" && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      {status.kind === "error" && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Nothing was written.</MessageBarTitle>
            {status.text}
          </MessageBarBody>
        </MessageBar>
      )}

      <Divider />
      <div className={s.nav}>
        <Button disabled={index === 0} onClick={() => moveTo(STEPS[index - 1]!)}>
          Back
        </Button>
        {index < STEPS.length - 1 && (
          <Button appearance={step === "Write" ? "secondary" : "primary"} onClick={() => void go(STEPS[index + 1]!)} disabled={reading}>
            Next: {STEPS[index + 1]}
          </Button>
        )}
      </div>
    </div>
  );
}

/** Status colours, as the sheet's conditional formats colour them. */
const BADGE: Record<string, "success" | "warning" | "danger"> = {
  OK: "success",
  "MARGIN CALL": "warning",
  "STOP OUT": "danger",
  LIQUIDATED: "danger",
};

function presetRows(market: Preset, liquidates: boolean): { label: string; d: PresetDefault; unit?: string }[] {
  const d = market.defaults;
  const coinAccount = market.account === "coin";
  return [
    ...(coinAccount
      ? [
          { label: "Balance", d: d.balance, unit: coinOf(d.symbol.value) },
          { label: market.quantityLabel, d: d.quantity },
        ]
      : []),
    coinAccount ? { label: "Contract value", d: d.contractSize, unit: "USD" } : { label: "Contract size", d: d.contractSize },
    { label: "Leverage", d: d.leverage },
    ...(liquidates
      ? [{ label: "Maintenance margin rate", d: d.mmr, unit: "%" }]
      : [
          { label: "Margin call", d: d.callLevel, unit: "%" },
          { label: "Stop-out", d: d.stopoutLevel, unit: "%" },
        ]),
    { label: "Fee rate", d: d.feeRate, unit: "%" },
    { label: "Funding rate", d: d.fundingRate, unit: "% per interval" },
    { label: "Funding interval", d: d.fundingIntervalHours, unit: "hours" },
    { label: "Quantity step", d: market.quantityStep },
  ];
}

/** What the last read of the tier-table range gave, when it is for the range typed now. */
function tierSummary(text: string, read: TierRead | undefined, coin?: string): string {
  if (!read || read.address !== text.trim()) return "";
  const r = checkTierTable(text, read);
  if ("problem" in r) return "";
  const unit = coin ? ` Notional floors and caps are in ${coin} for inverse contracts.` : "";
  return `Read ${r.table.brackets} brackets from ${r.table.label}.${unit}`;
}

function Review({ scenario }: { scenario: Scenario }) {
  const s = useStyles();
  const entry = scenario.trade.entry;
  const steps = scenario.walkthrough;
  const coinSuffix = scenario.trade.inverse ? ` ${scenario.trade.coin}` : "";
  return (
    <>
      {scenario.warnings.map((w) => (
        <MessageBar key={w.id} intent="warning" data-warning={w.id}>
          <MessageBarBody>{w.text}</MessageBarBody>
        </MessageBar>
      ))}
      <dl className={s.figures} aria-label="Key figures">
        {scenario.figures.map((f) => (
          <div key={f.name} className={s.figure} data-figure={f.name}>
            <dt>{f.label}</dt>
            <dd className={s.figureValue} style={{ margin: 0 }}>
              {display(f.value, f.unit, entry)}
            </dd>
            <dd className={s.explain} style={{ margin: 0 }}>
              {typeof f.value === "object" ? `${f.explain} Here there is none: ${f.value.message}.` : f.explain}
            </dd>
          </div>
        ))}
      </dl>
      <Text weight="semibold">Walkthrough</Text>
      <ol className={s.walk} aria-label="Walkthrough">
        {steps.map((w) => {
          const status = typeof w.cells[5]!.value === "string" ? w.cells[5]!.value : "—";
          return (
            <li key={w.step} className={s.walkStep} data-status={status}>
              <div className={s.walkHead}>
                <span>{w.step.replace(/^\d+\.\s*/, "")}</span>
                <Badge appearance="tint" color={BADGE[status] ?? "informative"}>
                  {status}
                </Badge>
              </div>
              <div className={s.muted}>
                <span className={s.nowrap}>Price {display(w.cells[0]!.value, "price", entry)}</span> ·{" "}
                <span className={s.nowrap}>equity {display(w.cells[3]!.value, w.cells[3]!.unit, entry)}{coinSuffix}</span> ·{" "}
                <span className={s.nowrap}>margin level {display(w.cells[4]!.value, "percent", entry)}</span>
              </div>
            </li>
          );
        })}
      </ol>
      <Text className={s.muted}>{String(steps[steps.length - 1]?.story.value ?? "")}</Text>
    </>
  );
}
