import { FUNCTION_DESCRIPTIONS, type FunctionId } from "../../functions/descriptions";

/*
 * The functions' help pages in Google Sheets: one self-contained HTML file per function in the
 * Apps Script project (Help-score.html, written by scripts/build-sheets.mjs from the same
 * descriptions and renderer as the add-in's help pages, with the Sheets names), opened in a
 * modeless dialog by the server function showHelp (server.ts). Pure: names and sizes only.
 */

/** The Apps Script file of a function's help page, as createHtmlOutputFromFile names it. */
export function helpFileOf(id: FunctionId): string {
  return `Help-${id.toLowerCase()}`;
}

/** The help dialog's size in pixels: room for the examples' table without crowding the sheet. */
export const HELP_DIALOG_SIZE = { width: 640, height: 560 } as const;

const FUNCTION_IDS: ReadonlySet<string> = new Set(FUNCTION_DESCRIPTIONS.map((fn) => fn.id));

/** The function a page id names ("SCORE"), or null: only the functions' own ids are pages. */
export function helpPageId(page: unknown): FunctionId | null {
  return typeof page === "string" && FUNCTION_IDS.has(page) ? (page as FunctionId) : null;
}
