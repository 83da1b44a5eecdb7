import { Button, Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { coinOf, type FieldErrors } from "../model/form";
import { PRESETS, type MarketId, type Preset, type PresetDefault } from "../model/presets";
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
      <Button appearance="subtle" onClick={loadGuide}>
        Load the guide&apos;s example (2,000 at 1:50, one lot of EUR/USD)
      </Button>
    </>
  );
}

function presetRows(market: Preset): { label: string; d: PresetDefault; unit?: string }[] {
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
    ...(market.ending === "liquidation"
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
