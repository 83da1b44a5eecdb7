import { makeStyles, tokens } from "@fluentui/react-components";

/** The pane's styles, shared by its step components. */
export const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "4px",
    width: "100%",
    minWidth: 0,
    boxSizing: "border-box",
    // Visible focus everywhere in the pane, the journal import included: Fluent's buttons, tabs and radios
    // draw a 2 px ring of their own, but its text fields and drop-downs show focus only by recolouring their
    // bottom line (about 1.1:1 against the line it replaces), and a scrolling box has the browser's ring.
    "& .fui-Input:focus-within, & .fui-Textarea:focus-within, & .fui-Select:focus-within, & [role='region'][tabindex]:focus-visible": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
    // The symbol's combobox: the ring goes round the text the trader types (its list button sits beside it).
    "& .fui-Combobox__input:focus": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
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
  // The step's heading takes focus on a step change (keyboard or not), so it shows where focus is.
  stepHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px", borderRadius: "2px" },
  },
  messages: { display: "flex", flexDirection: "column", gap: "8px" },
});
