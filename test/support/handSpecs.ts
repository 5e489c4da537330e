import type { RequirementChecker } from "../../src/hosts/excel";
import type { CellRange, SheetRange, SheetSpec } from "../../src/sheets/spec";

/** Pieces of workbook specs written by hand, for the hosts' tests. */

/** An Excel that supports every ExcelApi version up to `newest` ("1.0" for none). */
export function excelUpTo(newest: string): RequirementChecker {
  const [major, minor] = newest.split(".").map(Number);
  return (set, version) => {
    const [vMajor, vMinor] = version.split(".").map(Number);
    return set === "ExcelApi" && (vMajor < major || (vMajor === major && vMinor <= minor));
  };
}

/** A sheet with nothing on it but what `overrides` gives it. */
export function sheetSpec(name: string, overrides: Partial<SheetSpec> = {}): SheetSpec {
  return {
    name,
    cells: [],
    columns: [],
    frozenRows: 0,
    tables: [],
    validations: [],
    conditionalFormats: [],
    merges: [],
    print: { landscape: false, fitToWidth: false },
    ...overrides,
  };
}

/** A range by its corners, 0-based and inclusive. */
export function cellRange(
  startRow: number,
  startColumn: number,
  endRow: number,
  endColumn: number
): CellRange {
  return { startRow, startColumn, endRow, endColumn };
}

/** Rows `firstRow` to `lastRow` of one column of a sheet, 0-based. */
export function columnOf(
  sheet: string,
  column: number,
  firstRow: number,
  lastRow: number
): SheetRange {
  return { sheet, range: cellRange(firstRow, column, lastRow, column) };
}
