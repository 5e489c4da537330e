import type { KeyResult, Objective, Plan } from "../../src/okr/model";
import { periodDates } from "../../src/okr/period";
import { grade, score } from "../../src/okr/scoring";
import { CHECK_IN_HEADERS, SHEETS } from "../../src/sheets/layout";
import type { CheckIn } from "../../src/sheets/read";
import type { CellContent, CellSpec, SheetSnapshot, WorkbookSpec } from "../../src/sheets/spec";
import { TREND_HEADERS } from "../../src/sheets/builders/trend";
import { type DenseSheet, gridOf } from "./snapshotGrid";

/*
 * The trend's test plan and log, and the engine's scores recomputed as of a day from check-ins:
 * what the Dashboard's trend must show, week by week (test/trend.test.ts, test/interop.test.ts).
 */

export const Q1_2026 = periodDates("2026-Q1")!; // 46023 (1 January) to 46112 (31 March)

function kr(id: string, fields: Partial<KeyResult>): KeyResult {
  return {
    id,
    text: `Key result ${id}`,
    type: "increase",
    baseline: 0,
    target: 100,
    unit: null,
    current: null,
    weight: 1,
    owner: null,
    notes: [],
    ...fields,
  };
}

function objective(id: string, keyResults: KeyResult[]): Objective {
  return {
    id,
    title: `Objective ${id}`,
    owner: null,
    timeline: null,
    kind: "aspirational",
    notes: [],
    keyResults,
  };
}

/**
 * Every type, weights that differ, a key result with a plan current value and no check-in, one
 * pending throughout, one pending until its first check-in, and an objective with no key result
 * checked in at all.
 */
export const TREND_PLAN: Plan = {
  project: "Trend",
  period: "2026-Q1",
  owner: "Ann",
  contributors: [],
  status: "Active",
  alignment: null,
  objectives: [
    objective("O1", [
      kr("O1.KR1", { current: 10, weight: 2 }),
      kr("O1.KR2", { type: "decrease", baseline: 50, target: 10, current: null }),
      kr("O1.KR3", { type: "milestone", baseline: null, target: null, current: null }),
    ]),
    objective("O2", [
      kr("O2.KR1", { type: "maintain-above", baseline: 90, target: 95, current: 96 }),
      kr("O2.KR2", { baseline: 20, target: 80, current: 30, weight: 3 }),
      kr("O2.KR3", { current: null }),
    ]),
    objective("O3", [kr("O3.KR1", { type: "maintain-below", baseline: 5, target: 3, current: 4 })]),
    objective("O4", [kr("O4.KR1", { current: null }), kr("O4.KR2", { current: null })]),
  ],
};

/** One row of the log as typed: date (a serial), key result, value, entry and the entry it replaces. */
export type LogRow = [
  date: number | null,
  keyResult: string,
  value: number | string | boolean | null,
  entry?: string,
  replaces?: string,
];

const D = Q1_2026.start;

/**
 * Check-ins spread over the quarter: several on one day (a mean), a correction and a withdrawal,
 * milestone words, a key result not on the Scorecard, a row without a date, and rows out of date
 * order (the log is in the order people wrote it, not by date).
 */
export const TREND_LOG: LogRow[] = [
  [D + 3, "O1.KR1", 20, "e1"],
  [D + 10, "O1.KR2", 40, "e2"],
  [D + 10, "O1.KR2", 30, "e3"],
  [D + 17, "O2.KR1", 94, "e4"],
  [D + 20, "O1.KR1", 35, "e5"],
  [D + 24, "O1.KR1", 50, "e6"],
  [D + 24, "O1.KR1", 60, "e7", "e6"],
  [D + 31, "O3.KR1", 2.5, "e8"],
  [D + 38, "O1.KR3", "not done", "e9"],
  [D + 45, "O9.KR9", 70, "e10"],
  [D + 46, "O2.KR1", 97, "e11"],
  [D + 52, "O1.KR2", 22, "e12"],
  [null, "O1.KR1", 90, "e13"],
  [D + 59, "O1.KR3", "done", "e14"],
  [D + 61, "O1.KR1", 80, "e15"],
  [D + 40, "O1.KR1", 45, "e16"],
  [D + 66, "O3.KR1", 3.5, "e17"],
  [D + 66, "O1.KR1", null, "e18", "e15"],
  [D + 80, "O1.KR2", 8, "e19"],
  [D + 88, "O2.KR1", 93, "e20"],
];

const LOG = (header: (typeof CHECK_IN_HEADERS)[number]) => CHECK_IN_HEADERS.indexOf(header);

/** The built workbook with the log's rows typed into the Check-ins table from its first row. */
export function withLog(spec: WorkbookSpec, log: readonly LogRow[]): WorkbookSpec {
  const sheet = spec.sheets.find((candidate) => candidate.name === SHEETS.checkIns)!;
  const cells: CellSpec[] = [...sheet.cells];
  log.forEach(([date, keyResult, value, entry, replaces], index) => {
    const row = index + 1;
    const put = (header: (typeof CHECK_IN_HEADERS)[number], content: CellContent | null) => {
      if (content !== null) cells.push({ row, column: LOG(header), content });
    };
    put("Date", date === null ? null : { kind: "date", serial: date });
    put("Key Result", { kind: "text", text: keyResult });
    put(
      "Value",
      value === null
        ? null
        : typeof value === "number"
          ? { kind: "number", value }
          : typeof value === "boolean"
            ? { kind: "boolean", value }
            : { kind: "text", text: value }
    );
    put("Entry", entry ? { kind: "text", text: entry } : null);
    put("Replaces", replaces ? { kind: "text", text: replaces } : null);
  });
  return {
    ...spec,
    sheets: spec.sheets.map((candidate) => (candidate === sheet ? { ...sheet, cells } : candidate)),
  };
}

/** A check-in's value as the Scorecard's Current takes it: done, yes and TRUE count as 1. */
function counted(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === true) return 1;
  if (typeof value === "string" && ["done", "yes"].includes(value.trim().toLowerCase())) return 1;
  return 0;
}

/**
 * The engine's scores as of `day`, recomputed from the check-ins that count (as readPlan gives
 * them: corrections and withdrawals applied) dated on or before it: each key result's current
 * value is the mean of its latest such day's check-ins, else the plan's own; its score, each
 * objective's grade and the plan's (the objectives' unweighted mean) are src/okr/scoring's.
 */
export function scoresAsOf(
  plan: Plan,
  checkIns: readonly CheckIn[],
  day: number
): { objectives: (number | null)[]; plan: number | null } {
  const objectives = plan.objectives.map((objective) =>
    grade(
      objective.keyResults.map((keyResult) => {
        const own = checkIns.filter(
          (checkIn) =>
            checkIn.keyResultId.toLowerCase() === keyResult.id.toLowerCase() &&
            checkIn.date !== null &&
            checkIn.date <= day
        );
        const latest = Math.max(...own.map((checkIn) => checkIn.date!));
        const thatDay = own.filter((checkIn) => checkIn.date === latest);
        const current =
          thatDay.length === 0
            ? keyResult.current
            : thatDay.reduce((sum, checkIn) => sum + counted(checkIn.value), 0) / thatDay.length;
        return score(keyResult.baseline, keyResult.target, current, keyResult.type);
      }),
      objective.keyResults.map((keyResult) => keyResult.weight)
    )
  );
  return { objectives, plan: grade(objectives) };
}

/** The Dashboard's trend as the workbook shows it: a row per week, by header. */
export function trendRows(
  sheet: SheetSnapshot | DenseSheet
): Record<string, string | number | boolean | null>[] {
  const { values, origin } = "rows" in sheet ? gridOf(sheet) : sheet;
  for (let r = 0; r < values.length; r++) {
    const c = values[r].indexOf(TREND_HEADERS.week);
    if (c === -1) continue;
    const headers = values[r].slice(c).map((value) => (value === null ? null : String(value)));
    const width = headers.indexOf(TREND_HEADERS.idealPace) + 1;
    const rows: Record<string, string | number | boolean | null>[] = [];
    for (let below = r + 1; below < values.length; below++) {
      const week = values[below][c] ?? null;
      if (week === null || week === "") break;
      rows.push(
        Object.fromEntries(
          headers
            .slice(0, width)
            .map((header, offset) => [header, values[below][c + offset] ?? null])
        )
      );
    }
    return rows;
  }
  throw new Error(`${sheet.name} (from row ${origin.row + 1}): no trend table`);
}

/**
 * The cells of a trend that may show #N/A: the score columns of the weeks that have not begun on
 * `today`, where a line chart leaves a gap. Every other cell must show no error.
 */
export function notBegunTrendCells(sheet: SheetSnapshot | DenseSheet, today: number): Set<string> {
  const cells = new Set<string>();
  const { values, origin } = "rows" in sheet ? gridOf(sheet) : sheet;
  for (let r = 0; r < values.length; r++) {
    const c = values[r].indexOf(TREND_HEADERS.week);
    if (c === -1) continue;
    const pace = values[r].indexOf(TREND_HEADERS.idealPace);
    for (let below = r + 1; below < values.length; below++) {
      const week = values[below][c];
      if (typeof week !== "number") break;
      if (week - 6 <= today) continue;
      for (let column = c + 1; column < pace; column++)
        cells.add(`${below + origin.row},${column + origin.column}`);
    }
  }
  return cells;
}
