import type { Plan } from "../../okr/model";
import { STATUS } from "../../okr/thresholds";
import {
  DECISION_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
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
  keyResultCells,
  keyResultColumn,
  scorecardCell,
} from "./scorecard";
import { SheetBuilder, at, columnRange, formula, onSheet, text } from "./sheet";

const RO = columnsByHeader(REVIEW_OBJECTIVE_HEADERS);
const RK = columnsByHeader(REVIEW_KEY_RESULT_HEADERS);
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
    const objectiveRow = layout.firstObjective + index;
    review.set(row, RO.Objective, text(objective.title), "wrap");
    review.set(row, RO.Owner, objective.owner ? text(objective.owner) : null, "wrap");
    review.set(row, RO.Score, formula(`=${scorecardCell(O.Score, objectiveRow)}`), "score");
    review.set(row, RO.Status, formula(`=${scorecardCell(O.Status, objectiveRow)}`));
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
  review.row(keyResultHeader, 0, REVIEW_KEY_RESULT_HEADERS.map(text), "header");
  layout.keyResults.forEach((entry, index) => {
    const row = keyResultHeader + 1 + index;
    const { kr } = entry;
    review.set(row, RK.ID, text(kr.id));
    review.set(row, RK["Key Result"], text(kr.text), "wrap");
    review.set(row, RK.Owner, kr.owner ? text(kr.owner) : null);
    review.set(row, RK.Score, formula(`=${scorecardCell(K.Score, entry.row)}`), "score");
    review.set(row, RK.Status, formula(`=${scorecardCell(K.Status, entry.row)}`));
    const pace = formulas.pace(
      style,
      keyResultCells(entry.row, scorecardCell),
      scorecardCell(K.Progress, entry.row)
    );
    review.set(row, RK.Pace, formula(pace));
    review.set(
      row,
      RK["Last Check-in"],
      formula(`=${scorecardCell(K["Last Check-in"], entry.row)}`),
      "date"
    );
    const lastCheckIn = at(RK["Last Check-in"], row);
    review.set(row, RK["Days Since"], formula(formulas.daysSince(lastCheckIn)), "integer");
    review.set(row, RK["At Risk"], formula(formulas.atRisk(at(RK.Status, row), at(RK.Pace, row))));
    review.set(row, RK.Stale, formula(formulas.stale(lastCheckIn, at(RK["Days Since"], row))));
  });
  const firstKeyResult = keyResultHeader + 1;
  const lastKeyResult = Math.max(firstKeyResult, keyResultHeader + layout.keyResults.length);
  review.table(TABLES.reviewKeyResults, REVIEW_KEY_RESULT_HEADERS, keyResultHeader, lastKeyResult);
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
  review.widths([48, 48, 18, 9, 10, 10, 13, 10, 9, 9]);
  return review.spec;
}
