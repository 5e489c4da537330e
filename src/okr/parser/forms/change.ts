/** The sentence forms of a change: "by 20%", "by $2M", "Grow revenue 20% m/m". */
import type { Form } from "../types";
import { CONFIDENCE } from "../confidence";
import { MAX_UNIT_WORDS, MEASURE_NOUNS, SCALE_WORDS, STOP_WORDS } from "../words";
import { tidy, words } from "../text";
import { format, inUnitOf, sameKind } from "../quantities";
import { numberOfPhrase } from "../units";
import { directionBefore } from "../direction";
import { reading } from "../readings";
import { extraMetrics } from "../doubts";
import { primaryOf } from "../sentence";

/** A change per period after the number: "10% m/m", "5% per week", "3% month over month". */
const PER_PERIOD_CHANGE =
  "m\\/m|mom|month over month|month-over-month|w\\/w|wow|week over week|week-over-week|q\\/q|qoq|quarter over quarter|quarter-over-quarter|y\\/y|yoy|year over year|year-over-year|(?:per|a|each|every)\\s+(?:day|week|month|quarter|year)|per annum|p\\.a\\.|daily|weekly|monthly|quarterly|yearly|annually";

/** The period of a change written after it ("10% m/m" is "/month"), or "". */
function periodOfChange(after: string): string {
  const match = new RegExp(`^\\s*(?:${PER_PERIOD_CHANGE})\\b`, "i").exec(after);
  if (!match) return "";
  const text = match[0].trim().toLowerCase();
  if (/^(?:m|mom|month)|\bmonth|monthly/.test(text)) return "/month";
  if (/^(?:w|wow|week)|\bweek|weekly/.test(text)) return "/week";
  if (/^(?:q|qoq|quarter)|\bquarter|quarterly/.test(text)) return "/quarter";
  if (/^(?:y|yoy|year)|\byear|yearly|annually|annum|p\.a\./.test(text)) return "/year";
  if (/\bday|daily/.test(text)) return "/day";
  return "";
}

/** 4. "by 20%" / "by $2M": a change relative to the current value, or from 0 when none is stated. */
export const changeForm: Form = (s) => {
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
      : (noun ??
        (counted === "" && !down ? objectBeforeBy(s.main.slice(0, primary.start)) : null) ??
        `${counted} ${down ? "reduction" : "increase"}`.trim());
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
export const periodChangeForm: Form = (s) => {
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

/**
 * "Grow paid seats by 2,000": what the verb changes, when the number after "by" has no unit of
 * its own and the object is a plain noun phrase that is not a measure ("Grow revenue by 20,000"
 * keeps no unit).
 */
function objectBeforeBy(before: string): string | null {
  const all = words(before.replace(/\s+by\s*$/i, ""));
  const object = all.slice(1).filter((word) => !/^(?:the|our|its|their)$/i.test(word));
  if (
    object.length === 0 ||
    object.length > MAX_UNIT_WORDS ||
    !object.every((word) => /^[\p{L}][\p{L}-]*$/u.test(word) && !STOP_WORDS.has(word.toLowerCase()))
  )
    return null;
  const unit = object.join(" ");
  return MEASURE_NOUNS.test(unit) ? null : unit;
}
