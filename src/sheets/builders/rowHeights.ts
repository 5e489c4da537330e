import type { CellStyle, SheetSpec } from "../spec";

/**
 * Row heights for wrapped text, estimated from the text and its column's width. LibreOffice keeps
 * a row one line high unless the file stores its height (it does not fit rows to their text on
 * load, as Excel does), so wrapped Objective and Key Result cells would run over the rows below;
 * the builder stores the estimate, the .xlsx host writes it, and the Excel host fits those rows
 * with Excel's own measure instead. Deterministic: the same spec gives the same heights anywhere.
 */

/** Excel's default row height for its default font (Calibri 11), in points. */
export const DEFAULT_ROW_HEIGHT = 15;
/** Excel's default font size and column width (in characters). */
const DEFAULT_FONT_SIZE = 11;
const DEFAULT_COLUMN_WIDTH = 8.43;
/**
 * A column's width counts the default font's digits; a line of text holds fewer average characters
 * than that once the cell's padding, bold type and a substitute font are counted. LibreOffice
 * without Calibri (or its metric twin Carlito) sets it in a wider face, and a line too many only
 * costs space, where one too few hides text.
 */
const CHARACTERS_PER_WIDTH = 0.85;
const BOLD_WIDTH = 1.08;

/** Lines the text takes when its words are wrapped at `perLine` characters, paragraph by paragraph. */
export function wrappedLines(text: string, perLine: number): number {
  const limit = Math.max(1, Math.floor(perLine));
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter((part) => part.length > 0)) {
      const needed = used === 0 ? word.length : used + 1 + word.length;
      if (needed <= limit) {
        used = needed;
        continue;
      }
      if (used > 0) lines += 1;
      // A word longer than a line is broken across as many lines as it fills.
      lines += Math.ceil(word.length / limit) - 1;
      used = word.length - (Math.ceil(word.length / limit) - 1) * limit;
    }
  }
  return lines;
}

/** The height of `lines` lines of text at `fontSize` points: 15 points a line at 11. */
export function linesHeight(lines: number, fontSize: number): number {
  return Math.ceil((lines * fontSize * DEFAULT_ROW_HEIGHT) / DEFAULT_FONT_SIZE);
}

/**
 * The rows of a sheet that need more than the default height, in row order: each row as high as
 * its tallest text cell (wrapped cells at their column's width, merged cells at the merge's), for
 * text in visible columns. Rows whose text fits the default height are left out.
 */
export function rowHeights(
  sheet: SheetSpec,
  styles: Record<string, CellStyle>
): { index: number; height: number }[] {
  const widths = new Map(sheet.columns.map((column) => [column.index, column.width]));
  const hidden = new Set(sheet.columns.filter((column) => column.hidden).map((c) => c.index));
  const widthOf = (column: number) => widths.get(column) ?? DEFAULT_COLUMN_WIDTH;
  const heights = new Map<number, number>();
  for (const cell of sheet.cells) {
    if (cell.content.kind !== "text" || cell.content.text === "" || hidden.has(cell.column))
      continue;
    const style = cell.style === undefined ? undefined : styles[cell.style];
    const size = style?.fontSize ?? DEFAULT_FONT_SIZE;
    let lines = 1;
    if (style?.wrap) {
      const merge = sheet.merges.find(
        (range) => range.startRow === cell.row && range.startColumn === cell.column
      );
      let width = widthOf(cell.column);
      if (merge)
        for (let column = merge.startColumn + 1; column <= merge.endColumn; column++)
          if (!hidden.has(column)) width += widthOf(column);
      const perLine =
        (width * CHARACTERS_PER_WIDTH * DEFAULT_FONT_SIZE) / size / (style.bold ? BOLD_WIDTH : 1);
      lines = wrappedLines(cell.content.text, perLine);
    }
    const height = linesHeight(lines, size);
    if (height > (heights.get(cell.row) ?? DEFAULT_ROW_HEIGHT)) heights.set(cell.row, height);
  }
  return [...heights.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, height]) => ({ index, height }));
}
