import { Badge, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { display } from "../model/formats";
import type { Scenario } from "../model/scenario";
import { Message } from "./messages";
import { useStyles } from "./styles";

/** Status colours, as the sheet's conditional formats colour them. */
const BADGE: Record<string, "success" | "warning" | "danger"> = {
  OK: "success",
  "MARGIN CALL": "warning",
  "STOP OUT": "danger",
  LIQUIDATED: "danger",
};

/**
 * Step 3: first whether the trade can be opened at all (and why not), then cautions, the view the figures
 * take, the key figures with their explanations, and the walkthrough of an opened trade.
 */
export function ReviewStep({ scenario }: { scenario: Scenario }) {
  const s = useStyles();
  const blocked = scenario.blockers.length > 0;
  return (
    <>
      {blocked && <Blockers blockers={scenario.blockers} />}
      {scenario.warnings.map((w) => (
        <Message key={w.id} intent="warning" data-warning={w.id}>
          {w.text}
        </Message>
      ))}
      <Text weight="semibold" data-view={scenario.view.id}>
        {scenario.view.label}
      </Text>
      <Text className={s.muted} data-instrument="">
        {instrumentLine(scenario)}
      </Text>
      <KeyFigures scenario={scenario} />
      <Text weight="semibold">Walkthrough</Text>
      {blocked ? (
        <Text className={s.muted} data-walkthrough="not-opened">
          No walkthrough: the trade is not opened as set. Change what is listed at the top and the walkthrough follows.
        </Text>
      ) : (
        <Walkthrough scenario={scenario} />
      )}
    </>
  );
}

/** Why the trade cannot be opened as set, first of all. */
function Blockers({ blockers }: { blockers: Scenario["blockers"] }) {
  return (
    <MessageBar intent="error" data-blocked="true">
      <MessageBarBody>
        <MessageBarTitle>This trade cannot be opened as set.</MessageBarTitle>
        <ul style={{ margin: "4px 0 0", paddingLeft: "18px" }}>
          {blockers.map((w) => (
            <li key={w.id} data-blocker={w.id}>
              {w.text}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** The key figures, each with its value and what it means (and why there is none, where there is none). */
function KeyFigures({ scenario }: { scenario: Scenario }) {
  const s = useStyles();
  return (
    <dl className={s.figures} aria-label="Key figures">
      {scenario.figures.map((f) => (
        <div key={f.name} className={s.figure} data-figure={f.name}>
          <dt>{f.label}</dt>
          <dd className={s.figureValue} style={{ margin: 0 }}>
            {display(f.value, f.unit, scenario.trade.prices)}
          </dd>
          <dd className={s.explain} style={{ margin: 0 }}>
            {typeof f.value === "object" ? `${f.explain} Here there is none: ${f.value.message}.` : f.explain}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The opened trade, step by step, in the order price reaches each step. */
function Walkthrough({ scenario }: { scenario: Scenario }) {
  const s = useStyles();
  return (
    <ol className={s.walk} aria-label="Walkthrough">
      {scenario.walkthrough.map((w) => (
        <WalkStep key={w.step} scenario={scenario} step={w} />
      ))}
    </ol>
  );
}

/** One step of the walkthrough: its status, its price, equity and level, and its sentence. */
function WalkStep({ scenario, step: w }: { scenario: Scenario; step: Scenario["walkthrough"][number] }) {
  const s = useStyles();
  const prices = scenario.trade.prices;
  const coinSuffix = scenario.trade.inverse ? ` ${scenario.trade.coin}` : "";
  const status = typeof w.cells[5]!.value === "string" ? w.cells[5]!.value : "not reached";
  return (
    <li className={s.walkStep} data-status={status}>
      <div className={s.walkHead}>
        <span>{w.step.replace(/^\d+\.\s*/, "")}</span>
        <Badge appearance="tint" color={BADGE[status] ?? "informative"}>
          {status}
        </Badge>
      </div>
      {/* a step the price never reaches (no such price) has only its sentence */}
      {typeof w.cells[0]!.value === "number" && (
        <div className={s.muted}>
          <span className={s.nowrap}>Price {display(w.cells[0]!.value, "price", prices)}</span> ·{" "}
          <span className={s.nowrap}>
            {scenario.view.equityLabel.toLowerCase()} {display(w.cells[3]!.value, w.cells[3]!.unit, prices)}
            {coinSuffix}
          </span>{" "}
          ·{" "}
          <span className={s.nowrap}>
            {scenario.view.levelLabel.toLowerCase()} {display(w.cells[4]!.value, "percent", prices)}
          </span>
        </div>
      )}
      <div className={s.muted}>{String(w.story.value)}</div>
    </li>
  );
}

/** "BTCUSDT: tick 0.10, quantity step 0.001; Binance allows up to 125x." What the trade's instrument carries. */
function instrumentLine(scenario: Scenario): string {
  const t = scenario.trade;
  const cap = t.cap.kind === "exchange" && t.cap.exchange ? ` ${t.cap.exchange.venue} allows up to ${t.cap.exchange.leverage}x.` : "";
  const fx = t.fx ? ` Amounts in ${t.fx.quote} are converted into ${t.fx.account} at ${t.fx.rate.toString()} (${t.fx.ratePair}).` : "";
  return `${t.symbol}: tick ${t.tick}, quantity step ${t.quantityStep.toString()}.${cap}${fx}`;
}
