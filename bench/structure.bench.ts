import { evaluateWorkbook } from "../src/hosts/memory";
import { checkWorkbook } from "../src/okr/rules";
import { buildWorkbook } from "../src/sheets/build";
import { readPlan } from "../src/sheets/read";
import type { FormulaStyle, WorkbookSnapshot } from "../src/sheets/spec";
import { normalisedFormula, readWorkbookFacts, shapeCache } from "../src/sheets/structure";
import { planWithKeyResults } from "../test/support/fakeExcel";

/**
 * The structure check (issue 13) on a 500-key-result workbook OKR Studio made, in both formula
 * styles: readWorkbookFacts + checkWorkbook (the plan read, the structure checked against the
 * formulas the builder writes for it, every rule) against readPlan + checkWorkbook, the content
 * check alone, on the same snapshot in the same run. And what the early exit of the typed-over
 * check buys: how many computed cells hold the builder's formula by normalised text, and the
 * check's comparison loop over them with that exit (as typedOverFormulas runs it: the text first,
 * the shape only where the text differs) against without it (the shape of every pair). The check
 * itself has no switch for the exit, so its loop is timed here on the same pairs.
 *
 * Each snapshot is built once, and each figure is the median of 3 after one warm-up. Building the
 * snapshot (HyperFormula computing every formula) is most of the run: about 21 s for 500 key
 * results on a loaded 2-CPU machine, and more than 4 minutes for 2,000, hence 500 here. `node scripts/bench-structure.mjs`
 * runs these rows alone (a smaller size as its argument).
 */

const KEY_RESULTS = 500;
const REPEATS = 3;
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

/** The typed-over check's loop on each pair: true where it would go on to tell the cell. */
function compared(pairs: readonly [string, string][], exit: boolean): number {
  const shapeOf = shapeCache();
  let differing = 0;
  for (const [found, built] of pairs) {
    if (exit && (found === built || normalisedFormula(found) === normalisedFormula(built)))
      continue;
    if (shapeOf(found) !== shapeOf(built)) differing++;
  }
  return differing;
}

export function runStructureBenchmarks(
  keyResults = KEY_RESULTS,
  progress: (line: string) => void = () => {}
): { name: string; value: string }[] {
  const rows: { name: string; value: string }[] = [];
  for (const style of ["portable", "functions"] as const) {
    // Setup, not measured: HyperFormula computing every formula.
    const started = Date.now();
    const snapshot = evaluateWorkbook(buildWorkbook(planWithKeyResults(keyResults), { style }));
    progress(`${style}: snapshot built in ${format((Date.now() - started) / 1000, 1)} s`);
    const findings = readWorkbookFacts(snapshot).structure?.length ?? 0;
    const label = `structure check ${format(keyResults)} key results, ${style}`;
    const [structure, content] = measureAlternately(
      [
        () => checkWorkbook(readWorkbookFacts(snapshot), { asOf: AS_OF }),
        () => checkWorkbook(readPlan(snapshot), { asOf: AS_OF }),
      ],
      REPEATS
    );
    rows.push({
      name: `${label}: readWorkbookFacts + checkWorkbook`,
      value: `${format(structure, 1)} ms median of ${REPEATS} (${format(findings)} structure findings)`,
    });
    rows.push({
      name: `${label}, baseline`,
      value: `${format(content, 1)} ms: readPlan + checkWorkbook (content only); structure/baseline ${format(structure / content, 2)}×`,
    });
    const pairs = formulaPairs(snapshot, style);
    const matching = pairs.filter(
      ([found, built]) => found === built || normalisedFormula(found) === normalisedFormula(built)
    ).length;
    const [withExit, withoutExit] = measureAlternately(
      [() => compared(pairs, true), () => compared(pairs, false)],
      REPEATS
    );
    rows.push({
      name: `${label}, typed-over loop on ${format(pairs.length)} computed cells`,
      value: `${format(matching)} hold the builder's formula by normalised text; ${format(withExit, 1)} ms with the early exit, ${format(withoutExit, 1)} ms without (every shape computed), ${format(withoutExit / withExit, 1)}×`,
    });
    progress(`${style}: measured`);
  }
  return rows;
}
