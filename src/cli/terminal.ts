/**
 * Text for a terminal. What the `okr` command prints carries text it did not write: file names,
 * section titles and lines of a document, cells of a workbook, arguments. A control character in
 * any of them (ESC, CSI, a carriage return, a backspace) would let that text move the cursor,
 * recolour or rewrite the screen, or set the window title; `visible` turns each one into the
 * `\uXXXX` form instead. Tab and line feed stay: they lay text out and start no sequence.
 *
 * The `\uXXXX` form is also JSON's own escape, so JSON that passes through `visible` still parses
 * to the same value (JSON.stringify leaves DEL and the C1 controls raw; in a JSON string they can
 * only stand inside a string, where the escape means the same character).
 */

/** C0 controls but tab and line feed, DEL, and the C1 controls (U+0080–U+009F, CSI among them). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
