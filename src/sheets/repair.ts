import type { FindingCell, StructureFinding } from "../okr/rules/types";
import { buildWorkbook } from "./build";
import { CHECK_IN_HEADERS, layoutMark, SHEETS } from "./layout";
import { readPlan } from "./read/reader";
import { cellAt } from "./snapshot";
import {
  cellAddress,
  type CellContent,
  type SheetSnapshot,
  type SnapshotValue,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "./spec";
import { normalisedFormula } from "./structure";

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
 * when `moveCheckIns` is set (a separate, confirmed step); their cells are left in place, since a
 * copy that failed half way must not have lost them: the report says to delete them by hand.
 * Missing sheets and headers (OKR024, OKR025) are not repaired here: `okr rebuild` rebuilds them.
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
}

/** One defined name Repair gives its builder's formula. */
export interface RepairName {
  name: string;
  formula: string;
  /** Its formula as the plan saw it, or null when it was missing. */
  before: string | null;
}

/** A typed value kept before its cell's formula is restored. */
export interface KeptValue {
  value: string | number | boolean;
  /** Where it was typed, "Sheet!A1". */
  from: string;
  /** Where it is kept, "Sheet!A1". */
  to: string;
  as: "check-in" | "note";
}

export interface RepairPlan {
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
}

/** The rules whose cells or names Repair writes. */
export const REPAIRED_RULES = ["OKR021", "OKR022"] as const;

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
  const write = (entry: RepairWrite) => {
    const key = where(entry.sheet, entry.address);
    if (written.has(key)) return;
    written.add(key);
    taken.add(key);
    writes.push({ ...entry, group });
  };
  const log = checkInLog(sheets.get(SHEETS.checkIns) ?? null, taken);
  const built = builderSpec(snapshot);
  const builderFormulas = new Map<string, string>();
  for (const sheet of built?.sheets ?? [])
    for (const cell of sheet.cells)
      if (cell.content.kind === "formula")
        builderFormulas.set(
          where(sheet.name, cellAddress(cell.row, cell.column)),
          normalisedFormula(cell.content.formula)
        );

  for (const finding of findings) {
    if (finding.ruleId === "OKR021" || finding.ruleId === "OKR022") {
      for (const cell of finding.cells ?? []) {
        if (cell.expected === null) {
          report.push(
            `${where(cell.sheet, cell.address)} is not repaired: OKR Studio does not write a formula there, so it is a person's formula; fix its reference by hand`
          );
          continue;
        }
        const sheet = sheets.get(cell.sheet);
        if (sheet === undefined) continue;
        if (
          builderFormulas.get(where(cell.sheet, cell.address)) !== normalisedFormula(cell.expected)
        ) {
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
        if (names.some((entry) => entry.name === name.name)) continue;
        if (built === null || !pointsAtItsLabel(name.expected, built, sheets)) {
          report.push(
            `the name ${name.name} is not repaired: the cell it points at moved or is gone; okr rebuild writes a new workbook`
          );
          continue;
        }
        names.push({ name: name.name, formula: name.expected, before: name.current });
      }
    } else if (finding.ruleId === "OKR023") {
      if (options.moveCheckIns === true)
        moveCheckIns(finding, sheets, log, options, write, report, () => group++);
      else
        report.push(
          `${finding.message}. They are not moved unless you confirm moving them into the Check-ins table`
        );
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
  return { writes, names, kept, report };
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
  sheets: ReadonlyMap<string, SheetSnapshot>
): boolean {
  const match = /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(formula.trim());
  if (match === null) return true;
  const name = (match[1] ?? match[2]).replace(/''/g, "'");
  const { row } = rowAndColumn(`${match[3]}${match[4]}`);
  const spec = built.sheets.find((sheet) => sheet.name === name);
  const sheet = sheets.get(name);
  if (spec === undefined || sheet === undefined) return false;
  const labels = spec.cells.filter((cell) => cell.row === row && cell.content.kind === "text");
  return (
    labels.length > 0 &&
    labels.every(
      (cell) =>
        cell.content.kind === "text" &&
        lower(cellAt(sheet, row, cell.column)) === cell.content.text.trim().toLowerCase()
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
  let last = header.row;
  let end = header.row;
  for (const line of sheet.rows) {
    if (line.row <= header.row) continue;
    const entry = cellAt(sheet, line.row, column("Entry"));
    if (entry !== null && entry.value !== null) entries.add(String(entry.value));
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
  return { sheet: sheet.name, columns: header.columns, free, entries };
}

/** Writes one check-in into the log's next free row; false when the log has none. */
function appendCheckIn(
  log: CheckInLog | null,
  values: { date: number; keyResult: string; value: string | number | boolean; comment: string },
  write: (entry: RepairWrite) => void
): string | null {
  if (log === null || log.free.length === 0) return null;
  const row = log.free.shift()!;
  let n = 1;
  while (log.entries.has(`repair-${values.date}-${n}`)) n++;
  const entry = `repair-${values.date}-${n}`;
  log.entries.add(entry);
  const at = (header: string) => cellAddress(row, log.columns.get(header.toLowerCase())!);
  const given = new Map<string, CellContent>([
    ["Date", { kind: "date", serial: values.date }],
    ["Key Result", { kind: "text", text: values.keyResult }],
    ["Value", contentOf(values.value)],
    ["Comment", { kind: "text", text: values.comment }],
    ["Entry", { kind: "text", text: entry }],
  ]);
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
    if (
      header !== null &&
      header.columns.get("current") === column &&
      typeof id?.value === "string" &&
      id.value.trim() !== ""
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

/**
 * OKR023, confirmed: each row's date, key result and value copied into the log, with a comment
 * naming where it was typed. The original cells stay: the report asks to delete them once seen.
 */
function moveCheckIns(
  finding: StructureFinding,
  sheets: ReadonlyMap<string, SheetSnapshot>,
  log: CheckInLog | null,
  options: RepairOptions,
  write: (entry: RepairWrite) => void,
  report: string[],
  nextGroup: () => void
): void {
  const rows = new Map<string, FindingCell[]>();
  for (const cell of finding.cells ?? []) {
    const key = `${cell.sheet}!${rowAndColumn(cell.address).row}`;
    rows.set(key, [...(rows.get(key) ?? []), cell]);
  }
  for (const cells of rows.values()) {
    const values = cells.map((cell) => cell.current?.value ?? null);
    const date = values.find(
      (value): value is number =>
        typeof value === "number" && Number.isInteger(value) && value > 36_000
    );
    const keyResult = values.find(
      (value): value is string => typeof value === "string" && value.trim() !== ""
    );
    const rest = values.filter((value) => value !== date && value !== keyResult && value !== null);
    const sheet = sheets.get(cells[0].sheet);
    const place = `${cells[0].sheet}!${cells[0].address}`;
    if (date === undefined || keyResult === undefined || rest.length === 0 || sheet === undefined) {
      report.push(`${place}: not moved: its date, key result and value could not be told apart`);
      continue;
    }
    nextGroup();
    const to = appendCheckIn(
      log,
      {
        date: date ?? options.today,
        keyResult: keyResult.trim(),
        value: rest[0] as string | number | boolean,
        comment: `moved from ${place}`,
      },
      write
    );
    report.push(
      to === null
        ? `${place}: not moved: the Check-ins table has no free row`
        : `${place}: copied into the Check-ins table (${to}); the original cells are left in place, delete them once you have seen the copy`
    );
  }
}
