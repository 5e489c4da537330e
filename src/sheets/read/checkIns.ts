import { toDateSerial } from "../../okr/values";
import { isBlank, textOf } from "./cells";
import type { CellLocation, CheckIn } from "./result";
import { fieldReader, type Table } from "./tables";

/**
 * Reading the check-in logs: one check-in per row with a key result, a date or a value. The
 * withdrawals (a row that replaces an entry and has no value) and the entries a correction or a
 * withdrawal replaces are left out, as the log's Valid formula decides.
 */
export function readCheckIns(
  tables: readonly Table[],
  problem: (location: CellLocation | null, message: string) => void
): CheckIn[] {
  const checkIns: CheckIn[] = [];
  /** Entries some row's Replaces names, lower case (COUNTIF compares without case). */
  const replaced = new Set<string>();
  for (const table of tables) {
    const { grid, columns } = table;
    const at = fieldReader(table);
    const first = Math.min(...columns.values());
    for (const row of table.rows) {
      const replaces = textOf(at(row, "replaces"));
      if (replaces !== "") replaced.add(replaces.toLowerCase());
      const keyResultId = textOf(at(row, "keyResult"));
      const dateCell = at(row, "date");
      if (keyResultId === "" && isBlank(dateCell) && isBlank(at(row, "value"))) continue;
      // A withdrawal: it replaces an entry and has no value of its own.
      if (replaces !== "" && isBlank(at(row, "value"))) continue;
      const location = grid.location(row, first);
      let date: number | null = null;
      if (!isBlank(dateCell)) {
        try {
          date = toDateSerial("date", dateCell);
        } catch {
          problem(
            grid.location(row, columns.get("date")!),
            `check-in date "${textOf(dateCell)}" is not a date`
          );
        }
      }
      const checkIn: CheckIn = {
        date,
        keyResultId,
        value: at(row, "value"),
        confidence: at(row, "confidence"),
        comment: textOf(at(row, "comment")),
        author: textOf(at(row, "author")),
        location,
      };
      if (columns.has("entry")) checkIn.entry = textOf(at(row, "entry"));
      if (columns.has("replaces")) checkIn.replaces = replaces;
      checkIns.push(checkIn);
    }
  }
  // The entries a correction or withdrawal replaces, wherever that row is.
  return checkIns.filter((checkIn) => !checkIn.entry || !replaced.has(checkIn.entry.toLowerCase()));
}
