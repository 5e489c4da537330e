import {
  appendCheckIn,
  insertWorkbook,
  newCheckInId,
  readWorkbook,
  type CheckInRecord,
  type RequirementChecker,
} from "../src/hosts/excel";
import { loadWorkbook } from "../src/hosts/memory";
import type { Plan } from "../src/okr/model";
import { checkWorkbook } from "../src/okr/rules/check";
import {
  CHECK_IN_LOG_COLUMN,
  buildWorkbook,
  checkInTrendFormulas,
  checkInValidFormula,
} from "../src/sheets/build";
import { CHECK_IN_HEADERS, CHECK_IN_TREND_HEADERS, SHEETS, TABLES } from "../src/sheets/layout";
import { checkInHeaderColumns, readPlan } from "../src/sheets/read";
import type { CellContent, FormulaStyle, WorkbookSpec } from "../src/sheets/spec";
import { cellAddress } from "../src/sheets/spec";
import { FakeExcel, parseAddress, seedCheckInLog, type LoggedCheckIn } from "./support/fakeExcel";
import { snapshotFromGrid } from "../src/sheets/snapshot";
import { gridOf } from "./support/snapshotGrid";

/**
 * Check-ins with ids, corrections and withdrawals: the Check-ins sheet's Entry, Replaces and Valid
 * columns, the Scorecard's Current and Last Check-in over the valid entries (HyperFormula, both
 * formula styles), readPlan over the new log, and the Excel host's appendCheckIn against the
 * recording fake (co-authoring has its own suite, checkInCoauthoring).
 */

function excelUpTo(newest: string): RequirementChecker {
  const [major, minor] = newest.split(".").map(Number);
  return (set, version) => {
    const [vMajor, vMinor] = version.split(".").map(Number);
    return set === "ExcelApi" && (vMajor < major || (vMajor === major && vMinor <= minor));
  };
}
const modernExcel = excelUpTo("1.20");

const D1 = 46030;
const D2 = 46040;
const D3 = 46050;

/** One increase key result (0 → 100, the plan says 40 so far) and one milestone. */
const PLAN: Plan = {
  project: "Check-ins",
  period: "2026-Q1",
  owner: "Ann",
  contributors: [],
  status: "Active",
  alignment: null,
  objectives: [
    {
      id: "O1",
      title: "Ship",
      owner: "Ann",
      timeline: null,
      kind: "aspirational",
      notes: [],
      keyResults: [
        {
          id: "O1.KR1",
          text: "Grow from 0 to 100 users",
          type: "increase",
          baseline: 0,
          target: 100,
          unit: null,
          current: 40,
          weight: 1,
          owner: null,
          notes: [],
        },
        {
          id: "O1.KR2",
          text: "Ship the runbook",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          current: null,
          weight: 1,
          owner: null,
          notes: [],
        },
      ],
    },
  ],
};

/** A row of the log: date, key result, value, entry, replaces. */
type Row = [number, string, number | string | boolean | null, string | null, string | null];

const c = (row: number, column: number, content: CellContent) => ({ row, column, content });

/**
 * The plan's workbook with `rows` in the log from its second row on (with the Valid formula the
 * builder put there), then `typed` rows as a person types them where no Valid formula is (a
 * program that does not fill a table's formula into a new row, or a log older than the column).
 */
function withLog(style: FormulaStyle, rows: Row[], typed: Row[] = []): WorkbookSpec {
  const spec = buildWorkbook(PLAN, { style });
  const log = spec.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!;
  const unformulated = new Set(typed.map((_, index) => 1 + rows.length + index));
  log.cells = log.cells.filter((cell) => !(unformulated.has(cell.row) && cell.column === 8));
  const place = (row: number, [date, keyResult, value, entry, replaces]: Row) => {
    log.cells.push(c(row, 0, { kind: "date", serial: date }));
    log.cells.push(c(row, 1, { kind: "text", text: keyResult }));
    if (value !== null)
      log.cells.push(
        c(
          row,
          2,
          typeof value === "number"
            ? { kind: "number", value }
            : typeof value === "boolean"
              ? { kind: "boolean", value }
              : { kind: "text", text: value }
        )
      );
    if (entry !== null) log.cells.push(c(row, 6, { kind: "text", text: entry }));
    if (replaces !== null) log.cells.push(c(row, 7, { kind: "text", text: replaces }));
  };
  rows.forEach((row, index) => place(1 + index, row));
  typed.forEach((row, index) => place(1 + rows.length + index, row));
  return spec;
}

describe("the Check-ins sheet", () => {
  const spec = buildWorkbook(PLAN);
  const log = spec.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!;

  it("has the first six columns where they were, then Entry, Replaces and Valid, then the trend's helpers", () => {
    expect(log.cells.filter((cell) => cell.row === 0).map((cell) => cell.content)).toEqual(
      [
        "Date",
        "Key Result",
        "Value",
        "Confidence",
        "Comment",
        "Author",
        "Entry",
        "Replaces",
        "Valid",
        ...CHECK_IN_TREND_HEADERS,
      ].map((header) => ({ kind: "text", text: header }))
    );
    expect(log.tables).toEqual([
      {
        name: TABLES.checkIns,
        range: { startRow: 0, startColumn: 0, endRow: 20, endColumn: 15 },
        style: expect.any(String),
      },
    ]);
  });

  it("puts the Valid formula and the trend's helpers on every row of the table, and nothing else", () => {
    const body = log.cells.filter((cell) => cell.row > 0);
    expect(body.map((cell) => [cell.row, cell.column])).toEqual(
      Array.from({ length: 20 }, (_, index) =>
        Array.from({ length: 8 }, (__, offset) => [index + 1, 8 + offset])
      ).flat()
    );
    expect(body.filter((cell) => cell.row === 5).map((cell) => cell.content)).toEqual([
      { kind: "formula", formula: checkInValidFormula(5) },
      ...CHECK_IN_TREND_HEADERS.map((header) => ({
        kind: "formula",
        formula: checkInTrendFormulas(5)[header],
      })),
    ]);
    expect(body[0].content).toEqual({
      kind: "formula",
      formula: '=IF(B2="","",IF(AND(H2<>"",C2=""),0,IF(G2="",1,IF(COUNTIF($H:$H,G2)=0,1,0))))',
    });
  });

  it.each(["LET(", "LAMBDA(", "FILTER(", "XLOOKUP(", "SUMPRODUCT("])(
    "uses no %s in the check-in formulas (LibreOffice 7.4 and Google Sheets compute them)",
    (name) => {
      const formulas = buildWorkbook(PLAN)
        .sheets.flatMap((sheet) => sheet.cells)
        .flatMap((cell) => (cell.content.kind === "formula" ? [cell.content.formula] : []))
        .filter((formula) => formula.includes("'Check-ins'!") || formula.includes("COUNTIF($H"));
      expect(formulas.length).toBeGreaterThan(0);
      expect(formulas.filter((formula) => formula.includes(name))).toEqual([]);
    }
  );
});

// Scorecard O1.KR1 is on row 6, O1.KR2 on row 7: Current is column I, Score K, Last Check-in O.
const CASES: [string, Row[], Row[], { current: unknown; score: unknown; last: unknown }][] = [
  ["no check-in: the plan's value", [], [], { current: 40, score: 0.4, last: "" }],
  [
    "the latest entry",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", 60, "e2", null],
    ],
    [],
    { current: 60, score: 0.6, last: D2 },
  ],
  [
    "a correction of the latest entry",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", 60, "e2", null],
      [D2, "O1.KR1", 70, "e3", "e2"],
    ],
    [],
    { current: 70, score: 0.7, last: D2 },
  ],
  [
    "a correction that moves the latest entry to an earlier day (that day's mean)",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", 60, "e2", null],
      [D1, "O1.KR1", 56, "e3", "e2"],
    ],
    [],
    { current: 53, score: 0.53, last: D1 },
  ],
  [
    "a withdrawal of the latest entry: the one before counts",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", 60, "e2", null],
      [D3, "O1.KR1", null, "e3", "e2"],
    ],
    [],
    { current: 50, score: 0.5, last: D1 },
  ],
  [
    "a withdrawal of the only entry: the plan's value",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", null, "e2", "e1"],
    ],
    [],
    { current: 40, score: 0.4, last: "" },
  ],
  [
    "a withdrawal of a correction: the corrected entry stays replaced",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", 60, "e2", null],
      [D2, "O1.KR1", 65, "e3", "e2"],
      [D3, "O1.KR1", null, "e4", "e3"],
    ],
    [],
    { current: 50, score: 0.5, last: D1 },
  ],
  [
    "a correction above the entry it replaces (rows out of order)",
    [
      [D2, "O1.KR1", 90, "e3", "e2"],
      [D1, "O1.KR1", 50, "e1", null],
      [D2, "O1.KR1", 60, "e2", null],
    ],
    [],
    { current: 90, score: 0.9, last: D2 },
  ],
  [
    "a correction of one of the day's two entries: the mean follows",
    [
      [D2, "O1.KR1", 60, "e1", null],
      [D2, "O1.KR1", 80, "e2", null],
      [D2, "O1.KR1", 100, "e3", "e2"],
    ],
    [],
    { current: 80, score: 0.8, last: D2 },
  ],
  [
    "a row typed without Entry or Valid formula counts",
    [[D1, "O1.KR1", 50, "e1", null]],
    [[D2, "O1.KR1", 65, null, null]],
    { current: 65, score: 0.65, last: D2 },
  ],
  [
    "entries of another key result do not count",
    [
      [D1, "O1.KR1", 50, "e1", null],
      [D3, "O1.KR2", true, "e2", null],
    ],
    [],
    { current: 50, score: 0.5, last: D1 },
  ],
];

/** An empty result ("" or an empty cell) as null. */
const blank = (value: unknown) => (value === "" ? null : value);

describe.each(["portable", "functions"] as FormulaStyle[])(
  "the Scorecard follows the latest valid entry (HyperFormula, %s formulas)",
  (style) => {
    it.each(CASES)("%s", (_name, rows, typed, expected) => {
      const workbook = loadWorkbook(withLog(style, rows, typed), { today: D3 + 1 });
      try {
        const at = (address: string) => blank(workbook.value(SHEETS.scorecard, address));
        expect({ current: at("I6"), score: at("K6"), last: at("O6") }).toEqual({
          current: expect.closeTo(expected.current as number, 12),
          score: expect.closeTo(expected.score as number, 12),
          last: expected.last === "" ? null : expected.last,
        });
      } finally {
        workbook.dispose();
      }
    });

    it.each([
      ["done", [[D1, "O1.KR2", "done", "m1", null]] as Row[], { current: 1, score: 1 }],
      [
        "done, then withdrawn: pending again",
        [
          [D1, "O1.KR2", "done", "m1", null],
          [D2, "O1.KR2", null, "m2", "m1"],
        ] as Row[],
        { current: null, score: null },
      ],
      [
        "not done, corrected to done",
        [
          [D1, "O1.KR2", false, "m1", null],
          [D1, "O1.KR2", true, "m2", "m1"],
        ] as Row[],
        { current: 1, score: 1 },
      ],
      [
        "done, corrected to not done",
        [
          [D1, "O1.KR2", "done", "m1", null],
          [D2, "O1.KR2", "not done", "m2", "m1"],
        ] as Row[],
        { current: 0, score: 0 },
      ],
    ])("a milestone: %s", (_name, rows, expected) => {
      const workbook = loadWorkbook(withLog(style, rows), { today: D3 + 1 });
      try {
        // A day's milestone check-ins average as 1 (done) and 0 (not done).
        const at = (address: string) => blank(workbook.value(SHEETS.scorecard, address));
        expect({ current: at("I7"), score: at("K7") }).toEqual(expected);
      } finally {
        workbook.dispose();
      }
    });
  }
);

describe("readPlan over the log with Entry, Replaces and Valid", () => {
  it.each(CASES)(
    "%s: the check-ins it counts are those the Valid formula counts",
    (_name, rows, typed) => {
      const workbook = loadWorkbook(withLog("portable", rows, typed), { today: D3 + 1 });
      const snapshot = workbook.snapshot();
      workbook.dispose();
      // The engine's Valid cells: 0, 1, or none on a row typed without the formula (which counts).
      const log = gridOf(snapshot.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!);
      const counted = log.values
        .slice(1)
        .filter((row) => row[1] !== null && row[1] !== undefined && row[8] !== 0)
        .map((row) => [row[0], row[2] ?? null, row[6] ?? ""]);
      const result = readPlan(snapshot);
      expect(
        result.checkIns.map((checkIn) => [checkIn.date, checkIn.value, checkIn.entry])
      ).toEqual(counted);
      expect(result.problems).toEqual([]);
    }
  );

  it("judges staleness (OKR014) by the latest valid check-in", () => {
    const findings = (rows: Row[]) => {
      const workbook = loadWorkbook(withLog("portable", rows), { today: 46100 });
      const facts = readPlan(workbook.snapshot());
      workbook.dispose();
      return checkWorkbook(facts, { asOf: 46100 })
        .filter((finding) => finding.ruleId === "OKR014")
        .map((finding) => finding.message)
        .filter((message) => message.includes("O1.KR1"));
    };
    const entries: Row[] = [
      [46030, "O1.KR1", 50, "e1", null],
      [46090, "O1.KR1", 60, "e2", null],
    ];
    expect(findings(entries)).toEqual([]);
    expect(findings([...entries, [46095, "O1.KR1", null, "e3", "e2"]])).toEqual([
      expect.stringContaining("70 days ago"),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The Excel host: appendCheckIn against the recording fake.

const EARLIER: LoggedCheckIn[] = [
  [D1, "O1.KR1", 50, 0.6, "first", "Ann", "e-1", null],
  [D2, "O1.KR1", 60, null, null, "Bo", "e-2", null],
];

function record(overrides: Partial<CheckInRecord> = {}): CheckInRecord {
  return {
    id: "mine-1",
    date: D3,
    keyResultId: "O1.KR1",
    value: 70,
    confidence: 0.8,
    comment: "on track",
    author: "Cy",
    replaces: null,
    ...overrides,
  };
}

/** The log's cells of a row (1-based), Date … Valid, as the fake holds them. */
function rowOf(fake: FakeExcel, row: number): { values: unknown[]; valid: string | null } {
  const cells = CHECK_IN_HEADERS.map((_, column) =>
    fake.cell(SHEETS.checkIns, cellAddress(row - 1, column))
  );
  return {
    values: cells.slice(0, 8).map((cell) => cell?.value ?? null),
    valid: cells[8]?.formula ?? null,
  };
}

/** Puts `value` in a cell as a person types it. */
function type(fake: FakeExcel, sheet: string, address: string, value: string | number): void {
  const { startRow, startColumn } = parseAddress(address);
  fake.sheet(sheet).cells.set(`${startRow},${startColumn}`, {
    value,
    formula: null,
    written: value,
    quotePrefix: false,
    numberFormat: null,
    format: {},
  });
}

async function inserted(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await insertWorkbook(fake.context, buildWorkbook(PLAN), { isSetSupported: modernExcel });
  return fake;
}

describe("appendCheckIn (the Excel host)", () => {
  it("writes into the inserted workbook's first empty rows, in three syncs each", async () => {
    const fake = await inserted();
    const before = fake.syncs;
    const first = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    const second = await appendCheckIn(
      fake.context,
      record({ id: "mine-2", value: 75, replaces: "mine-1", comment: '=HYPERLINK("x")' }),
      { isSetSupported: modernExcel }
    );
    expect([first, second]).toEqual([
      {
        id: "mine-1",
        entryWritten: true,
        table: TABLES.checkIns,
        sheet: SHEETS.checkIns,
        row: 2,
        address: "A2:P2",
        confirmed: true,
        moved: 0,
        grewTable: false,
        syncs: 3,
      },
      expect.objectContaining({ id: "mine-2", row: 3, confirmed: true, syncs: 3 }),
    ]);
    // The trend's helpers of each row written, as the builder writes them.
    for (const row of [1, 2])
      expect(
        CHECK_IN_TREND_HEADERS.map(
          (header) =>
            fake.cell(SHEETS.checkIns, cellAddress(row, CHECK_IN_LOG_COLUMN[header]))?.formula
        )
      ).toEqual(CHECK_IN_TREND_HEADERS.map((header) => checkInTrendFormulas(row)[header]));
    expect(fake.syncs - before).toBe(6);
    expect(rowOf(fake, 2)).toEqual({
      values: [D3, "O1.KR1", 70, 0.8, "on track", "Cy", "mine-1", null],
      valid: checkInValidFormula(1),
    });
    expect(rowOf(fake, 3).values).toEqual([
      D3,
      "O1.KR1",
      75,
      0.8,
      '=HYPERLINK("x")',
      "Cy",
      "mine-2",
      "mine-1",
    ]);
    // User text is text: the comment went in with an apostrophe, not as a formula.
    expect(fake.cell(SHEETS.checkIns, "E3")).toMatchObject({ formula: null, quotePrefix: true });
    expect(fake.cell(SHEETS.checkIns, "A2")?.numberFormat).toBe("yyyy-mm-dd");
    // The table keeps its size: the rows were inside it.
    expect(fake.tables.find((table) => table.name === TABLES.checkIns)!.range.endRow).toBe(20);
  });

  it("reads in its first sync, writes in its second, reads back in its third", async () => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 3);
    await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    const kinds = [0, 1, 2].map((request) => [
      ...new Set(fake.callsOf(request).map((call) => call.kind)),
    ]);
    expect(kinds[0]).not.toContain("set");
    expect(fake.callsOf(0).map((call) => call.method)).not.toContain("Table.resize");
    expect(kinds[1]).toContain("set");
    expect(kinds[2]).toEqual(expect.not.arrayContaining(["set"]));
    expect(fake.calls.map((call) => call.method)).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/rows\.add|TableRowCollection/)])
    );
    expect(rowOf(fake, 4).values).toEqual([
      D3,
      "O1.KR1",
      70,
      0.8,
      "on track",
      "Cy",
      "mine-1",
      null,
    ]);
  });

  it.each([
    ["a number", 70, 70],
    ["done", "done", "done"],
    ["a boolean", true, true],
    ["text that looks like a formula", "=1+1", "=1+1"],
    ["text that looks like a number", "+5", "+5"],
    ["a withdrawal (no value)", null, null],
  ] as const)("writes %s as the value, never as a formula", async (_name, value, shown) => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 3);
    await appendCheckIn(fake.context, record({ value, replaces: value === null ? "e-2" : null }), {
      isSetSupported: modernExcel,
    });
    expect(fake.cell(SHEETS.checkIns, "C4")?.value ?? null).toEqual(shown);
    expect(fake.cell(SHEETS.checkIns, "C4")?.formula ?? null).toBeNull();
  });

  it.each([
    ["Table.resize there (ExcelApi 1.13): the table takes the row in", "1.13", 3, true],
    ["no Table.resize (ExcelApi 1.12): the row goes below the table alone", "1.12", 2, false],
  ] as const)("a full table, %s", async (_name, newest, tableEnd, grew) => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 0);
    const result = await appendCheckIn(fake.context, record(), {
      isSetSupported: excelUpTo(newest),
    });
    expect(result).toMatchObject({ row: 4, grewTable: grew, syncs: 3 });
    expect(fake.tables[0].range.endRow).toBe(tableEnd);
    expect(rowOf(fake, 4)).toEqual({
      values: [D3, "O1.KR1", 70, 0.8, "on track", "Cy", "mine-1", null],
      valid: checkInValidFormula(3),
    });
  });

  // The table's rows are 1–8: the header, two entries, five empty rows.
  it.each([
    ["a comment typed alone in the table's next row: the row after it", "E4", 5],
    ["an author typed in a later row of the table: the row after it", "F6", 7],
    ["a row typed right under the table: the table's first empty row", "B9", 4],
    ["a value typed far below the table: the table's first empty row", "C40", 4],
  ])("writes over nothing: %s", async (_name, address, row) => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 5);
    type(fake, SHEETS.checkIns, address, "typed");
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result).toMatchObject({ row, moved: 0, grewTable: false, syncs: 3 });
    expect(fake.cell(SHEETS.checkIns, address)?.value).toBe("typed");
    expect(fake.tables[0].range.endRow).toBe(7);
  });

  it("writes into the table it is given by name (a second inserted workbook's), in three syncs", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Check-ins (2)", [[...CHECK_IN_HEADERS]]);
    fake.seedTable("Check-ins (2)", "OkrCheckIns2", "A1:I2");
    const result = await appendCheckIn(fake.context, record(), {
      isSetSupported: modernExcel,
      table: "OkrCheckIns2",
    });
    expect(result).toMatchObject({
      table: "OkrCheckIns2",
      sheet: "Check-ins (2)",
      address: "A2:I2",
      syncs: 3,
    });
    expect(fake.cell("Check-ins (2)", "G2")?.value).toBe("mine-1");
  });

  it.each([
    ["ExcelApi 1.3", record(), excelUpTo("1.3"), /needs ExcelApi 1\.4 .* for recording check-ins/],
    ["an empty key result", record({ keyResultId: " " }), modernExcel, /the key result is missing/],
    ["a date that is not one", record({ date: Number.NaN }), modernExcel, /the date is not a date/],
    ["an id with a wildcard", record({ id: "a*b" }), modernExcel, /the id "a\*b" is not/],
    [
      "an entry replacing itself",
      record({ replaces: "MINE-1" }),
      modernExcel,
      /cannot replace itself/,
    ],
    ["no value, not a withdrawal", record({ value: null }), modernExcel, /only a withdrawal/],
    ["an empty text value", record({ value: " " }), modernExcel, /the value is empty/],
    [
      "a confidence above 1",
      record({ confidence: 2 }),
      modernExcel,
      /confidence is not from 0 to 1/,
    ],
  ])("refuses before any sync: %s", async (_name, bad, excel, message) => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 3);
    await expect(appendCheckIn(fake.context, bad, { isSetSupported: excel })).rejects.toThrow(
      message
    );
    expect(fake.syncs).toBe(0);
  });

  it("reads a log in one bounded request whatever its length: no cell of it, just where it ends", async () => {
    const run = async (length: number) => {
      const fake = new FakeExcel();
      const entries = Array.from({ length }, (_, index): LoggedCheckIn => [
        D1 + (index % 60),
        `O1.KR${(index % 2) + 1}`,
        index,
        null,
        null,
        "Ann",
        `e-${index}`,
        null,
      ]);
      seedCheckInLog(fake, entries, 0);
      const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
      expect(result).toMatchObject({ row: length + 2, syncs: 3, confirmed: true });
      return fake.requests;
    };
    const short = await run(10);
    const long = await run(10_000);
    // What comes back does not grow with the log: row numbers have a few more digits, that is all.
    long.forEach((request, index) => {
      expect(request.responseBytes - short[index].responseBytes).toBeLessThanOrEqual(60);
      expect(request.bytes - short[index].bytes).toBeLessThanOrEqual(60);
    });
    expect(long[0].responseBytes).toBeLessThan(1_500);
    expect(Math.max(...long.map((request) => request.responseBytes))).toBeLessThan(3_000);
    expect(Math.max(...long.map((request) => request.bytes))).toBeLessThan(12_000);
  });

  it("makes ids of letters, digits and a hyphen, different each time", () => {
    const ids = Array.from({ length: 1000 }, () => newCheckInId());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+-[a-z0-9]{6}$/);
    expect(newCheckInId(0, (bytes) => bytes.fill(35))).toBe("0-zzzzzz");
  });

  it("round trip: recorded, corrected, withdrawn, then read back by readPlan", async () => {
    const fake = await inserted();
    const excel = { isSetSupported: modernExcel };
    await appendCheckIn(fake.context, record({ id: "a", date: D1, value: 30 }), excel);
    await appendCheckIn(
      fake.context,
      record({ id: "b", date: D1, value: 35, replaces: "a" }),
      excel
    );
    await appendCheckIn(
      fake.context,
      record({ id: "c", date: D2, keyResultId: "O1.KR2", value: "done" }),
      excel
    );
    await appendCheckIn(
      fake.context,
      record({ id: "d", date: D3, keyResultId: "O1.KR2", value: null, replaces: "c" }),
      excel
    );
    const { snapshot } = await readWorkbook(fake.context);
    expect(readPlan(snapshot).checkIns).toEqual([
      expect.objectContaining({
        date: D1,
        keyResultId: "O1.KR1",
        value: 35,
        entry: "b",
        replaces: "a",
      }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Which table is the log: by name, else the one the plan reader reads as a check-in log.

/** A sheet holding one table: its header row, then `rows`, the table over both. */
function seedLog(
  fake: FakeExcel,
  sheet: string,
  table: string,
  headers: string[],
  rows: (string | number | null)[][] = [],
  spare = 0
): void {
  fake.seedSheet(sheet, [headers, ...rows]);
  const last = Math.max(1, rows.length + spare);
  fake.seedTable(sheet, table, `A1:${cellAddress(last, headers.length - 1)}`);
}

/** Renames the seeded Check-ins sheet and its table, as a person does in Excel. */
function rename(fake: FakeExcel, sheet: string, table: string): void {
  fake.sheet(SHEETS.checkIns).name = sheet;
  fake.tables[0].sheet = sheet;
  fake.tables[0].name = table;
}

/** The check-ins readPlan reads from the fake's workbook now. */
async function readBack(fake: FakeExcel) {
  return readPlan((await readWorkbook(fake.context)).snapshot).checkIns;
}

const FIRST_SIX = CHECK_IN_HEADERS.slice(0, 6);
const writes = (fake: FakeExcel) => fake.calls.filter((call) => call.kind === "set");

describe("checkInHeaderColumns: a header row read as readPlan reads a check-in log", () => {
  it.each([
    [
      "OKR Studio's log",
      [...CHECK_IN_HEADERS],
      [
        ["Date", 0],
        ["Key Result", 1],
        ["Value", 2],
        ["Confidence", 3],
        ["Comment", 4],
        ["Author", 5],
        ["Entry", 6],
        ["Replaces", 7],
      ],
    ],
    [
      "an earlier OKR Studio's log",
      [...FIRST_SIX],
      [
        ["Date", 0],
        ["Key Result", 1],
        ["Value", 2],
        ["Confidence", 3],
        ["Comment", 4],
        ["Author", 5],
      ],
    ],
    [
      "synonyms, in another order, with a column of the person's own",
      ["KR ID", "Week", "When", "Actual", "Notes", "Who"],
      [
        ["Key Result", 0],
        ["Date", 2],
        ["Value", 3],
        ["Comment", 4],
        ["Author", 5],
      ],
    ],
    ["no Value", ["Date", "Key Result", "Comment"], null],
    ["a key-result table (it has a Target)", ["Date", "Key Result", "Value", "Target"], null],
    ["a budget", ["Item", "Cost"], null],
  ] as const)("%s", (_name, headers, expected) => {
    const columns = checkInHeaderColumns(headers);
    expect(columns === null ? null : [...columns].sort((a, b) => a[1] - b[1])).toEqual(expected);
    // readPlan finds a check-in log under this header row exactly when it gives columns.
    const found = readPlan({
      sheets: [snapshotFromGrid("Log", [[...headers], headers.map(() => "x")])],
    }).found.some((table) => table.table === "checkIns");
    expect(found).toBe(expected !== null);
  });
});

describe("appendCheckIn finds the log the plan reader reads", () => {
  it("the table and its sheet renamed: found by its header row, in two syncs more", async () => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 3);
    rename(fake, "Journal", "Log");
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result).toMatchObject({
      table: "Log",
      sheet: "Journal",
      row: 4,
      address: "A4:I4",
      entryWritten: true,
      confirmed: true,
      syncs: 5,
    });
    expect(fake.syncs).toBe(5);
    // The first request found no OkrCheckIns; the second listed the tables; nothing was written
    // before the fourth.
    expect(
      [0, 1, 2].flatMap((request) => fake.callsOf(request)).map((call) => call.kind)
    ).not.toContain("set");
    expect(fake.callsOf(1).map((call) => call.method)).toEqual(["TableCollection.load"]);
    expect(fake.sheet("Journal").cells.get("3,6")?.value).toBe("mine-1");
    expect((await readBack(fake)).map((checkIn) => checkIn.entry)).toEqual([
      "e-1",
      "e-2",
      "mine-1",
    ]);
  });

  it("the table named OkrCheckIns wins over another table with the same headers, in three syncs", async () => {
    const fake = new FakeExcel();
    seedLog(fake, "Archive", "OldLog", [...CHECK_IN_HEADERS], [[D1, "O1.KR1", 1]]);
    seedCheckInLog(fake, EARLIER, 3);
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result).toMatchObject({
      table: TABLES.checkIns,
      sheet: SHEETS.checkIns,
      row: 4,
      syncs: 3,
    });
    expect(fake.cell("Archive", "A3")).toBeUndefined();
  });

  it("columns renamed with the reader's synonyms (Comment → Notes, Author → By): written under them", async () => {
    const fake = new FakeExcel();
    const headers: string[] = [...CHECK_IN_HEADERS];
    headers[4] = "Notes";
    headers[5] = "By";
    seedLog(fake, SHEETS.checkIns, TABLES.checkIns, headers, [], 2);
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result).toMatchObject({ table: TABLES.checkIns, row: 2, entryWritten: true, syncs: 5 });
    expect(rowOf(fake, 2).values).toEqual([
      D3,
      "O1.KR1",
      70,
      0.8,
      "on track",
      "Cy",
      "mine-1",
      null,
    ]);
  });

  it("a person's own log (When, KR ID, Actual, Confidence, Comments, Who): plain rows under those headers", async () => {
    const fake = new FakeExcel();
    seedLog(
      fake,
      "Updates",
      "Table1",
      ["When", "KR ID", "Actual", "Confidence", "Comments", "Who"],
      [[D1, "O1.KR1", 50, null, "first", "Ann"]],
      4
    );
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result).toMatchObject({
      table: "Table1",
      sheet: "Updates",
      row: 3,
      entryWritten: false,
      syncs: 5,
    });
    expect(
      ["A3", "B3", "C3", "D3", "E3", "F3", "G3"].map(
        (address) => fake.cell("Updates", address)?.value ?? null
      )
    ).toEqual([D3, "O1.KR1", 70, 0.8, "on track", "Cy", null]);
    expect((await readBack(fake)).map((checkIn) => [checkIn.keyResultId, checkIn.value])).toEqual([
      ["O1.KR1", 50],
      ["O1.KR1", 70],
    ]);
  });

  it.each([
    [
      "no table at all",
      (fake: FakeExcel) => fake.seedSheet("Notes", [["x"]]),
      'This workbook has no check-in table: no table is named "OkrCheckIns", and no table\'s header row has the columns Date, Key Result and Value. Insert an OKR workbook with OKR Studio, or make your check-ins a table (Home > Format as Table) with those headers, then record the check-in again.',
      2,
    ],
    [
      "tables, none of them a check-in log",
      (fake: FakeExcel) => seedLog(fake, "Budget", "Costs", ["Item", "Cost"], [["Laptops", 1200]]),
      /^This workbook has no check-in table: no table is named "OkrCheckIns"/,
      2,
    ],
    [
      "two check-in logs, neither named OkrCheckIns",
      (fake: FakeExcel) => {
        seedLog(fake, "Team A", "LogA", [...CHECK_IN_HEADERS]);
        seedLog(fake, "Team B", "LogB", [...FIRST_SIX]);
      },
      'This workbook has 2 check-in tables and none is named "OkrCheckIns": "LogA" on sheet "Team A" and "LogB" on sheet "Team B". Name the one to record into "OkrCheckIns" (click in it, then Table Design > Table Name), then record the check-in again.',
      2,
    ],
    [
      "OkrCheckIns without Confidence and Comment",
      (fake: FakeExcel) =>
        seedLog(fake, SHEETS.checkIns, TABLES.checkIns, [
          "Date",
          "Key Result",
          "Value",
          "Author",
          "Entry",
          "Replaces",
          "Valid",
        ]),
      'The check-in table "OkrCheckIns" on sheet "Check-ins" has no columns Confidence and Comment. Add them to the table (type each header in the cell right of the table\'s header row, and Excel takes the column in), then record the check-in again.',
      2,
    ],
    [
      "OkrCheckIns with Entry and Replaces but no Valid",
      (fake: FakeExcel) =>
        seedLog(fake, SHEETS.checkIns, TABLES.checkIns, CHECK_IN_HEADERS.slice(0, 8)),
      'The check-in table "OkrCheckIns" on sheet "Check-ins" has Entry and Replaces but no column Valid, which corrections need. Put it back (undo the change, or copy it from a workbook OKR Studio inserts), then record the check-in again.',
      2,
    ],
  ])("refuses before writing anything: %s", async (_name, seed, message, syncs) => {
    const fake = new FakeExcel();
    seed(fake);
    const error = await appendCheckIn(fake.context, record(), {
      isSetSupported: modernExcel,
    }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    if (typeof message === "string") expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect(fake.syncs).toBe(syncs);
    expect(writes(fake)).toEqual([]);
  });
});

describe("appendCheckIn into a log made by an earlier OKR Studio (Date … Author, no Entry, Replaces, Valid)", () => {
  const earlierLog = (fake: FakeExcel, spare: number) =>
    seedLog(
      fake,
      SHEETS.checkIns,
      TABLES.checkIns,
      [...FIRST_SIX],
      [[D1, "O1.KR1", 50, 0.6, "first", "Ann"]],
      spare
    );

  it("takes a plain row in the table's first empty row, in three syncs, read back by its cells", async () => {
    const fake = new FakeExcel();
    earlierLog(fake, 3);
    const result = await appendCheckIn(fake.context, record({ comment: "=not a formula" }), {
      isSetSupported: modernExcel,
    });
    expect(result).toMatchObject({
      entryWritten: false,
      row: 3,
      address: "A3:F3",
      confirmed: true,
      moved: 0,
      grewTable: false,
      syncs: 3,
    });
    expect(rowOf(fake, 3)).toEqual({
      values: [D3, "O1.KR1", 70, 0.8, "=not a formula", "Cy", null, null],
      valid: null,
    });
    // The read-back read the row's cells: there is no id to read.
    expect(
      fake
        .callsOf(2)
        .filter((call) => call.method === "Worksheet.getRange")
        .map((call) => call.args)
    ).toEqual([["A3:F3"]]);
    expect(
      (await readBack(fake)).map((checkIn) => [checkIn.date, checkIn.value, checkIn.entry])
    ).toEqual([
      [D1, 50, undefined],
      [D3, 70, undefined],
    ]);
  });

  it("a full table: the row goes under it, and the table grows where Table.resize is there", async () => {
    const fake = new FakeExcel();
    earlierLog(fake, 0);
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result).toMatchObject({ row: 3, grewTable: true, syncs: 3 });
    expect(fake.tables[0].range).toEqual({ startRow: 0, startColumn: 0, endRow: 2, endColumn: 5 });
  });

  it.each([
    ["a correction", record({ replaces: "e-1" })],
    ["a withdrawal", record({ value: null, replaces: "e-1" })],
  ])("refuses %s after one sync, saying why and what to do instead", async (_name, bad) => {
    const fake = new FakeExcel();
    earlierLog(fake, 3);
    await expect(appendCheckIn(fake.context, bad, { isSetSupported: modernExcel })).rejects.toThrow(
      'The check-in table "OkrCheckIns" on sheet "Check-ins" was made by an earlier OKR Studio: it has no Entry, Replaces and Valid columns, and its Scorecard does not read them, so a check-in cannot correct or withdraw another there. Edit that check-in\'s row on the sheet itself, or insert a new OKR workbook and copy the check-ins into it.'
    );
    expect(fake.syncs).toBe(1);
    expect(writes(fake)).toEqual([]);
  });
});

describe("appendCheckIn at a full table: what is under it is never written over", () => {
  it.each([
    [
      "a note right under the table",
      "A4",
      "Totals are on the Dashboard",
      '"Totals are on the Dashboard"',
    ],
    ["a number under the Valid column", "I4", 12, '"12"'],
  ])(
    "%s: refused, naming the cell, with Table.resize or without",
    async (_name, address, typed, shownText) => {
      for (const excel of [modernExcel, excelUpTo("1.12")]) {
        const fake = new FakeExcel();
        seedCheckInLog(fake, EARLIER, 0);
        type(fake, SHEETS.checkIns, address, typed);
        await expect(
          appendCheckIn(fake.context, record(), { isSetSupported: excel })
        ).rejects.toThrow(
          `The check-in table "OkrCheckIns" on sheet "Check-ins" is full, and the row under it holds something that is not a check-in (cell ${address}: ${shownText}), which a check-in must not write over or take into the table. Insert an empty row above row 4 (right-click the row number > Insert), or move what is there, then record the check-in again.`
        );
        expect(fake.syncs).toBe(1);
        expect(writes(fake)).toEqual([]);
        expect(fake.cell(SHEETS.checkIns, address)?.value).toBe(typed);
        expect(fake.tables[0].range.endRow).toBe(2);
      }
    }
  );

  it("an empty row, then a note: the empty row is taken (the table grows over it alone); the next check-in is refused", async () => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 0);
    type(fake, SHEETS.checkIns, "B5", "Notes: see the review");
    const first = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(first).toMatchObject({ row: 4, grewTable: true, syncs: 3 });
    expect(fake.tables[0].range.endRow).toBe(3);
    await expect(
      appendCheckIn(fake.context, record({ id: "mine-2" }), { isSetSupported: modernExcel })
    ).rejects.toThrow(
      /is full, and the row under it holds something that is not a check-in \(cell B5: "Notes: see the review"\)/
    );
    expect(fake.cell(SHEETS.checkIns, "B5")?.value).toBe("Notes: see the review");
    expect(fake.tables[0].range.endRow).toBe(3);
  });

  it("check-ins under it, written by an Excel without Table.resize: the log goes on after them, the table is not grown over them", async () => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 0);
    const older = { isSetSupported: excelUpTo("1.12") };
    await appendCheckIn(fake.context, record({ id: "old-1" }), older);
    await appendCheckIn(fake.context, record({ id: "old-2" }), older);
    expect(fake.tables[0].range.endRow).toBe(2);
    const result = await appendCheckIn(fake.context, record({ id: "new-1" }), {
      isSetSupported: modernExcel,
    });
    expect(result).toMatchObject({ row: 6, grewTable: false, syncs: 3 });
    expect([4, 5, 6].map((row) => rowOf(fake, row).values[6])).toEqual(["old-1", "old-2", "new-1"]);
    expect(fake.tables[0].range.endRow).toBe(2);
    // The reader reads on under the table, and the Scorecard's formulas read whole columns.
    expect((await readBack(fake)).map((checkIn) => checkIn.entry)).toEqual([
      "e-1",
      "e-2",
      "old-1",
      "old-2",
      "new-1",
    ]);
  });
});
