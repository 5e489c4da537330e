import { SHEETS } from "../../sheets/layout";
import {
  assertWritableSpec,
  cellAddress,
  isReferenceSeries,
  rangeAddress,
  SHEETS_LIST_ITEMS_LIMIT,
  typedValue,
  type CellRange,
  type ChartSpec,
  type ConditionalFormatSpec,
  type SheetSpec,
  type ValidationSpec,
  type WorkbookSpec,
  type FormatProperty,
  sheetFormats,
} from "../../sheets/spec";
import { blocksOf, rectanglesOf, type PlacedCell } from "../excel/blocks";
import { planNames, rewriteFormula, type NameMapping, type NamePlan } from "../excel/names";
import type {
  AppsScriptServices,
  ConditionalFormatRule,
  Range,
  RangeList,
  Sheet,
  Spreadsheet,
} from "./services";

/**
 * Writes a workbook spec into the active Google spreadsheet through Apps Script services, in as
 * few calls as the spec allows: new sheets only (named as the Excel host names them, `Scorecard
 * (2)` beside an existing Scorecard), each sheet's cells as a handful of rectangular
 * `Range.setValues` (values and formulas together: Sheets reads a string starting with "=" as a
 * formula and one starting with an apostrophe as text), formats through one `RangeList` call per
 * distinct format, and the rest (names, filters, protections, validations, conditional formats,
 * charts) per item of the spec, none per key result. Nothing existing is written over: the sheets
 * written are the ones this insert made.
 *
 * Sheets has no tables: each table of the spec becomes a named range over it (its name, so the
 * plan reader and formulas find it), a protected header row (warning only: a person may still edit
 * it after a prompt), and, for the first table of a sheet, the sheet's filter (Sheets allows one
 * filter per sheet; filter views are not in SpreadsheetApp). Data bars become colour gradients
 * (conditional formatting in Sheets has no bars). Names whose formula is a constant (the layout
 * mark: =2, ="portable") become developer metadata, as a named range must be a range. Print
 * set-up has no Apps Script API and row heights are left to Sheets, which fits wrapped rows itself.
 */

function applyFormat(list: RangeList, property: FormatProperty, value: string | number | boolean) {
  switch (property) {
    case "bold":
      list.setFontWeight(value === true ? "bold" : "normal");
      break;
    case "italic":
      list.setFontStyle(value === true ? "italic" : "normal");
      break;
    case "fontColor":
      list.setFontColor(value as string);
      break;
    case "fill":
      list.setBackground(value as string);
      break;
    case "horizontalAlignment":
      list.setHorizontalAlignment(value as "left" | "center" | "right");
      break;
    case "wrap":
      list.setWrap(value as boolean);
      break;
    case "fontSize":
      list.setFontSize(value as number);
      break;
  }
}

/** The number format a date gets when its style names none (as in the Excel host). */

/** Text as `setValues` must be given it to stay exactly that text (src/sheets/spec.ts). */
export { typedText as sheetsText } from "../../sheets/spec";

/** Column width in characters (as the spec gives it) in pixels, as Excel measures a character. */
export function columnWidthPixels(characters: number): number {
  return Math.round(characters * 7) + 5;
}

/** Problems that would make Apps Script throw halfway: refused before anything is written. */
function assertWritable(spec: WorkbookSpec): void {
  for (const sheet of spec.sheets) {
    if (sheet.name.trim() === "" || sheet.name.length > 31 || /[:\\/?*[\]]/.test(sheet.name))
      throw new Error(`Sheet name "${sheet.name}" is not one OKR Studio writes.`);
    for (const cell of sheet.cells) {
      const where = `${sheet.name}!${cellAddress(cell.row, cell.column)}`;
      const { content } = cell;
      if (
        (content.kind === "number" && !Number.isFinite(content.value)) ||
        (content.kind === "date" && !Number.isFinite(content.serial))
      )
        throw new Error(`Cell ${where} holds a number Google Sheets cannot store.`);
      if (content.kind === "formula" && !content.formula.startsWith("="))
        throw new Error(`Cell ${where}: a formula must start with "=".`);
      if (cell.style !== undefined && spec.styles[cell.style] === undefined)
        throw new Error(
          `Cell ${where} names style "${cell.style}", which the spec does not define.`
        );
    }
  }
  for (const sheet of spec.sheets)
    for (const validation of sheet.validations)
      if (
        validation.kind === "list" &&
        validation.values.length > SHEETS_LIST_ITEMS_LIMIT &&
        listSource(spec, validation.values) === null
      )
        throw new Error(
          `A list validation on ${sheet.name} has ${validation.values.length.toLocaleString("en-US")} values, ` +
            `more than the ${SHEETS_LIST_ITEMS_LIMIT} Google Sheets takes in a list.`
        );
  // Texts over the spec's cell limit (32,767, stricter than Sheets' 50,000) and chart problems.
  assertWritableSpec(spec);
}

/**
 * The range of a defined name of the spec whose cells hold exactly `values`, in order (the check-in
 * log's Key Result list is OKR_KEY_RESULT_IDS), or null: a list validation over it becomes
 * requireValueInRange, which has no item limit and follows the cells when a person edits them.
 */
function listSource(
  spec: WorkbookSpec,
  values: readonly string[]
): { sheet: string; range: CellRange } | null {
  const specSheets = spec.sheets.map((sheet) => sheet.name);
  for (const name of spec.names) {
    const reference = referenceOf(name.formula, specSheets);
    if (reference === null) continue;
    const { range } = reference;
    const rows = range.endRow - range.startRow + 1;
    const columns = range.endColumn - range.startColumn + 1;
    if (Math.min(rows, columns) !== 1 || rows * columns !== values.length) continue;
    const texts = new Map<string, string>();
    for (const cell of spec.sheets.find((sheet) => sheet.name === reference.sheet)!.cells)
      if (cell.content.kind === "text") texts.set(`${cell.row},${cell.column}`, cell.content.text);
    const at = (index: number) =>
      columns === 1
        ? texts.get(`${range.startRow + index},${range.startColumn}`)
        : texts.get(`${range.startRow},${range.startColumn + index}`);
    if (values.every((value, index) => at(index) === value)) return reference;
  }
  return null;
}

export interface SheetsInsertResult {
  /** spec name → actual name, for every sheet, table (a named range here) and defined name. */
  sheets: NameMapping;
  tables: NameMapping;
  names: NameMapping;
  /** The sheet left active: the Scorecard. */
  activeSheet: string;
}

/** The grid a sheet needs: one past the last row and column anything of the spec touches. */
function extentOf(sheet: SheetSpec): { rows: number; columns: number } {
  let rows = 1;
  let columns = 1;
  const take = (range: CellRange) => {
    rows = Math.max(rows, range.endRow + 1);
    columns = Math.max(columns, range.endColumn + 1);
  };
  for (const cell of sheet.cells)
    take({
      startRow: cell.row,
      startColumn: cell.column,
      endRow: cell.row,
      endColumn: cell.column,
    });
  for (const column of sheet.columns)
    take({ startRow: 0, startColumn: column.index, endRow: 0, endColumn: column.index });
  for (const table of sheet.tables) take(table.range);
  for (const validation of sheet.validations) take(validation.range);
  for (const format of sheet.conditionalFormats) take(format.range);
  for (const merge of sheet.merges) take(merge);
  for (const chart of sheet.charts ?? []) take(chart.anchor);
  return { rows, columns };
}

/** A 0-based spec range as an A1 notation a RangeList takes: "B3", "B3:D9". */
function a1(range: CellRange): string {
  return range.startRow === range.endRow && range.startColumn === range.endColumn
    ? cellAddress(range.startRow, range.startColumn)
    : rangeAddress(range);
}

/** The 1-based Range of a 0-based spec range. */
function rangeOn(sheet: Sheet, range: CellRange): Range {
  return sheet.getRange(
    range.startRow + 1,
    range.startColumn + 1,
    range.endRow - range.startRow + 1,
    range.endColumn - range.startColumn + 1
  );
}

/** A defined name's formula when it is a plain reference: the sheet (as the spec names it) and range. */
function referenceOf(
  formula: string,
  sheetNames: readonly string[]
): { sheet: string; range: CellRange } | null {
  const match =
    /^=(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(
      formula
    );
  if (!match) return null;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  if (!sheetNames.includes(sheet)) return null;
  const column = (letters: string) =>
    [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
  const [startColumn, startRow] = [column(match[3]), Number(match[4]) - 1];
  const endColumn = match[5] !== undefined ? column(match[5]) : startColumn;
  const endRow = match[6] !== undefined ? Number(match[6]) - 1 : startRow;
  return { sheet, range: { startRow, startColumn, endRow, endColumn } };
}

/** How long an insert waits for another insert or a check-in to finish before it gives up. */
export const INSERT_LOCK_TIMEOUT_MS = 30_000;

class SheetsWriter {
  private readonly written = new Map<string, Sheet>();
  /** Named ranges and developer metadata keys this insert made, to remove on failure. */
  private readonly namedRanges: string[] = [];
  private readonly metadataKeys: string[] = [];

  constructor(
    private readonly services: AppsScriptServices,
    private readonly spreadsheet: Spreadsheet,
    private readonly spec: WorkbookSpec,
    private readonly names: NamePlan
  ) {}

  private sheet(specName: string): Sheet {
    return this.written.get(specName)!;
  }

  write(firstIndex: number): void {
    const { spec } = this;
    spec.sheets.forEach((sheet, index) => {
      const added = this.spreadsheet.insertSheet(this.names.sheets[sheet.name], firstIndex + index);
      this.written.set(sheet.name, added);
      this.grow(added, extentOf(sheet));
    });
    // Names before the formulas that use them.
    this.definedNames();
    for (const sheet of spec.sheets) {
      this.cells(sheet);
      this.formats(sheet);
      this.columns(sheet);
      this.tables(sheet);
      this.validations(sheet);
      this.conditionalFormats(sheet);
      for (const chart of sheet.charts ?? []) this.chart(sheet, chart);
    }
    const active = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard) ?? spec.sheets[0];
    if (active) this.spreadsheet.setActiveSheet(this.sheet(active.name));
  }

  /** Removes what this insert made: all of it new, so nothing of the person's is touched. */
  undo(): void {
    const named = new Set(this.namedRanges);
    for (const range of this.spreadsheet.getNamedRanges())
      if (named.has(range.getName())) range.remove();
    const keys = new Set(this.metadataKeys);
    for (const metadata of this.spreadsheet.getDeveloperMetadata())
      if (keys.has(metadata.getKey())) metadata.remove();
    for (const sheet of this.written.values()) this.spreadsheet.deleteSheet(sheet);
  }

  /** A new sheet is 1,000 rows by 26 columns: grown to hold the spec's sheet. */
  private grow(sheet: Sheet, extent: { rows: number; columns: number }): void {
    const rows = sheet.getMaxRows();
    if (extent.rows > rows) sheet.insertRowsAfter(rows, extent.rows - rows);
    const columns = sheet.getMaxColumns();
    if (extent.columns > columns) sheet.insertColumnsAfter(columns, extent.columns - columns);
  }

  private definedNames(): void {
    const specSheets = this.spec.sheets.map((sheet) => sheet.name);
    for (const sheet of this.spec.sheets)
      for (const table of sheet.tables) {
        this.spreadsheet.setNamedRange(
          this.names.tables[table.name],
          rangeOn(this.sheet(sheet.name), table.range)
        );
        this.namedRanges.push(this.names.tables[table.name]);
      }
    for (const name of this.spec.names) {
      const actual = this.names.names[name.name];
      const reference = referenceOf(name.formula, specSheets);
      if (reference === null) {
        this.spreadsheet.addDeveloperMetadata(actual, rewriteFormula(name.formula, this.names));
        this.metadataKeys.push(actual);
      } else {
        this.spreadsheet.setNamedRange(
          actual,
          rangeOn(this.sheet(reference.sheet), reference.range)
        );
        this.namedRanges.push(actual);
      }
    }
  }

  /**
   * The values in a few rectangular setValues, then the formulas with setFormulas over
   * rectangles holding formulas only (so no value is written over). Both counts depend on the
   * sheet's layout, not on its number of rows: a table's rows share their columns.
   */
  private cells(spec: SheetSpec): void {
    const values: PlacedCell<string | number | boolean>[] = [];
    const formulas = new Map<string, string>();
    for (const { row, column, content } of spec.cells)
      if (content.kind === "formula")
        formulas.set(`${row},${column}`, rewriteFormula(content.formula, this.names));
      else values.push({ row, column, item: typedValue(content) });
    const sheet = this.sheet(spec.name);
    // No byte budget: Apps Script has no request limit like Office's 5 MB. A gap is "", which
    // leaves a cell of this new sheet empty (a formula cell gets its formula next).
    for (const block of blocksOf(values, (item) => String(item).length, Infinity))
      rangeOn(sheet, block.range).setValues(
        block.items.map((line) => line.map((item) => item ?? ""))
      );
    const cells = [...formulas.keys()].map((key) => {
      const [row, column] = key.split(",").map(Number);
      return { row, column };
    });
    for (const rectangle of rectanglesOf(cells))
      rangeOn(sheet, rectangle).setFormulas(
        Array.from({ length: rectangle.endRow - rectangle.startRow + 1 }, (_, r) =>
          Array.from({ length: rectangle.endColumn - rectangle.startColumn + 1 }, (_, c) =>
            formulas.get(`${rectangle.startRow + r},${rectangle.startColumn + c}`)!
          )
        )
      );
  }

  /** One RangeList call per distinct number format and per distinct style property value. */
  private formats(spec: SheetSpec): void {
    const { numberFormats, groups } = sheetFormats(spec, this.spec.styles);
    const byNumberFormat = new Map<string, { row: number; column: number }[]>();
    for (const { row, column, format } of numberFormats) {
      const list = byNumberFormat.get(format);
      if (list) list.push({ row, column });
      else byNumberFormat.set(format, [{ row, column }]);
    }
    const sheet = this.sheet(spec.name);
    const listOf = (cells: { row: number; column: number }[]) =>
      sheet.getRangeList(rectanglesOf(cells).map(a1));
    for (const [format, cells] of byNumberFormat) listOf(cells).setNumberFormat(format);
    for (const { property, value, cells } of groups) applyFormat(listOf(cells), property, value);
  }

  private columns(spec: SheetSpec): void {
    const sheet = this.sheet(spec.name);
    const columns = [...spec.columns].sort((a, b) => a.index - b.index);
    for (let i = 0; i < columns.length;) {
      let j = i;
      while (
        j + 1 < columns.length &&
        columns[j + 1].index === columns[j].index + 1 &&
        columns[j + 1].width === columns[i].width
      )
        j++;
      sheet.setColumnWidths(columns[i].index + 1, j - i + 1, columnWidthPixels(columns[i].width));
      i = j + 1;
    }
    for (let i = 0; i < columns.length;) {
      if (columns[i].hidden !== true) {
        i++;
        continue;
      }
      let j = i;
      while (
        j + 1 < columns.length &&
        columns[j + 1].index === columns[j].index + 1 &&
        columns[j + 1].hidden === true
      )
        j++;
      sheet.hideColumns(columns[i].index + 1, j - i + 1);
      i = j + 1;
    }
    if (spec.frozenRows > 0) sheet.setFrozenRows(spec.frozenRows);
    for (const merge of spec.merges) rangeOn(sheet, merge).merge();
  }

  private tables(spec: SheetSpec): void {
    const sheet = this.sheet(spec.name);
    spec.tables.forEach((table, index) => {
      // One filter per sheet in Sheets: the first table's (the key results on the Scorecard).
      if (index === 0) rangeOn(sheet, table.range).createFilter();
      const header = { ...table.range, endRow: table.range.startRow };
      rangeOn(sheet, header)
        .protect()
        .setWarningOnly(true)
        .setDescription(
          `The header row of ${this.names.tables[table.name]}: OKR Studio finds the table by it.`
        );
    });
  }

  private validations(spec: SheetSpec): void {
    const sheet = this.sheet(spec.name);
    for (const validation of spec.validations)
      rangeOn(sheet, validation.range).setDataValidation(this.validation(validation));
  }

  private validation(validation: ValidationSpec) {
    const builder = this.services.SpreadsheetApp.newDataValidation();
    switch (validation.kind) {
      case "list": {
        const source = listSource(this.spec, validation.values);
        if (source === null) builder.requireValueInList(validation.values, true);
        else builder.requireValueInRange(rangeOn(this.sheet(source.sheet), source.range), true);
        break;
      }
      case "decimal":
        builder.requireNumberBetween(validation.min, validation.max);
        break;
      case "date":
        builder.requireDate();
        break;
    }
    return builder.setHelpText(validation.message).setAllowInvalid(false).build();
  }

  /** All of a sheet's rules in one setConditionalFormatRules (the sheet is new: it had none). */
  private conditionalFormats(spec: SheetSpec): void {
    if (spec.conditionalFormats.length === 0) return;
    const sheet = this.sheet(spec.name);
    const rules = spec.conditionalFormats.map((format) => this.rule(sheet, format));
    sheet.setConditionalFormatRules(rules);
  }

  private rule(sheet: Sheet, format: ConditionalFormatSpec): ConditionalFormatRule {
    const app = this.services.SpreadsheetApp;
    const builder = app.newConditionalFormatRule();
    if (format.kind === "textEquals")
      builder
        .whenTextEqualTo(format.text)
        .setBackground(format.fill)
        .setFontColor(format.fontColor);
    else
      builder
        .setGradientMinpointWithValue("#FFFFFF", app.InterpolationType.NUMBER, String(format.min))
        .setGradientMaxpointWithValue(
          format.color,
          app.InterpolationType.NUMBER,
          String(format.max)
        );
    return builder.setRanges([rangeOn(sheet, format.range)]).build();
  }

  /**
   * A chart through EmbeddedChartBuilder: the categories, then each series' values (the first
   * range is the domain); a line over columns makes it a combo chart. Options are the Google
   * Charts configuration options the builder passes on.
   */
  private chart(spec: SheetSpec, chart: ChartSpec): void {
    const sheet = this.sheet(spec.name);
    const { ChartType } = this.services.Charts;
    const combo = chart.kind !== "line" && chart.series.some((series) => series.kind === "line");
    const type = combo
      ? ChartType.COMBO
      : chart.kind === "bar"
        ? ChartType.BAR
        : chart.kind === "column"
          ? ChartType.COLUMN
          : ChartType.LINE;
    const builder = sheet.newChart().setChartType(type);
    builder.addRange(rangeOn(this.sheet(chart.categories.sheet), chart.categories.range));
    for (const series of chart.series)
      builder.addRange(rangeOn(this.sheet(series.values.sheet), series.values.range));
    const seriesOptions: Record<number, Record<string, unknown>> = {};
    chart.series.forEach((series, index) => {
      const options: Record<string, unknown> = { labelInLegend: series.name };
      if (series.color !== undefined) options.color = series.color;
      if (series.dashed === true) options.lineDashStyle = [4, 4];
      if (combo) options.type = series.kind === "line" ? "line" : "bars";
      if (chart.dataLabels && !isReferenceSeries(chart, series)) options.dataLabel = "value";
      seriesOptions[index] = options;
    });
    // A bar chart's value axis is horizontal.
    const [categoryAxis, valueAxis] =
      chart.kind === "bar" ? ["vAxis", "hAxis"] : ["hAxis", "vAxis"];
    const { anchor, axes } = chart;
    builder
      .setPosition(anchor.startRow + 1, anchor.startColumn + 1, 0, 0)
      .setOption("title", chart.title)
      .setOption(`${categoryAxis}.title`, axes.category)
      .setOption(`${valueAxis}.title`, axes.value)
      .setOption("series", seriesOptions)
      .setOption("width", (anchor.endColumn - anchor.startColumn + 1) * 100)
      .setOption("height", (anchor.endRow - anchor.startRow + 1) * 21);
    if (combo && chart.kind === "bar") builder.setOption("orientation", "vertical");
    if (axes.min !== undefined) builder.setOption(`${valueAxis}.viewWindow.min`, axes.min);
    if (axes.max !== undefined) builder.setOption(`${valueAxis}.viewWindow.max`, axes.max);
    if (axes.numberFormat !== undefined)
      builder.setOption(`${valueAxis}.format`, axes.numberFormat);
    sheet.insertChart(builder.build());
  }
}

/**
 * Writes `spec` into the active spreadsheet as new sheets. Throws before writing anything when
 * the spec holds something no cell can (a text over the limit, a broken chart) or has no active
 * spreadsheet; each message says what.
 */
export function insertWorkbook(
  services: AppsScriptServices,
  spec: WorkbookSpec
): SheetsInsertResult {
  assertWritable(spec);
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  if (spreadsheet === null || spreadsheet === undefined)
    throw new Error("No spreadsheet is open: run OKR Studio from the spreadsheet's menu.");
  const lock = services.LockService.getDocumentLock();
  if (lock === null)
    throw new Error(
      "OKR Studio cannot lock this spreadsheet to insert a workbook: open it from the spreadsheet's own menu."
    );
  if (!lock.tryLock(INSERT_LOCK_TIMEOUT_MS))
    throw new Error(
      `Someone else is inserting a workbook or recording a check-in in this spreadsheet and it took more than ${INSERT_LOCK_TIMEOUT_MS / 1000} seconds. ` +
        "Nothing was written: insert again."
    );
  try {
    return insertLocked(services, spreadsheet, spec);
  } finally {
    // Apps Script buffers writes: flushed while the lock is held, so the next holder reads them.
    services.SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

/**
 * Names planned and the spec written while the lock is held, so that two inserts at once cannot
 * pick the same names. When a write fails midway, what this insert made (all new: its sheets,
 * named ranges and developer metadata) is removed and the error thrown again.
 */
function insertLocked(
  services: AppsScriptServices,
  spreadsheet: Spreadsheet,
  spec: WorkbookSpec
): SheetsInsertResult {
  const existingSheets = spreadsheet.getSheets().map((sheet) => sheet.getName());
  const existingNames = [
    ...spreadsheet.getNamedRanges().map((named) => named.getName()),
    ...spreadsheet.getDeveloperMetadata().map((metadata) => metadata.getKey()),
  ];
  const plan = planNames(
    {
      sheets: spec.sheets.map((sheet) => sheet.name),
      tables: spec.sheets.flatMap((sheet) => sheet.tables.map((table) => table.name)),
      names: spec.names.map((name) => name.name),
    },
    { sheets: existingSheets, tables: [], names: existingNames }
  );
  const writer = new SheetsWriter(services, spreadsheet, spec, plan);
  try {
    writer.write(existingSheets.length);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      writer.undo();
    } catch (undoError) {
      const why = undoError instanceof Error ? undoError.message : String(undoError);
      throw new Error(
        `${reason} OKR Studio could not remove the sheets it had inserted (${why}): delete the ` +
          `sheets ${Object.values(plan.sheets).join(", ")} by hand if they are there.`
      );
    }
    throw error;
  }
  const active = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard) ?? spec.sheets[0];
  return {
    sheets: plan.sheets,
    tables: plan.tables,
    names: plan.names,
    activeSheet: active ? plan.sheets[active.name] : "",
  };
}
