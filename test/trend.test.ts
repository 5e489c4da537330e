import { appendCheckIn, insertWorkbook } from "../src/hosts/excel";
import { evaluateWorkbook, loadWorkbook } from "../src/hosts/memory";
import { buildWorkbook } from "../src/sheets/build";
import {
  TREND_CHART,
  TREND_HEADERS,
  TREND_MAX_OBJECTIVES,
  weekCount,
} from "../src/sheets/builders/trend";
import { OBJECTIVE_HEADERS, SHEETS } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import type { FormulaStyle, WorkbookSnapshot, WorkbookSpec } from "../src/sheets/spec";
import { FakeExcel } from "./support/fakeExcel";
import { excelUpTo } from "./support/handSpecs";
import { specOfFake } from "./support/insertEngineScorecard";
import {
  type LogRow,
  Q1_2026,
  TREND_LOG,
  TREND_PLAN,
  notBegunTrendCells,
  scoresAsOf,
  trendRows,
  withLog,
} from "./support/trendPlan";
import { gridOf } from "./support/snapshotGrid";

/**
 * The Dashboard's trend (issue 10) against the engine: a plan with check-ins spread over its
 * quarter is built, its log typed in, and the workbook evaluated by HyperFormula; every week's
 * cell (each objective, the plan) and the chart's series must equal the engine's scores
 * recomputed from the check-ins dated up to that week's last day (test/support/trendPlan.ts).
 * LibreOffice checks the same workbook in test/interop.test.ts.
 */

const AFTER_QUARTER = Q1_2026.end + 10;
const MID_QUARTER = Q1_2026.start + 45; // 15 February, in week 7

function sheet(snapshot: WorkbookSnapshot, name: string) {
  return gridOf(snapshot.sheets.find((candidate) => candidate.name === name)!);
}

function expectScore(where: string, actual: unknown, expected: number | null): void {
  if (expected === null) expect([where, actual]).toEqual([where, ""]);
  else {
    expect([where, typeof actual]).toEqual([where, "number"]);
    expect(actual as number).toBeCloseTo(expected, 9);
  }
}

describe.each(["portable", "functions"] as FormulaStyle[])("%s style", (style) => {
  const spec = withLog(buildWorkbook(TREND_PLAN, { style }), TREND_LOG);
  const snapshot = evaluateWorkbook(spec, { today: AFTER_QUARTER });
  const rows = trendRows(sheet(snapshot, SHEETS.dashboard));
  const checkIns = readPlan(snapshot).checkIns;

  test("one row per week of the quarter, each ending 7 days after the one before, the last on its last day", () => {
    expect(rows).toHaveLength(weekCount(Q1_2026));
    expect(rows).toHaveLength(13);
    rows.forEach((row, index) =>
      expect(row[TREND_HEADERS.week]).toBe(Math.min(Q1_2026.start + 6 + 7 * index, Q1_2026.end))
    );
  });

  test("every objective's and the plan's score equal the engine's as of each week's last day", () => {
    // The log reaches every case: the reader counts 17 of its 20 rows.
    expect(checkIns).toHaveLength(17);
    const distinct = new Set<string>();
    for (const row of rows) {
      const day = row[TREND_HEADERS.week] as number;
      const expected = scoresAsOf(TREND_PLAN, checkIns, day);
      TREND_PLAN.objectives.forEach((objective, index) =>
        expectScore(`${objective.id} as of ${day}`, row[objective.id], expected.objectives[index])
      );
      expectScore(`plan as of ${day}`, row[TREND_HEADERS.plan], expected.plan);
      distinct.add(JSON.stringify(expected));
    }
    // The scores move over the quarter (not one value repeated).
    expect(distinct.size).toBeGreaterThan(6);
  });

  test("the last week equals the Scorecard's objective scores and overall score", () => {
    const expected = scoresAsOf(TREND_PLAN, checkIns, AFTER_QUARTER);
    const last = rows[rows.length - 1];
    const card = sheet(snapshot, SHEETS.scorecard);
    const overall = card.values.find((line) => line.includes("Overall score"))!;
    const shownOverall = overall[overall.indexOf("Overall score") + 1];
    expectScore("Scorecard overall", shownOverall, expected.plan);
    expectScore("trend plan", last[TREND_HEADERS.plan], expected.plan);
  });

  test("the ideal pace rises from the first week's share of the period to 1", () => {
    const span = Q1_2026.end - Q1_2026.start;
    for (const row of rows)
      expect(row[TREND_HEADERS.idealPace]).toBeCloseTo(
        ((row[TREND_HEADERS.week] as number) - Q1_2026.start) / span,
        12
      );
    expect(rows[rows.length - 1][TREND_HEADERS.idealPace]).toBe(1);
  });

  test("the line chart's series are the table's columns: each objective, the plan and the ideal pace (dashed)", () => {
    const book = loadWorkbook(spec, { today: AFTER_QUARTER });
    try {
      const chart = book.charts().find((candidate) => candidate.spec.name === TREND_CHART)!;
      expect(chart.sheet).toBe(SHEETS.dashboard);
      expect(chart.spec.kind).toBe("line");
      expect(chart.spec.title).toMatch(/\S/);
      expect(chart.spec.description).toMatch(/ideal pace/);
      expect(chart.spec.axes).toMatchObject({ category: TREND_HEADERS.week, value: "Score" });
      expect(chart.categories).toEqual(rows.map((row) => row[TREND_HEADERS.week]));
      expect(chart.series.map((series) => series.name)).toEqual([
        ...TREND_PLAN.objectives.map((objective) => `${objective.id}: ${objective.title}`),
        TREND_HEADERS.plan,
        TREND_HEADERS.idealPace,
      ]);
      expect(chart.spec.series.map((series) => series.dashed === true)).toEqual([
        false,
        false,
        false,
        false,
        false,
        true,
      ]);
      const columns = [
        ...TREND_PLAN.objectives.map((objective) => objective.id),
        "Plan",
        "Ideal pace",
      ];
      chart.series.forEach((series, index) =>
        expect([series.name, series.values]).toEqual([
          series.name,
          rows.map((row) => row[columns[index]]),
        ])
      );
      // The chart sits right of the trend table, below the Dashboard's header row.
      const trendLeft = sheet(snapshot, SHEETS.dashboard).values.find((line) =>
        line.includes(TREND_HEADERS.week)
      )!;
      expect(chart.spec.anchor.startColumn).toBeGreaterThan(
        trendLeft.indexOf(TREND_HEADERS.idealPace)
      );
    } finally {
      book.dispose();
    }
  });
});

describe("weeks that have not begun", () => {
  const spec = withLog(buildWorkbook(TREND_PLAN), TREND_LOG);
  const snapshot = evaluateWorkbook(spec, { today: MID_QUARTER });
  const board = sheet(snapshot, SHEETS.dashboard);
  const rows = trendRows(board);
  const checkIns = readPlan(snapshot).checkIns;

  test("show #N/A in the score columns (a gap in the line), their ideal pace still shown; begun weeks as before", () => {
    const begun = rows.filter((row) => (row[TREND_HEADERS.week] as number) - 6 <= MID_QUARTER);
    expect(begun).toHaveLength(7);
    for (const row of rows) {
      const day = row[TREND_HEADERS.week] as number;
      expect(typeof row[TREND_HEADERS.idealPace]).toBe("number");
      if (begun.includes(row)) {
        const expected = scoresAsOf(TREND_PLAN, checkIns, day);
        expectScore(`plan as of ${day}`, row[TREND_HEADERS.plan], expected.plan);
      } else
        for (const header of [...TREND_PLAN.objectives.map((o) => o.id), TREND_HEADERS.plan])
          expect([day, header, row[header]]).toEqual([day, header, "#N/A"]);
    }
  });

  test("are the only error cells of the workbook", () => {
    const allowed = notBegunTrendCells(board, MID_QUARTER);
    expect(allowed.size).toBe(6 * 5);
    const errors = snapshot.sheets
      .map(gridOf)
      .flatMap((candidate) =>
        candidate.values.flatMap((line, r) =>
          line.flatMap((value, c) =>
            typeof value === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(value)
              ? [`${candidate.name}!${r + candidate.origin.row},${c + candidate.origin.column}`]
              : []
          )
        )
      );
    expect(
      errors.filter(
        (where) => !(where.startsWith(`${SHEETS.dashboard}!`) && allowed.has(where.split("!")[1]))
      )
    ).toEqual([]);
  });
});

describe("a row typed below the table without the helpers (as LibreOffice leaves it)", () => {
  // The log fills the builder's 20 rows; a 21st, typed with no formula in it, is a check-in of
  // O3.KR1 on the quarter's last day that is back under its maintain-below target.
  const typed: LogRow = [Q1_2026.end, "O3.KR1", 2, "e21"];
  const spec = withLog(buildWorkbook(TREND_PLAN), [...TREND_LOG, typed]);
  const snapshot = evaluateWorkbook(spec, { today: AFTER_QUARTER });
  const rows = trendRows(sheet(snapshot, SHEETS.dashboard));
  const checkIns = readPlan(snapshot).checkIns;

  test("counts for the Scorecard, but the trend leaves it out (its helper cells are empty)", () => {
    const log = sheet(snapshot, SHEETS.checkIns);
    expect(log.formulas[21 - log.origin.row]?.some((formula) => formula !== null) ?? false).toBe(
      false
    );
    const withTyped = scoresAsOf(TREND_PLAN, checkIns, AFTER_QUARTER);
    const withoutTyped = scoresAsOf(
      TREND_PLAN,
      checkIns.filter((checkIn) => checkIn.entry !== "e21"),
      AFTER_QUARTER
    );
    // O3 (index 2) rises from 0 to 1 with the typed row, on the Scorecard as in the engine.
    expect([withoutTyped.objectives[2], withTyped.objectives[2]]).toEqual([0, 1]);
    const card = sheet(snapshot, SHEETS.scorecard);
    const o3 = card.values.find((line) => line[0] === "O3")!;
    expect(o3[OBJECTIVE_HEADERS.indexOf("Score") - card.origin.column]).toBe(1);
    expect(rows[rows.length - 1].O3).toBe(0);
  });
});

describe("check-ins recorded by the pane (appendCheckIn) into an inserted workbook", () => {
  /** The fake Excel's workbook as a spec HyperFormula loads: each cell's constant or formula. */
  function specOfFakeExcel(fake: FakeExcel): WorkbookSpec {
    return specOfFake({
      sheets: fake.sheets.map((sheet) => ({
        name: sheet.name,
        cells: [...sheet.cells].map(([position, cell]) => {
          const [row, column] = position.split(",").map(Number);
          return [row, column, cell.value, cell.formula] as [
            number,
            number,
            string | number | boolean | null,
            string | null,
          ];
        }),
      })),
      tables: fake.tables.map(({ name, sheet, range, style }) => ({ name, sheet, range, style })),
      names: fake.names.map(({ name, formula }) => ({ name, formula })),
    });
  }

  test.each([
    ["with Table.resize (the table grows over the rows below it)", excelUpTo("1.20")],
    ["without it (the rows below stay outside the table)", excelUpTo("1.12")],
  ])(
    "%s: every row gets its helpers, and the trend equals the engine's recomputed week by week",
    async (_, isSetSupported) => {
      const fake = new FakeExcel();
      await insertWorkbook(fake.context, buildWorkbook(TREND_PLAN), { isSetSupported });
      // The log's dated rows, then more than the builder's 20 rows hold, so some go below it.
      const extra: LogRow[] = [
        [Q1_2026.start + 70, "O2.KR2", 50, "e21"],
        [Q1_2026.start + 75, "O4.KR1", 40, "e22"],
        [Q1_2026.start + 75, "O4.KR1", 60, "e23"],
      ];
      const recorded = [...TREND_LOG, ...extra].filter(([date]) => date !== null);
      for (const [date, keyResultId, value, id, replaces] of recorded) {
        const result = await appendCheckIn(
          fake.context,
          { id, date: date!, keyResultId, value: value ?? null, replaces: replaces ?? null },
          { isSetSupported }
        );
        expect(result.syncs).toBe(3);
      }
      const book = loadWorkbook(specOfFakeExcel(fake), { today: AFTER_QUARTER });
      try {
        const snapshot = book.snapshot();
        const log = sheet(snapshot, SHEETS.checkIns);
        // 22 rows, the last two below the builder's 20.
        expect(log.values.filter((line, r) => r > 0 && line[0] !== null)).toHaveLength(22);
        const checkIns = readPlan(snapshot).checkIns;
        expect(checkIns).toHaveLength(19);
        const rows = trendRows(sheet(snapshot, SHEETS.dashboard));
        for (const row of rows) {
          const day = row[TREND_HEADERS.week] as number;
          const expected = scoresAsOf(TREND_PLAN, checkIns, day);
          TREND_PLAN.objectives.forEach((objective, index) =>
            expectScore(
              `${objective.id} as of ${day}`,
              row[objective.id],
              expected.objectives[index]
            )
          );
          expectScore(`plan as of ${day}`, row[TREND_HEADERS.plan], expected.plan);
        }
        // O4, pending until then, is scored from its first check-in's week on.
        expect(rows[rows.length - 1].O4).toBeCloseTo(0.5, 12);
      } finally {
        book.dispose();
      }
    }
  );
});

describe("plans without a trend", () => {
  const hasTrend = (plan: typeof TREND_PLAN) => {
    const board = buildWorkbook(plan).sheets.find(
      (candidate) => candidate.name === SHEETS.dashboard
    )!;
    const table = board.cells.some(
      (cell) => cell.content.kind === "text" && cell.content.text === TREND_HEADERS.week
    );
    const chart = (board.charts ?? []).some((candidate) => candidate.name === TREND_CHART);
    expect(chart).toBe(table);
    return table;
  };
  const objectives = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      ...TREND_PLAN.objectives[index % TREND_PLAN.objectives.length],
      id: `O${index + 1}`,
      keyResults: [],
    }));

  test.each([
    ["a period that names no dates", false, { ...TREND_PLAN, period: "Next season" }],
    ["no objective", false, { ...TREND_PLAN, objectives: [] }],
    [
      `${TREND_MAX_OBJECTIVES} objectives`,
      true,
      { ...TREND_PLAN, objectives: objectives(TREND_MAX_OBJECTIVES) },
    ],
    [
      `${TREND_MAX_OBJECTIVES + 1} objectives`,
      false,
      { ...TREND_PLAN, objectives: objectives(TREND_MAX_OBJECTIVES + 1) },
    ],
  ])("%s: has a trend table and chart: %s", (_, expected, plan) => {
    expect(hasTrend(plan)).toBe(expected);
  });
});
