import {
  AVAILABLE,
  refuse,
  unavailable,
  type Capabilities,
  type PaneActions,
  type WorkbookFile,
} from "./actions";
import { notFetched } from "./features";

/**
 * The pane's actions outside Excel (the page opened in a browser, or Office.js unreachable): there
 * is no workbook, so reading, checking and selecting are unavailable and say why; the features
 * that need no workbook (the functions' help, the templates) work as in Excel, and inserting a
 * workbook makes a new .xlsx file to save (file/saveWorkbook.ts, loaded on demand).
 */

const NO_WORKBOOK = "Open OKR Studio in Excel to check a workbook.";

export const BROWSER_CAPABILITIES: Capabilities = {
  host: "browser",
  check: unavailable(NO_WORKBOOK),
  insert: AVAILABLE,
  checkIn: unavailable("Open OKR Studio in Excel to record a check-in."),
  repair: unavailable(
    "Repair writes into the open workbook: open OKR Studio in Excel to repair it. Outside Excel, okr rebuild writes a repaired copy."
  ),
};

export function createBrowserActions(): PaneActions<WorkbookFile> {
  const capabilities = BROWSER_CAPABILITIES;
  return {
    capabilities,
    readPlan: () => refuse(capabilities.check),
    validate: () => refuse(capabilities.check),
    select: () => refuse(capabilities.check),
    async insertWorkbook(spec, onProgress, request) {
      // The xlsx host (ExcelJS among it) is fetched only now, when a person asks for the file.
      const { saveWorkbook } = await import(
        /* webpackChunkName: "xlsx" */ "./file/saveWorkbook"
      ).catch((error: unknown) => {
        throw new Error(`${notFetched(error)} Check the connection, then try again.`);
      });
      return saveWorkbook(spec, request?.fileName ?? "okr-workbook.xlsx", onProgress);
    },
  };
}
