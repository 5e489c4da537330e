import { XlsxLimitError } from "../../hosts/xlsx/admit";
import { readXlsxBytes, tooLarge } from "../../hosts/xlsx/readBytes";
import { whyNotXlsxIn, type ByteSource } from "../../hosts/xlsx/sniff";
import { READ_LIMITS, type ReadLimits } from "../../okr/limits";
import type { CheckOptions } from "../../okr/rules/types";
import type { ChosenFile, CheckResult } from "../actions";
import { checkRead, readOf } from "../readAndCheck";

/**
 * Checking a file chosen in the page outside Excel: the same steps as `okr lint` on a path, over
 * the File API. What the file is told from a few slices of it (sniff.ts), the size against the
 * reading limit before the whole file is read, then the same reader (readXlsxBytes), limits and
 * rules. Loaded on demand, in the `xlsx` chunk with ExcelJS and JSZip: the pane inside Excel never
 * loads it. Nothing here writes, and no byte leaves the page.
 */

/** A file the page cannot check; the message is the one-line reason `okr lint` gives. */
export class FileRefusal extends Error {
  constructor(
    /** The file's name as chosen. */
    readonly file: string,
    reason: string
  ) {
    super(reason);
    this.name = "FileRefusal";
  }
}

/** What a browser says when a chosen file was moved, deleted or changed since it was chosen. */
const UNREADABLE =
  "the file could not be read (it may have been moved, deleted or changed since it was chosen)";

/** The sniff's reads, as slices of the file: a compound file or a zip costs a few small reads. */
function fileSource(file: ChosenFile): ByteSource {
  return {
    size: file.size,
    readAt: async (position, length) => {
      if (position + length > file.size) return null;
      const bytes = new Uint8Array(await file.slice(position, position + length).arrayBuffer());
      return bytes.length === length ? bytes : null;
    },
  };
}

async function wholeFile(file: ChosenFile, limits: ReadLimits): Promise<Uint8Array> {
  if (file.size > limits.fileBytes) throw tooLarge(limits);
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new FileRefusal(file.name, UNREADABLE);
  }
}

/**
 * Reads and checks a chosen file. Rejects with a FileRefusal (its message the reason, as `okr
 * lint` words it) for a file that is not a readable .xlsx workbook, and never with anything else.
 * A file over the cell limit is refused without the CLI's hint about --max-cells: the page has no
 * such option.
 */
export async function checkFile(
  file: ChosenFile,
  options: CheckOptions = {},
  limits: ReadLimits = READ_LIMITS
): Promise<CheckResult> {
  let notXlsx: string | null;
  try {
    notXlsx = await whyNotXlsxIn(fileSource(file));
  } catch {
    throw new FileRefusal(file.name, UNREADABLE);
  }
  if (notXlsx !== null) throw new FileRefusal(file.name, notXlsx);
  let snapshot;
  try {
    snapshot = await readXlsxBytes(await wholeFile(file, limits), { limits });
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    // The words of the CLI's readFailure (src/cli/words.ts): a limit's own line, else damaged.
    if (error instanceof XlsxLimitError) throw new FileRefusal(file.name, error.message);
    const message = error instanceof Error ? error.message : String(error);
    throw new FileRefusal(
      file.name,
      `the file is damaged (${message.replace(/\s+/g, " ").trim()})`
    );
  }
  const result = checkRead(readOf(snapshot, 0), options);
  return { ...result, read: { ...result.read, file: file.name } };
}
