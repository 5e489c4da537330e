import type { Objective, Plan } from "../../src/okr/model";
import { checkInValidFormula } from "../../src/sheets/build";
import { CHECK_IN_HEADERS, SHEETS, TABLES } from "../../src/sheets/layout";
import type { CellRange } from "../../src/sheets/spec";
import { cellAddress, columnLetter, sheetReference } from "../../src/sheets/spec";

/**
 * A recording fake of the part of the Excel JavaScript API the Office.js host uses. Like Office,
 * it queues every command until `context.sync()` and applies them then, in order; and like Office
 * it refuses to read a property that was not `load`ed, or was loaded but not yet synced, and
 * refuses `load()` with no property names (the house rule: load named properties only). It counts
 * syncs, records every call with its arguments and estimates each request's JSON size, and keeps
 * the workbook in memory so tests can check what ended up in which cell.
 *
 * A table or column got by name with …OrNullObject is a null object when there is none, and so is
 * every range reached through it: loading from it works, reading what was loaded throws. (Office
 * documents isNullObject, not what a method called on a null object in the same request does;
 * the code under test reads isNullObject before it uses anything reached through one.) Several
 * clients can share one workbook: see FakeExcel.client().
 *
 * Charts (worksheet.charts) are modelled as far as the host draws them: see ChartModel and
 * CHART_API_SETS.
 */

/** Estimated request bytes per action or object path, besides its arguments (Office's RichApi JSON). */
export const REQUEST_BYTES_PER_CALL = 90;
/** A navigation property (range.format, format.font…) is one more object path in the request. */
const REQUEST_BYTES_PER_NAVIGATION = 60;

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

export type CellValue = string | number | boolean;

export interface CellModel {
  /** The constant's value; for a formula cell, the seeded result or null (the fake computes nothing). */
  value: CellValue | null;
  formula: string | null;
  /** Exactly what the last `values`/`formulas` write sent for this cell. */
  written: unknown;
  /** Excel's hidden marker of text entered with a leading apostrophe. */
  quotePrefix: boolean;
  numberFormat: string | null;
  format: Record<string, unknown>;
}

export interface TableModel {
  name: string;
  sheet: string;
  range: CellRange;
  style: string | null;
  /** The header row's text when the table was created (Excel names empty headers Column1…). */
  headers: string[];
}

export interface ConditionalFormatModel {
  range: CellRange;
  type: string;
  properties: Record<string, unknown>;
}

export interface SheetModel {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, CellModel>;
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  frozenRows: number;
  merges: CellRange[];
  validations: { range: CellRange; properties: Record<string, unknown> }[];
  conditionalFormats: ConditionalFormatModel[];
  /** Rows Range.format.autofitRows fitted, 0-based, in call order. */
  fittedRows: number[];
  pageLayout: Record<string, unknown>;
  charts: ChartModel[];
}

/** A chart series as the code set it; ranges as sheet-qualified addresses ('OKR Plan'!B2:B5). */
export interface ChartSeriesModel {
  /** Null: Excel's own name ("Series1"). */
  name: string | null;
  values: string | null;
  xAxisValues: string | null;
  /** Null: the chart's type. */
  chartType: string | null;
  lineColor: string | null;
  lineStyle: string | null;
  fillColor: string | null;
  hasDataLabels: boolean;
  /** Null: Excel's automatic marker. */
  markerStyle: string | null;
  markerSize: number | null;
  markerColor: string | null;
}

export interface ChartAxisModel {
  title: string | null;
  minimum: number | null;
  maximum: number | null;
  numberFormat: string | null;
  /** Categories (or values) plotted from last to first. */
  reversePlotOrder: boolean;
  /** Where the other axis crosses this one: "Automatic", "Maximum"…; null until set. */
  position: string | null;
}

export interface ChartModel {
  name: string;
  type: string;
  title: string | null;
  /** The cells it covers, from setPosition's start cell to its end cell: "D2:K20". */
  position: string | null;
  categoryAxis: ChartAxisModel;
  valueAxis: ChartAxisModel;
  series: ChartSeriesModel[];
}

export interface RecordedCall {
  /** 0-based index of the request (the batch between two syncs). */
  request: number;
  /** `Class.member`: `Range.values`, `Worksheet.getRange`, `Range.format.font.bold`… */
  method: string;
  kind: "call" | "set" | "load";
  args: unknown[];
}

export interface RequestRecord {
  calls: number;
  /** Estimated request size. */
  bytes: number;
  /** JSON size of the loaded values sent back. */
  responseBytes: number;
}

const folded = new Map<string, string>();
/** A name as Excel compares names, without case (memoised: ICU case mapping is slow). */
const fold = (name: string) => {
  let result = folded.get(name);
  if (result === undefined) {
    result = name.toLocaleUpperCase("en-US");
    if (folded.size < 100_000) folded.set(name, result);
  }
  return result;
};
const key = (row: number, column: number) => `${row},${column}`;

function columnIndex(letters: string): number {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n - 1;
}

/** Parses a sheet-relative A1 address: `B3`, `A1:C10`, `B:D`, `2:5`, with optional `$`s. */
export function parseAddress(address: string): CellRange {
  const bare = address.replace(/^.*!/, "").replace(/\$/g, "");
  const [first, second = first] = bare.split(":");
  const part = (text: string): { row?: number; column?: number } => {
    const match = /^([A-Za-z]{0,3})(\d*)$/.exec(text);
    if (!match || (match[1] === "" && match[2] === ""))
      throw new FakeOfficeError("InvalidArgument", `The address "${address}" is not valid.`);
    return {
      column: match[1] ? columnIndex(match[1]) : undefined,
      row: match[2] ? Number(match[2]) - 1 : undefined,
    };
  };
  const a = part(first);
  const b = part(second);
  return {
    startRow: a.row ?? 0,
    startColumn: a.column ?? 0,
    endRow: b.row ?? MAX_ROWS - 1,
    endColumn: b.column ?? MAX_COLUMNS - 1,
  };
}

function formatRange(range: CellRange): string {
  const start = cellAddress(range.startRow, range.startColumn);
  const end = cellAddress(range.endRow, range.endColumn);
  return start === end ? start : `${start}:${end}`;
}

function intersect(a: CellRange, b: CellRange): CellRange | null {
  const range = {
    startRow: Math.max(a.startRow, b.startRow),
    startColumn: Math.max(a.startColumn, b.startColumn),
    endRow: Math.min(a.endRow, b.endRow),
    endColumn: Math.min(a.endColumn, b.endColumn),
  };
  return range.startRow > range.endRow || range.startColumn > range.endColumn ? null : range;
}

const rowsOf = (range: CellRange) => range.endRow - range.startRow + 1;
const columnsOf = (range: CellRange) => range.endColumn - range.startColumn + 1;

function emptyCell(): CellModel {
  return {
    value: null,
    formula: null,
    written: undefined,
    quotePrefix: false,
    numberFormat: null,
    format: {},
  };
}

/** How Excel reads a string typed (or written to `values`) into a cell. */
function enter(cell: CellModel, input: unknown): void {
  cell.written = input;
  cell.quotePrefix = false;
  cell.formula = null;
  if (typeof input === "number" || typeof input === "boolean") {
    cell.value = input;
    return;
  }
  const text = String(input);
  if (text === "") cell.value = null;
  else if (text.startsWith("'")) {
    cell.value = text.slice(1);
    cell.quotePrefix = true;
  } else if (text.startsWith("=") && text.length > 1) {
    cell.formula = text;
    cell.value = null;
  } else if (text.trim() !== "" && Number.isFinite(Number(text))) cell.value = Number(text);
  else if (/^\s*\d+(\.\d+)?%\s*$/.test(text)) cell.value = Number(text.trim().slice(0, -1)) / 100;
  else if (/^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(\/\d{2,4})?)\s*$/.test(text))
    // A date: Excel stores its serial number (the fake only needs to know it is no longer text).
    cell.value = Date.parse(text) / 86_400_000 + 25_569;
  else if (/^(true|false)$/i.test(text)) cell.value = text.toUpperCase() === "TRUE";
  else if (/^[+\-@]/.test(text)) {
    // Typed "+A1" or "@SUM(…)" becomes a formula: the injection the host must escape.
    cell.formula = `=${text.replace(/^@/, "")}`;
    cell.value = null;
  } else cell.value = text;
}

/**
 * A formula copied `rows` rows down, as Excel's fill moves it: relative row numbers of A1
 * references change; string literals, quoted sheet names, absolute rows and names do not.
 */
export function shiftRows(formula: string, rows: number): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.$])(\$?[A-Za-z]{1,3})(\d+)(?![A-Za-z0-9_(])/g,
            (_, column: string, row: string) => `${column}${Number(row) + rows}`
          )
    )
    .join("");
}

type Resolver = () => void;

const NULL_OBJECT = Symbol("null object");

/** Common to every proxy: recorded members, queued commands, loads and the load/sync rules. */
abstract class FakeObject {
  private readonly pending = new Set<string>();
  private readonly loaded = new Map<string, unknown>();
  private navigations = new Map<string, unknown>();

  constructor(
    protected readonly fake: FakeExcel,
    protected readonly label: string
  ) {}

  /** The properties `load` accepts on this object. */
  protected abstract readonly loadable: readonly string[];
  /** The current value of a loadable property, read at sync time. */
  protected abstract current(property: string): unknown;

  load(properties?: string | string[]): this {
    const names = (Array.isArray(properties) ? properties : (properties ?? "").split(","))
      .map((name) => name.trim())
      .filter((name) => name !== "");
    this.fake.record(`${this.label}.load`, "load", [properties]);
    if (names.length === 0)
      throw new Error(
        `${this.label}.load() without property names loads everything: name the properties.`
      );
    for (const name of names)
      if (!this.accepts(name))
        throw new FakeOfficeError(
          "InvalidArgument",
          `${this.label} has no property "${name}" to load.`
        );
    for (const name of names) this.pending.add(name);
    this.fake.enqueue(() => this.resolve(names));
    return this;
  }

  protected accepts(name: string): boolean {
    return this.loadable.includes(name);
  }

  protected resolve(names: string[]): void {
    this.beforeResolve();
    const isNull = this.isNull();
    for (const name of names) {
      const value = isNull ? NULL_OBJECT : this.current(name);
      this.loaded.set(name, value);
      this.pending.delete(name);
      // A collection's items report their own properties as they are filled.
      const items = Array.isArray(value) && value[0] instanceof FakeObject;
      if (!items)
        this.fake.addResponseBytes(
          JSON.stringify(value === NULL_OBJECT ? null : (value ?? null)).length + name.length + 3
        );
    }
  }

  /** Fills properties of an item of a loaded collection, in the collection's sync. */
  loadNow(properties: string[]): void {
    this.resolve(properties);
  }

  /** A null object (…OrNullObject that found nothing): its loaded properties cannot be read. */
  protected isNull(): boolean {
    return false;
  }

  /** Runs at sync before loaded values are captured: null objects check themselves here. */
  protected beforeResolve(): void {}

  protected read<T>(property: string): T {
    if (this.loaded.get(property) === NULL_OBJECT)
      throw new FakeOfficeError(
        "InvalidObjectPath",
        `${this.label}.${property} of a null object: test isNullObject first.`
      );
    if (this.loaded.has(property)) return this.loaded.get(property) as T;
    if (this.pending.has(property))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `${this.label}.${property} was loaded but context.sync() has not run yet.`
      );
    throw new FakeOfficeError(
      "PropertyNotLoaded",
      `${this.label}.${property} is not available: call load("${property}") and context.sync() first.`
    );
  }

  /**
   * A navigation property loaded through a collection ("items/worksheet/name"): it comes back with
   * the collection, in the same response, so the request holds no object path of its own for it.
   */
  protected preset<T>(name: string, value: T): T {
    this.navigations.set(name, value);
    return value;
  }

  /** A navigation property (format, font…): created once, one more object path in the request. */
  protected navigate<T>(name: string, make: () => T): T {
    if (!this.navigations.has(name)) {
      this.fake.addBytes(REQUEST_BYTES_PER_NAVIGATION);
      this.navigations.set(name, make());
    }
    return this.navigations.get(name) as T;
  }
}

/**
 * An object with write-only properties (range.format, format.font, dataValidation…): each set is
 * recorded and applied at sync; reading one throws, as the host never loads them.
 */
function settable(
  fake: FakeExcel,
  label: string,
  properties: readonly string[],
  apply: (property: string, value: unknown) => void,
  children: Record<string, () => object> = {},
  /** Told of every member set or navigated (`label.member`): the chart proxies note them. */
  touched: (member: string) => void = () => {}
): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const property of properties)
    Object.defineProperty(target, property, {
      get() {
        throw new FakeOfficeError(
          "PropertyNotLoaded",
          `${label}.${property} is write-only in this fake.`
        );
      },
      set(value: unknown) {
        touched(`${label}.${property}`);
        fake.record(`${label}.${property}`, "set", [value], () => apply(property, value));
      },
    });
  const made = new Map<string, object>();
  for (const [name, make] of Object.entries(children))
    Object.defineProperty(target, name, {
      get() {
        touched(`${label}.${name}`);
        if (!made.has(name)) {
          fake.addBytes(REQUEST_BYTES_PER_NAVIGATION);
          made.set(name, make());
        }
        return made.get(name);
      },
    });
  return target;
}

interface Located {
  sheet: SheetModel;
  range: CellRange;
}

export class FakeRange extends FakeObject {
  protected readonly loadable = [
    "address",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "values",
    "formulas",
    "numberFormat",
  ] as const;
  private located: Located | null | undefined;
  private nullChecked = false;
  private queuedCheck = false;

  constructor(
    fake: FakeExcel,
    private readonly find: () => Located | null,
    private readonly nullable: boolean
  ) {
    super(fake, "Range");
  }

  private found: { moment: number; located: Located | null } | null = null;

  /** Where the range is now: found again only after the workbook changed (see FakeExcel.moment). */
  private locate(): Located | null {
    const moment = this.fake.moment;
    if (this.found?.moment !== moment) this.found = { moment, located: this.find() };
    return this.found.located;
  }

  /** Where the range is, computed when a command on it runs (Office resolves at sync too). */
  where(): Located {
    const located = this.locate();
    if (located === null)
      throw new FakeOfficeError(
        "InvalidReference",
        "A command used a null range: test isNullObject first."
      );
    return located;
  }

  protected override beforeResolve(): void {
    this.located = this.locate();
    this.nullChecked = true;
    if (this.located === null && !this.nullable)
      throw new FakeOfficeError("InvalidReference", "The range does not exist.");
  }

  protected override isNull(): boolean {
    return this.located === null;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (!this.nullChecked) {
      // No load is needed, but Office fills isNullObject only at the next sync.
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "Range.isNullObject is only known after context.sync()."
      );
    }
    return this.located === null;
  }

  private ensureNullCheck(): void {
    if (this.nullable && !this.nullChecked && !this.queuedCheck) {
      this.queuedCheck = true;
      this.fake.enqueue(() => this.beforeResolve());
    }
  }

  protected current(property: string): unknown {
    if (this.located === null || this.located === undefined)
      throw new FakeOfficeError("InvalidReference", `Range.${property} of a null range.`);
    const { sheet, range } = this.located;
    switch (property) {
      case "address":
        return `${sheetReference(sheet.name)}!${formatRange(range)}`;
      case "rowIndex":
        return range.startRow;
      case "columnIndex":
        return range.startColumn;
      case "rowCount":
        return rowsOf(range);
      case "columnCount":
        return columnsOf(range);
      default:
        return this.fake.cellsOf(sheet, range, property as "values" | "formulas" | "numberFormat");
    }
  }

  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(values: unknown[][]) {
    this.fake.record("Range.values", "set", [values], () =>
      this.fake.writeCells(this.where(), values, "values")
    );
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(formulas: unknown[][]) {
    this.fake.record("Range.formulas", "set", [formulas], () =>
      this.fake.writeCells(this.where(), formulas, "formulas")
    );
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(formats: unknown[][]) {
    this.fake.record("Range.numberFormat", "set", [formats], () =>
      this.fake.writeCells(this.where(), formats, "numberFormat")
    );
  }
  set columnHidden(hidden: boolean) {
    this.fake.record("Range.columnHidden", "set", [hidden], () => {
      const { sheet, range } = this.where();
      for (let c = range.startColumn; c <= range.endColumn; c++)
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
    });
  }

  get format(): Record<string, unknown> {
    return this.navigate("format", () => {
      const cellFormat = (name: string) => (property: string, value: unknown) =>
        this.fake.formatCells(this.where(), `${name}${property}`, value);
      const fitRows = () =>
        this.fake.record("Range.format.autofitRows", "call", [], () => {
          const { sheet, range } = this.where();
          for (let row = range.startRow; row <= range.endRow; row++) sheet.fittedRows.push(row);
        });
      const format = settable(
        this.fake,
        "Range.format",
        ["horizontalAlignment", "verticalAlignment", "wrapText", "columnWidth"],
        (property, value) => {
          if (property === "columnWidth") {
            const { sheet, range } = this.where();
            for (let c = range.startColumn; c <= range.endColumn; c++)
              sheet.columnWidths.set(c, value as number);
          } else cellFormat("")(property, value);
        },
        {
          font: () =>
            settable(
              this.fake,
              "Range.format.font",
              ["bold", "italic", "color", "size"],
              cellFormat("font.")
            ),
          fill: () => settable(this.fake, "Range.format.fill", ["color"], cellFormat("fill.")),
        }
      );
      return Object.assign(format, { autofitRows: fitRows });
    });
  }

  get dataValidation(): Record<string, unknown> {
    return this.navigate("dataValidation", () => {
      let entry: { range: CellRange; properties: Record<string, unknown> } | null = null;
      return settable(
        this.fake,
        "Range.dataValidation",
        ["rule", "errorAlert", "prompt"],
        (property, value) => {
          const { sheet, range } = this.where();
          if (entry === null) {
            if (sheet.validations.some((other) => intersect(other.range, range) !== null))
              throw new FakeOfficeError(
                "InvalidOperation",
                "The range already has data validation."
              );
            entry = { range, properties: {} };
            sheet.validations.push(entry);
          }
          entry.properties[property] = value;
        }
      );
    });
  }

  get conditionalFormats(): { add(type: string): Record<string, unknown> } {
    return this.navigate("conditionalFormats", () => ({
      add: (type: string) => {
        const model: ConditionalFormatModel = {
          range: { startRow: 0, startColumn: 0, endRow: 0, endColumn: 0 },
          type,
          properties: {},
        };
        this.fake.record("ConditionalFormatCollection.add", "call", [type], () => {
          const { sheet, range } = this.where();
          model.range = range;
          sheet.conditionalFormats.push(model);
        });
        const set = (prefix: string) => (property: string, value: unknown) => {
          model.properties[`${prefix}${property}`] = value;
        };
        const format = (prefix: string) => () =>
          settable(this.fake, `ConditionalFormat.${prefix}format`, [], set(`${prefix}format.`), {
            fill: () =>
              settable(
                this.fake,
                `ConditionalFormat.${prefix}format.fill`,
                ["color"],
                set(`${prefix}format.fill.`)
              ),
            font: () =>
              settable(
                this.fake,
                `ConditionalFormat.${prefix}format.font`,
                ["color", "bold"],
                set(`${prefix}format.font.`)
              ),
          });
        return settable(this.fake, "ConditionalFormat", [], set(""), {
          cellValue: () =>
            settable(this.fake, "ConditionalFormat.cellValue", ["rule"], set("cellValue."), {
              format: format("cellValue."),
            }),
          textComparison: () =>
            settable(
              this.fake,
              "ConditionalFormat.textComparison",
              ["rule"],
              set("textComparison."),
              {
                format: format("textComparison."),
              }
            ),
          dataBar: () =>
            settable(
              this.fake,
              "ConditionalFormat.dataBar",
              ["lowerBoundRule", "upperBoundRule", "barDirection"],
              set("dataBar."),
              {
                positiveFormat: () =>
                  settable(
                    this.fake,
                    "ConditionalFormat.dataBar.positiveFormat",
                    ["fillColor", "gradientFill"],
                    set("dataBar.positiveFormat.")
                  ),
              }
            ),
        });
      },
    }));
  }

  merge(across = false): void {
    this.fake.record("Range.merge", "call", [across], () => {
      const { sheet, range } = this.where();
      if (sheet.merges.some((other) => intersect(other, range) !== null))
        throw new FakeOfficeError("InvalidOperation", "Cannot merge over merged cells.");
      sheet.merges.push(range);
    });
  }

  autoFill(destination: string, type = "FillDefault"): void {
    this.fake.record("Range.autoFill", "call", [destination, type], () => {
      const { sheet, range: source } = this.where();
      const target = parseAddress(destination);
      if (type !== "FillCopy")
        throw new Error(`The fake models autoFill "FillCopy" only, not "${type}".`);
      if (
        target.startRow !== source.startRow ||
        target.startColumn !== source.startColumn ||
        target.endColumn !== source.endColumn ||
        target.endRow < source.endRow
      )
        throw new FakeOfficeError(
          "InvalidArgument",
          "The fake fills down only: the destination must extend the source range downwards."
        );
      const height = rowsOf(source);
      for (let row = source.endRow + 1; row <= target.endRow; row++) {
        const from = source.startRow + ((row - source.startRow) % height);
        for (let column = source.startColumn; column <= source.endColumn; column++) {
          const origin = sheet.cells.get(key(from, column)) ?? emptyCell();
          sheet.cells.set(key(row, column), {
            ...origin,
            formula: origin.formula === null ? null : shiftRows(origin.formula, row - from),
            value: origin.formula === null ? origin.value : null,
            written: undefined,
            format: { ...origin.format },
          });
        }
      }
    });
  }

  /**
   * Range.insert (ExcelApi 1.1), modelled for whole rows shifted down ("5:5" or "5:7", "Down"):
   * as Excel does, every cell from the first row down moves down by the rows inserted; a table
   * whose header row is at or below it moves down, one whose inner rows it cuts through grows
   * (one just above it, ending on the row before, does not: Excel does not take a row inserted
   * just below a table into it); merges, data validations and conditional formats move or grow
   * alike; references to the moved cells, in every formula and name, move with them (a range
   * that spans the first row grows). Refused as Excel refuses it: a row that would be pushed off
   * the sheet holding something. What the fake cannot model it refuses: a shift right, a range
   * that is not whole rows. Charts are not moved. Returns the inserted rows.
   */
  insert(shift: string): FakeRange {
    this.fake.record("Range.insert", "call", [shift], () => {
      const { sheet, range } = this.where();
      if (shift !== "Down" && shift !== "down")
        throw new Error(`The fake models Range.insert "Down" only, not "${shift}".`);
      if (range.startColumn !== 0 || range.endColumn !== MAX_COLUMNS - 1)
        throw new Error("The fake models Range.insert on whole rows only.");
      const at = range.startRow;
      const count = range.endRow - range.startRow + 1;
      for (const position of sheet.cells.keys()) {
        const [row] = position.split(",").map(Number);
        if (row > MAX_ROWS - 1 - count)
          throw new FakeOfficeError(
            "InsertDeleteConflict",
            "To prevent possible loss of data, Excel cannot shift nonblank cells off of the worksheet."
          );
      }
      const moved = [...sheet.cells].filter(([position]) => Number(position.split(",")[0]) >= at);
      for (const [position] of moved) sheet.cells.delete(position);
      for (const [position, cell] of moved) {
        const [row, col] = position.split(",").map(Number);
        sheet.cells.set(key(row + count, col), cell);
      }
      const grown = (area: CellRange, inner: boolean): CellRange => {
        if (area.startRow >= at)
          return { ...area, startRow: area.startRow + count, endRow: area.endRow + count };
        if (area.endRow >= at && (!inner || at > area.startRow))
          return { ...area, endRow: area.endRow + count };
        return area;
      };
      for (const table of this.fake.tables)
        if (fold(table.sheet) === fold(sheet.name)) table.range = grown(table.range, true);
      sheet.merges.splice(0, sheet.merges.length, ...sheet.merges.map((m) => grown(m, false)));
      for (const validation of sheet.validations) validation.range = grown(validation.range, false);
      for (const format of sheet.conditionalFormats) format.range = grown(format.range, false);
      for (const each of this.fake.sheets)
        for (const cell of each.cells.values())
          if (cell.formula !== null)
            cell.formula = rowsInserted(cell.formula, each.name, sheet.name, at, count);
      for (const item of this.fake.names)
        item.formula = rowsInserted(item.formula, "", sheet.name, at, count);
    });
    return new FakeRange(this.fake, () => this.where(), false);
  }

  select(): void {
    this.fake.record("Range.select", "call", [], () => {
      const { sheet, range } = this.where();
      this.fake.activeSheet = sheet.name;
      this.fake.selection = { sheet: sheet.name, address: formatRange(range) };
    });
  }

  /** A range computed from this one when a command runs; null where this one is null. */
  private derive(
    method: string,
    args: unknown[],
    map: (located: Located) => Located | null,
    nullable: boolean
  ): FakeRange {
    this.fake.record(`Range.${method}`, "call", args);
    const range = new FakeRange(
      this.fake,
      () => {
        const located = this.locate();
        return located === null ? null : map(located);
      },
      nullable || this.nullable
    );
    range.ensureNullCheck();
    return range;
  }

  /** The `count` rows under this range, across its columns (ExcelApi 1.2). */
  getRowsBelow(count = 1): FakeRange {
    return this.derive(
      "getRowsBelow",
      [count],
      ({ sheet, range }) =>
        range.endRow + count > MAX_ROWS - 1
          ? null
          : {
              sheet,
              range: { ...range, startRow: range.endRow + 1, endRow: range.endRow + count },
            },
      false
    );
  }

  getEntireColumn(): FakeRange {
    return this.derive(
      "getEntireColumn",
      [],
      ({ sheet, range }) => ({ sheet, range: { ...range, startRow: 0, endRow: MAX_ROWS - 1 } }),
      false
    );
  }

  /** The used cells of this range (values only: formatting alone does not count), or null. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.derive(
      "getUsedRangeOrNullObject",
      [valuesOnly],
      ({ sheet, range }) => {
        const used = this.fake.usedRange(sheet, valuesOnly, range);
        return used === null ? null : { sheet, range: used };
      },
      true
    );
  }

  getIntersectionOrNullObject(other: string): FakeRange {
    this.fake.record("Range.getIntersectionOrNullObject", "call", [other]);
    const range = new FakeRange(
      this.fake,
      () => {
        const { sheet, range: mine } = this.where();
        const overlap = intersect(mine, parseAddress(other));
        return overlap === null ? null : { sheet, range: overlap };
      },
      true
    );
    range.ensureNullCheck();
    return range;
  }

  /** Null objects are checked at the sync after they are asked for, loaded or not. */
  static nullable(fake: FakeExcel, locate: () => Located | null): FakeRange {
    const range = new FakeRange(fake, locate, true);
    range.ensureNullCheck();
    return range;
  }
}

/** A table's header texts as its header row holds them now (Excel names empty ones Column1…). */
function tableHeaders(fake: FakeExcel, model: TableModel): string[] {
  const sheet = fake.sheet(model.sheet);
  const headers: string[] = [];
  for (let column = model.range.startColumn; column <= model.range.endColumn; column++) {
    const value = sheet.cells.get(key(model.range.startRow, column))?.value;
    headers.push(
      value === null || value === undefined ? `Column${headers.length + 1}` : String(value)
    );
  }
  return headers;
}

export class FakeTable extends FakeObject {
  protected readonly loadable = ["name", "style", "showTotals"] as const;
  model: TableModel | null = null;
  private nullChecked = false;
  private exists = true;

  /**
   * `lookup`: for a table got by name (…OrNullObject), how to find it when a command runs; the
   * proxy is then a null object when it finds nothing, and so is everything reached through it.
   */
  constructor(
    fake: FakeExcel,
    model: TableModel | null = null,
    private readonly lookup: (() => TableModel | null) | null = null
  ) {
    super(fake, "Table");
    this.model = model;
    if (lookup !== null) fake.enqueue(() => this.checkNull());
  }

  /** The table when a command runs; null for a null object. */
  found(): TableModel | null {
    return this.lookup === null ? this.model : this.lookup();
  }

  private table(): TableModel {
    const model = this.found();
    if (model === null)
      throw new FakeOfficeError(
        "InvalidReference",
        "A command used a null table: test isNullObject first."
      );
    return model;
  }

  private checkNull(): void {
    this.exists = this.found() !== null;
    this.nullChecked = true;
  }

  protected override beforeResolve(): void {
    if (this.lookup !== null) this.checkNull();
  }

  protected override isNull(): boolean {
    return this.lookup !== null && this.nullChecked && !this.exists;
  }

  get isNullObject(): boolean {
    if (this.lookup === null) return false;
    if (!this.nullChecked)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "Table.isNullObject is only known after context.sync()."
      );
    return !this.exists;
  }

  protected current(property: string): unknown {
    const model = this.table();
    return property === "showTotals" ? false : model[property as "name" | "style"];
  }

  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.fake.record("Table.name", "set", [name], () => {
      const model = this.table();
      this.fake.assertNameFree(name, model);
      model.name = name;
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(style: string) {
    this.fake.record("Table.style", "set", [style], () => {
      this.table().style = style;
    });
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }

  /** A range of the table (rows picked from its whole range), null where the table is. */
  rangeOf(pick: (range: CellRange) => CellRange | null): FakeRange {
    const locate = (): Located | null => {
      const model = this.found();
      if (model === null) return null;
      const range = pick(model.range);
      return range === null ? null : { sheet: this.fake.sheet(model.sheet), range };
    };
    return this.lookup === null
      ? new FakeRange(this.fake, locate, false)
      : FakeRange.nullable(this.fake, locate);
  }

  getRange(): FakeRange {
    this.fake.record("Table.getRange", "call", []);
    return this.rangeOf((range) => range);
  }

  getHeaderRowRange(): FakeRange {
    this.fake.record("Table.getHeaderRowRange", "call", []);
    return this.rangeOf((range) => ({ ...range, endRow: range.startRow }));
  }

  getDataBodyRange(): FakeRange {
    this.fake.record("Table.getDataBodyRange", "call", []);
    return this.rangeOf((range) =>
      range.endRow > range.startRow ? { ...range, startRow: range.startRow + 1 } : null
    );
  }

  get worksheet(): FakeWorksheet {
    return this.navigate("worksheet", () => {
      const sheet = new FakeWorksheet(this.fake, () => this.found()?.sheet ?? null, true);
      this.fake.enqueue(() => sheet.checkNull());
      return sheet;
    });
  }

  get columns(): FakeTableColumnCollection {
    return this.navigate("columns", () => new FakeTableColumnCollection(this.fake, this));
  }

  /**
   * An item of a loaded table collection: its own properties, and "worksheet/name" and
   * "columns/items/name" (or index) loaded through it, all in the collection's response.
   */
  loadAsItem(properties: string[]): void {
    const own = properties.filter((property) => !property.includes("/"));
    if (own.length > 0) this.loadNow(own);
    const model = this.table();
    if (properties.includes("worksheet/name"))
      this.preset("worksheet", new FakeWorksheet(this.fake, model.sheet, false)).loadNow(["name"]);
    const columnProperties = properties
      .filter((property) => property.startsWith("columns/items/"))
      .map((property) => property.slice("columns/items/".length));
    if (columnProperties.length > 0)
      this.preset("columns", new FakeTableColumnCollection(this.fake, this)).loadItemsNow(
        columnProperties
      );
  }

  /**
   * Table.resize (ExcelApi 1.13): the new range must keep the header row where it is, overlap
   * the old range, and overlap no other table. Nothing is inserted or moved.
   */
  resize(address: string): void {
    this.fake.record("Table.resize", "call", [address], () => {
      const model = this.table();
      const range = parseAddress(address);
      if (range.startRow !== model.range.startRow || intersect(range, model.range) === null)
        throw new FakeOfficeError(
          "InvalidArgument",
          "The new range must overlap the table and keep its header row."
        );
      for (const other of this.fake.tables)
        if (
          other !== model &&
          fold(other.sheet) === fold(model.sheet) &&
          intersect(other.range, range) !== null
        )
          throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
      model.range = range;
    });
  }
}

class FakeTableColumnCollection extends FakeObject {
  protected readonly loadable = ["items"] as const;
  private itemProperties: string[] = [];

  constructor(
    fake: FakeExcel,
    private readonly table: FakeTable
  ) {
    super(fake, "TableColumnCollection");
  }

  protected override accepts(name: string): boolean {
    return name === "items" || /^items\/(name|index)$/.test(name);
  }

  protected override resolve(names: string[]): void {
    this.itemProperties = names
      .filter((name) => name.startsWith("items/"))
      .map((name) => name.slice(6));
    super.resolve(["items"]);
  }

  /** Filled in the sync of the table collection it was loaded through. */
  loadItemsNow(properties: string[]): void {
    this.resolve(properties.map((property) => `items/${property}`));
  }

  protected current(): unknown {
    const model = this.table.found();
    if (model === null) return [];
    return tableHeaders(this.fake, model).map((header) => {
      const column = new FakeTableColumn(this.fake, this.table, header, true);
      column.loadNow(this.itemProperties);
      return column;
    });
  }

  get items(): FakeTableColumn[] {
    return this.read("items");
  }

  /**
   * TableColumnCollection.add (ExcelApi 1.1; `name` and an index of -1 or null, 1.4): a column
   * inserted at `index` of the table with the header `name` (Excel's "ColumnN" without one). As
   * Excel inserts a table column, the cells of the table's rows from there rightwards (the rest
   * of those rows, beyond the table too) move one column right, a table wholly in those rows and
   * right of it moves along, and references to the moved cells move with them (a whole-column
   * reference stays as it is). What the fake cannot model it refuses: `values` (the header row
   * first, per Office's samples), a reference to a range only partly in the moved cells, a merge
   * or another table only partly in them. It does not move data validations, conditional formats or charts.
   */
  add(index?: number | null, values?: unknown, name?: string): FakeTableColumn {
    this.fake.record("TableColumnCollection.add", "call", [index, values, name], () => {
      const model = this.table.found();
      if (model === null)
        throw new FakeOfficeError("InvalidReference", "A command used a null table.");
      if (values !== undefined && values !== null)
        throw new Error("The fake models TableColumnCollection.add without values only.");
      const width = model.range.endColumn - model.range.startColumn + 1;
      const at = index === undefined || index === null || index === -1 ? width : index;
      if (!Number.isInteger(at) || at < 0 || at > width)
        throw new FakeOfficeError("InvalidArgument", `The index ${String(index)} is out of range.`);
      const sheet = this.fake.sheet(model.sheet);
      const column = model.range.startColumn + at;
      const rows = { first: model.range.startRow, last: model.range.endRow };
      const inRows = (range: CellRange) =>
        range.startRow >= rows.first && range.endRow <= rows.last;
      const touches = (range: CellRange) =>
        range.endRow >= rows.first && range.startRow <= rows.last && range.endColumn >= column;
      for (const merge of sheet.merges)
        if (touches(merge) && !inRows(merge))
          throw new Error("The fake cannot move a merge only partly in the moved cells.");
      const moving = this.fake.tables.filter(
        (other) =>
          other !== model && fold(other.sheet) === fold(model.sheet) && touches(other.range)
      );
      for (const other of moving)
        if (!inRows(other.range) || other.range.startColumn < column)
          throw new FakeOfficeError(
            "InvalidOperation",
            "This operation would shift cells in a table on the worksheet."
          );
      for (const each of this.fake.sheets)
        for (const cell of each.cells.values())
          if (cell.formula !== null)
            cell.formula = cellsMovedRight(cell.formula, each.name, model.sheet, rows, column);
      for (const item of this.fake.names)
        item.formula = cellsMovedRight(item.formula, "", model.sheet, rows, column);
      const moved = [...sheet.cells].filter(([position]) => {
        const [row, col] = position.split(",").map(Number);
        return row >= rows.first && row <= rows.last && col >= column;
      });
      for (const [position] of moved) sheet.cells.delete(position);
      for (const [position, cell] of moved) {
        const [row, col] = position.split(",").map(Number);
        sheet.cells.set(key(row, col + 1), cell);
      }
      for (const merge of sheet.merges)
        if (touches(merge)) {
          // A merge across the insertion widens; one right of it moves.
          if (merge.startColumn >= column) merge.startColumn++;
          merge.endColumn++;
        }
      for (const other of moving) {
        other.range = {
          ...other.range,
          startColumn: other.range.startColumn + 1,
          endColumn: other.range.endColumn + 1,
        };
      }
      model.range = { ...model.range, endColumn: model.range.endColumn + 1 };
      const header = emptyCell();
      enter(header, name ?? `Column${at + 1}`);
      sheet.cells.set(key(rows.first, column), header);
    });
    return new FakeTableColumn(this.fake, this.table, name ?? "");
  }

  /** A column by its header text (compared as Excel does, without case). */
  getItemOrNullObject(name: string): FakeTableColumn {
    this.fake.record("TableColumnCollection.getItemOrNullObject", "call", [name]);
    return new FakeTableColumn(this.fake, this.table, name);
  }
}

export class FakeTableColumn extends FakeObject {
  protected readonly loadable = ["name", "index"] as const;
  private nullChecked = false;
  private exists = false;

  /** `listed`: an item of a loaded column collection, which exists (no null check is queued). */
  constructor(
    fake: FakeExcel,
    private readonly table: FakeTable,
    private readonly wanted: string,
    listed = false
  ) {
    super(fake, "TableColumn");
    if (listed) {
      this.exists = true;
      this.nullChecked = true;
    } else fake.enqueue(() => this.checkNull());
  }

  private cached: {
    moment: number;
    found: { model: TableModel; index: number } | null;
  } | null = null;

  /** The column's table and index in it when a command runs; null when there is none. */
  private found(): { model: TableModel; index: number } | null {
    const moment = this.fake.moment;
    if (this.cached?.moment === moment) return this.cached.found;
    const model = this.table.found();
    const wanted = fold(this.wanted);
    const index =
      model === null
        ? -1
        : tableHeaders(this.fake, model).findIndex((header) => fold(header) === wanted);
    const found = model === null || index < 0 ? null : { model, index };
    this.cached = { moment, found };
    return found;
  }

  private checkNull(): void {
    this.exists = this.found() !== null;
    this.nullChecked = true;
  }

  protected override beforeResolve(): void {
    this.checkNull();
  }

  protected override isNull(): boolean {
    return this.nullChecked && !this.exists;
  }

  get isNullObject(): boolean {
    if (!this.nullChecked)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "TableColumn.isNullObject is only known after context.sync()."
      );
    return !this.exists;
  }

  protected current(property: string): unknown {
    const found = this.found()!;
    return property === "index" ? found.index : tableHeaders(this.fake, found.model)[found.index];
  }

  get name(): string {
    return this.read("name");
  }
  get index(): number {
    return this.read("index");
  }

  private rangeOf(method: string, firstRow: (range: CellRange) => number): FakeRange {
    this.fake.record(`TableColumn.${method}`, "call", []);
    return FakeRange.nullable(this.fake, () => {
      const found = this.found();
      if (found === null) return null;
      const { range } = found.model;
      const column = range.startColumn + found.index;
      const startRow = firstRow(range);
      if (startRow > range.endRow) return null;
      return {
        sheet: this.fake.sheet(found.model.sheet),
        range: { startRow, startColumn: column, endRow: range.endRow, endColumn: column },
      };
    });
  }

  /** The column with its header cell. */
  getRange(): FakeRange {
    return this.rangeOf("getRange", (range) => range.startRow);
  }

  getDataBodyRange(): FakeRange {
    return this.rangeOf("getDataBodyRange", (range) => range.startRow + 1);
  }
}

class FakeTableCollection extends FakeObject {
  protected readonly loadable = ["items"] as const;
  private itemProperties: string[] = [];

  constructor(
    fake: FakeExcel,
    label: string,
    private readonly sheet: FakeWorksheet | null
  ) {
    super(fake, label);
  }

  protected override accepts(name: string): boolean {
    return (
      name === "items" ||
      /^items\/(name|style|showTotals|worksheet\/name|columns\/items\/(name|index))$/.test(name)
    );
  }

  protected override resolve(names: string[]): void {
    this.itemProperties = names
      .filter((name) => name.startsWith("items/"))
      .map((name) => name.slice(6));
    super.resolve(["items"]);
  }

  protected current(): unknown {
    const tables = this.fake.tables.filter(
      (table) => this.sheet === null || fold(table.sheet) === fold(this.sheet.model().name)
    );
    return tables.map((model) => {
      const table = new FakeTable(this.fake, model);
      table.loadAsItem(this.itemProperties);
      return table;
    });
  }

  get items(): FakeTable[] {
    return this.read("items");
  }

  /** A table by name, workbook-wide (as Excel's table names are), or a null object. */
  getItemOrNullObject(name: string): FakeTable {
    this.fake.record(`${this.label}.getItemOrNullObject`, "call", [name]);
    return new FakeTable(
      this.fake,
      null,
      () =>
        this.fake.tables.find(
          (table) =>
            fold(table.name) === fold(name) &&
            (this.sheet === null || fold(table.sheet) === fold(this.sheet.model().name))
        ) ?? null
    );
  }

  add(address: string, hasHeaders: boolean): FakeTable {
    const table = new FakeTable(this.fake);
    this.fake.record(`${this.label}.add`, "call", [address, hasHeaders], () => {
      if (this.sheet === null) throw new Error("The fake supports worksheet.tables.add only.");
      const sheet = this.sheet.model();
      const range = parseAddress(address);
      for (const other of this.fake.tables)
        if (fold(other.sheet) === fold(sheet.name) && intersect(other.range, range) !== null)
          throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
      const headers: string[] = [];
      for (let c = range.startColumn; c <= range.endColumn; c++) {
        const value = sheet.cells.get(key(range.startRow, c))?.value;
        headers.push(
          value === null || value === undefined ? `Column${headers.length + 1}` : String(value)
        );
      }
      let n = this.fake.tables.length + 1;
      while (this.fake.nameTaken(`Table${n}`)) n++;
      table.model = { name: `Table${n}`, sheet: sheet.name, range, style: null, headers };
      this.fake.tables.push(table.model);
    });
    return table;
  }
}

/** Whether ExcelApi `version` is within the fake's `apiVersion` (null: every set). */
function hasApi(fake: FakeExcel, version: string): boolean {
  if (fake.apiVersion === null) return true;
  const [aMajor, aMinor] = fake.apiVersion.split(".").map(Number);
  const [bMajor, bMinor] = version.split(".").map(Number);
  return aMajor > bMajor || (aMajor === bMajor && aMinor >= bMinor);
}

class FakeNamedItem extends FakeObject {
  protected readonly loadable = ["name", "formula"] as const;
  private exists = true;
  private nullChecked = false;
  constructor(
    fake: FakeExcel,
    private readonly model: { name: string; formula: string } | null,
    /** For getItemOrNullObject: the name looked up at sync. */
    private readonly lookup: string | null = null
  ) {
    super(fake, "NamedItem");
  }
  protected override accepts(name: string): boolean {
    // NamedItem.formula is ExcelApi 1.7 (name and value are 1.1).
    if (name === "formula" && !hasApi(this.fake, "1.7"))
      throw new FakeOfficeError(
        "ApiNotFound",
        `NamedItem.formula needs ExcelApi 1.7; this fake Excel has ${this.fake.apiVersion}.`
      );
    return super.accepts(name);
  }
  private found(): { name: string; formula: string } | null {
    if (this.lookup === null) return this.model;
    const wanted = this.lookup.toUpperCase();
    return this.fake.names.find((item) => item.name.toUpperCase() === wanted) ?? null;
  }
  checkNull(): void {
    this.exists = this.found() !== null;
    this.nullChecked = true;
  }
  protected override beforeResolve(): void {
    if (this.lookup !== null) this.checkNull();
  }
  protected override isNull(): boolean {
    return this.lookup !== null && this.nullChecked && !this.exists;
  }
  get isNullObject(): boolean {
    if (this.lookup === null) return false;
    if (!this.nullChecked)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "NamedItem.isNullObject is only known after context.sync()."
      );
    return !this.exists;
  }
  protected current(property: string): unknown {
    return this.found()?.[property as "name" | "formula"];
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
}

/**
 * NamedItemCollection.getItemOrNullObject's item: found at sync; `isNullObject` readable after
 * that sync; `formula` loadable, and settable (applied at the next sync, as Office does).
 */
class FakeNullableNamedItem extends FakeObject {
  protected readonly loadable = ["name", "formula"] as const;
  private checked: boolean | null = null;
  constructor(
    fake: FakeExcel,
    private readonly wanted: string
  ) {
    super(fake, "NamedItem");
    fake.enqueue(() => {
      this.checked = this.model() === null;
    });
  }
  private model(): { name: string; formula: string } | null {
    return this.fake.names.find((item) => fold(item.name) === fold(this.wanted)) ?? null;
  }
  protected override accepts(name: string): boolean {
    // NamedItem.formula is ExcelApi 1.7 (name and value are 1.1).
    if (name === "formula" && !hasApi(this.fake, "1.7"))
      throw new FakeOfficeError(
        "ApiNotFound",
        `NamedItem.formula needs ExcelApi 1.7; this fake Excel has ${this.fake.apiVersion}.`
      );
    return super.accepts(name);
  }
  protected override isNull(): boolean {
    return this.model() === null;
  }
  protected current(property: string): unknown {
    return this.model()![property as "name" | "formula"];
  }
  get isNullObject(): boolean {
    if (this.checked === null)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "NamedItem.isNullObject is known only after context.sync()."
      );
    return this.checked;
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
  set formula(value: string) {
    if (!hasApi(this.fake, "1.7"))
      throw new FakeOfficeError(
        "ApiNotFound",
        `Setting NamedItem.formula needs ExcelApi 1.7; this fake Excel has ${this.fake.apiVersion}.`
      );
    this.fake.record("NamedItem.formula", "set", [value], () => {
      const model = this.model();
      if (model === null)
        throw new FakeOfficeError("InvalidObjectPath", `No name "${this.wanted}" to set.`);
      model.formula = value;
    });
  }
}

class FakeNamedItemCollection extends FakeObject {
  protected readonly loadable = ["items"] as const;
  private itemProperties: string[] = [];

  constructor(fake: FakeExcel) {
    super(fake, "NamedItemCollection");
  }
  protected override accepts(name: string): boolean {
    if (name === "items/formula" && !hasApi(this.fake, "1.7"))
      throw new FakeOfficeError(
        "ApiNotFound",
        `NamedItem.formula needs ExcelApi 1.7; this fake Excel has ${this.fake.apiVersion}.`
      );
    return name === "items" || /^items\/(name|formula)$/.test(name);
  }
  protected override resolve(names: string[]): void {
    this.itemProperties = names
      .filter((name) => name.startsWith("items/"))
      .map((name) => name.slice(6));
    super.resolve(["items"]);
  }
  protected current(): unknown {
    return this.fake.names.map((model) => {
      const item = new FakeNamedItem(this.fake, model);
      item.loadNow(this.itemProperties);
      return item;
    });
  }
  get items(): FakeNamedItem[] {
    return this.read("items");
  }
  getItemOrNullObject(name: string): FakeNullableNamedItem {
    this.fake.record("NamedItemCollection.getItemOrNullObject", "call", [name]);
    return new FakeNullableNamedItem(this.fake, name);
  }
  /** The added item: only `visible` can be set on it. */
  add(name: string, reference: string, comment?: string): Record<string, unknown> {
    const model: { name: string; formula: string; visible?: boolean } = {
      name,
      formula: reference,
    };
    this.fake.record(
      "NamedItemCollection.add",
      "call",
      comment === undefined ? [name, reference] : [name, reference, comment],
      () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
          throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid name.`);
        this.fake.assertNameFree(name, null);
        this.fake.names.push(model);
      }
    );
    return settable(this.fake, "NamedItem", ["visible"], (_, visible) => {
      if (visible === false) model.visible = false;
      else delete model.visible;
    });
  }
}

// ---- charts ----

/**
 * The ExcelApi requirement set of every chart member the fake models, as Microsoft's reference
 * gives it for each member ("[Api set: ExcelApi 1.x]" at learn.microsoft.com/javascript/api/excel,
 * and in @types/office-js). The fake notes each member the code touches (`fake.chartMembers`), so
 * a test can hold the newest set used against the set the host checks for.
 */
export const CHART_API_SETS = {
  "Worksheet.charts": "1.1",
  "ChartCollection.add": "1.1",
  "Chart.name": "1.1",
  "Chart.title": "1.1",
  "ChartTitle.text": "1.1",
  "Chart.setPosition": "1.1",
  "Chart.axes": "1.1",
  "ChartAxes.categoryAxis": "1.1",
  "ChartAxes.valueAxis": "1.1",
  "ChartAxis.title": "1.1",
  "ChartAxisTitle.text": "1.1",
  "ChartAxis.minimum": "1.1",
  "ChartAxis.maximum": "1.1",
  "ChartAxis.numberFormat": "1.8",
  "ChartAxis.reversePlotOrder": "1.7",
  "ChartAxis.position": "1.8",
  "Chart.series": "1.1",
  "ChartSeriesCollection.getItemAt": "1.1",
  "ChartSeriesCollection.add": "1.7",
  "ChartSeries.name": "1.1",
  "ChartSeries.setValues": "1.7",
  "ChartSeries.setXAxisValues": "1.7",
  "ChartSeries.chartType": "1.7",
  "ChartSeries.hasDataLabels": "1.7",
  "ChartSeries.markerStyle": "1.7",
  "ChartSeries.markerSize": "1.7",
  "ChartSeries.markerBackgroundColor": "1.7",
  "ChartSeries.markerForegroundColor": "1.7",
  "ChartSeries.format": "1.1",
  "ChartSeriesFormat.line": "1.1",
  "ChartSeriesFormat.fill": "1.1",
  "ChartLineFormat.color": "1.1",
  "ChartLineFormat.lineStyle": "1.7",
  "ChartFill.setSolidColor": "1.1",
} as const;
export type ChartMember = keyof typeof CHART_API_SETS;

/** Excel.ChartMarkerStyle. */
const MARKER_STYLES: ReadonlySet<string> = new Set([
  "Invalid",
  "Automatic",
  "None",
  "Square",
  "Diamond",
  "Triangle",
  "X",
  "Star",
  "Dot",
  "Dash",
  "Circle",
  "Plus",
  "Picture",
]);

/** The Excel.ChartType values the fake draws; Excel has more (3-D, stock, maps…), refused here. */
const CHART_TYPES: ReadonlySet<string> = new Set([
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineStacked",
  "LineStacked100",
  "LineMarkers",
  "LineMarkersStacked",
  "LineMarkersStacked100",
  "Area",
  "AreaStacked",
  "AreaStacked100",
  "Pie",
  "Doughnut",
  "XYScatter",
]);
/** Excel.ChartLineStyle */
const LINE_STYLES: ReadonlySet<string> = new Set([
  "None",
  "Continuous",
  "Dash",
  "DashDot",
  "DashDotDot",
  "Dot",
  "Grey25",
  "Grey50",
  "Grey75",
  "Automatic",
  "RoundDot",
]);
/** Excel.ChartAxisPosition */
const AXIS_POSITIONS: ReadonlySet<string> = new Set(["Automatic", "Maximum", "Minimum", "Custom"]);
/** Excel.ChartSeriesBy */
const SERIES_BY: ReadonlySet<string> = new Set(["Auto", "Columns", "Rows"]);

/** An HTML colour as Office takes it: #RRGGBB or a name ("orange"). */
function assertColor(member: string, color: unknown): string {
  if (typeof color !== "string" || !/^(#[0-9A-Fa-f]{6}|[A-Za-z]+)$/.test(color))
    throw new FakeOfficeError(
      "InvalidArgument",
      `${member}: ${JSON.stringify(color)} is not a colour.`
    );
  return color;
}

function assertOneOf(member: string, allowed: ReadonlySet<string>, value: unknown): string {
  if (typeof value !== "string" || !allowed.has(value))
    throw new FakeOfficeError(
      "InvalidArgument",
      `${member}: ${JSON.stringify(value)} is not one of ${[...allowed].join(", ")}.`
    );
  return value;
}

function assertRange(member: string, range: unknown): FakeRange {
  if (!(range instanceof FakeRange))
    throw new FakeOfficeError("InvalidArgument", `${member} takes a Range object.`);
  return range;
}

/** A range's sheet-qualified address, as Range.address gives it. */
function qualified({ sheet, range }: Located): string {
  return `${sheetReference(sheet.name)}!${formatRange(range)}`;
}

/** A series as a chart has it before anything is set on it, with `overrides` set. */
export function chartSeriesModel(overrides: Partial<ChartSeriesModel> = {}): ChartSeriesModel {
  return {
    name: null,
    values: null,
    xAxisValues: null,
    chartType: null,
    lineColor: null,
    lineStyle: null,
    fillColor: null,
    hasDataLabels: false,
    markerStyle: null,
    markerSize: null,
    markerColor: null,
    ...overrides,
  };
}

/** An axis as a new chart has it, with `overrides` set. */
export function chartAxisModel(overrides: Partial<ChartAxisModel> = {}): ChartAxisModel {
  return {
    title: null,
    minimum: null,
    maximum: null,
    numberFormat: null,
    reversePlotOrder: false,
    position: null,
    ...overrides,
  };
}

/** A Range argument as the request holds it: a reference to an object path, not the range. */
const RANGE_ARGUMENT = "Range";

class FakeChartSeries {
  /** Found when a command on the series runs (a series added in this request exists by then). */
  constructor(
    private readonly fake: FakeExcel,
    private readonly find: () => ChartSeriesModel
  ) {}

  private set(member: ChartMember, value: unknown, apply: (model: ChartSeriesModel) => void): void {
    this.fake.recordChart(member, "set", [value], () => apply(this.find()));
  }

  set name(name: string) {
    this.set("ChartSeries.name", name, (model) => {
      model.name = String(name);
    });
  }
  set chartType(type: string) {
    this.set("ChartSeries.chartType", type, (model) => {
      model.chartType = assertOneOf("ChartSeries.chartType", CHART_TYPES, type);
    });
  }
  set hasDataLabels(shown: boolean) {
    this.set("ChartSeries.hasDataLabels", shown, (model) => {
      model.hasDataLabels = shown;
    });
  }
  set markerStyle(style: string) {
    this.set("ChartSeries.markerStyle", style, (model) => {
      model.markerStyle = assertOneOf("ChartSeries.markerStyle", MARKER_STYLES, style);
    });
  }
  set markerSize(size: number) {
    this.set("ChartSeries.markerSize", size, (model) => {
      // Excel takes 2 to 72 points and refuses anything else (InvalidArgument).
      if (!Number.isInteger(size) || size < 2 || size > 72)
        throw new Error(`InvalidArgument: ChartSeries.markerSize ${String(size)} is not 2–72`);
      model.markerSize = size;
    });
  }
  set markerBackgroundColor(color: string) {
    this.set("ChartSeries.markerBackgroundColor", color, (model) => {
      model.markerColor = assertColor("ChartSeries.markerBackgroundColor", color);
    });
  }
  set markerForegroundColor(color: string) {
    this.set("ChartSeries.markerForegroundColor", color, (model) => {
      if (assertColor("ChartSeries.markerForegroundColor", color) !== model.markerColor)
        throw new Error("The fake records one marker colour: set both to the same.");
    });
  }

  setValues(sourceData: unknown): void {
    const range = assertRange("ChartSeries.setValues", sourceData);
    this.fake.recordChart("ChartSeries.setValues", "call", [RANGE_ARGUMENT], () => {
      this.find().values = qualified(range.where());
    });
  }

  setXAxisValues(sourceData: unknown): void {
    const range = assertRange("ChartSeries.setXAxisValues", sourceData);
    this.fake.recordChart("ChartSeries.setXAxisValues", "call", [RANGE_ARGUMENT], () => {
      this.find().xAxisValues = qualified(range.where());
    });
  }

  private madeFormat: Record<string, unknown> | null = null;

  get format(): Record<string, unknown> {
    this.fake.touchChartMember("ChartSeries.format");
    if (this.madeFormat === null) {
      this.fake.addBytes(REQUEST_BYTES_PER_NAVIGATION);
      const touched = (member: string) => this.fake.touchChartMember(member);
      this.madeFormat = settable(
        this.fake,
        "ChartSeriesFormat",
        [],
        () => {},
        {
          line: () =>
            settable(
              this.fake,
              "ChartLineFormat",
              ["color", "lineStyle"],
              (property, value) => {
                const model = this.find();
                if (property === "color")
                  model.lineColor = assertColor("ChartLineFormat.color", value);
                else model.lineStyle = assertOneOf("ChartLineFormat.lineStyle", LINE_STYLES, value);
              },
              {},
              touched
            ),
          fill: () => ({
            setSolidColor: (color: string) =>
              this.fake.recordChart("ChartFill.setSolidColor", "call", [color], () => {
                this.find().fillColor = assertColor("ChartFill.setSolidColor", color);
              }),
          }),
        },
        touched
      );
    }
    return this.madeFormat;
  }
}

class FakeChart {
  /** Set when ChartCollection.add runs at sync; every later command on the chart runs after it. */
  model: ChartModel | null = null;
  private readonly made = new Map<string, unknown>();

  constructor(private readonly fake: FakeExcel) {}

  private chart(): ChartModel {
    if (this.model === null) throw new Error("A chart command ran before the chart was added.");
    return this.model;
  }

  /** A navigation (title, axes, series): one object path in the request, made once. */
  private part<T>(member: ChartMember, make: () => T): T {
    this.fake.touchChartMember(member);
    if (!this.made.has(member)) {
      this.fake.addBytes(REQUEST_BYTES_PER_NAVIGATION);
      this.made.set(member, make());
    }
    return this.made.get(member) as T;
  }

  set name(name: string) {
    this.fake.recordChart("Chart.name", "set", [name], () => {
      if (typeof name !== "string" || name === "")
        throw new FakeOfficeError("InvalidArgument", "Chart.name must be a non-empty string.");
      this.chart().name = name;
    });
  }

  get title(): Record<string, unknown> {
    const touched = (member: string) => this.fake.touchChartMember(member);
    return this.part("Chart.title", () =>
      settable(
        this.fake,
        "ChartTitle",
        ["text"],
        (_, value) => {
          this.chart().title = String(value);
        },
        {},
        touched
      )
    );
  }

  get axes(): Record<string, unknown> {
    const touched = (member: string) => this.fake.touchChartMember(member);
    const axis = (pick: (model: ChartModel) => ChartAxisModel) => () =>
      settable(
        this.fake,
        "ChartAxis",
        ["minimum", "maximum", "numberFormat", "reversePlotOrder", "position"],
        (property, value) => {
          const model = pick(this.chart());
          if (property === "numberFormat") model.numberFormat = String(value);
          else if (property === "reversePlotOrder") model.reversePlotOrder = value === true;
          else if (property === "position")
            model.position = assertOneOf("ChartAxis.position", AXIS_POSITIONS, value);
          else if (typeof value !== "number" || !Number.isFinite(value))
            throw new FakeOfficeError("InvalidArgument", `ChartAxis.${property} must be a number.`);
          else model[property as "minimum" | "maximum"] = value;
        },
        {
          title: () =>
            settable(
              this.fake,
              "ChartAxisTitle",
              ["text"],
              (_, value) => {
                pick(this.chart()).title = String(value);
              },
              {},
              touched
            ),
        },
        touched
      );
    return this.part("Chart.axes", () =>
      settable(
        this.fake,
        "ChartAxes",
        [],
        () => {},
        {
          categoryAxis: axis((model) => model.categoryAxis),
          valueAxis: axis((model) => model.valueAxis),
        },
        touched
      )
    );
  }

  get series(): { getItemAt(index: number): FakeChartSeries; add(name?: string): FakeChartSeries } {
    return this.part("Chart.series", () => ({
      getItemAt: (index: number) => {
        this.fake.recordChart("ChartSeriesCollection.getItemAt", "call", [index]);
        return new FakeChartSeries(this.fake, () => {
          const series = this.chart().series[index];
          if (series === undefined)
            throw new FakeOfficeError("ItemNotFound", `The chart has no series at ${index}.`);
          return series;
        });
      },
      add: (name?: string) => {
        let added: ChartSeriesModel | null = null;
        this.fake.recordChart(
          "ChartSeriesCollection.add",
          "call",
          name === undefined ? [] : [name],
          () => {
            added = chartSeriesModel({ name: name ?? null });
            this.chart().series.push(added);
          }
        );
        return new FakeChartSeries(this.fake, () => added!);
      },
    }));
  }

  setPosition(startCell: unknown, endCell?: unknown): void {
    const cell = (argument: unknown): Located | CellRange => {
      if (typeof argument === "string") return parseAddress(argument);
      return assertRange("Chart.setPosition", argument).where();
    };
    const args = [startCell, endCell]
      .filter((argument) => argument !== undefined)
      .map((argument) => (typeof argument === "string" ? argument : RANGE_ARGUMENT));
    this.fake.recordChart("Chart.setPosition", "call", args, () => {
      const model = this.chart();
      const sheetOf = this.fake.sheets.find((sheet) => sheet.charts.includes(model))!;
      const where = (argument: unknown): CellRange => {
        const found = cell(argument);
        if ("sheet" in found) {
          if (found.sheet !== sheetOf)
            throw new FakeOfficeError(
              "InvalidArgument",
              "Chart.setPosition: a cell of another sheet."
            );
          return found.range;
        }
        return found;
      };
      const start = where(startCell);
      const end = endCell === undefined ? start : where(endCell);
      model.position = formatRange({
        startRow: start.startRow,
        startColumn: start.startColumn,
        endRow: end.endRow,
        endColumn: end.endColumn,
      });
    });
  }
}

class FakeChartCollection {
  constructor(
    private readonly fake: FakeExcel,
    private readonly worksheet: FakeWorksheet
  ) {}

  /**
   * A chart over `sourceData` (on any sheet), drawn on this collection's sheet: one series per
   * column, or per row with seriesBy "Rows" (and with "Auto" when the range is wider than tall).
   */
  add(type: string, sourceData: unknown, seriesBy?: string): FakeChart {
    const range = assertRange("ChartCollection.add", sourceData);
    const chart = new FakeChart(this.fake);
    const args = seriesBy === undefined ? [type, RANGE_ARGUMENT] : [type, RANGE_ARGUMENT, seriesBy];
    this.fake.recordChart("ChartCollection.add", "call", args, () => {
      assertOneOf("ChartCollection.add", CHART_TYPES, type);
      if (seriesBy !== undefined) assertOneOf("ChartCollection.add", SERIES_BY, seriesBy);
      const sheet = this.worksheet.model();
      const source = range.where();
      const byRows =
        seriesBy === "Rows" ||
        ((seriesBy ?? "Auto") === "Auto" && columnsOf(source.range) > rowsOf(source.range));
      const count = byRows ? rowsOf(source.range) : columnsOf(source.range);
      const series = Array.from({ length: count }, (_, index) => {
        const part = byRows
          ? {
              ...source.range,
              startRow: source.range.startRow + index,
              endRow: source.range.startRow + index,
            }
          : {
              ...source.range,
              startColumn: source.range.startColumn + index,
              endColumn: source.range.startColumn + index,
            };
        return chartSeriesModel({ values: qualified({ sheet: source.sheet, range: part }) });
      });
      const charts = this.fake.sheets.reduce((total, other) => total + other.charts.length, 0);
      chart.model = {
        name: `Chart ${charts + 1}`,
        type,
        title: null,
        position: null,
        categoryAxis: chartAxisModel(),
        valueAxis: chartAxisModel(),
        series,
      };
      sheet.charts.push(chart.model);
    });
    return chart;
  }
}

export class FakeWorksheet extends FakeObject {
  protected readonly loadable = ["name", "visibility", "position"] as const;
  private nullChecked = false;
  private exists = false;

  /** `wanted`: the sheet's name, or how to find it when a command runs (null: there is none). */
  constructor(
    fake: FakeExcel,
    private readonly wanted: string | (() => string | null),
    private readonly nullable: boolean
  ) {
    super(fake, "Worksheet");
  }

  private wantedName(): string | null {
    return typeof this.wanted === "string" ? this.wanted : this.wanted();
  }

  /** The sheet this proxy stands for, looked up when a command runs. */
  model(): SheetModel {
    const wanted = this.wantedName();
    const sheet =
      wanted === null
        ? undefined
        : this.fake.sheets.find((candidate) => fold(candidate.name) === fold(wanted));
    if (!sheet) throw new FakeOfficeError("ItemNotFound", `There is no sheet "${wanted}".`);
    return sheet;
  }

  checkNull(): void {
    const wanted = this.wantedName();
    this.exists =
      wanted !== null &&
      this.fake.sheets.some((candidate) => fold(candidate.name) === fold(wanted));
    this.nullChecked = true;
  }

  protected override isNull(): boolean {
    return this.nullable && this.nullChecked && !this.exists;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (!this.nullChecked)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "Worksheet.isNullObject is only known after context.sync()."
      );
    return !this.exists;
  }

  protected current(property: string): unknown {
    const sheet = this.model();
    if (property === "position") return this.fake.sheets.indexOf(sheet);
    return sheet[property as "name" | "visibility"];
  }

  get name(): string {
    return this.read("name");
  }
  get visibility(): string {
    return this.read("visibility");
  }

  getRange(address?: string): FakeRange {
    this.fake.record("Worksheet.getRange", "call", address === undefined ? [] : [address]);
    const range = address === undefined ? null : parseAddress(address);
    return new FakeRange(
      this.fake,
      () => ({
        sheet: this.model(),
        range: range ?? {
          startRow: 0,
          startColumn: 0,
          endRow: MAX_ROWS - 1,
          endColumn: MAX_COLUMNS - 1,
        },
      }),
      false
    );
  }

  getUsedRange(valuesOnly = false): FakeRange {
    this.fake.record("Worksheet.getUsedRange", "call", [valuesOnly]);
    return new FakeRange(
      this.fake,
      () => {
        const sheet = this.model();
        return {
          sheet,
          range: this.fake.usedRange(sheet, valuesOnly) ?? {
            startRow: 0,
            startColumn: 0,
            endRow: 0,
            endColumn: 0,
          },
        };
      },
      false
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.fake.record("Worksheet.getUsedRangeOrNullObject", "call", [valuesOnly]);
    return FakeRange.nullable(this.fake, () => {
      const sheet = this.model();
      const range = this.fake.usedRange(sheet, valuesOnly);
      return range === null ? null : { sheet, range };
    });
  }

  get tables(): FakeTableCollection {
    return this.navigate(
      "tables",
      () => new FakeTableCollection(this.fake, "Worksheet.tables", this)
    );
  }

  get charts(): FakeChartCollection {
    this.fake.touchChartMember("Worksheet.charts");
    return this.navigate("charts", () => new FakeChartCollection(this.fake, this));
  }

  get freezePanes(): { freezeRows(count: number): void } {
    return this.navigate("freezePanes", () => ({
      freezeRows: (count: number) =>
        this.fake.record("WorksheetFreezePanes.freezeRows", "call", [count], () => {
          this.model().frozenRows = count;
        }),
    }));
  }

  get pageLayout(): Record<string, unknown> {
    return this.navigate("pageLayout", () =>
      Object.assign(
        settable(this.fake, "PageLayout", ["orientation", "zoom"], (property, value) => {
          this.model().pageLayout[property] = value;
        }),
        {
          /** Kept as given ("$1:$3"); Excel takes whole rows only. */
          setPrintTitleRows: (rows: string) =>
            this.fake.record("PageLayout.setPrintTitleRows", "call", [rows], () => {
              const range = parseAddress(rows);
              if (range.startColumn !== 0 || range.endColumn !== MAX_COLUMNS - 1)
                throw new FakeOfficeError("InvalidArgument", `"${rows}" is not whole rows.`);
              this.model().pageLayout.printTitleRows = rows;
            }),
        }
      )
    );
  }

  activate(): void {
    this.fake.record("Worksheet.activate", "call", [], () => {
      this.fake.activeSheet = this.model().name;
    });
  }
}

class FakeWorksheetCollection extends FakeObject {
  protected readonly loadable = ["items"] as const;
  private itemProperties: string[] = [];

  constructor(fake: FakeExcel) {
    super(fake, "WorksheetCollection");
  }
  protected override accepts(name: string): boolean {
    return name === "items" || /^items\/(name|visibility|position)$/.test(name);
  }
  protected override resolve(names: string[]): void {
    this.itemProperties = names
      .filter((name) => name.startsWith("items/"))
      .map((name) => name.slice(6));
    super.resolve(["items"]);
  }
  protected current(): unknown {
    return this.fake.sheets.map((model) => {
      const sheet = new FakeWorksheet(this.fake, model.name, false);
      sheet.loadNow(this.itemProperties);
      return sheet;
    });
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }

  add(name: string): FakeWorksheet {
    this.fake.record("WorksheetCollection.add", "call", [name], () => {
      if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name))
        throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid sheet name.`);
      if (this.fake.sheets.some((sheet) => fold(sheet.name) === fold(name)))
        throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      this.fake.sheets.push(newSheet(name));
    });
    return new FakeWorksheet(this.fake, name, false);
  }

  getItem(name: string): FakeWorksheet {
    this.fake.record("WorksheetCollection.getItem", "call", [name]);
    return new FakeWorksheet(this.fake, name, false);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    this.fake.record("WorksheetCollection.getItemOrNullObject", "call", [name]);
    const sheet = new FakeWorksheet(this.fake, name, true);
    this.fake.enqueue(() => sheet.checkNull());
    return sheet;
  }
}

function newSheet(name: string): SheetModel {
  return {
    name,
    visibility: "Visible",
    cells: new Map(),
    columnWidths: new Map(),
    hiddenColumns: new Set(),
    frozenRows: 0,
    merges: [],
    validations: [],
    conditionalFormats: [],
    fittedRows: [],
    pageLayout: {},
    charts: [],
  };
}

/**
 * Co-authoring: several clients (`fake.client()`) share one workbook, each with its own request
 * context, queue, sync count and call record. A client's sync applies its queued commands all at
 * once, in order, with no other client's command in between. After `hold()`, a client's syncs
 * wait until the test calls `release()` on it, so a test decides the interleaving (read A, read
 * B, write A, write B, …); `parked` says whether a sync is waiting.
 */
export class FakeExcel {
  readonly sheets: SheetModel[];
  readonly tables: TableModel[];
  /** `visible` is there only once set to false (NamedItem.visible). */
  readonly names: { name: string; formula: string; visible?: boolean }[];
  activeSheet: string | null = null;
  /**
   * The newest ExcelApi set this Excel has, for the members the fake checks (NamedItem.formula,
   * 1.7); null: every set.
   */
  apiVersion: string | null = null;
  selection: { sheet: string; address: string } | null = null;

  syncs = 0;
  readonly calls: RecordedCall[] = [];
  /** Every chart member the code touched (set, called or navigated), named as in CHART_API_SETS. */
  readonly chartMembers = new Set<ChartMember>();
  /** One record per request sent, i.e. per sync. */
  readonly requests: RequestRecord[] = [];
  private queue: Resolver[] = [];
  private current: RequestRecord = { calls: 0, bytes: 0, responseBytes: 0 };
  private holding = false;
  private waiting: (() => void) | null = null;
  /** Shared by the clients of one workbook. */
  private readonly clock: { moment: number };

  readonly context: Excel.RequestContext;

  /**
   * `payloadLimit`: request and response bytes refused, as Excel on the web refuses 5 MB.
   * `shared`: another client whose workbook this one opens (see `client()`).
   */
  constructor(
    private readonly payloadLimit = 5 * 1024 * 1024,
    shared?: FakeExcel
  ) {
    this.clock = shared?.clock ?? { moment: 0 };
    this.sheets = shared?.sheets ?? [];
    this.tables = shared?.tables ?? [];
    this.names = shared?.names ?? [];
    const worksheets = new FakeWorksheetCollection(this);
    const workbook = {
      worksheets,
      tables: new FakeTableCollection(this, "TableCollection", null),
      names: new FakeNamedItemCollection(this),
    };
    const application = {
      suspendApiCalculationUntilNextSync: () =>
        this.record("Application.suspendApiCalculationUntilNextSync", "call", []),
      suspendScreenUpdatingUntilNextSync: () =>
        this.record("Application.suspendScreenUpdatingUntilNextSync", "call", []),
    };
    const context = {
      workbook: { ...workbook, application },
      application,
      sync: () => this.sync(),
    };
    this.context = context as unknown as Excel.RequestContext;
  }

  /** Records a call; `run` is the command applied at the next sync. */
  record(method: string, kind: RecordedCall["kind"], args: unknown[], run?: Resolver): void {
    this.calls.push({ request: this.requests.length, method, kind, args });
    this.current.calls++;
    this.current.bytes += REQUEST_BYTES_PER_CALL + method.length + JSON.stringify(args).length;
    if (run)
      this.queue.push(() => {
        // A command may change the workbook: what proxies found before is looked up again.
        this.clock.moment++;
        run();
      });
  }

  /**
   * Changes whenever the workbook may have changed: at every command that writes, and at every
   * sync's start and end (tests change the model directly between syncs). Proxies keep where they
   * found their object only for the same moment.
   */
  get moment(): number {
    return this.clock.moment;
  }

  /** Notes a chart member; one the fake knows no requirement set for is a gap in the fake. */
  touchChartMember(member: string): void {
    if (!Object.hasOwn(CHART_API_SETS, member))
      throw new Error(`The fake knows no ExcelApi set for ${member}: add it to CHART_API_SETS.`);
    this.chartMembers.add(member as ChartMember);
  }

  /** Records a chart member's call or set, as `record` does, and notes the member. */
  recordChart(
    member: ChartMember,
    kind: RecordedCall["kind"],
    args: unknown[],
    run?: Resolver
  ): void {
    this.touchChartMember(member);
    this.record(member, kind, args, run);
  }

  addResponseBytes(bytes: number): void {
    this.requests[this.requests.length - 1].responseBytes += bytes;
  }

  addBytes(bytes: number): void {
    this.current.bytes += bytes;
  }

  enqueue(run: Resolver): void {
    this.queue.push(run);
  }

  async sync(): Promise<void> {
    this.syncs++;
    const queue = this.queue;
    const request = this.current;
    this.requests.push(request);
    this.queue = [];
    this.current = { calls: 0, bytes: 0, responseBytes: 0 };
    const apply = () => {
      if (request.bytes > this.payloadLimit)
        throw new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          `The request is ${request.bytes} bytes; the limit is ${this.payloadLimit}.`
        );
      // Like Office: commands run in order; the first failure rejects the sync, earlier ones stay done.
      this.clock.moment++;
      try {
        for (const run of queue) run();
      } finally {
        this.clock.moment++;
      }
      if (request.responseBytes > this.payloadLimit)
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          `The response is ${request.responseBytes} bytes; the limit is ${this.payloadLimit}.`
        );
    };
    if (!this.holding) return apply();
    if (this.waiting !== null) throw new Error("A client cannot sync twice at once.");
    return new Promise<void>((resolve, reject) => {
      this.waiting = () => {
        try {
          apply();
          resolve();
        } catch (error) {
          reject(error);
        }
      };
    });
  }

  /** Another client of this workbook: its own context, queue, syncs and record. */
  client(): FakeExcel {
    return new FakeExcel(this.payloadLimit, this);
  }

  /** From now on each sync waits for `release()`. */
  hold(): void {
    this.holding = true;
  }

  /** Whether a sync waits for `release()`. */
  get parked(): boolean {
    return this.waiting !== null;
  }

  /** Applies the waiting sync's commands now, at once, and lets the client go on. */
  release(): void {
    const run = this.waiting;
    if (run === null) throw new Error("No sync is waiting on this client.");
    this.waiting = null;
    run();
  }

  // ---- the model, for the fake's proxies and for tests' assertions ----

  sheet(name: string): SheetModel {
    const sheet = this.sheets.find((candidate) => fold(candidate.name) === fold(name));
    if (!sheet)
      throw new Error(
        `No sheet "${name}" in the fake workbook (has ${this.sheets.map((s) => s.name).join(", ")}).`
      );
    return sheet;
  }

  /** The cell at an A1 address, e.g. cell("Scorecard", "A1"); undefined when never written. */
  cell(sheetName: string, address: string): CellModel | undefined {
    const { startRow, startColumn } = parseAddress(address);
    return this.sheet(sheetName).cells.get(key(startRow, startColumn));
  }

  /** Calls between two syncs, for order assertions. */
  callsOf(request: number): RecordedCall[] {
    return this.calls.filter((call) => call.request === request);
  }

  nameTaken(name: string): boolean {
    return (
      this.tables.some((table) => fold(table.name) === fold(name)) ||
      this.names.some((item) => fold(item.name) === fold(name))
    );
  }

  assertNameFree(name: string, table: TableModel | null): void {
    const clash =
      this.tables.some((other) => other !== table && fold(other.name) === fold(name)) ||
      this.names.some((item) => fold(item.name) === fold(name));
    if (clash)
      throw new FakeOfficeError(
        "InvalidArgument",
        `The name "${name}" is already used by a table or a defined name.`
      );
  }

  /** Adds a sheet before the code under test runs: rows of constants, or formulas (strings starting with "="). */
  seedSheet(
    name: string,
    rows: (CellValue | null)[][] = [],
    options: {
      visibility?: SheetModel["visibility"];
      origin?: string;
      results?: (CellValue | null)[][];
    } = {}
  ): SheetModel {
    const sheet = newSheet(name);
    sheet.visibility = options.visibility ?? "Visible";
    const origin = parseAddress(options.origin ?? "A1");
    rows.forEach((row, r) =>
      row.forEach((input, c) => {
        if (input === null) return;
        const cell = emptyCell();
        enter(cell, input);
        if (cell.formula !== null) cell.value = options.results?.[r]?.[c] ?? null;
        sheet.cells.set(key(origin.startRow + r, origin.startColumn + c), cell);
      })
    );
    this.sheets.push(sheet);
    this.activeSheet ??= name;
    return sheet;
  }

  seedTable(sheet: string, name: string, address: string): void {
    this.tables.push({
      name,
      sheet,
      range: parseAddress(address),
      style: "TableStyleLight1",
      headers: [],
    });
  }

  seedName(name: string, formula: string): void {
    this.names.push({ name, formula });
  }

  // ---- used by the proxies at sync time ----

  /** The bounding box of the used cells of a sheet, or of the part of it `within` a range. */
  usedRange(sheet: SheetModel, valuesOnly: boolean, within?: CellRange): CellRange | null {
    let range: CellRange | null = null;
    for (const [position, cell] of sheet.cells) {
      const comma = position.indexOf(",");
      const column = Number(position.slice(comma + 1));
      if (within && (column < within.startColumn || column > within.endColumn)) continue;
      const row = Number(position.slice(0, comma));
      if (within && (row < within.startRow || row > within.endRow)) continue;
      const used =
        cell.value !== null ||
        cell.formula !== null ||
        (!valuesOnly && (cell.numberFormat !== null || Object.keys(cell.format).length > 0));
      if (!used) continue;
      if (range === null)
        range = { startRow: row, startColumn: column, endRow: row, endColumn: column };
      else {
        range.startRow = Math.min(range.startRow, row);
        range.startColumn = Math.min(range.startColumn, column);
        range.endRow = Math.max(range.endRow, row);
        range.endColumn = Math.max(range.endColumn, column);
      }
    }
    return range;
  }

  cellsOf(
    sheet: SheetModel,
    range: CellRange,
    property: "values" | "formulas" | "numberFormat"
  ): unknown[][] {
    return Array.from({ length: rowsOf(range) }, (_, r) =>
      Array.from({ length: columnsOf(range) }, (_, c) => {
        const cell = sheet.cells.get(key(range.startRow + r, range.startColumn + c));
        if (property === "numberFormat") return cell?.numberFormat ?? "General";
        if (property === "formulas" && cell?.formula) return cell.formula;
        return cell?.value ?? "";
      })
    );
  }

  writeCells(
    { sheet, range }: Located,
    input: unknown[][],
    property: "values" | "formulas" | "numberFormat"
  ): void {
    if (
      !Array.isArray(input) ||
      input.length !== rowsOf(range) ||
      input.some((row) => !Array.isArray(row) || row.length !== columnsOf(range))
    )
      throw new FakeOfficeError(
        "InvalidArgument",
        `The ${property} array does not match the size of ${sheet.name}!${formatRange(range)} (${rowsOf(range)}×${columnsOf(range)}).`
      );
    input.forEach((row, r) =>
      row.forEach((item, c) => {
        // Office leaves a cell unchanged where the array holds null.
        if (item === null) return;
        const position = key(range.startRow + r, range.startColumn + c);
        const cell = sheet.cells.get(position) ?? emptyCell();
        sheet.cells.set(position, cell);
        if (property === "numberFormat") cell.numberFormat = String(item);
        else enter(cell, item);
      })
    );
  }

  formatCells({ sheet, range }: Located, property: string, value: unknown): void {
    if (rowsOf(range) * columnsOf(range) > 1_000_000)
      throw new Error("The fake keeps cell formats per cell: format a bounded range.");
    for (let r = range.startRow; r <= range.endRow; r++)
      for (let c = range.startColumn; c <= range.endColumn; c++) {
        const position = key(r, c);
        const cell = sheet.cells.get(position) ?? emptyCell();
        sheet.cells.set(position, cell);
        cell.format[property] = value;
      }
  }
}

/**
 * A plan of `keyResults` key results (five per objective) with every key-result type, units,
 * owners, missing values and text that looks like a formula: the workload for the host's tests
 * and benchmarks.
 */
export function planWithKeyResults(keyResults: number): Plan {
  const types = ["increase", "decrease", "maintain-above", "maintain-below", "milestone"] as const;
  const objectives: Objective[] = [];
  for (let index = 0; index < keyResults; index++) {
    const o = Math.floor(index / 5);
    if (index % 5 === 0)
      objectives.push({
        id: `O${o + 1}`,
        title:
          o % 7 === 3
            ? `=HYPERLINK("http://example.com","Objective ${o + 1}")`
            : `Objective ${o + 1}`,
        owner: `Owner ${o % 13}`,
        timeline: "Q1 2026",
        kind: o % 2 === 0 ? "committed" : "aspirational",
        notes: [],
        keyResults: [],
      });
    const type = types[index % types.length];
    const milestone = type === "milestone";
    objectives[o].keyResults.push({
      id: `O${o + 1}.KR${(index % 5) + 1}`,
      text: index % 11 === 4 ? `+${index} new customers` : `Key result ${index + 1}`,
      type,
      baseline: milestone ? null : index % 40,
      target: milestone ? null : type === "decrease" ? 0 : 100 + (index % 40),
      unit: milestone ? null : index % 3 === 0 ? "%" : index % 3 === 1 ? "$" : "tickets",
      current: milestone ? index % 2 === 0 : index % 9 === 0 ? null : (index * 7) % 120,
      weight: 1 + (index % 3),
      owner: index % 17 === 0 ? "@lead" : `Owner ${index % 29}`,
      notes: index % 10 === 0 ? ["-1 if late"] : [],
    });
  }
  return {
    project: "Benchmark",
    period: "2026-Q1",
    owner: "Planner",
    contributors: ["A", "B"],
    status: "Active",
    alignment: { company: "Grow", businessUnit: "Data", project: "Benchmark" },
    objectives,
  };
}

/** A check-in row as `seedCheckInLog` writes it: Date … Replaces (Valid is the formula). */
export type LoggedCheckIn = [
  date: number,
  keyResult: string,
  value: CellValue | null,
  confidence: number | null,
  comment: string | null,
  author: string | null,
  entry: string | null,
  replaces: string | null,
];

/**
 * The Check-ins sheet as the builder lays it out, seeded: the headers, `entries`, then `spare`
 * empty rows, all inside the table OkrCheckIns, with the Valid formula on every row.
 */
export function seedCheckInLog(fake: FakeExcel, entries: LoggedCheckIn[], spare = 0): void {
  const rows: (CellValue | null)[][] = [[...CHECK_IN_HEADERS]];
  entries.forEach((entry, index) =>
    rows.push([
      ...entry.map((cell) => (cell === null ? null : cell)),
      checkInValidFormula(index + 1),
    ])
  );
  for (let index = 0; index < spare; index++)
    rows.push([null, null, null, null, null, null, null, null, checkInValidFormula(rows.length)]);
  fake.seedSheet(SHEETS.checkIns, rows);
  const last = Math.max(1, rows.length - 1);
  fake.seedTable(
    SHEETS.checkIns,
    TABLES.checkIns,
    `A1:${cellAddress(last, CHECK_IN_HEADERS.length - 1)}`
  );
}

/**
 * A formula with each cell or range reference to `target`'s cells (the formula's own sheet is
 * `sheet`; "" for a name's) given to `move` as its ends (`$`, letters, `$`, digits) and replaced
 * by what it returns. Whole columns (A:A) and text in quotes are left alone.
 */
function referencesMoved(
  formula: string,
  sheet: string,
  target: string,
  move: (ends: RegExpExecArray[], whole: string) => string | null
): string {
  const reference =
    /(?<![A-Za-z0-9_.$])((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3})(?![A-Za-z0-9_(!])/g;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(reference, (whole: string, prefix: string | undefined, ref: string) => {
            const named =
              prefix === undefined
                ? sheet
                : prefix.slice(0, -1).replace(/^'|'$/g, "").replace(/''/g, "'");
            if (fold(named) !== fold(target)) return whole;
            const ends = ref.split(":").map((end) => /^(\$?)([A-Z]{1,3})(\$?)(\d*)$/.exec(end)!);
            // A whole column stays as it is.
            if (ends.some((end) => end[4] === "")) return whole;
            const moved = move(ends, whole);
            return moved === null ? whole : `${prefix ?? ""}${moved}`;
          })
    )
    .join("");
}

/**
 * A formula (of the sheet `sheet`; "" for a name's) with its references to `target`'s cells in
 * `rows` from `column` rightwards moved one column right, as Excel moves them when it inserts a
 * table column. A whole-column reference (`'Check-ins'!$C:$C`) is left as it is, as Excel leaves
 * it when cells of some rows shift right (the column is still the column; the cells moved out of
 * it). A range only partly in the moved cells is refused: how Excel adjusts it is not modelled.
 */
export function cellsMovedRight(
  formula: string,
  sheet: string,
  target: string,
  rows: { first: number; last: number },
  column: number
): string {
  return referencesMoved(formula, sheet, target, (ends, whole) => {
    const [top, bottom] = [Number(ends[0][4]) - 1, Number(ends[ends.length - 1][4]) - 1];
    const right = columnIndex(ends[ends.length - 1][2]);
    if (right < column || bottom < rows.first || top > rows.last) return null;
    if (top < rows.first || bottom > rows.last)
      throw new Error(
        `The fake cannot move the reference ${whole}, only partly in the moved cells.`
      );
    return ends
      .map(([, d1, letters, d2, digits]) => {
        const c = columnIndex(letters);
        return `${d1}${c >= column ? columnLetter(c + 1) : letters}${d2}${digits}`;
      })
      .join(":");
  });
}

/**
 * A formula (of the sheet `sheet`; "" for a name's) with its references to `target`'s rows from
 * `at` down moved `count` rows down, as Excel moves them when it inserts whole rows: a cell at or
 * below `at` moves, a range's ends each move if at or below `at` (so a range across `at` grows),
 * whole columns (A:A) stay as they are. Text in quotes is left alone.
 */
export function rowsInserted(
  formula: string,
  sheet: string,
  target: string,
  at: number,
  count: number
): string {
  return referencesMoved(formula, sheet, target, (ends) =>
    ends
      .map(([, d1, letters, d2, digits]) => {
        const row = Number(digits) - 1;
        return `${d1}${letters}${d2}${row >= at ? row + count + 1 : digits}`;
      })
      .join(":")
  );
}
