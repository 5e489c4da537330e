import type { KeyResult, Objective, Plan } from "../../okr/model";
import { KEY_RESULT_TYPES } from "../../okr/scoring";
import { OKR_KINDS, STATUS } from "../../okr/thresholds";
import {
  KEY_RESULT_HELPER_HEADERS,
  NAMES,
  OBJECTIVE_HEADERS,
  SCORECARD_KEY_RESULT_COLUMNS,
  SHEETS,
  TABLES,
  columnsByHeader,
} from "../layout";
import {
  type DefinedNameSpec,
  type FormulaStyle,
  type SheetSpec,
  cellAddress,
  columnLetter,
  sheetReference,
} from "../spec";
import * as formulas from "./formulas";
import { numberFormat, stored, storedCurrent } from "./keyResultNumbers";
import {
  SheetBuilder,
  type WorkbookStyles,
  at,
  columnCells,
  columnRange,
  formula,
  number,
  onSheet,
  text,
} from "./sheet";

/** The Scorecard's key-result table, helper columns included, by header. */
export const KEY_RESULT_COLUMN = columnsByHeader(SCORECARD_KEY_RESULT_COLUMNS);
/** The Scorecard's objective table, by header. */
export const OBJECTIVE_COLUMN = columnsByHeader(OBJECTIVE_HEADERS);

const K = KEY_RESULT_COLUMN;
const O = OBJECTIVE_COLUMN;

/** The summary row above the tables: the overall score, its health, the key results per status. */
const SUMMARY_ROW = 2;
/** The Overall score and Health cells, which the Monthly Review repeats. */
export const OVERALL_SCORE_CELL = { row: SUMMARY_ROW, column: 1 };
export const HEALTH_CELL = { row: SUMMARY_ROW, column: 3 };

/** A key result and the 0-based Scorecard row the builder puts it on. */
export interface PlacedKeyResult {
  objective: Objective;
  kr: KeyResult;
  row: number;
}

/** Where the Scorecard's two tables are, 0-based rows; the other sheets point into them. */
export interface ScorecardLayout {
  /** Every key result, in plan order, with its row. */
  keyResults: PlacedKeyResult[];
  headerRow: number;
  firstKeyResult: number;
  /** The table keeps one (empty) row when the plan has no key result. */
  lastKeyResult: number;
  objectiveHeaderRow: number;
  /** Objective `index` of the plan is on row firstObjective + index. */
  firstObjective: number;
  lastObjective: number;
}

export function scorecardLayout(plan: Plan): ScorecardLayout {
  const headerRow = 4;
  const firstKeyResult = headerRow + 1;
  const keyResults: PlacedKeyResult[] = [];
  plan.objectives.forEach((objective) =>
    objective.keyResults.forEach((kr) =>
      keyResults.push({ objective, kr, row: firstKeyResult + keyResults.length })
    )
  );
  const lastKeyResult = Math.max(firstKeyResult, firstKeyResult + keyResults.length - 1);
  const objectiveHeaderRow = lastKeyResult + 3;
  const firstObjective = objectiveHeaderRow + 1;
  const lastObjective = Math.max(firstObjective, firstObjective + plan.objectives.length - 1);
  return {
    keyResults,
    headerRow,
    firstKeyResult,
    lastKeyResult,
    objectiveHeaderRow,
    firstObjective,
    lastObjective,
  };
}

/**
 * A Scorecard cell as another sheet refers to it, by address: Scorecard!$K6. Sorting the
 * Scorecard moves the key result but not the reference (issue 10 looks key results up by id).
 */
export function scorecardCell(column: number, row: number): string {
  return onSheet(SHEETS.scorecard, at(column, row));
}

/** The cells of the key result on `row` that its progress, score and pace read. */
export function keyResultCells(row: number, reference = at): formulas.KeyResultCells {
  return {
    type: reference(K.Type, row),
    baseline: reference(K.Baseline, row),
    target: reference(K.Target, row),
    current: reference(K.Current, row),
  };
}

/** All rows of one column of the key-result table, absolute: $K$6:$K$30. */
export function keyResultColumn(layout: ScorecardLayout, column: number): string {
  return columnCells(column, layout.firstKeyResult, layout.lastKeyResult);
}

/**
 * The names the check-in log's trend helpers find key results by: the key-result table's ID
 * column, and its rows across every column (INDEX by position and column number).
 */
export function keyResultNames(layout: ScorecardLayout): DefinedNameSpec[] {
  const sheet = sheetReference(SHEETS.scorecard);
  const [first, last] = [layout.firstKeyResult + 1, layout.lastKeyResult + 1];
  const [id, lastColumn] = [
    columnLetter(K.ID),
    columnLetter(SCORECARD_KEY_RESULT_COLUMNS.length - 1),
  ];
  return [
    { name: NAMES.keyResultIds, formula: `=${sheet}!$${id}$${first}:$${id}$${last}` },
    { name: NAMES.keyResults, formula: `=${sheet}!$A$${first}:$${lastColumn}$${last}` },
  ];
}

/**
 * Sheet "Scorecard": the plan's summary, one row per key result (progress, score, status, current
 * value and last check-in as live formulas, hidden helpers for the grades) and one per objective.
 */
export function buildScorecard(
  plan: Plan,
  layout: ScorecardLayout,
  style: FormulaStyle,
  styles: WorkbookStyles
): SheetSpec {
  const card = new SheetBuilder(SHEETS.scorecard);
  const { headerRow, firstKeyResult, lastKeyResult, firstObjective, lastObjective } = layout;
  const committed =
    plan.objectives.length > 0 &&
    plan.objectives.every((objective) => objective.kind === "committed");

  card.set(0, 0, text(`Scorecard: ${plan.project || "Untitled project"}`), "title");
  card.set(
    1,
    0,
    text([plan.period, plan.owner, plan.status].filter((part) => part).join(" · ")),
    "subtitle"
  );
  const objectiveScores = columnCells(O.Score, firstObjective, lastObjective);
  const statuses = keyResultColumn(layout, K.Status);
  const overall = cellAddress(OVERALL_SCORE_CELL.row, OVERALL_SCORE_CELL.column);
  card.set(SUMMARY_ROW, OVERALL_SCORE_CELL.column - 1, text("Overall score"), "label");
  card.set(
    OVERALL_SCORE_CELL.row,
    OVERALL_SCORE_CELL.column,
    formula(formulas.overallScore(style, objectiveScores)),
    "score"
  );
  card.set(SUMMARY_ROW, HEALTH_CELL.column - 1, text("Health"), "label");
  card.set(
    HEALTH_CELL.row,
    HEALTH_CELL.column,
    formula(formulas.health(style, overall, committed))
  );
  [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].forEach((label, index) => {
    const column = HEALTH_CELL.column + 1 + index * 2;
    card.set(
      SUMMARY_ROW,
      column,
      text(label),
      label === STATUS.pending ? "label" : label.toLowerCase()
    );
    card.set(SUMMARY_ROW, column + 1, formula(`=COUNTIF(${statuses},"${label}")`), "integer");
  });
  card.row(headerRow, 0, SCORECARD_KEY_RESULT_COLUMNS.map(text), "header");

  for (const { objective, kr, row } of layout.keyResults) {
    const values = [
      kr.baseline,
      kr.target,
      typeof kr.current === "number" ? kr.current : null,
    ].filter((value): value is number => value !== null);
    const format = styles.numberFormat(
      kr.type === "milestone" ? undefined : numberFormat(kr.unit, values)
    );
    card.set(row, K.ID, text(kr.id));
    card.set(row, K.Objective, text(objective.title), "wrap");
    card.set(row, K["Key Result"], text(kr.text), "wrap");
    card.set(row, K.Type, kr.type ? text(kr.type) : null);
    card.set(row, K.Owner, kr.owner ? text(kr.owner) : null);
    card.set(row, K.Unit, kr.unit ? text(kr.unit) : null);
    card.set(
      row,
      K.Baseline,
      kr.baseline === null ? null : number(stored(kr.baseline, kr.unit)),
      format
    );
    card.set(row, K.Target, kr.target === null ? null : number(stored(kr.target, kr.unit)), format);
    card.set(
      row,
      K.Current,
      formula(
        formulas.currentValue({
          id: at(K.ID, row),
          lastCheckIn: at(K["Last Check-in"], row),
          planCurrent: at(K["Plan Current"], row),
        })
      ),
      format
    );
    const cells = keyResultCells(row);
    const [progressCell, scoreCell] = [at(K.Progress, row), at(K.Score, row)];
    card.set(row, K.Progress, formula(formulas.progress(style, cells)), "score");
    card.set(row, K.Score, formula(formulas.score(style, cells, progressCell)), "score");
    card.set(row, K.Status, formula(formulas.status(style, scoreCell)));
    card.set(row, K.Weight, number(kr.weight));
    card.set(row, K["Last Check-in"], formula(formulas.lastCheckIn(at(K.ID, row))), "date");
    if (kr.notes.length > 0) card.set(row, K.Notes, text(kr.notes.join("; ")), "wrap");
    const weightCell = at(K.Weight, row);
    card.set(row, K["Objective ID"], text(objective.id), "hidden");
    const planned = storedCurrent(kr);
    card.set(row, K["Plan Current"], planned === null ? null : number(planned), format);
    card.set(
      row,
      K["Scored Weight"],
      formula(formulas.scoredWeight(scoreCell, weightCell)),
      "hidden"
    );
    card.set(
      row,
      K["Weighted Score"],
      formula(formulas.weightedScore(scoreCell, weightCell)),
      "hidden"
    );
    const planScoreCell = at(K["Plan Score"], row);
    card.set(
      row,
      K["Plan Score"],
      formula(formulas.scoreOfValue({ ...cells, current: at(K["Plan Current"], row) })),
      "hidden"
    );
    card.set(
      row,
      K["Plan Scored Weight"],
      formula(formulas.scoredWeight(planScoreCell, weightCell)),
      "hidden"
    );
    card.set(
      row,
      K["Plan Weighted Score"],
      formula(formulas.weightedScore(planScoreCell, weightCell)),
      "hidden"
    );
  }
  card.table(TABLES.keyResults, SCORECARD_KEY_RESULT_COLUMNS, headerRow, lastKeyResult);
  card.lights(columnRange(firstKeyResult, lastKeyResult, K.Status));
  card.spec.validations.push(
    {
      range: columnRange(firstKeyResult, lastKeyResult, K.Type),
      kind: "list",
      values: [...KEY_RESULT_TYPES],
      message: `Type is one of ${KEY_RESULT_TYPES.join(", ")}`,
    },
    {
      range: columnRange(firstKeyResult, lastKeyResult, K.Confidence),
      kind: "decimal",
      min: 0,
      max: 1,
      message: "Confidence is from 0 to 1",
    },
    {
      range: columnRange(firstKeyResult, lastKeyResult, K.Weight),
      kind: "decimal",
      min: 0,
      max: 1000,
      message: "Weight is a number of 0 or more",
    }
  );

  card.row(layout.objectiveHeaderRow, 0, OBJECTIVE_HEADERS.map(text), "header");
  const gradeColumns: formulas.GradeColumns = {
    objectiveIds: keyResultColumn(layout, K["Objective ID"]),
    scoredWeights: keyResultColumn(layout, K["Scored Weight"]),
    weightedScores: keyResultColumn(layout, K["Weighted Score"]),
    scores: keyResultColumn(layout, K.Score),
  };
  plan.objectives.forEach((objective, index) => {
    const row = firstObjective + index;
    const own = layout.keyResults
      .filter((entry) => entry.objective === objective)
      .map((entry) => entry.row);
    card.set(row, O.ID, text(objective.id));
    card.set(row, O.Objective, text(objective.title), "wrap");
    card.set(row, O.Owner, objective.owner ? text(objective.owner) : null);
    card.set(row, O.Timeline, objective.timeline ? text(objective.timeline) : null);
    card.set(row, O.Kind, text(objective.kind));
    const ownRows =
      own.length === 0
        ? null
        : {
            scores: columnCells(K.Score, own[0], own[own.length - 1]),
            weights: columnCells(K.Weight, own[0], own[own.length - 1]),
          };
    card.set(
      row,
      O.Score,
      formula(formulas.objectiveGrade(style, at(O.ID, row), gradeColumns, ownRows)),
      "score"
    );
    card.set(row, O.Status, formula(formulas.status(style, at(O.Score, row))));
  });
  card.table(TABLES.objectives, OBJECTIVE_HEADERS, layout.objectiveHeaderRow, lastObjective);
  card.lights(columnRange(firstObjective, lastObjective, O.Status));
  card.healthLights(columnRange(HEALTH_CELL.row, HEALTH_CELL.row, HEALTH_CELL.column));
  card.spec.validations.push({
    range: columnRange(firstObjective, lastObjective, O.Kind),
    kind: "list",
    values: [...OKR_KINDS],
    message: "Kind is aspirational or committed",
  });
  card.freezeThrough(headerRow);
  card.widthsByHeader(
    SCORECARD_KEY_RESULT_COLUMNS,
    {
      ID: 14,
      Objective: 30,
      "Key Result": 48,
      Type: 15,
      Owner: 18,
      Unit: 12,
      Baseline: 11,
      Target: 11,
      Current: 11,
      Progress: 10,
      Score: 9,
      Status: 10,
      Weight: 8,
      Confidence: 11,
      "Last Check-in": 13,
      Notes: 30,
      "Objective ID": 12,
      "Scored Weight": 12,
      "Weighted Score": 12,
      "Plan Current": 12,
      "Plan Score": 12,
      "Plan Scored Weight": 12,
      "Plan Weighted Score": 12,
    },
    [...KEY_RESULT_HELPER_HEADERS]
  );
  return card.spec;
}
