import { ruleById, type RuleId } from "../../src/okr/rules";
import type { Finding, Location } from "../../src/okr/rules/types";

/**
 * Findings as the rules word them, for the task pane's tests (jest and the browser page): every
 * severity, a sheet name that needs quoting, a finding without a cell, and one with a range.
 * Severity and fix come from the catalogue, so they cannot drift from the rules.
 */
function finding(ruleId: RuleId, message: string, location: Location | null): Finding {
  const rule = ruleById(ruleId);
  if (rule === undefined) throw new Error(`no rule ${ruleId}`);
  return { ruleId, severity: rule.severity, message, location, fix: rule.fix };
}

export const FIXTURE_FINDINGS: Finding[] = [
  finding("OKR001", "the plan has 2 objectives; the framework asks for 3 to 5", {
    sheet: "OKR Plan",
    address: "B3",
  }),
  finding(
    "OKR010",
    'O1.KR1 "Achieve model accuracy of ≥ 85% on test dataset": recorded score 0.99 (typed over the formula) differs from 0.46 computed from baseline 72, target 85 and current 78',
    { sheet: "Scorecard", address: "K7" }
  ),
  finding(
    "OKR011",
    'O1.KR1 "Achieve model accuracy of ≥ 85% on test dataset": status Pending does not match the score 0.99, which is Green',
    { sheet: "Scorecard", address: "L7" }
  ),
  finding(
    "OKR004",
    'O1.KR3 "Deploy model to production handling 10,000+ predictions/day" has no baseline, so its progress counts from 0',
    { sheet: "Scorecard", address: "G8" }
  ),
  finding(
    "OKR007",
    'O2.KR4 "Complete 4 A/B tests comparing model versions" names an activity ("complete"), not the outcome it should bring',
    { sheet: "Scorecard", address: "C13:E13" }
  ),
  finding(
    "OKR018",
    'O2 "Scale AI across the business" is not the project objective of the alignment chain ("AI platform")',
    null
  ),
];

/** The first finding the list shows under Errors, and its cell as the pane names it. */
export const FIRST_ERROR = { ruleId: "OKR010", reference: "Scorecard!K7" };

/**
 * `count` stale key results, as OKR014 words them on a large plan (one a row of the Scorecard
 * from row 6): the check that must scale.
 */
export function staleFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, index) =>
    finding(
      "OKR014",
      `O${Math.floor(index / 5) + 1}.KR${(index % 5) + 1} "Key result ${index + 1}" has had no check-in since 2026-01-05`,
      { sheet: "Scorecard", address: `F${index + 6}` }
    )
  );
}
