import type { ValidateResult } from "../hosts/excel/validate";
import { SEVERITIES, type Finding, type Location, type Severity } from "../okr/rules/types";
import { sheetReference } from "../sheets/spec";

/**
 * The task pane's "Check this workbook": what a check's state is, how it is run, and the words
 * the pane shows for its findings. No Office and no React here; the entry wires the run to Excel
 * and the component shows the state.
 */

/** The ribbon button's ExecuteFunction name in manifest.xml; the entry registers it. */
export const VALIDATE_COMMAND = "validateWorkbook";

export type CheckState =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "done"; findings: Finding[]; planFound: boolean }
  | { status: "failed"; reason: string };

export const IDLE: CheckState = { status: "idle" };

/** What a check needs from the host: the findings, and whether an OKR table was found. */
export type Validate = () => Promise<Pick<ValidateResult, "findings" | "planFound">>;

/**
 * A run of the check that reports every step to `onChange` (checking, then done or failed) and
 * never rejects: a failure is a state the pane shows. A run asked for while one is going (the
 * ribbon button and the pane's button together) joins it instead of reading the workbook twice.
 */
export function checkRunner(
  validate: Validate,
  onChange: (state: CheckState) => void
): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    running ??= (async () => {
      onChange({ status: "checking" });
      try {
        const { findings, planFound } = await validate();
        onChange({ status: "done", findings, planFound });
      } catch (error) {
        onChange({ status: "failed", reason: reasonOf(error) });
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

/**
 * The ribbon button's command: opens the pane so the person sees the check run, then runs it. The
 * check runs even when the pane cannot open (its result waits there); that refusal is rethrown
 * after the check, for the caller to report.
 */
export function ribbonCheck(
  showPane: () => Promise<unknown>,
  runCheck: () => Promise<void>
): () => Promise<void> {
  return async () => {
    try {
      await showPane();
    } finally {
      await runCheck();
    }
  };
}

/** An error in a person's words: its message, never "[object Object]" or an empty string. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== "") return error.message;
  if (typeof error === "string" && error.trim() !== "") return error;
  return "Excel reported an error without a message.";
}

/** A finding's message as a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return trimmed;
  const capitalised = trimmed[0].toLocaleUpperCase("en-US") + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** Where a finding points, as a formula would name it: Scorecard!K7, 'OKR Plan'!B3. */
export function cellReference(location: Location): string {
  return `${sheetReference(location.sheet)}!${location.address}`;
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export interface SeverityGroup {
  severity: Severity;
  /** "Errors", "Warnings", "Info". */
  heading: string;
  /** In the order the rules gave them (sheet, row, rule). */
  findings: Finding[];
}

const HEADINGS: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

/** Non-empty groups, errors first. */
export function groupBySeverity(findings: readonly Finding[]): SeverityGroup[] {
  return SEVERITIES.map((severity) => ({
    severity,
    heading: HEADINGS[severity],
    findings: findings.filter((finding) => finding.severity === severity),
  })).filter((group) => group.findings.length > 0);
}

/** "1 error", "5 warnings", "2 info". */
export function countText(severity: Severity, count: number): string {
  if (severity === "info") return `${count} info`;
  return `${count} ${severity}${count === 1 ? "" : "s"}`;
}

/** The OKR000 finding, when the workbook has no OKR table to check. */
export function noPlanFinding(state: CheckState): Finding | null {
  if (state.status !== "done" || state.planFound) return null;
  return state.findings.find((finding) => finding.ruleId === "OKR000") ?? null;
}

/** What the live region announces when a check ends: "Checked: 3 errors, 5 warnings". */
export function announcement(state: CheckState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "checking":
      return "Checking the workbook…";
    case "failed":
      return "The check could not run.";
    case "done": {
      if (!state.planFound) return "Checked: no OKR table found.";
      const counts = countBySeverity(state.findings);
      const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) =>
        countText(severity, counts[severity])
      );
      return parts.length === 0 ? "Checked: no problems found." : `Checked: ${parts.join(", ")}.`;
    }
  }
}
