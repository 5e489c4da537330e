/*
 * A page built only by the browser test (taskpane.e2e.test.ts adds it to its own webpack build;
 * the add-in's build never sees it): the real pane (store, session, shell and features), as in
 * Excel, with the host's actions replaced by ones the test drives through `window.okrTest`. A check
 * waits until the test calls finish() or fail(), so the "checking" state can be seen, then gives
 * the fixture findings (with as many stale key results as asked for) or the failure; selecting a cell records the location, or fails when the
 * test asks it to.
 */
import { createRoot } from "react-dom/client";
import type { Location } from "../../src/okr/rules/types";
import type { CheckResult, PaneActions } from "../../src/taskpane/actions";
import { readOf } from "../../src/taskpane/readAndCheck";
import { App } from "../../src/taskpane/App";
import { PaneProvider } from "../../src/taskpane/PaneContext";
import { createPaneSession } from "../../src/taskpane/session";
import { createPaneStore, initialPaneState } from "../../src/taskpane/store";
import { FIXTURE_FINDINGS, staleFindings } from "./findingsFixture";

export interface FindingsPageControl {
  selected: Location[];
  /** When set, selecting rejects with this message, as Excel does for a deleted sheet. */
  failSelect: string | null;
  /** Ends the running check with the fixture findings, and `stale` stale key results (OKR014). */
  finish: (stale?: number) => void;
  /** Ends the running check with an error carrying Office's code, as Excel.run rejects. */
  fail: (code: string, message: string) => void;
  /** How many times the check read the workbook. */
  validations: number;
}

const control: FindingsPageControl = {
  selected: [],
  failSelect: null,
  finish: () => undefined,
  fail: () => undefined,
  validations: 0,
};
(window as unknown as { okrTest: FindingsPageControl }).okrTest = control;

const actions: PaneActions = {
  capabilities: {
    host: "excel",
    check: { available: true },
    insert: { available: false, reason: "Not on the test page." },
    checkIn: { available: false, reason: "Not on the test page." },
  },
  readPlan: async () => readOf({ sheets: [] }, 0),
  validate: () =>
    new Promise<CheckResult>((resolve, reject) => {
      control.validations++;
      control.finish = (stale = 0) =>
        resolve({
          findings: [...FIXTURE_FINDINGS, ...staleFindings(stale)],
          planFound: true,
          read: readOf({ sheets: [] }, 0),
        });
      control.fail = (code, message) =>
        reject(Object.assign(new Error(`${code}: ${message}`), { code }));
    }),
  select: async (location) => {
    if (control.failSelect !== null) throw new Error(control.failSelect);
    control.selected.push(location);
  },
  insertWorkbook: () => Promise.reject(new Error("Not on the test page.")),
};

const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
const store = createPaneStore(initialPaneState({ theme: prefersDark.matches ? "dark" : "light" }));
const session = createPaneSession({
  store,
  whenReady: async () => "Excel",
  actionsFor: () => actions,
});

const container = document.createElement("div");
document.body.append(container);
const root = createRoot(container);
void session.start().then(() =>
  root.render(
    <PaneProvider store={store} actions={actions} commands={session.commands}>
      <App />
    </PaneProvider>
  )
);
