/**
 * The unit a number counts: the noun phrase after it ("data science teams") or before it ("the
 * number of validators").
 */
import type { Quantity } from "./types";
import {
  AFTER_VERB,
  AIM_VERBS,
  OPENING_VERBS,
  opensWork,
  COUNT_VERBS,
  DELIVERABLE_VERBS,
  DURATION_LIKE,
  MEASURE_NOUNS,
  STATE_AFTER,
  DOWN_VERBS,
  DURATIONS,
  ING_NOUNS,
  IRREGULAR_PARTICIPLES,
  IRREGULAR_PAST,
  LY_NOUNS,
  MASS_NOUNS,
  MAX_UNIT_WORDS,
  MEASURE_WORDS,
  OBJECT_NEXT,
  PERIOD,
  PERIOD_OF,
  PHRASE_VERBS,
  PREDICATE_NEXT,
  RATE_WORDS,
  STOP_WORDS,
  UP_VERBS,
  isKnownVerb,
} from "./words";
import { words } from "./text";
import { verbDirection } from "./direction";

/** Reads the unit phrase that follows a number: "minutes", "images/hour", "data science teams". */
export function unitAfter(rest: string): {
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
    // "10 hours a week": "a" before a period is "per" too.
    for (
      let at = index + 1;
      /^per$/i.test(tokens[at] ?? "") ||
      (/^a$/i.test(tokens[at] ?? "") &&
        /^(?:day|night|week|month|quarter|year)\b/i.test(tokens[at + 1] ?? ""));
      at += 2
    ) {
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
    if (
      // "4 new 3PL partners", "3 new 4K models": a name that opens with digits is a word.
      !/^\d+\p{Lu}[\p{L}]*$/u.test(word) &&
      (!/^[\p{L}“"][\p{L}\p{N}\-/&'’”"]*$/u.test(word) || STOP_WORDS.has(lower) || word === "")
    )
      break;
    // "2 business days or less": a bound after the unit ends it.
    if (
      /^(?:or|and)$/i.test(lower) &&
      /^(?:more|less|fewer|higher|lower|greater|above|below|over|under)\b/i.test(
        tokens[index + 1] ?? ""
      )
    )
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
    const afterPlural = phrase.length > 0 && isPlural(phrase[phrase.length - 1]);
    if (lower.endsWith("ing") && !ING_NOUNS.has(lower) && (!nounNext || afterPlural)) break;
    // An adverb or a verb ends the noun phrase: "3 customers successfully …", "4 teams use …".
    if (
      phrase.length > 0 &&
      ((PHRASE_VERBS.has(lower) && !(lower === "use" && /^cases?$/.test(next))) ||
        (lower.endsWith("ly") && !LY_NOUNS.has(lower) && !RATE_WORDS[lower]))
    )
      break;
    if (phrase.length > 0 && lower.endsWith("ed") && !nounNext) break;
    // "300 issues labelled needs-triage", "5 pull requests reviewed by …": a participle after a
    // plural noun starts what is said of it.
    if (afterPlural && /[^e]ed$/.test(lower) && !LY_NOUNS.has(lower)) break;
    // "data breaches reportable to the ICO": an adjective in -able after a plural noun describes it.
    if (
      phrase.length > 0 &&
      /(?:able|ible)$/.test(lower) &&
      /[^su]s$/i.test(phrase[phrase.length - 1]) &&
      !nounNext
    )
      break;
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
    // "1 partner ships a plugin", "1 team adopts it": a verb in -s after a singular noun.
    if (
      phrase.length > 0 &&
      raw === word &&
      verbAfterSingular(phrase[phrase.length - 1], lower, tokens[index + 1])
    )
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
      // "2 business days or less": a bound, not a second noun.
      !/^(?:more|less|fewer|higher|lower|greater|above|below|over|under)$/i.test(partner) &&
      (/s$/i.test(partner) ||
        ING_NOUNS.has(partner.toLowerCase()) ||
        /^\p{L}+s$/u.test(tokens[index + 3] ?? ""));
    if (
      (joiner === "or" &&
        !/s$/i.test(word) &&
        length() < MAX_UNIT_WORDS &&
        !/^(?:more|less|fewer|higher|lower|greater|above|below|over|under)$/i.test(partner)) ||
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
    // "30 candidates per open role", "3 demos per sales rep": what it is per may take two words.
    const second = (tokens[index + 2] ?? "").replace(/[.,;:!?)]+$/, "");
    const two =
      tokens[index + 1] === next &&
      /^\p{Ll}[\p{Ll}-]*$/u.test(next) &&
      !PERIOD.test(`/${next}`) &&
      /^\p{Ll}[\p{Ll}-]*$/u.test(second) &&
      !STOP_WORDS.has(second) &&
      !PHRASE_VERBS.has(second) &&
      !/(?:ly|ing|ed)$/.test(second);
    phrase[phrase.length - 1] += two ? `/${next} ${second}` : `/${next}`;
    index += two ? 3 : 2;
  }
  // "1,000 visitors to the website per month": a period a few words on, before any number or
  // punctuation, makes the count a rate.
  // "within 5 business days each month" is a duration kept each month, not a rate.
  if (
    !ended &&
    phrase.length > 0 &&
    !phrase[phrase.length - 1].includes("/") &&
    !DURATION_LIKE.test(phrase.join(" "))
  ) {
    for (let at = index; at < Math.min(tokens.length, index + 6); at++) {
      const token = tokens[at].toLowerCase();
      if (/\d/.test(token)) break;
      // "… by writing one feature per week": the means, not the rate; "at every month end": when.
      if (/^(?:by|through|via|so|because|while|when|at)$/.test(token)) break;
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

/**
 * "contributors merge a PR": a known verb in its base form after a plural noun, followed by an
 * object, a particle, a name, a number or the end, ends the noun phrase.
 */
function verbAfterPlural(previous: string, lower: string, following: string | undefined): boolean {
  if (!/[^su]s$/i.test(previous) || /(?:ss|us|is)$/i.test(previous)) return false;
  if (!isKnownVerb(lower)) return false;
  const next = (following ?? "").replace(/[.,;:!?)]+$/, "");
  return next === "" || AFTER_VERB.has(next.toLowerCase()) || /^[\p{Lu}\p{N}$€£]/u.test(next);
}

/**
 * "1 partner ships a plugin", "one team adopts the pipeline": a known verb in -s after a singular
 * noun, followed by a determiner, a pronoun or a particle, ends the noun phrase (the subject and
 * its verb agree); "100,000 page visits" and "10 code reviews on X" stay nouns.
 */
function verbAfterSingular(
  previous: string,
  lower: string,
  following: string | undefined
): boolean {
  if (/s$/i.test(previous) || !/^\p{Ll}+s$/u.test(lower) || lower.length < 4) return false;
  const bases = [lower.slice(0, -1)];
  if (/(?:sh|ch|x|ss|z|o)es$/.test(lower)) bases.push(lower.slice(0, -2));
  if (/ies$/.test(lower)) bases.push(`${lower.slice(0, -3)}y`);
  // What a verb in -s ("ships", "fixes", "adopts") may come from.
  if (!bases.some((base) => isKnownVerb(base) || PHRASE_VERBS.has(base))) return false;
  // Only an object or a particle after it: "2 page visits", "10 code reviews on X" are nouns.
  const next = (following ?? "").replace(/[.,;:!?)]+$/, "").toLowerCase();
  return OBJECT_NEXT.has(next);
}

/** Words joining the noun phrase to its number: "followers to 5k", "count below 100", "signups stay above 200". */
const LINK_BEFORE =
  /(?:^|\s+)(?:from|to|at|of|is|down|up|never|not|must|should|drop|drops|fall|falls|dip|dips|decreases?|increases?|grows?|reduces?|max|maximum|min|minimum|are|was|reaches|reach|hits?|stays?|remains?|go|goes|gets?|rises?|climbs?|exceeds?|above|below|under|over|least|most|than|more|less|fewer|greater|no|at|[<>≤≥]=?|=|~)\s*$/i;

/**
 * What "the number of …" counts: "the number of weekly transactions on the network" (weekly
 * transactions), "the average number … of end users testing …" (end users), "the number of pages
 * per session" (pages/session). Undefined when there is no "number of"; null when what follows is
 * no count unit.
 */
export function numberOfPhrase(before: string): string | null | undefined {
  // "the average number … of end users": an elision between the words is read through.
  const numberOf =
    /(?:\b(daily|weekly|monthly|quarterly|yearly|annual)\s+)?\b(?:number|count|amount|total|backlog)\s+(?:(?:…|\.\.\.)\s*)?of\s+(?:the\s+|our\s+)?(.+)$/i.exec(
      before
    );
  if (!numberOf) return undefined;
  // "the yearly number of community members": a count per period.
  const per = numberOf[1] ? `/${PERIOD_OF[numberOf[1].toLowerCase()] ?? "year"}` : "";
  numberOf.splice(1, 1);
  const phrase: string[] = [];
  for (const word of words(numberOf[1])) {
    if (!/^[\p{L}][\p{L}\p{N}\-'’]*$/u.test(word) || STOP_WORDS.has(word.toLowerCase())) break;
    // "end users testing product updates": an -ing word after a plural noun starts a clause.
    const last = phrase[phrase.length - 1] ?? "";
    if (/ing$/i.test(word) && !ING_NOUNS.has(word.toLowerCase()) && isPlural(last)) break;
    // "open issues older than 90 days": a comparative after a plural noun describes it.
    if (
      /^(?:older|newer|longer|shorter|larger|smaller|more|less|over|under|above|below)$/i.test(
        word
      ) &&
      isPlural(last)
    )
      break;
    // "students impacted by our titles", "talks given by …": a participle after a plural noun
    // describes it.
    if ((/[^e]ed$/i.test(word) || IRREGULAR_PARTICIPLES.has(word.toLowerCase())) && isPlural(last))
      break;
    phrase.push(word);
  }
  const unit = phrase.join(" ");
  if (phrase.length === 0 || phrase.length > MAX_UNIT_WORDS || MEASURE_NOUNS.test(unit))
    return null;
  // "the number of pages per session": a count per something.
  const perWhat = /^\s+per\s+(\p{L}+)/u.exec(
    words(numberOf[1]).slice(phrase.length).join(" ").replace(/^/, " ")
  );
  return perWhat ? `${unit}/${perWhat[1]}` : `${unit}${per}`;
}

/**
 * The counted noun written before its number: "Increase the number of active validators to 100"
 * (active validators), "Grow Twitter followers from 2k to 5k" (Twitter followers), "Open issue
 * count below 100" (open issues). Null when the words before name a measure (a score, a rate, a
 * time) or no noun phrase joins the number.
 */
export function unitBefore(main: string, q: Quantity): string | null {
  // A window, not the whole text: the noun phrase is a few words, and long texts stay linear.
  let before = main.slice(Math.max(0, q.start - 120), q.start);
  // The "to" number of "from X to Y" takes the noun before "from".
  // ("from 22 last quarter to 40", "from 60 families down to 25": words between.)
  before = before.replace(
    /\s*\bfrom\s+\S+(?:\s+[\p{L}-]+){0,3}?\s*(?:to|→|->|–|-)(?:\s+(?:under|below|less than|fewer than|at most|over|above|more than|at least))?\s*$/iu,
    " from"
  );
  // "Open P1 bugs: 42 → 10", "NPS 45 -> 55": the second number of a pair takes the first's noun.
  const pair = /\s*[$€£~]?\d[\d.,]*\s*(?:bn|[kKmM%x])?\s*(?:→|->)\s*$/.exec(before);
  let paired = false;
  if (pair) {
    before = before.slice(0, pair.index);
    paired = true;
  }
  // "Grow newsletter subs 40k to 75k", "NPS 45 -> 55": the first number of a pair written without
  // "from" follows its noun directly.
  let linked = paired || /^\s*(?:to|→|->)\s*[$€£~]?\d/.test(main.slice(q.end, q.end + 12));
  for (let link = LINK_BEFORE.exec(before); link; link = LINK_BEFORE.exec(before)) {
    before = before.slice(0, link.index);
    linked = true;
  }
  // "Open P1 bugs: 42 → 10", "Payroll errors: no more than 1 per cycle": the measure named
  // before a colon.
  const colon = /^([^:]{1,100}):\s*(?:[<>≤≥~=]=?\s*)?$/.exec(before);
  if (colon && colon.index === 0 && q.start <= 120) return namedUnit(colon[1]);
  // "MAU 1.2M", "Churn 2% (Q2: 3.1%)": a scorecard row, a name and its value with no verb.
  if (
    !linked &&
    q.start <= 120 &&
    /^\s*(?:$|[([;,])/.test(main.slice(q.end)) &&
    !opensWithVerb(before)
  )
    return namedUnit(before);
  if (!linked) return null;
  const counted = numberOfPhrase(before);
  if (counted !== undefined) return counted;
  let tokens = words(before);
  // "false alarms per shift from 40 to 10": a count per something.
  // "pages per on-call shift from 14 to 5": what it is per may be two or three words.
  const per = tokens.findIndex(
    (word, index) => index >= 1 && index >= tokens.length - 4 && word.toLowerCase() === "per"
  );
  let perWhat = "";
  const perWords = per < 0 ? [] : tokens.slice(per + 1);
  if (
    perWords.length > 0 &&
    perWords.every(
      (word, index) =>
        // "tickets per 1,000 users": a number of what it is per.
        (index === 0 && perWords.length > 1 && /^\d{1,3}(?:,\d{3})*$/.test(word)) ||
        (/^[\p{L}][\p{L}-]*$/u.test(word) && !STOP_WORDS.has(word.toLowerCase()))
    )
  ) {
    perWhat = `/${perWords.join(" ").replace(/(?<=\d),(?=\d{3})/g, "")}`;
    tokens = tokens.slice(0, per);
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
        COUNT_VERBS.has(lower) ||
        OPENING_VERBS.test(lower) ||
        AIM_VERBS.has(lower))
    )
      break;
    // The sentence's first word before a noun phrase is its verb, known or not ("Bring monthly
    // active users to 2,000"); a sentence that starts with its noun keeps the head noun anyway.
    if (i === 0 && q.start <= 120 && phrase.length > 0) break;
    phrase.unshift(word);
  }
  // "downloads on PyPI to 2M": a name after a preposition says where; what is counted is the
  // plural noun before it.
  const stop = tokens.length - 1 - phrase.length;
  // "weekly downloads of the CLI from 310k to 500k": a name after "of the" says of what; what is
  // counted is the plural noun phrase before it.
  if (
    phrase.length > 0 &&
    /^(?:the|our|its|their)$/i.test(tokens[stop] ?? "") &&
    /^(?:of|on|in|at|across|from|for)$/i.test(tokens[stop - 1] ?? "") &&
    /^\p{L}[\p{L}-]*[^su\W]s$/u.test(tokens[stop - 2] ?? "")
  ) {
    const counted: string[] = [];
    for (let at = stop - 2; at >= 0 && counted.length < MAX_UNIT_WORDS; at--) {
      const word = tokens[at];
      const lower = word.toLowerCase();
      if (STOP_WORDS.has(lower) || !/^\p{L}[\p{L}-]*$/u.test(word)) break;
      if (
        isKnownVerb(lower) ||
        verbDirection(word).direction !== null ||
        OPENING_VERBS.test(lower) ||
        AIM_VERBS.has(lower)
      )
        break;
      counted.unshift(word);
    }
    if (counted.length > 0 && !MEASURE_NOUNS.test(counted.join(" "))) return counted.join(" ");
  }
  // "Model recall on fraud cases 0.78 → 0.85": the measure is named before the preposition; what
  // follows it says where it is taken, not what is counted.
  if (
    phrase.length > 0 &&
    /^(?:on|in|for|across|among|of)$/i.test(tokens[stop] ?? "") &&
    MEASURE_NOUNS.test(tokens[stop - 1] ?? "")
  )
    return null;
  if (
    phrase.length > 0 &&
    phrase.every((word) => /^\p{Lu}/u.test(word)) &&
    /^(?:on|in|at|from|across|via|through)$/i.test(tokens[stop] ?? "") &&
    /^\p{Ll}[\p{Ll}-]*[^su\W]s$/u.test(tokens[stop - 1] ?? "") &&
    stop - 1 > 0
  ) {
    phrase.length = 0;
    phrase.push(tokens[stop - 1]);
  }
  // "Partner integrations live: 6 → 15", "Grants secured: 4": a state after the noun says which
  // count, not what is counted.
  if (phrase.length >= 2 && STATE_AFTER.test(phrase[phrase.length - 1])) phrase.pop();
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

/** The text opens with a verb the parser knows, in its base form. */
function opensWithVerb(text: string): boolean {
  const first = (words(text)[0] ?? "").toLowerCase().replace(/[^\p{L}-]/gu, "");
  return first === "" || opensWork(first) || PHRASE_VERBS.has(first);
}

/**
 * The unit a scorecard names before its value ("Open P1 bugs: 42 → 10", "SQLs per AE: 10/wk",
 * "Contracts processed per legal FTE per month: 25 → 40", "MAU 1.2M"): the name up to its first
 * preposition, without a state or a participle after its plural noun ("Partner integrations
 * live", "Keywords ranking in top 3"), then what it is per. Null when the name is a measure (a
 * rate, a score, recall) or not a plain noun phrase.
 */
function namedUnit(name: string): string | null {
  const tokens = words(name).map((word) => word.replace(/[.,;!?)]+$/, ""));
  const head: string[] = [];
  let at = 0;
  for (; at < tokens.length && !STOP_WORDS.has(tokens[at].toLowerCase()); at++) {
    // "Open vulnerabilities critical+high": a word that is no plain word ends the name.
    if (!/^[\p{L}\p{N}][\p{L}\p{N}\-'’/&]*$/u.test(tokens[at])) break;
    head.push(tokens[at]);
  }
  while (
    head.length >= 2 &&
    (STATE_AFTER.test(head[head.length - 1]) ||
      (/^\p{Ll}+(?:ing|ed)$/u.test(head[head.length - 1]) && /s$/i.test(head[head.length - 2])))
  )
    head.pop();
  if (head.length === 0 || head.length > MAX_UNIT_WORDS || /^\p{N}/u.test(head[0])) return null;
  const unit = head.join(" ");
  if (MEASURE_NOUNS.test(unit)) return null;
  const pers = [
    ...tokens
      .slice(at)
      .join(" ")
      .matchAll(
        /\bper\s+(?:(\d[\d,]*)\s+)?(?:[\p{L}-]+\s+)?([\p{L}][\p{L}-]*)(?=\s+per\b|\s*$|\s+(?:in|on|for|of|at|across)\b)/giu
      ),
  ].map((match) => (match[1] ? `${match[1].replace(/,/g, "")} ${match[2]}` : match[2]));
  return [unit, ...pers].join("/");
}

/** A plural noun: "issues", "children", "people" (not "status", "bus"). */
function isPlural(word: string): boolean {
  return /[^su]s$/i.test(word) || /^(?:people|children|men|women|staff)$/i.test(word);
}
