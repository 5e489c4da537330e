import { RULES, type RuleId } from "../src/okr/rules";
import type { Finding } from "../src/okr/rules/types";
import type { CheckResult, PaneActions } from "../src/taskpane/actions";
import { readOf } from "../src/taskpane/readAndCheck";
import { createBrowserActions } from "../src/taskpane/browserActions";
import {
  announcement,
  cellReference,
  countBySeverity,
  countText,
  goToNames,
  groupByRule,
  groupBySeverity,
  IDLE,
  noPlanFinding,
  RULE_SUBJECTS,
  sentence,
  subjectCount,
  type CheckState,
} from "../src/taskpane/check/checkState";
import { checkRunner, ribbonCheck } from "../src/taskpane/check/checkRun";
import { failureOf, reasonOf } from "../src/taskpane/failure";
import { WorkbookCheck } from "../src/taskpane/check/WorkbookCheck";
import { excelCapabilities } from "../src/taskpane/excel/excelActions";
import { registerCommand, showTaskpane } from "../src/taskpane/officeHost";
import { FIXTURE_FINDINGS, staleFindings } from "./support/findingsFixture";
import { paneMarkup, textOf } from "./support/paneMarkup";

/**
 * The check feature without a browser: the words it shows, findings grouped by severity and by
 * rule, distinct "Go to" names, failures in plain words, the run's states, the ribbon command, and
 * the markup of each state. Clicking, expanding and the live rendering are covered in Chromium
 * (taskpane.e2e.test.ts).
 */

const done = (findings: Finding[], planFound = true): CheckState => ({
  status: "done",
  findings,
  planFound,
});

const result = (findings: Finding[], planFound = true): CheckResult => ({
  findings,
  planFound,
  read: readOf({ sheets: [] }, 2),
});

const noPlan: Finding = {
  ruleId: "OKR000",
  severity: "error",
  message:
    "no table of objectives or key results found; looked for a header row with Key Result, Target",
  location: null,
  fix: "Add a table whose header row names the key results.",
};

describe("the words for findings", () => {
  test.each`
    sheet           | address    | expected
    ${"Scorecard"}  | ${"K7"}    | ${"Scorecard!K7"}
    ${"OKR Plan"}   | ${"B3"}    | ${"'OKR Plan'!B3"}
    ${"Check-ins"}  | ${"A5:P5"} | ${"'Check-ins'!A5:P5"}
    ${"Bob's plan"} | ${"C2"}    | ${"'Bob''s plan'!C2"}
    ${"Q4_2025"}    | ${"D10"}   | ${"Q4_2025!D10"}
  `("cellReference($sheet, $address) → $expected", ({ sheet, address, expected }) => {
    expect(cellReference({ sheet, address })).toBe(expected);
  });

  test.each`
    severity     | count | expected
    ${"error"}   | ${1}  | ${"1 error"}
    ${"error"}   | ${3}  | ${"3 errors"}
    ${"warning"} | ${0}  | ${"0 warnings"}
    ${"warning"} | ${1}  | ${"1 warning"}
    ${"info"}    | ${2}  | ${"2 info"}
  `("countText($severity, $count) → $expected", ({ severity, count, expected }) => {
    expect(countText(severity, count)).toBe(expected);
  });

  test.each`
    rule        | count  | expected
    ${"OKR014"} | ${300} | ${"300 key results"}
    ${"OKR014"} | ${1}   | ${"1 key result"}
    ${"OKR002"} | ${2}   | ${"2 objectives"}
    ${"OKR011"} | ${2}   | ${"2 statuses"}
    ${"OKR019"} | ${1}   | ${"1 cell"}
    ${"XYZ999"} | ${2}   | ${"2 findings"}
  `("subjectCount($rule, $count) → $expected", ({ rule, count, expected }) => {
    expect(subjectCount(rule, count)).toBe(expected);
  });

  test("every rule of the catalogue has words for what it counts", () => {
    expect(Object.keys(RULE_SUBJECTS).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  test.each`
    text                              | expected
    ${"no table found; looked for X"} | ${"No table found; looked for X."}
    ${"O1.KR3 has no baseline."}      | ${"O1.KR3 has no baseline."}
    ${"  trailing space "}            | ${"Trailing space."}
    ${""}                             | ${""}
  `("sentence($text) → $expected", ({ text, expected }) => {
    expect(sentence(text)).toBe(expected);
  });

  test.each`
    case                       | error                                      | expected
    ${"an Error"}              | ${new Error("InvalidReference: no sheet")} | ${"InvalidReference: no sheet"}
    ${"a string"}              | ${"offline"}                               | ${"offline"}
    ${"an Error without text"} | ${new Error("")}                           | ${"Excel reported an error without a message."}
    ${"an object"}             | ${{ code: 5 }}                             | ${"Excel reported an error without a message."}
    ${"undefined"}             | ${undefined}                               | ${"Excel reported an error without a message."}
  `("reasonOf($case) → $expected", ({ error, expected }) => {
    expect(reasonOf(error)).toBe(expected);
  });
});

describe("failureOf: what went wrong, in plain words, and Excel's own", () => {
  const officeError = (code: string, message: string) =>
    Object.assign(new Error(message), { name: "RichApi.Error", code });

  test.each`
    case                                | error                                                                             | reason                                                                                                      | detail
    ${"cell-edit mode (Office's code)"} | ${officeError("InvalidOperationInCellEditMode", "The operation is not allowed.")} | ${"Excel is editing a cell. Press Enter or Esc in the sheet, then try again."}                              | ${"The operation is not allowed."}
    ${"a code in the message"}          | ${new Error("GeneralException: the workbook is busy")}                            | ${"Excel could not complete the request. Wait a moment, then try again."}                                   | ${"GeneralException: the workbook is busy"}
    ${"a sheet that is gone"}           | ${officeError("ItemNotFound", "The requested resource doesn't exist.")}           | ${"A sheet or cell the pane looked for is no longer in the workbook; it may have been renamed or deleted."} | ${"The requested resource doesn't exist."}
    ${"a response too large"}           | ${officeError("ResponsePayloadSizeLimitExceeded", "5 MB")}                        | ${"The workbook is too large for Excel to send in one answer."}                                             | ${"5 MB"}
    ${"an Office code the pane lacks"}  | ${officeError("SomethingNew", "Odd.")}                                            | ${"Excel could not finish the request."}                                                                    | ${"Odd."}
    ${"the pane's own refusal"}         | ${new Error("Checking a workbook needs ExcelApi 1.4 (for x).")}                   | ${"Checking a workbook needs ExcelApi 1.4 (for x)."}                                                        | ${""}
    ${"a bug"}                          | ${new TypeError("Cannot read properties of undefined (reading 'items')")}         | ${"OKR Studio ran into a problem it did not expect."}                                                       | ${"Cannot read properties of undefined (reading 'items')"}
    ${"nothing at all"}                 | ${undefined}                                                                      | ${"Excel reported an error without a message."}                                                             | ${""}
  `("$case", ({ error, reason, detail }) => {
    expect(failureOf(error)).toEqual({ reason, detail });
  });
});

describe("grouping: by severity, errors first, then by rule with its title and fix", () => {
  test("the fixture: severities in order, rules in the catalogue's order", () => {
    expect(countBySeverity(FIXTURE_FINDINGS)).toEqual({ error: 2, warning: 3, info: 1 });
    const groups = groupBySeverity(FIXTURE_FINDINGS);
    expect(groups.map((group) => [group.heading, group.rules.map((rule) => rule.ruleId)])).toEqual([
      ["Errors", ["OKR010", "OKR011"]],
      ["Warnings", ["OKR001", "OKR004", "OKR007"]],
      ["Info", ["OKR018"]],
    ]);
    expect(groupBySeverity([])).toEqual([]);
  });

  test("300 stale key results are one group with the rule's title and fix, the cells in order", () => {
    const stale = staleFindings(300);
    const [group] = groupByRule(stale);
    const rule = RULES.find((candidate) => candidate.id === "OKR014")!;
    expect(group).toMatchObject({ ruleId: "OKR014", title: rule.title, fix: rule.fix });
    expect(group.findings).toEqual(stale);
    expect(groupBySeverity([...FIXTURE_FINDINGS, ...stale])[1].rules.map((r) => r.ruleId)).toEqual([
      "OKR001",
      "OKR004",
      "OKR007",
      "OKR014",
    ]);
  });

  test("a rule the catalogue lacks comes last, under its id, with its finding's fix", () => {
    // A finding of a rule this pane's catalogue lacks (made by a newer engine): shown all the same.
    const odd: Finding = {
      ...FIXTURE_FINDINGS[0],
      ruleId: "XYZ001" as RuleId,
      fix: "Do the odd thing.",
    };
    const groups = groupByRule([odd, FIXTURE_FINDINGS[0]]);
    expect(groups.map((group) => [group.ruleId, group.title, group.fix])).toEqual([
      ["OKR001", RULES[1].title, RULES[1].fix],
      ["XYZ001", "XYZ001", "Do the odd thing."],
    ]);
  });
});

describe("goToNames: every Go to button has its own accessible name", () => {
  test("the fixture: the cell alone where it is unique; none for a finding without a cell", () => {
    expect(goToNames(FIXTURE_FINDINGS)).toEqual([
      "Go to 'OKR Plan'!B3",
      "Go to Scorecard!K7",
      "Go to Scorecard!L7",
      "Go to Scorecard!G8",
      "Go to Scorecard!C13:E13",
      null,
    ]);
  });

  test("one cell found by two rules names the rule; by one rule twice, its place too", () => {
    const at = { sheet: "Scorecard", address: "K7" };
    const findings: Finding[] = [
      { ...FIXTURE_FINDINGS[1], location: at },
      { ...FIXTURE_FINDINGS[2], location: at },
      { ...FIXTURE_FINDINGS[2], message: "again", location: at },
      { ...FIXTURE_FINDINGS[3], location: { sheet: "Scorecard", address: "G8" } },
    ];
    const names = goToNames(findings);
    expect(names).toEqual([
      "Go to Scorecard!K7 for OKR010",
      "Go to Scorecard!K7 for OKR011, 1 of 2",
      "Go to Scorecard!K7 for OKR011, 2 of 2",
      "Go to Scorecard!G8",
    ]);
  });

  test("a large check: all names distinct", () => {
    const findings = [...FIXTURE_FINDINGS, ...staleFindings(300), ...staleFindings(3)];
    const names = goToNames(findings).filter((name) => name !== null);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("the check's live words", () => {
  test.each`
    case               | state                                                             | expected
    ${"idle"}          | ${IDLE}                                                           | ${""}
    ${"checking"}      | ${{ status: "checking" }}                                         | ${"Checking the workbook…"}
    ${"failed"}        | ${{ status: "failed", reason: "x", detail: "" }}                  | ${""}
    ${"no OKR table"}  | ${done([noPlan], false)}                                          | ${"Checked: no OKR table found."}
    ${"no findings"}   | ${done([])}                                                       | ${"Checked: no problems found."}
    ${"the fixture"}   | ${done(FIXTURE_FINDINGS)}                                         | ${"Checked: 2 errors, 3 warnings, 1 info."}
    ${"warnings only"} | ${done(FIXTURE_FINDINGS.filter((f) => f.severity === "warning"))} | ${"Checked: 3 warnings."}
  `("announcement when $case: $expected", ({ state, expected }) => {
    expect(announcement(state)).toBe(expected);
  });

  test("noPlanFinding: the OKR000 finding only when no plan was found", () => {
    expect(noPlanFinding(done([noPlan], false))).toBe(noPlan);
    expect(noPlanFinding(done(FIXTURE_FINDINGS))).toBeNull();
    expect(noPlanFinding(IDLE)).toBeNull();
  });
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("checkRunner: a run reports each state and never rejects", () => {
  test("checking, then the findings with the result", async () => {
    const seen: [CheckState, CheckResult | undefined][] = [];
    const checked = result(FIXTURE_FINDINGS);
    const run = checkRunner(
      async () => checked,
      (state, given) => seen.push([state, given])
    );
    await expect(run()).resolves.toBeUndefined();
    expect(seen).toEqual([
      [{ status: "checking" }, undefined],
      [done(FIXTURE_FINDINGS), checked],
    ]);
  });

  test("checking, then the failure in plain words", async () => {
    const states: CheckState[] = [];
    const run = checkRunner(
      () => Promise.reject(new Error("GeneralException: the workbook is busy")),
      (state) => states.push(state)
    );
    await run();
    expect(states).toEqual([
      { status: "checking" },
      {
        status: "failed",
        reason: "Excel could not complete the request. Wait a moment, then try again.",
        detail: "GeneralException: the workbook is busy",
      },
    ]);
  });

  test("a run asked for during another joins it; a later one reads the workbook again", async () => {
    const pending = deferred<CheckResult>();
    const validate = jest.fn(() => pending.promise);
    const run = checkRunner(validate, () => undefined);
    const first = run();
    expect(run()).toBe(first);
    pending.resolve(result([]));
    await first;
    validate.mockImplementation(() => Promise.resolve(result(FIXTURE_FINDINGS)));
    await run();
    expect(validate).toHaveBeenCalledTimes(2);
  });
});

type Handler = (event: { completed: () => void }) => Promise<void>;
const globals = globalThis as { Office?: unknown };

function installOffice(showAsTaskpane: () => Promise<void> = async () => undefined) {
  const handlers = new Map<string, Handler>();
  const office = {
    actions: {
      associate: jest.fn((name: string, handler: Handler) => handlers.set(name, handler)),
    },
    addin: { showAsTaskpane: jest.fn(showAsTaskpane) },
  };
  globals.Office = office;
  return { office, handlers };
}

afterEach(() => {
  delete globals.Office;
});

describe("the ribbon's Check OKRs command", () => {
  test("opens the pane, checks, then completes", async () => {
    const { office, handlers } = installOffice();
    const order: string[] = [];
    const run = checkRunner(
      async () => {
        order.push("validate");
        return result(FIXTURE_FINDINGS);
      },
      () => undefined
    );
    office.addin.showAsTaskpane.mockImplementation(async () => {
      order.push("show");
    });
    expect(registerCommand("validateWorkbook", ribbonCheck(showTaskpane, run))).toBe(true);
    await handlers.get("validateWorkbook")!({ completed: () => order.push("completed") });
    expect(order).toEqual(["show", "validate", "completed"]);
  });

  test("when the pane cannot open: the check still runs, the event completes, the refusal is reported", async () => {
    const refusal = new Error("showAsTaskpane is not supported here");
    const { handlers } = installOffice(() => Promise.reject(refusal));
    const validate = jest.fn(async () => result([]));
    registerCommand(
      "validateWorkbook",
      ribbonCheck(
        showTaskpane,
        checkRunner(validate, () => undefined)
      )
    );
    const completed = jest.fn();
    await expect(handlers.get("validateWorkbook")!({ completed })).rejects.toBe(refusal);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test.each`
    case                           | office
    ${"no Office.js"}              | ${undefined}
    ${"Office without actions"}    | ${{}}
    ${"actions without associate"} | ${{ actions: {} }}
  `("registers nothing and opens nothing with $case", async ({ office }) => {
    globals.Office = office;
    expect(registerCommand("validateWorkbook", async () => undefined)).toBe(false);
    await expect(showTaskpane()).resolves.toBe(false);
  });
});

describe("WorkbookCheck: the markup of each state", () => {
  const inExcel: PaneActions = {
    ...createBrowserActions(),
    capabilities: excelCapabilities(() => true),
  };
  const render = (check: CheckState, actions: PaneActions = inExcel) =>
    paneMarkup(<WorkbookCheck />, { state: { check }, actions });
  const liveRegion = (html: string) =>
    html.match(/<[^>]*role="status"[^>]*aria-live="polite"[^>]*>([^<]*)</)?.[1];
  const checkButton = (html: string) =>
    html.match(/<button[^>]*>Check this workbook<\/button>/)?.[0] ?? "";
  const alerts = (html: string) => html.match(/role="alert"/g)?.length ?? 0;

  test("outside Excel: a disabled button described by the reason", () => {
    const html = render(IDLE, createBrowserActions());
    expect(html).toMatch(/<h2[^>]*id="okr-studio-check"[^>]*>Check this workbook<\/h2>/);
    const button = checkButton(html);
    expect(button).toMatch(/\sdisabled=""/);
    const noteId = button.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(html).toMatch(
      new RegExp(`<[^>]*id="${noteId}"[^>]*>Open OKR Studio in Excel to check a workbook.<`)
    );
    expect(liveRegion(html)).toBe("");
  });

  test("an Excel too old to read the workbook: the button is disabled and says what is missing", () => {
    const old: PaneActions = {
      ...inExcel,
      capabilities: excelCapabilities((_set, version) => version === "1.1"),
    };
    expect(textOf(render(IDLE, old))).toContain(
      "Checking a workbook needs ExcelApi 1.4 (for reading each sheet's cells); this Excel has ExcelApi 1.1."
    );
    expect(checkButton(render(IDLE, old))).toMatch(/\sdisabled=""/);
  });

  test("in Excel, before a check: an enabled button, no note, an empty live region", () => {
    const html = render(IDLE);
    expect(checkButton(html)).not.toMatch(/disabled/);
    expect(html).not.toContain("Open OKR Studio in Excel");
    expect(liveRegion(html)).toBe("");
    expect(alerts(html)).toBe(0);
  });

  test("while checking: the button stays focusable but inert, a spinner, the live region says so", () => {
    const html = render({ status: "checking" });
    const button = checkButton(html);
    expect(button).toContain('aria-disabled="true"');
    expect(button).not.toMatch(/\sdisabled=""/);
    expect(html).toMatch(
      /role="progressbar"[^>]*aria-label="Checking"|aria-label="Checking"[^>]*role="progressbar"/
    );
    expect(liveRegion(html)).toBe("Checking the workbook…");
  });

  test("a failed check: an alert right after the button, plain words, Excel's, and Retry", () => {
    const html = render({
      status: "failed",
      reason: "Excel is editing a cell. Press Enter or Esc in the sheet, then try again.",
      detail: "InvalidOperationInCellEditMode: not now",
    });
    expect(alerts(html)).toBe(1);
    const alert = html.slice(html.lastIndexOf("<", html.indexOf('role="alert"')));
    expect(textOf(alert)).toMatch(
      /^The check could not run Excel is editing a cell\. Press Enter or Esc in the sheet, then try again\. Excel said: InvalidOperationInCellEditMode: not now Retry/
    );
    expect(alert).toMatch(/<button[^>]*>Retry<\/button>/);
    // Where the focus is: the alert follows the check button, before anything else.
    expect(html.indexOf('role="alert"')).toBeGreaterThan(html.indexOf(checkButton(html)));
    expect(html.indexOf('role="alert"')).toBeLessThan(html.indexOf('role="status"'));
    expect(liveRegion(html)).toBe("");
  });

  test("no OKR table: the headers looked for and the fix", () => {
    const html = render(done([noPlan], false));
    expect(textOf(html)).toContain(
      "No OKR table found No table of objectives or key results found; looked for a header row with Key Result, Target. Add a table whose header row names the key results."
    );
    expect(html).not.toMatch(/<h3/);
    expect(liveRegion(html)).toBe("Checked: no OKR table found.");
  });

  test("no findings: a success message", () => {
    const html = render(done([]));
    expect(textOf(html)).toContain("No problems found");
    expect(liveRegion(html)).toBe("Checked: no problems found.");
  });

  test("findings: severity headings, then one expandable header per rule with its title and count", () => {
    const html = render(done([...FIXTURE_FINDINGS, ...staleFindings(300)]));
    expect(liveRegion(html)).toBe("Checked: 2 errors, 303 warnings, 1 info.");
    expect(html.match(/<h3[^>]*>[^<]*<\/h3>/g)?.map(textOf)).toEqual([
      "Errors (2)",
      "Warnings (303)",
      "Info (1)",
    ]);
    const headers = [...html.matchAll(/<h4[^>]*>([\s\S]*?)<\/h4>/g)].map((match) => match[1]);
    expect(headers.map(textOf)).toEqual([
      "OKR010 Recorded score differs from the computed score — 1 score",
      "OKR011 Status label does not match the score — 1 status",
      "OKR001 A plan should have 3–5 objectives — 1 plan",
      "OKR004 Key result has no baseline — 1 key result",
      "OKR007 An activity, not an outcome — 1 key result",
      "OKR014 Stale: no check-in in the last 31 days — 300 key results",
      "OKR018 Objective not aligned to a parent — 1 objective",
    ]);
    // Each header is a button that expands its cells; collapsed at first, so 300 cells cost nothing.
    for (const header of headers) {
      expect(header).toMatch(/<button[^>]*aria-expanded="false"/);
      // The button controls its panel, hidden and empty until opened.
      const controls = header.match(/aria-controls="([^"]+)"/)?.[1];
      expect(html).toMatch(new RegExp(`<div id="${controls}"[^>]*hidden=""[^>]*></div>`));
    }
    expect(html).not.toMatch(/Go to/);
    // One list item per rule; none for the cells yet.
    expect(html.match(/<li\b/g)).toHaveLength(headers.length);
  });
});
