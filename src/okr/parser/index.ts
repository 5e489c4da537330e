/**
 * The key-result parser: reads the metric out of a sentence such as "Reduce average response time
 * from 5 minutes to 30 seconds". It never guesses silently: what it read, and any doubt, is said in
 * `reason`, and a reading it is unsure of gets a confidence below 0.5.
 *
 * How it reads: `prepare` takes off what is not the key result (an owner prefix such as "CEO KR:",
 * a result after "=>", issue references, names and versions that carry numbers, dates) and spells
 * number words as digits; `quantities` finds the numbers with their units and bounds; then each
 * sentence form in `FORMS` is tried in order, and the first that reads the sentence gives the
 * reading. How sure each form is, and what lowers it, is the one table `CONFIDENCE`.
 *
 * The modules beside this one: `types` (the reading and what the forms read from), `confidence`
 * (`CONFIDENCE`), `words` (the word lists and tables), `text` (small text helpers), `prepare`,
 * `quantities` (the numbers, their bounds and how they are shown), `units` (the noun phrase a number
 * counts), `direction` (which way the wording points), `parentheticals`, `sentence` (the metric the
 * key result is about), `doubts` (what lowers a reading's confidence), `readings` (the readings the
 * forms give). This module holds the sentence forms and reads a sentence with them.
 */
import type { KeyResultType } from "../scoring";
import type { Form, Parentheticals, ParsedKeyResult, Quantity, Sentence } from "./types";
import { CONFIDENCE } from "./confidence";
import {
  COUNT_VERBS,
  DELIVERABLE_VERBS,
  DELIVERED_STATE,
  DOWN_VERBS,
  GLUED_UNIT,
  KEEP_VERBS,
  LEVEL_METRICS,
  MAX_UNIT_WORDS,
  PERIOD,
  PERIOD_OF,
  RATE_WORDS,
  SCALE_WORDS,
  STOP_WORDS,
  UP_VERBS,
  VAGUE,
} from "./words";
import { tidy, verbText, words } from "./text";
import { format, inUnitOf, isDuration, quantities, sameKind } from "./quantities";
import { numberOfPhrase, unitAfter, unitBefore } from "./units";
import { directionBefore, verbDirection } from "./direction";
import { fromToIn, parentheticals } from "./parentheticals";
import { cleanKeyResultText, prepare } from "./prepare";
import { ceiling, milestone, notMeasurable, reading } from "./readings";
import { directionConflict, extraMetrics, fragility, singularCount } from "./doubts";
import { near, primaryOf } from "./sentence";
export { AMBIGUOUS_BELOW, type ParsedKeyResult } from "./types";
export { CONFIDENCE } from "./confidence";
export { cleanKeyResultText } from "./prepare";
export { wordingDirection } from "./direction";

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

/** 1. "from X to Y" in the sentence, "to Y from current X", or in parentheses next to "by N%". */
const fromToForm: Form = (s) => {
  const pair = fromToIn(s.main, s.found) ?? s.parts.fromTo;
  if (!pair) return null;
  const { parts, reasons, current } = s;
  const [from, to] = pair;
  const baseline = inUnitOf(from, to);
  const target = to.value;
  const unit = to.unit ?? from.unit ?? (parts.points !== null ? "points" : null);
  const converted =
    from.seconds !== null && from.unit !== to.unit ? ` (${format({ value: baseline, unit })})` : "";
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

/** 2. "Double X", "halve Y", "triple Z", "3x", "by 3x": a multiplier from 1. */
const multiplierForm: Form = (s) => {
  // The word is the verb ("Double X", "to double X"), not an adjective ("Avoid double rendering").
  const word =
    /(?:^|\b(?:to|will|and|we|or)\s+|[,;]\s*)(double|triple|quadruple|halve|half)\b/i.exec(
      verbText(s.main)
    ) ?? /\b(twice|thrice)\s+as\s+(?:many|much)\b/i.exec(s.main);
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

/** 3. "No customers blocked …", "zero P1 incidents", "Eliminate errors": a ceiling of 0. */
const zeroForm: Form = (s) => {
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
      s.main.slice((at.index ?? 0) + at[0].length).replace(/^tiers?\S*\s+/i, "")
    ).unit;
    shown = no ? "no" : "eliminate";
    // Its numbers are conditions ("open for more than 7 days"), not second metrics.
    used = s.metrics;
  } else return null;
  if (unit !== null && /^(?:or|and)\b/i.test(unit)) unit = null;
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

/** A change per period after the number: "10% m/m", "5% per week", "3% month over month". */
const PER_PERIOD_CHANGE =
  "m\\/m|mom|month over month|month-over-month|w\\/w|wow|week over week|week-over-week|q\\/q|qoq|quarter over quarter|quarter-over-quarter|y\\/y|yoy|year over year|year-over-year|(?:per|a|each|every)\\s+(?:day|week|month|quarter|year)|daily|weekly|monthly|quarterly|yearly|annually";

/** The period of a change written after it ("10% m/m" is "/month"), or "". */
function periodOfChange(after: string): string {
  const match = new RegExp(`^\\s*(?:${PER_PERIOD_CHANGE})\\b`, "i").exec(after);
  if (!match) return "";
  const text = match[0].trim().toLowerCase();
  if (/^(?:m|mom|month)|\bmonth|monthly/.test(text)) return "/month";
  if (/^(?:w|wow|week)|\bweek|weekly/.test(text)) return "/week";
  if (/^(?:q|qoq|quarter)|\bquarter|quarterly/.test(text)) return "/quarter";
  if (/^(?:y|yoy|year)|\byear|yearly|annually/.test(text)) return "/year";
  if (/\bday|daily/.test(text)) return "/day";
  return "";
}

/** 4. "by 20%" / "by $2M": a change relative to the current value, or from 0 when none is stated. */
const changeForm: Form = (s) => {
  const primary = primaryOf(s);
  // "20% more signups", "a 10% improvement": a relative change stated in its unit.
  const stated =
    /^% (?:increase|reduction)$/.test(primary.unit ?? "") &&
    /^\s*(?:more|fewer|less)\b/i.test(s.main.slice(primary.end, primary.end + 12));
  if (!primary.isChange && !stated) return null;
  const near = directionBefore(s.main, primary.start);
  const direction = stated
    ? primary.unit === "% reduction"
      ? "down"
      : "up"
    : (primary.said ?? near?.direction ?? s.direction);
  const down = direction === "down";
  const { current, reasons } = s;
  if (!stated && current && (primary.unit === "%" || sameKind(primary, current))) {
    const baseline = current.value;
    const amount =
      primary.unit === "%" ? (baseline * primary.value) / 100 : inUnitOf(primary, current);
    const target = tidy(down ? baseline - amount : baseline + amount);
    // "Increase number of institutions adopting X by 300 (May 2019 total is 2,512)": what is
    // counted is named before the change.
    const unit =
      current.unit ??
      (primary.unit === null
        ? (numberOfPhrase(
            s.main.slice(Math.max(0, primary.start - 160), primary.start).replace(/\s+by\s*$/i, "")
          ) ?? null)
        : null);
    reasons.push(
      `by ${primary.shown} of the current ${format(current)}: ${format({ value: baseline, unit })} to ${format({ value: target, unit })}`
    );
    let confidence: number = CONFIDENCE.changeOfCurrent;
    if (primary.unit === "%" && current.unit === "%") {
      reasons.push(
        `read as relative to the current rate; if percentage points were meant, the target is ${format({ value: tidy(down ? baseline - primary.value : baseline + primary.value), unit })}`
      );
      confidence = CONFIDENCE.changeOfCurrentRate;
    }
    if (direction === null)
      reasons.push(`"${s.verb ?? ""}" does not say up or down; read as an increase`);
    confidence -= extraMetrics(s, [primary]);
    return reading(
      {
        type: target > baseline ? "increase" : "decrease",
        baseline,
        target,
        unit,
        current: current.value,
      },
      confidence,
      reasons
    );
  }
  const period = periodOfChange(s.main.slice(primary.end));
  // "NPS up 50": a change on a score is in points.
  const counted = primary.unit ?? (SCALE_WORDS.test(s.main) ? "points" : "");
  // "Increase the number of reference users by 25": what is counted, 25 more of them.
  const noun =
    primary.unit === null && !stated
      ? numberOfPhrase(
          s.main.slice(Math.max(0, primary.start - 160), primary.start).replace(/\s+by\s*$/i, "")
        )
      : null;
  const unit =
    primary.unit === "%" || stated
      ? `${down ? "% reduction" : "% increase"}${period}`
      : (noun ?? `${counted} ${down ? "reduction" : "increase"}`.trim());
  reasons.push(
    `by ${primary.shown} with no current value stated: measured as the ${down ? "reduction" : "increase"} achieved, from 0 to ${format({ value: primary.value, unit })}`
  );
  if (s.parts.others.length > 0)
    reasons.push(`(${s.parts.others.join("; ")}) is kept in the text, not scored`);
  let confidence: number = CONFIDENCE.changeFromZero;
  if (direction === null) {
    reasons.push("no word says up or down; read as an increase");
    confidence -= CONFIDENCE.statedChangeMismatch;
  }
  confidence -= extraMetrics(s, [primary]);
  return reading(
    { type: "increase", baseline: 0, target: primary.value, unit, current: null },
    confidence,
    reasons
  );
};

/** "Increase SMAU 10% m/m", "Grow revenue 20%": a relative change written without "by". */
const periodChangeForm: Form = (s) => {
  const primary = primaryOf(s);
  if (primary.unit !== "%" || (s.direction !== "up" && s.direction !== "down")) return null;
  // "Reduce churn to less than 1% monthly": a level per month, not a change.
  if (primary.bound !== null || /\bto\s*$/i.test(s.main.slice(0, primary.start))) return null;
  const perPeriod = new RegExp(`^\\s*(?:${PER_PERIOD_CHANGE})\\b`, "i").test(
    s.main.slice(primary.end)
  );
  // "Grow revenue 20%", "Cut costs 10% this quarter": a change verb, its object, then N% with no
  // "to", "of" or "at" before it.
  const bare =
    /^(?:increase|grow|raise|boost|reduce|cut|decrease|lower)\b/i.test(s.main) &&
    !/\b(?:to|of|at|than|with|for|in|on|from|reach|under|below|above|over)\s*$/i.test(
      s.main.slice(0, primary.start)
    ) &&
    !s.current &&
    primary.bound === null &&
    !/[<>≤≥=~]\s*$/.test(s.main.slice(0, primary.start)) &&
    s.main.slice(0, primary.start).trim().split(/\s+/).length >= 2;
  // "Grow 15% in new sponsors": the change verb, then N%, then what changes.
  const changeIn =
    /^(?:increase|grow|raise|boost|reduce|cut|decrease|lower)\s*$/i.test(
      s.main.slice(0, primary.start)
    ) &&
    !s.current &&
    /^\s+in\s+(?:new\s+|the\s+|our\s+)?\p{L}/iu.test(s.main.slice(primary.end));
  if (!perPeriod && !bare && !changeIn) return null;
  return changeForm({
    ...s,
    metrics: [{ ...primary, isChange: true }],
    found: [{ ...primary, isChange: true }],
  });
};

/** 5. "5 new markets": on top of the current count, or from 0 new. */
const newCountForm: Form = (s) => {
  const primary = primaryOf(s);
  if (!primary.isNew) return null;
  const { current, reasons } = s;
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
    )
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
  /^(?:hire|hiring|onboard|onboarding|add|adding|recruit|recruiting|deliver|create|build|provision|ship|release|publish|write|sign|gain|attract|acquire|land|close|get|run|host|hold|organi[sz]e|conduct|produce|introduce|welcome|bring|make|start|found|achieve|reach|attain)\b/i;

/** A deliverable verb at the start whose numbers are all scope: "Build a model with three scenarios". */
const deliverableWithScopeForm: Form = (s) => {
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

/** 6. A level to hold: "Maintain 99.9% uptime", "under 200 ms", "at least 75% of …", "> 95%". */
const boundForm: Form = (s) => {
  const primary = primaryOf(s);
  const { current, direction, reasons } = s;
  // "less than 1% monthly": a share per period.
  const perPeriod =
    primary.unit === "%"
      ? /^\s*(daily|weekly|monthly|quarterly|yearly|annually)\b/i.exec(s.main.slice(primary.end))
      : null;
  const unit = perPeriod ? `%/${RATE_WORDS[perPeriod[1].toLowerCase()]}` : primary.unit;
  const levelMetric = LEVEL_METRICS.test(s.main);
  const rate = unit !== null && PERIOD.test(unit);
  const share =
    unit === "%" || rate || primary.isScale || (unit === null && SCALE_WORDS.test(s.main));
  // "Increase average subscription size to at least $295 per month": an up verb to a level is
  // an increase, as "Increase … to 41%" is.
  const upTo =
    direction === "up" &&
    /\bto\s+(?:at least\s+|≥\s*|>=\s*)?$/i.test(s.main.slice(0, primary.start));
  // "4.5/5 feedback score" is a floor; "10/10 rating", the top of the scale, a level to reach.
  const top = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(primary.shown.replace(/\s+/g, ""));
  const floor =
    !upTo &&
    ((primary.bound === "at-least" &&
      !primary.boundSymbol &&
      share &&
      !(rate && /\+$/.test(primary.shown))) ||
      (primary.isScale &&
        primary.bound !== "at-most" &&
        !(top !== null && Number(top[1]) >= Number(top[2]))));
  if (!(
    direction === "keep" ||
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
const durationCeilingForm: Form = (s) => {
  const primary = primaryOf(s);
  if (s.current || !isDuration(primary)) return null;
  const before = s.main.slice(Math.max(0, primary.start - 30), primary.start);
  if (
    !/\b(?:take|takes|taking|within|in|under|is|are|returns?)\s+(?:only\s+|just\s+)?$/i.test(before)
  )
    return null;
  s.reasons.push(`${format(primary)}: a duration to stay within, kept at or below it`);
  return ceiling(s, primary, CONFIDENCE.durationCeiling - fragility(s, primary));
};

/** 8. A target with the current value as the baseline: "≥ 85% (Current: 72%)". */
const currentAsBaselineForm: Form = (s) => {
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
  confidence -= extraMetrics(s, [primary]);
  return reading({ type, baseline, target, unit, current: baseline }, confidence, reasons);
};

/** 9. "1,000+ images per hour (10x current manual capacity)": the baseline is target / 10. */
const timesCurrentForm: Form = (s) => {
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
const impliedBaselineForm: Form = (s) => {
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

/** 11. A down verb with a target and no baseline: a ceiling to get under. */
const downVerbCeilingForm: Form = (s) => {
  if (s.direction !== "down") return null;
  const primary = primaryOf(s);
  s.reasons.push(
    `"${s.verb}" to ${format(primary)} with no current value stated: read as a ceiling to get under; state the current value to score progress`
  );
  return ceiling(s, primary, CONFIDENCE.downVerbCeiling);
};

/**
 * "All systems monitor the 4 golden signals", "Collect the top 100 searched terms", "Document
 * what all 12 services do": a definite set named by its size is delivered or not; readers split
 * on it, so it stays below 0.5.
 */
const definiteSetForm: Form = (s) => {
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

/** The sentence's first word, lower-case, letters only. */
function firstWord(main: string): string {
  return (words(verbText(main))[0] ?? "").toLowerCase().replace(/[^\p{L}-]/gu, "");
}

/** 12. A number to reach, with no baseline: progress counts from 0. */
const countToReachForm: Form = (s) => {
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

/** The sentence forms, tried in order: the first that reads the sentence gives the reading. */
export const FORMS: readonly (readonly [string, Form])[] = [
  ["from X to Y", fromToForm],
  ["multiplier", multiplierForm],
  ["zero", zeroForm],
  ["change without by", periodChangeForm],
  ["change by N", changeForm],
  ["N new", newCountForm],
  ["deliverable with scope", deliverableWithScopeForm],
  ["level to hold", boundForm],
  ["duration ceiling", durationCeilingForm],
  ["current as baseline", currentAsBaselineForm],
  ["times current", timesCurrentForm],
  ["implied baseline", impliedBaselineForm],
  ["down verb, no baseline", downVerbCeilingForm],
  ["definite set", definiteSetForm],
  ["count to reach", countToReachForm],
];

/** Abstract nouns: qualities and relations to grow, not things to deliver. */
const ABSTRACT_NOUN =
  /^(?:[\p{L}-]{4,}(?:ency|ancy)|(?!business$|witness$)[\p{L}-]{4,}ness|(?!(?:community|quality|functionality|university|city|entity|capacity|utility|security|identity|activity|authority|facility|priority|opportunity)$)[\p{L}-]+ity|relationships?|partnerships?|silos|trust|awareness|culture|presence|reputation|morale|adoption|outreach|collaboration|communication|participation|engagement|alignment|cooperation|coordination)$/iu;
const COMPARATIVE =
  /^(?:more|greater|better|further|higher|stronger|deeper|wider|broader|less|fewer)$/i;

/**
 * A sentence with no number and no known verb that reads as an aim rather than work to deliver:
 * a question, an -ing form ("Partnering with …"), or a verb whose object is a quality or a
 * relation ("Give greater transparency", "Cultivate relationships", "Evangelize OSPO adoption").
 * A sentence that states something done ("… is formed", "… delivered") is not one.
 */
function namesAnAim(text: string): boolean {
  if (/\?\s*$/.test(text)) return true;
  const all = words(text).map((word) => word.replace(/[^\p{L}-]/gu, ""));
  // Word by word: "\b" is ASCII-only, so on the joined text a word mixing scripts is quadratic.
  if (
    all
      .slice(1)
      .some((word) => /^(?:is|are|was|were|been|be|has|have|had|\p{L}{3,}ed)$/iu.test(word))
  )
    return false;
  const [first = "", second = ""] = all;
  // "Partnering with other communities": an -ing form with an object, not a name ("Sharding").
  if (
    /^\p{L}{3,}ing$/u.test(first) &&
    /^(?:with|to|on|in|for|across|the|our|their|more|better)$/i.test(second)
  )
    return true;
  // The verb's object: the next two words, or three after a comparative, a particle or "the".
  const reach =
    COMPARATIVE.test(second) || /^(?:down|up|out|the|our|their|its)$/i.test(second) ? 4 : 3;
  const object = all.slice(1, reach);
  return object.some((word) => COMPARATIVE.test(word) || ABSTRACT_NOUN.test(word));
}

/** A phrase that names measures and nothing to do: "Bug, triage, stars metrics". */
const METRICS_ONLY = /^[\p{L}\s,&/-]*\b(?:metrics|kpis|statistics|stats|numbers)\.?$/iu;

/**
 * A deliverable named after the aim: a later sentence that starts with a deliverable verb ("…
 * loading. Ship improvements in M82."), or a clause in its -ing form (", removing the Y
 * regression"). Returns the verb, or null.
 */
function deliveredLater(main: string): string | null {
  for (const match of main.matchAll(/(?:[.;!?]\s+|,\s+(?:by\s+)?)([\p{L}]+)/gu)) {
    const word = match[1].toLowerCase();
    const sentence = !match[0].startsWith(",");
    if (sentence && DELIVERABLE_VERBS.has(word) && !VAGUE.test(word)) return match[1];
    const base = /^(\p{L}+?)(?:ing)$/u.exec(word)?.[1];
    if (
      !sentence &&
      base &&
      [base, `${base}e`, base.slice(0, -1)].some((b) => DELIVERABLE_VERBS.has(b))
    )
      return match[1];
  }
  return null;
}

/**
 * "Support and promote X", "Improve and refresh Y": two verbs joined, one that delivers and one
 * that names an aim with nothing to deliver. Returns the two verbs, or null.
 */
function mixedVerbs(main: string): [string, string] | null {
  const pair = /^(\p{L}+)\s+(?:and|&)\s+(\p{L}+)\b/u.exec(verbText(main));
  if (!pair) return null;
  const [first, second] = [pair[1].toLowerCase(), pair[2].toLowerCase()];
  // "Draft and maintain guides": keeping something up is part of the work, not an aim.
  const aim = (verb: string) =>
    !KEEP_VERBS.has(verb) && (VAGUE.test(verb) || UP_VERBS.has(verb) || DOWN_VERBS.has(verb));
  const delivers = (verb: string) => DELIVERABLE_VERBS.has(verb) && !aim(verb);
  return (delivers(first) && aim(second)) || (aim(first) && delivers(second))
    ? [first, second]
    : null;
}

/** No number to read: a deliverable (milestone), or nothing to measure. */
function withoutNumber(main: string, parts: Parentheticals, reasons: string[]): ParsedKeyResult {
  const result = withoutNumberReading(main, parts, reasons);
  const mixed = result.type !== "increase" ? mixedVerbs(main) : null;
  if (!mixed) return result;
  return {
    ...result,
    confidence: CONFIDENCE.mixedVerbs,
    reason: `${result.reason}; "${mixed[0]}" and "${mixed[1]}" are joined: one delivers something, the other names an aim, so milestone or not measurable is a guess`,
  };
}

function withoutNumberReading(
  main: string,
  parts: Parentheticals,
  reasons: string[]
): ParsedKeyResult {
  const change = parts.statedChange;
  if (change) {
    const unit = change.direction === "down" ? "% reduction" : "% increase";
    reasons.push(
      `no target number, but a ${change.value}% change is stated: measured as the change achieved, from 0`
    );
    return reading(
      { type: "increase", baseline: 0, target: change.value, unit, current: null },
      CONFIDENCE.statedChangeOnly,
      reasons
    );
  }
  const first = (words(verbText(main))[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  const prefix = reasons.length > 0 ? `${reasons.join("; ")}; ` : "";
  // "Reach more users", "Reduce churn": a metric with no target is not a deliverable.
  const vagueVerb =
    VAGUE.test(first) || UP_VERBS.has(first) || DOWN_VERBS.has(first) || KEEP_VERBS.has(first);
  // "Make onboarding great": an aim, not a deliverable.
  // "Achieve ISO 27001 certification", "Become SOC 2 compliant": a certificate is delivered.
  if (
    /^(?:achieve|obtain|get|gain|earn|become|pass|reach)\b.*\b(?:certification|certified|certificate|compliance|compliant|accreditation|accredited|audit)\b/i.test(
      verbText(main)
    )
  )
    return milestone(
      `${prefix}a certification or audit passed or not: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  const vagueAim =
    /^(?:make|get|keep)\b.*\b(?:great|better|easier|faster|simpler|smoother|best|awesome|excellent|world-class|delightful)\b/i.test(
      verbText(main)
    ) ||
    // "Build relationships at GitHub", "Foster trust": a relation, not a deliverable.
    /^(?:build|foster|strengthen|deepen|nurture|grow)\s+(?:\p{L}+\s+)?(?:relationships?|trust|awareness|rapport|ties|connections|partnerships)\b/iu.test(
      verbText(main)
    ) ||
    // "Scale up the community", "Good setup": growth or quality with nothing to count or deliver.
    /^(?:scale\s+up|optimi[sz]e|align)\b|^(?:good|great|better|nice|solid|strong)\s+[\p{L}-]+$/iu.test(
      verbText(main)
    );
  // "Generate weekly breakdowns", "Produce a style guide": something made; "Generate revenue",
  // "Produce more leads" name a measure to grow, with no target.
  if (
    /^(?:generate|produce)\s+(?!(?:more\s+|new\s+|additional\s+)?(?:revenue|leads?|pipeline|traffic|demand|interest|awareness|sales|income|profits?|buzz|value|growth|engagement|sign-?ups?|results|impact|savings)\b)\S/i.test(
      verbText(main)
    )
  )
    return milestone(
      `${prefix}"${first}" makes something with no number: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  if (!vagueVerb && !vagueAim && DELIVERABLE_VERBS.has(first))
    return milestone(
      `${prefix}a deliverable ("${first}") with no number: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  if (!vagueVerb && DELIVERED_STATE.test(main))
    return milestone(
      `${prefix}a state that is reached or not: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  // "Reduce style recalc on font loading. Ship improvements in M82.", "Improve perf of X,
  // removing the Y regression": an aim whose next sentence or clause names the work delivered.
  const named = deliveredLater(main);
  if (named)
    return milestone(
      `${prefix}"${named}" names the work delivered: a milestone, done or not done`,
      CONFIDENCE.namedWork
    );
  if (vagueVerb || vagueAim || VAGUE.test(main) || METRICS_ONLY.test(main))
    return notMeasurable(
      `${prefix}no number in the sentence, so nothing to measure as written: add a target (a number to reach) or track it as a milestone (done / not done)`
    );
  if (namesAnAim(verbText(main)))
    return milestone(
      `${prefix}names a piece of work with no number: read as a milestone, done or not done; but it reads as an aim (a quality to grow, or a question), which may be not measurable: check it`,
      CONFIDENCE.namedWork - CONFIDENCE.aimWithoutWork
    );
  return milestone(
    `${prefix}names a piece of work with no number: read as a milestone, done or not done; check it`,
    CONFIDENCE.namedWork
  );
}

/** The reading and the name of the form that gave it (for `npm run corpus`). */
export function readKeyResult(text: string): { form: string; result: ParsedKeyResult } {
  const sentence = cleanKeyResultText(typeof text === "string" ? text : String(text));
  if (sentence === "")
    return { form: "empty", result: notMeasurable("empty: there is no key result to read", 0.9) };
  const prepared = prepare(sentence);
  const parts = parentheticals(prepared.body);
  const said = verbDirection(parts.main);
  // "Enable the DAO to maintain its treasury above CHF 20,000": the aim is to keep a level.
  const kept = said.direction === null && /\bto\s+(?:maintain|keep|sustain)\b/i.exec(parts.main);
  const found = quantities(parts.main).map((q) => {
    if (q.unit !== null || q.seconds !== null || q.isScale || q.isCondition) return q;
    const before = unitBefore(parts.main, q);
    if (before === null) return q;
    // "Increase trial signups to at least 300 per week": the period after the number is the rate's.
    const period = before.includes("/")
      ? null
      : /^\s*(?:per|a|an|each|every)\s+(day|week|month|quarter|year)\b/i.exec(
          parts.main.slice(q.end)
        );
    // "Double weekly new collectives to 40": new things each week are a rate, collectives/week.
    const flow = /^(daily|weekly|monthly|quarterly|yearly)\s+new\s+(\S.*)$/i.exec(before);
    const unit = period
      ? `${before}/${period[1].toLowerCase()}`
      : flow && !flow[2].includes("/")
        ? `${flow[2]}/${PERIOD_OF[flow[1].toLowerCase()]}`
        : before;
    return { ...q, unit, unitBefore: true };
  });
  // Only when the level comes after the verb ("Find $50k in funding to sustain …" is a count).
  const keep = kept && found.length > 0 && found[0].start > (kept.index ?? 0);
  const { direction, verb } = keep ? { direction: "keep" as const, verb: kept[0] } : said;
  const s: Sentence = {
    main: parts.main,
    parts,
    found,
    metrics: [],
    direction,
    verb,
    current: parts.current,
    result: prepared.result,
    reasons: [],
  };
  // Scope and conditions are not metrics. When every number is one, a duration ("within 24
  // hours") is still the metric; other numbers leave a sentence with no metric of its own
  // ("customers with a score of 50 or less have increased …", "reviewed by 4 people").
  const metrics = found.filter((q) => !q.isCondition);
  const onlyConditions =
    found.length > 0 &&
    metrics.length === 0 &&
    !isDuration(found[0]) &&
    found[0].unit !== "%" &&
    (VAGUE.test(parts.main) || DELIVERED_STATE.test(parts.main));
  if ((found.length === 0 || onlyConditions) && !parts.fromTo) {
    const zero = zeroForm({ ...s, found: [], metrics: [] });
    if (zero) return { form: "zero", result: zero };
    const times = multiplierForm({ ...s, found: [], metrics: [] });
    if (times) return { form: "multiplier", result: times };
    if (onlyConditions)
      s.reasons.push(`${found.map((q) => format(q)).join(", ")} says what counts, not a target`);
    const form = parts.statedChange ? "stated change" : "no number";
    return { form, result: withoutNumber(parts.main, parts, s.reasons) };
  }
  s.metrics = metrics.length > 0 ? metrics : found.slice(0, 1);
  for (const [name, form] of FORMS) {
    const result = form(s);
    if (result) return { form: name, result };
  }
  /* istanbul ignore next: count to reach always reads */
  return { form: "none", result: notMeasurable("nothing to read") };
}

/**
 * Reads the metric of a key-result sentence: its type, baseline, target, unit and any stated
 * current value, with a confidence and the reason. Total: any string gives a result.
 */
export function parseKeyResult(text: string): ParsedKeyResult {
  return readKeyResult(text).result;
}
