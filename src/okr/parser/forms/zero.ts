/**
 * The sentence form of a ceiling of 0: "No customers blocked", "zero P1 incidents", "Eliminate
 * errors".
 */
import type { Form, Quantity, Sentence } from "../types";
import { CONFIDENCE } from "../confidence";
import { MAX_UNIT_WORDS, STOP_WORDS } from "../words";
import { words } from "../text";
import { isDuration } from "../quantities";
import { unitAfter } from "../units";
import { ceiling, reading } from "../readings";
import { extraMetrics } from "../doubts";

/** 3. "No customers blocked …", "zero P1 incidents", "Eliminate errors": a ceiling of 0. */
export const zeroForm: Form = (s) => {
  const zero = s.found.find((q) => q.value === 0 && q.unit !== "%" && !q.isChange);
  const no = /(?:^|\bthat\s+|\bensure\s+(?:that\s+)?)no\s+(?=\p{L})/iu.exec(s.main);
  const eliminate = /^eliminate\s+/i.exec(s.main);
  let unit: string | null;
  let shown: string;
  let used: Quantity[];
  if (zero && s.metrics.filter((q) => q !== zero && !q.isCondition).length === 0) {
    used = [zero];
    unit = zero.unit;
    shown = zero.shown;
    // "Reduce failures to zero": the counted noun is the verb's object.
    const object = /^\p{L}+\s+(?:the\s+|all\s+)?(.+?)\s+to\s+$/iu.exec(s.main.slice(0, zero.start));
    // "Reduce open issues older than 30 days to zero": the object up to its condition.
    const objectWords: string[] = [];
    for (const word of words(object?.[1] ?? "")) {
      if (
        STOP_WORDS.has(word.toLowerCase()) ||
        /^(?:older|newer|longer|shorter|younger)$/i.test(word)
      )
        break;
      objectWords.push(word);
    }
    if (unit === null && objectWords.length > 0 && objectWords.length <= MAX_UNIT_WORDS)
      unit = objectWords.join(" ");
  } else if (no && longest(s)) {
    // "No client inquiry takes more than 1 business day": the duration is the ceiling.
    const limit = longest(s)!;
    s.reasons.push(`no ${limit.shown} or longer: a duration to stay within, kept at or below it`);
    return ceiling(s, limit, CONFIDENCE.durationCeiling);
  } else if ((no || eliminate) && s.metrics.every((q) => q.isCondition)) {
    const at = (no ?? eliminate)!;
    // "No tier 1 or 2 customers": the tier names which customers; the unit is the noun.
    unit = unitAfter(
      s.main
        .slice((at.index ?? 0) + at[0].length)
        .replace(/^(?:all|the|our|every)\s+/i, "")
        .replace(/^tiers?\S*\s+/i, "")
    ).unit;
    shown = no ? "no" : "eliminate";
    // Its numbers are conditions ("open for more than 7 days"), not second metrics.
    used = s.metrics;
  } else return null;
  if (unit !== null && /^(?:or|and)\b/i.test(unit)) unit = null;
  // "Eliminate manual steps (currently 7)", "No Sev1 incidents (was 3)": from the stated count
  // down to 0.
  const current = s.current;
  if (current && current.value > 0 && (current.unit === null || current.unit === unit)) {
    s.reasons.push(
      `${shown} ${unit ?? ""}`.trim() + `: from the stated ${current.shown} down to 0`
    );
    return reading(
      { type: "decrease", baseline: current.value, target: 0, unit, current: current.value },
      CONFIDENCE.zero - extraMetrics(s, used),
      s.reasons
    );
  }
  s.reasons.push(`${shown} ${unit ?? ""}`.trim() + ": a ceiling of 0, kept at or below 0");
  return reading(
    { type: "maintain-below", baseline: null, target: 0, unit, current: null },
    CONFIDENCE.zero - extraMetrics(s, used),
    s.reasons
  );
};

/** "No X takes more than N days": the one duration bounded from below, the limit nothing may pass. */
function longest(s: Sentence): Quantity | null {
  const durations = s.found.filter(
    (q) => isDuration(q) && q.bound === "at-least" && !q.boundSymbol && !q.isChange
  );
  return durations.length === 1 && s.found.length === 1 ? durations[0] : null;
}
