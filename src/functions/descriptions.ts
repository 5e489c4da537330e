import type { ErrorCode } from "../okr/errors";
import { formatNumber } from "../okr/values";

/*
 * One description per OKR.* worksheet function: the single source of its help page
 * (scripts/docs/help.ts writes src/help/<id>.html and index.html from it), of the task pane's
 * function card (src/taskpane/functions/worksheetFunctions.ts) and of the text its JSDoc in functions.ts must
 * carry (test/help.test.ts fails when the two differ; the metadata plugin reads the JSDoc).
 * test/helpExamples.test.ts runs every example and every error through the real functions, so a
 * page cannot show a result the function does not give. Pure data plus the few helpers that render
 * it as text; no imports beyond the engine's types and number format.
 *
 * Prose fields marked "markup" may use `code`, **strong** and [OKR.SCORE] (a link to that
 * function's page); everything else in them is plain text, escaped by the generator.
 */

export type FunctionId = "SCORE" | "PROGRESS" | "STATUS" | "GRADE" | "HEALTH" | "PACE";

/** What a worksheet cell holds: a number, text, TRUE/FALSE, nothing (null) or an error value. */
export type CellValue = number | string | boolean | null | { error: ErrorCode };

/**
 * An argument of an example formula, as typed in it. A number, text (typed in quotes) or a
 * boolean is a literal; null is an omitted optional argument; the others are:
 * - `{ percent: 88 }`: typed as 88%, the number 0.88;
 * - `{ date: "2026-01-01" }`: typed as DATE(2026, 1, 1), the date's serial number;
 * - `{ array: [[1, 0.5]] }`: an array constant, typed as {1, 0.5} (rows separated by ";");
 * - `{ ref: "B2:B4", cells: [[80], [2], [null]] }`: a cell or range and what it holds (its shape
 *   must match the reference);
 * - `{ call: "SCORE", args: [...] }`: another OKR function's result, typed as OKR.SCORE(...).
 */
export type Argument =
  | number
  | string
  | boolean
  | null
  | { percent: number }
  | { date: string }
  | { array: (number | string | boolean)[][] }
  | { ref: string; cells: CellValue[][] }
  | { call: FunctionId; args: Argument[] };

/**
 * One result cell as the example promises it: a number (exactly that, to 12 significant digits),
 * `{ approx }` (the result rounds to that many decimals as written, and is not exactly it), text,
 * null for an empty cell, or an error with the message its indicator shows (none for codes other
 * than #VALUE! and #N/A, which Excel shows bare).
 */
export type ResultCell =
  number | { approx: number } | string | null | { error: ErrorCode; message?: string };

export interface Example {
  args: Argument[];
  /** One cell, or the grid the formula spills. */
  result: ResultCell | ResultCell[][];
  /** Why that is the result (markup). */
  why: string;
  /** The example the task pane's card shows (one per function; literal arguments only). */
  card?: true;
}

export interface ErrorCase {
  /** The result codes this row is about, as its Result column lists them. */
  codes: ErrorCode[];
  /** Other codes behave the same ("…" after the list). */
  more?: true;
  /** When the error happens (markup). */
  when: string;
  /** A formula that gives it, and what its error indicator shows. */
  example: {
    args: Argument[];
    /** Which cell of the spilled result shows it, [row, column]; the first when omitted. */
    cell?: [number, number];
    code: ErrorCode;
    message: string;
  };
}

export interface ArgumentDescription {
  name: string;
  optional?: true;
  /** The JSDoc @param text (plain): what Excel's formula bar shows while typing the argument. */
  param: string;
  /** The help page's longer text (markup). */
  help: string;
  /**
   * Where Google Sheets needs other words (a volatile function such as TODAY() cannot be an
   * argument of a custom function there): its JSDoc @param text and its help page's text.
   */
  sheets?: { param: string; help: string };
}

/** A block of a help page's Rules section (all text is markup). */
export type RuleBlock =
  | { paragraph: string }
  | { list: string[] }
  /** A table; the first cell of each row heads its row. */
  | { table: { head: string[]; rows: string[][] } };

export interface FunctionDescription {
  id: FunctionId;
  /** The JSDoc summary line (plain): the function's description in Excel. */
  summary: string;
  /** One sentence for the task pane's card and the help index (plain). */
  short: string;
  /** The help page's opening paragraph (markup). */
  lead: string;
  arguments: ArgumentDescription[];
  /** The JSDoc @returns text (plain). */
  returns: string;
  /** Whether it spills one result per row (false: it aggregates a range into one value). */
  spills: boolean;
  rules: RuleBlock[];
  /** Said before the examples table (markup). */
  examplesNote?: string;
  examples: Example[];
  errors: ErrorCase[];
  seeAlso: FunctionId[];
}

// ---------------------------------------------------------------------------------------------
// Texts that several functions share.

const TYPE_PARAM =
  "increase, decrease, maintain-above, maintain-below or milestone. Inferred from baseline and target when omitted.";

const BASELINE: ArgumentDescription = {
  name: "baseline",
  param: "Starting value (a cell or a range). Empty counts as 0.",
  help: "Where the key result started. An empty cell counts as 0. Ignored for maintain-above, maintain-below and milestone key results.",
};

const TARGET: ArgumentDescription = {
  name: "target",
  param: "Target value (a cell or a range).",
  help: "The value to reach (or, for maintain-above and maintain-below, the line to stay at or beyond). Required except for a milestone.",
};

const MILESTONE_ACTUALS =
  'For a milestone: `TRUE`, `1`, `"done"`, `"yes"`, `"complete"` or `"completed"` means done; `FALSE`, `0`, `"no"`, `"not done"` or `"not started"` means not done (text in any case); a number between 0 and 1 is a hand grade of partial credit (0.6 for a feature mostly shipped).';

const ACTUAL: ArgumentDescription = {
  name: "actual",
  param: "Current or final value (a cell or a range). Empty means pending.",
  help: `The current or final value. Empty means the key result is pending (no check-in yet). ${MILESTONE_ACTUALS}`,
};

const TYPE_HELP =
  "The kind of key result: `increase`, `decrease`, `maintain-above`, `maintain-below` or `milestone` (any case; `maintain above` and `maintain_above` work too). When omitted it is inferred: `increase` when the target is above the baseline, `decrease` when it is below, `milestone` when baseline and target are both empty.";

const TYPE: ArgumentDescription = {
  name: "type",
  optional: true,
  param: TYPE_PARAM,
  help: TYPE_HELP,
};

const BROADCASTING =
  "Every argument can be a value, a cell or a range. Given ranges, the function spills one result per row (or column), broadcasting like Excel's own functions: a single cell, or a one-row or one-column range, is repeated for every row or column; where two ranges have different lengths, the cells beyond the shorter one get `#N/A`. A bad row gives an error in its own result cell only; the other rows still compute.";

const PROGRESS_TABLE: RuleBlock = {
  table: {
    head: ["Type", "Progress"],
    rows: [
      ["`increase`, `decrease`", "(actual − baseline) / (target − baseline)"],
      ["`maintain-above`", "1 when actual ≥ target, else 0"],
      ["`maintain-below`", "1 when actual ≤ target, else 0"],
      ["`milestone`", "1 when done, 0 when not done"],
    ],
  },
};

const NUMBERS_AS_TEXT =
  'Numbers stored as text, such as `"80"` or `"80%"`, are read as numbers. `TRUE` and `FALSE` are not numbers, except as a milestone\'s actual.';

const BLANK_ROWS =
  "A row whose baseline, target and actual are all empty gives an empty cell, so one formula can cover a column with blank rows below the data.";

const PASS_THROUGH =
  "An error in an input cell (`#DIV/0!`, say) passes through to the result cell it concerns.";

const PENDING =
  "An empty actual gives an empty cell: the key result is pending, not failed. A mistake in the other arguments still shows, before the first check-in.";

/** A range: one column of values under `ref`. */
function column(ref: string, ...values: CellValue[]): Argument {
  return { ref, cells: values.map((value) => [value]) };
}

/** A single cell and what it holds. */
function cell(ref: string, value: CellValue): Argument {
  return { ref, cells: [[value]] };
}

const QUARTER: Argument[] = ["2026-01-01", "2026-03-31", "2026-02-15"];

/** A value that is not a number: `args` give `value` (text) as the argument the message names. */
function notANumber(when: string, args: Argument[], name: string, value: string): ErrorCase {
  return {
    codes: ["#VALUE!"],
    when,
    example: { args, code: "#VALUE!", message: `${name} is not a number: "${value}"` },
  };
}

/**
 * Ranges of different lengths: `args` hold three-row ranges and one of two rows, `shorter`, so the
 * third result cell is beyond it.
 */
function rangeTooShort(args: Argument[], shorter: string): ErrorCase {
  return {
    codes: ["#N/A"],
    when: "A range is shorter than the others: the cells beyond its end.",
    example: { args, cell: [2, 0], code: "#N/A", message: `row 3 is beyond ${shorter} (2 rows)` },
  };
}

/**
 * The errors of a key result's numbers, shared by SCORE, PROGRESS and PACE; `place` puts
 * [baseline, target, actual] or [baseline, target, actual, type] into the function's arguments.
 */
function keyResultErrors(place: (keyResult: Argument[]) => Argument[]): ErrorCase[] {
  const call = (...keyResult: Argument[]) => place(keyResult);
  return [
    {
      codes: ["#VALUE!"],
      when: "Increase or decrease, and the target equals the baseline: there is no distance to cover.",
      example: {
        args: call(72, 72, 80),
        code: "#VALUE!",
        message: "target equals baseline (72)",
      },
    },
    {
      codes: ["#N/A"],
      when: "The target is empty (any type but milestone).",
      example: {
        args: call(0, cell("C2", null), 5),
        code: "#N/A",
        message: "target is missing",
      },
    },
    notANumber(
      "A baseline, target or actual is not a number.",
      call(0, 10, "abc"),
      "actual",
      "abc"
    ),
    {
      codes: ["#VALUE!"],
      when: "The type contradicts the numbers, such as increase with a target below the baseline.",
      example: {
        args: call(80, 50, 60, "increase"),
        code: "#VALUE!",
        message: "type is increase but target (50) is below baseline (80)",
      },
    },
    {
      codes: ["#VALUE!"],
      when: "The type is not one of the five; the message lists them.",
      example: {
        args: call(0, 10, 5, "grow"),
        code: "#VALUE!",
        message:
          'type must be one of increase, decrease, maintain-above, maintain-below, milestone; got "grow"',
      },
    },
    {
      codes: ["#VALUE!"],
      when: "Progress is beyond the largest number a cell holds: a target a hair from the baseline and an actual far from both. (A baseline, target and actual anywhere in a cell's range are computed: only the result can be too large.)",
      example: {
        args: call(0, cell("C2", 1e-308), cell("D2", 1e308)),
        code: "#VALUE!",
        message:
          "progress is too large to compute: target (1e-308) is too close to baseline (0) for actual 1e+308",
      },
    },
    {
      codes: ["#VALUE!"],
      when: "A milestone's actual is not one of the accepted values.",
      example: {
        args: call(0, 0, "maybe", "milestone"),
        code: "#VALUE!",
        message:
          'a milestone\'s actual must be TRUE or FALSE, 1 or 0, done or not done, yes or no, or a grade from 0 to 1; got "maybe"',
      },
    },
    rangeTooShort(
      call(column("B2:B4", 0, 0, 0), column("C2:C3", 10, 10), column("D2:D4", 5, 10, 10)),
      "target"
    ),
    ...inputErrors("actual", (value) => call(80, 95, cell("D2", value))),
  ];
}

/** Error values arriving in an input cell: `build` puts the error in the argument `name`. */
function inputErrors(name: string, build: (value: CellValue) => Argument[]): ErrorCase[] {
  return [
    {
      codes: ["#DIV/0!", "#N/A"],
      more: true,
      when: "An input cell holds an error: it passes through to the result cell it concerns. Only `#VALUE!` and `#N/A` come with a message.",
      example: {
        args: build({ error: "#N/A" }),
        code: "#N/A",
        message: `${name} is #N/A`,
      },
    },
    {
      codes: ["#VALUE!"],
      when: "An input cell holds `#REF!` or `#NAME?`, which a function cannot return: the code comes first in the message.",
      example: {
        args: build({ error: "#REF!" }),
        code: "#VALUE!",
        message: `#REF! ${name} is #REF!`,
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The six functions, in the order of functions.ts and of the task pane.

const SCORE: FunctionDescription = {
  id: "SCORE",
  summary:
    "Scores key results on the framework's 0.0–1.0 scale: progress from baseline to target, clamped to 0–1. Empty actual: pending (empty cell).",
  short: "Scores each key result from 0 to 1: progress clamped to the scoring scale.",
  lead: "Scores a key result on the framework's 0.0–1.0 scale: its progress from baseline to target, clamped to 0–1. Over-achievement scores 1.0; moving away from the target scores 0.",
  arguments: [BASELINE, TARGET, ACTUAL, TYPE],
  returns: "The score of each key result, spilling one per row.",
  spills: true,
  rules: [
    { paragraph: "The score is the key result's progress, clamped to 0–1:" },
    PROGRESS_TABLE,
    {
      list: [
        PENDING,
        "[OKR.PROGRESS] gives the same progress without the clamp.",
        NUMBERS_AS_TEXT,
        BLANK_ROWS,
        PASS_THROUGH,
      ],
    },
    { paragraph: BROADCASTING },
  ],
  examples: [
    {
      args: [80, 95, 90],
      result: { approx: 0.6667 },
      why: "10 of the 15 points from 80 to 95 (Yellow).",
    },
    { args: [2, 7, 5], result: 0.6, why: "3 of the 5 new markets (Yellow).", card: true },
    { args: [100, 500, 425], result: 0.8125, why: "Shows as 0.81 with 2 decimals (Green)." },
    {
      args: [{ percent: 88 }, { percent: 95 }, { percent: 96 }],
      result: 1,
      why: "Progress is 1.14; the score stops at 1.0 (Green).",
    },
    {
      args: [80, 95, 70],
      result: 0,
      why: "Moved away from the target: progress is negative, the score 0 (Red).",
    },
    { args: [0, 3, 1], result: { approx: 0.3333 }, why: "1 of 3 lines (Red)." },
    {
      args: [300, 30, 120],
      result: { approx: 0.6667 },
      why: "Target below baseline, so a decrease: 180 of the 270 seconds cut.",
    },
    {
      args: [0, { percent: 99.9 }, { percent: 99.95 }, "maintain-above"],
      result: 1,
      why: "The actual stays at or above the target; the baseline is ignored.",
    },
    { args: [0, 0, "done", "milestone"], result: 1, why: "A milestone that is done." },
    {
      args: [cell("B2", null), cell("C2", null), true],
      result: 1,
      why: "No baseline and no target: a milestone, and `TRUE` means done.",
    },
    {
      args: [cell("B2", "80%"), cell("C2", "95%"), cell("D2", "90%")],
      result: { approx: 0.6667 },
      why: "Percentages stored as text are read as numbers.",
    },
    {
      args: [80, 95, cell("D2", null)],
      result: null,
      why: "The actual is empty: the key result is pending.",
    },
    {
      args: [72, 72, cell("D2", null)],
      result: { error: "#VALUE!", message: "target equals baseline (72)" },
      why: "Pending, but the target equals the baseline: the mistake shows before the first check-in.",
    },
    {
      args: [
        column("B2:B5", 80, 300, 0, null),
        column("C2:C5", 95, 30, 3, null),
        column("D2:D5", 90, 120, null, null),
      ],
      result: [[{ approx: 0.6667 }], [{ approx: 0.6667 }], [null], [null]],
      why: "One score per row, spilling down: the third key result is pending and the fourth row is blank.",
    },
    {
      args: [0, 10, column("D2:D4", 5, 10, 20)],
      result: [[0.5], [1], [1]],
      why: "A single baseline and target are used for every actual.",
    },
    {
      args: [80, 95, cell("D2", { error: "#DIV/0!" })],
      result: { error: "#DIV/0!" },
      why: "An error in an input cell comes through.",
    },
  ],
  errors: keyResultErrors((keyResult) => keyResult),
  seeAlso: ["PROGRESS", "STATUS", "GRADE"],
};

const PROGRESS: FunctionDescription = {
  id: "PROGRESS",
  summary:
    "Progress from baseline toward target, not clamped: 1.14 means 14% beyond the target. Empty actual: pending (empty cell).",
  short: "Progress toward the target, not clamped: over-achievement shows.",
  lead: "Progress of a key result from baseline toward target, not clamped: 1.14 means 14% beyond the target, a negative value means it moved away from the target.",
  arguments: [BASELINE, TARGET, ACTUAL, TYPE],
  returns: "The progress of each key result, spilling one per row.",
  spills: true,
  rules: [
    PROGRESS_TABLE,
    {
      list: [
        PENDING,
        "[OKR.SCORE] is this progress clamped to the 0–1 scoring scale.",
        NUMBERS_AS_TEXT,
        BLANK_ROWS,
        PASS_THROUGH,
      ],
    },
    { paragraph: BROADCASTING },
  ],
  examples: [
    { args: [80, 95, 90], result: { approx: 0.6667 }, why: "10 of the 15 points from 80 to 95." },
    {
      args: [{ percent: 88 }, { percent: 95 }, { percent: 96 }],
      result: { approx: 1.1429 },
      why: "Beyond the target; [OKR.SCORE] gives 1.",
      card: true,
    },
    {
      args: [80, 95, 70],
      result: { approx: -0.6667 },
      why: "Moved away from the target; [OKR.SCORE] gives 0.",
    },
    { args: [100, 500, 425], result: 0.8125, why: "325 of the 400 images per hour gained." },
    {
      args: [300, 30, 120],
      result: { approx: 0.6667 },
      why: "Target below baseline, so a decrease: 180 of the 270 seconds cut.",
    },
    { args: [cell("B2", null), 5, 2], result: 0.4, why: "An empty baseline counts as 0." },
    {
      args: [0, 100, 95, "maintain-below"],
      result: 1,
      why: "The actual stays at or below the target.",
    },
    { args: [0, 0, "not done", "milestone"], result: 0, why: "A milestone not done yet." },
    {
      args: [0, 0, 0.6, "milestone"],
      result: 0.6,
      why: "A milestone graded by hand: partial credit for a feature mostly shipped.",
    },
    {
      args: [column("B2:B3", 0, 300), column("C2:C3", 10, 30), column("D2:D3", 12, null)],
      result: [[1.2], [null]],
      why: "One value per row, spilling down: 20% beyond the first target; the second is pending.",
    },
    {
      args: [cell("B2", -1.7e308), cell("C2", 1.7e308), 0],
      result: 0.5,
      why: "Halfway across the widest range a cell holds: the distance from baseline to target is too large for a number, the progress is not.",
    },
  ],
  errors: keyResultErrors((keyResult) => keyResult),
  seeAlso: ["SCORE", "PACE"],
};

const STATUS: FunctionDescription = {
  id: "STATUS",
  summary:
    "Traffic light of a score rounded to 2 decimals: Red below 0.40, Yellow from 0.40, Green from 0.70, Pending when empty.",
  short: "Red, Yellow or Green for a score; Pending when empty.",
  lead: "The traffic light for a score: **Red**, **Yellow** or **Green**, or **Pending** when there is no score yet.",
  arguments: [
    {
      name: "score",
      param: "Score on the 0–1 scale (a cell or a range).",
      help: "A score on the 0–1 scale, usually from [OKR.SCORE]. An empty cell gives Pending.",
    },
    {
      name: "red_below",
      optional: true,
      param: "Scores below this are Red. Default 0.4.",
      help: "Scores below this are Red. Default 0.40.",
    },
    {
      name: "green_from",
      optional: true,
      param: "Scores from this on are Green. Default 0.7.",
      help: "Scores from this on are Green. Default 0.70.",
    },
  ],
  returns: "Red, Yellow, Green or Pending for each score.",
  spills: true,
  rules: [
    { paragraph: "The score is first rounded to 2 decimals, as a person sees it. Then:" },
    {
      table: {
        head: ["Rounded score", "Status"],
        rows: [
          ["below red_below (0.40)", "Red"],
          ["from red_below to below green_from", "Yellow"],
          ["from green_from (0.70) on", "Green"],
          ["empty", "Pending"],
        ],
      },
    },
    {
      list: [
        "The thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1.",
        "The score itself is not held to 0–1: above 1 is Green and below 0 is Red, so [OKR.PROGRESS] results work too.",
        'Numbers stored as text (`"0.67"`, `"67%"`) are read as numbers.',
        "An error in an input cell passes through to the result cell it concerns.",
      ],
    },
    { paragraph: BROADCASTING },
  ],
  examples: [
    { args: [0.67], result: "Yellow", why: "From 0.40 to below 0.70.", card: true },
    { args: [0.695], result: "Green", why: "Rounds to 0.70." },
    { args: [0.39], result: "Red", why: "Below 0.40." },
    { args: [0.4], result: "Yellow", why: "0.40 is the first Yellow score." },
    { args: [cell("E2", null)], result: "Pending", why: "Not scored yet." },
    { args: [0.5, 0.3, 0.5], result: "Green", why: "With these thresholds, Green starts at 0.5." },
    {
      args: [0.45, null, 0.5],
      result: "Yellow",
      why: "red_below omitted: the default 0.40 applies.",
    },
    {
      args: [{ call: "PROGRESS", args: [{ percent: 88 }, { percent: 95 }, { percent: 96 }] }],
      result: "Green",
      why: "A progress beyond 1 is Green.",
    },
    { args: [-0.2], result: "Red", why: "Below 0 is Red." },
    { args: [cell("E2", "67%")], result: "Yellow", why: "A percentage stored as text." },
    {
      args: [
        {
          call: "SCORE",
          args: [
            column("B2:B4", 80, 2, 0),
            column("C2:C4", 95, 7, 3),
            column("D2:D4", 90, 5, null),
          ],
        },
      ],
      result: [["Yellow"], ["Yellow"], ["Pending"]],
      why: "One traffic light per row; the third key result has no check-in yet.",
    },
  ],
  errors: [
    {
      codes: ["#VALUE!"],
      when: "The thresholds are not in order or not within 0–1.",
      example: {
        args: [0.5, 0.7, 0.4],
        code: "#VALUE!",
        message:
          "thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1 on the 0–1 scale; got red_below 0.7 and green_from 0.4",
      },
    },
    notANumber("The score or a threshold is not a number.", ["high"], "score", "high"),
    rangeTooShort([column("E2:E4", 0.2, 0.5, 0.8), column("F2:F3", 0.3, 0.3)], "red_below"),
    ...inputErrors("score", (value) => [cell("E2", value)]),
  ],
  seeAlso: ["SCORE", "HEALTH"],
};

const GRADE: FunctionDescription = {
  id: "GRADE",
  summary:
    "An objective's score: the weighted mean of its key results' scores. Pending (empty) scores are left out.",
  short: "An objective's score: the weighted mean of its key results' scores.",
  lead: "An objective's score: the weighted mean of its key results' scores. It aggregates a range into one value.",
  arguments: [
    {
      name: "scores",
      param: "The key results' scores (a range).",
      help: "The key results' scores, each on the 0–1 scale (usually a range of [OKR.SCORE] results: a column, a row or a block). Empty cells are pending key results.",
    },
    {
      name: "weights",
      optional: true,
      param: "A weight per score, the same shape as scores. Default 1 each.",
      help: "A weight per score, a range of the same shape as `scores`. Default 1 each; an empty weight cell also counts as 1. Weights must be 0 or more.",
    },
  ],
  returns: "The objective's score, or an empty cell when no key result is scored yet.",
  spills: false,
  rules: [
    {
      list: [
        "Grade = sum of weight × score / sum of weights, over the scored key results.",
        "Pending (empty) scores are left out, weight and all. When none is scored yet, the result is an empty cell.",
        "Numbers stored as text are read as numbers.",
        "An error in any input cell becomes the result.",
      ],
    },
  ],
  examples: [
    {
      args: [{ array: [[1, 0.81, 0.69, 0.33]] }],
      result: 0.7075,
      why: "The plain mean of four key results.",
      card: true,
    },
    {
      args: [{ array: [[1, 0.81, 0.69, 0.33]] }, { array: [[2, 1, 1, 1]] }],
      result: 0.766,
      why: "The first key result counts twice.",
    },
    {
      args: [column("E2:E4", 1, null, 0.5)],
      result: 0.75,
      why: "The pending key result is left out.",
    },
    {
      args: [column("E2:E3", 1, 0.5), column("F2:F3", 1e308, 1e308)],
      result: 0.75,
      why: "Weights of any size a cell holds: two of 1e+308 weigh alike, as two of 1 would (the weights are scaled before they are summed, so their sum cannot overflow).",
    },
    {
      args: [column("E2:E5", 1, 0.81, 0.69, 0.33), column("F2:F5", 2, null, 1, 1)],
      result: 0.766,
      why: "The objective's score from its scores and weights; an empty weight counts as 1.",
    },
    { args: [column("E2:E3", null, null)], result: null, why: "No key result is scored yet." },
  ],
  errors: [
    {
      codes: ["#VALUE!"],
      when: "A score is outside 0–1 (the message names its position).",
      example: {
        args: [{ array: [[1, 0.5, 1.2]] }],
        code: "#VALUE!",
        message: "score 3 (1.2) is outside 0–1",
      },
    },
    notANumber("A score or weight is not a number.", [{ array: [[1, "n/a"]] }], "score 2", "n/a"),
    {
      codes: ["#VALUE!"],
      when: "A weight is negative.",
      example: {
        args: [{ array: [[1, 0.5]] }, { array: [[1, -1]] }],
        code: "#VALUE!",
        message: "weight 2 is negative (-1)",
      },
    },
    {
      codes: ["#VALUE!"],
      when: "The weights of the scored key results add up to 0.",
      example: {
        args: [{ array: [[1, 0.5]] }, { array: [[0, 0]] }],
        code: "#VALUE!",
        message: "the weights of the scored key results add up to 0",
      },
    },
    {
      codes: ["#VALUE!"],
      when: "`weights` does not have the same shape as `scores`.",
      example: {
        args: [column("E2:E5", 1, 0.81, 0.69, 0.33), column("F2:F4", 2, 1, 1)],
        code: "#VALUE!",
        message: "weights (3×1) must have the same shape as scores (4×1)",
      },
    },
    {
      codes: ["#DIV/0!", "#N/A"],
      more: true,
      when: "An input cell holds an error: it becomes the result. Only `#VALUE!` and `#N/A` come with a message.",
      example: {
        args: [column("E2:E3", 1, { error: "#N/A" })],
        code: "#N/A",
        message: "scores contains #N/A",
      },
    },
  ],
  seeAlso: ["SCORE", "HEALTH"],
};

const HEALTH: FunctionDescription = {
  id: "HEALTH",
  summary:
    "Plan health from an average score: Concerning, Below target, Ideal (0.7–0.8), Strong or Too easy.",
  short: "Whether a plan's average score is ideal, too easy or concerning.",
  lead: "A verdict on a plan from its average score: whether the OKRs were well set (**Ideal**), too easy, or concerning.",
  arguments: [
    {
      name: "average",
      param: "Average score on the 0–1 scale (a cell or a range).",
      help: "An average score on the 0–1 scale, such as the mean of the objectives' [OKR.GRADE] results. An empty cell gives an empty cell.",
    },
    {
      name: "kind",
      optional: true,
      param:
        "aspirational (default) or committed. A committed OKR above 0.8 is Strong, never Too easy.",
      help: "`aspirational` (default) or `committed`, in any case. A committed OKR is expected to reach 1.0, so a high average is never too easy.",
    },
  ],
  returns: "The health verdict for each average.",
  spills: true,
  rules: [
    { paragraph: "The average is first rounded to 2 decimals, as a person sees it. Then:" },
    {
      table: {
        head: ["Rounded average", "Aspirational", "Committed"],
        rows: [
          ["below 0.5", "Concerning", "Concerning"],
          ["0.5 to below 0.7", "Below target", "Below target"],
          ["0.7 to 0.8", "Ideal", "Ideal"],
          ["above 0.8 to 0.9", "Strong", "Strong"],
          ["above 0.9", "Too easy", "Strong"],
        ],
      },
    },
    {
      list: [
        "Numbers stored as text are read as numbers.",
        "An error in an input cell passes through to the result cell it concerns.",
      ],
    },
    { paragraph: BROADCASTING },
  ],
  examples: [
    { args: [0.7075], result: "Ideal", why: "Rounds to 0.71: between 0.7 and 0.8.", card: true },
    { args: [0.85], result: "Strong", why: "Above 0.8, up to 0.9." },
    {
      args: [0.95],
      result: "Too easy",
      why: "Aspirational OKRs this far above 0.9 were not a stretch.",
    },
    {
      args: [0.95, "committed"],
      result: "Strong",
      why: "Committed OKRs are expected to reach 1.0.",
    },
    { args: [0.6], result: "Below target", why: "From 0.5 to below 0.7." },
    { args: [0.45], result: "Concerning", why: "Below 0.5." },
    { args: [cell("B2", null)], result: null, why: "No average yet." },
    {
      args: [{ call: "GRADE", args: [{ array: [[1, 0.81, 0.69, 0.33]] }] }],
      result: "Ideal",
      why: "The health of an objective straight from its key results' scores.",
    },
    {
      args: [column("B2:B4", 0.3, 0.75, 0.95)],
      result: [["Concerning"], ["Ideal"], ["Too easy"]],
      why: "One verdict per row.",
    },
  ],
  errors: [
    {
      codes: ["#VALUE!"],
      when: "The average is outside 0–1.",
      example: { args: [1.2], code: "#VALUE!", message: "average (1.2) is outside 0–1" },
    },
    notANumber("The average is not a number.", ["good"], "average", "good"),
    {
      codes: ["#VALUE!"],
      when: "`kind` is neither aspirational nor committed.",
      example: {
        args: [0.7, "stretch"],
        code: "#VALUE!",
        message: 'kind must be aspirational or committed; got "stretch"',
      },
    },
    rangeTooShort(
      [column("B2:B4", 0.3, 0.75, 0.95), column("C2:C3", "committed", "committed")],
      "kind"
    ),
    ...inputErrors("average", (value) => [cell("B2", value)]),
  ],
  seeAlso: ["GRADE", "STATUS"],
};

const PACE: FunctionDescription = {
  id: "PACE",
  summary:
    "Whether a key result keeps pace with its period: On track, Behind (gap up to 0.25) or At risk. Empty actual: pending.",
  short: "On track, Behind or At risk for the share of the period gone by.",
  lead: "Whether a key result keeps pace with its period: **On track**, **Behind** or **At risk**, comparing its progress with the share of the period gone by.",
  arguments: [
    BASELINE,
    TARGET,
    {
      name: "actual",
      param: "Current value (a cell or a range). Empty means pending.",
      help: `The current value. Empty means the key result is pending (no check-in yet): the result is an empty cell. ${MILESTONE_ACTUALS}`,
    },
    {
      name: "start",
      param: "First day of the period (a date).",
      help: 'The first day of the period: a date, a date serial number or text in the form yyyy-mm-dd, such as `"2026-01-01"`.',
    },
    {
      name: "end",
      param: "Last day of the period (a date).",
      help: "The last day of the period, after `start`.",
    },
    {
      name: "as_of",
      optional: true,
      param: "The day to judge on. Default today; pass TODAY() to follow the date.",
      help: "The day to judge on. Default: today, as of when the cell is calculated. Excel does not recalculate the cell just because the date changes, so pass `TODAY()` to keep it current.",
      sheets: {
        param:
          "The day to judge on (a date or a cell). Default today, as of when the cell was calculated.",
        help: "The day to judge on: a date, or a cell that holds one. Default: today in the spreadsheet's time zone, as of when the cell was calculated. Sheets recalculates the cell only when its arguments change, and does not take a volatile function such as `TODAY()` as an argument of a custom function: type the day, or refer to a cell that holds it.",
      },
    },
    {
      name: "type",
      optional: true,
      param:
        "increase, decrease, maintain-above, maintain-below or milestone. Inferred when omitted.",
      help: TYPE_HELP,
    },
  ],
  returns: "On track, Behind or At risk for each key result.",
  spills: true,
  rules: [
    {
      list: [
        "Expected progress grows linearly by whole days: (as_of − start) / (end − start), 0 before the start and 1 from the end on.",
        "Progress is as [OKR.PROGRESS] computes it, not clamped: beyond the target is On track.",
        "gap = expected − progress, rounded to 2 decimals.",
      ],
    },
    {
      table: {
        head: ["Gap", "Pace"],
        rows: [
          ["0 or less", "On track"],
          ["above 0, up to 0.25", "Behind"],
          ["above 0.25", "At risk"],
        ],
      },
    },
    {
      list: [
        "An empty actual gives an empty cell: the key result is pending. The dates and the other arguments are still checked.",
        NUMBERS_AS_TEXT,
        BLANK_ROWS,
        PASS_THROUGH,
      ],
    },
    { paragraph: BROADCASTING },
  ],
  examplesNote:
    "A quarter from 2026-01-01 to 2026-03-31 is 89 days; on 2026-02-15, 45 days in, the expected progress is 0.5056.",
  examples: [
    {
      args: [0, 100, 40, ...QUARTER],
      result: "Behind",
      why: "gap = 0.5056 − 0.40 = 0.11.",
      card: true,
    },
    { args: [0, 100, 60, ...QUARTER], result: "On track", why: "gap = 0.5056 − 0.60 = −0.09." },
    { args: [0, 100, 20, ...QUARTER], result: "At risk", why: "gap = 0.5056 − 0.20 = 0.31." },
    {
      args: [0, 100, 40, { date: "2026-01-01" }, { date: "2026-03-31" }, { date: "2026-02-15" }],
      result: "Behind",
      why: "Dates work as well as yyyy-mm-dd text.",
    },
    {
      args: [0, 100, 90, "2026-01-01", "2026-03-31", "2026-04-15"],
      result: "Behind",
      why: "After the end the expected progress stays 1: gap = 1 − 0.90 = 0.10.",
    },
    {
      args: [0, 100, 0, "2026-01-01", "2026-03-31", "2025-12-20"],
      result: "On track",
      why: "Before the start nothing is expected yet.",
    },
    {
      args: [0, 0, false, ...QUARTER, "milestone"],
      result: "At risk",
      why: "A milestone's progress is 0 until it is done: gap = 0.51.",
    },
    {
      args: [0, 100, 120, ...QUARTER],
      result: "On track",
      why: "Beyond the target: progress 1.2, gap −0.69.",
    },
    {
      args: [0, 100, cell("D2", null), ...QUARTER],
      result: null,
      why: "The actual is empty: pending.",
    },
    {
      args: [0, 100, cell("D2", null), cell("E2", null), "2026-03-31", "2026-02-15"],
      result: { error: "#N/A", message: "start is missing" },
      why: "Pending, but the period has no start: the dates are checked all the same.",
    },
    {
      args: [
        column("B2:B4", 0, 0, 300),
        column("C2:C4", 100, 100, 30),
        column("D2:D4", 60, 20, 200),
        ...QUARTER,
      ],
      result: [["On track"], ["At risk"], ["Behind"]],
      why: "One verdict per row; the third is a decrease from 300 to 30 seconds, 100 of the 270 cut (gap 0.14).",
    },
  ],
  errors: [
    {
      codes: ["#N/A"],
      when: "`start` or `end` is empty.",
      example: {
        args: [0, 100, 40, cell("E2", null), "2026-03-31", "2026-02-15"],
        code: "#N/A",
        message: "start is missing",
      },
    },
    {
      codes: ["#VALUE!"],
      when: "`end` is not after `start`.",
      example: {
        args: [0, 100, 40, "2026-03-31", "2026-01-01", "2026-02-15"],
        code: "#VALUE!",
        message: "end (2026-01-01) is not after start (2026-03-31)",
      },
    },
    {
      codes: ["#VALUE!"],
      when: "`start`, `end` or `as_of` is not a date.",
      example: {
        args: [0, 100, 40, "soon", "2026-03-31", "2026-02-15"],
        code: "#VALUE!",
        message: 'start is not a date: "soon" (use a date, a date serial number or yyyy-mm-dd)',
      },
    },
    ...keyResultErrors((keyResult) => [
      ...keyResult.slice(0, 3),
      ...QUARTER,
      ...keyResult.slice(3),
    ]),
  ],
  seeAlso: ["PROGRESS", "STATUS"],
};

/** The six functions, in the order of functions.ts, the task pane and the help index. */
export const FUNCTION_DESCRIPTIONS: readonly FunctionDescription[] = [
  SCORE,
  PROGRESS,
  STATUS,
  GRADE,
  HEALTH,
  PACE,
];

/** The help index's opening paragraph (markup). */
export const INDEX_LEAD =
  "Six worksheet functions in the `OKR` namespace score OKRs as the AI OKR framework describes. Type them in any cell, like Excel's own functions.";

/** The rules every function follows, as the help index lists them (markup). */
export const COMMON_RULES: readonly string[] = [
  "Arguments can be values, cells or ranges. Given ranges, SCORE, PROGRESS, STATUS, HEALTH and PACE spill one result per row; GRADE aggregates a range into one value.",
  "An empty actual means the key result is pending: SCORE, PROGRESS and PACE show an empty cell, STATUS shows Pending.",
  "A bad value gives `#VALUE!` (or `#N/A` for missing data) in the cell it concerns, with the reason in the cell's error indicator; the other cells still compute.",
  "Every number a cell can hold is computed without overflowing, up to ±1.8e+308 and down to the smallest fractions; a result too large for a cell (a progress beyond 1.8e+308) is `#VALUE!` with the reason, never a number that is not finite.",
  "Key-result types: `increase`, `decrease`, `maintain-above`, `maintain-below`, `milestone`; inferred from baseline and target when omitted.",
];

// ---------------------------------------------------------------------------------------------
// Rendering as text, for the help pages and the task pane alike.

/** The help page's file name, relative to the help folder: score.html. */
export function helpPageOf(id: FunctionId): string {
  return `${id.toLowerCase()}.html`;
}

/** =OKR.SCORE(baseline, target, actual, [type]) (in Google Sheets, =OKR_SCORE(…)). */
export function syntaxOf(fn: FunctionDescription, spelling: FunctionSpelling = "excel"): string {
  const names = fn.arguments.map((arg) => (arg.optional ? `[${arg.name}]` : arg.name));
  return `=${functionNameOf(fn.id, spelling)}(${names.join(", ")})`;
}

function literalText(value: number | string | boolean): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * How a host spells the worksheet functions: "excel" OKR.SCORE (Excel's custom functions, and
 * the help pages), "sheets" OKR_SCORE (Apps Script function names cannot contain a dot).
 */
export type FunctionSpelling = "excel" | "sheets";

/** A function's name as its host spells it: OKR.SCORE, or OKR_SCORE in Google Sheets. */
export function functionNameOf(id: FunctionId, spelling: FunctionSpelling = "excel"): string {
  return `OKR${spelling === "sheets" ? "_" : "."}${id}`;
}

/** An argument as typed in a formula (a nested call spelt as `spelling` says). */
export function argumentText(argument: Argument, spelling: FunctionSpelling = "excel"): string {
  if (argument === null) return "";
  if (typeof argument !== "object") return literalText(argument);
  if ("percent" in argument) return `${formatNumber(argument.percent)}%`;
  if ("date" in argument) {
    const [year, month, day] = argument.date.split("-").map(Number);
    return `DATE(${year}, ${month}, ${day})`;
  }
  if ("array" in argument)
    return `{${argument.array.map((row) => row.map(literalText).join(", ")).join("; ")}}`;
  if ("ref" in argument) return argument.ref;
  return callText(argument.call, argument.args, spelling);
}

function callText(id: FunctionId, args: Argument[], spelling: FunctionSpelling): string {
  return `${functionNameOf(id, spelling)}(${args.map((arg) => argumentText(arg, spelling)).join(", ")})`;
}

/** The formula an example types: =OKR.SCORE(80, 95, 90) (in Google Sheets, =OKR_SCORE(…)). */
export function formulaOf(
  id: FunctionId,
  args: Argument[],
  spelling: FunctionSpelling = "excel"
): string {
  return `=${callText(id, args, spelling)}`;
}

/** The cells and ranges a formula refers to (nested calls included), each once, in order. */
export function referencesOf(args: Argument[]): { ref: string; cells: CellValue[][] }[] {
  const found = new Map<string, { ref: string; cells: CellValue[][] }>();
  const visit = (argument: Argument) => {
    if (argument === null || typeof argument !== "object") return;
    if ("ref" in argument && !found.has(argument.ref)) found.set(argument.ref, argument);
    if ("call" in argument) argument.args.forEach(visit);
  };
  args.forEach(visit);
  return [...found.values()];
}

function cellValueText(value: CellValue): string {
  if (value === null) return "(empty)";
  if (typeof value === "object") return value.error;
  return literalText(value);
}

/**
 * A grid of values as text: a single row or column as a list (80, 300, 0), a block row by row
 * (1, 2; 3, 4).
 */
export function gridText<T>(grid: T[][], text: (value: T) => string): string {
  const columns = Math.max(...grid.map((row) => row.length));
  const separator = grid.length === 1 || columns === 1 ? ", " : "; ";
  return grid.map((row) => row.map(text).join(", ")).join(separator);
}

/** What each referenced cell or range holds: ["D2 is empty", "B2:B4 holds 80, 2, 0"]. */
export function referencesText(args: Argument[]): string[] {
  return referencesOf(args).map(({ ref, cells }) =>
    cells.length === 1 && cells[0].length === 1 && cells[0][0] === null
      ? `${ref} is empty`
      : `${ref} holds ${gridText(cells, cellValueText)}`
  );
}

/** A number as a result shows it, with a true minus sign. */
function numberText(value: number): string {
  return formatNumber(value).replace(/^-/, "−");
}

/** One result cell as text: 0.6, ≈ 0.6667, Yellow, (empty), #N/A. */
export function resultCellText(result: ResultCell): string {
  if (result === null) return "(empty)";
  if (typeof result === "number") return numberText(result);
  if (typeof result === "string") return result;
  if ("approx" in result) return `≈ ${numberText(result.approx)}`;
  return result.message === undefined ? result.error : `${result.error} ${result.message}`;
}

/** How a spilled result is introduced: "spills 3 rows", "spills 2 columns", "spills 2×3". */
export function spillText(grid: ResultCell[][]): string {
  const rows = grid.length;
  const columns = Math.max(...grid.map((row) => row.length));
  if (columns === 1) return `spills ${rows} rows`;
  if (rows === 1) return `spills ${columns} columns`;
  return `spills ${rows}×${columns}`;
}

/** A whole result as text: a cell, or "spills 3 rows: ≈ 0.6667, ≈ 0.6667, (empty)". */
export function resultText(result: Example["result"]): string {
  if (!Array.isArray(result)) return resultCellText(result);
  return `${spillText(result)}: ${gridText(result, resultCellText)}`;
}
