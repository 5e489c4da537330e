import {
  type CellValue,
  type ConfigParams,
  DetailedCellError,
  EmptyValue,
  FunctionPlugin,
  type FunctionPluginDefinition,
  HyperFormula,
  type RawCellContent,
} from "hyperformula";
import type {
  CellContent,
  ChartSpec,
  SheetRange,
  SheetSnapshot,
  SheetSpec,
  WorkbookSnapshot,
  WorkbookSpec,
} from "../../sheets/spec";
import { type PlacedCell, rowsOf } from "../../sheets/snapshot";
import { assertWritableSpec, cellAddress } from "../../sheets/spec";
import { okrFunctionPlugin, registerOkrFunctionNames } from "./okrFunctions";

/*
 * The memory host: a WorkbookSpec evaluated by HyperFormula, for tests and the browser preview.
 * HyperFormula is GPL-v3 or commercial: this module is for tests and tools, never a shipped bundle.
 */

/**
 * HyperFormula set up to compute as Excel (en-US, Microsoft 365) does, where it has a choice.
 */
export const EXCEL_LIKE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  // Excel's 1900 date system: serial 1 is 1900-01-01 and 60 the 29 February 1900 that never was,
  // so DATE(2026,1,1) is 46023 as in Excel. (With nullDate 1899-12-30, HyperFormula's
  // leapYear1900 would put every date one day late.)
  leapYear1900: true,
  nullDate: { year: 1899, month: 12, day: 31 },
  // Excel 365's dynamic arrays: (A2:A9="x")*B2:B9 is an array wherever it appears. Without this,
  // HyperFormula rejects array expressions even inside SUMPRODUCT.
  useArrayArithmetic: true,
  // Off: it would also turn a defined name that refers to an empty cell into 0, so that
  // OKR_PERIOD_START="" is FALSE where Excel says TRUE. Excel's rule is applied by
  // zeroForEmptyResults instead.
  evaluateNullToZero: false,
  // Text comparison as in Excel: "A"="a" but "é"<>"e".
  caseSensitive: false,
  accentSensitive: true,
  // Values come out with 15 significant digits, as Excel keeps them (HyperFormula keeps
  // precisionRounding + 1), and comparisons and sums near zero tolerate float noise as Excel's do.
  precisionRounding: 14,
  smartRounding: true,
  // COUNTIF/SUMIFS/MATCH criteria as in Excel: wildcards, whole-cell matches, no regular expressions.
  useWildcards: true,
  matchWholeCell: true,
  useRegularExpressions: false,
  // en-US: text that a formula turns into a date ("2026-01-05"+1, DATEVALUE) reads as Excel en-US.
  dateFormats: ["MM/DD/YYYY", "MM/DD/YY", "YYYY-MM-DD"],
  // Excel's sheet size.
  maxRows: 1_048_576,
  maxColumns: 16_384,
  // Nothing is undone here; keeping history would only cost memory.
  undoLimit: 0,
};

/**
 * HyperFormula has no TRUE and FALSE literals, only the functions TRUE() and FALSE(); these
 * workbook names make =IF(TRUE, …) and VLOOKUP(…, FALSE) read as in Excel.
 */
const BOOLEAN_NAMES = [
  { name: "TRUE", expression: "=TRUE()" },
  { name: "FALSE", expression: "=FALSE()" },
];

const BOOLEAN_NAME_SET: ReadonlySet<string> = new Set(BOOLEAN_NAMES.map(({ name }) => name));

// Where HyperFormula keeps defined names: a sheet of their own (NamedExpressions, internal).
const NAMES_SHEET = -1;

/**
 * Excel's rule for empty results: a formula cell whose result is an empty cell (=A1, A1 empty)
 * holds 0, and every formula reading it sees 0; a defined name referring to an empty cell stays
 * empty. HyperFormula's evaluateNullToZero applies to names too, so the rule is applied here, at
 * the one place HyperFormula stores a formula's result (Evaluator.evaluateAstToCellValue, an
 * internal method: an upgrade that renames it fails here, loudly, and in the tests).
 */
function zeroForEmptyResults(engine: HyperFormula): void {
  const evaluator = engine.evaluator as unknown as {
    evaluateAstToCellValue?: (
      ast: unknown,
      state: { formulaAddress: { sheet: number } }
    ) => unknown;
  };
  const evaluate = evaluator.evaluateAstToCellValue?.bind(evaluator);
  if (!evaluate) {
    throw new Error(
      "this HyperFormula version stores results differently: update zeroForEmptyResults in src/hosts/memory/workbook.ts"
    );
  }
  evaluator.evaluateAstToCellValue = (ast, state) => {
    const value = evaluate(ast, state);
    return value === EmptyValue && state.formulaAddress.sheet !== NAMES_SHEET ? 0 : value;
  };
}

/** TODAY() fixed on one day, for reproducible evaluation. */
function fixedTodayPlugin(serial: number): FunctionPluginDefinition {
  const day = Math.floor(serial);
  class FixedToday extends FunctionPlugin {
    static override implementedFunctions = {
      TODAY: { method: "today", parameters: [], isVolatile: true },
    };

    today(
      ast: Parameters<FunctionPlugin["evaluateAst"]>[0] & { args: [] },
      state: Parameters<FunctionPlugin["evaluateAst"]>[1]
    ) {
      return this.runFunction(ast.args, state, this.metadata("TODAY"), () => day);
    }
  }
  return FixedToday;
}

export interface MemoryHostOptions {
  /**
   * The Excel serial of the day TODAY() returns (and OKR.PACE judges on when as_of is empty).
   * HyperFormula reads the clock otherwise; a fixed day makes results reproducible.
   */
  today?: number;
}

/** A cell's value as a snapshot holds it: errors as their text, such as "#VALUE!". */
export type ShownValue = string | number | boolean | null;

/** A chart of the spec, with what it shows as the workbook computes it now. */
export interface MemoryChart {
  /** The sheet it is drawn on. */
  sheet: string;
  spec: ChartSpec;
  /** The category labels, in order. */
  categories: ShownValue[];
  /** Each series' values, one per category. */
  series: { name: string; values: ShownValue[] }[];
}

export interface MemoryWorkbook {
  /** The HyperFormula instance, for what this interface does not cover. */
  readonly engine: HyperFormula;
  /** The value of a cell, by sheet name and A1 address ("B2"). */
  value(sheet: string, address: string): ShownValue;
  /** The error a cell shows, with HyperFormula's message (the engine's, for OKR.*), or null. */
  error(sheet: string, address: string): { code: string; message: string } | null;
  /** The formula of a cell, or null for a constant or an empty cell. */
  formula(sheet: string, address: string): string | null;
  /**
   * Every sheet's cells that hold something (sparse), and the defined names, as a host reads a
   * workbook back. The sheets are the engine's at the time of the call (a removed sheet is gone).
   */
  snapshot(): WorkbookSnapshot;
  /** The spec's charts, sheet by sheet, each with the values it shows. */
  charts(): MemoryChart[];
  /** Frees the instance. */
  dispose(): void;
}

function shown(value: CellValue): ShownValue {
  return value instanceof DetailedCellError ? value.value : value;
}

/** What HyperFormula is given for a cell. Text is escaped so it stays text, whatever it looks like. */
function rawContent(content: CellContent, where: string): RawCellContent {
  switch (content.kind) {
    case "text":
      // A leading apostrophe makes HyperFormula keep the rest as text: "=1+1", "80", "TRUE" and
      // "01/02/2026" would otherwise become a formula, a number, a boolean and a date. Writing ""
      // empties a cell, as in Excel.
      return content.text === "" ? null : `'${content.text}`;
    case "number":
      return finite(content.value, where);
    case "boolean":
      return content.value;
    case "date":
      return finite(content.serial, where);
    case "formula":
      if (!content.formula.startsWith("=")) {
        throw new Error(`${where}: a formula must start with "=": ${content.formula}`);
      }
      return content.formula;
  }
}

function finite(value: number, where: string): number {
  if (!Number.isFinite(value))
    throw new Error(`${where}: ${value} is not a number a cell can hold`);
  return value;
}

/** A sheet's cells as the rows HyperFormula takes; two cells at one address are a builder bug. */
function sheetContent(sheet: SheetSpec): RawCellContent[][] {
  const rows: RawCellContent[][] = [];
  const written = new Set<string>();
  for (const cell of sheet.cells) {
    const where = `${sheet.name}!${cellAddress(cell.row, cell.column)}`;
    if (written.has(where)) throw new Error(`${where} is written twice`);
    written.add(where);
    const line = (rows[cell.row] ??= []);
    line[cell.column] = rawContent(cell.content, where);
  }
  // HyperFormula wants dense rows: fill the holes with empty cells.
  return Array.from(rows, (line) => Array.from(line ?? [], (value) => value ?? null));
}

/**
 * Builds and evaluates a workbook from its spec. Dispose of it when done. A chart whose ranges
 * cannot be drawn (see chartProblems) and a text no cell can hold (textProblems) are refused
 * before anything is built.
 */
export function loadWorkbook(spec: WorkbookSpec, options: MemoryHostOptions = {}): MemoryWorkbook {
  assertWritableSpec(spec);
  registerOkrFunctionNames();
  const plugins = [...HyperFormula.getAllFunctionPlugins(), okrFunctionPlugin(options)];
  if (options.today !== undefined) plugins.push(fixedTodayPlugin(options.today));
  const engine = HyperFormula.buildEmpty({ ...EXCEL_LIKE_CONFIG, functionPlugins: plugins });

  try {
    zeroForEmptyResults(engine);
    engine.suspendEvaluation();
    for (const sheet of spec.sheets) engine.addSheet(sheet.name);
    for (const { name, expression } of BOOLEAN_NAMES) engine.addNamedExpression(name, expression);
    for (const { name, formula } of spec.names) {
      try {
        engine.addNamedExpression(name, formula);
      } catch (error) {
        throw new Error(`defined name ${name} (${formula}): ${(error as Error).message}`);
      }
    }
    for (const sheet of spec.sheets) {
      engine.setSheetContent(sheetId(engine, sheet.name), sheetContent(sheet));
    }
    engine.resumeEvaluation();
  } catch (error) {
    engine.destroy();
    throw error;
  }

  const address = (sheet: string, a1: string) => {
    const cell = engine.simpleCellAddressFromString(a1, sheetId(engine, sheet));
    if (cell === undefined) throw new Error(`not a cell address: ${a1}`);
    return cell;
  };

  return {
    engine,
    value: (sheet, a1) => shown(engine.getCellValue(address(sheet, a1))),
    error: (sheet, a1) => {
      const value = engine.getCellValue(address(sheet, a1));
      return value instanceof DetailedCellError
        ? { code: value.value, message: value.message }
        : null;
    },
    formula: (sheet, a1) => engine.getCellFormula(address(sheet, a1)) ?? null,
    snapshot: () => ({
      sheets: engine.getSheetNames().map((name) => sheetSnapshot(engine, name)),
      names: engine
        .getAllNamedExpressionsSerialized()
        .filter((named) => named.scope === undefined && !BOOLEAN_NAME_SET.has(named.name))
        .map((named) => ({
          name: named.name,
          formula: engine.getNamedExpressionFormula(named.name) ?? String(named.expression),
        })),
    }),
    charts: () => {
      const shownCells = ({ sheet, range }: SheetRange): ShownValue[] => {
        const values: ShownValue[] = [];
        for (let row = range.startRow; row <= range.endRow; row++)
          for (let column = range.startColumn; column <= range.endColumn; column++)
            values.push(
              shown(engine.getCellValue({ sheet: sheetId(engine, sheet), row, col: column }))
            );
        return values;
      };
      return spec.sheets.flatMap((sheet) =>
        (sheet.charts ?? []).map((chart) => ({
          sheet: sheet.name,
          spec: chart,
          categories: shownCells(chart.categories),
          series: chart.series.map((series) => ({
            name: series.name,
            values: shownCells(series.values),
          })),
        }))
      );
    },
    dispose: () => engine.destroy(),
  };
}

/**
 * Evaluates a spec and reads every sheet back, sparse: the cells that hold something, with their
 * computed values (numbers, text, booleans, errors as their text) and formulas.
 */
export function evaluateWorkbook(
  spec: WorkbookSpec,
  options: MemoryHostOptions = {}
): WorkbookSnapshot {
  const workbook = loadWorkbook(spec, options);
  try {
    return workbook.snapshot();
  } finally {
    workbook.dispose();
  }
}

function sheetId(engine: HyperFormula, name: string): number {
  const id = engine.getSheetId(name);
  if (id === undefined) throw new Error(`no sheet named ${name}`);
  return id;
}

/**
 * The sheet's cells that show something or hold a formula (a spill included), sparse: no empty
 * cell is kept. HyperFormula hands its values and formulas over as grids from A1; only our own
 * specs are evaluated here.
 */
function sheetSnapshot(engine: HyperFormula, name: string): SheetSnapshot {
  const id = sheetId(engine, name);
  const values = engine.getSheetValues(id);
  const formulas = engine.getSheetFormulas(id);
  const cells: PlacedCell[] = [];
  const height = Math.max(values.length, formulas.length);
  for (let row = 0; row < height; row++) {
    const line = values[row] ?? [];
    const formulaLine = formulas[row] ?? [];
    const width = Math.max(line.length, formulaLine.length);
    for (let column = 0; column < width; column++) {
      const value = line[column];
      const formula = formulaLine[column] ?? null;
      const cell = value === null || value === undefined ? null : shown(value);
      if (cell !== null || formula !== null) cells.push({ row, column, value: cell, formula });
    }
  }
  // HyperFormula has no hidden sheets, and a spec has none either.
  return { name, visible: true, rows: rowsOf(cells) };
}
