import type { FindingCell, StructureFinding } from "../okr/rules/types";
import { MILESTONE_DONE_WORDS, MILESTONE_NOT_DONE_WORDS } from "../okr/thresholds";
import { buildWorkbook } from "./build";
import { CHECK_IN_HEADERS, layoutMark, MARK_NAMES, SHEETS } from "./layout";
import { readPlan } from "./read/reader";
import { cellAt } from "./snapshot";
import {
  cellAddress,
  type CellContent,
  columnLetter,
  type SheetSnapshot,
  type SheetSpec,
  type SnapshotValue,
  type TableSpec,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "./spec";
import { hasBrokenReference, normalisedFormula } from "./structure";

/**
 * Repair (issue 13): from the structure findings and the snapshot they were made from, the exact
 * cells and names Repair writes. Only what OKR Studio owns is written: a computed cell's formula
 * (the one the finding carries, which the builders wrote), a defined name the builder makes, and
 * empty cells that receive a typed value kept before its formula is restored. A cell a person
 * owns (an input column, a note, a check-in) is never written over: every write targets a cell
 * the findings name as computed, or an empty cell.
 *
 * A value typed over a computed cell is a person's data. Typed over the Scorecard's Current, it
 * becomes a dated check-in in the log's first free row (today, the key result's id, the value, a
 * comment naming the cell), so Current, restored, shows it again. Typed anywhere else, it is kept
 * as a text in the row's empty Notes cell, else in the first empty cell right of the row's table,
 * and listed in the report. Check-ins found outside the log (OKR023) are copied into the log only
 * when `moveCheckIns` is set (a separate, confirmed step): every cell of a row, or none of it
 * (see moveCheckIns); the originals are left where they were.
 * A table column that is gone (OKR025, "has no … column", a column deleted) is inserted again, as
 * one table column at the builder's place with its header (RepairInsertion, applied in order
 * before any write); a computed column gets the builder's formulas, an input column comes back
 * empty (what was typed in it went with the deletion) and the report says so. Once the plan
 * inserts a column, every formula the builder writes and the workbook holds is written again at
 * its place after the insertions (the deletion and the insertion adjust references differently,
 * and whole-column references not at all), the builder's names likewise, and the rows outside the
 * tables that the deletion shifted left (the Scorecard's summary row, the Dashboard's weekly
 * trend) are laid out again, only where each of their cells holds what the builder wrote one
 * column further right (or nothing). A renamed header (OKR025 "is now …") gets its text back
 * when its cell is in the table's header row and holds none of the table's other headers; the
 * person's text is told in the report. A row OKR Studio writes that is gone (OKR029) is inserted
 * again as a whole sheet row at the builder's place (RepairRowInsertion, before any write), with
 * the builder's cells written into it, once every other row of its sheet would then stand where
 * the builder puts it (see planRows); the builder's formulas and names elsewhere are then written
 * again as after a column insertion. A person's formula over a computed cell (OKR028) is written
 * over only with `restoreFormulas` (the user ticked it), the formula kept as a note beside it.
 * Missing sheets (OKR024) are not repaired here: `okr rebuild` rebuilds them.
 *
 * A formula is written only where the builder, for the plan read back, writes that very formula
 * at that very address: once rows or columns moved, the builder's formula refers to its own
 * places, not to the moved ones, so such a cell is told in the report and left alone. A name is
 * restored only where the cell it points at still holds the builder's label beside it.
 * Pure: no host, no I/O.
 */

/** What a cell holds, as a snapshot reads it: null when it is empty. */
export interface HeldContent {
  value: SnapshotValue;
  formula: string | null;
}

/** One cell Repair writes, with what it must hold just before (else the workbook changed). */
export interface RepairWrite {
  sheet: string;
  address: string;
  content: CellContent;
  /** What the plan saw there; null for an empty cell. */
  before: HeldContent | null;
  /**
   * Writes that go together share a group, and a batch never splits one: a check-in's row, or a
   * kept value with the formula restored over it.
   */
  group?: number;
  /**
   * A cell of a check-in the plan writes into the log: the log's row (0-based) and every input
   * column's header and column, so the writer can read the whole row just before writing it.
   */
  checkIn?: { row: number; columns: { header: string; column: number }[] };
  /**
   * Where the cell is before the plan's insertions (`before` is read there): absent when that is
   * `address`, null for a cell of an inserted column (it does not exist before).
   */
  from?: string | null;
}

/**
 * One table column Repair inserts (TableColumnCollection.add), in the order the writer applies
 * them: the cells of the table's rows from `column` rightwards shift one column right.
 */
export interface RepairInsertion {
  sheet: string;
  table: string;
  /** Its 0-based index in the table once inserted: the builder's. */
  index: number;
  header: string;
  /** The sheet column (0-based) it takes, and the table's rows (header row first). */
  column: number;
  rows: { first: number; last: number };
  /** The table's header texts as the plan saw them, left to right: else nothing is written. */
  headersBefore: string[];
  /** A computed column (the builder's formulas are written into it) or an input column (empty). */
  computed: boolean;
}

/**
 * One sheet row Repair inserts (Range.insert down on the whole row; never
 * TableRowCollection.add), in the order the writer applies them, before any write: a row OKR
 * Studio writes that was deleted (OKR029). Every row from `row` down shifts one row down.
 */
export interface RepairRowInsertion {
  sheet: string;
  /**
   * The 0-based row it takes: the builder's, which is where it is once the plan's earlier row
   * insertions (on rows above it) are made.
   */
  row: number;
  /** The row's label or first text, as the report names it. */
  label: string;
  /**
   * The table whose last row it is: Excel does not take a row inserted just below a table into
   * it, so the table is resized to `address` once the row is in (Table.resize, ExcelApi 1.13).
   */
  resize?: { table: string; address: string };
}

/** One defined name Repair gives its builder's formula. */
export interface RepairName {
  name: string;
  formula: string;
  /** Its formula as the plan saw it, or null when it was missing. */
  before: string | null;
}

/**
 * A typed value kept before its cell's formula is restored; or a person's formula over a computed
 * cell (OKR028, when the user ticked restoring those), kept as a note: `as` "formula".
 */
export interface KeptValue {
  /** The value typed, or the person's formula ("=G6*2"). */
  value: string | number | boolean;
  /** Where it was typed, "Sheet!A1". */
  from: string;
  /** Where it is kept, "Sheet!A1". */
  to: string;
  as: "check-in" | "note" | "formula";
}

export interface RepairPlan {
  /** Table columns inserted, in order, before any write (absent or empty: none). */
  insertions?: RepairInsertion[];
  /** Sheet rows inserted, in order, before any write (absent or empty: none). */
  rows?: RepairRowInsertion[];
  /**
   * Ranges of cells OKR Studio does not write (as they are now) that the rows inserted move down
   * one row: a person's notes beside a table, their own cells below (absent or empty: none).
   */
  moved?: { sheet: string; range: string }[];
  /** Addresses of writes are where the cells are once the insertions are made. */
  writes: RepairWrite[];
  names: RepairName[];
  kept: KeptValue[];
  /** What Repair does and does not do, one line each, in the user's words. */
  report: string[];
}

export interface RepairOptions {
  /** Today, an Excel serial number: the date of a check-in made from a value typed over Current. */
  today: number;
  /** Copy the check-ins found outside the log into it (OKR023): only when the user confirmed it. */
  moveCheckIns?: boolean;
  /**
   * A new check-in's Entry id, unique across co-authors (the pane passes the check-in writer's
   * newCheckInId). Without it, `repair-<date>-<n>`, unique within this log only.
   */
  newId?: () => string;
  /**
   * Also write the builder's formula over a person's formula in a computed cell (OKR028): only
   * when the user ticked it. The person's formula is kept as a note beside the cell and listed.
   */
  restoreFormulas?: boolean;
}

/** The rules whose cells or names Repair writes (OKR023 and OKR028 only when confirmed). */
export const REPAIRED_RULES = ["OKR021", "OKR022", "OKR025", "OKR029"] as const;

const where = (sheet: string, address: string) => `${sheet}!${address}`;

/** "'OKR Plan'!A1"-free address parts of "Sheet!A1". */
function rowAndColumn(address: string): { row: number; column: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, column: column - 1 };
}

function lower(cell: { value: SnapshotValue; formula: string | null } | null): string {
  return typeof cell?.value === "string" && cell.formula === null
    ? cell.value.trim().toLowerCase()
    : "";
}

function isEmpty(cell: { value: SnapshotValue; formula: string | null } | null): boolean {
  return cell === null || (cell.formula === null && (cell.value === null || cell.value === ""));
}

/** The nearest row at or above `row` holding all the headers, with each header's column. */
function headerRowAbove(
  sheet: SheetSnapshot,
  row: number,
  headers: readonly string[]
): { row: number; columns: Map<string, number>; right: number } | null {
  const wanted = headers.map((header) => header.toLowerCase());
  let found: { row: number; columns: Map<string, number>; right: number } | null = null;
  for (const line of sheet.rows) {
    if (line.row > row) break;
    const columns = new Map<string, number>();
    for (const cell of line.cells) {
      const text = lower(cell);
      if (text !== "" && !columns.has(text)) columns.set(text, cell.column);
    }
    if (wanted.every((header) => columns.has(header)))
      found = { row: line.row, columns, right: Math.max(...line.cells.map((c) => c.column)) };
  }
  return found;
}

function contentOf(value: string | number | boolean): CellContent {
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  return { kind: "text", text: value };
}

function shown(value: string | number | boolean): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The plan of a repair. Findings of other rules are told in the report and not repaired. */
export function planRepair(
  snapshot: WorkbookSnapshot,
  findings: readonly StructureFinding[],
  options: RepairOptions
): RepairPlan {
  const sheets = new Map(snapshot.sheets.map((sheet) => [sheet.name, sheet]));
  const writes: RepairWrite[] = [];
  const names: RepairName[] = [];
  const kept: KeptValue[] = [];
  const report: string[] = [];
  // Every cell a finding names is taken: nothing is kept there, and it is written once.
  const taken = new Set<string>();
  for (const finding of findings)
    for (const cell of finding.cells ?? []) taken.add(where(cell.sheet, cell.address));
  const written = new Set<string>();
  let group = 0;
  const built = builderSpec(snapshot);
  const layout = planInsertions(sheets, built, findings);
  // Rows OKR Studio writes that a column deletion shifted left, laid out again (relaidRows): an
  // OKR029 finding of a label that went with the column is repaired there.
  const laid = new Set<string>();
  const relaid =
    built !== null && layout.insertions.length > 0
      ? relaidRows(built, sheets, new Shift(layout.insertions), report, laid)
      : [];
  const rowLayout = planRows(
    sheets,
    built,
    findings,
    taken,
    new Set(layout.insertions.map((insertion) => insertion.sheet)),
    laid
  );
  const shift = new Shift(layout.insertions, rowLayout.rows);
  report.push(...layout.report, ...rowLayout.report);
  // A person's formula over a computed cell (OKR028) is written over only when the user ticked it.
  const personal = new Set<string>();
  for (const finding of findings)
    if (finding.ruleId === "OKR028")
      for (const cell of finding.cells ?? [])
        personal.add(where(cell.sheet, shift.after(cell.sheet, cell.address)));
  /**
   * Adds a write. Its address is where the cell is now, before the insertions, unless `from` is
   * given (then the address is already where it is after them): it becomes where it is after.
   */
  const write = (entry: RepairWrite) => {
    const address =
      entry.from === undefined ? shift.after(entry.sheet, entry.address) : entry.address;
    const key = where(entry.sheet, address);
    if (written.has(key)) return;
    written.add(key);
    taken.add(where(entry.sheet, entry.from ?? entry.address));
    const from = entry.from === undefined ? entry.address : entry.from;
    writes.push({ ...entry, address, ...(from === address ? {} : { from }), group });
  };
  const log = checkInLog(sheets.get(SHEETS.checkIns) ?? null, taken);
  if (log !== null) log.newId = options.newId;
  const builderFormulas = new Map<string, string>();
  for (const sheet of built?.sheets ?? [])
    for (const cell of sheet.cells)
      if (cell.content.kind === "formula")
        builderFormulas.set(
          where(sheet.name, cellAddress(cell.row, cell.column)),
          normalisedFormula(cell.content.formula)
        );
  for (const entry of layout.writes) write(entry);
  for (const entry of rowLayout.writes) write(entry);
  if (built !== null && (layout.insertions.length > 0 || rowLayout.rows.length > 0)) {
    for (const entry of relaid) {
      taken.add(where(entry.sheet, entry.address));
      write(entry);
    }
    for (const entry of rewrittenFormulas(built, sheets, shift, report))
      if (!personal.has(where(entry.sheet, entry.address))) write(entry);
    for (const name of rewrittenNames(built, snapshot)) names.push(name);
  }

  for (const finding of findings) {
    if (finding.ruleId === "OKR021" || finding.ruleId === "OKR022") {
      for (const cell of finding.cells ?? []) {
        const after = shift.after(cell.sheet, cell.address);
        if (written.has(where(cell.sheet, after))) continue;
        if (cell.expected === null) {
          report.push(
            `${where(cell.sheet, cell.address)} is not repaired: OKR Studio does not write a formula there, so it is a person's formula; fix its reference by hand`
          );
          continue;
        }
        const sheet = sheets.get(cell.sheet);
        if (sheet === undefined) continue;
        if (built === null) {
          report.push(
            `${where(cell.sheet, cell.address)} is not repaired: Repair cannot tell what OKR Studio wrote there (the plan could not be read back, or the workbook's layout mark names no formula style); okr rebuild writes a new workbook`
          );
          continue;
        }
        if (builderFormulas.get(where(cell.sheet, after)) !== normalisedFormula(cell.expected)) {
          report.push(
            `${where(cell.sheet, cell.address)} is not repaired: rows or columns of ${cell.sheet} moved, so the builder's formula would not fit this place; okr rebuild writes a new workbook`
          );
          continue;
        }
        group++;
        keepTyped(cell, sheet, log, options, write, kept, report, taken);
        write({
          sheet: cell.sheet,
          address: cell.address,
          content: { kind: "formula", formula: cell.expected },
          before: cell.current === null ? null : { ...cell.current },
        });
      }
      for (const name of finding.names ?? []) {
        if (name.expected === null) {
          report.push(
            `the name ${name.name} is not repaired: OKR Studio does not make it, so it is a person's name`
          );
          continue;
        }
        if (names.some((entry) => entry.name.toUpperCase() === name.name.toUpperCase())) continue;
        if (built === null || !pointsAtItsLabel(name.expected, built, sheets, shift)) {
          report.push(
            `the name ${name.name} is not repaired: the cell it points at moved or is gone; okr rebuild writes a new workbook`
          );
          continue;
        }
        names.push({ name: name.name, formula: name.expected, before: name.current });
      }
    } else if (finding.ruleId === "OKR023") {
      if (options.moveCheckIns === true)
        moveCheckIns(finding, sheets, log, keyResultIds(snapshot), write, report, () => group++);
      else
        report.push(
          `${finding.message}. They are not moved unless you confirm moving them into the Check-ins table`
        );
    } else if (finding.ruleId === "OKR028") {
      if (options.restoreFormulas !== true) {
        report.push(
          `${finding.message}. Not restored: a person's formula is written over only if you tick "also restore the formulas people wrote over computed cells"`
        );
        continue;
      }
      for (const cell of finding.cells ?? []) {
        const after = shift.after(cell.sheet, cell.address);
        const sheet = sheets.get(cell.sheet);
        if (written.has(where(cell.sheet, after)) || sheet === undefined) continue;
        if (
          cell.expected === null ||
          cell.current?.formula == null ||
          built === null ||
          builderFormulas.get(where(cell.sheet, after)) !== normalisedFormula(cell.expected)
        ) {
          report.push(
            `${where(cell.sheet, cell.address)} is not restored: rows or columns of ${cell.sheet} moved, so the builder's formula would not fit this place; okr rebuild writes a new workbook`
          );
          continue;
        }
        group++;
        const formula = cell.current.formula;
        const note = noteCell(
          sheet,
          rowAndColumn(cell.address).row,
          rowAndColumn(cell.address).column,
          taken
        );
        write({
          sheet: cell.sheet,
          address: note,
          content: {
            kind: "text",
            text: `${shown(formula)} was the formula in ${cell.address}, where Repair restored OKR Studio's`,
          },
          before: null,
        });
        kept.push({
          value: formula,
          from: where(cell.sheet, cell.address),
          to: where(cell.sheet, note),
          as: "formula",
        });
        report.push(
          `${where(cell.sheet, cell.address)}: the formula a person wrote there, ${formula}, is kept as a note in ${where(cell.sheet, note)}`
        );
        write({
          sheet: cell.sheet,
          address: cell.address,
          content: { kind: "formula", formula: cell.expected },
          before: { ...cell.current },
        });
      }
    } else if (layout.handled.has(finding) || rowLayout.handled.has(finding)) {
      continue;
    } else if (finding.ruleId === "OKR024" || finding.ruleId === "OKR025") {
      report.push(
        `not repaired: ${finding.message}. Repair writes no sheet or header; okr rebuild writes a new workbook`
      );
    } else {
      report.push(`not repaired: ${finding.message}`);
    }
  }
  for (const entry of writes)
    if (entry.content.kind === "formula")
      report.unshift(`${where(entry.sheet, entry.address)}: restores ${entry.content.formula}`);
  for (const name of names) report.unshift(`the name ${name.name}: restores ${name.formula}`);
  const movedCells = built === null ? [] : cellsMoved(sheets, built, rowLayout.rows);
  for (const { sheet, row, ranges } of [...movedCells].reverse())
    report.unshift(
      `${sheet}: inserting row ${row + 1} also moves your cells ${ranges.join(", ")} down one row`
    );
  for (const line of [...layout.told, ...rowLayout.told].reverse()) report.unshift(line);
  // Where a kept value was typed and is kept, once the insertions are made.
  const moved = (place: string) => {
    const [sheet, address] = [
      place.slice(0, place.lastIndexOf("!")),
      place.slice(place.lastIndexOf("!") + 1),
    ];
    return where(sheet, shift.after(sheet, address));
  };
  for (const entry of kept) Object.assign(entry, { from: moved(entry.from), to: moved(entry.to) });
  return {
    insertions: layout.insertions,
    rows: rowLayout.rows,
    moved: movedCells.flatMap(({ sheet, ranges }) => ranges.map((range) => ({ sheet, range }))),
    writes,
    names,
    kept,
    report,
  };
}

/**
 * For each row inserted, the cells OKR Studio does not write (a person's notes beside a table,
 * their own cells below) at or below it, which the insertion moves down one row: by column, each
 * column's first to last such cell (as they are now). A cell is OKR Studio's when the builder
 * writes one where it is once the rows are inserted.
 */
function cellsMoved(
  sheets: ReadonlyMap<string, SheetSnapshot>,
  built: WorkbookSpec,
  rows: readonly RepairRowInsertion[]
): { sheet: string; row: number; ranges: string[] }[] {
  const result: { sheet: string; row: number; ranges: string[] }[] = [];
  const shift = new Shift([], [...rows]);
  for (const [index, insertion] of rows.entries()) {
    const sheet = sheets.get(insertion.sheet);
    const spec = built.sheets.find((entry) => entry.name === insertion.sheet);
    if (sheet === undefined || spec === undefined) continue;
    const builders = new Set(spec.cells.map((cell) => cellAddress(cell.row, cell.column)));
    // Where the row is inserted, in the rows of now: less the rows inserted above it.
    const above = rows.slice(0, index).filter((other) => other.sheet === insertion.sheet).length;
    const from = insertion.row - above;
    const spans = new Map<number, { first: number; last: number }>();
    for (const line of sheet.rows) {
      if (line.row < from) continue;
      const after = shift.rowAfter(insertion.sheet, line.row);
      for (const cell of line.cells) {
        if (isEmpty(cell) || builders.has(cellAddress(after, cell.column))) continue;
        const span = spans.get(cell.column);
        spans.set(cell.column, {
          first: Math.min(span?.first ?? line.row, line.row),
          last: Math.max(span?.last ?? line.row, line.row),
        });
      }
    }
    if (spans.size === 0) continue;
    const ranges = [...spans]
      .sort(([a], [b]) => a - b)
      .map(([column, { first, last }]) =>
        first === last
          ? cellAddress(first, column)
          : `${cellAddress(first, column)}:${cellAddress(last, column)}`
      );
    result.push({ sheet: insertion.sheet, row: insertion.row, ranges });
  }
  return result;
}

/** What the builder writes for the plan read back, in the workbook's formula style; null if unknown. */
function builderSpec(snapshot: WorkbookSnapshot): WorkbookSpec | null {
  const mark = layoutMark(snapshot.names ?? []);
  if (mark === null || mark.style === null) return null;
  const plan = readPlan(snapshot).plan;
  return plan === null ? null : buildWorkbook(plan, { style: mark.style });
}

/**
 * Whether a name's cell ("='OKR Plan'!$B$13") is where the builder put it: the cells left of it
 * in its row hold the builder's labels there (a row deleted above it would have moved them).
 */
function pointsAtItsLabel(
  formula: string,
  built: WorkbookSpec,
  sheets: ReadonlyMap<string, SheetSnapshot>,
  shift: Shift
): boolean {
  const match = /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(formula.trim());
  if (match === null) return true;
  const name = (match[1] ?? match[2]).replace(/''/g, "'");
  const { row } = rowAndColumn(`${match[3]}${match[4]}`);
  const spec = built.sheets.find((sheet) => sheet.name === name);
  const sheet = sheets.get(name);
  if (spec === undefined || sheet === undefined) return false;
  const labels = spec.cells.filter((cell) => cell.row === row && cell.content.kind === "text");
  // A row the plan inserts gets the builder's labels.
  const now = shift.rowBefore(name, row);
  if (now === null) return labels.length > 0;
  return (
    labels.length > 0 &&
    labels.every(
      (cell) =>
        cell.content.kind === "text" &&
        lower(cellAt(sheet, now, cell.column)) === cell.content.text.trim().toLowerCase()
    )
  );
}

/** The check-in log's free rows and columns, in the snapshot. */
interface CheckInLog {
  sheet: string;
  columns: Map<string, number>;
  /** Free rows inside the table, first first; taken as they are used. */
  free: number[];
  entries: Set<string>;
  /** Makes an Entry id (RepairOptions.newId). */
  newId?: () => string;
  /** Rows copied in before: movedKey of the place their comment names, date, key result, value. */
  moved: Set<string>;
}

/**
 * The log's free rows: after its last row holding a date, key result or value, the rows whose
 * input columns are all empty and whose Valid cell holds the builder's formula (rows of the table:
 * a row below it would not be counted where Excel does not take it in). None when the log or its
 * headers are not found: a value is then kept as a note.
 */
function checkInLog(sheet: SheetSnapshot | null, taken: ReadonlySet<string>): CheckInLog | null {
  if (sheet === null) return null;
  const header = headerRowAbove(sheet, Number.MAX_SAFE_INTEGER, CHECK_IN_HEADERS);
  if (header === null) return null;
  const column = (name: string) => header.columns.get(name.toLowerCase())!;
  const inputs = CHECK_IN_HEADERS.filter((name) => name !== "Valid").map(column);
  const used = [column("Date"), column("Key Result"), column("Value")];
  const entries = new Set<string>();
  const moved = new Set<string>();
  let last = header.row;
  let end = header.row;
  for (const line of sheet.rows) {
    if (line.row <= header.row) continue;
    const entry = cellAt(sheet, line.row, column("Entry"));
    if (entry !== null && entry.value !== null) entries.add(String(entry.value));
    const comment = cellAt(sheet, line.row, column("Comment"))?.value;
    const from = typeof comment === "string" ? /moved from (.+?![A-Z]+\d+)/.exec(comment) : null;
    if (from !== null)
      moved.add(
        movedKey(
          from[1],
          cellAt(sheet, line.row, column("Date"))?.value,
          cellAt(sheet, line.row, column("Key Result"))?.value,
          cellAt(sheet, line.row, column("Value"))?.value
        )
      );
    if (used.some((c) => !isEmpty(cellAt(sheet, line.row, c)))) last = line.row;
    if (cellAt(sheet, line.row, column("Valid"))?.formula) end = line.row;
  }
  const free: number[] = [];
  for (let row = last + 1; row <= end; row++)
    if (
      inputs.every((c) => isEmpty(cellAt(sheet, row, c))) &&
      cellAt(sheet, row, column("Valid"))?.formula &&
      !inputs.some((c) => taken.has(where(sheet.name, cellAddress(row, c))))
    )
      free.push(row);
  return { sheet: sheet.name, columns: header.columns, free, entries, moved };
}

/** Writes one check-in into the log's next free row; false when the log has none. */
function appendCheckIn(
  log: CheckInLog | null,
  values: {
    date: number;
    keyResult: string;
    value: string | number | boolean;
    comment: string;
    /** Further cells by log header (a moved row's Confidence, Author, …). */
    extra?: ReadonlyMap<string, CellContent>;
  },
  write: (entry: RepairWrite) => void
): string | null {
  if (log === null || log.free.length === 0) return null;
  const row = log.free.shift()!;
  let entry = log.newId?.() ?? "";
  for (let n = 1; entry === "" || log.entries.has(entry); n++)
    entry = log.newId?.() ?? `repair-${values.date}-${n}`;
  log.entries.add(entry);
  const at = (header: string) => cellAddress(row, log.columns.get(header.toLowerCase())!);
  const given = new Map<string, CellContent>([
    ["Date", { kind: "date", serial: values.date }],
    ["Key Result", { kind: "text", text: values.keyResult }],
    ["Value", contentOf(values.value)],
    ["Comment", { kind: "text", text: values.comment }],
    ["Entry", { kind: "text", text: entry }],
  ]);
  for (const [header, content] of values.extra ?? [])
    if (!given.has(header)) given.set(header, content);
  // The whole input row is written (empty where the check-in has nothing), so the row is this
  // check-in's alone even if a co-author wrote into it just before.
  const columns = CHECK_IN_HEADERS.filter(
    (header) => header !== "Valid" && log.columns.has(header.toLowerCase())
  ).map((header) => ({ header, column: log.columns.get(header.toLowerCase())! }));
  for (const { header } of columns)
    write({
      sheet: log.sheet,
      address: at(header),
      content: given.get(header) ?? { kind: "text", text: "" },
      before: null,
      checkIn: { row, columns },
    });
  return where(log.sheet, at("Date"));
}

/** Keeps a value typed over a computed cell: a check-in for Current, else a note beside it. */
function keepTyped(
  cell: FindingCell,
  sheet: SheetSnapshot,
  log: CheckInLog | null,
  options: RepairOptions,
  write: (entry: RepairWrite) => void,
  kept: KeptValue[],
  report: string[],
  taken: Set<string>
): void {
  const current = cell.current;
  if (current === null || current.formula !== null || current.value === null) return;
  if (current.value === "") return;
  const value = current.value;
  const from = where(cell.sheet, cell.address);
  const { row, column } = rowAndColumn(cell.address);
  if (cell.sheet === SHEETS.scorecard) {
    const header = headerRowAbove(sheet, row, ["ID", "Key Result", "Current"]);
    const id = header === null ? null : cellAt(sheet, row, header.columns.get("id")!);
    const typeColumn = header?.columns.get("type");
    const type = typeColumn === undefined ? "" : lower(cellAt(sheet, row, typeColumn));
    if (
      header !== null &&
      header.columns.get("current") === column &&
      typeof id?.value === "string" &&
      id.value.trim() !== "" &&
      acceptedValue(value, type)
    ) {
      const to = appendCheckIn(
        log,
        {
          date: options.today,
          keyResult: id.value.trim(),
          value,
          comment: `typed over Current on ${from}`,
        },
        write
      );
      if (to !== null) {
        kept.push({ value, from, to, as: "check-in" });
        report.push(
          `${from}: ${shown(value)} typed over Current is kept as a check-in of ${id.value.trim()} dated today (${to})`
        );
        return;
      }
    }
  }
  const note = noteCell(sheet, row, column, taken);
  const text = `${shown(value)} was typed over ${cell.address}, whose formula Repair restored`;
  write({ sheet: cell.sheet, address: note, content: { kind: "text", text }, before: null });
  const to = where(cell.sheet, note);
  kept.push({ value, from, to, as: "note" });
  report.push(`${from}: ${shown(value)} typed over its formula is kept as a note in ${to}`);
}

/**
 * Whether a value typed over Current is one its key result takes as a check-in: a number, or for
 * a milestone also TRUE/FALSE or a done / not-done word. Anything else ("n/a") would turn the
 * row's Progress and Score into #VALUE!, so it is kept as a note instead.
 */
function acceptedValue(value: string | number | boolean, type: string): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (type !== "milestone") return false;
  if (typeof value === "boolean") return true;
  const word = value.trim().toLowerCase();
  return (
    (MILESTONE_DONE_WORDS as readonly string[]).includes(word) ||
    (MILESTONE_NOT_DONE_WORDS as readonly string[]).includes(word)
  );
}

/** The row's empty Notes cell, else the first empty cell right of its table (or of the cell). */
function noteCell(
  sheet: SheetSnapshot,
  row: number,
  column: number,
  taken: ReadonlySet<string>
): string {
  const free = (c: number) =>
    isEmpty(cellAt(sheet, row, c)) && !taken.has(where(sheet.name, cellAddress(row, c)));
  const header = headerRowAbove(sheet, row, ["Notes"]);
  const notes = header?.columns.get("notes");
  if (header !== null && notes !== undefined && header.row < row && notes > column && free(notes))
    return cellAddress(row, notes);
  const headerRow = sheet.rows.find((line) => line.row === header?.row);
  let from =
    header !== null && headerRow !== undefined && header.right >= column
      ? header.right + 1
      : column + 1;
  while (!free(from)) from++;
  return cellAddress(row, from);
}

/** The log's input headers, in the log's column order. */
function inputHeaders(log: CheckInLog): string[] {
  return CHECK_IN_HEADERS.filter(
    (header) => header !== "Valid" && log.columns.has(header.toLowerCase())
  ).sort((a, b) => log.columns.get(a.toLowerCase())! - log.columns.get(b.toLowerCase())!);
}

/**
 * Which log column each cell of an outside row goes to: by the header row above it (the nearest
 * row above holding a log header over every one of its cells), else, when the row sits beside the
 * log on its sheet, by the log's column order from the row's first cell. Null with the reason when
 * a cell has no place.
 */
function columnsOf(
  cells: readonly FindingCell[],
  sheet: SheetSnapshot,
  log: CheckInLog
): { headers: Map<FindingCell, string> } | { refused: string } {
  const headers = inputHeaders(log);
  const known = new Map(headers.map((header) => [header.toLowerCase(), header]));
  const positions = cells.map((cell) => rowAndColumn(cell.address));
  const row = positions[0].row;
  for (const line of [...sheet.rows].reverse()) {
    if (line.row >= row) continue;
    const over = positions.map(({ column }) => known.get(lower(cellAt(sheet, line.row, column))));
    if (over.every((header) => header !== undefined)) {
      if (new Set(over).size !== over.length)
        return { refused: "two of its cells sit under the same header" };
      return { headers: new Map(cells.map((cell, index) => [cell, over[index]!])) };
    }
  }
  if (sheet.name !== log.sheet)
    return { refused: "no header of the Check-ins table stands above its cells" };
  const left = Math.min(...positions.map(({ column }) => column));
  const mapped = new Map<FindingCell, string>();
  for (const [index, cell] of cells.entries()) {
    const header = headers[positions[index].column - left];
    if (header === undefined)
      return {
        refused: `${cell.address} lies past the log's last column, ${headers[headers.length - 1]}`,
      };
    mapped.set(cell, header);
  }
  return { headers: mapped };
}

/** Key results by their id, text or "KR 1.2" (as OKR023 finds them), to their id. */
function keyResultIds(snapshot: WorkbookSnapshot): Map<string, string> {
  const ids = new Map<string, string>();
  (readPlan(snapshot).plan?.objectives ?? []).forEach((objective, o) =>
    objective.keyResults.forEach((kr, k) => {
      for (const key of [kr.id, kr.text, `kr${o + 1}.${k + 1}`]) {
        const text = key.trim().toLowerCase();
        if (text !== "" && !ids.has(text)) ids.set(text, kr.id);
      }
    })
  );
  return ids;
}

/** Excel serials from 2000-01-01 to 2099-12-31, as OKR023 reads a date. */
const DATES = { from: 36_526, to: 73_050 } as const;

/**
 * OKR023, confirmed: every non-empty cell of each row copied into the log's column it belongs
 * to (see columnsOf), the key result as its id, "moved from …" added to the comment. A row any
 * cell of which has no place, whose date is not a typed date, or whose key result is not one of
 * the plan's is not moved, and the report says why. A row already copied (a log row whose comment
 * names its place, with its date, key result and value) is not copied again. The original cells
 * stay where they were.
 */
function moveCheckIns(
  finding: StructureFinding,
  sheets: ReadonlyMap<string, SheetSnapshot>,
  log: CheckInLog | null,
  keyResults: ReadonlyMap<string, string>,
  write: (entry: RepairWrite) => void,
  report: string[],
  nextGroup: () => void
): void {
  const rows = new Map<string, FindingCell[]>();
  for (const cell of finding.cells ?? []) {
    if (isEmpty(cell.current)) continue;
    const key = `${cell.sheet}!${rowAndColumn(cell.address).row}`;
    rows.set(key, [...(rows.get(key) ?? []), cell]);
  }
  for (const cells of rows.values()) {
    const sheet = sheets.get(cells[0].sheet);
    const place = `${cells[0].sheet}!${cells[0].address}`;
    const refuse = (why: string) => report.push(`${place}: not moved: ${why}`);
    if (sheet === undefined || log === null) {
      refuse("the Check-ins table was not found");
      continue;
    }
    const mapping = columnsOf(cells, sheet, log);
    if ("refused" in mapping) {
      refuse(mapping.refused);
      continue;
    }
    const byHeader = new Map([...mapping.headers].map(([cell, header]) => [header, cell]));
    const formula = cells.find((cell) => cell.current?.formula);
    if (formula !== undefined) {
      refuse(`${formula.address} holds a formula, which would not mean the same in the log`);
      continue;
    }
    const date = byHeader.get("Date")?.current?.value;
    if (
      typeof date !== "number" ||
      !Number.isInteger(date) ||
      date < DATES.from ||
      date > DATES.to
    ) {
      refuse("its date is not a date from 2000 to 2099 typed in the Date column");
      continue;
    }
    const named = byHeader.get("Key Result")?.current?.value;
    const keyResult =
      typeof named === "string"
        ? (keyResults.get(named.trim().toLowerCase()) ??
          keyResults.get(named.replace(/\s+/g, "").toLowerCase()))
        : undefined;
    if (keyResult === undefined) {
      refuse("key result not recognised");
      continue;
    }
    const value = byHeader.get("Value")?.current?.value;
    if (value === undefined || value === null || value === "") {
      refuse("it has no value in the Value column");
      continue;
    }
    if (log.moved.has(movedKey(place, date, keyResult, value))) {
      report.push(`${place}: already copied into the Check-ins table; not copied again`);
      continue;
    }
    const comment = byHeader.get("Comment")?.current?.value;
    const extra = new Map<string, CellContent>();
    for (const [header, cell] of byHeader)
      if (!["Date", "Key Result", "Value", "Comment"].includes(header))
        extra.set(header, contentOf(cell.current!.value as string | number | boolean));
    nextGroup();
    const to = appendCheckIn(
      log,
      {
        date,
        keyResult,
        value: value as string | number | boolean,
        comment:
          comment === undefined || comment === null || comment === ""
            ? `moved from ${place}`
            : `${String(comment)} (moved from ${place})`,
        extra,
      },
      write
    );
    report.push(
      to === null
        ? `${place}: not moved: the Check-ins table has no free row`
        : `${place}: every cell copied into the Check-ins table (${to}); the originals are left where they were`
    );
  }
}

/** What identifies a row moved before: its place, date, key result and value. */
function movedKey(place: string, date: unknown, keyResult: unknown, value: unknown): string {
  return JSON.stringify([place, date, keyResult, value]);
}

// ---------------------------------------------------------------------------------------------
// Deleted columns and renamed headers (OKR025).

/**
 * Where cells are once the plan's insertions are made, and where they were before: the table
 * columns (each shifts its table's rows from its column rightwards) and the sheet rows (each
 * shifts every row from its own down; a plan inserts rows only on sheets where it inserts no
 * column, so a column's table rows are the same before and after the row insertions).
 */
export class Shift {
  constructor(
    private readonly insertions: readonly RepairInsertion[],
    private readonly rowInsertions: readonly RepairRowInsertion[] = []
  ) {}

  /** "A1" of a cell now → its address once the insertions are made. */
  after(sheet: string, address: string): string {
    const { row, column } = rowAndColumn(address);
    let moved = column;
    for (const insertion of this.insertions)
      if (this.shifts(insertion, sheet, row) && moved >= insertion.column) moved++;
    return cellAddress(this.rowAfter(sheet, row), moved);
  }

  /** The row (0-based) a row now is at once the rows are inserted. */
  rowAfter(sheet: string, row: number): number {
    let moved = row;
    for (const insertion of this.rowInsertions)
      if (insertion.sheet === sheet && moved >= insertion.row) moved++;
    return moved;
  }

  /** The row now of a row once the rows are inserted; null: an inserted row. */
  rowBefore(sheet: string, row: number): number | null {
    let moved = row;
    for (const insertion of [...this.rowInsertions].reverse()) {
      if (insertion.sheet !== sheet) continue;
      if (moved === insertion.row) return null;
      if (moved > insertion.row) moved--;
    }
    return moved;
  }

  /** The column now of a cell at `column` once the insertions are made; null: an inserted cell. */
  before(sheet: string, row: number, column: number): number | null {
    let moved = column;
    for (const insertion of [...this.insertions].reverse()) {
      if (!this.shifts(insertion, sheet, row)) continue;
      if (moved === insertion.column) return null;
      if (moved > insertion.column) moved--;
    }
    return moved;
  }

  /** Whether an insertion shifts the row (it is one of its table's rows). */
  covers(sheet: string, row: number): boolean {
    return this.insertions.some((insertion) => this.shifts(insertion, sheet, row));
  }

  /** The sheet columns inserted on a sheet, left to right. */
  columns(sheet: string): number[] {
    return [...new Set(this.insertions.filter((i) => i.sheet === sheet).map((i) => i.column))].sort(
      (a, b) => a - b
    );
  }

  private shifts(insertion: RepairInsertion, sheet: string, row: number): boolean {
    return insertion.sheet === sheet && row >= insertion.rows.first && row <= insertion.rows.last;
  }
}

interface Layout {
  insertions: RepairInsertion[];
  /** Header texts put back, and the formulas of the inserted computed columns. */
  writes: RepairWrite[];
  /** The OKR025 findings these repair (or refuse with their own reason). */
  handled: Set<StructureFinding>;
  /** What is inserted or renamed, first in the report. */
  told: string[];
  /** What is not. */
  report: string[];
}

/** A table's header texts by the builder's column. */
function headerTexts(spec: SheetSpec, table: TableSpec): Map<number, string> {
  const headers = new Map<number, string>();
  for (const cell of spec.cells)
    if (
      cell.row === table.range.startRow &&
      cell.column >= table.range.startColumn &&
      cell.column <= table.range.endColumn &&
      cell.content.kind === "text"
    )
      headers.set(cell.column, cell.content.text);
  return headers;
}

function held(cell: { value: SnapshotValue; formula: string | null } | null): HeldContent | null {
  return cell === null ? null : { value: cell.value, formula: cell.formula };
}

/**
 * From the OKR025 findings: the table columns to insert (a column deleted), and the header texts
 * to put back (a header renamed or cleared over a column that still holds its cells). A column is
 * inserted only into a table that stands where the builder put it (its header row at the
 * builder's row, every other header at the builder's column less the columns gone left of it),
 * since the builder's formulas fit only there.
 */
function planInsertions(
  sheets: ReadonlyMap<string, SheetSnapshot>,
  built: WorkbookSpec | null,
  findings: readonly StructureFinding[]
): Layout {
  const layout: Layout = { insertions: [], writes: [], handled: new Set(), told: [], report: [] };
  if (built === null) return layout;
  type Gone = { column: number; header: string; finding: StructureFinding };
  const tables = new Map<
    TableSpec,
    { spec: SheetSpec; sheet: SheetSnapshot; row: number; gone: Gone[]; renamed: Set<number> }
  >();
  for (const finding of findings) {
    // One header gone or renamed; a header row gone (every header: one finding, its cells) is
    // not a column to insert, and its place holds a row of the table now: told, not written.
    if (finding.ruleId !== "OKR025" || (finding.cells ?? []).length !== 1) continue;
    const cell = finding.cells?.[0];
    if (cell?.expectedText === undefined) continue;
    const spec = built.sheets.find((entry) => entry.name === cell.sheet);
    const sheet = sheets.get(cell.sheet);
    const named = /^the (\S+) table/.exec(finding.message)?.[1];
    const table = spec?.tables.find((entry) => entry.name === named);
    if (spec === undefined || sheet === undefined || table === undefined) continue;
    const headers = headerTexts(spec, table);
    const wanted = cell.expectedText.trim().toLowerCase();
    const column = [...headers].find(([, text]) => text.trim().toLowerCase() === wanted)?.[0];
    if (column === undefined) continue;
    const { row, column: at } = rowAndColumn(cell.address);
    const entry = tables.get(table) ?? { spec, sheet, row, gone: [], renamed: new Set<number>() };
    tables.set(table, entry);
    const text = lower(cell.current);
    const ours = new Set([...headers.values()].map((header) => header.trim().toLowerCase()));
    const holdsCells = () => {
      for (let r = row + 1; r <= row + (table.range.endRow - table.range.startRow); r++)
        if (!isEmpty(cellAt(sheet, r, at))) return true;
      return false;
    };
    const renamed = text !== "" && !ours.has(text);
    if (row === entry.row && (renamed || (isEmpty(cell.current) && holdsCells()))) {
      // OKR Studio's header cell, holding none of the table's other headers: its text back.
      entry.renamed.add(column);
      layout.handled.add(finding);
      layout.writes.push({
        sheet: cell.sheet,
        address: cell.address,
        content: { kind: "text", text: cell.expectedText },
        before: held(cell.current),
      });
      layout.told.push(
        renamed
          ? `${where(cell.sheet, cell.address)}: the ${table.name} table's "${cell.expectedText}" header gets its name back; the text there now, ${JSON.stringify(cell.current!.value)}, is replaced (type it elsewhere if you need it)`
          : `${where(cell.sheet, cell.address)}: the ${table.name} table's "${cell.expectedText}" header, cleared, gets its name back`
      );
    } else if (!renamed) entry.gone.push({ column, header: cell.expectedText, finding });
  }
  for (const [table, { spec, sheet, row, gone, renamed }] of tables) {
    if (gone.length === 0) continue;
    gone.sort((a, b) => a.column - b.column);
    const missing = new Set(gone.map((entry) => entry.column));
    const headers = headerTexts(spec, table);
    const place = (column: number) => column - gone.filter((entry) => entry.column < column).length;
    const inPlace =
      row === table.range.startRow &&
      [...headers].every(
        ([column, text]) =>
          missing.has(column) ||
          renamed.has(column) ||
          lower(cellAt(sheet, row, place(column))) === text.trim().toLowerCase()
      );
    for (const entry of gone) layout.handled.add(entry.finding);
    if (!inPlace) {
      for (const entry of gone)
        layout.report.push(
          `not repaired: ${entry.finding.message}. The ${table.name} table is not where OKR Studio put it (rows or columns of ${sheet.name} moved), so Repair does not insert the column; okr rebuild writes a new workbook`
        );
      continue;
    }
    const { startColumn, endColumn, startRow, endRow } = table.range;
    const width = endColumn - startColumn + 1 - gone.length;
    const headersBefore = Array.from({ length: width }, (_, index) => {
      const cell = cellAt(sheet, row, startColumn + index);
      return cell === null || cell.value === null ? "" : String(cell.value);
    });
    // The table's last row: the builder's, or further down while rows hold something (a log
    // grown past the builder's rows).
    let last = endRow;
    while (
      Array.from({ length: width }, (_, index) =>
        cellAt(sheet, last + 1, startColumn + index)
      ).some((cell) => !isEmpty(cell))
    )
      last++;
    // The table's rows that hold something: a log with a row deleted (a check-in's, an edit of
    // content) ends above the builder's last row, and the inserted column ends with it, else its
    // last formula would make a row of the log that its other columns leave empty.
    let lastHeld = startRow;
    while (
      lastHeld < endRow &&
      Array.from({ length: width }, (_, index) =>
        cellAt(sheet, lastHeld + 1, startColumn + index)
      ).some((cell) => !isEmpty(cell))
    )
      lastHeld++;
    for (const entry of gone) {
      const cells = spec.cells.filter(
        (cell) => cell.column === entry.column && cell.row > startRow && cell.row <= endRow
      );
      const written = cells.filter((cell) => cell.row <= lastHeld);
      const computed = cells.length > 0 && cells.every((cell) => cell.content.kind === "formula");
      layout.insertions.push({
        sheet: sheet.name,
        table: table.name,
        index: entry.column - startColumn,
        header: entry.header,
        column: entry.column,
        rows: { first: startRow, last },
        headersBefore,
        computed,
      });
      const letter = columnLetter(entry.column);
      if (computed) {
        for (const cell of written)
          layout.writes.push({
            sheet: sheet.name,
            address: cellAddress(cell.row, cell.column),
            content: cell.content,
            before: null,
            from: null,
          });
        layout.told.push(
          `${sheet.name}: the ${table.name} table's "${entry.header}" column, deleted, is inserted again as column ${letter} with OKR Studio's formulas${last > endRow ? ` (rows ${endRow + 2} to ${last + 1}, past the rows OKR Studio wrote, are left empty)` : ""}`
        );
      } else
        layout.told.push(
          `${sheet.name}: the ${table.name} table's "${entry.header}" column, deleted, is inserted again as column ${letter}, empty: what was typed in it went with the deletion, so type it in again (or undo the deletion in Excel)`
        );
    }
  }
  // The builder's tables, for the plan read back, must be the workbook's: each table's first
  // column holds the builder's texts at the builder's rows (a plan misread would lay out others).
  // A sheet with rows gone (OKR029) is left to planRows, which inserts them only where its rows
  // then fit.
  const shift = new Shift(layout.insertions);
  const rowsGone = new Set(
    findings
      .filter((finding) => finding.ruleId === "OKR029")
      .flatMap((finding) => (finding.cells ?? []).map((cell) => cell.sheet))
  );
  const inserted = new Set(layout.insertions.map((insertion) => insertion.sheet));
  const misfit = built.sheets.find((spec) => {
    const sheet = sheets.get(spec.name);
    if (sheet === undefined || (rowsGone.has(spec.name) && !inserted.has(spec.name))) return false;
    return !tablesFit(spec, sheet, shift);
  });
  if (misfit !== undefined && layout.insertions.length > 0) {
    for (const insertion of layout.insertions)
      layout.report.push(
        `not repaired: the ${insertion.table} table has no "${insertion.header}" column. Repair does not insert it: the ${misfit.name} sheet's tables are not the ones OKR Studio writes for the plan read back (rows moved, or the plan was misread); okr rebuild writes a new workbook`
      );
    // The inserted columns' formulas are the only writes made at no cell of now.
    layout.writes = layout.writes.filter((entry) => entry.from !== null);
    layout.told = layout.told.filter((line) => !/is inserted again/.test(line));
    layout.insertions = [];
  }
  return layout;
}

// ---------------------------------------------------------------------------------------------
// Deleted rows (OKR029).

interface RowLayout {
  rows: RepairRowInsertion[];
  /** Every cell of the inserted rows, as the builder writes it. */
  writes: RepairWrite[];
  /** The OKR029 findings these repair (or refuse with their own reason). */
  handled: Set<StructureFinding>;
  told: string[];
  report: string[];
}

/** Whether a finding's cell names what the builder writes in a spec cell. */
function sameAsBuilt(cell: FindingCell, spec: CellSpecOf | undefined): boolean {
  if (spec === undefined) return false;
  if (cell.expected !== null)
    return (
      spec.content.kind === "formula" &&
      normalisedFormula(spec.content.formula) === normalisedFormula(cell.expected)
    );
  if (cell.expectedText !== undefined)
    return spec.content.kind === "text" && spec.content.text === cell.expectedText;
  return spec.content.kind !== "formula";
}

type CellSpecOf = SheetSpec["cells"][number];

/**
 * From the OKR029 findings: the rows to insert again, each at the builder's row, and every cell
 * of them as the builder writes it. Each row a finding lists is the builder's row whose cells it
 * names (the first such row at or below where the finding places it, in order). A sheet's rows
 * are inserted only when, once they are in, every other row of the builder's stands where the
 * builder put it (each text the builder writes is in its cell, or a finding names that cell), so
 * the builder's formulas fit again. A table's last row is taken into the table by a resize (a row
 * inserted below a table is not taken into it). A label that went with a deleted column, in a row laid out again
 * (`laid`), is repaired there. Rows are not inserted on a sheet where the plan inserts table
 * columns (`columnsInserted`): run Check and Repair again once the columns are in. On the other
 * sheets they are, in the same plan.
 */
function planRows(
  sheets: ReadonlyMap<string, SheetSnapshot>,
  built: WorkbookSpec | null,
  findings: readonly StructureFinding[],
  taken: ReadonlySet<string>,
  columnsInserted: ReadonlySet<string>,
  laid: ReadonlySet<string>
): RowLayout {
  const layout: RowLayout = { rows: [], writes: [], handled: new Set(), told: [], report: [] };
  if (built === null) return layout;
  const bySheet = new Map<string, StructureFinding[]>();
  for (const finding of findings) {
    if (finding.ruleId !== "OKR029" || (finding.cells ?? []).length === 0) continue;
    const cells = finding.cells!;
    if (
      cells.every((cell) => laid.has(where(cell.sheet, String(rowAndColumn(cell.address).row))))
    ) {
      layout.handled.add(finding);
      continue;
    }
    const name = cells[0].sheet;
    bySheet.set(name, [...(bySheet.get(name) ?? []), finding]);
  }
  for (const [name, found] of bySheet) {
    const spec = built.sheets.find((entry) => entry.name === name);
    const sheet = sheets.get(name);
    if (spec === undefined || sheet === undefined) continue;
    const refuse = (why: string) => {
      for (const finding of found) {
        layout.handled.add(finding);
        layout.report.push(`not repaired: ${finding.message}. ${why}`);
      }
    };
    if (columnsInserted.has(name)) {
      refuse(
        `Repair inserts the deleted table columns of ${name} first: check the workbook again once they are in, and Repair then inserts its rows`
      );
      continue;
    }
    const specRows = new Map<number, CellSpecOf[]>();
    for (const cell of spec.cells)
      specRows.set(cell.row, [...(specRows.get(cell.row) ?? []), cell]);
    const listed = new Map<number, FindingCell[]>();
    for (const finding of found)
      for (const cell of finding.cells!) {
        const { row } = rowAndColumn(cell.address);
        listed.set(row, [...(listed.get(row) ?? []), cell]);
      }
    const rows: RepairRowInsertion[] = [];
    let floor = -1;
    let unknown: string | null = null;
    let unsure: number | null = null;
    const cleared: RepairWrite[] = [];
    const clearedTold: string[] = [];
    const inPlace = new Set<string>();
    const fits = (candidate: number, cells: readonly FindingCell[]) =>
      cells.every((cell) =>
        sameAsBuilt(
          cell,
          specRows
            .get(candidate)!
            .find((entry) => entry.column === rowAndColumn(cell.address).column)
        )
      );
    for (const [at, cells] of [...listed].sort(([a], [b]) => a - b)) {
      // Cells of a row already taken, listed again by another finding (a table's row and a
      // labelled block beside it are placed each by its own anchors).
      if (rows.some((entry) => fits(entry.row, cells))) continue;
      const row = [...specRows.keys()]
        .filter((candidate) => candidate >= at && candidate > floor)
        .sort((a, b) => a - b)
        .find((candidate) => fits(candidate, cells));
      if (row === undefined) {
        unknown = cells[0].address;
        break;
      }
      floor = row;
      // A row is inserted only when it was deleted: the builder's cells below it sit one row
      // higher. Its own cells still in place (a label cleared, a row's contents cleared), the
      // missing ones are written where they are.
      const verdict = deletedOrCleared(
        sheet,
        specRows,
        row,
        rows,
        spec.tables.some(({ range }) => row > range.startRow && row <= range.endRow)
      );
      if (verdict === "cleared") {
        const now = row - rows.length;
        const filled: string[] = [];
        const kept: string[] = [];
        for (const cell of specRows.get(row)!) {
          if (cell.content.kind === "text" && cell.content.text === "") continue;
          const current = cellAt(sheet, now, cell.column);
          const address = cellAddress(row, cell.column);
          if (isEmpty(current)) {
            cleared.push({
              sheet: name,
              address,
              content: cell.content,
              before: null,
              from: cellAddress(now, cell.column),
            });
            filled.push(cellAddress(now, cell.column));
            inPlace.add(where(name, cellAddress(now, cell.column)));
          }
        }
        // What a person typed in the row's cells (an owner), not the builder's: left as it is.
        const columns = specRows.get(row)!.map((cell) => cell.column);
        for (const cell of sheet.rows.find((line) => line.row === now)?.cells ?? []) {
          if (cell.column < Math.min(...columns) || cell.column > Math.max(...columns)) continue;
          const builder = specRows.get(row)!.find((entry) => entry.column === cell.column);
          if (isEmpty(cell) || (builder !== undefined && holdsExactly(cell, builder.content)))
            continue;
          kept.push(
            `${cellAddress(now, cell.column)} (${cell.formula ?? shortLabel(JSON.stringify(cell.value))})`
          );
        }
        if (filled.length > 0)
          clearedTold.push(
            `${name}: ${filled.join(", ")}, cleared in OKR Studio's row ${now + 1}, get${filled.length === 1 ? "s" : ""} OKR Studio's ${filled.length === 1 ? "label or formula" : "labels and formulas"} back; no row is inserted (the rows below did not move)${kept.length > 0 ? `; ${kept.join(", ")}, typed in the row, ${kept.length === 1 ? "is" : "are"} left as ${kept.length === 1 ? "it is" : "they are"}` : ""}`
          );
        continue;
      }
      if (verdict === "unknown") {
        unsure = row;
        break;
      }
      const label = specRows
        .get(row)!
        .filter((cell) => cell.content.kind === "text" && cell.content.text.trim() !== "")
        .sort((a, b) => a.column - b.column)[0];
      rows.push({
        sheet: name,
        row,
        // A row of formulas only (a week of the Dashboard's trend): named by its first cell.
        label:
          label?.content.kind === "text"
            ? label.content.text
            : cellAddress(row, Math.min(...specRows.get(row)!.map((cell) => cell.column))),
      });
    }
    if (unsure !== null) {
      refuse(
        `Nothing below row ${unsure - rows.length + 1} of ${name} moved up a row, so Repair cannot tell whether OKR Studio's row there was deleted or only cleared, and inserts none (an insertion would move what is below); put its labels back, or okr rebuild writes a new workbook`
      );
      continue;
    }
    if (unknown !== null) {
      refuse(
        `Repair cannot tell which of OKR Studio's rows belongs at ${where(name, unknown)} (rows of ${name} moved); okr rebuild writes a new workbook`
      );
      continue;
    }
    const shift = new Shift([], rows);
    const misfit = [...specRows].find(([row, cells]) => {
      const now = shift.rowBefore(name, row);
      return (
        now !== null &&
        cells.some(
          (cell) =>
            cell.content.kind === "text" &&
            cell.content.text.trim() !== "" &&
            !taken.has(where(name, cellAddress(now, cell.column))) &&
            !inPlace.has(where(name, cellAddress(now, cell.column))) &&
            lower(cellAt(sheet, now, cell.column)) !== cell.content.text.trim().toLowerCase()
        )
      );
    });
    if (misfit !== undefined) {
      refuse(
        `Once the missing rows are inserted, row ${misfit[0] + 1} of ${name} would still not be where OKR Studio puts it (rows moved, or a label was edited), so Repair inserts none; okr rebuild writes a new workbook`
      );
      continue;
    }
    // A row past a table's last row (at the time it is inserted) is taken into it by a resize.
    for (const insertion of rows)
      for (const table of spec.tables) {
        const { startRow, endRow, startColumn, endColumn } = table.range;
        const pending = rows.filter(
          (other) => other.row >= insertion.row && other.row > startRow && other.row <= endRow
        ).length;
        if (insertion.row > startRow && insertion.row <= endRow && insertion.row > endRow - pending)
          insertion.resize = {
            table: table.name,
            address: `${cellAddress(startRow, startColumn)}:${cellAddress(insertion.row, endColumn)}`,
          };
      }
    for (const finding of found) layout.handled.add(finding);
    layout.writes.push(...cleared);
    layout.told.push(...clearedTold);
    for (const insertion of rows) {
      layout.rows.push(insertion);
      const values: string[] = [];
      for (const cell of specRows.get(insertion.row)!) {
        if (cell.content.kind === "text" && cell.content.text === "") continue;
        const address = cellAddress(insertion.row, cell.column);
        layout.writes.push({
          sheet: name,
          address,
          content: cell.content,
          before: null,
          from: null,
        });
        // The OKR Plan sheet's values are what the plan is read from: the deleted one is gone.
        if (
          name === SHEETS.plan &&
          cell.content.kind !== "formula" &&
          (cell.column === 1 || cell.content.kind !== "text")
        )
          values.push(address);
      }
      // A row of a table the plan is read from (the Scorecard's objectives): what was typed in it
      // (an objective's owner) went with the deletion.
      const typed =
        name === SHEETS.scorecard &&
        spec.tables.some(
          ({ range }) => insertion.row > range.startRow && insertion.row <= range.endRow
        );
      layout.told.push(
        `${name}: row ${insertion.row + 1} ("${shortLabel(insertion.label)}"), deleted, is inserted again with OKR Studio's labels and formulas${typed ? "; what was typed in it (an owner, a period) went with the deletion: type it in again" : ""}${values.length > 0 ? `; ${values.join(", ")} get${values.length === 1 ? "s" : ""} the value of the plan as read back without the row (what was typed there went with the deletion): check ${values.length === 1 ? "it" : "them"}` : ""}`
      );
    }
  }
  return layout;
}

/**
 * Whether the builder's row `row` of a sheet was deleted (its cells below sit one row higher) or
 * only cleared (its own cells, or those below, are where they were), once the rows `above` (of
 * the builder's, above it) are inserted; "unknown" when neither shows. A cell counts only when it
 * fits one reading and not the other (a table's rows hold the same formulas one row apart).
 */
function deletedOrCleared(
  sheet: SheetSnapshot,
  specRows: ReadonlyMap<number, CellSpecOf[]>,
  row: number,
  above: readonly RepairRowInsertion[],
  inTable: boolean
): "deleted" | "cleared" | "unknown" {
  const inserted = above.map((entry) => entry.row);
  /** Whether the cell now at (at, column) is the builder's cell once `rows` are inserted. */
  const holds = (at: number, cell: CellSpecOf, rows: readonly number[]): boolean => {
    const now = cellAt(sheet, at, cell.column);
    if (cell.content.kind === "formula") {
      if (now?.formula == null) return false;
      const moved = rows.reduce((formula, inserted) => shiftedDown(formula, inserted), now.formula);
      return normalisedFormula(moved) === normalisedFormula(cell.content.formula);
    }
    if (cell.content.kind !== "text" || cell.content.text.trim() === "") return false;
    return lower(now) === cell.content.text.trim().toLowerCase();
  };
  const filled = (cells: readonly CellSpecOf[]) =>
    cells.filter(
      (cell) =>
        cell.content.kind === "formula" ||
        (cell.content.kind === "text" && cell.content.text.trim() !== "")
    );
  const below = [...specRows.keys()]
    .filter((candidate) => candidate > row && filled(specRows.get(candidate)!).length > 0)
    .sort((a, b) => a - b)[0];
  const now = row - inserted.length;
  let deleted = 0;
  let kept = 0;
  // The row's own cells: in place (cleared), or, deleted, the cells of the row below it.
  const next = new Map((specRows.get(row + 1) ?? []).map((cell) => [cell.column, cell]));
  let broken = 0;
  for (const cell of filled(specRows.get(row)!)) {
    const asKept = holds(now, cell, inserted);
    const other = next.get(cell.column);
    const asDeleted = other !== undefined && holds(now, other, [...inserted, row]);
    if (asKept && !asDeleted) kept++;
    // A formula there that reads deleted cells (#REF!) where the builder's does not: the row
    // below, whose formulas read this one, moved up into its place (rows of formulas alike, such
    // as the Dashboard's weekly trend, tell nothing else).
    const there = cellAt(sheet, now, cell.column)?.formula;
    if (
      !asKept &&
      there != null &&
      hasBrokenReference(there) &&
      !(cell.content.kind === "formula" && hasBrokenReference(cell.content.formula))
    )
      broken++;
  }
  if (broken > 0 && kept === 0) return "deleted";
  if (below !== undefined)
    for (const cell of filled(specRows.get(below)!)) {
      const asKept = holds(below - inserted.length, cell, inserted);
      const asDeleted = holds(below - inserted.length - 1, cell, [...inserted, row]);
      if (asDeleted && !asKept) deleted++;
      else if (asKept && !asDeleted) kept++;
    }
  if (deleted > 0 && kept === 0) return "deleted";
  if (kept > 0 && deleted === 0) return "cleared";
  if (deleted > 0 || kept > 0) return "unknown";
  // Nothing of the builder's to go by: a row that still holds something (an owner typed in it)
  // was not deleted, since the deletion would have taken it.
  const columns = filled(specRows.get(row)!).map((cell) => cell.column);
  const first = Math.min(...columns);
  const last = Math.max(...columns);
  const holdsSomething = Array.from({ length: last - first + 1 }, (_, index) =>
    cellAt(sheet, now, first + index)
  ).some((cell) => !isEmpty(cell));
  if (holdsSomething) return "cleared";
  if (below !== undefined) return "unknown";
  // The sheet's last row of the builder's, empty: outside a table, writing its cells where they
  // are moves nothing; a table's last row deleted shrank the table, so it is inserted and the
  // table resized.
  return inTable ? "deleted" : "cleared";
}

/**
 * A formula's A1 row numbers from row `at` (0-based) on, one higher, as Excel moves them when a row
 * is inserted at `at` (references to other sheets, string literals and names stay).
 */
function shiftedDown(formula: string, at: number): string {
  return formula
    .split(
      /("(?:[^"]|"")*"|(?:'(?:[^']|'')*'|[A-Za-z_][\w.]*)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/
    )
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.!])(\$?[A-Za-z]{1,3}\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (whole: string, column: string, digits: string) =>
              Number(digits) >= at + 1 ? `${column}${Number(digits) + 1}` : whole
          )
    )
    .join("");
}

function shortLabel(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Whether each table's first column holds the builder's texts at the builder's rows. */
function tablesFit(spec: SheetSpec, sheet: SheetSnapshot, shift: Shift): boolean {
  return spec.tables.every(({ range }) =>
    spec.cells.every((cell) => {
      if (
        cell.column !== range.startColumn ||
        cell.row <= range.startRow ||
        cell.row > range.endRow ||
        cell.content.kind !== "text"
      )
        return true;
      const column = shift.before(spec.name, cell.row, cell.column);
      const row = shift.rowBefore(spec.name, cell.row);
      return (
        column === null ||
        row === null ||
        lower(cellAt(sheet, row, column)) === cell.content.text.trim().toLowerCase()
      );
    })
  );
}

/** Whether a cell holds what the builder writes (a formula: any formula). */
function holdsLike(
  cell: { value: SnapshotValue; formula: string | null } | null,
  content: CellContent | undefined
): boolean {
  if (content === undefined) return isEmpty(cell);
  if (content.kind === "formula") return !!cell?.formula;
  if (cell === null || cell.formula !== null) return false;
  if (content.kind === "text") return lower(cell) === content.text.trim().toLowerCase();
  if (content.kind === "date") return cell.value === content.serial;
  return cell.value === content.value;
}

/** Whether a cell holds exactly what the builder writes. */
function holdsExactly(
  cell: { value: SnapshotValue; formula: string | null } | null,
  content: CellContent | undefined
): boolean {
  if (content?.kind === "formula")
    return (
      !!cell?.formula && normalisedFormula(cell.formula) === normalisedFormula(content.formula)
    );
  if (content?.kind === "text")
    return content.text === ""
      ? isEmpty(cell)
      : cell?.formula === null && cell.value === content.text;
  return holdsLike(cell, content);
}

/**
 * The rows of a sheet with an insertion that no inserted table column shifts (outside the
 * tables' rows) and that the deletion shifted left: laid out again as the builder writes them,
 * from the first inserted column rightwards, where every cell holds what the builder wrote as
 * many columns further right as columns were deleted before it (or nothing). Another row is told.
 */
function relaidRows(
  built: WorkbookSpec,
  sheets: ReadonlyMap<string, SheetSnapshot>,
  shift: Shift,
  report: string[],
  laid: Set<string>
): RepairWrite[] {
  const writes: RepairWrite[] = [];
  for (const spec of built.sheets) {
    const sheet = sheets.get(spec.name);
    const deleted = shift.columns(spec.name);
    if (sheet === undefined || deleted.length === 0) continue;
    const first = deleted[0];
    const builder = new Map<number, Map<number, CellContent>>();
    for (const cell of spec.cells) {
      if (shift.covers(spec.name, cell.row)) continue;
      const row = builder.get(cell.row) ?? new Map<number, CellContent>();
      row.set(cell.column, cell.content);
      builder.set(cell.row, row);
    }
    for (const [row, cells] of [...builder].sort(([a], [b]) => a - b)) {
      const line = sheet.rows.find((entry) => entry.row === row);
      const right = Math.max(...cells.keys(), ...(line?.cells.map((cell) => cell.column) ?? []));
      if (right < first) continue;
      // The builder's column Y is now at Y less the deleted columns left of it.
      let fits = true;
      for (let column = first; column <= right + deleted.length && fits; column++) {
        if (deleted.includes(column)) continue;
        const now = column - deleted.filter((entry) => entry < column).length;
        fits = holdsLike(cellAt(sheet, row, now), cells.get(column));
      }
      if (!fits) {
        report.push(
          `${spec.name} row ${row + 1} is not laid out again: its cells right of column ${columnLetter(first)} are not what OKR Studio wrote there moved left by the deleted column; okr rebuild writes a new workbook`
        );
        continue;
      }
      laid.add(where(spec.name, String(row)));
      for (let column = first; column <= right; column++) {
        const now = cellAt(sheet, row, column);
        const content = cells.get(column);
        if (holdsExactly(now, content)) continue;
        writes.push({
          sheet: spec.name,
          address: cellAddress(row, column),
          content: content ?? { kind: "text", text: "" },
          before: held(now),
        });
      }
    }
  }
  return writes;
}

/**
 * Every formula the builder writes whose cell holds a formula, written again at its place once
 * the insertions are made (the rows relaidRows lays out aside): a deletion and an insertion do
 * not adjust references alike (a range that lost its last column does not get it back, and
 * whole-column references are not adjusted by an insertion into some rows). A sheet whose tables'
 * rows are not where the builder put them (their first column's texts moved) is left alone, and
 * told.
 */
function rewrittenFormulas(
  built: WorkbookSpec,
  sheets: ReadonlyMap<string, SheetSnapshot>,
  shift: Shift,
  report: string[]
): RepairWrite[] {
  const writes: RepairWrite[] = [];
  for (const spec of built.sheets) {
    const sheet = sheets.get(spec.name);
    if (sheet === undefined) continue;
    const first = shift.columns(spec.name)[0] ?? Number.MAX_SAFE_INTEGER;
    const moved = !tablesFit(spec, sheet, shift);
    if (moved) {
      report.push(
        `${spec.name}: its formulas are not written again after the inserted columns: the rows of its tables are not where OKR Studio put them; okr rebuild writes a new workbook`
      );
      continue;
    }
    for (const cell of spec.cells) {
      if (cell.content.kind !== "formula") continue;
      if (!shift.covers(spec.name, cell.row) && cell.column >= first) continue;
      const column = shift.before(spec.name, cell.row, cell.column);
      const row = shift.rowBefore(spec.name, cell.row);
      if (column === null || row === null) continue;
      const now = cellAt(sheet, row, column);
      if (!now?.formula) continue;
      // Already the builder's formula where the builder puts it: nothing to write.
      if (
        column === cell.column &&
        row === cell.row &&
        normalisedFormula(now.formula) === normalisedFormula(cell.content.formula)
      )
        continue;
      writes.push({
        sheet: spec.name,
        address: cellAddress(cell.row, cell.column),
        from: cellAddress(row, column),
        content: cell.content,
        before: held(now),
      });
    }
  }
  return writes;
}

/**
 * The builder's names (the layout mark aside) that hold another formula than the builder's, not
 * a broken one (OKR022 restores those): a range a deleted column shortened is not widened again
 * by every host's insertion.
 */
function rewrittenNames(built: WorkbookSpec, snapshot: WorkbookSnapshot): RepairName[] {
  const marks = new Set<string>(Object.values(MARK_NAMES).map((name) => name.toUpperCase()));
  const names: RepairName[] = [];
  for (const name of built.names) {
    if (marks.has(name.name.toUpperCase())) continue;
    const found = (snapshot.names ?? []).find(
      (entry) => entry.name.toUpperCase() === name.name.toUpperCase() && entry.sheetScoped !== true
    );
    if (found === undefined || hasBrokenReference(found.formula)) continue;
    if (normalisedFormula(found.formula) === normalisedFormula(name.formula)) continue;
    names.push({ name: name.name, formula: name.formula, before: found.formula });
  }
  return names;
}
