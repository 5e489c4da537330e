/**
 * The sentence forms of a target whose baseline is the current value, a multiple of it, or what a
 * stated change implies.
 */
import type { KeyResultType } from "../../scoring";
import type { Form } from "../types";
import { CONFIDENCE } from "../confidence";
import { tidy } from "../text";
import { format, inUnitOf, sameKind } from "../quantities";
import { reading } from "../readings";
import { directionConflict, extraMetrics } from "../doubts";
import { primaryOf } from "../sentence";

/** 8. A target with the current value as the baseline: "≥ 85% (Current: 72%)". */
export const currentAsBaselineForm: Form = (s) => {
  const { current, reasons } = s;
  if (!current) return null;
  const primary = primaryOf(s);
  const target = primary.value;
  const unit = primary.unit;
  const baseline = inUnitOf(current, primary);
  reasons.push(
    `the current ${format(current)} is the baseline; target ${primary.bound === "at-least" ? "at least " : primary.bound === "at-most" ? "at most " : ""}${format(primary)}`
  );
  if (baseline === target) {
    reasons.push("the target equals the current value: nothing to score");
    return {
      ...reading(
        { type: null, baseline, target, unit, current: baseline },
        CONFIDENCE.nothingToScore,
        reasons
      ),
      measurable: false,
    };
  }
  const type: KeyResultType = target > baseline ? "increase" : "decrease";
  let confidence = CONFIDENCE.currentAsBaseline - directionConflict(s, type, baseline, target);
  if (current.unit !== null && unit !== null && !sameKind(current, primary)) {
    reasons.push(`the current value is in ${current.unit} but the target in ${unit}`);
    confidence = CONFIDENCE.unitMismatch;
  }
  // "all issues older than 12 months (currently ~340)": an age says which ones count.
  if (
    primary.isCondition &&
    /\b(?:older|newer|younger)\s+than\s*$/i.test(
      s.main.slice(Math.max(0, primary.start - 20), primary.start)
    )
  ) {
    reasons.push(
      `${format(primary)} says which ones count, not a target: what the current ${format(current)} should come to is a guess`
    );
    confidence -= CONFIDENCE.conditionAsTarget;
  }
  confidence -= extraMetrics(s, [primary]);
  return reading({ type, baseline, target, unit, current: baseline }, confidence, reasons);
};

/** 9. "1,000+ images per hour (10x current manual capacity)": the baseline is target / 10. */
export const timesCurrentForm: Form = (s) => {
  const times = s.parts.timesCurrent;
  if (times === null || !(times > 0)) return null;
  const primary = primaryOf(s);
  const baseline = tidy(primary.value / times);
  s.reasons.push(
    `${times}× the current capacity: ${format({ value: baseline, unit: primary.unit })} to ${format(primary)}`
  );
  return reading(
    { type: "increase", baseline, target: primary.value, unit: primary.unit, current: null },
    CONFIDENCE.timesCurrent - extraMetrics(s, [primary]),
    s.reasons
  );
};

/** 10. "700 signups per week (40% increase)": the baseline the stated change implies. */
export const impliedBaselineForm: Form = (s) => {
  const change = s.parts.statedChange;
  if (change === null) return null;
  const primary = primaryOf(s);
  if (primary.unit === "%" && change.value >= 100) return null;
  const factor = change.direction === "down" ? 1 - change.value / 100 : 1 + change.value / 100;
  if (!(factor > 0)) return null;
  const baseline = tidy(Math.round((primary.value / factor) * 100) / 100);
  const type: KeyResultType = change.direction === "down" ? "decrease" : "increase";
  s.reasons.push(
    `${format(primary)} is a ${change.value}% ${change.direction === "down" ? "reduction" : "increase"}, so the baseline is ${format({ value: baseline, unit: primary.unit })}`
  );
  return reading(
    { type, baseline, target: primary.value, unit: primary.unit, current: null },
    CONFIDENCE.impliedBaseline - extraMetrics(s, [primary]),
    s.reasons
  );
};
