/*
 * What taskpane.html says when the simulator cannot start: Office could not be reached (office.js did not
 * load: offline, or blocked by the network), Office has not answered, or the simulator's own script did not
 * load. Plain words, what to do, and the playground (the same simulator in a browser, no Excel needed).
 * Built from DOM nodes: this runs before, and without, React.
 */

/**
 * How long the pane waits for Office to be ready before it says why the simulator has not started. Office
 * usually answers within a second; the message must be up within 5 s of the page opening.
 */
export const OFFICE_WAIT_MS = 3500;

/** Why the simulator has not started. */
export type WithoutOffice = "missing" | "silent" | "chunk";

/** The playground, beside this page at the same address (index.html). */
const PLAYGROUND = "index.html";

const TEXT: Record<WithoutOffice, { title: string; why: string; todo: string[] }> = {
  missing: {
    title: "LEV needs Excel, and the network to reach Office",
    why:
      "This is LEV's task pane. It runs inside Excel, and it could not reach Office: Office's script (office.js, which " +
      "Excel add-ins load from Microsoft's network) did not load. The computer may be offline, or a firewall, proxy " +
      "or content blocker may stop it.",
    todo: [
      "Check that this computer is online.",
      "If your network filters web addresses, ask for appsforoffice.microsoft.com to be allowed.",
      "Then close this pane and open it again from Excel: Home → LEV → Trade simulator.",
    ],
  },
  silent: {
    title: "LEV is waiting for Excel",
    why:
      "This is LEV's task pane. It runs inside Excel, and Office has not answered yet: the rest of Office's script " +
      "may still be on its way over a slow or filtered network, or this page was opened outside Excel. The " +
      "simulator starts here by itself if Office answers.",
    todo: [
      "Check that this computer is online, and that your network allows appsforoffice.microsoft.com.",
      "In Excel, close this pane and open it again: Home → LEV → Trade simulator.",
    ],
  },
  chunk: {
    title: "The simulator could not load",
    why: "The simulator's own script did not load from this add-in's address. The LEV functions still work in cells.",
    todo: ["Check that this computer is online, then close this pane and open it again from Excel."],
  },
};

function node<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Replaces what `root` shows (the "Loading…" page) with why the simulator has not started, and what to do. */
export function showWithoutOffice(root: HTMLElement, why: WithoutOffice): void {
  const t = TEXT[why];
  const box = node("div");
  box.id = "without-office";
  box.dataset.reason = why;
  const title = node("h1", t.title);
  title.tabIndex = -1;
  const list = node("ul");
  for (const line of t.todo) list.append(node("li", line));
  const link = node("a", "Open the LEV playground");
  link.href = PLAYGROUND;
  link.target = "_blank";
  link.rel = "noopener";
  const playground = node("p", "To try LEV without Excel, in this or any browser: ");
  playground.append(link, " (a new window): every LEV function and this simulator, on a sample workbook.");
  box.append(title, node("p", t.why), node("h2", "What to do"), list, playground);
  root.textContent = "";
  root.append(box);
  // The title takes focus (unless the reader is already elsewhere on the page), so a screen reader reads it.
  if (!document.activeElement || document.activeElement === document.body) title.focus();
}
