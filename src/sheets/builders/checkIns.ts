import {
  CHECK_IN_HEADERS,
  CHECK_IN_LOG_COLUMNS,
  CHECK_IN_TREND_HEADERS,
  SHEETS,
  TABLES,
  columnsByHeader,
} from "../layout";
import type { CellContent, SheetSpec } from "../spec";
import { checkInTrendFormulas, checkInValidFormula } from "./formulas";
import type { ScorecardLayout } from "./scorecard";
import { SheetBuilder, columnRange, formula, text } from "./sheet";

const C = columnsByHeader(CHECK_IN_LOG_COLUMNS);

/** The log's columns a person or the pane writes: every header but the Valid helper. */
export type CheckInEntryHeader = Exclude<(typeof CHECK_IN_HEADERS)[number], "Valid">;

/**
 * A check-in row to write into a new log (okr rebuild carries an old workbook's log over): its
 * cells by header, as they were; a header left out is an empty cell.
 */
export type CheckInEntry = Partial<Record<CheckInEntryHeader, CellContent>>;

/**
 * Sheet "Check-ins": append-only; the latest valid check-in of a key result is its current value.
 * Every row of the table holds the Valid formula and the trend's hidden helpers (Excel keeps them
 * as the table's calculated columns and fills them into a row typed below); a row added without
 * them (LibreOffice does not extend a table's formulas) still counts for the Scorecard, but not
 * for the Dashboard's trend.
 */
export function buildCheckIns(
  layout: ScorecardLayout,
  entries: readonly CheckInEntry[] = []
): SheetSpec {
  const log = new SheetBuilder(SHEETS.checkIns);
  log.row(0, 0, CHECK_IN_LOG_COLUMNS.map(text), "header");
  const lastRow = Math.max(20, layout.keyResults.length, entries.length);
  entries.forEach((entry, index) => {
    for (const [header, content] of Object.entries(entry) as [CheckInEntryHeader, CellContent][])
      log.set(index + 1, C[header], content, content.kind === "date" ? "date" : undefined);
  });
  for (let row = 1; row <= lastRow; row++) {
    log.set(row, C.Valid, formula(checkInValidFormula(row)), "hidden");
    const helpers = checkInTrendFormulas(row);
    for (const header of CHECK_IN_TREND_HEADERS)
      log.set(row, C[header], formula(helpers[header]), "hidden");
  }
  log.table(TABLES.checkIns, CHECK_IN_LOG_COLUMNS, 0, lastRow);
  log.spec.validations.push(
    { range: columnRange(1, lastRow, C.Date), kind: "date", message: "The date of the check-in" },
    {
      range: columnRange(1, lastRow, C["Key Result"]),
      kind: "list",
      values:
        layout.keyResults.length > 0 ? layout.keyResults.map((entry) => entry.kr.id) : ["O1.KR1"],
      message: "The ID of a key result on the Scorecard",
    },
    {
      range: columnRange(1, lastRow, C.Confidence),
      kind: "decimal",
      min: 0,
      max: 1,
      message: "Confidence is from 0 to 1",
    }
  );
  log.freezeThrough(0);
  log.widthsByHeader(
    CHECK_IN_LOG_COLUMNS,
    {
      Date: 12,
      "Key Result": 12,
      Value: 12,
      Confidence: 12,
      Comment: 50,
      Author: 18,
      Entry: 14,
      Replaces: 14,
      Valid: 8,
      "Scorecard Position": 10,
      "Objective ID": 10,
      "Day Value": 10,
      "Day Score": 10,
      "Score Before": 10,
      "Weighted Change": 10,
      "Weight Change": 10,
    },
    [...CHECK_IN_TREND_HEADERS]
  );
  return log.spec;
}
