export {
  isRuleId,
  RULES,
  ruleById,
  STRUCTURE_RULE_IDS,
  type RuleId,
  type StructureRuleId,
} from "./catalogue";
export { checkWorkbook } from "./check";
export { hasQualityMetric, isActivity, isAiObjective } from "./heuristics";
export {
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
} from "./types";
