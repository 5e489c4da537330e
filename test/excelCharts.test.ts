import { insertWorkbook, REQUIREMENTS, WRITE_BUDGET_BYTES } from "../src/hosts/excel";
import type {
  CellContent,
  CellSpec,
  ChartSeriesSpec,
  ChartSpec,
  WorkbookSpec,
} from "../src/sheets/spec";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import { rangeAddress, sheetReference } from "../src/sheets/spec";
import {
  CHART_API_SETS,
  chartAxisModel,
  chartSeriesModel,
  FakeExcel,
  FakeOfficeError,
  planWithKeyResults,
  type ChartModel,
} from "./support/fakeExcel";
import { cellRange, columnOf, excelUpTo, sheetSpec } from "./support/handSpecs";

const modernExcel = excelUpTo("1.20");

const versionNumber = (version: string) => Number(version.split(".")[1]);

/** Cells from rows of values (text or numbers), the first at (row, 0). */
function rows(values: (string | number)[][], row = 0): CellSpec[] {
  return values.flatMap((line, r) =>
    line.map((value, column) => ({
      row: row + r,
      column,
      content: (typeof value === "string"
        ? { kind: "text", text: value }
        : { kind: "number", value }) as CellContent,
    }))
  );
}

const DASHBOARD = "Dashboard";
const TREND = "Score Trend";

/** A threshold of column `column` of the objectives' rows, drawn as a dashed line over the bars. */
const threshold = (name: string, column: number, color: string): ChartSeriesSpec => ({
  name,
  values: columnOf(DASHBOARD, column, 1, 3),
  kind: "line",
  color,
  dashed: true,
});

const objectiveScores: ChartSpec = {
  name: "OkrObjectiveScores",
  kind: "bar",
  title: "Score by objective",
  description: "Each objective's score, with the Red and Green thresholds as dashed lines.",
  categories: columnOf(DASHBOARD, 0, 1, 3),
  series: [
    { name: "Score", values: columnOf(DASHBOARD, 1, 1, 3), color: "#2F5597" },
    threshold("Red below", 2, "#C00000"),
    threshold("Green from", 3, "#00B050"),
  ],
  axes: { category: "Objective", value: "Score", min: 0, max: 1, numberFormat: "0%" },
  dataLabels: true,
  anchor: cellRange(0, 5, 14, 12),
};

const statusCounts: ChartSpec = {
  name: "OkrStatusCounts",
  kind: "column",
  title: "Key results by status",
  description: "How many key results are Red, Yellow, Green and Pending.",
  categories: columnOf(DASHBOARD, 0, 6, 9),
  series: [{ name: "Key results", values: columnOf(DASHBOARD, 1, 6, 9) }],
  axes: { category: "Status", value: "Key results", min: 0 },
  dataLabels: true,
  anchor: cellRange(16, 5, 29, 12),
};

const scoreTrend: ChartSpec = {
  name: "OkrScoreTrend",
  kind: "line",
  title: "Plan score over the quarter",
  description: "The plan's score week by week, beside the ideal pace.",
  categories: columnOf(TREND, 0, 1, 5),
  series: [
    { name: "Plan", values: columnOf(TREND, 1, 1, 5), color: "#2F5597" },
    {
      name: "Ideal pace",
      values: columnOf(TREND, 2, 1, 5),
      color: "#7F7F7F",
      dashed: true,
    },
  ],
  axes: { category: "Week", value: "Score", min: 0, max: 1, numberFormat: "0%" },
  dataLabels: false,
  anchor: cellRange(31, 5, 46, 12),
};

/** A dashboard of labels and numbers, and a trend table on a sheet of its own (a quoted name). */
function dashboardSpec(withCharts: boolean): WorkbookSpec {
  const dashboardCells = [
    ...rows([
      ["Objective", "Score", "Red below", "Green from"],
      ["O1 Ship the model", 0.82, 0.4, 0.7],
      ["O2 Cut latency", 0.35, 0.4, 0.7],
      ["O3 Grow usage", 0.55, 0.4, 0.7],
    ]),
    ...rows(
      [
        ["Status", "Key results"],
        ["Red", 2],
        ["Yellow", 3],
        ["Green", 5],
        ["Pending", 1],
      ],
      5
    ),
  ];
  const trendCells = rows([
    ["Week", "Plan", "Ideal pace"],
    ["Week 1", 0.05, 0.08],
    ["Week 2", 0.12, 0.15],
    ["Week 3", 0.2, 0.23],
    ["Week 4", 0.31, 0.31],
    ["Week 5", 0.36, 0.38],
  ]);
  return {
    style: "portable",
    sheets: [
      sheetSpec(DASHBOARD, {
        cells: dashboardCells,
        ...(withCharts ? { charts: [objectiveScores, statusCounts, scoreTrend] } : {}),
      }),
      sheetSpec(TREND, { cells: trendCells }),
    ],
    names: [],
    styles: {},
  };
}

/** The charts the spec's Dashboard should hold, with its two sheets named as given. */
function expectedCharts(dashboard: string, trend: string): ChartModel[] {
  const on = (sheetName: string, address: string) => `${sheetReference(sheetName)}!${address}`;
  return [
    {
      name: "OkrObjectiveScores",
      type: "BarClustered",
      title: "Score by objective",
      position: "F1:M15",
      categoryAxis: chartAxisModel({
        title: "Objective",
        reversePlotOrder: true,
        position: "Maximum",
      }),
      valueAxis: chartAxisModel({ title: "Score", minimum: 0, maximum: 1, numberFormat: "0%" }),
      series: [
        chartSeriesModel({
          name: "Score",
          values: on(dashboard, "B2:B4"),
          xAxisValues: on(dashboard, "A2:A4"),
          fillColor: "#2F5597",
          hasDataLabels: true,
        }),
        chartSeriesModel({
          name: "Red below",
          values: on(dashboard, "C2:C4"),
          xAxisValues: on(dashboard, "A2:A4"),
          chartType: "Line",
          lineColor: "#C00000",
          lineStyle: "Dash",
          markerStyle: "Dash",
          markerSize: 20,
          markerColor: "#C00000",
        }),
        chartSeriesModel({
          name: "Green from",
          values: on(dashboard, "D2:D4"),
          xAxisValues: on(dashboard, "A2:A4"),
          chartType: "Line",
          lineColor: "#00B050",
          lineStyle: "Dash",
          markerStyle: "Dash",
          markerSize: 20,
          markerColor: "#00B050",
        }),
      ],
    },
    {
      name: "OkrStatusCounts",
      type: "ColumnClustered",
      title: "Key results by status",
      position: "F17:M30",
      categoryAxis: chartAxisModel({ title: "Status" }),
      valueAxis: chartAxisModel({ title: "Key results", minimum: 0 }),
      series: [
        chartSeriesModel({
          name: "Key results",
          values: on(dashboard, "B7:B10"),
          xAxisValues: on(dashboard, "A7:A10"),
          hasDataLabels: true,
        }),
      ],
    },
    {
      name: "OkrScoreTrend",
      type: "Line",
      title: "Plan score over the quarter",
      position: "F32:M47",
      categoryAxis: chartAxisModel({ title: "Week" }),
      valueAxis: chartAxisModel({ title: "Score", minimum: 0, maximum: 1, numberFormat: "0%" }),
      series: [
        chartSeriesModel({
          name: "Plan",
          values: on(trend, "B2:B6"),
          xAxisValues: on(trend, "A2:A6"),
          lineColor: "#2F5597",
        }),
        chartSeriesModel({
          name: "Ideal pace",
          values: on(trend, "C2:C6"),
          xAxisValues: on(trend, "A2:A6"),
          lineColor: "#7F7F7F",
          lineStyle: "Dash",
        }),
      ],
    },
  ];
}

async function insert(
  spec: WorkbookSpec,
  fake = new FakeExcel(),
  options: Parameters<typeof insertWorkbook>[2] = { isSetSupported: modernExcel }
) {
  const result = await insertWorkbook(fake.context, spec, options);
  return { fake, result };
}

describe("charts in Excel", () => {
  it("adds each chart with its type, title, axes, series ranges, colours, dashes, labels and position", async () => {
    const { fake } = await insert(dashboardSpec(true));
    expect(fake.sheet(DASHBOARD).charts).toEqual(expectedCharts(DASHBOARD, TREND));
    expect(fake.sheet(TREND).charts).toEqual([]);
    // Built, never copied: Excel on the web refuses insertWorksheetsFromBase64 for such sheets.
    expect(fake.calls.filter((call) => call.method === "ChartCollection.add")).toHaveLength(3);
    expect(fake.calls.some((call) => /FromBase64/.test(call.method))).toBe(false);
  });

  it("adds the charts in the same requests as the cells: no sync of their own", async () => {
    const plain = await insert(dashboardSpec(false));
    const charted = await insert(dashboardSpec(true));
    expect(plain.fake.syncs).toBe(2);
    expect(charted.fake.syncs).toBe(plain.fake.syncs);
    expect(charted.result.syncs).toBe(plain.result.syncs);
    expect(charted.result.writeRequests).toBe(1);
    const write = charted.fake.callsOf(1).map((call) => call.method);
    // After the cells they plot, before the Scorecard (here the first sheet) is activated.
    expect(write.indexOf("ChartCollection.add")).toBeGreaterThan(write.lastIndexOf("Range.values"));
    expect(write.lastIndexOf("ChartSeries.setXAxisValues")).toBeLessThan(
      write.indexOf("Worksheet.activate")
    );
  });

  it("counts the chart commands in the request-size estimate, within the budget", async () => {
    const plain = await insert(dashboardSpec(false));
    const charted = await insert(dashboardSpec(true));
    expect(charted.result.largestPayloadBytes).toBeLessThanOrEqual(WRITE_BUDGET_BYTES);
    const estimated = charted.result.largestPayloadBytes - plain.result.largestPayloadBytes;
    const measured = charted.fake.requests[1].bytes - plain.fake.requests[1].bytes;
    // The host's estimate of the charts tracks what the fake measures, or the budget means nothing.
    expect(estimated / measured).toBeGreaterThan(0.8);
    expect(estimated / measured).toBeLessThan(1.5);
  });

  it("splits a write over a small budget between charts, and every chart still comes out whole", async () => {
    const { fake, result } = await insert(dashboardSpec(true), new FakeExcel(), {
      isSetSupported: modernExcel,
      budgetBytes: 6_000,
    });
    expect(result.writeRequests).toBeGreaterThan(1);
    expect(fake.syncs).toBe(1 + result.writeRequests);
    expect(fake.sheet(DASHBOARD).charts).toEqual(expectedCharts(DASHBOARD, TREND));
  });

  it("draws on the new sheets and plots their cells when the workbook already has sheets of those names", async () => {
    const fake = new FakeExcel();
    fake.seedSheet(DASHBOARD, [["someone's own dashboard"]]);
    fake.seedSheet(TREND, [["someone's own trend"]]);
    const { result } = await insert(dashboardSpec(true), fake);
    const dashboard = result.sheets[DASHBOARD];
    const trend = result.sheets[TREND];
    expect([dashboard, trend]).toEqual([`${DASHBOARD} (2)`, `${TREND} (2)`]);
    expect(fake.sheet(DASHBOARD).charts).toEqual([]);
    expect(fake.sheet(dashboard).charts).toEqual(expectedCharts(dashboard, trend));
  });

  it("uses no chart member newer than the ExcelApi set it checks for (each member's documented set)", async () => {
    const { fake } = await insert(dashboardSpec(true));
    const sets = [...fake.chartMembers].map((member) => CHART_API_SETS[member]);
    const newest = sets.reduce((a, b) => (versionNumber(b) > versionNumber(a) ? b : a));
    expect(newest).toBe(REQUIREMENTS.charts.version);
  });

  it("on an Excel without ExcelApi 1.8, refuses with the set's name before any call", async () => {
    const fake = new FakeExcel();
    await expect(
      insertWorkbook(fake.context, dashboardSpec(true), { isSetSupported: excelUpTo("1.7") })
    ).rejects.toThrow(
      /^This needs ExcelApi 1\.8 \(Excel 2019 or later, or Excel on the web\) for charts; this Excel has ExcelApi 1\.7\.$/
    );
    expect(fake.calls).toEqual([]);
    expect(fake.syncs).toBe(0);
    // The charts are the only reason: the same cells alone go in on that Excel.
    await insert(dashboardSpec(false), new FakeExcel(), { isSetSupported: excelUpTo("1.7") });
  });

  it.each([
    [
      "a series on a sheet the spec does not have",
      {
        ...statusCounts,
        series: [{ ...statusCounts.series[0], values: columnOf("Nowhere", 1, 6, 9) }],
      },
      'Chart "OkrStatusCounts" on Dashboard: Nowhere!B7:B10 (series "Key results") is on no sheet of the workbook.',
    ],
    [
      "a series longer than its categories",
      {
        ...statusCounts,
        series: [{ ...statusCounts.series[0], values: columnOf(DASHBOARD, 1, 5, 9) }],
      },
      'Chart "OkrStatusCounts" on Dashboard: series "Key results" has 5 values for 4 categories.',
    ],
  ])("refuses a chart with %s before any call", async (_, chart, message) => {
    const spec = dashboardSpec(false);
    spec.sheets[0].charts = [chart];
    const fake = new FakeExcel();
    await expect(
      insertWorkbook(fake.context, spec, { isSetSupported: modernExcel })
    ).rejects.toThrow(message);
    expect(fake.calls).toEqual([]);
  });
});

/** Excel on the web's limit on one request, which the host's budget keeps under. */
const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

/** The same workbook with no chart on any sheet: the insert as it was before the charts. */
function withoutCharts(spec: WorkbookSpec): WorkbookSpec {
  return {
    ...spec,
    sheets: spec.sheets.map(({ charts, ...sheet }) => {
      void charts;
      return sheet;
    }),
  };
}

describe("a built workbook's Dashboard charts in Excel", () => {
  const built = [
    ["the computer-vision template", "portable", instantiate(templateById("computer-vision")!)],
    ["the computer-vision template", "functions", instantiate(templateById("computer-vision")!)],
    ["a 25-key-result plan", "portable", planWithKeyResults(25)],
  ] as const;

  it.each(built)(
    "%s (%s formulas): its charts (and the weekly trend's) over the Dashboard's cells, in as many syncs as without them, within the budget",
    async (_, style, plan) => {
      const spec = buildWorkbook(plan, { style });
      const charts = spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!.charts!;
      const plain = await insert(withoutCharts(spec));
      const { fake, result } = await insert(spec);
      const drawn = fake.sheet(result.sheets[SHEETS.dashboard]).charts;
      const on = (range: { sheet: string; range: Parameters<typeof rangeAddress>[0] }) =>
        `${sheetReference(result.sheets[range.sheet])}!${rangeAddress(range.range)}`;
      expect(drawn.map((chart) => [chart.name, chart.type, chart.title, chart.position])).toEqual(
        charts.map((chart) => [
          chart.name,
          chart.kind === "line" ? "Line" : "ColumnClustered",
          chart.title,
          rangeAddress(chart.anchor),
        ])
      );
      expect(drawn.map((chart) => chart.series.map((series) => series.values))).toEqual(
        charts.map((chart) => chart.series.map((series) => on(series.values)))
      );
      expect(drawn.map((chart) => chart.series.map((series) => series.xAxisValues))).toEqual(
        charts.map((chart) => chart.series.map(() => on(chart.categories)))
      );
      // No sync of their own, and one write request still.
      expect(plain.fake.syncs).toBe(2);
      expect(fake.syncs).toBe(plain.fake.syncs);
      expect(result.syncs).toBe(plain.result.syncs);
      expect(result.writeRequests).toBe(1);
      expect(result.largestPayloadBytes).toBeGreaterThan(plain.result.largestPayloadBytes);
      expect(result.largestPayloadBytes).toBeLessThanOrEqual(WRITE_BUDGET_BYTES);
      for (const request of fake.requests)
        expect(request.bytes).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
    }
  );
});

describe("the fake's charts", () => {
  /** A fake with one sheet of numbers, and its worksheet proxy. */
  function seeded() {
    const fake = new FakeExcel();
    fake.seedSheet("Data", [
      ["a", 1],
      ["b", 2],
    ]);
    return { fake, data: fake.context.workbook.worksheets.getItem("Data") };
  }

  it("makes one series per column, or per row, of the source range", async () => {
    const { fake, data } = seeded();
    data.charts.add("ColumnClustered", data.getRange("A1:B2"), "Columns");
    data.charts.add("Line", data.getRange("A1:B2"), "Rows");
    await fake.context.sync();
    const [byColumns, byRows] = fake.sheet("Data").charts;
    expect(byColumns.series.map((each) => each.values)).toEqual(["Data!A1:A2", "Data!B1:B2"]);
    expect(byRows.series.map((each) => each.values)).toEqual(["Data!A1:B1", "Data!A2:B2"]);
    expect(fake.sheet("Data").charts.map((chart) => chart.name)).toEqual(["Chart 1", "Chart 2"]);
  });

  it.each([
    [
      "a chart type it does not know",
      (data: Excel.Worksheet) => data.charts.add("Bars" as Excel.ChartType, data.getRange("B1:B2")),
    ],
    [
      "a line style Excel does not have",
      (data: Excel.Worksheet) => {
        const chart = data.charts.add("Line", data.getRange("B1:B2"));
        chart.series.getItemAt(0).format.line.lineStyle = "Dashed" as Excel.ChartLineStyle;
      },
    ],
    [
      "a series that is not there",
      (data: Excel.Worksheet) => {
        data.charts.add("Line", data.getRange("B1:B2")).series.getItemAt(1).name = "Second";
      },
    ],
  ])("refuses %s at sync, as Excel does", async (_, queue) => {
    const { fake, data } = seeded();
    queue(data);
    await expect(fake.context.sync()).rejects.toThrow(FakeOfficeError);
  });

  it("refuses an address where a Range object is wanted, at once", () => {
    const { data } = seeded();
    expect(() => data.charts.add("Line", "B1:B2" as unknown as Excel.Range)).toThrow(
      "ChartCollection.add takes a Range object."
    );
  });

  it("keeps chart properties write-only: the host never reads them back", () => {
    const { data } = seeded();
    const chart = data.charts.add("Line", data.getRange("B1:B2"));
    expect(() => (chart.title as unknown as { text: string }).text).toThrow("write-only");
  });
});
