import { catalogueSources } from "./catalogue";
import { buildTemplate, type Template } from "./template";

export {
  buildTemplate,
  HEADER_PARAMETERS,
  instantiate,
  overridesOf,
  periodOf,
  TEMPLATE_CATEGORIES,
  type KeyResultSource,
  type ObjectiveSource,
  type Override,
  type Template,
  type TemplateCategory,
  type TemplateParameter,
  type TemplateSource,
} from "./template";
export { catalogueSources } from "./catalogue";

/** The catalogue: every OKR set of the framework, ready to instantiate. */
export const templates: readonly Template[] = catalogueSources.map(buildTemplate);

export function templateById(id: string): Template | undefined {
  return templates.find((template) => template.id === id);
}
