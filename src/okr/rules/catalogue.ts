import type { Rule } from "./types";

/**
 * The rule catalogue. Ids are public and stable: users filter on them and CI pipelines pin them.
 * Each rule names the line of the framework (shared/seed/ai-okr-framework.md) it comes from.
 */
export const RULES: readonly Rule[] = [
  {
    id: "OKR000",
    severity: "error",
    title: "No OKR structure found",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Add a table whose header row names the key results and their numbers (Key Result, Target, Baseline, Current, Score), or make the workbook with OKR Studio.",
  },
  {
    id: "OKR001",
    severity: "warning",
    title: "A plan should have 3–5 objectives",
    source: "OKR Principles: Limited: 3-5 objectives with 3-5 key results each",
    fix: "Keep 3 to 5 objectives: merge related ones, or move the rest to another quarter.",
  },
  {
    id: "OKR002",
    severity: "warning",
    title: "An objective should have 3–5 key results",
    source: "OKR Principles: Limited: 3-5 objectives with 3-5 key results each",
    fix: "Give the objective 3 to 5 key results that together show it is reached.",
  },
  {
    id: "OKR003",
    severity: "error",
    title: "Key result is not measurable",
    source: "DO 3. Make Key Results Measurable: Use specific numbers, percentages, timeframes",
    fix: "Give it a number to reach (a target with a unit), or make it a milestone (type milestone, done / not done).",
  },
  {
    id: "OKR004",
    severity: "warning",
    title: "Key result has no baseline",
    source: "DO 6. Set Baseline & Target: Show starting point, target, and actual progress",
    fix: "Fill in the baseline, the value when the OKR was set; until then progress counts from 0.",
  },
  {
    id: "OKR005",
    severity: "error",
    title: "Target equals baseline",
    source: "DO 6. Set Baseline & Target: Show starting point, target, and actual progress",
    fix: "Set a target that differs from the baseline, or make it a maintain-above / maintain-below key result.",
  },
  {
    id: "OKR006",
    severity: "warning",
    title: "The wording and the numbers point in opposite directions",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: 'Make the verb and the numbers agree: "reduce" needs a target below the baseline, "increase" one above it.',
  },
  {
    id: "OKR007",
    severity: "warning",
    title: "An activity, not an outcome",
    source:
      'DO 4. Focus on Outcomes, Not Activities: "Deploy chatbot" ❌ → "Handle 70% of inquiries" ✅; DON\'T 1. "Attend 10 training sessions" is not an outcome',
    fix: "State the result the activity should bring: a rate, a level, a time, a cost, a satisfaction score.",
  },
  {
    id: "OKR008",
    severity: "warning",
    title: "No owner",
    source: "OKR templates: **Owner:** on every objective",
    fix: "Name one owner who answers for the objective.",
  },
  {
    id: "OKR009",
    severity: "warning",
    title: "No period or timeline",
    source: "OKR Principles: Time-Bound: Typically set quarterly with annual strategic objectives",
    fix: "Set the plan's period (2026-Q1, Q1-Q2 2026) or the objective's timeline.",
  },
  {
    id: "OKR010",
    severity: "error",
    title: "Recorded score differs from the computed score",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: "Let the score follow the numbers: restore the score formula, or correct the baseline, target or current value it should come from.",
  },
  {
    id: "OKR011",
    severity: "error",
    title: "Status label does not match the score",
    source: "Scoring Scale: 0.0-0.3 Red, 0.4-0.6 Yellow, 0.7-1.0 Green",
    fix: "Use the status the score earns: Red below 0.40, Yellow from 0.40, Green from 0.70.",
  },
  {
    id: "OKR012",
    severity: "error",
    title: "Score outside 0–1",
    source: "OKR Scoring Guide: Scoring Scale (0.0 - 1.0)",
    fix: "Scores run from 0.0 to 1.0: progress beyond the target scores 1.0 (a percentage such as 96 is not a score).",
  },
  {
    id: "OKR013",
    severity: "warning",
    title: "Plan health: too easy or concerning",
    source: "Target Achievement: Ideal 0.7 - 0.8; Concerning < 0.5; Too Easy > 0.9",
    fix: "Above 0.9 on ambitious OKRs: raise the bar next quarter. Below 0.5: review the goals and the execution in the monthly review.",
  },
  {
    id: "OKR014",
    severity: "warning",
    title: "Stale: no check-in in the last 31 days",
    source: "DO 8. Review Frequently: Weekly/monthly check-ins to course-correct",
    fix: "Record a check-in (date, key result, value) at least monthly.",
  },
  {
    id: "OKR015",
    severity: "warning",
    title: "Pending at close",
    source: "Quarterly Planning & Retrospective: Score and close prior quarter OKRs",
    fix: "Record the final value of every key result before closing the plan.",
  },
  {
    id: "OKR016",
    severity: "error",
    title: "Duplicate objective, key result or id",
    source: "OKR Principles: Transparent: Visible across organization for alignment",
    fix: "Give every objective and key result its own id and wording; merge true duplicates.",
  },
  {
    id: "OKR017",
    severity: "warning",
    title: "AI objective without a quality metric",
    source: "DO 5. Include Quality Metrics: Accuracy, fairness, reliability alongside volume/speed",
    fix: "Add a key result on accuracy, fairness, reliability (uptime), latency or error rate.",
  },
  {
    id: "OKR018",
    severity: "info",
    title: "Objective not aligned to a parent",
    source: "DON'T 7. Don't Cascade Blindly: Ensure team OKRs genuinely support company goals",
    fix: "Say which business-unit or company objective this objective supports, or move it out of this plan.",
  },
  {
    id: "OKR019",
    severity: "warning",
    title: "A cell the checker cannot read",
    source: "DO 6. Set Baseline & Target: Show starting point, target, and actual progress",
    fix: "Type a number (85%, 1,200, $1.5M), a date, or one of the values the column's list offers; replace error values.",
  },
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
