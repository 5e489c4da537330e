import { MILESTONE_DONE_WORDS, MILESTONE_NOT_DONE_WORDS } from "../../okr/thresholds";
import type { SheetSnapshot } from "../spec";
import { cellAddress, columnLetter } from "../spec";
import type { CellLocation } from "./result";

/** What a cell shows, as the reader takes it: a finite number, text, a boolean, or null (empty). */
export type Cell = string | number | boolean | null;

/** Excel's grid: a snapshot's cells outside it are not read. */
const GRID = { rows: 1_048_576, columns: 16_384 };

/** One cell present, with what the reader takes its value and formula to be. */
export interface GridCell {
  column: number;
  value: Cell;
  formula: string | null;
}

interface GridRow {
  row: number;
  /** In column order, each column once. */
  cells: GridCell[];
}

/**
 * One sheet of a snapshot as the reader walks it: the rows present, in order, each with its cells
 * present, in column order. Built in time and memory proportional to the cells the snapshot
 * holds, never to the sheet's bounding box; a cell absent is empty. Rows and columns are 0-based
 * and absolute. Total: whatever the snapshot holds, malformed rows and cells are left out.
 */
export class Grid {
  readonly name: string;
  /** The rows that hold at least one cell, in order. */
  readonly rows: readonly GridRow[];
  private readonly byRow = new Map<number, GridRow>();

  constructor(sheet: SheetSnapshot, index: number) {
    this.name = typeof sheet?.name === "string" ? sheet.name : `Sheet${index + 1}`;
    const placed: (GridCell & { row: number })[] = [];
    let ordered = true;
    const rows: unknown = sheet?.rows;
    for (const line of Array.isArray(rows) ? (rows as unknown[]) : []) {
      const row: unknown = (line as { row?: unknown } | null)?.row;
      const cells: unknown = (line as { cells?: unknown } | null)?.cells;
      if (!inGrid(row, GRID.rows) || !Array.isArray(cells)) continue;
      for (const cell of cells as unknown[]) {
        const column: unknown = (cell as { column?: unknown } | null)?.column;
        if (!inGrid(column, GRID.columns)) continue;
        const value = cellValue((cell as { value?: unknown }).value);
        const formula = cellFormula((cell as { formula?: unknown }).formula);
        if (value === null && formula === null) continue;
        const last = placed[placed.length - 1];
        if (last !== undefined && (last.row > row || (last.row === row && last.column >= column)))
          ordered = false;
        placed.push({ row, column, value, formula });
      }
    }
    // Producers give rows and cells in order already; a hand-made snapshot may not.
    if (!ordered) placed.sort((a, b) => a.row - b.row || a.column - b.column);
    const lines: GridRow[] = [];
    for (const { row, column, value, formula } of placed) {
      let current = lines[lines.length - 1];
      if (current === undefined || current.row !== row) {
        current = { row, cells: [] };
        lines.push(current);
        this.byRow.set(row, current);
      } else if (current.cells[current.cells.length - 1].column === column) continue;
      current.cells.push({ column, value, formula });
    }
    this.rows = lines;
  }

  /** The cells present on a row, in column order (none for an empty row). */
  cells(row: number): readonly GridCell[] {
    return this.byRow.get(row)?.cells ?? [];
  }

  private cell(row: number, column: number): GridCell | null {
    const cells = this.byRow.get(row)?.cells;
    if (cells === undefined) return null;
    let low = 0;
    let high = cells.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = cells[middle].column;
      if (found === column) return cells[middle];
      if (found < column) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }

  value(row: number, column: number): Cell {
    return this.cell(row, column)?.value ?? null;
  }

  formula(row: number, column: number): string | null {
    return this.cell(row, column)?.formula ?? null;
  }

  location(row: number, column: number): CellLocation {
    return { sheet: this.name, address: cellAddress(row, column) };
  }

  columnLetter(column: number): string {
    return columnLetter(column);
  }
}

function inGrid(value: unknown, size: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < size;
}

function cellValue(value: unknown): Cell {
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  return null;
}

function cellFormula(formula: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") ? formula : null;
}

export function isBlank(value: Cell): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}

export const ERROR_VALUE =
  /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!?)$/i;

export function isErrorValue(value: Cell): value is string {
  return typeof value === "string" && ERROR_VALUE.test(value.trim());
}

/** What a cell shows, as text: numbers in General format, booleans as TRUE/FALSE. */
export function textOf(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(Number(value.toPrecision(15)));
  return value.trim();
}

/**
 * A row that heads the key results below it, in the key-result column with nothing else on the
 * row: "Objective: Grow usage", "Objective 2 - Grow usage", "Growth Objective - Find our first
 * users" (a team's name before the word).
 */
export const OBJECTIVE_ROW =
  /^(?:[A-Z][\w&/.+-]*(?:\s+[A-Z][\w&/.+-]*){0,2}\s+)?(?:objective|obj)(?:\s*#?\d+)?\s*(?::|[-–—](?=\s))\s*(\S.*)$/i;
/**
 * A numbered heading, when nothing else is on its row: "1 Finish the base cluster", "O2 Grow
 * usage", "3) Ship it". Its number is numbering, not a target.
 */
export const NUMBERED_HEADING = /^(?:\d{1,2}[.)]?|O\d{1,2}[.:)]?)\s+(\S.*\S)$/;
/** A label that groups the rows below it ("Generate 3 guides:", "*Not likely to get done:*"). */
export const GROUP_LABEL = /:\s*$/;

/** The heading a key-result cell holds when nothing else is on its row, or null. */
export function headingOf(text: string): string | null {
  const named = OBJECTIVE_ROW.exec(text);
  if (named) return named[1].trim();
  const numbered = NUMBERED_HEADING.exec(text);
  return numbered && !GROUP_LABEL.test(numbered[1]) ? numbered[1].trim() : null;
}

/** A status cell that carries the score as a percentage: "🟨 66%", "Green (80%)". */
export const STATUS_WITH_SCORE = /(?:^|[\s(])(\d{1,3}(?:\.\d+)?)\s*%\)?\s*$/;

/** Text with the emphasis marks a markdown export leaves around it taken off. */
export function withoutEmphasis(text: string): string {
  return text.replace(/^[*_\s]+|[*_\s]+$/g, "");
}

const DONE = new Set<string>(MILESTONE_DONE_WORDS);
const NOT_DONE = new Set<string>(MILESTONE_NOT_DONE_WORDS);

/** A milestone's state in words: "Done" → true, "not done" → false, anything else null. */
export function doneOrNot(text: string): boolean | null {
  const word = text.trim().toLowerCase().replace(/\s+/g, " ");
  return DONE.has(word) ? true : NOT_DONE.has(word) ? false : null;
}
