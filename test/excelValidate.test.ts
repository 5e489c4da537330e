import { insertWorkbook, readWorkbook, select, type RequirementChecker } from "../src/hosts/excel";
import { validateWorkbook } from "../src/hosts/excel/validate";
import { loadWorkbook, type MemoryWorkbook } from "../src/hosts/memory";
import type { Plan } from "../src/okr/model";
import { checkWorkbook, type Finding } from "../src/okr/rules";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { readPlan } from "../src/sheets/read";
import { readWorkbookFacts } from "../src/sheets/structure";
import { SHEETS } from "../src/sheets/layout";
import {
  cellAddress,
  type FormulaStyle,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../src/sheets/spec";
import { FakeExcel, parseAddress, planWithKeyResults } from "./support/fakeExcel";

/**
 * Checking the open workbook through the Office.js host, against the recording fake: the same
 * findings as the rules on the memory host's snapshot of the same workbook, a constant number of
 * syncs, and not one write.
 */

const everyVersion: RequirementChecker = (set) => set === "ExcelApi";
/** A fixed day (2026-03-18) for staleness and TODAY(), so findings do not change with the date. */
const AS_OF = 46_099;

function planOf(templateId: string): Plan {
  const template = templateById(templateId);
  if (template === undefined) throw new Error(`no template ${templateId}`);
  return instantiate(template);
}

/**
 * The spec written into a fresh fake by the host, with every formula cell showing what Excel would
 * calculate (the fake calculates nothing; the memory host, HyperFormula with the OKR functions,
 * does). Returns the memory host's own snapshot of the same workbook too.
 */
async function calculatedWorkbook(
  spec: WorkbookSpec,
  edit: (memory: MemoryWorkbook) => void = () => undefined
): Promise<{ fake: FakeExcel; snapshot: WorkbookSnapshot }> {
  const fake = new FakeExcel();
  await insertWorkbook(fake.context, spec, { isSetSupported: everyVersion });
  const memory = loadWorkbook(spec, { today: AS_OF });
  try {
    edit(memory);
    for (const sheet of fake.sheets)
      for (const [position, cell] of sheet.cells) {
        if (cell.formula === null) continue;
        const [row, column] = position.split(",").map(Number);
        const address = cellAddress(row, column);
        // A formula the edit typed over is a constant now, in Excel as in the memory host.
        if (memory.formula(sheet.name, address) === null) cell.formula = null;
        cell.value = memory.value(sheet.name, address);
      }
    return { fake, snapshot: memory.snapshot() };
  } finally {
    memory.dispose();
  }
}

/** The workbook's cells, serialised, to show that validating changed none of them. */
function contents(fake: FakeExcel): string {
  return JSON.stringify(
    fake.sheets.map((sheet) => ({
      name: sheet.name,
      visibility: sheet.visibility,
      cells: [...sheet.cells.entries()].sort(([a], [b]) => a.localeCompare(b)),
      frozenRows: sheet.frozenRows,
    }))
  );
}

/** What a read may ask Office for; anything else (a set, an add, a format…) would be a write. */
const READ_ONLY_CALLS = new Set([
  "WorksheetCollection.load",
  "NamedItemCollection.getItemOrNullObject",
  "NamedItem.load",
  "Worksheet.getUsedRange",
  "Worksheet.getRange",
  "Range.getIntersectionOrNullObject",
  "Range.load",
]);

describe("validateWorkbook: the same findings as the rules on the workbook's snapshot", () => {
  test.each`
    template                  | style
    ${"predictive-analytics"} | ${"portable"}
    ${"predictive-analytics"} | ${"functions"}
    ${"completed-cv-q4-2025"} | ${"portable"}
    ${"copilot-studio-d365"}  | ${"functions"}
    ${"alignment-example"}    | ${"portable"}
  `(
    "$template, $style formulas, calculated as Excel would",
    async ({ template, style }: { template: string; style: FormulaStyle }) => {
      const spec = buildWorkbook(planOf(template), { style });
      const { fake, snapshot } = await calculatedWorkbook(spec);
      const result = await validateWorkbook(fake.context, {
        asOf: AS_OF,
        isSetSupported: everyVersion,
      });
      expect(result.planFound).toBe(true);
      expect(result.findings).toEqual(checkWorkbook(readWorkbookFacts(snapshot), { asOf: AS_OF }));
      // The mark is read with the sheets: an undamaged workbook has no structure finding.
      expect(result.findings.filter((finding) => finding.ruleId >= "OKR021")).toEqual([]);
    }
  );

  test("a score typed over its formula: OKR010 at that cell, as the rules find it directly", async () => {
    const spec = buildWorkbook(planOf("completed-cv-q4-2025"), { style: "portable" });
    const facts = readPlan((await calculatedWorkbook(spec)).snapshot);
    // A key result with a current value, so the score the sheet should show is known.
    const keyResult = facts.plan?.objectives
      .flatMap((objective) => objective.keyResults)
      .find((candidate) => candidate.current !== null);
    const scoreCell = keyResult && facts.locations.keyResults[keyResult.id]?.fields.score;
    if (scoreCell === undefined) throw new Error("no scored key result with a score cell");

    // A person types 0.99 over the score formula; Excel recalculates what depends on it.
    const { fake, snapshot } = await calculatedWorkbook(spec, (memory) => {
      const { startRow, startColumn } = parseAddress(scoreCell.address);
      const sheet = memory.engine.getSheetId(scoreCell.sheet)!;
      memory.engine.setCellContents({ sheet, row: startRow, col: startColumn }, 0.99);
    });
    expect(fake.cell(scoreCell.sheet, scoreCell.address)).toMatchObject({
      formula: null,
      value: 0.99,
    });

    const { findings } = await validateWorkbook(fake.context, {
      asOf: AS_OF,
      isSetSupported: everyVersion,
    });
    expect(findings).toEqual(checkWorkbook(readWorkbookFacts(snapshot), { asOf: AS_OF }));
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: "OKR010", location: scoreCell })
    );
    // And the structure check, with the mark read from Excel's names: the formula typed over.
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: "OKR021", location: scoreCell })
    );
  });

  test("options reach the rules: a rule filter and a minimum severity", async () => {
    const spec = buildWorkbook(planOf("completed-cv-q4-2025"), { style: "portable" });
    const { fake } = await calculatedWorkbook(spec);
    const all = (
      await validateWorkbook(fake.context, { asOf: AS_OF, isSetSupported: everyVersion })
    ).findings;
    const errors = (await validateWorkbook(fake.context, { asOf: AS_OF, minSeverity: "error" }))
      .findings;
    expect(errors).toEqual(all.filter((finding) => finding.severity === "error"));
    const someRule = all[0]?.ruleId;
    expect(someRule).toBeDefined();
    const filtered = (await validateWorkbook(fake.context, { asOf: AS_OF, rules: [someRule!] }))
      .findings;
    expect(filtered).toEqual(all.filter((finding) => finding.ruleId === someRule));
  });
});

describe("validateWorkbook: a workbook without OKR tables", () => {
  const notes = [
    ["Shopping", null],
    ["Milk", 2],
    ["Bread", "=B2*2"],
  ];
  test.each`
    case                              | seed
    ${"a sheet of notes and a total"} | ${(fake: FakeExcel) => fake.seedSheet("Notes", notes)}
    ${"one empty sheet"}              | ${(fake: FakeExcel) => fake.seedSheet("Sheet1")}
    ${"only a hidden sheet of notes"} | ${(fake: FakeExcel) => fake.seedSheet("Notes", notes, { visibility: "Hidden" })}
  `("$case: OKR000 alone, naming the headers looked for", async ({ seed }) => {
    const fake = new FakeExcel();
    seed(fake);
    const result = await validateWorkbook(fake.context, {
      asOf: AS_OF,
      isSetSupported: everyVersion,
    });
    expect(result.planFound).toBe(false);
    expect(result.syncs).toBe(2);
    expect(result.findings).toEqual([
      expect.objectContaining<Partial<Finding>>({
        ruleId: "OKR000",
        severity: "error",
        location: null,
        message: expect.stringContaining("Key Result"),
      }),
    ]);
  });
});

describe("validateWorkbook reads once and writes nothing", () => {
  test.each`
    case                             | plan                                    | syncs
    ${"a template (10 key results)"} | ${() => planOf("predictive-analytics")} | ${2}
    ${"25 key results"}              | ${() => planWithKeyResults(25)}         | ${2}
    ${"200 key results"}             | ${() => planWithKeyResults(200)}        | ${"the read's"}
  `("$case: $syncs syncs, only reads, every cell as it was", async ({ plan, syncs }) => {
    const spec = buildWorkbook(plan(), { style: "portable" });
    const { fake } = await calculatedWorkbook(spec);
    // A sheet too tall for the read's first window takes one more sync, as any snapshot read.
    const expectedSyncs = syncs === 2 ? 2 : (await readWorkbook(fake.context)).syncs;
    fake.activeSheet = SHEETS.plan;
    fake.selection = { sheet: SHEETS.plan, address: "B2" };
    const before = contents(fake);
    const syncsBefore = fake.syncs;
    const callsBefore = fake.calls.length;

    const result = await validateWorkbook(fake.context, {
      asOf: AS_OF,
      isSetSupported: everyVersion,
    });

    expect(result.syncs).toBe(expectedSyncs);
    expect(fake.syncs - syncsBefore).toBe(expectedSyncs);
    const calls = fake.calls.slice(callsBefore);
    expect(calls.filter((call) => call.kind === "set")).toEqual([]);
    expect(calls.filter((call) => !READ_ONLY_CALLS.has(call.method))).toEqual([]);
    expect(contents(fake)).toBe(before);
    expect(fake.activeSheet).toBe(SHEETS.plan);
    expect(fake.selection).toEqual({ sheet: SHEETS.plan, address: "B2" });
  });

  test("takes exactly the syncs of the host's snapshot read, also for a sheet read in blocks", async () => {
    const fake = new FakeExcel();
    fake.seedSheet(
      "Big",
      Array.from({ length: 8_000 }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c))
    );
    const read = await readWorkbook(fake.context);
    expect(read.syncs).toBeGreaterThan(2);
    const before = fake.syncs;
    const result = await validateWorkbook(fake.context);
    expect(result.syncs).toBe(read.syncs);
    expect(fake.syncs - before).toBe(read.syncs);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["OKR000"]);
  });
});

test("a finding's cell is selected with the host's select, in one sync", async () => {
  const spec = buildWorkbook(planOf("completed-cv-q4-2025"), { style: "portable" });
  const { fake } = await calculatedWorkbook(spec);
  const { findings } = await validateWorkbook(fake.context, {
    asOf: AS_OF,
    isSetSupported: everyVersion,
  });
  const located = findings.find((finding) => finding.location !== null);
  if (located?.location == null) throw new Error("expected a finding with a location");

  const before = fake.syncs;
  await select(fake.context, located.location);
  expect(fake.syncs - before).toBe(1);
  expect(fake.activeSheet).toBe(located.location.sheet);
  expect(fake.selection).toEqual({
    sheet: located.location.sheet,
    // The fake reports a one-cell range as its cell.
    address: located.location.address.replace(/^([A-Z]+\d+):\1$/, "$1"),
  });
});
