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
 * A key result's or objective's id as a MATCH criterion: quoted, with the wildcards MATCH reads in
 * Excel, LibreOffice and HyperFormula (* ? ~) escaped, so an id matches itself alone.
 */
export function idCriterion(id: string): string {
  return `"${id.replace(/[~*?]/g, "~$&").replace(/"/g, '""')}"`;
}

/** The Scorecard's two tables, which other sheets find their key results and objectives in. */
export type ScorecardTable = "keyResults" | "objectives";

/** All rows of one column of a Scorecard table, as another sheet refers to it. */
function tableColumn(layout: ScorecardLayout, table: ScorecardTable, column: number): string {
  return onSheet(
    SHEETS.scorecard,
    table === "keyResults"
      ? keyResultColumn(layout, column)
      : columnCells(column, layout.firstObjective, layout.lastObjective)
  );
}

/**
 * Where the key result or objective `id` is in its Scorecard table, found by its ID with one
 * MATCH: =MATCH("O1.KR1",Scorecard!$A$6:$A$30,0). A report row keeps it in a hidden helper cell
 * (REPORT_HELPER_HEADERS) that its other cells read through `scorecardAt`, so sorting the
 * Scorecard changes no row's meaning (issue 10) and each row matches once, not once per cell.
 */
export function scorecardPosition(
  layout: ScorecardLayout,
  table: ScorecardTable,
  id: string
): string {
  return `=${positionOf(layout, table, id)}`;
}

/** The MATCH of `scorecardPosition`, to sit inside another formula. */
function positionOf(layout: ScorecardLayout, table: ScorecardTable, id: string): string {
  const ids = tableColumn(layout, table, table === "keyResults" ? K.ID : O.ID);
  return `MATCH(${idCriterion(id)},${ids},0)`;
}

/**
 * The cell of a Scorecard table's `column` at the position `positionCell` holds (see
 * scorecardPosition): INDEX(Scorecard!$K$6:$K$30,$K8).
 */
export function scorecardAt(
  layout: ScorecardLayout,
  table: ScorecardTable,
  column: number,
  positionCell: string
): string {
  return `INDEX(${tableColumn(layout, table, column)},${positionCell})`;
}

/**
 * A cell of the objective `id` in the Scorecard's objective table, found by its ID within the
 * formula, for the few rows (one per objective) that have no helper cell to keep the position in.
 */
export function objectiveLookup(layout: ScorecardLayout, column: number, id: string): string {
  return scorecardAt(layout, "objectives", column, positionOf(layout, "objectives", id));
}

/** The cells of the key result on `row` that its progress, score and pace read. */
export function keyResultCells(row: number): formulas.KeyResultCells {
  return {
    type: at(K.Type, row),
    baseline: at(K.Baseline, row),
    target: at(K.Target, row),
    current: at(K.Current, row),
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
    card.set(row, O.ID, text(objective.id));
    card.set(row, O.Objective, text(objective.title), "wrap");
    card.set(row, O.Owner, objective.owner ? text(objective.owner) : null);
    card.set(row, O.Timeline, objective.timeline ? text(objective.timeline) : null);
    card.set(row, O.Kind, text(objective.kind));
    card.set(row, O.Score, formula(formulas.objectiveGrade(at(O.ID, row), gradeColumns)), "score");
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
