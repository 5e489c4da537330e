import type { Plan } from "../../okr/model";
import {
  instantiate,
  TEMPLATE_CATEGORIES,
  type Template,
  type TemplateCategory,
} from "../../okr/templates";
import type { PlanHeader } from "./insertForm";

/** The gallery's search, without React: which templates match, grouped by category. */

export interface TemplateGroup {
  category: TemplateCategory;
  templates: Template[];
}

/** A template's text the search looks in: title, category and every key result's sentence. */
function searchText(template: Template): string {
  return [
    template.title,
    template.category,
    ...template.plan.objectives.flatMap((objective) =>
      objective.keyResults.map((keyResult) => keyResult.text)
    ),
  ]
    .join("\n")
    .toLocaleLowerCase();
}

/**
 * The templates that contain every word of the query (any case, anywhere in the title, category
 * or key results), grouped by category in the framework's order; empty groups are left out.
 */
export function searchTemplates(all: readonly Template[], query: string): TemplateGroup[] {
  const words = query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "");
  const matching = all.filter((template) => {
    const text = searchText(template);
    return words.every((word) => text.includes(word));
  });
  return TEMPLATE_CATEGORIES.map((category) => ({
    category,
    templates: matching.filter((template) => template.category === category),
  })).filter((group) => group.templates.length > 0);
}

export function countOf(groups: readonly TemplateGroup[]): number {
  return groups.reduce((sum, group) => sum + group.templates.length, 0);
}

/**
 * A template's plan with the insert form's header, as `okr new --template` fills it from its
 * options. Here, not in insertForm.ts, so that "From my own text" (which shares the form) does
 * not load the catalogue.
 */
export function templatePlan(template: Template, header: PlanHeader): Plan {
  return instantiate(template, { ...header, contributors: header.contributors.join(", ") });
}
