import {
  type Alignment,
  type CellValue,
  type DataValidation,
  type Font,
  type Style,
  Workbook,
  type Worksheet,
} from "exceljs";
import {
  assertWritableSpec,
  cellAddress,
  type CellRange,
  type CellSpec,
  type CellStyle,
  type ConditionalFormatSpec,
  DEFAULT_DATE_FORMAT,
  rangeAddress,
  sheetReference,
  type SheetSpec,
  type TableSpec,
  type ValidationSpec,
  type WorkbookSpec,
} from "../../sheets/spec";
import { toFileFormula } from "./formulas";

/**
 * The xlsx host: a WorkbookSpec as an ExcelJS workbook, built in memory (no I/O). Every feature
 * of the spec is mapped; what ExcelJS would write as a damaged file (a table whose header cells
 * disagree with its columns, a value hidden under a merge, overlapping tables) is refused with an
 * error naming the sheet and cell, since it is a mistake in the spec, not in the user's data.
 */

/** Excel's default font, stated in full: a font with only `bold` set loses its size and face. */
const DEFAULT_FONT = { name: "Calibri", family: 2, size: 11 } as const;

function argb(color: string, where: string): string {
  if (!/^#[0-9A-Fa-f]{6}$/.test(color))
    throw new Error(`${where}: colour must be #RRGGBB, got ${color}`);
  return `FF${color.slice(1).toUpperCase()}`;
}

function excelStyle(style: CellStyle, where: string): Partial<Style> {
  const result: Partial<Style> = {};
  const font: Partial<Font> = { ...DEFAULT_FONT };
  if (style.bold) font.bold = true;
  if (style.italic) font.italic = true;
  if (style.fontSize !== undefined) font.size = style.fontSize;
  if (style.fontColor) font.color = { argb: argb(style.fontColor, where) };
  result.font = font;
  if (style.fill) {
    result.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill, where) } };
  }
  if (style.numberFormat) result.numFmt = style.numberFormat;
  if (style.horizontalAlignment || style.wrap) {
    const alignment: Partial<Alignment> = {};
    if (style.horizontalAlignment) alignment.horizontal = style.horizontalAlignment;
    if (style.wrap) alignment.wrapText = true;
    result.alignment = alignment;
  }
  return result;
}

/** The workbook's styles as ExcelJS styles, each built once and shared by its cells. */
class Styles {
  private readonly built = new Map<string, Partial<Style>>();

  constructor(private readonly spec: WorkbookSpec) {}

  get(key: string | undefined, isDate: boolean, where: string): Partial<Style> | undefined {
    const cacheKey = `${key ?? ""}\u0000${isDate}`;
    const cached = this.built.get(cacheKey);
    if (cached) return cached;
    let style: Partial<Style> | undefined;
    if (key !== undefined) {
      const declared = this.spec.styles[key];
      if (!declared) throw new Error(`${where}: unknown style "${key}"`);
      style = excelStyle(declared, `style "${key}"`);
    }
    if (isDate && !style?.numFmt) style = { ...style, numFmt: DEFAULT_DATE_FORMAT };
    if (style) this.built.set(cacheKey, style);
    return style;
  }
}

/**
 * What fileText escapes: see there. The underscore of `_xHHHH` is escaped when an underscore
 * follows it, or a character that is itself written as `_xHHHH_` (whose first underscore would
 * otherwise close the literal one: "_x4fa0" then a lone surrogate).
 */
const FILE_ESCAPED =
  // eslint-disable-next-line no-control-regex -- the control characters are what it finds
  /_(?=x[0-9A-Fa-f]{4}(?:_|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])))|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as an .xlsx part must hold it for Excel (and ExcelJS) to read back exactly that text.
 * OOXML strings (ST_Xstring) read `_xHHHH_` as the character U+HHHH, so a literal one in user
 * text ("code_x0041_") has its underscore written as `_x005F_`; and characters XML cannot carry
 * (controls other than tab and line feed, U+FFFE, U+FFFF, a lone surrogate) or that an XML
 * reader changes (a carriage return becomes a line feed) are written as `_xHHHH_` themselves,
 * as Excel writes them. ExcelJS would drop the controls and mangle lone surrogates. Tab and line
 * feed are written as they are: Office does not allow them escaped in element text (MS-OI29500).
 */
export function fileText(text: string): string {
  return text.replace(FILE_ESCAPED, (found) =>
    found === "_"
      ? "_x005F_"
      : `_x${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

function cellValue(cell: CellSpec, where: string): CellValue {
  const { content } = cell;
  switch (content.kind) {
    case "text":
      // ExcelJS writes a string as a string cell, never as a formula, so "=1+1" stays text.
      return fileText(content.text);
    case "number":
      if (!Number.isFinite(content.value))
        throw new Error(`${where}: ${content.value} is not a number a workbook can hold`);
      return content.value;
    case "boolean":
      return content.value;
    case "date":
      // The serial itself, shown with a date format: exactly what Excel stores for a date.
      if (!Number.isFinite(content.serial))
        throw new Error(`${where}: date serial ${content.serial} is not a number`);
      return content.serial;
    case "formula":
      // No cached result: Excel and LibreOffice compute every formula when they open the file.
      return { formula: toFileFormula(content.formula) } as CellValue;
  }
}

function inRange(range: CellRange, row: number, column: number): boolean {
  return (
    row >= range.startRow &&
    row <= range.endRow &&
    column >= range.startColumn &&
    column <= range.endColumn
  );
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return (
    a.startRow <= b.endRow &&
    b.startRow <= a.endRow &&
    a.startColumn <= b.endColumn &&
    b.startColumn <= a.endColumn
  );
}

function checkRange(range: CellRange, where: string): void {
  const valid =
    [range.startRow, range.startColumn, range.endRow, range.endColumn].every(
      (n) => Number.isInteger(n) && n >= 0
    ) &&
    range.endRow >= range.startRow &&
    range.endColumn >= range.startColumn;
  if (!valid) throw new Error(`${where}: invalid range ${JSON.stringify(range)}`);
}

function writeCells(worksheet: Worksheet, sheet: SheetSpec, styles: Styles): void {
  for (const cell of sheet.cells) {
    const where = `${sheet.name}!${cellAddress(cell.row, cell.column)}`;
    const target = worksheet.getCell(cell.row + 1, cell.column + 1);
    // An empty text is an empty cell: a spreadsheet cannot hold "" as a typed constant.
    const value = cellValue(cell, where);
    if (value !== "") target.value = value;
    const style = styles.get(cell.style, cell.content.kind === "date", where);
    if (style) target.style = style;
  }
}

function writeMerges(worksheet: Worksheet, sheet: SheetSpec): void {
  sheet.merges.forEach((merge, index) => {
    const where = `${sheet.name}: merge ${rangeAddress(merge)}`;
    checkRange(merge, where);
    for (const other of sheet.merges.slice(0, index)) {
      if (overlaps(merge, other)) throw new Error(`${where} overlaps ${rangeAddress(other)}`);
    }
    // A value under a merge, other than its top-left cell's, would silently disappear.
    const hidden = sheet.cells.find(
      (cell) =>
        inRange(merge, cell.row, cell.column) &&
        (cell.row !== merge.startRow || cell.column !== merge.startColumn)
    );
    if (hidden) {
      throw new Error(`${where} would hide the value of ${cellAddress(hidden.row, hidden.column)}`);
    }
    worksheet.mergeCells(
      merge.startRow + 1,
      merge.startColumn + 1,
      merge.endRow + 1,
      merge.endColumn + 1
    );
  });
}

/**
 * An Excel table over cells already written. ExcelJS's addTable writes the rows it is given, so
 * it gets the cells' own values back (formulas included) and their styles stay. Excel repairs a
 * file, dropping the table, when a header cell is not the column's name, names repeat (compared
 * without case) or tables overlap, so those are refused here.
 */
function writeTable(worksheet: Worksheet, sheet: SheetSpec, table: TableSpec): void {
  const where = `${sheet.name}: table ${table.name}`;
  checkRange(table.range, where);
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(table.name) || table.name.length > 255) {
    throw new Error(`${where}: not a valid table name`);
  }
  const { startRow, startColumn, endRow, endColumn } = table.range;
  if (endRow === startRow) throw new Error(`${where}: a table needs a data row under its headers`);
  const headers: string[] = [];
  for (let column = startColumn; column <= endColumn; column++) {
    const value = worksheet.getCell(startRow + 1, column + 1).value;
    if (typeof value !== "string" || value.trim() === "" || /[\r\n\t]/.test(value)) {
      throw new Error(
        `${where}: header ${cellAddress(startRow, column)} must be one line of text, got ${JSON.stringify(value)}`
      );
    }
    if (headers.some((header) => header.toLowerCase() === value.toLowerCase())) {
      throw new Error(`${where}: header "${value}" appears twice`);
    }
    headers.push(value);
  }
  for (const merge of sheet.merges) {
    if (overlaps(table.range, merge)) {
      throw new Error(`${where} overlaps the merged cells ${rangeAddress(merge)}`);
    }
  }
  const rows: CellValue[][] = [];
  for (let row = startRow + 1; row <= endRow; row++) {
    const values: CellValue[] = [];
    for (let column = startColumn; column <= endColumn; column++) {
      values.push(worksheet.getCell(row + 1, column + 1).value);
    }
    rows.push(values);
  }
  worksheet.addTable({
    name: table.name,
    displayName: table.name,
    ref: cellAddress(startRow, startColumn),
    headerRow: true,
    totalsRow: false,
    style: { theme: table.style as never, showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows,
  });
}

function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Excel's dialogs cut these texts: a title at 32 characters, a message at 255. */
const ERROR_TITLE = "OKR Studio";
const MESSAGE_LIMIT = 255;

/** ExcelJS keeps a sheet's validations by range; its type declarations only show per-cell ones. */
interface SheetValidations {
  dataValidations: { add(address: string, validation: DataValidation): void };
}

/**
 * Where a list's values already stand in the workbook, one under another or side by side. An
 * in-cell list holds at most 255 characters; a longer one (the IDs of a plan's key results) is
 * written as a reference to the cells that hold exactly its values, which Excel and LibreOffice
 * accept for any length.
 */
class ListSources {
  private cells?: Map<string, string>;
  private places?: Map<string, { sheet: string; row: number; column: number }[]>;

  constructor(private readonly spec: WorkbookSpec) {}

  /** Indexed on first use: most workbooks have no list this long. */
  private index(): void {
    this.cells = new Map();
    this.places = new Map();
    for (const sheet of this.spec.sheets) {
      for (const { row, column, content } of sheet.cells) {
        if (content.kind !== "text") continue;
        this.cells.set(`${sheet.name}\u0000${row}\u0000${column}`, content.text);
        const list = this.places.get(content.text) ?? [];
        list.push({ sheet: sheet.name, row, column });
        this.places.set(content.text, list);
      }
    }
  }

  find(values: string[]): string | null {
    if (!this.cells || !this.places) this.index();
    const text = (sheet: string, row: number, column: number) =>
      this.cells!.get(`${sheet}\u0000${row}\u0000${column}`);
    for (const { sheet, row, column } of this.places!.get(values[0]) ?? []) {
      for (const [down, across] of [
        [1, 0],
        [0, 1],
      ]) {
        if (
          values.every((value, i) => text(sheet, row + i * down, column + i * across) === value)
        ) {
          const last = values.length - 1;
          return `${sheetReference(sheet)}!${cellAddress(row, column, true)}:${cellAddress(row + last * down, column + last * across, true)}`;
        }
      }
    }
    return null;
  }
}

function writeValidation(
  worksheet: Worksheet,
  sheet: SheetSpec,
  validation: ValidationSpec,
  sources: ListSources
): void {
  const { dataValidations } = worksheet as Worksheet & SheetValidations;
  const address = rangeAddress(validation.range);
  const where = `${sheet.name}!${address}: validation`;
  checkRange(validation.range, where);
  if (validation.message.length > MESSAGE_LIMIT) {
    throw new Error(`${where}: message longer than ${MESSAGE_LIMIT} characters`);
  }
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: ERROR_TITLE,
    error: validation.message,
  };
  switch (validation.kind) {
    case "list": {
      // An in-cell list is one quoted, comma-separated string of at most 255 characters.
      const bad = validation.values.find((value) => value.includes(",") || value.includes('"'));
      if (bad !== undefined)
        throw new Error(`${where}: list value "${bad}" holds a comma or a quote`);
      let list = quoted(validation.values.join(","));
      if (list.length > MESSAGE_LIMIT) {
        const source = sources.find(validation.values);
        if (source === null) {
          throw new Error(
            `${where}: list longer than ${MESSAGE_LIMIT} characters, and no cells hold its values`
          );
        }
        list = source;
      }
      dataValidations.add(address, { ...common, type: "list", formulae: [list] });
      return;
    }
    case "decimal":
      dataValidations.add(address, {
        ...common,
        type: "decimal",
        operator: "between",
        formulae: [validation.min, validation.max],
      });
      return;
    case "date":
      // Any date: on or after 1900-01-01. ExcelJS turns a Date into the serial it writes.
      dataValidations.add(address, {
        ...common,
        type: "date",
        operator: "greaterThanOrEqual",
        formulae: [new Date(Date.UTC(1899, 11, 31))],
      });
      return;
  }
}

function writeConditionalFormat(
  worksheet: Worksheet,
  sheet: SheetSpec,
  format: ConditionalFormatSpec
): void {
  const ref = rangeAddress(format.range);
  const where = `${sheet.name}!${ref}: conditional format`;
  checkRange(format.range, where);
  switch (format.kind) {
    case "textEquals":
      // "cellIs equal" matches the whole text (ignoring case), as the traffic lights need.
      worksheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "cellIs",
            operator: "equal",
            formulae: [quoted(format.text)],
            priority: 0,
            style: {
              fill: {
                type: "pattern",
                pattern: "solid",
                bgColor: { argb: argb(format.fill, where) },
              },
              font: { color: { argb: argb(format.fontColor, where) } },
            },
          },
        ],
      });
      return;
    case "dataBar":
      // Solid bars (gradient off) make ExcelJS write the Excel 2010 extension with a matching
      // id; its gradient form writes an empty id that Excel reports as damaged.
      worksheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "dataBar",
            gradient: false,
            minLength: 0,
            maxLength: 100,
            cfvo: [
              { type: "num", value: format.min },
              { type: "num", value: format.max },
            ],
            color: { argb: argb(format.color, where) },
            priority: 0,
          } as never,
        ],
      });
      return;
  }
}

function writeSheet(
  workbook: Workbook,
  sheet: SheetSpec,
  styles: Styles,
  sources: ListSources
): void {
  const worksheet = workbook.addWorksheet(sheet.name, {
    views:
      sheet.frozenRows > 0
        ? [
            {
              state: "frozen",
              xSplit: 0,
              ySplit: sheet.frozenRows,
              topLeftCell: cellAddress(sheet.frozenRows, 0),
            },
          ]
        : [],
    pageSetup: {
      orientation: sheet.print.landscape ? "landscape" : "portrait",
      fitToPage: sheet.print.fitToWidth,
      fitToWidth: 1,
      // 0: as many pages tall as the rows need.
      fitToHeight: sheet.print.fitToWidth ? 0 : 1,
      // ExcelJS writes it as the sheet's _xlnm.Print_Titles defined name.
      ...(sheet.print.titleRows && {
        printTitlesRow: `${sheet.print.titleRows.first + 1}:${sheet.print.titleRows.last + 1}`,
      }),
    },
  });
  // Custom heights: LibreOffice does not fit a row to its wrapped text (see SheetSpec.rows).
  for (const { index, height } of sheet.rows ?? []) worksheet.getRow(index + 1).height = height;
  for (const column of sheet.columns) {
    const target = worksheet.getColumn(column.index + 1);
    target.width = column.width;
    if (column.hidden) target.hidden = true;
  }
  writeCells(worksheet, sheet, styles);
  writeMerges(worksheet, sheet);
  sheet.tables.forEach((table, index) => {
    for (const other of sheet.tables.slice(0, index)) {
      if (overlaps(table.range, other.range))
        throw new Error(`${sheet.name}: tables ${table.name} and ${other.name} overlap`);
    }
    writeTable(worksheet, sheet, table);
  });
  for (const validation of sheet.validations)
    writeValidation(worksheet, sheet, validation, sources);
  // ExcelJS numbers rules in the order they are added when the priority is 0 (unset).
  for (const format of sheet.conditionalFormats) writeConditionalFormat(worksheet, sheet, format);
}

/**
 * Defined names. ExcelJS's own list only holds cell ranges and drops a constant such as "=0.4",
 * so the names are handed to its writer directly as the text each <definedName> holds. Its writer
 * has no hidden attribute (DefinedNamesXform writes name and localSheetId only), so a hidden name
 * of the spec is written as a plain one.
 */
function setDefinedNames(workbook: Workbook, spec: WorkbookSpec, tableNames: Set<string>): void {
  // Table names and defined names share one namespace in Excel.
  const seen = new Set(tableNames);
  const names = spec.names.map(({ name, formula }) => {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name))
      throw new Error(`defined name "${name}" is not a valid name`);
    if (seen.has(name.toLowerCase()))
      throw new Error(`defined name "${name}" is already the name of a table or another name`);
    seen.add(name.toLowerCase());
    return { name, ranges: [toFileFormula(formula)] };
  });
  Object.defineProperty(workbook.definedNames, "model", { get: () => names });
}

export function workbookFromSpec(spec: WorkbookSpec): Workbook {
  // Refused whole, before anything is built: a chart that cannot be drawn, a text no cell holds.
  assertWritableSpec(spec);
  const workbook = new Workbook();
  workbook.creator = "OKR Studio";
  workbook.calcProperties.fullCalcOnLoad = true;
  const styles = new Styles(spec);
  const sources = new ListSources(spec);
  const tableNames = new Set<string>();
  for (const sheet of spec.sheets) {
    for (const table of sheet.tables) {
      if (tableNames.has(table.name.toLowerCase()))
        throw new Error(`table name ${table.name} is used twice`);
      tableNames.add(table.name.toLowerCase());
    }
    writeSheet(workbook, sheet, styles, sources);
  }
  setDefinedNames(workbook, spec, tableNames);
  return workbook;
}
