import { type ErrorCode, OkrError } from "../okr/errors";
import { grade as gradeOf } from "../okr/scoring";

/**
 * How the OKR functions treat ranges, independent of the spreadsheet that calls them: Excel's
 * custom-functions runtime (cells.ts) and HyperFormula (src/hosts/memory) both go through here, so
 * a range scores the same way in both. A host supplies its convention: how it marks an error value
 * arriving as input, and how it makes an error value for a result cell.
 */

export interface CellConvention<E> {
  /** The code of an error value arriving as input, or null for an ordinary value. */
  errorCodeOf(value: unknown): ErrorCode | null;
  /** The host's error value for a result cell. */
  error(code: ErrorCode, message: string): E;
}

/** The error codes a custom function may return in Excel. */
export type ResultErrorCode = Exclude<ErrorCode, "#REF!" | "#NAME?">;

/**
 * An error result as Excel lets a custom function show it: #REF! and #NAME? are accepted as
 * inputs but not as results, so they come back as #VALUE! with the code before the message; only
 * #VALUE! and #N/A show a message. Every host shows the same, so a workbook reads the same in each.
 */
export function resultError(
  code: ErrorCode,
  message: string
): { code: ResultErrorCode; message?: string } {
  if (code === "#REF!" || code === "#NAME?")
    return { code: "#VALUE!", message: `${code} ${message}` };
  return code === "#VALUE!" || code === "#N/A" ? { code, message } : { code };
}

/** A result cell: a value, `""` for a pending result (an empty-looking cell), or an error. */
export type Outcome<E> = number | string | E;

/** One named argument, normalised to a non-empty 2-D array. */
interface Grid {
  name: string;
  cells: unknown[][];
  rows: number;
  columns: number;
}

function toGrid(name: string, argument: unknown): Grid {
  if (!Array.isArray(argument)) return { name, cells: [[argument]], rows: 1, columns: 1 };
  // Array.from, not map: a hole in a sparse list is an empty cell, as it is inside a row.
  const cells: unknown[][] =
    argument.length === 0
      ? [[null]]
      : Array.from(argument, (row: unknown) => (Array.isArray(row) ? row : [row]));
  return { name, cells, rows: cells.length, columns: widest(cells) };
}

/**
 * The longest row's length, at least 1. A loop, not Math.max(...rows): a whole column
 * (1,048,576 rows) is more arguments than a call can take.
 */
function widest(cells: readonly unknown[][]): number {
  let columns = 1;
  for (const row of cells) columns = Math.max(columns, row.length);
  return columns;
}

/**
 * A result for its cell. A number that is not finite (the engine never gives one) is #VALUE!
 * with the reason, as the engine's own overflow is: Excel shows no reason beside #NUM!.
 */
function toResult(value: number | string | null): number | string {
  if (typeof value === "number" && !Number.isFinite(value))
    throw new OkrError("#VALUE!", `the result is too large to compute (${value})`);
  return value === null ? "" : value;
}

function failure<E>(error: unknown, convention: CellConvention<E>): E {
  if (error instanceof OkrError) return convention.error(error.code, error.message);
  // Not expected: the engine reports bad input as OkrError. Still, a cell never sees an exception.
  const reason = error instanceof Error ? error.message : String(error);
  return convention.error("#VALUE!", `could not compute: ${reason}`);
}

/** The size of the result `broadcast` gives for arguments of these sizes. */
export function broadcastSize(sizes: ReadonlyArray<{ rows: number; columns: number }>): {
  rows: number;
  columns: number;
} {
  return {
    rows: Math.max(1, ...sizes.map((size) => size.rows)),
    columns: Math.max(1, ...sizes.map((size) => size.columns)),
  };
}

/**
 * Applies `compute` cell by cell, broadcasting like Excel's own functions: a single cell, row or
 * column is repeated along the other dimension; where ranges differ in length, the cells beyond
 * the shorter one are #N/A. An input error or a bad value affects only its own result cell.
 */
export function broadcast<E>(
  named: ReadonlyArray<readonly [string, unknown]>,
  compute: (...values: unknown[]) => number | string | null,
  convention: CellConvention<E>
): Outcome<E>[][] {
  const grids = named.map(([name, argument]) => toGrid(name, argument));
  const { rows, columns } = broadcastSize(grids);
  const values = new Array<unknown>(grids.length);
  const result: Outcome<E>[][] = new Array(rows);

  for (let r = 0; r < rows; r++) {
    const line: Outcome<E>[] = new Array(columns);
    for (let c = 0; c < columns; c++) {
      line[c] = cell(grids, values, r, c, compute, convention);
    }
    result[r] = line;
  }
  return result;
}

function cell<E>(
  grids: Grid[],
  values: unknown[],
  r: number,
  c: number,
  compute: (...values: unknown[]) => number | string | null,
  convention: CellConvention<E>
): Outcome<E> {
  for (let i = 0; i < grids.length; i++) {
    const grid = grids[i];
    const row = grid.rows === 1 ? 0 : r;
    const column = grid.columns === 1 ? 0 : c;
    if (row >= grid.rows)
      return convention.error("#N/A", `row ${r + 1} is beyond ${grid.name} (${grid.rows} rows)`);
    const line = grid.cells[row];
    if (column >= grid.columns || column >= line.length) {
      return convention.error(
        "#N/A",
        `column ${c + 1} is beyond ${grid.name} (${grid.columns} columns)`
      );
    }
    const value = line[column];
    const code = convention.errorCodeOf(value);
    if (code) return convention.error(code, `${grid.name} is ${code}`);
    values[i] = value;
  }
  try {
    return toResult(compute(...values));
  } catch (error) {
    return failure(error, convention);
  }
}

/** Applies `compute` to whole arguments at once (an aggregate such as GRADE): one result. */
export function aggregate<E>(
  named: ReadonlyArray<readonly [string, unknown]>,
  compute: (...grids: unknown[][][]) => number | string | null,
  convention: CellConvention<E>
): Outcome<E> {
  const grids = named.map(([name, argument]) => toGrid(name, argument));
  for (const grid of grids) {
    for (const line of grid.cells) {
      for (const value of line) {
        const code = convention.errorCodeOf(value);
        if (code) return convention.error(code, `${grid.name} contains ${code}`);
      }
    }
  }
  try {
    return toResult(compute(...grids.map((grid) => grid.cells)));
  } catch (error) {
    return failure(error, convention);
  }
}

/**
 * GRADE over ranges: the weighted mean of the scores, with weights (when given) of the same shape
 * as the scores. For a host's aggregate(); `weightCells` is undefined when weights were omitted.
 */
export function gradeOfRanges(
  scoreCells: unknown[][],
  weightCells: unknown[][] | undefined
): number | null {
  if (weightCells === undefined) return gradeOf(scoreCells);
  const shape = (cells: unknown[][]) => `${cells.length}×${widest(cells)}`;
  if (shape(scoreCells) !== shape(weightCells)) {
    throw new OkrError(
      "#VALUE!",
      `weights (${shape(weightCells)}) must have the same shape as scores (${shape(scoreCells)})`
    );
  }
  return gradeOf(scoreCells, weightCells);
}
