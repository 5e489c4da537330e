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
 * is no open workbook, so reading, checking and selecting it are unavailable and say why; a file
 * chosen in the page is checked instead (openFile, file/checkFile.ts), and inserting a workbook
 * makes a new .xlsx file to save (file/saveWorkbook.ts); both load on demand. The features that
 * need no workbook (the functions' help) work as in Excel.
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
  openFile: AVAILABLE,
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
    // The reader, the rules, ExcelJS and JSZip load when a file is first chosen, never in Excel.
    openFile: async (file, options) =>
      (await import(/* webpackChunkName: "xlsx" */ "./file/checkFile")).checkFile(file, options),
  };
}
