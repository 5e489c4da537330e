import type { HeldContent, RepairInsertion, RepairPlan, RepairWrite } from "../../sheets/repair";
import { cellAddress as cellAddressOf } from "../../sheets/spec";
import { normalisedFormula } from "../../sheets/structure";
import { appendCheckIn, type CheckInRecord } from "./checkIn";
import { officeRequirements, TABLE_RESIZE, type RequirementChecker } from "./requirements";
import { cellText } from "./insert";

/**
 * Writing a repair plan (src/sheets/repair.ts) into the open workbook, in two syncs per batch:
 *
 * 1. One sync reads back every cell and name the plan writes (`formulas` of each cell, the
 *    name's `formula` through getItemOrNullObject). If any holds something other than what the
 *    plan saw at the check, the workbook changed since: nothing is written, and the person is
 *    asked to check again.
 * 2. One sync writes them all: formulas as en-US `formulas`, text as text (a person's text that
 *    looks like a formula or a number gets Excel's apostrophe, cellText), numbers and dates as
 *    values; names by setting `formula` on the item, or `names.add` where it is missing. No
 *    TableRowCollection.add: a check-in goes into a free row the table already has.
 *
 * Co-authoring: a co-author may type into a cell, or record a check-in into the free row, between
 * the two syncs. So the write request, like the check-in writer's (checkIn.ts), reads each target
 * just before writing it (a check-in's whole input row, every log column). After the sync, a cell
 * that held something else than the plan saw was someone's data, and is put back: a check-in row
 * is recorded again in the log's next free row (appendCheckIn, with its own protocol); a typed
 * value is written back into its cell (that cell's formula is then not restored), and a note of
 * Repair's that was in that cell moves one cell right, read again just before. Each is reported.
 *
 * Deleted table columns (plan.insertions) are inserted at the start of the second sync, in order,
 * with TableColumnCollection.add(index, undefined, header) (ExcelApi 1.4 for the name; never
 * TableRowCollection.add), and the writes that follow address the cells where they are after the
 * insertions. Office's reference says only "Columns with a higher index will be shifted to the
 * side" (TableColumnCollection.add, learn.microsoft.com/javascript/api/excel/
 * excel.tablecolumncollection); "Work with tables using the Excel JavaScript API" shows `values`
 * holding the header first and formulas for a calculated column. Excel inserts cells into the
 * table's rows only, shifting the rest of those rows right, and adjusts references to the shifted
 * cells; rows above and below the table do not move. So no values are passed (a column of A1
 * formulas per row is written with Range.formulas like every other cell, not left to Excel's
 * calculated-column fill), and every formula of the builder is written again after (the plan
 * holds them). The first sync reads what each write's `before` describes where the cell is
 * before the insertions (`from`), and each inserted table's header row: a table whose header row
 * is not what the plan saw stops the repair, as a changed cell does. A plan with insertions is
 * never split into batches (its cells' places depend on the insertions).
 *
 * Deleted rows (plan.rows) are inserted first of all in the second sync, in order, each a whole
 * sheet row with Range.insert(down) (ExcelApi 1.1; never TableRowCollection.add): Excel moves the
 * rows below, the tables, names and references with them, and a table whose inner row it is grows
 * by it. A row that was a table's last row is inserted just below the table, which Excel does not
 * take in: the table is resized to hold it (Table.resize, ExcelApi 1.13; without it Repair
 * refuses before anything is written). The writes that follow address the rows where they are
 * after the insertions, as for columns.
 *
 * A plan whose requests would come near Excel on the web's 5 MB limit is split into batches of
 * at most REQUEST_BUDGET_BYTES each, each read and written in its own two syncs (a typical
 * repair, a few hundred cells, is one batch). A group of writes (a check-in's row, a kept value
 * and the formula restored over it) is never split between batches. A plan that inserts rows or
 * columns is never split (every later address depends on the insertions): past the budget it is
 * refused before anything is written (RepairTooLargeError).
 */

/**
 * The estimated request size of one batch: under Excel on the web's 5 MB request limit with room
 * to spare (the estimate counts each call's JSON as the recording fake does).
 */
export const REQUEST_BUDGET_BYTES = 3 * 1024 * 1024;

/** What one written cell costs in a request beyond its content (the calls and object paths). */
const BYTES_PER_WRITE = 600;

export interface RepairResult {
  /** context.sync calls. */
  syncs: number;
  /** Cells and names written. */
  cells: number;
  names: number;
  /** Batches the plan was split into (1 unless it is very large). */
  batches: number;
  /** A co-author's data written over between the two syncs and put back, one line each. */
  displaced: string[];
}

/** Refused before anything (or anything more) was written: the workbook is not as the check saw it. */
export class WorkbookChangedError extends Error {
  constructor(
    readonly where: string,
    progress: { written: number; total: number } = { written: 0, total: 1 }
  ) {
    super(
      `The workbook changed since it was checked (${where} is not what the check saw). ${writtenSoFar(progress)}: check the workbook again, then repair.`
    );
    this.name = "WorkbookChangedError";
  }
}

/** A plan with insertions too large for one request: refused before anything is written. */
export class RepairTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(
      `This repair inserts rows or columns and writes about ${(bytes / 1024 / 1024).toFixed(1)} MB of cells, more than Excel takes in one request (${(REQUEST_BUDGET_BYTES / 1024 / 1024).toFixed(0)} MB here); its cells cannot be written in parts, since their places depend on the insertions. Nothing was written. Undo the deletions in Excel and check again, or write a new workbook with okr rebuild.`
    );
    this.name = "RepairTooLargeError";
  }
}

/** "Nothing was written", or which batches were written and which remain. */
function writtenSoFar({ written, total }: { written: number; total: number }): string {
  if (written === 0) return "Nothing was written";
  return `Batches 1 to ${written} of ${total} were written; batches ${written + 1} to ${total} were not`;
}

export function contentBytes(write: RepairWrite): number {
  const { content } = write;
  return (
    BYTES_PER_WRITE +
    write.sheet.length +
    (content.kind === "formula"
      ? content.formula.length
      : content.kind === "text"
        ? content.text.length
        : 20) +
    (write.before?.formula?.length ?? 0) +
    String(write.before?.value ?? "").length
  );
}

/** The plan's writes in groups: consecutive writes of one group together. */
function groups(writes: readonly RepairWrite[]): RepairWrite[][] {
  const result: RepairWrite[][] = [];
  for (const write of writes) {
    const last = result[result.length - 1];
    if (last !== undefined && write.group !== undefined && last[0].group === write.group)
      last.push(write);
    else result.push([write]);
  }
  return result;
}

/**
 * The plan's writes in batches under the request budget; the names go with the first. A group
 * (a check-in's row, a kept value and its formula) is never split.
 */
export function repairBatches(plan: RepairPlan): RepairPlan[] {
  if ((plan.insertions ?? []).length > 0 || (plan.rows ?? []).length > 0) {
    const bytes =
      plan.names.reduce((sum, name) => sum + BYTES_PER_WRITE + name.formula.length, 0) +
      plan.writes.reduce((sum, write) => sum + contentBytes(write), 0) +
      ((plan.insertions ?? []).length + (plan.rows ?? []).length) * BYTES_PER_WRITE;
    if (bytes > REQUEST_BUDGET_BYTES) throw new RepairTooLargeError(bytes);
    return [plan];
  }
  const batches: RepairPlan[] = [];
  let current: RepairPlan = { writes: [], names: plan.names, kept: [], report: [] };
  let bytes = plan.names.reduce((sum, name) => sum + BYTES_PER_WRITE + name.formula.length, 0);
  for (const group of groups(plan.writes)) {
    const size = group.reduce((sum, write) => sum + contentBytes(write), 0);
    if (bytes + size > REQUEST_BUDGET_BYTES && current.writes.length > 0) {
      batches.push(current);
      current = { writes: [], names: [], kept: [], report: [] };
      bytes = 0;
    }
    current.writes.push(...group);
    bytes += size;
  }
  batches.push(current);
  return batches;
}

/** Whether a cell read back (its `formulas` entry) holds what the plan saw there. */
function holds(formula: unknown, before: HeldContent | null): boolean {
  if (before === null) return formula === "" || formula === null || formula === undefined;
  if (before.formula !== null)
    return (
      typeof formula === "string" &&
      normalisedFormula(formula) === normalisedFormula(before.formula)
    );
  if (typeof before.value === "number") return formula === before.value;
  if (typeof before.value === "boolean") return formula === before.value;
  return String(formula ?? "") === String(before.value ?? "");
}

/** A cell's content as written: a formula, or a value (text as Excel reads it back). */
type Written = { formula: string } | { value: string | number | boolean };

function writtenOf(content: RepairWrite["content"]): Written {
  if (content.kind === "formula") return { formula: content.formula };
  if (content.kind === "text") return { value: content.text };
  if (content.kind === "date") return { value: content.serial };
  return { value: content.value };
}

/** What a `formulas` entry read back holds, or null when the cell is empty. */
function readOf(formula: unknown): Written | null {
  if (formula === "" || formula === null || formula === undefined) return null;
  if (typeof formula === "string" && formula.startsWith("=")) return { formula };
  if (typeof formula === "number" || typeof formula === "boolean") return { value: formula };
  return { value: String(formula) };
}

function sameWritten(read: Written | null, written: Written | null): boolean {
  if (read === null || written === null) return read === written;
  if ("formula" in read || "formula" in written)
    return (
      "formula" in read &&
      "formula" in written &&
      normalisedFormula(read.formula) === normalisedFormula(written.formula)
    );
  return read.value === written.value;
}

function put(range: Excel.Range, content: Written): void {
  if ("formula" in content) range.formulas = [[content.formula]];
  else
    range.values = [[typeof content.value === "string" ? cellText(content.value) : content.value]];
}

function shown(content: Written): string {
  return "formula" in content ? content.formula : JSON.stringify(content.value);
}

/** An address as Range.address gives it, without its sheet and `$`s: "B2:F9". */
function bare(address: string): string {
  return address.replace(/^.*!/, "").replace(/\$/g, "");
}

/** A table's range before (or after) a batch's insertions into it, as the plan saw it. */
function tableAddress(insertions: RepairInsertion[], table: string, after: boolean): string {
  const into = insertions.filter((insertion) => insertion.table === table);
  const { column, index, rows, headersBefore } = into[0];
  const first = column - index;
  const last = first + headersBefore.length - 1 + (after ? into.length : 0);
  return `${cellAddressOf(rows.first, first)}:${cellAddressOf(rows.last, last)}`;
}

/** A table's header texts once a batch's insertions are in. */
function headersAfter(insertions: RepairInsertion[], table: string): string[] {
  const into = insertions
    .filter((insertion) => insertion.table === table)
    .sort((a, b) => a.index - b.index);
  const headers = [...into[0].headersBefore];
  for (const insertion of into) headers.splice(insertion.index, 0, insertion.header);
  return headers;
}

function sameHeaders(now: string[], expected: string[]): boolean {
  return (
    now.length === expected.length &&
    now.every((text, index) => text.trim() === expected[index].trim())
  );
}

/**
 * Whether two formulas are the same but for their cell references: a formula of OKR Studio's
 * that an insertion moved reads back with its references moved.
 */
function sameShape(a: string, b: string): boolean {
  const shape = (formula: string) =>
    normalisedFormula(formula).replace(/(\$?[A-Z]{1,3}\$?\d+|\$?[A-Z]{1,3}:\$?[A-Z]{1,3})/gi, "@");
  return shape(a) === shape(b);
}

/** A cell given back what a `formulas` entry read from it held. */
function restore(range: Excel.Range, formula: unknown): void {
  const read = readOf(formula);
  if (read === null) range.formulas = [[""]];
  else if ("formula" in read) range.formulas = [[read.formula]];
  else range.values = [[read.value]];
}

/** "B12" → row and column, 0-based. */
function position(address: string): { row: number; column: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, column: column - 1 };
}

/** A co-author's check-in row, read back, as a record to append again; null if it is not one. */
function recordOf(
  values: unknown[],
  columns: { header: string; column: number }[],
  first: number
): CheckInRecord | null {
  const cell = (header: string) => {
    const entry = columns.find((column) => column.header === header);
    return entry === undefined ? undefined : values[entry.column - first];
  };
  const text = (value: unknown) =>
    value === "" || value === null || value === undefined ? undefined : String(value);
  const date = cell("Date");
  const keyResult = cell("Key Result");
  const value = cell("Value");
  const confidence = cell("Confidence");
  const id = text(cell("Entry"));
  if (typeof date !== "number" || typeof keyResult !== "string" || keyResult.trim() === "")
    return null;
  return {
    ...(id !== undefined && /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(id) ? { id } : {}),
    date,
    keyResultId: keyResult,
    value:
      typeof value === "number" || typeof value === "boolean" || typeof value === "string"
        ? value === ""
          ? null
          : value
        : null,
    confidence: typeof confidence === "number" ? confidence : null,
    comment: text(cell("Comment")),
    author: text(cell("Author")),
    replaces: text(cell("Replaces")) ?? null,
  };
}

/** How far right of its cell a moved note looks for an empty cell. */
const NOTE_SEARCH_WIDTH = 256;
/** Excel's last column (0-based). */
const LAST_COLUMN = 16_383;

function sheetGone(name: string, progress: { written: number; total: number }): Error {
  return new Error(
    `The sheet "${name}" is gone since the workbook was checked. ${writtenSoFar(progress)}: check the workbook again.`
  );
}

/** The sheets of `names` the workbook no longer has (one sync). */
async function goneSheets(context: Excel.RequestContext, names: string[]): Promise<string[]> {
  const items = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
  await context.sync();
  return names.filter((_, index) => items[index].isNullObject);
}

/** Rounds of putting back displaced cells before giving up (each one or two syncs). */
const MAX_PUT_BACK_ROUNDS = 20;

interface PutBack {
  sheet: string;
  address: string;
  content: Written;
  /** What the cell must hold just before: else that is displaced in turn. */
  expect: Written | null;
  /** Repair's own note, moved right when its cell is taken. */
  own: boolean;
}

export async function writeRepair(
  context: Excel.RequestContext,
  plan: RepairPlan,
  options: { isSetSupported?: RequirementChecker } = {}
): Promise<RepairResult> {
  const batches = repairBatches(plan);
  const resized = (plan.rows ?? []).find((row) => row.resize !== undefined);
  if (
    resized !== undefined &&
    !(options.isSetSupported ?? officeRequirements)("ExcelApi", TABLE_RESIZE)
  )
    throw new Error(
      `Repair puts back row ${resized.row + 1} of ${resized.sheet}, the last row of the table ${resized.resize!.table}, which needs Excel API ${TABLE_RESIZE} (Table.resize) to take the row into the table, and this Excel does not have it. Nothing was written: undo the deletion in Excel, or write a new workbook with okr rebuild.`
    );
  const displaced: string[] = [];
  let syncs = 0;
  for (const [index, batch] of batches.entries()) {
    const progress = { written: index, total: batches.length };
    // 1. Read back what the plan writes over.
    const sheetNames = [...new Set(batch.writes.map((write) => write.sheet))];
    const sheets = new Map(
      sheetNames.map((name) => [name, context.workbook.worksheets.getItemOrNullObject(name)])
    );
    for (const insertion of [...(batch.insertions ?? []), ...(batch.rows ?? [])])
      if (!sheets.has(insertion.sheet))
        sheets.set(
          insertion.sheet,
          context.workbook.worksheets.getItemOrNullObject(insertion.sheet)
        );
    // Where `before` is: the cell before the insertions; none for a cell an insertion makes.
    const ranges = batch.writes.map((write) => {
      const from = write.from === undefined ? write.address : write.from;
      return from === null ? null : sheets.get(write.sheet)!.getRange(from).load("formulas");
    });
    const tableNames = [...new Set((batch.insertions ?? []).map((insertion) => insertion.table))];
    const tables = new Map(
      tableNames.map((name) => {
        const table = context.workbook.tables.getItemOrNullObject(name);
        return [
          name,
          {
            table,
            header: table.getHeaderRowRange().load("values"),
            range: table.getRange().load("address"),
          },
        ];
      })
    );
    const items = batch.names.map((name) =>
      context.workbook.names.getItemOrNullObject(name.name).load("formula")
    );
    // The tables a row inserted below them is taken into.
    const resizing = new Map(
      (batch.rows ?? []).flatMap((row) =>
        row.resize === undefined
          ? []
          : [[row.resize.table, context.workbook.tables.getItemOrNullObject(row.resize.table)]]
      )
    );
    try {
      // Two syncs per batch; more than one batch only past the request budget.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      syncs++;
      // A range on a sheet that is gone fails the whole read: which sheet, asked on its own.
      const gone = await goneSheets(context, sheetNames).catch(() => []);
      if (gone.length > 0) throw sheetGone(gone[0], progress);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Repair could not read the workbook: ${message}. ${writtenSoFar(progress)}.`);
    }
    syncs++;
    for (const [name, sheet] of sheets) if (sheet.isNullObject) throw sheetGone(name, progress);
    for (const [name, table] of resizing)
      if (table.isNullObject) throw new WorkbookChangedError(`the table ${name}`, progress);
    batch.writes.forEach((write, at) => {
      const range = ranges[at];
      if (range !== null && !holds(range.formulas[0][0], write.before))
        throw new WorkbookChangedError(`${write.sheet}!${write.from ?? write.address}`, progress);
    });
    for (const insertion of batch.insertions ?? []) {
      const { table, header } = tables.get(insertion.table)!;
      const now = table.isNullObject ? null : (header.values[0] as unknown[]).map(String);
      const same =
        now !== null &&
        now.length === insertion.headersBefore.length &&
        now.every((text, index) => text.trim() === insertion.headersBefore[index].trim());
      if (!same)
        throw new WorkbookChangedError(`the header row of the table ${insertion.table}`, progress);
    }
    // The table's rows and columns as the plan saw them (its rows were found from the cells).
    for (const [name, { range }] of tables)
      if (bare(range.address) !== tableAddress(batch.insertions!, name, false))
        throw new WorkbookChangedError(`the range of the table ${name}`, progress);
    batch.names.forEach((name, at) => {
      const now = items[at].isNullObject ? null : items[at].formula;
      const same =
        now === null || name.before === null
          ? now === name.before
          : normalisedFormula(now) === normalisedFormula(name.before);
      if (!same) throw new WorkbookChangedError(`the name ${name.name}`, progress);
    });
    // 2. Insert the deleted rows, then the deleted table columns, in order, then write every cell
    // where it now is, each target read just before it is written.
    for (const insertion of batch.rows ?? []) {
      sheets
        .get(insertion.sheet)!
        .getRange(`${insertion.row + 1}:${insertion.row + 1}`)
        .insert("Down");
      if (insertion.resize !== undefined)
        resizing
          .get(insertion.resize.table)!
          .resize(`'${insertion.sheet.replace(/'/g, "''")}'!${insertion.resize.address}`);
    }
    for (const insertion of batch.insertions ?? [])
      tables.get(insertion.table)!.table.columns.add(insertion.index, undefined, insertion.header);
    // The tables as the insertions must leave them: else a co-author changed a table between the
    // syncs, and every target is elsewhere than the plan thinks.
    const tablesAfter = [...tables].map(([name, { table }]) => ({
      name,
      header: table.getHeaderRowRange().load("values"),
      range: table.getRange().load("address"),
    }));
    const rowsRead = new Map<
      string,
      { range: Excel.Range; address: string; first: number; write: RepairWrite }
    >();
    const cellsRead: { range: Excel.Range; write: RepairWrite }[] = [];
    for (const write of batch.writes) {
      const sheet = sheets.get(write.sheet)!;
      if (write.checkIn !== undefined) {
        const key = `${write.sheet}!${write.checkIn.row}`;
        if (!rowsRead.has(key)) {
          const cols = write.checkIn.columns.map((column) => column.column);
          const first = Math.min(...cols);
          const last = Math.max(...cols);
          const address = `${cellAddressOf(write.checkIn.row, first)}:${cellAddressOf(write.checkIn.row, last)}`;
          rowsRead.set(key, {
            range: sheet.getRange(address).load("values,formulas"),
            address,
            first,
            write,
          });
        }
      } else cellsRead.push({ range: sheet.getRange(write.address).load("formulas"), write });
      put(sheet.getRange(write.address), writtenOf(write.content));
    }
    batch.names.forEach((name, at) => {
      if (items[at].isNullObject) context.workbook.names.add(name.name, name.formula);
      else items[at].formula = name.formula;
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      syncs++;
      if ((batch.rows ?? []).length > 0) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `Repair stopped while inserting the rows ${batch.rows!.map((row) => `${row.sheet} row ${row.row + 1}`).join(", ")} and writing the cells after them (${message}). Excel carries out this step in order until something fails: some of the rows may be inserted (empty, or with some of their cells written), and some cells written. Check the workbook again: it shows what is left to repair (an extra empty row inserted: delete it). ${writtenSoFar(progress)}.`
        );
      }
      if ((batch.insertions ?? []).length === 0) throw error;
      // The adds are queued before any write: a failed add means nothing was written.
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Repair could not insert the column ${batch.insertions!.map((insertion) => `${insertion.header} into the table ${insertion.table}`).join(" and ")} (${message}). The columns are inserted before any cell is written, so this step wrote nothing. ${writtenSoFar(progress)}.`
      );
    }
    syncs++;
    const moved = tablesAfter.filter(
      ({ name, header, range }) =>
        bare(range.address) !== tableAddress(batch.insertions!, name, true) ||
        !sameHeaders(
          (header.values[0] as unknown[]).map(String),
          headersAfter(batch.insertions!, name)
        )
    );
    if (moved.length > 0) {
      // Every target may hold someone's cell: each gets back what it held just before.
      for (const { range, write } of cellsRead)
        restore(sheets.get(write.sheet)!.getRange(write.address), range.formulas[0][0]);
      for (const { range, address, write } of rowsRead.values())
        sheets.get(write.sheet)!.getRange(address).formulas = range.formulas;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      const names = moved.map(({ name }) => name).join(", ");
      throw new Error(
        `A co-author changed the columns of the table ${names} while Repair inserted ${batch.insertions!.map((insertion) => insertion.header).join(", ")}: every cell Repair wrote is put back as it was, and the inserted column is left empty. Delete it, then run Check and Repair again. ${writtenSoFar(progress)}.`
      );
    }

    // 3. Put back what a co-author wrote between the two syncs.
    for (const { range, first, write } of rowsRead.values()) {
      const values: unknown[] = range.values[0];
      const formulas: unknown[] = range.formulas[0];
      const columns = write.checkIn!.columns;
      const filled = columns.filter(
        ({ column }) => readOf(formulas[column - first]) !== null || values[column - first] !== ""
      );
      if (filled.length === 0) continue;
      const where = `${write.sheet}!${cellAddressOf(write.checkIn!.row, first)}`;
      const record = recordOf(values, columns, first);
      const described = filled
        .map(({ header, column }) => `${header}: ${String(values[column - first])}`)
        .join(", ");
      if (record === null)
        throw new Error(
          `A co-author wrote into ${where} while Repair wrote its check-in there, and it cannot be recorded again as a check-in. Type it in again: ${described}.`
        );
      try {
        const again = await appendCheckIn(context, record, options);
        syncs += again.syncs;
        displaced.push(
          `${where}: a co-author's check-in (${described}) was written there at the same moment; it is recorded again in ${again.sheet}!${again.address}`
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `A co-author's check-in in ${where} was written over by Repair and could not be recorded again (${message}). Type it in again: ${described}.`
        );
      }
    }
    let pending: PutBack[] = [];
    for (const { range, write } of cellsRead) {
      const read = readOf(range.formulas[0][0]);
      // Emptied since (nothing of anyone's to keep), or as the plan saw it (a formula of OKR
      // Studio's that an insertion moved reads back with its references moved: still ours).
      if (read === null || holds(range.formulas[0][0], write.before)) continue;
      if (sameWritten(read, writtenOf(write.content))) continue;
      if (
        write.before?.formula &&
        "formula" in read &&
        sameShape(read.formula, write.before.formula)
      )
        continue;
      const ours = writtenOf(write.content);
      pending.push({
        sheet: write.sheet,
        address: write.address,
        content: read!,
        expect: ours,
        own: false,
      });
      if ("formula" in ours)
        displaced.push(
          `${write.sheet}!${write.address}: ${shown(read!)} was typed there at the same moment; it is put back, and the formula is not restored`
        );
      else {
        const { row, column } = position(write.address);
        pending.push({
          sheet: write.sheet,
          address: cellAddressOf(row, column + 1),
          content: ours,
          expect: null,
          own: true,
        });
        displaced.push(
          `${write.sheet}!${write.address}: ${shown(read!)} was typed there at the same moment; it is put back, and Repair's note moves right`
        );
      }
    }
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_PUT_BACK_ROUNDS)
        throw new Error(
          `The workbook keeps changing where Repair writes. Not written yet, to type in again: ${pending.map((item) => `${item.sheet}!${item.address} ${shown(item.content)}`).join("; ")}.`
        );
      // Repair's notes to move: the first empty cell at or right of where each is to go.
      const own = pending.filter((item) => item.own);
      if (own.length > 0) {
        const rows = own.map((item) => {
          const { row, column } = position(item.address);
          const last = Math.min(column + NOTE_SEARCH_WIDTH - 1, LAST_COLUMN);
          return context.workbook.worksheets
            .getItem(item.sheet)
            .getRange(`${item.address}:${cellAddressOf(row, last)}`)
            .load("formulas");
        });
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        syncs++;
        own.forEach((item, at) => {
          const { row, column } = position(item.address);
          const free = (rows[at].formulas[0] as unknown[]).findIndex(
            (cell) => readOf(cell) === null
          );
          if (free < 0)
            throw new Error(
              `Repair found no empty cell in row ${row + 1} of ${item.sheet} to keep ${shown(item.content)}: type it in again.`
            );
          item.address = cellAddressOf(row, column + free);
        });
      }
      const asked = pending.map((item) => {
        const sheet = context.workbook.worksheets.getItem(item.sheet);
        const range = sheet.getRange(item.address).load("formulas");
        put(sheet.getRange(item.address), item.content);
        return range;
      });
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      const next: PutBack[] = [];
      pending.forEach((item, at) => {
        const read = readOf(asked[at].formulas[0][0]);
        if (read === null || sameWritten(read, item.expect)) return;
        // What was there is someone's: back in its cell, and Repair's note one further right.
        next.push({
          sheet: item.sheet,
          address: item.address,
          content: read!,
          expect: item.content,
          own: false,
        });
        if (item.own) {
          const { row, column } = position(item.address);
          next.push({ ...item, address: cellAddressOf(row, column + 1) });
        }
        displaced.push(`${item.sheet}!${item.address}: ${shown(read!)} was there; it is put back`);
      });
      pending = next;
    }
  }
  return {
    syncs,
    cells: plan.writes.length,
    names: plan.names.length,
    batches: batches.length,
    displaced,
  };
}
