/**
 * The fixed names of the sheets and tables OKR Studio makes, and the headers of its tables. The
 * builder writes them; readPlan finds tables by these headers (and their synonyms); the README
 * documents them. Changing one breaks workbooks people already have: add, don't rename.
 */

import type { DefinedNameSpec, FormulaStyle } from "./spec";

export const SHEETS = {
  plan: "OKR Plan",
  scorecard: "Scorecard",
  dashboard: "Dashboard",
  checkIns: "Check-ins",
  review: "Monthly Review",
} as const;

export const TABLES = {
  keyResults: "OkrKeyResults",
  objectives: "OkrObjectives",
  dashboard: "OkrDashboard",
  checkIns: "OkrCheckIns",
  reviewObjectives: "OkrReviewObjectives",
  reviewKeyResults: "OkrReviewKeyResults",
  decisions: "OkrDecisions",
} as const;

/** Scorecard: one row per key result. */
export const KEY_RESULT_HEADERS = [
  "ID",
  "Objective",
  "Key Result",
  "Type",
  "Owner",
  "Unit",
  "Baseline",
  "Target",
  "Current",
  "Progress",
  "Score",
  "Status",
  "Weight",
  "Confidence",
  "Last Check-in",
  "Notes",
] as const;

/** Scorecard: one row per objective. */
export const OBJECTIVE_HEADERS = [
  "ID",
  "Objective",
  "Owner",
  "Timeline",
  "Kind",
  "Score",
  "Status",
] as const;

/**
 * Check-ins: append-only. Entry is the row's unique id; a correction is a new row whose Replaces
 * names the Entry it corrects, a withdrawal a new row that replaces one and has no Value (nothing
 * is deleted). Valid is a helper formula: 0 for a row some row replaces and for a withdrawal, 1 for
 * a row that counts, empty for an empty row; formulas count a row unless its Valid is 0, so a row
 * typed without the formula counts. Entry, Replaces and Valid came after the first six: a log of
 * the first six alone is still read.
 */
export const CHECK_IN_HEADERS = [
  "Date",
  "Key Result",
  "Value",
  "Confidence",
  "Comment",
  "Author",
  "Entry",
  "Replaces",
  "Valid",
] as const;

/**
 * Check-ins: hidden helpers after the log's own columns, for the Dashboard's trend (issue 10), one
 * set per check-in row. Scorecard Position: the key result's row in the Scorecard's key-result
 * table, "" for a row that does not count (Valid 0, no date, a key result not on the Scorecard);
 * Objective ID: its objective; Day Value: the mean of its counted check-ins that day (as Current
 * takes it); Day Score: that value's score; Score Before: the score before that day (the previous
 * counted day's, else the plan's own current value's); Weighted Change and Weight Change: what
 * this row adds to the objective's weighted sum and scored weight, the day's change shared among
 * its rows, 0 for a row that does not count. A log without them (an earlier OKR Studio's) is read
 * as before; its workbook has no trend.
 */
export const CHECK_IN_TREND_HEADERS = [
  "Scorecard Position",
  "Objective ID",
  "Day Value",
  "Day Score",
  "Score Before",
  "Weighted Change",
  "Weight Change",
] as const;

/** The check-in table's columns as the builder writes them: the log's, then the trend helpers. */
export const CHECK_IN_LOG_COLUMNS = [...CHECK_IN_HEADERS, ...CHECK_IN_TREND_HEADERS] as const;

/** Dashboard: the framework's "OKR Dashboard Template". */
export const DASHBOARD_HEADERS = [
  "Objective / Key Result",
  "Owner",
  "Q1 Target",
  "Q2 Target",
  "Q3 Target",
  "Q4 Target",
  "Current",
  "Score",
  "Status",
  "Progress",
] as const;

/**
 * A hidden helper column after a report table's own (Dashboard, Monthly Review key results): the
 * position of the row's key result (or objective) in its Scorecard table, found by id with one
 * MATCH, so the row's other cells read it with INDEX and sorting the Scorecard moves nothing
 * (issue 10). Workbooks made before it have the tables without it.
 */
export const REPORT_HELPER_HEADERS = ["Scorecard Row"] as const;

/** Monthly Review tables. */
export const REVIEW_OBJECTIVE_HEADERS = [
  "Objective",
  "Owner",
  "Score",
  "Status",
  "Key Results",
  "Red",
  "Yellow",
  "Green",
  "Pending",
] as const;
/** Every key result with its pace and freshness; filter "At Risk" or "Stale" on Yes. */
export const REVIEW_KEY_RESULT_HEADERS = [
  "ID",
  "Key Result",
  "Owner",
  "Score",
  "Status",
  "Pace",
  "Last Check-in",
  "Days Since",
  "At Risk",
  "Stale",
] as const;
export const DECISION_HEADERS = [
  "Date",
  "Decision / Action Item",
  "Owner",
  "Due",
  "Status",
] as const;

/** Hidden helper columns after the key-result table's own, for objective grades that survive sorting. */
/** "Plan Current" holds the plan's own current value, which Current shows until a check-in. */
/**
 * "Plan Score", "Plan Scored Weight" and "Plan Weighted Score" are the score of Plan Current and
 * its part in the objective's grade: where the Dashboard's trend starts before any check-in.
 */
export const KEY_RESULT_HELPER_HEADERS = [
  "Objective ID",
  "Scored Weight",
  "Weighted Score",
  "Plan Current",
  "Plan Score",
  "Plan Scored Weight",
  "Plan Weighted Score",
] as const;

/** Defined names for the thresholds, so formulas and people read one value. */
export const NAMES = {
  redBelow: "OKR_RED_BELOW",
  greenFrom: "OKR_GREEN_FROM",
  periodStart: "OKR_PERIOD_START",
  periodEnd: "OKR_PERIOD_END",
  staleAfterDays: "OKR_STALE_AFTER_DAYS",
  /** The Scorecard's key-result table: its ID column, and its rows across every column. */
  keyResultIds: "OKR_KEY_RESULT_IDS",
  keyResults: "OKR_KEY_RESULTS",
} as const;

/** The Dashboard's table, its hidden helper column included, as the builder writes its header. */
export const DASHBOARD_COLUMNS = [...DASHBOARD_HEADERS, ...REPORT_HELPER_HEADERS] as const;

/** The Monthly Review's key-result table, its hidden helper column included. */
export const REVIEW_KEY_RESULT_COLUMNS = [
  ...REVIEW_KEY_RESULT_HEADERS,
  ...REPORT_HELPER_HEADERS,
] as const;

/**
 * The layout version of the workbooks the builder makes, written into each as a defined name with
 * its formula style (see layoutMarkNames), so that a later OKR Studio can tell what it is reading.
 * Bump it when a workbook made before the change would be read, checked or repaired wrongly by the
 * code after it: a sheet, table, column or defined name added, moved or renamed, or a computed
 * cell's formula written differently. Formatting alone (colours, widths, row heights, print
 * set-up) does not bump it. 2: the trend's helper columns (Check-ins, Scorecard), the key-result
 * names and the Dashboard's trend table.
 */
export const LAYOUT_VERSION = 2;

/** The defined names that mark a workbook with its layout version and formula style. */
export const MARK_NAMES = {
  layout: "OKR_STUDIO_LAYOUT",
  style: "OKR_STUDIO_STYLE",
} as const;

/** The mark of a workbook the builder makes: hidden names, nothing a person sees in a cell. */
export function layoutMarkNames(style: FormulaStyle): DefinedNameSpec[] {
  return [
    { name: MARK_NAMES.layout, formula: `=${LAYOUT_VERSION}`, hidden: true },
    { name: MARK_NAMES.style, formula: `="${style}"`, hidden: true },
  ];
}

export interface LayoutMark {
  version: number;
  /** Null when the style name holds no style this version knows. */
  style: FormulaStyle | null;
}

/**
 * A workbook's mark, read from its defined names as a host lists them (the formula with or
 * without its "=", names compared without case); null for a workbook without a layout version,
 * which OKR Studio did not make or made before the mark.
 */
export function layoutMark(names: readonly { name: string; formula: string }[]): LayoutMark | null {
  const formulaOf = (wanted: string) =>
    names
      .find((entry) => entry.name.toUpperCase() === wanted.toUpperCase())
      ?.formula.trim()
      .replace(/^=/, "");
  const version = Number(formulaOf(MARK_NAMES.layout));
  if (!Number.isInteger(version) || version < 1) return null;
  const style = /^"(.*)"$/.exec(formulaOf(MARK_NAMES.style) ?? "")?.[1];
  return {
    version,
    style: style === "portable" || style === "functions" ? style : null,
  };
}

/** A key result with no check-in for longer than this is stale: defined with the thresholds. */
export { STALE_AFTER_DAYS } from "../okr/thresholds";

/** Header synonyms people use in sheets they typed themselves, for readPlan. */
export const HEADER_SYNONYMS: Record<string, readonly string[]> = {
  "Key Result": ["Key Result", "KR", "Key Results", "Result"],
  Baseline: ["Baseline", "Start", "Starting", "Starting Value", "Initial"],
  Target: ["Target", "Goal", "Target Value"],
  Current: ["Current", "Actual", "Current Value", "Value"],
  // A real scorecard's end-of-quarter grade; a mid-quarter one only when it has no other.
  Score: [
    "Score",
    "Grade",
    "Final Score",
    "Final Grade",
    "Final",
    "End-Q",
    "End-Q Score",
    "End of Quarter",
    "EOQ",
    "Q1 Score",
    "Q2 Score",
    "Q3 Score",
    "Q4 Score",
    "Mid-Q",
    "Mid-Q Actual",
    "Mid-Q Score",
    "Mid-Quarter",
  ],
  Owner: ["Owner", "DRI", "Responsible"],
  Objective: ["Objective", "Objectives", "Goal Area"],
  ID: ["ID", "Id", "KR ID", "Key Result ID"],
  Status: ["Status", "RAG", "Health"],
  Type: ["Type", "Direction", "Kind"],
  Unit: ["Unit", "Units", "UoM"],
  Weight: ["Weight", "Weighting"],
  Progress: ["Progress", "% Progress"],
  Confidence: ["Confidence"],
  "Last Check-in": ["Last Check-in", "Last Check-In", "Last Update", "Updated"],
  Notes: ["Notes", "Comments", "Comment", "Progress to Date"],
};

/** The Scorecard's key-result table, helper columns included, as the builder writes its header. */
export const SCORECARD_KEY_RESULT_COLUMNS = [
  ...KEY_RESULT_HEADERS,
  ...KEY_RESULT_HELPER_HEADERS,
] as const;

/**
 * A table's columns by header, 0-based from its first column: `columnsByHeader(CHECK_IN_HEADERS)
 * .Value` is 2. The builders place every cell through it, so a column is found by its name.
 */
export function columnsByHeader<Header extends string>(
  headers: readonly Header[]
): Record<Header, number> {
  return Object.fromEntries(headers.map((header, index) => [header, index])) as Record<
    Header,
    number
  >;
}
