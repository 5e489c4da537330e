import type { CellRange } from "../../sheets/spec";

/**
 * Finding formula columns that are one formula filled down: a key-result table repeats the same
 * formula on every row, only its relative row numbers moving. Such a rectangle is written as its
 * first row plus one `autoFill`, which keeps a 2,000-row plan's request small (its portable
 * formulas alone are about 5 MB of text). Pure.
 */

const REFERENCE = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const WORD = /[A-Za-z0-9_.$\\]+/y;

/**
 * The formula with each relative row number written as its offset from `row` (0-based), so two
 * cells of a column filled down from one another have the same key. Null when the formula has
 * something a fill might treat differently (a whole-row reference such as 2:2).
 */
export function fillKey(formula: string, row: number): string | null {
  let key = "";
  let i = 0;
  while (i < formula.length) {
    const char = formula[i];
    if (char === '"' || char === "'") {
      // A string literal or a quoted sheet name; the quote doubled inside is an escaped quote.
      let end = i + 1;
      while (end < formula.length && !(formula[end] === char && formula[end + 1] !== char))
        end += formula[end] === char ? 2 : 1;
      key += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === "[") {
      const end = formula.indexOf("]", i);
      if (end < 0) return null;
      key += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(formula)?.[0];
    if (word === undefined) {
      key += char;
      i++;
      continue;
    }
    const previous = formula[i - 1];
    const next = formula[i + word.length];
    // A bare row number next to ":" is a whole-row reference (2:2), which a fill would move.
    if (/^\$?\d+$/.test(word) && (next === ":" || previous === ":")) return null;
    const reference = REFERENCE.exec(word);
    if (reference && next !== "(" && !reference[3]) {
      const offset = Number(reference[4]) - 1 - row;
      key += `${reference[1]}${reference[2]}{${offset}}`;
    } else key += word;
    i += word.length;
  }
  return key;
}

export interface FillRun {
  /** The rows filled: the first row holds the formulas, the others are filled from it. */
  range: CellRange;
}

/** Shortest run worth an autoFill: below this, writing the formulas costs about as much. */
const MIN_RUN_ROWS = 3;

/**
 * Rectangles of formula cells that are their first row filled down: runs of consecutive rows
 * with the same fill key in a column, merged across adjacent columns with the same rows.
 */
export function fillRuns(cells: { row: number; column: number; formula: string }[]): CellRange[] {
  const columns = new Map<number, { row: number; key: string | null }[]>();
  for (const { row, column, formula } of cells) {
    const list = columns.get(column) ?? [];
    list.push({ row, key: fillKey(formula, row) });
    columns.set(column, list);
  }
  const runs: CellRange[] = [];
  for (const [column, list] of columns) {
    list.sort((a, b) => a.row - b.row);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      const continues =
        i < list.length &&
        list[i].key !== null &&
        list[i].key === list[start].key &&
        list[i].row === list[i - 1].row + 1;
      if (continues) continue;
      if (i - start >= MIN_RUN_ROWS && list[start].key !== null)
        runs.push({
          startRow: list[start].row,
          startColumn: column,
          endRow: list[i - 1].row,
          endColumn: column,
        });
      start = i;
    }
  }
  runs.sort(
    (a, b) => a.startRow - b.startRow || a.endRow - b.endRow || a.startColumn - b.startColumn
  );
  const merged: CellRange[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.startRow === run.startRow &&
      last.endRow === run.endRow &&
      last.endColumn === run.startColumn - 1
    )
      last.endColumn = run.endColumn;
    else merged.push({ ...run });
  }
  return merged;
}
