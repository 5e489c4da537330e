import { evaluateWorkbook } from "../src/hosts/memory";
import type { Plan } from "../src/okr/model";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { scorecardLayout } from "../src/sheets/builders/scorecard";
import { SCORECARD_KEY_RESULT_COLUMNS, SHEETS } from "../src/sheets/layout";
import type { FormulaStyle, SheetSnapshot, WorkbookSpec } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";

/**
 * Sorting the Scorecard's key-result table by any column changes no number anywhere (issue 10):
 * every score, grade, status and health on the Scorecard, and every row of the Dashboard and the
 * Monthly Review, which find their key results and objectives by id. The sort is done as Excel
 * and LibreOffice do it: each row of the table moves whole, its formulas' relative row
 * references shifted by the distance moved (absolute ones and other sheets' references to the
 * table stay as they are).
 */

/** Shifts the relative row references of a formula by `delta`, leaving its text literals alone. */
function shiftRelativeRows(formula: string, delta: number): string {
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
function sortKeyResults(spec: WorkbookSpec, plan: Plan, order: number[]): WorkbookSpec {
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

/** Every value a sheet shows, by address; the key-result table's body by key result instead. */
function shownValues(sheet: SheetSnapshot, plan: Plan): Map<string, unknown> {
  const layout = scorecardLayout(plan);
  const width = SCORECARD_KEY_RESULT_COLUMNS.length;
  const values = new Map<string, unknown>();
  sheet.values.forEach((line, r) =>
    line.forEach((value, c) => {
      const [row, column] = [r + sheet.origin.row, c + sheet.origin.column];
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
function shuffled(n: number): number[] {
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

const TODAY = 46000; // 2025-12-09: pace and staleness judged on one day in both evaluations.

const cases = templates.flatMap((template) =>
  (["portable", "functions"] as FormulaStyle[]).map(
    (style) => [template.id, style, withCurrents(instantiate(template))] as const
  )
);

describe.each(cases)("%s, %s formulas: sorting the Scorecard's key results", (_id, style, plan) => {
  const spec = buildWorkbook(plan, { style });
  const before = evaluateWorkbook(spec, { today: TODAY });
  const count = scorecardLayout(plan).keyResults.length;

  test.each([
    ["reversed", Array.from({ length: count }, (_, index) => count - 1 - index)],
    ["shuffled", shuffled(count)],
  ])("%s: every value on every sheet is unchanged", (_order, order) => {
    const sorted = sortKeyResults(spec, plan, order);
    const after = evaluateWorkbook(sorted, { today: TODAY });
    const card = after.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
    const first = scorecardLayout(plan).firstKeyResult;
    // The rows did move: the table's first row is now another key result.
    expect(card.values[first - card.origin.row][-card.origin.column]).toBe(
      plan.objectives.flatMap((objective) => objective.keyResults)[order[0]].id
    );
    before.sheets.forEach((sheet, index) =>
      expect(shownValues(after.sheets[index], plan)).toEqual(shownValues(sheet, plan))
    );
  });
});

test("shiftRelativeRows moves relative rows only, never inside text", () => {
  expect(
    shiftRelativeRows(`=IF($K6="",MATCH("O1.KR1",$A$6:$A$9,0),Scorecard!L6+OKR_RED_BELOW)`, 3)
  ).toBe(`=IF($K9="",MATCH("O1.KR1",$A$6:$A$9,0),Scorecard!L9+OKR_RED_BELOW)`);
});
