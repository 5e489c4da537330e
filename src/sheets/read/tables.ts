import {
  CHECK_IN_FIELDS,
  MAX_HEADER_LENGTH,
  normalHeader,
  REPORT_HEADERS,
  SPELLINGS,
  STUDIO_KEY_RESULT_HEADERS,
} from "./fields";
import { snapshotFromGrid } from "../snapshot";
import { type Cell, Grid, isBlank, OBJECTIVE_ROW, withoutEmphasis } from "./cells";
import type { TableKind } from "./result";

/** Finding the tables: header rows, the rows under them, and where each table ends. */

export interface Table {
  grid: Grid;
  kind: TableKind;
  headerRow: number;
  /** Field → column index in the grid. */
  columns: Map<string, number>;
  /** Data rows, in order (blank rows already left out). */
  rows: number[];
  /** The header row is OKR Studio's own: its cells are authoritative, percentages are fractions. */
  studio: boolean;
  /** The row above the header that names the table's objective ("Growth Objective - …"), if any. */
  headingRow?: number;
}

/** A reader of a table's cells by field name: null where the table has no such column. */
export function fieldReader(table: Table): (row: number, field: string) => Cell {
  const { grid, columns } = table;
  return (row, field) => {
    const column = columns.get(field);
    return column === undefined ? null : grid.value(row, column);
  };
}

type RowShape =
  | { kind: "none" }
  | { kind: "report" }
  | { kind: TableKind; columns: Map<string, number>; studio: boolean };

/** Whether a row is a header row, and of which table. */
function classifyRow(grid: Grid, row: number): RowShape {
  const cells = grid.cells(row);
  // Most rows are data or empty: look for two header words before doing any more work.
  let candidates = 0;
  for (const { value } of cells) {
    if (candidates >= 2) break;
    if (
      typeof value === "string" &&
      value.length <= MAX_HEADER_LENGTH &&
      SPELLINGS.has(normalHeader(value))
    )
      candidates++;
  }
  if (candidates < 2) return { kind: "none" };
  const best: Record<TableKind, Map<string, { column: number; rank: number }>> = {
    keyResults: new Map(),
    objectives: new Map(),
    checkIns: new Map(),
  };
  const headers: string[] = [];
  let recognised = 0;
  for (const { column, value } of cells) {
    if (typeof value !== "string") {
      if (value !== null) headers.push("\u0001");
      continue;
    }
    if (value.length > MAX_HEADER_LENGTH) {
      headers.push("\u0001");
      continue;
    }
    const key = normalHeader(value);
    if (key === "") continue;
    headers.push(key);
    const spellings = SPELLINGS.get(key);
    if (!spellings) continue;
    recognised++;
    for (const { kind, field, rank } of spellings) {
      const current = best[kind].get(field);
      if (!current || rank < current.rank) best[kind].set(field, { column, rank });
    }
  }
  if (recognised < 2) return { kind: "none" };
  if (REPORT_HEADERS.includes(headers.join("\u0000"))) return { kind: "report" };
  const columnsOf = (kind: TableKind) =>
    new Map([...best[kind]].map(([field, { column }]) => [field, column]));
  const keyResults = best.keyResults;
  const checkIns = best.checkIns;
  if (
    checkIns.has("date") &&
    checkIns.has("keyResult") &&
    checkIns.has("value") &&
    !keyResults.has("target") &&
    !keyResults.has("baseline")
  ) {
    return { kind: "checkIns", columns: columnsOf("checkIns"), studio: false };
  }
  // A real scorecard's header often names the team where the key-result column's header would be
  // ("IPFS Cluster | Priority | Owner | Mid-Q | End-Q"): the first column, when its header is no
  // header word and the row has a score column, holds the key results.
  if (!keyResults.has("text") && keyResults.has("score") && !best.objectives.has("title")) {
    const first = firstTextColumn(grid, row);
    const used = new Set([...keyResults.values()].map(({ column }) => column));
    if (
      first !== null &&
      !used.has(first) &&
      [...used].every((column) => column > first) &&
      !SPELLINGS.has(normalHeader(String(grid.value(row, first))))
    )
      keyResults.set("text", { column: first, rank: 0 });
  }
  if (
    keyResults.has("text") &&
    ["target", "baseline", "current", "score", "status"].some((field) => keyResults.has(field))
  ) {
    const studio = STUDIO_KEY_RESULT_HEADERS.every((header, index) => headers[index] === header);
    return { kind: "keyResults", columns: columnsOf("keyResults"), studio };
  }
  const objectives = best.objectives;
  if (
    objectives.has("title") &&
    (objectives.has("score") || objectives.has("owner")) &&
    !keyResults.has("text")
  ) {
    return { kind: "objectives", columns: columnsOf("objectives"), studio: false };
  }
  return { kind: "none" };
}

/** The first column of a row that holds text, or null. */
function firstTextColumn(grid: Grid, row: number): number | null {
  for (const { column, value } of grid.cells(row)) {
    if (typeof value === "string" && value.trim() !== "") return column;
    if (value !== null && value !== "") return null;
  }
  return null;
}

/** Whether a row holds nothing from column `first` to `last`: only its cells present are looked at. */
function isBlankRow(grid: Grid, row: number, first: number, last: number): boolean {
  for (const { column, value } of grid.cells(row)) {
    if (column > last) break;
    if (column >= first && !isBlank(value)) return false;
  }
  return true;
}

/**
 * The row just above a key-result header (a blank row between allowed) that names an objective in
 * its table's first column with nothing else in the table's columns: one table per objective, each
 * under its title, as documents exported to spreadsheets lay them out.
 */
function headingAbove(
  grid: Grid,
  headerRow: number,
  [first, last]: [number, number]
): number | null {
  for (let row = headerRow - 1; row >= Math.max(0, headerRow - 2); row--) {
    if (isBlankRow(grid, row, first, last)) continue;
    const value = grid.value(row, first);
    if (typeof value !== "string" || OBJECTIVE_ROW.exec(withoutEmphasis(value)) === null)
      return null;
    for (const { column, value } of grid.cells(row))
      if (column > first && column <= last && !isBlank(value)) return null;
    return row;
  }
  return null;
}

/**
 * The tables of one sheet: each runs from its header row to two blank rows or the next header.
 * Only the rows present are visited; the rows absent between two of them are blank rows, counted
 * without being walked, so a table far down or far right costs no more than one at A1.
 */
export function findTables(grid: Grid): Table[] {
  const tables: Table[] = [];
  let open: Table | null = null;
  let span: [number, number] = [0, 0];
  let blanks = 0;
  let previous = -1;
  for (const { row } of grid.rows) {
    // The rows absent since the last row present are empty: blank rows of an open table.
    const absent = row - previous - 1;
    previous = row;
    if (open !== null && absent > 0) {
      blanks += absent;
      if (blanks >= 2) open = null;
    }
    const shape = classifyRow(grid, row);
    if (shape.kind !== "none") {
      open = null;
      if (shape.kind === "report") continue;
      const columns = [...shape.columns.values()];
      span = [Math.min(...columns), Math.max(...columns)];
      open = {
        grid,
        kind: shape.kind,
        headerRow: row,
        columns: shape.columns,
        rows: [],
        studio: shape.studio,
      };
      if (shape.kind === "keyResults") {
        const heading = headingAbove(grid, row, span);
        if (heading !== null) open.headingRow = heading;
      }
      tables.push(open);
      blanks = 0;
      continue;
    }
    if (open === null) continue;
    if (isBlankRow(grid, row, span[0], span[1])) {
      blanks++;
      // One blank row is a gap inside the table; two end it.
      if (blanks >= 2) open = null;
      continue;
    }
    blanks = 0;
    open.rows.push(row);
  }
  return tables;
}

/**
 * Where a header row holds each check-in field when readPlan reads it as a check-in log, keyed by
 * the header OKR Studio writes for the field ("Date", "Key Result", … "Replaces"; synonyms such as
 * "KR ID" or "Notes" found too); null when readPlan would not read it as one. The Excel host's
 * check-in writer uses it to write into the log this reader reads.
 */
export function checkInHeaderColumns(headers: readonly string[]): Map<string, number> | null {
  const grid = new Grid(snapshotFromGrid("", [[...headers]]), 0);
  const shape = classifyRow(grid, 0);
  if (shape.kind !== "checkIns") return null;
  const byHeader = new Map<string, number>();
  for (const { field, header } of CHECK_IN_FIELDS) {
    const column = shape.columns.get(field);
    if (column !== undefined) byHeader.set(header, column);
  }
  return byHeader;
}
