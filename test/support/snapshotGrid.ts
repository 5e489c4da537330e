import type { SheetSnapshot, SnapshotValue } from "../../src/sheets/spec";

/** A sheet as the dense grid of its cells' bounding box: how tests look at small sheets. */
export interface DenseSheet {
  name: string;
  visible: boolean;
  /** The top-left cell of the box, so values[0][0] is at (origin.row, origin.column). */
  origin: { row: number; column: number };
  values: SnapshotValue[][];
  formulas: (string | null)[][];
}

/** Tests look at small sheets only: a box larger than this is a mistake, not a fixture. */
const MAX_CELLS = 5_000_000;

/**
 * A sparse snapshot's sheet as a dense grid over the bounding box of its cells present (an empty
 * sheet: origin A1, no rows), for assertions on small sheets. The reader never does this.
 */
export function gridOf(sheet: SheetSnapshot): DenseSheet {
  const { name, visible, rows } = sheet;
  if (rows.length === 0)
    return { name, visible, origin: { row: 0, column: 0 }, values: [], formulas: [] };
  let left = Infinity;
  let right = -1;
  for (const { cells } of rows)
    for (const { column } of cells) {
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  const top = rows[0].row;
  const height = rows[rows.length - 1].row - top + 1;
  const width = right - left + 1;
  if (height * width > MAX_CELLS)
    throw new Error(`gridOf: ${height} × ${width} cells is no small sheet`);
  const values = Array.from({ length: height }, () => new Array<SnapshotValue>(width).fill(null));
  const formulas = Array.from({ length: height }, () => new Array<string | null>(width).fill(null));
  for (const { row, cells } of rows)
    for (const { column, value, formula } of cells) {
      values[row - top][column - left] = value;
      formulas[row - top][column - left] = formula;
    }
  return { name, visible, origin: { row: top, column: left }, values, formulas };
}
