import type {
  AppsScriptServices,
  CellValue,
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  DataValidation,
  DataValidationBuilder,
  DeveloperMetadata,
  EmbeddedChart,
  EmbeddedChartBuilder,
  Filter,
  FilterCriteria,
  Lock,
  NamedRange,
  Protection,
  Range,
  RangeList,
  Sheet,
  Spreadsheet,
} from "../../src/hosts/sheets/services";
import { SHEETS_LIST_ITEMS_LIMIT } from "../../src/sheets/spec";

/**
 * A recording fake of the Apps Script services the Sheets host uses (SpreadsheetApp, Spreadsheet,
 * Sheet, Range, RangeList, named ranges, developer metadata, filters, protections, data
 * validation, conditional format rules, charts, LockService). It holds cells in memory and
 * ENFORCES the documented rules the host relies on, throwing Apps Script's own messages:
 *
 * - indices are 1-based, and a range must lie inside the sheet's grid (a new sheet is 1,000 rows
 *   by 26 columns, grown with insertRowsAfter / insertColumnsAfter);
 * - setValues takes an array exactly the range's shape;
 * - a cell holds at most 50,000 characters;
 * - insertSheet with a name in use (in any case) or an index past the last sheet throws;
 *   getSheetByName finds a name in any case and returns null for an absent one;
 * - a list validation (requireValueInList) holds at most 500 items;
 * - a sheet has at most one filter; setNamedRange with a name in use (in any case) throws;
 * - setValues parses strings as typed: "=…" becomes a formula, "'…" stays text without the
 *   apostrophe, a number, percentage or TRUE / FALSE becomes that value.
 *
 * - cell writes are held until SpreadsheetApp.flush() (`pending`): releasing a lock does not send
 *   them, so another execution reads the cells as they were.
 *
 * Every call is recorded (`calls`, "Class.method") so tests count them. Formulas are not
 * calculated: a formula cell's value reads as "" (as a cell not yet computed would).
 */

/** Apps Script's per-cell limit. */
export const SHEETS_CELL_LIMIT = 50_000;
/** The grid of a sheet made by insertSheet. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

export interface FakeCell {
  value: string | number | boolean;
  formula: string | null;
}

export interface FakeRule {
  kind: "textEqualTo" | "gradient";
  text?: string;
  background?: string;
  fontColor?: string;
  gradient?: { min: [string, string]; max: [string, string] };
  ranges: string[];
}

export interface FakeValidation {
  kind: "list" | "range" | "numberBetween" | "date";
  values?: string[];
  /** The cells a "range" validation takes its values from: "Scorecard!A6:A13". */
  source?: string;
  between?: [number, number];
  helpText?: string;
  allowInvalid?: boolean;
}

export interface FakeChart {
  type: string;
  ranges: string[];
  position: [number, number];
  options: Record<string, unknown>;
}

export interface FakeProtection {
  range: string;
  warningOnly: boolean;
  description: string;
}

function letters(column: number): string {
  let out = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** A1 notation of a 1-based rectangle. */
function a1(row: number, column: number, rows: number, columns: number): string {
  const start = `${letters(column)}${row}`;
  return rows === 1 && columns === 1
    ? start
    : `${start}:${letters(column + columns - 1)}${row + rows - 1}`;
}

/** A 1-based rectangle from "B3" or "B3:D9". */
export function parseA1(address: string): {
  row: number;
  column: number;
  rows: number;
  columns: number;
} {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address);
  if (!match) throw new Error(`Range not found: ${address}`);
  const col = (text: string) => [...text].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const [, c1, r1, c2 = c1, r2 = r1] = match;
  // Corners in either order, as Sheets takes them ("D9:B2" is B2:D9).
  const [top, bottom] = [Number(r1), Number(r2)].sort((a, b) => a - b);
  const [left, right] = [col(c1), col(c2)].sort((a, b) => a - b);
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** What Sheets makes of a string typed into a cell (the parts the host relies on). */
export function parseTyped(text: string): FakeCell {
  if (text.startsWith("=") && text.length > 1) return { value: "", formula: text };
  if (text.startsWith("'")) return { value: text.slice(1), formula: null };
  if (/^\s*(true|false)\s*$/i.test(text))
    return { value: text.trim().toLowerCase() === "true", formula: null };
  const number = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%?)\s*$/i.exec(text);
  if (number) {
    const value = Number(number[1]);
    return { value: number[2] === "%" ? value / 100 : value, formula: null };
  }
  // A leading + or - starts a formula when typed in Sheets; the fake refuses to guess further.
  if (/^[+-]/.test(text)) return { value: "", formula: `=${text.slice(1)}` };
  return { value: text, formula: null };
}

/** The sheet a built rule's ranges are on (rules hold their ranges as A1 text). */
const ruleSheets = new WeakMap<FakeRule, FakeSheet>();

export class FakeAppsScript {
  readonly calls: string[] = [];
  readonly sheets: FakeSheet[] = [];
  readonly namedRanges: FakeNamedRange[] = [];
  readonly metadata: { key: string; value: string }[] = [];
  readonly protections: FakeProtection[] = [];
  active: FakeSheet | null = null;
  /** The range Range.activate made active: "Scorecard!K7". */
  activeRange: string | null = null;
  flushes = 0;
  /**
   * Cell writes (setValues, setFormulas, Range.setNumberFormat, NamedRange.setRange) made through
   * the services and not yet flushed: Apps Script buffers them, and releasing a lock does not send
   * them (Google's lock guide: call SpreadsheetApp.flush() before releasing the lock), so another
   * execution's reads do not see them until flush(). Checked when the call is made, applied then.
   */
  readonly pending: (() => void)[] = [];
  /**
   * Writes still held when their execution released the lock: sent when that execution ends,
   * which the fake takes as the latest moment, after the next holder of the lock has read and
   * written (they are applied when it releases the lock), as a race with it can do.
   */
  private late: (() => void)[] = [];
  /** Who holds the document lock: an execution id, or null. */
  lockHolder: string | null = null;
  /**
   * Runs while an execution waits for the document lock (tryLock), before it gets it: a test puts
   * another execution here to interleave them. Called once, then cleared.
   */
  onLockWait: (() => void) | null = null;
  /** The execution the services belong to now (see `services`). */
  private execution = "main";
  private nextId = 1;

  constructor() {
    this.insertSheet("Sheet1", 0, false);
  }

  /** A call ("Class.method") that throws the next time it is made, as a failure midway would. */
  failAt: string | null = null;

  record(call: string): void {
    this.calls.push(call);
    if (call === this.failAt) {
      this.failAt = null;
      throw new Error(`Service error: ${call} failed.`);
    }
  }

  count(prefix?: string): number {
    return prefix === undefined
      ? this.calls.length
      : this.calls.filter((call) => call.startsWith(prefix)).length;
  }

  /** The services as one execution of the script sees them; `execution` names it for the lock. */
  services(execution = "main"): AppsScriptServices {
    const use = <T>(run: () => T): T => {
      const previous = this.execution;
      this.execution = execution;
      try {
        return run();
      } finally {
        this.execution = previous;
      }
    };
    const spreadsheet = this.spreadsheet();
    return {
      SpreadsheetApp: {
        getActiveSpreadsheet: () => {
          this.record("SpreadsheetApp.getActiveSpreadsheet");
          return spreadsheet;
        },
        newConditionalFormatRule: () => {
          this.record("SpreadsheetApp.newConditionalFormatRule");
          return this.ruleBuilder();
        },
        newDataValidation: () => {
          this.record("SpreadsheetApp.newDataValidation");
          return this.validationBuilder();
        },
        flush: () => {
          this.record("SpreadsheetApp.flush");
          this.flushes++;
          this.flush();
        },
        InterpolationType: { NUMBER: "NUMBER" },
      },
      Charts: { ChartType: { BAR: "BAR", COLUMN: "COLUMN", LINE: "LINE", COMBO: "COMBO" } },
      LockService: {
        getDocumentLock: () => {
          this.record("LockService.getDocumentLock");
          const lock: Lock = {
            tryLock: (timeout: number) =>
              use(() => {
                this.record("Lock.tryLock");
                if (!Number.isFinite(timeout) || timeout < 0)
                  throw new Error("Invalid argument: timeoutInMillis");
                if (this.lockHolder === execution) return true;
                const wait = this.onLockWait;
                this.onLockWait = null;
                wait?.();
                if (this.lockHolder !== null) return false;
                this.lockHolder = execution;
                return true;
              }),
            releaseLock: () => {
              this.record("Lock.releaseLock");
              if (this.lockHolder !== execution) return;
              this.lockHolder = null;
              for (const write of this.late.splice(0)) write();
              this.late.push(...this.pending.splice(0));
            },
          };
          return lock;
        },
      },
    };
  }

  /** Applies the writes held since the last flush, in the order they were made. */
  flush(): void {
    for (const write of this.pending.splice(0)) write();
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((sheet) => sheet.name === name);
    if (!found) throw new Error(`No sheet "${name}" in the this.`);
    return found;
  }

  insertSheet(name: string, index: number, record = true): FakeSheet {
    if (record) this.record("Spreadsheet.insertSheet");
    if (typeof name !== "string" || name.trim() === "")
      throw new Error("Invalid argument: sheetName");
    if (this.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    if (name.length > 100) throw new Error("Invalid argument: sheetName");
    if (!Number.isInteger(index) || index < 0 || index > this.sheets.length)
      throw new Error("Invalid argument: sheetIndex");
    const sheet = new FakeSheet(this, name, this.nextId++);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  private spreadsheet(): Spreadsheet {
    const spreadsheet: Spreadsheet = {
      getSheets: () => {
        this.record("Spreadsheet.getSheets");
        return this.sheets.map((sheet) => sheet.api);
      },
      getSheetByName: (name: string) => {
        this.record("Spreadsheet.getSheetByName");
        // As insertSheet's uniqueness: names are compared whatever their case.
        return (
          this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase())?.api ?? null
        );
      },
      insertSheet: (name: string, index: number) => this.insertSheet(name, index).api,
      getNamedRanges: () => {
        this.record("Spreadsheet.getNamedRanges");
        return this.namedRanges.map((named) => named.api());
      },
      setNamedRange: (name: string, range: Range) => {
        this.record("Spreadsheet.setNamedRange");
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
          throw new Error(`Invalid name: ${name}`);
        const existing = this.namedRanges.find(
          (named) => named.name.toLowerCase() === name.toLowerCase()
        );
        // Names are unique whatever their case: never silently moved to another range (whether
        // Sheets moves or refuses, the host must not call it with a name in use).
        if (existing) throw new Error(`A named range called "${existing.name}" already exists.`);
        this.namedRanges.push(new FakeNamedRange(this, name, FakeRange.of(range)));
      },
      getDeveloperMetadata: () => {
        this.record("Spreadsheet.getDeveloperMetadata");
        return this.metadata.map((entry): DeveloperMetadata => ({
          getKey: () => entry.key,
          getValue: () => entry.value,
          remove: () => {
            this.record("DeveloperMetadata.remove");
            const at = this.metadata.indexOf(entry);
            if (at >= 0) this.metadata.splice(at, 1);
          },
        }));
      },
      addDeveloperMetadata: (key: string, value: string) => {
        this.record("Spreadsheet.addDeveloperMetadata");
        this.metadata.push({ key, value });
        return spreadsheet;
      },
      deleteSheet: (sheet: Sheet) => {
        this.record("Spreadsheet.deleteSheet");
        const at = this.sheets.findIndex((candidate) => candidate.api === sheet);
        if (at < 0) throw new Error("Sheet not found.");
        if (this.sheets.length === 1)
          throw new Error("You can't remove all the sheets in a document.");
        const [deleted] = this.sheets.splice(at, 1);
        if (this.active === deleted) this.active = null;
      },
      setActiveSheet: (sheet: Sheet) => {
        this.record("Spreadsheet.setActiveSheet");
        this.active = this.sheets.find((candidate) => candidate.api === sheet) ?? null;
        this.activeRange = null;
        return sheet;
      },
    };
    return spreadsheet;
  }

  /**
   * A rule builder; `from` a rule a sheet holds (ConditionalFormatRule.copy), its condition,
   * format and ranges. A built rule answers getRanges and copy (kept out of its enumerable
   * fields, so tests compare rules as plain data).
   */
  private ruleBuilder(from?: FakeRule): ConditionalFormatRuleBuilder {
    const rule: Partial<FakeRule> & { ranges: string[] } = from
      ? { ...from, ranges: [...from.ranges] }
      : { ranges: [] };
    let sheet: FakeSheet | null = from ? (ruleSheets.get(from) ?? null) : null;
    const builder: ConditionalFormatRuleBuilder = {
      whenTextEqualTo: (text) => {
        this.record("ConditionalFormatRuleBuilder.whenTextEqualTo");
        rule.kind = "textEqualTo";
        rule.text = text;
        return builder;
      },
      setBackground: (color) => {
        this.record("ConditionalFormatRuleBuilder.setBackground");
        rule.background = color;
        return builder;
      },
      setFontColor: (color) => {
        this.record("ConditionalFormatRuleBuilder.setFontColor");
        rule.fontColor = color;
        return builder;
      },
      setGradientMinpointWithValue: (color, _type, value) => {
        this.record("ConditionalFormatRuleBuilder.setGradientMinpointWithValue");
        rule.kind = "gradient";
        rule.gradient = { ...(rule.gradient ?? { max: ["", ""] }), min: [color, value] };
        return builder;
      },
      setGradientMaxpointWithValue: (color, _type, value) => {
        this.record("ConditionalFormatRuleBuilder.setGradientMaxpointWithValue");
        rule.kind = "gradient";
        rule.gradient = { ...(rule.gradient ?? { min: ["", ""] }), max: [color, value] };
        return builder;
      },
      setRanges: (ranges) => {
        this.record("ConditionalFormatRuleBuilder.setRanges");
        const targets = ranges.map((range) => FakeRange.of(range));
        if (targets.some((target) => target.sheet !== targets[0].sheet))
          throw new Error("A conditional format rule's ranges must be on one sheet.");
        sheet = targets[0]?.sheet ?? sheet;
        rule.ranges = targets.map((target) => target.address());
        return builder;
      },
      build: () => {
        this.record("ConditionalFormatRuleBuilder.build");
        if (rule.kind === undefined) throw new Error("The rule has no condition.");
        const built = { ...rule } as FakeRule;
        if (sheet !== null) ruleSheets.set(built, sheet);
        Object.defineProperties(built, {
          getRanges: {
            enumerable: false,
            value: () => {
              this.record("ConditionalFormatRule.getRanges");
              const on = ruleSheets.get(built);
              if (on === undefined) return [];
              return built.ranges.map((address) => {
                const { row, column, rows, columns } = parseA1(address);
                return new FakeRange(on, row, column, rows, columns);
              });
            },
          },
          copy: {
            enumerable: false,
            value: () => {
              this.record("ConditionalFormatRule.copy");
              return this.ruleBuilder(built);
            },
          },
        });
        return built as unknown as ConditionalFormatRule;
      },
    };
    return builder;
  }

  private validationBuilder(): DataValidationBuilder {
    const rule: Partial<FakeValidation> = {};
    const builder: DataValidationBuilder = {
      requireValueInList: (values, showDropdown) => {
        this.record("DataValidationBuilder.requireValueInList");
        if (!showDropdown) throw new Error("The fake expects the drop-down shown.");
        if (values.length > SHEETS_LIST_ITEMS_LIMIT)
          throw new Error(
            `A list validation takes at most ${SHEETS_LIST_ITEMS_LIMIT} items; this one has ${values.length}.`
          );
        Object.assign(rule, { kind: "list", values: [...values] });
        return builder;
      },
      requireValueInRange: (range, showDropdown) => {
        this.record("DataValidationBuilder.requireValueInRange");
        if (!showDropdown) throw new Error("The fake expects the drop-down shown.");
        const source = FakeRange.of(range);
        Object.assign(rule, { kind: "range", source: `${source.sheet.name}!${source.address()}` });
        return builder;
      },
      requireNumberBetween: (start, end) => {
        this.record("DataValidationBuilder.requireNumberBetween");
        Object.assign(rule, { kind: "numberBetween", between: [start, end] });
        return builder;
      },
      requireDate: () => {
        this.record("DataValidationBuilder.requireDate");
        rule.kind = "date";
        return builder;
      },
      setHelpText: (text) => {
        this.record("DataValidationBuilder.setHelpText");
        rule.helpText = text;
        return builder;
      },
      setAllowInvalid: (allow) => {
        this.record("DataValidationBuilder.setAllowInvalid");
        rule.allowInvalid = allow;
        return builder;
      },
      build: () => {
        this.record("DataValidationBuilder.build");
        if (rule.kind === undefined) throw new Error("The validation has no criteria.");
        return { ...rule } as DataValidation;
      },
    };
    return builder;
  }
}

class FakeNamedRange {
  constructor(
    private readonly fake: FakeAppsScript,
    readonly name: string,
    public range: FakeRange
  ) {}

  api(): NamedRange {
    const fake = this.fake;
    const named: NamedRange = {
      getName: () => {
        fake.record("NamedRange.getName");
        return this.name;
      },
      getRange: () => {
        fake.record("NamedRange.getRange");
        return this.range;
      },
      remove: () => {
        fake.record("NamedRange.remove");
        const at = fake.namedRanges.indexOf(this);
        if (at >= 0) fake.namedRanges.splice(at, 1);
      },
      setRange: (range: Range) => {
        fake.record("NamedRange.setRange");
        const target = FakeRange.of(range);
        fake.pending.push(() => {
          this.range = target;
        });
        return named;
      },
    };
    return named;
  }
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  readonly numberFormats = new Map<string, string>();
  /** "fontWeight=bold" → cells ("r,c", 1-based) that got it. */
  readonly formats = new Map<string, string>();
  rows = NEW_SHEET_ROWS;
  columns = NEW_SHEET_COLUMNS;
  frozenRows = 0;
  hidden = false;
  filter: string | null = null;
  readonly merges: string[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  /**
   * Validation rules as set, in order: a cell's rule is the last one whose range holds it (null:
   * cleared by setDataValidations).
   */
  readonly validations: { range: string; rule: FakeValidation | null }[] = [];
  /** The filter's criteria by the sheet's column position (1-based), as set. */
  readonly filterCriteria = new Map<number, unknown>();
  rules: FakeRule[] = [];
  readonly charts: FakeChart[] = [];
  readonly api: Sheet;

  constructor(
    readonly fake: FakeAppsScript,
    readonly name: string,
    readonly id: number
  ) {
    this.api = this.makeApi();
  }

  /** The cell at 1-based row and column, or undefined when empty. */
  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** Puts a cell as a person would have typed it, without recording a call. */
  type(row: number, column: number, text: string | number | boolean): void {
    this.cells.set(
      `${row},${column}`,
      typeof text === "string" ? parseTyped(text) : { value: text, formula: null }
    );
  }

  lastRow(): number {
    let last = 0;
    for (const key of this.cells.keys()) last = Math.max(last, Number(key.split(",")[0]));
    return last;
  }

  lastColumn(): number {
    let last = 0;
    for (const key of this.cells.keys()) last = Math.max(last, Number(key.split(",")[1]));
    return last;
  }

  /**
   * Moves what lies below row `after` down by `count` rows, as Sheet.insertRowsAfter does: cells,
   * number formats, formats, and the named ranges of this sheet (one that spans the new rows grows;
   * one ending at `after` stays as it was), and so are the ranges of its validations, conditional
   * format rules and filter.
   */
  private shiftRows(after: number, count: number): void {
    const shifted = (address: string) => {
      const { row, column, rows, columns } = parseA1(address);
      const end = row + rows - 1;
      if (row > after) return a1(row + count, column, rows, columns);
      if (end > after) return a1(row, column, rows + count, columns);
      return address;
    };
    for (const validation of this.validations) validation.range = shifted(validation.range);
    for (const rule of this.rules) rule.ranges = rule.ranges.map(shifted);
    if (this.filter !== null) this.filter = shifted(this.filter);
    const moved = <T>(map: Map<string, T>) => {
      const entries = [...map].map(([key, value]) => {
        const [row, ...rest] = key.split(",");
        const shifted = Number(row) > after ? Number(row) + count : Number(row);
        return [[shifted, ...rest].join(","), value] as const;
      });
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    };
    moved(this.cells);
    moved(this.numberFormats);
    moved(this.formats);
    for (const named of this.fake.namedRanges) {
      const range = named.range;
      if (range.sheet !== this) continue;
      const end = range.row + range.rows - 1;
      if (range.row > after)
        named.range = new FakeRange(
          this,
          range.row + count,
          range.column,
          range.rows,
          range.columns
        );
      else if (end > after)
        named.range = new FakeRange(
          this,
          range.row,
          range.column,
          range.rows + count,
          range.columns
        );
    }
  }

  range(row: number, column: number, rows: number, columns: number): FakeRange {
    for (const [what, value] of [
      ["row", row],
      ["column", column],
      ["number of rows", rows],
      ["number of columns", columns],
    ] as const)
      if (!Number.isInteger(value)) throw new Error(`Invalid argument: ${what}`);
    if (row < 1) throw new Error("The starting row of the range is too small.");
    if (column < 1) throw new Error("The starting column of the range is too small.");
    if (rows < 1) throw new Error("The number of rows in the range must be at least 1.");
    if (columns < 1) throw new Error("The number of columns in the range must be at least 1.");
    if (row + rows - 1 > this.rows || column + columns - 1 > this.columns)
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    return new FakeRange(this, row, column, rows, columns);
  }

  private makeApi(): Sheet {
    const fake = this.fake;
    const api: Sheet = {
      getName: () => {
        fake.record("Sheet.getName");
        return this.name;
      },
      isSheetHidden: () => {
        fake.record("Sheet.isSheetHidden");
        return this.hidden;
      },
      getRange: ((row: number | string, column?: number, rows?: number, columns?: number) => {
        fake.record("Sheet.getRange");
        if (typeof row === "string") {
          // By A1 notation: an address Sheets cannot read, or one past the grid, throws.
          if (column !== undefined) throw new Error("Invalid argument: a1Notation");
          const place = parseA1(row);
          return this.range(place.row, place.column, place.rows, place.columns);
        }
        return this.range(row, column as number, rows as number, columns as number);
      }) as Sheet["getRange"],
      getRangeList: (addresses) => {
        fake.record("Sheet.getRangeList");
        const ranges = addresses.map((address) => {
          const { row, column, rows, columns } = parseA1(address);
          return this.range(row, column, rows, columns);
        });
        return this.rangeList(ranges);
      },
      getDataRange: () => {
        fake.record("Sheet.getDataRange");
        return this.range(1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
      },
      getLastRow: () => {
        fake.record("Sheet.getLastRow");
        return this.lastRow();
      },
      getMaxRows: () => {
        fake.record("Sheet.getMaxRows");
        return this.rows;
      },
      getMaxColumns: () => {
        fake.record("Sheet.getMaxColumns");
        return this.columns;
      },
      insertRowsAfter: (after, howMany) => {
        fake.record("Sheet.insertRowsAfter");
        if (!Number.isInteger(after) || after < 1 || after > this.rows)
          throw new Error("Those rows are out of bounds.");
        if (!Number.isInteger(howMany) || howMany < 1) throw new Error("Invalid argument: howMany");
        this.shiftRows(after, howMany);
        this.rows += howMany;
        return api;
      },
      insertColumnsAfter: (after, howMany) => {
        fake.record("Sheet.insertColumnsAfter");
        if (after !== this.columns) throw new Error("The fake inserts columns at the end only.");
        this.columns += howMany;
        return api;
      },
      setColumnWidths: (start, count, width) => {
        fake.record("Sheet.setColumnWidths");
        this.range(1, start, 1, count);
        for (let column = start; column < start + count; column++)
          this.columnWidths.set(column, width);
        return api;
      },
      hideColumns: (index, count) => {
        fake.record("Sheet.hideColumns");
        this.range(1, index, 1, count);
        for (let column = index; column < index + count; column++) this.hiddenColumns.add(column);
      },
      setFrozenRows: (rows) => {
        fake.record("Sheet.setFrozenRows");
        this.frozenRows = rows;
      },
      getConditionalFormatRules: () => {
        fake.record("Sheet.getConditionalFormatRules");
        return this.rules.map((rule) => rule as unknown as ConditionalFormatRule);
      },
      setConditionalFormatRules: (rules) => {
        fake.record("Sheet.setConditionalFormatRules");
        for (const rule of rules) {
          const on = ruleSheets.get(rule as unknown as FakeRule);
          if (on !== undefined && on !== this)
            throw new Error(
              "A conditional format rule's ranges must be on the sheet it is set on."
            );
        }
        this.rules = rules.map((rule) => rule as unknown as FakeRule);
      },
      getFilter: () => {
        fake.record("Sheet.getFilter");
        return this.filter === null ? null : this.filterApi();
      },
      newChart: () => {
        fake.record("Sheet.newChart");
        return this.chartBuilder();
      },
      insertChart: (chart: EmbeddedChart) => {
        fake.record("Sheet.insertChart");
        this.charts.push(chart as unknown as FakeChart);
      },
    };
    return api;
  }

  /** The sheet's filter as Apps Script's Filter: its range, its columns' criteria, remove. */
  filterApi(): Filter {
    const fake = this.fake;
    const live = () => {
      if (this.filter === null) throw new Error("This filter has been removed.");
      return parseA1(this.filter);
    };
    const inRange = (position: number) => {
      const { column, columns } = live();
      if (!Number.isInteger(position) || position < column || position > column + columns - 1)
        throw new Error("The column position is outside the filter's range.");
    };
    const api: Filter = {
      getRange: () => {
        fake.record("Filter.getRange");
        const { row, column, rows, columns } = live();
        return new FakeRange(this, row, column, rows, columns);
      },
      getColumnFilterCriteria: (position) => {
        fake.record("Filter.getColumnFilterCriteria");
        inRange(position);
        return (this.filterCriteria.get(position) as FilterCriteria | undefined) ?? null;
      },
      setColumnFilterCriteria: (position, criteria) => {
        fake.record("Filter.setColumnFilterCriteria");
        inRange(position);
        if (criteria === null) this.filterCriteria.delete(position);
        else this.filterCriteria.set(position, criteria);
        return api;
      },
      remove: () => {
        fake.record("Filter.remove");
        live();
        this.filter = null;
        this.filterCriteria.clear();
      },
    };
    return api;
  }

  private rangeList(ranges: FakeRange[]): RangeList {
    const fake = this.fake;
    const set = (method: string, key: string, value: string | number | boolean) => {
      fake.record(`RangeList.${method}`);
      for (const range of ranges)
        range.forEachCell((row, column) => {
          if (key === "numberFormat") this.numberFormats.set(`${row},${column}`, String(value));
          else this.formats.set(`${row},${column},${key}`, String(value));
        });
      return list;
    };
    const list: RangeList = {
      setNumberFormat: (format) => set("setNumberFormat", "numberFormat", format),
      setFontWeight: (weight) => set("setFontWeight", "fontWeight", weight),
      setFontStyle: (style) => set("setFontStyle", "fontStyle", style),
      setFontColor: (color) => set("setFontColor", "fontColor", color),
      setFontSize: (size) => set("setFontSize", "fontSize", size),
      setBackground: (color) => set("setBackground", "background", color),
      setHorizontalAlignment: (alignment) =>
        set("setHorizontalAlignment", "horizontalAlignment", alignment),
      setWrap: (wrap) => set("setWrap", "wrap", wrap),
    };
    return list;
  }

  private chartBuilder(): EmbeddedChartBuilder {
    const fake = this.fake;
    const chart: FakeChart = { type: "", ranges: [], position: [0, 0], options: {} };
    const builder: EmbeddedChartBuilder = {
      setChartType(type) {
        fake.record("EmbeddedChartBuilder.setChartType");
        chart.type = String(type);
        return builder;
      },
      addRange(range) {
        fake.record("EmbeddedChartBuilder.addRange");
        const target = FakeRange.of(range);
        chart.ranges.push(`${target.sheet.name}!${target.address()}`);
        return builder;
      },
      setPosition(row, column) {
        fake.record("EmbeddedChartBuilder.setPosition");
        if (row < 1 || column < 1) throw new Error("The chart's anchor is 1-based.");
        chart.position = [row, column];
        return builder;
      },
      setOption(option, value) {
        fake.record("EmbeddedChartBuilder.setOption");
        chart.options[option] = value;
        return builder;
      },
      build() {
        fake.record("EmbeddedChartBuilder.build");
        if (chart.type === "" || chart.ranges.length === 0)
          throw new Error("A chart needs a type and at least one range.");
        return { ...chart } as EmbeddedChart;
      },
    };
    return builder;
  }
}

export class FakeRange implements Range {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number
  ) {}

  static of(range: Range): FakeRange {
    if (!(range instanceof FakeRange)) throw new Error("Not a range of this spreadsheet.");
    return range;
  }

  private record(method: string): void {
    this.sheet.fake.record(`Range.${method}`);
  }

  address(): string {
    return a1(this.row, this.column, this.rows, this.columns);
  }

  forEachCell(visit: (row: number, column: number) => void): void {
    for (let r = this.row; r < this.row + this.rows; r++)
      for (let c = this.column; c < this.column + this.columns; c++) visit(r, c);
  }

  getRow(): number {
    this.record("getRow");
    return this.row;
  }
  getColumn(): number {
    this.record("getColumn");
    return this.column;
  }
  getNumRows(): number {
    this.record("getNumRows");
    return this.rows;
  }
  getNumColumns(): number {
    this.record("getNumColumns");
    return this.columns;
  }
  getSheet(): Sheet {
    this.record("getSheet");
    return this.sheet.api;
  }
  getA1Notation(): string {
    this.record("getA1Notation");
    return this.address();
  }

  private grid<T>(read: (row: number, column: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) => read(this.row + r, this.column + c))
    );
  }

  getValues(): CellValue[][] {
    this.record("getValues");
    return this.grid((row, column) => {
      const value = this.sheet.cell(row, column)?.value ?? "";
      // As Apps Script does: a number in a cell with a date format reads as a Date, at that day's
      // midnight in the script's time zone (here, the process's).
      const format = this.sheet.numberFormats.get(`${row},${column}`) ?? "";
      return typeof value === "number" && /[yd]/i.test(format)
        ? new Date(1899, 11, 30 + Math.floor(value))
        : value;
    });
  }

  getFormulas(): string[][] {
    this.record("getFormulas");
    return this.grid((row, column) => this.sheet.cell(row, column)?.formula ?? "");
  }

  setFormulas(formulas: string[][]): Range {
    this.record("setFormulas");
    this.assertShape(formulas, "setFormulas");
    for (const line of formulas)
      for (const formula of line)
        if (typeof formula !== "string")
          throw new Error("The parameters don't match the method signature for Range.setFormulas.");
    this.sheet.fake.pending.push(() =>
      formulas.forEach((line, r) =>
        line.forEach((formula, c) => {
          const key = `${this.row + r},${this.column + c}`;
          // A string that is no formula is set as a value, as typed.
          if (formula === "") this.sheet.cells.delete(key);
          else this.sheet.cells.set(key, parseTyped(formula));
        })
      )
    );
    return this;
  }

  /** Apps Script's checks of a 2-D array given to setValues or setFormulas. */
  private assertShape(values: unknown[][], method: "setValues" | "setFormulas"): void {
    if (!Array.isArray(values) || values.some((line) => !Array.isArray(line)))
      throw new Error(
        `The parameters (number[]) don't match the method signature for Range.${method}.`
      );
    if (values.length !== this.rows)
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.rows}.`
      );
    for (const line of values)
      if (line.length !== this.columns)
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.columns}.`
        );
    for (const line of values)
      for (const value of line)
        if (typeof value === "string" && value.length > SHEETS_CELL_LIMIT)
          throw new Error(
            `Your input contains more than the maximum of ${SHEETS_CELL_LIMIT} characters in a single cell.`
          );
  }

  setValues(values: (string | number | boolean)[][]): Range {
    this.record("setValues");
    this.assertShape(values, "setValues");
    for (const line of values)
      for (const value of line)
        if (!["string", "number", "boolean"].includes(typeof value))
          throw new Error(`The fake writes strings, numbers and booleans, not ${typeof value}.`);
    this.sheet.fake.pending.push(() =>
      values.forEach((line, r) =>
        line.forEach((value, c) => {
          const key = `${this.row + r},${this.column + c}`;
          if (value === "") this.sheet.cells.delete(key);
          else
            this.sheet.cells.set(
              key,
              typeof value === "string" ? parseTyped(value) : { value, formula: null }
            );
        })
      )
    );
    return this;
  }

  setNumberFormat(format: string): Range {
    this.record("setNumberFormat");
    this.sheet.fake.pending.push(() =>
      this.forEachCell((row, column) => this.sheet.numberFormats.set(`${row},${column}`, format))
    );
    return this;
  }

  merge(): Range {
    this.record("merge");
    this.sheet.merges.push(this.address());
    return this;
  }

  createFilter(): Filter {
    this.record("createFilter");
    if (this.sheet.filter !== null)
      throw new Error("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = this.address();
    this.sheet.filterCriteria.clear();
    return this.sheet.filterApi();
  }

  protect(): Protection {
    this.record("protect");
    const protection: FakeProtection = {
      range: `${this.sheet.name}!${this.address()}`,
      warningOnly: false,
      description: "",
    };
    this.sheet.fake.protections.push(protection);
    const fake = this.sheet.fake;
    const api: Protection = {
      setWarningOnly(warningOnly) {
        fake.record("Protection.setWarningOnly");
        protection.warningOnly = warningOnly;
        return api;
      },
      setDescription(description) {
        fake.record("Protection.setDescription");
        protection.description = description;
        return api;
      },
    };
    return api;
  }

  activate(): Range {
    this.record("activate");
    // The range's sheet becomes the active sheet, and the range the active range.
    this.sheet.fake.active = this.sheet;
    this.sheet.fake.activeRange = `${this.sheet.name}!${this.address()}`;
    return this;
  }

  getDataValidations(): (DataValidation | null)[][] {
    this.record("getDataValidations");
    return this.grid((row, column) => {
      const covering = this.sheet.validations.filter((validation) => {
        const at = parseA1(validation.range);
        return (
          row >= at.row &&
          row < at.row + at.rows &&
          column >= at.column &&
          column < at.column + at.columns
        );
      });
      return (covering[covering.length - 1]?.rule ?? null) as DataValidation | null;
    });
  }

  /** One entry per cell, as set (null clears the cell's rule). */
  setDataValidations(rules: (DataValidation | null)[][]): Range {
    this.record("setDataValidations");
    if (
      !Array.isArray(rules) ||
      rules.length !== this.rows ||
      rules.some((line) => !Array.isArray(line) || line.length !== this.columns)
    )
      throw new Error("The number of rows or columns in the rules does not match the range's.");
    rules.forEach((line, r) =>
      line.forEach((rule, c) =>
        this.sheet.validations.push({
          range: a1(this.row + r, this.column + c, 1, 1),
          rule: rule as unknown as FakeValidation | null,
        })
      )
    );
    return this;
  }

  setDataValidation(rule: DataValidation): Range {
    this.record("setDataValidation");
    this.sheet.validations.push({ range: this.address(), rule: rule as unknown as FakeValidation });
    return this;
  }
}

/** An HtmlOutput of the fake HtmlService: its HTML and title, as the script set them. */
export interface FakeHtmlOutput {
  html: string;
  title: string;
  /** As setWidth and setHeight set them; null until set. */
  width: number | null;
  height: number | null;
  setTitle(title: string): FakeHtmlOutput;
  setWidth(width: number): FakeHtmlOutput;
  setHeight(height: number): FakeHtmlOutput;
  getContent(): string;
  append(addedContent: string): FakeHtmlOutput;
}

/** Apps Script's Integer parameters: anything else is refused, naming the method. */
function pixels(value: unknown, method: string): number {
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new Error(
      `The parameters (${typeof value}) don't match the method signature for ${method}.`
    );
  return value;
}

/**
 * A recording fake of HtmlService over the project's HTML files (by name, without ".html", as
 * createHtmlOutputFromFile takes them): each call recorded ("HtmlService.createHtmlOutput", …) and
 * every page made kept in `outputs`, its HTML readable. An absent file throws, as Apps Script does.
 */
export class FakeHtmlService {
  readonly calls: string[] = [];
  readonly outputs: FakeHtmlOutput[] = [];

  constructor(private readonly files: Record<string, string>) {}

  createHtmlOutputFromFile(name: string): FakeHtmlOutput {
    this.calls.push(`HtmlService.createHtmlOutputFromFile:${name}`);
    if (typeof name !== "string" || !Object.hasOwn(this.files, name))
      throw new Error(`No HTML file named ${String(name)} was found.`);
    return this.output(this.files[name]);
  }

  createHtmlOutput(html: string): FakeHtmlOutput {
    this.calls.push("HtmlService.createHtmlOutput");
    if (typeof html !== "string")
      throw new Error(
        "The parameters don't match the method signature for HtmlService.createHtmlOutput."
      );
    return this.output(html);
  }

  private output(html: string): FakeHtmlOutput {
    const calls = this.calls;
    const output: FakeHtmlOutput = {
      html,
      title: "",
      width: null,
      height: null,
      setTitle(title) {
        calls.push("HtmlOutput.setTitle");
        output.title = title;
        return output;
      },
      setWidth(width) {
        calls.push("HtmlOutput.setWidth");
        output.width = pixels(width, "HtmlOutput.setWidth");
        return output;
      },
      setHeight(height) {
        calls.push("HtmlOutput.setHeight");
        output.height = pixels(height, "HtmlOutput.setHeight");
        return output;
      },
      getContent() {
        calls.push("HtmlOutput.getContent");
        return output.html;
      },
      append(addedContent) {
        calls.push("HtmlOutput.append");
        output.html += addedContent;
        return output;
      },
    };
    this.outputs.push(output);
    return output;
  }
}

/** A dialog the fake Ui showed: the page's HTML and size as set, and the dialog's title. */
export interface FakeDialog {
  title: string;
  html: string;
  width: number | null;
  height: number | null;
}

/**
 * A recording fake of the spreadsheet's Ui (SpreadsheetApp.getUi()) as far as the help uses it:
 * showModelessDialog takes only a page of the given fake HtmlService (as Apps Script takes only an
 * HtmlOutput) and a string title, and keeps what it showed in `dialogs`.
 */
export class FakeUi {
  readonly calls: string[] = [];
  readonly dialogs: FakeDialog[] = [];

  constructor(private readonly html: FakeHtmlService) {}

  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.calls.push("Ui.showModelessDialog");
    if (!this.html.outputs.includes(userInterface) || typeof title !== "string")
      throw new Error("The parameters don't match the method signature for Ui.showModelessDialog.");
    const { html, width, height } = userInterface;
    this.dialogs.push({ title, html, width, height });
  }
}
