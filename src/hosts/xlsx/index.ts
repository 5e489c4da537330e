/** The xlsx host: a WorkbookSpec written to an .xlsx file with ExcelJS, and read back. */
export { admitXlsx, XlsxLimitError } from "./admit";
export { xlsxFromSpec } from "./charts";
export { readXlsx, writeXlsx, XlsxFileError } from "./files";
export { fromFileFormula, toFileFormula } from "./formulas";
export { workbookFromSpec } from "./workbook";
export { definedNamesOf, type FileDefinedName, readXlsxNames } from "./names";
