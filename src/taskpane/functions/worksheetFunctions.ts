import {
  FUNCTION_DESCRIPTIONS,
  type FunctionDescription,
  type FunctionId,
  formulaOf,
  helpPageOf,
  resultText,
} from "../../functions/descriptions";

/**
 * What the task pane says about each OKR.* worksheet function: its short summary and the example
 * its description marks for the card, both from src/functions/descriptions.ts (which also writes
 * the help pages, and whose examples a test runs through the functions); the help pages say the rest.
 */
export interface WorksheetFunction {
  /** Permanent custom-function id, as in functions.json. */
  id: FunctionId;
  summary: string;
  example: string;
  /** What the example gives, as the help page shows it. */
  gives: string;
  /** Relative to taskpane.html, so it follows whatever base URL the add-in is served from. */
  helpPage: string;
}

export const NAMESPACE = "OKR";

function card(fn: FunctionDescription): WorksheetFunction {
  const example = fn.examples.find((candidate) => candidate.card) ?? fn.examples[0];
  return {
    id: fn.id,
    summary: fn.short,
    example: formulaOf(fn.id, example.args),
    gives: resultText(example.result),
    helpPage: `help/${helpPageOf(fn.id)}`,
  };
}

export const WORKSHEET_FUNCTIONS: readonly WorksheetFunction[] = FUNCTION_DESCRIPTIONS.map(card);
