import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import { evaluateWorkbook } from "../src/hosts/memory";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { checkWorkbook } from "../src/okr/rules";
import { buildWorkbook } from "../src/sheets/build";
import { readPlan } from "../src/sheets/read";
import { planWithKeyResults } from "../test/support/fakeExcel";

/**
 * The validator on a 2,000-key-result workbook: from a snapshot as Excel hands it over (the
 * workbook evaluated by the memory host, so formulas show their results), readPlan + checkWorkbook
 * and checkWorkbook alone; and `okr lint` on the same plan's .xlsx, in-process, against readXlsx
 * alone (the floor: ExcelJS unzipping and parsing the file) measured in the same run.
 */

const KEY_RESULTS = 2000;
/** 2026-03-31: a fixed day, so staleness findings are the same on every run. */
const AS_OF = 46_112;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(work: () => unknown, repeats: number): Promise<number> {
  return (await measureAlternately([work], repeats))[0];
}

/**
 * Medians of several pieces of work, run in turn within each round, so that a figure and its
 * baseline see the same heap and the same background noise.
 */
async function measureAlternately(works: (() => unknown)[], repeats: number): Promise<number[]> {
  for (const work of works) await work(); // warm-up
  const times: number[][] = works.map(() => []);
  for (let i = 0; i < repeats; i++) {
    for (const [index, work] of works.entries()) {
      const started = process.hrtime.bigint();
      await work();
      times[index].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return times.map(median);
}

const format = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function runLintBenchmarks(): Promise<{ name: string; value: string }[]> {
  const spec = buildWorkbook(planWithKeyResults(KEY_RESULTS));
  // Setup, not measured: HyperFormula computing every formula takes a few seconds.
  const snapshot = evaluateWorkbook(spec);
  const facts = readPlan(snapshot);
  const findings = checkWorkbook(facts, { asOf: AS_OF }).length;
  const label = `lint ${format(KEY_RESULTS)} key results`;
  const rows: { name: string; value: string }[] = [];

  const whole = await measure(() => checkWorkbook(readPlan(snapshot), { asOf: AS_OF }), 9);
  const rules = await measure(() => checkWorkbook(facts, { asOf: AS_OF }), 9);
  rows.push({
    name: `${label}, snapshot: readPlan + checkWorkbook`,
    value: `${format(whole, 1)} ms median of 9 (${format((KEY_RESULTS / whole) * 1000)} key results/s, ${format(findings)} findings)`,
  });
  rows.push({
    name: `${label}, snapshot: checkWorkbook alone`,
    value: `${format(rules, 1)} ms median of 9`,
  });

  const folder = mkdtempSync(join(tmpdir(), "okr-lint-bench-"));
  try {
    const path = join(folder, "plan.xlsx");
    await writeXlsx(spec, path);
    const silent = { stdout: () => undefined, stderr: () => undefined, readFile: async () => "" };
    const [lint, read] = await measureAlternately(
      [() => run(["lint", "--as-of", "2026-03-31", path], silent), () => readXlsx(path)],
      7
    );
    rows.push({
      name: `${label}, okr lint plan.xlsx`,
      value: `${format(lint, 1)} ms median of 7 (in-process: sniff, read, check, text report)`,
    });
    rows.push({
      name: `${label}, okr lint plan.xlsx, baseline`,
      value: `${format(read, 1)} ms: readXlsx alone; lint/baseline ${format(lint / read, 2)}×`,
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}
