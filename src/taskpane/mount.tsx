import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./ui/App";
import type { WorkbookAdapter } from "../shared/workbook";

/** Mounts the guided simulator into `root`, writing through `workbook` (Excel or the playground). */
export function mountPane(root: HTMLElement, workbook: WorkbookAdapter): void {
  createRoot(root).render(
    <React.StrictMode>
      <FluentProvider theme={webLightTheme}>
        <App workbook={workbook} />
      </FluentProvider>
    </React.StrictMode>,
  );
}
