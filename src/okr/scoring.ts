import { invalidValue, missingValue } from "./errors";
import {
  DISPLAY_DECIMALS,
  GREEN_FROM,
  HEALTH,
  HEALTH_CONCERNING_BELOW,
  HEALTH_IDEAL_FROM,
  HEALTH_IDEAL_UP_TO,
  HEALTH_STRONG_UP_TO,
  type Health,
  MILESTONE_DONE_WORDS,
  MILESTONE_GRADE,
  MILESTONE_NOT_DONE_WORDS,
  OKR_KINDS,
  type OkrKind,
  PACE,
  PACE_BEHIND_UP_TO,
  type Pace,
  RED_BELOW,
  STATUS,
  type Status,
} from "./thresholds";
import {
  clamp,
  describe,
  isEmpty,
  isoFromSerial,
  roundTo,
  toDateSerial,
  todaySerial,
  toNumber,
} from "./values";

/**
 * The scoring engine: the framework's "OKR Scoring Guide" as functions of single values. Each
 * returns its result, `null` for a pending key result (no actual yet), or throws an `OkrError`
 * whose message says what is wrong. The worksheet functions and the Node library both call these.
 */

export const KEY_RESULT_TYPES = [
  "increase",
  "decrease",
  "maintain-above",
  "maintain-below",
  "milestone",
] as const;
export type KeyResultType = (typeof KEY_RESULT_TYPES)[number];

/** A key-result type as people write it ("Maintain Below", "maintain_below"), or null. */
export function keyResultTypeNamed(text: string): KeyResultType | null {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return (KEY_RESULT_TYPES as readonly string[]).includes(name) ? (name as KeyResultType) : null;
}

/** An objective's kind as people write it ("Committed"), or null. */
export function okrKindNamed(text: string): OkrKind | null {
  const name = text.trim().toLowerCase();
  return (OKR_KINDS as readonly string[]).includes(name) ? (name as OkrKind) : null;
}

/** Reads a key-result type; `null` when it is empty and must be inferred. */
export function toKeyResultType(value: unknown): KeyResultType | null {
  if (isEmpty(value)) return null;
  if (typeof value === "string") {
    const named = keyResultTypeNamed(value);
    if (named !== null) return named;
  }
  throw invalidValue(`type must be one of ${KEY_RESULT_TYPES.join(", ")}; got ${describe(value)}`);
}

const MILESTONE_DONE = new Set<string>([...MILESTONE_DONE_WORDS, "1"]);
const MILESTONE_NOT_DONE = new Set<string>([...MILESTONE_NOT_DONE_WORDS, "0"]);

/**
 * A milestone's actual: TRUE, 1 and the done words → 1; FALSE, 0 and the not-done words → 0; a
 * number from 0 to 1 → itself (a hand grade of partial credit, MILESTONE_GRADE).
 */
function milestoneProgress(actual: unknown): number {
  if (typeof actual === "boolean") return actual ? 1 : 0;
  if (typeof actual === "number" && actual >= MILESTONE_GRADE.min && actual <= MILESTONE_GRADE.max)
    return actual;
  if (typeof actual === "string") {
    const text = actual.trim().toLowerCase().replace(/\s+/g, " ");
    if (MILESTONE_DONE.has(text)) return 1;
    if (MILESTONE_NOT_DONE.has(text)) return 0;
  }
  throw invalidValue(
    `a milestone's actual must be TRUE or FALSE, 1 or 0, done or not done, yes or no, or a grade from ${MILESTONE_GRADE.min} to ${MILESTONE_GRADE.max}; got ${describe(actual)}`
  );
}

function requiredTarget(target: unknown): number {
  if (isEmpty(target)) throw missingValue("target is missing");
  return toNumber("target", target);
}

/**
 * Progress toward the target, unclamped: 96% against 88% → 95% is 1.14. `null` while the key
 * result is pending (no actual) and for a row with no baseline, target and actual at all, so that
 * one formula can cover a column with blank rows below the data.
 */
export function progress(
  baseline: unknown,
  target: unknown,
  actual: unknown,
  type?: unknown
): number | null {
  const declared = toKeyResultType(type);
  if (isEmpty(baseline) && isEmpty(target) && isEmpty(actual)) return null;

  const kind: KeyResultType | "inferred" =
    declared ?? (isEmpty(baseline) && isEmpty(target) ? "milestone" : "inferred");
  if (kind === "milestone") return isEmpty(actual) ? null : milestoneProgress(actual);

  const goal = requiredTarget(target);
  if (kind === "maintain-above" || kind === "maintain-below") {
    if (isEmpty(actual)) return null;
    const value = toNumber("actual", actual);
    return (kind === "maintain-above" ? value >= goal : value <= goal) ? 1 : 0;
  }

  // increase, decrease, or inferred from the numbers; a missing baseline counts as 0.
  const start = isEmpty(baseline) ? 0 : toNumber("baseline", baseline);
  if (goal === start) throw invalidValue(`target equals baseline (${describe(goal)})`);
  if (kind === "increase" && goal < start) {
    throw invalidValue(
      `type is increase but target (${describe(goal)}) is below baseline (${describe(start)})`
    );
  }
  if (kind === "decrease" && goal > start) {
    throw invalidValue(
      `type is decrease but target (${describe(goal)}) is above baseline (${describe(start)})`
    );
  }
  if (isEmpty(actual)) return null;
  const value = toNumber("actual", actual);
  let made = value - start;
  let span = goal - start;
  // The difference of two finite numbers can overflow (from -1.7e308 to 1.7e308) while their
  // ratio is small: then the three are halved first, which is exact for numbers that large.
  if (!Number.isFinite(made) || !Number.isFinite(span)) {
    made = value / 2 - start / 2;
    span = goal / 2 - start / 2;
  }
  const result = made / span;
  if (!Number.isFinite(result)) {
    throw invalidValue(
      `progress is too large to compute: target (${describe(goal)}) is too close to baseline (${describe(start)}) for actual ${describe(value)}`
    );
  }
  // -0 (an actual of -0 at a baseline of 0) is shown and compared as 0.
  return result === 0 ? 0 : result;
}

/** Score on the 0.0–1.0 scale: progress clamped to [0, 1]; `null` while pending. */
export function score(
  baseline: unknown,
  target: unknown,
  actual: unknown,
  type?: unknown
): number | null {
  const value = progress(baseline, target, actual, type);
  return value === null ? null : clamp(value, 0, 1);
}

/**
 * A number as a person sees it, rounded to DISPLAY_DECIMALS. From 2^52 on every number is whole,
 * so it is its own rounding (and scaling it to round would overflow near 1e308).
 */
function shown(value: number): number {
  return Math.abs(value) >= 2 ** 52 ? value : roundTo(value, DISPLAY_DECIMALS);
}

function threshold(name: string, value: unknown, fallback: number): number {
  return isEmpty(value) ? fallback : toNumber(name, value);
}

/**
 * Traffic light from the score rounded to 2 decimals (what a person sees): Red below 0.40,
 * Yellow from 0.40 to below 0.70, Green from 0.70; an empty score is Pending.
 */
export function status(score: unknown, redBelow?: unknown, greenFrom?: unknown): Status {
  const red = threshold("red_below", redBelow, RED_BELOW);
  const green = threshold("green_from", greenFrom, GREEN_FROM);
  if (!(red >= 0 && red <= green && green <= 1)) {
    throw invalidValue(
      `thresholds must satisfy 0 ≤ red_below ≤ green_from ≤ 1 on the 0–1 scale; got red_below ${describe(red)} and green_from ${describe(green)}`
    );
  }
  if (isEmpty(score)) return STATUS.pending;
  const rounded = shown(toNumber("score", score));
  if (rounded < red) return STATUS.red;
  return rounded >= green ? STATUS.green : STATUS.yellow;
}

/**
 * An objective's score: the weighted mean of its key results' scores (weight 1 by default, also
 * for an empty weight). Pending scores are left out; with none scored the grade is `null`.
 * `scoreList` is a list of scores, or rows of them as a range arrives (nested lists are read in
 * order); `weightList`, when given, holds one weight per score in the same order.
 */
export function grade(
  scoreList: readonly unknown[],
  weightList?: readonly unknown[] | null
): number | null {
  // A range arrives as rows of cells; a list is a list. Either way, one value per key result.
  const scores = valuesOf("scores", scoreList);
  const weights =
    weightList === null || weightList === undefined ? null : valuesOf("weights", weightList);
  if (weights && weights.length !== scores.length) {
    throw invalidValue(
      `weights must match scores one for one: ${scores.length} scores, ${weights.length} weights`
    );
  }
  const values: number[] = [];
  const weighting: number[] = [];
  let largest = 0;
  scores.forEach((raw, index) => {
    const position = index + 1;
    const rawWeight = weights ? weights[index] : undefined;
    const weight = isEmpty(rawWeight) ? 1 : toNumber(`weight ${position}`, rawWeight);
    if (weight < 0) throw invalidValue(`weight ${position} is negative (${describe(weight)})`);
    if (isEmpty(raw)) return;
    const value = toNumber(`score ${position}`, raw);
    if (value < 0 || value > 1)
      throw invalidValue(`score ${position} (${describe(value)}) is outside 0–1`);
    values.push(value);
    weighting.push(weight);
    largest = Math.max(largest, weight);
  });
  if (values.length === 0) return null;
  if (largest === 0) throw invalidValue("the weights of the scored key results add up to 0");
  // Weights are divided by a power of two near the largest one before they are summed, so that
  // no sum overflows (two weights of 1e308) and tiny weights (5e-324) keep their precision.
  // Dividing by a power of two is exact: at ordinary magnitudes the result is what the plain
  // sum gives, bit for bit.
  const scale = 2 ** Math.min(1023, Math.floor(Math.log2(largest)));
  let weighted = 0;
  let total = 0;
  let lowest = 1;
  let highest = 0;
  values.forEach((value, index) => {
    const weight = weighting[index] / scale;
    weighted += weight * value;
    total += weight;
    lowest = Math.min(lowest, value);
    highest = Math.max(highest, value);
  });
  // A mean lies between its values; rounding must not carry it a unit past them.
  return clamp(weighted / total, lowest, highest);
}

/**
 * The values of a list, nested lists read in order (a range arrives as rows of cells), a hole
 * read as an empty cell. Anything but a list, and a list that holds itself, is an OkrError.
 */
function valuesOf(name: string, list: unknown): unknown[] {
  if (list === null || list === undefined)
    throw missingValue(`${name} is missing: pass a list of ${name}`);
  if (!Array.isArray(list))
    throw invalidValue(`${name} must be a list of ${name}; got ${describe(list)}`);
  const values: unknown[] = [];
  // Depth first with a stack of its own, not recursion: nesting depth cannot exhaust the call
  // stack, and a list that holds itself is found rather than followed forever.
  const open = new Set<unknown[]>([list]);
  const stack: { items: unknown[]; next: number }[] = [{ items: list, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.items.length) {
      open.delete(top.items);
      stack.pop();
      continue;
    }
    const item = top.items[top.next];
    top.next += 1;
    if (!Array.isArray(item)) {
      values.push(item);
      continue;
    }
    if (open.has(item)) throw invalidValue(`${name} is a list that holds itself`);
    open.add(item);
    stack.push({ items: item, next: 0 });
  }
  return values;
}

function toKind(value: unknown): OkrKind {
  if (isEmpty(value)) return "aspirational";
  if (typeof value === "string") {
    const named = okrKindNamed(value);
    if (named !== null) return named;
  }
  throw invalidValue(`kind must be ${OKR_KINDS.join(" or ")}; got ${describe(value)}`);
}

/**
 * Plan health from an average score (rounded to 2 decimals): Concerning below 0.5, Below target
 * below 0.7, Ideal to 0.8, Strong to 0.9, Too easy above — except that a committed OKR is expected
 * to reach 1.0, so above 0.8 it is Strong, never Too easy.
 */
export function health(average: unknown, kind?: unknown): Health | null {
  const okrKind = toKind(kind);
  if (isEmpty(average)) return null;
  const rounded = shown(toNumber("average", average));
  if (rounded < 0 || rounded > 1)
    throw invalidValue(`average (${describe(rounded)}) is outside 0–1`);
  if (rounded < HEALTH_CONCERNING_BELOW) return HEALTH.concerning;
  if (rounded < HEALTH_IDEAL_FROM) return HEALTH.belowTarget;
  if (rounded <= HEALTH_IDEAL_UP_TO) return HEALTH.ideal;
  if (rounded <= HEALTH_STRONG_UP_TO || okrKind === "committed") return HEALTH.strong;
  return HEALTH.tooEasy;
}

export interface PaceDetails {
  /** Share of the period elapsed on `asOf`, 0–1, by whole days. */
  expected: number;
  /** Progress as `progress()` computes it. */
  progress: number;
  /** expected − progress, rounded to 2 decimals. */
  gap: number;
  pace: Pace;
}

/**
 * Whether a key result keeps pace with its period: expected progress grows linearly by days from
 * the start (0) to the end (1); gap = expected − progress; gap ≤ 0 On track, up to 0.25 Behind,
 * above 0.25 At risk. `asOf` defaults to today. `null` while pending.
 */
export function paceDetails(
  baseline: unknown,
  target: unknown,
  actual: unknown,
  start: unknown,
  end: unknown,
  asOf?: unknown,
  type?: unknown
): PaceDetails | null {
  if (isEmpty(baseline) && isEmpty(target) && isEmpty(actual)) {
    toKeyResultType(type);
    return null;
  }
  if (isEmpty(start)) throw missingValue("start is missing");
  if (isEmpty(end)) throw missingValue("end is missing");
  const first = Math.floor(toDateSerial("start", start));
  const last = Math.floor(toDateSerial("end", end));
  if (last <= first)
    throw invalidValue(`end (${isoFromSerial(last)}) is not after start (${isoFromSerial(first)})`);
  const day = Math.floor(isEmpty(asOf) ? todaySerial() : toDateSerial("as_of", asOf));

  const made = progress(baseline, target, actual, type);
  if (made === null) return null;
  const expected = clamp((day - first) / (last - first), 0, 1);
  const gap = shown(expected - made);
  const pace = gap <= 0 ? PACE.onTrack : gap <= PACE_BEHIND_UP_TO ? PACE.behind : PACE.atRisk;
  return { expected, progress: made, gap, pace };
}

/** The pace label alone: On track, Behind or At risk; `null` while pending. */
export function pace(
  baseline: unknown,
  target: unknown,
  actual: unknown,
  start: unknown,
  end: unknown,
  asOf?: unknown,
  type?: unknown
): Pace | null {
  return paceDetails(baseline, target, actual, start, end, asOf, type)?.pace ?? null;
}
