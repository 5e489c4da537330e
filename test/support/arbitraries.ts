import fc from "fast-check";
import { FakeCustomFunctionError } from "./customFunctionsRuntime";

/**
 * fast-check arbitraries for the scoring engine and the worksheet functions: hostile values (any
 * value a cell or a library caller can hand over) and well-formed inputs (what a team really
 * types: a key result whose numbers fit its type, a score on the 0–1 scale, a period with its
 * dates). A property mixes them with `cases`, so that it keeps the hostile coverage and still
 * reaches the real computation in most runs. Nothing here runs anything when imported.
 */

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** Anything a cell or a library caller can hand over, weighted toward the edge cases. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
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

/** A range of 1–4 rows and 1–3 columns of any values, a ragged range, a bare value, or null. */
export const anyArgument: fc.Arbitrary<unknown> = fc.oneof(
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

/** `count` hostile values (or arguments): the arguments of one call. */
export const anyArguments = (count: number, of: fc.Arbitrary<unknown> = anyValue) =>
  fc.array(of, { minLength: count, maxLength: count });

// ---------------------------------------------------------------------------------------------
// Well-formed values.

/** An empty cell as it arrives: null from Excel, undefined from a library caller, blank text. */
export const emptyCell: fc.Arbitrary<null | undefined | string> = fc.constantFrom(
  null,
  undefined,
  "",
  "  "
);

/** A number as a cell holds it: mostly a number, sometimes a number stored as text. */
export function spelled(value: number): fc.Arbitrary<number | string> {
  return fc.oneof(
    { arbitrary: fc.constant(value), weight: 8 },
    { arbitrary: fc.constant(String(value)), weight: 1 },
    { arbitrary: fc.constant(`${value * 100}%`), weight: 1 }
  );
}

/** The ways people write a key-result type: any case, spaces or underscores, padded. */
function spellings(type: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    type,
    type.toUpperCase(),
    type[0].toUpperCase() + type.slice(1),
    type.replace("-", " "),
    type.replace("-", "_"),
    ` ${type} `
  );
}

/**
 * A number spread evenly over [min, max], in steps of a millionth of the interval. fc.double
 * spreads its values over the representable doubles instead, so that nearly all of those it draws
 * from [0, 1] are below 0.01: right for edge cases, not for "a score somewhere on the scale".
 */
export function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .noBias(fc.integer({ min: 0, max: 1_000_000 }))
    .map((n) => min + ((max - min) * n) / 1_000_000);
}

/** Numbers a key result is measured in: counts, rates, money, signed quantities. */
const level = fc.oneof(
  { arbitrary: fc.integer({ min: -1_000, max: 100_000 }), weight: 2 },
  { arbitrary: uniform(0, 1), weight: 2 },
  { arbitrary: uniform(-1e6, 1e6), weight: 1 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }), weight: 1 }
);

/** A non-zero step from baseline to target, large enough not to vanish beside the baseline. */
const step = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.double({ min: 1e-3, max: 1e5, noNaN: true })),
    fc.boolean()
  )
  .map(([size, down]) => (down ? -size : size));

/**
 * How far the actual has come, as a share of the way: mostly within the way (every band from Red
 * to Green), sometimes behind the baseline or beyond the target (the clamped cases), and the
 * band edges.
 */
const fraction = fc.oneof(
  { arbitrary: uniform(0, 1), weight: 4 },
  { arbitrary: uniform(-0.5, 0), weight: 1 },
  { arbitrary: uniform(1, 2), weight: 1 },
  { arbitrary: fc.constantFrom(0, 1, 0.4, 0.7, 0.695, 0.5, 0.25), weight: 1 }
);

/** A key result's four arguments, in the order the functions take them. */
export interface KeyResultCells {
  baseline: unknown;
  target: unknown;
  actual: unknown;
  type: unknown;
}

/** Increase or decrease: target ≠ baseline, the type declared to match or left to inference. */
const towardTarget: fc.Arbitrary<KeyResultCells> = fc
  .tuple(level, step, fraction)
  .chain(([start, delta, made]) => {
    const goal = start + delta;
    const actual = start + delta * made;
    const declared = goal > start ? "increase" : "decrease";
    return fc.record({
      baseline: spelled(start),
      target: spelled(goal),
      actual: spelled(actual),
      type: fc.oneof(spellings(declared), emptyCell),
    });
  });

/** Maintain above or below a target: the actual at, above or below it; the baseline unused. */
function maintain(type: "maintain-above" | "maintain-below"): fc.Arbitrary<KeyResultCells> {
  return fc.tuple(level, fc.oneof(fc.constant(0), uniform(-50, 50))).chain(([goal, offset]) =>
    fc.record({
      baseline: fc.oneof(emptyCell, spelled(goal - 10)),
      target: spelled(goal),
      actual: spelled(goal + offset),
      type: spellings(type),
    })
  );
}

/** A milestone: done or not, declared, or inferred from an empty baseline and target. */
const milestone: fc.Arbitrary<KeyResultCells> = fc.record({
  baseline: emptyCell,
  target: emptyCell,
  actual: fc.constantFrom<unknown>(
    true,
    false,
    1,
    0,
    "done",
    "Done",
    "not done",
    "NOT  DONE",
    "yes",
    "no",
    "TRUE",
    "false"
  ),
  type: fc.oneof(spellings("milestone"), emptyCell),
});

/** A key result whose numbers fit its type, with an actual: it must score. */
export const wellFormedKeyResult: fc.Arbitrary<KeyResultCells> = fc.oneof(
  { arbitrary: towardTarget, weight: 5 },
  { arbitrary: maintain("maintain-above"), weight: 1 },
  { arbitrary: maintain("maintain-below"), weight: 1 },
  { arbitrary: milestone, weight: 1 }
);

/** A score as a scorecard holds it: anywhere on 0–1, the band edges, or percentage text. */
export const realisticScore: fc.Arbitrary<number | string> = fc.oneof(
  { arbitrary: uniform(0, 1), weight: 6 },
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 },
  {
    arbitrary: fc.constantFrom(0, 0.3, 0.395, 0.4, 0.5, 0.65, 0.695, 0.7, 0.75, 0.8, 0.85, 0.9, 1),
    weight: 2,
  },
  { arbitrary: fc.constantFrom("0.7", "85%", "40%", " 0.95 "), weight: 1 }
);

/** Traffic-light thresholds: omitted, or 0 ≤ red_below ≤ green_from ≤ 1 (one may be omitted). */
export const wellFormedThresholds: fc.Arbitrary<[unknown, unknown]> = fc.oneof(
  { arbitrary: fc.constant<[unknown, unknown]>([null, null]), weight: 3 },
  {
    arbitrary: fc
      .tuple(uniform(0, 1), uniform(0, 1))
      .map(([a, b]): [unknown, unknown] => [Math.min(a, b), Math.max(a, b)]),
    weight: 2,
  },
  {
    arbitrary: uniform(0, 0.7).map((red): [unknown, unknown] => [red, null]),
    weight: 1,
  },
  {
    arbitrary: uniform(0.4, 1).map((green): [unknown, unknown] => [undefined, green]),
    weight: 1,
  }
);

/** An OKR kind as typed: omitted (aspirational), aspirational or committed. */
export const wellFormedKind: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  undefined,
  "",
  "aspirational",
  "committed",
  "Committed",
  " aspirational "
);

/** A weight: positive, as a number or text, or empty (weight 1). */
const wellFormedWeight: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 1, max: 10 }),
  uniform(0.1, 5),
  fc.constantFrom(null, "", "2", "0.5")
);

/**
 * An objective's key-result scores with their weights (or none): at least one scored, the others
 * scored or pending (empty).
 */
export const wellFormedGrade: fc.Arbitrary<{ scores: unknown[]; weights: unknown[] | null }> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.oneof({ arbitrary: realisticScore, weight: 5 }, { arbitrary: emptyCell, weight: 1 }),
        wellFormedWeight
      ),
      { minLength: 0, maxLength: 11 }
    ),
    realisticScore,
    wellFormedWeight,
    fc.nat(),
    fc.boolean()
  )
  .map(([others, scored, scoredWeight, at, weighted]) => {
    const pairs = [...others];
    pairs.splice(at % (pairs.length + 1), 0, [scored, scoredWeight]);
    return {
      scores: pairs.map(([value]) => value),
      weights: weighted ? pairs.map(([, weight]) => weight) : null,
    };
  });

// Dates: Excel serial numbers, from 1900-03-01 on serial = days since 1899-12-30.
const EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A day as a date cell can arrive: a serial, a serial with a time of day, a Date, yyyy-mm-dd. */
export function dateCell(serial: number): fc.Arbitrary<unknown> {
  const date = new Date(EPOCH_MS + serial * DAY_MS);
  return fc.constantFrom<unknown>(
    serial,
    serial + 0.5,
    date,
    date.toISOString().slice(0, 10),
    String(serial)
  );
}

/** A period: its start (2020–2030) and end (a day to two years later) as serials. */
export const period: fc.Arbitrary<{ start: number; end: number }> = fc
  .tuple(fc.integer({ min: 43_831, max: 47_848 }), fc.integer({ min: 1, max: 730 }))
  .map(([start, length]) => ({ start, end: start + length }));

/** The day to judge on: mostly within the period, sometimes before or after it. */
export function asOfIn({ start, end }: { start: number; end: number }): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: start, max: end }), weight: 4 },
    { arbitrary: fc.integer({ min: start - 60, max: end + 60 }), weight: 1 }
  );
}

/** The seven arguments of PACE for a well-formed key result and period. */
export const wellFormedPace: fc.Arbitrary<unknown[]> = fc
  .tuple(wellFormedKeyResult, period)
  .chain(([kr, days]) =>
    fc
      .tuple(
        dateCell(days.start),
        dateCell(days.end),
        fc.oneof(
          { arbitrary: asOfIn(days).chain(dateCell), weight: 5 },
          { arbitrary: emptyCell, weight: 1 }
        )
      )
      .map(([start, end, asOf]) => [kr.baseline, kr.target, kr.actual, start, end, asOf, kr.type])
  );

// ---------------------------------------------------------------------------------------------
// Mixing.

/** Where a case came from: only a well-formed case must compute. */
export type Origin = "well-formed" | "spoiled" | "hostile";

export interface Case<T> {
  origin: Origin;
  args: T;
}

/**
 * One value of `args` replaced by a hostile one: a whole argument, or one cell of a range (so the
 * other cells of a spilled result still compute).
 */
export function spoil(
  args: readonly unknown[],
  [which, row, column]: readonly [number, number, number],
  bad: unknown
): unknown[] {
  const copy = [...args];
  const index = which % copy.length;
  const argument = copy[index];
  if (Array.isArray(argument) && argument.length > 0) {
    const rows: unknown[] = argument.map((line) => (Array.isArray(line) ? [...line] : line));
    const r = row % rows.length;
    const line = rows[r];
    if (Array.isArray(line) && line.length > 0) line[column % line.length] = bad;
    else rows[r] = bad;
    copy[index] = rows;
  } else {
    copy[index] = bad;
  }
  return copy;
}

/**
 * Half well-formed cases, a fifth well-formed with one value spoiled, the rest hostile: the
 * property keeps its hostile coverage and still reaches the computation in most runs.
 */
export function cases(
  wellFormed: fc.Arbitrary<unknown[]>,
  hostile: fc.Arbitrary<unknown[]>,
  /** The arguments that may be spoiled (by index); all when omitted. */
  spoilable?: readonly number[]
): fc.Arbitrary<Case<unknown[]>> {
  return fc.oneof(
    {
      arbitrary: wellFormed.map((args) => ({ origin: "well-formed" as const, args })),
      weight: 5,
    },
    {
      arbitrary: fc
        .tuple(wellFormed, fc.tuple(fc.nat(), fc.nat(), fc.nat()), anyValue)
        .map(([args, [which, row, column], bad]) => {
          const index = spoilable ? spoilable[which % spoilable.length] : which;
          return { origin: "spoiled" as const, args: spoil(args, [index, row, column], bad) };
        }),
      weight: 2,
    },
    { arbitrary: hostile.map((args) => ({ origin: "hostile" as const, args })), weight: 3 }
  );
}

// ---------------------------------------------------------------------------------------------
// Ranges for the spilled worksheet functions.

/** Values laid out as a range: a column (n×1, the usual) or a row (1×n). */
export type Layout = "column" | "row";

export function laidOut(values: readonly unknown[], layout: Layout): unknown[][] {
  return layout === "column" ? values.map((value) => [value]) : [[...values]];
}

/** 1–8 rows of `row`, and the layout of the ranges. */
function rowsOf<T>(row: fc.Arbitrary<T>): fc.Arbitrary<[T[], Layout]> {
  return fc.tuple(
    fc.array(row, { minLength: 1, maxLength: 8 }),
    fc.constantFrom<Layout>("column", "column", "column", "row")
  );
}

/** The type argument: omitted when every row's type is empty, else a range of them. */
function typeRange(types: unknown[], layout: Layout): unknown {
  return types.every((type) => type === null || type === undefined || String(type).trim() === "")
    ? null
    : laidOut(types, layout);
}

/** SCORE and PROGRESS: baseline, target, actual and type ranges of well-formed key results. */
export const wellFormedKeyResultRanges: fc.Arbitrary<unknown[]> = rowsOf(wellFormedKeyResult).map(
  ([rows, layout]) => [
    laidOut(
      rows.map((kr) => kr.baseline),
      layout
    ),
    laidOut(
      rows.map((kr) => kr.target),
      layout
    ),
    laidOut(
      rows.map((kr) => kr.actual),
      layout
    ),
    typeRange(
      rows.map((kr) => kr.type),
      layout
    ),
  ]
);

/** STATUS: a range of scores; the thresholds omitted or single cells that apply to every row. */
export const wellFormedStatusRanges: fc.Arbitrary<unknown[]> = fc
  .tuple(rowsOf(realisticScore), wellFormedThresholds)
  .map(([[scores, layout], [red, green]]) => [
    laidOut(scores, layout),
    red === null || red === undefined ? null : [[red]],
    green === null || green === undefined ? null : [[green]],
  ]);

/** HEALTH: a range of averages; the kind omitted, one cell, or one per row. */
export const wellFormedHealthRanges: fc.Arbitrary<unknown[]> = rowsOf(
  fc.tuple(realisticScore, wellFormedKind)
).chain(([rows, layout]) =>
  fc.constantFrom(
    [
      laidOut(
        rows.map(([average]) => average),
        layout
      ),
      null,
    ],
    [
      laidOut(
        rows.map(([average]) => average),
        layout
      ),
      [[rows[0][1]]],
    ],
    [
      laidOut(
        rows.map(([average]) => average),
        layout
      ),
      laidOut(
        rows.map(([, kind]) => kind),
        layout
      ),
    ]
  )
);

/**
 * PACE: key-result ranges; the period's start and end and the as-of day as single cells (one
 * period for every row, the usual) or as ranges beside the key results.
 */
export const wellFormedPaceRanges: fc.Arbitrary<unknown[]> = fc
  .tuple(rowsOf(wellFormedKeyResult), period, fc.boolean())
  .chain(([[rows, layout], days, single]) =>
    fc
      .tuple(
        ...[dateCell(days.start), dateCell(days.end), asOfIn(days).chain(dateCell)].map((date) =>
          single
            ? date.map((value) => [[value]])
            : fc
                .array(date, { minLength: rows.length, maxLength: rows.length })
                .map((values) => laidOut(values, layout))
        )
      )
      .map(([start, end, asOf]) => [
        laidOut(
          rows.map((kr) => kr.baseline),
          layout
        ),
        laidOut(
          rows.map((kr) => kr.target),
          layout
        ),
        laidOut(
          rows.map((kr) => kr.actual),
          layout
        ),
        start,
        end,
        asOf,
        typeRange(
          rows.map((kr) => kr.type),
          layout
        ),
      ])
  );

/** GRADE: a range of scores and, when weighted, a range of weights of the same shape. */
export const wellFormedGradeRanges: fc.Arbitrary<unknown[]> = fc
  .tuple(wellFormedGrade, fc.constantFrom<Layout>("column", "row"))
  .map(([{ scores, weights }, layout]) => [
    laidOut(scores, layout),
    weights === null ? null : laidOut(weights, layout),
  ]);
