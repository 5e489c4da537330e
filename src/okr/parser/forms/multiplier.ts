/** The sentence form of a multiplier: "Double X", "halve Y", "3x". */
import type { Form, Quantity } from "../types";
import { CONFIDENCE } from "../confidence";
import { tidy, verbText } from "../text";
import { format } from "../quantities";
import { reading } from "../readings";
import { numberOfPhrase } from "../units";
import { extraMetrics, fragility } from "../doubts";

/** 2. "Double X", "halve Y", "triple Z", "3x", "by 3x": a multiplier from 1. */
export const multiplierForm: Form = (s) => {
  // The word is the verb ("Double X", "to double X"), not an adjective ("Avoid double rendering").
  const word =
    /(?:^|\b(?:to|will|and|we|or)\s+|[,;]\s*)(double|triple|quadruple|halve|half)\b/i.exec(
      verbText(s.main)
    ) ??
    /\b(twice|thrice)\s+as\s+(?:many|much)\b/i.exec(s.main) ??
    // "Cut build times in half", "Reduce review time by half": a down verb and half.
    (s.direction === "down" ? /\b(?:in|by)\s+(half)\b/i.exec(s.main) : null);
  const times = s.metrics.find((q) => q.unit === "x");
  let factor: number;
  let shown: string;
  let used: Quantity[] = [];
  // "Double weekly signups to 40": the level after the multiplier word, so it starts at 20.
  const level = s.metrics.filter((q) => !q.isCondition && q.unit !== null);
  const reached =
    !times &&
    word &&
    level.length === 1 &&
    level[0].bound === null &&
    !level[0].isChange &&
    level[0].unit !== "%" &&
    level[0].start > (word.index ?? 0) &&
    /\bto\s*$/i.test(s.main.slice(0, level[0].start))
      ? level[0]
      : null;
  if (reached && word) {
    const lower = word[1].toLowerCase();
    const by = lower === "double" ? 2 : lower === "triple" ? 3 : lower === "quadruple" ? 4 : 0.5;
    s.reasons.push(
      `"${lower}" to ${format(reached)}: from ${format({ ...reached, value: tidy(reached.value / by) })} to ${format(reached)}`
    );
    return reading(
      {
        type: by > 1 ? "increase" : "decrease",
        baseline: tidy(reached.value / by),
        target: reached.value,
        unit: reached.unit,
        current: null,
      },
      CONFIDENCE.multiplier - fragility(s, reached) - extraMetrics(s, [reached]),
      s.reasons
    );
  }
  // "pipeline coverage 3x", "a replication ratio of 4x": a ratio held at a level, not growth.
  if (
    times &&
    !word &&
    s.direction === null &&
    /\b(?:coverage|ratio|replication|multiple|roas|leverage)\b[^.;]{0,20}$/i.test(
      s.main.slice(Math.max(0, times.start - 30), times.start)
    )
  )
    return null;
  if (times) {
    factor = times.value;
    shown = times.shown;
    used = [times];
  } else if (word && level.length === 0) {
    const lower = word[1].toLowerCase();
    factor =
      lower === "double" || lower === "twice"
        ? 2
        : lower === "triple" || lower === "thrice"
          ? 3
          : lower === "quadruple"
            ? 4
            : 0.5;
    shown = lower;
  } else return null;
  if (!(factor > 0) || factor === 1) return null;
  const down = factor < 1 || (s.direction === "down" && times !== undefined);
  const target = down && factor > 1 ? tidy(1 / factor) : factor;
  // "Double the number of contributors (Q1: 47)", "Cut build time in half (currently ~22 min)":
  // the multiple of the value stated.
  const current = s.current;
  if (current && used.length === 0) {
    const unit =
      current.unit ??
      numberOfPhrase(s.main.slice(Math.max(0, (word?.index ?? 0) - 10), s.main.length)) ??
      null;
    const reached = tidy(current.value * target);
    s.reasons.push(
      `${shown} the stated ${format(current)}: ${format({ value: current.value, unit })} to ${format({ value: reached, unit })}`
    );
    return reading(
      {
        type: reached > current.value ? "increase" : "decrease",
        baseline: current.value,
        target: reached,
        unit,
        current: current.value,
      },
      CONFIDENCE.multiplier - extraMetrics(s, used),
      s.reasons
    );
  }
  s.reasons.push(
    `${shown}: a multiplier of the current level, from 1x to ${format({ value: target, unit: "x" })}`
  );
  const confidence = CONFIDENCE.multiplier - extraMetrics(s, used);
  return reading(
    {
      type: target > 1 ? "increase" : "decrease",
      baseline: 1,
      target,
      unit: "x",
      current: null,
    },
    confidence,
    s.reasons
  );
};
