import type { Objective, Plan, PlanStatus } from "../../okr/model";
import { PLAN_STATUSES, planStatusNamed } from "../../okr/model";
import { layoutMark, SHEETS } from "../layout";
import type { SheetSnapshot, WorkbookSnapshot } from "../spec";
import { Grid } from "./cells";
import { readCheckIns } from "./checkIns";
import { FIELDS, LOOKED_FOR } from "./fields";
import { isPlanSheet, type PlanHeader, readLabels } from "./header";
import { Reader } from "./keyResults";
import type { CellLocation, ReadResult } from "./result";
import { findTables, type Table } from "./tables";

/** readPlan: the tables found on every sheet, read into a plan with its locations. */

function emptyResult(): ReadResult {
  return {
    plan: null,
    found: [],
    locations: { plan: {}, objectives: {}, keyResults: {} },
    recorded: {},
    objectiveErrors: {},
    checkIns: [],
    problems: [],
    lookedFor: [...LOOKED_FOR],
  };
}

/** Reads the plan a workbook holds. Total: any snapshot gives a result, never an exception. */
export function readPlan(snapshot: WorkbookSnapshot): ReadResult {
  try {
    return read(snapshot);
  } catch (error) {
    // Every path above is meant to be total; this keeps a reader bug from failing a lint run.
    const result = emptyResult();
    result.problems.push({
      location: null,
      message: `the workbook could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
    return result;
  }
}

function read(snapshot: WorkbookSnapshot): ReadResult {
  const result = emptyResult();
  const sheets: SheetSnapshot[] = Array.isArray(snapshot?.sheets) ? snapshot.sheets : [];
  const grids = sheets.map((sheet, index) => new Grid(sheet, index));
  const tables = grids.map(findTables);
  // Every table found stays in `occupied` (readLabels), even one not read as the plan's.
  const found = tables.map((list) => [...list]);
  if (reportsOnly(snapshot, grids, tables))
    grids.forEach((grid, index) => {
      if (REPORT_SHEETS.has(grid.name.toLowerCase()))
        tables[index] = tables[index].filter(
          (table) => table.kind !== "keyResults" && table.kind !== "objectives"
        );
    });
  const all = tables.flat();
  for (const table of all) {
    const definitions = FIELDS[table.kind];
    const columns: Record<string, string> = {};
    for (const definition of definitions) {
      const column = table.columns.get(definition.field);
      if (column !== undefined) columns[definition.header] = table.grid.columnLetter(column);
    }
    result.found.push({
      sheet: table.grid.name,
      table: table.kind,
      headerRow: table.grid.location(table.headerRow, Math.min(...table.columns.values())),
      columns,
    });
  }

  const reader = new Reader();
  // The log is read first (a Current showing an error is read from it); its problems are told
  // after the key results', in the order of the sheets.
  const logProblems: [CellLocation | null, string][] = [];
  result.checkIns = readCheckIns(
    all.filter((table) => table.kind === "checkIns"),
    (location, message) => logProblems.push([location, message])
  );
  reader.checkIns = result.checkIns;
  for (const table of all) if (table.kind === "objectives") reader.readObjectives(table);
  for (const table of all) if (table.kind === "keyResults") reader.readKeyResults(table);
  reader.orderObjectives();
  for (const [location, message] of logProblems) reader.problem(location, message);

  // The plan header: the OKR Plan sheet first, then any other sheet's label cells.
  const header: PlanHeader = { values: {}, locations: {}, alignment: {} };
  const order = grids
    .map((grid, index) => ({ grid, index }))
    .sort((a, b) => Number(isPlanSheet(b.grid.name)) - Number(isPlanSheet(a.grid.name)));
  for (const { grid, index } of order) {
    const occupied = new Set<number>();
    for (const table of found[index]) {
      occupied.add(table.headerRow);
      for (const row of table.rows) occupied.add(row);
    }
    readLabels(grid, occupied, header);
  }
  result.locations.plan = header.locations;

  const hasPlan = all.some((table) => table.kind === "keyResults" || table.kind === "objectives");
  if (hasPlan) {
    result.plan = assemble(reader, header, result);
  }
  result.problems = reader.problems;
  // Cells the host could not read (a value of a kind it does not know): said, never dropped
  // silently (OKR019).
  sheets.forEach((sheet, index) => {
    for (const { row, column } of sheet.unreadable ?? [])
      result.problems.push({
        location: grids[index].location(row, column),
        message:
          "a value of a kind okr cannot read (not a number, text, a boolean, a date or an error): what it says is not read",
      });
  });
  return result;
}

/** The sheets the layout builds for tables other than the plan's, as Excel compares names. */
const REPORT_SHEETS: ReadonlySet<string> = new Set(
  [SHEETS.dashboard, SHEETS.review, SHEETS.checkIns].map((name) => name.toLowerCase())
);

/**
 * In a workbook with OKR Studio's mark where a key-result table is on a sheet other than the
 * Dashboard, Monthly Review and Check-ins (the Scorecard, also when renamed), a key-result or
 * objective table on those three sheets (names compared case-insensitively, as Excel does) is not
 * read as the plan's: a report table that has lost columns (a Dashboard or Monthly Review column
 * deleted) no longer has a report's headers and looks like a key-result table. Tables on every
 * other sheet (a person's own sheet) are read as before. False for a workbook without the mark,
 * whose every sheet is read as before.
 */
function reportsOnly(
  snapshot: WorkbookSnapshot,
  grids: readonly Grid[],
  tables: readonly (readonly Table[])[]
): boolean {
  if (!Array.isArray(snapshot?.names) || layoutMark(snapshot.names) === null) return false;
  return grids.some(
    (grid, index) =>
      !REPORT_SHEETS.has(grid.name.toLowerCase()) &&
      tables[index].some((table) => table.kind === "keyResults")
  );
}

/** Gives ids to what the sheet left without one, then builds the plan and its locations. */
function assemble(reader: Reader, header: PlanHeader, result: ReadResult): Plan {
  const taken = new Set<string>();
  for (const objective of reader.objectives) {
    if (objective.id !== null) taken.add(objective.id);
    for (const draft of objective.keyResults) if (draft.id !== null) taken.add(draft.id);
  }
  const fresh = (make: (n: number) => string, from: number): string => {
    let n = from;
    while (taken.has(make(n))) n++;
    taken.add(make(n));
    return make(n);
  };
  reader.objectives.forEach((objective, index) => {
    objective.id ??= fresh((n) => `O${n}`, index + 1);
    const objectiveId = objective.id;
    objective.keyResults.forEach((draft, position) => {
      draft.id ??= fresh((n) => `${objectiveId}.KR${n}`, position + 1);
      draft.keyResult.id = draft.id;
    });
  });

  const objectives: Objective[] = reader.objectives.map((draft) => {
    const id = draft.id!;
    if (!(id in result.locations.objectives) && draft.row !== null) {
      result.locations.objectives[id] = { row: draft.row, fields: draft.fields };
    }
    for (const kr of draft.keyResults) {
      if (!(kr.keyResult.id in result.locations.keyResults)) {
        result.locations.keyResults[kr.keyResult.id] = kr.locations;
        result.recorded[kr.keyResult.id] = kr.recorded;
      }
    }
    const objective: Objective = {
      id,
      title: draft.title,
      owner: draft.owner,
      timeline: draft.timeline,
      kind: draft.kind,
      notes: [],
      keyResults: draft.keyResults.map((kr) => kr.keyResult),
    };
    if (draft.recordedScore !== undefined) objective.recordedScore = draft.recordedScore;
    if (draft.scoreError !== undefined && !(id in result.objectiveErrors))
      result.objectiveErrors[id] = draft.scoreError;
    return objective;
  });

  const statusText = header.values.status ?? "";
  let status: PlanStatus = "Draft";
  if (statusText !== "") {
    const read = planStatusNamed(statusText);
    if (read === null) {
      reader.problem(
        header.locations.status ?? null,
        `status "${statusText}" is not one of ${PLAN_STATUSES.join(", ")}; Draft is used`
      );
    }
    status = read ?? "Draft";
  }
  const { company, businessUnit, project } = header.alignment;
  return {
    project: header.values.project ?? "",
    period: header.values.period ?? "",
    owner: header.values.owner ?? "",
    contributors: (header.values.contributors ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
    status,
    alignment:
      company !== undefined || businessUnit !== undefined || project !== undefined
        ? { company: company ?? "", businessUnit: businessUnit ?? "", project: project ?? "" }
        : null,
    objectives,
  };
}
