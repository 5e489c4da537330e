import type { Plan } from "../../src/okr/model";
import { scorecardLayout } from "../../src/sheets/builders/scorecard";
import {
  DASHBOARD_COLUMNS,
  REVIEW_KEY_RESULT_COLUMNS,
  SCORECARD_KEY_RESULT_COLUMNS,
  SHEETS,
} from "../../src/sheets/layout";
import type { SheetSnapshot, WorkbookSpec } from "../../src/sheets/spec";
import { gridOf } from "./snapshotGrid";

/**
 * Sorting the Scorecard's key-result table as Excel and LibreOffice do it: each row of the table
 * moves whole, its formulas' relative row references shifted by the distance moved (absolute ones
 * and other sheets' references to the table stay as they are). Used by test/sortScorecard.test.ts
 * (HyperFormula) and test/interop.test.ts (LibreOffice).
 */

/** Shifts the relative row references of a formula by `delta`, leaving its text literals alone. */
export function shiftRelativeRows(formula: string, delta: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.])(\$?[A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (reference, column: string, absolute: string, row: string) =>
              absolute ? reference : `${column}${Number(row) + delta}`
          )
    )
    .join("");
}

/**
 * The workbook with the Scorecard's key-result rows in a new order: the row at position `i` of
 * the table's body is the one that was at `order[i]`.
 */
export function sortKeyResults(spec: WorkbookSpec, plan: Plan, order: number[]): WorkbookSpec {
  const { firstKeyResult: first } = scorecardLayout(plan);
  const width = SCORECARD_KEY_RESULT_COLUMNS.length;
  const moved = (row: number) => first + order.indexOf(row - first);
  return {
    ...spec,
    sheets: spec.sheets.map((sheet) =>
      sheet.name !== SHEETS.scorecard
        ? sheet
        : {
            ...sheet,
            cells: sheet.cells.map((cell) => {
              const inTable =
                cell.row >= first && cell.row < first + order.length && cell.column < width;
              if (!inTable) return cell;
              const row = moved(cell.row);
              const { content } = cell;
              return content.kind === "formula"
                ? {
                    ...cell,
                    row,
                    content: {
                      ...content,
                      formula: shiftRelativeRows(content.formula, row - cell.row),
                    },
                  }
                : { ...cell, row };
            }),
          }
    ),
  };
}

/**
 * The hidden Scorecard Row helper of the report tables: where the sort moved each row's key
 * result, so it changes by design; every cell that reads it must not.
 */
const POSITION_COLUMNS = new Map<string, number>([
  [SHEETS.dashboard, DASHBOARD_COLUMNS.indexOf("Scorecard Row")],
  [SHEETS.review, REVIEW_KEY_RESULT_COLUMNS.indexOf("Scorecard Row")],
]);

/**
 * Every value a sheet shows, by address; the key-result table's body by key result instead; the
 * report tables' hidden positions left out.
 */
export function shownValues(snapshotSheet: SheetSnapshot, plan: Plan): Map<string, unknown> {
  const sheet = gridOf(snapshotSheet);
  const layout = scorecardLayout(plan);
  const width = SCORECARD_KEY_RESULT_COLUMNS.length;
  const values = new Map<string, unknown>();
  sheet.values.forEach((line, r) =>
    line.forEach((value, c) => {
      const [row, column] = [r + sheet.origin.row, c + sheet.origin.column];
      if (POSITION_COLUMNS.get(sheet.name) === column) return;
      const inTable =
        sheet.name === SHEETS.scorecard &&
        row >= layout.firstKeyResult &&
        row < layout.firstKeyResult + layout.keyResults.length &&
        column < width;
      const key = inTable
        ? `${String(line[-sheet.origin.column])} ${SCORECARD_KEY_RESULT_COLUMNS[column]}`
        : `${row},${column}`;
      values.set(key, typeof value === "number" ? Number(value.toPrecision(12)) : value);
    })
  );
  return values;
}

/** 0, 1, …, n − 1 in a fixed shuffled order (a sort by some column), never the identity for n > 1. */
export function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, index) => index);
  let seed = 7;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  if (n > 1 && order.every((value, index) => value === index)) order.reverse();
  return order;
}
