import { Button } from "@fluentui/react-components";
import { positionsPlan } from "../model/positions";
import type { WorkbookAdapter } from "../workbook";

/** What the button reports to the pane's status line while and after it writes. */
export type PositionsStatus = { kind: "busy"; what: string } | { kind: "done"; text: string } | { kind: "error"; text: string };

export interface NewPositionsSheetProps {
  workbook: WorkbookAdapter;
  disabled: boolean;
  onStatus: (status: PositionsStatus) => void;
}

/**
 * "New positions sheet": writes a cross-margin account (an Excel table of positions, LEV.CROSSLIQ beside
 * it, LEV.CROSSACCOUNT under it) to a new sheet with a free name, through the workbook interface.
 */
export function NewPositionsSheet({ workbook, disabled, onStatus }: NewPositionsSheetProps) {
  const create = async () => {
    onStatus({ kind: "busy", what: "Creating the positions sheet…" });
    try {
      const result = await workbook.write(positionsPlan());
      onStatus({
        kind: "done",
        text: `Created the positions sheet "${result.sheet}": an example cross account of four symbols, ETHUSDT hedged. Type your own positions into the table; change a mark or the wallet balance and every liquidation price and the margin ratio recalculate.`,
      });
    } catch (e) {
      onStatus({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Button size="small" onClick={() => void create()} disabled={disabled}>
      New positions sheet
    </Button>
  );
}
