/**
 * Text for a terminal. What the `okr` command prints carries text it did not write: file names,
 * section titles and lines of a document, cells of a workbook (ExcelJS decodes a cell's
 * `_x001B_` into a real ESC), arguments. A control character in any of them (ESC, CSI, a carriage
 * return, a backspace) would let that text move the cursor, recolour or rewrite the screen, or
 * set the window title, and a bidirectional override would let it show its characters in another
 * order than they are stored (a file name or a message that reads as something else); `visible`
 * turns each one into the `\uXXXX` form instead. Tab and line feed stay: they lay text out and
 * start no sequence.
 *
 * The `\uXXXX` form is also JSON's own escape, so JSON that passes through `visible` still parses
 * to the same value (JSON.stringify escapes the C0 controls itself and leaves DEL, the C1 controls
 * and the bidirectional controls raw; in JSON text they can only stand inside a string, where the
 * escape means the same character). JSON and SARIF output therefore stay exact.
 */

/**
 * C0 controls but tab and line feed, DEL, the C1 controls (U+0080–U+009F, CSI among them), and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
