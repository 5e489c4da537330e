import { evaluateWorkbook } from "../src/hosts/memory";
import type { KeyResult, Plan } from "../src/okr/model";
import { checkWorkbook } from "../src/okr/rules";
import { score } from "../src/okr/scoring";
import { buildWorkbook } from "../src/sheets/build";
import { KEY_RESULT_COLUMN as K, scorecardLayout } from "../src/sheets/builders/scorecard";
import { CHECK_IN_HEADERS, SHEETS, columnsByHeader } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import type { CellSpec, FormulaStyle, WorkbookSnapshot, WorkbookSpec } from "../src/sheets/spec";
import { recalculatedByLibreOffice, withLibreOffice } from "./support/scorecardPicture";
import { valueAt } from "../src/sheets/snapshot";

/**
 * A milestone's value is read the same everywhere (issue 11): TRUE, 1 and the done words
 * (done, yes, complete, completed) are done; FALSE, 0 and the not-done words (no, not done, not
 * started) are not; a number from 0 to 1 is a hand grade of partial credit, as real scorecards
 * grade deliverables. The engine, both formula styles in HyperFormula, the portable formulas in
 * LibreOffice, and the reader with the check all agree, and no hand-graded milestone is an error.
 */

const AS_OF = 46100;
const LOG = columnsByHeader(CHECK_IN_HEADERS);

/** [id, the plan's value, a check-in's value (or none)]. */
const MILESTONES: [string, boolean | number | null, string | number | boolean | null][] = [
  ["O1.KR1", 0.6, null],
  ["O1.KR2", true, null],
  ["O1.KR3", 0.25, null],
  ["O1.KR4", null, "Completed"],
  ["O1.KR5", 0.5, "not started"],
  // In any case; the log's words are compared whole (COUNTIFS does not trim), so " done " with
  // spaces around it would not count in the workbook.
  ["O1.KR6", null, "DONE"],
  ["O1.KR7", false, 0.9],
  ["O1.KR8", null, "complete"],
];

function milestone(id: string, current: boolean | number | null): KeyResult {
  return {
    id,
    text: `Feature ${id} in production`,
    type: "milestone",
    baseline: null,
    target: null,
    unit: null,
    current,
    weight: 1,
    owner: "Owner",
    notes: [],
  };
}

const plan: Plan = {
  project: "Milestones",
  period: "2026-Q1",
  owner: "Owner",
  contributors: [],
  status: "Active",
  alignment: null,
  objectives: [
    {
      id: "O1",
      title: "Ship the platform",
      owner: "Owner",
      timeline: "Q1 2026",
      kind: "aspirational",
      notes: [],
      keyResults: MILESTONES.map(([id, current]) => milestone(id, current)),
    },
  ],
};

/** The workbook with one check-in for each milestone that has one, typed as a person would. */
function withCheckIns(spec: WorkbookSpec): WorkbookSpec {
  const added: CellSpec[] = [];
  MILESTONES.filter(([, , logged]) => logged !== null).forEach(([id, , logged], index) => {
    const row = index + 1;
    added.push(
      { row, column: LOG.Date, content: { kind: "date", serial: AS_OF - 2 } },
      { row, column: LOG["Key Result"], content: { kind: "text", text: id } },
      {
        row,
        column: LOG.Value,
        content:
          typeof logged === "number"
            ? { kind: "number", value: logged }
            : typeof logged === "boolean"
              ? { kind: "boolean", value: logged }
              : { kind: "text", text: logged as string },
      }
    );
  });
  return {
    ...spec,
    sheets: spec.sheets.map((sheet) =>
      sheet.name === SHEETS.checkIns ? { ...sheet, cells: [...sheet.cells, ...added] } : sheet
    ),
  };
}

/** What the engine gives each milestone: its check-in's value when it has one, else the plan's. */
const expected = MILESTONES.map(([id, planned, logged]) => [
  id,
  score(null, null, logged ?? planned, "milestone"),
]);

function shownScores(snapshot: WorkbookSnapshot): [string, unknown][] {
  const card = snapshot.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
  return scorecardLayout(plan).keyResults.map(({ kr, row }) => [
    kr.id,
    valueAt(card, row, K.Score),
  ]);
}

function expectAgreement(snapshot: WorkbookSnapshot): void {
  const shown = shownScores(snapshot);
  shown.forEach(([id, value], index) => {
    expect(id).toBe(expected[index][0]);
    expect(value).toBeCloseTo(expected[index][1] as number, 9);
  });
  // The check reads the same values and finds no error: a hand grade is not one.
  const findings = checkWorkbook(readPlan(snapshot), { asOf: AS_OF, minSeverity: "error" });
  expect(findings).toEqual([]);
}

test("the engine reads every form", () => {
  expect(expected).toEqual([
    ["O1.KR1", 0.6],
    ["O1.KR2", 1],
    ["O1.KR3", 0.25],
    ["O1.KR4", 1],
    ["O1.KR5", 0],
    ["O1.KR6", 1],
    ["O1.KR7", 0.9],
    ["O1.KR8", 1],
  ]);
  expect(() => score(null, null, 1.2, "milestone")).toThrow("or a grade from 0 to 1; got 1.2");
});

test.each(["portable", "functions"] as FormulaStyle[])(
  "%s formulas in HyperFormula give the engine's score for each milestone",
  (style) => {
    expectAgreement(
      evaluateWorkbook(withCheckIns(buildWorkbook(plan, { style })), { today: AS_OF })
    );
  }
);

withLibreOffice("the milestone suite")(
  "portable formulas in LibreOffice give the engine's score for each milestone",
  async () => {
    const snapshot = await recalculatedByLibreOffice(
      withCheckIns(buildWorkbook(plan, { style: "portable" }))
    );
    shownScores(snapshot).forEach(([, value], index) =>
      expect(value).toBeCloseTo(expected[index][1] as number, 9)
    );
  },
  300_000
);
