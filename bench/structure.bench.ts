import { evaluateWorkbook } from "../src/hosts/memory";
import { checkWorkbook } from "../src/okr/rules";
import { buildWorkbook } from "../src/sheets/build";
import { readPlan } from "../src/sheets/read";
import type { FormulaStyle, WorkbookSnapshot } from "../src/sheets/spec";
import { formulaShape, normalisedFormula, readWorkbookFacts } from "../src/sheets/structure";
import { planWithKeyResults } from "../test/support/fakeExcel";

/**
 * The structure check (issue 13) on a 2,000-key-result workbook OKR Studio made, in both formula
 * styles: readWorkbookFacts + checkWorkbook (the plan read, the structure checked against the
 * formulas the builder writes for it, every rule) against readPlan + checkWorkbook, the content
 * check alone, on the same snapshot in the same run. And what the early exit of the typed-over
 * check buys: comparing each computed cell's formula with the builder's by normalised text (as
 * the check does first) against comparing their shapes (what it would do without that exit).
 */

const KEY_RESULTS = 2000;
/** 2026-03-31: a fixed day, as the lint benchmark's. */
const AS_OF = 46_112;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Medians of several pieces of work, run in turn within each round (same heap, same noise). */
function measureAlternately(works: (() => unknown)[], repeats: number): number[] {
  for (const work of works) work(); // warm-up
  const times: number[][] = works.map(() => []);
  for (let i = 0; i < repeats; i++) {
    for (const [index, work] of works.entries()) {
      const started = process.hrtime.bigint();
      work();
      times[index].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return times.map(median);
}

const format = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Each computed cell's formula as the host gives it back, with the one the builder writes there. */
function formulaPairs(snapshot: WorkbookSnapshot, style: FormulaStyle): [string, string][] {
  const spec = buildWorkbook(readPlan(snapshot).plan!, { style });
  const pairs: [string, string][] = [];
  for (const sheet of spec.sheets) {
    const found = snapshot.sheets.find((entry) => entry.name === sheet.name);
    if (!found) continue;
    const byRow = new Map(found.rows.map((row) => [row.row, row]));
    for (const cell of sheet.cells) {
      if (cell.content.kind !== "formula") continue;
      const formula = byRow
        .get(cell.row)
        ?.cells.find((entry) => entry.column === cell.column)?.formula;
      if (formula) pairs.push([formula, cell.content.formula]);
    }
  }
  return pairs;
}

export function runStructureBenchmarks(): { name: string; value: string }[] {
  const rows: { name: string; value: string }[] = [];
  for (const style of ["portable", "functions"] as const) {
    // Setup, not measured: HyperFormula computing every formula takes a few seconds.
    const snapshot = evaluateWorkbook(buildWorkbook(planWithKeyResults(KEY_RESULTS), { style }));
    const findings = readWorkbookFacts(snapshot).structure?.length ?? 0;
    const label = `structure check ${format(KEY_RESULTS)} key results, ${style}`;
    const [structure, content] = measureAlternately(
      [
        () => checkWorkbook(readWorkbookFacts(snapshot), { asOf: AS_OF }),
        () => checkWorkbook(readPlan(snapshot), { asOf: AS_OF }),
      ],
      7
    );
    rows.push({
      name: `${label}: readWorkbookFacts + checkWorkbook`,
      value: `${format(structure, 1)} ms median of 7 (${format(findings)} structure findings)`,
    });
    rows.push({
      name: `${label}, baseline`,
      value: `${format(content, 1)} ms: readPlan + checkWorkbook (content only); structure/baseline ${format(structure / content, 2)}×`,
    });
    const pairs = formulaPairs(snapshot, style);
    const [normalised, shapes] = measureAlternately(
      [
        () =>
          pairs.filter(([found, built]) => normalisedFormula(found) === normalisedFormula(built)),
        () => pairs.filter(([found, built]) => formulaShape(found) === formulaShape(built)),
      ],
      7
    );
    rows.push({
      name: `${label}, ${format(pairs.length)} formulas compared by normalised text`,
      value: `${format(normalised, 1)} ms median of 7; by shape instead ${format(shapes, 1)} ms, ${format(shapes / normalised, 1)}× slower`,
    });
  }
  return rows;
}
