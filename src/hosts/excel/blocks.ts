import type { CellRange } from "../../sheets/spec";

/**
 * Grouping scattered cells into few rectangular writes: the Office.js host pays a fixed cost per
 * API call (a range object and an action in the request), so a sheet is written as a handful of
 * 2-D arrays rather than cell by cell. Pure.
 */

export interface PlacedCell<T> {
  row: number;
  column: number;
  item: T;
}

/** A rectangle to write as one 2-D array; null marks a cell the write leaves unchanged. */
export interface Block<T> {
  range: CellRange;
  items: (T | null)[][];
}

/**
 * Request bytes of one extra write (a range path and a set-property action) against one null in
 * an array (`null,`): merging rows into one block pays off while it adds fewer nulls than this.
 */
export const CALL_COST_IN_NULLS = 34;

function area(range: CellRange): number {
  return (range.endRow - range.startRow + 1) * (range.endColumn - range.startColumn + 1);
}

function fill<T>(range: CellRange, cells: PlacedCell<T>[]): Block<T> {
  const items: (T | null)[][] = Array.from({ length: range.endRow - range.startRow + 1 }, () =>
    new Array<T | null>(range.endColumn - range.startColumn + 1).fill(null)
  );
  for (const cell of cells)
    items[cell.row - range.startRow][cell.column - range.startColumn] = cell.item;
  return { range, items };
}

/**
 * Blocks covering every given cell: consecutive rows are merged while the merged rectangle adds
 * fewer nulls than a separate call would cost; a block is also split so that its estimated size
 * (`sizeOf` per item, plus `null,` per gap) stays within `maxBytes`.
 */
export function blocksOf<T>(
  cells: PlacedCell<T>[],
  sizeOf: (item: T) => number,
  maxBytes: number
): Block<T>[] {
  const rows = new Map<number, PlacedCell<T>[]>();
  for (const cell of cells) {
    const row = rows.get(cell.row);
    if (row) row.push(cell);
    else rows.set(cell.row, [cell]);
  }
  const blocks: Block<T>[] = [];
  let range: CellRange | null = null;
  let members: PlacedCell<T>[] = [];
  let bytes = 0;
  const close = () => {
    if (range) blocks.push(fill(range, members));
    range = null;
    members = [];
    bytes = 0;
  };
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    const rowCells = rows.get(row)!;
    let first = Infinity;
    let last = -Infinity;
    let rowBytes = 0;
    for (const cell of rowCells) {
      first = Math.min(first, cell.column);
      last = Math.max(last, cell.column);
      rowBytes += sizeOf(cell.item) + 1;
    }
    const rowRange: CellRange = { startRow: row, startColumn: first, endRow: row, endColumn: last };
    const rowTotal = rowBytes + (area(rowRange) - rowCells.length) * 5;
    if (rowTotal > maxBytes) {
      // A row too large for one request on its own: split it across columns.
      close();
      blocks.push(...splitRow(rowCells, sizeOf, maxBytes));
      continue;
    }
    if (range !== null) {
      const current: CellRange = range;
      const merged: CellRange = {
        startRow: current.startRow,
        startColumn: Math.min(current.startColumn, first),
        endRow: row,
        endColumn: Math.max(current.endColumn, last),
      };
      const addedNulls = area(merged) - area(current) - rowCells.length;
      const mergedBytes = bytes + rowBytes + addedNulls * 5;
      if (addedNulls <= CALL_COST_IN_NULLS && mergedBytes <= maxBytes) {
        range = merged;
        members.push(...rowCells);
        bytes = mergedBytes;
        continue;
      }
      close();
    }
    range = rowRange;
    members = [...rowCells];
    bytes = rowTotal;
  }
  close();
  return blocks;
}

function splitRow<T>(
  cells: PlacedCell<T>[],
  sizeOf: (item: T) => number,
  maxBytes: number
): Block<T>[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column);
  const blocks: Block<T>[] = [];
  let segment: PlacedCell<T>[] = [];
  let bytes = 0;
  const close = () => {
    if (segment.length === 0) return;
    const { row } = segment[0];
    const range = {
      startRow: row,
      startColumn: segment[0].column,
      endRow: row,
      endColumn: segment[segment.length - 1].column,
    };
    blocks.push(fill(range, segment));
    segment = [];
    bytes = 0;
  };
  for (const cell of sorted) {
    const previous = segment[segment.length - 1];
    const gap = previous ? (cell.column - previous.column - 1) * 5 : 0;
    const cellBytes = sizeOf(cell.item) + 1 + gap;
    if (segment.length > 0 && bytes + cellBytes > maxBytes) close();
    segment.push(cell);
    bytes += segment.length === 1 ? sizeOf(cell.item) + 1 : cellBytes;
  }
  close();
  return blocks;
}

/**
 * Rectangles covering exactly the given cells (no extra cell): runs of consecutive columns in a
 * row, merged down while the next row has the same run. For formats, which apply to a whole range.
 */
export function rectanglesOf(cells: { row: number; column: number }[]): CellRange[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.column - b.column);
  const runs: CellRange[] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.startRow === cell.row && last.endColumn === cell.column - 1)
      last.endColumn = cell.column;
    else if (!(last && last.startRow === cell.row && last.endColumn >= cell.column))
      runs.push({
        startRow: cell.row,
        startColumn: cell.column,
        endRow: cell.row,
        endColumn: cell.column,
      });
  }
  // Runs ending on the row above, keyed by their columns, so each run finds its rectangle in O(1).
  const open = new Map<string, CellRange>();
  const rectangles: CellRange[] = [];
  for (const run of runs) {
    const key = `${run.startColumn}:${run.endColumn}`;
    const above = open.get(key);
    if (above && above.endRow === run.startRow - 1) above.endRow = run.startRow;
    else {
      rectangles.push(run);
      open.set(key, run);
    }
  }
  return rectangles;
}
