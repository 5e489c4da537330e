import type { KeyResultType } from "./scoring";

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
 */

/** What `parseKeyResult` reads out of a key-result sentence. */
export interface ParsedKeyResult {
  /** False when the sentence has no metric to score and is no deliverable either. */
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

/**
 * The confidence policy, in one place: what each sentence form starts at, and what each doubt
 * takes off. A reading below `AMBIGUOUS_BELOW` (0.5) is one a person should look at; the starting
 * values are set so that readings at or above it are right in the large majority of the real-world
 * corpus (`npm run corpus` prints how many).
 */
export const CONFIDENCE = {
  /** "from 5 minutes to 30 seconds", "to 75% from current 45%". */
  fromTo: 0.95,
  /** "by 70% (from 2 minutes to 30 seconds)": the numbers in parentheses are used. */
  fromToInParentheses: 0.8,
  /** "Double X", "3x", "halve": a multiplier from 1. */
  multiplier: 0.8,
  /** "by 20% (Current: $1.5M)": a change of a stated current value. */
  changeOfCurrent: 0.85,
  /** "by 15% (Current: 2.3%)": relative or percentage points? */
  changeOfCurrentRate: 0.7,
  /** "by 25%" with no baseline: the change achieved, from 0. */
  changeFromZero: 0.75,
  /** "(a 28% increase)" with no other number: the change achieved, from 0. */
  statedChangeOnly: 0.6,
  /** "5 new markets (Current: 2)". */
  newOnCurrent: 0.85,
  /**
   * "Support 3 additional languages": from 0 new, as the catalogue's templates read it. Readers of
   * real OKRs take such a count as one to reach, with no baseline: when the parser first read
   * held-out-5 and -6, none of its 3 such readings at the old 0.7 matched their labels. One to check.
   */
  newFromZero: 0.45,
  /** "No customers blocked", "zero P1 incidents", "Eliminate errors". */
  zero: 0.85,
  /** "Maintain 99.9% uptime", "under 200 ms", "at least 75%", "> 95%". */
  bound: 0.85,
  /** "99.95% availability": a level to hold. */
  levelMetric: 0.75,
  /** "releases take 1 hour", "within 2 business days": a duration that is a ceiling. */
  durationCeiling: 0.75,
  /** "≥ 85% (Current: 72%)": the current value is the baseline. */
  currentAsBaseline: 0.9,
  /** "1,000+ images per hour (10x current capacity)". */
  timesCurrent: 0.75,
  /** "700 signups per week (40% increase)": the baseline is what the change implies. */
  impliedBaseline: 0.75,
  /** "Reduce churn to 5%" with no current value: a ceiling, but progress cannot be scored. */
  downVerbCeiling: 0.45,
  /** "Publish 2 articles", "Reach 10,000 people": a number to reach from 0, near the verb. */
  countToReach: 0.75,
  /** A number deep in a long sentence, or with no unit: which count is meant is a guess. */
  countToReachFar: 0.45,
  /** "Ship X", "Launch Y", "X is published": a deliverable, done or not done. */
  deliverable: 0.8,
  /** A deliverable verb whose only numbers are its scope ("Build a model with three scenarios"). */
  deliverableWithScope: 0.55,
  /**
   * "Identify the top 3 reasons", "Deliver the top 10 features": a definite set, read as a
   * deliverable, but readers split on it (some count the features): one to check.
   */
  definiteSet: 0.45,
  /** A scorecard row that only names a piece of work ("js-cluster client"): read as a deliverable. */
  namedWork: 0.6,
  /**
   * Taken off `namedWork` when the sentence reads as an aim rather than work to deliver ("Give
   * greater transparency to partners", "Cultivate relationships", "Partnering with X", a
   * question): milestone or not measurable is a guess.
   */
  aimWithoutWork: 0.2,
  /** "Improve effectiveness", "Increase funnel volume": no number and no deliverable. */
  notMeasurable: 0.85,
  /**
   * Taken off a count of more than one whose noun is singular ("50K reference architecture"): such
   * a number is usually a name, a version or a size, and the noun phrase was likely cut wrongly.
   */
  singularCount: 0.3,
  /**
   * Taken off when the number sits in a subordinate clause ("… and when the instance will reach
   * 100% availability", "X, which will offer 10 …"): the key result's own clause has no number.
   */
  subordinateClause: 0.3,
  /** Taken off a count whose noun phrase runs past the words a unit may have: the head is a guess. */
  longUnit: 0.3,
  /**
   * Taken off, on top of `subordinateClause`, when the sentence starts with a deliverable verb
   * ("Ship a dashboard where reviews take < 10 seconds"): the number likely describes what is
   * delivered, and the key result may be the deliverable itself.
   */
  clauseOfDeliverable: 0.2,
  /**
   * Taken off a share after "≥" with no verb to keep it ("Achieve ≥ 90% precision"): read as a
   * level to reach, as the framework document means it, but readers take it as a floor as well.
   */
  symbolFloor: 0.3,
  /**
   * Taken off when the counted noun is the first of a list ("1 process, practice, or program"):
   * the unit read is one item, and what is counted is a guess.
   */
  listedUnit: 0.3,
  /**
   * Taken off when the counted noun is followed by "of" and a bare plural noun ("15 profiles of
   * applicants"): the complement may be what is counted, and which noun heads the unit is a guess.
   */
  complementedUnit: 0.3,
  /**
   * Taken off when a plural noun sits inside the unit before a last word that is not plural
   * ("500 developers follow-up with …", "25k people share information"): the noun phrase likely
   * ran into a verb, and what is counted is a guess.
   */
  pluralInsideUnit: 0.3,
  /**
   * Taken off a floor reached with "to" after a verb not known to raise or keep ("Bring retention
   * to 40% or more"): a level to reach (increase) or a floor to hold is a guess.
   */
  toFloor: 0.4,
  /**
   * Taken off a count to reach of exactly 1 with no "at least", "+" or "or more" ("Elevate 1
   * process to the board"): one thing is as often a single deliverable named (a milestone) as a
   * count. On sentences from organisations the parser had not seen, most such readings were wrong.
   */
  singleThing: 0.3,
  /**
   * Taken off an amount of money given out ("allocate CHF 20k budget to the MVP", "spend $5k on
   * ads"): money spent is a means, not a result, and the key result may be the allocation itself
   * (a milestone).
   */
  moneyGivenOut: 0.3,
  /** Taken off when the target is one end of a range ("workshop with 2-6 developers", "1-2 days"). */
  range: 0.5,
  /**
   * Taken off when the target is a count of one that is itself a scope or a condition ("A licence
   * agreement with 1 payment provider"): a single thing named, perhaps a deliverable, not a count.
   */
  scopeAsTarget: 0.3,
  /**
   * The whole reading when a deliverable verb and an aim with nothing to deliver are joined
   * ("Support and promote X", "Improve and refresh Y"): milestone or not measurable is a guess.
   */
  mixedVerbs: 0.45,
  /**
   * Taken off when a number left as scope has a bound ("… with at least 10 attendees", "more than
   * 10,000 certificates"): a bound is how a target is written, so which number is the metric is a
   * guess. Not when a scope word introduces it after the metric ("90% accuracy across 50+ topics").
   */
  boundedScope: 0.3,
  /** Taken off when a second metric is left unscored. */
  secondMetric: 0.5,
  /** Taken off when the wording and the numbers point different ways. */
  directionConflict: 0.5,
  /** Taken off when a stated change ("(50% improvement)") does not match the numbers. */
  statedChangeMismatch: 0.15,
  /** The whole reading when a current value is in another unit than the target. */
  unitMismatch: 0.4,
  /** The whole reading when the target equals the baseline. */
  nothingToScore: 0.3,
} as const;

type Bound = "at-least" | "at-most" | null;

/** A number found in the text, with what surrounds it. */
interface Quantity {
  value: number;
  /** "%", "$", "€", "£", a duration ("minutes"), a noun phrase ("images/hour"), "x", or null. */
  unit: string | null;
  /** Seconds per unit, for a duration that can be converted. */
  seconds: number | null;
  bound: Bound;
  /** The bound was written as a symbol ("≥ 85%"), not in words or with "+". */
  boundSymbol: boolean;
  /** "5 new markets", "3 additional languages". */
  isNew: boolean;
  /** Its noun phrase was cut at the word limit ("5 … … … …" with more words to come). */
  unitCut: boolean;
  /** The lower end of a range ("2-6 developers"): which end is the target is a guess. */
  isRange: boolean;
  /** Preceded by "by": a change rather than a level ("by 20%", "by $2M"). */
  isChange: boolean;
  /** A change stated with "up" or "down" ("NPS up 50 over previous quarter"), else null. */
  said: "up" | "down" | null;
  /** "4.5/5": a score on a scale. */
  isScale: boolean;
  /** A scope or condition rather than the metric: "within 7 days", "for 1k active users". */
  isCondition: boolean;
  /** The unit is the noun phrase before the number ("the number of validators to 100"). */
  unitBefore: boolean;
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
  "lift",
  "push",
  "drive",
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
/** Direction words anywhere in a sentence, in any form: "backlog … reduced by 50%". */
const DOWN_WORD =
  /\b(?:reduc(?:e|es|ed|ing|tion)|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|lower(?:s|ed|ing)?|shorten(?:s|ed|ing)?|minimi[sz](?:e|es|ed|ing)|halv(?:e|es|ed|ing)|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing))\b/gi;
const UP_WORD =
  /\b(?:increas(?:e|es|ed|ing)|grow(?:s|n|ing|th)?|rais(?:e|es|ed|ing)|boost(?:s|ed|ing)?|improv(?:e|es|ed|ing|ement)|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|expand(?:s|ed|ing)?)\b/gi;
/** Verbs that make a deliverable: the key result is done or not done. */
const DELIVERABLE_VERBS = new Set([
  "ship",
  "launch",
  "implement",
  "complete",
  "define",
  "finish",
  "rollout",
  "roll",
  "release",
  "deploy",
  "build",
  "create",
  "design",
  "deliver",
  "publish",
  "merge",
  "migrate",
  "integrate",
  "establish",
  "set",
  "document",
  "write",
  "hire",
  "begin",
  "start",
  "track",
  "identify",
  "automate",
  "provide",
  "support",
  "make",
  "scale",
  "resolve",
  "measure",
  "communicate",
  "introduce",
  "adopt",
  "add",
  "enable",
  "develop",
  "update",
  "refactor",
  "replace",
  "remove",
  "deprecate",
  "announce",
  "run",
  "conduct",
  "organize",
  "organise",
  "host",
  "prototype",
  "choose",
  "choosing",
  "highlight",
  "fix",
  "handle",
  "handles",
  "validate",
  "evaluate",
  "investigate",
  "audit",
  "review",
  "prepare",
  "plan",
  "secure",
  "transition",
  "move",
  "convert",
  "upgrade",
  "pass",
  "obtain",
  "undertake",
  "draft",
  "collect",
  "refresh",
  "redesign",
  "revamp",
  "rewrite",
  "overhaul",
]);
/** A state that is true or not at the end: "is published", "becomes the default". */
const DELIVERED_STATE =
  /\b(?:is|are|has been|have been|gets|get|becomes?)\s+(?:\w+\s+)?(?:published|finished|done|shipped|released|launched|enabled|available|in place|merged|complete|completed|deployed|live|provisioned|documented|the default|ready)\b|\bproduction[- ]ready\b|\bwe have (?:a |an )?(?:documented|\w+ed)\b|\bhave (?:systematized|documented|a)\b|\baren[’']?t blocked\b|\bis version controlled\b|\bwe(?:[’']ve| have)\s+(?:[\p{L}]+\s+)?(?:written|built|made|done|run|held|begun|drawn|shipped|published|documented|created)\b/iu;
/** No number and one of these: nothing to score and nothing to deliver ("Improve effectiveness"). */
const VAGUE =
  /\b(?:improv(?:e|es|ed|ing)|increase[sd]?|maximi[sz]e|minimi[sz]e|maintain|publici[sz]e|meet|achieve|continu?ous|on plan|better|more\.?$|is receiving|infinity|grow|progress|consider|explore|understand(?:ing)?|encourag(?:e|es|ing)|cultivat(?:e|es|ing)|evangeli[sz](?:e|es|ing)|promot(?:e|es|ing)|enhanc(?:e|es|ing)|partnering|continue|greater|silos)\b|\?\s*$/i;

type Direction = "up" | "down" | "keep" | null;

const DURATIONS: Record<string, { unit: string; seconds: number }> = {};
for (const [unit, seconds, spellings] of [
  ["milliseconds", 0.001, ["ms", "millisecond", "milliseconds"]],
  ["seconds", 1, ["s", "sec", "secs", "second", "seconds"]],
  ["minutes", 60, ["min", "mins", "minute", "minutes"]],
  ["hours", 3600, ["h", "hr", "hrs", "hour", "hours"]],
  ["days", 86_400, ["d", "day", "days"]],
  ["weeks", 604_800, ["w", "week", "weeks"]],
  ["months", 2_629_800, ["month", "months"]],
  ["years", 31_557_600, ["year", "years"]],
] as const) {
  for (const spelling of spellings) DURATIONS[spelling] = { unit, seconds };
}
/** Units of time that are not convertible but are still durations: "2 business days", "1 iteration". */
const DURATION_LIKE = /^(?:business days?|working days?|iterations?|sprints?|releases? cycles?)$/i;

const RATE_WORDS: Record<string, string> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  annually: "year",
  yearly: "year",
  hourly: "hour",
  quarterly: "quarter",
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
  "onto",
  "upon",
  "between",
  "among",
  "amongst",
  "against",
  "beyond",
  "throughout",
  "despite",
  "except",
  "unlike",
  "alongside",
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
  "was",
  "were",
  "have",
  "has",
  "go",
  "goes",
  "take",
  "takes",
  "can",
  "may",
  "must",
  "should",
  "enabled",
  "generating",
  "serving",
  "comparing",
  "saving",
  "including",
  "powered",
  "blocks",
  "towards",
  "about",
  "toward",
  "do",
  "does",
  "did",
  "not",
  "causes",
  "occurs",
  "happens",
  "fails",
  "every",
  "each",
  "compared",
  "versus",
  "vs",
  "w/",
  "w",
  "re",
  "ourselves",
  "themselves",
  "itself",
  "who",
  "whom",
  "whose",
  "all",
  "after",
  "before",
  "during",
  "since",
  "until",
]);
/** Verbs (rarely nouns) that end a unit phrase: "4 teams use the pipeline". */
const PHRASE_VERBS = new Set([
  "use",
  "adopt",
  "adopts",
  "say",
  "says",
  "join",
  "joins",
  "participate",
  "participates",
  "contribute",
  "contributes",
  "attend",
  "attends",
  "receive",
  "receives",
  "submit",
  "submits",
  "need",
  "needs",
  "want",
  "wants",
  "become",
  "becomes",
  "agree",
  "agrees",
  "get",
  "gets",
  "got",
  "need",
  "rate",
  "rated",
  "share",
  "follow",
  "follow-up",
  "engage",
  "report",
  "visit",
  "return",
  "download",
  "install",
  "register",
  "respond",
  "complete",
  "attend",
  "watch",
  "read",
]);
/** Words in -ly that are nouns or adjectives in a unit ("supply chains", "family plans"). */
const LY_NOUNS = new Set([
  "supply",
  "family",
  "assembly",
  "early",
  "only",
  "anomaly",
  "rally",
  "ally",
  "reply",
  "apply",
]);
/** Past participles not in -ed that end a noun phrase: "10 community calls held", "3 talks given". */
const IRREGULAR_PARTICIPLES = new Set([
  "held",
  "run",
  "done",
  "made",
  "built",
  "written",
  "sent",
  "given",
  "taken",
  "won",
  "sold",
  "paid",
  "met",
  "kept",
  "grown",
  "shown",
  "spent",
  "brought",
  "found",
  "seen",
  "begun",
  "led",
  "bought",
  "caught",
  "taught",
  "drawn",
]);
/** Past tenses that are not participles: "5 workshops ran about accessibility", "3 posts went live". */
const IRREGULAR_PAST = new Set([
  "ran",
  "went",
  "came",
  "gave",
  "took",
  "wrote",
  "grew",
  "saw",
  "began",
  "drew",
  "spoke",
  "rose",
  "fell",
  "became",
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
/** Count words that take "of": "2 pieces of technical documentation". */
const MEASURE_WORDS = new Set([
  "pieces",
  "piece",
  "items",
  "units",
  "kinds",
  "types",
  "sets",
  "rounds",
]);
/** The period of a rate: "posts/month" is a rate; "projects/language" is a count per something. */
const PERIOD =
  /\/(?:s|sec|second|minute|min|hour|h|day|week|month|quarter|year|sprint|iteration|release)$/i;
const LEVEL_METRICS = /\b(uptime|availability|sla)\b/i;
const SCALE_WORDS = /\b(score|rating|scale|feedback|survey|stars?|csat|nps|sus)\b/i;
const MAX_UNIT_WORDS = 4;

// A number: not glued to a letter or digit before it (D365, Q4, the 3 of "2-3"), nor part of a
// reference (#726), with an optional minus sign, thousands separators (, or ') or decimals, an optional
// K/M/B suffix not followed by a letter, and an optional %, + or ×.
const NUMBER =
  /(?<![\p{L}\p{N}_.,#/@-])([$€£]|\b(?:CHF|USD|EUR|GBP|CAD|AUD|NZD|SEK|NOK|DKK|INR)\b)?\s?((?:(?<![\p{L}\p{N}_.,-])[-−])?\d{1,3}(?:[,'’]\d{3})+(?:\.\d+)?|(?:(?<![\p{L}\p{N}_.,-])[-−])?\d+(?:\.\d+)?|\.\d+)(?:\s?([kKmMbB])(?![\p{L}\p{N}]))?(\s?%)?(\+)?/gu;
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
const WORD_MULTIPLIERS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};
const PERIOD_OF: Record<string, string> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
  yearly: "year",
};
/** A size before a counted noun: "2h", "30-minute", "5 minute", "10-page". */
const SIZE_BEFORE_NOUN =
  /^\s+(\d+(?:\.\d+)?(?:h|hr|mins?|-?(?:second|minute|min|hour|day|week|page|word|step)|\s(?:second|minute|hour|day|week|page|word|step)))\s+(?=\p{L})/iu;
/** Verbs of making a number of things: "Write 3x … posts" counts posts. */
const MAKING_VERB =
  /^(?:write|create|produce|publish|record|film|build|ship|release|run|host|hold|deliver|make|draft|design)$/i;
/** Sizes and rates written glued to their number: "1TB", "10MiB/s", "100Mbps". */
const GLUED_UNIT =
  /^((?:[KMGTPE]i?B|[kKMG]?bps|[KMGT]B|rps|qps|req\/s)(?:\/(?:s|sec|second|min|minute|hour|h|day))?)(?![\p{L}\p{N}])/u;
/** A period after an amount of money: "p/m", "per month", "a month", "monthly", "p/a". */
const MONEY_PERIOD =
  /^\s*(?:(?:RR|MRR|ARR|recurring revenue|revenue)\s+)?(p\/m|p\.m\.|per month|a month|monthly|p\/a|p\.a\.|a year|yearly|annually|per week|a week|weekly)(?![\p{L}\p{N}])/iu;
/** Durations written glued to their number: "100ms", "2s", "24h", "2d". */
const GLUED_DURATION = /^(ms|s|sec|secs|h|hrs?|d|w|mins?)(?![\p{L}\p{N}])/u;
const BOUND_BEFORE: [RegExp, Bound, boolean][] = [
  [/(?:≥|>=)\s*$/i, "at-least", true],
  [
    /(?:>|\bat[- ]least|\bover|\bmore than|\bgreater than|\babove|\bexceeding|\bminimum(?: of)?)\s*$/i,
    "at-least",
    false,
  ],
  [/(?:≤|<=|<)\s*$/i, "at-most", true],
  // "Bring p95 latency down to 300ms": a level to get under.
  [/\bdown\s+to\s*$/i, "at-most", false],
  [
    /(?:\bunder|\bbelow|\bless than|\bfewer than|\bwithin|\bat most|\bup to|\bno more than|\bnever more than|\bmaximum(?: of)?)\s*$/i,
    "at-most",
    false,
  ],
];
/** "<metric> of N": the number is the metric's value, not a scope. */
const METRIC_OF =
  /\b(?:score|rating|nps|csat|sus|average|median|mean|rate|level|total|minimum|maximum|target|goal|speed|throughput|coverage|accuracy|uptime|availability|latency|value)\s+of\s+(?:(?:at least|at most|more than|over|under|less than|>|<|≥|≤)\s+)?$/i;
/** A bound after the number: "4.5 or higher", "3 or more", "50 or less", "2 and up". */
const BOUND_AFTER =
  /^\s*(?:or|and)\s+(more|higher|better|greater|above|up|over|less|fewer|lower|below|under)\b/i;
/** Words before a number that make it a scope or condition of the metric, not the metric. */
const CONDITION_BEFORE =
  /\b(?:(?:older|newer|longer|shorter|younger)\s+than|within|in|for|on|across|covering|per|each|every|after|before|during|of|top|with|among|(?:including|excluding)(?:\s+\p{L}+ing)?|from)\s+(?:(?:the|a|an|at least|more than|over|under|less than|up to|>|<|≥|≤)\s+)?$/iu;

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
  /** The phrase stopped at MAX_UNIT_WORDS with more words to come: its head noun may be later. */
  cut?: boolean;
} {
  const tokens = words(rest.replace(/^[\s:]+/, "")).slice(0, MAX_UNIT_WORDS + 8);
  let isNew = false;
  let index = 0;
  // "3 of the top SI's": the count is of what follows.
  if (/^of$/i.test(tokens[0] ?? "") && /^(?:the|our|their|these|those)$/i.test(tokens[1] ?? ""))
    index = 2;
  // "7 of 9 projects": the count is of what follows the whole.
  else if (/^of$/i.test(tokens[0] ?? "") && /^\d[\d,]*$/.test(tokens[1] ?? "")) index = 2;
  if (tokens[index] && /^(new|additional|more|extra)$/i.test(tokens[index])) {
    isNew = true;
    index++;
  }
  const first = (tokens[index] ?? "").toLowerCase().replace(/[.,;:!?)]+$/, "");
  const duration = DURATIONS[first];
  if (duration && first !== "d" && first !== "w") {
    // "30 seconds per interaction" stays a duration (convertible); "hours/year" is a rate.
    let unit: string = duration.unit;
    for (let at = index + 1; /^per$/i.test(tokens[at] ?? ""); at += 2) {
      const per = (tokens[at + 1] ?? "").replace(/[.,;:!?)]+$/, "");
      if (!/^[\p{L}]+$/u.test(per)) break;
      unit += `/${per}`;
    }
    return { unit, seconds: duration.seconds, isNew };
  }
  const phrase: string[] = [];
  let ended = false;
  let listed = false;
  // "4 concentric “networks of practice”": a quoted name is one word of the unit, whatever it holds.
  const quoted = /^((?:[\p{L}-]+\s+)?[“"][^”"]{1,60}[”"])/u.exec(tokens.slice(index).join(" "));
  if (quoted && words(quoted[1]).length <= MAX_UNIT_WORDS + 2) {
    // "1 “how-to” technical content": a quoted word that qualifies the nouns after it.
    const nouns: string[] = [];
    for (const raw of words(tokens.slice(index).join(" ").slice(quoted[1].length))) {
      const word = raw.replace(/[.,;:!?)]+$/, "");
      const lower = word.toLowerCase();
      if (
        !/^\p{Ll}[\p{Ll}-]*$/u.test(word) ||
        STOP_WORDS.has(lower) ||
        PHRASE_VERBS.has(lower) ||
        /(?:ing|ed|ly)$/.test(lower) ||
        nouns.length === 2
      )
        break;
      nouns.push(word);
      if (raw !== word) break;
    }
    return { unit: [quoted[1], ...nouns].join(" "), seconds: null, isNew };
  }
  // "6 Participation Lab Notes blog posts": a run of capitalised words is a name, one word.
  const length = () =>
    phrase.filter(
      (word, at) =>
        word !== "or" &&
        word !== "of" &&
        word !== "and" &&
        !(
          at > 0 &&
          /^\p{Lu}[\p{L}\p{N}]*$/u.test(word) &&
          /^\p{Lu}[\p{L}\p{N}]*$/u.test(phrase[at - 1])
        )
    ).length;
  for (; index < tokens.length && length() < MAX_UNIT_WORDS; index++) {
    const raw = tokens[index];
    const word = raw.replace(/[.,;:!?)]+$/, "");
    const lower = word.toLowerCase();
    if (!/^[\p{L}“"][\p{L}\p{N}\-/&'’”"]*$/u.test(word) || STOP_WORDS.has(lower) || word === "")
      break;
    const next = (tokens[index + 1] ?? "").replace(/[.,;:!?)]+$/, "").toLowerCase();
    const nounNext =
      raw === word &&
      /^[\p{L}][\p{L}-]*$/u.test(next) &&
      !STOP_WORDS.has(next) &&
      !/(?:ing|ed)$/.test(next) &&
      !RATE_WORDS[next];
    // "paying customers", "model training jobs": an -ing word before a noun is part of the unit.
    // "members adding utility", "users testing updates": after a plural noun it starts a clause.
    const afterPlural = phrase.length > 0 && /[^su]s$/i.test(phrase[phrase.length - 1]);
    if (lower.endsWith("ing") && !ING_NOUNS.has(lower) && (!nounNext || afterPlural)) break;
    // An adverb or a verb ends the noun phrase: "3 customers successfully …", "4 teams use …".
    if (
      phrase.length > 0 &&
      ((PHRASE_VERBS.has(lower) && !(lower === "use" && /^cases?$/.test(next))) ||
        (lower.endsWith("ly") && !LY_NOUNS.has(lower) && !RATE_WORDS[lower]))
    )
      break;
    if (phrase.length > 0 && lower.endsWith("ed") && !nounNext) break;
    // "1 medium endorsed LunarDAO", "1 figure mentions it", "1 investor reaches out": a verb
    // before its object (a name or a pronoun) or a particle.
    const nextRaw = (tokens[index + 1] ?? "").replace(/[.,;:!?)]+$/, "");
    if (
      phrase.length > 0 &&
      ((lower.endsWith("ed") && /^\p{Lu}/u.test(nextRaw)) ||
        /^(?:it|them|us|him|her|out|back)$/i.test(nextRaw))
    )
      break;
    if (phrase.length > 0 && (IRREGULAR_PARTICIPLES.has(lower) || IRREGULAR_PAST.has(lower))) break;
    // "vulnerabilities open for 7 days", "customers active in 3 regions": after a plural noun, a
    // word that is not a plural itself and is followed by a preposition describes the noun.
    if (
      phrase.length > 0 &&
      /[^su]s$/i.test(phrase[phrase.length - 1]) &&
      !/s$/i.test(lower) &&
      raw === word &&
      PREDICATE_NEXT.has(next)
    )
      break;
    // "3 external contributors merge a PR", "50 users sign up": a verb after a plural noun.
    if (phrase.length > 0 && verbAfterPlural(phrase[phrase.length - 1], lower, tokens[index + 1]))
      break;
    // "10,000 monthly active users": a rate word before a noun is part of the noun phrase.
    if (RATE_WORDS[lower] && !(phrase.length === 0 && nounNext)) {
      if (phrase.length > 0) phrase[phrase.length - 1] += `/${RATE_WORDS[lower]}`;
      ended = true;
      index++;
      break;
    }
    phrase.push(word);
    // "1 process, practice, or program", "2 webinars, courses, or workshops": what is counted is
    // the whole list of short noun phrases, up to its last item.
    const list = raw === `${word},` ? listedNouns(tokens.slice(index + 1)) : null;
    if (list) {
      phrase[phrase.length - 1] = raw;
      phrase.push(...list);
      index += list.length + 1;
      listed = true;
      break;
    }
    if (raw !== word) {
      ended = true;
      index++;
      break;
    }
    // "3 people post about it": "people" is the head noun, plural without an "s", and a word after
    // it that is not a plural noun ("people managers") nor a list starts what they do.
    if (
      /^(?:people|children)$/.test(lower) &&
      !/[^su]s$/.test(next) &&
      next !== "and" &&
      next !== "or"
    ) {
      index++;
      break;
    }
    // "marketing or DevRel teammates": the noun has not come yet; "pieces of documentation".
    const joiner = (tokens[index + 1] ?? "").toLowerCase();
    // "awards or fellowships", "people and organizations": two plural nouns counted together.
    const partner = (tokens[index + 2] ?? "").replace(/[.,;:!?)]+$/, "");
    const coordinated =
      (joiner === "or" || joiner === "and") &&
      (/[^su]s$/i.test(word) || MASS_NOUNS.test(word)) &&
      /^\p{L}[\p{L}-]*$/u.test(partner) &&
      !STOP_WORDS.has(partner.toLowerCase()) &&
      !PHRASE_VERBS.has(partner.toLowerCase()) &&
      !DELIVERABLE_VERBS.has(partner.toLowerCase()) &&
      !COUNT_VERBS.has(partner.toLowerCase()) &&
      !UP_VERBS.has(partner.toLowerCase()) &&
      !DOWN_VERBS.has(partner.toLowerCase()) &&
      !/(?:ly|ed)$/i.test(partner) &&
      (/s$/i.test(partner) ||
        ING_NOUNS.has(partner.toLowerCase()) ||
        /^\p{L}+s$/u.test(tokens[index + 3] ?? ""));
    if (
      (joiner === "or" && !/s$/i.test(word) && length() < MAX_UNIT_WORDS) ||
      (coordinated && length() + (/s$/i.test(partner) ? 1 : 2) <= MAX_UNIT_WORDS) ||
      (joiner === "of" && MEASURE_WORDS.has(lower))
    ) {
      phrase.push(joiner);
      index++;
    }
  }
  // "3 JSON Schema in Production videos": a name with a preposition inside it ("Schema in
  // Production") before the plural noun it qualifies is part of the noun phrase.
  const title =
    /^((?:in|of|for|on|to|and)\s+(?:\p{Lu}[\p{L}\p{N}-]*\s+){1,3})(\p{Ll}[\p{Ll}-]*[^su\W]s)(?![\p{L}])/u.exec(
      tokens.slice(index).join(" ")
    );
  if (
    !ended &&
    title &&
    phrase.length > 0 &&
    phrase.every((word) => /^\p{Lu}/u.test(word)) &&
    !STOP_WORDS.has(title[2]) &&
    !PHRASE_VERBS.has(title[2])
  ) {
    phrase.push(...words(title[1]), title[2]);
    index += words(title[1]).length + 1;
    ended = true;
  }
  if (/^(?:or|of|and)$/i.test(phrase[phrase.length - 1] ?? "")) phrase.pop();
  // "125 institutions total": the word says it is a total, not what is counted.
  if (phrase.length > 1 && /^total$/i.test(phrase[phrase.length - 1])) phrase.pop();
  const following = (tokens[index] ?? "").toLowerCase();
  const cut =
    !ended &&
    !listed &&
    length() >= MAX_UNIT_WORDS &&
    /^[\p{L}][\p{L}-]*$/u.test(following) &&
    !STOP_WORDS.has(following) &&
    !PHRASE_VERBS.has(following) &&
    !/(?:ly|ing|ed)$/.test(following);
  // "per hour", "per employee per week", "claims per $", "every month"
  while (
    !ended &&
    phrase.length > 0 &&
    /^(?:per|every)$/i.test(tokens[index] ?? "") &&
    tokens[index + 1]
  ) {
    // "views per 30 days": a period of several days.
    const span = /^(\d+)$/.test(tokens[index + 1])
      ? (tokens[index + 2] ?? "").replace(/[.,;:!?)]+$/, "")
      : "";
    if (/^(?:days|weeks|months|hours|minutes|seconds|years)$/i.test(span)) {
      phrase[phrase.length - 1] += `/${tokens[index + 1]} ${span}`;
      index += 3;
      continue;
    }
    const next = tokens[index + 1].replace(/[.,;:!?)]+$/, "");
    if (!/^(?:[\p{L}]+|[$€£])$/u.test(next)) break;
    if (/^every$/i.test(tokens[index]) && !PERIOD.test(`/${next}`)) break;
    phrase[phrase.length - 1] += `/${next}`;
    index += 2;
  }
  // "1,000 visitors to the website per month": a period a few words on, before any number or
  // punctuation, makes the count a rate.
  if (!ended && phrase.length > 0 && !phrase[phrase.length - 1].includes("/")) {
    for (let at = index; at < Math.min(tokens.length, index + 6); at++) {
      const token = tokens[at].toLowerCase();
      if (/\d/.test(token)) break;
      const period = /^(?:per|a|each|every)$/.test(token)
        ? (tokens[at + 1] ?? "").toLowerCase().replace(/[.,;:!?)]+$/, "")
        : null;
      if (period && /^(?:day|week|month|quarter|year|sprint)$/.test(period)) {
        phrase[phrase.length - 1] += `/${period}`;
        break;
      }
      if (/[.,;:!?)]$/.test(token)) break;
    }
  }
  // "in every region", "for each team": a count per something.
  const every = /^(?:in|for)\s+(?:every|each)\s+([\p{L}]+)/iu.exec(tokens.slice(index).join(" "));
  if (!ended && phrase.length > 0 && every) phrase[phrase.length - 1] += `/${every[1]}`;
  return { unit: phrase.length > 0 ? phrase.join(" ") : null, seconds: null, isNew, cut };
}

/**
 * The rest of a list of short noun phrases after a counted noun and its comma ("practice, or
 * program that …" → practice, or, program): items of one to three words, the last after "or" or
 * "and", each word a plain lower-case word or a name. Null when the tokens are not such a list
 * ("each tested and documented", "doubling revenue and retention").
 */
function listedNouns(tokens: string[]): string[] | null {
  const taken: string[] = [];
  let itemWords = 0;
  for (let at = 0; at < tokens.length && taken.length < 12; at++) {
    const raw = tokens[at];
    const word = raw.replace(/[.,;:!?)]+$/, "");
    const lower = word.toLowerCase();
    if (lower === "or" || lower === "and") {
      taken.push(word);
      // The last item: words up to a stop word, a verb, punctuation or three words.
      const last: string[] = [];
      const lastTokens = tokens.slice(at + 1, at + 4);
      for (const [i, next] of lastTokens.entries()) {
        const item = next.replace(/[.,;:!?)]+$/, "");
        const itemLower = item.toLowerCase();
        // "whiteboarding/brainstorming session": an -ing word before a noun qualifies it.
        const following = lastTokens[i + 1] ?? "";
        const qualifies =
          next === item &&
          /^\p{Ll}+$/u.test(following) &&
          !STOP_WORDS.has(following) &&
          !/^(?:per|each|every)$/.test(following);
        if (
          !/^\p{L}[\p{L}\-/'’]*$/u.test(item) ||
          STOP_WORDS.has(itemLower) ||
          PHRASE_VERBS.has(itemLower) ||
          RATE_WORDS[itemLower] ||
          (/(?:ing|ed)$/.test(itemLower) && !qualifies) ||
          /ly$/.test(itemLower) ||
          /^(?:each|every|per|including)$/.test(itemLower)
        )
          break;
        last.push(item);
        if (next !== item) break;
      }
      return last.length > 0 ? [...taken, ...last] : null;
    }
    const following = tokens[at + 1] ?? "";
    if (
      !/^\p{L}[\p{L}\-/'’]*$/u.test(word) ||
      STOP_WORDS.has(lower) ||
      // "training sessions" is an item; "each tested and documented", "doubling revenue" are not.
      (/(?:ing|ed)$/.test(lower) &&
        !(raw === word && ING_NOUNS.has(lower) && /^\p{Ll}+[.,]?$/u.test(following))) ||
      /^(?:each|every|including)$/.test(lower)
    )
      return null;
    taken.push(raw === `${word},` ? raw : word);
    itemWords++;
    if (raw === `${word},`) itemWords = 0;
    else if (raw !== word || itemWords > 3) return null;
  }
  return null;
}

/** Prepositions after which a word following a plural noun describes it ("issues open for …"). */
const PREDICATE_NEXT = new Set(["for", "in", "on", "at", "from", "than", "since", "until"]);
/** Words after which a base-form word is a verb, not part of a noun: "merge a PR", "sign up". */
const AFTER_VERB = new Set([
  "a",
  "an",
  "the",
  "their",
  "our",
  "its",
  "it",
  "them",
  "this",
  "these",
  "those",
  "up",
  "in",
  "out",
  "on",
  "off",
  "to",
  "at",
  "with",
  "for",
  "from",
  "into",
  "every",
  "each",
  "all",
  "any",
  "some",
]);

/**
 * "contributors merge a PR": a known verb in its base form after a plural noun, followed by an
 * object, a particle, a name, a number or the end, ends the noun phrase.
 */
function verbAfterPlural(previous: string, lower: string, following: string | undefined): boolean {
  if (!/[^su]s$/i.test(previous) || /(?:ss|us|is)$/i.test(previous)) return false;
  if (!(
    DELIVERABLE_VERBS.has(lower) ||
    COUNT_VERBS.has(lower) ||
    UP_VERBS.has(lower) ||
    DOWN_VERBS.has(lower) ||
    KEEP_VERBS.has(lower)
  ))
    return false;
  const next = (following ?? "").replace(/[.,;:!?)]+$/, "");
  return next === "" || AFTER_VERB.has(next.toLowerCase()) || /^[\p{Lu}\p{N}$€£]/u.test(next);
}

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
function quantities(text: string): Quantity[] {
  const found: Quantity[] = [];
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
    let bound: Bound = plus ? "at-least" : null;
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
    const window = text.slice(Math.max(0, start - 40), start);
    // "reviewed by 2 developers": the agent of a passive verb, not a change ("reduced by 20%" is).
    const participle = /(?:^|\s)([\p{L}]+)\s+by\s*$/u.exec(window)?.[1].toLowerCase() ?? "";
    const passive =
      (/[^e]ed$/.test(participle) || IRREGULAR_PARTICIPLES.has(participle)) &&
      !changeWord(participle);
    const byWho =
      /\bby\s*$/i.test(before) &&
      (passive ||
        /^\s*(?:people|persons|reviewers|users|customers|members|teams?|engineers)\b/i.test(after));
    // "NPS up 50 over previous quarter", "churn down 2 points": a change stated with up or down.
    const upDown = /(?:^|\s)(up|down)\s*$/i.exec(before);
    // "5 points lower than last year", "10% higher than in 2024": a change said after the number.
    const comparedAfter =
      bound === null &&
      /^\s*(?:(?:points?|pts|pp|percentage points)\s+)?(lower|higher|less|fewer|more)\s+(?:\S+\s+){0,12}?than\b/i.exec(
        after
      );
    const said = comparedAfter
      ? /^(?:lower|less|fewer)$/i.test(comparedAfter[1] ?? "")
        ? "down"
        : "up"
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
      /\b(?:with|for|among|of)\s+(?:all\s+|the\s+|our\s+)?(?:[\p{L}-]+\s+){0,2}[\p{L}-]+s\s+(?:over|above|under|below|(?:with\s+)?(?:more|less|fewer)\s+than|older\s+than|at\s+least)\s*$/iu.test(
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
    const isCondition =
      byWho || whichOnes || ofWhole || (CONDITION_BEFORE.test(window) && !metricOf);
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
        !/\b(current|faster|more|increase|growth)\b/i.test(read.unit)
      )
        unit = `x ${read.unit}`;
    } else if (fraction) {
      const denominator = Number(fraction[1]);
      shownEnd += fraction[0].length;
      // "2/3 of positive feedback" is a share, "4.5/5 satisfaction score" a score.
      const share = /^\s*of\b/i.test(after.slice(fraction[0].length));
      if (denominator > 0 && !share && SCALE_WORDS.test(text.slice(start, start + 60))) {
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

/** Words joining the noun phrase to its number: "followers to 5k", "count below 100". */
const LINK_BEFORE =
  /(?:^|\s+)(?:from|to|at|of|is|are|was|reaches|reach|hits?|above|below|under|over|least|most|than|more|less|fewer|greater|no|at|[<>≤≥]=?|=|~)\s*$/i;
/** Nouns that name a measure, not what is counted: their number has no count unit. */
const MEASURE_NOUNS =
  /\b(?:scores?|ratings?|nps|csat|sus|index|rates?|ratios?|percentages?|shares?|proportions?|times?|durations?|lengths?|sizes?|latency|revenue|arr|mrr|costs?|spend|budgets?|values?|levels?|coverage|accuracy|uptime|availability|speed|throughput|version|grade|health|satisfaction|feedback|survey|scale)\b/i;

/**
 * What "the number of …" counts: "the number of weekly transactions on the network" (weekly
 * transactions), "the average number … of end users testing …" (end users), "the number of pages
 * per session" (pages/session). Undefined when there is no "number of"; null when what follows is
 * no count unit.
 */
function numberOfPhrase(before: string): string | null | undefined {
  // "the average number … of end users": an elision between the words is read through.
  const numberOf =
    /\b(?:number|count|amount|total)\s+(?:(?:…|\.\.\.)\s*)?of\s+(?:the\s+|our\s+)?(.+)$/i.exec(
      before
    );
  if (!numberOf) return undefined;
  const phrase: string[] = [];
  for (const word of words(numberOf[1])) {
    if (!/^[\p{L}][\p{L}\p{N}\-'’]*$/u.test(word) || STOP_WORDS.has(word.toLowerCase())) break;
    // "end users testing product updates": an -ing word after a plural noun starts a clause.
    const last = phrase[phrase.length - 1] ?? "";
    if (/ing$/i.test(word) && !ING_NOUNS.has(word.toLowerCase()) && /[^su]s$/i.test(last)) break;
    // "students impacted by our titles": a participle after a plural noun describes it.
    if (/[^e]ed$/i.test(word) && /[^su]s$/i.test(last)) break;
    phrase.push(word);
  }
  const unit = phrase.join(" ");
  if (phrase.length === 0 || phrase.length > MAX_UNIT_WORDS || MEASURE_NOUNS.test(unit))
    return null;
  // "the number of pages per session": a count per something.
  const perWhat = /^\s+per\s+(\p{L}+)/u.exec(
    words(numberOf[1]).slice(phrase.length).join(" ").replace(/^/, " ")
  );
  return perWhat ? `${unit}/${perWhat[1]}` : unit;
}

/**
 * The counted noun written before its number: "Increase the number of active validators to 100"
 * (active validators), "Grow Twitter followers from 2k to 5k" (Twitter followers), "Open issue
 * count below 100" (open issues). Null when the words before name a measure (a score, a rate, a
 * time) or no noun phrase joins the number.
 */
function unitBefore(main: string, q: Quantity): string | null {
  // A window, not the whole text: the noun phrase is a few words, and long texts stay linear.
  let before = main.slice(Math.max(0, q.start - 120), q.start);
  // The "to" number of "from X to Y" takes the noun before "from".
  before = before.replace(/\s*\bfrom\s+\S+\s*(?:to|→|->|–|-)\s*$/i, " from");
  let linked = false;
  for (let link = LINK_BEFORE.exec(before); link; link = LINK_BEFORE.exec(before)) {
    before = before.slice(0, link.index);
    linked = true;
  }
  if (!linked) return null;
  const counted = numberOfPhrase(before);
  if (counted !== undefined) return counted;
  let tokens = words(before);
  // "false alarms per shift from 40 to 10": a count per something.
  const per = tokens.length >= 3 ? tokens[tokens.length - 2].toLowerCase() : "";
  let perWhat = "";
  if (per === "per" && /^[\p{L}]+$/u.test(tokens[tokens.length - 1])) {
    perWhat = `/${tokens[tokens.length - 1]}`;
    tokens = tokens.slice(0, -2);
  }
  const phrase: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && phrase.length < MAX_UNIT_WORDS + 1; i--) {
    const word = tokens[i];
    const lower = word.toLowerCase();
    // "older than 30 days to 0": a noun right after another number is that number's unit.
    if (/^[\p{N}$€£]/u.test(word)) return null;
    if (!/^[\p{L}][\p{L}\p{N}\-'’]*$/u.test(word) || STOP_WORDS.has(lower)) break;
    if (
      i === 0 &&
      (verbDirection(word).direction !== null ||
        DELIVERABLE_VERBS.has(lower) ||
        COUNT_VERBS.has(lower))
    )
      break;
    // The sentence's first word before a noun phrase is its verb, known or not ("Bring monthly
    // active users to 2,000"); a sentence that starts with its noun keeps the head noun anyway.
    if (i === 0 && q.start <= 120 && phrase.length > 0) break;
    phrase.unshift(word);
  }
  if (phrase.length === 0 || phrase.length > MAX_UNIT_WORDS) return null;
  // "bug count", "GitHub star count": what is counted is the noun before "count".
  if (/^(?:count|number|total|amount)$/i.test(phrase[phrase.length - 1])) {
    phrase.pop();
    if (phrase.length === 0) return null;
    const last = phrase[phrase.length - 1];
    if (!/s$/i.test(last)) phrase[phrase.length - 1] = `${last}s`;
  }
  const unit = phrase.join(" ");
  if (MEASURE_NOUNS.test(unit)) return null;
  return `${unit}${perWhat}`;
}

let formatter: Intl.NumberFormat | null = null;
/** One formatter for every reason: `toLocaleString` builds a new one on each call, which is slow. */
function numberFormat(): Intl.NumberFormat {
  formatter ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
  return formatter;
}

function format(quantity: Pick<Quantity, "value" | "unit">): string {
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

function isDuration(quantity: Quantity): boolean {
  return quantity.seconds !== null || DURATION_LIKE.test(quantity.unit ?? "");
}

function verbDirection(text: string): { direction: Direction; verb: string | null } {
  const first = (words(text)[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  if (UP_VERBS.has(first)) return { direction: "up", verb: first };
  if (DOWN_VERBS.has(first)) return { direction: "down", verb: first };
  // "Simplify the setup to 1 command", "Streamline review to 2 steps": fewer is simpler. With no
  // "to N" the verb names work ("Simplify the signup form").
  if (/^(?:simplify|streamline)$/.test(first) && /\bto\s+(?:at most\s+|under\s+)?\d/i.test(text))
    return { direction: "down", verb: first };
  // "Hold 2 community meetups", "Keep 3 …" with a count straight after: an event or a count, not
  // a level to keep ("Hold uptime at 99.9%", "Keep churn under 3%").
  if (KEEP_VERBS.has(first) && /^\S+\s+\d/.test(text) && !/^\S+\s+\d[\d.,]*\s*%/.test(text))
    return { direction: null, verb: first };
  if (KEEP_VERBS.has(first)) return { direction: "keep", verb: first };
  return { direction: null, verb: first || null };
}

/** The last direction word before `position` ("backlog … reduced by 50%"), if any. */
function directionBefore(
  text: string,
  position: number
): { direction: Direction; verb: string } | null {
  let best: { at: number; direction: Direction; verb: string } | null = null;
  for (const [pattern, direction] of [
    [DOWN_WORD, "down"],
    [UP_WORD, "up"],
  ] as const) {
    for (const match of text.slice(0, position).matchAll(pattern)) {
      const at = match.index ?? 0;
      if (!best || at > best.at) best = { at, direction, verb: match[0].toLowerCase() };
    }
  }
  return best;
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
  statedChange: { value: number; direction: "up" | "down" } | null;
  /** "(18 total)": a total that replaces the count of the sentence. */
  total: number | null;
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
    total: null,
    others: [],
  };
  // The text between the parentheses, joined once at the end: rebuilding the string once per
  // parenthesis was quadratic (issue 12: "(Current: 1) " repeated to 1 MB took 35 s).
  const kept: string[] = [];
  let keptUpTo = 0;
  for (const match of text.matchAll(/\(([^()]*)\)/g)) {
    const inner = match[1].trim();
    const start = match.index ?? 0;
    kept.push(text.slice(keptUpTo, start));
    keptUpTo = start + match[0].length;
    const current =
      /^(?:from\s+)?(?:current(?:ly)?|today|now|baseline)\s*:?\s*(?:is\s+|at\s+)?(.+)$/i.exec(
        inner
      ) ??
      // "(May 2019 total is 2.7 million)", "(2023 total: 42)", "(the total is 42)": the total
      // when it was set ("(total: 50)" alone is the total to reach).
      /^(?:as of\s+)?(?:[\p{L}]+\s+)?(?:19|20)\d\d\s+(?:total|count)\s*(?::|is|was|of)\s*(.+)$/iu.exec(
        inner
      ) ??
      /^(?:the\s+)?(?:total|count)\s+(?:is|was)\s+(?:currently\s+)?(.+)$/i.exec(inner);
    const points = /^\+\s*(\d+(?:\.\d+)?)\s*(?:points?|pts|percentage points|pp)\b/i.exec(inner);
    const times = /^(\d+(?:\.\d+)?)\s*[x×]\s+(?:the\s+)?current\b/i.exec(inner);
    const change =
      /^(?:an?\s+)?(\d+(?:\.\d+)?)\s*%\s*(reduction|improvement|increase|decrease|faster|less|fewer|more|growth|up|down)\b/i.exec(
        inner
      );
    const total =
      /^(\d+)\s+(?:in\s+)?total$/i.exec(inner) ?? /^(?:total|in total)\s*:?\s*(\d+)$/i.exec(inner);
    const stated = current ? quantities(current[1]) : [];
    if (stated.length > 0) result.current = stated[0];
    else if (points) result.points = Number(points[1]);
    else if (times) result.timesCurrent = Number(times[1]);
    else if (change)
      result.statedChange = {
        value: Number(change[1]),
        direction: /^(reduction|decrease|less|fewer|down)$/i.test(change[2]) ? "down" : "up",
      };
    else if (total) result.total = Number(total[1]);
    else {
      const pair = fromToIn(inner);
      if (pair) result.fromTo = pair;
      else if (inner.length > 0 && !/^(?:target|goal)$/i.test(inner)) result.others.push(inner);
    }
  }
  kept.push(text.slice(keptUpTo));
  result.main = kept.join(" ").replace(/\s+/g, " ").trim();
  return result;
}

/** "from 5 minutes to 30 seconds", "4.2 to 2.5", "to 75% from current 45%". */
function fromToIn(text: string, found: Quantity[] = quantities(text)): [Quantity, Quantity] | null {
  for (let i = 0; i + 1 < found.length; i++) {
    // "2x to 20k": a multiplier and a count are not a baseline and a target.
    if ((found[i].unit === "x") !== (found[i + 1].unit === "x")) continue;
    const between = text.slice(found[i].end, found[i + 1].start);
    if (/^\s*(?:to|→|->|–|-)\s*$/i.test(between) || /^\s*\p{L}*\s*to\s*$/iu.test(between)) {
      const before = text.slice(Math.max(0, found[i].start - 6), found[i].start);
      if (/from\s*$/i.test(before) || /^\s*(?:to|→|->)\s*$/i.test(between))
        return [found[i], found[i + 1]];
    }
    // "to 75% from current 45%"
    if (/^\s*from\s+(?:(?:the\s+)?current(?:ly)?|today'?s?)?\s*:?\s*$/i.test(between)) {
      const before = text.slice(Math.max(0, found[i].start - 4), found[i].start);
      if (/\bto\s*$/i.test(before)) return [found[i + 1], found[i]];
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

function notMeasurable(
  reason: string,
  confidence: number = CONFIDENCE.notMeasurable
): ParsedKeyResult {
  return {
    measurable: false,
    type: null,
    baseline: null,
    target: null,
    unit: null,
    current: null,
    confidence,
    reason,
  };
}

function milestone(reason: string, confidence: number): ParsedKeyResult {
  return {
    measurable: true,
    type: "milestone",
    baseline: null,
    target: null,
    unit: null,
    current: null,
    confidence: tidy(confidence),
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

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  fifty: 50,
  hundred: 100,
};
const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

// Names that carry numbers are glued into one word, which no number is read from:
// "tier 1 or 2" → "tier1-2", "RFC 42" → "RFC42", "Kubernetes 1.25" → "Kubernetes1.25".
function glue(text: string): string {
  return text.replace(/\s*(?:or|and|,|\/)\s*(?:tier\s*)?/gi, "-").replace(/\s+/g, "");
}
const NAMES: [RegExp, string | ((text: string) => string)][] = [
  [/\btiers?\s*\d+(?:\s*(?:or|and|,|\/)\s*(?:tier\s*)?\d+)*/gi, glue],
  [
    /\b(?:rfc|level|phase|step|stage|version|release|milestone|sprint|batch|cohort|wave|season|edition|v)\s*\d+(?:\.\d+)*\b/gi,
    glue,
  ],
  // "a stable 1.0 version", "the 2.3 release": a version before its noun.
  [/\b\d+\.\d+(?:\.\d+)*\s+(?:version|release)\b/gi, (text) => `v${glue(text)}`],
  // "Points # 1, 2 & 3": references to items, not numbers.
  [
    /#\s+\d+(?:\s*(?:,|&|and)\s*\d+)*/gi,
    (text) => `#${text.replace(/\D+/g, "-").replace(/^-/, "")}`,
  ],
  [/\b(?:as of|since|in|on)\s+v?(?=\d+\.\d+)/gi, "$&v"],
  [/(?<![\p{L}\p{N}.])(?=\d+\.\d+\.\d+\b)/gu, "v"],
  [
    /(?<![\p{L}+#-])[A-Z][\p{L}+#-]*\s\d+\.\d+(?![\d%.\p{L}]|\s*(?:%|[xX×]\b|(?:to|→|->)\s*\d))/gu,
    glue,
  ],
  [new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, "gi"), glue],
  [
    /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/giu,
    (text) => `on-${glue(text)}`,
  ],
  [/\b(?:(?:H|Q)[1-4]|[1-4](?:H|Q))\s+\d{4}\b/g, (text) => text.replace(/\s+/, "-")],
  // Deadlines: "by Week 8", "by end of Week 4", "in sprint 3" (sprint is above).
  [/\b(?:by|before|until|in)\s+(?:the\s+)?(?:end\s+of\s+)?(?:week|day|month)\s+\d+\b/gi, glue],
  // "end to end" is one word, as "end-to-end" is.
  [/\bend to end\b/gi, "end-to-end"],
  // "build / package tools", "React / React Native": alternatives joined as one word.
  [/(?<=\p{L})\s+\/\s+(?=\p{L})/gu, "/"],
  // Standards and specifications: "SOC 2", "ISO 27001", "ERC-20", "WCAG 2.1", "PCI DSS 4".
  [
    /\b(?:SOC|ISO|IEC|PCI(?:\s+DSS)?|ERC|EIP|BIP|PEP|WCAG|IEEE|HTTP|TLS|SSL|IPv|OAuth|CVE|FIPS|NIST(?:\s+SP)?|GDPR|HIPAA|OWASP(?:\s+Top)?)[\s-]?\d+(?:[.-]\d+)*\b/g,
    glue,
  ],
  // A version after a move to it: "Upgrade to Node 18", "Migrate to Postgres 15".
  [
    /\b(?:to|onto|on)\s+[A-Z][\p{L}.+#-]*\s+v?\d+(?:\.\d+)*(?=\s*$|\s*[.,;)]|\s+(?:and|by|in|for|on|across|before)\b)/gu,
    (text) =>
      text.replace(/^(\S+\s+)(.*)$/, (_all, link: string, name: string) => `${link}${glue(name)}`),
  ],
  // A year before a noun it names: "the 2021 audit", "our 2020 roadmap".
  [/\b(?:the|our|its|their|this)\s+(?:19|20)\d\d(?=\s+[\p{L}]+(?<!s)\b)/giu, (text) => `${text}-`],
];

/** The sentence as the forms read it: the key result alone, with names and dates set aside. */
interface Prepared {
  /** The key result's own words, numbers that are names taken out, number words as digits. */
  body: string;
  /** What follows "=>": a result, read only for a current value. */
  result: string | null;
  /** What was set aside, for the reason. */
  setAside: string[];
}

/**
 * Takes off what is not the key result and spells it so the forms can read it: an owner prefix
 * ("CEO KR:", "Red Team:"), a result after "=>", issue references and links, an owner after
 * " - @", numbers that are names (RFC 42, tier 1, Kubernetes 1.25, 0.5.0, Nov 16), and number
 * words ("two", "at least one", "an hour").
 */
function prepare(sentence: string): Prepared {
  const setAside: string[] = [];
  let body = sentence;
  let result: string | null = null;
  const arrow = body.indexOf("=>");
  if (arrow >= 0) {
    result = body.slice(arrow + 2).trim();
    body = body.slice(0, arrow).trim();
    setAside.push(`the result after "=>" is not the target`);
  }
  // "CEO KR:", "Sales (Closing Deals) KR:", "KR:", "Red Team:", "Director of Product, Dev:".
  // "[Key Result] …", "Key Result: Key Result 2: …": each prefix taken off.
  body = body.replace(/^\[\s*(?:key\s*results?|kr)\s*\]\s*/i, "");
  for (let again = 0; again < 2; again++)
    body = body
      .replace(/^(?:[^:\d]{0,80}?\b)?(?:KR|Key result)\s*\d*(?:\.\d+)*\s*:\s*/i, "")
      // "KR2 1H 2016 Participation Plan delivered": a numbered KR with no colon.
      .replace(/^KR\s?\d+(?:\.\d+)*[.:)]?\s+/, "");
  // "… deployed via CI/CD. [12/14]", "[30%]": a progress mark, not a target.
  const mark = /\s*\[\s*\d+(?:\.\d+)?\s*(?:\/\s*\d+(?:\.\d+)?|%)\s*\]\s*$/.exec(body);
  if (mark) {
    body = body.slice(0, mark.index);
    setAside.push(`${mark[0].trim()} is a progress mark, not the target`);
  }
  const team = /^([A-Z][\p{L}&,'’ ()/-]{0,60}):\s+(?=\S)/u.exec(body);
  if (team && words(team[1]).length <= 6 && !/[<>≥≤%$]/.test(team[1]))
    body = body.slice(team[0].length);
  body = body
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\s+-\s+@[\w-]+.*$/u, "")
    .replace(/\s@[\w-]+\b/gu, " ")
    // "issue 12066", "Fix issues 1014920 and 589083": references, not numbers ("issues 50%" is one).
    .replace(
      /\b(?:issues?|prs?|mrs?|bugs?|tickets?|crbug\.com\/?)\s*#?\d+(?:\s*(?:,|and|&)\s*#?\d+)*\b(?!\s*%|[.,]\d)/gi,
      " "
    )
    // From the start of a word only: tried inside a long run of letters, the run is read again at
    // each of its letters (quadratic, issue 12).
    .replace(/(?<![\w./-])[\w./-]*#\d+/g, " ")
    .replace(/\bcrbug\.com\/\d+/gi, " ");
  // Names that carry numbers.
  for (const [pattern, replacement] of NAMES)
    body =
      typeof replacement === "string"
        ? body.replace(pattern, replacement)
        : body.replace(pattern, replacement);
  // Number words.
  body = body
    .replace(/\b(?:one or more|1 or more)\b/gi, "1+")
    .replace(/\bat least (?:one|a single)\b/gi, "at least 1")
    .replace(
      /\b(within|in|take|takes|taking|under|than|to)\s+(?:an|one)\s+(hour|iteration|day|week|month|minute|sprint|business day|working day|quarter|year)\b/gi,
      "$1 1 $2"
    )
    .replace(/^one\s+(?=\p{L})/iu, "1 ")
    // "Get one design partner": "one" right after a verb that takes a count.
    .replace(
      /\b(get|hire|sign|onboard|add|win|close|publish|write|run|host|hold|recruit|reach|secure|land|acquire|attract)\s+one\b(?!\s*(?:of|-|another|or)\b)/gi,
      "$1 1"
    )
    .replace(/\ba\s+dozen\b/gi, "12")
    .replace(/\ba\s+couple\s+of\b/gi, "2")
    .replace(
      /\b(two|three|four|five|ten|hundred)fold\b/gi,
      (_word: string, count: string) => `${NUMBER_WORDS[count.toLowerCase()]}-fold`
    )
    // "8 out of 10 users": a share of a whole, as "8/10".
    .replace(
      /\b(\d+|zero|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\s+out\s+of\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\b/gi,
      (_all: string, part: string, whole: string) =>
        `${NUMBER_WORDS[part.toLowerCase()] ?? part}/${NUMBER_WORDS[whole.toLowerCase()] ?? whole}`
    )
    .replace(
      /\b(zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|hundred)\b(?!\s*(?:of\s+(?:the|them|these|those|our)|-))/gi,
      (word: string) => String(NUMBER_WORDS[word.toLowerCase()])
    );
  return { body: body.replace(/\s+/g, " ").trim(), result, setAside };
}

/** What every form reads from. */
interface Sentence {
  /** The key result's own words, without parentheses. */
  main: string;
  parts: Parentheticals;
  /** Every number in `main`. */
  found: Quantity[];
  /** The numbers that are metrics, not scope or conditions ("within 7 days", "for 1k users"). */
  metrics: Quantity[];
  direction: Direction;
  verb: string | null;
  current: Quantity | null;
  /** The result after "=>", for a current value. */
  result: string | null;
  reasons: string[];
}

/** A sentence form: reads the sentence, or returns null for the next form to try. */
type Form = (s: Sentence) => ParsedKeyResult | null;

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

/** A word that introduces a scope, with a bound after it: "across more than ", "serving ". */
const SCOPE_BEFORE =
  /(?:^|\s)(?:across|among|amongst|for|over|in|serving|covering|spanning)\s+(?:(?:more|greater)\s+than\s+|at\s+least\s+|over\s+|[≥>]=?\s*)?$/i;

/**
 * A second metric in the same sentence makes the reading ambiguous: the returned penalty brings
 * any confidence below AMBIGUOUS_BELOW. Scope and conditions ("within 7 days") are not metrics.
 */
function extraMetrics(s: Sentence, used: Quantity[]): number {
  const scope = s.found.filter((q) => q.isCondition && !used.includes(q));
  if (scope.length > 0)
    s.reasons.push(
      `${scope.map((q) => format(q)).join(", ")}: scope or a condition of the metric, not a second metric`
    );
  // "7 certifications with more than 10,000 certificates issued": a bound is how a target is
  // written, so a bounded number read as scope may be the metric after all.
  // "90% accuracy across 50+ topics", "5 solutions serving 20,000+ users": after the metric, a
  // bounded number that a scope word introduces says how wide, not what is scored.
  const scoped = (q: Quantity) =>
    used.some((u) => u.end <= q.start) &&
    SCOPE_BEFORE.test(s.main.slice(Math.max(0, q.start - 40), q.start));
  const bounded = scope.filter(
    (q) => q.bound !== null && !isDuration(q) && q.seconds === null && !scoped(q)
  );
  if (bounded.length > 0) {
    s.reasons.push(
      `${bounded.map((q) => format(q)).join(", ")} has a bound ("at least", "more than"), as a target does: it may be the metric`
    );
    return CONFIDENCE.boundedScope;
  }
  const others = s.metrics.filter((q) => !used.includes(q));
  if (others.length === 0) return 0;
  const listed = others.slice(0, 3).map((q) => format(q));
  if (others.length > 3) listed.push(`and ${others.length - 3} more`);
  s.reasons.push(
    `a second metric is not scored: ${listed.join(", ")}; split it into its own key result or confirm the first`
  );
  return CONFIDENCE.secondMetric;
}

/** Nouns counted in the singular: "10,000 people", "5 pieces of content". */
const MASS_NOUNS =
  /^(?:people|staff|content|data|feedback|traffic|documentation|software|hardware|equipment|information|research|work|revenue|funding|usage|adoption|engagement|media|criteria|personnel|news|training|coverage|storage|bandwidth|capacity|throughput|uptime|availability|support)$/i;

/**
 * A count of more than one whose noun is singular ("50K reference architecture", "2 React"): a
 * name or a size.
 */
function singularCount(primary: Quantity): boolean {
  const unit = primary.unit;
  if (
    unit === null ||
    !(primary.value > 1) ||
    primary.seconds !== null ||
    isDuration(primary) ||
    /^[%$€£x/]/.test(unit) ||
    unit.includes("/") ||
    GLUED_UNIT.test(unit)
  )
    return false;
  const head = unit.split(/\s+/).pop() ?? "";
  // A capitalised head is as telling as a lower-case one ("2 React", "10.14 Bot"); an acronym
  // ("3 API", "2 PR") is not, as its plural is often written without the "s".
  return /^\p{L}[\p{Ll}-]*$/u.test(head) && !/s$/i.test(head) && !MASS_NOUNS.test(head);
}

/**
 * The unit's words are followed by more nouns in a list: ", practice, or program". The items
 * before "or"/"and" are short noun phrases (1 to 3 words, none an -ing or -ed form, nor "each" or
 * "including"): ", each tested and documented" and ", doubling revenue and retention" are not.
 */
function listAfter(after: string, unit: string): boolean {
  const rest = after.trimStart();
  const first = unit.split("/")[0];
  if (!rest.toLowerCase().startsWith(first.toLowerCase())) return false;
  const list = /^\s*,\s*([\p{L}\s,/-]{1,40}?),?\s+(?:or|and)\s/u.exec(rest.slice(first.length));
  if (!list) return false;
  return list[1].split(",").every((item) => {
    const itemWords = words(item);
    return (
      itemWords.length >= 1 &&
      itemWords.length <= 3 &&
      !itemWords.some((word) => /^(?:each|including)$|\p{L}{3}(?:ing|ed)$/iu.test(word))
    );
  });
}

/**
 * The counted noun is followed by "of" and a bare plural noun ("15 relevant profiles of
 * applicants"): the complement may be part of what is counted, and which noun heads the unit is a
 * guess.
 */
function complementAfter(after: string, unit: string): boolean {
  const rest = after.trimStart();
  const first = unit.split("/")[0];
  if (unit.includes("/") || !rest.toLowerCase().startsWith(first.toLowerCase())) return false;
  // "members of the Analytics team", "contributors to our repositories": with a determiner, or
  // after "to", the complement says where they belong, not what is counted.
  return /^\s+of\s+\p{Ll}+[^su\W]s(?![\p{L}-])/u.test(rest.slice(first.length));
}

/** Plural words that modify a noun as often as they head one ("sales calls", "operations lead"). */
const PLURAL_MODIFIERS =
  /^(?:sales|news|analytics|operations|systems|ops|devops|jobs|results|business|status|series|ads|docs|kubernetes|windows|ios|macos|us|points)$/i;

/**
 * A plural noun inside the unit before a last word that is not plural ("developers follow-up",
 * "people share information"): the noun phrase may have run into the verb after it.
 */
function pluralInside(unit: string): boolean {
  return unit.split("/").some((part) => {
    const list = words(part);
    if (list.length < 2 || /^[%$€£]/.test(part) || /\bof\b/i.test(part)) return false;
    const last = list[list.length - 1];
    if (/(?:[^s]s|people)$/i.test(last)) return false;
    return list
      .slice(0, -1)
      .some(
        (word) => /^(?:[\p{L}-]+[^su'’\s]s|people)$/iu.test(word) && !PLURAL_MODIFIERS.test(word)
      );
  });
}

/**
 * Doubts that do not depend on the form: a count with a singular noun, a number inside a
 * subordinate clause. Each says why in the reasons and returns what it takes off.
 */
function fragility(s: Sentence, primary: Quantity): number {
  let penalty = 0;
  if (singularCount(primary)) {
    s.reasons.push(
      `${format(primary)}: a count of more than one with a singular noun, perhaps a name or a size rather than a count`
    );
    penalty += CONFIDENCE.singularCount;
  }
  if (primary.unitCut) {
    s.reasons.push(
      `${format(primary)}: the noun phrase goes on past ${MAX_UNIT_WORDS} words, so what is counted is a guess`
    );
    penalty += CONFIDENCE.longUnit;
  }
  if (
    /\b(?:when|which|whether|if|once|so that|where|while|because|who)\b/i.test(
      s.main.slice(0, primary.start)
    )
  ) {
    s.reasons.push(
      `${format(primary)} is in a clause that describes, not in the key result's own clause`
    );
    penalty += CONFIDENCE.subordinateClause;
    const first = (words(verbText(s.main))[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
    if (DELIVERABLE_VERBS.has(first)) {
      s.reasons.push(`it may describe what "${first}" delivers, and the key result be a milestone`);
      penalty += CONFIDENCE.clauseOfDeliverable;
    }
  }
  if (primary.unit !== null && pluralInside(primary.unit)) {
    s.reasons.push(
      `${format(primary)}: a plural noun inside the unit, so the noun phrase may have run into a verb and what is counted is a guess`
    );
    penalty += CONFIDENCE.pluralInsideUnit;
  }
  // "1 meet-up, educational session, or whiteboarding session per quarter": the noun read is the
  // first of a list, and what is counted is the whole list.
  if (
    primary.unit !== null &&
    !/^[%$€£x]/.test(primary.unit) &&
    listAfter(s.main.slice(primary.end), primary.unit)
  ) {
    s.reasons.push(
      `${format(primary)} is the first of a list of nouns, so what is counted is a guess`
    );
    penalty += CONFIDENCE.listedUnit;
  }
  if (
    primary.unit !== null &&
    /^\p{L}/u.test(primary.unit) &&
    !isDuration(primary) &&
    complementAfter(s.main.slice(primary.end), primary.unit)
  ) {
    s.reasons.push(
      `${format(primary)} is followed by "of" and a plural noun, which may be what is counted`
    );
    penalty += CONFIDENCE.complementedUnit;
  }
  if (
    /^(?:[$€£]|CHF|USD|EUR|GBP|CAD|AUD|NZD|SEK|NOK|DKK|INR)/.test(primary.unit ?? "") &&
    /\b(?:allocat\w*|assign\w*|spend\w*|spent|dedicat\w*|earmark\w*|invest\w*)\s+(?:\S+\s+){0,2}$/i.test(
      s.main.slice(0, primary.start)
    )
  ) {
    s.reasons.push(
      `${format(primary)} is money given out, a means rather than a result: the key result may be the allocation itself, a milestone`
    );
    penalty += CONFIDENCE.moneyGivenOut;
  }
  if (primary.isRange) {
    s.reasons.push(`${primary.shown} is one end of a range, so the target is a guess`);
    penalty += CONFIDENCE.range;
  }
  if (primary.isCondition && primary.value === 1 && !isDuration(primary)) {
    s.reasons.push(
      `every number says what counts or the scope; ${format(primary)} is read as the target, which is a guess`
    );
    penalty += CONFIDENCE.scopeAsTarget;
  }
  return penalty;
}

/** The verb says one direction and the numbers the other: the numbers win, and the reason says so. */
function directionConflict(
  s: Sentence,
  type: KeyResultType,
  baseline: number,
  target: number
): number {
  if (
    (s.direction === "down" && type === "increase") ||
    (s.direction === "up" && type === "decrease")
  ) {
    s.reasons.push(
      `the wording says "${s.verb}" but the target (${tidy(target)}) is ${type === "increase" ? "above" : "below"} the baseline (${tidy(baseline)}); the numbers are used`
    );
    return CONFIDENCE.directionConflict;
  }
  return 0;
}

/** The metric the key result is about. */
function primaryOf(s: Sentence): Quantity {
  const pool = s.metrics.length > 0 ? s.metrics : s.found;
  const current = s.current;
  return (
    (current &&
      s.found.find(
        (q) =>
          !q.isChange &&
          !q.isNew &&
          q.unit !== null &&
          sameKind(q, current) &&
          q.unit === current.unit
      )) ??
    pool[0]
  );
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

/** The sentence from its verb: "We fix the errors" reads from "fix". */
function verbText(text: string): string {
  return text.replace(/^(?:we|they|the team|our team)\s+(?:will\s+|proactively\s+|also\s+)?/i, "");
}

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

/** A ceiling to stay at or below, with no baseline: "releases take 1 hour", "Reduce … to 5%". */
function ceiling(s: Sentence, primary: Quantity, confidence: number): ParsedKeyResult {
  return reading(
    {
      type: "maintain-below",
      baseline: null,
      target: primary.value,
      unit: primary.unit,
      current: null,
    },
    confidence - extraMetrics(s, [primary]),
    s.reasons
  );
}

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

/** Verbs that take a count: "Solve 3 issues", "Have 35 contributors". */
const COUNT_VERBS = new Set([
  "have",
  "get",
  "reach",
  "sign",
  "onboard",
  "drive",
  "solve",
  "contribute",
  "graduate",
  "sell",
  "close",
  "train",
  "process",
  "serve",
  "enroll",
  "recruit",
  "convert",
  "win",
  "answer",
  "attract",
  "acquire",
  "engage",
]);

/**
 * The count is the sentence's subject, or the object of a verb that takes one; a count with no
 * unit, or in a sentence that starts with a name ("Sourcegraph Cloud provides … over 5.5M
 * repos"), is a guess.
 */
function near(s: Sentence, primary: Quantity): boolean {
  const before = s.main.slice(0, primary.start);
  if (primary.unit === null) return false;
  // "Grow the number of subscribers to 2,000": the noun named before the number is the count.
  if (primary.unitBefore && verbDirection(verbText(s.main)).direction === "up") return true;
  if (words(verbText(before)).length <= 3 || /\brate of\s*$/i.test(before)) return true;
  // Deep in a long sentence ("Launch X, which will offer … 10 opportunities, …"): a guess.
  if (words(before).length > 6) return false;
  const first = (words(verbText(s.main))[0] ?? "").toLowerCase().replace(/[^\p{L}-]/gu, "");
  return (
    UP_VERBS.has(first) ||
    DOWN_VERBS.has(first) ||
    KEEP_VERBS.has(first) ||
    DELIVERABLE_VERBS.has(first) ||
    COUNT_VERBS.has(first) ||
    /^(?:at|more|over|the|all|each|every|an?|\d)/.test(first)
  );
}

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
