import JSZip from "jszip";
import { MERGED_CELLS_READ, READ_LIMITS, type ReadLimits } from "../../okr/limits";

/**
 * Admitting an .xlsx package before ExcelJS reads it. ExcelJS unpacks every part whole into a
 * string and makes an object of every cell, every merged cell and every cell a defined name
 * covers, so what it costs is set by what the file claims (one merge of the whole grid is 17
 * billion objects), not by what it holds. This pass streams each part through the inflater once,
 * counting what it unpacks and the cells and rows the sheets write, and stops at the first limit
 * passed, holding no more than one chunk at a time. It also measures, strictly (what it cannot
 * read counts as huge), what ExcelJS would expand: merged ranges, data validations' ranges,
 * column ranges and defined names' ranges; beyond MERGED_CELLS_READ objects, the package is
 * handed on without them (they carry no data the check reads).
 */

/**
 * A file beyond one of the reading limits: the message is the one-line reason, `<reason>: too
 * large to check`; `reason` alone ("more than 20,000 parts") lets a command that does something
 * else than checking end it in its own words ("too large to rebuild").
 */
export class XlsxLimitError extends Error {
  constructor(
    /** What passed the limit: "more than 20,000 parts". */
    readonly reason: string,
    /** The limit passed. */
    readonly limit: keyof ReadLimits
  ) {
    super(`${reason}: too large to check`);
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
  /**
   * Objects ExcelJS would make from each sheet part's merges, data validations and columns
   * (see objectsOfElement), for the parts that have any.
   */
  expanded: Map<string, number>;
  /** Cells covered by each defined name's ranges, in the order of the workbook part. */
  nameCells: number[];
}

/** ExcelJS's own test for a worksheet part (xlsx.js), so the count covers what it will parse. */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKBOOK_PART = "xl/workbook.xml";

const format = (n: number) => n.toLocaleString("en-US");
const mebibytes = (n: number) => `${format(Math.round(n / 2 ** 20))} MiB`;

/** Column letters to a 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

const GRID = { rows: 1_048_576, columns: 16_384 };

/** XML character and entity references decoded, as an XML reader (and so ExcelJS) sees them. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[entity] as string;
  });
}

/**
 * Cells one reference covers, read strictly: `A1`, `A1:B2`, `$A:$C` or `1:5` (with `$`, leading
 * zeros, any case, spaces around the colon), else Infinity: whatever this reading does not know,
 * ExcelJS may read as a huge range, so it counts as one.
 */
function cellsOfOne(reference: string): number {
  const text = reference.replace(/[\s$]/g, "");
  if (text === "") return 0;
  const area = /^([A-Za-z]{1,3})(\d{1,16})(?::([A-Za-z]{1,3})(\d{1,16}))?$/.exec(text);
  if (area) {
    const [, left, top, right = left, bottom = top] = area;
    const columns = Math.abs(columnNumber(right) - columnNumber(left)) + 1;
    const rows = Math.abs(Number(bottom) - Number(top)) + 1;
    return columns * rows;
  }
  const columns = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(text);
  if (columns)
    return (Math.abs(columnNumber(columns[2]) - columnNumber(columns[1])) + 1) * GRID.rows;
  const rows = /^(\d{1,16}):(\d{1,16})$/.exec(text);
  if (rows) return (Math.abs(Number(rows[2]) - Number(rows[1])) + 1) * GRID.columns;
  return Infinity;
}

/**
 * Cells a defined name's text covers, each comma-separated part read strictly (see cellsOfOne):
 * a part that names a sheet (`Sheet1!…`, `'My sheet'!…`) but is not a plain reference counts as
 * huge; a part without a sheet that is not a reference (`=2`, `"portable"`) covers none.
 */
export function cellsCovered(text: string): number {
  let cells = 0;
  for (const part of decodeXml(text).split(",")) {
    const bang = part.lastIndexOf("!");
    if (bang >= 0) cells += cellsOfOne(part.slice(bang + 1));
    else {
      const plain = cellsOfOne(part);
      if (Number.isFinite(plain)) cells += plain;
    }
  }
  return cells;
}

/** An attribute of a captured start tag (unprefixed, as ExcelJS reads it), decoded; every value given. */
function attributes(tag: string, name: string): string[] {
  const found: string[] = [];
  for (const match of tag.matchAll(/(?:^|\s)([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    if (match[1] === name) found.push(decodeXml(match[2] ?? match[3] ?? ""));
  return found;
}

/**
 * Objects ExcelJS makes from one sheet element beyond its cells: every cell of a merge
 * (`mergeCell ref`), every address of a data validation (`dataValidation sqref`, a list of
 * references), every column of a `col min…max`. A tag too long to keep counts as huge.
 */
export function objectsOfElement(name: string, tag: string | null): number {
  if (tag === null) return Infinity;
  if (name === "col") {
    const mins = attributes(tag, "min").map(Number);
    const maxes = attributes(tag, "max").map(Number);
    const span = Math.max(...maxes, ...mins, 0) - Math.min(...mins, ...maxes, Infinity) + 1;
    return Number.isFinite(span) ? Math.max(span, 1) : 1;
  }
  let cells = 0;
  if (name === "mergeCell") for (const ref of attributes(tag, "ref")) cells += cellsOfOne(ref);
  else
    for (const ref of attributes(tag, "sqref"))
      for (const part of ref.trim().split(/\s+/)) if (part !== "") cells += cellsOfOne(part);
  return cells;
}

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
/** Bytes of a tag or a name's text kept for reading; beyond, it counts as huge. */
const CAPTURE_BYTES = 4096;
const NAME_BYTES = 64;
/** The sheet elements ExcelJS expands into an object per cell or column. */
const EXPANDING = new Set(["mergeCell", "dataValidation", "col"]);

/**
 * A streaming scanner of one XML part: counts `c` and `row` elements (any prefix), and gives each
 * expanding element's start tag (EXPANDING) and each `definedName` text to its callbacks. Every
 * `<` outside an attribute value in well-formed XML starts markup, so counting never needs a full
 * parse; quotes are followed inside tags, so a `>` in an attribute value ends nothing. A `<c `
 * inside a comment or CDATA may count too, which errs toward refusing.
 */
class PartScanner {
  private mode: "text" | "name" | "tag" = "text";
  private name: number[] = [];
  private tag: number[] = [];
  private tagName: string | null = null;
  private tagOverflow = false;
  private quote = 0;
  private text: number[] | null = null;
  private textOverflow = false;
  private lastTagByte = 0;
  private pendingText = false;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly onCell: () => void,
    private readonly onElement: (name: string, tag: string | null) => void,
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
      const byte = chunk[i];
      if (this.mode === "name") {
        if (byte === GREATER_THAN || isSpace(byte) || (byte === SLASH && this.name.length > 0)) {
          this.nameEnded();
          if (byte === GREATER_THAN) this.tagEnded();
          else {
            this.mode = "tag";
            this.quote = 0;
            this.lastTagByte = byte;
            this.keepTag(byte);
          }
        } else if (this.name.length < NAME_BYTES) this.name.push(byte);
        i++;
        continue;
      }
      // Inside a tag, after its name: to its end, following quotes, keeping it when asked.
      if (this.quote !== 0) {
        if (byte === this.quote) this.quote = 0;
      } else if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) this.quote = byte;
      else if (byte === GREATER_THAN) {
        i++;
        this.tagEnded();
        continue;
      }
      this.keepTag(byte);
      if (!isSpace(byte)) this.lastTagByte = byte;
      i++;
    }
  }

  private keepTag(byte: number): void {
    if (this.tagName === null) return;
    if (this.tag.length >= CAPTURE_BYTES) this.tagOverflow = true;
    else this.tag.push(byte);
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
    this.tagName = null;
    this.pendingText = false;
    if (closing) {
      if (name === "definedName" && this.text !== null) {
        this.onName(this.textOverflow ? null : this.decoder.decode(Uint8Array.from(this.text)));
        this.text = null;
      }
      return;
    }
    if (name === "c" || name === "row") this.onCell();
    else if (EXPANDING.has(name)) {
      this.tagName = name;
      this.tag.length = 0;
      this.tagOverflow = false;
    } else if (name === "definedName") this.pendingText = true;
  }

  private tagEnded(): void {
    this.mode = "text";
    if (this.tagName !== null) {
      this.onElement(
        this.tagName,
        this.tagOverflow ? null : this.decoder.decode(Uint8Array.from(this.tag))
      );
      this.tagName = null;
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
    throw new XlsxLimitError(`more than ${format(limits.parts)} parts`, "parts");
  const measure: PackageMeasure = {
    parts: files.length,
    unpackedBytes: 0,
    largestPartBytes: 0,
    cells: 0,
    expanded: new Map(),
    nameCells: [],
  };
  for (const file of files) {
    const name = file.name.replace(/^\//, "");
    const isSheet = WORKSHEET_PART.test(name);
    const isWorkbook = name === WORKBOOK_PART;
    let partBytes = 0;
    let expanded = 0;
    const scanner =
      isSheet || isWorkbook
        ? new PartScanner(
            () => {
              if (!isSheet) return;
              measure.cells++;
              if (measure.cells > limits.cells)
                throw new XlsxLimitError(`more than ${format(limits.cells)} cells`, "cells");
            },
            (element, tag) => {
              if (isSheet) expanded += objectsOfElement(element, tag);
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
          `its part ${name} unpacks to more than ${mebibytes(limits.partBytes)}`,
          "partBytes"
        );
      if (measure.unpackedBytes > limits.unpackedBytes)
        throw new XlsxLimitError(
          `it unpacks to more than ${mebibytes(limits.unpackedBytes)}`,
          "unpackedBytes"
        );
      scanner?.push(chunk);
    });
    measure.largestPartBytes = Math.max(measure.largestPartBytes, partBytes);
    if (isSheet && expanded > 0) measure.expanded.set(file.name, expanded);
  }
  return measure;
}

/**
 * The text with every `<name …>…</name>` (or `<name …/>`) element taken out, unprefixed as ExcelJS
 * reads it, in one pass: each search starts where the last ended. An element left open runs to
 * the end of the text and is taken out with it.
 */
export function withoutElements(xml: string, names: readonly string[]): string {
  const out: string[] = [];
  let at = 0;
  const start = new RegExp(`<(${names.join("|")})(?=[\\s/>])`, "g");
  for (;;) {
    start.lastIndex = at;
    const found = start.exec(xml);
    if (found === null) break;
    out.push(xml.slice(at, found.index));
    const name = found[1];
    // The start tag's end, outside quoted attribute values.
    let i = found.index + name.length + 1;
    let quote = "";
    for (; i < xml.length; i++) {
      const ch = xml[i];
      if (quote !== "") {
        if (ch === quote) quote = "";
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === ">") break;
    }
    if (i >= xml.length) {
      at = xml.length;
      break;
    }
    if (xml[i - 1] === "/") {
      at = i + 1;
      continue;
    }
    const close = new RegExp(`</${name}\\s*>`, "g");
    close.lastIndex = i + 1;
    const end = close.exec(xml);
    if (end === null) {
      at = xml.length;
      break;
    }
    at = end.index + end[0].length;
  }
  out.push(xml.slice(at));
  return out.join("");
}

/** The sheet elements holding what ExcelJS expands: merges, data validations, column widths. */
const EXPANDING_LISTS = ["mergeCells", "dataValidations", "cols"] as const;

/**
 * The package as ExcelJS may read it: the same bytes when it is within the limits and what
 * ExcelJS would expand is small; otherwise, while the sheets' merges, data validations and column
 * ranges together would make more than MERGED_CELLS_READ objects, the heaviest sheet's are left
 * out, and the defined names when theirs cover more (none of these carry data the check reads: a
 * merge's value is in its top-left cell). Changed parts are stored, the rest keep their packed
 * bytes. Throws XlsxLimitError when a limit is passed.
 */
export async function admitXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = READ_LIMITS
): Promise<Uint8Array> {
  if (bytes.length > limits.fileBytes)
    throw new XlsxLimitError(`the file is larger than ${mebibytes(limits.fileBytes)}`, "fileBytes");
  const zip = await JSZip.loadAsync(bytes);
  const measure = await measurePackage(zip, limits);
  const heavy = [...measure.expanded].sort(([, a], [, b]) => b - a);
  let total = heavy.reduce((sum, [, objects]) => sum + objects, 0);
  const nameCells = measure.nameCells.reduce((sum, cells) => sum + cells, 0);
  if (total <= MERGED_CELLS_READ && nameCells <= MERGED_CELLS_READ) return bytes;

  for (const [name, objects] of heavy) {
    if (total <= MERGED_CELLS_READ) break;
    const xml = await (zip.file(name) as JSZip.JSZipObject).async("string");
    zip.file(name, withoutElements(xml, EXPANDING_LISTS), { compression: "STORE" });
    total -= objects;
  }
  if (nameCells > MERGED_CELLS_READ) {
    const file = zip.file(WORKBOOK_PART) ?? zip.file(`/${WORKBOOK_PART}`);
    if (file) {
      const xml = await file.async("string");
      zip.file(file.name, withoutElements(xml, ["definedNames"]), { compression: "STORE" });
    }
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
