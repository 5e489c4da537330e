import * as functions from "../src/functions/functions";
import {
  FakeCustomFunctionError,
  installCustomFunctionsRuntime,
  shown,
} from "./support/customFunctionsRuntime";

beforeAll(installCustomFunctionsRuntime);

// Excel passes null for an omitted optional argument, which the declared types (`type?: any[][]`,
// kept so the metadata generator sees a matrix) do not admit; call the functions as Excel does.
type Loose = (...args: unknown[]) => unknown[][];
const score = functions.score as Loose;
const progress = functions.progress as Loose;
const status = functions.status as Loose;
const health = functions.health as Loose;
const pace = functions.pace as Loose;
const grade = functions.grade as (...args: unknown[]) => unknown;

const view = (result: unknown[][]) => result.map((row) => row.map(shown));
const column = (...values: unknown[]) => values.map((value) => [value]);

describe("single cells arrive as 1×1 ranges and give a 1×1 result", () => {
  test.each<[string, () => unknown[][], unknown]>([
    ["SCORE", () => score([[80]], [[95]], [[90]], null), 2 / 3],
    ["PROGRESS", () => progress([[88]], [[95]], [[96]], null), 8 / 7],
    ["STATUS", () => status([[0.67]], null, null), "Yellow"],
    ["HEALTH", () => health([[0.95]], [["committed"]]), "Strong"],
    ["PACE", () => pace([[0]], [[100]], [[40]], [[46023]], [[46112]], [[46068]], null), "Behind"],
  ])("%s", (_name, run, expected) => {
    const result = run();
    expect(result).toHaveLength(1);
    expect(result[0]).toHaveLength(1);
    if (typeof expected === "number") expect(result[0][0]).toBeCloseTo(expected, 12);
    else expect(result[0][0]).toBe(expected);
  });

  test("omitted optional arguments may arrive as undefined too", () => {
    expect(view(score([[0]], [[10]], [[5]]))).toEqual([[0.5]]);
    expect(view(status([[0.5]]))).toEqual([["Yellow"]]);
  });
});

describe("ranges spill, broadcasting like Excel", () => {
  test("one formula scores a whole column, with pending and blank rows empty", () => {
    const result = score(
      column(80, 2, 100, 0.88, 0, null, 5),
      column(95, 7, 500, 0.95, 3, null, 10),
      column(90, 5, 425, 0.96, 1, null, null),
      null
    );
    expect(
      view(result).map(([value]) => [typeof value === "number" ? Number(value.toFixed(4)) : value])
    ).toEqual([[0.6667], [0.6], [0.8125], [1], [0.3333], [""], [""]]);
  });

  test("a single cell is repeated along a range", () => {
    expect(view(score([[0]], [[10]], column(5, 10, 20), null))).toEqual([[0.5], [1], [1]]);
  });

  test("a column and a row broadcast to a grid", () => {
    expect(view(score([[0]], column(10, 20), [[5, 10]], null))).toEqual([
      [0.5, 1],
      [0.25, 0.5],
    ]);
  });

  test("a type column applies per row", () => {
    expect(
      view(
        score(
          column(null, null),
          column(5, null),
          column(4, "done"),
          column("maintain-below", "milestone")
        )
      )
    ).toEqual([[1], [1]]);
  });

  test("ranges of different lengths: the cells beyond the shorter one are #N/A, the rest compute", () => {
    expect(
      view(score(column(0, 0, 0), column(10, 10, 10), column(5, 10, 10, 10, 10), null))
    ).toEqual([
      [0.5],
      [1],
      [1],
      ["#N/A row 4 is beyond baseline (3 rows)"],
      ["#N/A row 5 is beyond baseline (3 rows)"],
    ]);
  });

  test("ranges of different widths", () => {
    expect(view(status([[0.1, 0.5, 0.9]], [[0.2, 0.3]], null))).toEqual([
      ["Red", "Yellow", "#N/A column 3 is beyond red_below (2 columns)"],
    ]);
  });

  test("STATUS, HEALTH and PACE spill too", () => {
    expect(view(status(column(0.2, 0.5, 0.8, null), null, null))).toEqual([
      ["Red"],
      ["Yellow"],
      ["Green"],
      ["Pending"],
    ]);
    expect(view(health(column(0.3, 0.6, 0.75, 0.85, 0.95), null))).toEqual([
      ["Concerning"],
      ["Below target"],
      ["Ideal"],
      ["Strong"],
      ["Too easy"],
    ]);
    expect(
      view(
        pace(column(0, 0), column(100, 100), column(60, 20), [[46023]], [[46112]], [[46068]], null)
      )
    ).toEqual([["On track"], ["At risk"]]);
  });
});

describe("a bad cell gets an error in its own cell; the others still compute", () => {
  test("errors sit where they belong", () => {
    const result = view(
      score(
        column(0, 72, 0, 0, 0),
        column(10, 72, null, 10, 10),
        column(5, 80, 3, "abc", 7),
        column(null, null, null, null, "grow")
      )
    );
    expect(result).toEqual([
      [0.5],
      ["#VALUE! target equals baseline (72)"],
      ["#N/A target is missing"],
      ['#VALUE! actual is not a number: "abc"'],
      [
        '#VALUE! type must be one of increase, decrease, maintain-above, maintain-below, milestone; got "grow"',
      ],
    ]);
    expect(result.flat().filter((cell) => cell instanceof Error)).toEqual([]);
  });

  test("an error value in an input cell passes through to its row only", () => {
    const divZero = new FakeCustomFunctionError("#DIV/0!");
    const excelError = { type: "Error", errorType: "Ref" };
    expect(
      view(score(column(0, 0, 0), column(10, 10, 10), column(divZero, 5, excelError), null))
    ).toEqual([["#DIV/0!"], [0.5], ["#VALUE! #REF! actual is #REF!"]]);
  });

  test("errors are CustomFunctions.Error values with Excel's codes", () => {
    const [[cell]] = score([[1]], [[1]], [[1]], null);
    expect(cell).toBeInstanceOf(FakeCustomFunctionError);
    expect(cell).toMatchObject({ code: "#VALUE!", message: "target equals baseline (1)" });
  });

  test("an empty range argument counts as one empty cell", () => {
    expect(view(score([], [[10]], [[5]], null))).toEqual([[0.5]]);
  });
});

describe("GRADE aggregates a range into one value", () => {
  test.each<[string, unknown[][], unknown[][] | null, unknown]>([
    ["mean of a column", column(1, 0.81, 0.69, 0.33), null, 0.7075],
    ["weighted", column(1, 0.81, 0.69, 0.33), column(2, 1, 1, 1), 0.766],
    ["a row of scores", [[1, 0.5]], null, 0.75],
    ["pending left out", column(1, "", null, 0.5), null, 0.75],
    ["none scored is an empty cell", column(null, ""), null, ""],
    ["a score out of range", column(1, 1.5), null, "#VALUE! score 2 (1.5) is outside 0–1"],
    [
      "weights of another shape",
      column(1, 0.5),
      column(1, 1, 1),
      "#VALUE! weights (3×1) must have the same shape as scores (2×1)",
    ],
    [
      "weights as a row against a column",
      column(1, 0.5),
      [[1, 1]],
      "#VALUE! weights (1×2) must have the same shape as scores (2×1)",
    ],
    [
      "an error in the scores",
      column(1, new FakeCustomFunctionError("#N/A", "lookup failed")),
      null,
      "#N/A scores contains #N/A",
    ],
  ])("%s", (_name, scores, weights, expected) => {
    const result = shown(grade(scores, weights as unknown[][]));
    if (typeof expected === "number") expect(result).toBeCloseTo(expected, 12);
    else expect(result).toBe(expected);
  });
});
