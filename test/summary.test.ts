import fc from "fast-check";
import type { KeyResult, Objective, Plan } from "../src/okr/model";
import { periodDates } from "../src/okr/period";
import { checkWorkbook, type Location, type WorkbookFacts } from "../src/okr/rules";
import { grade, health, pace, score, status } from "../src/okr/scoring";
import {
  summarize,
  SUMMARY_ERROR,
  SUMMARY_STATUSES,
  type Summary,
  type SummaryStatus,
} from "../src/okr/summary";
import { instantiate, templateById, templates } from "../src/okr/templates";
import {
  DISPLAY_DECIMALS,
  PACE,
  PACE_BEHIND_UP_TO,
  STALE_AFTER_DAYS,
  STATUS,
} from "../src/okr/thresholds";
import { roundTo, todaySerial } from "../src/okr/values";
import { evaluateWorkbook } from "../src/hosts/memory";
import { buildWorkbook } from "../src/sheets/build";
import {
  CHECK_IN_HEADERS,
  KEY_RESULT_HEADERS,
  KEY_RESULT_HELPER_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  SHEETS,
} from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import {
  cellAddress,
  type FormulaStyle,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../src/sheets/spec";
import { factsOf } from "./support/facts";
import { withCurrents } from "./support/plans";
import { propertyRuns, Reach } from "./support/reach";
import { wellFormedPlan } from "./support/workbookArbitraries";
import { cellsOf } from "../src/sheets/snapshot";
import { gridOf } from "./support/snapshotGrid";

/**
 * The scorecard summary the task pane shows: table-driven cases on facts made from small plans
 * (as readPlan reports them), agreement with what every template's built workbook computes in
 * HyperFormula (read back with readPlan, as the pane reads a workbook), and a property over
 * well-formed plans with check-ins, some of them spoiled.
 */

const AS_OF = 46_100; // 2026-03-20
const Q1_2026 = periodDates("2026-Q1")!; // 46023 to 46112

function kr(id: string, fields: Partial<KeyResult> = {}): KeyResult {
  return {
    id,
    text: `Raise metric ${id} from 0 to 100`,
    type: "increase",
    baseline: 0,
    target: 100,
    unit: null,
    current: null,
    weight: 1,
    owner: "Kim",
    notes: [],
    ...fields,
  };
}

function objective(
  id: string,
  keyResults: KeyResult[],
  fields: Partial<Objective> = {}
): Objective {
  return {
    id,
    title: `Objective ${id}`,
    owner: "Kim",
    timeline: null,
    kind: "aspirational",
    notes: [],
    keyResults,
    ...fields,
  };
}

function plan(objectives: Objective[], fields: Partial<Plan> = {}): Plan {
  return {
    project: "Atlas",
    period: "2026-Q1",
    owner: "Kim",
    contributors: [],
    status: "Active",
    alignment: null,
    objectives,
    ...fields,
  };
}

/** One objective of key results at these currents (0–100 from 0 to 100: the current is the progress in points). */
const atCurrents = (currents: (number | null)[], fields: Partial<Plan> = {}) =>
  plan(
    [
      objective(
        "O1",
        currents.map((current, index) => kr(`O1.KR${index + 1}`, { current }))
      ),
    ],
    fields
  );

const checkIn = (keyResultId: string, date: number | null, row = 2) => ({
  date,
  keyResultId,
  value: 50,
  location: { sheet: SHEETS.checkIns, address: `A${row}` },
});

const at = (address: string): Location => ({ sheet: SHEETS.scorecard, address });

// ---------------------------------------------------------------------------------------------
// What a case asserts: the summary at two decimals, as a person reads it.

const shown = (value: number | null) => (value === null ? null : roundTo(value, DISPLAY_DECIMALS));

function view(summary: Summary) {
  return {
    overall: {
      score: shown(summary.overall.score),
      health: summary.overall.health,
      kind: summary.overall.kind,
      error: summary.overall.error?.message ?? null,
    },
    counts: summary.counts,
    objectives: Object.fromEntries(
      summary.objectives.map((o) => [
        o.id,
        { score: shown(o.score), status: o.status, recordedScore: o.recordedScore },
      ])
    ),
    keyResults: Object.fromEntries(
      summary.keyResults.map((k) => [
        k.id,
        {
          score: shown(k.score),
          status: k.status,
          recordedScore: k.recordedScore,
          error: k.error,
          pace: k.pace?.pace ?? null,
          lastCheckIn: k.lastCheckIn,
        },
      ])
    ),
    atRisk: summary.atRisk.map((r) => ({
      id: r.id,
      expected: shown(r.expected),
      gap: r.gap,
      location: r.location,
    })),
    stale: summary.stale.map((s) => ({
      id: s.id,
      days: s.days,
      lastCheckIn: s.lastCheckIn,
      location: s.location,
    })),
  };
}

type View = ReturnType<typeof view>;
type Expected = {
  [K in keyof View]?: View[K] extends unknown[] ? View[K] : Partial<View[K]>;
};

const counts = (given: Partial<Record<SummaryStatus, number>>): Record<SummaryStatus, number> => ({
  Red: 0,
  Yellow: 0,
  Green: 0,
  Pending: 0,
  Error: 0,
  ...given,
});

/** Key-result ids of the check's OKR014 findings: the stale rule the summary follows. */
function staleByCheck(facts: WorkbookFacts, asOf: number): string[] {
  return checkWorkbook(facts, { asOf, rules: ["OKR014"] }).map(
    (finding) => /^(\S+) "/.exec(finding.message)![1]
  );
}

const completed = instantiate(templateById("completed-cv-q4-2025")!);
const customerExperience = withCurrents(instantiate(templateById("customer-experience")!));
const FY_2026 = periodDates("FY 2026")!;
const MID_2026 = FY_2026.start + 182; // half of FY 2026's 364 days

const cases: [string, WorkbookFacts, number, Expected][] = [
  [
    "a template with currents in every band (Active, no check-in yet)",
    factsOf({ ...customerExperience, status: "Active" }),
    MID_2026,
    {
      overall: { score: 0.61, health: "Below target", kind: "aspirational", error: null },
      counts: counts({ Red: 1, Yellow: 1, Green: 2 }),
      objectives: { O1: { score: 0.61, status: "Yellow", recordedScore: null } },
      atRisk: [{ id: "O1.KR1", expected: 0.5, gap: 0.3, location: at("I6") }],
      stale: ["O1.KR1", "O1.KR2", "O1.KR3", "O1.KR4"].map((id, index) => ({
        id,
        days: 182,
        lastCheckIn: null,
        location: at(`O${6 + index}`),
      })),
    },
  ],
  [
    "the framework's completed Q4 2025 sample, with the scores the document reports",
    factsOf(completed, {
      recorded: Object.fromEntries(
        completed.objectives[0].keyResults.map((k) => [
          k.id,
          { score: k.recordedScore, status: null, formulas: {} },
        ])
      ),
    }),
    AS_OF,
    {
      overall: { score: 0.73, health: "Ideal", kind: "aspirational", error: null },
      counts: counts({ Red: 1, Green: 3 }),
      // The document states 0.75 for the objective and 0.69 for KR3; the engine gives 0.73, 0.79.
      objectives: { O1: { score: 0.73, status: "Green", recordedScore: 0.75 } },
      keyResults: {
        "O1.KR1": {
          score: 1,
          status: "Green",
          recordedScore: null,
          error: null,
          pace: "On track",
          lastCheckIn: null,
        },
        "O1.KR2": {
          score: 0.81,
          status: "Green",
          recordedScore: null,
          error: null,
          pace: "Behind",
          lastCheckIn: null,
        },
        "O1.KR3": {
          score: 0.79,
          status: "Green",
          recordedScore: 0.69,
          error: null,
          pace: "Behind",
          lastCheckIn: null,
        },
        "O1.KR4": {
          score: 0.33,
          status: "Red",
          recordedScore: null,
          error: null,
          pace: "At risk",
          lastCheckIn: null,
        },
      },
      // The quarter is over: everything was expected (1.00); 1 of 3 lines is 0.67 short.
      atRisk: [{ id: "O1.KR4", expected: 1, gap: 0.67, location: at("I9") }],
      // Completed, not Active: nothing is stale.
      stale: [],
    },
  ],
  [
    "every key result pending: no overall score, no health, no pace",
    factsOf(atCurrents([null, null, null], { status: "Draft" })),
    AS_OF,
    {
      overall: { score: null, health: null, kind: "aspirational", error: null },
      counts: counts({ Pending: 3 }),
      objectives: { O1: { score: null, status: "Pending", recordedScore: null } },
      atRisk: [],
      stale: [],
    },
  ],
  [
    "a pending key result is left out of its objective's score, a pending objective out of the overall",
    factsOf(
      plan([
        objective("O1", [
          kr("O1.KR1", { current: 80 }),
          kr("O1.KR2"),
          kr("O1.KR3", { current: 40 }),
        ]),
        objective("O2", [kr("O2.KR1")]),
      ]),
      { checkIns: ["O1.KR1", "O1.KR2", "O1.KR3", "O2.KR1"].map((id) => checkIn(id, AS_OF - 1)) }
    ),
    AS_OF,
    {
      overall: { score: 0.6, health: "Below target", error: null },
      counts: counts({ Green: 1, Yellow: 1, Pending: 2 }),
      objectives: {
        O1: { score: 0.6, status: "Yellow", recordedScore: null },
        O2: { score: null, status: "Pending", recordedScore: null },
      },
      stale: [],
    },
  ],
  [
    "a current cell that shows an error: the key result, its objective and the overall are errors",
    factsOf(
      plan([
        objective("O1", [kr("O1.KR1", { current: 80 }), kr("O1.KR2")]),
        objective("O2", [kr("O2.KR1", { current: 90 })]),
      ]),
      { problems: [{ location: at("I7"), message: "current shows the error #DIV/0!" }] }
    ),
    AS_OF,
    {
      overall: {
        score: null,
        health: null,
        error: "O1: O1.KR2: current shows the error #DIV/0!",
      },
      counts: counts({ Green: 2, Error: 1 }),
      objectives: {
        O1: { score: null, status: SUMMARY_ERROR, recordedScore: null },
        O2: { score: 0.9, status: "Green", recordedScore: null },
      },
      keyResults: {
        "O1.KR2": {
          score: null,
          status: SUMMARY_ERROR,
          recordedScore: null,
          error: { message: "current shows the error #DIV/0!", location: at("I7") },
          pace: null,
          lastCheckIn: null,
        },
      },
    },
  ],
  [
    "a score and a status cell that show errors, and numbers the engine cannot score",
    factsOf(atCurrents([50, 60, null], { status: "Draft" }), {
      recorded: {
        "O1.KR1": { score: "#N/A", status: "#N/A", formulas: { score: "=NA()" } },
        "O1.KR2": { score: 0.6, status: "#VALUE!", formulas: {} },
      },
    }),
    AS_OF,
    {
      counts: counts({ Error: 2, Pending: 1 }),
      keyResults: {
        "O1.KR1": {
          score: null,
          status: SUMMARY_ERROR,
          recordedScore: null,
          error: { message: "score shows the error #N/A", location: at("K6") },
          pace: null,
          lastCheckIn: null,
        },
        "O1.KR2": {
          score: null,
          status: SUMMARY_ERROR,
          recordedScore: 0.6,
          error: { message: "status shows the error #VALUE!", location: at("L7") },
          pace: null,
          lastCheckIn: null,
        },
      },
    },
  ],
  [
    "a target that equals its baseline",
    factsOf(plan([objective("O1", [kr("O1.KR1", { baseline: 72, target: 72, current: 80 })])]), {
      checkIns: [checkIn("O1.KR1", AS_OF - 2)],
    }),
    AS_OF,
    {
      overall: { score: null, health: null, error: "O1: O1.KR1: target equals baseline (72)" },
      counts: counts({ Error: 1 }),
      objectives: { O1: { score: null, status: SUMMARY_ERROR, recordedScore: null } },
      stale: [],
    },
  ],
  [
    "weights: an objective's score is its key results' weighted mean",
    factsOf(
      plan(
        [
          objective("O1", [
            kr("O1.KR1", { current: 100, weight: 3 }),
            kr("O1.KR2", { current: 0, weight: 1 }),
            kr("O1.KR3", { weight: 5 }),
          ]),
        ],
        { status: "Completed" }
      )
    ),
    AS_OF,
    {
      overall: { score: 0.75, health: "Ideal", error: null },
      objectives: { O1: { score: 0.75, status: "Green", recordedScore: null } },
      counts: counts({ Green: 1, Red: 1, Pending: 1 }),
    },
  ],
  [
    "a committed plan above 0.9 is Strong",
    factsOf(
      plan(
        [
          objective("O1", [kr("O1.KR1", { current: 95 })], { kind: "committed" }),
          objective("O2", [kr("O2.KR1", { current: 100 })], { kind: "committed" }),
        ],
        { status: "Completed" }
      )
    ),
    AS_OF,
    { overall: { score: 0.98, health: "Strong", kind: "committed", error: null } },
  ],
  [
    "the same plan with one aspirational objective is Too easy",
    factsOf(
      plan(
        [
          objective("O1", [kr("O1.KR1", { current: 95 })], { kind: "committed" }),
          objective("O2", [kr("O2.KR1", { current: 100 })]),
        ],
        { status: "Completed" }
      )
    ),
    AS_OF,
    { overall: { score: 0.98, health: "Too easy", kind: "aspirational", error: null } },
  ],
  [
    "stale and fresh check-ins on an Active plan",
    factsOf(atCurrents([50, 50, 50, 50, 50]), {
      checkIns: [
        checkIn("O1.KR1", AS_OF - 10),
        checkIn("O1.KR2", AS_OF - 50),
        checkIn("O1.KR2", AS_OF - 40),
        checkIn("O1.KR4", AS_OF - STALE_AFTER_DAYS),
        checkIn("O1.KR5", null),
        checkIn("O9.KR9", AS_OF),
      ],
    }),
    AS_OF,
    {
      keyResults: {
        "O1.KR1": {
          score: 0.5,
          status: "Yellow",
          recordedScore: null,
          error: null,
          // 0.87 of the quarter has gone by.
          pace: "At risk",
          lastCheckIn: AS_OF - 10,
        },
      },
      stale: [
        { id: "O1.KR2", days: 40, lastCheckIn: AS_OF - 40, location: at("O7") },
        // Never checked in: the period started 77 days ago.
        { id: "O1.KR3", days: 77, lastCheckIn: null, location: at("O8") },
        // O1.KR4's check-in is exactly the stale limit old: not stale yet. O1.KR5's has no date.
        { id: "O1.KR5", days: 77, lastCheckIn: null, location: at("O10") },
      ],
    },
  ],
  [
    "no check-in, but the period started less than the stale limit ago",
    factsOf(atCurrents([50, 50])),
    Q1_2026.start + STALE_AFTER_DAYS,
    { stale: [] },
  ],
  [
    "a draft plan is never stale",
    factsOf(atCurrents([50, 50], { status: "Draft" })),
    AS_OF,
    { stale: [] },
  ],
  [
    "pace: at risk, behind, on track (day 45 of 89: 0.51 expected)",
    factsOf(atCurrents([90, 40, 20, 25.6, null])),
    46_068,
    {
      keyResults: {
        "O1.KR1": expect.objectContaining({ pace: PACE.onTrack }),
        "O1.KR2": expect.objectContaining({ pace: PACE.behind }),
        "O1.KR3": expect.objectContaining({ pace: PACE.atRisk }),
        // Exactly 0.25 behind, at two decimals: still Behind.
        "O1.KR4": expect.objectContaining({ pace: PACE.behind }),
        "O1.KR5": expect.objectContaining({ pace: null }),
      },
      atRisk: [{ id: "O1.KR3", expected: 0.51, gap: 0.31, location: at("I8") }],
    },
  ],
  [
    "a period without dates has no pace and is not stale by its start",
    factsOf(atCurrents([10, 20], { period: "Q[Quarter] [Year]" })),
    AS_OF,
    {
      keyResults: {
        "O1.KR1": expect.objectContaining({ pace: null, status: STATUS.red }),
        "O1.KR2": expect.objectContaining({ pace: null, status: STATUS.red }),
      },
      atRisk: [],
      stale: [],
    },
  ],
];

describe("summarize, case by case", () => {
  test.each(cases)("%s", (_name, facts, asOf, expected) => {
    expect(view(summarize(facts, { asOf })!)).toMatchObject(expected);
  });

  test.each(cases)("%s: stale exactly where the check finds OKR014", (_name, facts, asOf) => {
    expect(summarize(facts, { asOf })!.stale.map((s) => s.id)).toEqual(staleByCheck(facts, asOf));
  });

  test("no plan, no summary", () => {
    expect(summarize(factsOf(null), { asOf: AS_OF })).toBeNull();
  });

  test("every key result is counted once, under its status", () => {
    for (const [, facts, asOf] of cases) {
      const summary = summarize(facts, { asOf })!;
      expect(Object.keys(summary.counts)).toEqual([...SUMMARY_STATUSES]);
      for (const label of SUMMARY_STATUSES) {
        expect(summary.counts[label]).toBe(
          summary.keyResults.filter((k) => k.status === label).length
        );
      }
    }
  });

  test("the day defaults to today; a day that is not a date is refused", () => {
    const facts = factsOf(atCurrents([50]));
    const before = todaySerial();
    expect([before, todaySerial()]).toContain(summarize(facts)!.asOf);
    expect(() => summarize(facts, { asOf: Number.NaN })).toThrow("asOf is not a date: NaN");
  });
});

// ---------------------------------------------------------------------------------------------
// Agreement with the built workbook: every template, both formula styles, evaluated by
// HyperFormula on the judged day, read back with readPlan as the pane reads a workbook.

/** Every cell a snapshot shows, by "Sheet!A1". */
function cells(snapshot: WorkbookSnapshot): Map<string, unknown> {
  const shownCells = new Map<string, unknown>();
  for (const sheet of snapshot.sheets)
    for (const { row, column, value } of cellsOf(sheet))
      shownCells.set(`${sheet.name}!${cellAddress(row, column)}`, value);
  return shownCells;
}

const cellOf = (shownCells: Map<string, unknown>, location: Location | null | undefined) =>
  location ? (shownCells.get(`${location.sheet}!${location.address}`) ?? null) : null;

/** The cell right of the first cell on `sheet` that shows `label`. */
function besideLabel(snapshot: WorkbookSnapshot, sheetName: string, label: string): unknown {
  const sheet = gridOf(snapshot.sheets.find((candidate) => candidate.name === sheetName)!);
  for (const line of sheet.values) {
    const index = line.indexOf(label);
    if (index >= 0) return line[index + 1];
  }
  throw new Error(`no ${label} on ${sheetName}`);
}

/** The Monthly Review's row for a key result, by header. */
function reviewRow(snapshot: WorkbookSnapshot, id: string) {
  const sheet = gridOf(snapshot.sheets.find((candidate) => candidate.name === SHEETS.review)!);
  const line = sheet.values.find((candidate) => candidate[0] === id)!;
  return (header: (typeof REVIEW_KEY_RESULT_HEADERS)[number]) =>
    line[REVIEW_KEY_RESULT_HEADERS.indexOf(header)];
}

const LOG = (header: (typeof CHECK_IN_HEADERS)[number]) => CHECK_IN_HEADERS.indexOf(header);
const PLAN_CURRENT = KEY_RESULT_HEADERS.length + KEY_RESULT_HELPER_HEADERS.indexOf("Plan Current");

/**
 * Adds check-ins to a built workbook: each key result with a value gets one, `daysAgo(index)`
 * days before `asOf` (none when null), with the value the plan holds, so the scores stay.
 */
function withCheckIns(
  spec: WorkbookSpec,
  asOf: number,
  daysAgo: (index: number) => number | null,
  values: Record<string, number> = {}
): WorkbookSpec {
  const card = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
  const log = spec.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!;
  const idColumn = KEY_RESULT_HEADERS.indexOf("ID");
  const rows = card.cells.filter(
    (cell) => cell.column === idColumn && cell.row > 4 && cell.content.kind === "text"
  );
  let next = 1;
  const added = [...log.cells];
  rows.forEach((idCell, index) => {
    const id = idCell.content.kind === "text" ? idCell.content.text : "";
    if (!/\.KR\d+$/.test(id)) return;
    const planned = card.cells.find(
      (cell) => cell.row === idCell.row && cell.column === PLAN_CURRENT
    );
    const value = values[id] ?? (planned?.content.kind === "number" ? planned.content.value : null);
    const ago = daysAgo(index);
    if (value === null || ago === null) return;
    added.push(
      { row: next, column: LOG("Date"), content: { kind: "date", serial: asOf - ago } },
      { row: next, column: LOG("Key Result"), content: { kind: "text", text: id } },
      { row: next, column: LOG("Value"), content: { kind: "number", value } }
    );
    next += 1;
  });
  return {
    ...spec,
    sheets: spec.sheets.map((sheet) => (sheet === log ? { ...log, cells: added } : sheet)),
  };
}

/** The summary of a workbook as the pane gets it, and what the workbook shows. */
function summarizeBuilt(spec: WorkbookSpec, asOf: number) {
  const snapshot = evaluateWorkbook(spec, { today: asOf });
  const facts = readPlan(snapshot);
  return { snapshot, facts, summary: summarize(facts, { asOf })! };
}

function expectAgreement(snapshot: WorkbookSnapshot, summary: Summary): void {
  const shownCells = cells(snapshot);
  const number = (value: unknown) => (value === "" || value === null ? null : value);
  const close = (actual: unknown, expected: number | null) => {
    if (expected === null) expect(number(actual)).toBeNull();
    else expect(actual as number).toBeCloseTo(expected, 9);
  };

  // The top row of the Scorecard: overall score, health, and the count per status.
  const overall = besideLabel(snapshot, SHEETS.scorecard, "Overall score");
  if (summary.overall.error) expect(String(overall)).toMatch(/^#/);
  else close(overall, summary.overall.score);
  const shownHealth = besideLabel(snapshot, SHEETS.scorecard, "Health");
  if (!summary.overall.error) expect(number(shownHealth)).toBe(summary.overall.health);
  for (const label of [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending])
    expect([label, besideLabel(snapshot, SHEETS.scorecard, label)]).toEqual([
      label,
      summary.counts[label],
    ]);

  for (const o of summary.objectives) {
    const [scoreCell, statusCell] = [
      cellOf(shownCells, o.locations?.fields.score),
      cellOf(shownCells, o.locations?.fields.status),
    ];
    if (o.status === SUMMARY_ERROR)
      expect([String(scoreCell), String(statusCell)]).toEqual([
        expect.stringMatching(/^#/),
        expect.stringMatching(/^#/),
      ]);
    else {
      close(scoreCell, o.score);
      expect(statusCell).toBe(o.status);
    }
  }

  for (const k of summary.keyResults) {
    const [scoreCell, statusCell] = [
      cellOf(shownCells, k.locations?.fields.score),
      cellOf(shownCells, k.locations?.fields.status),
    ];
    if (k.status === SUMMARY_ERROR) expect(String(statusCell)).toMatch(/^#/);
    else {
      close(scoreCell, k.score);
      expect(statusCell).toBe(k.status);
    }
    // The Monthly Review's pace, at-risk and stale flags, and days since the last check-in.
    const review = reviewRow(snapshot, k.id);
    if (k.status !== SUMMARY_ERROR) expect(number(review("Pace"))).toBe(k.pace?.pace ?? null);
    const stale = summary.stale.find((entry) => entry.id === k.id);
    expect([k.id, review("Stale") === "Yes"]).toEqual([k.id, stale !== undefined]);
    if (stale?.lastCheckIn) expect(review("Days Since")).toBe(stale.days);
    expect(number(review("Last Check-in"))).toBe(k.lastCheckIn);
    if (k.status !== SUMMARY_ERROR)
      expect(review("At Risk") === "Yes").toBe(
        k.status === STATUS.red || summary.atRisk.some((entry) => entry.id === k.id)
      );
  }
}

describe("the summary agrees with the workbook", () => {
  const built = templates.flatMap((template) =>
    (["portable", "functions"] as FormulaStyle[]).map((style) => [template.id, style] as const)
  );

  /** Each template's workbook, summarized once (memoized: the last test reads them all). */
  const results = new Map<string, ReturnType<typeof summarizeBuilt> & { asOf: number }>();
  function run(id: string, style: FormulaStyle) {
    const key = `${id} ${style}`;
    if (!results.has(key)) {
      const plan: Plan = { ...withCurrents(instantiate(templateById(id)!)), status: "Active" };
      const dates = periodDates(plan.period);
      // Three fifths into the period, or a fixed day when the period names no dates.
      const asOf = dates ? dates.start + Math.round(0.6 * (dates.end - dates.start)) : AS_OF;
      // A check-in 3 days ago, one 45 days ago, none, in turn.
      const spec = withCheckIns(
        buildWorkbook(plan, { style }),
        asOf,
        (index) => [3, 45, null][index % 3]
      );
      results.set(key, { ...summarizeBuilt(spec, asOf), asOf });
    }
    return results.get(key)!;
  }

  test.each(built)(
    "%s, %s formulas: currents in every band, fresh, stale and missing check-ins",
    (id, style) => {
      const { snapshot, facts, summary, asOf } = run(id, style);
      expect(summary.keyResults.map((k) => k.id)).toEqual(
        instantiate(templateById(id)!).objectives.flatMap((o) => o.keyResults.map((k) => k.id))
      );
      expect(summary.counts[SUMMARY_ERROR]).toBe(0);
      expectAgreement(snapshot, summary);
      expect(summary.stale.map((s) => s.id)).toEqual(staleByCheck(facts, asOf));
    }
  );

  test("the templates' workbooks reach every status, every pace, and stale and fresh key results", () => {
    const summaries = built.map(([id, style]) => run(id, style).summary);
    const keyResults = summaries.flatMap((summary) => summary.keyResults);
    const stale = summaries.flatMap((summary) => summary.stale);
    const reached = {
      statuses: [...new Set(keyResults.map((k) => k.status))].sort(),
      paces: [...new Set(keyResults.map((k) => k.pace?.pace ?? "none"))].sort(),
      stale: [...new Set(stale.map((s) => (s.lastCheckIn === null ? "never" : "long ago")))].sort(),
      fresh: keyResults.some((k) => k.lastCheckIn !== null && !stale.some((s) => s.id === k.id)),
      overall: [...new Set(summaries.map((summary) => summary.overall.health ?? "none"))].sort(),
    };
    expect(reached).toEqual({
      statuses: [STATUS.green, STATUS.pending, STATUS.red, STATUS.yellow],
      paces: [PACE.atRisk, PACE.behind, "none", PACE.onTrack].sort(),
      stale: ["long ago", "never"],
      fresh: true,
      overall: ["Below target", "Concerning"],
    });
  });

  test.each(["portable", "functions"] as FormulaStyle[])(
    "%s formulas: a cell that shows an error and numbers that cannot be scored are errors, as the workbook shows",
    (style) => {
      const broken = plan([
        objective("O1", [
          kr("O1.KR1", { current: 80 }),
          kr("O1.KR2", { baseline: 72, target: 72, current: 80 }),
        ]),
        objective("O2", [kr("O2.KR1", { current: 30 }), kr("O2.KR2", { current: 50 })]),
        objective("O3", [kr("O3.KR1", { current: 70 })]),
      ]);
      const spec = buildWorkbook(broken, { style });
      // O2.KR2's plan value is a formula that fails: its Current cell shows #DIV/0!.
      const card = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
      const planned = card.cells.find((cell) => cell.row === 8 && cell.column === PLAN_CURRENT)!;
      planned.content = { kind: "formula", formula: "=1/0" };
      const { snapshot, summary } = summarizeBuilt(spec, AS_OF);
      expect(view(summary)).toMatchObject({
        overall: { score: null, health: null, error: "O1: O1.KR2: target equals baseline (72)" },
        counts: counts({ Red: 1, Green: 2, Error: 2 }),
        objectives: {
          O1: { score: null, status: SUMMARY_ERROR },
          O2: { score: null, status: SUMMARY_ERROR },
          O3: { score: 0.7, status: STATUS.green },
        },
      });
      expect(summary.keyResults.find((k) => k.id === "O2.KR2")!.error).toEqual({
        message: "current shows the error #DIV/0!",
        location: at("I9"),
      });
      expectAgreement(snapshot, summary);
    }
  );

  test("a check-in moves the summary: the new value scores and the key result is fresh", () => {
    const start = atCurrents([20, 60]);
    const spec = buildWorkbook(start);
    const before = summarizeBuilt(spec, AS_OF).summary;
    expect(before.keyResults.map((k) => [k.id, shown(k.score), k.status])).toEqual([
      ["O1.KR1", 0.2, STATUS.red],
      ["O1.KR2", 0.6, STATUS.yellow],
    ]);
    expect(before.stale.map((s) => s.id)).toEqual(["O1.KR1", "O1.KR2"]);
    const after = summarizeBuilt(
      withCheckIns(spec, AS_OF, (index) => (index === 0 ? 1 : null), { "O1.KR1": 75 }),
      AS_OF
    );
    expect(view(after.summary)).toMatchObject({
      overall: { score: 0.68, health: "Below target" },
      counts: counts({ Green: 1, Yellow: 1 }),
      keyResults: {
        "O1.KR1": expect.objectContaining({ score: 0.75, status: "Green", lastCheckIn: AS_OF - 1 }),
      },
      stale: [expect.objectContaining({ id: "O1.KR2" })],
    });
    expectAgreement(after.snapshot, after.summary);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over well-formed plans, their check-ins, and a spoiled cell now and then.

type Spoil = "none" | "target equals baseline" | "error in a cell";

const checkedPlan = fc
  .tuple(
    wellFormedPlan,
    fc.integer({ min: -20, max: 130 }),
    fc.array(fc.tuple(fc.nat(), fc.option(fc.integer({ min: 0, max: 80 }), { freq: 8 })), {
      maxLength: 12,
    }),
    fc.oneof(
      { arbitrary: fc.constant<Spoil>("none"), weight: 6 },
      { arbitrary: fc.constantFrom<Spoil>("target equals baseline", "error in a cell"), weight: 2 }
    ),
    fc.nat()
  )
  .map(([plan, day, logged, spoil, which]) => {
    const period = periodDates(plan.period)!;
    const asOf = period.start + day;
    const ids = plan.objectives.flatMap((o) => o.keyResults.map((k) => k.id));
    const spoiled = ids[which % ids.length];
    const broken: Plan =
      spoil === "target equals baseline"
        ? {
            ...plan,
            objectives: plan.objectives.map((o) => ({
              ...o,
              keyResults: o.keyResults.map((k) =>
                k.id === spoiled
                  ? { ...k, type: "increase" as const, baseline: 5, target: 5, current: 7 }
                  : k
              ),
            })),
          }
        : plan;
    const facts = factsOf(broken, {
      checkIns: logged.map(([at, ago], row) =>
        checkIn(ids[at % ids.length], ago === null ? null : asOf - ago, row + 2)
      ),
    });
    if (spoil === "error in a cell")
      facts.problems = [
        {
          location: facts.locations.keyResults[spoiled]!.fields.current!,
          message: "current shows the error #N/A",
        },
      ];
    return { facts, asOf, spoil, spoiled };
  });

describe("summarize, over well-formed plans", () => {
  test("gives the engine's scores, statuses, grades, health, pace and OKR014's stale set", () => {
    const reach = new Reach<"overall score" | "pending" | "error">();
    fc.assert(
      fc.property(checkedPlan, ({ facts, asOf, spoil, spoiled }) => {
        const plan = facts.plan!;
        const summary = summarize(facts, { asOf })!;
        const period = periodDates(plan.period)!;
        const keyResults = plan.objectives.flatMap((o) => o.keyResults);
        reach.record(
          summary.overall.score !== null
            ? "overall score"
            : summary.overall.error
              ? "error"
              : "pending"
        );

        // Every key result: the engine's score and status, or Error where it is spoiled.
        expect(summary.keyResults.map((k) => k.id)).toEqual(keyResults.map((k) => k.id));
        keyResults.forEach((k, index) => {
          const got = summary.keyResults[index];
          if (spoil !== "none" && k.id === spoiled) {
            expect([got.status, got.score, got.pace]).toEqual([SUMMARY_ERROR, null, null]);
            return;
          }
          const expected = score(k.baseline, k.target, k.current, k.type);
          expect([got.score, got.status]).toEqual([expected, status(expected)]);
          expect(got.pace?.pace ?? null).toBe(
            pace(k.baseline, k.target, k.current, period.start, period.end, asOf, k.type)
          );
        });
        const total = SUMMARY_STATUSES.reduce((sum, label) => sum + summary.counts[label], 0);
        expect(total).toBe(keyResults.length);

        // Objectives: the weighted mean, or Error when one of their key results is.
        plan.objectives.forEach((o, index) => {
          const got = summary.objectives[index];
          if (spoil !== "none" && o.keyResults.some((k) => k.id === spoiled)) {
            expect([got.status, got.score]).toEqual([SUMMARY_ERROR, null]);
            return;
          }
          const expected = grade(
            o.keyResults.map((k) => score(k.baseline, k.target, k.current, k.type)),
            o.keyResults.map((k) => k.weight)
          );
          expect([got.score, got.status]).toEqual([expected, status(expected)]);
        });

        // Overall: the mean of the objectives' scores with the health for the plan's kind.
        if (spoil !== "none") expect(summary.overall.error?.message).toMatch(/^O\d+: /);
        else {
          const overall = grade(summary.objectives.map((o) => o.score));
          expect(summary.overall.score).toBe(overall);
          expect(summary.overall.health).toBe(health(overall, summary.overall.kind));
        }
        expect(summary.overall.kind === "committed").toBe(
          plan.objectives.every((o) => o.kind === "committed")
        );

        // At risk: exactly the key results whose pace is At risk, more than the Behind limit short.
        expect(summary.atRisk.map((r) => r.id)).toEqual(
          summary.keyResults.filter((k) => k.pace?.pace === PACE.atRisk).map((k) => k.id)
        );
        for (const risk of summary.atRisk) {
          expect(risk.gap).toBeGreaterThan(PACE_BEHIND_UP_TO);
          expect(risk.expected).toBeGreaterThanOrEqual(0);
          expect(risk.expected).toBeLessThanOrEqual(1);
        }

        expect(summary.stale.map((s) => s.id)).toEqual(staleByCheck(facts, asOf));
      }),
      { numRuns: propertyRuns(300) }
    );
    // Measured: about 74% of the runs reach an overall score, 25% an error, 2% all pending.
    reach.expectShare(0.55, "overall score");
    reach.expectShare(0.1, "error");
  });
});
