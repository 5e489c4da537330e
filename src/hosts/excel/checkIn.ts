import { checkInValidFormula } from "../../sheets/build";
import { CHECK_IN_HEADERS, TABLES } from "../../sheets/layout";
import { cellAddress, sheetReference } from "../../sheets/spec";
import { cellText } from "./insert";
import {
  assertSupported,
  CHECK_IN_REQUIREMENTS,
  officeRequirements,
  TABLE_RESIZE,
  type RequirementChecker,
} from "./requirements";

/**
 * Recording one check-in in the open workbook's check-in log (the table OkrCheckIns), safe when
 * several people record at the same moment (co-authoring). Never `TableRowCollection.add`
 * (Microsoft's co-authoring guidance): the row is written as cell values.
 *
 * 1. One sync reads where the log ends: the table (by name, …OrNullObject), its columns by header,
 *    and for each column a person or the pane writes (all but Valid) the last used row of that
 *    sheet column. The response is a few numbers whatever the log's length: no cell of the log
 *    is read.
 * 2. One sync writes the row into the first row after the last used one: the table's first empty
 *    row, or the row directly below the table when it is full (Table.resize takes it in where
 *    ExcelApi 1.13 is there). The same request first reads that row as it is just before the
 *    write, and after it where the log now ends.
 * 3. One sync reads the row back.
 *
 * A client that read the log before another client wrote can pick the same row. Requests run one
 * at a time, so the one that writes second finds, in the row as it was just before its write, the
 * other's entry: it writes that entry again in the next free row (in its third sync, with the
 * read-back), and so on for what that write finds. Whoever overwrites a row is the one that knows
 * it did, so it is the one that writes it again: the client whose row was overwritten may already
 * have read its row back and finished. Reading the row back shows that client, when it has not,
 * that its entry was moved (`confirmed: false`). No conflict: three syncs; each conflict one more
 * for the client that caused it.
 *
 * Nothing in the log is deleted or changed: a correction is a new row naming in Replaces the entry
 * it corrects, a withdrawal a new row that replaces an entry and has no value.
 */

/** A check-in's value as the Scorecard stores it: a number (a percentage as a fraction), done / not done. */
export type CheckInValue = number | boolean | string;

export interface CheckInRecord {
  /** Unique in the log: letters, digits and hyphens. Made by `newCheckInId` when absent. */
  id?: string;
  /** The day measured, an Excel serial number. */
  date: number;
  /** "O1.KR2". */
  keyResultId: string;
  /** null only for a withdrawal (a record that `replaces` an entry). Text is written as text. */
  value: CheckInValue | null;
  /** 0–1. */
  confidence?: number | null;
  comment?: string;
  author?: string;
  /** The entry this one corrects or withdraws. */
  replaces?: string | null;
}

export interface AppendCheckInOptions {
  /** The check-in table's name, when inserting renamed it (OkrCheckIns2); OkrCheckIns by default. */
  table?: string;
  /** Defaults to Office's `isSetSupported`. */
  isSetSupported?: RequirementChecker;
}

export interface AppendCheckInResult {
  id: string;
  sheet: string;
  /** The sheet row (1-based) the entry was written to. */
  row: number;
  /** That row across the table, on `sheet`: "A12:I12" (with `sheet`, a CellLocation to select). */
  address: string;
  /**
   * Read back from that row. False when another client's entry was there: that client wrote over
   * it and writes this entry again below (the row above is then where it was first).
   */
  confirmed: boolean;
  /** Other entries this client wrote over, each written again in a free row below. */
  moved: number;
  /** Whether the table was resized to take in a row written below it. */
  grewTable: boolean;
  /** context.sync calls: 3 without a conflict. */
  syncs: number;
}

/** An entry id: letters, digits and hyphens, so COUNTIF in the Valid formula reads it literally. */
const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** Excel's last row (0-based). */
const LAST_ROW = 1_048_575;
/** Excel's largest date serial (31 December 9999). */
const LAST_DATE = 2_958_465;

/** The check-in's date as the Check-ins sheet shows it. */
const DATE_FORMAT = "yyyy-mm-dd";

/**
 * A request that keeps finding rows other clients wrote gives up after this many syncs, naming
 * the entries it still holds (a workbook being written this fast by this many people is not a
 * case the log is made for).
 */
export const MAX_CHECK_IN_SYNCS = 20;

const GEOMETRY = "rowIndex,columnIndex,rowCount,columnCount";

type Header = (typeof CHECK_IN_HEADERS)[number];

/** The columns a person or the pane writes: every header but the Valid helper. */
const DATA_HEADERS = CHECK_IN_HEADERS.filter((header) => header !== "Valid");

/**
 * A new entry id: the time in base 36 and six random base-36 characters ("mbq3k2x1-a8f03k").
 * Unique enough for a team's log: two ids made in the same millisecond differ with odds of one
 * in two billion.
 */
export function newCheckInId(
  now: number = Date.now(),
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => globalThis.crypto.getRandomValues(bytes)
): string {
  const bytes = random(new Uint8Array(6));
  const tail = Array.from(bytes, (byte) => (byte % 36).toString(36)).join("");
  return `${Math.floor(now).toString(36)}-${tail}`;
}

/** One cell as written: a value for `range.values` or a formula for `range.formulas`. */
type Written = { value: string | number | boolean } | { formula: string };

/** A row's cells in the columns the log's people write, by header. */
type RowContent = Map<Header, Written>;

function text(value: string | null | undefined): Written {
  return { value: value === null || value === undefined ? "" : cellText(value) };
}

/** The record checked and turned into the row's cells, before anything is read or written. */
function rowOf(record: CheckInRecord): { id: string; content: RowContent } {
  const id = record.id ?? newCheckInId();
  const replaces = record.replaces ?? null;
  const problems: string[] = [];
  if (!ID.test(id)) problems.push(`the id "${id}" is not 1–40 letters, digits and hyphens`);
  if (replaces !== null && !ID.test(replaces))
    problems.push(`the replaced id "${replaces}" is not 1–40 letters, digits and hyphens`);
  if (replaces !== null && replaces.toLowerCase() === id.toLowerCase())
    problems.push("a check-in cannot replace itself");
  if (typeof record.keyResultId !== "string" || record.keyResultId.trim() === "")
    problems.push("the key result is missing");
  if (!Number.isFinite(record.date) || record.date < 1 || record.date > LAST_DATE)
    problems.push("the date is not a date");
  const { value } = record;
  if (value === null) {
    if (replaces === null)
      problems.push("only a withdrawal (a check-in that replaces one) has no value");
  } else if (
    typeof value === "number"
      ? !Number.isFinite(value)
      : typeof value === "string" && value.trim() === ""
  )
    problems.push("the value is empty or not a number");
  const confidence = record.confidence ?? null;
  if (confidence !== null && !(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1))
    problems.push("the confidence is not from 0 to 1");
  if (problems.length > 0)
    throw new Error(`This check-in cannot be recorded: ${problems.join("; ")}.`);

  const content: RowContent = new Map<Header, Written>([
    ["Date", { value: record.date }],
    ["Key Result", text(record.keyResultId.trim())],
    ["Value", value === null ? text("") : typeof value === "string" ? text(value) : { value }],
    ["Confidence", confidence === null ? text("") : { value: confidence }],
    ["Comment", text(record.comment)],
    ["Author", text(record.author)],
    ["Entry", text(id)],
    ["Replaces", text(replaces)],
  ]);
  return { id, content };
}

/** What a row holds in the data columns, from its values and formulas as Office reads them. */
function contentOf(
  values: unknown[],
  formulas: unknown[],
  offset: (header: Header) => number
): RowContent | null {
  const content: RowContent = new Map();
  let empty = true;
  for (const header of DATA_HEADERS) {
    const index = offset(header);
    const value = values[index];
    const formula = formulas[index];
    if (value !== "" && value !== null && value !== undefined) empty = false;
    if (typeof formula === "string" && formula.startsWith("=") && formula !== value) {
      empty = false;
      content.set(header, { formula });
    } else if (typeof value === "string") content.set(header, text(value));
    else if (typeof value === "number" || typeof value === "boolean")
      content.set(header, { value });
    else content.set(header, text(""));
  }
  return empty ? null : content;
}

function rowText(content: RowContent): string {
  return DATA_HEADERS.map((header) => {
    const cell = content.get(header)!;
    return `${header}: ${"formula" in cell ? cell.formula : String(cell.value)}`;
  }).join(", ");
}

/** The last used row (0-based) of the probed columns, or -1. */
function lastUsedRow(probes: Excel.Range[]): number {
  let last = -1;
  for (const probe of probes)
    if (!probe.isNullObject) last = Math.max(last, probe.rowIndex + probe.rowCount - 1);
  return last;
}

/**
 * Appends one check-in to the log (see the protocol above). Throws, before writing anything, when
 * this Excel lacks ExcelApi 1.4, when the record is not one the log can hold, or when the workbook
 * has no check-in table with the columns Date … Replaces and Valid (a log made before Entry,
 * Replaces and Valid existed has to get them first).
 */
export async function appendCheckIn(
  context: Excel.RequestContext,
  record: CheckInRecord,
  options: AppendCheckInOptions = {}
): Promise<AppendCheckInResult> {
  const isSetSupported = options.isSetSupported ?? officeRequirements;
  const { id, content: own } = rowOf(record);
  assertSupported(CHECK_IN_REQUIREMENTS, isSetSupported);
  const canResize = isSetSupported("ExcelApi", TABLE_RESIZE);
  const tableName = options.table ?? TABLES.checkIns;
  let syncs = 0;

  // 1. Read: the table, its columns, and where the written part of the log ends.
  const table = context.workbook.tables.getItemOrNullObject(tableName);
  table.load("showTotals");
  const worksheet = table.worksheet.load("name");
  const tableRange = table.getRange().load(GEOMETRY);
  const columns = CHECK_IN_HEADERS.map((header) => {
    const column = table.columns.getItemOrNullObject(header);
    return { header, column, range: column.getRange().load("columnIndex") };
  });
  const probeEnd = () =>
    columns
      .filter(({ header }) => header !== "Valid")
      .map(({ range }) => range.getEntireColumn().getUsedRangeOrNullObject(true).load(GEOMETRY));
  let probes = probeEnd();
  await context.sync();
  syncs++;

  if (table.isNullObject)
    throw new Error(
      `This workbook has no check-in table "${tableName}": make the workbook with OKR Studio, or name the table of your check-ins so.`
    );
  const missing = columns.filter(({ column }) => column.isNullObject).map(({ header }) => header);
  if (missing.length > 0)
    throw new Error(
      `The check-in table "${tableName}" has no column ${missing.join(", ")}` +
        (missing.includes("Entry")
          ? ": it was made before check-ins had ids. Add the columns Entry, Replaces and Valid at its right, or make the workbook again."
          : ".")
    );
  if (table.showTotals)
    throw new Error(`The check-in table "${tableName}" shows a total row: turn it off first.`);

  const sheet = worksheet.name;
  const headerRow = tableRange.rowIndex;
  const firstColumn = tableRange.columnIndex;
  const lastColumn = firstColumn + tableRange.columnCount - 1;
  const columnOf = new Map(columns.map(({ header, range }) => [header, range.columnIndex]));
  const at = (header: Header) => columnOf.get(header)!;
  const offset = (header: Header) => at(header) - firstColumn;
  const validColumns = {
    keyResult: at("Key Result"),
    value: at("Value"),
    entry: at("Entry"),
    replaces: at("Replaces"),
  };
  const rowAddress = (row: number) =>
    `${cellAddress(row, firstColumn)}:${cellAddress(row, lastColumn)}`;

  let lastUsed = Math.max(lastUsedRow(probes), headerRow);
  let tableEnd = headerRow + tableRange.rowCount - 1;
  let grewTable = false;
  let ownRow: number | null = null;
  let confirmed: boolean | null = null;
  let moved = 0;
  let queue: { content: RowContent; own: boolean }[] = [{ content: own, own: true }];

  while (queue.length > 0 || confirmed === null) {
    if (syncs >= MAX_CHECK_IN_SYNCS)
      throw new Error(
        `The check-in log kept changing while this check-in was recorded (${syncs} requests). ` +
          `Not written yet, to record again: ${queue.map(({ content }) => rowText(content)).join(" | ")}.`
      );
    // Read back the row written in the previous request.
    const readBack: Excel.Range | null =
      ownRow !== null && confirmed === null
        ? worksheet.getRange(cellAddress(ownRow, at("Entry"))).load("values")
        : null;
    // Write what waits: each row read just before it is written.
    const writes = queue.map((item, index) => ({ ...item, row: lastUsed + 1 + index }));
    const lastTarget = writes.length > 0 ? writes[writes.length - 1].row : -1;
    if (lastTarget > LAST_ROW)
      throw new Error("The check-in log has reached the sheet's last row.");
    if (lastTarget > tableEnd && canResize) {
      table.resize(
        `${sheetReference(sheet)}!${cellAddress(headerRow, firstColumn)}:${cellAddress(lastTarget, lastColumn)}`
      );
      grewTable = true;
    }
    const befores = writes.map(({ row, content }) => {
      const before = worksheet.getRange(rowAddress(row)).load("values,formulas");
      const target = worksheet.getRange(rowAddress(row));
      const values: (string | number | boolean | null)[] = Array.from(
        { length: lastColumn - firstColumn + 1 },
        () => null
      );
      for (const header of DATA_HEADERS) {
        const cell = content.get(header)!;
        values[offset(header)] = "value" in cell ? cell.value : "";
      }
      target.values = [values];
      for (const header of DATA_HEADERS) {
        const cell = content.get(header)!;
        if ("formula" in cell)
          worksheet.getRange(cellAddress(row, at(header))).formulas = [[cell.formula]];
      }
      worksheet.getRange(cellAddress(row, at("Valid"))).formulas = [
        [checkInValidFormula(row, validColumns)],
      ];
      worksheet.getRange(cellAddress(row, at("Date"))).numberFormat = [[DATE_FORMAT]];
      return before;
    });
    const after = writes.length > 0 ? table.getRange().load(GEOMETRY) : null;
    if (writes.length > 0) probes = probeEnd();
    // One request per round: the read-back, and the rows that wait.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;

    if (readBack !== null) confirmed = String(readBack.values[0][0]) === id;
    queue = [];
    writes.forEach(({ row, own: isOwn }, index) => {
      if (isOwn) ownRow = row;
      const before = befores[index];
      const displaced = contentOf(before.values[0], before.formulas[0], offset);
      if (displaced !== null) {
        queue.push({ content: displaced, own: false });
        moved++;
      }
    });
    if (after !== null) {
      tableEnd = after.rowIndex + after.rowCount - 1;
      lastUsed = Math.max(lastUsedRow(probes), headerRow);
    }
  }

  const row = ownRow!;
  return {
    id,
    sheet,
    row: row + 1,
    address: rowAddress(row),
    confirmed: confirmed!,
    moved,
    grewTable,
    syncs,
  };
}
