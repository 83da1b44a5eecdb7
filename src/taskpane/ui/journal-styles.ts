import { makeStyles, tokens } from "@fluentui/react-components";

/** The journal import's styles, shared by its parts. */
export const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "4px" },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))", gap: "8px" },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    width: "100%",
    "& td, & th": { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left", whiteSpace: "nowrap", verticalAlign: "top" },
    // a reason, a note and a date-time wrap, so that a narrow pane shows the figures beside them
    "& td.wrap, & td.time": { whiteSpace: "normal" },
    "& td.time": { minWidth: "74px" },
  },
  scroll: { overflowX: "auto", maxHeight: "220px", overflowY: "auto" },
  counts: { margin: 0, paddingLeft: "16px", fontSize: tokens.fontSizeBase300 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  box: { display: "flex", flexDirection: "column", gap: "6px", padding: "6px 8px", borderLeft: `3px solid ${tokens.colorBrandStroke1}`, background: tokens.colorNeutralBackground2 },
  wrap: { whiteSpace: "normal" },
  stack: { display: "flex", flexDirection: "column", gap: "8px" },
  file: { display: "flex", flexDirection: "column", gap: "8px", padding: "6px", border: `1px dashed ${tokens.colorNeutralStroke2}`, borderRadius: "4px" },
});
