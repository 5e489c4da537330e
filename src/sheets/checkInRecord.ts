import { cellTextProblem } from "./spec";

/**
 * One check-in as a host writes it into a check-in log, and what makes one unwritable: shared by
 * the Excel host (src/hosts/excel/checkIn.ts) and the Google Sheets host (src/hosts/sheets), so
 * both refuse the same records with the same words. Pure.
 */

/** A check-in's value as the Scorecard stores it: a number (a percentage as a fraction), done / not done. */
export type CheckInValue = number | boolean | string;

export interface CheckInRecord {
  /** Unique in the log: letters, digits and hyphens. Made by `newCheckInId` when absent. */
  id?: string;
  /** The day measured, an Excel serial number. */
  date: number;
  /** "O1.KR2". */
  keyResultId: string;
  /** null only for a withdrawal (a record that `replaces` an entry). Text is written as text. */
  value: CheckInValue | null;
  /** 0–1. */
  confidence?: number | null;
  comment?: string;
  author?: string;
  /** The entry this one corrects or withdraws. */
  replaces?: string | null;
}

/** An entry id: letters, digits and hyphens, so COUNTIF in the Valid formula reads it literally. */
export const CHECK_IN_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** The largest date serial a spreadsheet holds (31 December 9999). */
export const LAST_DATE_SERIAL = 2_958_465;

/** Why `record` (with its entry id `id`) cannot be recorded, one phrase each; none when it can. */
export function checkInProblems(record: CheckInRecord, id: string): string[] {
  const replaces = record.replaces ?? null;
  const problems: string[] = [];
  if (!CHECK_IN_ID.test(id))
    problems.push(`the id "${id}" is not 1–40 letters, digits and hyphens`);
  if (replaces !== null && !CHECK_IN_ID.test(replaces))
    problems.push(`the replaced id "${replaces}" is not 1–40 letters, digits and hyphens`);
  if (replaces !== null && replaces.toLowerCase() === id.toLowerCase())
    problems.push("a check-in cannot replace itself");
  if (typeof record.keyResultId !== "string" || record.keyResultId.trim() === "")
    problems.push("the key result is missing");
  if (!Number.isFinite(record.date) || record.date < 1 || record.date > LAST_DATE_SERIAL)
    problems.push("the date is not a date");
  const { value } = record;
  if (value === null) {
    if (replaces === null)
      problems.push("only a withdrawal (a check-in that replaces one) has no value");
  } else if (
    typeof value === "number"
      ? !Number.isFinite(value)
      : typeof value === "string" && value.trim() === ""
  )
    problems.push("the value is empty or not a number");
  const confidence = record.confidence ?? null;
  if (confidence !== null && !(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1))
    problems.push("the confidence is not from 0 to 1");
  for (const [what, written] of [
    ["key result", record.keyResultId],
    ["value", value],
    ["comment", record.comment],
    ["author", record.author],
  ] as const) {
    const problem = typeof written === "string" ? cellTextProblem(written) : null;
    if (problem !== null) problems.push(`the ${what} is ${problem}`);
  }
  return problems;
}

/** Throws the sentence a person reads when the record cannot be recorded. */
export function assertRecordable(record: CheckInRecord, id: string): void {
  const problems = checkInProblems(record, id);
  if (problems.length > 0)
    throw new Error(`This check-in cannot be recorded: ${problems.join("; ")}.`);
}
