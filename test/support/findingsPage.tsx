/*
 * A page built only by the browser test (taskpane.e2e.test.ts adds it to its own webpack build;
 * the add-in's build never sees it): the real App, as in Excel, with the host actions replaced by
 * ones the test drives through `window.okrTest`. The check waits until the test calls finish(),
 * so the "checking" state can be seen, then gives the fixture findings; selecting a cell records
 * the location, or fails when the test asks it to.
 */
import { createRoot } from "react-dom/client";
import type { Location } from "../../src/okr/rules/types";
import { App } from "../../src/taskpane/App";
import { checkRunner, IDLE, type CheckState } from "../../src/taskpane/checkState";
import { FIXTURE_FINDINGS } from "./findingsFixture";

export interface FindingsPageControl {
  selected: Location[];
  /** When set, selecting rejects with this message, as Excel does for a deleted sheet. */
  failSelect: string | null;
  /** Ends the running check with the fixture findings. */
  finish: () => void;
}

const control: FindingsPageControl = { selected: [], failSelect: null, finish: () => undefined };
(window as unknown as { okrTest: FindingsPageControl }).okrTest = control;

const container = document.createElement("div");
document.body.append(container);
const root = createRoot(container);
const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
let check: CheckState = IDLE;

const runCheck = checkRunner(
  () =>
    new Promise((resolve) => {
      control.finish = () => resolve({ findings: FIXTURE_FINDINGS, planFound: true });
    }),
  (state) => {
    check = state;
    render();
  }
);

async function select(location: Location): Promise<void> {
  if (control.failSelect !== null) throw new Error(control.failSelect);
  control.selected.push(location);
}

function render(): void {
  root.render(
    <App
      themeMode={prefersDark.matches ? "dark" : "light"}
      host="Excel"
      check={check}
      onValidate={() => void runCheck()}
      onSelect={select}
    />
  );
}

render();
