import type { KeyResultType } from "./scoring";
import type { OkrKind } from "./thresholds";

/**
 * The plan model: what a team's OKRs are, independent of where they live (a catalogue template,
 * an imported document, a workbook). Numbers are as a person writes them: a percentage is held in
 * percentage points with unit "%" (85 means 85%), money in whole currency units (500000 with unit
 * "$"), durations in the unit of the target.
 */

export const PLAN_STATUSES = ["Draft", "In Review", "Active", "Completed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A plan status as people write it ("in  review", "ACTIVE"), or null for none of them. */
export function planStatusNamed(text: string): PlanStatus | null {
  const name = text.trim().toLowerCase().replace(/\s+/g, " ");
  return PLAN_STATUSES.find((status) => status.toLowerCase() === name) ?? null;
}

/** A titled block of notes kept with an objective: "Technology Stack", "Use Cases", … */
export interface Note {
  heading: string;
  lines: string[];
}

/** The value a key result has reached: a number, or done / not done for a milestone. */
export type KeyResultValue = number | boolean;

export interface KeyResult {
  /** `O1.KR2`: the objective's id, then the key result's position. */
  id: string;
  /** The sentence as written. */
  text: string;
  /** null when the text has no measurable metric. */
  type: KeyResultType | null;
  baseline: number | null;
  target: number | null;
  /** "%", "$", "seconds", "images/hour", …; null for a milestone or a bare count. */
  unit: string | null;
  /** The current or final value, where known. */
  current: KeyResultValue | null;
  /** Weight in the objective's grade; 1 unless stated. */
  weight: number;
  owner: string | null;
  /** Sub-bullets and remarks that belong to this key result. */
  notes: string[];
  /** A score the source document states (the completed sample does), kept to check it. */
  recordedScore?: number;
  /** Quarterly targets Q1–Q4 where the source gives them (the dashboard example). */
  quarterlyTargets?: [number, number, number, number];
}

export interface Objective {
  /** `O1`, `O2`, … in document order. */
  id: string;
  title: string;
  owner: string | null;
  /** As written: "Q1 2026", "Q1-Q2 2026", "FY 2026". */
  timeline: string | null;
  kind: OkrKind;
  notes: Note[];
  keyResults: KeyResult[];
  /** An overall score the source document states, kept to check it. */
  recordedScore?: number;
  /** Quarterly targets Q1–Q4 for the objective's score where the source gives them. */
  quarterlyTargets?: [number, number, number, number];
  /** The objective's current score where the source states it (the dashboard example). */
  current?: number;
}

/** Company objective → business-unit objective → this project's objective. */
export interface Alignment {
  company: string;
  businessUnit: string;
  project: string;
}

export interface Plan {
  project: string;
  /** `2026-Q1`, or a range of quarters such as `Q1-Q2 2026`, or `FY 2026`. */
  period: string;
  owner: string;
  contributors: string[];
  status: PlanStatus;
  alignment: Alignment | null;
  objectives: Objective[];
}
