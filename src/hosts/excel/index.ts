/**
 * The Office.js host: writes a workbook spec into the open workbook and reads it back. I/O only;
 * everything about OKRs is decided by the spec.
 */
export {
  appendCheckIn,
  MAX_CHECK_IN_SYNCS,
  newCheckInId,
  type AppendCheckInOptions,
  type AppendCheckInResult,
  type CheckInRecord,
  type CheckInValue,
} from "./checkIn";
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
  assertSupported,
  CHECK_IN_REQUIREMENTS,
  officeRequirements,
  requirementsOf,
  REQUIREMENTS,
  TABLE_RESIZE,
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
