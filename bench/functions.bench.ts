import { score } from "../src/functions/functions";
import { installCustomFunctionsRuntime } from "../test/support/customFunctionsRuntime";

/**
 * Worksheet-function benchmarks: one spilled OKR.SCORE over 100,000 rows against 100,000
 * single-cell calls, and against plain arithmetic over the same rows (the floor any
 * implementation pays), all measured in this run.
 */
const ROWS = 100_000;

function column(make: (i: number) => unknown): unknown[][] {
  return Array.from({ length: ROWS }, (_, i) => [make(i)]);
}

const baseline = column((i) => i % 50);
const target = column((i) => 100 + (i % 50));
// Every 20th key result is pending, every 1000th has a bad value: realistic, not the happy path only.
const actual = column((i) => (i % 20 === 0 ? null : i % 1000 === 1 ? "n/a" : (i * 7) % 160));

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
    { name: "baseline: plain arithmetic over the same rows", value: `${arithmetic.toFixed(1)} ms` },
    {
      name: "ratio spilled OKR.SCORE / plain arithmetic",
      value: `${(spilled / arithmetic).toFixed(1)}×`,
    },
  ];
}
