import { evaluateWorkbook } from "../src/hosts/memory";
import type { Plan } from "../src/okr/model";
import { periodDates } from "../src/okr/period";
import { grade, score, status } from "../src/okr/scoring";
import { GREEN_FROM, RED_BELOW, STATUS } from "../src/okr/thresholds";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import {
  CHART_DATA_COLUMN,
  CHART_GAP,
  CHART_SIZE,
  OBJECTIVE_SCORE_HEADERS,
  STATUS_COUNT_HEADERS,
  dashboardChartArea,
} from "../src/sheets/builders/dashboard";
import { TREND_CHART, trendBlock } from "../src/sheets/builders/trend";
import { DASHBOARD_COLUMNS, MARK_NAMES, NAMES, SHEETS } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import type {
  CellRange,
  ChartSpec,
  FormulaStyle,
  SheetRange,
  WorkbookSnapshot,
  WorkbookSpec,
} from "../src/sheets/spec";
import { cellAddress } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { valueAt } from "../src/sheets/snapshot";

/**
 * The Dashboard's charts (issue 10): each objective's score with the Red and Green thresholds as
 * dashed lines, and the key results per status. Their ranges are on the workbook's sheets, one
 * column each and as long as their categories; they cover no cell that holds something; and in
 * HyperFormula their series show the engine's numbers. Their data sits right of the Dashboard's
 * table and the charts right of their data, where `dashboardChartArea` says, leaving room for a
 * further block and chart below; readPlan reads none of it as an OKR table.
 */

const cells = (range: CellRange) =>
  (range.endRow - range.startRow + 1) * (range.endColumn - range.startColumn + 1);

/** The Dashboard's own two charts; its weekly trend's is test/trend.test.ts's. */
function dashboardCharts(spec: WorkbookSpec): ChartSpec[] {
  return (spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)?.charts ?? []).filter(
    (chart) => chart.name !== TREND_CHART
  );
}

function shown(snapshot: WorkbookSnapshot, { sheet, range }: SheetRange): unknown[] {
  const found = snapshot.sheets.find((candidate) => candidate.name === sheet)!;
  const values: unknown[] = [];
  for (let row = range.startRow; row <= range.endRow; row++)
    for (let column = range.startColumn; column <= range.endColumn; column++)
      values.push(valueAt(found, row, column));
  return values;
}

/** What the engine says: each objective's grade and the key results per status. */
function engine(plan: Plan) {
  const scores = plan.objectives.map((objective) =>
    objective.keyResults.map((kr) => score(kr.baseline, kr.target, kr.current, kr.type))
  );
  const grades = plan.objectives.map((objective, index) =>
    grade(
      scores[index],
      objective.keyResults.map((kr) => kr.weight)
    )
  );
  const statuses = scores.flat().map((value) => status(value));
  const counts = [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].map(
    (label) => statuses.filter((found) => found === label).length
  );
  return { grades, counts };
}

const cases = templates.flatMap((template) =>
  (["portable", "functions"] as FormulaStyle[]).map(
    (style) => [template.id, style, withCurrents(instantiate(template))] as const
  )
);

describe.each(cases)("%s, %s formulas: the Dashboard's charts", (_id, style, plan) => {
  const spec = buildWorkbook(plan, { style });
  const charts = dashboardCharts(spec);
  const dashboard = spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!;

  test("two charts, each with a title, a one-line description and data labels", () => {
    expect(charts.map((chart) => [chart.name, chart.kind])).toEqual([
      ["OkrObjectiveScores", "column"],
      ["OkrStatusCounts", "column"],
    ]);
    for (const chart of charts) {
      expect(chart.title).not.toBe("");
      expect(chart.description).toMatch(/^[^\n]+\.$/);
      expect(chart.dataLabels).toBe(true);
    }
    const [scores] = charts;
    expect(scores.axes).toMatchObject({ min: 0, max: 1 });
    expect(
      scores.series.map((series) => [series.kind ?? "column", series.dashed ?? false])
    ).toEqual([
      ["column", false],
      ["line", true],
      ["line", true],
    ]);
  });

  test("every range is one column on a sheet of the workbook, each series as long as its categories", () => {
    const sheets = new Set(spec.sheets.map((sheet) => sheet.name));
    for (const chart of charts) {
      const ranges = [chart.categories, ...chart.series.map((series) => series.values)];
      for (const { sheet, range } of ranges) {
        expect(sheets.has(sheet)).toBe(true);
        expect(range.startColumn).toBe(range.endColumn);
        expect(cells(range)).toBe(cells(chart.categories.range));
      }
    }
    expect(cells(charts[0].categories.range)).toBe(plan.objectives.length);
    expect(cells(charts[1].categories.range)).toBe(4);
  });

  test("no chart covers a cell that holds something, nor another chart", () => {
    const inside = (range: CellRange, row: number, column: number) =>
      row >= range.startRow &&
      row <= range.endRow &&
      column >= range.startColumn &&
      column <= range.endColumn;
    for (const chart of charts)
      expect(dashboard.cells.filter((cell) => inside(chart.anchor, cell.row, cell.column))).toEqual(
        []
      );
    const [a, b] = charts.map((chart) => chart.anchor);
    expect(a.endRow < b.startRow || b.endRow < a.startRow || a.endColumn < b.startColumn).toBe(
      true
    );
  });

  test("in HyperFormula the series show the engine's grades, thresholds and counts", () => {
    const snapshot = evaluateWorkbook(spec);
    const { grades, counts } = engine(plan);
    const [scores, statusCounts] = charts;
    const [gradeCells, red, green] = scores.series.map((series) => shown(snapshot, series.values));
    gradeCells.forEach((value, index) => {
      const expected = grades[index];
      if (expected === null) expect(value === "" || value === null).toBe(true);
      else expect(value as number).toBeCloseTo(expected, 9);
    });
    expect(red).toEqual(plan.objectives.map(() => RED_BELOW));
    expect(green).toEqual(plan.objectives.map(() => GREEN_FROM));
    expect(shown(snapshot, statusCounts.categories)).toEqual([
      STATUS.red,
      STATUS.yellow,
      STATUS.green,
      STATUS.pending,
    ]);
    expect(shown(snapshot, statusCounts.series[0].values)).toEqual(counts);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(
      plan.objectives.reduce((sum, objective) => sum + objective.keyResults.length, 0)
    );
  });
});

test("a plan without objectives has the status chart alone", () => {
  const plan = { ...instantiate(templates[0]), objectives: [] };
  expect(dashboardCharts(buildWorkbook(plan)).map((chart) => chart.name)).toEqual([
    "OkrStatusCounts",
  ]);
});

/** Every cell a range covers, as "row,column". */
const covered = (range: CellRange) => {
  const found: string[] = [];
  for (let row = range.startRow; row <= range.endRow; row++)
    for (let column = range.startColumn; column <= range.endColumn; column++)
      found.push(`${row},${column}`);
  return found;
};

describe.each(templates.map((template) => [template.id, instantiate(template)] as const))(
  "%s: where the chart data and the charts go",
  (_id, plan) => {
    const spec = buildWorkbook(plan);
    const dashboard = spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!;
    const charts = dashboardCharts(spec);
    // The weekly trend's table is a further block below the Dashboard's own (src/sheets/builders/trend.ts).
    const trend = trendBlock(plan, periodDates(plan.period));
    const own = dashboardChartArea(plan);
    const area = dashboardChartArea(plan, trend === null ? [] : [trend]);
    const table = dashboard.tables[0].range;

    test("the data one empty column right of the table, the charts one right of the data", () => {
      expect(area.dataColumn).toBe(table.endColumn + 2);
      expect(area.dataColumn).toBe(CHART_DATA_COLUMN);
      const dataColumns = charts.flatMap((chart) =>
        [chart.categories, ...chart.series.map((series) => series.values)].map(
          ({ range }) => range.startColumn
        )
      );
      expect(Math.min(...dataColumns)).toBe(area.dataColumn);
      // The widest block is the score per objective, four columns.
      expect(Math.max(...dataColumns)).toBe(area.dataColumn + OBJECTIVE_SCORE_HEADERS.length - 1);
      expect(area.chartColumn).toBe(
        Math.max(Math.max(...dataColumns) + 1, area.dataColumn + (trend?.columns ?? 0)) + CHART_GAP
      );
    });

    test("the charts stacked in one column, each of the same size, where the area says", () => {
      expect(charts.map((chart) => chart.anchor)).toEqual(area.charts);
      for (const anchor of [...area.charts, area.nextChart]) {
        expect(anchor.startColumn).toBe(area.chartColumn);
        expect(anchor.endRow - anchor.startRow + 1).toBe(CHART_SIZE.rows);
        expect(anchor.endColumn - anchor.startColumn + 1).toBe(CHART_SIZE.columns);
      }
      const stacked = [...area.charts, area.nextChart];
      for (let index = 1; index < stacked.length; index++)
        expect(stacked[index].startRow).toBe(stacked[index - 1].endRow + 1 + CHART_GAP);
    });

    test("the data blocks' headers on the rows the area gives, below the table's header row", () => {
      const textAt = (row: number, column: number) =>
        dashboard.cells.find((cell) => cell.row === row && cell.column === column)?.content;
      const [scores, counts] = own.blockRows;
      expect(area.blockRows.slice(0, 2)).toEqual(own.blockRows);
      OBJECTIVE_SCORE_HEADERS.forEach((header, offset) =>
        expect(textAt(scores, area.dataColumn + offset)).toEqual({ kind: "text", text: header })
      );
      STATUS_COUNT_HEADERS.forEach((header, offset) =>
        expect(textAt(counts, area.dataColumn + offset)).toEqual({ kind: "text", text: header })
      );
      expect(scores).toBeGreaterThan(table.startRow);
      expect(counts).toBe(scores + 1 + plan.objectives.length + CHART_GAP);
      expect(own.nextDataRow).toBe(
        counts + 1 + ["Red", "Yellow", "Green", "Pending"].length + CHART_GAP
      );
      // Nothing of the sheet is on the next block's rows, nor under the next chart.
      const free = new Set(covered(area.nextChart));
      for (let column = area.dataColumn; column < area.chartColumn; column++)
        free.add(`${area.nextDataRow},${column}`);
      expect(dashboard.cells.filter((cell) => free.has(`${cell.row},${cell.column}`))).toEqual([]);
    });

    test("a wider block below pushes the charts right, and its chart goes below theirs", () => {
      const area = own;
      const wide = dashboardChartArea(plan, [{ columns: 12, rows: 14 }]);
      expect(wide.chartColumn).toBe(area.dataColumn + 12 + CHART_GAP);
      expect(wide.blockRows).toEqual([...area.blockRows, area.nextDataRow]);
      expect(wide.nextDataRow).toBe(area.nextDataRow + 1 + 14 + CHART_GAP);
      expect(wide.charts.map((anchor) => anchor.startRow)).toEqual(
        area.charts.map((anchor) => anchor.startRow)
      );
      expect(wide.nextChart.startRow).toBe(area.nextChart.startRow);
      // A narrower block leaves them where they were.
      expect(dashboardChartArea(plan, [{ columns: 3, rows: 14 }]).chartColumn).toBe(
        area.chartColumn
      );
    });

    test("readPlan reads the plan back and no table on the Dashboard", () => {
      const result = readPlan(evaluateWorkbook(spec));
      expect(result.problems).toEqual([]);
      expect(result.found.map((found) => found.sheet)).not.toContain(SHEETS.dashboard);
      expect(result.plan!.objectives.map((objective) => objective.id)).toEqual(
        plan.objectives.map((objective) => objective.id)
      );
    });
  }
);

// Without OKR Studio's mark every sheet is read for key results, so this control takes the mark
// away; with it, the reader never takes the Dashboard's tables for the plan's (src/sheets/read).
test("the control: chart data under OKR headers would be read as a table (without the mark)", () => {
  const spec = buildWorkbook(instantiate(templates[0]));
  const marked = { ...spec, names: [...spec.names] };
  const markNames = new Set<string>(Object.values(MARK_NAMES));
  spec.names = spec.names.filter((name) => !markNames.has(name.name));
  const dashboard = spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!;
  const renamed: Record<string, string> = {
    "Per objective": "Objective",
    "Objective score": "Score",
  };
  for (const cell of dashboard.cells)
    if (cell.content.kind === "text" && cell.content.text in renamed)
      cell.content = { kind: "text", text: renamed[cell.content.text] };
  expect(readPlan(evaluateWorkbook(spec)).found.map((found) => found.sheet)).toContain(
    SHEETS.dashboard
  );
  expect(readPlan(evaluateWorkbook(marked)).found.map((found) => found.sheet)).not.toContain(
    SHEETS.dashboard
  );
});

test("editing a threshold on the cover moves the score chart's dashed lines", () => {
  const spec = buildWorkbook(withCurrents(instantiate(templates[0])));
  const [scores] = dashboardCharts(spec);
  const cover = spec.sheets.find((sheet) => sheet.name === SHEETS.plan)!;
  const moved = { [NAMES.redBelow]: 0.3, [NAMES.greenFrom]: 0.8 };
  for (const [name, value] of Object.entries(moved)) {
    const address = /!\$?([A-Z]+)\$?(\d+)$/.exec(
      spec.names.find((entry) => entry.name === name)!.formula
    )!;
    const cell = cover.cells.find(
      (candidate) => cellAddress(candidate.row, candidate.column) === `${address[1]}${address[2]}`
    )!;
    cell.content = { kind: "number", value };
  }
  const snapshot = evaluateWorkbook(spec);
  const [, red, green] = scores.series.map((series) => shown(snapshot, series.values));
  const objectives = red.length;
  expect(objectives).toBeGreaterThan(0);
  expect([red, green]).toEqual([Array(objectives).fill(0.3), Array(objectives).fill(0.8)]);
});

test("the header rows of the Dashboard's table stay the report's own", () => {
  const spec = buildWorkbook(instantiate(templates[0]));
  const dashboard = spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!;
  const headerRow = dashboard.tables[0].range.startRow;
  expect(
    dashboard.cells.filter((cell) => cell.row === headerRow).map((cell) => cell.content)
  ).toEqual(DASHBOARD_COLUMNS.map((header) => ({ kind: "text", text: header })));
});
