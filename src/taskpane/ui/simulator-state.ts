import * as React from "react";
import type { FieldContext } from "../model/fields";
import { othersSummary } from "../model/account";
import { applyPreset, applySymbol, GUIDE_EXAMPLE, START, type FieldErrors, type FieldId, type FormValues, type TierRead } from "../model/form";
import { checkOthers, checkTierTable } from "../model/form-read";
import { validate } from "../model/validate";
import { findSymbol } from "../model/symbols";
import type { MarketId } from "../model/presets";
import { parseSheetRange } from "../../shared/a1";
import type { WorkbookAdapter } from "../../shared/workbook";
import type { Status } from "./actions";
import type { TierControls } from "./fields";

/**
 * The simulator's state, in two hooks: the form (its values, the messages beside its fields, and what the
 * pane last said), and the trade as the form and the ranges read from the workbook give it.
 */

/** The form's values, the messages beside its fields and the pane's status, with the ways the trader changes them. */
export function useSimulatorForm() {
  const [values, setValues] = React.useState<FormValues>(START);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [status, setStatus] = React.useState<Status>({ kind: "idle" });

  // A result or refusal is about the trade as it was: once the trade changes, it is taken down.
  const settle = () => setStatus((st) => (st.kind === "busy" ? st : { kind: "idle" }));
  const change = (id: FieldId, value: string) => {
    setValues((v) => ({ ...v, [id]: value }));
    if (errors[id]) setErrors((e) => ({ ...e, [id]: undefined }));
    settle();
  };
  /** Several fields at once (a market's preset, a symbol's steps, the guide's example): every message goes. */
  const refill = (next: (v: FormValues) => FormValues) => {
    setValues(next);
    setErrors({});
    settle();
  };

  return {
    values,
    errors,
    setErrors,
    status,
    setStatus,
    change,
    /** A symbol picked from the list: its steps, contract size, price and size are filled in (typing only sets the text). */
    pickSymbol: (symbol: string) =>
      refill((v) => {
        const info = findSymbol(v.market, symbol);
        return info ? applySymbol(v, info) : { ...v, symbol };
      }),
    choosePreset: (id: MarketId) => refill((v) => applyPreset(v, id)),
    loadGuide: () => refill(() => GUIDE_EXAMPLE),
  };
}

/** The two ranges the form can name in the workbook: the tier table and the other positions (cross mode). */
type RangeField = "mmrTable" | "others";

/**
 * The trade as the form gives it, with the tier table and the other positions' table as last read from the
 * workbook (reading is a separate action from writing): the validation, the reads, and the Read buttons' controls.
 */
export function useTradeCheck(workbook: WorkbookAdapter, context: FieldContext, setErrors: React.Dispatch<React.SetStateAction<FieldErrors>>) {
  const values = context.values;
  const [tierRead, setTierRead] = React.useState<TierRead | undefined>(undefined);
  const [othersRead, setOthersRead] = React.useState<TierRead | undefined>(undefined);
  const [reading, setReading] = React.useState(false);
  const validation = React.useMemo(() => validate(values, tierRead, othersRead), [values, tierRead, othersRead]);

  /** The cells of the range typed in field `id`, or the workbook's refusal; `before` where none is typed. */
  const readAddress = async (id: RangeField, before: TierRead | undefined): Promise<TierRead | undefined> => {
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

  /**
   * Reads the range typed in field `id` (values only, nothing is changed), keeps what was read and reports
   * beside the field what `check` finds in it; `before` where nothing new was read.
   */
  const readChecked = async (
    id: RangeField,
    before: TierRead | undefined,
    keep: (read: TierRead | undefined) => void,
    check: (text: string, read: TierRead | undefined) => ReturnType<typeof checkTierTable> | ReturnType<typeof checkOthers>,
  ): Promise<TierRead | undefined> => {
    const read = await readAddress(id, before);
    if (read === before) return read;
    keep(read);
    const problem = check(values[id], read);
    setErrors((e) => ({ ...e, [id]: "problem" in problem ? problem.problem : undefined }));
    return read;
  };
  /** The tier table; the other positions' range, checked by the engine's positions reader. */
  const readTable = () => readChecked("mmrTable", tierRead, setTierRead, checkTierTable);
  const readOthers = () => readChecked("others", othersRead, setOthersRead, checkOthers);

  const usesTable = context.liquidates && values.mmrSource === "table";
  const needsRead = () => usesTable && parseSheetRange(values.mmrTable) !== undefined && tierRead?.address !== values.mmrTable.trim();
  const usesOthers = context.liquidates && !context.inverse && values.marginMode === "cross";
  const needsOthers = () => usesOthers && parseSheetRange(values.others) !== undefined && othersRead?.address !== values.others.trim();

  /** Both ranges as the trade needs them: one typed but not read yet is read now (the tier table first). */
  const readPending = async (): Promise<{ tiers: TierRead | undefined; others: TierRead | undefined }> => {
    const tiers = needsRead() ? await readTable() : tierRead;
    const others = needsOthers() ? await readOthers() : othersRead;
    return { tiers, others };
  };

  const tier: TierControls = { read: () => void readTable(), reading, summary: tierSummary(values.mmrTable, tierRead, context.inverse ? context.coin : undefined) };
  const others: TierControls = { read: () => void readOthers(), reading, summary: summaryOfOthers(values.others, othersRead) };
  return { validation, tierRead, othersRead, reading, readPending, tier, others };
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
