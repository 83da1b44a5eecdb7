import * as React from "react";
import { Button } from "@fluentui/react-components";
import { journalPlan } from "../model/plan";
import type { WorkbookAdapter } from "../../shared/workbook";

/** What the pane shows under the steps: nothing, work in progress, a result, or a refusal in plain words. */
export type Status = { kind: "idle" } | { kind: "busy"; what: string } | { kind: "done"; text: string } | { kind: "error"; text: string };

/**
 * A pane action (a button in the header that writes something of its own into the workbook). Each is one
 * component with these props; the pane lists them in ACTIONS (App.tsx), so adding one is one line there.
 */
export interface ActionProps {
  workbook: WorkbookAdapter;
  /** Another write is under way: actions wait. */
  busy: boolean;
  report: (status: Status) => void;
  /** Opens a panel of the action's own under the header (undefined closes it). */
  show: (panel: React.ReactNode) => void;
}

export function JournalAction({ workbook, busy, report }: ActionProps) {
  const journal = async () => {
    report({ kind: "busy", what: "Creating the trading journal…" });
    try {
      const result = await workbook.write(journalPlan());
      report({ kind: "done", text: `Created the trading journal on the new sheet "${result.sheet}", with two example trades.` });
    } catch (e) {
      report({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Button size="small" onClick={journal} disabledFocusable={busy}>
      New trading journal
    </Button>
  );
}
