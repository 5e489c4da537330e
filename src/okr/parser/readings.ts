/** The readings the forms give: a metric, a milestone, nothing measurable, a ceiling. */
import type { ParsedKeyResult, Quantity, Sentence } from "./types";
import { CONFIDENCE } from "./confidence";
import { tidy } from "./text";
import { extraMetrics } from "./doubts";

export function reading(
  parts: Omit<ParsedKeyResult, "confidence" | "reason" | "measurable">,
  confidence: number,
  reasons: string[]
): ParsedKeyResult {
  return {
    measurable: true,
    ...parts,
    confidence: tidy(Math.max(0, Math.min(1, confidence))),
    reason: reasons.join("; "),
  };
}

export function notMeasurable(
  reason: string,
  confidence: number = CONFIDENCE.notMeasurable
): ParsedKeyResult {
  return {
    measurable: false,
    type: null,
    baseline: null,
    target: null,
    unit: null,
    current: null,
    confidence,
    reason,
  };
}

export function milestone(reason: string, confidence: number): ParsedKeyResult {
  return {
    measurable: true,
    type: "milestone",
    baseline: null,
    target: null,
    unit: null,
    current: null,
    confidence: tidy(confidence),
    reason,
  };
}

/** A ceiling to stay at or below, with no baseline: "releases take 1 hour", "Reduce … to 5%". */
export function ceiling(s: Sentence, primary: Quantity, confidence: number): ParsedKeyResult {
  return reading(
    {
      type: "maintain-below",
      baseline: null,
      target: primary.value,
      unit: primary.unit,
      current: null,
    },
    confidence - extraMetrics(s, [primary]),
    s.reasons
  );
}
