import { insertWorkbook, type RequirementChecker } from "../src/hosts/excel";
import {
  REQUEST_BUDGET_BYTES,
  repairBatches,
  RepairTooLargeError,
  WorkbookChangedError,
  writeRepair,
} from "../src/hosts/excel/repair";
import { loadWorkbook, type MemoryWorkbook } from "../src/hosts/memory";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import { planRepair, type RepairPlan } from "../src/sheets/repair";
import { normalisedFormula, readWorkbookFacts } from "../src/sheets/structure";
import { cellAddress, type FormulaStyle, type WorkbookSnapshot } from "../src/sheets/spec";
import { createExcelActions } from "../src/taskpane/excel/excelActions";
import { cellsMovedRight, FakeExcel, parseAddress, rowsInserted } from "./support/fakeExcel";
import { withCurrents } from "./support/plans";

/**
 * Writing a repair plan through the Office.js host, against the recording fake: two syncs (one
 * read back, one write), exactly the plan's cells and names written and nothing else, and nothing
 * at all when the workbook changed since the check.
 */

const everyVersion: RequirementChecker = (set) => set === "ExcelApi";
const TODAY = 46_100;
const STYLES: FormulaStyle[] = ["portable", "functions"];

/**
 * A generated workbook in the fake, damaged in the memory host and in the fake alike (the fake
 * calculates nothing: each formula cell shows the memory host's value), with the plan made from
 * the memory host's snapshot, as the pane makes it from Excel's.
 */
async function damagedWorkbook(
  style: FormulaStyle,
  damage: (memory: MemoryWorkbook) => void
): Promise<{ fake: FakeExcel; snapshot: WorkbookSnapshot; plan: RepairPlan }> {
  const spec = buildWorkbook(withCurrents(instantiate(templateById("predictive-analytics")!)), {
    style,
  });
  const fake = new FakeExcel();
  await insertWorkbook(fake.context, spec, { isSetSupported: everyVersion });
  const memory = loadWorkbook(spec, { today: TODAY });
  try {
    damage(memory);
    for (const sheet of fake.sheets)
      for (const [position, cell] of sheet.cells) {
        const [row, column] = position.split(",").map(Number);
        const address = cellAddress(row, column);
        if (cell.formula !== null && memory.formula(sheet.name, address) === null) {
          cell.formula = null;
          cell.written = null;
        }
        cell.value = memory.value(sheet.name, address);
      }
    const snapshot = memory.snapshot();
    const plan = planRepair(snapshot, readWorkbookFacts(snapshot).structure ?? [], {
      today: TODAY,
    });
    return { fake, snapshot, plan };
  } finally {
    memory.dispose();
  }
}

function typeOver(memory: MemoryWorkbook, sheet: string, a1: string, value: number | string) {
  const { startRow, startColumn } = parseAddress(a1);
  memory.engine.setCellContents(
    { sheet: memory.engine.getSheetId(sheet)!, row: startRow, col: startColumn },
    value
  );
}

/** Every cell of the fake, "Sheet!A1" → its formula or value. */
function contents(fake: FakeExcel): Map<string, unknown> {
  const cells = new Map<string, unknown>();
  for (const sheet of fake.sheets)
    for (const [position, cell] of sheet.cells) {
      const [row, column] = position.split(",").map(Number);
      cells.set(`${sheet.name}!${cellAddress(row, column)}`, cell.formula ?? cell.value);
    }
  return cells;
}

const WRITES = new Set(["Range.formulas", "Range.values", "NamedItem.formula"]);

describe("writeRepair: the plan's cells, in two syncs, and nothing else", () => {
  test.each(STYLES)("numbers typed over Score and Current (%s style)", async (style) => {
    const { fake, plan } = await damagedWorkbook(style, (memory) => {
      typeOver(memory, SHEETS.scorecard, "K6", 0.8);
      typeOver(memory, SHEETS.scorecard, "I7", 0.9);
    });
    expect(plan.writes.length).toBeGreaterThanOrEqual(4);
    const before = contents(fake);
    const syncsBefore = fake.syncs;
    const result = await writeRepair(fake.context, plan);
    expect(result).toEqual({
      syncs: 2,
      cells: plan.writes.length,
      names: 0,
      batches: 1,
      displaced: [],
    });
    expect(fake.syncs - syncsBefore).toBe(2);
    // The first request reads only; the second writes, once per planned cell.
    const firstRequest = fake.syncs - 2;
    expect(fake.callsOf(firstRequest).filter((call) => call.kind === "set")).toEqual([]);
    const sets = fake.callsOf(firstRequest + 1).filter((call) => call.kind === "set");
    expect(sets.map((call) => call.method).every((method) => WRITES.has(method))).toBe(true);
    expect(sets).toHaveLength(plan.writes.length);
    expect(fake.calls.some((call) => call.method.startsWith("TableRowCollection"))).toBe(false);
    // Exactly the planned cells changed, each to what the plan writes.
    const after = contents(fake);
    const planned = new Map(
      plan.writes.map((write) => [
        `${write.sheet}!${write.address}`,
        write.content.kind === "formula"
          ? write.content.formula
          : write.content.kind === "text"
            ? // An emptied cell reads back as no cell.
              write.content.text === ""
              ? null
              : write.content.text
            : write.content.kind === "date"
              ? write.content.serial
              : write.content.value,
      ])
    );
    for (const key of new Set([...before.keys(), ...after.keys()]))
      if (planned.has(key)) expect([key, after.get(key)]).toEqual([key, planned.get(key)]);
      else expect([key, after.get(key)]).toEqual([key, before.get(key)]);
  });

  test("a broken threshold name is set back through getItemOrNullObject, in the same two syncs", async () => {
    const { fake, plan } = await damagedWorkbook("portable", (memory) =>
      memory.engine.changeNamedExpression("OKR_RED_BELOW", "=#REF!")
    );
    fake.names.find((name) => name.name === "OKR_RED_BELOW")!.formula = "=#REF!";
    expect(plan.names.map((name) => name.name)).toEqual(["OKR_RED_BELOW"]);
    const result = await writeRepair(fake.context, plan);
    expect(result.syncs).toBe(2);
    expect(fake.names.find((name) => name.name === "OKR_RED_BELOW")!.formula).toBe(
      "='OKR Plan'!$B$13"
    );
    expect(fake.calls.map((call) => call.method)).toContain(
      "NamedItemCollection.getItemOrNullObject"
    );
  });

  test.each([
    [
      "a person typed into a cell the plan writes",
      (fake: FakeExcel) => {
        fake.cell(SHEETS.scorecard, "K6")!.value = 0.5;
      },
    ],
    [
      "a formula came back where the plan saw a typed value",
      (fake: FakeExcel) => {
        fake.cell(SHEETS.scorecard, "K6")!.formula = "=1";
      },
    ],
  ])(
    "the workbook changed since the check (%s): nothing is written, one sync",
    async (_, change) => {
      const { fake, plan } = await damagedWorkbook("portable", (memory) =>
        typeOver(memory, SHEETS.scorecard, "K6", 0.8)
      );
      change(fake);
      const before = contents(fake);
      const syncsBefore = fake.syncs;
      const setsBefore = fake.calls.filter((call) => call.kind === "set").length;
      await expect(writeRepair(fake.context, plan)).rejects.toThrow(WorkbookChangedError);
      await expect(writeRepair(fake.context, plan)).rejects.toThrow(
        /Scorecard!K6 is not what the check saw\). Nothing was written: check the workbook again/
      );
      expect(fake.syncs - syncsBefore).toBe(2);
      expect(fake.calls.filter((call) => call.kind === "set")).toHaveLength(setsBefore);
      expect(contents(fake)).toEqual(before);
    }
  );

  test("a plan too large for one request is split into batches under the budget, two syncs each", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Big");
    const formula = `=${"1+".repeat(500)}1`;
    const writes = Array.from({ length: 6000 }, (_, n) => ({
      sheet: "Big",
      address: cellAddress(n, 0),
      content: { kind: "formula" as const, formula },
      before: null,
    }));
    const plan: RepairPlan = { writes, names: [], kept: [], report: [] };
    const batches = repairBatches(plan);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((batch) => batch.writes)).toEqual(writes);
    const result = await writeRepair(fake.context, plan);
    expect(result.syncs).toBe(2 * batches.length);
    expect(Math.max(...fake.requests.map((request) => request.bytes))).toBeLessThan(
      REQUEST_BUDGET_BYTES + 64 * 1024
    );
    expect(fake.cell("Big", "A6000")!.formula).toBe(formula);
  });
});

describe("the Excel action", () => {
  test("repair runs writeRepair in one Excel.run and reports its syncs", async () => {
    const { fake, plan } = await damagedWorkbook("functions", (memory) =>
      typeOver(memory, SHEETS.dashboard, "I5", "fine")
    );
    const actions = createExcelActions({
      run: (batch) => batch(fake.context),
      isSetSupported: everyVersion,
    });
    expect(actions.capabilities.repair).toEqual({ available: true });
    const outcome = await actions.repair!(plan);
    expect(outcome).toEqual({
      syncs: 2,
      cells: plan.writes.length,
      names: 0,
      batches: 1,
      displaced: [],
    });
  });

  test.each([
    [
      "a plan setting an existing name's formula, in ExcelApi 1.6",
      "=#REF!",
      "1.6",
      /Repairing this workbook needs ExcelApi 1.7 \(for restoring defined names\)/,
    ],
    [
      "any plan, in ExcelApi 1.3",
      null,
      "1.3",
      /Repairing a workbook needs ExcelApi 1.4 \(for reading back the cells it writes\)/,
    ],
  ])("%s: says which version it needs", async (_, before, newest, message) => {
    const actions = createExcelActions({
      run: () => Promise.reject(new Error("not called")),
      isSetSupported: (set, version) =>
        set === "ExcelApi" && Number(version.split(".")[1]) <= Number(newest.split(".")[1]),
    });
    const plan: RepairPlan = {
      writes: [],
      names: [{ name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$13", before }],
      kept: [],
      report: [],
    };
    await expect(actions.repair!(plan)).rejects.toThrow(message);
  });

  test("a plan that sets no existing name runs in ExcelApi 1.4", async () => {
    const { fake, plan } = await damagedWorkbook("portable", (memory) =>
      typeOver(memory, SHEETS.scorecard, "K6", 0.8)
    );
    const upTo14: RequirementChecker = (set, version) =>
      set === "ExcelApi" && Number(version.split(".")[1]) <= 4;
    const actions = createExcelActions({
      run: (batch) => batch(fake.context),
      isSetSupported: upTo14,
    });
    expect(actions.capabilities.repair).toEqual({ available: true });
    const missingName: RepairPlan = {
      ...plan,
      names: [{ name: "OKR_NEW_NAME", formula: "='OKR Plan'!$B$13", before: null }],
    };
    await expect(actions.repair!(missingName)).resolves.toMatchObject({ names: 1 });
    expect(fake.names.some((name) => name.name === "OKR_NEW_NAME")).toBe(true);
  });
});

/**
 * A context whose first sync is followed by a co-author's write (through a second client of the
 * same workbook), so the co-author's data lands between Repair's read-back and its write.
 */
function withCoAuthor(
  fake: FakeExcel,
  writes: { sheet: string; address: string; values: unknown[][] }[]
): Excel.RequestContext {
  let syncs = 0;
  return {
    ...fake.context,
    sync: async () => {
      await fake.context.sync();
      if (++syncs !== 1) return;
      const other = fake.client();
      for (const { sheet, address, values } of writes)
        other.context.workbook.worksheets.getItem(sheet).getRange(address).values = values;
      await other.context.sync();
    },
  } as Excel.RequestContext;
}

/** Every row of a sheet as its cells' values, from the fake. */
function rowsOf(fake: FakeExcel, sheet: string, columns: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let row = 0; row < 400; row++)
    rows.push(
      Array.from(
        { length: columns },
        (_, column) => fake.cell(sheet, cellAddress(row, column))?.value ?? null
      )
    );
  return rows;
}

describe("writeRepair with a co-author writing between its two syncs", () => {
  test("a value typed into a cell whose formula Repair restores is put back and reported", async () => {
    const { fake, plan } = await damagedWorkbook("portable", (memory) =>
      typeOver(memory, SHEETS.scorecard, "K6", 0.8)
    );
    const context = withCoAuthor(fake, [
      { sheet: SHEETS.scorecard, address: "K6", values: [[0.35]] },
    ]);
    const result = await writeRepair(context, plan, { isSetSupported: everyVersion });
    expect(fake.cell(SHEETS.scorecard, "K6")!.value).toBe(0.35);
    expect(fake.cell(SHEETS.scorecard, "K6")!.formula).toBeNull();
    expect(result.displaced).toEqual([
      expect.stringMatching(
        /^Scorecard!K6: 0\.35 was typed there at the same moment; it is put back/
      ),
    ]);
    // The note keeping 0.8 is still written.
    const note = plan.kept[0].to.split("!")[1];
    expect(String(fake.cell(SHEETS.scorecard, note)!.value)).toMatch(/^0\.8 was typed over K6/);
  });

  test("a value typed into the empty cell Repair keeps a note in stays, and the note moves right", async () => {
    const { fake, plan } = await damagedWorkbook("portable", (memory) =>
      typeOver(memory, SHEETS.scorecard, "K6", 0.8)
    );
    const note = plan.kept[0].to.split("!")[1];
    const { startRow } = parseAddress(note);
    const before = contents(fake);
    const context = withCoAuthor(fake, [
      { sheet: SHEETS.scorecard, address: note, values: [["Bo's remark"]] },
    ]);
    const result = await writeRepair(context, plan, { isSetSupported: everyVersion });
    expect(fake.cell(SHEETS.scorecard, note)!.value).toBe("Bo's remark");
    // The note is in one cell further right in the row, which was empty; every other cell of the
    // row is as it was (a cell the note was tried in and found taken is put back).
    const after = contents(fake);
    const moved: string[] = [];
    for (const [key, value] of after) {
      const { sheet, address } = { sheet: key.split("!")[0], address: key.split("!")[1] };
      if (sheet !== SHEETS.scorecard || parseAddress(address).startRow !== startRow) continue;
      if (address === note || address === "K6") continue;
      if (value !== (before.get(key) ?? null)) moved.push(`${address}=${String(value)}`);
    }
    expect(moved).toEqual([expect.stringMatching(/=0\.8 was typed over K6/)]);
    expect(result.displaced).toHaveLength(1);
  });

  test("a co-author's check-in recorded into the free row Repair writes is recorded again whole", async () => {
    const { fake, plan } = await damagedWorkbook("portable", (memory) =>
      typeOver(memory, SHEETS.scorecard, "I7", 0.9)
    );
    const checkIn = plan.writes.find((write) => write.checkIn !== undefined)!.checkIn!;
    const columns = checkIn.columns.map((column) => column.column);
    const first = Math.min(...columns);
    const theirs = new Map<string, unknown>([
      ["Date", 46_090],
      ["Key Result", "O1.KR1"],
      ["Value", 42],
      ["Confidence", 0.6],
      ["Comment", "from Bo"],
      ["Author", "Bo"],
      ["Entry", "bo-1"],
    ]);
    const row = Array.from({ length: Math.max(...columns) - first + 1 }, () => "" as unknown);
    for (const { header, column } of checkIn.columns)
      row[column - first] = theirs.get(header) ?? "";
    const context = withCoAuthor(fake, [
      {
        sheet: SHEETS.checkIns,
        address: `${cellAddress(checkIn.row, first)}:${cellAddress(checkIn.row, Math.max(...columns))}`,
        values: [row],
      },
    ]);
    const result = await writeRepair(context, plan, { isSetSupported: everyVersion });
    expect(result.displaced).toEqual([
      expect.stringMatching(/a co-author's check-in \(.*Author: Bo.*\) .* recorded again in/),
    ]);
    const rows = rowsOf(fake, SHEETS.checkIns, Math.max(...columns) + 1).map((cells) =>
      cells.slice(first)
    );
    const at = (header: string) => checkIn.columns.find((c) => c.header === header)!.column - first;
    // Bo's check-in is in the log once, whole, in another row than Repair's.
    const bos = rows.filter((cells) => cells[at("Entry")] === "bo-1");
    expect(bos).toHaveLength(1);
    for (const [header, value] of theirs)
      expect([header, bos[0][at(header)]]).toEqual([header, value]);
    // Repair's own check-in is in its row, whole: nothing of Bo's left in it.
    const ours = rows[checkIn.row];
    expect(ours[at("Value")]).toBe(0.9);
    expect(ours[at("Author")] ?? "").toBe("");
    expect(ours[at("Confidence")] ?? "").toBe("");
  });
});

describe("batches keep groups whole and say what was written", () => {
  const formula = `=${"1+".repeat(500)}1`;
  /** 3,000 groups of two writes (a kept note and its formula), big enough to need batches. */
  function groupedPlan(): RepairPlan {
    const writes = Array.from({ length: 6000 }, (_, n) => ({
      sheet: "Big",
      address: cellAddress(Math.floor(n / 2), n % 2),
      content:
        n % 2 === 0
          ? { kind: "text" as const, text: `kept ${n}` }
          : { kind: "formula" as const, formula },
      before: null,
      group: Math.floor(n / 2),
    }));
    return { writes, names: [], kept: [], report: [] };
  }

  test("no group is split between two batches", () => {
    const plan = groupedPlan();
    const batches = repairBatches(plan);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((batch) => batch.writes)).toEqual(plan.writes);
    const groupsIn = batches.map((batch) => new Set(batch.writes.map((write) => write.group)));
    for (const [index, groups] of groupsIn.entries())
      for (const other of groupsIn.slice(index + 1))
        for (const group of groups) expect([group, other.has(group)]).toEqual([group, false]);
  });

  test("a later batch refused says which batches were written and which were not", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Big");
    const plan = groupedPlan();
    const batches = repairBatches(plan);
    const second = batches[1].writes[0];
    let syncs = 0;
    const context = {
      ...fake.context,
      sync: async () => {
        await fake.context.sync();
        // After the first batch's write, someone types into a cell of the second batch.
        if (++syncs !== 2) return;
        const other = fake.client();
        other.context.workbook.worksheets.getItem("Big").getRange(second.address).values = [
          ["typed"],
        ];
        await other.context.sync();
      },
    } as Excel.RequestContext;
    await expect(writeRepair(context, plan)).rejects.toThrow(
      `Big!${second.address} is not what the check saw). Batches 1 to 1 of ${batches.length} were written; batches 2 to ${batches.length} were not`
    );
    expect(fake.cell("Big", batches[0].writes[0].address)!.value).toBe("kept 0");
    expect(fake.cell("Big", second.address)!.value).toBe("typed");
  });
});

describe("refusals in the read-back keep their own reason", () => {
  test("a sheet of the plan gone: a plain refusal naming it, not 'the workbook changed'", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Here");
    const plan: RepairPlan = {
      writes: [
        {
          sheet: "Gone",
          address: "A1",
          content: { kind: "formula", formula: "=1" },
          before: null,
        },
      ],
      names: [],
      kept: [],
      report: [],
    };
    const error = await writeRepair(fake.context, plan).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(WorkbookChangedError);
    expect(String(error)).toMatch(
      /The sheet "Gone" is gone since the workbook was checked\. Nothing was written/
    );
  });

  test("any other failure of the read keeps its own message", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Here");
    const plan: RepairPlan = {
      writes: [
        { sheet: "Here", address: "A1", content: { kind: "number", value: 1 }, before: null },
      ],
      names: [],
      kept: [],
      report: [],
    };
    const context = {
      ...fake.context,
      sync: () => Promise.reject(new Error("The network connection was lost")),
    } as Excel.RequestContext;
    const error = await writeRepair(context, plan).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(WorkbookChangedError);
    expect(String(error)).toMatch(
      /Repair could not read the workbook: The network connection was lost\. Nothing was written/
    );
  });
});

/**
 * A generated workbook in the fake with whole sheet rows and columns deleted as a spreadsheet
 * program deletes them: done in the memory host (HyperFormula rewrites references and makes
 * #REF!), every cell and name of the fake set to what it then holds, and the fake's tables
 * narrowed, shortened or moved as the deletions do. The plan is made from the memory host's
 * snapshot. Rows go first (bottom first), then the column.
 */
async function deletedWorkbook(
  style: FormulaStyle,
  deletions: { rows?: [string, number[]]; column?: [string, string] },
  person?: { damage: (memory: MemoryWorkbook) => void; restoreFormulas: boolean }
): Promise<{
  fake: FakeExcel;
  original: Map<string, unknown>;
  tables: Map<string, string>;
  plan: RepairPlan;
  column: number;
}> {
  const spec = buildWorkbook(withCurrents(instantiate(templateById("predictive-analytics")!)), {
    style,
  });
  const fake = new FakeExcel();
  await insertWorkbook(fake.context, spec, { isSetSupported: everyVersion });
  const original = contents(fake);
  const tables = tableRanges(fake);
  const memory = loadWorkbook(spec, { today: TODAY });
  try {
    // A person's own edit before the deletions (a formula over a computed cell), in both.
    person?.damage(memory);
    if (deletions.rows !== undefined) {
      const [sheetName, rows] = deletions.rows;
      for (const row of [...rows].sort((a, b) => b - a)) {
        memory.engine.removeRows(memory.engine.getSheetId(sheetName)!, [row, 1]);
        for (const table of fake.tables) {
          if (table.sheet !== sheetName || table.range.endRow < row) continue;
          table.range =
            table.range.startRow > row
              ? {
                  ...table.range,
                  startRow: table.range.startRow - 1,
                  endRow: table.range.endRow - 1,
                }
              : { ...table.range, endRow: table.range.endRow - 1 };
        }
      }
    }
    let column = -1;
    if (deletions.column !== undefined) {
      const [sheetName, header] = deletions.column;
      const found = memory.snapshot().sheets.find((sheet) => sheet.name === sheetName)!;
      const row = found.rows.find((line) => line.cells.some((cell) => cell.value === header))!;
      column = row.cells.find((cell) => cell.value === header)!.column;
      memory.engine.removeColumns(memory.engine.getSheetId(sheetName)!, [column, 1]);
      for (const table of fake.tables)
        if (table.sheet === sheetName && table.range.endColumn >= column)
          table.range = {
            ...table.range,
            startColumn: table.range.startColumn - (table.range.startColumn > column ? 1 : 0),
            endColumn: table.range.endColumn - 1,
          };
    }
    const snapshot = memory.snapshot();
    for (const sheet of fake.sheets) {
      sheet.cells.clear();
      for (const line of snapshot.sheets.find((entry) => entry.name === sheet.name)!.rows)
        for (const cell of line.cells)
          sheet.cells.set(`${line.row},${cell.column}`, {
            value: cell.value,
            formula: cell.formula,
            written: null,
            quotePrefix: false,
            numberFormat: null,
            format: {},
          });
    }
    for (const name of fake.names) {
      const now = (snapshot.names ?? []).find((entry) => entry.name === name.name);
      if (now !== undefined) name.formula = now.formula;
    }
    const plan = planRepair(snapshot, readWorkbookFacts(snapshot).structure ?? [], {
      today: TODAY,
      restoreFormulas: person?.restoreFormulas ?? false,
    });
    return { fake, original, tables, plan, column };
  } finally {
    memory.dispose();
  }
}

/** One whole sheet column deleted (see deletedWorkbook). */
async function columnDeletedWorkbook(
  style: FormulaStyle,
  sheetName: string,
  header: string
): Promise<{ fake: FakeExcel; original: Map<string, unknown>; plan: RepairPlan; column: number }> {
  const { fake, original, plan, column } = await deletedWorkbook(style, {
    column: [sheetName, header],
  });
  return { fake, original, plan, column };
}

describe("writeRepair inserts a deleted table column (TableColumnCollection.add)", () => {
  test.each(STYLES)(
    "the Scorecard's Current column: inserted, the builder's formulas everywhere, every typed cell back where it was, in two syncs (%s style)",
    async (style) => {
      const { fake, original, plan } = await columnDeletedWorkbook(
        style,
        SHEETS.scorecard,
        "Current"
      );
      expect(plan.insertions).toEqual([
        expect.objectContaining({
          table: "OkrKeyResults",
          index: 8,
          header: "Current",
          computed: true,
        }),
      ]);
      const syncsBefore = fake.syncs;
      const result = await writeRepair(fake.context, plan, { isSetSupported: everyVersion });
      expect(result).toMatchObject({ syncs: 2, batches: 1, displaced: [] });
      expect(fake.syncs - syncsBefore).toBe(2);
      const first = fake.syncs - 2;
      expect(fake.callsOf(first).filter((call) => call.kind === "set")).toEqual([]);
      const second = fake.callsOf(first + 1);
      const adds = second.filter((call) => call.method === "TableColumnCollection.add");
      expect(adds.map((call) => call.args)).toEqual([[8, undefined, "Current"]]);
      // The insertion comes before every write of its request.
      const firstSet = second.findIndex((call) => call.kind === "set");
      expect(second.indexOf(adds[0])).toBeLessThan(firstSet);
      // One set per planned cell and name (the names a deleted column narrowed).
      expect(second.filter((call) => call.kind === "set")).toHaveLength(
        plan.writes.length + plan.names.length
      );
      expect(fake.calls.some((call) => call.method.startsWith("TableRowCollection"))).toBe(false);
      const table = fake.tables.find((entry) => entry.name === "OkrKeyResults")!;
      expect(cellAddress(table.range.startRow, table.range.startColumn)).toBe("A5");
      expect(cellAddress(table.range.endRow, table.range.endColumn)).toBe("W13");
      // Every cell holds what the workbook held as generated: the builder's formulas, and every
      // constant a person typed (the deleted column held formulas only).
      const after = contents(fake);
      for (const [key, held] of original) {
        const now = after.get(key) ?? null;
        if (typeof held === "string" && held.startsWith("="))
          expect([key, normalisedFormula(String(now))]).toEqual([key, normalisedFormula(held)]);
        // HyperFormula, whose values the damage copied, rounds 27.400000000000002 to 27.4.
        else if (typeof held === "number")
          expect([key, now]).toEqual([key, expect.closeTo(held, 9)]);
        else expect([key, now]).toEqual([key, held]);
      }
    }
  );

  // The Check-ins log and the Dashboard are read through whole columns ('Check-ins'!$C:$C), which
  // an insertion into some rows does not move: Repair writes those formulas again.
  test.each(
    STYLES.flatMap((style) =>
      (
        [
          [SHEETS.checkIns, "Valid", "OkrCheckIns"],
          [SHEETS.checkIns, "Day Score", "OkrCheckIns"],
          [SHEETS.dashboard, "Score", "OkrDashboard"],
        ] as const
      ).map(([sheet, header, table]) => [sheet, header, style, table] as const)
    )
  )(
    "%s's %s column (%s style): inserted, every cell as generated, in two syncs",
    async (sheet, header, style, table) => {
      const { fake, original, plan } = await columnDeletedWorkbook(style, sheet, header);
      expect(plan.insertions).toEqual([expect.objectContaining({ table, header })]);
      const syncsBefore = fake.syncs;
      const result = await writeRepair(fake.context, plan, { isSetSupported: everyVersion });
      expect(result).toMatchObject({ syncs: 2, batches: 1, displaced: [] });
      expect(fake.syncs - syncsBefore).toBe(2);
      expect(fake.calls.some((call) => call.method.startsWith("TableRowCollection"))).toBe(false);
      const after = contents(fake);
      for (const key of new Set([...original.keys(), ...after.keys()])) {
        const held = original.get(key) ?? null;
        const now = after.get(key) ?? null;
        if (typeof held === "string" && held.startsWith("="))
          expect([key, normalisedFormula(String(now))]).toEqual([key, normalisedFormula(held)]);
        else if (typeof held === "number")
          expect([key, now]).toEqual([key, expect.closeTo(held, 9)]);
        else expect([key, now === "" ? null : now]).toEqual([key, held === "" ? null : held]);
      }
    }
  );

  test("the table's header row changed since the check: nothing inserted, nothing written", async () => {
    const { fake, plan } = await columnDeletedWorkbook("portable", SHEETS.scorecard, "Current");
    fake.cell(SHEETS.scorecard, "M5")!.value = "Wt";
    const before = contents(fake);
    await expect(writeRepair(fake.context, plan)).rejects.toThrow(
      /the header row of the table OkrKeyResults is not what the check saw\)\. Nothing was written/
    );
    expect(fake.calls.some((call) => call.method === "TableColumnCollection.add")).toBe(false);
    expect(contents(fake)).toEqual(before);
  });

  test("a co-author's note typed between the two syncs moves right with its row and stays", async () => {
    const { fake, plan } = await columnDeletedWorkbook("portable", SHEETS.scorecard, "Current");
    // Notes is column O once Current is gone, P once it is back.
    expect(fake.cell(SHEETS.scorecard, "O5")!.value).toBe("Notes");
    const context = withCoAuthor(fake, [
      { sheet: SHEETS.scorecard, address: "O6", values: [["Bo's note"]] },
    ]);
    const result = await writeRepair(context, plan, { isSetSupported: everyVersion });
    expect(result.displaced).toEqual([]);
    expect(fake.cell(SHEETS.scorecard, "P6")!.value).toBe("Bo's note");
    expect(fake.cell(SHEETS.scorecard, "P5")!.value).toBe("Notes");
  });

  test("a co-author adds a table column between the two syncs: every cell written is put back, told, nothing of theirs lost", async () => {
    const { fake, plan } = await columnDeletedWorkbook("portable", SHEETS.scorecard, "Current");
    let syncs = 0;
    let afterRace = new Map<string, unknown>();
    const context = {
      ...fake.context,
      sync: async () => {
        await fake.context.sync();
        if (++syncs !== 1) return;
        const other = fake.client();
        other.context.workbook.tables
          .getItemOrNullObject("OkrKeyResults")
          .columns.add(2, undefined, "Extra");
        other.context.workbook.worksheets.getItem(SHEETS.scorecard).getRange("C6").values = [
          ["Bo's"],
        ];
        await other.context.sync();
        afterRace = contents(fake);
      },
    } as Excel.RequestContext;
    await expect(writeRepair(context, plan, { isSetSupported: everyVersion })).rejects.toThrow(
      /A co-author changed the columns of the table OkrKeyResults.*put back/
    );
    const table = fake.tables.find((entry) => entry.name === "OkrKeyResults")!;
    // Current was inserted (at its index, now one left of the builder's place) and is empty;
    // every other cell holds what it held once the co-author's column was in.
    const now = contents(fake);
    const inserted = table.range.startColumn + 8;
    expect(fake.cell(SHEETS.scorecard, cellAddress(4, inserted))!.value).toBe("Current");
    for (let row = 5; row <= table.range.endRow; row++)
      expect(now.get(`${SHEETS.scorecard}!${cellAddress(row, inserted)}`) ?? null).toBeNull();
    // Every typed value the race left stays, one column right if Current's insertion moved it.
    for (const [key, held] of afterRace) {
      if (typeof held === "string" && held.startsWith("=")) continue;
      const [sheet, address] = key.split("!");
      const { startRow: row, startColumn: column } = parseAddress(address);
      const moved =
        sheet === SHEETS.scorecard &&
        row >= table.range.startRow &&
        row <= table.range.endRow &&
        column >= inserted;
      const at = `${sheet}!${cellAddress(row, moved ? column + 1 : column)}`;
      expect([key, now.get(at) ?? null]).toEqual([key, held]);
    }
    expect(fake.cell(SHEETS.scorecard, "C6")!.value).toBe("Bo's");
  });

  test("the table's range is not the one the plan saw (rows added below it): nothing inserted, nothing written", async () => {
    const { fake, plan } = await columnDeletedWorkbook("portable", SHEETS.scorecard, "Current");
    const table = fake.tables.find((entry) => entry.name === "OkrKeyResults")!;
    table.range = { ...table.range, endRow: table.range.endRow + 3 };
    const before = contents(fake);
    await expect(writeRepair(fake.context, plan)).rejects.toThrow(
      /the range of the table OkrKeyResults is not what the check saw\)\. Nothing was written/
    );
    expect(fake.calls.some((call) => call.method === "TableColumnCollection.add")).toBe(false);
    expect(contents(fake)).toEqual(before);
  });

  test("the request with the add refused: a plain message that nothing was written in it", async () => {
    const { fake, plan } = await columnDeletedWorkbook("portable", SHEETS.scorecard, "Current");
    const before = contents(fake);
    let syncs = 0;
    const context = {
      ...fake.context,
      sync: async () => {
        if (++syncs === 2) throw new Error("InvalidOperation: This operation would shift cells");
        await fake.context.sync();
      },
    } as Excel.RequestContext;
    await expect(writeRepair(context, plan)).rejects.toThrow(
      /^Repair could not insert the column Current into the table OkrKeyResults \(InvalidOperation: This operation would shift cells\)\. The columns are inserted before any cell is written, so this step wrote nothing\. Nothing was written\.$/
    );
    expect(contents(fake)).toEqual(before);
  });

  test("the fake leaves a whole-column reference as Excel does, and refuses a range partly moved", () => {
    expect(cellsMovedRight("=SUM($C:$C)+C2", "Log", "Log", { first: 0, last: 20 }, 1)).toBe(
      "=SUM($C:$C)+D2"
    );
    expect(() => cellsMovedRight("=SUM(C2:C40)", "Log", "Log", { first: 0, last: 20 }, 1)).toThrow(
      /only partly in the moved cells/
    );
    expect(
      cellsMovedRight("=SUM(Other!$C:$C)+B2+$A$1", "Log", "Log", { first: 0, last: 20 }, 1)
    ).toBe("=SUM(Other!$C:$C)+C2+$A$1");
    expect(
      cellsMovedRight(
        '=COUNTIF(Scorecard!$K$6:$K$13,"K6")',
        "Dash",
        "Scorecard",
        { first: 4, last: 12 },
        8
      )
    ).toBe('=COUNTIF(Scorecard!$L$6:$L$13,"K6")');
  });
});

/** Whole sheet rows deleted (see deletedWorkbook). */
async function rowsDeletedWorkbook(
  style: FormulaStyle,
  sheetName: string,
  rows: number[]
): Promise<{
  fake: FakeExcel;
  original: Map<string, unknown>;
  tables: Map<string, string>;
  plan: RepairPlan;
}> {
  const { fake, original, tables, plan } = await deletedWorkbook(style, {
    rows: [sheetName, rows],
  });
  return { fake, original, tables, plan };
}

function tableRanges(fake: FakeExcel): Map<string, string> {
  return new Map(
    fake.tables.map((table) => [
      table.name,
      `${table.sheet}!${cellAddress(table.range.startRow, table.range.startColumn)}:${cellAddress(table.range.endRow, table.range.endColumn)}`,
    ])
  );
}

/** Every cell of the fake holds what the generated workbook held (formulas as the builder's). */
function expectAsGenerated(fake: FakeExcel, original: Map<string, unknown>): void {
  const after = contents(fake);
  for (const key of new Set([...original.keys(), ...after.keys()])) {
    const held = original.get(key) ?? null;
    const now = after.get(key) ?? null;
    if (typeof held === "string" && held.startsWith("="))
      expect([key, normalisedFormula(String(now))]).toEqual([key, normalisedFormula(held)]);
    // HyperFormula, whose values the damage copied, rounds 27.400000000000002 to 27.4.
    else if (typeof held === "number") expect([key, now]).toEqual([key, expect.closeTo(held, 9)]);
    else expect([key, now === "" ? null : now]).toEqual([key, held === "" ? null : held]);
  }
}

describe("writeRepair inserts deleted rows (Range.insert down, never TableRowCollection.add)", () => {
  test.each(
    STYLES.flatMap((style) =>
      (
        [
          ["a Dashboard row", SHEETS.dashboard, [7], []],
          [
            "two Dashboard rows apart and the table's last row",
            SHEETS.dashboard,
            [6, 9, 13],
            ["OkrDashboard"],
          ],
          ["two Monthly Review rows next to each other", SHEETS.review, [11, 12], []],
          ["the Scorecard's objective table's last row", SHEETS.scorecard, [17], ["OkrObjectives"]],
          ["the Scorecard's Overall score row", SHEETS.scorecard, [2], []],
        ] as const
      ).map(([name, sheet, rows, resized]) => [name, style, sheet, rows, resized] as const)
    )
  )(
    "%s (%s style): inserted, the builder's formulas everywhere, every cell as generated, in two syncs",
    async (_, style, sheet, rows, resized) => {
      const { fake, original, tables, plan } = await rowsDeletedWorkbook(style, sheet, [...rows]);
      expect((plan.rows ?? []).map((row) => [row.sheet, row.row])).toEqual(
        [...rows].sort((a, b) => a - b).map((row) => [sheet, row])
      );
      const syncsBefore = fake.syncs;
      const result = await writeRepair(fake.context, plan, { isSetSupported: everyVersion });
      expect(result).toMatchObject({ syncs: 2, batches: 1, displaced: [] });
      expect(fake.syncs - syncsBefore).toBe(2);
      const first = fake.syncs - 2;
      expect(fake.callsOf(first).filter((call) => call.kind === "set")).toEqual([]);
      const second = fake.callsOf(first + 1);
      const inserts = second.filter((call) => call.method === "Range.insert");
      expect(inserts).toHaveLength(rows.length);
      // Every insertion (and resize) comes before every write of its request.
      const firstSet = second.findIndex((call) => call.kind === "set");
      expect(second.indexOf(inserts[inserts.length - 1])).toBeLessThan(firstSet);
      expect(
        second.filter((call) => call.method === "Table.resize").map((call) => call.args.length)
      ).toEqual(resized.map(() => 1));
      expect(second.filter((call) => call.kind === "set")).toHaveLength(
        plan.writes.length + plan.names.length
      );
      expect(fake.calls.some((call) => call.method.startsWith("TableRowCollection"))).toBe(false);
      expect(tableRanges(fake)).toEqual(tables);
      // An objective's owner, typed in its Scorecard row, went with the deletion: told.
      const typed = plan.report.some((line) =>
        /went with the deletion: type it in again/.test(line)
      );
      expect(typed).toBe(sheet === SHEETS.scorecard && rows[0] === 17);
      if (typed) {
        // The row's typed cells come back empty (C18 the owner, D18 the period); the rest as built.
        const lost = [...original.keys()].filter(
          (key) =>
            /^Scorecard![A-Z]+18$/.test(key) &&
            !String(original.get(key)).startsWith("=") &&
            (contents(fake).get(key) ?? null) === null
        );
        expect(lost).toEqual(["Scorecard!C18", "Scorecard!D18"]);
        for (const key of lost) original.delete(key);
      }
      expectAsGenerated(fake, original);
    }
  );

  test.each(STYLES)(
    "a Dashboard row and the Scorecard's Current column: both inserted by one Repair, every cell as generated, in two syncs (%s style)",
    async (style) => {
      const { fake, original, tables, plan } = await deletedWorkbook(style, {
        rows: [SHEETS.dashboard, [7]],
        column: [SHEETS.scorecard, "Current"],
      });
      expect((plan.rows ?? []).map((row) => [row.sheet, row.row])).toEqual([[SHEETS.dashboard, 7]]);
      expect((plan.insertions ?? []).map((insertion) => insertion.header)).toEqual(["Current"]);
      const syncsBefore = fake.syncs;
      const result = await writeRepair(fake.context, plan, { isSetSupported: everyVersion });
      expect(result).toMatchObject({ syncs: 2, batches: 1, displaced: [] });
      expect(fake.syncs - syncsBefore).toBe(2);
      const second = fake.callsOf(fake.syncs - 1);
      // The row, then the column, before every write of the request.
      const insert = second.findIndex((call) => call.method === "Range.insert");
      const add = second.findIndex((call) => call.method === "TableColumnCollection.add");
      const firstSet = second.findIndex((call) => call.kind === "set");
      expect(insert).toBeGreaterThanOrEqual(0);
      expect(insert).toBeLessThan(add);
      expect(add).toBeLessThan(firstSet);
      expect(tableRanges(fake)).toEqual(tables);
      expectAsGenerated(fake, original);
    }
  );

  test.each(STYLES.flatMap((style) => [false, true].map((tick) => [style, tick] as const)))(
    "a person's formula over a computed cell (OKR028) below a Dashboard row deleted (%s style, ticked: %s): the row inserted, the formula restored and kept as a note only when ticked, in two syncs",
    async (style, tick) => {
      const { fake, original, tables, plan } = await deletedWorkbook(
        style,
        { rows: [SHEETS.dashboard, [6]] },
        {
          damage: (memory) => typeOver(memory, SHEETS.dashboard, "I10", "=H10*2"),
          restoreFormulas: tick,
        }
      );
      expect((plan.rows ?? []).map((row) => [row.sheet, row.row + 1])).toEqual([
        [SHEETS.dashboard, 7],
      ]);
      // The person's formula read H10 before the deletion, H9 after it: kept as it is now.
      expect(plan.kept.map((kept) => [kept.from, kept.value, kept.as])).toEqual(
        tick ? [["Dashboard!I10", "=H9*2", "formula"]] : []
      );
      const syncsBefore = fake.syncs;
      const result = await writeRepair(fake.context, plan, { isSetSupported: everyVersion });
      expect(result).toMatchObject({ syncs: 2, batches: 1, displaced: [] });
      expect(fake.syncs - syncsBefore).toBe(2);
      const second = fake.callsOf(fake.syncs - 1);
      const insert = second.findIndex((call) => call.method === "Range.insert");
      expect(insert).toBeGreaterThanOrEqual(0);
      expect(insert).toBeLessThan(second.findIndex((call) => call.kind === "set"));
      expect(tableRanges(fake)).toEqual(tables);
      const now = contents(fake);
      if (tick) {
        // Restored where the row's insertion put it back, the person's formula in the note.
        const [note] = plan.kept;
        expect(String(now.get(note.to))).toContain("=H9*2");
        expect(original.has(note.to)).toBe(false);
        original.set(note.to, now.get(note.to));
      } else {
        // Left as the person wrote it, moved down with its row, its reference with it.
        expect(now.get("Dashboard!I10")).toBe("=H10*2");
        original.set("Dashboard!I10", "=H10*2");
      }
      expectAsGenerated(fake, original);
    }
  );

  test("without ExcelApi 1.13, a table's last row is refused plainly before anything is written", async () => {
    const { fake, plan } = await rowsDeletedWorkbook("portable", SHEETS.scorecard, [17]);
    const before = contents(fake);
    const syncsBefore = fake.syncs;
    await expect(
      writeRepair(fake.context, plan, {
        isSetSupported: (set, version) => set === "ExcelApi" && Number(version.slice(2)) < 13,
      })
    ).rejects.toThrow(/needs Excel API 1\.13 \(Table\.resize\).*Nothing was written/);
    expect(fake.syncs).toBe(syncsBefore);
    expect(contents(fake)).toEqual(before);
  });

  test("a plan with inserted rows past the request budget is refused before anything is written, not split", async () => {
    const { fake, plan } = await rowsDeletedWorkbook("portable", SHEETS.dashboard, [7]);
    const filler = "x".repeat(64 * 1024);
    const large: RepairPlan = {
      ...plan,
      writes: [
        ...plan.writes,
        ...Array.from({ length: 60 }, (_, index) => ({
          sheet: SHEETS.dashboard,
          address: `AZ${index + 100}`,
          content: { kind: "text" as const, text: filler },
          before: null,
        })),
      ],
    };
    expect(() => repairBatches(large)).toThrow(RepairTooLargeError);
    // The same writes without the insertion are split into batches.
    expect(repairBatches({ ...large, rows: [] }).length).toBeGreaterThan(1);
    const before = contents(fake);
    const syncsBefore = fake.syncs;
    await expect(
      writeRepair(fake.context, large, { isSetSupported: everyVersion })
    ).rejects.toThrow(/inserts rows or columns and writes about \d\.\d MB.*Nothing was written/);
    expect(fake.syncs).toBe(syncsBefore);
    expect(contents(fake)).toEqual(before);
    // Under the budget it is one batch.
    expect(repairBatches(plan)).toHaveLength(1);
    expect(REQUEST_BUDGET_BYTES).toBeGreaterThan(0);
  });

  test("an insertion Excel refuses (a cell in the sheet's last row): the error says rows may be in and cells written, check again", async () => {
    const { fake, plan } = await rowsDeletedWorkbook("portable", SHEETS.dashboard, [7]);
    const dashboard = fake.sheets.find((sheet) => sheet.name === SHEETS.dashboard)!;
    dashboard.cells.set("1048575,0", { ...dashboard.cells.get("0,0")! });
    const syncsBefore = fake.syncs;
    await expect(writeRepair(fake.context, plan, { isSetSupported: everyVersion })).rejects.toThrow(
      /Repair stopped while inserting the rows Dashboard row 8 and writing the cells after them \(.*InsertDeleteConflict.*\)\. .*some of the rows may be inserted.*Check the workbook again/
    );
    expect(fake.syncs - syncsBefore).toBe(2);
  });

  test("a write after the insertions that Excel refuses: the error does not claim nothing was written", async () => {
    const { fake, plan } = await rowsDeletedWorkbook("portable", SHEETS.dashboard, [7]);
    // A new name that clashes with a table's: refused at the second sync, after the inserts.
    const clash: RepairPlan = {
      ...plan,
      names: [...plan.names, { name: "OkrDashboard", formula: "=1", before: null }],
    };
    const syncsBefore = fake.syncs;
    const error = await writeRepair(fake.context, clash, { isSetSupported: everyVersion }).then(
      () => null,
      (reason: Error) => reason
    );
    expect(error?.message).toMatch(/Repair stopped while inserting the rows Dashboard row 8/);
    expect(error?.message).toMatch(/some cells written\. Check the workbook again/);
    expect(error?.message).not.toMatch(/no cell was written|wrote nothing/);
    // The row went in and cells were written before the name failed.
    expect(fake.cell(SHEETS.dashboard, "A8")).not.toBeNull();
    expect(fake.syncs - syncsBefore).toBe(2);
  });

  test("the fake inserts whole rows as Excel does, and refuses what Excel refuses", () => {
    // A range across the first row inserted grows, one ending above it stays, whole columns stay.
    expect(rowsInserted("=SUM($B$5:$B$9)+B5+B6+SUM(C:C)", "S", "S", 5, 2)).toBe(
      "=SUM($B$5:$B$11)+B5+B8+SUM(C:C)"
    );
    expect(rowsInserted("=SUM(S!B2:B6)+'Other'!B9", "T", "S", 5, 1)).toBe(
      "=SUM(S!B2:B7)+'Other'!B9"
    );
    expect(rowsInserted('=COUNTIF(S!A9,"B9")', "T", "S", 0, 1)).toBe('=COUNTIF(S!A10,"B9")');
    const fake = new FakeExcel();
    fake.seedSheet("S", [["H"], [1], [2]]);
    fake.seedTable("S", "T1", "A1:A3");
    const full = fake.seedSheet("U", [["H"]]);
    full.cells.set("1048575,0", { ...full.cells.get("0,0")! });
    fake.context.workbook.worksheets.getItem("S").getRange("3:3").insert("Down");
    fake.context.workbook.worksheets.getItem("S").getRange("5:5").insert("Down");
    return fake.context.sync().then(async () => {
      // Inside the table it grows; just below it it does not.
      expect(tableRanges(fake).get("T1")).toBe("S!A1:A4");
      expect(fake.cell("S", "A4")!.value).toBe(2);
      // A row that would push a cell off the sheet.
      fake.context.workbook.worksheets.getItem("U").getRange("2:2").insert("Down");
      await expect(fake.context.sync()).rejects.toThrow(/InsertDeleteConflict/);
    });
  });
});
