import { insertWorkbook as hostInsert } from "../src/hosts/excel/insert";
import type { RequirementChecker } from "../src/hosts/excel/requirements";
import { validateWorkbook } from "../src/hosts/excel/validate";
import { checkWorkbook } from "../src/okr/rules";
import { readPlan } from "../src/sheets/read";
import { readWorkbookFacts } from "../src/sheets/structure";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS, TABLES } from "../src/sheets/layout";
import type { CheckInEntry, InsertProgress, PaneActions } from "../src/taskpane/actions";
import { checkRead, readOf } from "../src/taskpane/readAndCheck";
import { BROWSER_CAPABILITIES, createBrowserActions } from "../src/taskpane/browserActions";
import {
  createExcelActions,
  excelCapabilities,
  requirementAvailability,
  type ExcelRun,
} from "../src/taskpane/excel/excelActions";
import { FakeExcel, FakeOfficeError, planWithKeyResults } from "./support/fakeExcel";

/**
 * The pane's actions: Excel's against the recording fake of Excel (each action one Excel.run, its
 * syncs counted, the workbook's cells after it), the browser's refusals, and the orchestration
 * they share ("read the plan, then check it").
 */

/** A fixed day (2026-03-18), so staleness findings do not change with the date. */
const AS_OF = 46_099;
const everyVersion: RequirementChecker = (set) => set === "ExcelApi";
const upTo =
  (newest: string): RequirementChecker =>
  (set, version) =>
    set === "ExcelApi" && Number(version.split(".")[1]) <= Number(newest.split(".")[1]);

/** Excel.run over the fake, counting the runs. */
function runOn(fake: FakeExcel): ExcelRun & { runs: number } {
  const run = (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => {
    run.runs++;
    return batch(fake.context);
  }) as ExcelRun & { runs: number };
  run.runs = 0;
  return run;
}

/** A small hand-made OKR table: one objective, one of whose key results is an activity (OKR007). */
function seedPlan(fake: FakeExcel): void {
  fake.seedSheet("Notes", [["Groceries"]]);
  fake.seedSheet("OKRs", [
    ["Objective", "Key Result", "Baseline", "Target", "Current", "Owner"],
    ["Grow the customer base", "Reach 500 paying customers", 100, 500, 240, "Ana"],
    ["Grow the customer base", "Cut churn to 2%", null, 2, 3, "Ben"],
    ["Grow the customer base", "Attend 10 trade fairs", 0, 10, 4, "Cy"],
  ]);
}

describe("Excel actions: validate reads once and checks the read", () => {
  test("gives the same findings as the host's own check, in the same two syncs, one Excel.run", async () => {
    const fake = new FakeExcel();
    seedPlan(fake);
    const run = runOn(fake);
    const actions = createExcelActions({ run, isSetSupported: everyVersion });
    const result = await actions.validate({ asOf: AS_OF });
    expect(run.runs).toBe(1);
    expect(fake.syncs).toBe(2);
    expect(result.read.syncs).toBe(2);
    expect(result.planFound).toBe(true);

    const twin = new FakeExcel();
    seedPlan(twin);
    const host = await validateWorkbook(twin.context, {
      asOf: AS_OF,
      isSetSupported: everyVersion,
    });
    expect(result.findings).toEqual(host.findings);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining(["OKR007"])
    );
    // The read is kept whole for the features that share it: the reader's, with the structure.
    expect(result.read.facts).toEqual(readWorkbookFacts(result.read.snapshot));
    expect(result.read.snapshot.sheets.map((sheet) => sheet.name)).toEqual(["Notes", "OKRs"]);
  });

  test("writes nothing: every call of the run is a read", async () => {
    const fake = new FakeExcel();
    seedPlan(fake);
    await createExcelActions({ run: runOn(fake), isSetSupported: everyVersion }).validate();
    expect(fake.calls.filter((call) => call.kind === "set")).toEqual([]);
    expect(fake.calls.map((call) => call.method)).not.toContainEqual(
      expect.stringMatching(/\.(add|clear|delete|insert)$/)
    );
  });

  test("a workbook without an OKR table: OKR000 and planFound false", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Notes", [["Groceries"]]);
    const result = await createExcelActions({
      run: runOn(fake),
      isSetSupported: everyVersion,
    }).validate();
    expect(result.planFound).toBe(false);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["OKR000"]);
    expect(result.read.facts.plan).toBeNull();
  });

  test("readPlan is the read alone: same syncs, the plan the reader finds", async () => {
    const fake = new FakeExcel();
    seedPlan(fake);
    const read = await createExcelActions({
      run: runOn(fake),
      isSetSupported: everyVersion,
    }).readPlan();
    expect(fake.syncs).toBe(2);
    expect(read.facts.plan?.objectives.map((objective) => objective.keyResults.length)).toEqual([
      3,
    ]);
  });

  test("Excel's rejection reaches the caller as it is", async () => {
    const failure = new FakeOfficeError(
      "InvalidOperationInCellEditMode",
      "Excel is in cell-edit mode."
    );
    const actions = createExcelActions({
      run: () => Promise.reject(failure),
      isSetSupported: everyVersion,
    });
    await expect(actions.validate()).rejects.toBe(failure);
  });

  test("an Excel without ExcelApi 1.4 is refused before anything is read, naming what is missing", async () => {
    const fake = new FakeExcel();
    seedPlan(fake);
    const run = runOn(fake);
    const actions = createExcelActions({ run, isSetSupported: upTo("1.3") });
    await expect(actions.validate()).rejects.toThrow(
      "Checking a workbook needs ExcelApi 1.4 (for reading each sheet's cells); this Excel has ExcelApi 1.3. Update Excel, or use Excel on the web."
    );
    expect(run.runs).toBe(0);
    expect(fake.syncs).toBe(0);
  });
});

describe("Excel actions: select", () => {
  test("activates the sheet and selects the cell in one sync", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("OKR Plan", [["x"]]);
    fake.seedSheet("Scorecard", [["x"]]);
    await createExcelActions({ run: runOn(fake), isSetSupported: everyVersion }).select({
      sheet: "Scorecard",
      address: "K7",
    });
    expect(fake.syncs).toBe(1);
    expect(fake.activeSheet).toBe("Scorecard");
    expect(fake.selection).toEqual({ sheet: "Scorecard", address: "K7" });
  });

  test("a sheet that is gone rejects with Excel's error", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("OKR Plan", [["x"]]);
    await expect(
      createExcelActions({ run: runOn(fake), isSetSupported: everyVersion }).select({
        sheet: "Scorecard",
        address: "K7",
      })
    ).rejects.toThrow(/ItemNotFound/);
  });
});

describe("Excel actions: insertWorkbook", () => {
  const spec = buildWorkbook(planWithKeyResults(25));

  test("writes what the host writes, in the host's two syncs, reporting each step", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Scorecard", [["someone else's"]]);
    const steps: InsertProgress[] = [];
    const result = await createExcelActions({
      run: runOn(fake),
      isSetSupported: everyVersion,
    }).insertWorkbook(spec, (progress) => steps.push(progress));

    const twin = new FakeExcel();
    twin.seedSheet("Scorecard", [["someone else's"]]);
    const host = await hostInsert(twin.context, spec, { isSetSupported: everyVersion });
    expect(result).toEqual(host);
    expect(fake.syncs).toBe(2);
    expect(result.syncs).toBe(2);
    expect(fake.sheets.map((sheet) => sheet.name)).toEqual(twin.sheets.map((sheet) => sheet.name));
    // The sheet that was there keeps its name and its cell; the new one is renamed.
    expect(fake.cell("Scorecard", "A1")?.value).toBe("someone else's");
    expect(result.sheets.Scorecard).not.toBe("Scorecard");

    expect(steps.map((step) => step.step)).toEqual(["preparing", "writing", "done"]);
    expect(steps[0]).toEqual({ step: "preparing", sheets: spec.sheets.length });
    expect(steps[2]).toEqual({ step: "done", result });
  });

  test("then the check reads back what was inserted, in two more syncs", async () => {
    const fake = new FakeExcel();
    const actions = createExcelActions({ run: runOn(fake), isSetSupported: everyVersion });
    await actions.insertWorkbook(spec);
    const result = await actions.validate({ asOf: AS_OF });
    expect(fake.syncs).toBe(4);
    expect(result.planFound).toBe(true);
    expect(result.read.facts.plan?.objectives).toHaveLength(5);
  });

  test("an older Excel: refused by the host before anything is written, with its reason", async () => {
    const fake = new FakeExcel();
    const steps: string[] = [];
    await expect(
      createExcelActions({ run: runOn(fake), isSetSupported: upTo("1.8") }).insertWorkbook(
        spec,
        (progress) => steps.push(progress.step)
      )
    ).rejects.toThrow(/ExcelApi 1\.9/);
    expect(fake.sheets).toEqual([]);
    expect(steps).toEqual(["preparing", "writing"]);
  });
});

describe("Excel actions: appendCheckIn", () => {
  const spec = buildWorkbook(planWithKeyResults(3));
  const entry: CheckInEntry = {
    keyResultId: "O1.KR1",
    value: 12,
    date: AS_OF,
    confidence: null,
    author: "Ann",
    note: "",
    replaces: null,
  };

  test("a log whose table was renamed: found by its header row, five syncs in one Excel.run", async () => {
    const fake = new FakeExcel();
    const run = runOn(fake);
    const actions = createExcelActions({ run, isSetSupported: everyVersion });
    await actions.insertWorkbook(spec);
    fake.tables.find((table) => table.name === TABLES.checkIns)!.name = "TeamLog";
    const before = { syncs: fake.syncs, runs: run.runs };
    const result = await actions.appendCheckIn!(entry);
    expect(result).toMatchObject({
      location: { sheet: SHEETS.checkIns, address: "A2:P2" },
      syncs: 5,
    });
    expect({ syncs: fake.syncs - before.syncs, runs: run.runs - before.runs }).toEqual({
      syncs: 5,
      runs: 1,
    });
    expect(fake.cell(SHEETS.checkIns, "G2")?.value).toBe(result.id);
  });

  test("a workbook without a check-in log: refused, saying what is missing and what to do, nothing written", async () => {
    const fake = new FakeExcel();
    seedPlan(fake);
    const actions = createExcelActions({ run: runOn(fake), isSetSupported: everyVersion });
    await expect(actions.appendCheckIn!(entry)).rejects.toThrow(
      /^This workbook has no check-in table: .* the columns Date, Key Result and Value\. Insert an OKR workbook with OKR Studio, or make your check-ins a table/
    );
    expect(fake.syncs).toBe(2);
    expect(fake.calls.filter((call) => call.kind === "set")).toEqual([]);
  });
});

describe("Excel actions: capabilities", () => {
  test("a current Excel can check, insert and record check-ins", () => {
    expect(excelCapabilities(everyVersion)).toEqual({
      host: "excel",
      check: { available: true },
      insert: { available: true },
      checkIn: { available: true },
      repair: { available: true },
    });
    expect(excelCapabilities(upTo("1.3")).checkIn).toEqual({
      available: false,
      reason:
        "Recording a check-in needs ExcelApi 1.4 (for recording check-ins); this Excel has ExcelApi 1.3. Update Excel, or use Excel on the web.",
    });
  });

  test.each`
    newest   | check                                                                                                                                             | insert
    ${"1.8"} | ${null}                                                                                                                                           | ${"Inserting an OKR workbook needs ExcelApi 1.9 (for print set-up); this Excel has ExcelApi 1.8. Update Excel, or use Excel on the web."}
    ${"1.5"} | ${null}                                                                                                                                           | ${"Inserting an OKR workbook needs ExcelApi 1.9 (for conditional formats, frozen header rows, data validation, charts, print set-up); this Excel has ExcelApi 1.5. Update Excel, or use Excel on the web."}
    ${"1.1"} | ${"Checking a workbook needs ExcelApi 1.4 (for reading each sheet's cells); this Excel has ExcelApi 1.1. Update Excel, or use Excel on the web."} | ${"Inserting an OKR workbook needs ExcelApi 1.9 (for column widths and merged cells, defined names, conditional formats, frozen header rows, data validation, charts, print set-up); this Excel has ExcelApi 1.1. Update Excel, or use Excel on the web."}
  `("ExcelApi up to $newest: names what is missing", ({ newest, check, insert }) => {
    const capabilities = excelCapabilities(upTo(newest));
    expect(capabilities.check).toEqual(
      check === null ? { available: true } : { available: false, reason: check }
    );
    expect(capabilities.insert).toEqual({ available: false, reason: insert });
  });

  test("an Excel that reports no ExcelApi at all says so", () => {
    expect(
      requirementAvailability(
        "Checking a workbook",
        [{ version: "1.4", feature: "x" }],
        () => false
      )
    ).toEqual({
      available: false,
      reason:
        "Checking a workbook needs ExcelApi 1.4 (for x); this Excel reports no ExcelApi support. Update Excel, or use Excel on the web.",
    });
  });

  test("Office's own isSetSupported decides when none is given", () => {
    const globals = globalThis as { Office?: unknown };
    globals.Office = {
      context: {
        requirements: {
          isSetSupported: (set: string, version: string) => set === "ExcelApi" && version <= "1.3",
        },
      },
    };
    try {
      expect(createExcelActions().capabilities.check.available).toBe(false);
    } finally {
      delete globals.Office;
    }
  });
});

describe("browser actions: no workbook, every workbook action refused with its reason", () => {
  const actions: PaneActions = createBrowserActions();

  test("capabilities say why", () => {
    expect(actions.capabilities).toBe(BROWSER_CAPABILITIES);
    expect(actions.capabilities).toEqual({
      host: "browser",
      check: { available: false, reason: "Open OKR Studio in Excel to check a workbook." },
      // Outside Excel the workbook is made as a new .xlsx file (test/webPageSave.test.ts).
      insert: { available: true },
      checkIn: { available: false, reason: "Open OKR Studio in Excel to record a check-in." },
      repair: {
        available: false,
        reason:
          "Repair writes into the open workbook: open OKR Studio in Excel to repair it. Outside Excel, okr rebuild writes a repaired copy.",
      },
      // A file chosen in the page is checked instead (test/fileCheck.test.ts).
      openFile: { available: true },
    });
    expect(actions.appendCheckIn).toBeUndefined();
  });

  test.each`
    action        | call                                                           | reason
    ${"validate"} | ${() => actions.validate()}                                    | ${"Open OKR Studio in Excel to check a workbook."}
    ${"readPlan"} | ${() => actions.readPlan()}                                    | ${"Open OKR Studio in Excel to check a workbook."}
    ${"select"}   | ${() => actions.select({ sheet: "Scorecard", address: "K7" })} | ${"Open OKR Studio in Excel to check a workbook."}
  `("$action rejects: $reason", async ({ call, reason }) => {
    await expect(call()).rejects.toThrow(reason);
  });

  test("never touches Excel", async () => {
    const globals = globalThis as { Excel?: unknown };
    const run = jest.fn();
    globals.Excel = { run };
    try {
      await actions.validate().catch(() => undefined);
      await actions.select({ sheet: "A", address: "A1" }).catch(() => undefined);
      expect(run).not.toHaveBeenCalled();
    } finally {
      delete globals.Excel;
    }
  });
});

describe("the shared orchestration: read, then check", () => {
  test("checkRead gives the rules' findings on the read, planFound from the reader", () => {
    const fake = new FakeExcel();
    const read = readOf({ sheets: [] }, 0);
    expect(checkRead(read)).toEqual({
      findings: checkWorkbook(readPlan({ sheets: [] })),
      planFound: false,
      read,
    });
    expect(fake.syncs).toBe(0);
  });

  test("options reach the rules: only the rules asked for", async () => {
    const fake = new FakeExcel();
    seedPlan(fake);
    const actions = createExcelActions({ run: runOn(fake), isSetSupported: everyVersion });
    const all = await actions.validate({ asOf: AS_OF });
    const only = await actions.validate({ asOf: AS_OF, rules: ["OKR007"] });
    expect(only.findings).toEqual(all.findings.filter((finding) => finding.ruleId === "OKR007"));
    expect(only.findings.length).toBeGreaterThan(0);
  });
});
