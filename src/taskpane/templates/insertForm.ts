import type { InsertResult } from "../../hosts/excel/insert";
import type { Plan } from "../../okr/model";
import type { FormulaStyle } from "../../sheets/spec";
import type { WorkbookFile } from "../actions";

/**
 * The insert form's logic, without React: the quarters it offers, what a filled form means (or
 * what is wrong with it), the plan it makes, and what an insert made (sheets in Excel, a file
 * outside it), in a person's words.
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

/** A plan read from a person's text, with the form's header over the text's own. */
export function textPlan(plan: Plan, header: PlanHeader): Plan {
  return { ...plan, ...header };
}

/**
 * The file name suggested for a workbook made outside Excel: "okr-" and the given name (a
 * template's id, a project's name) in lower-case letters, digits and hyphens, ".xlsx" after it.
 * Nothing of the name can reach a folder or a hidden file: no slash, no leading dot.
 */
export function workbookFileName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
  return `okr-${slug === "" ? "workbook" : slug}.xlsx`;
}

/** A file's size in words: "812 bytes", "9.5 KB", "24 KB", "1.2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString("en-US")} bytes`;
  const [amount, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / 1024 ** 2, "MB"];
  const digits = amount < 10 ? 1 : 0;
  return `${amount.toLocaleString("en-US", { maximumFractionDigits: digits })} ${unit}`;
}

/** What a workbook made outside Excel became, in a person's words: the title, what, how to open. */
export function fileSummary(
  file: WorkbookFile,
  style: FormulaStyle
): { title: string; made: string; open: string | null } {
  if (file.saved === "cancelled")
    return {
      title: "Nothing was saved",
      made: "The save dialog was closed, so no file was written. Choose Download .xlsx to save the workbook.",
      open: null,
    };
  const what = `${file.fileName} (${sizeText(file.bytes)}), with ${file.sheets.length} sheets: ${file.sheets.join(", ")}.`;
  const made =
    file.saved === "saved"
      ? `Saved ${what}`
      : `Downloaded ${what} It is in your browser's downloads.`;
  const open =
    style === "portable"
      ? "Open it in Excel, LibreOffice Calc or Google Sheets (File › Import): its formulas compute in each of them."
      : "Open it in Excel with the OKR Studio add-in: its OKR functions need it (LibreOffice and Google Sheets show errors in their cells).";
  return { title: file.saved === "saved" ? "Workbook saved" : "Workbook downloaded", made, open };
}
