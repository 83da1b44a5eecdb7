import * as React from "react";
import { Button, Combobox, Field, Input, Option, Radio, RadioGroup, Select, Text } from "@fluentui/react-components";
import { textOf, type FieldContext, type FieldRow, type FieldSpec } from "../model/fields";
import type { FieldErrors, FieldId } from "../model/form";
import { symbolsOf } from "../model/symbols";
import { useStyles } from "./styles";

/** What the tier-table field needs beyond its text: the Read button's action and what was read. */
export interface TierControls {
  read: () => void;
  reading: boolean;
  summary: string;
}

export interface FieldsProps {
  rows: FieldRow[];
  context: FieldContext;
  errors: FieldErrors;
  onChange: (id: FieldId, value: string) => void;
  tier?: TierControls;
  /** The same for the other positions' range (cross mode). */
  others?: TierControls;
  /** A symbol picked from the list of common symbols: its steps and defaults are filled in. */
  pickSymbol?: (symbol: string) => void;
}

/** Renders rows of fields from their data: text inputs, radio groups and drop-downs, each with its error beside it. */
export function Fields({ rows, context, errors, onChange, tier, others, pickSymbol }: FieldsProps) {
  const s = useStyles();
  return (
    <>
      {rows.map((row, i) => {
        const shown = row.filter((f) => f.show?.(context) ?? true);
        if (shown.length === 0) return null;
        const items = shown.map((f) => <OneField key={f.id} spec={f} context={context} errors={errors} onChange={onChange} tier={tier} others={others} pickSymbol={pickSymbol} />);
        return shown.length > 1 ? (
          <div key={i} className={s.row}>
            {items}
          </div>
        ) : (
          <React.Fragment key={i}>{items}</React.Fragment>
        );
      })}
    </>
  );
}

function OneField({ spec, context, errors, onChange, tier, others, pickSymbol }: { spec: FieldSpec } & Omit<FieldsProps, "rows">) {
  const s = useStyles();
  const id = spec.id;
  const label = textOf(spec.label, context)!;
  const hint = textOf(spec.hint, context);
  const value = String(context.values[id]);
  const message = { validationMessage: errors[id], validationState: errors[id] ? ("error" as const) : ("none" as const) };
  if (spec.kind === "choice") {
    if (spec.select) {
      return (
        <Field label={label} hint={hint} {...message}>
          <Select id={`lev-${id}`} value={value} onChange={(_, d) => onChange(id, d.value)}>
            {spec.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      );
    }
    return (
      <Field label={label} hint={hint} {...message}>
        <RadioGroup id={`lev-${id}`} layout="horizontal" value={value} onChange={(_, d) => onChange(id, d.value)}>
          {spec.options.map((o) => (
            <Radio key={o.value} value={o.value} label={o.label} />
          ))}
        </RadioGroup>
      </Field>
    );
  }
  if (spec.kind === "symbol") {
    // Typed freely; picking a common symbol (click, or Enter on the highlighted one) fills its steps.
    return (
      <Field label={label} hint={hint} {...message}>
        <Combobox
          className={s.input}
          id={`lev-${id}`}
          freeform
          value={value}
          selectedOptions={[]}
          placeholder="e.g. BTCUSDT"
          onChange={(e) => onChange(id, e.target.value)}
          onOptionSelect={(_, d) => {
            if (d.optionValue) pickSymbol?.(d.optionValue);
          }}
        >
          {symbolsOf(context.market.id).map((o) => (
            <Option key={o.symbol} value={o.symbol}>
              {o.symbol}
            </Option>
          ))}
        </Combobox>
      </Field>
    );
  }
  const input = (
    <Field label={label} hint={hint} {...message}>
      <Input
        className={s.input}
        id={`lev-${id}`}
        name={id}
        inputMode={spec.kind === "text" ? (spec.inputMode ?? "decimal") : "text"}
        value={value}
        onChange={(_, d) => onChange(id, d.value)}
      />
    </Field>
  );
  const controls = spec.kind === "tierTable" ? tier : spec.kind === "positionsTable" ? others : undefined;
  if (spec.kind === "text" || !controls) return input;
  // The tier table's ids stay as they were; the positions range has its own.
  const [button, status, what] = spec.kind === "tierTable" ? ["lev-readTable", "lev-tierStatus", "table"] : ["lev-readOthers", "lev-othersStatus", "positions"];
  return (
    <>
      <div className={s.withButton}>
        {input}
        <div className={s.buttonSlot}>
          <Button id={button} onClick={controls.read} disabledFocusable={controls.reading} aria-describedby={status}>
            Read {what}
          </Button>
        </div>
      </div>
      <Text id={status} className={s.muted} role="status" aria-live="polite">
        {controls.reading ? `Reading the ${what}…` : controls.summary}
      </Text>
    </>
  );
}
