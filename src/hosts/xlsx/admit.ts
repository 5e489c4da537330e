import JSZip from "jszip";
import { MERGED_CELLS_READ, READ_LIMITS, type ReadLimits } from "../../okr/limits";

/**
 * Admitting an .xlsx package before ExcelJS reads it. ExcelJS unpacks every part whole into a
 * string and makes an object of every cell, every merged cell and every cell a defined name
 * covers, so what it costs is set by what the file claims (one merge of the whole grid is 17
 * billion objects), not by what it holds. This pass streams each part through the inflater once,
 * counting what it unpacks and the cells and rows the sheets write, and stops at the first limit
 * passed, holding no more than one chunk at a time. It also measures the merged ranges and the
 * defined names' ranges; when they cover more than MERGED_CELLS_READ cells, the package is
 * handed on without them (they carry no data: a merge's value is in its top-left cell).
 */

/** A file beyond one of the reading limits: the message is the one-line reason. */
export class XlsxLimitError extends Error {
  constructor(
    message: string,
    /** The limit passed. */
    readonly limit: keyof ReadLimits
  ) {
    super(message);
    this.name = "XlsxLimitError";
  }
}

/** What a package holds, as the admitting pass measured it. */
export interface PackageMeasure {
  parts: number;
  unpackedBytes: number;
  largestPartBytes: number;
  /** Cells and rows written in the sheets' XML. */
  cells: number;
  /** Cells covered by merged ranges, per sheet part. */
  mergedCells: Map<string, number>;
  /** Cells covered by each defined name's ranges, in the order of the workbook part. */
  nameCells: number[];
}

/** ExcelJS's own test for a worksheet part (xlsx.js), so the count covers what it will parse. */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKBOOK_PART = "xl/workbook.xml";

const format = (n: number) => n.toLocaleString("en-US");
const mebibytes = (n: number) => `${format(Math.round(n / 2 ** 20))} MiB`;

/** Column letters to a 1-based number (at most 3 letters are meaningful; more is "huge"). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

const AREA = /(?<![\w$.])\$?([A-Za-z]{1,7})\$?(\d{1,12})(?::\$?([A-Za-z]{1,7})\$?(\d{1,12}))?/g;
const WHOLE_COLUMNS = /(?<![\w$])\$?([A-Za-z]{1,7}):\$?([A-Za-z]{1,7})(?![\w$(])/g;
const WHOLE_ROWS = /(?<![\w$])\$?(\d{1,12}):\$?(\d{1,12})(?![\w$])/g;
const GRID = { rows: 1_048_576, columns: 16_384 };

/** Cells a reference text covers (A1, A1:B2, $A:$C, 1:5, several separated by commas). */
export function cellsCovered(reference: string): number {
  let cells = 0;
  // Sheet names ('My sheet'!, Sheet1!) are not references.
  reference = reference.replace(/'(?:[^']|'')*'!|[A-Za-z_\\][\w.]*!/g, " ");
  for (const match of reference.matchAll(AREA)) {
    const [, left, top, right, bottom] = match;
    const columns =
      right === undefined ? 1 : Math.abs(columnNumber(right) - columnNumber(left)) + 1;
    const rows = bottom === undefined ? 1 : Math.abs(Number(bottom) - Number(top)) + 1;
    cells += columns * rows;
  }
  for (const [, left, right] of reference.matchAll(WHOLE_COLUMNS))
    cells += (Math.abs(columnNumber(right) - columnNumber(left)) + 1) * GRID.rows;
  for (const [, top, bottom] of reference.matchAll(WHOLE_ROWS))
    cells += (Math.abs(Number(bottom) - Number(top)) + 1) * GRID.columns;
  return cells;
}

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
/** Bytes of a tag or a name's text kept for reading; beyond, the rest is not needed. */
const CAPTURE_BYTES = 4096;
const NAME_BYTES = 64;

/**
 * A streaming scanner of one XML part: counts `c` and `row` elements (any prefix), and gives each
 * `mergeCell` tag and each `definedName` text to its callbacks. Every `<` in well-formed XML starts
 * markup, so counting never needs a full parse; a `<c ` inside a comment or CDATA counts too,
 * which errs toward refusing.
 */
class PartScanner {
  private mode: "text" | "name" | "tag" = "text";
  private name: number[] = [];
  private tag: number[] = [];
  private captureTag = false;
  private text: number[] | null = null;
  private textOverflow = false;
  private lastTagByte = 0;
  private pendingText = false;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly onCell: () => void,
    private readonly onMerge: (tag: string) => void,
    private readonly onName: (text: string | null) => void
  ) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.mode === "text") {
        const next = chunk.indexOf(LESS_THAN, i);
        const end = next === -1 ? chunk.length : next;
        if (this.text !== null) this.keepText(chunk, i, end);
        if (next === -1) return;
        i = next + 1;
        this.mode = "name";
        this.name.length = 0;
        continue;
      }
      if (this.mode === "name") {
        const byte = chunk[i];
        if (byte === GREATER_THAN || isSpace(byte) || (byte === SLASH && this.name.length > 0)) {
          this.nameEnded();
          if (byte === GREATER_THAN) this.tagEnded();
          else {
            this.mode = "tag";
            this.lastTagByte = byte;
          }
        } else if (this.name.length < NAME_BYTES) this.name.push(byte);
        i++;
        continue;
      }
      // Inside a tag, after its name: skip to its end, keeping it when asked.
      const next = chunk.indexOf(GREATER_THAN, i);
      const end = next === -1 ? chunk.length : next;
      if (this.captureTag) {
        for (let j = i; j < end && this.tag.length < CAPTURE_BYTES; j++) this.tag.push(chunk[j]);
      }
      if (end > i) this.lastTagByte = chunk[end - 1];
      if (next === -1) return;
      i = next + 1;
      this.tagEnded();
    }
  }

  private keepText(chunk: Uint8Array, from: number, to: number): void {
    const text = this.text as number[];
    for (let j = from; j < to; j++) {
      if (text.length >= CAPTURE_BYTES) {
        this.textOverflow = true;
        return;
      }
      text.push(chunk[j]);
    }
  }

  private localName(): { name: string; closing: boolean } {
    const bytes = this.name;
    const closing = bytes[0] === SLASH;
    let start = closing ? 1 : 0;
    for (let j = bytes.length - 1; j >= start; j--) {
      if (bytes[j] === COLON) {
        start = j + 1;
        break;
      }
    }
    return { name: String.fromCharCode(...bytes.slice(start)), closing };
  }

  private nameEnded(): void {
    const { name, closing } = this.localName();
    this.captureTag = false;
    this.pendingText = false;
    if (closing) {
      if (name === "definedName" && this.text !== null) {
        this.onName(this.textOverflow ? null : this.decoder.decode(Uint8Array.from(this.text)));
        this.text = null;
      }
      return;
    }
    if (name === "c" || name === "row") this.onCell();
    else if (name === "mergeCell") {
      this.captureTag = true;
      this.tag.length = 0;
    } else if (name === "definedName") this.pendingText = true;
  }

  private tagEnded(): void {
    this.mode = "text";
    if (this.captureTag) {
      this.onMerge(this.decoder.decode(Uint8Array.from(this.tag)));
      this.captureTag = false;
    }
    if (this.pendingText) {
      this.pendingText = false;
      // `<definedName …/>` has no text.
      if (this.lastTagByte !== SLASH) {
        this.text = [];
        this.textOverflow = false;
      }
    }
    this.lastTagByte = 0;
  }
}

interface InternalStream {
  on(event: "data", callback: (chunk: Uint8Array) => void): InternalStream;
  on(event: "end", callback: () => void): InternalStream;
  on(event: "error", callback: (error: Error) => void): InternalStream;
  pause(): InternalStream;
  resume(): InternalStream;
}

/** Streams one part, giving each unpacked chunk to `use`; `use` throws to stop. */
function streamPart(file: JSZip.JSZipObject, use: (chunk: Uint8Array) => void): Promise<void> {
  const stream = (
    file as unknown as { internalStream(type: "uint8array"): InternalStream }
  ).internalStream("uint8array");
  return new Promise((resolve, reject) => {
    stream
      .on("data", (chunk) => {
        try {
          use(chunk);
        } catch (error) {
          stream.pause();
          reject(error);
        }
      })
      .on("error", reject)
      .on("end", resolve)
      .resume();
  });
}

/** Measures a package, refusing it at the first limit it passes. */
export async function measurePackage(
  zip: JSZip,
  limits: ReadLimits = READ_LIMITS
): Promise<PackageMeasure> {
  const files = Object.values(zip.files).filter((file) => !file.dir);
  if (files.length > limits.parts)
    throw new XlsxLimitError(
      `more than ${format(limits.parts)} parts: too large to check`,
      "parts"
    );
  const measure: PackageMeasure = {
    parts: files.length,
    unpackedBytes: 0,
    largestPartBytes: 0,
    cells: 0,
    mergedCells: new Map(),
    nameCells: [],
  };
  for (const file of files) {
    const name = file.name.replace(/^\//, "");
    const isSheet = WORKSHEET_PART.test(name);
    const isWorkbook = name === WORKBOOK_PART;
    let partBytes = 0;
    let merged = 0;
    const scanner =
      isSheet || isWorkbook
        ? new PartScanner(
            () => {
              if (!isSheet) return;
              measure.cells++;
              if (measure.cells > limits.cells)
                throw new XlsxLimitError(
                  `more than ${format(limits.cells)} cells: too large to check`,
                  "cells"
                );
            },
            (tag) => {
              const ref = /\bref\s*=\s*["']([^"']*)["']/.exec(tag);
              if (isSheet && ref) merged += cellsCovered(ref[1]);
            },
            (text) => {
              if (isWorkbook) measure.nameCells.push(text === null ? Infinity : cellsCovered(text));
            }
          )
        : null;
    await streamPart(file, (chunk) => {
      partBytes += chunk.length;
      measure.unpackedBytes += chunk.length;
      if (partBytes > limits.partBytes)
        throw new XlsxLimitError(
          `its part ${name} unpacks to more than ${mebibytes(limits.partBytes)}: too large to check`,
          "partBytes"
        );
      if (measure.unpackedBytes > limits.unpackedBytes)
        throw new XlsxLimitError(
          `it unpacks to more than ${mebibytes(limits.unpackedBytes)}: too large to check`,
          "unpackedBytes"
        );
      scanner?.push(chunk);
    });
    measure.largestPartBytes = Math.max(measure.largestPartBytes, partBytes);
    if (isSheet && merged > 0) measure.mergedCells.set(file.name, merged);
  }
  return measure;
}

/** The merged-cell list of a sheet's XML taken out (ExcelJS reads `mergeCells` unprefixed only). */
const MERGE_LIST = /<mergeCells\b[^>]*\/>|<mergeCells\b[\s\S]*?<\/mergeCells>/g;
const DEFINED_NAME = /<definedName\b[^>]*\/>|<definedName\b[^>]*>([\s\S]*?)<\/definedName>/g;

/**
 * The package as ExcelJS may read it: the same bytes when it is within the limits and its merges
 * and names cover few cells; otherwise the sheets' merged ranges (when they cover more than
 * MERGED_CELLS_READ cells) and the largest defined names (until the rest cover no more than that)
 * are left out, stored uncompressed. Throws XlsxLimitError when a limit is passed.
 */
export async function admitXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = READ_LIMITS
): Promise<Uint8Array> {
  if (bytes.length > limits.fileBytes)
    throw new XlsxLimitError(
      `the file is larger than ${mebibytes(limits.fileBytes)}: too large to check`,
      "fileBytes"
    );
  const zip = await JSZip.loadAsync(bytes);
  const measure = await measurePackage(zip, limits);
  const heavySheets = [...measure.mergedCells].filter(([, cells]) => cells > MERGED_CELLS_READ);
  const nameCells = measure.nameCells.reduce((sum, cells) => sum + cells, 0);
  if (heavySheets.length === 0 && nameCells <= MERGED_CELLS_READ) return bytes;

  for (const [name] of heavySheets) {
    const xml = await (zip.file(name) as JSZip.JSZipObject).async("string");
    zip.file(name, xml.replace(MERGE_LIST, ""));
  }
  if (nameCells > MERGED_CELLS_READ) {
    // Drop the names covering most cells until the rest cover no more than the limit.
    const order = measure.nameCells
      .map((cells, index) => ({ cells, index }))
      .sort((a, b) => b.cells - a.cells);
    const dropped = new Set<number>();
    let remaining = nameCells;
    for (const { cells, index } of order) {
      if (remaining <= MERGED_CELLS_READ) break;
      dropped.add(index);
      remaining -= cells;
    }
    const file = zip.file(WORKBOOK_PART) ?? zip.file(`/${WORKBOOK_PART}`);
    if (file) {
      const xml = await file.async("string");
      let index = 0;
      zip.file(
        file.name,
        xml.replace(DEFINED_NAME, (whole, text: string | undefined) =>
          text === undefined ? whole : dropped.has(index++) ? "" : whole
        )
      );
    }
  }
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}
