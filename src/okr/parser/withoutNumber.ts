/** A sentence with no number to read: a deliverable (milestone), an aim, or nothing to measure. */
import type { Parentheticals, ParsedKeyResult } from "./types";
import { CONFIDENCE } from "./confidence";
import {
  AIM_VERBS,
  CADENCE,
  COUNTED_HEAD,
  COUNT_VERBS,
  DELIVERABLE_VERBS,
  DELIVERED_STATE,
  DOWN_VERBS,
  FLOOR_LINK,
  KEEP_VERBS,
  MEASURE_HEAD,
  MEASURE_NOUNS,
  MEASURE_OPENING,
  MEASURE_OPENING_OF,
  MEASURE_TAIL,
  METRICS_ONLY,
  NOUN_TOO,
  opensWork,
  QUALITY_FIRST,
  STUDY_VERBS,
  UP_VERBS,
  VAGUE,
} from "./words";
import { verbText, words } from "./text";
import { holdsAnEvent } from "./direction";
import { milestone, notMeasurable, reading } from "./readings";

/** Abstract nouns: qualities and relations to grow, not things to deliver. */
const ABSTRACT_NOUN =
  /^(?:[\p{L}-]{4,}(?:ency|ancy)|(?!business$|witness$)[\p{L}-]{4,}ness|(?!(?:community|quality|functionality|university|city|entity|capacity|utility|security|identity|activity|authority|facility|priority|opportunity)$)[\p{L}-]+ity|(?!(?:conference|reference|sentence|licence|evidence|audience|experience)$)[\p{L}-]{4,}ence|(?!(?:membership|internship|scholarship|fellowship|sponsorship)$)[\p{L}-]{4,}ship|relationships?|partnerships?|silos|trust|awareness|culture|presence|reputation|morale|adoption|outreach|collaboration|communication|participation|engagement|alignment|cooperation|coordination|inclusion|health|wellbeing|well-being|retention|growth|success|impact|recognition|momentum|innovation|satisfaction|visibility|understanding|knowledge|expertise|capability|capabilities|confidence|balance|pace|bar|cadence|rhythm|standards)$/iu;
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

/**
 * The sentence up to its first subordinate clause or purpose ("A dashboard | that shows our
 * progress", "Docs site redesign | to improve navigation"): an aim word after it says what the work
 * is for, not that the key result is an aim.
 */
function headClause(main: string): string {
  const cut =
    /\s(?:that|which|who|whose|where|so|to|for|because|while|in order)\s|[,;:(–—]\s?|\s-\s/iu.exec(
      main
    );
  return cut ? main.slice(0, cut.index) : main;
}

/**
 * The head of the verb's object is a quality or a relation: "Establish leadership in …", "Provide
 * transparency to partners", "Create a culture of review". The head is the last word before a
 * preposition, a conjunction, punctuation or the end ("Define awareness benchmarks" has
 * "benchmarks", a thing made).
 */
function objectIsAQuality(main: string): boolean {
  const all = words(verbText(main));
  // "Measure the impact", "Assess our culture": studying a quality is work to deliver.
  if (STUDY_VERBS.test(all[0] ?? "")) return false;
  const object: string[] = [];
  for (const raw of all.slice(1, 9)) {
    const word = raw.replace(/[.,;:!?)]+$/, "").replace(/^.*\//, "");
    if (/^(?:a|an|the|our|their|its|more|greater|better|stronger|deeper|and|or|&)$/i.test(word))
      continue;
    if (
      !/^[\p{L}-]+$/u.test(word) ||
      /^(?:in|to|for|with|of|across|among|between|by|on|at|through|within|around|that|which|who|where|so|because|while|as|like)$/i.test(
        word
      )
    )
      break;
    object.push(word);
    if (raw !== word && !raw.includes("/")) break;
  }
  const head = object[object.length - 1];
  return head !== undefined && ABSTRACT_NOUN.test(head);
}

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
 * "Continue our progress … by developing guidance", "Improve engagement by providing more
 * opportunities": an aim, and the work that serves it after "by" with no comma. Readers take
 * either as the key result, so the aim's reading is a guess. Returns the -ing verb, or null.
 */
function meansNamed(main: string): string | null {
  for (const match of main.matchAll(/\s+by\s+(\p{L}+?)ing\b/gu)) {
    const base = match[1].toLowerCase();
    if (/^(?:mak|gett?|do|keep|help)$/.test(base)) continue;
    if ([base, `${base}e`, base.slice(0, -1)].some((b) => DELIVERABLE_VERBS.has(b)))
      return `${match[1]}ing`;
  }
  return null;
}

/**
 * "Support and promote X", "Improve and refresh Y": two verbs joined, one that delivers and one
 * that names an aim with nothing to deliver. Returns the two verbs, or null.
 */
function mixedVerbs(main: string): [string, string] | null {
  const pair = /^(\p{L}+)\s+(?:and|&)\s+(\p{L}+)\b/iu.exec(verbText(main));
  if (!pair) return null;
  const [first, second] = [pair[1].toLowerCase(), pair[2].toLowerCase()];
  // "Draft and maintain guides": keeping something up is part of the work, not an aim.
  const aim = (verb: string) =>
    !KEEP_VERBS.has(verb) &&
    (VAGUE.test(verb) || AIM_VERBS.has(verb) || UP_VERBS.has(verb) || DOWN_VERBS.has(verb));
  const delivers = (verb: string) => DELIVERABLE_VERBS.has(verb) && !aim(verb);
  return (delivers(first) && aim(second)) || (aim(first) && delivers(second))
    ? [first, second]
    : null;
}

/** "Maintain a selection panel", "Keep an up-to-date changelog": a keep verb before "a" or "an". */
function keepsAThing(main: string): boolean {
  return (
    /^(?:maintain|keep|sustain)\s+(?:a|an)\s+\p{L}/iu.test(verbText(main)) &&
    !objectIsAQuality(main) &&
    // "Maintain an above average diversity percentage": a level kept, not a thing.
    !MEASURE_NOUNS.test(headClause(main))
  );
}

/** The sentence opens with a verb of direction or aim (AIM_VERBS). */
function aimVerbFirst(text: string): boolean {
  const [first = "", next = ""] = words(text).map((word) =>
    word.toLowerCase().replace(/[^\p{L}-]/gu, "")
  );
  if (!AIM_VERBS.has(first)) return false;
  return (
    !NOUN_TOO.has(first) ||
    /^(?:on|at|the|our|a|an|their|its|as|in|into|across|with|to|this|these|all|every)$/.test(next)
  );
}

/** No number to read: a deliverable (milestone), or nothing to measure. */
export function withoutNumber(
  main: string,
  parts: Parentheticals,
  reasons: string[]
): ParsedKeyResult {
  const result = withoutNumberReading(main, parts, reasons);
  if (result.type === "milestone" && CADENCE.test(main)) {
    const cadence = CADENCE.exec(main)?.[0].replace(/\s+\S$/, "") ?? "";
    return {
      ...result,
      confidence: Math.max(0, result.confidence - CONFIDENCE.cadence),
      reason: `${result.reason}; "${cadence} …" is a cadence: a count per period may be meant (state it, "at least 1 … per …")`,
    };
  }
  const mixed = result.type !== "increase" ? mixedVerbs(main) : null;
  if (!mixed) return result;
  return {
    ...result,
    confidence: CONFIDENCE.mixedVerbs,
    reason: `${result.reason}; "${mixed[0]}" and "${mixed[1]}" are joined: one delivers something, the other names an aim, so milestone or not measurable is a guess`,
  };
}

/**
 * A sentence that only names a measure and gives no target ("Weekly Active Usage Rate Among
 * Users", "Average number of prompts per session"): no verb the parser knows opens it, and it opens
 * with a measure word or its words up to a preposition end in one. Always a guess: an unknown
 * first word may be a verb ("Exceed the industry average"), and a name in capitals may be a
 * scorecard row naming work to deliver, which readers take as a milestone.
 */
function namesAMeasure(main: string): boolean {
  const all = words(verbText(main)).map((word) => word.replace(/[^\p{L}+-]/gu, ""));
  const first = (all[0] ?? "").toLowerCase();
  // "Average costs per deliverable are accessible in real time": a state said of the measure.
  if (all.some((word) => /^(?:is|are|was|were)$/i.test(word))) return false;
  if (all.length === 0 || opensWork(first)) return false;
  if (MEASURE_OPENING.test(first) && all.length > 1) return true;
  if (MEASURE_OPENING_OF.test(first)) return /^of$/i.test(all[1] ?? "");
  const tail = all.findIndex((word) => MEASURE_TAIL.test(word));
  const name = tail < 0 ? all : all.slice(0, tail);
  const head = name[name.length - 1] ?? "";
  // "Uptime of the public API": a measure noun alone names one; a counted noun needs a word
  // before or after it ("GitHub stars", "Downloads from PyPI", not "Bugs").
  return (
    name.length <= 6 &&
    (MEASURE_HEAD.test(head) || ((name.length >= 2 || tail > 0) && COUNTED_HEAD.test(head))) &&
    (name.length >= 2 || tail > 0)
  );
}

/**
 * The words before a floor name a level, not a count or an amount: "Test coverage ≥ 80%",
 * "Average session length at least 4 minutes", "NPS ≥ 40". No verb opens them, and they open with
 * a measure word or end in a measure noun, or the floor is on a share (`share`); "Weekly active
 * users ≥ 5,000" counts users: a count to reach.
 */
export function namesALevel(before: string, share = false): boolean {
  const all = words(verbText(before)).map((word) => word.replace(/[^\p{L}+-]/gu, ""));
  while (all.length > 0 && (all[all.length - 1] === "" || FLOOR_LINK.test(all[all.length - 1])))
    all.pop();
  const first = (all[0] ?? "").toLowerCase();
  // "≥ 80% of users activate in week 1": a share opens the sentence.
  if (all.length === 0) return share;
  if (all.length > 6 || opensWork(first)) return false;
  // "On-time delivery ≥ 97%", "Health score green for ≥ 80% of accounts": a share is a level
  // whatever names it.
  if (share || (MEASURE_OPENING.test(first) && all.length > 1)) return true;
  const tail = all.findIndex((word) => MEASURE_TAIL.test(word));
  const name = tail < 0 ? all : all.slice(0, tail);
  return MEASURE_HEAD.test(name[name.length - 1] ?? "");
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
  // "Hold monthly office hours", "Hold a design review": with no level to keep, "hold" hosts
  // something, as "host" does.
  const hosts = holdsAnEvent(verbText(main));
  // "Expand the campaign to every ward", "Roll out X to all teams": a full scope reached.
  const reachesAll = /^(?:expand|extend|scale)\b.*\bto\s+(?:every|all|each)\s+\p{L}/iu.test(
    verbText(main)
  );
  // "Drop support for Python 3.8", "End the legacy API": a thing removed, not a measure lowered.
  const removes =
    /^(?:drop|cut|end)\s+(?:support\b|(?:the\s+|our\s+)?(?:legacy|deprecated|old|outdated)\b)/i.test(
      verbText(main)
    );
  // "Reach more users", "Reduce churn": a metric with no target is not a deliverable.
  const vagueVerb =
    VAGUE.test(first) ||
    aimVerbFirst(verbText(main)) ||
    (UP_VERBS.has(first) && !reachesAll) ||
    (DOWN_VERBS.has(first) && !removes) ||
    (KEEP_VERBS.has(first) && !hosts && !keepsAThing(main)) ||
    // "Recruit more contributors", "Support more languages": a count with no number to reach.
    ((COUNT_VERBS.has(first) || DELIVERABLE_VERBS.has(first)) &&
      /^(?:more|additional|extra)$/i.test(words(verbText(main))[1] ?? ""));
  // "Achieve ISO 27001 certification", "Become SOC 2 compliant": a certificate is delivered.
  if (
    /^(?:achieve|obtain|get|gain|earn|become|pass|reach)\b.*\b(?:re-?)?(?:certification|certified|certificate|compliance|compliant|accreditation|accredited|audit|authori[sz]ation|authori[sz]ed|attestation|approval)\b/i.test(
      verbText(main)
    )
  )
    return milestone(
      `${prefix}a certification or audit passed or not: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  // "Raise Series B", "Close our seed round": a funding round closed or not.
  if (
    /^(?:raise|close|secure|complete)\s+(?:a\s+|an\s+|our\s+|the\s+)?(?:series\s+[a-f]\b|(?:pre-)?seed\b|(?:funding|investment|bridge)\s+round\b)/i.test(
      verbText(main)
    )
  )
    return milestone(
      `${prefix}a funding round closed or not: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  // "Make onboarding great", "Make learning more joyful": an aim, not a deliverable.
  const vagueAim =
    /^(?:make|get|keep)\b.*\b(?:great|better|easier|faster|simpler|smoother|best|awesome|excellent|world-class|delightful|sustainable|healthy|manageable|pleasant|painless|enjoyable|intuitive|effortless|seamless|safer|clearer|stronger|cheaper|quicker|healthier|happier|fairer|friendlier|(?:more|less)\s+[\p{L}-]+)\b/iu.test(
      verbText(main)
    ) ||
    // "Build relationships at GitHub", "Foster trust": a relation, not a deliverable.
    /^(?:build|foster|strengthen|deepen|nurture|grow)\s+(?:\p{L}+\s+)?(?:relationships?|trust|awareness|rapport|ties|connections|partnerships)\b/iu.test(
      verbText(main)
    ) ||
    // "Be the most loved tool in our category", "Become the go-to place for …": a standing to win.
    /^(?:be|become)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:most|best|leading|go-to|top|number\s+one|first\s+choice|preferred|market\s+leader|leader|world-class|industry-leading|trusted|recogni[sz]ed)\b/i.test(
      verbText(main)
    ) ||
    // "Contributors feel welcome and supported", "Users love the new editor": a feeling to grow.
    /^(?:[\p{L}-]+\s+){1,4}?(?:feels?|love|loves|enjoy|enjoys|(?:are|is)\s+(?:happy|satisfied|confident|empowered|valued|heard|included|motivated))\b/iu.test(
      verbText(main)
    ) ||
    // "Our team has a healthy work-life balance": a quality to keep, with nothing to deliver.
    /^(?:[\p{L}-]+\s+){0,4}?(?:has|have)\s+(?:a\s+|an\s+)?(?:healthy|good|strong|great|positive|sustainable|clear|shared|improved|better|deeper|greater|stronger)\b/iu.test(
      verbText(main)
    ) ||
    // "Team members regularly contribute to X": an ongoing habit, with nothing to count.
    /^(?:[\p{L}\p{N}-]+\s+){0,3}?[\p{L}-]+[^su\s]s\s+(?:regularly|continuously|consistently|routinely|frequently)\s+\p{L}/iu.test(
      verbText(main)
    ) ||
    // "Community members report stability and positive experiences": what people say, an aim.
    /^(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+[^su\s]s\s+report\s+(?!on\b|to\b|back\b)\p{L}/iu.test(
      verbText(main)
    ) ||
    // "Be happier", "Become more confident": a state compared with now, an aim.
    /^(?:be|become|feel|get)\s+(?:\p{L}+ier|more|less|better)\b/iu.test(verbText(main)) ||
    // "Growth of brand awareness in Germany", "Increase of sales": a change named as a noun.
    /^(?:growth|increase|decrease|reduction|improvement|rise)\s+(?:of|in)\s/iu.test(
      verbText(main)
    ) ||
    // "Development towards LMS integration": a direction, not a deliverable.
    /^[\p{L}-]+\s+towards?\s/iu.test(verbText(main)) ||
    // "Make progress on the audit backlog": progress with nothing to count or deliver.
    /^make\s+(?:more\s+|good\s+|real\s+|significant\s+|steady\s+)?progress\b/i.test(
      verbText(main)
    ) ||
    // "Residents find it easier to …", "Clearer ownership of …", "Faster CI builds": a quality
    // to reach, compared with now, with nothing to count or deliver.
    /^(?:[\p{L}-]+\s+){0,3}?finds?\s+it\s+(?:easier|simpler|quicker|faster|safer|more)\b/iu.test(
      verbText(main)
    ) ||
    /^(?:clearer|easier|faster|simpler|safer|smoother|quicker|stronger|healthier|cheaper)\s+\p{L}/iu.test(
      verbText(main)
    ) ||
    // "Support adult learners to progress into …", "Help teachers in adopting …": people helped
    // towards an aim, with nothing to deliver.
    /^(?:support|help|equip)\s+(?:[\p{L}-]+\s+){1,4}?(?:to\s+\p{L}+|in\s+\p{L}+ing)\b/iu.test(
      verbText(main)
    ) ||
    // "Make the number", "Hit our targets": an unstated target met, as "Meet hiring targets" is.
    /^(?:make|hit|beat|exceed)\s+(?:the|our|my|its|their)\s+(?:numbers?|targets?|plan|quotas?|goals?|budget)\b/i.test(
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
  // "Establish leadership in observability", "Provide transparency to partners": a verb that
  // delivers, but its object is a quality or a relation, so the key result may be an aim.
  if (!vagueVerb && !vagueAim && DELIVERABLE_VERBS.has(first) && objectIsAQuality(main))
    return milestone(
      `${prefix}a deliverable ("${first}") with no number: a milestone, done or not done; but what it delivers is a quality or a relation, so it may be an aim, not measurable as written: check it`,
      CONFIDENCE.deliverable - CONFIDENCE.aimWithoutWork - CONFIDENCE.aimWithoutWork
    );
  // "retire schleuder in favor of … Signal groups? … mailman-pgp?": work to deliver, with the
  // way still a question.
  if (!vagueVerb && !vagueAim && DELIVERABLE_VERBS.has(first) && /\?\s*$/.test(main))
    return milestone(
      `${prefix}a deliverable ("${first}") with no number: a milestone, done or not done; but it ends in a question, so how it is done, or whether, is still open: check it`,
      CONFIDENCE.measureGuess
    );
  if (!vagueVerb && !vagueAim && (DELIVERABLE_VERBS.has(first) || hosts || removes || reachesAll))
    return milestone(
      `${prefix}a deliverable ("${first}") with no number: a milestone, done or not done`,
      CONFIDENCE.deliverable
    );
  // "Maintain a public roadmap", "Keep an up-to-date changelog": a thing kept going is work; but
  // "Maintain a high bar" keeps a level, so it is a guess.
  if (keepsAThing(main))
    return milestone(
      `${prefix}"${first}" keeps a thing going, with no number: read as a milestone, done or not done; but it may be a level or a quality to keep, not measurable as written: check it`,
      CONFIDENCE.measureGuess
    );
  if (!vagueVerb && !vagueAim && DELIVERED_STATE.test(main))
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
  if (namesAMeasure(main))
    return notMeasurable(
      `${prefix}names a measure but no target, so nothing to measure as written: add the level to reach (a number); but it may name work to deliver (a milestone): check it`,
      CONFIDENCE.measureGuess
    );
  if (
    vagueVerb ||
    vagueAim ||
    VAGUE.test(headClause(main)) ||
    /\?\s*$/.test(main) ||
    METRICS_ONLY.test(main)
  ) {
    const means = meansNamed(main);
    return means
      ? notMeasurable(
          `${prefix}no number in the sentence, so nothing to measure as written; but "by ${means} …" names work that serves the aim, and the key result may be that work (a milestone): check it`,
          CONFIDENCE.measureGuess
        )
      : notMeasurable(
          `${prefix}no number in the sentence, so nothing to measure as written: add a target (a number to reach) or track it as a milestone (done / not done)`
        );
  }
  if (namesAnAim(verbText(main)))
    return milestone(
      `${prefix}names a piece of work with no number: read as a milestone, done or not done; but it reads as an aim (a quality to grow, or a question), which may be not measurable: check it`,
      CONFIDENCE.namedWork - CONFIDENCE.aimWithoutWork
    );
  // "A sustainable funding model for the team", "Clear pathways for contributors": something to
  // have, described by a quality, may be an aim as much as work to deliver.
  const quality = QUALITY_FIRST.exec(verbText(main));
  // "stable 1.0 version released as open source": a state reached is work done.
  const stated = words(main)
    .slice(1)
    .some((word) =>
      /^(?:is|are|was|were|been|\p{L}{3,}ed)$/iu.test(word.replace(/[^\p{L}]/gu, ""))
    );
  if (quality && !stated)
    return milestone(
      `${prefix}names something to have with no number: read as a milestone, done or not done; but "${quality[1]}" describes a quality to reach, so it may be an aim, not measurable as written: check it`,
      CONFIDENCE.namedWork - CONFIDENCE.aimWithoutWork
    );
  // "Work with partners to increase adoption": the work is named, but what it is for is an aim.
  const aimAfter = VAGUE.exec(main.slice(headClause(main).length));
  if (aimAfter)
    return milestone(
      `${prefix}names a piece of work with no number: read as a milestone, done or not done; but what it is for ("${aimAfter[0]}") is an aim, and the key result may be that aim, not measurable as written: check it`,
      CONFIDENCE.namedWork - CONFIDENCE.aimWithoutWork
    );
  return milestone(
    `${prefix}names a piece of work with no number: read as a milestone, done or not done; check it`,
    CONFIDENCE.namedWork
  );
}
