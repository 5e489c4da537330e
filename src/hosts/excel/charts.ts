import {
  cellAddress,
  isReferenceSeries,
  rangeAddress,
  type ChartSeriesSpec,
  type ChartSpec,
  type SheetRange,
} from "../../sheets/spec";

/**
 * Native charts in the open workbook (issue 10), queued into the insert's own requests: no sync
 * of their own. They are built with `worksheet.charts.add`, never copied from a package: Excel on
 * the web refuses insertWorksheetsFromBase64 for a sheet with charts. Office.js has no alt text for
 * a chart (only Shape and PivotLayout have altTextTitle/altTextDescription), so the spec's
 * description is not written in Excel; the title is.
 */

/** The Excel chart type of each kind of the spec. */
export const CHART_TYPES = {
  bar: "BarClustered",
  column: "ColumnClustered",
  line: "Line",
} as const satisfies Record<ChartSpec["kind"], `${Excel.ChartType}`>;

/** A range of the spec as a Range proxy of the sheet it names (renamed sheets included). */
export type RangeOf = (range: SheetRange) => Excel.Range;

/**
 * Actions and object paths one chart and each of its series queue at most (queueChart): the
 * chart's are the collection, add, two getRange, name, title and its text, setPosition, the axes
 * with their titles, bounds, number format and a bar chart's category order and crossing, and the
 * series collection; a series' are
 * getItemAt or add, name, getRange, setValues, setXAxisValues, chartType, format with its line or
 * fill (a dashed bar has both), line style, colour and data labels.
 */
const CHART_ACTIONS = 21;
const SERIES_ACTIONS = 13;

/** Estimated request bytes of one chart: `actionBytes` per action or path, plus its arguments. */
export function chartRequestBytes(chart: ChartSpec, actionBytes: number): number {
  const { anchor, axes } = chart;
  const argumentsSent = [
    CHART_TYPES[chart.kind],
    seriesBy(chart.series[0].values),
    chart.name,
    chart.title,
    cellAddress(anchor.startRow, anchor.startColumn),
    cellAddress(anchor.endRow, anchor.endColumn),
    rangeAddress(chart.categories.range),
    axes.category,
    axes.value,
    axes.min,
    axes.max,
    axes.numberFormat,
    ...chart.series.flatMap((series) => [
      series.name,
      rangeAddress(series.values.range),
      CHART_TYPES.line,
      series.color,
      "Dash",
    ]),
  ];
  return (
    actionBytes * (CHART_ACTIONS + SERIES_ACTIONS * chart.series.length) +
    JSON.stringify(argumentsSent).length
  );
}

/** Rows or columns: a one-column range is one series by columns, a one-row range by rows. */
function seriesBy({ range }: SheetRange): "Rows" | "Columns" {
  return range.startRow === range.endRow && range.startColumn !== range.endColumn
    ? "Rows"
    : "Columns";
}

/**
 * Queues one chart on `worksheet`: added over its first series' values, then every series given
 * its name, values and categories from the spec's ranges. The first series' values are set again
 * although the chart was made from them: from a range alone Excel guesses, as its chart wizard
 * does, whether a first cell holding text is the series' name, and a week whose score is still
 * blank ("") could become one.
 */
export function queueChart(worksheet: Excel.Worksheet, chart: ChartSpec, rangeOf: RangeOf): void {
  const first = chart.series[0];
  const firstValues = rangeOf(first.values);
  const categories = rangeOf(chart.categories);
  const added = worksheet.charts.add(CHART_TYPES[chart.kind], firstValues, seriesBy(first.values));
  added.name = chart.name;
  added.title.text = chart.title;
  const { anchor } = chart;
  added.setPosition(
    cellAddress(anchor.startRow, anchor.startColumn),
    cellAddress(anchor.endRow, anchor.endColumn)
  );
  const { categoryAxis, valueAxis } = added.axes;
  if (chart.axes.category !== "") categoryAxis.title.text = chart.axes.category;
  if (chart.axes.value !== "") valueAxis.title.text = chart.axes.value;
  if (chart.axes.min !== undefined) valueAxis.minimum = chart.axes.min;
  if (chart.axes.max !== undefined) valueAxis.maximum = chart.axes.max;
  if (chart.axes.numberFormat !== undefined) valueAxis.numberFormat = chart.axes.numberFormat;
  if (chart.kind === "bar") {
    // Excel draws a bar chart's first category at the bottom. Reversed, the bars read top-down as
    // the table beside them does, and crossing at the last category keeps the values at the foot.
    categoryAxis.reversePlotOrder = true;
    categoryAxis.position = "Maximum";
  }
  chart.series.forEach((spec, index) => {
    const series = index === 0 ? added.series.getItemAt(0) : added.series.add();
    series.name = spec.name;
    series.setValues(index === 0 ? firstValues : rangeOf(spec.values));
    series.setXAxisValues(categories);
    formatSeries(series, chart, spec);
  });
}

function formatSeries(series: Excel.ChartSeries, chart: ChartSpec, spec: ChartSeriesSpec): void {
  const line = spec.kind === "line" || chart.kind === "line";
  if (spec.kind === "line" && chart.kind !== "line") series.chartType = CHART_TYPES.line;
  if (spec.color !== undefined) {
    if (line) series.format.line.color = spec.color;
    else series.format.fill.setSolidColor(spec.color);
  }
  if (spec.dashed === true) series.format.line.lineStyle = "Dash";
  if (chart.dataLabels && !isReferenceSeries(chart, spec)) series.hasDataLabels = true;
  // A line over columns or bars (a threshold) is marked by a wide dash at each category, so that
  // over a single category (a plan of one objective), where a line has no length, it still shows.
  if (spec.kind === "line" && chart.kind !== "line") {
    series.markerStyle = "Dash";
    series.markerSize = REFERENCE_MARKER_SIZE;
    if (spec.color !== undefined) {
      series.markerBackgroundColor = spec.color;
      series.markerForegroundColor = spec.color;
    }
  }
}

/** Points: a dash about as wide as a column, in both hosts (see src/hosts/xlsx/charts.ts). */
export const REFERENCE_MARKER_SIZE = 20;
