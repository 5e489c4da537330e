import { AVAILABLE, refuse, unavailable, type Capabilities, type PaneActions } from "./actions";

/**
 * The pane's actions outside Excel (the page opened in a browser, or Office.js unreachable): there
 * is no open workbook, so reading, checking, selecting and inserting are unavailable and say why;
 * a file chosen in the page is checked instead (openFile, file/checkFile.ts); the features that
 * need no workbook (the functions' help, the templates) work as in Excel.
 */

const NO_WORKBOOK = "Open OKR Studio in Excel to check a workbook.";

export const BROWSER_CAPABILITIES: Capabilities = {
  host: "browser",
  check: unavailable(NO_WORKBOOK),
  insert: unavailable("Open OKR Studio in Excel to insert an OKR workbook."),
  checkIn: unavailable("Open OKR Studio in Excel to record a check-in."),
  repair: unavailable(
    "Repair writes into the open workbook: open OKR Studio in Excel to repair it. Outside Excel, okr rebuild writes a repaired copy."
  ),
  openFile: AVAILABLE,
};

export function createBrowserActions(): PaneActions {
  const capabilities = BROWSER_CAPABILITIES;
  return {
    capabilities,
    readPlan: () => refuse(capabilities.check),
    validate: () => refuse(capabilities.check),
    select: () => refuse(capabilities.check),
    insertWorkbook: () => refuse(capabilities.insert),
    // The reader, the rules, ExcelJS and JSZip load when a file is first chosen, never in Excel.
    openFile: async (file, options) =>
      (await import(/* webpackChunkName: "xlsx" */ "./file/checkFile")).checkFile(file, options),
  };
}
