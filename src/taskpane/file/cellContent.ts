import type { Location } from "../../okr/rules/types";
import { cellAt } from "../../sheets/snapshot";
import type { WorkbookSnapshot } from "../../sheets/spec";

/**
 * What a finding's cell holds, in words, for the page outside Excel: there is no workbook to
 * select the cell in, so the page shows its content beside the finding. From the read the check
 * judged, so what is shown is what the rules saw.
 */

/** Content longer than this is cut with "…": a finding's card stays a card. */
export const CONTENT_SHOWN = 200;

function cut(text: string): string {
  return text.length <= CONTENT_SHOWN ? text : `${text.slice(0, CONTENT_SHOWN - 1)}…`;
}

function valueText(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** A cell address ("B7", "$AA$12") as 0-based row and column; null for anything else. */
export function addressAt(address: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (match === null) return null;
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  const row = Number(match[2]);
  return row < 1 ? null : { row: row - 1, column: column - 1 };
}

/**
 * The content of a finding's cell: "Holds =B7/C7 (shows 0.85)", "Holds Grow revenue", "Empty";
 * null when the location is not one cell of a sheet the read has (a range, a missing sheet).
 */
export function cellContent(snapshot: WorkbookSnapshot, location: Location): string | null {
  const sheet = snapshot.sheets.find((candidate) => candidate.name === location.sheet);
  const at = addressAt(location.address);
  if (sheet === undefined || at === null) return null;
  const cell = cellAt(sheet, at.row, at.column);
  if (cell === null || (cell.value === null && cell.formula === null)) return "Empty";
  if (cell.formula !== null)
    return cut(
      `Holds ${cell.formula}${cell.value === null ? "" : ` (shows ${valueText(cell.value)})`}`
    );
  return cut(`Holds ${valueText(cell.value as string | number | boolean)}`);
}
