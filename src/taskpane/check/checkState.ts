import { isRuleId, RULES, type RuleId } from "../../okr/rules/catalogue";
import { SEVERITIES, type Finding, type Location, type Severity } from "../../okr/rules/types";
import { sheetReference } from "../../sheets/spec";
import { IDLE, type CheckState } from "../store";

/**
 * The check feature's words: findings grouped by severity and rule, their counts, cell references
 * and announcements. No Office and no React here; the run of a check is checkRun.ts, and what went
 * wrong in plain words is ../failure.ts.
 */

export { IDLE, type CheckState };

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

/** "1 error", "5 warnings", "2 info". */
export function countText(severity: Severity, count: number): string {
  if (severity === "info") return `${count} info`;
  return `${count} ${severity}${count === 1 ? "" : "s"}`;
}

/** What each rule's findings are about, singular and plural, for a group's count. */
export const RULE_SUBJECTS: Record<RuleId, readonly [string, string]> = {
  OKR000: ["workbook", "workbooks"],
  OKR001: ["plan", "plans"],
  OKR002: ["objective", "objectives"],
  OKR003: ["key result", "key results"],
  OKR004: ["key result", "key results"],
  OKR005: ["key result", "key results"],
  OKR006: ["key result", "key results"],
  OKR007: ["key result", "key results"],
  OKR008: ["objective", "objectives"],
  OKR009: ["objective", "objectives"],
  OKR010: ["score", "scores"],
  OKR011: ["status", "statuses"],
  OKR012: ["score", "scores"],
  OKR013: ["plan", "plans"],
  OKR014: ["key result", "key results"],
  OKR015: ["key result", "key results"],
  OKR016: ["duplicate", "duplicates"],
  OKR017: ["objective", "objectives"],
  OKR018: ["objective", "objectives"],
  OKR019: ["cell", "cells"],
  OKR020: ["score", "scores"],
  OKR021: ["column", "columns"],
  OKR022: ["broken reference", "broken references"],
  OKR023: ["sheet", "sheets"],
  OKR024: ["sheet", "sheets"],
  OKR025: ["header", "headers"],
  OKR026: ["workbook", "workbooks"],
  OKR027: ["workbook", "workbooks"],
  OKR028: ["column", "columns"],
  OKR029: ["row", "rows"],
};

/** "300 key results", "1 objective"; "2 findings" for a rule the pane has no word for. */
export function subjectCount(ruleId: string, count: number): string {
  const [one, many] = isRuleId(ruleId) ? RULE_SUBJECTS[ruleId] : ["finding", "findings"];
  return `${count} ${count === 1 ? one : many}`;
}

/** One rule's findings: shown once with the rule's title and fix, expandable to the cells. */
export interface RuleGroup {
  ruleId: string;
  severity: Severity;
  title: string;
  /** The rule's fix, said once for the group. */
  fix: string;
  /** In the order the rules gave them (sheet, row). */
  findings: Finding[];
}

export interface SeverityGroup {
  severity: Severity;
  /** "Errors", "Warnings", "Info". */
  heading: string;
  /** Every finding of this severity, in the rules' order. */
  findings: Finding[];
  /** Its rules, in the catalogue's order. */
  rules: RuleGroup[];
}

const HEADINGS: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

const RULE_ORDER = new Map<string, number>(RULES.map((rule, index) => [rule.id, index]));
const RULE_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The findings of one severity by rule, in the catalogue's order (rules it lacks last, by id). */
export function groupByRule(findings: readonly Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.ruleId);
    if (group === undefined) {
      const rule = RULE_BY_ID.get(finding.ruleId);
      group = {
        ruleId: finding.ruleId,
        severity: finding.severity,
        title: rule?.title ?? finding.ruleId,
        fix: rule?.fix ?? finding.fix,
        findings: [],
      };
      groups.set(finding.ruleId, group);
    }
    group.findings.push(finding);
  }
  const order = (id: string) => RULE_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort(
    (a, b) => order(a.ruleId) - order(b.ruleId) || a.ruleId.localeCompare(b.ruleId)
  );
}

/** Non-empty severity groups, errors first, each split by rule. */
export function groupBySeverity(findings: readonly Finding[]): SeverityGroup[] {
  return SEVERITIES.map((severity) => {
    const ofSeverity = findings.filter((finding) => finding.severity === severity);
    return {
      severity,
      heading: HEADINGS[severity],
      findings: ofSeverity,
      rules: groupByRule(ofSeverity),
    };
  }).filter((group) => group.findings.length > 0);
}

/**
 * The accessible name of each finding's "Go to" button, distinct across the whole list: "Go to
 * Scorecard!K7"; a cell that more than one finding points at also names the rule ("Go to
 * Scorecard!K7 for OKR010"), and, within one rule, its place ("…, 2 of 3"). Null for a finding
 * without a cell.
 */
export function goToNames(findings: readonly Finding[]): (string | null)[] {
  const references = findings.map((finding) =>
    finding.location === null ? null : cellReference(finding.location)
  );
  const tally = <K>(keys: K[]) => {
    const counts = new Map<K, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const byReference = tally(references);
  const withRule = references.map((reference, i) => `${reference} for ${findings[i].ruleId}`);
  const byRule = tally(withRule);
  const seen = new Map<string, number>();
  return references.map((reference, i) => {
    if (reference === null) return null;
    if (byReference.get(reference) === 1) return `Go to ${reference}`;
    const total = byRule.get(withRule[i]) ?? 1;
    if (total === 1) return `Go to ${withRule[i]}`;
    const place = (seen.get(withRule[i]) ?? 0) + 1;
    seen.set(withRule[i], place);
    return `Go to ${withRule[i]}, ${place} of ${total}`;
  });
}

/** The OKR000 finding, when the workbook has no OKR table to check. */
export function noPlanFinding(state: CheckState): Finding | null {
  if (state.status !== "done" || state.planFound) return null;
  return state.findings.find((finding) => finding.ruleId === "OKR000") ?? null;
}

/** What the live region says as a check goes: "Checked: 3 errors, 5 warnings." */
export function announcement(state: CheckState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "checking":
      return "Checking the workbook…";
    case "failed":
      // The failure is an alert beside the button (role="alert"), announced once, from there.
      return "";
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
