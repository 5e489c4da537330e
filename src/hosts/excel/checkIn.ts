import {
  type CheckInLogColumns,
  checkInTrendFormulas,
  checkInValidFormula,
} from "../../sheets/build";
import { CHECK_IN_HEADERS, CHECK_IN_TREND_HEADERS, TABLES } from "../../sheets/layout";
import { checkInHeaderColumns } from "../../sheets/read";
import { newCheckInId } from "../../sheets/checkInId";
import { assertRecordable, type CheckInRecord } from "../../sheets/checkInRecord";
import { cellAddress, DEFAULT_DATE_FORMAT, sheetReference } from "../../sheets/spec";
import { cellText } from "./insert";
import {
  assertSupported,
  CHECK_IN_REQUIREMENTS,
  officeRequirements,
  TABLE_RESIZE,
  type RequirementChecker,
} from "./requirements";

/** Made host-free (the pane's repair plan makes ids too); offered here as before. */
export { newCheckInId };
/** Shared with the Google Sheets host; offered here as before. */
export type { CheckInRecord, CheckInValue } from "../../sheets/checkInRecord";

/**
 * Recording one check-in in the open workbook's check-in log, safe when several people record at
 * the same moment (co-authoring). Never `TableRowCollection.add` (Microsoft's co-authoring
 * guidance): the row is written as cell values.
 *
 * The log is the table named OkrCheckIns, found by name (…OrNullObject). When there is none (a
 * person renamed it, Table Design > Table Name) or its columns are not all found by OKR Studio's
 * headers, the log is the table the plan reader reads as one: the table of that name, else the
 * one table whose header row holds Date, Key Result and Value (checkInHeaderColumns, with the
 * reader's synonyms). That costs two requests more; a workbook with no such table, or two, is
 * refused before anything is written, saying what to do.
 *
 * 1. One sync reads where the log ends: the table, its columns by header, the last used row in the
 *    table of each column a person or the pane writes (all but Valid), the last used row of the
 *    table's sheet columns, and the row under the table. The response is a few numbers and one
 *    row whatever the log's length: no cell of the log is read.
 * 2. One sync writes the row into the table's first free row (after the last one used: whatever is
 *    typed under a table with free rows stays there, and the row goes where the plan reader, which
 *    ends a log at two empty rows, finds it), or, when the table is full, directly below it where
 *    that row is empty (Table.resize takes it in where ExcelApi 1.13 is there). Rows written below a full table by an Excel without Table.resize
 *    stay there and the log goes on after them. Anything else under a full table is never written
 *    over nor taken into the table: the check-in is refused, naming the cell. The same request
 *    reads each row just before writing it, and after it where the log now ends.
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
 * The row gets the Valid formula and, where the log has them (a workbook of layout 2 on), the
 * Dashboard trend's hidden helpers (formulas.checkInTrendFormulas), written in the same request
 * as the row: Excel fills a table's calculated columns into a row it takes in, but not into rows
 * written below a full table that Excel without Table.resize leaves outside it.
 *
 * Nothing in the log is deleted or changed: a correction is a new row naming in Replaces the entry
 * it corrects, a withdrawal a new row that replaces an entry and has no value. A log made by an
 * earlier OKR Studio (Date … Author, without Entry, Replaces and Valid) takes plain rows: its
 * Scorecard formulas count the latest row of a key result and know nothing of Replaces, so a
 * correction or withdrawal is refused there (adding the columns would not make its formulas honour
 * them), and the read-back compares the row's cells instead of its id.
 */

export interface AppendCheckInOptions {
  /**
   * The check-in table's name, when inserting renamed it (OkrCheckIns2); OkrCheckIns by default.
   * When no table has it, the log is found by its header row (see above).
   */
  table?: string;
  /** Defaults to Office's `isSetSupported`. */
  isSetSupported?: RequirementChecker;
}

export interface AppendCheckInResult {
  id: string;
  /**
   * Whether `id` was written in the row (Entry). False in a log made by an earlier OKR Studio,
   * which has no Entry column: that row cannot be corrected or withdrawn from the pane.
   */
  entryWritten: boolean;
  /** The log's table, as the workbook names it. */
  table: string;
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
  /** context.sync calls: 3 without a conflict, 5 when the log had to be looked for by its headers. */
  syncs: number;
}

/** Excel's last row (0-based). */
const LAST_ROW = 1_048_575;

/**
 * A request that keeps finding rows other clients wrote gives up after this many syncs, naming
 * the entries it still holds (a workbook being written this fast by this many people is not a
 * case the log is made for).
 */
export const MAX_CHECK_IN_SYNCS = 20;

const GEOMETRY = "rowIndex,columnIndex,rowCount,columnCount";

type Header = (typeof CHECK_IN_HEADERS)[number];
type TrendHeader = (typeof CHECK_IN_TREND_HEADERS)[number];

/** The columns a person or the pane writes: every header but the Valid helper. */
const DATA_HEADERS = CHECK_IN_HEADERS.filter((header) => header !== "Valid");
/** Every log has these: the columns of the first OKR Studio's log. */
const FIRST_HEADERS: readonly Header[] = CHECK_IN_HEADERS.slice(0, 6);
/** What corrections and withdrawals need: the row's id, the id it replaces, the Valid helper. */
const ID_HEADERS: readonly Header[] = CHECK_IN_HEADERS.slice(6);

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
  assertRecordable(record, id);
  const { value } = record;
  const confidence = record.confidence ?? null;

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

/** What a row holds in the given columns, from its values and formulas as Office reads them. */
function contentOf(
  values: unknown[],
  formulas: unknown[],
  headers: readonly Header[],
  offset: (header: Header) => number
): RowContent | null {
  const content: RowContent = new Map();
  let empty = true;
  for (const header of headers) {
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

function rowText(content: RowContent, headers: readonly Header[]): string {
  return headers
    .map((header) => {
      const cell = content.get(header)!;
      return `${header}: ${"formula" in cell ? cell.formula : String(cell.value)}`;
    })
    .join(", ");
}

/** What Office reads back from a cell written so: text without the apostrophe cellText put in. */
function shown(cell: Written): unknown {
  if ("formula" in cell) return cell.formula;
  const { value } = cell;
  return typeof value === "string" && value.startsWith("'") ? value.slice(1) : value;
}

/** The last used row (0-based) of the probed ranges, or -1. */
function lastUsedRow(probes: Excel.Range[]): number {
  let last = -1;
  for (const probe of probes)
    if (!probe.isNullObject) last = Math.max(last, probe.rowIndex + probe.rowCount - 1);
  return last;
}

/** Excel compares table names without case. */
const fold = (name: string) => name.toLocaleUpperCase("en-US");

// ---------------------------------------------------------------------------------------------
// Finding the log.

/** Where the log ends: asked in the first request, and again after each write. */
interface EndRequest {
  table: Excel.Range;
  /** Per data column, its used part within the table (the header at least). */
  inTable: Excel.Range[];
  /** The used part of the sheet columns the table spans, any column of it. */
  inSpan: Excel.Range;
  /** The row under the table, across it. */
  below: Excel.Range;
}

function requestEnd(table: Excel.Table, dataColumns: Excel.Range[]): EndRequest {
  return {
    table: table.getRange().load(GEOMETRY),
    inTable: dataColumns.map((range) => range.getUsedRangeOrNullObject(true).load(GEOMETRY)),
    inSpan: table.getRange().getEntireColumn().getUsedRangeOrNullObject(true).load(GEOMETRY),
    below: table.getRange().getRowsBelow(1).load("values,formulas"),
  };
}

/** A table asked for as the log, in one request: itself, its sheet, its columns, where it ends. */
interface LogRequest {
  table: Excel.Table;
  worksheet: Excel.Worksheet;
  columns: { header: Header; column: Excel.TableColumn; range: Excel.Range }[];
  /** The Dashboard trend's helper columns, by their own headers (absent in an earlier log). */
  trend: { header: TrendHeader; column: Excel.TableColumn; range: Excel.Range }[];
  end: EndRequest;
}

/** `nameOf`: the table's name for each of OKR Studio's headers (the same, unless renamed). */
function requestLog(
  context: Excel.RequestContext,
  name: string,
  nameOf: (header: Header) => string = (header) => header
): LogRequest {
  const table = context.workbook.tables.getItemOrNullObject(name);
  table.load("name,showTotals");
  const worksheet = table.worksheet.load("name");
  const columns = CHECK_IN_HEADERS.map((header) => {
    const column = table.columns.getItemOrNullObject(nameOf(header));
    return { header, column, range: column.getRange().load("columnIndex") };
  });
  const trend = CHECK_IN_TREND_HEADERS.map((header) => {
    const column = table.columns.getItemOrNullObject(header);
    return { header, column, range: column.getRange().load("columnIndex") };
  });
  const data = columns.filter(({ header }) => header !== "Valid").map(({ range }) => range);
  return { table, worksheet, columns, trend, end: requestEnd(table, data) };
}

/**
 * The log's columns: all nine; the first six alone (an earlier OKR Studio's log: plain rows, no
 * corrections); or something else, which is refused.
 */
type Layout = { kind: "ids" } | { kind: "plain" } | { kind: "incomplete"; missing: Header[] };

function layoutOf(request: LogRequest): Layout {
  const missing = request.columns
    .filter(({ column }) => column.isNullObject)
    .map(({ header }) => header);
  const missingIds = ID_HEADERS.filter((header) => missing.includes(header));
  if (missing.some((header) => FIRST_HEADERS.includes(header)))
    return { kind: "incomplete", missing };
  if (missingIds.length === 0) return { kind: "ids" };
  if (missingIds.length === ID_HEADERS.length) return { kind: "plain" };
  return { kind: "incomplete", missing };
}

const AGAIN = "then record the check-in again.";

function list(words: readonly string[]): string {
  return words.length < 2
    ? words.join("")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function incompleteMessage(table: string, missing: Header[]): string {
  const them = missing.length === 1 ? "it" : "them";
  const columns = `column${missing.length === 1 ? "" : "s"} ${list(missing)}`;
  if (missing.some((header) => FIRST_HEADERS.includes(header)))
    return (
      `${table} has no ${columns}. Add ${them} to the table (type each header in the cell right ` +
      `of the table's header row, and Excel takes the column in), ${AGAIN}`
    );
  const present = ID_HEADERS.filter((header) => !missing.includes(header));
  return (
    `${table} has ${list(present)} but no ${columns}, which corrections need. Put ${them} back ` +
    `(undo the change, or copy ${them} from a workbook OKR Studio inserts), ${AGAIN}`
  );
}

/**
 * The log, with the syncs it took: the table named `wanted` when its columns are found by OKR
 * Studio's headers (one sync); else the table the plan reader reads as the log, by its header row
 * (two syncs more).
 */
async function findLog(
  context: Excel.RequestContext,
  wanted: string
): Promise<{ request: LogRequest; syncs: number }> {
  const request = requestLog(context, wanted);
  await context.sync();
  if (!request.table.isNullObject && layoutOf(request).kind !== "incomplete")
    return { request, syncs: 1 };

  // Every table with its sheet's name and its column names (the header row's texts), in one
  // request: Office.js loads properties of navigation properties and collections through items.
  const tables = context.workbook.tables.load(
    "items/name,items/worksheet/name,items/columns/items/name"
  );
  await context.sync();
  const described = tables.items.map((table) => {
    const names = table.columns.items.map((column) => column.name);
    return {
      name: table.name,
      sheet: table.worksheet.name,
      names,
      columns: checkInHeaderColumns(names),
    };
  });
  const named = described.find((table) => fold(table.name) === fold(wanted));
  const logs = described.filter((table) => table.columns !== null);
  const chosen = named ?? (logs.length === 1 ? logs[0] : null);
  if (chosen === null) {
    const headers = `the columns ${list(FIRST_HEADERS.slice(0, 3))}`;
    throw new Error(
      logs.length === 0
        ? `This workbook has no check-in table: no table is named "${wanted}", and no table's ` +
            `header row has ${headers}. Insert an OKR workbook with OKR Studio, or make your ` +
            `check-ins a table (Home > Format as Table) with those headers, ${AGAIN}`
        : `This workbook has ${logs.length} check-in tables and none is named "${wanted}": ` +
            `${list(logs.map((table) => `"${table.name}" on sheet "${table.sheet}"`))}. Name the ` +
            `one to record into "${wanted}" (click in it, then Table Design > Table Name), ${AGAIN}`
    );
  }
  const nameOf = (header: Header): string => {
    const index =
      header === "Valid"
        ? chosen.names.findIndex((name) => fold(name) === fold(header))
        : (chosen.columns?.get(header) ?? -1);
    return index < 0 ? header : chosen.names[index];
  };
  // The named table under no other names: the caller says what it lacks.
  if (named && CHECK_IN_HEADERS.every((header) => fold(nameOf(header)) === fold(header)))
    return { request, syncs: 2 };
  const found = requestLog(context, chosen.name, nameOf);
  await context.sync();
  if (found.table.isNullObject)
    throw new Error(
      `The check-in table "${chosen.name}" was renamed or deleted while this check-in was recorded: record it again.`
    );
  return { request: found, syncs: 3 };
}

// ---------------------------------------------------------------------------------------------
// Where the rows go.

/** The row under the table: empty, a check-in (the log goes on below it), or something else. */
type Below =
  { kind: "empty" } | { kind: "check-in" } | { kind: "other"; column: number; text: string };

interface LogEnd {
  tableEnd: number;
  /** The last row used in the data columns within the table (its header row at least). */
  lastInTable: number;
  /** The last row used in the table's sheet columns, anywhere. */
  lastInSpan: number;
  below: Below;
}

const filled = (value: unknown) => value !== "" && value !== null && value !== undefined;

function endOf(asked: EndRequest, offset: (header: Header) => number): LogEnd {
  const headerRow = asked.table.rowIndex;
  const tableEnd = headerRow + asked.table.rowCount - 1;
  const values = asked.below.values[0];
  const formulas = asked.below.formulas[0];
  const used = values.map(
    (value, index) =>
      filled(value) || (typeof formulas[index] === "string" && formulas[index].startsWith("="))
  );
  const first = used.indexOf(true);
  let below: Below = { kind: "empty" };
  if (filled(values[offset("Date")]) && filled(values[offset("Key Result")]))
    below = { kind: "check-in" };
  else if (first >= 0) {
    const formula = formulas[first];
    const shownText =
      typeof formula === "string" && formula.startsWith("=") ? formula : String(values[first]);
    below = { kind: "other", column: first, text: shownText };
  }
  return {
    tableEnd,
    lastInTable: Math.max(lastUsedRow(asked.inTable), headerRow),
    lastInSpan: Math.max(lastUsedRow([asked.inSpan]), tableEnd),
    below,
  };
}

/** Where the next rows go: from `first`, at most `capacity` of them (over nothing), and whether the table may grow over them. */
type Placement =
  | { first: number; capacity: number; grow: boolean }
  | { refused: Extract<Below, { kind: "other" }> };

function placementOf(end: LogEnd, canResize: boolean): Placement {
  // Below the table: any number of rows when nothing is under it, else only an empty row under it.
  const roomBelow = end.lastInSpan <= end.tableEnd ? Infinity : end.below.kind === "empty" ? 1 : 0;
  if (end.lastInTable < end.tableEnd)
    return {
      first: end.lastInTable + 1,
      capacity: end.tableEnd - end.lastInTable + roomBelow,
      grow: canResize,
    };
  switch (end.below.kind) {
    case "empty":
      return { first: end.tableEnd + 1, capacity: roomBelow, grow: canResize };
    case "check-in":
      // Rows an Excel without Table.resize wrote below the full table: the log goes on after
      // them, and the table is not grown over rows this request has not read.
      return { first: end.lastInSpan + 1, capacity: Infinity, grow: false };
    case "other":
      return { refused: end.below };
  }
}

/**
 * Appends one check-in to the log (see the protocol above). Throws, before writing anything, when
 * this Excel lacks ExcelApi 1.4, when the record is not one the log can hold, when the workbook
 * has no check-in log (or two) or its log lacks columns, when the record corrects or withdraws an
 * entry in a log made before Entry, Replaces and Valid existed, and when the table is full with
 * something that is not a check-in under it; each message says what to do.
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

  // 1. Read: the table, its columns, and where the written part of the log ends.
  const found = await findLog(context, options.table ?? TABLES.checkIns);
  let syncs = found.syncs;
  const { table, worksheet, columns } = found.request;
  const tableName = table.name;
  const sheet = worksheet.name;
  const described = `The check-in table "${tableName}" on sheet "${sheet}"`;
  const layout = layoutOf(found.request);
  if (layout.kind === "incomplete") throw new Error(incompleteMessage(described, layout.missing));
  const withIds = layout.kind === "ids";
  if (!withIds && (record.replaces ?? null) !== null)
    throw new Error(
      `${described} was made by an earlier OKR Studio: it has no Entry, Replaces and Valid ` +
        "columns, and its Scorecard does not read them, so a check-in cannot correct or withdraw " +
        "another there. Edit that check-in's row on the sheet itself, or insert a new OKR " +
        "workbook and copy the check-ins into it."
    );
  if (table.showTotals)
    throw new Error(
      `${described} shows a total row, which a check-in cannot go under: turn it off (Table Design > Total Row), ${AGAIN}`
    );

  const headers = withIds ? DATA_HEADERS : FIRST_HEADERS;
  const tableRange = found.request.end.table;
  const headerRow = tableRange.rowIndex;
  const firstColumn = tableRange.columnIndex;
  const lastColumn = firstColumn + tableRange.columnCount - 1;
  const columnOf = new Map(columns.map(({ header, range }) => [header, range]));
  const at = (header: Header) => columnOf.get(header)!.columnIndex;
  const offset = (header: Header) => at(header) - firstColumn;
  const dataRanges = headers.map((header) => columnOf.get(header)!);
  // The trend's helpers, where the log has them all (an earlier log has none: its rows go without).
  const trend = found.request.trend;
  const logColumns: CheckInLogColumns | null =
    withIds && trend.every(({ column }) => !column.isNullObject)
      ? ({
          ...Object.fromEntries(CHECK_IN_HEADERS.map((header) => [header, at(header)])),
          ...Object.fromEntries(trend.map(({ header, range }) => [header, range.columnIndex])),
        } as CheckInLogColumns)
      : null;
  const rowAddress = (row: number) =>
    `${cellAddress(row, firstColumn)}:${cellAddress(row, lastColumn)}`;
  const refusal = (other: Extract<Below, { kind: "other" }>, tableEnd: number) =>
    `${described} is full, and the row under it holds something that is not a check-in ` +
    `(cell ${cellAddress(tableEnd + 1, firstColumn + other.column)}: "${other.text.slice(0, 40)}"), ` +
    "which a check-in must not write over or take into the table. Insert an empty row above " +
    `row ${tableEnd + 2} (right-click the row number > Insert), or move what is there, ${AGAIN}`;

  let end = endOf(found.request.end, offset);
  let grewTable = false;
  let ownRow: number | null = null;
  let confirmed: boolean | null = null;
  let moved = 0;
  let queue: { content: RowContent; own: boolean }[] = [{ content: own, own: true }];
  const waiting = () => queue.map(({ content }) => rowText(content, headers)).join(" | ");

  while (queue.length > 0 || confirmed === null) {
    if (syncs >= MAX_CHECK_IN_SYNCS)
      throw new Error(
        `The check-in log kept changing while this check-in was recorded (${syncs} requests). ` +
          `Not written yet, to record again: ${waiting()}.`
      );
    // Read back the row written in the previous request: its id, or its cells in a log without ids.
    const readBack: Excel.Range | null =
      ownRow !== null && confirmed === null
        ? worksheet
            .getRange(withIds ? cellAddress(ownRow, at("Entry")) : rowAddress(ownRow))
            .load("values")
        : null;
    // Write what waits, as much as fits over nothing: each row read just before it is written.
    let writes: { content: RowContent; own: boolean; row: number }[] = [];
    if (queue.length > 0) {
      const placement = placementOf(end, canResize);
      if ("refused" in placement)
        throw new Error(
          ownRow === null
            ? refusal(placement.refused, end.tableEnd)
            : `This check-in is in row ${ownRow + 1}, but a check-in it wrote over could not be ` +
                `written again. ${refusal(placement.refused, end.tableEnd)} Not written yet, to ` +
                `type in again: ${waiting()}.`
        );
      const count = Math.min(queue.length, placement.capacity);
      writes = queue
        .slice(0, count)
        .map((item, index) => ({ ...item, row: placement.first + index }));
      queue = queue.slice(count);
      const lastTarget = writes[writes.length - 1].row;
      if (lastTarget > LAST_ROW)
        throw new Error("The check-in log has reached the sheet's last row.");
      if (placement.grow && lastTarget > end.tableEnd) {
        table.resize(
          `${sheetReference(sheet)}!${cellAddress(headerRow, firstColumn)}:${cellAddress(lastTarget, lastColumn)}`
        );
        grewTable = true;
      }
    }
    const befores = writes.map(({ row, content }) => {
      const before = worksheet.getRange(rowAddress(row)).load("values,formulas");
      const target = worksheet.getRange(rowAddress(row));
      const values: (string | number | boolean | null)[] = Array.from(
        { length: lastColumn - firstColumn + 1 },
        () => null
      );
      for (const header of headers) {
        const cell = content.get(header)!;
        values[offset(header)] = "value" in cell ? cell.value : "";
      }
      target.values = [values];
      for (const header of headers) {
        const cell = content.get(header)!;
        if ("formula" in cell)
          worksheet.getRange(cellAddress(row, at(header))).formulas = [[cell.formula]];
      }
      if (withIds)
        worksheet.getRange(cellAddress(row, at("Valid"))).formulas = [
          [
            checkInValidFormula(row, {
              keyResult: at("Key Result"),
              value: at("Value"),
              entry: at("Entry"),
              replaces: at("Replaces"),
            }),
          ],
        ];
      if (logColumns !== null) {
        const helpers = checkInTrendFormulas(row, logColumns);
        for (const header of CHECK_IN_TREND_HEADERS)
          worksheet.getRange(cellAddress(row, logColumns[header])).formulas = [[helpers[header]]];
      }
      worksheet.getRange(cellAddress(row, at("Date"))).numberFormat = [[DEFAULT_DATE_FORMAT]];
      return before;
    });
    const after = writes.length > 0 ? requestEnd(table, dataRanges) : null;
    // One request per round: the read-back, and the rows that wait.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;

    if (readBack !== null) {
      const cells: unknown[] = readBack.values[0];
      confirmed = withIds
        ? String(cells[0]) === id
        : headers.every((header) => cells[offset(header)] === shown(own.get(header)!));
    }
    writes.forEach(({ row, own: isOwn }, index) => {
      if (isOwn) ownRow = row;
      const before = befores[index];
      const displaced = contentOf(before.values[0], before.formulas[0], headers, offset);
      if (displaced !== null) {
        queue.push({ content: displaced, own: false });
        moved++;
      }
    });
    if (after !== null) end = endOf(after, offset);
  }

  const row = ownRow!;
  return {
    id,
    entryWritten: withIds,
    table: tableName,
    sheet,
    row: row + 1,
    address: rowAddress(row),
    confirmed: confirmed!,
    moved,
    grewTable,
    syncs,
  };
}
