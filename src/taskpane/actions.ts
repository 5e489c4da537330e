import type { FunctionId } from "../functions/descriptions";
import type { InsertResult } from "../hosts/excel/insert";
import type { CheckOptions, Finding, Location } from "../okr/rules/types";
import type { ReadResult } from "../sheets/read";
import type { RepairPlan } from "../sheets/repair";
import type { WorkbookSnapshot, WorkbookSpec } from "../sheets/spec";

/**
 * What the pane's features need from wherever the pane runs: one interface, one implementation
 * per host (Excel, in excel/excelActions.ts; the page outside Excel, in browserActions.ts), handed
 * to the components through PaneContext. Components never reach Office or Excel themselves.
 *
 * The orchestration shared by every host ("read the plan, then check it") is in readAndCheck.ts,
 * plain functions over a snapshot, so a host implementation only reads and writes; the hosts load
 * it on demand, as the reader and the rules are not needed at first paint.
 */

/** Whether an action can run here; when not, a reason in a person's words. */
export type Availability = { available: true } | { available: false; reason: string };

export const AVAILABLE: Availability = { available: true };

export function unavailable(reason: string): Availability {
  return { available: false, reason };
}

export interface Capabilities {
  /**
   * "excel": the pane in Excel, with an open workbook; "browser": the page outside Excel;
   * "sheets": the Google Sheets sidebar (src/taskpane/sheets), over the open spreadsheet.
   */
  host: "excel" | "browser" | "sheets";
  /** Reading and checking the open workbook, and selecting a finding's cell. */
  check: Availability;
  /** Writing a new OKR workbook's sheets into the open workbook. */
  insert: Availability;
  /** Recording a check-in in the workbook's Check-ins table. */
  checkIn: Availability;
  /** Writing a structure repair (issue 13) into the open workbook; absent where never available. */
  repair?: Availability;
  /**
   * Checking an .xlsx file chosen or dropped in the page outside Excel (issue 14: `openFile`);
   * absent in Excel, where the open workbook is checked instead.
   */
  openFile?: Availability;
}

/** A file chosen in the page (a DOM File): its name, its size, and its bytes when asked for. */
export interface ChosenFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Blob;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** One read of the workbook: its cells, and what the reader makes of them. */
export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  /** readPlan's result: the plan (null when no OKR table was found), where each field is, check-ins. */
  facts: ReadResult;
  /** Requests (context.sync calls in Excel) the read took; 0 for a file read in the page. */
  syncs: number;
  /** The name of the file read, in the page outside Excel; absent for Excel's open workbook. */
  file?: string;
}

/** A check's result, with the read it judged so other features can share it without reading again. */
export interface CheckResult {
  /** Sorted by sheet, row and rule, as checkWorkbook gives them. */
  findings: Finding[];
  /** Whether a table of objectives or key results was found (false: the findings are OKR000). */
  planFound: boolean;
  read: WorkbookRead;
}

/**
 * What the page outside Excel makes in place of inserting sheets: a new .xlsx file, saved where the
 * person chose (the browser's save dialog) or downloaded; never an existing file rewritten.
 */
export interface WorkbookFile {
  kind: "file";
  /** The file's name: the one suggested, or the one the person chose in the save dialog. */
  fileName: string;
  /** Its size. */
  bytes: number;
  /** Its sheets, in order. */
  sheets: string[];
  /**
   * "saved": written through the save dialog; "downloaded": handed to the browser's downloads;
   * "cancelled": the person closed the save dialog, and nothing was written.
   */
  saved: "saved" | "downloaded" | "cancelled";
}

/** What an insert made: sheets in the open workbook (Excel), or a new file (the page). */
export type InsertOutcome = InsertResult | WorkbookFile;

/** How far an insert has got, for the pane to show while it runs. */
export type InsertProgress<Made extends InsertOutcome = InsertOutcome> =
  | { step: "preparing"; sheets: number }
  | { step: "writing"; sheets: number }
  | { step: "done"; result: Made };

/** What the form knows that a host writing a file needs: the name to suggest. Excel ignores it. */
export interface InsertRequest {
  /** "okr-revenue-growth.xlsx". */
  fileName: string;
}

/** One check-in as the form gives it (issue 9): the Excel implementation writes it as one row. */
export interface CheckInEntry {
  /** "O1.KR2". */
  keyResultId: string;
  /**
   * A number (a percentage as a fraction, as Excel stores a percent cell: 85% is 0.85), or done /
   * not done for a milestone; null only for a withdrawal (an entry that `replaces` another).
   */
  value: number | boolean | null;
  /** The day it was measured, an Excel serial number. */
  date: number;
  /** 0–1, when the person gave one. */
  confidence: number | null;
  author: string;
  note: string;
  /** The check-in this one corrects or withdraws (its entry id), or null. */
  replaces: string | null;
}

export interface CheckInResult {
  /** The unique id written with the row. */
  id: string;
  /** Where the row went: "'Check-ins'!A12:H12". */
  location: Location;
  syncs: number;
}

/**
 * `Made`: what insertWorkbook gives; the Excel actions say InsertResult (sheets written), the
 * page's a WorkbookFile; the pane's features take either (InsertOutcome).
 */
export interface PaneActions<Made extends InsertOutcome = InsertOutcome> {
  /** What can run here; fixed for the pane's life. Features disable what is not available. */
  readonly capabilities: Capabilities;
  /** Reads the open workbook once: its cells and what the reader makes of them. */
  readPlan(): Promise<WorkbookRead>;
  /** Reads the open workbook once and checks it against the rules. Changes nothing. */
  validate(options?: CheckOptions): Promise<CheckResult>;
  /** Activates a finding's sheet and selects its cell. */
  select(location: Location): Promise<void>;
  /**
   * Writes a workbook spec as new sheets (existing sheets and cells are never touched), reporting
   * each step; rejects, before writing anything, when this Excel lacks a requirement set the spec
   * needs. Outside Excel: writes it as a new .xlsx file the person saves (request.fileName the
   * name suggested).
   */
  insertWorkbook(
    spec: WorkbookSpec,
    onProgress?: (progress: InsertProgress<Made>) => void,
    request?: InsertRequest
  ): Promise<Made>;
  /**
   * Appends one check-in. Optional: the Excel implementation gains it with the co-authoring-safe
   * writer (src/hosts/excel/checkIn.ts); until then `capabilities.checkIn` says it is unavailable.
   */
  appendCheckIn?(entry: CheckInEntry): Promise<CheckInResult>;
  /**
   * Writes a repair plan (src/sheets/repair.ts) made from the last check: refuses, writing
   * nothing, when a cell or name it writes is no longer what the check saw. Excel only.
   */
  repair?(plan: RepairPlan): Promise<RepairOutcome>;
  /**
   * Reads a file chosen in the page outside Excel and checks it: the same reader, reading limits
   * and rules as `okr lint`, in the page (the code loads on demand, in the `xlsx` chunk). Rejects
   * with the reason `okr lint` gives (encrypted, .xls, not a workbook, truncated, too large) for a
   * file that cannot be read. Never writes the file, and sends none of it anywhere. Present where
   * `capabilities.openFile` is.
   */
  openFile?(file: ChosenFile, options?: CheckOptions): Promise<CheckResult>;
  /**
   * Opens a worksheet function's help page where the host keeps it (Google Sheets: a dialog over
   * the spreadsheet). Absent where the help pages are served beside the pane, which links to them.
   */
  openHelp?(id: FunctionId): Promise<void>;
}

/** What a repair wrote. */
export interface RepairOutcome {
  cells: number;
  names: number;
  /** context.sync calls: two per batch. */
  syncs: number;
  /** Batches the plan was split into, to stay under the request limit (1 for a usual repair). */
  batches: number;
  /** A co-author's data written over at the same moment and put back, one line each. */
  displaced?: string[];
}

/** A refusal with the availability's reason, for an action called where it cannot run. */
export function refuse(availability: Availability): Promise<never> {
  return Promise.reject(
    new Error(availability.available ? "This action is not available here." : availability.reason)
  );
}
