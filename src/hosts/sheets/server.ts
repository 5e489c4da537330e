import { rowsOf, type PlacedCell } from "../../sheets/snapshot";
import {
  cellAddress,
  sheetReference,
  SHEETS_A1_LIMIT,
  SHEETS_A1_PATTERN,
  SHEETS_SHEET_NAME_LIMIT,
  type SnapshotName,
  type SnapshotValue,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../../sheets/spec";
import { recordCheckIn as appendCheckIn, type SheetsCheckInResult } from "./checkIn";
import { functionNameOf } from "../../functions/descriptions";
import { HELP_DIALOG_SIZE, helpFileOf, helpPageId } from "./help";
import type { AppsScriptServices, CellValue, HelpServices } from "./services";
import { insertWorkbook, type SheetsInsertResult } from "./write";

/**
 * The server functions the Sheets sidebar calls through google.script.run: plain serialisable
 * arguments and results (google.script.run passes numbers, strings, booleans, arrays and plain
 * objects; a Date does not cross), and errors thrown as a plain Error whose message is the reason
 * a person reads (the sidebar's failure handler gets it). Each takes the Apps Script services as
 * its first argument; the bundle's entry passes `servicesFromGlobals()` and exposes one-argument
 * top-level functions.
 */

/** The pane's InsertRequest, with the spec the sidebar built (the same builder as in Excel). */
export interface SheetsInsertRequest {
  spec: WorkbookSpec;
  /** Ignored here (a file name is for the page outside a spreadsheet); accepted for one shape. */
  fileName?: string;
}

/** The pane's CheckInEntry (src/taskpane/actions.ts), as the check-in form gives it. */
export interface SheetsCheckInRequest {
  keyResultId: string;
  value: number | boolean | null;
  /** An Excel (and Sheets) serial date. */
  date: number;
  confidence: number | null;
  author: string;
  note: string;
  replaces: string | null;
  /** The log's named range, when an insert renamed it. */
  table?: string;
}

/** The pane's CheckInResult: where the row went. */
export interface SheetsCheckInResponse {
  id: string;
  location: { sheet: string; address: string };
  row: number;
}

/** The services as Apps Script defines them: read when called, never at load. */
export function servicesFromGlobals(): AppsScriptServices {
  const global = globalThis as unknown as Partial<AppsScriptServices>;
  if (!global.SpreadsheetApp || !global.Charts || !global.LockService)
    throw new Error("OKR Studio's server functions run in Google Apps Script only.");
  return {
    SpreadsheetApp: global.SpreadsheetApp,
    Charts: global.Charts,
    LockService: global.LockService,
  };
}

/** Runs `work`, turning whatever it throws into a plain Error with a message a person reads. */
function plainly<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message === "" ? "OKR Studio could not finish: no reason was given." : message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Writes the request's workbook spec as new sheets of the active spreadsheet. */
export function insertTemplate(
  services: AppsScriptServices,
  request: SheetsInsertRequest
): SheetsInsertResult {
  return plainly(() => {
    const spec: unknown = isObject(request) ? request.spec : undefined;
    if (
      !isObject(spec) ||
      !Array.isArray(spec.sheets) ||
      !Array.isArray(spec.names) ||
      !isObject(spec.styles)
    )
      throw new Error(
        "The request holds no workbook to insert: choose a template and insert again."
      );
    return insertWorkbook(services, spec as unknown as WorkbookSpec);
  });
}

/** What each field of a check-in request may hold, as the sidebar's form sends it. */
const CHECK_IN_FIELDS: [field: keyof SheetsCheckInRequest, kinds: string[], what: string][] = [
  ["keyResultId", ["string"], "text"],
  ["value", ["number", "boolean", "null"], "a number, TRUE/FALSE or empty"],
  ["date", ["number"], "a serial date"],
  ["confidence", ["number", "null"], "a number or empty"],
  ["author", ["string"], "text"],
  ["note", ["string"], "text"],
  ["replaces", ["string", "null"], "an entry id or empty"],
  ["table", ["string", "undefined"], "the name of the log"],
];

/** A request from outside the script: each field checked before anything is locked or read. */
function assertCheckInFields(request: Record<string, unknown>): void {
  for (const [field, kinds, what] of CHECK_IN_FIELDS) {
    const value = request[field];
    const kind = value === null ? "null" : typeof value;
    if (!kinds.includes(kind))
      throw new Error(
        `The check-in's ${field} must be ${what}, not ${Array.isArray(value) ? "a list" : kind === "undefined" ? "missing" : kind}.`
      );
  }
}

/** Appends one check-in to the log, under the document lock. */
export function recordCheckIn(
  services: AppsScriptServices,
  request: SheetsCheckInRequest
): SheetsCheckInResponse {
  return plainly(() => {
    if (!isObject(request)) throw new Error("The request holds no check-in.");
    assertCheckInFields(request as unknown as Record<string, unknown>);
    const result: SheetsCheckInResult = appendCheckIn(
      services,
      {
        date: request.date,
        keyResultId: request.keyResultId,
        value: request.value,
        confidence: request.confidence,
        comment: request.note,
        author: request.author,
        replaces: request.replaces,
      },
      { table: request.table }
    );
    return {
      id: result.id,
      location: { sheet: result.sheet, address: result.address },
      row: result.row,
    };
  });
}

/** A cell a finding points at, as the pane's Location gives it. */
export interface SheetsCellLocation {
  sheet: string;
  address: string;
}

/**
 * Shows a finding's cell: activates its sheet and selects the cell (Range.activate). The sheet
 * must exist (looked up by name) and the address must be one A1 cell or rectangle; anything else
 * is refused, with nothing selected.
 */
export function selectCell(
  services: AppsScriptServices,
  location: SheetsCellLocation
): { sheet: string; address: string } {
  return plainly(() => {
    const sheetName: unknown = isObject(location) ? location.sheet : undefined;
    const address: unknown = isObject(location) ? location.address : undefined;
    if (
      typeof sheetName !== "string" ||
      sheetName.trim() === "" ||
      sheetName.length > SHEETS_SHEET_NAME_LIMIT
    )
      throw new Error("The cell to go to names no sheet: check the workbook again.");
    if (
      typeof address !== "string" ||
      address.length > SHEETS_A1_LIMIT ||
      !SHEETS_A1_PATTERN.test(address)
    )
      throw new Error(
        "The cell to go to has no A1 address (such as B7 or B2:D9): check the workbook again."
      );
    const sheet = services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
    if (sheet === null)
      throw new Error(
        `This spreadsheet has no sheet "${sheetName}" any more: check the workbook again.`
      );
    const range = sheet.getRange(address);
    range.activate();
    return { sheet: sheet.getName(), address: range.getA1Notation() };
  });
}

/**
 * Opens a function's help page (Help-score.html, built with Code.js) in a modeless dialog titled
 * with the function's Sheets name. `page` must be one of the functions' ids ("SCORE"): the file's
 * name is made from the id found in the descriptions, never from the text received.
 */
export function showHelp(services: HelpServices, page: unknown): { page: string; title: string } {
  return plainly(() => {
    const id = helpPageId(page);
    if (id === null)
      throw new Error("OKR Studio has no help page by that name: choose a function in the list.");
    const output = services.HtmlService.createHtmlOutputFromFile(helpFileOf(id))
      .setWidth(HELP_DIALOG_SIZE.width)
      .setHeight(HELP_DIALOG_SIZE.height);
    const title = functionNameOf(id, "sheets");
    services.SpreadsheetApp.getUi().showModelessDialog(output, title);
    return { page: id, title };
  });
}

/** 30 December 1899, day 0 of Sheets' and Excel's serial dates. */
const EPOCH = Date.UTC(1899, 11, 30);

/**
 * A cell value as a snapshot holds it. getValues gives a date cell as a Date at that day's midnight
 * in the script's time zone: read by its calendar fields, so the serial is the day the cell shows
 * when the script and the spreadsheet share a time zone (appsscript.json's timeZone).
 */
function snapshotValue(value: CellValue): SnapshotValue {
  if (value instanceof Date) {
    const local = Date.UTC(
      value.getFullYear(),
      value.getMonth(),
      value.getDate(),
      value.getHours(),
      value.getMinutes(),
      value.getSeconds(),
      value.getMilliseconds()
    );
    return (local - EPOCH) / 86_400_000;
  }
  return value === "" ? null : value;
}

/**
 * The active spreadsheet as a sparse snapshot (src/sheets/snapshot.ts), for the same reader and
 * rules as Excel and .xlsx files: three calls per sheet (its used range's values and formulas)
 * plus the names. Named ranges come back as defined names ("='OKR Plan'!$B$13"); developer
 * metadata whose value is a formula (the layout mark, "=2") as names too.
 */
export function readSnapshot(services: AppsScriptServices): WorkbookSnapshot {
  return plainly(() => {
    const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
    const sheets = spreadsheet.getSheets().map((sheet) => {
      const range = sheet.getDataRange();
      const values = range.getValues();
      const formulas = range.getFormulas();
      const cells: PlacedCell[] = [];
      values.forEach((line, row) =>
        line.forEach((value, column) => {
          const formula = formulas[row]?.[column] ?? "";
          cells.push({
            row,
            column,
            value:
              formula === "" ? snapshotValue(value) : value === "" ? null : snapshotValue(value),
            formula: formula === "" ? null : formula,
          });
        })
      );
      return { name: sheet.getName(), visible: !sheet.isSheetHidden(), rows: rowsOf(cells) };
    });
    const names: SnapshotName[] = spreadsheet.getNamedRanges().map((named) => {
      const range = named.getRange();
      const top = cellAddress(range.getRow() - 1, range.getColumn() - 1, true);
      const rows = range.getNumRows();
      const columns = range.getNumColumns();
      const bottom = cellAddress(range.getRow() + rows - 2, range.getColumn() + columns - 2, true);
      const address = rows === 1 && columns === 1 ? top : `${top}:${bottom}`;
      return {
        name: named.getName(),
        formula: `=${sheetReference(range.getSheet().getName())}!${address}`,
      };
    });
    for (const metadata of spreadsheet.getDeveloperMetadata()) {
      const value = metadata.getValue();
      if (value !== null && value.startsWith("="))
        names.push({ name: metadata.getKey(), formula: value });
    }
    return { sheets, names };
  });
}
