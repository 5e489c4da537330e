import type { CheckResult, PaneActions } from "../src/taskpane/actions";
import { readOf } from "../src/taskpane/readAndCheck";
import { BROWSER_CAPABILITIES, createBrowserActions } from "../src/taskpane/browserActions";
import { excelCapabilities } from "../src/taskpane/excel/excelActions";
import { checkRunner } from "../src/taskpane/check/checkRun";
import {
  createPaneSession,
  START_TIMEOUT_MS,
  START_TIMEOUT_REASON,
  type HostName,
} from "../src/taskpane/session";
import {
  capabilitiesOf,
  createPaneStore,
  IDLE,
  initialPaneState,
  setCheck,
  repairReportFocused,
  setRepairReport,
  setStart,
  setTheme,
  setView,
  type PaneState,
} from "../src/taskpane/store";
import { FIXTURE_FINDINGS } from "./support/findingsFixture";

/**
 * The pane's state outside React (the store) and its life (the session): starting, a failed or
 * slow start and its retry, the check that the ribbon can start before the pane is there.
 */

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the store", () => {
  test("starts loading, light, on the check, idle, with no workbook read", () => {
    expect(createPaneStore().getState()).toEqual({
      start: { status: "loading" },
      theme: "light",
      view: "check",
      check: IDLE,
      workbook: { status: "unread" },
      repair: null,
    });
  });

  test("an update replaces the parts named, keeps the others, and tells each listener once", () => {
    const store = createPaneStore();
    const before = store.getState();
    const heard: PaneState[] = [];
    store.subscribe(() => heard.push(store.getState()));
    setTheme(store, "dark");
    expect(heard).toHaveLength(1);
    expect(store.getState()).toEqual({ ...before, theme: "dark" });
    expect(store.getState().check).toBe(before.check);
  });

  test("the same state object until something changes; an update that changes nothing tells no one", () => {
    const store = createPaneStore();
    const listener = jest.fn();
    store.subscribe(listener);
    const state = store.getState();
    setView(store, "check");
    setTheme(store, "light");
    store.update((current) => current);
    expect(store.getState()).toBe(state);
    expect(listener).not.toHaveBeenCalled();
    setView(store, "functions");
    expect(store.getState()).not.toBe(state);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test("unsubscribing stops the calls, also from inside a call, without skipping another listener", () => {
    const store = createPaneStore();
    const second = jest.fn();
    const stop = store.subscribe(() => stop());
    store.subscribe(second);
    setTheme(store, "dark");
    setTheme(store, "light");
    expect(second).toHaveBeenCalledTimes(2);
  });

  test("a finished check leaves its read as the shared workbook; a failed one keeps the last good read", () => {
    const store = createPaneStore();
    const read = readOf({ sheets: [] }, 2);
    const result: CheckResult = { findings: FIXTURE_FINDINGS, planFound: true, read };
    setCheck(store, { status: "checking" });
    expect(store.getState().workbook).toEqual({ status: "unread" });
    setCheck(store, { status: "done", findings: FIXTURE_FINDINGS, planFound: true }, result);
    expect(store.getState().workbook).toEqual({ status: "read", read });
    setCheck(store, { status: "failed", reason: "Excel is busy.", detail: "" });
    expect(store.getState().workbook).toEqual({ status: "read", read });
  });

  describe("the last repair's report", () => {
    const report = {
      plan: { writes: [], names: [], kept: [], report: ["not repaired: x"] },
      outcome: { cells: 0, names: 0, syncs: 2, batches: 1 },
    };
    const read = readOf({ sheets: [] }, 2);
    const done = { status: "done" as const, findings: [], planFound: true };
    const result: CheckResult = { findings: [], planFound: true, read };
    type Step = "repair" | "check" | "dismiss" | "fail";
    type FocusStep = Step | "focused";
    const steps: Record<Step, (store: ReturnType<typeof createPaneStore>) => void> = {
      repair: (store) => setRepairReport(store, report),
      check: (store) => {
        setCheck(store, { status: "checking" });
        setCheck(store, done, result);
      },
      dismiss: (store) => setRepairReport(store, null),
      fail: (store) => {
        setCheck(store, { status: "checking" });
        setCheck(store, { status: "failed", reason: "Excel is busy.", detail: "" });
      },
    };
    test.each<[string, Step[], boolean]>([
      ["a repair shows it", ["repair"], true],
      ["the check Repair runs next keeps it", ["repair", "check"], true],
      ["a check that fails after the repair keeps it too", ["repair", "fail"], true],
      ["the person's next check ends it", ["repair", "check", "check"], false],
      ["dismissed, it is gone", ["repair", "dismiss"], false],
      [
        "dismissed before the check, that check does not bring it back",
        ["repair", "dismiss", "check"],
        false,
      ],
      [
        "another repair replaces it, and its own check keeps it",
        ["repair", "check", "repair", "check"],
        true,
      ],
      ["no repair, no report", ["check"], false],
    ])("%s", (_, sequence, shown) => {
      const store = createPaneStore();
      for (const step of sequence) steps[step](store);
      const state = store.getState().repair;
      expect(state === null ? null : { plan: state.plan, outcome: state.outcome }).toEqual(
        shown ? report : null
      );
    });

    // The heading takes the focus when the report appears, once: the view remounts with its tab.
    test.each<[string, FocusStep[], boolean]>([
      ["a new report asks for the focus", ["repair"], true],
      ["and still does through the check Repair runs", ["repair", "check"], true],
      ["once taken, never again", ["repair", "focused"], false],
      ["not after the check either", ["repair", "focused", "check"], false],
      ["another repair asks again", ["repair", "focused", "repair"], true],
    ])("focus: %s", (_, sequence, pending) => {
      const store = createPaneStore();
      for (const step of sequence)
        if (step === "focused") repairReportFocused(store);
        else steps[step](store);
      expect(store.getState().repair?.focusPending).toBe(pending);
    });

    // A check already running when Repair finishes read the workbook before Repair wrote: Repair
    // asks for a fresh check after it, not to join it, and that fresh check is the one that keeps
    // the report (the person's next check ends it).
    test.each<[string, boolean, number, boolean]>([
      ["joined (a check asked for while one runs)", false, 1, true],
      ["fresh (Repair's): a second read after the running one", true, 2, false],
    ])("a check running when Repair finishes: %s", async (_, fresh, reads, keptAfterNext) => {
      const store = createPaneStore();
      const pending: (() => void)[] = [];
      let count = 0;
      const run = checkRunner(
        () => {
          count++;
          return new Promise<CheckResult>((resolve) => pending.push(() => resolve(result)));
        },
        (state, given) => setCheck(store, state, given)
      );
      const first = run();
      setRepairReport(store, report);
      const again = run({ fresh });
      pending.shift()!();
      await first;
      // The fresh read starts only once the running one is done.
      await new Promise((resolve) => setTimeout(resolve, 0));
      pending.splice(0).forEach((resolve) => resolve());
      await again;
      expect(count).toBe(reads);
      expect(store.getState().check.status).toBe("done");
      expect(store.getState().repair).not.toBeNull();
      // The person's next check.
      const next = run();
      pending.shift()!();
      await next;
      expect(store.getState().repair !== null).toBe(keptAfterNext);
    });

    test("no report: taking the focus changes nothing", () => {
      const store = createPaneStore();
      const before = store.getState();
      repairReportFocused(store);
      expect(store.getState()).toBe(before);
    });
  });

  test("capabilitiesOf: null until started", () => {
    const store = createPaneStore();
    expect(capabilitiesOf(store.getState())).toBeNull();
    setStart(store, { status: "started", capabilities: BROWSER_CAPABILITIES });
    expect(capabilitiesOf(store.getState())).toBe(BROWSER_CAPABILITIES);
  });

  test("initialPaneState takes overrides", () => {
    expect(initialPaneState({ theme: "dark" }).theme).toBe("dark");
  });
});

/** Actions for Excel whose check gives the fixture, or waits when `pending` is given. */
function excelActions(pending?: Promise<CheckResult>): PaneActions & { validate: jest.Mock } {
  const result: CheckResult = {
    findings: FIXTURE_FINDINGS,
    planFound: true,
    read: readOf({ sheets: [] }, 2),
  };
  return {
    ...createBrowserActions(),
    capabilities: excelCapabilities(() => true),
    validate: jest.fn(() => pending ?? Promise.resolve(result)),
  };
}

/** A session with a hand-driven Office.onReady and timer. */
function session(whenReady: () => Promise<HostName>, actions: PaneActions = excelActions()) {
  const store = createPaneStore();
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const actionsFor = jest.fn((host: HostName) =>
    host === "Excel" ? actions : createBrowserActions()
  );
  const pane = createPaneSession({
    store,
    whenReady,
    actionsFor,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  });
  return { store, pane, timers, actionsFor };
}

describe("the session: starting", () => {
  test("loading until Office answers, then started in Excel with Excel's actions", async () => {
    const office = deferred<HostName>();
    const actions = excelActions();
    const { store, pane, timers } = session(() => office.promise, actions);
    const starting = pane.start();
    expect(store.getState().start).toEqual({ status: "loading" });
    expect(pane.currentActions()).toBeNull();
    office.resolve("Excel");
    await starting;
    expect(store.getState().start).toEqual({
      status: "started",
      capabilities: actions.capabilities,
    });
    expect(store.getState().view).toBe("check");
    expect(pane.currentActions()).toBe(actions);
    await expect(pane.actions()).resolves.toBe(actions);
    expect(timers.map((timer) => [timer.ms, timer.cleared])).toEqual([[START_TIMEOUT_MS, true]]);
  });

  test("outside Excel: started with the browser's actions, on the functions", async () => {
    const { store, pane } = session(async () => null);
    await pane.start();
    expect(store.getState().start).toEqual({
      status: "started",
      capabilities: BROWSER_CAPABILITIES,
    });
    expect(store.getState().view).toBe("functions");
  });

  test("a failed start says why in plain words; Retry starts it", async () => {
    let answer: () => Promise<HostName> = () =>
      Promise.reject(
        Object.assign(new Error("GeneralException: no host"), { code: "GeneralException" })
      );
    const { store, pane } = session(() => answer());
    await pane.start();
    expect(store.getState().start).toEqual({
      status: "failed",
      reason:
        "Excel could not complete the request. Wait a moment, then try again. (GeneralException: no host)",
    });
    answer = async () => "Excel";
    await pane.start();
    expect(store.getState().start.status).toBe("started");
  });

  test("an Office that does not answer: failed after the timeout, started if it answers later", async () => {
    const office = deferred<HostName>();
    const { store, pane, timers } = session(() => office.promise);
    const starting = pane.start();
    timers[0].callback();
    expect(store.getState().start).toEqual({ status: "failed", reason: START_TIMEOUT_REASON });
    office.resolve("Excel");
    await starting;
    expect(store.getState().start.status).toBe("started");
  });

  test("a retry while the first attempt still waits: whichever answers first starts the pane, once", async () => {
    const first = deferred<HostName>();
    const second = deferred<HostName>();
    const answers = [first.promise, second.promise];
    const { store, pane, timers, actionsFor } = session(() => answers.shift()!);
    const one = pane.start();
    timers[0].callback();
    const two = pane.start();
    expect(store.getState().start).toEqual({ status: "loading" });
    // The first attempt's timer is stale: it does not report over the retry.
    timers[0].callback();
    expect(store.getState().start).toEqual({ status: "loading" });
    first.resolve("Excel");
    second.resolve("Excel");
    await Promise.all([one, two]);
    expect(actionsFor).toHaveBeenCalledTimes(1);
    expect(store.getState().start.status).toBe("started");
    await pane.start();
    expect(actionsFor).toHaveBeenCalledTimes(1);
  });
});

describe("the session: the check", () => {
  test("asked for before the pane starts (the ribbon): checking at once, run once Office answers", async () => {
    const office = deferred<HostName>();
    const actions = excelActions();
    const { store, pane } = session(() => office.promise, actions);
    const check = pane.commands.runCheck();
    void pane.start();
    await settle();
    expect(store.getState().check).toEqual({ status: "checking" });
    expect(actions.validate).not.toHaveBeenCalled();
    office.resolve("Excel");
    await check;
    expect(actions.validate).toHaveBeenCalledTimes(1);
    expect(store.getState().check).toEqual({
      status: "done",
      findings: FIXTURE_FINDINGS,
      planFound: true,
    });
    expect(store.getState().workbook.status).toBe("read");
    // It stays on the check the ribbon asked for.
    expect(store.getState().view).toBe("check");
  });

  test("the pane's button and the ribbon together read the workbook once", async () => {
    const pending = deferred<CheckResult>();
    const actions = excelActions(pending.promise);
    const { pane } = session(async () => "Excel", actions);
    await pane.start();
    const first = pane.commands.runCheck();
    const second = pane.commands.runCheck();
    await settle();
    pending.resolve({ findings: [], planFound: true, read: readOf({ sheets: [] }, 2) });
    await Promise.all([first, second]);
    expect(actions.validate).toHaveBeenCalledTimes(1);
  });

  test("a failed check is a state with a plain reason and Excel's words; the command resolves", async () => {
    const actions = excelActions(
      Promise.reject(
        Object.assign(new Error("InvalidOperationInCellEditMode: in cell-edit mode"), {
          code: "InvalidOperationInCellEditMode",
        })
      )
    );
    const { store, pane } = session(async () => "Excel", actions);
    await pane.start();
    await expect(pane.commands.runCheck()).resolves.toBeUndefined();
    expect(store.getState().check).toEqual({
      status: "failed",
      reason: "Excel is editing a cell. Press Enter or Esc in the sheet, then try again.",
      detail: "InvalidOperationInCellEditMode: in cell-edit mode",
    });
  });
});
