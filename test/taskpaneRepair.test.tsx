import { loadWorkbook } from "../src/hosts/memory";
import { checkWorkbook } from "../src/okr/rules";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import type { RepairPlan } from "../src/sheets/repair";
import type { PaneActions } from "../src/taskpane/actions";
import { createBrowserActions } from "../src/taskpane/browserActions";
import {
  excelToday,
  keptLine,
  leftAlone,
  planSummary,
  structureFindingsOf,
  writeLine,
} from "../src/taskpane/check/repairState";
import { WorkbookCheck } from "../src/taskpane/check/WorkbookCheck";
import { excelCapabilities } from "../src/taskpane/excel/excelActions";
import { readOf, repairPlanOf } from "../src/taskpane/readAndCheck";
import { paneMarkup, textOf } from "./support/paneMarkup";
import { withCurrents } from "./support/plans";

/**
 * Repair in the check feature: the words of the plan a person confirms, and the markup of the
 * structure group with its Repair… button, in Excel and outside it. Clicking through Repair… →
 * Repair → check again runs in Chromium (taskpaneRepair.e2e.test.ts).
 */

const TODAY = 46_100;

/** A generated workbook with 0.8 typed over Scorecard!K6, read and checked as the pane does. */
function damagedRead() {
  const plan = withCurrents(instantiate(templateById("predictive-analytics")!));
  const memory = loadWorkbook(buildWorkbook(plan, { style: "portable" }), { today: TODAY });
  try {
    const sheet = memory.engine.getSheetId(SHEETS.scorecard)!;
    memory.engine.setCellContents({ sheet, row: 5, col: 10 }, 0.8);
    const read = readOf(memory.snapshot(), 2);
    return { read, findings: checkWorkbook(read.facts, { asOf: TODAY }) };
  } finally {
    memory.dispose();
  }
}

describe("the words of a repair", () => {
  test.each`
    date                           | serial
    ${new Date(2026, 2, 18, 0, 5)} | ${46099}
    ${new Date(2026, 2, 18, 23)}   | ${46099}
    ${new Date(1900, 2, 1)}        | ${61}
  `("excelToday($date) → $serial", ({ date, serial }) => {
    expect(excelToday(date)).toBe(serial);
  });

  test("each write, each kept value and what is left alone, in a line", () => {
    const { read } = damagedRead();
    const plan = repairPlanOf(read, { today: TODAY });
    expect(plan.writes.map(writeLine)).toEqual([
      expect.stringMatching(/^Scorecard!P6: the text "0\.8 was typed over K6/),
      expect.stringMatching(/^Scorecard!K6: the formula =/),
    ]);
    expect(plan.kept.map(keptLine)).toEqual([
      "0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6",
    ]);
    expect(planSummary(plan)).toBe(
      "Repair writes 2 cells, and nothing else. A value a person typed is never written over."
    );
    expect(leftAlone(plan)).toEqual([]);
  });

  test.each<[string, RepairPlan, string]>([
    [
      "nothing to write",
      { writes: [], names: [], kept: [], report: ["not repaired: x"] },
      "Repair has nothing it can write for these findings.",
    ],
    [
      "one name",
      {
        writes: [],
        names: [{ name: "OKR_MARK", formula: "=2", before: null }],
        kept: [],
        report: [],
      },
      "Repair writes 1 defined name, and nothing else. A value a person typed is never written over.",
    ],
  ])("planSummary: %s", (_, plan, summary) => {
    expect(planSummary(plan)).toBe(summary);
  });

  test("a check-in kept from Current, and a text value, read as such", () => {
    expect(keptLine({ value: 0.9, from: "Scorecard!I7", to: "Check-ins!A2", as: "check-in" })).toBe(
      "0.9, typed over Scorecard!I7, becomes a check-in dated today (Check-ins!A2)"
    );
    expect(keptLine({ value: "ok", from: "Dashboard!I5", to: "Dashboard!Q5", as: "note" })).toBe(
      '"ok", typed over Dashboard!I5, is kept as a note in Dashboard!Q5'
    );
  });

  test("only OKR021–OKR027 are structure findings", () => {
    const { findings } = damagedRead();
    const structure = structureFindingsOf(findings);
    expect(structure.map((finding) => finding.ruleId)).toEqual(["OKR021"]);
    expect(findings.length).toBeGreaterThan(structure.length);
  });
});

describe("WorkbookCheck: the structure group and Repair…", () => {
  const { read, findings } = damagedRead();
  const state = {
    check: { status: "done" as const, findings, planFound: true },
    workbook: { status: "read" as const, read },
  };
  const inExcel: PaneActions = {
    ...createBrowserActions(),
    capabilities: excelCapabilities(() => true),
    repair: async () => ({ cells: 0, names: 0, syncs: 2, batches: 1 }),
  };
  const repairButton = (html: string) => html.match(/<button[^>]*>Repair…<\/button>/)?.[0] ?? "";

  test("in Excel: the structure findings with their cells, and an enabled Repair…", () => {
    const html = paneMarkup(<WorkbookCheck />, { state, actions: inExcel });
    expect(html).toMatch(/<h3[^>]*>Workbook structure \(1\)<\/h3>/);
    expect(html).toContain('aria-label="Cells of OKR021"');
    expect(textOf(html)).toContain("Scorecard!K6: should hold =");
    expect(repairButton(html)).not.toMatch(/disabled/);
  });

  test("outside Excel: Repair… is disabled and says there is no repair outside Excel", () => {
    const html = paneMarkup(<WorkbookCheck />, { state, actions: createBrowserActions() });
    const button = repairButton(html);
    expect(button).toMatch(/\sdisabled=""/);
    const noteId = button.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(html).toMatch(
      new RegExp(
        `<[^>]*id="${noteId}"[^>]*>Repair writes into the open workbook: open OKR Studio in Excel to repair it.`
      )
    );
  });

  test("check-ins outside the log: moving them is a button of its own", () => {
    const move = /<button[^>]*>Repair and move check-ins into the log…<\/button>/;
    expect(paneMarkup(<WorkbookCheck />, { state, actions: inExcel })).not.toMatch(move);
    const outside = {
      ...state,
      check: {
        ...state.check,
        findings: [
          ...findings,
          {
            ruleId: "OKR023" as const,
            severity: "warning" as const,
            message: "Check-ins: row 3 holds a date and a key result outside the Check-ins table",
            location: { sheet: "Check-ins", address: "S3" },
            fix: "Move it into the table.",
          },
        ],
      },
    };
    expect(paneMarkup(<WorkbookCheck />, { state: outside, actions: inExcel })).toMatch(move);
  });

  test("no structure finding: no structure group", () => {
    const clean = {
      ...state,
      check: { ...state.check, findings: findings.filter((f) => f.ruleId !== "OKR021") },
    };
    const html = paneMarkup(<WorkbookCheck />, { state: clean, actions: inExcel });
    expect(html).not.toContain("Workbook structure");
    expect(repairButton(html)).toBe("");
  });
});
