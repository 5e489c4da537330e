import type { Finding } from "../../okr/rules/types";
import type { RepairLine } from "./repairState";

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
 * The first `limit` characters of a formula or less, cut between two tokens (not inside a name,
 * a reference or a number), with "…"; the formula itself when it is no longer than `limit`.
 * A formula with no break in its first `limit` characters is cut at `limit`.
 */
export function shortFormula(formula: string, limit = FORMULA_SHOWN): string {
  if (formula.length <= limit) return formula;
  let cut = limit;
  // Back to the end of the last whole token: "…ROUND(K" would read as a reference to column K.
  while (cut > 0 && WORDLIKE.test(formula[cut - 1]) && WORDLIKE.test(formula[cut])) cut--;
  // A token longer than half the line (a long name, a long text) is cut where the line ends.
  if (cut < limit / 2) cut = limit;
  return `${formula.slice(0, cut).trimEnd()}…`;
}

/** Where a line's formula starts ("Scorecard!K6: the formula =…", "the name X: =…"). */
const FORMULA_AT = /: (?:the formula |should hold )?(?==)/;

/**
 * A line of a repair or of a finding's cells split at its formula: what comes before it (the
 * cell or name it is about, which names the control that shows it whole) and the formula. Null
 * when the line holds no formula.
 */
export function formulaOf(text: string): { lead: string; about: string; formula: string } | null {
  const match = FORMULA_AT.exec(text);
  if (match === null) return null;
  const at = match.index + match[0].length;
  return { lead: text.slice(0, at), about: text.slice(0, match.index), formula: text.slice(at) };
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
    const expected =
      cell.expected !== null
        ? `: should hold ${cell.expected}`
        : cell.expectedText !== undefined
          ? `: should hold the text "${cell.expectedText}"`
          : "";
    return {
      text: `${reference}${expected}`,
      cells: [location],
      key: location,
    };
  });
}
