import { grade, health, progress, score, status } from "../src/okr/scoring";
import { instantiate, templates } from "../src/okr/templates";
import { todaySerial } from "../src/okr/values";
import { evaluateWorkbook } from "../src/hosts/memory";
import { buildWorkbook } from "../src/sheets/build";
import { KEY_RESULT_HEADERS, OBJECTIVE_HEADERS, SHEETS } from "../src/sheets/layout";
import type { FormulaStyle, WorkbookSnapshot } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { notBegunTrendCells } from "./support/trendPlan";
import { valueAt } from "../src/sheets/snapshot";
import { gridOf } from "./support/snapshotGrid";

/**
 * Both formula styles give exactly the engine's numbers and labels: every catalogue template is
 * built into a workbook, evaluated by HyperFormula (the memory host, with the OKR.* functions
 * registered from the same engine), and each key result's progress, score and status, each
 * objective's grade and status, and the plan's score and health are compared with the engine's.
 * The templates' key results are mostly pending, so each is also given current values that walk
 * through every band: below the baseline, Red, Yellow, Green, beyond the target, pending.
 */

function sheet(snapshot: WorkbookSnapshot, name: string) {
  const found = snapshot.sheets.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return (row: number, column: number) => valueAt(found, row, column);
}

function close(actual: unknown, expected: number | null): void {
  if (expected === null) expect(actual === "" || actual === null).toBe(true);
  else {
    expect(typeof actual).toBe("number");
    expect(actual as number).toBeCloseTo(expected, 9);
  }
}

const cases = templates.flatMap((template) =>
  (["portable", "functions"] as FormulaStyle[]).flatMap((style) => [
    [template.id, style, "as the catalogue has it", instantiate(template)] as const,
    [
      template.id,
      style,
      "with current values in every band",
      withCurrents(instantiate(template)),
    ] as const,
  ])
);

describe.each(cases)("%s, %s formulas, %s", (_id, style, _variant, plan) => {
  const snapshot = evaluateWorkbook(buildWorkbook(plan, { style }));
  const card = sheet(snapshot, SHEETS.scorecard);
  const K = (header: (typeof KEY_RESULT_HEADERS)[number]) => KEY_RESULT_HEADERS.indexOf(header);
  const O = (header: (typeof OBJECTIVE_HEADERS)[number]) => OBJECTIVE_HEADERS.indexOf(header);
  const keyResults = plan.objectives.flatMap((objective) => objective.keyResults);
  const firstKr = 5;
  const firstObjective = firstKr + Math.max(1, keyResults.length) + 3;

  test("every key result's progress, score and status", () => {
    keyResults.forEach((kr, index) => {
      const row = firstKr + index;
      const current = typeof kr.current === "boolean" ? kr.current : kr.current;
      expect(card(row, K("ID"))).toBe(kr.id);
      close(card(row, K("Progress")), progress(kr.baseline, kr.target, current, kr.type));
      close(card(row, K("Score")), score(kr.baseline, kr.target, current, kr.type));
      expect(card(row, K("Status"))).toBe(status(score(kr.baseline, kr.target, current, kr.type)));
    });
  });

  test("every objective's grade and status, the plan's score and health, and the counts", () => {
    const grades = plan.objectives.map((objective, index) => {
      const expected = grade(
        objective.keyResults.map((kr) => score(kr.baseline, kr.target, kr.current, kr.type)),
        objective.keyResults.map((kr) => kr.weight)
      );
      close(card(firstObjective + index, O("Score")), expected);
      expect(card(firstObjective + index, O("Status"))).toBe(status(expected));
      return expected;
    });
    const overall = grade(grades);
    close(card(2, 1), overall);
    const committed = plan.objectives.every((objective) => objective.kind === "committed");
    expect(card(2, 3) === "" ? null : card(2, 3)).toBe(
      health(overall, committed ? "committed" : "aspirational")
    );
    const statuses = keyResults.map((kr) =>
      status(score(kr.baseline, kr.target, kr.current, kr.type))
    );
    expect([card(2, 5), card(2, 7), card(2, 9), card(2, 11)]).toEqual(
      ["Red", "Yellow", "Green", "Pending"].map(
        (label) => statuses.filter((s) => s === label).length
      )
    );
  });

  test("no cell on any sheet shows an error (but #N/A in the trend's weeks not begun)", () => {
    // HyperFormula's TODAY() is today here: a week of the trend that has not begun shows #N/A,
    // which its line chart leaves out (test/trend.test.ts); no other cell may show an error.
    const dashboard = snapshot.sheets.find((candidate) => candidate.name === SHEETS.dashboard)!;
    const gaps = notBegunTrendCells(dashboard, todaySerial());
    const errors = snapshot.sheets
      .map(gridOf)
      .flatMap((candidate) =>
        candidate.values.flatMap((line, r) =>
          line.flatMap((value, c) =>
            typeof value === "string" &&
            /^#[A-Z/0!?]+[!?A]?$/.test(value) &&
            !(
              candidate.name === dashboard.name &&
              value === "#N/A" &&
              gaps.has(`${r + candidate.origin.row},${c + candidate.origin.column}`)
            )
              ? [
                  `${candidate.name}!${r + candidate.origin.row},${c + candidate.origin.column}: ${value}`,
                ]
              : []
          )
        )
      );
    expect(errors).toEqual([]);
  });
});
