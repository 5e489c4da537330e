/** The sentence forms of a count: "5 new markets", and a number to reach with no baseline. */
import type { Form, Quantity, Sentence } from "../types";
import { CONFIDENCE } from "../confidence";
import { COUNT_VERBS, GLUED_UNIT } from "../words";
import { tidy, verbText, words } from "../text";
import { format, inUnitOf, isDuration, quantities } from "../quantities";
import { ceiling, milestone, reading } from "../readings";
import { extraMetrics, fragility } from "../doubts";
import { near, primaryOf } from "../sentence";

/** The current value a result after "=>" states in the target's unit ("=> 3 user tests conducted"). */
function currentFromResult(s: Sentence, target: Quantity): number | null {
  if (s.current) return inUnitOf(s.current, target);
  if (!s.result || target.unit === null) return null;
  const head = (unit: string) => unit.toLowerCase().split(/\s+/).pop()?.replace(/s$/, "");
  for (const q of quantities(s.result)) {
    if (q.unit !== null && head(q.unit) === head(target.unit)) return q.value;
  }
  return null;
}

/** 5. "5 new markets": on top of the current count, or from 0 new. */
export const newCountForm: Form = (s) => {
  const primary = primaryOf(s);
  if (!primary.isNew) return null;
  const { current, reasons } = s;
  // "Close 8 new logos, up from 3 last quarter": 3 new logos then, 8 now.
  if (current && s.parts.previous) {
    reasons.push(
      `${primary.shown} new against ${format(current)} the last period: ${format({ value: current.value, unit: primary.unit })} to ${format(primary)}`
    );
    return reading(
      {
        type: primary.value >= current.value ? "increase" : "decrease",
        baseline: current.value,
        target: primary.value,
        unit: primary.unit,
        current: current.value,
      },
      CONFIDENCE.newOnCurrent - fragility(s, primary) - extraMetrics(s, [primary]),
      reasons
    );
  }
  if (current) {
    const target = tidy(current.value + primary.value);
    reasons.push(
      `${primary.shown} new on top of the current ${format(current)}: ${format({ value: current.value, unit: primary.unit })} to ${format({ value: target, unit: primary.unit })}`
    );
    return reading(
      {
        type: "increase",
        baseline: current.value,
        target,
        unit: primary.unit,
        current: current.value,
      },
      CONFIDENCE.newOnCurrent - fragility(s, primary) - extraMetrics(s, [primary]),
      reasons
    );
  }
  if (
    CREATION_VERB.test(s.main) ||
    // "4 new nodes …", "At least one new use case is …": the sentence opens with the count.
    /^(?:(?:at least|over|more than|>|≥)\s*)?$/i.test(s.main.slice(0, primary.start).trim()) ||
    /\b(?:add|deliver|create|build|hire|onboard|recruit|provision)\s+(?:at least\s+)?$/i.test(
      s.main.slice(Math.max(0, primary.start - 30), primary.start)
    ) ||
    // "Expand the approach to at least 3 new projects", "Adapt it for at least 2 new
    // communities": a floor to reach ("Expand to 3 new markets" counts from 0 new, as the
    // framework's template means it).
    /\b(?:at least\s+|≥\s*)$/i.test(s.main.slice(Math.max(0, primary.start - 15), primary.start))
  ) {
    // "Hire 2 additional …", "add 5 new controllers", "4 new nodes are provisioned": the count to reach.
    reasons.push(`target ${format(primary)}: a count to reach, from 0`);
    return reading(
      {
        type: "increase",
        baseline: null,
        target: primary.value,
        unit: primary.unit,
        current: null,
      },
      CONFIDENCE.countToReach - fragility(s, primary) - extraMetrics(s, [primary]),
      reasons
    );
  }
  reasons.push(
    `${primary.shown} new ${primary.unit ?? ""}`.trim() +
      ": counted from 0 new; state the current number (Current: N) to aim for N + " +
      primary.shown
  );
  return reading(
    { type: "increase", baseline: 0, target: primary.value, unit: primary.unit, current: null },
    CONFIDENCE.newFromZero - fragility(s, primary) - extraMetrics(s, [primary]),
    reasons
  );
};

/**
 * Verbs of making or winning: their "5 new controllers" is the count to reach, not a change on
 * top of a current count ("Support 3 additional languages" counts from the current ones).
 */
const CREATION_VERB =
  /^(?:hire|hiring|onboard|onboarding|add|adding|recruit|recruiting|deliver|create|build|provision|ship|release|publish|write|sign|gain|attract|acquire|land|close|get|run|host|hold|organi[sz]e|conduct|produce|introduce|welcome|bring|make|start|found|achieve|reach|attain|complete|finish)\b/i;

/** The sentence's first word, lower-case, letters only. */
function firstWord(main: string): string {
  return (words(verbText(main))[0] ?? "").toLowerCase().replace(/[^\p{L}-]/gu, "");
}

/**
 * "Every collaborator has at least one fallback task": a state that holds for every member of a
 * group, true or not at the end, rather than a count to reach.
 */
const EVERY_HAS =
  /^(?:every|each|all)\s+(?:[\p{L}-]+\s+){1,3}?(?:has|have|gets?|owns?|keeps?)\s+(?:at least\s+|≥\s*)?$/iu;

/** 12. A number to reach, with no baseline: progress counts from 0. */
export const countToReachForm: Form = (s) => {
  if (EVERY_HAS.test(verbText(s.main.slice(0, primaryOf(s).start)))) {
    s.reasons.push(
      `"${words(s.main).slice(0, 2).join(" ")} … ${format(primaryOf(s))}": a state every one of them is in or not, done or not done`
    );
    return milestone(s.reasons.join("; "), CONFIDENCE.namedWork);
  }
  // "0 lint errors across the codebase": a count of 0 is nothing to reach, but a ceiling to keep.
  const zero = primaryOf(s);
  if (s.parts.total === null && !s.current && zero.value === 0 && zero.unit !== "%") {
    s.reasons.push(`${format(zero)}: a ceiling of 0, kept at or below 0`);
    return ceiling(s, zero, CONFIDENCE.zero - fragility(s, zero));
  }
  const primary =
    s.parts.total !== null
      ? {
          ...primaryOf(s),
          value: s.parts.total,
          // "1 article for each group (5 total)": the total counts articles, not articles per group.
          unit: primaryOf(s).unit?.replace(/\/[^/]*$/, "") ?? null,
        }
      : primaryOf(s);
  s.reasons.push(
    `target ${primary.bound === "at-least" ? "at least " : ""}${format(primary)}; no baseline stated, so progress counts from 0 until one is set`
  );
  // "Achieve ≥ 90% precision": read as a level to reach, as the framework document means it, but
  // "≥" on a share reads as a floor to hold just as well.
  let symbolFloor = 0;
  // "Grow recall to ≥ 90%" is a level to reach: the up verb says so.
  if (
    primary.bound === "at-least" &&
    primary.boundSymbol &&
    primary.unit === "%" &&
    !/\bto\s*(?:≥|>=)\s*$/.test(s.main.slice(0, primary.start))
  ) {
    s.reasons.push(
      `"≥ ${primary.shown}" may also be a floor to hold (maintain-above) rather than a level to reach`
    );
    symbolFloor = CONFIDENCE.symbolFloor;
  }
  // "Elevate 1 process to the board", "A pre-agreement of 1 investment": a single thing, with no
  // "at least" or "+" to make it a count, is as often one deliverable named as a count to reach.
  const single =
    primary.value === 1 &&
    primary.bound === null &&
    !/^\s*\+\s*$/.test(s.main.slice(Math.max(0, primary.start - 2), primary.start)) &&
    primary.unit !== null &&
    primary.seconds === null &&
    !/^[%$€£x]/.test(primary.unit) &&
    !GLUED_UNIT.test(primary.unit) &&
    !isDuration(primary) &&
    // "1 figure mentions it" (the count is the subject), "Sign 1 partner", "Hire 1 designer": a
    // count, as the verb says.
    s.main.slice(0, primary.start).trim() !== "" &&
    !COUNT_VERBS.has(firstWord(s.main)) &&
    !CREATION_VERB.test(verbText(s.main));
  if (single)
    s.reasons.push(
      `a count of 1 with no "at least": one ${primary.unit} may be a single deliverable (a milestone) rather than a count`
    );
  return reading(
    {
      type: "increase",
      baseline: null,
      target: primary.value,
      unit: primary.unit,
      current: currentFromResult(s, primary),
    },
    (near(s, primary) ? CONFIDENCE.countToReach : CONFIDENCE.countToReachFar) -
      (single ? CONFIDENCE.singleThing : 0) -
      symbolFloor -
      fragility(s, primary) -
      extraMetrics(s, [primaryOf(s)]),
    s.reasons
  );
};
