import fc from "fast-check";
import * as cells from "../src/functions/functions";
import { OkrError } from "../src/okr/errors";
import { grade, health, pace, progress, score, status } from "../src/okr/scoring";
import {
  FakeCustomFunctionError,
  installCustomFunctionsRuntime,
} from "./support/customFunctionsRuntime";

beforeAll(installCustomFunctionsRuntime);

/** Anything a cell or a library caller can hand over, weighted toward the interesting cases. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.double(), weight: 4 },
  { arbitrary: fc.double({ min: -2, max: 2, noNaN: true }), weight: 4 },
  { arbitrary: fc.integer({ min: -5, max: 50_000 }), weight: 3 },
  {
    arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, 0.4, 0.7, 0.695, 1e308, -1e-308),
    weight: 2,
  },
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      "",
      "  ",
      "done",
      "not done",
      "yes",
      "no",
      "80%",
      "1e3",
      "increase",
      "decrease",
      "maintain-above",
      "maintain-below",
      "milestone",
      "committed",
      "aspirational",
      "2026-01-01",
      "2026-02-30",
      "1,000"
    ),
    weight: 3,
  },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined), weight: 3 },
  { arbitrary: fc.date({ noInvalidDate: false }), weight: 1 },
  {
    arbitrary: fc.constantFrom<unknown>({}, [], [1, 2], new FakeCustomFunctionError("#DIV/0!"), {
      type: "Error",
      errorType: "Value",
    }),
    weight: 1,
  }
);

const runs = { numRuns: 2000 };

/** Calls `run`; the only exception allowed is an OkrError with a message. */
function outcome<T>(run: () => T): { value: T } | { error: OkrError } {
  try {
    return { value: run() };
  } catch (error) {
    expect(error).toBeInstanceOf(OkrError);
    expect((error as OkrError).message.length).toBeGreaterThan(0);
    expect(["#VALUE!", "#N/A"]).toContain((error as OkrError).code);
    return { error: error as OkrError };
  }
}

describe("the engine is total: a documented value, pending, or an OkrError — never anything else", () => {
  test("score is in [0, 1] or null", () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, (b, t, a, type) => {
        const result = outcome(() => score(b, t, a, type));
        if ("value" in result && result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(1);
        }
      }),
      runs
    );
  });

  test("progress is a number (never NaN) or null, and score is progress clamped", () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, (b, t, a, type) => {
        const result = outcome(() => progress(b, t, a, type));
        if ("value" in result && result.value !== null) {
          expect(Number.isNaN(result.value)).toBe(false);
          expect(score(b, t, a, type)).toBe(Math.min(1, Math.max(0, result.value)));
        }
      }),
      runs
    );
  });

  test("status is one of the four labels", () => {
    fc.assert(
      fc.property(anyValue, fc.option(anyValue), fc.option(anyValue), (s, red, green) => {
        const result = outcome(() => status(s, red, green));
        if ("value" in result)
          expect(["Red", "Yellow", "Green", "Pending"]).toContain(result.value);
      }),
      runs
    );
  });

  test("grade is in [0, 1] or null", () => {
    fc.assert(
      fc.property(
        fc.array(anyValue, { maxLength: 12 }),
        fc.option(fc.array(anyValue, { maxLength: 12 })),
        (scores, weights) => {
          const result = outcome(() => grade(scores, weights));
          if ("value" in result && result.value !== null) {
            expect(result.value).toBeGreaterThanOrEqual(0);
            expect(result.value).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
      ),
      runs
    );
  });

  test("grade of valid scores lies between their minimum and maximum", () => {
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
          expect(value).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-12);
          expect(value).toBeLessThanOrEqual(Math.max(...scores) + 1e-12);
        }
      ),
      runs
    );
  });

  test("health is one of the five verdicts or null", () => {
    fc.assert(
      fc.property(anyValue, fc.option(anyValue), (average, kind) => {
        const result = outcome(() => health(average, kind));
        if ("value" in result && result.value !== null) {
          expect(["Concerning", "Below target", "Ideal", "Strong", "Too easy"]).toContain(
            result.value
          );
        }
      }),
      runs
    );
  });

  test("pace is one of the three labels or null", () => {
    fc.assert(
      fc.property(
        anyValue,
        anyValue,
        anyValue,
        anyValue,
        anyValue,
        fc.option(anyValue),
        fc.option(anyValue),
        (b, t, a, start, end, asOf, type) => {
          const result = outcome(() => pace(b, t, a, start, end, asOf, type));
          if ("value" in result && result.value !== null)
            expect(["On track", "Behind", "At risk"]).toContain(result.value);
        }
      ),
      runs
    );
  });

  test("pace with valid dates follows the gap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40000, max: 50000 }),
        fc.integer({ min: 1, max: 800 }),
        fc.integer({ min: -100, max: 1000 }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (start, length, offset, made) => {
          const result = pace(0, 1, made, start, start + length, start + offset);
          const expected = Math.min(1, Math.max(0, offset / length));
          const gap = Math.round((expected - made) * 100) / 100;
          if (gap <= -0.01) expect(result).toBe("On track");
          if (gap > 0.01 && gap < 0.24) expect(result).toBe("Behind");
          if (gap > 0.26) expect(result).toBe("At risk");
        }
      ),
      runs
    );
  });
});

/** A range of 1–4 rows and 1–3 columns, or a bare value, or null (an omitted argument). */
const anyArgument: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 1, max: 4 }).chain((rows) =>
    fc.integer({ min: 1, max: 3 }).chain((columns) =>
      fc.array(fc.array(anyValue, { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      })
    )
  ),
  fc.array(fc.array(anyValue, { maxLength: 3 }), { maxLength: 3 }),
  anyValue,
  fc.constant(null)
);

function isCell(value: unknown, allowed: (v: unknown) => boolean): boolean {
  if (value instanceof FakeCustomFunctionError) return value.code.length > 0;
  return value === "" || allowed(value);
}

const inUnit = (v: unknown) => typeof v === "number" && v >= 0 && v <= 1;
const finiteNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const oneOf = (labels: string[]) => (v: unknown) => typeof v === "string" && labels.includes(v);

describe("the worksheet functions never throw: every cell is a value in range, empty, or an error value", () => {
  const spilled: [string, number, (...args: unknown[]) => unknown[][], (v: unknown) => boolean][] =
    [
      ["SCORE", 4, cells.score as never, inUnit],
      ["PROGRESS", 4, cells.progress as never, finiteNumber],
      ["STATUS", 3, cells.status as never, oneOf(["Red", "Yellow", "Green", "Pending"])],
      [
        "HEALTH",
        2,
        cells.health as never,
        oneOf(["Concerning", "Below target", "Ideal", "Strong", "Too easy"]),
      ],
      ["PACE", 7, cells.pace as never, oneOf(["On track", "Behind", "At risk"])],
    ];

  test.each(spilled)("%s", (_name, arity, fn, allowed) => {
    fc.assert(
      fc.property(fc.array(anyArgument, { minLength: arity, maxLength: arity }), (args) => {
        const result = fn(...args);
        expect(Array.isArray(result)).toBe(true);
        for (const row of result)
          for (const value of row) expect(isCell(value, allowed)).toBe(true);
      }),
      { numRuns: 1000 }
    );
  });

  test("GRADE", () => {
    fc.assert(
      fc.property(anyArgument, anyArgument, (scores, weights) => {
        const value = cells.grade(scores as never, weights as never);
        expect(isCell(value, inUnit)).toBe(true);
      }),
      { numRuns: 1000 }
    );
  });
});
