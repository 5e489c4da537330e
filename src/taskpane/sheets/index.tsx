import { createRoot } from "react-dom/client";
import { App } from "../App";
import { PaneProvider } from "../PaneContext";
import { createPaneSession } from "../session";
import { createPaneStore, initialPaneState, setTheme } from "../store";
import { themeModeFor } from "../theme";
import { createSheetsActions } from "./sheetsActions";

/*
 * The Google Sheets sidebar's entry (Sidebar.html, built by scripts/build-sheets.mjs): the same
 * App and features as the Excel pane, with the Sheets actions (google.script.run). No Office.js:
 * the host is known, so the pane starts at once. Sheets gives the sidebar no theme, so the
 * browser's preference decides, live.
 */

const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
const store = createPaneStore(initialPaneState({ theme: themeModeFor(null, prefersDark.matches) }));
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
