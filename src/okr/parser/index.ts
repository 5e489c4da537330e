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
 * forms give), `forms/` (one module per group of sentence forms, and `FORMS` in `forms/index`) and
 * `withoutNumber` (a sentence with no number to read). This module reads a sentence with them.
 */
import type { ParsedKeyResult, Sentence } from "./types";
import { DELIVERED_STATE, PERIOD_OF, VAGUE } from "./words";
import { format, isDuration, quantities } from "./quantities";
import { unitBefore } from "./units";
import { verbDirection } from "./direction";
import { parentheticals } from "./parentheticals";
import { cleanKeyResultText, prepare } from "./prepare";
import { notMeasurable } from "./readings";
import { multiplierForm } from "./forms/multiplier";
import { zeroForm } from "./forms/zero";
import { FORMS } from "./forms";
import { withoutNumber } from "./withoutNumber";
export { AMBIGUOUS_BELOW, type ParsedKeyResult } from "./types";
export { CONFIDENCE } from "./confidence";
export { cleanKeyResultText } from "./prepare";
export { wordingDirection } from "./direction";
export { FORMS } from "./forms";

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
    // "Escalations to engineering: < 5/wk": a rate written with its period only takes the noun
    // named before it.
    if (q.unit !== null && /^\/\p{L}/u.test(q.unit)) {
      const named = unitBefore(parts.main, q);
      return named === null || named.endsWith(q.unit)
        ? q
        : { ...q, unit: `${named}${q.unit}`, unitBefore: true };
    }
    if (q.unit !== null || q.seconds !== null || q.isScale || q.isCondition) return q;
    const before = unitBefore(parts.main, q);
    if (before === null) return q;
    // "Increase trial signups to at least 300 per week", "downloads … to 2M/month": the period
    // after the number is the rate's.
    const period = before.includes("/")
      ? null
      : /^(?:\s*(?:per|a|an|each|every)\s+|\/)(day|week|month|quarter|year)\b/i.exec(
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
