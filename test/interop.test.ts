import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import type { Plan } from "../src/okr/model";
import { grade, health, progress, score, status } from "../src/okr/scoring";
import { STATUS } from "../src/okr/thresholds";
import { todaySerial } from "../src/okr/values";
import { instantiate, templateById, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { scorecardLayout } from "../src/sheets/builders/scorecard";
import { TREND_HEADERS } from "../src/sheets/builders/trend";
import { readPlan } from "../src/sheets/read";
import {
  DASHBOARD_HEADERS,
  KEY_RESULT_HEADERS,
  OBJECTIVE_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  REVIEW_OBJECTIVE_HEADERS,
  SHEETS,
} from "../src/sheets/layout";
import type { WorkbookSnapshot, WorkbookSpec } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import {
  Q1_2026,
  TREND_LOG,
  TREND_PLAN,
  notBegunTrendCells,
  scoresAsOf,
  trendRows,
  withLog,
} from "./support/trendPlan";
import {
  convert,
  makeProfile,
  renderScorecardPicture,
  renderSheetPicture,
} from "./support/scorecardPicture";
import { shownValues, shuffled, sortKeyResults } from "./support/sortScorecard";
import { type DenseSheet, gridOf } from "./support/snapshotGrid";

/**
 * Checked by a real spreadsheet program. Every catalogue template is written to .xlsx by the xlsx
 * host and converted by LibreOffice (headless), which recalculates every formula on load; the
 * converted file's computed values are then compared with the scoring engine's: each key result's
 * progress, score and status, each objective's score and status, the plan's score, health and
 * status counts, on the Scorecard, the Dashboard and the Monthly Review, and no cell on any
 * sheet may show an error. The portable style must compute completely; the OKR.* functions are
 * unknown to LibreOffice, so a file in that style must only open and convert. The README's
 * picture of the Scorecard is rendered too, into the suite's temporary folder, and checked;
 * `npm run picture` writes it to docs/scorecard.png (no test writes into the project).
 *
 * `npm run test:interop` runs this file alone. Without LibreOffice (Debian: libreoffice-calc-nogui,
 * poppler-utils) the suite is skipped with a message, except under CI=true, where it must run.
 */

const root = join(__dirname, "..");
const onCi = process.env.CI === "true" || process.env.CI === "1";

function available(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
  return result.status === 0;
}

const hasSoffice = available("soffice", ["--version"]);
const hasPoppler = available("pdftoppm", ["-v"]) && available("pdftotext", ["-v"]);
const missing = [
  ...(hasSoffice ? [] : ["soffice (Debian package libreoffice-calc-nogui)"]),
  ...(hasPoppler ? [] : ["pdftoppm and pdftotext (Debian package poppler-utils)"]),
];

if (missing.length > 0 && !onCi) {
  // Reason for the skip: a developer machine without LibreOffice cannot run this check; CI can.
  console.warn(`Interop suite skipped: ${missing.join(" and ")} not installed.`);
}
const suite = missing.length === 0 || onCi ? describe : describe.skip;

interface Case {
  file: string;
  plan: Plan;
  spec: WorkbookSpec;
}

const portableCases: Case[] = templates.flatMap((template) =>
  [
    ["catalogue", instantiate(template)] as const,
    ["in-every-band", withCurrents(instantiate(template))] as const,
  ].map(([variant, plan]) => ({
    file: `${template.id}.portable.${variant}.xlsx`,
    plan,
    spec: buildWorkbook(plan, { style: "portable" }),
  }))
);
/**
 * Every template's objectives in one plan (102 key results): the long lists and ranges a
 * large plan has, such as the check-in validation that refers to the Scorecard's IDs.
 */
const combined: Plan = withCurrents({
  ...instantiate(templates[0]),
  project: "All templates",
  objectives: templates
    .flatMap((template) => instantiate(template).objectives)
    .map((objective, index) => ({
      ...objective,
      id: `O${index + 1}`,
      keyResults: objective.keyResults.map((kr, krIndex) => ({
        ...kr,
        id: `O${index + 1}.KR${krIndex + 1}`,
      })),
    })),
});
portableCases.push({
  file: "all-templates.portable.xlsx",
  plan: combined,
  spec: buildWorkbook(combined, { style: "portable" }),
});

const functionCases: Case[] = templates.map((template) => {
  const plan = withCurrents(instantiate(template));
  return {
    file: `${template.id}.functions.xlsx`,
    plan,
    spec: buildWorkbook(plan, { style: "functions" }),
  };
});
/** User text a spreadsheet would run if it were written as typed: it must arrive as text. */
const injected = {
  project: "=1+1",
  owner: "@SUM(1,2)",
  contributors: "+cmd|' /C calc'!A0, -2+3",
};
const injectionCase: Case = (() => {
  const plan = instantiate(templateById("revenue-growth")!, injected);
  return {
    file: "injection.portable.xlsx",
    plan,
    spec: buildWorkbook(plan, { style: "portable" }),
  };
})();
/**
 * The in-every-band workbooks with the Scorecard's key-result rows moved as a sort by some column
 * moves them (test/support/sortScorecard.ts): LibreOffice must show every value on every sheet as
 * in the unsorted file (issue 10).
 */
const sortedCases = portableCases
  .filter((entry) => entry.file.endsWith(".in-every-band.xlsx"))
  .map((entry) => ({
    ...entry,
    file: entry.file.replace(/\.xlsx$/, ".sorted.xlsx"),
    unsorted: entry.file,
    spec: sortKeyResults(
      entry.spec,
      entry.plan,
      shuffled(scorecardLayout(entry.plan).keyResults.length)
    ),
  }));
/** The weekly trend's plan with its check-ins spread over 2026-Q1 (test/trend.test.ts in HyperFormula). */
const trendCase: Case = {
  file: "trend.portable.xlsx",
  plan: TREND_PLAN,
  spec: withLog(buildWorkbook(TREND_PLAN, { style: "portable" }), TREND_LOG),
};
const allCases = [...portableCases, ...functionCases, injectionCase, trendCase, ...sortedCases];

const ERROR_VALUE = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/;

/** A table of a sheet found by its header row: each data row as values by header. */
function tableRows(
  sheet: DenseSheet,
  headers: readonly string[]
): Record<string, string | number | boolean | null>[] {
  // The builder's tables start in column A; the snapshot's columns start at its origin.
  const at = (row: (string | number | boolean | null)[], column: number) =>
    row[column - sheet.origin.column] ?? null;
  const { values } = sheet;
  const top = values.findIndex((row) =>
    headers.every((header, index) => at(row, index) === header)
  );
  if (top === -1) throw new Error(`${sheet.name}: no table with headers ${headers.join(", ")}`);
  const rows: Record<string, string | number | boolean | null>[] = [];
  for (let r = top + 1; r < values.length && at(values[r], 0) !== null; r++) {
    rows.push(Object.fromEntries(headers.map((header, index) => [header, at(values[r], index)])));
  }
  return rows;
}

function cellAfter(sheet: DenseSheet, label: string): string | number | boolean | null {
  for (const row of sheet.values) {
    const index = row.indexOf(label);
    if (index !== -1) return row[index + 1];
  }
  throw new Error(`${sheet.name}: no "${label}" label`);
}

function sheetNamed(snapshot: WorkbookSnapshot, name: string): DenseSheet {
  const found = snapshot.sheets.find((sheet) => sheet.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return gridOf(found);
}

/** The engine's numbers for a plan: what every computed cell must show. */
function expectations(plan: Plan) {
  const keyResults = new Map(
    plan.objectives.flatMap((objective) =>
      objective.keyResults.map((kr) => {
        const krScore = score(kr.baseline, kr.target, kr.current, kr.type);
        return [
          kr.id,
          {
            progress: progress(kr.baseline, kr.target, kr.current, kr.type),
            score: krScore,
            status: status(krScore),
          },
        ] as const;
      })
    )
  );
  const objectives = plan.objectives.map((objective) => {
    const objectiveScore = grade(
      objective.keyResults.map((kr) => keyResults.get(kr.id)!.score),
      objective.keyResults.map((kr) => kr.weight)
    );
    const statuses = objective.keyResults.map((kr) => keyResults.get(kr.id)!.status);
    return {
      objective,
      score: objectiveScore,
      status: status(objectiveScore),
      counts: [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].map(
        (label) => statuses.filter((found) => found === label).length
      ),
    };
  });
  const overall = grade(objectives.map((objective) => objective.score));
  const committed =
    plan.objectives.length > 0 &&
    plan.objectives.every((objective) => objective.kind === "committed");
  const statuses = [...keyResults.values()].map((kr) => kr.status);
  return {
    keyResults,
    objectives,
    overall,
    health: health(overall, committed ? "committed" : "aspirational"),
    counts: [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].map(
      (label) => statuses.filter((found) => found === label).length
    ),
  };
}

/** LibreOffice stores 15 significant digits: equal to that precision, and empty for null. */
function expectNumber(where: string, actual: unknown, expected: number | null): void {
  if (expected === null) {
    expect({ where, actual }).toEqual({ where, actual: null });
    return;
  }
  if (
    typeof actual !== "number" ||
    Math.abs(actual - expected) > 1e-12 * Math.max(1, Math.abs(expected))
  ) {
    expect({ where, actual }).toEqual({ where, actual: expected });
  }
}

function expectLabel(where: string, actual: unknown, expected: string | null): void {
  expect({ where, actual }).toEqual({ where, actual: expected });
}

/**
 * Every cell showing an error, but #N/A in the Dashboard trend's weeks that have not begun (the
 * gap its line chart leaves: test/support/trendPlan.ts), judged on the day LibreOffice ran.
 */
function errorCells(snapshot: WorkbookSnapshot): string[] {
  const today = todaySerial();
  return snapshot.sheets.map(gridOf).flatMap((sheet) => {
    const gaps =
      sheet.name === SHEETS.dashboard ? notBegunTrendCells(sheet, today) : new Set<string>();
    return sheet.values.flatMap((row, r) =>
      row.flatMap((value, c) =>
        typeof value === "string" &&
        ERROR_VALUE.test(value) &&
        !(value === "#N/A" && gaps.has(`${r + sheet.origin.row},${c + sheet.origin.column}`))
          ? [
              `${sheet.name} row ${r + sheet.origin.row + 1} column ${c + sheet.origin.column + 1}: ${value}`,
            ]
          : []
      )
    );
  });
}

suite("LibreOffice opens, recalculates and agrees with the engine", () => {
  const work = mkdtempSync(join(tmpdir(), "okr-interop-"));
  const input = join(work, "in");
  const output = join(work, "out");
  const snapshots = new Map<string, WorkbookSnapshot>();

  beforeAll(async () => {
    if (!hasSoffice) {
      throw new Error(
        "CI=true but soffice is not installed: apt-get install libreoffice-calc-nogui poppler-utils"
      );
    }
    mkdirSync(input);
    mkdirSync(output);
    for (const { file, spec } of allCases) await writeXlsx(spec, join(input, file));
    convert(
      makeProfile(join(work, "profile")),
      "xlsx",
      output,
      allCases.map(({ file }) => join(input, file))
    );
    for (const { file } of allCases) {
      if (existsSync(join(output, file))) snapshots.set(file, await readXlsx(join(output, file)));
    }
  }, 600_000);

  const converted = (file: string): WorkbookSnapshot => {
    const snapshot = snapshots.get(file);
    if (!snapshot) throw new Error(`LibreOffice did not convert ${file}`);
    return snapshot;
  };

  test.each(sortedCases.map((entry) => [entry.file, entry] as const))(
    "%s: sorted, the Scorecard's key results change no value on any sheet",
    (file, { plan, unsorted }) => {
      const [before, after] = [converted(unsorted), converted(file)];
      expect(errorCells(after)).toEqual([]);
      const card = sheetNamed(after, SHEETS.scorecard);
      // The rows did move in the file LibreOffice read.
      expect(tableRows(card, KEY_RESULT_HEADERS).map((row) => row.ID)).not.toEqual(
        tableRows(sheetNamed(before, SHEETS.scorecard), KEY_RESULT_HEADERS).map((row) => row.ID)
      );
      before.sheets.forEach((sheet, index) =>
        expect(shownValues(after.sheets[index], plan)).toEqual(shownValues(sheet, plan))
      );
    }
  );

  describe.each(portableCases.map((entry) => [entry.file, entry] as const))(
    "%s",
    (file, { plan, spec }) => {
      test("no cell on any sheet shows an error, and every sheet is there", () => {
        const snapshot = converted(file);
        expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(
          spec.sheets.map((sheet) => sheet.name)
        );
        expect(errorCells(snapshot)).toEqual([]);
      });

      test("Scorecard: every key result, every objective, the plan's score, health and counts", () => {
        const card = sheetNamed(converted(file), SHEETS.scorecard);
        const expected = expectations(plan);
        const krRows = tableRows(card, KEY_RESULT_HEADERS);
        expect(krRows.map((row) => row.ID)).toEqual([...expected.keyResults.keys()]);
        for (const row of krRows) {
          const kr = expected.keyResults.get(row.ID as string)!;
          expectNumber(`${row.ID} progress`, row.Progress, kr.progress);
          expectNumber(`${row.ID} score`, row.Score, kr.score);
          expectLabel(`${row.ID} status`, row.Status, kr.status);
        }
        const objectiveRows = tableRows(card, OBJECTIVE_HEADERS);
        expect(objectiveRows.map((row) => row.ID)).toEqual(plan.objectives.map((o) => o.id));
        objectiveRows.forEach((row, index) => {
          expectNumber(`${row.ID} score`, row.Score, expected.objectives[index].score);
          expectLabel(`${row.ID} status`, row.Status, expected.objectives[index].status);
        });
        expectNumber("overall score", cellAfter(card, "Overall score"), expected.overall);
        expectLabel("health", cellAfter(card, "Health"), expected.health);
        expect(
          [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].map((label) =>
            cellAfter(card, label)
          )
        ).toEqual(expected.counts);
      });

      test("Dashboard: every objective's and key result's score and status", () => {
        const board = sheetNamed(converted(file), SHEETS.dashboard);
        const expected = expectations(plan);
        const rows = tableRows(board, DASHBOARD_HEADERS);
        let index = 0;
        expected.objectives.forEach(({ objective, score: objectiveScore, status: label }) => {
          const row = rows[index++];
          expectNumber(`${objective.id} score`, row.Score, objectiveScore);
          expectLabel(`${objective.id} status`, row.Status, label);
          for (const kr of objective.keyResults) {
            const krRow = rows[index++];
            const want = expected.keyResults.get(kr.id)!;
            expectNumber(`${kr.id} score`, krRow.Score, want.score);
            expectNumber(`${kr.id} progress bar`, krRow.Progress, want.score);
            expectLabel(`${kr.id} status`, krRow.Status, want.status);
          }
        });
        expect(index).toBe(rows.length);
      });

      test("Monthly Review: objectives with their counts, key results with score and status", () => {
        const review = sheetNamed(converted(file), SHEETS.review);
        const expected = expectations(plan);
        expectNumber("overall score", cellAfter(review, "Overall score"), expected.overall);
        expectLabel("health", cellAfter(review, "Health"), expected.health);
        const objectiveRows = tableRows(review, REVIEW_OBJECTIVE_HEADERS);
        expect(objectiveRows).toHaveLength(plan.objectives.length);
        objectiveRows.forEach((row, index) => {
          const want = expected.objectives[index];
          expectNumber(`${want.objective.id} score`, row.Score, want.score);
          expectLabel(`${want.objective.id} status`, row.Status, want.status);
          expect([row.Red, row.Yellow, row.Green, row.Pending]).toEqual(want.counts);
        });
        const krRows = tableRows(review, REVIEW_KEY_RESULT_HEADERS);
        expect(krRows.map((row) => row.ID)).toEqual([...expected.keyResults.keys()]);
        for (const row of krRows) {
          const want = expected.keyResults.get(row.ID as string)!;
          expectNumber(`${row.ID} score`, row.Score, want.score);
          expectLabel(`${row.ID} status`, row.Status, want.status);
        }
      });
    }
  );

  test.each(functionCases.map((entry) => [entry.file, entry] as const))(
    "%s opens and converts; only the OKR.* functions LibreOffice lacks show #NAME?",
    (file, { spec }) => {
      const snapshot = converted(file);
      expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(
        spec.sheets.map((sheet) => sheet.name)
      );
      const errors = errorCells(snapshot);
      expect(errors.filter((error) => !error.endsWith("#NAME?"))).toEqual([]);
    }
  );

  test("text that would run as a formula arrives as text", () => {
    const cover = sheetNamed(converted(injectionCase.file), SHEETS.plan);
    expect(cellAfter(cover, "Project")).toBe(injected.project);
    expect(cellAfter(cover, "Owner")).toBe(injected.owner);
    expect(cellAfter(cover, "Contributors")).toBe(injected.contributors);
    const formulas = cover.formulas.flat().filter((formula) => formula !== null);
    expect(formulas.some((formula) => /1\+1|SUM\(1,2\)|cmd/.test(formula!))).toBe(false);
  });

  test("the Dashboard's weekly trend equals the engine's scores recomputed as of each week, with no error cell", () => {
    const snapshot = converted(trendCase.file);
    // LibreOffice's TODAY() is the day it ran, after 2026-Q1: every week has begun.
    expect(todaySerial()).toBeGreaterThan(Q1_2026.end);
    expect(errorCells(snapshot)).toEqual([]);
    const checkIns = readPlan(snapshot).checkIns;
    expect(checkIns).toHaveLength(17);
    const rows = trendRows(sheetNamed(snapshot, SHEETS.dashboard));
    expect(rows).toHaveLength(13);
    for (const row of rows) {
      const day = row[TREND_HEADERS.week] as number;
      const expected = scoresAsOf(TREND_PLAN, checkIns, day);
      TREND_PLAN.objectives.forEach((objective, index) =>
        expectNumber(`${objective.id} as of ${day}`, row[objective.id], expected.objectives[index])
      );
      expectNumber(`plan as of ${day}`, row[TREND_HEADERS.plan], expected.plan);
      expectNumber(
        `ideal pace as of ${day}`,
        row[TREND_HEADERS.idealPace],
        (day - Q1_2026.start) / (Q1_2026.end - Q1_2026.start)
      );
    }
  });

  const rendering = hasPoppler || onCi ? test : test.skip;
  rendering(
    "the README's scorecard: one landscape page, fit to width, rendered to a PNG (npm run picture writes docs/scorecard.png)",
    async () => {
      const folder = join(work, "picture");
      mkdirSync(folder);
      const picture = await renderScorecardPicture(folder);
      // Rendered inside the suite's temporary folder, never into the project.
      expect(relative(work, picture.path).startsWith("..")).toBe(false);
      expect(relative(root, picture.path).startsWith("..")).toBe(true);
      const { pages, page } = picture;
      // One page wide: the last visible column is on the Scorecard's page, the hidden helpers not.
      expect(pages[page - 1]).toContain("Notes");
      expect(pages[page - 1]).not.toContain("Weighted Score");
      expect(pages[page]?.startsWith("Dashboard:")).toBe(true);
      expect(picture.pageWidth).toBeGreaterThan(picture.pageHeight);
      // A PNG the width of the landscape page at 110 dpi, cropped to the sheet: wider than tall,
      // and small enough for the README.
      expect(picture.png.subarray(1, 4).toString()).toBe("PNG");
      expect(picture.width).toBe(Math.round((picture.pageWidth * 110) / 72));
      expect(picture.height).toBeGreaterThan(100);
      expect(picture.height).toBeLessThan(picture.width);
      expect(picture.png.length).toBeGreaterThan(20_000);
      expect(picture.png.length).toBeLessThan(300_000);
    },
    180_000
  );

  rendering(
    "the Dashboard with its two charts: its first page, fit to width, rendered to a PNG (npm run picture writes docs/dashboard.png)",
    async () => {
      const folder = join(work, "dashboard-picture");
      mkdirSync(folder);
      const picture = await renderSheetPicture(folder, "dashboard");
      expect(relative(work, picture.path).startsWith("..")).toBe(false);
      expect(relative(root, picture.path).startsWith("..")).toBe(true);
      const text = picture.pages[picture.page - 1];
      expect(text.startsWith("Dashboard:")).toBe(true);
      // The charts are on the page, and the table's last column.
      for (const printed of ["Score per objective", "Key results per status", "Progress"])
        expect(text).toContain(printed);
      expect(picture.pageWidth).toBeGreaterThan(picture.pageHeight);
      expect(picture.png.subarray(1, 4).toString()).toBe("PNG");
      expect(picture.width).toBe(Math.round((picture.pageWidth * 110) / 72));
      expect(picture.height).toBeGreaterThan(100);
      expect(picture.height).toBeLessThan(picture.width);
      expect(picture.png.length).toBeGreaterThan(20_000);
      expect(picture.png.length).toBeLessThan(300_000);
    },
    180_000
  );

  afterAll(() => rmSync(work, { recursive: true, force: true }));
});
