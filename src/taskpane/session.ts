import type { PaneActions } from "./actions";
import { checkRunner, type CheckOptions } from "./check/checkRun";
import { failureOf } from "./failure";
import { setCheck, setStart, type PaneStore } from "./store";

/**
 * The pane's life: starting (waiting for Office, then choosing the host's actions), retrying a
 * failed start, and the commands that run before the pane is shown (the ribbon's check). No Office
 * and no React here: the entry hands in how to wait for Office and how to make the actions.
 */

/** The Office application hosting the pane ("Excel"), or null outside Office. */
export type HostName = string | null;

/** How long Office may take to answer before the pane says so (it still starts if Office answers later). */
export const START_TIMEOUT_MS = 20_000;

export const START_TIMEOUT_REASON =
  "Office did not answer within 20 seconds. If Excel is still opening the workbook, wait a moment and retry; otherwise close the add-in and open it again.";

export interface PaneCommands {
  /** Starts the pane, or retries a failed start. Never rejects. */
  start(): Promise<void>;
  /**
   * Checks the open workbook; a run asked for while one goes joins it, unless it asks for a fresh
   * read (after Repair), which runs next. Never rejects.
   */
  runCheck(options?: CheckOptions): Promise<void>;
}

export interface PaneSession {
  readonly store: PaneStore;
  readonly commands: PaneCommands;
  /** Starts (or, after a failure, retries): the store goes loading → started or failed. */
  start(): Promise<void>;
  /** The host's actions, once the pane has started. */
  actions(): Promise<PaneActions>;
  /** The host's actions, or null before the pane has started. */
  currentActions(): PaneActions | null;
}

export interface SessionOptions {
  store: PaneStore;
  /** Office.onReady: the host's name, or null outside Office. */
  whenReady: () => Promise<HostName>;
  /**
   * The actions for a host: Excel's in Excel, the browser's elsewhere. May load them (a dynamic
   * import), so the first paint does not wait for the Excel host's code.
   */
  actionsFor: (host: HostName) => PaneActions | Promise<PaneActions>;
  timeoutMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function createPaneSession(options: SessionOptions): PaneSession {
  const { store, whenReady, actionsFor } = options;
  const timeoutMs = options.timeoutMs ?? START_TIMEOUT_MS;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  let current: PaneActions | null = null;
  // The actions being made (loaded): a retry while they load waits for the same ones.
  let making: Promise<PaneActions> | null = null;
  let attempt = 0;
  let resolveActions!: (actions: PaneActions) => void;
  const ready = new Promise<PaneActions>((resolve) => {
    resolveActions = resolve;
  });

  async function start(): Promise<void> {
    if (current !== null) return;
    const mine = ++attempt;
    setStart(store, { status: "loading" });
    // Only the latest attempt reports a failure; any attempt that gets an answer starts the pane.
    const timer = setTimer(() => {
      if (current === null && attempt === mine)
        setStart(store, { status: "failed", reason: START_TIMEOUT_REASON });
    }, timeoutMs);
    try {
      const host = await whenReady();
      if (current !== null) return;
      const pending = (making ??= Promise.resolve(host).then(actionsFor));
      let actions: PaneActions;
      try {
        actions = await pending;
      } catch (error) {
        if (making === pending) making = null; // a retry makes them anew
        throw error;
      }
      if (current !== null) return;
      current = actions;
      store.update((state) => ({
        ...state,
        start: { status: "started", capabilities: actions.capabilities },
        // Where there is no workbook to check, the pane opens on what works there.
        view:
          !actions.capabilities.check.available && state.check.status === "idle"
            ? "functions"
            : state.view,
      }));
      resolveActions(actions);
    } catch (error) {
      if (current === null && attempt === mine) {
        const { reason, detail } = failureOf(error);
        setStart(store, {
          status: "failed",
          reason: detail === "" ? reason : `${reason} (${detail})`,
        });
      }
    } finally {
      clearTimer(timer);
    }
  }

  const runCheck = checkRunner(
    async () => (await ready).validate(),
    (state, result) => setCheck(store, state, result)
  );

  return {
    store,
    commands: { start, runCheck },
    start,
    actions: () => ready,
    currentActions: () => current,
  };
}
