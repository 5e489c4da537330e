/*
 * The pane's start-up and shell calls to Office: waiting for Office, the theme, the ribbon command
 * and opening the pane. Everything here is guarded so the pane also runs in a plain browser, where
 * Office.js reports no host, or when Office.js could not be loaded at all (then `Office` is
 * undefined). Reading and writing the workbook (`Excel.run`) is excel/excelActions.ts's alone;
 * components use neither, only the actions from PaneContext.
 */

import type { HostName } from "./session";

export type { HostName };

export async function whenOfficeReady(): Promise<HostName> {
  if (typeof Office === "undefined") {
    return null;
  }
  const { host } = await Office.onReady();
  // Typed as an enum, but at run time the host's name ("Excel"), or null outside Office.
  return host === null || host === undefined ? null : String(host);
}

/** The Office theme's body background colour, or null when Office reports no theme. */
export function officeBackground(): string | null {
  if (typeof Office === "undefined") {
    return null;
  }
  return Office.context?.officeTheme?.bodyBackgroundColor ?? null;
}

/**
 * Calls `onChange` with the new body background whenever the Office theme changes.
 * The OfficeThemeChanged event exists only in some hosts and versions; where it is missing or
 * registration fails, the pane keeps the theme it read at start.
 */
export function watchOfficeTheme(onChange: (background: string | null) => void): void {
  if (typeof Office === "undefined") {
    return;
  }
  const eventType = Office.EventType?.OfficeThemeChanged;
  const document = Office.context?.document;
  if (eventType === undefined || typeof document?.addHandlerAsync !== "function") {
    return;
  }
  document.addHandlerAsync(eventType, (args: Office.OfficeThemeChangedEventArgs) =>
    onChange(args.officeTheme?.bodyBackgroundColor ?? null)
  );
}

/**
 * Registers the function a ribbon button's ExecuteFunction action runs. Office keeps the button
 * busy until `event.completed()`, so it is called whether the command succeeds or throws; a
 * command's own failure stays its to report (the check shows it in the pane). False where the host
 * has no Office.actions (a plain browser).
 */
export function registerCommand(name: string, command: () => Promise<void>): boolean {
  const actions = typeof Office === "undefined" ? undefined : Office.actions;
  if (typeof actions?.associate !== "function") {
    return false;
  }
  actions.associate(name, async (event: Office.AddinCommands.Event) => {
    try {
      await command();
    } finally {
      event.completed();
    }
  });
  return true;
}

/**
 * Opens the task pane from a ribbon command (SharedRuntime 1.1). False where the host has no way
 * to; a refusal by the host rejects, for the command to report.
 */
export async function showTaskpane(): Promise<boolean> {
  if (typeof Office === "undefined" || typeof Office.addin?.showAsTaskpane !== "function") {
    return false;
  }
  await Office.addin.showAsTaskpane();
  return true;
}
