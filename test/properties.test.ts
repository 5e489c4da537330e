import fc from "fast-check";
import * as cells from "../src/functions/functions";
import { OkrError } from "../src/okr/errors";
import { grade, health, pace, progress, score, status } from "../src/okr/scoring";
import {
  anyArgument,
  anyArguments,
  anyValue,
  cases,
  realisticScore,
  uniform,
  wellFormedGrade,
  wellFormedGradeRanges,
  wellFormedHealthRanges,
  wellFormedKeyResult,
  wellFormedKeyResultRanges,
  wellFormedKind,
  wellFormedPace,
  wellFormedPaceRanges,
  wellFormedStatusRanges,
  wellFormedThresholds,
} from "./support/arbitraries";
import {
  FakeCustomFunctionError,
  installCustomFunctionsRuntime,
} from "./support/customFunctionsRuntime";
import { propertyRuns, Reach } from "./support/reach";

beforeAll(installCustomFunctionsRuntime);

/*
 * Each property runs on a mix of cases (support/arbitraries.ts): half well-formed (what a team
 * types: numbers that fit the key result's type, scores on 0–1, a period with its dates), which
 * must compute; a fifth well-formed with one value made hostile; the rest hostile values. Every
 * property counts the branch each run reaches and asserts, after fc.assert, that the interesting
 * one (a real score or label, not an error or pending) was reached in at least 40% of the runs,
 * and each band of the result often enough. Before these generators, a range check such as
 * "the score is in [0, 1]" saw a real score in about 3% of the runs.
 */
const runs = { numRuns: propertyRuns(2000) };
const REACHED = 0.4;

const keyResultArgs = wellFormedKeyResult.map((kr) => [kr.baseline, kr.target, kr.actual, kr.type]);

type Result<T> = { value: T } | { error: OkrError };

/** Calls `run`; the only exception allowed is an OkrError with a message. */
function outcome<T>(run: () => T): Result<T> {
  try {
    return { value: run() };
  } catch (error) {
    expect(error).toBeInstanceOf(OkrError);
    expect((error as OkrError).message.length).toBeGreaterThan(0);
    expect(["#VALUE!", "#N/A"]).toContain((error as OkrError).code);
    return { error: error as OkrError };
  }
}

/** The branch a result reached: "error", "pending" (null), or the value's band or label. */
function branchOf<T>(result: Result<T | null>, band: (value: T) => string): string {
  if ("error" in result) return "error";
  return result.value === null ? "pending" : band(result.value);
}

const unitBand = (value: number) => (value === 0 ? "0" : value === 1 ? "1" : "between");
const label = (value: string) => value;

describe("the engine is total: a documented value, pending, or an OkrError — never anything else", () => {
  const keyResults = cases(keyResultArgs, anyArguments(4));

  test("score is in [0, 1] or null; a well-formed key result always scores", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(keyResults, ({ origin, args: [b, t, a, type] }) => {
        const result = outcome(() => score(b, t, a, type));
        reach.record(branchOf(result, unitBand));
        if (origin === "well-formed") expect(result).toEqual({ value: expect.any(Number) });
        if ("value" in result && result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(1);
        }
      }),
      runs
    );
    reach.expectShare(REACHED, "0", "between", "1");
    // Both clamped ends and the inside of the scale.
    for (const band of ["0", "between", "1"]) reach.expectShare(0.03, band);
  });

  test("progress is a number (never NaN) or null, and score is progress clamped", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(keyResults, ({ origin, args: [b, t, a, type] }) => {
        const result = outcome(() => progress(b, t, a, type));
        reach.record(
          branchOf(result, (value) => (value < 0 ? "below 0" : value > 1 ? "above 1" : "0 to 1"))
        );
        if (origin === "well-formed") expect(result).toEqual({ value: expect.any(Number) });
        if ("value" in result && result.value !== null) {
          expect(Number.isNaN(result.value)).toBe(false);
          expect(score(b, t, a, type)).toBe(Math.min(1, Math.max(0, result.value)));
        }
      }),
      runs
    );
    reach.expectShare(REACHED, "below 0", "0 to 1", "above 1");
    // The clamp is tested only by progress outside 0–1.
    for (const band of ["below 0", "above 1"]) reach.expectShare(0.03, band);
  });

  test("status is one of the four labels", () => {
    const reach = new Reach();
    const statusCases = cases(
      fc.tuple(realisticScore, wellFormedThresholds).map(([s, [red, green]]) => [s, red, green]),
      fc.tuple(anyValue, fc.option(anyValue), fc.option(anyValue))
    );
    fc.assert(
      fc.property(statusCases, ({ origin, args: [s, red, green] }) => {
        const result = outcome(() => status(s, red, green));
        reach.record(branchOf(result, label));
        if (origin === "well-formed")
          expect(result).toEqual({ value: expect.stringMatching(/^(Red|Yellow|Green)$/) });
        if ("value" in result)
          expect(["Red", "Yellow", "Green", "Pending"]).toContain(result.value);
      }),
      runs
    );
    reach.expectShare(REACHED, "Red", "Yellow", "Green");
    for (const band of ["Red", "Yellow", "Green"]) reach.expectShare(0.05, band);
  });

  test("grade is in [0, 1] or null", () => {
    const reach = new Reach();
    const gradeCases = cases(
      wellFormedGrade.map(({ scores, weights }) => [scores, weights]),
      fc.tuple(
        fc.array(anyValue, { maxLength: 12 }),
        fc.option(fc.array(anyValue, { maxLength: 12 }))
      ),
      // A value in the score list; the lists themselves stay lists, as the signature says.
      [0]
    );
    fc.assert(
      fc.property(gradeCases, ({ origin, args }) => {
        const [scores, weights] = args as [unknown[], unknown[] | null];
        const result = outcome(() => grade(scores, weights));
        reach.record(branchOf(result, unitBand));
        if (origin === "well-formed") expect(result).toEqual({ value: expect.any(Number) });
        if ("value" in result && result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      runs
    );
    reach.expectShare(REACHED, "0", "between", "1");
    reach.expectShare(REACHED, "between");
  });

  test("grade of valid scores lies between their minimum and maximum", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0.01, max: 100, noNaN: true })
          ),
          { minLength: 1, maxLength: 20 }
        ),
        (pairs) => {
          const value = grade(
            pairs.map(([s]) => s),
            pairs.map(([, w]) => w)
          ) as number;
          const scores = pairs.map(([s]) => s);
          // With one distinct score the bounds meet and the property says little.
          reach.record(new Set(scores).size > 1 ? "distinct scores" : "one score");
          expect(value).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-12);
          expect(value).toBeLessThanOrEqual(Math.max(...scores) + 1e-12);
        }
      ),
      runs
    );
    reach.expectShare(REACHED, "distinct scores");
  });

  test("health is one of the five verdicts or null", () => {
    const verdicts = ["Concerning", "Below target", "Ideal", "Strong", "Too easy"];
    const reach = new Reach();
    const healthCases = cases(
      fc.tuple(realisticScore, wellFormedKind),
      fc.tuple(anyValue, fc.option(anyValue))
    );
    fc.assert(
      fc.property(healthCases, ({ origin, args: [average, kind] }) => {
        const result = outcome(() => health(average, kind));
        reach.record(branchOf(result, label));
        if (origin === "well-formed") expect(result).toEqual({ value: expect.any(String) });
        if ("value" in result && result.value !== null) expect(verdicts).toContain(result.value);
      }),
      runs
    );
    reach.expectShare(REACHED, ...verdicts);
    for (const verdict of verdicts) reach.expectShare(0.02, verdict);
  });

  test("pace is one of the three labels or null", () => {
    const labels = ["On track", "Behind", "At risk"];
    const reach = new Reach();
    const paceCases = cases(
      wellFormedPace,
      fc.tuple(
        anyValue,
        anyValue,
        anyValue,
        anyValue,
        anyValue,
        fc.option(anyValue),
        fc.option(anyValue)
      )
    );
    fc.assert(
      fc.property(paceCases, ({ origin, args: [b, t, a, start, end, asOf, type] }) => {
        const result = outcome(() => pace(b, t, a, start, end, asOf, type));
        reach.record(branchOf(result, label));
        if (origin === "well-formed") expect(result).toEqual({ value: expect.any(String) });
        if ("value" in result && result.value !== null) expect(labels).toContain(result.value);
      }),
      runs
    );
    reach.expectShare(REACHED, ...labels);
    for (const pace of labels) reach.expectShare(0.03, pace);
  });

  test("pace with valid dates follows the gap", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(
        fc.integer({ min: 40000, max: 50000 }),
        fc.integer({ min: 1, max: 800 }),
        fc.integer({ min: -100, max: 1000 }),
        fc.oneof(uniform(-1, 2), fc.double({ min: -1, max: 2, noNaN: true })),
        (start, length, offset, made) => {
          const result = pace(0, 1, made, start, start + length, start + offset);
          const expected = Math.min(1, Math.max(0, offset / length));
          const gap = Math.round((expected - made) * 100) / 100;
          // Within 0.01 of a band's edge the rounding decides; those runs check nothing.
          reach.record(
            gap <= -0.01
              ? "On track"
              : gap > 0.01 && gap < 0.24
                ? "Behind"
                : gap > 0.26
                  ? "At risk"
                  : "at an edge"
          );
          if (gap <= -0.01) expect(result).toBe("On track");
          if (gap > 0.01 && gap < 0.24) expect(result).toBe("Behind");
          if (gap > 0.26) expect(result).toBe("At risk");
        }
      ),
      runs
    );
    reach.expectShare(REACHED, "On track", "Behind", "At risk");
    for (const pace of ["On track", "Behind", "At risk"]) reach.expectShare(0.03, pace);
  });
});

function isCell(value: unknown, allowed: (v: unknown) => boolean): boolean {
  if (value instanceof FakeCustomFunctionError) return value.code.length > 0;
  return value === "" || allowed(value);
}

/** A result cell with a value: neither an error value nor empty (pending). */
const isValue = (value: unknown) => value !== "" && !(value instanceof FakeCustomFunctionError);

const inUnit = (v: unknown) => typeof v === "number" && v >= 0 && v <= 1;
const finiteNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const oneOf = (labels: string[]) => (v: unknown) => typeof v === "string" && labels.includes(v);

describe("the worksheet functions never throw: every cell is a value in range, empty, or an error value", () => {
  const spilled: [
    string,
    number,
    (...args: unknown[]) => unknown[][],
    (v: unknown) => boolean,
    fc.Arbitrary<unknown[]>,
  ][] = [
    ["SCORE", 4, cells.score as never, inUnit, wellFormedKeyResultRanges],
    ["PROGRESS", 4, cells.progress as never, finiteNumber, wellFormedKeyResultRanges],
    [
      "STATUS",
      3,
      cells.status as never,
      oneOf(["Red", "Yellow", "Green", "Pending"]),
      wellFormedStatusRanges,
    ],
    [
      "HEALTH",
      2,
      cells.health as never,
      oneOf(["Concerning", "Below target", "Ideal", "Strong", "Too easy"]),
      wellFormedHealthRanges,
    ],
    [
      "PACE",
      7,
      cells.pace as never,
      oneOf(["On track", "Behind", "At risk"]),
      wellFormedPaceRanges,
    ],
  ];

  test.each(spilled)("%s", (_name, arity, fn, allowed, wellFormed) => {
    const reach = new Reach();
    fc.assert(
      fc.property(cases(wellFormed, anyArguments(arity, anyArgument)), ({ origin, args }) => {
        const result = fn(...args);
        expect(Array.isArray(result)).toBe(true);
        const flat = result.flat();
        for (const value of flat) expect(isCell(value, allowed)).toBe(true);
        // A well-formed range computes in every cell.
        if (origin === "well-formed") expect(flat.filter((value) => !isValue(value))).toEqual([]);
        const values = flat.filter(isValue).length;
        reach.record(values === 0 ? "no value" : values === flat.length ? "all values" : "mixed");
      }),
      { numRuns: propertyRuns(1000) }
    );
    reach.expectShare(REACHED, "all values", "mixed");
    // Values beside an error or a pending cell: one bad cell spoils only its own result.
    reach.expectShare(0.03, "mixed");
  });

  test("GRADE", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(
        cases(wellFormedGradeRanges, anyArguments(2, anyArgument)),
        ({ origin, args: [scores, weights] }) => {
          const value = cells.grade(scores as never, weights as never);
          expect(isCell(value, inUnit)).toBe(true);
          if (origin === "well-formed") expect(value).toEqual(expect.any(Number));
          reach.record(isValue(value) ? "value" : value === "" ? "pending" : "error");
        }
      ),
      { numRuns: propertyRuns(1000) }
    );
    reach.expectShare(REACHED, "value");
  });
});
