import { Button } from "@fluentui/react-components";
import { positionsPlan } from "../model/positions";
import type { ActionProps } from "./actions";

/**
 * "New positions sheet": writes a cross-margin account (an Excel table of positions, LEV.CROSSLIQ beside
 * it, LEV.CROSSACCOUNT under it) to a new sheet with a free name, through the workbook interface.
 */
export function PositionsAction({ workbook, busy, report }: ActionProps) {
  const create = async () => {
    report({ kind: "busy", what: "Creating the positions sheet…" });
    try {
      const result = await workbook.write(positionsPlan());
      report({
        kind: "done",
        text: `Created the positions sheet "${result.sheet}": an example cross account of four symbols, ETHUSDT hedged. Type your own positions into the table; change a mark or the wallet balance and every liquidation price and the margin ratio recalculate.`,
      });
    } catch (e) {
      report({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Button size="small" onClick={() => void create()} disabledFocusable={busy}>
      New positions sheet
    </Button>
  );
}
