import type { Plan } from "../okr/model";
import { buildWorkbook, type CheckInEntry, type CheckInEntryHeader } from "./build";
import { CHECK_IN_HEADERS, columnsByHeader, SHEETS } from "./layout";
import { Grid, isBlank } from "./read/cells";
import { CHECK_IN_FIELDS } from "./read/fields";
import { readPlan, type ReadResult } from "./read";
import type { CellLocation } from "./read/result";
import { findTables, type Table } from "./read/tables";
import { cellAt, cellsOf, rowsOf } from "./snapshot";
import {
  type CellContent,
  cellAddress,
  type FormulaStyle,
  type SheetSnapshot,
  sheetReference,
  type SnapshotValue,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "./spec";

/**
 * Rebuilding a workbook (`okr rebuild`): the plan and the check-in log read back from a snapshot,
 * written into a new workbook by the same builder as `okr new`, and an honest account of what of
 * the old workbook the new one does not hold. The account is made by comparing cells, not by
 * knowing kinds of damage: every cell of the old workbook that holds something is either in the
 * new one at the same place with the same value (a value) or the same formula (a formula), or it
 * is listed.
 */

/** A defined name as a host reads it (the xlsx host's readXlsx from the workbook part). */
export interface WorkbookName {
  name: string;
  /** With its "=". */
  formula: string;
  /** The sheet of a sheet-local name; null (or absent) for a name of the whole workbook. */
  sheet?: string | null;
}

export interface Rebuild {
  /** Null when the snapshot holds no table of key results or objectives: nothing to rebuild. */
  plan: Plan | null;
  read: ReadResult;
  /** The new workbook; null with the plan. */
  spec: WorkbookSpec | null;
  /** The check-in rows carried into the new log. */
  checkIns: number;
  /** Where each carried cell of the old logs is in the new one. */
  carried: CarriedCell[];
}

/**
 * A cell of the old workbook whose value the new one holds at another place: a cell of an old
 * check-in log (its place in the new log), or a plan field the reader read (where the new
 * workbook writes that field, found by reading the new workbook back).
 */
export interface CarriedCell {
  sheet: string;
  row: number;
  column: number;
  to: { sheet: string; row: number; column: number };
}

/** The rows of a sheet (Excel's limit): the new log's header and rows must fit in them. */
export const SHEET_ROWS = 1_048_576;

/** A rebuild refused: the check-in logs carried would not fit on one sheet. */
export class RebuildLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RebuildLimitError";
  }
}

/** The new log's columns. */
const LOG = columnsByHeader(CHECK_IN_HEADERS);

/** The old log's fields by the header the new log writes them under. */
const ENTRY_HEADERS = new Map<string, CheckInEntryHeader>(
  CHECK_IN_FIELDS.map(({ field, header }) => [field, header as CheckInEntryHeader])
);

/** A cell of the old log as the new log writes it: a date column's number as a date. */
function entryContent(header: CheckInEntryHeader, value: SnapshotValue): CellContent | null {
  if (value === null) return null;
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number")
    return header === "Date" ? { kind: "date", serial: value } : { kind: "number", value };
  return { kind: "text", text: value };
}

/** Whether a sheet is the Check-ins sheet: Excel takes sheet names without regard to case. */
function isCheckInsSheet(name: string): boolean {
  return name.toUpperCase() === SHEETS.checkIns.toUpperCase();
}

/**
 * The rows of a check-in log to carry. The Check-ins sheet's own log (its first) is every row
 * under the header, up to the sheet's next table if it has one: the workbook's formulas count whole
 * columns, so rows after two blank rows count too (the table finder would end the log there).
 * Any other log is the rows the table finder gives.
 */
function logRows(sheet: SheetSnapshot, tables: Table[], index: number): number[] {
  const table = tables[index];
  if (!isCheckInsSheet(sheet.name) || tables.findIndex((t) => t.kind === "checkIns") !== index)
    return table.rows;
  // Up to the next table of the sheet (another log, or a table someone put under the log).
  const next = tables.find((t) => t.headerRow > table.headerRow);
  const end = next === undefined ? Infinity : next.headerRow;
  const rows: number[] = [];
  for (const { row } of sheet.rows) if (row > table.headerRow && row < end) rows.push(row);
  return rows;
}

/**
 * Every row of the workbook's check-in logs with something in a column a person writes, as the
 * reader finds the logs: withdrawals and the entries they replace too (the log is append-only,
 * and its Valid formula decides what counts). Each row keeps its distance from its log's header,
 * so a gap in the log stays a gap; the Check-ins sheet's own log comes first, then the logs of
 * other sheets in tab order, each after the one before.
 */
export function checkInEntries(snapshot: WorkbookSnapshot): {
  entries: CheckInEntry[];
  carried: CarriedCell[];
} {
  const entries: CheckInEntry[] = [];
  const carried: CarriedCell[] = [];
  const order = snapshot.sheets.map((sheet, index) => ({ sheet, index }));
  order.sort(
    (a, b) => Number(isCheckInsSheet(b.sheet.name)) - Number(isCheckInsSheet(a.sheet.name))
  );
  for (const { sheet, index } of order) {
    const grid = new Grid(sheet, index);
    const tables = findTables(grid);
    tables.forEach((table, tableIndex) => {
      if (table.kind !== "checkIns") return;
      const start = entries.length;
      for (const row of logRows(sheet, tables, tableIndex)) {
        const entry: CheckInEntry = {};
        const at = start + row - table.headerRow - 1;
        const cells: CarriedCell[] = [];
        for (const [field, column] of table.columns) {
          const header = ENTRY_HEADERS.get(field);
          if (header === undefined) continue;
          const value = grid.value(row, column);
          const content = isBlank(value) ? null : entryContent(header, value);
          if (content === null) continue;
          entry[header] = content;
          cells.push({
            sheet: grid.name,
            row,
            column,
            to: { sheet: SHEETS.checkIns, row: at + 1, column: LOG[header] },
          });
        }
        if (cells.length === 0) continue;
        // The new log's header is its sheet's first row: entry `at` is row at + 2 (1-based).
        if (at + 2 > SHEET_ROWS)
          throw new RebuildLimitError(
            `the check-in logs carried need ${(at + 2).toLocaleString("en-US")} rows or more, more than the ${SHEET_ROWS.toLocaleString("en-US")} rows of a sheet`
          );
        for (const cell of cells) carried.push(cell);
        while (entries.length < at) entries.push({});
        entries[at] = entry;
      }
    });
  }
  return { entries, carried };
}

/** "B12" as 0-based row and column; null for anything else. */
function placeOfAddress(address: string): { row: number; column: number } | null {
  const match = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(address);
  if (match === null) return null;
  let column = 0;
  for (const letter of match[1]) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(match[2]) - 1, column: column - 1 };
}

/** The new workbook as a snapshot, without computing it: formulas with no value. */
function snapshotOfSpec(spec: WorkbookSpec): WorkbookSnapshot {
  return {
    sheets: spec.sheets.map((sheet) => ({
      name: sheet.name,
      visible: true,
      rows: rowsOf(
        sheet.cells
          .filter((cell) => specValue(cell.content) !== null || cell.content.kind === "formula")
          .map((cell) => ({
            row: cell.row,
            column: cell.column,
            value: specValue(cell.content),
            formula: cell.content.kind === "formula" ? cell.content.formula : null,
          }))
      ),
    })),
  };
}

/**
 * Where each plan field the reader read from the old workbook is in the new one: the same field
 * (of the plan header, of the objective or key result with the same id) read back from the new
 * workbook. So a key result that moved up a row (a cleared row above it), or a table on a renamed
 * sheet, is found where the new workbook holds it.
 */
export function planCarried(old: ReadResult, spec: WorkbookSpec): CarriedCell[] {
  const now = readPlan(snapshotOfSpec(spec)).locations;
  const carried: CarriedCell[] = [];
  const pair = (from: CellLocation | undefined, to: CellLocation | undefined) => {
    if (from === undefined || to === undefined) return;
    const a = placeOfAddress(from.address);
    const b = placeOfAddress(to.address);
    if (a === null || b === null) return;
    if (from.sheet === to.sheet && a.row === b.row && a.column === b.column) return;
    carried.push({ sheet: from.sheet, ...a, to: { sheet: to.sheet, ...b } });
  };
  const fields = <T extends string>(
    from: Partial<Record<T, CellLocation>> | undefined,
    to: Partial<Record<T, CellLocation>> | undefined
  ) => {
    if (from === undefined || to === undefined) return;
    for (const field of Object.keys(from) as T[]) pair(from[field], to[field]);
  };
  fields(old.locations.plan, now.plan);
  for (const id of Object.keys(old.locations.objectives))
    fields(old.locations.objectives[id]?.fields, now.objectives[id]?.fields);
  for (const id of Object.keys(old.locations.keyResults))
    fields(old.locations.keyResults[id]?.fields, now.keyResults[id]?.fields);
  return carried;
}

/**
 * Reads the plan and the check-in log from a snapshot and builds the new workbook's spec.
 * `carriedBy` is planCarried (the benchmark passes it timed).
 */
export function rebuildWorkbook(
  snapshot: WorkbookSnapshot,
  style: FormulaStyle,
  carriedBy: typeof planCarried = planCarried
): Rebuild {
  const read = readPlan(snapshot);
  if (read.plan === null) return { plan: null, read, spec: null, checkIns: 0, carried: [] };
  const { entries, carried } = checkInEntries(snapshot);
  const spec = buildWorkbook(read.plan, { style, checkIns: entries });
  for (const cell of carriedBy(read, spec)) carried.push(cell);
  return {
    plan: read.plan,
    read,
    spec,
    checkIns: entries.filter((entry) => Object.keys(entry).length > 0).length,
    carried,
  };
}

// ---------------------------------------------------------------------------------------------
// What the new workbook does not hold.

/**
 * Why an old cell is not in the new workbook as it was:
 * - `typedOverFormula`: a value where the new workbook has a formula (a number typed over a
 *   computed cell): the value is replaced by the formula;
 * - `formulaReplaced`: a formula the new workbook writes differently there (one showing #REF!);
 * - `formulaDropped`: a formula where the new workbook has a value or nothing;
 * - `valueReplaced`: a value where the new workbook has another value;
 * - `valueDropped`: a value where the new workbook has nothing (a sheet or a column it does not
 *   make, an edited label, a row outside the tables);
 * - `unreadable`: a cell holding a value the host could not read (an object of a kind it does not
 *   know): what it held is not known, so it is not carried;
 * - `moved`: a value that the new workbook holds at another place, `movedTo`: a value of a
 *   check-in log (a log typed on another sheet, or rows that moved up), or a plan field (a key
 *   result below a cleared row, a table on a renamed sheet); for a formula cell, its value (the
 *   cell keeps its `formula`, which is not carried).
 */
export type LossKind =
  | "typedOverFormula"
  | "formulaReplaced"
  | "formulaDropped"
  | "valueReplaced"
  | "valueDropped"
  | "unreadable"
  | "moved";

export interface LostCell {
  /** "K7" */
  address: string;
  /** What the old cell shows (for a formula, its last result; null when it has none). */
  value: SnapshotValue;
  /** The old cell's formula, or null. */
  formula: string | null;
  /** What the new workbook has at that place: a formula ("=…"), a value, or null for nothing. */
  now: { formula: string } | { value: string | number | boolean } | null;
  /** For a `moved` cell: where the new workbook holds its value ("'Check-ins'!C7"). */
  movedTo?: string;
}

/** Cells next to each other in one column, lost the same way. */
export interface LostRun {
  /** "K7:K9", or "K7" for one cell. */
  range: string;
  kind: LossKind;
  cells: LostCell[];
}

export interface LostSheet {
  sheet: string;
  /** False for a sheet the new workbook does not have at all. */
  inNewWorkbook: boolean;
  runs: LostRun[];
}

export interface LostName {
  name: string;
  /** The sheet of a sheet-local name, else null. */
  sheet: string | null;
  formula: string;
  /** The new workbook's formula for that name, or null when it has no such name. */
  now: string | null;
}

export interface LeftBehind {
  sheets: LostSheet[];
  /** Defined names (Excel's own _xlnm.* print settings left out) the new workbook lacks or sets otherwise. */
  names: LostName[];
  /** Whether the old workbook's names were read at all (a host may not list them). */
  namesCompared: boolean;
}

/** Two numbers the same but for the last bits: a percentage read as 85 and written as 0.85. */
function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

function specValue(content: CellContent): string | number | boolean | null {
  switch (content.kind) {
    case "text":
      return content.text === "" ? null : content.text;
    case "number":
    case "boolean":
      return content.value;
    case "date":
      return content.serial;
    case "formula":
      return null;
  }
}

function sameValue(old: SnapshotValue, now: string | number | boolean | null): boolean {
  if (typeof old === "number" && typeof now === "number") return sameNumber(old, now);
  return old === now;
}

function lossOf(
  old: { value: SnapshotValue; formula: string | null },
  now: CellContent | undefined
): LossKind | null {
  const newFormula = now?.kind === "formula" ? now.formula : null;
  const newValue = now === undefined ? null : specValue(now);
  if (old.formula !== null) {
    if (newFormula === null) return "formulaDropped";
    return old.formula === newFormula ? null : "formulaReplaced";
  }
  if (newFormula !== null) return "typedOverFormula";
  if (newValue === null) return "valueDropped";
  return sameValue(old.value, newValue) ? null : "valueReplaced";
}

function nowOf(content: CellContent | undefined): LostCell["now"] {
  if (content === undefined) return null;
  if (content.kind === "formula") return { formula: content.formula };
  const value = specValue(content);
  return value === null ? null : { value };
}

const COLUMNS = 16_384;

type PlacedLoss = LostCell & { row: number; column: number; kind: LossKind };

/**
 * Lost cells in runs: first down each column (cells in consecutive rows, lost the same way), then
 * runs over the same rows in neighbouring columns joined into one block ("Q6:R9"), its cells row
 * by row; the runs in reading order of their first cells.
 */
function runsOf(lost: PlacedLoss[]): LostRun[] {
  const sorted = lost.slice().sort((a, b) => a.column - b.column || a.row - b.row);
  type Block = {
    top: number;
    bottom: number;
    left: number;
    right: number;
    kind: LossKind;
    cells: PlacedLoss[];
  };
  const columnRuns: Block[] = [];
  for (const cell of sorted) {
    const run = columnRuns[columnRuns.length - 1];
    if (run?.left === cell.column && run.bottom === cell.row - 1 && run.kind === cell.kind) {
      run.cells.push(cell);
      run.bottom = cell.row;
    } else
      columnRuns.push({
        top: cell.row,
        bottom: cell.row,
        left: cell.column,
        right: cell.column,
        kind: cell.kind,
        cells: [cell],
      });
  }
  /** The open block of each row span and kind, by its rightmost column. */
  const open = new Map<string, Block>();
  const blocks: Block[] = [];
  for (const run of columnRuns) {
    const key = `${run.top}:${run.bottom}:${run.kind}`;
    const block = open.get(key);
    if (block !== undefined && block.right === run.left - 1) {
      // A loop, not a spread: a run may hold more cells than a call takes arguments.
      for (const cell of run.cells) block.cells.push(cell);
      block.right = run.left;
    } else {
      open.set(key, run);
      blocks.push(run);
    }
  }
  blocks.sort((a, b) => a.top - b.top || a.left - b.left);
  return blocks.map(({ top, bottom, left, right, kind, cells }) => ({
    range:
      top === bottom && left === right
        ? cellAddress(top, left)
        : `${cellAddress(top, left)}:${cellAddress(bottom, right)}`,
    kind,
    cells: cells
      .sort((a, b) => a.row - b.row || a.column - b.column)
      .map(({ address, value, formula, now, movedTo }) => ({
        address,
        value,
        formula,
        now,
        ...(movedTo === undefined ? {} : { movedTo }),
      })),
  }));
}

/**
 * Every cell of the old workbook that the new one does not hold at the same place with the same
 * value or formula, per sheet in the old workbook's order, in runs down a column; and the
 * defined names (when the host read them) it does not make the same.
 */
export function leftBehind(
  snapshot: WorkbookSnapshot,
  spec: WorkbookSpec,
  names: readonly WorkbookName[] | null,
  carried: readonly CarriedCell[] = []
): LeftBehind {
  // By name without regard to case, as Excel takes sheet names ("scorecard" is "Scorecard").
  const specSheets = new Map(
    spec.sheets.map((sheet) => [
      sheet.name.toUpperCase(),
      new Map(sheet.cells.map((cell) => [cell.row * COLUMNS + cell.column, cell.content])),
    ])
  );
  const sheetNames = new Map(spec.sheets.map((sheet) => [sheet.name.toUpperCase(), sheet.name]));
  const carriedTo = new Map(
    carried.map((cell) => [`${cell.sheet}\n${cell.row * COLUMNS + cell.column}`, cell.to])
  );
  const sheets: LostSheet[] = [];
  for (const sheet of snapshot.sheets) {
    const written = specSheets.get(sheet.name.toUpperCase());
    const lost: PlacedLoss[] = [];
    for (const cell of cellsOf(sheet)) {
      const content = written?.get(cell.row * COLUMNS + cell.column);
      const kind = lossOf(cell, content);
      if (kind === null) continue;
      const place = {
        row: cell.row,
        column: cell.column,
        address: cellAddress(cell.row, cell.column),
        value: cell.value,
        formula: cell.formula,
        now: nowOf(content),
      };
      // A value the new workbook holds at another place (a check-in log's, a plan field's); for
      // a formula, its value (the formula itself is not carried, and the cell says so).
      const to = carriedTo.get(`${sheet.name}\n${cell.row * COLUMNS + cell.column}`);
      const there =
        to === undefined
          ? undefined
          : specSheets.get(to.sheet.toUpperCase())?.get(to.row * COLUMNS + to.column);
      if (to !== undefined && there !== undefined && cell.value !== null) {
        if (sameValue(cell.value, specValue(there))) {
          const target = sheetNames.get(to.sheet.toUpperCase()) ?? to.sheet;
          const movedTo = `${sheetReference(target)}!${cellAddress(to.row, to.column)}`;
          lost.push({ ...place, kind: "moved", movedTo });
          continue;
        }
      }
      lost.push({ ...place, kind });
    }
    for (const { row, column } of sheet.unreadable ?? []) {
      if (cellAt(sheet, row, column) !== null) continue;
      const address = cellAddress(row, column);
      const now = nowOf(written?.get(row * COLUMNS + column));
      lost.push({ row, column, address, value: null, formula: null, now, kind: "unreadable" });
    }
    if (lost.length === 0) continue;
    sheets.push({ sheet: sheet.name, inNewWorkbook: written !== undefined, runs: runsOf(lost) });
  }
  const specNames = new Map(spec.names.map((name) => [name.name.toUpperCase(), name.formula]));
  const lostNames: LostName[] = [];
  for (const name of names ?? []) {
    if (/^_xlnm\./i.test(name.name)) continue;
    const sheet = name.sheet ?? null;
    const now = sheet === null ? (specNames.get(name.name.toUpperCase()) ?? null) : null;
    if (now !== null && now.trim() === name.formula.trim()) continue;
    lostNames.push({ name: name.name, sheet, formula: name.formula, now });
  }
  return { sheets, names: lostNames, namesCompared: names !== null };
}

/** Whether anything at all was left behind. */
export function nothingLeftBehind(result: LeftBehind): boolean {
  return result.sheets.length === 0 && result.names.length === 0;
}
