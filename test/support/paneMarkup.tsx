import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { PaneActions } from "../../src/taskpane/actions";
import { PaneProvider } from "../../src/taskpane/PaneContext";
import type { PaneCommands } from "../../src/taskpane/session";
import { createPaneStore, initialPaneState, type PaneState } from "../../src/taskpane/store";

/**
 * The pane's markup without a browser: a component rendered inside the pane's provider with the
 * state and actions a test gives (the clicks are the Chromium test's).
 */
export function paneMarkup(
  node: ReactNode,
  {
    state = {},
    actions = null,
    commands = { start: async () => undefined, runCheck: async () => undefined },
    fluent = true,
  }: {
    state?: Partial<PaneState>;
    actions?: PaneActions | null;
    commands?: PaneCommands;
    /** Wrap in a FluentProvider (the shell, App, brings its own). */
    fluent?: boolean;
  } = {}
): string {
  const store = createPaneStore(initialPaneState(state));
  const inner = fluent ? <FluentProvider theme={webLightTheme}>{node}</FluentProvider> : node;
  return renderToStaticMarkup(
    <PaneProvider store={store} actions={actions} commands={commands}>
      {inner}
    </PaneProvider>
  );
}

/** The visible text: tags and the provider's style element dropped, spaces collapsed. */
export function textOf(html: string): string {
  return (
    html
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, " ")
      // A place a formula may wrap, not a space in it.
      .replace(/<wbr\s*\/?>/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ")
      .trim()
  );
}
