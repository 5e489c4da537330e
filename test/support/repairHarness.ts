import type { MemoryWorkbook } from "../../src/hosts/memory";
import type { Finding } from "../../src/okr/rules";
import { buildWorkbook } from "../../src/sheets/build";
import { readPlan } from "../../src/sheets/read";
import { type RepairInsertion, type RepairPlan, Shift } from "../../src/sheets/repair";
import { cellAt } from "../../src/sheets/snapshot";
import { cellAddress, type FormulaStyle, type WorkbookSnapshot } from "../../src/sheets/spec";
import { normalisedFormula } from "../../src/sheets/structure";
import { rowsInserted } from "./fakeExcel";

/**
 * Repair applied to a memory workbook as a host applies it, and what a repaired workbook must
 * hold to (nothing a person owns changed, every typed value kept, the builder's formulas at their
 * places): shared by the Repair tests and the structure property test.
 */

export function sheetId(workbook: MemoryWorkbook, name: string): number {
  return workbook.engine.getSheetId(name)!;
}

export function at(workbook: MemoryWorkbook, sheet: string, a1: string) {
  return workbook.engine.simpleCellAddressFromString(a1, sheetId(workbook, sheet))!;
}

/**
 * Inserts a table column as Excel's TableColumnCollection.add does: the cells of the table's rows
 * from the column rightwards (the rest of those rows, beyond the table too) move one column
 * right, and the new header cell gets its name; rows above and below the table do not move.
 * HyperFormula has no tables: addColumns would insert a whole sheet column (every row, as the
 * inverse of the damage, which Excel's table insertion is not: the Scorecard's summary row and
 * the Dashboard's weekly trend would come back for free), so the block is moved with moveCells,
 * which also moves the references to the moved cells as Excel's insertion of cells does.
 */
function insertTableColumn(workbook: MemoryWorkbook, insertion: RepairInsertion): void {
  const engine = workbook.engine;
  const sheet = sheetId(workbook, insertion.sheet);
  const { width } = engine.getSheetDimensions(sheet);
  if (width > insertion.column)
    engine.moveCells(
      {
        start: { sheet, row: insertion.rows.first, col: insertion.column },
        end: { sheet, row: insertion.rows.last, col: width - 1 },
      },
      { sheet, row: insertion.rows.first, col: insertion.column + 1 }
    );
  engine.setCellContents(
    { sheet, row: insertion.rows.first, col: insertion.column },
    `'${insertion.header}`
  );
}

/**
 * Writes a plan into the memory workbook as a host writes it: the table columns inserted, then
 * cell by cell, then the names.
 */
export function applyPlan(workbook: MemoryWorkbook, plan: RepairPlan): void {
  const engine = workbook.engine;
  // A whole sheet row, as Range.insert(down) on the row inserts it in Excel.
  for (const insertion of plan.rows ?? [])
    engine.addRows(sheetId(workbook, insertion.sheet), [insertion.row, 1]);
  for (const insertion of plan.insertions ?? []) insertTableColumn(workbook, insertion);
  engine.batch(() => {
    for (const write of plan.writes) {
      const { content } = write;
      const raw =
        content.kind === "formula"
          ? content.formula
          : content.kind === "text"
            ? // Writing "" empties a cell in Excel.
              content.text === ""
              ? null
              : `'${content.text}`
            : content.kind === "date"
              ? content.serial
              : content.value;
      engine.setCellContents(at(workbook, write.sheet, write.address), raw);
    }
    for (const name of plan.names)
      if (engine.isItPossibleToChangeNamedExpression(name.name, name.formula))
        engine.changeNamedExpression(name.name, name.formula);
      else engine.addNamedExpression(name.name, name.formula);
  });
}

/** Every cell of a snapshot that holds something, "Sheet!A1" → its value and formula. */
export function cellsOf(snapshot: WorkbookSnapshot) {
  const cells = new Map<string, { value: unknown; formula: string | null }>();
  for (const sheet of snapshot.sheets)
    for (const row of sheet.rows)
      for (const cell of row.cells)
        cells.set(`${sheet.name}!${cellAddress(row.row, cell.column)}`, {
          value: cell.value,
          formula: cell.formula,
        });
  return cells;
}

/**
 * What repair must hold to: the plan writes only computed cells the findings name, cells that
 * were empty, cells holding a formula where the builder writes one (written again after an
 * inserted column), header cells of a renamed header, and cells of a row laid out again that hold
 * the builder's own labels and formulas; after it, every constant a person typed is where it was
 * (moved right with its row where a column was inserted; the typed-over computed cells excepted),
 * and each typed-over value is in the cell the plan kept it in.
 */
export function expectNothingLost(
  before: WorkbookSnapshot,
  findings: readonly Finding[],
  plan: RepairPlan,
  after: WorkbookSnapshot
): void {
  const computed = new Set(
    findings
      .filter((finding) => finding.ruleId === "OKR021" || finding.ruleId === "OKR022")
      .flatMap((finding) => finding.cells ?? [])
      .filter((cell) => cell.expected !== null)
      .map((cell) => `${cell.sheet}!${cell.address}`)
  );
  const headers = new Set(
    findings
      .filter((finding) => finding.ruleId === "OKR025")
      .flatMap((finding) => finding.cells ?? [])
      .map((cell) => `${cell.sheet}!${cell.address}`)
  );
  const personFormulas = new Set(
    findings
      .filter((finding) => finding.ruleId === "OKR028")
      .flatMap((finding) => finding.cells ?? [])
      .map((cell) => `${cell.sheet}!${cell.address}`)
  );
  const shift = new Shift(plan.insertions ?? [], plan.rows ?? []);
  const read = readPlan(before).plan;
  const built = read === null ? null : buildWorkbook(read, { style: "portable" });
  const builderTexts = new Set(
    (built?.sheets ?? []).flatMap((sheet) =>
      sheet.cells
        .filter((cell) => cell.content.kind === "text")
        .map(
          (cell) =>
            `${sheet.name}!${cell.row}!${cell.content.kind === "text" ? cell.content.text : ""}`
        )
    )
  );
  const was = cellsOf(before);
  const now = cellsOf(after);
  const overwritten = new Set<string>();
  for (const write of plan.writes) {
    const from = write.from === undefined ? write.address : write.from;
    const key = `${write.sheet}!${from}`;
    if (from === null) {
      // A cell of an inserted column: it did not exist.
      expect(write.before).toBeNull();
      continue;
    }
    const held = was.get(key) ?? null;
    if (held === null) continue;
    // An OKR Studio label or formula (of a row laid out again, or written again), a computed
    // cell a finding names, or a header cell.
    const row = Number(/\d+$/.exec(from)![0]) - 1;
    // A person's formula (OKR028) is ours to write over only when ticked: then it is kept.
    const personal = personFormulas.has(key);
    const ours =
      (held.formula !== null &&
        (!personal ||
          plan.kept.some(
            (kept) => kept.as === "formula" && kept.from === `${write.sheet}!${write.address}`
          ))) ||
      builderTexts.has(`${write.sheet}!${row}!${String(held.value)}`);
    if (write.content.kind === "formula")
      expect([key, computed.has(key) || ours]).toEqual([key, true]);
    else expect([key, headers.has(key) || ours]).toEqual([key, true]);
    if (!computed.has(key)) overwritten.add(key);
  }
  for (const [key, cell] of was) {
    if (computed.has(key) || overwritten.has(key)) continue;
    const [sheet, address] = [
      key.slice(0, key.lastIndexOf("!")),
      key.slice(key.lastIndexOf("!") + 1),
    ];
    const moved = `${sheet}!${shift.after(sheet, address)}`;
    if (cell.formula === null) {
      expect([key, now.get(moved)?.value]).toEqual([key, cell.value]);
      continue;
    }
    // A person's formula not written over is where it was, its references moved with the rows
    // inserted (as Excel moves them). Builder formulas written again are compared by
    // expectBuilderFormulas; with columns inserted, references move right too (not modelled).
    if (!personFormulas.has(key) || (plan.insertions ?? []).length > 0) continue;
    const expected = (plan.rows ?? []).reduce(
      (formula, insertion) => rowsInserted(formula, sheet, insertion.sheet, insertion.row, 1),
      cell.formula
    );
    expect([key, normalisedFormula(now.get(moved)?.formula ?? "")]).toEqual([
      key,
      normalisedFormula(expected),
    ]);
  }
  // A typed value is written over only once it is kept somewhere else.
  const keptFrom = new Set(plan.kept.map((kept) => kept.from));
  for (const write of plan.writes)
    if (
      write.before !== null &&
      write.before.formula === null &&
      write.before.value !== "" &&
      write.content.kind === "formula" &&
      !overwritten.has(`${write.sheet}!${write.from ?? write.address}`)
    )
      expect(keptFrom).toContain(`${write.sheet}!${write.address}`);
  for (const kept of plan.kept) {
    const held = now.get(kept.to)?.value;
    if (kept.as === "note" || kept.as === "formula")
      expect(String(held)).toContain(String(kept.value));
    else {
      // The check-in's Value is two columns right of its Date.
      const [sheet, address] = kept.to.split("!");
      const { row } = { row: Number(/\d+$/.exec(address)![0]) - 1 };
      const valueCell = cellAt(
        after.sheets.find((entry) => entry.name === sheet)!,
        row,
        /^[A-Z]+/.exec(address)![0].charCodeAt(0) - 65 + 2
      );
      expect(valueCell?.value).toEqual(kept.value);
    }
  }
}

/**
 * Every formula the builder writes, for the plan read back, is in the workbook at its place; with
 * `logRows` fewer log rows (a log row deleted, an edit of content), the log's last rows aside.
 */
export function expectBuilderFormulas(
  snapshot: WorkbookSnapshot,
  style: FormulaStyle,
  logRows = 0
): void {
  const spec = buildWorkbook(readPlan(snapshot).plan!, { style });
  for (const sheet of spec.sheets) {
    const found = snapshot.sheets.find((entry) => entry.name === sheet.name)!;
    const log = sheet.tables.find((table) => table.name === "OkrCheckIns")?.range;
    for (const cell of sheet.cells)
      if (cell.content.kind === "formula" && !(log && cell.row > log.endRow - logRows))
        expect([
          `${sheet.name}!${cellAddress(cell.row, cell.column)}`,
          normalisedFormula(cellAt(found, cell.row, cell.column)?.formula ?? ""),
        ]).toEqual([
          `${sheet.name}!${cellAddress(cell.row, cell.column)}`,
          normalisedFormula(cell.content.formula),
        ]);
  }
}
