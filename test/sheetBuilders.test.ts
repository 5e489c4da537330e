import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import {
  CHECK_IN_HEADERS,
  CHECK_IN_LOG_COLUMNS,
  DASHBOARD_COLUMNS,
  DECISION_HEADERS,
  OBJECTIVE_HEADERS,
  REVIEW_KEY_RESULT_COLUMNS,
  REVIEW_OBJECTIVE_HEADERS,
  SCORECARD_KEY_RESULT_COLUMNS,
  TABLES,
  columnsByHeader,
} from "../src/sheets/layout";
import type { FormulaStyle } from "../src/sheets/spec";

/**
 * The sheet builders place every cell by header name (columnsByHeader over the layout contracts)
 * and keep every formula that restates the engine in src/sheets/builders/formulas.ts.
 */

const CONTRACTS: Record<string, readonly string[]> = {
  [TABLES.keyResults]: SCORECARD_KEY_RESULT_COLUMNS,
  [TABLES.objectives]: OBJECTIVE_HEADERS,
  [TABLES.dashboard]: DASHBOARD_COLUMNS,
  [TABLES.checkIns]: CHECK_IN_LOG_COLUMNS,
  [TABLES.reviewObjectives]: REVIEW_OBJECTIVE_HEADERS,
  [TABLES.reviewKeyResults]: REVIEW_KEY_RESULT_COLUMNS,
  [TABLES.decisions]: DECISION_HEADERS,
};

test("columnsByHeader numbers a table's columns from 0 by header", () => {
  expect(columnsByHeader(CHECK_IN_HEADERS)).toMatchObject({ Date: 0, "Key Result": 1, Valid: 8 });
});

const cases = templates.flatMap((template) =>
  (["portable", "functions"] as FormulaStyle[]).map(
    (style) => [template.id, style, template.plan] as const
  )
);

test.each(cases)(
  "%s, %s formulas: every table's header row is its layout contract",
  (_id, style, plan) => {
    const workbook = buildWorkbook(plan, { style });
    const tables = workbook.sheets.flatMap((sheet) =>
      sheet.tables.map((table) => {
        const header = sheet.cells
          .filter(
            (cell) =>
              cell.row === table.range.startRow &&
              cell.column >= table.range.startColumn &&
              cell.column <= table.range.endColumn
          )
          .sort((a, b) => a.column - b.column);
        return {
          name: table.name,
          startColumn: table.range.startColumn,
          header: header.map((cell) => (cell.content.kind === "text" ? cell.content.text : null)),
        };
      })
    );
    expect(tables).toEqual(
      Object.entries(CONTRACTS).map(([name, headers]) => ({
        name,
        startColumn: 0,
        header: [...headers],
      }))
    );
  }
);

test("only the formulas module calls the OKR.* functions that restate the engine", () => {
  const folder = join(__dirname, "..", "src", "sheets", "builders");
  const callers = readdirSync(folder).filter((file) =>
    /OKR\.(PROGRESS|SCORE|STATUS|GRADE|HEALTH|PACE)\(/.test(
      readFileSync(join(folder, file), "utf8")
    )
  );
  expect(callers).toEqual(["formulas.ts"]);
});
