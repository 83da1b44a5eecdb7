/*
 * The page's styles, applied as a constructed style sheet (no inline <style> or style attributes in the
 * HTML, so a strict Content-Security-Policy can be set on the page).
 */
export const CSS = `
:root { --line: #e1e4e8; --head: #f4f5f7; --accent: #0f6cbd; --accent-text: #0b4f8c; --error: #b10e1c; --text: #1b1b1b; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; font-size: 13px; color: var(--text); }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { margin: 0; height: 100%; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.playground { display: flex; flex-direction: column; height: 100vh; }
.top { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; justify-content: space-between; padding: 8px 14px; background: #0f3d66; color: #fff; }
.top :focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
.brand strong { font-size: 16px; letter-spacing: .5px; }
.brand span { opacity: .9; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.btn { font: inherit; padding: 4px 12px; border-radius: 4px; border: 1px solid #ffffff88; background: #ffffff14; color: #fff; cursor: pointer; text-decoration: none; }
.btn:hover { background: #ffffff2e; }
.banner { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; padding: 6px 14px; background: #fff4ce; color: #3b2e00; border-bottom: 1px solid #e6d28a; }
.formula-bar { display: flex; align-items: center; gap: 6px; padding: 6px 10px; border-bottom: 1px solid var(--line); background: #fff; }
.name-box { width: 96px; font: inherit; padding: 3px 6px; border: 1px solid #8a8886; border-radius: 3px; text-align: center; }
.fx { font-style: italic; color: #555; padding: 0 4px; }
.formula-input { flex: 1; min-width: 0; font: 13px ui-monospace, "Cascadia Mono", Consolas, monospace; padding: 4px 6px; border: 1px solid #8a8886; border-radius: 3px; }
.cell-info { min-height: 22px; padding: 3px 12px; font-size: 12px; color: #4a4a4a; border-bottom: 1px solid var(--line); background: #fafafa; }
.cell-info.error { color: var(--error); background: #fdf3f4; }
.main { flex: 1; display: flex; min-height: 0; }
.sheet-area { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.pane { flex: none; width: clamp(240px, 28vw, 340px); border-left: 1px solid var(--line); overflow: auto; padding: 12px; background: #fbfbfc; }
.pane-hidden .pane { display: none; }
.grid { flex: 1; position: relative; display: flex; min-height: 0; min-width: 0; }
.grid-body { flex: 1; overflow: auto; position: relative; outline: none; background: #fff; }
.grid-canvas { position: relative; }
.grid-headrow { position: sticky; top: 0; z-index: 4; height: 24px; background: var(--head); }
.grid-corner { position: sticky; left: 0; z-index: 5; width: 56px; height: 24px; background: var(--head); border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); }
.grid-heads { position: absolute; top: 0; left: 0; }
.grid-rows { position: absolute; top: 0; left: 0; right: 0; bottom: 0; }
.grid-row { position: absolute; left: 0; right: 0; height: 24px; }
.colhead, .rowhead { color: #4a4a4a; font-size: 12px; display: flex; align-items: center; justify-content: center; background: var(--head); user-select: none; }
.colhead { position: absolute; top: 0; height: 24px; border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); cursor: s-resize; }
.rowhead { position: sticky; left: 0; z-index: 2; width: 56px; height: 24px; border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); cursor: e-resize; }
.colhead.active, .rowhead.active { background: #dde9f7; color: var(--accent-text); font-weight: 600; }
.grid-body.resizing, .grid-body.resizing .colhead { cursor: col-resize; }
.cell { position: absolute; top: 0; height: 24px; padding: 3px 4px; border-right: 1px solid #eef0f2; border-bottom: 1px solid #eef0f2; white-space: nowrap; overflow: hidden; text-overflow: clip; cursor: cell; user-select: none; background: #fff; }
.cell.empty { background: transparent; }
.cell.overflow { z-index: 1; }
.cell.number { text-align: right; }
.cell.boolean { text-align: center; }
.cell.error { color: var(--error); text-align: center; font-weight: 600; }
.cell.spilled { background: #f7fbff; }
.cell.in-range { box-shadow: inset 0 0 0 1000px #0f6cbd1f; }
.grid-overlay { position: absolute; top: 24px; left: 56px; overflow: hidden; pointer-events: none; z-index: 6; }
.grid-overlay-inner { position: absolute; top: 0; left: 0; }
.selection-box, .mark-box, .point-box, .fill-box { position: absolute; top: 0; left: 0; pointer-events: none; }
.selection-box { border: 2px solid #cfd3d8; }
.grid.focused .selection-box { border: 3px solid var(--accent); box-shadow: inset 0 0 0 1px #fff; }
.mark-box { border: 2px dashed var(--accent); }
.point-box { border: 2px dashed #b4009e; background: #b4009e12; }
.fill-box { border: 2px dashed #444; }
.fill-handle { position: absolute; top: 0; left: 0; width: 8px; height: 8px; background: var(--accent); border: 1px solid #fff; cursor: crosshair; pointer-events: auto; z-index: 3; }
.grid.filling .fill-handle { visibility: hidden; }
.chart-layer { position: absolute; top: 0; left: 0; z-index: 2; }
.chart { position: absolute; top: 0; left: 0; margin: 0; background: #fff; border: 1px solid #c8ccd1; box-shadow: 0 1px 4px #0001; pointer-events: auto; }
.chart canvas { display: block; }
.cell-editor { position: absolute; top: 0; left: 0; z-index: 4; pointer-events: auto; font: 13px ui-monospace, "Cascadia Mono", Consolas, monospace; padding: 2px 5px; border: 2px solid var(--accent); outline: none; box-shadow: 0 2px 8px #0003; }
.cell-editor[aria-invalid=true] { border-color: var(--error); }
.sheetbar { display: flex; align-items: stretch; min-width: 0; border-top: 1px solid var(--line); background: var(--head); }
.tabs { display: flex; flex: 0 1 auto; min-width: 0; gap: 2px; padding: 0 4px; overflow-x: auto; overflow-y: hidden; scrollbar-width: thin; }
.tab { flex: none; font: inherit; padding: 5px 14px; max-width: 200px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border: 1px solid transparent; border-top: none; background: transparent; cursor: pointer; color: #3b3b3b; }
.tab .tab-label { pointer-events: none; }
.tab.active { background: #fff; border-color: var(--line); color: var(--accent-text); font-weight: 600; border-bottom: 3px solid var(--accent); }
.tab:focus-visible { outline-offset: -3px; }
.tab-rename { flex: none; font: inherit; width: 160px; margin: 2px; padding: 2px 6px; border: 2px solid var(--accent); }
.tab-rename[aria-invalid=true] { border-color: var(--error); }
.sheet-btn { flex: none; font: inherit; font-size: 15px; line-height: 1; padding: 4px 12px; border: none; border-left: 1px solid var(--line); background: transparent; color: #3b3b3b; cursor: pointer; }
.sheet-btn:hover, .tab:hover { background: #e8eaed; }
.status { padding: 3px 12px; font-size: 12px; color: #4a4a4a; border-top: 1px solid var(--line); min-height: 22px; }
.ac-list { position: fixed; z-index: 10; margin: 0; padding: 4px 0; list-style: none; background: #fff; border: 1px solid #c8ccd1; box-shadow: 0 4px 14px #0002; max-height: 280px; width: 520px; overflow: auto; }
.ac-list li { padding: 4px 10px; cursor: pointer; display: flex; flex-direction: column; }
.ac-list li.active { background: #e8f1fb; }
.ac-name { font-weight: 600; font-family: ui-monospace, Consolas, monospace; }
.ac-desc { font-size: 12px; color: #4a4a4a; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.arg-help { position: fixed; z-index: 10; max-width: 560px; padding: 6px 10px; background: #fffef5; border: 1px solid #d9d3a8; box-shadow: 0 3px 10px #0002; font-size: 12px; }
.arg-help .sig { font-family: ui-monospace, Consolas, monospace; margin-bottom: 3px; }
.arg-help .param { color: #333; }
.arg-help .desc { color: #4a4a4a; margin-top: 3px; }
dialog.ask { max-width: min(520px, 92vw); border: 1px solid #c8ccd1; border-radius: 6px; padding: 18px 20px; box-shadow: 0 8px 30px #0004; }
dialog.ask::backdrop { background: #0003; }
dialog.ask h2 { margin: 0 0 8px; font-size: 16px; }
.ask-buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 14px; }
.btn-dialog { font: inherit; padding: 5px 14px; border-radius: 4px; border: 1px solid #8a8886; background: #fff; color: var(--text); cursor: pointer; }
.btn-dialog.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.loading { padding: 40px; font-size: 15px; color: #444; }
.failed { padding: 40px; color: var(--error); }
@media (max-width: 900px) {
  .pane { width: 240px; }
  .brand span { display: none; }
}
/* 400 % zoom (320 CSS pixels wide): one column; the grid scrolls in its own box, the pane follows it */
@media (max-width: 640px) {
  .playground { height: auto; min-height: 100vh; }
  .top { flex-direction: column; align-items: flex-start; padding: 6px 8px; }
  .formula-bar { flex-wrap: wrap; }
  .formula-input { flex-basis: 100%; }
  .main { flex-direction: column; }
  .sheet-area { flex: none; height: max(260px, 70vh); }
  .pane { width: auto; border-left: none; border-top: 1px solid var(--line); overflow: visible; }
}
`;

export function applyStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
