import type {
  SheetSnapshot,
  SnapshotCell,
  SnapshotRow,
  SnapshotValue,
  WorkbookSnapshot,
} from "./spec";

/**
 * Reading and making sparse sheet snapshots (`SheetSnapshot` in ./spec): rows present only, in
 * order, each with its cells present only, in column order. Nothing here allocates by coordinates:
 * every cost is proportional to the cells present.
 */

/** A cell with its row: what `cellsOf` yields. */
export interface PlacedCell extends SnapshotCell {
  row: number;
}

/** The index of the entry whose key is `key` in a list sorted by key, or -1. */
function search<T>(list: readonly T[], key: number, keyOf: (item: T) => number): number {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = keyOf(list[middle]);
    if (found === key) return middle;
    if (found < key) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The row of a sheet at a 0-based row, or null when it holds nothing. */
export function rowAt(sheet: SheetSnapshot, row: number): SnapshotRow | null {
  const index = search(sheet.rows, row, (entry) => entry.row);
  return index < 0 ? null : sheet.rows[index];
}

/** The cell at a 0-based row and column, or null when it holds nothing. */
export function cellAt(sheet: SheetSnapshot, row: number, column: number): SnapshotCell | null {
  const line = rowAt(sheet, row);
  if (line === null) return null;
  const index = search(line.cells, column, (cell) => cell.column);
  return index < 0 ? null : line.cells[index];
}

/** What the cell at a 0-based row and column shows; null when empty. */
export function valueAt(sheet: SheetSnapshot, row: number, column: number): SnapshotValue {
  return cellAt(sheet, row, column)?.value ?? null;
}

/** The formula of the cell at a 0-based row and column; null for a constant or an empty cell. */
export function formulaAt(sheet: SheetSnapshot, row: number, column: number): string | null {
  return cellAt(sheet, row, column)?.formula ?? null;
}

/** Every cell present, row by row, in column order. */
export function* cellsOf(sheet: SheetSnapshot): Generator<PlacedCell> {
  for (const { row, cells } of sheet.rows)
    for (const cell of cells)
      yield { row, column: cell.column, value: cell.value, formula: cell.formula };
}

/** The count of cells present in a sheet or a whole workbook. */
export function cellCount(snapshot: SheetSnapshot | WorkbookSnapshot): number {
  const sheets = "sheets" in snapshot ? snapshot.sheets : [snapshot];
  let count = 0;
  for (const sheet of sheets) for (const row of sheet.rows) count += row.cells.length;
  return count;
}

/**
 * Rows from cells in any order: sorted by row then column; a cell that holds nothing (no value,
 * no formula) is left out, and of two cells at one position the first given is kept.
 */
export function rowsOf(cells: Iterable<PlacedCell>): SnapshotRow[] {
  const list = [...cells].filter((cell) => cell.value !== null || cell.formula !== null);
  list.sort((a, b) => a.row - b.row || a.column - b.column);
  const rows: SnapshotRow[] = [];
  let current: SnapshotRow | null = null;
  for (const { row, column, value, formula } of list) {
    if (current === null || current.row !== row) {
      current = { row, cells: [] };
      rows.push(current);
    } else if (current.cells[current.cells.length - 1].column === column) continue;
    current.cells.push({ column, value, formula });
  }
  return rows;
}

/**
 * A sheet from a dense grid, for tests and small fixed blocks: `values[r][c]` is at row
 * `origin.row + r`, column `origin.column + c`; `formulas` (optional, same shape) gives each
 * cell's formula. Cells with neither a value nor a formula are left out.
 */
export function snapshotFromGrid(
  name: string,
  values: readonly (readonly SnapshotValue[])[],
  options: {
    formulas?: readonly (readonly (string | null)[])[];
    origin?: { row: number; column: number };
    visible?: boolean;
  } = {}
): SheetSnapshot {
  const { row: top, column: left } = options.origin ?? { row: 0, column: 0 };
  const cells: PlacedCell[] = [];
  const height = Math.max(values.length, options.formulas?.length ?? 0);
  for (let r = 0; r < height; r++) {
    const line = values[r] ?? [];
    const formulaLine = options.formulas?.[r] ?? [];
    const width = Math.max(line.length, formulaLine.length);
    for (let c = 0; c < width; c++)
      cells.push({
        row: top + r,
        column: left + c,
        value: line[c] ?? null,
        formula: formulaLine[c] ?? null,
      });
  }
  return { name, visible: options.visible ?? true, rows: rowsOf(cells) };
}
