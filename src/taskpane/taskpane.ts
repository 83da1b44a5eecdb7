/*
 * The task pane's entry, kept tiny: it waits for Office, then loads the simulator (React and Fluent UI)
 * as a separate chunk. The custom functions (functions.js, loaded first) are registered long before the
 * pane's code arrives.
 */
Office.onReady(async () => {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const [{ mountPane }, { createExcelAdapter }] = await Promise.all([
      import(/* webpackChunkName: "pane" */ "./mount"),
      import(/* webpackChunkName: "pane" */ "./excel"),
    ]);
    root.textContent = "";
    mountPane(root, createExcelAdapter());
  } catch {
    const status = document.getElementById("status");
    if (status) status.textContent = "The simulator could not load. The LEV functions still work in cells.";
  }
});
