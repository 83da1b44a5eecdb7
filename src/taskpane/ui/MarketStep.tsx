import { Button, Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { coinOf, type FieldErrors } from "../model/form";
import { PRESETS, type MarketId, type Preset, type PresetDefault } from "../model/presets";
import { symbolsOf } from "../model/symbols";
import { useStyles } from "./styles";

export interface MarketStepProps {
  market: Preset;
  errors: FieldErrors;
  choose: (id: MarketId) => void;
  loadGuide: () => void;
}

/** Step 1: the market, its preset defaults and where each comes from. */
export function MarketStep({ market, errors, choose, loadGuide }: MarketStepProps) {
  const s = useStyles();
  return (
    <>
      <Field label="Market" validationMessage={errors.market} validationState={errors.market ? "error" : "none"}>
        <RadioGroup id="lev-market" value={market.id} onChange={(_, d) => choose(d.value as MarketId)}>
          {PRESETS.map((p) => (
            <Radio key={p.id} value={p.id} label={p.available ? p.label : `${p.label} (not available)`} disabled={!p.available} />
          ))}
        </RadioGroup>
      </Field>
      <Text weight="semibold">Defaults for {market.label}, and where they come from</Text>
      <ul className={s.sources} aria-label="Preset defaults and their sources">
        {presetRows(market).map(({ label, d, unit }) => (
          <li key={label}>
            <strong>
              {label}: {d.value}
              {unit ? ` ${unit}` : ""}
            </strong>{" "}
            — {d.source}
          </li>
        ))}
      </ul>
      <Text weight="semibold">Common symbols, with their steps and where they come from</Text>
      <ul className={s.sources} aria-label="Common symbols and their sources">
        {symbolsOf(market.id).map((x) => (
          <li key={x.symbol}>
            <strong>
              {x.symbol}: tick {x.tick}, quantity step {x.step}
              {x.cap && x.cap.leverage !== "" ? `, up to ${x.cap.leverage}x on ${x.cap.venue}` : ""}
            </strong>{" "}
            — {x.source}
            {x.cap ? `; ${x.cap.source}` : ""}
          </li>
        ))}
      </ul>
      <Button appearance="subtle" onClick={loadGuide}>
        Load the guide&apos;s example (2,000 at 1:50, one lot of EUR/USD, no retail cap)
      </Button>
    </>
  );
}

function presetRows(market: Preset): { label: string; d: PresetDefault; unit?: string }[] {
  const d = market.defaults;
  const coinAccount = market.account === "coin";
  return [
    { label: "Symbol", d: d.symbol },
    ...(coinAccount ? [{ label: "Balance", d: d.balance, unit: coinOf(d.symbol.value) }] : [{ label: "Balance", d: d.balance }]),
    { label: "Leverage", d: d.leverage },
    ...(market.ending === "liquidation"
      ? [{ label: "Maintenance margin rate", d: d.mmr, unit: "%" }]
      : [
          { label: "Margin call", d: d.callLevel, unit: "%" },
          { label: "Stop-out", d: d.stopoutLevel, unit: "%" },
        ]),
    { label: "Fee rate", d: d.feeRate, unit: "%" },
    { label: "Funding rate", d: d.fundingRate, unit: "% per interval" },
    { label: "Funding interval", d: d.fundingIntervalHours, unit: "hours" },
  ];
}
