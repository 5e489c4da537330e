import { Workbook } from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { insertWorkbook, readWorkbook } from "../src/hosts/excel";
import { evaluateWorkbook } from "../src/hosts/memory";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { KEY_RESULT_HEADERS } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import {
  cellAt,
  cellCount,
  cellsOf,
  formulaAt,
  rowsOf,
  snapshotFromGrid,
  valueAt,
} from "../src/sheets/snapshot";
import type {
  CellContent,
  SheetSnapshot,
  WorkbookSnapshot,
  WorkbookSpec,
} from "../src/sheets/spec";
import { cellAddress } from "../src/sheets/spec";
import { FakeExcel } from "./support/fakeExcel";
import { excelUpTo, sheetSpec } from "./support/handSpecs";

/**
 * The snapshot is sparse (issue 11; issue 12's first defence): it holds the cells present, never
 * the used range's bounding box, so a file with one cell at A1 and one at XFD1048576 is two cells
 * in every producer and the reader, not 17 billion. Sizes are asserted by counting cells and rows,
 * not by timing.
 */

const LAST_ROW = 1_048_575;
const LAST_COLUMN = 16_383;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "okr-sparse-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes an .xlsx with ExcelJS alone: cells by 1-based row and column, and merges by address. */
async function writeWithExcelJs(
  name: string,
  cells: [row: number, column: number, value: string | number][],
  merges: string[] = []
): Promise<string> {
  const workbook = new Workbook();
  const worksheet = workbook.addWorksheet("Sheet1");
  for (const [row, column, value] of cells) worksheet.getCell(row, column).value = value;
  for (const merge of merges) worksheet.mergeCells(merge);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Every structure's size a snapshot holds: its sheets, rows and cells. */
function size(snapshot: WorkbookSnapshot): { sheets: number; rows: number; cells: number } {
  return {
    sheets: snapshot.sheets.length,
    rows: snapshot.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0),
    cells: cellCount(snapshot),
  };
}

describe("the snapshot's accessors", () => {
  const sheet = snapshotFromGrid("S", [["a", null, 3], [], [null, 7, null]], {
    formulas: [[], [], [null, "=B1"]],
    origin: { row: 10, column: 2 },
  });

  test("snapshotFromGrid keeps the cells present only, at absolute positions, in order", () => {
    expect(sheet.rows).toEqual([
      {
        row: 10,
        cells: [
          { column: 2, value: "a", formula: null },
          { column: 4, value: 3, formula: null },
        ],
      },
      { row: 12, cells: [{ column: 3, value: 7, formula: "=B1" }] },
    ]);
    expect(cellCount(sheet)).toBe(3);
  });

  test.each([
    [10, 2, "a", null],
    [10, 3, null, null],
    [10, 4, 3, null],
    [11, 2, null, null],
    [12, 3, 7, "=B1"],
    [0, 0, null, null],
    [LAST_ROW, LAST_COLUMN, null, null],
  ])("at row %d, column %d: value %p, formula %p", (row, column, value, formula) => {
    expect(valueAt(sheet, row, column)).toBe(value);
    expect(formulaAt(sheet, row, column)).toBe(formula);
    expect(cellAt(sheet, row, column) === null).toBe(value === null && formula === null);
  });

  test("cellsOf yields every cell present with its row; rowsOf orders cells given in any order", () => {
    const cells = [...cellsOf(sheet)];
    expect(cells.map(({ row, column }) => cellAddress(row, column))).toEqual(["C11", "E11", "D13"]);
    const shuffled = [cells[2], cells[0], { ...cells[1], value: null }, cells[1], cells[0]];
    // An empty cell is left out; of two cells at one place the first given is kept.
    expect(rowsOf(shuffled)).toEqual(sheet.rows);
  });
});

describe("a file with cells at A1 and XFD1048576", () => {
  let snapshot: WorkbookSnapshot;
  beforeAll(async () => {
    const path = await writeWithExcelJs("corners.xlsx", [
      [1, 1, "Key Result"],
      [LAST_ROW + 1, LAST_COLUMN + 1, 42],
    ]);
    snapshot = await readXlsx(path);
  });

  test("reads as two cells in two rows, at their places", () => {
    expect(size(snapshot)).toEqual({ sheets: 1, rows: 2, cells: 2 });
    const [sheet] = snapshot.sheets;
    expect(valueAt(sheet, 0, 0)).toBe("Key Result");
    expect(valueAt(sheet, LAST_ROW, LAST_COLUMN)).toBe(42);
    expect(cellAddress(sheet.rows[1].row, sheet.rows[1].cells[0].column)).toBe("XFD1048576");
  });

  test("readPlan reads it without a plan and without a problem", () => {
    const result = readPlan(snapshot);
    expect(result.plan).toBeNull();
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([]);
  });
});

describe("merged ranges count the cells that hold data only", () => {
  test("a merge of 10,000 cells over one value is one cell", async () => {
    const path = await writeWithExcelJs("merged.xlsx", [[1, 1, "merged"]], ["A1:J1000"]);
    const snapshot = await readXlsx(path);
    expect(size(snapshot)).toEqual({ sheets: 1, rows: 1, cells: 1 });
    expect(valueAt(snapshot.sheets[0], 0, 0)).toBe("merged");
  });
  // A merge of the whole sheet (A1:XFD1048576) cannot be written with ExcelJS, which expands
  // every merge into cells; test/admitXlsx.test.ts and test/lintContained.test.ts write such
  // files part by part and read them.
});

describe("a table far from A1", () => {
  const top = 500_000;
  const left = 10_000;
  const rows: (string | number)[][] = [
    ["Objective", "Key Result", "Baseline", "Target", "Current"],
    ["Grow usage", "Reach 500 weekly users", 100, 500, 300],
    ["Grow usage", "Cut churn from 8% to 4%", "8%", "4%", "6%"],
  ];

  test.each([
    [
      "built by hand",
      async () => ({
        sheets: [snapshotFromGrid("Far", rows, { origin: { row: top, column: left } })],
      }),
    ],
    [
      "read from an .xlsx",
      async () =>
        readXlsx(
          await writeWithExcelJs(
            "far.xlsx",
            rows.flatMap((line, r) =>
              line.map(
                (value, c) =>
                  [top + r + 1, left + c + 1, value] as [number, number, string | number]
              )
            )
          )
        ),
    ],
  ])("is read as a plan (%s), in a snapshot of its own cells", async (_name, make) => {
    const snapshot = await make();
    expect(size(snapshot)).toEqual({ sheets: 1, rows: 3, cells: 15 });
    const result = readPlan(snapshot);
    expect(result.problems).toEqual([]);
    expect(result.found).toEqual([
      expect.objectContaining({
        table: "keyResults",
        headerRow: { sheet: snapshot.sheets[0].name, address: cellAddress(top, left) },
      }),
    ]);
    const objectives = result.plan?.objectives ?? [];
    expect(objectives.map((objective) => objective.title)).toEqual(["Grow usage"]);
    expect(
      objectives[0].keyResults.map(({ text, baseline, target, current }) => [
        text,
        baseline,
        target,
        current,
      ])
    ).toEqual([
      ["Reach 500 weekly users", 100, 500, 300],
      ["Cut churn from 8% to 4%", 8, 4, 6],
    ]);
    expect(result.locations.keyResults["O1.KR2"].fields.target).toEqual({
      sheet: snapshot.sheets[0].name,
      address: cellAddress(top + 2, left + 3),
    });
  });

  test("two blank rows end a table, though the rows between are absent from the snapshot", () => {
    const far = snapshotFromGrid("Far", rows, { origin: { row: top, column: left } });
    // A key-result row 3 rows below the table's last row (two absent rows between): not the table's.
    const stray: SheetSnapshot = {
      ...far,
      rows: [
        ...far.rows,
        { row: top + 5, cells: [{ column: left + 1, value: "Stray 7 things", formula: null }] },
      ],
    };
    // One absent row between: still the table's.
    const near: SheetSnapshot = {
      ...far,
      rows: [
        ...far.rows,
        { row: top + 4, cells: [{ column: left + 1, value: "Ship 7 things", formula: null }] },
      ],
    };
    const count = (sheet: SheetSnapshot) =>
      readPlan({ sheets: [sheet] }).plan?.objectives.flatMap((o) => o.keyResults).length;
    expect(count(far)).toBe(2);
    expect(count(stray)).toBe(2);
    expect(count(near)).toBe(3);
  });

  test("OKR Studio's key-result header in the last row, ending at column XFD", () => {
    const sheet = snapshotFromGrid("S", [[...KEY_RESULT_HEADERS]], {
      origin: { row: LAST_ROW, column: LAST_COLUMN - KEY_RESULT_HEADERS.length + 1 },
    });
    expect(cellCount(sheet)).toBe(KEY_RESULT_HEADERS.length);
    expect(readPlan({ sheets: [sheet] }).found.map((table) => table.table)).toEqual(["keyResults"]);
  });
});

describe("the producers agree on the same small workbook", () => {
  const text = (value: string): CellContent => ({ kind: "text", text: value });
  const number = (value: number): CellContent => ({ kind: "number", value });
  const spec: WorkbookSpec = {
    style: "portable",
    names: [],
    styles: {},
    sheets: [
      sheetSpec("Plan", {
        cells: [
          { row: 0, column: 0, content: text("Project") },
          { row: 0, column: 1, content: text("Atlas") },
          { row: 3, column: 2, content: number(0.25) },
          { row: 3, column: 4, content: { kind: "boolean", value: true } },
          { row: 4, column: 1, content: { kind: "date", serial: 46023 } },
          { row: 6, column: 0, content: text("=1+1") },
          { row: 7, column: 3, content: { kind: "formula", formula: "=C4*2" } },
          { row: 900, column: 200, content: text("far") },
        ],
      }),
      sheetSpec("Empty"),
    ],
  };
  /** Constants exactly; a formula cell by its formula (a file ExcelJS writes has no results). */
  const comparable = (snapshot: WorkbookSnapshot) =>
    snapshot.sheets.map((sheet) => ({
      name: sheet.name,
      cells: [...cellsOf(sheet)].map(({ row, column, value, formula }) => ({
        at: cellAddress(row, column),
        ...(formula === null ? { value } : { formula }),
      })),
    }));
  const expected = [
    {
      name: "Plan",
      cells: [
        { at: "A1", value: "Project" },
        { at: "B1", value: "Atlas" },
        { at: "C4", value: 0.25 },
        { at: "E4", value: true },
        { at: "B5", value: 46023 },
        { at: "A7", value: "=1+1" },
        { at: "D8", formula: "=C4*2" },
        { at: "GS901", value: "far" },
      ],
    },
    { name: "Empty", cells: [] },
  ];

  test("the memory host (HyperFormula)", () => {
    const snapshot = evaluateWorkbook(spec);
    expect(comparable(snapshot)).toEqual(expected);
    expect(valueAt(snapshot.sheets[0], 7, 3)).toBe(0.5);
  });

  test("the .xlsx host (ExcelJS)", async () => {
    const path = join(dir, "agree.xlsx");
    await writeXlsx(spec, path);
    expect(comparable(await readXlsx(path))).toEqual(expected);
  });

  test("the Excel host (the recording fake)", async () => {
    const fake = new FakeExcel();
    await insertWorkbook(fake.context, spec, { isSetSupported: excelUpTo("1.20") });
    const { snapshot } = await readWorkbook(fake.context);
    expect(comparable(snapshot)).toEqual(expected);
  });
});
