/** The sentence form "from X to Y". */
import type { KeyResultType } from "../../scoring";
import type { Form } from "../types";
import { CONFIDENCE } from "../confidence";
import { tidy } from "../text";
import { format, inUnitOf } from "../quantities";
import { fromToIn } from "../parentheticals";
import { reading } from "../readings";
import { directionConflict, extraMetrics } from "../doubts";

/** 1. "from X to Y" in the sentence, "to Y from current X", or in parentheses next to "by N%". */
export const fromToForm: Form = (s) => {
  const pair = fromToIn(s.main, s.found) ?? s.parts.fromTo;
  if (!pair) return null;
  const { parts, reasons, current } = s;
  const [from, to] = pair;
  const baseline = inUnitOf(from, to);
  const target = to.value;
  // "from £4,000 to zero": the unit written with the first number, over a noun named before it.
  const unit =
    (to.unitBefore && from.unit !== null && !from.unitBefore ? from.unit : to.unit) ??
    from.unit ??
    (parts.points !== null ? "points" : null);
  const converted =
    baseline !== from.value && from.unit !== to.unit
      ? ` (${format({ value: baseline, unit })})`
      : "";
  reasons.push(`from ${format(from)}${converted} to ${format({ value: target, unit })}`);
  let confidence = parts.fromTo === pair ? CONFIDENCE.fromToInParentheses : CONFIDENCE.fromTo;
  const change = s.found.find((q) => q.isChange && q.unit === "%");
  if (parts.fromTo === pair && change)
    reasons.push(`the sentence says by ${change.shown}; the numbers in parentheses are used`);
  const stated =
    parts.statedChange?.value ?? (parts.fromTo === pair && change ? change.value : null);
  if (stated !== null && baseline !== 0) {
    const actualChange = Math.abs((target - baseline) / baseline) * 100;
    if (Math.abs(actualChange - stated) > 5) {
      reasons.push(
        `it also states ${stated}%, but ${format({ value: baseline, unit })} to ${format({ value: target, unit })} is ${tidy(Math.round(actualChange * 10) / 10)}%`
      );
      confidence -= CONFIDENCE.statedChangeMismatch;
    }
  }
  if (parts.points !== null && Math.abs(Math.abs(target - baseline) - parts.points) > 1e-9) {
    reasons.push(
      `it also states +${parts.points} points, but the change is ${tidy(Math.abs(target - baseline))}`
    );
    confidence -= CONFIDENCE.statedChangeMismatch;
  }
  if (baseline === target) {
    reasons.push("the target equals the baseline: nothing to score");
    return {
      ...reading(
        { type: null, baseline, target, unit, current: current?.value ?? null },
        CONFIDENCE.nothingToScore,
        reasons
      ),
      measurable: false,
    };
  }
  const type: KeyResultType = target > baseline ? "increase" : "decrease";
  confidence -= directionConflict(s, type, baseline, target);
  const used = [from, to, ...(change ? [change] : [])];
  confidence -= extraMetrics(s, used);
  return reading(
    { type, baseline, target, unit, current: current ? inUnitOf(current, to) : null },
    confidence,
    reasons
  );
};
