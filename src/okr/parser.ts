import type { KeyResultType } from "./scoring";

/**
 * The key-result parser: reads the metric out of a sentence such as "Reduce average response time
 * from 5 minutes to 30 seconds". It never guesses silently: what it read, and any doubt, is said in
 * `reason`, and a reading it is unsure of gets a confidence below 0.5.
 */

/** What `parseKeyResult` reads out of a key-result sentence. */
export interface ParsedKeyResult {
  /** False when the sentence has no metric to score. */
  measurable: boolean;
  type: KeyResultType | null;
  baseline: number | null;
  target: number | null;
  unit: string | null;
  /** A current value the sentence states ("(Current: 72%)"), in the target's unit. */
  current: number | null;
  /** 0–1: how sure the reading is. Below 0.5 means ambiguous: check it. */
  confidence: number;
  /** What was read and why, in a sentence a person can check. */
  reason: string;
}

/** Below this confidence a reading is ambiguous and should be checked by a person. */
export const AMBIGUOUS_BELOW = 0.5;

type Bound = "at-least" | "at-most" | null;

/** A number found in the text, with what surrounds it. */
interface Quantity {
  value: number;
  /** "%", "$", "€", "£", a duration ("minutes"), a noun phrase ("images/hour"), or null. */
  unit: string | null;
  /** Seconds per unit, for a duration that can be converted. */
  seconds: number | null;
  bound: Bound;
  /** "5 new markets", "3 additional languages". */
  isNew: boolean;
  /** Preceded by "by": a change rather than a level ("by 20%", "by $2M"). */
  isChange: boolean;
  /** What the text says, for messages. */
  shown: string;
  start: number;
  end: number;
}

const UP_VERBS = new Set([
  "increase",
  "grow",
  "raise",
  "reach",
  "achieve",
  "expand",
  "boost",
  "gain",
  "generate",
  "double",
  "triple",
]);
const DOWN_VERBS = new Set([
  "reduce",
  "cut",
  "decrease",
  "lower",
  "shorten",
  "minimize",
  "minimise",
  "eliminate",
  "drop",
  "decline",
  "halve",
]);
const KEEP_VERBS = new Set(["maintain", "keep", "sustain", "hold", "preserve", "stay"]);

type Direction = "up" | "down" | "keep" | null;

const DURATIONS: Record<string, { unit: string; seconds: number }> = {};
for (const [unit, seconds, spellings] of [
  ["milliseconds", 0.001, ["ms", "millisecond", "milliseconds"]],
  ["seconds", 1, ["s", "sec", "secs", "second", "seconds"]],
  ["minutes", 60, ["min", "mins", "minute", "minutes"]],
  ["hours", 3600, ["h", "hr", "hrs", "hour", "hours"]],
  ["days", 86_400, ["day", "days"]],
  ["weeks", 604_800, ["week", "weeks"]],
  ["months", 2_629_800, ["month", "months"]],
  ["years", 31_557_600, ["year", "years"]],
] as const) {
  for (const spelling of spellings) DURATIONS[spelling] = { unit, seconds };
}

const RATE_WORDS: Record<string, string> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  annually: "year",
  yearly: "year",
  hourly: "hour",
};

/** Words that end a unit phrase: "10 data science teams | to deploy …". */
const STOP_WORDS = new Set([
  "of",
  "to",
  "with",
  "for",
  "in",
  "on",
  "by",
  "through",
  "across",
  "covering",
  "using",
  "from",
  "and",
  "or",
  "that",
  "which",
  "without",
  "within",
  "at",
  "as",
  "via",
  "into",
  "over",
  "under",
  "below",
  "above",
  "than",
  "the",
  "a",
  "an",
  "per",
  "while",
  "so",
  "this",
  "these",
  "their",
  "our",
  "its",
  "is",
  "are",
  "be",
  "will",
  "enabled",
  "generating",
  "serving",
  "comparing",
  "saving",
  "including",
  "powered",
]);
/** -ing words that are nouns in a unit ("concurrent model training jobs"). */
const ING_NOUNS = new Set([
  "training",
  "learning",
  "engineering",
  "processing",
  "marketing",
  "pricing",
  "onboarding",
]);
const CHANGE_WORDS: Record<string, "reduction" | "increase"> = {
  reduction: "reduction",
  decrease: "reduction",
  savings: "reduction",
  saving: "reduction",
  improvement: "increase",
  increase: "increase",
  growth: "increase",
};
const LEVEL_METRICS = /\b(uptime|availability|sla)\b/i;
const MAX_UNIT_WORDS = 4;

// A number: not glued to a letter or digit before it (D365, Q4, the 3 of "2-3"), with an optional
// minus sign, thousands separators or decimals, an optional K/M/B suffix not followed by a letter,
// and an optional %, + or ×.
const NUMBER =
  /(?<![\p{L}\p{N}_.,])([$€£])?\s?((?:(?<![\p{L}\p{N}_.,-])[-−])?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:(?<![\p{L}\p{N}_.,-])[-−])?\d+(?:\.\d+)?|\.\d+)(?:\s?([kKmMbB])(?![\p{L}\p{N}]))?(\s?%)?(\+)?/gu;
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
const BOUND_BEFORE: [RegExp, Bound][] = [
  [
    /(?:≥|>=|>|\bat least|\bover|\bmore than|\babove|\bexceeding|\bminimum(?: of)?)\s*$/i,
    "at-least",
  ],
  [
    /(?:≤|<=|<|\bunder|\bbelow|\bless than|\bwithin|\bat most|\bno more than|\bmaximum(?: of)?|\bbelow)\s*$/i,
    "at-most",
  ],
];

function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** Reads the unit phrase that follows a number: "minutes", "images/hour", "data science teams". */
function unitAfter(rest: string): {
  unit: string | null;
  seconds: number | null;
  isNew: boolean;
  change: "reduction" | "increase" | null;
} {
  const tokens = words(rest.replace(/^[\s:]+/, "")).slice(0, MAX_UNIT_WORDS + 6);
  let isNew = false;
  let index = 0;
  if (tokens[0] && /^(new|additional|more|extra)$/i.test(tokens[0])) {
    isNew = true;
    index = 1;
  }
  const first = (tokens[index] ?? "").toLowerCase().replace(/[.,;:!?)]+$/, "");
  const duration = DURATIONS[first];
  if (duration) {
    // "30 seconds per interaction" stays a duration (convertible); "hours/year" is a rate.
    let unit: string = duration.unit;
    for (let at = index + 1; /^per$/i.test(tokens[at] ?? ""); at += 2) {
      const per = (tokens[at + 1] ?? "").replace(/[.,;:!?)]+$/, "");
      if (!/^[\p{L}]+$/u.test(per)) break;
      unit += `/${per}`;
    }
    return { unit, seconds: duration.seconds, isNew, change: null };
  }
  const phrase: string[] = [];
  let ended = false;
  for (; index < tokens.length && phrase.length < MAX_UNIT_WORDS; index++) {
    const raw = tokens[index];
    const word = raw.replace(/[.,;:!?)]+$/, "");
    const lower = word.toLowerCase();
    if (!/^[\p{L}][\p{L}\p{N}\-/&']*$/u.test(word) || STOP_WORDS.has(lower) || word === "") break;
    if (lower.endsWith("ing") && !ING_NOUNS.has(lower)) break;
    if (phrase.length > 0 && lower.endsWith("ed")) break;
    if (RATE_WORDS[lower]) {
      if (phrase.length > 0) phrase[phrase.length - 1] += `/${RATE_WORDS[lower]}`;
      ended = true;
      index++;
      break;
    }
    phrase.push(word);
    if (raw !== word) {
      ended = true;
      index++;
      break;
    }
  }
  // "per hour", "per employee per week"
  while (!ended && phrase.length > 0 && /^per$/i.test(tokens[index] ?? "") && tokens[index + 1]) {
    const next = tokens[index + 1].replace(/[.,;:!?)]+$/, "");
    if (!/^[\p{L}]+$/u.test(next)) break;
    phrase[phrase.length - 1] += `/${next}`;
    index += 2;
  }
  return { unit: phrase.length > 0 ? phrase.join(" ") : null, seconds: null, isNew, change: null };
}

function changeWordAfter(rest: string): "reduction" | "increase" | null {
  for (const word of words(rest).slice(0, 5)) {
    const change = CHANGE_WORDS[word.toLowerCase().replace(/[.,;:!?)]+$/, "")];
    if (change) return change;
  }
  return null;
}

/** Every number in `text` that reads as a metric, with its unit and bound. */
function quantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const [whole, currency, digits, suffix, percent, plus] = match;
    const start = match.index ?? 0;
    const end = start + whole.length;
    // A window, not the rest of the text: a unit is a few words, and long texts stay linear.
    const after = text.slice(end, end + 160);
    // Not a metric: 360°, 3D, 5G, a year, "A/B", a version.
    if (/^[°\p{L}]/u.test(after) && !/^(ms|s|h|x)\b/i.test(after)) continue;
    if (/^[-–]?degree/i.test(after)) continue;
    let value = Number(digits.replace(/,/g, "").replace("−", "-"));
    if (!Number.isFinite(value)) continue;
    if (
      !currency &&
      !percent &&
      !suffix &&
      /^(19|20)\d\d$/.test(digits) &&
      !/^\s*\p{L}/u.test(after)
    )
      continue;
    if (suffix) value *= MULTIPLIERS[suffix.toLowerCase()];
    let bound: Bound = plus ? "at-least" : null;
    const before = text.slice(Math.max(0, start - 20), start);
    for (const [pattern, kind] of BOUND_BEFORE) if (pattern.test(before)) bound = kind;
    const isChange = /\bby\s*$/i.test(before);
    let unit: string | null = null;
    let seconds: number | null = null;
    let isNew = false;
    if (percent) {
      unit = "%";
      const change = changeWordAfter(after);
      if (change && !isChange) unit = `% ${change}`;
    } else if (currency) {
      unit = currency;
    } else {
      // "100ms", "2h": a unit glued to the number.
      const glued = /^(ms|s|h)\b/i.exec(after);
      const read = unitAfter(glued ? `${glued[1]} ${after.slice(glued[0].length)}` : after);
      unit = read.unit;
      seconds = read.seconds;
      isNew = read.isNew;
    }
    found.push({
      value: tidy(value),
      unit,
      seconds,
      bound,
      isNew,
      isChange,
      shown: whole.trim(),
      start,
      end,
    });
  }
  return found;
}

function format(quantity: Pick<Quantity, "value" | "unit">): string {
  const value = quantity.value.toLocaleString("en-US", { maximumFractionDigits: 6 });
  const unit = quantity.unit;
  if (unit === null) return value;
  if (/^[$€£]$/.test(unit)) return `${unit}${value}`;
  if (unit.startsWith("%")) return `${value}${unit}`;
  const [head, ...rest] = unit.split("/");
  const singular = quantity.value === 1 && DURATIONS[head] ? head.replace(/s$/, "") : head;
  return `${value} ${[singular, ...rest].join("/")}`;
}

/** Converts a duration into another duration's unit ("5 minutes" into seconds: 300). */
function inUnitOf(quantity: Quantity, target: Quantity): number {
  const per = (q: Quantity) => (q.unit ?? "").split("/").slice(1).join("/");
  const comparable = per(quantity) === per(target) || per(quantity) === "" || per(target) === "";
  if (
    quantity.seconds !== null &&
    target.seconds !== null &&
    quantity.seconds !== target.seconds &&
    comparable
  ) {
    return tidy((quantity.value * quantity.seconds) / target.seconds);
  }
  return quantity.value;
}

function sameKind(a: Quantity, b: Quantity): boolean {
  if (a.seconds !== null && b.seconds !== null) return true;
  return a.unit === b.unit || a.unit === null || b.unit === null;
}

function verbDirection(text: string): { direction: Direction; verb: string | null } {
  const first = (words(text)[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  if (UP_VERBS.has(first)) return { direction: "up", verb: first };
  if (DOWN_VERBS.has(first)) return { direction: "down", verb: first };
  if (KEEP_VERBS.has(first)) return { direction: "keep", verb: first };
  return { direction: null, verb: first || null };
}

/**
 * Which way the sentence's verb points: "up" (increase, grow, raise, reach, achieve, …), "down"
 * (reduce, cut, decrease, lower, shorten, …), "keep" (maintain, keep, …), or null.
 */
export function wordingDirection(text: string): {
  direction: "up" | "down" | "keep" | null;
  verb: string | null;
} {
  return verbDirection(cleanKeyResultText(typeof text === "string" ? text : ""));
}

interface Parentheticals {
  main: string;
  current: Quantity | null;
  fromTo: [Quantity, Quantity] | null;
  points: number | null;
  timesCurrent: number | null;
  statedChange: number | null;
  others: string[];
}

/** Takes the parentheses apart: "(Current: 72%)", "(from 2 minutes to 30 seconds)", "(+20 points)". */
function parentheticals(text: string): Parentheticals {
  const result: Parentheticals = {
    main: text,
    current: null,
    fromTo: null,
    points: null,
    timesCurrent: null,
    statedChange: null,
    others: [],
  };
  const remove: [number, number][] = [];
  for (const match of text.matchAll(/\(([^()]*)\)/g)) {
    const inner = match[1].trim();
    const start = match.index ?? 0;
    remove.push([start, start + match[0].length]);
    const current = /^current(?:ly)?\s*:?\s*(.+)$/i.exec(inner);
    const points = /^\+\s*(\d+(?:\.\d+)?)\s*(?:points?|pts|percentage points|pp)\b/i.exec(inner);
    const times = /^(\d+(?:\.\d+)?)\s*[x×]\s+(?:the\s+)?current\b/i.exec(inner);
    const change =
      /^(\d+(?:\.\d+)?)\s*%\s*(?:reduction|improvement|increase|decrease|faster|less|fewer|more)\b/i.exec(
        inner
      );
    const pair = fromToIn(inner);
    if (current && quantities(current[1]).length > 0) result.current = quantities(current[1])[0];
    else if (points) result.points = Number(points[1]);
    else if (times) result.timesCurrent = Number(times[1]);
    else if (change) result.statedChange = Number(change[1]);
    else if (pair) result.fromTo = pair;
    else if (inner.length > 0 && !/^(?:target|goal)$/i.test(inner)) result.others.push(inner);
  }
  let main = text;
  for (const [start, end] of remove.reverse()) main = `${main.slice(0, start)} ${main.slice(end)}`;
  result.main = main.replace(/\s+/g, " ").trim();
  return result;
}

/** "from 5 minutes to 30 seconds", "4.2 to 2.5". */
function fromToIn(text: string, found: Quantity[] = quantities(text)): [Quantity, Quantity] | null {
  for (let i = 0; i + 1 < found.length; i++) {
    const between = text.slice(found[i].end, found[i + 1].start);
    if (/^\s*(?:to|→|->|–|-)\s*$/i.test(between) || /^\s*\p{L}*\s*to\s*$/iu.test(between)) {
      const before = text.slice(Math.max(0, found[i].start - 6), found[i].start);
      if (/from\s*$/i.test(before) || /^\s*(?:to|→|->)\s*$/i.test(between))
        return [found[i], found[i + 1]];
    }
  }
  return null;
}

function reading(
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

function notMeasurable(reason: string): ParsedKeyResult {
  return {
    measurable: false,
    type: null,
    baseline: null,
    target: null,
    unit: null,
    current: null,
    confidence: 0.9,
    reason,
  };
}

/** Strips list markers, checkboxes, emphasis and status marks from a sentence. */
export function cleanKeyResultText(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s*)?/u, "")
    .replace(/[✅❌🟢🟡🔴⚪⬜☑✔]\uFE0F?/gu, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|\s)[*_](\S[^*_]*\S|\S)[*_](?=\s|$|[.,;:])/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Reads the metric of a key-result sentence: its type, baseline, target, unit and any stated
 * current value, with a confidence and the reason. Total: any string gives a result.
 */
export function parseKeyResult(text: string): ParsedKeyResult {
  const sentence = cleanKeyResultText(typeof text === "string" ? text : String(text));
  if (sentence === "") return notMeasurable("empty: there is no key result to read");
  const parts = parentheticals(sentence);
  const { direction, verb } = verbDirection(parts.main);
  const found = quantities(parts.main);
  const reasons: string[] = [];
  const current = parts.current;

  if (/\bzero\b/i.test(parts.main) && !found.some((q) => q.value === 0)) {
    const at = parts.main.search(/\bzero\b/i);
    const unit = unitAfter(parts.main.slice(at + 4)).unit;
    found.unshift({
      value: 0,
      unit,
      seconds: null,
      bound: "at-most",
      isNew: false,
      isChange: false,
      shown: "zero",
      start: at,
      end: at + 4,
    });
  }

  if (found.length === 0 && !parts.fromTo) {
    return notMeasurable(
      "no number in the sentence, so nothing to measure as written: add a target (a number to reach) or track it as a milestone (done / not done)"
    );
  }

  // 1. "from X to Y" in the sentence, or in parentheses next to "by N%".
  const pair = fromToIn(parts.main, found) ?? parts.fromTo;
  if (pair) {
    const [from, to] = pair;
    const baseline = inUnitOf(from, to);
    const target = to.value;
    const unit = to.unit ?? from.unit ?? (parts.points !== null ? "points" : null);
    const converted =
      from.seconds !== null && from.unit !== to.unit
        ? ` (${format({ value: baseline, unit })})`
        : "";
    reasons.push(`from ${format(from)}${converted} to ${format({ value: target, unit })}`);
    let confidence = parts.fromTo === pair ? 0.8 : 0.95;
    const change = found.find((q) => q.isChange && q.unit === "%");
    if (parts.fromTo === pair && change)
      reasons.push(`the sentence says by ${change.shown}; the numbers in parentheses are used`);
    const stated = parts.statedChange ?? (parts.fromTo === pair && change ? change.value : null);
    if (stated !== null && baseline !== 0) {
      const actualChange = Math.abs((target - baseline) / baseline) * 100;
      if (Math.abs(actualChange - stated) > 5) {
        reasons.push(
          `it also states ${stated}%, but ${format({ value: baseline, unit })} to ${format({ value: target, unit })} is ${tidy(Math.round(actualChange * 10) / 10)}%`
        );
        confidence -= 0.15;
      }
    }
    if (parts.points !== null && Math.abs(Math.abs(target - baseline) - parts.points) > 1e-9) {
      reasons.push(
        `it also states +${parts.points} points, but the change is ${tidy(Math.abs(target - baseline))}`
      );
      confidence -= 0.15;
    }
    if (baseline === target) {
      reasons.push("the target equals the baseline: nothing to score");
      return {
        ...reading(
          { type: null, baseline, target, unit, current: current?.value ?? null },
          0.3,
          reasons
        ),
        measurable: false,
      };
    }
    const type: KeyResultType = target > baseline ? "increase" : "decrease";
    confidence -= directionConflict(direction, verb, type, baseline, target, reasons);
    confidence -= extraMetrics(found, [from, to, ...(change ? [change] : [])], reasons);
    return reading(
      { type, baseline, target, unit, current: current ? inUnitOf(current, to) : null },
      confidence,
      reasons
    );
  }

  // The metric the key result is about: the one in the unit of the stated current value, else the first.
  const primary =
    (current &&
      found.find(
        (q) =>
          !q.isChange &&
          !q.isNew &&
          q.unit !== null &&
          sameKind(q, current) &&
          q.unit === current.unit
      )) ??
    found[0];

  // 2. "by 20%" / "by $2M": a change relative to the current value.
  if (primary.isChange) {
    const down = direction === "down";
    if (current && (primary.unit === "%" || sameKind(primary, current))) {
      const baseline = current.value;
      const amount =
        primary.unit === "%" ? (baseline * primary.value) / 100 : inUnitOf(primary, current);
      const target = tidy(down ? baseline - amount : baseline + amount);
      const unit = current.unit;
      reasons.push(
        `by ${primary.shown} of the current ${format(current)}: ${format({ value: baseline, unit })} to ${format({ value: target, unit })}`
      );
      let confidence = 0.85;
      if (primary.unit === "%" && current.unit === "%") {
        reasons.push(
          `read as relative to the current rate; if percentage points were meant, the target is ${format({ value: tidy(down ? baseline - primary.value : baseline + primary.value), unit })}`
        );
        confidence = 0.7;
      }
      if (direction === null)
        reasons.push(`"${verb ?? ""}" does not say up or down; read as an increase`);
      confidence -= extraMetrics(found, [primary], reasons);
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
    const unit =
      primary.unit === "%"
        ? down
          ? "% reduction"
          : "% increase"
        : `${primary.unit ?? ""} ${down ? "reduction" : "increase"}`.trim();
    reasons.push(
      `by ${primary.shown} with no current value stated: measured as the ${down ? "reduction" : "increase"} achieved, from 0 to ${format({ value: primary.value, unit })}`
    );
    if (parts.others.length > 0)
      reasons.push(`(${parts.others.join("; ")}) is kept in the text, not scored`);
    const confidence = 0.65 - extraMetrics(found, [primary], reasons);
    return reading(
      { type: "increase", baseline: 0, target: primary.value, unit, current: null },
      confidence,
      reasons
    );
  }

  // 3. "5 new markets": relative to the current count.
  if (primary.isNew) {
    if (current) {
      const target = tidy(current.value + primary.value);
      reasons.push(
        `${primary.shown} new on top of the current ${format(current)}: ${format({ value: current.value, unit: primary.unit })} to ${format({ value: target, unit: primary.unit })}`
      );
      const confidence = 0.85 - extraMetrics(found, [primary], reasons);
      return reading(
        {
          type: "increase",
          baseline: current.value,
          target,
          unit: primary.unit,
          current: current.value,
        },
        confidence,
        reasons
      );
    }
    reasons.push(
      `${primary.shown} new ${primary.unit ?? ""}`.trim() +
        ": counted from 0 new; state the current number (Current: N) to aim for N + " +
        primary.shown
    );
    const confidence = 0.7 - extraMetrics(found, [primary], reasons);
    return reading(
      { type: "increase", baseline: 0, target: primary.value, unit: primary.unit, current: null },
      confidence,
      reasons
    );
  }

  const target = primary.value;
  const unit = primary.unit;
  const shownTarget = format(primary);

  // 4. A level to hold: "Maintain 99.9% uptime", "Keep latency under 200 ms", "< 5% hallucination rate", "zero incidents".
  const levelMetric = LEVEL_METRICS.test(parts.main);
  if (
    direction === "keep" ||
    (!current &&
      (primary.bound === "at-most" || (levelMetric && unit === "%" && direction !== "down")))
  ) {
    let type: KeyResultType;
    if (primary.bound === "at-most") {
      type = "maintain-below";
      reasons.push(
        `${primary.shown === "zero" ? "zero" : `at most ${shownTarget}`}: kept at or below ${shownTarget}`
      );
    } else {
      type = "maintain-above";
      reasons.push(
        levelMetric && direction !== "keep"
          ? `${shownTarget} ${levelMetric ? "uptime" : ""}`.trim() +
              ": a level to hold, at or above the target"
          : `kept at or above ${shownTarget}`
      );
    }
    if (direction === "down" && type === "maintain-below")
      reasons.push("no current value stated, so it is read as a ceiling to stay under");
    const confidence =
      (direction === "keep" || primary.bound ? 0.85 : 0.75) -
      extraMetrics(found, [primary], reasons);
    return reading(
      { type, baseline: null, target, unit, current: current ? inUnitOf(current, primary) : null },
      confidence,
      reasons
    );
  }

  // 5. A target with the current value as the baseline: "≥ 85% (Current: 72%)".
  if (current) {
    const baseline = inUnitOf(current, primary);
    reasons.push(
      `the current ${format(current)} is the baseline; target ${primary.bound === "at-least" ? "at least " : primary.bound === "at-most" ? "at most " : ""}${shownTarget}`
    );
    if (baseline === target) {
      reasons.push("the target equals the current value: nothing to score");
      return {
        ...reading({ type: null, baseline, target, unit, current: baseline }, 0.3, reasons),
        measurable: false,
      };
    }
    const type: KeyResultType = target > baseline ? "increase" : "decrease";
    let confidence = 0.9 - directionConflict(direction, verb, type, baseline, target, reasons);
    if (current.unit !== null && unit !== null && !sameKind(current, primary)) {
      reasons.push(`the current value is in ${current.unit} but the target in ${unit}`);
      confidence = 0.4;
    }
    confidence -= extraMetrics(found, [primary], reasons);
    return reading({ type, baseline, target, unit, current: baseline }, confidence, reasons);
  }

  // 6. "1,000+ images per hour (10x current manual capacity)": the baseline is target / 10.
  if (parts.timesCurrent !== null && parts.timesCurrent > 0) {
    const baseline = tidy(target / parts.timesCurrent);
    reasons.push(
      `${parts.timesCurrent}× the current capacity: ${format({ value: baseline, unit })} to ${shownTarget}`
    );
    const confidence = 0.75 - extraMetrics(found, [primary], reasons);
    return reading(
      { type: "increase", baseline, target, unit, current: null },
      confidence,
      reasons
    );
  }

  // 7. A down verb with a target and no baseline: a ceiling to get under.
  if (direction === "down") {
    reasons.push(
      `"${verb}" to ${shownTarget} with no current value stated: read as a ceiling to get under; state the current value to score progress`
    );
    const confidence = 0.45 - extraMetrics(found, [primary], reasons);
    return reading(
      { type: "maintain-below", baseline: null, target, unit, current: null },
      confidence,
      reasons
    );
  }

  // 8. A number to reach, with no baseline: progress counts from 0.
  reasons.push(
    `target ${primary.bound === "at-least" ? "at least " : ""}${shownTarget}; no baseline stated, so progress counts from 0 until one is set`
  );
  const confidence = 0.6 - extraMetrics(found, [primary], reasons);
  return reading(
    { type: "increase", baseline: null, target, unit, current: null },
    confidence,
    reasons
  );
}

/** The verb says one direction and the numbers the other: the numbers win, and the reason says so. */
function directionConflict(
  direction: Direction,
  verb: string | null,
  type: KeyResultType,
  baseline: number,
  target: number,
  reasons: string[]
): number {
  if (
    (direction === "down" && type === "increase") ||
    (direction === "up" && type === "decrease")
  ) {
    reasons.push(
      `the wording says "${verb}" but the target (${tidy(target)}) is ${type === "increase" ? "above" : "below"} the baseline (${tidy(baseline)}); the numbers are used`
    );
    return 0.5;
  }
  return 0;
}

/**
 * A second metric in the same sentence makes the reading ambiguous: the returned penalty brings
 * any confidence below AMBIGUOUS_BELOW.
 */
function extraMetrics(found: Quantity[], used: Quantity[], reasons: string[]): number {
  const others = found.filter((q) => !used.includes(q));
  if (others.length === 0) return 0;
  const listed = others.slice(0, 3).map((q) => format(q));
  if (others.length > 3) listed.push(`and ${others.length - 3} more`);
  reasons.push(
    `a second metric is not scored: ${listed.join(", ")}; split it into its own key result or confirm the first`
  );
  return 0.5;
}
