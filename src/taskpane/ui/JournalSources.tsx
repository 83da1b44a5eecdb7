import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea } from "@fluentui/react-components";
import { Message } from "./messages";
import { useStyles } from "./journal-styles";

/** The journal import's first step: the files or pasted text to read, and why one could not be read. */

/** A file input for exports (several at once); cleared after each choice, so that the same file can be chosen again. */
function FilesInput({ label, onFiles }: { label: string; onFiles: (files: File[]) => void }) {
  return (
    <input
      type="file"
      multiple
      accept=".csv,.txt,.tsv,.xlsx,.html,.htm,text/csv"
      aria-label={label}
      onChange={(e) => {
        const chosen = [...(e.target.files ?? [])];
        if (chosen.length > 0) onFiles(chosen);
        e.target.value = "";
      }}
    />
  );
}

interface ChooseFilesProps {
  /** Files are read already: another can be added to them. */
  canAdd: boolean;
  pasted: string;
  onPasted: (text: string) => void;
  onOpen: (chosen: File[], add: boolean) => void;
  onPaste: () => void;
}

/** What the import reads: export files (chosen, or added to those read), or pasted CSV text. */
export function ChooseFiles({ canAdd, pasted, onPasted, onOpen, onPaste }: ChooseFilesProps) {
  const s = useStyles();
  return (
    <>
      <Text className={s.muted}>
        Choose your exchange&apos;s trade history export: Binance futures or spot, Bybit (trade history, closed P&amp;L, unified-account log), OKX, MetaTrader 5&apos;s
        report (.xlsx, HTML or CSV), or any CSV with time, symbol, side, price and quantity columns; with it, or later, the funding: Binance&apos;s transaction history, Bybit&apos;s
        log. Several files (next month&apos;s export, the funding) are read together. The files stay on this computer.
      </Text>
      <div className={s.row}>
        <FilesInput label="Export file of fills" onFiles={(chosen) => onOpen(chosen, false)} />
      </div>
      {canAdd && (
        <div className={s.row}>
          <Field label="Add another file (a second date range, the funding)">
            <FilesInput label="Another export file" onFiles={(chosen) => onOpen(chosen, true)} />
          </Field>
        </div>
      )}
      <Field label="Or paste the CSV text">
        <Textarea aria-label="Pasted CSV" value={pasted} onChange={(_, d) => onPasted(d.value)} rows={3} resize="vertical" />
      </Field>
      <div className={s.row}>
        <Button size="small" disabled={pasted.trim() === ""} onClick={onPaste}>
          Read pasted text
        </Button>
      </div>
    </>
  );
}

/** Why nothing was written, and the files left out of the import. */
export function ReadProblems({ problem, notes }: { problem: string | undefined; notes: readonly string[] }) {
  const s = useStyles();
  return (
    <>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody className={s.wrap}>
            <MessageBarTitle>Nothing was written</MessageBarTitle>
            {problem}
          </MessageBarBody>
        </MessageBar>
      )}
      {notes.map((n) => (
        <Message key={n} intent="warning" bodyClassName={s.wrap}>
          {n} The file is left out of the import.
        </Message>
      ))}
    </>
  );
}
