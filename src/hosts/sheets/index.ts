import { serialFromUtcMs } from "../../okr/values";
import { customFunction, declarations, type SheetsCalendar } from "./functions";
import * as server from "./server";
import type { HtmlOutput, HtmlServiceService, Ui } from "./services";
import { sidebarWithView } from "./sidebarView";

/*
 * The entry of the Apps Script bundle (scripts/build-sheets.mjs): esbuild makes it one global
 * namespace, OkrStudio, and the build declares at the top level of the script a function for
 * each custom function (with its @customfunction JSDoc) and for each name in SCRIPT_FUNCTIONS,
 * calling into the namespace; Apps Script only sees top-level function declarations. Nothing here
 * runs on load: the services are only touched when Sheets calls a function.
 */

/** The Apps Script services this entry uses, as far as it uses them. */
interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addToUi(): void;
}
declare const SpreadsheetApp: {
  getActiveSpreadsheet(): { getSpreadsheetTimeZone(): string } | null;
  getUi(): Ui & { createAddonMenu(): Menu; showSidebar(output: HtmlOutput): void };
};
declare const HtmlService: HtmlServiceService;
declare const Utilities: { formatDate(date: Date, timeZone: string, format: string): string };

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;

/**
 * Dates in the spreadsheet's time zone. Sheets hands a date cell to a custom function as the
 * instant the cell's date and time is in the spreadsheet's zone, while a script's Date methods
 * use the script's zone (appsscript.json), which differs for most users of an add-on: so the
 * calendar day is read with Utilities.formatDate in the spreadsheet's zone. Should that zone be
 * unavailable, the script's zone is used.
 */
function spreadsheetCalendar(): SheetsCalendar {
  let zone: string | null | undefined;
  const zoneOf = () => {
    if (zone === undefined) {
      try {
        zone = SpreadsheetApp.getActiveSpreadsheet()?.getSpreadsheetTimeZone() ?? null;
      } catch {
        zone = null;
      }
    }
    return zone;
  };
  const serial = (date: Date) => {
    const where = zoneOf();
    const parts = where
      ? WALL_CLOCK.exec(Utilities.formatDate(date, where, "yyyy-MM-dd'T'HH:mm:ss.SSS"))
      : null;
    const ms = parts
      ? Date.UTC(+parts[1], +parts[2] - 1, +parts[3], +parts[4], +parts[5], +parts[6], +parts[7])
      : Date.UTC(
          date.getFullYear(),
          date.getMonth(),
          date.getDate(),
          date.getHours(),
          date.getMinutes(),
          date.getSeconds(),
          date.getMilliseconds()
        );
    return serialFromUtcMs(ms);
  };
  return { serial, today: () => Math.floor(serial(new Date())) };
}

const calendar = spreadsheetCalendar();

export const OKR_SCORE = customFunction("SCORE", calendar);
export const OKR_PROGRESS = customFunction("PROGRESS", calendar);
export const OKR_STATUS = customFunction("STATUS", calendar);
export const OKR_GRADE = customFunction("GRADE", calendar);
export const OKR_HEALTH = customFunction("HEALTH", calendar);
export const OKR_PACE = customFunction("PACE", calendar);

export { declarations };

/** A menu item: its caption, the top-level function it calls, the sidebar's title and tab. */
interface MenuItem {
  caption: string;
  functionName: string;
  title: string;
  /** The sidebar's tab: one of the pane's views (ViewId in src/taskpane/store.ts; a test checks). */
  view: "templates" | "checkIn" | "check";
}

/** The menu: each item opens the sidebar (Sidebar.html, built with Code.js) on the item's tab. */
export const MENU = [
  {
    caption: "Insert a template…",
    functionName: "showInsertTemplate",
    title: "Insert a template",
    view: "templates",
  },
  {
    caption: "Record a check-in…",
    functionName: "showRecordCheckIn",
    title: "Record a check-in",
    view: "checkIn",
  },
  { caption: "Check OKRs", functionName: "showCheckOkrs", title: "Check OKRs", view: "check" },
] as const satisfies readonly MenuItem[];

/**
 * The add-on's menu, under Extensions: Apps Script names an add-on's menu after the add-on (after
 * the script project while it is bound to one spreadsheet for testing), "OKR Studio".
 */
export function onOpen(): void {
  let menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) menu = menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

/** Installing the add-on opens no document, so the menu is added then too. */
export function onInstall(): void {
  onOpen();
}

/** Sidebar.html, opening on the item's tab (sidebarView.ts), titled after the item. */
function showSidebar(item: MenuItem): void {
  const file = HtmlService.createHtmlOutputFromFile("Sidebar");
  const page = HtmlService.createHtmlOutput(sidebarWithView(file.getContent(), item.view)).setTitle(
    item.title
  );
  SpreadsheetApp.getUi().showSidebar(page);
}

export const showInsertTemplate = () => showSidebar(MENU[0]);
export const showRecordCheckIn = () => showSidebar(MENU[1]);
export const showCheckOkrs = () => showSidebar(MENU[2]);

/*
 * The server functions the sidebar calls through google.script.run, over the services Apps Script
 * defines (read when called): plain arguments and results, errors as Errors with a plain message.
 */
export const insertTemplate = (request: server.SheetsInsertRequest) =>
  server.insertTemplate(server.servicesFromGlobals(), request);
export const recordCheckIn = (request: server.SheetsCheckInRequest) =>
  server.recordCheckIn(server.servicesFromGlobals(), request);
export const readSnapshot = () => server.readSnapshot(server.servicesFromGlobals());
export const selectCell = (location: server.SheetsCellLocation) =>
  server.selectCell(server.servicesFromGlobals(), location);
/** A function's help page (Help-score.html) in a dialog; `page` is its id, "SCORE". */
export const showHelp = (page: string) => server.showHelp({ HtmlService, SpreadsheetApp }, page);

/**
 * The namespace's functions the build declares at the top level besides the custom functions:
 * the simple triggers, the menu's, and the server functions the sidebar calls.
 */
export const SCRIPT_FUNCTIONS = [
  "onOpen",
  "onInstall",
  ...MENU.map((item) => item.functionName),
  "insertTemplate",
  "recordCheckIn",
  "readSnapshot",
  "selectCell",
  "showHelp",
] as const;
