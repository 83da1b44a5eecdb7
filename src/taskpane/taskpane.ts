/*
 * The task pane's entry, kept tiny: it waits for Office, then loads the simulator (React and Fluent UI)
 * as a separate chunk. The custom functions (functions.js, loaded first) are registered long before the
 * pane's code arrives. When Office cannot be reached (offline, or office.js blocked on the way from
 * Microsoft's network) the page says so in plain words, and what to do, instead of staying at "Loading…".
 */
import { OFFICE_WAIT_MS, showWithoutOffice } from "./without-office";

function start(root: HTMLElement): void {
  // office.js is a blocking script before this one: when it could not load, there is no Office at all.
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (typeof office?.onReady !== "function") {
    showWithoutOffice(root, "missing");
    return;
  }
  // office.js loaded but Office has not answered (it loads more of itself from the network, or the page
  // was opened outside Excel and the host is slow to say so): say so, and still start if it answers later.
  const waiting = setTimeout(() => showWithoutOffice(root, "silent"), OFFICE_WAIT_MS);
  void office.onReady(async () => {
    clearTimeout(waiting);
    try {
      const [{ mountPane }, { createExcelAdapter }] = await Promise.all([
        import(/* webpackChunkName: "pane" */ "./mount"),
        import(/* webpackChunkName: "pane" */ "./excel"),
      ]);
      root.textContent = "";
      mountPane(root, createExcelAdapter());
    } catch {
      showWithoutOffice(root, "chunk");
    }
  });
}

const root = document.getElementById("app");
if (root) start(root);
