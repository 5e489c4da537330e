import { SEVERITIES } from "../../okr/rules/types";
import type { CheckResult } from "../actions";
import { countBySeverity, countText } from "../check/checkState";
import type { CheckState, PaneStore } from "../store";

/**
 * The file check's words and its one update of the store. No React here; the view is
 * FileCheck.tsx, the reading and checking file/checkFile.ts (loaded on demand).
 */

export const FILE_REFUSED_TITLE = "Could not check";

/**
 * A checked file's result as the pane's check and the read the features share (the scorecard).
 * Unlike a check in Excel, a file without an OKR table stays on the Check tab: the person chose
 * that file to check it, and the finding says what was looked for.
 */
export function fileChecked(store: PaneStore, result: CheckResult): void {
  store.update((state) => ({
    ...state,
    check: { status: "done", findings: result.findings, planFound: result.planFound },
    workbook: { status: "read", read: result.read },
  }));
}

/** What the live region says once a file is checked: "Checked plan.xlsx: 3 errors, 5 warnings." */
export function fileCheckedText(file: string, check: CheckState): string {
  if (check.status !== "done") return "";
  if (!check.planFound) return `Checked ${file}: no OKR table found.`;
  const counts = countBySeverity(check.findings);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) =>
    countText(severity, counts[severity])
  );
  return `Checked ${file}: ${parts.length === 0 ? "no problems found" : parts.join(", ")}.`;
}

/**
 * Why a chosen file was not checked: the action's one-line reason (okr lint's words); a failure
 * to load the page's own code (a dropped connection) says so, never an exception's text.
 */
export function refusalOf(error: unknown): string {
  if (error instanceof Error && error.name === "FileRefusal") return error.message;
  if (error instanceof Error && error.name === "ChunkLoadError")
    return "the page's checking code did not arrive from its server; check the connection and choose the file again";
  return "the file could not be checked here; try okr lint on it to see why";
}
