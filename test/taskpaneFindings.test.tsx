import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { renderToStaticMarkup } from "react-dom/server";
import type { Finding } from "../src/okr/rules/types";
import {
  registerCommand,
  selectInWorkbook,
  showTaskpane,
  validateOpenWorkbook,
} from "../src/taskpane/officeHost";
import {
  FINDINGS_SHOWN,
  WorkbookCheck,
  type WorkbookCheckProps,
} from "../src/taskpane/WorkbookCheck";
import {
  announcement,
  cellReference,
  checkRunner,
  countBySeverity,
  countText,
  groupBySeverity,
  IDLE,
  noPlanFinding,
  reasonOf,
  ribbonCheck,
  sentence,
  type CheckState,
} from "../src/taskpane/checkState";
import { FakeExcel } from "./support/fakeExcel";
import { FIXTURE_FINDINGS } from "./support/findingsFixture";

/**
 * The task pane's workbook check without a browser: the words it shows, the run's states, the
 * ribbon command's completion, the Excel calls, and the markup of every state. Clicking and the
 * live rendering are covered in Chromium (taskpane.e2e.test.ts).
 */

const done = (findings: Finding[], planFound = true): CheckState => ({
  status: "done",
  findings,
  planFound,
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

  test("counts and groups by severity, errors first, each group in the rules' order", () => {
    expect(countBySeverity(FIXTURE_FINDINGS)).toEqual({ error: 2, warning: 3, info: 1 });
    const groups = groupBySeverity(FIXTURE_FINDINGS);
    expect(groups.map((group) => [group.heading, group.findings.map((f) => f.ruleId)])).toEqual([
      ["Errors", ["OKR010", "OKR011"]],
      ["Warnings", ["OKR001", "OKR004", "OKR007"]],
      ["Info", ["OKR018"]],
    ]);
    expect(groupBySeverity([])).toEqual([]);
    expect(groupBySeverity(FIXTURE_FINDINGS.filter((f) => f.severity === "info"))).toHaveLength(1);
  });

  test.each`
    case               | state                                                             | expected
    ${"idle"}          | ${IDLE}                                                           | ${""}
    ${"checking"}      | ${{ status: "checking" }}                                         | ${"Checking the workbook…"}
    ${"failed"}        | ${{ status: "failed", reason: "x" }}                              | ${"The check could not run."}
    ${"no OKR table"}  | ${done([noPlan], false)}                                          | ${"Checked: no OKR table found."}
    ${"no findings"}   | ${done([])}                                                       | ${"Checked: no problems found."}
    ${"the fixture"}   | ${done(FIXTURE_FINDINGS)}                                         | ${"Checked: 2 errors, 3 warnings, 1 info."}
    ${"warnings only"} | ${done(FIXTURE_FINDINGS.filter((f) => f.severity === "warning"))} | ${"Checked: 3 warnings."}
    ${"one error"}     | ${done(FIXTURE_FINDINGS.slice(1, 2))}                             | ${"Checked: 1 error."}
  `("announcement when $case: $expected", ({ state, expected }) => {
    expect(announcement(state)).toBe(expected);
  });

  test("noPlanFinding: the OKR000 finding only when no plan was found", () => {
    expect(noPlanFinding(done([noPlan], false))).toBe(noPlan);
    expect(noPlanFinding(done(FIXTURE_FINDINGS))).toBeNull();
    expect(noPlanFinding(IDLE)).toBeNull();
  });
});

/** A promise settled from outside, to hold a check mid-run. */
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
  test("checking, then the findings", async () => {
    const states: CheckState[] = [];
    const run = checkRunner(
      async () => ({ findings: FIXTURE_FINDINGS, planFound: true }),
      (state) => states.push(state)
    );
    await expect(run()).resolves.toBeUndefined();
    expect(states).toEqual([{ status: "checking" }, done(FIXTURE_FINDINGS)]);
  });

  test.each`
    case                       | error                                                  | reason
    ${"Excel's error"}         | ${new Error("GeneralException: the workbook is busy")} | ${"GeneralException: the workbook is busy"}
    ${"a rejection with text"} | ${"Excel.run is not available"}                        | ${"Excel.run is not available"}
    ${"an empty rejection"}    | ${undefined}                                           | ${"Excel reported an error without a message."}
  `("checking, then the failure and its reason: $case", async ({ error, reason }) => {
    const states: CheckState[] = [];
    const run = checkRunner(
      () => Promise.reject(error),
      (state) => states.push(state)
    );
    await expect(run()).resolves.toBeUndefined();
    expect(states).toEqual([{ status: "checking" }, { status: "failed", reason }]);
  });

  test("a run asked for during another joins it; a later one reads the workbook again", async () => {
    const pending = deferred<{ findings: Finding[]; planFound: boolean }>();
    const validate = jest.fn(() => pending.promise);
    const states: CheckState[] = [];
    const run = checkRunner(validate, (state) => states.push(state));
    const first = run();
    const second = run();
    expect(second).toBe(first);
    pending.resolve({ findings: [], planFound: true });
    await Promise.all([first, second]);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(states).toEqual([{ status: "checking" }, done([])]);

    validate.mockImplementation(() =>
      Promise.resolve({ findings: FIXTURE_FINDINGS, planFound: true })
    );
    await run();
    expect(validate).toHaveBeenCalledTimes(2);
    expect(states.slice(2)).toEqual([{ status: "checking" }, done(FIXTURE_FINDINGS)]);
  });
});

type Handler = (event: { completed: () => void }) => Promise<void>;
const globals = globalThis as { Office?: unknown; Excel?: unknown };

/** An Office with actions and addin, as Excel's shared runtime has them. */
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
  delete globals.Excel;
});

describe("the ribbon's Check OKRs command", () => {
  test("registers under its name; completes after a check that finds problems", async () => {
    const { office, handlers } = installOffice();
    const order: string[] = [];
    const states: CheckState[] = [];
    const run = checkRunner(
      async () => {
        order.push("validate");
        return { findings: FIXTURE_FINDINGS, planFound: true };
      },
      (state) => states.push(state)
    );
    office.addin.showAsTaskpane.mockImplementation(async () => {
      order.push("show");
    });
    expect(registerCommand("validateWorkbook", ribbonCheck(showTaskpane, run))).toBe(true);
    const completed = jest.fn(() => order.push("completed"));
    await handlers.get("validateWorkbook")!({ completed });
    expect(order).toEqual(["show", "validate", "completed"]);
    expect(states.at(-1)).toEqual(done(FIXTURE_FINDINGS));
  });

  test("completes after a check that fails, and the pane holds the failure", async () => {
    const { handlers } = installOffice();
    const states: CheckState[] = [];
    const run = checkRunner(
      () => Promise.reject(new Error("RichApi.Error: the workbook is in cell-edit mode")),
      (state) => states.push(state)
    );
    registerCommand("validateWorkbook", ribbonCheck(showTaskpane, run));
    const completed = jest.fn();
    await expect(handlers.get("validateWorkbook")!({ completed })).resolves.toBeUndefined();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toEqual({
      status: "failed",
      reason: "RichApi.Error: the workbook is in cell-edit mode",
    });
  });

  test("when the pane cannot open: the check still runs, the event completes, the refusal is reported", async () => {
    const refusal = new Error("showAsTaskpane is not supported here");
    const { handlers } = installOffice(() => Promise.reject(refusal));
    const validate = jest.fn(async () => ({ findings: [], planFound: true }));
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

  test("a command that throws at once still completes the event", async () => {
    const { handlers } = installOffice();
    registerCommand("broken", () => {
      throw new Error("bug");
    });
    const completed = jest.fn();
    await expect(handlers.get("broken")!({ completed })).rejects.toThrow("bug");
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

describe("the pane's Excel calls", () => {
  /** Excel.run over the recording fake: the callback gets the fake's context. */
  function installExcel(fake: FakeExcel) {
    globals.Excel = {
      run: <T,>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(fake.context),
    };
  }

  test("validateOpenWorkbook checks the open workbook in one Excel.run", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Notes", [["Groceries"]]);
    installExcel(fake);
    const result = await validateOpenWorkbook();
    expect(result).toMatchObject({ planFound: false, syncs: 2 });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["OKR000"]);
  });

  test("selectInWorkbook selects the finding's cell", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("OKR Plan", [["x"]]);
    fake.seedSheet("Scorecard", [["x"]]);
    installExcel(fake);
    await selectInWorkbook({ sheet: "Scorecard", address: "K7" });
    expect(fake.activeSheet).toBe("Scorecard");
    expect(fake.selection).toEqual({ sheet: "Scorecard", address: "K7" });
  });
});

describe("WorkbookCheck: the markup of each state", () => {
  const render = (props: WorkbookCheckProps) =>
    renderToStaticMarkup(
      <FluentProvider theme={webLightTheme}>
        <WorkbookCheck {...props} />
      </FluentProvider>
    );
  const inExcel = { onValidate: () => undefined, onSelect: () => undefined };
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  const liveRegion = (html: string) =>
    html.match(/<[^>]*role="status"[^>]*aria-live="polite"[^>]*>([^<]*)</)?.[1];
  const checkButton = (html: string) =>
    html.match(/<button[^>]*>Check this workbook<\/button>/)?.[0] ?? "";

  test("outside Excel: a disabled button described by the honest note", () => {
    const html = render({ check: IDLE });
    expect(html).toMatch(/<h2[^>]*id="okr-studio-check"[^>]*>Check this workbook<\/h2>/);
    const button = checkButton(html);
    expect(button).toMatch(/\sdisabled=""/);
    const noteId = button.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(html).toMatch(
      new RegExp(`<[^>]*id="${noteId}"[^>]*>Open in Excel to check a workbook.<`)
    );
    expect(liveRegion(html)).toBe("");
  });

  test("in Excel, before a check: an enabled button, no note, an empty live region", () => {
    const html = render({ check: IDLE, ...inExcel });
    expect(checkButton(html)).not.toMatch(/disabled/);
    expect(html).not.toContain("Open in Excel");
    expect(liveRegion(html)).toBe("");
  });

  test("while checking: the button stays focusable but inert, a spinner, and the live region says so", () => {
    const html = render({ check: { status: "checking" }, ...inExcel });
    const button = checkButton(html);
    expect(button).toContain('aria-disabled="true"');
    expect(button).not.toMatch(/\sdisabled=""/);
    expect(html).toMatch(
      /role="progressbar"[^>]*aria-label="Checking"|aria-label="Checking"[^>]*role="progressbar"/
    );
    expect(liveRegion(html)).toBe("Checking the workbook…");
  });

  test("a failed check: an error message bar with Excel's reason", () => {
    const html = render({
      check: { status: "failed", reason: "InvalidReference: gone" },
      ...inExcel,
    });
    expect(text(html)).toContain("The check could not run InvalidReference: gone");
    expect(liveRegion(html)).toBe("The check could not run.");
  });

  test("no OKR table: the headers looked for and the fix, no list", () => {
    const html = render({ check: done([noPlan], false), ...inExcel });
    expect(text(html)).toContain(
      "No OKR table found No table of objectives or key results found; looked for a header row with Key Result, Target. Add a table whose header row names the key results."
    );
    expect(html).not.toMatch(/<h3/);
    expect(liveRegion(html)).toBe("Checked: no OKR table found.");
  });

  test("no findings: a success message bar", () => {
    const html = render({ check: done([]), ...inExcel });
    expect(text(html)).toContain("No problems found");
    expect(html).not.toMatch(/<h3/);
    expect(liveRegion(html)).toBe("Checked: no problems found.");
  });

  test("findings: grouped under headings, each with its rule, message, cell button and fix", () => {
    const html = render({ check: done(FIXTURE_FINDINGS), ...inExcel });
    expect(liveRegion(html)).toBe("Checked: 2 errors, 3 warnings, 1 info.");
    expect(
      html
        .match(/<h3[^>]*>[^<]*<\/h3>/g)
        ?.map(text)
        .map((h) => h.trim())
    ).toEqual(["Errors (2)", "Warnings (3)", "Info (1)"]);
    const items = html.match(/<li[\s\S]*?<\/li>/g) ?? [];
    expect(items).toHaveLength(FIXTURE_FINDINGS.length);
    const inOrder = groupBySeverity(FIXTURE_FINDINGS).flatMap((group) => group.findings);
    items.forEach((item, index) => {
      const finding = inOrder[index];
      const escaped = renderToStaticMarkup(<>{sentence(finding.message)}</>);
      expect(item).toContain(`>${finding.ruleId}<`);
      expect(item).toContain(escaped);
      expect(item).toContain(renderToStaticMarkup(<>Fix: {finding.fix}</>));
      const button = item.match(/<button[^>]*>[^<]*<\/button>/)?.[0];
      if (finding.location === null) {
        expect(button).toBeUndefined();
        return;
      }
      const reference = cellReference(finding.location);
      const escapedReference = renderToStaticMarkup(<>{reference}</>);
      expect(button).toContain(`>${escapedReference}</button>`);
      expect(button).toContain(`aria-label="Go to ${escapedReference}"`);
      // The button is described by the finding's message, so a screen reader says what it fixes.
      const describedBy = button?.match(/aria-describedby="([^"]+)"/)?.[1];
      expect(item).toMatch(new RegExp(`id="${describedBy}"[^>]*>${escapeRegExp(escaped)}<`));
    });
  });

  test("without onSelect the cell is shown as text, not as a button", () => {
    const html = render({ check: done(FIXTURE_FINDINGS), onValidate: () => undefined });
    expect(html).not.toMatch(/Go to/);
    expect(html).toContain("Scorecard!K7");
    expect(html.match(/<button\b/g)).toHaveLength(1);
  });

  test(`a long list shows ${FINDINGS_SHOWN} per severity and a button for the rest`, () => {
    const many = Array.from({ length: FINDINGS_SHOWN + 20 }, (_, i) => ({
      ...FIXTURE_FINDINGS[3],
      message: `O${i + 1}.KR1 has no baseline`,
      location: { sheet: "Scorecard", address: `G${i + 6}` },
    }));
    const html = render({ check: done(many), ...inExcel });
    expect(html.match(/<li\b/g)).toHaveLength(FINDINGS_SHOWN);
    expect(html).toMatch(/<button[^>]*>Show all 120 warnings<\/button>/);
    expect(liveRegion(html)).toBe("Checked: 120 warnings.");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
