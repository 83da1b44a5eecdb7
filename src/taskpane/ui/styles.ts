import { makeStyles, tokens } from "@fluentui/react-components";

/** The pane's styles, shared by its step components. */
export const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", padding: "4px", width: "100%", minWidth: 0, boxSizing: "border-box" },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "8px" },
  actions: { display: "flex", gap: "6px", flexWrap: "wrap", justifyContent: "flex-end" },
  section: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(120px, 1fr))", gap: "10px", alignItems: "start", "& > *": { minWidth: 0 } },
  input: { width: "100%", minWidth: 0 },
  nav: { display: "flex", justifyContent: "space-between", gap: "8px", marginTop: "4px" },
  figures: { display: "flex", flexDirection: "column", gap: "8px", margin: 0, padding: 0 },
  figure: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    columnGap: "8px",
    paddingBottom: "6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  figureValue: { fontWeight: tokens.fontWeightSemibold, textAlign: "right", fontVariantNumeric: "tabular-nums" },
  explain: { gridColumn: "1 / span 2", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  sources: { margin: 0, paddingLeft: "16px", display: "flex", flexDirection: "column", gap: "4px", fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  walk: { margin: 0, paddingLeft: "20px", display: "flex", flexDirection: "column", gap: "6px" },
  walkStep: { paddingLeft: "2px" },
  walkHead: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "6px" },
  tabs: { flexWrap: "wrap" },
  withButton: { display: "grid", gridTemplateColumns: "1fr auto", gap: "8px", alignItems: "start", "& > *": { minWidth: 0 } },
  // Lines the button up with the input under the field's label.
  buttonSlot: { paddingTop: "26px" },
  nowrap: { whiteSpace: "nowrap" },
});
