/*
 * The page's styles, applied as a constructed style sheet (no inline <style> or style attributes in the
 * HTML, so a strict Content-Security-Policy can be set on the page).
 */
export const CSS = `
:root { --line: #e1e4e8; --head: #f4f5f7; --accent: #0f6cbd; --error: #b10e1c; --text: #1b1b1b; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; font-size: 13px; color: var(--text); }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
.playground { display: flex; flex-direction: column; height: 100vh; }
.top { display: flex; align-items: center; justify-content: space-between; padding: 8px 14px; background: #0f3d66; color: #fff; }
.brand strong { font-size: 16px; letter-spacing: .5px; }
.brand span { opacity: .85; }
.actions { display: flex; gap: 8px; }
.btn { font: inherit; padding: 4px 12px; border-radius: 4px; border: 1px solid #ffffff66; background: #ffffff14; color: #fff; cursor: pointer; text-decoration: none; }
.btn:hover { background: #ffffff2e; }
.formula-bar { display: flex; align-items: center; gap: 6px; padding: 6px 10px; border-bottom: 1px solid var(--line); background: #fff; }
.name-box { width: 72px; font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 3px; text-align: center; }
.fx { font-style: italic; color: #666; padding: 0 4px; }
.formula-input { flex: 1; font: 13px ui-monospace, "Cascadia Mono", Consolas, monospace; padding: 4px 6px; border: 1px solid var(--line); border-radius: 3px; }
.cell-info { min-height: 22px; padding: 3px 12px; font-size: 12px; color: #555; border-bottom: 1px solid var(--line); background: #fafafa; }
.cell-info.error { color: var(--error); background: #fdf3f4; }
.main { flex: 1; display: flex; min-height: 0; }
.sheet-area { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.pane { width: 340px; border-left: 1px solid var(--line); overflow: auto; padding: 12px; background: #fbfbfc; }
.grid { flex: 1; display: grid; grid-template-columns: 56px 1fr; grid-template-rows: 24px 1fr; min-height: 0; }
.grid-corner { background: var(--head); border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); }
.grid-colheader, .grid-rowheader { overflow: hidden; position: relative; background: var(--head); }
.grid-colheader { border-bottom: 1px solid var(--line); }
.grid-rowheader { border-right: 1px solid var(--line); }
.grid-colheader-inner, .grid-rowheader-inner { position: relative; }
.colhead, .rowhead { position: absolute; top: 0; left: 0; color: #555; font-size: 12px; display: flex; align-items: center; justify-content: center; }
.colhead { height: 24px; border-right: 1px solid var(--line); }
.rowhead { width: 56px; height: 24px; border-bottom: 1px solid var(--line); }
.colhead.active, .rowhead.active { background: #dde9f7; color: var(--accent); font-weight: 600; }
.grid-body { overflow: auto; position: relative; outline: none; background: #fff; }
.grid-canvas { position: relative; }
.cell { position: absolute; top: 0; left: 0; height: 24px; padding: 3px 4px; border-right: 1px solid #eef0f2; border-bottom: 1px solid #eef0f2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: cell; user-select: none; }
.cell.overflow { overflow: visible; text-overflow: clip; z-index: 1; }
.cell.number { text-align: right; }
.cell.boolean { text-align: center; }
.cell.error { color: var(--error); text-align: center; font-weight: 600; }
.cell.spilled { background: #f7fbff; }
.cell.in-range { background: #e8f1fb; }
.cell.selected { outline: 2px solid var(--accent); outline-offset: -2px; z-index: 1; }
.chart-layer { position: absolute; top: 0; left: 0; z-index: 2; }
.chart { position: absolute; top: 0; left: 0; background: #fff; border: 1px solid #c8ccd1; box-shadow: 0 1px 4px #0001; }
.chart canvas { display: block; }
.cell-editor { position: absolute; top: 0; left: 0; z-index: 3; font: 13px ui-monospace, "Cascadia Mono", Consolas, monospace; padding: 2px 5px; border: 2px solid var(--accent); outline: none; box-shadow: 0 2px 8px #0003; }
.tabs { display: flex; gap: 2px; padding: 0 8px; border-top: 1px solid var(--line); background: var(--head); }
.tab { font: inherit; padding: 5px 14px; border: 1px solid transparent; border-top: none; background: transparent; cursor: pointer; color: #444; }
.tab.active { background: #fff; border-color: var(--line); color: var(--accent); font-weight: 600; border-bottom: 2px solid var(--accent); }
.tab.add { color: #777; }
.status { padding: 3px 12px; font-size: 12px; color: #666; border-top: 1px solid var(--line); min-height: 22px; }
.ac-list { position: absolute; z-index: 10; margin: 0; padding: 4px 0; list-style: none; background: #fff; border: 1px solid #c8ccd1; box-shadow: 0 4px 14px #0002; max-height: 280px; width: 520px; overflow: auto; }
.ac-list li { padding: 4px 10px; cursor: pointer; display: flex; flex-direction: column; }
.ac-list li.active { background: #e8f1fb; }
.ac-name { font-weight: 600; font-family: ui-monospace, Consolas, monospace; }
.ac-desc { font-size: 12px; color: #555; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.arg-help { position: absolute; z-index: 10; max-width: 560px; padding: 6px 10px; background: #fffef5; border: 1px solid #d9d3a8; box-shadow: 0 3px 10px #0002; font-size: 12px; }
.arg-help .sig { font-family: ui-monospace, Consolas, monospace; margin-bottom: 3px; }
.arg-help .param { color: #333; }
.arg-help .desc { color: #666; margin-top: 3px; }
.loading { padding: 40px; font-size: 15px; color: #444; }
.failed { padding: 40px; color: var(--error); }
`;

export function applyStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
