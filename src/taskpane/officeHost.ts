/*
 * The only task-pane module that touches Office globals. Everything here is guarded so the
 * pane also runs in a plain browser, where Office.js reports no host, or when Office.js
 * could not be loaded at all (then `Office` is undefined).
 */

/** The Office application hosting the pane ("Excel"), or null outside Office. */
export type HostName = string | null;

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
