/**
 * What lowers a reading's confidence: a second metric, a noun phrase likely cut wrongly, wording
 * against the numbers.
 */
import type { KeyResultType } from "../scoring";
import type { Quantity, Sentence } from "./types";
import { CONFIDENCE } from "./confidence";
import { DELIVERABLE_VERBS, GLUED_UNIT, MASS_NOUNS, MAX_UNIT_WORDS } from "./words";
import { tidy, verbText, words } from "./text";
import { format, isDuration } from "./quantities";

/** A word that introduces a scope, with a bound after it: "across more than ", "serving ". */
const SCOPE_BEFORE =
  /(?:^|\s)(?:across|among|amongst|for|over|in|serving|covering|spanning)\s+(?:(?:more|greater)\s+than\s+|at\s+least\s+|over\s+|[≥>]=?\s*)?$/i;

/**
 * A second metric in the same sentence makes the reading ambiguous: the returned penalty brings
 * any confidence below AMBIGUOUS_BELOW. Scope and conditions ("within 7 days") are not metrics.
 */
export function extraMetrics(s: Sentence, used: Quantity[]): number {
  const scope = s.found.filter((q) => q.isCondition && !used.includes(q));
  if (scope.length > 0)
    s.reasons.push(
      `${scope.map((q) => format(q)).join(", ")}: scope or a condition of the metric, not a second metric`
    );
  // "7 certifications with more than 10,000 certificates issued": a bound is how a target is
  // written, so a bounded number read as scope may be the metric after all.
  // "90% accuracy across 50+ topics", "5 solutions serving 20,000+ users": after the metric, a
  // bounded number that a scope word introduces says how wide, not what is scored.
  const scoped = (q: Quantity) =>
    used.some((u) => u.end <= q.start) &&
    SCOPE_BEFORE.test(s.main.slice(Math.max(0, q.start - 40), q.start));
  const bounded = scope.filter(
    (q) => q.bound !== null && !isDuration(q) && q.seconds === null && !scoped(q)
  );
  if (bounded.length > 0) {
    s.reasons.push(
      `${bounded.map((q) => format(q)).join(", ")} has a bound ("at least", "more than"), as a target does: it may be the metric`
    );
    return CONFIDENCE.boundedScope;
  }
  const others = s.metrics.filter((q) => !used.includes(q));
  if (others.length === 0) return 0;
  const listed = others.slice(0, 3).map((q) => format(q));
  if (others.length > 3) listed.push(`and ${others.length - 3} more`);
  s.reasons.push(
    `a second metric is not scored: ${listed.join(", ")}; split it into its own key result or confirm the first`
  );
  return CONFIDENCE.secondMetric;
}

/**
 * A count of more than one whose noun is singular ("50K reference architecture", "2 React"): a
 * name or a size.
 */
export function singularCount(primary: Quantity): boolean {
  const unit = primary.unit;
  if (
    unit === null ||
    !(primary.value > 1) ||
    primary.seconds !== null ||
    isDuration(primary) ||
    /^[%$€£x/]/.test(unit) ||
    unit.includes("/") ||
    GLUED_UNIT.test(unit)
  )
    return false;
  const head = unit.split(/\s+/).pop() ?? "";
  // A capitalised head is as telling as a lower-case one ("2 React", "10.14 Bot"); an acronym
  // ("3 API", "2 PR") is not, as its plural is often written without the "s".
  return /^\p{L}[\p{Ll}-]*$/u.test(head) && !/s$/i.test(head) && !MASS_NOUNS.test(head);
}

/**
 * The unit's words are followed by more nouns in a list: ", practice, or program". The items
 * before "or"/"and" are short noun phrases (1 to 3 words, none an -ing or -ed form, nor "each" or
 * "including"): ", each tested and documented" and ", doubling revenue and retention" are not.
 */
function listAfter(after: string, unit: string): boolean {
  const rest = after.trimStart();
  const first = unit.split("/")[0];
  if (!rest.toLowerCase().startsWith(first.toLowerCase())) return false;
  const list = /^\s*,\s*([\p{L}\s,/-]{1,40}?),?\s+(?:or|and)\s/u.exec(rest.slice(first.length));
  if (!list) return false;
  return list[1].split(",").every((item) => {
    const itemWords = words(item);
    return (
      itemWords.length >= 1 &&
      itemWords.length <= 3 &&
      !itemWords.some((word) => /^(?:each|including)$|\p{L}{3}(?:ing|ed)$/iu.test(word))
    );
  });
}

/**
 * The counted noun is followed by "of" and a bare plural noun ("15 relevant profiles of
 * applicants"): the complement may be part of what is counted, and which noun heads the unit is a
 * guess.
 */
function complementAfter(after: string, unit: string): boolean {
  const rest = after.trimStart();
  const first = unit.split("/")[0];
  if (unit.includes("/") || !rest.toLowerCase().startsWith(first.toLowerCase())) return false;
  // "members of the Analytics team", "contributors to our repositories": with a determiner, or
  // after "to", the complement says where they belong, not what is counted.
  return /^\s+of\s+\p{Ll}+[^su\W]s(?![\p{L}-])/u.test(rest.slice(first.length));
}

/** Plural words that modify a noun as often as they head one ("sales calls", "operations lead"). */
const PLURAL_MODIFIERS =
  /^(?:sales|news|analytics|operations|systems|ops|devops|jobs|results|business|status|series|ads|docs|kubernetes|windows|ios|macos|us|points)$/i;

/**
 * A plural noun inside the unit before a last word that is not plural ("developers follow-up",
 * "people share information"): the noun phrase may have run into the verb after it.
 */
function pluralInside(unit: string): boolean {
  return unit.split("/").some((part) => {
    const list = words(part);
    if (list.length < 2 || /^[%$€£]/.test(part) || /\bof\b/i.test(part)) return false;
    const last = list[list.length - 1];
    if (/(?:[^s]s|people)$/i.test(last)) return false;
    return list
      .slice(0, -1)
      .some(
        (word) => /^(?:[\p{L}-]+[^su'’\s]s|people)$/iu.test(word) && !PLURAL_MODIFIERS.test(word)
      );
  });
}

/**
 * Doubts that do not depend on the form: a count with a singular noun, a number inside a
 * subordinate clause. Each says why in the reasons and returns what it takes off.
 */
export function fragility(s: Sentence, primary: Quantity): number {
  let penalty = 0;
  if (singularCount(primary)) {
    s.reasons.push(
      `${format(primary)}: a count of more than one with a singular noun, perhaps a name or a size rather than a count`
    );
    penalty += CONFIDENCE.singularCount;
  }
  if (primary.unitCut) {
    s.reasons.push(
      `${format(primary)}: the noun phrase goes on past ${MAX_UNIT_WORDS} words, so what is counted is a guess`
    );
    penalty += CONFIDENCE.longUnit;
  }
  if (
    /\b(?:when|which|whether|if|once|so that|where|while|because|who)\b/i.test(
      s.main.slice(0, primary.start)
    )
  ) {
    s.reasons.push(
      `${format(primary)} is in a clause that describes, not in the key result's own clause`
    );
    penalty += CONFIDENCE.subordinateClause;
    const first = (words(verbText(s.main))[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
    if (DELIVERABLE_VERBS.has(first)) {
      s.reasons.push(`it may describe what "${first}" delivers, and the key result be a milestone`);
      penalty += CONFIDENCE.clauseOfDeliverable;
    }
  }
  if (primary.unit !== null && pluralInside(primary.unit)) {
    s.reasons.push(
      `${format(primary)}: a plural noun inside the unit, so the noun phrase may have run into a verb and what is counted is a guess`
    );
    penalty += CONFIDENCE.pluralInsideUnit;
  }
  // "1 meet-up, educational session, or whiteboarding session per quarter": the noun read is the
  // first of a list, and what is counted is the whole list.
  if (
    primary.unit !== null &&
    !/^[%$€£x]/.test(primary.unit) &&
    listAfter(s.main.slice(primary.end), primary.unit)
  ) {
    s.reasons.push(
      `${format(primary)} is the first of a list of nouns, so what is counted is a guess`
    );
    penalty += CONFIDENCE.listedUnit;
  }
  if (
    primary.unit !== null &&
    /^\p{L}/u.test(primary.unit) &&
    !isDuration(primary) &&
    complementAfter(s.main.slice(primary.end), primary.unit)
  ) {
    s.reasons.push(
      `${format(primary)} is followed by "of" and a plural noun, which may be what is counted`
    );
    penalty += CONFIDENCE.complementedUnit;
  }
  if (
    /^(?:[$€£]|CHF|USD|EUR|GBP|CAD|AUD|NZD|SEK|NOK|DKK|INR)/.test(primary.unit ?? "") &&
    /\b(?:allocat\w*|assign\w*|spend\w*|spent|dedicat\w*|earmark\w*|invest\w*)\s+(?:\S+\s+){0,2}$/i.test(
      s.main.slice(0, primary.start)
    )
  ) {
    s.reasons.push(
      `${format(primary)} is money given out, a means rather than a result: the key result may be the allocation itself, a milestone`
    );
    penalty += CONFIDENCE.moneyGivenOut;
  }
  if (primary.isRange) {
    s.reasons.push(`${primary.shown} is one end of a range, so the target is a guess`);
    penalty += CONFIDENCE.range;
  }
  if (primary.isCondition && primary.value === 1 && !isDuration(primary)) {
    s.reasons.push(
      `every number says what counts or the scope; ${format(primary)} is read as the target, which is a guess`
    );
    penalty += CONFIDENCE.scopeAsTarget;
  }
  return penalty;
}

/** The verb says one direction and the numbers the other: the numbers win, and the reason says so. */
export function directionConflict(
  s: Sentence,
  type: KeyResultType,
  baseline: number,
  target: number
): number {
  if (
    (s.direction === "down" && type === "increase") ||
    (s.direction === "up" && type === "decrease")
  ) {
    s.reasons.push(
      `the wording says "${s.verb}" but the target (${tidy(target)}) is ${type === "increase" ? "above" : "below"} the baseline (${tidy(baseline)}); the numbers are used`
    );
    return CONFIDENCE.directionConflict;
  }
  return 0;
}
