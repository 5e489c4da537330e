import type { KeyResultValue, Plan } from "../model";
import type { RuleId } from "./catalogue";

/**
 * The validator's vocabulary: rules with stable public ids, and findings that point at a cell.
 * Pure domain: it knows nothing of sheets or hosts; `readPlan` (src/sheets/read.ts) produces a
 * `WorkbookFacts` from any workbook.
 */

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A cell or range in a workbook: sheet name and A1 address ("B12", "A5:P5"). */
export interface Location {
  sheet: string;
  address: string;
}

export interface Rule {
  /** Public and stable: users filter on it. "OKR003". */
  id: string;
  severity: Severity;
  title: string;
  /** The line of the framework the rule comes from. */
  source: string;
  /** How to fix what it finds. */
  fix: string;
  /** How the rule decides: what fires it and what spares it (the rules page shows it). */
  detail: string;
  /** A structure rule: it looks at the workbook OKR Studio made, not at the plan's content. */
  structure?: true;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Names the objective or key result: "O2.KR3 \"Reduce churn…\": target equals baseline (72)". */
  message: string;
  location: Location | null;
  fix: string;
  /** A structure finding's cells, each with what it should hold, for a repair (OKR021–OKR025). */
  cells?: FindingCell[];
  /** A structure finding's defined names, each with the formula it should hold (OKR022). */
  names?: FindingName[];
  /** The sheet a finding without a location is about: a missing sheet (OKR024). */
  sheet?: string;
}

/** One cell a structure finding is about: where it is, what it holds, what the builder writes. */
export interface FindingCell {
  sheet: string;
  address: string;
  /** The formula OKR Studio's builder writes there ("=…"), or null where it writes none. */
  expected: string | null;
  /** The text the builder writes there, for a header (OKR025). */
  expectedText?: string;
  /** What the cell holds now: its value and formula, or null when it is empty. */
  current: { value: string | number | boolean | null; formula: string | null } | null;
}

/** One defined name a structure finding is about. */
export interface FindingName {
  name: string;
  /** The formula the builder gives it ("='OKR Plan'!$B$13"), or null for a name it does not make. */
  expected: string | null;
  /** Its formula now, or null when the name is gone. */
  current: string | null;
}

/** A finding about the workbook's structure, as src/sheets/structure.ts makes it. */
export interface StructureFinding {
  ruleId: RuleId;
  message: string;
  location: Location | null;
  cells?: FindingCell[];
  names?: FindingName[];
  /** The sheet a finding without a location is about: a missing sheet (OKR024). */
  sheet?: string;
}

export interface KeyResultFacts {
  row: Location;
  fields: Partial<Record<string, Location>>;
}

/** What a workbook says, as readPlan finds it. */
export interface WorkbookFacts {
  plan: Plan | null;
  /** The header sets searched for, for OKR000's message. */
  lookedFor: string[];
  locations: {
    plan: Partial<Record<"project" | "period" | "owner" | "contributors" | "status", Location>>;
    objectives: Record<string, { row: Location; fields: Partial<Record<string, Location>> }>;
    keyResults: Record<string, KeyResultFacts>;
  };
  /** What the sheet shows for each key result's score, status and progress, and their formulas. */
  recorded: Record<
    string,
    {
      score?: number | string | null;
      status?: string | null;
      progress?: number | null;
      formulas: Record<string, string>;
      /** Field → the error value its cell shows (#N/A, #VALUE!, …), where it shows one. */
      errors?: Partial<Record<"score" | "status" | "progress", string>>;
    }
  >;
  /** Objective id → the error value its Score cell shows, where it shows one. */
  objectiveErrors?: Record<string, string>;
  checkIns: { date: number | null; keyResultId: string; value: unknown; location: Location }[];
  /** Cells the reader could not make sense of: text where a number belongs, error values, … */
  problems?: { location: Location | null; message: string }[];
  /** What the structure check found (checkStructure in src/sheets/structure.ts), if it ran. */
  structure?: StructureFinding[];
}

export interface CheckOptions {
  /** The day to judge staleness on, an Excel serial number; default today. */
  asOf?: number;
  /** Only these rule ids. */
  rules?: string[];
  /** Leave out findings below this severity. */
  minSeverity?: Severity;
}

/** The key result's value as a number for scoring, or null. */
export type Current = KeyResultValue | null;
