import type { Plan } from "../../okr/model";
import type { PeriodDates } from "../../okr/period";
import { STATUS } from "../../okr/thresholds";
import { DASHBOARD_COLUMNS, NAMES, SHEETS, TABLES, columnsByHeader } from "../layout";
import type { CellRange, ChartSeriesSpec, ChartSpec, SheetRange, SheetSpec } from "../spec";
import { numberFormat, stored } from "./keyResultNumbers";
import {
  KEY_RESULT_COLUMN as K,
  OBJECTIVE_COLUMN as O,
  type ScorecardLayout,
  type ScorecardTable,
  keyResultColumn,
  scorecardAt,
  scorecardPosition,
} from "./scorecard";
import { addTrend, trendBlock } from "./trend";
import {
  SheetBuilder,
  type WorkbookStyles,
  at,
  columnRange,
  formula,
  number,
  onSheet,
  text,
} from "./sheet";

const D = columnsByHeader(DASHBOARD_COLUMNS);
const QUARTER_TARGETS = ["Q1 Target", "Q2 Target", "Q3 Target", "Q4 Target"] as const;
/** The Dashboard table's header row (0-based). */
const HEADER_ROW = 3;

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
  const headerRow = HEADER_ROW;
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
  /** The Dashboard row of each objective, which the score chart reads. */
  const objectiveRows: number[] = [];
  plan.objectives.forEach((objective, objectiveIndex) => {
    objectiveRows.push(row);
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

  // The weekly trend (./trend) is a further block of chart data below the Dashboard's own, its
  // chart below theirs.
  const trend = trendBlock(plan, dates);
  const more = trend === null ? [] : [trend];
  addCharts(board, plan, layout, objectiveRows, more);
  const area = dashboardChartArea(plan, more);
  const added = addTrend(
    board,
    plan,
    dates,
    layout,
    { row: area.blockRows[area.blockRows.length - 1], column: area.dataColumn },
    area.nextChart
  );
  if (added !== null) board.spec.charts = [...(board.spec.charts ?? []), added.chart];
  return board.spec;
}

// ---------------------------------------------------------------------------------------------
// The Dashboard's charts (issue 10) and the small tables they draw.

/**
 * The chart data's first column: right of the Dashboard's table, one empty column between. Its
 * blocks (a header row, then data rows) are stacked down from `CHART_DATA_ROW`, one empty row
 * between, all from this column.
 */
export const CHART_DATA_COLUMN = DASHBOARD_COLUMNS.length + 1;
/**
 * The chart data's first row: below the table's header row, since readPlan takes a row holding
 * more headers than the table's own for another table's header, not the report's.
 */
export const CHART_DATA_ROW = HEADER_ROW + 1;
/** Each chart's size in cells (at the default column width); charts are stacked in one column. */
export const CHART_SIZE = { rows: 18, columns: 9 } as const;
/** Empty rows between stacked blocks and between stacked charts; empty columns before the charts. */
export const CHART_GAP = 1;

/** The score chart's data, one row per objective. No header is one readPlan takes for an OKR table's. */
export const OBJECTIVE_SCORE_HEADERS = [
  "Per objective",
  "Objective score",
  "Red below",
  "Green from",
] as const;
/** The status chart's data, one row per status. */
export const STATUS_COUNT_HEADERS = ["Per status", "Key results"] as const;
const SCORE_DATA = columnsByHeader(OBJECTIVE_SCORE_HEADERS);
const COUNT_DATA = columnsByHeader(STATUS_COUNT_HEADERS);
const STATUSES = [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending] as const;
/** The chart data's column widths, from CHART_DATA_COLUMN: objective labels, then numbers. */
const CHART_DATA_WIDTHS = [30, 12, 12, 12];
/** A category label the score chart and its data column have room for. */
const LABEL_LENGTH = 28;

/** A block of chart data: `columns` wide from CHART_DATA_COLUMN, a header row and `rows` below. */
export interface ChartDataBlock {
  columns: number;
  rows: number;
}

/** Where the Dashboard's chart data and charts go (0-based rows and columns). */
export interface DashboardChartArea {
  /** CHART_DATA_COLUMN: the first column of every data block. */
  dataColumn: number;
  /** The header row of each block: the Dashboard's own (see `dashboardChartBlocks`), then `more`. */
  blockRows: number[];
  /** The first row a further block could start on, below the last one and a gap. */
  nextDataRow: number;
  /** The charts' column: right of the widest data block, CHART_GAP empty columns between. */
  chartColumn: number;
  /** The cells each of the Dashboard's own charts covers, top to bottom. */
  charts: CellRange[];
  /** The cells a further chart would cover: below the last one, in the same column. */
  nextChart: CellRange;
}

/**
 * The Dashboard's own data blocks: the score per objective (when the plan has objectives), then
 * the key results per status.
 */
export function dashboardChartBlocks(plan: Plan): ChartDataBlock[] {
  return [
    ...(plan.objectives.length > 0
      ? [{ columns: OBJECTIVE_SCORE_HEADERS.length, rows: plan.objectives.length }]
      : []),
    { columns: STATUS_COUNT_HEADERS.length, rows: STATUSES.length },
  ];
}

/** The n-th chart's cells (0-based), stacked down from CHART_DATA_ROW in `chartColumn`. */
function chartAnchor(chartColumn: number, index: number): CellRange {
  const startRow = CHART_DATA_ROW + index * (CHART_SIZE.rows + CHART_GAP);
  return {
    startRow,
    startColumn: chartColumn,
    endRow: startRow + CHART_SIZE.rows - 1,
    endColumn: chartColumn + CHART_SIZE.columns - 1,
  };
}

/**
 * The Dashboard's chart area for `plan`: its own data blocks, then `more` (a further chart's data,
 * such as a weekly trend table) below them, and one chart per block, stacked in the column right
 * of the widest block, so that a wider block pushes the charts right.
 */
export function dashboardChartArea(plan: Plan, more: ChartDataBlock[] = []): DashboardChartArea {
  const own = dashboardChartBlocks(plan);
  const blocks = [...own, ...more];
  const blockRows: number[] = [];
  let row = CHART_DATA_ROW;
  for (const block of blocks) {
    blockRows.push(row);
    row += 1 + block.rows + CHART_GAP;
  }
  const widest = Math.max(...blocks.map((block) => block.columns));
  const chartColumn = CHART_DATA_COLUMN + widest + CHART_GAP;
  return {
    dataColumn: CHART_DATA_COLUMN,
    blockRows,
    nextDataRow: row,
    chartColumn,
    charts: own.map((_, index) => chartAnchor(chartColumn, index)),
    nextChart: chartAnchor(chartColumn, own.length),
  };
}

/** "Obj 1: Title", cut to what the chart and its data column have room for. */
function objectiveLabel(index: number, title: string): string {
  const label = `Obj ${index + 1}: ${title}`;
  return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : label;
}

/**
 * The Dashboard's two native charts and the data blocks they draw (see `dashboardChartArea`):
 * each objective's score as columns with the Red-below and Green-from thresholds as dashed lines
 * (read from the defined names, so editing a threshold on the cover moves the lines), and the
 * number of key results per status (counted over the Scorecard's Status column, so sorting it
 * changes nothing). Columns, not horizontal bars: Excel draws a line series over horizontal bars
 * along the categories, not across the values. Both have data labels, so no status is told by
 * colour alone, and alt text (title and description). A further chart passes its data block as
 * `more`: the area returned has its header row (the last of `blockRows`) and its anchor
 * (`nextChart`), and the two charts stand right of it when it is wider than their data.
 */
function addCharts(
  board: SheetBuilder,
  plan: Plan,
  layout: ScorecardLayout,
  objectiveRows: number[],
  more: ChartDataBlock[]
): DashboardChartArea {
  const area = dashboardChartArea(plan, more);
  const column = (offset: number) => area.dataColumn + offset;
  const values = (offset: number, first: number, last: number): SheetRange => ({
    sheet: SHEETS.dashboard,
    range: columnRange(first, last, column(offset)),
  });
  const charts: ChartSpec[] = [];
  let block = 0;
  if (plan.objectives.length > 0) {
    const header = area.blockRows[block++];
    board.row(header, column(0), OBJECTIVE_SCORE_HEADERS.map(text), "header");
    plan.objectives.forEach((objective, index) => {
      const row = header + 1 + index;
      board.set(
        row,
        column(SCORE_DATA["Per objective"]),
        text(objectiveLabel(index, objective.title))
      );
      board.set(
        row,
        column(SCORE_DATA["Objective score"]),
        formula(`=${at(D.Score, objectiveRows[index])}`),
        "score"
      );
      board.set(row, column(SCORE_DATA["Red below"]), formula(`=${NAMES.redBelow}`), "score");
      board.set(row, column(SCORE_DATA["Green from"]), formula(`=${NAMES.greenFrom}`), "score");
    });
    const [first, last] = [header + 1, header + plan.objectives.length];
    const threshold = (name: string, offset: number, color: string): ChartSeriesSpec => ({
      name,
      values: values(offset, first, last),
      kind: "line",
      color,
      dashed: true,
    });
    charts.push({
      name: "OkrObjectiveScores",
      kind: "column",
      title: "Score per objective",
      description:
        "Each objective's score from 0 to 1, labelled, with dashed lines at the Red-below and Green-from thresholds.",
      categories: values(SCORE_DATA["Per objective"], first, last),
      series: [
        {
          name: "Score",
          values: values(SCORE_DATA["Objective score"], first, last),
          color: "#5B9BD5",
        },
        threshold("Red below", SCORE_DATA["Red below"], "#C00000"),
        threshold("Green from", SCORE_DATA["Green from"], "#00B050"),
      ],
      axes: { category: "Objective", value: "Score", min: 0, max: 1, numberFormat: "0.00" },
      dataLabels: true,
      anchor: area.charts[charts.length],
    });
  }
  const header = area.blockRows[block];
  board.row(header, column(0), STATUS_COUNT_HEADERS.map(text), "header");
  const statuses = onSheet(SHEETS.scorecard, keyResultColumn(layout, K.Status));
  STATUSES.forEach((label, index) => {
    const row = header + 1 + index;
    const style = label === STATUS.pending ? undefined : label.toLowerCase();
    board.set(row, column(COUNT_DATA["Per status"]), text(label), style);
    board.set(
      row,
      column(COUNT_DATA["Key results"]),
      formula(`=COUNTIF(${statuses},"${label}")`),
      "integer"
    );
  });
  const [first, last] = [header + 1, header + STATUSES.length];
  charts.push({
    name: "OkrStatusCounts",
    kind: "column",
    title: "Key results per status",
    description: "How many key results are Red, Yellow, Green and Pending, each count labelled.",
    categories: values(COUNT_DATA["Per status"], first, last),
    series: [
      {
        name: "Key results",
        values: values(COUNT_DATA["Key results"], first, last),
        color: "#5B9BD5",
      },
    ],
    axes: { category: "Status", value: "Key results", min: 0, numberFormat: "0" },
    dataLabels: true,
    anchor: area.charts[charts.length],
  });
  board.spec.charts = charts;
  CHART_DATA_WIDTHS.forEach((width, offset) =>
    board.spec.columns.push({ index: column(offset), width })
  );
  return area;
}
