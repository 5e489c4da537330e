import { score } from "../src/functions/functions";
import { customFunction } from "../src/hosts/sheets/functions";
import { installCustomFunctionsRuntime } from "../test/support/customFunctionsRuntime";

/**
 * Worksheet-function benchmarks: one spilled OKR.SCORE over 100,000 rows against 100,000
 * single-cell calls, and against plain arithmetic over the same rows (the floor any
 * implementation pays); and Google Sheets' OKR_SCORE over the same rows, as Apps Script passes
 * them (empty cells as ""), against Excel's; all measured in this run.
 */
const ROWS = 100_000;

function column(make: (i: number) => unknown): unknown[][] {
  return Array.from({ length: ROWS }, (_, i) => [make(i)]);
}

const baseline = column((i) => i % 50);
const target = column((i) => 100 + (i % 50));
// Every 20th key result is pending, every 1000th has a bad value: realistic, not the happy path only.
const actual = column((i) => (i % 20 === 0 ? null : i % 1000 === 1 ? "n/a" : (i * 7) % 160));

// No dates in these columns: the calendar is never asked.
const OKR_SCORE = customFunction("SCORE", { serial: () => 0, today: () => 0 });
const sheetsActual = actual.map(([value]) => [value === null ? "" : value]);

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(run: () => unknown, repeats: number): number {
  run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

export function runFunctionBenchmarks(): { name: string; value: string }[] {
  installCustomFunctionsRuntime();
  const spilled = measure(() => score(baseline, target, actual), 7);
  const singles = measure(() => {
    for (let i = 0; i < ROWS; i++) score([baseline[i]], [target[i]], [actual[i]]);
  }, 7);
  const arithmetic = measure(() => {
    const out = new Array(ROWS);
    for (let i = 0; i < ROWS; i++) {
      const b = baseline[i][0] as number;
      const a = actual[i][0];
      out[i] =
        typeof a === "number"
          ? Math.min(1, Math.max(0, (a - b) / ((target[i][0] as number) - b)))
          : "";
    }
    return out;
  }, 7);
  const sheets = measure(() => OKR_SCORE(baseline, target, sheetsActual), 7);
  const rate = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString("en-US")} rows/s`;
  return [
    {
      name: "OKR.SCORE spilled over 100,000 rows (one call)",
      value: `${spilled.toFixed(1)} ms (${rate(spilled)})`,
    },
    {
      name: "OKR.SCORE as 100,000 single-cell calls",
      value: `${singles.toFixed(1)} ms (${rate(singles)})`,
    },
    {
      name: "ratio single-cell calls / one spilled call",
      value: `${(singles / spilled).toFixed(2)}×`,
    },
    {
      name: "OKR_SCORE (Google Sheets) spilled over 100,000 rows",
      value: `${sheets.toFixed(1)} ms (${rate(sheets)})`,
    },
    {
      name: "ratio OKR_SCORE (Sheets) / OKR.SCORE (Excel)",
      value: `${(sheets / spilled).toFixed(2)}×`,
    },
    { name: "baseline: plain arithmetic over the same rows", value: `${arithmetic.toFixed(1)} ms` },
    {
      name: "ratio spilled OKR.SCORE / plain arithmetic",
      value: `${(spilled / arithmetic).toFixed(1)}×`,
    },
  ];
}
