/** The metric a sentence is about, and whether a number is near its verb. */
import type { Quantity, Sentence } from "./types";
import { isKnownVerb } from "./words";
import { verbText, words } from "./text";
import { sameKind } from "./quantities";
import { verbDirection } from "./direction";

/** The metric the key result is about. */
export function primaryOf(s: Sentence): Quantity {
  const pool = s.metrics.length > 0 ? s.metrics : s.found;
  const current = s.current;
  return (
    (current &&
      s.found.find(
        (q) =>
          !q.isChange &&
          !q.isNew &&
          q.unit !== null &&
          sameKind(q, current) &&
          q.unit === current.unit
      )) ??
    pool[0]
  );
}

/**
 * The count is the sentence's subject, or the object of a verb that takes one; a count with no
 * unit, or in a sentence that starts with a name ("Sourcegraph Cloud provides … over 5.5M
 * repos"), is a guess.
 */
export function near(s: Sentence, primary: Quantity): boolean {
  const before = s.main.slice(0, primary.start);
  if (primary.unit === null) return false;
  // "Grow the number of subscribers to 2,000": the noun named before the number is the count.
  if (primary.unitBefore && verbDirection(verbText(s.main)).direction === "up") return true;
  // "The yearly number of talks goes above 50": the noun named before a verb that joins it to
  // the number.
  if (
    primary.unitBefore &&
    /\b(?:reach(?:es)?|hits?|goes|go|rises?|climbs?|exceeds?)\s+(?:above\s+|over\s+|beyond\s+|to\s+)?$/i.test(
      before.slice(-30)
    )
  )
    return true;
  if (words(verbText(before)).length <= 3 || /\brate of\s*$/i.test(before)) return true;
  // Deep in a long sentence ("Launch X, which will offer … 10 opportunities, …"): a guess.
  if (words(before).length > 6) return false;
  const first = (words(verbText(s.main))[0] ?? "").toLowerCase().replace(/[^\p{L}-]/gu, "");
  return isKnownVerb(first) || /^(?:at|more|over|the|all|each|every|an?|\d)/.test(first);
}
