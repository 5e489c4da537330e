import {
  type CheckInLogColumns,
  checkInTrendFormulas,
  checkInValidFormula,
} from "../../sheets/build";
import { newCheckInId, type RandomBytes } from "../../sheets/checkInId";
import { assertRecordable, type CheckInRecord } from "../../sheets/checkInRecord";
import { CHECK_IN_HEADERS, CHECK_IN_LOG_COLUMNS, TABLES } from "../../sheets/layout";
import { cellAddress, DEFAULT_DATE_FORMAT } from "../../sheets/spec";
import type {
  AppsScriptServices,
  CellValue,
  FilterCriteria,
  NamedRange,
  Sheet,
  Spreadsheet,
} from "./services";
import { sheetsText } from "./write";

/**
 * Recording one check-in in a Google spreadsheet's check-in log, safe when several people record
 * at once: everything from finding where the log ends to writing the row happens while this
 * execution holds the document lock (LockService.getDocumentLock), and the writes are flushed
 * before the lock is released, so the next holder reads the log with this row in it. Apps Script
 * runs each google.script.run call as its own execution; the lock is what orders them.
 *
 * The log is the named range OkrCheckIns (the table the Sheets host inserted), or the name given.
 * Its header row must hold OKR Studio's log columns (Date … Weight Change); a log without them is
 * refused, saying so. The row goes under the last used row of the log: a row is used when any of
 * its cells in the log holds a value of its own (Valid and the trend helpers are formulas on every
 * row of a new log, so they do not count; text typed over one does, as does a column a person
 * added inside the log) or a data column holds a formula. A full log takes the row just under it
 * when that row is empty in the log's columns; otherwise a row is inserted there
 * (Sheet.insertRowsAfter), so whatever a person put under the log moves down and nothing is
 * written over. The named range then grows to take the row in. Only the log's own columns are
 * written: the values in one setValues, the Valid formula and the Dashboard trend's helpers in one
 * setFormulas, then the date's number format.
 */

/** How long a check-in waits for another one to finish before it gives up. */
export const CHECK_IN_LOCK_TIMEOUT_MS = 10_000;

export interface SheetsCheckInOptions {
  /** The named range of the log, when an insert renamed it (OkrCheckIns2). */
  table?: string;
  lockTimeoutMs?: number;
  /** Random bytes for a new entry id: Apps Script has no Web Crypto (see checkInId.ts). */
  random?: RandomBytes;
}

export interface SheetsCheckInResult {
  id: string;
  sheet: string;
  /** The sheet row (1-based) the entry was written to. */
  row: number;
  /** That row across the log: "A12:P12". */
  address: string;
  /** Whether the log's named range was grown to take the row in. */
  grewLog: boolean;
}

/** Math.random bytes: unique enough for an entry id, where Web Crypto is missing. */
export const mathRandomBytes: RandomBytes = (bytes) => {
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
};

type LogHeader = (typeof CHECK_IN_LOG_COLUMNS)[number];

/** The columns a person or the pane writes, which tell where the log ends. */
const DATA_HEADERS: readonly LogHeader[] = CHECK_IN_HEADERS.filter((header) => header !== "Valid");

const filled = (value: CellValue | undefined) =>
  value !== "" && value !== null && value !== undefined;

/** The entries of `cells` (column offset → content) as runs of adjacent columns: [first, contents]. */
function runsOf<T>(cells: Map<number, T>): [number, T[]][] {
  const at = [...cells.keys()].sort((a, b) => a - b);
  const runs: [number, T[]][] = [];
  for (const column of at) {
    const run = runs[runs.length - 1];
    if (run !== undefined && run[0] + run[1].length === column) run[1].push(cells.get(column)!);
    else runs.push([column, [cells.get(column)!]]);
  }
  return runs;
}

function findLog(spreadsheet: Spreadsheet, name: string): NamedRange {
  const fold = (text: string) => text.toLocaleUpperCase("en-US");
  const named = spreadsheet.getNamedRanges().find((entry) => fold(entry.getName()) === fold(name));
  if (named === undefined)
    throw new Error(
      `This spreadsheet has no check-in log: no named range is called "${name}". Insert an OKR ` +
        "workbook with OKR Studio (OKR Studio > Insert a template…), then record the check-in again."
    );
  return named;
}

/** Where the log is and the row it grows to take in (1-based rows and columns). */
interface Growth {
  headerRow: number;
  /** The log's last row before it grows. */
  logEnd: number;
  /** The row written, right under the log (logEnd + 1). */
  target: number;
  firstColumn: number;
  width: number;
}

/**
 * What a Sheets table has beside its named range grows with the log, as an Excel table's do:
 * - the data validations of the log's last row (Date, Key Result, Confidence) are copied to the
 *   new row, in the log's columns; a column whose last row has none keeps the new row's own;
 * - a conditional format rule's range over the log (from its header row or below, ending at its
 *   last row, within its columns) is extended to the new row; other ranges and rules stay as they
 *   are, and the rules are set again (one call) only when one changed;
 * - the sheet's filter, when it starts at the log's header row and ends above the new row, is
 *   made again over the grown rows (Apps Script cannot change a filter's range: it is removed and
 *   created anew), with each column's criteria put back. A filter's sort order cannot be read, so
 *   a sort applied through the filter is not kept (the rows stay in the order they were sorted to).
 * Calls: 4 for the validations, 1 to read the rules (and per rule, its ranges, when there are
 * any), 2 when there is no filter to grow; growing a filter reads each of its columns' criteria.
 * None grows with the number of key results or the log's length.
 */
function growWithLog(sheet: Sheet, growth: Growth): void {
  const { headerRow, logEnd, target, firstColumn, width } = growth;
  const lastColumn = firstColumn + width - 1;

  if (logEnd > headerRow) {
    const [above, own] = sheet.getRange(logEnd, firstColumn, 2, width).getDataValidations();
    const rules = above.map((rule, column) => rule ?? own[column] ?? null);
    if (rules.some((rule) => rule !== null))
      sheet.getRange(target, firstColumn, 1, width).setDataValidations([rules]);
  }

  const formats = sheet.getConditionalFormatRules();
  let changed = false;
  const grown = formats.map((rule) => {
    let grew = false;
    const ranges = rule.getRanges().map((range) => {
      const top = range.getRow();
      const end = top + range.getNumRows() - 1;
      const left = range.getColumn();
      const right = left + range.getNumColumns() - 1;
      if (logEnd === headerRow || top < headerRow || end !== logEnd) return range;
      if (left < firstColumn || right > lastColumn) return range;
      grew = true;
      return sheet.getRange(top, left, target - top + 1, right - left + 1);
    });
    if (!grew) return rule;
    changed = true;
    return rule.copy().setRanges(ranges).build();
  });
  if (changed) sheet.setConditionalFormatRules(grown);

  const filter = sheet.getFilter();
  if (filter === null) return;
  const range = filter.getRange();
  const top = range.getRow();
  const end = top + range.getNumRows() - 1;
  if (top !== headerRow || end >= target) return;
  const left = range.getColumn();
  const columns = range.getNumColumns();
  const criteria: [number, FilterCriteria][] = [];
  for (let column = left; column < left + columns; column++) {
    const criterion = filter.getColumnFilterCriteria(column);
    if (criterion !== null) criteria.push([column, criterion]);
  }
  filter.remove();
  const made = sheet.getRange(top, left, target - top + 1, columns).createFilter();
  for (const [column, criterion] of criteria) made.setColumnFilterCriteria(column, criterion);
}

/**
 * Appends one check-in to the log under the document lock. Throws, writing nothing, when the
 * record cannot be recorded, when another check-in holds the lock past the timeout, when the
 * spreadsheet has no log or its log lacks OKR Studio's columns; each message says what to do.
 */
export function recordCheckIn(
  services: AppsScriptServices,
  record: CheckInRecord,
  options: SheetsCheckInOptions = {}
): SheetsCheckInResult {
  const id = record.id ?? newCheckInId(Date.now(), options.random ?? mathRandomBytes);
  assertRecordable(record, id);
  const lock = services.LockService.getDocumentLock();
  if (lock === null)
    throw new Error(
      "OKR Studio cannot lock this spreadsheet to record a check-in: open it from the spreadsheet's own menu."
    );
  const timeout = options.lockTimeoutMs ?? CHECK_IN_LOCK_TIMEOUT_MS;
  if (!lock.tryLock(timeout))
    throw new Error(
      `Someone else is recording a check-in in this spreadsheet and it took more than ${timeout / 1000} seconds. ` +
        "Nothing was written: record the check-in again."
    );
  try {
    return appendLocked(services, record, id, options.table ?? TABLES.checkIns);
  } finally {
    // Apps Script buffers writes: flushed while the lock is held, so the next holder reads them.
    services.SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

function appendLocked(
  services: AppsScriptServices,
  record: CheckInRecord,
  id: string,
  name: string
): SheetsCheckInResult {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const named = findLog(spreadsheet, name);
  const log = named.getRange();
  const sheet = log.getSheet();
  const sheetName = sheet.getName();
  const headerRow = log.getRow();
  const firstColumn = log.getColumn();
  const width = log.getNumColumns();
  const logEnd = headerRow + log.getNumRows() - 1;
  // Read inside the lock: the log and the row under it (when the sheet has one), in its columns,
  // values and formulas: a formula cell (Valid, the trend helpers, a person's own) is not typed data.
  const readRows = Math.min(logEnd + 1, sheet.getMaxRows()) - headerRow + 1;
  const area = sheet.getRange(headerRow, firstColumn, readRows, width);
  const rows = area.getValues();
  const rowFormulas = area.getFormulas();
  const headers = rows[0].map((value) => String(value).trim());
  const missing = CHECK_IN_LOG_COLUMNS.filter((header) => !headers.includes(header));
  if (missing.length > 0)
    throw new Error(
      `The check-in log "${named.getName()}" on sheet "${sheetName}" has no column ${missing.join(", ")}. ` +
        "Put the log's header row back as OKR Studio inserted it, then record the check-in again."
    );
  const offset = (header: LogHeader) => headers.indexOf(header);
  const columns = Object.fromEntries(
    CHECK_IN_LOG_COLUMNS.map((header) => [header, firstColumn - 1 + offset(header)])
  ) as CheckInLogColumns;
  const dataOffsets = new Set(DATA_HEADERS.map(offset));

  // A log row is used when any cell holds a value that is not a formula's (a column a person
  // added, text typed over Valid), or a data column holds a formula: the new row goes after the
  // last used one (the plan reader ends a log at two empty rows, so gaps are not filled).
  const usedAt = (index: number) =>
    rows[index].some((value, column) =>
      rowFormulas[index][column] !== "" ? dataOffsets.has(column) : filled(value)
    );
  let last = headerRow;
  for (let row = headerRow + 1; row <= logEnd; row++) if (usedAt(row - headerRow)) last = row;
  let target = last + 1;
  if (target > logEnd) {
    // A full log: the row under it when nothing is there, else a new row there, which moves
    // whatever a person put under the log down instead of writing over it.
    const under = logEnd + 1 - headerRow;
    const empty =
      under < rows.length &&
      rows[under].every((value, column) => !filled(value) && rowFormulas[under][column] === "");
    if (!empty) sheet.insertRowsAfter(logEnd, 1);
    target = logEnd + 1;
  }

  const zeroBased = target - 1;
  const line = new Map<number, string | number | boolean>();
  const put = (header: LogHeader, value: string | number | boolean) => {
    line.set(offset(header), value);
  };
  const text = (value: string | null | undefined) =>
    value === null || value === undefined ? "" : sheetsText(value);
  const { value } = record;
  put("Date", record.date);
  put("Key Result", text(record.keyResultId.trim()));
  put("Value", value === null ? "" : typeof value === "string" ? text(value) : value);
  put("Confidence", record.confidence ?? "");
  put("Comment", text(record.comment));
  put("Author", text(record.author));
  put("Entry", text(id));
  put("Replaces", text(record.replaces));
  const formulas = new Map<number, string>([
    [
      offset("Valid"),
      checkInValidFormula(zeroBased, {
        keyResult: columns["Key Result"],
        value: columns.Value,
        entry: columns.Entry,
        replaces: columns.Replaces,
      }),
    ],
  ]);
  const helpers = checkInTrendFormulas(zeroBased, columns);
  for (const [header, formula] of Object.entries(helpers))
    formulas.set(offset(header as LogHeader), formula);
  // Only the log's own columns are written, each run of adjacent columns in one call (the
  // builder's log has the data columns side by side, then the formulas: one setValues, one
  // setFormulas); a column a person added to the log is left as it is.
  for (const [start, run] of runsOf(line))
    sheet.getRange(target, firstColumn + start, 1, run.length).setValues([run]);
  for (const [start, run] of runsOf(formulas))
    sheet.getRange(target, firstColumn + start, 1, run.length).setFormulas([run]);
  sheet.getRange(target, firstColumn + offset("Date"), 1, 1).setNumberFormat(DEFAULT_DATE_FORMAT);
  const grewLog = target > logEnd;
  if (grewLog) {
    growWithLog(sheet, { headerRow, logEnd, target, firstColumn, width });
    named.setRange(sheet.getRange(headerRow, firstColumn, target - headerRow + 1, width));
  }
  return {
    id,
    sheet: sheetName,
    row: target,
    address: `${cellAddress(zeroBased, firstColumn - 1)}:${cellAddress(zeroBased, firstColumn - 1 + width - 1)}`,
    grewLog,
  };
}
