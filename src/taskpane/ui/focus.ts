import * as React from "react";

/**
 * Where keyboard focus goes in the pane, in one hook, so that it is never lost to the page's <body>:
 * - `focusAfterRender(target)` focuses what `target` returns once the next render is on screen (a step's
 *   heading after a step change, a field at fault, the button that opened a panel when the panel closes);
 * - `opened()` remembers the control that opens a panel (the focused one), and `closed()` returns focus
 *   to it when the panel closes;
 * - when the focused control inside the pane is removed (its panel or step went away) or disabled, focus
 *   goes to `fallback()` (the step's heading) instead of the <body>. A trader who clicks outside any control
 *   keeps the focus where the click put it.
 */
export function usePaneFocus(root: React.RefObject<HTMLElement | null>, fallback: () => HTMLElement | null) {
  const [request, setRequest] = React.useState<{ target?: () => HTMLElement | null; n: number }>({ n: 0 });
  const opener = React.useRef<HTMLElement | null>(null);
  const fallbackRef = React.useRef(fallback);
  fallbackRef.current = fallback;

  React.useEffect(() => {
    request.target?.()?.focus();
  }, [request]);

  React.useEffect(() => {
    const pane = root.current;
    if (!pane) return;
    let last: HTMLElement | null = null;
    const track = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement) last = e.target;
    };
    // Focus that leaves the pane for another control, or for nowhere while its control stays usable (a click
    // outside any control), is the trader's choice: forget it.
    const left = (e: FocusEvent) => {
      const to = e.relatedTarget;
      if (to instanceof Node && !pane.contains(to)) last = null;
      else if (to === null && pending === undefined) pending = setTimeout(rescue, 0);
    };
    // A removed or disabled control loses focus to <body>. Checked after the pane's own focus moves (a
    // render's effects) have had their turn, so a deliberate move wins.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const rescue = () => {
      pending = undefined;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (!last || (last.isConnected && !isDisabled(last))) {
        last = null;
        return;
      }
      last = null;
      const to = fallbackRef.current();
      if (to && pane.contains(to)) to.focus();
    };
    const observer = new MutationObserver(() => {
      if (pending === undefined) pending = setTimeout(rescue, 0);
    });
    observer.observe(pane, { subtree: true, childList: true, attributes: true, attributeFilter: ["disabled"] });
    pane.addEventListener("focusin", track);
    pane.addEventListener("focusout", left);
    return () => {
      observer.disconnect();
      if (pending !== undefined) clearTimeout(pending);
      pane.removeEventListener("focusin", track);
      pane.removeEventListener("focusout", left);
    };
  }, [root]);

  return {
    focusAfterRender: (target: () => HTMLElement | null) => setRequest((r) => ({ target, n: r.n + 1 })),
    opened: () => {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    },
    closed: () => {
      const back = opener.current;
      opener.current = null;
      setRequest((r) => ({ target: () => (back?.isConnected && !isDisabled(back) ? back : fallbackRef.current()), n: r.n + 1 }));
    },
  };
}

function isDisabled(el: HTMLElement): boolean {
  return (el as HTMLButtonElement).disabled === true;
}
