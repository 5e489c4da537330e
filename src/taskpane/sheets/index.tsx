import { createRoot } from "react-dom/client";
import { App } from "../App";
import { PaneProvider } from "../PaneContext";
import { createPaneSession } from "../session";
import { SIDEBAR_VIEW_GLOBAL } from "../../hosts/sheets/sidebarView";
import { createPaneStore, initialPaneState, isViewId, setTheme } from "../store";
import { themeModeFor } from "../theme";
import { createSheetsActions } from "./sheetsActions";

/*
 * The Google Sheets sidebar's entry (Sidebar.html, built by scripts/build-sheets.mjs): the same
 * App and features as the Excel pane, with the Sheets actions (google.script.run). No Office.js:
 * the host is known, so the pane starts at once. Sheets gives the sidebar no theme, so the
 * browser's preference decides, live.
 */

const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
// The tab of the menu item that opened the sidebar (set by the server's show function), when it
// names one of the pane's views; else the Check tab.
const opening: unknown = (window as unknown as Record<string, unknown>)[SIDEBAR_VIEW_GLOBAL];
const store = createPaneStore(
  initialPaneState({
    theme: themeModeFor(null, prefersDark.matches),
    ...(isViewId(opening) ? { view: opening } : {}),
  })
);
const session = createPaneSession({
  store,
  whenReady: () => Promise.resolve("Sheets"),
  actionsFor: () => createSheetsActions(),
});
prefersDark.addEventListener("change", () =>
  setTheme(store, themeModeFor(null, prefersDark.matches))
);

const container = document.getElementById("container");
if (container === null) throw new Error("Sidebar.html has no #container element");
createRoot(container).render(
  <PaneProvider store={store} actions={session.currentActions} commands={session.commands}>
    <App />
  </PaneProvider>
);
void session.start();
