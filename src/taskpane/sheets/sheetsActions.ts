import type {
  SheetsCellLocation,
  SheetsCheckInRequest,
  SheetsCheckInResponse,
  SheetsInsertRequest,
} from "../../hosts/sheets/server";
import type { SheetsInsertResult } from "../../hosts/sheets/write";
import type { FunctionId } from "../../functions/descriptions";
import type { InsertResult } from "../../hosts/excel/insert";
import type { WorkbookSnapshot, WorkbookSpec } from "../../sheets/spec";
import {
  AVAILABLE,
  unavailable,
  type Capabilities,
  type CheckInEntry,
  type CheckInResult,
  type InsertProgress,
  type PaneActions,
} from "../actions";
import { checkRead, readOf } from "../readAndCheck";

/**
 * The pane's actions in the Google Sheets sidebar (issue 15): every read and write is one call of a
 * server function (src/hosts/sheets/server.ts, declared at the top level of Code.js) through
 * google.script.run; the reader and the rules run here, in the sidebar, over the snapshot, as in
 * Excel. The sidebar is one self-contained file, so nothing loads on demand here.
 */

/** The server functions the sidebar calls, by name, with their argument and result. */
export interface SheetsServer {
  readSnapshot: { request: void; response: WorkbookSnapshot };
  insertTemplate: { request: SheetsInsertRequest; response: SheetsInsertResult };
  recordCheckIn: { request: SheetsCheckInRequest; response: SheetsCheckInResponse };
  selectCell: { request: SheetsCellLocation; response: SheetsCellLocation };
  showHelp: { request: FunctionId; response: { page: string; title: string } };
}

/** One server function called, its result (or its error) when Apps Script answers. */
export type CallServer = <Name extends keyof SheetsServer>(
  name: Name,
  request: SheetsServer[Name]["request"]
) => Promise<SheetsServer[Name]["response"]>;

/** google.script.run as far as the sidebar uses it. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [serverFunction: string]: unknown;
}

/** The failure handler gets an Error (its message the server's); anything else made one. */
function errorOf(failure: unknown, name: string): Error {
  if (failure instanceof Error) return failure;
  const message =
    typeof failure === "object" && failure !== null && "message" in failure
      ? String((failure as { message: unknown }).message)
      : String(failure ?? "");
  return new Error(message === "" ? `The spreadsheet did not finish ${name}.` : message);
}

/**
 * Server calls through google.script.run, promisified; `run` read when a call is made (the
 * sidebar's global, defined by Apps Script's iframe), never at load.
 */
export function scriptRunServer(
  run: () => ScriptRun | undefined = () =>
    (globalThis as { google?: { script?: { run?: ScriptRun } } }).google?.script?.run
): CallServer {
  return (name, request) =>
    new Promise((resolve, reject) => {
      const runner = run();
      if (runner === undefined) {
        reject(
          new Error("This page is not open in Google Sheets: open it from the OKR Studio menu.")
        );
        return;
      }
      const called = runner
        .withSuccessHandler((value) => resolve(value as SheetsServer[typeof name]["response"]))
        .withFailureHandler((failure) => reject(errorOf(failure, name)));
      const serverFunction = called[name];
      if (typeof serverFunction !== "function") {
        reject(new Error(`The add-on's script has no ${name}: update OKR Studio's script.`));
        return;
      }
      (serverFunction as (argument: unknown) => void).call(called, request);
    });
}

export const SHEETS_CAPABILITIES: Capabilities = {
  host: "sheets",
  check: AVAILABLE,
  insert: AVAILABLE,
  checkIn: AVAILABLE,
  repair: unavailable(
    "Repair writes into Excel workbooks only; in Google Sheets, fix the cells the check names."
  ),
};

/**
 * The Sheets insert's result as the pane's features take an Excel insert's: the same name
 * mappings; syncs counts the server calls (one), and Sheets sends no request sizes.
 */
export function insertOutcomeOf(result: SheetsInsertResult): InsertResult {
  return {
    sheets: result.sheets,
    tables: result.tables,
    names: result.names,
    activeSheet: result.activeSheet,
    syncs: 1,
    writeRequests: 1,
    largestPayloadBytes: 0,
  };
}

export function createSheetsActions(
  call: CallServer = scriptRunServer()
): PaneActions<InsertResult> {
  const capabilities = SHEETS_CAPABILITIES;
  const readPlan = async () => readOf(await call("readSnapshot", undefined), 1);
  return {
    capabilities,
    readPlan,
    async validate(options) {
      return checkRead(await readPlan(), options);
    },
    async select(location) {
      await call("selectCell", { sheet: location.sheet, address: location.address });
    },
    async insertWorkbook(
      spec: WorkbookSpec,
      onProgress?: (progress: InsertProgress<InsertResult>) => void
    ): Promise<InsertResult> {
      onProgress?.({ step: "writing", sheets: spec.sheets.length });
      const result = insertOutcomeOf(await call("insertTemplate", { spec }));
      onProgress?.({ step: "done", result });
      return result;
    },
    async appendCheckIn(entry: CheckInEntry): Promise<CheckInResult> {
      const response = await call("recordCheckIn", {
        keyResultId: entry.keyResultId,
        value: entry.value,
        date: entry.date,
        confidence: entry.confidence,
        author: entry.author,
        note: entry.note,
        replaces: entry.replaces,
      });
      return { id: response.id, location: response.location, syncs: 1 };
    },
    /** The Apps Script project carries the help pages: showHelp opens one in a dialog. */
    async openHelp(id: FunctionId): Promise<void> {
      await call("showHelp", id);
    },
  };
}
