import type { SheetSnapshot, SnapshotCell, SnapshotRow, WorkbookSnapshot } from "../../sheets/spec";
import { cellAddress, columnLetter } from "../../sheets/spec";

/**
 * Reading the open workbook back as a sparse snapshot (the cells that hold something), for the
 * validator. A worksheet can only be asked for its used range once its name is known, so the read
 * takes two syncs: the sheet list, then every sheet's used range. (Office.js has no way to reach an unloaded collection's items in the
 * same request.) A workbook too large for one response is read in further requests of at most
 * READ_CELL_BUDGET cells each.
 */

/**
 * Excel on the web also caps a response at 5 MB. A cell comes back twice, value and formula; the
 * generated sheets' formulas average about 100 to 160 characters a cell (the portable progress
 * formula alone has over 1,000; the check-in log's trend helpers are long too), so 20,000 cells
 * stay near 3.3 MB, with room for longer texts (30,000 came to 4.9 MB at 2,000 key results).
 */
export const READ_CELL_BUDGET = 20_000;
/** Columns of the window each sheet is read through in the second sync; wider sheets take a third. */
const WINDOW_COLUMNS = 26;

type CellValue = string | number | boolean | null;

interface RangeDimensions {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * The rows of a block read at (top, left), sparse: the cells that hold a value or a formula.
 * Office reads an empty cell as "", and a constant's "formula" as its value.
 */
function sparseRows(
  top: number,
  left: number,
  values: unknown[][],
  formulas: unknown[][]
): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  values.forEach((line, r) => {
    const cells: SnapshotCell[] = [];
    line.forEach((shown, c) => {
      const value = shown === "" || shown === undefined ? null : (shown as CellValue);
      const written = formulas[r]?.[c];
      const formula =
        typeof written === "string" && written.startsWith("=") && written !== shown
          ? written
          : null;
      if (value !== null || formula !== null) cells.push({ column: left + c, value, formula });
    });
    if (cells.length > 0) rows.push({ row: top + r, cells });
  });
  return rows;
}

/** Row blocks of a range, each within `budget` cells. */
function rowBlocks(range: RangeDimensions, budget: number): RangeDimensions[] {
  const rowsPerBlock = Math.max(1, Math.floor(budget / range.columnCount));
  const blocks: RangeDimensions[] = [];
  for (let offset = 0; offset < range.rowCount; offset += rowsPerBlock)
    blocks.push({
      rowIndex: range.rowIndex + offset,
      columnIndex: range.columnIndex,
      rowCount: Math.min(rowsPerBlock, range.rowCount - offset),
      columnCount: range.columnCount,
    });
  return blocks;
}

function addressOf(range: RangeDimensions): string {
  return `${cellAddress(range.rowIndex, range.columnIndex)}:${cellAddress(
    range.rowIndex + range.rowCount - 1,
    range.columnIndex + range.columnCount - 1
  )}`;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  syncs: number;
}

/** The snapshot, with the number of syncs it took (two unless the workbook is very large). */
export async function readWorkbook(context: Excel.RequestContext): Promise<ReadResult> {
  const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
  await context.sync();
  let syncs = 1;

  const sheets = worksheets.items.map((worksheet) => ({
    worksheet,
    name: worksheet.name,
    visible: worksheet.visibility === "Visible",
  }));
  const windowRows = Math.max(
    1,
    Math.floor(READ_CELL_BUDGET / Math.max(1, sheets.length) / WINDOW_COLUMNS)
  );
  const windowAddress = `A1:${columnLetter(WINDOW_COLUMNS - 1)}${windowRows}`;
  const reads = sheets.map(({ worksheet }) => {
    // getUsedRange (not …OrNullObject) gives A1 for an empty sheet, so the window below never
    // hangs off a null object.
    const used = worksheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
    const window = used
      .getIntersectionOrNullObject(windowAddress)
      .load("rowIndex,columnIndex,rowCount,columnCount,values,formulas");
    return { used, window };
  });
  await context.sync();
  syncs++;

  const snapshots: SheetSnapshot[] = [];
  const pending: { sheet: number; block: RangeDimensions }[] = [];
  sheets.forEach(({ name, visible }, index) => {
    const { used, window } = reads[index];
    const dimensions: RangeDimensions = {
      rowIndex: used.rowIndex,
      columnIndex: used.columnIndex,
      rowCount: used.rowCount,
      columnCount: used.columnCount,
    };
    const covered =
      !window.isNullObject &&
      window.rowCount === used.rowCount &&
      window.columnCount === used.columnCount;
    const snapshot: SheetSnapshot = { name, visible, rows: [] };
    snapshots.push(snapshot);
    if (covered)
      snapshot.rows = sparseRows(
        window.rowIndex,
        window.columnIndex,
        window.values,
        window.formulas
      );
    else
      for (const block of rowBlocks(dimensions, READ_CELL_BUDGET))
        pending.push({ sheet: index, block });
  });

  // Large sheets: their row blocks, grouped into requests of at most READ_CELL_BUDGET cells.
  while (pending.length > 0) {
    const group: typeof pending = [];
    let cells = 0;
    while (
      pending.length > 0 &&
      (group.length === 0 ||
        cells + pending[0].block.rowCount * pending[0].block.columnCount <= READ_CELL_BUDGET)
    ) {
      const next = pending.shift()!;
      cells += next.block.rowCount * next.block.columnCount;
      group.push(next);
    }
    const ranges = group.map(({ sheet, block }) =>
      sheets[sheet].worksheet.getRange(addressOf(block)).load("values,formulas")
    );
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
    // A sheet's blocks come in row order, so its rows stay in order.
    group.forEach(({ sheet, block }, i) => {
      for (const row of sparseRows(
        block.rowIndex,
        block.columnIndex,
        ranges[i].values,
        ranges[i].formulas
      ))
        snapshots[sheet].rows.push(row);
    });
  }
  return { snapshot: { sheets: snapshots }, syncs };
}

/** Every sheet's cells that hold a value or a formula, sparse (read through its used range). */
export async function readSnapshot(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
  return (await readWorkbook(context)).snapshot;
}

/** Where a finding points: a sheet and an A1 address on it. */
export interface CellLocation {
  sheet: string;
  address: string;
}

/** Shows a finding: activates its sheet and selects the cell, in one sync. */
export async function select(context: Excel.RequestContext, location: CellLocation): Promise<void> {
  const worksheet = context.workbook.worksheets.getItem(location.sheet);
  worksheet.activate();
  worksheet.getRange(location.address).select();
  await context.sync();
}
