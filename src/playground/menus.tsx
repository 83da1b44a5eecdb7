import { createRoot, type Root } from "react-dom/client";
import { FluentProvider, Menu, MenuDivider, MenuItem, MenuList, MenuPopover, webLightTheme } from "@fluentui/react-components";

/*
 * The playground's menus (the grid's right-click menu, a sheet tab's menu, the list of all sheets) are Fluent
 * UI's Menu, the pane's own component library: role=menu with arrow keys, Escape, type-ahead, and placement
 * that keeps the menu inside the window. Loaded with the first menu opened.
 */

export type MenuEntry = { label: string; shortcut?: string; disabled?: boolean; checked?: boolean; run: () => void } | "divider";

let root: Root | undefined;
let host: HTMLElement | undefined;

/** Opens a menu at a point of the window (or under an element); `closed` runs when it closes, chosen or not. */
export function showMenu(at: { x: number; y: number } | HTMLElement, entries: MenuEntry[], label: string, closed: () => void): void {
  if (!host) {
    host = document.createElement("div");
    host.className = "menu-host";
    document.body.append(host);
    root = createRoot(host);
  }
  const target =
    at instanceof HTMLElement
      ? at
      : {
          getBoundingClientRect: () => ({ x: at.x, y: at.y, left: at.x, top: at.y, right: at.x, bottom: at.y, width: 0, height: 0, toJSON: () => ({}) }) as DOMRect,
        };
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    root!.render(<></>);
    closed();
  };
  root!.render(
    <FluentProvider theme={webLightTheme}>
      <Menu open positioning={{ target, position: "below", align: "start" }} onOpenChange={(_, d) => !d.open && close()}>
        <MenuPopover>
          <MenuList aria-label={label}>
            {entries.map((e, i) =>
              e === "divider" ? (
                <MenuDivider key={i} />
              ) : (
                <MenuItem key={i} disabled={e.disabled} secondaryContent={e.shortcut} onClick={() => {
                    close();
                    e.run();
                  }}>
                  {e.label}
                </MenuItem>
              ),
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
    </FluentProvider>,
  );
}
