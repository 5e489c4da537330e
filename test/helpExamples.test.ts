import * as functions from "../src/functions/functions";
import {
  type Argument,
  type CellValue,
  type Example,
  FUNCTION_DESCRIPTIONS,
  type FunctionDescription,
  type FunctionId,
  formulaOf,
  referencesOf,
  type ResultCell,
  referencesText,
  resultText,
} from "../src/functions/descriptions";
import { formatNumber, roundTo, serialFromUtcMs } from "../src/okr/values";
import { WORKSHEET_FUNCTIONS } from "../src/taskpane/functions/worksheetFunctions";
import {
  FakeCustomFunctionError,
  installCustomFunctionsRuntime,
} from "./support/customFunctionsRuntime";

/*
 * Every example and every error of the help pages (and so of the task pane's cards), run through
 * the real worksheet functions as Excel calls them: a page cannot show a result, or an error
 * message, that the function does not give.
 */

beforeAll(installCustomFunctionsRuntime);

// Excel passes ranges as 2-D arrays and an omitted optional argument as null.
const ADAPTERS = functions as unknown as Record<string, (...args: unknown[]) => unknown>;

function run(id: FunctionId, args: Argument[]): unknown {
  return ADAPTERS[id.toLowerCase()](...args.map(valueOf));
}

/** What a cell holds as Excel hands it to a custom function. */
function cellValue(value: CellValue): unknown {
  return value !== null && typeof value === "object"
    ? new FakeCustomFunctionError(value.error)
    : value;
}

/** An argument as Excel passes it: a 2-D array, or null when omitted. */
function valueOf(argument: Argument): unknown[][] | null {
  if (argument === null) return null;
  if (typeof argument !== "object") return [[argument]];
  if ("percent" in argument) return [[Number(`${argument.percent}e-2`)]];
  if ("date" in argument) {
    const [year, month, day] = argument.date.split("-").map(Number);
    return [[serialFromUtcMs(Date.UTC(year, month - 1, day))]];
  }
  if ("array" in argument) return argument.array;
  if ("ref" in argument) return argument.cells.map((row) => row.map(cellValue));
  const result = run(argument.call, argument.args);
  return Array.isArray(result) ? result : [[result]];
}

const decimals = (value: number) => (formatNumber(Math.abs(value)).split(".")[1] ?? "").length;
const exactly = (actual: number, expected: number) =>
  Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));

/**
 * A result cell in the descriptions' terms, so that it can be compared with what the example
 * promises: a number that meets the promise (exact, or rounding to the approximation without being
 * it) becomes the promise; anything else stays what it is and fails the comparison.
 */
function observed(actual: unknown, promised: ResultCell): unknown {
  if (actual === "") return null;
  if (actual instanceof FakeCustomFunctionError)
    return actual.message === undefined
      ? { error: actual.code }
      : { error: actual.code, message: actual.message };
  if (typeof actual === "number" && promised !== null && typeof promised === "object") {
    if ("approx" in promised) {
      const rounds = roundTo(actual, decimals(promised.approx)) === promised.approx;
      return rounds && !exactly(actual, promised.approx) ? promised : actual;
    }
  }
  if (typeof actual === "number" && typeof promised === "number")
    return exactly(actual, promised) ? promised : actual;
  return actual;
}

const asGrid = <T>(value: T | T[][]): T[][] => (Array.isArray(value) ? value : [[value]]);

const examples = FUNCTION_DESCRIPTIONS.flatMap((fn) =>
  fn.examples.map(
    (example) =>
      [`${formulaOf(fn.id, example.args)} → ${resultText(example.result)}`, fn, example] as const
  )
);

const errors = FUNCTION_DESCRIPTIONS.flatMap((fn) =>
  fn.errors.map(
    (error) =>
      [
        `${formulaOf(fn.id, error.example.args)} → ${error.example.code} ${error.example.message}`,
        fn,
        error,
      ] as const
  )
);

describe("every example gives the result its page shows", () => {
  test.each(examples)("%s", (_formula, fn, example) => {
    const result = run(fn.id, example.args);
    expect(Array.isArray(result)).toBe(fn.spills);
    const promised = asGrid(example.result);
    const grid = asGrid(result);
    expect(
      grid.map((row, r) => row.map((cell, c) => observed(cell, promised[r]?.[c] ?? null)))
    ).toEqual(promised);
  });
});

describe("every error gives the code and message its page shows", () => {
  test.each(errors)("%s", (_formula, fn, error) => {
    const [row, column] = error.example.cell ?? [0, 0];
    const cell = asGrid(run(fn.id, error.example.args))[row]?.[column];
    expect(error.codes).toContain(error.example.code);
    expect(observed(cell, null)).toEqual({
      error: error.example.code,
      message: error.example.message,
    });
  });
});

/** Rows × columns of an A1 reference: D2 is 1×1, B2:B5 is 4×1. */
function shapeOf(ref: string): [number, number] {
  const corners = ref.split(":").map((corner) => {
    const match = /^([A-Z]+)(\d+)$/.exec(corner);
    if (!match) throw new Error(`not an A1 reference: ${ref}`);
    const column = [...match[1]].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    return [Number(match[2]), column];
  });
  const [[top, left], [bottom, right]] = [corners[0], corners[corners.length - 1]];
  return [bottom - top + 1, right - left + 1];
}

describe("every referenced range holds as many cells as its reference names", () => {
  const references = [...examples, ...errors].flatMap(([formula, , entry]) =>
    referencesOf("args" in entry ? entry.args : entry.example.args).map(
      (reference) => [formula, reference.ref, reference.cells] as const
    )
  );

  test.each(references)("%s: %s", (_formula, ref, cells) => {
    expect([cells.length, Math.max(...cells.map((row) => row.length))]).toEqual(shapeOf(ref));
    expect(new Set(cells.map((row) => row.length)).size).toBe(1);
  });

  test.each`
    ref          | shape
    ${"D2"}      | ${[1, 1]}
    ${"B2:B5"}   | ${[4, 1]}
    ${"D2:E2"}   | ${[1, 2]}
    ${"Z9:AB10"} | ${[2, 3]}
  `("shapeOf($ref) is $shape", ({ ref, shape }) => {
    expect(shapeOf(ref)).toEqual(shape);
  });
});

describe("each page shows what a reader looks for", () => {
  const overRange = (example: Example) =>
    referencesOf(example.args).some((reference) => reference.ref.includes(":"));
  const spilled = (example: Example) =>
    Array.isArray(example.result) && example.result.flat().length > 1;

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn] as const))(
    "%s: an example over a range, spilling if the function spills; #VALUE! and #N/A errors",
    (_id, fn: FunctionDescription) => {
      expect(fn.examples.some(overRange)).toBe(true);
      expect(fn.examples.some(spilled)).toBe(fn.spills);
      expect(fn.errors.map((error) => error.example.code)).toContain("#VALUE!");
      expect(fn.errors.map((error) => error.example.code)).toContain("#N/A");
    }
  );

  test.each(["SCORE", "PROGRESS", "STATUS", "GRADE", "HEALTH", "PACE"])(
    "%s has a pending example (an empty cell in, an empty cell or Pending out)",
    (id) => {
      const fn = FUNCTION_DESCRIPTIONS.find(
        (candidate) => candidate.id === id
      ) as FunctionDescription;
      expect(
        fn.examples.some((example) =>
          asGrid(example.result)
            .flat()
            .some((cell) => cell === null || cell === "Pending")
        )
      ).toBe(true);
    }
  );
});

describe("the task pane's cards show examples that run", () => {
  test.each(WORKSHEET_FUNCTIONS.map((card) => [card.id, card] as const))("%s", (id, card) => {
    const fn = FUNCTION_DESCRIPTIONS.find(
      (candidate) => candidate.id === id
    ) as FunctionDescription;
    const marked = fn.examples.filter((example) => example.card);
    expect(marked).toHaveLength(1);
    // The pane shows no cells, so its example has none to show.
    expect(referencesOf(marked[0].args)).toEqual([]);
    expect([card.example, card.gives, card.summary]).toEqual([
      formulaOf(id, marked[0].args),
      resultText(marked[0].result),
      fn.short,
    ]);
  });
});

describe("examples as the pages and the pane write them", () => {
  test.each<[string, Argument[], string]>([
    ["numbers and percentages", [80, { percent: 99.95 }, -1.5], "=OKR.SCORE(80, 99.95%, -1.5)"],
    [
      "text, quotes doubled",
      ['say "done"', "maintain-above"],
      '=OKR.SCORE("say ""done""", "maintain-above")',
    ],
    ["booleans", [true, false], "=OKR.SCORE(TRUE, FALSE)"],
    ["an omitted argument", [0.45, null, 0.5], "=OKR.SCORE(0.45, , 0.5)"],
    ["a date", [{ date: "2026-03-09" }], "=OKR.SCORE(DATE(2026, 3, 9))"],
    [
      "an array constant",
      [
        {
          array: [
            [1, "a"],
            [true, 0.5],
          ],
        },
      ],
      '=OKR.SCORE({1, "a"; TRUE, 0.5})',
    ],
    ["references", [{ ref: "B2:B4", cells: [[1], [2], [3]] }], "=OKR.SCORE(B2:B4)"],
    [
      "a nested call",
      [{ call: "GRADE", args: [{ array: [[1, 0.5]] }] }],
      "=OKR.SCORE(OKR.GRADE({1, 0.5}))",
    ],
  ])("%s", (_case, args, formula) => {
    expect(formulaOf("SCORE", args)).toBe(formula);
  });

  test.each<[string, Example["result"], string]>([
    ["an exact number", 0.8125, "0.8125"],
    ["a negative approximation", { approx: -0.6667 }, "≈ −0.6667"],
    ["text", "On track", "On track"],
    ["an empty cell", null, "(empty)"],
    ["an error without message", { error: "#DIV/0!" }, "#DIV/0!"],
    [
      "an error with message",
      { error: "#N/A", message: "start is missing" },
      "#N/A start is missing",
    ],
    ["a column", [[1], [null]], "spills 2 rows: 1, (empty)"],
    ["a row", [["Red", "Green"]], "spills 2 columns: Red, Green"],
    [
      "a block",
      [
        [0.5, 1],
        [0.25, 0.5],
      ],
      "spills 2×2: 0.5, 1; 0.25, 0.5",
    ],
  ])("%s", (_case, result, text) => {
    expect(resultText(result)).toBe(text);
  });

  test("the cells a formula refers to, nested calls included, each once", () => {
    expect(
      referencesText([
        { ref: "D2", cells: [[null]] },
        {
          call: "SCORE",
          args: [
            {
              ref: "B2:C3",
              cells: [
                [1, "x"],
                [{ error: "#N/A" }, null],
              ],
            },
          ],
        },
        { ref: "D2", cells: [[null]] },
      ])
    ).toEqual(["D2 is empty", 'B2:C3 holds 1, "x"; #N/A, (empty)']);
  });
});
