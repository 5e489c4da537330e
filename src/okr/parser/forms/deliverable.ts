/**
 * The sentence forms of a deliverable that has numbers: a verb whose numbers are scope, a definite
 * set ("the top 3").
 */
import type { Form } from "../types";
import { CONFIDENCE } from "../confidence";
import { DELIVERABLE_VERBS, DELIVERED_STATE } from "../words";
import { verbText, words } from "../text";
import { format, isDuration } from "../quantities";
import { milestone } from "../readings";
import { singularCount } from "../doubts";
import { primaryOf } from "../sentence";

/** A deliverable verb at the start whose numbers are all scope: "Build a model with three scenarios". */
export const deliverableWithScopeForm: Form = (s) => {
  const first = (words(verbText(s.main))[0] ?? "").toLowerCase();
  const deliverable = DELIVERABLE_VERBS.has(first) || DELIVERED_STATE.test(s.main);
  if (!deliverable) return null;
  const primary = primaryOf(s);
  if (primary.unit === "%" || primary.bound === "at-most" || primary.isScale) return null;
  if (isDuration(primary) || (/^[$€£x]/.test(primary.unit ?? "") && !primary.isCondition))
    return null;
  const before = s.main.slice(0, primary.start);
  if (/\b(?:reach|achieve|grow|increase)\b/i.test(before)) return null;
  // "Write and publish 2 case studies": two verbs joined, and the number is the object of both.
  if (/^\p{L}+\s+and\s+\p{L}+\s+(?:at least\s+)?$/u.test(verbText(before)) && !primary.isCondition)
    return null;
  // "Identify the top 3 reasons", "the first iteration of the 50K reference architecture": a
  // definite set or a name delivered, not a count to reach.
  const definite = /\b(?:the\s+top|(?:the\s+)?first)\s*$/i.test(before);
  if (
    DELIVERABLE_VERBS.has(first) &&
    s.metrics.length <= 1 &&
    (definite || (singularCount(primary) && words(before).length > 2))
  ) {
    s.reasons.push(
      definite
        ? `a deliverable; "the top ${primary.shown}" is a definite set delivered, not a count to reach: done or not done; some read it as a count`
        : `a deliverable; ${format(primary)} names what is delivered, not a count to score: done or not done`
    );
    return milestone(
      s.reasons.join("; "),
      definite ? CONFIDENCE.definiteSet : CONFIDENCE.deliverableWithScope
    );
  }
  // The number is the first verb's object ("Make at least 1 improvement"): a count, not scope.
  const object = verbText(before).replace(
    /(?:\b(?:with|to|for|in|on|into)\s+)?(?:\bat least|\bmore than|\bover|\bthe top|\btop|\bthe|\ba|\ban)?\s*$/i,
    ""
  );
  if (words(object).length <= 1 && DELIVERABLE_VERBS.has(first)) return null;
  // "Build a community channel …, with 25 subscribers": the deliverable measured by the people it
  // reaches, a count (a range, "with 2-6 developers", stays part of what is delivered).
  if (
    !primary.isRange &&
    /,\s*with\s+(?:at least\s+)?$/i.test(before) &&
    /^(?:subscribers|users|members|followers|participants|attendees|customers|readers|visitors|viewers)$/i.test(
      primary.unit ?? ""
    )
  )
    return null;
  const laterClause = /\b(?:and\s+\w+|by|with)\s+(?:at least\s+|the\s+)?$/i.test(before);
  if (!(primary.value <= 1 && laterClause) && !s.found.every((q) => q.isCondition)) return null;
  s.reasons.push(
    `a deliverable; ${format(primary)} is part of what is delivered, not a count to score: done or not done`
  );
  return milestone(s.reasons.join("; "), CONFIDENCE.deliverableWithScope);
};

/**
 * "All systems monitor the 4 golden signals", "Collect the top 100 searched terms", "Document
 * what all 12 services do": a definite set named by its size is delivered or not; readers split
 * on it, so it stays below 0.5.
 */
export const definiteSetForm: Form = (s) => {
  const primary = primaryOf(s);
  if (s.parts.total !== null || s.current || primary.bound !== null || primary.unit === "%")
    return null;
  if (
    !/\b(?:the\s+(?:top\s+)?|(?:the\s+)?first\s+|all\s+)$/i.test(
      s.main.slice(Math.max(0, primary.start - 12), primary.start)
    )
  )
    return null;
  if (s.direction === "up" || s.direction === "down") return null;
  const article = /\ball\s+$/i.test(s.main.slice(0, primary.start)) ? "all" : "the";
  s.reasons.push(
    `"${article} ${primary.shown}" names a definite set: a milestone, done or not done; some read it as a count to reach`
  );
  return milestone(s.reasons.join("; "), CONFIDENCE.definiteSet);
};
