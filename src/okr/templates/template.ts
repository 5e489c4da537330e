import type { KeyResult, Objective, Plan } from "../model";
import type { KeyResultType } from "../scoring";

/**
 * A catalogue template: one OKR set of the framework, with the placeholders it is written with
 * ("[Project Name]", "Q[Quarter] [Year]", …) and the values that fill them when it is used.
 */

export const TEMPLATE_CATEGORIES = [
  "AI project",
  "Business value",
  "Stakeholder",
  "Example",
] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export interface TemplateParameter {
  /** The name a caller fills it by: `project`, `period`, `owner`, `contributors`, `useCase`. */
  name: string;
  /** The placeholder as the framework writes it. */
  placeholder: string;
  description: string;
  /** The value used when none is given. */
  default: string;
}

export interface Template {
  /** Stable: users and workbooks refer to it. */
  id: string;
  title: string;
  category: TemplateCategory;
  parameters: TemplateParameter[];
  /** The plan with its placeholders in place. */
  plan: Plan;
}

/**
 * A key result whose structured fields are not what the parser reads from its text alone, and
 * why: a sentence with two metrics, a baseline the document states on its own line, a deliverable
 * the framework writes without a number.
 */
export interface Override {
  keyResultId: string;
  reason: string;
}

/** What a key result of the catalogue is written as: its sentence and its fields. */
export interface KeyResultSource {
  text: string;
  type: KeyResultType | null;
  baseline: number | null;
  target: number | null;
  unit: string | null;
  current?: number | boolean | null;
  notes?: string[];
  recordedScore?: number;
  quarterlyTargets?: [number, number, number, number];
  /** Set when the fields differ from the parser's reading of the text: why. */
  override?: string;
}

export interface ObjectiveSource extends Omit<Objective, "id" | "keyResults" | "notes" | "kind"> {
  kind?: Objective["kind"];
  notes?: Objective["notes"];
  keyResults: KeyResultSource[];
}

export interface TemplateSource {
  id: string;
  title: string;
  category: TemplateCategory;
  /** Extra placeholders of this set beyond the plan header's, e.g. `[use case]`. */
  extraParameters?: TemplateParameter[];
  status?: Plan["status"];
  alignment?: Plan["alignment"];
  objectives: ObjectiveSource[];
}

/** The plan header's placeholders, as the framework's header block writes them. */
export const HEADER_PARAMETERS: readonly Omit<TemplateParameter, "default">[] = [
  { name: "project", placeholder: "[Project Name]", description: "The project the OKRs are for" },
  {
    name: "period",
    placeholder: "Q[Quarter] [Year]",
    description: "The period: 2026-Q1, or a range such as Q1-Q2 2026",
  },
  {
    name: "owner",
    placeholder: "[Executive Sponsor]",
    description: "The executive sponsor who owns the plan",
  },
  {
    name: "contributors",
    placeholder: "[Team Members]",
    description: "Team members, separated by commas",
  },
];

const QUARTER = /^Q([1-4])(?:-Q([1-4]))? (\d{4})$/;

/** The period that the objectives' timelines span: "2026-Q1", "Q1-Q2 2026", "FY 2026", or "". */
export function periodOf(timelines: (string | null)[]): string {
  const given = timelines.filter((timeline): timeline is string => !!timeline);
  if (given.length === 0) return "";
  const quarters = given.map((timeline) => QUARTER.exec(timeline));
  if (quarters.every((match) => match !== null)) {
    const years = new Set(quarters.map((match) => match![3]));
    if (years.size === 1) {
      const year = [...years][0];
      const first = Math.min(...quarters.map((match) => Number(match![1])));
      const last = Math.max(...quarters.map((match) => Number(match![2] ?? match![1])));
      return first === last ? `${year}-Q${first}` : `Q${first}-Q${last} ${year}`;
    }
  }
  const distinct = [...new Set(given)];
  return distinct.length === 1 ? distinct[0] : `${distinct[0]} – ${distinct[distinct.length - 1]}`;
}

/** Builds a template from its source: ids, defaults, the plan. */
export function buildTemplate(source: TemplateSource): Template {
  const objectives: Objective[] = source.objectives.map((objective, index) => {
    const id = `O${index + 1}`;
    const { keyResults, kind, notes, ...rest } = objective;
    return {
      id,
      ...rest,
      kind: kind ?? "aspirational",
      notes: notes ?? [],
      keyResults: keyResults.map((kr, krIndex): KeyResult => {
        const { override, notes: krNotes, current, ...fields } = kr;
        void override;
        return {
          id: `${id}.KR${krIndex + 1}`,
          ...fields,
          current: current ?? null,
          weight: 1,
          owner: objective.owner,
          notes: krNotes ?? [],
        };
      }),
    };
  });
  const period = periodOf(objectives.map((objective) => objective.timeline));
  const owner = objectives.find((objective) => objective.owner)?.owner ?? "";
  const defaults: Record<string, string> = {
    project: source.title,
    period,
    owner,
    contributors: "",
  };
  return {
    id: source.id,
    title: source.title,
    category: source.category,
    parameters: [
      ...HEADER_PARAMETERS.map((parameter) => ({
        ...parameter,
        default: defaults[parameter.name],
      })),
      ...(source.extraParameters ?? []),
    ],
    plan: {
      project: "[Project Name]",
      period: "Q[Quarter] [Year]",
      owner: "[Executive Sponsor]",
      contributors: ["[Team Members]"],
      status: source.status ?? "Draft",
      alignment: source.alignment ?? null,
      objectives,
    },
  };
}

/** The overrides a template's source states, with their reasons. */
export function overridesOf(source: TemplateSource): Override[] {
  return source.objectives.flatMap((objective, index) =>
    objective.keyResults.flatMap((kr, krIndex) =>
      kr.override ? [{ keyResultId: `O${index + 1}.KR${krIndex + 1}`, reason: kr.override }] : []
    )
  );
}

function fill(text: string, values: Map<string, string>): string {
  let result = text;
  for (const [placeholder, value] of values) result = result.split(placeholder).join(value);
  return result;
}

function fillDeep<T>(value: T, values: Map<string, string>): T {
  if (typeof value === "string") return fill(value, values) as T;
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, values)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillDeep(item, values)])
    ) as T;
  }
  return value;
}

/**
 * The template's plan with its placeholders filled: by the given values, else by each parameter's
 * default. A placeholder with neither (a use case nobody named) stays visible in the text, so the
 * person sees what is left to fill.
 */
export function instantiate(template: Template, given: Partial<Record<string, string>> = {}): Plan {
  const values = new Map<string, string>();
  for (const parameter of template.parameters) {
    const value = given[parameter.name]?.trim() || parameter.default;
    if (value) values.set(parameter.placeholder, value);
  }
  const contributors = (
    given.contributors ??
    template.parameters.find((p) => p.name === "contributors")?.default ??
    ""
  )
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const plan = fillDeep({ ...template.plan, contributors: [] as string[] }, values);
  return {
    ...plan,
    project: values.get("[Project Name]") ?? template.title,
    period: values.get("Q[Quarter] [Year]") ?? "",
    owner: values.get("[Executive Sponsor]") ?? "",
    contributors,
  };
}
