/**
 * The memory host: evaluates a WorkbookSpec with HyperFormula, the OKR.* functions included. For
 * tests and tools only: HyperFormula is GPL-v3 or commercial and stays out of shipped bundles.
 */
export {
  EXCEL_LIKE_CONFIG,
  evaluateWorkbook,
  loadWorkbook,
  type MemoryChart,
  type MemoryHostOptions,
  type MemoryWorkbook,
  type ShownValue,
} from "./workbook";
export {
  HYPERFORMULA_CELLS,
  OKR_FUNCTIONS,
  OKR_FUNCTION_TRANSLATIONS,
  okrFunctionName,
  okrFunctionPlugin,
  registerOkrFunctionNames,
  type OkrFunctionId,
  type OkrFunctionOptions,
} from "./okrFunctions";
