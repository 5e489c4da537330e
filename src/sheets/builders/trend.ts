import type { Plan } from "../../okr/model";
import type { PeriodDates } from "../../okr/period";
import { SHEETS } from "../layout";
import { type CellRange, type ChartSpec, columnLetter } from "../spec";
import * as formulas from "./formulas";
import { KEY_RESULT_COLUMN as K, type ScorecardLayout, keyResultColumn } from "./scorecard";
import { type SheetBuilder, at, formula, onSheet, text } from "./sheet";

/**
 * The Dashboard's trend (issue 10): one row per week of the plan's period, one column per
 * objective, then the plan and the ideal pace; each cell the score as of the week's last day,
 * computed from the Check-ins log's trend helpers (see formulas.checkInTrendFormulas), so its size
 * is weeks × objectives whatever the number of key results. A line chart draws it.
 *
 * Weeks that have not begun show #N/A in the score columns: a line chart leaves a gap there, where
 * "" would be drawn as a score of 0. Their Ideal pace is shown, so the ideal line spans the period.
 * The formulas are native (no LET, LAMBDA, FILTER or XLOOKUP) in both formula styles, so the trend
 * is the same in Excel, LibreOffice and Google Sheets, with or without the add-in.
 */

/** The chart's name, unique in the workbook. */
export const TREND_CHART = "OkrScoreTrend";

/** The trend's column headers besides the objectives' ids. */
export const TREND_HEADERS = {
  week: "Week ending",
  plan: "Plan",
  idealPace: "Ideal pace",
} as const;

/** The chart's title. */
export const TREND_TITLE = "Score by week";

/**
 * With more objectives than this the chart draws the plan and the ideal pace alone, legibly; the
 * table keeps a column per objective.
 */
export const TREND_CHART_OBJECTIVES = 6;

/**
 * A plan with more objectives than this has no trend: a column per objective widens the
 * Dashboard's used range by that many columns down its whole table, which the Excel insert writes
 * in rectangular blocks and the pane reads back (2,000 key results in 20 objectives: 1.39 MB of
 * insert without the trend, 1.79 MB with it), and a chart of them would be unreadable. The
 * Scorecard still grades every objective.
 */
export const TREND_MAX_OBJECTIVES = 20;

/** Where the trend table is: its header row and first column (0-based) on the Dashboard. */
export interface TrendPosition {
  row: number;
  column: number;
}

export interface Trend {
  /** The header row and the weeks. */
  table: CellRange;
  /** The first and last week's rows. */
  firstWeek: number;
  lastWeek: number;
  chart: ChartSpec;
}

/**
 * The trend table's size, a block of chart data (header row, then a row per week), or null when
 * the plan has no trend: a period without dates (no weeks to count), no objective (nothing to
 * draw), or more than TREND_MAX_OBJECTIVES.
 */
export function trendBlock(
  plan: Plan,
  dates: PeriodDates | null
): { columns: number; rows: number } | null {
  const objectives = plan.objectives.length;
  if (dates === null || objectives === 0 || objectives > TREND_MAX_OBJECTIVES) return null;
  return { columns: objectives + 3, rows: weekCount(dates) };
}

/** The weeks of a period: the last one ends on the period's last day, and may be shorter. */
export function weekCount(dates: PeriodDates): number {
  return Math.ceil((dates.end - dates.start + 1) / 7);
}

/** A series name: the objective's id and its title, short enough for a legend. */
function seriesName(id: string, title: string): string {
  const name = `${id}: ${title}`;
  return name.length <= 40 ? name : `${name.slice(0, 39)}…`;
}

/**
 * Adds the trend table with its header row at `position` of the Dashboard, and returns it with its
 * chart, which covers `chartAnchor`. Null, adding nothing, when the plan has no trend (trendBlock).
 */
export function addTrend(
  board: SheetBuilder,
  plan: Plan,
  dates: PeriodDates | null,
  layout: ScorecardLayout,
  position: TrendPosition,
  chartAnchor: CellRange
): Trend | null {
  const block = trendBlock(plan, dates);
  if (dates === null || block === null) return null;
  const { row: headerRow, column: left } = position;
  const firstWeek = headerRow + 1;
  const lastWeek = firstWeek + block.rows - 1;
  const objectiveColumn = (index: number) => left + 1 + index;
  const planColumn = objectiveColumn(plan.objectives.length);
  const paceColumn = planColumn + 1;

  board.row(
    headerRow,
    left,
    [
      TREND_HEADERS.week,
      ...plan.objectives.map((objective) => objective.id),
      TREND_HEADERS.plan,
      TREND_HEADERS.idealPace,
    ].map(text),
    "header"
  );
  const scorecard = {
    objectiveIds: onSheet(SHEETS.scorecard, keyResultColumn(layout, K["Objective ID"])),
    planScoredWeights: onSheet(SHEETS.scorecard, keyResultColumn(layout, K["Plan Scored Weight"])),
    planWeightedScores: onSheet(
      SHEETS.scorecard,
      keyResultColumn(layout, K["Plan Weighted Score"])
    ),
  };
  for (let row = firstWeek; row <= lastWeek; row++) {
    const weekEnd = at(left, row);
    board.set(
      row,
      left,
      formula(
        row === firstWeek
          ? formulas.trendFirstWeekEnd()
          : formulas.trendNextWeekEnd(at(left, row - 1))
      ),
      "date"
    );
    plan.objectives.forEach((_, index) => {
      const column = objectiveColumn(index);
      const header = `${columnLetter(column)}$${headerRow + 1}`;
      board.set(
        row,
        column,
        formula(formulas.trendObjectiveScore({ ...scorecard, weekEnd, objectiveId: header })),
        "score"
      );
    });
    const objectiveScores = `${at(objectiveColumn(0), row)}:${at(planColumn - 1, row)}`;
    board.set(row, planColumn, formula(formulas.trendPlanScore(weekEnd, objectiveScores)), "score");
    board.set(row, paceColumn, formula(formulas.trendIdealPace(weekEnd)), "score");
  }
  // Widths for the columns no other block of the Dashboard has set.
  const set = new Set(board.spec.columns.map((column) => column.index));
  for (let index = left; index <= paceColumn; index++)
    if (!set.has(index)) board.spec.columns.push({ index, width: index === left ? 12 : 10 });

  const column = (index: number) => ({
    sheet: SHEETS.dashboard,
    range: { startRow: firstWeek, startColumn: index, endRow: lastWeek, endColumn: index },
  });
  const drawn = plan.objectives.length <= TREND_CHART_OBJECTIVES ? plan.objectives : [];
  return {
    table: { startRow: headerRow, startColumn: left, endRow: lastWeek, endColumn: paceColumn },
    firstWeek,
    lastWeek,
    chart: {
      name: TREND_CHART,
      kind: "line",
      title: TREND_TITLE,
      description:
        `Lines of the plan's score${drawn.length > 0 ? " and each objective's" : ""} as of each ` +
        `week of ${plan.period}, from the check-ins, beside the ideal pace (dashed) rising from 0 to 1.`,
      categories: column(left),
      series: [
        ...drawn.map((objective) => ({
          name: seriesName(objective.id, objective.title),
          values: column(objectiveColumn(plan.objectives.indexOf(objective))),
        })),
        { name: TREND_HEADERS.plan, values: column(planColumn), color: "#1F4E79" },
        {
          name: TREND_HEADERS.idealPace,
          values: column(paceColumn),
          color: "#808080",
          dashed: true,
        },
      ],
      axes: { category: TREND_HEADERS.week, value: "Score", min: 0, max: 1, numberFormat: "0.00" },
      dataLabels: false,
      anchor: chartAnchor,
    },
  };
}
