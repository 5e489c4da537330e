import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as functions from "../src/functions/functions";
import {
  evaluateWorkbook,
  loadWorkbook,
  type MemoryWorkbook,
  OKR_FUNCTIONS,
} from "../src/hosts/memory";
import { grade, health, pace, progress, score, status } from "../src/okr/scoring";
import { instantiate, templates } from "../src/okr/templates";
import { todaySerial } from "../src/okr/values";
import { buildWorkbook } from "../src/sheets/build";
import { LAYOUT_VERSION, layoutMark, MARK_NAMES } from "../src/sheets/layout";
import {
  cellAddress,
  type CellContent,
  type CellSpec,
  type DefinedNameSpec,
  type SheetSpec,
  sheetReference,
  type WorkbookSpec,
} from "../src/sheets/spec";
import { installCustomFunctionsRuntime, shown } from "./support/customFunctionsRuntime";
import { sheetSpec } from "./support/handSpecs";
import { gridOf } from "./support/snapshotGrid";

beforeAll(installCustomFunctionsRuntime);

// ---- building specs by hand -------------------------------------------------------------------

const text = (value: string): CellContent => ({ kind: "text", text: value });
const date = (serial: number): CellContent => ({ kind: "date", serial });

/** A JS value as a cell: "=…" a formula, other strings text, numbers, booleans; null: no cell. */
type Typed = string | number | boolean | null | CellContent;

function content(value: Exclude<Typed, null>): CellContent {
  if (typeof value === "string") {
    return value.startsWith("=") ? { kind: "formula", formula: value } : text(value);
  }
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  return value;
}

/** Cells from rows of values, the first at (row, column). */
function cells(rows: Typed[][], row = 0, column = 0): CellSpec[] {
  return rows.flatMap((line, r) =>
    line.flatMap((value, c) =>
      value === null ? [] : [{ row: row + r, column: column + c, content: content(value) }]
    )
  );
}

function sheet(name: string, sheetCells: CellSpec[]): SheetSpec {
  return sheetSpec(name, { cells: sheetCells, print: { landscape: true, fitToWidth: true } });
}

function workbook(sheets: SheetSpec[], names: DefinedNameSpec[] = []): WorkbookSpec {
  return { style: "portable", sheets, names, styles: {} };
}

/** One sheet "S" holding `rows` from A1; evaluated, then read with `read`; disposed after. */
function withSheet<T>(
  rows: Typed[][],
  read: (book: MemoryWorkbook) => T,
  options: { today?: number } = {}
): T {
  const book = loadWorkbook(workbook([sheet("S", cells(rows))]), options);
  try {
    return read(book);
  } finally {
    book.dispose();
  }
}

/** A cell as a person reads it: the value, or "#CODE message", as shown() renders Excel's. */
function read(book: MemoryWorkbook, address: string, sheetName = "S"): unknown {
  const error = book.error(sheetName, address);
  if (error) return error.message ? `${error.code} ${error.message}` : error.code;
  return book.value(sheetName, address);
}

/** One formula in A1 of an otherwise empty sheet: what it shows. */
function evaluate(formula: string, options: { today?: number } = {}): unknown {
  return withSheet([[formula]], (book) => read(book, "A1"), options);
}

/** What Excel keeps of a number: 15 significant digits. */
const excel = (value: number | null) => (value === null ? "" : Number(value.toPrecision(15)));

// ---- the spec as written ------------------------------------------------------------------------

describe("a hand-written spec evaluates as Excel would", () => {
  const plan = sheet(
    "OKR Plan",
    cells([
      ["Project", "Atlas"],
      ["Red below", 0.4],
      ["Green from", 0.7],
      ["Period start", date(46023)],
      ["Period end", date(46112)],
      ["Committed", true],
      ["Formula-like text", text("=1+1")],
    ])
  );
  const card = sheet(
    "Scorecard",
    cells(
      [
        ["='OKR Plan'!B1", "=OKR_RED_BELOW+OKR_GREEN_FROM", "=OKR_PERIOD_END-OKR_PERIOD_START"],
        ["=YEAR(OKR_PERIOD_START)", '=IF(\'OKR Plan\'!B6, "yes", "no")', "='OKR Plan'!B7"],
        ["=ISTEXT('OKR Plan'!B7)", "=OKR_STALE_AFTER_DAYS*2", "=1/0"],
        ["=NA()", "=NO.SUCH.FUNCTION(1)", "=UNDEFINED_NAME"],
      ],
      1,
      1
    )
  );
  const names: DefinedNameSpec[] = [
    { name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$2" },
    { name: "OKR_GREEN_FROM", formula: "='OKR Plan'!$B$3" },
    { name: "OKR_PERIOD_START", formula: "='OKR Plan'!$B$4" },
    { name: "OKR_PERIOD_END", formula: "='OKR Plan'!$B$5" },
    { name: "OKR_STALE_AFTER_DAYS", formula: "=31" },
  ];
  const snapshot = evaluateWorkbook(workbook([plan, card], names));

  test("sheets come back in order, with their used ranges", () => {
    expect(
      snapshot.sheets.map(gridOf).map(({ name, visible, origin }) => ({ name, visible, origin }))
    ).toEqual([
      { name: "OKR Plan", visible: true, origin: { row: 0, column: 0 } },
      { name: "Scorecard", visible: true, origin: { row: 1, column: 1 } },
    ]);
  });

  test("constants: text, numbers, booleans, dates as serials; no formulas", () => {
    const planSheet = gridOf(snapshot.sheets[0]);
    expect(planSheet.values).toEqual([
      ["Project", "Atlas"],
      ["Red below", 0.4],
      ["Green from", 0.7],
      ["Period start", 46023],
      ["Period end", 46112],
      ["Committed", true],
      ["Formula-like text", "=1+1"],
    ]);
    expect(planSheet.formulas.flat().every((formula) => formula === null)).toBe(true);
  });

  test("formulas across sheets, through defined names, with errors as their text", () => {
    const scorecard = gridOf(snapshot.sheets[1]);
    expect(scorecard.values).toEqual([
      ["Atlas", 1.1, 89],
      [2026, "yes", "=1+1"],
      [true, 62, "#DIV/0!"],
      ["#N/A", "#NAME?", "#NAME?"],
    ]);
    expect(scorecard.formulas[0][0]).toBe("='OKR Plan'!B1");
    expect(scorecard.formulas[3][2]).toBe("=UNDEFINED_NAME");
  });

  test("a sheet name with an apostrophe, quoted as sheetReference writes it", () => {
    const owner = sheet("Bob's Plan", cells([[0.25]]));
    const reader = sheet("Reader", cells([[`=${sheetReference("Bob's Plan")}!A1*4`]]));
    expect(gridOf(evaluateWorkbook(workbook([owner, reader])).sheets[1]).values).toEqual([[1]]);
  });

  test("an empty sheet has no rows", () => {
    expect(evaluateWorkbook(workbook([sheet("Empty", [])])).sheets[0]).toEqual({
      name: "Empty",
      visible: true,
      rows: [],
    });
  });
});

describe("text stays text, whatever it looks like", () => {
  test.each([
    ["a formula", "=1+1"],
    ["a sum", "=SUM(A1:A3)"],
    ["a plus sign", "+5"],
    ["a minus sign", "-3"],
    ["an at sign", "@mention"],
    ["a number", "80"],
    ["a percentage", "50%"],
    ["a boolean", "TRUE"],
    ["a date", "01/02/2026"],
    ["a leading apostrophe", "'quoted"],
    ["an error literal", "#N/A"],
  ])("%s: %s", (_name, value) => {
    withSheet([[text(value), "=ISTEXT(A1)", "=LEN(A1)"]], (book) => {
      expect(book.value("S", "A1")).toBe(value);
      expect(book.formula("S", "A1")).toBeNull();
      expect(book.value("S", "B1")).toBe(true);
      expect(book.value("S", "C1")).toBe(value.length);
    });
  });

  test("empty text is an empty cell, as when Excel is given an empty string", () => {
    withSheet([[text(""), "=ISBLANK(A1)"]], (book) => {
      expect(book.value("S", "A1")).toBeNull();
      expect(book.value("S", "B1")).toBe(true);
    });
  });
});

describe("configured like Excel", () => {
  test.each<[string, string, unknown]>([
    ["1900 date system: 1900-01-01 is serial 1", "=DATE(1900,1,1)", 1],
    ["the phantom 1900-02-29 is serial 60", "=DATE(1900,2,29)", 60],
    ["1900-03-01 is serial 61", "=DATE(1900,3,1)", 61],
    ["2026-01-01 is serial 46023", "=DATE(2026,1,1)", 46023],
    ["ISO text reads as a date in arithmetic", '="2026-01-05"+1', 46028],
    ["TRUE and FALSE literals", "=IF(TRUE, 1, 0)+IF(FALSE, 10, 0)", 1],
    ["a number is not TRUE", "=1=TRUE", false],
    ["text comparison ignores case", '="A"="a"', true],
    ["text comparison respects accents", '="é"="e"', false],
    ["0.1+0.2 is 0.3", "=0.1+0.2=0.3", true],
    ["values keep 15 significant digits", "=2/3", 0.666666666666667],
    ["ROUND rounds half away from zero on the shown value", "=ROUND(0.695, 2)", 0.7],
  ])("%s", (_name, formula, expected) => {
    expect(evaluate(formula)).toBe(expected);
  });

  test("array arithmetic inside SUMPRODUCT and MATCH, a reference to an empty cell shows 0", () => {
    withSheet(
      [
        ["x", 1, 45000],
        ["y", 2, 45005],
        ["x", 3, 45010],
        [null, 4, null],
        ['=SUMPRODUCT((A1:A4="x")*B1:B4)', '=INDEX(B1:B4, MATCH(1, (A1:A4="x")*(C1:C4=45010), 0))'],
        ['=VLOOKUP("y", A1:B4, 2, FALSE)', "=A4", '=COUNTIFS(A1:A4, "x", C1:C4, ">="&45005)'],
      ],
      (book) => {
        expect(["A5", "B5", "A6", "B6", "C6"].map((address) => book.value("S", address))).toEqual([
          4, 3, 2, 0, 1,
        ]);
      }
    );
  });
});

describe("empty cells, as Excel treats them", () => {
  test.each<[string, string, unknown]>([
    ["a formula reading an empty cell holds 0", "=A1", 0],
    ["a formula reading that formula sees 0, not an empty cell", '=B1=""', false],
    ["a formula cell is never blank", "=ISBLANK(B1)", false],
    ["so a key result whose actual is such a formula scores 0", "=OKR.SCORE(0, 10, B1)", 0],
    ["an empty cell itself is blank", '=AND(ISBLANK(A1), A1="")', true],
    [
      "a defined name referring to an empty cell is empty",
      '=AND(EMPTY_NAME="", ISBLANK(EMPTY_NAME))',
      true,
    ],
    ["and counts as 0 in arithmetic", "=EMPTY_NAME+1", 1],
  ])("%s", (_name, formula, expected) => {
    const spec = workbook(
      [sheet("S", cells([[null, "=A1", formula]]))],
      [{ name: "EMPTY_NAME", formula: "=S!$A$1" }]
    );
    const book = loadWorkbook(spec);
    try {
      expect(book.value("S", "C1")).toBe(expected);
    } finally {
      book.dispose();
    }
  });
});

describe("TODAY() can be fixed", () => {
  test("a fixed day", () => {
    expect(evaluate("=TODAY()", { today: 46100 })).toBe(46100);
    expect(evaluate("=TODAY()-DATE(2026,1,1)", { today: 46100.75 })).toBe(77);
  });

  test("without one, the clock's day, as the engine sees it", () => {
    // Read before and after: the test may run across midnight.
    const before = todaySerial();
    const shownToday = evaluate("=TODAY()");
    expect([before, todaySerial()]).toContain(shownToday);
  });

  test("OKR.PACE judges on the fixed day when as_of is empty, and on as_of when given", () => {
    expect(evaluate("=OKR.PACE(0, 100, 40, 46023, 46112)", { today: 46068 })).toBe(
      pace(0, 100, 40, 46023, 46112, 46068)
    );
    expect(pace(0, 100, 40, 46023, 46112, 46068)).toBe("Behind");
    expect(evaluate("=OKR.PACE(0, 100, 40, 46023, 46112)", { today: 46030 })).toBe("On track");
    expect(evaluate("=OKR.PACE(0, 100, 40, 46023, 46112, 46068)", { today: 46030 })).toBe("Behind");
  });
});

// ---- the OKR.* functions ------------------------------------------------------------------------

describe("OKR.* give the engine's numbers and labels", () => {
  const examples: [string, number, number, number][] = [
    ["customer satisfaction 80 → 95, actual 90", 80, 95, 90],
    ["5 new markets, 2 → 7, 5 reached", 2, 7, 5],
    ["images per hour 100 → 500, actual 425", 100, 500, 425],
    ["defect detection 88% → 95%, actual 96%", 0.88, 0.95, 0.96],
    ["production lines 0 → 3, 1 deployed", 0, 3, 1],
    ["escalation rate 12% → 5%, actual 6.5%", 0.12, 0.05, 0.065],
  ];

  test.each(examples)("%s", (_name, baseline, target, actual) => {
    withSheet(
      [
        [
          baseline,
          target,
          actual,
          "=OKR.SCORE(A1, B1, C1)",
          "=OKR.PROGRESS(A1, B1, C1)",
          "=OKR.STATUS(D1)",
          "=OKR.STATUS(OKR.SCORE(A1, B1, C1), 0.5, 0.9)",
        ],
      ],
      (book) => {
        const expected = score(baseline, target, actual);
        expect(book.value("S", "D1")).toBe(excel(expected));
        expect(book.value("S", "E1")).toBe(excel(progress(baseline, target, actual)));
        expect(book.value("S", "F1")).toBe(status(expected));
        expect(book.value("S", "G1")).toBe(status(expected, 0.5, 0.9));
      }
    );
  });

  test("the Q4 2025 sample: GRADE of the scores is 0.73, Ideal; committed above 0.8 is Strong", () => {
    const sample = examples.slice(2);
    withSheet(
      [
        ...sample.map(([, b, t, a], index) =>
          index === 0 ? [b, t, a, "=OKR.SCORE(A1:A4, B1:B4, C1:C4)"] : [b, t, a]
        ),
        ["=OKR.GRADE(D1:D4)", "=OKR.HEALTH(A5)", '=OKR.HEALTH(0.95, "committed")'],
      ],
      (book) => {
        const scores = sample.map(([, b, t, a]) => score(b, t, a));
        const expected = grade(scores) as number;
        expect(book.value("S", "A5")).toBe(excel(expected));
        expect(book.value("S", "B5")).toBe(health(expected));
        expect(book.value("S", "B5")).toBe("Ideal");
        expect(book.value("S", "C5")).toBe(health(0.95, "committed"));
      }
    );
  });

  test("a pending key result is an empty-looking cell, and so is a grade with nothing scored", () => {
    withSheet(
      [[80, 95, null, "=OKR.SCORE(A1, B1, C1)", "=OKR.STATUS(D1)", "=OKR.GRADE(C1:C2)"]],
      (book) => {
        expect(book.value("S", "D1")).toBe("");
        expect(book.value("S", "E1")).toBe("Pending");
        expect(book.value("S", "F1")).toBe("");
      }
    );
  });

  test("function names are case-insensitive, as in Excel", () => {
    expect(evaluate("=okr.score(0, 10, 5)")).toBe(0.5);
  });
});

describe("ranges spill one result per row, broadcasting as the Excel functions do", () => {
  const rows: Typed[][] = [
    [80, 95, 90, null],
    [2, 7, 5, null],
    [100, 500, 425, null],
    [0.88, 0.95, 0.96, null],
    [0, 3, null, null],
    [null, null, null, null],
    [null, 5, 4, "maintain-below"],
    [null, null, "done", null],
  ];

  test("one formula scores a column: each row is the engine's score, pending rows empty", () => {
    withSheet(
      [
        ...rows.map((line, index) =>
          index === 0 ? [...line, "=OKR.SCORE(A1:A8, B1:B8, C1:C8, D1:D8)"] : line
        ),
      ],
      (book) => {
        rows.forEach(([baseline, target, actual, type], index) => {
          expect(book.value("S", `E${index + 1}`)).toBe(
            excel(score(baseline, target, actual, type))
          );
        });
        // Only the anchor holds the formula; the rest is its spill.
        expect(book.formula("S", "E1")).toBe("=OKR.SCORE(A1:A8, B1:B8, C1:C8, D1:D8)");
        expect(book.formula("S", "E2")).toBeNull();
        expect(book.value("S", "E9")).toBeNull();
      }
    );
  });

  test("a spill into a cell that holds something is #SPILL!, as in Excel", () => {
    withSheet(
      [
        [0, 10, 5, "=OKR.SCORE(A1:A2, B1:B2, C1:C2)"],
        [0, 10, 10, "in the way"],
      ],
      (book) => expect(book.value("S", "D1")).toBe("#SPILL!")
    );
  });

  test("a spilled range feeds other formulas", () => {
    withSheet(
      [
        [
          0,
          10,
          5,
          "=OKR.SCORE(A1:A2, B1:B2, C1:C2)",
          "=OKR.GRADE(D1:D2)",
          "=SUM(OKR.SCORE(A1:A2, B1:B2, C1:C2))",
        ],
        [0, 10, 10],
      ],
      (book) => {
        expect(book.value("S", "E1")).toBe(0.75);
        expect(book.value("S", "F1")).toBe(1.5);
      }
    );
  });

  // The same arguments through HyperFormula and through the Excel functions (src/functions, with
  // a stand-in for Excel's runtime) show the same cells: values, errors and messages.
  const parity: [string, string, Typed[][], (args: unknown[][][]) => unknown[][]][] = [
    [
      "a single cell is repeated along a range",
      "=OKR.SCORE(A1, B1, C1:C3)",
      [
        [0, 10, 5],
        [null, null, 10],
        [null, null, 20],
      ],
      ([a, b, c]) => functions.score(a, b, c),
    ],
    [
      "a column and a row broadcast to a grid",
      "=OKR.SCORE(A1, B1:B2, C1:D1)",
      [
        [0, 10, 5, 10],
        [null, 20],
      ],
      ([a, b, c]) => functions.score(a, b, c),
    ],
    [
      "cells beyond the shorter range are #N/A",
      "=OKR.SCORE(A1:A3, B1:B3, C1:C5)",
      [
        [0, 10, 5],
        [0, 10, 10],
        [0, 10, 10],
        [null, null, 10],
        [null, null, 10],
      ],
      ([a, b, c]) => functions.score(a, b, c),
    ],
    [
      "ranges of different widths",
      "=OKR.STATUS(A1:C1, A2:B2)",
      [
        [0.1, 0.5, 0.9],
        [0.2, 0.3],
      ],
      ([s, r]) => functions.status(s, r),
    ],
    [
      "bad rows get their own errors; the others compute",
      "=OKR.SCORE(A1:A5, B1:B5, C1:C5, D1:D5)",
      [
        [0, 10, 5, null],
        [72, 72, 80, null],
        [0, null, 3, null],
        [0, 10, "abc", null],
        [0, 10, 7, "grow"],
      ],
      ([a, b, c, d]) => functions.score(a, b, c, d),
    ],
    [
      "HEALTH spills",
      "=OKR.HEALTH(A1:A5)",
      [[0.3], [0.6], [0.75], [0.85], [0.95]],
      ([a]) => functions.health(a),
    ],
    [
      "PACE spills",
      "=OKR.PACE(A1:A2, B1:B2, C1:C2, D1, E1, F1)",
      [
        [0, 100, 60, date(46023), date(46112), date(46068)],
        [0, 100, 20],
      ],
      ([a, b, c, d, e, f]) => functions.pace(a, b, c, d, e, f),
    ],
  ];

  test.each(parity)("%s", (_name, formula, data, excelFunction) => {
    const width = Math.max(...data.map((line) => line.length));
    const anchor = cellAddress(0, width + 1);
    withSheet(
      [[...data[0], ...Array(width - data[0].length + 1).fill(null), formula], ...data.slice(1)],
      (book) => {
        const references = [...formula.matchAll(/[A-Z]+\d+(?::[A-Z]+\d+)?/g)].map(([ref]) => ref);
        const args = references.map((ref) => rangeValues(data, ref));
        const expected = excelFunction(args).map((line) => line.map(shown));
        const start = book.engine.simpleCellAddressFromString(anchor, 0);
        if (!start) throw new Error(anchor);
        const actual = expected.map((line, r) =>
          line.map((_, c) => read(book, cellAddress(start.row + r, start.col + c)))
        );
        expect(actual).toEqual(expected);
      }
    );
  });

  /** The values of an A1 range of `data`, as Excel hands them to a custom function. */
  function rangeValues(data: Typed[][], ref: string): unknown[][] {
    const [from, to = from] = ref.split(":").map((part) => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(part) as RegExpExecArray;
      return { row: Number(digits) - 1, column: letters.charCodeAt(0) - 65 };
    });
    return Array.from({ length: to.row - from.row + 1 }, (_, r) =>
      Array.from({ length: to.column - from.column + 1 }, (_, c) => {
        const value = data[from.row + r]?.[from.column + c] ?? null;
        return value !== null && typeof value === "object" && value.kind === "date"
          ? value.serial
          : value;
      })
    );
  }
});

describe("bad input: the engine's error type and message", () => {
  test.each<[string, string, string]>([
    ["target equals baseline", "=OKR.SCORE(72, 72, 80)", "#VALUE! target equals baseline (72)"],
    ["missing target", '=OKR.SCORE(0, "", 3)', "#N/A target is missing"],
    ["text actual", '=OKR.SCORE(0, 10, "abc")', '#VALUE! actual is not a number: "abc"'],
    [
      "unknown type",
      '=OKR.SCORE(0, 10, 7, "grow")',
      '#VALUE! type must be one of increase, decrease, maintain-above, maintain-below, milestone; got "grow"',
    ],
    [
      "thresholds out of order",
      "=OKR.STATUS(0.5, 0.8, 0.6)",
      "#VALUE! thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1 on the 0–1 scale; got red_below 0.8 and green_from 0.6",
    ],
    [
      "an unknown kind",
      '=OKR.HEALTH(0.7, "stretch")',
      '#VALUE! kind must be aspirational or committed; got "stretch"',
    ],
    ["a pace with no end", '=OKR.PACE(0, 10, 5, 46023, "")', "#N/A end is missing"],
    ["a score out of range in GRADE", "=OKR.GRADE(1.5)", "#VALUE! score 1 (1.5) is outside 0–1"],
    ["an error input passes through", "=OKR.SCORE(1/0, 10, 5)", "#DIV/0!"],
    ["#N/A input gets a message", "=OKR.SCORE(NA(), 10, 5)", "#N/A baseline is #N/A"],
    ["too few arguments", "=OKR.SCORE(0, 10)", "#N/A OKR.SCORE takes 3 to 4 arguments; got 2"],
    [
      "too many arguments",
      "=OKR.STATUS(0.5, 0.4, 0.7, 1)",
      "#N/A OKR.STATUS takes 1 to 3 arguments; got 4",
    ],
  ])("%s", (_name, formula, expected) => {
    expect(evaluate(formula)).toBe(expected);
  });

  test("weights of another shape than the scores, as in Excel", () => {
    withSheet(
      [
        [1, 1, "=OKR.GRADE(A1:A2, B1:B3)", "=OKR.GRADE(A1:A2, C5)", "=OKR.GRADE(A1:A2,)"],
        [0.5, 1],
      ],
      (book) => {
        expect(read(book, "C1")).toBe(
          "#VALUE! weights (3×1) must have the same shape as scores (2×1)"
        );
        expect(read(book, "D1")).toBe(
          "#VALUE! weights (1×1) must have the same shape as scores (2×1)"
        );
        expect(read(book, "E1")).toBe(0.75);
      }
    );
  });
});

describe("the plugin and the Excel functions declare the same arguments", () => {
  const golden = JSON.parse(
    readFileSync(join(__dirname, "golden", "functions-metadata.golden.json"), "utf8")
  ) as {
    functions: { id: string; parameters: { name: string; optional?: boolean }[] }[];
  };

  test("names, order and which are optional", () => {
    const declared = Object.fromEntries(
      golden.functions.map((fn) => [
        fn.id,
        {
          parameters: fn.parameters.map((p) => p.name),
          required: fn.parameters.filter((p) => !p.optional).length,
        },
      ])
    );
    expect(OKR_FUNCTIONS).toEqual(declared);
  });
});

describe("the memory host refuses a broken spec with a reason", () => {
  test.each<[string, WorkbookSpec, RegExp]>([
    [
      "a cell written twice",
      workbook([sheet("S", [...cells([[1]]), ...cells([[2]])])]),
      /S!A1 is written twice/,
    ],
    [
      "a formula without =",
      workbook([sheet("S", [{ row: 0, column: 0, content: { kind: "formula", formula: "1+1" } }])]),
      /S!A1: a formula must start with "="/,
    ],
    [
      "a number a cell cannot hold",
      workbook([sheet("S", [{ row: 0, column: 0, content: { kind: "number", value: NaN } }])]),
      /S!A1: NaN is not a number/,
    ],
    [
      "a defined name HyperFormula cannot take",
      workbook([sheet("S", [])], [{ name: "A1", formula: "=1" }]),
      /defined name A1 \(=1\)/,
    ],
  ])("%s", (_name, spec, message) => {
    expect(() => evaluateWorkbook(spec)).toThrow(message);
  });
});

describe("size", () => {
  test("a sheet of 2,000 key-result rows of formulas evaluates (sanity bound)", () => {
    const count = 2000;
    const rows: Typed[][] = Array.from({ length: count }, (_, index) => {
      const row = index + 1;
      return [
        index % 50,
        100,
        index % 7 === 0 ? null : (index * 13) % 120,
        `=IF(C${row}="", "", MAX(0, MIN(1, (C${row}-A${row})/(B${row}-A${row}))))`,
        `=IF(D${row}="", "Pending", IF(ROUND(D${row}, 2)<OKR_RED_BELOW, "Red", IF(ROUND(D${row}, 2)>=OKR_GREEN_FROM, "Green", "Yellow")))`,
        `=OKR.SCORE(A${row}, B${row}, C${row})`,
        `=OKR.STATUS(F${row}, OKR_RED_BELOW, OKR_GREEN_FROM)`,
      ];
    });
    const labels = ["Red", "Yellow", "Green", "Pending"];
    const summary = cells([
      labels.map((label) => `=COUNTIF(Scorecard!E1:E${count}, "${label}")`),
      labels.map((label) => `=COUNTIF(Scorecard!G1:G${count}, "${label}")`),
      [`=OKR.GRADE(Scorecard!D1:D${count})`, `=OKR.GRADE(Scorecard!F1:F${count})`],
    ]);
    const spec = workbook(
      [sheet("Scorecard", cells(rows)), sheet("Summary", summary)],
      [
        { name: "OKR_RED_BELOW", formula: "=0.4" },
        { name: "OKR_GREEN_FROM", formula: "=0.7" },
      ]
    );
    const started = Date.now();
    const [card, totals] = evaluateWorkbook(spec).sheets.map(gridOf);
    const elapsed = Date.now() - started;
    expect(card.values).toHaveLength(count);
    // The portable formulas and the OKR functions agree on every row and in the totals.
    card.values.forEach((line) => {
      expect(line[3]).toBe(line[5]);
      expect(line[4]).toBe(line[6]);
    });
    expect(totals.values[0]).toEqual(totals.values[1]);
    expect(totals.values[0].reduce((sum, n) => Number(sum) + Number(n), 0)).toBe(count);
    expect(totals.values[2][0]).toBe(totals.values[2][1]);
    // Generous: about 2 s here. Note that a per-row COUNTIFS over the whole column is quadratic
    // in HyperFormula (about 10 s for 2,000 rows).
    expect(elapsed).toBeLessThan(30_000);
  });
});

describe("the layout mark", () => {
  test.each(["portable", "functions"] as const)(
    "%s: the builder's mark names are defined names HyperFormula evaluates, and read back as the mark",
    (style) => {
      const spec = buildWorkbook(instantiate(templates[0]), { style });
      const workbook = loadWorkbook(spec);
      try {
        const names = Object.values(MARK_NAMES).map((name) => ({
          name,
          value: workbook.engine.getNamedExpressionValue(name),
          formula: workbook.engine.getNamedExpressionFormula(name) ?? "",
        }));
        expect(names.map(({ name, value }) => ({ name, value }))).toEqual([
          { name: MARK_NAMES.layout, value: LAYOUT_VERSION },
          { name: MARK_NAMES.style, value: style },
        ]);
        expect(layoutMark(names)).toEqual({ version: LAYOUT_VERSION, style });
      } finally {
        workbook.dispose();
      }
    }
  );
});
