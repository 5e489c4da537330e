import { evaluateWorkbook, loadWorkbook } from "../src/hosts/memory";
import type { CellSpec, ChartSpec, WorkbookSpec } from "../src/sheets/spec";
import { cellRange, columnOf, sheetSpec } from "./support/handSpecs";

/** Cells from rows of text, numbers and formulas ("=…"), the first at A1. */
function cells(rows: (string | number)[][]): CellSpec[] {
  return rows.flatMap((line, row) =>
    line.map((value, column) => ({
      row,
      column,
      content:
        typeof value === "number"
          ? ({ kind: "number", value } as const)
          : value.startsWith("=")
            ? ({ kind: "formula", formula: value } as const)
            : ({ kind: "text", text: value } as const),
    }))
  );
}

/** The score trend: weeks in A2:A4 of "Score Trend", the plan's score computed beside them. */
const trendRows = [
  ["Week", "Plan", "Ideal pace"],
  ["Week 1", "=0.1*2", 0.08],
  ["Week 2", "=B2+0.1", 0.15],
  ["Week 3", "=B3+0.15", 0.23],
];

const scoreTrend: ChartSpec = {
  name: "OkrScoreTrend",
  kind: "line",
  title: "Plan score over the quarter",
  description: "The plan's score week by week, beside the ideal pace.",
  categories: columnOf("Score Trend", 0, 1, 3),
  series: [
    { name: "Plan", values: columnOf("Score Trend", 1, 1, 3) },
    { name: "Ideal pace", values: columnOf("Score Trend", 2, 1, 3), dashed: true },
  ],
  axes: { category: "Week", value: "Score", min: 0, max: 1, numberFormat: "0%" },
  dataLabels: false,
  anchor: cellRange(0, 4, 15, 11),
};

function workbook(chart: ChartSpec): WorkbookSpec {
  return {
    style: "portable",
    sheets: [
      sheetSpec("Dashboard", { cells: cells([["Dashboard"]]), charts: [chart] }),
      sheetSpec("Score Trend", { cells: cells(trendRows) }),
    ],
    names: [],
    styles: {},
  };
}

describe("charts in the memory host", () => {
  it("records each chart with the values it shows, computed from its ranges", () => {
    const book = loadWorkbook(workbook(scoreTrend));
    try {
      expect(book.charts()).toEqual([
        {
          sheet: "Dashboard",
          spec: scoreTrend,
          categories: ["Week 1", "Week 2", "Week 3"],
          series: [
            { name: "Plan", values: [0.2, 0.3, 0.45] },
            { name: "Ideal pace", values: [0.08, 0.15, 0.23] },
          ],
        },
      ]);
    } finally {
      book.dispose();
    }
  });

  it("takes a chart over one row as well as over one column", () => {
    const across: ChartSpec = {
      ...scoreTrend,
      categories: { sheet: "Score Trend", range: cellRange(0, 1, 0, 2) },
      series: [{ name: "Week 1", values: { sheet: "Score Trend", range: cellRange(1, 1, 1, 2) } }],
    };
    const book = loadWorkbook(workbook(across));
    try {
      expect(book.charts()[0].categories).toEqual(["Plan", "Ideal pace"]);
      expect(book.charts()[0].series[0].values).toEqual([0.2, 0.08]);
    } finally {
      book.dispose();
    }
  });

  it.each([
    [
      "a series on a sheet the workbook does not have",
      {
        ...scoreTrend,
        series: [{ name: "Plan", values: columnOf("Trend", 1, 1, 3) }],
      },
      'Chart "OkrScoreTrend" on Dashboard: Trend!B2:B4 (series "Plan") is on no sheet of the workbook.',
    ],
    [
      "categories on a sheet the workbook does not have",
      { ...scoreTrend, categories: columnOf("Weeks", 0, 1, 3) },
      'Chart "OkrScoreTrend" on Dashboard: Weeks!A2:A4 (the categories) is on no sheet of the workbook.',
    ],
    [
      "a series of two columns",
      {
        ...scoreTrend,
        series: [{ name: "Plan", values: { sheet: "Score Trend", range: cellRange(1, 1, 3, 2) } }],
      },
      `Chart "OkrScoreTrend" on Dashboard: 'Score Trend'!B2:C4 (series "Plan") is not one row or one column.`,
    ],
    [
      "a series longer than its categories",
      {
        ...scoreTrend,
        series: [{ name: "Plan", values: columnOf("Score Trend", 1, 1, 4) }],
      },
      'Chart "OkrScoreTrend" on Dashboard: series "Plan" has 4 values for 3 categories.',
    ],
    [
      "a series shorter than its categories",
      {
        ...scoreTrend,
        series: [{ name: "Plan", values: columnOf("Score Trend", 1, 1, 2) }],
      },
      'Chart "OkrScoreTrend" on Dashboard: series "Plan" has 2 values for 3 categories.',
    ],
    [
      "a range that runs backwards",
      {
        ...scoreTrend,
        series: [{ name: "Plan", values: columnOf("Score Trend", 1, 3, 1) }],
      },
      `Chart "OkrScoreTrend" on Dashboard: 'Score Trend'!B4:B2 (series "Plan") runs backwards or past the sheet's last row or column.`,
    ],
    [
      "no series",
      { ...scoreTrend, series: [] },
      'Chart "OkrScoreTrend" on Dashboard has no series.',
    ],
  ])("refuses a chart with %s, naming the chart and the range", (_, chart, message) => {
    expect(() => loadWorkbook(workbook(chart))).toThrow(message);
    expect(() => evaluateWorkbook(workbook(chart))).toThrow(message);
  });

  it("refuses two charts of one name", () => {
    const spec = workbook(scoreTrend);
    spec.sheets[1].charts = [scoreTrend];
    expect(() => loadWorkbook(spec)).toThrow(
      'Chart "OkrScoreTrend" on Score Trend: another chart of that name is on Dashboard.'
    );
  });
});
