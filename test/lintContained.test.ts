import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { readPlan } from "../src/sheets/read";
import { cellCount } from "../src/sheets/snapshot";
import { buildWorkbook } from "../src/sheets/build";
import { bundleOkrCommand } from "./support/bundleOkr";
import { planWithKeyResults } from "./support/fakeExcel";
import { GRID, hostileWorkbook, hostileXlsx, okrTableAt } from "./support/hostileXlsx";
import { writeTeamSheet } from "./support/typedWorkbooks";

/*
 * Reading is bounded by what is in the file, and one bad file never costs the others (issue 12).
 * The okr command is bundled and run in real processes: each file is read in a child of its own
 * with a heap cap (--max-memory), so a file that needs more is that file's one-line reason and
 * the rest are reported in every format. The fuzz part writes workbooks with cells anywhere on
 * the 1,048,576 × 16,384 grid, merges of any size and names over huge ranges, and reads them all
 * under a 256 MB ceiling per file: none may need more, crash or hang.
 */
const dir = mkdtempSync(join(tmpdir(), "okr-lint-contained-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const bundle = file("okr.cjs");
const AS_OF = "2026-03-31";

interface JsonResult {
  file: string;
  findings: { ruleId: string }[];
  error?: string;
}

function lint(args: string[]) {
  return spawnSync(process.execPath, [bundle, "lint", "--as-of", AS_OF, ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
    timeout: 600_000,
  });
}

const good = file("good.xlsx");
const twoCells = file("two-cells.xlsx");
const wholeMerge = file("whole-merge.xlsx");
const wholeName = file("whole-name.xlsx");
const farTable = file("far-table.xlsx");
const large = file("large.xlsx");

beforeAll(async () => {
  await bundleOkrCommand(bundle);
  await writeTeamSheet(good, 0.75);
  const corner = { row: GRID.rows - 1, column: GRID.columns - 1, value: "x" };
  writeFileSync(
    twoCells,
    hostileXlsx({
      sheets: [{ name: "Sheet1", cells: [{ row: 0, column: 0, value: "a" }, corner], merges: [] }],
      names: [],
    })
  );
  writeFileSync(
    wholeMerge,
    hostileXlsx({
      sheets: [
        {
          name: "Sheet1",
          cells: okrTableAt(0, 0),
          merges: [[0, 0, GRID.rows - 1, GRID.columns - 1]],
        },
      ],
      names: [],
    })
  );
  writeFileSync(
    wholeName,
    hostileXlsx({
      sheets: [{ name: "Sheet1", cells: okrTableAt(3, 2), merges: [] }],
      names: [{ name: "Everything", reference: "Sheet1!$A$1:$XFD$1048576" }],
    })
  );
  writeFileSync(
    farTable,
    hostileXlsx({
      sheets: [{ name: "Sheet1", cells: [...okrTableAt(900_000, 15_000), corner], merges: [] }],
      names: [],
    })
  );
  await writeXlsx(buildWorkbook(planWithKeyResults(2000)), large);
}, 180_000);

describe("one bad file never costs the others", () => {
  const files = () => [good, twoCells, large, wholeMerge, wholeName, farTable];

  test.each(["json", "text", "sarif"])(
    "a file that needs more memory than --max-memory is its own reason (%s)",
    (format) => {
      const run = lint(["--format", format, "--max-memory", "128", ...files()]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `okr: cannot read ${large}: too large to check: reading it needed more than 128 MB of memory (--max-memory raises the limit)\n`
      );
      if (format === "json") {
        const results = JSON.parse(run.stdout) as JsonResult[];
        expect(results.map((result) => result.file)).toEqual(files());
        expect(results.filter((result) => result.error !== undefined).map((r) => r.file)).toEqual([
          large,
        ]);
        const byFile = new Map(results.map((result) => [result.file, result]));
        // The tables among the hostile cells are found: no OKR000 ("no OKR table").
        for (const found of [good, wholeMerge, wholeName, farTable])
          expect(byFile.get(found)?.findings.map((finding) => finding.ruleId)).not.toContain(
            "OKR000"
          );
        expect(byFile.get(twoCells)?.findings.map((finding) => finding.ruleId)).toContain("OKR000");
      } else if (format === "sarif") {
        const log = JSON.parse(run.stdout) as {
          runs: { artifacts?: { location: { uri: string } }[]; invocations: unknown[] }[];
        };
        expect(JSON.stringify(log)).toContain("too large to check");
        for (const path of files()) expect(run.stdout).toContain(path.split("/").pop());
      } else {
        for (const path of files()) expect(run.stdout + run.stderr).toContain(path);
      }
    },
    600_000
  );

  test("--max-cells: a file with more cells is refused with the limit and the flag", () => {
    const run = lint(["--format", "json", "--max-cells", "5000", good, large]);
    expect(run.status).toBe(2);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results[0].error).toBeUndefined();
    expect(results[1].error).toBe(
      "more than 5,000 cells: too large to check; --max-cells raises the limit"
    );
  }, 300_000);

  test("bad values of the limits are one usage line", () => {
    for (const [flag, value] of [
      ["--max-cells", "0"],
      ["--max-cells", "many"],
      ["--max-memory", "16"],
    ]) {
      const run = lint([flag, value, good]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(new RegExp(`^okr: ${flag} must be`));
    }
  });
});

describe("fuzz: cells anywhere on the grid, merges and names of any size", () => {
  test("in process: the snapshot holds no more cells than the file, and readPlan ends", async () => {
    let runs = 0;
    let tablesFound = 0;
    let hugeMerges = 0;
    await fc.assert(
      fc.asyncProperty(hostileWorkbook, async (workbook) => {
        const path = file(`fuzz-${runs++}.xlsx`);
        writeFileSync(path, hostileXlsx(workbook));
        const snapshot = await readXlsx(path);
        const written = new Set(
          workbook.sheets.flatMap((sheet, index) =>
            sheet.cells.map((cell) => `${index}:${cell.row}:${cell.column}`)
          )
        );
        expect(cellCount(snapshot)).toBeLessThanOrEqual(written.size);
        const read = readPlan(snapshot);
        if ((read.plan?.objectives.length ?? 0) > 0) tablesFound++;
        if (
          workbook.sheets.some((sheet) =>
            sheet.merges.some(([t, l, b, r]) => (b - t + 1) * (r - l + 1) > 1_000_000)
          )
        )
          hugeMerges++;
        rmSync(path);
      }),
      { numRuns: 150, seed: 20261130 }
    );
    // The interesting cases are reached: tables found among hostile cells, huge merges read.
    expect(tablesFound).toBeGreaterThan(15);
    expect(hugeMerges).toBeGreaterThan(15);
  }, 600_000);

  test("in real processes under a 256 MB ceiling per file: every file read, none out of memory", () => {
    const workbooks = fc.sample(hostileWorkbook, { numRuns: 30, seed: 42 });
    const paths = workbooks.map((workbook, index) => {
      const path = file(`ceiling-${index}.xlsx`);
      writeFileSync(path, hostileXlsx(workbook));
      return path;
    });
    const all = [...paths, twoCells, wholeMerge, wholeName, farTable];
    const run = lint(["--format", "json", "--max-memory", "256", ...all]);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((result) => result.file)).toEqual(all);
    expect(results.filter((result) => result.error !== undefined)).toEqual([]);
  }, 600_000);
});
