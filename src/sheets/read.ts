/**
 * Reading a plan back from a workbook snapshot: the OKR tables are found by their header rows,
 * anywhere on any sheet, whether OKR Studio made them or a person typed them. The reader lives in
 * ./read/, one module per seam:
 *
 * - `result.ts`: what `readPlan` returns (the plan, where each field lives, what the sheet records);
 * - `fields.ts`: each table's fields and the header spellings accepted for them;
 * - `cells.ts`: the sheet as the reader walks it (sparse: the cells present only) and what a cell's
 *   text says (blank, an error value, an objective heading, done or not done);
 * - `quantities.ts`: numbers in cells, with units and percentages;
 * - `tables.ts`: finding the tables by their header rows, and where each ends;
 * - `keyResults.ts`: the objective and key-result tables read into drafts of the plan;
 * - `checkIns.ts`: the check-in logs;
 * - `header.ts`: the plan header's label cells (Project, Period, Owner, …);
 * - `reader.ts`: `readPlan`, which puts them together.
 *
 * This module re-exports the public names, so importers name `src/sheets/read` only.
 */

/**
 * The builder's layout version and formula style, from a workbook's defined names. A snapshot
 * holds cells only, not names, so a host reads the names and passes them (issue 13).
 */
export { layoutMark, type LayoutMark } from "./layout";
export { readPlan } from "./read/reader";
export type {
  CellLocation,
  CheckIn,
  FoundTable,
  KeyResultField,
  KeyResultLocations,
  PlanField,
  ReadProblem,
  ReadResult,
  RecordedValues,
  TableKind,
} from "./read/result";
export { checkInHeaderColumns } from "./read/tables";
