import {
  aggregate,
  broadcast,
  type CellConvention,
  gradeOfRanges,
  resultError,
  type ResultErrorCode,
} from "../../functions/broadcast";
import {
  FUNCTION_DESCRIPTIONS,
  functionNameOf,
  type FunctionId,
} from "../../functions/descriptions";
import { ERROR_CODES, type ErrorCode } from "../../okr/errors";
import {
  health as healthOf,
  pace as paceOf,
  progress as progressOf,
  score as scoreOf,
  status as statusOf,
} from "../../okr/scoring";
import { isEmpty } from "../../okr/values";

/*
 * The OKR_* custom functions of Google Sheets: the engine and the range broadcasting of the Excel
 * functions (src/functions/broadcast.ts), behind Apps Script's calling convention. Apps Script
 * passes a single cell as a scalar and a range as a 2-D array (empty cells as ""), an omitted
 * argument as undefined, and a date or time cell as a Date. A custom function cannot return an
 * error value for one cell of an array (https://developers.google.com/apps-script/guides/sheets/functions),
 * so an error is shown in one of two ways, the same for every function:
 * - a one-cell result throws an Error whose message is "<code> <reason>": Sheets shows #ERROR!
 *   with that message when the pointer rests on the cell;
 * - in a spilled result, the cell holds the text "<code> <reason>" and the other cells compute.
 * The code is the one Excel shows (resultError: #REF! and #NAME? become #VALUE!), and the reason
 * is always given, even where Excel shows #NUM! or #DIV/0! bare.
 */

/** How dates arrive and what today is, in the spreadsheet's time zone (index.ts asks Apps Script). */
export interface SheetsCalendar {
  /** The serial number (days since 1899-12-30, with the time as a fraction) of the wall-clock
   * date and time a Date shows in the spreadsheet. */
  serial(date: Date): number;
  /** Today's serial day in the spreadsheet's time zone. */
  today(): number;
}

/** An error for one result cell, until the result is shaped for Sheets (see shown). */
class CellFailure {
  constructor(
    readonly code: ResultErrorCode,
    readonly reason: string
  ) {}

  get text(): string {
    return `${this.code} ${this.reason}`;
  }
}

// Sheets' own error for a formula it cannot evaluate, and for a custom function that threw.
const SHEETS_ERROR = "#ERROR!";
const ERROR_TEXT = /^(#[A-Z/0]+[!?A]?)(?:\s|$)/;

/**
 * The code of an error arriving as input, or null. How Apps Script hands a custom function a
 * cell showing an error is not documented; a string that is an error code ("#N/A"), or starts
 * with one followed by a space (the text of a spilled error from another OKR_ function), is
 * taken for one, so that errors pass through to the cell they concern, as in Excel.
 */
function inputErrorCode(value: unknown): ErrorCode | null {
  if (typeof value !== "string" || !value.startsWith("#")) return null;
  const match = ERROR_TEXT.exec(value);
  if (!match) return null;
  if (match[1] === SHEETS_ERROR) return "#VALUE!";
  return (ERROR_CODES as readonly string[]).includes(match[1]) ? (match[1] as ErrorCode) : null;
}

const SHEETS: CellConvention<CellFailure> = {
  errorCodeOf: inputErrorCode,
  error: (code, message) => {
    const shown = resultError(code, message);
    return new CellFailure(shown.code, shown.message ?? message);
  },
};

// By its tag, not instanceof: a Date from another realm (another script's) is a date too.
const isDate = (value: unknown): value is Date =>
  typeof value === "object" &&
  value !== null &&
  Object.prototype.toString.call(value) === "[object Date]";

/** A cell value as the engine reads it: a valid Date becomes its serial number. */
function cellValue(value: unknown, calendar: SheetsCalendar): unknown {
  return isDate(value) && !Number.isNaN(value.getTime()) ? calendar.serial(value) : value;
}

/** A row with its dates read; the row itself when it holds none (a column can be 10⁶ rows). */
function rowValues(row: unknown[], calendar: SheetsCalendar): unknown[] {
  let copy: unknown[] | null = null;
  for (let c = 0; c < row.length; c++) {
    if (!isDate(row[c])) continue;
    copy = copy ?? row.slice();
    copy[c] = cellValue(row[c], calendar);
  }
  return copy ?? row;
}

/** An argument as the engine's broadcasting reads it, dates read; undefined stays omitted. */
function argumentValue(argument: unknown, calendar: SheetsCalendar): unknown {
  if (!Array.isArray(argument)) return cellValue(argument, calendar);
  let copy: unknown[] | null = null;
  for (let r = 0; r < argument.length; r++) {
    const row: unknown = argument[r];
    const read = Array.isArray(row) ? rowValues(row, calendar) : cellValue(row, calendar);
    if (read === row) continue;
    copy = copy ?? argument.slice();
    copy[r] = read;
  }
  return copy ?? argument;
}

type Outcome = number | string | CellFailure;

/** A result as Sheets takes it: a scalar or a thrown Error for one cell, a 2-D array for more. */
function shown(result: Outcome | Outcome[][]): number | string | (number | string)[][] {
  const single = Array.isArray(result)
    ? result.length === 1 && result[0].length === 1
      ? result[0][0]
      : null
    : result;
  if (single !== null) {
    if (single instanceof CellFailure) throw new Error(single.text);
    return single;
  }
  // In place: the grid is the broadcasting's own, and a column can be 10⁶ rows.
  const grid = result as Outcome[][];
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell instanceof CellFailure) row[c] = cell.text;
    }
  }
  return grid as (number | string)[][];
}

/** The arguments each function takes, from its description (the source of the Excel JSDoc too). */
export function argumentsOf(id: FunctionId): { name: string; optional: boolean }[] {
  const description = FUNCTION_DESCRIPTIONS.find((fn) => fn.id === id);
  return (description?.arguments ?? []).map((argument) => ({
    name: argument.name,
    optional: argument.optional === true,
  }));
}

/** The Sheets name of a function: OKR_SCORE (Apps Script names cannot contain a dot). */
export const sheetsName = (id: FunctionId) => functionNameOf(id, "sheets");

function checkCount(id: FunctionId, count: number): void {
  const names = argumentsOf(id);
  const required = names.filter((argument) => !argument.optional).length;
  if (count < required || count > names.length) {
    const takes = required === names.length ? `${required}` : `${required} to ${names.length}`;
    throw new CellFailure(
      "#VALUE!",
      `${sheetsName(id)} takes ${takes} arguments (${names.map((a) => a.name).join(", ")}); got ${count}`
    );
  }
}

type Compute = (args: unknown[], calendar: SheetsCalendar) => Outcome | Outcome[][];

const named = (id: FunctionId, args: unknown[]) =>
  argumentsOf(id).map(({ name }, index) => [name, args[index]] as const);

const COMPUTE: Record<FunctionId, Compute> = {
  SCORE: (args) => broadcast(named("SCORE", args), scoreOf, SHEETS),
  PROGRESS: (args) => broadcast(named("PROGRESS", args), progressOf, SHEETS),
  STATUS: (args) => broadcast(named("STATUS", args), statusOf, SHEETS),
  HEALTH: (args) => broadcast(named("HEALTH", args), healthOf, SHEETS),
  // Weights left out weigh each score 1; an empty cell given as weights is weights, as in Excel.
  GRADE: (args) =>
    aggregate(
      named("GRADE", args),
      (scoreCells, weightCells) =>
        gradeOfRanges(
          scoreCells,
          args[1] === undefined || args[1] === null ? undefined : weightCells
        ),
      SHEETS
    ),
  // An empty as_of is today in the spreadsheet's time zone, not in the script's.
  PACE: (args, calendar) =>
    broadcast(
      named("PACE", args),
      (baseline, target, actual, start, end, asOf, type) =>
        paceOf(baseline, target, actual, start, end, isEmpty(asOf) ? calendar.today() : asOf, type),
      SHEETS
    ),
};

/**
 * The custom function `id` as Apps Script calls it. Whatever it is given, it returns a value or a
 * 2-D array, or throws an Error whose message names the Excel code and the reason; never another
 * kind of exception.
 */
export function customFunction(
  id: FunctionId,
  calendar: SheetsCalendar
): (...args: unknown[]) => number | string | (number | string)[][] {
  return (...args: unknown[]) => {
    let result: Outcome | Outcome[][];
    try {
      checkCount(id, args.length);
      result = COMPUTE[id](
        args.map((argument) => argumentValue(argument, calendar)),
        calendar
      );
    } catch (error) {
      // Not expected beyond checkCount: the engine reports bad input as OkrError, which the
      // broadcasting turns into cells. Still, Sheets never shows a TypeError.
      const failure =
        error instanceof CellFailure
          ? error
          : new CellFailure("#VALUE!", `could not compute: ${reasonOf(error)}`);
      throw new Error(failure.text);
    }
    return shown(result);
  };
}

/** An unexpected exception's message, whatever was thrown. */
function reasonOf(error: unknown): string {
  try {
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === "string" ? message : String(error);
  } catch {
    return "an unexpected error";
  }
}

/** What the build needs to declare each function at the top level of the script, with its JSDoc. */
export interface CustomFunctionDeclaration {
  name: string;
  summary: string;
  parameters: { name: string; optional: boolean; description: string }[];
  returns: string;
}

/**
 * The JSDoc of each custom function, from the descriptions the Excel JSDoc is checked against (an
 * argument's Sheets text where it has one: see docs/google-sheets.md).
 */
export function declarations(): CustomFunctionDeclaration[] {
  return FUNCTION_DESCRIPTIONS.map((fn) => ({
    name: sheetsName(fn.id),
    summary: fn.summary,
    parameters: fn.arguments.map((argument) => ({
      name: argument.name,
      optional: argument.optional === true,
      description: argument.sheets?.param ?? argument.param,
    })),
    returns: fn.returns,
  }));
}
