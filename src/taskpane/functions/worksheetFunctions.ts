import {
  FUNCTION_DESCRIPTIONS,
  type FunctionDescription,
  type FunctionId,
  type FunctionSpelling,
  formulaOf,
  functionNameOf,
  helpPageOf,
  resultText,
} from "../../functions/descriptions";
import type { Capabilities } from "../actions";

/**
 * What the task pane says about each OKR worksheet function: its name as the host spells it
 * (OKR.SCORE in Excel, OKR_SCORE in Google Sheets), its short summary and the example its
 * description marks for the card, both from src/functions/descriptions.ts (which also writes the
 * help pages, and whose examples a test runs through the functions); the help pages say the rest.
 */
export interface WorksheetFunction {
  /** Permanent custom-function id, as in functions.json. */
  id: FunctionId;
  /** As the host spells it: OKR.SCORE, or OKR_SCORE in Google Sheets. */
  name: string;
  summary: string;
  /** The example's formula, with the functions spelt as `name` is. */
  example: string;
  /** What the example gives, as the help page shows it. */
  gives: string;
  /** Relative to taskpane.html, so it follows whatever base URL the add-in is served from. */
  helpPage: string;
}

/** How the pane's host spells the functions: Google Sheets' underscore, else Excel's dot. */
export function spellingOf(host: Capabilities["host"] | null): FunctionSpelling {
  return host === "sheets" ? "sheets" : "excel";
}

function card(fn: FunctionDescription, spelling: FunctionSpelling): WorksheetFunction {
  const example = fn.examples.find((candidate) => candidate.card) ?? fn.examples[0];
  return {
    id: fn.id,
    name: functionNameOf(fn.id, spelling),
    summary: fn.short,
    example: formulaOf(fn.id, example.args, spelling),
    gives: resultText(example.result),
    helpPage: `help/${helpPageOf(fn.id)}`,
  };
}

/** The functions' cards, spelt as the host spells them. */
export function worksheetFunctions(spelling: FunctionSpelling): readonly WorksheetFunction[] {
  return FUNCTION_DESCRIPTIONS.map((fn) => card(fn, spelling));
}

/** The cards as Excel (and the page outside it) spells the functions. */
export const WORKSHEET_FUNCTIONS: readonly WorksheetFunction[] = worksheetFunctions("excel");
