/**
 * What parentheses say ("(Current: 72%)", "(from 2 minutes to 30 seconds)"), and "from X to Y"
 * anywhere.
 */
import type { Parentheticals, Quantity } from "./types";
import { quantities, sameKind } from "./quantities";

/** Takes the parentheses apart: "(Current: 72%)", "(from 2 minutes to 30 seconds)", "(+20 points)". */
export function parentheticals(text: string): Parentheticals {
  const result: Parentheticals = {
    main: text,
    current: null,
    previous: false,
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
      // "ARR $5M (from $3.1M)", "Featured snippets: 40 (from 11)": where it starts.
      /^from\s+(?!.*(?:\bto|→|->)\s*[$€£~]?\d)([$€£~]?\d.*)$/i.exec(inner) ??
      // "(May 2019 total is 2.7 million)", "(2023 total: 42)", "(the total is 42)": the total
      // when it was set ("(total: 50)" alone is the total to reach).
      /^(?:as of\s+)?(?:[\p{L}]+\s+)?(?:19|20)\d\d\s+(?:total|count)\s*(?::|is|was|of)\s*(.+)$/iu.exec(
        inner
      ) ??
      /^(?:the\s+)?(?:total|count)\s+(?:is|was)\s+(?:currently\s+)?(.+)$/i.exec(inner) ??
      // "(was 430 on Jan 1)", "(n=96 enrolled as of March)", "(it was 2.5 h over the last 12
      // months)", "(we had 18,400 on 1 July)", "(we're at 48)": where it stands now.
      /^(?:(?:it|we|they|this)\s*(?:'re|’re|'s|’s|\s+(?:is|are|was|were|had|have|stand|stood))\s+(?:at\s+)?|was\s+|were\s+|n\s*=\s*)(?=[$€£~]?\d)(.+?)(?:\s+(?:last|the previous|previous|prior|on|in|over|as of|at the|enrolled|so far)\b.*)?$/i.exec(
        inner
      );
    // "(vs. 28k last quarter)", "(up from 3)", "(Q1: 47)": the last period's value of the measure.
    const previous =
      current === null
        ? (/^(?:vs\.?|versus|compared (?:to|with)|up from|down from)\s+(.+?)(?:\s+(?:last|the previous|previous|prior|on|in|as of|at the)\b.*)?$/i.exec(
            inner
          ) ??
          // "(Q1: 47)", "(FY23: $180,000)", "(2023: 74)", "(Q2 was $2.6M)": the last period's value.
          /^(?:(?:Q[1-4]|H[12])(?:\s*(?:19|20)?\d\d)?|FY\s?(?:19|20)?\d\d|(?:19|20)\d\d|last\s+(?:year|quarter|month))(?:\s+(?:avg|average|median|total|actual))?\s*(?::|=|was|were|(?=[$€£~]?\d))\s*(.+)$/i.exec(
            inner
          ) ??
          // "(9,140 as of Oct 3)", "(99.9% in Q3)": a value with the date it was measured.
          /^([$€£~]?\d[\d,.]*\s*(?:[kKmM%]|[\p{L}]+)?)\s+in\s+(?:Q[1-4]|H[12]|FY|(?:19|20)\d\d|last)(?!\p{Ll})/iu.exec(
            inner
          ))
        : null;
    // "(9,140 as of Oct 3)": a value with the date it was measured, where it stands now.
    const asOf =
      current === null && previous === null
        ? /^([$€£~]?\d[\d,.]*\s*(?:[kKmM%]|[\p{L}]+)?)\s+as of\s+(?:Q[1-4]|H[12]|FY|(?:19|20)\d\d|last|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?!\p{Ll})/iu.exec(
            inner
          )
        : null;
    const points = /^\+\s*(\d+(?:\.\d+)?)\s*(?:points?|pts|percentage points|pp)\b/i.exec(inner);
    const times = /^(\d+(?:\.\d+)?)\s*[x×]\s+(?:the\s+)?current\b/i.exec(inner);
    const change =
      /^(?:an?\s+)?(\d+(?:\.\d+)?)\s*%\s*(reduction|improvement|increase|decrease|faster|less|fewer|more|growth|up|down)\b/i.exec(
        inner
      );
    const total =
      /^(\d+)\s+(?:in\s+)?total$/i.exec(inner) ?? /^(?:total|in total)\s*:?\s*(\d+)$/i.exec(inner);
    const said = current ?? asOf ?? previous;
    const stated = said ? quantities(said[1]) : [];
    if (stated.length > 0) {
      result.current = stated[0];
      result.previous = said === previous;
    } else if (points) result.points = Number(points[1]);
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
  // "Close 8 new logos, up from 3 last quarter", "40k visitors vs. 28k last quarter": where it
  // stands now, said after the target.
  const since =
    result.current === null
      ? /(?:,\s*|\s+)(?:up|down)\s+from\s+((?:[^,;()]|,(?=\d{3})){1,40}?)(?:\s+(?:last|the previous|previous|prior|in|on|as of)\b[^,;()]*)?\s*(?=,(?!\d{3})|;|\.(?!\d)|$)|(?:,\s*|\s+)(?:vs\.?|versus)\s+((?:[^,;()]|,(?=\d{3})){1,40}?)\s+(?:last|the previous|previous|prior)\s+(?:year|quarter|month|week)\s*(?=,(?!\d{3})|;|\.(?!\d)|$)/i.exec(
          result.main
        )
      : null;
  // "Bring resolution time down from 26 hours to 18 hours": a from-to, not a past value.
  const fromTo = since !== null && /(?:\bto|→|->)\s*(?:[$€£~]?\d|zero\b)/i.test(since[0]);
  const stated = since && !fromTo ? quantities(since[1] ?? since[2]) : [];
  if (since && stated.length > 0) {
    result.current = stated[0];
    result.previous = true;
    result.main =
      `${result.main.slice(0, since.index)}${result.main.slice(since.index + since[0].length)}`.trim();
  }
  return result;
}

/**
 * Two numbers that can be a baseline and a target: units of one kind ("5 minutes", "30 seconds";
 * "1.2GB", "400MB"), the same unit with or without a period ("$0.012", "$0.006/request"), or a
 * unit named before the pair ("DSO 52 → 40 days"). "1.2GB to 400 users" is not a pair.
 */
function pairable(a: Quantity, b: Quantity): boolean {
  const base = (q: Quantity) => (q.unit ?? "").split("/")[0];
  return (
    sameKind(a, b) ||
    a.unitBefore ||
    b.unitBefore ||
    base(a) === base(b) ||
    a.unit === "%" ||
    b.unit === "%"
  );
}

/** "from 5 minutes to 30 seconds", "4.2 to 2.5", "to 75% from current 45%". */
export function fromToIn(
  text: string,
  found: Quantity[] = quantities(text)
): [Quantity, Quantity] | null {
  for (let i = 0; i + 1 < found.length; i++) {
    // "2x to 20k": a multiplier and a count are not a baseline and a target; nor are two numbers
    // in units of different kinds.
    if ((found[i].unit === "x") !== (found[i + 1].unit === "x")) continue;
    if (!pairable(found[i], found[i + 1])) continue;
    const between = text.slice(found[i].end, found[i + 1].start);
    // "from 3.5 days to under 1 day", "from 1,240 to fewer than 200": a bound on the target.
    if (
      /^\s*(?:to|→|->|–|-)\s*$/i.test(between) ||
      /^\s*(?:\p{L}+\s+){0,3}?(?:(?:last|this|in)\s+(?:quarter|year|month|week|term|semester|season|cycle|sprint|Q[1-4]|H[12]|\d{4})\s+)?(?:(?:down|up)\s+)?to\s*(?:(?:under|below|less than|fewer than|at most|no more than|at least|over|above|more than|[<>≤≥~])\s*)?$/iu.test(
        between
      )
    ) {
      const before = text.slice(Math.max(0, found[i].start - 6), found[i].start);
      if (/from\s*$/i.test(before) || /^\s*(?:to|→|->)\s*$/i.test(between))
        return [found[i], found[i + 1]];
    }
    // "45 min → 30 min": an arrow after the first number's unit.
    if (/^\s*\p{L}+\s*(?:→|->)\s*$/iu.test(between) && found[i].unit === found[i + 1].unit) {
      return [found[i], found[i + 1]];
    }
    // "to 75% from current 45%"
    // ("to 320 households from 245": the unit may come between.)
    if (
      /^\s*(?:\p{L}+\s+)?from\s+(?:(?:the\s+)?current(?:ly)?|today'?s?)?\s*:?\s*$/iu.test(between)
    ) {
      const before = text.slice(Math.max(0, found[i].start - 4), found[i].start);
      if (/\bto\s*$/i.test(before)) return [found[i + 1], found[i]];
    }
  }
  return null;
}
