import { type CellValue, ValueType, Workbook } from "exceljs";
import JSZip from "jszip";
import { constants, type Stats, unlinkSync } from "node:fs";
import { access, link, open, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type PlacedCell, rowsOf } from "../../sheets/snapshot";
import type {
  SheetSnapshot,
  SnapshotName,
  WorkbookSnapshot,
  WorkbookSpec,
} from "../../sheets/spec";
import { READ_LIMITS, type ReadLimits } from "../../okr/limits";
import { admitXlsx, decodeXml, XlsxLimitError } from "./admit";
import { describeFileError } from "./fileErrors";
import { xlsxFromSpec } from "./charts";
import { fromFileFormula } from "./formulas";
import { temporaryName } from "./temporary";

/** A file the xlsx host could not write or read, with the path and the reason in the message. */
export class XlsxFileError extends Error {
  constructor(
    message: string,
    readonly path: string,
    /** "exists" when the target is there and overwriting was not asked for. */
    readonly reason: "exists" | "io"
  ) {
    super(message);
    this.name = "XlsxFileError";
  }
}

/**
 * A failed file operation in words. Never Node's own message, which names the path the call was
 * given: for a write that is the temporary file, and the message that shows this names the
 * user's path already.
 */
function describeIoError(error: unknown, reading = false): string {
  return describeFileError(error, reading ? "reading" : "writing");
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function existsError(path: string): XlsxFileError {
  return new XlsxFileError(`${path} already exists`, path, "exists");
}

/** The signals that end a command line program: its temporary files go with it. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The temporary files of the writes under way, removed if the process ends first. */
const unfinished = new Set<string>();

function removeUnfinished(): void {
  for (const temporary of unfinished) {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created yet, or already moved into place.
    }
  }
  unfinished.clear();
}

function onEndingSignal(signal: NodeJS.Signals): void {
  removeUnfinished();
  stopListening();
  // When no one else listens for the signal, raise it again: the process ends as the signal would
  // have ended it (exit status 128 + its number). A program with its own handler keeps the say.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function stopListening(): void {
  for (const signal of ENDING_SIGNALS) process.removeListener(signal, onEndingSignal);
  process.removeListener("exit", removeUnfinished);
}

/**
 * Removes `temporary` if the process ends before the returned release is called: on exit, and on
 * SIGINT, SIGTERM or SIGHUP. One set of listeners serves every write under way, and none is left
 * once the last one is released.
 */
function removedIfInterrupted(temporary: string): () => void {
  if (unfinished.size === 0) {
    for (const signal of ENDING_SIGNALS) process.on(signal, onEndingSignal);
    process.on("exit", removeUnfinished);
  }
  unfinished.add(temporary);
  return () => {
    if (unfinished.delete(temporary) && unfinished.size === 0) stopListening();
  };
}

/** The file a forced write replaces, when it is a regular file; null otherwise. */
async function replaced(path: string): Promise<Stats | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

/**
 * Writes the spec as an .xlsx file, atomically: into a temporary file in the same folder, then
 * moved into place, so a reader never sees half a workbook and a failure leaves nothing behind.
 * An existing file is only replaced when `force` is set, and keeps its permissions (a file only
 * its owner may read stays so); without `force` the final step is a hard link, which fails if the
 * name was taken meanwhile (a rename would silently replace it).
 *
 * The temporary file is `.okr-<pid>-<12 hex digits>.tmp`: short, and not made from the file's
 * name, so any name the file system accepts can be written. It is removed on any failure and
 * when the process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits during the write. Errors
 * name `path`, never the temporary file.
 */
export async function writeXlsx(
  spec: WorkbookSpec,
  path: string,
  options: { force?: boolean } = {}
): Promise<void> {
  const force = options.force ?? false;
  if (!force && (await exists(path))) throw existsError(path);
  const bytes = await xlsxFromSpec(spec);
  const previous = force ? await replaced(path) : null;
  const temporary = join(dirname(path), temporaryName());
  const release = removedIfInterrupted(temporary);
  try {
    // Owner-only until the replaced file's permissions are copied, so its content never sits
    // in a file others may read; a new file gets the usual permissions (0666 less the umask).
    const handle = await open(temporary, "wx", previous === null ? 0o666 : 0o600);
    try {
      if (previous !== null) await handle.chmod(previous.mode & 0o777);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (force) {
      await rename(temporary, path);
    } else {
      await placeWithoutReplacing(temporary, path);
    }
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    if (error instanceof XlsxFileError) throw error;
    throw new XlsxFileError(`cannot write ${path}: ${describeIoError(error)}`, path, "io");
  } finally {
    release();
  }
}

async function placeWithoutReplacing(temporary: string, path: string): Promise<void> {
  try {
    await link(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw existsError(path);
    // A file system without hard links (FAT, some network shares): check, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS")
      throw error;
    if (await exists(path)) throw existsError(path);
    await rename(temporary, path);
    return;
  }
  await unlink(temporary);
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

function tooLarge(limits: ReadLimits): XlsxLimitError {
  return new XlsxLimitError(
    `the file is larger than ${(limits.fileBytes / 2 ** 20).toLocaleString("en-US")} MiB`,
    "fileBytes"
  );
}

/**
 * Reads an .xlsx file as a sparse snapshot: each sheet's cells holding a value or a formula (no
 * empty cell, however large the used range), the values as the file's cached results show them
 * (null for a formula with no cached result), error values as their text, and formulas as "=…" in
 * the form a person types.
 */
export async function readXlsx(
  path: string,
  options: { limits?: ReadLimits } = {}
): Promise<WorkbookSnapshot> {
  const limits = options.limits ?? READ_LIMITS;
  let bytes: Uint8Array;
  try {
    // Non-blocking, so a named pipe with no writer cannot hold the read; what was opened is
    // checked to be a file, and its size against the limit before a byte is read.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      if (!stats.isFile())
        throw new XlsxFileError(`cannot read ${path}: it is not a file`, path, "io");
      if (stats.size > limits.fileBytes) throw tooLarge(limits);
      // At most one byte past the limit: a file that grows while it is read is refused too.
      const buffer = Buffer.alloc(Math.min(stats.size, limits.fileBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buffer.length) break;
      }
      if (filled > limits.fileBytes) throw tooLarge(limits);
      bytes = buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof XlsxFileError || error instanceof XlsxLimitError) throw error;
    throw new XlsxFileError(`cannot read ${path}: ${describeIoError(error, true)}`, path, "io");
  }
  // Measured before ExcelJS sees it: refused beyond a limit, merges and names over huge ranges
  // left out (see admitXlsx). A limit passed is an XlsxLimitError, not a damaged file.
  const admitted = await admitXlsx(bytes, limits).catch((error: unknown) => {
    if (error instanceof XlsxLimitError) throw error;
    throw new XlsxFileError(`cannot read ${path}: ${describeIoError(error, true)}`, path, "io");
  });
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(admitted as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new XlsxFileError(`cannot read ${path}: ${describeIoError(error, true)}`, path, "io");
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
