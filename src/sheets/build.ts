import type { Plan } from "../okr/model";
import { periodDates } from "../okr/period";
import { buildCheckIns, type CheckInEntry } from "./builders/checkIns";
import { buildCover } from "./builders/cover";
import { buildDashboard } from "./builders/dashboard";
import { buildReview } from "./builders/review";
import { rowHeights } from "./builders/rowHeights";
import { buildScorecard, keyResultNames, scorecardLayout } from "./builders/scorecard";
import { WorkbookStyles } from "./builders/sheet";
import { layoutMarkNames } from "./layout";
import type { FormulaStyle, WorkbookSpec } from "./spec";

export type { CheckInEntry, CheckInEntryHeader } from "./builders/checkIns";
export {
  CHECK_IN_COLUMNS,
  CHECK_IN_LOG_COLUMN,
  type CheckInColumns,
  type CheckInLogColumns,
  checkInTrendFormulas,
  checkInValidFormula,
} from "./builders/formulas";

/**
 * Plan → workbook spec: the five sheets a team runs its quarter on, one builder each in
 * ./builders. Scores, statuses, grades, health and pace are live formulas, in one of two styles:
 * `portable` (native functions only, so the workbook computes the same numbers without the
 * add-in, in Excel on the web, LibreOffice and Google Sheets) or `functions` (the OKR.* worksheet
 * functions). Both give the engine's numbers and labels; ./builders/formulas holds every formula
 * that restates the engine. Percentages are stored as fractions (85% as 0.85) with a percent
 * format, as a person typing "85%" into Excel would get.
 */

export interface BuildOptions {
  style?: FormulaStyle;
  /** Rows for the Check-ins log, in order (okr rebuild); a new workbook's log is empty. */
  checkIns?: readonly CheckInEntry[];
}

export function buildWorkbook(plan: Plan, options: BuildOptions = {}): WorkbookSpec {
  const style: FormulaStyle = options.style ?? "portable";
  const dates = periodDates(plan.period);
  // Sheets add the number formats their key results need, in the order they are built.
  const styles = new WorkbookStyles();
  const layout = scorecardLayout(plan);
  const cover = buildCover(plan, dates, style);
  const sheets = [
    cover.spec,
    buildScorecard(plan, layout, style, styles),
    buildDashboard(plan, dates, layout, styles),
    buildCheckIns(layout, options.checkIns),
    buildReview(plan, layout, style),
  ];
  // Last, when every cell, style and column width is known.
  for (const sheet of sheets) sheet.rows = rowHeights(sheet, styles.styles);
  return {
    style,
    sheets,
    names: [...cover.names, ...keyResultNames(layout), ...layoutMarkNames(style)],
    styles: styles.styles,
  };
}
