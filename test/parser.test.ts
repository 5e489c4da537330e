import fc from "fast-check";
import { AMBIGUOUS_BELOW, cleanKeyResultText, parseKeyResult } from "../src/okr/parser";
import { propertyRuns, Reach } from "./support/reach";

type Expected = {
  type: string | null;
  baseline: number | null;
  target: number | null;
  unit: string | null;
  current?: number | null;
};

function fields(text: string) {
  const { type, baseline, target, unit, current } = parseKeyResult(text);
  return { type, baseline, target, unit, current };
}

describe("the forms a key result is written in", () => {
  test.each<[string, string, Expected]>([
    [
      "from X to Y",
      "Grow AI/ML team from 15 to 40 engineers",
      { type: "increase", baseline: 15, target: 40, unit: "engineers" },
    ],
    [
      "from X to Y, downward",
      "Reduce customer effort score (CES) from 4.2 to 2.5",
      { type: "decrease", baseline: 4.2, target: 2.5, unit: null },
    ],
    [
      "X to Y without from",
      "Cut churn 8% to 5%",
      { type: "decrease", baseline: 8, target: 5, unit: "%" },
    ],
    [
      "to < Y (Current: X)",
      "Reduce prediction error (RMSE) to < 10% (Current: 18%)",
      { type: "decrease", baseline: 18, target: 10, unit: "%", current: 18 },
    ],
    [
      "≥ Y% with a current value",
      "Achieve model accuracy of ≥ 85% on test dataset (Current: 72%)",
      { type: "increase", baseline: 72, target: 85, unit: "%", current: 72 },
    ],
    [
      "at least",
      "Reach at least 40 active teams (Current: 12)",
      { type: "increase", baseline: 12, target: 40, unit: "active teams", current: 12 },
    ],
    [
      "above",
      "Keep CSAT above 80%",
      { type: "maintain-above", baseline: null, target: 80, unit: "%" },
    ],
    [
      "below",
      "Keep p95 latency below 200 ms",
      { type: "maintain-below", baseline: null, target: 200, unit: "milliseconds" },
    ],
    [
      "under",
      "Keep monthly cloud spend under $40K",
      { type: "maintain-below", baseline: null, target: 40_000, unit: "$" },
    ],
    [
      "Y+",
      "Handle 10,000+ customer conversations per month",
      { type: "increase", baseline: null, target: 10_000, unit: "customer conversations/month" },
    ],
    [
      "money with K",
      "Generate $500K in incremental revenue through improved predictions",
      { type: "increase", baseline: null, target: 500_000, unit: "$" },
    ],
    [
      "money with M and a current value",
      "Generate $5M in incremental revenue from AI-driven recommendations (Current: $0)",
      { type: "increase", baseline: 0, target: 5_000_000, unit: "$", current: 0 },
    ],
    [
      "money with B",
      "Reach $1.2B in gross bookings (Current: $900M)",
      {
        type: "increase",
        baseline: 900_000_000,
        target: 1_200_000_000,
        unit: "$",
        current: 900_000_000,
      },
    ],
    [
      "euro",
      "Grow ARR from €2.5M to €4M",
      { type: "increase", baseline: 2_500_000, target: 4_000_000, unit: "€" },
    ],
    [
      "thousands separators and decimals",
      "Train model on 100,000+ labeled images from new product lines",
      { type: "increase", baseline: null, target: 100_000, unit: "labeled images" },
    ],
    [
      "decimals",
      "Achieve 99.95% platform uptime SLA",
      { type: "maintain-above", baseline: null, target: 99.95, unit: "%" },
    ],
    [
      "by N% of a current value",
      "Reduce costs by 20% (Current: $1.5M)",
      { type: "decrease", baseline: 1_500_000, target: 1_200_000, unit: "$", current: 1_500_000 },
    ],
    [
      "by N% up",
      "Increase conversion rate by 15% through personalized AI experiences (Current: 2.3%)",
      { type: "increase", baseline: 2.3, target: 2.645, unit: "%", current: 2.3 },
    ],
    [
      "by $N of a current value",
      "Reduce customer service costs by $2M annually through AI automation (Current: $8M)",
      { type: "decrease", baseline: 8_000_000, target: 6_000_000, unit: "$", current: 8_000_000 },
    ],
    [
      "by N% with no current value",
      "Decrease product defect escapes to customers by 80%",
      { type: "increase", baseline: 0, target: 80, unit: "% reduction" },
    ],
    [
      "N new on top of the current value",
      "Launch in 5 new markets (Current: 2)",
      { type: "increase", baseline: 2, target: 7, unit: "markets", current: 2 },
    ],
    [
      "N additional with no current value",
      "Support 3 additional languages (English, Spanish, French)",
      { type: "increase", baseline: 0, target: 3, unit: "languages" },
    ],
    [
      "(+20 points)",
      "Increase Net Promoter Score (NPS) from 45 to 65 (+20 points)",
      { type: "increase", baseline: 45, target: 65, unit: "points" },
    ],
    [
      "minutes to seconds",
      "Reduce average response time from 5 minutes to 30 seconds",
      { type: "decrease", baseline: 300, target: 30, unit: "seconds" },
    ],
    [
      "weeks to days",
      "Reduce model deployment time from 2 weeks to 2 days",
      { type: "decrease", baseline: 14, target: 2, unit: "days" },
    ],
    [
      "hours to minutes",
      "Reduce average response time from 4 hours to 5 minutes (95% improvement)",
      { type: "decrease", baseline: 240, target: 5, unit: "minutes" },
    ],
    [
      "a duration per something",
      "Reduce system switching time by 70% (from 2 minutes to 30 seconds per interaction)",
      { type: "decrease", baseline: 120, target: 30, unit: "seconds/interaction" },
    ],
    [
      "a glued unit",
      "Keep inference latency under 100ms",
      { type: "maintain-below", baseline: null, target: 100, unit: "milliseconds" },
    ],
    [
      "zero …",
      "Achieve zero data leakage incidents or privacy violations",
      { type: "maintain-below", baseline: null, target: 0, unit: "data leakage incidents" },
    ],
    [
      "< 5% with no baseline",
      "Maintain < 5% hallucination rate through grounding and validation",
      { type: "maintain-below", baseline: null, target: 5, unit: "%" },
    ],
    [
      "< 5% with no verb",
      "Pass fairness audits with < 5% disparate impact across demographic groups",
      { type: "maintain-below", baseline: null, target: 5, unit: "%" },
    ],
    [
      "Maintain 99.9% uptime",
      "Maintain 99.9% uptime",
      { type: "maintain-above", baseline: null, target: 99.9, unit: "%" },
    ],
    [
      "uptime is a level to hold",
      "Achieve 99.5% uptime in production environment",
      { type: "maintain-above", baseline: null, target: 99.5, unit: "%" },
    ],
    [
      "Keep … under …",
      "Keep churn under 3%",
      { type: "maintain-below", baseline: null, target: 3, unit: "%" },
    ],
    [
      "within a time",
      "Detect and alert on model drift within 24 hours",
      { type: "maintain-below", baseline: null, target: 24, unit: "hours" },
    ],
    [
      "Nx current capacity",
      "Process 1,000+ images per hour (10x current manual capacity)",
      { type: "increase", baseline: 100, target: 1000, unit: "images/hour" },
    ],
    [
      "a rate per day",
      "Deploy model to production handling 10,000+ predictions/day",
      { type: "increase", baseline: null, target: 10_000, unit: "predictions/day" },
    ],
    [
      "a rate word",
      "Reach 20,000 users monthly (Current: 4,000)",
      { type: "increase", baseline: 4000, target: 20_000, unit: "users/month", current: 4000 },
    ],
    [
      "a count with no baseline",
      "Enable 10 data science teams to deploy models to production",
      { type: "increase", baseline: null, target: 10, unit: "data science teams" },
    ],
    [
      "a dashboard cell",
      "10K conversations/month",
      { type: "increase", baseline: null, target: 10_000, unit: "conversations/month" },
    ],
    [
      "a markdown bullet with a checkbox and emphasis",
      "- [ ] **Reduce** average handling time from *8 minutes* to 2 minutes",
      { type: "decrease", baseline: 8, target: 2, unit: "minutes" },
    ],
    [
      "a down verb with no current value reads as a ceiling",
      "Reduce churn to 5%",
      { type: "maintain-below", baseline: null, target: 5, unit: "%" },
    ],
  ])("%s: %s", (_form, text, expected) => {
    expect(fields(text)).toEqual({ current: null, ...expected });
    expect(parseKeyResult(text).measurable).toBe(true);
  });
});

describe("numbers that are not metrics are left alone", () => {
  test.each([
    ["a product name", "Migrate 100% of customer interactions to D365 Contact Center", 100],
    ["a quarter and a year", "Ship 3 integrations by Q3 2026", 3],
    ["a 360° view", "Give 50 agents a 360° customer view", 50],
  ])("%s", (_name, text, target) => {
    expect(parseKeyResult(text).target).toBe(target);
  });

  test("a deliverable whose only number is a 360° view is a milestone", () => {
    expect(parseKeyResult("Provide agents with 360° customer view in unified workspace").type).toBe(
      "milestone"
    );
  });
});

describe("direction: from the verb and from the numbers", () => {
  test("when they disagree the numbers win and the reason says so", () => {
    const result = parseKeyResult("Reduce onboarding time from 3 days to 5 days");
    expect(result.type).toBe("increase");
    expect(result.reason).toContain(
      'the wording says "reduce" but the target (5) is above the baseline (3)'
    );
    expect(result.confidence).toBeLessThan(AMBIGUOUS_BELOW);
  });

  test("an increase verb against falling numbers", () => {
    const result = parseKeyResult("Increase ticket backlog from 400 to 250");
    expect(result.type).toBe("decrease");
    expect(result.reason).toContain(
      'the wording says "increase" but the target (250) is below the baseline (400)'
    );
  });

  test("a stated change that does not match the numbers is mentioned", () => {
    const result = parseKeyResult(
      "Reduce handle time from 10 minutes to 8 minutes (50% improvement)"
    );
    expect(result.reason).toContain("it also states 50%, but 10 minutes to 8 minutes is 20%");
  });

  test("a stated point change that does not match is mentioned", () => {
    expect(parseKeyResult("Increase NPS from 45 to 60 (+20 points)").reason).toContain(
      "it also states +20 points, but the change is 15"
    );
  });
});

describe("not measurable, with the reason", () => {
  // Deliverables ("Deploy chatbot", "Complete red team security testing …", "Implement seamless
  // escalation …") were read as not measurable before issue 11; they are milestones now (below).
  test.each([
    "Maintain conversation context and sentiment score through bot-to-human handoff",
    "Improve developer happiness",
    "CEO KR: Increase funnel volume to drive pipeline. Issue 12074",
    "Maximize monthly unique visitors to the website",
    "Meet hiring targets and have a diverse top of pipeline",
    "Core implementation has improved API/CLI test coverage.",
    "Reach more paying customers",
    "Reduce churn",
    "Make onboarding great",
    "",
    "   ",
  ])("%p", (text) => {
    const result = parseKeyResult(text);
    expect(result).toMatchObject({ measurable: false, type: null, baseline: null, target: null });
    expect(result.reason.length).toBeGreaterThan(10);
  });

  test("target equal to the baseline is not measurable", () => {
    const result = parseKeyResult("Grow the team from 12 to 12 engineers");
    expect(result.measurable).toBe(false);
    expect(result.reason).toContain("the target equals the baseline");
  });
});

describe("ambiguous text gets a low confidence and a reason, not a silent guess", () => {
  test.each([
    [
      "two metrics",
      "Achieve 99.9% model uptime with < 100ms latency",
      "a second metric is not scored: 100 milliseconds",
    ],
    [
      "two numbers",
      "Launch 2 new AI-powered products generating $3M ARR",
      "a second metric is not scored: $3,000,000",
    ],
    ["a reduction with no baseline", "Reduce churn to 5%", "state the current value"],
    // Counted from 0 new, but readers take "N additional" as often as a count to reach.
    [
      "N additional with no current value",
      "Support 3 additional languages",
      "state the current number",
    ],
    [
      "N new after an up verb, no current value",
      "Expand to 3 new markets",
      "state the current number",
    ],
  ])("%s", (_name, text, reason) => {
    const result = parseKeyResult(text);
    expect(result.confidence).toBeLessThan(AMBIGUOUS_BELOW);
    expect(result.reason).toContain(reason);
  });

  test("a scope is not a second metric: confident, and the reason names it", () => {
    // Before issue 11 "across 3 production models" counted as a second metric and made the
    // reading doubtful; a scope or condition says what counts, the reading is the main metric.
    // (Without "≥", which is a doubt of its own: a floor or a level to reach.)
    const result = parseKeyResult("Achieve 85% model accuracy across 3 production models");
    expect(result).toMatchObject({ type: "increase", target: 85, unit: "%" });
    expect(result.confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
    expect(result.reason).toContain("3 production models: scope or a condition of the metric");
  });

  test.each<[string, Expected]>([
    [
      "Achieve 90% accuracy in intent recognition across 50+ topics",
      { type: "increase", baseline: null, target: 90, unit: "%" },
    ],
    [
      "Launch 5 copilot solutions serving 20,000+ users monthly (Current: 0)",
      { type: "increase", baseline: 0, target: 5, unit: "copilot solutions" },
    ],
    [
      "Achieve 99.9% uptime across 100+ services",
      { type: "maintain-above", baseline: null, target: 99.9, unit: "%" },
    ],
    [
      "Reach 95% test coverage across 20+ repositories",
      { type: "increase", baseline: null, target: 95, unit: "%" },
    ],
    [
      "Achieve 80% adoption among more than 500 employees",
      { type: "increase", baseline: null, target: 80, unit: "%" },
    ],
    [
      "Launch 3 products serving 1,000+ customers",
      { type: "increase", baseline: null, target: 3, unit: "products" },
    ],
  ])(
    "a bounded number after a scope word is scope, and the reading confident: %s",
    (text, expected) => {
      expect(fields(text)).toMatchObject(expected);
      expect(parseKeyResult(text).confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
    }
  );

  test.each(["Lift", "Push", "Drive", "Boost"])(
    "%s raises: 'to 40% or more' after it is a level to reach, read with confidence",
    (verb) => {
      const result = parseKeyResult(`${verb} retention to 40% or more`);
      expect(result).toMatchObject({ type: "increase", target: 40, unit: "%" });
      expect(result.confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
    }
  );

  test.each([
    ["Ship 3 features, each tested and documented", "features"],
    ["Onboard 50 customers, doubling revenue and retention", "customers"],
    ["Publish 4 guides, including setup and migration", "guides"],
  ])("a clause after the counted noun is not a list of nouns: %s", (text, unit) => {
    const result = parseKeyResult(text);
    expect(result.unit).toBe(unit);
    expect(result.reason).not.toContain("the first of a list of nouns");
    expect(result.confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
  });

  test("clear sentences are confident", () => {
    for (const text of [
      "Reduce average response time from 5 minutes to 30 seconds",
      "Achieve model accuracy of ≥ 85% on test dataset (Current: 72%)",
    ]) {
      expect(parseKeyResult(text).confidence).toBeGreaterThanOrEqual(0.9);
    }
  });

  test("relative or absolute percentages are spelled out", () => {
    expect(parseKeyResult("Increase conversion rate by 15% (Current: 2.3%)").reason).toContain(
      "if percentage points were meant, the target is 17.3%"
    );
  });
});

test("cleanKeyResultText strips list markup, checkboxes, status marks and emphasis", () => {
  expect(cleanKeyResultText("1. ✅ **Achieve ≥ 95% defect detection accuracy**")).toBe(
    "Achieve ≥ 95% defect detection accuracy"
  );
  expect(cleanKeyResultText("- [x] *Copilot Studio deflection*")).toBe("Copilot Studio deflection");
});

describe("the parser is total", () => {
  const checkShape = (text: string) => {
    const result = parseKeyResult(text);
    expect(typeof result.measurable).toBe("boolean");
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(typeof result.reason).toBe("string");
    for (const value of [result.baseline, result.target, result.current]) {
      if (value !== null) expect(Number.isFinite(value)).toBe(true);
    }
    if (result.measurable) expect(result.type).not.toBeNull();
    return result;
  };

  test("any string, including non-Latin and very long text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "grapheme", maxLength: 500 }),
          fc.string({ unit: "binary", maxLength: 200 })
        ),
        (text) => {
          checkShape(text);
        }
      ),
      { numRuns: propertyRuns(3000) }
    );
  });

  test("sentences built from the grammar's own pieces", () => {
    const piece = fc.constantFrom(
      "Reduce",
      "Increase",
      "Maintain",
      "Keep",
      "from",
      "to",
      "by",
      "(Current:",
      ")",
      "(+20 points)",
      "≥",
      "<",
      "under",
      "zero",
      "new",
      "$",
      "€",
      "%",
      "K",
      "M",
      "B",
      "+",
      "minutes",
      "weeks",
      "days",
      "per",
      "hour",
      "uptime",
      "1,000",
      "2.5",
      "0",
      "99.9",
      "1e400",
      "10x current",
      "(",
      "360°"
    );
    const reach = new Reach();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.nat().map(String), fc.double().map(String)), { maxLength: 20 }),
        (pieces) => {
          reach.record(checkShape(pieces.join(" ")).measurable ? "measurable" : "not measurable");
        }
      ),
      { numRuns: propertyRuns(3000) }
    );
    // The grammar's pieces reach the parser's metrics (the test above, on any string, rarely does).
    reach.expectShare(0.4, "measurable");
  });

  test("a very long sentence", () => {
    checkShape(
      `Reduce ${"very ".repeat(50_000)}long time from 5 minutes to 30 seconds ${"(x) ".repeat(10_000)}`
    );
    checkShape("Ẓ₂ 中文 العربية १२३ ٣٤ from ٥ to ٦");
  });

  // A full Excel cell (32,767 characters) of text made to trap regular expressions: "\b" is
  // ASCII-only, so a word alternating ASCII and non-ASCII letters once made a search of the whole
  // sentence quadratic (55 s for "Give x Ωa…"). Each must return well inside the test's timeout.
  const CELL = 32_767;
  const fill = (start: string, unit: string) =>
    start + unit.repeat(Math.floor((CELL - start.length) / unit.length));
  test.each([
    ["a word alternating Latin and Greek letters", fill("Give x ", "Ωa")],
    ["a word alternating plain and accented letters", fill("Give ", "aé")],
    ["mixed-script words ending in -ed", fill("Give x ", "aΩed ")],
    ["the same word repeated", fill("Increase ", "revenue ")],
    ["lists joined by commas and 'and'", fill("Launch 3 ", "widgets, gadgets and ")],
    ["numbers with '+' after a scope word", fill("Achieve 90% ", "across 50+ ")],
    ["'to N% or more' repeated", fill("Lift x ", "to 40% or more ")],
  ])("a full cell of hostile text returns: %s", (_name, text) => {
    expect(text.length).toBeGreaterThan(CELL - 20);
    checkShape(text);
  });

  test("no expression that puts '\\b' beside a Unicode letter runs on more than a short window", () => {
    // Backtracking is invisible to a work meter, so the trap is checked where it is set: while the
    // parser reads mixed-script text, every search by an expression with "\b" beside "\p{L}" that
    // may start anywhere (not anchored with "^") is over a bounded window (40 characters before a
    // number) or one word, never the whole sentence: at each start it may scan a whole word.
    // "\b\p{L}", "\b[\p{L}-]", "\p{L}{3,}\b", "[\p{L}]+\b" in an expression's source.
    const BESIDE = /\\b\[?\\p\{L|\\p\{L\}[^\]\s]*\]?(?:[*+?]|\{\d*,?\d*\})?\\b/;
    const exec = Object.getOwnPropertyDescriptor(RegExp.prototype, "exec")!;
    const longest = new Map<string, number>();
    const original = RegExp.prototype.exec;
    Object.defineProperty(RegExp.prototype, "exec", {
      ...exec,
      value(this: RegExp, input: string) {
        const anchored = this.source.startsWith("^") && !this.multiline;
        if (!anchored && original.call(BESIDE, this.source) !== null) {
          const text = String(input);
          longest.set(this.source, Math.max(longest.get(this.source) ?? 0, text.length));
        }
        return original.call(this, input);
      },
    });
    try {
      parseKeyResult(`Give x ${"Ωa".repeat(100)} ${"aΩed ".repeat(40)}`);
      parseKeyResult(`Increase ${"Ωa ".repeat(100)}by 5 ${"aé ".repeat(100)}`);
    } finally {
      Object.defineProperty(RegExp.prototype, "exec", exec);
    }
    expect([...longest].filter(([, length]) => length > 40)).toEqual([]);
  });

  test("not a string at all (a JavaScript caller)", () => {
    checkShape(42 as unknown as string);
    checkShape(undefined as unknown as string);
  });
});

test.each<[string, Expected]>([
  [
    "Improve net revenue retention gap from -5% to -1%",
    { type: "increase", baseline: -5, target: -1, unit: "%" },
  ],
  [
    "Cut the forecast error from −8 to −2 points",
    { type: "increase", baseline: -8, target: -2, unit: "points" },
  ],
])("negative numbers: %s", (text, expected) => {
  expect(fields(text)).toEqual({ current: null, ...expected });
});

test("a range such as 2-3 weeks is not a negative number", () => {
  expect(parseKeyResult("Ship releases every 2-3 weeks").target).toBe(2);
});

/** The forms issue 11 lists, with its own example phrases and corpus-like ones. */
describe("real-world forms (issue 11)", () => {
  const forms: [string, string, Expected][] = [
    // Number words.
    [
      "number word",
      "Onboard two new design partners",
      { type: "increase", baseline: null, target: 2, unit: "design partners" },
    ],
    [
      "number word",
      "Run three wellbeing-related Masterclasses",
      { type: "increase", baseline: null, target: 3, unit: "wellbeing-related Masterclasses" },
    ],
    [
      "at least four",
      "At least four customers are running AND/OR/NOT queries",
      { type: "increase", baseline: null, target: 4, unit: "customers" },
    ],
    [
      "at least four",
      "Close at least four enterprise deals",
      { type: "increase", baseline: null, target: 4, unit: "enterprise deals" },
    ],
    [
      "at least one … per month",
      "Ship at least one post per month",
      { type: "maintain-above", baseline: null, target: 1, unit: "post/month" },
    ],
    [
      "one or more",
      "One or more js-ipfs daemons are part of the bootstrapper nodes",
      { type: "increase", baseline: null, target: 1, unit: "js-ipfs daemons" },
    ],
    // Numbers glued to units.
    [
      "1TB",
      "js-ipfs can handle 1TB of data",
      { type: "increase", baseline: null, target: 1, unit: "TB" },
    ],
    [
      "10MiB/s",
      "Rsync a mirror at a rate of 10MiB/s",
      { type: "increase", baseline: null, target: 10, unit: "MiB/s" },
    ],
    [
      "2d",
      "Cut the release cycle from 14d to 2d",
      { type: "decrease", baseline: 14, target: 2, unit: "days" },
    ],
    [
      "< 30s",
      "Average response time for content not on the gateways is < 30s",
      { type: "maintain-below", baseline: null, target: 30, unit: "seconds" },
    ],
    // Baselines.
    [
      "(from current X)",
      "Increase availability to 99.9% (from current 99.7%)",
      { type: "increase", baseline: 99.7, target: 99.9, unit: "%", current: 99.7 },
    ],
    [
      "to Y from current X",
      "Raise test coverage to 75% from current 45%",
      { type: "increase", baseline: 45, target: 75, unit: "%" },
    ],
    [
      "from X/period to Y/period",
      "Reduce incidents from 8/quarter to 2/quarter",
      // The noun named before the rate is what is counted, as "posts/month" is.
      { type: "decrease", baseline: 8, target: 2, unit: "incidents/quarter" },
    ],
    // Large numbers and money.
    [
      "20 million",
      "Grow monthly active users to 20 million users",
      { type: "increase", baseline: null, target: 20_000_000, unit: "users" },
    ],
    [
      "$20k+",
      "Close $20k+ in new ARR",
      { type: "increase", baseline: null, target: 20_000, unit: "$" },
    ],
    [
      "$561k",
      "Director of Product, Growth KR: Drive $561k in incremental IACV. gitlab-com/Product#727",
      { type: "increase", baseline: null, target: 561_000, unit: "$" },
    ],
    // Multipliers.
    [
      "double",
      "Double weekly active users",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    ["halve", "Halve build time", { type: "decrease", baseline: 1, target: 0.5, unit: "x" }],
    [
      "triple",
      "Triple the number of contributors",
      { type: "increase", baseline: 1, target: 3, unit: "x" },
    ],
    ["10x", "Grow API traffic 10x", { type: "increase", baseline: 1, target: 10, unit: "x" }],
    [
      "by 3x",
      "Grow MQLs delivered to sales weekly by 3x",
      { type: "increase", baseline: 1, target: 3, unit: "x" },
    ],
    [
      "a multiple that is a level",
      "Achieve 4x replication for all pinned data",
      { type: "increase", baseline: null, target: 4, unit: "x replication" },
    ],
    // Direction words later in the sentence.
    [
      "… reduced by 50%",
      "Backlog of stale issues reduced by 50%",
      { type: "increase", baseline: 0, target: 50, unit: "% reduction" },
    ],
    [
      "… reduce … by 75%",
      "Deduplicate storage and reduce duplicate blocks by 75%",
      { type: "increase", baseline: 0, target: 75, unit: "% reduction" },
    ],
    // Numbers that are names, versions, references or dates.
    [
      "Kubernetes 1.25",
      "Upgrade every cluster to Kubernetes 1.25",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "RFC 42",
      "Campaigns KR: Implement RFC 42.",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "tier 1",
      "Start these efforts with all Tier 1 customers.",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "tier 1 next to a target",
      "Close 10 deals with tier 1 customers",
      { type: "increase", baseline: null, target: 10, unit: "deals" },
    ],
    [
      "a version",
      "IPFS has shipped 0.5.0 release.",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "an issue reference",
      "CEO KR: Drive 100% of identified SaaS First improvements to completion. Issue 12066",
      { type: "increase", baseline: null, target: 100, unit: "%" },
    ],
    [
      "a date",
      "2020 planning identifies our next area of focus and updates our roadmap by Nov 16",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "a grade after =>",
      "Review 50 merge requests with an eye on performance => 100%",
      { type: "increase", baseline: null, target: 50, unit: "merge requests" },
    ],
    // Zero targets.
    [
      "No X",
      "VP Eng KR: No tier 1 or 2 customers are blocked from upgrading to a monthly release once it ships.",
      { type: "maintain-below", baseline: null, target: 0, unit: "customers" },
    ],
    [
      "zero X",
      "zero P1 incidents in production",
      { type: "maintain-below", baseline: null, target: 0, unit: "P1 incidents" },
    ],
    [
      "Eliminate X",
      "Eliminate errors caused by malformed search queries",
      { type: "maintain-below", baseline: null, target: 0, unit: "errors" },
    ],
    [
      "… to zero",
      "Reduce failures to zero",
      { type: "maintain-below", baseline: null, target: 0, unit: "failures" },
    ],
    // Durations as ceilings.
    [
      "take 1 hour",
      "Patch releases take 1 hour (including general QA)",
      { type: "maintain-below", baseline: null, target: 1, unit: "hours" },
    ],
    [
      "within an hour",
      "Fix security issues within an hour",
      { type: "maintain-below", baseline: null, target: 1, unit: "hours" },
    ],
    [
      "within 2 business days",
      "All customer specific testing is complete within 2 business days of tagging any release.",
      { type: "maintain-below", baseline: null, target: 2, unit: "business days" },
    ],
    [
      "in 3 hours",
      "IPFS can add a large package repository (Ubuntu, 1TiB) in 3 hours on a hard drive.",
      { type: "maintain-below", baseline: null, target: 3, unit: "hours" },
    ],
    [
      "a duration to reach",
      "A Daemon runs for 10 days without a crash - @alanshaw",
      { type: "increase", baseline: null, target: 10, unit: "days" },
    ],
    // Rates with an implied baseline.
    [
      "(40% increase)",
      "700 signups per week (40% increase)",
      { type: "increase", baseline: 500, target: 700, unit: "signups/week" },
    ],
    [
      "only the change is stated",
      "Deliver P MQLs to sales (a 28% increase from last quarter)",
      { type: "increase", baseline: 0, target: 28, unit: "% increase" },
    ],
    [
      "a change per month",
      "Increase SMAU 10% m/m for Secure.",
      { type: "increase", baseline: 0, target: 10, unit: "% increase/month" },
    ],
    [
      "a change without by",
      "Grow revenue 20%",
      { type: "increase", baseline: 0, target: 20, unit: "% increase" },
    ],
    [
      "a change without by, down",
      "Cut cloud costs 10% this quarter",
      { type: "increase", baseline: 0, target: 10, unit: "% reduction" },
    ],
    // Conditions are not a second metric.
    [
      "within 7 days",
      "Maintain 100% support issue resolution within 7 days",
      { type: "maintain-above", baseline: null, target: 100, unit: "%" },
    ],
    [
      "for 1k users",
      "Symbol search returns in under 2s on instances with 80k repositories for 1k active users",
      { type: "maintain-below", baseline: null, target: 2, unit: "seconds" },
    ],
    [
      "with at least 5",
      "Have 35 contributors with at least 5 merged MRs",
      { type: "increase", baseline: null, target: 35, unit: "contributors" },
    ],
    [
      "a total",
      "Write 6 technical articles for each of Dev, Sec, and Ops (18 total)",
      { type: "increase", baseline: null, target: 18, unit: "technical articles" },
    ],
    // The counted noun.
    [
      "N of the X",
      "Announced GitLab practices with 3 of the top SIs",
      { type: "increase", baseline: null, target: 3, unit: "top SIs" },
    ],
    [
      "an adverb ends the noun",
      "Get 5 teams successfully onboarded",
      { type: "increase", baseline: null, target: 5, unit: "teams" },
    ],
    [
      "a verb ends the noun",
      "4 teams use the new pipeline",
      { type: "increase", baseline: null, target: 4, unit: "teams" },
    ],
    [
      "an -ing word before the noun",
      "Reach 500 paying customers",
      { type: "increase", baseline: null, target: 500, unit: "paying customers" },
    ],
    // Floors and scores.
    [
      "greater than",
      "Renewal satisfaction, as measured by SSAT, is greater than 95%.",
      { type: "maintain-above", baseline: null, target: 95, unit: "%" },
    ],
    [
      "a score on a scale",
      "Launch Directs Group with 4.5/5 feedback score for meetings",
      { type: "maintain-above", baseline: null, target: 4.5, unit: null },
    ],
    [
      "a share of a whole",
      "Over 2/3 of teams use the new pipeline",
      { type: "maintain-above", baseline: null, target: 66.67, unit: "%" },
    ],
    // Deliverables.
    [
      "Ship X",
      "Ship the new billing page",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "Launch Y",
      "Launch Beta of Project Horse",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "Rollout",
      "CEO KR: Rollout Project Matterhorn",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "Deploy chatbot",
      "Deploy chatbot",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "a state reached",
      "Gateway usage policy is published",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
    [
      "scope inside a deliverable",
      "Ship a release policy, and send 1+ release through all stages",
      { type: "milestone", baseline: null, target: null, unit: null },
    ],
  ];
  test.each(forms)("%s: %s", (_form, text, expected) => {
    expect(fields(text)).toEqual({ current: null, ...expected });
    expect(parseKeyResult(text).measurable).toBe(true);
  });

  test("a deliverable's reason says it is done or not done", () => {
    expect(parseKeyResult("Ship the new billing page").reason).toContain("done or not done");
  });

  test("a scorecard row that only names work is a milestone a person should check", () => {
    const result = parseKeyResult("Allocators/informers revamp");
    expect(result.type).toBe("milestone");
    expect(result.reason).toContain("check it");
  });

  test("a count deep in a sentence that starts with a name is doubtful", () => {
    expect(
      parseKeyResult("Sourcegraph Cloud provides fast and relevant search results over 5.5M repos.")
        .confidence
    ).toBeLessThan(AMBIGUOUS_BELOW);
  });
});

test("the confidence policy is one table, and every form is named", async () => {
  const { CONFIDENCE, FORMS } = await import("../src/okr/parser");
  for (const value of Object.values(CONFIDENCE)) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  }
  expect(FORMS.map(([name]) => name)).toContain("from X to Y");
  expect(new Set(FORMS.map(([name]) => name)).size).toBe(FORMS.length);
});

/**
 * The labelling conventions of test/fixtures/real/README.md, one case per bullet, on sentences
 * written for this test (not corpus sentences): what a careful reader takes from each.
 */
describe("the corpus's labelling conventions, on invented sentences", () => {
  const none = { type: "milestone", baseline: null, target: null, unit: null };
  const cases: [string, string, Expected][] = [
    // Counts: the counted noun phrase, without new / additional / more.
    [
      "the number of X to N",
      "Increase the number of active validators to 100",
      { type: "increase", baseline: null, target: 100, unit: "active validators" },
    ],
    [
      "the number of X on Y to N: what follows 'number of'",
      "Increase the number of weekly transactions on the network to 10,000",
      { type: "increase", baseline: null, target: 10_000, unit: "weekly transactions" },
    ],
    [
      "X from N to M, the noun before the numbers",
      "Grow weekly active contributors from 20 to 35",
      { type: "increase", baseline: 20, target: 35, unit: "weekly active contributors" },
    ],
    [
      "X to N, the noun before the number",
      "Grow Twitter followers to 10k",
      { type: "increase", baseline: null, target: 10_000, unit: "Twitter followers" },
    ],
    [
      "an unknown first verb is not part of the noun",
      "Bring monthly active users to 2,000",
      { type: "increase", baseline: null, target: 2000, unit: "monthly active users" },
    ],
    [
      "down to N: a ceiling",
      "Bring p95 latency down to 300ms",
      { type: "maintain-below", baseline: null, target: 300, unit: "milliseconds" },
    ],
    [
      "X count",
      "Reduce open bug count from 120 to 60",
      { type: "decrease", baseline: 120, target: 60, unit: "open bugs" },
    ],
    [
      "a score before its number has no unit",
      "Raise customer satisfaction score from 3.2 to 4.0",
      { type: "increase", baseline: 3.2, target: 4, unit: null },
    ],
    [
      "a rate word before the noun",
      "Achieve 10,000 monthly active users",
      { type: "increase", baseline: null, target: 10_000, unit: "monthly active users" },
    ],
    [
      "an irregular participle ends the noun",
      "10 community calls held",
      { type: "increase", baseline: null, target: 10, unit: "community calls" },
    ],
    [
      "a verb after a plural noun ends it",
      "At least 3 external contributors merge a PR",
      { type: "increase", baseline: null, target: 3, unit: "external contributors" },
    ],
    [
      "a verb in -s after a singular noun ends it",
      "At least 1 design partner ships a plugin on the new API",
      { type: "increase", baseline: null, target: 1, unit: "design partner" },
    ],
    [
      "… a verb in -es, before a determiner",
      "One enterprise customer fixes the onboarding docs for us",
      { type: "increase", baseline: null, target: 1, unit: "enterprise customer" },
    ],
    [
      "… but a noun in -s that could be a verb stays in the noun",
      "Get 100,000 page visits on the launch post",
      { type: "increase", baseline: null, target: 100_000, unit: "page visits" },
    ],
    [
      "a verb and a particle",
      "50 new users sign up for the beta",
      { type: "increase", baseline: null, target: 50, unit: "users" },
    ],
    // "people" is a plural without an "s": the word after it starts what they do.
    [
      "'people' and a verb not known to the parser",
      "3 people post about it on social media because they like the paper",
      { type: "increase", baseline: null, target: 3, unit: "people" },
    ],
    [
      "'people' before a plural noun is not the head",
      "Reach 500 people managers with the new guide",
      { type: "increase", baseline: null, target: 500, unit: "people managers" },
    ],
    // "of" or "to" with a determiner says where the counted people belong: no doubt on the unit.
    [
      "'of the' after the counted noun",
      "Recruit 4 members of the platform team as mentors",
      { type: "increase", baseline: null, target: 4, unit: "members" },
    ],
    [
      "'to the' after the counted noun",
      "Add 5 members to the Community Committee",
      { type: "increase", baseline: null, target: 5, unit: "members" },
    ],
    // A list of short noun phrases after the number is what is counted, up to its last item.
    [
      "a list of nouns with a serial comma",
      "Launch 2 webinars, courses, or workshops for new members",
      { type: "increase", baseline: null, target: 2, unit: "webinars, courses, or workshops" },
    ],
    [
      "a list of nouns without a serial comma",
      "Hire 3 engineers, designers and PMs",
      { type: "increase", baseline: null, target: 3, unit: "engineers, designers and PMs" },
    ],
    [
      "a list whose last item is a noun phrase, then a period",
      "Host one meet-up, educational session, or whiteboarding/brainstorming session per quarter",
      {
        type: "increase",
        baseline: null,
        target: 1,
        unit: "meet-up, educational session, or whiteboarding/brainstorming session/quarter",
      },
    ],
    [
      "an item with an -ing noun",
      "Run 4 workshops, training sessions, and meetups in Berlin",
      {
        type: "increase",
        baseline: null,
        target: 4,
        unit: "workshops, training sessions, and meetups",
      },
    ],
    [
      "a clause after the comma is not a list",
      "Grow to 5 customers, doubling revenue and retention",
      { type: "increase", baseline: null, target: 5, unit: "customers" },
    ],
    [
      "a description after the comma is not a list",
      "Publish 3 blog posts, each tested and documented",
      { type: "increase", baseline: null, target: 3, unit: "blog posts" },
    ],
    // A past tense that is not a participle ends the noun phrase, after a size glued to its number.
    [
      "an irregular past tense after the counted noun",
      "5 2h team training workshops ran about accessibility",
      { type: "increase", baseline: null, target: 5, unit: "2h team training workshops" },
    ],
    [
      "an irregular past tense after a plural noun",
      "4 blog posts went live on the engineering blog",
      { type: "increase", baseline: null, target: 4, unit: "blog posts" },
    ],
    [
      "N new with a verb of winning: a count to reach",
      "Sign 2 new design partners",
      { type: "increase", baseline: null, target: 2, unit: "design partners" },
    ],
    [
      "Hold N events is a count, not a level",
      "Hold 2 community meetups",
      { type: "increase", baseline: null, target: 2, unit: "community meetups" },
    ],
    [
      "or more",
      "Close 3 or more enterprise deals",
      { type: "increase", baseline: null, target: 3, unit: "enterprise deals" },
    ],
    // Rates per period.
    [
      "every <period>",
      "Publish 1 blog post every month",
      { type: "increase", baseline: null, target: 1, unit: "blog post/month" },
    ],
    [
      "claims per $",
      "10 claims per $",
      { type: "increase", baseline: null, target: 10, unit: "claims/$" },
    ],
    [
      "money per period",
      "Keep infrastructure spend under $3k per month",
      { type: "maintain-below", baseline: null, target: 3000, unit: "$/month" },
    ],
    [
      "a relative change per month",
      "Increase signups 10% per month",
      { type: "increase", baseline: 0, target: 10, unit: "% increase/month" },
    ],
    [
      "a relative change per week after by",
      "Increase active users by 5% per week",
      { type: "increase", baseline: 0, target: 5, unit: "% increase/week" },
    ],
    [
      "a relative change quarter over quarter",
      "Grow paid seats 8% quarter over quarter",
      { type: "increase", baseline: 0, target: 8, unit: "% increase/quarter" },
    ],
    // Sizes, durations and rates glued to their numbers.
    [
      "a size per day",
      "Serve 20GB/day from the edge",
      { type: "increase", baseline: null, target: 20, unit: "GB/day" },
    ],
    [
      "a size ceiling",
      "Reduce binary size from 40MB to 25MB",
      { type: "decrease", baseline: 40, target: 25, unit: "MB" },
    ],
    [
      "a glued minute",
      "Build time below 10min",
      { type: "maintain-below", baseline: null, target: 10, unit: "minutes" },
    ],
    // Shares and scores.
    [
      "N out of M",
      "3 out of 5 teams adopt the new process",
      { type: "increase", baseline: null, target: 60, unit: "%" },
    ],
    [
      "a score of N or higher",
      "Average CSAT score of 4.5 or higher",
      { type: "maintain-above", baseline: null, target: 4.5, unit: null },
    ],
    [
      "an NPS of N is the metric, not a condition",
      "Reach an NPS of 40",
      { type: "increase", baseline: null, target: 40, unit: null },
    ],
    [
      "a share of N% or less",
      "Keep error budget burn at 50% or less",
      { type: "maintain-below", baseline: null, target: 50, unit: "%" },
    ],
    // Relative changes stated with a comparative.
    [
      "N% more X: the increase achieved, from 0",
      "Get 20% more signups",
      { type: "increase", baseline: 0, target: 20, unit: "% increase" },
    ],
    [
      "N% fewer X",
      "20% fewer support tickets",
      { type: "increase", baseline: 0, target: 20, unit: "% reduction" },
    ],
    [
      "at most N% more: a level, not a change",
      "Use at most 10% more memory than the old client",
      { type: "maintain-below", baseline: null, target: 10, unit: "%" },
    ],
    [
      "Nx compared to …",
      "Increase revenue 2x compared to Q1",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    // Multipliers.
    ["tenfold", "Increase sales tenfold", { type: "increase", baseline: 1, target: 10, unit: "x" }],
    [
      "Nx more",
      "Achieve 10x more transactions",
      { type: "increase", baseline: 1, target: 10, unit: "x" },
    ],
    // "No X … more than N days": the duration is the ceiling (as the corpus reads "No client
    // inquiry takes more than one business day").
    [
      "No X for more than N days",
      "No critical vulnerabilities open for more than 7 days",
      { type: "maintain-below", baseline: null, target: 7, unit: "days" },
    ],
    [
      "… to 0 with a condition on the noun",
      "Reduce open issues older than 30 days to 0",
      { type: "maintain-below", baseline: null, target: 0, unit: "open issues" },
    ],
    [
      "one after a verb that takes a count",
      "Get one design partner",
      { type: "increase", baseline: null, target: 1, unit: "design partner" },
    ],
    // Names, versions, standards and dates are not targets.
    ["a standard", "Pass SOC 2 audit", none],
    ["a certification", "Achieve ISO 27001 certification", none],
    ["a version to move to", "Upgrade to Node 18", none],
    [
      "a version next to a count",
      "Migrate 20 services to Postgres 15",
      {
        type: "increase",
        baseline: null,
        target: 20,
        unit: "services",
      },
    ],
    ["a year naming a thing", "Complete the 2021 audit", none],
    // Rates a few words on, and number words.
    [
      "a period after the noun's complement",
      "Get 1000 unique visitors to the website per month",
      { type: "increase", baseline: null, target: 1000, unit: "unique visitors/month" },
    ],
    [
      "a period written 'a week'",
      "Publish 2 posts a week on the blog",
      { type: "increase", baseline: null, target: 2, unit: "posts/week" },
    ],
    [
      "a dozen",
      "Onboard a dozen partners",
      { type: "increase", baseline: null, target: 12, unit: "partners" },
    ],
    [
      "a couple of",
      "Run a couple of workshops",
      { type: "increase", baseline: null, target: 2, unit: "workshops" },
    ],
  ];
  test.each(cases)("%s: %s", (_form, text, expected) => {
    expect(fields(text)).toEqual({ current: null, ...expected });
  });
});

/*
 * Forms the corpus's tune sentences read wrongly until now (issue 11), each on invented sentences:
 * the rule generalised, not the corpus sentence copied. `low` marks readings that must stay below
 * 0.5 because readers split on them.
 */
describe("more real-world forms, on invented sentences", () => {
  const none = { type: "milestone", baseline: null, target: null, unit: null };
  const notMeasurable = { type: null, baseline: null, target: null, unit: null };
  const cases: [string, string, Expected, ("low" | "sure")?][] = [
    // Where the counted noun phrase ends.
    [
      "a relative clause",
      "Onboard 5 members who joined after the launch",
      { type: "increase", baseline: null, target: 5, unit: "members" },
    ],
    [
      "'all' after the noun",
      "Speak at 10 conferences all over Europe",
      { type: "increase", baseline: null, target: 10, unit: "conferences" },
    ],
    [
      "'after' after the noun",
      "Add 1 new integration after release",
      { type: "increase", baseline: null, target: 1, unit: "integration" },
    ],
    [
      "an -ing verb after a plural noun",
      "Have 10 members adding value to the protocol",
      { type: "increase", baseline: null, target: 10, unit: "members" },
    ],
    [
      "a verb after a plural noun",
      "500 developers follow-up with us after the conference",
      { type: "increase", baseline: null, target: 500, unit: "developers" },
    ],
    [
      "two plural nouns with 'or'",
      "10 awards or fellowships for open prototypes",
      { type: "increase", baseline: null, target: 10, unit: "awards or fellowships" },
    ],
    [
      "two nouns with 'and'",
      "250 people and organizations participate in the survey",
      { type: "increase", baseline: null, target: 250, unit: "people and organizations" },
    ],
    [
      "'and' before a verb ends the noun",
      "Publish 3 posts and run 2 webinars",
      { type: "increase", baseline: null, target: 3, unit: "posts" },
      "low",
    ],
    [
      "a quoted name is one unit",
      "4 concentric “networks of practice” engaging with the lab",
      { type: "increase", baseline: null, target: 4, unit: "concentric “networks of practice”" },
    ],
    [
      "the number of X per Y",
      "Increase number of pages per session from ~5 to 7.",
      { type: "increase", baseline: 5, target: 7, unit: "pages/session" },
    ],
    [
      "the number … of X, an -ing clause after it",
      "Increase the average number … of end users testing beta builds from 3 to 6",
      { type: "increase", baseline: 3, target: 6, unit: "end users" },
    ],
    [
      "per N days",
      "200k views per 30 days of blog articles (current is 125k)",
      {
        type: "increase",
        baseline: 125_000,
        target: 200_000,
        unit: "views/30 days",
        current: 125_000,
      },
    ],
    [
      "N of M: the count, of what follows the whole",
      "7 of 9 migration projects delivered",
      { type: "increase", baseline: null, target: 7, unit: "migration projects" },
    ],
    [
      "a score has no count unit",
      "have a 9 NPS",
      { type: "increase", baseline: null, target: 9, unit: null },
      "low",
    ],
    // Shares, agents and stated changes.
    [
      "'2/3 of' is a share",
      "Get over 2/3 of positive customer feedback",
      { type: "maintain-above", baseline: null, target: 66.67, unit: "%" },
    ],
    [
      "'reviewed by 2' is the agent",
      "100% of merge requests are reviewed by 2 maintainers",
      { type: "increase", baseline: null, target: 100, unit: "%" },
    ],
    [
      "'increased by' is still a change",
      "Revenue increased by 20%",
      { type: "increase", baseline: 0, target: 20, unit: "% increase" },
    ],
    [
      "up N over the previous period",
      "Customer NPS up 20 over previous quarter",
      { type: "increase", baseline: 0, target: 20, unit: "points increase" },
    ],
    [
      "down N% over the last period",
      "Churn down 2% over last quarter",
      { type: "increase", baseline: 0, target: 2, unit: "% reduction" },
    ],
    [
      "N points lower than",
      "Staff reporting burnout is 5 points lower each quarter than it was in 2024",
      { type: "increase", baseline: 0, target: 5, unit: "points reduction" },
    ],
    [
      "twice as many",
      "Our apps handle twice as many requests compared to last year",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    [
      "an increment with its total",
      "Write at least 10 blog posts. (total: 50)",
      { type: "increase", baseline: null, target: 50, unit: "blog posts" },
    ],
    [
      "up to N: a ceiling",
      "Keep build time up to 10 minutes",
      { type: "maintain-below", baseline: null, target: 10, unit: "minutes" },
    ],
    [
      "'No X … more than N days': the duration",
      "No support ticket waits more than two business days for an answer",
      { type: "maintain-below", baseline: null, target: 2, unit: "business days" },
    ],
    // Numbers that are names, references, dates or scope.
    ["an issue list", "Fix issues 1234 and 5678 in the parser", none],
    ["years after 'late' and 'early'", "Plan a summit to be held in late 2015 or early 2016", none],
    ["a half-year written 1H", "KR2 1H 2016 Participation Plan delivered with sign-off", none],
    ["'Key Result 1.1:'", "Key Result 1.1: All products have a documented vision", none],
    [
      "'including … up to N' is scope",
      "All products have a documented vision, including identifying up to three KPIs",
      none,
    ],
    ["'with all X over $N' is scope", "Run a quarterly review with all customers over $500k", none],
    [
      "a name with a number after a deliverable verb",
      "Create the first version of the 10K benchmark suite",
      none,
    ],
    ["'the top N' after a deliverable verb", "Identify the top 5 churn reasons", none, "low"],
    [
      "'the top N' after another verb",
      "Collect the top 100 most searched terms on the website",
      none,
      "low",
    ],
    [
      "'the N' names a definite set",
      "All services are monitoring the 4 golden signals",
      none,
      "low",
    ],
    [
      "'Nx' before the things a making verb makes counts them",
      "Record 4x 10-minute onboarding screencasts",
      { type: "increase", baseline: null, target: 4, unit: "10-minute onboarding screencasts" },
    ],
    [
      "'Nx more' after a making verb is still growth",
      "Run 2x more customer interviews",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    [
      "'double … to N' starts from half of N",
      "Double active contributors to 60",
      { type: "increase", baseline: 30, target: 60, unit: "active contributors" },
    ],
    [
      "'weekly new X' is a rate of X per week",
      "Double weekly new signups to 300",
      { type: "increase", baseline: 150, target: 300, unit: "signups/week" },
    ],
    [
      "'grow N% in X': a change with what changes after it",
      "Grow 20% in monthly donations",
      { type: "increase", baseline: 0, target: 20, unit: "% increase" },
    ],
    [
      "a name with a preposition inside it, before the plural noun",
      "Publish 4 Rust in Practice tutorials",
      { type: "increase", baseline: null, target: 4, unit: "Rust in Practice tutorials" },
    ],
    [
      "a run of capitalised words is one word of the noun phrase",
      "Write 6 Open Source Friday blog posts for the site",
      { type: "increase", baseline: null, target: 6, unit: "Open Source Friday blog posts" },
    ],
    [
      "two verbs joined: the number is the object of both",
      "Design and ship 1 onboarding flow",
      { type: "increase", baseline: null, target: 1, unit: "onboarding flow" },
      "low",
    ],
    [
      "'simplify … to N': fewer is simpler, a ceiling",
      "Simplify the release checklist to 3 steps",
      { type: "maintain-below", baseline: null, target: 3, unit: "steps" },
      "low",
    ],
    ["'simplify' with no number names work", "Simplify the signup form", none],
    [
      "a size before the counted noun is part of it, not a second number",
      "Run 3 30-minute product demos",
      { type: "increase", baseline: null, target: 3, unit: "30-minute product demos" },
    ],
    [
      "a glued size before the counted noun",
      "Hold 5 2h accessibility workshops",
      { type: "increase", baseline: null, target: 5, unit: "2h accessibility workshops" },
    ],
    ["'all N' names a definite set", "Document what all 12 internal services are for", none, "low"],
    ["double as an adjective", "Avoid double counting in the billing report", none],
    [
      "double as the verb",
      "We will double the number of partners",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    // No number: a deliverable named later, or nothing to do.
    ["a later sentence names the work", "Speed up page load. Ship the new cache in M90.", none],
    ["an -ing clause names the work", "Improve startup time, removing the legacy loader", none],
    ["draft", "Draft and maintain how-to guides covering staging and CI", none],
    ["a list of metrics", "Crash, uptime, adoption metrics", notMeasurable],
    ["progress", "Incremental progress on the new editor", notMeasurable],
    ["consider", "Consider using issue templates to triage faster", notMeasurable],
    ["a question", "How do we review changes to the docs?", notMeasurable],
    ["relationships", "Build relationships at partner companies", notMeasurable],
    // Prefixes, currencies, totals and verbs after a singular noun.
    [
      "'KR 1.' with a full stop",
      "KR 1. 70% of students answer the feedback survey",
      { type: "increase", baseline: null, target: 70, unit: "%" },
    ],
    [
      "'at least N% of' after 'KR 2.'",
      "KR 2. At least 70% of students are pleased with the course",
      { type: "maintain-above", baseline: null, target: 70, unit: "%" },
    ],
    [
      "a currency code",
      "Maintain the treasury above CHF 10k",
      { type: "maintain-above", baseline: null, target: 10_000, unit: "CHF" },
    ],
    [
      "'to maintain' later in the sentence",
      "Enable the foundation to maintain its reserve above CHF 20,000",
      { type: "maintain-above", baseline: null, target: 20_000, unit: "CHF" },
    ],
    [
      "w/ ends the noun",
      "3 interactions w/ new viewers",
      { type: "increase", baseline: null, target: 3, unit: "interactions" },
    ],
    [
      "a verb in -ed before a name",
      "1 respected newspaper endorsed Acme",
      { type: "increase", baseline: null, target: 1, unit: "respected newspaper" },
    ],
    [
      "a verb before a pronoun",
      "1 well-known community figure mentions it",
      { type: "increase", baseline: null, target: 1, unit: "well-known community figure" },
    ],
    [
      "a verb before a particle",
      "1 supporter/investor reaches out with serious interest",
      { type: "increase", baseline: null, target: 1, unit: "supporter/investor" },
    ],
    [
      "N new after 'Onboarding': a count to reach",
      "Onboarding >5 new partners on a regular basis",
      { type: "increase", baseline: null, target: 5, unit: "partners" },
    ],
    [
      "N new after 'Achieve': a count to reach",
      "Achieve 200,000 new student accounts",
      { type: "increase", baseline: null, target: 200_000, unit: "student accounts" },
    ],
    [
      "'(May 2019 total is N)' is the baseline; 'N … total'",
      "Increase number of institutions adopting 10 or more books to 125 institutions total (May 2019 total is 42 institutions).",
      { type: "increase", baseline: 42, target: 125, unit: "institutions", current: 42 },
    ],
    [
      "a participle after the counted noun",
      "Increase number of students impacted by our titles to 4 million (May 2019 total is 2.7 million).",
      {
        type: "increase",
        baseline: 2_700_000,
        target: 4_000_000,
        unit: "students",
        current: 2_700_000,
      },
    ],
    [
      "'(the total is N)'",
      "Grow paying teams to 300 (the total is 120)",
      { type: "increase", baseline: 120, target: 300, unit: "paying teams", current: 120 },
    ],
    ["a version before its noun", "stable 1.0 version released as open source software", none],
    ["'batch 5' is a name", "Write a report from the batch 5 iteration", none],
    ["'# 1,2 & 3' are references", "Points # 1,2 & 3 are approved by the community", none],
    [
      "'We’ve written …' is a state reached",
      "We’ve written documentation about the admissions process that can be used to improve the next one.",
      none,
    ],
    ["scale up", "Scale up the community", notMeasurable],
    ["optimize", "Optimize global performance", notMeasurable],
    ["an adjective and a noun", "Good setup", notMeasurable],
    // Changes counted in the noun, progress marks, scales, floors and deadlines.
    [
      "'the number of X by N': X is counted",
      "Increase the number of reference users of the app by 25",
      { type: "increase", baseline: 0, target: 25, unit: "reference users" },
    ],
    [
      "… a participle after X",
      "Increase the number of queries answered by external users by 10 compared to last quarter",
      { type: "increase", baseline: 0, target: 10, unit: "queries" },
    ],
    [
      "'[Key Result]' prefix",
      "[Key Result] 10 new (quality) contributors to the project.",
      { type: "increase", baseline: null, target: 10, unit: "contributors" },
    ],
    [
      "two prefixes",
      "Key Result: Key Result 2: At least 4 members of the team have merged at least 2 pull requests each",
      { type: "increase", baseline: null, target: 4, unit: "members" },
      "low",
    ],
    ["a progress mark [2/3]", "Each member of the team presents at the Q2 showcase [2/3]", none],
    [
      "a progress mark [30%]",
      "The analytics team models the subscription data in the warehouse [30%]",
      none,
    ],
    [
      "the top of a scale: a level to reach",
      "Get 10/10 rating for the repository from the code checker",
      { type: "increase", baseline: null, target: 10, unit: null },
      "low",
    ],
    [
      "at-least with a hyphen",
      "Solve at-least 10% of the issues reported by the linter",
      { type: "maintain-above", baseline: null, target: 10, unit: "%" },
    ],
    [
      "'to sustain' after the number is not the verb",
      "Find at least $50k in funding to sustain the programme",
      { type: "increase", baseline: null, target: 50_000, unit: "$" },
    ],
    [
      "an up verb to at least a level",
      "Increase average subscription size to at least $295 per month",
      { type: "increase", baseline: null, target: 295, unit: "$/month" },
      "low",
    ],
    [
      "a level per month is not a change",
      "Reduce churn to less than 1% monthly",
      { type: "maintain-below", baseline: null, target: 1, unit: "%/month" },
    ],
    ["'by Week 9' is a deadline", "Ship the export endpoint by Week 9.", none],
    ["'by end of Week 4'", "Set up the database schema by end of Week 4.", none],
    ["'first N' is a definite set", "Complete first 10 chapters of the book", none, "low"],
    [
      "'end to end' is one word",
      "100 end to end browser test cases running successfully in CI",
      { type: "increase", baseline: null, target: 100, unit: "end-to-end browser test cases" },
    ],
    [
      "' / ' joins alternatives",
      "Use 5 build / package publishing tools",
      { type: "increase", baseline: null, target: 5, unit: "build/package publishing tools" },
    ],
    [
      "'use case' is a noun",
      "At least one new end-to-end use case is running on the platform",
      { type: "increase", baseline: null, target: 1, unit: "end-to-end use case" },
    ],
    [
      "'ourselves' ends the noun",
      "Apply the publisher to at least one project ourselves",
      { type: "increase", baseline: null, target: 1, unit: "project" },
    ],
    ["encourage", "Encourage more active participation in the forum", notMeasurable],
    ["cultivate", "Cultivate relationships with other communities", notMeasurable],
    ["evangelize", "Evangelize the new process", notMeasurable],
    [
      "continue to (and, after by, the work: a guess)",
      "Continue to reduce deployment time by adding integrations",
      notMeasurable,
      "low",
    ],
    // A verb of direction or aim first, with no number (AIM_VERBS): nothing to measure.
    ["foster", "Foster a culture of code review", notMeasurable],
    ["empower", "Empower teams to own their releases", notMeasurable],
    ["strengthen", "Strengthen our presence in the APAC region", notMeasurable],
    ["accelerate", "Accelerate adoption of the design system", notMeasurable],
    ["engage", "Engage with the wider open source community", notMeasurable],
    ["focus on", "Focus on enterprise customers", notMeasurable],
    // … but only as the first verb: the deliverable stays one.
    ["'help' after a deliverable verb", "Ship a setup wizard to help teams start faster", none],
    // An aim word after the work named says what the work is for, not that it is an aim.
    ["a dashboard that shows progress", "A public dashboard that shows our progress", none, "low"],
    ["a redesign to improve navigation", "Docs site redesign to improve navigation", none, "low"],
    ["work to increase adoption", "Work with partners to increase adoption", none, "low"],
    [
      "… but an aim word in the head is an aim",
      "Better onboarding for new contributors",
      notMeasurable,
    ],
    ["… and a question is not measurable", "How do we grow the community?", notMeasurable],
    // Probes written for this session (not corpus sentences): forms real teams write.
    [
      "'in half' after a down verb",
      "Cut build times in half",
      { type: "decrease", baseline: 1, target: 0.5, unit: "x" },
    ],
    [
      "'by half' after a down verb",
      "Reduce review wait time by half",
      { type: "decrease", baseline: 1, target: 0.5, unit: "x" },
    ],
    [
      "a score out of 5 named before it",
      "Raise employee engagement score to 4.2/5",
      { type: "increase", baseline: null, target: 4.2, unit: null },
      "low",
    ],
    ["a standing to win", "Be the most loved tool in our category", notMeasurable],
    ["'Become the go-to …'", "Become the go-to place for data engineers", notMeasurable],
    ["'Hold' with nothing to keep hosts something", "Hold monthly office hours", none],
    ["… but 'Hold the line' keeps", "Hold the line on infrastructure costs", notMeasurable],
    [
      "a comparative after the plural noun describes it",
      "Zero critical security vulnerabilities open longer than 30 days",
      {
        type: "maintain-below",
        baseline: null,
        target: 0,
        unit: "critical security vulnerabilities",
      },
    ],
    [
      "… after 'the number of' as well",
      "Reduce the number of open issues older than 90 days to below 100",
      { type: "maintain-below", baseline: null, target: 100, unit: "open issues" },
    ],
    // A verb that delivers, with a quality or a relation as the head of its object: a doubt.
    ["a quality delivered", "Establish leadership in observability", none, "low"],
    ["a relation provided", "Provide transparency to partners", none, "low"],
    ["two qualities joined", "Establish trust and transparency with partners", none, "low"],
    ["… but a thing named after the quality is made", "Define awareness/affinity benchmarks", none],
    ["… and studying a quality is work", "Measure the impact of the mentoring programme", none],
    // A size before a noun is not a count; "hold" hosts events and keeps levels.
    [
      "'a 5-year plan' is a size",
      "Develop a 5-year IT strategic plan and present it to the board",
      none,
    ],
    [
      "… but after a count it sizes what is counted",
      "Run 3 30-minute demos",
      { type: "increase", baseline: null, target: 3, unit: "30-minute demos" },
    ],
    [
      "'Hold a workshop' hosts an event",
      "Hold a 2-day workshop with 30 participants",
      { type: "increase", baseline: null, target: 30, unit: "participants" },
    ],
    [
      "'Hold the error rate below N' keeps a level",
      "Hold the error rate below 1%",
      { type: "maintain-below", baseline: null, target: 1, unit: "%" },
    ],
    // More probes: agents, ages, "down by", authorisations, satisfaction out of 5, "off".
    [
      "'by N members' after an up verb is a change",
      "Grow the community by 200 members",
      { type: "increase", baseline: 0, target: 200, unit: "members increase" },
    ],
    [
      "'by two firms' with no direction names who, not a change",
      "Security audit of v2 contracts by two independent firms",
      { type: "increase", baseline: null, target: 2, unit: "independent firms" },
      "low",
    ],
    [
      "'down by N pts' is a reduction",
      "Churn: down by 1.5 pts",
      { type: "increase", baseline: 0, target: 1.5, unit: "pts reduction" },
    ],
    [
      "an authorisation is passed or not",
      "Achieve FedRAMP Moderate authorization for the case system",
      none,
    ],
    [
      "satisfaction out of 5 is a score",
      "Office hours held weekly, with avg satisfaction at least 4/5",
      { type: "maintain-above", baseline: null, target: 4, unit: null },
    ],
    [
      "'off' ends the noun phrase",
      "Migrate 12 legacy benefit applications off the mainframe by June 30",
      { type: "increase", baseline: null, target: 12, unit: "legacy benefit applications" },
    ],
    [
      "a name after 'on' says where; the plural before it is counted, per month",
      "Get downloads on PyPI to 2M/month (currently 1.3M)",
      {
        type: "increase",
        baseline: 1_300_000,
        target: 2_000_000,
        unit: "downloads/month",
        current: 1_300_000,
      },
    ],
    // A third set of probes: bounds, names with numbers, shares in words, multipliers, rounds.
    [
      "'no fewer than N' is a floor, not a ceiling",
      "Hold no fewer than 8 community town halls across all districts",
      { type: "increase", baseline: null, target: 8, unit: "community town halls" },
    ],
    [
      "'no less than N%'",
      "No less than 90% of tickets answered within a day",
      { type: "maintain-above", baseline: null, target: 90, unit: "%" },
    ],
    ["'ISO 9001:2015' is a name", "Pass ISO 9001:2015 recertification audit", none],
    [
      "'Node 20 LTS' is a version",
      "Upgrade all backend services to Node 20 LTS - in progress",
      none,
    ],
    ["'Fortune 500' is a name", "Land our first Fortune 500 customer", none],
    [
      "a metric's acronym before a decimal is not a version",
      "CSAT 4.6/5 or higher",
      { type: "maintain-above", baseline: null, target: 4.6, unit: null },
    ],
    [
      "'two thirds of' is a share",
      "Two thirds of new bookings on annual plans",
      { type: "increase", baseline: null, target: 66.67, unit: "%" },
    ],
    [
      "'one in four' is a share",
      "Fill one in four open roles with internal candidates",
      { type: "increase", baseline: null, target: 25, unit: "%" },
    ],
    [
      "'x2' after the metric",
      "Expansion revenue x2",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    ["… but 'x86' is a name", "Build x86 and arm64 images", none],
    ["a funding round", "Raise Series B", none],
    [
      "'X to Y' with no 'from' takes the noun before it",
      "Grow newsletter subs 40k to 75k",
      { type: "increase", baseline: 40_000, target: 75_000, unit: "newsletter subs" },
    ],
    [
      "an age with a current count: the target is a guess",
      "Close or triage all issues older than 12 months (currently ~340)",
      { type: "decrease", baseline: 340, target: 12, unit: "months", current: 340 },
      "low",
    ],
    [
      "… but a duration with a current value is the target",
      "Close the books in 5 business days (currently 9)",
      { type: "decrease", baseline: 9, target: 5, unit: "business days", current: 9 },
    ],
    [
      "a plus sign before a share is a rise",
      "ARPU +15%",
      { type: "increase", baseline: 0, target: 15, unit: "% increase" },
    ],
    [
      "'mo' is months",
      "CAC payback < 12 mo",
      { type: "maintain-below", baseline: null, target: 12, unit: "months" },
    ],
    // A fourth set: where it stands now said after the target, scores named, ratios held.
    [
      "', up from N last quarter' is the last period's value of the same count",
      "Close 8 new logos in the public sector, up from 3 last quarter",
      { type: "increase", baseline: 3, target: 8, unit: "logos", current: 3 },
    ],
    [
      "'up from N' with a thousands separator",
      "Reach 10,000 users, up from 2,500",
      { type: "increase", baseline: 2_500, target: 10_000, unit: "users", current: 2_500 },
    ],
    [
      "'(was N on Jan 1)' is the current value",
      "Get the open bug count below 100 (was 430 on Jan 1)",
      { type: "decrease", baseline: 430, target: 100, unit: "open bugs", current: 430 },
    ],
    [
      "'(vs. N last quarter)'",
      "40k unique visitors/month to the docs (vs. 28k last quarter)",
      {
        type: "increase",
        baseline: 28_000,
        target: 40_000,
        unit: "unique visitors/month",
        current: 28_000,
      },
    ],
    [
      "'(2023: N)' is last period's value",
      "Train 120 volunteers in digital skills (2023: 74)",
      { type: "increase", baseline: 74, target: 120, unit: "volunteers", current: 74 },
    ],
    [
      "a score's name is not its unit",
      "CES 5.2 -> 5.8 (7 pt scale)",
      { type: "increase", baseline: 5.2, target: 5.8, unit: null },
    ],
    ["an unstated target met", "MAKE THE NUMBER", notMeasurable],
    [
      "a ratio held at a level is not growth",
      "pipeline coverage 3x for next quarter",
      { type: "increase", baseline: null, target: 3, unit: "x" },
    ],
    [
      "'2x YoY' is a multiplier",
      "Revenue 2x YoY",
      { type: "increase", baseline: 1, target: 2, unit: "x" },
    ],
    [
      "'the number of X below N' counts X",
      "Reduce the number of open bugs below 50",
      { type: "maintain-below", baseline: null, target: 50, unit: "open bugs" },
    ],
    [
      "'the backlog of X' counts X",
      "Get the backlog of untriaged issues below 100 (was 430 on Jan 1)",
      { type: "decrease", baseline: 430, target: 100, unit: "untriaged issues", current: 430 },
    ],
    [
      "'(N as of a date)' is the current value",
      "Reach 10k GitHub stars (9,140 as of Oct 3)",
      { type: "increase", baseline: 9_140, target: 10_000, unit: "GitHub stars", current: 9_140 },
    ],
    [
      "'(Q1 avg: N)' is last period's value",
      "Cut toil to ≤ 30% of SRE time (Q1 avg: 47%)",
      { type: "decrease", baseline: 47, target: 30, unit: "%", current: 47 },
    ],
    ["'1.0 GA' is a version", "Release Kubernetes operator 1.0 GA", none],
    [
      "'Eliminate all X older than N': X is counted",
      "Eliminate all P1 security findings older than 30 days",
      { type: "maintain-below", baseline: null, target: 0, unit: "P1 security findings" },
    ],
    // A measure named with no target, and multiples of a stated value.
    ["a count named, no target", "Monthly active contributors", notMeasurable, "low"],
    ["a time named, no target", "Time to merge for external PRs", notMeasurable, "low"],
    [
      "… but work presented to people is work",
      "Present the new membership concept to members",
      none,
    ],
    [
      "'Double … (Q1: N)' doubles N",
      "Double the number of first-time contributors with a merged PR (Q1: 47)",
      { type: "increase", baseline: 47, target: 94, unit: "first-time contributors", current: 47 },
    ],
    [
      "'in half (currently N)' halves N",
      "Cut CI build time in half (currently ~22 min)",
      { type: "decrease", baseline: 22, target: 11, unit: "minutes", current: 22 },
    ],
    [
      "'(n=N enrolled …)' is the current value",
      "Recruit 240 participants for the study (n=96 enrolled as of March)",
      { type: "increase", baseline: 96, target: 240, unit: "participants", current: 96 },
    ],
    [
      "'per annum' is per year",
      "Reduce energy consumption by 8% per annum",
      { type: "increase", baseline: 0, target: 8, unit: "% reduction/year" },
    ],
    [
      "'Make progress on …' is an aim",
      "Make progress on the accessibility audit backlog",
      notMeasurable,
    ],
    [
      "'Get X to a sustainable …' is an aim",
      "Get the platform team to a sustainable on-call load",
      notMeasurable,
    ],
    [
      "'Hold a public consultation' hosts it",
      "Hold a public consultation on the draft strategy",
      none,
    ],
    [
      "'Drop support for X' removes a thing",
      "Drop support for Python 3.8 in the 2.0 release",
      none,
    ],
    ["… but 'Cut costs' lowers a measure", "Cut costs", notMeasurable],
    ["'Position X as Y' is an aim", "Position the foundation as a neutral steward", notMeasurable],
    [
      "'find it easier' is a quality to reach",
      "Residents find it easier to access services online",
      notMeasurable,
    ],
    [
      "a comparative first is a quality to reach",
      "Clearer ownership of shared infrastructure",
      notMeasurable,
    ],
    // From a review of the fourth and fifth sets' readings.
    ["'Make X less painful' is an aim", "Make on-call less painful", notMeasurable],
    [
      "'Make X pleasant to use' is an aim",
      "Make the platform pleasant to use for people with low vision",
      notMeasurable,
    ],
    [
      "'Support X to …' helps people towards an aim",
      "Support adult learners to progress into further education",
      notMeasurable,
    ],
    ["'Support X in …ing'", "Support teachers in adopting formative assessment", notMeasurable],
    ["… but 'Support' a thing delivers it", "Support Python 3.12", none],
    ["a counted noun before 'from' names a measure", "Downloads from PyPI", notMeasurable, "low"],
    [
      "'Expand X to every Y' reaches a full scope",
      "Expand the awareness campaign to every ward",
      none,
    ],
    ["a name opened by an aim verb is a name", "Excel add-in launch", none],
    ["… as is 'Focus mode'", "Focus mode for the editor", none],
    ["… and 'Help center'", "Help center redesign", none],
    // A feeling or a quality to have, with no number: an aim, or a doubt.
    ["a feeling to grow", "Contributors feel welcome and supported", notMeasurable],
    ["a quality to keep", "Our team has a healthy work-life balance", notMeasurable],
    ["a noun phrase opened by a quality", "A sustainable funding model for the team", none, "low"],
    ["'Clear …'", "Clear pathways for new contributors to become maintainers", none, "low"],
    // A measure named with no target: nothing to measure until the level is stated.
    ["a rate named, no target", "Weekly active usage rate among users", notMeasurable, "low"],
    ["'Average number of …' named", "Average number of prompts per session", notMeasurable, "low"],
    ["a score named in lower case: a guess", "Customer satisfaction score", notMeasurable, "low"],
    ["… but a dashboard of a rate is work", "Conversion rate dashboard", none],
    ["… and a verb before the rate makes work", "Track the conversion rate", none],
    // Dates with slashes and names in code are not numbers to read.
    ["a date with slashes", "Publish scope of the next major release by 11/13/20", none],
    ["a month and day after 'by'", "Ship the beta by 3/15", none],
    ["numbers in braces name code", "Change the type of counter{1,2} to ulong", none],
    // A cadence with no count: work done once, or a count per period? A doubt.
    ["a cadence", "At least once a release, update the notes on the docs site", none, "low"],
    // Joined verbs in capitals are joined verbs.
    ["joined verbs in capitals", "MEASURE AND INCREASE staff engagement", none, "low"],
    // "the yearly number of X": X per year; crossing a level is reaching it, staying above holds it.
    [
      "'the yearly number of X … goes above N'",
      "The yearly number of talks given by the team goes above 50",
      { type: "increase", baseline: null, target: 50, unit: "talks/year" },
    ],
    [
      "'stay above N' per week",
      "Weekly signups stay above 200 per week",
      { type: "maintain-above", baseline: null, target: 200, unit: "signups/week" },
    ],
    // Verbs of remaking deliver something (issue 11's conventions: a refresh is a deliverable).
    ["refresh", "Refresh the onboarding guide", none],
    ["redesign", "Redesign the pricing page", none],
    ["overhaul", "Overhaul the release checklist", none],
    // The sentence opens with its count, after a bound: a count to reach, as "4 new nodes …" is.
    [
      "'At least N new' opens the sentence",
      "At least 2 new maintainers are onboarded to the release team",
      { type: "increase", baseline: null, target: 2, unit: "maintainers" },
    ],
    [
      "'Over N new' opens the sentence",
      "Over 300 new members joined the forum",
      { type: "increase", baseline: null, target: 300, unit: "members" },
    ],
    // Money and shares per period, and what a change of a stated total counts.
    [
      "money per month written 'RR p/m'",
      "Bring in £8,000 RR p/m from the consulting arm",
      { type: "increase", baseline: null, target: 8_000, unit: "£/month" },
    ],
    [
      "money per month written 'MRR a month'",
      "Reach $2k MRR a month from the plugin store",
      { type: "increase", baseline: null, target: 2_000, unit: "$/month" },
    ],
    [
      "a share per week after a ceiling",
      "Keep the error rate below 2% weekly",
      { type: "maintain-below", baseline: null, target: 2, unit: "%/week" },
    ],
    [
      "'the number of X … by N (total is M)': X is counted",
      "Increase number of schools using the app by 40 (March 2024 total is 160).",
      { type: "increase", baseline: 160, target: 200, unit: "schools", current: 160 },
    ],
    [
      "money per month written 'monthly'",
      "Make $500 monthly from sponsorships",
      { type: "increase", baseline: null, target: 500, unit: "$/month" },
    ],
    // A count of 0 is a ceiling, whatever form reads it; ' as a thousands separator.
    [
      "a count of 0 next to a second number",
      "0 critical bugs over 1'500+ shipped pages",
      { type: "maintain-below", baseline: null, target: 0, unit: "critical bugs" },
      "low",
    ],
    [
      "' as a thousands separator",
      "Reach 12'000 monthly readers",
      { type: "increase", baseline: null, target: 12_000, unit: "monthly readers" },
    ],
    // Generate and produce: something made, unless what follows is a measure to grow.
    ["generate a thing", "Generate monthly cost breakdowns for each team", none],
    ["produce a thing", "Produce a style guide for the docs", none],
    ["generate a measure", "Generate more leads", notMeasurable],
    ["generate revenue", "Generate revenue from the partner channel", notMeasurable],
    // A deliverable measured by the people it reaches is a count (doubtful: far from its verb).
    [
      "a deliverable ', with N members'",
      "Build a forum for local game designers, with 40 members",
      { type: "increase", baseline: null, target: 40, unit: "members" },
      "low",
    ],
    ["a deliverable ', with a range of users'", "Run a design sprint, with 3-5 users", none],
    // The noun named before "to N" with a period after the number: a rate per that period.
    [
      "the noun before 'to N per week'",
      "Increase trial signups to at least 300 per week",
      { type: "increase", baseline: null, target: 300, unit: "trial signups/week" },
    ],
    [
      "the noun before 'from X to Y a month'",
      "Grow paid subscriptions from 40 to 90 a month",
      { type: "increase", baseline: 40, target: 90, unit: "paid subscriptions/month" },
    ],
    // A preposition ends the counted noun phrase, whichever it is.
    [
      "a count before 'onto'",
      "Onboard 3 teams onto the new platform",
      { type: "increase", baseline: null, target: 3, unit: "teams" },
    ],
    [
      "a count before 'between'",
      "Run 2 exchanges between the design and support teams",
      { type: "increase", baseline: null, target: 2, unit: "exchanges" },
    ],
    // A quoted word qualifies the nouns after it: they are part of what is counted.
    [
      "a quoted word before nouns",
      "Record 3 “getting started” video tutorials for the plugin",
      { type: "increase", baseline: null, target: 3, unit: "“getting started” video tutorials" },
    ],
    // "≥" on a share: a level to reach after an up verb's "to", a floor after a keep verb.
    [
      "an up verb to '≥ N%'",
      "Grow recall to ≥ 90%",
      { type: "increase", baseline: null, target: 90, unit: "%" },
    ],
    [
      "a keep verb before '≥ N%'",
      "Maintain ≥ 90% precision on the test set",
      { type: "maintain-above", baseline: null, target: 90, unit: "%" },
    ],
    // Probe set 6 (session of 2026-12-02, fourth part).
    // A level named with no verb before its floor is one to hold; a count so named is one to reach.
    [
      "a named level before '≥ N%'",
      "Test coverage ≥ 80%",
      { type: "maintain-above", baseline: null, target: 80, unit: "%" },
    ],
    [
      "a share named by any noun before '≥ N%'",
      "On-time delivery ≥ 97%",
      { type: "maintain-above", baseline: null, target: 97, unit: "%" },
    ],
    [
      "a share that opens the sentence with '≥'",
      "≥ 80% of users activate in their first week",
      { type: "maintain-above", baseline: null, target: 80, unit: "%" },
    ],
    [
      "a named duration with 'at least'",
      "Average session length at least 4 minutes",
      { type: "maintain-above", baseline: null, target: 4, unit: "minutes" },
    ],
    [
      "'min.' before a share",
      "First-pass yield min. 96%",
      { type: "maintain-above", baseline: null, target: 96, unit: "%" },
    ],
    [
      "a named count before '≥' stays a count to reach",
      "Weekly active users ≥ 5,000",
      { type: "increase", baseline: null, target: 5000, unit: "active users" },
      "low",
    ],
    // A time to wait, named before its number, is a ceiling.
    [
      "MTTR of N minutes",
      "MTTR of 30 min for Sev1 incidents",
      { type: "maintain-below", baseline: null, target: 30, unit: "minutes" },
    ],
    [
      "a measure's name before a colon is not a team",
      "Time to first response: 4 hours",
      { type: "maintain-below", baseline: null, target: 4, unit: "hours" },
    ],
    [
      "a level's name before a colon is not a team",
      "Uptime: 99.9%",
      { type: "maintain-above", baseline: null, target: 99.9, unit: "%" },
    ],
    [
      "a team before a colon still goes",
      "CEO: 50 new customers",
      { type: "increase", baseline: null, target: 50, unit: "customers" },
    ],
    // Baselines and targets.
    [
      "'down from X to Y' is a from-to, not a past value",
      "Bring median resolution time down from 26 hours to 18 hours",
      { type: "decrease", baseline: 26, target: 18, unit: "hours" },
    ],
    [
      "'currently X, target Y'",
      "Onboarding call no-shows: currently 22%, target 12%",
      { type: "decrease", baseline: 22, target: 12, unit: "%" },
    ],
    [
      "an arrow after the first number's unit",
      "Changeover time on the press line 45 min → 30 min",
      { type: "decrease", baseline: 45, target: 30, unit: "minutes" },
    ],
    // Units.
    [
      "what a rate is per, in two words, before 'from'",
      "Pages per on-call shift down from 14 to 5",
      { type: "decrease", baseline: 14, target: 5, unit: "Pages/on-call shift" },
    ],
    [
      "per a number of things",
      "Shrink support tickets per 1,000 users from 38 to 25",
      { type: "decrease", baseline: 38, target: 25, unit: "support tickets/1000 users" },
    ],
    [
      "what a count is per, in two words",
      "Source 30 candidates per open role from underrepresented groups",
      { type: "increase", baseline: null, target: 30, unit: "candidates/open role" },
    ],
    [
      "a name that opens with digits inside the unit",
      "Onboard 4 new 3PL partners in the EU",
      { type: "increase", baseline: null, target: 4, unit: "3PL partners" },
    ],
    [
      "'/mo' is per month",
      "Keep burn at or below $420k/mo",
      { type: "maintain-below", baseline: null, target: 420000, unit: "$/month" },
    ],
    [
      "a ceiling on a share per month",
      "Keep gross churn under 1.5% per month",
      { type: "maintain-below", baseline: null, target: 1.5, unit: "%/month" },
    ],
    [
      "a floor held every month is not a rate",
      "Gross margin > 72% every month of Q4",
      { type: "maintain-above", baseline: null, target: 72, unit: "%" },
    ],
    [
      "a duration kept each month is not a rate",
      "Close the books within 5 business days each month",
      { type: "maintain-below", baseline: null, target: 5, unit: "business days" },
    ],
    [
      "'5x a week' is a frequency, not a multiplier",
      "Deploy to production 5x a week",
      { type: "increase", baseline: null, target: 5, unit: "times/week" },
    ],
    [
      "a count added 'by N' takes the verb's object as its unit",
      "Grow paid seats by 2,000 vs Q2",
      { type: "increase", baseline: 0, target: 2000, unit: "paid seats" },
    ],
    [
      "a share in words after a bound, at the end",
      "Keep volunteer retention over two thirds",
      { type: "maintain-above", baseline: null, target: 66.67, unit: "%" },
    ],
    [
      "'never above' is a ceiling, and 'never' ends no noun phrase",
      "Backlog of open tickets never more than 150 at week's end",
      { type: "maintain-below", baseline: null, target: 150, unit: "open tickets" },
    ],
    [
      "'never exceeds'",
      "Queue never exceeds 200 items",
      { type: "maintain-below", baseline: null, target: 200, unit: "items" },
    ],
    // Prefixes and names.
    [
      "a tag in brackets before the verb",
      "[Owner: Ana] Sign 5 new channel partners",
      { type: "increase", baseline: null, target: 5, unit: "channel partners" },
    ],
    ["'24/7' is no number", "Launch 24/7 chat support for Enterprise customers", none],
    ["two versions moved to", "Upgrade all services to Node 20 and Postgres 16", none],
    ["a recertification", "Achieve ISO 9001:2015 recertification", none],
    ["'make X more Y' is an aim", "Make learning more joyful for every student", notMeasurable],
    // From held-out-7 and -12, once moved to tune (invented sentences of the same forms).
    [
      "a number word with a plus",
      "one+ demos from each working group at the summit",
      { type: "increase", baseline: null, target: 1, unit: "demos" },
    ],
    ["an 'O1KR1' prefix before the verb", "O2KR3 Make hiring more transparent", notMeasurable],
    ["a count verb before 'more' with no number", "Recruit more mentors", notMeasurable],
    ["a state every member of a group is in", "Every team has at least 2 maintainers", none],
    [
      "'to at least N new' is a count to reach",
      "Extend the mentoring scheme to at least 4 new chapters",
      { type: "increase", baseline: null, target: 4, unit: "chapters" },
    ],
    [
      "'Ensure ≥ N%' is a floor",
      "Ensure ≥85% awareness of the code of conduct among members",
      { type: "maintain-above", baseline: null, target: 85, unit: "%" },
    ],
    ["a keep verb before a thing", "Maintain a public roadmap", none, "low"],
    [
      "a keep verb before a level, not a thing",
      "Maintain an above average response rate in the survey",
      notMeasurable,
    ],
    ["a keep verb before a quality", "Maintain a healthy work-life balance", notMeasurable],
    ["a state said of a measure", "Average costs per project are visible in real time", none],
    // Probe sets 7 and 8 (invented, labelled sentences: community and public-sector OKRs, and
    // scorecard cells).
    [
      "a scorecard name before a colon and a pair",
      "Certified support agents: 5 → 18",
      { type: "increase", baseline: 5, target: 18, unit: "Certified support agents" },
    ],
    [
      "a scorecard name with a state after it",
      "Partner integrations live: 6 → 15",
      { type: "increase", baseline: 6, target: 15, unit: "Partner integrations" },
    ],
    [
      "a scorecard name and what it is per",
      "Contracts processed per legal FTE per month: 25 → 40",
      { type: "increase", baseline: 25, target: 40, unit: "Contracts/FTE/month" },
    ],
    [
      "a scorecard name and a rate written with its period",
      "SQLs per AE: 10/wk",
      { type: "increase", baseline: null, target: 10, unit: "SQLs/AE/week" },
    ],
    [
      "a scorecard name before a bound",
      "Payroll errors: no more than 1 per cycle",
      { type: "maintain-below", baseline: null, target: 1, unit: "Payroll errors" },
    ],
    [
      "'none' after a scorecard name",
      "High-severity audit findings: none",
      { type: "maintain-below", baseline: null, target: 0, unit: "High-severity audit findings" },
    ],
    [
      "a scorecard row, a name and its value",
      "MAU 1.2M (Q2: 940k)",
      { type: "increase", baseline: 940000, target: 1200000, unit: "MAU", current: 940000 },
    ],
    [
      "a measure before a preposition is no count",
      "Model recall on fraud cases 0.78 → 0.85",
      { type: "increase", baseline: 0.78, target: 0.85, unit: null },
    ],
    [
      "'(from N)' is where it starts",
      "Featured snippets: 40 (from 11)",
      { type: "increase", baseline: 11, target: 40, unit: "Featured snippets", current: 11 },
    ],
    [
      "a minus sign before a share",
      "Support contacts per order -20%",
      { type: "increase", baseline: 0, target: 20, unit: "% reduction" },
    ],
    [
      "'bn' after money",
      "Marketplace GMV $1.1bn",
      { type: "increase", baseline: null, target: 1100000000, unit: "$" },
    ],
    [
      "'wks' is weeks",
      "Supplier lead time 12 wks → 8 wks",
      { type: "decrease", baseline: 12, target: 8, unit: "weeks" },
    ],
    [
      "'3x+' on a ratio is a floor",
      "Pipeline coverage 3x+",
      { type: "maintain-above", baseline: null, target: 3, unit: "x" },
    ],
    [
      "'must not drop below' is a floor",
      "Net promoter score must not drop below 35",
      { type: "maintain-above", baseline: null, target: 35, unit: null },
    ],
    [
      "'from X to under Y'",
      "Cut the average wait for a callback from 3.5 days to under 1 day",
      { type: "decrease", baseline: 3.5, target: 1, unit: "days" },
    ],
    [
      "sizes of data converted",
      "Shrink the Docker image from 1.2GB to under 400MB",
      { type: "decrease", baseline: 1200, target: 400, unit: "MB" },
    ],
    [
      "'(it was N)' in another unit of time",
      "Get the mean time to restore down to 30 min (it was 2.5 h over the last 12 months)",
      { type: "decrease", baseline: 150, target: 30, unit: "minutes", current: 150 },
    ],
    [
      "'(we had N)' and the means after 'by'",
      "Grow the newsletter to 25,000 subscribers (we had 18,400 on 1 July) by writing one feature per week",
      { type: "increase", baseline: 18400, target: 25000, unit: "subscribers", current: 18400 },
    ],
    [
      "'to Y from X' with the unit between",
      "Grow paid memberships to 320 households from 245",
      { type: "increase", baseline: 245, target: 320, unit: "households" },
    ],
    [
      "'from X last quarter to Y'",
      "Grow the number of first-time contributors from 22 last quarter to 40",
      { type: "increase", baseline: 22, target: 40, unit: "first-time contributors" },
    ],
    [
      "'from about a third to two thirds'",
      "Raise the share of issues with a reproducible example from about a third to two thirds",
      { type: "increase", baseline: 33.33, target: 66.67, unit: "%" },
    ],
    [
      "what is counted before 'of the'",
      "Increase weekly downloads of the CLI from 310k to 500k",
      { type: "increase", baseline: 310000, target: 500000, unit: "weekly downloads" },
    ],
    [
      "a bound after the unit",
      "Keep the wait for an archive box to 20 minutes or less on weekdays",
      { type: "maintain-below", baseline: null, target: 20, unit: "minutes" },
    ],
    [
      "'1.x' is a line of versions",
      "Maintain a median review turnaround of 2 business days or less throughout the 1.x cycle",
      { type: "maintain-below", baseline: null, target: 2, unit: "business days" },
    ],
    [
      "'stay above' on a count is a floor",
      "Ensure weekly active users stay above 12,000 after the migration",
      { type: "maintain-above", baseline: null, target: 12000, unit: "weekly active users" },
    ],
    [
      "a time that says which ones count",
      "Keep the share of pages reviewed in the last 12 months above 90%",
      { type: "maintain-above", baseline: null, target: 90, unit: "%" },
    ],
    [
      "'Eliminate X (currently N)' goes down from N",
      "Eliminate manual steps from the release pipeline (currently 7)",
      { type: "decrease", baseline: 7, target: 0, unit: "manual steps", current: 7 },
    ],
    [
      "an -able word after the counted noun",
      "Zero data breaches reportable to the regulator",
      { type: "maintain-below", baseline: null, target: 0, unit: "data breaches" },
    ],
    [
      "a participle after the counted noun",
      "Close or triage 300 issues labelled needs-triage",
      { type: "increase", baseline: null, target: 300, unit: "issues" },
    ],
    ["a deliverable verb before 'more'", "Support more languages in the app", notMeasurable],
    ["versions after 'support for'", "Drop support for Node 18 and Python 3.9", none],
    ["a tax status", "Agree a fiscal sponsorship arrangement with a 501(c)(3) host", none],
    // Probe sets 9 and 10 (invented, labelled sentences: personal and small-organisation OKRs,
    // and OKRs written by teams whose first language is not English).
    [
      "a decimal comma",
      "Unsubscribe rate of newsletter not more then 0,5%",
      { type: "maintain-below", baseline: null, target: 0.5, unit: "%" },
    ],
    [
      "a decimal comma on a scale",
      "Students satisfaction with courses min. 4,6/5",
      { type: "maintain-above", baseline: null, target: 4.6, unit: null },
    ],
    [
      "spaces between thousands",
      "Grow registered users from 12 500 to 20 000",
      { type: "increase", baseline: 12500, target: 20000, unit: "registered users" },
    ],
    [
      "'till' before a number is 'to'",
      "Reduce no-show of patients on appointments from 18% till 10%",
      { type: "decrease", baseline: 18, target: 10, unit: "%" },
    ],
    [
      "'on N%' after a change is 'by N%'",
      "Increase of sales on 20% till end of Q2",
      { type: "increase", baseline: 0, target: 20, unit: "% increase" },
    ],
    [
      "'on N% of' is a scope, not a change",
      "Increase conversion on 20% of landing pages to 5%",
      { type: "increase", baseline: null, target: 5, unit: "%" },
      "low",
    ],
    [
      "'not less than' holds a floor",
      "Average webinar attendance not less than 150 people",
      { type: "maintain-above", baseline: null, target: 150, unit: "people" },
    ],
    [
      "'not more than' holds a ceiling",
      "Fundraising costs not more than 15% from raised money",
      { type: "maintain-below", baseline: null, target: 15, unit: "%" },
    ],
    [
      "'never fewer than' holds a floor",
      "Never fewer than 2 adult leaders at every youth event",
      { type: "maintain-above", baseline: null, target: 2, unit: "adult leaders" },
    ],
    [
      "'not a single' is none",
      "Not a single data breach in 2026",
      { type: "maintain-below", baseline: null, target: 0, unit: "data breach" },
    ],
    [
      "a change named as a noun, with no number",
      "Growth of brand awareness in Germany",
      notMeasurable,
    ],
    ["'be happier' is an aim", "Be happier at work", notMeasurable],
    [
      "a verb after the measure's name",
      "Backlog items decrease to 40 (was 55)",
      { type: "decrease", baseline: 55, target: 40, unit: "items", current: 55 },
    ],
    [
      "a scorecard name with a number in what it is per",
      "Defects per 1000 units: from 8 to 3",
      { type: "decrease", baseline: 8, target: 3, unit: "Defects/1000 units" },
    ],
    [
      "a scorecard name that ends at a word with a plus",
      "Open vulnerabilities critical+high: 48 -> 10",
      { type: "decrease", baseline: 48, target: 10, unit: "Open vulnerabilities" },
    ],
    [
      "glued kilograms",
      "Bring my weight from 88kg to 80kg",
      { type: "decrease", baseline: 88, target: 80, unit: "kg" },
    ],
    [
      "'or less' after a short unit",
      "Weigh 75 kg or less by my birthday",
      { type: "maintain-below", baseline: null, target: 75, unit: "kg" },
    ],
    [
      "words between 'from X' and 'to Y'",
      "Smoke from 10 cigarettes a day to 0 by March",
      { type: "decrease", baseline: 10, target: 0, unit: "cigarettes/day" },
    ],
    [
      "'down from X last term to Y'",
      "Get the tutor group's detentions down from 22 last term to 10",
      { type: "decrease", baseline: 22, target: 10, unit: "tutor group's detentions" },
    ],
    [
      "money written with the first number, 'zero' the second",
      "Cut the club's overdraft from £4,000 to zero",
      { type: "decrease", baseline: 4000, target: 0, unit: "£" },
    ],
    [
      "'(last year N)' before a multiplier",
      "Double our Christmas toy appeal (last year 150 toys)",
      { type: "increase", baseline: 150, target: 300, unit: "toys", current: 150 },
    ],
    [
      "the counted noun before 'on the'",
      "Keep unanswered DMs on the shop account under 5",
      { type: "maintain-below", baseline: null, target: 5, unit: "unanswered DMs" },
    ],
    [
      "hours 'a week'",
      "Spend no more than 10 hours a week on marking",
      { type: "maintain-below", baseline: null, target: 10, unit: "hours/week" },
    ],
    [
      "'due' ends the counted noun",
      "Zero abandoned fixtures due to lack of refs",
      { type: "maintain-below", baseline: null, target: 0, unit: "abandoned fixtures" },
    ],
    // From held-out-14, once moved to tune (invented sentences of the same forms).
    [
      "people who habitually do something",
      "Core team members regularly review community pull requests",
      notMeasurable,
    ],
    [
      "what people report",
      "Workshop attendees report confidence and positive experiences using the tools",
      notMeasurable,
    ],
    [
      "a direction, not a deliverable",
      "Development towards single sign-on for all apps",
      notMeasurable,
    ],
    [
      "'at least N new' is a count to reach",
      "Adapt the platform for at least 3 new partner schools",
      { type: "increase", baseline: null, target: 3, unit: "partner schools" },
    ],
    [
      "'Complete N additional' is a count to reach",
      "Complete 4 additional modules on the course roadmap",
      { type: "increase", baseline: null, target: 4, unit: "modules" },
    ],
    [
      "a report published is still a deliverable",
      "Publish a report on the state of the community",
      none,
    ],
    // From held-out-9, once moved to tune (invented sentences of the same forms).
    ["a version before 'or'", "Upgrade to Postgres 16 or move to a managed database", none],
    [
      "a time to wait brought to a level",
      "bring CI build time to 12 minutes for every pull request",
      { type: "maintain-below", baseline: null, target: 12, unit: "minutes" },
    ],
    ["a version before 'released'", "Get libfoo 2.4 released", none],
    [
      "'one million'",
      "Having one million downloads across all package registries",
      { type: "increase", baseline: null, target: 1000000, unit: "downloads" },
    ],
    [
      "'worldwide' ends the counted noun",
      "Having 5,000 schools worldwide using the curriculum",
      { type: "increase", baseline: null, target: 5000, unit: "schools" },
    ],
    [
      "'have an improved' is an aim, whatever its quotation says",
      'Maintainers have an improved understanding of the roadmap, "the plan is published"',
      notMeasurable,
    ],
    [
      "a deliverable that ends in a question",
      "retire the old wiki in favour of … the docs site? a forum?",
      none,
      "low",
    ],
  ];
  // The confidence mark is taken as a rest parameter: a fourth named one would make Jest wait for
  // a `done` callback on the rows without it.
  test.each(cases)("%s: %s", (_form, text, expected, ...mark) => {
    const confidence = mark[0];
    expect(fields(text)).toEqual({ current: null, ...expected });
    const { measurable, confidence: given } = parseKeyResult(text);
    expect(measurable).toBe(expected.type !== null);
    if (confidence === "low") expect(given).toBeLessThan(AMBIGUOUS_BELOW);
    else expect(given).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
  });
});

/**
 * Confidence (issue 11): below 0.5 a person should look. Fragile situations lower it whatever the
 * form, each with its reason; the same sentence without the doubt stays confident.
 */
describe("fragile readings are below 0.5, with the reason; their plain twins are not", () => {
  test.each([
    [
      "a count of more than one with a singular noun (a name or a size, not a count)",
      "Publish 3 reference architecture",
      "a count of more than one with a singular noun",
      "Publish 3 reference architectures",
    ],
    [
      "a count of more than one with a capitalised singular noun (a name, not a count)",
      "Deploy 4 Grafana",
      "a count of more than one with a singular noun",
      "Deploy 4 Grafana dashboards",
    ],
    [
      "a floor reached with 'to' after a verb not known to raise or keep",
      "Bring retention to 40% or more",
      "may also be a level to reach",
      "Keep retention at 40% or more",
    ],
    [
      "a count of exactly 1 with no 'at least', after a verb that does not take a count",
      "Elevate 1 onboarding practice to the steering committee",
      'a count of 1 with no "at least"',
      "Elevate at least 1 onboarding practice to the steering committee",
    ],
    [
      "a number inside a subordinate clause",
      "Admins can see the dashboard when the instance reaches 100% availability",
      "in a clause that describes",
      "The instance reaches 100% availability",
    ],
    [
      "a noun phrase that runs past the words a unit may have",
      "Onboard 5 large regional enterprise financial services companies",
      "the noun phrase goes on past 4 words",
      "Onboard 5 enterprise companies",
    ],
    [
      "'≥' before a share with no verb to keep it: a level to reach or a floor",
      "Achieve ≥ 90% precision on the test set",
      "may also be a floor to hold",
      "Achieve 90% precision on the test set",
    ],
    [
      "a counted noun followed by 'of' and a bare plural noun",
      "Attract 15 relevant profiles of applicants through the developer community",
      'followed by "of" and a plural noun',
      "Attract 15 relevant applicants through the developer community",
    ],
    [
      "a target that is one end of a range",
      "Interview 5-8 customers about onboarding",
      "one end of a range",
      "Interview 8 customers about onboarding",
    ],
    [
      "a number in a clause that describes what a deliverable verb delivers",
      "Ship a status page where customers see an outage in under 2 minutes",
      'it may describe what "ship" delivers',
      "Customers see an outage on the status page in under 2 minutes",
    ],
    [
      "an amount of money given out: a means, perhaps the allocation itself",
      "Allocate $5,000 to community grants",
      "money given out",
      "Raise $5,000 for community grants",
    ],
    [
      "a count of one that is itself scope",
      "A licence agreement with 1 payment provider",
      "every number says what counts or the scope",
      "Sign 1 payment provider",
    ],
    [
      "a deliverable verb joined to an aim ('Support and promote')",
      "Support and promote community meetups",
      '"support" and "promote" are joined',
      "Support community meetups",
    ],
    [
      "an aim joined to a deliverable verb ('Improve and refresh')",
      "Improve and refresh the onboarding guide",
      '"improve" and "refresh" are joined',
      "Refresh the onboarding guide",
    ],
    [
      "a number left as scope that has a bound, as a target does",
      "Run 4 hackathons with more than 200 participants",
      'has a bound ("at least", "more than"), as a target does',
      "Run 4 hackathons with 200 participants",
    ],
    [
      "named work whose object is a quality to grow, not a thing to deliver",
      "Give more visibility to volunteer work",
      "it reads as an aim",
      "Give a talk to volunteer groups",
    ],
    [
      "a plural noun inside the unit: the noun phrase ran into a verb",
      "2k readers send feedback to the editors",
      "a plural noun inside the unit",
      "Reach 2k readers of the newsletter",
    ],
    [
      "named work in an -ing form with an object",
      "Networking with regional meetups",
      "it reads as an aim",
      "Network map of regional meetups",
    ],
    [
      "an aim and, after 'by', the work that serves it",
      "Improve volunteer engagement by providing more mentoring sessions",
      "names work that serves the aim",
      "Improve volunteer engagement",
    ],
  ])("%s", (_name, fragile, reason, plain) => {
    const doubtful = parseKeyResult(fragile);
    expect(doubtful.confidence).toBeLessThan(AMBIGUOUS_BELOW);
    expect(doubtful.reason).toContain(reason);
    expect(parseKeyResult(plain).confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
  });
});
