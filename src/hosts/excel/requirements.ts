import type { WorkbookSpec } from "../../sheets/spec";

/**
 * Which ExcelApi requirement sets writing a spec needs, checked before anything is written so an
 * older Excel gets a reason instead of half a workbook.
 */

/** `Office.context.requirements.isSetSupported`, injectable so tests can play older Excels. */
export type RequirementChecker = (set: string, version: string) => boolean;

/** Office's own checker; outside Office (no `Office` global) nothing is supported. */
export const officeRequirements: RequirementChecker = (set, version) =>
  typeof Office !== "undefined" &&
  Office.context?.requirements?.isSetSupported(set, version) === true;

export interface Requirement {
  version: string;
  /** What needs it, in the user's words. */
  feature: string;
}

/** The minimal ExcelApi version of each API the host uses beyond 1.1. */
export const REQUIREMENTS = {
  base: { version: "1.1", feature: "worksheets, values, formulas and tables" },
  /** Column widths, hidden columns, merged cells, rows fitted to their text (autofitRows). */
  layout: { version: "1.2", feature: "column widths and merged cells" },
  names: { version: "1.4", feature: "defined names" },
  conditionalFormats: { version: "1.6", feature: "conditional formats" },
  freezePanes: { version: "1.7", feature: "frozen header rows" },
  dataValidation: { version: "1.8", feature: "data validation" },
  /**
   * Native charts (charts.ts): each series set from its own range (ChartSeriesCollection.add,
   * ChartSeries.setValues and setXAxisValues: 1.7), a line over bars or columns
   * (ChartSeries.chartType: 1.7), dashed lines (ChartLineFormat.lineStyle: 1.7), data labels
   * (ChartSeries.hasDataLabels: 1.7), bars listed top-down (ChartAxis.reversePlotOrder: 1.7,
   * ChartAxis.position: 1.8) and the value axis' number format (ChartAxis.numberFormat: 1.8); the
   * rest is 1.1. Not an optional embellishment dropped on an older Excel: the dashboard's
   * charts are how it shows the quarter, and every workbook the builder makes needs 1.9 anyway.
   */
  charts: { version: "1.8", feature: "charts" },
  pageLayout: { version: "1.9", feature: "print set-up" },
} as const satisfies Record<string, Requirement>;

/**
 * What recording a check-in needs (appendCheckIn): the table, its columns and their used cells
 * found by name in the same request (TableCollection and TableColumnCollection
 * getItemOrNullObject, Range.getUsedRangeOrNullObject: 1.4; Table.worksheet: 1.2).
 */
export const CHECK_IN_REQUIREMENTS: readonly Requirement[] = [
  { version: "1.4", feature: "recording check-ins" },
];
/**
 * Table.resize: a full check-in table takes in the row written below it. Without it the row is
 * still written below the table, and still counted: the Scorecard reads whole columns.
 */
export const TABLE_RESIZE = "1.13";

/** Optional speed-ups, used only where present. */
export const SUSPEND_CALCULATION = "1.6";
export const SUSPEND_SCREEN_UPDATING = "1.9";
/** Range.autoFill: without it, formula columns are sent cell by cell (a larger request). */
export const AUTO_FILL = "1.9";

/** The requirements a spec needs, from what it actually holds. */
export function requirementsOf(spec: WorkbookSpec): Requirement[] {
  const needed: Requirement[] = [REQUIREMENTS.base];
  const sheets = spec.sheets;
  if (
    sheets.some(
      (sheet) =>
        sheet.columns.length > 0 || sheet.merges.length > 0 || (sheet.rows?.length ?? 0) > 0
    )
  )
    needed.push(REQUIREMENTS.layout);
  if (spec.names.length > 0) needed.push(REQUIREMENTS.names);
  if (sheets.some((sheet) => sheet.conditionalFormats.length > 0))
    needed.push(REQUIREMENTS.conditionalFormats);
  if (sheets.some((sheet) => sheet.frozenRows > 0)) needed.push(REQUIREMENTS.freezePanes);
  if (sheets.some((sheet) => sheet.validations.length > 0))
    needed.push(REQUIREMENTS.dataValidation);
  if (sheets.some((sheet) => (sheet.charts?.length ?? 0) > 0)) needed.push(REQUIREMENTS.charts);
  if (
    sheets.some((sheet) => sheet.print.landscape || sheet.print.fitToWidth || sheet.print.titleRows)
  )
    needed.push(REQUIREMENTS.pageLayout);
  return needed;
}

function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The Excel releases that first ship an ExcelApi version (Microsoft's requirement-set table). */
function excelsWith(version: string): string {
  if (compareVersions(version, "1.1") <= 0) return "Excel 2016 or later, or Excel on the web";
  if (compareVersions(version, "1.8") <= 0) return "Excel 2019 or later, or Excel on the web";
  if (compareVersions(version, "1.14") <= 0) return "Excel 2021 or later, or Excel on the web";
  if (compareVersions(version, "1.17") <= 0) return "Excel 2024 or later, or Excel on the web";
  return "Excel for Microsoft 365, or Excel on the web";
}

/** Probed from newest to oldest to name what this Excel has in the message. */
const KNOWN_VERSIONS = Array.from({ length: 20 }, (_, i) => `1.${20 - i}`);

/**
 * Throws when this Excel lacks a requirement set the spec needs, naming the newest set missing,
 * what needs it and what this Excel has.
 */
export function assertRequirements(spec: WorkbookSpec, isSetSupported: RequirementChecker): void {
  assertSupported(requirementsOf(spec), isSetSupported);
}

/** Throws when this Excel lacks one of `requirements`, with the same message as above. */
export function assertSupported(
  requirements: readonly Requirement[],
  isSetSupported: RequirementChecker
): void {
  const missing = requirements.filter(
    (requirement) => !isSetSupported("ExcelApi", requirement.version)
  );
  if (missing.length === 0) return;
  missing.sort((a, b) => compareVersions(a.version, b.version));
  const newest = missing[missing.length - 1];
  const has = KNOWN_VERSIONS.find((version) => isSetSupported("ExcelApi", version));
  const features = missing.map((requirement) => requirement.feature).join(", ");
  throw new Error(
    `This needs ExcelApi ${newest.version} (${excelsWith(newest.version)}) for ${features}; ` +
      (has === undefined
        ? "this Excel has no ExcelApi support."
        : `this Excel has ExcelApi ${has}.`)
  );
}
