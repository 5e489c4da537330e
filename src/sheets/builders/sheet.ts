import { HEALTH, PACE, STATUS } from "../../okr/thresholds";
import {
  type CellContent,
  type CellRange,
  type CellSpec,
  type CellStyle,
  type ConditionalFormatSpec,
  type SheetSpec,
  columnLetter,
  DEFAULT_DATE_FORMAT,
  sheetReference,
} from "../spec";

/** What every sheet builder shares: cell contents, the named styles, one sheet's cells. */

export const text = (value: string): CellContent => ({ kind: "text", text: value });
export const number = (value: number): CellContent => ({ kind: "number", value });
export const formula = (value: string): CellContent => ({ kind: "formula", formula: value });

/** The styles cells name; `WorkbookStyles` adds one per number format a key result needs. */
const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 16, fontColor: "#1F3864" },
  subtitle: { italic: true, fontColor: "#595959" },
  label: { bold: true },
  wrappedLabel: { bold: true, wrap: true },
  header: { bold: true, fontColor: "#FFFFFF", fill: "#1F4E79", wrap: true },
  section: { bold: true, fontSize: 12, fontColor: "#1F4E79" },
  score: { numberFormat: "0.00" },
  date: { numberFormat: DEFAULT_DATE_FORMAT },
  wrap: { wrap: true },
  integer: { numberFormat: "0" },
  red: { fill: "#FFC7CE", fontColor: "#9C0006" },
  yellow: { fill: "#FFEB9C", fontColor: "#9C5700" },
  green: { fill: "#C6EFCE", fontColor: "#006100" },
  hidden: { fontColor: "#808080" },
};

/** The workbook's styles: the fixed ones, then a `number:<format>` style per format asked for. */
export class WorkbookStyles {
  readonly styles: Record<string, CellStyle> = { ...STYLES };

  /** The style name of a number format, added on first use; none for no format. */
  numberFormat(format: string | undefined): string | undefined {
    if (!format) return undefined;
    const name = `number:${format}`;
    this.styles[name] = { numberFormat: format };
    return name;
  }
}

/** Traffic-light colours for a label: the statuses and the paces. */
const LIGHTS: [string, string, string][] = [
  [STATUS.red, "#FFC7CE", "#9C0006"],
  [STATUS.yellow, "#FFEB9C", "#9C5700"],
  [STATUS.green, "#C6EFCE", "#006100"],
  [PACE.atRisk, "#FFC7CE", "#9C0006"],
  [PACE.behind, "#FFEB9C", "#9C5700"],
  [PACE.onTrack, "#C6EFCE", "#006100"],
];

/**
 * Colours for the plan-health verdicts: Concerning as Red; Below target and Too easy (not
 * ambitious enough) as Yellow, each a reason to act; Ideal and Strong as Green.
 */
const HEALTH_LIGHTS: [string, string, string][] = [
  [HEALTH.concerning, "#FFC7CE", "#9C0006"],
  [HEALTH.belowTarget, "#FFEB9C", "#9C5700"],
  [HEALTH.tooEasy, "#FFEB9C", "#9C5700"],
  [HEALTH.ideal, "#C6EFCE", "#006100"],
  [HEALTH.strong, "#C6EFCE", "#006100"],
];

/** Rows `firstRow` to `lastRow` of one column. */
export const columnRange = (firstRow: number, lastRow: number, column: number): CellRange => ({
  startRow: firstRow,
  startColumn: column,
  endRow: lastRow,
  endColumn: column,
});

/** Collects one sheet's cells and features. */
export class SheetBuilder {
  readonly spec: SheetSpec;

  constructor(name: string) {
    this.spec = {
      name,
      cells: [],
      columns: [],
      frozenRows: 0,
      tables: [],
      validations: [],
      conditionalFormats: [],
      merges: [],
      print: { landscape: true, fitToWidth: true },
    };
  }

  set(row: number, column: number, content: CellContent | null, style?: string): void {
    if (content === null) return;
    const cell: CellSpec = { row, column, content };
    if (style) cell.style = style;
    this.spec.cells.push(cell);
  }

  row(row: number, column: number, contents: (CellContent | null)[], style?: string): void {
    contents.forEach((content, offset) => this.set(row, column + offset, content, style));
  }

  widths(widths: number[], hidden: number[] = []): void {
    this.spec.columns = widths.map((width, index) =>
      hidden.includes(index) ? { index, width, hidden: true } : { index, width }
    );
  }

  /** Column widths of a sheet whose columns are one table's, from column A, by header. */
  widthsByHeader<Header extends string>(
    headers: readonly Header[],
    widths: Record<Header, number>,
    hidden: readonly Header[] = []
  ): void {
    this.widths(
      headers.map((header) => widths[header]),
      hidden.map((header) => headers.indexOf(header))
    );
  }

  /** A table from column A whose columns are `headers`, from its header row to `lastRow`. */
  table(name: string, headers: readonly string[], headerRow: number, lastRow: number): void {
    const range: CellRange = {
      startRow: headerRow,
      startColumn: 0,
      endRow: lastRow,
      endColumn: headers.length - 1,
    };
    this.spec.tables.push({ name, range, style: "TableStyleMedium2" });
  }

  /**
   * Freezes the rows down to a table's header row, and repeats that header row at the top of
   * every printed page.
   */
  freezeThrough(headerRow: number): void {
    this.spec.frozenRows = headerRow + 1;
    this.spec.print.titleRows = { first: headerRow, last: headerRow };
  }

  lights(range: CellRange, colours: [string, string, string][] = LIGHTS): void {
    for (const [label, fill, fontColor] of colours) {
      const rule: ConditionalFormatSpec = {
        range,
        kind: "textEquals",
        text: label,
        fill,
        fontColor,
      };
      this.spec.conditionalFormats.push(rule);
    }
  }

  /** A plan-health cell's own colours: the traffic lights' labels never match its verdicts. */
  healthLights(range: CellRange): void {
    this.lights(range, HEALTH_LIGHTS);
  }
}

/** "$G6": a cell whose column stays put when the formula is filled down. */
export function at(column: number, row: number): string {
  return `$${columnLetter(column)}${row + 1}`;
}

/** "$G$6:$G$9": rows `first` to `last` of one column, absolute. */
export function columnCells(column: number, first: number, last: number): string {
  const letter = columnLetter(column);
  return `$${letter}$${first + 1}:$${letter}$${last + 1}`;
}

/** A reference on another sheet: Scorecard!$G6. */
export function onSheet(sheet: string, reference: string): string {
  return `${sheetReference(sheet)}!${reference}`;
}
