/**
 * The numbers of a sentence: each with its unit, bound and role; and how a number is shown and
 * compared.
 */
import type { Bound, Quantity } from "./types";
import {
  BYTES,
  CHANGE_WORDS,
  DOWN_VERBS,
  DOWN_WORD,
  DURATIONS,
  DURATION_LIKE,
  GLUED_UNIT,
  IRREGULAR_PARTICIPLES,
  SCALE_WORDS,
  UP_VERBS,
  UP_WORD,
} from "./words";
import { tidy, words } from "./text";
import { unitAfter } from "./units";

// A number: not glued to a letter or digit before it (D365, Q4, the 3 of "2-3"), nor part of a
// reference (#726), with an optional minus sign, thousands separators (, or ') or decimals, an optional
// K/M/B suffix not followed by a letter, and an optional %, + or ×.
const NUMBER =
  /(?<![\p{L}\p{N}_.,#/@-])([$€£]|\b(?:CHF|USD|EUR|GBP|CAD|AUD|NZD|SEK|NOK|DKK|INR)\b)?\s?((?:(?<![\p{L}\p{N}_.,-])[-−])?\d{1,3}(?:[,'’]\d{3})+(?:\.\d+)?|(?:(?<![\p{L}\p{N}_.,-])[-−])?\d+(?:\.\d+)?|\.\d+)(?:\s?(bn|[kKmMbB])(?![\p{L}\p{N}]))?(\s?%)?(\+)?/gu;
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, bn: 1e9 };
const WORD_MULTIPLIERS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};
/** A size before a counted noun: "2h", "30-minute", "5 minute", "10-page". */
const SIZE_BEFORE_NOUN =
  /^\s+(\d+(?:\.\d+)?(?:h|hr|mins?|-?(?:second|minute|min|hour|day|week|page|word|step)|\s(?:second|minute|hour|day|week|page|word|step)))\s+(?=\p{L})/iu;
/** Verbs of making a number of things: "Write 3x … posts" counts posts. */
const MAKING_VERB =
  /^(?:write|create|produce|publish|record|film|build|ship|release|run|host|hold|deliver|make|draft|design)$/i;
/** A period after an amount of money: "p/m", "per month", "a month", "monthly", "p/a". */
const MONEY_PERIOD =
  /^\s*(?:(?:RR|MRR|ARR|recurring revenue|revenue)\s+)?(p\/m|p\.m\.|per month|a month|monthly|p\/a|p\.a\.|a year|yearly|annually|per week|a week|weekly)(?![\p{L}\p{N}])/iu;
/** Durations written glued to their number: "100ms", "2s", "24h", "2d". */
const GLUED_DURATION = /^(ms|s|sec|secs|h|hrs?|d|w|mins?)(?![\p{L}\p{N}])/u;
const BOUND_BEFORE: [RegExp, Bound, boolean][] = [
  [/(?:≥|>=)\s*$/i, "at-least", true],
  [
    /(?:>|\bat[- ]least|\bover|\bmore than|\bgreater than|\babove|\bexceeding|\bminimum(?: of)?|\b(?:no|not|never)\s+(?:fewer|less|lower|smaller|under)(?:\s+th[ae]n)?)\s*$/i,
    "at-least",
    false,
  ],
  [/(?:≤|<=|<)\s*$/i, "at-most", true],
  // "Bring p95 latency down to 300ms": a level to get under.
  [/\bdown\s+to\s*$/i, "at-most", false],
  [
    /(?:\bunder|\bbelow|(?<!\b(?:no|not|never)\s+)\bless than|(?<!\b(?:no|not|never)\s+)\bfewer than|\bwithin|\bat most|\bup to|\bno more than|\bnot (?:more|higher|greater|bigger|over)(?:\s+th[ae]n)?|\bnever (?:more than|above|over|exceeds?|exceeding|higher than|greater than)|\bmaximum(?: of)?)\s*$/i,
    "at-most",
    false,
  ],
  // "must not drop below 35", "never falls under 90%": a floor (after "below" read as a ceiling).
  [
    /\b(?:not|never)\s+(?:drop|drops|fall|falls|go|goes|dip|dips|slip|slips|sink|sinks)\s+(?:below|under)\s*$/i,
    "at-least",
    false,
  ],
];
/** "<metric> of N": the number is the metric's value, not a scope. */
const METRIC_OF =
  /\b(?:score|rating|nps|csat|sus|average|median|mean|rate|level|total|minimum|maximum|target|goal|speed|throughput|coverage|accuracy|uptime|availability|latency|value)\s+of\s+(?:(?:at least|at most|more than|over|under|less than|>|<|≥|≤)\s+)?$/i;
/** A bound after the number: "4.5 or higher", "3 or more", "50 or less", "2 and up". */
const BOUND_AFTER =
  /^\s*(?:or|and)\s+(more|higher|better|greater|above|up|over|less|fewer|lower|below|under)\b/i;
const BOUND_AFTER_UNIT =
  /^\s*[\p{L}][\p{L}-]*(?:\s+[\p{L}][\p{L}-]*)?\s+or\s+(more|higher|greater|above|over|less|fewer|lower|below|under)(?![\p{L}])/iu;
/** Words before a number that make it a scope or condition of the metric, not the metric. */
const CONDITION_BEFORE =
  /\b(?:(?:older|newer|longer|shorter|younger)\s+than|within|in|for|on|across|covering|per|each|every|after|before|during|of|top|with|among|(?:including|excluding)(?:\s+\p{L}+ing)?|from)\s+(?:(?:the|a|an|at least|more than|over|under|less than|up to|>|<|≥|≤)\s+)?$/iu;

/** UP_WORD and DOWN_WORD as a whole word, compiled once (not global: `test` keeps no state). */
const UP_WORD_WHOLE = new RegExp(`^(?:${UP_WORD.source})$`, "i");
const DOWN_WORD_WHOLE = new RegExp(`^(?:${DOWN_WORD.source})$`, "i");

/** A word that says a change, in any form ("increased", "reduced", "grown"). */
function changeWord(word: string): boolean {
  return UP_WORD_WHOLE.test(word) || DOWN_WORD_WHOLE.test(word);
}

function changeWordAfter(rest: string): "reduction" | "increase" | null {
  for (const word of words(rest).slice(0, 5)) {
    const change = CHANGE_WORDS[word.toLowerCase().replace(/[.,;:!?)]+$/, "")];
    if (change) return change;
  }
  return null;
}

/** Every number in `text` that reads as a metric, with its unit and bound. */
export function quantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  // The sentence's first word is a verb that says which way ("Grow", "Reduce").
  const opening = (words(text)[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  const directed = UP_VERBS.has(opening) || DOWN_VERBS.has(opening);
  // Where a number already read as part of a noun phrase ends ("3x 5-minute videos").
  let readUpTo = 0;
  for (const match of text.matchAll(NUMBER)) {
    const [whole, currency, digits, suffix, percent, plus] = match;
    const start = match.index ?? 0;
    if (start < readUpTo) continue;
    let end = start + whole.length;
    // A window, not the rest of the text: a unit is a few words, and long texts stay linear.
    let after = text.slice(end, end + 160);
    // "2-3 weeks": a range; its unit is read after the upper end.
    const range = /^\s?[-–]\s?\d+(?:\.\d+)?(?=\s)/.exec(after);
    if (range) after = after.slice(range[0].length);
    // "10,000", and "10'000" as Swiss and some German writers separate thousands.
    let value = Number(digits.replace(/[,'’]/g, "").replace("−", "-"));
    if (!Number.isFinite(value)) continue;
    const glued = !currency && !percent && !suffix && !plus;
    const gluedUnit = glued ? GLUED_UNIT.exec(after) : null;
    const gluedDuration = glued && !gluedUnit ? GLUED_DURATION.exec(after) : null;
    const gluedTimes = glued ? /^(?:[x×]|[-\s]?fold)(?![\p{L}\p{N}])/iu.exec(after) : null;
    // Not a metric: 360°, 3D, 5G, "A/B", a version.
    if (!gluedUnit && !gluedDuration && !gluedTimes) {
      if (/^[°\p{L}]/u.test(after)) continue;
      if (/^[-–]?degree/i.test(after)) continue;
      if (/^\.\d/.test(after)) continue;
    }
    if (
      !currency &&
      !percent &&
      !suffix &&
      /^(19|20)\d\d$/.test(digits) &&
      (!/^\s*\p{L}/u.test(after) ||
        /(?:\b[QH][1-4]|\b[1-4][QH]|\bFY|\b(?:in|of|by|for|during|since|until|end of)(?:\s+(?:late|early|mid|mid-))?)\s*$/i.test(
          text.slice(Math.max(0, start - 12), start)
        ) ||
        /^\s*(?:planning|plans?|roadmap|goals?|budgets?|strategy|okrs?|targets?|[QH][1-4])\b/i.test(
          after
        ))
    )
      continue;
    if (suffix) value *= MULTIPLIERS[suffix.toLowerCase()];
    const word = /^\s+(thousand|million|billion|trillion)\b/i.exec(after);
    if (word && !suffix && !percent) {
      value *= WORD_MULTIPLIERS[word[1].toLowerCase()];
      end += word[0].length;
      after = after.slice(word[0].length);
    }
    // "3x+": a plus after the multiple's x is "or more", as after a number.
    let bound: Bound = plus || (gluedTimes && /^[x×]\+/.test(after)) ? "at-least" : null;
    let boundSymbol = false;
    const before = text.slice(Math.max(0, start - 20), start);
    for (const [pattern, kind, symbol] of BOUND_BEFORE)
      if (pattern.test(before)) {
        bound = kind;
        boundSymbol = symbol;
      }
    // "4.5 or higher", "50 or less": a bound written after the number.
    const boundAfter = BOUND_AFTER.exec(after);
    if (boundAfter && bound === null) {
      bound = /^(?:more|higher|better|greater|above|up|over)$/i.test(boundAfter[1])
        ? "at-least"
        : "at-most";
      after = after.slice(boundAfter[0].length);
    }
    // "2 business days or less", "20 minutes or more": the bound after the unit.
    const boundAfterUnit = bound === null ? BOUND_AFTER_UNIT.exec(after) : null;
    if (boundAfterUnit)
      bound = /^(?:more|higher|better|greater|above|up|over)$/i.test(boundAfterUnit[1])
        ? "at-least"
        : "at-most";
    // "Support contacts per order -20%": a minus sign before a share, not a level after "to" or
    // "at", is a fall by that share.
    const minusSign =
      value < 0 &&
      percent !== undefined &&
      !/\b(?:at|to|of|is|are|be|reach(?:es)?|by|from)\s*$/i.test(before);
    if (minusSign) value = -value;
    const window = text.slice(Math.max(0, start - 40), start);
    // "reviewed by 2 developers": the agent of a passive verb, not a change ("reduced by 20%" is).
    const participle = /(?:^|\s)([\p{L}]+)\s+by\s*$/u.exec(window)?.[1].toLowerCase() ?? "";
    const passive =
      (/[^e]ed$/.test(participle) || IRREGULAR_PARTICIPLES.has(participle)) &&
      !changeWord(participle);
    const byWho =
      /\bby\s*$/i.test(before) &&
      (passive ||
        // "Grow the community by 200 members" is a change: its verb says which way.
        (!directed &&
          /^\s*(?:[\p{L}-]+\s+)?(?:people|persons|reviewers|users|customers|members|teams?|engineers|firms|companies|auditors|organi[sz]ations|experts|maintainers|volunteers|developers|agencies|vendors|judges|partners)\b/iu.test(
            after
          )));
    // "NPS up 50 over previous quarter", "churn down 2 points": a change stated with up or down.
    const upDown = /(?:^|\s)(up|down)(?:\s+by)?\s*$/i.exec(before);
    // "5 points lower than last year", "10% higher than in 2024": a change said after the number.
    const comparedAfter =
      bound === null &&
      /^\s*(?:(?:points?|pts|pp|percentage points)\s+)?(lower|higher|less|fewer|more)\s+(?:\S+\s+){0,12}?than\b/i.exec(
        after
      );
    // "ARPU +15%", "Activation +12pp": a plus sign before a share or points is a rise.
    const plusSign =
      /(?:^|\s)\+\s?$/.test(before) &&
      // "flattening at +20%", "to +5%": a level written with its sign.
      !/\b(?:at|to|of|is|are|be|reach(?:es)?|by|from)\s+\+\s?$/i.test(before) &&
      (percent || /^\s*(?:points?|pts|pp|percentage points)\b/i.test(after));
    const said = comparedAfter
      ? /^(?:lower|less|fewer)$/i.test(comparedAfter[1] ?? "")
        ? "down"
        : "up"
      : plusSign
        ? "up"
        : minusSign
          ? "down"
          : upDown &&
              (percent ||
                /^\s*(?:points?|pts|pp|percentage points)\b/i.test(after) ||
                /^\s*(?:[\p{L}]+\s+)?(?:over|from|vs\.?|versus|compared to|on)\s+(?:the\s+)?(?:previous|last|prior)\b/iu.test(
                  after
                ))
            ? (upDown[1].toLowerCase() as "up" | "down")
            : null;
    const isChange = (/\bby\s*$/i.test(before) && !byWho) || said !== null;
    // "an NPS of 40", "a rate of 10MiB/s": the metric's own value, unless it says which ones
    // count ("customers with a score of 50 or less").
    const metricOf = METRIC_OF.test(window) && !/\b(?:with|for|among|where|whose)\b/i.test(window);
    // "a call with all accounts over $1m": the number says which accounts count.
    const whichOnes =
      // ("the number of open bugs below 50" counts them: its number is the metric's).
      /\b(?:with|for|among|(?<!\b(?:number|count|amount|total|backlog)\s+)of)\s+(?:all\s+|the\s+|our\s+)?(?:[\p{L}-]+\s+){0,2}[\p{L}-]+s\s+(?:over|above|under|below|(?:with\s+)?(?:more|less|fewer)\s+than|older\s+than|at\s+least)\s*$/iu.test(
        window
      ) ||
      // "institutions adopting 10 or more books": a bound after a participle says which count
      // ("products generating $3M ARR" is a second metric).
      (bound !== null &&
        /\b[\p{L}-]+[^su\s]s\s+[\p{L}]+ing\s+(?:at least\s+|more than\s+|over\s+)?$/iu.test(
          window
        ));
    // "7 of 9 projects delivered": 9 is the whole the count is taken from.
    const ofWhole = /(?:^|\s)\d+\s+of\s*$/.test(before);
    // "issues older than 12 months": an age says which ones count.
    const age = /\b(?:older|newer|younger)\s+than\s*$/i.test(before);
    // "children waiting more than 18 weeks", "parcels delivered more than 24 hours late", "pages
    // reviewed in the last 12 months": a time that says which ones count.
    const waited =
      (/\b\p{L}+(?:ing|ed)\s+(?:for\s+)?(?:more|longer)\s+than\s*$/iu.test(window) ||
        /\b(?:in|within|over|during)\s+the\s+(?:last|past)\s*$/i.test(window)) &&
      /^\s*(?:days?|weeks?|hours?|months?|minutes?|years?|quarters?|business days?|working days?)\b/i.test(
        after
      );
    const isCondition =
      byWho ||
      whichOnes ||
      ofWhole ||
      age ||
      waited ||
      (CONDITION_BEFORE.test(window) && !metricOf);
    let unit: string | null = null;
    let seconds: number | null = null;
    let isNew = false;
    let isScale = false;
    let unitCut = false;
    let shownEnd = end;
    const fraction = glued ? /^\/(\d+(?:\.\d+)?)(?![\d.])/.exec(after) : null;
    const perPeriod = glued ? /^\/([\p{L}]+)/u.exec(after) : null;
    if (percent) {
      unit = "%";
      // "20% more signups", "a 10% reduction in …": the change, not a share.
      // With a bound ("at most 10% more bandwidth") it is a level to stay within.
      const comparative = bound === null ? /^\s*(more|fewer|less)\b/i.exec(after) : null;
      const change = comparative
        ? /^more$/i.test(comparative[1])
          ? "increase"
          : "reduction"
        : changeWordAfter(after);
      if (change && !isChange) unit = `% ${change}`;
    } else if (currency) {
      unit = currency;
      // "$3k per month", "$5 per TB per month": money per something.
      let rest = after;
      for (let per = /^\s*(?:per|\/)\s*([\p{L}]+)\b/u.exec(rest); per;) {
        unit += `/${per[1]}`;
        shownEnd += per[0].length;
        rest = rest.slice(per[0].length);
        per = /^\s*(?:per|\/)\s*([\p{L}]+)\b/u.exec(rest);
      }
      // "£15,000 RR p/m", "$2k MRR a month", "$500 monthly": money per period, the revenue
      // abbreviation between them read through ("by $2M annually" is a change, not a rate).
      const period = unit === currency && !isChange ? MONEY_PERIOD.exec(rest) : null;
      if (period) {
        unit += `/${/^p\/?a|year|annual/i.test(period[1]) ? "year" : /week/i.test(period[1]) ? "week" : "month"}`;
        shownEnd += period[0].length;
      }
    } else if (gluedUnit) {
      unit = gluedUnit[1];
      shownEnd += gluedUnit[0].length;
    } else if (gluedTimes) {
      const read = unitAfter(after.slice(gluedTimes[0].length));
      unit = "x";
      shownEnd += gluedTimes[0].length;
      // "Write 3x 5-minute explainer videos": after a verb of making, "Nx" before the plural noun
      // made is a count of those things, and a size before the noun ("5-minute") is part of it.
      const verb = /(?:^|\s)(\p{L}+)\s+$/u.exec(text.slice(0, start))?.[1] ?? "";
      const rest = after.slice(gluedTimes[0].length);
      const size = MAKING_VERB.test(verb)
        ? /^\s*(\d+(?:\.\d+)?[-\s](?:second|minute|min|hour|day|week|page|word|step))\s+(?=\p{L})/iu.exec(
            rest
          )
        : null;
      const made = MAKING_VERB.test(verb)
        ? unitAfter(size ? rest.slice(size[0].length) : rest)
        : null;
      if (
        made?.unit &&
        !made.isNew &&
        made.seconds === null &&
        /\p{L}[^s\W]s$/u.test(made.unit) &&
        !/\b(current|faster|more|increase|growth)\b/i.test(made.unit)
      ) {
        unit = size ? `${size[1]} ${made.unit}` : made.unit;
        if (size) readUpTo = end + gluedTimes[0].length + size[0].length;
      } else if (
        // "4x replication" is a level; "3x" alone, "2x cloud … rate" or "10x more
        // transactions" is growth.
        !(text.slice(0, start).trim() === "" || /\bby\s*$/i.test(before)) &&
        !read.isNew &&
        read.unit &&
        !/\b(current|faster|more|increase|growth|yoy|qoq|mom|wow)\b/i.test(read.unit)
      )
        unit = `x ${read.unit}`;
    } else if (fraction) {
      const denominator = Number(fraction[1]);
      shownEnd += fraction[0].length;
      // "2/3 of positive feedback" is a share, "4.5/5 satisfaction score" and "engagement score
      // to 4.2/5" a score.
      const share = /^\s*of\b/i.test(after.slice(fraction[0].length));
      if (
        denominator > 0 &&
        !share &&
        SCALE_WORDS.test(text.slice(Math.max(0, start - 40), start + 60))
      ) {
        isScale = true;
      } else if (denominator > 0 && value <= denominator) {
        value = tidy(Math.round((value / denominator) * 10_000) / 100);
        unit = "%";
      }
    } else if (perPeriod) {
      unit = `/${perPeriod[1]}`;
      shownEnd += perPeriod[0].length;
    } else {
      if (gluedDuration) {
        const duration = DURATIONS[gluedDuration[1]];
        const read = unitAfter(`${duration.unit} ${after.slice(gluedDuration[0].length)}`);
        unit = read.unit;
        seconds = read.seconds;
        shownEnd += gluedDuration[0].length;
      } else {
        // "5 2h training workshops", "Run 3 30-minute demos": a size before the plural noun
        // counted is part of the noun phrase, not a second number.
        const size = SIZE_BEFORE_NOUN.exec(after);
        const sized = size ? unitAfter(after.slice(size[0].length)) : null;
        const withSize =
          size !== null &&
          sized?.unit != null &&
          sized.seconds === null &&
          /\p{L}[^su\W]s$/u.test(sized.unit);
        const read =
          withSize && sized ? { ...sized, unit: `${size[1]} ${sized.unit}` } : unitAfter(after);
        if (withSize) readUpTo = end + size[0].length;
        unit = read.unit;
        seconds = read.seconds;
        isNew = read.isNew;
        unitCut = read.cut === true;
      }
    }
    // "5 points lower than last year": the change is in points.
    if (comparedAfter && /^\s*(?:points?|pts|pp|percentage points)\b/i.test(after)) unit = "points";
    // "have a 9 NPS": a score has no count unit.
    if (unit !== null && /^(?:nps|csat|sus|score|rating)$/i.test(unit)) unit = null;
    found.push({
      value: tidy(value),
      unit,
      seconds,
      bound,
      boundSymbol,
      isNew,
      isChange,
      isScale,
      isCondition,
      unitBefore: false,
      unitCut,
      isRange: range !== null,
      said,
      shown: text.slice(start, shownEnd).trim(),
      start,
      end: shownEnd,
    });
  }
  return found;
}

let formatter: Intl.NumberFormat | null = null;
/** One formatter for every reason: `toLocaleString` builds a new one on each call, which is slow. */
function numberFormat(): Intl.NumberFormat {
  formatter ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
  return formatter;
}

export function format(quantity: Pick<Quantity, "value" | "unit">): string {
  const value = numberFormat().format(quantity.value);
  const unit = quantity.unit;
  if (unit === null) return value;
  if (/^[$€£]$/.test(unit)) return `${unit}${value}`;
  if (unit.startsWith("%") || unit.startsWith("/") || unit === "x") return `${value}${unit}`;
  const [head, ...rest] = unit.split("/");
  const singular = quantity.value === 1 && DURATIONS[head] ? head.replace(/s$/, "") : head;
  return `${value} ${[singular, ...rest].join("/")}`;
}

/** Converts a duration into another duration's unit ("5 minutes" into seconds: 300). */

export function inUnitOf(quantity: Quantity, target: Quantity): number {
  // "from 1.2GB to under 400MB": 1,200 MB.
  const [from, to] = [
    BYTES[(quantity.unit ?? "").toLowerCase()],
    BYTES[(target.unit ?? "").toLowerCase()],
  ];
  if (from !== undefined && to !== undefined && from !== to)
    return tidy((quantity.value * from) / to);
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

export function sameKind(a: Quantity, b: Quantity): boolean {
  if (a.seconds !== null && b.seconds !== null) return true;
  if (BYTES[(a.unit ?? "").toLowerCase()] && BYTES[(b.unit ?? "").toLowerCase()]) return true;
  return a.unit === b.unit || a.unit === null || b.unit === null;
}

export function isDuration(quantity: Quantity): boolean {
  return quantity.seconds !== null || DURATION_LIKE.test(quantity.unit ?? "");
}
