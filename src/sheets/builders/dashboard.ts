import type { Plan } from "../../okr/model";
import type { PeriodDates } from "../../okr/period";
import { DASHBOARD_COLUMNS, SHEETS, TABLES, columnsByHeader } from "../layout";
import type { SheetSpec } from "../spec";
import { numberFormat, stored } from "./keyResultNumbers";
import {
  KEY_RESULT_COLUMN as K,
  OBJECTIVE_COLUMN as O,
  type ScorecardLayout,
  type ScorecardTable,
  scorecardAt,
  scorecardPosition,
} from "./scorecard";
import { SheetBuilder, type WorkbookStyles, at, columnRange, formula, number, text } from "./sheet";

const D = columnsByHeader(DASHBOARD_COLUMNS);
const QUARTER_TARGETS = ["Q1 Target", "Q2 Target", "Q3 Target", "Q4 Target"] as const;

/**
 * Sheet "Dashboard": the framework's dashboard template, each objective with its key results
 * below, their quarterly targets, and the current value, score and status from the Scorecard.
 */
export function buildDashboard(
  plan: Plan,
  dates: PeriodDates | null,
  layout: ScorecardLayout,
  styles: WorkbookStyles
): SheetSpec {
  const board = new SheetBuilder(SHEETS.dashboard);
  board.set(0, 0, text(`Dashboard: ${plan.project || "Untitled project"}`), "title");
  board.set(1, 0, text(plan.period), "subtitle");
  const headerRow = 3;
  board.row(headerRow, 0, DASHBOARD_COLUMNS.map(text), "header");
  // Targets the plan does not give grow evenly over the quarters of its period (Q1–Q4 without one).
  const quarters = dates ? [dates.firstQuarter, dates.lastQuarter] : [1, 4];
  const interpolate = (from: number, to: number, quarter: number): number | null => {
    if (quarter < quarters[0] || quarter > quarters[1]) return null;
    const share = (quarter - quarters[0] + 1) / (quarters[1] - quarters[0] + 1);
    return Number((from + (to - from) * share).toPrecision(12));
  };
  /**
   * Current, Score, Status and Progress of a row, from the Scorecard's cells of its key result or
   * objective, found by id in the row's hidden Scorecard Row cell.
   */
  const scorecardColumns = (
    row: number,
    found: { table: ScorecardTable; id: string },
    columns: { current: number; score: number; status: number },
    currentStyle: string | undefined
  ) => {
    board.set(
      row,
      D["Scorecard Row"],
      formula(scorecardPosition(layout, found.table, found.id)),
      "hidden"
    );
    const position = at(D["Scorecard Row"], row);
    const cell = (column: number) =>
      formula(`=${scorecardAt(layout, found.table, column, position)}`);
    board.set(row, D.Current, cell(columns.current), currentStyle);
    board.set(row, D.Score, cell(columns.score), "score");
    board.set(row, D.Status, cell(columns.status));
    const shownScore = at(D.Score, row);
    board.set(row, D.Progress, formula(`=IF(${shownScore}="","",${shownScore})`), "score");
  };
  let row = headerRow + 1;
  plan.objectives.forEach((objective, objectiveIndex) => {
    const targets =
      objective.quarterlyTargets ?? [1, 2, 3, 4].map((quarter) => interpolate(0, 1, quarter));
    board.set(
      row,
      D["Objective / Key Result"],
      text(`Obj ${objectiveIndex + 1}: ${objective.title}`),
      "wrappedLabel"
    );
    board.set(row, D.Owner, objective.owner ? text(objective.owner) : null, "label");
    targets.forEach((target, quarter) =>
      board.set(row, D[QUARTER_TARGETS[quarter]], target === null ? null : number(target), "score")
    );
    // An objective has no current value of its own: Current repeats its score.
    scorecardColumns(
      row,
      { table: "objectives", id: objective.id },
      { current: O.Score, score: O.Score, status: O.Status },
      "score"
    );
    row += 1;
    objective.keyResults.forEach((kr, krIndex) => {
      const format = styles.numberFormat(
        kr.type === "milestone"
          ? undefined
          : numberFormat(
              kr.unit,
              [kr.baseline, kr.target].filter((value): value is number => value !== null)
            )
      );
      board.set(
        row,
        D["Objective / Key Result"],
        text(`KR ${objectiveIndex + 1}.${krIndex + 1}: ${kr.text}`),
        "wrap"
      );
      board.set(row, D.Owner, kr.owner ? text(kr.owner) : null);
      const krTargets =
        kr.quarterlyTargets ??
        [1, 2, 3, 4].map((quarter) =>
          kr.target === null || kr.type === "milestone"
            ? null
            : kr.type === "maintain-above" || kr.type === "maintain-below"
              ? interpolate(kr.target, kr.target, quarter)
              : interpolate(kr.baseline ?? 0, kr.target, quarter)
        );
      krTargets.forEach((target, quarter) =>
        board.set(
          row,
          D[QUARTER_TARGETS[quarter]],
          target === null ? null : number(stored(target, kr.unit)),
          format
        )
      );
      scorecardColumns(
        row,
        { table: "keyResults", id: kr.id },
        { current: K.Current, score: K.Score, status: K.Status },
        format
      );
      row += 1;
    });
  });
  const firstRow = headerRow + 1;
  const lastRow = Math.max(firstRow, row - 1);
  board.table(TABLES.dashboard, DASHBOARD_COLUMNS, headerRow, lastRow);
  board.lights(columnRange(firstRow, lastRow, D.Status));
  board.spec.conditionalFormats.push({
    range: columnRange(firstRow, lastRow, D.Progress),
    kind: "dataBar",
    min: 0,
    max: 1,
    color: "#5B9BD5",
  });
  board.freezeThrough(headerRow);
  board.widthsByHeader(
    DASHBOARD_COLUMNS,
    {
      "Objective / Key Result": 60,
      Owner: 18,
      "Q1 Target": 11,
      "Q2 Target": 11,
      "Q3 Target": 11,
      "Q4 Target": 11,
      Current: 11,
      Score: 9,
      Status: 10,
      Progress: 16,
      "Scorecard Row": 12,
    },
    ["Scorecard Row"]
  );
  return board.spec;
}
