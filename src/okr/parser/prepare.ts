/**
 * Before a sentence is read: list marks taken off, number words spelled as digits, names, versions
 * and dates set aside.
 */
import { tidy, words } from "./text";
import {
  DURATION_MEASURE,
  LEVEL_METRICS,
  MEASURE_HEAD,
  MEASURE_NOUNS,
  PERIOD_ABBREVIATIONS,
} from "./words";

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
  [
    /\b\d+\.\d+(?:\.\d+)*\s+(?:version|release|GA|beta|alpha|RC|LTS|preview)\b/gi,
    (text) => `v${glue(text)}`,
  ],
  // "Points # 1, 2 & 3": references to items, not numbers.
  [
    /#\s+\d+(?:\s*(?:,|&|and)\s*\d+)*/gi,
    (text) => `#${text.replace(/\D+/g, "-").replace(/^-/, "")}`,
  ],
  [/\b(?:as of|since|in|on)\s+v?(?=\d+\.\d+)/gi, "$&v"],
  // "Get sbws 1.6 released", "the 2.3 shipped": a version before the word that ships it.
  [
    /(?<=\p{L}\s)(\d+\.\d+(?:\.\d+)*)(?=\s+(?:released|shipped|deployed|published|launched|out)(?!\w))/gu,
    "v$1",
  ],
  // "the 1.x cycle", "2.x releases": a line of versions.
  [/(?<![\p{L}\p{N}.])(\d+(?:\.\d+)*\.x)\b/gu, "v$1"],
  [/(?<![\p{L}\p{N}.])(?=\d+\.\d+\.\d+\b)/gu, "v"],
  [
    /(?<![\p{L}+#-])(?!(?:CSAT|NPS|eNPS|CES|DAU|MAU|WAU|ARR|MRR|NRR|GRR|ARPU|CAC|LTV|CTR|ROI|ROAS|SLA|SLO|MTTR|MTTD|MTBF|KPI|AUC|F1|BLEU|FPR|TPR)\b)[A-Z][\p{L}+#-]*\s\d+\.\d+(?![\d%.\p{L}]|\s*(?:%|[xX×]\b|(?:to|→|->)\s*\d))/gu,
    glue,
  ],
  [new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, "gi"), glue],
  [
    /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/giu,
    (text) => `on-${glue(text)}`,
  ],
  [/\b(?:(?:H|Q)[1-4]|[1-4](?:H|Q))\s+\d{4}\b/g, (text) => text.replace(/\s+/, "-")],
  // Dates written with slashes: "by 11/13/20", "on 2024/03/31", "due 3/15" (a month and a day
  // after a deadline word): set aside, not read as a ratio.
  [/\b\d{1,4}\/\d{1,2}\/\d{2,4}\b/g, (text) => `on-${text.replace(/\//g, "-")}`],
  [
    /\b(?:by|before|until|on|due|after)\s+(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\b(?![/\d.%])/gi,
    (text) => text.replace(/\//, "-").replace(/\s+/, " on-"),
  ],
  // Names in code with numbers in braces: "extern{1,2}", "item[0]".
  [/(?<=[\p{L}_])(?:\{[\d,\s.]+\}|\[\d+\])/gu, (text) => text.replace(/[^\w]/g, "_")],
  // Deadlines: "by Week 8", "by end of Week 4", "in sprint 3" (sprint is above).
  [/\b(?:by|before|until|in)\s+(?:the\s+)?(?:end\s+of\s+)?(?:week|day|month)\s+\d+\b/gi, glue],
  // "a 5-year plan", "a 2-day workshop": a size before a noun, not a count (not after another
  // number: "3 30-minute demos" counts demos of a size).
  [
    /(?<!\d[\w,.-]*\s+)\b\d+-(?:year|month|week|day|hour|minute|page|step|person|point|part|phase)\b(?=\s+\p{L})/giu,
    (text) => `size${text}`,
  ],
  // Lists and places named with a number: "a Fortune 500 customer", "the S&P 500", "Room 214".
  [
    /\b(?:Fortune|Global|S&P|FTSE|Russell|Inc\.?|Forbes|Room|Building|Suite|Floor|Ward|Gate|Route|Line|Highway)\s+\d+\b/g,
    glue,
  ],
  // "end to end" is one word, as "end-to-end" is.
  [/\bend to end\b/gi, "end-to-end"],
  // "build / package tools", "React / React Native": alternatives joined as one word.
  [/(?<=\p{L})\s+\/\s+(?=\p{L})/gu, "/"],
  // Standards and specifications: "SOC 2", "ISO 27001", "ERC-20", "WCAG 2.1", "PCI DSS 4".
  [
    /\b(?:SOC|ISO|IEC|PCI(?:\s+DSS)?|ERC|EIP|BIP|PEP|WCAG|IEEE|HTTP|TLS|SSL|IPv|OAuth|CVE|FIPS|NIST(?:\s+SP)?|GDPR|HIPAA|OWASP(?:\s+Top)?)[\s-]?\d+(?:[.:-]\d+)*\b/g,
    // "ISO 9001:2015": the year after the colon is part of the name.
    (text) => glue(text).replace(/:/g, "_"),
  ],
  // A version after a move to it: "Upgrade to Node 18", "Migrate to Postgres 15".
  [
    /\b(?:to|onto|on|for)\s+[A-Z][\p{L}.+#-]*\s+v?\d+(?:\.\d+)*(?=\s*$|\s*[.,;)]|\s+(?:and|or|by|in|for|on|across|before|LTS|ESR)\b|\s+-\s)/gu,
    (text) =>
      text.replace(/^(\S+\s+)(.*)$/, (_all, link: string, name: string) => `${link}${glue(name)}`),
  ],
  // "Upgrade to Node 20 and Postgres 16": a second version named after the first.
  [
    /(?<=\b(?:to|onto|for)\s+[A-Z][\p{L}.+#-]*v?\d+(?:\.\d+)*\s+(?:and|or|&)\s+)[A-Z][\p{L}.+#-]*\s+v?\d+(?:\.\d+)*(?=\s*$|\s*[.,;)]|\s+(?:by|in|for|on|across|before|LTS|ESR)\b)/gu,
    glue,
  ],
  // "a 501(c)(3) host": a tax status, a name.
  [/\b501\s*\(c\)\s*\(\d+\)/gi, "501c3"],
  // "24/7 chat support", "24x7 on-call": round the clock, not a number.
  [/\b24\s*[/x×]\s*7\b(?!\s*%)/g, "round-the-clock"],
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
/**
 * A value with no noun of its own: a bound, a number with a short unit or a period, an arrow to a
 * second one, then the end or a scope ("0 in the top 50 suites", "< 5/wk", "42 → 10").
 */
const BARE_VALUE =
  /^(?:(?:at least|at most|no more than|no less than|no fewer than|less than|more than|fewer than|under|over|below|above|up to|max(?:imum)?\.?|min(?:imum)?\.?|[~≈<>≤≥=]=?)\s*)?[$€£]?\d[\d.,]*(?:[kKmMbB%x+]|bn|\s?(?:k|m|bn|pp|bps|pts)\b)?(?:\s*\/\s*\p{L}+)?(?:\s*(?:→|->|to)\s*[$€£]?\d[\d.,]*(?:[kKmMbB%x+]|bn|\s?(?:k|m|bn|pp|bps|pts)\b)?(?:\s*\/\s*\p{L}+)?)?(?=\s*$|\s*[(;,.]|\s+(?:in|on|per|for|by|across|of|at|within|each|every|this|next|yoy|qoq|mom)\b)/iu;

export function prepare(sentence: string): Prepared {
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
  // "[P1] Sign …", "[Owner: Ana] Ship …": tags in brackets before the sentence.
  body = body.replace(/^(?:\[\s*(?:[PQH]\d|\p{L}[^\]\d%]{0,40})\]\s*)+(?=\S)/u, "");
  for (let again = 0; again < 2; again++)
    body = body
      .replace(/^(?:[^:\d]{0,80}?\b)?(?:KR|Key result)\s*\d*(?:\.\d+)*\s*:\s*/i, "")
      // "KR2 1H 2016 Participation Plan delivered": a numbered KR with no colon.
      .replace(/^(?:O\d+\s?)?KR\s?\d+(?:\.\d+)*(?:[.:)]|\s+[—–-])?\s+/, "");
  // "… deployed via CI/CD. [12/14]", "[30%]": a progress mark, not a target.
  const mark = /\s*\[\s*\d+(?:\.\d+)?\s*(?:\/\s*\d+(?:\.\d+)?|%)\s*\]\s*$/.exec(body);
  if (mark) {
    body = body.slice(0, mark.index);
    setAside.push(`${mark[0].trim()} is a progress mark, not the target`);
  }
  // "High-severity audit findings: none": a count of zero.
  body = body.replace(/^([^:]{1,80}):\s*(?:none|zero|nil)\s*\.?$/i, "$1: 0");
  const team = /^([A-Z][\p{L}&,'’ ()/-]{0,60}):\s+(?=\S)/u.exec(body);
  const rest = body.slice(team?.[0].length ?? 0);
  // "Uptime: 99.9%", "Time to first response: 4 hours": before a number or a bound, what the
  // colon follows is the measure's name, not a team; and so it is before a bare value, with no
  // noun of its own ("Certified support agents: 5 → 18", "Lost-time injuries: 0").
  const valueNext =
    team !== null &&
    (((MEASURE_NOUNS.test(team[1]) ||
      DURATION_MEASURE.test(team[1]) ||
      LEVEL_METRICS.test(team[1]) ||
      MEASURE_HEAD.test(words(team[1]).pop() ?? "")) &&
      /^(?:[<>≤≥~=]|[$€£]?\d|(?:at least|at most|below|under|above|over|less than|more than|no more than|min|max|minimum|maximum)\b)/i.test(
        rest
      )) ||
      BARE_VALUE.test(rest));
  if (team && words(team[1]).length <= 6 && !/[<>≥≤%$]/.test(team[1]) && !valueNext)
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
  // "No-shows: currently 22%, target 12%": a baseline and a target in a row.
  body = body.replace(
    /\b(?:currently|current|today|now)\s*:?\s*([$€£~]?\d[^,;]{0,20}?)\s*[,;]\s*(?:target|goal)\s*:?\s*(?=[$€£~]?\d)/gi,
    "from $1 to "
  );
  // Numbers as many teams outside the English-speaking world write them: a decimal comma ("0,5%",
  // "4,6/5", "3,2k"; a comma before three digits stays a thousands separator) and a space
  // between thousands ("10 000 users").
  body = body
    .replace(/(?<![\d,.])(\d+),(\d{1,2})(?![\d,])/g, "$1.$2")
    .replace(
      /(?<![\d.,]|\d\s)(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\d\p{L}])/gu,
      (_all, head: string, rest: string) => `${head}${rest.replace(/[ \u00a0\u202f]/g, ",")}`
    )
    // "from 18% till 10%": "till" and "until" before a number are "to".
    .replace(/\b(?:till|until)\s+(?=[$€£~]?\d)/gi, "to ")
    // "Increase of sales on 20%", "Increase referrals on 2x": "on" a change is "by" it.
    .replace(
      /(\b(?:increas|decreas|reduc|grow|growth|rais|rise|cut|lower|improv|boost)\w*\b[^.;]{0,60}?)\bon\s+(?=\d+(?:\.\d+)?\s?(?:%|x\b)(?!\s+of\b))/gi,
      "$1by "
    )
    // "Not a single data breach": none.
    .replace(/\bnot\s+(?:a\s+single|one)\s+(?=\p{L})/giu, "no ");
  // Abbreviations: "$420k/mo" (per month), "min. 96%" (at least), "5x a week" (five times).
  body = body
    .replace(
      /(?<=[\p{L}\p{N}%$€£])\/(mo|mos|mth|mths|wk|wks|yr|yrs|qtr|qtrs|hr|hrs)\b/giu,
      (_all: string, period: string) =>
        `/${PERIOD_ABBREVIATIONS[period.toLowerCase().replace(/s$/, "")]}`
    )
    .replace(
      /(?<!\d\s?)\b(min|max)(?:\.|imum)?:?\s*(?=[$€£~]?\d)/gi,
      (_all: string, which: string) => (which.toLowerCase() === "min" ? "minimum " : "maximum ")
    )
    .replace(
      /\b(\d+(?:\.\d+)?)\s*[x×](?:\s+(?=(?:a|per|each|every)\s+(?:day|week|month|quarter|year|sprint|release)\b)|(?=\/(?:day|week|month|quarter|year)\b))/gi,
      "$1 times "
    );
  // Number words.
  body = body
    .replace(/\b(?:one or more|1 or more)\b/gi, "1+")
    // "one million followers": a number word before a multiplier word.
    .replace(/\b(?:one|a)\s+(thousand|million|billion)\b/gi, "1 $1")
    // "one+ project presentations", "two+ talks": a number word with a plus.
    .replace(
      /\b(one|two|three|four|five|six|seven|eight|nine|ten)\+(?=\s)/gi,
      (_all: string, word: string) => `${NUMBER_WORDS[word.toLowerCase()] ?? 1}+`
    )
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
    // "two thirds of", "three quarters of", "one in four roles": shares of a whole.
    .replace(
      // "retention over two thirds", "from about a third to two thirds": after a bound, "from" or
      // "to", a share at the end of its phrase too.
      /\b(one|two|three)[\s-]+(thirds?|quarters?|fifths?)(?=\s+of\b)|(?<=\b(?:over|above|under|below|least|most|than|from|to|about|roughly|around|approximately)\s+)(a|one|two|three|[123])[\s-]+(thirds?|quarters?|fifths?)(?=\s*$|\s*[.,;)]|\s+(?:by|in|this|next|for|to)\b)/gi,
      (
        _all: string,
        partOf: string | undefined,
        wholeOf: string | undefined,
        partEnd: string | undefined,
        wholeEnd: string | undefined
      ) => {
        const part = (partOf ?? partEnd ?? "").toLowerCase() as "a";
        const whole = (wholeOf ?? wholeEnd ?? "").toLowerCase().replace(/s$/, "") as "third";
        const numerator = { a: 1, one: 1, two: 2, three: 3 }[part] ?? Number(part);
        const denominator = { third: 3, quarter: 4, fifth: 5 }[whole];
        // "of" follows the first kind, read as a share of what follows; the second is the share.
        return partOf !== undefined
          ? `${numerator}/${denominator}`
          : `${tidy(Math.round((numerator / denominator) * 10_000) / 100)}%`;
      }
    )
    .replace(
      /\b(one|two|three|\d)\s+in\s+(two|three|four|five|ten|\d+)\b(?=\s+\p{L})/giu,
      (_all: string, part: string, whole: string) => {
        const n =
          NUMBER_WORDS[part.toLowerCase()] ?? (part.toLowerCase() === "one" ? 1 : Number(part));
        const d = NUMBER_WORDS[whole.toLowerCase()] ?? Number(whole);
        return d > 0 && n <= d ? `${tidy(Math.round((n / d) * 10_000) / 100)}% of` : _all;
      }
    )
    // "Expansion revenue x2": a multiplier written before its number, at the end of the phrase.
    .replace(
      /(?<=\s)[x×](\d{1,2}(?:\.\d+)?)(?=\s*$|\s*[.,;)]|\s+(?:by|in|for|this|next|vs)\b)/g,
      "$1x"
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
