import type { MemoryWorkbook, ShownValue } from "../../src/hosts/memory";
import type { Plan } from "../../src/okr/model";
import { progress } from "../../src/okr/scoring";
import { summarize } from "../../src/okr/summary";
import { STATUS, type Status } from "../../src/okr/thresholds";
import { KEY_RESULT_HEADERS, OBJECTIVE_HEADERS } from "../../src/sheets/layout";
import type { CellContent, CellRange, SheetSnapshot, WorkbookSpec } from "../../src/sheets/spec";
import type { OfficeStandInControl } from "./officeStandIn";
import { gridOf } from "./snapshotGrid";

/*
 * The browser test's insert, recalculated: what the fake Excel holds after the pane's insert
 * (each cell's constant or formula, the tables, the defined names) is loaded into HyperFormula
 * through the memory host, and the Scorecard's numbers as its formulas give them are set beside
 * the numbers the engine (src/okr) computes for the same plan. The fake computes nothing, so
 * without this the test proves where formulas went, not what they give.
 */

/** A cell as the page sends it: its position (0-based row and column), constant and formula. */
type FakeCell = [
  row: number,
  column: number,
  value: string | number | boolean | null,
  formula: string | null,
];

/** What the fake Excel holds, as plain data that crosses from the page to the test. */
export interface FakeWorkbookState {
  sheets: { name: string; cells: FakeCell[] }[];
  tables: { name: string; sheet: string; range: CellRange; style: string | null }[];
  names: { name: string; formula: string }[];
}

/**
 * Runs in the page (`page.evaluate(readFakeWorkbook)`): Playwright sends its source, so it uses
 * nothing from outside its body. The fake's cells are a Map; the rest is copied field by field.
 */
export function readFakeWorkbook(): FakeWorkbookState {
  const { fake } = (window as unknown as { okrExcel: OfficeStandInControl }).okrExcel;
  return {
    sheets: fake.sheets.map((sheet) => ({
      name: sheet.name,
      cells: [...sheet.cells].map(([position, cell]): FakeCell => {
        const [row, column] = position.split(",").map(Number);
        return [row, column, cell.value, cell.formula];
      }),
    })),
    tables: fake.tables.map(({ name, sheet, range, style }) => ({ name, sheet, range, style })),
    names: fake.names.map(({ name, formula }) => ({ name, formula })),
  };
}

function content(value: FakeCell[2], formula: FakeCell[3]): CellContent | null {
  if (formula !== null) return { kind: "formula", formula };
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  return null;
}

/** The fake's workbook as a spec the memory host loads: every sheet, its cells, tables and names. */
export function specOfFake(state: FakeWorkbookState): WorkbookSpec {
  return {
    style: "portable",
    sheets: state.sheets.map((sheet) => ({
      name: sheet.name,
      cells: sheet.cells.flatMap(([row, column, value, formula]) => {
        const written = content(value, formula);
        // Format-only cells hold nothing to calculate.
        return written === null ? [] : [{ row, column, content: written }];
      }),
      columns: [],
      frozenRows: 0,
      tables: state.tables
        .filter((table) => table.sheet === sheet.name)
        .map(({ name, range, style }) => ({ name, range, style: style ?? "" })),
      validations: [],
      conditionalFormats: [],
      merges: [],
      print: { landscape: false, fitToWidth: false },
    })),
    names: state.names,
    styles: {},
  };
}

/** What a Scorecard shows: "" (an empty result) is null, as the engine says "nothing yet". */
type Shown = Exclude<ShownValue, ""> | null;

export interface ScorecardNumbers {
  overall: { score: Shown; health: Shown };
  /** The key results per status, as the Scorecard's COUNTIF cells count them. */
  counts: Record<Status, Shown>;
  keyResults: { id: Shown; progress: Shown; score: Shown; status: Shown }[];
  objectives: { id: Shown; score: Shown; status: Shown }[];
}

const COUNTED: readonly Status[] = [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending];

function sheetOf(workbook: MemoryWorkbook, name: string): SheetSnapshot {
  const sheet = workbook.snapshot().sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A sheet snapshot's cells by absolute position, its labels and its tables. */
function cellsOf(snapshotSheet: SheetSnapshot) {
  const sheet = gridOf(snapshotSheet);
  const at = (row: number, column: number): Shown => {
    const value = sheet.values[row - sheet.origin.row]?.[column - sheet.origin.column] ?? null;
    return value === "" ? null : value;
  };
  const rows = Array.from({ length: sheet.values.length }, (_, r) => r + sheet.origin.row);
  const columns = Array.from(
    { length: sheet.values[0]?.length ?? 0 },
    (_, c) => c + sheet.origin.column
  );
  /** The first cell holding `text`, in `row` when given. */
  const find = (text: string, row?: number) => {
    for (const r of row === undefined ? rows : [row])
      for (const c of columns) if (at(r, c) === text) return { row: r, column: c };
    throw new Error(`${sheet.name} has no cell "${text}"`);
  };
  /** The row holding every one of `headers`: header → column, and its rows down to an empty ID. */
  const table = (headers: readonly string[]) => {
    const row = rows.find((r) =>
      headers.every((header) => columns.some((c) => at(r, c) === header))
    );
    if (row === undefined) throw new Error(`${sheet.name} has no header row ${headers.join(", ")}`);
    const column = (header: string) => columns.find((c) => at(row, c) === header)!;
    const body: number[] = [];
    for (let r = row + 1; at(r, column("ID")) !== null; r++) body.push(r);
    return { column, body };
  };
  return { at, find, table };
}

/**
 * The Scorecard's numbers as its formulas give them: found by their labels and headers (the
 * layout's), so the check does not depend on the builder's row arithmetic.
 */
export function scorecardShown(workbook: MemoryWorkbook, sheetName: string): ScorecardNumbers {
  const { at, find, table } = cellsOf(sheetOf(workbook, sheetName));
  const right = (label: string, row?: number) => {
    const cell = find(label, row);
    return at(cell.row, cell.column + 1);
  };
  const overallRow = find("Overall score").row;
  const keyResults = table(KEY_RESULT_HEADERS);
  const objectives = table(OBJECTIVE_HEADERS);
  return {
    overall: { score: right("Overall score"), health: right("Health", overallRow) },
    counts: Object.fromEntries(COUNTED.map((label) => [label, right(label, overallRow)])) as Record<
      Status,
      Shown
    >,
    keyResults: keyResults.body.map((row) => ({
      id: at(row, keyResults.column("ID")),
      progress: at(row, keyResults.column("Progress")),
      score: at(row, keyResults.column("Score")),
      status: at(row, keyResults.column("Status")),
    })),
    objectives: objectives.body.map((row) => ({
      id: at(row, objectives.column("ID")),
      score: at(row, objectives.column("Score")),
      status: at(row, objectives.column("Status")),
    })),
  };
}

/**
 * Types a value into a key result's Current cell on the Scorecard, over its formula, as the
 * workbook's own instructions allow; HyperFormula recalculates what depends on it.
 */
export function typeCurrent(
  workbook: MemoryWorkbook,
  sheetName: string,
  id: string,
  value: number
): void {
  const { at, table } = cellsOf(sheetOf(workbook, sheetName));
  const { column, body } = table(KEY_RESULT_HEADERS);
  const row = body.find((r) => at(r, column("ID")) === id);
  if (row === undefined) throw new Error(`${sheetName} has no key result ${id}`);
  const sheet = workbook.engine.getSheetId(sheetName)!;
  workbook.engine.setCellContents({ sheet, row, col: column("Current") }, value);
}

/**
 * The same numbers as the engine computes them for `plan`: summarize (src/okr/summary.ts) for the
 * scores, statuses, grades and health, progress (src/okr/scoring.ts) for the unclamped progress.
 */
export function scorecardComputed(plan: Plan): ScorecardNumbers {
  const summary = summarize({
    plan,
    lookedFor: [],
    locations: { plan: {}, objectives: {}, keyResults: {} },
    recorded: {},
    checkIns: [],
  })!;
  const keyResults = plan.objectives.flatMap((objective) => objective.keyResults);
  return {
    overall: { score: summary.overall.score, health: summary.overall.health },
    counts: Object.fromEntries(COUNTED.map((label) => [label, summary.counts[label]])) as Record<
      Status,
      Shown
    >,
    keyResults: summary.keyResults.map((kr, index) => {
      const { baseline, target, current, type } = keyResults[index];
      return {
        id: kr.id,
        progress: progress(baseline, target, current, type),
        score: kr.score,
        status: kr.status,
      };
    }),
    objectives: summary.objectives.map((objective) => ({
      id: objective.id,
      score: objective.score,
      status: objective.status,
    })),
  };
}

/** `numbers` with each number an expect.closeTo: HyperFormula and the engine round differently. */
export function closeTo<T>(numbers: T, digits = 9): T {
  if (typeof numbers === "number") return expect.closeTo(numbers, digits) as T;
  if (Array.isArray(numbers)) return numbers.map((item) => closeTo(item, digits)) as T;
  if (numbers !== null && typeof numbers === "object")
    return Object.fromEntries(
      Object.entries(numbers).map(([key, item]) => [key, closeTo(item, digits)])
    ) as T;
  return numbers;
}

/** `plan` with these current values (in the key results' units, by id); the others unchanged. */
export function withCurrents(plan: Plan, currents: Record<string, number>): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map((objective) => ({
      ...objective,
      keyResults: objective.keyResults.map((kr) =>
        kr.id in currents ? { ...kr, current: currents[kr.id] } : kr
      ),
    })),
  };
}
