import { insertWorkbook, type RequirementChecker } from "../src/hosts/excel";
import {
  REQUEST_BUDGET_BYTES,
  repairBatches,
  WorkbookChangedError,
  writeRepair,
} from "../src/hosts/excel/repair";
import { loadWorkbook, type MemoryWorkbook } from "../src/hosts/memory";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import { planRepair, type RepairPlan } from "../src/sheets/repair";
import { readWorkbookFacts } from "../src/sheets/structure";
import { cellAddress, type FormulaStyle, type WorkbookSnapshot } from "../src/sheets/spec";
import { createExcelActions } from "../src/taskpane/excel/excelActions";
import { FakeExcel, parseAddress } from "./support/fakeExcel";
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
    expect(result).toEqual({ syncs: 2, cells: plan.writes.length, names: 0, batches: 1 });
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
            ? write.content.text
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
    expect(outcome).toEqual({ syncs: 2, cells: plan.writes.length, names: 0, batches: 1 });
  });

  test("an Excel without ExcelApi 1.7 says what repair needs", async () => {
    const actions = createExcelActions({
      run: () => Promise.reject(new Error("not called")),
      isSetSupported: (set, version) => set === "ExcelApi" && Number(version.split(".")[1]) <= 6,
    });
    await expect(actions.repair!({ writes: [], names: [], kept: [], report: [] })).rejects.toThrow(
      /Repairing a workbook needs ExcelApi 1.7 \(for restoring defined names\)/
    );
  });
});
