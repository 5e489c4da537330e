/**
 * The sentence forms of a level: a bound to hold ("Maintain 99.9% uptime"), a duration ceiling, a
 * down verb's ceiling.
 */
import type { KeyResultType } from "../../scoring";
import type { Form } from "../types";
import { CONFIDENCE } from "../confidence";
import { DURATION_MEASURE, LEVEL_METRICS, PERIOD, RATE_WORDS, SCALE_WORDS } from "../words";
import { verbText, words } from "../text";
import { format, inUnitOf, isDuration } from "../quantities";
import { ceiling, reading } from "../readings";
import { extraMetrics, fragility } from "../doubts";
import { primaryOf } from "../sentence";
import { namesALevel } from "../withoutNumber";

/** 6. A level to hold: "Maintain 99.9% uptime", "under 200 ms", "at least 75% of …", "> 95%". */
export const boundForm: Form = (s) => {
  const primary = primaryOf(s);
  const { current, direction, reasons } = s;
  // "less than 1% monthly", "under 1.5% per month": a share per period.
  const perPeriod =
    primary.unit === "%"
      ? /^\s*(?:(daily|weekly|monthly|quarterly|yearly|annually)|(?:per|a|\/)\s*(day|week|month|quarter|year))\b/i.exec(
          s.main.slice(primary.end)
        )
      : null;
  const unit = perPeriod
    ? `%/${perPeriod[2]?.toLowerCase() ?? RATE_WORDS[perPeriod[1].toLowerCase()]}`
    : primary.unit;
  const levelMetric = LEVEL_METRICS.test(s.main);
  const rate = unit !== null && PERIOD.test(unit);
  const share =
    unit === "%" || rate || primary.isScale || (unit === null && SCALE_WORDS.test(s.main));
  // "Increase average subscription size to at least $295 per month": an up verb to a level is
  // an increase, as "Increase … to 41%" is.
  const upTo =
    (direction === "up" &&
      /\bto\s+(?:at least\s+|≥\s*|>=\s*)?$/i.test(s.main.slice(0, primary.start))) ||
    // "The yearly number of talks goes above 50": crossing a level is reaching it, not holding it.
    /\b(?:go|goes|rise|rises|climb|climbs)\s+(?:to\s+)?(?:above|over|beyond)\s+$/i.test(
      s.main.slice(Math.max(0, primary.start - 30), primary.start)
    );
  // "4.5/5 feedback score" is a floor; "10/10 rating", the top of the scale, a level to reach.
  const top = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(primary.shown.replace(/\s+/g, ""));
  // "Test coverage ≥ 80%", "Average session length at least 4 minutes": a level named with no
  // verb before it, whose floor is one to hold ("Achieve ≥ 90%" reads as a level to reach).
  // "Pipeline coverage 3x+", "ROAS ≥ 4x": a ratio named with no verb is a level as a share is.
  const ratio = primary.unit === "x";
  const namedLevel =
    primary.bound === "at-least" &&
    (share || ratio || isDuration(primary)) &&
    (namesALevel(s.main.slice(0, primary.start), share || ratio) ||
      // "Ensure ≥ 80% awareness among members": a share made sure of is a floor.
      (share &&
        /^(?:ensure|guarantee)\s+(?:that\s+)?(?:≥|>=)?\s*$/i.test(s.main.slice(0, primary.start))));
  const floor =
    !upTo &&
    (namedLevel ||
      (primary.bound === "at-least" &&
        !primary.boundSymbol &&
        share &&
        !(rate && /\+$/.test(primary.shown))) ||
      (primary.isScale &&
        primary.bound !== "at-most" &&
        !(top !== null && Number(top[1]) >= Number(top[2]))));
  // "users stay above 12,000", "spend remains under $9k": a level kept, whatever the verb.
  const keptAt =
    primary.bound !== null &&
    /\b(?:(?:stay|stays|staying|remain|remains|remaining)\s+(?:at or\s+)?(?:above|over|below|under|at least|at most|≥|≤|>|<)?|(?:never|not)\s+(?:fewer|less|lower|smaller|more|higher|greater|bigger)(?:\s+th[ae]n)?)\s*$/i.test(
      s.main.slice(Math.max(0, primary.start - 30), primary.start)
    );
  if (!(
    direction === "keep" ||
    keptAt ||
    (!current &&
      (primary.bound === "at-most" ||
        floor ||
        (levelMetric && primary.unit === "%" && direction !== "down")))
  ))
    return null;
  const shownTarget = format({ value: primary.value, unit });
  let type: KeyResultType;
  if (primary.bound === "at-most") {
    type = "maintain-below";
    reasons.push(`at most ${shownTarget}: kept at or below ${shownTarget}`);
  } else {
    type = "maintain-above";
    reasons.push(
      levelMetric && direction !== "keep" && !floor
        ? `${shownTarget} uptime: a level to hold, at or above the target`
        : `kept at or above ${shownTarget}`
    );
  }
  if (direction === "down" && type === "maintain-below")
    reasons.push("no current value stated, so it is read as a ceiling to stay under");
  // "Bring retention to 40% or more": "to" a floor after a verb not known to raise or keep reads
  // as a level to reach (increase) as well as a floor to hold.
  const toFloor =
    type === "maintain-above" &&
    direction === null &&
    /\bto\s+(?:at least\s+|≥\s*|>=\s*)?$/i.test(s.main.slice(0, primary.start));
  if (toFloor)
    reasons.push(
      `"to ${shownTarget}" after "${words(verbText(s.main))[0] ?? ""}" may also be a level to reach (increase) rather than a floor to hold`
    );
  const confidence =
    (direction === "keep" || primary.bound ? CONFIDENCE.bound : CONFIDENCE.levelMetric) -
    (toFloor ? CONFIDENCE.toFloor : 0) -
    fragility(s, primary) -
    extraMetrics(s, [primary]);
  return reading(
    {
      type,
      baseline: null,
      target: primary.value,
      unit,
      current: current ? inUnitOf(current, primary) : null,
    },
    confidence,
    reasons
  );
};

/** 7. "releases take 1 hour", "complete within 2 business days", "in 3 hours": a duration ceiling. */
export const durationCeilingForm: Form = (s) => {
  const primary = primaryOf(s);
  if (s.current || !isDuration(primary)) return null;
  const before = s.main.slice(Math.max(0, primary.start - 30), primary.start);
  if (
    !/\b(?:take|takes|taking|within|in|under|is|are|returns?)\s+(?:only\s+|just\s+)?$/i.test(
      before
    ) &&
    // "MTTR of 30 min", "Time to first response: 4 hours": a time to wait, named, is a ceiling.
    !(s.direction === null && DURATION_MEASURE.test(s.main.slice(0, primary.start)))
  )
    return null;
  s.reasons.push(`${format(primary)}: a duration to stay within, kept at or below it`);
  return ceiling(s, primary, CONFIDENCE.durationCeiling - fragility(s, primary));
};

/** 11. A down verb with a target and no baseline: a ceiling to get under. */
export const downVerbCeilingForm: Form = (s) => {
  if (s.direction !== "down") return null;
  const primary = primaryOf(s);
  s.reasons.push(
    `"${s.verb}" to ${format(primary)} with no current value stated: read as a ceiling to get under; state the current value to score progress`
  );
  return ceiling(s, primary, CONFIDENCE.downVerbCeiling);
};
