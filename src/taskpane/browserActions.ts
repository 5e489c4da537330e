import { refuse, unavailable, type Capabilities, type PaneActions } from "./actions";

/**
 * The pane's actions outside Excel (the page opened in a browser, or Office.js unreachable): there
 * is no workbook, so reading, checking, selecting and inserting are unavailable and say why; the
 * features that need no workbook (the functions' help, the templates) work as in Excel.
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
};

export function createBrowserActions(): PaneActions {
  const capabilities = BROWSER_CAPABILITIES;
  return {
    capabilities,
    readPlan: () => refuse(capabilities.check),
    validate: () => refuse(capabilities.check),
    select: () => refuse(capabilities.check),
    insertWorkbook: () => refuse(capabilities.insert),
  };
}
