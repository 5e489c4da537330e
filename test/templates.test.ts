import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseKeyResult, AMBIGUOUS_BELOW } from "../src/okr/parser";
import { grade, score } from "../src/okr/scoring";
import {
  catalogueSources,
  instantiate,
  overridesOf,
  periodOf,
  templateById,
  templates,
} from "../src/okr/templates";

const framework = readFileSync(join(__dirname, "fixtures", "ai-okr-framework.md"), "utf8");

test("the catalogue's ids, in the framework's order, are stable", () => {
  expect(templates.map((template) => `${template.category}: ${template.id}`)).toEqual([
    "AI project: predictive-analytics",
    "AI project: nlp-chatbot",
    "AI project: computer-vision",
    "AI project: ai-platform",
    "AI project: generative-ai",
    "AI project: copilot-studio",
    "AI project: d365-contact-center",
    "AI project: copilot-studio-d365",
    "Business value: revenue-growth",
    "Business value: cost-reduction",
    "Business value: customer-experience",
    "Business value: innovation-capabilities",
    "Stakeholder: data-science-team",
    "Stakeholder: mlops-platform-team",
    "Stakeholder: product-business-team",
    "Example: completed-cv-q4-2025",
    "Example: alignment-example",
    "Example: dashboard-example",
  ]);
});

describe("the catalogue holds every objective and key result of the document", () => {
  const objectives = templates.flatMap((template) => template.plan.objectives);
  const keyResults = objectives.flatMap((objective) => objective.keyResults);

  test("as many objectives as the document has", () => {
    const headed = framework.match(/^#### Objective[^\n]*$/gm) ?? [];
    const bold = framework.match(/^\*\*Objective:\*\*/gm) ?? [];
    const sample = framework.match(/^### Objective:/gm) ?? [];
    const alignment = framework.match(/^\*\*AI Project Objective:\*\*/gm) ?? [];
    const dashboard = framework.match(/^\| Obj \d+:/gm) ?? [];
    expect(objectives).toHaveLength(
      headed.length + bold.length + sample.length + alignment.length + dashboard.length
    );
    expect(objectives).toHaveLength(26);
  });

  test("as many key results as the document has, each with its sentence", () => {
    const checkboxes = (framework.match(/^- \[ \] .+$/gm) ?? []).filter(
      (line) => !/Executive Sponsor|Product Lead|Engineering Lead|Business Owner/.test(line)
    );
    const sample = framework.match(/^\d\. [✅🟡❌] \*\*/gmu) ?? [];
    const alignment =
      framework
        .slice(
          framework.indexOf("**AI Project Objective:**"),
          framework.indexOf("## OKR Templates by AI Project Type")
        )
        .match(/^\d\. .+$/gm) ?? [];
    const dashboard = framework.match(/^\| KR \d\.\d:/gm) ?? [];
    expect(keyResults).toHaveLength(
      checkboxes.length + sample.length + alignment.length + dashboard.length
    );
    expect(keyResults).toHaveLength(102);
    const sentences = new Set(keyResults.map((kr) => kr.text));
    for (const line of checkboxes) expect(sentences).toContain(line.replace(/^- \[ \] /, ""));
  });

  test("every objective has its owner and timeline", () => {
    for (const objective of objectives) {
      expect(objective.owner).toBeTruthy();
      expect(objective.timeline).toBeTruthy();
    }
  });

  test("owners and timelines are the document's", () => {
    // The document's header block names the plan owner "[Executive Sponsor]"; objectives name theirs.
    const owners = [...framework.matchAll(/^\*\*Owner:\*\* (.+?)\s*$/gm)]
      .map((match) => match[1])
      .filter((owner) => !owner.startsWith("["));
    const timelines = [...framework.matchAll(/^\*\*Timeline:\*\* (.+?)\s*$/gm)].map(
      (match) => match[1]
    );
    const stated = objectives.filter((objective) => owners.includes(objective.owner ?? ""));
    expect(stated.map((objective) => objective.owner)).toEqual(owners);
    expect(stated.map((objective) => objective.timeline)).toEqual(timelines);
  });

  test("notes are kept: technology stack, use cases, AI capabilities, integration scenarios and architecture, customer journey, sub-bullets", () => {
    const headings = objectives.flatMap((objective) => objective.notes.map((note) => note.heading));
    expect(headings).toEqual(
      expect.arrayContaining([
        "Technology Stack",
        "Use Cases",
        "AI Capabilities",
        "Integration Scenarios",
        "Integration Architecture",
        "Customer Journey Flow",
        "Lessons Learned",
        "Next Quarter Actions",
      ])
    );
    const costs = templateById("cost-reduction")!.plan.objectives[0].keyResults;
    expect(costs[0].notes).toEqual([
      "Copilot Studio deflection: 65% of inquiries automated ($1.2M savings)",
      "D365 Contact Center efficiency: 40% productivity gain ($800K savings)",
    ]);
    expect(costs[2].notes).toEqual([
      "Cloud-native CCaaS vs on-premises: 45% infrastructure cost reduction",
    ]);
  });
});

describe("each key result's fields are what the parser reads, or an override says why not", () => {
  const cases = catalogueSources.flatMap((source) =>
    source.objectives.flatMap((objective, o) =>
      objective.keyResults.map((kr, k) => ({ id: `${source.id} O${o + 1}.KR${k + 1}`, kr }))
    )
  );

  test.each(cases.filter(({ kr }) => !kr.override))("$id: $kr.text", ({ kr }) => {
    const parsed = parseKeyResult(kr.text);
    expect({ type: kr.type, baseline: kr.baseline, target: kr.target, unit: kr.unit }).toEqual({
      type: parsed.type,
      baseline: parsed.baseline,
      target: parsed.target,
      unit: parsed.unit,
    });
    // A reading the parser is unsure of must be reviewed and stated as an override.
    expect(parsed.measurable).toBe(true);
    expect(parsed.confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
  });

  // An override that states what the parser reads anyway is there for a person's review; the
  // parser's doubt on it must be one of these, each a second metric, a bound it cannot place, or a count from 0 new with no current count.
  // Any other fell below 0.5 by a doubt that does not apply (as "across 50+ topics" once did).
  const rightlyDoubtful = [
    "predictive-analytics O2.KR2", // 99.9% uptime with < 100ms latency: a second metric
    "nlp-chatbot O2.KR1", // 20 new intents covering 95% (Current: 60%): a second metric
    "nlp-chatbot O2.KR3", // 3 additional languages with no current count: from 0 new or a count
    "revenue-growth O1.KR3", // 3 new markets with no current count: from 0 new or a count
    "revenue-growth O1.KR4", // 2 new products generating $3M ARR: a second metric
    "data-science-team O1.KR1", // "≥ 85%" with no verb to keep it: a level or a floor
    "product-business-team O1.KR1", // 3 new features with > 80% user adoption: a second metric
  ];
  const readAsOverridden = cases.filter(({ kr }) => {
    const parsed = parseKeyResult(kr.text);
    return (
      kr.override !== undefined &&
      kr.type === parsed.type &&
      kr.baseline === parsed.baseline &&
      kr.target === parsed.target &&
      kr.unit === parsed.unit
    );
  });
  test.each(readAsOverridden)(
    "$id, overridden as read: confident unless rightly doubtful",
    ({ id, kr }) => {
      const { confidence } = parseKeyResult(kr.text);
      if (rightlyDoubtful.includes(id)) expect(confidence).toBeLessThan(AMBIGUOUS_BELOW);
      else expect(confidence).toBeGreaterThanOrEqual(AMBIGUOUS_BELOW);
    }
  );

  test("the list of rightly doubtful overrides names overrides stated as read", () => {
    const ids = readAsOverridden.map(({ id }) => id);
    expect(rightlyDoubtful.filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.length).toBeGreaterThan(rightlyDoubtful.length);
  });

  test("every override, and why", () => {
    const overrides = catalogueSources.flatMap((source) =>
      overridesOf(source).map((override) => `${source.id} ${override.keyResultId}`)
    );
    expect(overrides).toEqual([
      "predictive-analytics O2.KR2",
      "nlp-chatbot O2.KR1",
      "nlp-chatbot O2.KR3",
      "computer-vision O2.KR1",
      "generative-ai O2.KR3",
      "copilot-studio O1.KR1",
      "copilot-studio O1.KR2",
      "copilot-studio O2.KR4",
      "d365-contact-center O3.KR2",
      "copilot-studio-d365 O1.KR1",
      "copilot-studio-d365 O1.KR4",
      "revenue-growth O1.KR3",
      "revenue-growth O1.KR4",
      "cost-reduction O1.KR2",
      "data-science-team O1.KR1",
      "product-business-team O1.KR1",
      "completed-cv-q4-2025 O1.KR1",
      "completed-cv-q4-2025 O1.KR2",
      "completed-cv-q4-2025 O1.KR3",
      "completed-cv-q4-2025 O1.KR4",
    ]);
    for (const source of catalogueSources)
      for (const override of overridesOf(source))
        expect(override.reason.length).toBeGreaterThan(20);
  });

  test("the deliverables with no number are milestones", () => {
    const milestones = templates
      .flatMap((template) => template.plan.objectives.flatMap((objective) => objective.keyResults))
      .filter((kr) => kr.type === "milestone");
    expect(milestones.map((kr) => kr.text)).toEqual([
      "Complete red team security testing with all critical issues resolved",
      "Provide agents with 360° customer view in unified workspace (single pane of glass)",
      "Implement seamless escalation from Copilot Studio bot to D365 Contact Center agents with full context",
      "Maintain conversation context and sentiment score through bot-to-human handoff",
    ]);
  });
});

describe("the completed Q4 2025 sample", () => {
  const objective = templateById("completed-cv-q4-2025")!.plan.objectives[0];
  const scores = objective.keyResults.map((kr) =>
    score(kr.baseline, kr.target, kr.current, kr.type)
  );

  test("its key results score as the engine computes them", () => {
    expect(scores.map((value) => Number(value!.toFixed(2)))).toEqual([1, 0.81, 0.79, 0.33]);
  });

  test("it keeps the scores the document reports, which do not all agree with the numbers", () => {
    expect(objective.keyResults.map((kr) => kr.recordedScore)).toEqual([1, 0.81, 0.69, 0.33]);
    expect(objective.recordedScore).toBe(0.75);
    expect(Number(grade(scores)!.toFixed(2))).toBe(0.73);
  });
});

describe("using a template", () => {
  test("fills the header placeholders with the values given", () => {
    const plan = instantiate(templateById("predictive-analytics")!, {
      project: "Churn radar",
      period: "2026-Q1",
      owner: "Dana Lee",
      contributors: "Ari, Bo ,  Cy",
      useCase: "customer churn",
    });
    expect(plan).toMatchObject({
      project: "Churn radar",
      period: "2026-Q1",
      owner: "Dana Lee",
      contributors: ["Ari", "Bo", "Cy"],
      status: "Draft",
    });
    expect(plan.objectives[0].title).toBe(
      "Build accurate predictive model for customer churn that drives business value"
    );
    expect(JSON.stringify(plan)).not.toMatch(
      /\[(Project Name|Executive Sponsor|Team Members|use case)\]|Q\[Quarter\]/
    );
  });

  test("without values it uses each parameter's default and leaves an unnamed use case visible", () => {
    const plan = instantiate(templateById("predictive-analytics")!);
    expect(plan).toMatchObject({
      project: "Predictive Analytics / Machine Learning Model",
      period: "Q1-Q2 2026",
      owner: "ML Engineering Lead",
      contributors: [],
    });
    expect(plan.objectives[0].title).toContain("[use case]");
  });

  test("placeholders inside objectives are filled too", () => {
    const plan = instantiate(templateById("data-science-team")!, {
      period: "2026-Q3",
      owner: "Sam",
    });
    expect(plan.objectives[0].timeline).toBe("2026-Q3");
    expect(
      instantiate(templateById("completed-cv-q4-2025")!, { owner: "Sam" }).objectives[0].owner
    ).toBe("Sam");
  });

  test("every template instantiates to a plan with ids, weights and owners on every key result", () => {
    for (const template of templates) {
      const plan = instantiate(template, { owner: "Owner" });
      plan.objectives.forEach((objective, o) => {
        expect(objective.id).toBe(`O${o + 1}`);
        objective.keyResults.forEach((kr, k) => {
          expect(kr.id).toBe(`O${o + 1}.KR${k + 1}`);
          expect(kr.weight).toBe(1);
          expect(kr.owner).toBe(objective.owner);
        });
      });
    }
  });

  test.each([
    [["Q1 2026"], "2026-Q1"],
    [["Q1 2026", "Q2 2026"], "Q1-Q2 2026"],
    [["Q1-Q2 2026", "Q3 2026"], "Q1-Q3 2026"],
    [["Q2-Q4 2026", "Q3-Q4 2026", "Q2-Q3 2026"], "Q2-Q4 2026"],
    [["FY 2026"], "FY 2026"],
    [[null], ""],
  ])("the default period spans the objectives' timelines: %p → %p", (timelines, period) => {
    expect(periodOf(timelines)).toBe(period);
  });
});
