import { constants, type Stats, unlinkSync } from "node:fs";
import { access, link, open, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { WorkbookSnapshot, WorkbookSpec } from "../../sheets/spec";
import { READ_LIMITS, type ReadLimits } from "../../okr/limits";
import { XlsxLimitError } from "./admit";
import { describeFileError } from "./fileErrors";
import { xlsxFromSpec } from "./charts";
import { readXlsxBytes, tooLarge, XlsxDamagedError } from "./readBytes";
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

/**
 * Reads an .xlsx file as a sparse snapshot (readXlsxBytes, in readBytes.ts: each sheet's cells
 * holding a value or a formula, cached results as values, formulas as a person types them). The
 * size is checked against the limit before a byte is read; a damaged file is an XlsxFileError
 * naming the path, a file beyond a reading limit an XlsxLimitError.
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
  try {
    return await readXlsxBytes(bytes, { limits });
  } catch (error) {
    if (error instanceof XlsxDamagedError)
      throw new XlsxFileError(`cannot read ${path}: ${error.message}`, path, "io");
    throw error;
  }
}

export { definedNamesIn, definedNamesOf, XlsxDamagedError, readXlsxBytes } from "./readBytes";
