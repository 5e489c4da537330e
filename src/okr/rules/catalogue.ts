import { PER_LEVEL, STALE_AFTER_DAYS } from "../thresholds";
import type { Rule } from "./types";

const { min, max } = PER_LEVEL;

/**
 * The rule catalogue. Ids are public and stable: users filter on them and CI pipelines pin them.
 * Each rule names the line of the framework (shared/seed/ai-okr-framework.md) it comes from.
 */
export const RULES = [
  {
    id: "OKR000",
    severity: "error",
    title: "No OKR structure found",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Add a table whose header row names the key results and their numbers (Key Result, Target, Baseline, Current, Score), or make the workbook with OKR Studio.",
    detail:
      "Fires when no sheet of the workbook has a header row the reader recognises as an OKR table: a Key Result column (or a synonym such as KR) with at least one of Target, Baseline, Current or Score. The message lists the header sets it looked for. Every other rule needs a plan, so this one stands alone.",
  },
  {
    id: "OKR001",
    severity: "warning",
    title: `A plan should have ${min}–${max} objectives`,
    source: "OKR Principles: Limited: 3-5 objectives with 3-5 key results each",
    fix: `Keep ${min} to ${max} objectives: merge related ones, or move the rest to another quarter.`,
    detail: `Fires when the plan has fewer than ${min} or more than ${max} objectives. A template of one or two objectives earns it on purpose: add your own objectives beside it.`,
  },
  {
    id: "OKR002",
    severity: "warning",
    title: `An objective should have ${min}–${max} key results`,
    source: "OKR Principles: Limited: 3-5 objectives with 3-5 key results each",
    fix: `Give the objective ${min} to ${max} key results that together show it is reached.`,
    detail: `Fires for each objective with fewer than ${min} or more than ${max} key results.`,
  },
  {
    id: "OKR003",
    severity: "error",
    title: "Key result is not measurable",
    source: "DO 3. Make Key Results Measurable: Use specific numbers, percentages, timeframes",
    fix: "Give it a number to reach (a target with a unit), or make it a milestone (type milestone, done / not done).",
    detail:
      "Fires for a key result that is not a milestone and has no numeric target: neither the Target cell nor the key-result parser's reading of its sentence gives one.",
  },
  {
    id: "OKR004",
    severity: "warning",
    title: "Key result has no baseline",
    source: "DO 6. Set Baseline & Target: Show starting point, target, and actual progress",
    fix: "Fill in the baseline, the value when the OKR was set; until then progress counts from 0.",
    detail:
      "Fires for an increase or decrease key result with a target and no baseline: its progress then counts from 0, which flatters or punishes it.",
  },
  {
    id: "OKR005",
    severity: "error",
    title: "Target equals baseline",
    source: "DO 6. Set Baseline & Target: Show starting point, target, and actual progress",
    fix: "Set a target that differs from the baseline, or make it a maintain-above / maintain-below key result.",
    detail:
      "Fires for an increase or decrease key result whose target equals its baseline: there is no distance to cover, and the score is an error.",
  },
  {
    id: "OKR006",
    severity: "warning",
    title: "The wording and the numbers point in opposite directions",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: 'Make the verb and the numbers agree: "reduce" needs a target below the baseline, "increase" one above it.',
    detail:
      "Compares the direction of the verb (increase, grow, raise, reach, achieve / reduce, cut, decrease, lower, shorten) with the numbers. A key result held as the change achieved (unit `% reduction`, `% increase`) is spared.",
  },
  {
    id: "OKR007",
    severity: "warning",
    title: "An activity, not an outcome",
    source:
      'DO 4. Focus on Outcomes, Not Activities: "Deploy chatbot" ❌ → "Handle 70% of inquiries" ✅; DON\'T 1. "Attend 10 training sessions" is not an outcome',
    fix: "State the result the activity should bring: a rate, a level, a time, a cost, a satisfaction score.",
    detail:
      'A word-level heuristic: the key result starts with an activity verb (attend, deploy, implement, complete, launch, build, publish, integrate, connect, train, …) and names no measured result (a %, money, a rate per day or month, a time, a level such as accuracy, satisfaction, adoption, cost, churn, uptime, …). "Deploy chatbot" and "Attend 10 training sessions" fire; "Handle 70% of inquiries" and "Deploy model to production handling 10,000+ predictions/day" do not.',
  },
  {
    id: "OKR008",
    severity: "warning",
    title: "No owner",
    source: "OKR templates: **Owner:** on every objective",
    fix: "Name one owner who answers for the objective.",
    detail: "Fires for an objective with no owner, unless every one of its key results names one.",
  },
  {
    id: "OKR009",
    severity: "warning",
    title: "No period or timeline",
    source: "OKR Principles: Time-Bound: Typically set quarterly with annual strategic objectives",
    fix: "Set the plan's period (2026-Q1, Q1-Q2 2026) or the objective's timeline.",
    detail: "Fires for an objective with no timeline when the plan has no period either.",
  },
  {
    id: "OKR010",
    severity: "error",
    title: "Recorded score differs from the computed score",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: "Let the score follow the numbers: restore the score formula, or correct the baseline, target or current value it should come from.",
    detail:
      "Compares what the sheet shows (a typed score, a typed-over formula, a reported objective or overall score) with the engine's score at two decimals, and shows the computation. On the framework's completed Q4 2025 sample it finds that the false-positive key result scores 0.79 ((6.5 − 12) / (5 − 12)), not the 0.69 reported, and the objective 0.73, not 0.75.",
  },
  {
    id: "OKR011",
    severity: "error",
    title: "Status label does not match the score",
    source: "Scoring Scale: 0.0-0.3 Red, 0.4-0.6 Yellow, 0.7-1.0 Green",
    fix: "Use the status the score earns: Red below 0.40, Yellow from 0.40, Green from 0.70.",
    detail:
      "Compares a status label the sheet shows with the status the score earns (the recorded score, or the computed one when none is shown), with the score rounded to two decimals.",
  },
  {
    id: "OKR012",
    severity: "error",
    title: "Score outside 0–1",
    source: "OKR Scoring Guide: Scoring Scale (0.0 - 1.0)",
    fix: "Scores run from 0.0 to 1.0: progress beyond the target scores 1.0 (a percentage such as 96 is not a score).",
    detail:
      "Fires for a recorded key-result or objective score below 0 or above 1; a percentage such as 96 typed as a score is the usual cause.",
  },
  {
    id: "OKR013",
    severity: "warning",
    title: "Plan health: too easy or concerning",
    source: "Target Achievement: Ideal 0.7 - 0.8; Concerning < 0.5; Too Easy > 0.9",
    fix: "Above 0.9 on ambitious OKRs: raise the bar next quarter. Below 0.5: review the goals and the execution in the monthly review.",
    detail:
      "Judges the mean of the objectives' scores, rounded to two decimals: above 0.9 fires unless every objective is committed (a committed OKR is expected to reach 1.0); below 0.5 always fires.",
  },
  {
    id: "OKR014",
    severity: "warning",
    title: `Stale: no check-in in the last ${STALE_AFTER_DAYS} days`,
    source: "DO 8. Review Frequently: Weekly/monthly check-ins to course-correct",
    fix: "Record a check-in (date, key result, value) at least monthly.",
    detail: `Applies to Active plans: a key result whose last check-in is more than ${STALE_AFTER_DAYS} days before the day judged on (\`--as-of\`, default today), or with no check-in when the period started more than ${STALE_AFTER_DAYS} days before.`,
  },
  {
    id: "OKR015",
    severity: "warning",
    title: "Pending at close",
    source: "Quarterly Planning & Retrospective: Score and close prior quarter OKRs",
    fix: "Record the final value of every key result before closing the plan.",
    detail: "Applies to Completed plans: a key result with no current value.",
  },
  {
    id: "OKR016",
    severity: "error",
    title: "Duplicate objective, key result or id",
    source: "OKR Principles: Transparent: Visible across organization for alignment",
    fix: "Give every objective and key result its own id and wording; merge true duplicates.",
    detail:
      "Fires for an objective or key-result id used twice, and for an objective title or key-result text that repeats another (case and surrounding spaces ignored).",
  },
  {
    id: "OKR017",
    severity: "warning",
    title: "AI objective without a quality metric",
    source: "DO 5. Include Quality Metrics: Accuracy, fairness, reliability alongside volume/speed",
    fix: "Add a key result on accuracy, fairness, reliability (uptime), latency or error rate.",
    detail:
      "The objective's title names an AI system (a model, chatbot, LLM, copilot, computer vision, NLP, machine learning, …; \"AI-powered\" alone is a business objective's means) and none of its key results measures accuracy, precision, error, fairness or bias, reliability or uptime, latency, drift, hallucination or safety.",
  },
  {
    id: "OKR018",
    severity: "info",
    title: "Objective not aligned to a parent",
    source: "DON'T 7. Don't Cascade Blindly: Ensure team OKRs genuinely support company goals",
    fix: "Say which business-unit or company objective this objective supports, or move it out of this plan.",
    detail:
      "When the plan states an alignment chain (company → business unit → project), fires for each objective other than the chain's project objective.",
  },
  {
    id: "OKR019",
    severity: "warning",
    title: "A cell the checker cannot read",
    source: "DO 6. Set Baseline & Target: Show starting point, target, and actual progress",
    fix: "Type a number (85%, 1,200, $1.5M), a date, or one of the values the column's list offers; replace error values.",
    detail:
      "Each cell the reader could not make sense of becomes a finding at its cell: text where a number belongs, an error value, an unknown type or kind, a row with values but no key result. The finding says what the cell holds.",
  },
  {
    id: "OKR020",
    severity: "error",
    title: "A score that is an error",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: "Correct the numbers the reason names (a target on the right side of the baseline, a number or done / not done as the current value), or restore the cell's formula.",
    detail:
      "Fires for a key result whose Score, Progress or Status cell shows an error value (#N/A, #VALUE!, #REF!, …) or whose numbers make the scoring engine answer an error (an increase whose target is below its baseline, a current value that is not a number, a milestone value that is neither done nor not done), at the cell that shows it, with the engine's reason; and for an objective whose Score cell shows an error or one of whose key results' scores is an error. Such a score is left out of its objective's score and of the plan's average, and those findings say so. A key result whose target equals its baseline or that has no target is told by OKR005 and OKR003 instead.",
  },
  {
    id: "OKR021",
    structure: true,
    severity: "error",
    title: "A computed cell holds a typed value instead of its formula",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: "Restore the column's formula in the cells listed (the finding gives it), and record the typed number where it belongs: a current value as a dated check-in.",
    detail:
      "Structure rule for workbooks OKR Studio made (they carry its layout mark): a cell where the builder writes a formula (Current, Progress, Score, Status, an objective's Score, the Dashboard's and Monthly Review's cells, the check-in log's helper columns) holds a typed value, nothing, or a constant formula (=0.8: no cell reference and no name) where the builder's formula reads other cells; another formula that reads cells is told by OKR028. The expected formula is the one the builder writes for the plan read back. One finding per column, listing its cells with what each holds now; such a cell looks right today and stops following the check-ins.",
  },
  {
    id: "OKR022",
    structure: true,
    severity: "error",
    title: "A broken reference",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Undo the deletion that broke it, or restore the formula the finding gives; a threshold or period name must point at its cell on the OKR Plan sheet again.",
    detail:
      "Fires for a formula that holds #REF! (a row, column or sheet it read was deleted), one finding per column listing its cells, with the formula the builder writes there where there is one; and for a defined name of OKR Studio's (the thresholds, the period, the key-result ranges) that holds #REF! or is gone (a workbook-wide name is the one formulas use, so a sheet-scoped name of the same name does not stand for it; other names, Excel's or other add-ins', are not reported). Structure rule: only in a workbook OKR Studio made (a formula that still names a deleted sheet is told by OKR024 instead).",
  },
  {
    id: "OKR023",
    structure: true,
    severity: "warning",
    title: "Check-ins outside the check-in table",
    source: "Weekly Check-ins (Team Level): Output: Updated progress in tracking tool",
    fix: "Move these rows into the Check-ins table (Date, Key Result, Value, …): only its rows count for Current, Last Check-in and the trend.",
    detail:
      "Structure rule. Fires for rows outside every table of a workbook OKR Studio made (beside the Check-ins table, or on another sheet) that hold a typed date (a whole number from 2000-01-01 to 2099-12-31 or a date text, not a formula's result) and a key result's id, text or number as the Dashboard writes it (KR 1.2): they look like check-ins, and no formula counts them. One finding per sheet, listing the rows. Rows typed in the log's own columns below the log, even after an empty row, are not reported: Current and Last Check-in read those columns whole and count them (the weekly trend, whose helper columns the log's rows carry, does not).",
  },
  {
    id: "OKR024",
    structure: true,
    severity: "error",
    title: "A sheet of the set is missing or renamed",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Give the sheet its name back, or restore it (undo the deletion, or make the workbook anew from the plan).",
    detail:
      "Structure rule. Fires for each of the five sheets (OKR Plan, Scorecard, Dashboard, Check-ins, Monthly Review) that a workbook OKR Studio made no longer has by its name: renamed when another sheet holds its tables, missing otherwise. The message says what stops working without it.",
  },
  {
    id: "OKR025",
    structure: true,
    severity: "error",
    title: "A column header is missing or renamed",
    source: "OKR Dashboard Template: Objective | Owner | Q1 Target | … | Current | Status",
    fix: "Give the column its header back (the finding names it), or restore the deleted column.",
    detail:
      "Structure rule. Fires for each header of OKR Studio's tables (the Scorecard's, the Dashboard's, the check-in log's and the Monthly Review's, hidden helper columns included) that its table's header row no longer holds: renamed when another text sits in its place, missing otherwise. When no row of the sheet holds half of a table's headers (its header row was deleted or cleared), one finding says so for the whole row, listing every header. The reader finds columns by their headers, so a renamed one is read as absent.",
  },
  {
    id: "OKR026",
    structure: true,
    severity: "info",
    title: "Structure not checked: a layout this add-in does not check",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Check the structure with the OKR Studio that made the workbook, or make the workbook anew from its plan with this one.",
    detail:
      "The workbook's layout mark records a layout version other than this add-in's (a newer one, or an older one whose layout differs), or a formula style it does not know: its content is checked as usual, its structure is not. Also told once in an Excel below ExcelApi 1.7, which cannot read the defined names the structure check needs, for a workbook that holds a plan or looks like OKR Studio's.",
  },
  {
    id: "OKR027",
    structure: true,
    severity: "info",
    title: "Looks like an OKR Studio workbook, without its mark",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Make the workbook anew from its plan with OKR Studio to have its structure checked too.",
    detail:
      "Fires once for a workbook with OKR Studio's sheet names and Scorecard headers but no layout mark (made before the mark, copied into another workbook, or its names deleted): its content is checked, its structure is not.",
  },
  {
    id: "OKR028",
    structure: true,
    severity: "warning",
    title: "A computed cell holds another formula",
    source: "OKR Scoring Guide: Progress = (Actual - Starting) / (Target - Starting)",
    fix: "Restore the formula the finding gives in the cells listed (Repair does it if you tick \"Also restore OKR Studio's formula\", keeping each person's formula as a note beside it), or, if the other formula is meant, keep it knowing that OKR Studio's check-ins and thresholds no longer reach that cell.",
    detail:
      "Structure rule. Fires for a cell where the builder writes a formula that reads other cells, and a person wrote another formula that reads cells too (=B6*2 over a Score, a lookup of another key result). Formulas are compared as the hosts give them back (case, spaces, Excel's _xlfn. prefixes and @ aside), with every cell reference taken as one reference whatever its address, so rows and columns deleted or moved elsewhere, which shift the references, are not told; a formula holding #REF! is told by OKR022 instead. One finding per column, listing its cells with the formula each holds and the builder's. Repair lists these cells apart and leaves them unless the user ticks restoring them too; then each person's formula is kept as a note beside its cell (the row's empty Notes cell, else the first empty cell right of its table) and in the repair report, and the builder's formula is written. Left unticked, the warning stays: a workbook repaired so checks clean but for these.",
  },
  {
    id: "OKR029",
    structure: true,
    severity: "error",
    title: "A row OKR Studio writes is missing (deleted, or its entry added since)",
    source: "OKR Tracking Tools: Spreadsheet (Google Sheets / Excel template)",
    fix: "Repair puts the row back: it inserts a row that was deleted (the rows below moved up) or writes a cleared label back in place, with OKR Studio's labels and formulas. Or undo the deletion, or make the workbook anew from its plan (okr rebuild), which also writes the rows of an objective or key result added on the Scorecard since the sheet was written. The finding lists the row's cells with what the builder writes there.",
    detail:
      "Structure rule. Fires for a row the builder derives from the plan that the plan read back still has, and that is gone: a Dashboard row of an objective or key result, a Monthly Review row of one, a row of the Scorecard's objective table (one finding per table, naming the rows and what stops working without them); and for a labelled row outside the tables (the OKR Plan sheet's Project, Period, Owner, thresholds and stale-after rows, the Scorecard's overall score, the Monthly Review's review date, the Dashboard's per-objective and per-status labels), found by its label text anywhere on its sheet (one finding per sheet; a label written twice is told gone where the rows around it put it); a row between two labels, or above the first (a sheet's title and subtitle), whose neighbours sit closer than the builder put them (an empty row deleted is not told); a week of the Dashboard's weekly trend deleted (a row of formulas only, each reading the week above: found by the #REF! it leaves in the week that moved up into its place and the trend's last week left empty, and told there); and a label gone from a row that is still there (the Scorecard's \"Green\" with a deleted Current column), told as that label at its cell. The rows below a deleted row are looked for where they moved, so their computed cells are not told typed over (the trend's weeks below a deleted \"Week ending\" row). Deleting a key result's row on the Scorecard, or a check-in's row in the log, is an edit of the plan, not damage, and is not told. Repair inserts such a row again only when it was deleted, that is when the builder's cells below it sit one row higher (a whole sheet row, shifting what is below, and the report lists the cells of people's it moves; a table's last row is taken back into its table), once the rows of its sheet would then all stand where the builder puts them, and writes the builder's cells there; what was typed in the row (an objective's owner, a threshold) went with the deletion, and the report says so. A row whose labels were only cleared gets them written back in place (the report names the cells a person typed in it, left as they are), and with nothing below to tell a deletion from a clearing Repair inserts none and says so. Rows and table columns deleted on different sheets are put back by one Repair; on a sheet where it inserts a table column, the rows wait for the next Repair, and the report says so.",
  },
] as const satisfies readonly Rule[];

/** A rule's id, "OKR000" … : a finding's rule is always one of the catalogue's. */
export type RuleId = (typeof RULES)[number]["id"];

/** The id of a structure rule: one that looks at the workbook rather than the plan. */
export type StructureRuleId = Extract<(typeof RULES)[number], { structure: true }>["id"];

/**
 * The structure rules (src/sheets/structure.ts makes their findings), in the catalogue's order:
 * the pane groups them with Repair, and the rules page introduces them together.
 */
export const STRUCTURE_RULE_IDS: readonly StructureRuleId[] = RULES.flatMap((rule) =>
  "structure" in rule && rule.structure ? [rule.id as StructureRuleId] : []
);

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/** Whether `id` (a user's filter, a finding read from a file) names a rule of the catalogue. */
export function isRuleId(id: string): id is RuleId {
  return RULE_IDS.has(id);
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
