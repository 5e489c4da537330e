/**
 * The OKR Studio library: the scoring engine of the OKR.* worksheet functions, for Node.
 * `import { score, progress, status, grade, health, pace } from "okr-studio"`.
 */
export { OkrError, type ErrorCode } from "./errors";
export {
  KEY_RESULT_TYPES,
  type KeyResultType,
  grade,
  health,
  pace,
  paceDetails,
  type PaceDetails,
  progress,
  score,
  status,
} from "./scoring";
export * from "./thresholds";
export type {
  Alignment,
  KeyResult,
  KeyResultValue,
  Note,
  Objective,
  Plan,
  PlanStatus,
} from "./model";
export { PLAN_STATUSES } from "./model";
export { AMBIGUOUS_BELOW, parseKeyResult, type ParsedKeyResult } from "./parser";
export {
  importPlan,
  type ImportedPlan,
  type ImportProblem,
  type ImportProblemKind,
  type ImportResult,
} from "./import";
export {
  instantiate,
  templateById,
  templates,
  TEMPLATE_CATEGORIES,
  type Template,
  type TemplateCategory,
  type TemplateParameter,
} from "./templates";
export {
  checkWorkbook,
  RULES,
  SEVERITIES,
  type CheckOptions,
  type Finding,
  type FindingCell,
  type FindingName,
  type KeyResultFacts,
  type Location,
  type Rule,
  type Severity,
  type StructureFinding,
  type WorkbookFacts,
} from "./rules";
export type { PeriodDates } from "./period";
export {
  summarize,
  SUMMARY_ERROR,
  SUMMARY_STATUSES,
  type KeyResultSummary,
  type ObjectiveSummary,
  type PaceRisk,
  type StaleKeyResult,
  type Summary,
  type SummaryError,
  type SummaryOptions,
  type SummaryStatus,
} from "./summary";
