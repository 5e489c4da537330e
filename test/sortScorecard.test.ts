import { evaluateWorkbook } from "../src/hosts/memory";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { scorecardLayout } from "../src/sheets/builders/scorecard";
import { SHEETS } from "../src/sheets/layout";
import type { FormulaStyle } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { shiftRelativeRows, shownValues, shuffled, sortKeyResults } from "./support/sortScorecard";
import { valueAt } from "../src/sheets/snapshot";

/**
 * Sorting the Scorecard's key-result table by any column changes no number anywhere (issue 10):
 * every score, grade, status and health on the Scorecard, and every row of the Dashboard and the
 * Monthly Review, which find their key results and objectives by id. The sort is done as Excel
 * and LibreOffice do it: each row of the table moves whole, its formulas' relative row
 * references shifted by the distance moved (absolute ones and other sheets' references to the
 * table stay as they are).
 */

const TODAY = 46000; // 2025-12-09: pace and staleness judged on one day in both evaluations.

const cases = templates.flatMap((template) =>
  (["portable", "functions"] as FormulaStyle[]).map(
    (style) => [template.id, style, withCurrents(instantiate(template))] as const
  )
);

describe.each(cases)("%s, %s formulas: sorting the Scorecard's key results", (_id, style, plan) => {
  const spec = buildWorkbook(plan, { style });
  const before = evaluateWorkbook(spec, { today: TODAY });
  const count = scorecardLayout(plan).keyResults.length;

  test.each([
    ["reversed", Array.from({ length: count }, (_, index) => count - 1 - index)],
    ["shuffled", shuffled(count)],
  ])("%s: every value on every sheet is unchanged", (_order, order) => {
    const sorted = sortKeyResults(spec, plan, order);
    const after = evaluateWorkbook(sorted, { today: TODAY });
    const card = after.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
    const first = scorecardLayout(plan).firstKeyResult;
    // The rows did move: the table's first row is now another key result.
    expect(valueAt(card, first, 0)).toBe(
      plan.objectives.flatMap((objective) => objective.keyResults)[order[0]].id
    );
    before.sheets.forEach((sheet, index) =>
      expect(shownValues(after.sheets[index], plan)).toEqual(shownValues(sheet, plan))
    );
  });
});

test("shiftRelativeRows moves relative rows only, never inside text", () => {
  expect(
    shiftRelativeRows(`=IF($K6="",MATCH("O1.KR1",$A$6:$A$9,0),Scorecard!L6+OKR_RED_BELOW)`, 3)
  ).toBe(`=IF($K9="",MATCH("O1.KR1",$A$6:$A$9,0),Scorecard!L9+OKR_RED_BELOW)`);
});
