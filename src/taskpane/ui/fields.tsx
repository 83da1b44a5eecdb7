import * as React from "react";
import { Button, Combobox, Field, Input, Option, Radio, RadioGroup, Select, Text } from "@fluentui/react-components";
import { textOf, type ChoiceFieldSpec, type FieldContext, type FieldRow, type FieldSpec } from "../model/fields";
import type { FieldErrors, FieldId } from "../model/form";
import type { MarketId } from "../model/presets";
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

/** What a field shows around its control: its label, its hint and its error. */
interface Frame {
  label: string;
  hint: string | undefined;
  validationMessage: string | undefined;
  validationState: "error" | "none";
}

/** What each kind of field gets: its control's id and value, its frame, and where a change goes. */
interface ControlProps {
  id: FieldId;
  value: string;
  frame: Frame;
  change: (value: string) => void;
}

/** One field from its spec: a choice, the symbol, or a text input (a range's with its Read button). */
function OneField({ spec, context, errors, onChange, tier, others, pickSymbol }: { spec: FieldSpec } & Omit<FieldsProps, "rows">) {
  const id = spec.id;
  const control: ControlProps = {
    id,
    value: String(context.values[id]),
    frame: { label: textOf(spec.label, context)!, hint: textOf(spec.hint, context), validationMessage: errors[id], validationState: errors[id] ? "error" : "none" },
    change: (value) => onChange(id, value),
  };
  if (spec.kind === "choice") return spec.select ? <SelectField spec={spec} {...control} /> : <RadioField spec={spec} {...control} />;
  if (spec.kind === "symbol") return <SymbolField market={context.market.id} pickSymbol={pickSymbol} {...control} />;
  const input = <TextField inputMode={spec.kind === "text" ? (spec.inputMode ?? "decimal") : "text"} {...control} />;
  const controls = spec.kind === "tierTable" ? tier : spec.kind === "positionsTable" ? others : undefined;
  if (spec.kind === "text" || !controls) return input;
  // The tier table's ids stay as they were; the positions range has its own.
  const [button, status, what] = spec.kind === "tierTable" ? ["lev-readTable", "lev-tierStatus", "table"] : ["lev-readOthers", "lev-othersStatus", "positions"];
  return <RangeField input={input} controls={controls} button={button} status={status} what={what} />;
}

/** A choice as a drop-down. */
function SelectField({ spec, id, value, frame, change }: { spec: ChoiceFieldSpec } & ControlProps) {
  return (
    <Field {...frame}>
      <Select id={`lev-${id}`} value={value} onChange={(_, d) => change(d.value)}>
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A choice as radio buttons side by side. */
function RadioField({ spec, id, value, frame, change }: { spec: ChoiceFieldSpec } & ControlProps) {
  return (
    <Field {...frame}>
      <RadioGroup id={`lev-${id}`} layout="horizontal" value={value} onChange={(_, d) => change(d.value)}>
        {spec.options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
      </RadioGroup>
    </Field>
  );
}

/** The symbol: typed freely; picking a common symbol (click, or Enter on the highlighted one) fills its steps. */
function SymbolField({ market, pickSymbol, id, value, frame, change }: { market: MarketId; pickSymbol?: (symbol: string) => void } & ControlProps) {
  const s = useStyles();
  return (
    <Field {...frame}>
      <Combobox
        className={s.input}
        id={`lev-${id}`}
        freeform
        value={value}
        selectedOptions={[]}
        placeholder="e.g. BTCUSDT"
        onChange={(e) => change(e.target.value)}
        onOptionSelect={(_, d) => {
          if (d.optionValue) pickSymbol?.(d.optionValue);
        }}
      >
        {symbolsOf(market).map((o) => (
          <Option key={o.symbol} value={o.symbol}>
            {o.symbol}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

/** A text input: a number, a leverage, or a range's address. */
function TextField({ inputMode, id, value, frame, change }: { inputMode: "decimal" | "text" } & ControlProps) {
  const s = useStyles();
  return (
    <Field {...frame}>
      <Input className={s.input} id={`lev-${id}`} name={id} inputMode={inputMode} value={value} onChange={(_, d) => change(d.value)} />
    </Field>
  );
}

/** A range's input with its Read button beside it, and what was read (or is being read) under it. */
function RangeField({ input, controls, button, status, what }: { input: React.ReactNode; controls: TierControls; button: string; status: string; what: string }) {
  const s = useStyles();
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
