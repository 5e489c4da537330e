import { createRoot } from "react-dom/client";
import type { PaneActions } from "./actions";
import { App, loadDarkTheme } from "./App";
import { FEATURES } from "./features";
import { createBrowserActions } from "./browserActions";
import { ribbonCheck, VALIDATE_COMMAND } from "./check/checkRun";
import {
  officeBackground,
  registerCommand,
  showTaskpane,
  watchOfficeTheme,
  whenOfficeReady,
} from "./officeHost";
import { PaneProvider } from "./PaneContext";
import { createPaneSession } from "./session";
import { createPaneStore, initialPaneState, setTheme } from "./store";
import { themeModeFor } from "./theme";

/*
 * The entry: the one place that wires Office to the pane. It renders at once (the pane shows that
 * it is starting, never a blank page), waits for Office, then hands the features Excel's actions in
 * Excel and the browser's elsewhere.
 */

const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
let background: string | null = null;

const initialTheme = themeModeFor(background, prefersDark.matches);
// A pane that opens dark fetches the dark theme at once, while Office starts.
if (initialTheme === "dark") void loadDarkTheme().catch(() => undefined);
const store = createPaneStore(initialPaneState({ theme: initialTheme }));
// The opening tab's code is fetched at once, while Office starts, not when the tab first shows.
void FEATURES.find((feature) => feature.id === store.getState().view)
  ?.preload()
  .catch(() => undefined); // the tab says so, with a Retry, when it shows
const session = createPaneSession({
  store,
  whenReady: whenOfficeReady,
  // Excel's actions (and the Excel host under them) load once Office has said it is Excel.
  actionsFor: async (host): Promise<PaneActions> =>
    host === "Excel"
      ? (await import(/* webpackChunkName: "excel" */ "./excel/excelActions")).createExcelActions()
      : createBrowserActions(),
});

// Registered at load, not after Office.onReady: in the shared runtime Office may run the ribbon
// button's function as soon as the page has loaded. The check waits for the pane to start.
registerCommand(VALIDATE_COMMAND, ribbonCheck(showTaskpane, session.commands.runCheck));

const followTheme = () => setTheme(store, themeModeFor(background, prefersDark.matches));
// Outside Office (or in hosts that report no theme) the browser preference decides, live.
prefersDark.addEventListener("change", followTheme);

const container = document.getElementById("container");
if (container === null) {
  throw new Error("taskpane.html has no #container element");
}
// Rendered once: the state reaches the components through the store, and the actions through the
// session, which has them before the store says the pane started.
createRoot(container).render(
  <PaneProvider store={store} actions={session.currentActions} commands={session.commands}>
    <App />
  </PaneProvider>
);

void session.actions().then(() => {
  background = officeBackground();
  followTheme();
  watchOfficeTheme((newBackground) => {
    background = newBackground;
    followTheme();
  });
});
void session.start();
