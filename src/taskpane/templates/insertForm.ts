import type { InsertResult } from "../../hosts/excel/insert";
import type { Plan } from "../../okr/model";
import type { FormulaStyle } from "../../sheets/spec";

/**
 * The insert form's logic, without React: the quarters it offers, what a filled form means (or
 * what is wrong with it), and what an insert made, in a person's words.
 */

export interface InsertFormValues {
  project: string;
  /** "2026-Q4", or CUSTOM_PERIOD for a start and end quarter. */
  quarter: string;
  /** Custom period: "2026-Q1" … "2026-Q4". */
  start: string;
  end: string;
  owner: string;
  contributors: string;
  style: FormulaStyle;
}

export const CUSTOM_PERIOD = "custom";

export type InsertFormField = "project" | "quarter" | "start" | "end" | "owner" | "contributors";

/** What the plan header gets from the form. */
export interface PlanHeader {
  project: string;
  /** A period the workbook's dates understand: "2026-Q4" or "Q1-Q3 2026". */
  period: string;
  owner: string;
  contributors: string[];
}

export type FormReading =
  | { ok: true; header: PlanHeader; style: FormulaStyle }
  | { ok: false; errors: Partial<Record<InsertFormField, string>> };

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter a date falls in: "2026-Q4". */
export function quarterOf(date: Date): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;
}

/** The quarters offered: from a year before the given date's quarter to a year after, in order. */
export function quarterOptions(date: Date): string[] {
  const year = date.getFullYear();
  const options: string[] = [];
  for (let y = year - 1; y <= year + 1; y++) {
    for (let q = 1; q <= 4; q++) options.push(`${y}-Q${q}`);
  }
  return options;
}

/** A quarter in words: "2026-Q4" → "Q4 2026 (Oct–Dec)". */
export function quarterLabel(quarter: string): string {
  const match = QUARTER.exec(quarter);
  if (!match) return quarter;
  const months = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"][Number(match[2]) - 1];
  return `Q${match[2]} ${match[1]} (${months})`;
}

export function initialFormValues(today: Date, plan?: Partial<Plan>): InsertFormValues {
  const quarter = quarterOf(today);
  return {
    project: plan?.project ?? "",
    quarter: plan?.period && QUARTER.test(plan.period) ? plan.period : quarter,
    start: quarter,
    end: quarter,
    owner: plan?.owner ?? "",
    contributors: (plan?.contributors ?? []).join(", "),
    style: "portable",
  };
}

/** Reads a filled form: the plan header and the formula style, or a reason per field. */
export function readForm(values: InsertFormValues): FormReading {
  const errors: Partial<Record<InsertFormField, string>> = {};
  const project = values.project.trim();
  if (project === "") errors.project = "Name the project the OKRs are for.";
  else if (project.length > 100) errors.project = "Keep the project's name under 100 characters.";
  let period = "";
  if (values.quarter === CUSTOM_PERIOD) {
    const start = QUARTER.exec(values.start);
    const end = QUARTER.exec(values.end);
    if (!start) errors.start = "Choose the first quarter.";
    if (!end) errors.end = "Choose the last quarter.";
    if (start && end) {
      if (start[1] !== end[1]) errors.end = "Choose a last quarter in the same year as the first.";
      else if (Number(end[2]) < Number(start[2]))
        errors.end = "The last quarter cannot come before the first.";
      else period = start[2] === end[2] ? values.start : `Q${start[2]}-Q${end[2]} ${start[1]}`;
    }
  } else if (QUARTER.test(values.quarter)) {
    period = values.quarter;
  } else {
    errors.quarter = "Choose a quarter.";
  }
  const contributors = values.contributors
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    header: { project, period, owner: values.owner.trim(), contributors },
    style: values.style,
  };
}

/** What an insert made: the sheets' names, and each sheet renamed because its name was taken. */
export function insertSummary(result: InsertResult): { made: string; renamed: string[] } {
  const names = Object.values(result.sheets);
  const renamed = Object.entries(result.sheets)
    .filter(([wanted, actual]) => wanted !== actual)
    .map(
      ([wanted, actual]) =>
        `A sheet named “${wanted}” was already there and is kept; the new one is named “${actual}”.`
    );
  return {
    made: `Inserted ${names.length} sheets: ${names.join(", ")}. ${result.activeSheet} is open.`,
    renamed,
  };
}
