import { type CellValue, ValueType, Workbook } from "exceljs";
import JSZip from "jszip";
import { READ_LIMITS, type ReadLimits } from "../../okr/limits";
import { type PlacedCell, rowsOf } from "../../sheets/snapshot";
import type { SheetSnapshot, SnapshotName, WorkbookSnapshot } from "../../sheets/spec";
import { admitXlsx, decodeXml, XlsxLimitError } from "./admit";
import { describeFileError } from "./fileErrors";
import { fromFileFormula } from "./formulas";

/**
 * Reading an .xlsx package's bytes as a snapshot: the half of readXlsx (files.ts) that needs no
 * file system, so the page outside Excel reads a chosen file with the same code and the same
 * limits as `okr lint`. No `node:` import here (test/bundleSize.test.ts builds it for the web).
 */

/** Bytes that are not a readable .xlsx package; `message` is the reason, with no path. */
export class XlsxDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxDamagedError";
  }
}

type SnapshotValue = string | number | boolean | null;

/** ExcelJS reads a date-formatted number as a Date; the snapshot holds the serial it stores. */
function serialOf(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

/** What a value shows as text: a string, or rich text's runs joined; null for anything else. */
function textOf(text: unknown): string | null {
  if (typeof text === "string") return text;
  if (typeof text === "object" && text !== null && "richText" in text) {
    const runs = (text as { richText: unknown }).richText;
    if (Array.isArray(runs))
      return runs
        .map((run: unknown) =>
          typeof run === "object" &&
          run !== null &&
          typeof (run as { text?: unknown }).text === "string"
            ? (run as { text: string }).text
            : ""
        )
        .join("");
  }
  return null;
}

/**
 * A cell's value as the snapshot holds it. `undefined` for a value this reader does not know (an
 * object with no text): the cell is then listed as unreadable, never dropped silently.
 */
function plainValue(value: CellValue | undefined): SnapshotValue | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return serialOf(value);
  if (typeof value === "object") {
    if ("error" in value) return value.error;
    // Rich text, and a hyperlink whose text is a string or rich text ({text: {richText}}).
    const text = "richText" in value ? textOf(value) : "text" in value ? textOf(value.text) : null;
    if (text !== null) return text === "" ? null : text;
  }
  return undefined;
}

/** The refusal of a file over the size limit, before a byte of it is unpacked. */
export function tooLarge(limits: ReadLimits): XlsxLimitError {
  return new XlsxLimitError(
    `the file is larger than ${(limits.fileBytes / 2 ** 20).toLocaleString("en-US")} MiB`,
    "fileBytes"
  );
}

/**
 * Reads an .xlsx package's bytes as a sparse snapshot: each sheet's cells holding a value or a
 * formula (no empty cell, however large the used range), the values as the file's cached results
 * show them (null for a formula with no cached result), error values as their text, and formulas
 * as "=…" in the form a person types. Throws an XlsxLimitError for a package beyond a reading
 * limit, an XlsxDamagedError (the reason in words) for one that cannot be read.
 */
export async function readXlsxBytes(
  bytes: Uint8Array,
  options: { limits?: ReadLimits } = {}
): Promise<WorkbookSnapshot> {
  const limits = options.limits ?? READ_LIMITS;
  if (bytes.length > limits.fileBytes) throw tooLarge(limits);
  const damaged = (error: unknown) => new XlsxDamagedError(describeFileError(error, "reading"));
  // Measured before ExcelJS sees it: refused beyond a limit, merges and names over huge ranges
  // left out (see admitXlsx). A limit passed is an XlsxLimitError, not a damaged file.
  const admitted = await admitXlsx(bytes, limits).catch((error: unknown) => {
    if (error instanceof XlsxLimitError) throw error;
    throw damaged(error);
  });
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(admitted as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw damaged(error);
  }
  // The names from the file as it was: admitXlsx may have left them out for ExcelJS (a name over
  // a huge range), and ExcelJS keeps only names that are cell ranges, dropping the mark ("=2").
  // Undefined when the workbook part cannot be read: the names are then not compared.
  const names = await definedNamesOf(bytes).catch(() => undefined);
  return { sheets: workbook.worksheets.map((worksheet) => sheetSnapshot(worksheet)), names };
}

/**
 * The defined names of a package's workbook part, each with its formula as a person reads it
 * ("=2", "='OKR Plan'!$B$13"). Called only on bytes admitXlsx accepted, so the workbook part
 * unpacks within the part limit. Sheet-scoped names are listed too, by their name.
 */
export async function definedNamesOf(bytes: Uint8Array): Promise<SnapshotName[]> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file("xl/workbook.xml") ?? zip.file("/xl/workbook.xml");
  if (part === null) return [];
  return definedNamesIn(await part.async("string"));
}

/**
 * The `<definedName>` elements of a workbook part's XML, in one pass: each search starts where the
 * last one ended, and a start tag with no end (`<definedName ` repeated in a comment) ends the
 * scan, so hostile text costs time linear in its length (a single regular expression with lazy
 * groups re-read the rest of the text from every unclosed tag: 40,000 of them took 27 s).
 */
export function definedNamesIn(xml: string): SnapshotName[] {
  const names: SnapshotName[] = [];
  // The sheets in their order, for a sheet-local name's localSheetId (attributes bounded, so an
  // unclosed tag costs a bounded look ahead).
  const sheets = [...xml.matchAll(/<(?:[A-Za-z_][\w.-]{0,40}:)?sheet\s([^>]{0,4096})>/g)].map(
    ([, attributes]) => attributeOf(attributes, "name") ?? ""
  );
  const open = /<(?:[A-Za-z_][\w.-]{0,40}:)?definedName(?=[\s/>])/g;
  const tagEnd = /"[^"]*"|'[^']*'|(\/?)>/g;
  const close = /<\/(?:[A-Za-z_][\w.-]{0,40}:)?definedName\s*>/g;
  for (let start = open.exec(xml); start !== null; start = open.exec(xml)) {
    // The start tag ends at the first ">" outside quotes.
    tagEnd.lastIndex = start.index + start[0].length;
    let end = tagEnd.exec(xml);
    while (end !== null && end[0] !== ">" && end[0] !== "/>") end = tagEnd.exec(xml);
    if (end === null) break;
    const attributes = xml.slice(start.index + start[0].length, end.index);
    let text = "";
    if (end[0] === "/>") open.lastIndex = end.index + 2;
    else {
      close.lastIndex = end.index + 1;
      const closing = close.exec(xml);
      if (closing === null) break;
      text = xml.slice(end.index + 1, closing.index);
      open.lastIndex = closing.index + closing[0].length;
    }
    const name = attributeOf(attributes, "name");
    if (name === null) continue;
    const local = attributeOf(attributes, "localSheetId");
    names.push({
      name,
      formula: fromFileFormula(decodeXml(text).trim()),
      sheet: local === null ? null : (sheets[Number(local)] ?? null),
      ...(local !== null ? { sheetScoped: true } : {}),
    });
  }
  return names;
}

/** An attribute's value in a start tag's attribute text, entities decoded; null when absent. */
function attributeOf(attributes: string, name: "name" | "localSheetId"): string | null {
  const pattern =
    name === "name"
      ? /(?:^|\s)name\s*=\s*(?:"([^"]*)"|'([^']*)')/
      : /(?:^|\s)localSheetId\s*=\s*(?:"([^"]*)"|'([^']*)')/;
  const match = pattern.exec(attributes);
  return match === null ? null : decodeXml(match[1] ?? match[2]);
}

function sheetSnapshot(worksheet: Workbook["worksheets"][number]): SheetSnapshot {
  const cells: PlacedCell[] = [];
  const unreadable: { row: number; column: number }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      // A merged cell other than the top-left one shows nothing (ExcelJS reports the master's):
      // only cells that hold data count, however far a merge reaches.
      if (cell.type === ValueType.Merge) return;
      let value: SnapshotValue | undefined;
      let formula: string | null = null;
      if (cell.type === ValueType.Formula) {
        formula = fromFileFormula(cell.formula);
        value = plainValue(cell.result as CellValue);
      } else {
        value = plainValue(cell.value);
      }
      const at = { row: Number(cell.row) - 1, column: Number(cell.col) - 1 };
      if (value === undefined) {
        unreadable.push(at);
        value = null;
      }
      if (value === null && formula === null) return;
      cells.push({ ...at, value, formula });
    });
  });
  const visible = worksheet.state === "visible" || worksheet.state === undefined;
  // Sparse: the cells present, never the used range's bounding box.
  return {
    name: worksheet.name,
    visible,
    rows: rowsOf(cells),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}
