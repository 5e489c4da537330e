import { Workbook } from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeXlsx } from "../src/hosts/xlsx";
import type { KeyResult, Objective, Plan } from "../src/okr/model";
import { buildWorkbook } from "../src/sheets/build";
import type { WorkbookSpec } from "../src/sheets/spec";

/**
 * .xlsx writing: a 25-key-result plan and a 2,000-key-result plan written by the xlsx host (spec
 * to file: styles, formulas, tables, validations, conditional formats, all five sheets, and the
 * Dashboard's native charts, which src/hosts/xlsx/charts.ts adds to ExcelJS's package), against
 * ExcelJS writing the same cells as plain values with nothing else (the floor any ExcelJS-based
 * writer pays), measured in the same run.
 */

const KEY_RESULTS_PER_OBJECTIVE = 5;
const UNITS = ["%", "$", "tickets", null] as const;

function syntheticPlan(keyResults: number): Plan {
  const objectives: Objective[] = [];
  for (let o = 0; o * KEY_RESULTS_PER_OBJECTIVE < keyResults; o++) {
    const id = `O${o + 1}`;
    const count = Math.min(KEY_RESULTS_PER_OBJECTIVE, keyResults - o * KEY_RESULTS_PER_OBJECTIVE);
    const krs: KeyResult[] = Array.from({ length: count }, (_, k) => {
      const n = o * KEY_RESULTS_PER_OBJECTIVE + k;
      const unit = UNITS[n % UNITS.length];
      const decrease = n % 3 === 1;
      return {
        id: `${id}.KR${k + 1}`,
        text: `${decrease ? "Reduce" : "Grow"} metric ${n + 1} from ${decrease ? 80 : 20} to ${decrease ? 40 : 90}`,
        type: decrease ? "decrease" : "increase",
        baseline: decrease ? 80 : 20,
        target: decrease ? 40 : 90,
        unit,
        // Every eighth is pending: realistic, not the happy path only.
        current: n % 8 === 7 ? null : decrease ? 80 - (n % 50) : 20 + (n % 80),
        weight: 1,
        owner: `Owner ${(n % 7) + 1}`,
        notes: n % 4 === 0 ? ["On track after the second sprint"] : [],
      };
    });
    objectives.push({
      id,
      title: `Objective ${o + 1}: improve area ${o + 1}`,
      owner: `Lead ${(o % 5) + 1}`,
      timeline: "Q2 2026",
      kind: "aspirational",
      notes: [],
      keyResults: krs,
    });
  }
  return {
    project: "Benchmark",
    period: "2026-Q2",
    owner: "Sponsor",
    contributors: ["A", "B"],
    status: "Active",
    alignment: null,
    objectives,
  };
}

function cellCount(spec: WorkbookSpec): number {
  return spec.sheets.reduce((sum, sheet) => sum + sheet.cells.length, 0);
}

function chartCount(spec: WorkbookSpec): number {
  return spec.sheets.reduce((sum, sheet) => sum + (sheet.charts?.length ?? 0), 0);
}

/**
 * The same cells as plain values on plain sheets: no styles, tables or rules, and a number where
 * the spec has a formula (a formula's text as a string would bloat the shared-string table).
 */
async function writePlain(spec: WorkbookSpec, path: string): Promise<void> {
  const workbook = new Workbook();
  for (const sheet of spec.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const cell of sheet.cells) {
      const { content } = cell;
      worksheet.getCell(cell.row + 1, cell.column + 1).value =
        content.kind === "text"
          ? content.text
          : content.kind === "formula"
            ? 0
            : content.kind === "date"
              ? content.serial
              : content.value;
    }
  }
  await workbook.xlsx.writeFile(path);
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(run: () => Promise<void>, repeats: number): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

const format = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function runXlsxBenchmarks(): Promise<{ name: string; value: string }[]> {
  const folder = mkdtempSync(join(tmpdir(), "okr-xlsx-bench-"));
  const rows: { name: string; value: string }[] = [];
  try {
    for (const [keyResults, repeats] of [
      [25, 7],
      [2000, 3],
    ] as const) {
      const spec = buildWorkbook(syntheticPlan(keyResults));
      const cells = cellCount(spec);
      const path = join(folder, `plan-${keyResults}.xlsx`);
      const plainPath = join(folder, `plain-${keyResults}.xlsx`);
      const host = await measure(() => writeXlsx(spec, path, { force: true }), repeats);
      const plain = await measure(() => writePlain(spec, plainPath), repeats);
      const charts = chartCount(spec);
      const label = `xlsx write ${format(keyResults)} key results, ${charts} chart${charts === 1 ? "" : "s"}`;
      rows.push({
        name: label,
        value: `${format(host, 1)} ms median of ${repeats} (${format((keyResults / host) * 1000)} key results/s, ${format((cells / host) * 1000)} cells/s, ${format(cells)} cells)`,
      });
      rows.push({
        name: `${label}, baseline`,
        value: `${format(plain, 1)} ms: ExcelJS, same cells as plain values, no chart; host/baseline ${format(host / plain, 2)}×`,
      });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}
