import type { Finding } from "../../okr/rules/types";
import { endingInFormula, type RepairLine } from "./repairState";

/**
 * Long formulas on one line (issue 13): a Score's formula is a few hundred characters, and a list
 * of them shown whole pushes Repair far down a 360 px pane. The start is kept, cut where a
 * reference or a name ends, never inside one, so what is shown is the formula's true beginning.
 * No Office and no React here.
 */

/** A formula up to this many characters is shown whole; a longer one cut near it. */
export const FORMULA_SHOWN = 60;

/** A character that can belong to a name, a reference, a number or a function name. */
const WORDLIKE = /[\w$.!']/;

/**
 * Where a formula may be cut or wrapped, up to `limit`: `inside[i]` is true when position i (before
 * the character formula[i]) is inside a quoted sheet name ('OKR Plan'!A1, 'It''s'!A1) or a text
 * ("", "a b"), each one token with its spaces. One pass.
 */
function insideQuotes(formula: string, limit: number): boolean[] {
  const inside: boolean[] = [false];
  let text = false;
  let name = false;
  for (let i = 0; i < Math.min(limit, formula.length); i++) {
    const character = formula[i];
    if (character === '"' && !name) text = !text;
    else if (character === "'" && !text) name = !name;
    // Between the two quotes of "" (an empty text, or a quote within one): inside too.
    inside.push(name || text || (character === '"' && formula[i + 1] === '"'));
  }
  return inside;
}

/** Whether cutting before formula[at] splits a surrogate pair (an emoji in a text). */
function splitsPair(formula: string, at: number): boolean {
  const code = formula.charCodeAt(at);
  return at > 0 && code >= 0xdc00 && code <= 0xdfff;
}

/** Whether a formula may be cut before formula[at]: between two tokens, not within one. */
function breaksAt(formula: string, at: number, quoted: readonly boolean[]): boolean {
  if (at <= 0 || at >= formula.length) return at > 0;
  if (quoted[at] || splitsPair(formula, at)) return false;
  return !(WORDLIKE.test(formula[at - 1]) && WORDLIKE.test(formula[at]));
}

/**
 * The first `limit` characters of a formula or less, cut between two tokens (not inside a name,
 * a reference, a quoted sheet name, a text or a number), with "…"; the formula itself when it is no longer
 * than `limit`. A formula with no break in the first half of its `limit` characters is cut at
 * `limit` (never inside a surrogate pair).
 */
export function shortFormula(formula: string, limit = FORMULA_SHOWN): string {
  if (formula.length <= limit) return formula;
  const quoted = insideQuotes(formula, limit + 1);
  let cut = limit;
  // Back to the end of the last whole token: "…ROUND(K" would read as a reference to column K.
  while (cut > 0 && !breaksAt(formula, cut, quoted)) cut--;
  // A token longer than half the line (a long name, a long text) is cut where the line ends.
  if (cut < limit / 2) cut = splitsPair(formula, limit) ? limit - 1 : limit;
  return `${formula.slice(0, cut).trimEnd()}…`;
}

/**
 * A formula (or its start) in pieces that end where a token ends, so that a narrow pane wraps it
 * between tokens and never inside a reference ("K1" / "0" for K10). Joined, the pieces are the
 * text. Linear in the text.
 */
export function formulaPieces(formula: string): string[] {
  const quoted = insideQuotes(formula, formula.length);
  const pieces: string[] = [];
  let from = 0;
  for (let at = 1; at < formula.length; at++)
    if (breaksAt(formula, at, quoted)) {
      pieces.push(formula.slice(from, at));
      from = at;
    }
  pieces.push(formula.slice(from));
  return pieces;
}

/**
 * A structure finding's cells as lines, each naming its cell and what OKR Studio writes there:
 * "Scorecard!K6: should hold =…", "Scorecard!A5: should hold the text "Score"". What each holds
 * now is in the finding's message.
 */
export function findingCellLines(finding: Finding): RepairLine[] {
  return (finding.cells ?? []).map((cell) => {
    const location = { sheet: cell.sheet, address: cell.address };
    const reference = `${cell.sheet}!${cell.address}`;
    if (cell.expected !== null)
      return {
        ...endingInFormula(`${reference}: should hold `, cell.expected, reference),
        cells: [location],
        key: location,
      };
    const expected =
      cell.expectedText !== undefined ? `: should hold the text "${cell.expectedText}"` : "";
    return { text: `${reference}${expected}`, cells: [location], key: location };
  });
}
