/**
 * The Office.js host: writes a workbook spec into the open workbook and reads it back. I/O only;
 * everything about OKRs is decided by the spec.
 */
export {
  ACTION_BYTES,
  cellText,
  columnWidthPoints,
  insertWorkbook,
  WRITE_BUDGET_BYTES,
  type InsertOptions,
  type InsertResult,
} from "./insert";
export {
  planNames,
  rewriteFormula,
  uniqueName,
  uniqueSheetName,
  type NameMapping,
  type NamePlan,
} from "./names";
export {
  assertRequirements,
  officeRequirements,
  requirementsOf,
  REQUIREMENTS,
  type Requirement,
  type RequirementChecker,
} from "./requirements";
export {
  READ_CELL_BUDGET,
  readSnapshot,
  readWorkbook,
  select,
  type CellLocation,
  type ReadResult,
} from "./snapshot";
export { validateWorkbook } from "./validate";
