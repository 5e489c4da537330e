import { SHEETS } from "../../sheets/layout";
import {
  assertWritableSpec,
  columnLetter,
  rangeAddress,
  typedValue,
  type CellRange,
  type SheetSpec,
  type WorkbookSpec,
  type FormatProperty,
  sheetFormats,
} from "../../sheets/spec";
import { blocksOf, rectanglesOf, type PlacedCell } from "./blocks";
import { chartRequestBytes, queueChart } from "./charts";
import { fillRuns } from "./fill";
import { planNames, rewriteFormula, type NameMapping, type NamePlan } from "./names";
import {
  assertRequirements,
  AUTO_FILL,
  officeRequirements,
  SUSPEND_CALCULATION,
  SUSPEND_SCREEN_UPDATING,
  type RequirementChecker,
} from "./requirements";

/**
 * Writes a workbook spec into the open workbook: one sync to learn which sheet, table and defined
 * names exist, one to write everything, charts included. Only new sheets, tables and names are
 * created; anything already in the workbook is left as it was.
 */

/**
 * Excel on the web rejects a request over 5 MB; a write is split into more requests only when its
 * estimate passes 4 MB, which leaves room for the estimate's error (it counts the JSON of the
 * arguments plus a fixed cost per action, not Office.js's exact encoding).
 */
export const WRITE_BUDGET_BYTES = 4_000_000;
/** A single 2-D array is cut into row blocks of at most this estimate, so any batch can hold one. */
const MAX_BLOCK_BYTES = WRITE_BUDGET_BYTES / 4;
/**
 * Estimated request bytes of one action or object path (id, type, name, parent) besides its
 * arguments; every method call, property set and navigation (range.format.font) costs one.
 */
export const ACTION_BYTES = 100;

/** The number format a date gets when its style names none. */

export interface InsertOptions {
  /** Defaults to Office's `isSetSupported`. */
  isSetSupported?: RequirementChecker;
  /** Bytes per write request before the write is split; defaults to WRITE_BUDGET_BYTES. */
  budgetBytes?: number;
}

export interface InsertResult {
  /** spec name → actual name, for every sheet, table and defined name of the spec. */
  sheets: NameMapping;
  tables: NameMapping;
  names: NameMapping;
  /** The sheet left active: the Scorecard. */
  activeSheet: string;
  /** context.sync calls made: one read plus the write requests. */
  syncs: number;
  writeRequests: number;
  /** Estimated size of the largest request sent. */
  largestPayloadBytes: number;
}

/** One queued piece of the write and its estimated request size. */
interface Step {
  bytes: number;
  queue: () => void;
}

function jsonBytes(value: unknown): number {
  return JSON.stringify(value).length;
}

/** Text as it must be written to `range.values` to stay exactly that text (src/sheets/spec.ts). */
export { typedText as cellText } from "../../sheets/spec";

/** Column width in characters (Calibri 11: 7 pixels a digit, 5 of padding) as Office.js points. */
export function columnWidthPoints(characters: number): number {
  return (Math.round(characters * 7) + 5) * 0.75;
}

/** Problems in a spec that would make Excel reject the whole request, reported before any write. */
function assertWritable(spec: WorkbookSpec): void {
  for (const sheet of spec.sheets) {
    if (sheet.name.length === 0 || sheet.name.length > 31 || /[:\\/?*[\]]/.test(sheet.name))
      throw new Error(`Sheet name "${sheet.name}" is not one Excel accepts.`);
    for (const cell of sheet.cells) {
      const where = `${sheet.name}!${columnLetter(cell.column)}${cell.row + 1}`;
      const { content } = cell;
      if (
        (content.kind === "number" && !Number.isFinite(content.value)) ||
        (content.kind === "date" && !Number.isFinite(content.serial))
      )
        throw new Error(`Cell ${where} holds a number Excel cannot store.`);
      if (content.kind === "formula" && !content.formula.startsWith("="))
        throw new Error(`Cell ${where}: a formula must start with "=".`);
      if (cell.style !== undefined && spec.styles[cell.style] === undefined)
        throw new Error(
          `Cell ${where} names style "${cell.style}", which the spec does not define.`
        );
    }
    for (const validation of sheet.validations)
      if (validation.kind === "list" && validation.values.some((value) => value.includes(",")))
        throw new Error(
          `A list validation on ${sheet.name} has a value with a comma, which Excel's list cannot hold.`
        );
  }
  assertWritableSpec(spec);
}

/** Object paths a format property goes through besides the range: format, then font or fill. */
const FORMAT_PATHS: Record<FormatProperty, number> = {
  bold: 2,
  italic: 2,
  fontColor: 2,
  fontSize: 2,
  fill: 2,
  horizontalAlignment: 1,
  wrap: 1,
};

function applyFormat(
  range: Excel.Range,
  property: FormatProperty,
  value: string | number | boolean
): void {
  switch (property) {
    case "bold":
      range.format.font.bold = value as boolean;
      break;
    case "italic":
      range.format.font.italic = value as boolean;
      break;
    case "fontColor":
      range.format.font.color = value as string;
      break;
    case "fill":
      range.format.fill.color = value as string;
      break;
    case "horizontalAlignment": {
      const alignment = value as "left" | "center" | "right";
      range.format.horizontalAlignment =
        alignment === "left" ? "Left" : alignment === "center" ? "Center" : "Right";
      break;
    }
    case "wrap":
      range.format.wrapText = value as boolean;
      break;
    case "fontSize":
      range.format.font.size = value as number;
      break;
  }
}

/**
 * The whole write as ordered steps: sheets, values, names, formulas, formats, tables over the
 * data, validations, conditional formats, charts, print set-up, then the Scorecard activated.
 * Steps reach their sheet through the proxy `worksheets.add` returned, which stays valid across
 * syncs.
 */
class WritePlan {
  readonly steps: Step[] = [];
  private readonly sheets = new Map<string, Excel.Worksheet>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly spec: WorkbookSpec,
    private readonly names: NamePlan,
    private readonly maxBlockBytes: number,
    /** Range.autoFill (ExcelApi 1.9) is there: formula columns are filled, not sent row by row. */
    private readonly autoFill: boolean
  ) {}

  private add(bytes: number, queue: () => void): void {
    this.steps.push({ bytes, queue });
  }

  private sheet(specName: string): Excel.Worksheet {
    return this.sheets.get(specName)!;
  }

  /** A range step: getRange plus `actions` more actions and object paths on it. */
  private onRange(
    sheet: SheetSpec,
    range: CellRange | string,
    actions: number,
    argumentBytes: number,
    queue: (range: Excel.Range) => void
  ): void {
    const address = typeof range === "string" ? range : rangeAddress(range);
    this.add(ACTION_BYTES * (1 + actions) + address.length + argumentBytes, () =>
      queue(this.sheet(sheet.name).getRange(address))
    );
  }

  build(): Step[] {
    const { spec } = this;
    for (const sheet of spec.sheets) {
      const actual = this.names.sheets[sheet.name];
      this.add(ACTION_BYTES + actual.length, () =>
        this.sheets.set(sheet.name, this.context.workbook.worksheets.add(actual))
      );
    }
    for (const sheet of spec.sheets) this.values(sheet);
    // Names before the formulas that use them: with calculation suspended, a formula entered
    // while its name is still undefined could show #NAME? until something recalculates it.
    for (const name of spec.names) {
      const actual = this.names.names[name.name];
      const formula = rewriteFormula(name.formula, this.names);
      const hidden = name.hidden === true;
      this.add((hidden ? 2 : 1) * ACTION_BYTES + actual.length + formula.length, () => {
        const added = this.context.workbook.names.add(actual, formula);
        // NamedItem.visible: ExcelApi 1.1.
        if (hidden) added.visible = false;
      });
    }
    for (const sheet of spec.sheets) this.formulas(sheet);
    for (const sheet of spec.sheets) this.formats(sheet);
    for (const sheet of spec.sheets) this.tables(sheet);
    for (const sheet of spec.sheets) this.validations(sheet);
    for (const sheet of spec.sheets) this.conditionalFormats(sheet);
    for (const sheet of spec.sheets) this.charts(sheet);
    for (const sheet of spec.sheets) this.print(sheet);
    const active = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard) ?? spec.sheets[0];
    if (active) this.add(ACTION_BYTES, () => this.sheet(active.name).activate());
    return this.steps;
  }

  private writeBlocks<T extends string | number | boolean>(
    sheet: SheetSpec,
    cells: PlacedCell<T>[],
    assign: (range: Excel.Range, items: (T | null)[][]) => void
  ): void {
    for (const block of blocksOf(cells, jsonBytes, this.maxBlockBytes)) {
      this.onRange(sheet, block.range, 1, jsonBytes(block.items), (range) =>
        assign(range, block.items)
      );
    }
  }

  private values(sheet: SheetSpec): void {
    const cells: PlacedCell<string | number | boolean>[] = [];
    for (const { row, column, content } of sheet.cells)
      if (content.kind !== "formula") cells.push({ row, column, item: typedValue(content) });
    this.writeBlocks(sheet, cells, (range, items) => {
      range.values = items;
    });
  }

  private formulas(sheet: SheetSpec): void {
    const cells: { row: number; column: number; formula: string }[] = [];
    for (const { row, column, content } of sheet.cells)
      if (content.kind === "formula")
        cells.push({ row, column, formula: rewriteFormula(content.formula, this.names) });
    const runs = this.autoFill ? fillRuns(cells) : [];
    // Every row of a run but the first comes from the fill.
    const filled = new Set<string>();
    for (const run of runs)
      for (let row = run.startRow + 1; row <= run.endRow; row++)
        for (let column = run.startColumn; column <= run.endColumn; column++)
          filled.add(`${row},${column}`);
    const written = cells
      .filter(({ row, column }) => !filled.has(`${row},${column}`))
      .map(({ row, column, formula }) => ({ row, column, item: formula }));
    this.writeBlocks(sheet, written, (range, items) => {
      range.formulas = items;
    });
    for (const run of runs) {
      const destination = rangeAddress(run);
      const source = { ...run, endRow: run.startRow };
      // FillCopy copies the first row's formulas down, moving their relative references.
      this.onRange(sheet, source, 1, destination.length + 10, (range) =>
        range.autoFill(destination, "FillCopy")
      );
    }
  }

  private formats(sheet: SheetSpec): void {
    const formats = sheetFormats(sheet, this.spec.styles);
    const numberFormats: PlacedCell<string>[] = formats.numberFormats.map(
      ({ row, column, format }) => ({ row, column, item: format })
    );
    this.writeBlocks(sheet, numberFormats, (range, items) => {
      range.numberFormat = items;
    });
    for (const { property, value, cells } of formats.groups)
      for (const rectangle of rectanglesOf(cells))
        this.onRange(sheet, rectangle, 1 + FORMAT_PATHS[property], jsonBytes(value), (range) =>
          applyFormat(range, property, value)
        );
    const columns = [...sheet.columns].sort((a, b) => a.index - b.index);
    for (let i = 0; i < columns.length;) {
      let j = i;
      while (
        j + 1 < columns.length &&
        columns[j + 1].index === columns[j].index + 1 &&
        columns[j + 1].width === columns[i].width &&
        Boolean(columns[j + 1].hidden) === Boolean(columns[i].hidden)
      )
        j++;
      const { width, hidden } = columns[i];
      const address = `${columnLetter(columns[i].index)}:${columnLetter(columns[j].index)}`;
      const points = columnWidthPoints(width);
      this.onRange(sheet, address, hidden ? 3 : 2, 16, (range) => {
        range.format.columnWidth = points;
        if (hidden) range.columnHidden = true;
      });
      i = j + 1;
    }
    if (sheet.frozenRows > 0) {
      const rows = sheet.frozenRows;
      this.add(2 * ACTION_BYTES, () => this.sheet(sheet.name).freezePanes.freezeRows(rows));
    }
    for (const merge of sheet.merges)
      this.onRange(sheet, merge, 1, 8, (range) => range.merge(false));
    // Excel measures wrapped text itself: the rows the builder estimated are fitted, not set, so
    // they keep fitting as people edit (Range.format.autofitRows: ExcelApi 1.2).
    for (const rows of rowRuns(sheet.rows ?? []))
      this.onRange(sheet, rows, 2, 0, (range) => range.format.autofitRows());
  }

  private tables(sheet: SheetSpec): void {
    for (const table of sheet.tables) {
      const address = rangeAddress(table.range);
      const name = this.names.tables[table.name];
      this.add(4 * ACTION_BYTES + address.length + name.length + table.style.length, () => {
        const created = this.sheet(sheet.name).tables.add(address, true);
        created.name = name;
        created.style = table.style;
      });
    }
  }

  private validations(sheet: SheetSpec): void {
    for (const validation of sheet.validations) {
      let rule: Excel.DataValidationRule;
      switch (validation.kind) {
        case "list":
          rule = { list: { inCellDropDown: true, source: validation.values.join(",") } };
          break;
        case "decimal":
          rule = {
            decimal: { formula1: validation.min, formula2: validation.max, operator: "Between" },
          };
          break;
        case "date":
          rule = { date: { formula1: "=DATE(1900,1,1)", operator: "GreaterThanOrEqualTo" } };
          break;
      }
      const errorAlert: Excel.DataValidationErrorAlert = {
        message: validation.message,
        showAlert: true,
        style: "Stop",
        title: "OKR Studio",
      };
      this.onRange(sheet, validation.range, 3, jsonBytes(rule) + jsonBytes(errorAlert), (range) => {
        range.dataValidation.rule = rule;
        range.dataValidation.errorAlert = errorAlert;
      });
    }
  }

  private conditionalFormats(sheet: SheetSpec): void {
    for (const format of sheet.conditionalFormats) {
      if (format.kind === "textEquals") {
        // A cell-value rule compares the whole text; "contains" would also colour "Greenish".
        const rule: Excel.ConditionalCellValueRule = {
          formula1: `="${format.text.replace(/"/g, '""')}"`,
          operator: "EqualTo",
        };
        const { fill, fontColor } = format;
        // add, three sets, and five object paths (conditionalFormats, cellValue, format, fill, font).
        this.onRange(
          sheet,
          format.range,
          9,
          jsonBytes(rule) + fill.length + fontColor.length,
          (range) => {
            const added = range.conditionalFormats.add("CellValue");
            added.cellValue.rule = rule;
            added.cellValue.format.fill.color = fill;
            added.cellValue.format.font.color = fontColor;
          }
        );
      } else {
        const lower: Excel.ConditionalDataBarRule = { type: "Number", formula: String(format.min) };
        const upper: Excel.ConditionalDataBarRule = { type: "Number", formula: String(format.max) };
        const { color } = format;
        this.onRange(
          sheet,
          format.range,
          7,
          jsonBytes(lower) + jsonBytes(upper) + color.length,
          (range) => {
            const added = range.conditionalFormats.add("DataBar");
            added.dataBar.lowerBoundRule = lower;
            added.dataBar.upperBoundRule = upper;
            added.dataBar.positiveFormat.fillColor = color;
          }
        );
      }
    }
  }

  /** Each chart is one step, its ranges got from the sheets they name as written here. */
  private charts(sheet: SheetSpec): void {
    for (const chart of sheet.charts ?? [])
      this.add(chartRequestBytes(chart, ACTION_BYTES), () =>
        queueChart(this.sheet(sheet.name), chart, ({ sheet: name, range }) =>
          this.sheet(name).getRange(rangeAddress(range))
        )
      );
  }

  private print(sheet: SheetSpec): void {
    const { landscape, fitToWidth, titleRows } = sheet.print;
    if (!landscape && !fitToWidth && !titleRows) return;
    // PageLayout.setPrintTitleRows takes whole rows ("$5:$5"): ExcelApi 1.9, as the rest here.
    const titles = titleRows && `$${titleRows.first + 1}:$${titleRows.last + 1}`;
    this.add(4 * ACTION_BYTES, () => {
      const layout = this.sheet(sheet.name).pageLayout;
      if (landscape) layout.orientation = "Landscape";
      if (fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
      if (titles) layout.setPrintTitleRows(titles);
    });
  }
}

/** Runs of consecutive rows, as whole-row addresses: "6:9". */
function rowRuns(rows: readonly { index: number }[]): string[] {
  const indexes = rows.map((row) => row.index).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < indexes.length;) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    runs.push(`${indexes[i] + 1}:${indexes[j] + 1}`);
    i = j + 1;
  }
  return runs;
}

/** Consecutive steps grouped into requests of at most `budget` estimated bytes. */
function batchesOf(steps: Step[], budget: number): Step[][] {
  const batches: Step[][] = [[]];
  let bytes = 0;
  for (const step of steps) {
    if (bytes + step.bytes > budget && batches[batches.length - 1].length > 0) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1].push(step);
    bytes += step.bytes;
  }
  return batches;
}

function namesOf(collection: { items: { name: string }[] }): string[] {
  return collection.items.map((item) => item.name);
}

export async function insertWorkbook(
  context: Excel.RequestContext,
  spec: WorkbookSpec,
  options: InsertOptions = {}
): Promise<InsertResult> {
  const isSetSupported = options.isSetSupported ?? officeRequirements;
  const budget = options.budgetBytes ?? WRITE_BUDGET_BYTES;
  assertRequirements(spec, isSetSupported);
  assertWritable(spec);

  const { workbook } = context;
  const worksheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name");
  const names = workbook.names.load("items/name");
  await context.sync();

  const plan = planNames(
    {
      sheets: spec.sheets.map((sheet) => sheet.name),
      tables: spec.sheets.flatMap((sheet) => sheet.tables.map((table) => table.name)),
      names: spec.names.map((name) => name.name),
    },
    { sheets: namesOf(worksheets), tables: namesOf(tables), names: namesOf(names) }
  );
  const steps = new WritePlan(
    context,
    spec,
    plan,
    Math.min(MAX_BLOCK_BYTES, budget / 2),
    isSetSupported("ExcelApi", AUTO_FILL)
  ).build();
  const suspendCalculation = isSetSupported("ExcelApi", SUSPEND_CALCULATION);
  const suspendScreen = isSetSupported("ExcelApi", SUSPEND_SCREEN_UPDATING);
  const readBytes = 3 * 2 * ACTION_BYTES;
  let largest = readBytes;
  const batches = batchesOf(steps, budget - 2 * ACTION_BYTES);
  for (const batch of batches) {
    // Both suspensions last until the next sync, so every request of a split write repeats them.
    if (suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
    if (suspendScreen) context.application.suspendScreenUpdatingUntilNextSync();
    let bytes = 2 * ACTION_BYTES;
    for (const step of batch) {
      step.queue();
      bytes += step.bytes;
    }
    largest = Math.max(largest, bytes);
    // One request per 4 MB of estimated payload: a single sync for every plan we generate.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }

  const activeSpec = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard) ?? spec.sheets[0];
  return {
    sheets: plan.sheets,
    tables: plan.tables,
    names: plan.names,
    activeSheet: activeSpec ? plan.sheets[activeSpec.name] : "",
    syncs: 1 + batches.length,
    writeRequests: batches.length,
    largestPayloadBytes: largest,
  };
}
