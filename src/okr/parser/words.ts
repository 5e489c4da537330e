/**
 * The parser's word lists and tables: verbs by direction, deliverable verbs, words that end a unit
 * phrase, durations, rates.
 */

export const UP_VERBS = new Set([
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
export const DOWN_VERBS = new Set([
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
export const KEEP_VERBS = new Set(["maintain", "keep", "sustain", "hold", "preserve", "stay"]);
/** Direction words anywhere in a sentence, in any form: "backlog … reduced by 50%". */
export const DOWN_WORD =
  /\b(?:reduc(?:e|es|ed|ing|tion)|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|lower(?:s|ed|ing)?|shorten(?:s|ed|ing)?|minimi[sz](?:e|es|ed|ing)|halv(?:e|es|ed|ing)|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing))\b/gi;
export const UP_WORD =
  /\b(?:increas(?:e|es|ed|ing)|grow(?:s|n|ing|th)?|rais(?:e|es|ed|ing)|boost(?:s|ed|ing)?|improv(?:e|es|ed|ing|ement)|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|expand(?:s|ed|ing)?)\b/gi;
/** Verbs that make a deliverable: the key result is done or not done. */
export const DELIVERABLE_VERBS = new Set([
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
  "retire",
  "sunset",
  "decommission",
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
export const DELIVERED_STATE =
  /\b(?:is|are|has been|have been|gets|get|becomes?)\s+(?:\w+\s+)?(?:published|finished|done|shipped|released|launched|enabled|available|in place|merged|complete|completed|deployed|live|provisioned|documented|the default|ready)\b|\bproduction[- ]ready\b|\bwe have (?:a |an )?(?:documented|\w+ed)\b|\bhave (?:systematized|documented|a)\b|\baren[’']?t blocked\b|\bis version controlled\b|\bwe(?:[’']ve| have)\s+(?:[\p{L}]+\s+)?(?:written|built|made|done|run|held|begun|drawn|shipped|published|documented|created)\b/iu;
/** No number and one of these: nothing to score and nothing to deliver ("Improve effectiveness"). */
export const VAGUE =
  /\b(?:improv(?:e|es|ed|ing)|increase[sd]?|maximi[sz]e|minimi[sz]e|maintain|publici[sz]e|meet|achieve|continu?ous|on plan|better|more\.?$|is receiving|infinity|grow|progress|consider|explore|understand(?:ing)?|encourag(?:e|es|ing)|cultivat(?:e|es|ing)|evangeli[sz](?:e|es|ing)|promot(?:e|es|ing)|enhanc(?:e|es|ing)|partnering|continue|greater|silos)\b|\?\s*$/i;

/**
 * Verbs that name a direction or an aim rather than work to deliver ("Foster a culture of review",
 * "Empower teams", "Accelerate adoption"): with no number, nothing to measure, as "Improve X" is.
 * Only the sentence's first verb is looked up, so "Ship X to help teams" stays a deliverable.
 */
export const AIM_VERBS = new Set([
  "foster",
  "empower",
  "strengthen",
  "deepen",
  "broaden",
  "widen",
  "nurture",
  "inspire",
  "advance",
  "champion",
  "leverage",
  "engage",
  "attract",
  "retain",
  "facilitate",
  "educate",
  "unite",
  "embrace",
  "prioritize",
  "prioritise",
  "focus",
  "accelerate",
  "advocate",
  "amplify",
  "diversify",
  "excel",
  "enrich",
  "mature",
  "reinforce",
  "revitalize",
  "revitalise",
  "solidify",
  "spread",
  "strive",
  "aspire",
  "elevate",
  "position",
  "invest",
  "motivate",
  "innovate",
  "thrive",
]);

export const DURATIONS: Record<string, { unit: string; seconds: number }> = {};
for (const [unit, seconds, spellings] of [
  ["milliseconds", 0.001, ["ms", "millisecond", "milliseconds"]],
  ["seconds", 1, ["s", "sec", "secs", "second", "seconds"]],
  ["minutes", 60, ["min", "mins", "minute", "minutes"]],
  ["hours", 3600, ["h", "hr", "hrs", "hour", "hours"]],
  ["days", 86_400, ["d", "day", "days"]],
  ["weeks", 604_800, ["w", "wk", "wks", "week", "weeks"]],
  ["months", 2_629_800, ["mo", "mos", "month", "months"]],
  ["years", 31_557_600, ["yr", "yrs", "year", "years"]],
] as const) {
  for (const spelling of spellings) DURATIONS[spelling] = { unit, seconds };
}
/** Units of time that are not convertible but are still durations: "2 business days", "1 iteration". */
export const DURATION_LIKE =
  /^(?:business days?|working days?|iterations?|sprints?|releases? cycles?)$/i;

/**
 * Measures that are a time to wait, where less is better, named just before their number:
 * "MTTR of 30 min", "Time to first response: 4 hours", "p95 latency 300ms".
 */
export const DURATION_MEASURE =
  /(?:^|\s)(?:mttr|mttd|mtta|mttm|ttr|lead time|cycle time|response time|reply time|resolution time|turnaround(?:\s+time)?|handle time|handling time|wait(?:ing)? time|queue time|load time|page load(?:\s+time)?|build time|deploy(?:ment)? time|review time|latency|time[- ]to[- ][\p{L}-]+(?:[- ][\p{L}-]+)?|ttfb|downtime|p\d{2}(?:\s+latency)?)\s*(?:of|:|=|at|is|was|under|below|to)?\s*$/iu;

/**
 * Nouns that name a measure, not what is counted: their number has no count unit. Whole words only:
 * "first-time contributors" counts contributors.
 */
export const MEASURE_NOUNS =
  /(?<![\p{L}-])(?:scores?|ratings?|nps|csat|sus|index|rates?|ratios?|percentages?|shares?|proportions?|times?|durations?|lengths?|sizes?|latency|revenue|arr|mrr|costs?|spend|budgets?|values?|levels?|coverage|accuracy|precision|recall|gpa|uptime|availability|speed|throughput|version|grade|health|satisfaction|feedback|survey|scale|ces|enps|f1|auc|ndcg|bleu|rouge)(?![\p{L}-])/iu;

/** States written after a counted noun in a scorecard's name: "Partner integrations live", "Grants secured". */
export const STATE_AFTER =
  /^(?:live|open|active|online|available|secured|shipped|signed|closed|completed|done|launched|processed|published|migrated|onboarded|deployed|resolved|delivered|achieved|won|filled|hired|certified|adopted|automated)$/i;

export const RATE_WORDS: Record<string, string> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  annually: "year",
  yearly: "year",
  hourly: "hour",
  quarterly: "quarter",
};

/** Words that end a unit phrase: "10 data science teams | to deploy …". */
export const STOP_WORDS = new Set([
  "never",
  "last",
  "down",
  "due",
  "ahead",
  "worldwide",
  "globally",
  "nationwide",
  "combined",
  "altogether",
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
  "off",
]);
/** Verbs (rarely nouns) that end a unit phrase: "4 teams use the pipeline". */
export const PHRASE_VERBS = new Set([
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
export const LY_NOUNS = new Set([
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
export const IRREGULAR_PARTICIPLES = new Set([
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
export const IRREGULAR_PAST = new Set([
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
export const ING_NOUNS = new Set([
  "training",
  "learning",
  "engineering",
  "processing",
  "marketing",
  "pricing",
  "onboarding",
]);
export const CHANGE_WORDS: Record<string, "reduction" | "increase"> = {
  reduction: "reduction",
  decrease: "reduction",
  savings: "reduction",
  saving: "reduction",
  improvement: "increase",
  increase: "increase",
  growth: "increase",
};
/** Count words that take "of": "2 pieces of technical documentation". */
export const MEASURE_WORDS = new Set([
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
export const PERIOD =
  /\/(?:s|sec|second|minute|min|hour|h|day|week|month|quarter|year|sprint|iteration|release)$/i;
export const LEVEL_METRICS = /\b(uptime|availability|sla)\b/i;
export const SCALE_WORDS =
  /\b(score|rating|scale|feedback|survey|stars?|csat|nps|enps|sus|satisfaction|gpa)\b/i;
export const MAX_UNIT_WORDS = 4;
export const PERIOD_OF: Record<string, string> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
  yearly: "year",
};
/** Sizes and rates written glued to their number: "1TB", "10MiB/s", "100Mbps". */
export const GLUED_UNIT =
  /^((?:[KMGTPE]i?B|[kKMG]?bps|[KMGT]B|rps|qps|req\/s|kg|mg|g|lbs?|km|cm|mm|ml|L|oz|kWh|MWh|kW|MW)(?:\/(?:s|sec|second|min|minute|hour|h|day))?)(?![\p{L}\p{N}])/u;

/** Nouns counted in the singular: "10,000 people", "5 pieces of content". */
export const MASS_NOUNS =
  /^(?:people|staff|content|data|feedback|traffic|documentation|software|hardware|equipment|information|research|work|revenue|funding|usage|adoption|engagement|media|criteria|personnel|news|training|coverage|storage|bandwidth|capacity|throughput|uptime|availability|support)$/i;

/** Verbs that take a count: "Solve 3 issues", "Have 35 contributors". */
export const COUNT_VERBS = new Set([
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
 * A verb the parser knows, in its base form: one that delivers, takes a count, raises, lowers or
 * keeps ("ship", "hire", "grow", "cut", "maintain").
 */
export function isKnownVerb(word: string): boolean {
  return (
    DELIVERABLE_VERBS.has(word) ||
    COUNT_VERBS.has(word) ||
    UP_VERBS.has(word) ||
    DOWN_VERBS.has(word) ||
    KEEP_VERBS.has(word)
  );
}

/** Verbs that study or record a quality rather than deliver it. */
export const STUDY_VERBS =
  /^(?:measure|track|assess|evaluate|review|audit|identify|document|investigate|define|communicate|highlight|validate|analy[sz]e|survey|report|benchmark)$/i;

/** A noun phrase opened by a quality: "A sustainable …", "Clear …", "Reliable …". */
export const QUALITY_FIRST =
  /^(?:(?:a|an|the|our)\s+)?(sustainable|clear|reliable|stable|robust|healthy|diverse|welcoming|inclusive|easy|simple|fast|secure|scalable|consistent|efficient|effective|strong|vibrant|active|engaged|happy|transparent|predictable|seamless|thriving|resilient|excellent|high-quality|world-class)\s+\p{L}/iu;

/** A phrase that names measures and nothing to do: "Bug, triage, stars metrics". */
export const METRICS_ONLY = /^[\p{L}\s,&/-]*\b(?:metrics|kpis|statistics|stats|numbers)\.?$/iu;

/**
 * Aim verbs that also open names ("Excel add-in", "Focus mode", "Position paper", "Champion
 * programme"): read as the verb only before what a verb takes ("Focus on …", "Excel at …").
 */
export const NOUN_TOO = new Set([
  "focus",
  "champion",
  "excel",
  "position",
  "advance",
  "mature",
  "spread",
]);

/** A cadence with no count: "at least once a release", "twice per quarter". */
export const CADENCE = /\b(?:once|twice)\s+(?:a|an|per|every|each)\s+[\p{L}]/iu;

/** Words that open the name of a measure: "Average …", "Percentage of …". */
export const MEASURE_OPENING = /^(?:average|median|mean|percentage|percent|proportion|ratio)$/i;

/** … and those that are verbs as well, which open one only before "of": "Share of …", not "Share X". */
export const MEASURE_OPENING_OF = /^(?:number|share|rate|count)$/i;

/** Nouns that end the name of a measure: "Completion success rate", "Usage rate among users". */
export const MEASURE_HEAD =
  /^(?:rate|ratio|percentage|score|average|median|nps|csat|share|time|duration|age|coverage|uptime|availability|latency|churn|spend|cost|revenue|runway|turnout|attendance|retention|throughput|velocity)$/i;

/**
 * Plural nouns a team counts ("Monthly active contributors", "GitHub stars", "Library card
 * sign-ups"): a measure's name when no verb opens the sentence.
 */
export const COUNTED_HEAD =
  /^(?:stars|downloads|sign-?ups|views|visits|visitors|users|contributors|learners|members|subscribers|followers|installs|signups|attendees|donors|volunteers|customers|advisories|incidents|tickets|issues|bugs)$/i;

/** Words after which a measure's name goes on to say whose or of what: "… rate among users". */
export const MEASURE_TAIL =
  /^(?:per|among|of|for|across|in|by|on|within|from|to|older|newer|than)$/i;

/**
 * Common verbs the parser's lists leave out, which open work rather than a measure's name
 * ("Ensure test coverage of …", "Present the concept to members").
 */
export const OPENING_VERBS =
  /^(?:ensure|present|give|bring|put|take|show|see|let|have|get|do|use|offer|send|close|find|form|pay|sign|win|join|attend|visit|meet|teach|train|coach|mentor|welcome|invite|ask|tell|talk|speak|listen|learn|read|try|study|fund|sponsor|lead|own|manage|operate|serve|reach|protect|monitor|report|analy[sz]e|compare|calculate)$/i;

/** Events one holds: "Hold a workshop", "Hold monthly office hours". */
export const HOSTED =
  /\b(?:workshops?|meetings?|meetups?|meet-ups?|sessions?|calls?|events?|hackathons?|sprints?|retros?|retrospectives?|reviews?|office hours|summits?|conferences?|webinars?|ama|town halls?|trainings?|classes|courses?|demos?|interviews?|elections?|votes?|forums?|panels?|talks?|all-hands|consultations?|hearings?|open days?)\b/i;

/**
 * Prepositions and comparatives after which a word following a plural noun describes it ("issues
 * open for …", "vulnerabilities open longer than 30 days").
 */
export const PREDICATE_NEXT = new Set([
  "for",
  "in",
  "on",
  "at",
  "from",
  "than",
  "since",
  "until",
  "longer",
  "older",
  "past",
  "beyond",
]);

/** Determiners and pronouns: what opens a verb's object ("merge a PR", "ships it"). */
const OBJECT_OPENERS = [
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
];

/** Words after which a base-form word is a verb, not part of a noun: "merge a PR", "sign up". */
export const AFTER_VERB = new Set([
  ...OBJECT_OPENERS,
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

/** What follows a verb and not a noun: a determiner, a pronoun or a particle. */
export const OBJECT_NEXT = new Set([
  ...OBJECT_OPENERS,
  "up",
  "out",
  "back",
  "every",
  "each",
  "all",
  "any",
  "some",
]);

/** Periods written short after a slash: "/mo", "/wk", "/yr", "/qtr", "/hr". */
export const PERIOD_ABBREVIATIONS: Record<string, string> = {
  mo: "month",
  mth: "month",
  wk: "week",
  yr: "year",
  qtr: "quarter",
  hr: "hour",
};

/** Sizes of data, in bytes, to compare "1.2GB" with "400MB". */
export const BYTES: Record<string, number> = {
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** Words that join a measure's name to its floor: "Test coverage is at least 80%", "NPS of ≥ 40". */
export const FLOOR_LINK =
  /^(?:is|are|stays?|remains?|of|at|least|no|less|than|min|minimum|above|over|a|an)$/i;

/**
 * A first word that opens work or an aim rather than a measure's name: a verb the parser knows,
 * an aim verb, a common verb its lists leave out, or a vague word ("Ensure …", "Foster …",
 * "Improve …").
 */
export function opensWork(word: string): boolean {
  return isKnownVerb(word) || AIM_VERBS.has(word) || OPENING_VERBS.test(word) || VAGUE.test(word);
}
