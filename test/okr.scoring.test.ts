import { OkrError } from "../src/okr/errors";
import { grade, health, pace, paceDetails, progress, score, status } from "../src/okr/scoring";

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof OkrError) return `${error.code} ${error.message}`;
    throw error;
  }
  throw new Error("expected an OkrError");
}

describe("the framework's worked examples come out as written", () => {
  test.each([
    ["customer satisfaction 80 → 95, actual 90", 80, 95, 90, 0.67, "Yellow"],
    ["5 new markets, 2 → 7, 5 reached", 2, 7, 5, 0.6, "Yellow"],
    ["images per hour 100 → 500, actual 425", 100, 500, 425, 0.81, "Green"],
    ["defect detection 88% → 95%, actual 96%", 0.88, 0.95, 0.96, 1.0, "Green"],
    ["production lines 0 → 3, 1 deployed", 0, 3, 1, 0.33, "Red"],
  ])("%s", (_name, baseline, target, actual, shownScore, light) => {
    const value = score(baseline, target, actual) as number;
    expect(Number(value.toFixed(2))).toBe(shownScore);
    expect(status(value)).toBe(light);
  });

  test("96% against 88 → 95 is progress 1.14 and score 1.0", () => {
    expect(progress(88, 95, 96)).toBeCloseTo(8 / 7, 12);
    expect(Number((progress(88, 95, 96) as number).toFixed(2))).toBe(1.14);
    expect(score(88, 95, 96)).toBe(1);
  });

  test("the completed Q4 2025 sample's key results average 0.73, Ideal, not the 0.75 it reports", () => {
    const scores = [
      score(0.88, 0.95, 0.96),
      score(100, 500, 425),
      score(0.12, 0.05, 0.065),
      score(0, 3, 1),
    ];
    const objective = grade(scores) as number;
    expect(objective).toBeCloseTo((1 + 0.8125 + 0.7857142857 + 1 / 3) / 4, 9);
    expect(health(objective)).toBe("Ideal");
  });
});

describe("progress and score by key-result type", () => {
  test.each<[string, unknown, unknown, unknown, unknown, number | null]>([
    ["increase, inferred", 10, 20, 15, undefined, 0.5],
    ["increase, declared", 10, 20, 15, "increase", 0.5],
    ["decrease, inferred: 300 s → 30 s, actual 120", 300, 30, 120, undefined, 2 / 3],
    ["decrease, declared", 300, 30, 120, "decrease", 2 / 3],
    ["missing baseline counts as 0", null, 10, 4, undefined, 0.4],
    ["empty-string baseline counts as 0", "", 10, 4, undefined, 0.4],
    ["overachievement is unclamped", 0, 10, 15, undefined, 1.5],
    ["going backwards is negative", 10, 20, 5, undefined, -0.5],
    ["maintain-above met exactly (inclusive)", null, 99.9, 99.9, "maintain-above", 1],
    ["maintain-above missed", null, 99.9, 99.8, "maintain-above", 0],
    ["maintain-above ignores the baseline", 50, 99.9, 100, "maintain-above", 1],
    ["maintain-below met exactly (inclusive)", null, 5, 5, "maintain-below", 1],
    ["maintain-below missed", null, 5, 5.1, "maintain-below", 0],
    ["milestone TRUE", null, null, true, "milestone", 1],
    ["milestone FALSE", null, null, false, "milestone", 0],
    ["milestone 1", null, null, 1, "milestone", 1],
    ["milestone 0", null, null, 0, "milestone", 0],
    ["milestone done", null, null, "Done", "milestone", 1],
    ["milestone yes", null, null, " yes ", "milestone", 1],
    ["milestone no", null, null, "NO", "milestone", 0],
    ["milestone not done", null, null, "not  done", "milestone", 0],
    ["milestone completed", null, null, "Completed", "milestone", 1],
    ["milestone complete", null, null, "complete", "milestone", 1],
    ["milestone not started", null, null, "Not Started", "milestone", 0],
    ["milestone 1 as text", null, null, "1", "milestone", 1],
    ["milestone graded by hand: partial credit", null, null, 0.6, "milestone", 0.6],
    ["milestone graded 0.25 when inferred", null, null, 0.25, undefined, 0.25],
    ["milestone inferred when baseline and target are empty", null, null, "done", undefined, 1],
    ["milestone ignores baseline and target", 3, 3, true, "milestone", 1],
    ["type is case- and separator-insensitive", null, 5, 4, "Maintain Below", 1],
    ["type with underscore", null, 5, 4, "maintain_below", 1],
    ["numbers stored as text", "80", "95", "90", undefined, 2 / 3],
    ["percent text", "80%", "95%", "90%", undefined, 2 / 3],
    ["pending: empty actual", 80, 95, null, undefined, null],
    ["pending: blank actual text", 80, 95, "  ", undefined, null],
    ["pending milestone", null, null, null, "milestone", null],
    ["blank row", null, null, null, undefined, null],
    ["blank row with a declared type", null, null, null, "increase", null],
  ])("%s", (_name, baseline, target, actual, type, expected) => {
    const value = progress(baseline, target, actual, type);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 12);
  });

  test.each([
    [0, 10, 15, 1],
    [10, 20, 5, 0],
    [0, 10, 5, 0.5],
    [0, 10, null, null],
  ])(
    "score clamps progress to [0, 1]: %p → %p, actual %p",
    (baseline, target, actual, expected) => {
      expect(score(baseline, target, actual)).toBe(expected);
    }
  );
});

describe("scoring errors say what is wrong", () => {
  test.each<[string, () => unknown, string]>([
    ["target equals baseline", () => score(72, 72, 80), "#VALUE! target equals baseline (72)"],
    [
      "target equals baseline, even while pending",
      () => score(72, 72, null),
      "#VALUE! target equals baseline (72)",
    ],
    ["target missing", () => score(10, null, 12), "#N/A target is missing"],
    [
      "target missing for maintain-above",
      () => score(null, null, 12, "maintain-above"),
      "#N/A target is missing",
    ],
    ["actual not a number", () => score(1, 2, "abc"), '#VALUE! actual is not a number: "abc"'],
    ["baseline boolean", () => score(true, 2, 1), "#VALUE! baseline is not a number: TRUE"],
    [
      "target infinite",
      () => score(0, Infinity, 1),
      "#VALUE! target is not a finite number (Infinity)",
    ],
    ["actual NaN", () => score(0, 1, NaN), "#VALUE! actual is not a finite number (NaN)"],
    [
      "unknown type",
      () => score(0, 1, 1, "grow"),
      '#VALUE! type must be one of increase, decrease, maintain-above, maintain-below, milestone; got "grow"',
    ],
    [
      "type not text",
      () => score(0, 1, 1, 3),
      "#VALUE! type must be one of increase, decrease, maintain-above, maintain-below, milestone; got 3",
    ],
    [
      "increase with target below baseline",
      () => score(10, 5, 7, "increase"),
      "#VALUE! type is increase but target (5) is below baseline (10)",
    ],
    [
      "decrease with target above baseline",
      () => score(5, 10, 7, "decrease"),
      "#VALUE! type is decrease but target (10) is above baseline (5)",
    ],
    [
      "milestone graded above 1",
      () => score(null, null, 1.5, "milestone"),
      "#VALUE! a milestone's actual must be TRUE or FALSE, 1 or 0, done or not done, yes or no, or a grade from 0 to 1; got 1.5",
    ],
    [
      "milestone inferred with bad text",
      () => score(null, null, "maybe"),
      `#VALUE! a milestone's actual must be TRUE or FALSE, 1 or 0, done or not done, yes or no, or a grade from 0 to 1; got "maybe"`,
    ],
  ])("%s", (_name, run, message) => {
    expect(failure(run)).toBe(message);
  });
});

describe("status: Red below 0.40, Yellow to below 0.70, Green from 0.70, on the score as shown", () => {
  test.each<[unknown, unknown, unknown, string]>([
    [0, undefined, undefined, "Red"],
    [0.39, undefined, undefined, "Red"],
    [0.394999, undefined, undefined, "Red"],
    [0.395, undefined, undefined, "Yellow"],
    [0.4, undefined, undefined, "Yellow"],
    [0.67, undefined, undefined, "Yellow"],
    [0.69, undefined, undefined, "Yellow"],
    [0.694, undefined, undefined, "Yellow"],
    [0.695, undefined, undefined, "Green"],
    [0.7, undefined, undefined, "Green"],
    [1, undefined, undefined, "Green"],
    [1.14, undefined, undefined, "Green"],
    [-0.2, undefined, undefined, "Red"],
    [null, undefined, undefined, "Pending"],
    ["", undefined, undefined, "Pending"],
    ["0.8", undefined, undefined, "Green"],
    [0.5, 0.3, 0.5, "Green"],
    [0.29, 0.3, 0.5, "Red"],
    [0.35, 0.3, 0.5, "Yellow"],
    [0.5, null, null, "Yellow"],
    [0.5, 0.5, 0.5, "Green"],
  ])("status(%p, %p, %p) is %s", (value, red, green, expected) => {
    expect(status(value, red, green)).toBe(expected);
  });

  test.each<[unknown, unknown, string]>([
    [
      0.8,
      0.5,
      "#VALUE! thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1 on the 0–1 scale; got red_below 0.8 and green_from 0.5",
    ],
    [
      40,
      70,
      "#VALUE! thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1 on the 0–1 scale; got red_below 40 and green_from 70",
    ],
    [
      -0.1,
      0.7,
      "#VALUE! thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1 on the 0–1 scale; got red_below -0.1 and green_from 0.7",
    ],
    ["low", 0.7, '#VALUE! red_below is not a number: "low"'],
  ])("bad thresholds %p, %p", (red, green, message) => {
    expect(failure(() => status(0.5, red, green))).toBe(message);
  });

  test("a score that is not a number", () => {
    expect(failure(() => status("Green"))).toBe('#VALUE! score is not a number: "Green"');
  });
});

describe("grade: weighted mean of the scored key results", () => {
  test.each<[string, unknown[], unknown[] | undefined, number | null]>([
    ["plain mean", [1, 0.81, 0.69, 0.33], undefined, 0.7075],
    ["weighted", [1, 0.81, 0.69, 0.33], [2, 1, 1, 1], 0.766],
    ["pending left out", [1, null, 0.5, ""], undefined, 0.75],
    ["pending left out with weights", [1, null, 0.5], [1, 5, 3], 0.625],
    ["empty weight counts as 1", [1, 0], [null, 3], 0.25],
    ["zero weight on one", [1, 0], [0, 1], 0],
    ["none scored", [null, "", undefined], undefined, null],
    ["no key results", [], undefined, null],
    ["nested rows are flattened", [[1], [0.5]], [[1], [1]], 0.75],
  ])("%s", (_name, scores, weights, expected) => {
    const value = grade(scores, weights);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 12);
  });

  test.each<[string, unknown[], unknown[] | undefined, string]>([
    ["score above 1", [1.2, 0.5], undefined, "#VALUE! score 1 (1.2) is outside 0–1"],
    ["negative score", [0.5, -0.1], undefined, "#VALUE! score 2 (-0.1) is outside 0–1"],
    ["text score", [0.5, "high"], undefined, '#VALUE! score 2 is not a number: "high"'],
    ["negative weight", [0.5, 0.5], [1, -1], "#VALUE! weight 2 is negative (-1)"],
    [
      "weights sum to 0",
      [0.5, 0.5],
      [0, 0],
      "#VALUE! the weights of the scored key results add up to 0",
    ],
    [
      "length mismatch",
      [0.5, 0.5],
      [1],
      "#VALUE! weights must match scores one for one: 2 scores, 1 weights",
    ],
  ])("%s", (_name, scores, weights, message) => {
    expect(failure(() => grade(scores, weights))).toBe(message);
  });
});

describe("health: the framework's target-achievement verdicts", () => {
  test.each<[unknown, unknown, string | null]>([
    [0, undefined, "Concerning"],
    [0.49, undefined, "Concerning"],
    [0.494, undefined, "Concerning"],
    [0.495, undefined, "Below target"],
    [0.5, undefined, "Below target"],
    [0.69, undefined, "Below target"],
    [0.7, undefined, "Ideal"],
    [0.7075, undefined, "Ideal"],
    [0.8, undefined, "Ideal"],
    [0.804, undefined, "Ideal"],
    [0.81, undefined, "Strong"],
    [0.9, undefined, "Strong"],
    [0.91, undefined, "Too easy"],
    [1, undefined, "Too easy"],
    [0.95, "aspirational", "Too easy"],
    [0.95, "committed", "Strong"],
    [1, "Committed", "Strong"],
    [0.75, "committed", "Ideal"],
    [0.45, "committed", "Concerning"],
    [null, undefined, null],
  ])("health(%p, %p) is %p", (average, kind, expected) => {
    expect(health(average, kind)).toBe(expected);
  });

  test.each<[unknown, unknown, string]>([
    [1.2, undefined, "#VALUE! average (1.2) is outside 0–1"],
    [-0.01, undefined, "#VALUE! average (-0.01) is outside 0–1"],
    [0.5, "stretch", '#VALUE! kind must be aspirational or committed; got "stretch"'],
  ])("bad input %p, %p", (average, kind, message) => {
    expect(failure(() => health(average, kind))).toBe(message);
  });
});

describe("pace: expected progress grows linearly over the period", () => {
  // 2026-01-01 is serial 46023; 2026-03-31 is 46112 (89 days later); 2026-02-15 is 46068.
  const start = "2026-01-01";
  const end = "2026-03-31";

  test.each<[string, unknown, unknown, string | null]>([
    ["before the start nothing is expected", 0, "2025-12-15", "On track"],
    ["at the start nothing is expected", 0, start, "On track"],
    ["halfway with 40% made is Behind (gap 0.11)", 40, "2026-02-15", "Behind"],
    ["halfway with 51% made is On track", 51, "2026-02-15", "On track"],
    ["halfway with 25% made is At risk (gap 0.26)", 25, "2026-02-15", "At risk"],
    ["after the end everything is expected", 80, "2026-06-30", "Behind"],
    ["after the end, done", 100, "2026-06-30", "On track"],
    ["a gap of exactly 0.25 is still Behind", 75, end, "Behind"],
    ["pending", null, "2026-02-15", null],
  ])("%s", (_name, actual, asOf, expected) => {
    expect(pace(0, 100, actual, start, end, asOf)).toBe(expected);
  });

  test("the details: expected share, progress and gap", () => {
    const details = paceDetails(0, 100, 40, start, end, "2026-02-15");
    expect(details).toEqual({ expected: 45 / 89, progress: 0.4, gap: 0.11, pace: "Behind" });
  });

  test("dates may be serial numbers, Date objects or ISO text, with the same result", () => {
    const bySerial = paceDetails(0, 100, 40, 46023, 46112, 46068);
    const byDate = paceDetails(
      0,
      100,
      40,
      new Date(Date.UTC(2026, 0, 1)),
      new Date(Date.UTC(2026, 2, 31)),
      new Date(Date.UTC(2026, 1, 15, 18))
    );
    const byText = paceDetails(0, 100, 40, start, end, "2026-02-15");
    expect(bySerial).toEqual(byText);
    expect(byDate).toEqual(byText);
  });

  test("as_of defaults to today", () => {
    const now = new Date();
    const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
    const yearAgo = new Date(today.getTime() - 365 * 86_400_000);
    const inAYear = new Date(today.getTime() + 365 * 86_400_000);
    // Exactly halfway through a two-year period: 50% expected today.
    expect(paceDetails(0, 100, 50, yearAgo, inAYear)?.expected).toBeCloseTo(0.5, 2);
    expect(pace(0, 100, 50, yearAgo, inAYear)).toBe("On track");
  });

  test("pace follows the key-result type", () => {
    expect(pace(null, 5, 6, start, end, "2026-02-15", "maintain-below")).toBe("At risk");
    expect(pace(null, null, "done", start, end, "2026-02-15", "milestone")).toBe("On track");
    expect(pace(300, 30, 160, start, end, "2026-02-15")).toBe("On track");
    expect(pace(300, 30, 165, start, end, "2026-02-15")).toBe("Behind");
  });

  test("a blank row is pending even without dates", () => {
    expect(pace(null, null, null, null, null)).toBeNull();
  });

  test.each<[string, () => unknown, string]>([
    [
      "end before start",
      () => pace(0, 100, 40, end, start, "2026-02-15"),
      "#VALUE! end (2026-01-01) is not after start (2026-03-31)",
    ],
    [
      "end equals start",
      () => pace(0, 100, 40, start, start, "2026-02-15"),
      "#VALUE! end (2026-01-01) is not after start (2026-01-01)",
    ],
    ["start missing", () => pace(0, 100, 40, null, end), "#N/A start is missing"],
    ["end missing", () => pace(0, 100, 40, start, ""), "#N/A end is missing"],
    [
      "start not a date",
      () => pace(0, 100, 40, "soon", end),
      '#VALUE! start is not a date: "soon" (use a date, a date serial number or yyyy-mm-dd)',
    ],
    [
      "impossible calendar date",
      () => pace(0, 100, 40, "2026-02-30", end),
      '#VALUE! start is not a calendar date: "2026-02-30"',
    ],
    [
      "date out of range",
      () => pace(0, 100, 40, -5, end),
      "#VALUE! start is outside the dates a spreadsheet can hold (-5)",
    ],
    [
      "as_of not a date",
      () => pace(0, 100, 40, start, end, true),
      "#VALUE! as_of is not a date: TRUE (use a date, a date serial number or yyyy-mm-dd)",
    ],
    [
      "scoring errors come through",
      () => pace(5, 5, 40, start, end, start),
      "#VALUE! target equals baseline (5)",
    ],
  ])("%s", (_name, run, message) => {
    expect(failure(run)).toBe(message);
  });
});

test("progress too large for a number is an error, not Infinity", () => {
  expect(failure(() => progress(null, -5e-324, -8.9e-16))).toBe(
    "#VALUE! progress is too large to compute: target (-5e-324) is too close to baseline (0) for actual -8.9e-16"
  );
  // Differences that overflow are not a ratio that does (test/totalFunctions.test.ts).
  expect(progress(-1e308, 1e308, 1e308)).toBe(1);
});
