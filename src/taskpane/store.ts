import type { Capabilities, CheckResult, RepairOutcome, WorkbookRead } from "./actions";
import type { RepairPlan } from "../sheets/repair";
import type { ThemeMode } from "./theme";

/**
 * The pane's state, outside React: a ribbon command can start a check before React has mounted,
 * and the entry updates the theme from Office events. React reads it with useSyncExternalStore
 * (PaneContext.tsx); everything else reads and updates it with the plain functions below. No
 * Office and no React here.
 */

export type StartState =
  /** Before Office.onReady: the pane shows that it is starting. */
  | { status: "loading" }
  /** Office answered: in Excel or outside it, with what can run here. */
  | { status: "started"; capabilities: Capabilities }
  /** Office did not answer, or failed: the pane says why and offers Retry. */
  | { status: "failed"; reason: string };

export type CheckState =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "done"; findings: CheckResult["findings"]; planFound: boolean }
  | { status: "failed"; reason: string; detail: string };

/** The last read of the workbook, shared by the features that show what it holds. */
export type WorkbookState = { status: "unread" } | { status: "read"; read: WorkbookRead };

/** The features the pane shows, one tab each (features.tsx). */
export const VIEW_IDS = ["check", "checkIn", "templates", "importText", "functions"] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Whether `value` names one of the pane's views (a view named from outside, such as the Sheets menu's). */
export function isViewId(value: unknown): value is ViewId {
  return typeof value === "string" && (VIEW_IDS as readonly string[]).includes(value);
}

/**
 * What the last Repair did (its plan and what the host wrote), shown until the person dismisses it,
 * checks again or repairs again. The check Repair runs after writing keeps it: `keep` is true
 * until that check starts.
 */
export interface RepairReportState {
  plan: RepairPlan;
  outcome: RepairOutcome;
  keep: boolean;
  /**
   * True until the report's heading has taken the focus, once, when the report appears: the view
   * remounts with its tab, and coming back to the Check tab leaves the focus on the tab list.
   */
  focusPending: boolean;
}

export interface PaneState {
  start: StartState;
  theme: ThemeMode;
  view: ViewId;
  check: CheckState;
  workbook: WorkbookState;
  /** The last repair's report, or null. */
  repair: RepairReportState | null;
}

export const IDLE: CheckState = { status: "idle" };

export function initialPaneState(overrides: Partial<PaneState> = {}): PaneState {
  return {
    start: { status: "loading" },
    theme: "light",
    view: "check",
    check: IDLE,
    workbook: { status: "unread" },
    repair: null,
    ...overrides,
  };
}

export type Listener = () => void;

export interface PaneStore {
  /** The current state; the same object until the next update (useSyncExternalStore needs that). */
  getState(): PaneState;
  /** Replaces the named parts, or the whole state from the current one; tells every listener. */
  update(change: Partial<PaneState> | ((state: PaneState) => PaneState)): void;
  /** Calls `listener` after every update that changed something; returns the unsubscribe. */
  subscribe(listener: Listener): () => void;
}

export function createPaneStore(initial: PaneState = initialPaneState()): PaneStore {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    update(change) {
      const next = typeof change === "function" ? change(state) : { ...state, ...change };
      if (next === state || shallowEqual(next, state)) return;
      state = next;
      // A copy: a listener that unsubscribes (or subscribes) while being told must not skip one.
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function shallowEqual(a: PaneState, b: PaneState): boolean {
  const keys = Object.keys(a) as (keyof PaneState)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

// ---- the updates the pane makes ----------------------------------------------------------------

export function setStart(store: PaneStore, start: StartState): void {
  store.update({ start });
}

export function setTheme(store: PaneStore, theme: ThemeMode): void {
  store.update({ theme });
}

export function setView(store: PaneStore, view: ViewId): void {
  store.update({ view });
}

/**
 * A check's new state; a finished check also leaves its read as the workbook the features share
 * (a failed one keeps the last good read). A read that found no OKR plan (an empty workbook)
 * leads straight to the templates.
 */
export function setCheck(store: PaneStore, check: CheckState, result?: CheckResult): void {
  store.update((state) => ({
    ...state,
    check,
    // A check that starts ends the last repair's report, except the one Repair itself runs.
    repair:
      check.status !== "checking" || state.repair === null
        ? state.repair
        : state.repair.keep
          ? { ...state.repair, keep: false }
          : null,
    workbook: result === undefined ? state.workbook : { status: "read", read: result.read },
    view: check.status === "done" && !check.planFound ? "templates" : state.view,
  }));
}

/**
 * What a repair wrote, kept on screen through the check Repair runs next (pass null to dismiss it,
 * or when another repair starts).
 */
export function setRepairReport(
  store: PaneStore,
  report: { plan: RepairPlan; outcome: RepairOutcome } | null
): void {
  store.update({
    repair: report === null ? null : { ...report, keep: true, focusPending: true },
  });
}

/** The report's heading has the focus it takes when the report appears: not again. */
export function repairReportFocused(store: PaneStore): void {
  store.update((state) =>
    state.repair === null || !state.repair.focusPending
      ? state
      : { ...state, repair: { ...state.repair, focusPending: false } }
  );
}

/** A new read of the workbook (the check-in's, after writing) as the one the features share. */
export function setWorkbook(store: PaneStore, read: WorkbookRead): void {
  store.update({ workbook: { status: "read", read } });
}

// ---- what the features read ---------------------------------------------------------------------

/** What can run here, or null before the pane has started. */
export function capabilitiesOf(state: PaneState): Capabilities | null {
  return state.start.status === "started" ? state.start.capabilities : null;
}
