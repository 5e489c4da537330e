/**
 * The declarative workbook spec: what the sheets hold, independent of where they are written.
 * `src/sheets/build.ts` makes one from a plan; each host (Office.js, ExcelJS, HyperFormula) writes
 * it, and none of them decides anything about OKRs. Rows and columns are 0-based; ranges are
 * inclusive.
 */

export interface CellRange {
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

/**
 * What a cell holds. `text` is user or label text: a host must write it so that it can never
 * become a formula (text starting with =, +, - or @ is escaped). `formula` is en-US, starting with
 * "=", with A1 references (no structured references: HyperFormula and LibreOffice must read it).
 * `date` is an Excel serial number shown with a date format.
 */
export type CellContent =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "date"; serial: number }
  | { kind: "formula"; formula: string };

export interface CellSpec {
  row: number;
  column: number;
  content: CellContent;
  /** A key of WorkbookSpec.styles. */
  style?: string;
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** #RRGGBB */
  fontColor?: string;
  /** #RRGGBB */
  fill?: string;
  /** Excel number format code, en-US: "0.00", "0%", "$#,##0", "yyyy-mm-dd", "@". */
  numberFormat?: string;
  horizontalAlignment?: "left" | "center" | "right";
  wrap?: boolean;
  fontSize?: number;
}

export interface TableSpec {
  /** Workbook-unique, fixed: "OkrKeyResults", "OkrObjectives", "OkrCheckIns", … */
  name: string;
  /** Header row included. */
  range: CellRange;
  /** Excel built-in table style name, e.g. "TableStyleMedium2". */
  style: string;
}

export type ValidationSpec =
  | { range: CellRange; kind: "list"; values: string[]; message: string }
  | { range: CellRange; kind: "decimal"; min: number; max: number; message: string }
  | { range: CellRange; kind: "date"; message: string };

export type ConditionalFormatSpec =
  /** Cells whose text equals `text` get the colours: the traffic lights. */
  | { range: CellRange; kind: "textEquals"; text: string; fill: string; fontColor: string }
  /** An in-cell bar from `min` to `max` (the 0–1 progress bars). */
  | { range: CellRange; kind: "dataBar"; min: number; max: number; color: string };

export interface ColumnSpec {
  index: number;
  /** In characters, as Excel measures column width. */
  width: number;
  hidden?: boolean;
}

/** Cells of one sheet of the workbook: a chart's categories or one series' values. */
export interface SheetRange {
  sheet: string;
  /** One row or one column. */
  range: CellRange;
}

export interface ChartSeriesSpec {
  /** The series' name, as the legend shows it. */
  name: string;
  values: SheetRange;
  /**
   * Drawn as a line over a bar or column chart (a threshold, the ideal pace), on the same axes;
   * the chart's own kind when absent.
   */
  kind?: "line";
  /** #RRGGBB; the program's palette when absent. Never the only way a status is told. */
  color?: string;
  /** Dashed: a reference line rather than data. */
  dashed?: boolean;
}

/**
 * A native chart over the workbook's own cells (issue 10), so it follows the check-ins without
 * the add-in. Each host draws it with its own means: Excel's `worksheet.charts.add`, DrawingML
 * parts in .xlsx files; the memory host records it and checks its ranges.
 */
export interface ChartSpec {
  /** Workbook-unique: "OkrObjectiveScores", "OkrStatusCounts", "OkrScoreTrend". */
  name: string;
  /** "bar" is horizontal, "column" vertical. */
  kind: "bar" | "column" | "line";
  title: string;
  /** Alt text: one line saying what the chart shows. */
  description: string;
  /** The category labels (one row or column), as many as each series has values. */
  categories: SheetRange;
  series: ChartSeriesSpec[];
  /** Axis titles, and the value axis' bounds when fixed (scores run from 0 to 1). */
  axes: { category: string; value: string; min?: number; max?: number; numberFormat?: string };
  /** Each value written beside its bar or point, so that no colour has to tell it. */
  dataLabels: boolean;
  /** The cells it covers on its sheet, top-left to bottom-right. */
  anchor: CellRange;
}

export interface SheetSpec {
  /** Fixed, documented names: "OKR Plan", "Scorecard", "Dashboard", "Check-ins", "Monthly Review". */
  name: string;
  cells: CellSpec[];
  columns: ColumnSpec[];
  /** Rows frozen at the top (0 for none). */
  frozenRows: number;
  tables: TableSpec[];
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  merges: CellRange[];
  print: {
    landscape: boolean;
    fitToWidth: boolean;
    /** Rows repeated at the top of every printed page (0-based, inclusive): a table's header. */
    titleRows?: { first: number; last: number };
  };
  /**
   * Row heights in points where a row needs more than the default (wrapped text, a larger font),
   * estimated by the builder. The .xlsx host writes them as custom heights, since LibreOffice does
   * not fit rows to their text; the Excel host fits these rows itself instead.
   */
  rows?: { index: number; height: number }[];
  /** Native charts on this sheet; none when absent. */
  charts?: ChartSpec[];
}

export interface DefinedNameSpec {
  /** "OKR_RED_BELOW", "OKR_GREEN_FROM", … */
  name: string;
  /** en-US, starting with "=": "='OKR Plan'!$B$20" or "=0.4". */
  formula: string;
  /**
   * Kept out of the Name Manager and formula autocomplete: a mark for programs, not people. A
   * host that cannot hide a name writes it as a plain one.
   */
  hidden?: boolean;
}

export type FormulaStyle = "portable" | "functions";

export interface WorkbookSpec {
  style: FormulaStyle;
  sheets: SheetSpec[];
  names: DefinedNameSpec[];
  styles: Record<string, CellStyle>;
}

/** "A", "B", …, "Z", "AA", … for a 0-based column. */
export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "B3" for row 2, column 1 (0-based); absolute with `$` when asked. */
export function cellAddress(row: number, column: number, absolute = false): string {
  const dollar = absolute ? "$" : "";
  return `${dollar}${columnLetter(column)}${dollar}${row + 1}`;
}

/** "A1:C10" */
export function rangeAddress(range: CellRange): string {
  return `${cellAddress(range.startRow, range.startColumn)}:${cellAddress(range.endRow, range.endColumn)}`;
}

/** A sheet name as a formula refers to it: Scorecard, 'OKR Plan'. */
export function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The number format a date cell without one of its own is shown with, in every host. */
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

/** A cell style's properties besides its number format, each set on a range by a host. */
export type FormatProperty = Exclude<keyof CellStyle, "numberFormat">;

export const FORMAT_PROPERTIES: readonly FormatProperty[] = [
  "bold",
  "italic",
  "fontColor",
  "fill",
  "horizontalAlignment",
  "wrap",
  "fontSize",
];

/** The cells of a sheet that take one style property's one value. */
export interface FormatGroup {
  property: FormatProperty;
  value: string | number | boolean;
  cells: { row: number; column: number }[];
}

/**
 * What a host formats on a sheet: each cell's number format (its style's, or the date default), in
 * cell order, and the cells of each style property value, so that a host sets each value over
 * ranges of many cells rather than cell by cell.
 */
export function sheetFormats(
  sheet: SheetSpec,
  styles: WorkbookSpec["styles"]
): { numberFormats: { row: number; column: number; format: string }[]; groups: FormatGroup[] } {
  const numberFormats: { row: number; column: number; format: string }[] = [];
  const groups = new Map<string, FormatGroup>();
  for (const { row, column, content, style: styleName } of sheet.cells) {
    const style = styleName === undefined ? undefined : styles[styleName];
    const format =
      style?.numberFormat ?? (content.kind === "date" ? DEFAULT_DATE_FORMAT : undefined);
    if (format !== undefined) numberFormats.push({ row, column, format });
    if (style === undefined) continue;
    for (const property of FORMAT_PROPERTIES) {
      const value = style[property];
      if (value === undefined) continue;
      const key = `${property}=${String(value)}`;
      const group = groups.get(key);
      if (group) group.cells.push({ row, column });
      else groups.set(key, { property, value, cells: [{ row, column }] });
    }
  }
  return { numberFormats, groups: [...groups.values()] };
}

/** Text that a spreadsheet would read as a formula or a command if typed as is. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/**
 * Texts Excel and Google Sheets turn into something else when written as values (range.values,
 * Range.setValues): numbers (with a thousands comma in Sheets), currency, percentages, dates and
 * times, TRUE / FALSE, error values, a month name followed by a day.
 */
const CONVERTED_WHEN_TYPED = [
  /^\s*[(]?[$€£¥]?\s*[-+]?[\d.,]/,
  /^\s*(true|false)\s*$/i,
  /^\s*#/,
  /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,/-]*\d/i,
];

/**
 * Text as a host must write it as a value to stay exactly that text: with a leading apostrophe,
 * which both Excel and Google Sheets keep out of the cell's value, when it would otherwise become
 * a formula (= + - @), a number, date, boolean or error, or when it starts with an apostrophe.
 */
export function typedText(text: string): string {
  const escape =
    looksLikeFormula(text) ||
    text.startsWith("'") ||
    CONVERTED_WHEN_TYPED.some((pattern) => pattern.test(text));
  return escape ? `'${text}` : text;
}

/** A constant cell's content as one item of a host's 2-D array of values (serial dates). */
export function typedValue(
  content: Exclude<CellContent, { kind: "formula" }>
): string | number | boolean {
  switch (content.kind) {
    case "text":
      return typedText(content.text);
    case "number":
    case "boolean":
      return content.value;
    case "date":
      // Both count days from 30 December 1899 (for dates after February 1900).
      return content.serial;
  }
}

/**
 * A series drawn as a reference (a threshold, the ideal pace) rather than data: dashed, or a line
 * over bars or columns. Hosts give it no data labels, so the labels name the data alone.
 */
export function isReferenceSeries(chart: ChartSpec, series: ChartSeriesSpec): boolean {
  return series.dashed === true || (series.kind === "line" && chart.kind !== "line");
}

/**
 * The most items Google Sheets takes in a list validation's own list (DataValidationBuilder
 * requireValueInList); a longer one must be a range of cells (requireValueInRange).
 */
export const SHEETS_LIST_ITEMS_LIMIT = 500;

/** The longest name Google Sheets gives a sheet. */
export const SHEETS_SHEET_NAME_LIMIT = 100;

/**
 * The longest A1 address the Sheets server functions take from the sidebar: a rectangle with
 * both corners absolute at Sheets' largest column and row ("$ZZZ$9999999:$ZZZ$9999999") is 25.
 */
export const SHEETS_A1_LIMIT = 25;

/**
 * One cell or one rectangle of cells in A1 notation, as a finding names it ("K7", "$B$2:$D$9"):
 * column letters (at most three, upper case), a row from 1 (at most seven digits), "$" allowed.
 */
export const SHEETS_A1_PATTERN =
  /^\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}(?::\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6})?$/;

/** The most characters (UTF-16 code units, as Excel counts them) a cell's text can hold. */
export const CELL_TEXT_LIMIT = 32_767;

/** Why a text cannot go in a cell, or null when it can: "40,000 characters, more than …". */
export function cellTextProblem(text: string): string | null {
  return text.length > CELL_TEXT_LIMIT
    ? `${text.length.toLocaleString("en-US")} characters long, more than the ${CELL_TEXT_LIMIT.toLocaleString("en-US")} a cell can hold`
    : null;
}

/**
 * The texts of a spec that no spreadsheet cell can hold, one sentence each (none when all fit):
 * Excel cuts or refuses a text over CELL_TEXT_LIMIT characters. Every host checks this before it
 * writes anything, so a plan with such a text is refused whole, the same in each.
 */
export function textProblems(spec: WorkbookSpec): string[] {
  const problems: string[] = [];
  for (const sheet of spec.sheets)
    for (const cell of sheet.cells) {
      if (cell.content.kind !== "text") continue;
      const problem = cellTextProblem(cell.content.text);
      if (problem !== null)
        problems.push(
          `${sheetReference(sheet.name)}!${cellAddress(cell.row, cell.column)}: its text is ${problem}.`
        );
    }
  return problems;
}

/**
 * A spec a host refuses before writing anything (chartProblems, textProblems): the message is
 * the first few problems, for one line of a report; `problems` holds them all.
 */
export class UnwritableSpecError extends Error {
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, 3).join(" ");
    super(problems.length > 3 ? `${shown} (and ${problems.length - 3} more)` : shown);
    this.name = "UnwritableSpecError";
  }
}

/** Throws an UnwritableSpecError naming every chart and text problem of the spec, if any. */
export function assertWritableSpec(spec: WorkbookSpec, more: readonly string[] = []): void {
  const problems = [...chartProblems(spec), ...more, ...textProblems(spec)];
  if (problems.length > 0) throw new UnwritableSpecError(problems);
}

/** Excel's grid, which no range of a chart may leave. */
const GRID = { rows: 1_048_576, columns: 16_384 };

/**
 * What keeps the charts of a spec from being drawn as it says, one sentence each (none when they
 * can be): every range on a sheet of the workbook, inside the grid and one row or one column;
 * every series as long as its categories; at least one series; names unique in the workbook.
 * Every host checks this before it writes anything.
 */
export function chartProblems(spec: WorkbookSpec): string[] {
  const problems: string[] = [];
  const sheets = new Set(spec.sheets.map((sheet) => sheet.name));
  const placed = new Map<string, string>();
  const inGrid = (range: CellRange) =>
    range.startRow >= 0 &&
    range.startColumn >= 0 &&
    range.startRow <= range.endRow &&
    range.startColumn <= range.endColumn &&
    range.endRow < GRID.rows &&
    range.endColumn < GRID.columns;
  const offGrid = "runs backwards or past the sheet's last row or column";
  for (const sheet of spec.sheets)
    for (const chart of sheet.charts ?? []) {
      const chartName = `Chart "${chart.name}" on ${sheet.name}`;
      const other = placed.get(chart.name);
      if (other !== undefined)
        problems.push(`${chartName}: another chart of that name is on ${other}.`);
      placed.set(chart.name, sheet.name);
      if (!inGrid(chart.anchor))
        problems.push(`${chartName}: ${rangeAddress(chart.anchor)} (its anchor) ${offGrid}.`);
      /** The number of cells of a one-row or one-column range, or null after saying what is wrong. */
      const cellsOf = (what: string, { sheet: on, range }: SheetRange): number | null => {
        const where = `${chartName}: ${sheetReference(on)}!${rangeAddress(range)} (${what})`;
        if (!sheets.has(on)) problems.push(`${where} is on no sheet of the workbook.`);
        else if (!inGrid(range)) problems.push(`${where} ${offGrid}.`);
        else if (range.startRow !== range.endRow && range.startColumn !== range.endColumn)
          problems.push(`${where} is not one row or one column.`);
        else
          return Math.max(range.endRow - range.startRow, range.endColumn - range.startColumn) + 1;
        return null;
      };
      const categories = cellsOf("the categories", chart.categories);
      if (chart.series.length === 0) problems.push(`${chartName} has no series.`);
      for (const series of chart.series) {
        const values = cellsOf(`series "${series.name}"`, series.values);
        if (values !== null && categories !== null && values !== categories)
          problems.push(
            `${chartName}: series "${series.name}" has ${values} values for ${categories} categories.`
          );
      }
    }
  return problems;
}

/** What a cell shows: a number, text, a boolean, or null; an error value as its text ("#VALUE!"). */
export type SnapshotValue = string | number | boolean | null;

/** One cell that holds something: a value, a formula, or both. */
export interface SnapshotCell {
  /** 0-based, absolute (0 is column A). */
  column: number;
  /** What the cell shows; null for a formula with no result (a file no program has calculated). */
  value: SnapshotValue;
  /** The en-US formula, starting with "=", or null for a constant. */
  formula: string | null;
}

/** One row that holds at least one cell. */
export interface SnapshotRow {
  /** 0-based, absolute (0 is row 1). */
  row: number;
  /** The row's cells that hold something, in column order, each column once. */
  cells: SnapshotCell[];
}

/**
 * What a host reads back from one sheet, sparse: the rows that hold something, in row order, each
 * with only the cells that hold something (a value, a formula or both), in column order. Empty
 * cells and empty rows are absent, so memory is proportional to the cells present, never to the
 * used range's bounding box: a sheet with cells at A1 and XFD1048576 is two cells. Positions are
 * absolute and 0-based. Read it through `src/sheets/snapshot.ts` (`cellAt`, `cellsOf`,
 * `cellCount`); tests build one with `snapshotFromGrid`.
 */
export interface SheetSnapshot {
  name: string;
  visible: boolean;
  rows: SnapshotRow[];
  /**
   * Cells holding a value the host could not read (an object of a kind it does not know), which
   * `rows` therefore lacks (or holds with a null value); absent when there are none.
   */
  unreadable?: { row: number; column: number }[];
}

/** A defined name as a host lists it: the formula with its "=" ("='OKR Plan'!$B$13", "=2"). */
export interface SnapshotName {
  name: string;
  formula: string;
  /** The sheet of a sheet-local name; null or absent for a name of the whole workbook. */
  sheet?: string | null;
  /** True for a name of one sheet (localSheetId in .xlsx); absent for a workbook-wide name. */
  sheetScoped?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /**
   * The workbook's defined names, from a host that reads them (the memory and .xlsx hosts);
   * absent when the host read cells only. The layout mark and the structure check need them.
   */
  names?: SnapshotName[];
  /**
   * Why a host that reads names read none (Excel below ExcelApi 1.7): the structure check says
   * so once (OKR026) instead of checking.
   */
  namesUnread?: string;
}
