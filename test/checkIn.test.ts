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
import { buildWorkbook, checkInValidFormula } from "../src/sheets/build";
import { CHECK_IN_HEADERS, SHEETS, TABLES } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import type { CellContent, FormulaStyle, WorkbookSpec } from "../src/sheets/spec";
import { cellAddress } from "../src/sheets/spec";
import { FakeExcel, parseAddress, seedCheckInLog, type LoggedCheckIn } from "./support/fakeExcel";

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

  it("has the first six columns where they were, then Entry, Replaces and Valid", () => {
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
      ].map((header) => ({ kind: "text", text: header }))
    );
    expect(log.tables).toEqual([
      {
        name: TABLES.checkIns,
        range: { startRow: 0, startColumn: 0, endRow: 20, endColumn: 8 },
        style: expect.any(String),
      },
    ]);
  });

  it("puts the Valid formula on every row of the table, and nothing else", () => {
    const body = log.cells.filter((cell) => cell.row > 0);
    expect(body.map((cell) => [cell.row, cell.column])).toEqual(
      Array.from({ length: 20 }, (_, index) => [index + 1, 8])
    );
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
      const log = snapshot.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!;
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
        sheet: SHEETS.checkIns,
        row: 2,
        address: "A2:I2",
        confirmed: true,
        moved: 0,
        grewTable: false,
        syncs: 3,
      },
      expect.objectContaining({ id: "mine-2", row: 3, confirmed: true, syncs: 3 }),
    ]);
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

  it.each([
    ["a comment typed alone in the table's next row", "E4", 5],
    ["an author typed in a later row of the table", "F6", 7],
    ["a row typed below the table", "B9", 10],
    ["a value typed far below the table", "C40", 41],
  ])("writes over nothing: %s", async (_name, address, row) => {
    const fake = new FakeExcel();
    seedCheckInLog(fake, EARLIER, 5);
    const { startRow, startColumn } = parseAddress(address);
    fake.sheet(SHEETS.checkIns).cells.set(`${startRow},${startColumn}`, {
      value: "typed",
      formula: null,
      written: "typed",
      quotePrefix: false,
      numberFormat: null,
      format: {},
    });
    const result = await appendCheckIn(fake.context, record(), { isSetSupported: modernExcel });
    expect(result.row).toBe(row);
    expect(fake.cell(SHEETS.checkIns, address)?.value).toBe("typed");
    expect(result.moved).toBe(0);
  });

  it("writes into a renamed table on a renamed sheet", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Check-ins (2)", [[...CHECK_IN_HEADERS]]);
    fake.seedTable("Check-ins (2)", "OkrCheckIns2", "A1:I2");
    const result = await appendCheckIn(fake.context, record(), {
      isSetSupported: modernExcel,
      table: "OkrCheckIns2",
    });
    expect(result).toMatchObject({ sheet: "Check-ins (2)", address: "A2:I2" });
    expect(fake.cell("Check-ins (2)", "G2")?.value).toBe("mine-1");
  });

  it.each([
    [
      "no check-in table",
      (fake: FakeExcel) => fake.seedSheet("Other", [["x"]]),
      /no check-in table "OkrCheckIns"/,
    ],
    [
      "a log made before check-ins had ids",
      (fake: FakeExcel) => {
        fake.seedSheet(SHEETS.checkIns, [[...CHECK_IN_HEADERS.slice(0, 6)], [D1, "O1.KR1", 5]]);
        fake.seedTable(SHEETS.checkIns, TABLES.checkIns, "A1:F2");
      },
      /has no column Entry, Replaces, Valid: it was made before check-ins had ids/,
    ],
  ])("refuses, after one read and before writing: %s", async (_name, seed, message) => {
    const fake = new FakeExcel();
    seed(fake);
    await expect(
      appendCheckIn(fake.context, record(), { isSetSupported: modernExcel })
    ).rejects.toThrow(message);
    expect(fake.syncs).toBe(1);
    expect(fake.calls.filter((call) => call.kind === "set")).toEqual([]);
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
