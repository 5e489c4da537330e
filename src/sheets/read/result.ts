import type { StructureFinding } from "../../okr/rules/types";
import type { Plan } from "../../okr/model";

/**
 * Reading a plan back from a workbook snapshot: the OKR tables are found by their header rows,
 * anywhere on any sheet, whether OKR Studio made them or a person typed them. Columns may be
 * reordered, renamed with the usual synonyms or added; rows may be inserted. Besides the plan, the
 * result says where each field lives and what the sheet records (scores, statuses, formulas), so
 * the validator can point at cells. Total: any snapshot gives a result.
 */

export interface CellLocation {
  sheet: string;
  /** "B12" */
  address: string;
}

export type KeyResultField =
  | "id"
  | "objective"
  | "text"
  | "type"
  | "owner"
  | "unit"
  | "baseline"
  | "target"
  | "current"
  | "progress"
  | "score"
  | "status"
  | "weight"
  | "confidence"
  | "lastCheckIn"
  | "notes";

export interface KeyResultLocations {
  /** The row's first cell in the table. */
  row: CellLocation;
  fields: Partial<Record<KeyResultField, CellLocation>>;
}

export type TableKind = "keyResults" | "objectives" | "checkIns";

export type PlanField = "project" | "period" | "owner" | "contributors" | "status";

export interface FoundTable {
  sheet: string;
  table: TableKind;
  headerRow: CellLocation;
  /** Header (as OKR Studio names it: "Key Result", "Target", …) → column letter. */
  columns: Record<string, string>;
}

export interface RecordedValues {
  score?: number | string | null;
  status?: string | null;
  progress?: number | null;
  /** Field ("score", "status", "progress") → the formula of that cell, where it has one. */
  formulas: Record<string, string>;
  /** Field → the error value its cell shows (#N/A, #VALUE!, #REF!, …), where it shows one. */
  errors?: Partial<Record<"score" | "status" | "progress", string>>;
}

export interface CheckIn {
  /** Excel serial number; null when the cell is not a date. */
  date: number | null;
  keyResultId: string;
  value: unknown;
  confidence: unknown;
  comment: string;
  author: string;
  /** The row's Entry id ("" when empty); only where the log has an Entry column. */
  entry?: string;
  /** The Entry this row corrects ("" when none); only where the log has a Replaces column. */
  replaces?: string;
  location: CellLocation;
}

export interface ReadProblem {
  location: CellLocation | null;
  message: string;
}

export interface ReadResult {
  /** null when no table of key results or objectives was found. */
  plan: Plan | null;
  found: FoundTable[];
  locations: {
    plan: Partial<Record<PlanField, CellLocation>>;
    objectives: Record<string, { row: CellLocation; fields: Record<string, CellLocation> }>;
    keyResults: Record<string, KeyResultLocations>;
  };
  /** What the sheet says per key-result id (typed or computed), for the validator. */
  recorded: Record<string, RecordedValues>;
  /** Objective id → the error value its Score cell shows, where it shows one. */
  objectiveErrors: Record<string, string>;
  checkIns: CheckIn[];
  problems: ReadProblem[];
  /** The header sets searched, in words, for a "no OKR structure found" message. */
  lookedFor: string[];
  /** The structure check's findings (readWorkbookFacts in ../structure.ts), when it ran. */
  structure?: StructureFinding[];
}
