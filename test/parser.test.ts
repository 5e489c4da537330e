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

  test("a sentence whose only number is a 360° view is not measurable", () => {
    expect(
      parseKeyResult("Provide agents with 360° customer view in unified workspace").measurable
    ).toBe(false);
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
  test.each([
    "Deploy chatbot",
    "Complete red team security testing with all critical issues resolved",
    "Maintain conversation context and sentiment score through bot-to-human handoff",
    "Implement seamless escalation from Copilot Studio bot to D365 Contact Center agents with full context",
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
      "a scope that is a number too",
      "Achieve ≥ 85% model accuracy across 3 production models",
      "a second metric is not scored: 3 production models",
    ],
    [
      "two numbers",
      "Launch 2 new AI-powered products generating $3M ARR",
      "a second metric is not scored: $3,000,000",
    ],
    ["a reduction with no baseline", "Reduce churn to 5%", "state the current value"],
  ])("%s", (_name, text, reason) => {
    const result = parseKeyResult(text);
    expect(result.confidence).toBeLessThan(AMBIGUOUS_BELOW);
    expect(result.reason).toContain(reason);
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
