import type { KeyResult, Objective, Plan } from "../model";
import { wordingDirection } from "../parser";
import { latestCheckIns, recordedNumber, staleness } from "../freshness";
import { periodDates } from "../period";
import { OkrError } from "../errors";
import { grade, progress, status } from "../scoring";
import {
  DISPLAY_DECIMALS,
  HEALTH_CONCERNING_BELOW,
  HEALTH_STRONG_UP_TO,
  PER_LEVEL,
  STATUS,
} from "../thresholds";
import { roundTo, todaySerial } from "../values";
import { type RuleId, ruleById, RULES } from "./catalogue";
import { hasQualityMetric, isActivity, isAiObjective } from "./heuristics";
import {
  type CheckOptions,
  type Finding,
  type Location,
  SEVERITIES,
  type WorkbookFacts,
} from "./types";

/**
 * Checks what a workbook says against the framework's rules. Pure: the facts come from readPlan,
 * the findings go to whoever shows them (okr lint, the task pane). Deterministic: sorted by sheet,
 * row, rule and message.
 */

const { min: MIN_PER_LEVEL, max: MAX_PER_LEVEL } = PER_LEVEL;

function shortText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function named(kr: KeyResult): string {
  return `${kr.id} "${shortText(kr.text)}"`;
}

function namedObjective(objective: Objective): string {
  return `${objective.id} "${shortText(objective.title)}"`;
}

/** A number with the key result's unit, as a person writes it: 12%, $1,500,000, 425 images/hour. */
function withUnit(value: number, unit: string | null): string {
  const shown = String(roundTo(value, 6));
  if (unit === null) return shown;
  if (/^[$€£]$/.test(unit)) return `${unit}${Number(shown).toLocaleString("en-US")}`;
  if (unit.startsWith("%")) return `${shown}${unit}`;
  return `${shown} ${unit}`;
}

/** A score as a person sees it: to the display decimals (0.73). */
function two(value: number): string {
  return roundTo(value, DISPLAY_DECIMALS).toFixed(DISPLAY_DECIMALS);
}

/** "Green", "🟢", "green (0.8)" → Green; anything else → null (not judged). */
function statusOf(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const value = text.trim().toLowerCase();
  for (const [label, marks] of [
    [STATUS.red, ["red", "🔴", "🟥", "❌"]],
    [STATUS.yellow, ["yellow", "amber", "🟡", "🟨"]],
    [STATUS.green, ["green", "🟢", "🟩", "✅"]],
    [STATUS.pending, ["pending"]],
  ] as const) {
    if (
      marks.some(
        (mark) => value === mark || value.startsWith(`${mark} `) || value.startsWith(`${mark}(`)
      )
    )
      return label;
  }
  return null;
}

class Checker {
  readonly findings: Finding[] = [];
  /** Key results whose error score has its own OKR020 finding. */
  readonly reportedErrors = new Set<KeyResult>();

  constructor(private readonly facts: WorkbookFacts) {}

  add(
    ruleId: RuleId,
    message: string,
    location: Location | null | undefined,
    repair: Pick<Finding, "cells" | "names" | "sheet"> = {}
  ): void {
    const rule = ruleById(ruleId)!;
    this.findings.push({
      ruleId,
      severity: rule.severity,
      message,
      location: location ?? null,
      fix: rule.fix,
      ...(repair.cells === undefined ? {} : { cells: repair.cells }),
      ...(repair.names === undefined ? {} : { names: repair.names }),
      ...(repair.sheet === undefined ? {} : { sheet: repair.sheet }),
    });
  }

  keyResultAt(kr: KeyResult, ...fields: string[]): Location | null {
    const facts = this.facts.locations.keyResults[kr.id];
    if (!facts) return null;
    for (const field of fields) if (facts.fields[field]) return facts.fields[field]!;
    return facts.row;
  }

  objectiveAt(objective: Objective, ...fields: string[]): Location | null {
    const facts = this.facts.locations.objectives[objective.id];
    if (!facts) return null;
    for (const field of fields) if (facts.fields[field]) return facts.fields[field]!;
    return facts.row;
  }

  planAt(field: "project" | "period" | "owner" | "status"): Location | null {
    return this.facts.locations.plan[field] ?? null;
  }
}

function checkPlan(plan: Plan, checker: Checker, facts: WorkbookFacts, asOf: number): void {
  const firstObjective = plan.objectives[0];
  const planPlace =
    checker.planAt("project") ?? (firstObjective ? checker.objectiveAt(firstObjective) : null);
  const count = plan.objectives.length;
  if (count < MIN_PER_LEVEL || count > MAX_PER_LEVEL) {
    checker.add(
      "OKR001",
      `the plan has ${count} objective${count === 1 ? "" : "s"}; the framework asks for ${MIN_PER_LEVEL} to ${MAX_PER_LEVEL}`,
      planPlace
    );
  }

  const objectiveIds = new Map<string, Objective>();
  const objectiveTitles = new Map<string, Objective>();
  const keyResultIds = new Map<string, KeyResult>();
  const keyResultTexts = new Map<string, KeyResult>();
  const grades: number[] = [];
  /** Objectives whose score is an error, left out of the plan's average. */
  const erroredObjectives: string[] = [];
  const lastCheckIns = latestCheckIns(facts.checkIns);

  for (const objective of plan.objectives) {
    const here = checker.objectiveAt(objective);
    const krCount = objective.keyResults.length;
    if (krCount < MIN_PER_LEVEL || krCount > MAX_PER_LEVEL) {
      checker.add(
        "OKR002",
        `${namedObjective(objective)} has ${krCount} key result${krCount === 1 ? "" : "s"}; the framework asks for ${MIN_PER_LEVEL} to ${MAX_PER_LEVEL}`,
        here
      );
    }
    // Owned through its key results when every one of them names an owner.
    const ownedByKeyResults = krCount > 0 && objective.keyResults.every((kr) => kr.owner?.trim());
    if (!objective.owner?.trim() && !ownedByKeyResults) {
      checker.add(
        "OKR008",
        `${namedObjective(objective)} has no owner`,
        checker.objectiveAt(objective, "owner")
      );
    }
    if (!objective.timeline?.trim() && !plan.period.trim()) {
      checker.add(
        "OKR009",
        `${namedObjective(objective)} has no timeline, and the plan no period`,
        checker.objectiveAt(objective, "timeline")
      );
    }
    const sameId = objectiveIds.get(objective.id);
    if (sameId) checker.add("OKR016", `objective id ${objective.id} is used twice`, here);
    else objectiveIds.set(objective.id, objective);
    const titleKey = objective.title.trim().toLowerCase();
    const sameTitle = objectiveTitles.get(titleKey);
    if (sameTitle && titleKey)
      checker.add("OKR016", `${namedObjective(objective)} repeats objective ${sameTitle.id}`, here);
    else objectiveTitles.set(titleKey, objective);

    if (isAiObjective(objective) && !hasQualityMetric(objective.keyResults)) {
      checker.add(
        "OKR017",
        `${namedObjective(objective)} is about an AI system but none of its key results measures quality (accuracy, fairness, reliability, latency, error rate)`,
        here
      );
    }
    if (
      plan.alignment &&
      objective.title.trim().toLowerCase() !== plan.alignment.project.trim().toLowerCase()
    ) {
      checker.add(
        "OKR018",
        `${namedObjective(objective)} is not the project objective of the alignment chain ("${shortText(plan.alignment.project)}")`,
        here
      );
    }

    const scores = objective.keyResults.map((kr) =>
      checkKeyResult(kr, plan, checker, facts, asOf, lastCheckIns, keyResultIds, keyResultTexts)
    );
    // An error score is left out, as a pending one is, and the findings say so.
    const leftOut = objective.keyResults.filter((_, index) => scores[index] === ERRORED);
    const usable = scores.map((value) => (value === ERRORED ? null : value));
    const without =
      leftOut.length === 0
        ? ""
        : ` (leaving out ${leftOut.map((kr) => kr.id).join(", ")}, whose score is an error)`;
    let objectiveGrade: number | null = null;
    try {
      objectiveGrade = grade(
        usable,
        objective.keyResults.map((kr) => kr.weight)
      );
    } catch {
      objectiveGrade = null;
    }
    // Told at the objective when its Score cell shows the error, or when a key result's error
    // has a finding of its own (OKR003 and OKR005 tell theirs at the key result alone).
    const shownError = facts.objectiveErrors?.[objective.id];
    const reported = leftOut.some((kr) => checker.reportedErrors.has(kr));
    if (leftOut.length > 0 && (reported || shownError !== undefined)) {
      const shows =
        shownError === undefined ? "its score is an error" : `its Score shows ${shownError}`;
      const gives =
        objectiveGrade === null ? "" : `; its other key results give ${two(objectiveGrade)}`;
      checker.add(
        "OKR020",
        `${namedObjective(objective)}: ${shows}, because the score of ${leftOut.map((kr) => kr.id).join(", ")} is${gives}; the plan's average leaves it out`,
        checker.objectiveAt(objective, "score")
      );
      erroredObjectives.push(objective.id);
    } else if (shownError !== undefined) {
      checker.add(
        "OKR020",
        `${namedObjective(objective)}: its Score shows ${shownError}, though its key results give ${objectiveGrade === null ? "no score yet" : two(objectiveGrade)}: the formula is broken or reads a cell that is; the plan's average leaves it out`,
        checker.objectiveAt(objective, "score")
      );
      erroredObjectives.push(objective.id);
    } else if (leftOut.length > 0) erroredObjectives.push(objective.id);
    else if (objectiveGrade !== null) grades.push(objectiveGrade);
    const recorded = objective.recordedScore;
    if (recorded !== undefined) {
      const place = checker.objectiveAt(objective, "score");
      if (recorded < 0 || recorded > 1)
        checker.add(
          "OKR012",
          `${namedObjective(objective)}: recorded score ${recorded} is outside 0–1`,
          place
        );
      else if (objectiveGrade !== null && two(recorded) !== two(objectiveGrade)) {
        const parts = objective.keyResults.flatMap((kr, index) => {
          const value = scores[index];
          if (value === ERRORED) return [];
          return [value === null ? `${kr.id} pending` : `${kr.id} ${two(value)}`];
        });
        checker.add(
          "OKR010",
          `${namedObjective(objective)}: recorded score ${two(recorded)} differs from ${two(objectiveGrade)}, the weighted mean of its key results' scores (${parts.join(", ")})${without}`,
          place
        );
      }
    }
  }

  if (grades.length > 0) {
    const average = grades.reduce((sum, value) => sum + value, 0) / grades.length;
    const committed = plan.objectives.every((objective) => objective.kind === "committed");
    const shown = roundTo(average, DISPLAY_DECIMALS);
    const without =
      erroredObjectives.length === 0
        ? ""
        : ` (leaving out ${erroredObjectives.join(", ")}, whose score is an error)`;
    if (shown > HEALTH_STRONG_UP_TO && !committed) {
      checker.add(
        "OKR013",
        `the plan's average score is ${two(average)}${without}: above ${HEALTH_STRONG_UP_TO} on aspirational OKRs, the goals are too easy`,
        planPlace
      );
    } else if (shown < HEALTH_CONCERNING_BELOW) {
      checker.add(
        "OKR013",
        `the plan's average score is ${two(average)}${without}: below ${HEALTH_CONCERNING_BELOW} is concerning`,
        planPlace
      );
    }
  }
}

function checkKeyResult(
  kr: KeyResult,
  plan: Plan,
  checker: Checker,
  facts: WorkbookFacts,
  asOf: number,
  lastCheckIns: Map<string, number>,
  ids: Map<string, KeyResult>,
  texts: Map<string, KeyResult>
): KeyResultScore {
  const here = checker.keyResultAt(kr, "text");
  if (ids.has(kr.id))
    checker.add("OKR016", `key result id ${kr.id} is used twice`, checker.keyResultAt(kr, "id"));
  else ids.set(kr.id, kr);
  const textKey = kr.text.trim().toLowerCase();
  const sameText = texts.get(textKey);
  if (sameText && textKey && sameText !== kr)
    checker.add("OKR016", `${named(kr)} repeats key result ${sameText.id}`, here);
  else texts.set(textKey, kr);

  const changes =
    kr.type === "increase" || kr.type === "decrease" || (kr.type === null && kr.target !== null);
  if (kr.type !== "milestone" && kr.target === null) {
    checker.add(
      "OKR003",
      `${named(kr)} has no numeric target and is not a milestone`,
      checker.keyResultAt(kr, "target", "text")
    );
  }
  if (changes && kr.target !== null && kr.baseline === null) {
    checker.add(
      "OKR004",
      `${named(kr)} has no baseline, so its progress counts from 0`,
      checker.keyResultAt(kr, "baseline")
    );
  }
  const okr005 = changes && kr.target !== null && kr.baseline !== null && kr.target === kr.baseline;
  if (okr005 && kr.target !== null) {
    checker.add(
      "OKR005",
      `${named(kr)}: target equals baseline (${withUnit(kr.target, kr.unit)})`,
      checker.keyResultAt(kr, "target")
    );
  }
  // "Reduce costs by 60%" is held as the reduction achieved, 0 → 60 "% reduction": not a mismatch.
  const measuresChange = /(reduction|increase)$/.test(kr.unit ?? "");
  if (kr.target !== null && kr.baseline !== null && kr.target !== kr.baseline && !measuresChange) {
    const { direction, verb } = wordingDirection(kr.text);
    const up = kr.target > kr.baseline;
    if ((direction === "down" && up) || (direction === "up" && !up)) {
      checker.add(
        "OKR006",
        `${named(kr)}: the wording says "${verb}" but the target (${withUnit(kr.target, kr.unit)}) is ${up ? "above" : "below"} the baseline (${withUnit(kr.baseline, kr.unit)})`,
        checker.keyResultAt(kr, "target")
      );
    }
  }
  const activity = isActivity(kr.text);
  if (activity.activity) {
    checker.add(
      "OKR007",
      `${named(kr)} names an activity ("${activity.verb}"), not the outcome it should bring`,
      here
    );
  }

  // The score the numbers give, and what the sheet shows.
  let computed: number | null = null;
  let computedProgress: number | null = null;
  let engineError: OkrError | null = null;
  try {
    computedProgress = progress(kr.baseline, kr.target, kr.current, kr.type);
    computed = computedProgress === null ? null : Math.min(1, Math.max(0, computedProgress));
  } catch (error) {
    computed = null;
    if (!(error instanceof OkrError)) throw error;
    engineError = error;
  }
  const recorded = facts.recorded[kr.id];
  const errored = scoreError(kr, checker, recorded?.errors ?? {}, engineError, computed, {
    toldElsewhere: (kr.type !== "milestone" && kr.target === null) || okr005,
  });
  const shownScore = recordedNumber(recorded?.score) ?? kr.recordedScore ?? null;
  const scorePlace = checker.keyResultAt(kr, "score");
  if (shownScore !== null) {
    if (shownScore < 0 || shownScore > 1) {
      checker.add(
        "OKR012",
        `${named(kr)}: score ${roundTo(shownScore, 4)} is outside 0–1`,
        scorePlace
      );
    } else if (computed !== null && two(shownScore) !== two(computed)) {
      const how =
        kr.type === "increase" || kr.type === "decrease" || kr.type === null
          ? `from baseline ${withUnit(kr.baseline ?? 0, kr.unit)}, target ${withUnit(kr.target!, kr.unit)} and current ${withUnit(Number(kr.current), kr.unit)}: (${roundTo(Number(kr.current), 6)} − ${roundTo(kr.baseline ?? 0, 6)}) / (${roundTo(kr.target!, 6)} − ${roundTo(kr.baseline ?? 0, 6)}) = ${two(computedProgress!)}${computedProgress! > 1 || computedProgress! < 0 ? `, clamped to ${two(computed)}` : ""}`
          : `as a ${kr.type} key result with current ${String(kr.current)}`;
      const typedOver = recorded?.formulas?.score ? "" : " (typed, not a formula)";
      checker.add(
        "OKR010",
        `${named(kr)}: recorded score ${two(shownScore)}${typedOver} differs from ${two(computed)} computed ${how}`,
        scorePlace
      );
    }
  }
  const shownStatus = statusOf(recorded?.status);
  const judged = shownScore ?? computed;
  if (shownStatus !== null && (judged !== null || shownStatus !== STATUS.pending)) {
    const expected = status(judged);
    if (expected !== shownStatus) {
      checker.add(
        "OKR011",
        `${named(kr)}: status ${shownStatus} does not match the score ${judged === null ? "(pending)" : two(judged)}, which is ${expected}`,
        checker.keyResultAt(kr, "status")
      );
    }
  }

  // Freshness and closing.
  const stale = staleness(
    plan.status,
    lastCheckIns.get(kr.id) ?? null,
    periodDates(plan.period)?.start ?? null,
    asOf
  );
  if (stale !== null) {
    checker.add(
      "OKR014",
      stale.since === "check-in"
        ? `${named(kr)}: last check-in ${stale.days} days ago`
        : `${named(kr)}: no check-in since the period started ${stale.days} days ago`,
      checker.keyResultAt(kr, "lastCheckIn", "current")
    );
  }
  if (plan.status === "Completed" && kr.current === null) {
    checker.add(
      "OKR015",
      `${named(kr)} has no final value, but the plan is Completed`,
      checker.keyResultAt(kr, "current")
    );
  }
  if (errored) return ERRORED;
  return shownScore !== null && shownScore >= 0 && shownScore <= 1 && computed === null
    ? shownScore
    : computed;
}

/** A key result's score that is an error: left out of its objective's and the plan's averages. */
const ERRORED = Symbol("errored");
type KeyResultScore = number | null | typeof ERRORED;

const ERROR_FIELDS = [
  ["score", "Score"],
  ["progress", "Progress"],
  ["status", "Status"],
] as const;

/** "Score shows #N/A", "Score and Status show #VALUE!", "Score shows #REF!, Status #N/A". */
function showing(errors: Partial<Record<string, string>>): string {
  const shown = ERROR_FIELDS.filter(([field]) => errors[field] !== undefined);
  const values = new Set(shown.map(([field]) => errors[field]));
  if (values.size === 1) {
    const names = shown.map(([, name]) => name);
    const joined =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    return `${joined} ${names.length === 1 ? "shows" : "show"} ${[...values][0]}`;
  }
  return shown
    .map(([field, name], index) => `${name}${index === 0 ? " shows" : ""} ${errors[field]}`)
    .join(", ");
}

/**
 * OKR020 for a key result: its numbers make the engine answer an error (the reason is the
 * engine's), or a Score, Progress or Status cell shows one. At the first cell that shows it, else
 * at the score. True when the key result's score is an error either way (OKR003 and OKR005 tell
 * of a missing target and a target equal to the baseline; the score is an error then too).
 */
function scoreError(
  kr: KeyResult,
  checker: Checker,
  errors: Partial<Record<"score" | "status" | "progress", string>>,
  engineError: OkrError | null,
  computed: number | null,
  { toldElsewhere }: { toldElsewhere: boolean }
): boolean {
  const first = ERROR_FIELDS.find(([field]) => errors[field] !== undefined)?.[0];
  const place = checker.keyResultAt(kr, ...(first ? [first] : []), "score", "target");
  if (engineError !== null) {
    if (!toldElsewhere) {
      const shows = first ? ` (${showing(errors)})` : "";
      checker.add(
        "OKR020",
        `${named(kr)}: its score is an error, ${engineError.code}${shows}: ${engineError.message}`,
        place
      );
      checker.reportedErrors.add(kr);
    }
    return true;
  }
  if (first === undefined) return false;
  checker.add(
    "OKR020",
    `${named(kr)}: ${showing(errors)}, though its numbers give ${computed === null ? "a pending score" : `a score of ${two(computed)}`}: the formula is broken or reads a cell that is`,
    place
  );
  checker.reportedErrors.add(kr);
  return true;
}

function rowOf(address: string): number {
  const match = /\d+/.exec(address);
  return match ? Number(match[0]) : 0;
}

function columnOf(address: string): string {
  return (/^[A-Z]+/i.exec(address)?.[0] ?? "").toUpperCase().padStart(3, " ");
}

function byPlace(a: Finding, b: Finding): number {
  const sheetA = a.location?.sheet ?? "";
  const sheetB = b.location?.sheet ?? "";
  if (sheetA !== sheetB) return sheetA < sheetB ? -1 : 1;
  const rowA = a.location ? rowOf(a.location.address) : 0;
  const rowB = b.location ? rowOf(b.location.address) : 0;
  if (rowA !== rowB) return rowA - rowB;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  const columnA = a.location ? columnOf(a.location.address) : "";
  const columnB = b.location ? columnOf(b.location.address) : "";
  if (columnA !== columnB) return columnA < columnB ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Checks a workbook's facts against every rule (or those in `options.rules`), and returns the
 * findings at or above `options.minSeverity`, sorted by sheet, row and rule.
 */
export function checkWorkbook(facts: WorkbookFacts, options: CheckOptions = {}): Finding[] {
  const checker = new Checker(facts);
  const asOf = options.asOf ?? todaySerial();
  if (facts.plan === null) {
    checker.add(
      "OKR000",
      `no table of objectives or key results found; looked for a header row with ${facts.lookedFor.join("; or ")}`,
      null
    );
  } else {
    checkPlan(facts.plan, checker, facts, asOf);
  }
  for (const problem of facts.problems ?? [])
    checker.add("OKR019", problem.message, problem.location);
  for (const found of facts.structure ?? [])
    checker.add(found.ruleId, found.message, found.location, found);
  const wanted = options.rules ? new Set(options.rules.map((id) => id.trim().toUpperCase())) : null;
  const floor = SEVERITIES.indexOf(options.minSeverity ?? "info");
  return checker.findings
    .filter((finding) => (wanted ? wanted.has(finding.ruleId) : true))
    .filter((finding) => SEVERITIES.indexOf(finding.severity) <= floor)
    .sort(byPlace);
}

export { RULES };
