import { type ErrorCode } from "../okr/errors";
import {
  aggregate as aggregateCells,
  broadcast as broadcastCells,
  type CellConvention,
  resultError,
} from "./broadcast";

/**
 * The bridge between Excel's custom-function calling convention and the engine: ranges arrive as
 * 2-D arrays (a single cell as a 1×1 array, an omitted optional argument as null), results go
 * back as 2-D arrays that spill, and every failure becomes an error value in the cell it concerns.
 */

/** What a custom function may put in a cell. `""` shows an empty cell (null would show 0). */
export type CellResult = number | string | boolean | CustomFunctions.Error;

/** An argument as Excel passes it. */
export type CellArgument = unknown[][] | null | undefined;

// Every code Excel can pass in, as its CustomFunctions.ErrorCode value (the same text).
const ERROR_CODES: Record<ErrorCode, CustomFunctions.ErrorCode> = {
  "#VALUE!": "#VALUE!" as CustomFunctions.ErrorCode.invalidValue,
  "#N/A": "#N/A" as CustomFunctions.ErrorCode.notAvailable,
  "#NUM!": "#NUM!" as CustomFunctions.ErrorCode.invalidNumber,
  "#DIV/0!": "#DIV/0!" as CustomFunctions.ErrorCode.divisionByZero,
  "#NULL!": "#NULL!" as CustomFunctions.ErrorCode.nullReference,
  "#REF!": "#REF!" as CustomFunctions.ErrorCode.invalidReference,
  "#NAME?": "#NAME?" as CustomFunctions.ErrorCode.invalidName,
};

/** The error value for a cell, as Excel lets a custom function return it (see resultError). */
export function cellError(code: ErrorCode, message: string): CustomFunctions.Error {
  const shown = resultError(code, message);
  return shown.message === undefined
    ? new CustomFunctions.Error(ERROR_CODES[shown.code])
    : new CustomFunctions.Error(ERROR_CODES[shown.code], shown.message);
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

const EXCEL: CellConvention<CustomFunctions.Error> = {
  errorCodeOf: inputErrorCode,
  error: cellError,
};

/**
 * Applies `compute` cell by cell, broadcasting like Excel's own functions (see broadcast.ts): a
 * single cell, row or column is repeated along the other dimension; cells beyond a shorter range
 * are #N/A; an input error or a bad value affects only its own result cell.
 */
export function broadcast(
  named: ReadonlyArray<readonly [string, CellArgument | unknown]>,
  compute: (...values: unknown[]) => number | string | null
): CellResult[][] {
  return broadcastCells(named, compute, EXCEL);
}

/** Applies `compute` to whole arguments at once (an aggregate such as GRADE): one result. */
export function aggregate(
  named: ReadonlyArray<readonly [string, CellArgument | unknown]>,
  compute: (...grids: unknown[][][]) => number | string | null
): CellResult {
  return aggregateCells(named, compute, EXCEL);
}
