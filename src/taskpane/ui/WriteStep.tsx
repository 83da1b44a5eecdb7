import { Button, Text } from "@fluentui/react-components";
import type { Scenario } from "../model/scenario";

/** Step 5: what the write adds, and the one action. A trade that cannot be opened is written with that said at the top. */
export function WriteStep({ scenario, write, busy }: { scenario: Scenario | undefined; write: () => void; busy: boolean }) {
  const blocked = (scenario?.blockers.length ?? 0) > 0;
  return (
    <>
      <Text>
        LEV adds a new sheet (it never writes into one you have) with the inputs as named cells, the key figures as LEV
        formulas, the walkthrough, the scenario table ({scenario?.rows.length ?? 0} rows) and a chart of PnL against price.
      </Text>
      {blocked && (
        <Text weight="semibold" data-blocked="true">
          This trade cannot be opened as set: the sheet says so on its third line, above every figure, and the rows show what
          would happen if it were.
        </Text>
      )}
      <Button appearance="primary" onClick={write} disabledFocusable={busy}>
        Write to the workbook
      </Button>
    </>
  );
}
