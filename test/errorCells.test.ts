import { evaluateWorkbook } from "../src/hosts/memory";
import type { Plan } from "../src/okr/model";
import { checkWorkbook } from "../src/okr/rules";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import {
  KEY_RESULT_COLUMN as K,
  OBJECTIVE_COLUMN as O,
  scorecardLayout,
} from "../src/sheets/builders/scorecard";
import { SHEETS } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import { cellAddress, type WorkbookSnapshot, type WorkbookSpec } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { recalculatedByLibreOffice, withLibreOffice } from "./support/scorecardPicture";
import { valueAt } from "../src/sheets/snapshot";

/**
 * Error cells are findings (issue 11): a real workbook whose Score, Progress and Status cells show
 * an error, computed by a real engine (HyperFormula, and LibreOffice headless on the written
 * .xlsx), read back as `okr lint` and the pane read it, gets OKR020 at the key result's Score cell
 * with the scoring engine's reason, and at its objective's Score cell; a formula broken by a
 * deleted row (#REF!) the same. The plan's average leaves them out and says so.
 *
 * The LibreOffice half needs soffice (Debian: libreoffice-calc-nogui); skipped with a message
 * without it, except under CI=true, where it must run.
 */

const AS_OF = 46000;

/** The first template with one key result made an increase whose target is below its baseline. */
function brokenPlan(): { plan: Plan; id: string } {
  const plan = withCurrents(instantiate(templateById("predictive-analytics")!));
  const kr = plan.objectives[0].keyResults[1];
  Object.assign(kr, { type: "increase", baseline: 90, target: 80, current: 85 });
  return { plan, id: kr.id };
}

/** The Score formula of the third key result replaced by one a deleted row leaves behind. */
function withDeletedReference(spec: WorkbookSpec, row: number): WorkbookSpec {
  return {
    ...spec,
    sheets: spec.sheets.map((sheet) =>
      sheet.name !== SHEETS.scorecard
        ? sheet
        : {
            ...sheet,
            cells: sheet.cells.map((cell) =>
              cell.row === row && cell.column === K.Score
                ? { ...cell, content: { kind: "formula" as const, formula: "=MIN(1,#REF!)" } }
                : cell
            ),
          }
    ),
  };
}

function findingsOf(snapshot: WorkbookSnapshot) {
  return checkWorkbook(readPlan(snapshot), { asOf: AS_OF, rules: ["OKR020", "OKR013"] }).map(
    (finding) => ({
      ruleId: finding.ruleId,
      address: finding.location?.address,
      message: finding.message,
    })
  );
}

const { plan, id } = brokenPlan();
const layout = scorecardLayout(plan);
const brokenRow = layout.keyResults.find((entry) => entry.kr.id === id)!.row;
const deletedRow = layout.keyResults[2].row;
const deleted = layout.keyResults[2].kr;
const spec = withDeletedReference(buildWorkbook(plan, { style: "portable" }), deletedRow);
const scoreCell = (row: number) => cellAddress(row, K.Score);
const objectiveScoreCell = cellAddress(layout.firstObjective, O.Score);

/** What a real engine's recalculation must give, whichever engine. */
function expectFindings(snapshot: WorkbookSnapshot): void {
  const findings = findingsOf(snapshot);
  expect(findings).toContainEqual({
    ruleId: "OKR020",
    address: scoreCell(brokenRow),
    message: expect.stringMatching(
      new RegExp(
        `^${id.replace(/\./g, "\\.")} ".*": its score is an error, #VALUE! \\(Score, Progress and Status show #N/A\\): type is increase but target \\(80\\) is below baseline \\(90\\)$`
      )
    ),
  });
  expect(findings).toContainEqual({
    ruleId: "OKR020",
    address: scoreCell(deletedRow),
    message: expect.stringMatching(
      new RegExp(
        `^${deleted.id.replace(/\./g, "\\.")} ".*": Score and Status show #REF!, though its numbers give a score of 0\\.70: the formula is broken or reads a cell that is$`
      )
    ),
  });
  const objective = plan.objectives[0];
  expect(findings).toContainEqual({
    ruleId: "OKR020",
    address: objectiveScoreCell,
    message: expect.stringMatching(
      new RegExp(
        `: its Score shows #[A-Z/!?]+, because the score of ${id}, ${deleted.id} is; its other key results give 0\\.60; the plan's average leaves it out$`
      )
    ),
  });
  // Told once each: the objective's own error cell is not a fourth finding.
  expect(findings.filter((finding) => finding.ruleId === "OKR020")).toHaveLength(3);
  expect(findings).toContainEqual({
    ruleId: "OKR013",
    address: expect.any(String),
    message: `the plan's average score is 0.00 (leaving out ${objective.id}, whose score is an error): below 0.5 is concerning`,
  });
}

test("HyperFormula: error cells of a recalculated workbook are OKR020 findings with the engine's reason", () => {
  const snapshot = evaluateWorkbook(spec, { today: AS_OF });
  const card = snapshot.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
  const shown = (row: number, column: number) => valueAt(card, row, column);
  // The workbook really shows the errors the findings are about.
  expect([
    shown(brokenRow, K.Progress),
    shown(brokenRow, K.Score),
    shown(brokenRow, K.Status),
  ]).toEqual(["#N/A", "#N/A", "#N/A"]);
  expect(shown(deletedRow, K.Score)).toBe("#REF!");
  expect(String(shown(layout.firstObjective, O.Score))).toMatch(/^#/);
  expectFindings(snapshot);
});

test("without the errors, the same workbook has no OKR020", () => {
  const clean = withCurrents(instantiate(templateById("predictive-analytics")!));
  const snapshot = evaluateWorkbook(buildWorkbook(clean, { style: "portable" }), {
    today: AS_OF,
  });
  expect(findingsOf(snapshot).filter((finding) => finding.ruleId === "OKR020")).toEqual([]);
});

withLibreOffice("the error-cell suite")(
  "LibreOffice: the same workbook, written to .xlsx and recalculated, gives the same findings",
  async () => expectFindings(await recalculatedByLibreOffice(spec)),
  300_000
);
