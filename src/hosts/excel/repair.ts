import type { HeldContent, RepairPlan, RepairWrite } from "../../sheets/repair";
import { normalisedFormula } from "../../sheets/structure";
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
 * A plan whose requests would come near Excel on the web's 5 MB limit is split into batches of
 * at most REQUEST_BUDGET_BYTES each, each read and written in its own two syncs (a typical
 * repair, a few hundred cells, is one batch).
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
}

/** Refused before anything was written: the workbook is not as the check saw it. */
export class WorkbookChangedError extends Error {
  constructor(readonly where: string) {
    super(
      `The workbook changed since it was checked (${where} is not what the check saw). Nothing was written: check the workbook again, then repair.`
    );
    this.name = "WorkbookChangedError";
  }
}

function contentBytes(write: RepairWrite): number {
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

/** The plan's writes in batches under the request budget; the names go with the first. */
export function repairBatches(plan: RepairPlan): RepairPlan[] {
  const batches: RepairPlan[] = [];
  let current: RepairPlan = { writes: [], names: plan.names, kept: [], report: [] };
  let bytes = plan.names.reduce((sum, name) => sum + BYTES_PER_WRITE + name.formula.length, 0);
  for (const write of plan.writes) {
    const size = contentBytes(write);
    if (bytes + size > REQUEST_BUDGET_BYTES && current.writes.length > 0) {
      batches.push(current);
      current = { writes: [], names: [], kept: [], report: [] };
      bytes = 0;
    }
    current.writes.push(write);
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

export async function writeRepair(
  context: Excel.RequestContext,
  plan: RepairPlan
): Promise<RepairResult> {
  const batches = repairBatches(plan);
  let syncs = 0;
  for (const batch of batches) {
    // 1. Read back what the plan writes over.
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetOf = (name: string) => {
      if (!sheets.has(name)) sheets.set(name, context.workbook.worksheets.getItem(name));
      return sheets.get(name)!;
    };
    const ranges = batch.writes.map((write) =>
      sheetOf(write.sheet).getRange(write.address).load("formulas")
    );
    const items = batch.names.map((name) =>
      context.workbook.names.getItemOrNullObject(name.name).load("formula")
    );
    try {
      // Two syncs per batch; more than one batch only past the request budget.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      // A sheet of the plan gone since the check (ItemNotFound): the workbook changed.
      syncs++;
      throw new WorkbookChangedError(
        error instanceof Error && /sheet|item/i.test(error.message) ? error.message : String(error)
      );
    }
    syncs++;
    batch.writes.forEach((write, index) => {
      if (!holds(ranges[index].formulas[0][0], write.before))
        throw new WorkbookChangedError(`${write.sheet}!${write.address}`);
    });
    batch.names.forEach((name, index) => {
      const now = items[index].isNullObject ? null : items[index].formula;
      const same =
        now === null || name.before === null
          ? now === name.before
          : normalisedFormula(now) === normalisedFormula(name.before);
      if (!same) throw new WorkbookChangedError(`the name ${name.name}`);
    });
    // 2. Write them all.
    batch.writes.forEach((write, index) => {
      const { content } = write;
      const range = ranges[index];
      if (content.kind === "formula") range.formulas = [[content.formula]];
      else if (content.kind === "text") range.values = [[cellText(content.text)]];
      else if (content.kind === "date") range.values = [[content.serial]];
      else range.values = [[content.value]];
    });
    batch.names.forEach((name, index) => {
      if (items[index].isNullObject) context.workbook.names.add(name.name, name.formula);
      else items[index].formula = name.formula;
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
  }
  return {
    syncs,
    cells: plan.writes.length,
    names: plan.names.length,
    batches: batches.length,
  };
}
