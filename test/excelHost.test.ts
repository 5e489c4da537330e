import { blocksOf, rectanglesOf } from "../src/hosts/excel/blocks";
import { fillKey, fillRuns } from "../src/hosts/excel/fill";
import {
  cellText,
  columnWidthPoints,
  insertWorkbook,
  planNames,
  READ_CELL_BUDGET,
  readWorkbook,
  rewriteFormula,
  select,
  uniqueName,
  uniqueSheetName,
  WRITE_BUDGET_BYTES,
  type InsertResult,
  type RequirementChecker,
} from "../src/hosts/excel";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import {
  KEY_RESULT_HEADERS,
  KEY_RESULT_HELPER_HEADERS,
  LAYOUT_VERSION,
  layoutMark,
  MARK_NAMES,
  NAMES,
  SHEETS,
  TABLES,
} from "../src/sheets/layout";
import type { CellContent, SheetSpec, WorkbookSpec } from "../src/sheets/spec";
import { cellAddress } from "../src/sheets/spec";
import { FakeExcel, FakeOfficeError, parseAddress, planWithKeyResults } from "./support/fakeExcel";
import { sheetSpec } from "./support/handSpecs";
import { DIRECT_AREA } from "../src/hosts/excel/snapshot";
import { formulaAt, valueAt } from "../src/sheets/snapshot";
import { gridOf } from "./support/snapshotGrid";

/** Excel on the web's limit on one request. */
const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

/** An Excel that supports every ExcelApi version up to `newest` ("1.0" for none). */
function excelUpTo(newest: string): RequirementChecker {
  const [major, minor] = newest.split(".").map(Number);
  return (set, version) => {
    const [vMajor, vMinor] = version.split(".").map(Number);
    return set === "ExcelApi" && (vMajor < major || (vMajor === major && vMinor <= minor));
  };
}
const modernExcel = excelUpTo("1.20");

const text = (value: string): CellContent => ({ kind: "text", text: value });
const formula = (value: string): CellContent => ({ kind: "formula", formula: value });
const number = (value: number): CellContent => ({ kind: "number", value });

const sheet = sheetSpec;

function spec(sheets: SheetSpec[], extra: Partial<WorkbookSpec> = {}): WorkbookSpec {
  return { style: "portable", sheets, names: [], styles: {}, ...extra };
}

const specs = new Map<string, WorkbookSpec>();
/** Real specs from the builder, made once: the template and generated plans. */
function realSpec(name: "template" | "template-functions" | "25" | "2000"): WorkbookSpec {
  if (!specs.has(name)) {
    const plan =
      name === "25" || name === "2000"
        ? planWithKeyResults(Number(name))
        : instantiate(templateById("predictive-analytics")!);
    specs.set(
      name,
      buildWorkbook(plan, { style: name === "template-functions" ? "functions" : "portable" })
    );
  }
  return specs.get(name)!;
}

let shared2000: Promise<{ fake: FakeExcel; result: InsertResult }> | undefined;
/** The 2,000-key-result insert, made once and only read by the tests that share it. */
function inserted2000(): Promise<{ fake: FakeExcel; result: InsertResult }> {
  shared2000 ??= insert(realSpec("2000"));
  return shared2000;
}

async function insert(
  workbookSpec: WorkbookSpec,
  fake = new FakeExcel(),
  options: Parameters<typeof insertWorkbook>[2] = { isSetSupported: modernExcel }
): Promise<{ fake: FakeExcel; result: InsertResult }> {
  const result = await insertWorkbook(fake.context, workbookSpec, options);
  return { fake, result };
}

/** Every cell of the spec, as the fake workbook holds it after the insert. */
function expectWritten(fake: FakeExcel, workbookSpec: WorkbookSpec, result: InsertResult): void {
  const mismatches: string[] = [];
  for (const sheetSpec of workbookSpec.sheets) {
    const actual = fake.sheet(result.sheets[sheetSpec.name]);
    for (const { row, column, content } of sheetSpec.cells) {
      const cell = actual.cells.get(`${row},${column}`);
      const where = `${actual.name}!${cellAddress(row, column)}`;
      const expected =
        content.kind === "formula"
          ? { formula: rewriteFormula(content.formula, result), value: null }
          : {
              formula: null,
              value:
                content.kind === "text"
                  ? content.text === ""
                    ? null
                    : content.text
                  : content.kind === "date"
                    ? content.serial
                    : content.value,
            };
      if (
        cell?.formula !== expected.formula ||
        (content.kind !== "formula" && cell?.value !== expected.value)
      )
        mismatches.push(
          `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(cell && { formula: cell.formula, value: cell.value })}`
        );
    }
  }
  expect(mismatches.slice(0, 5)).toEqual([]);
}

describe("names that never clash", () => {
  const taken = (...names: string[]) => new Set(names.map((name) => name.toUpperCase()));
  it.each([
    ["a free name is kept", "Scorecard", taken("Sheet1"), "Scorecard"],
    ["a taken one gets (2)", "Scorecard", taken("Scorecard"), "Scorecard (2)"],
    ["case does not matter to Excel", "Scorecard", taken("SCORECARD"), "Scorecard (2)"],
    ["(2) taken too gives (3)", "Scorecard", taken("Scorecard", "Scorecard (2)"), "Scorecard (3)"],
    [
      "cut to 31 characters",
      "A sheet name of thirty-one char",
      taken("A sheet name of thirty-one char"),
      "A sheet name of thirty-one (2)",
    ],
  ])("sheet: %s", (_, wanted, existing, expected) => {
    const name = uniqueSheetName(wanted, existing);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(31);
  });

  it.each([
    ["a free name is kept", "OkrKeyResults", taken(), "OkrKeyResults"],
    ["a taken one gets 2", "OkrKeyResults", taken("okrkeyresults"), "OkrKeyResults2"],
    ["then 3", "OKR_RED_BELOW", taken("OKR_RED_BELOW", "OKR_RED_BELOW2"), "OKR_RED_BELOW3"],
  ])("table or defined name: %s", (_, wanted, existing, expected) => {
    expect(uniqueName(wanted, existing)).toBe(expected);
  });

  it("tables and defined names share one namespace, within the spec too", () => {
    const plan = planNames(
      {
        sheets: ["Scorecard", "Scorecard"],
        tables: ["OkrCheckIns", "OkrStale"],
        names: ["OkrStale"],
      },
      { sheets: ["Scorecard"], tables: [], names: ["OkrCheckIns"] }
    );
    expect(plan.tables).toEqual({ OkrCheckIns: "OkrCheckIns2", OkrStale: "OkrStale" });
    expect(plan.names).toEqual({ OkrStale: "OkrStale2" });
  });

  const renamed = {
    sheets: { Scorecard: "Scorecard (2)", "OKR Plan": "OKR Plan (2)", Dashboard: "Dashboard" },
    names: { OKR_RED_BELOW: "OKR_RED_BELOW2" },
    tables: { OkrKeyResults: "OkrKeyResults3" },
  };
  it.each([
    ["a bare sheet reference", "=Scorecard!A1+1", "='Scorecard (2)'!A1+1"],
    ["a quoted sheet reference", "=SUM('OKR Plan'!$B$2:$B$9)", "=SUM('OKR Plan (2)'!$B$2:$B$9)"],
    ["case-insensitively", "=scorecard!A1", "='Scorecard (2)'!A1"],
    ["a sheet kept as it was", "=Dashboard!A1", "=Dashboard!A1"],
    ["a defined name", "=IF(A1<OKR_RED_BELOW,1,0)", "=IF(A1<OKR_RED_BELOW2,1,0)"],
    [
      "not a longer name containing it",
      "=OKR_RED_BELOW_X+OKR_RED_BELOWX",
      "=OKR_RED_BELOW_X+OKR_RED_BELOWX",
    ],
    [
      "not a string literal",
      '="Scorecard!A1 and OKR_RED_BELOW"',
      '="Scorecard!A1 and OKR_RED_BELOW"',
    ],
    ["not a function name", "=OKR.SCORE(Scorecard!G2:G9)", "=OKR.SCORE('Scorecard (2)'!G2:G9)"],
    ["not a sheet-scoped name", "=Dashboard!OKR_RED_BELOW", "=Dashboard!OKR_RED_BELOW"],
    ["a table name", "=SUM(OkrKeyResults[Score])", "=SUM(OkrKeyResults3[Score])"],
    [
      "quotes inside strings",
      '="it""s Scorecard!A1"&Scorecard!A1',
      '="it""s Scorecard!A1"&\'Scorecard (2)\'!A1',
    ],
  ])("rewrites %s", (_, before, after) => {
    expect(rewriteFormula(before, renamed)).toBe(after);
  });
});

describe("text that can never become a formula", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+1 new customers", "'+1 new customers"],
    ["-1 if late", "'-1 if late"],
    ["@lead", "'@lead"],
    ["'quoted", "''quoted"],
    ["2026-01-15", "'2026-01-15"],
    ["85%", "'85%"],
    ["TRUE", "'TRUE"],
    ["#N/A", "'#N/A"],
    ["Jan 2026", "'Jan 2026"],
    ["Key result 1", "Key result 1"],
    ["2026-Q1 plan", "'2026-Q1 plan"],
    ["Q1 2026", "Q1 2026"],
    ["", ""],
  ])("%j is written as %j", (input, written) => {
    expect(cellText(input)).toBe(written);
  });
});

describe("blocks", () => {
  const cells = (positions: [number, number][]) =>
    positions.map(([row, column]) => ({ row, column, item: `${row}.${column}` }));

  it("a filled rectangle is one block; gaps are nulls", () => {
    const blocks = blocksOf(
      cells([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
        [2, 0],
      ]),
      (item) => item.length + 2,
      1e6
    );
    expect(blocks).toEqual([
      {
        range: { startRow: 0, startColumn: 0, endRow: 2, endColumn: 1 },
        items: [
          ["0.0", "0.1"],
          ["1.0", "1.1"],
          ["2.0", null],
        ],
      },
    ]);
  });

  it("far-apart cells are separate blocks rather than a sea of nulls", () => {
    const blocks = blocksOf(
      cells([
        [0, 0],
        [500, 200],
      ]),
      () => 5,
      1e6
    );
    expect(blocks.map((block) => block.range)).toEqual([
      { startRow: 0, startColumn: 0, endRow: 0, endColumn: 0 },
      { startRow: 500, startColumn: 200, endRow: 500, endColumn: 200 },
    ]);
  });

  it("a block stays within the byte budget, by rows and within a row", () => {
    const many = cells(
      Array.from({ length: 1000 }, (_, i) => [Math.floor(i / 10), i % 10] as [number, number])
    );
    const blocks = blocksOf(many, () => 100, 20_000);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks)
      expect(JSON.stringify(block.items).length).toBeLessThanOrEqual(20_000);
    expect(
      blocks.flatMap((block) => block.items.flat()).filter((item) => item !== null)
    ).toHaveLength(1000);
    const wide = blocksOf(
      cells(Array.from({ length: 50 }, (_, i) => [0, i] as [number, number])),
      () => 100,
      1_000
    );
    expect(wide.length).toBeGreaterThan(1);
    for (const block of wide) expect(block.range.startRow).toBe(0);
  });

  it("rectangles cover exactly the cells", () => {
    const positions = [
      { row: 0, column: 0 },
      { row: 0, column: 1 },
      { row: 1, column: 0 },
      { row: 1, column: 1 },
      { row: 1, column: 3 },
      { row: 2, column: 3 },
    ];
    expect(rectanglesOf(positions)).toEqual([
      { startRow: 0, startColumn: 0, endRow: 1, endColumn: 1 },
      { startRow: 1, startColumn: 3, endRow: 2, endColumn: 3 },
    ]);
  });

  it("column widths in characters become points (Excel's default 8.43 is 48 pt)", () => {
    expect(columnWidthPoints(8.43)).toBe(48);
  });
});

describe("formula columns written as one filled row", () => {
  it.each([
    ["relative rows move with the row", "=$G6*2+H6", 5, "=$G7*2+H7", 6, true],
    ["absolute rows stay", "=$B$18+G6", 5, "=$B$18+G7", 6, true],
    ["a different absolute row is a different formula", "=$B$18+G6", 5, "=$B$19+G7", 6, false],
    ["strings are not references", '=IF(G6="A1",1,0)', 5, '=IF(G7="A2",1,0)', 6, false],
    ["quoted sheet names are not references", "='Q1 2026'!A6", 5, "='Q1 2026'!A7", 6, true],
    ["functions with digits are not references", "=LOG10(G6)", 5, "=LOG10(G7)", 6, true],
    ["a per-row constant breaks the fill", '=IF($O6="",35,1)', 5, '=IF($O7="",7,1)', 6, false],
  ])("%s", (_, first, firstRow, second, secondRow, same) => {
    expect(fillKey(first, firstRow) === fillKey(second, secondRow)).toBe(same);
  });

  it("a whole-row reference is never filled", () => {
    expect(fillKey("=SUM(2:2)", 1)).toBeNull();
  });

  it("runs of three or more rows, merged across columns with the same rows", () => {
    const cells = [5, 6, 7, 8].flatMap((row) => [
      { row, column: 9, formula: `=G${row + 1}/H${row + 1}` },
      { row, column: 10, formula: `=MIN(1,J${row + 1})` },
      { row, column: 12, formula: `=${row}` },
    ]);
    expect(fillRuns(cells)).toEqual([{ startRow: 5, startColumn: 9, endRow: 8, endColumn: 10 }]);
  });
});

describe("the recording fake enforces Office's rules", () => {
  it("a property must be loaded, then synced, before it is read; load() needs names", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Data", [[1]]);
    const sheets = fake.context.workbook.worksheets;
    expect(() => sheets.items).toThrow(FakeOfficeError);
    expect(() => sheets.load()).toThrow(/name the properties/);
    sheets.load("items/name");
    expect(() => sheets.items).toThrow(/sync/);
    await fake.context.sync();
    expect(sheets.items.map((item) => item.name)).toEqual(["Data"]);
    expect(() => sheets.items[0].visibility).toThrow(/not available/);
  });

  it("isNullObject is known only after a sync", async () => {
    const { context } = new FakeExcel();
    const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
    // Reading too early on purpose: the fake must refuse, as Office does.
    // eslint-disable-next-line office-addins/call-sync-before-read
    expect(() => missing.isNullObject).toThrow(/after context.sync/);
    await context.sync();
    expect(missing.isNullObject).toBe(true);
  });

  it("a write is applied at the sync, with arrays the size of their range", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Data");
    const range = fake.context.workbook.worksheets.getItem("Data").getRange("A1:B1");
    range.values = [["x", 2]];
    expect(fake.cell("Data", "A1")).toBeUndefined();
    await fake.context.sync();
    expect(fake.cell("Data", "B1")?.value).toBe(2);
    range.values = [["too short"]];
    await expect(fake.context.sync()).rejects.toThrow(/does not match/);
  });

  it.each([
    ["=A1+1", { formula: "=A1+1", value: null }],
    ["+A1", { formula: "=+A1", value: null }],
    ["42", { formula: null, value: 42 }],
    ["85%", { formula: null, value: 0.85 }],
    ["TRUE", { formula: null, value: true }],
    ["'=A1", { formula: null, value: "=A1" }],
    ["plain", { formula: null, value: "plain" }],
  ])("reads %j written to values as Excel would", async (input, expected) => {
    const fake = new FakeExcel();
    fake.seedSheet("Data");
    fake.context.workbook.worksheets.getItem("Data").getRange("A1").values = [[input]];
    await fake.context.sync();
    expect(fake.cell("Data", "A1")).toMatchObject(expected);
  });

  it("refuses a request or a response over its payload limit, as Excel on the web does", async () => {
    const fake = new FakeExcel(10_000);
    fake.seedSheet("Data", [["x".repeat(20_000)]]);
    const data = fake.context.workbook.worksheets.getItem("Data");
    data.getRange("A1").load("values");
    await expect(fake.context.sync()).rejects.toThrow("ResponsePayloadSizeLimitExceeded");
    data.getRange("A1").values = [["y".repeat(20_000)]];
    await expect(fake.context.sync()).rejects.toThrow("RequestPayloadSizeLimitExceeded");
    expect(fake.cell("Data", "A1")?.value).toHaveLength(20_000);
    expect(fake.cell("Data", "A1")?.value).toMatch(/^x/);
  });
});

describe("insertWorkbook", () => {
  it.each([
    ["the predictive-analytics template", "template"],
    ["the template in the OKR-functions style", "template-functions"],
    ["a 25-key-result plan", "25"],
    ["a 2,000-key-result plan", "2000"],
  ] as const)("writes %s in at most two syncs, every cell as the spec says", async (_, name) => {
    const workbookSpec = realSpec(name);
    const { fake, result } = name === "2000" ? await inserted2000() : await insert(workbookSpec);
    expect(fake.syncs).toBeLessThanOrEqual(2);
    expect(result.syncs).toBe(fake.syncs);
    expectWritten(fake, workbookSpec, result);
    expect(fake.activeSheet).toBe(SHEETS.scorecard);
    expect(fake.tables.map((table) => table.name).sort()).toEqual(Object.values(TABLES).sort());
    expect(fake.names.map((item) => item.name).sort()).toEqual(
      [...Object.values(NAMES), ...Object.values(MARK_NAMES)].sort()
    );
  });

  it.each([
    ["portable", "template"],
    ["functions", "template-functions"],
  ] as const)(
    "marks the workbook with its layout version and the %s style in hidden names, repeats each table's header row on every printed page and fits the rows with wrapped text, in the same two syncs",
    async (style, name) => {
      const workbookSpec = realSpec(name);
      expect(workbookSpec.sheets.filter((each) => (each.rows ?? []).length > 0)).not.toEqual([]);
      const { fake, result } = await insert(workbookSpec);
      expect(result.syncs).toBe(2);
      const marks = fake.names.filter((item) =>
        (Object.values(MARK_NAMES) as string[]).includes(item.name)
      );
      expect(marks.map((item) => item.visible)).toEqual([false, false]);
      expect(layoutMark(fake.names)).toEqual({ version: LAYOUT_VERSION, style });
      // Only the mark is hidden: the thresholds are names people use.
      expect(fake.names.filter((item) => item.visible === false)).toHaveLength(2);
      for (const sheetSpec of workbookSpec.sheets) {
        const written = fake.sheet(result.sheets[sheetSpec.name]);
        const titles = sheetSpec.print.titleRows;
        expect({ sheet: sheetSpec.name, titles: written.pageLayout.printTitleRows }).toEqual({
          sheet: sheetSpec.name,
          titles: titles && `$${titles.first + 1}:$${titles.last + 1}`,
        });
        expect({ sheet: sheetSpec.name, fitted: written.fittedRows }).toEqual({
          sheet: sheetSpec.name,
          fitted: (sheetSpec.rows ?? []).map((row) => row.index),
        });
      }
      // The rows are fitted, never set to the builder's estimate.
      expect(fake.calls.some((call) => call.method === "Range.format.rowHeight")).toBe(false);
    }
  );

  it("inserts a plan of 2,000 key results in exactly two syncs (one read, one write)", async () => {
    const { fake, result } = await inserted2000();
    expect(fake.syncs).toBe(2);
    expect(result.writeRequests).toBe(1);
  });

  it("keeps every request of the 2,000-key-result plan under Excel on the web's 5 MB, and says how large", async () => {
    const { fake, result } = await inserted2000();
    const largest = Math.max(...fake.requests.slice(0, 2).map((request) => request.bytes));
    expect(largest).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
    expect(result.largestPayloadBytes).toBeLessThanOrEqual(WRITE_BUDGET_BYTES);
    // The host's own estimate tracks what the fake measures, or the budget would mean nothing.
    expect(result.largestPayloadBytes / largest).toBeGreaterThan(0.8);
    expect(result.largestPayloadBytes / largest).toBeLessThan(1.5);
  });

  it("writes values, names, formulas, formats, then tables over the data, then the rest; suspended", async () => {
    const { fake } = await insert(realSpec("25"));
    const write = fake.callsOf(1).map((call) => call.method);
    const first = (method: string) => write.indexOf(method);
    const last = (method: string) => write.lastIndexOf(method);
    expect(write.slice(0, 2).sort()).toEqual([
      "Application.suspendApiCalculationUntilNextSync",
      "Application.suspendScreenUpdatingUntilNextSync",
    ]);
    expect(last("WorksheetCollection.add")).toBeLessThan(first("Worksheet.getRange"));
    expect(last("Range.values")).toBeLessThan(first("Range.formulas"));
    expect(last("Range.formulas")).toBeLessThan(first("Range.numberFormat"));
    expect(last("Range.formulas")).toBeLessThan(first("Range.format.font.bold"));
    for (const format of [
      "Range.numberFormat",
      "Range.format.fill.color",
      "Range.format.columnWidth",
      "WorksheetFreezePanes.freezeRows",
    ])
      expect(last(format)).toBeLessThan(first("Worksheet.tables.add"));
    expect(last("Worksheet.tables.add")).toBeLessThan(first("Range.dataValidation.rule"));
    expect(last("Range.dataValidation.rule")).toBeLessThan(
      first("ConditionalFormatCollection.add")
    );
    // Defined names come before the formulas that use them.
    expect(last("Range.values")).toBeLessThan(first("NamedItemCollection.add"));
    expect(last("NamedItemCollection.add")).toBeLessThan(first("Range.formulas"));
    expect(last("ConditionalFormatCollection.add")).toBeLessThan(first("PageLayout.orientation"));
    expect(write[write.length - 1]).toBe("Worksheet.activate");
    // The tables were made over headers already written, so Excel kept them.
    expect(fake.tables.find((table) => table.name === TABLES.keyResults)?.headers).toEqual([
      ...KEY_RESULT_HEADERS,
      ...KEY_RESULT_HELPER_HEADERS,
    ]);
  });

  it("reads only names, with named properties, in the first sync", async () => {
    const { fake } = await insert(realSpec("25"));
    expect(fake.callsOf(0).map((call) => [call.method, call.args[0]])).toEqual([
      ["WorksheetCollection.load", "items/name"],
      ["TableCollection.load", "items/name"],
      ["NamedItemCollection.load", "items/name"],
    ]);
  });

  it("writes whole blocks, not cell by cell", async () => {
    const workbookSpec = realSpec("2000");
    const { fake } = await inserted2000();
    const cells = workbookSpec.sheets.reduce((sum, sheetSpec) => sum + sheetSpec.cells.length, 0);
    expect(fake.callsOf(1).length).toBeLessThan(cells / 20);
  });

  it("leaves an existing Scorecard alone and writes 'Scorecard (2)', formulas following it", async () => {
    const fake = new FakeExcel();
    fake.seedSheet(
      SHEETS.scorecard,
      [
        ["Mine", 42],
        ["=B1*2", null],
      ],
      {
        results: [
          [null, null],
          [84, null],
        ],
      }
    );
    const before = structuredClone([...fake.sheet(SHEETS.scorecard).cells]);
    const workbookSpec = realSpec("25");
    const { result } = await insert(workbookSpec, fake);
    expect(result.sheets[SHEETS.scorecard]).toBe("Scorecard (2)");
    expect(result.activeSheet).toBe("Scorecard (2)");
    expect(fake.activeSheet).toBe("Scorecard (2)");
    expect([...fake.sheet(SHEETS.scorecard).cells]).toEqual(before);
    const title = workbookSpec.sheets
      .find((s) => s.name === SHEETS.scorecard)!
      .cells.find((c) => c.row === 0 && c.column === 0)!.content;
    expect(fake.cell("Scorecard (2)", "A1")?.value).toBe(title.kind === "text" ? title.text : "");
    const referring = fake.sheets
      .flatMap((s) => [...s.cells.values()])
      .map((cell) => cell.formula ?? "")
      .filter((f) => /Scorecard/i.test(f));
    expect(referring.length).toBeGreaterThan(0);
    // Every reference now names the new sheet; none the old one, bare or quoted.
    expect(referring.filter((f) => /Scorecard'?!/.test(f))).toEqual([]);
    expectWritten(fake, workbookSpec, result);
  });

  it("renames clashing tables and defined names, and the formulas that use the names", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Data", [["x"]]);
    fake.seedTable("Data", TABLES.keyResults, "A1:A1");
    fake.seedName(NAMES.redBelow, "=0.5");
    fake.seedName(TABLES.checkIns, "=Data!$A$1");
    const workbookSpec = realSpec("25");
    const { result } = await insert(workbookSpec, fake);
    expect(result.tables[TABLES.keyResults]).toBe("OkrKeyResults2");
    expect(result.tables[TABLES.checkIns]).toBe("OkrCheckIns2");
    expect(result.names[NAMES.redBelow]).toBe("OKR_RED_BELOW2");
    expect(fake.names.find((n) => n.name === NAMES.redBelow)?.formula).toBe("=0.5");
    expect(fake.tables.find((t) => t.name === TABLES.keyResults)?.sheet).toBe("Data");
    const formulas = fake.sheets
      .flatMap((s) => [...s.cells.values()])
      .map((cell) => cell.formula ?? "");
    const usesName = (name: string) =>
      formulas.filter((f) => new RegExp(`\\b${name}\\b`).test(f)).length;
    const specUses = workbookSpec.sheets
      .flatMap((s) => s.cells)
      .filter(
        (c) => c.content.kind === "formula" && /\bOKR_RED_BELOW\b/.test(c.content.formula)
      ).length;
    expect(usesName("OKR_RED_BELOW2")).toBe(specUses);
    expect(usesName("OKR_RED_BELOW")).toBe(0);
    expectWritten(fake, workbookSpec, result);
  });

  it("escapes user text so that it stays text", async () => {
    const dangerous = [
      '=HYPERLINK("http://evil.example","click")',
      "+1 new",
      "-5 pts",
      "@lead",
      "'quoted",
      "2026-01-15",
    ];
    const workbookSpec = spec([
      sheet(SHEETS.scorecard, {
        cells: dangerous.map((value, row) => ({ row, column: 0, content: text(value) })),
      }),
    ]);
    const { fake } = await insert(workbookSpec);
    dangerous.forEach((value, row) => {
      const cell = fake.cell(SHEETS.scorecard, `A${row + 1}`)!;
      expect({ written: cell.written, value: cell.value, formula: cell.formula }).toEqual({
        written: `'${value}`,
        value,
        formula: null,
      });
    });
    // The plan's own texts that look like formulas (objective titles, owners, notes) too.
    const { fake: planFake } = await insert(realSpec("25"));
    const written = planFake.sheets.flatMap((s) => [...s.cells.values()]);
    expect(
      written.some((cell) => cell.written === `'=HYPERLINK("http://example.com","Objective 4")`)
    ).toBe(true);
    expect(written.some((cell) => cell.value === "@lead" && cell.formula === null)).toBe(true);
  });

  it("splits the write into more requests only past the budget, with the same result", async () => {
    const workbookSpec = realSpec("25");
    const { fake: whole } = await insert(workbookSpec);
    const { fake: split, result } = await insert(workbookSpec, new FakeExcel(), {
      isSetSupported: modernExcel,
      budgetBytes: 40_000,
    });
    expect(result.writeRequests).toBeGreaterThan(2);
    expect(split.syncs).toBe(1 + result.writeRequests);
    for (const request of split.requests.slice(1)) expect(request.bytes).toBeLessThan(40_000 * 1.2);
    // Suspension lasts one sync, so every request suspends again.
    expect(
      split.calls.filter((call) => call.method === "Application.suspendApiCalculationUntilNextSync")
    ).toHaveLength(result.writeRequests);
    for (const sheetModel of whole.sheets) expect(split.sheet(sheetModel.name)).toEqual(sheetModel);
    expect(split.tables).toEqual(whole.tables);
  });

  it("without Range.autoFill (before ExcelApi 1.9) sends every formula, split into requests under 5 MB", async () => {
    const noPrint: WorkbookSpec = {
      ...realSpec("2000"),
      sheets: realSpec("2000").sheets.map((s) => ({
        ...s,
        print: { landscape: false, fitToWidth: false },
      })),
    };
    const { fake, result } = await insert(noPrint, new FakeExcel(), {
      isSetSupported: excelUpTo("1.8"),
    });
    expect(fake.calls.some((call) => call.method === "Range.autoFill")).toBe(false);
    expect(result.writeRequests).toBeGreaterThan(1);
    expect(fake.syncs).toBe(1 + result.writeRequests);
    for (const request of fake.requests)
      expect(request.bytes).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
    expectWritten(fake, noPrint, result);
  });

  it.each([
    [
      "Excel 2019 (ExcelApi 1.8)",
      "1.8",
      /^This needs ExcelApi 1\.9 \(Excel 2021 or later, or Excel on the web\) for print set-up; this Excel has ExcelApi 1\.8\.$/,
    ],
    [
      "Excel 2016 (ExcelApi 1.1)",
      "1.1",
      /^This needs ExcelApi 1\.9 \(Excel 2021 or later, or Excel on the web\) for column widths and merged cells, defined names, conditional formats, frozen header rows, data validation, charts, print set-up; this Excel has ExcelApi 1\.1\.$/,
    ],
    ["no Excel at all", "1.0", /this Excel has no ExcelApi support\.$/],
  ])(
    "on %s, says which requirement set is missing, before any call",
    async (_, newest, message) => {
      const fake = new FakeExcel();
      await expect(
        insertWorkbook(fake.context, realSpec("25"), { isSetSupported: excelUpTo(newest) })
      ).rejects.toThrow(message);
      expect(fake.calls).toEqual([]);
      expect(fake.syncs).toBe(0);
    }
  );

  it("asks only for the sets a spec needs, and suspends screen updating only where it exists", async () => {
    const plain = spec([
      sheet(SHEETS.scorecard, {
        cells: [{ row: 0, column: 0, content: number(1) }],
        merges: [{ startRow: 1, startColumn: 0, endRow: 1, endColumn: 2 }],
      }),
    ]);
    const { fake } = await insert(plain, new FakeExcel(), { isSetSupported: excelUpTo("1.8") });
    const methods = fake.calls.map((call) => call.method);
    expect(methods).toContain("Application.suspendApiCalculationUntilNextSync");
    expect(methods).not.toContain("Application.suspendScreenUpdatingUntilNextSync");
    expect(fake.sheet(SHEETS.scorecard).merges).toHaveLength(1);
  });

  it("refuses a spec Excel would reject, before any call", async () => {
    const fake = new FakeExcel();
    const broken = spec([
      sheet(SHEETS.scorecard, { cells: [{ row: 2, column: 1, content: number(Number.NaN) }] }),
    ]);
    await expect(
      insertWorkbook(fake.context, broken, { isSetSupported: modernExcel })
    ).rejects.toThrow("Cell Scorecard!B3 holds a number Excel cannot store.");
    expect(fake.calls).toEqual([]);
  });

  it("sets formats, validations, conditional formats, names and print set-up as the spec says", async () => {
    const workbookSpec = spec(
      [
        sheet("OKR Plan", {
          cells: [
            { row: 0, column: 0, content: text("Red below"), style: "label" },
            { row: 0, column: 1, content: number(0.4), style: "percent" },
            { row: 1, column: 1, content: { kind: "date", serial: 46023 } },
          ],
          columns: [
            { index: 0, width: 20 },
            { index: 1, width: 12 },
            { index: 2, width: 12 },
            { index: 5, width: 8, hidden: true },
          ],
          frozenRows: 1,
          validations: [
            {
              range: parseAddress("C2:C9"),
              kind: "list",
              values: ["Red", "Green"],
              message: "Red or Green",
            },
          ],
          conditionalFormats: [
            {
              range: parseAddress("C2:C9"),
              kind: "textEquals",
              text: "Red",
              fill: "#FFC7CE",
              fontColor: "#9C0006",
            },
            { range: parseAddress("D2:D9"), kind: "dataBar", min: 0, max: 1, color: "#5B9BD5" },
          ],
          print: { landscape: true, fitToWidth: true },
        }),
        sheet(SHEETS.scorecard, {
          cells: [{ row: 0, column: 0, content: formula("=OKR_RED_BELOW*2") }],
        }),
      ],
      {
        names: [{ name: NAMES.redBelow, formula: "='OKR Plan'!$B$1" }],
        styles: {
          label: { bold: true, fill: "#EEEEEE" },
          percent: { numberFormat: "0%", horizontalAlignment: "right" },
        },
      }
    );
    const { fake } = await insert(workbookSpec);
    const plan = fake.sheet("OKR Plan");
    expect(fake.cell("OKR Plan", "A1")?.format).toEqual({
      "font.bold": true,
      "fill.color": "#EEEEEE",
    });
    expect(fake.cell("OKR Plan", "B1")).toMatchObject({
      numberFormat: "0%",
      format: { horizontalAlignment: "Right" },
    });
    expect(fake.cell("OKR Plan", "B2")?.numberFormat).toBe("yyyy-mm-dd");
    expect([...plan.columnWidths]).toEqual([
      [0, columnWidthPoints(20)],
      [1, columnWidthPoints(12)],
      [2, columnWidthPoints(12)],
      [5, columnWidthPoints(8)],
    ]);
    expect(
      fake.calls.filter((call) => call.method === "Worksheet.getRange" && call.args[0] === "B:C")
    ).toHaveLength(1);
    expect([...plan.hiddenColumns]).toEqual([5]);
    expect(plan.frozenRows).toBe(1);
    expect(plan.validations).toEqual([
      {
        range: parseAddress("C2:C9"),
        properties: {
          rule: { list: { inCellDropDown: true, source: "Red,Green" } },
          errorAlert: {
            message: "Red or Green",
            showAlert: true,
            style: "Stop",
            title: "OKR Studio",
          },
        },
      },
    ]);
    expect(plan.conditionalFormats).toEqual([
      {
        range: parseAddress("C2:C9"),
        type: "CellValue",
        properties: {
          "cellValue.rule": { formula1: '="Red"', operator: "EqualTo" },
          "cellValue.format.fill.color": "#FFC7CE",
          "cellValue.format.font.color": "#9C0006",
        },
      },
      {
        range: parseAddress("D2:D9"),
        type: "DataBar",
        properties: {
          "dataBar.lowerBoundRule": { type: "Number", formula: "0" },
          "dataBar.upperBoundRule": { type: "Number", formula: "1" },
          "dataBar.positiveFormat.fillColor": "#5B9BD5",
        },
      },
    ]);
    expect(plan.pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1 },
    });
    expect(fake.names).toEqual([{ name: NAMES.redBelow, formula: "='OKR Plan'!$B$1" }]);
    expect(fake.cell(SHEETS.scorecard, "A1")?.formula).toBe("=OKR_RED_BELOW*2");
  });
});

describe("readSnapshot and select", () => {
  it("reads every sheet's used range in two syncs, as sparse rows: the cells that hold something, values, formulas, visibility", async () => {
    const fake = new FakeExcel();
    fake.seedSheet(
      "Notes",
      [
        ["Title", null],
        [null, 2],
        [null, "=B2*2"],
      ],
      { origin: "C3", results: [[], [], [null, 4]] }
    );
    fake.seedSheet("Hidden", [["x"]], { visibility: "Hidden" });
    fake.seedSheet("Empty");
    const { snapshot, syncs } = await readWorkbook(fake.context);
    expect(syncs).toBe(2);
    expect(snapshot.sheets).toEqual([
      {
        name: "Notes",
        visible: true,
        rows: [
          { row: 2, cells: [{ column: 2, value: "Title", formula: null }] },
          { row: 3, cells: [{ column: 3, value: 2, formula: null }] },
          { row: 4, cells: [{ column: 3, value: 4, formula: "=B2*2" }] },
        ],
      },
      {
        name: "Hidden",
        visible: false,
        rows: [{ row: 0, cells: [{ column: 0, value: "x", formula: null }] }],
      },
      { name: "Empty", visible: true, rows: [] },
    ]);
    const loads = fake.calls.filter((call) => call.kind === "load").map((call) => call.args[0]);
    expect(loads).not.toContain(undefined);
  });

  it("reads back what insertWorkbook wrote", async () => {
    const workbookSpec = realSpec("25");
    const { fake } = await insert(workbookSpec);
    const { snapshot, syncs } = await readWorkbook(fake.context);
    expect(syncs).toBe(2);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(workbookSpec.sheets.map((s) => s.name));
    const scorecard = snapshot.sheets.find((s) => s.name === SHEETS.scorecard)!;
    for (const { row, column, content } of workbookSpec.sheets.find(
      (s) => s.name === SHEETS.scorecard
    )!.cells) {
      if (content.kind === "formula")
        expect(formulaAt(scorecard, row, column)).toBe(content.formula);
      else if (content.kind === "text" && content.text !== "")
        expect(valueAt(scorecard, row, column)).toBe(content.text);
    }
  });

  it("reads the 2,000-key-result workbook with every response under 5 MB", async () => {
    const { fake } = await inserted2000();
    const before = fake.syncs;
    const { snapshot, syncs } = await readWorkbook(fake.context);
    expect(fake.syncs - before).toBe(syncs);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    const responses = fake.requests.slice(before).map((request) => request.responseBytes);
    expect(Math.max(...responses)).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
    // Each sheet is cut into blocks of at most READ_CELL_BUDGET cells, and a request takes whole
    // blocks: at most one request per block after the two first syncs.
    const blocks = snapshot.sheets
      .map(gridOf)
      .reduce(
        (sum, s) =>
          sum + Math.ceil((s.values.length * (s.values[0]?.length ?? 0)) / READ_CELL_BUDGET),
        0
      );
    expect(syncs).toBeLessThanOrEqual(2 + blocks);
    // No sheet of it is over DIRECT_AREA cells, so none is cut into strips: 11 syncs, as before
    // the strips (issue 12).
    expect(
      snapshot.sheets
        .map(gridOf)
        .every((s) => s.values.length * (s.values[0]?.length ?? 0) <= DIRECT_AREA)
    ).toBe(true);
    expect(syncs).toBe(11);
  });

  it("reads a sheet too large for one response in row blocks, a bounded number of cells per sync", async () => {
    const fake = new FakeExcel();
    const rows = 8_000;
    fake.seedSheet(
      "Big",
      Array.from({ length: rows }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c))
    );
    fake.seedSheet("Small", [["ok"]]);
    const { snapshot, syncs } = await readWorkbook(fake.context);
    const cells = rows * 10;
    expect(syncs).toBe(2 + Math.ceil(cells / READ_CELL_BUDGET));
    const big = gridOf(snapshot.sheets[0]);
    expect(big.values).toHaveLength(rows);
    expect(big.values[rows - 1][9]).toBe(cells - 1);
    expect(big.values.flat().every((value, i) => value === i)).toBe(true);
    expect(snapshot.sheets[1].rows).toEqual([
      { row: 0, cells: [{ column: 0, value: "ok", formula: null }] },
    ]);
  });

  it("select activates the sheet and selects the cell, in one sync", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("First");
    fake.seedSheet(SHEETS.scorecard, [["x"]]);
    await select(fake.context, { sheet: SHEETS.scorecard, address: "K7" });
    expect(fake.syncs).toBe(1);
    expect(fake.activeSheet).toBe(SHEETS.scorecard);
    expect(fake.selection).toEqual({ sheet: SHEETS.scorecard, address: "K7" });
  });
});
