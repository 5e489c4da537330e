import type { Plan } from "../../okr/model";
import { STATUS } from "../../okr/thresholds";
import {
  DECISION_HEADERS,
  REVIEW_KEY_RESULT_COLUMNS,
  REVIEW_OBJECTIVE_HEADERS,
  SHEETS,
  TABLES,
  columnsByHeader,
} from "../layout";
import { type FormulaStyle, type SheetSpec, cellAddress } from "../spec";
import * as formulas from "./formulas";
import {
  HEALTH_CELL,
  KEY_RESULT_COLUMN as K,
  OBJECTIVE_COLUMN as O,
  OVERALL_SCORE_CELL,
  type ScorecardLayout,
  keyResultColumn,
  objectiveLookup,
  scorecardAt,
  scorecardPosition,
} from "./scorecard";
import { SheetBuilder, at, columnRange, formula, onSheet, text } from "./sheet";

const RO = columnsByHeader(REVIEW_OBJECTIVE_HEADERS);
const RK = columnsByHeader(REVIEW_KEY_RESULT_COLUMNS);
const DECISION = columnsByHeader(DECISION_HEADERS);

/**
 * Sheet "Monthly Review": what the monthly leadership review discusses. The overall score, each
 * objective with its key results per status, every key result with its pace and freshness (At
 * Risk and Stale to filter on), and a table for decisions and action items.
 */
export function buildReview(plan: Plan, layout: ScorecardLayout, style: FormulaStyle): SheetSpec {
  const review = new SheetBuilder(SHEETS.review);
  review.set(0, 0, text(`Monthly Review: ${plan.project || "Untitled project"}`), "title");
  review.set(1, 0, text("Review date"), "label");
  review.set(1, 1, formula("=TODAY()"), "date");
  const scorecardSummary = (cell: { row: number; column: number }) =>
    formula(`=${onSheet(SHEETS.scorecard, cellAddress(cell.row, cell.column, true))}`);
  review.set(1, 2, text("Overall score"), "label");
  review.set(1, 3, scorecardSummary(OVERALL_SCORE_CELL), "score");
  review.set(1, 4, text("Health"), "label");
  review.set(1, 5, scorecardSummary(HEALTH_CELL));

  review.set(3, 0, text("Progress per objective"), "section");
  const objectiveHeader = 4;
  review.row(objectiveHeader, 0, REVIEW_OBJECTIVE_HEADERS.map(text), "header");
  const scorecardIds = onSheet(SHEETS.scorecard, keyResultColumn(layout, K["Objective ID"]));
  const scorecardStatuses = onSheet(SHEETS.scorecard, keyResultColumn(layout, K.Status));
  plan.objectives.forEach((objective, index) => {
    const row = objectiveHeader + 1 + index;
    review.set(row, RO.Objective, text(objective.title), "wrap");
    review.set(row, RO.Owner, objective.owner ? text(objective.owner) : null, "wrap");
    const objectiveCell = (column: number) =>
      formula(`=${objectiveLookup(layout, column, objective.id)}`);
    review.set(row, RO.Score, objectiveCell(O.Score), "score");
    review.set(row, RO.Status, objectiveCell(O.Status));
    review.set(
      row,
      RO["Key Results"],
      formula(`=COUNTIF(${scorecardIds},"${objective.id}")`),
      "integer"
    );
    for (const label of [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending])
      review.set(
        row,
        RO[label],
        formula(`=COUNTIFS(${scorecardIds},"${objective.id}",${scorecardStatuses},"${label}")`),
        "integer"
      );
  });
  const lastObjective = Math.max(objectiveHeader + 1, objectiveHeader + plan.objectives.length);
  review.table(TABLES.reviewObjectives, REVIEW_OBJECTIVE_HEADERS, objectiveHeader, lastObjective);
  review.lights(columnRange(objectiveHeader + 1, lastObjective, RO.Status));

  const keyResultSection = lastObjective + 2;
  review.set(
    keyResultSection,
    0,
    text(
      "Key results: at risk (Red, or pace At risk) and stale (no check-in for longer than the Stale-after days)"
    ),
    "section"
  );
  const keyResultHeader = keyResultSection + 1;
  review.row(keyResultHeader, 0, REVIEW_KEY_RESULT_COLUMNS.map(text), "header");
  layout.keyResults.forEach((entry, index) => {
    const row = keyResultHeader + 1 + index;
    const { kr } = entry;
    review.set(row, RK.ID, text(kr.id));
    review.set(row, RK["Key Result"], text(kr.text), "wrap");
    review.set(row, RK.Owner, kr.owner ? text(kr.owner) : null);
    // The key result's own Scorecard cells, found by its id once, in the hidden Scorecard Row
    // cell (sorting the Scorecard moves them).
    review.set(
      row,
      RK["Scorecard Row"],
      formula(scorecardPosition(layout, "keyResults", kr.id)),
      "hidden"
    );
    const position = at(RK["Scorecard Row"], row);
    const scorecard = (column: number) => scorecardAt(layout, "keyResults", column, position);
    review.set(row, RK.Score, formula(`=${scorecard(K.Score)}`), "score");
    review.set(row, RK.Status, formula(`=${scorecard(K.Status)}`));
    const cells = {
      type: scorecard(K.Type),
      baseline: scorecard(K.Baseline),
      target: scorecard(K.Target),
      current: scorecard(K.Current),
    };
    review.set(row, RK.Pace, formula(formulas.pace(style, cells, scorecard(K.Progress))));
    review.set(row, RK["Last Check-in"], formula(`=${scorecard(K["Last Check-in"])}`), "date");
    const lastCheckIn = at(RK["Last Check-in"], row);
    review.set(row, RK["Days Since"], formula(formulas.daysSince(lastCheckIn)), "integer");
    review.set(row, RK["At Risk"], formula(formulas.atRisk(at(RK.Status, row), at(RK.Pace, row))));
    review.set(row, RK.Stale, formula(formulas.stale(lastCheckIn, at(RK["Days Since"], row))));
  });
  const firstKeyResult = keyResultHeader + 1;
  const lastKeyResult = Math.max(firstKeyResult, keyResultHeader + layout.keyResults.length);
  review.table(TABLES.reviewKeyResults, REVIEW_KEY_RESULT_COLUMNS, keyResultHeader, lastKeyResult);
  review.lights(columnRange(firstKeyResult, lastKeyResult, RK.Status));
  review.lights(columnRange(firstKeyResult, lastKeyResult, RK.Pace));
  for (const flag of [RK["At Risk"], RK.Stale]) {
    review.spec.conditionalFormats.push({
      range: columnRange(firstKeyResult, lastKeyResult, flag),
      kind: "textEquals",
      text: "Yes",
      fill: "#FFC7CE",
      fontColor: "#9C0006",
    });
  }

  const decisionSection = lastKeyResult + 2;
  review.set(decisionSection, 0, text("Decisions and action items"), "section");
  const decisionHeader = decisionSection + 1;
  review.row(decisionHeader, 0, DECISION_HEADERS.map(text), "header");
  // Three empty rows to type into.
  const [firstDecision, lastDecision] = [decisionHeader + 1, decisionHeader + 3];
  review.table(TABLES.decisions, DECISION_HEADERS, decisionHeader, lastDecision);
  review.spec.validations.push(
    {
      range: columnRange(firstDecision, lastDecision, DECISION.Date),
      kind: "date",
      message: "The date of the decision",
    },
    {
      range: columnRange(firstDecision, lastDecision, DECISION.Due),
      kind: "date",
      message: "When it is due",
    },
    {
      range: columnRange(firstDecision, lastDecision, DECISION.Status),
      kind: "list",
      values: ["Open", "In progress", "Done"],
      message: "Open, In progress or Done",
    }
  );
  // Three tables share these columns, so the widths go by position: the first two hold text.
  // The key results' hidden Scorecard Row is the last.
  review.widths([48, 48, 18, 9, 10, 10, 13, 10, 9, 9, 12], [RK["Scorecard Row"]]);
  return review.spec;
}
