import { createRoot } from "react-dom/client";
import { App } from "./App";
import {
  officeBackground,
  registerCommand,
  selectInWorkbook,
  showTaskpane,
  validateOpenWorkbook,
  watchOfficeTheme,
  whenOfficeReady,
} from "./officeHost";
import { themeModeFor } from "./theme";
import { checkRunner, IDLE, ribbonCheck, VALIDATE_COMMAND, type CheckState } from "./checkState";

/** The last check's state, kept here so a check the ribbon starts before the pane renders shows. */
let check: CheckState = IDLE;
/** Renders the pane again; nothing to render until it is mounted. */
let rerender: () => void = () => undefined;

const runCheck = checkRunner(validateOpenWorkbook, (state) => {
  check = state;
  rerender();
});

// Registered at load, not after Office.onReady: in the shared runtime Office may run the ribbon
// button's function as soon as the page has loaded.
registerCommand(VALIDATE_COMMAND, ribbonCheck(showTaskpane, runCheck));

async function start(container: HTMLElement): Promise<void> {
  const host = await whenOfficeReady();
  const inExcel = host === "Excel";
  const root = createRoot(container);
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  let background = officeBackground();
  const render = () =>
    root.render(
      <App
        themeMode={themeModeFor(background, prefersDark.matches)}
        host={host}
        check={check}
        onValidate={inExcel ? () => void runCheck() : undefined}
        onSelect={inExcel ? selectInWorkbook : undefined}
      />
    );
  rerender = render;

  watchOfficeTheme((newBackground) => {
    background = newBackground;
    render();
  });
  // Outside Office (or in hosts that report no theme) the browser preference decides, live.
  prefersDark.addEventListener("change", render);
  render();
}

const container = document.getElementById("container");
if (container === null) {
  throw new Error("taskpane.html has no #container element");
}
start(container).catch((error: unknown) => {
  container.textContent = "OKR Studio could not start. Reload the add-in to try again.";
  throw error;
});
