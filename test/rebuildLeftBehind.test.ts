import { formatRebuildText } from "../src/cli/rebuild";
import { checkWorkbook } from "../src/okr/rules";
import { readPlan } from "../src/sheets/read";
import {
  type LeftBehind,
  leftBehind,
  type LossKind,
  type WorkbookName,
} from "../src/sheets/rebuild";
import { snapshotFromGrid } from "../src/sheets/snapshot";
import type { CellContent, SheetSnapshot, SnapshotValue, WorkbookSpec } from "../src/sheets/spec";
import { sheetSpec } from "./support/handSpecs";

/*
 * What okr rebuild lists as left behind, from the comparison alone (src/sheets/rebuild.ts): one
 * old cell against what the new spec holds at its place, runs and blocks of lost cells, and the
 * defined names. The whole command over real files is test/rebuild.test.ts.
 */

function specWith(sheet: string, cells: { row: number; column: number; content: CellContent }[]) {
  const spec: WorkbookSpec = {
    style: "portable",
    styles: {},
    names: [],
    sheets: [sheetSpec(sheet, { cells })],
  };
  return spec;
}

describe("one old cell against the new workbook's cell at its place", () => {
  const cases: [string, SnapshotValue, string | null, CellContent | null, LossKind | null][] = [
    ["the same text", "Grow", null, { kind: "text", text: "Grow" }, null],
    [
      "a percentage read as 7 and written back as 0.07",
      0.07000000000000001,
      null,
      { kind: "number", value: 0.07 },
      null,
    ],
    ["the same boolean", true, null, { kind: "boolean", value: true }, null],
    ["a date serial", 46_030, null, { kind: "date", serial: 46_030 }, null],
    ["another number", 0.5, null, { kind: "number", value: 0.6 }, "valueReplaced"],
    ["a number where text is", 1, null, { kind: "text", text: "1" }, "valueReplaced"],
    ["nothing at the place", "note", null, null, "valueDropped"],
    ["an empty text at the place", "note", null, { kind: "text", text: "" }, "valueDropped"],
    [
      "a number typed where a formula is",
      0.5,
      null,
      { kind: "formula", formula: "=A1" },
      "typedOverFormula",
    ],
    ["the same formula", 3, "=A1+1", { kind: "formula", formula: "=A1+1" }, null],
    [
      "a formula with #REF!",
      "#REF!",
      "=#REF!+1",
      { kind: "formula", formula: "=A1+1" },
      "formulaReplaced",
    ],
    ["a formula where a value is", 3, "=A1+1", { kind: "number", value: 3 }, "formulaDropped"],
    ["a formula where nothing is", null, "=TODAY()", null, "formulaDropped"],
  ];
  test.each(cases)("%s", (_name, value, formula, now, kind) => {
    const snapshot = {
      sheets: [snapshotFromGrid("S", [[null, value]], { formulas: [[null, formula]] })],
    };
    const spec = specWith("S", now === null ? [] : [{ row: 0, column: 1, content: now }]);
    const result = leftBehind(snapshot, spec, []);
    expect(
      result.sheets.flatMap((sheet) => sheet.runs.map((run) => [run.range, run.kind]))
    ).toEqual(kind === null ? [] : [["B1", kind]]);
  });
});

test("lost cells in runs down a column, joined across columns over the same rows, split by kind", () => {
  const snapshot = {
    sheets: [
      snapshotFromGrid("S", [
        ["a", "b", null, "x"],
        ["c", "d", null, "y"],
        [null, null, null, 5],
      ]),
      snapshotFromGrid("Gone", [["z"]]),
    ],
  };
  // The new workbook has a formula at D3: the typed 5 is a run of its own kind.
  const spec = specWith("S", [{ row: 2, column: 3, content: { kind: "formula", formula: "=1" } }]);
  const result = leftBehind(snapshot, spec, null);
  expect(
    result.sheets.map((sheet) => ({
      sheet: sheet.sheet,
      inNewWorkbook: sheet.inNewWorkbook,
      runs: sheet.runs.map((run) => [run.range, run.kind, run.cells.map((cell) => cell.address)]),
    }))
  ).toEqual([
    {
      sheet: "S",
      inNewWorkbook: true,
      runs: [
        ["A1:B2", "valueDropped", ["A1", "B1", "A2", "B2"]],
        ["D1:D2", "valueDropped", ["D1", "D2"]],
        ["D3", "typedOverFormula", ["D3"]],
      ],
    },
    { sheet: "Gone", inNewWorkbook: false, runs: [["A1", "valueDropped", ["A1"]]] },
  ]);
  expect(result.namesCompared).toBe(false);
});

test("defined names: the same kept, another formula or a name not made listed, print settings and case aside", () => {
  const spec = specWith("S", []);
  spec.names = [
    { name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$20" },
    { name: "OKR_GREEN_FROM", formula: "='OKR Plan'!$B$21" },
  ];
  const names: WorkbookName[] = [
    { name: "okr_red_below", formula: "='OKR Plan'!$B$20" },
    { name: "OKR_GREEN_FROM", formula: "=#REF!" },
    { name: "_xlnm.Print_Titles", formula: "=S!$1:$1", sheet: "S" },
    { name: "Mine", formula: "=S!$A$1", sheet: "S" },
    { name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$20", sheet: "S" },
  ];
  expect(leftBehind({ sheets: [] }, spec, names).names).toEqual([
    { name: "OKR_GREEN_FROM", sheet: null, formula: "=#REF!", now: "='OKR Plan'!$B$21" },
    { name: "Mine", sheet: "S", formula: "=S!$A$1", now: null },
    // A sheet-local name is another name than the workbook's, though spelled the same.
    { name: "OKR_RED_BELOW", sheet: "S", formula: "='OKR Plan'!$B$20", now: null },
  ]);
});

describe("large runs: no spread over a run's cells (the call stack takes ~100k arguments at most)", () => {
  // A sheet with A1:B130000 filled that the new workbook does not have: one block of 260,000
  // cells, joined from two column runs of 130,000 each, then the text report of it.
  const ROWS = 130_000;
  const big: SheetSnapshot = {
    name: "Big",
    visible: true,
    rows: Array.from({ length: ROWS }, (_, row) => ({
      row,
      cells: [
        { column: 0, value: row, formula: null },
        { column: 1, value: "x", formula: null },
      ],
    })),
  };
  const cases: [string, (result: LeftBehind) => void][] = [
    [
      "leftBehind joins the two columns into one block",
      (result) => {
        expect(result.sheets.map((sheet) => sheet.runs.map((run) => run.range))).toEqual([
          [`A1:B${ROWS}`],
        ]);
        expect(result.sheets[0].runs[0].cells).toHaveLength(2 * ROWS);
      },
    ],
    [
      "the text report lists the block",
      (result) => {
        const text = formatRebuildText({
          file: "big.xlsx",
          out: "/tmp/new.xlsx",
          style: "portable",
          styleFrom: "default",
          plan: { project: "P", period: "Q", objectives: 1, keyResults: 1, checkIns: 0 },
          leftBehind: result,
          unreadable: [],
          notCarried: "",
        });
        expect(text).toContain(`    Big!A1:B${ROWS}: ${2 * ROWS} values not carried\n`);
        expect(text).toContain(`… and ${2 * ROWS - 10} more cells`);
      },
    ],
  ];
  test.each(cases)("%s", (_name, check) => {
    check(leftBehind({ sheets: [big] }, specWith("S", []), []));
  });
});

test("a cell the host could not read (an object of a kind it does not know) is listed, not dropped", () => {
  const sheet = { ...snapshotFromGrid("S", [["a"]]), unreadable: [{ row: 2, column: 1 }] };
  const result = leftBehind({ sheets: [sheet] }, specWith("S", []), []);
  expect(result.sheets[0].runs.map((run) => [run.range, run.kind])).toEqual([
    ["A1", "valueDropped"],
    ["B3", "unreadable"],
  ]);
});

test("a formula cell of a moved log whose value was carried: moved, the formula said not to be carried", () => {
  const snapshot = {
    sheets: [
      snapshotFromGrid("Log", [[null], [null, null, 2]], {
        formulas: [[null], [null, null, "=1+1"]],
      }),
    ],
  };
  const spec = specWith("Check-ins", [
    { row: 1, column: 2, content: { kind: "number", value: 2 } },
  ]);
  const carried = [
    { sheet: "Log", row: 1, column: 2, to: { sheet: "Check-ins", row: 1, column: 2 } },
  ];
  const result = leftBehind(snapshot, spec, [], carried);
  expect(result.sheets[0].runs).toEqual([
    {
      range: "C2",
      kind: "moved",
      cells: [{ address: "C2", value: 2, formula: "=1+1", now: null, movedTo: "'Check-ins'!C2" }],
    },
  ]);
  const text = formatRebuildText({
    file: "old.xlsx",
    out: "/tmp/new.xlsx",
    style: "portable",
    styleFrom: "default",
    plan: { project: "P", period: "Q", objectives: 1, keyResults: 1, checkIns: 1 },
    leftBehind: result,
    unreadable: [],
    notCarried: "",
  });
  expect(text).toContain(
    "      C2  =1+1: its value 2 in the new workbook at 'Check-ins'!C2, the formula not carried\n"
  );
});

test("sheet names compared without regard to case, as Excel takes them", () => {
  const snapshot = { sheets: [snapshotFromGrid("scorecard", [["a"]])] };
  const spec = specWith("Scorecard", [{ row: 0, column: 0, content: { kind: "text", text: "a" } }]);
  expect(leftBehind(snapshot, spec, []).sheets).toEqual([]);
});

describe("the text report: user text can never forge a line or split a character", () => {
  function report(snapshot: { sheets: SheetSnapshot[] }, names: WorkbookName[]) {
    return formatRebuildText({
      file: "old.xlsx",
      out: "/tmp/new.xlsx",
      style: "portable",
      styleFrom: "default",
      plan: { project: "P\nQ", period: "Q", objectives: 1, keyResults: 1, checkIns: 0 },
      leftBehind: leftBehind(snapshot, specWith("S", []), names),
      unreadable: [],
      notCarried: "Not carried.",
    });
  }
  const cases: [string, { sheets: SheetSnapshot[] }, WorkbookName[], string[]][] = [
    [
      "a formula holding a line feed",
      {
        sheets: [snapshotFromGrid("S", [[1]], { formulas: [["=1\nNothing left behind: forged"]] })],
      },
      [],
      ["      A1  =1\\u000aNothing left behind: forged"],
    ],
    [
      "a sheet name with a control character and a carriage return",
      { sheets: [snapshotFromGrid("X\u0007\r\nY", [["a"]])] },
      [],
      ["  X\\u0007\\u000d\\u000aY (a sheet the new workbook does not have)"],
    ],
    [
      "a defined name's formula and its sheet",
      { sheets: [] },
      [{ name: "N", formula: "=1\n+1", sheet: "T\u2028" }],
      ["    'T\\u2028'!N  =1\\u000a+1: not made by the new workbook"],
    ],
  ];
  test.each(cases)("%s", (_name, snapshot, names, expected) => {
    const text = report(snapshot, names);
    const lines = text.split("\n");
    for (const line of expected) expect(lines).toContain(line);
    expect(lines[1]).toMatch(/^P\\u000aQ, Q: /);
    expect(lines.filter((line) => line.startsWith("Nothing left behind"))).toEqual([]);
    expect(["\r", "\u0007", "\u2028"].filter((char) => text.includes(char))).toEqual([]);
  });

  test("a long content is shortened without splitting a surrogate pair", () => {
    const formula = `=${"a".repeat(77)}\u{1F600}zzz`;
    const text = report({ sheets: [snapshotFromGrid("S", [[1]], { formulas: [[formula]] })] }, []);
    expect(text).toContain(`      A1  =${"a".repeat(77)}…\n`);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

test.each([
  [[] as WorkbookName[], "; old.xlsx records no style (--style chooses one)"],
  [
    null,
    "; the names of old.xlsx, where its style is recorded, could not be read (--style chooses one)",
  ],
])("the style line of a workbook without a style (names %j)", (names, said) => {
  const text = formatRebuildText({
    file: "old.xlsx",
    out: "/tmp/new.xlsx",
    style: "portable",
    styleFrom: "default",
    plan: { project: "P", period: "Q", objectives: 1, keyResults: 1, checkIns: 0 },
    leftBehind: leftBehind({ sheets: [] }, specWith("S", []), names),
    unreadable: [],
    notCarried: "",
  });
  expect(text.split("\n")[1]).toBe(
    `P, Q: 1 objective, 1 key result, 0 check-in rows, portable formulas (native functions)${said}`
  );
});

test("a cell the host could not read is an OKR019 finding of the reader too", () => {
  const sheet = { ...snapshotFromGrid("S", [["a"]]), unreadable: [{ row: 2, column: 1 }] };
  const findings = checkWorkbook(readPlan({ sheets: [sheet] }), { rules: ["OKR019"] });
  expect(findings.map((finding) => [finding.location, finding.message])).toEqual([
    [
      { sheet: "S", address: "B3" },
      "a value of a kind okr cannot read (not a number, text, a boolean, a date or an error): what it says is not read",
    ],
  ]);
});
