/**
 * Telling an .xlsx file from everything else, before ExcelJS tries: its errors ("End of data
 * reached", "Can't find end of central directory") do not tell a person what the file is. Bytes
 * only (no Node, no DOM): `okr lint` and `okr rebuild` read through a file handle, the page
 * outside Excel through the bytes of a chosen file, and both say the same one-line reasons.
 */

/** Where the sniff reads: a few ranges of the file, never the whole of it. */
export interface ByteSource {
  size: number;
  /** `length` bytes at `position`, or null when the file ends first. */
  readAt(position: number, length: number): Promise<Uint8Array | null>;
}

/** A source over bytes already in memory (a file chosen in the page). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    readAt: (position, length) =>
      Promise.resolve(
        position + length <= bytes.length ? bytes.subarray(position, position + length) : null
      ),
  };
}

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_END_OF_DIRECTORY = 0x06054b50;
const ZIP_DIRECTORY_ENTRY = 0x02014b50;
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** End-of-directory record (22 bytes) plus the longest zip comment. */
const ZIP_TAIL = 22 + 0xffff;

const uint16 = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8);
const uint32 = (bytes: Uint8Array, at: number) =>
  (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;

const utf8 = new TextDecoder("utf-8");
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** The lower-cased names in a zip directory, or null when an entry is not where it should be. */
function zipEntryNames(directory: Uint8Array): string[] | null {
  const names: string[] = [];
  for (let at = 0; at + 46 <= directory.length;) {
    if (uint32(directory, at) !== ZIP_DIRECTORY_ENTRY) return null;
    const nameLength = uint16(directory, at + 28);
    const extraLength = uint16(directory, at + 30);
    const commentLength = uint16(directory, at + 32);
    names.push(utf8.decode(directory.subarray(at + 46, at + 46 + nameLength)).toLowerCase());
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What a zip archive holds, in words, when it is not a workbook; null when it is one. */
function describeZipContent(names: string[]): string | null {
  const has = (name: string) => names.includes(name);
  if (has("xl/workbook.xml")) return null;
  if (has("xl/workbook.bin")) return "not an .xlsx file (it is an Excel binary workbook, .xlsb)";
  if (has("word/document.xml")) return "not an .xlsx file (it is a Word document)";
  if (has("ppt/presentation.xml")) return "not an .xlsx file (it is a PowerPoint presentation)";
  if (has("mimetype") && has("content.xml"))
    return "not an .xlsx file (it is an OpenDocument file, such as .ods)";
  if (has("[content_types].xml"))
    return "not an .xlsx file (it is an Office Open XML package without a workbook)";
  return "not an .xlsx file (it is a zip archive without a workbook)";
}

function describeContent(head: Uint8Array): string {
  const text = latin1(head);
  if (text.startsWith("%PDF")) return "a PDF document";
  if (text.startsWith("\x1f\x8b")) return "a gzip archive";
  if (text.startsWith("Rar!") || text.startsWith("7z\xbc\xaf")) return "a compressed archive";
  if (/^\s*(?:<\?xml|<html|<!doctype html)/i.test(text.replace(/^\ufeff|^\xef\xbb\xbf/, ""))) {
    return /<html|<!doctype html/i.test(text)
      ? "an HTML page (some programs save these with an .xlsx or .xls name)"
      : "an XML file (perhaps an Excel 2003 XML spreadsheet)";
  }
  // Text: printable bytes and line breaks only (UTF-8 bytes above 0x7f are allowed).
  const printable = head.every(
    (byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)
  );
  return printable ? "a text file, such as CSV" : "unrecognised binary data";
}

/** Free, end of chain and the other markers: a sector number at or above this is none. */
const CFB_NO_SECTOR = 0xfffffffa;
/** The FAT sectors the header itself lists (the rest are in the DIFAT sector chain). */
const CFB_HEADER_DIFAT = 109;
/** How many directory sectors (and DIFAT sectors) the sniff follows at most: a loop ends here. */
const CFB_MAX_SECTORS = 1024;
/** "EncryptedPackage" in UTF-16LE, as a compound file's directory names its stream. */
const CFB_ENCRYPTED_PACKAGE = [..."EncryptedPackage"].flatMap((letter) => [
  letter.charCodeAt(0),
  0,
]);
/** The largest zip directory the sniff reads: 4 MiB names tens of thousands of parts. */
const ZIP_MAX_DIRECTORY = 4 * 1024 * 1024;

/**
 * Whether an OLE compound file's directory names an EncryptedPackage stream: an encrypted .xlsx
 * rather than a legacy .xls. Follows the directory's chain of sectors through the FAT, reading a
 * sector or four bytes at a time, never the file: a compound file of any size costs a few reads.
 */
async function holdsEncryptedPackage(source: ByteSource, header: Uint8Array): Promise<boolean> {
  if (header.length < 512) return false;
  const shift = uint16(header, 30);
  if (shift !== 9 && shift !== 12) return false;
  const sectorSize = 2 ** shift;
  const perSector = sectorSize / 4;
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const entryAt = async (sector: number, index: number): Promise<number | null> => {
    const bytes = await source.readAt(offsetOf(sector) + index * 4, 4);
    return bytes === null ? null : uint32(bytes, 0);
  };
  /** The sector holding the FAT's n-th sector: from the header, or along the DIFAT chain. */
  const fatSector = async (n: number): Promise<number | null> => {
    if (n < CFB_HEADER_DIFAT) return uint32(header, 76 + n * 4);
    let difat: number | null = uint32(header, 68);
    let rest = n - CFB_HEADER_DIFAT;
    for (let hop = 0; hop < CFB_MAX_SECTORS; hop++) {
      if (difat === null || difat >= CFB_NO_SECTOR) return null;
      // Each DIFAT sector lists perSector - 1 FAT sectors; its last entry is the next DIFAT sector.
      if (rest < perSector - 1) return entryAt(difat, rest);
      rest -= perSector - 1;
      difat = await entryAt(difat, perSector - 1);
    }
    return null;
  };
  const namesEncryptedPackage = (directory: Uint8Array, at: number) =>
    uint16(directory, at + 64) === CFB_ENCRYPTED_PACKAGE.length + 2 &&
    CFB_ENCRYPTED_PACKAGE.every((byte, i) => directory[at + i] === byte);
  let sector: number | null = uint32(header, 48);
  for (let step = 0; step < CFB_MAX_SECTORS; step++) {
    if (sector === null || sector >= CFB_NO_SECTOR) return false;
    const directory = await source.readAt(offsetOf(sector), sectorSize);
    if (directory === null) return false;
    for (let at = 0; at + 128 <= sectorSize; at += 128)
      if (namesEncryptedPackage(directory, at)) return true;
    const fat = await fatSector(Math.floor(sector / perSector));
    sector = fat === null || fat >= CFB_NO_SECTOR ? null : await entryAt(fat, sector % perSector);
  }
  return false;
}

/**
 * Why the file cannot be an .xlsx workbook, or null when it looks like one (a zip archive whose
 * directory names xl/workbook.xml). Reads the first 512 bytes, the last 64 KB and the zip
 * directory, or for an OLE compound file its directory's sectors: never the whole file.
 */
export async function whyNotXlsxIn(source: ByteSource): Promise<string | null> {
  const { size } = source;
  if (size === 0) return "the file is empty";
  const head = (await source.readAt(0, Math.min(size, 512))) ?? new Uint8Array(0);
  if (head.length >= 8 && CFB_MAGIC.every((byte, i) => head[i] === byte)) {
    // An encrypted .xlsx is a compound file holding an EncryptedPackage stream; otherwise a
    // compound file is a legacy binary document such as .xls.
    return (await holdsEncryptedPackage(source, head))
      ? "it is password-protected (encrypted); save a copy without a password and check that"
      : "not an .xlsx file (it is a legacy binary Office file, such as an Excel 97-2003 .xls: save it as .xlsx)";
  }
  if (head.length < 4 || uint32(head, 0) !== ZIP_LOCAL_HEADER) {
    if (head.length >= 4 && uint32(head, 0) === ZIP_END_OF_DIRECTORY)
      return "not an .xlsx file (it is an empty zip archive)";
    return `not an .xlsx file (it is ${describeContent(head)})`;
  }
  const tailStart = Math.max(0, size - ZIP_TAIL);
  const tail = await source.readAt(tailStart, size - tailStart);
  if (tail === null) return "the file is damaged or truncated (its zip directory is missing)";
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (uint32(tail, at) === ZIP_END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return "the file is damaged or truncated (its zip directory is missing)";
  const directorySize = uint32(tail, end + 12);
  const directoryOffset = uint32(tail, end + 16);
  // A zip64 archive keeps its directory's place elsewhere, and a directory too large to
  // read here is ExcelJS's to judge.
  if (directorySize === 0xffffffff || directoryOffset === 0xffffffff) return null;
  if (directoryOffset + directorySize > tailStart + end) {
    return "the file is damaged or truncated (its zip directory points past the end)";
  }
  if (directorySize > ZIP_MAX_DIRECTORY) return null;
  const directory = await source.readAt(directoryOffset, directorySize);
  const names = directory === null ? null : zipEntryNames(directory);
  if (names === null) return "the file is damaged (its zip directory is unreadable)";
  return describeZipContent(names);
}
