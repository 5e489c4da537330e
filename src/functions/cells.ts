import { OkrError, type ErrorCode } from "../okr/errors";

/**
 * The bridge between Excel's custom-function calling convention and the engine: ranges arrive as
 * 2-D arrays (a single cell as a 1×1 array, an omitted optional argument as null), results go
 * back as 2-D arrays that spill, and every failure becomes an error value in the cell it concerns.
 */

/** What a custom function may put in a cell. `""` shows an empty cell (null would show 0). */
export type CellResult = number | string | boolean | CustomFunctions.Error;

/** An argument as Excel passes it. */
export type CellArgument = unknown[][] | null | undefined;

const ERROR_CODES: Record<ErrorCode, CustomFunctions.ErrorCode | null> = {
  "#VALUE!": "#VALUE!" as CustomFunctions.ErrorCode.invalidValue,
  "#N/A": "#N/A" as CustomFunctions.ErrorCode.notAvailable,
  "#NUM!": "#NUM!" as CustomFunctions.ErrorCode.invalidNumber,
  "#DIV/0!": "#DIV/0!" as CustomFunctions.ErrorCode.divisionByZero,
  "#NULL!": "#NULL!" as CustomFunctions.ErrorCode.nullReference,
  // Excel accepts these as inputs but not as results: they come back as #VALUE! with a message.
  "#REF!": null,
  "#NAME?": null,
};

// Excel shows a custom message only for #VALUE! and #N/A.
const CODES_WITH_MESSAGE = new Set<ErrorCode>(["#VALUE!", "#N/A"]);

/** The error value for a cell. */
export function cellError(code: ErrorCode, message: string): CustomFunctions.Error {
  const excelCode = ERROR_CODES[code];
  if (excelCode === null) {
    return new CustomFunctions.Error(
      ERROR_CODES["#VALUE!"] as CustomFunctions.ErrorCode,
      `${code} ${message}`
    );
  }
  return CODES_WITH_MESSAGE.has(code)
    ? new CustomFunctions.Error(excelCode, message)
    : new CustomFunctions.Error(excelCode);
}

/**
 * An error value arriving as input (a cell showing #DIV/0!, say): a CustomFunctions.Error-like
 * object, or an Excel error cell value. Returns its code, or null for an ordinary value.
 */
function inputErrorCode(value: unknown): ErrorCode | null {
  if (typeof value !== "object" || value === null || value instanceof Date || Array.isArray(value))
    return null;
  const record = value as { code?: unknown; type?: unknown; errorType?: unknown };
  const code = typeof record.code === "string" ? record.code : null;
  if (code && code in ERROR_CODES) return code as ErrorCode;
  if (record.type === "Error") {
    const byType: Record<string, ErrorCode> = {
      Div0: "#DIV/0!",
      NotAvailable: "#N/A",
      Value: "#VALUE!",
      Num: "#NUM!",
      Null: "#NULL!",
      Ref: "#REF!",
      Name: "#NAME?",
    };
    return byType[String(record.errorType)] ?? "#VALUE!";
  }
  return null;
}

function toResult(value: number | string | null): CellResult {
  return value === null ? "" : value;
}

function failure(error: unknown): CustomFunctions.Error {
  if (error instanceof OkrError) return cellError(error.code, error.message);
  // Not expected: the engine reports bad input as OkrError. Still, a cell never sees an exception.
  const reason = error instanceof Error ? error.message : String(error);
  return cellError("#VALUE!", `could not compute: ${reason}`);
}

/** One named argument, normalised to a non-empty 2-D array. */
interface Grid {
  name: string;
  cells: unknown[][];
  rows: number;
  columns: number;
}

function toGrid(name: string, argument: unknown): Grid {
  if (!Array.isArray(argument)) return { name, cells: [[argument]], rows: 1, columns: 1 };
  const cells =
    argument.length === 0 ? [[null]] : argument.map((row) => (Array.isArray(row) ? row : [row]));
  const columns = Math.max(1, ...cells.map((row) => row.length));
  return { name, cells, rows: cells.length, columns };
}

/**
 * Applies `compute` cell by cell, broadcasting like Excel's own functions: a single cell, row or
 * column is repeated along the other dimension; where ranges differ in length, the cells beyond
 * the shorter one are #N/A. An input error or a bad value affects only its own result cell.
 */
export function broadcast(
  named: ReadonlyArray<readonly [string, CellArgument | unknown]>,
  compute: (...values: unknown[]) => number | string | null
): CellResult[][] {
  const grids = named.map(([name, argument]) => toGrid(name, argument));
  const rows = Math.max(...grids.map((grid) => grid.rows));
  const columns = Math.max(...grids.map((grid) => grid.columns));
  const values = new Array<unknown>(grids.length);
  const result: CellResult[][] = new Array(rows);

  for (let r = 0; r < rows; r++) {
    const line: CellResult[] = new Array(columns);
    for (let c = 0; c < columns; c++) {
      line[c] = cell(grids, values, r, c, compute);
    }
    result[r] = line;
  }
  return result;
}

function cell(
  grids: Grid[],
  values: unknown[],
  r: number,
  c: number,
  compute: (...values: unknown[]) => number | string | null
): CellResult {
  for (let i = 0; i < grids.length; i++) {
    const grid = grids[i];
    const row = grid.rows === 1 ? 0 : r;
    const column = grid.columns === 1 ? 0 : c;
    if (row >= grid.rows)
      return cellError("#N/A", `row ${r + 1} is beyond ${grid.name} (${grid.rows} rows)`);
    const line = grid.cells[row];
    if (column >= grid.columns || column >= line.length) {
      return cellError("#N/A", `column ${c + 1} is beyond ${grid.name} (${grid.columns} columns)`);
    }
    const value = line[column];
    const code = inputErrorCode(value);
    if (code) return cellError(code, `${grid.name} is ${code}`);
    values[i] = value;
  }
  try {
    return toResult(compute(...values));
  } catch (error) {
    return failure(error);
  }
}

/** Applies `compute` to whole arguments at once (an aggregate such as GRADE): one result. */
export function aggregate(
  named: ReadonlyArray<readonly [string, CellArgument | unknown]>,
  compute: (...grids: unknown[][][]) => number | string | null
): CellResult {
  const grids = named.map(([name, argument]) => toGrid(name, argument));
  for (const grid of grids) {
    for (const line of grid.cells) {
      for (const value of line) {
        const code = inputErrorCode(value);
        if (code) return cellError(code, `${grid.name} contains ${code}`);
      }
    }
  }
  try {
    return toResult(compute(...grids.map((grid) => grid.cells)));
  } catch (error) {
    return failure(error);
  }
}
