/**
 * The Apps Script services the Google Sheets host uses, as the few methods it calls: typed here
 * (not @types/google-apps-script, a large global declaration that would put `SpreadsheetApp` in
 * scope of every file of the project) so that the host takes them as arguments and a recording
 * fake (test/support/fakeAppsScript.ts) can stand in for them. Each method is named and typed as
 * in Google's reference (developers.google.com/apps-script/reference/spreadsheet, …/lock,
 * …/charts); indices are 1-based, as there. Nothing here runs: types only.
 */

/** What a cell holds as `getValues` gives it: dates come back as Date objects. */
export type CellValue = string | number | boolean | Date;

export interface Range {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getSheet(): Sheet;
  getA1Notation(): string;
  getValues(): CellValue[][];
  getFormulas(): string[][];
  /**
   * Parsed as if typed (Range.setValue: "If it begins with '=' it is interpreted as a formula"):
   * a text that must stay text is written with a leading apostrophe. The array must be exactly
   * the range's shape.
   */
  setValues(values: (string | number | boolean)[][]): Range;
  /** En-US formulas in A1 notation, exactly the range's shape. */
  setFormulas(formulas: string[][]): Range;
  setNumberFormat(format: string): Range;
  merge(): Range;
  /** Throws when the sheet has a filter already (one per sheet). */
  createFilter(): Filter;
  protect(): Protection;
  setDataValidation(rule: DataValidation): Range;
  /** Each cell's validation rule, null where it has none; the range's shape. */
  getDataValidations(): (DataValidation | null)[][];
  /** One rule per cell (null clears it), exactly the range's shape. */
  setDataValidations(rules: (DataValidation | null)[][]): Range;
  /** Makes this range the active range, and its sheet the active sheet (what a person sees). */
  activate(): Range;
}

/** Several ranges of one sheet, formatted in one call each (Sheet.getRangeList). */
export interface RangeList {
  setNumberFormat(format: string): RangeList;
  setFontWeight(weight: "bold" | "normal"): RangeList;
  setFontStyle(style: "italic" | "normal"): RangeList;
  setFontColor(color: string): RangeList;
  setFontSize(size: number): RangeList;
  setBackground(color: string): RangeList;
  setHorizontalAlignment(alignment: "left" | "center" | "right"): RangeList;
  setWrap(wrap: boolean): RangeList;
}

export interface Protection {
  setWarningOnly(warningOnly: boolean): Protection;
  setDescription(description: string): Protection;
}

export interface Sheet {
  getName(): string;
  isSheetHidden(): boolean;
  /** 1-based row and column; the range must lie inside the sheet's grid. */
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  /** A range by A1 notation ("B7", "B2:D9"); throws when it is no range of the sheet. */
  getRange(a1Notation: string): Range;
  getRangeList(a1Notations: string[]): RangeList;
  /** The used area from A1 to the last row and column holding something. */
  getDataRange(): Range;
  getLastRow(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): Sheet;
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet;
  /** Width in pixels. */
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet;
  hideColumns(columnIndex: number, numColumns: number): void;
  setFrozenRows(rows: number): void;
  getConditionalFormatRules(): ConditionalFormatRule[];
  /** Replaces all of the sheet's rules. */
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void;
  /** The sheet's filter, or null. */
  getFilter(): Filter | null;
  newChart(): EmbeddedChartBuilder;
  insertChart(chart: EmbeddedChart): void;
}

export interface NamedRange {
  getName(): string;
  getRange(): Range;
  setRange(range: Range): NamedRange;
  remove(): void;
}

export interface DeveloperMetadata {
  getKey(): string;
  getValue(): string | null;
  remove(): void;
}

export interface Spreadsheet {
  getSheets(): Sheet[];
  getSheetByName(name: string): Sheet | null;
  /** Throws when a sheet of that name exists. */
  insertSheet(sheetName: string, sheetIndex: number): Sheet;
  getNamedRanges(): NamedRange[];
  setNamedRange(name: string, range: Range): void;
  getDeveloperMetadata(): DeveloperMetadata[];
  addDeveloperMetadata(key: string, value: string): Spreadsheet;
  setActiveSheet(sheet: Sheet): Sheet;
  /** Throws when it is the spreadsheet's only sheet. */
  deleteSheet(sheet: Sheet): void;
}

/** A sheet's filter (one per sheet); column positions are the sheet's, 1-based. */
export interface Filter {
  getRange(): Range;
  getColumnFilterCriteria(columnPosition: number): FilterCriteria | null;
  setColumnFilterCriteria(columnPosition: number, filterCriteria: FilterCriteria | null): Filter;
  remove(): void;
}

/** A rule a sheet holds: the ranges it applies to, and a builder to make it anew (copy). */
export interface ConditionalFormatRule {
  getRanges(): Range[];
  copy(): ConditionalFormatRuleBuilder;
}

/** Opaque values that the builders make and a sheet, range or filter takes. */
export interface FilterCriteria {
  readonly kind?: "FilterCriteria";
}
export interface DataValidation {
  readonly kind?: "DataValidation";
}
export interface EmbeddedChart {
  readonly kind?: "EmbeddedChart";
}

export interface ConditionalFormatRuleBuilder {
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder;
  setBackground(color: string): ConditionalFormatRuleBuilder;
  setFontColor(color: string): ConditionalFormatRuleBuilder;
  setGradientMinpointWithValue(
    color: string,
    type: InterpolationType,
    value: string
  ): ConditionalFormatRuleBuilder;
  setGradientMaxpointWithValue(
    color: string,
    type: InterpolationType,
    value: string
  ): ConditionalFormatRuleBuilder;
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder;
  build(): ConditionalFormatRule;
}

export interface DataValidationBuilder {
  /** At most SHEETS_LIST_ITEMS_LIMIT (500) values. */
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder;
  /** The values of a range of cells, which follow the cells when they change. */
  requireValueInRange(range: Range, showDropdown: boolean): DataValidationBuilder;
  requireNumberBetween(start: number, end: number): DataValidationBuilder;
  requireDate(): DataValidationBuilder;
  setHelpText(helpText: string): DataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder;
  build(): DataValidation;
}

export interface EmbeddedChartBuilder {
  setChartType(type: ChartType): EmbeddedChartBuilder;
  addRange(range: Range): EmbeddedChartBuilder;
  /** 1-based anchor row and column, and pixel offsets. */
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number
  ): EmbeddedChartBuilder;
  setOption(option: string, value: unknown): EmbeddedChartBuilder;
  build(): EmbeddedChart;
}

/** SpreadsheetApp.InterpolationType and Charts.ChartType members: opaque enum values. */
export type InterpolationType = unknown;
export type ChartType = unknown;

export interface SpreadsheetAppService {
  getActiveSpreadsheet(): Spreadsheet;
  newConditionalFormatRule(): ConditionalFormatRuleBuilder;
  newDataValidation(): DataValidationBuilder;
  /** Sends the writes Apps Script buffers: before a lock is released, so the next holder sees them. */
  flush(): void;
  readonly InterpolationType: { readonly NUMBER: InterpolationType };
}

export interface ChartsService {
  readonly ChartType: {
    readonly BAR: ChartType;
    readonly COLUMN: ChartType;
    readonly LINE: ChartType;
    readonly COMBO: ChartType;
  };
}

export interface Lock {
  /** Waits up to `timeoutInMillis` for the lock; false when it was not got. */
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}

export interface LockServiceService {
  /** Null outside a container-bound script or add-on (no document to lock). */
  getDocumentLock(): Lock | null;
}

/** The services a server function needs, passed in so tests can give the fake. */
export interface AppsScriptServices {
  SpreadsheetApp: SpreadsheetAppService;
  Charts: ChartsService;
  LockService: LockServiceService;
}

/** A page HtmlService made (…/reference/html/html-output). */
export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
  /** Pixels; the dialog's initial size (a sidebar's width is fixed). */
  setWidth(width: number): HtmlOutput;
  setHeight(height: number): HtmlOutput;
  getContent(): string;
}

export interface HtmlServiceService {
  /** A file of the project, by its name without ".html"; throws when there is none. */
  createHtmlOutputFromFile(filename: string): HtmlOutput;
  createHtmlOutput(html: string): HtmlOutput;
}

/** The spreadsheet's user interface (…/reference/base/ui), as far as the help uses it. */
export interface Ui {
  /** A dialog that leaves the spreadsheet usable, titled `title`; the script goes on at once. */
  showModelessDialog(userInterface: HtmlOutput, title: string): void;
}

/** What showHelp needs: the page's file and the spreadsheet's user interface. */
export interface HelpServices {
  HtmlService: HtmlServiceService;
  SpreadsheetApp: { getUi(): Ui };
}
