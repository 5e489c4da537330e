import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MEMORY_MB } from "../src/cli/isolate";
import { writeXlsx } from "../src/hosts/xlsx";
import { importPlan } from "../src/okr/import";
import { READ_LIMITS } from "../src/okr/limits";
import { parseKeyResult } from "../src/okr/parser";
import { buildWorkbook } from "../src/sheets/build";
import { planWithKeyResults } from "../test/support/fakeExcel";
import { hostileXlsx, type HostileCell } from "../test/support/hostileXlsx";

/**
 * okr lint's reading, bounded by the limits (issue 12): peak memory and time for one file read
 * and checked in a fresh process (as each file's child does), against ExcelJS reading the same
 * file alone in a fresh process, for 2,000- and 20,000-key-result workbooks and for the largest
 * hostile file the limits admit (cells and rows just under READ_LIMITS.cells, every cell a
 * number). A file with one merge of the whole grid and a name over it is read by okr lint in a
 * fraction of a second; ExcelJS alone, given 512 MB, runs out of memory on it. okr rebuild's
 * child on the 20,000-key-result workbook too, with planCarried's share of its time.
 */

interface Measure {
  ms: number;
  peakMb: number;
  outcome: string;
}

const format = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The largest file the limits admit: rows of 100 numbers up to the cell limit. */
function largestAdmitted(): Buffer {
  const columns = 100;
  const rows = Math.floor((READ_LIMITS.cells - 1000) / (columns + 1));
  const cells: HostileCell[] = [];
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++)
      cells.push({ row, column, value: row * columns + column });
  return hostileXlsx({ sheets: [{ name: "Sheet1", cells, merges: [] }], names: [] });
}

/** An OKR table under one merge of the whole grid, with a defined name over the grid too. */
function wholeGridMerge(): Buffer {
  const cells: HostileCell[] = [
    { row: 0, column: 0, value: "Objective" },
    { row: 0, column: 1, value: "Key result" },
    { row: 0, column: 2, value: "Target" },
    { row: 1, column: 0, value: "Grow" },
    { row: 1, column: 1, value: "Reach 500 users" },
    { row: 1, column: 2, value: 500 },
  ];
  return hostileXlsx({
    sheets: [{ name: "Sheet1", cells, merges: [[0, 0, 1_048_575, 16_383]] }],
    names: [{ name: "Everything", reference: "Sheet1!$A$1:$XFD$1048576" }],
  });
}

/** Median milliseconds of `runs` runs of `work`. */
function median(work: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/**
 * The parser and the importer on inputs ten times larger: linear work takes about ten times as
 * long (test/parserLinear.test.ts proves it by counting the work; this prints the times).
 */
function linearTimeRows(): { name: string; value: string }[] {
  const cases: [string, (size: number) => string, (text: string) => unknown][] = [
    [
      "parseKeyResult, '(Current: 1) ' repeated",
      (size) => `Reach 5 teams ${"(Current: 1) ".repeat(size)}`,
      (text) => parseKeyResult(text),
    ],
    [
      // "\b" is ASCII-only: on a word alternating ASCII and non-ASCII letters a "\b…\p{L}"
      // search over the whole sentence was quadratic (55 s for a full cell before parse11fix).
      "parseKeyResult, one word alternating Latin and Greek letters",
      (size) => `Give x ${"Ωa".repeat(size)}`,
      (text) => parseKeyResult(text),
    ],
    [
      "importPlan, key-result lines",
      (size) =>
        `# Q3\n\n## Objective: Grow\n\n${Array.from({ length: size }, (_, i) => `- Reach ${i + 1} teams (from 0)`).join("\n")}\n`,
      (text) => importPlan(text),
    ],
  ];
  const rows: { name: string; value: string }[] = [];
  for (const [label, make, run] of cases) {
    const small = make(2_000);
    const large = make(20_000);
    // Both warmed up first, then measured in turns, so the two see the same heap and noise.
    run(small);
    run(large);
    const times: [number[], number[]] = [[], []];
    for (let round = 0; round < 7; round++) {
      times[0].push(median(() => run(small), 1));
      times[1].push(median(() => run(large), 1));
    }
    const [a, b] = times.map((list) => list.sort((x, y) => x - y)[3]);
    rows.push({
      name: `${label}, 20,000 against 2,000`,
      value: `${format(b, 1)} ms against ${format(a, 1)} ms (medians of 7): ${format(b / a, 1)}× for 10× the input (linear: about 10×)`,
    });
  }
  return rows;
}

export async function runLimitsBenchmarks(): Promise<{ name: string; value: string }[]> {
  const folder = mkdtempSync(join(tmpdir(), "okr-limits-bench-"));
  // Inside the project, so the bundle's require of exceljs resolves from node_modules.
  const root = join(__dirname, "..", "..");
  const runnerFolder = mkdtempSync(join(root, ".tmp", "limits-runner-"));
  try {
    const runner = join(runnerFolder, "runner.cjs");
    await build({
      entryPoints: [join(__dirname, "..", "..", "bench", "limitsRunner.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      outfile: runner,
      logLevel: "warning",
      packages: "external",
      absWorkingDir: root,
    });
    const files: [string, string][] = [];
    for (const keyResults of [2000, 20_000]) {
      const path = join(folder, `plan-${keyResults}.xlsx`);
      await writeXlsx(buildWorkbook(planWithKeyResults(keyResults)), path);
      files.push([`${format(keyResults)} key results`, path]);
    }
    const hostile = join(folder, "largest-admitted.xlsx");
    writeFileSync(hostile, largestAdmitted());
    files.push([
      `largest hostile file admitted (${format(READ_LIMITS.cells)} cells less 1,000)`,
      hostile,
    ]);

    const measure = (what: string, path: string, heapMb?: number): Measure | string => {
      const started = Date.now();
      const run = spawnSync(
        process.execPath,
        [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), runner, what, path],
        { encoding: "utf8", cwd: root, maxBuffer: 2 ** 20, timeout: 600_000 }
      );
      const seconds = format((Date.now() - started) / 1000, 1);
      if (/heap out of memory|Reached heap limit/.test(run.stderr))
        return `ran out of memory at ${format(heapMb ?? 0)} MB after ${seconds} s`;
      if (run.status !== 0) return `failed after ${seconds} s (${run.signal ?? run.status})`;
      return JSON.parse(run.stdout) as Measure;
    };
    const rows = linearTimeRows();
    for (const [label, path] of files) {
      const lint = measure("lint", path);
      const alone = measure("exceljs", path);
      if (typeof lint === "string" || typeof alone === "string")
        throw new Error(`${label}: ${String(typeof lint === "string" ? lint : alone)}`);
      rows.push({
        name: `okr lint one file, ${label}`,
        value: `${format(lint.ms)} ms, peak ${format(lint.peakMb)} MB (${lint.outcome})`,
      });
      rows.push({
        name: `okr lint one file, ${label}, baseline`,
        value: `${format(alone.ms)} ms, peak ${format(alone.peakMb)} MB: ExcelJS reading it alone; time ${format(lint.ms / alone.ms, 2)}×, memory ${format(lint.peakMb / alone.peakMb, 2)}×`,
      });
      if (path.endsWith(`plan-${20_000}.xlsx`)) {
        // okr rebuild's child on the same file: read, rebuilt, compared and written.
        // Under okr rebuild's default cap, as its child runs (Node's own default is not 4,096 MB).
        const rebuild = measure("rebuild", path, DEFAULT_MEMORY_MB);
        rows.push({
          name: `okr rebuild one file, ${label}`,
          value:
            typeof rebuild === "string"
              ? rebuild
              : `${format(rebuild.ms)} ms wall time, peak ${format(rebuild.peakMb)} MB (${rebuild.outcome}); against ExcelJS reading it alone: time ${format(rebuild.ms / alone.ms, 2)}×, memory ${format(rebuild.peakMb / alone.peakMb, 2)}×`,
        });
      }
    }
    const merged = join(folder, "whole-grid-merge.xlsx");
    writeFileSync(merged, wholeGridMerge());
    const lint = measure("lint", merged);
    const alone = measure("exceljs", merged, 512);
    rows.push({
      name: "okr lint one file, one merge and one name over the whole grid",
      value:
        typeof lint === "string"
          ? lint
          : `${format(lint.ms)} ms, peak ${format(lint.peakMb)} MB (${lint.outcome})`,
    });
    rows.push({
      name: "okr lint one file, one merge and one name over the whole grid, baseline",
      value: `ExcelJS reading it alone: ${typeof alone === "string" ? alone : `${format(alone.ms)} ms, peak ${format(alone.peakMb)} MB`}`,
    });
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(runnerFolder, { recursive: true, force: true });
  }
}
