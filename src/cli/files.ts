import { constants, type Stats } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { describeFileError } from "../hosts/xlsx/fileErrors";

/**
 * Opening the files the `okr` command reads (the documents of `okr import` and `okr new --from`,
 * the workbooks of `okr lint`) so that no file can hang, exhaust or fool it: only a regular file
 * is read (a folder, a named pipe, a device or a socket is refused with its kind, before anything
 * is read from it), and a document is read only up to a stated size.
 */

/**
 * The largest OKR document `okr import` and `okr new --from` read: 1 MiB. The largest real OKR
 * documents are tens of KB (the framework itself, 18 plans and 102 key results, is 23 KB); 1 MiB
 * holds some 17,000 key results written tersely, one line each. Past it, `okr new` would spend
 * minutes and gigabytes building a workbook nobody can use (issue 12: 10 MB ran out of memory
 * after three minutes), so a larger file is refused before it is read.
 */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** A file the command refuses to read: the path as given and the reason, for one line. */
export class FileRefusal extends Error {
  constructor(
    readonly path: string,
    readonly reason: string
  ) {
    super(`cannot read ${path}: ${reason}`);
    this.name = "FileRefusal";
  }
}

/** Why a file of this kind is not read, or null for a regular file. */
export function notRegular(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return "it is a folder";
  if (info.isFIFO()) return "it is a named pipe, not a file";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "it is a device, not a file";
  if (info.isSocket()) return "it is a socket, not a file";
  return "not a regular file";
}

/**
 * A failed open or read in words, without the path Node puts in its messages (the line that shows
 * it names the file already).
 */
export function describeReadError(error: unknown): string {
  return describeFileError(error, "reading");
}

/** A number of bytes as the refusals write it: 1 MiB, 2.2 GiB, 512 KiB, 17 bytes. */
export function byteSize(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  return `${Number.isInteger(value) ? value : value.toFixed(1).replace(/\.0$/, "")} ${units[unit]}`;
}

/**
 * Opens a regular file for reading, with its size; anything else is a FileRefusal naming its kind
 * or the reason it cannot be opened. The kind is checked before the open (opening a device can
 * itself act, and a named pipe with no writer blocks the open), and again on what was opened
 * (O_NONBLOCK: a path swapped for a pipe in between cannot block it either).
 */
export async function openRegular(path: string): Promise<{ handle: FileHandle; size: number }> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw new FileRefusal(path, describeReadError(error));
  }
  const kind = notRegular(info);
  if (kind !== null) throw new FileRefusal(path, kind);
  let handle: FileHandle;
  try {
    // O_NONBLOCK does not exist on Windows, where opening a pipe does not wait for a writer.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new FileRefusal(path, describeReadError(error));
  }
  try {
    const opened = await handle.stat();
    const openedKind = notRegular(opened);
    if (openedKind !== null) throw new FileRefusal(path, openedKind);
    return { handle, size: opened.size };
  } catch (error) {
    await handle.close();
    if (error instanceof FileRefusal) throw error;
    throw new FileRefusal(path, describeReadError(error));
  }
}

/** A count of bytes with thousands separators, whatever the locale: 1,048,577 bytes. */
function bytesExactly(bytes: number): string {
  return `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} ${bytes === 1 ? "byte" : "bytes"}`;
}

/** The refusal of a document over the limit, with its size when known. */
function tooLarge(path: string, size: number | null, limit: number): FileRefusal {
  return new FileRefusal(
    path,
    `larger than ${byteSize(limit)}, the limit for an OKR document${size === null ? "" : ` (it is ${bytesExactly(size)})`}`
  );
}

/**
 * An OKR document's text (UTF-8), read from a regular file of at most `limit` bytes. The size is
 * checked before reading, and the read itself stops one byte past the limit, so a file that grows
 * while it is read is refused too rather than read to its end.
 */
export async function readDocument(path: string, limit = MAX_DOCUMENT_BYTES): Promise<string> {
  const { handle, size } = await openRegular(path);
  try {
    if (size > limit) throw tooLarge(path, size, limit);
    let buffer = Buffer.alloc(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(path, null, limit);
        // The file grew since its size was taken: read on, in a larger buffer, up to the limit.
        const larger = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) return buffer.toString("utf8", 0, length);
      length += bytesRead;
    }
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    throw new FileRefusal(path, describeReadError(error));
  } finally {
    await handle.close();
  }
}
