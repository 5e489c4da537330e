import { STRUCTURE_RULE_IDS as STRUCTURE_RULES } from "../../okr/rules/catalogue";
import type { Finding } from "../../okr/rules/types";
import type { KeptValue, RepairPlan, RepairWrite } from "../../sheets/repair";

/**
 * The words of Repair (issue 13) in the check: which findings are about the workbook's structure,
 * and each planned write and kept value as a line a person reads before confirming. No Office and
 * no React here.
 */

/** The structure rules, shown in a group of their own with Repair: the catalogue's. */
export const STRUCTURE_RULE_IDS = STRUCTURE_RULES;

export function structureFindingsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) =>
    (STRUCTURE_RULE_IDS as readonly string[]).includes(finding.ruleId)
  );
}

/** Today as an Excel serial number, by the pane's local calendar (a check-in's date). */
export function excelToday(now: Date = new Date()): number {
  const utc = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round(utc / 86_400_000) + 25_569;
}

/** "Scorecard!K6: the formula =…" or "Scorecard!P6: the text "…"". */
export function writeLine(write: RepairWrite): string {
  const where = `${write.sheet}!${write.address}`;
  const { content } = write;
  switch (content.kind) {
    case "formula":
      return `${where}: the formula ${content.formula}`;
    case "text":
      return `${where}: the text "${content.text}"`;
    case "date":
      return `${where}: the date ${content.serial} (today)`;
    case "number":
    case "boolean":
      return `${where}: the value ${String(content.value)}`;
  }
}

/** "0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6". */
export function keptLine(kept: KeptValue): string {
  const value = typeof kept.value === "string" ? `"${kept.value}"` : String(kept.value);
  return kept.as === "check-in"
    ? `${value}, typed over ${kept.from}, becomes a check-in dated today (${kept.to})`
    : `${value}, typed over ${kept.from}, is kept as a note in ${kept.to}`;
}

/** What the confirmation says in one line: how many cells and names Repair writes. */
export function planSummary(plan: RepairPlan): string {
  const cells = plan.writes.length;
  const names = plan.names.length;
  if (cells === 0 && names === 0) return "Repair has nothing it can write for these findings.";
  const parts = [
    cells > 0 ? `${cells} cell${cells === 1 ? "" : "s"}` : "",
    names > 0 ? `${names} defined name${names === 1 ? "" : "s"}` : "",
  ].filter((part) => part !== "");
  return `Repair writes ${parts.join(" and ")}, and nothing else. A value a person typed is never written over.`;
}

/** The report lines that say what Repair leaves alone (everything but the writes themselves). */
export function leftAlone(plan: RepairPlan): string[] {
  return plan.report.filter((line) => /not repaired|not moved/.test(line));
}
